"""HTTP clients compared by CPU: 200 GETs of a 60 KB page, 8 at a time, on 127.0.0.1.

lecteur's architecture picks its HTTP client by measurement; this is the measurement. A
local ``ThreadingHTTPServer`` (HTTP/1.1, keep-alive, its own process, bound to 127.0.0.1
on port 0) serves a 60 KB French HTML page. Each client runs in a fresh process (its
import and set-up timed apart) and makes 200 GET requests with 8 concurrent threads (8
concurrent tasks for httpx.AsyncClient), reading and decoding every body:

  urllib3.PoolManager (threads), lecteur.core.net.fetch.fetch (urllib3 underneath, with
  lecteur's checks and streaming), httpx.Client (threads), httpx.AsyncClient (asyncio),
  urllib.request.urlopen (threads; no keep-alive).

Two scenarios: ``identity`` (the server never compresses) and ``gzip`` (every client asks
for gzip, the server sends it, the client inflates it, as real sites do). Client CPU is
``time.process_time()`` and ``getrusage(RUSAGE_SELF)`` around the 200 requests; the
server's CPU and connection count per run are read from the server. Rounds are
interleaved; medians are printed.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
import time
from typing import Any

import _common as c

REQUESTS = 200
CONCURRENCY = 8
PAGE_BYTES = 60 * 1024
CLIENTS = ("urllib3", "lecteur.fetch", "httpx.Client", "httpx.AsyncClient", "urllib.request")
SCENARIOS = ("identity", "gzip")


def make_page(size: int = PAGE_BYTES) -> bytes:
    """A French article page of exactly `size` bytes (UTF-8, accents included)."""
    rng = random.Random(60)
    words = ("le la les de des un une et à en réseau carrière entretien équipe conseil "
             "très déjà où être évènement cœur à côté général problème collègue réussite "
             "confiance écoute expérience stratégie télétravail employeur salaire").split()
    head = ('<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
            "<title>Réseauter quand on est introverti</title></head><body><article>"
            "<h1>Réseauter quand on est introverti</h1>\n")
    parts = [head]
    size_now = len(head.encode())
    tail = "</article></body></html>\n"
    while True:
        para = "<p>" + " ".join(rng.choice(words) for _ in range(60)) + ".</p>\n"
        if size_now + len(para.encode()) + len(tail) > size:
            break
        parts.append(para)
        size_now += len(para.encode())
    body = "".join(parts).encode()
    filler = size - len(body) - len(tail)
    return body + b" " * filler + tail.encode()


# --- the server (its own process) --------------------------------------------------------


def serve() -> None:
    import socket
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    page = make_page()
    page_gz = gzip.compress(page, 6)
    lock = threading.Lock()
    stats = {"connections": 0, "requests": 0}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 60

        def setup(self) -> None:
            super().setup()
            # as real servers do: without it, headers and body leave in two segments and
            # Nagle's algorithm meets the client's delayed ACK (40 ms per keep-alive request)
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with lock:
                stats["connections"] += 1

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/stats":
                with lock:
                    body = json.dumps({**stats, "cpu": time.process_time()}).encode()
                self._send(body, "application/json")
                return
            with lock:
                stats["requests"] += 1
            wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
            if self.server.compress and wants_gzip:  # type: ignore[attr-defined]
                self._send(page_gz, "text/html; charset=utf-8", "gzip")
            else:
                self._send(page, "text/html; charset=utf-8")

        def _send(self, body: bytes, ctype: str, encoding: str | None = None) -> None:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if encoding:
                self.send_header("Content-Encoding", encoding)
            self.end_headers()
            self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128
        compress = False

    servers = {}
    for scenario in SCENARIOS:
        server = Server(("127.0.0.1", 0), Handler)
        server.compress = scenario == "gzip"
        servers[scenario] = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({s: srv.server_address[1] for s, srv in servers.items()}), flush=True)
    sys.stdin.read()  # until the parent closes our stdin


def server_stats(port: int) -> dict[str, float]:
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats", timeout=10) as response:
        data: dict[str, float] = json.loads(response.read())
    return data


# --- the clients (each in a fresh process) -----------------------------------------------


def client(name: str, port: int, scenario: str) -> None:
    import resource
    import threading
    from concurrent.futures import ThreadPoolExecutor

    url = f"http://127.0.0.1:{port}/article.html"
    want_gzip = scenario == "gzip"
    result: dict[str, Any] = {}

    def usage() -> tuple[float, float, float, float]:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return time.perf_counter(), time.process_time(), r.ru_utime, r.ru_stime

    t0 = usage()
    get: Any
    if name == "urllib3":
        import urllib3

        t1 = usage()
        headers = {"Accept-Encoding": "gzip"} if want_gzip else {}
        pool = urllib3.PoolManager(maxsize=CONCURRENCY, retries=False, headers=headers)

        def get(_: int) -> int:
            return len(pool.request("GET", url).data.decode("utf-8"))
    elif name == "lecteur.fetch":
        from lecteur.core.net import fetch as lecteur_fetch

        t1 = usage()
        lecteur_fetch._pool()  # the program's pool (it always asks for gzip)

        def get(_: int) -> int:
            return len(lecteur_fetch.fetch(url).text)
    elif name == "httpx.Client":
        import httpx

        t1 = usage()
        headers = {"Accept-Encoding": "gzip"} if want_gzip else {"Accept-Encoding": "identity"}
        session = httpx.Client(headers=headers, timeout=30)

        def get(_: int) -> int:
            return len(session.get(url).content.decode("utf-8"))
    elif name == "httpx.AsyncClient":
        import asyncio

        import httpx

        t1 = usage()
    elif name == "urllib.request":
        import urllib.request

        t1 = usage()

        def get(_: int) -> int:
            request = urllib.request.Request(url)
            if want_gzip:
                request.add_header("Accept-Encoding", "gzip")
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                body = response.read()
                if response.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
            return len(body.decode("utf-8"))
    else:
        raise SystemExit(f"unknown client {name}")

    if name == "httpx.AsyncClient":
        headers = {"Accept-Encoding": "gzip"} if want_gzip else {"Accept-Encoding": "identity"}
        session = httpx.AsyncClient(headers=headers, timeout=30)  # no loop needed yet

        async def run_all() -> list[int]:
            async with session:
                counter = iter(range(REQUESTS))
                sizes: list[int] = []

                async def worker() -> None:
                    for _ in counter:
                        response = await session.get(url)
                        sizes.append(len(response.content.decode("utf-8")))

                await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
                return sizes

    t2 = usage()
    if name == "httpx.AsyncClient":
        sizes = asyncio.run(run_all())
    else:
        with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool_ex:
            sizes = list(pool_ex.map(get, range(REQUESTS)))
    t3 = usage()
    result.update({
        "import_s": t1[0] - t0[0], "import_cpu_s": t1[1] - t0[1],
        "setup_s": t2[0] - t1[0], "setup_cpu_s": t2[1] - t1[1],
        "wall_s": t3[0] - t2[0], "cpu_s": t3[1] - t2[1],
        "user_s": t3[2] - t2[2], "sys_s": t3[3] - t2[3],
        "ok": sum(1 for s in sizes if s > 0), "chars": sizes[0] if sizes else 0,
        "threads_at_end": threading.active_count(),
    })
    print(json.dumps(result), flush=True)


def measure(name: str, ports: dict[str, int], scenario: str) -> dict[str, float]:
    port = ports[scenario]
    before = server_stats(port)
    run = c.run_process([c.PYTHON, __file__, "--client", name, str(port), scenario],
                        capture=True, timeout=300)
    after = server_stats(port)
    if run.returncode != 0:
        raise SystemExit(f"client {name} ({scenario}) failed with status {run.returncode}")
    data: dict[str, float] = json.loads(run.stdout.decode().strip().splitlines()[-1])
    data["server_cpu_s"] = after["cpu"] - before["cpu"]
    data["connections"] = after["connections"] - before["connections"] - 1  # less /stats
    data["process_wall_s"] = run.wall
    data["process_cpu_s"] = run.self_cpu
    # our own server is another process: its CPU is not "other load"
    data["other_cores"] = max(0.0, run.other_cores - data["server_cpu_s"] / run.wall)
    return data


def main() -> None:
    if len(sys.argv) == 2 and sys.argv[1] == "--serve":
        serve()
        return
    if len(sys.argv) == 5 and sys.argv[1] == "--client":
        client(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return
    args = c.parse_args(__doc__.split("\n")[0], [
        ("--rounds", {"type": int, "default": None, "help": "rounds (default 7, quick 2)"}),
    ])
    rounds = args.rounds or (2 if args.quick else 7)
    began = time.perf_counter()
    info = c.machine()
    clients = list(CLIENTS)
    try:
        import httpx  # noqa: F401
    except ImportError:
        clients = [n for n in clients if not n.startswith("httpx")]

    server = subprocess.Popen([c.PYTHON, __file__, "--serve"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        ports = json.loads(server.stdout.readline())
        results: dict[tuple[str, str], list[dict[str, float]]] = {
            (n, s): [] for s in SCENARIOS for n in clients}
        keys = list(results)
        waits = []
        for r in range(rounds):
            c.log(f"round {r + 1}/{rounds}")
            waits.append(c.wait_for_quiet(3 if args.quick else 15))
            order = keys[:]
            random.Random(r).shuffle(order)
            for name, scenario in order:
                results[(name, scenario)].append(measure(name, ports, scenario))
    finally:
        if server.stdin:
            server.stdin.close()
        server.terminate()
        server.wait(timeout=10)
    elapsed = time.perf_counter() - began

    med = c.median
    tables = [
        f"http_clients: {REQUESTS} GETs of a {PAGE_BYTES // 1024} KB page, {CONCURRENCY} "
        f"concurrent, 127.0.0.1, HTTP/1.1 keep-alive server in its own process; {rounds} "
        f"round(s), medians; {os.cpu_count()} CPUs; load at start "
        f"{info['loadavg_at_start']}; lecteur {info['git']}; run took {elapsed:.0f} s"
    ]
    summary: dict[str, Any] = {}
    for scenario in SCENARIOS:
        base = med([x["cpu_s"] for x in results[("urllib3", scenario)]])
        rows = []
        for name in clients:
            runs = results[(name, scenario)]
            cpu = med([x["cpu_s"] for x in runs])
            row = {
                "cpu_s_per_200": cpu,
                "user_s": med([x["user_s"] for x in runs]),
                "sys_s": med([x["sys_s"] for x in runs]),
                "cpu_ms_per_request": cpu / REQUESTS * 1000,
                "vs_urllib3": cpu / base,
                "wall_s": med([x["wall_s"] for x in runs]),
                "import_s": med([x["import_s"] for x in runs]),
                "setup_cpu_s": med([x["setup_cpu_s"] for x in runs]),
                "server_cpu_s": med([x["server_cpu_s"] for x in runs]),
                "connections": med([x["connections"] for x in runs]),
                "ok": min(x["ok"] for x in runs),
                "process_wall_s": med([x["process_wall_s"] for x in runs]),
                "other_cores": med([x["other_cores"] for x in runs]),
            }
            summary[f"{name} [{scenario}]"] = row
            rows.append([name, row["cpu_s_per_200"], row["user_s"], row["sys_s"],
                         row["cpu_ms_per_request"], f"{row['vs_urllib3']:.2f}x", row["wall_s"],
                         row["import_s"], row["setup_cpu_s"], row["server_cpu_s"],
                         int(row["connections"]), row["other_cores"],
                         f"{int(row['ok'])}/{REQUESTS}"])
        tables.append(c.table(
            f"scenario {scenario}: client CPU for {REQUESTS} requests (s, median)",
            ["client", "CPU s", "user", "sys", "ms/req", "vs urllib3", "wall s", "import s",
             "setup CPU", "server CPU", "conns", "other load", "ok"], rows))
    tables.append("notes: CPU s = process_time() of the client process around the 200 requests\n"
                  "(import and client set-up excluded, shown apart; the event loop's start is\n"
                  "inside httpx.AsyncClient's clock). conns = TCP connections the server\n"
                  "accepted (urllib.request opens one per request). lecteur.fetch always asks\n"
                  "for gzip; in the identity scenario the server ignores it. other load = cores\n"
                  "kept busy by other processes meanwhile (the machine is shared).")
    data = {"bench": "http_clients", "machine": info, "rounds": rounds,
            "requests": REQUESTS, "concurrency": CONCURRENCY, "page_bytes": PAGE_BYTES,
            "elapsed_s": elapsed, "median": summary, "quiet_waits": waits,
            "raw": {f"{n} [{s}]": v for (n, s), v in results.items()}}
    c.emit(args, data, tables)


if __name__ == "__main__":
    main()
