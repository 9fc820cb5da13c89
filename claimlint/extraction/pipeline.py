"""Build the spaCy pipeline for a manifest: blank English (or a trained pipeline) plus matchers."""

from __future__ import annotations

from typing import Any

from claimlint.errors import ModelError
from claimlint.extraction.lexicon import cue_sets
from claimlint.manifest.model import Manifest

PHRASES = "claimlint_phrases"
MATCHES = "claimlint_matches"  # the Doc extension the phrase component fills


def mention_patterns(manifest: Manifest) -> list[dict[str, str]]:
    """Phrase patterns for everything the manifest names, labelled by what they name."""
    patterns: list[dict[str, str]] = []

    def add(label: str, identifier: str, phrases: tuple[str, ...]) -> None:
        patterns.extend({"label": label, "id": identifier, "pattern": phrase} for phrase in phrases)

    add("PRODUCT", "product", manifest.product.phrases)
    for competitor in manifest.competitors:
        add("COMPETITOR", competitor.name, competitor.phrases)
    for plan in manifest.plans:
        add("PLAN", plan.id, plan.phrases)
    for capability in manifest.capabilities.values():
        add("CAPABILITY", capability.id, capability.phrases)
    for limit in manifest.limits.values():
        add("LIMIT", limit.id, limit.phrases)
    for index, phrase in enumerate(manifest.forbidden_phrases):
        add("PHRASE", str(index), phrase.phrases)
    return patterns


def cue_patterns() -> list[dict[str, str]]:
    return [{"label": cue.label, "pattern": phrase} for cue in cue_sets() for phrase in cue.phrases]


def build_pipeline(manifest: Manifest, model: str | None = None) -> Any:
    """The pipeline claimlint runs: tokenizer, lemmas, then cue and manifest phrases.

    ``model`` names an installed trained pipeline (package or path); its parser then gives
    sentence boundaries and syntax. Without it, ``spacy.blank("en")``; the claim reader then
    splits sentences itself, in the blocks that name something (``builder.sentence_starts``).
    """
    import spacy

    import claimlint.extraction.components  # noqa: F401  (registers the factories)

    if model:
        try:
            nlp = spacy.load(model, exclude=["ner"])
        except (OSError, ImportError) as error:
            raise ModelError(f"cannot load the spaCy pipeline {model!r}: {error}".splitlines()[0]) from None
        config = {"set_lemma": "lemmatizer" not in nlp.pipe_names}
    else:
        nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "claimlint.Tokenizer.v1"}}})
        config = {"set_lemma": False, "on_lexemes": True}  # nothing reads a blank pipeline's lemmas
    lemmatizer: Any = nlp.add_pipe("claimlint_lemmatizer", config=config)
    lemmatizer.initialize()
    # Cues match exact lower-case forms; manifest phrases match lemmas, so "Custom Domains"
    # and "custom domain" are the same mention.
    phrases: Any = nlp.add_pipe("claimlint_phrases", name=PHRASES)
    phrases.add_cues(cue_patterns())
    phrases.add_mentions(mention_patterns(manifest), lemmatizer)
    return nlp
