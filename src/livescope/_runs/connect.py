"""Opening a runs store: an SQLite file, or a PostgreSQL database (postgres.py)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .store import Store, StoreError, check_target, describe


def open_store(target: str | os.PathLike[str], *, create: bool) -> Store:
    """Open the store at `target`, creating it (and its tables) if `create`.

    Raises
    ------
    StoreError
        The store cannot be opened or written, is not a livescope store, or
        was written by a newer schema.
    """
    checked = check_target(target)
    if isinstance(checked, str):
        from .postgres import open_postgres

        return open_postgres(checked, create=create)
    return open_sqlite(checked, create=create)


def open_sqlite(path: Path, *, create: bool) -> Store:
    name = describe(path)
    if not create and not path.exists():
        raise StoreError(f"{name} does not exist")
    if create and not path.parent.is_dir():
        folder = str(path.parent)
        raise StoreError(f"{name} cannot be created: its folder {folder!r} does not exist")
    if path.is_dir():
        raise StoreError(f"{name} is a folder; give the path of a file for the runs")
    mode = "rwc" if create else "rw"
    if not create and not os.access(path, os.W_OK):
        mode = "ro"
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode={mode}",
            uri=True,
            timeout=30.0,  # other writers hold the file for milliseconds at a time
            isolation_level=None,  # transactions are begun explicitly
            check_same_thread=False,  # made by one thread, then used by the writer thread alone
        )
    except sqlite3.Error as error:
        raise StoreError(f"{name} cannot be opened: {error}") from error
    store = Store(connection, name)
    try:
        if mode != "ro":
            # WAL: readers never wait for the writer, nor the writer for them; a
            # killed process loses nothing committed. NORMAL: no fsync per commit.
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
        store.check_schema(create=create)
    except sqlite3.DatabaseError as error:
        connection.close()
        if isinstance(error, sqlite3.OperationalError) and "readonly" in str(error):
            raise StoreError(f"{name} cannot be written: {error}") from error
        if "not a database" in str(error):
            raise StoreError(
                f"{name} is not a livescope store: it is not an SQLite database "
                f"({error}). Give a new file, or a file livescope made"
            ) from error
        raise StoreError(f"{name} cannot be opened: {error}") from error
    except BaseException:
        connection.close()
        raise
    return store
