"""Public analysis functions are documented in numpydoc style, as networkx's are: Parameters,
Returns, Raises and runnable Examples (pytest runs them: ``--doctest-modules``).

Each function's Examples call the function itself. ``NOT_YET`` names the functions still to do;
it may only shrink (a listed function that gains its sections fails here until it leaves the list),
and it is empty now: a function made public without these sections fails here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable

import pytest

import chain_graph.analysis as analysis

SECTIONS = ("Parameters", "Returns", "Raises", "Examples")
NOT_YET: frozenset[str] = frozenset()  # every public analysis function is documented (issue 11)


def public_functions() -> dict[str, Callable[..., object]]:
    """``module.name`` → function, for every function in an analysis module's ``__all__`` defined there."""
    found = {}
    for info in pkgutil.iter_modules(analysis.__path__):
        module = importlib.import_module(f"chain_graph.analysis.{info.name}")
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isfunction(obj) and obj.__module__ == module.__name__:
                found[f"{info.name}.{name}"] = obj
    return found


def missing_sections(doc: str) -> list[str]:
    """The numpydoc sections a docstring lacks (a title underlined with dashes; Examples with ``>>>``).

    >>> missing_sections("What.\\n\\nParameters\\n----------\\nx : int\\n\\nExamples\\n--------\\n>>> 1\\n1")
    ['Returns', 'Raises']
    """
    gone = [s for s in SECTIONS if not re.search(rf"^{s}\n-{{{len(s)}}}$", doc, re.MULTILINE)]
    if "Examples" not in gone and ">>>" not in doc.split("Examples\n--------", 1)[1]:
        gone.append("Examples")
    return gone


FUNCTIONS = public_functions()


def test_the_functions_are_found() -> None:
    assert len(FUNCTIONS) > 25 and "gaps.chain_gaps" in FUNCTIONS
    assert set(FUNCTIONS) >= NOT_YET, f"no longer public: {NOT_YET - set(FUNCTIONS)}"


@pytest.mark.parametrize("name", sorted(set(FUNCTIONS) - NOT_YET))
def test_documented_in_numpydoc_style(name: str) -> None:
    doc = inspect.getdoc(FUNCTIONS[name]) or ""
    assert not missing_sections(doc), f"{name} lacks {missing_sections(doc)}"


def test_the_not_yet_list_only_shrinks() -> None:
    documented = sorted(n for n in NOT_YET if not missing_sections(inspect.getdoc(FUNCTIONS[n]) or ""))
    assert not documented, f"documented now: take {documented} off NOT_YET"


def calls_itself(name: str, doc: str) -> bool:
    """Whether an example line (``>>>`` or ``...``) of ``doc`` calls the function ``name``.

    >>> calls_itself("f", "What.\\n\\nExamples\\n--------\\n>>> g(1)\\n1\\n>>> f(2)\\n2")
    True
    >>> calls_itself("f", "What: f(x).\\n\\nExamples\\n--------\\n>>> g(1)\\n1")
    False
    """
    examples = doc.split("Examples\n--------", 1)[-1]
    return any(line.lstrip().startswith((">>>", "...")) and f"{name}(" in line for line in examples.splitlines())


@pytest.mark.parametrize("name", sorted(set(FUNCTIONS) - NOT_YET))
def test_the_examples_call_the_function(name: str) -> None:
    """An Examples section that only builds facts shows nothing: it must run the function itself."""
    function = FUNCTIONS[name]
    assert calls_itself(function.__name__, inspect.getdoc(function) or ""), f"{name}'s Examples never call it"
