"""OPML: the round trip is lossless, folders (nested too) become tags, and a malformed or
hostile list is one sentence that reads no local file and expands no entity."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lecteur.core.errors import FeedError
from lecteur.core.io.opml import OpmlFeed, read_opml, write_opml
from lecteur.core.library.store import Library
from lecteur.core.subscriptions import export_opml, import_opml, starter_opml


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib.sqlite3") as lib:
        yield lib


def _snapshot(library: Library) -> list[tuple[str, str, str | None, tuple[str, ...],
                                              bool | None]]:
    return sorted((f.url, f.title, f.site_url, f.tags, f.full_text)
                  for f in library.feeds.all())


def test_export_then_import_is_lossless(library: Library, tmp_path: Path) -> None:
    library.feeds.add("https://a.example/feed", "Réseau & carrière <1>", "https://a.example/",
                      tags=["Carrière", "Français"])
    library.feeds.add("https://b.example/rss?x=1&y=2", "“Quotes” 'and' ampersands &")
    library.feeds.add("https://c.example/atom", "", tags=["English"])
    # `lecteur feeds fulltext ID off|on` is part of a subscription too
    library.feeds.set_full_text(1, False)
    library.feeds.set_full_text(3, True)
    exported = export_opml(library)
    with Library(tmp_path / "other" / "library.sqlite3") as other:
        results = import_opml(other, exported.encode())
        assert all(r.new and r.error is None for r in results)
        assert _snapshot(other) == _snapshot(library)
        assert export_opml(other).split("</head>")[1] == exported.split("</head>")[1]


def test_nested_folders_become_tags_and_a_feed_in_two_folders_is_one_feed() -> None:
    opml = b"""<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>
      <outline text="Carri\xc3\xa8re"><outline text="Fran\xc3\xa7ais">
        <outline type="rss" text="Le Monde" xmlUrl="https://lemonde.example/rss"/>
      </outline></outline>
      <outline title="Favoris"><outline type="rss" text="Le Monde" xmlUrl="https://lemonde.example/rss"/></outline>
      <outline type="rss" text="Sans dossier" xmlUrl="https://other.example/rss" htmlUrl="https://other.example/"/>
    </body></opml>"""
    feeds = {f.url: f for f in read_opml(opml)}
    assert feeds["https://lemonde.example/rss"].tags == ("Carrière", "Français", "Favoris")
    assert feeds["https://other.example/rss"] == OpmlFeed(
        "https://other.example/rss", "Sans dossier", "https://other.example/", ())


@pytest.mark.parametrize(("data", "says"), [
    (b"<opml><body><outline text='x'", "not well-formed"),
    (b"<html><body>Not OPML</body></html>", "not an OPML list"),
    (b"<opml version='2.0'><head/></opml>", "without a <body>"),
    (b"", "not well-formed"),
    (b"\xff\xfe\x00garbage", "not well-formed"),
])
def test_malformed_opml_is_one_sentence(data: bytes, says: str) -> None:
    with pytest.raises(FeedError, match=says) as caught:
        read_opml(data, "subs.opml")
    assert str(caught.value).startswith("subs.opml ") and str(caught.value).endswith(".")


def test_entities_in_opml_are_refused_and_never_read_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("MARQUEUR-SECRET", encoding="utf-8")
    hostile = [
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        '<opml><body><outline text="&x;" xmlUrl="https://a.example/&x;"/></body></opml>',
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;'
        '&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        '<opml><body><outline text="&c;" xmlUrl="https://a.example/"/></body></opml>',
    ]
    for document in hostile:
        with pytest.raises(FeedError, match="entities") as caught:
            read_opml(document.encode())
        assert "MARQUEUR" not in str(caught.value)


def test_write_opml_is_opml_2_with_tags_as_folders() -> None:
    text = write_opml([OpmlFeed("https://a.example/feed", "A", None, ("T",))])
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert '<outline text="T" title="T">' in text and 'xmlUrl="https://a.example/feed"' in text


def test_the_starter_pack_is_a_dozen_public_feeds_in_french_and_english() -> None:
    feeds = read_opml(starter_opml())
    assert 10 <= len(feeds) <= 14
    assert all(f.url.startswith("https://") and f.title and f.tags for f in feeds)
    assert {"Careers", "Carrière"} <= {tag for f in feeds for tag in f.tags}


def test_newsboats_urls_file_imports_with_its_tags_and_titles(library: Library) -> None:
    """A newsboat user's list is ``~/.newsboat/urls`` (a URL a line, then its tags, a
    ``"~title"``, ``!`` to hide it): ``lecteur feeds import urls`` said "not well-formed
    XML". Its feeds are imported as an OPML list's are, exec: and query: lines refused."""
    urls = ("# mes flux\n"
            "https://a.example/feed carrière \"deux mots\" \"~Mon titre\"\n"
            "\n"
            "https://b.example/rss#flux ! veille\n"
            "\"query:Non lus:unread = \\\"yes\\\"\"\n"
            "exec:~/bin/flux.sh\n").encode()
    results = import_opml(library, urls, "urls")
    assert [(r.url, r.error is None) for r in results] == [
        ("https://a.example/feed", True), ("https://b.example/rss#flux", True),
        ("query:Non lus:unread = \"yes\"", False), ("exec:~/bin/flux.sh", False)]
    assert [(f.url, f.title, f.tags) for f in library.feeds.all()] == [
        ("https://b.example/rss#flux", "", ("veille",)),
        ("https://a.example/feed", "Mon titre", ("carrière", "deux mots"))]
