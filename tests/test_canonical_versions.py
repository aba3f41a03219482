"""A page cannot take over another saved article, and a save never loses the text read.

Issue 10, item 1: a page served from one site that declares ``<link rel="canonical">`` to
an article saved from another site used to be saved as that article (same id, the
attacker's text, the reader's notes now on it). A canonical link is trusted only on the
page's own registrable domain; and when a save does replace an article's text, the
earlier text is kept with the annotations made on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lecteur.core.extract.html import trusted_canonical
from lecteur.core.library.store import Library
from lecteur.core.models import Article, Block
from lecteur.core.text.domains import registrable_domain, same_site

TEXT = ("Le réseau se construit avant d'en avoir besoin, rappellent les spécialistes de la "
        "carrière, qui conseillent de rester curieux et patient avec chacun. ")
ATTACK = ("Achetez maintenant notre formation miracle, disent les escrocs qui promettent "
          "des emplois faciles et rapides à tous ceux qui paient d'avance. ")


def page(title: str, body: str, canonical: str | None = None) -> bytes:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f"<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>{link}"
            f"<title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{body * 3}</p><p>{body * 2}</p></article></body></html>").encode()


def library(house: Path) -> Library:
    return Library(house / "library.sqlite3")


# -- the canonical link ---------------------------------------------------------------


def test_an_attacker_page_declaring_the_victims_address_is_its_own_article(site, house, cli):
    victim = site.add("/victime.html", page("Bâtir son réseau", TEXT), "text/html")
    victim = victim.replace("127.0.0.1", "localhost")  # another site: localhost
    attacker = site.add("/attaque.html", page("Formation miracle", ATTACK, canonical=victim),
                        "text/html")
    assert cli("add", victim).code == 0
    with library(house) as lib:
        (entry,) = lib.articles.entries()
        lib.notes.add(entry.id, "Ma note sur le réseau", 0)
        lib.highlights.add(entry.id, 0, "surligné")
    ran = cli("add", attacker)
    assert ran.code == 0 and "added #" in ran.out  # a new article, not "updated #1"
    with library(house) as lib:
        assert lib.articles.count() == 2
        stored = lib.articles.get(entry.id)
        assert stored and stored.article.title == "Bâtir son réseau"
        assert "spécialistes" in stored.article.text and "escrocs" not in stored.article.text
        assert [n.text for n in lib.notes.of(entry.id)] == ["Ma note sur le réseau"]
        other = next(e for e in lib.articles.entries() if e.id != entry.id)
        assert other.url == attacker and other.title == "Formation miracle"
        assert lib.versions.of(entry.id) == []


def test_a_canonical_link_on_the_same_site_is_followed(site, house, cli):
    canonical = site.url("/le-vrai.html")
    served = site.add("/copie.html", page("Bâtir son réseau", TEXT, canonical=canonical),
                      "text/html")
    assert cli("add", served + "?utm_source=x").code == 0
    with library(house) as lib:
        (entry,) = lib.articles.entries()
        assert entry.url == canonical


@pytest.mark.parametrize(
    ("declared", "fetched", "trusted"),
    [
        ("https://www.lemonde.fr/a", "https://lemonde.fr/a?x=1", True),
        ("http://amp.lemonde.fr/a", "https://www.lemonde.fr/b", True),
        ("https://victim.example/a", "https://evil.example/a", False),
        ("https://bbc.co.uk/news/1", "https://evil.co.uk/news/1", False),
        ("https://www.bbc.co.uk/news/1", "https://m.bbc.co.uk/1", True),
        ("https://alice.github.io/post", "https://mallory.github.io/post", False),
        ("https://education.gouv.fr/a", "https://arnaque.gouv.fr/a", False),
        ("http://localhost:8000/a", "http://127.0.0.1:8000/a", False),
        ("javascript:alert(1)", "https://lemonde.fr/a", False),
        ("file:///etc/passwd", None, False),
        ("https://lemonde.fr/a", None, True),  # a local file says where it came from
    ],
)
def test_trusted_canonical(declared, fetched, trusted) -> None:
    assert (trusted_canonical(declared, fetched) == declared) is trusted


@pytest.mark.parametrize(
    ("host", "domain"),
    [("www.lemonde.fr", "lemonde.fr"), ("LeMonde.FR.", "lemonde.fr"),
     ("a.b.bbc.co.uk", "bbc.co.uk"), ("co.uk", "co.uk"), ("news.abc.net.au", "abc.net.au"),
     ("www.education.gouv.fr", "education.gouv.fr"), ("www.mtl.qc.ca", "mtl.qc.ca"),
     ("x.github.io", "x.github.io"), ("127.0.0.1", "127.0.0.1"), ("localhost", "localhost"),
     ("montréal.example.ca", "example.ca"), ("[::1]", "[::1]")],
)
def test_registrable_domain(host: str, domain: str) -> None:
    assert registrable_domain(host) == domain


def test_same_site_ignores_ports_and_refuses_what_is_not_a_url() -> None:
    assert same_site("https://lemonde.fr:8443/a", "http://www.lemonde.fr/b")
    assert not same_site("not a url", "https://lemonde.fr/")
    assert not same_site("https://[bad/", "https://lemonde.fr/")


# -- text versions ---------------------------------------------------------------------


def article(*texts: str, title: str = "Bâtir son réseau") -> Article:
    blocks = tuple(Block("quote", text[1:].strip()) if text.startswith(">")
                   else Block("paragraph", text) for text in texts)
    return Article(source="https://site.example/a", url="https://site.example/a", title=title,
                   blocks=blocks)


def test_saving_a_changed_text_keeps_the_earlier_one_and_its_annotations(tmp_path) -> None:
    with Library(tmp_path / "library.sqlite3") as lib:
        article_id, _ = lib.articles.add(article("Premier.", "Deuxième.", "> Une citation."))
        lib.highlights.add(article_id, 0, "Premier.")
        lib.highlights.add(article_id, 1, "Deuxième.")
        lib.notes.add(article_id, "Sur le deuxième", 1)
        lib.notes.add(article_id, "Sur tout l'article")
        (quote,) = lib.quotations.find()
        lib.quotations.keep(quote.id)

        same_id, new = lib.articles.add(article("Ajouté.", "Premier.", "Réécrit."))
        assert (same_id, new) == (article_id, False)
        assert lib.articles.kept_version is not None
        (version,) = lib.versions.of(article_id)
        assert (version.highlights, version.notes, version.quotes) == (1, 1, 1)
        earlier = lib.versions.get(version.id)
        assert earlier and [b.text for b in earlier.blocks] == [
            "Premier.", "Deuxième.", "Une citation."]
        # "Premier." is still there (now block 1): its highlight moved with it.
        assert [(h.block_index, h.text) for h in lib.highlights.of(article_id)] == [
            (1, "Premier.")]
        # The note on the rewritten block stays on the earlier text; the article's note stays.
        assert [n.text for n in lib.notes.of(article_id)] == ["Sur tout l'article"]
        # The kept quotation is not lost, though the new text no longer has it.
        assert [q.text for q in lib.quotations.find(kept_only=True)] == ["Une citation."]


def test_saving_the_same_text_again_keeps_no_version(tmp_path) -> None:
    with Library(tmp_path / "library.sqlite3") as lib:
        article_id, _ = lib.articles.add(article("Premier.", "Deuxième."))
        lib.highlights.add(article_id, 1, "Deuxième.")
        lib.articles.add(article("Premier.", "Deuxième."))
        assert lib.articles.kept_version is None and lib.versions.of(article_id) == []
        assert [h.block_index for h in lib.highlights.of(article_id)] == [1]


def test_removing_the_article_removes_its_versions(tmp_path) -> None:
    with Library(tmp_path / "library.sqlite3") as lib:
        article_id, _ = lib.articles.add(article("Premier."))
        lib.articles.add(article("Autre."))
        assert len(lib.versions.of(article_id)) == 1
        assert lib.articles.remove(article_id)
        count = lib.db.conn.execute("SELECT count(*) FROM text_versions").fetchone()[0]
        assert count == 0


def test_a_local_file_naming_a_saved_article_keeps_the_earlier_text(site, house, cli,
                                                                    tmp_path) -> None:
    victim = site.add("/victime-2.html", page("Bâtir son réseau", TEXT), "text/html")
    assert cli("add", victim).code == 0
    file = tmp_path / "page.html"
    file.write_bytes(page("Formation miracle", ATTACK, canonical=victim))
    ran = cli("add", str(file))
    assert ran.code == 0 and "the earlier text is kept" in ran.out
    with library(house) as lib:
        (entry,) = lib.articles.entries()
        (version,) = lib.versions.of(entry.id)
        earlier = lib.versions.get(version.id)
        assert earlier and "spécialistes" in earlier.text


def test_show_tells_of_earlier_texts_and_shows_them(house, cli) -> None:
    with library(house) as lib:
        article_id, _ = lib.articles.add(article("Le texte d'origine, lu et annoté."))
        lib.articles.add(article("Le texte remplacé par le site."))
    ran = cli("show", str(article_id))
    assert "remplacé" in ran.out and f"lecteur show {article_id} --earlier 1" in ran.out
    ran = cli("show", str(article_id), "--earlier", "1")
    assert ran.code == 0 and "d'origine" in ran.out and "remplacé" not in ran.out
    assert cli("show", str(article_id), "--earlier", "2").code != 0
