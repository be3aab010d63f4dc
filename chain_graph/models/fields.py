"""Field types shared by the records: ids, names, free text, dates, amounts, codes.

Each is an ``Annotated`` type that checks one thing and says which (a blank CSV cell is
missing, a name holds no control character, a 统一社会信用代码 passes GB 32100-2015).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from stdnum.cn import uscc as _uscc
from stdnum.exceptions import ValidationError as _StdnumError

from chain_graph.models.kinds import ID_PATTERN


def normalize_uscc(value: str) -> str:
    """Return the code upper-cased without spaces, or raise ValueError naming the fault.

    >>> normalize_uscc(" 91110000600037341l ")
    '91110000600037341L'
    """
    code = _uscc.compact(value)
    try:
        return str(_uscc.validate(code))
    except _StdnumError as e:
        if len(code) != 18:
            raise ValueError(f"统一社会信用代码 must have 18 characters, got {len(code)}") from e
        raise ValueError(f"统一社会信用代码 {code!r} fails the GB 32100-2015 check ({e})") from e


def _no_blank(value: Any) -> Any:
    """Treat empty strings as missing for optional fields (CSV cells are often blank)."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _split_aliases(value: Any) -> Any:
    if isinstance(value, str):
        return tuple(a.strip() for a in value.split("|") if a.strip())
    return value


def _unique_aliases(value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value))


# C0 and C1 control characters, DEL, lone surrogates and the non-characters U+FFFE/U+FFFF:
# invisible in a name, fatal to XML (GraphML) and to UTF-8 output. Free text (descriptions,
# notes) may hold line breaks and tabs; names, codes and ids hold none of them.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _refuse(pattern: re.Pattern[str], what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        found = pattern.search(value)
        if found:
            code = f"U+{ord(found.group()):04X}"
            raise ValueError(f"contains the control character {code} at position {found.start() + 1}; {what}")
        return value

    return check


_plain = AfterValidator(_refuse(_CONTROL, "names and codes may hold no control characters"))
_text = AfterValidator(_refuse(_CONTROL_IN_TEXT, "text may hold line breaks and tabs, no other control characters"))

Id = Annotated[str, StringConstraints(strip_whitespace=True, pattern=ID_PATTERN)]
OptId = Annotated[Id | None, BeforeValidator(_no_blank)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), _plain]
OptName = Annotated[Name | None, BeforeValidator(_no_blank)]
OptText = Annotated[
    Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), _text] | None,
    BeforeValidator(_no_blank),
]
OptSource = Annotated[
    Annotated[str, StringConstraints(strip_whitespace=True, max_length=500), _plain] | None,
    BeforeValidator(_no_blank),
]
AsOf = Annotated[
    Annotated[dt.date, Field(ge=dt.date(1900, 1, 1), le=dt.date(2100, 12, 31))] | None,
    BeforeValidator(_no_blank),
]
Amount = Annotated[Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)] | None, BeforeValidator(_no_blank)]
Share = Annotated[Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] | None, BeforeValidator(_no_blank)]


def _upper_or_none(value: Any) -> Any:
    value = _no_blank(value)
    return value.strip().upper() if isinstance(value, str) else value


Country = Annotated[
    Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None,
    BeforeValidator(_upper_or_none),
]
Uscc = Annotated[Annotated[str, AfterValidator(normalize_uscc)] | None, BeforeValidator(_no_blank)]
Aliases = Annotated[
    tuple[Annotated[str, StringConstraints(max_length=200), _plain], ...],
    BeforeValidator(_split_aliases),
    AfterValidator(_unique_aliases),
    Field(max_length=50),
]


OptDate = Annotated[
    Annotated[dt.date, Field(ge=dt.date(1990, 1, 1), le=dt.date(2100, 12, 31))] | None,
    BeforeValidator(_no_blank),
]
IdList = Annotated[tuple[Id, ...], BeforeValidator(_split_aliases), AfterValidator(_unique_aliases)]

Mu = Annotated[Annotated[float, Field(ge=0, le=1e7, allow_inf_nan=False)] | None, BeforeValidator(_no_blank)]
Rating = Annotated[Annotated[int, Field(ge=1, le=5)] | None, BeforeValidator(_no_blank)]
