"""Pages and passages in other languages: claimlint's cue words are English, so it does not read
them, and says so for a whole page rather than reporting what it cannot understand."""

from __future__ import annotations

import subprocess
import sys

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
    assert result.notices == ()


@pytest.mark.parametrize("lang", ["de", "pt-BR", "fr_FR", "zh-Hant-TW"])
def test_a_page_in_another_language_is_not_checked_and_says_why(demo_linter: Linter, lang: str) -> None:
    result = demo_linter.check(demo_linter.parse(html_page(lang), "de/page.html", "html"))
    assert result.findings == () and result.claims == ()
    primary = lang.split("-")[0].split("_")[0]
    assert len(result.notices) == 1
    notice = result.notices[0]
    assert notice.startswith("de/page.html: ") and repr(primary) in notice and "not checked" in notice


def test_lang_on_body_counts_for_the_page(demo_linter: Linter) -> None:
    page = f'<html><body lang="es">{BODY}</body></html>'
    result = demo_linter.check(demo_linter.parse(page, "es.html", "html"))
    assert result.findings == () and len(result.notices) == 1


def test_a_passage_in_another_language_is_left_out_of_an_english_page(demo_linter: Linter) -> None:
    body = ('<p>SSO is included on the Free plan.</p>'
            '<blockquote lang="de"><p>Der Linux agent ist schon da, sagt ein Kunde.</p></blockquote>'
            '<p>Our Linux agent ships <span lang="fr">bientôt</span> today.</p>')
    result = demo_linter.check(demo_linter.parse(html_page("en", body), "page.html", "html"))
    where = {(finding.rule, finding.line) for finding in result.findings}
    assert ("CL201", 3) in where
    assert [finding.column for finding in result.findings if finding.rule == "CL301"] == [body.index("Linux agent ships") + 7]
    assert result.notices == ()


@pytest.mark.parametrize("front_matter", ["---\nlang: de\ntitle: Preise\n---\n", '+++\nlanguage = "nl"\n+++\n',
                                          "---\nlocale: ja_JP\n---\n"])
def test_markdown_front_matter_declares_the_language(demo_linter: Linter, front_matter: str) -> None:
    page = front_matter + "\nPulsewatch runs on the Linux agent today.\n"
    result = demo_linter.check(demo_linter.parse(page, "page.md", "markdown"))
    assert result.findings == ()
    assert len(result.notices) == 1 and "front matter" in result.notices[0] and "line 2" in result.notices[0]
    english = front_matter.replace("de", "en").replace("nl", "en").replace("ja_JP", "en_US")
    result = demo_linter.check(demo_linter.parse(english + "\nPulsewatch runs on the Linux agent today.\n", "page.md", "markdown"))
    assert [finding.rule for finding in result.findings] == ["CL301"]


def test_cli_warns_about_the_page_and_does_not_fail_for_it(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "de.html").write_text(html_page("de"), encoding="utf-8")
    (folder / "ok.md").write_text("Pulsewatch sends email alerts.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "claimlint", "check", "--manifest",
                          str(FIXTURES / "demo" / "manifest.yaml"), str(folder)],
                         capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "de.html: the page is in 'de'" in run.stderr
