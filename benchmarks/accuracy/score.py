"""Score claimlint on the labelled accuracy benchmark.

    python benchmarks/accuracy/score.py                 # default pipeline and the baseline
    python benchmarks/accuracy/score.py --model en_core_web_sm --errors 20
    python benchmarks/accuracy/score.py --held-out            # the held-out products only
    python benchmarks/accuracy/score.py --product quillock    # one product

Claim extraction is scored on mentions of capabilities and limits (plans are qualifiers of
claims; retired plans are scored through CL202): a predicted claim matches a label with
``claim: true`` on the same page, line and subject. Mismatch detection is scored on
findings: page, line, rule and subject (rule alone for labels without a subject).

The labels leave page metadata out (titles, meta descriptions, front matter, alt text; see the
README's "What counts as a mention"), while claimlint reads it, since it is published too.
Claims and findings there are left out of both sides of the score; findings are counted on
their own.

The baseline is the phrase list a Vale or textlint rule would be: every mention of a
capability that is not available is flagged by its status, every forbidden phrase by CL601,
and every mention counts as a claim.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from claimlint.api import Linter
from claimlint.manifest import Manifest
from claimlint.sources import Document, format_for, read_document

HERE = Path(__file__).resolve().parent
# Development products (their error classes guided the rules) and the held-out products,
# written afterwards and only measured. Quillock, Castwell, Tillery, Rostera, Deskberry, Larkmail,
# Quaymark, Fernlog, Mossgrid, Brightform, Hollowcrest, Tallowmere, Kestrel CI, Ashgrove and Wrenfield were written
# held out too; each was measured once as such (their READMEs have the figures) and their errors
# have guided rules since.
DEVELOPMENT = ("ledgerly", "tidewell", "quillock", "castwell", "tillery", "rostera", "deskberry", "larkmail",
               "quaymark", "fernlog", "mossgrid", "brightform", "hollowcrest", "tallowmere", "kestrelci", "ashgrove",
               "wrenfield")
HELD_OUT = ("harborline", "inkbarrow", "cobblestack", "thistledown", "larchway", "pennywhistle", "sealwick",
            "brackenfold")
Key = tuple[str, ...]
# block kinds the labels do not cover
METADATA = frozenset({"title", "meta_description", "front_matter", "alt_text"})


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    missed: list[Key] = field(default_factory=list)
    extra: list[Key] = field(default_factory=list)
    metadata: int = 0  # predictions on page metadata, which the labels leave out

    def add(self, predicted: set[Key], gold: set[Key]) -> None:
        self.true_positive += len(predicted & gold)
        self.false_positive += len(predicted - gold)
        self.false_negative += len(gold - predicted)
        self.missed += sorted(gold - predicted)
        self.extra += sorted(predicted - gold)

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0


def _pages(product: Path) -> list[Path]:
    return sorted(p for p in (product / "pages").rglob("*") if p.is_file() and format_for(p))


def _gold(product: Path, manifest: Manifest) -> tuple[set[Key], set[Key]]:
    labels = yaml.safe_load((product / "labels.yaml").read_text(encoding="utf-8"))
    claims: set[Key] = set()
    mismatches: set[Key] = set()
    for label in labels:
        subject = label.get("subject")
        if label.get("claim") and (subject in manifest.capabilities or subject in manifest.limits):
            claims.add((label["page"], str(label["line"]), subject))
        if label.get("mismatch"):
            mismatches.add((label["page"], str(label["line"]), label["mismatch"], str(subject) if subject else "-"))
    return claims, mismatches


def _in_metadata(document: Document) -> Callable[[int, int], bool]:
    """Whether a line and column fall in one of the page's metadata blocks."""
    spans = [(block.offsets.start(0), block.offsets.end(len(block.text)))
             for block in document.blocks if block.kind in METADATA and block.text]

    def inside(line: int, column: int) -> bool:
        offset = document.line_starts[line - 1] + column - 1
        return any(start <= offset < end for start, end in spans)

    return inside


def _predicted(linter: Linter, product: Path) -> tuple[set[Key], set[Key], int]:
    claims: set[Key] = set()
    findings: set[Key] = set()
    metadata = 0
    for page in _pages(product):
        shown = page.relative_to(product).as_posix()
        document = read_document(page, shown_as=shown)
        result = linter.check(document)
        in_metadata = _in_metadata(document)
        for claim in result.claims:
            if claim.kind in ("capability", "limit") and claim.subject == "product" \
                    and not in_metadata(claim.line, claim.column):
                claims.add((shown, str(claim.line), str(claim.capability)))
        for finding in result.findings:
            if in_metadata(finding.line, finding.column):
                metadata += 1
                continue
            subject = "-" if finding.rule in ("CL601", "CL501") else str(finding.capability)
            findings.add((shown, str(finding.line), finding.rule, subject))
    return claims, findings, metadata


_STATUS_RULES = {"unsupported": "CL101", "removed": "CL101", "planned": "CL102", "beta": "CL103", "deprecated": "CL104"}


def _baseline(linter: Linter, product: Path, manifest: Manifest) -> tuple[set[Key], set[Key], int]:
    """Every mention is a claim; every mention of a capability that is not available fires."""
    claims: set[Key] = set()
    findings: set[Key] = set()
    metadata = 0
    for page in _pages(product):
        shown = page.relative_to(product).as_posix()
        document = read_document(page, shown_as=shown)
        for item in linter._parsed(document):
            if item.block.kind in METADATA:
                metadata += sum(1 for m in item.mentions if m.label == "PHRASE" or (
                    m.label == "CAPABILITY" and _STATUS_RULES.get(manifest.capabilities[m.id].status)))
                continue
            for mention in item.mentions:
                start = item.block.offsets.start(item.offset + mention.start_char)
                line = str(document.line_col(start)[0])
                if mention.label in ("CAPABILITY", "LIMIT"):
                    claims.add((shown, line, mention.id))
                if mention.label == "PHRASE":
                    findings.add((shown, line, "CL601", "-"))
                if mention.label == "CAPABILITY":
                    capability = manifest.capabilities[mention.id]
                    rule = _STATUS_RULES.get(capability.status)
                    if rule and capability.kind == "platform" and rule in ("CL101", "CL102", "CL103"):
                        rule = "CL301"
                    if rule:
                        findings.add((shown, line, rule, mention.id))
    return claims, findings, metadata


def evaluate(model: str | None, baseline: bool, products: tuple[str, ...]) -> tuple[Score, Score]:
    claim_score, mismatch_score = Score(), Score()
    for name in products:
        product = HERE / name
        manifest = Manifest.load(product / "manifest.yaml")
        linter = Linter(manifest, model=model)
        gold_claims, gold_mismatches = _gold(product, manifest)
        claims, findings, metadata = _baseline(linter, product, manifest) if baseline else _predicted(linter, product)
        claim_score.add({(name, *k) for k in claims}, {(name, *k) for k in gold_claims})
        mismatch_score.add({(name, *k) for k in findings}, {(name, *k) for k in gold_mismatches})
        mismatch_score.metadata += metadata
    return claim_score, mismatch_score


def _row(label: str, claims: Score, mismatches: Score) -> str:
    return (f"| {label:<24} | {claims.precision:.3f} | {claims.recall:.3f} | "
            f"{mismatches.precision:.3f} | {mismatches.recall:.3f} |")


def _errors(title: str, keys: Iterable[Key], limit: int) -> None:
    keys = list(keys)
    if not keys:
        return
    print(f"\n{title} ({len(keys)}), by rule or subject:")
    counts = Counter(key[3] if len(key) > 4 else key[3] for key in keys)
    print("  " + ", ".join(f"{k}: {v}" for k, v in counts.most_common()))
    for key in keys[:limit]:
        product, page, line = key[0], key[1], int(key[2])
        text = (HERE / product / page).read_text(encoding="utf-8", errors="replace").split("\n")[line - 1].strip()
        print(f"  {product}/{page}:{line} {' '.join(key[3:])} | {text[:110]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="also score with this installed trained pipeline")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list N missed and N extra items of each kind")
    parser.add_argument("--held-out", action="store_true", help="score the held-out products instead of the development ones")
    parser.add_argument("--product", action="append", choices=DEVELOPMENT + HELD_OUT,
                        help="score only this product (repeatable)")
    args = parser.parse_args()
    products = tuple(args.product) if args.product else HELD_OUT if args.held_out else DEVELOPMENT
    runs = [("claimlint (blank English)", None, False)]
    if args.model:
        runs.append((f"claimlint ({args.model})", args.model, False))
    runs.append(("phrase-list baseline", None, True))
    print(f"products: {', '.join(products)}")
    print("| pipeline                 | claim P | claim R | mismatch P | mismatch R |")
    print("|--------------------------|--------:|--------:|-----------:|-----------:|")
    details = []
    for label, model, baseline in runs:
        claims, mismatches = evaluate(model, baseline, products)
        print(_row(label, claims, mismatches))
        details.append((label, claims, mismatches))
    print("\nFindings on page metadata (titles, meta descriptions, front matter, alt text), which the\n"
          "labels leave out and the scores do not count: "
          + ", ".join(f"{label} {mismatches.metadata}" for label, _, mismatches in details) + ".")
    if args.errors:
        for label, claims, mismatches in details[:-1]:
            print(f"\n## {label}")
            _errors("missed mismatches", mismatches.missed, args.errors)
            _errors("extra findings", mismatches.extra, args.errors)
            _errors("missed claims", claims.missed, args.errors)
            _errors("extra claims", claims.extra, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
