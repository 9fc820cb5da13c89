"""The Django app that registers claimlint's Wagtail hooks."""

from __future__ import annotations

from django.apps import AppConfig


class ClaimlintWagtailConfig(AppConfig):  # type: ignore[misc]
    name = "claimlint.integrations.wagtail"
    label = "claimlint_wagtail"
    verbose_name = "claimlint"
