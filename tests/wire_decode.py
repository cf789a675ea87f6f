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
    """What a front end holds after receiving `messages` in order: (generation, steps, values)."""
    generation, steps, values = None, [], []
    for content, buffers in messages:
        if content["generation"] != generation:
            generation, steps, values = content["generation"], [], []
        s, _, v = decode_rows(content, buffers)
        held = len(steps)
        assert content["start"] <= held, "a gap: rows were skipped"
        skip = held - content["start"]
        steps.extend(s[skip:])
        values.extend(v[skip:])
    width = messages[-1][0]["columns"] if messages else 0
    return generation, np.array(steps), np.array(values).reshape(-1, width)
