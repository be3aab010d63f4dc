"""Stores behind one interface; :func:`open_store` picks one from the settings."""

from __future__ import annotations

from chain_graph.config import Settings, StoreKind
from chain_graph.store.base import ApplyResult, Batch, Change, Page, Store
from chain_graph.store.embedded import EmbeddedStore

__all__ = ["ApplyResult", "Batch", "Change", "EmbeddedStore", "Page", "Store", "open_store"]


def open_store(settings: Settings) -> Store:
    """Open the store the settings name. The caller closes it."""
    if StoreKind(settings.store) is StoreKind.NEO4J:
        from chain_graph.store.neo4j import open_neo4j_store

        return open_neo4j_store(settings)
    return EmbeddedStore(settings.data_dir)
