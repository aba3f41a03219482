"""The real ``lecteur`` in a pseudo-terminal, for tests where the bytes and the time matter.

`Terminal` starts ``python -m lecteur ARGS`` with a pty as its terminal, keeps every byte the
program writes (so a test can look for escape sequences it must never send), types keys,
and measures how long the program takes to end.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path


class Terminal:
    """One program in a pseudo-terminal of 100 x 30 cells."""

    def __init__(self, args: list[str], home: Path, env: Mapping[str, str] | None = None,
                 command: list[str] | None = None, size: tuple[int, int] = (100, 30)) -> None:
        """Start ``python -m lecteur ARGS`` (or `command` followed by ARGS) in a pty."""
        master, slave = pty.openpty()
        os.set_blocking(master, False)
        environment = {**os.environ, "LECTEUR_HOME": str(home), "TERM": "xterm-256color",
                       "COLUMNS": str(size[0]), "LINES": str(size[1]), "LANG": "en_US.UTF-8",
                       "LC_ALL": "en_US.UTF-8", **(env or {})}
        for name in ("NO_COLOR", "TEXTUAL", "LECTEUR_LANG"):
            environment.pop(name, None)
        self.master = master
        self.output = b""
        if size != (100, 30):
            import fcntl
            import struct
            import termios

            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        program = command or [sys.executable, "-m", "lecteur"]
        self.started = time.monotonic()
        self.process = subprocess.Popen([*program, *args],
                                        env=environment, stdin=slave, stdout=slave,
                                        stderr=slave, close_fds=True)
        os.close(slave)

    def read(self, seconds: float) -> bytes:
        """Whatever arrives within `seconds`."""
        start = len(self.output)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            wait = min(0.1, max(0.0, end - time.monotonic()))
            if not self._read_once(wait) and self.process.poll() is not None:
                break
        return self.output[start:]

    def read_until(self, needle: bytes, seconds: float = 20.0) -> bool:
        """Read until `needle` appears in what arrived since this call; whether it did."""
        start = len(self.output)
        end = time.monotonic() + seconds
        while needle not in self.output[start:] and time.monotonic() < end:
            if not self._read_once(0.1) and self.process.poll() is not None:
                break
        return needle in self.output[start:]

    def _read_once(self, wait: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], wait)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except (BlockingIOError, OSError):
            return False
        self.output += data
        return bool(data)

    def type(self, keys: bytes | str, pause: float = 0.3) -> None:
        """Type `keys`, then read what the program answers for `pause` seconds."""
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)
        self.read(pause)

    def wait_exit(self, seconds: float) -> int | None:
        """Keep reading until the program ends (its status) or `seconds` pass (None)."""
        end = time.monotonic() + seconds
        while self.process.poll() is None and time.monotonic() < end:
            self._read_once(0.05)
        self.read(0.1)
        return self.process.poll()

    def close(self) -> None:
        """Kill the program if it still runs, and close the terminal."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
