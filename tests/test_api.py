"""The Python API of INTERFACES.md."""

from __future__ import annotations

import dataclasses
import inspect
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import claimlint
from claimlint import Claim, Finding, Linter, Manifest
from claimlint.errors import ManifestError
from conftest import FIXTURES

MANIFEST = """\
version: 1
product: {name: Acme}
competitors: [Mixpanel]
plans: [{id: free}, {id: team}, {id: enterprise}]
capabilities:
  offline-mode: {aliases: [offline mode, works offline], status: unsupported}
  sso: {aliases: [SSO], status: available, plans: [enterprise]}
"""


def test_lint_html_and_markdown_return_findings(make_linter: Callable[[str], Linter]) -> None:
    linter = make_linter(MANIFEST)
    html_findings = linter.lint_html("<p>Acme <b>works offline</b>.</p>", source="https://acme.example/")
    assert [(f.rule, f.path, f.line, f.column) for f in html_findings] == [("CL101", "https://acme.example/", 1, 12)]
    md_findings = linter.lint_markdown("# Hi\n\nAcme works offline.", source="content/a.md")
    assert [(f.rule, f.line, f.column) for f in md_findings] == [("CL101", 3, 6)]
    assert linter.lint_text("Mixpanel works offline.") == []


def test_records_are_frozen_and_to_dict_is_json(make_linter: Callable[[str], Linter]) -> None:
    finding = make_linter(MANIFEST).lint_markdown("Acme works offline.")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.line = 3  # type: ignore[misc]
    data = json.loads(json.dumps(finding.to_dict()))
    assert data["rule"] == "CL101" and data["capability"] == "offline-mode"
    assert data["claim"]["polarity"] == "asserted" and data["claim"]["modality"] == "present"


@pytest.mark.parametrize("record", [Claim, Finding])
def test_records_are_built_from_every_field(record: type[Any]) -> None:
    """Claim and Finding write their __init__ out for speed: it takes exactly the dataclass's
    fields, in order, with their defaults, and a record built with it equals, hashes and
    pickles like any frozen dataclass."""
    fields = dataclasses.fields(record)
    parameters = list(inspect.signature(record).parameters.values())
    assert [p.name for p in parameters] == [f.name for f in fields]
    assert [p.default for p in parameters] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields]
    values = {f.name: f"value of {f.name}" for f in fields}
    made = record(**values)
    assert dataclasses.asdict(made) == values
    assert made == record(*values.values()) and hash(made) == hash(record(**values))
    assert pickle.loads(pickle.dumps(made)) == made
    assert dataclasses.replace(made, path="elsewhere").path == "elsewhere"
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.path = "elsewhere"


def test_claims_html_is_extraction_only(make_linter: Callable[[str], Linter]) -> None:
    claims = make_linter(MANIFEST).claims_html("<p>We don't offer SSO. Mixpanel works offline.</p>")
    assert [(c.capability, c.subject, c.polarity) for c in claims] == [
        ("sso", "product", "negated"), ("offline-mode", "competitor", "asserted")]


def test_lint_many_matches_one_by_one(make_linter: Callable[[str], Linter]) -> None:
    linter = make_linter(MANIFEST)
    pages = [(f"p{i}.md", f"Page {i}: Acme works offline." if i % 2 else "SSO on Enterprise.", "markdown")
             for i in range(40)]
    many = list(linter.lint_many(pages))  # type: ignore[arg-type]
    assert [source for source, _ in many] == [source for source, _, _ in pages]
    for (source, text, _), (_, findings) in zip(pages, many):
        assert findings == linter.lint_markdown(text, source=source)


def test_public_names_and_errors() -> None:
    assert {"Linter", "Manifest", "Finding", "Claim", "ManifestError"} <= set(claimlint.__all__)
    with pytest.raises(ManifestError):
        Manifest.from_yaml("version: 1\n")
    linter = Linter(Manifest.load(FIXTURES / "pages" / "manifest.yaml"), select=["CL601"])
    assert [rule.code for rule in linter.rules] == ["CL601"]


def test_reload_shares_the_pipeline_when_only_statuses_change(make_linter: Callable[[str], Linter]) -> None:
    linter = make_linter(MANIFEST)
    page = "Acme works offline. SSO on every plan."
    assert [f.rule for f in linter.lint_markdown(page)] == ["CL101", "CL201"]
    shipped = Manifest.from_yaml(MANIFEST.replace("status: unsupported", "status: available").replace(
        "plans: [enterprise]", "plans: [free, team, enterprise]"))
    reloaded = linter.reload(shipped)
    assert reloaded._nlp is linter._nlp
    assert reloaded.lint_markdown(page) == []
    assert [f.rule for f in linter.lint_markdown(page)] == ["CL101", "CL201"]  # the old one is untouched
    renamed = linter.reload(Manifest.from_yaml(MANIFEST.replace("works offline]", "works offline, no-wifi mode]")))
    assert renamed._nlp is not linter._nlp
    assert [f.rule for f in renamed.lint_markdown("Acme has a no-wifi mode.")] == ["CL101"]


@pytest.mark.parametrize("block_cache", [1024, 3])  # a cache that holds the site, and one always evicting
def test_one_linter_from_eight_threads_matches_serial(demo_linter: Linter, block_cache: int) -> None:
    from concurrent.futures import ThreadPoolExecutor

    linter = Linter(demo_linter.manifest, block_cache=block_cache)
    pages = sorted((FIXTURES / "demo" / "site").rglob("*.*"))
    work = [(page, index) for index in range(6) for page in pages]

    def lint(item: tuple[object, int]) -> list[dict[str, object]]:
        page = item[0]
        return [f.to_dict() for f in linter.lint_file(page).findings]  # type: ignore[arg-type]

    serial = [lint(item) for item in work]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lint, work))
    assert threaded == serial
    assert sum(len(found) for found in serial) == 6 * 33


def test_api_reference_is_current() -> None:
    from claimlint.api_docs import render
    from conftest import ROOT

    assert (ROOT / "docs" / "api.md").read_text(encoding="utf-8") == render(), "run: python -m claimlint.api_docs > docs/api.md"
    assert "### `Linter.lint_html(" in render()


def test_cue_phrases_are_tokenized_as_page_text_is(demo_linter: Linter) -> None:
    """Cue phrases skip the tokenizer when they are plain words; they must still match text."""
    from claimlint.extraction.pipeline import PHRASES, cue_patterns

    nlp = demo_linter._nlp
    phrases = nlp.get_pipe(PHRASES)
    for pattern in cue_patterns() + [{"pattern": "cannot"}, {"pattern": "sign-up flow"}, {"pattern": "don't"}]:
        phrase = pattern["pattern"]
        assert [t.text for t in phrases.pattern_doc(phrase)] == [t.text for t in nlp.make_doc(phrase)], phrase
    found = {label for label, _, _, _ in nlp("We cannot promise this yet.")._.claimlint_matches[0]}
    assert "NEGATION" in found


def test_blocks_read_from_the_cache_give_what_reading_them_again_gives() -> None:
    """A block of text seen before is not run through spaCy again; nothing a user sees changes,
    including for the same words in a table cell and in a paragraph, which are read differently."""
    page = ("<p>team</p><table><tr><th>Feature</th><th>free</th><th>team</th></tr>"
            "<tr><td>SSO</td><td>No</td><td>Yes</td></tr></table><p>Acme works offline.</p><p>team</p>")
    uncached = Linter(Manifest.from_yaml(MANIFEST), block_cache=0)
    claims = [c.to_dict() for c in uncached.claims_html(page)]
    assert any(c["capability"] == "sso" and c["plans"] == ["team"] for c in claims)
    for size in (1024, 2):
        cached = Linter(uncached.manifest, block_cache=size)
        for _ in range(3):
            assert [c.to_dict() for c in cached.claims_html(page)] == claims
        assert len(cached._blocks) <= size  # the cache is bounded
    long_page = "Acme works offline. " + "Teams plan their week in it. " * 400 + "SSO on every plan."
    cached = Linter(uncached.manifest)
    assert cached.lint_text(long_page) == uncached.lint_text(long_page)
    assert not cached._blocks  # a long run of text is not kept: it is rarely repeated, and its Doc is large


def test_the_block_cache_changes_no_finding_on_the_demo_site(demo_linter: Linter) -> None:
    pages = sorted((FIXTURES / "demo" / "site").rglob("*.*")) + sorted((FIXTURES / "pages").glob("*.*"))
    pages = [page for page in pages if page.suffix in (".html", ".md", ".mdx")]
    uncached = Linter(demo_linter.manifest, block_cache=0)
    cached = Linter(demo_linter.manifest)
    expected = [[f.to_dict() for f in uncached.lint_file(page).findings] for page in pages]
    for _ in range(2):  # the second time round, every block comes from the cache
        assert [[f.to_dict() for f in cached.lint_file(page).findings] for page in pages] == expected
    assert sum(map(len, expected)) >= 33


def test_a_reloaded_linter_reads_plans_with_the_new_manifest(make_linter: Callable[[str], Linter]) -> None:
    """Blocks read before a reload are not reused with the old manifest's plans."""
    linter = make_linter(MANIFEST)
    page = "SSO is available on every plan."
    assert [f.rule for f in linter.lint_markdown(page)] == ["CL201"]
    only_enterprise = Manifest.from_yaml(MANIFEST.replace("{id: free}, {id: team}",
                                                          "{id: free, retired: true}, {id: team, retired: true}"))
    reloaded = linter.reload(only_enterprise)
    assert reloaded._nlp is linter._nlp
    assert reloaded.lint_markdown(page) == []
    assert [claim.plans for claim in reloaded.claims_markdown(page)] == [("enterprise",)]
    assert [claim.plans for claim in linter.claims_markdown(page)] == [("free", "team", "enterprise")]


def test_a_block_too_long_to_read_at_once_is_cut_between_sentences(make_linter: Callable[[str], Linter]) -> None:
    """spaCy reads a very long block in pieces; no sentence is split between two of them, so
    every repeat of a sentence is read as the sentence alone is."""
    linter = make_linter(MANIFEST)
    sentence = "SSO is coming soon to the team plan, and Acme works offline for now. "
    alone = {(c.capability, c.polarity, c.modality, c.plans, c.sentence) for c in linter.claims_text(sentence)}
    claims = linter.claims_text(sentence * 1500)  # about 100,000 characters: three pieces
    assert len(claims) == 3000
    assert {(c.capability, c.polarity, c.modality, c.plans, c.sentence) for c in claims} == alone


def test_a_run_of_text_without_sentence_ends_is_read_in_bounded_sentences(make_linter: Callable[[str], Linter]) -> None:
    """A keyword list or extracted navigation with no full stops is not one 20,000-word
    sentence: reading each claim looks at its whole sentence, which would take minutes."""
    claims = make_linter(MANIFEST).claims_text("Acme works offline and has SSO on the enterprise plan " * 2000)
    assert len(claims) == 4000
    assert max(len(claim.sentence.split()) for claim in claims) <= 200


CONFIG = """\
manifest: claims.yaml
ignore: [CL901]
severity: {CL101: info}
per-file-ignores:
  'legal/*': [CL1]
html:
  skip-selectors: ['.promo']
"""
PROMO_PAGE = "<p>Acme works offline.</p><div class='promo'><p>SSO is free on every plan.</p></div>"


def _project(tmp_path: Path, config: str = CONFIG) -> Path:
    (tmp_path / "claims.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / ".claimlint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "site").mkdir(exist_ok=True)
    return tmp_path / ".claimlint.yaml"


def test_from_config_checks_pages_as_the_config_says(tmp_path: Path) -> None:
    plain = Linter(Manifest.from_yaml(MANIFEST, "claims.yaml"))
    assert {f.rule for f in plain.lint_html(PROMO_PAGE)} == {"CL101", "CL201"}  # what the config changes
    linter = Linter.from_config(_project(tmp_path))
    found = linter.lint_html(PROMO_PAGE, source="site/index.html")
    assert [(f.rule, f.severity) for f in found] == [("CL101", "info")]  # the promo box is skipped
    assert linter.lint_markdown("Acme works offline.", source="legal/terms.md") == []
    assert [f.rule for f in linter.lint_markdown("Acme works offline.", source="blog/a.md")] == ["CL101"]
    reloaded = linter.reload(Manifest.from_yaml(MANIFEST.replace("status: unsupported", "status: planned"), "x"))
    assert reloaded.config == linter.config
    assert reloaded.lint_markdown("Acme works offline.", source="legal/terms.md") == []


def test_per_file_ignores_match_a_page_url_by_its_path(tmp_path: Path) -> None:
    """A CMS plugin or a scan lints pages by URL: a glob matches the URL, its path or its
    last segment; a file glob ('legal/*') does not catch a URL only because it is relative."""
    config = CONFIG.replace("'legal/*': [CL1]", "'legal/*': [CL1]\n  'blog/2021-*': [CL1]\n  'https://docs.*': [CL1]")
    linter = Linter.from_config(_project(tmp_path, config))
    text = "Acme works offline."
    assert linter.lint_markdown(text, source="https://acme.example/blog/2021-roadmap/") == []
    assert linter.lint_markdown(text, source="https://docs.acme.example/start") == []
    assert [f.rule for f in linter.lint_markdown(text, source="https://acme.example/blog/2024-launch/")] == ["CL101"]
    assert [f.rule for f in linter.lint_markdown(text, source="https://acme.example/legal")] == ["CL101"]
    assert [f.rule for f in linter.lint_markdown(text, source="https://acme.example/")] == ["CL101"]


def test_a_config_survives_pickling_for_worker_processes(tmp_path: Path) -> None:
    import pickle

    from claimlint.config import load_config

    config = load_config(_project(tmp_path))
    copy = pickle.loads(pickle.dumps(config))
    assert copy == config and copy.severity == {"CL101": "info"}
    with pytest.raises(TypeError):
        copy.severity["CL101"] = "error"  # type: ignore[index]
    assert copy.ignored_for("legal/terms.md") == ("CL1",)


def test_from_config_finds_the_config_as_the_command_line_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path / "site")
    linter = Linter.from_config()
    assert linter.config is not None and linter.config.path == tmp_path / ".claimlint.yaml"
    assert [(f.rule, f.severity) for f in linter.lint_html(PROMO_PAGE)] == [("CL101", "info")]


def test_from_config_errors_name_the_file(tmp_path: Path) -> None:
    from claimlint.errors import ConfigError

    with pytest.raises(ConfigError, match=r"\.claimlint\.yaml: no manifest"):
        Linter.from_config(_project(tmp_path, "ignore: [CL901]\n"))
    with pytest.raises(ConfigError, match=r"\.claimlint\.yaml:2: .*severity"):
        Linter.from_config(_project(tmp_path, "manifest: claims.yaml\nseverity: {CL101: fatal}\n"))
