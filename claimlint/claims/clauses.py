"""Token-level structure of a sentence: resolved cues, mentions and clause boundaries.

Without a parser, clauses are cut at contrastive words, semicolons, colons and dashes, and at
a comma or "and"/"or" only when a verb follows before the next break: a comma followed by
bare nouns continues a list ("no SSO, SCIM, or audit logs"), one followed by a verb starts a
new clause ("No setup fees, and SSO is included").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import NamedTuple

# item marks open an entry of their own: "✓ Audit log ✗ SSO ✓ Slack" on lines broken with <br>
ITEM_MARKS = frozenset({"✓", "✔", "☑", "✅", "✗", "✘", "✕", "✖", "❌", "❎", "·", "▪", "◦", "‣"})
PUNCT_BREAKS = frozenset({";", ":", "—", "–", "|", "•", "(", ")", "!"}) | ITEM_MARKS
SOFT_BREAKS = frozenset({",", "and", "or", "&", "so"})


class Cue(NamedTuple):
    """A cue phrase found in a Doc. (Named tuples: read tens of thousands of times a page batch.)"""

    label: str
    start: int  # token index in the Doc
    end: int


class Mention(NamedTuple):
    """Something the manifest names, found in a Doc."""

    label: str  # PRODUCT, COMPETITOR, PLAN, CAPABILITY, LIMIT, PHRASE
    id: str
    start: int
    end: int
    start_char: int
    end_char: int
    text: str


def resolve_cues(spans: Iterable[Cue], mentions: Sequence[Mention]) -> list[Cue]:
    """Drop cues inside a mention (alias words are not cues) and cues inside a longer cue, and a
    negation that shares a word with a pseudo-negation ("are not" in "are not affected")."""
    covered = {index for mention in mentions for index in range(mention.start, mention.end)}
    # Verbs inside an alias ("works offline") still mark a clause; other cue words there do not.
    candidates = [cue for cue in spans
                  if cue.label == "VERB" or covered.isdisjoint(range(cue.start, cue.end))]
    # only a cue of two or more words can contain another
    longer = [other for other in candidates if other.end - other.start > 1 and other.label != "VERB"]
    kept = []
    for cue in candidates:
        if cue.label != "VERB" and longer and any(
            other.start <= cue.start and cue.end <= other.end and (other.end - other.start) > (cue.end - cue.start)
            for other in longer
        ):
            continue
        if cue.label == "NEGATION" and any(other.label == "PSEUDO_NEGATION" and other.start < cue.end and cue.start < other.end
                                           for other in longer):
            continue  # "are not" in "... runners are not affected": the longer reading of "not" wins
        kept.append(cue)
    return sorted(kept, key=lambda cue: (cue.start, cue.end))


# "from 2% on Starter to 0% on Plus": a name after one of these is an adjunct, not a subject
ADJUNCT_PREPOSITIONS = frozenset({"on", "in", "with", "for", "from", "to", "at", "of", "via", "under", "above"})
# pronouns that can only be a clause's subject ("and we're", "but it is"), not part of a list of names
_SUBJECT_PRONOUNS = frozenset({"we", "you", "they", "i", "he", "she", "it"})
PRONOUNS = frozenset({"it", "we", "you", "they", "i", "he", "she", "this", "that", "there", "its", "our", "your", "their"})


def clause_ranges(
    words: Sequence[str],
    start: int,
    end: int,
    cues: Sequence[Cue],
    mention_tokens: set[int],
    content: Sequence[bool] | None = None,
    subjects: frozenset[int] = frozenset(),
    verb_forms: set[int] | frozenset[int] = frozenset(),
) -> list[tuple[int, int]]:
    """Split the sentence ``start..end`` (token indices) into clauses.

    ``content[i]`` tells whether token ``i`` is a content word (not a stop word or punctuation).
    A comma or conjunction starts a clause when what follows has a verb, opens with a pronoun,
    or has two content words outside mentions ("and PayPal payments return next month") -- unless
    what precedes is a bare capability with no verb or cue of its own, which is then the verb's
    subject ("Heartbeat monitoring for cron jobs, queues and backups is coming"). ``subjects``
    holds the first token of each capability mention; ``verb_forms`` the past forms the
    lexicon does not list ("grew"), which count as verbs before a break and right after one.
    """
    # a verb inside another cue ("no extra charge") is part of that phrase, not a new clause;
    # but "comes with", "includes" still head their clause
    phrases = {i for cue in cues if cue.label not in ("VERB", "INCLUDED") for i in range(cue.start, cue.end)}
    verbs = {cue.start for cue in cues if cue.label == "VERB" and cue.start not in phrases}
    breaks = {cue.start for cue in cues if cue.label == "CLAUSE_BREAK" and start < cue.start < end}
    soft: list[int] = []

    def _opens(subject: int, segment_start: int) -> bool:
        """Whether a name opens its stretch of the sentence, as a subject does ("Heartbeat
        monitoring for cron jobs, ...", "A native Lightspeed sync"): not after a preposition
        ("from 2% on Starter") and not after a subject of its own ("Our nurses and staff swap
        shifts"), that is after at most one other word."""
        if subject > 0 and words[subject - 1].lower() in ADJUNCT_PREPOSITIONS:
            return False
        return content is None or sum(1 for i in range(segment_start, subject) if content[i]) <= 1

    for index in range(start + 1, end):
        if index in mention_tokens:
            continue
        word = words[index].lower()
        if word in PUNCT_BREAKS or (word == "-" and index + 1 < end and index > start):
            breaks.add(index)
        elif word in SOFT_BREAKS:
            soft.append(index)
    if not soft:
        edges = [start, *sorted(breaks), end]
        return [(a, b) for a, b in zip(edges, edges[1:]) if b > a]
    stops = sorted(breaks | set(soft) | {end})
    verbish = verbs | {cue.start for cue in cues if cue.label != "VERB"} | set(verb_forms)
    for index in soft:
        following = stops[bisect_right(stops, index)]
        previous = max((b for b in breaks if b < index), default=start)
        segment = range(index + 1, following)
        first = next((i for i in segment if words[i] not in (",", "and", "or")), None)
        if first is not None and words[first].lower() in _SUBJECT_PRONOUNS and first not in mention_tokens:
            breaks.add(index)  # "... swap shifts in the app and we're never short": a subject of its own
            continue
        bare_subject = any(previous <= i < index and _opens(i, previous) for i in subjects) and not any(
            previous <= i < index for i in verbish
        )
        if bare_subject:
            continue
        if index + 1 in verb_forms and index + 1 not in mention_tokens:
            breaks.add(index)  # "... and grew into heartbeats": a second predicate
            continue
        content_words = 0 if content is None else sum(
            1 for i in segment if content[i] and i not in mention_tokens
        )
        if any(index < verb < following for verb in verbs) or (first is not None and words[first].lower() in PRONOUNS) \
                or content_words >= 2:
            breaks.add(index)
    edges = [start, *sorted(breaks), end]
    return [(a, b) for a, b in zip(edges, edges[1:]) if b > a]


def clause_of(ranges: Sequence[tuple[int, int]], index: int) -> tuple[int, int]:
    for clause in ranges:
        if clause[0] <= index < clause[1]:
            return clause
    return ranges[-1]
