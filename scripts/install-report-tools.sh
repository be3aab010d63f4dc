#!/usr/bin/env bash
# What printed reports (chain-graph report monthly|quarterly) need from Debian: a TrueType CJK font
# (fonts-wqy-microhei: reportlab embeds TrueType outlines only, not Noto CJK's CFF) and, for the
# tests that read the PDFs back, poppler-utils (pdftotext, pdftoppm). Installs only what is missing;
# needs root or sudo. Elsewhere (no apt-get) it says what to do and leaves the machine as it is:
# any TrueType CJK font works through CHAIN_GRAPH_REPORT_FONT.
set -euo pipefail
want=()
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || want+=(fonts-wqy-microhei)
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || want+=(poppler-utils)
if [ ${#want[@]} -eq 0 ]; then
  echo "install-report-tools: font and poppler-utils already installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-report-tools: no apt-get here; install ${want[*]} by hand, or set CHAIN_GRAPH_REPORT_FONT to a TrueType CJK font" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
echo "install-report-tools: installed ${want[*]}"
