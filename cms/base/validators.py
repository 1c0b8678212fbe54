"""Form and model validation that says exactly what is wrong, using the generator's own rules."""
from django.core.exceptions import ValidationError

from portal import locales
from site_generator.schedule import parse_hours_range, parse_recurrence


def validate_latitude(value):
    if value is not None and not -90 <= value <= 90:
        raise ValidationError(f"Latitude {value} is out of range: it must be between -90 and 90.")


def validate_longitude(value):
    if value is not None and not -180 <= value <= 180:
        raise ValidationError(f"Longitude {value} is out of range: it must be between -180 and 180.")


def parse_hours_text(text):
    """'08:00-12:00, 13:00-15:30' -> ['08:00-12:00', '13:00-15:30']; '' -> [] (closed)."""
    ranges = [part.strip() for part in (text or "").split(",") if part.strip()]
    for part in ranges:
        parse_hours_range(part)
    return ranges


def validate_hours_text(text):
    try:
        parse_hours_text(text)
    except ValueError as error:
        raise ValidationError(f"Opening hours: {error}. Write ranges like 08:00-12:00, 13:00-15:30, "
                              f"or leave empty when closed.") from None


def validate_recurrence(text):
    if text:
        try:
            parse_recurrence(text)
        except ValueError as error:
            raise ValidationError(f"Recurrence: {error}") from None


def validate_language_codes(codes):
    for code in codes or []:
        try:
            locales.babel_locale(code)
        except ValueError as error:
            raise ValidationError(f"Languages spoken: {error}") from None
