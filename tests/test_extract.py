"""Extraction: blocks and metadata from HTML and text, and no hang or crash on hostile pages."""

from __future__ import annotations

import time

import pytest

from lecteur.core.extract.html import ExtractError, extract_html, extract_text
from lecteur.core.models import Job
from lecteur.core.text.dates import find_date
from lecteur.core.text.language import detect_language
from lecteur.core.workers.pool import ExtractorPool

PARAGRAPH = ("Le réseau se construit avant d'en avoir besoin, rappellent les spécialistes de "
             "la carrière interrogés pour cet article, qui conseillent de rester curieux.")
PAGE = f"""<!doctype html><html lang="fr-CA"><head><meta charset="utf-8">
<title>Bâtir son réseau | Carrières</title>
<meta name="author" content="Jeanne Roy"></head><body>
<nav><a href="/">Accueil</a> <a href="/carriere">Carrière</a></nav>
<article><h1>Bâtir son réseau</h1>
<p>{PARAGRAPH} Voir <a href="https://example.org/guide">le guide</a>.</p>
<h2>Commencer petit</h2>
<p>Comme le dit la consultante Marie Tremblay dans une entrevue:</p>
<blockquote><p>Le réseau, ça se cultive. Il faut donner avant de recevoir.</p></blockquote>
<ul><li>Écrire à un ancien collègue</li><li>Présenter deux contacts</li></ul>
<pre><code>bonjour = "salut"</code></pre>
<p>{PARAGRAPH}</p>
</article></body></html>"""


def test_html_blocks_in_document_order() -> None:
    article = extract_html(PAGE, "page.html", "https://example.org/a")
    kinds = [b.kind for b in article.blocks]
    assert kinds == ["paragraph", "heading", "paragraph", "quote", "list", "code", "paragraph"]
    assert article.title == "Bâtir son réseau"
    assert article.language == "fr"
    assert article.author and article.author.name == "Jeanne Roy"
    assert article.blocks[3].text == "Le réseau, ça se cultive. Il faut donner avant de recevoir."
    assert article.blocks[4].text == "Écrire à un ancien collègue\nPrésenter deux contacts"
    assert article.links == ("https://example.org/guide",)
    assert "Accueil" not in article.text
    assert article.url == "https://example.org/a"


def test_page_without_an_article_is_a_sentence() -> None:
    with pytest.raises(ExtractError, match=r"does not look like an article|No article"):
        extract_html("<html><body><form><input></form></body></html>", "login.html")


def test_text_path_title_date_byline_junk_headings() -> None:
    text = ("Menu\nAccueil > Carrière\n\n# Cinq minutes par jour\n\nle 3 février 2024\n\n"
            "Par Jeanne Roy\n\n" + PARAGRAPH + "\n\nCommencer petit\n\n- un\n- deux\n\n"
            "> Il faut donner avant de recevoir.\n\n" + PARAGRAPH.replace("curieux", "patients")
            + "\n\nÀ propos de l'auteure\nJeanne Roy écrit sur le travail.\n\nPartager\n"
            "Retour en haut de la page\n")
    article = extract_text(text, "a.txt")
    assert article.title == "Cinq minutes par jour"
    assert article.date == "2024-02-03"
    assert article.author and article.author.name == "Jeanne Roy"
    assert article.author.bio == "Jeanne Roy écrit sur le travail."
    assert [b.kind for b in article.blocks] == ["paragraph", "heading", "list", "quote",
                                                "paragraph"]
    assert "Partager" not in article.text and "Menu" not in article.text


@pytest.mark.parametrize(
    ("text", "iso"),
    [("Publié le 15 mars 2017 à 8 h", "2017-03-15"), ("le 1er mai 2020", "2020-05-01"),
     ("le 3 février 2024", "2024-02-03"), ("March 15, 2017", "2017-03-15"),
     ("15 March 2017", "2017-03-15"), ("Posted 2017-03-15", "2017-03-15"),
     ("le 31 février 2024", None), ("rien ici", None), ("3 décembre 2023", "2023-12-03")],
)
def test_dates_in_french_and_english(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_language_detection() -> None:
    assert detect_language("Le réseau est une affaire de patience et de curiosité pour les "
                           "gens qui sont dans la vie active.") == "fr"
    assert detect_language("The network is a matter of patience and of curiosity for the people "
                           "that are working.") == "en"
    assert detect_language("anything", declared="en-GB") == "en"
    assert detect_language("") is None


# --- hostile and enormous pages, in the real worker processes -------------------------


@pytest.fixture(scope="module")
def pool():
    with ExtractorPool(size=1, timeout=3.0, memory_limit=1024**3) as workers:
        yield workers


def test_slow_page_is_stopped_and_the_pool_recovers(pool: ExtractorPool) -> None:
    huge = "<html><body>" + "<p>un deux trois quatre cinq six sept</p>" * 200_000 + "</body></html>"
    started = time.monotonic()
    with pytest.raises(ExtractError, match="took too long"):
        pool.extract(Job("html", huge, "huge.html"))
    assert time.monotonic() - started < 6
    assert pool.extract(Job("html", PAGE, "page.html")).title == "Bâtir son réseau"


@pytest.mark.parametrize(
    "hostile",
    [
        "<div>" * 20_000 + PARAGRAPH + "</div>" * 20_000,
        "<html><body><p>" + PARAGRAPH + "&#27;[2J" + "</p></body></html>",
        "<table>" + "<tr><td>a</td><td>b</td></tr>" * 100_000 + "</table>",
        "%PDF-1.4\n" + "\x00\x01binary" * 1000,
        "<p>\ud800 surrogate " + PARAGRAPH + "</p>",
        "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 "
        "'&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]><html><body><p>&lol2;"
        + PARAGRAPH + "</p></body></html>",
    ],
    ids=["deep-nesting", "escape-entity", "big-table", "pdf-bytes", "surrogate", "entities"],
)
def test_hostile_pages_end_in_an_article_or_a_sentence(pool: ExtractorPool, hostile: str) -> None:
    started = time.monotonic()
    try:
        article = pool.extract(Job("html", hostile, "hostile.html"))
    except ExtractError as error:
        assert "\n" not in str(error) and str(error).endswith(".")
    else:
        assert "\x1b" not in article.text and "\ud800" not in article.text
    assert time.monotonic() - started < 8


def test_memory_limit_is_a_sentence_not_a_crash() -> None:
    with ExtractorPool(size=1, timeout=20.0, memory_limit=200 * 1024**2) as small:
        big = "<html><body>" + ("<p>" + PARAGRAPH * 5 + "</p>") * 20_000 + "</body></html>"
        with pytest.raises(ExtractError):
            small.extract(Job("html", big, "big.html"))
        assert small.extract(Job("text", PARAGRAPH * 3, "a.txt")).word_count > 10


def test_workers_never_fork_the_reader_process() -> None:
    """Workers come from a fresh fork server (or spawn), never a fork of a process that may
    hold an SQLite connection; the server is warmed with trafilatura once."""
    from multiprocessing import forkserver

    from lecteur.core.workers.pool import worker_context

    context = worker_context()
    assert context.get_start_method() in ("forkserver", "spawn")
    if context.get_start_method() == "forkserver":
        assert "lecteur.core.workers.warmup" in forkserver._forkserver._preload_modules


FEEDS_FIRST = """
import sys
from multiprocessing import forkserver
from lecteur.core.models import FeedJob, Job
from lecteur.core.workers.pool import ExtractorPool, worker_context

with ExtractorPool(size=1, timeout=30, warm_for="feeds") as pool:
    feed = pool.parse_feed(FeedJob("https://example.org/feed", (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item>'
        b"<title>Un</title><link>https://example.org/1</link></item>"
        b"</channel></rss>"), "application/rss+xml"))
    article = pool.extract(Job("text", sys.argv[1], "a.txt"))
    preload = (forkserver._forkserver._preload_modules
               if worker_context("feeds").get_start_method() == "forkserver" else None)
print([item.title for item in feed.items], article.word_count > 10, preload)
"""


def test_a_pool_warmed_for_feeds_parses_feeds_then_extracts_articles_too() -> None:
    """A refresh's pool starts its fork server with the feeds' warm-up (no trafilatura):
    its workers parse feeds, then extract an article all the same (importing it then).
    In a process of its own: the fork server is the process's one."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", FEEDS_FIRST, PARAGRAPH * 3],
                          capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split("\n")[0] in (
        "['Un'] True ['lecteur.core.workers.warmup_feeds']", "['Un'] True None")
