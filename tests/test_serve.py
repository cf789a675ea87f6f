"""`livescope serve` without a browser: the page server, whom it serves, its bounds, its CLI."""

import json
import logging
import socket
import threading

import comm
import numpy as np
import pytest
from serve_client import (
    TIMEOUT_S,
    close_tab,
    get,
    open_tab,
    receive,
    refused,
    run,
    wait_until,
)
from wire_decode import decode_rows

import livescope._kernel.shell
from livescope import LivePlot
from livescope._serve.cli import main
from livescope._serve.server import PlotServer

FOREIGN = "http://evil.example"


@pytest.fixture
def serve(monkeypatch):
    """Start PlotServers in this process; comm and the page flag are restored afterwards."""
    monkeypatch.setattr(comm, "create_comm", comm.create_comm)
    monkeypatch.setattr(livescope._kernel.shell, "_page_server", False)
    made = []

    def start(**kwargs):
        made.append(PlotServer("127.0.0.1", 0, **kwargs))
        made[-1].start()
        return made[-1]

    yield start
    for server in made:
        server.close()


@pytest.fixture
def server(serve):
    return serve()


def test_a_tab_gets_the_state_then_the_rows_it_asks_for(server):
    w = LivePlot(columns=["loss"], title="served")
    w.extend(np.arange(5.0).reshape(5, 1))
    server.show(w)

    async def session():
        tab = await open_tab(server)
        header, _ = await receive(tab)
        assert header["kind"] == "open"
        assert header["state"]["title"] == "served"
        assert header["state"]["columns"] == ["loss"]
        assert "_esm" not in header["state"] and "_runtime" not in header["state"]

        sync = {"kind": "custom", "content": {"type": "sync", "generation": 0, "from": 0}}
        await tab.write_message(json.dumps(sync))
        header, buffers = await receive(tab)
        assert header["kind"] == "custom"
        _, _, values = decode_rows(header["content"], buffers)
        np.testing.assert_array_equal(values, w.history)

        await tab.write_message(json.dumps({"kind": "custom", "content": {"type": "stop"}}))
        header, _ = await receive(tab)  # every tab hears that the plot stopped
        assert header == {"kind": "update", "state": {"stopped": True}, "buffers": []}
        await close_tab(tab)

    run(session())
    assert w.stopped


def test_the_page_sets_the_token_cookie_its_files_and_socket_use(server):
    server.show(LivePlot(title="<b>run</b>"))
    assert server.url == f"{server.address}?token={server.token}"
    assert len(server.token) >= 32
    status, headers, page = get(server.url)
    assert status == 200
    assert "&lt;b&gt;run&lt;/b&gt;" in page.decode() and "static/page.js" in page.decode()
    cookie = headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    sent = {"Cookie": cookie.split(";")[0]}

    status, headers, _ = get(server.address + "static/page.js", sent)
    assert status == 200
    assert headers["Content-Type"].startswith("text/javascript")
    assert get(server.address + "etc/passwd", sent)[0] == 404
    assert get(server.address + "ws", sent)[0] == 400  # not an upgrade

    async def session():
        tab = await open_tab(server, headers=sent)
        assert (await receive(tab))[0]["kind"] == "open"
        await close_tab(tab)
        tab = await open_tab(server, f"ws?token={server.token}", headers={})
        assert (await receive(tab))[0]["kind"] == "open"
        await close_tab(tab)

    run(session())


def test_without_the_token_pages_files_and_sockets_are_refused(server):
    server.show(LivePlot())
    for path in ["", "static/page.js", "favicon.ico", "etc/passwd", "?token=wrong"]:
        status, headers, body = get(server.address + path)
        assert status == 403, path
        assert b"token" in body
        assert "Set-Cookie" not in headers
    wrong = {"Authorization": "token wrong", "Cookie": "livescope-token-0=wrong"}
    assert get(server.address, wrong)[0] == 403
    assert refused(open_tab(server, headers={})) == 403
    assert refused(open_tab(server, "ws?token=wrong", headers={})) == 403


def test_a_chosen_token_or_none(serve):
    chosen = serve(token="my-token")
    chosen.show(LivePlot())
    assert chosen.url.endswith("/?token=my-token")
    assert get(chosen.url)[0] == 200
    open_one = serve(token=False)
    open_one.show(LivePlot())
    assert open_one.url == open_one.address
    assert get(open_one.address)[0] == 200

    async def session():
        tab = await open_tab(open_one, headers={})
        assert (await receive(tab))[0]["kind"] == "open"
        await close_tab(tab)

    run(session())


@pytest.mark.parametrize("token", ["", "has space", "semi;colon", None, 3])
def test_a_token_that_cannot_stand_in_a_url_is_refused(token, monkeypatch):
    monkeypatch.setattr(comm, "create_comm", comm.create_comm)
    with pytest.raises(ValueError, match=r"token \(--token\) must be .* got"):
        PlotServer("127.0.0.1", 0, token=token)


def test_a_foreign_origin_is_refused(server):
    w = LivePlot(columns=["loss"])
    w.extend(np.ones((3, 1)))
    server.show(w)
    auth = {"Authorization": f"token {server.token}"}
    for origin in [FOREIGN, f"http://localhost:{server.address.split(':')[-1]}", "null"]:
        assert refused(open_tab(server, headers={**auth, "Origin": origin})) == 403, origin
        assert get(server.address, {**auth, "Origin": origin})[0] == 403
    assert not w.stopped

    async def same_origin():
        tab = await open_tab(server, headers={**auth, "Origin": server.address.rstrip("/")})
        assert (await receive(tab))[0]["kind"] == "open"
        await close_tab(tab)

    run(same_origin())


def test_an_allowed_origin_is_served(serve):
    server = serve(allow_origins=["https://Dash.example:8443/"])
    server.show(LivePlot())

    async def session():
        headers = {"Authorization": f"token {server.token}", "Origin": "https://dash.example:8443"}
        tab = await open_tab(server, headers=headers)
        assert (await receive(tab))[0]["kind"] == "open"
        await close_tab(tab)

    run(session())
    assert refused(open_tab(server, headers={"Origin": "https://dash.example"})) == 403


@pytest.mark.parametrize("origin", ["dash.example", "ftp://dash.example", "https://d.example/x"])
def test_an_origin_to_allow_must_be_one(origin, monkeypatch):
    monkeypatch.setattr(comm, "create_comm", comm.create_comm)
    with pytest.raises(ValueError, match=r"allow_origins \(--allow-origin\): expected an origin"):
        PlotServer("127.0.0.1", 0, allow_origins=[origin])


def test_a_host_not_of_this_server_is_refused(server):
    server.show(LivePlot())
    port = server.address.split(":")[-1].strip("/")
    auth = {"Authorization": f"token {server.token}"}
    for host in [f"evil.example:{port}", "evil.example", "127.0.0.2", "", "[::1", "localhost:x"]:
        status, _, body = get(server.address, {**auth, "Host": host})
        assert status == 403, host
        assert b"Host" in body
        assert refused(open_tab(server, headers={**auth, "Host": host})) == 403
    for host in [f"localhost:{port}", f"127.0.0.1:{port}", "[::1]:8000"]:  # ssh -L 8000:...
        assert get(server.address, {**auth, "Host": host})[0] == 200, host


def test_unfinished_requests_hold_no_threads_and_logs_no_traceback_when_they_go(
    server, caplog, capfd
):
    caplog.set_level(logging.DEBUG)
    server.show(LivePlot())
    threads = threading.active_count()
    host, port = server.address.removeprefix("http://").strip("/").split(":")
    hanging = [socket.create_connection((host, int(port))) for _ in range(200)]
    try:
        for sock in hanging:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # no end of headers
        # Connections are accepted in order: this one is answered after all of them.
        assert get(server.url)[0] == 200
        assert threading.active_count() == threads
        assert server.connections >= 200
    finally:
        for sock in hanging:
            sock.close()
    wait_until(
        lambda: server.connections == 0,
        lambda: f"the server to see the connections go ({server.connections} open)",
    )
    assert [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info] == []
    assert "Traceback" not in capfd.readouterr().err


def test_a_tab_that_vanishes_logs_no_traceback(server, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    w = LivePlot(columns=["loss"])
    server.show(w)

    async def vanish():
        tab = await open_tab(server)
        await receive(tab)
        tab.protocol.stream.close()  # no close frame: the page's machine went away
        tab.close()

    run(vanish())
    w.extend(np.ones((10, 1)))  # sent to a socket whose other end is gone
    wait_until(lambda: server.hub.tabs == 0, "the server to drop the tab")
    assert [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info] == []
    assert "Traceback" not in capfd.readouterr().err


def test_a_bad_message_closes_only_that_tab(server, caplog):
    server.show(LivePlot())

    async def session():
        good, bad, binary = [await open_tab(server) for _ in range(3)]
        for tab in (good, bad, binary):
            await receive(tab)
        await bad.write_message("not json")
        await binary.write_message(b"{}", binary=True)
        for tab in (bad, binary):
            assert await tab.read_message() is None
            assert tab.close_code == 1003
            tab.close()
        sync = {"kind": "custom", "content": {"type": "sync", "generation": 0, "from": 0}}
        await good.write_message(json.dumps(sync))
        assert (await receive(good))[0]["kind"] == "custom"
        await close_tab(good)

    run(session())
    assert "closing a tab" in caplog.text


def test_a_message_over_1_mib_closes_that_socket(server):
    server.show(LivePlot())

    async def session():
        tab = await open_tab(server)
        await receive(tab)
        await tab.write_message("x" * (1 << 20 | 1))
        assert await tab.read_message() is None
        assert tab.close_code == 1009
        tab.close()

    run(session())


def test_sockets_beyond_the_bound_are_closed_with_a_reason(serve):
    server = serve(max_sockets=2)
    server.show(LivePlot())

    async def session():
        tabs = [await open_tab(server) for _ in range(2)]
        for tab in tabs:
            assert (await receive(tab))[0]["kind"] == "open"
        third = await open_tab(server)
        assert await third.read_message() is None
        assert third.close_code == 1013
        assert third.close_reason == "livescope serve: too many tabs (at most 2)"
        third.close()
        await close_tab(tabs.pop())
        again = await open_tab(server)  # a place is free again
        assert (await receive(again))[0]["kind"] == "open"
        for tab in [*tabs, again]:
            await close_tab(tab)

    run(session())


def test_connections_beyond_the_bound_get_a_503(serve):
    server = serve(max_connections=3)
    server.show(LivePlot())
    host, port = server.address.removeprefix("http://").strip("/").split(":")
    held = [socket.create_connection((host, int(port))) for _ in range(3)]
    try:
        with socket.create_connection((host, int(port))) as extra:
            extra.settimeout(TIMEOUT_S)
            answer = b""
            while chunk := extra.recv(4096):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 503 ")
        assert answer.endswith(b"livescope serve: too many connections (at most 3)\n")
    finally:
        held.pop().close()
    wait_until(lambda: server.connections == 2, "the server to see a connection go")
    assert get(server.url)[0] == 200
    for sock in held:
        sock.close()


@pytest.mark.parametrize(
    "args",
    [
        ["serve", "metrics.jsonl", "--allow-remote"],
        ["serve", "tcp://127.0.0.1:5577", "--format", "csv"],
        ["serve"],
        ["serve", "tcp://0.0.0.0:5577"],  # beyond loopback without --allow-remote
        ["serve", "metrics.jsonl", "--token", "t", "--no-token"],
        ["serve", "metrics.jsonl", "--token", ""],
        ["serve", "metrics.jsonl", "--allow-origin", "dash.example"],
        ["serve", "tcp://127.0.0.1:5577", "--panel", "loss=loss"],  # panels are for files
        ["serve", "metrics.jsonl", "--panel", "loss"],
        ["serve", "metrics.jsonl", "--panel", "loss="],
        ["serve", "metrics.jsonl", "--panel", "a=x", "--panel", "a=y"],
        ["serve", "metrics.jsonl", "--height", "20"],
    ],
)
def test_the_command_line_refuses_what_does_not_fit(args, capsys, monkeypatch):
    monkeypatch.setattr(comm, "create_comm", comm.create_comm)
    monkeypatch.setattr(livescope._kernel.shell, "_page_server", False)
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--port", "0"] if len(args) > 1 else args)
    assert exit_.value.code == 2
    assert "error" in capsys.readouterr().err


def test_panels_open_one_by_one_and_their_messages_name_them(server):
    loss, acc = LivePlot(["loss", "val_loss"], title="loss"), LivePlot(["acc"], title="acc")
    acc.extend(np.arange(3.0).reshape(3, 1))
    server.show_panels([loss, acc], 2, "run")

    async def session():
        tab = await open_tab(server)
        opened = [(await receive(tab))[0] for _ in range(2)]
        assert [(h["kind"], h["panel"], h["panels"], h["columns"]) for h in opened] == [
            ("open", 0, 2, 2),
            ("open", 1, 2, 2),
        ]
        assert [h["state"]["title"] for h in opened] == ["loss", "acc"]
        sync = {"type": "sync", "generation": 0, "from": 0}
        await tab.write_message(json.dumps({"kind": "custom", "content": sync, "panel": 1}))
        header, buffers = await receive(tab)
        assert (header["kind"], header["panel"]) == ("custom", 1)
        _, _, values = decode_rows(header["content"], buffers)
        np.testing.assert_array_equal(values, acc.history)
        await close_tab(tab)

    run(session())
    assert b"<title>run</title>" in get(server.url)[2]
