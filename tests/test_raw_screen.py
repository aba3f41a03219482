"""The raw screen of a stored body (`raw_screen`) never leaves out a paragraph that matches,
and a screened snippet (`make_screened_snippet`) is byte for byte `make_snippet`'s: on
random bodies of what folding changes (accents composed and apart, œ/Œ/æ, ß, ﬁ, full-width
and mathematical letters, ㎏, capitals), multi-word and prefix terms, no matching paragraph,
quotations with cite lines, blank blocks; and through `Library.each_hit` on a real library,
text and JSON output of ``search --limit 0`` included."""

from __future__ import annotations

import functools
import json
import random
import re
from pathlib import Path

import pytest

from lecteur.core.library import articles
from lecteur.core.library.articles import block_holding, block_texts
from lecteur.core.library.search import parse_query
from lecteur.core.library.store import Library
from lecteur.core.models import Article, Block
from lecteur.core.text import snippets
from lecteur.core.text.raw_screen import raw_screen
from lecteur.core.text.snippets import make_screened_snippet, make_snippet

_ALPHABET = ["e", "é", "E", "É", "e\u0301", "è", "ê", "a", "à", "A", "œ", "Œ", "æ", "Æ",
             "ﬁ", "ﬂ", "i", "I", "f", "o", "O", "n", "q", "Q", "u", "s", "t", "ß", "ｑ", "𝐪",
             "𝐞", "㎏", "k", "g", "c", "r", "\u0301", "\u0327", "\u0483", " ", " ", "  ",
             "\t", "\n", "-", "'", '"', "\\", "…", "\u00a0", "\x01", "℡", "l", "d"]
_WORDS = "eaoifnqustcrkgld"


def _text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(_ALPHABET) for _ in range(size))


def _query(rng: random.Random) -> str:
    """One to three terms: words of the alphabet's letters, phrases, prefixes."""
    terms = []
    for _ in range(rng.randint(1, 3)):
        words = ["".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 4)))
                 for _ in range(rng.choice([1, 1, 2]))]
        term = " ".join(words)
        term = f'"{term}"' if len(words) > 1 else term
        terms.append(term + ("*" if rng.random() < 0.3 else ""))
    return " ".join(terms)


def _body(rng: random.Random, ascii_only: bool = False) -> str:
    """A body as `articles.store_body` writes it: paragraphs, headings, quotations with a
    cite line, blank blocks."""
    blocks = []
    for _ in range(rng.randint(0, 7)):
        kind = rng.choice(["paragraph", "paragraph", "heading", "quote"])
        text = rng.choice(["", "  ", _text(rng, rng.choice([3, 40, 160, 400]))])
        blocks.append({"kind": kind, "text": text, "speaker": None,
                       "cite": _text(rng, 10) if kind == "quote" else None,
                       "attribution": None, "links": []})
    return json.dumps(blocks, ensure_ascii=ascii_only)


def test_the_screen_finds_every_paragraph_a_pattern_matches() -> None:
    rng = random.Random(11)
    checked = 0
    for _ in range(3000):
        parsed = parse_query(_query(rng))
        patterns = parsed.patterns()
        screen = raw_screen([term.words for term in parsed.terms])
        if screen is None:  # a phrase of short words: not screened
            continue
        text = _text(rng, rng.choice([5, 30, 120]))
        raw = json.dumps(text, ensure_ascii=rng.random() < 0.2)
        for pattern in patterns:
            if pattern.search(snippets._quick_fold(text)):
                checked += 1
                assert screen.search(raw), (text, pattern.pattern)
    assert checked > 100


def test_the_screen_sees_the_letters_folding_makes() -> None:
    screen = raw_screen([("coeur",), ("question",), ("kg",), ("fin",)])
    assert screen is not None
    for written in ("CŒUR", "cœur", "coe\u0301ur", "QUESTION", "𝐪uestion", "ｑuestion",
                    "㎏", "ﬁn", "Questión"):
        assert screen.search(json.dumps(written, ensure_ascii=False)), written
    assert screen.search("cour questio kilo fn") is None


def test_a_screened_snippet_is_make_snippets() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        parsed = parse_query(_query(rng))
        patterns = parsed.patterns()
        screen = raw_screen([term.words for term in parsed.terms])
        if screen is None:
            continue
        body = _body(rng, ascii_only=rng.random() < 0.2)  # \\u escapes: older writers
        expected = make_snippet(block_texts(body), patterns)
        screened = make_screened_snippet(body, screen, patterns,
                                         functools.partial(block_holding, body),
                                         block_texts(body))
        assert screened == expected, (body, parsed.terms)


def test_the_written_foldings_are_this_unicodes() -> None:
    import unicodedata

    from lecteur.core.text import _foldings
    from lecteur.core.text import raw_screen as module

    if unicodedata.unidata_version != _foldings.UNIDATA_VERSION:
        pytest.skip("another Unicode: the table is folded at run time")
    assert Path(_foldings.__file__).read_text(encoding="ascii") == module.table_source()


def test_no_screen_for_words_it_cannot_read() -> None:
    assert raw_screen([("αβγ",)]) is None  # not ASCII: each paragraph folded, as before
    assert raw_screen([]) is None
    assert raw_screen([("de", "la")]) is None  # nearly everywhere: matching is cheaper
    assert raw_screen([("de", "salaire")]) is not None


_SENTENCES = ["Une question de cœur.", "La QUESTION du Cœur, encore", "questionnement ﬁnal",
              "Rien ici.", "Œuvre complète: l'œuvre", "une autoquestion", "Straße et strasse",
              "Réseau, réseautage et RÉSEAUX", "\"Citation\" \\ et \ttab", "e\u0301te\u0301"]


def _library(tmp: Path, count: int) -> Path:
    """A real library of `count` articles whose paragraphs mix `_SENTENCES`."""
    rng = random.Random(5)
    folder = tmp / "lib"
    with Library(folder / "library.sqlite3") as library:
        for index in range(count):
            blocks = [Block("paragraph", " ".join(rng.sample(_SENTENCES, 3)))
                      for _ in range(rng.randint(1, 6))]
            if rng.random() < 0.3:
                blocks.insert(rng.randrange(len(blocks) + 1),
                              Block("quote", "une question citée", cite="— Quelqu'un"))
            library.articles.add(Article(
                source=f"page-{index}.html", title=f"Article {index}",
                url=f"https://example.org/{index}", blocks=tuple(blocks), language="fr"))
    return folder


@pytest.mark.parametrize("query", ["question", "coeur", "oeuvre* reseau", '"de coeur"',
                                   "strasse", "quest", "ete", "rien"])
def test_each_hit_screened_is_each_hit_unscreened(tmp_path: Path, query: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _library(tmp_path, 120)
    with Library(folder / "library.sqlite3", for_writing=False) as library:
        plain = list(library.articles.each_hit(query, None))
        monkeypatch.setattr(articles, "SCREENED_AFTER", 0)
        monkeypatch.setattr(articles, "SNIPPET_BATCH", 7)
        screened = list(library.articles.each_hit(query, None))
    assert plain
    assert screened == plain


def test_search_limit_0_text_and_json_unchanged_when_screened(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from lecteur.cli import main

    folder = _library(tmp_path, 60)
    outputs = []
    for after in (10**9, 0):
        monkeypatch.setattr(articles, "SCREENED_AFTER", after)
        for extra in ([], ["--json"]):
            assert main(["--library", str(folder), "search", "question", "--limit", "0",
                         *extra]) == 0
            outputs.append(capsys.readouterr().out)
    assert outputs[:2] == outputs[2:]
    assert re.search("question", outputs[0], re.IGNORECASE)


def _folded_by_runs(text: str) -> tuple[str, list[int] | None]:
    """`snippets._folded` as it was: each run between the odd characters folded apart."""
    if text.isascii():
        return text.lower(), None
    odd = frozenset(char for char in set(text)
                    if not char.isascii() and len(snippets._fold_char(char)) != 1)
    if not odd:
        folded = snippets.fold(text)
        return (folded, None) if len(folded) == len(text) else snippets._one_by_one(text)
    pieces: list[str] = []
    origin: list[int] = []
    at = 0
    for found in snippets._any_of(odd).finditer(text):
        index = found.start()
        pieces.append(snippets.fold(text[at:index]))
        origin.extend(range(at, index))
        folded = snippets._fold_char(text[index])
        pieces.append(folded)
        origin.extend([index] * len(folded))
        at = index + 1
    pieces.append(snippets.fold(text[at:]))
    origin.extend(range(at, len(text)))
    whole = "".join(pieces)
    return (whole, origin) if len(whole) == len(origin) else snippets._one_by_one(text)


def test_a_paragraph_folded_whole_is_folded_by_runs() -> None:
    rng = random.Random(13)
    for _ in range(5000):
        text = _text(rng, rng.choice([1, 8, 60, 300]))
        assert snippets._folded(text) == _folded_by_runs(text), text
