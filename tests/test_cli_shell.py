"""The command line as a shell uses it: the real ``lecteur`` binary in pipes, under Ctrl+C,
in French, and facing hostile servers and file names (every byte of every output checked).

These run the installed console script as a subprocess, because what they prove (a closed
pipe, a signal, the interpreter's last flush, the locale of a fresh process) does not exist
in-process.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import sysconfig
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from helpers import Ran

if TYPE_CHECKING:  # the tests' own conftest; imported by name only for the type
    from conftest import Site

PAGES = Path(__file__).parent / "pages"
CONSEIL = str(PAGES / "conseil.txt")
HOSTILE = str(PAGES / "hostile.html")

# What must never reach a terminal from lecteur's output: ESC, BEL, CSI as one C1 byte (raw
# or UTF-8), any other C1 control, and the bidi overrides and isolates.
FORBIDDEN = re.compile(
    rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)


def lecteur() -> str:
    """The ``lecteur`` script pip installed next to this interpreter."""
    script = shutil.which("lecteur", path=sysconfig.get_path("scripts"))
    if script is None:
        pytest.fail("the lecteur console script is not installed (pip install -e '.[test]')")
    return script


def shell_env(**changes: str) -> dict[str, str]:
    """This test's environment (its LECTEUR_HOME, an English locale), with `changes`."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("COLUMNS", None)
    env.update(changes)
    return env


def run(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """Run the real binary with `args`; stdout and stderr as bytes (a pipe, not a terminal)."""
    return subprocess.run([lecteur(), *args], capture_output=True, env=shell_env(**env),
                          stdin=subprocess.DEVNULL, timeout=120, check=False)


def crash_logs(home: Path) -> list[Path]:
    return sorted(home.rglob("crash*.log")) if home.exists() else []


@pytest.fixture
def library(house: Path, cli: Callable[..., Ran]) -> Path:
    """A library with two articles (one of them hostile), added in-process."""
    assert cli("add", CONSEIL, HOSTILE).code == 0
    return house


# --- pipes ---------------------------------------------------------------------------------


COMMANDS = [["ls"], ["ls", "--json"], ["show", "1"], ["show", "2", "--json"], ["search", "réseau"],
            ["quotes"], ["people"], ["dirs"], ["read", CONSEIL], ["read", CONSEIL, "--format",
                                                                   "json"],
            ["--help"], ["--lang", "fr", "ls"], [], ["add", CONSEIL]]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args)[:30])
def test_a_pipe_closed_before_any_output_ends_quietly(library: Path, args: list[str]) -> None:
    """The reader of the pipe is gone before lecteur writes (``| head`` that finished)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([lecteur(), *args], stdout=write_end, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, env=shell_env(), timeout=120,
                              check=False)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, b"")
    assert crash_logs(library) == []


def test_ls_into_head_is_quiet_every_time(library: Path) -> None:
    """``lecteur ls | head -1``, the real shell pipeline, ten times (it failed 2 runs in 5)."""
    script = f"'{lecteur()}' ls | head -1; echo \"status=${{PIPESTATUS[0]}}\" >&2"
    for _ in range(10):
        done = subprocess.run(["bash", "-c", script], capture_output=True, env=shell_env(),
                              timeout=60, check=False)
        assert done.stdout == b"id\tdate\ttitle\tauthor\tsite\tmin\n"
        assert done.stderr == b"status=0\n"
    assert crash_logs(library) == []


def test_ls_in_a_pipe_is_whole_tab_separated_lines(house: Path, site: Site,
                                                   cli: Callable[..., Ran]) -> None:
    """No cut titles, no padding, no 80-column wrap; the date is the page's or nothing."""
    title = "Négocier son salaire quand on change de métier après vingt ans dans la même " \
            "entreprise : ce que disent les recruteurs, les syndicats et les coachs"
    author = "Marie-Ève Bouchard-Tremblay de la Fontaine"
    body = "".join(f"<p>Paragraphe {i} : une phrase assez longue pour compter comme un "
                   f"article, sur le réseautage et la négociation.</p>" for i in range(30))
    page = (f"<html><head><title>{title}</title><meta name='author' content='{author}'>"
            f"</head><body><article><h1>{title}</h1>{body}</article></body></html>")
    url = site.add(f"/long-{uuid.uuid4().hex}.html", page.encode(), "text/html; charset=utf-8")
    assert cli("add", url).code == 0, "the long page must be saved"
    done = run("ls")
    lines = done.stdout.decode().splitlines()
    assert lines[0] == "id\tdate\ttitle\tauthor\tsite\tmin"
    fields = lines[1].split("\t")
    assert fields[1] == ""  # no publication date given: not today's date
    assert fields[2] == title and author in fields[3]
    for line in done.stdout.decode().splitlines():
        assert line == line.rstrip()


def test_an_article_in_a_pipe_is_not_wrapped(library: Path) -> None:
    text = run("read", CONSEIL).stdout.decode()
    lines = text.splitlines()
    assert max(len(line) for line in lines) > 100  # paragraphs are one line each
    assert all(line == line.rstrip() for line in lines)
    assert "·  ·" not in text and not any(line.endswith("·") for line in lines)


# --- Ctrl+C --------------------------------------------------------------------------------


def _wait_for(site: Site, marker: str, timeout: float = 30.0) -> None:
    """Wait until the server has started dripping the page requested with `marker`."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if any(marker in r.query and r.bytes_sent > 0 for r in site.requests):
            return
        time.sleep(0.05)
    pytest.fail("lecteur never reached the dripping server")


@pytest.mark.parametrize("command", ["read", "add"])
def test_ctrl_c_during_a_slow_fetch_stops_at_once(house: Path, site: Site,
                                                  command: str) -> None:
    marker = uuid.uuid4().hex
    process = subprocess.Popen([lecteur(), command, site.url(f"/drip?every=0.2&m={marker}")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, env=shell_env())
    try:
        _wait_for(site, marker)
        time.sleep(0.3)
        started = time.monotonic()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=15)
        elapsed = time.monotonic() - started
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert elapsed < 0.5, f"Ctrl+C took {elapsed:.2f} s"
    assert process.returncode == 130
    assert out == b""
    assert err == b"lecteur: Interrupted: nothing was saved half-way.\n"
    if command == "add":
        with sqlite3.connect(house / "library.sqlite3") as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert db.execute("SELECT count(*) FROM articles").fetchone() == (0,)


# --- languages -----------------------------------------------------------------------------


def test_french_from_the_locale_and_from_lang(house: Path) -> None:
    missing = str(PAGES / "absent.html")
    for env in ({"LANG": "fr_CA.UTF-8"}, {"LC_ALL": "fr_FR.UTF-8"},
                {"LC_MESSAGES": "fr_BE.UTF-8", "LANG": "C.UTF-8"}):
        done = run("read", missing, **env)
        assert done.returncode == 1
        assert done.stderr.decode() == f"lecteur: {missing} n’existe pas (ni fichier, ni " \
                                       "adresse http(s)).\n"
    assert run("--lang", "fr", "ls").stdout.decode() == \
        "La bibliothèque est vide : ajoutez un article avec « lecteur add URL ».\n"
    english = run("--lang", "en", "read", missing, LANG="fr_FR.UTF-8")
    assert "does not exist" in english.stderr.decode()


def test_the_config_files_language_comes_between_lang_and_the_locale(house: Path) -> None:
    from lecteur.core.config import config_path

    config = config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('language = "fr"\n', encoding="utf-8")
    assert run("ls").stdout.decode().startswith("La bibliothèque est vide")
    assert run("--lang", "en", "ls").stdout.decode().startswith("The library is empty")
    config.write_text('language = "en"\n', encoding="utf-8")
    assert run("ls", LANG="fr_FR.UTF-8").stdout.decode().startswith("The library is empty")


def test_french_usage_errors_and_help(house: Path) -> None:
    done = run("--lang", "fr", "ls", "-n", "x")
    assert done.returncode == 2
    assert done.stderr.decode() == ("lecteur: ls: argument -n/--limit : nombre entier invalide "
                                    ": 'x' (usage : lecteur ls [-h] [-n N] [--json]"
                                    " [--sort {added,score}] [--view NAME])\n")
    assert "lister la bibliothèque" in run("--help", LANG="fr_FR.UTF-8").stdout.decode()


def test_french_sentences_from_a_server(house: Path, site: Site) -> None:
    done = run("--lang", "fr", "read", site.url("/status/404"), "--format", "json")
    error = json.loads(done.stdout)["error"]
    assert error.startswith("Le site a répondu 404 Not Found pour ")


# --- usage errors --------------------------------------------------------------------------


@pytest.mark.parametrize("args, start", [
    (["ls", "-n", "x"], "lecteur: ls: argument -n/--limit: invalid int value: 'x' "
                        "(usage: lecteur ls "),
    (["show", "99999999999999999999999"], "lecteur: show: argument id: "
                                          "99999999999999999999999 is too large"),
    (["rm", "1", "0"], "lecteur: rm: argument ID: 0 is too small (at least 1)"),
    (["ls", "-n", "-1"], "lecteur: ls: argument -n/--limit: -1 is too small (at least 0)"),
    (["search", "x", "-n", "99999999999999999999"], "lecteur: search: argument -n/--limit: "),
    (["ls", "extra"], "lecteur: ls: unrecognized arguments: extra (usage: lecteur ls "),
    (["show"], "lecteur: show: the following arguments are required: id (usage: "),
    (["frob"], "lecteur: argument COMMAND: invalid choice: 'frob'"),
])
def test_usage_errors_are_one_line_naming_the_command(house: Path, args: list[str],
                                                      start: str) -> None:
    done = run(*args)
    assert done.returncode == 2 and done.stdout == b""
    err = done.stderr.decode()
    assert err.startswith(start) and err.count("\n") == 1 and err.endswith(")\n"), err
    assert "Traceback" not in err and crash_logs(house) == []


# --- secrets and control characters --------------------------------------------------------


def test_credentials_in_a_url_are_never_sent_stored_or_shown(house: Path, site: Site) -> None:
    good = site.url("/articles/fr-reseau.html").replace("://", "://reader:s3cret@")
    dead = site.url("/status/404").replace("://", "://reader:s3cret@")
    refused = "ftp://reader:s3cret@example.org/x"
    outputs = [run("add", good), run("read", good, dead, refused, "--format", "json"),
               run("read", dead), run("ls", "--json"), run("ls"), run("show", "1"),
               run("show", "1", "--json"), run("search", "réseau", "--json")]
    assert outputs[0].returncode == 0, outputs[0].stderr
    for done in outputs:
        assert b"s3cret" not in done.stdout + done.stderr
        assert b"reader:" not in done.stdout + done.stderr
    assert "authorization" not in site.last_request("/articles/fr-reseau.html").headers
    with sqlite3.connect(house / "library.sqlite3") as db:
        dump = "\n".join(db.iterdump())
    assert "s3cret" not in dump
    lines = [json.loads(line) for line in outputs[1].stdout.splitlines()]
    assert lines[0]["source"] == site.url("/articles/fr-reseau.html")
    assert lines[0]["url"] == site.url("/articles/fr-reseau.html")
    assert lines[1]["source"] == site.url("/status/404")


def test_a_bare_www_address_is_read_as_https(house: Path) -> None:
    done = run("read", "www.lecteur-test.invalid/x", "--format", "json")
    error = json.loads(done.stdout)["error"]
    assert error == "Could not find the site www.lecteur-test.invalid: check the address."


HOSTILE_REASON = b"Not\x9b31m\x1b]0;owned\x07 Found\x1b[2J\x07\x85\x8d"


@pytest.fixture
def hostile_server() -> Iterator[str]:
    """A loopback server whose every answer is a 404 with a hostile reason phrase."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(5)
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                conn.sendall(b"HTTP/1.1 404 " + HOSTILE_REASON + b"\r\nContent-Length: 0\r\n"
                             b"Connection: close\r\n\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/page\u202e.html"
    finally:
        stop.set()
        thread.join(timeout=5)
        server.close()


def hostile_file_names(folder: Path) -> list[Path]:
    """An article and a missing file, named with ESC, BEL, a C1 CSI and a bidi override."""
    folder.mkdir()
    name = "note\x1b]0;owned\x07\u202etxt.\x9b2Jconseil.txt"
    article = folder / name
    article.write_bytes(Path(CONSEIL).read_bytes())
    return [article, folder / ("absent\x1b[31m\x07" + name)]


def test_every_output_is_clean_bytes(house: Path, tmp_path: Path, hostile_server: str) -> None:
    if sys.platform == "darwin":  # pragma: no cover - macOS refuses such file names
        pytest.skip("the file system refuses control characters in names")
    article, missing = hostile_file_names(tmp_path / "files")
    sources = [str(article), str(missing), hostile_server]
    outputs = [run("read", *sources, "--format", "json"), run("read", *sources),
               run("add", *sources), run("--lang", "fr", "read", *sources, "--format", "json"),
               run("ls"), run("ls", "--json"), run("show", "1"), run("show", "1", "--json"),
               run("people"), run("quotes", "--json"), run("dirs"),
               run("--library", str(tmp_path / "lib\x1b[2J\x07"), "dirs"),
               run("search", "\x1b]0;x\x07", "--json"), run("search", "\x1b]0;x\x07"),
               run("people", "\x1b[2J\x9b"), run("show", "\x1b[2J")]
    for done in outputs:
        for stream in (done.stdout, done.stderr):
            assert not FORBIDDEN.search(stream), (done.args, stream)
    lines = [json.loads(line) for line in outputs[0].stdout.splitlines()]
    assert [sorted(line)[:2] for line in lines[1:]] == [["error", "source"]] * 2
    for line in lines:
        for value in (line["source"], line.get("error", ""), line.get("title", "")):
            assert not re.search(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", value)
    assert lines[2]["error"].startswith("The site answered 404 Not")
    assert "Not␛␛ Found␛" in lines[2]["error"]  # each sequence marked, none active
