"""A list of choices stored as JSON, edited as checkboxes; choices come from portal.yaml."""
from django import forms
from django.db import models
from django.utils.module_loading import import_string


class ChoiceListField(models.JSONField):
    def __init__(self, *args, choices_from=None, **kwargs):
        self.choices_from = choices_from
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_from"] = self.choices_from
        return name, path, args, kwargs

    def choice_list(self):
        return import_string(self.choices_from)() if self.choices_from else []

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(choices=self.choice_list, required=not self.blank,
                                         widget=forms.CheckboxSelectMultiple, label=self.verbose_name.capitalize(),
                                         help_text=self.help_text)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {choice for choice, _ in self.choice_list()}
        unknown = [item for item in value or [] if item not in allowed]
        if unknown:
            raise forms.ValidationError(f"Unknown {self.verbose_name}: {', '.join(unknown)}")


class CodeListField(models.JSONField):
    """Language codes, typed as a comma-separated list ('en, de, ar')."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return CodeListFormField(required=not self.blank, label=self.verbose_name.capitalize(),
                                 help_text=self.help_text)


class CodeListFormField(forms.CharField):
    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [part.strip() for part in (value or "").split(",") if part.strip()]
