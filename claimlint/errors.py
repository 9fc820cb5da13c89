"""The exceptions claimlint raises. Every one of them carries a one-line message for users."""

from __future__ import annotations


class ClaimlintError(Exception):
    """Base class: bad input or environment, explained in one line."""


class ManifestError(ClaimlintError):
    """The manifest cannot be read or is invalid. ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class ConfigError(ClaimlintError):
    """The configuration file or a command-line option is invalid."""


class SourceError(ClaimlintError):
    """A page cannot be read."""


class FetchError(ClaimlintError):
    """A page or sitemap cannot be fetched."""


class ModelError(ClaimlintError):
    """The configured spaCy pipeline cannot be loaded."""
