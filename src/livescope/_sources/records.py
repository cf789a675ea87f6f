"""One line of a metrics file into a record of named numbers: JSON lines or CSV."""

from __future__ import annotations

import csv
import json
import math
from typing import Protocol

FORMATS = ("jsonl", "csv")


class BadLine(ValueError):
    """A line that is not a record; the text says why."""


class LineParser(Protocol):
    def parse(self, line: str) -> dict[str, float] | None:
        """The numeric fields of one line; None for a line that is no record (a header)."""

    def restart(self) -> None:
        """The file starts over (a new file, or truncated)."""


class JsonLinesParser:
    """One JSON object per line; numbers are values, null is missing, the rest is ignored."""

    def parse(self, line: str) -> dict[str, float]:
        try:
            record = json.loads(line)
        except ValueError as error:
            raise BadLine(f"not JSON ({error})") from None
        except RecursionError:
            raise BadLine("not a record: nested too deeply") from None
        if not isinstance(record, dict):
            raise BadLine(f"a JSON {type(record).__name__}, not an object")
        numbers = {}
        for name, value in record.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                try:
                    numbers[name] = float(value)
                except OverflowError:
                    raise BadLine(f"{name!r} is an integer too large for a float") from None
        return numbers

    def restart(self) -> None:
        """Nothing to forget: every line stands alone."""


class CsvParser:
    """A header line of names, then one record per line; empty fields are missing."""

    def __init__(self) -> None:
        self._names: list[str] | None = None

    def parse(self, line: str) -> dict[str, float] | None:
        try:
            fields = next(csv.reader([line]))
        except csv.Error as error:
            raise BadLine(f"not CSV ({error})") from None
        if self._names is None:
            if len(set(fields)) != len(fields) or not all(fields):
                raise BadLine(f"a header needs unique, non-empty names; got {fields!r:.120}")
            self._names = fields
            return None
        if len(fields) != len(self._names):
            raise BadLine(f"{len(fields)} fields under a header of {len(self._names)}")
        record = {}
        for name, text in zip(self._names, fields, strict=True):
            if text.strip():
                try:
                    record[name] = float(text)
                except ValueError:
                    continue  # a text column (a phase or a date, say) is not a series
        return record

    def restart(self) -> None:
        self._names = None


def make_parser(format: str) -> LineParser:
    return CsvParser() if format == "csv" else JsonLinesParser()


def split_step(record: dict[str, float], step_field: str) -> tuple[float | None, dict[str, float]]:
    """The record's finite step (or None) and its other fields."""
    step = record.pop(step_field, None)
    if step is not None and not math.isfinite(step):
        raise BadLine(f"the {step_field!r} field is {step}, not a finite number")
    return step, record
