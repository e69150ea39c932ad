"""Strategies that damage a good input the way files get damaged: flipped bits, cut short, bytes lost or
added, a chunk repeated; and any JSON value for a field."""

import os

from hypothesis import strategies as st

SCALE = int(os.environ.get("SO_CDHT_FUZZ", "1"))  # more examples when hunting at a desk


def examples(n: int) -> int:
    return n * SCALE


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=12)


@st.composite
def mutated(draw, seed: bytes, max_edits: int = 4) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, max_edits))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "cut", "drop", "insert", "repeat"]))
        if kind == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del data[at:]
        elif kind == "drop":
            del data[at:at + draw(st.integers(1, 64))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
        else:
            data[at:at] = data[at:at + draw(st.integers(1, 256))]
    return bytes(data)


def replace_at(doc, path: list[int], value):  # noqa: ANN001, ANN201
    """`doc` (a JSON document) with the node that `path` picks, a walk of child indices, replaced by `value`."""
    if not path or not isinstance(doc, dict | list) or not doc:
        return value
    if isinstance(doc, dict):
        key = list(doc)[path[0] % len(doc)]
        return {**doc, key: replace_at(doc[key], path[1:], value)}
    i = path[0] % len(doc)
    return [*doc[:i], replace_at(doc[i], path[1:], value), *doc[i + 1:]]
