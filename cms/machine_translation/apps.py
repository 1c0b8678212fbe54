from django.apps import AppConfig


class MachineTranslationConfig(AppConfig):
    name = "machine_translation"
    verbose_name = "Machine translation (DeepL)"

    def ready(self):
        from . import signals  # noqa: F401  (drafts follow every source publish)
