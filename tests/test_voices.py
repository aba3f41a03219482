"""`lecteur quotes` and `lecteur people`: the voices of the library, from the shell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import Ran, assert_one_sentence, run_cli
from lecteur.core.library import migrations
from lecteur.core.library.store import Library
from lecteur.core.models import Article, Author, Block

CORPUS = Path(__file__).parent / "corpus"
PAGES = [
    str(CORPUS / "fr" / "01-reseauter-introverti-cinq-strategies.html"),
    str(CORPUS / "fr" / "09-5-a-7-reseautage-mode-emploi.html"),
    str(CORPUS / "fr" / "15-syndrome-imposteur-carriere.txt"),
    str(CORPUS / "en" / "02-cold-emails-that-get-answers.html"),
]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("voices")
    result = lecteur(home, "add", *PAGES)
    assert result.code == 0, result.err
    return home


def lecteur(home: Path, *args: str) -> Ran:
    """The command line, in this process, on the library in `home`."""
    return run_cli("--library", str(home), *args)


def test_quotes_grouped_by_speaker_with_their_article(home: Path) -> None:
    quotes = json.loads(lecteur(home, "quotes", "--json").out)
    assert len(quotes) >= 12
    speakers = [q["speaker"] for q in quotes if q["speaker"]]
    runs = [s for i, s in enumerate(speakers) if i == 0 or speakers[i - 1] != s]
    assert len(runs) == len(set(runs)), "each speaker appears as one group"
    marcoux = [q for q in quotes if q["speaker"] == "Hélène Marcoux"]
    assert len(marcoux) == 3
    assert marcoux[0]["title"].startswith("Réseauter quand on est introverti")


@pytest.mark.parametrize("name", ["Marcoux", "helene marcoux", "HÉLÈNE"])
def test_quotes_speaker_filter_ignores_case_and_accents(home: Path, name: str) -> None:
    quotes = json.loads(lecteur(home, "quotes", "--speaker", name, "--json").out)
    assert quotes and all("Hélène" in q["speaker"] for q in quotes)


def test_quotes_text_output_and_empty_filter(home: Path) -> None:
    shown = lecteur(home, "quotes", "--speaker", "Colette")
    assert shown.code == 0
    assert "Colette Ambrose" in shown.out and "If I can't tell" in shown.out
    none = lecteur(home, "quotes", "--speaker", "Personne Inconnue")
    assert none.code == 0 and "No quotation by Personne Inconnue" in none.out


def test_people_counts_quotes_and_articles(home: Path) -> None:
    people = {p["name"]: p for p in json.loads(lecteur(home, "people", "--json").out)}
    assert people["Hélène Marcoux"]["quotes"] == 3
    assert people["Hélène Marcoux"]["quoted_in"] == 1
    author = people["Geneviève Thibodeau"]
    assert author["articles"] == 3  # 01 and 09 as pages, 15 from its text version
    assert (author["first"], author["last"]) == ("2017-03-15", "2022-06-07")


def test_author_card_lists_saved_pieces(home: Path) -> None:
    card = json.loads(lecteur(home, "people", "Geneviève Thibodeau", "--json").out)
    assert card["name"] == "Geneviève Thibodeau"
    assert [a["date"] for a in card["articles"]] == ["2017-03-15", "2019-04-25", "2022-06-07"]
    assert card["email"] == "genevieve@thibodeau-redaction.ca"
    text = lecteur(home, "people", "Geneviève Thibodeau").out
    assert "3 saved piece(s), 2017-03-15 to 2022-06-07" in text


def test_unknown_author_is_one_sentence(home: Path) -> None:
    result = lecteur(home, "people", "Nobody Here")
    assert result.code == 1
    assert_one_sentence(result.err)


# --- the library side: kept quotations survive a re-save, migration backfills -----------


def _article(*quotes: str) -> Article:
    blocks = [Block("paragraph", "Comme le dit la consultante Marie Tremblay:")]
    blocks += [Block("quote", text, speaker="Marie Tremblay") for text in quotes]
    return Article(source="a.html", title="Réseau", blocks=tuple(blocks),
                   url="https://example.org/reseau")


def test_kept_quote_survives_a_resave_and_vanished_ones_go(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        article_id, _ = library.articles.add(
            _article("Donner avant de recevoir.", "Rester curieux."))
        first = library.quotations.find()
        assert [q.block_index for q in first] == [1, 2]
        assert library.quotations.keep(first[1].id)
        library.articles.add(_article("Un nouvel avis.", "Rester curieux."))
        again = library.quotations.find()
        assert [q.text for q in again] == ["Un nouvel avis.", "Rester curieux."]
        kept = library.quotations.find(kept_only=True)
        assert [(q.id, q.text, q.block_index) for q in kept] == [
            (first[1].id, "Rester curieux.", 2)]
        assert not library.quotations.keep(9999)
        assert library.articles.get(article_id) is not None


def test_migration_backfills_where_quotes_sit(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "library.sqlite3"
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
    with Library(path) as library:
        library_conn = library.db.conn
        library_conn.execute("BEGIN IMMEDIATE")
        library_conn.execute(
            "INSERT INTO articles (key, url, source, title, blocks, word_count, reading_minutes,"
            " added_at, updated_at) VALUES ('k', NULL, 's', 't', ?, 3, 1, 'x', 'x')",
            ('[{"kind": "paragraph", "text": "a"}, {"kind": "quote", "text": "b"},'
             ' {"kind": "quote", "text": "c"}]',))
        library_conn.executemany(
            "INSERT INTO quotes (article_id, position, text) VALUES (1, ?, ?)",
            [(0, "b"), (1, "c")])
        library_conn.execute("COMMIT")
    monkeypatch.undo()
    with Library(path) as library:
        assert [q.block_index for q in library.quotations.find()] == [1, 2]


# --- names in French order, partial names, kept quotations (issue 8, item 8) -------------


def test_collation_key_sorts_accents_and_case_as_a_french_reader_does() -> None:
    from lecteur.core.text.collate import collation_key

    names = ["Tomás Ruiz", "François Roy", "Étienne Gagnon", "denis Côté", "Denis Cote",
             "Zoé", "Émile"]
    assert sorted(names, key=collation_key) == [
        "Denis Cote", "denis Côté", "Émile", "Étienne Gagnon", "François Roy", "Tomás Ruiz",
        "Zoé"]
    assert collation_key(None) == ("", "", "")


@pytest.fixture(scope="module")
def voices(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library quoting Tomás, Étienne, Denis and François; Étienne also writes."""
    home = tmp_path_factory.mktemp("names")
    with Library(home / "library.sqlite3") as library:
        for n, speaker in enumerate(["Tomás Ruiz", "Étienne Gagnon", "Denis Côté",
                                     "François Roy"]):
            blocks = (Block("paragraph", f"Un paragraphe {n} sur le réseau."),
                      Block("quote", f"Une citation de {speaker}.", speaker=speaker))
            library.articles.add(Article(
                source=f"{n}.html", title=f"Article {n}", blocks=blocks,
                url=f"https://example.org/{n}", date=f"2024-01-0{n + 1}",
                author=Author("Étienne Gagnon") if n == 0 else None))
        library.quotations.keep(library.quotations.find(speaker="Denis")[0].id)
    return home


def test_people_and_quotes_list_names_in_the_same_french_order(voices: Path) -> None:
    expected = ["Denis Côté", "Étienne Gagnon", "François Roy", "Tomás Ruiz"]
    people = [p["name"] for p in json.loads(lecteur(voices, "people", "--json").out)]
    assert people == expected
    quotes = [q["speaker"] for q in json.loads(lecteur(voices, "quotes", "--json").out)]
    assert quotes == expected
    table = lecteur(voices, "people").out
    assert [table.index(name) for name in expected] == sorted(
        table.index(name) for name in expected)


def test_people_name_is_partial_and_accent_blind_for_authors_and_speakers(
        voices: Path) -> None:
    card = json.loads(lecteur(voices, "people", "etienne", "--json").out)
    assert card["name"] == "Étienne Gagnon" and len(card["articles"]) == 1
    speaker = lecteur(voices, "people", "TOMAS")  # only quoted: their quotations
    assert speaker.code == 0 and "Une citation de Tomás Ruiz." in speaker.out
    empty_card = json.loads(lecteur(voices, "people", "ruiz", "--json").out)
    assert empty_card == {"name": "Tomás Ruiz", "bio": None, "email": None, "links": [],
                          "articles": []}
    several = json.loads(lecteur(voices, "people", "t", "--json").out)
    assert [p["name"] for p in several] == ["Denis Côté", "Étienne Gagnon", "Tomás Ruiz"]


def test_quotes_kept_lists_only_the_kept_quotations(voices: Path) -> None:
    kept = json.loads(lecteur(voices, "quotes", "--kept", "--json").out)
    assert [(q["speaker"], q["kept"]) for q in kept] == [("Denis Côté", True)]
    assert "Une citation de Denis Côté." in lecteur(voices, "quotes", "--kept").out
    none = lecteur(voices, "quotes", "--kept", "--speaker", "tomas")
    assert "No kept quotation by tomas" in none.out
