"""Many pages at once: worker processes give the same report as one process, in the same order."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from claimlint.api import Linter, PageResult
from claimlint.batch import ReadAhead, can_fork, lint_files
from claimlint.errors import SourceError
from conftest import FIXTURES, ROOT

DEMO = FIXTURES / "demo"


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site three times over, with a page that cannot be read in the middle."""
    site = tmp_path_factory.mktemp("site")
    for copy in ("a", "b", "c"):
        shutil.copytree(DEMO / "site", site / copy)
    (site / "b" / "broken.html").write_bytes(b"\x00\x01\x02 binary, not a page \xff\xfe" * 20)
    return site


def claimlint(*args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "CLAIMLINT_DEBUG"}
    return subprocess.run([sys.executable, "-m", "claimlint", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300)


@pytest.mark.parametrize("fmt", ["json", "concise"])
def test_workers_report_exactly_what_one_process_reports(big_site: Path, fmt: str) -> None:
    common = ["check", "--manifest", str(DEMO / "manifest.yaml"), str(big_site), "--format", fmt]
    serial = claimlint(*common, "--jobs", "1")
    parallel = claimlint(*common, "--jobs", "2")
    assert serial.returncode == parallel.returncode == 1, parallel.stderr
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr
    assert "broken.html: skipped" in parallel.stderr
    assert serial.stdout.count("CL1") > 3 * 10  # the demo site's mismatches, three times


def test_claims_command_keeps_claims_with_workers(big_site: Path) -> None:
    common = ["claims", "--manifest", str(DEMO / "manifest.yaml"), str(big_site), "--format", "json"]
    serial = claimlint(*common, "--jobs", "1")
    parallel = claimlint(*common, "--jobs", "2")
    assert serial.returncode == parallel.returncode == 0, parallel.stderr
    assert parallel.stdout == serial.stdout and '"claims": [' in parallel.stdout and '"kind": "capability"' in parallel.stdout


class _WhereLinted(Linter):
    """Records which process linted each page, in the page's source name."""

    def lint_file(self, path: str | Path, *, shown_as: str | None = None) -> PageResult:
        result = super().lint_file(path, shown_as=shown_as)
        return replace(result, source=f"{result.source}@{os.getpid()}")


@pytest.mark.skipif(not can_fork(), reason="workers are forked on Linux only; elsewhere pages are linted in-process")
def test_many_pages_are_shared_between_worker_processes(big_site: Path, demo_linter: Linter) -> None:
    linter = object.__new__(_WhereLinted)
    linter.__dict__.update(demo_linter.__dict__)
    files = [(path, path.name) for path in sorted(big_site.rglob("*.html"))]
    outcomes = list(lint_files(linter, files, jobs=2, keep_claims=False))
    assert [shown for shown, _ in outcomes] == [name for _, name in files]  # in order
    assert any(isinstance(outcome, SourceError) for _, outcome in outcomes)
    pids = {outcome.source.rpartition("@")[2] for _, outcome in outcomes if isinstance(outcome, PageResult)}
    assert len(pids) == 2 and str(os.getpid()) not in pids
    assert all(not outcome.claims and outcome.claims_read > 0 for _, outcome in outcomes
               if isinstance(outcome, PageResult) and outcome.findings)


def test_a_few_pages_are_linted_in_process(demo_linter: Linter) -> None:
    linter = object.__new__(_WhereLinted)
    linter.__dict__.update(demo_linter.__dict__)
    files = [(path, path.name) for path in sorted((DEMO / "site").glob("*.html"))]
    outcomes = list(lint_files(linter, files, jobs=2))
    assert {outcome.source.rpartition("@")[2] for _, outcome in outcomes if isinstance(outcome, PageResult)} == {
        str(os.getpid())}


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_bad_jobs_value_is_a_usage_error(value: str) -> None:
    result = claimlint("check", "--manifest", str(DEMO / "manifest.yaml"), str(DEMO / "site"), "--jobs", value)
    assert result.returncode == 2
    assert "--jobs" in result.stderr and "Traceback" not in result.stderr


def _wait_for_pages(folder: Path, count: int) -> None:
    deadline = time.monotonic() + 120
    while len([p for p in folder.iterdir() if p.name.isdigit()]) < count:
        assert time.monotonic() < deadline, "the read-ahead process did not parse the pages"
        time.sleep(0.05)


@pytest.mark.skipif(not can_fork(), reason="the read-ahead process is forked on Linux only")
def test_pages_parsed_ahead_are_not_read_again(big_site: Path, demo_linter: Linter, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(big_site, site)
    files = [(path, path.name) for path in sorted(site.rglob("*.html"))]
    expected = [(shown, outcome) for shown, outcome in lint_files(demo_linter, files, jobs=1, keep_claims=False)]
    with ReadAhead(files, jobs=2) as read_ahead:
        assert read_ahead.active and read_ahead.folder is not None
        folder = read_ahead.folder
        _wait_for_pages(folder, len(files) - 1)  # all but the page that cannot be read
        for path, _ in files:  # what the workers lint now is what was read ahead
            if path.name != "broken.html":
                path.write_text("<p>Rewritten since.</p>", encoding="utf-8")
        outcomes = list(lint_files(demo_linter, files, jobs=2, keep_claims=False, read_ahead=read_ahead))
    assert not folder.exists()
    assert [shown for shown, _ in outcomes] == [shown for shown, _ in expected]
    for (_, got), (_, want) in zip(outcomes, expected):
        if isinstance(want, SourceError):  # the workers read it themselves, and report why it failed
            assert isinstance(got, SourceError) and str(got) == str(want)
        else:
            assert isinstance(got, PageResult) and got.findings == want.findings


@pytest.mark.skipif(not can_fork(), reason="the read-ahead process is forked on Linux only")
def test_pages_parsed_with_other_skip_selectors_are_read_again(big_site: Path, demo_linter: Linter) -> None:
    files = [(path, path.name) for path in sorted(big_site.rglob("*.html"))]
    with ReadAhead(files, jobs=2, skip_selectors=["main"]) as read_ahead:
        assert read_ahead.folder is not None
        _wait_for_pages(read_ahead.folder, len(files) - 1)
        outcomes = list(lint_files(demo_linter, files, jobs=2, keep_claims=False, read_ahead=read_ahead))
    expected = list(lint_files(demo_linter, files, jobs=1, keep_claims=False))

    def findings(results: list[tuple[str, PageResult | SourceError]]) -> list[object]:
        return [outcome.findings for _, outcome in results if isinstance(outcome, PageResult)]

    assert findings(outcomes) == findings(expected) and sum(map(len, findings(expected))) > 30


def test_a_few_pages_are_not_read_ahead() -> None:
    files = [(path, path.name) for path in sorted((DEMO / "site").glob("*.html"))]
    with ReadAhead(files, jobs=2) as read_ahead:
        assert not read_ahead.active
    with ReadAhead(files * 4, jobs=1) as read_ahead:
        assert not read_ahead.active


def test_without_a_temporary_folder_the_workers_read_every_page(big_site: Path, demo_linter: Linter,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(*args: object, **kwargs: object) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tempfile.mkdtemp", full_disk)
    files = [(path, path.name) for path in sorted(big_site.rglob("*.html"))]
    with ReadAhead(files, jobs=2) as read_ahead:
        assert not read_ahead.active
        outcomes = list(lint_files(demo_linter, files, jobs=2, keep_claims=False, read_ahead=read_ahead))
    assert len(outcomes) == len(files) and sum(
        len(outcome.findings) for _, outcome in outcomes if isinstance(outcome, PageResult)) > 30


@pytest.mark.skipif(not can_fork(), reason="the read-ahead process is forked on Linux only")
def test_a_killed_run_leaves_no_read_ahead_process_or_folder(tmp_path: Path) -> None:
    page = (DEMO / "site" / "features.html").read_text(encoding="utf-8")
    for index in range(3000):  # enough that the read-ahead is still at work when the run is killed
        (tmp_path / f"page-{index}.html").write_text(page, encoding="utf-8")
    script = (
        "import sys, time; from pathlib import Path; from claimlint.batch import ReadAhead\n"
        "files = [(p, p.name) for p in sorted(Path(sys.argv[1]).glob('*.html'))]\n"
        "ahead = ReadAhead(files, jobs=2)\n"
        "print(ahead.folder, flush=True)\n"
        "time.sleep(300)\n"
    )
    run = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert run.stdout is not None
    folder = Path(run.stdout.readline().strip())
    _wait_for_pages(folder, 1)
    run.kill()
    run.wait()
    # nothing the run started holds its output open: whoever reads it sees the end at once
    assert select.select([run.stdout], [], [], 5)[0] and run.stdout.read() == ""
    deadline = time.monotonic() + 60
    while folder.exists():
        assert time.monotonic() < deadline, "the read-ahead outlived the run"
        time.sleep(0.05)


@pytest.mark.skipif(not can_fork(), reason="the read-ahead process is forked on Linux only")
def test_a_damaged_page_left_by_the_read_ahead_is_read_again(big_site: Path, demo_linter: Linter) -> None:
    files = [(path, path.name) for path in sorted(big_site.rglob("*.html"))]
    expected = list(lint_files(demo_linter, files, jobs=1, keep_claims=False))
    with ReadAhead(files, jobs=2) as read_ahead:
        assert read_ahead.folder is not None
        _wait_for_pages(read_ahead.folder, len(files) - 1)
        (read_ahead.folder / "0").write_bytes(b"not a parsed page")
        outcomes = list(lint_files(demo_linter, files, jobs=2, keep_claims=False, read_ahead=read_ahead))
    first, want = outcomes[0][1], expected[0][1]
    assert isinstance(first, PageResult) and isinstance(want, PageResult) and first.findings == want.findings
