"""Pricing and comparison tables: columns are plans (or the product and its competitors),
rows are capabilities; every cell is a claim with the cell's own position."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from claimlint.claims.clauses import Mention
from claimlint.claims.model import Claim, Modality, Polarity, Subject

if TYPE_CHECKING:
    from claimlint.claims.builder import ClaimReader, Parsed
    from claimlint.sources.model import Document

_YES_GLYPHS = frozenset("✓✔☑✅🗸√●")
_NO_GLYPHS = frozenset("✗✘✕✖❌×—–-○")
# GitHub and Slack emoji shortcodes, as README and docs tables write check marks
_YES_SHORTCODES = frozenset({":white_check_mark:", ":heavy_check_mark:", ":ballot_box_with_check:", ":check:",
                             ":green_circle:", ":+1:"})
_NO_SHORTCODES = frozenset({":x:", ":heavy_multiplication_x:", ":no_entry:", ":no_entry_sign:",
                            ":negative_squared_cross_mark:", ":red_circle:", ":-1:", ":heavy_minus_sign:"})
_YES_WORDS = frozenset({"yes", "included", "include", "available", "supported", "unlimited", "standard", "built-in", "y",
                        "true"}) | _YES_SHORTCODES
_NO_WORDS = frozenset({"no", "n/a", "na", "none", "not included", "not available", "unavailable", "not supported", "false",
                       "-"}) | _NO_SHORTCODES
_YES_CLASS_PARTS = frozenset({"check", "checkmark", "tick", "yes", "included", "available", "supported", "true", "ok"})
_NO_CLASS_PARTS = frozenset({"cross", "times", "xmark", "no", "unavailable", "unsupported", "excluded", "dash", "minus", "false", "x"})
_YES_LABELS = re.compile(r"^(yes|included|available|supported|check|checkmark|✓)\b", re.IGNORECASE)
_NO_LABELS = re.compile(r"^(no|not\b|unavailable|unsupported|excluded|cross|none|n/a)\b", re.IGNORECASE)
# a cell that gives only the date something works until ("Until March 2027", "Through Q2 2026"):
# a sunset, so the row's capability is on its way out there
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_SUNSET = re.compile(r"^(?:until|till|through|thru)\s+(?:(?:\d{1,2}\s+)?" + _MONTH + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?\s+\d{4}"
                     r"|q[1-4]\s+\d{4}|(?:the\s+)?end\s+of\s+(?:" + _MONTH + r"\s+)?\d{4}|\d{4}(?:-\d{2}-\d{2})?)$", re.IGNORECASE)


def read_table(reader: ClaimReader, document: Document, cells: Sequence[Parsed]) -> list[Claim] | None:
    """Claims of a table read as a matrix, or None when it is not one (then cells are prose)."""
    grid: dict[int, dict[int, Parsed]] = {}
    for item in cells:
        cell = item.block.cell
        assert cell is not None
        in_row = grid.setdefault(cell.row, {})
        known = in_row.get(cell.column)
        # a cell whose text sits in nested <div>s leaves empty pieces before its text: the text wins
        if known is None or (not known.block.text.strip() and item.block.text.strip()):
            in_row[cell.column] = item
    if len(grid) < 2:
        return None
    rows = sorted(grid)
    header = grid[rows[0]]
    columns = {column: _column_subject(item) for column, item in header.items() if column > 0}
    row_heads = {row: _row_subject(grid[row].get(0)) for row in rows[1:]}
    kinds = {value[0] for value in columns.values() if value is not None}
    if {"product", "competitor"} <= kinds and not any(row_heads.values()):
        # a comparison whose rows name nothing of ours ("Mobile apps", "Free plan"): only the
        # product's column speaks for the product
        return [claim for row in rows[1:] for claim in _product_cells(reader, document, grid[row], columns)]
    if not any(value is not None for value in columns.values()) or not any(row_heads.values()):
        transposed = _transpose(grid)
        if transposed is None:
            return _read_rows(reader, document, grid, rows)
        flipped_rows = sorted(transposed)
        flipped_columns = {column: _column_subject(item) for column, item in transposed[flipped_rows[0]].items() if column > 0}
        flipped_heads = {row: _row_subject(transposed[row].get(0)) for row in flipped_rows[1:]}
        if not any(value is not None for value in flipped_columns.values()) or not any(flipped_heads.values()):
            return _read_rows(reader, document, grid, rows)
        grid, rows, columns, row_heads = transposed, flipped_rows, flipped_columns, flipped_heads
        header = grid[rows[0]]
    claims: list[Claim] = []
    for item in header.values():
        for mention in item.mentions:
            if mention.label == "PLAN":
                plan = reader.manifest.plan(mention.id)
                if plan is not None and plan.retired:
                    claims.append(reader.make_claim(document, item, mention, "plan", item.block.text, "product",
                                                    "asserted", "present", (plan.id,), (), ("table",)))
    for row in rows[1:]:
        head = row_heads.get(row)
        if head is None:
            claims.extend(_product_cells(reader, document, grid[row], columns))
            claims.extend(_unknown_row(reader, document, grid[row], columns, header, row))
            continue
        head_item, head_mention = head
        if head_mention.label == "LIMIT":
            claims.extend(_limit_row(reader, document, head_item, head_mention, grid[row], columns, header))
            continue
        if head_mention.label != "CAPABILITY":
            continue
        for column, item in sorted(grid[row].items()):
            if column == 0 or columns.get(column) is None:
                continue
            kind, who = columns[column]  # type: ignore[misc]
            value = _cell_value(item)
            if value is None and kind == "product" and reader.plans_in(item, 0, len(item.doc)):
                value = "yes"  # "Grow and up", "Scale and Enterprise" in the product's column: on those plans
            if value is None:
                continue
            polarity: Polarity = "negated" if value == "no" else "asserted"
            modality: Modality = "future" if value == "future" else "present"
            subject: Subject = "competitor" if kind == "competitor" else "product"
            plans: tuple[str, ...] = (who,) if kind == "plan" else ()
            cell_plans = reader.plans_in(item, 0, len(item.doc))
            if cell_plans and kind != "competitor":
                plans = tuple(cell_plans)
            qualifiers = ["table"]
            head_labels = head_item.labels(0, len(head_item.doc))
            if value == "beta" or "BETA" in item.labels(0, len(item.doc)) or "BETA" in head_labels:
                qualifiers.append("beta")
            if "DEPRECATION" in head_labels or value == "deprecated":
                qualifiers.append("deprecation-notice")
            if value == "addon":
                qualifiers.append("addon")
            elif value == "yes":
                qualifiers.append("included")
            platforms = (head_mention.id,) if head_mention.id in reader.platforms else ()
            claim = reader.make_claim(document, head_item, head_mention, "capability",
                                      f"{head_item.block.text}: {item.block.text or value} ({header[column].block.text})",
                                      subject, polarity, modality, plans, platforms, qualifiers)
            row_key = f"{item.block.cell.table}:{row}" if item.block.cell else None
            claims.append(replace(_at_cell(claim, document, item), row=row_key))
    return claims


_NOTE_WORDS = 6
_NOTE_LABELS = frozenset({"BETA", "DEPRECATION"})
_STATUS_HEADER = re.compile(r"\b(status|availability|available|state|stage|support(ed)?|release)\b", re.IGNORECASE)
_PLANS_HEADER = re.compile(r"\b(plans?|tiers?|editions?|packages?|included (in|on|with))\b", re.IGNORECASE)


def _read_rows(reader: ClaimReader, document: Document, grid: dict[int, dict[int, Parsed]], rows: list[int]) -> list[Claim] | None:
    """A table whose rows are capabilities and whose columns are attributes ("Status", "Plans",
    "Description"): each row is one claim about its capability."""
    from claimlint.claims.builder import Context

    if not any(_row_subject(grid[row].get(0)) for row in rows[1:]):
        return None
    header = grid[rows[0]]
    roles: dict[int, str] = {}
    for column, item in header.items():
        if column and _STATUS_HEADER.search(item.block.text):
            roles[column] = "status"
        elif column and _PLANS_HEADER.search(item.block.text):
            roles[column] = "plans"
    claims: list[Claim] = []
    for row in rows[1:] if roles or _row_subject(header.get(0)) is None else rows:
        cells = grid[row]
        for column, item in sorted(cells.items()):
            if column and column not in roles:
                claims.extend(reader.prose(document, item, Context()))
        head = _row_subject(cells.get(0))
        if head is None or head[1].label != "CAPABILITY":
            continue
        head_item, mention = head
        status_items = [item for column, item in cells.items() if roles.get(column) == "status"]
        labels = head_item.labels(0, len(head_item.doc))
        for item in status_items:
            labels |= item.labels(0, len(item.doc))
        for column, item in cells.items():
            # "| Terraform | 2024 | (beta) |": a short note in another column that names nothing
            # of its own says the row's capability is in beta or deprecated
            if column and column not in roles and len(item.block.text.split()) <= _NOTE_WORDS \
                    and not any(m.label in ("CAPABILITY", "LIMIT") for m in item.mentions):
                labels |= item.labels(0, len(item.doc)) & _NOTE_LABELS
        value = _cell_value(status_items[0]) if status_items else None
        polarity: Polarity = "negated" if value == "no" else "asserted"
        modality: Modality = "hedged" if "HEDGE" in labels else "future" if "FUTURE" in labels or value == "future" else "present"
        plans: list[str] = []
        for column, item in cells.items():
            if roles.get(column) == "plans":
                plans.extend(reader.plans_in(item, 0, len(item.doc)))
        qualifiers = ["table"]
        if "BETA" in labels or value == "beta":
            qualifiers.append("beta")
        if "DEPRECATION" in labels:
            qualifiers.append("deprecation-notice")
        row_text = " | ".join(cells[column].block.text for column in sorted(cells))
        platforms = (mention.id,) if mention.id in reader.platforms else ()
        claim = reader.make_claim(document, head_item, mention, "capability", row_text, "product", polarity,
                                  modality, tuple(dict.fromkeys(plans)), platforms, qualifiers)
        if status_items and status_items[0].block.text.strip():
            claim = _at_cell(claim, document, status_items[0])  # reported where the status is written
        claims.append(claim)
    return claims


def _product_cells(reader: ClaimReader, document: Document, cells: dict[int, Parsed],
                   columns: dict[int, tuple[str, str] | None]) -> list[Claim]:
    """A comparison table's row whose header names nothing of ours ("Entry plan", "Mobile apps"):
    the product's own column says something in words ("Starter, $19/mo", "iOS, Android", "Up to
    50 agent seats"), read as a sentence. Competitors' columns are theirs."""
    from claimlint.claims.builder import Context

    head = cells.get(0)
    # "Free plan | 1,000 subscribers | 500 contacts": the row header's plan is the cells' plan
    context = Context(plans=tuple(reader.plans_in(head, 0, len(head.doc)))) if head is not None else Context()
    claims: list[Claim] = []
    for column, item in sorted(cells.items()):
        if column == 0 or columns.get(column) != ("product", "product"):
            continue
        claims.extend(replace(claim, qualifiers=(*claim.qualifiers, "table")) for claim in reader.prose(document, item, context))
    return claims


def _unknown_row(reader: ClaimReader, document: Document, cells: dict[int, Parsed],
                 columns: dict[int, tuple[str, str] | None], header: dict[int, Parsed], row: int) -> list[Claim]:
    """A row naming nothing the manifest lists, ticked for the product: an unknown capability
    ("Product recommendations | — | ✓"). Like every table claim it is placed at each ticked
    cell of the product's or a plan's column, which is what an editor changes; CL501 reports
    the row once. The row's label must read as a feature's name, as a feature card's heading
    must ("Email support" does not). Table rows need no parse, so these are read with any
    pipeline; prose needs a trained one (``unknown_claims``)."""
    from claimlint.claims.builder import reads_as_a_name

    head = cells.get(0)
    label = head.block.text.strip() if head is not None else ""
    if head is None or head.mentions or not label or not reads_as_a_name(head):
        return []
    claims: list[Claim] = []
    mention = Mention("UNKNOWN", "", 0, len(head.doc), 0, len(head.doc.text), head.doc.text)
    for column, item in sorted(cells.items()):
        subject_column = columns.get(column)
        if column == 0 or subject_column is None or subject_column[0] == "competitor" or _cell_value(item) != "yes":
            continue
        kind, who = subject_column
        shown = f" ({header[column].block.text})" if column in header else ""
        claim = reader.make_claim(document, head, mention, "unknown", f"{label}: {item.block.text}{shown}", "product",
                                  "asserted", "present", (who,) if kind == "plan" else (), (), ("table",))
        row_key = f"{item.block.cell.table}:{row}" if item.block.cell else None
        # the claim's words are the row's label; its place and mention are the ticked cell
        claims.append(replace(_at_cell(claim, document, item), text=label, row=row_key))
    return claims


def _limit_row(reader: ClaimReader, document: Document, head_item: Parsed, mention: Mention,
               cells: dict[int, Parsed], columns: dict[int, tuple[str, str] | None], header: dict[int, Parsed]) -> list[Claim]:
    """A limit row of a pricing table: each plan's cell states that plan's value."""

    from claimlint.claims.model import Quantity
    from claimlint.claims.quantities import compatible, convert, find_quantities
    from claimlint.units import header_unit

    limit = reader.manifest.limits[mention.id]
    unit = header_unit(head_item.block.text)
    claims: list[Claim] = []
    for column, item in sorted(cells.items()):
        subject_column = columns.get(column)
        if column == 0 or subject_column is None:
            continue
        kind, who = subject_column
        for found in find_quantities(item.block.text)[:1]:
            if not found.unit and unit and limit.unit.dimension != "count":
                found = replace(found, unit=unit)
            if not compatible(found, limit.unit.name, limit.unit.dimension):
                continue
            quantity = Quantity(convert(found, limit.unit.name, limit.unit.dimension), limit.unit.name, found.op, found.text)
            subject: Subject = "competitor" if kind == "competitor" else "product"
            plans: tuple[str, ...] = (who,) if kind == "plan" else ()
            if kind == "product":
                # "Unlimited on every plan", "Up to 50 on Scale" in the product's column of a comparison
                plans = tuple(reader.plans_in(item, 0, len(item.doc))) or plans
            claim = reader.make_claim(document, head_item, mention, "limit",
                                      f"{head_item.block.text}: {item.block.text} ({header[column].block.text})",
                                      subject, "asserted", "present", plans, (), ("table",), None, quantity)
            claims.append(_at_cell(claim, document, item))
    return claims


def _header(cells: Sequence[Parsed]) -> list[Parsed]:
    """The cells of a table's first row."""
    first = min((item.block.cell.row for item in cells if item.block.cell is not None), default=0)
    return [item for item in cells if item.block.cell is not None and item.block.cell.row == first]


def header_subjects(cells: Sequence[Parsed]) -> int:
    """How many cells of a table's first row name a plan, the product or a competitor."""
    return sum(1 for item in _header(cells) if item.block.cell is not None and item.block.cell.column > 0
               and _column_subject(item) is not None)


def vendor_table(cells: Sequence[Parsed]) -> bool:
    """Whether a table's header names the company's suppliers ("Subprocessor | Purpose | Location")."""
    from claimlint.claims.builder import VENDOR_HEADING

    return any(VENDOR_HEADING.search(item.block.text) or item.block.text.strip().lower() in ("vendor", "provider", "supplier")
               for item in _header(cells))


def _column_subject(item: Parsed) -> tuple[str, str] | None:
    for mention in item.mentions:
        if mention.label == "PLAN":
            return ("plan", mention.id)
        if mention.label == "PRODUCT":
            return ("product", "product")
        if mention.label == "COMPETITOR":
            return ("competitor", mention.id)
    return None


def _row_subject(item: Parsed | None) -> tuple[Parsed, Mention] | None:
    """What a row header names: a limit before a capability ("Google Sheets sync interval" is the
    sync interval's row, whose cells give intervals)."""
    if item is None:
        return None
    named = [mention for mention in item.mentions if mention.label in ("CAPABILITY", "LIMIT")]
    limit = next((mention for mention in named if mention.label == "LIMIT"), None)
    if limit is not None:
        return item, limit
    return (item, named[0]) if named else None


def _transpose(grid: dict[int, dict[int, Parsed]]) -> dict[int, dict[int, Parsed]] | None:
    flipped: dict[int, dict[int, Parsed]] = {}
    for row, cells in grid.items():
        for column, item in cells.items():
            flipped.setdefault(column, {})[row] = item
    return flipped if len(flipped) >= 2 else None


def _cell_value(item: Parsed) -> str | None:
    """yes, no, addon, beta, future, deprecated, or None when the cell says nothing readable."""
    labels = item.labels(0, len(item.doc))
    text = item.block.text.strip()
    lowered = text.lower().strip(" .!*")
    if "ADDON" in labels:
        return "addon"
    if "FUTURE" in labels:
        return "future"
    if "NEGATION" in labels and "PSEUDO_NEGATION" not in labels:
        return "no"
    if "BETA" in labels:
        return "beta"
    if "DEPRECATION" in labels or _SUNSET.match(lowered):
        return "deprecated"  # "Deprecated", "Legacy", "Being phased out", "Until March 2027" under a plan
    if lowered in _NO_WORDS or (lowered and all(ch in _NO_GLYPHS or ch.isspace() for ch in lowered)) or _NO_LABELS.match(lowered):
        return "no"
    if lowered in _YES_WORDS or any(ch in _YES_GLYPHS for ch in lowered) or _YES_LABELS.match(lowered):
        return "yes"
    parts = {part for mark in item.block.marks for part in re.split(r"[-_]", mark)}
    if parts & _NO_CLASS_PARTS:
        return "no"
    if parts & _YES_CLASS_PARTS:
        return "yes"
    return None  # other text ("Email", "Basic") says something, but not plainly yes or no


def _at_cell(claim: Claim, document: Document, item: Parsed) -> Claim:
    from claimlint.claims.builder import position

    text = item.block.text
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    line, column, end_line, end_column = position(document, item.block, start, max(end, start))
    if end <= start:
        end_line, end_column = line, column
    return replace(claim, line=line, column=column, end_line=end_line, end_column=end_column, mention=text.strip())
