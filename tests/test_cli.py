"""The ``chain-graph`` command, run in-process through ``main([...])`` (and once as a script)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from chain_graph.cli import main
from chain_graph.cli.render import display_width
from chain_graph.generate import generate_bundle
from chain_graph.store import Batch
from chain_graph.store.embedded import EmbeddedStore
from tests.factories import small_world


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A store holding the small world: chains 石油化工 (pc) → 纺织鞋服 (tex)."""
    folder = tmp_path / "data"
    with EmbeddedStore(folder) as store:
        store.apply(Batch(upserts=small_world()))
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def assert_error(code: int, out: str, err: str, *fragments: str) -> None:
    assert code == 1
    assert err.startswith("chain-graph: error: ")
    assert "Traceback" not in out + err
    for fragment in fragments:
        assert fragment in err


# -- chains, show, stats ------------------------------------------------------------------------


def test_chains_table_lines_up_with_chinese_names(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(capsys, "--data-dir", data_dir, "chains")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["chain", "name", "segments"]
    assert "纺织鞋服" in out and "石油化工" in out
    assert len({display_width(line) for line in lines}) == 1  # last column right-aligned


def test_chains_json_counts_segments_companies_and_local_firms(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    payload = run_json(capsys, "chains", "--data-dir", data_dir)
    assert payload["count"] == 2
    by_id = {row["chain_id"]: row for row in payload["data"]}
    keys = ("chain_id", "name", "segments", "companies", "local_firms")
    assert {k: by_id["tex"][k] for k in keys} == {
        "chain_id": "tex", "name": "纺织鞋服", "segments": 4, "companies": 2, "local_firms": 1,
    }  # fmt: skip
    assert by_id["pc"]["local_firms"] == 1


def test_show_groups_segments_by_stage_and_marks_leading_firms(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, err = run(capsys, "--data-dir", data_dir, "show", "tex")
    assert (code, err) == (0, "")
    assert out.index("上游 upstream") < out.index("中游 midstream") < out.index("下游 downstream")
    assert "★ 安踏体育用品有限公司" in out and "晋江市" in out
    assert "浙江示例化纤" not in out  # not local: never listed under a segment
    weave = next(line for line in out.splitlines() if "tex.weave" in line)
    dye = next(line for line in out.splitlines() if "tex.dye" in line)
    assert len(dye) - len(dye.lstrip()) > len(weave) - len(weave.lstrip())  # nested segment indented


def test_show_json_keeps_chinese_and_names_each_local_firm(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(capsys, "show", "tex", "--data-dir", data_dir, "--json")
    assert (code, err) == (0, "")
    assert "安踏体育用品有限公司" in out and "\\u" not in out
    data = json.loads(out)["data"]
    assert (data["chain_id"], data["name"], data["segments"]) == ("tex", "纺织鞋服", 4)
    stages = {stage["stage"]: stage for stage in data["stages"]}
    assert stages["upstream"]["label"] == "上游"
    fiber = stages["upstream"]["segments"][0]
    assert (fiber["segment_id"], fiber["companies"], fiber["local_count"]) == ("tex.fiber", 1, 0)
    shoe = stages["downstream"]["segments"][0]
    assert shoe["local_leading"] == 1
    firm = shoe["local_firms"][0]
    assert (firm["company_id"], firm["leading"], firm["county"], firm["county_name"]) == (
        "anta", True, "350582", "晋江市",
    )  # fmt: skip
    assert [s["depth"] for s in stages["midstream"]["segments"]] == [0, 1]


def test_show_reads_segment_members_not_the_chains_map(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``show`` copies no subgraph: at 100k companies the map of a 30k-member chain took 306 s."""
    from chain_graph.store import EmbeddedStore

    def refuse(*args: object) -> None:
        raise AssertionError("show copied the chain's map")

    monkeypatch.setattr(EmbeddedStore, "chain_subgraph", refuse)
    monkeypatch.setattr(EmbeddedStore, "chain_parts", refuse)
    code, out, err = run(capsys, "--data-dir", data_dir, "show", "tex")
    assert (code, err) == (0, "") and "★ 安踏体育用品有限公司" in out


def test_show_unknown_chain_fails_with_one_line(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(capsys, "--data-dir", data_dir, "show", "nope")
    assert_error(code, out, err, "no chain with id 'nope'")
    assert out == "" and len(err.splitlines()) == 1


def test_stats_counts_each_kind_and_local_companies(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(capsys, "--data-dir", data_dir, "stats")
    assert (code, err) == (0, "")
    assert any(line.split() == ["local_company", "2"] for line in out.splitlines())
    data = run_json(capsys, "--data-dir", data_dir, "stats")["data"]
    assert (data["company"], data["local_company"], data["chain"], data["supply"]) == (3, 2, 2, 2)


def test_data_dir_comes_from_the_environment(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHAIN_GRAPH_DATA_DIR", str(data_dir))
    monkeypatch.setenv("CHAIN_GRAPH_STORE", "embedded")
    assert run_json(capsys, "stats")["data"]["chain"] == 2


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["show"]) == 2
    assert main(["show", "tex", "--limit", "-1"]) == 2
    assert main(["--store", "sqlite", "stats"]) == 2
    assert "usage: chain-graph" in capsys.readouterr().err


# -- import ----------------------------------------------------------------------------------


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "bundle"
    generate_bundle(folder, companies=150, seed=2, chains=3, ties_per_company=3)
    return folder


def test_import_applies_a_bundle_and_prints_its_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundle: Path
) -> None:
    db = tmp_path / "db"
    code, out, err = run(capsys, "--data-dir", db, "import", bundle)
    assert (code, err) == (0, "")
    assert out.strip()
    stats = run_json(capsys, "--data-dir", db, "stats")["data"]
    assert (stats["company"], stats["supply"], stats["chain"]) == (150, 450, 3)
    chains = run_json(capsys, "--data-dir", db, "chains")["data"]
    assert sum(c["segments"] for c in chains) == stats["segment"]


def test_import_json_and_dry_run_write_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundle: Path
) -> None:
    db = tmp_path / "db"
    report = run_json(capsys, "--data-dir", db, "import", bundle, "--dry-run")
    data = report["data"]
    assert (data["dry_run"], data["accepted"], data["applied"], data["rejections"]) == (True, True, False, [])
    assert data["totals"]["rows_read"] > 150
    assert run_json(capsys, "--data-dir", db, "stats")["data"]["company"] == 0


def test_import_of_a_missing_path_fails(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "--data-dir", tmp_path / "db", "import", tmp_path / "nowhere")
    assert_error(code, out, err, "nowhere")


def test_import_of_a_bad_bundle_is_rejected_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundle: Path
) -> None:
    companies = bundle / "companies.csv"
    lines = companies.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[4] = "91350582MA2XXXXXX0"  # fails the GB 32100-2015 check
    companies.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    db = tmp_path / "db"
    code, out, err = run(capsys, "--data-dir", db, "import", bundle)
    assert_error(code, out, err, "rejected")
    code, out, err = run(capsys, "--data-dir", db, "import", bundle, "--json")
    assert code == 1 and json.loads(out)["data"]
    assert run_json(capsys, "--data-dir", db, "stats")["data"]["company"] == 0


# -- generate --------------------------------------------------------------------------------


def test_generate_writes_a_folder_and_reports_counts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "generate", "--companies", "80", "--seed", "4", "-o", tmp_path / "b",
                         "--ties-per-company", "2", "--chains", "2")  # fmt: skip
    assert (code, err) == (0, "")
    assert "companies.csv" in out and "wrote" in out
    assert len((tmp_path / "b" / "companies.csv").read_text(encoding="utf-8").splitlines()) == 81
    payload = run_json(capsys, "generate", "--companies", "80", "--seed", "4", "-o", tmp_path / "c",
                       "--ties-per-company", "2", "--chains", "2")  # fmt: skip
    assert payload["data"]["counts"]["supplies"] == 160
    assert (tmp_path / "b" / "supplies.csv").read_bytes() == (tmp_path / "c" / "supplies.csv").read_bytes()


def test_generate_zip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    payload = run_json(capsys, "generate", "--companies", "30", "-o", tmp_path / "bundle", "--zip")
    target = Path(payload["data"]["path"])
    assert target == tmp_path / "bundle.zip"
    with zipfile.ZipFile(target) as zf:
        assert "companies.csv" in zf.namelist() and len(zf.namelist()) == 8
    assert not (tmp_path / "bundle").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bundle.zip"]  # no temporary folder left


def test_generate_bad_arguments(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "generate", "--companies", "0", "-o", tmp_path / "b")
    assert_error(code, out, err, "companies must be")
    assert main(["generate", "--companies", "ten", "-o", str(tmp_path)]) == 2


# -- the installed console script ------------------------------------------------------------


def test_console_script_prints_utf8_json_whatever_the_locale(data_dir: Path) -> None:
    script = shutil.which("chain-graph") or str(Path(sys.executable).with_name("chain-graph"))
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C", "CHAIN_GRAPH_DATA_DIR": str(data_dir)}
    done = subprocess.run([script, "show", "tex", "--json"], capture_output=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    data = json.loads(done.stdout.decode("utf-8"))["data"]
    assert data["name"] == "纺织鞋服"
    assert "安踏体育用品有限公司".encode() in done.stdout
    failed = subprocess.run([script, "show", "nope"], capture_output=True, env=env, timeout=60)
    assert failed.returncode == 1
    assert failed.stderr.decode("utf-8").startswith("chain-graph: error: no chain with id 'nope'")
    assert b"Traceback" not in failed.stderr


@pytest.mark.parametrize("cold", [True, False], ids=["reads-cold-after-import", "embedded"])
def test_an_applied_import_warms_every_chain_s_report_where_first_reads_are_cold(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundle: Path, monkeypatch: pytest.MonkeyPatch, cold: bool
) -> None:
    from chain_graph.services import gap_reports
    from chain_graph.store.embedded import EmbeddedStore

    warmed: list[list[str]] = []
    real = gap_reports.warm
    monkeypatch.setattr(gap_reports, "warm", lambda *args: warmed.append(real(*args)) or warmed[-1])
    monkeypatch.setattr(EmbeddedStore, "reads_cold_after_import", cold)  # as Neo4jStore's is True
    db = tmp_path / "db"
    assert run_json(capsys, "--data-dir", db, "import", bundle, "--dry-run")["data"]["applied"] is False
    assert warmed == [], "a dry run writes nothing and warms nothing"
    assert run(capsys, "--data-dir", db, "import", bundle)[0] == 0
    chains = [c["chain_id"] for c in run_json(capsys, "--data-dir", db, "chains")["data"]]
    if cold:
        assert len(warmed) == 1 and sorted(warmed[0]) == sorted(chains) and len(chains) == 3
    else:  # SQLite has no first-use cost: the CLI's throwaway cache would gain nothing
        assert warmed == [] and len(chains) == 3


def test_only_neo4j_s_first_reads_are_cold_after_an_import() -> None:
    from chain_graph.store.embedded import EmbeddedStore
    from chain_graph.store.neo4j import Neo4jStore

    assert Neo4jStore.reads_cold_after_import is True and EmbeddedStore.reads_cold_after_import is False
