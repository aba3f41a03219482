"""Small pieces of the reader: wrapping, fitting, layout, the page cache, the config file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from ui_helpers import article, fill

from lecteur.core.config import load_config
from lecteur.core.errors import ConfigError
from lecteur.core.io.settings import save_theme, set_theme
from lecteur.core.library.store import Library
from lecteur.core.library.views import View
from lecteur.ui.links import RefusedLink, checked_url, real_host
from lecteur.ui.safe import _words, fit, wrap
from lecteur.ui.widgets.document import layout
from lecteur.ui.widgets.pages import RowPages


@given(st.text(alphabet="abc déf  œ\u00a0:;?!«»—", max_size=200), st.integers(4, 60))
def test_wrap_keeps_words_whole_and_lines_short(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    breaks = re.compile(r"[ \t\n]+")
    if all(cell_len(word) <= width for word in _words(text)):
        assert breaks.split(" ".join(lines).strip()) == breaks.split(text.strip())


def test_wrap_keeps_french_punctuation_with_its_word() -> None:
    lines = wrap("un métier : l’idée « paraît » gênante ! Vraiment ?", 12)
    assert not any(line.startswith((":", "!", "?", "»")) for line in lines)
    assert not any(line.endswith("«") for line in lines)


def test_fit_cuts_at_a_word_with_an_ellipsis() -> None:
    assert fit("Le réseautage, ça se cultive", 14) == "Le réseautage…"
    assert fit("Court", 8) == "Court   "
    assert fit("Incompréhensiblement", 8) == "Incompr…"
    assert fit("x", 0) == ""


def test_layout_roles_blocks_and_measure() -> None:
    doc = layout(article(1), 60)
    roles = {role for line in doc.lines for _text, role in line.parts}
    assert {"title", "byline", "card-name", "quote", "speaker", "heading", "bullet",
            "link"} <= roles
    assert doc.blocks == [0, 1, 2, 3, 4]
    first, last = doc.spans[2]
    quote = [line for line in doc.lines[first:last + 1]]
    assert quote[-1].parts[-1] == ("— Marie Tremblay", "speaker")
    assert all(sum(cell_len(text) for text, _role in line.parts) <= 60 for line in doc.lines)


def test_a_quote_shows_the_pages_own_attribution_line() -> None:
    from lecteur.core.models import Block

    quoted = article(1, blocks=(
        Block("quote", "Écoutez d'abord.", speaker="Sam Lee", cite="Sam Lee, coach"),
        Block("quote", "Anonyme.")))
    doc = layout(quoted, 60)
    speakers = [text for line in doc.lines for text, role in line.parts if role == "speaker"]
    assert speakers == ["— Sam Lee, coach"]


def test_pages_read_on_demand_and_agree_with_offsets(library: Library) -> None:
    ids = fill(library, 35)
    pages = RowPages(library, View(), page_size=10)
    assert pages.total == 35
    assert [pages.row(i).id for i in range(35)] == list(reversed(ids))
    assert pages.index_of(ids[0]) == 34
    library.articles.remove(ids[0])
    pages.reset(View())
    assert pages.total == 34


def test_config_round_trip(ui_home: Path) -> None:
    assert load_config().theme is None
    save_theme("lecteur-light")
    assert load_config().theme == "lecteur-light"
    path = ui_home / "config" / "config.toml"
    path.write_text('language = "fr"\n[keys.article]\nstar = "asterisk, f"\n', encoding="utf-8")
    config = load_config()
    assert config.language == "fr" and config.keymap == {"article.star": "asterisk,f"}
    assert set_theme("[keys]\ntheme = 'x'\n", "a") == "theme = \"a\"\n[keys]\ntheme = 'x'\n"


def test_writing_the_theme_keeps_what_the_person_wrote(ui_home: Path) -> None:
    path = ui_home / "config" / "config.toml"
    path.parent.mkdir(parents=True)
    written = ('# my reader\ntheme = "lecteur-dark"   # changed from the app\n\n'
               '[keys]\n# stars with *\n"article.star" = "asterisk"\n')
    path.write_text(written, encoding="utf-8")
    save_theme("lecteur-light", path)
    assert path.read_text(encoding="utf-8") == written.replace('"lecteur-dark"',
                                                              '"lecteur-light"')
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    path.write_text("theme = = broken\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        save_theme("lecteur-light", path)
    assert path.read_text(encoding="utf-8") == "theme = = broken\n"


def test_only_http_links_open() -> None:
    assert checked_url(" https://example.org/a ") == "https://example.org/a"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "-–remote-debugging-port=9222",
                "data:text/html,x", "", None, "ｊａｖａｓｃｒｉｐｔ:alert(1)"):
        try:
            checked_url(bad)
        except RefusedLink:
            continue
        raise AssertionError(bad)
    assert real_host("https://bücher.example/x") == "xn--bcher-kva.example"
