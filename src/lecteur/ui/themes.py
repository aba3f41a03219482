"""The reader's two themes, calm and legible, in Textual's theme system.

``lecteur-dark`` (the default) and ``lecteur-light``; every built-in Textual theme works
too, and whichever the reader picks (``T``, or the palette's theme command) is written
back to the config file. Colours in the stylesheets refer to theme variables only
(``$primary``, ``$quote-bar``, ...), so a theme change restyles everything.
"""

from __future__ import annotations

from textual.theme import Theme

DARK = "lecteur-dark"
LIGHT = "lecteur-light"

THEMES = (
    Theme(
        name=DARK,
        primary="#7FA7C9",
        secondary="#9BB89A",
        accent="#D9A85B",
        warning="#D9A85B",
        error="#D47766",
        success="#8FB87F",
        foreground="#D8D4CB",
        background="#1B1D21",
        surface="#22252A",
        panel="#2A2E35",
        dark=True,
        variables={
            "quote-bar": "#D9A85B",
            "quote-background": "#26241F",
            "highlight-background": "#4A4125",
            "unread": "#7FA7C9",
            "muted": "#8A8F98",
            "footer-key-foreground": "#D9A85B",
        },
    ),
    Theme(
        name=LIGHT,
        primary="#2F5D84",
        secondary="#4F7A4C",
        accent="#A0621A",
        warning="#A0621A",
        error="#A63D2F",
        success="#3F7A34",
        foreground="#2A2824",
        background="#F7F4EE",
        surface="#EFEBE3",
        panel="#E4DED2",
        dark=False,
        variables={
            "quote-bar": "#A0621A",
            "quote-background": "#F1E8D8",
            "highlight-background": "#F6E3A1",
            "unread": "#2F5D84",
            "muted": "#6E6A63",
            "footer-key-foreground": "#A0621A",
        },
    ),
)


def other_theme(current: str) -> str:
    """The theme ``T`` switches to: light from anything dark, dark from anything light."""
    return DARK if current == LIGHT or current.endswith("light") else LIGHT
