"""The whole library as plain data, and back: ``lecteur export --format json`` / ``import``.

(A dump, to move a library or read it with other tools; the verified SQLite copies taken
daily and before a migration are `lecteur.core.library.backups`.)

A backup is every row of every table (articles, quotations and their kept marks, tags,
highlights, notes, drafts, library facts), with every column, in the order SQLite holds
them, so nothing the reader did is left out, including columns added by later migrations.
Only what is derived from those rows is left out, and rebuilt on import: the full-text
index (from the articles), and the counts and folded names that triggers keep (the
``counters``, ``people`` and ``person_articles`` tables, the quotations' and articles'
``*_key``/``*_order`` columns); a backup that holds them anyway has them ignored.

An import goes into an empty library and gives back the same library, ids included (the
round-trip test compares a dump of each), and where the ids of ``AUTOINCREMENT`` tables go
on: an id is never given twice, even across a backup. Table and column names in a backup are checked
against the library's own schema, never put into SQL as given; every string passes the
sanitiser again, since a backup is a file anyone could have written.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from lecteur.core.errors import InvalidInputError
from lecteur.core.library.articles import index_article, stored_article
from lecteur.core.library.database import Database
from lecteur.core.library.migrations import (
    FILL_TAG_DATES,
    LATEST_VERSION,
    fill_counters,
    fill_people,
    user_version,
)
from lecteur.core.text.sanitize import clean_text

# Kept by triggers from the other rows: never dumped, ignored in a backup (see above).
DERIVED_TABLES = frozenset({"counters", "people", "person_articles"})
DERIVED_COLUMNS = frozenset({"speaker_key", "speaker_order", "author_key", "author_order"})
FORMAT = "lecteur-backup"
FORMAT_VERSION = 1


def _tables(conn: sqlite3.Connection) -> list[str]:
    """The library's own tables, in the order they were created (parents before children);
    the full-text index and its shadow tables are left out."""
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY rowid")
    names = [str(r[0]) for r in rows]
    return [n for n in names if n != "search" and not n.startswith("search_")
            and n not in DERIVED_TABLES]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """A table's columns, but those triggers derive from the others."""
    return [str(row[1]) for row in conn.execute(f'PRAGMA table_info("{table}")')
            if str(row[1]) not in DERIVED_COLUMNS]


def _to_json(value: object) -> object:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return value


def _blob_to_json(value: object) -> object:
    """`_to_json` of a value the JSON encoder cannot write itself (a BLOB)."""
    if isinstance(value, bytes):
        return _to_json(value)
    raise TypeError(f"a value of type {type(value).__name__} in a row")


# json.dumps(..., ensure_ascii=False) but made once, and writing a BLOB as `_to_json` does:
# a page of rows is encoded in one call, nothing done per value in Python.
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False, default=_blob_to_json)
_PAGE = 32  # rows read and encoded at once (bodies of about 6 KB: a few hundred KB)


def _from_json(value: object) -> object:
    if isinstance(value, dict) and set(value) == {"base64"}:
        return base64.b64decode(str(value["base64"]))
    if isinstance(value, str):
        return clean_text(value)
    if value is None or isinstance(value, (int, float)):
        return value
    raise InvalidInputError("backup.invalid", reason=f"a value of type {type(value).__name__}")


def dump(db: Database) -> dict[str, Any]:
    """Every row of the library, table by table, as JSON-ready data."""
    conn = db.conn
    tables: dict[str, Any] = {}
    for table in _tables(conn):
        columns = _columns(conn, table)
        quoted = ", ".join(f'"{c}"' for c in columns)
        rows = conn.execute(f'SELECT {quoted} FROM "{table}" ORDER BY {quoted}')
        tables[table] = {"columns": columns,
                         "rows": [[_to_json(v) for v in row] for row in rows]}
    return {"format": FORMAT, "version": FORMAT_VERSION, "schema": user_version(conn),
            "tables": tables, "sequences": _sequences(conn)}


def dump_json(db: Database, piece_chars: int = 65_536) -> Iterator[str]:
    """``json.dumps(dump(db), ensure_ascii=False)``, the same text, in pieces as the rows
    are read (each about `piece_chars` long): a backup of a million articles is never
    held whole."""
    conn = db.conn
    text = _ENCODER.encode

    yield (f'{{"format": {text(FORMAT)}, "version": {text(FORMAT_VERSION)}, '
           f'"schema": {text(user_version(conn))}, "tables": {{')
    for number, table in enumerate(_tables(conn)):
        columns = _columns(conn, table)
        quoted = ", ".join(f'"{c}"' for c in columns)
        yield f'{", " if number else ""}{text(table)}: {{"columns": {text(columns)}, "rows": ['
        rows = conn.execute(f'SELECT {quoted} FROM "{table}" ORDER BY {quoted}')
        between, held, size = "", [], 0
        while page := rows.fetchmany(_PAGE):  # a piece is about `piece_chars` long
            held.append(text(page)[1:-1])  # the rows' arrays, ", " between them
            size += len(held[-1])
            if size >= piece_chars:
                yield between + ", ".join(held)
                between, held, size = ", ", [], 0
        if held:
            yield between + ", ".join(held)
        yield "]}"
    yield f'}}, "sequences": {text(_sequences(conn))}}}'


def _sequences(conn: sqlite3.Connection) -> dict[str, int]:
    """Where each ``AUTOINCREMENT`` table's ids go on (ids never given twice: a backup
    must not let an id deleted before it be given again after an import)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        return {}
    # max(): a library made by the trash migration may hold two rows for one table.
    return {str(name): int(seq) for name, seq in
            conn.execute("SELECT name, max(seq) FROM sqlite_sequence GROUP BY name ORDER BY name")}


def _restore_sequences(conn: sqlite3.Connection, sequences: object, known: list[str]) -> None:
    """Set each table's id sequence to at least the backup's (see `_sequences`)."""
    if not sequences:
        return
    if not isinstance(sequences, dict) or not all(
            name in known and isinstance(seq, int) for name, seq in sequences.items()):
        raise InvalidInputError("backup.invalid", reason="its id sequences are malformed")
    if not _sequences(conn) and not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        return  # this schema gives no table AUTOINCREMENT ids
    for name, seq in sequences.items():
        conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (seq, name))
        conn.execute("INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? WHERE NOT EXISTS "
                     "(SELECT 1 FROM sqlite_sequence WHERE name = ?)", (name, seq, name))


def restore(db: Database, backup: object) -> dict[str, int]:
    """Load a `dump` into this (empty) library in one transaction; return rows per table.

    Raises `InvalidInputError` for a file that is not a lecteur backup, one from a newer
    lecteur, or a library that is not empty (an import never mixes two libraries).
    """
    tables, sequences = _checked(backup)
    counts: dict[str, int] = {}
    with db.write() as conn:
        if conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
            raise InvalidInputError("backup.not_empty")
        # Foreign keys are checked at COMMIT: a table rebuilt by a migration comes after
        # its children in the schema's order, and a broken reference still fails whole.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        known = _tables(conn)
        articles, bodies = _split_bodies(conn, tables.get("articles"))
        if bodies is not None:
            tables = {**tables, "articles": articles, "article_bodies": bodies}
        for table in known:
            if table in tables:
                counts[table] = _insert(conn, table, tables[table])
        unknown = sorted(set(tables) - set(known) - DERIVED_TABLES)
        if unknown:
            raise InvalidInputError("backup.invalid", reason=f"unknown table {unknown[0]!r}")
        _restore_sequences(conn, sequences, known)
        # Children came before the articles they point to (a table rebuilt by a migration
        # comes later in the schema's order): what triggers keep is counted again whole.
        fill_counters(conn)
        fill_people(conn)
        conn.execute(FILL_TAG_DATES)
        for (article_id,) in conn.execute("SELECT id FROM articles").fetchall():
            stored = stored_article(conn, int(article_id))
            if stored is not None:
                index_article(conn, stored.id, stored.article)
    return counts


def _checked(backup: object) -> tuple[dict[str, Any], object]:
    """The tables and id sequences of a backup, after checking what it says it is."""
    if not isinstance(backup, dict) or backup.get("format") != FORMAT:
        raise InvalidInputError("backup.invalid", reason="it is not a lecteur backup")
    schema = backup.get("schema")
    if not isinstance(schema, int) or schema > LATEST_VERSION:
        raise InvalidInputError("backup.newer", version=schema, latest=LATEST_VERSION)
    tables = backup.get("tables")
    if not isinstance(tables, dict):
        raise InvalidInputError("backup.invalid", reason="it holds no tables")
    return tables, backup.get("sequences")


def _insert(conn: sqlite3.Connection, table: str, data: object) -> int:
    """Insert one table's rows; their columns must be the table's own."""
    if not isinstance(data, dict) or not isinstance(data.get("columns"), list):
        raise InvalidInputError("backup.invalid", reason=f"table {table!r} has no columns")
    columns, rows = data["columns"], data.get("rows") or []
    derived = [i for i, c in enumerate(columns) if c in DERIVED_COLUMNS]
    if derived:  # written by a lecteur that dumped them: the triggers make them again
        columns = [c for i, c in enumerate(columns) if i not in derived]
        rows = [[v for i, v in enumerate(row) if i not in derived] if isinstance(row, list)
                else row for row in rows]
    own = set(_columns(conn, table))
    strange = [c for c in columns if c not in own]
    if strange:
        raise InvalidInputError("backup.invalid", reason=f"unknown column {strange[0]!r}")
    quoted = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    values = []
    for row in rows:
        if not isinstance(row, list) or len(row) != len(columns):
            raise InvalidInputError("backup.invalid", reason=f"a row of {table!r} is malformed")
        values.append([_from_json(v) for v in row])
    conn.executemany(f'INSERT OR REPLACE INTO "{table}" ({quoted}) VALUES ({marks})', values)
    return len(values)


_BODY = ("blocks", "links")  # in articles before the article_bodies migration


def _split_bodies(conn: sqlite3.Connection, data: object) -> tuple[object, object | None]:
    """An older backup's articles table, its bodies taken out into ``article_bodies`` rows
    (a backup made before bodies had their own table still loads whole)."""
    if not isinstance(data, dict) or not isinstance(data.get("columns"), list):
        return data, None
    columns = list(data["columns"])
    if "blocks" not in columns or "blocks" in _columns(conn, "articles") or "id" not in columns:
        return data, None
    at = {name: columns.index(name) for name in ("id", *_BODY) if name in columns}
    narrow = [i for i, name in enumerate(columns) if name not in _BODY]
    rows = [row for row in data.get("rows") or [] if isinstance(row, list)
            and len(row) == len(columns)]
    if len(rows) != len(data.get("rows") or []):
        raise InvalidInputError("backup.invalid", reason="a row of 'articles' is malformed")
    bodies = {"columns": ["article_id", *(name for name in _BODY if name in at)],
              "rows": [[row[at["id"]], *(row[at[name]] for name in _BODY if name in at)]
                       for row in rows]}
    return {"columns": [columns[i] for i in narrow],
            "rows": [[row[i] for i in narrow] for row in rows]}, bodies
