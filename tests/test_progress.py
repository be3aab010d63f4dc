"""Progress of imports, copies, dumps and restores: the library's callbacks, and the CLI's bars.

The library tests record what the callback hears. The CLI tests run ``chain-graph`` in a
child process under a pseudo-terminal (the TTY case), under the same terminal with
``--json``, and with pipes: bars appear only in the first.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from chain_graph.bundle import import_bundle
from chain_graph.store.embedded import EmbeddedStore
from chain_graph.transfer import copy_store, dump_store, restore_dump
from tests.factories import write_bundle

SEED = Path(__file__).resolve().parent.parent / "seed_data"
Heard = list[tuple[str, int, "int | None"]]


def recorder() -> tuple[Heard, object]:
    heard: Heard = []
    return heard, lambda phase, done, total: heard.append((phase, done, total))


def phases(heard: Heard) -> list[str]:
    return list(dict.fromkeys(phase for phase, _, _ in heard))


# -- the library ----------------------------------------------------------------------------------


def test_an_import_reports_rows_read_per_file_then_checks_and_the_write(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    heard, progress = recorder()
    report = import_bundle(embedded_store, write_bundle(tmp_path / "b"), progress=progress)  # type: ignore[arg-type]

    assert report.applied
    assert phases(heard)[-3:] == ["match ranking names", "check references", "write to the store"]
    reads = [p for p in phases(heard) if p.startswith("read ")]
    assert reads == [f"read {f.file}" for f in report.files]
    last = {phase: done for phase, done, _ in heard}
    assert all(last[f"read {f.file}"] == f.rows_read for f in report.files)
    assert heard[-1] == ("write to the store", 1, 1)


def test_a_dump_counts_every_record_and_a_restore_reads_them_all(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    import_bundle(embedded_store, SEED)
    total = sum(embedded_store.stats().values())
    heard, progress = recorder()
    dump_store(embedded_store, tmp_path / "d.jsonl", progress=progress)  # type: ignore[arg-type]
    assert heard[-1] == ("dump d.jsonl", total, total) and len(heard) > total // 1000

    with EmbeddedStore(tmp_path / "other") as other:
        heard, progress = recorder()
        restore_dump(other, tmp_path / "d.jsonl", progress=progress)  # type: ignore[arg-type]
        assert phases(heard) == ["read d.jsonl", "read embedded", f"write {total:,} records to embedded"]
        assert [h for h in heard if h[0] == "read d.jsonl"][-1][1:] == (total, total)


def test_a_copy_reads_the_source_then_writes_the_target_once(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    import_bundle(embedded_store, write_bundle(tmp_path / "b"))
    total = sum(embedded_store.stats().values())
    with EmbeddedStore(tmp_path / "target") as target:
        heard, progress = recorder()
        copy_store(embedded_store, target, replace=False, progress=progress)  # type: ignore[arg-type]
    assert phases(heard) == ["read embedded", f"write {total:,} records to embedded"]
    assert [h for h in heard if h[0] == "read embedded"][-1] == ("read embedded", total, total)


# -- the CLI --------------------------------------------------------------------------------------


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CHAIN_GRAPH_STORE", "COLUMNS")}
    root = str(Path(__file__).resolve().parent.parent)
    env.update(CHAIN_GRAPH_DATA_DIR=str(data_dir), CHAIN_GRAPH_PROGRESS_DELAY="0", TERM="xterm",
               PYTHONPATH=os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")])))  # fmt: skip
    return env


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "chain_graph.cli", *args]


def in_terminal(data_dir: Path, *args: str) -> tuple[int, str]:
    """Run the CLI with stdin, stdout and stderr on a pseudo-terminal; what the terminal showed."""
    leader, follower = pty.openpty()
    child = subprocess.Popen(_command(*args), stdin=follower, stdout=follower, stderr=follower, env=_env(data_dir))
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return child.wait(timeout=120), shown.decode("utf-8", "replace")


def piped(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(*args), capture_output=True, text=True, env=_env(data_dir), timeout=120)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the seed data, imported without a terminal."""
    data = tmp_path_factory.mktemp("progress-data")
    assert piped(data, "import", str(SEED)).returncode == 0
    return data


def test_an_import_on_a_terminal_shows_its_phases(tmp_path: Path) -> None:
    code, shown = in_terminal(tmp_path, "import", str(SEED))
    assert code == 0, shown
    for phase in ("read companies.csv", "read supplies.csv", "check references", "write to the store"):
        assert phase in shown, shown
    assert "records/s" in shown or "records" in shown  # a tqdm bar, not just the summary
    assert "Import of" in shown  # the summary still follows


def test_json_on_a_terminal_draws_nothing(tmp_path: Path) -> None:
    code, shown = in_terminal(tmp_path, "import", str(SEED), "--json")
    assert code == 0, shown
    assert "read companies.csv" not in shown and "\r" not in shown.replace("\r\n", "\n")
    assert json.loads(shown)["data"]["applied"] is True


def test_without_a_terminal_nothing_is_drawn(tmp_path: Path) -> None:
    done = piped(tmp_path, "import", str(SEED))
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and "read companies.csv" not in done.stdout
    assert "Import of" in done.stdout


def test_dump_and_restore_on_a_terminal_show_theirs(seeded: Path, tmp_path: Path) -> None:
    dump = tmp_path / "备份.jsonl"
    code, shown = in_terminal(seeded, "dump", "-o", str(dump))
    assert code == 0 and "dump 备份.jsonl" in shown, shown
    code, shown = in_terminal(tmp_path / "restored", "restore", str(dump))
    assert code == 0 and "read 备份.jsonl" in shown and "records to embedded" in shown, shown


def test_an_export_on_a_terminal_shows_one_phase(seeded: Path, tmp_path: Path) -> None:
    code, shown = in_terminal(seeded, "export", "graphml", "-o", str(tmp_path / "city.graphml"))
    assert code == 0 and "export graphml" in shown, shown
    done = piped(seeded, "export", "graphml", "-o", str(tmp_path / "again.graphml"))
    assert done.returncode == 0 and "export graphml" not in done.stdout + done.stderr
