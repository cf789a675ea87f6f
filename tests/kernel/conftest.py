"""Fixtures: every kernel test runs on both supported ipykernel lines.

ipykernel 7.x is the one of the Python running pytest; ipykernel 6.31.x comes
from ``LIVESCOPE_IPYKERNEL6_PYTHON`` (default ``<repo>/.venv-ipykernel6/bin/python``).
A missing 6.31 Python fails the tests with instructions instead of skipping them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from harness import KERNEL_LINES, Kernel, StopComm, kernel_python, start_kernel


@pytest.fixture(params=list(KERNEL_LINES), scope="module")
def kernel_line(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def python_for_line(kernel_line: str) -> str:
    return kernel_python(kernel_line)


@pytest.fixture
def kernel(python_for_line: str, kernel_line: str, tmp_path: Path) -> Iterator[Kernel]:
    """A fresh kernel of the parametrized line, so no test sees another's state."""
    k = start_kernel(python_for_line, kernel_line, tmp_path)
    yield k
    k.close()


@pytest.fixture
def stop_comm(kernel: Kernel) -> StopComm:
    """The stand-in Stop button: a comm whose message sets ``stop_flag`` in the kernel."""
    return StopComm(kernel)
