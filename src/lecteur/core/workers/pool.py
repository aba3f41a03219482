"""Run extraction in child processes that can be killed.

trafilatura and lxml have no timeout of their own, a hostile page can take minutes or
gigabytes, and a Python thread cannot be stopped. So extraction runs in long-lived worker
processes (forked from a warm fork server, see `worker_context`; a child never inherits an
open SQLite connection), each with an address-space limit, and a job that overruns its time
is ended by killing its worker, which is then replaced. Workers also give lecteur both
cores when it reads many sources at once.

`ExtractorPool.extract` is thread-safe: callers (the CLI's fetch threads, the TUI's
workers) borrow an idle worker for one job at a time.

Nothing can hang on a worker: the job is sent under the same deadline as its answer (a
page is bigger than a pipe's buffer, and a worker that stops reading would otherwise
block the send for ever), and a worker that misses the deadline is killed. Nothing
outlives lecteur either: at exit (`shutdown_all`, run by ``atexit`` and by the CLI's
``os._exit`` paths) every worker is killed and the fork server stopped and waited for; a
worker also dies with its parent (``PR_SET_PDEATHSIG`` on Linux) and the fork server with
lecteur (its pipe to lecteur closes), so even ``kill -9`` leaves no process behind. (The
fork server is kept between pools: starting one costs the warm-up imports again.)
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
import weakref
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any, Literal

from lecteur.core.errors import ExtractError, FeedError
from lecteur.core.models import Article, FeedJob, Job, ParsedFeed

DEFAULT_TIMEOUT = 10.0
DEFAULT_MEMORY_LIMIT = 2 * 1024**3


def analyse(job: Job) -> Article:
    """Extract the article a job describes (runs inside a worker).

    The extraction modules are imported here, not by the pool's module: the worker has
    them from its fork server's warm-up, and the parent (a ``feeds refresh``, say) never
    extracts, so they were 50 ms of its start for nothing."""
    from lecteur.core.extract.html import extract_html, extract_text

    if job.kind == "html":
        return extract_html(job.content, job.source, job.url)
    return extract_text(job.content, job.source, job.url)


Warmth = Literal["articles", "feeds"]
_WARM_UPS: dict[Warmth, str] = {"articles": "lecteur.core.workers.warmup",
                                 "feeds": "lecteur.core.workers.warmup_feeds"}


def worker_context(warm_for: Warmth = "articles") -> Any:
    """How workers start: forked from a warm fork server where the platform has one.

    The fork server is a fresh interpreter that imports a warm-up module once: for
    ``articles``, `lecteur.core.workers.warmup` (trafilatura, lxml and one small
    extraction); for ``feeds``, `lecteur.core.workers.warmup_feeds` (the feed parser and
    one small feed), for a pool that parses feeds first. Each worker is then a fork of it,
    ready at once, instead of a new interpreter paying the imports and first-page costs
    again; a worker of a feeds server imports the extraction at its first article. The
    server is the process's one: the first pool to start it chooses its warm-up. Neither
    ever holds an SQLite connection. Elsewhere, plain ``spawn``.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([_WARM_UPS[warm_for]])
    return context


def _serve(conn: Connection, memory_limit: int, warm_for: Warmth = "articles") -> None:
    """A worker's loop: receive jobs, send back ("ok", article) or ("error", sentence)."""
    _limit_memory(memory_limit)
    _die_with_parent()
    _silence()
    # Ctrl+C in a terminal reaches the whole process group: the parent decides what stops
    # (it kills its workers), and a worker never prints a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if warm_for == "articles":
        import trafilatura  # noqa: F401  (loaded before the first job's clock starts)

    while True:
        try:
            job = conn.recv()
        except (EOFError, KeyboardInterrupt, MemoryError):  # a job too big to unpickle
            return  # the parent sees the pipe close, and says so in a sentence
        if job is None:
            return
        conn.send(_answer(job))


def _answer(job: Job | FeedJob) -> tuple[str, Any]:
    """Run one job (an extraction or a feed), turning every failure into a catalogue key."""
    try:
        if isinstance(job, FeedJob):
            from lecteur.core.workers.feeds import read_feed

            return "ok", read_feed(job)
        return "ok", analyse(job)
    except (ExtractError, FeedError) as error:  # key and values: said in the parent's language
        return "error", (error.key, error.values)
    except MemoryError:
        return "error", ("extract.too_large", {"source": job.source})
    except RecursionError:
        return "error", ("extract.too_deep", {"source": job.source})
    except Exception:  # a parser bug on hostile input must not take lecteur down
        return "error", ("extract.malformed", {"source": job.source})


def _die_with_parent() -> None:
    """Have the kernel kill this worker when its parent (the fork server) ends (Linux)."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError, TypeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent ended before the request took hold
        os._exit(0)


def _silence() -> None:
    """Send this worker's standard error to the null device.

    A worker inherits the parent's descriptor 2, which in the reader is the terminal that
    Textual draws on: a library's log line or warning (which may quote the page) would land
    in the middle of the screen, raw. Every failure already comes back as a catalogue key.
    """
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)


def _limit_memory(limit: int) -> None:
    """Cap this process's address space, where the platform allows it."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class _Worker:
    """One child process and the pipe to it."""

    def __init__(self, memory_limit: int, warm_for: Warmth = "articles") -> None:
        context = worker_context(warm_for)
        self._conn, child_conn = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child_conn, memory_limit, warm_for), daemon=True,
            name="lecteur-extract")
        self._process.start()
        child_conn.close()

    def run(self, job: Job | FeedJob, timeout: float) -> Any:
        """Send a job and wait for its result; raise ExtractError on failure or overrun.

        Sending and answering share one deadline: the job is written by a helper thread
        (a send blocks while the worker is not reading and the pipe is full), and a worker
        that has not taken the job, or not answered, by the deadline is killed.
        """
        deadline = time.monotonic() + timeout
        try:
            if not self._send(job, timeout) or not self._conn.poll(
                    max(0.0, deadline - time.monotonic())):
                self.kill()
                raise ExtractError("extract.timeout", source=job.source, seconds=timeout)
            status, payload = self._conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError, OSError):
            self.kill()
            raise ExtractError("extract.too_complex", source=job.source) from None
        if status == "error":
            key, values = payload
            raise ExtractError(key, **values)
        return payload

    def _send(self, job: Job | FeedJob, timeout: float) -> bool:
        """Write `job` to the worker within `timeout`; False if it was not all taken."""
        failed: list[BaseException] = []

        def send() -> None:
            try:
                self._conn.send(job)
            except BaseException as error:
                failed.append(error)

        sender = threading.Thread(target=send, name="lecteur-send", daemon=True)
        sender.start()
        sender.join(timeout)
        if sender.is_alive():
            self.kill()  # the worker's end closes: the blocked send fails and the thread ends
            sender.join(2)
            return False
        if failed:
            raise failed[0]
        return True

    @property
    def pid(self) -> int | None:
        """The worker's process id (for tests and diagnostics)."""
        pid: int | None = self._process.pid
        return pid

    @property
    def alive(self) -> bool:
        """Whether the child process is still running."""
        return bool(self._process.is_alive())

    def stop(self) -> None:
        """Ask the child to finish, then make sure it has."""
        with contextlib.suppress(OSError):
            self._conn.send(None)
        self._process.join(timeout=2)
        self.kill()

    def kill(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join(timeout=2)
        with contextlib.suppress(OSError):
            self._conn.close()


_POOLS: weakref.WeakSet[ExtractorPool] = weakref.WeakSet()
_POOLS_LOCK = threading.Lock()


def _stop_fork_server() -> None:
    """End multiprocessing's fork server (and wait for it), once no pool needs it.

    Asked to stop, the server exits like any interpreter, unloading trafilatura and lxml:
    0.1-0.2 s at the end of every command that used a worker. It holds nothing to save
    (no connection, no file of ours; its socket's folder is this process's to remove), so
    it is killed, then reaped as multiprocessing does; its workers follow it (their
    parent-death signal).
    """
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)
    pid = getattr(server, "_forkserver_pid", None)
    if stop is not None and pid is not None:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError, ChildProcessError):
            stop()


def shutdown_all() -> None:
    """Kill every pool's workers and stop the fork server: for an exit that skips the
    usual clean-up (``os._exit`` after Ctrl+C or a closed pipe)."""
    with _POOLS_LOCK:
        pools = list(_POOLS)
    for pool in pools:
        pool.kill()
    _stop_fork_server()


atexit.register(shutdown_all)  # before multiprocessing's own exit handler (LIFO)


class ExtractorPool:
    """A small pool of extraction workers, started lazily and replaced when killed.

    `warm_for` is what its workers are made ready for (`worker_context`): ``feeds`` for a
    pool that parses feeds before it extracts anything."""

    def __init__(
        self,
        size: int | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        memory_limit: int = DEFAULT_MEMORY_LIMIT,
        warm_for: Warmth = "articles",
    ) -> None:
        self.size = max(1, size or os.cpu_count() or 1)
        self.timeout = timeout
        self._memory_limit = memory_limit
        self._warm_for: Warmth = warm_for
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._started = 0
        self._lock = threading.Lock()
        self._workers: list[_Worker] = []
        self._closed = False
        self._starter: threading.Thread | None = None
        with _POOLS_LOCK:
            _POOLS.add(self)

    def start_all(self) -> ExtractorPool:
        """Start every worker now, on a thread of its own; return the pool.

        A worker is forked from the fork server once the server has imported and warmed
        trafilatura (about 0.3 s). Started on first use, that wait comes after the first
        feed has answered; started here, as soon as the caller knows it will need them,
        it overlaps the first requests. A job asked for meanwhile waits for a worker.
        """
        self._starter = threading.Thread(target=self._start_missing, daemon=True,
                                         name="lecteur-pool-start")
        self._starter.start()
        return self

    def _start_missing(self) -> None:
        while self._take_a_start():
            worker = _Worker(self._memory_limit, self._warm_for)
            with self._lock:
                if self._closed:  # closed while it started: not needed any more
                    worker.kill()
                    return
                self._workers.append(worker)
            self._idle.put(worker)

    def _take_a_start(self) -> bool:
        """Count one more worker as started, unless all are or the pool is closed."""
        with self._lock:
            if self._closed or self._started >= self.size:
                return False
            self._started += 1
            return True

    def _wait_for_starts(self, seconds: float) -> None:
        """Let the workers being started by `start_all` come (to be stopped with the rest)."""
        if self._starter is not None and self._starter is not threading.current_thread():
            self._starter.join(seconds)

    def extract(self, job: Job) -> Article:
        """Analyse one job in a worker; thread-safe."""
        worker = self._borrow()
        try:
            article: Article = worker.run(job, self.timeout)
            return article
        finally:
            self._give_back(worker)

    def parse_feed(self, job: FeedJob) -> ParsedFeed:
        """Parse and clean one feed document in a worker; thread-safe; raises FeedError."""
        worker = self._borrow()
        try:
            parsed: ParsedFeed = worker.run(job, self.timeout)
            return parsed
        except ExtractError as error:
            raise error.recast(FeedError) from None
        finally:
            self._give_back(worker)

    def _borrow(self) -> _Worker:
        with self._lock:
            if self._idle.empty() and self._started < self.size:
                self._started += 1
                worker = _Worker(self._memory_limit, self._warm_for)
                self._workers.append(worker)
                return worker
        return self._idle.get()

    def _give_back(self, worker: _Worker) -> None:
        if not worker.alive:
            with self._lock:
                self._workers.remove(worker)
                worker = _Worker(self._memory_limit, self._warm_for)
                self._workers.append(worker)
        self._idle.put(worker)

    def close(self) -> None:
        """Stop every worker (those still starting too, once they have)."""
        with self._lock:
            self._closed = True
        self._wait_for_starts(60)
        with self._lock:
            for worker in self._workers:
                worker.stop()
            self._workers.clear()
        self._forget()

    def kill(self) -> None:
        """Stop every worker at once, without waiting for a job in progress (Ctrl+C)."""
        with self._lock:
            self._closed = True
            for worker in self._workers:
                worker.kill()
            self._workers.clear()
        self._forget()

    def worker_pids(self) -> list[int]:
        """The process ids of the pool's workers (for tests and diagnostics)."""
        with self._lock:
            return [pid for worker in self._workers if (pid := worker.pid) is not None]

    def _forget(self) -> None:
        with _POOLS_LOCK:
            _POOLS.discard(self)

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def pool_and_threads(pool: ExtractorPool | None, size: int, threads: int,
                     name: str) -> Iterator[tuple[ExtractorPool, ThreadPoolExecutor]]:
    """A pool (the one given, else a new one of `size` workers) and `threads` fetching
    threads, for a run of many sources (``read``, ``add``, ``import``).

    On Ctrl+C, or when the reader of the results is gone (a closed pipe, a generator
    closed), nothing waits for a fetch in progress (a slow site can take its whole
    deadline): the threads are let go and a pool made here is killed; otherwise both end
    in order. A pool that was given is left to its owner.
    """
    own_pool = pool is None
    running = pool or ExtractorPool(size=size)
    executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=name)
    try:
        yield running, executor
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        if own_pool:
            running.kill()
        raise
    executor.shutdown()
    if own_pool:
        running.close()
