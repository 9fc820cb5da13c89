from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from claimlint.integrations.wagtail import ClaimlintPageMixin


class FeaturePage(ClaimlintPageMixin, Page):
    """Checked by the mixin: mismatches show on their field."""

    body = RichTextField(blank=True)
    cards = StreamField([("card", blocks.StructBlock([("heading", blocks.CharBlock()), ("text", blocks.RichTextBlock())]))],
                        blank=True, use_json_field=True)
    content_panels = Page.content_panels + ["body", "cards"]


class NewsPage(Page):
    """No mixin: checked by the before_publish_page hook."""

    body = RichTextField(blank=True)
    content_panels = Page.content_panels + ["body"]
