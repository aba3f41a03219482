"""Terminal safety, the sanitiser's half: nothing that could drive a terminal gets through.

A property test over generated strings (random text spliced with escape-sequence shapes:
CSI with random parameters, OSC/DCS/APC/PM/SOS with random payloads and terminators, C1
controls, lone ESC, bidi and invisible characters) plus the corpus of payloads in
`hostile_payloads`. The oracle: no C0 control but newline and tab, no DEL, no C1, hence no
ESC and no sequence at all; one-line fields have no bidi or invisible characters and no
newline; the output is stable (cleaning twice changes nothing), even once concatenated;
ordinary French and emoji text is unchanged. ``LECTEUR_FULL_BATTERY=1`` runs 20,000
examples instead of 3,000.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile_payloads import BIDI_PAYLOADS, PAYLOADS, scan
from lecteur.core.text.sanitize import ESCAPE_MARK, clean_line, clean_text

EXAMPLES = 20_000 if os.environ.get("LECTEUR_FULL_BATTERY") == "1" else 3_000
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
LINE_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064"
    "\u2066-\u2069\ufeff\U000e0000-\U000e007f]")

_INTRODUCERS = ["\x1b[", "\x9b", "\x1b]", "\x9d", "\x1bP", "\x90", "\x1b_", "\x9f", "\x1b^",
                "\x9e", "\x1bX", "\x98", "\x1b", "\x1b\x1b"]
_TERMINATORS = ["\x07", "\x1b\\", "\x9c", "", "\x1b", "\x18"]
_PARAMS = st.text(alphabet="0123456789;:?<=>!$ \"'#%&()*+,-./", max_size=12)
_FINAL = st.characters(min_codepoint=0x20, max_codepoint=0x7e)


@st.composite
def _sequence(draw: st.DrawFn) -> str:
    """One escape-sequence shape, well formed or not."""
    return (draw(st.sampled_from(_INTRODUCERS)) + draw(_PARAMS) + draw(st.text(max_size=8))
            + draw(_FINAL) + draw(st.sampled_from(_TERMINATORS)))


_ATOMS = st.one_of(
    st.text(max_size=20),
    st.text(alphabet="éèàùçœ«» …—€😀👍🏽 abcXYZ", max_size=20),
    _sequence(),
    st.sampled_from(PAYLOADS),
    st.characters(min_codepoint=0, max_codepoint=0x9f).map(str),
    st.sampled_from(["\u202e", "\u2066", "\u200b", "\ufeff", "\U000e0041", "\u061c", "\ud800",
                     "\r", "\r\n", "\n", "\t", "\x00"]),
)
HOSTILE_TEXT = st.lists(_ATOMS, max_size=12).map("".join)


def _assert_safe(out: str, line: bool) -> None:
    assert not CONTROLS.search(out), repr(out)
    assert "\x1b" not in out and not scan(out.encode("utf-8", "surrogatepass"))
    assert not re.search("[\ud800-\udfff]", out), repr(out)
    if line:
        assert not LINE_FORBIDDEN.search(out), repr(out)
        assert out == out.strip()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_TEXT, HOSTILE_TEXT)
def test_property_nothing_that_drives_a_terminal_passes(first: str, second: str) -> None:
    for clean, line in ((clean_text, False), (clean_line, True)):
        out = clean(first)
        _assert_safe(out, line)
        assert clean(out) == out  # stable: cleaning at ingest and at render agree
        joined = out + clean(second)  # two clean fields side by side stay clean
        _assert_safe(joined.strip() if line else joined, line)


@pytest.mark.parametrize("payload", PAYLOADS, ids=[repr(p)[1:30] for p in PAYLOADS])
@pytest.mark.parametrize(("clean", "line"), [(clean_text, False), (clean_line, True)],
                         ids=["text", "line"])
def test_every_payload_of_the_corpus_is_defused(payload: str, clean, line: bool) -> None:
    out = clean("avant " + payload + " après")
    _assert_safe(out, line)
    # A payload ending in a lone ESC makes "ESC SP a" with what follows: a complete
    # (nF) sequence, rightly removed with the letter it swallows.
    assert out.startswith("avant") and out.endswith("près")
    if payload.startswith(("\x1b]", "\x9d")) and payload.endswith(("\x07", "\x1b\\", "\x9c")):
        for secret in ("pwned", "calc.exe", "Y3VybCBldmlsLnNofHNo"):
            assert secret not in out, (payload, out)  # a whole sequence goes, payload and all


def test_sequences_leave_a_visible_mark_not_silence() -> None:
    for payload in ("\x1b]52;c;eA==\x07", "\x1b[2J", "\x9b6n", "\x1bP1$qm\x1b\\"):
        assert ESCAPE_MARK in clean_text("a" + payload + "b")


@pytest.mark.parametrize("payload", BIDI_PAYLOADS)
def test_body_text_keeps_bidi_but_lines_drop_it(payload: str) -> None:
    assert not LINE_FORBIDDEN.search(clean_line(payload))
    assert not CONTROLS.search(clean_text(payload))


def test_two_hundred_lines_of_french_and_emoji_are_unchanged() -> None:
    lines = [f"{n:03d} « Le réseau, ça se cultive », dit Marie-Ève ; œuvre, façade, naïve, "
             f"10 € — 😀👍🏽 — [AFP] Où ? Déjà là…\tfin" for n in range(200)]
    text = "\n".join(lines)
    assert clean_text(text) == text
    assert all(clean_line(line) == line.replace("\t", " ") for line in lines)
