"""Countries by ISO 3166-1 code or name (``pycountry``), as region records.

A country is a region whose id is its alpha-2 code (``US``), named in Chinese (``美国``,
from the Chinese translation pycountry ships). It is found by its alpha-2 or alpha-3 code,
its English name (short, official or common) or its Chinese name. Hong Kong, Macao and
Taiwan are regions of China here: their ISO codes give the GB/T 2260 codes the service
uses for them (810000, 820000, 710000), never a country.

Examples
--------
>>> country_code("usa"), country_code("美国"), country_code("Korea, Republic of")
('US', 'US', 'KR')
>>> country_code("HK"), country_code("Atlantis")
('810000', None)
>>> country_region("JP").name, country_region("JP").level
('日本', <RegionLevel.COUNTRY: 'country'>)
"""

from __future__ import annotations

import functools
import gettext
from typing import Any

import pycountry

from chain_graph.models import Region, RegionLevel

__all__ = ["CHINA_PARTS", "country_code", "country_region"]

CHINA_PARTS = {"HK": "810000", "MO": "820000", "TW": "710000"}  # ISO code → GB/T 2260 code


def country_code(text: str) -> str | None:
    """The alpha-2 code of the country ``text`` names (or the GB/T 2260 code of HK, MO, TW); None if none."""
    text = text.strip()
    if not text or text.isdigit():
        return None
    code = _chinese_names().get(text)
    if code is None:
        try:
            code = pycountry.countries.lookup(text).alpha_2
        except LookupError:
            return None
    return CHINA_PARTS.get(code, code)


def country_region(alpha_2: str) -> Region:
    """The region record of a country; LookupError for a code ISO 3166-1 does not have."""
    country: Any = pycountry.countries.get(alpha_2=alpha_2)
    if country is None:
        raise LookupError(f"{alpha_2!r} is not an ISO 3166-1 alpha-2 code")
    name = _translation().gettext(country.name)
    return Region(
        region_id=country.alpha_2,
        name=name,
        level=RegionLevel.COUNTRY,
        source=f"ISO 3166-1 alpha-2, from pycountry {_version()}",
    )


@functools.cache
def _translation() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)


@functools.cache
def _chinese_names() -> dict[str, str]:
    """Chinese short, official and common names → alpha-2 (a name two countries share is left out)."""
    zh = _translation()
    seen: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            english = getattr(country, attr, None)
            chinese = zh.gettext(english) if english else None
            if chinese and chinese != english:
                seen.setdefault(chinese, set()).add(country.alpha_2)
    return {name: codes.pop() for name, codes in seen.items() if len(codes) == 1}


@functools.cache
def _version() -> str:
    from importlib import metadata

    return metadata.version("pycountry")
