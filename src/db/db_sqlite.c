/* db_sqlite: the embedded SQLite backend: WAL, foreign keys, a per-connection cache of
 * prepared statements keyed by the SQL text, and online backup. */
#include "base/base.h"
#include "db/db.h"
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define CACHE_SLOTS 256
#define CACHE_WAYS 8 /* the slots a statement may be kept in: its hash's slot and the next 7 */

struct db_stmt {
    struct db *db; /* first: see db.c */
    sqlite3_stmt *st;
    char *sql; /* our own copy when cached */
    unsigned hash;
    int cached, in_use;
    uint64_t used; /* when last taken (sdb.tick): the least recent of the ways is evicted */
};

struct sdb {
    struct db base;
    sqlite3 *h;
    uint64_t tick;
    struct db_stmt cache[CACHE_SLOTS];
};

/* The statement cache's slot: the length and the first and last 64 bytes (the SQL the server runs
 * is long, up to kilobytes, and mostly differs near its start or end; two that share all three only
 * share a slot, strcmp() tells them apart). */
static unsigned hash_sql(const char *s)
{
    size_t n = strlen(s), k = n < 64 ? n : 64;
    unsigned h = 2166136261u ^ (unsigned)n;
    for (size_t i = 0; i < k; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    for (size_t i = n - k; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* A disk that is full or failing (SQLITE_FULL, SQLITE_IOERR) fails every write until it clears:
 * logged when it starts, then at most every 10 s with the count since, and once when a commit
 * succeeds again; not once per failed transaction (the log may be on that very disk). */
static atomic_int io_failing;
static atomic_long io_failed, io_logged_ms;

static void io_error(int rc, const char *msg, const char *sql)
{
    long n = atomic_fetch_add(&io_failed, 1) + 1;
    long now = (long)(now_mono() * 1000), last = atomic_load(&io_logged_ms);
    if (!atomic_exchange(&io_failing, 1) || now - last >= 10000) {
        atomic_store(&io_logged_ms, now);
        log_error("sqlite: %s (in: %.80s); writes fail (503) until it clears (%ld failed so far)",
                  msg ? msg : sqlite3_errstr(rc), sql ? sql : "", n);
    }
}

static void io_ok(void)
{
    if (atomic_load(&io_failing) && atomic_exchange(&io_failing, 0))
        log_info("sqlite: the database is written again (%ld statements failed meanwhile)",
                 atomic_exchange(&io_failed, 0));
}

static struct db_stmt *s_prepare(struct db *db, const char *sql);
static void s_done(struct db_stmt *s);

static int s_exec(struct db *db, const char *sql)
{
    struct sdb *d = (struct sdb *)db;
    char *msg = NULL;
    /* After a disk error SQLite may have rolled the transaction back itself: nothing to undo. */
    if (strcmp(sql, "ROLLBACK") == 0 && sqlite3_get_autocommit(d->h))
        return DB_OK;
    int rc, ext;
    if (sql[0] >= 'A' && sql[0] <= 'Z' && !strpbrk(sql, ";-/")) { /* one statement and no comment
        (SAVEPOINT, RELEASE, BEGIN, COMMIT: per job and per group): from the statement cache, not
        parsed again each time */
        struct db_stmt *st = s_prepare(db, sql);
        if (!st)
            return DB_ERR;
        while ((rc = sqlite3_step(st->st)) == SQLITE_ROW)
            ;
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        else
            msg = sqlite3_mprintf("%s", sqlite3_errmsg(d->h));
        ext = sqlite3_extended_errcode(d->h);
        s_done(st);
    } else {
        rc = sqlite3_exec(d->h, sql, NULL, NULL, &msg);
        ext = sqlite3_extended_errcode(d->h);
    }
    if (rc != SQLITE_OK) {
        /* A sync that failed after the log was written: SQLite rolls back, but the frames are in
         * the log, and a crash before the next commit overwrites them brings them back. */
        if (strcmp(sql, "COMMIT") == 0 && (ext == SQLITE_IOERR_FSYNC || ext == SQLITE_IOERR_DIR_FSYNC))
            db->commit_unsure = 1;
        if (rc == SQLITE_FULL || rc == SQLITE_IOERR)
            io_error(rc, msg, sql);
        else if (rc != SQLITE_CONSTRAINT)
            log_error("sqlite: %s (in: %.80s)", msg ? msg : sqlite3_errstr(rc), sql);
        sqlite3_free(msg);
        return rc == SQLITE_BUSY ? DB_BUSY : rc == SQLITE_CONSTRAINT ? DB_CONSTRAINT : DB_ERR;
    }
    if (strcmp(sql, "COMMIT") == 0)
        io_ok();
    return DB_OK;
}

static int s_open(const char *target, const struct db_options *o, struct db **out, char *err, size_t errlen)
{
    struct sdb *d = xcalloc(1, sizeof *d);
    d->base.ops = &db_sqlite_ops;
    int flags = SQLITE_OPEN_NOMUTEX | (o->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(target, &d->h, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open database '%s': %s", target, d->h ? sqlite3_errmsg(d->h) : "out of memory");
        sqlite3_close(d->h);
        free(d);
        return DB_ERR;
    }
    sqlite3_busy_timeout(d->h, 10000);
    sqlite3_extended_result_codes(d->h, 0);
    char pragmas[256];
    const char *sync = o->synchronous ? o->synchronous : "FULL";
    if (strcmp(sync, "FULL") && strcmp(sync, "NORMAL") && strcmp(sync, "OFF") && strcmp(sync, "EXTRA")) {
        snprintf(err, errlen, "synchronous must be FULL, NORMAL, EXTRA or OFF, not '%s'", sync);
        sqlite3_close(d->h);
        free(d);
        return DB_ERR;
    }
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA foreign_keys=ON; PRAGMA synchronous=%s; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;%s",
             sync, o->readonly ? " PRAGMA query_only=ON;"
                   : o->no_autocheckpoint ? " PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"
                                          : " PRAGMA journal_mode=WAL;");
    if (s_exec(&d->base, pragmas) != DB_OK) {
        snprintf(err, errlen, "cannot configure database '%s': %s", target, sqlite3_errmsg(d->h));
        sqlite3_close(d->h);
        free(d);
        return DB_ERR;
    }
    *out = &d->base;
    return DB_OK;
}

static void s_close(struct db *db)
{
    struct sdb *d = (struct sdb *)db;
    for (int i = 0; i < CACHE_SLOTS; i++) {
        sqlite3_finalize(d->cache[i].st);
        free(d->cache[i].sql);
    }
    sqlite3_close(d->h);
    free(d);
}

/* The statement cache: a statement is kept in one of CACHE_WAYS slots from its hash on, so that the
 * few a hot path runs over and over never evict one another (with one slot each, two of them
 * sharing it were compiled again on every use). A miss takes an empty slot of those, else the one
 * least recently used that is not in use; when all are in use, a one-off statement. */
static struct db_stmt *s_prepare(struct db *db, const char *sql)
{
    struct sdb *d = (struct sdb *)db;
    unsigned h = hash_sql(sql);
    struct db_stmt *slot = NULL;
    for (int i = 0; i < CACHE_WAYS; i++) {
        struct db_stmt *s = &d->cache[(h + (unsigned)i) % CACHE_SLOTS];
        if (s->in_use)
            continue;
        if (s->st && s->hash == h && strcmp(s->sql, sql) == 0) {
            s->in_use = 1;
            s->used = ++d->tick;
            return s;
        }
        if (!slot || (slot->st && (!s->st || s->used < slot->used)))
            slot = s;
    }
    sqlite3_stmt *st;
    d->base.prepared++;
    if (sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        log_error("sqlite prepare: %s (in: %.120s)", sqlite3_errmsg(d->h), sql);
        return NULL;
    }
    if (slot) { /* take the slot (evicting the statement it held) */
        sqlite3_finalize(slot->st);
        free(slot->sql);
        *slot = (struct db_stmt){.db = db, .st = st, .sql = xstrdup(sql), .hash = h, .cached = 1, .in_use = 1,
                                 .used = ++d->tick};
        return slot;
    }
    struct db_stmt *one = xcalloc(1, sizeof *one); /* every way in use: a one-off statement */
    *one = (struct db_stmt){.db = db, .st = st, .sql = NULL, .cached = 0, .in_use = 1};
    return one;
}

static int s_bind(struct db_stmt *s, int idx, char type, const void *p, int64_t n)
{
    switch (type) {
    case 'i':
        return sqlite3_bind_int64(s->st, idx, n);
    case 'f':
        return sqlite3_bind_double(s->st, idx, *(const double *)p);
    case 't':
        return sqlite3_bind_text(s->st, idx, p, (int)n, SQLITE_TRANSIENT);
    case 'b':
        return sqlite3_bind_blob(s->st, idx, p, (int)n, SQLITE_TRANSIENT);
    default:
        return sqlite3_bind_null(s->st, idx);
    }
}

static int s_step(struct db_stmt *s)
{
    int rc = sqlite3_step(s->st);
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    struct sdb *d = (struct sdb *)s->db;
    if (rc == SQLITE_CONSTRAINT)
        return DB_CONSTRAINT;
    if (rc == SQLITE_FULL || rc == SQLITE_IOERR)
        io_error(rc, sqlite3_errmsg(d->h), sqlite3_sql(s->st));
    else
        log_error("sqlite step: %s (in: %.120s)", sqlite3_errmsg(d->h), sqlite3_sql(s->st));
    return rc == SQLITE_BUSY ? DB_BUSY : DB_ERR;
}

static void s_done(struct db_stmt *s)
{
    if (s->cached) {
        sqlite3_reset(s->st);
        sqlite3_clear_bindings(s->st);
        s->in_use = 0;
    } else {
        sqlite3_finalize(s->st);
        free(s);
    }
}

static int s_col_count(struct db_stmt *s)
{
    return sqlite3_column_count(s->st);
}
static const char *s_col_name(struct db_stmt *s, int i)
{
    return sqlite3_column_name(s->st, i);
}
static int s_col_type(struct db_stmt *s, int i)
{
    switch (sqlite3_column_type(s->st, i)) {
    case SQLITE_INTEGER:
        return 'i';
    case SQLITE_FLOAT:
        return 'f';
    case SQLITE_TEXT:
        return 't';
    case SQLITE_BLOB:
        return 'b';
    default:
        return 'n';
    }
}
static int64_t s_col_int(struct db_stmt *s, int i)
{
    return sqlite3_column_int64(s->st, i);
}
static double s_col_real(struct db_stmt *s, int i)
{
    return sqlite3_column_double(s->st, i);
}
static const char *s_col_text(struct db_stmt *s, int i)
{
    const char *t = (const char *)sqlite3_column_text(s->st, i);
    return t ? t : "";
}
static const void *s_col_blob(struct db_stmt *s, int i, size_t *len)
{
    const void *p = sqlite3_column_blob(s->st, i);
    *len = (size_t)sqlite3_column_bytes(s->st, i);
    return p;
}
static int64_t s_changes(struct db *db)
{
    return sqlite3_changes64(((struct sdb *)db)->h);
}
static const char *s_errmsg(struct db *db)
{
    return sqlite3_errmsg(((struct sdb *)db)->h);
}

static int s_backup(struct db *db, const char *path, void (*progress)(int, int))
{
    sqlite3 *dst;
    if (sqlite3_open(path, &dst) != SQLITE_OK) {
        log_error("backup: cannot create %s: %s", path, sqlite3_errmsg(dst));
        sqlite3_close(dst);
        return DB_ERR;
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", ((struct sdb *)db)->h, "main");
    int rc = SQLITE_OK;
    if (b) {
        do {
            rc = sqlite3_backup_step(b, -1); /* one read transaction: a consistent snapshot while writers go on (WAL) */
            if (progress)
                progress(sqlite3_backup_pagecount(b) - sqlite3_backup_remaining(b), sqlite3_backup_pagecount(b));
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                sqlite3_sleep(20);
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        sqlite3_backup_finish(b);
    }
    int ok = b && rc == SQLITE_DONE;
    if (!ok)
        log_error("backup: %s", sqlite3_errmsg(dst));
    sqlite3_close(dst);
    return ok ? DB_OK : DB_ERR;
}

static int s_checkpoint(struct db *db)
{
    int rc = sqlite3_wal_checkpoint_v2(((struct sdb *)db)->h, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    return rc == SQLITE_OK || rc == SQLITE_BUSY ? DB_OK : DB_ERR;
}

static int s_begin(struct db *db)
{
    return s_exec(db, "BEGIN IMMEDIATE");
}

/* FTS5 trigram: quoted phrases, one per word ("ann kim" -> "ann" "kim"). */
static int s_name_match(const struct db_word *w, int n, char *out, size_t len)
{
    size_t o = 0;
    for (int k = 0; k < n; k++) {
        if (o + w[k].len * 2 + 4 >= len)
            return -1;
        out[o++] = '"';
        for (size_t i = 0; i < w[k].len; i++) {
            if (w[k].s[i] == '"')
                out[o++] = '"';
            out[o++] = w[k].s[i];
        }
        out[o++] = '"';
        out[o++] = ' ';
    }
    out[o] = 0;
    return 0;
}

static const char *const s_sql[DB_SQL_COUNT] = {
    [DB_SQL_NAME_MATCH] = "clients_fts MATCH ?6",
    [DB_SQL_LIST_AGG] = "group_concat",
    [DB_SQL_JSON_AGG] = "json_group_array",
    [DB_SQL_JSON_OBJECT] = "json_object",
    [DB_SQL_AUDIT_HEAD] = "",
};

const struct db_ops db_sqlite_ops = {
    .scheme = "sqlite",
    .open = s_open,
    .close = s_close,
    .exec = s_exec,
    .prepare = s_prepare,
    .bind = s_bind,
    .step = s_step,
    .col_count = s_col_count,
    .col_name = s_col_name,
    .col_type = s_col_type,
    .col_int = s_col_int,
    .col_real = s_col_real,
    .col_text = s_col_text,
    .col_blob = s_col_blob,
    .done = s_done,
    .changes = s_changes,
    .errmsg = s_errmsg,
    .backup = s_backup,
    .checkpoint = s_checkpoint,
    .begin = s_begin,
    .name_match = s_name_match,
    .sql = s_sql,
};
