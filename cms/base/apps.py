from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "base"
    verbose_name = "Portal base"

    def ready(self):
        from . import signals  # noqa: F401  (connects the export to publish and unpublish)
