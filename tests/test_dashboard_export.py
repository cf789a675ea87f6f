"""A Dashboard outlives the kernel: its controls know when no kernel is behind them,
its picture is its panels' pictures on the grid, and it saves HTML, PNG, GIF and MP4."""

import base64
import json
import re
import sys
import xml.etree.ElementTree as ET

import IPython.display
import numpy as np
import pytest
from front_end import fake_cell_end

from livescope import Dashboard, LivePlot
from livescope._core.snapshot import unpack
from livescope._picture.dashboard import GAP_X, dashboard_frames
from livescope._picture.lines import lines_scene
from livescope._picture.scene import BACKGROUND, PAD, PALETTE, Inset, Text
from livescope._widget.models import DashboardControlsWidget

Image = pytest.importorskip("PIL.Image")
SVG = "{http://www.w3.org/2000/svg}"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def dashboard(n_loss=1000, n_lr=100, **kwargs):
    """A spanning lines panel over a lines panel and a heatmap."""
    d = Dashboard(
        {
            "loss": LivePlot(["loss", "flat"], title="loss"),
            "lr": LivePlot(["lr"]),
            "img": LivePlot(kind="heatmap", shape=(2, 2), title="pixels"),
        },
        layout={"loss": (0, 0, 1, 2), "lr": (1, 0), "img": (1, 1)},
        title="training",
        **kwargs,
    )
    d["loss"].extend(np.column_stack([np.arange(n_loss) / n_loss, np.full(n_loss, 0.3)]))
    d["lr"].extend(np.linspace(1, 0, n_lr)[:, None])
    d["img"].update(np.eye(2))
    return d


def insets(scene):
    return [item for item in scene.items if isinstance(item, Inset)]


def texts(scene):
    return [item.text for item in scene.items if isinstance(item, Text)]


def latest_step(scene):
    (caption,) = [t for t in texts(scene) if t.startswith("latest step")]
    return int(caption.removeprefix("latest step "))


def rgb(hex_colour):
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def load(path):
    with Image.open(path) as image:
        frames = []
        for i in range(getattr(image, "n_frames", 1)):
            image.seek(i)
            frames.append(image.convert("RGB"))
        return frames


def near(pixel, colour, tolerance=60):
    return max(abs(a - b) for a, b in zip(pixel, rgb(colour), strict=True)) <= tolerance


# ----- the picture ----------------------------------------------------------------------


def test_the_picture_places_each_panels_own_picture_on_the_grid():
    d = dashboard()
    scene = d._scene(1000)
    loss, lr, img = insets(scene)
    column = (1000 - 2 * PAD - GAP_X) / 2
    assert loss.x == lr.x == PAD and img.x == pytest.approx(PAD + column + GAP_X)
    assert loss.scene.width == 1000 - 2 * PAD  # two columns and the gap between
    assert lr.scene.width == img.scene.width == int(column)
    assert lr.y == img.y >= loss.y + loss.scene.height
    assert scene.height >= lr.y + max(lr.scene.height, img.scene.height)
    # The lines panels are drawn by their kind, as their own pictures are.
    assert texts(loss.scene) == texts(lines_scene(d["loss"]._data(), width=loss.scene.width))
    assert latest_step(lr.scene) == 99
    assert "pixels" in texts(img.scene) and "img" not in texts(img.scene)
    assert "training" in texts(scene)


def test_the_display_carries_the_widget_view_and_the_picture_as_svg():
    d = dashboard()
    bundle = d._repr_mimebundle_()
    assert bundle[WIDGET_VIEW]["model_id"] == d._box.model_id
    assert bundle["text/plain"] == repr(d)
    root = ET.fromstring(bundle["image/svg+xml"])
    nested = root.findall(f"{SVG}svg")
    assert [(float(s.get("x")), float(s.get("y"))) for s in nested] == [
        (i.x, i.y) for i in insets(d._scene())
    ]
    words = [t.text for t in root.iter(f"{SVG}text")]
    assert "training" in words and "latest step 999" in words and "pixels" in words


@pytest.fixture
def published(monkeypatch):
    calls, hooks = [], []

    def display(bundle, *, metadata=None, raw=False, display_id=None):
        calls.append(("display", bundle, display_id))

    def update_display(bundle, *, metadata=None, raw=False, display_id=None):
        calls.append(("update", bundle, display_id))

    monkeypatch.setattr(IPython.display, "display", display)
    monkeypatch.setattr(IPython.display, "update_display", update_display)
    hooks.append(fake_cell_end(monkeypatch))
    return calls, hooks


def test_the_picture_is_refreshed_when_a_cell_ends_if_a_panel_changed(published):
    calls, hooks = published
    d = dashboard()
    d._ipython_display_()
    ((kind, bundle, display_id),) = calls
    assert kind == "display" and display_id.startswith("livescope-dashboard-")
    assert d["loss"]._widget._snapshot, "panels' snapshots are set when the dashboard is shown"
    (end_cell,) = hooks
    end_cell()
    assert len(calls) == 1, "nothing changed: nothing sent"
    d["lr"].update([0.5])
    end_cell()
    kind, bundle, same_id = calls[-1]
    assert (kind, same_id) == ("update", display_id)
    assert "latest step 100" in bundle["image/svg+xml"]
    end_cell()
    assert len(calls) == 2


def test_the_controls_tell_a_view_that_a_kernel_is_behind_them(monkeypatch):
    sent = []
    monkeypatch.setattr(
        DashboardControlsWidget, "send", lambda _w, content, *_: sent.append(content)
    )
    d = dashboard()
    d._controls._handle_custom_msg({"type": "sync"}, [])
    assert sent == [{"type": "live"}]
    assert not d.stopped


# ----- HTML -----------------------------------------------------------------------------


def test_save_html_is_one_page_with_every_panel_in_its_grid_area(tmp_path):
    d = dashboard()
    d.stop()
    d.save_html(tmp_path / "d.html")
    text = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "mountDashboard" in text and "<title>training</title>" in text
    assert not re.search(r"https?://|<link|\bsrc=", text), "the page must fetch nothing"
    found = re.search(r'<script type="application/json" id="livescope-state">(.*?)</script>', text)
    saved = json.loads(found.group(1))
    assert saved["columns"] == 2
    assert saved["controls"]["state"] == {"title": "training", "stopped": True}
    loss, lr, img = saved["panels"]
    assert [p["name"] for p in saved["panels"]] == ["loss", "lr", "img"]
    assert loss["area"] == "1 / 1 / span 1 / span 2" and img["area"] == "2 / 2 / span 1 / span 1"
    assert loss["saved"]["state"]["stop_button"] is False
    (buffer,) = lr["saved"]["buffers"]
    snapshot = unpack(base64.b64decode(buffer["data"]))
    np.testing.assert_array_equal(snapshot.arrays["values"], d["lr"].history)
    assert img["saved"]["state"]["kind"] == "heatmap"


def test_save_html_passes_max_points_to_every_panel(tmp_path):
    d = dashboard(n_loss=50_000)
    d.save_html(tmp_path / "d.html", max_points=500)
    text = (tmp_path / "d.html").read_text(encoding="utf-8")
    found = re.search(r'id="livescope-state">(.*?)</script>', text)
    loss = json.loads(found.group(1))["panels"][0]
    (buffer,) = loss["saved"]["buffers"]
    assert len(unpack(base64.b64decode(buffer["data"])).arrays["steps"]) <= 500


# ----- PNG, GIF, MP4 ------------------------------------------------------------------------


def test_save_png_draws_the_picture_with_each_panel_where_the_grid_puts_it(tmp_path):
    d = dashboard()
    d.save_png(tmp_path / "d.png", width=900)
    (image,) = load(tmp_path / "d.png")
    scene = d._scene(900)
    assert image.size == (900, scene.height)
    loss, lr, _ = insets(scene)
    # The lr panel's line at its middle step, in its own coordinates, shifted by its inset.
    area = lr.scene.plot
    x, y = float(area.x_px(50)), float(area.y_px(1 - 50 / 99))
    assert any(
        near(image.getpixel((round(lr.x + x), round(lr.y + y) + dy)), PALETTE[0])
        for dy in (-1, 0, 1)
    )
    area = loss.scene.plot
    x, y = float(area.x_px(550)), float(area.y_px(0.3))
    assert any(
        near(image.getpixel((round(loss.x + x), round(loss.y + y) + dy)), PALETTE[1])
        for dy in (-1, 0, 1)
    )
    assert image.getpixel((round(lr.x + x / 2), round(lr.y + 2))) == rgb(BACKGROUND)


def test_gif_frames_show_every_panel_at_the_same_fraction_of_its_history(tmp_path):
    d = dashboard(n_loss=1000, n_lr=100)
    scenes = dashboard_frames("training", d._panel_pictures(), 2, frames=10)
    assert len(scenes) == 10
    for i, scene in enumerate(scenes):
        loss, lr, img = insets(scene)
        # From each panel's first row to its last: 111 and 11 rows a frame.
        assert latest_step(loss.scene) == min(111 * i, 999)
        assert latest_step(lr.scene) == min(11 * i, 99)
        assert "pixels" in texts(img.scene)
    d.save_gif(tmp_path / "d.gif", frames=10, fps=20)
    assert len(load(tmp_path / "d.gif")) == 10


def test_gif_frames_are_no_more_than_the_longest_panels_rows(tmp_path):
    d = dashboard(n_loss=7, n_lr=3)
    d.save_gif(tmp_path / "d.gif")
    assert len(load(tmp_path / "d.gif")) == 7


def test_save_mp4_writes_the_gif_frames_as_h264(tmp_path):
    ffmpeg = pytest.importorskip("imageio_ffmpeg")
    d = dashboard(n_loss=1000, n_lr=100)
    d.save_mp4(tmp_path / "d.mp4", fps=25, frames=20, width=640)
    assert ffmpeg.count_frames_and_secs(str(tmp_path / "d.mp4")) == (20, 0.8)
    reader = ffmpeg.read_frames(str(tmp_path / "d.mp4"))
    meta = next(reader)
    assert meta["codec"] == "h264" and meta["fps"] == 25
    height = max(s.height for s in dashboard_frames("training", d._panel_pictures(), 2, 20, 640))
    assert meta["size"] == (640, height + height % 2)
    reader.close()


def test_liveplot_save_mp4_replays_its_history(tmp_path):
    ffmpeg = pytest.importorskip("imageio_ffmpeg")
    w = LivePlot(["a"])
    w.extend(np.arange(500.0)[:, None])
    w.save_mp4(tmp_path / "w.mp4", every=50)
    assert ffmpeg.count_frames_and_secs(str(tmp_path / "w.mp4"))[0] == 11  # row 0, +50, ..., all


@pytest.mark.parametrize(("target", "method"), [("dashboard", "save_mp4"), ("plot", "save_mp4")])
def test_missing_imageio_ffmpeg_names_the_video_extra(tmp_path, monkeypatch, target, method):
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)
    obj = dashboard() if target == "dashboard" else dashboard()["lr"]
    with pytest.raises(ImportError, match=r"pip install 'livescope\[video\]'") as info:
        getattr(obj, method)(tmp_path / "out.mp4")
    assert "save_mp4 needs imageio-ffmpeg" in str(info.value)
    assert not (tmp_path / "out.mp4").exists()


def test_missing_pillow_names_the_export_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "PIL", None)
    d = dashboard()
    for method in ("save_png", "save_gif"):
        with pytest.raises(ImportError, match=r"pip install 'livescope\[export\]'"):
            getattr(d, method)(tmp_path / "out")
    d.save_html(tmp_path / "d.html")  # needs nothing more
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda d, p: d.save_html(42), TypeError, "path must be a str or os.PathLike; got int"),
        (lambda d, p: d.save_html(p, max_points=2), ValueError, "max_points must be >= 4"),
        (lambda d, p: d.save_png(p, width=100), ValueError, "width must be between 200"),
        (lambda d, p: d.save_png(p, scale=0), ValueError, "scale must be between 1 and 4"),
        (lambda d, p: d.save_gif(p, frames=0), ValueError, "frames must be >= 1; got 0"),
        (lambda d, p: d.save_gif(p, fps=60), ValueError, r"fps must be > 0 and <= 50"),
        (
            lambda d, p: d.save_gif(p, every=3, frames=2),
            ValueError,
            "give every or frames, not both",
        ),
        (lambda d, p: d.save_mp4(p, fps=0), ValueError, r"fps must be > 0 and <= 120"),
        (lambda d, p: d.save_mp4(p, frames=1.5), TypeError, "frames must be an integer"),
    ],
)
def test_bad_arguments_are_named(tmp_path, call, error, message):
    with pytest.raises(error, match=message):
        call(dashboard(), tmp_path / "out")
    assert not (tmp_path / "out").exists()
