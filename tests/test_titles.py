"""Titles without the site's name, the author, a section or a logo heading (invented pages)."""

from __future__ import annotations

import pytest

from lecteur.core.extract.html import extract_html
from lecteur.core.extract.titles import clean_title, html_title

SITE = ("Le Carnet", "lecarnet.example", None, "Jeanne Roy")


@pytest.mark.parametrize(
    ("found", "page_title", "headings", "expected"),
    [
        # the site's name after a separator, in any spelling of it
        ("Bâtir son réseau - Le Carnet", "", [], "Bâtir son réseau"),
        ("Bâtir son réseau | LeCarnet", "", [], "Bâtir son réseau"),
        ("Bâtir son réseau | lecarnet.example", "", [], "Bâtir son réseau"),
        ("Bâtir son réseau | Le Carnet.fr", "", [], "Bâtir son réseau"),
        # before the title
        ("Le Carnet | Bâtir son réseau", "", [], "Bâtir son réseau"),
        # the site and its section
        ("Bâtir son réseau | Le Carnet Emploi", "", [], "Bâtir son réseau"),
        ("Bâtir son réseau | Carrière | Le Carnet", "", [], "Bâtir son réseau"),
        # the author's name
        ("Bâtir son réseau | Jeanne Roy", "", [], "Bâtir son réseau"),
        # a dash inside the title stays
        ("Paris-8 : un réseau - Le Carnet", "", [], "Paris-8 : un réseau"),
        ("Networking — and why it works - Le Carnet", "", [],
         "Networking — and why it works"),
        # a heading of the page repeats the leading part: that part is the title
        ("Bâtir son réseau - Un autre site", "", ["Bâtir son réseau"], "Bâtir son réseau"),
        ("Bâtir son réseau", "", ["Menu"], "Bâtir son réseau"),
        ("Mon Carnet - Bâtir son réseau", "", ["Mon Carnet"], "Mon Carnet - Bâtir son réseau"),
        # a logo heading, or the site alone: the <title>'s other part
        ("Le Carnet", "Bâtir son réseau ~ Le Carnet", [], "Bâtir son réseau"),
        ("Blog", "Bâtir son réseau ~ Blog", [], "Bâtir son réseau"),
        # nothing to strip
        ("Analysis: what works", "", [], "Analysis: what works"),
        # a <title> that goes on after the <h1>: the h1 is the headline (issue 10, item 6)
        ("L'été à Montréal", "L'été à Montréal : œuvres et « guillemets »",
         ["L'été à Montréal"], "L'été à Montréal"),
        ("Bâtir son réseau", "Bâtir son réseau - trois conseils pour les timides",
         ["Bâtir son réseau"], "Bâtir son réseau"),
    ],
)
def test_clean_title(found: str, page_title: str, headings: list[str], expected: str) -> None:
    assert clean_title(found, page_title, SITE, headings) == expected


def test_html_title_decodes_entities() -> None:
    assert html_title("<head><title>A &amp; B</title></head>") == "A & B"
    assert html_title("<p>none</p>") == ""


def test_page_title_loses_the_site_suffix_and_the_heading_is_shown_once() -> None:
    paragraph = ("Le réseau se construit avant d'en avoir besoin, rappellent les spécialistes "
                 "de la carrière, qui conseillent de rester curieux et patient.")
    page = ("<html><head><title>Bâtir son réseau | Le Carnet</title>"
            '<meta property="og:site_name" content="Le Carnet"></head><body><article>'
            f"<h1>Bâtir son réseau</h1><p>{paragraph}</p><p>{paragraph}</p></article>"
            "</body></html>")
    article = extract_html(page, "page.html")
    assert article.title == "Bâtir son réseau"
    assert article.blocks[0].kind == "paragraph"


def test_a_title_that_extends_the_h1_keeps_the_headline() -> None:
    paragraph = ("Le soleil brille sur la ville et les gens sortent dans les parcs pour "
                 "profiter de la chaleur, disent les habitants du quartier. ")
    page = ("<html lang='fr'><head><meta charset='utf-8'>"
            "<title>L'été à Montréal : œuvres et « guillemets »</title></head><body><article>"
            f"<h1>L'été à Montréal</h1><p>{paragraph * 3}</p><p>{paragraph * 2}</p>"
            "</article></body></html>")
    assert extract_html(page, "page.html").title == "L'été à Montréal"
