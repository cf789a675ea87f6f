"""The Python picture reproduces the golden vectors the front end is held to as well.

The vectors live in src/livescope/_spec/fixtures/ (written by
tools/generate_fixtures.py); js/parity.test.js checks the same files against
the front end, so a rule changed on one side only fails one of the two.
"""

import json
import math
import sys
from pathlib import Path

import pytest

from livescope._core.spec import SPEC_DIR

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import generate_fixtures


def stored(name):
    return json.loads((SPEC_DIR / "fixtures" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(generate_fixtures.FIXTURES))
def test_python_reproduces_the_stored_vectors(name):
    made = json.loads(json.dumps(generate_fixtures.FIXTURES[name]()))
    expected = stored(name)
    if name == "smoothing":  # sums in another order may differ in the last bits
        for got, want in zip(made["cases"], expected["cases"], strict=True):
            assert got["values"] == want["values"]
            for a, b in zip(got["smoothed"], want["smoothed"], strict=True):
                assert a == b or (isinstance(a, float) and math.isclose(a, b, rel_tol=1e-12))
    else:
        assert made == expected


def test_every_colormap_of_the_spec_has_a_table_or_is_computed():
    from livescope._core.spec import COLORMAP_TABLES, COLORMAPS

    assert set(COLORMAPS) == set(COLORMAP_TABLES) | {"greys"}


def test_a_broken_tick_rule_fails_the_vectors(monkeypatch):
    """The check bites: a tick rule with 2.5 steps (as uPlot's) no longer matches."""
    from livescope._picture import ticks

    def with_quarter_steps(span, count):
        raw = span / max(1, count)
        magnitude = 10 ** math.floor(math.log10(raw))
        return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)

    monkeypatch.setattr(ticks, "nice_step", with_quarter_steps)
    monkeypatch.setattr(generate_fixtures, "nice_step", with_quarter_steps)
    assert json.loads(json.dumps(generate_fixtures.ticks())) != stored("ticks")
