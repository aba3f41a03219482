"""Search in the library: the last word a prefix, snippets with marks, scopes by view or tag."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecteur.core.library.search import parse_query
from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.core.models import Article, Author, Block
from lecteur.core.text.snippets import find_marks, make_snippet


def make_article(n: int, title: str, *paragraphs: str) -> Article:
    return Article(source=f"page-{n}.html", title=title, url=f"https://example.org/{n}",
                   blocks=tuple(Block("paragraph", text) for text in paragraphs),
                   author=Author("Jeanne Roy"), sitename="Le Devoir", language="fr")


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "lib" / "library.sqlite3") as lib:
        yield lib


@pytest.fixture
def three(library: Library) -> list[int]:
    return [
        library.articles.add(make_article(
            1, "Le réseautage sans gêne", "Une introduction.",
            "Le RÉSEAUTAGE se cultive au cœur de l'hiver, un café à la fois."))[0],
        library.articles.add(make_article(
            2, "Négocier son salaire", "Parler de salaire demande de la préparation."))[0],
        library.articles.add(make_article(
            3, "Mentorat", "Un mentor vous ouvre son réseau."))[0],
    ]


@pytest.mark.parametrize(("typed", "titles"), [
    ("rése", {"Le réseautage sans gêne", "Mentorat"}),
    ("réseau", {"Le réseautage sans gêne", "Mentorat"}),
    ("reseaut", {"Le réseautage sans gêne"}),
    ("RÉSEAUTAGE", {"Le réseautage sans gêne"}),
    ("coe", {"Le réseautage sans gêne"}),
    ("cœ", {"Le réseautage sans gêne"}),
    ("sal", {"Négocier son salaire"}),
    ("ré", set()),  # too short to be a prefix yet: a whole word
    ("ré*", {"Le réseautage sans gêne", "Mentorat"}),  # unless asked
    ("sal mentor", set()),  # only the last word is a prefix
    ("mentor sal", set()),
    ("mentor rés", {"Mentorat"}),
    ('"au coe', {"Le réseautage sans gêne"}),  # a phrase being typed
    ('"au coe"', set()),  # a closed phrase is exact
])
def test_the_last_word_is_a_prefix(library: Library, three: list[int], typed: str,
                                   titles: set[str]) -> None:
    assert {hit.title for hit in library.articles.search(typed)} == titles


@pytest.mark.parametrize("typed", [
    '"', '""', "'", "*", "**", "-", "--x", "NEAR", "NEAR(a, b)", "a NEAR/3 b", ":", "a:b:c",
    "tag:", "in:", "#", "##", "tag:\"", "in:\"", "^x", "(x", "x)", "{x}", "[x]", "a AND",
    "OR b", "NOT", "x*y", "\x00", "é:è", "🙂", "title:réseau", "- -", 'x "y', "\\",
])
def test_no_typed_text_raises(library: Library, three: list[int], typed: str) -> None:
    library.articles.search(typed)  # never raises
    library.articles.search(typed, view=View("starred"))


def test_hits_carry_a_snippet_with_the_match_marked(library: Library, three: list[int]) -> None:
    (hit,) = library.articles.search("coeur")
    assert hit.snippet == "Le RÉSEAUTAGE se cultive au cœur de l'hiver, un café à la fois."
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["cœur"]
    (hit,) = library.articles.search("hiver reseaut")
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["RÉSEAUTAGE", "hiver"]
    (hit,) = library.articles.search("negocier")  # the title only: the body's opening
    assert hit.snippet.startswith("Parler de salaire") and hit.marks == ()


def test_scopes_by_view_and_tag(library: Library, three: list[int]) -> None:
    first, second, third = three
    library.views.set_flag(third, "starred", True)
    library.tags.add(first, "Réseau")
    library.tags.add(second, "salary")
    assert [h.id for h in library.articles.search("rése", view=View("starred"))] == [third]
    assert [h.id for h in library.articles.search("in:starred rése")] == [third]
    assert [h.id for h in library.articles.search("in:favoris rése")] == [third]
    assert [h.id for h in library.articles.search("tag:reseau rése")] == [first]
    assert [h.id for h in library.articles.search("#RESEAU rése")] == [first]
    assert library.articles.search("tag:reseau in:starred rése") == []
    assert library.articles.search("tag:absent rése") == []
    tag = library.tags.find("salary")
    assert tag is not None
    assert [h.id for h in library.articles.search("", view=View("tag", tag.id))] == [second]
    assert [h.id for h in library.articles.search("#salary")] == [second]  # a scope only
    assert library.articles.search("") == []


def test_limit_none_means_all(library: Library) -> None:
    for n in range(60):
        library.articles.add(make_article(n, f"Article {n}", "Le réseau des élèves."))
    assert len(library.articles.search("reseau")) == 50
    assert len(library.articles.search("reseau", limit=None)) == 60
    assert len(library.articles.search("in:inbox", limit=None)) == 60


def test_a_short_last_word_is_a_whole_word_until_its_third_letter() -> None:
    assert parse_query("ré").short_last and not parse_query("ré").terms[-1].prefix
    assert not parse_query("rés").short_last and parse_query("rés").terms[-1].prefix
    assert parse_query("œu").terms[-1].prefix  # three letters once folded: "oeu"
    assert not parse_query("ré*").short_last and parse_query("ré*").terms[-1].prefix
    assert not parse_query('"au ré"').short_last


def test_parse_query_reports_unknown_views() -> None:
    parsed = parse_query("in:starrd mentor")
    assert parsed.unknown_views == ("starrd",) and parsed.view is None
    assert parse_query("IN:Starred").view == "starred"
    assert parse_query('tag:"job search" x').tags == ("job search",)


@pytest.mark.parametrize(("text", "typed", "marked"), [
    ("Le Réseautage", "reseau", ["Réseautage"]),  # a prefix marks its whole word
    ("Le Réseautage", "reseau*", ["Réseautage"]),
    ("Le Réseautage", '"reseau"', []),
    ("au cœur de l'hiver", "coeur", ["cœur"]),
    ("une ﬁnance saine", "finance", ["ﬁnance"]),
    ("Straße und Strasse", "strasse", ["Straße", "Strasse"]),
    ("Le re\u0301seau", "reseau", ["re\u0301seau"]),  # an accent written apart
    ("l'hiver, l’été", "ete", ["été"]),
    ("au coeur de l'hiver", '"de l hiver"', ["de l'hiver"]),
    ("mentor, mentorat", "mentor", ["mentor", "mentorat"]),
])
def test_marks_fall_on_the_text_as_written(text: str, typed: str, marked: list[str]) -> None:
    spans = find_marks(text, parse_query(typed).patterns())
    assert [text[a:b] for a, b in spans] == marked


def test_a_long_paragraph_is_cut_around_the_match() -> None:
    words = " ".join(f"mot{n}" for n in range(200))
    text = words + " le réseautage " + words
    snippet = make_snippet([text], parse_query("reseautage").patterns(), width=80)
    assert len(snippet.text) <= 80
    assert snippet.text.startswith("…") and snippet.text.endswith("…")
    assert [snippet.text[a:b] for a, b in snippet.marks] == ["réseautage"]
    assert " mot" in snippet.text and "mot1 " not in snippet.text[:6]
    opening = make_snippet(["\n", "Un\ntexte\tsur une ligne."], [], width=80)
    assert opening.text == "Un texte sur une ligne." and opening.marks == ()


def test_a_snippet_is_one_clean_line_and_its_marks_stay_true() -> None:
    from lecteur.core.text.sanitize import clean_line

    text = "Le   réseautage,\n\n  au\u200bcœur\tde\x07l'hiver."
    snippet = make_snippet([text], parse_query("reseautage coeur").patterns())
    assert snippet.text == "Le réseautage, au cœur de l'hiver."
    assert clean_line(snippet.text) == snippet.text
    assert [snippet.text[a:b] for a, b in snippet.marks] == ["réseautage", "cœur"]


def test_all_means_all_beyond_the_kept_best_and_the_parameter_cap(library: Library,
                                                                   monkeypatch) -> None:
    from lecteur.core.library import articles, ranking

    monkeypatch.setattr(ranking, "EXACT_UP_TO", 3)
    monkeypatch.setattr(ranking, "DEPTH", 12)
    monkeypatch.setattr(articles, "SNIPPET_BATCH", 7)
    for n in range(30):
        library.articles.add(make_article(n, f"Article {n}", "Le réseau des élèves."))
    assert len(library.articles.search("reseau", limit=10)) == 10  # a page, from the list
    everything = library.articles.search("reseau", limit=None)
    assert len(everything) == 30 and all(hit.marks for hit in everything)


def test_a_search_made_stale_stops_where_it_is(library: Library) -> None:
    from lecteur.core.library.store import StorageError

    for n in range(40):
        library.articles.add(make_article(n, f"Article {n}", "Le réseau des élèves."))
    library.db.interrupt_when(lambda: True, every=10)
    with pytest.raises(StorageError, match="interrupted"):
        library.articles.search("reseau")
    library.db.interrupt_when(None)
    assert len(library.articles.search("reseau")) == 40


def test_the_quick_folding_agrees_with_fold_on_latin_text() -> None:
    from lecteur.core.text import snippets
    from lecteur.core.text.sanitize import fold

    text = "Cœur, ÆSIR, Réseautage à l’œil : ﬁnance, Straße, naïve, Ångström, ÉLÈVES."
    assert snippets._quick_fold(text) == fold(text)


def test_the_trash_is_searched_only_when_named(library: Library, three: list[int]) -> None:
    """An article in the trash leaves every search, scoped or not, but ``in:trash``'s."""
    first, _, third = three
    library.tags.add(first, "réseau")
    library.articles.trash(first)
    assert [hit.id for hit in library.articles.search("rése")] == [third]
    assert library.articles.search("rése", limit=None) == library.articles.search("rése")
    assert library.articles.search("#reseau") == []
    assert library.articles.search("rése", view=View("inbox"))[0].id == third
    assert [hit.id for hit in library.articles.search("in:trash rése")] == [first]
    assert [hit.id for hit in library.articles.search("rése", view=View("trash"))] == [first]
    assert [hit.id for hit in library.articles.search("in:corbeille #reseau")] == [first]
    assert [hit.id for hit in library.articles.search("in:trash")] == [first]
    library.articles.restore(first)
    assert {hit.id for hit in library.articles.search("rése")} == {first, third}


def test_the_folding_map_is_the_character_by_character_one() -> None:
    """`folded_with_map` folds runs of ASCII at once: the same text and map as char by char."""
    import random

    from lecteur.core.text.sanitize import fold
    from lecteur.core.text.snippets import folded_with_map

    def one_by_one(text: str) -> tuple[str, list[int]]:
        pieces, origin = [], []
        for index, char in enumerate(text):
            folded = char.lower() if char.isascii() else fold(char)
            pieces.append(folded)
            origin.extend([index] * len(folded))
        return "".join(pieces), origin

    rng = random.Random(13)
    alphabet = "abcZ éèàçœæßﬁÉÀ\u0301東京😀ǅĲ½Ω\t'"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert folded_with_map(text) == one_by_one(text), text


def test_a_term_pattern_finds_what_the_leading_lookbehind_found() -> None:
    """`term_pattern` begins with its first word (searched for in C) and checks the start
    of the word after it: the same spans as ``(?<!\\w)`` in front, on random text."""
    import random
    import re

    from lecteur.core.text.snippets import term_pattern

    def plain(words: tuple[str, ...], prefix: bool) -> re.Pattern[str]:
        body = r"\W+".join(re.escape(word) for word in words)
        return re.compile(r"(?<!\w)" + body + (r"\w*" if prefix else r"(?!\w)"))

    rng = random.Random(7)
    alphabet = "ab é_1-'\n"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        words = tuple("".join(rng.choice("ab") for _ in range(rng.randint(1, 2)))
                      for _ in range(rng.randint(1, 2)))
        for prefix in (False, True):
            new = re.compile(term_pattern(words, prefix))
            assert [m.span() for m in new.finditer(text)] == \
                [m.span() for m in plain(words, prefix).finditer(text)], (text, words)


def test_spaces_merged_in_a_snippet_keep_their_offsets() -> None:
    from lecteur.core.text.snippets import _one_space

    assert _one_space("a b") == ("a b", [0, 1, 2, 3])
    assert _one_space("a  b ") == ("a b ", [0, 1, 2, 2, 3, 4])


def test_a_bodys_texts_are_decoded_one_block_at_a_time() -> None:
    """`block_texts` gives what decoding the whole body gave, and stops where it is asked
    to: a snippet found in the first block never decodes the others (nor their damage)."""
    import json

    from lecteur.core.library.articles import block_texts
    from lecteur.core.models import Block

    blocks = [Block("paragraph", 'Le "réseau",\n\tau cœur'), Block("heading", ""),
              Block("quote", "Ça\\va ]}, {"), Block("paragraph", "fin")]
    body = json.dumps([b.to_dict() for b in blocks], ensure_ascii=False)
    assert list(block_texts(body)) == [b.text for b in blocks]
    for other in ("[]", " [ ] ", '[{"text":"x"},\n{"text":null}, 1]'):
        assert list(block_texts(other)) == [str(b.get("text") or "") if isinstance(b, dict)
                                            else "" for b in json.loads(other)]
    damaged = body[:-30]
    assert next(block_texts(damaged)) == blocks[0].text
    with pytest.raises(json.JSONDecodeError):
        list(block_texts(damaged))


def test_a_screened_text_matches_exactly_when_its_quick_folding_does() -> None:
    """The screen (a term's words with room for accents, on the text decomposed) never
    leaves out a text that the pattern would match: random texts with accents written
    apart or not, ligatures, capitals and punctuation."""
    import random
    import re

    from lecteur.core.text import snippets

    rng = random.Random(11)
    alphabet = ["e", "é", "E", "É", "a", "à", "œ", "Œ", "ﬁ", "i", "f", "\u0301", "\u0327",
                " ", "-", "'", "’", "_"]
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        words = tuple("".join(rng.choice("eaoifc") for _ in range(rng.randint(1, 3)))
                      for _ in range(rng.randint(1, 2)))
        for prefix in (False, True):
            pattern = re.compile(snippets.term_pattern(words, prefix))
            expected = 1 if pattern.search(snippets._quick_fold(text)) else 0
            assert snippets._matching(text, [pattern])[0] == expected, (text, words, prefix)
