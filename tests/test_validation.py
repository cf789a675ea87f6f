import numpy as np
import pytest

from livescope import LivePlot


@pytest.fixture
def plot():
    w = LivePlot(columns=["loss", "val_loss"])
    w.update([1.0, 2.0])
    return w


def assert_unchanged(w):
    assert len(w) == 1
    np.testing.assert_array_equal(w.history, [[1.0, 2.0]])
    np.testing.assert_array_equal(w.steps, [0])


@pytest.mark.parametrize(
    ("row", "error", "message"),
    [
        ([1.0, 2.0, 3.0], ValueError, r"2 values.*\['loss', 'val_loss'\].*got shape 3"),
        ([1.0], ValueError, "got shape 1"),
        ([[1.0, 2.0]], ValueError, r"got shape 1x2 \(use extend\(\)"),
        (5.0, ValueError, "got the single number 5.0"),
        (["a", 2.0], TypeError, "column 'loss' must be a real number; got str 'a'"),
        ([1.0, "2"], TypeError, "column 'val_loss' must be a real number; got str '2'"),
        ([1.0, [2.0, 3.0]], ValueError, "rectangular"),
        ([1.0, 1j], TypeError, "column 'val_loss' must be a real number; got complex"),
        ({"loss": "x"}, TypeError, "column 'loss' must be a real number; got str 'x'"),
        ({"lost": 1.0}, KeyError, r"'lost' is not a column of this plot"),
        ("1.0", TypeError, "a sequence of numbers, a dict or a number; got str"),
    ],
)
def test_bad_rows_are_rejected_and_change_nothing(plot, row, error, message):
    with pytest.raises(error, match=message):
        plot.update(row)
    assert_unchanged(plot)


def test_decreasing_step_is_rejected(plot):
    with pytest.raises(ValueError, match="step must not decrease: got -1 after 0"):
        plot.update([1, 2], step=-1)
    assert_unchanged(plot)


@pytest.mark.parametrize(
    ("step", "error"), [("3", TypeError), (np.nan, ValueError), (True, TypeError)]
)
def test_bad_step_is_rejected(plot, step, error):
    with pytest.raises(error, match="step must be"):
        plot.update([1, 2], step=step)
    assert_unchanged(plot)


@pytest.mark.parametrize(
    ("rows", "steps", "error", "message"),
    [
        (np.ones((3, 3)), None, ValueError, r"K x 2 array.*got shape 3x3"),
        (np.ones(2), None, ValueError, r"got shape 2 \(use update\(\) for one row\)"),
        ([["a", "b"]], None, TypeError, "column 'loss' must be a real number"),
        (np.ones((2, 2)), [5, 4], ValueError, "steps must not decrease"),
        (np.ones((2, 2)), [-1, 4], ValueError, "first step -1 < last step 0"),
        (np.ones((2, 2)), [1], ValueError, r"one value per row \(2\)"),
        (np.ones((2, 2)), ["a", "b"], TypeError, "steps must be real numbers"),
        (np.ones((2, 2)), [1, np.inf], ValueError, "finite"),
    ],
)
def test_bad_extend_is_rejected_and_changes_nothing(plot, rows, steps, error, message):
    with pytest.raises(error, match=message):
        plot.extend(rows, steps=steps)
    assert_unchanged(plot)


def test_rejected_first_row_does_not_fix_columns():
    w = LivePlot()
    with pytest.raises(TypeError):
        w.update(["a", "b", "c"])
    assert w.columns == ()
    w.update([1.0, 2.0])
    assert w.columns == ("0", "1")


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"columns": "loss"}, TypeError, "not one string"),
        ({"columns": []}, ValueError, "at least one series"),
        ({"columns": 0}, ValueError, "at least 1"),
        ({"columns": ["a", "a"]}, ValueError, "unique; repeated: a"),
        ({"columns": ["a", 1]}, TypeError, "must be strings; got int 1"),
        ({"columns": 2.5}, TypeError, "got float"),
        ({"title": 3}, TypeError, "title must be a string or None"),
        ({"x_label": None}, TypeError, "x_label must be a string"),
        ({"max_fps": 0}, ValueError, "max_fps must be > 0"),
        ({"max_fps": 1000}, ValueError, "<= 120"),
        ({"max_fps": "30"}, TypeError, "max_fps must be a number"),
        ({"dtype": "int64"}, ValueError, "dtype must be 'float64' or 'float32'"),
        ({"dtype": "nonsense"}, TypeError, "dtype must be"),
        ({"height": 10}, ValueError, "height must be >= 50"),
        ({"height": 300.5}, TypeError, "height must be an integer"),
        ({"colour": "red"}, TypeError, "unexpected keyword argument 'colour'"),
        ({"kind": "pie"}, ValueError, "kind must be one of 'lines'.*got 'pie'"),
        ({"kind": None}, ValueError, "kind must be one of"),
    ],
)
def test_bad_constructor_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        LivePlot(**kwargs)


def test_columns_is_keyword_or_first_positional_only():
    with pytest.raises(TypeError):
        LivePlot(["a"], "title")


def test_the_kind_and_its_options_reach_the_front_end():
    w = LivePlot(columns=2)
    assert w.kind == "lines"
    assert (w._widget.kind, w._widget.view_options) == (
        "lines",
        {"smoothing": 0.0, "log_y": False, "x_axis": "step"},
    )
