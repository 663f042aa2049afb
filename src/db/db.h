/* db: the one database interface. A backend (db_sqlite.c, db_pg.c) fills a
 * table of operations; callers use the wrappers below and never the backend directly.
 * SQL is written once with `?` placeholders in the portable subset; where engines
 * differ, the difference is a named helper here (db_sql_*). */
#ifndef HEARTH_DB_H
#define HEARTH_DB_H
#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

enum { DB_OK = 0, DB_ROW = 1, DB_DONE = 2, DB_ERR = -1, DB_BUSY = -2, DB_CONSTRAINT = -3, DB_UNAVAILABLE = -4 };

/* SQL fragments that differ between engines (db_sql). */
enum db_sql_fragment {
    DB_SQL_NAME_MATCH, /* condition on `f`, the name index clients_fts, matching parameter ?6 from db_name_match */
    DB_SQL_LIST_AGG,   /* the aggregate joining strings with a separator: name(expr, ',') */
    DB_SQL_JSON_AGG,   /* the aggregate making a JSON array (null on no rows: wrap in coalesce(..., '[]')) */
    DB_SQL_JSON_OBJECT, /* the function making a JSON object of key, value, key, value... */
    DB_SQL_AUDIT_HEAD, /* prefix of the audit INSERT that also moves the head kept in the database
                        * (?1 seq, ?15 hash; PostgreSQL's audit_head); "" where it is kept outside */
    DB_SQL_COUNT
};

struct db_options {
    int readonly;          /* a reader connection: query only */
    const char *synchronous; /* "FULL" (default), "NORMAL", "OFF" */
    int no_autocheckpoint;   /* the server's writer: checkpoints run beside it (db_checkpoint) */
    int reconnect_async;     /* an event loop's connection: a lost one is re-opened by a thread of its
                              * own, and calls fail fast (DB_UNAVAILABLE) until it is back (PostgreSQL) */
};

struct db;
struct db_stmt;
/* A word of a name search, as the user typed it (db_name_match splits them). */
struct db_word {
    const char *s;
    size_t len;
};
#define DB_MAX_WORDS 64

struct db_ops {
    const char *scheme;
    int full_url; /* open() receives the whole URL, scheme included */
    int shared;   /* several servers may share one database (db_is_shared) */
    int (*open)(const char *target, const struct db_options *o, struct db **out, char *err, size_t errlen);
    void (*close)(struct db *db);
    int (*exec)(struct db *db, const char *sql);
    int (*begin)(struct db *db); /* a write transaction, serialised with every other writer */
    struct db_stmt *(*prepare)(struct db *db, const char *sql);
    int (*bind)(struct db_stmt *st, int idx, char type, const void *p, int64_t n);
    int (*step)(struct db_stmt *st);
    int (*col_count)(struct db_stmt *st);
    const char *(*col_name)(struct db_stmt *st, int i);
    int (*col_type)(struct db_stmt *st, int i); /* 'i' integer, 'f' real, 't' text, 'b' blob, 'n' null */
    int64_t (*col_int)(struct db_stmt *st, int i);
    double (*col_real)(struct db_stmt *st, int i);
    const char *(*col_text)(struct db_stmt *st, int i);
    const void *(*col_blob)(struct db_stmt *st, int i, size_t *len);
    void (*done)(struct db_stmt *st);
    int64_t (*changes)(struct db *db);
    const char *(*errmsg)(struct db *db);
    int (*backup)(struct db *db, const char *path, void (*progress)(int done, int total));
    int (*checkpoint)(struct db *db);
    char *(*ddl)(const char *sql); /* migration DDL in this dialect (malloc'd); NULL: as written */
    int (*name_match)(const struct db_word *w, int n, char *out, size_t len); /* -1: out too small */
    const char *const *sql; /* DB_SQL_COUNT fragments */
};

struct db {
    const struct db_ops *ops;
    const char *url;
    uint64_t gen; /* see db_generation */
    uint64_t serial; /* see db_serial */
    uint64_t prepared; /* see db_prepared */
    int in_txn;   /* between db_begin and db_commit/db_rollback */
    int insert_rc; /* how the last db_insert_id ended (db_insert_rc) */
    int commit_unsure; /* see db_commit_unsure */
};

/* Open by URL: "sqlite:PATH", a plain path, or "postgresql://..." (libpq's URL). */
int db_open(const char *url, const struct db_options *o, struct db **out, char *err, size_t errlen);
void db_close(struct db *db);
/* The URL as it may be shown or logged: a password in it becomes "***". */
void db_url_shown(const char *url, char *out, size_t len);
int db_exec(struct db *db, const char *sql);
const char *db_errmsg(struct db *db);
int64_t db_changes(struct db *db);
int db_begin(struct db *db);    /* a write transaction */
/* Changes whenever what this connection wrote may have been undone or others may have written
 * since: at begin, commit, rollback, and any ROLLBACK (TO a savepoint) through db_exec. Values are
 * unique across connections. 0 outside a transaction. A reader may cache what it read from its own
 * transaction while the value stays the same (the audit chain head). */
uint64_t db_generation(struct db *db);
int db_commit(struct db *db);
/* A number no other connection opened by this process has had: what a thread keeps of one
 * connection's answers is not taken for another's that reuses its memory. */
uint64_t db_serial(struct db *db);
/* How many statements this connection has compiled (prepared): what its statement cache could not
 * spare it. */
uint64_t db_prepared(struct db *db);
/* After a db_commit that failed: nonzero when the transaction may still have reached the disk
 * (SQLite: its log was written but the sync failed; after a crash it may come back), so the
 * answer must not say that nothing was saved. */
int db_commit_unsure(struct db *db);
int db_rollback(struct db *db);
/* A read-only transaction that sees one snapshot of the whole database until it ends (SQLite: a
 * deferred read transaction in WAL mode; PostgreSQL: REPEATABLE READ, READ ONLY). End it with
 * db_commit. */
int db_begin_snapshot(struct db *db);

/* Prepare (cached by the backend) and bind in one call. fmt has one letter per `?`:
 *   i int64_t   I int64_t, 0 binds null   d int   t const char* (NULL binds null)   b const void*, size_t   n null
 *   f const double* (NULL binds null)
 * (A backend's bind gets type 'n' for null with n = the letter it stands for: 'i', 'f', 't', 'b' or 0.)
 * Returns NULL only on a SQL error (logged). Always pair with db_done(). */
struct db_stmt *db_query(struct db *db, const char *sql, const char *fmt, ...);
struct db_stmt *db_vquery(struct db *db, const char *sql, const char *fmt, va_list ap);
int db_step(struct db_stmt *st);
void db_done(struct db_stmt *st);
int64_t db_int(struct db_stmt *st, int i);
const char *db_text(struct db_stmt *st, int i); /* NULL for SQL null */
const void *db_blob(struct db_stmt *st, int i, size_t *len);
int db_isnull(struct db_stmt *st, int i);
/* The generic column API, for code that copies rows it does not know (db/copy.c). */
int db_columns(struct db_stmt *st);
const char *db_column_name(struct db_stmt *st, int i);
int db_type(struct db_stmt *st, int i); /* 'i' integer, 'f' real, 't' text, 'b' blob, 'n' null */
double db_real(struct db_stmt *st, int i);
/* Bind one parameter (1-based) of a statement from db_query(db, sql, ""): type as db_type's
 * letters; p points to the double ('f'), the text ('t', n = -1 for up to NUL) or the bytes ('b', n
 * bytes); 'i' takes the value in n; 'n' binds null. 0 when bound. */
int db_bind(struct db_stmt *st, int idx, char type, const void *p, int64_t n);

/* Run a statement that returns no rows: DB_OK, DB_CONSTRAINT or DB_ERR. */
int db_run(struct db *db, const char *sql, const char *fmt, ...);
/* Run an `INSERT ... RETURNING id` and return the new row's id; 0 when nothing was inserted (the
 * error is logged and kept as for any statement: db_errmsg, and db_insert_rc says DB_CONSTRAINT
 * when a unique or foreign key refused the row). */
int64_t db_insert_id(struct db *db, const char *sql, const char *fmt, ...);
int db_insert_rc(struct db *db); /* DB_OK after an insert that returned an id, else its DB_* error */
/* One row into a table: cols names the columns ("a, b, c"), fmt has one db_query letter per column.
 * The INSERT (with RETURNING id) is written here, so a caller that fills many tables (the demo
 * generator) writes no SQL per table. The table has an `id` key; returns the new row's id as
 * db_insert_id does. */
int64_t db_insert(struct db *db, const char *table, const char *cols, const char *fmt, ...);
/* One integer from the first row (def when no row). */
int64_t db_int1(struct db *db, int64_t def, const char *sql, const char *fmt, ...);
/* Rows as JSON: column names are keys; integer, real, text and null map naturally. */
json_t *db_row_json(struct db_stmt *st);
json_t *db_rows(struct db *db, const char *sql, const char *fmt, ...);  /* array, never NULL */
json_t *db_row(struct db *db, const char *sql, const char *fmt, ...);   /* object or NULL */

/* Dialect helpers: where engines differ. */
int db_is_sqlite(struct db *db);
/* Several servers may write this database at once (PostgreSQL): what they must agree on, such as
 * the audit chain's head, lives in the database, not in a file beside it. */
int db_is_shared(struct db *db);
/* The connection's page cache for a bulk load, in SQLite's cache_size terms (negative: KiB;
 * positive: pages); returns the old setting to restore, or 0 where the server manages its cache. */
int64_t db_cache_size(struct db *db, int64_t setting);
const char *db_sql(struct db *db, enum db_sql_fragment f);
/* The user's words as the argument of DB_SQL_NAME_MATCH: -1 when a word is shorter than three
 * characters (the trigram index cannot look it up) or there are none. */
int db_name_match(struct db *db, const char *q, char *out, size_t len);
/* Migration DDL as this engine wants it; the caller frees. */
char *db_ddl(struct db *db, const char *sql);
/* Nonzero while a server connection has found the database unreachable (answer 503). */
int db_unavailable(void);
int db_pg_unavailable(void);
/* PostgreSQL's text of a statement: `?` and `?NNN` become `$N` outside quotes and comments;
 * *nparams gets the highest parameter number (malloc'd; db_pg.c). */
char *db_pg_placeholders(const char *sql, int *nparams);
/* Move committed pages from the log into the database without blocking the writer
 * (SQLite WAL checkpoint, PASSIVE); a no-op where the engine does this itself. */
int db_checkpoint(struct db *db);
/* After rows were inserted with explicit ids, let the next generated id follow the largest one
 * (PostgreSQL identity columns keep a sequence of their own; SQLite needs nothing). */
int db_reset_identity(struct db *db, const char *table, const char *column);
/* Online, consistent copy of the whole database to a new SQLite file (a backend without a backup
 * of its own, PostgreSQL, is copied table by table from one snapshot: db/copy.c). */
int db_backup(struct db *db, const char *path, void (*progress)(int done, int total));

extern const struct db_ops db_sqlite_ops, db_pg_ops;
#endif
