"""The only user of sqlite3: the reader's library, one module per family of tables.

`Library` (in `store`) opens the `Database` (`database`: the connection, its settings and
write transactions) and composes the families: `articles`, `views` (reading state),
`tags`, `annotations` (highlights and notes), `drafts`, `quotations` and `people`.
Migrations are named and ordered in `migrations`; the values handed out are in `records`.
"""
