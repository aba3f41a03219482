"""Sentences and words for the reader's selection, French and English (table-driven)."""

from __future__ import annotations

import pytest

from lecteur.core.text.sentences import sentence_spans, word_spans

SENTENCES = [
    # (text, the sentences expected)
    ("Une phrase. Une autre.", ["Une phrase.", "Une autre."]),
    ("One sentence! Another? Last.", ["One sentence!", "Another?", "Last."]),
    ("M. Dupont est venu. Il a parlé.", ["M. Dupont est venu.", "Il a parlé."]),
    ("MM. Roy et Lee sont là. Mme Roy parle.", ["MM. Roy et Lee sont là.", "Mme Roy parle."]),
    ("Dr. Lee agreed. Mr. Smith did not.", ["Dr. Lee agreed.", "Mr. Smith did not."]),
    ("Voyez p. ex. la page 3. Puis lisez.", ["Voyez p. ex. la page 3.", "Puis lisez."]),
    ("Voir p. 12. Ensuite.", ["Voir p. 12.", "Ensuite."]),
    ("J. K. Rowling wrote it. Then she rested.",
     ["J. K. Rowling wrote it.", "Then she rested."]),
    ("Il m'a dit : « Bonjour. » Puis il est parti.",
     ["Il m'a dit : « Bonjour. »", "Puis il est parti."]),
    ("« Vraiment ? » demanda-t-il. Oui.", ["« Vraiment ? » demanda-t-il.", "Oui."]),
    ("Elle hésita… Puis elle sourit.", ["Elle hésita…", "Puis elle sourit."]),
    ("Elle hésita… et sourit.", ["Elle hésita… et sourit."]),
    ("Wait... Then go.", ["Wait...", "Then go."]),
    ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
    ("The U.S. Army came. It left.", ["The U.S. Army came.", "It left."]),
    ("Use it, e.g. This way. Done.", ["Use it, e.g. This way.", "Done."]),
    ("C'est-à-dire, c.-à-d. Ceci. Fin.", ["C'est-à-dire, c.-à-d. Ceci.", "Fin."]),
    ("Version 3.5 est sortie. Bien.", ["Version 3.5 est sortie.", "Bien."]),
    ("Voir www.exemple.org. Puis partir.", ["Voir www.exemple.org.", "Puis partir."]),
    ("En 2024. 30 % des gens.", ["En 2024.", "30 % des gens."]),
    ("Quoi ?! Non.", ["Quoi ?!", "Non."]),
    ("Call me. Then write.", ["Call me.", "Then write."]),
    ("Me Roy plaide. Fin.", ["Me Roy plaide.", "Fin."]),
    ("Premier point\nSecond point", ["Premier point", "Second point"]),
    ("  Des espaces.   Autour.  ", ["Des espaces.", "Autour."]),
    ("Sans point final", ["Sans point final"]),
    ("", []),
    ("Fin. — Une réplique.", ["Fin.", "— Une réplique."]),
    ("Le 1er janv. 2020 il neigeait. Froid.", ["Le 1er janv. 2020 il neigeait.", "Froid."]),
    ("« Écoutez d'abord. » « Parlez ensuite. »", ["« Écoutez d'abord. »", "« Parlez ensuite. »"]),
    ("Fin. \u00abSuite\u00bb.", ["Fin.", "\u00abSuite\u00bb."]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in sentence_spans(text)] == expected


WORDS = [
    ("Un réseau, enfin.", ["Un", "réseau,", "enfin."]),
    ("Il dit « ainsi » et part.", ["Il", "dit", "« ainsi »", "et", "part."]),
    ("Pourquoi cela ?", ["Pourquoi", "cela ?"]),
    ("Deux : trois", ["Deux :", "trois"]),
    ("a — b", ["a", "— b"]),
    ("« »", ["« »"]),
    ("", []),
    ("l'entretien d'embauche", ["l'entretien", "d'embauche"]),
    ("fin »", ["fin »"]),
]


@pytest.mark.parametrize(("text", "expected"), WORDS)
def test_words(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in word_spans(text)] == expected
