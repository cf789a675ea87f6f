"""A throwaway PostgreSQL server on loopback, in a temporary data folder, for the store tests.

Uses Debian's server binaries (/usr/lib/postgresql/*/bin, installed by ./dev);
as root, the server runs as the `postgres` user (it refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from processes import free_port


def server_bin() -> Path | None:
    """The folder of the newest installed initdb and pg_ctl, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    return Path(found[-1]).parent if found else None


def _version(path: str) -> float:
    return float(Path(path).parts[-3])


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a server; yield the address of its database ``postgres`` as user ``livescope``."""
    bin_dir = server_bin()
    assert bin_dir is not None
    folder = Path(tempfile.mkdtemp(prefix="livescope-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(folder, account.pw_uid, account.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", free_port()
    try:
        run([*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", "livescope",
             "--auth=trust", "--no-sync", "-E", "UTF8"])  # fmt: skip
        options = f"-c listen_addresses=127.0.0.1 -c port={port} -k {folder} -c fsync=off"
        run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options,
             "-l", str(folder / "log"), "-w", "-t", "60", "start"])  # fmt: skip
        try:
            yield f"postgresql://livescope@127.0.0.1:{port}/postgres"
        finally:
            run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if result.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
