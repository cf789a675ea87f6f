"""The front end knows the same plot kinds as the Python registry."""

import json
import re
from pathlib import Path

from livescope._kinds import KINDS

REGISTRY = Path(__file__).resolve().parents[1] / "js" / "kinds" / "index.js"

# The one line `export const KIND_NAMES = [...];` of js/kinds/index.js, whose
# comment asks to keep it on one line of double-quoted names: a JSON array.
KIND_NAMES_LINE = re.compile(r"^export const KIND_NAMES = (\[.*\]);$", re.MULTILINE)


def test_the_front_end_lists_the_python_kinds():
    found = KIND_NAMES_LINE.findall(REGISTRY.read_text(encoding="utf-8"))
    assert len(found) == 1, "js/kinds/index.js should define KIND_NAMES once, on one line"
    assert json.loads(found[0]) == sorted(KINDS)
