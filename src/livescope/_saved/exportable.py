"""The part of a plot that outlives the kernel: display with a picture, and exports.

A mixin, so every plot class shares it. A plot provides `_widget` (its
LivePlotWidget), `_saved` (its SavedState), `kind` (a key of
`_kinds.KINDS`), `_data()` (that kind's data, taken consistently) and
`_data_key()` (a value that changes whenever that data does).
"""

from __future__ import annotations

import os

from .._kinds.registry import KINDS, KindExports, exports_for
from .._widget.models import LivePlotWidget
from . import export as _export
from .state import SavedState


class Exportable:
    """Display with a static fallback picture; save_html, save_png, save_gif and save_mp4."""

    _widget: LivePlotWidget
    _saved: SavedState
    kind: str

    def _repr_mimebundle_(self, **kwargs: object) -> tuple[dict, dict]:
        return self._saved.mimebundle(self._data(), KINDS.get(self.kind), repr(self))

    def _ipython_display_(self) -> None:
        # Shown under a display id, so the picture can follow the data.
        self._saved.display(self._data(), KINDS.get(self.kind), repr(self), self._data_key())

    def save_html(
        self, path: str | os.PathLike, *, max_points: int | None = _export.HTML_POINTS
    ) -> None:
        """Write one self-contained HTML file with the interactive plot.

        The page inlines the front end and the data (no network, no server,
        no kernel); zoom, hover and "Follow latest" work as in the notebook.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.
        max_points : int or None
            At most this many points per series (at least 4): up to that
            many rows are kept exactly, longer histories as a min/max
            envelope that keeps every spike. None keeps every row (large
            files for long runs). For frame, heatmap and waterfall plots:
            at most this many whole rows, sampled evenly, within 2 MB; for a
            scatter, at most this many frames (and 2 MB); for a trajectory,
            points of its path.
        """
        _export.save_html(self._widget, self._exports(), self._data(), path, max_points)

    def save_png(self, path: str | os.PathLike, *, width: int = 800, scale: int = 1) -> None:
        """Write the plot as a PNG, drawn as the notebook's static picture is.

        Needs Pillow: ``pip install 'livescope[export]'``.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.
        width : int
            Width in CSS pixels, 200 to 10,000; the height follows the plot's.
        scale : int
            Pixels per CSS pixel, 1 to 4 (2 is sharp on high-DPI screens).
        """
        _export.save_png(self._exports(), self._data(), path, width, scale)

    def save_gif(
        self,
        path: str | os.PathLike,
        *,
        fps: float = 10,
        every: int | None = None,
        frames: int | None = None,
        width: int = 800,
    ) -> None:
        """Write the history replayed as an animated GIF, on the final axes and colours.

        Lines, a trajectory's path and a waterfall's image grow frame by
        frame; a frame or heatmap shows the row reached at each frame; a
        scatter shows its frames one after the other, with their trail.

        Needs Pillow: ``pip install 'livescope[export]'``.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.
        fps : float
            Frames per second, 0 < fps <= 50.
        every : int, optional
            Rows added per frame; by default about 100 frames in all. The
            last frame always shows every row.
        frames : int, optional
            At most this many frames instead (the rows per frame rounded
            up), as a Dashboard's GIF takes it; not together with `every`.
        width : int
            Width in CSS pixels, 200 to 10,000.
        """
        self._save_replay(_export.GIF, path, fps, every, frames, width)

    def save_mp4(
        self,
        path: str | os.PathLike,
        *,
        fps: float = 10,
        every: int | None = None,
        frames: int | None = None,
        width: int = 800,
    ) -> None:
        """Write the history replayed as an MP4 video (H.264), the frames `save_gif` draws.

        Needs imageio-ffmpeg and Pillow: ``pip install 'livescope[video]'``.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.
        fps : float
            Frames per second, 0 < fps <= 120.
        every : int, optional
            Rows added per frame; by default about 100 frames in all.
        frames : int, optional
            At most this many frames instead; not together with `every`.
        width : int
            Width in CSS pixels, 200 to 10,000.
        """
        self._save_replay(_export.MP4, path, fps, every, frames, width)

    def _save_replay(
        self,
        form: _export.ReplayFormat,
        path: object,
        fps: object,
        every: object,
        frames: object,
        width: object,
    ) -> None:
        _export.save_replay(form, self._exports(), self._data(), path, fps, every, frames, width)

    def _exports(self) -> KindExports:
        return exports_for(self.kind)

    def _refresh_saved_state(self) -> None:
        """Bring the snapshot trait and the displayed picture up to date (at cell end)."""
        self._saved.refresh(self._data(), KINDS.get(self.kind), repr(self), self._data_key())
