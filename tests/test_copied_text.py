"""Pages copied out of a browser as plain text, and the language a page really is in."""

from __future__ import annotations

import pytest

from lecteur.core.extract.furniture import is_end_marker, is_rating_widget
from lecteur.core.extract.html import extract_html, extract_text
from lecteur.core.extract.husk import is_date_line
from lecteur.core.text.language import detect_language

LEAD = ("Le réseau se construit avant d'en avoir besoin, rappellent les spécialistes de la "
        "carrière, qui conseillent de rester curieux.")
BODY = ("Écrire à un ancien collègue chaque semaine, sans rien demander en retour, suffit "
        "souvent à changer le cours d'une recherche d'emploi.")
FR = (LEAD + " Il faut donner avant de recevoir, et les gens qui sont dans la vie active le "
      "savent : ce sont les liens faibles qui comptent le plus pour trouver un emploi dans une "
      "entreprise, pas les amis de toujours. ") * 2
EN = ("The network is built before you need it, say the career experts we spoke to. You have "
      "to give before you can receive, and the people who are in the working world know it: "
      "it is the weak ties that count the most for finding a job in a company. ") * 2


def copied(first_line: str) -> str:
    return (f"{first_line}\n\nBâtir son réseau\n\n{LEAD}\n\n15 mars 2017\n\n{BODY}\n\n"
            f"Commencer petit\n\n{BODY.replace('semaine', 'mois')}\n\n"
            "Thanks for reading! Share this post with a friend who is looking for work, and "
            "subscribe to get the next one.\n\nSubscribe\n")


@pytest.mark.parametrize("first_line", [
    f"Bâtir son réseau {LEAD} Reviewed by Jeanne Roy on . Jeanne Roy Rating: 0",
    f"Bâtir son réseau {LEAD[:80]}",
    "Bâtir son réseau Évalué par Jeanne Roy le . Note : 5",
])
def test_widget_first_line_is_junk_and_the_title_is_the_heading(first_line: str) -> None:
    article = extract_text(copied(first_line), "copie.txt")
    assert article.title == "Bâtir son réseau"
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph", "heading", "paragraph"]
    assert "Reviewed" not in article.text and "Rating" not in article.text
    assert "Note" not in article.text


def test_a_date_alone_after_the_lead_is_the_date_not_a_heading() -> None:
    article = extract_text(copied("Accueil > Carrière"), "copie.txt")
    assert article.date == "2017-03-15"
    assert "15 mars 2017" not in article.text
    assert all(b.text != "15 mars 2017" for b in article.blocks)


def test_thanks_for_reading_footer_goes() -> None:
    article = extract_text(copied("Accueil > Carrière"), "copie.txt")
    assert "Thanks for reading" not in article.text and "Subscribe" not in article.text


def test_a_first_paragraph_that_only_starts_like_a_heading_is_kept() -> None:
    text = f"Le réseau compte {LEAD}\n\nLe réseau compte\n\n{BODY}\n"
    assert "Le réseau compte Le réseau" in extract_text(text, "a.txt").text


@pytest.mark.parametrize(("line", "expected"), [
    ("Thanks for reading! Share this post", True), ("Thank you for reading.", True),
    ("Merci de m'avoir lu !", True), ("Merci pour votre lecture.", True),
    ("Thanks to my readers for the ideas in this piece.", False),
])
def test_thanks_footer(line: str, expected: bool) -> None:
    assert is_end_marker(line) is expected


@pytest.mark.parametrize(("line", "expected"), [
    ("Titre Un résumé Reviewed by Jane Roe on . Jane Roe Rating: 0", True),
    ("Rating: 4.5", True), ("The rating agencies were wrong.", False),
])
def test_rating_widget(line: str, expected: bool) -> None:
    assert is_rating_widget(line) is expected


@pytest.mark.parametrize(("line", "expected"), [
    ("15 mars 2017", True), ("le 3 février 2024", True), ("March 15, 2017", True),
    ("Publié le 3 février 2024 à 8 h", True), ("Le 3 février 2024, tout a changé.", False),
    ("Commencer petit", False),
])
def test_is_date_line(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


@pytest.mark.parametrize(("text", "declared", "expected"), [
    (FR, "en", "fr"), (EN, "fr", "en"), (FR, "fr-CA", "fr"), (EN, None, "en"),
    ("Bonjour tout le monde", "en", "en"),  # too little text to overrule the page
    ("Das Netzwerk wird aufgebaut, bevor man es braucht, sagen die Experten in Berlin. "
     "Man muss geben, bevor man nimmt, und die Menschen wissen es an jedem Ort.", "de", "de"),
])
def test_language_from_the_text_when_the_lang_attribute_disagrees(
        text: str, declared: str | None, expected: str) -> None:
    assert detect_language(text, declared) == expected


def test_french_page_marked_english() -> None:
    page = (f"<html lang='en'><head><title>Bâtir son réseau</title></head><body><article>"
            f"<h1>Bâtir son réseau</h1><p>{FR}</p><p>{FR}</p></article></body></html>")
    assert extract_html(page, "page.html").language == "fr"
