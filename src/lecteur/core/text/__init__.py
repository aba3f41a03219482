"""Pure string functions: sanitising untrusted text, dates, languages, URLs.

Nothing here does input or output; everything else in lecteur may use it."""
