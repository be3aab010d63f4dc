"""``python -m chain_graph.cli``: the same as the ``chain-graph`` command."""

import sys

from chain_graph.cli import main

sys.exit(main())
