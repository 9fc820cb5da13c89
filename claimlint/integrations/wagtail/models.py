"""The page mixin."""

from __future__ import annotations

from claimlint.integrations.wagtail.forms import ClaimlintPageForm


class ClaimlintPageMixin:
    """Mix into a Wagtail page model to check its copy before it is published:

    class ProductPage(ClaimlintPageMixin, Page):
        body = RichTextField()
    """

    base_form_class = ClaimlintPageForm
