"""Exports without a kernel: save_html, save_png, save_gif, and their errors."""

import base64
import json
import math
import re
import sys

import numpy as np
import pytest

from livescope import LivePlot
from livescope._core.snapshot import unpack
from livescope._picture.scene import BACKGROUND, PALETTE

Image = pytest.importorskip("PIL.Image")


def plot(n=1000, **kwargs):
    w = LivePlot(columns=["up", "flat"], **kwargs)
    w.extend(np.column_stack([np.arange(n) / n, np.full(n, 0.3)]))
    return w


def page_state(path):
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="livescope-state">(.*?)</script>', text)
    assert found, "the page carries no state"
    saved = json.loads(found.group(1))
    (buffer,) = saved["buffers"]
    assert buffer["path"] == ["_snapshot"]
    return saved["state"], unpack(base64.b64decode(buffer["data"]))


def rgb(hex_colour):
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def load(path):
    """The image's frames as RGB images (the file is closed afterwards)."""
    with Image.open(path) as image:
        frames = []
        for i in range(getattr(image, "n_frames", 1)):
            image.seek(i)
            frames.append(image.convert("RGB"))
        return frames, dict(image.info)


def tinted(pixel, colour):
    """Whether `pixel` is `colour` blended over the background (anti-aliased edges are)."""
    away = np.subtract(rgb(BACKGROUND), pixel[:3])
    towards = np.subtract(rgb(BACKGROUND), rgb(colour))
    if np.linalg.norm(away) < 0.2 * np.linalg.norm(towards):
        return False  # (almost) background
    return float(away @ towards) / (np.linalg.norm(away) * np.linalg.norm(towards)) > 0.97


def line_at(image, x, y, colour):
    """Whether a line of `colour` crosses pixel column x within a pixel of y."""
    return any(tinted(image.getpixel((round(x), round(y) + dy)), colour) for dy in (-1, 0, 1))


# ----- HTML -----------------------------------------------------------------------


def test_save_html_is_one_file_with_the_front_end_and_the_data(tmp_path):
    w = plot(title="run </script> 1")
    w.save_html(tmp_path / "plot.html")
    text = (tmp_path / "plot.html").read_text(encoding="utf-8")
    assert "livescopePage" in text
    assert not re.search(r"https?://|<link|\bsrc=", text), "the page must fetch nothing"
    assert text.count("</script>") == 3  # the state, the bundle, the mount
    assert "<title>run &lt;/script&gt; 1</title>" in text
    state, snapshot = page_state(tmp_path / "plot.html")
    assert state["columns"] == ["up", "flat"]
    assert state["title"] == "run </script> 1"
    assert "_esm" not in state and "_runtime" not in state
    assert snapshot.fields["rows"] == 1000 and snapshot.fields["exact"] is True
    np.testing.assert_array_equal(snapshot.arrays["values"], w.history)


def test_save_html_reduces_long_histories_unless_told_not_to(tmp_path):
    w = plot(n=50_000)
    w.save_html(tmp_path / "small.html", max_points=1000)
    _, snapshot = page_state(tmp_path / "small.html")
    assert len(snapshot.arrays["steps"]) <= 1000
    w.save_html(str(tmp_path / "all.html"), max_points=None)
    _, snapshot = page_state(tmp_path / "all.html")
    assert len(snapshot.arrays["steps"]) == 50_000


def test_save_html_needs_no_pillow(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "PIL", None)
    plot().save_html(tmp_path / "plot.html")
    assert (tmp_path / "plot.html").stat().st_size > 50_000


# ----- PNG -----------------------------------------------------------------------


def test_save_png_draws_the_static_picture(tmp_path):
    w = plot()
    w.save_png(tmp_path / "plot.png")
    (image,), _ = load(tmp_path / "plot.png")
    scene = w._kind.scene(w._data(), 800)
    assert image.size == (800, scene.height)
    area = scene.plot
    # The flat series at 0.3, in the middle of the x range: its colour; far from it: background.
    x = float(area.x_px(550))  # between grid lines
    assert line_at(image, x, float(area.y_px(0.3)), PALETTE[1])
    assert line_at(image, x, float(area.y_px(0.55)), PALETTE[0])
    assert image.getpixel((round(x), round(float(area.y_px(0.9))))) == rgb(BACKGROUND)


def test_save_png_scale_doubles_the_pixels(tmp_path):
    plot().save_png(tmp_path / "plot.png", width=400, scale=2)
    (image,), _ = load(tmp_path / "plot.png")
    assert image.size[0] == 800


# ----- GIF -----------------------------------------------------------------------


def test_save_gif_replays_the_history_frame_by_frame(tmp_path):
    w = plot(n=1000)
    w.save_gif(tmp_path / "plot.gif", fps=20, every=100)
    frames, info = load(tmp_path / "plot.gif")
    assert len(frames) == 11  # the first row, then rows 0-100, 0-200, ... and all
    assert info["duration"] == 50
    area = w._kind.scene(w._data(), 800).plot
    # The flat line at step 650 (between grid lines): not drawn in frame 0 (row 0)
    # nor frame 6 (rows 0-600), drawn from frame 7 (rows 0-700) on.
    x, y = float(area.x_px(650)), float(area.y_px(0.3))
    assert max(np.abs(np.subtract(frames[0].getpixel((round(x), round(y))), rgb(BACKGROUND)))) <= 3
    assert not line_at(frames[6], x, y, PALETTE[1])
    assert line_at(frames[7], x, y, PALETTE[1])
    assert line_at(frames[-1], x, float(area.y_px(0.65)), PALETTE[0])


def test_save_gif_takes_a_number_of_frames_instead(tmp_path):
    w = plot(n=1000)
    w.save_gif(tmp_path / "plot.gif", frames=8)
    frames, _ = load(tmp_path / "plot.gif")
    assert len(frames) == 8  # 125 rows a frame


def test_save_gif_defaults_to_about_a_hundred_frames(tmp_path):
    w = plot(n=1234)
    w.save_gif(tmp_path / "plot.gif")
    frames, _ = load(tmp_path / "plot.gif")
    # 13 rows a frame from the first row: 95 frames, then all 1234 rows.
    assert len(frames) == math.ceil(1233 / 13) + 1 <= 100


# ----- errors ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["save_png", "save_gif"])
def test_missing_pillow_names_the_extra(tmp_path, monkeypatch, method):
    monkeypatch.setitem(sys.modules, "PIL", None)
    with pytest.raises(ImportError, match=r"pip install 'livescope\[export\]'") as info:
        getattr(plot(), method)(tmp_path / "plot.out")
    assert method in str(info.value)
    assert not (tmp_path / "plot.out").exists()


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda w, p: w.save_html(42), TypeError, "path must be a str or os.PathLike; got int 42"),
        (lambda w, p: w.save_html(p, max_points=2), ValueError, "max_points must be >= 4; got 2"),
        (lambda w, p: w.save_html(p, max_points=1.5), TypeError, "max_points must be an integer"),
        (
            lambda w, p: w.save_html(p, points=10),
            TypeError,
            "unexpected keyword argument 'points'",
        ),
        (lambda w, p: w.save_png(p, width=50), ValueError, "width must be between 200 and 10000"),
        (lambda w, p: w.save_png(p, scale=True), TypeError, "scale must be an integer; got bool"),
        (lambda w, p: w.save_gif(p, fps=0), ValueError, r"fps must be > 0 and <= 50; got 0"),
        (lambda w, p: w.save_gif(p, fps="9"), TypeError, "fps must be a number; got str '9'"),
        (lambda w, p: w.save_gif(p, every=0), ValueError, "every must be >= 1; got 0"),
        (lambda w, p: w.save_gif(p, frames=0), ValueError, "frames must be >= 1; got 0"),
        (
            lambda w, p: w.save_gif(p, every=5, frames=10),
            ValueError,
            "give every or frames, not both; got every=5, frames=10",
        ),
    ],
)
def test_bad_arguments_are_named(tmp_path, call, error, message):
    with pytest.raises(error, match=message):
        call(plot(), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_an_empty_plot_exports_too(tmp_path):
    w = LivePlot(columns=["a"])
    w.save_html(tmp_path / "plot.html")
    w.save_png(tmp_path / "plot.png")
    w.save_gif(tmp_path / "plot.gif")
    frames, _ = load(tmp_path / "plot.gif")
    assert len(frames) == 1
