"""Pages and passages in other languages: claimlint's cue words are English, so it does not read
them, and says so for a whole page rather than reporting what it cannot understand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimlint.api import Linter
from conftest import FIXTURES, ROOT

# Both sentences are wrong under the demo manifest: the Linux agent is planned, SSO is on Enterprise.
BODY = "<p>Pulsewatch runs on the Linux agent today.</p><p>SSO is included on the Free plan.</p>"


def html_page(lang: str | None, body: str = BODY) -> str:
    attribute = "" if lang is None else f' lang="{lang}"'
    return f"<!doctype html>\n<html{attribute}><head><title>Pulsewatch</title></head>\n<body>{body}</body></html>\n"


@pytest.mark.parametrize("lang", [None, "", "en", "en-GB", "EN_us", "und", "{{ site.lang }}"])
def test_english_and_undeclared_pages_are_checked(demo_linter: Linter, lang: str | None) -> None:
    result = demo_linter.check(demo_linter.parse(html_page(lang), "page.html", "html"))
    assert {finding.rule for finding in result.findings} == {"CL301", "CL201"}
    assert result.not_checked is None


@pytest.mark.parametrize("lang", ["de", "pt-BR", "fr_FR", "zh-Hant-TW"])
def test_a_page_in_another_language_is_not_checked_and_says_why(demo_linter: Linter, lang: str) -> None:
    page = html_page(lang, BODY + "<!-- claimlint-disable-next-line CL301 -->")
    result = demo_linter.check(demo_linter.parse(page, "de/page.html", "html"))
    assert result.findings == () and result.claims == ()  # nor a stale suppression (CL901)
    primary = lang.split("-")[0].split("_")[0]
    assert result.not_checked is not None
    assert repr(primary) in result.not_checked and f'lang="{lang}"' in result.not_checked


def test_lang_on_body_counts_for_the_page(demo_linter: Linter) -> None:
    page = f'<html><body lang="es">{BODY}</body></html>'
    result = demo_linter.check(demo_linter.parse(page, "es.html", "html"))
    assert result.findings == () and result.not_checked is not None and "<body" in result.not_checked


def test_a_passage_in_another_language_is_left_out_of_an_english_page(demo_linter: Linter) -> None:
    body = ('<p>SSO is included on the Free plan.</p>'
            '<blockquote lang="de"><p>Der Linux agent ist schon da, sagt ein Kunde.</p></blockquote>'
            '<p>Our Linux agent ships <span lang="fr">bientôt</span> today.</p>')
    result = demo_linter.check(demo_linter.parse(html_page("en", body), "page.html", "html"))
    where = {(finding.rule, finding.line) for finding in result.findings}
    assert ("CL201", 3) in where
    assert [finding.column for finding in result.findings if finding.rule == "CL301"] == [body.index("Linux agent ships") + 7]
    assert result.not_checked is None


@pytest.mark.parametrize("front_matter", ["---\nlang: de\ntitle: Preise\n---\n", '+++\nlanguage = "nl"\n+++\n',
                                          "---\nlocale: ja_JP\n---\n"])
def test_markdown_front_matter_declares_the_language(demo_linter: Linter, front_matter: str) -> None:
    page = front_matter + "\nPulsewatch runs on the Linux agent today.\n"
    result = demo_linter.check(demo_linter.parse(page, "page.md", "markdown"))
    assert result.findings == ()
    assert result.not_checked is not None and "front matter" in result.not_checked and "line 2" in result.not_checked
    english = front_matter.replace("de", "en").replace("nl", "en").replace("ja_JP", "en_US")
    result = demo_linter.check(demo_linter.parse(english + "\nPulsewatch runs on the Linux agent today.\n", "page.md", "markdown"))
    assert [finding.rule for finding in result.findings] == ["CL301"]


def test_cli_skips_the_page_with_a_warning_and_does_not_fail_for_it(tmp_path: Path) -> None:
    (tmp_path / "de.html").write_text(html_page("de"), encoding="utf-8")
    (tmp_path / "ok.md").write_text("Pulsewatch sends email alerts.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "claimlint", "check", "--manifest",
                          str(FIXTURES / "demo" / "manifest.yaml"), str(tmp_path), "--format", "json"],
                         capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "de.html: skipped: the page is in 'de'" in run.stderr
    report = json.loads(run.stdout)
    assert report["findings"] == []
    assert report["summary"]["files"] == 1, report["summary"]
