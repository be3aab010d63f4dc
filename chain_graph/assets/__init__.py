"""Files the library ships and owns: the vendored vis-network build (``assets/vis-network``).

The HTML exports inline it; the API serves the same files to the one-map page at
``/static/vendor/vis-network/``. Refresh with ``scripts/vendor-vis-network.sh``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["VIS_NETWORK_DIR", "VIS_NETWORK_JS"]

VIS_NETWORK_DIR = Path(__file__).parent / "vis-network"
VIS_NETWORK_JS = VIS_NETWORK_DIR / "vis-network.min.js"
