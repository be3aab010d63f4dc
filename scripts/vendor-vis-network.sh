#!/usr/bin/env bash
# Vendor vis-network (standalone UMD build) into chain_graph/assets/vis-network/ so the one-map
# page works offline: no CDN, and no npm on users' machines. The files it writes are committed;
# run it again only to upgrade (change VERSION and the checksum below together).
#
#   bash scripts/vendor-vis-network.sh          # fetch with `npm pack`, verify, copy
#   bash scripts/vendor-vis-network.sh --check  # verify the committed file against the pin
#
# The standalone build injects its own CSS (tooltips, navigation buttons), so the separate
# styles/vis-network.min.css of the package is not needed and not copied.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VERSION="9.1.9"
DEST="chain_graph/assets/vis-network"
JS="vis-network.min.js"
# sha256 of standalone/umd/vis-network.min.js as shipped in vis-network@9.1.9
# (npm itself also checks the tarball against the registry's integrity hash)
JS_SHA256="f53f833ddb9bf97efe856bb0637d4fe88f39e39999c7e94a4b8afc8de8a1a2e5"

verify() {
  local sum
  sum="$(sha256sum "$1" | cut -d' ' -f1)"
  if [[ "$sum" != "$JS_SHA256" ]]; then
    echo "checksum mismatch: $1 is $sum, expected $JS_SHA256 (vis-network $VERSION)" >&2
    return 1
  fi
}

if [[ "${1:-}" == "--check" ]]; then
  verify "$DEST/$JS"
  echo "vis-network $VERSION: $DEST/$JS matches its pin"
  exit 0
fi

command -v npm >/dev/null || { echo "npm is needed to fetch vis-network (users never need it)" >&2; exit 1; }
tmp="$(mktemp -d -t vis-network.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack "vis-network@${VERSION}" --silent >/dev/null)
tar -xzf "$tmp/vis-network-${VERSION}.tgz" -C "$tmp"
pkg="$tmp/package"
got="$(sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' "$pkg/package.json" | head -1)"
[[ "$got" == "$VERSION" ]] || { echo "npm gave vis-network '$got', expected $VERSION" >&2; exit 1; }
verify "$pkg/standalone/umd/$JS"

mkdir -p "$DEST"
rm -f "$DEST"/*
cp "$pkg/standalone/umd/$JS" "$DEST/$JS"
cp "$pkg/LICENSE-MIT" "$pkg/LICENSE-APACHE-2.0" "$DEST/"
cat > "$DEST/VERSION" <<TXT
vis-network ${VERSION} from npm (standalone/umd/${JS}, CSS injected by the build).
License: Apache-2.0 OR MIT (see LICENSE-APACHE-2.0, LICENSE-MIT). https://github.com/visjs/vis-network
sha256 ${JS_SHA256}
Written by scripts/vendor-vis-network.sh; do not edit by hand.
TXT
echo "vendored vis-network ${VERSION} into ${DEST}:"
ls -l "$DEST"
