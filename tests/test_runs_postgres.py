"""The runs store on a real PostgreSQL server: the same API as SQLite, several writers at once."""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import signal
import uuid
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from postgres_server import postgres_server, server_bin
from processes import wait_until
from serve_client import decode
from wire_decode import decode_rows

import livescope
from livescope import LivePlot
from livescope._runs.read import load_run, previous_runs
from livescope._runs.store import StoreError

pytestmark = pytest.mark.skipif(
    server_bin() is None,
    reason="no PostgreSQL server binaries in /usr/lib/postgresql/*/bin "
    "(./dev setup installs Debian's postgresql)",
)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with postgres_server() as address:
        yield address


@pytest.fixture
def store(server: str) -> str:
    """A fresh database on the server, so tests see only their own runs."""
    import psycopg

    name = f"t{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + "/" + name


def test_a_run_on_postgres_records_and_reads_back(store: str) -> None:
    with LivePlot(columns=["loss"], title="pg", store=store, run="a", params={"lr": 1}) as w:
        for i in range(300_000):
            w.update([i])
    (info,) = livescope.runs(store)
    assert (info.name, info.label, info.params, info.status, info.rows) == (
        "pg", "a", {"lr": 1}, "finished", 300_000
    )  # fmt: skip
    run = load_run(store, -1)
    np.testing.assert_array_equal(run.values[:, 0], np.arange(300_000))
    replay = LivePlot.open(store, "a")
    np.testing.assert_array_equal(replay.steps, run.steps)
    assert [r.label for r in previous_runs(store, "pg", 3)] == ["a"]


def _write_run(store: str, label: str, rows: int) -> None:
    plot = LivePlot(columns=["x"], store=store, run=label, name="shared")
    for i in range(rows):
        plot.update([i])
    plot.close()


def _killed(store: str, ready: object) -> None:
    plot = LivePlot(columns=["x"], store=store, run="doomed")
    i = 0
    while True:
        plot.update([i])
        i += 1
        if i == 2000:
            ready.set()  # type: ignore[attr-defined]


def test_processes_write_at_once_and_a_killed_one_reads_as_died(store: str) -> None:
    spawn = multiprocessing.get_context("spawn")
    ready = spawn.Event()
    doomed = spawn.Process(target=_killed, args=(store, ready))
    doomed.start()
    writers = [spawn.Process(target=_write_run, args=(store, "same", 50_000)) for _ in range(3)]
    for writer in writers:
        writer.start()
    assert ready.wait(60)
    for writer in writers:
        writer.join(120)
        assert writer.exitcode == 0

    def doomed_rows() -> int:
        return sum(info.rows for info in livescope.runs(store) if info.label == "doomed")

    # Killed once its writer has committed rows: on a loaded machine the first
    # batch can come after the other writers are done.
    wait_until(lambda: doomed_rows() > 0, what="the doomed run's first rows in the store")
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.join(30)
    shared = [info for info in livescope.runs(store) if info.name == "shared"]
    assert len({info.id for info in shared}) == 3
    for info in shared:
        np.testing.assert_array_equal(load_run(store, info.id).values[:, 0], np.arange(50_000))
    (died,) = [info for info in livescope.runs(store) if info.label == "doomed"]
    assert died.status == "died" and died.last_step == died.rows - 1


def test_a_database_of_a_newer_schema_is_refused(store: str) -> None:
    import psycopg

    LivePlot(columns=1, store=store).close()
    with psycopg.connect(store, autocommit=True) as connection:
        connection.execute("UPDATE livescope_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=r"newer livescope \(schema version 99"):
        livescope.runs(store)


def test_an_unreachable_server_is_a_clear_error(server: str) -> None:
    address = server.rsplit("/", 1)[0] + "/no_such_database"
    with pytest.raises(StoreError, match=r"store='postgresql://livescope@.*' cannot be opened"):
        LivePlot(columns=1, store=address)


class _Tab:
    """A page's end of `livescope serve`, collecting what the store page posts to it."""

    def __init__(self) -> None:
        self.messages: queue.SimpleQueue[bytes] = queue.SimpleQueue()

    def post(self, message: bytes) -> None:
        self.messages.put(message)

    def next(self, kind: str) -> tuple[dict[str, Any], list[bytes]]:
        while True:
            header, buffers = decode(self.messages.get(timeout=30))
            if header["kind"] == kind:
                return header, buffers


def test_livescope_serve_shows_a_postgres_store_and_a_run_growing_in_it(store: str) -> None:
    from livescope._serve.store_page import StorePage

    _write_run(store, "first", 100)
    page = StorePage(store, poll_interval=0.05)
    try:
        tab = _Tab()
        page.attach(tab)
        listed, _ = tab.next("list")
        assert [(r["label"], r["rows"]) for r in listed["runs"]] == [("first", 100)]
        growing = LivePlot(columns=["x"], store=store, run="second", name="shared")
        added, _ = tab.next("list")
        (second,) = added["runs"]
        page.handle(tab, json.dumps({"kind": "pick", "run": second["id"], "compare": [1]}))
        opened, _ = tab.next("open")
        assert opened["state"]["activity"] == "following"
        compared, _ = tab.next("custom")
        assert [r["label"] for r in compared["content"]["runs"]] == ["first"]
        growing.extend(np.arange(40.0).reshape(40, 1))
        held: list[float] = []
        while len(held) < 40:
            header, buffers = tab.next("custom")
            if header["content"]["type"] == "rows":
                assert header["content"]["start"] == len(held)
                held += decode_rows(header["content"], buffers)[2][:, 0].tolist()
        assert held == list(range(40))
        growing.close()
    finally:
        page.close()
