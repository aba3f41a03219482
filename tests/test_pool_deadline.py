"""The extraction pool cannot hang, and leaves no process behind (real workers, real pipes).

A job bigger than a pipe's buffer (any real page: 100 KB at the median) is written while
the worker reads it; a worker that has stopped reading would block that write for ever.
The send now shares the answer's deadline. And no worker or fork server may outlive the
command that started it: the process tree is checked after real ``lecteur`` runs, by a
marker in the environment that every descendant inherits.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from lecteur.core.errors import ExtractError
from lecteur.core.models import Job
from lecteur.core.workers.pool import ExtractorPool

TESTS = Path(__file__).resolve().parent
PAGE = TESTS / "corpus" / "en" / "02-cold-emails-that-get-answers.html"


def _big_job(paragraphs: int = 120_000) -> Job:
    """A page of 4 MB (by default): far more than a pipe holds, so its send needs a reader."""
    html = "<html><body><article>" + "<p>Réseau et carrière, encore.</p>" * paragraphs
    return Job(kind="html", content=html + "</article></body></html>", source="big")


def _finishes(action: object, within: float) -> tuple[bool, list[BaseException]]:
    """Run `action` in a thread; whether it returned (or raised) within `within` seconds.

    A guard against a hang, not a measure of speed: the bound is many times the deadline.
    """
    raised: list[BaseException] = []

    def run() -> None:
        try:
            action()  # type: ignore[operator]
        except BaseException as error:
            raised.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(within)
    return not thread.is_alive(), raised


def test_a_worker_that_stops_reading_is_killed_at_the_deadline() -> None:
    with ExtractorPool(size=1, timeout=2.0) as pool:
        pool.extract(Job(kind="html", content=PAGE.read_text(), source="warm"))
        (pid,) = pool.worker_pids()
        os.kill(pid, signal.SIGSTOP)  # alive, but it reads nothing any more
        done, raised = _finishes(lambda: pool.extract(_big_job()), within=60)
        assert done, "the send blocked past its deadline"
        assert len(raised) == 1 and isinstance(raised[0], ExtractError)
        assert raised[0].key == "extract.timeout"
        with pytest.raises(ProcessLookupError):  # killed (and reaped), not left stopped
            os.kill(pid, 0)
        article = pool.extract(Job(kind="html", content=PAGE.read_text(), source="again"))
        assert article.title  # a new worker took its place
        assert pid not in pool.worker_pids()


def test_a_big_job_to_a_reading_worker_still_goes_through() -> None:
    with ExtractorPool(size=1, timeout=60.0) as pool:
        article = pool.extract(_big_job(8000))  # 280 KB: four pipe buffers and more
        assert "Réseau et carrière" in article.text


def _marked(marker: str) -> list[int]:
    """Live processes whose environment holds `marker` (descendants of one run)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in environ and state != "Z":
            found.append(int(entry.name))
    return found


def _gone(marker: str, grace: float = 3.0) -> list[int]:
    """The marked processes still alive once the command has ended (after a short grace:
    a process the kernel is tearing down may linger a moment)."""
    end = time.monotonic() + grace
    while (left := _marked(marker)) and time.monotonic() < end:
        time.sleep(0.1)
    return left


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
@pytest.mark.parametrize("how", ["ends", "killed"])
def test_no_worker_or_fork_server_outlives_the_command(tmp_path: Path, how: str) -> None:
    marker = f"LECTEUR_TREE_MARK={uuid.uuid4().hex}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    env["PYTHONPATH"] = str(TESTS.parent / "src")
    argv = [sys.executable, "-m", "lecteur", "--library", str(tmp_path / "lib"), "add",
            str(PAGE), str(TESTS / "corpus" / "en" / "01-introverts-conference.html")]
    if how == "ends":
        done = subprocess.run(argv, env=env, capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr
    else:  # kill -9 while a worker is busy on a slow page: it must follow lecteur
        slow = tmp_path / "slow.html"  # minutes of work for the parser, unless stopped
        slow.write_text("<html><body>" + "<p>un deux trois quatre cinq six</p>" * 400_000
                        + "</body></html>")
        child = subprocess.Popen([*argv[:-2], str(slow)], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        end = time.monotonic() + 60
        while len(_marked(marker)) < 3 and time.monotonic() < end and child.poll() is None:
            time.sleep(0.02)  # lecteur, its fork server and a worker
        time.sleep(0.5)  # the worker has the page
        child.kill()
        child.wait(30)
    assert _gone(marker) == []


def test_workers_started_ahead_are_ready_before_the_first_job() -> None:
    """`start_all` forks every worker at once, on its own thread: the first job finds
    them warm instead of waiting for the fork server after the first answer."""
    pool = ExtractorPool(size=2).start_all()
    try:
        end = time.monotonic() + 60
        while len(pool.worker_pids()) < 2 and time.monotonic() < end:
            time.sleep(0.02)
        started = pool.worker_pids()
        assert len(started) == 2
        article = pool.extract(Job(kind="html", content=PAGE.read_text(encoding="utf-8"),
                                   source=str(PAGE)))
        assert article.title
        assert sorted(pool.worker_pids()) == sorted(started)  # no third one started
    finally:
        pool.close()


def test_a_pool_closed_while_its_workers_start_leaves_none(monkeypatch) -> None:
    """Closed at once (a refresh with no feeds), no worker started late is left alive."""
    from lecteur.core.workers import pool as pool_module

    made: list[object] = []
    real = pool_module._Worker

    class Recorded(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object) -> None:
            super().__init__(*args)
            made.append(self)

    monkeypatch.setattr(pool_module, "_Worker", Recorded)
    pool = ExtractorPool(size=2).start_all()
    pool.close()
    for thread in threading.enumerate():
        if thread.name == "lecteur-pool-start":
            thread.join(60)
    assert made  # the thread had begun one before it saw the pool closed
    assert [worker for worker in made if worker.alive] == []  # type: ignore[attr-defined]


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_a_refresh_with_no_feeds_leaves_no_process(tmp_path: Path) -> None:
    """``feeds refresh`` with no feeds says so, starts no worker, and leaves nothing."""
    marker = f"LECTEUR_TREE_MARK={uuid.uuid4().hex}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1],
           "PYTHONPATH": str(TESTS.parent / "src")}
    done = subprocess.run([sys.executable, "-m", "lecteur", "--library", str(tmp_path / "lib"),
                           "feeds", "refresh"], env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert _gone(marker) == []
