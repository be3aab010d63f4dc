"""chain-graph: the industrial-chain knowledge graph behind a city's 招商一张图.

The library holds the domain (:mod:`chain_graph.models`), the stores behind one interface
(:mod:`chain_graph.store`), bundle import (:mod:`chain_graph.bundle`) and the CLI. It never
imports FastAPI; the HTTP API in ``api/`` is a thin shell over it.
"""

__version__ = "0.1.0"
