"""The library's schema, as named, ordered migrations.

The schema version is SQLite's ``PRAGMA user_version``: migration N (1-based) brings a
library from version N-1 to N. Each runs in its own ``BEGIN IMMEDIATE`` transaction that
re-reads the version first (another lecteur may have migrated meanwhile) and sets the new
version before ``COMMIT``, so a crash leaves either the old schema or the new one, never
half of each. Append new migrations; never edit one that has shipped.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from typing import NamedTuple

from lecteur.core.errors import NewerLibraryError


class Migration(NamedTuple):  # not a dataclass: ~1 ms less on every start-up
    """One step of the schema's history.

    `rebuilds` says that the step rebuilds a table other tables point to: foreign keys are
    then switched off around its transaction (SQLite cannot do that inside one, and
    dropping the old table would otherwise cascade to every note and highlight), and
    ``PRAGMA foreign_key_check`` must find nothing broken before it commits.
    """

    name: str
    apply: Callable[[sqlite3.Connection], None]
    rebuilds: bool = False


def _initial_schema(conn: sqlite3.Connection) -> None:
    """Articles, their quotations, and the full-text index."""
    for statement in (
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            url TEXT,
            source TEXT NOT NULL,
            title TEXT NOT NULL,
            date TEXT,
            language TEXT,
            sitename TEXT,
            author_name TEXT,
            author TEXT,
            blocks TEXT NOT NULL,
            links TEXT NOT NULL DEFAULT '[]',
            word_count INTEGER NOT NULL,
            reading_minutes INTEGER NOT NULL,
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX articles_by_added ON articles (added_at DESC, id DESC)",
        """CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            speaker TEXT
        )""",
        "CREATE INDEX quotes_by_article ON quotes (article_id)",
        "CREATE INDEX quotes_by_speaker ON quotes (speaker)",
        # Contentless: the folded text is only needed to find rows, never to show them.
        """CREATE VIRTUAL TABLE search USING fts5 (
            title, author, site, body, content='', tokenize='unicode61 remove_diacritics 2'
        )""",
    ):
        conn.execute(statement)


def _reading_state(conn: sqlite3.Connection) -> None:
    """Reading state (saved, starred, archived, read, progress), tags, highlights, notes.

    Also the drafts of notes being written (autosaved, so a crash loses at most seconds of
    typing), a small key-value table for library-wide facts (the demo was loaded), and
    the indexes the reader's paged lists need so that a page never scans the whole table.
    """
    for column in (
        "saved INTEGER NOT NULL DEFAULT 0",
        "starred INTEGER NOT NULL DEFAULT 0",
        "archived INTEGER NOT NULL DEFAULT 0",
        "demo INTEGER NOT NULL DEFAULT 0",
        "read_at TEXT",
        "progress REAL NOT NULL DEFAULT 0",
        "position INTEGER NOT NULL DEFAULT 0",
    ):
        conn.execute(f"ALTER TABLE articles ADD COLUMN {column}")
    # Everything in a version-1 library was put there by `lecteur add`: the reader saved it.
    conn.execute("UPDATE articles SET saved = 1")
    for statement in (
        "CREATE INDEX articles_by_archived ON articles (archived, added_at DESC, id DESC)",
        "CREATE INDEX articles_by_saved ON articles (saved, archived, added_at DESC, id DESC)",
        "CREATE INDEX articles_by_starred ON articles (starred, added_at DESC, id DESC)",
        "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE)",
        """CREATE TABLE article_tags (
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
            PRIMARY KEY (article_id, tag_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id)",
        """CREATE TABLE highlights (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            block_index INTEGER NOT NULL,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX highlights_by_article ON highlights (article_id, block_index)",
        """CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            block_index INTEGER,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX notes_by_article ON notes (article_id, block_index)",
        "CREATE TABLE drafts (key TEXT PRIMARY KEY, text TEXT NOT NULL, updated_at TEXT NOT NULL)",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ):
        conn.execute(statement)


def _kept_quotes(conn: sqlite3.Connection) -> None:
    """Quotations the reader keeps, and where each sits in its article (for notes)."""
    conn.execute("ALTER TABLE quotes ADD COLUMN kept INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE quotes ADD COLUMN block_index INTEGER")
    conn.execute("CREATE INDEX quotes_kept ON quotes (kept) WHERE kept = 1")
    for article_id, blocks in conn.execute("SELECT id, blocks FROM articles"):  # streamed
        quote_blocks = [i for i, b in enumerate(json.loads(blocks)) if b["kind"] == "quote"]
        conn.executemany(
            "UPDATE quotes SET block_index = ? WHERE article_id = ? AND position = ?",
            [(index, article_id, position) for position, index in enumerate(quote_blocks)],
        )


_LIVE_INDEXES = (  # the views' indexes, rebuilt to hold only the articles outside the trash
    ("articles_by_archived", "archived, added_at DESC, id DESC"),
    ("articles_by_saved", "saved, archived, added_at DESC, id DESC"),
    ("articles_by_starred", "starred, added_at DESC, id DESC"),
)


def _trash_and_lasting_ids(conn: sqlite3.Connection) -> None:
    """Ids are never given twice (AUTOINCREMENT), and a deleted article waits in a trash.

    An id written in a note, a script or a shell history must keep naming the same
    article, so the table is rebuilt with ``AUTOINCREMENT`` (SQLite cannot add it in
    place), every id kept, and the sequence goes on after the highest one. Notes,
    highlights, tags and quotations point at the same ids, and the full-text index is keyed
    by them, so none of those move. ``trashed_at`` says when an article went to the trash
    (NULL: it is in the library); the views' indexes only hold live articles, so a large
    trash costs the lists nothing (``trashed_at`` is in them only so that SQLite sees them
    as covering the views' filters).

    The new table is the old one's own definition, its columns, indexes and triggers,
    whatever earlier migrations gave it, so no column is lost to the rebuild.
    """
    (definition,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'articles'").fetchone()
    kept = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'articles' "
        "AND type IN ('index', 'trigger') AND sql IS NOT NULL").fetchall()
    columns = ", ".join(row[1] for row in conn.execute("PRAGMA table_info(articles)"))
    rebuilt, found = re.subn(r"\bid INTEGER PRIMARY KEY\b", "id INTEGER PRIMARY KEY AUTOINCREMENT",
                             definition.replace("articles", "articles_new", 1), count=1)
    if not found:
        raise sqlite3.DatabaseError("the articles table has no integer primary key")
    conn.execute(rebuilt.rstrip().removesuffix(")") + ", trashed_at TEXT)")
    conn.execute(f"INSERT INTO articles_new ({columns}) SELECT {columns} FROM articles")
    conn.execute("DROP TABLE articles")
    conn.execute("ALTER TABLE articles_new RENAME TO articles")
    # The sequence goes on from the highest id kept (an empty library starts at 1).
    conn.execute("INSERT INTO sqlite_sequence (name, seq) SELECT 'articles', coalesce(max(id), 0) "
                 "FROM articles WHERE NOT EXISTS "
                 "(SELECT 1 FROM sqlite_sequence WHERE name = 'articles')")
    replaced = {name for name, _columns in _LIVE_INDEXES}
    for name, sql in kept:
        if name not in replaced:
            conn.execute(sql)
    for name, indexed in _LIVE_INDEXES:
        conn.execute(f"CREATE INDEX {name} ON articles ({indexed}, trashed_at) "
                     "WHERE trashed_at IS NULL")
    conn.execute("CREATE INDEX articles_in_trash ON articles (added_at DESC, id DESC, trashed_at) "
                 "WHERE trashed_at IS NOT NULL")


def _text_versions(conn: sqlite3.Connection) -> None:
    """Earlier texts of an article, kept when a save replaces it, and which text each
    highlight, note and kept quotation was made on (NULL: the current one)."""
    conn.execute("""CREATE TABLE text_versions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        url TEXT,
        source TEXT NOT NULL,
        title TEXT NOT NULL,
        sitename TEXT,
        author TEXT,
        blocks TEXT NOT NULL,
        links TEXT NOT NULL DEFAULT '[]',
        saved_at TEXT NOT NULL,
        replaced_at TEXT NOT NULL
    )""")
    conn.execute("CREATE INDEX text_versions_by_article ON text_versions (article_id, id)")
    for table in ("highlights", "notes", "quotes"):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN text_version INTEGER "
                     "REFERENCES text_versions (id) ON DELETE CASCADE")


def _feeds(conn: sqlite3.Connection) -> None:
    """Subscriptions (feeds), their tags, and feed items stored as articles.

    A feed remembers what conditional requests need (ETag, Last-Modified, the hash of the
    last body), when it last worked and why it last failed, and until when a site asked
    to be left alone (429/503 with Retry-After). ``full_text`` is NULL for "decide by the
    length of the feed's text", else 0 or 1. An item is an article with a ``feed_id`` and
    the feed's ``guid`` for it: (feed, guid) is unique, and the articles' canonical-URL
    ``key`` already makes one link one article. Unread counts per feed come from a partial
    index holding only unread feed items outside the trash, so counting never scans the
    articles table. It comes after the trash's rebuild of the articles table, whose
    ``trashed_at`` it needs. An item deleted for good (the trash emptied, ``rm --purge``)
    leaves its (feed, guid) in ``feed_items_gone``, so that the next refresh, finding it
    still in the feed, does not bring it back; unsubscribing forgets them.
    """
    for statement in (
        """CREATE TABLE feeds (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL UNIQUE,
            url TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            site_url TEXT,
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT,
            last_checked TEXT,
            last_success TEXT,
            last_error TEXT,
            retry_until TEXT,
            full_text INTEGER,
            added_at TEXT NOT NULL
        )""",
        """CREATE TABLE feed_tags (
            feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
            PRIMARY KEY (feed_id, tag_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX feed_tags_by_tag ON feed_tags (tag_id, feed_id)",
        "ALTER TABLE articles ADD COLUMN feed_id INTEGER REFERENCES feeds (id) ON DELETE SET NULL",
        "ALTER TABLE articles ADD COLUMN guid TEXT",
        "CREATE UNIQUE INDEX articles_by_feed_guid ON articles (feed_id, guid) "
        "WHERE feed_id IS NOT NULL AND guid IS NOT NULL",
        "CREATE INDEX articles_unread_by_feed ON articles (feed_id) "
        "WHERE feed_id IS NOT NULL AND read_at IS NULL AND trashed_at IS NULL",
        "CREATE INDEX articles_by_feed ON articles (feed_id, added_at DESC, id DESC) "
        "WHERE feed_id IS NOT NULL",
        """CREATE TABLE feed_items_gone (
            feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
            guid TEXT NOT NULL,
            PRIMARY KEY (feed_id, guid)
        ) WITHOUT ROWID""",
        "CREATE TRIGGER articles_gone_from_feed AFTER DELETE ON articles "
        "WHEN old.feed_id IS NOT NULL AND old.guid IS NOT NULL BEGIN "
        "INSERT OR IGNORE INTO feed_items_gone (feed_id, guid) VALUES (old.feed_id, old.guid); "
        "END",
    ):
        conn.execute(statement)


def _tag_keys(conn: sqlite3.Connection) -> None:
    """One tag whatever its case and accents: a folded, unique key per tag.

    Tags that were two only by case or accents ("Réseau", "reseau") become one, the first
    created keeping its name and gaining the other's articles; a leading ``#`` typed into a
    name (shown "##salary") is dropped. `fold` is the search's folding, so a tag and a
    search agree on what is the same word.
    """
    from lecteur.core.text.sanitize import fold

    conn.execute("ALTER TABLE tags ADD COLUMN key TEXT")
    kept: dict[str, tuple[int, str]] = {}
    for tag_id, name in conn.execute("SELECT id, name FROM tags ORDER BY id").fetchall():
        name = str(name).lstrip("#").strip() or str(name)
        keep, _ = kept.setdefault(fold(name), (tag_id, name))
        if keep != tag_id:  # merged first: a renamed survivor must not meet its duplicate
            conn.execute("INSERT OR IGNORE INTO article_tags (article_id, tag_id) "
                         "SELECT article_id, ? FROM article_tags WHERE tag_id = ?",
                         (keep, tag_id))
            conn.execute("DELETE FROM article_tags WHERE tag_id = ?", (tag_id,))
            conn.execute("DELETE FROM tags WHERE id = ?", (tag_id,))
    conn.executemany("UPDATE tags SET name = ?, key = ? WHERE id = ?",
                     [(name, key, tag_id) for key, (tag_id, name) in kept.items()])
    conn.execute("CREATE UNIQUE INDEX tags_by_key ON tags (key)")


def _anchored_highlights(conn: sqlite3.Connection) -> None:
    """Highlights anchored as a W3C TextQuoteSelector, and notes on a highlight.

    A highlight keeps the exact passage (the ``text`` column, as before) with up to 32
    characters of the article's text before and after it, and a digest of the text it was
    made on, so it can be found again after the article is fetched and cleaned anew. A
    whole-block highlight made before this migration has no prefix or suffix: its block
    is its anchor. `lost` marks a highlight whose passage a re-fetch no longer finds (it is
    kept, "changed at source", on the earlier text it was made on). A note may hang on one
    highlight; removing the highlight keeps the note on its block (a note is never lost
    with a highlight).
    """
    for column in (
        "prefix TEXT NOT NULL DEFAULT ''",
        "suffix TEXT NOT NULL DEFAULT ''",
        "text_digest TEXT NOT NULL DEFAULT ''",
        "lost INTEGER NOT NULL DEFAULT 0",
    ):
        conn.execute(f"ALTER TABLE highlights ADD COLUMN {column}")
    conn.execute("ALTER TABLE notes ADD COLUMN highlight_id INTEGER "
                 "REFERENCES highlights (id) ON DELETE SET NULL")
    conn.execute("CREATE INDEX notes_by_highlight ON notes (highlight_id) "
                 "WHERE highlight_id IS NOT NULL")
    # One left on an earlier text by a save was not found again in the new one.
    conn.execute("UPDATE highlights SET lost = 1 WHERE text_version IS NOT NULL")


# The views a counter is kept for, as they stood when counters came (after the curation
# and ageing migrations): each one's membership test over a row of ``articles`` (``r.``
# stands for ``new.``/``old.``).
_COUNTED_VIEWS = (
    ("inbox", "r.trashed_at IS NULL AND r.archived = 0 AND r.dismissed_at IS NULL "
              "AND r.aged_at IS NULL"),
    ("saved", "r.trashed_at IS NULL AND r.saved = 1 AND r.archived = 0"),
    ("starred", "r.trashed_at IS NULL AND r.starred = 1"),
    ("archive", "r.trashed_at IS NULL AND r.archived = 1"),
    ("trash", "r.trashed_at IS NOT NULL"),
    ("unread", "r.trashed_at IS NULL AND r.read_at IS NULL"),
    ("dismissed", "r.dismissed_at IS NOT NULL AND r.trashed_at IS NULL"),
    ("live", "r.trashed_at IS NULL"),
)
_UNREAD_ITEM = "r.feed_id IS NOT NULL AND r.read_at IS NULL AND r.trashed_at IS NULL"


def _view_delta(sign_new: int, sign_old: int) -> str:
    """``UPDATE counters`` adding each view's membership of ``new`` and/or taking ``old``'s."""
    cases = []
    for name, test in _COUNTED_VIEWS:
        parts = []
        if sign_new:
            parts.append(f"({test.replace('r.', 'new.')})")
        if sign_old:
            parts.append(f"- ({test.replace('r.', 'old.')})")
        cases.append(f"WHEN '{name}' THEN {' '.join(parts)}")
    names = ", ".join(f"'{name}'" for name, _test in _COUNTED_VIEWS)
    return (f"UPDATE counters SET value = value + CASE name {' '.join(cases)} ELSE 0 END "
            f"WHERE name IN ({names});")


def _feed_delta(row: str, sign: str) -> str:
    """Add (`sign` '+') or take (-) one unread item of `row`'s feed, if it is one."""
    test = _UNREAD_ITEM.replace("r.", f"{row}.")
    if sign == "+":
        return ("INSERT INTO counters (name, value) SELECT 'feed:' || new.feed_id, 1 "
                f"WHERE {test} ON CONFLICT (name) DO UPDATE SET value = value + 1;")
    return f"UPDATE counters SET value = value - 1 WHERE name = 'feed:' || old.feed_id AND {test};"


def _tags_delta(row: str, sign: str) -> str:
    """Add or take one live article from each tag `row` carries, if `row` is live."""
    return (f"UPDATE counters SET value = value {sign} 1 WHERE {row}.trashed_at IS NULL "
            f"AND name IN (SELECT 'tag:' || tag_id FROM article_tags WHERE article_id = {row}.id);")


def fill_counters(conn: sqlite3.Connection) -> None:
    """Count every counter from the tables (the migration, and `Counters.recount`)."""
    conn.execute("DELETE FROM counters")
    for name, test in _COUNTED_VIEWS:
        conn.execute("INSERT INTO counters (name, value) SELECT ?, count(*) FROM articles AS r "
                     f"WHERE {test}", (name,))
    conn.execute("INSERT INTO counters (name, value) SELECT 'feed:' || feed_id, count(*) "
                 f"FROM articles AS r WHERE {_UNREAD_ITEM} GROUP BY feed_id")
    conn.execute("INSERT INTO counters (name, value) SELECT 'tag:' || tags.id, "
                 "(SELECT count(*) FROM article_tags JOIN articles ON articles.id = article_id "
                 "WHERE tag_id = tags.id AND trashed_at IS NULL) FROM tags")


def _counters(conn: sqlite3.Connection) -> None:
    """Counts kept by triggers: each view's, the unread articles', each feed's unread
    items' and each tag's live articles, so that the sidebar and the list never count.

    One row per counter in ``counters`` (``inbox``, ``saved``, ``starred``, ``archive``,
    ``trash``, ``unread``, ``feed:ID``, ``tag:ID``), moved by triggers on ``articles`` (a
    row added, deleted, or its flags, read mark, trash or feed changed) and on
    ``article_tags``. An article deleted for good takes its tags' counts down before the
    delete (``BEFORE DELETE``: its tag links are gone once it is), and a tag link deleted
    with its article (the cascade runs after the article's row is gone) finds no live
    article and takes nothing.
    """
    conn.execute("CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) "
                 "WITHOUT ROWID")
    changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in (
        "saved", "starred", "archived", "trashed_at", "read_at", "feed_id", "dismissed_at",
        "aged_at"))
    for statement in (
        "CREATE TRIGGER counters_article_added AFTER INSERT ON articles BEGIN "
        f"{_view_delta(1, 0)} {_feed_delta('new', '+')} END",
        "CREATE TRIGGER counters_article_deleting BEFORE DELETE ON articles BEGIN "
        f"{_tags_delta('old', '-')} END",
        "CREATE TRIGGER counters_article_deleted AFTER DELETE ON articles BEGIN "
        f"{_view_delta(0, -1)} {_feed_delta('old', '-')} END",
        "CREATE TRIGGER counters_article_changed AFTER UPDATE OF saved, starred, archived, "
        f"trashed_at, read_at, feed_id, dismissed_at, aged_at ON articles WHEN {changed} BEGIN "
        f"{_view_delta(1, -1)} {_feed_delta('old', '-')} {_feed_delta('new', '+')} END",
        "CREATE TRIGGER counters_article_trashed AFTER UPDATE OF trashed_at ON articles "
        "WHEN (old.trashed_at IS NULL) IS NOT (new.trashed_at IS NULL) BEGIN "
        f"{_tags_delta('old', '-')} {_tags_delta('new', '+')} END",
        "CREATE TRIGGER counters_tagged AFTER INSERT ON article_tags BEGIN "
        "INSERT INTO counters (name, value) SELECT 'tag:' || new.tag_id, "
        "(SELECT count(*) FROM articles WHERE id = new.article_id AND trashed_at IS NULL) "
        "WHERE true ON CONFLICT (name) DO UPDATE SET value = value + excluded.value; END",
        "CREATE TRIGGER counters_untagged AFTER DELETE ON article_tags BEGIN "
        "UPDATE counters SET value = value - 1 WHERE name = 'tag:' || old.tag_id AND EXISTS "
        "(SELECT 1 FROM articles WHERE id = old.article_id AND trashed_at IS NULL); END",
        "CREATE TRIGGER counters_tag_gone AFTER DELETE ON tags BEGIN "
        "DELETE FROM counters WHERE name = 'tag:' || old.id; END",
    ):
        conn.execute(statement)
    fill_counters(conn)


# Where a quotation without a speaker sorts: after every name (the Quotes view's last group).
NO_SPEAKER_ORDER = "\U0010ffff"


def register_name_functions(conn: sqlite3.Connection) -> None:
    """``lecteur_fold`` (case, accents, ligatures: the search's folding) and
    ``lecteur_collate`` (a name's sort key, `collation_string`), which the folded-names
    triggers call: registered on every connection that writes (`migrate` does it)."""
    from lecteur.core.text.collate import collation_string
    from lecteur.core.text.sanitize import fold

    conn.create_function("lecteur_fold", 1, lambda text: fold(text) if text else "",
                         deterministic=True)
    conn.create_function("lecteur_collate", 1, collation_string, deterministic=True)


_SPEAKER_KEYS = ("speaker_key = lecteur_fold(new.speaker), speaker_order = CASE WHEN "
                 f"new.speaker IS NULL THEN '{NO_SPEAKER_ORDER}' "
                 "ELSE lecteur_collate(new.speaker) END")
_AUTHOR_KEYS = ("author_key = lecteur_fold(new.author_name), "
                "author_order = lecteur_collate(new.author_name)")


def _folded_names(conn: sqlite3.Connection) -> None:
    """Speakers' and authors' names folded once, into indexed columns.

    ``speaker_key``/``author_key`` are the accent- and case-blind form `people NAME` and
    ``quotes --speaker`` match; ``speaker_order``/``author_order`` are the French-aware
    sort key (`collation_string`; a quotation without a speaker sorts last). Triggers fill
    them when a row is written, so the Quotes and People views walk an index in name
    order and page by keyset, instead of folding every name in Python before a LIMIT.
    Highlights and notes get the indexes the Highlights view's pages walk (newest first).
    """
    register_name_functions(conn)
    for statement in (
        "ALTER TABLE quotes ADD COLUMN speaker_key TEXT",
        "ALTER TABLE quotes ADD COLUMN speaker_order TEXT",
        "ALTER TABLE articles ADD COLUMN author_key TEXT",
        "ALTER TABLE articles ADD COLUMN author_order TEXT",
        f"UPDATE quotes SET {_SPEAKER_KEYS.replace('new.', '')}",
        f"UPDATE articles SET {_AUTHOR_KEYS.replace('new.', '')} WHERE author_name IS NOT NULL",
        "CREATE INDEX quotes_by_speaker_order ON quotes "
        "(speaker_order, article_id, position, id)",
        "CREATE INDEX articles_by_author_order ON articles (author_order) "
        "WHERE author_name IS NOT NULL AND trashed_at IS NULL",
        # The Highlights view's pages, newest first, by keyset.
        "CREATE INDEX highlights_by_created ON highlights (created_at, id)",
        "CREATE INDEX notes_by_updated ON notes (updated_at, id) WHERE highlight_id IS NULL",
        "CREATE TRIGGER quotes_speaker_keys AFTER INSERT ON quotes BEGIN "
        f"UPDATE quotes SET {_SPEAKER_KEYS} WHERE id = new.id; END",
        "CREATE TRIGGER quotes_speaker_keys_changed AFTER UPDATE OF speaker ON quotes BEGIN "
        f"UPDATE quotes SET {_SPEAKER_KEYS} WHERE id = new.id; END",
        "CREATE TRIGGER articles_author_keys AFTER INSERT ON articles "
        f"WHEN new.author_name IS NOT NULL BEGIN UPDATE articles SET {_AUTHOR_KEYS} "
        "WHERE id = new.id; END",
        "CREATE TRIGGER articles_author_keys_changed AFTER UPDATE OF author_name ON articles "
        f"BEGIN UPDATE articles SET {_AUTHOR_KEYS} WHERE id = new.id; END",
    ):
        conn.execute(statement)


def _person_article_upsert(name: str, article: str, quotes: int, authored: int,
                           conflict: str) -> str:
    """Count `name` (an SQL expression) in `article`'s row of ``person_articles``."""
    return ("INSERT INTO person_articles (order_key, article_id, name, quotes, authored, live, "
            f"date) SELECT lecteur_collate({name}), a.id, {name}, {quotes}, {authored}, "
            f"a.trashed_at IS NULL, a.date FROM articles AS a WHERE a.id = {article} "
            f"ON CONFLICT (order_key, article_id) DO UPDATE SET {conflict};")


def _person_article_drop(name: str, article: str, setting: str) -> str:
    """Uncount `name` in `article`'s row; the row goes once it counts nothing."""
    where = f"order_key = lecteur_collate({name}) AND article_id = {article}"
    return (f"UPDATE person_articles SET {setting} WHERE {where}; "
            f"DELETE FROM person_articles WHERE {where} AND quotes <= 0 AND authored = 0;")


# A person_articles row counted in its person's row (people_counted's body).
_PERSON_COUNTED = (
    "INSERT INTO people (order_key, name, fold_key, quotes, quoted_in, articles) VALUES "
    "(new.order_key, new.name, lecteur_fold(new.name), new.quotes * new.live, "
    "(new.quotes > 0) * new.live, new.authored * new.live) ON CONFLICT (order_key) DO "
    "UPDATE SET quotes = quotes + excluded.quotes, quoted_in = quoted_in + "
    "excluded.quoted_in, articles = articles + excluded.articles;")
_PERSON_DELTA = (
    "UPDATE people SET quotes = quotes + {q}, quoted_in = quoted_in + {qi}, "
    "articles = articles + {a} WHERE order_key = {row}.order_key;")


def _people_table(conn: sqlite3.Connection) -> None:
    """Everybody the library knows, with their counts kept by triggers.

    ``person_articles`` holds one row per person and article they are quoted in or wrote
    (how many quotations, whether they wrote it, whether the article is outside the trash,
    its date); ``people`` one row per person (their name's sort key, the name, its folded
    form, and the live quotations, articles quoted in and articles written), moved by
    triggers on ``person_articles``, which triggers on ``quotes`` and ``articles`` keep.
    A page of the People view reads 100 rows of ``people`` in name order and, for each,
    its first and last dates from an index: nothing is grouped per page.
    """
    register_name_functions(conn)
    for statement in (
        """CREATE TABLE person_articles (
            order_key TEXT NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            quotes INTEGER NOT NULL DEFAULT 0,
            authored INTEGER NOT NULL DEFAULT 0,
            live INTEGER NOT NULL,
            date TEXT,
            PRIMARY KEY (order_key, article_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX person_articles_by_article ON person_articles (article_id)",
        "CREATE INDEX person_articles_by_date ON person_articles (order_key, live, date)",
        """CREATE TABLE people (
            order_key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            fold_key TEXT NOT NULL,
            quotes INTEGER NOT NULL DEFAULT 0,
            quoted_in INTEGER NOT NULL DEFAULT 0,
            articles INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID""",
        # people follows person_articles
        f"CREATE TRIGGER people_counted AFTER INSERT ON person_articles BEGIN {_PERSON_COUNTED}"
        " END",
        "CREATE TRIGGER people_recounted AFTER UPDATE ON person_articles BEGIN "
        + _PERSON_DELTA.format(
            q="new.quotes * new.live - old.quotes * old.live",
            qi="(new.quotes > 0) * new.live - (old.quotes > 0) * old.live",
            a="new.authored * new.live - old.authored * old.live", row="new") + " END",
        "CREATE TRIGGER people_uncounted AFTER DELETE ON person_articles BEGIN "
        + _PERSON_DELTA.format(q="- old.quotes * old.live", qi="- (old.quotes > 0) * old.live",
                               a="- old.authored * old.live", row="old")
        + " DELETE FROM people WHERE order_key = old.order_key AND NOT EXISTS "
        "(SELECT 1 FROM person_articles WHERE order_key = old.order_key); END",
        # person_articles follows quotes and articles
        "CREATE TRIGGER person_quoted AFTER INSERT ON quotes WHEN new.speaker IS NOT NULL "
        "BEGIN " + _person_article_upsert("new.speaker", "new.article_id", 1, 0,
                                          "quotes = quotes + 1") + " END",
        "CREATE TRIGGER person_unquoted AFTER DELETE ON quotes WHEN old.speaker IS NOT NULL "
        "BEGIN " + _person_article_drop("old.speaker", "old.article_id", "quotes = quotes - 1")
        + " END",
        "CREATE TRIGGER person_requoted AFTER UPDATE OF speaker ON quotes "
        "WHEN old.speaker IS NOT new.speaker BEGIN "
        + _person_article_drop("old.speaker", "old.article_id", "quotes = quotes - 1")
        + " " + _person_article_upsert("new.speaker", "new.article_id", 1, 0,
                                       "quotes = quotes + 1").replace(
            "WHERE a.id = new.article_id", "WHERE a.id = new.article_id AND new.speaker "
            "IS NOT NULL") + " END",
        "CREATE TRIGGER person_wrote AFTER INSERT ON articles WHEN new.author_name IS NOT NULL "
        "BEGIN " + _person_article_upsert("new.author_name", "new.id", 0, 1, "authored = 1")
        + " END",
        "CREATE TRIGGER person_rewrote AFTER UPDATE OF author_name ON articles "
        "WHEN old.author_name IS NOT new.author_name BEGIN "
        + _person_article_drop("old.author_name", "old.id", "authored = 0") + " "
        + _person_article_upsert("new.author_name", "new.id", 0, 1, "authored = 1").replace(
            "WHERE a.id = new.id", "WHERE a.id = new.id AND new.author_name IS NOT NULL")
        + " END",
        "CREATE TRIGGER person_articles_moved AFTER UPDATE OF trashed_at, date ON articles "
        "WHEN (old.trashed_at IS NULL) IS NOT (new.trashed_at IS NULL) "
        "OR old.date IS NOT new.date BEGIN "
        "UPDATE person_articles SET live = new.trashed_at IS NULL, date = new.date "
        "WHERE article_id = new.id; END",
    ):
        conn.execute(statement)
    fill_people(conn)


def fill_people(conn: sqlite3.Connection) -> None:
    """Make ``person_articles`` and ``people`` again from the quotations and articles
    (the migration, and an import, whose rows do not arrive parents first)."""
    for statement in (
        "DELETE FROM person_articles",  # its triggers empty people as it goes
        "DELETE FROM people",
        "INSERT INTO person_articles (order_key, article_id, name, quotes, live, date) "
        "SELECT lecteur_collate(q.speaker), q.article_id, q.speaker, count(*), "
        "a.trashed_at IS NULL, a.date FROM quotes AS q JOIN articles AS a "
        "ON a.id = q.article_id WHERE q.speaker IS NOT NULL GROUP BY q.speaker, q.article_id",
        "INSERT INTO person_articles (order_key, article_id, name, authored, live, date) "
        "SELECT lecteur_collate(author_name), id, author_name, 1, trashed_at IS NULL, date "
        "FROM articles WHERE author_name IS NOT NULL AND true "
        "ON CONFLICT (order_key, article_id) DO UPDATE SET authored = 1",
    ):
        conn.execute(statement)
def _one_sequence_row(conn: sqlite3.Connection) -> None:
    """One row of ``sqlite_sequence`` per table, holding the highest id ever given.

    The trash migration's "insert the sequence unless present" was an aggregate query,
    which yields a row even when its WHERE clause rejects every row: every library it ran
    on got a second ``('articles', 0)`` row beside the real one. SQLite reads the first
    row it finds, so no id was reused, but a dump or a repair could read the wrong one.
    """
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        return
    conn.execute("DELETE FROM sqlite_sequence WHERE rowid NOT IN "
                 "(SELECT rowid FROM sqlite_sequence AS kept WHERE kept.seq = "
                 "(SELECT max(seq) FROM sqlite_sequence WHERE name = kept.name) "
                 "GROUP BY name)")
def _imported_links(conn: sqlite3.Connection) -> None:
    """Links imported from other services, and which of them still wait for their text.

    ``url_key`` is the canonical address the export gave (a page may be stored under the
    address it redirected to), so importing the same file again finds every item at once;
    ``pending`` holds the sentence saying why a link was kept without its text (offline,
    the fetch failed), NULL once the article was fetched (`lecteur.core.library.imported`).
    """
    conn.execute("""CREATE TABLE imported_links (
        url_key TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        pending TEXT,
        imported_at TEXT NOT NULL
    )""")
    conn.execute("CREATE INDEX imported_links_by_article ON imported_links (article_id)")
def _curation(conn: sqlite3.Connection) -> None:
    """Relevance scores and their reasons, dismissed items, the model and its decisions.

    ``score`` (0 to 1, NULL until scored) and ``score_why`` (the matched terms, comma
    separated, as shown) are the relevance of an article for the reader's topics;
    ``dismissed_at`` says when triage dismissed it (it leaves the Inbox, stays findable).
    ``curate_weights`` holds the weights the model learned, by term; ``curate_decisions``
    the reader's keeps and dismisses, each with the step it made to the weights, so one
    can be taken back exactly. The Inbox's index by date covers ``dismissed_at`` too, and a
    second one, of the same shape, sorts it by score.
    """
    for statement in (
        "ALTER TABLE articles ADD COLUMN score REAL",
        "ALTER TABLE articles ADD COLUMN score_why TEXT",
        "ALTER TABLE articles ADD COLUMN dismissed_at TEXT",
        # The Inbox's and the Archive's index covers the new filter too.
        "DROP INDEX articles_by_archived",
        "CREATE INDEX articles_by_archived ON articles (archived, added_at DESC, id DESC, "
        "trashed_at, dismissed_at) WHERE trashed_at IS NULL",
        "CREATE INDEX articles_by_score ON articles (archived, coalesce(score, -1) DESC, "
        "id DESC, trashed_at, dismissed_at) WHERE trashed_at IS NULL",
        "CREATE INDEX articles_dismissed ON articles (added_at DESC, id DESC, dismissed_at, "
        "trashed_at) "
        "WHERE dismissed_at IS NOT NULL AND trashed_at IS NULL",
        "CREATE INDEX articles_unscored ON articles (id) WHERE score IS NULL",
        "CREATE TABLE curate_weights (term TEXT PRIMARY KEY, weight REAL NOT NULL) "
        "WITHOUT ROWID",
        """CREATE TABLE curate_decisions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            label INTEGER NOT NULL,
            kind TEXT NOT NULL,
            step TEXT NOT NULL,
            made_at TEXT NOT NULL
        )""",
        "CREATE UNIQUE INDEX curate_decisions_by_article ON curate_decisions (article_id)",
    ):
        conn.execute(statement)
def _feed_items_age_out(conn: sqlite3.Connection) -> None:
    """Feed items nobody kept leave the Inbox after a while (``aged_at``), and stay found.

    ``aged_at`` says when a feed item the reader never kept (not saved, starred, tagged,
    noted or highlighted) left the Inbox because it was older than the settings allow
    (``feed_age_days``). It stays in the library: its feed's view and search still show
    it. The index the Inbox and the Archive walk gains ``aged_at``, so it still covers
    their filters (pages and counts never read the table); a partial index holds only the
    aged rows, for the sweep that brings back those kept since. The index of each feed's
    items gains ``trashed_at``, so a feed's view is counted and paged from it alone.
    """
    conn.execute("ALTER TABLE articles ADD COLUMN aged_at TEXT")
    conn.execute("DROP INDEX articles_by_archived")
    conn.execute("CREATE INDEX articles_by_archived ON articles "
                 "(archived, added_at DESC, id DESC, trashed_at, dismissed_at, aged_at) "
                 "WHERE trashed_at IS NULL")
    # The Inbox sorted by relevance, the same.
    conn.execute("DROP INDEX articles_by_score")
    conn.execute("CREATE INDEX articles_by_score ON articles (archived, coalesce(score, -1) "
                 "DESC, id DESC, trashed_at, dismissed_at, aged_at) WHERE trashed_at IS NULL")
    conn.execute("CREATE INDEX articles_aged ON articles (aged_at) WHERE aged_at IS NOT NULL")
    # A feed's view (the sidebar's feeds) counts and pages from its index alone.
    conn.execute("DROP INDEX articles_by_feed")
    conn.execute("CREATE INDEX articles_by_feed ON articles "
                 "(feed_id, added_at DESC, id DESC, trashed_at) WHERE feed_id IS NOT NULL")
def _article_bodies(conn: sqlite3.Connection) -> None:
    """Article bodies (blocks and links) in a table of their own, ``article_bodies``.

    A body is about 6 KB of JSON, more than a page of the file: in the articles row, every
    column after it (``added_at``, ``trashed_at``, the reading state) sat past an overflow
    chain, so a page of 100 rows of the list read the chains of 100 bodies. Apart, an
    articles row is a few hundred bytes (about ten to a page) and a body is read only when
    the article is opened, searched for a snippet or exported. Every body is copied, then
    the two columns are dropped (SQLite rewrites the rows, in this same transaction).
    """
    conn.execute("""CREATE TABLE article_bodies (
        article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        blocks TEXT NOT NULL,
        links TEXT NOT NULL DEFAULT '[]'
    )""")
    conn.execute("INSERT INTO article_bodies (article_id, blocks, links) "
                 "SELECT id, blocks, links FROM articles")
    conn.execute("ALTER TABLE articles DROP COLUMN blocks")
    conn.execute("ALTER TABLE articles DROP COLUMN links")


def _search_best(conn: sqlite3.Connection) -> None:
    """The best matches of queries that match many articles (`lecteur.core.library.ranking`).

    ``search_best_queries`` holds each such query (its FTS5 expression), the highest
    article id its list was ranked up to, and when it was last used (the least recently
    used are dropped); ``search_best`` its best matches with their bm25 scores. Both are
    derived data, left out of backups (their names start with ``search_``) and remade when
    missing.
    """
    conn.execute("""CREATE TABLE search_best_queries (
        query TEXT PRIMARY KEY,
        upto INTEGER NOT NULL,
        used_at TEXT NOT NULL
    )""")
    conn.execute("""CREATE TABLE search_best (
        query TEXT NOT NULL,
        score REAL NOT NULL,
        article_id INTEGER NOT NULL,
        PRIMARY KEY (query, score, article_id)
    ) WITHOUT ROWID""")


def _host_expression(url: str) -> str:
    """SQL for the host of the address `url` names, lower case, without port or ``www.``."""
    rest = f"substr({url}, instr({url}, '://') + 3)"
    hostport = f"substr({rest}, 1, instr({rest} || '/', '/') - 1)"
    host = (f"CASE WHEN instr({hostport}, ':') THEN substr({hostport}, 1, "
            f"instr({hostport}, ':') - 1) ELSE {hostport} END")
    bare = f"lower({host})"
    return (f"CASE WHEN instr({url}, '://') = 0 THEN NULL WHEN {bare} LIKE 'www.%' "
            f"THEN substr({bare}, 5) ELSE {bare} END")


def _queries_views_and_rules(conn: sqlite3.Connection) -> None:
    """Saved views, rules, and what the query language's filters need to be fast.

    A saved view is a name and a query (``lecteur views add``); a rule is a query and an
    action applied to new articles (``lecteur rules add "site:example.org -> tag:emploi"``).
    Both are kept as the text the reader typed, read again each time, so a view or rule
    keeps meaning what it says when the language gains words. ``host`` is the host of an
    article's address, for ``site:example.org``: kept by triggers, so every way an article
    is written (a save, a feed item, a full text, an import) fills it. (Not a generated
    column: SQLite does not read a virtual column from an index, so the index below would
    not cover the filters.) One covering index over the live articles, in the lists'
    order, holds every column a filter reads, so any combination of filters walks that
    index (never the rows, whose bodies are large) and stops at a page.
    """
    for statement in (
        "ALTER TABLE articles ADD COLUMN host TEXT",
        f"UPDATE articles SET host = {_host_expression('url')} WHERE url IS NOT NULL",
        "CREATE TRIGGER articles_host_on_insert AFTER INSERT ON articles BEGIN "
        f"UPDATE articles SET host = {_host_expression('new.url')} WHERE id = new.id; END",
        "CREATE TRIGGER articles_host_on_update AFTER UPDATE OF url ON articles BEGIN "
        f"UPDATE articles SET host = {_host_expression('new.url')} WHERE id = new.id; END",
        "CREATE INDEX articles_filtered ON articles (added_at DESC, id DESC, archived, saved, "
        "starred, read_at, language, reading_minutes, date, feed_id, host, score, "
        "dismissed_at, aged_at, trashed_at) "
        "WHERE trashed_at IS NULL",
        """CREATE TABLE saved_views (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE,
            query TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE rules (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            query TEXT NOT NULL,
            action TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
    ):
        conn.execute(statement)


# While this one-row table holds a row (only ever inside a write transaction, so no other
# connection sees it), the triggers that keep an inserted article's counts, names, people
# and host stand aside: the code inserting many rows at once keeps them, statement by
# statement (`lecteur.core.library.bulk`).
IN_BULK = "NOT EXISTS (SELECT 1 FROM storing_in_bulk)"


def _bulk_inserts(conn: sqlite3.Connection) -> None:
    """Articles inserted in bulk (a feed refresh) are counted per statement, not per row.

    Each of the four triggers that run on every inserted article (the counters, the
    author's folded keys, the author's person row, the host) cost 25-40 us a row, most of
    it an UPDATE that rewrites the row just inserted: 140 us a feed item against 20 us
    without them. They now stand aside while ``storing_in_bulk`` holds a row, which the
    storing code sets inside its transaction, writing the keys and the host in the INSERT
    itself and counting the batch in a few statements before it takes the row out again.
    Every other write (a save, an import, an update) fires them as before.
    """
    conn.execute("CREATE TABLE storing_in_bulk (one INTEGER PRIMARY KEY CHECK (one = 1))")
    for name in ("counters_article_added", "articles_author_keys", "person_wrote",
                 "articles_host_on_insert"):
        conn.execute(f"DROP TRIGGER {name}")
    for statement in (
        f"CREATE TRIGGER counters_article_added AFTER INSERT ON articles WHEN {IN_BULK} "
        f"BEGIN {_view_delta(1, 0)} {_feed_delta('new', '+')} END",
        "CREATE TRIGGER articles_author_keys AFTER INSERT ON articles "
        f"WHEN new.author_name IS NOT NULL AND {IN_BULK} BEGIN UPDATE articles SET "
        f"{_AUTHOR_KEYS} WHERE id = new.id; END",
        "CREATE TRIGGER person_wrote AFTER INSERT ON articles WHEN new.author_name IS NOT NULL "
        f"AND {IN_BULK} BEGIN "
        + _person_article_upsert("new.author_name", "new.id", 0, 1, "authored = 1") + " END",
        f"CREATE TRIGGER articles_host_on_insert AFTER INSERT ON articles WHEN {IN_BULK} BEGIN "
        f"UPDATE articles SET host = {_host_expression('new.url')} WHERE id = new.id; END",
    ):
        conn.execute(statement)


def _people_counted_in_bulk(conn: sqlite3.Connection) -> None:
    """The people rows of articles inserted in bulk are counted per statement too.

    Each author's `person_articles` row made by a refresh (`bulk.count_inserted`) fired
    `people_counted`, which folds the name again in Python (``lecteur_fold``) and upserts
    the person: a third of counting a batch. It now stands aside in bulk as the articles'
    triggers do, and the batch's authors are counted in one grouped statement.
    """
    conn.execute("DROP TRIGGER people_counted")
    conn.execute(f"CREATE TRIGGER people_counted AFTER INSERT ON person_articles "
                 f"WHEN {IN_BULK} BEGIN {_PERSON_COUNTED} END")


# Each tag link's copy of its article's ``added_at`` (what the triggers below keep), made
# again whole: by the migration, and by an import, whose tag links come before the
# articles they point to.
FILL_TAG_DATES = ("UPDATE article_tags SET added_at = "
                  "(SELECT added_at FROM articles WHERE articles.id = article_id)")


def _list_sort_keys(conn: sqlite3.Connection) -> None:
    """Indexes that hold the lists' sort key where a list needed a sort or a table read.

    A tag's list sorted every article carrying the tag before its first page (2,500 rows
    looked up and sorted for each page of a tag at 1M): ``article_tags`` now carries its
    article's ``added_at`` (kept by triggers: set when a tag is given, moved when the
    article's own changes, as an import does), so a tag's page is a walk of
    ``article_tags_by_added`` in the list's order. Stale saves read each saved article's
    row for its date: ``articles_by_saved`` now ends with ``date``, so the walk never
    leaves the index.
    """
    for statement in (
        "ALTER TABLE article_tags ADD COLUMN added_at TEXT",
        FILL_TAG_DATES,
        "CREATE INDEX article_tags_by_added ON article_tags "
        "(tag_id, added_at DESC, article_id DESC)",
        "CREATE TRIGGER article_tags_added_at AFTER INSERT ON article_tags BEGIN "
        "UPDATE article_tags SET added_at = (SELECT added_at FROM articles "
        "WHERE articles.id = new.article_id) "
        "WHERE article_id = new.article_id AND tag_id = new.tag_id; END",
        "CREATE TRIGGER articles_added_at_moved AFTER UPDATE OF added_at ON articles "
        "WHEN old.added_at IS NOT new.added_at BEGIN "
        "UPDATE article_tags SET added_at = new.added_at WHERE article_id = new.id; END",
        "DROP INDEX articles_by_saved",
        "CREATE INDEX articles_by_saved ON articles "
        "(saved, archived, added_at DESC, id DESC, trashed_at, date) WHERE trashed_at IS NULL",
    ):
        conn.execute(statement)


MIGRATIONS: tuple[Migration, ...] = (
    Migration("initial schema: articles, quotes, full-text search", _initial_schema),
    Migration("reading state, tags, highlights, notes, drafts", _reading_state),
    Migration("kept quotations and their place in the article", _kept_quotes),
    Migration("ids never reused, and a trash", _trash_and_lasting_ids, rebuilds=True),
    Migration("earlier texts of articles, and the text each annotation was made on",
              _text_versions),
    Migration("feeds, their tags, and feed items as articles", _feeds),
    Migration("tags are one whatever their case and accents", _tag_keys),
    Migration("highlights anchored by quote, prefix and suffix; notes on highlights",
              _anchored_highlights),
    Migration("one id sequence per table", _one_sequence_row),
    Migration("links imported from other services, and those not fetched yet",
              _imported_links),
    Migration("relevance scores, dismissed items, the relevance model's weights and decisions",
              _curation),
    Migration("feed items nobody kept age out of the Inbox", _feed_items_age_out),
    Migration("article bodies apart from the list's columns", _article_bodies),
    Migration("the best matches of searches that match many articles", _search_best),
    Migration("counts kept by triggers, so that no list counts its rows", _counters),
    Migration("speakers' and authors' names folded into indexed columns; indexes for the "
              "paged Quotes, People and Highlights views", _folded_names),
    Migration("everybody the library knows, with counts kept by triggers", _people_table),
    Migration("saved views, rules, and an index for the query language's filters",
              _queries_views_and_rules),
    Migration("articles inserted in bulk counted per statement, not per row", _bulk_inserts),
    Migration("a tag's list and Stale saves walked in the list's order, in one index",
              _list_sort_keys),
    Migration("the people of articles inserted in bulk counted per statement",
              _people_counted_in_bulk),
)
LATEST_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database file."""
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def check_version(version: int) -> None:
    """Refuse a library written by a newer lecteur (before anything is written to it)."""
    if version > LATEST_VERSION:
        raise NewerLibraryError("library.newer", version=version, latest=LATEST_VERSION)


def _apply(conn: sqlite3.Connection, number: int, migration: Migration) -> None:
    """Run one migration in its own transaction (see `Migration` for `rebuilds`)."""
    if migration.rebuilds:
        conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if user_version(conn) < number:  # another lecteur may have just done it
                migration.apply(conn)
                if migration.rebuilds and conn.execute("PRAGMA foreign_key_check").fetchone():
                    raise sqlite3.IntegrityError(f"migration {number} broke a foreign key")
                conn.execute(f"PRAGMA user_version = {number:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        if migration.rebuilds:
            conn.execute("PRAGMA foreign_keys = ON")


def migrate(conn: sqlite3.Connection, before: Callable[[], None] | None = None) -> int:
    """Apply every pending migration, each atomically; return the final version.

    `conn` must be in autocommit mode (``isolation_level=None``) so that the explicit
    transactions here are the only ones. `before` runs once, before the first pending
    migration (the library backs itself up there).
    """
    register_name_functions(conn)  # the folded-names triggers call them on every write
    version = user_version(conn)  # read once when nothing is pending (every start-up)
    check_version(version)
    if version < LATEST_VERSION and before is not None:
        before()
    for number, migration in enumerate(MIGRATIONS, start=1):
        if version >= number:
            continue
        _apply(conn, number, migration)
        version = user_version(conn)
    check_version(version)
    return version
