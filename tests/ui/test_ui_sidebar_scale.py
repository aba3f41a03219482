"""The sidebar with 1,000 feeds (issue 11): its cost does not grow with the feeds.

Textual's OptionList renders every option to measure it when it lays them out; the
sidebar's entries are one line each, laid out without rendering (`OneLineOptionList`), a
feed's line made only when drawn (`LazyOption`), so only the entries on the screen are
made and rendered, at start and after moving far down. The layout must stay the one
Textual would compute, at the normal and the narrow width, and each line drawn the way
Textual draws it (without the per-line meta, the mouse finding its line otherwise).
"""

from __future__ import annotations

import pytest
from rich.segment import Segment
from textual import events
from textual.widgets import OptionList
from ui_helpers import fill, run_app, screen_text

from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.ui.widgets.one_line import LazyOption
from lecteur.ui.widgets.sidebar import Sidebar

FEEDS = 1000


def _subscribe_many(library: Library) -> None:
    """1,000 feeds in one transaction (as an OPML import stores them), some in folders,
    some failing, some with long, wide or odd titles."""
    titles = [f"Flux {n:04d}" for n in range(FEEDS)]
    titles[3] = "Harvard Business Review Careers Weekly and more"
    titles[5] = "日本語のとても長いフィードの名前です"  # wide characters, cut to fit
    titles[7] = "Émoji 🎉 feed"
    with library.db.write() as conn:
        conn.executemany(
            "INSERT INTO feeds (key, url, title, added_at) VALUES (?, ?, ?, ?)",
            [(f"https://site{n}.example/feed", f"https://site{n}.example/feed", title,
              "2026-01-01T00:00:00Z") for n, title in enumerate(titles)])
        conn.execute("UPDATE feeds SET last_error = 'HTTP 500' WHERE id % 97 = 0")
    for n in (2, 4, 9):
        library.feeds.add(f"https://site{n}.example/feed", tags=["carrière", "x"])


def _visuals_made(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The ids of the sidebar's options turned into visuals (measured or rendered)."""
    made: set[str] = set()
    original = Sidebar._get_visual

    def counted(self: Sidebar, option):  # type: ignore[no-untyped-def]
        made.add(option.id or "")
        return original(self, option)

    monkeypatch.setattr(Sidebar, "_get_visual", counted)
    return made


def test_1000_feeds_render_only_the_entries_on_the_screen(
        make_app, library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """At start and after choosing the last feed, only what the screen shows is rendered:
    about two screens of entries, not 1,000 (Textual measured every one)."""
    _subscribe_many(library)
    made = _visuals_made(monkeypatch)
    app = make_app(demo=False)
    height = 40

    async def scenario(app, pilot) -> None:
        sidebar = app.screen.query_one(Sidebar)
        assert sidebar.option_count > FEEDS
        assert 0 < len(made) <= height, len(made)
        far = next(feed.id for feed in library.feeds.all() if feed.title == "Flux 0999")
        sidebar.choose(f"feed:{far}")
        await pilot.pause()
        assert app.screen.article_list.view == View("feed", feed_id=far)
        assert sidebar.highlighted == sidebar.get_option_index(f"feed:{far}")
        assert any("◦ Flux 0999" in line for line in screen_text(app).splitlines())
        assert len(made) <= 2 * height, len(made)
        lines = [option for option in sidebar.options if isinstance(option, LazyOption)]
        assert len(lines) == FEEDS + 3  # three feeds have two tags: in both folders
        assert sum(option.made for option in lines) <= 2 * height

    run_app(app, scenario, size=(120, height))


def _without_meta(segments: list[Segment]) -> list[tuple[str, object, object]]:
    """Each segment's text, style and offset: all but the option's index."""
    return [(segment.text, segment.style and segment.style.clear_meta_and_links(),
             segment.style and segment.style.meta.get("offset")) for segment in segments]


@pytest.mark.parametrize("width", [120, 80])
def test_each_line_is_drawn_as_textual_draws_it(make_app, library: Library,
                                                width: int) -> None:
    """Every entry, plain and highlighted, drawn the cheap way gives Textual's own text and
    styles (only the meta differs: no option index on those lines)."""
    _subscribe_many(library)
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        sidebar = app.screen.query_one(Sidebar)
        plain = sidebar.get_visual_style("option-list--option")
        lit = sidebar.get_visual_style("option-list--option", "option-list--option-highlighted")
        cheap = 0
        for option in list(sidebar.options[:60]) + list(sidebar.options[-60:]):
            for style in (plain, lit):
                ours = sidebar._get_option_render(option, style)
                sidebar._option_render_cache.clear()
                option._visual = None
                textual = OptionList._get_option_render(sidebar, option, style)
                sidebar._option_render_cache.clear()
                meta = ours[0]._segments[0].style.meta  # type: ignore[union-attr]
                cheap += "option" not in meta
                assert [_without_meta(list(strip)) for strip in ours] == \
                    [_without_meta(list(strip)) for strip in textual], option.id
        assert cheap > 150, cheap  # most lines took the cheap way

    run_app(app, scenario, size=(width, 40))


def test_the_mouse_finds_its_line(make_app, library: Library) -> None:
    """A click on a feed's line, drawn without the option's index, shows that feed; a
    click on a heading or a divider does nothing; hovering marks the line under it."""
    _subscribe_many(library)
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        sidebar = app.screen.query_one(Sidebar)
        sidebar.choose(f"feed:{library.feeds.ids()[500]}")
        await pilot.pause()
        top = int(sidebar.scroll_offset.y)
        line = next(y for y in range(5, 30)
                    if sidebar.options[sidebar._lines[top + y][0]].id.startswith("feed:")
                    and sidebar._lines[top + y][0] != sidebar.highlighted)
        index = sidebar._lines[top + line][0]
        await pilot.hover(Sidebar, offset=(3, line))
        assert sidebar._mouse_hovering_over == index
        await pilot.click(Sidebar, offset=(3, line))
        await pilot.pause()
        feed_id = int(sidebar.options[index].id.removeprefix("feed:"))
        assert sidebar.highlighted == index
        assert app.screen.article_list.view == View("feed", feed_id=feed_id)
        sidebar.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        heading = sidebar._index_to_line[sidebar.get_option_index("heading:tags")]
        await pilot.click(Sidebar, offset=(3, heading))
        await pilot.click(Sidebar, offset=(3, heading - 1))  # the divider above it
        await pilot.pause()
        assert sidebar.highlighted == index

    run_app(app, scenario, size=(120, 40))


@pytest.mark.parametrize("width", [120, 80])  # the sidebar's 24 columns, then 18
def test_the_one_line_layout_is_the_one_textual_computes(
        make_app, library: Library, width: int) -> None:
    """Each entry's lines, laid out without rendering, are those Textual measures: one
    line each (names cut to fit), a heading or entry too wide for the narrow sidebar
    measured as Textual does; tags, short and long, the same."""
    _subscribe_many(library)
    for article_id, name in zip(fill(library, 3), ("court", "une étiquette bien trop longue",
                                                   "日本語のとても長いタグ"), strict=True):
        library.tags.add(article_id, name)
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        sidebar = app.screen.query_one(Sidebar)
        ours = list(sidebar._lines)
        sidebar._line_cache.clear()
        OptionList._update_lines(sidebar)  # Textual's own: every option rendered
        assert list(sidebar._lines) == ours
        assert len(ours) >= sidebar.option_count

    run_app(app, scenario, size=(width, 40))


def test_the_first_resize_keeps_the_entries_laid_out_and_rendered(
        make_app, library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Resize that follows the first frame (the same width) neither lays the 1,000
    entries out again nor renders the visible ones again (Textual's OptionList forgets
    both at every Resize); a new width does both, as before."""
    _subscribe_many(library)
    laid: list[str] = []
    rendered: list[str] = []
    original_lines, original_render = Sidebar._option_lines, Sidebar._get_option_render

    def counted_lines(self: Sidebar, option, room, fits):  # type: ignore[no-untyped-def]
        laid.append(option.id or "")
        return original_lines(self, option, room, fits)

    def counted_render(self: Sidebar, option, style):  # type: ignore[no-untyped-def]
        if (option, style, self.get_component_styles("option-list--option").padding) \
                not in self._option_render_cache:
            rendered.append(option.id or "")
        return original_render(self, option, style)

    monkeypatch.setattr(Sidebar, "_option_lines", counted_lines)
    monkeypatch.setattr(Sidebar, "_get_option_render", counted_render)
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        sidebar = app.screen.query_one(Sidebar)
        await pilot.pause()
        assert len(laid) == sidebar.option_count, (len(laid), sidebar.option_count)
        assert len(rendered) == len(set(rendered)), rendered  # each drawn entry once
        sidebar.post_message(events.Resize(sidebar.outer_size, sidebar.virtual_size))
        await pilot.pause()
        assert len(laid) == sidebar.option_count
        assert len(rendered) == len(set(rendered))
        await pilot.resize_terminal(80, 40)  # narrower: the sidebar's 18 columns
        await pilot.pause()
        assert len(laid) > sidebar.option_count
        assert len(rendered) > len(set(rendered))

    run_app(app, scenario, size=(120, 40))


def test_focusing_the_sidebar_renders_only_its_highlighted_entry_again(
        make_app, library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tab onto the sidebar (the first key of many sessions) draws the entries it already
    drew from their cached lines: only the highlighted one changes (the cursor's focused
    colours). A tint of the focused sidebar changed every entry's style, and Tab rendered
    every visible entry again."""
    _subscribe_many(library)
    rendered: list[str] = []
    original_render = Sidebar._get_option_render

    def counted_render(self: Sidebar, option, style):  # type: ignore[no-untyped-def]
        if (option, style, self.get_component_styles("option-list--option").padding) \
                not in self._option_render_cache:
            rendered.append(option.id or "")
        return original_render(self, option, style)

    monkeypatch.setattr(Sidebar, "_get_option_render", counted_render)
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        sidebar = app.screen.query_one(Sidebar)
        await pilot.pause()
        before = len(rendered)
        assert before > 20
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is sidebar
        assert rendered[before:] == ["view:inbox"], rendered[before:]

    run_app(app, scenario, size=(120, 40))


def test_only_the_feeds_drawn_have_their_lines_made(
        make_app, library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """A feed's line is made when it is first drawn (1,000 lines were made before the
    first frame), is the line made at once, and a count refresh that changed nothing makes
    none again."""
    _subscribe_many(library)
    made: list[int] = []
    original = Sidebar._new_feed_entry

    def counted(self: Sidebar, feed, *, indent):  # type: ignore[no-untyped-def]
        made.append(feed.id)
        return original(self, feed, indent=indent)

    monkeypatch.setattr(Sidebar, "_new_feed_entry", counted)
    app = make_app(demo=False)

    async def scenario(app, pilot) -> None:
        sidebar = app.screen.query_one(Sidebar)
        await pilot.pause()
        assert len(made) <= 40, len(made)
        count = len(made)
        sidebar.refresh_counts()
        await pilot.pause()
        assert len(made) == count
        for index in range(sidebar.option_count):
            option = sidebar.get_option_at_index(index)
            if (option.id or "").startswith("feed:"):
                feed = sidebar.feed(int(option.id.removeprefix("feed:").partition("@")[0]))
                assert feed is not None
                indent = bool(feed.tags)
                assert option.prompt == original(sidebar, feed, indent=indent), option.id

    run_app(app, scenario, size=(120, 40))
