"""Service functions shared by the API and the CLI: views that join several records, the analysis
cached per store revision (:class:`~chain_graph.cache.RevisionCache`), plans prefilled from candidates.

Both shells call these same functions: the API with its long-lived cache, the CLI with a fresh one.
"""
