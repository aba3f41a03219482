"""The reader's search (prefix as you type, marked snippets, scopes) and its tags (comma
lists, one tag whatever its case and accents, every tag: show, rename, delete)."""

from __future__ import annotations

from textual.widgets import Input, OptionList
from ui_helpers import article, covers, fill, run_app, screen_text, toasts, wait_until

from lecteur.core.library.store import Library
from lecteur.core.models import Block
from lecteur.ui.dialogs.all_tags import AllTagsScreen
from lecteur.ui.dialogs.tags import TagsScreen
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.screens.reader import ReaderScreen
from lecteur.ui.screens.search import MARK, SearchScreen


def three(library: Library) -> list[int]:
    """Three articles: réseautage (starred), salaire, and mentorat (tagged #Réseau)."""
    bodies = [("Le réseautage sans gêne", "Le RÉSEAUTAGE se cultive au cœur de l'hiver."),
              ("Négocier son salaire", "Parler de salaire demande de la préparation."),
              ("Mentorat", "Un mentor vous ouvre son réseau, et son carnet.")]
    ids = [library.articles.add(article(n, title, blocks=(Block("paragraph", body),)))[0]
           for n, (title, body) in enumerate(bodies, start=1)]
    library.views.set_flag(ids[0], "starred", True)
    library.tags.add(ids[2], "Réseau")
    return ids


async def typed(app, pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await app.workers.wait_for_complete()
    await pilot.pause()


def results(app) -> list[str]:
    """The titles of the results shown, in order."""
    found = app.screen.query_one(OptionList)
    return [found.get_option_at_index(i).prompt.plain.split("\n")[0]
            for i in range(found.option_count)]


def test_results_come_from_the_third_letter_with_the_match_marked(make_app,
                                                                     library: Library) -> None:
    three(library)

    async def scenario(app, pilot) -> None:
        await typed(app, pilot, "slash", *"rés")
        assert sorted(results(app)) == ["Le réseautage sans gêne", "Mentorat"]
        await typed(app, pilot, *"eaut")
        assert results(app) == ["Le réseautage sans gêne"]
        prompt = app.screen.query_one(OptionList).get_option_at_index(0).prompt
        _title, _details, snippet = prompt.plain.split("\n")
        assert snippet == "Le RÉSEAUTAGE se cultive au cœur de l'hiver."
        styled = {prompt.plain[span.start:span.end] for span in prompt.spans
                  if str(span.style) == MARK}
        assert styled == {"réseautage", "RÉSEAUTAGE"}  # in the title and in the snippet
        await typed(app, pilot, "ctrl+u", *'"au cœu')  # a phrase being typed: a prefix at its end
        assert results(app) == ["Le réseautage sans gêne"]
        await typed(app, pilot, "ctrl+u", *"ré")  # two letters: a whole word, and it says so
        assert results(app) == [] and "a third letter" in screen_text(app)
        await typed(app, pilot, *"s")
        assert len(results(app)) == 2
        for hostile in ('"', "*", "NEAR(", "-", "col:", "[/", "[@click=app.quit]x"):
            await typed(app, pilot, "ctrl+u", *hostile)
            assert isinstance(app.screen, SearchScreen)  # nothing raised, nothing ran

    run_app(make_app(demo=False), scenario, size=(100, 36))


@covers("search.scope")
def test_tab_limits_the_search_to_the_lists_view_and_is_remembered(make_app,
                                                                    library: Library) -> None:
    three(library)

    async def scenario(app, pilot) -> None:
        main = app.screen
        main.query_one("#sidebar").choose("view:starred")
        await pilot.pause()
        await typed(app, pilot, "slash", *"rése")
        assert len(results(app)) == 2
        assert "In: the whole library" in screen_text(app) and "tab: Starred" in screen_text(app)
        await typed(app, pilot, "tab")
        assert results(app) == ["Le réseautage sans gêne"]
        assert "In: Starred" in screen_text(app) and "tab: the whole library" in screen_text(app)
        await typed(app, pilot, "escape", "slash", *"rése")
        assert results(app) == ["Le réseautage sans gêne"]  # remembered
        await typed(app, pilot, "tab")
        assert len(results(app)) == 2

    run_app(make_app(demo=False), scenario, size=(100, 36))


def test_in_and_tag_prefixes_narrow_the_search(make_app, library: Library) -> None:
    three(library)

    async def scenario(app, pilot) -> None:
        await typed(app, pilot, "slash", *"in:starred rése")
        assert results(app) == ["Le réseautage sans gêne"]
        assert "In: Starred" in screen_text(app)
        await typed(app, pilot, "ctrl+u", *"tag:reseau rése")
        assert results(app) == ["Mentorat"]
        assert "In: #reseau" in screen_text(app)
        await typed(app, pilot, "ctrl+u", *"#RÉSEAU")  # a scope alone lists it
        assert results(app) == ["Mentorat"]
        await typed(app, pilot, "ctrl+u", *"#absent rése")
        assert results(app) == [] and "There is no tag #absent." in screen_text(app)
        await typed(app, pilot, "ctrl+u", *"in:starrd rése")
        assert "There is no view “starrd”" in screen_text(app)

    run_app(make_app(demo=False), scenario, size=(120, 36))


def test_reading_from_search_then_searching_again(make_app, library: Library) -> None:
    three(library)

    async def scenario(app, pilot) -> None:
        await typed(app, pilot, "slash", *"salai", "enter")
        assert isinstance(app.screen, ReaderScreen)
        await typed(app, pilot, "slash", *"mento")
        assert results(app) == ["Mentorat"]
        await typed(app, pilot, "enter")
        assert isinstance(app.screen, ReaderScreen)
        assert [type(s).__name__ for s in app.screen_stack].count("ReaderScreen") == 1

    run_app(make_app(demo=False), scenario, size=(100, 36))


def test_the_tag_dialog_takes_a_comma_list_and_one_tag_whatever_its_accents(
        make_app, library: Library) -> None:
    _first, second, third = three(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("t")  # the newest: Mentorat, tagged #Réseau
        assert isinstance(app.screen, TagsScreen)
        await pilot.press(*"#salary, pay", "enter")
        assert library.tags.of(third) == ["pay", "Réseau", "salary"]
        assert "Tagged #salary, #pay." in toasts(app)
        await pilot.press(*"RESEAU, Carrière", "enter")  # one there (removed), one new
        assert library.tags.of(third) == ["Carrière", "pay", "salary"]
        assert "Tagged #Carrière. Tag #Réseau removed." in toasts(app)
        await pilot.press(*"sa")
        await pilot.pause()
        assert app.screen.query_one(Input)._suggestion == "salary"
        await pilot.press("ctrl+u", *"pay, ca")
        await pilot.pause()
        assert app.screen.query_one(Input)._suggestion == "pay, Carrière"
        await pilot.press("escape", "j", "t", *"carriere", "enter")
        assert library.tags.of(second) == ["Carrière"]  # not a second tag
        assert [t.name for t in library.tags.all()] == ["Carrière", "pay", "salary"]

    run_app(make_app(demo=False), scenario, size=(100, 36))


@covers("app.tags", "tags.open", "tags.down", "tags.up", answered_by_widget=("tags.open",))
def test_every_tag_shows_its_articles(make_app, library: Library) -> None:
    ids = fill(library, 3)
    library.tags.add(ids[0], "Carrière")
    library.tags.add(ids[0], "réseau")
    library.tags.add(ids[1], "Réseau")

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")  # from the reading view too
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("number_sign")
        assert isinstance(app.screen, AllTagsScreen)
        text = screen_text(app)
        assert "#Carrière  1 article" in text and "#réseau    2 articles" in text
        await pilot.press("j", "k", "j", "enter")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.view_label == "#réseau"
        assert app.screen.article_list.total == 2

    run_app(make_app(demo=False), scenario, size=(100, 36))


@covers("tags.rename", "tags.delete")
def test_rename_and_delete_a_tag_across_the_library(make_app, library: Library) -> None:
    ids = fill(library, 3)
    for article_id in ids[:2]:
        library.tags.add(article_id, "salary")
    library.tags.add(ids[2], "Paie")

    async def scenario(app, pilot) -> None:
        await pilot.press("number_sign", "j")  # Paie, then salary
        await pilot.press("e")
        field = app.screen.query_one(Input)
        assert field.display and field.value == "salary"
        await pilot.press("escape")  # cancels the rename, keeps the dialog
        assert isinstance(app.screen, AllTagsScreen) and not field.display
        await pilot.press("f2", "ctrl+u", *"Salaire", "enter")
        await wait_until(pilot, lambda: "Renamed #salary to #Salaire on 2 articles."
                         in toasts(app))
        assert library.tags.of(ids[0]) == ["Salaire"]
        await pilot.press("e", "ctrl+u", *"paie", "enter")  # onto an existing tag: merged
        await wait_until(pilot, lambda: "Renamed #Salaire to #Paie on 2 articles."
                         in toasts(app))
        assert [(t.name, t.count) for t in library.tags.all()] == [("Paie", 3)]
        await pilot.press("delete")
        assert "Press Delete again to take #Paie off 3 articles." in screen_text(app)
        assert library.tags.all()  # not yet
        await pilot.press("delete")
        await wait_until(pilot, lambda: "Deleted #Paie from 3 articles." in toasts(app))
        assert library.tags.all() == []
        assert "No tags yet" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        sidebar = app.screen.query_one("#sidebar")
        entries = [sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)]
        assert not [entry for entry in entries if str(entry).startswith("tag:")]

    run_app(make_app(demo=False), scenario, size=(100, 36))


def test_one_z_takes_back_one_enter_of_the_tag_dialog(make_app, library: Library) -> None:
    """Several tags in one Enter are one change for `z` (the dialog records its undo)."""
    _first, _second, third = three(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("t", *"salary, pay, réseau", "enter", "escape")
        assert library.tags.of(third) == ["pay", "salary"]  # #Réseau was there: removed
        await pilot.press("z")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert library.tags.of(third) == ["Réseau"]
        assert "Tags #salary, #pay, #Réseau as they were: Mentorat" in toasts(app)
        await pilot.press("t", *"pay", "enter", "escape", "z")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert library.tags.of(third) == ["Réseau"] and "Tag #pay removed: Mentorat" in toasts(app)

    run_app(make_app(demo=False), scenario, size=(100, 36))


def test_the_trash_is_searched_only_with_in_trash(make_app, library: Library) -> None:
    first, _second, _third = three(library)
    library.articles.trash(first)

    async def scenario(app, pilot) -> None:
        await typed(app, pilot, "slash", *"rése")
        assert results(app) == ["Mentorat"]  # the trashed one is left out
        await typed(app, pilot, "ctrl+u", *"in:trash rése")
        assert results(app) == ["Le réseautage sans gêne"] and "In: Trash" in screen_text(app)
        await typed(app, pilot, "ctrl+u", *"in:corbeille #reseau")
        assert results(app) == []
        await typed(app, pilot, "ctrl+u", *"in:trash réseau", "enter")
        assert isinstance(app.screen, ReaderScreen) and app.screen.article_id == first

    run_app(make_app(demo=False), scenario, size=(100, 36))


def test_the_reader_ranks_frequent_words_ahead_in_the_background(make_app, library: Library,
                                                                  monkeypatch) -> None:
    """`prepare_search` (5 s after the start) makes the kept lists in a worker thread, on
    its own connection, while the reader answers: the first search then reads a list."""
    from lecteur.core.library import ranking

    monkeypatch.setattr(ranking, "EXACT_UP_TO", 4)
    monkeypatch.setattr(ranking, "DEPTH", 6)
    monkeypatch.setattr(ranking, "PREPARE_FROM", 10)
    for n in range(30):
        library.articles.add(article(n, f"Article {n}", blocks=(
            Block("paragraph", "Le réseau, un mot sur la carrière et les collègues."),)))

    async def scenario(app, pilot) -> None:
        app.prepare_search()
        await app.workers.wait_for_complete()
        kept = dict(library.db.conn.execute("SELECT query, upto FROM search_best_queries"))
        assert kept.get('"reseau"*') == max(kept.values()) and len(kept) > 3
        await typed(app, pilot, "slash", *"réseau")
        assert len(results(app)) == 30

    run_app(make_app(demo=False), scenario, size=(100, 36))
