"""Live plots for Jupyter that stream while the cell runs and stop from the browser."""

from importlib.metadata import PackageNotFoundError, version

from ._dashboard import Dashboard
from ._plot import LivePlot
from ._runs.read import RunInfo, StoredRun, runs
from ._sources.publisher import Publisher

try:
    __version__ = version("livescope")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["Dashboard", "LivePlot", "Publisher", "RunInfo", "StoredRun", "__version__", "runs"]
