"""A log file into the right panels: LivePlot.follow(columns=...) takes only those
fields, Dashboard.follow(panels=...) makes one panel per group."""

import json

import numpy as np
import pytest
from processes import wait_until

from livescope import Dashboard, LivePlot

RECORDS = [
    {"step": 0, "loss": 1.0, "acc": 0.1, "lr": 0.01},
    {"step": 1, "loss": 0.8, "acc": 0.2, "lr": 0.01},
    {"step": 2, "loss": 0.6, "val_loss": 0.7, "acc": 0.3, "val_acc": 0.25, "lr": 0.01},
]


def write(path, records):
    with path.open("a") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")


def test_follow_with_columns_takes_only_those_fields(tmp_path):
    path = tmp_path / "log.jsonl"
    write(path, RECORDS)
    w = LivePlot.follow(path, columns=["loss", "val_loss"])
    try:
        wait_until(lambda: len(w) == 3)
        assert w.columns == ("loss", "val_loss")
        np.testing.assert_array_equal(w.history[:, 0], [1.0, 0.8, 0.6])
        assert w.history[2, 1] == 0.7
    finally:
        w.close()


def test_records_without_any_field_asked_for_add_no_row(tmp_path):
    path = tmp_path / "log.jsonl"
    write(path, [{"step": 0, "lr": 0.1}, {"step": 1, "val_loss": 0.5}])
    w = LivePlot.follow(path, columns=["val_loss"])
    try:
        wait_until(lambda: len(w) == 1)
        np.testing.assert_array_equal(w.steps, [1])
    finally:
        w.close()


def test_dashboard_follow_makes_one_panel_per_group(tmp_path):
    path = tmp_path / "log.jsonl"
    write(path, RECORDS)
    d = Dashboard.follow(
        path, panels={"loss": ["loss", "val_loss"], "acc": ["acc", "val_acc"]}, height=200
    )
    try:
        assert list(d) == ["loss", "acc"]
        wait_until(lambda: len(d["loss"]) == 3 and len(d["acc"]) == 3)
        assert d["loss"].columns == ("loss", "val_loss")
        assert d["acc"].columns == ("acc", "val_acc")
        assert d["acc"].widget.title == "acc" and d["acc"].widget.height == 200
        d._settle_activity()
        assert d._controls.activity == "following"
    finally:
        d.close()
    assert all(not source.open for plot in d.plots.values() for source in plot._sources)


@pytest.mark.parametrize(
    ("panels", "match"),
    [
        ({}, "panels must be a mapping of panel names to lists of fields"),
        (["loss"], "panels must be a mapping"),
        ({"loss": "loss"}, "panel 'loss' must list the fields it shows"),
        ({"loss": []}, "panel 'loss' must list the fields it shows"),
        ({"loss": ["loss", 3]}, "panel 'loss' must list the fields it shows"),
        ({1: ["loss"]}, "panel names must be strings"),
    ],
)
def test_bad_panels_are_refused_clearly(tmp_path, panels, match):
    with pytest.raises(TypeError, match=match):
        Dashboard.follow(tmp_path / "log.jsonl", panels=panels)


def test_a_bad_follow_option_leaves_no_follower_behind(tmp_path):
    with pytest.raises(ValueError, match="format must be one of"):
        Dashboard.follow(tmp_path / "log.jsonl", panels={"a": ["a"]}, format="xml")
