"""claimlint's spaCy components, registered in one place (also via the spacy_factories entry point)."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

LEMMA_TABLE = "lemma_lookup"


class CaseInsensitiveLemmatizer:
    """Writes a lower-case lookup lemma to ``token.norm_`` (and ``token.lemma_`` when unset).

    spaCy's lookup lemmatizer is case-sensitive, so Title Case headings ("Custom Domains")
    would miss their phrases; matching on NORM with this lemma is case- and number-tolerant.
    """

    def __init__(self, nlp: Language, name: str, set_lemma: bool) -> None:
        self.name = name
        self.set_lemma = set_lemma
        self.table: Any = None

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        self._load()

    def _load(self) -> Any:
        if self.table is None:
            self.table = lemma_table()
        return self.table

    def __call__(self, doc: Doc) -> Doc:
        table = self.table if self.table is not None else self._load()
        get = table.get
        set_lemma = self.set_lemma
        for token in doc:
            lower = token.lower_
            lemma = get(lower, None)
            if lemma is None:
                lemma = _plural_stem(lower)
            token.norm_ = lemma
            if set_lemma:
                token.lemma_ = lemma
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


def _plural_stem(word: str) -> str:
    """A plural the lemma table does not know ("webhooks", "whiteboards") to its singular;
    text and phrase patterns pass through the same function, so matches stay consistent."""
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ys", "'s")) and word.isalpha():
        return word[:-1]
    return word


@Language.factory(
    "claimlint_lemmatizer",
    assigns=["token.norm", "token.lemma"],
    default_config={"set_lemma": True},
)
def make_lemmatizer(nlp: Language, name: str, set_lemma: bool) -> CaseInsensitiveLemmatizer:
    return CaseInsensitiveLemmatizer(nlp, name, set_lemma)
