"""The author card: names and bylines, the places a page states its author, and the merge."""
