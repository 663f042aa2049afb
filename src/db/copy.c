/* copy: every Hearth table from one database to another, in foreign-key order, read from one
 * snapshot of the source, each value keeping its type. The table list is explicit: a migration
 * that adds a table adds it here too, and a source table missing from the list stops the copy
 * instead of being left behind unnoticed. */
#include "db/copy.h"
#include "base/base.h"
#include "db/db.h"
#include "db/migrate.h"
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE_ROWS 2000 /* rows per SELECT on the source: a page of a PostgreSQL result sits in memory */
#define TXN_ROWS 10000 /* rows per transaction on the target: few commits, none of them huge */

static const struct table {
    const char *name;
    const char *cols;     /* what to read: "*", or the columns a virtual table hides from it */
    const char *key;      /* a unique column to page by, in order; NULL: read at once (a small table) */
    const char *identity; /* the generated id whose sequence must follow the copied ids */
    const char *later;    /* a column that may point at a later row of the same table: second pass */
    int seeded;           /* the migrations put rows here, so rows are no sign that the target is used */
} tables[] = {
    {"orgs", "*", "id", "id", NULL, 0},
    {"staff", "*", "id", "id", NULL, 0},
    {"sessions", "*", "token_hash", NULL, NULL, 0},
    {"form_drafts", "*", "id", "id", NULL, 0},
    {"api_tokens", "*", "id", "id", NULL, 0},
    /* failed logins of the last minutes only (auth.c prunes the rest): a few rows and no key */
    {"login_failures", "*", NULL, NULL, NULL, 0},
    {"clients", "*", "id", "id", NULL, 0},
    {"client_versions", "*", "id", "id", NULL, 0},
    {"client_identifiers", "*", "id", "id", NULL, 0},
    {"client_links", "*", "id", "id", NULL, 0},
    /* the name index: FTS5 on SQLite (whose * leaves out the rowid), a plain table on PostgreSQL */
    {"clients_fts", "rowid, name", "rowid", NULL, NULL, 0},
    {"episodes", "*", "id", "id", NULL, 0},
    {"team_members", "*", "id", "id", NULL, 0},
    /* a corrected contact points forward to its correction, which is not there yet */
    {"contacts", "*", "id", "id", "superseded_by", 0},
    {"tasks", "*", "id", "id", NULL, 0},
    {"break_glass", "*", "id", "id", NULL, 0},
    {"audit", "*", "seq", "seq", NULL, 0},
    {"assessments", "*", "id", "id", NULL, 0},
    {"flag_kinds", "*", "id", "id", NULL, 1},
    {"flags", "*", "id", "id", NULL, 0},
    {"flag_reviews", "*", "id", "id", NULL, 0},
    {"oncall", "*", "id", "id", NULL, 0},
    {"crisis_events", "*", "id", "id", NULL, 0},
    {"safety_plans", "*", "id", "id", NULL, 0},
    {"hospitalisations", "*", "id", "id", NULL, 0},
};
#define NTABLES ((int)ARRAY_LEN(tables))

/* Tables that are not a centre's data: the schema's own record (the target has its own), and the
 * shared audit head of PostgreSQL, which is set from the copied chain. */
static const char *const not_copied[] = {"schema_migrations", "audit_head"};

struct job {
    struct db *src, *dst;
    copy_progress_fn fn;
    void *arg;
    struct copy_result *r;
    int64_t counts[ARRAY_LEN(tables)]; /* source rows, counted in the snapshot */
    int64_t txn_rows;                  /* rows written in the target's open transaction */
    int64_t committed;                 /* rows copied and committed on the target */
};

static int fail(struct job *j, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(j->r->err, sizeof j->r->err, fmt, ap);
    va_end(ap);
    return DB_ERR;
}

static void report(struct job *j, const char *table, int64_t done, int64_t total)
{
    if (!j->fn)
        return;
    struct copy_progress p = {table, done, total, j->r->rows_done, j->r->rows_total};
    j->fn(j->arg, &p);
}

/* The target commits every TXN_ROWS rows and goes on in a new transaction. */
static int wrote_row(struct job *j)
{
    if (++j->txn_rows < TXN_ROWS)
        return DB_OK;
    j->txn_rows = 0;
    if (db_commit(j->dst) != DB_OK)
        return DB_ERR;
    j->committed = j->r->rows_done;
    return db_begin(j->dst);
}

/* Column i of a source row as parameter idx of a target statement, with its own type. */
static int bind_value(struct db_stmt *to, int idx, struct db_stmt *row, int i)
{
    switch (db_type(row, i)) {
    case 'i':
        return db_bind(to, idx, 'i', NULL, db_int(row, i));
    case 'f': {
        double x = db_real(row, i);
        return db_bind(to, idx, 'f', &x, 0);
    }
    case 't':
        return db_bind(to, idx, 't', db_text(row, i), -1);
    case 'b': {
        size_t n;
        const void *p = db_blob(row, i, &n);
        return db_bind(to, idx, 'b', p ? p : "", (int64_t)n); /* SQLite gives NULL for an empty blob */
    }
    default:
        return db_bind(to, idx, 'n', NULL, 0);
    }
}

/* The paging key of the last row read: an integer id or the bytes of a blob key. */
struct key {
    int type;
    int64_t i;
    char *p;
    size_t n;
};
static void key_keep(struct key *k, struct db_stmt *row, int col)
{
    k->type = db_type(row, col);
    if (k->type == 'i') {
        k->i = db_int(row, col);
        return;
    }
    size_t n = 0;
    const void *p = k->type == 't' ? db_text(row, col) : db_blob(row, col, &n);
    if (k->type == 't')
        n = strlen(p);
    free(k->p);
    k->p = xmalloc(n + 1);
    memcpy(k->p, p ? p : "", n);
    k->p[n] = 0;
    k->n = n;
}
static int key_bind(struct db_stmt *st, const struct key *k)
{
    if (k->type == 'i')
        return db_bind(st, 1, 'i', NULL, k->i);
    return db_bind(st, 1, k->type == 't' ? 't' : 'b', k->p, (int64_t)k->n);
}
static void key_show(const struct key *k, char *out, size_t len)
{
    if (k->type == 'i')
        snprintf(out, len, "%" PRId64, k->i);
    else
        snprintf(out, len, "%s", k->type == 't' ? k->p : "(binary)");
}

/* INSERT INTO t("a", "b") VALUES (?, ?), from the columns the source returned. */
static char *insert_sql(const char *table, struct db_stmt *row)
{
    struct buf b = {0};
    int n = db_columns(row);
    buf_printf(&b, "INSERT INTO %s(", table);
    for (int i = 0; i < n; i++) {
        const char *name = db_column_name(row, i);
        buf_adds(&b, i ? ", \"" : "\"");
        for (const char *c = name; *c; c++) {
            if (*c == '"')
                buf_addc(&b, '"');
            buf_addc(&b, *c);
        }
        buf_addc(&b, '"');
    }
    buf_adds(&b, ") VALUES (");
    for (int i = 0; i < n; i++)
        buf_adds(&b, i ? ", ?" : "?");
    buf_addc(&b, ')');
    return buf_steal(&b);
}

static int column_of(struct db_stmt *row, const char *name)
{
    for (int i = 0; name && i < db_columns(row); i++)
        if (strcmp(db_column_name(row, i), name) == 0)
            return i;
    return -1;
}

/* Copy one table page by page. The column in t->later is written as null here and set by
 * fix_later once every row it may point at is there. */
static int copy_rows(struct job *j, const struct table *t, int64_t total)
{
    char *ins = NULL;
    int keycol = -1, latecol = -1, rc = DB_OK, more = 1;
    struct key last = {0};
    int64_t done = 0;
    report(j, t->name, 0, total);
    while (rc == DB_OK && more) {
        char sel[512];
        if (!t->key)
            snprintf(sel, sizeof sel, "SELECT %s FROM %s", t->cols, t->name);
        else if (!last.type)
            snprintf(sel, sizeof sel, "SELECT %s FROM %s ORDER BY %s LIMIT %d", t->cols, t->name, t->key,
                     PAGE_ROWS);
        else
            snprintf(sel, sizeof sel, "SELECT %s FROM %s WHERE %s > ? ORDER BY %s LIMIT %d", t->cols, t->name,
                     t->key, t->key, PAGE_ROWS);
        struct db_stmt *st = db_query(j->src, sel, "");
        if (st && last.type)
            key_bind(st, &last);
        int got = 0, step = DB_DONE;
        while (rc == DB_OK && (step = db_step(st)) == DB_ROW) {
            if (!ins) {
                ins = insert_sql(t->name, st);
                keycol = column_of(st, t->key);
                latecol = column_of(st, t->later);
                if (t->key && keycol < 0) {
                    rc = fail(j, "table %s has no column %s to page by", t->name, t->key);
                    break;
                }
            }
            struct db_stmt *to = db_query(j->dst, ins, "");
            int bound = to != NULL;
            for (int i = 0; bound && i < db_columns(st); i++)
                bound =
                    (i == latecol ? db_bind(to, i + 1, 'n', NULL, 0) : bind_value(to, i + 1, st, i)) == DB_OK;
            int w = bound ? db_step(to) : DB_ERR;
            if (keycol >= 0)
                key_keep(&last, st, keycol);
            if (w != DB_DONE) {
                char k[64] = "?";
                if (keycol >= 0)
                    key_show(&last, k, sizeof k);
                rc = fail(j, "cannot write row %s=%s into %s on the target: %s", t->key ? t->key : "#", k,
                          t->name, db_errmsg(j->dst));
            }
            db_done(to);
            if (rc != DB_OK)
                break;
            got++;
            done++;
            j->r->rows_done++;
            if (wrote_row(j) != DB_OK)
                rc = fail(j, "cannot commit rows of %s on the target: %s", t->name, db_errmsg(j->dst));
        }
        if (rc == DB_OK && step != DB_DONE)
            rc = fail(j, "cannot read %s from the source: %s", t->name, db_errmsg(j->src));
        db_done(st);
        report(j, t->name, done, total);
        more = t->key && got == PAGE_ROWS;
    }
    free(ins);
    free(last.p);
    return rc;
}

/* The second pass for a forward reference: every row now exists, so it can be pointed at. */
static int fix_later(struct job *j, const struct table *t)
{
    char sel[512], upd[256];
    snprintf(sel, sizeof sel, "SELECT %s, %s FROM %s WHERE %s IS NOT NULL AND %s > ? ORDER BY %s LIMIT %d",
             t->key, t->later, t->name, t->later, t->key, t->key, PAGE_ROWS);
    snprintf(upd, sizeof upd, "UPDATE %s SET %s=? WHERE %s=?", t->name, t->later, t->key);
    int64_t after = INT64_MIN;
    for (int got = PAGE_ROWS; got == PAGE_ROWS;) {
        got = 0;
        struct db_stmt *st = db_query(j->src, sel, "i", after);
        int step = DB_DONE, rc = DB_OK;
        while (rc == DB_OK && (step = db_step(st)) == DB_ROW) {
            after = db_int(st, 0);
            got++;
            if (db_run(j->dst, upd, "ii", db_int(st, 1), after) != DB_OK)
                rc = fail(j, "cannot set %s.%s of row %" PRId64 " on the target: %s", t->name, t->later,
                          after, db_errmsg(j->dst));
            else if (wrote_row(j) != DB_OK)
                rc = fail(j, "cannot commit %s on the target: %s", t->name, db_errmsg(j->dst));
        }
        if (rc == DB_OK && step != DB_DONE)
            rc = fail(j, "cannot read %s from the source: %s", t->name, db_errmsg(j->src));
        db_done(st);
        if (rc != DB_OK)
            return rc;
    }
    return DB_OK;
}

static int copy_table(struct job *j, int ti)
{
    const struct table *t = &tables[ti];
    j->r->table = t->name;
    j->txn_rows = 0;
    if (db_begin(j->dst) != DB_OK)
        return fail(j, "cannot begin a transaction on the target: %s", db_errmsg(j->dst));
    int rc = copy_rows(j, t, j->counts[ti]);
    if (rc == DB_OK && t->later)
        rc = fix_later(j, t);
    if (rc == DB_OK && db_commit(j->dst) != DB_OK)
        rc = fail(j, "cannot commit %s on the target: %s", t->name, db_errmsg(j->dst));
    if (rc != DB_OK) {
        db_rollback(j->dst);
        j->r->rows_done = j->committed; /* what the target still holds */
        return rc;
    }
    j->committed = j->r->rows_done;
    j->r->tables_done++;
    j->r->table = NULL;
    return DB_OK;
}

/* Every table of the source must be one this file knows, or its rows would be left behind. */
static int check_known_tables(struct job *j)
{
    int sqlite = db_is_sqlite(j->src);
    struct db_stmt *st = db_query(j->src,
                                  sqlite ? "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
                                         : "SELECT table_name FROM information_schema.tables WHERE"
                                           " table_schema=current_schema() AND table_type='BASE TABLE'"
                                           " ORDER BY table_name",
                                  "");
    int rc = DB_OK, step = DB_DONE;
    while (rc == DB_OK && (step = db_step(st)) == DB_ROW) {
        const char *name = db_text(st, 0);
        int known =
            !name || (sqlite && (strncmp(name, "sqlite_", 7) == 0 || strncmp(name, "clients_fts_", 12) == 0));
        for (int i = 0; !known && i < NTABLES; i++)
            known = strcmp(name, tables[i].name) == 0;
        for (size_t i = 0; !known && i < ARRAY_LEN(not_copied); i++)
            known = strcmp(name, not_copied[i]) == 0;
        if (!known)
            rc =
                fail(j, "the source has a table '%s' that the copier does not know (add it to src/db/copy.c)",
                     name);
    }
    if (rc == DB_OK && step != DB_DONE)
        rc = fail(j, "cannot list the source's tables: %s", db_errmsg(j->src));
    db_done(st);
    return rc;
}

/* Empty the target's Hearth tables in one transaction: on SQLite the referring tables first; on
 * PostgreSQL one TRUNCATE of them all, since deleting row by row looks every row up in each table
 * that refers to it. */
static int empty_target(struct job *j)
{
    struct buf sql = {0};
    int sqlite = db_is_sqlite(j->dst);
    buf_adds(&sql, sqlite ? "" : "TRUNCATE ");
    for (int i = NTABLES - 1; i >= 0; i--)
        buf_printf(&sql, sqlite ? "DELETE FROM %s;" : i < NTABLES - 1 ? ", %s" : "%s", tables[i].name);
    int rc = db_begin(j->dst);
    if (rc == DB_OK && (rc = db_exec(j->dst, sql.data)) == DB_OK)
        rc = db_commit(j->dst);
    buf_free(&sql);
    if (rc != DB_OK) {
        fail(j, "cannot empty the target: %s", db_errmsg(j->dst));
        db_rollback(j->dst);
        return DB_ERR;
    }
    j->r->touched = 1;
    return DB_OK;
}

/* After the rows: identity sequences follow the copied ids, and on PostgreSQL the shared audit
 * head names the last copied record (SQLite keeps its head in a file: the caller writes it). */
static int finish_target(struct job *j)
{
    for (int i = 0; i < NTABLES; i++)
        if (tables[i].identity && db_reset_identity(j->dst, tables[i].name, tables[i].identity) != DB_OK)
            return fail(j, "cannot move the id sequence of %s on: %s", tables[i].name, db_errmsg(j->dst));
    if (db_is_sqlite(j->dst))
        return DB_OK;
    if (db_begin(j->dst) != DB_OK)
        return fail(j, "cannot begin a transaction on the target: %s", db_errmsg(j->dst));
    int64_t seq = 0;
    char hash[64];
    size_t n = 0;
    struct db_stmt *st = db_query(j->dst, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", "");
    if (db_step(st) == DB_ROW) {
        const void *p = db_blob(st, 1, &n);
        seq = db_int(st, 0);
        n = n > sizeof hash ? sizeof hash : n;
        memcpy(hash, p ? p : "", n);
    }
    db_done(st);
    if (db_run(j->dst,
               "INSERT INTO audit_head(id, seq, hash) VALUES (1, ?, ?)"
               " ON CONFLICT (id) DO UPDATE SET seq=excluded.seq, hash=excluded.hash",
               "ib", seq, hash, n) != DB_OK ||
        db_commit(j->dst) != DB_OK) {
        fail(j, "cannot set the audit head on the target: %s", db_errmsg(j->dst));
        db_rollback(j->dst);
        return DB_ERR;
    }
    /* a bulk load leaves the planner without statistics until autovacuum comes by */
    if (db_exec(j->dst, "ANALYZE") != DB_OK)
        return fail(j, "cannot analyse the target: %s", db_errmsg(j->dst));
    return DB_OK;
}

/* The row counts of every table, source (in its snapshot) against target. */
static int compare_counts(struct job *j)
{
    struct buf b = {0};
    for (int i = 0; i < NTABLES; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i].name);
        int64_t got = db_int1(j->dst, -1, sql, "");
        if (got != j->counts[i])
            buf_printf(&b, "%s%s: %" PRId64 " in the source, %" PRId64 " in the target", b.len ? "; " : "",
                       tables[i].name, j->counts[i], got);
    }
    int rc = DB_OK;
    if (b.len)
        rc = fail(j, "row counts differ after the copy: %s", b.data);
    buf_free(&b);
    return rc;
}

/* A name for the database behind a connection, equal for two connections to the same one. */
static void identity_of(struct db *db, char *out, size_t len)
{
    if (db_is_sqlite(db)) {
        const char *url = db->url ? db->url : "";
        const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
        struct stat s;
        if (stat(path, &s) == 0)
            snprintf(out, len, "sqlite %ju:%ju", (uintmax_t)s.st_dev, (uintmax_t)s.st_ino);
        else
            snprintf(out, len, "sqlite %s", path);
        return;
    }
    struct db_stmt *st =
        db_query(db,
                 "SELECT current_database() || ' ' || coalesce(inet_server_addr()::text, '') || ' '"
                 " || coalesce(inet_server_port(), 0) || ' ' || pg_postmaster_start_time()",
                 "");
    snprintf(out, len, "postgresql %s", db_step(st) == DB_ROW && db_text(st, 0) ? db_text(st, 0) : "?");
    db_done(st);
}

static int run(struct job *j)
{
    int rc = check_known_tables(j);
    for (int i = 0; rc == DB_OK && i < NTABLES; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i].name);
        j->counts[i] = db_int1(j->src, -1, sql, "");
        if (j->counts[i] < 0)
            rc = fail(j, "cannot count %s in the source: %s", tables[i].name, db_errmsg(j->src));
        j->r->rows_total += j->counts[i];
    }
    if (rc == DB_OK)
        rc = empty_target(j);
    for (int i = 0; rc == DB_OK && i < NTABLES; i++)
        rc = copy_table(j, i);
    if (rc == DB_OK)
        rc = finish_target(j);
    if (rc == DB_OK)
        rc = compare_counts(j);
    return rc;
}

int copy_all(struct db *src, struct db *dst, copy_progress_fn progress, void *arg, struct copy_result *r)
{
    memset(r, 0, sizeof *r);
    r->tables_total = NTABLES;
    struct job j = {.src = src, .dst = dst, .fn = progress, .arg = arg, .r = r};
    char a[256], b[256];
    identity_of(src, a, sizeof a);
    identity_of(dst, b, sizeof b);
    if (strcmp(a, b) == 0)
        return fail(&j, "the source and the target are the same database");
    int64_t sv = db_int1(src, -1, "SELECT max(version) FROM schema_migrations", "");
    int64_t tv = db_int1(dst, -1, "SELECT max(version) FROM schema_migrations", "");
    if (sv != tv)
        return fail(&j,
                    "the source is at schema version %" PRId64 " and the target at %" PRId64
                    "; both must be brought up to date first",
                    sv, tv);
    if (db_begin_snapshot(src) != DB_OK)
        return fail(&j, "cannot start a read snapshot of the source: %s", db_errmsg(src));
    int rc = run(&j);
    if (rc == DB_OK)
        db_commit(src); /* read only: ends the snapshot */
    else
        db_rollback(src);
    return rc;
}

int copy_target_used(struct db *dst, char *what, size_t len)
{
    struct buf b = {0};
    for (int i = 0; i < NTABLES; i++) {
        if (tables[i].seeded)
            continue;
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i].name);
        int64_t n = db_int1(dst, 0, sql, "");
        if (n > 0)
            buf_printf(&b, "%s%" PRId64 " in %s", b.len ? ", " : "", n, tables[i].name);
    }
    snprintf(what, len, "%s", b.data ? b.data : "");
    int used = b.len > 0;
    buf_free(&b);
    return used;
}

struct backup_progress {
    void (*fn)(int done, int total);
};
static void backup_progress(void *arg, const struct copy_progress *p)
{
    struct backup_progress *b = arg;
    b->fn(p->all_done > INT32_MAX ? INT32_MAX : (int)p->all_done,
          p->all_total > INT32_MAX ? INT32_MAX : (int)p->all_total);
}

int copy_backup(struct db *src, const char *path, void (*progress)(int done, int total))
{
    /* Made here, exclusively, so two backups never write one file; private, as the records are. */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        log_error("backup: cannot create %s: %s", path, strerror(errno));
        return DB_ERR;
    }
    close(fd);
    size_t ul = strlen(path) + 8;
    char *url = xmalloc(ul), err[512];
    snprintf(url, ul, "sqlite:%s", path);
    struct db *dst = NULL;
    struct copy_result r = {0};
    struct backup_progress bp = {progress};
    int rc = db_open(url, NULL, &dst, err, sizeof err);
    if (rc != DB_OK)
        log_error("backup: %s", err);
    else if (migrate_up(dst) != 0)
        rc = DB_ERR;
    else if ((rc = copy_all(src, dst, progress ? backup_progress : NULL, &bp, &r)) != DB_OK)
        log_error("backup: %s", r.err);
    db_close(dst);
    if (rc != DB_OK) { /* no half-written copy is left to be mistaken for a backup */
        static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
        for (size_t i = 0; i < ARRAY_LEN(ext); i++) {
            char p[4200];
            snprintf(p, sizeof p, "%s%s", path, ext[i]);
            unlink(p);
        }
    }
    free(url);
    return rc;
}
