"""Names spliced into Cypher text: labels, relationship types, property names and kinds from tables
fixed in code (:class:`~chain_graph.store.cypher.schema.Label`, ``EdgeType``, the models' fields).

Cypher cannot take a label, a relationship type or a property name as a ``$parameter``, so the
queries built per kind name them in the text. They pass through :func:`identifier`, the one place a
``str`` becomes :class:`typing.LiteralString`: it refuses anything but a plain identifier, so not
even a mistake in a table can splice a query. Values never come here; they travel as parameters.
"""

from __future__ import annotations

import re
from typing import LiteralString, cast

__all__ = ["identifier"]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def identifier(name: str) -> LiteralString:
    """``name`` as Cypher text, if it is a plain identifier from a table in code.

    >>> identifier("company_id")
    'company_id'
    >>> identifier("name}) DETACH DELETE (n")
    Traceback (most recent call last):
    ...
    ValueError: not a plain Cypher identifier: 'name}) DETACH DELETE (n'
    """
    if not _IDENTIFIER.fullmatch(name):
        raise ValueError(f"not a plain Cypher identifier: {name!r}")
    return cast(LiteralString, name)
