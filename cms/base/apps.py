from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "base"
    verbose_name = "Portal base"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the deploy checks; connects the export)
