"""Blocks of a step-by-step page: ordered steps, documents per step, optional and either/or steps."""
from django.core.exceptions import ValidationError
from wagtail import blocks

from base.blocks import AnchorBlock, TextBlock


class DocumentsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(blocks.CharBlock(label="Document"), label="Documents needed", **kwargs)


class AlternativeBlock(blocks.StructBlock):
    title = blocks.CharBlock()
    body = TextBlock()
    documents = DocumentsBlock(required=False)

    class Meta:
        icon = "arrow-right"


class OptionalFlagBlock(blocks.BooleanBlock):
    """Whether a step may be skipped: structure, so it is never offered for translation."""

    def get_translatable_segments(self, value):
        return []


class StepBlock(blocks.StructBlock):
    step_id = AnchorBlock(label="Step id", help_text="The anchor of this step, the same in every language.")
    title = blocks.CharBlock()
    body = TextBlock(required=False, help_text="Leave empty when the step offers alternatives below.")
    documents = DocumentsBlock(required=False)
    optional = OptionalFlagBlock(required=False, help_text="The reader may skip this step.")
    either = blocks.ListBlock(AlternativeBlock(), required=False, label="Alternatives (either/or)",
                              help_text="Two or more ways to do this step; the reader picks one.")

    class Meta:
        icon = "list-ol"
        template = "guides/blocks/step_block.html"

    def clean(self, value):
        result = super().clean(value)
        alternatives = result.get("either") or []
        if alternatives and len(alternatives) < 2:
            raise blocks.StructBlockValidationError(
                block_errors={"either": ValidationError("An either/or step needs at least two alternatives.")})
        if not alternatives and not (result.get("body") and result["body"].source.strip()):
            raise blocks.StructBlockValidationError(
                block_errors={"body": ValidationError("Write what to do, or give two or more alternatives.")})
        return result


class StepsBlock(blocks.StreamBlock):
    step = StepBlock()

    class Meta:
        min_num = 1
