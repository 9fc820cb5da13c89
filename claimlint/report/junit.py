"""JUnit XML: a test suite per page, a failing test case per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from claimlint.report import RunSummary


def render(summary: RunSummary) -> str:
    root = ElementTree.Element("testsuites", name="claimlint", tests="0", failures="0")
    total = failures = 0
    for result in summary.results:
        suite = ElementTree.SubElement(root, "testsuite", name=result.source)
        if not result.findings:
            ElementTree.SubElement(suite, "testcase", name="no mismatches", classname=result.source)
            total += 1
        for f in result.findings:
            case = ElementTree.SubElement(suite, "testcase", name=f"{f.rule} at {f.line}:{f.column}", classname=result.source)
            failure = ElementTree.SubElement(case, "failure", message=f.message, type=f.rule)
            failure.text = f"{f.path}:{f.line}:{f.column}: {f.rule} {f.severity} {f.message}" + (
                f" [{f.capability}]" if f.capability else "")
            total += 1
            failures += 1
        suite.set("tests", str(max(len(result.findings), 1)))
        suite.set("failures", str(len(result.findings)))
    for path, reason in summary.skipped:
        suite = ElementTree.SubElement(root, "testsuite", name=path, tests="1", failures="0", errors="1")
        case = ElementTree.SubElement(suite, "testcase", name="read", classname=path)
        ElementTree.SubElement(case, "error", message=reason)
        total += 1
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
