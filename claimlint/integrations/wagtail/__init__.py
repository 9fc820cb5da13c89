"""Wagtail: block publishing pages whose copy contradicts the capability manifest.

Add ``"claimlint.integrations.wagtail"`` to ``INSTALLED_APPS``, set ``CLAIMLINT_MANIFEST`` to
the manifest's path, and either mix :class:`ClaimlintPageMixin` into your page models (the
edit form then shows each mismatch on its field) or rely on the ``before_publish_page`` hook
this app registers for every other page. Drafts always save; only publishing is blocked.

Settings: ``CLAIMLINT_MANIFEST`` (the manifest's path); ``CLAIMLINT_CONFIG`` (a
``.claimlint.yaml``: its rules, severities, skip selectors and per-file-ignores apply, the
globs matched against each page's full URL, and its manifest is used when
``CLAIMLINT_MANIFEST`` is not set; one of the two is required); ``CLAIMLINT_MODEL`` (a trained
spaCy pipeline, optional); ``CLAIMLINT_BLOCK_ON`` (the lowest severity that blocks
publishing; default ``"error"``).
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # Django models and forms can only be imported once the app registry is ready.
    if name == "ClaimlintPageMixin":
        from claimlint.integrations.wagtail.models import ClaimlintPageMixin

        return ClaimlintPageMixin
    if name == "ClaimlintPageForm":
        from claimlint.integrations.wagtail.forms import ClaimlintPageForm

        return ClaimlintPageForm
    raise AttributeError(name)
