"""View options real use reaches for, checked without a kernel: lines along a
colormap, the heatmap's value format, colorbar label, diverging maps and facets."""

import numpy as np
import pytest

from livescope import LivePlot
from livescope._picture.colormaps import colormap_rgb, hex_color, series_colors
from livescope._picture.scene import PALETTE, Polylines, Text
from livescope._picture.svg import scene_to_svg

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


# ----- heatmap: value format, colorbar label, diverging maps ----------------------------


def heatmap(**options):
    w = LivePlot(kind="heatmap", shape=(2, 3), **options)
    w.update([[-1.0, 0.0, 0.5], [1.0, 2.0, 3.0]])
    return w


@pytest.mark.parametrize(
    ("spec", "texts"),
    [
        ("{:.3f}", {"-1.000", "0.000", "3.000"}),
        ("{:.1e}", {"-1.0e+00", "5.0e-01"}),
        ("{:.2g}", {"-1", "0.5", "3"}),
        ("{:.0%}", {"-100%", "50%", "300%"}),
    ],
)
def test_annotate_writes_the_cells_with_a_python_format(spec, texts):
    w = heatmap(annotate=spec)
    assert w.widget.view_options["annotate"] == spec
    assert texts <= set(texts_of(w._scene(800)))


def texts_of(scene):
    return [item.text for item in scene.items if isinstance(item, Text)]


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        ("{:.3d}", ValueError, r"annotate must be a format such as '\{:.3f\}'.*got '\{:.3d\}'"),
        ("{:,.2f}", ValueError, "annotate must be a format"),
        ("{:.21f}", ValueError, "N from 0 to 20"),
        ("{}", ValueError, "annotate must be a format"),
        (3, TypeError, "annotate must be True, False, None .* or a format"),
    ],
)
def test_a_format_outside_the_subset_is_refused_clearly(value, error, match):
    with pytest.raises(error, match=match):
        heatmap(annotate=value)


def test_the_colorbar_label_is_written_above_the_colorbar():
    scene = heatmap(colorbar_label="weight")._scene(800)
    label = next(t for t in scene.items if isinstance(t, Text) and t.text == "weight")
    assert label.x > scene.plot.left + scene.plot.width  # right of the cells, by the bar
    with pytest.raises(TypeError, match="colorbar_label must be a string or None"):
        heatmap(colorbar_label=3)


def test_vcenter_maps_the_centre_to_the_middle_colour():
    from livescope._picture.grid import color_limits
    from livescope._picture.grid_colors import color_indices

    w = heatmap(colormap="RdBu", vcenter=0)
    limits = color_limits(w._data())
    assert (limits.lo, limits.hi, limits.center) == (-1.0, 3.0, 0.0)
    index = color_indices(np.array([-1.0, -0.5, 0.0, 1.5, 3.0]), -1.0, 3.0, 0.0)
    assert index.tolist() == [0, 64, 128, 192, 255]


def test_vcenter_beyond_the_data_mirrors_the_limits():
    from livescope._picture.grid import color_limits

    w = LivePlot(kind="heatmap", shape=(1, 2), vcenter=0)
    w.update([[2.0, 5.0]])
    limits = color_limits(w._data())
    assert (limits.lo, limits.hi) == (-5.0, 5.0)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        (
            {"vmin": 0, "vmax": 1, "vcenter": 2},
            r"vcenter must lie strictly between .*0 \.\. 1.*got 2",
        ),
        (
            {"vmin": 0, "vcenter": 0},
            r"vcenter must lie strictly between vmin and vmax \(0 \.\. inf\)",
        ),
        ({"vmax": -1, "vcenter": 0}, "vcenter must lie strictly between"),
    ],
)
def test_a_vcenter_outside_the_limits_is_refused(options, match):
    with pytest.raises(ValueError, match=match):
        LivePlot(kind="heatmap", shape=(2, 2), **options)


@pytest.mark.parametrize("name", ["YlGn", "Blues", "RdBu", "coolwarm", "PuOr"])
def test_the_named_maps_people_reach_for_are_known(name):
    assert (
        LivePlot(kind="heatmap", shape=(1, 1), colormap=name).widget.view_options["colormap"]
        == name
    )


def test_column_labels_too_wide_for_their_cells_stand_on_end_every_one():
    w = LivePlot(kind="heatmap", shape=(6, 16), col_labels=[f"feature_{i}" for i in range(16)])
    w.update(np.zeros((6, 16)))
    scene = w._scene(800)
    on_end = [t.text for t in scene.items if isinstance(t, Text) and t.vertical]
    assert on_end == [f"feature_{i}" for i in range(16)]
    assert 'transform="rotate(-90' in scene_to_svg(scene)


def test_column_labels_that_fit_stay_level():
    w = LivePlot(kind="heatmap", shape=(2, 3), col_labels=["a", "b", "c"])
    w.update(np.zeros((2, 3)))
    scene = w._scene(800)
    assert not any(isinstance(t, Text) and t.vertical for t in scene.items)
    assert {"a", "b", "c"} <= {t.text for t in scene.items if isinstance(t, Text)}


def test_labels_on_end_are_painted_into_the_png(tmp_path):
    pytest.importorskip("PIL")
    w = LivePlot(kind="heatmap", shape=(6, 16), col_labels=[f"feature_{i}" for i in range(16)])
    w.update(np.zeros((6, 16)))
    w.save_png(tmp_path / "heat.png")
    from PIL import Image

    with Image.open(tmp_path / "heat.png") as image:
        pixels = np.asarray(image.convert("L"))
    scene = w._scene(800)
    label = next(t for t in scene.items if isinstance(t, Text) and t.vertical)
    # Ink in a narrow column above the first cell, where the label stands.
    x, y = round(label.x), round(label.y)
    assert (pixels[y - 40 : y, x - 8 : x + 2] < 128).any()


# ----- facets: columns and a minimum panel size --------------------------------------


def test_forty_one_frame_panels_keep_a_readable_width():
    from livescope._picture.frame import MIN_PANEL_WIDTH, panel_grid

    assert panel_grid(41, 784) == (6, 7)  # not 7 columns of 106 px
    assert panel_grid(4, 784) == (2, 2)  # few panels: as square as can be
    assert panel_grid(41, 784, 4) == (4, 11)
    cols, _ = panel_grid(41, 784)
    assert (784 - (cols - 1) * 4) / cols >= MIN_PANEL_WIDTH


def test_facet_columns_lay_frame_panels_out_and_are_checked():
    w = LivePlot(kind="frame", facet=6, facet_columns=3)
    w.update(np.zeros(60))
    assert w.widget.view_options["facet_columns"] == 3
    lefts = {round(t.x) for t in w._scene(800).items if isinstance(t, Text) and t.text == "0"}
    assert len(lefts) >= 3  # an x tick "0" under each of three columns
    with pytest.raises(ValueError, match="facet_columns must be between 1 and 1024; got 0"):
        LivePlot(kind="frame", facet=2, facet_columns=0)
    with pytest.raises(TypeError, match="facet_columns must be an integer"):
        LivePlot(kind="scatter", facet=2, facet_columns="2")


def test_many_scatter_panels_make_the_picture_taller_not_smaller():
    from livescope._picture.points import MIN_PANEL_HEIGHT, MIN_PANEL_WIDTH

    labels = [f"g{i % 41}" for i in range(410)]
    w = LivePlot(kind="scatter", facet=labels, height=300)
    w.update(np.random.default_rng(0).normal(size=(410, 2)))
    scene = w._scene(800)
    assert scene.height > 300 + 200
    area = scene.plot  # the first panel
    assert area.width >= MIN_PANEL_WIDTH and area.height >= MIN_PANEL_HEIGHT
    few = LivePlot(kind="scatter", facet=["a", "b"] * 5, facet_columns=1)
    few.update(np.zeros((10, 2)))
    assert few.widget.view_options["facet_columns"] == 1
