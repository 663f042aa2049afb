/* db: backend registry chosen by URL, and the thin typed wrappers every caller uses. */
#include "db/db.h"
#include "base/base.h"
#include "db/copy.h"
#include <stdarg.h>
#include <stdatomic.h>
#include <string.h>

static const struct db_ops *const backends[] = {&db_sqlite_ops, &db_pg_ops};
static const struct {
    const char *alias, *scheme;
} aliases[] = {{"postgres", "postgresql"}};

int db_open(const char *url, const struct db_options *o, struct db **out, char *err, size_t errlen)
{
    const char *target = url;
    const struct db_ops *ops = &db_sqlite_ops;
    const char *colon = strstr(url, ":");
    if (colon && colon - url < 16 && colon[1] != '\\') {
        size_t n = (size_t)(colon - url);
        ops = NULL;
        const char *scheme = url;
        for (size_t i = 0; i < ARRAY_LEN(aliases); i++)
            if (strlen(aliases[i].alias) == n && memcmp(aliases[i].alias, url, n) == 0)
                scheme = aliases[i].scheme, n = strlen(scheme);
        for (size_t i = 0; i < ARRAY_LEN(backends); i++)
            if (strlen(backends[i]->scheme) == n && memcmp(backends[i]->scheme, scheme, n) == 0)
                ops = backends[i];
        if (!ops) {
            snprintf(err, errlen,
                     "unsupported database URL '%.*s:...' (use sqlite:PATH, a file path or postgresql://...)",
                     (int)n, url);
            return DB_ERR;
        }
        target = ops->full_url ? url : colon + 1;
    }
    struct db_options def = {0};
    int rc = ops->open(target, o ? o : &def, out, err, errlen);
    if (rc == DB_OK) {
        static atomic_uint_fast64_t serials;
        (*out)->url = url;
        (*out)->serial = atomic_fetch_add(&serials, 1) + 1;
    }
    return rc;
}
uint64_t db_serial(struct db *db)
{
    return db->serial;
}
uint64_t db_prepared(struct db *db)
{
    return db->prepared;
}
void db_url_shown(const char *url, char *out, size_t len)
{
    snprintf(out, len, "%s", url);
    char *at = strchr(out, '@'), *scheme = strstr(out, "://");
    if (!at || !scheme || at < scheme)
        return;
    char *colon = memchr(scheme + 3, ':', (size_t)(at - (scheme + 3)));
    if (colon && (size_t)(colon - out) + 4 + strlen(at) < len) {
        memmove(colon + 4, at, strlen(at) + 1);
        memcpy(colon, ":***", 4);
    }
}

void db_close(struct db *db)
{
    if (db)
        db->ops->close(db);
}
static atomic_uint_fast64_t generations;
static void new_generation(struct db *db)
{
    db->gen = atomic_fetch_add(&generations, 1) + 1;
}
uint64_t db_generation(struct db *db)
{
    return db->in_txn ? db->gen : 0;
}

int db_exec(struct db *db, const char *sql)
{
    if (strncmp(sql, "ROLLBACK", 8) == 0)
        new_generation(db);
    return db->ops->exec(db, sql);
}
const char *db_errmsg(struct db *db)
{
    return db->ops->errmsg(db);
}
int64_t db_changes(struct db *db)
{
    return db->ops->changes(db);
}
int db_begin(struct db *db)
{
    new_generation(db);
    int rc = db->ops->begin(db);
    db->in_txn = rc == DB_OK;
    return rc;
}
int db_commit(struct db *db)
{
    new_generation(db);
    db->in_txn = 0;
    db->commit_unsure = 0;
    return db_exec(db, "COMMIT");
}
int db_commit_unsure(struct db *db)
{
    return db->commit_unsure;
}
int db_rollback(struct db *db)
{
    db->in_txn = 0;
    return db_exec(db, "ROLLBACK");
}
int db_begin_snapshot(struct db *db)
{
    /* SQLite's deferred BEGIN takes its snapshot at the first read and keeps it (WAL). */
    return db_exec(db, db_is_sqlite(db) ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
}
int db_is_sqlite(struct db *db)
{
    return db->ops == &db_sqlite_ops;
}
int db_is_shared(struct db *db)
{
    return db->ops->shared;
}
int64_t db_cache_size(struct db *db, int64_t setting)
{
    if (!db_is_sqlite(db))
        return 0;
    int64_t old = db_int1(db, 0, "PRAGMA cache_size", NULL);
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA cache_size=%lld", (long long)setting);
    db_exec(db, pragma);
    return old;
}
/* Names go into the SQL text, so only plain lower-case identifiers are accepted. */
static int plain_name(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}
int db_reset_identity(struct db *db, const char *table, const char *column)
{
    if (db_is_sqlite(db)) /* INTEGER PRIMARY KEY takes max(rowid)+1 by itself */
        return DB_OK;
    if (!plain_name(table) || !plain_name(column))
        return DB_ERR;
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT setval(pg_get_serial_sequence('%s', '%s'), coalesce(max(%s), 0) + 1, false) FROM %s", table,
             column, column, table);
    return db_exec(db, sql);
}
int db_backup(struct db *db, const char *path, void (*progress)(int, int))
{
    if (!db->ops->backup) /* no page-level backup (PostgreSQL): copy the tables from one snapshot */
        return copy_backup(db, path, progress);
    return db->ops->backup(db, path, progress);
}
const char *db_sql(struct db *db, enum db_sql_fragment f)
{
    return db->ops->sql[f];
}
/* Split the user's words once; each engine writes them in its own match syntax. */
int db_name_match(struct db *db, const char *q, char *out, size_t len)
{
    struct db_word w[DB_MAX_WORDS];
    int n = 0;
    while (*q) {
        while (*q == ' ')
            q++;
        const char *s = q;
        while (*q && *q != ' ')
            q++;
        size_t bytes = (size_t)(q - s), chars = 0;
        if (bytes == 0)
            break;
        for (size_t i = 0; i < bytes; i++)
            chars += ((unsigned char)s[i] & 0xC0) != 0x80;
        if (chars < 3 || n == DB_MAX_WORDS)
            return -1; /* a trigram index needs three characters in each word */
        w[n++] = (struct db_word){s, bytes};
    }
    return n ? db->ops->name_match(w, n, out, len) : -1;
}
char *db_ddl(struct db *db, const char *sql)
{
    return db->ops->ddl ? db->ops->ddl(sql) : xstrdup(sql);
}
int db_unavailable(void)
{
    return db_pg_unavailable();
}

static struct db_stmt *vquery(struct db *db, const char *sql, const char *fmt, va_list ap)
{
    struct db_stmt *st = db->ops->prepare(db, sql);
    if (!st)
        return NULL;
    int idx = 1;
    for (const char *f = fmt ? fmt : ""; *f; f++, idx++) {
        int64_t v;
        const void *p = NULL;
        switch (*f) {
        case 'i':
            v = va_arg(ap, int64_t);
            db->ops->bind(st, idx, 'i', NULL, v);
            break;
        case 'I': /* 0 binds null: optional references */
            v = va_arg(ap, int64_t);
            db->ops->bind(st, idx, v ? 'i' : 'n', NULL, v ? v : 'i');
            break;
        case 'd':
            v = va_arg(ap, int);
            db->ops->bind(st, idx, 'i', NULL, v);
            break;
        case 't':
            p = va_arg(ap, const char *);
            db->ops->bind(st, idx, p ? 't' : 'n', p, p ? -1 : 't');
            break;
        case 'f': { /* const double *: NULL binds null */
            const double *x = va_arg(ap, const double *);
            db->ops->bind(st, idx, x ? 'f' : 'n', x, x ? 0 : 'f');
            break;
        }
        case 'b':
            p = va_arg(ap, const void *);
            v = (int64_t)va_arg(ap, size_t);
            db->ops->bind(st, idx, 'b', p, v);
            break;
        default:
            db->ops->bind(st, idx, 'n', NULL, 0);
        }
    }
    return st;
}
struct db_stmt *db_vquery(struct db *db, const char *sql, const char *fmt, va_list ap)
{
    return vquery(db, sql, fmt, ap);
}
struct db_stmt *db_query(struct db *db, const char *sql, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct db_stmt *st = vquery(db, sql, fmt, ap);
    va_end(ap);
    return st;
}
/* Every backend's statement starts with its connection pointer. */
#define OPS(st) ((*(struct db **)(st))->ops)
/* A NULL statement (failed prepare) steps as an error, so callers need one check. */
int db_step(struct db_stmt *st)
{
    return st ? OPS(st)->step(st) : DB_ERR;
}
void db_done(struct db_stmt *st)
{
    if (st)
        OPS(st)->done(st);
}
int64_t db_int(struct db_stmt *st, int i)
{
    return OPS(st)->col_int(st, i);
}
const char *db_text(struct db_stmt *st, int i)
{
    return OPS(st)->col_type(st, i) == 'n' ? NULL : OPS(st)->col_text(st, i);
}
const void *db_blob(struct db_stmt *st, int i, size_t *len)
{
    return OPS(st)->col_blob(st, i, len);
}
int db_isnull(struct db_stmt *st, int i)
{
    return OPS(st)->col_type(st, i) == 'n';
}
int db_columns(struct db_stmt *st)
{
    return OPS(st)->col_count(st);
}
const char *db_column_name(struct db_stmt *st, int i)
{
    return OPS(st)->col_name(st, i);
}
int db_type(struct db_stmt *st, int i)
{
    return OPS(st)->col_type(st, i);
}
double db_real(struct db_stmt *st, int i)
{
    return OPS(st)->col_real(st, i);
}
int db_bind(struct db_stmt *st, int idx, char type, const void *p, int64_t n)
{
    return st ? OPS(st)->bind(st, idx, type, p, n) : DB_ERR;
}
int db_run(struct db *db, const char *sql, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct db_stmt *st = vquery(db, sql, fmt, ap);
    va_end(ap);
    int rc = db_step(st);
    db_done(st);
    return rc == DB_DONE || rc == DB_ROW ? DB_OK : rc;
}
static int64_t vinsert(struct db *db, const char *sql, const char *fmt, va_list ap)
{
    struct db_stmt *st = vquery(db, sql, fmt, ap);
    int rc = db_step(st);
    int64_t id = rc == DB_ROW && !db_isnull(st, 0) ? db_int(st, 0) : 0;
    db_done(st);
    db->insert_rc = id > 0 ? DB_OK : rc == DB_ROW || rc == DB_DONE ? DB_ERR : rc;
    return id > 0 ? id : 0;
}
int64_t db_insert_id(struct db *db, const char *sql, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int64_t id = vinsert(db, sql, fmt, ap);
    va_end(ap);
    return id;
}
/* INSERT INTO table(cols) VALUES (?, ...) RETURNING id, for fmt's letters; 0 when a name is not plain. */
static int insert_sql(char *sql, size_t len, const char *table, const char *cols, const char *fmt)
{
    for (const char *c = cols; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == ',' || *c == ' '))
            return 0;
    size_t o = (size_t)snprintf(sql, len, "INSERT INTO %s(%s) VALUES (", table, cols);
    for (size_t i = 0; fmt[i] && o < len; i++)
        o += (size_t)snprintf(sql + o, len - o, i ? ",?" : "?");
    if (o < len)
        o += (size_t)snprintf(sql + o, len - o, ") RETURNING id");
    return plain_name(table) && o < len;
}
int64_t db_insert(struct db *db, const char *table, const char *cols, const char *fmt, ...)
{
    char sql[1024];
    if (!insert_sql(sql, sizeof sql, table, cols, fmt)) {
        log_error("db_insert: cannot write an INSERT into %s(%s)", table, cols);
        db->insert_rc = DB_ERR;
        return 0;
    }
    va_list ap;
    va_start(ap, fmt);
    int64_t id = vinsert(db, sql, fmt, ap);
    va_end(ap);
    return id;
}
int db_insert_rc(struct db *db)
{
    return db->insert_rc;
}
int64_t db_int1(struct db *db, int64_t def, const char *sql, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct db_stmt *st = vquery(db, sql, fmt, ap);
    va_end(ap);
    int64_t v = def;
    if (db_step(st) == DB_ROW && !db_isnull(st, 0))
        v = db_int(st, 0);
    db_done(st);
    return v;
}
json_t *db_row_json(struct db_stmt *st)
{
    json_t *o = json_object();
    int n = OPS(st)->col_count(st);
    for (int i = 0; i < n; i++) {
        const char *name = OPS(st)->col_name(st, i);
        json_t *v;
        switch (OPS(st)->col_type(st, i)) {
        case 'i':
            v = json_integer(OPS(st)->col_int(st, i));
            break;
        case 'f':
            v = json_real(OPS(st)->col_real(st, i));
            break;
        case 'n':
            v = json_null();
            break;
        default:
            v = json_string(OPS(st)->col_text(st, i));
            if (!v)
                v = json_null();
        }
        json_object_set_new(o, name, v);
    }
    return o;
}
json_t *db_rows(struct db *db, const char *sql, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct db_stmt *st = vquery(db, sql, fmt, ap);
    va_end(ap);
    json_t *a = json_array();
    while (db_step(st) == DB_ROW)
        json_array_append_new(a, db_row_json(st));
    db_done(st);
    return a;
}
json_t *db_row(struct db *db, const char *sql, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct db_stmt *st = vquery(db, sql, fmt, ap);
    va_end(ap);
    json_t *o = NULL;
    if (db_step(st) == DB_ROW)
        o = db_row_json(st);
    db_done(st);
    return o;
}
int db_checkpoint(struct db *db)
{
    return db->ops->checkpoint ? db->ops->checkpoint(db) : DB_OK;
}
