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


# Outside pytest, numpy only warns (ComplexWarning) as it drops the imaginary part.
@pytest.mark.filterwarnings("ignore::numpy.exceptions.ComplexWarning")
@pytest.mark.parametrize(
    ("row", "message"),
    [
        ([np.complex128(1 + 2j), 1.0], "column 'loss' .* got complex128"),
        ([1.0, np.complex64(2j)], "column 'val_loss' .* got complex64"),
        ((1.0, np.clongdouble(2j)), "column 'val_loss' .* got clongdouble"),
        ({"val_loss": np.complex64(2j)}, "column 'val_loss' .* got complex64"),
        ({"loss": np.array(2j)}, "column 'loss' .* got ndarray"),
        (np.array([1, 2j]), "column 'loss' must be a real number; got complex"),
    ],
)
def test_complex_values_are_refused_not_cut_to_their_real_part(plot, row, message):
    with pytest.raises(TypeError, match=message):
        plot.update(row)
    assert_unchanged(plot)


def test_decreasing_step_is_rejected(plot):
    with pytest.raises(ValueError, match="step must not decrease: got -1 after 0"):
        plot.update([1, 2], step=-1)
    assert_unchanged(plot)


def test_a_step_too_large_for_a_float_names_step(plot):
    with pytest.raises(ValueError, match="step must be a finite number; got int too large"):
        plot.update([1, 2], step=10**400)
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
        (np.ones((2, 2)), [5, 4], ValueError, r"steps\[1\] = 4 after steps\[0\] = 5"),
        (np.ones((3, 2)), [1, 2, 1], ValueError, r"steps\[2\] = 1 after steps\[1\] = 2"),
        (np.ones((2, 2)), [1, 10**400], ValueError, r"steps\[1\] must be a finite number"),
        (np.ones((2, 2)), [1, np.nan], ValueError, r"steps\[1\] = nan"),
        (np.ones((2, 2)), [[1], [2, 3]], ValueError, "steps must be a rectangular array"),
        ([[1, 2], [3]], None, ValueError, "rows must be a rectangular array"),
        (np.ones((2, 2)), [-1, 4], ValueError, r"steps\[0\] = -1 after the plot's last step 0"),
        (np.ones((2, 2)), [1], ValueError, r"one value per row \(2\)"),
        (np.ones((2, 2)), ["a", "b"], TypeError, r"steps\[0\] must be a real number; got str 'a'"),
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
        ({"height": 10}, ValueError, "height must be between 50 and 10000; got 10"),
        ({"height": 10**9}, ValueError, "height must be between 50 and 10000; got 1000000000"),
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


@pytest.mark.parametrize(
    ("kwargs", "row"),
    [
        ({}, np.complex64(1 + 2j)),
        ({"kind": "frame"}, [np.complex64(2j), 1.0]),
        ({"kind": "frame"}, np.ones(3, np.complex64)),
        ({"kind": "heatmap", "shape": (2, 2)}, np.ones((2, 2), np.complex64)),
        ({"kind": "waterfall"}, [1.0, np.complex128(2j)]),
        ({"kind": "trajectory"}, [np.complex64(1j), 1.0]),
        ({"kind": "scatter"}, np.ones((3, 2), np.complex64)),
    ],
)
@pytest.mark.filterwarnings("ignore::numpy.exceptions.ComplexWarning")
def test_complex_values_are_refused_by_every_kind(kwargs, row):
    w = LivePlot(**kwargs)
    with pytest.raises(TypeError, match=r"must (be a real number|hold real numbers); got complex"):
        w.update(row)
    with pytest.raises(TypeError, match=r"must (be a real number|hold real numbers); got complex"):
        w.extend(np.asarray(row)[None])
    assert len(w) == 0


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ([], "row must hold at least one value; got an empty row"),
        (np.array([]), "row must hold at least one value; got an empty row"),
        ({}, "row must name at least one column; got an empty dict"),
        ([1, [2, 3]], "row must be a rectangular array"),
    ],
)
def test_an_empty_or_ragged_first_row_is_refused_and_fixes_nothing(row, message):
    w = LivePlot()
    with pytest.raises(ValueError, match=message):
        w.update(row)
    assert (w.columns, len(w)) == ((), 0)
    w.update([1, 2])
    assert w.columns == ("0", "1")


@pytest.mark.parametrize("kwargs", [{}, {"columns": 2}, {"kind": "frame"}, {"kind": "scatter"}])
@pytest.mark.parametrize("rows", [[], np.empty((0, 3)), ()])
def test_extend_with_no_rows_changes_nothing(kwargs, rows):
    w = LivePlot(**kwargs)
    columns = w.columns
    w.extend(rows)
    w.extend(rows, steps=[])
    assert (w.columns, len(w), w._history.width) == (columns, 0, 2 if columns else None)


def test_the_first_rows_of_extend_must_hold_values():
    w = LivePlot()
    with pytest.raises(ValueError, match="rows must hold at least one value per row; got shape"):
        w.extend([[]])
    assert w.columns == ()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: LivePlot(columns=10**9),
            "columns must give at most 1024 named series.*got 1000000000",
        ),
        (
            lambda: LivePlot(columns=1025),
            "at most 1024 named series.*got 1025; for rows of positions",
        ),
        (
            lambda: LivePlot(columns=[f"c{i}" for i in range(1025)]),
            "columns must give at most 1024",
        ),
        (lambda: LivePlot().update(np.zeros(1025)), "row must give at most 1024 named series"),
        (lambda: LivePlot().extend(np.zeros((2, 1025))), "rows must give at most 1024 named"),
        (
            lambda: LivePlot(kind="frame", columns=10**9),
            "columns must have at most 16,777,216 values",
        ),
        (
            lambda: LivePlot(kind="heatmap", shape=(10**5, 10**5)),
            "shape must make at most 16,777,216",
        ),
        (
            lambda: LivePlot(kind="frame").update(np.zeros(2**24 + 1)),
            "row must have at most 16,777,216",
        ),
        (
            lambda: LivePlot(kind="waterfall").extend(np.zeros((1, 2**24 + 1))),
            "rows must have at most",
        ),
        # Options that travel as lists to the front end, and what makes panels.
        (
            lambda: LivePlot(kind="frame", x=np.broadcast_to(1.0, (2**24 + 1,))),
            "x must have at most 16,777,216 values; got 16,777,217",
        ),
        (
            lambda: LivePlot(kind="bars", edges=np.broadcast_to(1.0, (2**24 + 2,))),
            "edges must have at most 16,777,217 values",
        ),
        (
            lambda: LivePlot(kind="bars", labels=[str(i) for i in range(1025)]),
            "labels must name at most 1024 bars; got 1025",
        ),
        (
            lambda: LivePlot(kind="frame").update({str(i): [0.0] for i in range(1025)}),
            "row must name at most 1024 curves; got 1025",
        ),
        (lambda: LivePlot(kind="frame", facet=1025), "facet must be between 1 and 1024"),
    ],
)
def test_too_many_columns_fail_before_anything_is_made(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_the_largest_rows_allowed_fit():
    assert LivePlot(columns=1024).columns[-1] == "1023"
    w = LivePlot(kind="frame")
    w.update(np.zeros(2**24, np.float32))  # first arrays sized by values, not 256 rows of them
    assert w.history.shape == (1, 2**24)
