"""Bylines on real-shaped pages: every author, agencies whole, the visible byline's fuller
form, what is never the author, and the husk a byline leaves in the body (invented pages)."""

from __future__ import annotations

import json

import pytest

from lecteur.core.extract.authors.agency import agency_byline, agency_signoff
from lecteur.core.extract.authors.card import author_from_html, find_byline
from lecteur.core.extract.authors.names import clean_names
from lecteur.core.extract.html import extract_html
from lecteur.core.extract.husk import drop_byline_husks
from lecteur.core.models import Block

TEXT = ("Le réseau se construit avant d'en avoir besoin, rappellent les spécialistes de la "
        "carrière interrogés, qui conseillent de rester curieux et de donner de son temps.")


def page(head: str = "", body: str = "", after: str = "") -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body><article>"
            f"<h1>Bâtir son réseau</h1>{body}<p>{TEXT}</p><p>{TEXT}</p>{after}</article>"
            "</body></html>")


def ld(data: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def name(html: str, metadata: str | None = None, signoff: str | None = None) -> str | None:
    author = author_from_html(html, metadata, signoff=signoff)
    return author.name if author else None


@pytest.mark.parametrize(("line", "expected"), [
    ("Par Jeanne Roy", "Jeanne Roy"),
    ("By Jane Roe", "Jane Roe"),
    ("Un texte de Jeanne Roy", "Jeanne Roy"),
    ("Texte de Jeanne Roy", "Jeanne Roy"),
    ("Recueilli par Paul Martin", "Paul Martin"),
    ("Propos recueillis par Claire Dubois", "Claire Dubois"),
    ("Par Jeanne Roy et Paul Martin", "Jeanne Roy, Paul Martin"),
    ("By Jane Roe, John Doe and Sam Lee", "Jane Roe, John Doe, Sam Lee"),
    ("By Jane Roe & John Doe | March 3, 2024", "Jane Roe, John Doe"),
    ("Par AFP", "AFP"),
    ("Par Le Journal avec AFP", "Le Journal avec AFP"),
    ("By Reuters", "Reuters"),
    ("Author / Jane Roe", "Jane Roe"),
    ("par Jeanne Roy, journaliste", "Jeanne Roy"),
    ("By Jane Roe, Senior Correspondent, and John Doe", "Jane Roe"),
])
def test_find_byline_names_everyone(line: str, expected: str) -> None:
    assert find_byline(line) == expected


@pytest.mark.parametrize("line", [
    "Photo par Jean Roy", "Par exemple, Jeanne Roy", "Le texte de loi par Jean Roy",
    "Par Admin", "By Googletag Cmd Push",
])
def test_find_byline_rejects(line: str) -> None:
    assert find_byline(line) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("AFP", "AFP"), ("AFP et Reuters", "AFP et Reuters"), ("AP", "AP"),
    ("Le Monde.fr avec AFP", "Le Monde.fr avec AFP"), ("Le Figaro et AFP", "Le Figaro et AFP"),
    ("La Gazette avec AFP", "La Gazette avec AFP"),
    ("Jeanne Roy", None), ("ap", None), ("les amis de AFP et de tout le monde", None),
])
def test_agency_byline(text: str, expected: str | None) -> None:
    assert agency_byline(text) == expected


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("Le texte se termine ici. (AFP)", "AFP"), ("Fin de l'article. (ats/xy)", "ats"),
    ("AFP", "AFP"), ("Une phrase comme une autre (voir plus haut)", None),
])
def test_agency_signoff(paragraph: str, expected: str | None) -> None:
    assert agency_signoff(paragraph) == expected


def test_names_with_a_loose_comma_between_tags() -> None:
    assert clean_names("Par Jeanne Roy , Paul Martin") == ["Jeanne Roy", "Paul Martin"]


@pytest.mark.parametrize("body", [
    "<p class='byline'>Par <a>Jeanne Roy</a> et <a>Paul Martin</a></p>",
    "<div>Par <span itemprop='author'><a>Jeanne Roy</a></span> , "
    "<span itemprop='author'><a>Paul Martin</a></span></div>",
    "<address class='authorsign'><span>Jeanne Roy et Paul Martin</span></address>",
    "<aside><address><a rel='author' href='/jr'>Jeanne Roy</a> and "
    "<a rel='author' href='/pm'>Paul Martin</a></address></aside>",
])
def test_every_author_of_a_multi_author_piece(body: str) -> None:
    assert name(page(body=body)) == "Jeanne Roy, Paul Martin"


def test_json_ld_lists_every_author() -> None:
    head = ld({"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Jeanne Roy"},
                                                   {"@type": "Person", "name": "Paul Martin"}]})
    assert name(page(head=head)) == "Jeanne Roy, Paul Martin"


def test_visible_agency_byline_is_fuller_than_the_metadata() -> None:
    head = ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "Le Journal"}})
    body = "<p class='bloc_signature'><span>Le Journal.fr avec AFP</span> | 5 juillet 2011</p>"
    assert name(page(head=head, body=body)) == "Le Journal.fr avec AFP"


def test_an_agency_organization_writes_a_publisher_does_not() -> None:
    agency = ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "AFP"}})
    house = ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Le Journal"}})
    assert name(page(head=agency)) == "AFP"
    assert name(page(head=house)) is None


def test_a_signoff_outvotes_a_teaser_read_by_the_metadata() -> None:
    assert name(page(), metadata="Paul Martin", signoff="AFP") == "AFP"


def test_a_pen_name_marked_as_the_author() -> None:
    body = ("<span itemprop='author'><a rel='author' href='/author/lecollectif'>lecollectif"
            "</a></span>")
    assert name(page(body=body)) == "lecollectif"
    assert name(page(body="<span class='author'>admin</span>")) is None


@pytest.mark.parametrize("after", [
    "<aside class='related'><p class='byline'>Par Paul Martin</p></aside>",  # teaser
    "<blockquote><p>Il faut donner.</p><p class='author'>Paul Martin</p></blockquote>",
    "<div class='ad-slot author'><script>googletag.cmd.push(function(){})</script></div>",
    "<p class='byline'>Opinion</p>",  # a section label
])
def test_never_the_author(after: str) -> None:
    assert name(page(body="<p class='byline'>Par Jeanne Roy</p>", after=after)) == "Jeanne Roy"


def test_ad_slot_metadata_is_no_name() -> None:
    assert name(page(), metadata="Googletag Cmd Push Dfp Ad Pg") is None


@pytest.mark.parametrize(("text", "kept"), [
    ("Par Jeanne Roy — Publié le 3 mars 2024 à 8 h", ""),
    ("Par — Publié le 3 mars 2024", ""),
    ("Posted on March 3, 2024 by Jeanne Roy", ""),
    ("Mis à jour le 29/10/2012 à 14h03", ""),
    ("3 mars 2024\nPar Jeanne Roy\nChronique emploi", "Chronique emploi"),
    ("Par exemple, Jeanne Roy donne.", "Par exemple, Jeanne Roy donne."),
    ("Par Paul Martin", "Par Paul Martin"),  # not the card's author: kept
])
def test_byline_husk_leaves_the_body(text: str, kept: str) -> None:
    blocks = [Block("paragraph", text), *[Block("paragraph", TEXT)] * 8]
    left = drop_byline_husks(blocks, ["Jeanne Roy"])
    assert (left[0].text if left[0].text != TEXT else "") == kept


def test_byline_husk_in_a_whole_page() -> None:
    article = extract_html(page(body="<p>Par <a href='/jr'>Jeanne Roy</a> — Publié le 3 mars "
                                     "2024</p>", head="<meta name='author' content='Jeanne Roy'>"),
                           "page.html")
    assert article.author and article.author.name == "Jeanne Roy"
    assert "Publié" not in article.text
