import numpy as np
import pytest

from livescope import LivePlot


def test_rows_are_kept_in_order_with_default_steps():
    w = LivePlot(columns=["loss", "val_loss"])
    for i in range(1000):
        w.update([i, -i])
    assert len(w) == 1000
    assert w.history.shape == (1000, 2)
    np.testing.assert_array_equal(w.history[:, 0], np.arange(1000))
    np.testing.assert_array_equal(w.history[:, 1], -np.arange(1000))
    np.testing.assert_array_equal(w.steps, np.arange(1000))


def test_growth_doubles_capacity_instead_of_copying_per_row():
    w = LivePlot(columns=2)
    buffers = set()
    for i in range(5000):
        w.update([i, i])
        buffers.add(id(w._history._values))
    assert len(buffers) <= 6  # 256, 512, ..., 8192


def test_history_is_read_only():
    w = LivePlot(columns=1)
    w.update(1.0)
    with pytest.raises(ValueError, match="read-only"):
        w.history[0, 0] = 5
    with pytest.raises(ValueError, match="read-only"):
        w.steps[0] = 5


@pytest.mark.parametrize(("dtype", "itemsize"), [("float64", 8), ("float32", 4), (np.float32, 4)])
def test_dtype_sets_storage(dtype, itemsize):
    w = LivePlot(columns=4, dtype=dtype)
    w.extend(np.ones((10, 4)))
    assert w.history.dtype.itemsize == itemsize
    assert w.history.nbytes == 10 * 4 * itemsize


def test_explicit_and_default_steps():
    w = LivePlot(columns=1)
    w.update(1.0, step=10)
    w.update(2.0)
    w.update(3.0, step=11)  # equal steps are allowed
    w.update(4.0, step=12.5)
    np.testing.assert_array_equal(w.steps, [10, 11, 11, 12.5])


def test_extend_appends_rows_and_steps():
    w = LivePlot(columns=["a", "b"])
    w.update([0, 0])
    w.extend([[1, 2], [3, 4]])
    w.extend(np.array([[5, 6]]), steps=[10])
    np.testing.assert_array_equal(w.steps, [0, 1, 2, 10])
    np.testing.assert_array_equal(w.history[-1], [5, 6])
    w.extend(np.empty((0, 2)))
    assert len(w) == 4


def test_columns_from_first_update():
    w = LivePlot()
    w.update({"loss": 1.0, "acc": 0.5})
    assert w.columns == ("loss", "acc")
    w = LivePlot()
    w.update([1, 2, 3])
    assert w.columns == ("0", "1", "2")
    w = LivePlot()
    w.update(7)
    assert w.columns == ("0",)
    w = LivePlot()
    w.extend(np.zeros((3, 2)))
    assert w.columns == ("0", "1")


def test_dict_rows_fill_missing_with_nan():
    w = LivePlot(columns=["loss", "val_loss"])
    w.update({"loss": 1.0})
    w.update({"val_loss": 2.0, "loss": 3.0})
    np.testing.assert_array_equal(w.history, [[1.0, np.nan], [3.0, 2.0]])


def test_nan_inf_and_none_are_data():
    w = LivePlot(columns=3)
    w.update([np.nan, np.inf, None])
    w.update(np.array([-np.inf, 1, 2]))
    assert len(w) == 2
    assert np.isnan(w.history[0, 0]) and np.isinf(w.history[0, 1]) and np.isnan(w.history[0, 2])


def test_accepts_numpy_scalars_and_zero_d_arrays():
    w = LivePlot(columns=["a", "b"])
    w.update([np.float32(1.5), np.array(2.5)])
    w.update(np.array([True, 3], dtype=object))
    np.testing.assert_array_equal(w.history, [[1.5, 2.5], [1, 3]])


def test_every_kind_of_real_number_is_stored_as_float_converts_it():
    from decimal import Decimal
    from fractions import Fraction

    values = [True, 2**60 + 1, Decimal("0.1"), Fraction(1, 3), np.int64(-7), np.uint8(200)]
    w = LivePlot(columns=len(values))
    w.update(values)
    w.update(tuple(values))
    w.update(np.array([1, 2, 3, 4, 5, 6], dtype=np.int64))
    expected = [float(v) for v in values]
    np.testing.assert_array_equal(w.history, [expected, expected, [1, 2, 3, 4, 5, 6]])


def test_a_float32_history_turns_values_beyond_float32_into_inf():
    w = LivePlot(columns=2, dtype="float32")
    with np.errstate(over="ignore"):
        w.update([1e300, -1e300])
        w.update([1.5, 2.5])
        held = w.history
    np.testing.assert_array_equal(held, [[np.inf, -np.inf], [1.5, 2.5]])
    assert held.dtype == np.float32


def test_an_array_inside_a_row_is_not_a_number():
    w = LivePlot(columns=2)
    with pytest.raises(ValueError, match="row"):
        w.update([1.0, np.array([2.0])])
    assert len(w) == 0


def test_reset_clears_but_keeps_columns_and_resumes():
    w = LivePlot(columns=["a"])
    w.extend([[1], [2]])
    w.stop()
    w.reset()
    assert len(w) == 0
    assert w.columns == ("a",)
    assert w.running()
    w.update(5)
    np.testing.assert_array_equal(w.steps, [0])


def test_stop_and_resume():
    w = LivePlot(columns=1)
    assert w.running() and not w.stopped
    w.stop()
    assert not w.running() and w.stopped
    assert not w.running()  # stays stopped
    w.update(1.0)  # updates are still recorded while stopped
    w.resume()
    assert w.running()
    assert len(w) == 1


def test_stop_shows_in_the_synced_state():
    w = LivePlot(columns=1)
    w.stop()
    assert w._widget.stopped is True
    w.resume()
    assert w._widget.stopped is False


def test_a_row_list_reused_by_the_caller_keeps_the_values_it_had():
    w = LivePlot(columns=2)
    row = [0.0, 0.0]
    for i in range(3):
        row[0], row[1] = i, -i
        w.update(row)
    array = np.zeros(2)
    for i in range(3, 5):
        array[:] = i, -i
        w.update(array)
    np.testing.assert_array_equal(w.history, [[i, -i] for i in range(5)])


def test_rows_waiting_in_python_lists_are_seen_by_every_reader():
    # Narrow rows are batched before they reach the arrays; interleaving
    # updates, extends and reads must still give every row in order.
    w = LivePlot(columns=3, max_rows=50)
    expected = []
    for i in range(200):
        if i % 7 == 0:
            w.extend([[i, i, i]], steps=[i])
        else:
            w.update([i, i, i], step=i)
        expected.append(i)
        if i % 13 == 0:
            kept = expected[-50:]
            assert len(w) == len(kept)
            assert w.dropped == len(expected) - len(kept)
            np.testing.assert_array_equal(w.history[:, 0], kept)
            np.testing.assert_array_equal(w.steps, kept)
    np.testing.assert_array_equal(w.history[:, 2], expected[-50:])


def test_wide_rows_are_kept_exactly_as_narrow_ones():
    w = LivePlot(columns=1000)
    rows = np.arange(5000.0).reshape(5, 1000)
    for row in rows:
        w.update(list(row))
    np.testing.assert_array_equal(w.history, rows)


def test_an_integer_beyond_any_float_is_stored_as_inf():
    w = LivePlot(columns=2)
    w.update([10**400, -(10**400)])
    w.update([1, 2])
    np.testing.assert_array_equal(w.history, [[np.inf, -np.inf], [1, 2]])


def test_growing_never_copies_rows_already_held():
    w = LivePlot(columns=2)
    w.update([0, 0])
    first_rows = w._history.held_rows(0, 1)[2]
    for i in range(1, 5000):
        w.update([i, -i])
    assert np.shares_memory(w._history.held_rows(0, 1)[2], first_rows)
    np.testing.assert_array_equal(w.history, [[i, -i] for i in range(5000)])
    np.testing.assert_array_equal(w.steps, np.arange(5000))


def test_rows_across_arrays_read_the_same_as_in_one():
    history = LivePlot(columns=300)._history  # wide rows go straight into the arrays
    rows = np.arange(300_000.0).reshape(1000, 300)
    for i, row in enumerate(rows):
        history.append(row, float(i), 0.0)
    # Held in arrays of 256, 512 and 1024 rows: read within and across them.
    for start, stop in [(0, 256), (10, 20), (250, 260), (256, 768), (700, 1000), (0, 1000)]:
        steps, _, values = history.held_rows(start, stop)
        np.testing.assert_array_equal(values, rows[start:stop])
        np.testing.assert_array_equal(steps, np.arange(start, stop))
    np.testing.assert_array_equal(history.values, rows)


def test_a_view_taken_before_more_rows_keeps_its_values():
    w = LivePlot(columns=1)
    w.extend(np.arange(300.0))
    before = w.history
    w.extend(np.arange(300.0, 2000.0))
    np.testing.assert_array_equal(w.history[:, 0], np.arange(2000.0))  # joins the arrays
    w.extend(np.arange(2000.0, 9000.0))
    np.testing.assert_array_equal(before[:, 0], np.arange(300.0))
    np.testing.assert_array_equal(w.history[:, 0], np.arange(9000.0))
