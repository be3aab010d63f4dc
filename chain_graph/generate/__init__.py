"""Synthetic bundles of any size, for benchmarks and scale tests (``chain-graph generate``).

:func:`generate_bundle` writes a valid import bundle (docs/IMPORT-FORMAT.md, plus ``regions.csv``):
chains of 15–30 segments over the three stages, a few nested, FEEDS links inside and across
chains; companies of which about 30 % sit in the home region's counties (泉州市 350500), each
in 1–3 segments (a few per cent as leading firms); about ``ties_per_company`` supply ties
per company (unique pairs, no self-ties); entries on all six ranking lists; valid USCCs for
most mainland firms; Chinese names made from character  Every row says where it came
from: ``source`` = ``synthetic: chain-graph generate seed=S``.

The output depends only on the arguments: the same seed gives the same files byte for byte.
Rows are streamed to the CSV files; the generator keeps a few numbers per company in arrays,
so a million companies and ten million ties fit in a few hundred megabytes.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     counts = generate_bundle(tmp, companies=200, seed=7, ties_per_company=3)
>>> counts["companies"], counts["supplies"], counts["chains"]
(200, 600, 6)
"""

from __future__ import annotations

import csv
import math
import os
import random
import shutil
import zipfile
from array import array
from bisect import bisect
from itertools import accumulate, islice, pairwise
from pathlib import Path
from typing import Any

from stdnum.cn.uscc import calc_check_digit

from chain_graph.errors import InvalidInput
from chain_graph.generate import parts
from chain_graph.generate.parts import PLACES
from chain_graph.models import RANKING_LISTS

__all__ = ["COLUMNS", "default_chains", "generate_bundle", "zip_bundle"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "regions": ("region_id", "name", "parent_id", "level", "source", "as_of"),
    "chains": ("chain_id", "name", "description", "source", "as_of"),
    "segments": ("segment_id", "chain_id", "name", "stage", "parent_id", "description", "source", "as_of"),
    "segment_links": ("from_segment_id", "to_segment_id", "weight", "source", "as_of"),
    "companies": (
        "company_id", "name", "short_name", "aliases", "uscc", "region", "local_site", "country",
        "revenue_cny_100m", "employees", "listed_code", "overseas_chinese", "source", "as_of",
    ),
    "company_segments": ("company_id", "segment_id", "role", "share", "source", "as_of"),
    "supplies": ("supplier_id", "customer_id", "product", "amount_cny_100m", "source", "as_of"),
    "rankings": (
        "list_id", "year", "rank", "company_name", "company_id", "revenue_usd_m", "country",
        "source", "as_of",
    ),
}  # fmt: skip

MAX_COMPANIES = 10_000_000
MAX_CHAINS = 999
MAX_TIES = 1_000
RANKING_YEARS = (2022, 2023)
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


def default_chains(companies: int) -> int:
    """How many chains a bundle of this many companies gets unless told: at least six.

    >>> default_chains(1_000), default_chains(1_000_000)
    (6, 50)
    """
    return max(6, companies // 20_000)


def generate_bundle(
    out_dir: str | os.PathLike[str],
    *,
    companies: int,
    seed: int,
    chains: int | None = None,
    ties_per_company: int = 10,
) -> dict[str, int]:
    """Write a synthetic bundle into ``out_dir`` (created if needed); return rows per file."""
    chains = default_chains(companies) if chains is None else chains
    _check_range("companies", companies, 1, MAX_COMPANIES)
    _check_range("chains", chains, 1, MAX_CHAINS)
    _check_range("ties_per_company", ties_per_company, 0, MAX_TIES)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InvalidInput(f"{out} exists and is not a folder", field="out_dir")
    out.mkdir(parents=True, exist_ok=True)
    world = _World(seed, companies, chains, min(ties_per_company, companies - 1))
    with _Writers(out, world.provenance) as writers:
        world.write(writers)
    return dict(writers.counts)


def zip_bundle(src_dir: str | os.PathLike[str], zip_path: str | os.PathLike[str]) -> Path:
    """Pack a bundle folder's CSV files into a zip, byte for byte the same for the same files."""
    src, target = Path(src_dir), Path(zip_path)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(src.glob("*.csv")):
            info = zipfile.ZipInfo(path.name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with path.open("rb") as fin, zf.open(info, "w") as fout:
                shutil.copyfileobj(fin, fout, 1 << 20)
    return target


def _check_range(name: str, value: int, low: int, high: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise InvalidInput(f"{name} must be a whole number from {low} to {high}, got {value!r}", field=name)


class _Writers:
    """One CSV writer per file, each row given its provenance, rows counted per file."""

    def __init__(self, out: Path, provenance: tuple[str, str]) -> None:
        self.out, self.provenance = out, provenance
        self.counts: dict[str, int] = dict.fromkeys(COLUMNS, 0)
        self._files: list[Any] = []
        self._writers: dict[str, Any] = {}

    def __enter__(self) -> _Writers:
        for name, columns in COLUMNS.items():
            f = (self.out / f"{name}.csv").open("w", encoding="utf-8", newline="")
            self._files.append(f)
            self._writers[name] = csv.writer(f, lineterminator="\n")
            self._writers[name].writerow(columns)
        return self

    def __exit__(self, *exc: object) -> None:
        for f in self._files:
            f.close()

    def row(self, name: str, *values: Any) -> None:
        self._writers[name].writerow((*values, *self.provenance))
        self.counts[name] += 1

    def rows(self, name: str, rows: list[tuple[Any, ...]]) -> None:
        """Many rows at once, each already ending with the provenance."""
        self._writers[name].writerows(rows)
        self.counts[name] += len(rows)


class _World:
    """The random choices behind one bundle; each part draws from its own seeded stream."""

    def __init__(self, seed: int, companies: int, chains: int, ties: int) -> None:
        self.seed, self.n, self.k, self.ties = seed, companies, chains, ties
        self.provenance = (f"synthetic: chain-graph generate seed={seed}", parts.AS_OF)
        self._id_format = f"syn.c{{:0{len(str(companies))}d}}".format
        self.segments: list[tuple[str, int, str]] = []  # (segment id, chain index, name)
        self.feeds: list[list[int]] = []  # segment index -> segment indices it feeds
        self.members: list[array] = []  # segment index -> company indices in it
        self.primary = array("I")  # company index -> its first segment
        self.region = array("B")  # company index -> index into PLACES
        self.revenue = array("d")
        self.suffix = array("B")

    def rng(self, part: str) -> random.Random:
        return random.Random(f"chain-graph:{self.seed}:{part}")

    def write(self, w: _Writers) -> None:
        for region_id, name, parent_id, level in parts.REGIONS:
            w.row("regions", region_id, name, parent_id, level)
        self._write_chains(w)
        self._write_companies(w)
        self._write_supplies(w)
        self._write_rankings(w)

    # -- chains, segments, FEEDS --------------------------------------------------------------

    def _write_chains(self, w: _Writers) -> None:
        rng = self.rng("chains")
        cw = len(str(self.k))
        last_of_previous: list[int] = []
        for c in range(self.k):
            chain_id = f"syn{c + 1:0{cw}d}"
            name, prefix = parts.chain_name(c)
            w.row("chains", chain_id, name, f"合成的{name}产业链（基准测试用）")
            by_stage = self._write_segments(w, rng, c, chain_id, prefix)
            links = set()
            for up, down in pairwise(by_stage):
                for s in down:
                    for u in rng.sample(up, min(len(up), rng.randint(1, 2))):
                        links.add((u, s))
            for s in rng.sample(by_stage[0], min(2, len(by_stage[0]))) if last_of_previous else ():
                links.add((rng.choice(last_of_previous), s))
            for u, s in sorted(links):
                self.feeds[u].append(s)
                w.row("segment_links", self.segments[u][0], self.segments[s][0], f"{rng.uniform(0.3, 1):.2f}")
            last_of_previous = by_stage[1] + by_stage[2]

    def _write_segments(self, w: _Writers, rng: random.Random, c: int, chain_id: str, prefix: str) -> list[list[int]]:
        by_stage: list[list[int]] = []
        for stage, pool in parts.STAGE_NOUNS.items():
            nouns = rng.sample(pool, rng.randint(5, 10))
            top: list[int] = []
            for j, noun in enumerate(nouns):
                seg_id = f"{chain_id}.{stage[0]}{j + 1:02d}"
                parent = self.segments[rng.choice(top)][0] if top and rng.random() < 0.2 else ""
                if not parent:
                    top.append(len(self.segments))
                name = f"{prefix}{noun}"
                w.row("segments", seg_id, chain_id, name, stage, parent, f"{parts.STAGE_NAMES[stage]}环节")
                self.segments.append((seg_id, c, name))
                self.feeds.append([])
                self.members.append(array("I"))
            by_stage.append(list(range(len(self.segments) - len(nouns), len(self.segments))))
        return by_stage

    # -- companies and their segments -------------------------------------------------------

    def _write_companies(self, w: _Writers) -> None:
        rng = self.rng("companies")
        popular = [rng.lognormvariate(0, 0.7) for _ in self.segments]  # some busier than others
        absent = [rng.random() < 0.15 for _ in self.segments]  # no local firm: gaps to find
        cum_any = list(accumulate(popular))
        cum_local = list(accumulate(0.0 if gone else p for p, gone in zip(popular, absent, strict=True)))
        by_chain: dict[int, list[int]] = {}
        for s, (_, c, _) in enumerate(self.segments):
            by_chain.setdefault(c, []).append(s)
        for i in range(self.n):
            local = rng.random() < 0.30
            region = parts.pick_place(rng, local)
            cum = cum_local if local else cum_any
            first = bisect(cum, rng.random() * cum[-1])
            segs = [first]
            for _ in range(rng.choices((0, 1, 2), (0.5, 0.35, 0.15))[0]):
                other = rng.choice(by_chain[self.segments[first][1]])
                if other not in segs and not (local and absent[other]):
                    segs.append(other)
            self.region.append(region)
            self.primary.append(first)
            self.revenue.append(round(min(rng.lognormvariate(0.5, 1.6), 90_000.0), 2))
            self.suffix.append(rng.randrange(len(parts.SUFFIXES)))
            self._write_company(w, rng, i, local)
            self._write_memberships(w, rng, i, segs)

    def company_id(self, i: int) -> str:
        return self._id_format(i + 1)

    def company_name(self, i: int) -> tuple[str, str]:
        """Full and short name, unique per company: the core characters encode the index."""
        core = parts.core_name(i, self.n)
        industry = parts.chain_name(self.segments[self.primary[i]][1])[1]
        place = PLACES[self.region[i]].prefix
        return f"{place}{core}{industry}{parts.SUFFIXES[self.suffix[i]]}", f"{core}{industry}"

    def _write_company(self, w: _Writers, rng: random.Random, i: int, local: bool) -> None:
        place = PLACES[self.region[i]]
        name, short = self.company_name(i)
        revenue = self.revenue[i]
        aliases = f"{short}集团|{place.prefix}{short}" if rng.random() < 0.1 else ""
        uscc = ""
        if place.mainland and rng.random() < 0.7:
            uscc = _uscc(place.region_id, i, self.seed)
        local_site = not local and rng.random() < 0.03
        listed = ""
        if revenue > 20 and rng.random() < 0.5:
            listed = f"{rng.randrange(1, 999_999):06d}.{place.exchange or rng.choice(('SH', 'SZ'))}"
        overseas = not local and rng.random() < (0.08 if place.mainland else 0.4)
        employees = min(int(revenue * rng.uniform(30, 120)) + 5, 10_000_000)
        w.row(
            "companies", self.company_id(i), name, short, aliases, uscc, place.region_id,
            _flag(local_site), place.country, f"{revenue:.2f}", employees, listed, _flag(overseas),
        )  # fmt: skip

    def _write_memberships(self, w: _Writers, rng: random.Random, i: int, segs: list[int]) -> None:
        weights = [rng.random() + 0.2 for _ in segs]
        total = sum(weights)
        big = self.revenue[i] > 50
        for s, weight in zip(segs, weights, strict=True):
            role = "leading" if rng.random() < (0.02 + (0.25 if big else 0)) else rng.choice(parts.ROLES)
            share = int(weight / total * 100) / 100  # rounded down: the shares add up to 1 at most
            w.row("company_segments", self.company_id(i), self.segments[s][0], role, f"{share:.2f}")
            self.members[s].append(i)

    # -- supply ties ------------------------------------------------------------------------

    def _write_supplies(self, w: _Writers) -> None:
        rng, ids, provenance = self.rng("supplies"), self.company_id, w.provenance
        for i in range(self.n if self.ties else 0):
            supplier, product = ids(i), self.segments[self.primary[i]][2]
            rows = [
                (supplier, ids(j), product, f"{math.exp(rng.gauss(-1.5, 1.2)):.2f}", *provenance)
                for j in self._customers(rng, i)
            ]
            w.rows("supplies", rows)

    def _customers(self, rng: random.Random, i: int) -> list[int]:
        """``ties`` distinct customers of company i, most in the segments its own one feeds."""
        n, downstream = self.n, [s for s in self.feeds[self.primary[i]] if self.members[s]]
        chosen: dict[int, None] = {}
        for _ in range(20 * self.ties):
            if len(chosen) == self.ties:
                return list(chosen)
            if downstream and rng.random() < 0.7:
                group = self.members[rng.choice(downstream)]
                j = group[rng.randrange(len(group))]
            else:
                j = rng.randrange(n)
            if j != i:
                chosen[j] = None
        j = i
        while len(chosen) < self.ties:  # few companies: take the next ones in turn
            j = (j + 1) % n
            if j != i:
                chosen[j] = None
        return list(chosen)

    # -- ranking lists ----------------------------------------------------------------------

    def _write_rankings(self, w: _Writers) -> None:
        rng = self.rng("rankings")
        by_revenue = sorted(range(self.n), key=lambda i: (-self.revenue[i], i))
        for list_id, ranking_list in RANKING_LISTS.items():
            wanted = min(ranking_list.size, max(1, self.n // 50))
            eligible = (i for i in by_revenue if parts.in_ranking_pool(list_id, PLACES[self.region[i]]))
            top = list(islice(eligible, 3 * wanted)) or by_revenue[: 3 * wanted]
            members = rng.sample(top, min(wanted, len(top)))
            for year in RANKING_YEARS:
                scored = sorted(members, key=lambda i: (-self.revenue[i] * rng.uniform(0.85, 1.15), i))
                for rank, i in enumerate(scored, start=1):
                    usd_m = self.revenue[i] * 100 / 7.1 * rng.uniform(0.9, 1.1)
                    name, country = self.company_name(i)[0], PLACES[self.region[i]].country
                    w.row("rankings", list_id, year, rank, name, self.company_id(i), f"{usd_m:.1f}", country)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _uscc(admin_code: str, i: int, seed: int) -> str:
    """A USCC that passes GB 32100-2015, unique per company (its organisation code is)."""
    digits = f"{(i * 7_919 + seed * 104_729 + 10_000_000) % 100_000_000:08d}"
    body = f"91{admin_code}{digits}{parts.org_check_digit(digits)}"
    return body + calc_check_digit(body)
