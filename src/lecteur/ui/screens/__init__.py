"""Full screens of the reader: the list, the reading view, search, Quotes, People, help."""
