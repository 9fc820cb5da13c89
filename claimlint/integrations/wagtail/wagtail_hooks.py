"""Block publishing pages whose copy contradicts the manifest, for page models without the mixin."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks

from claimlint.integrations.wagtail.checking import check_fields, content_fields, page_source
from claimlint.integrations.wagtail.models import ClaimlintPageMixin


@hooks.register("before_publish_page")  # type: ignore[untyped-decorator]
def check_before_publish(request: Any, page: Any) -> Any:
    """The draft revision is already saved; refuse to publish it while it has mismatches."""
    specific = page.specific
    if isinstance(specific, ClaimlintPageMixin):
        return None  # its form has already checked it
    found = check_fields(content_fields(specific), page_source(specific))
    if not found:
        return None
    if specific.live and specific.live_revision_id is None:
        # Wagtail adds a new page to the tree as live before this hook runs; never published,
        # it stays a draft
        type(specific).objects.filter(pk=specific.pk).update(live=False, has_unpublished_changes=True)
    for item in found:
        messages.error(request, f"Not published: {item.field}: {item.message()}")
    return redirect("wagtailadmin_pages:edit", specific.pk)
