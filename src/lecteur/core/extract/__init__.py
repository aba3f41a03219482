"""From a page's text to an `Article`: str in, Article out, nothing else.

The clean body (trafilatura's tree walked into blocks), plain-text articles, page furniture,
block quotations and their speakers, the author card. Never touches the network, the
library or the worker pool."""
