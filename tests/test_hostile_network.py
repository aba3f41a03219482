"""Network battery: each hostile server is refused or stopped within its deadline, in one
sentence, by the real ``lecteur read`` (a process of its own, the clock measured).

Drip of the response head and of the body, an endless body, gzip and deflate bombs, a
redirect loop, a redirect to ``file:``, a redirect from https down to http, a self-signed
certificate, credentials in the address (never sent nor shown), and a leading-dash
address handed to the browser opener. The deadline is ``LECTEUR_FETCH_DEADLINE`` (2 s
here; 20 s by default).
"""

from __future__ import annotations

import functools
import os
import stat
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from helpers import assert_one_sentence
from lecteur.core.errors import FetchError
from lecteur.core.net import fetch as fetch_module
from test_fetch import self_signed  # noqa: F401  (the HTTPS server fixture)

DEADLINE = 2.0
STARTUP = 3.0  # an interpreter's start, on a busy machine


@functools.cache
def deflate_bomb() -> bytes:
    """About 300 KB of deflate that inflates to 300 MB, made without holding 300 MB."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS)
    megabyte = bytes(1024 * 1024)
    return b"".join(squeeze.compress(megabyte) for _ in range(300)) + squeeze.flush()


def lecteur_read(url: str, house: Path, deadline: float = DEADLINE) -> tuple[int, str, float]:
    env = {**os.environ, "LECTEUR_HOME": str(house), "NO_COLOR": "1",
           "LECTEUR_FETCH_DEADLINE": str(deadline)}
    start = time.monotonic()
    ran = subprocess.run([sys.executable, "-m", "lecteur", "read", url], env=env,
                         capture_output=True, text=True, timeout=120)
    return ran.returncode, ran.stderr, time.monotonic() - start


SCENARIOS = {
    "drip of the head": ("/drip-head", "took too long"),
    "drip of the body": ("/drip", "took too long"),
    "endless body": ("/huge", "too large"),
    "gzip bomb": ("/bomb", "too large"),
    "deflate bomb": ("/deflate-bomb", "too large"),
    "redirect loop": ("/loop", "more than 5 redirects"),
    "redirect to file:": ("/to-file", "will not open"),
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_each_hostile_server_is_stopped_in_one_sentence(site, house: Path, name: str) -> None:
    path, expected = SCENARIOS[name]
    if path == "/deflate-bomb":
        site.add(path, deflate_bomb(), "text/html", [("Content-Encoding", "deflate")])
    deadline = 6.0 if path == "/huge" else DEADLINE  # 12 MB must arrive to pass the cap
    code, stderr, elapsed = lecteur_read(site.url(path), house, deadline)
    assert code == 1
    assert expected in stderr, stderr
    assert_one_sentence(stderr)
    assert elapsed < deadline + STARTUP, f"{name}: {elapsed:.1f} s"


def test_a_self_signed_certificate_is_refused(self_signed, house: Path) -> None:  # noqa: F811
    base, _cert = self_signed
    code, stderr, elapsed = lecteur_read(base + "/article", house)
    assert code == 1 and "certificate is not valid" in stderr
    assert_one_sentence(stderr)
    assert elapsed < DEADLINE + STARTUP


def test_credentials_in_the_address_are_never_sent_nor_shown(site, house: Path) -> None:
    """Refused in one sentence (this branch) or dropped before the fetch (the CLI's rule,
    issue 10 item 5): either way the password goes nowhere."""
    url = site.url("/articles/fr-reseau.html?cred=1").replace("://", "://lucie:s3cr3t@")
    env = {**os.environ, "LECTEUR_HOME": str(house), "NO_COLOR": "1"}
    ran = subprocess.run([sys.executable, "-m", "lecteur", "read", url],
                         env=env, capture_output=True, text=True, timeout=60)
    assert "s3cr3t" not in ran.stdout + ran.stderr and "lucie" not in ran.stdout + ran.stderr
    if ran.returncode:
        assert_one_sentence(ran.stderr)
    assert not any("authorization" in r.headers for r in site.requests if r.query == "cred=1")


class _Redirect:
    """The part of a response that `_next_hop` reads."""

    def __init__(self, location: str) -> None:
        self.headers = {"Location": location}


@pytest.mark.parametrize(
    ("start", "location", "allowed"),
    [("https://a.example/x", "http://a.example/y", False),
     ("https://a.example/x", "HTTP://b.example/y", False),
     ("https://a.example/x", "//a.example/y", True),  # same scheme
     ("https://a.example/x", "https://b.example/y", True),
     ("http://a.example/x", "https://a.example/y", True),  # an upgrade is fine
     ("http://a.example/x", "http://a.example/y", True)],
)
def test_a_redirect_never_goes_from_https_down_to_http(start, location, allowed) -> None:
    if allowed:
        assert fetch_module._next_hop(start, _Redirect(location))  # type: ignore[arg-type]
        return
    with pytest.raises(FetchError, match="from a secure") as caught:
        fetch_module._next_hop(start, _Redirect(location))  # type: ignore[arg-type]
    assert_one_sentence("lecteur: " + str(caught.value))


# -- the browser opener -----------------------------------------------------------------

BROWSER_URLS = {
    "https://lemonde.fr/article": True,
    "http://example.org/a?b=c": True,
    " https://example.org/spaces ": True,
    "https://example.org/ --remote-debugging-port=9222": True,  # one argument, not an option
    "-–remote-debugging-port=9222": False,
    "--new-window https://x.example": False,
    "-https://example.org": False,
    "javascript:alert(1)": False,
    "file:///etc/passwd": False,
    "data:text/html,<script>alert(1)</script>": False,
    "vbscript:msgbox": False,
    "smb://host/share": False,
    "ftp://example.org/": False,
    "\\\\host\\share": False,
    "~/.ssh/id_rsa": False,
    "/etc/passwd": False,
    "ｊａｖａｓｃｒｉｐｔ:alert(1)": False,  # full-width, NFKC-normalised first
    "java\tscript:alert(1)": False,
    "https://": False,
    "": False,
}


@pytest.fixture
def browser_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake browser (``BROWSER``) that writes its arguments to a log, one call a line."""
    import webbrowser

    log = tmp_path / "argv.log"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\t" "$a"; done >> "{log}"\n'
                      f'echo >> "{log}"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("BROWSER", str(script))
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    return log


@pytest.mark.parametrize("url", list(BROWSER_URLS), ids=repr)
def test_the_browser_sees_only_checked_http_addresses(browser_log: Path, url: str) -> None:
    from lecteur.ui.links import RefusedLink, open_in_browser

    if not BROWSER_URLS[url]:
        with pytest.raises(RefusedLink):
            open_in_browser(url)
        time.sleep(0.2)
        assert not browser_log.exists()
        return
    assert open_in_browser(url)
    end = time.monotonic() + 5
    while not browser_log.exists() and time.monotonic() < end:
        time.sleep(0.05)
    (call,) = browser_log.read_text().splitlines()
    assert "pw@" not in call
    argv = call.rstrip("\t").split("\t")
    assert argv == [url.strip()]
    assert not any(arg.startswith("-") for arg in argv)
