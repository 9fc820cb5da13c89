"""Turn mentions and cues into claims: who the subject is, what is asserted, for which plans.

Structure is read as structure: a heading's cues ("Coming soon", "Enterprise features") carry
over to the blocks under it, and a table whose columns are plans (or the product and its
competitors) and whose rows are capabilities is read cell by cell.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from claimlint.claims import syntax
from claimlint.claims.clauses import Cue, Mention, clause_of, clause_ranges, resolve_cues
from claimlint.claims.model import Claim, ClaimKind, Modality, Polarity, Quantity, Subject
from claimlint.claims.quantities import NUMBER_WORDS, Found, compatible, convert, find_quantities
from claimlint.extraction.lexicon import clause_start_labels
from claimlint.extraction.pipeline import MATCHES
from claimlint.manifest.model import Manifest
from claimlint.sources.model import Block, Document
from claimlint.units import Unit, is_measure_unit, unit_for

PLAN_NOUNS = frozenset({"plan", "plans", "tier", "tiers", "edition", "editions", "package", "packages",
                        "subscription", "subscriptions", "level", "account", "accounts", "customers",
                        "license", "licenses", "users", "option"})
# past verbs of a customer's own choice of plan ("we went with Starter"), which do not retire it
_CHOSE = frozenset({"went", "chose", "picked", "bought", "signed", "opted", "settled", "started"})
# verbs by which a plan holds a number: "Business includes 99.9%", "Pro gets 50 seats"
_HOLD_REACH = 4  # "includes a 99.95% uptime SLA": the verb stands just before the number
_HOLDING_VERBS = frozenset({"include", "includes", "get", "gets", "has", "have", "offers", "gives", "comes", "allows"})
# verbs that say what a product has or runs on, which a negation then denies outright
_OUTRIGHT_DENIAL_VERBS = frozenset({"have", "has", "support", "supports", "offer", "offers", "include", "includes", "run", "runs"})
_HEADER_CELL_WORDS = 4  # a table's header cell: "Free disk space", "Pro (annual)"
_SHORT_TAIL = 4  # words of a bracket or dash tail that may give a date further in: "(pilot in Q4)"
_CARD_LINE_WORDS = 12  # a pricing card's line between the plan's name and its list (the price)
_CARD_NAME_WORDS = 5  # a feature card's heading that reads as a name: "Cash Flow Forecasting"
_CARD_GRID = 3  # sibling headings that make a grid of feature cards
# what a card or a table row may be about that is not a feature: "Priority Support", "Bug Fixes"
_NOT_FEATURES = frozenset({"support", "help", "fix", "fixes", "improvement", "improvements", "update", "updates",
                           "change", "changes", "tweaks", "news", "price", "prices", "pricing", "plan", "plans", "trial",
                           "demo"})
_PLAN_PREPOSITIONS = frozenset({"on", "in", "with", "to", "for"})
_SUBJECT_PRONOUNS = frozenset({"we", "our", "us", "ours"})
_PREPOSITIONS = frozenset({"to", "in", "into", "for", "on", "across", "inside", "within", "from", "of", "after",
                           "before", "alongside", "besides", "beyond", "than", "like"})
_HOWTO_HEADING = re.compile(r"^\s*(?:step\s*\d+|\d+\s*[.):]\s|how\s+to\b|how\s+do\s+i\b|installing\b|setting\s+up\b|"
                            r"getting\s+started\b|troubleshooting\b|configuring\b)", re.IGNORECASE)
# a heading that asks without a question mark: "What happens to forums", "What changes for
# Starter customers", "How does drip content work" (not "What's in Pro", "How quizzes work" or
# "What we're building next", which say what the product has or will have)
_ASKING_HEADING = re.compile(r"^\s*(?:what|why|how|when|where|which|who)\s+(?:happens|happened|changes|changed|about|is|"
                             r"are|was|were|does|do|did|will|can|should|if)\b", re.IGNORECASE)
# a troubleshooting section lists what goes wrong ("PayPal doesn't show up at checkout"): symptoms
_TROUBLE_HEADING = re.compile(r"^\s*(?:troubleshoot|common\s+(?:problems|issues|errors)\b|fix(?:ing)?\s+(?:common\s+)?"
                              r"(?:problems|issues|errors)\b|(?:if\s+)?something(?:'s|\s+is)?\s+(?:not\s+working|goes\s+wrong)|"
                              r"still\s+(?:not\s+working|stuck)|not\s+working\?)", re.IGNORECASE)
# "This article walks you through connecting PayPal": what the page is about, not what the product does
_ABOUT_THE_PAGE = re.compile(r"^\W*(?:this|the\s+following|our)\s+(?:article|guide|tutorial|page|post|walkthrough|"
                             r"document|doc|video|section|lesson|how-to)\s+(?:\w+\s+){0,2}?(?:walks?|shows?|explains?|"
                             r"covers?|describes?|takes?|will|helps?|outlines?|teaches|goes|is\s+about)\b", re.IGNORECASE)
# prepositions that open a place in the app before an instruction ("On the iOS app, tap Charge"),
# and how many words that place may take before its comma
_PLACE_PREPOSITIONS = frozenset({"on", "in", "from", "under", "inside", "within", "at", "via", "using"})
_PLACE_WORDS = 8
# a question answered by the next sentence: at most this many tokens, and the words that refer back
_SHORT_QUESTION = 12
# a heading longer than this ties what follows to a plan it names only as "the X plan"
_PLAN_HEADING_WORDS = 5
# how many tokens may separate a limit's name from its number, for counts and for measures
_COUNT_REACH = 5
_MEASURE_REACH = 9
_LABEL_MARKS = frozenset({":", "-", "\u2013", "\u2014"})  # what sets a label before its value
_QUALIFIER_WORDS = 6  # a label's qualifier before its colon: ", last 90 days", ", per month"
_BACK_REFERENCES = frozenset({"it", "one", "they", "them", "that", "this"})
# a heading's promise ("What we're building", "Coming soon") reaches the sections under it
_PROMISE_LABELS = frozenset({"FUTURE"})
_TAKEN_OUT = frozenset({"removed", "excluded", "dropped", "removes", "excludes", "drops"})
_ECHOED_LABELS = frozenset({"FUTURE", "HEDGE", "BETA", "NEGATION", "DEPRECATION"})
_PEOPLE = frozenset({"users", "customers", "folks", "fans", "teams", "owners", "admins", "people", "members"})
_RELATIVES = frozenset({"that", "which", "who"})
_QUESTION_WORDS = frozenset({"what", "how", "which", "why", "when", "where", "who", "whose", "can", "could", "does", "do",
                             "did", "is", "are", "was", "were", "will", "would", "should", "may", "has", "have"})
# what a third party charges: "fees from Stripe or PayPal", "PayPal's own", "PayPal fees"
_CHARGE_NOUNS = frozenset({"fee", "fees", "charge", "charges", "rate", "rates", "pricing", "price", "prices", "cost",
                           "costs", "terms", "schedule", "policy", "policies"})
_DETERMINERS = frozenset({"every", "each", "all", "some", "your", "the", "a", "an", "any", "our", "their", "its"})
_CONTEXT_LABELS = ("FUTURE", "BETA", "NEGATION", "HEDGE", "PAST", "DEPRECATION", "ADDON", "NOW")
_LEAD_LABELS = frozenset({"FUTURE", "BETA", "NEGATION", "HEDGE", "PAST", "PLAN_ALL", "PLAN_PAID", "DEPRECATION"})
_CLOSING = " \t\"'”’)»*_"
_TARGETS = frozenset({"CAPABILITY", "PHRASE", "PLAN", "LIMIT"})
_PATH_ARROWS = frozenset({"→", "›", "»", ">", "->", "⟶", "▸"})
_MODIFIER_LABELS = frozenset({"PSEUDO_NEGATION", "INCLUDED", "ADDON", "PLAN_ALL", "PLAN_PAID", "PLAN_UPWARD", "PLAN_ONLY"})
_DENIED_HEADS = frozenset({"support", "access", "integration", "integrations", "version", "versions"})
_SUBORDINATORS = frozenset({"if", "when", "whenever", "unless", "so", "because", "since", "until", "once", "whether"})
_PRE_ONLY_NEGATIONS = frozenset({"no", "without", "none", "neither", "nor", "lack", "lacks", "lacked", "lacking"})
_TIMESTAMP = re.compile(r"\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?(?:\s|$|\()")
_TICKED = re.compile(r"\s*\[[xX✓✔]\]\s")
_CONNECTIVES = frozenset({"but", "and", "though", "although", "yet", "so", "while"})
_SETTING_OPENERS = frozenset({"if", "on", "with", "for", "once", "when", "in"})
_SETTING_TOKENS = 8
_TAIL_LABELS = frozenset({"FUTURE", "BETA", "DEPRECATION", "HEDGE", "ADDON"})
_TAIL_CLOSERS = frozenset({")", "]", ".", "!", ",", ";"})


class Tokens:
    """Token attributes of one Doc as lists: reading them from spaCy once is far cheaper than
    creating Token objects in every step of reading a claim. Read-only once made (a plain
    class, not a dataclass, for the reason Parsed gives)."""

    def __init__(self, text: list[str], lower: list[str], inflected: list[bool], punct: list[bool],
                 space: list[bool], stop: list[bool], alpha: list[bool], trailing_space: list[bool],
                 idx: list[int], doc_text: str, sentence_starts: list[int]) -> None:
        self.text = text
        self.lower = lower
        self.inflected = inflected  # the lemma differs from the lower-case form ("grew", "folded")
        self.punct = punct
        self.space = space
        self.stop = stop
        self.alpha = alpha
        self.trailing_space = trailing_space
        self.idx = idx  # character offset of each token in the Doc's text
        self.doc_text = doc_text
        self.sentence_starts = sentence_starts

    @classmethod
    def of(cls, doc: Any, source: str | None = None) -> Tokens:
        """The token table of ``doc``; ``source`` is the Doc's text when the caller has it
        (``doc.text`` rebuilds it token by token)."""
        if source is None:
            source = doc.text
        if not len(doc):
            return cls([], [], [], [], [], [], [], [], [], source, [])
        text: list[str] = []
        idx: list[int] = []
        punct: list[bool] = []
        stop: list[bool] = []
        alpha: list[bool] = []
        inflected: list[bool] = []
        # one pass over the Token objects for what only spaCy knows: cheaper than numpy arrays of
        # the same attributes
        for token in doc:
            text.append(token.text)
            idx.append(token.idx)
            punct.append(token.is_punct)
            stop.append(token.is_stop)
            alpha.append(token.is_alpha)
            inflected.append(token.norm != token.lower)
        # the rest follows from the words and their offsets
        space = [word.isspace() for word in text]  # spaCy's own definition of the flag
        trailing = [idx[i] + len(text[i]) < idx[i + 1] for i in range(len(text) - 1)]
        trailing.append(idx[-1] + len(text[-1]) < len(source))
        # a trained pipeline's parser or sentence recogniser marks every token as starting a
        # sentence or not; a blank one leaves them unmarked (Doc.has_annotation would look at all)
        if len(doc) > 1 and doc[1].is_sent_start is not None:
            starts = [token.i for token in doc if token.is_sent_start]
        else:
            starts = sentence_starts(text, punct)  # both start at token 0
        # spaCy's lower-case form is str.lower(); a typographic apostrophe ("don’t") is read as a
        # plain one, as the cue lexicons write it
        lower = [word.lower().replace("\u2019", "'") for word in text]
        return cls(text, lower, inflected, punct, space, stop, alpha, trailing, idx, source, starts)

    def start_char(self, index: int) -> int:
        return self.idx[index]

    def end_char(self, index: int) -> int:
        """Where token ``index - 1`` ends: the end of a span whose last token is ``index - 1``."""
        return self.idx[index - 1] + len(self.text[index - 1])

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens ``start:end``, as spaCy's ``doc[start:end].text`` gives it."""
        if end <= start:
            return ""
        return self.doc_text[self.idx[start]:self.idx[end - 1] + len(self.text[end - 1])]


# Abbreviations the tokenizer keeps whole with their full stop; at the end of a sentence they
# carry its full stop too ("we're never short at 7 a.m. The break alerts ...")
_ENDING_ABBREVIATIONS = frozenset(variant for word in ("a.m.", "p.m.", "etc.", "inc.", "ltd.", "corp.", "llc.")
                                  for variant in (word, word.upper(), word.capitalize()))
_CLOSING_QUOTES = frozenset({'"', "'", "\u201d", "\u2019", "\u00bb"})
_SENTENCE_FINAL: set[str] = set()  # spaCy's sentencizer's marks, read when first needed


def sentence_starts(words: list[str], punct: list[bool]) -> list[int]:
    """Where sentences start, by spaCy's sentencizer rule: at the first token after a run of
    sentence-final punctuation that is not itself punctuation, unless a closing quote follows
    the punctuation and the next word is in lower case (a quoted question inside a sentence);
    and at a capitalised word after an abbreviation that ends a sentence ("7 a.m. The") or
    after an emoji, which ends sentences in chat and social posts ("through SSO 🙂 SCIM isn't
    out yet"). A blank pipeline's Docs are split here, from the token table, rather than by a pipeline
    component: only blocks that name something are read this far."""
    if not _SENTENCE_FINAL:
        from spacy.pipeline import Sentencizer

        _SENTENCE_FINAL.update(Sentencizer.default_punct_chars)
    final = _SENTENCE_FINAL
    starts = [0] if words else []
    seen_final = quoted = after_abbreviation = after_emoji = False
    for i, word in enumerate(words):
        if word in final:
            seen_final = True
        elif seen_final and punct[i]:
            quoted = quoted or word in _CLOSING_QUOTES
        elif seen_final:
            if not (quoted and word.islower()):  # 'ask "How likely are you to recommend us?" on a schedule'
                starts.append(i)
            seen_final = quoted = False
        elif (after_abbreviation and word.istitle()) or (after_emoji and word[:1].isupper()):
            starts.append(i)
        after_abbreviation = word in _ENDING_ABBREVIATIONS
        after_emoji = word >= "\U0001F000" and _is_emoji(word)  # a plain word never gets as far as the call
    return starts


def _elsewhere_instead(lower: list[str], mention: Mention, sentence: Sentence, first: int) -> bool:
    """A sentence that opens with a platform and sends its users to something else "instead"
    ("On Linux, staff sign in through the web app instead"): no app for that platform."""
    return (first + 1 == mention.start and lower[first] in ("on", "for")
            and "instead" in lower[mention.end:sentence.end])


def _is_emoji(word: str) -> bool:
    """A token of pictographs alone ("🙂", "🚀🚀"), with their joiners and variation selectors;
    its caller has seen that it opens with one from U+1F000 on."""
    return all(ch >= "\U0001F000" or "\u2600" <= ch <= "\u27BF" or ch in "\u200d\ufe0f" for ch in word)


# Marketing sentences run to some 60 tokens; one far longer is a run of text with no sentence
# ends (a keyword list, extracted navigation). Reading a claim looks at the whole of its sentence,
# so such runs are cut into pieces of at most this many tokens: the time stays linear in the text.
MAX_SENTENCE = 200


def _bounded(start: int, end: int, punct: list[bool]) -> Iterator[tuple[int, int]]:
    """``start:end`` cut into pieces of at most MAX_SENTENCE tokens, each after a punctuation
    mark (a comma, a dash) in its second half where there is one."""
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        for i in range(cut - 1, start + MAX_SENTENCE // 2, -1):
            if punct[i]:
                cut = i + 1
                break
        yield start, cut
        start = cut
    yield start, end


def _share_beta(claims: list[Claim], first: int) -> None:
    """A beta qualifier for a capability holds for the whole sentence: in "Passkey support is in
    beta: save passkeys on any site", the second "passkeys" is the same beta feature."""
    beta = {c.capability for c in claims[first:] if c.kind == "capability" and "beta" in c.qualifiers}
    for index in range(first, len(claims)):
        claim = claims[index]
        if claim.capability in beta and claim.kind == "capability" and "beta" not in claim.qualifiers:
            claims[index] = replace(claim, qualifiers=(*claim.qualifiers, "beta"))


class Layout(NamedTuple):
    """What claim reading needs of a block's tokens besides their attributes."""

    words: list[str]  # token texts, with an unspaced hyphen ("1-minute") made a non-breaking one
    content: list[bool]  # content words: not stop words, punctuation or pricing modifiers
    mention_tokens: set[int]
    subjects: frozenset[int]  # first tokens of capability, limit and plan mentions


class Sentence(NamedTuple):
    """A sentence of a Doc: token range, character range and text."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str


class Parsed:
    """One block with its spaCy Doc, mentions and resolved cues, and what claim reading works
    out about its tokens, kept for the next question (and for the next page with the same
    block, through the Linter's block cache).

    A plain class rather than a dataclass: one is made for every block of every page, and a
    compiled build runs a dataclass's generated ``__init__`` as Python."""

    def __init__(self, index: int, block: Block, doc: Any, offset: int, text: str | None = None,
                 mentions: list[Mention] | None = None, cues: list[Cue] | None = None,
                 tokens: Tokens | None = None) -> None:
        self.index = index
        self.block = block
        self.doc = doc
        self.offset = offset  # where the Doc's text starts in the block's text (long blocks are split)
        self.text = text  # the Doc's text
        self.mentions: list[Mention] = [] if mentions is None else mentions
        self.cues: list[Cue] = [] if cues is None else cues
        self._tokens = tokens
        self._quantities: list[tuple[Found, int, int]] | None = None
        self._pronouns: list[tuple[int, Subject]] | None = None
        self._cue_starts: list[int] | None = None
        self._mention_starts: list[int] | None = None
        self._past: set[int] | None = None
        self._candidates: list[tuple[int, Subject]] | None = None
        self._sentences: list[Sentence] | None = None
        self._layout: Layout | None = None
        self._clauses: dict[int, list[tuple[int, int]]] = {}  # by sentence start
        self.plans_memo: dict[tuple[int, int], list[str]] = {}  # ClaimReader.plans_in's answers

    def moved(self, index: int, block: Block, offset: int) -> Parsed:
        """The same text as block ``index`` (at ``offset`` in it): what is known about its
        tokens is shared, as it depends on the text alone."""
        other = Parsed(index, block, self.doc, offset, self.text, self.mentions, self.cues, self._tokens)
        other._quantities, other._pronouns = self._quantities, self._pronouns
        other._cue_starts, other._mention_starts = self._cue_starts, self._mention_starts
        other._past, other._candidates, other._sentences = self._past, self._candidates, self._sentences
        other._layout, other._clauses, other.plans_memo = self._layout, self._clauses, self.plans_memo
        return other

    def tokens(self) -> Tokens:
        """The block's token attributes as plain lists, read from spaCy once."""
        if self._tokens is None:
            self._tokens = Tokens.of(self.doc, self.text)
        return self._tokens

    def sentences(self) -> list[Sentence]:
        """The Doc's sentences (a trained pipeline's, or those ``sentence_starts`` finds)."""
        if self._sentences is None:
            tokens = self.tokens()
            size = len(tokens.text)
            if syntax.has_parse(self.doc):
                bounds = [(span.start, span.end) for span in self.doc.sents]
            else:
                bounds = list(zip(tokens.sentence_starts, [*tokens.sentence_starts[1:], size]))
            self._sentences = [Sentence(start, end, tokens.start_char(start), tokens.end_char(end),
                                        tokens.span_text(start, end))
                               for whole in bounds for start, end in _bounded(*whole, tokens.punct) if end > start]
        return self._sentences

    def layout(self) -> Layout:
        """Words, content words, mention tokens and subjects, computed once per block text."""
        if self._layout is None:
            tokens = self.tokens()
            # an unspaced hyphen joins words ("1-minute"); only a spaced one separates clauses
            words = [text if text != "-" or (i and tokens.trailing_space[i - 1] and tokens.trailing_space[i])
                     else "\u2011" for i, text in enumerate(tokens.text)]
            # pricing phrases ("at no extra charge", "on every plan") modify a noun; they are no
            # evidence of a new clause the way "return next month" is
            cue_tokens = {i for cue in self.cues if cue.label in _MODIFIER_LABELS for i in range(cue.start, cue.end)}
            content = [not (tokens.stop[i] or tokens.punct[i] or tokens.space[i]) and i not in cue_tokens
                       for i in range(len(words))]
            mention_tokens = {i for m in self.mentions for i in range(m.start, m.end)}
            subjects = frozenset(m.start for m in self.mentions if m.label in ("CAPABILITY", "LIMIT", "PLAN"))
            self._layout = Layout(words, content, mention_tokens, subjects)
        return self._layout

    def clauses(self, sentence: Sentence) -> list[tuple[int, int]]:
        """The clauses of one of the block's sentences, as token ranges."""
        found = self._clauses.get(sentence.start)
        if found is None:
            layout = self.layout()
            past = {i for i in self.past() if sentence.start <= i < sentence.end}
            found = clause_ranges(layout.words, sentence.start, sentence.end, self.cues_from(sentence.start, sentence.end),
                                  layout.mention_tokens, layout.content, layout.subjects, past)
            self._clauses[sentence.start] = found
        return found

    def subject_candidates(self) -> list[tuple[int, Subject]]:
        """Where the product, a competitor or "other tools" is named, and "we" or "our"."""
        if self._candidates is None:
            candidates: list[tuple[int, Subject]] = []
            for other in self.mentions:
                if other.label == "PRODUCT":
                    candidates.append((other.start, "product"))
                elif other.label == "COMPETITOR":
                    candidates.append((other.start, "competitor"))
            candidates += [(cue.start, "competitor") for cue in self.cues if cue.label == "OTHERS"]
            candidates += self.pronouns()
            self._candidates = candidates
        return self._candidates

    def pronouns(self) -> list[tuple[int, Subject]]:
        """Where "we" and "our" name the product."""
        if self._pronouns is None:
            found: list[tuple[int, Subject]] = [
                (i, "product") for i, lower in enumerate(self.tokens().lower) if lower in _SUBJECT_PRONOUNS]
            self._pronouns = found
        return self._pronouns

    def quantities(self) -> list[tuple[Found, int, int]]:
        """Quantities in the Doc with the token range each covers (every token they touch)."""
        if self._quantities is None:
            tokens = self.tokens()
            found = []
            for quantity in find_quantities(tokens.doc_text):
                if quantity.end <= quantity.start or not tokens.idx:
                    continue
                first = max(bisect_right(tokens.idx, quantity.start) - 1, 0)
                last = bisect_right(tokens.idx, quantity.end - 1)
                found.append((quantity, first, last))
            self._quantities = found
        return self._quantities

    def past(self) -> set[int]:
        """Tokens that are past-tense verbs, over the whole Doc."""
        if self._past is None:
            self._past = past_forms(self.tokens(), 0, len(self.tokens().text))
        return self._past

    def cues_from(self, start: int, end: int) -> list[Cue]:
        """The cues starting in tokens ``start:end`` (cues are kept in order of their start)."""
        if self._cue_starts is None:
            self._cue_starts = [cue.start for cue in self.cues]
        return self.cues[bisect_left(self._cue_starts, start):bisect_left(self._cue_starts, end)]

    def mentions_from(self, start: int, end: int) -> list[Mention]:
        """The mentions starting in tokens ``start:end`` (mentions are kept in order of their start)."""
        if self._mention_starts is None:
            self._mention_starts = [mention.start for mention in self.mentions]
        starts = self._mention_starts
        return self.mentions[bisect_left(starts, start):bisect_left(starts, end)]

    def labels(self, start: int, end: int) -> set[str]:
        return {cue.label for cue in self.cues_from(start, end)}

    def cues_in(self, start: int, end: int, label: str) -> list[Cue]:
        return [cue for cue in self.cues_from(start, end) if cue.label == label]


@dataclass(frozen=True)
class Context:
    """What a heading says about the blocks under it: cues for bare list entries, plans,
    and whether the section is instructions ("Step 2", "How to...")."""

    labels: frozenset[str] = frozenset()
    plans: tuple[str, ...] = ()
    howto: bool = False
    symptoms: bool = False  # a troubleshooting section: the sentence a paragraph opens with is a symptom
    # "Tablet App (Early access)" heading: cues for the capability it names, wherever below
    subject_labels: tuple[tuple[str, frozenset[str]], ...] = ()
    # whom the section is about when a sentence names no one: "competitor" under "## 2. Mixpanel"
    # in a list of alternatives; "product" under a heading that names the product; None: inherited
    about: Subject | None = None
    # a section listing the product's own suppliers ("Subprocessors"): the tools it names are
    # ones the company uses, not integrations it offers
    vendors: bool = False

    def labels_for(self, capability: str) -> frozenset[str]:
        return frozenset().union(*(labels for cid, labels in self.subject_labels if cid == capability))

    def under(self, parent: Context) -> Context:
        """This heading's context inside its parent's: nearer headings' plans win."""
        # "## What we're building" > "### Walmart Marketplace": the section about a name takes the
        # cues of the headings above it, wherever in the section the name is repeated
        # "## Roadmap" > "### Shipped recently": a heading that says what is out now is not a promise
        inherited = parent.labels - {"FUTURE"} if "NOW" in self.labels else parent.labels
        promised = inherited & _PROMISE_LABELS
        own = tuple((cid, labels | promised) for cid, labels in self.subject_labels) if promised else self.subject_labels
        return Context(self.labels | inherited, self.plans or parent.plans, self.howto or parent.howto,
                       self.symptoms or parent.symptoms, own + parent.subject_labels,
                       self.about if self.about is not None else parent.about, self.vendors or parent.vendors)


class ClaimReader:
    """Reads the claims of parsed Documents against one manifest."""

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self.current_plans = tuple(plan.id for plan in manifest.current_plans)
        self.paid_plans = tuple(plan.id for plan in manifest.current_plans if not _is_free(plan.id, plan.phrases))
        self.platforms = frozenset(cid for cid, cap in manifest.capabilities.items() if cap.kind == "platform")
        self.integrations = frozenset(cid for cid, cap in manifest.capabilities.items() if cap.kind == "integration")
        self.clause_start = clause_start_labels()
        self.proper_words = _proper_single_words(manifest)

    # -- parsing Docs into mentions and cues --

    def parse(self, index: int, block: Block, doc: Any, offset: int = 0, text: str | None = None) -> Parsed:
        """Mentions and cues of one Doc: block ``index``'s text from ``offset`` (which is ``text``)."""
        found_cues, found_mentions = doc._.get(MATCHES) or ([], [])
        raw_cues = [Cue(label, start, end) for label, _, start, end in found_cues]
        if not found_mentions and not found_cues:
            return Parsed(index, block, doc, offset, text)  # nothing to read here: no token table needed
        not_plan = [cue for cue in raw_cues if cue.label == "NOT_PLAN"]
        ordered = sorted(found_mentions, key=lambda m: (m[2], -(m[3] - m[2])))
        mentions: list[Mention] = []
        taken: set[int] = set()
        tokens = Tokens.of(doc, text)
        for label, identifier, start, end in sorted(ordered, key=lambda m: -(m[3] - m[2])):
            if not taken.isdisjoint(range(start, end)):
                continue
            said = tokens.span_text(start, end)
            mention = Mention(label, identifier, start, end, tokens.start_char(start), tokens.end_char(end), said)
            if mention.label == "PLAN" and not self._plan_mention_ok(tokens, mention, block, not_plan):
                continue
            if end - start == 1 and said.islower() and said in self.proper_words \
                    and (label in ("PRODUCT", "COMPETITOR") or identifier in self.platforms or identifier in self.integrations):
                continue  # "separate windows", "arrival window" are not Windows
            taken.update(range(start, end))
            mentions.append(mention)
        mentions.sort(key=lambda m: m.start)
        mentions = [m for m in mentions if not _badge(tokens, m, mentions)]
        cues = [cue for cue in resolve_cues(raw_cues, mentions) if not _manner(tokens, cue) and not _placed(tokens, cue)]
        return Parsed(index, block, doc, offset, text, mentions, cues, tokens)

    def _plan_mention_ok(self, tokens: Tokens, mention: Mention, block: Block, not_plan: list[Cue]) -> bool:
        """Plan names are often common words ("free", "team", "pro"): accept only plan-like uses."""
        if any(cue.start <= mention.start < cue.end or mention.start <= cue.start < mention.end for cue in not_plan):
            return False
        if mention.end - mention.start > 1:
            return True
        following = tokens.lower[mention.end] if mention.end < len(tokens.lower) else ""
        if following in PLAN_NOUNS:
            return True
        after = mention.end
        qualifies = after < len(tokens.text) and tokens.alpha[after] and tokens.text[after].islower() and not tokens.stop[after]
        if block.cell is not None:
            # a column header "Free" or "Pro (annual)" is a plan; "Free disk space" is not
            return not (mention.start == 0 and qualifies and after + 1 < len(tokens.text) and tokens.alpha[after + 1]
                        and len(tokens.text) <= _HEADER_CELL_WORDS)
        if tokens.text[mention.start][:1].isupper():
            return True
        if qualifies:
            return False  # "for counter service", "a starter kit": the word qualifies a noun
        previous = tokens.lower[mention.start - 1] if mention.start > 0 else ""
        return previous in _PLAN_PREPOSITIONS

    # -- reading a document --

    def read(self, document: Document, parsed: Sequence[Parsed]) -> list[Claim]:
        claims: list[Claim] = []
        by_block: dict[int, list[Parsed]] = {}
        for item in parsed:
            by_block.setdefault(item.index, []).append(item)
        contexts: dict[int, Context] = {}
        tables: dict[int, list[Parsed]] = {}
        for item in parsed:
            cell = item.block.cell
            if cell is not None:
                tables.setdefault(cell.table, []).append(item)
        table_done: set[int] = set()
        grids: dict[int, list[Parsed]] = {}
        for item in parsed:
            if item.block.grid is not None and item.block.cell is None:
                grids.setdefault(item.block.grid.table, []).append(item)
        grids_read: dict[int, bool] = {}  # grid number -> read as a table
        instructions = _instruction_headings(document, by_block)
        cards = self._card_plans(parsed)
        unlisted = self._unlisted_cards(by_block, contexts, instructions)
        for item in parsed:
            block = item.block
            grid = block.grid.table if block.grid is not None and block.cell is None else None
            if grid is not None:
                if grid not in grids_read:
                    grid_claims = self._grid(document, grids[grid])
                    grids_read[grid] = grid_claims is not None
                    claims.extend(grid_claims or ())
                if grids_read[grid]:
                    continue
            if block.cell is not None:
                if block.cell.table in table_done:
                    continue
                table_done.add(block.cell.table)
                from claimlint.claims.tables import read_table, vendor_table

                section = self.context(block.section, by_block, contexts, instructions)
                if vendor_table(tables[block.cell.table]):
                    section = replace(section, vendors=True)
                table_claims = None if section.vendors else read_table(self, document, tables[block.cell.table])
                if table_claims is not None:
                    claims.extend(table_claims)
                    continue
                for cell_item in tables[block.cell.table]:
                    claims.extend(self.prose(document, cell_item, section))
                continue
            context = self.context(block.section, by_block, contexts, instructions)
            if item.index in cards and not context.plans:
                context = replace(context, plans=(cards[item.index],))
            read = self.prose(document, item, context, instruction=item.index in instructions)
            claims.extend(read)
            if item.index in unlisted and not any(claim.kind == "unknown" for claim in read):
                claims.append(self._unlisted_card(document, item, context))
        return claims

    def _unlisted_cards(self, by_block: dict[int, list[Parsed]], contexts: dict[int, Context],
                        instructions: frozenset[int]) -> set[int]:
        """Feature cards whose heading names something the manifest does not list.

        A grid of feature cards is a run of sibling headings (the same level under the same
        heading), each over a short description, most of them naming a capability ("Recurring
        Invoices", "Live Bank Feeds"). A sibling that reads as a feature's name, naming nothing
        the manifest lists, over a description that names nothing either, is a capability the
        page claims and the manifest does not know ("Inventory Management"). Returns those
        headings' block indexes."""
        siblings: dict[tuple[int | None, int], list[int]] = {}
        bodies: dict[int, list[Parsed]] = {}
        for index, items in by_block.items():
            block = items[0].block
            if block.kind == "heading" and block.cell is None and block.grid is None:
                siblings.setdefault((block.section, block.level), []).append(index)
            elif block.kind != "heading" and block.section is not None:
                bodies.setdefault(block.section, []).extend(items)

        def names(items: Sequence[Parsed]) -> bool:
            return any(m.label in ("CAPABILITY", "LIMIT") for item in items for m in item.mentions)

        found: set[int] = set()
        for (section, _), headings in siblings.items():
            # the cards' headings name or sell a feature ("Offline Mode", "Autofill That Just
            # Works"); a blog post's sections tell a story in the first person ("Why we built
            # offline mode"), and a section of questions is an FAQ
            named = [index for index in headings if names(by_block[index]) and not any(
                word in _SUBJECT_PRONOUNS or word in ("i", "my") for word in by_block[index][0].tokens().lower)]
            if len(headings) < _CARD_GRID or len(named) < 2 or 2 * len(named) < len(headings) or any(
                    _asks(by_block[index][0].block.text) for index in headings):
                continue
            context = self.context(section, by_block, contexts, instructions)
            if context.howto or context.vendors or context.about == "competitor" or context.labels & {"NEGATION", "PAST"}:
                continue
            for index in headings:
                items = by_block[index]
                body = bodies.get(index, [])
                if (body and index not in instructions and not any(item.mentions for item in items)
                        and not names(body) and reads_as_a_name(items[0])):
                    found.add(index)
        return found

    def _unlisted_card(self, document: Document, item: Parsed, context: Context) -> Claim:
        doc = item.doc
        mention = Mention("UNKNOWN", "", 0, len(doc), 0, len(doc.text), doc.text)
        labels = item.labels(0, len(doc))
        return self.make_claim(document, item, mention, "unknown", item.block.text.strip(), "product", "asserted",
                               _modality(labels), context.plans, (), ("card",))

    def _card_plans(self, parsed: Sequence[Parsed]) -> dict[int, str]:
        """A pricing card whose plan name is not a heading (``<label class="h4">Team</label>``,
        ``<div class="plan-name">Business</div>``): a block that is only a plan's name, then at
        most a short line (the price) and a list. The list's entries are that plan's. Returns
        the plan of each such entry's and line's block."""
        found: dict[int, str] = {}
        current: str | None = None
        listed = False
        for item in parsed:
            block = item.block
            if block.kind == "heading" or block.cell is not None or block.grid is not None:
                current = None
                continue
            named = self._plan_name_only(item)
            if named is not None:
                current, listed = named, False
                continue
            if current is None:
                continue
            if block.kind == "list_item":
                listed = True
                found[item.index] = current
            elif not listed and block.kind == "paragraph" and len(block.text.split()) <= _CARD_LINE_WORDS:
                found[item.index] = current  # "$30 / month + $12 per committer"
            else:
                current = None  # the card's list has ended
        return found

    @staticmethod
    def _plan_name_only(item: Parsed) -> str | None:
        """The plan a paragraph names and says nothing else of ("Team", "Business plan")."""
        if item.block.kind != "paragraph" or len(item.mentions) != 1 or item.mentions[0].label != "PLAN":
            return None
        mention = item.mentions[0]
        tokens = item.tokens()
        rest = [tokens.lower[i] for i in range(len(tokens.lower))
                if not (mention.start <= i < mention.end) and not tokens.punct[i] and not tokens.space[i]]
        return mention.id if all(word in PLAN_NOUNS for word in rest) else None

    def _grid(self, document: Document, cells: list[Parsed]) -> list[Claim] | None:
        """The claims of a grid of <div>s read as a table, when its header names at least two
        plans or competitors (a comparison grid); None when it is some other layout."""
        from claimlint.claims.tables import header_subjects, read_table

        as_cells = [item.moved(item.index, replace(item.block, cell=item.block.grid), item.offset) for item in cells]
        if header_subjects(as_cells) < 2:
            return None
        return read_table(self, document, as_cells)

    def context(self, section: int | None, by_block: dict[int, list[Parsed]], cache: dict[int, Context],
                instructions: frozenset[int] = frozenset()) -> Context:
        """What the heading ``section`` and the headings above it say about what follows;
        ``instructions``: the headings that read as instructions (see _instruction_headings)."""
        if section is None or section not in by_block:
            return Context()
        if section not in cache:
            items = by_block[section]
            own = Context(howto=True) if section in instructions else self._heading_context(items)
            cache[section] = own.under(self.context(items[0].block.section, by_block, cache, instructions))
        return cache[section]

    def _heading_context(self, items: list[Parsed]) -> Context:
        if VENDOR_HEADING.search(items[0].block.text):
            return Context(vendors=True)
        about = _about(items)
        context = self._heading_labels(items)
        return replace(context, about=about) if about is not None else context

    def _heading_labels(self, items: list[Parsed]) -> Context:
        if _TROUBLE_HEADING.match(items[0].block.text):
            return Context(howto=True, symptoms=True)
        if _HOWTO_HEADING.match(items[0].block.text):
            return Context(howto=True)
        named = [m for item in items for m in item.mentions if m.label in ("CAPABILITY", "LIMIT")]
        # "No install? Use the web app": a question in a heading states nothing of what follows
        cues = [(item, cue) for item in items for cue in item.cues
                if cue.label in _CONTEXT_LABELS and not _in_question(item, cue.start)]
        # a negation counts only near the start ("Not included", "What we don't do"), not in a
        # clause describing something else ("Built for businesses that can't afford downtime"),
        # nor in a relative clause ("Pricing that doesn't punish you for growing")
        labels = {cue.label for item, cue in cues
                  if cue.label != "NEGATION" or (cue.start <= 3 and not _relative_before(item.tokens().lower, cue.start))}
        if named:
            # "Will session replay come to Free?" under "Coming next": a question names what its
            # answer is about, and the answer, not the section, says whether it is a promise
            named = [m for item in items for m in item.mentions
                     if m.label in ("CAPABILITY", "LIMIT") and not _in_question(item, m.start)]
            if not named:
                return Context()
            # "Shift Swaps Without the Group Texts": "without" and "no" deny only what follows them
            after = {m.start: {cue.label for item, cue in cues if cue.label == "NEGATION" and cue.start >= m.end
                               and item.tokens().lower[cue.start] in _PRE_ONLY_NEGATIONS} for m in named}
            # every name counts, cues or not: a heading above it may have some ("What we're building")
            return Context(subject_labels=tuple((m.id, frozenset(labels - after[m.start])) for m in named))
        plans: list[str] = []
        for item in items:
            plans.extend(self.plans_in(item, 0, len(item.doc)))
        if plans and len(items[0].block.text.split()) > _PLAN_HEADING_WORDS and not any(
                m.label == "PLAN" and m.end < len(item.tokens().lower) and item.tokens().lower[m.end] in PLAN_NOUNS
                for item in items for m in item.mentions):
            # "Built for Teams of Every Size" is about an audience; "Included in Pro", "Enterprise
            # features" and "The Business plan" are about a plan
            plans = []
        return Context(frozenset(labels), tuple(dict.fromkeys(plans)))

    # -- prose --

    def prose(self, document: Document, item: Parsed, context: Context, *, instruction: bool = False) -> list[Claim]:
        """The claims of one block under ``context``; ``instruction``: the block is a heading
        that reads as an instruction, so its mentions are not claims."""
        claims: list[Claim] = []
        parsed = syntax.has_parse(item.doc)
        if not parsed and not any(m.label in _TARGETS for m in item.mentions):
            return claims  # most blocks name nothing in the manifest: nothing to read
        pseudo = [cue for cue in item.cues if cue.label == "PSEUDO_NEGATION"]
        heading_howto = item.block.kind == "heading" and (instruction or bool(_HOWTO_HEADING.match(item.block.text)))
        # a lead-in to a code sample ("On Linux, add this to your crontab:") is an instruction
        code_lead_in = item.block.before_code and item.block.text.rstrip().endswith(":")
        doc = item.doc
        tokens = item.tokens()
        words, content, mention_tokens, _ = item.layout()
        past = item.past()  # clauses lie within a sentence, so the block's set serves every clause
        retired_here: set[str] = set()  # plans this block has said are gone
        deprecated_here: set[str] = set()  # capabilities this block has said are deprecated
        title_labels: dict[str, set[str]] = {}  # "**Android app (beta).** ...": what the title says of a name
        # "- **TikTok Shop.** Sync your catalogue to TikTok Shop ...": a list item that opens with
        # a name on its own describes that entry throughout, so the heading's cues reach the name
        # wherever the item repeats it (not other things the item mentions in passing)
        entry_names: frozenset[str] = frozenset()
        titled = False  # "1. **Shared vaults.** Create up to 25 ...": a numbered feature, not a step
        # a numbered step ("2. Click **Connect**. A window opens."): every sentence of it is instructions
        step_item = item.block.ordered and _opens_with_step(item)
        # a short block that ends in a question (an FAQ entry's question) is the reader speaking
        asks = _asks(item.block.text) and len(item.sentences()) <= 3
        # the answer to a question just above ("<dt>Why is the SSO tab greyed out?</dt><dd>On
        # Business, SSO is ...</dd>"), even under "Troubleshooting": an explanation, not a symptom
        answer_block = context.symptoms and item.index > 0 and _asks(document.blocks[item.index - 1].text)
        # "- [x] Webhook signature helpers" in a roadmap's task list: ticked off, so out now
        done = item.block.kind == "list_item" and (item.block.ticked or _TICKED.match(item.block.text) is not None)
        # "- [08:40](…) The Roku channel, again": a video's or a podcast's chapter names a topic
        chapter = item.block.kind == "list_item" and _TIMESTAMP.match(item.block.text) is not None
        for sentence in item.sentences():
            targets = [m for m in item.mentions_from(sentence.start, sentence.end) if m.label in _TARGETS]
            if parsed and not item.block.cell and not _asks(sentence.text):
                claims.extend(self.unknown_claims(document, item, sentence))
            first_of_item = item.block.kind == "list_item" and sentence.start == 0
            opens_block = sentence.start == 0 and item.block.kind in ("list_item", "paragraph")
            if not targets and not opens_block:
                continue
            sentence_cues = item.cues_from(sentence.start, sentence.end)
            # "Signature fields", "PDF export, back by popular demand": an entry, not a sentence
            bare_entry = "VERB" not in {cue.label for cue in sentence_cues} and sum(
                1 for i in range(sentence.start, sentence.end) if content[i] and i not in mention_tokens) <= 3
            echoes: dict[str, set[str]] = {}
            if opens_block and bare_entry and sentence.end < len(doc):
                # "**Text messages.** Mailchimp sends SMS today. SMS in Larkmail is planned.": the
                # entry's name takes what the entry goes on to say of it (planned, beta, gone)
                echoes = self._echoes(item, sentence, targets)
                entry_names = frozenset(m.id for m in targets)
                said = item.labels(sentence.start, sentence.end) & _ECHOED_LABELS if first_of_item else set()
                title_labels = {m.id: said for m in targets if said}
                titled = first_of_item and not _opens_with_step(item)
            if not targets or (chapter and "VERB" not in {cue.label for cue in sentence_cues}):
                continue
            sentence_text = sentence.text.strip()
            first_claim = len(claims)
            question = _asks(sentence_text) or (item.block.kind == "heading" and bool(_ASKING_HEADING.match(sentence_text)))
            first = _first_word(tokens, sentence.start)
            # "I'm still on Starter. What happens to my account?": the asker's own situation
            if not question and asks and first < len(tokens.lower) and tokens.lower[first] in ("i", "my"):
                continue
            introduces_code = code_lead_in and sentence.end == len(doc)
            answer = self._answer(item, sentence) if question else None
            ranges = item.clauses(sentence)
            lead = self._label_clause(item, ranges, words)
            sentence_labels = {cue.label for cue in sentence_cues}
            # what opens the sentence ("If you ...", "Step 2", "To set up ...") is the same for each mention
            opening = self._opening_not_a_claim(item, sentence, first, context.howto, titled)
            for mention in targets:
                if mention.label == "PHRASE":
                    claims.append(self.make_claim(document, item, mention, "phrase", sentence_text, "product",
                                                  "asserted", "present", (), ()))
                    continue
                if answer is not None and mention.label in ("CAPABILITY", "PLAN") and not heading_howto:
                    claim = self._answered(document, item, mention, sentence_text, answer)
                    if claim is not None:
                        claims.append(claim)
                    continue
                if question or not sentence_labels.isdisjoint(("DEFINITION", "LEGAL")) or heading_howto or introduces_code:
                    continue
                if context.howto and _opens_with_step(item, sentence.start):
                    continue
                if step_item and sentence.start > 0:
                    continue  # "2. Check hours and tips. Anything from a tip pool shows up ...": the step goes on
                if context.symptoms and sentence.start == 0 and not answer_block:
                    # "**PayPal doesn't show up at checkout.** Check that ..." under "Troubleshooting":
                    # the problem a paragraph opens with is the reader's; what follows explains it
                    continue
                if lead is None and self._vocative(item, mention, ranges, words):
                    continue
                clause = clause_of(ranges, mention.start)
                labels = item.labels(clause[0], clause[1])
                if lead is not None and clause[0] >= lead[1]:
                    labels |= lead[0]
                if opening or self._not_a_claim(item, mention, clause, sentence, first):
                    continue
                trailing = self._trailing_label(item, mention, clause, ranges, words)
                labels |= trailing | echoes.get(mention.id, set()) | self._referred_labels(item, clause, ranges)
                if "FORWARD_LOOKING" in sentence_labels:
                    labels.add("FUTURE")
                if sentence.start > 0:
                    labels |= title_labels.get(mention.id, set())
                if mention.label == "CAPABILITY" and mention.id not in self.platforms and self._attached(item, mention, clause):
                    continue
                if mention.label == "CAPABILITY" and self._third_party_thing(item, mention, clause):
                    continue
                if context.vendors and mention.id in self.integrations:
                    continue  # "HubSpot: our own CRM" in a list of subprocessors
                if tokens.lower[_first_word(tokens, clause[0])] in ("who", "whose") and clause[0] < mention.start:
                    continue  # "the people who live in Windows all day": about the people, not the product
                inherited = context.labels if first_of_item or bare_entry or mention.id in entry_names else frozenset()
                if item.block.kind != "heading" or item.block.section is not None:
                    inherited = inherited | context.labels_for(mention.id)
                if "NOW" in sentence_labels or done:
                    inherited = inherited - {"FUTURE"}  # "The chat widget speaks 32 languages today", under "What's next"
                if labels & {"FUTURE", "NOW"}:
                    # under "What's missing (for now)": "Windows runners are coming next year" promises
                    # them, and "Mercurial works today" says it works; the entry's own time wins
                    inherited = inherited - {"NEGATION"}
                for label in inherited:
                    if label not in labels and not (label == "NEGATION" and "PSEUDO_NEGATION" in labels):
                        labels.add(label)
                if "PAST" in labels:
                    continue
                if "FUTURE" in labels and "FUTURE" not in inherited and _before_a_later_part(item, mention, clause):
                    labels = labels - {"FUTURE"}
                subject = self.subject(item, mention, clause, ranges, context.about or "product")
                if parsed:
                    subject = syntax.subject(item.doc, mention, item.mentions) or subject  # type: ignore[assignment]
                if mention.label == "PLAN":
                    if labels & {"NEGATION", "PAST"} or any(clause[0] <= i < clause[1] and tokens.lower[i] not in _CHOSE
                                                              for i in past):
                        # "We folded Starter into Pro", "Starter has been retired": history, not
                        # an offer; and so is the rest of the block about it ("Starter customers
                        # keep their price")
                        retired_here.add(mention.id)
                        continue
                    if any(clause[0] <= i < clause[1] for i in past):
                        continue  # "We went with Starter": the writer's own choice, then; not a retirement
                    if mention.id in retired_here:
                        continue
                    if "HYPOTHETICAL" in labels and all(
                            cue.start > mention.start for cue in item.cues_in(clause[0], clause[1], "HYPOTHETICAL")):
                        # "Start on Basic ..., move up when you need more": the condition is about what follows
                        labels = labels - {"HYPOTHETICAL"}
                    claim = self.plan_claim(document, item, mention, sentence_text, subject, labels)
                    if claim is not None:
                        claims.append(claim)
                    continue
                if mention.label == "LIMIT":
                    if item.block.excluded:
                        continue  # "<del>Unlimited seats</del>" on a plan's card: what the plan lacks
                    claim = self.limit_claim(document, item, mention, clause, ranges, sentence, sentence_text,
                                             subject, labels, context)
                    if claim is not None:
                        claims.append(claim)
                    continue
                polarity = self.polarity(item, mention, clause, lead)
                if parsed and polarity == "negated" and not (lead is not None and "NEGATION" in lead[0]):
                    # the tree narrows a negation word's scope to its own verb; lexical negations
                    # ("removed", "shut down") have no negation arc, so they stand
                    cues = item.cues_in(clause[0], clause[1], "NEGATION")
                    syntactic = all(c.end - c.start == 1 and tokens.lower[c.start] in syntax.NEGATORS for c in cues)
                    if syntactic and syntax.negated(item.doc, mention, pseudo) is False:
                        polarity = "asserted"
                if "NEGATION" in inherited and "NEGATION" not in labels - inherited:
                    polarity = "negated"
                if item.block.excluded and sentence.start == 0:
                    polarity = "negated"  # a pricing card's entry struck through or greyed out: the plan lacks it
                if "NEGATION" in trailing:
                    polarity = "negated"  # "Chromebooks (not supported)", "Linux: not available"
                if mention.id in self.platforms and _elsewhere_instead(tokens.lower, mention, sentence, first):
                    polarity = "negated"
                if first_of_item and "NEGATION" in echoes.get(mention.id, ()) and "FUTURE" not in echoes[mention.id]:
                    # "**HIPAA.** Acme is not HIPAA compliant": the title too (but "... not yet" promises)
                    polarity = "negated"
                modality = _modality(labels)
                if modality == "present" and (_brought_back(tokens.lower, mention, clause) or _awaited(tokens.lower, mention)):
                    modality = "future"  # "we're bringing eBay back", "right after the Windows app ships"
                if modality == "future" and any("yet" in tokens.span_text(c.start, c.end).lower()
                                                for c in item.cues_in(clause[0], clause[1], "FUTURE")):
                    polarity = "asserted"  # "not available yet" promises it
                elif modality == "present" and polarity == "negated" and _yet_at_end(tokens, clause, mention):
                    modality, polarity = "future", "asserted"  # "We don't back up Chromebooks yet"
                plans = self.plans_for(item, mention, clause, ranges, sentence) or context.plans
                qualifiers = self.qualifiers(item, mention, clause, labels, sentence)
                if any(clause[0] <= i < clause[1] for i in past) and not any(
                        c.label == "VERB" and c.start not in past for c in item.cues_from(clause[0], clause[1])):
                    qualifiers += ("past",)  # "Thumbtack closed its partner API": history, not today
                platforms = tuple(dict.fromkeys(
                    m.id for m in item.mentions_from(clause[0], clause[1])
                    if m.label == "CAPABILITY" and m.id in self.platforms
                ))
                if polarity == "negated" and _your_plan(tokens.lower, clause):
                    qualifiers += ("your-plan",)  # "Your plan does not include audit logs": some plans do
                if "deprecation-notice" in qualifiers or (polarity == "negated" and not plans and _removed(
                        tokens, item.cues_in(clause[0], clause[1], "NEGATION"))):
                    # "Time tracking has been removed. ... Export your timesheets before October 1."
                    deprecated_here.add(mention.id)
                elif mention.id in deprecated_here:
                    # "The eBay integration is deprecated ... Export your eBay orders first": the rest
                    # of the block is part of the notice
                    qualifiers += ("deprecation-notice",)
                claims.append(self.make_claim(document, item, mention, "capability", sentence_text, subject,
                                              polarity, modality, plans, platforms, qualifiers, clause))
            _share_beta(claims, first_claim)
        return claims

    def _echoes(self, item: Parsed, title: Sentence, targets: list[Mention]) -> dict[str, set[str]]:
        """For each capability an entry's title names, the modality, beta and negation cues of
        the clauses after the title that name it again, on our product's side."""
        found: dict[str, set[str]] = {}
        names = {m.id for m in targets if m.label == "CAPABILITY"}
        for sentence in item.sentences():
            if sentence.start < title.end:
                continue
            ranges = item.clauses(sentence)
            for mention in item.mentions_from(sentence.start, sentence.end):
                if mention.id not in names:
                    continue
                clause = clause_of(ranges, mention.start)
                if self.subject(item, mention, clause, ranges) != "product":
                    continue
                found.setdefault(mention.id, set()).update(item.labels(*clause) & _ECHOED_LABELS)
        return found

    @staticmethod
    def _answer(item: Parsed, question: Sentence) -> Sentence | None:
        """ "Prefer a desktop app? We're building one.", "On Plus? It's still available.": a short
        question answered at once by a sentence that refers back to it ("it", "one", "that"). A
        real question ("What happened to whiteboards?", "Can I ...?") is the reader's, as in an FAQ."""
        if question.end - question.start > _SHORT_QUESTION:
            return None
        tokens = item.tokens()
        lower = tokens.lower
        first = _first_word(tokens, question.start)
        if first >= question.end or lower[first] in _QUESTION_WORDS:
            return None
        sentences = item.sentences()
        index = next((i for i, s in enumerate(sentences) if s.start == question.start), len(sentences))
        if index + 1 >= len(sentences):
            return None
        answer = sentences[index + 1]
        if not any(lower[i] in _BACK_REFERENCES for i in range(answer.start, min(answer.start + 6, answer.end))):
            return None
        return answer

    def _answered(self, document: Document, item: Parsed, mention: Mention, question_text: str,
                  answer: Sentence) -> Claim | None:
        """The claim a question's mention makes through the answer that follows it: what the
        answer's first clause says (negation, future, beta, plans) is said of the mention."""
        if any(m.id == mention.id for m in item.mentions_from(answer.start, answer.end)):
            return None  # "Prefer Android? The Android app is in beta": the answer makes its own claim
        clause = item.clauses(answer)[0]
        labels = item.labels(*clause)
        text = f"{question_text} {answer.text.strip()}"
        if mention.label == "PLAN":
            return self.plan_claim(document, item, mention, text, "product", labels)
        polarity: Polarity = "negated" if "NEGATION" in labels and "PSEUDO_NEGATION" not in labels else "asserted"
        modality = _modality(labels)
        platforms = tuple(dict.fromkeys(m.id for m in item.mentions_from(*clause) if m.id in self.platforms))
        return self.make_claim(document, item, mention, "capability", text, "product", polarity, modality,
                               self.plans_in(item, *clause), platforms, self.qualifiers(item, mention, clause, labels, answer))

    def _label_clause(self, item: Parsed, ranges: list[tuple[int, int]], words: list[str]) -> tuple[set[str], int] | None:
        """A short lead such as "Coming soon:" or "Not included —" applies to the rest of the sentence."""
        if len(ranges) < 2:
            return None
        start, end = ranges[0]
        if end - start > 5 or words[end] not in (":", "—", "–", "-"):
            return None
        if any(m.label in ("CAPABILITY", "LIMIT") for m in item.mentions_from(start, end)):
            return None
        if any(word.lower() in ("you", "your", "you're", "i") for word in words[start:end]):
            return None  # "You won't need a spreadsheet: ..." is a sentence, not a label
        labels = item.labels(start, end) & _LEAD_LABELS
        return (labels, end) if labels else None

    def _trailing_label(self, item: Parsed, mention: Mention, clause: tuple[int, int],
                        ranges: list[tuple[int, int]], words: list[str]) -> set[str]:
        """ "Time tracking — coming this summer", "Android (beta)", "Paid subscriptions (add-on,
        $15/mo)", "Chromebooks (not supported)": a short tail after a dash, bracket or colon that
        opens with a modality, add-on or negation cue qualifies the name before it."""
        following = _next_clause(ranges, clause)
        if following is None:
            return set()
        start, end = following
        if words[start] not in ("—", "–", "-", "(", ":") or any(
                m.label in ("CAPABILITY", "LIMIT") for m in item.mentions_from(start, end)):
            return set()
        first = _first_word(item.tokens(), start)
        words_after = [i for i in range(first, end) if words[i] not in _TAIL_CLOSERS]
        # a negation qualifies the name only as the whole tail ("(not supported)", "— unavailable");
        # a longer one says something else ("— no setup fees on any plan")
        allowed = _TAIL_LABELS | {"NEGATION"} if len(words_after) <= 2 else _TAIL_LABELS
        # the cue opens the tail, or takes its bracket in ("(Q3": a target quarter)
        labels = {cue.label for cue in item.cues_from(start, first + 1) if cue.label in allowed}
        if len(words_after) <= _SHORT_TAIL:
            # "On-premises edition (pilot in Q4)", "(GA in March)": a short tail that gives a date
            labels |= {cue.label for cue in item.cues_from(first, end) if cue.label == "FUTURE"}
        return labels

    def _referred_labels(self, item: Parsed, clause: tuple[int, int], ranges: list[tuple[int, int]]) -> set[str]:
        """ "Zapier still works for existing automations, but it's deprecated", "SSO works with
        Okta, and it's in beta": the next clause says of "it" that it is on its way out or in beta."""
        following = _next_clause(ranges, clause)
        if following is None:
            return set()
        start, end = following
        lower = item.tokens().lower
        first = start
        while first < end and (lower[first] in _CONNECTIVES or not lower[first].isalpha()):
            first += 1
        if first >= end or lower[first] not in ("it", "they", "that", "this") or any(
                m.label in ("CAPABILITY", "LIMIT") for m in item.mentions_from(start, end)):
            return set()
        return {cue.label for cue in item.cues_from(first, end) if cue.label in ("DEPRECATION", "BETA")}

    def _vocative(self, item: Parsed, mention: Mention, ranges: list[tuple[int, int]], words: list[str]) -> bool:
        """ "Android folks: the Android app is in beta", "Lightspeed users: ...": a short lead
        addressing the users of a capability (named again later, or called users, customers...)
        is not a claim of its own."""
        start, end = ranges[0]
        if len(ranges) < 2 or not start <= mention.start < end or end - start > 4 or words[end] not in (":", "—", "–"):
            return False
        if words[end - 1].lower() in _PEOPLE and mention.id in self.integrations:
            return True  # "Lightspeed Restaurant users: a native sync is on our roadmap": a third party's users
        return any(m.id == mention.id and m.start >= end for m in item.mentions)

    def _opening_not_a_claim(self, item: Parsed, sentence: Sentence, first: int, howto: bool = False,
                             titled: bool = False) -> bool:
        """A sentence that opens as a condition, purpose or step ("If ...", "Step 2: ..."), or that
        says what the page itself covers ("This guide walks you through ..."), claims nothing with
        any mention in it; ``first`` is its first word; ``howto``: the section is instructions;
        ``titled``: the list item opens with a name ("1. **Shared vaults.** Create up to 25 ..."),
        so it is a numbered feature, whose imperative verbs are not steps."""
        if any(cue.label in self.clause_start for cue in item.cues_from(sentence.start, first + 1)):
            return True
        steps = item.block.ordered and not titled
        if steps and any(cue.label == "STEP" for cue in item.cues_from(first, first + 1)):
            return True
        if _ABOUT_THE_PAGE.match(sentence.text):
            return True
        return self._placed_instruction(item, sentence, first, howto or steps)

    def _placed_instruction(self, item: Parsed, sentence: Sentence, first: int, steps: bool) -> bool:
        """ "On the iOS app, tap Charge", "In the web admin, go to Settings": a place in the app,
        a comma, then an instruction. A bare imperative verb ("review", "share") counts only in
        numbered steps or an instructions section (``steps``), since feature copy uses them too."""
        tokens = item.tokens()
        if first >= sentence.end or tokens.lower[first] not in _PLACE_PREPOSITIONS:
            return False
        comma = next((i for i in range(first + 1, min(first + _PLACE_WORDS + 1, sentence.end)) if tokens.text[i] == ","), None)
        if comma is None:
            return False
        verb = _first_word(tokens, comma + 1)
        labels = item.labels(verb, verb + 1)
        return "HOWTO" in labels or (steps and "STEP" in labels)

    def _not_a_claim(self, item: Parsed, mention: Mention, clause: tuple[int, int], sentence: Sentence, first: int) -> bool:
        """Hypotheticals, how-to steps and link labels mention a capability without claiming it
        (``first`` is the sentence's first word)."""
        tokens = item.tokens()
        for cue in item.cues_from(sentence.start, mention.start):
            if cue.label == "HYPOTHETICAL" and not any(
                tokens.text[i] in (",", ";", ":", "—", "–", ".") for i in range(cue.end, mention.start)
            ):
                return True  # "If you ever outgrow us and need an on-prem ledger, ..."
        clause_first = _first_word(tokens, clause[0])
        if any(cue.label in self.clause_start for cue in item.cues_from(clause[0], min(clause[1], clause_first + 1))):
            return True
        if clause_first + 1 < mention.start and tokens.lower[clause_first] == "do" and tokens.lower[clause_first + 1] in ("not", "n't"):
            return True  # "Do not submit a private feed to Apple Podcasts": an instruction, not a denial
        before = tokens.text[mention.start - 1] if mention.start > 0 else ""
        after = tokens.text[mention.end] if mention.end < len(tokens.text) else ""
        if before in _PATH_ARROWS or after in _PATH_ARROWS:
            return True  # "Settings → Integrations → Mailchimp": a place in the app, not a claim
        if first < len(tokens.lower) and tokens.lower[first] == "to" and first < mention.start and not any(
                tokens.text[i] in (",", ";", ":", "—", ".") for i in range(first, mention.start)):
            return True  # "To request a BAA, email ...": a purpose, then an instruction
        return self._in_link_label(item, mention, sentence)

    @staticmethod
    def _opening_place(item: Parsed, mention: Mention, clause: tuple[int, int], cue: Cue) -> bool:
        """ "On macOS, Mossgrid can't see your Mail library": a place the clause opens with, set
        off by a comma, and a subject after it that is denied one action on an object. The
        product runs there; not "On Linux, we don't have an app" or "On Linux, Mossgrid doesn't
        run"."""
        lower = item.tokens().lower
        before = mention.start - 1
        while before > clause[0] and lower[before] in ("the", "your", "our"):
            before -= 1
        if not (0 <= before <= clause[0] + 1 and lower[before] in ("on", "in")
                and mention.end + 1 < len(lower) and lower[mention.end] == ","):
            return False
        subject = next((m for m in item.mentions if m.start == mention.end + 1 and m.label == "PRODUCT"), None)
        if subject is None:
            return False
        return _denies_an_action(item.tokens(), cue, subject) and lower[cue.end] not in _OUTRIGHT_DENIAL_VERBS

    def _attached(self, item: Parsed, mention: Mention, clause: tuple[int, int]) -> bool:
        """ "AI insights are coming to every dashboard": a capability after a preposition, with
        another capability earlier in the clause, is where the claim applies, not a claim. An
        integration there is still one ("OIDC federation to AWS", "stream audit logs to Datadog")."""
        if mention.id in self.integrations or not any(m.label == "CAPABILITY" for m in item.mentions_from(clause[0], mention.start)):
            return False
        index = mention.start - 1
        lower = item.tokens().lower
        while index >= clause[0] and lower[index] in _DETERMINERS:
            index -= 1
        return index >= clause[0] and lower[index] in _PREPOSITIONS

    def _third_party_thing(self, item: Parsed, mention: Mention, clause: tuple[int, int]) -> bool:
        """A mention that belongs to a third party: an integration named as the owner of something
        else ("PayPal's own fee", "Stripe fees", "fees from Stripe or PayPal"), a relative clause
        about an integration or competitor ("Stripe, which is certified PCI DSS"), and "its" or
        "their" after one ("when eBay changed its listing API"). None of them is a claim."""
        lower = item.tokens().lower
        if mention.id in self.integrations:
            after = lower[mention.end] if mention.end < len(lower) else ""
            if after in ("'s", "’s", "'", "’") or after in _CHARGE_NOUNS:
                return True
            index = mention.start - 1
            others = {i for m in item.mentions if m.id in self.integrations for i in range(m.start, m.end)}
            # a list of names may span clauses ("fees from Stripe or PayPal are charged by them")
            while index >= 0 and (lower[index] in ("or", "and", ",", "the", "their", "its") or index in others):
                index -= 1
            if index > 0 and lower[index] in ("from", "by", "of") and lower[index - 1] in _CHARGE_NOUNS:
                return True
        # "processed by Stripe, which is certified PCI DSS Level 1": a relative clause about a third party
        first = _first_word(item.tokens(), clause[0])
        if first < mention.start and lower[first] in ("which", "who", "whose"):
            before = clause[0] - 1
            while before >= 0 and lower[before] in (",", "(", "—", "–"):
                before -= 1
            if any(m.end == before + 1 and (m.label == "COMPETITOR" or m.id in self.integrations)
                   for m in item.mentions_from(max(before - 6, 0), before + 1)):
                return True
        # "OpenID Connect for providers that don't speak SAML", "teams who don't use SSO yet": what
        # other people or companies lack, not what the product lacks
        if (first < mention.start and lower[first] in _RELATIVES and 0 < clause[0] and lower[clause[0] - 1] in _OTHERS_PLURAL
                and item.cues_in(clause[0], mention.start, "NEGATION")):
            return True
        # "eBay changed its listing API": "its" or "their" after an integration or competitor
        for back in range(mention.start - 1, max(clause[0], mention.start - 3) - 1, -1):
            if lower[back] in ("its", "their"):
                return any(m.label == "COMPETITOR" or m.id in self.integrations
                           for m in item.mentions_from(clause[0], back) if m is not mention)
        return False

    def _in_link_label(self, item: Parsed, mention: Mention, sentence: Sentence) -> bool:
        """A mention inside a link that is most of its sentence, or in a run of links (a menu)."""
        start = mention.start_char + item.offset
        end = mention.end_char + item.offset
        links = item.block.links
        if not any(link_start <= start and end <= link_end for link_start, link_end in links):
            return False
        first = sentence.start_char + item.offset
        last = sentence.end_char + item.offset
        text = item.block.text
        linked, reach = 0, first  # non-space characters under a link; links may overlap
        for link_start, link_end in sorted((max(a, first), min(b, last)) for a, b in links if a < last and b > first):
            link_start = max(link_start, reach)
            if link_end > link_start:
                linked += link_end - link_start - sum(map(str.isspace, text[link_start:link_end]))
                reach = link_end
        words = sum(map(str.isalnum, text[first:last]))
        return linked >= 0.6 * max(words, 1)

    def subject(self, item: Parsed, mention: Mention, clause: tuple[int, int], ranges: list[tuple[int, int]],
                default: Subject = "product") -> Subject:
        """The product, a competitor, or (with no one named) ``default``: whom the section is about."""
        contrasts = [cue for cue in item.cues_from(ranges[0][0], ranges[-1][1]) if cue.label == "CONTRAST"]

        def contrasted(start: int, clause_start: int) -> bool:
            return any(clause_start <= cue.start < start and start - cue.end <= 3 for cue in contrasts)

        candidates = item.subject_candidates()
        if not candidates:
            return default

        def pick(start: int, end: int) -> Subject | None:
            inside = [(pos, who) for pos, who in candidates if start <= pos < end and not contrasted(pos, start)]
            if not inside:
                return None
            before = [c for c in inside if c[0] < mention.start]
            chosen = max(before) if before else min(inside)
            return chosen[1]

        found = pick(*clause)
        if found is not None:
            return found
        sentence_start = ranges[0][0]
        earlier = [(pos, who) for pos, who in candidates
                   if sentence_start <= pos < clause[0] and not contrasted(pos, clause_of(ranges, pos)[0])]
        if earlier:
            position, who = max(earlier)
            opens_contrast = any(cue.label == "CLAUSE_BREAK" for cue in item.cues_from(clause[0], clause[0] + 1))
            lower = item.tokens().lower
            # "Pirate Ship is great ..., but it has no automation rules": "it" is still the competitor
            refers_back = clause[0] + 1 < clause[1] and lower[clause[0] + 1] in ("it", "its", "they", "their")
            if who == "competitor" and opens_contrast and not refers_back:
                return "product"
            return who
        # "Shopify has a bigger app store. Its Basic plan starts at $39": "it" is whoever the
        # sentence before was about
        tokens = item.tokens()
        first = _first_word(tokens, sentence_start)
        if first < len(tokens.lower) and tokens.lower[first] in ("its", "it"):
            before = [(pos, who) for pos, who in candidates if pos < sentence_start]
            if before:
                return max(before)[1]
        return default

    def polarity(self, item: Parsed, mention: Mention, clause: tuple[int, int], lead: tuple[set[str], int] | None) -> Polarity:
        if lead is not None and "NEGATION" in lead[0] and mention.start >= lead[1]:
            return "negated"
        targets_after = [m for m in item.mentions_from(clause[0], clause[1]) if m.label in ("CAPABILITY", "LIMIT")]
        lower = item.tokens().lower
        for cue in item.cues_in(clause[0], clause[1], "NEGATION"):
            if cue.start < mention.start:
                if _chore_gone(lower, cue, mention) or _denies_an_ending(lower, cue):
                    continue
                if cue.end < mention.start and lower[cue.end] == "from" and lower[cue.end - 1] in _TAKEN_OUT:
                    continue  # "the account is paused and removed from rate shopping"
                return "negated"
            # "SSO is not available": a predicate negation after the mention, with nothing else
            # it could deny; "no", "without" and "lacks" only ever deny what follows them
            if cue.end - cue.start == 1 and lower[cue.start] in _PRE_ONLY_NEGATIONS:
                continue
            if _denies_an_ending(lower, cue):
                continue  # "Funnels no longer time out", "sync never crashes": a fix, not a denial
            if self._opening_place(item, mention, clause, cue):
                continue  # "On macOS, Mossgrid can't see your Mail library until ...": it runs there
            if mention.id not in self.platforms and _denies_an_action(item.tokens(), cue, mention):
                # "Flaky test detection no longer quarantines tests ...": it still detects them (but
                # "ChromeOS doesn't let apps ..." is about the platform, which the product lacks)
                continue
            # "... request your vault if you can't get to it", "... so you never see that error":
            # a negation in a clause of condition or consequence; "runs continuously, not once a
            # month": a correction of a detail
            if any(lower[i] in _SUBORDINATORS for i in range(mention.end, cue.start)) or (
                    cue.start > mention.end and lower[cue.start] == "not" and lower[cue.start - 1] == ","):
                continue
            # "The Xamarin SDK was removed ... after Microsoft ended support for Xamarin": a later
            # mention of the same capability leaves the negation with this one too
            if not any(m.start > cue.start and m.id != mention.id for m in targets_after):
                return "negated"
        return "asserted"

    # -- plans --

    def plans_in(self, item: Parsed, start: int, end: int) -> list[str]:
        """The plans a stretch of tokens ties things to: named plans, ranges, "every plan"."""
        # each mention in a clause asks about the same stretches (a Parsed is read by one reader)
        known = item.plans_memo.get((start, end))
        if known is None:
            known = item.plans_memo[(start, end)] = self._plans_in(item, start, end)
        return list(known)

    def _plans_in(self, item: Parsed, start: int, end: int) -> list[str]:
        labels: set[str] = set()
        excepts: list[Cue] = []
        upward: list[Cue] = []
        beside: list[Cue] = []  # "above" and "Everything in": a plan named relative to another
        for cue in item.cues_from(start, end):
            labels.add(cue.label)
            if cue.label == "PLAN_EXCEPT":
                excepts.append(cue)
            elif cue.label in ("PLAN_ABOVE", "PLAN_BASE"):
                beside.append(cue)
            elif cue.label in ("PLAN_UPWARD", "UPGRADE"):
                if cue.label == "PLAN_UPWARD" and _up_to(item.tokens(), cue):
                    continue  # "25 users on Essentials and up to 150 on Pro": a number's "up to"
                upward.append(cue)
        plans: list[str] = []
        excluded: set[str] = set()
        placed = _placed_between(item, start, end)
        for mention in item.mentions_from(start, end):
            if mention.label != "PLAN" or mention.start in placed:
                continue
            if any(cue.end <= mention.start and mention.start - cue.end <= 2 for cue in excepts):
                excluded.add(mention.id)
                continue
            plan = self.manifest.plan(mention.id)
            if plan is None:
                continue
            before = next((cue for cue in beside if 0 <= mention.start - cue.end <= 1), None)
            if before is not None:
                # "every plan above Starter": the plans from Starter up, less Starter; "Everything in
                # Free, plus:" names Free as the base of the plan the line is about, not that plan
                if before.label == "PLAN_ABOVE":
                    plans.extend(sorted((p for p in self.manifest.plans_from(plan.id) if p != plan.id), key=self._rank))
                continue
            ranged = any(
                (0 <= cue.start - mention.end <= 1) or (0 <= mention.start - cue.end <= 2 and cue.label == "PLAN_UPWARD")
                or (cue.label == "UPGRADE" and 0 <= mention.start - cue.end <= 3)
                for cue in upward
            )
            plans.extend(sorted(self.manifest.plans_from(plan.id), key=self._rank) if ranged else [plan.id])
        if not plans and ("PLAN_ALL" in labels or self._every_product_plan(item, start, end)):
            plans = list(self.current_plans)
        elif "PLAN_PAID" in labels and not plans:
            plans = list(self.paid_plans)
        if excluded:
            base = plans or list(self.current_plans)
            plans = [plan for plan in base if plan not in excluded]
        return list(dict.fromkeys(plans))

    @staticmethod
    def _every_product_plan(item: Parsed, start: int, end: int) -> bool:
        """ "every Acme plan", "all Acme tiers": the product's name between quantifier and noun."""
        lower = item.tokens().lower
        for mention in item.mentions_from(start + 1, end):
            if mention.label == "PRODUCT" and mention.end < min(end, len(lower)):
                if lower[mention.start - 1] in ("every", "all", "each", "any") and lower[mention.end] in PLAN_NOUNS:
                    return True
        return False

    def _rank(self, plan_id: str) -> int:
        plan = self.manifest.plan(plan_id)
        return plan.rank if plan else 0

    def plans_for(self, item: Parsed, mention: Mention, clause: tuple[int, int], ranges: list[tuple[int, int]], sentence: Sentence) -> tuple[str, ...]:
        # In a list of capabilities each takes the plans next to it ("audit logs on Business,
        # and EU residency for Enterprise"); one without its own shares those of what follows it
        # ("SSO and SCIM on Enterprise"), or the clause's.
        named = [m for m in item.mentions_from(clause[0], clause[1]) if m.label in ("CAPABILITY", "LIMIT")]
        if len(named) > 1 and mention in named:
            index = named.index(mention)
            bounds = [clause[0]] + [m.start for m in named[1:]] + [clause[1]]
            for segment in range(index, len(named)):
                plans = self.plans_in(item, bounds[segment], bounds[segment + 1])
                if plans:
                    return tuple(plans)
        plans = self.plans_in(item, *clause)
        if plans:
            return tuple(plans)
        # "If you're on Essentials, you can restore versions, but you can't roll back": a short
        # opening condition or setting that names a plan scopes every clause of the sentence
        opening = ranges[0]
        tokens = item.tokens()
        if opening != clause and opening[1] - opening[0] <= _SETTING_TOKENS \
                and tokens.lower[_first_word(tokens, opening[0])] in _SETTING_OPENERS \
                and not any(m.label in ("CAPABILITY", "LIMIT") for m in item.mentions_from(*opening)):
            plans = self.plans_in(item, *opening)
            if plans:
                return tuple(plans)
        if any(cue.label == "UPGRADE" and tokens.lower[cue.start].startswith("upgrad")
               for cue in item.cues_from(clause[0], clause[1])):
            return ()  # "Start on the Free plan, upgrade when your team needs SSO": not the plan you start on
        # "On the Team plan, you get SSO", "SSO is there too, on the Team plan": a plan in a clause
        # that names no capability of its own, with no other capability between it and this one
        # ("X is included on Enterprise and sold as an add-on on Scale; Y ...": Scale is X's)
        for other in ranges:
            if other == clause:
                continue
            between = (other[1], clause[0]) if other[0] < clause[0] else (clause[1], other[0])
            if any(m.label in ("CAPABILITY", "LIMIT") for m in item.mentions_from(*between)) or (
                    other[0] < clause[0] and any(m.label in ("CAPABILITY", "LIMIT") and m is not mention
                                                 for m in item.mentions_from(ranges[0][0], other[0]))):
                continue
            if any(m.label in ("CAPABILITY", "LIMIT") for m in item.mentions_from(other[0], other[1])):
                continue
            plans = self.plans_in(item, *other)
            if plans:
                return tuple(plans)
        return ()

    def qualifiers(self, item: Parsed, mention: Mention, clause: tuple[int, int], labels: set[str],
                   sentence: Sentence) -> tuple[str, ...]:
        found: list[str] = []
        # "(beta)" right after the name sits in its own clause; it still qualifies the name
        beside = any(cue.label == "BETA" and (0 <= cue.start - mention.end <= 3 or 0 <= mention.start - cue.end <= 2)
                     for cue in item.cues)
        if "BETA" in labels or beside:
            found.append("beta")
        if "DEPRECATION" in labels:
            found.append("deprecation-notice")
        tokens = item.tokens()
        first = _first_word(tokens, clause[0])
        if "ADDON" in labels or (first < len(item.doc) and tokens.lower[first] in ("add", "buy", "purchase")) or (
                _bought_for_a_price(tokens, mention, clause)) or self._addon_named_later(item, mention, clause, sentence) \
                or _addon_on_a_plan(item, mention, sentence):
            found.append("addon")
        if "INCLUDED" in labels:
            found.append("included")
        if "PLAN_ONLY" in labels:
            found.append("only")
        return tuple(found)

    @staticmethod
    def _addon_named_later(item: Parsed, mention: Mention, clause: tuple[int, int], sentence: Sentence) -> bool:
        """ "Advanced shipping rates now include Canada Post, and the add-on on Grow drops to $20":
        "the add-on" later in the sentence, with no other capability named in between, is this one."""
        lower = item.tokens().lower
        for cue in item.cues_in(clause[1], sentence.end, "ADDON"):
            if cue.start > 0 and lower[cue.start - 1] in ("the", "this", "that", "its"):
                return not any(m.label == "CAPABILITY" for m in item.mentions_from(mention.end, cue.start))
        return False

    def limit_claim(self, document: Document, item: Parsed, mention: Mention, clause: tuple[int, int],
                    ranges: list[tuple[int, int]], sentence: Sentence, sentence_text: str, subject: Subject,
                    labels: set[str], context: Context) -> Claim | None:
        """A number bound to the limit named next to it ("up to 10,000 users", "uptime of 99.99%")."""
        limit = self.manifest.limits.get(mention.id)
        if limit is None or self.polarity(item, mention, clause, None) == "negated":
            return None
        others = [m.start for m in item.mentions if m.label == "LIMIT" and m is not mention]
        counted = {m.start for m in item.mentions if m.label == "LIMIT" and m.id != mention.id}
        best: tuple[int, Found, int] | None = None
        # "15 upload hours": the alias names the unit, so a bare number before it is in that unit
        named_unit = next((word for word in mention.text.lower().split()
                           if is_measure_unit(word) and unit_for(word).dimension == limit.unit.dimension), None)
        # a measure ("3 business days", "50 GB") fits few limits, so it may sit further from the
        # name than a bare count, which could count anything in between
        reach = _COUNT_REACH if limit.unit.dimension == "count" else _MEASURE_REACH
        # "Data retention: 5 years", "Team members – 40": a name set as a label takes the value
        # after its colon or dash, which opens the next clause
        within = clause
        mark = self._labels_value(item, mention, clause, ranges)
        if mark is not None:
            within = (clause[0], next(b for a, b in ranges if a == mark))
        for found, start, end in item.quantities():
            if named_unit and found.unit == "" and end == mention.start and not math.isinf(found.value):
                found = replace(found, unit=named_unit)
            if not within[0] <= start < within[1] or not compatible(found, limit.unit.name, limit.unit.dimension):
                continue
            if _counts_another_noun(item.tokens(), found, end, mention) or (end in counted and not math.isinf(found.value)):
                continue  # "servers in 68 countries": 68 counts the countries, another limit
            distance = start - mention.end if start >= mention.end else mention.start - end
            if distance > reach or (any(min(start, mention.start) < other < max(end, mention.end) for other in others)
                                    and not _unlimited_list(item, found, end, mention)):
                continue
            if best is None or max(distance, 0) < best[0]:
                best = (max(distance, 0), found, start)
        if best is None:
            return None
        found = best[1]
        if _PLACES.intersection(mention.text.lower().split()) and _where_people_are(item.tokens().lower, best[2]):
            return None  # "used by 2 million people in over 150 countries": where the customers are
        if found.op not in ("<=", "<") and _usage_count(item.tokens(), mention) and not any(
                m.label == "PLAN" for m in item.mentions_from(clause[0], clause[1])):
            return None  # "12,000+ shows hosted", unlike "up to 50 sites monitored" or "5 on Pro"
        quantity = Quantity(convert(found, limit.unit.name, limit.unit.dimension), limit.unit.name, found.op, found.text)
        modality = _modality(labels)
        # "Free includes 1 user, Core 5 and Grow up to 50": each number belongs to the plan before it
        start = best[2]
        tokens = item.tokens()
        # ... but not across a comma: "One on Free, up to 25 users on Essentials" gives Essentials 25
        adjacent = [m for m in item.mentions if m.label == "PLAN" and 0 <= start - m.end <= 2 and clause[0] <= m.start
                    and not any(tokens.punct[i] for i in range(m.end, start))]
        plans = _listed_with(item, adjacent[-1]) if adjacent else (self._plans_after(item, start, sentence, limit.unit)
                                                     or self.plans_for(item, mention, clause, ranges, sentence)
                                                     or context.plans)
        claim = self.make_claim(document, item, mention, "limit", sentence_text, subject, "asserted", modality, plans,
                                (), (), within, quantity)
        if within != clause:
            # a label and its value are a row of two cells ("<dt>Storage</dt><dd>2 hours</dd>"): as
            # in a table, the claim is placed at the value, which is what an editor changes
            line, column, end_line, end_column = position(document, item.block, item.offset + found.start,
                                                          item.offset + found.end)
            claim = replace(claim, line=line, column=column, end_line=end_line, end_column=end_column, mention=found.text)
        return claim

    @staticmethod
    def _labels_value(item: Parsed, mention: Mention, clause: tuple[int, int], ranges: list[tuple[int, int]]) -> int | None:
        """Where the colon or dash is when the name is a label whose value follows it: the name
        ends its clause, which holds at most one other word ("Max team members:"), and a clause
        follows; or a short qualifier set off by a comma comes between ("Network uptime, last 90
        days: 99.98%"). None when the name is no such label."""
        tokens = item.tokens()
        mark = mention.end
        if mark >= len(tokens.text) or sum(1 for i in range(clause[0], mention.start) if not tokens.punct[i]) > 1:
            return None
        if tokens.text[mark] == "," and clause[0] == 0:
            mark = next((i for i in range(mark + 1, min(len(tokens.text), mark + 2 + _QUALIFIER_WORDS))
                         if tokens.text[i] in _LABEL_MARKS), len(tokens.text))
        elif mark != clause[1]:
            return None
        if mark >= len(tokens.text) or tokens.text[mark] not in _LABEL_MARKS or not any(a == mark for a, _ in ranges):
            return None
        return mark

    def _plans_after(self, item: Parsed, start: int, sentence: Sentence, unit: Unit) -> tuple[str, ...]:
        """ "Up to 600 requests per minute on Enterprise, 300 on Professional and 120 on Growth":
        in a sentence that gives several numbers for a limit, each belongs to the plans named after
        it, up to the next one ("a minute" in between is not one of them)."""
        starts = sorted(first for found, first, _ in item.quantities()
                        if sentence.start <= first < sentence.end and compatible(found, unit.name, unit.dimension))
        if len(starts) < 2:
            return ()
        # "Enterprise contracts include a 99.95% SLA, and Business includes 99.9%": a plan that
        # holds the number ("includes", "gets") stands before it, after the previous number
        previous = max((other for other in starts if other < start), default=sentence.start)
        lower = item.tokens().lower
        holders = [m for m in item.mentions_from(previous, start)
                   if m.label == "PLAN" and any(lower[i] in _HOLDING_VERBS for i in range(max(m.end, start - _HOLD_REACH), start))]
        if holders:
            return _listed_with(item, holders[-1])
        following = next((other for other in starts if other > start), sentence.end)
        return tuple(self.plans_in(item, start, following))  # "every plan above Starter" is read whole

    def unknown_claims(self, document: Document, item: Parsed, sentence: Sentence) -> list[Claim]:
        """Capabilities the product claims that the manifest does not list (trained pipelines only)."""
        found = []
        for span in syntax.unknown_capabilities(item.doc, item.mentions, item.doc[sentence.start:sentence.end]):
            mention = Mention("UNKNOWN", "", span.start, span.end, span.start_char, span.end_char, span.text)
            claim = self.make_claim(document, item, mention, "unknown", sentence.text.strip(), "product", "asserted",
                                    "present", (), ())
            found.append(claim)
        return found

    def plan_claim(self, document: Document, item: Parsed, mention: Mention, sentence: str, subject: Subject,
                   labels: set[str]) -> Claim | None:
        """A plan named as if it were sold; only retired plans make such mentions a claim worth checking."""
        plan = self.manifest.plan(mention.id)
        if plan is None or not plan.retired or subject == "competitor":
            return None
        if labels & {"NEGATION", "PAST", "HYPOTHETICAL"}:
            return None
        return self.make_claim(document, item, mention, "plan", sentence, subject, "asserted", "present", (plan.id,), ())

    # -- records --

    def make_claim(
        self,
        document: Document,
        item: Parsed,
        mention: Mention,
        kind: ClaimKind,
        sentence: str,
        subject: Subject,
        polarity: Polarity,
        modality: Modality,
        plans: Sequence[str],
        platforms: Sequence[str],
        qualifiers: Sequence[str] = (),
        clause: tuple[int, int] | None = None,
        quantity: Quantity | None = None,
    ) -> Claim:
        identifier: str | None = mention.id
        if kind == "phrase":
            identifier = self.manifest.forbidden_phrases[int(mention.id)].text
        elif kind == "unknown":
            identifier = None
        text = mention.text
        if clause is not None:
            text = item.tokens().span_text(clause[0], clause[1]).strip(" ,;:—–-")
        line, column, end_line, end_column = position(document, item.block, item.offset + mention.start_char,
                                                      item.offset + mention.end_char)
        return Claim(
            kind=kind,
            capability=identifier,
            subject=subject,
            polarity=polarity,
            modality=modality,
            plans=tuple(plans),
            platforms=tuple(platforms),
            quantity=quantity,
            text=text,
            sentence=sentence,
            mention=mention.text,
            path=document.source,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            qualifiers=tuple(qualifiers),
            block=item.block.kind,
        )


def _unlimited_list(item: Parsed, found: Found, end: int, mention: Mention) -> bool:
    """"Unlimited storage and seats", "unlimited videos, viewers & bandwidth": "unlimited" before a
    list of limits holds for each of them."""
    if not math.isinf(found.value) or end > mention.start:
        return False
    lower = item.tokens().lower
    named = {i for m in item.mentions_from(end, mention.start) if m.label == "LIMIT" for i in range(m.start, m.end)}
    return all(i in named or lower[i] in (",", "and", "&", "or") for i in range(end, mention.start))


def _counts_another_noun(tokens: Tokens, found: Found, end: int, mention: Mention) -> bool:
    """Whether a number written as a word counts the noun right after it, not the limit:
    "Subtitle languages, one click each", "all in one place" (but "two extra seats" counts seats)."""
    if found.unit or math.isinf(found.value) or not found.text.split()[-1].isalpha():
        return False
    return end < len(tokens.text) and not 0 <= mention.start - end <= 2 and tokens.alpha[end] and not tokens.stop[end]


def _addon_on_a_plan(item: Parsed, mention: Mention, sentence: Sentence) -> bool:
    """"Time tracking: a paid add-on on Pro and included on Business", "(Business, or as an add-on
    on Pro)": an add-on named right before a plan, in a stretch about this capability alone,
    sells it as an add-on on that plan."""
    for cue in item.cues_in(mention.end, sentence.end, "ADDON"):
        if any(m.label == "PLAN" and 0 <= m.start - cue.end <= 2 for m in item.mentions) and not any(
                m.label == "CAPABILITY" for m in item.mentions_from(mention.end, cue.start)):
            return True
    return False


def _placed_between(item: Parsed, start: int, end: int) -> set[int]:
    """Where plans named as landmarks start: "Starter sits between Free and Pro, with 5,000
    subscribers" places Starter, and the number is not Free's or Pro's."""
    lower = item.tokens().lower
    if "between" not in lower[start:end]:
        return set()
    plans = [m for m in item.mentions_from(start, end) if m.label == "PLAN"]
    placed: set[int] = set()
    for first, second in zip(plans, plans[1:]):
        before = first.start - 1
        if before > 0 and lower[before] == "the":
            before -= 1
        if before >= start and lower[before] == "between" and second.start - first.end <= 2 \
                and "and" in lower[first.end:second.start]:
            placed.update((first.start, second.start))
    return placed


def _removed(tokens: Tokens, negations: list[Cue]) -> bool:
    """Whether a clause's negation says something was taken away ("has been removed", "is gone",
    "shut down"), not merely that it is not there ("not", "no", "never")."""
    return any(not any(tokens.lower[i] in syntax.NEGATORS for i in range(cue.start, cue.end)) for cue in negations)


def _up_to(tokens: Tokens, cue: Cue) -> bool:
    """Whether a range cue ending in "up" ("and up", "or up") is the start of "up to" a number."""
    return tokens.lower[cue.end - 1] == "up" and cue.end < len(tokens.lower) and tokens.lower[cue.end] == "to"


def position(document: Document, block: Block, start: int, end: int) -> tuple[int, int, int, int]:
    """Lines and columns in the source file of block text ``start:end``."""
    line, column = document.line_col(block.offsets.start(start))
    end_line, end_column = document.line_col(block.offsets.end(end))
    return line, column, end_line, end_column


_IRREGULAR_PAST = frozenset({"was", "were", "had", "did", "grew", "went", "became", "came", "made", "took", "gave",
                             "got", "brought", "began", "built", "sold", "won", "ran", "shut", "kept", "left"})
_PARTICIPLE_ADJECTIVES = frozenset({"included", "based", "dedicated", "advanced", "automated", "unlimited", "detailed",
                                    "integrated", "customized", "customised", "personalized", "hosted", "managed",
                                    "supported", "required", "needed", "built", "limited", "advertised", "trusted",
                                    "loved", "featured", "used", "priced", "red", "bed", "need", "speed", "feed"})


# What a number of things "hosted", "served" or "sent" counts is usage across customers
# ("12,000+ shows hosted", "2M invoices sent", "the 600 shows that traded promos"), not what
# one account may have.
_USAGE_PARTICIPLES = frozenset({
    "hosted", "served", "sent", "processed", "delivered", "tracked", "monitored", "created", "published",
    "downloaded", "uploaded", "shipped", "sold", "handled", "answered", "resolved", "scheduled", "booked",
    "recorded", "analyzed", "analysed", "protected", "secured", "stored", "powered", "transcribed", "generated",
    "collected", "completed", "launched", "migrated", "imported", "exported", "synced", "filed", "paid",
    "issued", "signed", "checked", "scanned", "streamed", "played", "viewed", "visited", "saved", "blocked"})


_AUDIENCE = _PEOPLE | frozenset({"companies", "businesses", "organizations", "organisations", "clients", "students",
                                 "developers", "creators", "shoppers", "merchants", "brands", "subscribers",
                                 "listeners", "readers", "schools", "agencies", "employees", "professionals",
                                 "families", "households", "viewers", "learners"})
# people and companies other than the product's maker, as a relative clause's antecedent
_OTHERS_PLURAL = _AUDIENCE | frozenset({"providers", "vendors", "partners", "buyers", "sellers", "visitors", "guests"})
_ROUGHLY = frozenset({"over", "more", "than", "nearly", "almost", "about", "around", "some", "roughly", "+"})
_PLACES = frozenset({"country", "countries", "region", "regions", "city", "cities", "market", "markets", "territories",
                     "states", "locations"})


def _where_people_are(lower: list[str], start: int) -> bool:
    """Whether the number at ``start`` counts the places of a product's audience ("people in
    over 150 countries", "customers across 40 countries"), not the places the product serves."""
    i = start - 1
    while i >= 0 and lower[i] in _ROUGHLY:
        i -= 1
    if i < 1 or lower[i] not in ("in", "across", "from"):
        return False
    return lower[i - 1] in _AUDIENCE


def _usage_count(tokens: Tokens, mention: Mention) -> bool:
    """Whether the limit's noun is followed by what was done to or by the things counted."""
    lower, size = tokens.lower, len(tokens.lower)
    after = mention.end
    if after + 1 < size and lower[after] in _RELATIVES:
        # "the 600 shows that traded promos through it": something they did
        return lower[after + 1] in _USAGE_PARTICIPLES or (lower[after + 1].endswith("ed") and tokens.alpha[after + 1])
    return after < size and lower[after] in _USAGE_PARTICIPLES


_OBJECT_STARTS = frozenset({"the", "a", "an", "its", "our", "their", "his", "her", "this", "that", "these", "those",
                            "it", "them", "us", "my", "your", "into", "down", "off", "out"})


def past_forms(tokens: Tokens, start: int, end: int) -> set[int]:
    """Tokens that are past-tense verbs ("grew", "folded Starter into Pro", "closed its API"), from
    the lemma table: an irregular past, or an -ed form followed by an object. An -ed form before
    a preposition or noun is a participle describing something ("pinned to", "regulated teams")."""
    found = set()
    lower, size = tokens.lower, len(tokens.lower)
    for i in range(start, end):
        word = lower[i]
        if not tokens.alpha[i] or word in _PARTICIPLE_ADJECTIVES or not tokens.inflected[i]:
            continue
        if word in _IRREGULAR_PAST:
            found.add(i)
        elif word.endswith("ed") and i + 1 < size:
            if lower[i + 1] in _OBJECT_STARTS or (tokens.text[i + 1][:1].isupper() and tokens.alpha[i + 1]):
                found.add(i)
    return found


_BUY_VERBS = frozenset({"add", "adds", "buy", "buys", "purchase", "purchases", "bring", "brings"})
_CURRENCY = frozenset("$€£¥")


def _brought_back(lower: list[str], mention: Mention, clause: tuple[int, int]) -> bool:
    """ "We're bringing eBay back": a promise to restore what is gone."""
    return mention.end < len(lower) and lower[mention.end] == "back" and any(
        lower[i] in ("bring", "bringing") for i in range(clause[0], mention.start))


_AWAITING = frozenset({"after", "once", "until", "till", "before"})
_ARRIVING_VERBS = frozenset({"ships", "lands", "arrives", "debuts"})  # not "launches": apps launch at start-up
_ARRIVED_STATES = frozenset({"out", "released", "ready", "live", "launched", "shipped"})


def _awaited(lower: list[str], mention: Mention) -> bool:
    """ "Co-browsing comes right after the Windows app ships", "once the Linux app is out": the
    name is the subject of a time clause about its own arrival, so it is still to come."""
    before = mention.start - 1
    while before >= 0 and lower[before] in ("the", "our", "a", "an", "its", "new"):
        before -= 1
    if before < 0 or lower[before] not in _AWAITING:
        return False
    after = mention.end
    if after >= len(lower):
        return False
    if lower[after] in _ARRIVING_VERBS:
        return True
    return lower[after] in ("is", "goes", "comes") and after + 1 < len(lower) and lower[after + 1] in _ARRIVED_STATES


_WITH_REACH = 8  # how far before a promise its "with" may open the part it is about
_SET_OFF = frozenset({",", ";", "(", "-", "\u2013", "\u2014"})  # what sets off a "with" part


def _before_a_later_part(item: Parsed, mention: Mention, clause: tuple[int, int]) -> bool:
    """ "SAML SSO with Okta, with SCIM provisioning to follow in 2027", "Android, with iOS coming
    next month": each promise in the clause is about the part its own "with" sets off after the
    name; the name itself is here now."""
    lower = item.tokens().lower
    promises = item.cues_in(clause[0], clause[1], "FUTURE")
    if not promises:
        return False
    for cue in promises:
        opening = next((i for i in range(cue.start - 1, max(clause[0], cue.start - _WITH_REACH) - 1, -1)
                        if lower[i] == "with"), None)
        if opening is None or opening <= mention.end or opening == cue.start - 1 or lower[opening - 1] not in _SET_OFF:
            return False  # "SSO with SCIM is coming": the promise is about the whole subject
        if any(lower[i] in _SET_OFF for i in range(opening + 1, cue.start)):
            return False  # "SSO, with SCIM, is coming": the part closed before the promise
    return True


def _relative_before(lower: list[str], index: int) -> bool:
    """Whether a relative pronoun opens a clause before token ``index`` ("Pricing that ...")."""
    return not _RELATIVES.isdisjoint(lower[:index])


def _yet_at_end(tokens: Tokens, clause: tuple[int, int], mention: Mention) -> bool:
    """ "We don't back up Chromebooks yet", "Linux isn't supported yet": a denial that ends in
    "yet" is a promise (not "simple, yet powerful", where "yet" joins two clauses)."""
    last = clause[1] - 1
    while last > mention.end and tokens.punct[last]:
        last -= 1
    return last >= mention.end and tokens.lower[last] == "yet"


def _listed_with(item: Parsed, plan: Mention) -> tuple[str, ...]:
    """``plan`` and the plans listed right before it ("Growth and Scale workspaces get 99.9%")."""
    lower = item.tokens().lower
    group = [plan]
    for other in reversed([m for m in item.mentions if m.label == "PLAN" and m.end <= plan.start]):
        between = lower[other.end:group[0].start]
        if not all(word in (",", "and", "or", "&") or word in PLAN_NOUNS for word in between) or (
                "," in between and ("and" in between or "or" in between)):
            break  # "Already part of Scale and Enterprise, and Scale includes 5,000": a new clause
        group.insert(0, other)
    return tuple(dict.fromkeys(m.id for m in group))


def _bought_for_a_price(tokens: Tokens, mention: Mention, clause: tuple[int, int]) -> bool:
    """ "Pro customers can add private feeds for $10 a month", "SAML SSO ... for $150/mo on
    Growth": bought on top of the plan."""
    lower, text = tokens.lower, tokens.text
    priced = [i for i in range(mention.end, clause[1]) if text[i][:1] in _CURRENCY]
    if not priced:
        return False
    if any(lower[i] in _BUY_VERBS for i in range(clause[0], mention.start)):
        return True
    # "for $150/mo" after the name, and not "for $0"
    return any(lower[i - 1] == "for" and not _zero_price(text, i) for i in priced if i > mention.end)


def _zero_price(text: list[str], index: int) -> bool:
    """Whether the currency sign at ``index`` prices something at nothing ("$0", "$0.00")."""
    amount = text[index][1:] or (text[index + 1] if index + 1 < len(text) else "")
    return amount.replace(".", "").replace(",", "").strip("0") == "" and amount[:1] == "0"


_ENDING_VERBS = frozenset({"remove", "removes", "delete", "deletes", "disable", "disables", "throttle", "throttles",
                           "cap", "caps", "block", "blocks", "lose", "loses", "drop", "drops", "expire", "expires"})
# these end something only with a particle: "switch off", "shut down", "take down"
_ENDING_PHRASAL_VERBS = frozenset({"switch", "switches", "shut", "shuts", "turn", "turns", "take", "takes", "cut", "cuts"})
_ENDING_PARTICLES = frozenset({"off", "down"})
# what goes wrong: "Funnels no longer time out", "the app won't crash on large files" is a fix
_FAILURE_VERBS = frozenset({"crash", "crashes", "fail", "fails", "freeze", "freezes", "hang", "hangs", "stall",
                            "stalls", "lag", "lags", "glitch", "glitches", "flicker", "flickers", "misfire",
                            "misfires", "duplicate", "duplicates",
                            # what people do about something that goes wrong: "the first Gantt chart
                            # our engineers don't complain about"
                            "complain", "complains", "grumble", "grumbles"})
_FAILURE_PHRASAL = frozenset({("time", "out"), ("times", "out"), ("break", "down"), ("breaks", "down"),
                              ("log", "out"), ("logs", "out"), ("go", "missing"), ("goes", "missing"),
                              # "Automations you won't run out of"
                              ("run", "out"), ("runs", "out")})


def _badge(tokens: Tokens, mention: Mention, mentions: list[Mention]) -> bool:
    """ "Lena Okafor (Maker)", "Sam (Pro) replied": a one-word plan name alone in brackets after
    a person's or company's name is a badge beside the name, not the plan. "SSO (Enterprise)",
    after a name the manifest lists, still ties SSO to Enterprise."""
    start, end = mention.start, mention.end
    if mention.label != "PLAN" or end - start != 1 or start < 2 or end >= len(tokens.text):
        return False
    if tokens.text[start - 1] != "(" or tokens.text[end] != ")":
        return False
    before = start - 2
    named = tokens.text[before]
    return named[:1].isupper() and tokens.alpha[before] and not any(m.start <= before < m.end for m in mentions)


def _next_clause(ranges: list[tuple[int, int]], clause: tuple[int, int]) -> tuple[int, int] | None:
    """The clause after ``clause`` in its sentence, if there is one."""
    index = ranges.index(clause) if clause in ranges else -1
    return ranges[index + 1] if 0 <= index < len(ranges) - 1 else None


def _asks(text: str) -> bool:
    """Whether a sentence or block ends in a question mark (before closing quotes and brackets)."""
    return text.rstrip().rstrip(_CLOSING).endswith("?")


def reads_as_a_name(item: Parsed) -> bool:
    """A heading or a table row's label that reads as a feature's name: a few words, not a
    sentence or a question ("Bill the World", "Why teams switch?"), not whom it is for ("Built
    for small offices", "Trusted by agencies"), not only generic words ("More Features"), and
    not ending in a word for what is not a feature ("Priority Support", "Bug Fixes"): the last
    word of an English name says what kind of thing it is."""
    tokens = item.tokens()
    words = [(lower, stop) for lower, alpha, stop in zip(tokens.lower, tokens.alpha, tokens.stop) if alpha]
    if not words or len(words) > _CARD_NAME_WORDS or item.block.text.rstrip()[-1:] in ("?", "!", ":", "."):
        return False
    if len(words) > 1 and words[1][0] in ("for", "by", "with") and (words[0][0].endswith("ed") or words[0][0] in ("built", "made")):
        return False
    if any(word in _DETERMINERS or word in _SUBJECT_PRONOUNS or word in ("you", "it", "they", "i") for word, _ in words):
        return False
    last, stop = words[-1]
    return not stop and last not in _NOT_FEATURES and not all(word in syntax.GENERIC_NOUNS or stop for word, stop in words)


def _modality(labels: set[str] | frozenset[str]) -> Modality:
    """A claim's modality from its clause's cues: a hedge ("may") outweighs a promise."""
    return "hedged" if "HEDGE" in labels else "future" if "FUTURE" in labels else "present"


def _in_question(item: Parsed, index: int) -> bool:
    """Whether token ``index`` lies in a sentence of ``item`` that asks a question."""
    return any(s.start <= index < s.end and _asks(s.text) for s in item.sentences())


def _about(items: list[Parsed]) -> Subject | None:
    """Whom a heading makes its section about: a competitor when the heading opens with one and
    names neither the product nor a comparison ("## 2. Mixpanel", "### Heap: best for autocapture",
    not "Fernlog vs Mixpanel" or "Mixpanel alternatives"); the product when it names the product."""
    mentions = [m for item in items for m in item.mentions]
    if any(m.label == "PRODUCT" for m in mentions):
        return "product"
    item = items[0]
    if item.block.text.rstrip().endswith("?"):
        return None  # "Is there a free Amplitude alternative?": the answer is about the product
    lower = item.tokens().lower
    first = next((i for i, word in enumerate(lower) if word.isalpha()), None)
    opening = next((m for m in item.mentions if m.start == first), None)
    if opening is None or opening.label != "COMPETITOR" or any(word in _COMPARISON_WORDS for word in lower):
        return None
    return "competitor"


# a heading over the product's own suppliers, as trust and privacy pages list them
VENDOR_HEADING = re.compile(r"\bsub-?processors?\b|\b(?:third[- ]party )?service providers\b|\bvendors we use\b",
                            re.IGNORECASE)
_COMPARISON_WORDS = frozenset({"vs", "vs.", "versus", "alternative", "alternatives", "compared", "comparison",
                               "switch", "switching", "migrate", "migrating", "instead"})


def _denies_an_ending(lower: list[str], cue: Cue) -> bool:
    """ "We never switch off an RSS feed", "we won't delete your history": a negated ending keeps
    what follows; the negation denies the ending, not the capability. So does a negated failure:
    "Funnels with more than 10 steps no longer time out" is a fix."""
    negation = lower[cue.start:cue.end]
    if negation not in (["never"], ["not"], ["n't"], ["no", "longer"]):
        return False
    verb = cue.end
    if verb >= len(lower):
        return False
    following = tuple(lower[verb:verb + 2])
    if lower[verb] in _FAILURE_VERBS or following in _FAILURE_PHRASAL:
        return True
    if negation == ["no", "longer"]:
        return False  # "no longer removes X": the removal has stopped, X stays; too rare to read
    if lower[verb] in _ENDING_PHRASAL_VERBS:
        return verb + 1 < len(lower) and lower[verb + 1] in _ENDING_PARTICLES
    return lower[verb] in _ENDING_VERBS


# words that stand after a verb without being its object ("no longer works anymore")
_NOT_OBJECTS = frozenset({"anymore", "again", "yet", "well", "properly", "correctly", "reliably", "out", "up", "off",
                          "down", "away", "back", "with", "by", "at", "as", "via", "through", "until", "unless", "if"})


def _denies_an_action(tokens: Tokens, cue: Cue, mention: Mention) -> bool:
    """ "Flaky test detection no longer quarantines tests that ...", "The Slack app doesn't post
    drafts": the capability, as the subject, is still there; the negation denies one thing it
    does to an object. Not "Mercurial no longer works", "SSO doesn't work with Okta" or "X is no
    longer available", which deny the capability itself."""
    lower = tokens.lower
    if lower[cue.start:cue.end] not in (["never"], ["not"], ["n't"], ["no", "longer"]):
        return False
    if any(word not in ("does", "do", "did", "still", "now", "ca", "can", "could") for word in lower[mention.end:cue.start]):
        return False  # "is no longer", "won't", or a subject longer than the name
    verb = cue.end
    if verb + 1 >= len(lower) or not tokens.alpha[verb] or lower[verb] in ("work", "works", "exist", "exists", "be"):
        return False
    following = verb + 1
    word = lower[following]
    if not tokens.alpha[following] or word in _NOT_OBJECTS or word in _PREPOSITIONS:
        return False
    return word in _DETERMINERS or not tokens.stop[following]


_PLAN_WORDS = frozenset({"plan", "plans", "subscription", "tier", "package", "edition"})


def _your_plan(lower: list[str], clause: tuple[int, int]) -> bool:
    """ "Your plan does not include audit logs", "SSH debugging is not included in your current
    plan": a denial for the reader's plan, whichever it is, says other plans have it."""
    for i in range(clause[0], clause[1] - 1):
        if lower[i] == "your":
            following = i + 2 if lower[i + 1] in ("current", "existing", "account's", "workspace's") else i + 1
            if following < clause[1] and lower[following] in _PLAN_WORDS:
                return True
    return False


def _chore_gone(lower: list[str], cue: Cue, mention: Mention) -> bool:
    """ "No more .env files pasted into Slack threads": the end of a chore done in a tool, not a
    denial of the tool. "No more" denies only what it stands before ("No more Dropbox sync",
    "no more support for Linux"), not the object of a preposition further on."""
    if cue.end - cue.start != 2 or lower[cue.start:cue.end] != ["no", "more"]:
        return False
    between = lower[cue.end:mention.start]
    return any(word in _PREPOSITIONS for word in between) and not any(word in _DENIED_HEADS for word in between)


def _manner(tokens: Tokens, cue: Cue) -> bool:
    """ "without changing tools": how, not what is missing; "no-shows", "no-code": a word."""
    if cue.label != "NEGATION" or cue.end >= len(tokens.lower):
        return False
    word = tokens.lower[cue.start]
    if word == "without":
        return tokens.lower[cue.end].endswith("ing")
    return word == "no" and tokens.text[cue.end] == "-" and not tokens.trailing_space[cue.start]


_ARRIVAL_CUE_VERBS = frozenset({"lands", "land", "arrives", "arrive", "arriving", "ships", "ship", "launches", "launch", "due",
                                "expected"})
_MONTH_WORDS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                          "sept", "oct", "nov", "dec"})
_SEASONS = frozenset({"spring", "summer", "fall", "autumn", "winter"})
_CALENDAR_SPANS = frozenset({"day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year", "years",
                             "sprint", "sprints", "release", "releases"})
# what can open a time after "lands in": "March", "Q3", "early 2027", "a few weeks"
_TIME_OPENERS = _MONTH_WORDS | _SEASONS | frozenset({"q1", "q2", "q3", "q4", "h1", "h2", "early", "late", "mid", "few",
                                                     "couple", "next", "time", "weeks", "months"})
# and after "lands in the": "the spring", "the coming weeks", "the next release", "the second half"
_TIME_AFTER_THE = _SEASONS | frozenset({"coming", "next", "new", "first", "second", "third", "fourth", "last",
                                        "end", "start", "beginning", "middle", "fall", "weeks", "months", "near"})


def _placed(tokens: Tokens, cue: Cue) -> bool:
    """ "lands in the audit log", "ships in every plan", "arrives in your inbox": where, not when;
    "lands in March" and "ships in the spring" are promises."""
    lower = tokens.lower
    if cue.label != "FUTURE" or cue.end - cue.start != 2 or lower[cue.end - 1] != "in" or lower[cue.start] not in _ARRIVAL_CUE_VERBS:
        return False
    if cue.end >= len(lower):
        return False
    word = lower[cue.end]
    following = lower[cue.end + 1] if cue.end + 1 < len(lower) else ""
    if word == "the":
        return following not in _TIME_AFTER_THE
    if word.isdigit() and len(word) == 4:
        return False  # "lands in 2027"
    if word.isdigit() or word in NUMBER_WORDS:
        return following not in _CALENDAR_SPANS  # "in two weeks"; not "arrive in 5 seconds"
    return word not in _TIME_OPENERS


_INSTRUCTION_LABELS = frozenset({"STEP", "HOWTO"})


def _opens_with_step(item: Parsed, start: int = 0) -> bool:
    """Whether the block, or its sentence from token ``start``, opens with an instruction
    ("Turn on", "Install", "Go to")."""
    if not item.cues:
        return False
    first = _first_word(item.tokens(), start)
    return not _INSTRUCTION_LABELS.isdisjoint(item.labels(first, first + 1))


def _instruction_headings(document: Document, by_block: dict[int, list[Parsed]]) -> frozenset[int]:
    """Headings that open with an instruction and have numbered steps beneath them ("## Connect
    Slack" over "1. Open Settings"): a help article's headings, not a feature page's "Connect
    your tools" over a paragraph of benefits."""
    over_steps: set[int] = set()
    for items in by_block.values():
        block = items[0].block
        if block.kind == "list_item" and block.ordered and _opens_with_step(items[0]):
            section = block.section
            while section is not None and section not in over_steps:
                over_steps.add(section)
                section = document.blocks[section].section
    return frozenset(index for index in over_steps if index in by_block and _opens_with_step(by_block[index][0]))


def _first_word(tokens: Tokens, start: int) -> int:
    """The first token of a clause that is a word (skips bullets, quotes and punctuation)."""
    index = start
    size = len(tokens.lower)
    while index < size and (tokens.punct[index] or tokens.space[index] or tokens.lower[index] in ("and", "or", "but", "then")):
        index += 1
    return index


def _proper_single_words(manifest: Manifest) -> frozenset[str]:
    """One-word names of platforms, integrations and companies written only capitalised
    ("Windows", "Teams", "Zoom"): lower-case, they are ordinary words. Feature names are often
    capitalised in a manifest and written lower-case in prose ("Huddles"), so they are not."""
    names: list[str] = [manifest.product.name, *manifest.product.aliases]
    for competitor in manifest.competitors:
        names.extend((competitor.name, *competitor.aliases))
    for capability in manifest.capabilities.values():
        if capability.kind in ("platform", "integration"):
            # a capability without a name is named by its id ("ups"), which says nothing of case
            written = (capability.name,) if capability.name != capability.id else ()
            names.extend((*written, *capability.aliases))
    capitalised = {name.lower() for name in names if " " not in name and name[:1].isupper()}
    lowered = {name for name in names if " " not in name and name.islower()}
    # inflected forms match through lemmas too ("window" matches "Windows")
    proper = capitalised - lowered
    return frozenset(proper) | frozenset(w + "s" for w in proper) | frozenset(w[:-1] for w in proper if w.endswith("s"))


def _is_free(plan_id: str, phrases: Sequence[str]) -> bool:
    return "free" in plan_id or any("free" in phrase.lower().split() for phrase in phrases)
