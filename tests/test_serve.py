"""`livescope serve` without a browser: WebSocket frames, the page server, the command line."""

import base64
import json
import os
import socket
import struct
import urllib.error
import urllib.request

import comm
import numpy as np
import pytest
from wire_decode import decode_rows

import livescope._kernel.shell
from livescope import LivePlot
from livescope._serve.cli import main
from livescope._serve.server import PlotServer
from livescope._serve.websocket import ProtocolError, WebSocket


def client_frame(opcode, payload, fin=True, masked=True):
    """A frame as a browser sends it: masked with a random key."""
    head = bytes([(0x80 if fin else 0) | opcode])
    mask_bit = 0x80 if masked else 0
    if len(payload) < 126:
        head += bytes([mask_bit | len(payload)])
    else:
        head += bytes([mask_bit | 126]) + struct.pack("!H", len(payload))
    if not masked:
        return head + payload
    key = os.urandom(4)
    return head + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


def read_frame(sock):
    """One unmasked server frame: (opcode, payload)."""
    reader = sock.makefile("rb")
    first, second = reader.read(2)
    length = second & 0x7F
    if length == 126:
        (length,) = struct.unpack("!H", reader.read(2))
    elif length == 127:
        (length,) = struct.unpack("!Q", reader.read(8))
    return first & 0x0F, reader.read(length)


@pytest.fixture
def pair():
    server, client = socket.socketpair()
    yield WebSocket(server, server.makefile("rb")), client
    server.close()
    client.close()


def test_websocket_reads_masked_and_fragmented_messages_and_answers_pings(pair):
    ws, client = pair
    client.sendall(client_frame(0x1, b'{"kind": "custom"}'))
    assert ws.receive() == (0x1, b'{"kind": "custom"}')
    client.sendall(client_frame(0x1, b"x" * 200, fin=False))
    client.sendall(client_frame(0x9, b"hi"))  # a ping between two fragments
    client.sendall(client_frame(0x0, b"y" * 5))
    assert ws.receive() == (0x1, b"x" * 200 + b"y" * 5)
    assert read_frame(client) == (0xA, b"hi")
    client.sendall(client_frame(0x8, b""))
    assert ws.receive() is None
    assert ws.closed


@pytest.mark.parametrize(
    ("frame", "match"),
    [
        (client_frame(0x1, b"hello", masked=False), "must be masked"),
        (client_frame(0x0, b"hello"), "unexpected opcode"),
        (bytes([0x81, 0xFF]) + struct.pack("!Q", 1 << 40) + b"\0" * 4, "a frame of"),
    ],
)
def test_websocket_refuses_what_a_browser_would_not_send(pair, frame, match):
    ws, client = pair
    client.sendall(frame)
    with pytest.raises(ProtocolError, match=match):
        ws.receive()


@pytest.fixture
def server(monkeypatch):
    """A PlotServer in this process; comm and the page flag are restored afterwards."""
    monkeypatch.setattr(comm, "create_comm", comm.create_comm)
    monkeypatch.setattr(livescope._kernel.shell, "_page_server", False)
    made = PlotServer("127.0.0.1", 0)
    made.start()
    yield made
    made.close()


def connect(url):
    host, port = url.removeprefix("http://").strip("/").split(":")
    sock = socket.create_connection((host, int(port)))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        f"GET /ws HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    response = b""
    while not response.endswith(b"\r\n\r\n"):
        response += sock.recv(1)
    assert response.startswith(b"HTTP/1.1 101"), response
    return sock


def page_message(sock):
    opcode, data = read_frame(sock)
    assert opcode == 0x2
    (length,) = struct.unpack("<I", data[:4])
    header = json.loads(data[4 : 4 + length])
    base = 4 + length
    assert base % 8 == 0
    buffers = [data[base + offset : base + offset + size] for offset, size in header["buffers"]]
    return header, buffers


def test_a_tab_gets_the_state_then_the_rows_it_asks_for(server):
    w = LivePlot(columns=["loss"], title="served")
    w.extend(np.arange(5.0).reshape(5, 1))
    server.show(w)
    sock = connect(server.url)
    header, _ = page_message(sock)
    assert header["kind"] == "open"
    assert header["state"]["title"] == "served"
    assert header["state"]["columns"] == ["loss"]
    assert "_esm" not in header["state"] and "_runtime" not in header["state"]

    sync = {"kind": "custom", "content": {"type": "sync", "generation": 0, "from": 0}}
    sock.sendall(client_frame(0x1, json.dumps(sync).encode()))
    header, buffers = page_message(sock)
    assert header["kind"] == "custom"
    _, _, values = decode_rows(header["content"], buffers)
    np.testing.assert_array_equal(values, w.history)

    stop = {"kind": "custom", "content": {"type": "stop"}}
    sock.sendall(client_frame(0x1, json.dumps(stop).encode()))
    header, _ = page_message(sock)  # every tab hears that the plot stopped
    assert header == {"kind": "update", "state": {"stopped": True}, "buffers": []}
    assert w.stopped
    sock.close()


def test_the_page_and_its_files_are_served(server):
    server.show(LivePlot(title="<b>run</b>"))
    with urllib.request.urlopen(server.url) as response:
        page = response.read().decode()
    assert "&lt;b&gt;run&lt;/b&gt;" in page and "static/page.js" in page
    with urllib.request.urlopen(server.url + "static/page.js") as response:
        assert response.headers["Content-Type"].startswith("text/javascript")
    with pytest.raises(urllib.error.HTTPError, match="404"):
        urllib.request.urlopen(server.url + "etc/passwd")
    request = urllib.request.Request(server.url + "ws", headers={"Upgrade": "websocket"})
    with pytest.raises(urllib.error.HTTPError, match="400"):
        urllib.request.urlopen(request)


@pytest.mark.parametrize(
    "args",
    [
        ["serve", "metrics.jsonl", "--allow-remote"],
        ["serve", "tcp://127.0.0.1:5577", "--format", "csv"],
        ["serve"],
        ["serve", "tcp://0.0.0.0:5577"],  # beyond loopback without --allow-remote
    ],
)
def test_the_command_line_refuses_what_does_not_fit(args, capsys, monkeypatch):
    monkeypatch.setattr(comm, "create_comm", comm.create_comm)
    monkeypatch.setattr(livescope._kernel.shell, "_page_server", False)
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--port", "0"] if len(args) > 1 else args)
    assert exit_.value.code == 2
    assert "error" in capsys.readouterr().err
