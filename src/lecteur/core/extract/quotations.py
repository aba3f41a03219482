"""Find the block quotations in an article's body and say who said each one.

Works on lecteur's blocks (after extraction), so HTML and plain text get the same rules
(docs/extraction.md):

- a ``<blockquote>`` is a quotation, unless it holds nobody's words (a "Summary" box, a
  "Lire aussi" link, an embed placeholder): then it is a ``callout``;
- a paragraph made only of quoted words and attributions is a quotation
  (`lecteur.core.extract.passages`), and so is a run of paragraphs where each reopens the
  quotation and only the last closes it (headings and "Lire aussi" lines between them are
  set aside), a dialogue turn (``— Oui, dit-il.``), a ``Name: “…”`` transcript line;
- a French paragraph that ends with » but lost its opening « is a quotation too, with the
  paragraphs before it up to a lead-in ending with ":" or an incise naming the speaker;
- a pull quote that repeats the body, whole or shortened, is shown once, in the body.

Who said it is decided by `lecteur.core.extract.voices`.
"""

from __future__ import annotations

from collections.abc import Mapping

from lecteur.core.extract.passages import (
    dialogue_turn,
    inner_attributions,
    labelled,
    opens,
    shape,
    split_voices,
)
from lecteur.core.extract.repeats import MIN_WORDS, Folded, Joined
from lecteur.core.extract.signatures import is_callout, signature
from lecteur.core.extract.voices import Hint, Voices, hint_key

__all__ = ["attribute", "drop_pull_quotes", "find_runs", "hint_key", "pull_quotes"]
from lecteur.core.models import Block

_TRAIL = " \u00a0\u202f.!?…,;)"
_MAX_RUN = 10
_PULL_QUOTE_MAX = 400
_MARKS = "«“\"»”\".!?…"


def _is_lead_in(block: Block | None) -> bool:
    return block is not None and block.kind == "paragraph" and block.text.rstrip().endswith(":")


def _has_marks(text: str) -> bool:
    return any(c in text for c in "«»“”")


def _unbalanced_close(text: str) -> bool:
    """A French paragraph ending with » that opened no « (its opening mark was lost)."""
    return text.rstrip(_TRAIL).endswith("»") and text.count("»") > text.count("«")


def _aside(block: Block) -> bool:
    """A block that may sit inside a long testimony without ending it."""
    return block.kind in ("heading", "callout") or (
        block.kind == "paragraph" and len(block.text) < 160 and is_callout(block.text))


def find_runs(blocks: list[Block]) -> list[tuple[int, int]]:
    """The (first, last) block indexes of every block quotation, in order."""
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(blocks):
        run = _run_at(blocks, index, runs[-1][1] if runs else -1)
        if run:
            runs.append(run)
            index = run[1] + 1
        else:
            index += 1
    return runs


def _run_at(blocks: list[Block], i: int, previous_end: int) -> tuple[int, int] | None:
    block = blocks[i]
    if block.kind == "quote":
        return i, i
    if block.kind != "paragraph":
        return None
    text = block.text
    if dialogue_turn(text):
        return (i, i) if _dialogue(blocks, i) else None
    if opens(text) or labelled(text):
        return _open_run(blocks, i)
    if _unbalanced_close(text):
        return _walk_back(blocks, i, previous_end), i
    return None


def _dialogue(blocks: list[Block], i: int) -> bool:
    """A dash line is a turn of dialogue if it names its speaker or has a neighbour turn."""
    neighbours = [blocks[j] for j in (i - 1, i + 1) if 0 <= j < len(blocks)]
    return bool(inner_attributions(blocks[i].text)) or any(
        b.kind == "paragraph" and dialogue_turn(b.text) for b in neighbours)


def _open_run(blocks: list[Block], i: int) -> tuple[int, int] | None:
    """A quotation opening at paragraph i: closed there, or some paragraphs later."""
    first = shape(blocks[i].text)
    if first.whole:
        return i, i
    if not first.open_end:
        return None
    for j in range(i + 1, min(len(blocks), i + _MAX_RUN)):
        block = blocks[j]
        if _aside(block):
            continue
        if block.kind != "paragraph" or _is_lead_in(block):
            return None
        following = shape(block.text if opens(block.text) else "“" + block.text)
        if following.whole:
            return i, j
        if not following.open_end or not opens(block.text):
            return None
    return None


def _walk_back(blocks: list[Block], end: int, previous_end: int) -> int:
    """Where a damaged quotation starts: after its lead-in, or at the incise naming the
    speaker, within a few unmarked paragraphs."""
    for start in range(end, max(previous_end, end - 4), -1):
        before = blocks[start - 1] if start > 0 else None
        if _is_lead_in(before):
            return start
        if before is None or before.kind != "paragraph" or _has_marks(before.text):
            break
        if inner_attributions(before.text):
            return start - 1
    return end


def drop_pull_quotes(blocks: list[Block]) -> list[Block]:
    """Drop a short quotation that repeats words of another, longer block (a pull quote or
    an embed shown twice), whole or shortened; see `pull_quotes`."""
    return pull_quotes(blocks)[0]


def pull_quotes(blocks: list[Block]) -> tuple[list[Block], set[str]]:
    """The blocks with pull quotes shown once, and the texts of those left speakerless.

    A short quotation whose words a longer block gives as they are (white space ignored)
    is dropped: the body shows it. One that shortens a longer block ("…", "[…]", other
    marks and case: `lecteur.core.extract.repeats`) is dropped if that block is a
    quotation, which shows it with its speaker. If that block is narrative quoting
    someone (the testimony is not a quotation of its own there), the pull quote stays a
    quotation with no speaker, never the next person named; if it is narrative without
    quotation marks, it is the author's own line set apart: a callout.
    """
    candidates = [index for index, block in enumerate(blocks) if _may_repeat(block)]
    if not candidates:
        return blocks, set()
    bare = Joined(["".join(block.text.lower().split()) for block in blocks])
    folded = Folded([block.text for block in blocks])
    out = list(blocks)
    orphans: set[str] = set()
    dropped = set()
    for index in candidates:
        body, whole = _repeated_block(blocks, index, bare, folded)
        if body is None:
            continue
        if whole or body.kind == "quote" or opens(body.text):
            dropped.add(index)
        elif _has_marks(body.text) or '"' in body.text:
            orphans.add(blocks[index].text)
        else:
            out[index] = Block("callout", blocks[index].text, links=blocks[index].links)
    return [block for index, block in enumerate(out) if index not in dropped], orphans


def _repeated_block(blocks: list[Block], index: int, bare: Joined, folded: Folded,
                    ) -> tuple[Block | None, bool]:
    """The longer block whose words the quotation at `index` repeats, if any, and whether
    it gives them all as they are (white space ignored) rather than shortened
    (`lecteur.core.extract.repeats`)."""
    size = len(bare.texts[index])
    for j in bare.holding(bare.texts[index].strip(_MARKS)):  # the blocks holding it, in order
        if j != index and len(bare.texts[j]) > size:
            return blocks[j], True
    source = folded.repeated(index, _said(blocks[index]))
    return (None, False) if source is None else (blocks[source], False)


def _may_repeat(block: Block) -> bool:
    """A short quotation (a blockquote, or a paragraph opening with a quotation mark)."""
    return (block.kind == "quote" or opens(block.text)) and \
        len(block.text) < _PULL_QUOTE_MAX and len(block.text.split()) >= MIN_WORDS


def _said(block: Block) -> str:
    """A quotation's words without the signature line under it ("— Name, role")."""
    parts = block.text.split("\n\n")
    return "\n\n".join(parts[:-1]) if len(parts) > 1 and signature(parts[-1]) else block.text


def _split_signatures(blocks: list[Block]) -> list[Block]:
    """Set apart the signature that ends a quote block (``— Name``, a tweet's credit), and
    turn a blockquote holding nobody's words into a callout."""
    out: list[Block] = []
    for block in blocks:
        if block.kind != "quote":
            out.append(block)
            continue
        parts = block.text.split("\n\n")
        for cut in range(len(parts) - 1, 0, -1):
            if signature(parts[cut]):
                out += [Block("quote", "\n\n".join(parts[:cut])),
                        Block("paragraph", " ".join(parts[cut:]))]
                break
        else:
            out.append(Block("callout", block.text, links=block.links) if is_callout(block.text)
                       else block)
    return out


def _split_voices(blocks: list[Block]) -> list[Block]:
    """Paragraphs that quote two people one after the other become two paragraphs."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "paragraph" and opens(block.text):
            out += [Block("paragraph", piece) for piece in split_voices(block.text)]
        else:
            out.append(block)
    return out


def attribute(blocks: list[Block], hints: Mapping[str, Hint] | None = None) -> list[Block]:
    """Merge quotation runs into quote blocks and set each one's speaker."""
    blocks, orphans = pull_quotes(blocks)
    blocks = _split_voices(_split_signatures(blocks))
    starts = dict(find_runs(blocks))
    voices = Voices(hints or {})
    out: list[Block] = []
    index = 0
    final = max(starts.values(), default=-1)
    while index < len(blocks):
        if index > final:  # no quotation after here: the cast is not needed any more
            out += blocks[index:]
            break
        if index not in starts:
            voices.narrative(blocks[index], blocks[index + 1:index + 2])
            out.append(blocks[index])
            index += 1
            continue
        last = starts[index]
        parts = [b for b in blocks[index:last + 1] if not _aside(b) or b.kind == "quote"]
        asides = [b for b in blocks[index:last + 1] if b not in parts]
        following = blocks[last + 1] if last + 1 < len(blocks) else None
        sign = signature(following.text) if following and following.kind == "paragraph" \
            else None
        lead_in = blocks[index - 1] if index > 0 and _is_lead_in(blocks[index - 1]) else None
        if len(parts) == 1 and parts[0].text in orphans and not sign:
            out.append(Block("quote", parts[0].text))  # a pull quote of a testimony in
        else:  # the narrative: its words are someone's, but not the next person's named
            out.append(voices.quotation(parts, lead_in, sign, following if sign else None,
                                        blocks[last + 1:last + 2]))
        out += asides
        index = last + 1 + (1 if sign else 0)
    return out

