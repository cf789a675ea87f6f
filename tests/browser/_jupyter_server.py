"""A throwaway JupyterLab server for browser tests.

One server per test session serves both front ends: JupyterLab at ``/lab`` and
Notebook 7 at ``/notebooks``. Everything it writes (settings, workspaces,
runtime files, notebooks) lives in a temporary directory, so a developer's own
Jupyter configuration can neither leak into a run nor be changed by one.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

# User settings that keep pop-ups from covering the page and keep the server
# off the network. Keys are "<plugin package>/<plugin file>" as JupyterLab
# stores them under its user settings directory.
USER_SETTINGS: dict[str, dict[str, object]] = {
    # No "Would you like to get notified about official Jupyter news?" toast,
    # no update check.
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Keep every cell in the DOM: windowed rendering detaches off-screen
    # cells, which makes "cell N" lookups depend on the scroll position.
    "@jupyterlab/notebook-extension/tracker": {
        "windowingMode": "none",
    },
    # Save widget state with the notebook (Settings > Save Widget State
    # Automatically), so saved notebooks can be reopened without the kernel.
    "@jupyter-widgets/jupyterlab-manager/plugin": {
        "saveState": True,
    },
}

# JupyterLab's setting that routes comm messages to kernel subshells.
KERNELS_SETTINGS = "@jupyterlab/apputils-extension/kernels-settings"

# The kernelspec every test server offers for notebooks that run on ipykernel 6.x.
IPYKERNEL6_KERNEL = "livescope-ipykernel6"


def ipykernel6_python() -> Path:
    """The Python with the newest ipykernel 6.x (the kernel tests use the same one)."""
    default = Path(__file__).resolve().parents[2] / ".venv-ipykernel6" / "bin" / "python"
    return Path(os.environ.get("LIVESCOPE_IPYKERNEL6_PYTHON", default))


# Front-end plugins switched off for tests (page_config.json).
DISABLED_EXTENSIONS = {
    # Extension manager: asks PyPI for listings and shows a disclaimer panel.
    "@jupyterlab/extensionmanager-extension": True,
}

STARTUP_TIMEOUT_S = 90.0
SHUTDOWN_TIMEOUT_S = 20.0


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


@dataclass
class JupyterServer:
    """A running ``jupyter lab`` process and how to talk to it."""

    base_dir: Path
    log_path: Path
    extra_pythonpath: list[Path] = field(default_factory=list)
    # Settings written over USER_SETTINGS, plugin by plugin.
    settings: dict[str, dict[str, object]] = field(default_factory=dict)
    # Extra kernelspecs: name -> the Python that runs ipykernel for it.
    kernels: dict[str, Path] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: secrets.token_hex(24))
    process: subprocess.Popen[bytes] | None = None

    @property
    def root_dir(self) -> Path:
        """Directory the server serves; notebooks for tests are written here."""
        return self.base_dir / "root"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- lifecycle -------------------------------------------------------------

    def _prepare_dirs(self) -> dict[str, str]:
        config_dir = self.base_dir / "config"
        settings_dir = self.base_dir / "lab-settings"
        for name in USER_SETTINGS.keys() | self.settings.keys():
            values = {**USER_SETTINGS.get(name, {}), **self.settings.get(name, {})}
            _write_json(settings_dir / f"{name}.jupyterlab-settings", values)
        for name, python in self.kernels.items():
            _write_json(
                self.base_dir / "data" / "kernels" / name / "kernel.json",
                {
                    "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                    "display_name": name,
                    "language": "python",
                },
            )
        _write_json(
            config_dir / "labconfig" / "page_config.json",
            {"disabledExtensions": DISABLED_EXTENSIONS},
        )
        self.root_dir.mkdir(parents=True, exist_ok=True)

        env = dict(os.environ)
        env.update(
            JUPYTER_CONFIG_DIR=str(config_dir),
            JUPYTER_DATA_DIR=str(self.base_dir / "data"),
            JUPYTER_RUNTIME_DIR=str(self.base_dir / "runtime"),
            JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
            JUPYTERLAB_WORKSPACES_DIR=str(self.base_dir / "workspaces"),
            IPYTHONDIR=str(self.base_dir / "ipython"),
            # Kernels print through a pipe nobody reads interactively.
            PYTHONUNBUFFERED="1",
        )
        env.pop("JUPYTER_TOKEN", None)
        if self.extra_pythonpath:
            parts = [str(p) for p in self.extra_pythonpath]
            if env.get("PYTHONPATH"):
                parts.append(env["PYTHONPATH"])
            env["PYTHONPATH"] = os.pathsep.join(parts)
        return env

    def command(self) -> list[str]:
        cmd = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--port-retries=0",
            f"--ServerApp.root_dir={self.root_dir}",
            f"--IdentityProvider.token={self.token}",
            "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=False",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
            "--LabApp.expose_app_in_browser=True",
            "--JupyterNotebookApp.expose_app_in_browser=True",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            # Containers and CI runners often run as root; the server refuses
            # that unless told it is intended.
            cmd.append("--allow-root")
        return cmd

    def start(self) -> None:
        """Start the server and block until ``/api/status`` answers."""
        env = self._prepare_dirs()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                self.command(),
                cwd=self.root_dir,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        self.wait_until_ready(STARTUP_TIMEOUT_S)

    def wait_until_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            assert self.process is not None
            code = self.process.poll()
            if code is not None:
                raise RuntimeError(
                    f"jupyter lab exited with code {code} before answering; "
                    f"see its log at {self.log_path}:\n{self.log_tail()}"
                )
            try:
                status = self.api("GET", "/api/status", timeout_s=2.0)
            except (OSError, urllib.error.URLError) as exc:
                last_error = exc
            else:
                if isinstance(status, dict) and "started" in status:
                    return
            time.sleep(0.2)  # polling interval, not a wait for readiness
        raise TimeoutError(
            f"jupyter lab did not answer {self.url}/api/status within {timeout_s:.0f} s "
            f"(last error: {last_error!r}); log at {self.log_path}:\n{self.log_tail()}"
        )

    def stop(self) -> None:
        """Shut the server (and with it every kernel) down."""
        if self.process is None or self.process.poll() is not None:
            return
        # The server may drop the connection while answering; the wait below
        # decides whether it really went away.
        with contextlib.suppress(OSError, urllib.error.URLError):
            self.api("POST", "/api/shutdown", timeout_s=5.0)
        try:
            self.process.wait(timeout=SHUTDOWN_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def log_tail(self, n_chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-n_chars:]
        except OSError:
            return "<no log>"

    # -- REST ------------------------------------------------------------------

    def api(self, method: str, path: str, timeout_s: float = 10.0) -> object:
        """Call the server's REST API with the token; return decoded JSON or None."""
        request = urllib.request.Request(
            self.url + path,
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_all_sessions(self) -> None:
        """Delete every notebook session, which shuts its kernel down."""
        sessions = self.api("GET", "/api/sessions")
        assert isinstance(sessions, list)
        for session in sessions:
            self.api("DELETE", f"/api/sessions/{session['id']}")
        kernels = self.api("GET", "/api/kernels")
        assert isinstance(kernels, list)
        for kernel in kernels:
            self.api("DELETE", f"/api/kernels/{kernel['id']}")
