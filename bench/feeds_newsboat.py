"""lecteur against newsboat on the same 300 feeds, first and second refresh, same run.

The server of bench/feeds_refresh.py: 300 RSS feeds of 50 items from 50 loopback
addresses, every answer delayed 100 ms, ETags (304 on If-None-Match). Each round, in turn:

  newsboat  ``newsboat -x reload`` with a config holding ``reload-threads 50`` (its best;
            the default is 1), its own cache and urls file in a temporary folder; run
            twice: the first fills the cache, the second finds every feed unchanged;
  lecteur   the whole ``lecteur feeds refresh`` process (start, workers, fetch, parse,
            store 15,000 items with their search index) on a fresh library, twice.

Both are whole processes timed from start to exit. The issue's targets: lecteur's first
refresh no slower than newsboat's; its second several times faster. newsboat comes from
Debian's package (``apt-get install -y newsboat``); without it the script says so and
stops.

    python bench/feeds_newsboat.py [--quick] [--json]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _common as c
import feeds_refresh as feeds


def newsboat_round(newsboat: str, urls: list[str]) -> dict[str, float]:
    """newsboat's first and second ``-x reload`` on a fresh cache."""
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="lecteur-newsboat-") as temp:
        folder = Path(temp)
        (folder / "urls").write_text("".join(f"{url}\n" for url in urls), encoding="utf-8")
        (folder / "config").write_text("reload-threads 50\n", encoding="utf-8")
        command = [newsboat, "-x", "reload", "-u", str(folder / "urls"),
                   "-c", str(folder / "cache.db"), "-C", str(folder / "config")]
        env = c.clean_env(HOME=str(folder))
        for name in ("newsboat_first", "newsboat_second"):
            start = time.perf_counter()
            done = subprocess.run(command, env=env, capture_output=True, text=True,
                                  timeout=600, check=False, stdin=subprocess.DEVNULL)
            figures[name] = time.perf_counter() - start
            assert done.returncode == 0, (done.stdout + done.stderr)[-2000:]
        figures["newsboat_items"] = _newsboat_items(folder / "cache.db")
    return figures


def _newsboat_items(cache: Path) -> float:
    """How many items newsboat stored (a check that it read every feed)."""
    import sqlite3  # the bench reads newsboat's own cache; lecteur's rule is for src/

    with sqlite3.connect(cache) as conn:
        return float(conn.execute("SELECT count(*) FROM rss_item").fetchone()[0])


def lecteur_round(urls: list[str]) -> dict[str, float]:
    figures = feeds.cli_round(urls)
    return {"lecteur_first": figures["cli_first"], "lecteur_second": figures["cli_second"]}


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0])
    newsboat = shutil.which("newsboat")
    if newsboat is None:
        print("newsboat is not installed (apt-get install -y newsboat): nothing to compare.")
        return
    version = subprocess.run([newsboat, "--version"], capture_output=True, text=True,
                             check=False).stdout.splitlines()[:1]
    rounds = 1 if args.quick else 3
    server, urls = feeds.start_server()
    samples: dict[str, list[float]] = {}
    try:
        c.wait_for_quiet(20)
        for number in range(rounds):
            c.log(f"round {number + 1}/{rounds}")
            figures = {**newsboat_round(newsboat, urls), **lecteur_round(urls)}
            for key, value in figures.items():
                samples.setdefault(key, []).append(value)
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=10)
    medians = {key: c.median(values) for key, values in samples.items()}
    first = [lec / nb for lec, nb in zip(samples["lecteur_first"], samples["newsboat_first"],
                                          strict=True)]
    second = [nb / lec for lec, nb in zip(samples["lecteur_second"],
                                           samples["newsboat_second"], strict=True)]
    rows = [
        ("newsboat first (reload-threads 50)", medians["newsboat_first"], 1.0, ""),
        ("lecteur first (lecteur feeds refresh)", medians["lecteur_first"],
         c.median(first), "<= 1.0x newsboat"),
        ("newsboat second (all 304)", medians["newsboat_second"], 1.0, ""),
        ("lecteur second (all 304)", medians["lecteur_second"],
         medians["lecteur_second"] / medians["newsboat_second"], "several times faster"),
        ("newsboat second / lecteur second (median of rounds)", c.median(second),
         c.median(second), ""),
    ]
    data = {"machine": c.machine(), "newsboat": version, "rounds": rounds,
            "samples": samples, "medians": medians, "lecteur_over_newsboat_first": first,
            "newsboat_over_lecteur_second": second}
    title = (f"{feeds.FEEDS} feeds x {feeds.ITEMS} items, {feeds.DELAY * 1000:.0f} ms per "
             f"answer, whole processes, medians of {rounds}; {' '.join(version)}; "
             f"newsboat stored {medians['newsboat_items']:.0f} items")
    c.emit(args, data, [c.table(title, ("measure", "wall s", "vs newsboat", "target"), rows)])


if __name__ == "__main__":
    main()
    sys.exit(0)
