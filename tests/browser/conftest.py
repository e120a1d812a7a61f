"""Browser tests: a live server in a thread, Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import IN_CI

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing (CI=true: browser tests must run)")
        pytest.skip(f"{CHROMIUM} is not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def serving(app):
    """The app on a free local port, threaded as `python app.py` (a page's event stream
    holds a thread of its own); yields its address, then stops it and its streams."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    end_streams(app)


@pytest.fixture
def live_server(app):
    yield from serving(app)


def end_streams(app, timeout: float = 10) -> None:
    """The live pages' event streams end (voting.live_stream) before the tables are
    emptied or the database dropped: none outlives its test."""
    from governance.voting.live_stream import streams_of

    streams = streams_of(app)
    streams.end_all()
    deadline = time.monotonic() + timeout
    while streams.open_streams and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not streams.open_streams, "an event stream outlived its test"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 1366}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


def shot(page, name: str) -> None:
    """Keep a screenshot for a person to look at (test-artifacts/, not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
