"""The sanitiser: nothing a page sends may act on the terminal, and French text survives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lecteur.core.text.sanitize import ESCAPE_MARK, clean_line, clean_text, fold

FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Escape sequences from reliability.md A1-A5: clipboard, links, titles, screen, queries.
PAYLOADS = [
    "Hi\x1b]52;c;Y3VybCBldmlsLnNofHNo\x1b\\",
    "\x1b]8;;https://phish.example\x1b\\lemonde.fr\x1b]8;;\x1b\\",
    "\x1b]0;pwned\x07title",
    "\x1b]2;pwned\x1b\\",
    "\x1b[2J\x1b[H",
    "\x1b[10A",
    "\x9b2J",
    "\x1b[6n",
    "\x1b[21t",
    "\x1b[?1049h",
    "\x1bc",
    "\x1bP1$qm\x1b\\",
    "\x1b_APC payload\x1b\\",
    "\x1b^PM payload\x1b\\",
    "\x1bXSOS payload\x1b\\",
    "\x9d8;;http://x\x9c",
    "\x1b]9;7;calc.exe\x07",
    "\x1b]777;notify;a;b\x07",
    "\x1b]52;c;unterminated",
    "bell\x07 back\x08 form\x0c vt\x0b del\x7f nul\x00",
]
FRENCH = (
    "« Le réseau, ça se cultive », dit Marie-Ève Tremblay. Où sont les élèves ? Déjà là…\n"
    "\tCœur, œuvre, Æsop, naïve, façade, 10 € — 😀👍🏽 — [AFP] Le président\n"
)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("clean", [clean_text, clean_line])
def test_escape_sequences_never_survive(payload: str, clean) -> None:
    out = clean("avant " + payload + " après")
    assert "\x1b" not in out
    assert not FORBIDDEN.search(out)
    assert out.startswith("avant") and out.endswith("après")


def test_removed_sequences_leave_a_visible_mark() -> None:
    assert clean_text("a\x1b]52;c;xyz\x07b") == f"a{ESCAPE_MARK}b"
    assert clean_text("a\x1b[2Jb") == f"a{ESCAPE_MARK}b"


def test_unterminated_sequence_keeps_its_text() -> None:
    assert clean_text("x\x1b]52;c;data") == f"x{ESCAPE_MARK}52;c;data"
    assert clean_text("fin\x1b[") == f"fin{ESCAPE_MARK}"


def test_french_and_emoji_text_is_unchanged() -> None:
    assert clean_text(FRENCH) == FRENCH


def test_nfc_surrogates_and_nul() -> None:
    assert clean_text("re\u0301seau") == "réseau"
    assert clean_text("a\ud800b") == "a\ufffdb"
    assert clean_text("a\x00b") == "ab"
    assert clean_text("a\r\nb\rc") == "a\nb\nc"


def test_line_mode_drops_bidi_and_zero_width_and_folds_space() -> None:
    assert clean_line("  Titre\u202e txt.exe\u200b \n suite\t ") == "Titre txt.exe suite"
    assert clean_line("a\u2066b\u2069c\ufeff") == "abc"


def test_fold_for_search() -> None:
    folded = fold("Cœur RÉSEAUTAGE naïve Æther ﬁnance Straße")
    assert folded == "coeur reseautage naive aether finance strasse"


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.text() | st.sampled_from(
    ["\x1b", "\x9b", "\x9d", "\x07", "\x1b\\", "\x1b]", "\x1b[", "[", ";", "\x9c", "\ud800",
     "\u202e", "\r", "\x00"])).map("".join))
def test_property_no_controls_and_idempotent(text: str) -> None:
    for clean in (clean_text, clean_line):
        out = clean(text)
        assert not FORBIDDEN.search(out), repr(out)
        assert clean(out) == out


# The fast paths (clean text for clean_text, printable for clean_line, ASCII for fold)
# give exactly what the step-by-step functions give: drawn from the characters where they
# could differ.
_TRICKY = st.text(st.sampled_from(
    list("aZé e\u0301ŒœæßﬁİK\t\n\r\x1b\x07\x9b\x9c\x85\xa0\xad\u2028\u2029\u200b\u202e"
         "\u2060\ufeff\u3000\u202f\u061c\u180e\U000e0041\ud800")) | st.characters(), max_size=40)


@given(_TRICKY)
@settings(max_examples=400, deadline=None)
def test_fast_paths_equal_the_full_functions(text: str) -> None:
    from lecteur.core.text.sanitize import _clean_line_fully, _clean_text_fully, _fold_fully

    assert clean_text(text) == _clean_text_fully(text)
    assert clean_line(text) == _clean_line_fully(text)
    assert fold(text) == _fold_fully(text)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
       | st.text(alphabet="aéèêëàâäîïôöùûüçœæÀÉÈÇŒÆ «»’…—\u00a0ﬁß\u0301\u0327\u20d7\u1dc0a",
                 max_size=60))
def test_fold_takes_out_exactly_every_combining_mark(text: str) -> None:
    """The fast fold (marks taken out in C) equals the plain definition on any text."""
    import unicodedata

    from lecteur.core.text.sanitize import fold

    spelled = text.casefold().replace("œ", "oe").replace("æ", "ae")
    expected = "".join(ch for ch in unicodedata.normalize("NFKD", spelled)
                       if not unicodedata.combining(ch))
    assert fold(text) == (text.lower() if text.isascii() else expected)


def _fold_as_specified(text: str) -> str:
    """fold's definition, one character at a time: casefold, œ and æ spelled out, NFKD,
    then every character of U+0300-U+036F and every other combining mark dropped."""
    import unicodedata

    text = unicodedata.normalize(
        "NFKD", text.casefold().replace("œ", "oe").replace("æ", "ae"))
    return "".join(ch for ch in text
                   if not ("\u0300" <= ch <= "\u036f" or unicodedata.combining(ch)))


@settings(max_examples=3000)
@given(st.text(alphabet=st.sampled_from(
    [*"aeiouAEIOU çÇéÉèàùîÏôœŒæÆß", "ﬁ", "\u0301", "\u034f", "\u0483", "д", "ё", "日",
     "\u00a0", "\ud800", "Å", "ǅ", "\u1e9e", "İ", "\u0345"]), max_size=16))
def test_fold_is_its_definition_whatever_the_characters(text: str) -> None:
    """Each quick path of `fold` (ASCII; marks beside ASCII only; the rest) gives what
    its definition gives, with the grapheme joiner (U+034F, a mark of combining class 0),
    non-Latin marks, non-Latin letters and lone surrogates among the characters."""
    assert fold(text) == _fold_as_specified(text)
