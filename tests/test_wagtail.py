"""The Wagtail integration, in a real Wagtail site on SQLite: publishing is blocked while a
page's copy contradicts the manifest; drafts save; clean pages publish."""

from __future__ import annotations

import os
from typing import Any

import django
import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wagtail_site.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page  # noqa: E402
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield  # noqa: E402

FALSE_CLAIM = "Pulsewatch runs natively on Windows, so your ops team never misses an alert."
TRUE_CLAIM = "Pulsewatch checks your website from multiple regions around the world."


@pytest.fixture(scope="module")
def admin() -> Client:
    from django.contrib.auth import get_user_model

    call_command("migrate", run_syncdb=True, verbosity=0)
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client = Client()
    client.force_login(user)
    return client


def _home() -> Page:
    return Page.objects.get(depth=2)


def _create(admin: Client, model: str, title: str, body: str, action: str, **extra: Any) -> Any:
    data = nested_form_data({"title": title, "slug": title.lower().replace(" ", "-"), "body": rich_text(body), **extra})
    if action == "publish":
        data["action-publish"] = "publish"
    return admin.post(f"/admin/pages/add/site_pages/{model}/{_home().pk}/", data, follow=True)


def test_mixin_blocks_publishing_with_the_sentence_and_manifest_entry(admin: Client) -> None:
    cards = streamfield([])
    response = _create(admin, "featurepage", "Features", f"<p>{FALSE_CLAIM}</p>", "publish", cards=cards)
    assert response.status_code == 200
    text = response.content.decode()
    assert "\u201cPulsewatch runs natively on Windows" in text  # the sentence, quoted in the error
    assert "windows-app (status: unsupported)" in text  # the manifest entry
    assert "[CL301]" in text
    assert not Page.objects.filter(title="Features").exists()  # an invalid new page is not created


def test_drafts_still_save(admin: Client) -> None:
    response = _create(admin, "featurepage", "Draft features", f"<p>{FALSE_CLAIM}</p>", "save", cards=streamfield([]))
    assert response.status_code == 200
    page = Page.objects.get(title="Draft features")
    assert not page.live and page.has_unpublished_changes


def test_clean_page_publishes(admin: Client) -> None:
    response = _create(admin, "featurepage", "Monitoring", f"<p>{TRUE_CLAIM}</p>", "publish", cards=streamfield([]))
    assert response.status_code == 200
    assert Page.objects.get(title="Monitoring").live


def test_stream_field_copy_is_checked(admin: Client) -> None:
    cards = streamfield([("card", {"heading": "Desktop", "text": rich_text(f"<p>{FALSE_CLAIM}</p>")})])
    response = _create(admin, "featurepage", "Cards", f"<p>{TRUE_CLAIM}</p>", "publish", cards=cards)
    assert "windows-app (status: unsupported)" in response.content.decode()
    assert not Page.objects.filter(title="Cards").exists()


def test_hook_blocks_pages_without_the_mixin(admin: Client) -> None:
    blocked = _create(admin, "newspage", "Launch news", f"<p>{FALSE_CLAIM}</p>", "publish")
    assert "Not published: body: \u201cPulsewatch runs natively on Windows" in blocked.content.decode()
    assert "windows-app (status: unsupported)" in blocked.content.decode()
    page = Page.objects.get(title="Launch news")
    assert not page.live and page.latest_revision is not None  # the draft was saved, publishing refused
    assert admin.get(page.url or "/launch-news/").status_code == 404  # and nothing went live
    published = _create(admin, "newspage", "Region news", f"<p>{TRUE_CLAIM}</p>", "publish")
    assert published.status_code == 200
    assert Page.objects.get(title="Region news").live


def test_editing_a_live_page_keeps_the_live_copy(admin: Client) -> None:
    _create(admin, "newspage", "Status news", f"<p>{TRUE_CLAIM}</p>", "publish")
    page = Page.objects.get(title="Status news").specific
    assert page.live
    data = nested_form_data({"title": "Status news", "slug": "status-news", "body": rich_text(f"<p>{FALSE_CLAIM}</p>")})
    data["action-publish"] = "publish"
    response = admin.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)
    assert "windows-app (status: unsupported)" in response.content.decode()
    live = Page.objects.get(pk=page.pk).specific
    assert live.live and "regions" in live.body and "Windows" not in live.body
    assert "Windows" in live.get_latest_revision_as_object().body  # the edit is kept as a draft


def test_a_config_file_sets_the_rules(admin: Client, tmp_path: Any) -> None:
    from django.test import override_settings

    config = tmp_path / ".claimlint.yaml"
    config.write_text("severity: {CL301: warning}\n", encoding="utf-8")  # CLAIMLINT_MANIFEST stays the manifest
    with override_settings(CLAIMLINT_CONFIG=str(config)):
        published = _create(admin, "newspage", "Desktop news", f"<p>{FALSE_CLAIM}</p>", "publish")
        assert "windows-app (status: unsupported)" not in published.content.decode()
        assert Page.objects.get(title="Desktop news").live  # a warning does not block (CLAIMLINT_BLOCK_ON: error)
        config.write_text("severity: {CL301: error}\n", encoding="utf-8")
        os.utime(config, (1, 1))  # a changed file, whatever the clock's resolution
        blocked = _create(admin, "newspage", "Desktop news again", f"<p>{FALSE_CLAIM}</p>", "publish")
        assert "windows-app (status: unsupported)" in blocked.content.decode()
    config.write_text("manifest: missing.yaml\n", encoding="utf-8")
    with override_settings(CLAIMLINT_CONFIG=str(config), CLAIMLINT_MANIFEST=None):
        from claimlint.errors import ConfigError
        from claimlint.integrations.wagtail.checking import linters

        with pytest.raises(ConfigError, match=r"missing\.yaml: .manifest. in .*\.claimlint\.yaml names no readable file"):
            linters.get()


def test_per_file_ignores_match_the_page_url(admin: Client, tmp_path: Any) -> None:
    """A page is matched by its full URL (the default Site serves the home page at
    http://localhost/), with the mixin's form (a page being created: its parent's URL and its
    slug) and with the hook (a page already in the tree)."""
    from django.test import override_settings

    config = tmp_path / ".claimlint.yaml"
    config.write_text("per-file-ignores:\n  'legacy-*': [CL301]\n", encoding="utf-8")
    with override_settings(CLAIMLINT_CONFIG=str(config)):
        _create(admin, "featurepage", "Legacy features", f"<p>{FALSE_CLAIM}</p>", "publish", cards=streamfield([]))
        _create(admin, "newspage", "Legacy news", f"<p>{FALSE_CLAIM}</p>", "publish")
        blocked = _create(admin, "newspage", "Windows news", f"<p>{FALSE_CLAIM}</p>", "publish")
    assert Page.objects.get(title="Legacy features").live
    assert Page.objects.get(title="Legacy news").live
    assert Page.objects.get(title="Legacy news").full_url == "http://localhost/legacy-news/"
    assert "windows-app (status: unsupported)" in blocked.content.decode()
    windows = Page.objects.get(title="Windows news").specific
    assert not windows.live
    renamed = nested_form_data({"title": "Windows news", "slug": "legacy-windows-news",
                                "body": rich_text(f"<p>{FALSE_CLAIM}</p>")})
    renamed["action-publish"] = "publish"
    with override_settings(CLAIMLINT_CONFIG=str(config)):
        admin.post(f"/admin/pages/{windows.pk}/edit/", renamed, follow=True)
        kept_mixin = _create(admin, "featurepage", "Windows features", f"<p>{FALSE_CLAIM}</p>", "publish",
                             cards=streamfield([]))
    assert "windows-app (status: unsupported)" in kept_mixin.content.decode()
    assert Page.objects.get(pk=windows.pk).live  # published under its new URL, which the config ignores
    _create(admin, "newspage", "Plain news", f"<p>{TRUE_CLAIM}</p>", "publish")
    plain = Page.objects.get(title="Plain news")
    moved = nested_form_data({"title": "Plain news", "slug": "legacy-plain-news", "body": rich_text(f"<p>{FALSE_CLAIM}</p>")})
    moved["action-publish"] = "publish"
    with override_settings(CLAIMLINT_CONFIG=str(config)):
        admin.post(f"/admin/pages/{plain.pk}/edit/", moved, follow=True)
    assert "Windows" in Page.objects.get(pk=plain.pk).specific.body  # a live page moved to an ignored URL
