"""The 'Translations' panel on every page's edit view: the page's state in each locale."""
from wagtail.admin.panels import Panel


class TranslationStatePanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "base/panels/translation_states.html"

        def get_context_data(self, parent_context=None):
            from .states import page_states

            context = super().get_context_data(parent_context)
            context["states"] = page_states(self.instance) if self.instance.pk else []
            return context
