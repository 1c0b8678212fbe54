"""Characters sent to DeepL, counted per locale and run; the monthly budget from portal.yaml."""
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from .client import DeepLStop


def used_this_month():
    from .models import TranslationRun

    start = timezone.localdate().replace(day=1)
    total = TranslationRun.objects.filter(started_at__date__gte=start).aggregate(total=Sum("characters_sent"))
    return total["total"] or 0


def remaining():
    return settings.PORTAL.budgets.deepl_characters_per_month - used_this_month()


def reserve(characters):
    """Stop cleanly, before sending, when this batch would pass the monthly budget."""
    left = remaining()
    if characters > left:
        raise DeepLStop(f"the monthly DeepL budget in portal.yaml is reached: {characters} characters to send, "
                        f"{max(left, 0)} left this month")
