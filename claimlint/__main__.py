"""``python -m claimlint``."""

from claimlint.cli import run

run()
