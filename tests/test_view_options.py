"""View options real use reaches for, checked without a kernel: lines along a
colormap, the heatmap's value format, colorbar label, diverging maps and facets."""

import numpy as np
import pytest

from livescope import LivePlot
from livescope._picture.colormaps import colormap_rgb, hex_color, series_colors
from livescope._picture.scene import PALETTE, Polylines, Text

# ----- lines along a colormap ---------------------------------------------------------


def lines_of(scene):
    return [item for item in scene.items if isinstance(item, Polylines) and item.width > 1]


def texts(scene):
    return [item.text for item in scene.items if isinstance(item, Text)]


def test_series_follow_the_colormap_in_order():
    colors = series_colors("viridis", 40)
    table = colormap_rgb("viridis")
    assert colors[0] == hex_color(table[0]) and colors[-1] == hex_color(table[255])
    assert len(set(colors)) == 40


def test_a_plot_of_forty_series_along_a_colormap_has_a_ramp_legend():
    w = LivePlot([f"t{i}" for i in range(40)], colormap="viridis")
    w.extend(np.arange(40.0)[None, :] + np.zeros((5, 1)))
    scene = w._scene(800)
    assert [line.stroke for line in lines_of(scene)] == series_colors("viridis", 40)
    words = texts(scene)
    assert {"t0", "t39", "40 series"} <= set(words)
    assert not any(word.startswith("t1 ") for word in words), "every entry listed"


def test_a_few_series_along_a_colormap_keep_their_entries_and_values():
    w = LivePlot(["q10", "q50", "q90"], colormap="plasma")
    w.update([1.0, 2.0, 3.0])
    scene = w._scene(800)
    assert [line.stroke for line in lines_of(scene)] == series_colors("plasma", 3)
    assert {"q10 1", "q50 2", "q90 3"} <= set(texts(scene))


def test_without_a_colormap_series_take_the_palette():
    w = LivePlot(["a", "b"])
    w.update([1.0, 2.0])
    assert [line.stroke for line in lines_of(w._scene(800))] == list(PALETTE[:2])
    assert "colormap" not in w.widget.view_options


def test_an_unknown_colormap_is_refused_by_name():
    with pytest.raises(ValueError, match=r"colormap must be one of viridis, .*; got 'rainbow'"):
        LivePlot(["a"], colormap="rainbow")


def test_the_colormap_is_kept_when_a_view_writes_its_options():
    w = LivePlot(["a"], colormap="magma")
    written = w.widget.check_options({**w.widget.view_options, "hidden": ["a"]})
    assert written["colormap"] == "magma"
    with pytest.raises(ValueError, match="colormap"):
        w.widget.check_options({**w.widget.view_options, "colormap": "nope"})
