"""The only writer of files the user sees, always atomically (temp file, fsync, rename)."""
