"""The Python API: build a Linter once from a manifest, then lint pages with it."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimlint.checks import CHECKS, Finding, Rule, Severity, all_rules
from claimlint.claims.builder import ClaimReader, Parsed
from claimlint.claims.model import Claim
from claimlint.manifest.model import Manifest
from claimlint.sources import Document, Format, Suppression, parse, read_document
from claimlint.suppressions import apply_suppressions

if TYPE_CHECKING:
    from claimlint.config import Config

# spaCy's limit is a million characters a Doc; long blocks (a 10 MB page with no markup)
# are cut into pieces well under it, at the end of a sentence where there is one.
_CHUNK = 50_000
UNUSED_SUPPRESSION = "CL901"
_BATCH = 64
BLOCK_CACHE = 1024
# Only paragraph-sized text is kept, and no more than this much in all: a long run of text is
# rarely repeated word for word, and its Doc is large.
_CACHED_TEXT = 10_000
_CACHE_CHARS = 2_000_000


@dataclass(frozen=True)
class PageResult:
    """Everything linting one page produced."""

    source: str  # the page's source: a file path or a URL
    findings: tuple[Finding, ...]  # in page order, suppressed ones left out
    claims: tuple[Claim, ...]  # every claim read, with or without a finding
    notices: tuple[str, ...] = ()  # things to tell the user that are not findings
    suppressed: int = 0  # findings that suppression comments silenced
    excerpts: Mapping[int, str] = field(default_factory=dict)  # source lines of the findings, by number
    claim_count: int = -1  # how many claims were read; -1: len(claims)
    not_checked: str | None = None  # why the page was not read: it declares a language claimlint does not read ("de")

    @property
    def claims_read(self) -> int:
        """How many claims were read on the page, also after ``without_claims()``."""
        return len(self.claims) if self.claim_count < 0 else self.claim_count

    def without_claims(self) -> PageResult:
        """The same result without the claim records (findings keep theirs): what a long scan keeps."""
        return replace(self, claims=(), claim_count=self.claims_read)


def select_rules(
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
    severities: Mapping[str, Severity] | None = None,
) -> tuple[Rule, ...]:
    """The rules to run: ``select`` and ``ignore`` take codes or prefixes ("CL1", "CL201")."""
    chosen: list[Rule] = []
    for code, rule in all_rules().items():
        if select is not None and not any(code.startswith(prefix.upper()) for prefix in select):
            continue
        if any(code.startswith(prefix.upper()) for prefix in ignore):
            continue
        if severities and code in severities:
            rule = replace(rule, severity=severities[code])
        chosen.append(rule)
    return tuple(chosen)


class Linter:
    """Checks pages against one manifest. Build it once; it is safe to share across threads.

    ``model`` names an installed trained spaCy pipeline to read with (the default is blank
    English and claimlint's own components). ``select`` and ``ignore`` take rule codes or
    prefixes and ``severities`` maps codes to "error", "warning" or "info", as in the config
    file. ``skip_selectors`` are CSS selectors of HTML left unread (site chrome).

    The Linter remembers how it read the last ``block_cache`` distinct paragraph-sized blocks
    of text (up to two million characters in all), so a
    block it has seen before (a site's navigation and footer on every page of a sitemap, the
    paragraphs a CMS editor did not touch since the last save) is not run through spaCy again.
    ``block_cache=0`` turns this off. Findings are the same either way.

    >>> linter = Linter(Manifest.load("claims.yaml"))          # doctest: +SKIP
    >>> linter.lint_markdown("Acme works offline.")             # doctest: +SKIP
    """

    def __init__(
        self,
        manifest: Manifest,
        *,
        model: str | None = None,
        select: Collection[str] | None = None,
        ignore: Collection[str] = (),
        severities: Mapping[str, Severity] | None = None,
        skip_selectors: Collection[str] = (),
        block_cache: int = BLOCK_CACHE,
    ) -> None:
        from claimlint.extraction.pipeline import build_pipeline

        self.manifest = manifest
        self.model = model
        self.rules = select_rules(select, ignore, severities)
        self.skip_selectors = tuple(skip_selectors)
        self._nlp = build_pipeline(manifest, model)
        self._reader = ClaimReader(manifest)
        self._lock = threading.Lock()
        self.block_cache = max(0, block_cache)
        self._blocks: OrderedDict[tuple[str, bool], Parsed] = OrderedDict()
        self._cached_chars = 0
        self.config: Config | None = None  # the config file's settings, when built from one

    @classmethod
    def from_config(cls, config: Config | str | Path | None = None, *, manifest: Manifest | None = None,
                    block_cache: int = BLOCK_CACHE) -> Linter:
        """A Linter that checks pages as ``claimlint check`` does under a config file: with its
        manifest, model, rules (``select``, ``extend-select``, ``ignore``, ``severity``,
        ``per-file-ignores``, matched against each page's ``source``) and ``html.skip-selectors``.
        The settings that concern a run (paths, format, fail-on, baseline) are the caller's.

        ``config`` is a ``.claimlint.yaml`` or ``pyproject.toml`` path, settings already read
        with ``claimlint.config.load_config``, or None: the config file nearest the working
        folder, found as the command line finds it. ``manifest`` is used instead of the one the
        config names. Raises ConfigError for a config that cannot be read or names no manifest.

        >>> linter = Linter.from_config(".claimlint.yaml")       # doctest: +SKIP
        """
        from claimlint.config import resolve_config, rules_for

        config = resolve_config(config)
        if manifest is None:
            manifest = Manifest.load(config.manifest_path())
        select, ignore = rules_for(config)
        linter = cls(manifest, model=config.model, select=select, ignore=ignore, severities=config.severity,
                     skip_selectors=config.skip_selectors, block_cache=block_cache)
        linter.config = config
        return linter

    def reload(self, manifest: Manifest) -> Linter:
        """A Linter for an updated manifest, built cheaply when it can be.

        When the manifest names the same things with the same words (statuses, plans, limits,
        notes changed; no name or alias did), the spaCy pipeline and its matchers are shared
        with this Linter; otherwise a new one is built. Either way this Linter is unchanged.
        """
        from claimlint.extraction.pipeline import mention_patterns

        if mention_patterns(manifest) != mention_patterns(self.manifest):
            rebuilt = Linter(manifest, model=self.model, select=[r.code for r in self.rules],
                             severities={r.code: r.severity for r in self.rules}, skip_selectors=self.skip_selectors,
                             block_cache=self.block_cache)
            rebuilt.config = self.config
            return rebuilt
        clone = object.__new__(Linter)
        clone.manifest = manifest
        clone.model = self.model
        clone.rules = self.rules
        clone.skip_selectors = self.skip_selectors
        clone._nlp = self._nlp
        clone._lock = self._lock  # one pipeline, one lock
        clone._reader = ClaimReader(manifest)
        clone.block_cache = self.block_cache
        clone._blocks = OrderedDict()  # blocks are read with the manifest's plans and names
        clone._cached_chars = 0
        clone.config = self.config
        return clone

    # -- one page --

    def lint_html(self, html: str | bytes, source: str = "<html>") -> list[Finding]:
        """The findings of an HTML page (text, or bytes in any declared or detectable encoding).
        ``source`` is how findings name the page: a path or URL."""
        return list(self.check(self.parse(html, source, "html")).findings)

    def lint_markdown(self, text: str | bytes, source: str = "<markdown>", *, mdx: bool = False) -> list[Finding]:
        """The findings of a Markdown page (front matter included); ``mdx=True`` for MDX."""
        return list(self.check(self.parse(text, source, "mdx" if mdx else "markdown")).findings)

    def lint_text(self, text: str | bytes, source: str = "<text>") -> list[Finding]:
        """The findings of plain text, read as paragraphs separated by blank lines."""
        return list(self.check(self.parse(text, source, "text")).findings)

    def claims_html(self, html: str | bytes, source: str = "<html>") -> list[Claim]:
        """What an HTML page claims, without verdicts."""
        return self.claims(self.parse(html, source, "html"))

    def claims_markdown(self, text: str | bytes, source: str = "<markdown>", *, mdx: bool = False) -> list[Claim]:
        """What a Markdown (or MDX) page claims, without verdicts."""
        return self.claims(self.parse(text, source, "mdx" if mdx else "markdown"))

    def claims_text(self, text: str | bytes, source: str = "<text>") -> list[Claim]:
        """What plain text claims, without verdicts."""
        return self.claims(self.parse(text, source, "text"))

    def lint_file(self, path: str | Path, *, shown_as: str | None = None) -> PageResult:
        """Read, parse and check a page file. Raises SourceError when it cannot be read."""
        return self.check(read_document(path, shown_as=shown_as, skip_selectors=self.skip_selectors))

    def parse(self, data: str | bytes, source: str, fmt: Format) -> Document:
        """Parse page content ("html", "markdown", "mdx" or "text") into a Document."""
        return parse(data, source, fmt, skip_selectors=self.skip_selectors)

    def claims(self, document: Document) -> list[Claim]:
        """The claims of a parsed Document, in source order."""
        return self._claims(document, self._parsed(document))

    def check(self, document: Document) -> PageResult:
        """Everything linting a parsed Document produces: findings, claims, notices."""
        return self._result(document, self._parsed(document))

    # -- many pages --

    def lint_many(self, documents: Iterable[Document | tuple[str, str | bytes, Format]]) -> Iterator[tuple[str, list[Finding]]]:
        """Lint many pages, batching their blocks through spaCy; yields results as they finish."""
        for result in self.check_many(documents):
            yield result.source, list(result.findings)

    def check_many(self, documents: Iterable[Document | tuple[str, str | bytes, Format]], batch_pages: int = 16) -> Iterator[PageResult]:
        """Like :meth:`lint_many`, yielding each page's full PageResult."""
        pending: list[Document] = []
        for item in documents:
            pending.append(item if isinstance(item, Document) else self.parse(item[1], item[0], item[2]))
            if len(pending) >= batch_pages:
                yield from self._check_batch(pending)
                pending = []
        if pending:
            yield from self._check_batch(pending)

    def _check_batch(self, documents: Sequence[Document]) -> Iterator[PageResult]:
        units = [(number, unit) for number, document in enumerate(documents) for unit in _units(document)]
        parsed = self._run([unit for _, unit in units])
        grouped: list[list[Parsed]] = [[] for _ in documents]
        for (number, _), item in zip(units, parsed):
            grouped[number].append(item)
        for document, items in zip(documents, grouped):
            yield self._result(document, items)

    # -- internals --

    def _parsed(self, document: Document) -> list[Parsed]:
        return self._run(list(_units(document)))

    def _run(self, units: Sequence[tuple[int, Any, int, str]]) -> list[Parsed]:
        """Each piece of text read into a Parsed block: from the block cache when the same text
        was read before, through spaCy otherwise."""
        with self._lock:
            if not self.block_cache:
                docs = self._nlp.pipe((text for _, _, _, text in units), batch_size=_BATCH)
                return [self._reader.parse(index, block, doc, offset, text)
                        for (index, block, offset, text), doc in zip(units, docs)]
            cache = self._blocks
            # how a block's text is read depends only on the text and on whether it is a table cell
            keys = [(text, block.cell is not None) for _, block, _, text in units]
            read: dict[tuple[str, bool], Parsed] = {}
            new: dict[tuple[str, bool], tuple[int, Any, int, str]] = {}
            for key, unit in zip(keys, units):
                known = cache.get(key)
                if known is not None:
                    cache.move_to_end(key)
                    read[key] = known
                elif key not in new:
                    new[key] = unit
            docs = self._nlp.pipe((unit[3] for unit in new.values()), batch_size=_BATCH)
            for (key, (index, block, offset, text)), doc in zip(new.items(), docs):
                read[key] = self._reader.parse(index, block, doc, offset, text)
                if len(text) <= _CACHED_TEXT:
                    cache[key] = read[key]
                    self._cached_chars += len(text)
            while len(cache) > self.block_cache or self._cached_chars > _CACHE_CHARS:
                (text, _), _ = cache.popitem(last=False)
                self._cached_chars -= len(text)
            found = []
            for key, (index, block, offset, _) in zip(keys, units):
                item = read[key]
                if item.index != index or item.block is not block or item.offset != offset:
                    item = item.moved(index, block, offset)
                found.append(item)
            return found

    def _claims(self, document: Document, parsed: Sequence[Parsed]) -> list[Claim]:
        return sorted(self._reader.read(document, parsed), key=lambda c: (c.line, c.column, c.capability or ""))

    def _result(self, document: Document, parsed: Sequence[Parsed]) -> PageResult:
        return self._verdicts(document, self._claims(document, parsed))

    def _verdicts(self, document: Document, claims: list[Claim]) -> PageResult:
        """The page's result from its claims: the checks' findings, less what is suppressed."""
        findings: list[Finding] = []
        seen_rows: set[tuple[str, str | None, str]] = set()
        checks = [(rule, CHECKS[rule.code]) for rule in self.rules if rule.code in CHECKS]
        for claim in claims:
            row = claim.row
            for rule, check in checks:
                for found in check(claim, self.manifest, rule):
                    if rule.once_per_table_row and row is not None:
                        key = (rule.code, found.capability, row)
                        if key in seen_rows:
                            continue
                        seen_rows.add(key)
                    findings.append(found)
        kept, suppressed, unused = apply_suppressions(findings, document)
        if document.unread is None:  # a page not read leaves its suppressions unused, not stale
            kept.extend(self._unused_suppressions(document, unused))
        ignored = self.config.ignored_for(document.source) if self.config and self.config.per_file_ignores else ()
        if ignored:  # the config's per-file-ignores
            kept = [f for f in kept if not f.rule.startswith(ignored)]
        kept.sort(key=lambda f: (f.line, f.column, f.rule))
        excerpts = {line: document.line_text(line) for f in kept for line in range(f.line, f.end_line + 1)}
        return PageResult(document.source, tuple(kept), tuple(claims), document.notices, suppressed, excerpts,
                          not_checked=document.unread)

    def _unused_suppressions(self, document: Document, unused: Sequence[Suppression]) -> list[Finding]:
        """CL901: a suppression that silences nothing hides the next real finding there."""
        rule = next((r for r in self.rules if r.code == UNUSED_SUPPRESSION), None)
        if rule is None:
            return []
        active = {r.code for r in self.rules}
        found = []
        for suppression in unused:
            if suppression.action == "enable":
                continue
            codes = sorted(suppression.codes)
            if codes and not any(code.startswith(c) or c.startswith(code) for c in codes for code in active):
                continue  # it names rules this run does not check
            what = ", ".join(codes) if codes else "any rule"
            line_text = document.line_text(suppression.line)
            found.append(Finding(
                rule=rule.code, name=rule.name, severity=rule.severity,
                message=rule.message.format(action=f"claimlint-disable{'' if suppression.action == 'disable' else '-' + suppression.action}", codes=what),
                path=document.source, line=suppression.line, column=suppression.column,
                end_line=suppression.line, end_column=len(line_text) + 1, capability=None, claim=None,
                suggestion=rule.suggestion,
            ))
        return found


def _units(document: Document) -> Iterator[tuple[int, Any, int, str]]:
    """(block index, block, offset, text) for each piece of text spaCy reads."""
    for index, block in enumerate(document.blocks):
        text = block.text
        if len(text) <= _CHUNK:
            yield index, block, 0, text
            continue
        start = 0
        while start < len(text):
            end = min(start + _CHUNK, len(text))
            if end < len(text):
                end = _cut(text, start + _CHUNK // 2, end)
            yield index, block, start, text[start:end]
            start = end


def _cut(text: str, low: int, high: int) -> int:
    """Where to end a piece of a long block that must end in ``text[low:high]``: after the last
    sentence end, line break or space in that stretch (in that order of preference), so a
    claim is not split between two pieces; at ``high`` when the stretch has no space at all."""
    sentence_end = max(text.rfind(mark, low, high) for mark in (". ", "! ", "? ", ".\n", "!\n", "?\n"))
    if sentence_end != -1:
        return sentence_end + 2  # the piece keeps the space after the full stop
    for mark in ("\n", " "):
        found = text.rfind(mark, low, high)
        if found != -1:
            return found + 1
    return high
