"""Find the block quotations in an article's body and say who said each one.

Works on lecteur's blocks (after extraction), so HTML and plain text get the same rules
(see docs/extraction.md and the reading model):

- a ``<blockquote>`` is a quotation; so is a paragraph that opens with « “ or " and closes
  at its end (an attribution may follow the closing mark: ``“…,” said Sam Lee.``), or a
  run of such paragraphs where only the last one closes;
- a French paragraph that ends with » but lost its opening « is a quotation too, and so
  are the paragraphs before it up to a lead-in ending with ":";
- inline quotes inside narrative are not block quotes;
- the speaker is, in this order: a name given by the page's markup (``<cite>``,
  ``<footer>``, ``<figcaption>``) or a ``— Name`` line under the quote; an attribution in
  the quote (``, insiste Marie Tremblay.``, ``said Sam Lee``); the person named last in a
  lead-in ending with ":" (or, for ``Elle ajoute:`` / ``The researcher adds:``, the person
  that role or pronoun refers to); the speaker of the quotation just before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lecteur.core.extract.speakers import Cast, find_names
from lecteur.core.models import Block

OPENERS = "«“\""
CLOSERS = "»”\""
_TRAIL = " \u00a0\u202f.!?…,;)"
_MAX_RUN = 4
_DASH_LINE = re.compile(r"^[—–―-]?\s*([^,(]{3,80}?)\s*(?:[,(].*)?$")
_SPEECH_VERBS = (
    "dit|déclare|explique|précise|ajoute|insiste|souligne|affirme|conclut|lance|rappelle|"
    "poursuit|nuance|résume|observe|note|avoue|raconte|confie|estime|indique|remarque|tranche|"
    "prévient|signale|rassure|conseille|suggère|admet|reconnaît|martèle|illustre|ironise|"
    "said|says|adds|added|explains|explained|notes|noted|recalls|recalled|insists|insisted|"
    "warns|warned|argues|argued|tells|told|laughs|laughed|admits|admitted|continues|continued|"
    "observes|observed|puts it|writes|wrote|suggests|suggested|agrees|agreed|concludes|concluded"
)
_INCISE = re.compile(rf"[,.!?]\s*[»”\"’]?\s*(?:{_SPEECH_VERBS})(?:-t)?(?:-(?:il|elle))?\s+"
                     rf"([^.,;:!?»”\"]{{2,60}})",
                     re.IGNORECASE)
_INCISE_PRONOUN = re.compile(r"\b(?:" + _SPEECH_VERBS + r")-t?-?(il|elle)\b", re.IGNORECASE)
_ROLE_WORDS = re.compile(r"^(?:le|la|l['’]|the|notre|our|son|sa|his|her)\s*[a-zàâçéèêëîïôûùüÿœ-]+$",
                         re.IGNORECASE)
_NAME_SAID = re.compile(rf"[,.!?][»”\"’]\s*([^.,;:!?»”\"]{{2,60}}?)\s+(?:{_SPEECH_VERBS})\b",
                        re.IGNORECASE)


def _opens(text: str) -> bool:
    return text.lstrip()[:1] in OPENERS


def _ends_closed(text: str) -> bool:
    return text.rstrip(_TRAIL)[-1:] in CLOSERS


def _unbalanced_close(text: str) -> bool:
    """A French paragraph ending with » that opened no « (its opening mark was lost)."""
    return text.rstrip(_TRAIL).endswith("»") and text.count("»") > text.count("«")


def _closes(text: str) -> bool:
    """The quotation closes in this paragraph: at its end, or before a short attribution."""
    if _ends_closed(text):
        return True
    last = max(text.rfind(c) for c in CLOSERS)
    return last > 0 and len(text) - last < 80 and bool(_attribution(text[last - 1:]))


def _is_lead_in(block: Block | None) -> bool:
    return block is not None and block.kind == "paragraph" and block.text.rstrip().endswith(":")


def _has_marks(text: str) -> bool:
    return any(c in text for c in "«»“”")


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
    if _opens(block.text):
        return _open_run(blocks, i)
    if _unbalanced_close(block.text):
        return _walk_back_to_lead_in(blocks, i, previous_end), i
    return None


def _closing_marks(text: str) -> int:
    """Closing marks in a paragraph (a straight quote closes every second time)."""
    return text.count("»") + text.count("”") + text.count('"') // 2


def _open_run(blocks: list[Block], i: int) -> tuple[int, int] | None:
    """A quotation opening at paragraph i: closed there, or a few paragraphs later."""
    if _closes(blocks[i].text):
        return i, i
    if _closing_marks(blocks[i].text):
        return None  # narrative that merely starts with a short quote
    for j in range(i + 1, min(len(blocks), i + _MAX_RUN)):
        block = blocks[j]
        if block.kind != "paragraph" or _is_lead_in(block):
            return None
        opens = _opens(block.text)
        if _closes(block.text) and (opens or _closing_marks(block.text) == 1):
            return i, j
        if _has_marks(block.text) and not opens:
            return None
    return None


def _walk_back_to_lead_in(blocks: list[Block], end: int, previous_end: int) -> int:
    """Where a damaged quotation starts: after the lead-in within a few unmarked paragraphs."""
    for start in range(end, max(previous_end, end - _MAX_RUN), -1):
        before = blocks[start - 1] if start > 0 else None
        if _is_lead_in(before):
            return start
        if before is None or before.kind != "paragraph" or _has_marks(before.text):
            break
    return end


def _attribution(tail: str) -> str | None:
    """A speaker named in an attribution after or inside a quotation."""
    match = _INCISE.search(tail) or _NAME_SAID.search(tail)
    return match.group(1).strip() if match else None


def drop_pull_quotes(blocks: list[Block]) -> list[Block]:
    """Drop a short quoted paragraph that repeats words of another block (a pull quote)."""
    lowered = [b.text.lower() for b in blocks]
    kept = []
    for index, block in enumerate(blocks):
        inner = lowered[index].strip(" \u00a0\u202f" + OPENERS + CLOSERS).strip(" .!?…")
        repeated = (
            len(block.text) < 240 and _opens(block.text) and len(inner.split()) >= 4
            and any(inner in other for j, other in enumerate(lowered)
                    if j != index and len(other) > len(lowered[index]))
        )
        if not repeated:
            kept.append(block)
    return kept


def _split_signatures(blocks: list[Block]) -> list[Block]:
    """Set apart a ``— Name, role`` line that ends a quote block (a ``<cite>`` inside it)."""
    out: list[Block] = []
    for block in blocks:
        head, _, last = block.text.rpartition("\n\n")
        if block.kind == "quote" and head and _dash_name(Block("paragraph", last)):
            out += [Block("quote", head), Block("paragraph", last)]
        else:
            out.append(block)
    return out


def attribute(blocks: list[Block], hints: Mapping[str, str] | None = None) -> list[Block]:
    """Merge quotation runs into quote blocks and set each one's speaker."""
    blocks = _split_signatures(drop_pull_quotes(blocks))
    runs = find_runs(blocks)
    starts = {first: last for first, last in runs}
    cast = Cast()
    out: list[Block] = []
    last_speaker: str | None = None
    index = 0
    while index < len(blocks):
        if index not in starts:
            cast.read(blocks[index].text)
            out.append(blocks[index])
            last_speaker = None if blocks[index].kind != "quote" else last_speaker
            index += 1
            continue
        last = starts[index]
        text = "\n\n".join(b.text for b in blocks[index:last + 1])
        lead_in = blocks[index - 1] if index > 0 else None
        dash = _dash_name(blocks[last + 1]) if last + 1 < len(blocks) else None
        speaker = _speaker(text, lead_in, dash, hints or {}, cast, last_speaker)
        cast.read(text)
        cite = blocks[last + 1].text if dash else None
        out.append(Block("quote", text, speaker, cite))
        last_speaker = speaker
        index = last + 1 + (1 if dash else 0)
    return out


def _dash_name(block: Block) -> str | None:
    """The name in a ``— Sam Lee, coach`` line under a quotation."""
    if block.kind != "paragraph" or len(block.text) > 100:
        return None
    text = block.text.strip()
    match = _DASH_LINE.match(text)
    if not match or text.endswith((".", "!", "?", ":")):
        return None
    names = find_names(match.group(1))
    return names[0][1] if names and match.group(1).startswith(names[0][1]) else None


def _speaker(text: str, lead_in: Block | None, dash: str | None, hints: Mapping[str, str],
             cast: Cast, previous: str | None) -> str | None:
    """Who said a quotation, by the rules in the module docstring."""
    hinted = _hint_for(text, hints) or dash
    if hinted:
        return _canonical(hinted, cast)
    inner = _inner_attribution(text, cast)
    if inner:
        return inner
    if _is_lead_in(lead_in):
        assert lead_in is not None
        people = cast.read(lead_in.text)
        if people:
            return people[-1].name  # the speaker is the person named last
        person = cast.referent(lead_in.text)
        return person.name if person else None
    return previous


def _inner_attribution(text: str, cast: Cast) -> str | None:
    """A name or pronoun given inside the quotation (incise or said-after)."""
    for match in list(_INCISE.finditer(text)) + list(_NAME_SAID.finditer(text)):
        candidate = match.group(1).strip()
        if _ROLE_WORDS.match(candidate):
            person = cast.referent(candidate)
            return person.name if person else None
        named = find_names(candidate)
        if named:
            return _canonical(named[0][1], cast)
        surname = cast.by_surname(candidate.split()[0]) if candidate else None
        if surname and (len(candidate.split()) == 1 or match.re is _INCISE):
            return surname.name
    pronoun = _INCISE_PRONOUN.search(text)
    if pronoun:
        person = cast.referent(pronoun.group(1))
        return person.name if person else None
    return None


def _canonical(name: str, cast: Cast) -> str:
    """The full name as the article first gave it, for a name or surname given later."""
    found = find_names(name)
    if found:
        person = cast.people.get(found[0][1]) or cast.by_surname(found[0][1].split()[-1])
        return person.name if person else found[0][1]
    person = cast.by_surname(name.split()[-1]) if name.split() else None
    return person.name if person else name


def _hint_for(text: str, hints: Mapping[str, str]) -> str | None:
    """A speaker the page's markup gives for this quotation's text."""
    key = hint_key(text)
    return next((speaker for start, speaker in hints.items() if key.startswith(start)), None)


def hint_key(text: str) -> str:
    """How quotation text is matched with markup hints: its first words, folded."""
    words = re.findall(r"\w+", text.lower())
    return " ".join(words[:8])
