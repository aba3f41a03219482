"""The reader's selection grown and shrunk by words and sentences, over blocks."""

from __future__ import annotations

from lecteur.core.text.anchors import BLOCK_SEPARATOR, anchor_at, find_passage
from lecteur.core.text.selection import Units

TEXTS = ["M. Roy écoute. Il note tout.", "Puis il relance, poliment.", "Citation ici."]
FULL = [*TEXTS[:2], "Citation ici.\n— Sam Lee"]  # a quotation's attribution line
JOINED = BLOCK_SEPARATOR.join(FULL)
UNITS = Units.of(TEXTS, FULL)


def shown(span: tuple[int, int]) -> str:
    return JOINED[span[0]:span[1]]


def test_starts_at_the_first_sentence_of_a_block() -> None:
    assert shown(UNITS.first_sentence(0) or (0, 0)) == "M. Roy écoute."
    assert shown(UNITS.first_sentence(1) or (0, 0)) == "Puis il relance, poliment."
    assert Units.of(["", "x."], ["", "x."]).first_sentence(0) is None


def test_grows_and_shrinks_by_words_and_sentences() -> None:
    start = UNITS.first_sentence(0)
    assert start is not None
    assert shown(UNITS.grow(start, "word", 1)) == "M. Roy écoute. Il"
    assert shown(UNITS.grow(start, "word", 2)) == "M. Roy écoute. Il note"
    assert shown(UNITS.grow(start, "word", -1)) == "M. Roy"
    assert shown(UNITS.grow(UNITS.grow(start, "word", -1), "word", -5)) == "M."  # one word left
    assert shown(UNITS.grow(start, "sentence", 1)) == "M. Roy écoute. Il note tout."
    grown = UNITS.grow(UNITS.grow(start, "word", 1), "sentence", -1)
    assert shown(grown) == "M. Roy écoute."


def test_a_sentence_past_the_end_of_a_paragraph_takes_the_next_one() -> None:
    start = UNITS.first_sentence(0)
    assert start is not None
    two = UNITS.grow(start, "sentence", 2)
    assert shown(two) == "M. Roy écoute. Il note tout.\n\nPuis il relance, poliment."
    assert UNITS.block_of(two[1]) == 1
    last = UNITS.grow(two, "sentence", 5)
    assert shown(last).endswith("Citation ici.")  # never the attribution line
    assert UNITS.grow(last, "word", 1) == last  # nothing beyond
    anchor = anchor_at(FULL, *two)
    assert anchor.block_index == 0 and anchor.exact == shown(two)
    assert anchor.suffix.startswith("\n\nCitation")
    assert find_passage(FULL, anchor.exact) == anchor


def test_the_start_moves_sentence_by_sentence() -> None:
    start = UNITS.first_sentence(0)
    assert start is not None
    second = UNITS.move_start(start, 1)
    assert shown(second) == "Il note tout."
    assert shown(UNITS.move_start(second, 1)) == "Puis il relance, poliment."
    assert shown(UNITS.move_start(second, -1)) == "M. Roy écoute. Il note tout."
    assert UNITS.move_start(start, -1) == start
