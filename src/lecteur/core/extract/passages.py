"""Cut a paragraph into quoted and unquoted stretches, and judge its shape.

A paragraph is a block quotation when it opens with a quotation mark and is made only of
quoted words and attributions (``“…,” said Sam Lee, a coach at … .``, ``« … », a déclaré
X. « … »``, ``“So,” Alito declared, “…”``); a short narrative beat between two quoted parts
(``She pulls a face.``) is allowed. A paragraph that opens a quotation and leaves it open
is the first of a multi-paragraph quotation. Narrative that merely contains quotes is not
a quotation. Nested quotes (``‘…’`` inside ``“…”``, ``“…”`` inside ``«…»``) stay inside
the outer quotation, so ``…,’” Bloomberg said`` closes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lecteur.core.extract.attribution import Attribution, continues_sentence, is_label, parse
from lecteur.core.extract.verbs import verb_pattern

OPENERS = "«“\""
CLOSERS = "»”\""
_PAIRS = {"«": "»", "“": "”", "\"": "\""}
_SPACE = " \u00a0\u202f\t\n"
_MAX_BEAT_WORDS = 14
_QUOTATION_WORDS = 4  # fewer quoted words are a term in a sentence ("“Hydrate” was …")
_DASHES = "—–―"
_INCISE_BEFORE = re.compile(r"[,.!?…»”]\s+$")
_MARKS = re.compile("[«»“”\"]")
_LABEL = re.compile(r"^[^«“\":]{2,40}:\s*[«“\"]")


@dataclass(frozen=True)
class Stretch:
    """A run of a paragraph's text, inside quotation marks or not."""

    text: str
    quoted: bool


def stretches(text: str) -> tuple[list[Stretch], bool]:
    """The paragraph's stretches in order, and whether a quotation is still open at its end."""
    out: list[Stretch] = []
    stack: list[str] = []
    start = 0
    for mark in _MARKS.finditer(text):
        char, index = mark.group(0), mark.start()
        if char in _PAIRS and (char != "\"" or not stack or stack[-1] != "\""):
            if not stack:
                _push(out, text[start:index], False)
                start = index
            stack.append(_PAIRS[char])
        elif char in CLOSERS and stack:
            stack.pop()
            if not stack:
                _push(out, text[start:index + 1], True)
                start = index + 1
    _push(out, text[start:], bool(stack))
    return out, bool(stack)


def _push(out: list[Stretch], text: str, quoted: bool) -> None:
    if text:
        out.append(Stretch(text, quoted))


def labelled(text: str) -> bool:
    """A ``Name: “…”`` transcript line (checked cheaply before its shape is read)."""
    return bool(_LABEL.match(text)) and shape(text).label is not None


def opens(text: str) -> bool:
    """The paragraph starts with a quotation mark (spaces and a dash before it allowed)."""
    return text.lstrip(_SPACE + _DASHES)[:1] in OPENERS


def dialogue_turn(text: str) -> bool:
    """A dialogue line: a paragraph that opens with a dash and a space (``— Oui, dit-il.``)."""
    stripped = text.lstrip(_SPACE)
    return stripped[:1] in _DASHES and stripped[1:2] in _SPACE and len(stripped) > 3


@dataclass(frozen=True)
class Shape:
    """What a paragraph is, as a quotation."""

    whole: bool  # only quoted words and attributions, closed at its end
    open_end: bool  # a quotation opened and not closed: more paragraphs follow
    attributions: tuple[Attribution, ...]  # in order
    label: Attribution | None = None  # a "Name:" speaker label before the quotation


def shape(text: str) -> Shape:
    """Judge a paragraph by its stretches (see the module docstring)."""
    parts, still_open = stretches(text)
    label = None
    if parts and not parts[0].quoted:
        label = is_label(parts[0].text) if len(parts) > 1 else None
        if label is None and parts[0].text.strip(_SPACE + _DASHES):
            return Shape(False, False, ())
        parts = parts[1:]
    if _quoted_term(parts):
        return Shape(False, False, (), label)
    found: list[Attribution] = []
    for index, part in enumerate(parts):
        if part.quoted or not part.text.strip(_SPACE + ",.;:!?…)"):
            continue
        last = index == len(parts) - 1
        quoted_before = index > 0 and len(parts[index - 1].text.split()) >= _QUOTATION_WORDS
        attribution = parse(part.text, whole=last, loose=quoted_before)
        if attribution is not None:
            found.append(attribution)
        elif last or len(part.text.split()) > _MAX_BEAT_WORDS:
            return Shape(False, False, tuple(found), label)
    whole = bool(parts) and not still_open
    return Shape(whole, still_open and bool(parts), tuple(found), label)


def _quoted_term(parts: list[Stretch]) -> bool:
    """A paragraph opening on a quoted word or two that its sentence goes on from
    ("“Hydrate” was the child's favourite word, …"): a term in narrative, not a quotation.
    ``« Non » répond-il`` and ``“No,” he said`` are quotations."""
    if len(parts) < 2 or not parts[0].quoted:
        return False
    inner = parts[0].text.strip(_SPACE + OPENERS + CLOSERS)
    after = parts[1].text.lstrip(_SPACE)
    if len(inner.split()) >= _QUOTATION_WORDS or inner.endswith((",", ".", "!", "?", "…")):
        return False
    verb = verb_pattern().search(after)
    return bool(after) and (verb is None or verb.start() > 0) and continues_sentence(after)


def inner_attributions(text: str) -> list[Attribution]:
    """Attributions inside text with no usable marks: incises (``…, insiste Marie Tremblay.
    …``, ``…, explique-t-il.``) in a blockquote or a damaged quotation."""
    found = []
    for match in verb_pattern().finditer(text):
        if not _INCISE_BEFORE.search(text[max(0, match.start() - 4):match.start()]):
            continue
        attribution = parse(text[match.start():])
        if attribution is not None:
            found.append(attribution)
    return found


def split_voices(text: str) -> list[str]:
    """A paragraph of quotations whose attributions name two different people, cut where
    the second person's words begin (``« … » insiste X. « … » explique Y.``)."""
    parts, _open = stretches(text)
    described = shape(text)
    names = [a.name for a in described.attributions if a.name]
    if not described.whole or len(set(names)) < 2:
        return [text]
    first = names[0]
    seen = False
    offset = 0
    for part in parts:
        if not part.quoted and seen:
            attribution = parse(part.text)
            if attribution is not None and attribution.name and attribution.name != first:
                break
        if not part.quoted:
            attribution = parse(part.text)
            if attribution is not None and attribution.name == first:
                cut = offset + len(part.text)
                head, tail = text[:cut].strip(), text[cut:].strip()
                return [head, *split_voices(tail)] if head and tail else [text]
        seen = seen or part.quoted
        offset += len(part.text)
    return [text]
