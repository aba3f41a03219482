"""Exports the reader keeps: Markdown files (one per piece, or a cited playbook), cards.

`pieces` is the data an export is made of (built by `lecteur.core.transfer` from the
library), `frontmatter` the YAML serialiser, `filenames` the safe names, `templates` the
Jinja2 layouts (the package's, or the reader's own), `markdown` and `playbook` the writers,
`cards` the quote cards (SVG and text).
"""
