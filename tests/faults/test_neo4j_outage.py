"""A Neo4j outage does not stall the API, and a fresh Neo4j database does not flood the terminal
(issue 10, items 1 and 14).

These tests run their own throwaway Neo4j (``scripts/neo4j-local.sh`` on a free port, in a
temporary directory) because they stop and start it, and the API in a real uvicorn process,
because what failed was the process: worker threads held by requests waiting on a dead
server, and a lifespan that raised. The server is started once and restarted once for the
whole module, in this order:

1. the API starts while Neo4j is down and answers 503 at once;
2. Neo4j starts on an empty database, and CLI commands print no driver notification;
3. the API serves again without a restart;
4. Neo4j stops under 48 concurrent clients: ``/healthz`` stays fast, ``/readyz`` and a data
   route answer 503 within 2 s; Neo4j starts again and the API recovers by itself.

Each test also sets up what it needs when run alone (``-k``), at the cost of extra starts.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx2 as httpx
import pytest
from neo4j import Driver
from neo4j import exceptions as neo4j_errors
from pydantic import SecretStr

from api.server import settings_env
from chain_graph.config import Settings, StoreKind, get_settings
from chain_graph.keys import create_key
from chain_graph.store import Batch, cypher
from chain_graph.store.neo4j import Neo4jStore, connect, open_neo4j_store
from tests.factories import small_world
from tests.served import ServedApi as ApiProcess
from tests.served import free_port

GROUP = "neo4j outage"  # its line in the fault suite's summary (tests/faults/summary.py)
pytestmark = [pytest.mark.neo4j, pytest.mark.slow, pytest.mark.timeout(600)]

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "chain-graph-test"
CLIENTS = 48  # concurrent clients while Neo4j stops (issue 10: with 48 in flight /healthz took 30 s)
HEALTH_BUDGET = 1.0  # s: /healthz with Neo4j stopped never waits on it (it took 30 s); 0.1 s failed at load 19
UNAVAILABLE_BUDGET = 2.0  # s: /readyz and a data route answer 503 with Neo4j stopped
# Routes of the traffic: each reads the store (the key, then plans, companies). The chain
# routes (/chains/{id}/gaps, …) belong here too once the Neo4j store answers chain facts.
UNKNOWN_NAME = ("01N50", "01N51", "01N52")  # label, relationship type, property key does not exist
DATA_PATHS = ["/plans", "/companies?q=%E7%BA%BA%E7%BB%87", "/me", "/plans?status=identified"]


def _missing(reason: str) -> None:
    """As tests/conftest.py: under CI=true a test that needs Neo4j fails without it, never skips."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: a test that needs Neo4j fails without it)", pytrace=False)
    pytest.skip(reason)


class LocalNeo4j:
    """A throwaway Neo4j of this module: its own port and directory, started and stopped at will."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.uri = f"bolt://127.0.0.1:{self.port}"
        self.started_once = False
        self.running = False
        self.env = {
            **os.environ,
            "NEO4J_LOCAL_HOME": str(home),
            "NEO4J_LOCAL_BOLT_PORT": str(self.port),
            "NEO4J_LOCAL_HEAP": "256m",
            "NEO4J_LOCAL_PAGECACHE": "32m",
            "NEO4J_LOCAL_STOP_TIMEOUT": "10",
            "NEO4J_PASSWORD": PASSWORD,
            "PYTHON": sys.executable,
        }

    def _script(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", str(REPO / "scripts" / "neo4j-local.sh"), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def start(self) -> float:
        """Start the server (seconds it took); a server that cannot start fails or skips the test."""
        began = time.monotonic()
        done = self._script("start")
        if done.returncode != 0:
            _missing(f"the throwaway Neo4j did not start: {done.stderr[-2000:] or done.stdout[-2000:]}")
        self.started_once = self.running = True
        return time.monotonic() - began

    def stop(self, *, clean: bool = False) -> float:
        began = time.monotonic()
        done = self._script("stop", *(["--clean"] if clean else []))
        assert done.returncode == 0, done.stderr
        self.running = False
        return time.monotonic() - began

    def settings(self, data_dir: Path, **overrides: object) -> Settings:
        return get_settings(
            store=StoreKind.NEO4J,
            data_dir=data_dir,
            neo4j_uri=self.uri,
            neo4j_user="neo4j",
            neo4j_password=SecretStr(PASSWORD),
            neo4j_database="neo4j",
            **overrides,
        )


_probe = httpx.Client(timeout=30)  # one client: a new one costs ~0.1 s of its own (its SSL context)


def _timed_get(url: str, **kwargs: object) -> tuple[httpx.Response, float]:
    began = time.monotonic()
    response = _probe.get(url, **kwargs)  # type: ignore[arg-type]
    return response, time.monotonic() - began


def _assert_unavailable(response: httpx.Response, took: float, what: str) -> None:
    assert response.status_code == 503, f"{what}: {response.status_code} {response.text}"
    assert response.json()["error"]["code"] == "store_unavailable", response.text
    assert int(response.headers["Retry-After"]) >= 1, response.headers
    assert took <= UNAVAILABLE_BUDGET, f"{what} took {took:.2f} s"


@pytest.fixture(scope="module")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    if shutil.which("bash") is None:
        _missing("bash is needed to run scripts/neo4j-local.sh")
    server = LocalNeo4j(tmp_path_factory.mktemp("neo4j-outage"))
    yield server
    server.stop(clean=True)


@pytest.fixture(scope="module")
def api(neo4j_server: LocalNeo4j, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiProcess]:
    """The API, started before its Neo4j ever ran."""
    folder = tmp_path_factory.mktemp("api")
    process = ApiProcess(neo4j_server.settings(folder / "data"), folder / "api.log")
    try:
        process.wait_up()
        yield process
    finally:
        process.stop()


@pytest.fixture(scope="module")
def viewer_key(neo4j_server: LocalNeo4j, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The small world in Neo4j, and a viewer key to read it."""
    if not neo4j_server.running:
        neo4j_server.start()
    with open_neo4j_store(neo4j_server.settings(tmp_path_factory.mktemp("seed"))) as store:
        store.apply(Batch(upserts=small_world()))
        return create_key(store, role="viewer", name="停机测试")[1]


def test_the_api_starts_while_neo4j_is_down_and_answers_503_at_once(neo4j_server: LocalNeo4j, api: ApiProcess) -> None:
    if neo4j_server.running:
        neo4j_server.stop()
    assert api.proc.poll() is None, api.tail()  # started: the lifespan did not raise
    response, took = _timed_get(f"{api.base}/readyz")
    _assert_unavailable(response, took, "/readyz")
    response, took = _timed_get(f"{api.base}/plans", headers={"X-API-Key": "cgk_0123456789ab_" + "a" * 43})
    _assert_unavailable(response, took, "/plans")
    health, took = _timed_get(f"{api.base}/healthz")
    assert health.status_code == 200 and took <= HEALTH_BUDGET, took


def _cli(settings: Settings, *argv: str, exit_code: int = 0, **env: str) -> str:
    """Run ``chain-graph`` in a process of its own (the driver logs to stderr): stdout + stderr."""
    code = "import sys; from chain_graph.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", code, "--store", "neo4j", *argv],
        env={**os.environ, **settings_env(settings), **env},
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    output = done.stdout + done.stderr
    assert done.returncode == exit_code and "Traceback" not in output, (argv, output)
    return output


def _cypher_constants() -> Iterator[tuple[str, str]]:
    def walk(name: str, value: object) -> Iterator[tuple[str, str]]:
        if isinstance(value, str):
            yield name, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(f"{name}[{key}]", item)
        elif isinstance(value, tuple | list):
            for i, item in enumerate(value):
                yield from walk(f"{name}[{i}]", item)

    for name in dir(cypher):
        if name.isupper() and not name.startswith("_"):
            yield from walk(name, getattr(cypher, name))


def _queries_naming_unknown_names(driver: Driver) -> dict[str, list[str]]:
    """Each query constant of the store whose plan names a label, relationship type or property
    the database does not know (01N50-01N52), with the warnings (EXPLAIN: nothing runs)."""
    found: dict[str, list[str]] = {}
    for name, text in _cypher_constants():
        if not any(word in text for word in ("MATCH", "MERGE", "CREATE", "RETURN", "CALL")):
            continue  # a label, a property name
        try:
            summary = driver.execute_query(f"EXPLAIN {text}").summary
        except neo4j_errors.CypherSyntaxError:
            continue  # a fragment the store completes (LIST_MATCH)
        unknown = [s.status_description for s in summary.gql_status_objects if s.gql_status in UNKNOWN_NAME]
        if unknown:
            found[name] = unknown
    return found


def test_cli_commands_on_an_empty_database_print_no_driver_notifications(
    neo4j_server: LocalNeo4j, tmp_path: Path
) -> None:
    if neo4j_server.started_once:  # not the first start: only a new data directory is empty
        neo4j_server.stop(clean=True)
    neo4j_server.start()
    settings = neo4j_server.settings(tmp_path / "data")
    with connect(neo4j_server.settings(tmp_path / "data", neo4j_notifications="all")) as driver:
        Neo4jStore(driver)  # the schema, as every opening of the store writes it
        assert _queries_naming_unknown_names(driver) == {}
    dump = ("dump", "-o", str(tmp_path / "dump.jsonl"))
    commands = [(dump, 0), (("stats",), 0), (("plan", "list"), 0), (("keys", "list"), 0)]
    commands += [(("show", "no-such"), 1), (("snapshots", "no-such"), 1)]
    # With every notification the server has, no query of these commands names a relationship
    # type or property a fresh database does not know (the driver logs each warning it gets,
    # and Python prints it on stderr): the schema registers them.
    for argv, exit_code in commands:
        output = _cli(settings, *argv, exit_code=exit_code, NEO4J_NOTIFICATIONS="all")
        assert "Received notification" not in output, (argv, output)
    output = _cli(settings, *dump)  # and by default (before issue 10, this printed two screens)
    assert "Received notification" not in output and "wrote" in output, output


def test_the_driver_asks_only_for_notifications_a_user_can_act_on(neo4j_server: LocalNeo4j, tmp_path: Path) -> None:
    if not neo4j_server.running:
        neo4j_server.start()
    query = "MATCH (c:Chain) RETURN c.property_nobody_wrote AS x"  # draws 01N52, "property key does not exist"

    def notifications(**overrides: object) -> list[str]:
        with connect(neo4j_server.settings(tmp_path, **overrides)) as driver:
            summary = driver.execute_query(query).summary
        return [s.gql_status for s in summary.gql_status_objects if s.is_notification]

    assert "01N52" in notifications(neo4j_notifications="all")  # the server does send it...
    assert notifications() == []  # ...unless asked not to (the default)
    assert notifications(neo4j_notifications="off") == []


def _wait_ready(api: ApiProcess, timeout: float) -> dict[str, object]:
    """Poll /readyz until it answers 200, as a load balancer would: the API is not restarted."""
    deadline = time.monotonic() + timeout
    while (ready := httpx.get(f"{api.base}/readyz", timeout=5)).status_code != 200:
        assert time.monotonic() < deadline, f"the API did not recover: {ready.text}\n{api.tail()}"
        time.sleep(0.2)
    return ready.json()  # type: ignore[no-any-return]


def test_the_api_opens_the_store_by_itself_once_neo4j_answers(
    neo4j_server: LocalNeo4j, api: ApiProcess, viewer_key: str
) -> None:
    if not neo4j_server.running:
        neo4j_server.start()
    pid = api.proc.pid
    assert _wait_ready(api, timeout=15)["store"] == "neo4j"
    me = httpx.get(f"{api.base}/me", headers={"X-API-Key": viewer_key}, timeout=10)
    assert me.status_code == 200, me.text
    assert "停机测试" in me.text  # the key's Chinese name comes back as real characters
    assert httpx.get(f"{api.base}/plans", headers={"X-API-Key": viewer_key}, timeout=10).status_code == 200
    assert api.proc.poll() is None and api.proc.pid == pid  # the same process: no restart


@dataclass
class _Traffic:
    """``CLIENTS`` threads reading a data route over and over, as a busy map page would."""

    base: str
    key: str
    stop: threading.Event = field(default_factory=threading.Event)
    in_flight: int = 0
    results: list[tuple[int, float, int | str, float]] = field(default_factory=list)  # client, start, status, s
    lock: threading.Lock = field(default_factory=threading.Lock)
    asking: dict[int, float] = field(default_factory=dict)  # client → when its unanswered request began
    errors: list[tuple[int, float, float, str]] = field(default_factory=list)  # client, sent, failed, what

    def failures(self) -> list[str]:
        """Each transport error: the client, when its request was sent and failed, and the error."""
        with self.lock:
            return [f"client {i}: sent {a:.3f}, failed {b:.3f} (monotonic): {what}" for i, a, b, what in self.errors]

    def run(self) -> list[threading.Thread]:
        threads = [threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(CLIENTS)]
        for thread in threads:
            thread.start()
        return threads

    def _client(self, i: int) -> None:
        paths = DATA_PATHS
        with httpx.Client(base_url=self.base, headers={"X-API-Key": self.key}, timeout=60) as client:
            while not self.stop.is_set():
                began = time.monotonic()
                with self.lock:
                    self.in_flight += 1
                    self.asking[i] = began
                pause = 0.02
                try:
                    response = client.get(paths[i % len(paths)])
                    status: int | str = response.status_code
                    pause = float(response.headers.get("Retry-After", pause))  # as a client should
                except httpx.TransportError as e:
                    status = type(e).__name__
                    with self.lock:
                        self.errors.append((i, began, time.monotonic(), repr(e)))
                took = time.monotonic() - began
                with self.lock:
                    self.in_flight -= 1
                    del self.asking[i]
                    self.results.append((i, began, status, took))
                time.sleep(pause)

    def wait_served(self, since: float, timeout: float) -> None:
        """Until every client has had a 200 to a request it sent after ``since``."""
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                served = {i for i, began, status, _ in self.results if began >= since and status == 200}
            if len(served) == CLIENTS:
                return
            assert time.monotonic() < deadline, f"only {len(served)} of {CLIENTS} clients were served"
            time.sleep(0.1)

    def statuses_since(self, moment: float) -> set[int | str]:
        with self.lock:
            return {status for _, began, status, _ in self.results if began >= moment}


def test_neo4j_stopped_under_traffic_is_answered_fast_and_the_api_recovers(
    neo4j_server: LocalNeo4j, api: ApiProcess, viewer_key: str
) -> None:
    if not neo4j_server.running:
        neo4j_server.start()
    _wait_ready(api, timeout=30)
    assert httpx.get(f"{api.base}/plans", headers={"X-API-Key": viewer_key}, timeout=15).status_code == 200
    traffic = _Traffic(api.base, viewer_key)
    threads = traffic.run()
    try:
        traffic.wait_served(since=0, timeout=120)  # every client has had an answer from a live store
        assert traffic.statuses_since(0) == {200}, traffic.statuses_since(0)
        with ThreadPoolExecutor(1) as pool:  # /healthz while Neo4j shuts down under full traffic
            stop_began = time.monotonic()
            stopping = pool.submit(neo4j_server.stop)
            while_stopping, busy = [0.0], 0
            while not stopping.done():
                busy = max(busy, traffic.in_flight)
                while_stopping.append(_timed_get(f"{api.base}/healthz")[1])
                time.sleep(0.05)
            stopping.result()
        stopped = time.monotonic()
        ready, ready_took = _timed_get(f"{api.base}/readyz")
        data, data_took = _timed_get(f"{api.base}/plans", headers={"X-API-Key": viewer_key})
        health = []  # and while it is down, the clients coming back every Retry-After
        while time.monotonic() < stopped + 3 or len(health) < 5:
            busy = max(busy, traffic.in_flight)
            health.append(_timed_get(f"{api.base}/healthz"))
            time.sleep(0.05)
        took = [t for _, t in health]
        print(
            f"\nneo4j stopped with up to {busy} of {CLIENTS} requests in flight: /readyz {ready_took:.2f} s, "
            f"/plans {data_took:.2f} s; /healthz max {max(while_stopping) * 1000:.0f} ms while it shut down, "
            f"then median {statistics.median(took) * 1000:.0f} ms, max {max(took) * 1000:.0f} ms ({len(took)} probes)"
        )
        assert all(r.status_code == 200 for r, _ in health)
        assert max(took) <= HEALTH_BUDGET, took
        assert max(while_stopping) <= 1.0, while_stopping  # busy serving 48 clients, never waiting on Neo4j
        _assert_unavailable(ready, ready_took, "/readyz")
        _assert_unavailable(data, data_took, "/plans")
        with traffic.lock:  # no request waited on the dead server longer than the budget
            waited = [began + t - max(began, stopped) for _, began, _, t in traffic.results if began + t > stopped]
            waiting = [time.monotonic() - max(began, stopped) for began in traffic.asking.values()]
        assert max(waited + waiting) <= UNAVAILABLE_BUDGET, (max(waited), waiting)
        assert traffic.statuses_since(stopped) == {503}, traffic.statuses_since(stopped)

        restarted_in = neo4j_server.start()
        back = time.monotonic()
        _wait_ready(api, timeout=15)
        ready_again = time.monotonic()
        print(f"neo4j restarted in {restarted_in:.0f} s; the API was ready {ready_again - back:.1f} s later")
        print(
            f"(monotonic: stop began {stop_began:.3f}, stopped {stopped:.3f}, back {back:.3f}, ready {ready_again:.3f})"
        )
        traffic.wait_served(since=ready_again, timeout=60)  # every client is served again
    finally:
        traffic.stop.set()
        for thread in threads:
            thread.join(timeout=30)
    statuses = {status for _, _, status, _ in traffic.results}
    # no 500, no dropped connection, no client timeout; when one comes, say when and what the API logged
    assert statuses <= {200, 503}, (statuses, traffic.failures(), api.tail())
    assert api.proc.poll() is None, api.tail()
