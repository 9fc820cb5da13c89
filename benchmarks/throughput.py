"""Speed and memory of claimlint, as ratios measured in one run so they hold on a noisy machine.

    python benchmarks/throughput.py            # everything (about 10 minutes)
    python benchmarks/throughput.py --quick    # fewer pages and runs

1. cold start: `claimlint check` on one small Markdown file, against
   `python -c "import spacy; spacy.blank('en')"` (target ratio <= 1.3);
2. batch: `claimlint check` on 300 generated 1,200-word HTML pages (with its default of one
   worker per CPU, and with --jobs 1), against the single-process floor of the
   same pages' text extraction plus blank-English tokenisation alone (target >= 0.6 of the
   floor's pages per second), and against textlint with its HTML plugin and a prh dictionary
   of the same capability phrases (installed with npm here; target >= 2);
3. warm API: Linter.lint_html on a 1,500-word page, median of 200 calls, against tokenising
   the same text with the same pipeline's tokenizer (target ratio <= 3), and against running
   the Linter's whole spaCy pipeline on it. The Linter's block cache is off for this: with
   it, every call after the first would find all the page's blocks already read. Re-linting
   the unchanged page with the cache on (what a CMS does on a save that changed nothing) is
   reported beside it;
4. memory: peak RSS after 10,000 pages in one process against after 1,000 (target <= 1.2);
and a profile of the batch: where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "fixtures" / "demo" / "manifest.yaml"
PYTHON = sys.executable
# -P everywhere: the claimlint installed in this environment (a compiled wheel, or the source
# installed editable), never a checkout's claimlint/ that happens to be the working directory
CLAIMLINT = [PYTHON, "-P", "-m", "claimlint"]

_SENTENCES = [
    "{product} keeps an eye on your {thing} around the clock, so your team hears about problems first.",
    "With {cap}, you can spot trouble before your customers do.",
    "Our {plan} plan includes {cap} and {cap2} for growing teams.",
    "{cap} is available on every plan, with no setup fees.",
    "Set up {cap} in minutes: no agents, no code, no fuss.",
    "Unlike {competitor}, {product} ships {cap} out of the box.",
    "Coming soon: {cap} for even more visibility.",
    "Monitor up to {number} websites from {regions} locations worldwide.",
    "Teams love how {cap} fits into the tools they already use every day.",
    "Does {product} support {cap}? Yes, on the {plan} plan.",
    "Read the {cap} guide to learn more about getting started.",
    "We don't offer {cap} yet, but it is on our roadmap.",
    "Get alerts by email, SMS and Slack, and route them with {cap}.",
    "Thousands of teams trust {product} to watch their most important pages.",
]
_THINGS = ["websites", "APIs", "cron jobs", "certificates", "checkout flow", "status page", "servers"]


def _vocabulary() -> dict[str, list[str]]:
    import yaml

    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    caps = [alias for item in data["capabilities"].values() for alias in item.get("aliases", [])]
    plans = [alias for plan in data["plans"] for alias in plan.get("aliases", [plan["id"]])]
    return {"cap": caps, "plan": plans, "competitor": list(data["competitors"])}


def make_page(index: int, words: int = 1200) -> str:
    """A marketing page of about ``words`` words, different for every index."""
    vocab = _vocabulary_cache()
    rng = random.Random(index)
    parts = [f"<html><head><title>{rng.choice(vocab['cap']).title()} for teams | Pulsewatch</title>",
             '<meta name="description" content="Uptime monitoring for busy teams."></head><body>',
             '<nav><a href="/">Home</a> <a href="/pricing">Pricing</a></nav><main>']
    count = 0
    while count < words:
        parts.append(f"<h2>{rng.choice(vocab['cap']).title()} that works</h2><ul>")
        for _ in range(rng.randint(2, 4)):
            sentence = rng.choice(_SENTENCES).format(
                product="Pulsewatch", thing=rng.choice(_THINGS), cap=rng.choice(vocab["cap"]),
                cap2=rng.choice(vocab["cap"]), plan=rng.choice(vocab["plan"]), competitor=rng.choice(vocab["competitor"]),
                number=f"{rng.randint(1, 99) * 10:,}", regions=rng.randint(5, 40))
            parts.append(f"<li>{sentence}</li>")
            count += len(sentence.split())
        parts.append("</ul><p>")
        for _ in range(rng.randint(3, 6)):
            sentence = rng.choice(_SENTENCES).format(
                product="Pulsewatch", thing=rng.choice(_THINGS), cap=rng.choice(vocab["cap"]),
                cap2=rng.choice(vocab["cap"]), plan=rng.choice(vocab["plan"]), competitor=rng.choice(vocab["competitor"]),
                number=f"{rng.randint(1, 99) * 100 + index:,}", regions=rng.randint(5, 40))
            parts.append(sentence + " ")
            count += len(sentence.split())
        parts.append("</p>")
    parts.append("</main><footer><p>&copy; Pulsewatch</p></footer></body></html>")
    return "\n".join(parts)


_VOCAB: dict[str, list[str]] = {}


def _vocabulary_cache() -> dict[str, list[str]]:
    if not _VOCAB:
        _VOCAB.update(_vocabulary())
    return _VOCAB


def _wall(command: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def cold_start(runs: int, folder: Path) -> dict[str, float]:
    """Both sides start from compiled bytecode, as after ``pip install``: an editable install
    under PYTHONDONTWRITEBYTECODE=1 would otherwise compile claimlint's source on every run."""
    import claimlint

    subprocess.run([PYTHON, "-m", "compileall", "-q", str(Path(claimlint.__file__).parent)], check=True)
    page = folder / "one.md"
    page.write_text("# Status pages\n\nPulsewatch runs natively on Windows and Linux.\n", encoding="utf-8")
    ours, bare = [], []
    _wall(CLAIMLINT + ["check", "--manifest", str(MANIFEST), str(page)])  # warm the OS file cache
    for _ in range(runs):  # interleaved, so load on the machine affects both alike
        ours.append(_wall(CLAIMLINT + ["check", "--manifest", str(MANIFEST), str(page)]))
        bare.append(_wall([PYTHON, "-P", "-c", "import spacy; spacy.blank('en')"]))
    return {"claimlint_s": statistics.median(ours), "bare_spacy_s": statistics.median(bare),
            "ratio": statistics.median(ours) / statistics.median(bare)}


_FLOOR = """
import sys, time
from pathlib import Path
import spacy
from claimlint.sources import parse_html
nlp = spacy.blank("en")
for path in sorted(Path(sys.argv[1]).glob("*.html")):
    document = parse_html(path.read_bytes(), str(path))
    for doc in nlp.pipe(block.text for block in document.blocks):
        pass
"""


def batch(pages: int, folder: Path) -> dict[str, Any]:
    """``claimlint check`` as users run it (one worker per CPU), and with ``--jobs 1``."""
    site = folder / "site"
    site.mkdir(exist_ok=True)
    for index in range(pages):
        (site / f"page-{index:04d}.html").write_text(make_page(index), encoding="utf-8")
    command = CLAIMLINT + ["check", "--manifest", str(MANIFEST), str(site), "--format", "json"]
    _wall([PYTHON, "-P", "-c", _FLOOR, str(site)])  # warm the OS file cache
    ours, one, floor = [], [], []
    # interleaved, so load on the machine affects all three alike; the fastest of three runs
    # each, as a burst of load on this machine can slow any single run by a third
    for _ in range(3):
        ours.append(_wall(command))
        one.append(_wall(command + ["--jobs", "1"]))
        floor.append(_wall([PYTHON, "-P", "-c", _FLOOR, str(site)]))
    best, single, bare = min(ours), min(one), min(floor)
    return {"pages": pages, "cpus": _cpus(), "claimlint_pages_per_s": pages / best,
            "claimlint_jobs_1_pages_per_s": pages / single, "floor_pages_per_s": pages / bare,
            "ratio_to_floor": bare / best, "ratio_to_floor_jobs_1": bare / single,
            "claimlint_runs_s": [round(s, 2) for s in ours], "floor_runs_s": [round(s, 2) for s in floor]}


def _cpus() -> int:
    from claimlint.batch import default_jobs

    return default_jobs()


def textlint(pages: int, folder: Path, claimlint_pps: float) -> dict[str, float | str]:
    """textlint with textlint-plugin-html and a prh dictionary of the manifest's phrases."""
    npm = shutil.which("npm")
    if npm is None:
        return {"skipped": "npm is not installed"}
    work = folder / "textlint"
    work.mkdir(exist_ok=True)
    install = subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "textlint@14",
                              "textlint-plugin-html", "textlint-rule-prh"], cwd=work, capture_output=True, text=True)
    if install.returncode != 0:
        return {"skipped": f"npm install failed: {install.stderr.strip().splitlines()[-1:]}"}
    import yaml

    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))

    def pattern(alias: str) -> str:
        # prh escapes "-" in plain patterns, which its Unicode regexes reject: give regexes
        return "/" + "".join("\\" + ch if ch in ".^$*+?()[]{}|/\\" else ch for ch in alias) + "/i"

    rules = [{"expected": item.get("name", cid), "patterns": [pattern(a) for a in item.get("aliases", [])]}
             for cid, item in data["capabilities"].items()]
    (work / "prh.yml").write_text(yaml.safe_dump({"version": 1, "rules": rules}), encoding="utf-8")
    (work / ".textlintrc.json").write_text(json.dumps({"plugins": {"html": True},
                                                       "rules": {"prh": {"rulePaths": [str(work / "prh.yml")]}}}))
    binary = work / "node_modules" / ".bin" / "textlint"
    command = [str(binary), "--config", str(work / ".textlintrc.json"), "--format", "json", str(folder / "site")]
    start = time.perf_counter()
    run = subprocess.run(command, cwd=work, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    try:
        checked = json.loads(run.stdout)
    except json.JSONDecodeError:
        return {"skipped": f"textlint did not run: {(run.stderr or run.stdout).strip().splitlines()[:2]}"}
    messages = sum(len(entry["messages"]) for entry in checked)
    if len(checked) != pages or messages == 0:
        return {"skipped": f"textlint checked {len(checked)} of {pages} pages with {messages} messages"}
    return {"textlint_pages_per_s": pages / seconds, "textlint_messages": messages,
            "claimlint_over_textlint": claimlint_pps / (pages / seconds)}


def _interleaved_medians(calls: int, *works: Callable[[], object]) -> list[float]:
    """Median seconds of each piece of work, run in turn ``calls`` times, so load on the
    machine affects them alike."""
    times: list[list[float]] = [[] for _ in works]
    for _ in range(calls):
        for work, seconds in zip(works, times):
            start = time.perf_counter()
            work()
            seconds.append(time.perf_counter() - start)
    return [statistics.median(seconds) for seconds in times]


def warm_api(calls: int) -> dict[str, float]:
    """``lint_html`` against tokenising the page's text with the tokenizer alone, and against
    running the Linter's whole spaCy pipeline (the tokenizer, then phrase matching: a blank
    pipeline's lemmas are its vocabulary's norms, and the claim reader splits its sentences)."""
    from claimlint.api import Linter
    from claimlint.manifest import Manifest
    from claimlint.sources import parse_html

    linter = Linter(Manifest.load(MANIFEST), block_cache=0)  # each call reads the page afresh
    cached = Linter(linter.manifest)
    nlp = linter._nlp

    def tokenise(texts: list[str]) -> None:
        for text in texts:
            nlp.tokenizer(text)

    page = make_page(7, words=1500)
    texts = [block.text for block in parse_html(page).blocks]
    lint_s, tokenise_s, pipeline_s = _interleaved_medians(
        calls, lambda: linter.lint_html(page), lambda: tokenise(texts), lambda: list(nlp.pipe(texts)))
    # the generated page names a capability in nearly every sentence (about 130 claims); the
    # demo's hand-written features page is closer to a real one
    demo = (ROOT / "fixtures" / "demo" / "site" / "features.html").read_text(encoding="utf-8")
    demo_texts = [block.text for block in parse_html(demo).blocks]
    demo_s, demo_tokenise_s = _interleaved_medians(calls, lambda: linter.lint_html(demo), lambda: tokenise(demo_texts))
    relint_s, = _interleaved_medians(calls, lambda: cached.lint_html(page))
    return {"lint_html_ms": 1000 * lint_s, "tokenise_ms": 1000 * tokenise_s, "ratio": lint_s / tokenise_s,
            "unchanged_page_relint_ms": 1000 * relint_s, "unchanged_page_relint_ratio": relint_s / tokenise_s,
            "spacy_pipeline_ms": 1000 * pipeline_s, "ratio_to_spacy_pipeline": lint_s / pipeline_s,
            "claims_on_page": len(linter.claims_html(page)), "demo_features_page_lint_html_ms": 1000 * demo_s,
            "demo_features_page_ratio": demo_s / demo_tokenise_s, "demo_features_page_claims": len(linter.claims_html(demo))}


_MEMORY = """
import resource, sys
sys.path.insert(0, sys.argv[2])
from throughput import make_page, MANIFEST
from claimlint.api import Linter
from claimlint.manifest import Manifest
linter = Linter(Manifest.load(MANIFEST))
total = int(sys.argv[1])
def pages():
    for index in range(total):
        yield (f"page-{index}.html", make_page(index, words=400), "html")
marks = {}
for done, _ in enumerate(linter.lint_many(pages()), start=1):
    if done in (1000, total):
        marks[done] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(marks[1000], marks[total])
"""


def memory(total: int) -> dict[str, float]:
    result = subprocess.run([PYTHON, "-P", "-c", _MEMORY, str(total), str(Path(__file__).parent)], capture_output=True,
                            text=True, check=True)
    first, last = (int(value) for value in result.stdout.split())
    return {"pages": total, "peak_rss_mb_after_1000": first / 1024, f"peak_rss_mb_after_{total}": last / 1024,
            "ratio": last / first}


def profile(pages: int, folder: Path) -> list[str]:
    """Where a page's time goes, stage by stage, timed directly (cProfile's per-call cost
    distorts code that creates many small spaCy objects, so it only gives the top list).
    The stages read every block afresh; how many blocks ``check`` finds in its block cache
    instead, and what a page costs then, is reported after them."""
    from claimlint.api import Linter, _units
    from claimlint.manifest import Manifest
    from claimlint.sources import read_document

    linter = Linter(Manifest.load(MANIFEST), block_cache=0)
    files = sorted((folder / "site").glob("*.html"))[:pages]
    stages: dict[str, float] = {}
    blocks, seen = 0, set()  # how many blocks, and how many distinct texts (the block cache's keys)

    def timed(label: str, work: Any) -> Any:
        start = time.process_time()
        result = work()
        stages[label] = stages.get(label, 0.0) + time.process_time() - start
        return result

    for path in files:
        document = timed("read and parse HTML", lambda: read_document(path))
        units = list(_units(document))
        blocks += len(units)
        seen.update((text, block.cell is not None) for _, block, _, text in units)
        docs = timed("spaCy pipeline", lambda: list(linter._nlp.pipe([unit[3] for unit in units])))
        parsed = timed("mentions and cues", lambda: [linter._reader.parse(index, block, doc, offset, text)
                                                     for (index, block, offset, text), doc in zip(units, docs)])
        claims = timed("claim reading", lambda: linter._claims(document, parsed))
        timed("checks and suppressions", lambda: linter._verdicts(document, claims))
    total = sum(stages.values())
    lines = [f"{len(files)} pages, {total:.2f} s of CPU, {1000 * total / len(files):.1f} ms a page"]
    lines += [f"{label}: {seconds:.2f} s ({100 * seconds / total:.0f}%)" for label, seconds in stages.items()]
    # page by page in turn, with and without the cache, so a machine slowing down affects both alike
    cached = Linter(linter.manifest)
    seconds = [0.0, 0.0]
    for path in files:
        for which, user in enumerate((linter, cached)):
            start = time.process_time()
            user.lint_file(path)
            seconds[which] += time.process_time() - start
    lines.append(f"with the block cache: {blocks - len(seen)} of {blocks} blocks ({100 * (blocks - len(seen)) / blocks:.0f}%) "
                 f"repeat an earlier block's text; {1000 * seconds[1] / len(files):.1f} ms a page against "
                 f"{1000 * seconds[0] / len(files):.1f} ms without it")
    profiler = cProfile.Profile()
    profiler.enable()
    for path in files[:20]:
        linter.lint_file(path)
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(8)
    lines.append(stream.getvalue().strip().split("\n\n")[-1])
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    results: dict[str, object] = {}
    version = subprocess.run(CLAIMLINT + ["--version"], capture_output=True, text=True, check=True).stdout.strip()
    print(version, "from", Path(__import__("claimlint").__file__).parent, flush=True)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        results["cold_start"] = cold_start(3 if args.quick else 9, folder)
        print("cold start", json.dumps(results["cold_start"]), flush=True)
        results["batch"] = batch(60 if args.quick else 300, folder)
        print("batch", json.dumps(results["batch"]), flush=True)
        pages = results["batch"]["pages"]  # type: ignore[index]
        results["textlint"] = textlint(pages, folder, results["batch"]["claimlint_pages_per_s"])  # type: ignore[index]
        print("textlint", json.dumps(results["textlint"]), flush=True)
        results["warm_api"] = warm_api(40 if args.quick else 200)
        print("warm API", json.dumps(results["warm_api"]), flush=True)
        results["memory"] = memory(1500 if args.quick else 10_000)
        print("memory", json.dumps(results["memory"]), flush=True)
        print("profile of the batch (in-process):")
        for line in profile(30 if args.quick else 100, folder):
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
