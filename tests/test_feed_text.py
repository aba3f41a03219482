"""A feed entry's text: the quick reading of simple HTML gives what lxml's parse gives."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lecteur.core.extract import feed_text
from lecteur.core.extract.feed_text import feed_blocks
from lecteur.core.models import Block


def blocks_through_lxml(fragment: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Block, ...]:
    """`feed_blocks` with the quick reading turned off: every fragment parsed by lxml."""
    with monkeypatch.context() as patched:
        patched.setattr(feed_text, "_simple_html_text", lambda fragment: None)
        return feed_blocks(fragment)


TAGS = ["p", "div", "h2", "li", "ul", "ol", "blockquote", "pre", "dd", "dt", "a", "b", "em",
        "i", "strong", "span", "code", "q", "s", "u", "small", "cite", "abbr", "kbd",
        "sup", "sub", "mark", "section", "table", "td", "script", "style", "img"]
PIECES = st.one_of(
    st.sampled_from(["word", "deux mots", " ", "  ", "\n", "\t", "\r\n", "é", "Œuvre", "ﬁn",
                     "l’été", "«\u00a0oui\u00a0»", "x>y", "\u200b", "\x07", "\x85"]),
    st.sampled_from(["&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&#39;", "&#233;",
                     "&#x2019;", "&#150;", "&#x85;", "&#1;", "&eacute;", "&", "&amp",
                     "&#xD800;", "&#65535;"]),
    st.builds(lambda close, tag: f"<{'/' if close else ''}{tag}>", st.booleans(),
              st.sampled_from(TAGS)),
    st.sampled_from(['<a href="https://example.org/?a=1">', "<P CLASS='x'>", "<br>", "<br/>",
                     "<br />", "</br>", "<p/>", "<B>", "</B>", "<!-- note -->", "<a href=x>",
                     "<span title=\"a > b\">", "<img src=\"x.png\">", "<![CDATA[x]]>"]),
    st.text(max_size=4),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
@example('<p>a &amp; b</p><p>c<br>d</p>')
@example("<p>a<p>b<div>c</div>")
@example("x<sup>2</sup> <b>y</b>")
@example("<p>a<div>b</div>c</p>d")
@example("<ul><li>un<li>deux</li></ul><p>Fin &nbsp; <em>là</em>.</p>")
def test_simple_fragments_read_quickly_give_lxmls_paragraphs(fragment: str) -> None:
    """Whatever the fragment, the quick reading (when it takes it) gives the paragraphs
    lxml's parse gives; when it does not take it, lxml reads it."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert feed_blocks(fragment) == blocks_through_lxml(fragment, monkeypatch)


@pytest.mark.parametrize("fragment", [
    "<p>Un conseil &amp; deux.</p><p>Puis <a href=\"https://a.example/\">un lien</a>.</p>",
    "Ligne<br>suivante &#8217; &nbsp;fin",
    "<ul><li>un</li><li>deux</li></ul>",
])
def test_common_summaries_are_read_without_lxml(fragment: str) -> None:
    """The summaries most feeds carry take the quick reading (this test fails if a change
    sends them all back to lxml, silently slowing every refresh)."""
    assert feed_text._simple_html_text(fragment) is not None


@pytest.mark.parametrize("fragment", [
    "<p>a<div>b</div>c</p>d",  # libxml2 closes the paragraph: the stray end tag is dropped
    "x<sup>2</sup> <b>y</b>",  # libxml2 drops the space after <sup>
    "Tom & Jerry",
    "<p>a<!-- hidden --></p>",
    "<script>alert(1)</script>ok",
    "<p>&#150;</p>",  # Windows-1252's en dash to html, a C1 control to libxml2
])
def test_fragments_lxml_reads_differently_are_left_to_it(fragment: str) -> None:
    assert feed_text._simple_html_text(fragment) is None


def test_a_long_fragment_that_is_not_simple_is_refused_in_linear_time() -> None:
    """The check cannot backtrack: 200 KB of text ending in a tag it does not take."""
    import time

    fragment = "mot " * 50_000 + "<table>"
    start = time.process_time()
    assert feed_text._simple_html_text(fragment) is None
    assert time.process_time() - start < 1.0  # quadratic backtracking takes minutes


@pytest.mark.parametrize("fragment", ["<p>a\x07b</p>", '<a href="x">&#1;<script></script>mot'])
def test_a_control_character_in_a_summary_costs_only_itself(fragment: str) -> None:
    """lxml parses a control character (written, or as ``&#1;``) and then refuses to set
    a text holding it: that used to raise, and the whole feed failed as malformed."""
    assert [block.text for block in feed_blocks(fragment)] in (["ab"], ["mot"])


CHARACTERS = [*"ab é\u0301\u00a0\t\n\r\x0b\x1f\x85\xad\u2028\u200b\ufeffŒ", "\ud800"]


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(CHARACTERS), max_size=12))
@example("deux  mots")
@example(" devant")
def test_a_paragraph_already_clean_is_taken_as_it_is(part: str) -> None:
    """The quick path for a clean paragraph gives what joining its words and cleaning
    them gives, whatever characters it holds."""
    from lecteur.core.text.sanitize import clean_text

    assert feed_text._paragraph(part) == clean_text(" ".join(part.split()))
