"""Hội nghị. `python app.py` prepares the embedded database with demo data and serves it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from governance import create_app

app = create_app()


def first_run() -> None:
    """Migrate the schema, add the demo data once, print the demo accounts."""
    from governance.core.database import migrate_to_latest
    from governance.core.seeding import demo_accounts_text, seed_all

    with app.app_context():
        migrate_to_latest()
        seed_all()
        print("\nDemo accounts (username, role, password):\n" + demo_accounts_text())


def start_scheduler() -> subprocess.Popen:
    """Background jobs (PDF conversion, nightly checks) in their own process, as in
    production: never inside the web server."""
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "app", "scheduler"],
        cwd=os.path.dirname(os.path.abspath(__file__)),
        preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
    )


def _die_with_parent() -> None:
    """Linux: the kernel sends the scheduler SIGTERM when this server's process ends, even
    when it is killed outright (SIGKILL), where no `finally` runs."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def stop(child: subprocess.Popen) -> None:
    """Stop the scheduler with the server, whatever stopped the server."""
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()


def _exit_on_sigterm(_signum, _frame) -> None:
    raise SystemExit(0)  # runs the `finally` below, as Ctrl+C does


if __name__ == "__main__":
    first_run()
    port = int(os.environ.get("PORT", 5000))
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    scheduler = start_scheduler()
    print(f"Hội nghị is running at http://127.0.0.1:{port}  (Ctrl+C to stop)")
    try:
        app.run(host="127.0.0.1", port=port, threaded=True)
    finally:
        stop(scheduler)
