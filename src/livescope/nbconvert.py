"""nbconvert support: exported notebooks that show their plots with no network.

A notebook saved with widget state exports each plot as a widget placeholder
that a script from a CDN must fill; offline the page shows nothing there.
`OfflinePlotsPreprocessor` puts each plot back as an interactive view from
its saved state, with its picture as the fallback (see `_saved/notebook_html`).

Use the exporter livescope registers with nbconvert::

    jupyter nbconvert --to livescope-html notebook.ipynb

(JupyterLab lists it under File > Save and Export Notebook As), or add the
preprocessor to the HTML exporter, e.g. in ``jupyter_nbconvert_config.py``::

    c.HTMLExporter.preprocessors = ["livescope.nbconvert.OfflinePlotsPreprocessor"]
"""

from __future__ import annotations

from typing import Any

from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor

from ._saved.notebook_html import offline_plots

__all__ = ["OfflineHTMLExporter", "OfflinePlotsPreprocessor"]


class OfflinePlotsPreprocessor(Preprocessor):
    """Replace each livescope widget output by a view that needs no network.

    Outputs of other widgets, and plots whose widget state was not saved
    (their picture is exported as it is), are left alone.
    """

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """Rewrite the livescope outputs of `nb`; the cells are not visited one by one."""
        offline_plots(nb)
        return nb, resources


class OfflineHTMLExporter(HTMLExporter):
    """nbconvert's HTML export, with livescope plots shown offline (``--to livescope-html``)."""

    export_from_notebook = "HTML (livescope plots offline)"

    def _init_preprocessors(self) -> None:
        super()._init_preprocessors()  # type: ignore[no-untyped-call]  # unannotated in nbconvert
        # Last, so that it sees the outputs of an --execute run.
        self.register_preprocessor(OfflinePlotsPreprocessor, enabled=True)  # type: ignore[no-untyped-call]  # unannotated in nbconvert
