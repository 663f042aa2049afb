/* db_pg: the PostgreSQL backend on libpq, for a city's several Hearth servers on one shared
 * database. Portable SQL arrives with `?`/`?NNN` placeholders and becomes `$N`; statements are
 * prepared on the server once per connection (keyed by their text) with parameter types taken
 * from the first binding; results come back as text and are read as the SQLite backend's types.
 * A lost connection is reported as DB_UNAVAILABLE and re-opened on a later call (at most once a
 * second), so a server answers 503 while the database is away and recovers when it returns. An
 * event loop's connection (reconnect_async) is re-opened by a thread of its own, so a connect that
 * hangs (up to connect_timeout) never stalls the loop: its calls fail fast until the new one is in. */
#include "base/base.h"
#include "db/db.h"
#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CACHE_SLOTS 512
#define CACHE_WAYS 8
#define MAX_PARAMS 64
/* One lock that every writing transaction of every hearth process takes first: it serialises
 * the audit chain head (and the writers, as SQLite's BEGIN IMMEDIATE does). */
#define WRITER_LOCK "7152455254"

enum { T_INT8 = 20, T_TEXT = 25, T_BYTEA = 17, T_BOOL = 16, T_INT2 = 21, T_INT4 = 23, T_OID = 26,
       T_FLOAT4 = 700, T_FLOAT8 = 701, T_NUMERIC = 1700 };

struct blob {
    char *p;
    size_t len;
    int row;
};

struct db_stmt {
    struct db *db; /* first: see db.c */
    char *sql;     /* the caller's text (cache key) */
    char *pgsql;   /* with $N placeholders */
    int nparams;
    char name[16];  /* server-side name once prepared on this connection; "" otherwise */
    Oid ptypes[MAX_PARAMS];  /* the types it was prepared with */
    Oid btypes[MAX_PARAMS];  /* the types of the current bindings */
    char *vals[MAX_PARAMS];
    int lens[MAX_PARAMS], fmts[MAX_PARAMS];
    PGresult *res;
    int row, nrows, executed;
    struct blob *blobs; /* decoded bytea per column of the current row */
    int nblobs;
    unsigned hash;
    int cached, in_use;
    uint64_t used; /* when last taken (pdb.tick): the least recent of the ways is evicted */
};

/* A connection re-opened in the background (reconnect_async): the thread connects and sets up the
 * session on a PGconn of its own and leaves it in `ready`; the owner takes it at its next call.
 * Freed by whichever of the two lets go last (the owner may close while a connect hangs). */
struct reopen {
    pthread_mutex_t mu;
    int refs;      /* the owner, and the thread while it runs */
    int running;   /* an attempt is under way */
    PGconn *ready; /* connected and set up, not yet taken */
    char *conninfo;
    char sync[8];
    int readonly;
};

struct pdb {
    struct db base;
    PGconn *h;
    char *conninfo;
    struct db_options opt;
    char err[512];
    int64_t changes;
    unsigned next_name;
    double last_reset;
    int in_txn; /* a transaction was open when the last call began (see ensure_conn) */
    struct reopen *reopen; /* reconnect_async only */
    uint64_t tick;
    struct db_stmt cache[CACHE_SLOTS];
};

static atomic_int pg_down; /* a connection found the database unreachable and has not recovered */
/* This thread's last call found the database unreachable: the answer for the request it serves,
 * even when another thread's connection has already come back (and cleared pg_down). */
static _Thread_local int thread_down;

int db_pg_unavailable(void)
{
    return atomic_load(&pg_down) || thread_down;
}

static unsigned hash_sql(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The end of the quoted string, quoted name or -- comment that starts at p; NULL when p starts
 * none of them. Placeholders and type names inside one are text, not SQL. */
static const char *literal_end(const char *p)
{
    if (*p == '\'' || *p == '"') {
        char q = *p;
        const char *e = p + 1;
        while (*e && !(*e == q && e[1] != q)) /* a doubled quote is part of the text */
            e += *e == q ? 2 : 1;
        return *e ? e + 1 : e;
    }
    if (p[0] == '-' && p[1] == '-') {
        const char *e = strchr(p, '\n');
        return e ? e : p + strlen(p);
    }
    return NULL;
}

/* `?` and `?NNN` to `$N`, outside quotes and comments. */
char *db_pg_placeholders(const char *sql, int *nparams)
{
    struct buf b = {0};
    int next = 0, max = 0;
    for (const char *p = sql, *e; *p;) {
        if ((e = literal_end(p))) {
            buf_add(&b, p, (size_t)(e - p));
            p = e;
        } else if (*p == '?') {
            int n;
            if (p[1] >= '0' && p[1] <= '9') {
                n = (int)strtol(p + 1, (char **)&p, 10);
            } else {
                n = ++next;
                p++;
            }
            if (n > next)
                next = n;
            if (n > max)
                max = n;
            buf_printf(&b, "$%d", n);
        } else {
            buf_addc(&b, *p++);
        }
    }
    *nparams = max;
    return buf_steal(&b);
}

static void set_err(struct pdb *d, const char *what)
{
    const char *m = d->h ? PQerrorMessage(d->h) : "no connection";
    snprintf(d->err, sizeof d->err, "%s%s%s", what ? what : "", what ? ": " : "", m);
    size_t n = strlen(d->err);
    while (n && (d->err[n - 1] == '\n' || d->err[n - 1] == ' '))
        d->err[--n] = 0;
}

/* libpq's messages run over several lines; a log entry or a start-up refusal is one line. An
 * indented line that goes on with a lowercase word continues a sentence; another line is a new
 * sentence or message, after a semicolon. */
static void one_line(char *out, size_t len, const char *in)
{
    size_t o = 0;
    for (const char *p = in; *p && o + 3 < len; p++) {
        if (*p == '\n' || *p == '\r') {
            int tab = 0;
            while (p[1] == '\t' || p[1] == ' ' || p[1] == '\n' || p[1] == '\r')
                tab |= *++p == '\t';
            if (!p[1])
                break;
            if (!(tab && p[1] >= 'a' && p[1] <= 'z'))
                out[o++] = ';';
            out[o++] = ' ';
        } else if (*p == '\t' || *p == ' ') {
            if (o && out[o - 1] != ' ')
                out[o++] = ' ';
        } else {
            out[o++] = *p;
        }
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = 0;
}

/* The connection is gone: the answer is 503 until it is back; logged once per outage. */
static int conn_lost(struct pdb *d)
{
    thread_down = 1;
    if (!atomic_exchange(&pg_down, 1)) {
        char m[400];
        one_line(m, sizeof m, PQerrorMessage(d->h));
        log_error("postgresql: the database connection is lost: %s", m);
    }
    set_err(d, "database unavailable");
    return DB_UNAVAILABLE;
}

/* Map a failed result to our codes; notes a lost connection. */
static int fail_code(struct pdb *d, PGresult *r, const char *sql)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (PQstatus(d->h) != CONNECTION_OK)
        return conn_lost(d);
    const char *msg = r ? PQresultErrorMessage(r) : PQerrorMessage(d->h);
    snprintf(d->err, sizeof d->err, "%s", msg);
    size_t n = strlen(d->err);
    while (n && d->err[n - 1] == '\n')
        d->err[--n] = 0;
    if (state && strncmp(state, "23", 2) == 0)
        return DB_CONSTRAINT;
    if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03")))
        return DB_BUSY;
    if (state && strncmp(state, "08", 2) == 0) {
        thread_down = 1;
        return DB_UNAVAILABLE;
    }
    log_error("postgresql: %s (in: %.160s)", d->err, sql ? sql : "");
    return DB_ERR;
}

/* A read connection plans each prepared statement once (force_generic_plan): the server's reads are
 * index look-ups whose best plan does not depend on the values, and PostgreSQL would otherwise keep
 * planning a long one (the name search: 2 ms of planning for 0.3 ms of execution at 1,000,000
 * clients) on every execution, its custom plans looking cheaper than the generic one. */
static int session_setup(PGconn *h, const char *sync, int readonly)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SET client_min_messages=warning; SET TIME ZONE 'UTC'; SET synchronous_commit=%s;%s",
             strcmp(sync, "OFF") == 0 ? "off" : "on",
             readonly ? " SET default_transaction_read_only=on; SET plan_cache_mode=force_generic_plan;" : "");
    PGresult *r = PQexec(h, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    return ok ? DB_OK : DB_ERR;
}

static int setup_session(struct pdb *d)
{
    int rc = session_setup(d->h, d->opt.synchronous ? d->opt.synchronous : "FULL", d->opt.readonly);
    if (rc != DB_OK)
        set_err(d, "cannot configure the session");
    return rc;
}

/* A new connection. Defaults the URL may override (it is expanded last): a database host that
 * vanishes without closing the connection is noticed within seconds, not at the kernel's TCP
 * timeout of minutes (these apply to TCP only; a Unix socket fails at once). */
static PGconn *connect_to(const char *conninfo)
{
    const char *const keys[] = {"connect_timeout", "application_name", "keepalives", "keepalives_idle",
                                "keepalives_interval", "keepalives_count", "tcp_user_timeout", "dbname", NULL};
    const char *const vals[] = {"5", "hearth", "1", "10", "5", "2", "20000", conninfo, NULL};
    return PQconnectdbParams(keys, vals, 1);
}

static void reopen_release(struct reopen *r) /* called with r->mu held; unlocks */
{
    int last = --r->refs == 0;
    PQfinish(last ? r->ready : NULL);
    pthread_mutex_unlock(&r->mu);
    if (last) {
        pthread_mutex_destroy(&r->mu);
        free(r->conninfo);
        free(r);
    }
}

/* Whenever a connection of this process finds the database back, the threads re-opening others
 * try again at once rather than at their next second. */
static pthread_mutex_t back_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t back_cv = PTHREAD_COND_INITIALIZER;
static unsigned back_gen;

static void database_back(void)
{
    pthread_mutex_lock(&back_mu);
    back_gen++;
    pthread_cond_broadcast(&back_cv);
    pthread_mutex_unlock(&back_mu);
}

/* Tries until it has a connection (at most once a second, or at once when the database is found
 * back), so a loop finds its connection ready when the database returns, without a request first
 * failing to start an attempt; ends early when the owner has closed. */
static void *reopen_main(void *arg)
{
    struct reopen *r = arg;
    PGconn *c = NULL;
    for (;;) {
        double t0 = now_mono();
        c = connect_to(r->conninfo);
        if (PQstatus(c) == CONNECTION_OK && session_setup(c, r->sync, r->readonly) == DB_OK)
            break;
        PQfinish(c);
        c = NULL;
        pthread_mutex_lock(&r->mu);
        int owner_gone = r->refs == 1;
        pthread_mutex_unlock(&r->mu);
        if (owner_gone)
            break;
        pthread_mutex_lock(&back_mu);
        unsigned gen = back_gen;
        double wait = 1.0 - (now_mono() - t0);
        if (wait > 0) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            long long ns = ts.tv_nsec + (long long)(wait * 1e9);
            ts.tv_sec += (time_t)(ns / 1000000000);
            ts.tv_nsec = (long)(ns % 1000000000);
            while (back_gen == gen && pthread_cond_timedwait(&back_cv, &back_mu, &ts) == 0)
                ;
        }
        pthread_mutex_unlock(&back_mu);
    }
    if (c)
        database_back();
    pthread_mutex_lock(&r->mu);
    r->running = 0;
    r->ready = c;
    reopen_release(r);
    return NULL;
}

/* reconnect_async: take the connection the thread has made, or start the thread (one at a time, at
 * most one start a second); meanwhile the call fails fast. */
static void forget_prepared(struct pdb *d);
static int reopen_async(struct pdb *d)
{
    struct reopen *r = d->reopen;
    pthread_mutex_lock(&r->mu);
    PGconn *c = r->ready;
    r->ready = NULL;
    double t = now_mono();
    if (!c && !r->running && t - d->last_reset >= 1.0) {
        d->last_reset = t;
        pthread_attr_t at;
        pthread_t tid;
        pthread_attr_init(&at);
        pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
        r->running = 1;
        r->refs++;
        if (pthread_create(&tid, &at, reopen_main, r) != 0) {
            r->running = 0;
            r->refs--;
        }
        pthread_attr_destroy(&at);
    }
    pthread_mutex_unlock(&r->mu);
    if (!c)
        return conn_lost(d);
    PQfinish(d->h);
    d->h = c;
    forget_prepared(d);
    d->in_txn = 0;
    thread_down = 0;
    if (atomic_exchange(&pg_down, 0))
        log_info("postgresql: the database connection is back");
    return DB_OK;
}

static void forget_prepared(struct pdb *d)
{
    for (int i = 0; i < CACHE_SLOTS; i++)
        d->cache[i].name[0] = 0;
}

/* Between statements the server has nothing to say; input waiting on an idle connection is
 * almost always its last word (a shutdown or a restart while we were idle). Checking costs a
 * poll(2), and saves the request that would otherwise meet the dead connection first. */
static int told_something(struct pdb *d)
{
    struct pollfd p = {.fd = PQsocket(d->h), .events = POLLIN};
    return p.fd >= 0 && poll(&p, 1, 0) > 0;
}

/* Called before every statement. A broken connection is re-opened at most once a second; until
 * then calls fail fast. A connection lost inside a transaction is not re-opened until the next
 * db_begin (p_begin clears in_txn): re-opened under the transaction's feet, the rest of it would
 * run outside any transaction, each statement committed on its own, and the caller's COMMIT
 * would "succeed" with the first half of its work gone. */
static int ensure_conn(struct pdb *d)
{
    if (PQstatus(d->h) == CONNECTION_OK && (d->in_txn || !told_something(d))) {
        d->in_txn = PQtransactionStatus(d->h) != PQTRANS_IDLE;
        thread_down = 0;
        return DB_OK;
    }
    if (PQstatus(d->h) == CONNECTION_OK) /* idle, and the server has spoken: re-open it now */
        d->last_reset = 0;
    else if (d->in_txn)
        return conn_lost(d);
    if (d->reopen)
        return reopen_async(d);
    double t = now_mono();
    if (t - d->last_reset < 1.0) {
        thread_down = 1;
        set_err(d, "database unavailable");
        return DB_UNAVAILABLE;
    }
    d->last_reset = t;
    PQreset(d->h);
    forget_prepared(d);
    if (PQstatus(d->h) != CONNECTION_OK || setup_session(d) != DB_OK)
        return conn_lost(d);
    d->in_txn = 0;
    thread_down = 0;
    if (atomic_exchange(&pg_down, 0)) {
        log_info("postgresql: the database connection is back");
        database_back();
    }
    return DB_OK;
}

static int p_open(const char *target, const struct db_options *o, struct db **out, char *err, size_t errlen)
{
    char shown[512];
    db_url_shown(target, shown, sizeof shown);
    const char *sync = o->synchronous ? o->synchronous : "FULL";
    if (strcmp(sync, "FULL") && strcmp(sync, "NORMAL") && strcmp(sync, "OFF") && strcmp(sync, "EXTRA")) {
        snprintf(err, errlen, "synchronous must be FULL, NORMAL, EXTRA or OFF, not '%s'", sync);
        return DB_ERR;
    }
    char *perr = NULL;
    PQconninfoOption *opts = PQconninfoParse(target, &perr);
    if (!opts) {
        char m[400];
        one_line(m, sizeof m, perr ? perr : "cannot parse it");
        snprintf(err, errlen, "bad database URL '%s': %s", shown, m);
        PQfreemem(perr);
        return DB_ERR;
    }
    PQconninfoFree(opts);
    struct pdb *d = xcalloc(1, sizeof *d);
    d->base.ops = &db_pg_ops;
    d->opt = *o;
    d->conninfo = xstrdup(target);
    d->h = connect_to(target);
    if (PQstatus(d->h) != CONNECTION_OK) {
        char m[400];
        one_line(m, sizeof m, d->h ? PQerrorMessage(d->h) : "out of memory");
        snprintf(err, errlen, "cannot connect to database '%s': %s", shown, m);
        PQfinish(d->h);
        free(d->conninfo);
        free(d);
        return DB_ERR;
    }
    if (setup_session(d) != DB_OK) {
        snprintf(err, errlen, "cannot configure database '%s': %s", shown, d->err);
        PQfinish(d->h);
        free(d->conninfo);
        free(d);
        return DB_ERR;
    }
    if (o->reconnect_async) {
        struct reopen *r = xcalloc(1, sizeof *r);
        pthread_mutex_init(&r->mu, NULL);
        r->refs = 1;
        r->conninfo = xstrdup(target);
        snprintf(r->sync, sizeof r->sync, "%s", sync);
        r->readonly = o->readonly;
        d->reopen = r;
    }
    *out = &d->base;
    return DB_OK;
}

static void clear_binds(struct db_stmt *s)
{
    for (int i = 0; i < s->nparams; i++) {
        free(s->vals[i]);
        s->vals[i] = NULL;
        s->btypes[i] = 0;
        s->lens[i] = 0;
        s->fmts[i] = 0;
    }
    for (int i = 0; i < s->nblobs; i++)
        free(s->blobs[i].p);
    free(s->blobs);
    s->blobs = NULL;
    s->nblobs = 0;
    PQclear(s->res);
    s->res = NULL;
    s->row = -1;
    s->nrows = 0;
    s->executed = 0;
}

static void free_stmt(struct db_stmt *s)
{
    clear_binds(s);
    free(s->sql);
    free(s->pgsql);
    s->sql = s->pgsql = NULL;
}

static void p_close(struct db *db)
{
    struct pdb *d = (struct pdb *)db;
    for (int i = 0; i < CACHE_SLOTS; i++)
        free_stmt(&d->cache[i]);
    PQfinish(d->h);
    if (d->reopen) { /* a thread still connecting frees it when it ends */
        pthread_mutex_lock(&d->reopen->mu);
        reopen_release(d->reopen);
    }
    free(d->conninfo);
    free(d);
}

static int p_exec(struct db *db, const char *sql)
{
    struct pdb *d = (struct pdb *)db;
    int rc = ensure_conn(d);
    if (rc != DB_OK)
        return rc;
    PGresult *r = PQexec(d->h, sql);
    ExecStatusType st = PQresultStatus(r);
    rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY ? DB_OK : fail_code(d, r, sql);
    /* PostgreSQL answers COMMIT of a transaction an error has aborted with "ROLLBACK" and no error:
     * nothing was written, and the caller must not answer as if it had been. */
    if (rc == DB_OK && strcmp(sql, "COMMIT") == 0 && strcmp(PQcmdStatus(r), "ROLLBACK") == 0) {
        snprintf(d->err, sizeof d->err, "COMMIT rolled back: a statement of the transaction had failed");
        log_error("postgresql: %s", d->err);
        rc = DB_ERR;
    }
    if (rc == DB_OK) {
        const char *n = PQcmdTuples(r);
        d->changes = *n ? strtoll(n, NULL, 10) : 0;
    }
    PQclear(r);
    return rc;
}

static int p_begin(struct db *db)
{
    struct pdb *d = (struct pdb *)db;
    d->in_txn = 0; /* a new transaction: a connection lost inside the last one may be re-opened */
    int rc = p_exec(db, "BEGIN; SELECT pg_advisory_xact_lock(" WRITER_LOCK ")");
    /* BEGIN ran but the lock was refused (cancelled, a lock timeout): leave no aborted transaction
     * behind, or every later BEGIN on this connection would fail too. */
    if (rc != DB_OK && PQstatus(d->h) == CONNECTION_OK && PQtransactionStatus(d->h) != PQTRANS_IDLE)
        PQclear(PQexec(d->h, "ROLLBACK"));
    return rc;
}

static struct db_stmt *p_prepare(struct db *db, const char *sql)
{
    struct pdb *d = (struct pdb *)db;
    if (ensure_conn(d) != DB_OK)
        return NULL;
    /* kept in one of CACHE_WAYS slots from its hash on, as in db_sqlite.c */
    unsigned h = hash_sql(sql);
    struct db_stmt *slot = NULL;
    for (int i = 0; i < CACHE_WAYS; i++) {
        struct db_stmt *c = &d->cache[(h + (unsigned)i) % CACHE_SLOTS];
        if (c->in_use)
            continue;
        if (c->sql && c->hash == h && strcmp(c->sql, sql) == 0) {
            c->in_use = 1;
            c->used = ++d->tick;
            return c;
        }
        if (!slot || (slot->sql && (!c->sql || c->used < slot->used)))
            slot = c;
    }
    d->base.prepared++;
    int n = 0;
    char *pg = db_pg_placeholders(sql, &n);
    if (n > MAX_PARAMS) {
        log_error("postgresql: too many parameters (%d) in: %.120s", n, sql);
        free(pg);
        return NULL;
    }
    struct db_stmt *s;
    if (slot) { /* take the slot, evicting the statement it held */
        if (slot->name[0]) {
            char dealloc[40];
            snprintf(dealloc, sizeof dealloc, "DEALLOCATE %s", slot->name);
            PQclear(PQexec(d->h, dealloc));
        }
        free_stmt(slot);
        s = slot;
        memset(s, 0, sizeof *s);
        s->cached = 1;
        s->hash = h;
        s->used = ++d->tick;
    } else {
        s = xcalloc(1, sizeof *s); /* every way in use: a one-off, unnamed statement */
    }
    s->db = db;
    s->sql = xstrdup(sql);
    s->pgsql = pg;
    s->nparams = n;
    s->in_use = 1;
    s->row = -1;
    return s;
}

static int p_bind(struct db_stmt *s, int idx, char type, const void *p, int64_t n)
{
    if (idx < 1 || idx > s->nparams)
        return DB_ERR;
    int i = idx - 1;
    free(s->vals[i]);
    s->vals[i] = NULL;
    s->lens[i] = 0;
    s->fmts[i] = 0;
    switch (type) {
    case 'i': {
        char num[24];
        snprintf(num, sizeof num, "%lld", (long long)n);
        s->vals[i] = xstrdup(num);
        s->btypes[i] = T_INT8;
        break;
    }
    case 'f': {
        char num[40];
        snprintf(num, sizeof num, "%.17g", *(const double *)p);
        s->vals[i] = xstrdup(num);
        s->btypes[i] = T_FLOAT8;
        break;
    }
    case 't':
        s->vals[i] = n < 0 ? xstrdup(p) : xstrndup(p, (size_t)n);
        s->btypes[i] = T_TEXT;
        break;
    case 'b':
        s->vals[i] = xmalloc(n > 0 ? (size_t)n : 1);
        if (n > 0)
            memcpy(s->vals[i], p, (size_t)n);
        s->lens[i] = (int)n;
        s->fmts[i] = 1;
        s->btypes[i] = T_BYTEA;
        break;
    default: /* null; n names the type it stands for ('i', 't', 'b'), 0 when unknown */
        s->btypes[i] = n == 'i' ? T_INT8 : n == 'f' ? T_FLOAT8 : n == 't' ? T_TEXT : n == 'b' ? T_BYTEA : 0;
    }
    return DB_OK;
}

static int execute(struct db_stmt *s)
{
    struct pdb *d = (struct pdb *)s->db;
    int rc = ensure_conn(d);
    if (rc != DB_OK)
        return rc;
    PGresult *r;
    if (s->cached && s->name[0] && memcmp(s->ptypes, s->btypes, (size_t)s->nparams * sizeof(Oid)) != 0) {
        /* bound with other types than it was prepared with: once, unprepared */
        r = PQexecParams(d->h, s->pgsql, s->nparams, s->btypes, (const char *const *)s->vals, s->lens, s->fmts, 0);
    } else if (s->cached) {
        if (!s->name[0]) {
            char name[16];
            snprintf(name, sizeof name, "h%u", ++d->next_name);
            PGresult *pr = PQprepare(d->h, name, s->pgsql, s->nparams, s->btypes);
            if (PQresultStatus(pr) != PGRES_COMMAND_OK) {
                rc = fail_code(d, pr, s->sql);
                PQclear(pr);
                return rc;
            }
            PQclear(pr);
            memcpy(s->name, name, sizeof name);
            memcpy(s->ptypes, s->btypes, sizeof s->ptypes);
        }
        r = PQexecPrepared(d->h, s->name, s->nparams, (const char *const *)s->vals, s->lens, s->fmts, 0);
    } else {
        r = PQexecParams(d->h, s->pgsql, s->nparams, s->btypes, (const char *const *)s->vals, s->lens, s->fmts, 0);
    }
    ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
        s->res = r;
        s->nrows = st == PGRES_TUPLES_OK ? PQntuples(r) : 0;
        const char *n = PQcmdTuples(r);
        d->changes = *n ? strtoll(n, NULL, 10) : 0;
        s->executed = 1;
        return DB_OK;
    }
    rc = fail_code(d, r, s->sql);
    PQclear(r);
    return rc;
}

static int p_step(struct db_stmt *s)
{
    if (!s->executed) {
        int rc = execute(s);
        if (rc != DB_OK)
            return rc;
    }
    if (s->row + 1 < s->nrows) {
        s->row++;
        return DB_ROW;
    }
    s->row = s->nrows;
    return DB_DONE;
}

static void p_done(struct db_stmt *s)
{
    if (s->cached) {
        clear_binds(s);
        s->in_use = 0;
    } else {
        free_stmt(s);
        free(s);
    }
}

static int p_col_count(struct db_stmt *s)
{
    return s->res ? PQnfields(s->res) : 0;
}
static const char *p_col_name(struct db_stmt *s, int i)
{
    return PQfname(s->res, i);
}
static int valid_cell(struct db_stmt *s, int i)
{
    return s->res && s->row >= 0 && s->row < s->nrows && i >= 0 && i < PQnfields(s->res);
}
static int p_col_type(struct db_stmt *s, int i)
{
    if (!valid_cell(s, i) || PQgetisnull(s->res, s->row, i))
        return 'n';
    switch (PQftype(s->res, i)) {
    case T_INT8:
    case T_INT4:
    case T_INT2:
    case T_OID:
    case T_BOOL:
        return 'i';
    case T_NUMERIC: /* sum() of integers is numeric: an integer when it has no fraction */
        return strchr(PQgetvalue(s->res, s->row, i), '.') ? 'f' : 'i';
    case T_FLOAT4:
    case T_FLOAT8:
        return 'f';
    case T_BYTEA:
        return 'b';
    default:
        return 't';
    }
}
static int64_t p_col_int(struct db_stmt *s, int i)
{
    if (!valid_cell(s, i) || PQgetisnull(s->res, s->row, i))
        return 0;
    const char *v = PQgetvalue(s->res, s->row, i);
    if (PQftype(s->res, i) == T_BOOL)
        return *v == 't';
    if (PQftype(s->res, i) == T_FLOAT8 || PQftype(s->res, i) == T_FLOAT4 || PQftype(s->res, i) == T_NUMERIC)
        return (int64_t)strtod(v, NULL);
    return strtoll(v, NULL, 10);
}
static double p_col_real(struct db_stmt *s, int i)
{
    if (!valid_cell(s, i) || PQgetisnull(s->res, s->row, i))
        return 0;
    return strtod(PQgetvalue(s->res, s->row, i), NULL);
}
static const char *p_col_text(struct db_stmt *s, int i)
{
    if (!valid_cell(s, i))
        return "";
    if (PQftype(s->res, i) == T_BOOL)
        return *PQgetvalue(s->res, s->row, i) == 't' ? "1" : "0";
    return PQgetvalue(s->res, s->row, i);
}
static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}
static const void *p_col_blob(struct db_stmt *s, int i, size_t *len)
{
    *len = 0;
    if (!valid_cell(s, i) || PQgetisnull(s->res, s->row, i))
        return NULL;
    const char *v = PQgetvalue(s->res, s->row, i);
    if (PQftype(s->res, i) != T_BYTEA) {
        *len = (size_t)PQgetlength(s->res, s->row, i);
        return v;
    }
    if (!s->blobs) {
        s->nblobs = PQnfields(s->res);
        s->blobs = xcalloc((size_t)s->nblobs, sizeof *s->blobs);
        for (int k = 0; k < s->nblobs; k++)
            s->blobs[k].row = -1;
    }
    struct blob *b = &s->blobs[i];
    if (b->row != s->row) {
        size_t n = strlen(v), o = 0;
        free(b->p);
        b->p = xmalloc(n / 2 + 1);
        if (n >= 2 && v[0] == '\\' && v[1] == 'x')
            for (size_t k = 2; k + 1 < n; k += 2) {
                int hi = hexval(v[k]), lo = hexval(v[k + 1]);
                if (hi < 0 || lo < 0)
                    break;
                b->p[o++] = (char)(hi << 4 | lo);
            }
        b->len = o;
        b->row = s->row;
    }
    *len = b->len;
    return b->p;
}
static int64_t p_changes(struct db *db)
{
    return ((struct pdb *)db)->changes;
}
static const char *p_errmsg(struct db *db)
{
    struct pdb *d = (struct pdb *)db;
    return d->err[0] ? d->err : PQerrorMessage(d->h);
}

static int word_char(char c)
{
    return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Migrations are written in SQLite's types; PostgreSQL gets its own words for them. */
static char *p_ddl(const char *sql)
{
    static const struct {
        const char *from, *to;
    } words[] = {
        {"INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
        {"INTEGER", "BIGINT"},
        {"BLOB", "BYTEA"},
        {"REAL", "DOUBLE PRECISION"},
    };
    struct buf b = {0};
    for (const char *p = sql, *e; *p;) {
        if ((e = literal_end(p))) {
            buf_add(&b, p, (size_t)(e - p));
            p = e;
            continue;
        }
        size_t n = 0, k = p == sql || !word_char(p[-1]) ? 0 : ARRAY_LEN(words); /* whole words only */
        for (; k < ARRAY_LEN(words); k++) {
            n = strlen(words[k].from);
            if (strncmp(p, words[k].from, n) == 0 && !word_char(p[n]))
                break;
        }
        if (k < ARRAY_LEN(words)) {
            buf_adds(&b, words[k].to);
            p += n;
        } else {
            buf_addc(&b, *p++);
        }
    }
    return buf_steal(&b);
}

/* pg_trgm matches each word as a case-insensitive substring: an array of LIKE patterns, longest
 * first (the first one drives the trigram index, see DB_SQL_NAME_MATCH). */
static int p_name_match(const struct db_word *words, int nw, char *out, size_t len)
{
    struct db_word w[DB_MAX_WORDS];
    for (int k = 0; k < nw; k++) { /* insertion sort, longest first */
        int at = k;
        while (at > 0 && w[at - 1].len < words[k].len) {
            w[at] = w[at - 1];
            at--;
        }
        w[at] = words[k];
    }
    size_t o = 0;
    out[o++] = '{';
    for (int k = 0; k < nw; k++) {
        if (o + w[k].len * 3 + 8 >= len)
            return -1;
        if (k)
            out[o++] = ',';
        out[o++] = '"';
        out[o++] = '%';
        for (size_t i = 0; i < w[k].len; i++) {
            char c = w[k].s[i];
            if (c == '%' || c == '_' || c == '\\') { /* LIKE escape, then array-literal escape */
                out[o++] = '\\';
                out[o++] = '\\';
            }
            if (c == '"' || c == '\\')
                out[o++] = '\\';
            out[o++] = c;
        }
        out[o++] = '%';
        out[o++] = '"';
    }
    out[o++] = '}';
    out[o] = 0;
    return 0;
}

static const char *const p_sql[DB_SQL_COUNT] = {
    [DB_SQL_NAME_MATCH] = "f.name ILIKE (?6::text[])[1] AND f.name ILIKE ALL (?6::text[])",
    [DB_SQL_LIST_AGG] = "string_agg",
    [DB_SQL_JSON_AGG] = "json_agg",
    [DB_SQL_JSON_OBJECT] = "json_build_object",
    [DB_SQL_AUDIT_HEAD] = "WITH head AS (UPDATE audit_head SET seq=?1, hash=?15 WHERE id=1) ",
};

const struct db_ops db_pg_ops = {
    .scheme = "postgresql",
    .full_url = 1,
    .shared = 1,
    .open = p_open,
    .close = p_close,
    .exec = p_exec,
    .begin = p_begin,
    .prepare = p_prepare,
    .bind = p_bind,
    .step = p_step,
    .col_count = p_col_count,
    .col_name = p_col_name,
    .col_type = p_col_type,
    .col_int = p_col_int,
    .col_real = p_col_real,
    .col_text = p_col_text,
    .col_blob = p_col_blob,
    .done = p_done,
    .changes = p_changes,
    .errmsg = p_errmsg,
    .ddl = p_ddl,
    .name_match = p_name_match,
    .sql = p_sql,
};
