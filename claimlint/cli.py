"""The command line. The only place that prints or exits; everything else raises."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from claimlint import __version__
from claimlint.errors import ClaimlintError, ConfigError, ManifestError, SourceError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json")


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with one line, as every other bad input does."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"claimlint: error: {message} (see 'claimlint {self.prog.split()[-1]} --help')\n"
                  if " " in self.prog else f"claimlint: error: {message} (see 'claimlint --help')\n")


def _codes(value: str) -> list[str]:
    return [code.strip().upper() for code in value.split(",") if code.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="claimlint", description="Check marketing pages against a capability manifest.")
    parser.add_argument("--version", action="version", version=f"claimlint {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def page_command(name: str, help_text: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="pages or folders (default: .)")
        command.add_argument("--manifest", "-m", metavar="FILE", help="the capability manifest (YAML)")
        command.add_argument("--model", metavar="NAME", help="an installed trained spaCy pipeline to use instead of blank English")
        command.add_argument("--include", action="append", default=[], metavar="GLOB", help="only pages matching this glob (repeatable)")
        command.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="skip pages matching this glob (repeatable)")
        return command

    check = page_command("check", "Report every claim that contradicts the manifest.")
    check.add_argument("--format", "-f", choices=FORMATS, default="text")
    check.add_argument("--select", type=_codes, metavar="CODES", help="run only these rule codes or prefixes (comma-separated)")
    check.add_argument("--ignore", type=_codes, default=[], metavar="CODES", help="skip these rule codes or prefixes")
    check.add_argument("--fail-on", choices=("info", "warning", "error"), default="warning",
                       help="the lowest severity that makes the exit status 1 (default: warning)")
    check.add_argument("--quiet", "-q", action="store_true", help="no summary line")

    claims = page_command("claims", "Print what was read as claims, without verdicts.")
    claims.add_argument("--format", "-f", choices=FORMATS, default="text")

    manifest = commands.add_parser("manifest", help="Work with manifests.")
    manifest_commands = manifest.add_subparsers(dest="manifest_command", required=True, parser_class=_Parser)
    manifest_check = manifest_commands.add_parser("check", help="Validate a manifest and explain what is wrong.")
    manifest_check.add_argument("file", metavar="FILE")

    rules = commands.add_parser("rules", help="List the rules, or explain one.")
    rules.add_argument("code", nargs="?", metavar="CODE")
    rules.add_argument("--format", "-f", choices=FORMATS, default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command in ("check", "claims"):
            return _pages(args, sys.stdout, sys.stderr)
        if args.command == "manifest":
            return _manifest_check(args.file, sys.stdout)
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


def _pages(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from claimlint.api import Linter, PageResult
    from claimlint.files import collect
    from claimlint.manifest import Manifest
    from claimlint.report import RunSummary

    if not args.manifest:
        raise ConfigError("no manifest: pass --manifest FILE")
    manifest = Manifest.load(args.manifest)
    pages = collect(args.paths, args.include, args.exclude)
    if args.command == "check":
        linter = Linter(manifest, model=args.model, select=args.select, ignore=args.ignore)
    else:
        linter = Linter(manifest, model=args.model)
    results: list[PageResult] = []
    skipped: list[tuple[str, str]] = []
    for page in pages:
        try:
            result = linter.lint_file(page.path, shown_as=page.shown)
        except SourceError as error:
            reason = str(error).removeprefix(f"{page.shown}: ")
            skipped.append((page.shown, reason))
            print(f"claimlint: warning: {page.shown}: skipped: {reason}", file=err)
            continue
        for notice in result.notices:
            print(f"claimlint: warning: {notice}", file=err)
        results.append(result)
    summary = RunSummary(results, skipped)
    if args.command == "claims":
        from claimlint.report import json as json_report
        from claimlint.report import text as text_report

        if args.format == "json":
            out.write(json_report.render_claims(summary))
        else:
            out.write("".join(text_report.claim_line(c) + "\n" for r in results for c in r.claims))
        return EXIT_CLEAN
    return _report(summary, args, out, err)


def _report(summary: object, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from claimlint.checks.model import SEVERITIES
    from claimlint.report import RunSummary
    from claimlint.report import json as json_report
    from claimlint.report import text as text_report

    assert isinstance(summary, RunSummary)
    if args.format == "json":
        out.write(json_report.render(summary))
    else:
        out.write(text_report.render(summary))
        if not args.quiet:
            print(text_report.summary_line(summary), file=err)
    floor = SEVERITIES.index(args.fail_on)
    failing = any(SEVERITIES.index(finding.severity) >= floor for finding in summary.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _manifest_check(path: str, out: TextIO) -> int:
    from claimlint.manifest import Manifest

    manifest = Manifest.load(path)
    out.write(
        f"{path}: valid manifest v1: {len(manifest.capabilities)} capabilities, {len(manifest.limits)} limits, "
        f"{len(manifest.plans)} plans, {len(manifest.competitors)} competitors, "
        f"{len(manifest.forbidden_phrases)} forbidden phrases\n"
    )
    return EXIT_CLEAN


def _rules(code: str | None, fmt: str, out: TextIO) -> int:
    from claimlint.checks import all_rules
    from claimlint.rule_docs import rule_page, rules_json, rules_table

    rules = all_rules()
    if code is None:
        out.write(rules_json(rules.values()) if fmt == "json" else rules_table(rules.values()))
        return EXIT_CLEAN
    rule = rules.get(code.upper()) or next((r for r in rules.values() if r.name == code.lower()), None)
    if rule is None:
        raise ConfigError(f"{code}: no such rule; 'claimlint rules' lists them")
    out.write(rules_json([rule]) if fmt == "json" else rule_page(rule))
    return EXIT_CLEAN


def run() -> NoReturn:
    sys.exit(main())
