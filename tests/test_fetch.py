"""`lecteur.core.net.fetch` against a real loopback server (see the `site` fixture in conftest).

Reliability rules covered: C1 (schemes), E1 (gzip bomb), E2 (slow drip, total deadline),
E3 (redirect loops and scheme changes), E4 (content types before the body), E5 (TLS).

Several tests pin bugs found while writing them (connection reuse after an unread body,
time-outs reported for dead hosts, malformed hosts, multi-line messages, deadline overrun).
The redirect-logic tests use ``?close=1`` so that they check the redirect rules on their
own, apart from connection reuse, which `test_unread_body_does_not_poison_the_pool` pins.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import urllib3

from lecteur import __version__
from lecteur.core.net import fetch as fetch_module
from lecteur.core.net.fetch import FetchError, Limits, check_url, fetch

ARTICLE = "/articles/fr-reseau.html"
SRC_DIR = Path(__file__).resolve().parents[1] / "src"

# Anything that looks like Python leaking through instead of a sentence for the reader.
_PYTHON_LEAK = re.compile(
    r"Traceback|\w+(?:Error|Exception|Warning)\b|gaierror|Errno|urllib3|HTTPConnectionPool"
    r"|HTTPSConnectionPool|object at 0x|\bNone\b"
)


def assert_sentence(message: str) -> None:
    """A FetchError message is one plain sentence: one line, a final period, no Python."""
    assert message, "empty message"
    assert "\n" not in message and "\r" not in message, f"not one line: {message!r}"
    assert message == message.strip(), f"stray white space: {message!r}"
    assert message.endswith("."), f"no final period: {message!r}"
    assert not _PYTHON_LEAK.search(message), f"Python leaks into the message: {message!r}"


def fetch_error(url: str, limits: Limits | None = None) -> tuple[str, float]:
    """Fetch `url`, expect FetchError; return its checked message and the time it took."""
    start = time.monotonic()
    with pytest.raises(FetchError) as caught:
        if limits is None:
            fetch(url)
        else:
            fetch(url, limits=limits)
    elapsed = time.monotonic() - start
    message = str(caught.value)
    assert_sentence(message)
    return message, elapsed


@pytest.fixture(autouse=True)
def fresh_pool() -> Iterator[None]:
    """Each test starts and ends with an empty connection pool, so none depends on another."""
    fetch_module._pool().clear()
    yield
    fetch_module._pool().clear()


# -- success ------------------------------------------------------------------------------


def test_reads_an_article(site):
    page = fetch(site.url(ARTICLE))
    assert page.url == site.url(ARTICLE)
    assert page.media_type == "text/html"
    assert page.encoding == "utf-8"
    assert "Réseauter sans s’épuiser" in page.text
    assert "À propos de l’auteure" in page.text  # the author box is part of the page


def test_user_agent_names_lecteur_and_its_version(site):
    fetch(site.url("/articles/en-feedback.html?ua-check"))
    request = site.last_request("/articles/en-feedback.html")
    user_agent = request.headers["user-agent"]
    assert user_agent.startswith(f"lecteur/{__version__} ")
    assert "gzip" in request.headers.get("accept-encoding", "")


def test_connection_is_kept_alive_between_fetches(site):
    fetch(site.url(ARTICLE + "?n=1"))
    fetch(site.url(ARTICLE + "?n=2"))
    first, second = site.requests[-2:]
    assert (first.query, second.query) == ("n=1", "n=2")
    assert first.client_port == second.client_port


def test_tracking_query_is_sent_and_fragment_is_not(site):
    page = fetch(site.url(ARTICLE + "?utm_source=x&utm_medium=rss#frag"))
    assert "Réseauter" in page.text
    request = site.last_request(ARTICLE)
    assert request.query == "utm_source=x&utm_medium=rss"
    assert "frag" not in request.query


def test_gzip_page_is_decoded(site):
    page = fetch(site.url("/gzip"))
    expected = (Path(__file__).parent / "site" / ARTICLE.lstrip("/")).read_text("utf-8")
    assert page.text == expected
    assert page.encoding == "utf-8"


def test_plain_text_article(site):
    page = fetch(site.url("/articles/fr-texte.txt"))
    assert page.media_type == "text/plain"
    assert "un oui à contrecœur" in page.text


def test_empty_page_gives_empty_text(site):
    page = fetch(site.url("/empty"))
    assert page.text == ""
    assert page.media_type == "text/html"


# -- redirects (E3) -----------------------------------------------------------------------


@pytest.mark.parametrize("hops", [1, 3, 5])
def test_follows_up_to_five_redirects_to_the_final_url(site, hops):
    page = fetch(site.url(f"/redirect/{hops}?close=1"))
    assert page.url == site.url(ARTICLE + "?close=1")
    assert "Réseauter" in page.text


def test_refuses_a_sixth_redirect(site):
    before = len(site.requests)
    message, _ = fetch_error(site.url("/redirect/6?close=1"))
    assert "redirects" in message
    assert "5" in message
    paths = [request.path for request in site.requests[before:]]
    assert len(paths) == 6  # six answers read, the article itself never requested
    assert ARTICLE not in paths


def test_redirect_loop_is_a_plain_sentence(site):
    before = len(site.requests)
    message, elapsed = fetch_error(site.url("/loop?close=1"))
    assert "redirects" in message
    assert elapsed < 2.0
    assert len(site.requests) - before == 6


def test_redirect_to_a_file_url_is_refused(site):
    message, _ = fetch_error(site.url("/to-file"))
    assert "will not open" in message
    assert "root:" not in message
    assert site.last_request("/to-file")  # the server was asked, /etc/passwd was not read


# -- statuses and content types (E4) ------------------------------------------------------


@pytest.mark.parametrize(("status", "reason"), [(404, "Not Found"), (500, "Internal Server Error")])
def test_error_status_is_named(site, status, reason):
    message, _ = fetch_error(site.url(f"/status/{status}"))
    assert f"{status} {reason}" in message


@pytest.mark.parametrize(
    ("path", "media_type"), [("/doc.pdf", "application/pdf"), ("/image.png", "image/png")]
)
def test_binary_content_is_refused_before_its_body(site, path, media_type):
    # Both routes send 50 MB at about 6 MB/s: reading the body would take about 8 s.
    message, elapsed = fetch_error(site.url(path))
    assert media_type in message
    assert "not an article" in message
    assert elapsed < 1.0


def test_feed_is_not_an_article(site):
    message, _ = fetch_error(site.url("/feeds/carnet.rss"))
    assert "application/rss+xml" in message


# -- size and time (E1, E2) ---------------------------------------------------------------


def test_drip_is_cut_by_the_total_deadline(site):
    message, elapsed = fetch_error(site.url("/drip"), Limits(total_deadline=1.5, read_timeout=1.0))
    assert "too long" in message
    assert 1.4 <= elapsed < 4.0


def test_total_deadline_is_not_overrun_by_a_slow_drip(site):
    # One byte every 1.5 s: each read ends before the 2 s read timeout, but the second one
    # ends after the 2 s total deadline.
    _, elapsed = fetch_error(
        site.url("/drip?every=1.5"), Limits(total_deadline=2.0, read_timeout=2.0)
    )
    assert elapsed < 2.5


def test_slow_headers_hit_the_read_timeout(site):
    message, elapsed = fetch_error(site.url("/slow-headers"), Limits(read_timeout=1.0))
    assert "stopped answering" in message
    assert elapsed < 2.5


def test_endless_body_is_refused_as_too_large(site):
    message, elapsed = fetch_error(site.url("/huge"))
    assert "too large" in message
    assert "10 MB" in message
    assert elapsed < 5.0


_BOMB_SCRIPT = r"""
import json, resource, sys
from lecteur.core.net.fetch import FetchError, fetch

def peak_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak

before = peak_kb()
try:
    fetch(sys.argv[1])
    message = None
except FetchError as error:
    message = str(error)
after = peak_kb()
control = b"x" * (150 * 1024 * 1024)  # proves the measure sees a large allocation
after_control = peak_kb()
print(json.dumps({"message": message, "growth_kb": after - before,
                  "control_kb": after_control - after}))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs resource or /proc")
def test_gzip_bomb_is_refused_without_filling_memory(site):
    # Run in a fresh process: the peak RSS is a high-water mark, so this process's own
    # history (pytest, other tests) would hide or fake the growth.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC_DIR), os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run(
        [sys.executable, "-c", _BOMB_SCRIPT, site.url("/bomb")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["message"] is not None, "the 300 MB bomb was accepted"
    assert_sentence(result["message"])
    assert "too large" in result["message"]
    assert result["growth_kb"] < 100 * 1024, result
    assert result["control_kb"] > 100 * 1024, result  # the measure itself works


# -- connection failures ------------------------------------------------------------------


def _dead_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_dead_port_could_not_reach_quickly():
    message, elapsed = fetch_error(f"http://127.0.0.1:{_dead_port()}/article")
    assert message.startswith("Could not reach 127.0.0.1")
    assert elapsed < 2.0


def test_unresolvable_host_is_a_clear_sentence():
    message, elapsed = fetch_error("http://lecteur-test.invalid/article")
    assert "lecteur-test.invalid" in message
    assert elapsed < 15.0


@pytest.mark.parametrize("case", ["unresolvable", "dead-port"])
def test_connection_failures_are_described_accurately(case):
    if case == "unresolvable":
        message, _ = fetch_error("http://lecteur-test.invalid/article")
        assert message.startswith("Could not find the site lecteur-test.invalid")
    else:
        message, _ = fetch_error(f"http://127.0.0.1:{_dead_port()}/article")
        assert "in time" not in message  # refused at once, not a time-out


# -- TLS (E5) -----------------------------------------------------------------------------


def _cert_with_cryptography(folder: Path) -> tuple[Path, Path] | None:
    try:
        import datetime
        import ipaddress

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        return None
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _cert_with_openssl(folder: Path) -> tuple[Path, Path] | None:
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    arguments = "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
    arguments += " -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1"
    command = [openssl, *arguments.split(), "-keyout", str(key_path), "-out", str(cert_path)]
    done = subprocess.run(command, capture_output=True, timeout=30, check=False)
    return (cert_path, key_path) if done.returncode == 0 else None


class _Hello(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        body = "<p>Bonjour, très chère lectrice.</p>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        """Failed handshakes are the point of these tests."""


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """An HTTPS server on loopback with a self-signed certificate: (base URL, cert path)."""
    folder = tmp_path_factory.mktemp("tls")
    made = _cert_with_cryptography(folder) or _cert_with_openssl(folder)
    if made is None:
        pytest.skip("neither the cryptography package nor openssl can make a certificate")
    cert_path, key_path = made
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server = _QuietServer(("127.0.0.1", 0), _Hello)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
    )
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", cert_path
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_self_signed_certificate_is_refused(self_signed):
    base, cert_path = self_signed
    message, elapsed = fetch_error(base + "/article")
    assert "certificate" in message
    assert elapsed < 5.0
    # The server itself works: a client that trusts this certificate reads the page.
    trusting = urllib3.PoolManager(ca_certs=str(cert_path), cert_reqs="CERT_REQUIRED")
    try:
        response = trusting.request("GET", base + "/article", retries=False, timeout=5.0)
    finally:
        trusting.clear()
    assert response.status == 200
    assert "très" in response.data.decode()


# -- addresses that must never be fetched (C1, C3) ----------------------------------------

REFUSED = [
    "file:///etc/passwd",
    "ftp://x/y",
    "data:text/html,hi",
    "javascript:alert(1)",
    "feed://x/y",
    "gopher://x",
    "example.org/no-scheme",
    "\\\\host\\share",
    "~/x",
    "/etc/passwd",
    "-–remote-debugging-port=9222",
    # variants of the same, to be sure the check is not fooled by the spelling
    "  FILE:///etc/passwd  ",
    "ｆｉｌｅ:///etc/passwd",
    "java\tscript:alert(1)",
    "http:///etc/passwd",
    "--help",
]


@pytest.mark.parametrize("raw", REFUSED)
def test_check_url_refuses(raw):
    with pytest.raises(FetchError) as caught:
        check_url(raw)
    assert_sentence(str(caught.value))
    assert str(caught.value).startswith("Refused ")


@pytest.mark.parametrize("raw", REFUSED)
def test_fetch_refuses_without_opening_anything(raw):
    message, elapsed = fetch_error(raw)
    assert message.startswith("Refused ")
    assert elapsed < 0.5


@pytest.mark.parametrize("raw", ["http://example.org/a", "HTTPS://example.org", " http://x.y/ "])
def test_check_url_accepts_http_and_https(raw):
    assert check_url(raw) == raw.strip()


@pytest.mark.parametrize("raw", ["http://[::1", "http://[zz]/"])
def test_malformed_host_is_a_fetch_error(raw):
    with pytest.raises(FetchError):
        check_url(raw)


def test_message_stays_one_line_for_an_address_with_a_newline(site):
    fetch_error(site.url("/status/\n404"))


# -- connection reuse ---------------------------------------------------------------------


@pytest.mark.parametrize("first", ["/redirect/1", "/redirect/3", "/status/404", "/to-file"])
def test_unread_body_does_not_poison_the_pool(site, first):
    # A keep-alive server, as almost every real site is. A redirect fails on its own: the
    # next hop reuses the connection while the 302 response is still referenced. After an
    # error, the next fetch to the same host fails as long as the error is kept (as a
    # per-feed error list would keep it): its traceback keeps the response alive.
    kept: list[FetchError] = []
    try:
        fetch(site.url(first))
    except FetchError as error:
        kept.append(error)
        assert "connection failed" not in str(error)
    page = fetch(site.url(ARTICLE))
    assert "Réseauter" in page.text


# -- the test server itself ---------------------------------------------------------------


def test_site_drip_stops_when_the_client_leaves(site):
    with socket.create_connection((site.host, site.port), timeout=5) as sock:
        sock.sendall(b"GET /drip?who=leaver HTTP/1.1\r\nHost: test\r\n\r\n")
        assert sock.recv(1024).startswith(b"HTTP/1.1 200")
    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline:
        requests = [r for r in site.requests if r.path == "/drip" and r.query == "who=leaver"]
        if requests and requests[-1].finished.wait(0.1):
            break
    else:
        pytest.fail("the drip handler kept writing after the client left")


def test_drip_of_the_response_head_is_cut_by_the_total_deadline(site):
    # Every read of the status line gets a byte well within the read time-out: only a
    # deadline over the whole fetch stops it (it used to wait for the 30 s the drip lasts).
    message, elapsed = fetch_error(site.url("/drip-head?every=0.1"),
                                   Limits(total_deadline=1.0, read_timeout=5.0))
    assert "too long" in message
    assert 0.9 <= elapsed < 2.0


def test_deadline_variable_sets_the_default_limits(monkeypatch):
    monkeypatch.setenv(fetch_module.DEADLINE_VARIABLE, "1.5")
    assert fetch_module._default_limits().total_deadline == 1.5
    for wrong in ("", "zero", "-3", "0", "1e9"):
        monkeypatch.setenv(fetch_module.DEADLINE_VARIABLE, wrong)
        assert fetch_module._default_limits() == Limits()


def test_the_url_checks_character_tests_are_unicodes_own() -> None:
    """`check_url` tests controls with a character class and host names with
    `str.isprintable`: the same answers as the category and per-character tests, for
    every code point."""
    import sys
    import unicodedata

    from lecteur.core.net.fetch import _CONTROLS

    for point in range(sys.maxunicode + 1):
        char = chr(point)
        assert bool(_CONTROLS.match(char)) == (unicodedata.category(char) == "Cc"), point
        assert (not char.isprintable() or char == " ") == \
            (char.isspace() or not char.isprintable()), point
