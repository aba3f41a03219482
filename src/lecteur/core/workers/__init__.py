"""The killable extraction pool: worker processes (memory-capped, timed out) and their warm-up."""
