"""Exports made of many files (Omnivore's): a zip archive or an unpacked folder, read safely.

Nothing is ever extracted to disk: members are read into memory by name, so a name with
``..``, a leading ``/``, a drive or a backslash cannot write anywhere; such names are still
refused (and said), as are encrypted members. A zip bomb is stopped before it costs memory:
the member count, each member's declared size, their total and each one's compression
ratio are checked first, and every read is capped, since declared sizes can lie. In a
folder, symbolic links are not followed and nothing outside the folder is read.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lecteur.core.errors import InvalidInputError

MAX_MEMBERS = 100_000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for members over RATIO_FROM bytes
RATIO_FROM = 1024 * 1024
MAX_DEPTH = 8


def safe_name(name: str) -> bool:
    """Whether an archive member's name stays inside the archive (no ``..``, no root)."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    parts = PurePosixPath(name).parts
    return not (parts and ":" in parts[0]) and ".." not in parts


@dataclass
class Bundle:
    """The files of a zip archive or a folder, by their ``/``-separated relative names."""

    names: list[str]
    refused: list[str] = field(default_factory=list)
    _zip: zipfile.ZipFile | None = None
    _folder: Path | None = None
    _files: dict[str, bytes] | None = None
    _read: int = 0
    _known: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self._known = frozenset(self.names)

    def read(self, name: str) -> bytes | None:
        """One member's bytes, None if there is no such member; raises past the limits."""
        if name not in self._known:
            return None
        if self._files is not None:
            data = self._files[name]
        elif self._zip is not None:
            with self._zip.open(name) as handle:
                data = handle.read(MAX_MEMBER_BYTES + 1)
        else:
            assert self._folder is not None
            with (self._folder / name).open("rb") as handle:
                data = handle.read(MAX_MEMBER_BYTES + 1)
        self._read += len(data)
        if len(data) > MAX_MEMBER_BYTES or self._read > MAX_TOTAL_BYTES:
            raise InvalidInputError("import.bundle_too_large")
        return data

    def close(self) -> None:
        """Close the archive, if it is one."""
        if self._zip is not None:
            self._zip.close()


def is_zip(data: bytes) -> bool:
    """Whether bytes start like a zip archive."""
    return data.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def open_zip(data: bytes) -> Bundle:
    """The members of a zip archive held in memory; raises `InvalidInputError` for a bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise InvalidInputError("import.bad_zip", reason=error) from None
    if len(infos) > MAX_MEMBERS:
        raise InvalidInputError("import.bundle_too_large")
    names: list[str] = []
    refused: list[str] = []
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        if not safe_name(info.filename) or info.flag_bits & 0x1:
            refused.append(info.filename)
            continue
        total += info.file_size
        ratio_high = (info.file_size > RATIO_FROM
                      and info.file_size > MAX_RATIO * max(1, info.compress_size))
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES or ratio_high:
            raise InvalidInputError("import.bundle_too_large")
        names.append(info.filename)
    return Bundle(names, refused, _zip=archive)


def open_folder(folder: Path) -> Bundle:
    """The regular files under `folder` (symbolic links not followed), `MAX_DEPTH` deep."""
    names: list[str] = []
    pending: list[tuple[Path, int]] = [(folder, 0)]
    while pending:
        here, depth = pending.pop()
        with os.scandir(here) as found:
            for entry in sorted(found, key=lambda e: e.name):
                if entry.is_symlink():
                    continue
                if entry.is_dir() and depth < MAX_DEPTH:
                    pending.append((Path(entry.path), depth + 1))
                elif entry.is_file():
                    names.append(Path(entry.path).relative_to(folder).as_posix())
                if len(names) > MAX_MEMBERS:
                    raise InvalidInputError("import.bundle_too_large")
    return Bundle(sorted(names), _folder=folder)
