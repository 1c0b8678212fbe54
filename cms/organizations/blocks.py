from wagtail import blocks

CHANNEL_CHOICES = [(name, label) for name, label in (
    ("website", "Website"), ("email", "E-mail"), ("phone", "Phone"), ("whatsapp", "WhatsApp"),
    ("telegram", "Telegram"), ("signal", "Signal"), ("facebook", "Facebook"), ("instagram", "Instagram"))]


class ChannelBlock(blocks.StructBlock):
    type = blocks.ChoiceBlock(choices=CHANNEL_CHOICES)
    url = blocks.CharBlock(label="Address", help_text="A link, e.g. https://wa.me/433165550140")

    class Meta:
        icon = "link"

    def get_translatable_segments(self, value):
        return []
