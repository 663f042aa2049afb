/* copy: every Hearth table from one database to another, in foreign-key order, read from one
 * snapshot of the source, each value keeping its type. The tables, their keys and the order come
 * from the database itself (its catalog's foreign keys, sorted parents first), so a migration that
 * adds a table needs nothing here; a cycle of foreign keys is refused by name. */
#include "db/copy.h"
#include "base/base.h"
#include "db/db.h"
#include "db/migrate.h"
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE_ROWS 2000 /* rows per SELECT on the source: a page of a PostgreSQL result sits in memory */
#define TXN_ROWS 10000 /* rows per transaction on the target: few commits, none of them huge */

#define MAX_TABLES 128
#define MAX_LATER 4

struct table {
    char name[64];
    char cols[256];          /* what to read: "*", or the columns a virtual table hides from it */
    char key[64];            /* the primary key to page by, in order; "": read at once (no key) */
    int identity;            /* the key is an integer whose sequence must follow the copied ids */
    char later[MAX_LATER][64]; /* columns pointing into the same table (a corrected contact points
                              * forward to its correction): null first, set in a second pass */
    int nlater;
    int seeded;              /* the migrations put rows here, so rows are no sign that the target is used */
    int parents[MAX_TABLES]; /* the tables it refers to (indexes), before the sort */
    int nparents;
    const char *shown;       /* the name as progress and the result give it: lives as long as the process */
};

/* Table names handed out in progress reports and results outlive the copy (a caller keeps the last
 * one to finish its line): one copy of each name, for the life of the process. */
static const char *shown_name(const char *name)
{
    static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    static char *names[MAX_TABLES * 2];
    static int n;
    const char *found = NULL;
    pthread_mutex_lock(&mu);
    for (int i = 0; i < n && !found; i++)
        if (strcmp(names[i], name) == 0)
            found = names[i];
    if (!found && n < (int)ARRAY_LEN(names))
        found = names[n++] = xstrdup(name);
    pthread_mutex_unlock(&mu);
    return found ? found : "(a table)";
}

/* Tables that are not a centre's data: the schema's own record (the target has its own), the
 * shared audit head of PostgreSQL, which is set from the copied chain, and the access epoch, a
 * number of the database itself that the copy's own writes move on (migration 031). */
static const char *const not_copied[] = {"schema_migrations", "audit_head", "access_epoch"};

/* The tables to copy, in foreign-key order, as the database itself describes them. */
struct plan {
    struct table t[MAX_TABLES];
    int n;
};

static int plain(const char *s)
{
    for (; s && *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return s != NULL;
}

static int find_table(const struct plan *p, const char *name)
{
    for (int i = 0; name && i < p->n; i++)
        if (strcmp(p->t[i].name, name) == 0)
            return i;
    return -1;
}

/* 1 when a migration inserts rows into the table (INSERT INTO name...). */
static int seeded_by_migrations(const char *name)
{
    size_t n = strlen(name);
    for (const struct migration *m = migrations; m->sql; m++)
        for (const char *p = strstr(m->sql, "INSERT INTO "); p; p = strstr(p + 1, "INSERT INTO ")) {
            const char *q = p + strlen("INSERT INTO ");
            if (strncmp(q, name, n) == 0 && (q[n] == '(' || q[n] == ' ' || q[n] == '\n'))
                return 1;
        }
    return 0;
}

/* The tables of a database: on SQLite its tables and virtual tables (not their shadow tables), on
 * PostgreSQL the base tables of the current schema, in the order they were made. */
static int list_tables(struct db *db, struct plan *p, char *err, size_t len)
{
    int sqlite = db_is_sqlite(db);
    struct db_stmt *st = db_query(db,
                                  sqlite ? "SELECT t.name, t.type FROM pragma_table_list t WHERE t.schema='main'"
                                           " AND t.type IN ('table', 'virtual') AND t.name NOT LIKE 'sqlite_%'"
                                           " ORDER BY (SELECT m.rowid FROM sqlite_master m WHERE m.name=t.name)"
                                         : "SELECT c.relname, 'table' FROM pg_class c JOIN pg_namespace n"
                                           " ON n.oid=c.relnamespace WHERE n.nspname=current_schema()"
                                           " AND c.relkind IN ('r', 'p') ORDER BY c.oid",
                                  "");
    int step;
    p->n = 0;
    while ((step = db_step(st)) == DB_ROW) {
        const char *name = db_text(st, 0);
        int skip = !name;
        for (size_t i = 0; !skip && i < ARRAY_LEN(not_copied); i++)
            skip = strcmp(name, not_copied[i]) == 0;
        if (skip)
            continue;
        if (!plain(name) || strlen(name) >= sizeof p->t[0].name || p->n == MAX_TABLES) {
            snprintf(err, len, "cannot copy the table '%s' (an unusual name, or too many tables)", name);
            db_done(st);
            return DB_ERR;
        }
        struct table *t = &p->t[p->n++];
        memset(t, 0, sizeof *t);
        snprintf(t->name, sizeof t->name, "%s", name);
        t->shown = shown_name(name);
        /* a virtual table (the name index, FTS5) hides its rowid from "*" */
        snprintf(t->cols, sizeof t->cols, "%s", str_eq(db_text(st, 1), "virtual") ? "rowid" : "*");
    }
    db_done(st);
    if (step != DB_DONE) {
        snprintf(err, len, "cannot list the tables: %s", db_errmsg(db));
        return DB_ERR;
    }
    return DB_OK;
}

/* Columns, primary key and foreign keys of each table. */
static int describe_tables(struct db *db, struct plan *p, char *err, size_t len)
{
    int sqlite = db_is_sqlite(db);
    for (int i = 0; i < p->n; i++) {
        struct table *t = &p->t[i];
        t->seeded = seeded_by_migrations(t->name);
        if (strcmp(t->cols, "rowid") == 0) { /* virtual: rowid, then its columns; paged by rowid */
            json_t *cols = db_rows(db, "SELECT name FROM pragma_table_info(?)", "t", t->name);
            size_t k;
            json_t *c;
            json_array_foreach(cols, k, c)
            {
                const char *cn = json_string_value(json_object_get(c, "name"));
                size_t o = strlen(t->cols);
                if (plain(cn))
                    snprintf(t->cols + o, sizeof t->cols - o, ", %s", cn);
            }
            json_decref(cols);
            snprintf(t->key, sizeof t->key, "rowid");
        } else {
            /* a one-column primary key */
            json_t *pk = db_rows(db,
                                 sqlite ? "SELECT name, lower(type) AS type FROM pragma_table_info(?) WHERE pk>0"
                                        : "SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type"
                                          " FROM pg_index x JOIN pg_class c ON c.oid=x.indrelid"
                                          " JOIN pg_namespace n ON n.oid=c.relnamespace JOIN pg_attribute a"
                                          " ON a.attrelid=c.oid AND a.attnum=ANY(x.indkey) WHERE x.indisprimary"
                                          " AND c.relname=? AND n.nspname=current_schema()",
                                 "t", t->name);
            if (json_array_size(pk) == 1) {
                json_t *k = json_array_get(pk, 0);
                const char *type = json_string_value(json_object_get(k, "type"));
                snprintf(t->key, sizeof t->key, "%s", json_string_value(json_object_get(k, "name")));
                t->identity = type && (strstr(type, "int") != NULL);
            }
            json_decref(pk);
            if (t->key[0] && !plain(t->key)) {
                snprintf(err, len, "cannot copy the table %s: its key '%s' has an unusual name", t->name, t->key);
                return DB_ERR;
            }
        }
        json_t *fks = db_rows(db,
                              sqlite ? "SELECT \"table\" AS parent, \"from\" AS col FROM pragma_foreign_key_list(?)"
                                     : "SELECT b.relname AS parent, a.attname AS col FROM pg_constraint k"
                                       " JOIN pg_class c ON c.oid=k.conrelid JOIN pg_namespace n ON"
                                       " n.oid=c.relnamespace JOIN pg_class b ON b.oid=k.confrelid"
                                       " JOIN pg_attribute a ON a.attrelid=k.conrelid AND a.attnum=k.conkey[1]"
                                       " WHERE k.contype='f' AND c.relname=? AND n.nspname=current_schema()",
                              "t", t->name);
        size_t k;
        json_t *fk;
        json_array_foreach(fks, k, fk)
        {
            const char *parent = json_string_value(json_object_get(fk, "parent"));
            const char *col = json_string_value(json_object_get(fk, "col"));
            int pi = find_table(p, parent);
            if (pi == i) { /* into the same table: may point at a later row */
                if (t->nlater == MAX_LATER || !plain(col) || strlen(col) >= sizeof t->later[0]) {
                    snprintf(err, len, "cannot copy the table %s: too many references into itself", t->name);
                    json_decref(fks);
                    return DB_ERR;
                }
                snprintf(t->later[t->nlater++], sizeof t->later[0], "%s", col);
            } else if (pi >= 0) {
                int dup = 0;
                for (int x = 0; x < t->nparents; x++)
                    dup |= t->parents[x] == pi;
                if (!dup)
                    t->parents[t->nparents++] = pi;
            } /* a table that is not copied (audit_head) needs no order */
        }
        json_decref(fks);
    }
    return DB_OK;
}

/* Parents before children (a topological sort, keeping the tables' own order where it is free to);
 * a cycle of foreign keys is an error that names it. */
static int sort_tables(struct plan *p, char *err, size_t len)
{
    int placed[MAX_TABLES] = {0}, order[MAX_TABLES], n = 0;
    while (n < p->n) {
        int next = -1;
        for (int i = 0; i < p->n && next < 0; i++) {
            if (placed[i])
                continue;
            int ready = 1;
            for (int x = 0; x < p->t[i].nparents; x++)
                ready &= placed[p->t[i].parents[x]];
            if (ready)
                next = i;
        }
        if (next < 0) { /* every table left waits for another: walk the waits to a table seen twice */
            int seen[MAX_TABLES] = {0}, path[MAX_TABLES + 1], np = 0, at = 0;
            while (placed[at])
                at++;
            while (!seen[at]) {
                seen[at] = 1;
                path[np++] = at;
                for (int x = 0; x < p->t[at].nparents; x++)
                    if (!placed[p->t[at].parents[x]]) {
                        at = p->t[at].parents[x];
                        break;
                    }
            }
            int from = 0;
            while (path[from] != at)
                from++;
            size_t o = (size_t)snprintf(err, len, "the foreign keys of these tables form a cycle, so no table"
                                                  " of it can be copied first: ");
            for (int x = from; x < np && o < len; x++)
                o += (size_t)snprintf(err + o, len - o, "%s -> ", p->t[path[x]].name);
            if (o < len)
                snprintf(err + o, len - o, "%s", p->t[at].name);
            return DB_ERR;
        }
        placed[next] = 1;
        order[n++] = next;
    }
    struct table *sorted = xmalloc(sizeof(struct table) * (size_t)p->n);
    for (int i = 0; i < p->n; i++)
        sorted[i] = p->t[order[i]];
    memcpy(p->t, sorted, sizeof(struct table) * (size_t)p->n);
    free(sorted);
    return DB_OK;
}

/* What to copy and in which order, read from the database. */
static int plan_tables(struct db *db, struct plan *p, char *err, size_t len)
{
    int rc = list_tables(db, p, err, len);
    if (rc == DB_OK)
        rc = describe_tables(db, p, err, len);
    if (rc == DB_OK)
        rc = sort_tables(p, err, len);
    return rc;
}

struct job {
    struct db *src, *dst;
    copy_progress_fn fn;
    void *arg;
    struct copy_result *r;
    struct plan *plan;                 /* the tables, in foreign-key order */
    int64_t counts[MAX_TABLES];        /* source rows, counted in the snapshot */
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

/* Copy one table page by page. The columns in t->later are written as null here and set by
 * fix_later once every row they may point at is there. */
static int copy_rows(struct job *j, const struct table *t, int64_t total)
{
    char *ins = NULL;
    int keycol = -1, latecol[MAX_LATER], rc = DB_OK, more = 1;
    struct key last = {0};
    int64_t done = 0;
    report(j, t->shown, 0, total);
    while (rc == DB_OK && more) {
        char sel[512];
        if (!t->key[0])
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
                keycol = t->key[0] ? column_of(st, t->key) : -1;
                for (int l = 0; l < t->nlater; l++)
                    latecol[l] = column_of(st, t->later[l]);
                if (t->key[0] && keycol < 0) {
                    rc = fail(j, "table %s has no column %s to page by", t->name, t->key);
                    break;
                }
            }
            struct db_stmt *to = db_query(j->dst, ins, "");
            int bound = to != NULL;
            for (int i = 0; bound && i < db_columns(st); i++) {
                int late = 0;
                for (int l = 0; l < t->nlater; l++)
                    late |= latecol[l] == i;
                bound = (late ? db_bind(to, i + 1, 'n', NULL, 0) : bind_value(to, i + 1, st, i)) == DB_OK;
            }
            int w = bound ? db_step(to) : DB_ERR;
            if (keycol >= 0)
                key_keep(&last, st, keycol);
            if (w != DB_DONE) {
                char k[64] = "?";
                if (keycol >= 0)
                    key_show(&last, k, sizeof k);
                rc = fail(j, "cannot write row %s=%s into %s on the target: %s", t->key[0] ? t->key : "#", k,
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
        report(j, t->shown, done, total);
        more = t->key[0] && got == PAGE_ROWS;
    }
    free(ins);
    free(last.p);
    return rc;
}

/* The second pass for a reference into the same table: every row now exists, so it can be pointed
 * at. */
static int fix_later(struct job *j, const struct table *t, const char *later)
{
    char sel[512], upd[256];
    if (!t->identity)
        return fail(j, "table %s refers to itself but has no integer key to set %s by", t->name, later);
    snprintf(sel, sizeof sel, "SELECT %s, %s FROM %s WHERE %s IS NOT NULL AND %s > ? ORDER BY %s LIMIT %d",
             t->key, later, t->name, later, t->key, t->key, PAGE_ROWS);
    snprintf(upd, sizeof upd, "UPDATE %s SET %s=? WHERE %s=?", t->name, later, t->key);
    int64_t after = INT64_MIN;
    for (int got = PAGE_ROWS; got == PAGE_ROWS;) {
        got = 0;
        struct db_stmt *st = db_query(j->src, sel, "i", after);
        int step = DB_DONE, rc = DB_OK;
        while (rc == DB_OK && (step = db_step(st)) == DB_ROW) {
            after = db_int(st, 0);
            got++;
            if (db_run(j->dst, upd, "ii", db_int(st, 1), after) != DB_OK)
                rc = fail(j, "cannot set %s.%s of row %" PRId64 " on the target: %s", t->name, later,
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
    const struct table *t = &j->plan->t[ti];
    j->r->table = t->shown;
    j->txn_rows = 0;
    if (db_begin(j->dst) != DB_OK)
        return fail(j, "cannot begin a transaction on the target: %s", db_errmsg(j->dst));
    int rc = copy_rows(j, t, j->counts[ti]);
    for (int l = 0; rc == DB_OK && l < t->nlater; l++)
        rc = fix_later(j, t, t->later[l]);
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

/* Every table of the source must be on the target too, or its rows would be left behind. */
static int check_target_tables(struct job *j)
{
    struct plan *there = xcalloc(1, sizeof *there);
    char err[256] = "";
    int rc = list_tables(j->dst, there, err, sizeof err);
    if (rc != DB_OK)
        rc = fail(j, "the target: %s", err);
    for (int i = 0; rc == DB_OK && i < j->plan->n; i++)
        if (find_table(there, j->plan->t[i].name) < 0)
            rc = fail(j, "the source has a table '%s' that the target does not have", j->plan->t[i].name);
    free(there);
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
    int n = j->plan->n;
    for (int i = n - 1; i >= 0; i--)
        buf_printf(&sql, sqlite ? "DELETE FROM %s;" : i < n - 1 ? ", %s" : "%s", j->plan->t[i].name);
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
    for (int i = 0; i < j->plan->n; i++) {
        const struct table *t = &j->plan->t[i];
        if (t->identity && strcmp(t->key, "rowid") != 0 && db_reset_identity(j->dst, t->name, t->key) != DB_OK)
            return fail(j, "cannot move the id sequence of %s on: %s", t->name, db_errmsg(j->dst));
    }
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
    for (int i = 0; i < j->plan->n; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", j->plan->t[i].name);
        int64_t got = db_int1(j->dst, -1, sql, "");
        if (got != j->counts[i])
            buf_printf(&b, "%s%s: %" PRId64 " in the source, %" PRId64 " in the target", b.len ? "; " : "",
                       j->plan->t[i].name, j->counts[i], got);
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
    char err[512] = "";
    int rc = plan_tables(j->src, j->plan, err, sizeof err);
    if (rc != DB_OK)
        return fail(j, "the source: %s", err);
    j->r->tables_total = j->plan->n;
    rc = check_target_tables(j);
    for (int i = 0; rc == DB_OK && i < j->plan->n; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", j->plan->t[i].name);
        j->counts[i] = db_int1(j->src, -1, sql, "");
        if (j->counts[i] < 0)
            rc = fail(j, "cannot count %s in the source: %s", j->plan->t[i].name, db_errmsg(j->src));
        j->r->rows_total += j->counts[i];
    }
    if (rc == DB_OK)
        rc = empty_target(j);
    for (int i = 0; rc == DB_OK && i < j->plan->n; i++)
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
    struct plan *plan = xcalloc(1, sizeof *plan);
    struct job j = {.src = src, .dst = dst, .fn = progress, .arg = arg, .r = r, .plan = plan};
    char a[256], b[256];
    identity_of(src, a, sizeof a);
    identity_of(dst, b, sizeof b);
    int rc = DB_ERR;
    if (strcmp(a, b) == 0) {
        fail(&j, "the source and the target are the same database");
        goto out;
    }
    int64_t sv = db_int1(src, -1, "SELECT max(version) FROM schema_migrations", "");
    int64_t tv = db_int1(dst, -1, "SELECT max(version) FROM schema_migrations", "");
    if (sv != tv) {
        fail(&j,
             "the source is at schema version %" PRId64 " and the target at %" PRId64
             "; both must be brought up to date first",
             sv, tv);
        goto out;
    }
    if (db_begin_snapshot(src) != DB_OK) {
        fail(&j, "cannot start a read snapshot of the source: %s", db_errmsg(src));
        goto out;
    }
    rc = run(&j);
    if (rc == DB_OK)
        db_commit(src); /* read only: ends the snapshot */
    else
        db_rollback(src);
out:
    free(plan);
    return rc;
}

int copy_target_used(struct db *dst, char *what, size_t len)
{
    struct buf b = {0};
    struct plan *plan = xcalloc(1, sizeof *plan);
    char err[512];
    if (plan_tables(dst, plan, err, sizeof err) != DB_OK)
        buf_printf(&b, "its tables cannot be read (%s)", err); /* unknown: taken as used */
    for (int i = 0; i < plan->n; i++) {
        if (plan->t[i].seeded)
            continue;
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", plan->t[i].name);
        int64_t n = db_int1(dst, 0, sql, "");
        if (n > 0)
            buf_printf(&b, "%s%" PRId64 " in %s", b.len ? ", " : "", n, plan->t[i].name);
    }
    free(plan);
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
