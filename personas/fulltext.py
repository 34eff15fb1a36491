"""The full-text index every app writes its searchable rows into, and how it is queried.

One table, `SearchDocument`: one row per searchable thing (a persona, a messaging version, an
asset), its text in four weighted fields: title (A) > tags, i.e. persona / stage / pillar names
(B) > body (C) > file text (D). It lives in the lowest app because every app writes to it
(DESIGN §2); each app decides what its rows' documents say (its `search.py`) and, at query
time, which rows a user may see (its `visible_to`). Visibility is never stored in the index:
a status change cannot leave a stale or leaking entry behind.

The engine is the database's own:
- PostgreSQL: a stored generated `tsvector` column (English stemming, weights A–D) with a GIN
  index; queries are built from `websearch_to_tsquery`, ranked with `ts_rank` and quoted with
  `ts_headline`. Two things keep a common word fast at 10k files (bench/search.py): matches
  come from the GIN index alone (`index_scans`), and the rank reads a second, small vector
  of the title, tags and body (`rank_vector`), never the file text's.
- SQLite: an FTS5 table with the porter tokenizer over the same four columns, kept in step
  by triggers; ranked with `bm25` (same column weights) and quoted with `snippet`.
Both are created by migration 0004 and written by plain ORM saves, in the caller's
transaction. `Query` (see config/search.py for the parser) renders to both.
"""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, models, transaction

# Markers around highlighted words in snippets: private-use characters that user text does
# not contain, so the snippet can be HTML-escaped first and marked up after.
MARK_START, MARK_END = "\ue000", "\ue001"
# bm25 column weights on SQLite, in the spirit of PostgreSQL's weights {1.0, 0.4, 0.2}; the
# file text (extra) weighs nothing, as PostgreSQL ranks without it (see _matching), so both
# engines give the same order: files that match in their text alone tie, by id.
FTS5_WEIGHTS = "10.0, 4.0, 2.0, 0.0"
FTS5_TABLE = "personas_searchdocument_fts"
PAGE_FTS5_TABLE = "collateral_versionpage_fts"
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=28, MinWords=10, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


class SearchDocument(models.Model):
    """What search finds: one persona, messaging version or asset as weighted text.

    `kind` names the row's model ("persona", "pillars", "asset", …) and `group` the section of
    the results page it belongs to (personas, messaging, collateral). Written by each app's
    search.py in the same transaction as the change; the engine-side index (tsvector column or
    FTS5 table) follows through the database itself.
    """

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    group = models.CharField(max_length=12)
    title = models.TextField()
    tags = models.TextField(blank=True)
    body = models.TextField(blank=True)
    extra = models.TextField(blank=True, help_text="Text inside the current file.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # One document per object; serves upserts and the visibility join by object id.
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchdocument_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title[:60]}"


def put(kind: str, object_id: int, group: str, **fields: str) -> None:
    """Create or replace the document of one object (call inside the change's transaction)."""
    values = {name: (value or "").replace("\x00", "") for name, value in fields.items()}
    SearchDocument.objects.update_or_create(
        kind=kind, object_id=object_id, defaults={"group": group, **values}
    )


def remove(kind: str, object_ids: Sequence[int]) -> None:
    SearchDocument.objects.filter(kind=kind, object_id__in=list(object_ids)).delete()


# Hooks for documents that quote a persona's name (messages, objections, assets): apps above
# personas register a callable in AppConfig.ready(); personas calls them on a rename.
persona_renamed: list[Callable] = []


# --- Queries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One thing to look for: a word, or a phrase (several words in a row)."""

    words: tuple[str, ...]

    @property
    def phrase(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Query:
    """A parsed search: all of `groups` must match (each group is a set of alternatives, any
    of which will do), and none of `excluded`."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()

    def fts5(self) -> str:
        """The FTS5 MATCH expression. Every term is a quoted string of \\w words, so no user
        text reaches FTS5's own syntax."""

        def quoted(term: Term) -> str:
            return '"' + term.phrase + '"'

        positive = " AND ".join(
            "(" + " OR ".join(quoted(term) for term in group) + ")" for group in self.groups
        )
        return "".join([f"({positive})", *(f" NOT {quoted(term)}" for term in self.excluded)])

    def tsquery(self) -> tuple[str, list[str]]:
        """SQL for a PostgreSQL tsquery and its parameters: each term through
        websearch_to_tsquery (stemming, stop-words, phrases), combined with && || !!."""
        params: list[str] = []

        def one(term: Term) -> str:
            params.append(f'"{term.phrase}"' if len(term.words) > 1 else term.phrase)
            return "websearch_to_tsquery('english', %s)"

        parts = ["(" + " || ".join(one(term) for term in group) + ")" for group in self.groups]
        parts += [f"!!{one(term)}" for term in self.excluded]
        return " && ".join(parts), params


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _visible_sql(visible: dict[str, models.QuerySet]) -> tuple[str, list]:
    """`(kind = … AND object_id IN (…)) OR …` from each kind's visible-to-user queryset."""
    clauses, params = [], []
    for kind, queryset in visible.items():
        sql, sub_params = queryset.order_by().values("pk").query.sql_with_params()
        clauses.append(f"(d.kind = %s AND d.object_id IN ({sql}))")
        params += [kind, *sub_params]
    return " OR ".join(clauses) or "FALSE", params


def _matching(query: Query, visible: dict[str, models.QuerySet]) -> tuple[str, list, str]:
    """ "FROM … WHERE …" of the visible documents matching `query`, its parameters, and the
    rank expression (higher is better on both engines)."""
    where, visible_params = _visible_sql(visible)
    if is_postgres():
        tsquery, params = query.tsquery()
        return (
            f"FROM personas_searchdocument d, (SELECT {tsquery}) AS q(q) "
            f"WHERE d.search_vector @@ q.q AND ({where})",
            [*params, *visible_params],
            # File text only decides whether a document matches: ranking by it would read
            # (de-TOAST) the file text's vector of every match, 14 KB each, 270 ms for a
            # word in 10k files; the small vector of title, tags and body takes 10 ms. Files
            # that match in their text alone tie and keep the index's order (by id).
            "ts_rank(d.rank_vector, q.q, 1)",
        )
    return (
        f"FROM personas_searchdocument d JOIN {FTS5_TABLE} f ON f.rowid = d.id "
        f"WHERE {FTS5_TABLE} MATCH %s AND ({where})",
        [query.fts5(), *visible_params],
        # bm25 is lower for better matches; negate it so both engines sort descending.
        f"-bm25({FTS5_TABLE}, {FTS5_WEIGHTS})",
    )


@contextmanager
def index_scans() -> Iterator[None]:
    """On PostgreSQL, find matches through the GIN index, never by reading every document.

    The planner prices `search_vector @@ query` as cheap and, for a word in most documents,
    scans the table, which reads every document's vector from TOAST storage (167 ms at 10k
    files); the bitmap scan of the GIN index answers the same from the index (6 ms). The
    planner cannot see that cost, so this transaction tells it: SET LOCAL ends with it.
    Wrap a whole search (counts, top hits, snippets) in it: one transaction, not one each.
    """
    if not is_postgres():
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


@dataclass
class Hit:
    """One matching document: what it is, how well it matched, and a highlighted snippet."""

    kind: str
    object_id: int
    rank: float
    snippet: str = ""
    document_id: int = 0


@dataclass
class Results:
    """What one search found: the number of visible matches per group, and the hits of the
    groups asked for, best first (ties by id)."""

    counts: dict[str, int]
    hits: dict[str, list[Hit]]


def search(
    query: Query,
    visible: dict[str, models.QuerySet],
    *,
    windows: dict[str, tuple[int, int]],
) -> Results:
    """Every group's count and the hits of `windows` ({group: (limit, offset)}): one query
    finds, ranks and counts the visible matches once; a second one quotes the hits shown.

    The matches are found once (a MATERIALIZED CTE, so SQLite's bm25 stays in its FTS query),
    then numbered and counted per group by window functions. Only the first row of each group
    (which carries the count) and the rows inside the asked-for windows come back.
    """
    matching, params, rank = _matching(query, visible)
    group = f"d.{connection.ops.quote_name('group')}"
    shown, shown_params = [], []
    for name, (limit, offset) in windows.items():
        shown.append("(grp = %s AND position > %s AND position <= %s)")
        shown_params += [name, offset, offset + limit]
    sql = (
        f"WITH m AS MATERIALIZED (SELECT d.id, d.kind, d.object_id, {group} AS grp, "
        f"{rank} AS rank {matching}), "
        "r AS (SELECT m.*, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY rank DESC, id) "
        "AS position, COUNT(*) OVER (PARTITION BY grp) AS total FROM m) "
        "SELECT id, kind, object_id, grp, rank, position, total FROM r "
        f"WHERE {' OR '.join(['position = 1', *shown])} ORDER BY grp, position"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *shown_params])
        rows = cursor.fetchall()
    counts: dict[str, int] = {}
    hits: dict[str, list[Hit]] = {name: [] for name in windows}
    for pk, kind, object_id, grp, score, position, total in rows:
        counts[grp] = total
        if grp in windows:
            limit, offset = windows[grp]
            if offset < position <= offset + limit:
                hits[grp].append(Hit(kind, object_id, score, document_id=pk))
    every_hit = [hit for group_hits in hits.values() for hit in group_hits]
    snippets = _snippets(query, [hit.document_id for hit in every_hit])
    for hit in every_hit:
        hit.snippet = snippets.get(hit.document_id, "")
    return Results(counts, hits)


def _snippets(query: Query, ids: list[int]) -> dict[int, str]:
    """{document id: snippet} for a page of results, computed only for that page."""
    if not ids:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    if is_postgres():
        tsquery, params = query.tsquery()
        # Not the file text: a hit in a file is quoted from its best page (best_pages), and
        # headlining a whole file's text costs milliseconds per hit.
        sql = (
            "SELECT d.id, ts_headline('english', concat_ws(' · ', NULLIF(d.tags, ''), "
            "NULLIF(d.body, '')), q.q, %s) FROM personas_searchdocument d, "
            f"(SELECT {tsquery}) AS q(q) WHERE d.id IN ({marks})"
        )
        params = [HEADLINE_OPTIONS, *params, *ids]
    else:
        sql = (
            f"SELECT rowid, snippet({FTS5_TABLE}, -1, %s, %s, ' … ', 24) FROM {FTS5_TABLE} "
            f"WHERE {FTS5_TABLE} MATCH %s AND rowid IN ({marks})"
        )
        params = [MARK_START, MARK_END, query.fts5(), *ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def best_pages(query: Query, version_ids: list[int]) -> dict[int, tuple[int, str, str]]:
    """{version id: (page number, sheet name, snippet)} of the page of each version that
    matches `query` best, in one query (collateral's pages table; see its migration)."""
    if not version_ids:
        return {}
    marks = ", ".join(["%s"] * len(version_ids))
    if is_postgres():
        tsquery, params = query.tsquery()
        # Each page's vector is made once, and ts_headline (the costly part) runs only for
        # the one best page of each version, not for every page that matches.
        sql = (
            f"WITH q AS (SELECT {tsquery} AS q), pages AS MATERIALIZED (SELECT id, version_id, "
            "number, to_tsvector('english', text) AS v FROM collateral_versionpage "
            f"WHERE version_id IN ({marks})), best AS (SELECT DISTINCT ON (p.version_id) p.id "
            "FROM pages p, q WHERE p.v @@ q.q "
            "ORDER BY p.version_id, ts_rank(p.v, q.q) DESC, p.number) "
            "SELECT p.version_id, p.number, p.name, ts_headline('english', p.text, q.q, %s) "
            "FROM collateral_versionpage p, q WHERE p.id IN (SELECT id FROM best)"
        )
        params = [*params, *version_ids, HEADLINE_OPTIONS]
    else:
        sql = (
            f"SELECT p.version_id, p.number, p.name, snippet({PAGE_FTS5_TABLE}, 0, %s, %s, "
            f"' … ', 24) FROM {PAGE_FTS5_TABLE} f JOIN collateral_versionpage p "
            f"ON p.id = f.rowid WHERE {PAGE_FTS5_TABLE} MATCH %s AND p.version_id IN ({marks}) "
            f"ORDER BY bm25({PAGE_FTS5_TABLE}), p.number"
        )
        params = [MARK_START, MARK_END, query.fts5(), *version_ids]
    found: dict[int, tuple[int, str, str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for version_id, number, name, snippet in cursor.fetchall():
            found.setdefault(version_id, (number, name, snippet))
    return found


# --- Schema (used by migrations) ----------------------------------------------------------

POSTGRES_DOCUMENT_SQL = """
ALTER TABLE personas_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(tags, '')), 'B')
    || setweight(to_tsvector('english', coalesce(body, '')), 'C')
    || setweight(to_tsvector('english', coalesce(extra, '')), 'D')
) STORED;
CREATE INDEX personas_searchdocument_vector_gin ON personas_searchdocument
    USING gin (search_vector);
"""

# What results are ranked by (see _matching): the same weights without the file text.
POSTGRES_RANK_SQL = """
ALTER TABLE personas_searchdocument ADD COLUMN rank_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(tags, '')), 'B')
    || setweight(to_tsvector('english', coalesce(body, '')), 'C')
) STORED;
"""


def fts5_sql(table: str, fts: str, columns: Sequence[str]) -> list[str]:
    """An external-content FTS5 table over `columns` of `table`, kept in step by triggers."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
    ]


def install_document_index(apps, schema_editor) -> None:
    """Migration step: the engine-side index of SearchDocument for this database."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOCUMENT_SQL)
    elif vendor == "sqlite":
        for statement in fts5_sql(
            "personas_searchdocument", FTS5_TABLE, ["title", "tags", "body", "extra"]
        ):
            schema_editor.execute(statement)


def install_rank_vector(apps, schema_editor) -> None:
    """Migration step: PostgreSQL's small ranking vector (SQLite's bm25 needs none)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_RANK_SQL)


def drop_rank_vector(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE personas_searchdocument DROP COLUMN rank_vector")


def install_page_index(apps, schema_editor) -> None:
    """Migration step: FTS5 over collateral's VersionPage text on SQLite. PostgreSQL needs
    nothing: it reads the few pages of one results page with to_tsvector directly."""
    if schema_editor.connection.vendor == "sqlite":
        for statement in fts5_sql("collateral_versionpage", PAGE_FTS5_TABLE, ["text"]):
            schema_editor.execute(statement)


def drop_fts5_table(fts: str) -> Callable:
    """Migration step (reverse): drop an FTS5 table and the triggers that feed it."""

    def drop(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "sqlite":
            for suffix in ("ai", "ad", "au"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")

    return drop
