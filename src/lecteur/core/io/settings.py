"""Writing the reader's choices back into ``config.toml``, keeping what the person wrote.

The file is edited as a TOML document (tomlkit), not as text: comments, blank lines, the
order of keys and the ``[keys]`` table stay as they were; only the value set changes.
"""

from __future__ import annotations

from pathlib import Path

from lecteur.core.config import CARD_FOLDED, CARD_OPEN, config_path
from lecteur.core.errors import ConfigError
from lecteur.core.io.atomic import write_atomically


def set_theme(text: str, theme: str) -> str:
    """`text` (a config file) with its top-level ``theme`` set to `theme`."""
    return set_top_level(text, "theme", theme)


def set_top_level(text: str, key: str, value: str) -> str:
    """`text` with the top-level `key` set to `value`; a new key goes on the first line.

    Raises ValueError (tomlkit's ParseError) if `text` is not TOML: the caller keeps the
    file as it is rather than overwrite what the person wrote.
    """
    import tomlkit

    document = tomlkit.parse(text)
    if key in document:
        document[key] = value
        return tomlkit.dumps(document)
    # At the top, a key is top-level whatever tables follow; the rest stays byte for byte.
    return tomlkit.dumps({key: value}) + text


def save_theme(theme: str, path: Path | None = None) -> None:
    """Remember the theme in the settings file (created if missing), atomically."""
    save_setting("theme", theme, path)


def save_card_folded(folded: bool, path: Path | None = None) -> None:
    """Remember whether the author's card is folded (``author_card``), atomically."""
    save_setting("author_card", CARD_FOLDED if folded else CARD_OPEN, path)


def save_setting(key: str, value: str, path: Path | None = None) -> None:
    """Set one top-level value in the settings file (created if missing), atomically."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    try:
        updated = set_top_level(text, key, value)
    except ValueError as error:
        raise ConfigError("config.invalid_toml", path=path, reason=str(error),
                          key=key) from None
    write_atomically(path, updated)
