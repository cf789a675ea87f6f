"""`livescope serve runs.db` without a browser: the list, a tab's pick, live runs, bad stores."""

import json
import sqlite3

import comm
import numpy as np
import pytest
from processes import python
from serve_client import close_tab, get, open_tab, receive, refused, run
from wire_decode import decode_rows

import livescope._kernel.shell
from livescope import LivePlot
from livescope._runs.store import StoreError
from livescope._serve import store_page
from livescope._serve.cli import _is_store, main
from livescope._serve.server import PlotServer
from livescope._serve.store_page import StorePage

FOREIGN = "http://evil.example"

# A run of "mnist" written while the test watches: it starts on "start"; "rows N" appends
# N rows, "close" ends it.
WRITER = """
import sys
import numpy as np
from livescope import LivePlot
sys.stdin.readline()
w = LivePlot(["loss", "val_loss"], title="mnist", store=sys.argv[1], run="live",
             params={"lr": 0.03})
print("started", flush=True)
for line in sys.stdin:
    command, *count = line.split()
    if command == "rows":
        k = np.arange(len(w), len(w) + int(count[0]))
        w.extend(np.stack([np.exp(-0.03 * k), np.exp(-0.03 * k) + 0.1], axis=1))
        print("ok", flush=True)
    elif command == "close":
        w.close()
        print("closed", flush=True)
        break
"""


def record(path, name, label, lr, rows):
    k = np.arange(rows)
    values = np.stack([np.exp(-k * lr), np.exp(-k * lr) + 0.1], axis=1)
    w = LivePlot(["loss", "val_loss"], title=name, store=path, run=label, params={"lr": lr})
    w.extend(values)
    w.close()
    return values


@pytest.fixture
def store(tmp_path):
    """Two runs of "mnist" and one of "cifar", all finished."""
    path = tmp_path / "runs.db"
    record(path, "mnist", "lr=0.01", 0.01, 300)
    record(path, "mnist", "lr=0.02", 0.02, 200)
    record(path, "cifar", "base", 0.05, 50)
    return path


@pytest.fixture
def serve_store(monkeypatch):
    """Serve stores from this process; comm and the page flag are restored afterwards."""
    monkeypatch.setattr(comm, "create_comm", comm.create_comm)
    monkeypatch.setattr(livescope._kernel.shell, "_page_server", False)
    made = []

    def start(path, **kwargs):
        page = StorePage(path, poll_interval=0.05)
        made.append(PlotServer("127.0.0.1", 0, **kwargs))
        made[-1].show_store(page, "runs")
        made[-1].start()
        return made[-1]

    yield start
    for server in made:
        server.close()


async def pick(tab, run_id, compare=()):
    await tab.write_message(json.dumps({"kind": "pick", "run": run_id, "compare": [*compare]}))


async def sync(tab, view, generation=0, start=0):
    content = {"type": "sync", "generation": generation, "from": start}
    await tab.write_message(json.dumps({"kind": "custom", "content": content, "view": view}))


async def next_of(tab, kind, content_type=None):
    """The next message of `kind` (and custom `content_type`), skipping others."""
    while True:
        header, buffers = await receive(tab)
        if header["kind"] != kind:
            continue
        if content_type is None or header["content"]["type"] == content_type:
            return header, buffers


def by_label(listed):
    return {run["label"]: run for run in listed["runs"]}


def test_a_tab_gets_the_list_then_the_run_it_picks_with_the_runs_it_compares(store, serve_store):
    server = serve_store(store)
    values = record(store, "mnist", "lr=0.03", 0.03, 120)  # a fourth run, newest

    async def session():
        tab = await open_tab(server)
        listed, _ = await receive(tab)
        assert listed["kind"] == "list" and listed["reset"]
        assert listed["store"] == f"store={str(store)!r}"
        runs = by_label(listed)
        assert list(runs) == ["lr=0.01", "lr=0.02", "base", "lr=0.03"]
        newest = runs["lr=0.03"]
        assert newest["name"] == "mnist" and newest["params"] == {"lr": 0.03}
        assert (newest["status"], newest["rows"], newest["kind"]) == ("finished", 120, "lines")
        assert newest["started"] <= newest["ended"]

        # cifar's run is of another name: it is not drawn behind mnist's.
        await pick(tab, newest["id"], [runs["lr=0.01"]["id"], runs["base"]["id"]])
        opened, _ = await receive(tab)
        assert (opened["kind"], opened["view"], opened["run"]) == ("open", 1, newest["id"])
        state = opened["state"]
        assert (state["title"], state["columns"], state["kind"]) == (
            "mnist",
            ["loss", "val_loss"],
            "lines",
        )
        assert (state["activity"], state["note"]) == ("done", "")
        compared, _ = await next_of(tab, "custom", "runs")
        assert compared["view"] == 1
        assert [r["label"] for r in compared["content"]["runs"]] == ["lr=0.01"]
        assert compared["content"]["runs"][0]["id"] == f"store:{runs['lr=0.01']['id']}"
        assert compared["content"]["live"] == {"label": "lr=0.03", "params": {"lr": 0.03}}

        await sync(tab, view=1)
        header, buffers = await next_of(tab, "custom", "rows")
        steps, _, got = decode_rows(header["content"], buffers)
        np.testing.assert_array_equal(got, values)
        np.testing.assert_array_equal(steps, np.arange(120))

        # Only the compared runs change: no new view, the runs message again.
        both = [runs["lr=0.01"]["id"], runs["lr=0.02"]["id"]]
        await pick(tab, newest["id"], both)
        compared, _ = await receive(tab)
        assert (compared["kind"], compared["view"]) == ("custom", 1)
        assert [r["label"] for r in compared["content"]["runs"]] == ["lr=0.02", "lr=0.01"]

        # Another run: a new view, whose rows a sync from the old view does not get.
        await pick(tab, runs["lr=0.01"]["id"])
        opened, _ = await receive(tab)
        assert (opened["kind"], opened["view"]) == ("open", 2)
        compared, _ = await receive(tab)
        assert compared["content"]["runs"] == [] and compared["content"]["live"] == {}
        await sync(tab, view=1)
        await sync(tab, view=2, start=250)
        header, buffers = await next_of(tab, "custom", "rows")
        assert header["view"] == 2
        assert (header["content"]["start"], header["content"]["count"]) == (250, 50)
        await close_tab(tab)

    run(session())


def test_a_run_being_written_grows_in_the_tab_by_its_new_rows_only(
    store, serve_store, monkeypatch
):
    monkeypatch.setattr(store_page, "COMPARE_REFRESH_S", 0.05)
    server = serve_store(store)

    async def rows_until(tab, held, total):
        """Take rows messages until `total` are held; each must start where the last ended."""
        while held < total:
            header, buffers = await next_of(tab, "custom", "rows")
            content = header["content"]
            assert content["start"] == held, "rows sent again, or a gap"
            steps, _, _ = decode_rows(content, buffers)
            np.testing.assert_array_equal(steps, np.arange(held, held + content["count"]))
            held += content["count"]
        return held

    async def session(writer):
        watcher = await open_tab(server)
        listed, _ = await receive(watcher)
        runs = by_label(listed)
        comparer = await open_tab(server)
        await receive(comparer)
        writer.say("start")
        writer.expect("started")
        added, _ = await next_of(watcher, "list")  # a new run joins the list
        assert not added.get("reset")
        live = by_label(added)["live"]
        assert (live["name"], live["status"]) == ("mnist", "running")

        await pick(watcher, live["id"], [runs["lr=0.02"]["id"]])
        opened, _ = await next_of(watcher, "open")
        assert opened["state"]["activity"] == "following"
        await sync(watcher, view=1)
        # The comparer shows an old run, with the live one behind it.
        await pick(comparer, runs["lr=0.01"]["id"], [live["id"]])
        await next_of(comparer, "open")
        first, _ = await next_of(comparer, "custom", "runs")
        assert [r["label"] for r in first["content"]["runs"]] == ["live"]

        held = 0
        for count in (100, 150, 3):
            writer.say(f"rows {count}")
            writer.expect("ok")
            held = await rows_until(watcher, held, held + count)
        grown, _ = await next_of(comparer, "custom", "runs")
        while grown["content"]["runs"][0]["rows"] < 253:
            grown, _ = await next_of(comparer, "custom", "runs")
        assert grown["content"]["runs"][0]["label"] == "live"

        writer.say("close")
        writer.expect("closed")
        ended, _ = await next_of(watcher, "update")
        while "activity" not in ended["state"]:
            ended, _ = await next_of(watcher, "update")
        assert ended["state"] == {"activity": "done", "note": ""}
        for tab in (watcher, comparer):
            await close_tab(tab)

    with python(WRITER, store) as writer:
        run(session(writer))


def test_a_pick_of_no_such_run_says_so_and_a_malformed_one_closes_the_tab(store, serve_store):
    server = serve_store(store)

    async def session():
        tab = await open_tab(server)
        await receive(tab)
        await pick(tab, 99)
        problem, _ = await receive(tab)
        assert problem["kind"] == "problem" and problem["pick"]
        assert problem["text"] == f"store={str(store)!r} has no run 99"
        for bad in ({"kind": "pick", "run": "1"}, {"kind": "pick", "run": 1, "compare": [True]}):
            other = await open_tab(server)
            await receive(other)
            await other.write_message(json.dumps(bad))
            assert await other.read_message() is None
            assert other.close_code == 1003
            other.close()
        await pick(tab, 1)  # the first tab goes on
        assert (await receive(tab))[0]["kind"] == "open"
        await close_tab(tab)

    run(session())


def test_the_store_page_keeps_the_token_origin_and_host_checks(store, serve_store):
    server = serve_store(store)
    assert get(server.address)[0] == 403
    assert get(server.url)[0] == 200
    assert b"livescopePage.connectStore(" in get(server.url)[2]
    auth = {"Authorization": f"token {server.token}"}
    assert refused(open_tab(server, headers={})) == 403
    assert refused(open_tab(server, headers={**auth, "Origin": FOREIGN})) == 403
    assert refused(open_tab(server, headers={**auth, "Host": "evil.example"})) == 403


def not_sqlite(path):
    path.write_text("step,loss\n0,1\n")


def other_tables(path):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")


def newer_schema(path):
    record(path, "mnist", "a", 0.1, 3)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE livescope_meta SET value = '99' WHERE key = 'schema_version'")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (None, "does not exist"),
        (not_sqlite, "is not a livescope store: it is not an SQLite database"),
        (other_tables, r"is not a livescope store: it has tables \(notes\)"),
        (newer_schema, "was written by a newer livescope"),
    ],
)
def test_what_is_not_a_store_it_can_read_is_refused_with_the_store_message(
    tmp_path, make, message, capsys, monkeypatch
):
    path = tmp_path / "runs.db"
    if make is not None:
        make(path)
    with pytest.raises(StoreError, match=message):
        StorePage(path)
    monkeypatch.setattr(comm, "create_comm", comm.create_comm)
    monkeypatch.setattr(livescope._kernel.shell, "_page_server", False)
    with pytest.raises(SystemExit) as exit_:
        main(["serve", str(path), "--port", "0"])
    assert exit_.value.code == 2
    assert f"error: store={str(path)!r}" in capsys.readouterr().err


def test_a_store_is_told_from_a_metrics_file(tmp_path, store):
    renamed = tmp_path / "runs"
    renamed.write_bytes(store.read_bytes())
    metrics = tmp_path / "metrics.jsonl"
    metrics.write_text('{"step": 0}\n')
    assert _is_store(str(store)) and _is_store(str(renamed))
    assert _is_store(str(tmp_path / "missing.sqlite"))
    assert _is_store("postgresql://me@db.example/runs")
    assert not _is_store(str(metrics)) and not _is_store(str(tmp_path / "missing.jsonl"))


@pytest.mark.parametrize("flag", [["--format", "csv"], ["--step", "epoch"], ["--panel", "a=b"]])
def test_the_command_line_refuses_file_options_for_a_store(store, flag, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["serve", str(store), *flag, "--port", "0"])
    assert exit_.value.code == 2
    assert "not run stores" in capsys.readouterr().err


def test_a_damaged_run_is_named_to_the_tab_that_picks_it_and_the_others_still_show(
    store, serve_store, recwarn
):
    with sqlite3.connect(store) as db:  # run 2's rows say more than they hold
        db.execute("UPDATE batches SET row_count = 10000 WHERE run_id = 2")
        db.execute("UPDATE runs SET params = 'not json' WHERE id = 3")
    server = serve_store(store)

    async def session():
        tab = await open_tab(server)
        listed, _ = await receive(tab)
        assert [entry["id"] for entry in listed["runs"]] == [1, 2]
        await pick(tab, 2)
        problem, _ = await next_of(tab, "problem")
        assert problem["pick"]
        said = "is damaged: run 2's rows from row 0 say 10000 rows x 2 values"
        assert said in problem["text"]
        await pick(tab, 1)  # the tab goes on, and so does the store's connection
        assert (await next_of(tab, "open"))[0]["run"] == 1
        await close_tab(tab)

    run(session())
    left_out = "run 3's params are not a mapping as livescope writes them; got 'not json'; it is"
    assert any(left_out in str(warning.message) for warning in recwarn)


def test_trajectory_and_frame_runs_compare_in_the_page_as_in_a_kernel(tmp_path, serve_store):
    path = tmp_path / "runs.db"
    t = np.linspace(0, 6, 60)
    for scale in (1.0, 2.0):  # two runs of a path, two of a frame, two of a faceted frame
        for plot in (
            LivePlot(kind="trajectory", title="walk", store=path),
            LivePlot(kind="frame", title="profile", store=path),
            LivePlot(kind="frame", facet=2, title="panels", store=path),
        ):
            rows = np.stack([scale * np.cos(t), np.sin(t)], axis=1)
            plot.extend(rows if plot.kind == "trajectory" else np.repeat(rows, 2, axis=1))
            plot.close()
    server = serve_store(path)

    async def session():
        tab = await open_tab(server)
        listed, _ = await receive(tab)
        compares = {(r["name"], r["id"]): r["compares"] for r in listed["runs"]}
        assert compares == {
            ("walk", 1): True, ("profile", 2): True, ("panels", 3): False,
            ("walk", 4): True, ("profile", 5): True, ("panels", 6): False,
        }  # fmt: skip
        for newer, older, drawn in ((4, 1, 1), (5, 2, 1), (6, 3, 0)):
            await pick(tab, newer, [older])
            compared, buffers = await next_of(tab, "custom", "runs")
            runs = compared["content"]["runs"]
            assert [r["id"] for r in runs] == [f"store:{older}"] * drawn
            if drawn:
                assert buffers, "the earlier run's points travel with it"
        await close_tab(tab)

    run(session())
