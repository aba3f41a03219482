"""Modal dialogs over a screen: add a URL, tags, a note, the links of an article."""
