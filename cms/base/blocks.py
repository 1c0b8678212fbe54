"""StreamField blocks shared by every kind of page."""
from wagtail import blocks

ANCHOR_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class AnchorBlock(blocks.RegexBlock):
    """A stable anchor, the same in every locale: never offered for translation."""

    def __init__(self, **kwargs):
        super().__init__(regex=ANCHOR_PATTERN, error_messages={
            "invalid": "Use lowercase letters, digits and '-' only, e.g. documents-you-need."}, **kwargs)

    def get_translatable_segments(self, value):
        return []


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Heading")
    anchor = AnchorBlock(help_text="The part after # in links to this heading, the same in every language.")

    class Meta:
        icon = "title"
        template = "base/blocks/heading_block.html"


class TextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "base/blocks/text_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = TextBlock()

    class Meta:
        block_counts = {}
