"""The Python picture reproduces the golden vectors the front end is held to as well.

The vectors live in src/livescope/_spec/fixtures/ (written by
tools/generate_fixtures.py); js/parity.test.js checks the same files against
the front end, so a rule changed on one side only fails one of the two.
"""

import json
import math
import sys
from pathlib import Path

import numpy as np
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


def test_the_envelope_from_a_loop_over_bins_reproduces_the_vectors(monkeypatch):
    """The vectors come from whole-array passes (few rows per bin); the loop gives the same."""
    from livescope._core import envelope

    monkeypatch.setattr(envelope, "_VECTORIZED_VALUES_PER_BIN", 0)
    assert json.loads(json.dumps(generate_fixtures.envelopes())) == stored("envelope")


def test_a_log_scale_envelope_taken_before_leaving_out_values_not_above_zero_fails(monkeypatch):
    """The check bites: binning first and dropping values <= 0 after loses bins' minima."""
    from livescope._core.envelope import envelope

    def gaps_after(steps, values, bins, x0, x1, positive=False):
        rows, points = envelope(steps, values, bins, x0, x1)
        return rows, (np.where(points > 0, points, np.nan) if positive else points)

    monkeypatch.setattr(generate_fixtures, "envelope", gaps_after)
    made = json.loads(json.dumps(generate_fixtures.envelopes()))
    differ = [
        c["name"]
        for c, s in zip(made["cases"], stored("envelope")["cases"], strict=True)
        if c != s
    ]
    assert differ == ["log scale"]
