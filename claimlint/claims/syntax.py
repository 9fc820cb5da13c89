"""What a dependency parse adds, when a trained pipeline is configured: negation scope and
subjects from the tree instead of clause windows, and noun phrases after claim verbs for
capabilities the manifest does not list (CL501). Every function returns None when the
parse gives no clear answer, so the rule-based reading stands."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from claimlint.claims.clauses import Cue, Mention

CLAIM_VERBS = frozenset({"offer", "support", "include", "provide", "feature", "integrate", "ship", "add", "launch",
                         "introduce", "come", "get", "have", "bring", "deliver", "unlock", "boast", "give"})
# Objects of claim verbs that are not capabilities ("peace of mind", "more time").
GENERIC_NOUNS = frozenset({
    "time", "money", "peace", "mind", "way", "ways", "everything", "anything", "something", "nothing", "lot", "lots",
    "team", "teams", "customer", "customers", "user", "users", "people", "business", "businesses", "company", "tool",
    "tools", "platform", "product", "products", "solution", "solutions", "feature", "features", "option", "options",
    "plan", "plans", "price", "pricing", "support", "help", "value", "results", "control", "visibility", "insight",
    "confidence", "access", "experience", "flexibility", "power", "day", "days", "month", "year", "hour", "hours",
    "minute", "minutes", "week", "data", "work", "job", "jobs", "thing", "things", "kind", "part", "more", "less",
    "chance", "look", "glance", "edge", "boost", "start", "step", "steps", "room", "home", "hand", "hands", "free",
    "trial", "demo", "update", "updates", "improvement", "improvements", "bit", "world", "life", "piece",
    "fix", "fixes", "change", "changes", "tweak", "tweaks", "news",
})
NEGATORS = frozenset({"not", "n't", "n\u2019t", "never", "no", "without", "neither", "nor"})


def has_parse(doc: Any) -> bool:
    """Whether a parser read the Doc. A parser labels every token, so the first one tells;
    ``Doc.has_annotation`` looks at every token when none is labelled, as in each block a
    blank pipeline reads."""
    return len(doc) > 0 and doc[0].dep != 0


def _governor(token: Any) -> Any | None:
    """The verb (or predicate adjective's copula) a token's phrase depends on."""
    seen = 0
    current = token
    while seen < 12:
        modifier = current.dep_ in ("amod", "compound", "npadvmod", "nmod", "acl")  # "self-hosted edition"
        if (current.pos_ in ("VERB", "AUX") and not modifier) or (current.dep_ == "ROOT" and current.pos_ in ("ADJ", "VERB", "AUX")):
            return current
        if current.head is current:
            return None
        if current.dep_ == "conj" and current.head.pos_ in ("NOUN", "PROPN"):
            current = current.head  # "SSO, SCIM, or audit logs": share the first conjunct's verb
            continue
        current = current.head
        seen += 1
    return None


def negated(doc: Any, mention: Mention, ignored: Iterable[Cue]) -> bool | None:
    """Whether the parse puts the mention under a negation; None without a governing verb."""
    ignored_tokens = {i for cue in ignored for i in range(cue.start, cue.end)}
    head = doc[mention.end - 1]
    for token in doc[mention.start:mention.end]:
        if token.head.i < mention.start or token.head.i >= mention.end:
            head = token
            break
    # "no SSO", "without SSO"
    for child in head.children:
        if child.dep_ == "det" and child.lower_ == "no" and child.i not in ignored_tokens:
            return True
    if head.head.lower_ == "without" and head.head.i not in ignored_tokens:
        return True
    verb = _governor(head)
    if verb is None:
        return None
    for candidate in (verb, verb.head if verb.dep_ in ("xcomp", "acomp") else None):
        if candidate is None:
            continue
        for child in candidate.children:
            if child.dep_ == "neg" and child.i not in ignored_tokens:
                return True
    return False


def subject(doc: Any, mention: Mention, mentions: Sequence[Mention]) -> str | None:
    """product or competitor when the mention's verb has a named subject; else None."""
    verb = _governor(doc[mention.start])
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        span = range(child.left_edge.i, child.right_edge.i + 1)
        if mention.start in span:
            return None  # the capability is itself the subject; look elsewhere
        for other in mentions:
            if other.start in span and other.label in ("PRODUCT", "COMPETITOR"):
                return "product" if other.label == "PRODUCT" else "competitor"
        if child.lower_ in ("we", "our"):
            return "product"
    return None


def unknown_capabilities(doc: Any, mentions: Sequence[Mention], sentence: Any) -> list[Any]:
    """Noun phrases after claim verbs whose subject is the product, naming nothing the manifest lists."""
    taken = {i for mention in mentions for i in range(mention.start, mention.end)}
    product_tokens = {i for m in mentions if m.label == "PRODUCT" for i in range(m.start, m.end)}
    found = []
    for chunk in sentence.noun_chunks:
        root = chunk.root
        if root.pos_ not in ("NOUN", "PROPN") or root.lower_ in GENERIC_NOUNS or root.lemma_.lower() in GENERIC_NOUNS:
            continue
        if any(i in taken for i in range(chunk.start, chunk.end)):
            continue
        if any(character.isdigit() for character in chunk.text):
            continue  # "12,000+ institutions" is a number, not a capability
        verb = root.head if root.dep_ in ("dobj", "attr") else None
        if root.dep_ == "pobj" and root.head.lower_ == "with":
            verb = root.head.head  # "integrates with Salesforce", "comes with audit logs"
        if verb is None or verb.lemma_.lower() not in CLAIM_VERBS:
            continue
        if any(child.dep_ == "neg" for child in verb.children):
            continue
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        # small models sometimes attach the product's name to the verb as a compound
        named = any(c.i in product_tokens for c in verb.children if c.i < verb.i)
        if not named and not any(c.lower_ in ("we", "it") or c.i in product_tokens for c in subjects):
            continue  # a claim names its subject: "Acme offers...", "We support..."
        words = [t for t in chunk if t.pos_ not in ("DET", "PRON") and not t.is_stop]
        if not words:
            continue
        found.append(doc[words[0].i:chunk.end])
    return found
