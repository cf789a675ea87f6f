"""The documentation's examples: one per kind, each runs, and the pages made from them are current.

The docs site build (``./dev docs``, a step of ``./dev test``) checks the same
and more; these run in the kernel-free suite so a new kind without an example
shows up there too.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from livescope import Dashboard, LivePlot
from livescope._kinds import KINDS

TOOL = Path(__file__).resolve().parents[1] / "tools" / "docs_site.py"


@pytest.fixture(scope="module")
def docs_site():
    spec = importlib.util.spec_from_file_location("docs_site", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def test_every_kind_has_an_example(docs_site):
    missing = docs_site.missing_kinds()
    assert missing == [], (
        f"kinds {missing} have no docs/examples/<kind>.py: write one (its docstring is the "
        "page, its code the example), then run ./dev pictures"
    )
    assert [e.name for e in docs_site.examples()][: len(KINDS)] == list(KINDS)


@pytest.mark.parametrize("name", [*KINDS, "dashboard"])
def test_an_example_runs_and_leaves_its_plot(docs_site, name):
    example = docs_site.read_example(docs_site.EXAMPLES / f"{name}.py")
    plot = docs_site.run(example)
    assert isinstance(plot, Dashboard if name == "dashboard" else LivePlot)
    if isinstance(plot, LivePlot):
        assert plot.kind == name
        assert len(plot) > 1
    assert "PICTURE" not in example.code
    assert (docs_site.PICTURES / example.picture).exists(), "run ./dev pictures"


def test_pages_and_galleries_are_what_the_examples_make(docs_site):
    stale = [str(p.relative_to(docs_site.ROOT)) for p in docs_site.stale_texts()]
    assert stale == [], f"{stale} differ from what docs/examples make: run ./dev pictures"


def test_pictures_stay_small(docs_site):
    total = sum(p.stat().st_size for p in docs_site.PICTURES.iterdir())
    assert total < 1_000_000, f"docs/pictures holds {total} bytes; keep it under 1 MB"
