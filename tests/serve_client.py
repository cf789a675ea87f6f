"""A client of `livescope serve` for tests: HTTP requests, tabs' sockets, message frames."""

import asyncio
import concurrent.futures
import json
import struct
import time
import urllib.error
import urllib.request

import pytest
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

TIMEOUT_S = 10


def wait_until(condition, what):
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        assert time.monotonic() < deadline, (
            f"timed out waiting for {what() if callable(what) else what}"
        )
        time.sleep(0.01)


def run(coroutine):
    # On a thread of its own: in a full run the browser tests' Playwright keeps
    # an event loop running on the main thread, where asyncio.run would refuse.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, asyncio.wait_for(coroutine, TIMEOUT_S)).result()


def get(url, headers=None):
    """(status, headers, body) of a GET, errors included."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


async def open_tab(server, path="ws", headers=None):
    """A WebSocket to `server`, authenticated by its token unless `headers` says otherwise."""
    url = server.address.replace("http://", "ws://") + path
    if headers is None and server.token:
        headers = {"Authorization": f"token {server.token}"}
    return await websocket_connect(HTTPRequest(url, headers=headers))


async def close_tab(tab):
    """Close and wait for the server's answer, so the socket is closed here too."""
    tab.close()
    while await tab.read_message() is not None:
        pass


def decode(data):
    (length,) = struct.unpack("<I", data[:4])
    header = json.loads(data[4 : 4 + length])
    base = 4 + length
    assert base % 8 == 0
    buffers = [data[base + offset : base + offset + size] for offset, size in header["buffers"]]
    return header, buffers


async def receive(tab):
    data = await tab.read_message()
    assert isinstance(data, bytes), data
    return decode(data)


def refused(coroutine):
    """The HTTP status a refused WebSocket handshake got."""
    with pytest.raises(HTTPClientError) as error:
        run(coroutine)
    return error.value.code
