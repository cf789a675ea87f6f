"""The runs store: its schema, and opening it (SQLite file or PostgreSQL database).

Tables (docs/runs.md describes them for readers with other tools):

- ``livescope_meta(key, value)``: ``schema_version`` and ``created_by``.
- ``runs``: one row per run: names, parameters, columns, status, heartbeat.
- ``batches``: the rows of the runs, a batch per SQL row, each column of a
  batch packed as little-endian float64 (``steps``, ``times``, ``data``).

A store written by a newer schema is refused: its runs may hold what this
version cannot read, and writing to it could damage them.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
CREATED_BY = "livescope"
# Seconds a `running` run may go without a heartbeat before readers call it died
# (sooner when its process, on this machine, is gone).
STALE_AFTER = 10.0

STATUSES = ("running", "finished", "stopped", "died")

TABLES = """
CREATE TABLE IF NOT EXISTS livescope_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id {id_column},
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    params TEXT NOT NULL,
    columns TEXT NOT NULL,
    kind TEXT NOT NULL,
    options TEXT NOT NULL,
    started DOUBLE PRECISION NOT NULL,
    ended DOUBLE PRECISION,
    status TEXT NOT NULL,
    last_step DOUBLE PRECISION,
    row_count BIGINT NOT NULL DEFAULT 0,
    generation BIGINT NOT NULL DEFAULT 0,
    heartbeat DOUBLE PRECISION NOT NULL,
    host TEXT NOT NULL,
    pid BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_name ON runs (name, started);
CREATE TABLE IF NOT EXISTS batches (
    run_id BIGINT NOT NULL REFERENCES runs (id),
    generation BIGINT NOT NULL,
    first_row BIGINT NOT NULL,
    row_count BIGINT NOT NULL,
    width BIGINT NOT NULL,
    steps {blob} NOT NULL,
    times {blob} NOT NULL,
    data {blob} NOT NULL,
    PRIMARY KEY (run_id, generation, first_row)
);
"""

RUN_FIELDS = (
    "id, name, label, params, columns, kind, options, started, ended, status, "
    "last_step, row_count, generation, heartbeat, host, pid"
)


class StoreError(Exception):
    """A store that cannot be opened, read or written, with what to do about it."""


class EmptyStore(StoreError):
    """A database that livescope has not written to yet: no runs to read."""


def describe(target: str | os.PathLike[str]) -> str:
    """How errors name a store: the argument as given, without a password."""
    return f"store={without_password(target)!r}"


def without_password(target: str | os.PathLike[str]) -> str:
    """A store's path, or its address with the password left out."""
    text = os.fspath(target)
    if "://" in text and "@" in text:
        scheme, rest = text.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        text = f"{scheme}://{credentials.split(':', 1)[0]}@{host}"
    return text


def is_postgres(target: object) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def check_target(target: object) -> str | Path:
    """A store argument: a path to an SQLite file, or a ``postgresql://`` address."""
    if is_postgres(target):
        return target  # type: ignore[return-value]
    if isinstance(target, (str, os.PathLike)) and os.fspath(target):
        return Path(target)
    raise TypeError(
        "store must be a path to an SQLite file or a 'postgresql://' address; "
        f"got {type(target).__name__} {target!r}"
    )


class Store:
    """An open connection to a store, with the statements livescope runs on it.

    One Store per thread that uses it; statements are written with ``?``
    placeholders and the PostgreSQL dialect swaps them.
    """

    placeholder = "?"
    # Whether the runs may go beside other tables: not in a file (a file holding
    # other tables was given by mistake), yes in a server's database.
    shares_database = False

    def __init__(self, connection: Any, name: str) -> None:
        self.connection = connection
        self.name = name

    # ----- dialect hooks --------------------------------------------------------

    def _sql(self, statement: str) -> str:
        return statement if self.placeholder == "?" else statement.replace("?", self.placeholder)

    def execute(self, statement: str, args: Sequence[Any] = ()) -> Any:
        return self.connection.execute(self._sql(statement), args)

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        self.connection.cursor().executemany(self._sql(statement), rows)

    def begin_write(self) -> None:
        """Start a write transaction (the writer waits its turn behind others)."""
        self.connection.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.connection.commit()

    def rollback(self) -> None:
        self.connection.rollback()

    def close(self) -> None:
        self.connection.close()

    def process_alive(self, host: str, pid: int) -> bool | None:
        """Whether the process `pid` of `host` still runs; None when this machine cannot tell."""
        if host != socket.gethostname():
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # another user's process: alive
            return True
        return True

    # ----- schema ---------------------------------------------------------------

    def check_schema(self, *, create: bool) -> None:
        """Refuse what is not a livescope store, or one of a newer schema; create if asked."""
        tables = self.table_names()
        if "livescope_meta" not in tables:
            if tables & {"runs", "batches"} or (tables and not self.shares_database):
                raise StoreError(
                    f"{self.name} is not a livescope store: it has tables "
                    f"({', '.join(sorted(tables))}) but no livescope_meta table. "
                    "Give a new file (or an empty database) for the runs"
                )
            if not create:
                raise EmptyStore(f"{self.name} holds no runs yet: it is not a livescope store")
            self.create_schema()
            return
        version = self.meta("schema_version")
        if version is None or not version.isdigit():
            raise StoreError(
                f"{self.name} has a livescope_meta table without a schema_version; "
                "it is not a livescope store"
            )
        if int(version) > SCHEMA_VERSION:
            raise StoreError(
                f"{self.name} was written by a newer livescope (schema version {version}; "
                f"this livescope knows up to {SCHEMA_VERSION}). Upgrade livescope "
                "(pip install -U livescope) to read or write it"
            )

    def table_names(self) -> set[str]:
        rows = self.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return {row[0] for row in rows if not row[0].startswith("sqlite_")}

    def meta(self, key: str) -> str | None:
        row = self.execute("SELECT value FROM livescope_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def create_schema(self) -> None:
        self.begin_write()
        try:
            self.run_script(TABLES.format(**self.ddl_types()))
            insert = self.insert_ignore("livescope_meta", "key, value", "?, ?")
            self.execute(insert, ("schema_version", str(SCHEMA_VERSION)))
            self.execute(insert, ("created_by", CREATED_BY))
            self.commit()
        except BaseException:
            self.rollback()
            raise

    def ddl_types(self) -> dict[str, str]:
        return {"id_column": "INTEGER PRIMARY KEY AUTOINCREMENT", "blob": "BLOB"}

    def run_script(self, script: str) -> None:
        for statement in script.split(";"):
            if statement.strip():
                self.execute(statement)

    def insert_ignore(self, table: str, columns: str, values: str) -> str:
        return f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({values})"

    # ----- runs -----------------------------------------------------------------

    def create_run(
        self,
        name: str,
        label: str,
        params: dict[str, Any],
        kind: str,
        options: dict[str, Any],
        started: float,
    ) -> int:
        self.begin_write()
        try:
            cursor = self.execute(
                "INSERT INTO runs (name, label, params, columns, kind, options, started, status, "
                "heartbeat, host, pid) VALUES (?, ?, ?, '[]', ?, ?, ?, 'running', ?, ?, ?)"
                + self.returning_id,
                (
                    name,
                    label,
                    to_json(params),
                    kind,
                    to_json(options),
                    started,
                    started,
                    socket.gethostname(),
                    os.getpid(),
                ),
            )
            run_id = self.inserted_id(cursor)
            self.commit()
        except BaseException:
            self.rollback()
            raise
        return run_id

    returning_id = ""

    def inserted_id(self, cursor: Any) -> int:
        return int(cursor.lastrowid)

    def run_rows(self, where: str = "", args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self.execute(
            f"SELECT {RUN_FIELDS} FROM runs {where}", args
        ).fetchall()
        return rows

    def mark_died(self, run_id: int, ended: float) -> None:
        """Record that a run's writer is gone (when this reader may write)."""
        try:
            self.begin_write()
            self.execute(
                "UPDATE runs SET status = 'died', ended = ? WHERE id = ? AND status = 'running'",
                (ended, run_id),
            )
            self.commit()
        except self.errors() as error:
            self.rollback_quietly()
            if not self.read_only_error(error):
                raise

    def errors(self) -> tuple[type[BaseException], ...]:
        return (sqlite3.Error,)

    def read_only_error(self, error: BaseException) -> bool:
        return isinstance(error, sqlite3.OperationalError) and "readonly" in str(error)

    def rollback_quietly(self) -> None:
        """Roll back after an error; a connection with no transaction open has nothing to undo."""
        if getattr(self.connection, "in_transaction", True):
            self.connection.rollback()


def to_json(value: object) -> str:
    """JSON text; values JSON has no form for (a dtype, a path) are kept as their str()."""
    return json.dumps(value, default=str, sort_keys=True)
