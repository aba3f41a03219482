"""``lecteur feeds ...`` from the shell: in this process (most cases) and as a real
process (exit statuses, plain progress lines when the output is not a terminal)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from feed_server import FeedServer, Route, feed_server, rss
from helpers import Ran, assert_one_sentence


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        yield running


def test_add_ls_rename_tag_rm(cli: Callable[..., Ran], server: FeedServer) -> None:
    url = server.add("/a.rss", Route(rss("Carnet", 3), etag='"1"'))
    added = cli("feeds", "add", url, "--tag", "Carrière")
    assert added.code == 0 and added.out == "added feed #1: Carnet (3 new items)\n"
    assert cli("feeds", "rename", "1", "Mon", "carnet").out == "feed #1: Mon carnet\n"
    assert cli("feeds", "tag", "1", "Réseau").out == "feed #1: tagged Réseau\n"
    listed = cli("feeds", "ls", "--json")
    (feed,) = json.loads(listed.out)
    assert (feed["title"], feed["tags"], feed["unread"], feed["url"]) == (
        "Mon carnet", ["Carrière", "Réseau"], 3, url)
    table = cli("feeds", "ls").out
    assert "Mon carnet" in table and "Carrière, Réseau" in table and url in table
    assert cli("feeds", "tag", "1", "Réseau", "--remove").code == 0
    assert cli("feeds", "rm", "1").out == "removed feed #1\n"
    gone = cli("feeds", "rm", "1")
    assert gone.code == 1
    assert_one_sentence(gone.err)



def test_fulltext_sets_whether_a_feeds_items_get_their_full_article(
        cli: Callable[..., Ran], server: FeedServer, house: Path) -> None:
    """off keeps the feed's own text (the article page is never asked for), on and auto
    fetch it for a feed of summaries; the setting shows in ls --json."""
    article = (Path(__file__).parent / "site" / "articles" / "fr-reseau.html").read_bytes()
    page = server.add("/articles/reseau.html", Route(article, "text/html; charset=utf-8"))
    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Résumés</title>'
            f"<item><title>Résumé</title><link>{page}</link><guid>s1</guid>"
            f"<description>Quelques mots.</description></item></channel></rss>").encode()
    feed = server.add("/summaries.rss", Route(body))
    assert cli("feeds", "add", feed, "--no-full-text").code == 0
    assert json.loads(cli("feeds", "ls", "--json").out)[0]["full_text"] is False
    other = server.add("/articles/autre.html", Route(article, "text/html; charset=utf-8"))
    server.routes["/summaries.rss"] = Route(  # a new item
        body.replace(b"s1", b"s2").replace(page.encode(), other.encode()))
    assert cli("feeds", "refresh").code == 0  # the setting holds for later refreshes
    assert server.hits["/articles/reseau.html"] == server.hits["/articles/autre.html"] == 0
    assert json.loads(cli("feeds", "ls", "--json").out)[0]["unread"] == 2
    # Turned on, the items already stored with the feed's text get their full article now;
    # turned on again, none is left to fetch.
    on = cli("feeds", "fulltext", "1", "on")
    lines = on.out.splitlines()
    assert on.code == 0 and lines[0] == ("feed #1: each item's full article is fetched (now "
                                         "for its newest items that still hold the feed's "
                                         "text)"), on.out
    assert lines[-1] == "2 of 2 full articles fetched", on.out
    assert server.hits["/articles/reseau.html"] == server.hits["/articles/autre.html"] == 1
    from lecteur.core.library.store import Library

    with Library(house / "library.sqlite3") as library:
        words = [row[0] for row in library.db.conn.execute("SELECT word_count FROM articles")]
    assert len(words) == 2 and min(words) > 100, words  # the pages' text, not the feed's
    again = cli("feeds", "fulltext", "1", "on")
    assert again.code == 0 and len(again.out.splitlines()) == 1
    assert server.hits["/articles/reseau.html"] == 1
    assert json.loads(cli("feeds", "ls", "--json").out)[0]["full_text"] is True
    assert cli("feeds", "fulltext", "1", "auto").code == 0
    assert json.loads(cli("feeds", "ls", "--json").out)[0]["full_text"] is None
    missing = cli("feeds", "fulltext", "9", "off")
    assert missing.code == 1
    assert_one_sentence(missing.err)
    assert cli("feeds", "fulltext", "1", "sometimes").code == 2

def test_the_feeds_commands_speak_french(cli: Callable[..., Ran], server: FeedServer) -> None:
    url = server.add("/a.rss", Route(rss("Carnet", 3), etag='"1"'))
    assert cli("--lang", "fr", "feeds", "ls").out.startswith("Aucun flux pour l’instant")
    added = cli("--lang", "fr", "feeds", "add", url, "--tag", "Carrière")
    assert added.code == 0 and added.out == "flux #1 ajouté : Carnet (3 nouveaux articles)\n"
    assert cli("--lang", "fr", "feeds", "tag", "1", "Réseau").out == (
        "flux #1 : étiquette Réseau ajoutée\n")
    table = cli("--lang", "fr", "feeds", "ls").out
    assert table.splitlines()[0].split()[:3] == ["id", "non", "lus"]
    refreshed = cli("--lang", "fr", "feeds", "refresh")
    assert refreshed.code == 0 and "[1/1] Carnet : inchangé" in refreshed.out
    assert "1 flux : 0 nouveaux articles ; 0 changé(s), 1 inchangé(s)" in refreshed.out
    missing = cli("--lang", "fr", "feeds", "rm", "9")
    assert missing.code == 1 and "Il n’y a pas de flux #9" in missing.err
    refused = cli("--lang", "fr", "feeds", "add", "file:///etc/passwd")
    assert refused.code == 1 and "Refusé" in refused.err
    helped = cli("--lang", "fr", "feeds", "refresh", "--help")
    assert "seulement ces flux" in helped.out and "options" in helped.out
    exported = cli("--lang", "fr", "feeds", "export").out
    assert "<title>Abonnements de lecteur</title>" in exported, exported[:300]


def test_add_refuses_other_schemes_in_one_sentence(cli: Callable[..., Ran]) -> None:
    for url in ("file:///etc/passwd", "javascript:alert(1)", "/etc/passwd"):
        done = cli("feeds", "add", url)
        assert done.code == 1 and "Refused" in done.err
        assert_one_sentence(done.err)


def test_refresh_prints_a_line_per_feed_and_errors_on_stderr(
        cli: Callable[..., Ran], server: FeedServer) -> None:
    good = server.add("/good.rss", Route(rss("Bon", 2), etag='"g"'))
    bad = server.add("/bad.rss", Route(b"<html><body>500</body></html>", "text/html",
                                       status=500))
    opml = (f'<?xml version="1.0"?><opml version="2.0"><body>'
            f'<outline type="rss" text="Bon" xmlUrl="{good}"/>'
            f'<outline type="rss" text="Mauvais" xmlUrl="{bad}"/></body></opml>')
    path = Path(os.environ["LECTEUR_HOME"]).parent / "subs.opml"
    path.write_text(opml, encoding="utf-8")
    assert cli("feeds", "import", str(path)).out.startswith("2 feeds added")
    first = cli("feeds", "refresh")
    assert first.code == 1
    assert "Bon: 2 new" in first.out and "2 feeds: 2 new items" in first.out
    assert "Mauvais" in first.err and "500" in first.err
    assert_one_sentence(first.err)
    server.routes["/bad.rss"] = Route(rss("Mauvais", 1, "https://bad.example"))
    second = cli("feeds", "refresh")
    assert second.code == 0 and "Bon: unchanged" in second.out and "Mauvais: 1 new" in second.out


def test_import_export_round_trip_through_files(cli: Callable[..., Ran], tmp_path: Path) -> None:
    assert cli("feeds", "import", "--starter").code == 0
    exported = cli("feeds", "export")
    target = tmp_path / "x.opml"
    target.write_text(exported.out, encoding="utf-8")
    other = tmp_path / "other"
    assert cli("--library", str(other), "feeds", "import", str(target)).code == 0
    again = cli("--library", str(other), "feeds", "export").out
    assert again.split("</head>")[1] == exported.out.split("</head>")[1]
    again_starter = cli("feeds", "import", "--starter")
    assert again_starter.out.startswith("0 feeds added, 11 already there")


def test_import_says_what_is_wrong_with_a_file(cli: Callable[..., Ran], tmp_path: Path) -> None:
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body>", encoding="utf-8")
    for args in (("feeds", "import", str(bad)), ("feeds", "import", str(tmp_path / "no.opml")),
                 ("feeds", "import"), ("feeds",)):
        done = cli(*args)
        assert done.code == 1, args
        assert_one_sentence(done.err)


def test_the_real_process_refreshes_with_plain_lines(server: FeedServer, house: Path) -> None:
    url = server.add("/p.rss", Route(rss("Processus", 2)))
    env = {**os.environ, "NO_COLOR": "1"}
    base = [sys.executable, "-m", "lecteur", "feeds"]
    added = subprocess.run([*base, "add", url], capture_output=True, text=True, env=env,
                           timeout=120, check=False)
    assert added.returncode == 0, added.stderr
    server.routes["/p.rss"] = Route(rss("Processus", 4))
    done = subprocess.run([*base, "refresh"], capture_output=True, text=True, env=env,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[1/1] Processus: 2 new",
                                        "1 feed: 2 new items; 1 changed, 0 unchanged, "
                                        "0 failed, 0 skipped."]
    assert "\x1b" not in done.stdout + done.stderr


def test_on_a_terminal_refresh_draws_a_progress_bar(server: FeedServer, house: Path) -> None:
    import pty
    import select

    url = server.add("/bar.rss", Route(rss("Barre", 2)))
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "TERM": "xterm"}
    base = [sys.executable, "-m", "lecteur", "feeds"]
    subprocess.run([*base, "add", url], capture_output=True, env=env, timeout=120, check=True)
    server.routes["/bar.rss"] = Route(rss("Barre", 3))
    master, slave = pty.openpty()
    process = subprocess.Popen([*base, "refresh"], stdout=subprocess.PIPE, stderr=slave,
                               stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    drawn = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    out = process.stdout.read().decode() if process.stdout else ""
    assert process.wait(timeout=60) == 0
    os.close(master)
    assert b"refreshing" in drawn and b"1/1" in drawn
    assert out == "1 feed: 1 new item; 1 changed, 0 unchanged, 0 failed, 0 skipped.\n"


def test_refresh_takes_items_nobody_kept_out_of_the_inbox_after_feed_age_days(
        cli: Callable[..., Ran], server: FeedServer, house: Path) -> None:
    """`lecteur feeds refresh` ages feed items out as the reader's r does (the setting in
    config.toml): out of the Inbox, still found by search."""
    from lecteur.core import paths
    from lecteur.core.library.store import Library

    url = server.add("/age.rss", Route(rss("Vieux", 2, prefix="https://example.org/vieux")))
    assert cli("feeds", "add", url).code == 0
    with Library(paths.dirs().library) as library:
        library.db.conn.execute("UPDATE articles SET added_at = '2020-01-01T00:00:00Z'")
    folder = paths.dirs().config
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text("feed_age_days = 10\n", encoding="utf-8")
    assert cli("feeds", "refresh").code == 0
    from lecteur.core.library.views import View

    with Library(paths.dirs().library) as library:
        assert library.views.count(View("inbox")) == 0
        assert library.articles.count() == 2
    assert "Vieux 1" in cli("search", "Vieux").out


def test_a_malformed_feeds_warning_names_the_feed_like_its_errors(
        cli: Callable[..., Ran], server: FeedServer) -> None:
    """Among a refresh's lines, each failure starts with the feed's title; the warning of
    a feed read despite bad XML did not, so a person could not tell which feed it was
    when the site's URL says little."""
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Bancal</title>'
            b"<item><title>Un</title><link>https://example.org/1</link>"
            b"<description>Texte <b>ouvert</description></item></channel>")
    url = server.add("/bent.rss", Route(body))
    assert cli("feeds", "add", url, "--no-full-text").code == 0
    server.routes["/bent.rss"] = Route(body.replace(b"Un<", b"Deux<"))
    ran = cli("feeds", "refresh")
    assert "lecteur: Bancal: " in ran.err and "not well-formed" in ran.err
