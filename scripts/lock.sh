#!/usr/bin/env bash
# Rewrites requirements.lock, the exact version and hashes of every package the program, its tests and its
# bundle install (scripts/setup.sh, installer/build.sh and build.bat install from it, nothing else), for
# every platform the bundle is built on. Versions already in the lock are kept: an upgrade is deliberate.
#   bash scripts/lock.sh                           after a change of dependencies in pyproject.toml
#   bash scripts/lock.sh --upgrade-package NAME    one package to its newest allowed release (then run the tests)
#   bash scripts/lock.sh --upgrade                 everything (then run the tests)
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
$py -m pip install -q --disable-pip-version-check "$($py -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['lock'])")"
$py -m uv pip compile pyproject.toml --extra test --universal --generate-hashes --python-version 3.11 \
  --no-header --quiet -o requirements.lock "$@"
echo "Đã ghi requirements.lock ($(grep -c '==' requirements.lock) gói). Cài lại: bash scripts/setup.sh"
