#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the browser test (test/browser), which drives it with
# playwright-core. No browser is ever downloaded from elsewhere: on a fresh Debian/Ubuntu machine
# (a CI runner) it installs the distribution's package, or stops with a clear message. Never a
# silent skip: the browser test is part of `npm test`.
# CHROMIUM_PATH overrides /usr/bin/chromium (the test reads the same variable).
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

fail() {
  {
    echo
    echo "ensure-chromium: FAILED — $1"
    echo "  The browser test (test/browser) needs Debian's Chromium at $CHROMIUM."
    echo "  Install it as root:   apt-get update && apt-get install -y chromium"
    echo "  or point CHROMIUM_PATH at an existing Chromium or Chrome binary."
    echo
  } >&2
  exit 1
}

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$CHROMIUM" != /usr/bin/chromium ]; then
  fail "CHROMIUM_PATH=$CHROMIUM does not exist or is not executable"
fi

if ! command -v apt-get >/dev/null 2>&1; then
  fail "$CHROMIUM is missing and this system has no apt-get to install it with"
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  fail "$CHROMIUM is missing and installing it needs root (run as root, or with password-less sudo)"
fi

echo "ensure-chromium: $CHROMIUM is missing; installing Debian's chromium package (apt-get)…" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update >&2 || fail "apt-get update failed"
"${SUDO[@]}" apt-get install -y chromium >&2 || fail "apt-get install chromium failed"

[ -x "$CHROMIUM" ] || fail "the chromium package was installed but $CHROMIUM is still missing"
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)" >&2
