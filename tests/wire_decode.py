"""A reference decoder of `rows` messages, reading them as a front end does."""

import numpy as np


def decode_rows(content, buffers):
    """Steps, times and K x M values of one `rows` message."""
    assert content["type"] == "rows"
    count, width = content["count"], content["columns"]
    steps = np.frombuffer(buffers[0], np.float64)
    times = np.frombuffer(buffers[1], np.float64)
    values = np.frombuffer(buffers[2], np.dtype(content["dtype"]))
    assert steps.shape == times.shape == (count,)
    assert values.shape == (count * width,)
    return steps, times, values.reshape(count, width)


def replay(messages):
    """What a front end holds after receiving `messages` in order: (generation, steps, values).

    Follows docs/wire-format.md: rows overlap or append; a message that
    starts past the rows held begins the kernel's window (`start == dropped`),
    any other is a gap; rows before `dropped` are dropped.
    """
    generation, first, steps, values = None, 0, [], []
    for content, buffers in messages:
        if content["generation"] != generation:
            generation, first, steps, values = content["generation"], 0, [], []
        s, _, v = decode_rows(content, buffers)
        start, dropped = content["start"], content.get("dropped", 0)
        if start > first + len(steps):
            assert start == dropped, "a gap: rows were skipped"
            first, steps, values = start, [], []
        skip = first + len(steps) - start
        steps.extend(s[skip:])
        values.extend(v[skip:])
        if dropped > first:
            del steps[: dropped - first], values[: dropped - first]
            first = dropped
    width = messages[-1][0]["columns"] if messages else 0
    return generation, np.array(steps), np.array(values).reshape(-1, width)
