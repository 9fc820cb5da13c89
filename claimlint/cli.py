"""The command line. The only place that prints or exits; everything else raises."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from claimlint import __version__
from claimlint.errors import ClaimlintError, ConfigError, ManifestError, SourceError

if TYPE_CHECKING:
    from claimlint.batch import ReadAhead
    from claimlint.config import Config
    from claimlint.fetch import Failure
    from claimlint.manifest import Manifest
    from claimlint.report import RunSummary

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CHECK_FORMATS = ("concise", "text", "full", "json", "json-lines", "sarif", "github", "gitlab", "junit")


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with one line, as every other bad input does."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"claimlint: error: {message} (see '{self.prog} --help')\n")


def _codes(value: str) -> list[str]:
    return [code.strip().upper() for code in value.split(",") if code.strip()]


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return jobs


def _compiled() -> bool:
    """Whether the claim reader is the mypyc-compiled extension of a binary wheel (found, not imported)."""
    from importlib.util import find_spec

    spec = find_spec("claimlint.claims.builder")
    return spec is not None and spec.origin is not None and not spec.origin.endswith(".py")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="claimlint", description="Check marketing pages against a capability manifest.")
    compiled = "yes" if _compiled() else "no"
    parser.add_argument("--version", action="version", version=f"claimlint {__version__} (compiled: {compiled})")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def page_command(name: str, help_text: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("paths", nargs="*", metavar="PATH", help="pages or folders (default: the config's paths, or .)")
        command.add_argument("--manifest", "-m", metavar="FILE", help="the capability manifest (YAML)")
        command.add_argument("--config", metavar="FILE", help="a config file (default: the nearest .claimlint.yaml or pyproject.toml)")
        command.add_argument("--isolated", action="store_true", help="ignore config files")
        command.add_argument("--model", metavar="NAME", help="an installed trained spaCy pipeline to use instead of blank English")
        command.add_argument("--include", action="append", default=[], metavar="GLOB", help="only pages matching this glob (repeatable)")
        command.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="skip pages matching this glob (repeatable)")
        command.add_argument("--jobs", "-j", type=_jobs, metavar="N",
                             help="processes to lint with (default: one per CPU when there are many pages; 1: no workers)")
        return command

    check = page_command("check", "Report every claim that contradicts the manifest.")
    check.add_argument("--format", "-f", choices=CHECK_FORMATS,
                       help="output format (default: github under GitHub Actions, full on a terminal, else concise)")
    check.add_argument("--select", type=_codes, metavar="CODES", help="run only these rule codes or prefixes (comma-separated)")
    check.add_argument("--extend-select", type=_codes, metavar="CODES", help="add these to the selected rules")
    check.add_argument("--ignore", type=_codes, metavar="CODES", help="skip these rule codes or prefixes")
    check.add_argument("--fail-on", choices=("info", "warning", "error"),
                       help="the lowest severity that makes the exit status 1 (default: warning)")
    check.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline")
    check.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE and exit 0")
    check.add_argument("--quiet", "-q", action="store_true", help="no summary line")

    claims = page_command("claims", "Print what was read as claims, without verdicts.")
    claims.add_argument("--format", "-f", choices=("text", "json"), default="text")

    scan = commands.add_parser("scan", help="Fetch a site's sitemap and every page on it, and check them all.",
                               description="Fetch a site's sitemap and every page on it, and check them all.")
    scan.add_argument("--sitemap", required=True, metavar="URL_OR_FILE",
                      help="a sitemap (XML, gzip or text), a sitemap index, a robots.txt URL, or a local file")
    scan.add_argument("--manifest", "-m", metavar="FILE")
    scan.add_argument("--config", metavar="FILE")
    scan.add_argument("--isolated", action="store_true", help="ignore config files")
    scan.add_argument("--model", metavar="NAME")
    scan.add_argument("--format", "-f", choices=CHECK_FORMATS)
    scan.add_argument("--select", type=_codes, metavar="CODES")
    scan.add_argument("--ignore", type=_codes, metavar="CODES")
    scan.add_argument("--fail-on", choices=("info", "warning", "error"))
    scan.add_argument("--include", action="append", default=[], metavar="PATTERN", help="only URLs matching (glob or regex)")
    scan.add_argument("--exclude", action="append", default=[], metavar="PATTERN", help="skip URLs matching (glob or regex)")
    scan.add_argument("--max-pages", type=int, metavar="N")
    scan.add_argument("--concurrency", type=int, default=4, metavar="N", help="requests in flight per host (default 4)")
    scan.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS", help="per request (default 20)")
    scan.add_argument("--deadline", type=float, metavar="SECONDS", help="for the whole scan")
    scan.add_argument("--retries", type=int, default=3, metavar="N")
    scan.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt (for your own site)")
    scan.add_argument("--allow-host", action="append", default=[], metavar="HOST", help="follow redirects to this host too")
    scan.add_argument("--rewrite", action="append", default=[], metavar="FROM=TO",
                      help="fetch URLs starting with FROM from TO instead (a staging server)")
    scan.add_argument("--user-agent", metavar="TEXT")
    scan.add_argument("--report", metavar="FILE", help="also write a self-contained HTML report")
    scan.add_argument("--quiet", "-q", action="store_true")

    manifest = commands.add_parser("manifest", help="Work with manifests.")
    manifest_commands = manifest.add_subparsers(dest="manifest_command", required=True, parser_class=_Parser)
    manifest_check = manifest_commands.add_parser("check", help="Validate a manifest and explain what is wrong.")
    manifest_check.add_argument("file", metavar="FILE")
    hook = manifest_commands.add_parser("hook", help="For pre-commit: validate changed manifests and relint every page.")
    hook.add_argument("files", nargs="*", metavar="FILE")
    hook.add_argument("--config", metavar="FILE")

    rules = commands.add_parser("rules", help="List the rules, or explain one.")
    rules.add_argument("code", nargs="?", metavar="CODE")
    rules.add_argument("--format", "-f", choices=("text", "json", "markdown"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command in ("check", "claims"):
            return _pages(args, _settings(args), sys.stdout, sys.stderr)
        if args.command == "scan":
            return _scan(args, sys.stdout, sys.stderr)
        if args.command == "manifest" and args.manifest_command == "check":
            return _manifest_check(args.file, sys.stdout)
        if args.command == "manifest":
            return _manifest_hook(args, sys.stdout, sys.stderr)
        return _rules(args.code, args.format, sys.stdout)
    except ManifestError as error:
        for problem in error.problems:
            print(f"claimlint: error: {problem}", file=sys.stderr)
        return EXIT_ERROR
    except ClaimlintError as error:
        print(f"claimlint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("claimlint: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as error:  # an internal error: one line, and the traceback on request
        if os.environ.get("CLAIMLINT_DEBUG"):
            raise
        print(f"claimlint: internal error: {type(error).__name__}: {error} (set CLAIMLINT_DEBUG=1 for the traceback)",
              file=sys.stderr)
        return EXIT_ERROR


def _settings(args: argparse.Namespace) -> Config:
    """Config file settings with the command line on top."""
    from claimlint.config import Config, find_config, load_config, merged

    if args.isolated:
        config = Config()
    elif args.config:
        config = load_config(Path(args.config))
    else:
        config = load_config(find_config(Path.cwd()))
    return merged(
        config,
        manifest=Path(args.manifest) if args.manifest else None,
        include=tuple(args.include),
        exclude=tuple(args.exclude),
        model=args.model,
        select=tuple(args.select) if getattr(args, "select", None) is not None else None,
        extend_select=tuple(getattr(args, "extend_select", None) or ()),
        ignore=tuple(getattr(args, "ignore", None) or ()),
        fail_on=getattr(args, "fail_on", None),
        format=args.format if args.command == "check" else None,
        baseline=Path(args.baseline) if getattr(args, "baseline", None) else None,
    )


def _pages(args: argparse.Namespace, config: Config, out: TextIO, err: TextIO) -> int:
    from claimlint.batch import ReadAhead
    from claimlint.files import collect
    from claimlint.manifest import Manifest

    if config.manifest is None:
        raise ConfigError("no manifest: pass --manifest FILE, or set 'manifest' in .claimlint.yaml")
    manifest = Manifest.load(config.manifest)
    paths = args.paths or [str(config.root / p) for p in config.paths] or ["."]
    pages = collect(paths, config.include, config.exclude)
    files = [(page.path, page.shown) for page in pages]
    with ReadAhead(files, jobs=args.jobs, skip_selectors=config.skip_selectors) as read_ahead:
        return _lint_pages(args, config, manifest, files, read_ahead, out, err)


def _lint_pages(args: argparse.Namespace, config: Config, manifest: Manifest, files: list[tuple[Path, str]],
                read_ahead: ReadAhead, out: TextIO, err: TextIO) -> int:
    from claimlint.api import Linter, PageResult
    from claimlint.batch import lint_files, settle_for_the_run
    from claimlint.report import RunSummary

    linter = Linter.from_config(config, manifest=manifest)  # its rules, per-file-ignores and skip selectors
    settle_for_the_run()
    results: list[PageResult] = []
    skipped: list[tuple[str, str]] = []
    for shown, result in lint_files(linter, files, jobs=args.jobs, keep_claims=args.command == "claims",
                                    read_ahead=read_ahead):
        if isinstance(result, SourceError):
            reason = str(result).removeprefix(f"{shown}: ")
            skipped.append((shown, reason))
            print(f"claimlint: warning: {shown}: skipped: {reason}", file=err)
            continue
        for notice in result.notices:
            print(f"claimlint: warning: {notice}", file=err)
        if result.not_checked is not None:
            skipped.append((shown, result.not_checked))
            print(f"claimlint: warning: {shown}: skipped: {result.not_checked}", file=err)
            continue
        results.append(result)
    # the results are kept to the end: the report's thousands of new dicts need not make the
    # garbage collector scan them again and again (a third of a large JSON report's time)
    gc.freeze()
    summary = RunSummary(results, skipped)
    if args.command == "claims":
        from claimlint.report import json as json_report
        from claimlint.report import text as text_report

        if args.format == "json":
            out.write(json_report.render_claims(summary))
        else:
            out.write("".join(text_report.claim_line(c) + "\n" for r in results for c in r.claims))
        return EXIT_CLEAN
    return _report(summary, args, config, out, err)


def _report(summary: RunSummary, args: argparse.Namespace, config: Config, out: TextIO, err: TextIO) -> int:
    from dataclasses import replace

    from claimlint.baseline import filter_new, read_baseline, write_baseline
    from claimlint.checks.model import SEVERITIES
    from claimlint.report import render
    from claimlint.report import text as text_report

    if args.write_baseline:
        count = write_baseline(Path(args.write_baseline), summary.findings)
        print(f"claimlint: wrote {count} finding{'s' if count != 1 else ''} to {args.write_baseline}", file=err)
        return EXIT_CLEAN
    if config.baseline is not None:
        known = read_baseline(config.baseline)
        results, baselined = [], 0
        for result in summary.results:
            new, matched = filter_new(result.findings, known)
            baselined += matched
            results.append(replace(result, findings=tuple(new)))
        summary = replace(summary, results=results, baselined=baselined)
    fmt = config.format or _default_format(out)
    out.write(render(summary, fmt))
    if fmt in ("concise", "text", "full") and not args.quiet:
        print(text_report.summary_line(summary), file=err)
    floor = SEVERITIES.index(config.fail_on)
    failing = any(SEVERITIES.index(finding.severity) >= floor for finding in summary.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _scan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from claimlint.config import Config, find_config, load_config, merged
    from claimlint.fetch import USER_AGENT, FetchPolicy
    from claimlint.report import RunSummary
    from claimlint.scan import ScanOptions, scan

    config = Config() if args.isolated else load_config(Path(args.config) if args.config else find_config(Path.cwd()))
    config = merged(config, manifest=Path(args.manifest) if args.manifest else None, model=args.model,
                    select=tuple(args.select) if args.select is not None else None, ignore=tuple(args.ignore or ()),
                    fail_on=args.fail_on, format=args.format)
    if config.manifest is None:
        raise ConfigError("no manifest: pass --manifest FILE, or set 'manifest' in .claimlint.yaml")
    rewrite = []
    for rule in args.rewrite:
        source, sep, target = rule.partition("=")
        if not sep or not source or not target:
            raise ConfigError(f"--rewrite {rule!r}: use FROM=TO, e.g. https://www.example.com=http://localhost:1313")
        rewrite.append((source, target))
    policy = FetchPolicy(user_agent=args.user_agent or USER_AGENT, per_host=max(1, args.concurrency),
                         timeout=args.timeout, retries=max(0, args.retries), obey_robots=not args.ignore_robots,
                         allow_hosts=frozenset(args.allow_host), rewrite=tuple(rewrite))
    options = ScanOptions(sitemap=args.sitemap, include=tuple(args.include), exclude=tuple(args.exclude),
                          max_pages=args.max_pages, deadline=args.deadline, policy=policy)
    bar = _ProgressBar(err) if err.isatty() and not args.quiet else None
    try:
        result = scan(options, config, progress=bar.update if bar else None)
    finally:
        if bar:
            bar.close()
    for problem in result.problems:
        print(f"claimlint: warning: {problem}", file=err)
    reasons = [(failure.url, _with_hint(failure)) for failure in result.failures]
    for url, reason in reasons:
        print(f"claimlint: warning: {url}: not checked: {reason}", file=err)
    summary = RunSummary(result.results, reasons)
    if not args.quiet:
        from claimlint.report.grouping import group

        for repeated in group(summary.findings)[0]:
            print(f"claimlint: note: {repeated.rule} \"{repeated.text}\" appears on {len(repeated.pages)} pages "
                  f"(shared site chrome?): {repeated.message}", file=err)
    if args.report:
        from claimlint.report import html as html_report

        Path(args.report).write_text(html_report.render(summary, title=f"claimlint: {args.sitemap}"), encoding="utf-8")
        print(f"claimlint: wrote the report to {args.report}", file=err)
    namespace = argparse.Namespace(write_baseline=None, quiet=args.quiet)
    return _report(summary, namespace, config, out, err)


def _with_hint(failure: Failure) -> str:
    """A failure's reason, with the option that would let the scan check the page."""
    if failure.kind == "robots":
        return f"{failure.reason} (pass --ignore-robots for your own site)"
    if failure.kind == "other-host" and failure.redirected_to:
        from urllib.parse import urlsplit

        host = urlsplit(failure.redirected_to).hostname
        return f"{failure.reason}; pass --allow-host {host} to follow"
    return failure.reason


class _ProgressBar:
    """Pages fetched, checked, skipped and failed, on a terminal only (tqdm)."""

    def __init__(self, stream: TextIO) -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=0, unit="page", file=stream, dynamic_ncols=True)

    def update(self, progress: object) -> None:
        from claimlint.scan import Progress

        assert isinstance(progress, Progress)
        self._bar.total = progress.total
        self._bar.n = progress.checked + progress.skipped + progress.failed
        self._bar.set_postfix(fetched=progress.fetched, checked=progress.checked, skipped=progress.skipped,
                              failed=progress.failed, refresh=False)
        self._bar.refresh()

    def close(self) -> None:
        self._bar.close()


def _default_format(out: TextIO) -> str:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "full" if out.isatty() else "concise"


def _manifest_check(path: str, out: TextIO) -> int:
    from claimlint.manifest import Manifest

    manifest = Manifest.load(path)
    out.write(
        f"{path}: valid manifest v1: {len(manifest.capabilities)} capabilities, {len(manifest.limits)} limits, "
        f"{len(manifest.plans)} plans, {len(manifest.competitors)} competitors, "
        f"{len(manifest.forbidden_phrases)} forbidden phrases\n"
    )
    return EXIT_CLEAN


def _manifest_hook(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """pre-commit's claimlint-manifest hook: a manifest changed, so validate it and relint
    every page against it (the pages did not change, but what they are checked against did)."""
    from claimlint.config import find_config, load_config
    from claimlint.manifest import Manifest

    config = load_config(Path(args.config) if args.config else find_config(Path.cwd()))
    for file in args.files:
        Manifest.load(file)  # each changed manifest must be valid
    configured = config.manifest.resolve() if config.manifest else None
    if configured is None or not any(Path(f).resolve() == configured for f in args.files):
        if configured is None and len(args.files) == 1:
            from dataclasses import replace

            config = replace(config, manifest=Path(args.files[0]))
        else:
            return EXIT_CLEAN  # none of the changed files is the manifest the pages use
    namespace = argparse.Namespace(command="check", paths=[], write_baseline=None, quiet=False, format=None,
                                   jobs=None)  # every page: in workers when there are many
    return _pages(namespace, config, out, err)


def _rules(code: str | None, fmt: str, out: TextIO) -> int:
    from claimlint.checks import all_rules
    from claimlint.rule_docs import rule_page, rules_json, rules_markdown, rules_table

    rules = all_rules()
    if code is None:
        if fmt == "json":
            out.write(rules_json(rules.values()))
        elif fmt == "markdown":
            out.write(rules_markdown(rules.values()))
        else:
            out.write(rules_table(rules.values()))
        return EXIT_CLEAN
    rule = rules.get(code.upper()) or next((r for r in rules.values() if r.name == code.lower()), None)
    if rule is None:
        raise ConfigError(f"{code}: no such rule; 'claimlint rules' lists them")
    out.write(rules_json([rule]) if fmt == "json" else rule_page(rule))
    return EXIT_CLEAN


def run() -> NoReturn:
    sys.exit(main())
