"""In a real kernel: the cell that changes a plot ends by refreshing its saved state,
the snapshot trait and the picture in its display output, before the kernel goes idle."""

from __future__ import annotations

import pytest
from harness import Kernel

pytestmark = pytest.mark.kernel

SETUP = """
from IPython.display import display
from livescope import LivePlot
w = LivePlot(columns=["a", "b"], title="saved")
display(w)
"""


def messages_of(kernel: Kernel, msg_id: str, msg_type: str) -> list[dict]:
    return [
        m
        for m in kernel.iopub
        if m["msg_type"] == msg_type and m["parent_header"].get("msg_id") == msg_id
    ]


def snapshot_updates(kernel: Kernel, msg_id: str) -> list[dict]:
    return [
        m
        for m in messages_of(kernel, msg_id, "comm_msg")
        if m["content"]["data"].get("method") == "update"
        and ["_snapshot"] in m["content"]["data"].get("buffer_paths", [])
    ]


def test_a_cell_that_changes_the_plot_refreshes_snapshot_and_picture(kernel: Kernel) -> None:
    setup_id = kernel.execute(SETUP)
    kernel.wait_idle(setup_id)
    (shown,) = messages_of(kernel, setup_id, "display_data")
    display_id = shown["content"]["transient"]["display_id"]
    data = shown["content"]["data"]
    assert "application/vnd.jupyter.widget-view+json" in data
    assert "no rows yet" in data["image/svg+xml"]

    loop_id = kernel.execute("for i in range(5000):\n    w.update([i, -i])")
    kernel.wait_idle(loop_id)
    (update,) = messages_of(kernel, loop_id, "update_display_data")
    assert update["content"]["transient"]["display_id"] == display_id
    assert "latest step 4999" in update["content"]["data"]["image/svg+xml"]
    (snapshot,) = snapshot_updates(kernel, loop_id)
    assert bytes(snapshot["buffers"][0])[:4] == b"LSNP"

    quiet_id = kernel.execute("x = 1")
    kernel.wait_idle(quiet_id)
    assert messages_of(kernel, quiet_id, "update_display_data") == []
    assert snapshot_updates(kernel, quiet_id) == []
