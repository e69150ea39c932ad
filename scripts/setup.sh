#!/usr/bin/env bash
# Installs everything on a fresh Debian/Ubuntu machine: system libraries for Qt, then a virtual
# environment with the program and its tests. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  # Qt's xcb platform for a real window (and Xvfb for screenshots and window tests)
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0 xvfb x11-utils
  # a font with every Vietnamese letter for the window
  fonts-dejavu-core
  # PDF pages to PNG, to look at printed documents (scripts/document_pictures.sh)
  poppler-utils
  # the standard tools that check our exchange packages (interoperability tests)
  minisign age
  # ICU's packaging tool: the Linux bundle carries ICU's data for the locales it uses alone (installer/icu_data.py)
  icu-devtools
  # the shared-server set-up: the tests and the benchmark also run on a throwaway PostgreSQL server
  postgresql
)
PYTHON=${PYTHON:-python3}
# Debian's own python3 needs python3-venv to make a virtual environment
if ! "$PYTHON" -c "import venv, ensurepip" 2>/dev/null; then SYSTEM_PACKAGES+=(python3 python3-venv); fi

missing=()
for p in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Cài gói hệ thống: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

"$PYTHON" -c "import sys; sys.exit(sys.version_info < (3, 11))" || {
  echo "Cần Python 3.11 trở lên (đang có $("$PYTHON" --version))." >&2; exit 1; }
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
# every package at the version and hashes of requirements.lock (scripts/lock.sh updates it), then the
# program itself over them
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
bash scripts/translations.sh
echo "Đã cài xong: $(.venv/bin/python -m desktop --version)"
