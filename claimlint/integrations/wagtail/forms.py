"""The admin form of pages that mix in ClaimlintPageMixin."""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminPageForm

from claimlint.integrations.wagtail.checking import check_fields, content_fields, page_source


class ClaimlintPageForm(WagtailAdminPageForm):  # type: ignore[misc]
    """Shows each mismatch on its field when publishing; saving a draft is never blocked
    (Wagtail defers validation for drafts)."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        if getattr(self, "is_deferred_validation", False):
            return cleaned
        fields = content_fields(self.instance)
        for name, (_, is_html) in fields.items():
            if name in cleaned:
                fields[name] = (cleaned[name], is_html)
        source = page_source(self.instance, getattr(self, "parent_page", None), cleaned.get("slug"))
        for found in check_fields(fields, source):
            target = found.field if found.field in self.fields else None
            self.add_error(target, found.message())
        return cleaned
