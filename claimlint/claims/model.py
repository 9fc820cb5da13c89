"""A claim: what a page says about one capability, limit, plan or phrase, and where."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

ClaimKind = Literal["capability", "limit", "plan", "phrase", "unknown"]
Subject = Literal["product", "competitor", "none"]
Polarity = Literal["asserted", "negated"]
Modality = Literal["present", "future", "hedged"]
Op = Literal["<=", ">=", "=", "<", ">"]


@dataclass(frozen=True)
class Quantity:
    """A number a page claims: ``op`` is how it bounds (``up to 10k`` is ``<= 10000``)."""

    value: float  # math.inf for "unlimited"
    unit: str  # the manifest limit's unit, converted to: "3 years" is 36 months
    op: Op = "="  # "<=", ">=", "=", "<" or ">"
    text: str = ""  # the words it was read from

    def to_dict(self) -> dict[str, Any]:
        return {"value": None if math.isinf(self.value) else self.value, "unlimited": math.isinf(self.value),
                "unit": self.unit, "op": self.op, "text": self.text}


@dataclass(frozen=True)
class Claim:
    """One claim, positioned in the original file (1-based lines and columns, end exclusive)."""

    kind: ClaimKind  # "capability", "limit", "plan", "phrase" or "unknown" (a feature the manifest does not name)
    capability: str | None  # the manifest id: capability, limit, plan, or forbidden phrase text; None if unknown
    subject: Subject  # who has it: "product", "competitor" or "none"
    polarity: Polarity  # "asserted" or "negated"
    modality: Modality  # "present", "future" (coming soon) or "hedged"
    plans: tuple[str, ...]  # the manifest plan ids the claim puts it on
    platforms: tuple[str, ...]  # the manifest ids of the platforms named with it
    quantity: Quantity | None  # the number a limit claim states
    text: str  # the words that make the claim
    sentence: str  # the whole sentence, for reports
    mention: str  # the words at the claim's position: the name as written, or a table cell
    path: str  # the page's source: a file path or a URL
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive
    qualifiers: tuple[str, ...] = ()  # "beta", "addon", "included", "plans-exclusive", "table"...
    block: str = "paragraph"  # the kind of block it was read from
    row: str | None = None  # the table row it was read from, for rules reported once per row

    # Written out rather than generated: every page makes a hundred or more claims, and the
    # generated __init__ of a frozen dataclass sets each field through object.__setattr__,
    # which makes a claim cost twice as much. Writing to the instance's __dict__ gives the same
    # object (attrs builds its frozen classes so); the fields stay frozen afterwards.
    def __init__(self, kind: ClaimKind, capability: str | None, subject: Subject, polarity: Polarity,
                 modality: Modality, plans: tuple[str, ...], platforms: tuple[str, ...], quantity: Quantity | None,
                 text: str, sentence: str, mention: str, path: str, line: int, column: int, end_line: int,
                 end_column: int, qualifiers: tuple[str, ...] = (), block: str = "paragraph",
                 row: str | None = None) -> None:
        fields = self.__dict__
        fields["kind"] = kind
        fields["capability"] = capability
        fields["subject"] = subject
        fields["polarity"] = polarity
        fields["modality"] = modality
        fields["plans"] = plans
        fields["platforms"] = platforms
        fields["quantity"] = quantity
        fields["text"] = text
        fields["sentence"] = sentence
        fields["mention"] = mention
        fields["path"] = path
        fields["line"] = line
        fields["column"] = column
        fields["end_line"] = end_line
        fields["end_column"] = end_column
        fields["qualifiers"] = qualifiers
        fields["block"] = block
        fields["row"] = row

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "kind": self.kind,
            "capability": self.capability,
            "subject": self.subject,
            "polarity": self.polarity,
            "modality": self.modality,
            "plans": list(self.plans),
            "platforms": list(self.platforms),
            "quantity": self.quantity.to_dict() if self.quantity else None,
            "qualifiers": list(self.qualifiers),
            "mention": self.mention,
            "text": self.text,
            "sentence": self.sentence,
        }
