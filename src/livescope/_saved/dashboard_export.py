"""The part of a Dashboard that outlives the kernel: display with a picture, and exports.

A mixin for `Dashboard`, which provides `_plots` (name -> LivePlot),
`_cells` (name -> Cell), `_grid_columns`, `_controls` and `_box`. The
panels keep their own snapshots (see `_exportable.py`); the dashboard adds
the composed picture (`_dashboard_scene.py`), refreshed when a cell ends,
and files of the whole grid.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Hashable
from pathlib import Path
from typing import TYPE_CHECKING

from .._core.layout import Cell
from .._kernel.shell import on_cell_end
from .._kinds.registry import KINDS
from .._picture.dashboard import DEFAULT_WIDTH, PanelPicture, dashboard_frames, dashboard_scene
from .._picture.raster import require_pillow, scene_to_image
from .._picture.scene import Scene
from .._picture.svg import scene_to_svg
from .._widget.models import DashboardControlsWidget
from . import export as _export
from .html import dashboard_page, saved_form
from .state import SVG_MIME

if TYPE_CHECKING:
    import ipywidgets

    from .._plot import LivePlot

_shown: weakref.WeakSet[DashboardExports] = weakref.WeakSet()
_cell_end_hook_registered = False


class DashboardExports:
    """Display with a static picture of the grid; save_html, save_png, save_gif, save_mp4."""

    _plots: dict[str, LivePlot]
    _cells: dict[str, Cell]
    _grid_columns: int
    _controls: DashboardControlsWidget
    _box: ipywidgets.VBox
    _display_uid: str  # a hex id of this dashboard's display output
    _shown_key: Hashable | None  # what the displayed picture shows; None until displayed

    # ----- display ----------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        bundle = self._box._repr_mimebundle_(**kwargs)
        return {**bundle, "text/plain": repr(self), SVG_MIME: scene_to_svg(self._scene())}

    def _ipython_display_(self) -> None:
        # Shown under a display id, so the picture can follow the panels' data.
        from IPython.display import display

        for plot in self._plots.values():  # their snapshots, so a save right away keeps them
            plot._refresh_saved_state()
        key = self._picture_key()
        display(self._repr_mimebundle_(), raw=True, display_id=self._display_id())
        self._shown_key = key
        _track(self)

    def _refresh_saved_state(self) -> None:
        """Bring the displayed picture up to date if a panel changed (at cell end)."""
        key = self._picture_key()
        if self._shown_key is None or key == self._shown_key:
            return
        from IPython.display import update_display

        update_display(self._repr_mimebundle_(), raw=True, display_id=self._display_id())
        self._shown_key = key

    def _display_id(self) -> str:
        return f"livescope-dashboard-{self._display_uid}"

    def _picture_key(self) -> Hashable:
        return (self._controls.title, *(plot._data_key() for plot in self._plots.values()))

    # ----- pictures -------------------------------------------------------------------

    def _panel_pictures(self) -> list[PanelPicture]:
        pictures = []
        for name, plot in self._plots.items():
            data = plot._data()
            pictures.append(
                PanelPicture(
                    name=name,
                    cell=self._cells[name],
                    kind=plot.kind,
                    exports=KINDS.get(plot.kind),
                    data=data,
                    rows=len(data),
                    title=plot._widget.title,
                    height=plot._widget.height,
                )
            )
        return pictures

    def _scene(self, width: int = DEFAULT_WIDTH) -> Scene:
        return dashboard_scene(
            self._controls.title, self._panel_pictures(), self._grid_columns, width
        )

    def _frames(self, frames: int, width: int) -> list[Scene]:
        return dashboard_frames(
            self._controls.title, self._panel_pictures(), self._grid_columns, frames, width
        )

    # ----- exports ----------------------------------------------------------------------

    def save_html(
        self, path: str | os.PathLike, *, max_points: int | None = _export.HTML_POINTS
    ) -> None:
        """Write one self-contained HTML file with every panel in its grid.

        The page inlines the front end and each panel's data (no network, no
        server, no kernel); each panel zooms, hovers and replays as in the
        notebook, under the dashboard's title. A panel whose kind cannot be
        saved yet shows a placeholder naming it and its kind.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.
        max_points : int or None
            At most this many points per series in each panel, as for
            `LivePlot.save_html`; None keeps every row.
        """
        target = _export._check_path(path)
        _export._check_max_points(max_points)
        panels = []
        for name, plot in self._plots.items():
            panel = {
                "name": name,
                "area": self._cells[name].css_area,
                "kind": plot.kind,
                "height": plot._widget.height,
            }
            kind = KINDS.get(plot.kind)
            # A kind that cannot be saved yet is shown as a framed placeholder.
            if kind is not None:
                state = _export.page_state(plot._widget, kind, plot._data(), max_points)
                panel["saved"] = saved_form(state)
            panels.append(panel)
        controls = self._controls.get_state(key=["title", "stopped"])
        title = self._controls.title
        page = dashboard_page(
            {"columns": self._grid_columns, "controls": saved_form(controls), "panels": panels},
            title,
        )
        target.write_text(page, encoding="utf-8")

    def save_png(
        self, path: str | os.PathLike, *, width: int = DEFAULT_WIDTH, scale: int = 1
    ) -> None:
        """Write the dashboard as a PNG: every panel's picture placed on the grid.

        Panels of kinds that have no static picture yet are drawn as a framed
        placeholder naming the panel and its kind. Needs Pillow:
        ``pip install 'livescope[export]'``.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.
        width : int
            Width of the whole grid in CSS pixels, 200 to 10,000.
        scale : int
            Pixels per CSS pixel, 1 to 4.
        """
        target = _export._check_path(path)
        _export._check_int("width", width, at_least=200, at_most=10_000)
        _export._check_int("scale", scale, at_least=1, at_most=4)
        require_pillow("save_png")
        image = scene_to_image(self._scene(width), scale=scale)
        image.save(target, format="PNG", optimize=True)

    def save_gif(
        self,
        path: str | os.PathLike,
        *,
        fps: float = 10,
        frames: int = _export.GIF_FRAMES,
        width: int = DEFAULT_WIDTH,
    ) -> None:
        """Write the panels replayed together as an animated GIF.

        Frame i shows every panel at the same fraction of its own history,
        so panels with different numbers of rows end together. Needs Pillow:
        ``pip install 'livescope[export]'``.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.
        fps : float
            Frames per second, 0 < fps <= 50.
        frames : int
            At most this many frames (fewer when no panel has that many
            rows); the last shows every row.
        width : int
            Width of the whole grid in CSS pixels, 200 to 10,000.
        """
        self._save_replay(_export.GIF, path, fps, frames, width)

    def save_mp4(
        self,
        path: str | os.PathLike,
        *,
        fps: float = 10,
        frames: int = _export.GIF_FRAMES,
        width: int = DEFAULT_WIDTH,
    ) -> None:
        """Write the panels replayed together as an MP4 video (H.264), frames as `save_gif`'s.

        Needs imageio-ffmpeg and Pillow: ``pip install 'livescope[video]'``.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.
        fps : float
            Frames per second, 0 < fps <= 120.
        frames : int
            At most this many frames; the last shows every row.
        width : int
            Width of the whole grid in CSS pixels, 200 to 10,000.
        """
        self._save_replay(_export.MP4, path, fps, frames, width)

    def _save_replay(
        self, form: _export.ReplayFormat, path: object, fps: object, frames: object, width: object
    ) -> None:
        target = _check_replay(path, fps, form.max_fps, frames, width)
        form.require(form.method)
        form.write(self._frames(frames, width), target, fps)  # type: ignore[arg-type]


def _check_replay(
    path: object, fps: object, max_fps: float, frames: object, width: object
) -> Path:
    target = _export._check_path(path)
    _export._check_fps(fps, max_fps)
    _export._check_int("frames", frames, at_least=1)
    _export._check_int("width", width, at_least=200, at_most=10_000)
    return target


def _track(dashboard: DashboardExports) -> None:
    """Refresh the pictures of displayed dashboards at every cell end."""
    global _cell_end_hook_registered
    _shown.add(dashboard)
    if not _cell_end_hook_registered:
        on_cell_end(_refresh_shown)
        _cell_end_hook_registered = True


def _refresh_shown() -> None:
    for dashboard in list(_shown):
        dashboard._refresh_saved_state()
