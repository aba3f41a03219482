"""Curation in the reader: the Inbox by relevance (S), triage (R), a reading session (M).

Real app, real library in tmp_path: triage's keeps and dismissals land through the
writer thread and teach the model; dismissed items leave the Inbox and appear in the
Dismissed view; a session lists the best unread pieces and ends with its summary.
"""

from __future__ import annotations

from textual.widgets import Input
from ui_helpers import covers, run_app, screen_text, toasts

from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.core.models import Article, Block
from lecteur.ui.screens.main import MainScreen
from lecteur.ui.screens.reader import ReaderScreen
from lecteur.ui.screens.session import MinutesDialog, SessionScreen, SummaryScreen
from lecteur.ui.screens.triage import TriageScreen
from lecteur.ui.widgets.article_list import ArticleList

ITEMS = (
    ("Networking events for introverts",
     "Arrive early, set a goal of three conversations and follow up the next day."),
    ("Le prix de l'essence grimpe encore",
     "Le litre dépasse deux dollars dans plusieurs régions."),
    ("Bien préparer une entrevue d'information",
     "Demandez vingt minutes et préparez des questions sur le parcours de la personne."),
    ("Un nouveau pont pour la ville",
     "Les travaux commenceront au printemps ; la circulation sera détournée."),
)


def _inbox(library: Library) -> list[int]:
    """The items, as a refresh leaves them: in the Inbox, not saved; best scored first."""
    ids = [library.articles.add(Article(source=f"https://example.org/{n}",
                                        url=f"https://example.org/{n}", title=title,
                                        blocks=(Block("paragraph", body),)), saved=False)[0]
           for n, (title, body) in enumerate(ITEMS)]
    return [row.id for row in library.views.rows(View("inbox", order="score"), 10)
            if row.id in ids]


@covers("list.sort")
def test_s_sorts_the_inbox_by_relevance_and_shows_why(make_app, library: Library) -> None:
    best_first = _inbox(library)

    async def scenario(app, pilot) -> None:
        articles = app.screen.query_one(ArticleList)
        assert articles.current.id == max(best_first)  # newest first
        await pilot.press("S")
        assert articles.view.order == "score"
        assert articles.current.id == max(best_first)  # the cursor stays on its article
        await pilot.press("g")
        assert articles.current.id == best_first[0]
        text = screen_text(app)
        assert "by relevance" in text and "entrevue d'information" in text
        await pilot.press("S")
        assert articles.view.order == "added"

    run_app(make_app(demo=False), scenario, size=(120, 30))


@covers("app.triage", "triage.keep", "triage.dismiss", "triage.later", "triage.undo",
        "triage.open", "triage.back")
def test_triage_keeps_dismisses_and_undoes_one_item_at_a_time(make_app,
                                                              library: Library) -> None:
    best, second, third, last = _inbox(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("R")
        triage = app.screen
        assert isinstance(triage, TriageScreen) and triage.current == best
        assert "4 left" in screen_text(app) and "relevance" in screen_text(app)
        await pilot.press("s")
        assert library.views.row(best).saved and library.curate.decisions() == 1
        assert "3 left" in screen_text(app) and triage.current == second
        await pilot.press("x")
        assert library.views.count(View("dismissed")) == 1
        await pilot.press("l")
        assert triage.current == last and "1 left" in screen_text(app)
        await pilot.press("u")  # later taken back: the item is offered again
        assert triage.current == third
        await pilot.press("u")  # the dismissal taken back
        assert triage.current == second and library.views.count(View("dismissed")) == 0
        assert library.curate.decisions() == 1
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen) and app.screen.article_id == second
        await pilot.press("q")
        assert app.screen is triage
        await pilot.press("x")
        await pilot.press("q")
        assert isinstance(app.screen, MainScreen)
        assert library.views.count(View("inbox")) == 3  # the dismissed one left it
        await pilot.pause()
        assert "Dismissed 1" in screen_text(app)  # the sidebar's view, once there is one
        found = {hit.id for hit in library.articles.search("pont")}
        assert second in found or third in found or last in found  # still findable

    run_app(make_app(demo=False), scenario)


@covers("app.session", "session.open", "session.down", "session.up", "session.end",
        answered_by_widget=("session.open",))
def test_a_reading_session_lists_what_fits_and_sums_up(make_app, library: Library) -> None:
    best = _inbox(library)[0]

    async def scenario(app, pilot) -> None:
        await pilot.press("M")
        assert isinstance(app.screen, MinutesDialog)
        app.screen.query_one(Input).value = "5"
        await pilot.press("enter")
        session = app.screen
        assert isinstance(session, SessionScreen) and session.planned
        assert session.planned[0].id == best
        assert "230 words a minute" in screen_text(app)
        # Each piece's minutes at the reader's pace: these are a sentence long, under a
        # minute (not a rounded "1 min" each, adding up past the time asked for).
        assert "under 1 min" in screen_text(app) and "\n  1 min" not in screen_text(app)
        assert f"{len(session.planned)} pieces, about 1 min" in screen_text(app)
        pieces = session.query_one("#session-pieces")
        assert pieces.highlighted == 0
        await pilot.press("j")
        assert pieces.highlighted == 1
        await pilot.press("k")
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen) and app.screen.article_id == best
        await pilot.press("s")  # saved while reading: kept in the session
        await pilot.press("q")
        assert app.screen is session
        await pilot.press("q")
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Read (1)" in text and "Kept (1)" in text and "Networking events" in text
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)

    run_app(make_app(demo=False), scenario)


def test_a_session_refuses_minutes_it_cannot_use(make_app, library: Library) -> None:
    _inbox(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("M")
        app.screen.query_one(Input).value = "0"
        await pilot.press("enter")
        assert isinstance(app.screen, MinutesDialog)
        assert "from 1 to 1440 minutes" in screen_text(app)

    run_app(make_app(demo=False), scenario)


def test_triage_says_when_the_topic_profile_cannot_be_used(make_app, library: Library,
                                                         ui_home) -> None:
    (ui_home / "config").mkdir(parents=True, exist_ok=True)
    (ui_home / "config" / "topics.toml").write_text("[terms\n", encoding="utf-8")
    _inbox(library)

    async def scenario(app, pilot) -> None:
        await pilot.press("R")
        assert any("topics.toml cannot be used" in toast for toast in toasts(app))
        assert "relevance" in screen_text(app)  # scored with the shipped profile

    run_app(make_app(demo=False), scenario)


def test_the_reading_view_measures_the_readers_pace(make_app, library: Library,
                                                   monkeypatch) -> None:
    from lecteur.ui.screens import reader

    words = " ".join(["réseautage"] * 300)
    library.articles.add(Article(source="https://example.org/long",
                                 url="https://example.org/long", title="Un long article",
                                 blocks=tuple(Block("paragraph", words) for _ in range(2))),
                         saved=False)
    now = [1000.0]
    monkeypatch.setattr(reader, "clock", lambda: now[0])

    async def scenario(app, pilot) -> None:
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)
        now[0] += 240  # four minutes on the article
        await pilot.press("G")  # to the end: all 600 words read
        await pilot.press("q")
        assert library.db.get_meta("reading_seconds") == "240.0"
        assert library.curate.words_per_minute() == 150 and library.curate.measured()

    run_app(make_app(demo=False), scenario)
