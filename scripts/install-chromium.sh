#!/usr/bin/env bash
# Debian's chromium (and its driver) for the headless browser tests of pages and HTML exports.
# Does nothing when chromium is already installed; needs root (CI and our machines run as root).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "install-chromium: $(chromium --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  chromium chromium-driver fonts-noto-cjk >/dev/null
echo "install-chromium: installed $(chromium --version)"
