"""CSV exports read row by row, by column name, each row on its own.

A row the CSV reader cannot make sense of (a field larger than `MAX_FIELD`, a quote
never closed) is reported as one problem and the reading goes on where it can; column names
are matched whatever their case, so ``URL`` and ``url`` are one column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from lecteur.core.catalogue import say

MAX_FIELD = 1_000_000  # characters in one field (the csv module's default is 131,072)


@dataclass(frozen=True)
class Row:
    """One CSV row by (folded) column name, or the sentence saying why it is unreadable."""

    values: dict[str, str] = field(default_factory=dict)
    problem: str | None = None

    def get(self, name: str) -> str:
        """The field `name` (any case), or "" when the row has no such column."""
        return self.values.get(name.lower()) or ""


def header(content: str) -> list[str]:
    """The folded column names of a CSV text's first line ([] if it has none)."""
    first = content.lstrip("\ufeff").split("\n", 1)[0]
    try:
        return [name.strip().lower() for name in next(csv.reader([first]), [])]
    except csv.Error:
        return []


def rows(content: str) -> Iterator[Row]:
    """Every data row of a CSV text, by column name; unreadable rows as problems."""
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(content.lstrip("\ufeff"), newline=""))
    names: list[str] | None = None
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Row(problem=say("import.bad_row", line=reader.line_num, reason=error))
            continue
        if names is None:
            names = [name.strip().lower() for name in values]
            continue
        if not any(value.strip() for value in values):
            continue
        yield Row(dict(zip(names, values, strict=False)))
