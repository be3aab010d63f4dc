"""Company search shared by the stores: what text a company is found by, and hit order.

Both come from :mod:`chain_graph.search_rank`, the one ranking rule the search service uses too.
"""

from __future__ import annotations

from chain_graph.search_rank import SEPARATOR, company_text, rank_company_hits, text_rank

__all__ = ["SEPARATOR", "company_text", "rank_company_hits", "text_rank"]
