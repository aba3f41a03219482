"""The reader's settings file: ``config.toml`` in the config folder (see ``lecteur dirs``).

```toml
theme = "lecteur-light"          # written back when the reader changes theme
language = "fr"                  # optional: en or fr (--lang wins, then this, then LANG)
export_dir = "~/notes/lecteur"   # optional: where the reader's e writes Markdown files
author_card = "folded"           # written back when the reader folds the card (i)
feed_age_days = 30               # feed items nobody kept leave the Inbox after this (0: never)

[keys]                           # rebind any key by its id (docs/keys.md lists them)
"article.star" = "f,asterisk"

[staleness]                      # advice ages: after how long an article is stale, by tag
salaire = "180d"                 # d (j), w (s), m or y (a): days, weeks, months, years
remerciements = "5y"
default = "2y"                   # the articles no tag above covers ("never": never stale)
```

A file that cannot be read or parsed never stops the reader: the defaults are used and
the problem is said in one sentence. Writing the theme back (`lecteur.core.io.settings`)
changes only the ``theme`` value (folding the author's card, only ``author_card``):
comments and the ``[keys]`` table stay as written.

``feed_age_days``: a feed item that nobody saved, starred, tagged, noted or highlighted
leaves the Inbox once it has been in the library that many days (default 30; 0 keeps
every one there). It is not deleted: its feed's view and search still find it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from lecteur.core.paths import Dirs, dirs

CONFIG_FILE = "config.toml"
CARD_FOLDED, CARD_OPEN = "folded", "open"  # the values of ``author_card``
FEED_AGE_DAYS = 30  # feed items nobody kept leave the Inbox after this many days
DEFAULT_STALE_DAYS = 730  # two years, for articles no tag in [staleness] covers


class Staleness(NamedTuple):
    """After how many days an article is stale: by tag (the names as written in the
    settings), and for the others (`default_days`; None: never)."""

    by_tag: tuple[tuple[str, int], ...] = ()
    default_days: int | None = DEFAULT_STALE_DAYS


@dataclass(frozen=True)
class Config:
    """What the settings file says; `problem` is a sentence when it could not be used."""

    theme: str | None = None
    language: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    export_dir: str | None = None
    card_folded: bool = False  # the reading view shows the author's card as one line
    feed_age_days: int = FEED_AGE_DAYS  # 0: feed items never leave the Inbox by age
    staleness: Staleness = Staleness()  # noqa: RUF009 (a NamedTuple: immutable)
    problem: str | None = None
    path: Path | None = None  # where it was read from, and where the theme is written


def config_path(folders: Dirs | None = None) -> Path:
    """Where the settings file lives (it may not exist); `folders` honours ``--library``."""
    return (folders or dirs()).config / CONFIG_FILE


def load_config(path: Path | None = None) -> Config:
    """Read the settings file; a missing file is the defaults, a broken one too (with why)."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as error:
        return Config(problem=f"{path}: {error}", path=path)
    import tomllib  # here, once there is a file: the reader's start-up is measured

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Config(problem=f"{path}: {error}", path=path)
    days, problem = _days(data.get("feed_age_days", FEED_AGE_DAYS), path)
    staleness, bad = _staleness(data.get("staleness"))
    return Config(
        feed_age_days=days,
        problem=problem or (f"{path}: [staleness] {bad}" if bad else None),
        staleness=staleness,
        theme=_string(data.get("theme")),
        language=_string(data.get("language")),
        keymap=_flatten_keys(data.get("keys")),
        export_dir=_string(data.get("export_dir")),
        card_folded=data.get("author_card") == CARD_FOLDED,
        path=path,
    )


def _days(value: Any, path: Path) -> tuple[int, str | None]:
    """``feed_age_days`` as a whole number of days, else the default and why."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 36500:
        return value, None
    from lecteur.core.catalogue import say

    return FEED_AGE_DAYS, say("config.feed_age_days", path=str(path), default=FEED_AGE_DAYS)


def _staleness(table: Any) -> tuple[Staleness, str | None]:
    """The ``[staleness]`` table read; an entry that is not a length of time is left out
    and named (the rest still apply)."""
    from lecteur.core.text.periods import period_days

    if not isinstance(table, dict):
        return Staleness(), None
    by_tag: list[tuple[str, int]] = []
    default: int | None = DEFAULT_STALE_DAYS
    bad = None
    for name, value in table.items():
        never = isinstance(value, str) and value.strip().lower() in ("never", "jamais")
        days = None if never or not isinstance(value, str) else period_days(value)
        if days is None and not never:
            bad = bad or f"{name} = {value!r}"
            continue
        if name == "default":
            default = days
        elif days is not None:
            by_tag.append((str(name), days))
    return Staleness(tuple(by_tag), default), bad


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _flatten_keys(table: Any, prefix: str = "") -> dict[str, str]:
    """``{"article": {"star": "f"}}`` and ``{"article.star": "f"}`` both give ``article.star``."""
    if not isinstance(table, dict):
        return {}
    keymap: dict[str, str] = {}
    for name, value in table.items():
        if isinstance(value, dict):
            keymap.update(_flatten_keys(value, f"{prefix}{name}."))
        elif isinstance(value, str) and value.strip():
            keymap[f"{prefix}{name}"] = value.replace(" ", "")
    return keymap
