"""Several app hosts on one PostgreSQL: two gunicorn instances, each with its own instance
folder, one database and one shared storage folder. Votes, document numbers, sign-ins,
revocation and papers are driven through both; nothing may depend on one host's memory,
lock files or local folder."""

from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from governance.config import PROJECT_ROOT
from tests.conftest import PASSWORD
from tests.voting.helpers import make_session

SECRET = "test-secret"  # the installation's one key, the same on every host (as the tests')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(database_url: str, instance: Path, storage: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = os.environ | {
        "DATABASE_URL": database_url,
        "GOVERNANCE_INSTANCE": str(instance),
        "STORAGE_DIR": str(storage),
        "SECRET_KEY": SECRET,
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "2",
            "--threads",
            "4",
            "-b",
            f"127.0.0.1:{port}",
            "app:app",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    return process, f"http://127.0.0.1:{port}"


def _wait(url: str, process: subprocess.Popen) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode()[-2000:])
        try:
            if requests.get(f"{url}/login", timeout=20).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not start")


@pytest.fixture(scope="module")
def hosts(app, database_url, tmp_path_factory):
    """Started once for the module (the tables are emptied between tests as usual)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("several app hosts share one PostgreSQL database")
    folder = tmp_path_factory.mktemp("hosts")
    storage = folder / "shared-storage"
    started = [_start(database_url, folder / f"instance-{n}", storage) for n in "ab"]
    try:
        for process, url in started:
            _wait(url, process)
        yield [url for _process, url in started]
    finally:
        for process, _url in started:
            process.terminate()
            process.wait(timeout=20)


def _token(url: str, username: str, password: str = PASSWORD) -> requests.Response:
    return requests.post(
        f"{url}/api/v1/auth/token", json={"username": username, "password": password}, timeout=30
    )


def _bearer(url: str, username: str) -> dict:
    answer = _token(url, username)
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def _web_login(session: requests.Session, url: str, username: str) -> None:
    page = session.get(f"{url}/login", timeout=30).text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    answer = session.post(
        f"{url}/login",
        data={"username": username, "password": PASSWORD, "csrf_token": token},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302


def test_sign_ins_throttling_and_revocation_hold_across_hosts(hosts, world):
    a, b = hosts
    headers = _bearer(a, "clerk_a")
    assert requests.get(f"{b}/api/v1/units", headers=headers, timeout=30).status_code == 200
    assert requests.post(f"{b}/api/v1/auth/logout", headers=headers, timeout=30).status_code == 204
    assert requests.get(f"{a}/api/v1/units", headers=headers, timeout=30).status_code == 401

    for url in (a, a, a, b, b):  # five failures, split over the hosts
        assert _token(url, "chair_a", "wrong").status_code == 401
    assert _token(a, "chair_a").status_code == 429
    assert _token(b, "chair_a").status_code == 429

    browser = requests.Session()  # cookies go to both hosts (same name, other port)
    _web_login(browser, a, "secretary_a")
    assert browser.get(f"{b}/", allow_redirects=False, timeout=30).status_code == 200
    copy = requests.Session()
    copy.cookies.update(browser.cookies)
    page = browser.get(f"{b}/", timeout=30).text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    browser.post(f"{b}/logout", data={"csrf_token": token}, timeout=30)
    assert copy.get(f"{a}/", allow_redirects=False, timeout=30).status_code == 302


def test_votes_and_document_numbers_through_both_hosts(hosts, app, world):
    from governance.core.models import User
    from governance.extensions import db
    from governance.meetings.models import AgendaItem
    from governance.voting import devices

    a, b = hosts
    s = make_session(app, world, 20, items={f"v{i}": ("vote", None) for i in range(7)})
    items = list(s.items.values())
    with app.app_context():
        chair = db.session.get(User, world.users["chair_a"])
        devices.open_poll(db.session.get(AgendaItem, items[0]), secret=False, by=chair)
        links = [devices.member_token(s.meeting, m) for m in s.present]

    def vote(index: int, choice: str) -> int:
        url = (a, b)[index % 2]
        answer = requests.post(
            f"{url}/sessions/vote/{links[index]}",
            data={"choice": choice},
            allow_redirects=False,
            timeout=60,
        )
        return answer.status_code

    with ThreadPoolExecutor(8) as pool:
        first = list(pool.map(lambda i: vote(i, "yes"), range(20)))
        changed = list(pool.map(lambda i: vote(i + 1, "no"), range(0, 10, 2)))  # other host
    assert first == [303] * 20 and changed == [303] * 5
    chair_api = _bearer(b, "chair_a")
    with app.app_context():
        chair = db.session.get(User, world.users["chair_a"])
        result = devices.close_poll(db.session.get(AgendaItem, items[0]), chair)
        assert (result.yes, result.no, result.abstain) == (15, 5, 0)  # none lost, none twice

    for n, item in enumerate(items[1:]):
        recorded = requests.post(
            f"{(a, b)[n % 2]}/api/v1/agenda/{item}/votes",
            headers=chair_api,
            json={"method": "show_of_hands", "yes": 20, "no": 0, "abstain": 0},
            timeout=60,
        )
        assert recorded.status_code == 201, recorded.text
    clerk = {url: _bearer(url, "clerk_a") for url in (a, b)}

    def resolution(n: int) -> requests.Response:
        url = (a, b)[n % 2]
        return requests.post(
            f"{url}/api/v1/agenda/{items[n % len(items)]}/resolution",
            headers=clerk[url],
            timeout=120,
        )

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(resolution, range(len(items))))
    created = [r.json()["number"] for r in answers if r.status_code == 201]
    assert len(created) == len(items)  # every adopted item: one resolution
    numbers = sorted(int(re.search(r"\d+", n).group()) for n in created)
    assert numbers == list(range(numbers[0], numbers[0] + len(items)))  # no gap, no double


def test_a_paper_stored_through_one_host_is_served_by_the_other(hosts, app, world):
    a, b = hosts
    s = make_session(app, world, 3)
    browser = requests.Session()
    _web_login(browser, a, "clerk_a")
    page = browser.get(f"{a}/meetings/", timeout=30).text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    paper = b"%PDF-1.4\n% shared storage\n" + os.urandom(2048)
    sent = browser.post(
        f"{a}/meetings/items/{s.item}/papers",
        data={"csrf_token": token},
        files={"file": ("to-trinh.pdf", paper, "application/pdf")},
        timeout=60,
    )
    assert sent.status_code == 200
    meeting_page = browser.get(f"{b}/meetings/{s.meeting}", timeout=30).text
    link = re.search(r'href="(/meetings/papers/\d+)"', meeting_page).group(1)
    assert browser.get(f"{b}{link}", timeout=30).content == paper


def test_a_change_through_one_host_reaches_a_screen_streaming_from_the_other(hosts, app, world):
    """The projector's stream is open on host B; the chair opens a poll through host A."""
    a, b = hosts
    s = make_session(app, world, 3)
    screen = requests.Session()
    _web_login(screen, b, "secretary_a")
    url = f"{b}/sessions/{s.meeting}/events"
    version = screen.get(f"{b}/sessions/{s.meeting}/state", timeout=30).json()["version"]
    events: queue.Queue[str] = queue.Queue()

    def listen() -> None:
        with screen.get(url, params={"since": version}, stream=True, timeout=60) as answer:
            assert answer.headers["Content-Type"].startswith("text/event-stream")
            for line in answer.iter_lines(decode_unicode=True):
                events.put(line)
                if line.startswith("id: "):
                    return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    assert events.get(timeout=30).startswith("retry: ")  # open, and up to date: no event
    opened = requests.post(
        f"{a}/api/v1/agenda/{s.item}/poll", headers=_bearer(a, "chair_a"), json={}, timeout=30
    )
    assert opened.status_code == 201, opened.text
    line = ""
    while not line.startswith("id: "):  # pings may come first
        line = events.get(timeout=20)
    now = screen.get(f"{b}/sessions/{s.meeting}/state", timeout=30).json()["version"]
    assert line == f"id: {now}" and now != version
    listener.join(timeout=10)
