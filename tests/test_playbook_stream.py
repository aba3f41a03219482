"""The streamed playbook's pieces give what the whole-string functions gave.

`tidied` must be `tidy` of the chunks put end to end however they are cut, `composed` the
same bytes as `compose`, `reader_part_at` the same answer as `split` (the file read line
by line), and the scratch store must give its groups back in Python's order of names.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lecteur.core.io.export import markdown
from lecteur.core.io.export.frontmatter import front_matter, streamed_front_matter
from lecteur.core.io.export.playbook import group_key
from lecteur.core.library.scratch import Scratch

_TEXT = st.lists(st.sampled_from(["a", "é", " ", "\t", "\n", "\n\n", "x y", "\r", "-->"]),
                 max_size=40).map("".join)


def _cut(text: str, cuts: list[int]) -> list[str]:
    points = sorted({min(c, len(text)) for c in cuts})
    return [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.lists(st.integers(min_value=0, max_value=80), max_size=6))
def test_tidied_is_tidy_however_the_text_is_cut(text: str, cuts: list[int]) -> None:
    assert "".join(markdown.tidied(_cut(text, cuts))) == markdown.tidy(text)


def test_tidied_is_tidy_across_batches(monkeypatch) -> None:
    monkeypatch.setattr(markdown, "_TIDY_BATCH", 3)
    text = "  \n\na  \n\n\n\nb\t\n \nc\n\n\n  "
    assert "".join(markdown.tidied(list(text))) == markdown.tidy(text)


@settings(max_examples=100, deadline=None)
@given(_TEXT, _TEXT)
def test_composed_is_compose(part: str, own: str) -> None:
    whole = markdown.compose(part, own, "keep")
    assert "".join(markdown.composed(_cut(part, [3, 9]), [own], "keep")) == whole


@settings(max_examples=150, deadline=None)
@given(_TEXT, _TEXT, st.sampled_from(["none", "same", "edited"]))
def test_reader_part_at_is_split(tmp_path_factory, part: str, own: str, how: str) -> None:
    path = tmp_path_factory.mktemp("pb") / "playbook.md"
    whole = markdown.compose(markdown.tidy(part), own, "keep")
    text = {"none": part + own, "same": whole, "edited": "x" + whole}[how]
    path.write_text(text, encoding="utf-8", newline="")
    existing = path.read_text(encoding="utf-8")
    start = markdown.reader_part_at(path)
    expected = markdown.split(existing)
    assert (start is None) == (expected is None)
    if expected is not None and start is not None:
        assert "".join(markdown.lines_from(path, start)) == expected[1]


def test_the_front_matter_streams_as_it_was_written() -> None:
    fields = {"title": "Carnet", "made": "2026", "group_by": "tag"}
    items = [{"title": "a\nb", "lecteur_id": 3}, {"title": "c", "author": None}]
    for listed in (items, []):
        assert "".join(streamed_front_matter(fields, "sources", iter(listed))) == \
            front_matter({**fields, "sources": listed})


def test_the_scratch_store_gives_groups_in_python_order() -> None:
    names = ["été", "Zoé", "zoe", "ÉTÉ", "a", "\u00e9t\u00e9", "b", "Ωmega", "😀", "Zoé"]
    with Scratch() as scratch:
        for n, name in enumerate(names):
            scratch.add("passages", str(n), group_key(name))
        keys = list(scratch.keys("passages"))
        assert keys == sorted({group_key(name) for name in names})
        assert scratch.key_count("passages") == len(keys)
        zoe = group_key("Zoé")
        assert list(scratch.rows("passages", zoe)) == ["1", "9"]
        assert scratch.count("passages", zoe) == 2
        assert list(scratch.rows("passages")) == [str(n) for n in range(len(names))]


def test_nothing_is_left_on_disk(tmp_path: Path) -> None:
    scratch = Scratch()
    scratch.add("x", "y")
    assert list(scratch.rows("x")) == ["y"]
    scratch.close()


def test_reader_part_at_keeps_a_lone_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "playbook.md"
    for text in ("\n" + markdown.marker_line("\n", "keep") + "\nmine\n",
                 markdown.compose("\n", "mine\n", "keep"), markdown.compose("", "", "keep")):
        path.write_text(text, encoding="utf-8")
        start, parts = markdown.reader_part_at(path), markdown.split(text)
        assert (start is None) == (parts is None)
        if start is not None and parts is not None:
            assert "".join(markdown.lines_from(path, start)) == parts[1]



class _ClosedPipe:
    """Standard output whose reader has gone (``| head``)."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_ends_a_streamed_export_quietly(tmp_path: Path, monkeypatch,
                                                      capsys) -> None:
    """``lecteur export --single-file - | head`` (or ``--format json``): the reader of the
    pipe leaving is no failure to write (it was "The export could not be written")."""
    from lecteur.cli import main
    from lecteur.core.library.store import Library

    Library(tmp_path / "library.sqlite3").close()
    monkeypatch.delenv("LECTEUR_HOME", raising=False)
    for args in (["--single-file", "-"], ["--format", "json"]):
        monkeypatch.setattr("sys.stdout", _ClosedPipe())
        assert main(["--library", str(tmp_path), "export", *args]) == 0
        assert "could not be written" not in capsys.readouterr().err
