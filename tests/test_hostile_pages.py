"""Hostile and pathological pages, fetched from the loopback server and read for real.

Issue 10, item 6 and the "Pages" battery of docs/reliability.md: a numeric reference to a
C0 control anywhere in a page, one invalid byte in a page declared UTF-8, French pages in
every encoding (declared right, declared wrong, undeclared, with and without a BOM), and
pages built to be slow (hundreds of thousands of paragraphs, deep nesting, binary). Each
ends in an article or one sentence, within the worker's time limit.

Quick sizes run in CI; ``LECTEUR_FULL_BATTERY=1`` runs the full ones (200,000 paragraphs,
10,000 levels of nesting).
"""

from __future__ import annotations

import codecs
import os
import time

import pytest

from lecteur.core.service import read_one
from lecteur.core.workers.pool import ExtractorPool

FULL = os.environ.get("LECTEUR_FULL_BATTERY") == "1"
PARAGRAPHS = 200_000 if FULL else 20_000
NESTING = 10_000 if FULL else 2_000
LIMIT = 10.0  # the reader's extraction limit (`lecteur.core.workers.pool.DEFAULT_TIMEOUT`)
MOJIBAKE = ("Ã", "Â", "č", "ŕ", "\ufffd")

SENTENCE = ("Les spécialistes de la carrière conseillent à l'élève de cultiver son réseau "
            "bien avant d'en avoir besoin, même à contrecœur, et de rester curieux. ")
WORDS = ("spécialistes", "élève", "contrecœur", "à")


def page(body: str = SENTENCE * 4, head: str = "") -> str:
    return (f"<!DOCTYPE html><html lang='fr'><head>{head}<title>Bâtir son réseau</title>"
            f"</head><body><article><h1>Bâtir son réseau</h1><p>{body}</p><p>{body}</p>"
            "</article></body></html>")


@pytest.fixture(scope="module")
def pool():
    with ExtractorPool(size=1, timeout=LIMIT, memory_limit=1024**3) as workers:
        yield workers


def read(site, pool, path: str, body: bytes, content_type: str = "text/html"):
    url = site.add(path, body, content_type)
    started = time.monotonic()
    outcome = read_one(url, pool)
    return outcome, time.monotonic() - started


# -- item 6: control references, a damaged byte, the headline -------------------------


@pytest.mark.parametrize("reference", ["&#7;", "&#27;", "&#x1B;", "&#x1b", "&#0;", "&#127;",
                                       "&#00027;", "&#x00007;"])
@pytest.mark.parametrize("where", ["title", "body", "head-meta", "end"])
def test_a_control_reference_anywhere_does_not_lose_the_article(site, pool, reference,
                                                                where) -> None:
    html = page()
    if where == "title":
        html = html.replace("<title>Bâtir", f"<title>{reference}Bâtir")
    elif where == "body":
        html = html.replace("réseau bien", f"réseau{reference} bien", 1)
    elif where == "head-meta":
        html = html.replace("<title>", f"<meta name='description' content='x{reference}'><title>")
    else:
        html += reference
    outcome, _ = read(site, pool, f"/ctl-{where}.html", html.encode())
    assert outcome.article is not None, outcome.error
    assert outcome.article.title == "Bâtir son réseau"
    assert "élève de cultiver" in outcome.article.text
    assert not any(ord(c) < 32 and c not in "\n\t" for c in outcome.article.text)


@pytest.mark.parametrize("declared", ["header", "meta"])
def test_one_invalid_byte_in_a_utf8_page_is_one_replacement(site, pool, declared) -> None:
    html = page(head="<meta charset='utf-8'>" if declared == "meta" else "").encode()
    damaged = html.replace(b"cultiver", b"cul\xfftiver", 1)
    content_type = "text/html; charset=utf-8" if declared == "header" else "text/html"
    outcome, _ = read(site, pool, f"/damaged-{declared}.html", damaged, content_type)
    assert outcome.article is not None, outcome.error
    text = outcome.article.text
    assert text.count("\ufffd") == 1 and "cul\ufffdtiver" in text
    assert all(word in text for word in WORDS)
    assert "Ã" not in text and "Ã" not in outcome.article.title


def test_a_title_that_extends_the_h1_keeps_the_headline(site, pool) -> None:
    html = page().replace("<title>Bâtir son réseau</title>",
                          "<title>L'été à Montréal : œuvres et « guillemets »</title>")
    html = html.replace("<h1>Bâtir son réseau</h1>", "<h1>L'été à Montréal</h1>")
    outcome, _ = read(site, pool, "/ete.html", html.encode("utf-8"),
                      "text/html; charset=utf-8")
    assert outcome.article is not None and outcome.article.title == "L'été à Montréal"


# -- French encodings: right, wrong, none, BOM ------------------------------------------


ENCODINGS = {"utf-8": "utf-8", "utf-8-bom": "utf-8-sig", "latin-1": "latin-1",
             "cp1252": "cp1252"}
DECLARATIONS = ["right-header", "right-meta", "wrong-header", "wrong-meta", "none"]


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("declaration", DECLARATIONS)
def test_french_page_in_any_encoding_reads_without_mojibake(site, pool, encoding,
                                                           declaration) -> None:
    codec = ENCODINGS[encoding]
    label = "utf-8" if encoding.startswith("utf-8") else encoding
    wrong = "iso-8859-1" if label == "utf-8" else "utf-8"
    said = label if declaration.startswith("right") else wrong
    head = f"<meta charset='{said}'>" if declaration.endswith("meta") else ""
    if codec == "latin-1":  # no œ, no €, no typographic dash in latin-1
        body = SENTENCE.replace("œ", "oe") * 3 + "« Le réseau, ça se cultive » "
    else:
        body = SENTENCE * 3 + "« Le réseau, ça se cultive » — 20 € "
    data = page(body, head).encode(codec)
    content_type = f"text/html; charset={said}" if declaration.endswith("header") else "text/html"
    outcome, elapsed = read(site, pool, f"/enc-{encoding}-{declaration}.html", data,
                            content_type)
    assert outcome.article is not None, outcome.error
    text = outcome.article.title + outcome.article.text
    assert all(word in text.replace("oe", "œ") for word in WORDS), text[:200]
    assert not any(marker in text for marker in MOJIBAKE), text[:200]
    assert elapsed < LIMIT


def test_utf16_page_with_a_bom(site, pool) -> None:
    data = codecs.BOM_UTF16_LE + page().encode("utf-16-le")
    outcome, _ = read(site, pool, "/utf16.html", data)
    assert outcome.article is not None and "contrecœur" in outcome.article.text


# -- pathological sizes -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["many-paragraphs", "deep-nesting", "binary-as-html", "nul-bytes", "one-huge-line"],
)
def test_pathological_page_finishes_or_is_stopped_within_its_limit(site, pool, name) -> None:
    body = {
        "many-paragraphs": lambda: page("").replace(
            "<p></p>", "<p>un deux trois quatre cinq six sept</p>" * PARAGRAPHS, 1),
        "deep-nesting": lambda: page("<div>" * NESTING + SENTENCE * 3 + "</div>" * NESTING),
        "binary-as-html": lambda: bytes(range(256)).decode("latin-1") * 4000,
        "nul-bytes": lambda: "<html><body><p>" + "\x00" * 50_000 + SENTENCE + "</p>",
        "one-huge-line": lambda: page("mot" * 2_000_000),
    }[name]()
    data = body.encode("latin-1" if name == "binary-as-html" else "utf-8")
    outcome, elapsed = read(site, pool, f"/patho-{name}.html", data)
    assert elapsed < LIMIT + 3, f"{name} took {elapsed:.1f} s"
    if outcome.article is None:
        assert outcome.error and "\n" not in outcome.error and outcome.error.endswith(".")
    else:
        assert "\x00" not in outcome.article.text
    assert pool.extract(_small_job()).title  # the worker is still (or again) there


def _small_job():
    from lecteur.core.models import Job

    return Job("html", page(), "small.html")


WORKER_SCRIPT = """
from lecteur.core.errors import LecteurError
from lecteur.core.models import Job
from lecteur.core.workers.pool import ExtractorPool
if __name__ == "__main__":
    with ExtractorPool(size=1, timeout=30, memory_limit=400 * 1024**2) as pool:
        try:
            pool.extract(Job("html", "<p>" + "é" * 150_000_000 + "</p>", "big.html"))
        except LecteurError as error:
            print(error)
        print(pool.extract(Job("html", %r, "small.html")).title)
"""


def test_a_worker_never_writes_on_the_terminal(tmp_path) -> None:
    """A worker shares the reader's terminal (descriptor 2): what it would print there (here
    the MemoryError of a job too big to unpickle under its memory limit) is not printed;
    the job ends in one sentence and the next job is read by a new worker."""
    import subprocess
    import sys

    script = tmp_path / "workers.py"
    script.write_text(WORKER_SCRIPT % page(), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == ["big.html is too large or complex to read.",
                                        "Bâtir son réseau"]
    assert done.stderr == ""
