"""Bad input: every file of the corpus is refused with a reason that names the file and what
to do, nothing is written, and refusing it costs little memory (issue 10, items 3, 4 and 5)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chain_graph.bundle import import_bundle
from chain_graph.errors import InvalidInput
from chain_graph.models import Kind
from chain_graph.services.exports import city_graphml
from chain_graph.store import EmbeddedStore
from tests.api.conftest import assert_error, auth
from tests.faults import corpus

GROUP = "bad input"
LIMIT = 256 * 1024 * 1024  # the import limit of these tests: above the payloads, as in production
MAX_CELL_CHARS = 32_767  # a cell's limit (Excel's, and chain_graph.bundle.reader's)


def _nothing_written(store: EmbeddedStore) -> None:
    assert store.count(Kind.CHAIN) == 0 and store.count(Kind.REGION) == 0


# -- archives -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "reason"),
    [("../evil.csv", "unsafe path"), ("/etc/chains.csv", "unsafe path"), ("C:/x/chains.csv", "unsafe path"),
     ("a/../../chains.csv", "unsafe path")],
)  # fmt: skip
def test_path_tricks_in_a_zip_are_refused(
    embedded_store: EmbeddedStore, tmp_path: Path, entry: str, reason: str
) -> None:
    with pytest.raises(InvalidInput, match=reason):
        import_bundle(embedded_store, corpus.path_trick_zip(tmp_path, entry))
    _nothing_written(embedded_store)


def test_a_symbolic_link_in_a_zip_is_refused(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="symbolic link"):
        import_bundle(embedded_store, corpus.symlink_zip(tmp_path))


def test_a_zip_bomb_is_refused_before_unpacking(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    bomb = corpus.zip_bomb(tmp_path, 64 << 20)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(InvalidInput, match="would unpack to 67,108,864 bytes"):
        import_bundle(embedded_store, bomb, max_bytes=32 << 20)


# -- encodings (item 3) -------------------------------------------------------------------------


@pytest.mark.parametrize(("build", "encoding"), [(corpus.big5_chains, "big5"), (corpus.latin1_chains, "latin-1")])
def test_big5_and_latin1_are_refused_not_guessed(
    embedded_store: EmbeddedStore, tmp_path: Path, build, encoding
) -> None:  # type: ignore[no-untyped-def]
    report = import_bundle(embedded_store, build(tmp_path))

    assert not report.accepted
    [problem] = report.rejections
    assert problem.file == "chains.csv" and problem.field == "encoding"
    assert "probably Big5 or Latin-1" in problem.reason and "--encoding" in problem.reason
    _nothing_written(embedded_store)


def test_a_named_encoding_reads_big5_exactly(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    report = import_bundle(embedded_store, corpus.big5_chains(tmp_path), encoding="big5")

    assert report.applied, report.summary_lines()
    assert embedded_store.get(Kind.CHAIN, "test-chain").name == corpus.BIG5_NAME  # type: ignore[attr-defined]


def test_genuine_gb18030_still_imports(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    report = import_bundle(embedded_store, corpus.gb18030_chains(tmp_path))

    assert report.applied, report.summary_lines()
    assert report.file("chains").encoding == "gb18030"
    assert embedded_store.get(Kind.CHAIN, "test-chain").name == "纺织鞋服测试"  # type: ignore[attr-defined]


def test_an_unknown_encoding_is_refused_by_name(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="'rot13' is not an encoding") as caught:
        import_bundle(embedded_store, corpus.big5_chains(tmp_path), encoding="rot13")
    assert caught.value.field == "encoding"


# -- control characters (item 4) ----------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b"])
def test_control_characters_in_names_are_rejected(embedded_store: EmbeddedStore, tmp_path: Path, char: str) -> None:
    bundle = tmp_path / "b"
    bundle.mkdir()
    (bundle / "chains.csv").write_text(f'chain_id,name\nbad,"纺{char}织"\n', encoding="utf-8")

    report = import_bundle(embedded_store, bundle)

    [problem] = report.rejections
    assert (problem.row, problem.field) == (2, "name")
    assert f"control character U+{ord(char):04X}" in problem.reason
    _nothing_written(embedded_store)


def test_control_characters_in_api_key_and_plan_names_are_422(client: TestClient, keys: dict[str, str]) -> None:
    response = client.post("/keys", json={"name": "规划\x03科", "role": "viewer"}, headers=auth(keys["admin"]))
    assert_error(response, 422, field="name")
    plan = {"company_id": "x-fiber", "chain_id": "tex", "segment_ids": ["tex.fiber"], "gap_type": "missing"}
    response = client.post("/plans", json={**plan, "unit": "晋江\x1b[31m市"}, headers=auth(keys["planner"]))
    assert response.status_code == 422, response.text
    assert "control character U+001B" in response.text


def test_graphml_of_stored_text_is_well_formed_xml(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    """Line breaks and tabs are allowed in descriptions; the export must still parse."""
    bundle = tmp_path / "b"
    bundle.mkdir()
    (bundle / "chains.csv").write_text(
        'chain_id,name,description\ntex,纺织 & <鞋服>,"上游\r\n\t下游 ""引号"""\n', encoding="utf-8"
    )
    (bundle / "segments.csv").write_text(
        "segment_id,chain_id,name,stage\ntex.a,tex,化纤&<b>,upstream\n", encoding="utf-8"
    )
    assert import_bundle(embedded_store, bundle).applied
    buffer = io.BytesIO()

    city_graphml(embedded_store, buffer)

    root = ET.fromstring(buffer.getvalue())
    texts = {el.text for el in root.iter() if el.text}
    assert "纺织 & <鞋服>" in texts and "化纤&<b>" in texts


# -- size (item 5) ------------------------------------------------------------------------------


def test_an_oversize_cell_is_refused_by_row_and_column(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    bundle = tmp_path / "b"
    bundle.mkdir()
    (bundle / "chains.csv").write_text(f'chain_id,name\ntex,"{"长" * (MAX_CELL_CHARS + 1)}"\n', encoding="utf-8")

    report = import_bundle(embedded_store, bundle)

    [problem] = report.rejections
    assert "row 2, name: the cell holds 32,768 characters" in problem.reason
    _nothing_written(embedded_store)


def test_a_line_without_end_is_refused_after_about_the_limit(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    report = import_bundle(embedded_store, corpus.one_line_zip(tmp_path, 8 << 20))

    [problem] = report.rejections
    assert problem.file == "chains.csv" and problem.row == 2
    assert "row 2 is longer than 131,072 characters" in problem.reason
    _nothing_written(embedded_store)


def test_an_entity_workbook_is_refused(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="declares a DOCTYPE"):
        import_bundle(embedded_store, corpus.entity_workbook(tmp_path, 1 << 20))
    _nothing_written(embedded_store)


def test_an_upload_over_the_limit_is_413(client: TestClient, keys: dict[str, str]) -> None:
    body = b"PK\x03\x04" + b"\0" * (300 * 1024)  # the test app's limit is 256 KiB
    response = client.post("/imports", files={"file": ("big.zip", body)}, headers=auth(keys["admin"]))
    assert_error(response, 413, field="file")


_CHILD = textwrap.dedent(
    """
    import resource, sys
    from chain_graph.bundle import import_bundle
    from chain_graph.errors import InvalidInput
    from chain_graph.store import EmbeddedStore
    store = EmbeddedStore(sys.argv[1])
    try:
        report = import_bundle(store, sys.argv[2], max_bytes=int(sys.argv[3]))
        print("accepted" if report.accepted else "refused")
    except InvalidInput as e:
        print("refused:", e.message)
    store.close()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


def _peak_kib(tmp_path: Path, bundle: Path) -> tuple[str, int]:
    """(outcome, peak RSS in KiB) of a fresh process importing ``bundle``."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tmp_path / "db"), str(bundle), str(LIMIT)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    assert done.returncode == 0, done.stderr
    outcome, peak = done.stdout.strip().splitlines()[-2:]
    return outcome, int(peak)


@pytest.mark.parametrize(
    "build",
    [lambda d: corpus.one_line_zip(d, 190 << 20), lambda d: corpus.entity_workbook(d, 5 << 20)],
    ids=["one-line-zip-190MiB", "entity-workbook-500MB"],
)
def test_refusing_the_memory_payloads_stays_within_50_mb(tmp_path: Path, build) -> None:  # type: ignore[no-untyped-def]
    """Issue 10: the server grew 87 → 277 MB (one-line zip) and → 520 MB (workbook) before this."""
    small = tmp_path / "small"
    small.mkdir()
    (small / "chains.csv").write_text("chain_id,name\ntex,纺织\n", encoding="utf-8")
    payload = build(tmp_path)
    assert payload.stat().st_size < 200_000

    base_outcome, base = _peak_kib(tmp_path, small)
    outcome, peak = _peak_kib(tmp_path, payload)

    assert base_outcome == "accepted" and outcome.startswith("refused"), outcome
    assert peak - base < 50 * 1024, f"peak {peak} KiB against {base} KiB importing a small bundle"
