"""The runs store on a real PostgreSQL server: the same API as SQLite, several writers at once."""

from __future__ import annotations

import multiprocessing
import os
import signal
import uuid
from collections.abc import Iterator

import numpy as np
import pytest
from postgres_server import postgres_server, server_bin

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
