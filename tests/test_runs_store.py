"""The runs store on SQLite: what a run records, its schema, writers and readers at once,
and every store that must be refused."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import signal
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from processes import wait_until

import livescope
from livescope import LivePlot
from livescope._runs import writer
from livescope._runs.read import load_run, previous_runs
from livescope._runs.store import SCHEMA_VERSION, StoreError


def stored_rows(path: Path, run_id: int) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT row_count FROM runs WHERE id = ?", (run_id,)).fetchone()[0]


def test_a_run_records_its_rows_names_and_parameters(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    w = LivePlot(
        columns=["loss", "acc"], title="mnist", store=path, run="lr=3e-4", params={"lr": 3e-4}
    )
    for i in range(1000):
        w.update([1 / (i + 1), i / 1000])
    w.extend(np.ones((500, 2)), steps=np.arange(1000, 1500) * 2)
    with w:
        pass
    (info,) = livescope.runs(path)
    assert (info.name, info.label, info.params) == ("mnist", "lr=3e-4", {"lr": 3e-4})
    assert (info.status, info.rows, info.last_step, info.columns) == (
        "finished",
        1500,
        2998.0,
        ("loss", "acc"),
    )
    assert info.kind == "lines" and info.started <= info.ended
    run = load_run(path, info.id)
    np.testing.assert_array_equal(run.values, w.history)
    np.testing.assert_array_equal(run.steps, w.steps)
    np.testing.assert_array_equal(run.times, w._history.times)


def test_the_schema_reads_with_plain_sqlite_and_numpy(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    with LivePlot(columns=["a", "b"], store=path, name="exp", run="one") as w:
        w.extend(np.arange(20.0).reshape(10, 2))
    with sqlite3.connect(path) as db:
        meta = dict(db.execute("SELECT key, value FROM livescope_meta"))
        assert meta["schema_version"] == str(SCHEMA_VERSION)
        name, columns, rows = db.execute("SELECT name, columns, row_count FROM runs").fetchone()
        assert (name, json.loads(columns), rows) == ("exp", ["a", "b"], 10)
        batches = db.execute("SELECT row_count, width, steps, data FROM batches").fetchall()
    steps = np.concatenate([np.frombuffer(b[2], "<f8") for b in batches])
    data = np.concatenate([np.frombuffer(b[3], "<f8").reshape(b[0], b[1]) for b in batches])
    np.testing.assert_array_equal(steps, np.arange(10.0))
    np.testing.assert_array_equal(data, np.arange(20.0).reshape(10, 2))


def test_rows_reach_the_store_while_the_loop_runs_in_batches(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    w = LivePlot(columns=3, store=path)
    w.extend(np.zeros((writer.BATCH_ROWS * 2 + 5, 3)))
    run_id = w._recorder.run_id
    wait_until(lambda: stored_rows(path, run_id) == writer.BATCH_ROWS * 2 + 5, what="the rows")
    (status,) = livescope.runs(path)
    assert status.status == "running"  # a reader reads while the writer holds the file
    with sqlite3.connect(path) as db:
        sizes = [n for (n,) in db.execute("SELECT row_count FROM batches ORDER BY first_row")]
    assert max(sizes) <= writer.BATCH_ROWS and sum(sizes) == writer.BATCH_ROWS * 2 + 5
    w.close()


def _write_run(path: str, label: str, offset: float, rows: int) -> None:
    plot = LivePlot(columns=["x"], store=path, run=label, name="shared")
    for i in range(rows):
        plot.update([offset + i])
    plot.close()


def test_two_processes_with_one_label_write_two_runs_at_once(tmp_path: Path) -> None:
    path = str(tmp_path / "runs.db")
    LivePlot(columns=1, store=path).close()  # the file exists before both start
    spawn = multiprocessing.get_context("spawn")
    workers = [
        spawn.Process(target=_write_run, args=(path, "same", offset, 20000))
        for offset in (0.0, 1e6)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    shared = [info for info in livescope.runs(path) if info.name == "shared"]
    assert len({info.id for info in shared}) == 2
    assert [info.label for info in shared] == ["same", "same"]
    firsts = sorted(load_run(path, info.id).values[0, 0] for info in shared)
    assert firsts == [0.0, 1e6]
    for info in shared:
        run = load_run(path, info.id)
        assert run.status == "finished"
        np.testing.assert_array_equal(run.values[:, 0], run.values[0, 0] + np.arange(20000))


def _read_while_written(path: str, done: object) -> None:
    seen = 0
    while not done.is_set():  # type: ignore[attr-defined]
        for info in livescope.runs(path):
            run = load_run(path, info.id)
            assert len(run.steps) >= seen
            np.testing.assert_array_equal(run.steps, np.arange(len(run.steps)))
            seen = len(run.steps)


def test_a_reader_in_another_process_reads_while_rows_are_written(tmp_path: Path) -> None:
    path = str(tmp_path / "runs.db")
    w = LivePlot(columns=2, store=path)
    spawn = multiprocessing.get_context("spawn")
    done = spawn.Event()
    reader = spawn.Process(target=_read_while_written, args=(path, done))
    reader.start()
    for i in range(200_000):
        w.update([i, i])
    wait_until(lambda: stored_rows(Path(path), w._recorder.run_id) == 200_000)
    done.set()
    reader.join(60)
    assert reader.exitcode == 0
    w.close()


def _killed_mid_run(path: str, ready: object) -> None:
    plot = LivePlot(columns=["x"], store=path, run="doomed")
    step = 0
    while True:
        plot.update([step])
        step += 1
        if step == 5000:
            ready.set()  # type: ignore[attr-defined]


def test_a_killed_writer_leaves_a_run_that_reads_as_died(tmp_path: Path) -> None:
    path = str(tmp_path / "runs.db")
    spawn = multiprocessing.get_context("spawn")
    ready = spawn.Event()
    process = spawn.Process(target=_killed_mid_run, args=(path, ready))
    process.start()
    assert ready.wait(60)
    wait_until(lambda: livescope.runs(path) and livescope.runs(path)[0].rows > 5000)
    os.kill(process.pid, signal.SIGKILL)
    process.join(30)
    (info,) = livescope.runs(path)
    assert info.status == "died" and info.ended is not None
    run = load_run(path, "doomed")
    assert run.last_step == info.last_step == run.steps[-1] == len(run.steps) - 1
    np.testing.assert_array_equal(run.values[:, 0], np.arange(len(run.steps)))
    with sqlite3.connect(path) as db:  # marked so in the file, for other tools
        assert db.execute("SELECT status FROM runs").fetchone()[0] == "died"


def test_stop_reset_and_a_bounded_history(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    with LivePlot(columns=1, store=path, run="stopped") as w:
        w.update([1.0])
        w.stop()  # the Stop button
    with LivePlot(columns=1, store=path, run="reset") as w:
        w.extend(np.zeros((10, 1)))
        w.reset()
        w.extend(np.ones((3, 1)))
    with LivePlot(columns=1, store=path, run="bounded", max_rows=10) as w:
        for i in range(10_000):  # far more than max_rows between two writes
            w.update([i])
    stopped, reset, bounded = livescope.runs(path)
    assert stopped.status == "stopped"
    np.testing.assert_array_equal(load_run(path, reset.id).values, np.ones((3, 1)))
    np.testing.assert_array_equal(load_run(path, bounded.id).values[:, 0], np.arange(10_000))
    assert w._widget.note == ""


def test_a_followed_file_is_recorded(tmp_path: Path) -> None:
    path, log = tmp_path / "runs.db", tmp_path / "metrics.jsonl"
    log.write_text("".join(json.dumps({"step": i, "loss": 1 / (i + 1)}) + "\n" for i in range(50)))
    w = LivePlot.follow(log, store=path, run="followed")
    wait_until(lambda: len(w) == 50, what="the rows of the file")
    w.close()
    run = load_run(path, "followed")
    assert run.columns == ("loss",)
    np.testing.assert_array_equal(run.steps, np.arange(50.0))


def test_open_replays_a_recorded_run_and_previous_runs_lists_the_earlier(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    for lr in (1e-3, 1e-4):
        with LivePlot(columns=["loss"], title="exp", store=path, run=f"lr={lr}") as w:
            w.extend(np.full((5, 1), lr))
    latest = LivePlot.open(path)
    assert latest._widget.title == "exp" and latest.columns == ("loss",)
    assert latest._widget.replay_start == "first"
    np.testing.assert_array_equal(latest.history, np.full((5, 1), 1e-4))
    np.testing.assert_array_equal(latest._history.times, load_run(path, -1).times)
    assert LivePlot.open(path, "lr=0.001").history[0, 0] == 1e-3
    assert LivePlot.open(path, 1).history[0, 0] == 1e-3
    with pytest.raises(StoreError, match=r"no run 'nope'; the latest runs: 2 \('lr=0.0001'\)"):
        LivePlot.open(path, "nope")
    earlier = previous_runs(path, "exp", limit=5, exclude_id=2)
    assert [(r.id, r.label, r.params) for r in earlier] == [(1, "lr=0.001", {})]
    assert earlier[0].values.shape == (5, 1) and earlier[0].steps.shape == (5,)


def test_newer_schema_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    LivePlot(columns=1, store=path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE livescope_meta SET value = '99' WHERE key = 'schema_version'")
    message = r"newer livescope \(schema version 99; this livescope knows up to 1\). Upgrade"
    with pytest.raises(StoreError, match=message):
        LivePlot(columns=1, store=path)
    with pytest.raises(StoreError, match=message):
        livescope.runs(path)


def test_files_that_are_no_store_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("x" * 5000)
    with pytest.raises(StoreError, match=r"notes.txt' is not a livescope store: it is not an"):
        LivePlot(columns=1, store=text)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE customers (name TEXT)")
    with pytest.raises(StoreError, match=r"not a livescope store: it has tables \(customers\)"):
        LivePlot(columns=1, store=other)
    assert text.read_text() == "x" * 5000


def test_unwritable_and_wrong_store_arguments(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"its folder .* does not exist"):
        LivePlot(columns=1, store=tmp_path / "missing" / "runs.db")
    with pytest.raises(StoreError, match="is a folder"):
        LivePlot(columns=1, store=tmp_path)
    with pytest.raises(StoreError, match=r"store='/proc/runs.db' cannot be opened"):
        LivePlot(columns=1, store="/proc/runs.db")
    with pytest.raises(TypeError, match="store must be a path to an SQLite file or a"):
        LivePlot(columns=1, store=3)
    with pytest.raises(TypeError, match="params must be a dict of name -> value; got list"):
        LivePlot(columns=1, store=tmp_path / "r.db", params=[1])
    with pytest.raises(TypeError, match="run= labels a run recorded in a store; pass store="):
        LivePlot(columns=1, run="x")
    with pytest.raises(StoreError, match="does not exist"):
        livescope.runs(tmp_path / "nothing.db")


def test_a_failing_writer_says_so_while_the_loop_and_history_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "runs.db"
    w = LivePlot(columns=1, store=path)
    store = w._recorder._store

    def disk_full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    w.update([0])
    wait_until(lambda: stored_rows(path, w._recorder.run_id) == 1, what="the first row")
    monkeypatch.setattr(store, "executemany", disk_full)
    w._add_columns(["more"])  # a new generation and new columns, not yet stored
    for i in range(1, 100):
        w.update([i, -i])
    wait_until(lambda: "disk is full" in w._widget.note, what="the note")
    assert "runs store: cannot write (database or disk is full)" in w._widget.note
    for i in range(100, 200):
        assert w.running()
        w.update([i, -i])
    monkeypatch.undo()  # the disk has room again
    wait_until(lambda: w._widget.note == "", what="the note to clear")
    w.close()
    run = load_run(path)
    assert run.columns == ("0", "more")
    np.testing.assert_array_equal(run.values[:, 0], np.arange(200))
    np.testing.assert_array_equal(run.values[1:, 1], -np.arange(1, 200))
    with sqlite3.connect(path) as db:  # the first generation's rows were replaced
        assert db.execute("SELECT DISTINCT generation FROM batches").fetchall() == [(1,)]


@pytest.mark.parametrize(
    ("kind", "options", "row"),
    [
        ("scatter", {"points": 3}, np.arange(6.0).reshape(3, 2)),
        ("heatmap", {"shape": (2, 3)}, np.arange(6.0).reshape(2, 3)),
        ("frame", {}, np.arange(5.0)),
        ("trajectory", {}, [1.0, 2.0]),
        ("waterfall", {}, np.arange(4.0)),
        ("lines", {"smoothing": 0.5}, [1.0, 2.0]),
        ("image", {}, np.arange(24, dtype=np.uint8).reshape(2, 4, 3)),
    ],
)
def test_every_kind_opens_as_it_was_recorded(
    tmp_path: Path, kind: str, options: dict, row: object
) -> None:
    path = tmp_path / "runs.db"
    with LivePlot(kind=kind, store=path, **options) as w:
        for _ in range(5):
            w.update(row)
    replay = LivePlot.open(path)
    assert (replay.kind, replay.columns) == (kind, w.columns)
    assert replay._widget.view_options == w._widget.view_options
    np.testing.assert_array_equal(replay.history, w.history)
    assert replay.history.dtype == w.history.dtype


def test_a_cell_end_ends_the_run_and_new_rows_resume_it(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    w = LivePlot(columns=1, store=path)
    w.update([1.0])
    w._flush_at_cell_end()  # what the kernel's post_run_cell hook calls
    wait_until(lambda: livescope.runs(path)[0].status == "finished", what="finished")
    w.update([2.0])
    wait_until(lambda: livescope.runs(path)[0].status == "running", what="running again")
    w.stop()
    w._flush_at_cell_end()
    wait_until(lambda: livescope.runs(path)[0].status == "stopped", what="stopped")
    w.close()
    assert livescope.runs(path)[0].status == "stopped"
    with LivePlot(columns=1, store=path) as w:  # a with block in a cell
        w.update([1.0])
    w._flush_at_cell_end()  # the block's stop() is no Stop click
    w.close()
    assert livescope.runs(path)[1].status == "finished"


def test_a_stalled_writer_taken_for_dead_comes_back_to_running(tmp_path: Path) -> None:
    path = tmp_path / "runs.db"
    w = LivePlot(columns=1, store=path)
    w.update([1.0])
    wait_until(lambda: livescope.runs(path)[0].rows == 1, what="the row")
    with sqlite3.connect(path) as db:  # as if no heartbeat had come for a minute
        db.execute("UPDATE runs SET heartbeat = heartbeat - 60")
    (info,) = livescope.runs(path)
    assert info.status == "died" and info.ended is not None
    wait_until(lambda: livescope.runs(path)[0].status == "running", what="the next heartbeat")
    assert livescope.runs(path)[0].ended is None
    w.close()


def _damaged_copy(tmp_path: Path, source: Path, sql: str, *args: object) -> Path:
    """A copy of the store `source` changed by `sql` (a bad disk, a hand edit, another tool)."""
    copy = tmp_path / f"damaged{len(list(tmp_path.glob('damaged*')))}.db"
    with sqlite3.connect(source) as original, sqlite3.connect(copy) as db:
        original.backup(db)  # with what the write-ahead log holds
        db.execute(sql, args)
    return copy


@pytest.mark.parametrize(
    ("sql", "args", "message"),
    [
        ("UPDATE batches SET width = ?", (10**9,), "say 40 rows x 1000000000 values but hold"),
        ("UPDATE batches SET row_count = ?", (10**9,), "say 1000000000 rows x 2 values but hold"),
        ("UPDATE batches SET data = ?", (b"\1\2",), "say 40 rows x 2 values but hold 320, 320, 2"),
        ("UPDATE batches SET width = ?", (-1,), "say 40 rows x -1 values"),
        ("UPDATE runs SET columns = ?", ("not json",), "columns are not a list of names"),
        ("UPDATE runs SET columns = ?", ("[1, 2]",), "columns are not a list of names"),
        ("UPDATE runs SET params = ?", ("[1,2",), "params are not a mapping"),
        ("UPDATE runs SET options = ?", ("7",), "options are not a mapping"),
    ],
)
def test_a_damaged_run_is_named_not_allocated_or_decoded_raw(
    tmp_path: Path, sql: str, args: tuple[object, ...], message: str
) -> None:
    path = tmp_path / "runs.db"
    w = LivePlot(["a", "b"], title="train", store=path)
    w.extend(np.ones((40, 2)))
    w.close()  # every row written
    damaged = _damaged_copy(tmp_path, path, sql, *args)
    named = re.escape(f"store='{damaged}' is damaged: run 1's ")
    with pytest.raises(StoreError, match=f"{named}.*{message}"):
        LivePlot.open(damaged)
    if "columns" in sql or "params" in sql:  # what the list of runs reads: it leaves the run out
        with pytest.warns(UserWarning, match=f"{named}.*{message}.*; it is left out"):
            assert livescope.runs(damaged) == []
    # A plot comparing with the damaged run still starts, leaving it out with a warning.
    with pytest.warns(UserWarning, match="is damaged: run 1's .*; it is not compared"):
        w = LivePlot(["a", "b"], title="train", store=damaged)
    assert w._comparison.runs == ()
    w.close()


def test_options_this_version_does_not_take_are_left_out_and_the_others_kept(
    tmp_path: Path,
) -> None:
    # A run recorded by another livescope version: an option it does not know,
    # and one it knows with a value it refuses.
    path = tmp_path / "runs.db"
    w = LivePlot(["a"], title="t", store=path, smoothing=0.6, log_y=True)
    w.extend(np.ones((5, 1)))
    w.close()
    recorded = {"smoothing": 0.6, "log_y": True, "x_axis": "step", "glow": 3, "colormap": "nope"}
    with sqlite3.connect(path) as db:
        db.execute("UPDATE runs SET options = ?", (json.dumps(recorded),))
    with pytest.warns(UserWarning, match=r"run 1 .* colormap='nope', glow=3; they are left out"):
        opened = LivePlot.open(path)
    assert opened.widget.view_options == {"smoothing": 0.6, "log_y": True, "x_axis": "step"}
    assert len(opened) == 5
