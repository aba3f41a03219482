"""The walk of trafilatura's body tree: wrappers, loose text, comments, tables, lists, links.

The trees below have the shapes trafilatura gives on real pages (its XML elements: ``p``,
``head``, ``list``/``item``, ``table``/``row``/``cell``, ``ref``, ``lb``, and the ``div``
or ``cell`` it keeps when a page wraps its article in one); each is small and invented.
"""

from __future__ import annotations

import pytest
from lxml import etree

from lecteur.core.extract.body import body_blocks
from lecteur.core.extract.html import _element_text, extract_html

SENTENCE = ("Le réseau se construit avant d'en avoir besoin, rappellent les spécialistes de "
            "la carrière, qui conseillent de rester curieux et patient.")


def walk(xml: str) -> list[tuple[str, str]]:
    """(kind, text) of each block of a body given as trafilatura-like XML."""
    return [(b.kind, b.text) for b in body_blocks(etree.fromstring(xml), _element_text)]


@pytest.mark.parametrize("wrapper", ["div", "cell", "row", "section", "unknown"])
def test_a_wrapper_at_the_top_is_walked(wrapper: str) -> None:
    xml = f"<body><{wrapper}><head>Titre</head><p>Un.</p><p>Deux.</p></{wrapper}></body>"
    assert walk(xml) == [("heading", "Titre"), ("paragraph", "Un."), ("paragraph", "Deux.")]


def test_wrappers_inside_wrappers_and_loose_text() -> None:
    xml = ("<body><div>Texte libre <hi>en gras</hi> et <ref target='x'>lien</ref>.<lb/>Suite"
           "<div><p>Dedans.</p></div>Après.</div></body>")
    assert walk(xml) == [("paragraph", "Texte libre en gras et lien.\nSuite"),
                         ("paragraph", "Dedans."), ("paragraph", "Après.")]


def test_comments_and_processing_instructions_give_only_their_tails() -> None:
    xml = ("<body><!-- pub --><p>Avant <!-- x -->après<?php echo 1 ?> fin.</p>"
           "<?pi y?><quote><p>Citation.</p></quote><!-- z -->Queue.</body>")
    assert walk(xml) == [("paragraph", "Avant après fin."), ("quote", "Citation."),
                         ("paragraph", "Queue.")]


def test_inline_elements_keep_their_order() -> None:
    xml = "<body><p>a <hi>b <ref>c</ref> d</hi> e</p></body>"
    assert walk(xml) == [("paragraph", "a b c d e")]


def test_a_data_table_is_one_paragraph_a_row_a_line() -> None:
    xml = ("<body><table><row><cell>Nom</cell><cell>Âge</cell></row>"
           "<row><cell><p>Jeanne</p></cell><cell>41</cell></row></table></body>")
    assert walk(xml) == [("paragraph", "Nom | Âge\nJeanne | 41")]


def test_a_layout_table_is_walked_like_a_wrapper() -> None:
    xml = ("<body><table><row><cell><head>Titre</head><p>Un.</p><p>Deux.</p></cell>"
           "<cell><table><row><cell>x</cell></row></table></cell></row></table></body>")
    assert walk(xml) == [("heading", "Titre"), ("paragraph", "Un."), ("paragraph", "Deux."),
                         ("paragraph", "x")]


def test_a_code_listing_loses_its_line_numbers() -> None:
    xml = ("<body><table><row><cell><quote>1\n2\n</quote></cell><cell><code>a = 1\nb = 2"
           "</code></cell></row></table></body>")
    assert walk(xml) == [("code", "a = 1\nb = 2")]


def test_nested_lists_give_each_item_once() -> None:
    xml = ("<body><list><item>Un<list><item>Un a</item><item>Un b</item></list> suite</item>"
           "<item>Deux</item></list></body>")
    assert walk(xml) == [("list", "Un suite\nUn a\nUn b\nDeux")]


def test_navigation_links_at_the_edges_are_left_out() -> None:
    xml = ("<body><p><ref target='/list'>Retour à la liste</ref></p><head>Titre</head>"
           f"<p>{SENTENCE} <ref target='/a'>Un lien</ref> dans le texte.</p>"
           "<p><ref target='/b'>Lien au milieu</ref></p><p>Fin du texte.</p>"
           "<head><ref target='/c'>Un autre article</ref></head><p>3 mars 2024</p>"
           "<p><ref target='#top'>Haut de page</ref></p></body>")
    assert [text for _, text in walk(xml)] == [
        "Titre", f"{SENTENCE} Un lien dans le texte.", "Lien au milieu", "Fin du texte."]


def test_a_heading_that_is_a_link_opens_the_body() -> None:
    xml = f"<body><head><ref target='/a'>Le titre</ref></head><p>{SENTENCE}</p></body>"
    assert walk(xml)[0] == ("heading", "Le titre")


def test_a_body_of_links_only_is_kept_rather_than_emptied() -> None:
    assert walk("<body><p><ref target='/a'>Seul lien</ref></p></body>") == [
        ("paragraph", "Seul lien")]


def test_very_deep_nesting_degrades_to_a_paragraph() -> None:
    xml = "<body>" + "<div>" * 200 + "<p>Au fond.</p>" + "</div>" * 200 + "</body>"
    assert walk(xml) == [("paragraph", "Au fond.")]


def test_a_comment_beside_a_blockquote_does_not_refuse_the_page() -> None:
    page = (f"<html><body><article><h1>Titre</h1><p>{SENTENCE}</p><!-- encart -->"
            "<blockquote><p>Il faut donner avant de recevoir, toujours.</p></blockquote>"
            f"<?php echo 1 ?><p>{SENTENCE}</p></article></body></html>")
    article = extract_html(page, "page.html")
    assert [b.kind for b in article.blocks] == ["paragraph", "quote", "paragraph"]


def test_a_short_post_of_sentences_is_an_article() -> None:
    page = ("<html><body><article><p>Qui glisse le premier sur la glace ? Moi, je parie que "
            "c'est toi. Gagné !</p></article></body></html>")
    assert "glace" in extract_html(page, "court.html").text


def test_soft_hyphens_leave_the_text() -> None:
    page = f"<html><body><article><p>{SENTENCE} Ent\u00adde\u00adckung.</p></article></body></html>"
    assert "Entdeckung." in extract_html(page, "page.html").text
