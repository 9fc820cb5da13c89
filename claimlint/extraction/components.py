"""claimlint's spaCy components, registered in one place (also via the spacy_factories entry point)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy
from spacy import util
from spacy.attrs import LEMMA, LOWER, NORM
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from claimlint.extraction.pipeline import MATCHES

LEMMA_TABLE = "lemma_lookup"

if not Doc.has_extension(MATCHES):
    Doc.set_extension(MATCHES, default=None)


# The lemma table maps pieces of contractions to auxiliaries ("ai" of "ain't", "'s", "d", "m"
# and "ll" to "have", "be", "will"). Read case-insensitively, that would make "AI scheduling"
# the same words as "week's schedule", so these are matched as written.
_KEPT_AS_WRITTEN = frozenset({"ai", "d", "m", "ll", "ve", "nt", "s", "re"})


# adverbs a writer puts between "we're" and the verb of a cue phrase
_WE_ARE_ADVERBS = ("also", "now", "currently", "still", "actively", "busy")


def _with_adverbs(phrase: str) -> list[str]:
    """ "we're building" is also written "we're also building", "we're currently building"."""
    for opening in ("we're ", "we are "):
        if phrase.startswith(opening) and len(phrase) > len(opening):
            rest = phrase[len(opening):]
            return [f"{opening}{adverb} {rest}" for adverb in _WE_ARE_ADVERBS]
    return []


class CaseInsensitiveLemmatizer:
    """Gives each token a lower-case lookup lemma as its ``norm_`` (and ``lemma_`` when unset).

    spaCy's lookup lemmatizer is case-sensitive, so Title Case headings ("Custom Domains")
    would miss their phrases; matching on NORM with this lemma is case- and number-tolerant.

    With ``on_lexemes`` (the blank pipeline, which has no model reading the norms) the lemma is
    written once per word of the vocabulary, as its lexeme's norm, and every token of that word
    has it without further work; the tokenizer's special cases then leave the norm to the
    lexeme. Otherwise (a trained pipeline, whose models read lexeme norms as features) it is
    written token by token, on arrays of string hashes with a cache from lower-case form to
    lemma, so no Token objects are created.
    """

    def __init__(self, nlp: Language, name: str, set_lemma: bool, on_lexemes: bool = False) -> None:
        self.name = name
        self.set_lemma = set_lemma
        self.on_lexemes = on_lexemes
        self.table: Any = None
        self._nlp = nlp
        self._cache: dict[int, int] = {}  # hash of the lower-case form -> hash of its lemma

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        self._load()
        if self.on_lexemes:
            self._norm_lexemes()

    def _norm_lexemes(self) -> None:
        vocab: Any = self._nlp.vocab  # its stubs do not declare lex_attr_getters
        getters = dict(vocab.lex_attr_getters or {})
        getters[NORM] = self.lexeme_norm  # words the vocabulary meets from now on
        vocab.lex_attr_getters = getters
        for lexeme in vocab:  # and the ones it has
            lexeme.norm_ = self.lexeme_norm(lexeme.orth_)
        tokenizer: Any = self._nlp.tokenizer
        rules = tokenizer.rules or {}
        if any(NORM in piece for pieces in rules.values() for piece in pieces):  # not made by english_tokenizer
            tokenizer.rules = _without_norms(rules)

    def lexeme_norm(self, word: str) -> str:
        return self.lemma(word.lower())

    def _load(self) -> Any:
        if self.table is None:
            self.table = lemma_table()
        return self.table

    def lemma(self, lower: str) -> str:
        """The lemma claimlint matches on for a lower-case word (with a plain apostrophe)."""
        lower = lower.replace("\u2019", "'")
        if lower in _KEPT_AS_WRITTEN or lower[:1] == "'":
            return lower
        if lower.endswith("ing"):
            # a feature named by its activity ("versioning", "ticketing", "scheduling") is not the
            # thing or the verb ("the short version", "a support ticket", "schedule a call"); the
            # tolerance matching needs is for number ("meetings" is still "meeting")
            return lower
        table = self.table if self.table is not None else self._load()
        found = table.get(lower)
        return found if found is not None else _plural_stem(lower)

    def __call__(self, doc: Doc) -> Doc:
        if self.on_lexemes or not len(doc):
            return doc
        strings = doc.vocab.strings
        cache = self._cache
        lowers = doc.to_array(LOWER).tolist()
        norms = []
        for key in lowers:
            norm = cache.get(key)
            if norm is None:
                norm = strings.add(self.lemma(strings[key]))
                if len(cache) < 200_000:  # bounded: a long run sees new words forever
                    cache[key] = norm
            norms.append(norm)
        values: Any = numpy.array([norms, norms] if self.set_lemma else [norms], dtype="uint64").T
        doc.from_array([NORM, LEMMA] if self.set_lemma else [NORM], values)
        return doc


class PhraseMatches:
    """Finds cue phrases (on lower-case forms) and manifest phrases (on lemmas) in one pass.

    The matches are kept as plain tuples in ``doc._.claimlint_matches``:
    ``(cues, mentions)``, each a list of ``(label, id, start, end)`` sorted by position, with
    duplicates removed. Creating spaCy Span objects for every match would cost more than the
    matching itself.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        from spacy.matcher import PhraseMatcher

        self.name = name
        self.vocab = nlp.vocab
        self._nlp = nlp
        self._cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._mentions = PhraseMatcher(nlp.vocab, attr="NORM")
        # match key -> (label, id, and their hashes, which order matches as spaCy orders spans)
        self._keys: dict[int, tuple[str, str, int, int]] = {}

    def _key(self, label: str, identifier: str) -> str:
        key = f"{label}\x1f{identifier}"
        strings = self.vocab.strings
        self._keys[strings.add(key)] = (label, identifier, strings.add(label), strings.add(identifier))
        return key

    def _grouped(self, patterns: Iterable[dict[str, str]]) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for pattern in patterns:
            grouped.setdefault(self._key(pattern["label"], pattern.get("id", "")), []).append(pattern["pattern"])
        return grouped

    def add_cues(self, patterns: Iterable[dict[str, str]]) -> None:
        """Cue patterns (``label``, ``pattern``), matched on lower-case forms; a phrase with an
        apostrophe ("don't", "we're") is matched with a typographic one too ("don’t", "we’re"),
        as publishing tools write it, and one that opens with "we're" or "we are" also with an
        adverb after it ("we're also building", "we are currently exploring")."""
        for key, phrases in self._grouped(patterns).items():
            phrases = [*phrases, *(variant for phrase in phrases for variant in _with_adverbs(phrase))]
            written = [*phrases, *(phrase.replace("'", "\u2019") for phrase in phrases if "'" in phrase)]
            self._cues.add(key, [self.pattern_doc(phrase) for phrase in written])

    def pattern_doc(self, phrase: str) -> Doc:
        """A phrase tokenized as the tokenizer would. Words of letters separated by single
        spaces are tokens as they stand (unless the tokenizer has a special case for one), so
        most of the ~1,000 cue phrases are built without running the tokenizer at start-up."""
        words = phrase.split(" ")
        rules: Any = getattr(self._nlp.tokenizer, "rules", None) or {}
        if all(word.isalpha() and word not in rules for word in words):
            return Doc(self.vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
        return self._nlp.make_doc(phrase)

    def add_mentions(self, patterns: Iterable[dict[str, str]], lemmatizer: CaseInsensitiveLemmatizer) -> None:
        """Manifest patterns (``label``, ``id``, ``pattern``), matched on lemmas."""
        for key, phrases in self._grouped(patterns).items():
            docs = [lemmatizer(self._nlp.make_doc(phrase)) for phrase in phrases]
            docs += [lemmatizer(variant) for doc in docs for variant in self._progressive(doc, lemmatizer)]
            self._mentions.add(key, docs)

    def _progressive(self, doc: Doc, lemmatizer: CaseInsensitiveLemmatizer) -> list[Doc]:
        """A verb phrase's -ing forms: "run payroll" is also written "running payroll". Words in
        -ing are matched as written (see CaseInsensitiveLemmatizer.lemma), so a phrase that opens
        with a verb gets its -ing form as a pattern of its own."""
        if len(doc) < 2 or not doc[0].is_alpha or doc[0].lower_.endswith("ing"):
            return []
        words = [token.text for token in doc]
        spaces = [bool(token.whitespace_) for token in doc]
        return [Doc(self.vocab, words=[form, *words[1:]], spaces=spaces)
                for form in ing_forms().get(lemmatizer.lemma(doc[0].lower_), ())]

    def _found(self, matcher: Any, doc: Doc) -> list[tuple[str, str, int, int]]:
        keys = self._keys
        unique = {(start, end, keys[key]) for key, start, end in matcher(doc) if start != end}
        ordered = sorted(unique, key=lambda m: (m[0], m[1], m[2][2], m[2][3]))
        return [(label, identifier, start, end) for start, end, (label, identifier, _, _) in ordered]

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(MATCHES, (self._found(self._cues, doc), self._found(self._mentions, doc)))
        return doc


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """spacy-lookups-data's English lemma table as a plain dict, read once per process.

    Reading the gzipped JSON directly is several times faster than building spaCy's hashed
    Table, and a dict lookup is faster per token as well.
    """
    import spacy_lookups_data

    path = Path(spacy_lookups_data.en[LEMMA_TABLE])
    gzipped = path.with_name(path.name + ".gz")  # the package names the table without its .gz
    if gzipped.exists():
        with gzip.open(gzipped, "rt", encoding="utf-8") as handle:
            table = json.load(handle)
    else:
        table = json.loads(path.read_text(encoding="utf-8"))
    return {str(key): str(value) for key, value in table.items()}


@lru_cache(maxsize=1)
def ing_forms() -> dict[str, tuple[str, ...]]:
    """The -ing forms the lemma table knows, by lemma ("run" -> "running")."""
    forms: dict[str, list[str]] = {}
    for word, lemma in lemma_table().items():
        if word.endswith("ing") and lemma != word:
            forms.setdefault(lemma, []).append(word)
    return {lemma: tuple(words) for lemma, words in forms.items()}


def _plural_stem(word: str) -> str:
    """A plural the lemma table does not know ("webhooks", "whiteboards") to its singular;
    text and phrase patterns pass through the same function, so matches stay consistent."""
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ys", "'s")) and word.isalpha():
        return word[:-1]
    return word


def _without_norms(rules: dict[str, list[dict[Any, Any]]]) -> dict[str, list[dict[Any, Any]]]:
    return {text: [{attr: value for attr, value in piece.items() if attr != NORM} for piece in pieces]
            for text, pieces in rules.items()}


def english_tokenizer() -> Any:
    """spaCy's tokenizer for the language, with special cases ("don't", "can't") that leave each
    piece's norm to its lexeme, as ``CaseInsensitiveLemmatizer`` with ``on_lexemes`` needs.
    Building it so saves loading the special cases a second time (a twentieth of a run's
    start-up)."""

    def make(nlp: Language) -> Tokenizer:
        defaults: Any = nlp.Defaults
        return Tokenizer(
            nlp.vocab,
            rules=_without_norms(defaults.tokenizer_exceptions),
            prefix_search=util.compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
            suffix_search=util.compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
            infix_finditer=util.compile_infix_regex(defaults.infixes).finditer if defaults.infixes else None,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return make


util.registry.tokenizers.register("claimlint.Tokenizer.v1", func=english_tokenizer)


@Language.factory(
    "claimlint_lemmatizer",
    assigns=["token.norm", "token.lemma"],
    default_config={"set_lemma": True, "on_lexemes": False},
)
def make_lemmatizer(nlp: Language, name: str, set_lemma: bool, on_lexemes: bool) -> CaseInsensitiveLemmatizer:
    return CaseInsensitiveLemmatizer(nlp, name, set_lemma, on_lexemes)


@Language.factory("claimlint_phrases", assigns=["doc._.claimlint_matches"], requires=["token.norm"])
def make_phrases(nlp: Language, name: str) -> PhraseMatches:
    return PhraseMatches(nlp, name)
