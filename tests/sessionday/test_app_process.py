"""`python app.py` stops its scheduler process when it is stopped with SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(p) for p in text.split()]
    return found


def test_sigterm_stops_the_scheduler_too(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "WERKZEUG_"))}
    env |= {"GOVERNANCE_INSTANCE": str(tmp_path), "PORT": str(_free_port())}
    env |= {"PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        for line in server.stdout:
            if "is running" in line:
                break
        deadline = time.monotonic() + 30
        while not _children(server.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        scheduler = _children(server.pid)
        assert scheduler, "the scheduler process did not start"
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        for pid in scheduler:
            deadline = time.monotonic() + 15
            while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
                time.sleep(0.2)
            assert not Path(f"/proc/{pid}").exists(), "the scheduler outlived the server"
    finally:
        if server.poll() is None:
            server.kill()
