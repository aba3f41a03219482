"""The only user of sqlite3: the reader's library, one module per family of tables.

`Library` (in `store`) owns the connection and its settings and composes the families:
articles, views (reading state), tags, annotations (highlights and notes), drafts and
quotations. Migrations are named and ordered in `migrations`."""
