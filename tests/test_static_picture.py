"""The static picture: a line plot's scene, written as SVG (no kernel, no browser)."""

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from livescope._core.data import LinesData
from livescope._core.smoothing import smooth_columns
from livescope._picture.lines import lines_frames, lines_scene
from livescope._picture.scene import (
    MUTED,
    PALETTE,
    Polylines,
    Text,
    faint,
    format_step,
    format_value,
    replay_ends,
    replay_every,
)
from livescope._picture.svg import scene_to_svg
from livescope._picture.ticks import exact_label, nice_ticks, tick_labels

SVG = "{http://www.w3.org/2000/svg}"


def data(values, *, title="", columns=None, steps=None, options=None):
    values = np.asarray(values, np.float64).reshape(len(values), -1)
    steps = np.arange(len(values), dtype=np.float64) if steps is None else np.asarray(steps)
    columns = columns or tuple(f"s{c}" for c in range(values.shape[1]))
    options = options or {}
    return LinesData(columns, steps, np.zeros(len(values)), values, title=title, options=options)


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


NUMBER = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)")


def decode_path(d: str) -> list[np.ndarray]:
    """The runs of points of an SVG path written as "M x y l dx dy ..." per run."""
    runs = []
    for part in re.findall(r"M[^M]*", d):
        head, _, tail = part[1:].partition("l")
        x, y = map(float, NUMBER.findall(head))
        deltas = [float(n) for n in NUMBER.findall(tail)]
        points = [(x, y)]
        for dx, dy in zip(deltas[::2], deltas[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        runs.append(np.array(points))
    return runs


def series_paths(root: ET.Element, index: int) -> list[ET.Element]:
    return [p for p in root.iter(f"{SVG}path") if p.get("stroke") == PALETTE[index]]


def test_svg_is_valid_xml_with_title_legend_axes_and_a_line_per_series():
    svg = scene_to_svg(lines_scene(data([[1, 5], [2, 4], [3, 3]], title="loss <&> 'x'")))
    root = parse(svg)
    labels = texts(root)
    assert "loss <&> 'x'" in labels
    assert "latest step 2" in labels
    assert "s0 3" in labels and "s1 3" in labels
    assert "step" in labels  # the x label
    assert {"0", "0.5", "1.5", "2.0"} <= set(labels)  # x ticks, decimals as the spacing needs
    for c in range(2):
        (path,) = series_paths(root, c)
        assert path.get("d").count("M") == 1
    assert root.get("width") == "800"


def test_nan_and_inf_break_the_line_into_runs():
    values = [1.0, 2.0, np.nan, 4.0, 5.0, np.inf, 7.0, 8.0]
    root = parse(scene_to_svg(lines_scene(data(values))))
    (path,) = series_paths(root, 0)
    assert path.get("d").count("M") == 3


def test_paths_are_relative_moves_that_land_on_the_points_to_a_tenth_of_a_pixel():
    rng = np.random.default_rng(3)
    values = rng.standard_normal(5000).cumsum()
    values[1000:1100] = np.nan
    scene = lines_scene(data(values))
    (line,) = [i for i in scene.items if isinstance(i, Polylines) and i.stroke == PALETTE[0]]
    (path,) = series_paths(parse(scene_to_svg(scene)), 0)
    decoded = decode_path(path.get("d"))
    assert len(decoded) == len(line.runs) == 2
    for got, want in zip(decoded, line.runs, strict=True):
        np.testing.assert_allclose(got, want, atol=0.05 + 1e-9)


def series_lines(scene) -> list[Polylines]:
    """The scene's lines of series (the axes' and grid's left out)."""
    colors = {*PALETTE, *map(faint, PALETTE)}
    return [i for i in scene.items if isinstance(i, Polylines) and i.stroke in colors]


def test_smoothing_draws_the_smoothed_line_over_a_faint_raw_one_as_the_view_does():
    rng = np.random.default_rng(5)
    values = np.column_stack([rng.standard_normal(300).cumsum(), rng.standard_normal(300)])
    picture = data(values, options={"smoothing": 0.9, "hidden": ["s1"]})
    scene = lines_scene(picture)
    lines = series_lines(scene)
    # Raw lines first, then the smoothed ones; the hidden series has neither.
    assert [(line.stroke, line.width) for line in lines] == [
        (faint(PALETTE[0]), 1.0),
        (PALETTE[0], 1.5),
    ]
    smoothed = smooth_columns(values, 0.9)[:, 0]
    (run,) = lines[1].runs
    np.testing.assert_allclose(run[:, 1], scene.plot.y_px(smoothed), atol=1e-9)
    (path,) = series_paths(parse(scene_to_svg(scene)), 0)
    assert path.get("stroke-width") == "1.5"


def test_a_smoothing_the_view_would_not_take_draws_raw_lines_only():
    for smoothing in (0, -1, "0.5", float("nan"), True):
        scene = lines_scene(data([1.0, 3.0, 2.0], options={"smoothing": smoothing}))
        assert [line.stroke for line in series_lines(scene)] == [PALETTE[0]]
    assert data([1.0], options={"smoothing": 5}).smoothing == 0.99


def test_a_series_without_any_value_draws_no_line_but_keeps_its_legend_entry():
    root = parse(scene_to_svg(lines_scene(data([[1, np.nan], [2, np.nan]]))))
    assert series_paths(root, 1) == []
    assert "s1 NaN" in texts(root)


def test_a_lone_point_is_drawn_as_a_dot():
    root = parse(scene_to_svg(lines_scene(data([3.0]))))
    (path,) = series_paths(root, 0)
    assert path.get("d").endswith("h.01")


def test_an_empty_plot_says_so():
    empty = LinesData(("a",), np.empty(0), np.empty(0), np.empty((0, 1)))
    root = parse(scene_to_svg(lines_scene(empty)))
    assert "no rows yet" in texts(root)
    assert series_paths(root, 0) == []


def test_a_million_rows_draw_at_pixel_resolution_with_the_spike():
    values = np.zeros((1_000_000, 1))
    values[400_000] = 10.0
    scene = lines_scene(data(values))
    (line,) = [i for i in scene.items if isinstance(i, Polylines) and i.stroke == PALETTE[0]]
    points = np.concatenate(line.runs)
    assert len(points) <= 2 * 800
    assert points[:, 1].min() == pytest.approx(float(scene.plot.y_px(10.0)))
    assert len(scene_to_svg(scene)) < 40_000


def test_frames_grow_the_lines_within_fixed_axes():
    frames = list(lines_frames(data(np.arange(100.0)), every=30))
    assert len(frames) == 5  # the first row, 31, 61, 91 and all 100 rows
    assert {f.plot.x_range for f in frames} == {(0.0, 99.0)}
    assert len({f.plot.y_range for f in frames}) == 1
    captions = [t.text for f in frames for t in f.items if isinstance(t, Text)]
    assert "latest step 0" in captions and "latest step 99" in captions


@pytest.mark.parametrize(
    ("lo", "hi", "target", "expected"),
    [
        (0, 10, 5, [0, 2, 4, 6, 8, 10]),
        (0.1, 0.9, 5, [0.2, 0.4, 0.6, 0.8]),
        (-3, 7, 4, [0, 5]),
        (-3, 7, 5, [-2, 0, 2, 4, 6]),
        (5, 5, 4, [5]),
    ],
)
def test_nice_ticks(lo, hi, target, expected):
    assert nice_ticks(lo, hi, target) == pytest.approx(expected)


def test_number_formats_match_the_widget():
    assert tick_labels([2.5], 0.5) == ["2.5"]
    assert tick_labels([250000], 50000) == ["250000"]
    assert exact_label(1e-6) == "1e-6"
    assert format_value(0.123456) == "0.123456"
    assert format_value(1234567) == "1234567"
    assert format_value(1000001.0) == "1000001"
    assert format_value(123456789.0) == "1.234568e+8"
    assert format_value(np.float32(0.3)) == "0.3"
    assert format_value(float("nan")) == "NaN"
    assert format_value(float("-inf")) == "-∞"
    assert format_step(12.0) == "12"
    assert format_step(0.5) == "0.5"
    assert format_step(1000000.5) == "1000000.5"


def test_log_y_draws_log10_with_gaps_for_values_not_above_zero():
    values = [1e-3, 1e-2, 0.0, 1e-1, 1.0, 10.0]
    scene = lines_scene(
        LinesData(
            ("loss",),
            np.arange(6.0),
            np.zeros(6),
            np.array(values)[:, None],
            options={"log_y": True},
        )
    )
    root = parse(scene_to_svg(scene))
    assert {"0.001", "0.01", "0.1", "1", "10"} <= set(texts(root))
    (path,) = series_paths(root, 0)
    assert path.get("d").count("M") == 2  # the zero is a gap
    assert float(scene.plot.y_px(0.0)) == pytest.approx(
        (float(scene.plot.y_px(-3.0)) + float(scene.plot.y_px(3.0))) / 2
    )


def test_log_y_keeps_a_bins_smallest_positive_value_where_its_minimum_is_not_above_zero():
    # Too many rows to draw one by one: binned, each bin also holding a zero,
    # as the widget's envelope does on a log scale (js/kinds/lines/envelope.js).
    values = np.tile([0.0, 1e-3, 1.0], 2000)
    scene = lines_scene(
        LinesData(
            ("loss",),
            np.arange(6000.0),
            np.zeros(6000),
            values[:, None],
            options={"log_y": True},
        )
    )
    root = parse(scene_to_svg(scene))
    assert "0.001" in texts(root)  # the y axis reaches down to the smallest positive value
    (path,) = series_paths(root, 0)
    ys = np.concatenate([run[:, 1] for run in decode_path(path.get("d"))])
    assert ys.max() == pytest.approx(float(scene.plot.y_px(-3.0)), abs=0.1)


def test_hidden_series_are_not_drawn_and_muted_in_the_legend():
    d = data([[1, 2], [3, 4]], columns=("shown", "gone"))
    d = LinesData(d.columns, d.steps, d.times, d.values, options={"hidden": ["gone", 3]})
    root = parse(scene_to_svg(lines_scene(d)))
    assert series_paths(root, 1) == []
    assert len(series_paths(root, 0)) == 1
    (gone,) = [t for t in root.iter(f"{SVG}text") if t.text == "gone 4"]
    assert gone.get("fill") == MUTED


@pytest.mark.parametrize(
    ("n", "every", "ends"),
    [
        (10, 2, [1, 3, 5, 7, 9, 10]),  # the first row first, not the second
        (10, 3, [1, 4, 7, 10]),
        (1, 1, [1]),
        (5, 5, [5]),
    ],
)
def test_a_replay_starts_at_the_first_row_and_ends_with_all(n, every, ends):
    assert replay_ends(n, every) == ends


@pytest.mark.parametrize(("n", "frames"), [(1234, 100), (10, 3), (7, 1), (1, 5), (2, 2)])
def test_a_replay_of_at_most_so_many_frames(n, frames):
    ends = replay_ends(n, replay_every(n, frames))
    assert len(ends) <= frames and ends[-1] == n
