"""LivePlot.follow: a metrics file tailed as another process writes, rotates and rewrites it."""

import json
import logging
import os
import threading

import numpy as np
import pytest
from processes import python, wait_until

from livescope import LivePlot

# Appends records on request: "rows A B" writes steps A..B-1; "rotate" renames
# the file to .1 and starts a new one; "half" writes half a line, "rest" the rest.
WRITER = """
import json, os, sys
path = sys.argv[1]
out = open(path, "a")
for command in sys.stdin:
    word, *args = command.split()
    if word == "rows":
        for step in range(int(args[0]), int(args[1])):
            out.write(json.dumps({"step": step, "loss": 1 / (step + 1), "phase": "train"}) + "\\n")
    elif word == "rotate":
        out.close()
        os.rename(path, path + ".1")
        out = open(path, "a")
    elif word == "half":
        out.write('{"step": 1000, "lo')
    elif word == "rest":
        out.write('ss": 0.5}\\n')
    out.flush()
    print("done", flush=True)
"""


@pytest.fixture
def following():
    followers = []

    def follow(plot, path, **kwargs):
        followers.append(plot.follow(path, **kwargs))
        return followers[-1]

    yield follow
    for follower in followers:
        follower.close()


def test_a_file_another_process_appends_to_and_rotates(tmp_path, following, front_end):
    path = tmp_path / "metrics.jsonl"
    w = LivePlot()
    with python(WRITER, path) as writer:
        following(w, path)  # before the file exists
        writer.say("rows 0 300")
        writer.expect("done")
        wait_until(lambda: len(w) == 300, what="the first rows")
        writer.say("rotate")
        writer.expect("done")
        writer.say("rows 300 600")
        writer.expect("done")
        wait_until(lambda: len(w) == 600, what="the rows of the new file")
        writer.say("half")
        writer.expect("done")
        writer.say("rows 600 601")  # a line that is not finished is not read yet
        writer.expect("done")
    assert w.columns == ("loss",)  # the step is the x, the text field is no series
    np.testing.assert_array_equal(w.steps, np.arange(600))
    np.testing.assert_allclose(w.history[:, 0], 1 / (np.arange(600) + 1))
    assert w._widget.note == ""
    front_end.wait_for(lambda: front_end.rows_held() >= 600)


def test_a_partial_last_line_is_waited_for(tmp_path, following):
    path = tmp_path / "metrics.jsonl"
    path.write_text('{"step": 0, "loss": 1}\n{"step": 1, "lo')
    w = LivePlot()
    follower = following(w, path)
    wait_until(lambda: len(w) == 1)
    with path.open("a") as out:
        out.write('ss": 0.5}\n{"step": 2, "loss": 0.25}\n')
    wait_until(lambda: len(w) == 3)
    np.testing.assert_array_equal(w.history[:, 0], [1, 0.5, 0.25])
    assert follower.skipped == 0


def test_malformed_lines_are_skipped_and_counted_in_the_header(tmp_path, following, caplog):
    path = tmp_path / "metrics.jsonl"
    lines = [
        {"step": 0, "loss": 1.0},
        "this is not JSON",
        [1, 2, 3],
        {"step": 1, "loss": 0.5},
        {"step": float("inf"), "loss": 0.1},
        {"step": 2, "loss": None, "acc": 0.9},
    ]
    text = "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines)
    path.write_bytes(text.encode() + b"\xff\xfe not utf-8\n\n")
    w = LivePlot()
    with caplog.at_level(logging.WARNING, logger="livescope"):
        follower = following(w, path)
        wait_until(lambda: follower.skipped == 4 and len(w) == 3)
    assert w._widget.note == "4 lines skipped"
    assert "not JSON" in caplog.text
    np.testing.assert_array_equal(w.steps, [0, 1, 2])
    np.testing.assert_array_equal(w.history, [[1, np.nan], [0.5, np.nan], [np.nan, 0.9]])


def test_csv_with_a_header_and_empty_fields(tmp_path, following):
    path = tmp_path / "metrics.csv"
    path.write_text(
        "epoch,step,train_loss,val_loss,phase\n"
        "0,9,0.9,,train\n"
        "0,9,,0.95,val\n"
        "1,19,0.5,,train\n"
        "1,19,0.4\n"
    )
    w = LivePlot()
    follower = following(w, path)
    wait_until(lambda: len(w) == 2 and follower.skipped == 1)
    # The train and val lines of one step share a row; the short line is skipped.
    assert w.columns == ("epoch", "train_loss", "val_loss")
    np.testing.assert_array_equal(w.steps, [9, 19])
    np.testing.assert_array_equal(w.history, [[0, 0.9, 0.95], [1, 0.5, np.nan]])


def test_a_truncated_file_is_read_again_from_the_top(tmp_path, following):
    path = tmp_path / "metrics.jsonl"
    path.write_text("".join(json.dumps({"step": i, "x": i}) + "\n" for i in range(50)))
    w = LivePlot()
    following(w, path)
    wait_until(lambda: len(w) == 50)
    path.write_text(json.dumps({"step": 0, "x": -1}) + "\n")  # a new run rewrites the file
    wait_until(lambda: len(w) == 1, what="the plot to start over")
    np.testing.assert_array_equal(w.history, [[-1]])


def test_records_without_a_step_are_numbered(tmp_path, following):
    path = tmp_path / "log.txt"
    path.write_text('{"loss": 3}\n{"loss": 2}\n{"loss": 1, "iteration": 7}\n')
    w = LivePlot()
    following(w, path, step="iteration")
    wait_until(lambda: len(w) == 3)
    np.testing.assert_array_equal(w.steps, [0, 1, 7])


def test_follow_on_the_class_makes_the_plot(tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_text('{"step": 4, "loss": 3}\n')
    w = LivePlot.follow(path, title="from a file", height=200)
    try:
        assert w._widget.title == "from a file"
        wait_until(lambda: len(w) == 1)
    finally:
        for source in w._sources:
            source.close()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"format": "xml"}, ValueError, "format must be one of"),
        ({"step": ""}, TypeError, "step must be the name of a field"),
        ({"colour": "red"}, TypeError, "unexpected keyword"),
    ],
)
def test_bad_arguments_are_refused_clearly(tmp_path, kwargs, error, match):
    with pytest.raises(error, match=match):
        LivePlot().follow(tmp_path / "m.jsonl", **kwargs)


def test_kinds_without_named_columns_cannot_follow(tmp_path):
    with pytest.raises(ValueError, match="no names"):
        LivePlot(kind="waterfall").follow(tmp_path / "m.jsonl")


def test_any_line_that_is_no_record_is_skipped_and_reading_goes_on(tmp_path, following):
    path = tmp_path / "metrics.jsonl"
    lines = [
        '{"step": 0, "loss": 1.0}',
        '{"step": 1, "loss": ' + "9" * 400 + "}",  # OverflowError as a float
        "[" * 100_000 + "]" * 100_000,  # RecursionError in the JSON parser
        '{"step": 2, "loss": 0.5}',
    ]
    path.write_text("\n".join(lines) + "\n")
    w = LivePlot()
    follower = following(w, path)
    wait_until(lambda: follower.skipped == 2 and len(w) == 2)
    np.testing.assert_array_equal(w.steps, [0, 2])
    assert w._widget.note == "2 lines skipped"
    with path.open("a") as out:  # the reader is alive
        out.write('{"step": 3, "loss": 0.25}\n')
    wait_until(lambda: len(w) == 3)


def test_an_unreadable_path_is_said_in_the_header_and_looked_at_again(tmp_path, following):
    path = tmp_path / "metrics.jsonl"
    path.mkdir()
    w = LivePlot()
    following(w, path)
    wait_until(lambda: "cannot open the file" in w._widget.note, what="the reason in the header")
    assert "it is a directory" in w._widget.note
    path.rmdir()
    path.write_text('{"step": 0, "loss": 1.0}\n')
    wait_until(lambda: len(w) == 1)
    assert w._widget.note == ""


def test_a_deleted_file_is_said_in_the_header(tmp_path, following):
    path = tmp_path / "metrics.jsonl"
    path.write_text('{"step": 0, "loss": 1.0}\n')
    w = LivePlot()
    following(w, path)
    wait_until(lambda: len(w) == 1)
    path.unlink()
    wait_until(lambda: "deleted" in w._widget.note, what="the deletion in the header")
    path.write_text('{"step": 1, "loss": 0.5}\n')
    wait_until(lambda: len(w) == 2)
    assert w._widget.note == ""


def test_fields_beyond_max_columns_are_dropped_and_said_so(tmp_path, following):
    path = tmp_path / "metrics.jsonl"
    path.write_text('{"step": 0, "a": 1, "b": 2}\n{"step": 1, "a": 3, "c": 4}\n')
    w = LivePlot()
    following(w, path, max_columns=2)
    wait_until(lambda: len(w) == 2)
    assert w.columns == ("a", "b")
    np.testing.assert_array_equal(w.history, [[1, 2], [3, np.nan]])
    assert w._widget.note == "1 line had fields beyond max_columns=2 (their values were dropped)"


def test_close_returns_while_a_fifo_has_no_writer(tmp_path):
    path = tmp_path / "metrics.fifo"
    os.mkfifo(path)
    w = LivePlot()
    follower = w.follow(path)
    closer = threading.Thread(target=follower.close, daemon=True)
    closer.start()
    closer.join(timeout=10)
    assert not closer.is_alive(), "close() is stuck on the FIFO"


def test_a_fifo_is_followed_as_its_writer_writes(tmp_path, following):
    path = tmp_path / "metrics.fifo"
    os.mkfifo(path)
    w = LivePlot()
    following(w, path)
    # Opening for writing waits for the reader: the follower has the FIFO open.
    with open(path, "w") as out:
        out.write('{"step": 0, "loss": 1.0}\n')
        out.flush()
        wait_until(lambda: len(w) == 1)
    np.testing.assert_array_equal(w.history, [[1.0]])
