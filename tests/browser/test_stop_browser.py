"""Stop ends a busy cell's loop in JupyterLab on each kernel and comm routing users have.

JupyterLab >= 4.4 sends comm messages to kernel subshells by default
(``commsOverSubshells: perCommTarget``); sites turn that off, and ipykernel 6
has no subshells. Each setup runs the same notebook: a cell loops on
``running()``, a second cell is queued behind it, Stop is clicked. The loop
must end by Stop (not by its row bound), the queued cell must run once,
afterwards, with its own output, and every row must reach the browser.
"""

from __future__ import annotations

import ast
import math
import re
import time
from dataclasses import dataclass

import _livescope_dom as ls
import pytest
from _jupyter_server import IPYKERNEL6_KERNEL, JupyterServer, ipykernel6_python
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Setup:
    name: str
    kernel: str  # kernelspec of the notebook
    version_prefix: str  # of the kernel's ipykernel
    comms_over_subshells: bool  # the JupyterLab setting is at its default, not "disabled"

    def __str__(self) -> str:
        return self.name


SETUPS = [
    Setup("ipykernel7-default", "python3", "7.", comms_over_subshells=True),
    Setup("ipykernel7-comms-off", "python3", "7.", comms_over_subshells=False),
    Setup("ipykernel6-default", IPYKERNEL6_KERNEL, "6.31.", comms_over_subshells=True),
]

# Ends the loop if Stop never does: about 35 s at 1 ms a row, which fails the
# test instead of hanging it. A working Stop ends the loop within a second.
CAP_ROWS = 30_000
CELL_DONE_TIMEOUT_S = 120.0

SETUP_CELL = """\
import math, threading, time
import ipykernel
from IPython.display import display
from livescope import LivePlot

def row(i):
    return [math.sin(i / 100), math.cos(i / 100), i / 2]

w = LivePlot(columns=["a", "b", "c"], title="stop")
display(w)
queued_runs = 0

# Record how the Stop message reached the kernel: its subshell id and thread.
stop_seen = []
_comm = w._widget.comm
_handle = _comm._msg_callback
def _recording(msg):
    data = msg["content"]["data"]
    if data.get("method") == "custom" and data.get("content", {}).get("type") == "stop":
        stop_seen.append((msg["header"].get("subshell_id"), threading.current_thread().name))
    _handle(msg)
_comm.on_msg(_recording)
print(f"IPYKERNEL={ipykernel.__version__}")
"""

LOOP_CELL = f"""\
i = 0
while w.running() and i < {CAP_ROWS}:
    w.update(row(i))
    i += 1
    time.sleep(0.001)
print(f"END={{time.monotonic()!r}}")
print(f"ROWS={{i}}")
print(f"STOPPED={{w.stopped}}")
print(f"QUEUED_RUNS_DURING={{queued_runs}}")
print(f"STOP_SEEN={{stop_seen!r}}")
"""

QUEUED_CELL = """\
queued_runs += 1
print(f"QUEUED_RUNS={queued_runs} LEN={len(w)}")
"""


@pytest.fixture(params=SETUPS, ids=str)
def setup(request: pytest.FixtureRequest) -> Setup:
    setup = request.param
    if setup.kernel == IPYKERNEL6_KERNEL and not ipykernel6_python().exists():
        pytest.fail(
            f"no ipykernel 6.31 Python at {ipykernel6_python()}; run ./dev setup or point "
            "LIVESCOPE_IPYKERNEL6_PYTHON at a python with 'ipykernel>=6.31,<7' and livescope"
        )
    return setup


@pytest.fixture
def jupyter_server(
    setup: Setup, jupyter_server: JupyterServer, request: pytest.FixtureRequest
) -> JupyterServer:
    """The session's server, or the one with comms over subshells turned off."""
    if setup.comms_over_subshells:
        return jupyter_server
    return request.getfixturevalue("comms_off_server")


def _count(prompt: str | None) -> int:
    found = re.search(r"\[(\d+)\]", prompt or "")
    assert found, f"no execution count in prompt {prompt!r}"
    return int(found.group(1))


def _expected_sum(n: int) -> float:
    return math.fsum(math.sin(i / 100) + math.cos(i / 100) + i / 2 for i in range(n))


def test_stop_ends_the_busy_loop_and_the_queued_cell_runs_after(open_notebook, artifacts, setup):
    nb = open_notebook([SETUP_CELL, LOOP_CELL, QUEUED_CELL], kernel=setup.kernel)
    nb.run_cell(0)
    assert nb.printed_value(0, "IPYKERNEL").startswith(setup.version_prefix)
    root = ls.wait_rendered(nb, 0)

    loop_before = nb.start_cell(1)
    first = ls.wait_rows_at_least(root, 50, timeout_s=20)
    # Rows keep arriving while the cell runs: the loop is live and busy.
    ls.wait_rows_at_least(root, first + 50, timeout_s=20)
    queued_before = nb.start_cell(2)
    # The queued cell is waiting (JupyterLab shows "[*]"), not running inside the loop.
    expect(nb.cell(2).locator(".jp-InputPrompt")).to_have_text(re.compile(r"\[\*\]"))
    assert nb.kernel_status() == "busy"

    clicked = time.monotonic()
    ls.stop_button(root).click()
    nb.wait_cell_done(1, loop_before, timeout_s=CELL_DONE_TIMEOUT_S)
    nb.wait_cell_done(2, queued_before, timeout_s=CELL_DONE_TIMEOUT_S)

    n = int(nb.printed_value(1, "ROWS"))
    assert nb.printed_value(1, "STOPPED") == "True"
    assert 0 < n < CAP_ROWS, f"the loop ran to its bound ({n} rows): Stop did not end it"
    # Both machines' clocks are the same monotonic clock.
    latency = float(nb.printed_value(1, "END")) - clicked
    stop_seen = ast.literal_eval(nb.printed_value(1, "STOP_SEEN"))
    print(f"\n[{setup}] Stop to loop end {latency * 1000:.0f} ms; (subshell, thread) {stop_seen}")
    # The setup is in effect: Stop came over a subshell exactly where one is expected.
    over_subshell = setup.kernel == "python3" and setup.comms_over_subshells
    assert stop_seen, "the kernel saw no Stop message"
    assert all((subshell is not None) == over_subshell for subshell, _ in stop_seen), stop_seen

    # The queued cell ran once, after the loop, with its own output only.
    assert nb.printed_value(1, "QUEUED_RUNS_DURING") == "0"
    assert nb.stdout(2) == f"QUEUED_RUNS=1 LEN={n}\n"
    assert _count(nb.prompt(2)) == _count(nb.prompt(1)) + 1
    assert "QUEUED_RUNS=" not in nb.stdout(1)

    # Every row the loop made reaches the browser, in order.
    expect(root).to_have_attribute("data-rows", str(n), timeout=15_000)
    expect(root).to_have_attribute("data-stopped", "true", timeout=15_000)
    summary = ls.store_summary(root, last=1)
    assert (summary.dropped, summary.length, summary.columns) == (0, n, 3)
    assert summary.steps_increase
    assert summary.sum == pytest.approx(_expected_sum(n), rel=1e-9)
    artifacts.screenshot(root, f"stopped-{setup}")
