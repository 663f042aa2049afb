/* audit: the append-only, hash-chained record of every read and write of client data and
 * every denial. hash = BLAKE2b-256(prev || fields), keyed with the audit key (a file outside the
 * database) from the key's first record on; the newest (seq, hash) is also kept in a file beside
 * the database and written to the system log, so a deleted tail is caught. */
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#define HASH_LEN 32

static char head_path[4096];
static pthread_mutex_t head_mu = PTHREAD_MUTEX_INITIALIZER;
/* The process's audit key (audit_use_key): records from key.from on are appended keyed. */
static struct audit_key akey;
static int akey_set;
/* The head to the system log: every head_log_every seconds at most, when it moved (0: off). */
static int head_log_every;
static time_t head_logged_at;
static int64_t head_logged_seq = -1;

/* An action name no descriptor registers (core/resource.c) is counted and logged; builds with the
 * sanitizers (every test) stop on it, so an unknown name fails a test, not a reader of the log. */
static atomic_long unknown_actions;
#if defined(__SANITIZE_ADDRESS__)
static atomic_int strict = 1;
#else
static atomic_int strict = 0;
#endif
long audit_unknown_actions(void)
{
    return atomic_load(&unknown_actions);
}
void audit_set_strict(int on)
{
    atomic_store(&strict, on);
}

/* A read or a list of client data: the action's resource lists it as ACT_READ or ACT_LIST. */
static int is_read(const char *action)
{
    const struct resource *d = resource_of_action(action);
    for (const struct res_audit *a = d ? d->actions : NULL; a && a->name; a++)
        if (str_eq(a->name, action))
            return a->act == ACT_READ || a->act == ACT_LIST;
    return 0;
}

void audit_view(struct ctx *c)
{
    c->view = 1;
}

/* A page view's later read of a client it already read: one more section of its record (which
 * becomes "client.view" at the second section). The purpose that needed a relationship (on call,
 * break-glass) wins over "care". 1 when merged. */
static int view_merge(struct ctx *c, const char *action, int64_t client_id)
{
    for (int i = c->npend - 1; i >= 0; i--) {
        struct audit_rec *r = &c->pend[i];
        if (!r->sections || r->client_id != client_id)
            continue;
        size_t k;
        json_t *x;
        int have = 0;
        json_array_foreach(r->sections, k, x) have |= str_eq(json_string_value(x), action);
        if (!have)
            json_array_append_new(r->sections, json_string(action));
        if (json_array_size(r->sections) > 1 && !str_eq(r->action, "client.view")) {
            snprintf(r->action, sizeof r->action, "%s", "client.view");
            snprintf(r->entity, sizeof r->entity, "%s", "client");
            r->entity_id = client_id;
        }
        if (str_eq(r->purpose, "care") && c->purpose && !str_eq(c->purpose, "care"))
            r->purpose = c->purpose;
        return 1;
    }
    return 0;
}

static int by_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

void audit_log_shown(struct ctx *c, const char *action, const char *entity, json_t *items)
{
    audit_log(c, action, "ok", 0, entity, 0, NULL);
    struct audit_rec *r = &c->pend[c->npend - 1];
    r->purpose = "search"; /* why the client was shown, in their access report */
    size_t n = json_array_size(items), i;
    json_t *x;
    if (!n)
        return;
    r->clients = xmalloc(n * sizeof *r->clients);
    json_array_foreach(items, i, x)
    {
        int64_t id = json_integer_value(json_object_get(x, "id"));
        if (id > 0)
            r->clients[r->nclients++] = id;
    }
    qsort(r->clients, (size_t)r->nclients, sizeof *r->clients, by_id);
    int k = 0;
    for (int j = 0; j < r->nclients; j++)
        if (!k || r->clients[k - 1] != r->clients[j])
            r->clients[k++] = r->clients[j];
    r->nclients = k;
}

/* The record's detail (JSON text, malloc'd) or NULL: the sections of a page view that read more
 * than one, or the clients a list showed. */
static char *detail_of(const struct audit_rec *a)
{
    json_t *d = NULL;
    if (a->sections && json_array_size(a->sections) > 1)
        d = json_pack("{s:O}", "sections", a->sections);
    else if (a->nclients) {
        json_t *ids = json_array();
        for (int i = 0; i < a->nclients; i++)
            json_array_append_new(ids, json_integer(a->clients[i]));
        d = json_pack("{s:o}", "clients", ids);
    }
    char *s = d ? json_dumps(d, JSON_COMPACT) : NULL;
    json_decref(d);
    return s;
}

void audit_log(struct ctx *c, const char *action, const char *outcome, int64_t client_id, const char *entity,
               int64_t entity_id, const char *reason)
{
    if (!resource_action_known(action)) {
        atomic_fetch_add(&unknown_actions, 1);
        log_error("audit: the action '%s' is not registered (add it to its resource's descriptor)",
                  action ? action : "(null)");
        if (atomic_load(&strict))
            abort();
    }
    int viewed = c->view && client_id && str_eq(outcome, "ok") && is_read(action);
    if (viewed && view_merge(c, action, client_id))
        return;
    if (c->npend == c->cappend) {
        c->cappend = c->cappend ? c->cappend * 2 : 4;
        c->pend = xrealloc(c->pend, (size_t)c->cappend * sizeof *c->pend);
    }
    struct audit_rec *r = &c->pend[c->npend++];
    memset(r, 0, sizeof *r);
    if (viewed)
        r->sections = json_pack("[s]", action);
    snprintf(r->action, sizeof r->action, "%s", action);
    snprintf(r->outcome, sizeof r->outcome, "%s", outcome);
    r->client_id = client_id;
    snprintf(r->entity, sizeof r->entity, "%s", entity ? entity : "");
    r->entity_id = entity_id;
    if (!reason && str_eq(c->purpose, "shared") && c->basis[0])
        reason = c->basis; /* which consent let another organisation read */
    r->reason = reason ? xstrdup(reason) : NULL;
    r->purpose = c->purpose;
    r->keep = strcmp(outcome, "ok") != 0;
}

void audit_log_kept(struct ctx *c, const char *action, int64_t client_id, const char *entity,
                    int64_t entity_id)
{
    int view = c->view;
    c->view = 0; /* a record of its own, never a page view's section */
    audit_log(c, action, "ok", client_id, entity, entity_id, NULL);
    c->view = view;
    c->pend[c->npend - 1].keep = 1;
}

/* The canonical bytes of a record: each field as "<len>:<value>;" so no two records share them. */
static void field(crypto_generichash_state *h, const char *s)
{
    char len[24];
    s = s ? s : "";
    int n = snprintf(len, sizeof len, "%zu:", strlen(s));
    crypto_generichash_update(h, (const unsigned char *)len, (unsigned long long)n);
    crypto_generichash_update(h, (const unsigned char *)s, strlen(s));
    crypto_generichash_update(h, (const unsigned char *)";", 1);
}
static void field_int(crypto_generichash_state *h, int64_t v, int null)
{
    char b[24];
    if (null)
        b[0] = 0;
    else
        snprintf(b, sizeof b, "%lld", (long long)v);
    field(h, b);
}

struct row {
    int64_t seq, staff_id, org_id, client_id, entity_id;
    int staff_null, org_null, client_null, entity_id_null;
    const char *at, *action, *outcome, *entity, *purpose, *reason, *request_id, *addr;
    const char *detail; /* NULL for a record without one (every record before migration 007) */
};

/* key: the audit key for a keyed record (seq >= the key's first record), NULL for a record of the
 * chain from before the key. */
static void row_hash(const unsigned char *key, const unsigned char prev[HASH_LEN], const struct row *r,
                     unsigned char out[HASH_LEN])
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, key, key ? AUDIT_KEY_LEN : 0, HASH_LEN);
    crypto_generichash_update(&h, prev, HASH_LEN);
    field_int(&h, r->seq, 0);
    field(&h, r->at);
    field_int(&h, r->staff_id, r->staff_null);
    field_int(&h, r->org_id, r->org_null);
    field(&h, r->action);
    field(&h, r->outcome);
    field_int(&h, r->client_id, r->client_null);
    field(&h, r->entity);
    field_int(&h, r->entity_id, r->entity_id_null);
    field(&h, r->purpose);
    field(&h, r->reason);
    field(&h, r->request_id);
    field(&h, r->addr);
    if (r->detail) /* one more field only when there is a detail, so older records hash as they did */
        field(&h, r->detail);
    crypto_generichash_final(&h, out, HASH_LEN);
}

/* The newest link of the chain: what the next record follows. */
struct chain {
    int64_t seq;
    unsigned char prev[HASH_LEN];
};

/* Read inside the writer's transaction, which holds the writers' lock (db_begin), so no other
 * writer, in this process or another, can append until it commits: what this connection last
 * appended stays the head while its transaction's generation is unchanged (no commit, rollback or
 * rollback to a savepoint since), so one read serves every job of a group commit. */
static struct {
    struct db *w;
    uint64_t gen;
    struct chain ch;
} known; /* only the writer thread (or a command's single thread) appends */

static int chain_head(struct db *w, struct chain *ch)
{
    uint64_t gen = db_generation(w);
    if (gen && known.w == w && known.gen == gen) {
        *ch = known.ch;
        return OK;
    }
    memset(ch, 0, sizeof *ch);
    /* A shared database reads its one-row audit_head (kept in step by each flush's last INSERT): the
     * write connection prepares this statement once, and a plan made while audit was small (a
     * sequential scan and a sort) would be kept until the table is analysed, reading the whole
     * growing table per append. */
    struct db_stmt *st = db_query(w,
                                  db_is_shared(w) ? "SELECT seq, hash FROM audit_head WHERE id=1"
                                                  : "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
                                  "");
    int rc = db_step(st);
    if (rc == DB_ROW) {
        size_t n;
        const void *p = db_blob(st, 1, &n);
        if (n == HASH_LEN)
            memcpy(ch->prev, p, HASH_LEN);
        ch->seq = db_int(st, 0);
    }
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? OK : ERR_DB;
}

static void chain_remember(struct db *w, const struct chain *ch)
{
    known.w = w;
    known.gen = db_generation(w);
    known.ch = *ch;
}

/* The record; the last of a flush also moves the shared head where the engine keeps one in the
 * database (PostgreSQL: DB_SQL_AUDIT_HEAD, in the same statement, so one round trip). */
static int append(struct ctx *c, struct db *w, const struct audit_rec *a, struct chain *ch, int last)
{
    unsigned char hash[HASH_LEN];
    int64_t seq = ch->seq + 1;
    char at[32];
    iso_now(at);
    struct row r = {
        .seq = seq,
        .at = at,
        .staff_id = c->a ? c->a->staff_id : 0,
        .staff_null = !c->a || !c->a->staff_id,
        .org_id = c->a ? c->a->org_id : 0,
        .org_null = !c->a || !c->a->org_id,
        .action = a->action,
        .outcome = a->outcome,
        .client_id = a->client_id,
        .client_null = a->client_id == 0,
        .entity = a->entity[0] ? a->entity : NULL,
        .entity_id = a->entity_id,
        .entity_id_null = a->entity_id == 0,
        .purpose = a->purpose ? a->purpose : c->purpose,
        .reason = a->reason,
        .request_id = c->request_id,
        .addr = c->addr,
    };
    char *detail = detail_of(a);
    r.detail = detail;
    row_hash(akey_set && seq >= akey.from ? akey.key : NULL, ch->prev, &r, hash);
    char sql[512];
    snprintf(sql, sizeof sql,
             "%sINSERT INTO audit(seq, at, staff_id, org_id, action, outcome, client_id, entity, entity_id, purpose,"
             " reason, request_id, addr, prev, hash, detail)"
             " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)",
             last ? db_sql(w, DB_SQL_AUDIT_HEAD) : "");
    int rc = db_run(
        w, sql,
        "itIIttItIttttbbt", seq, at, r.staff_id, r.org_id, r.action, r.outcome, r.client_id, r.entity,
        r.entity_id, r.purpose, r.reason, r.request_id, r.addr, ch->prev, (size_t)HASH_LEN, hash,
        (size_t)HASH_LEN, detail);
    free(detail);
    /* The clients a list showed, each findable by their access report: rows of 16 at a time. */
    for (int i = 0; rc == DB_OK && i < a->nclients; i += 16) {
        int k = a->nclients - i < 16 ? a->nclients - i : 16;
        char ins[640], fmt[20];
        int n = snprintf(ins, sizeof ins, "INSERT INTO audit_clients(seq, client_id) VALUES ");
        for (int j = 0; j < k; j++)
            n += snprintf(ins + n, sizeof ins - (size_t)n, "%s(?1,?%d)", j ? "," : "", j + 2);
        memset(fmt, 'i', (size_t)k + 1);
        fmt[k + 1] = 0;
        const int64_t *v = a->clients + i, z = 0;
        rc = db_run(w, ins, fmt, seq, k > 0 ? v[0] : z, k > 1 ? v[1] : z, k > 2 ? v[2] : z, k > 3 ? v[3] : z,
                    k > 4 ? v[4] : z, k > 5 ? v[5] : z, k > 6 ? v[6] : z, k > 7 ? v[7] : z, k > 8 ? v[8] : z,
                    k > 9 ? v[9] : z, k > 10 ? v[10] : z, k > 11 ? v[11] : z, k > 12 ? v[12] : z,
                    k > 13 ? v[13] : z, k > 14 ? v[14] : z, k > 15 ? v[15] : z);
    }
    if (rc != DB_OK)
        return ERR_DB;
    ch->seq = seq;
    memcpy(ch->prev, hash, HASH_LEN);
    return OK;
}

int audit_flush(struct ctx *c, struct db *w, int failed)
{
    int rc = OK, wrote = 0, last = -1;
    struct chain ch;
    for (int i = 0; i < c->npend; i++)
        if (!failed || c->pend[i].keep)
            last = i;
    for (int i = 0; i <= last && rc == OK; i++) {
        if (failed && !c->pend[i].keep)
            continue;
        if (!wrote)
            rc = chain_head(w, &ch);
        if (rc == OK)
            rc = append(c, w, &c->pend[i], &ch, i == last);
        wrote = 1;
    }
    if (wrote && rc == OK)
        chain_remember(w, &ch);
    else if (wrote)
        known.w = NULL; /* read it again */
    for (int i = 0; i < c->npend; i++) {
        free(c->pend[i].reason);
        json_decref(c->pend[i].sections);
        free(c->pend[i].clients);
    }
    c->npend = 0;
    return rc;
}

void audit_head_file(struct db *db, char *out, size_t len)
{
    const char *url = db->url ? db->url : "";
    if (db_is_shared(db))
        snprintf(out, len, "%s", ""); /* a shared database has no one place beside it */
    else
        snprintf(out, len, "%s.audit-head", strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url);
}

void audit_set_head_path(const char *path)
{
    snprintf(head_path, sizeof head_path, "%s", path ? path : "");
}

void audit_set_head_log(int seconds)
{
    head_log_every = seconds > 0 ? seconds : 0;
}

/* The head file is rewritten in place (one small pwrite of a fixed-width line per commit): no
 * rename, which on ext4 would force a flush on every commit. The same head goes to the system log
 * (LOG_AUTHPRIV) when head_log_every seconds have passed since it last went there and it moved. */
void audit_write_head(struct db *w)
{
    time_t now = head_log_every ? time(NULL) : 0;
    int log_due = head_log_every && now - head_logged_at >= head_log_every;
    if (!head_path[0] && !log_due)
        return;
    struct db_stmt *st = db_query(w, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", "");
    if (db_step(st) == DB_ROW) {
        size_t n;
        const unsigned char *p = db_blob(st, 1, &n);
        char hex[HASH_LEN * 2 + 1] = "", line[128];
        long long seq = (long long)db_int(st, 0);
        if (n == HASH_LEN)
            sodium_bin2hex(hex, sizeof hex, p, n);
        int len = snprintf(line, sizeof line, "%020lld %s\n", seq, hex);
        pthread_mutex_lock(&head_mu);
        if (head_path[0]) {
            int fd = open(head_path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
            if (fd < 0 || pwrite(fd, line, (size_t)len, 0) != len)
                log_error("audit: cannot write head file %s", head_path);
            if (fd >= 0)
                close(fd);
        }
        if (log_due && seq != head_logged_seq) {
            syslog(LOG_AUTHPRIV | LOG_NOTICE, "hearth audit head seq=%lld hash=%s", seq, hex);
            head_logged_at = now;
            head_logged_seq = seq;
        }
        pthread_mutex_unlock(&head_mu);
    }
    db_done(st);
}

/* ---- the audit key ----
 * A file of one line, "hearth-audit-key 1 FROM HEX": FROM, the first record hashed with the key
 * (the records before it are the chain of a database from before keys, hashed without one), and
 * HEX, the 32-byte key. Mode 0600, outside the database, never in a backup of it. */
void audit_key_file(struct db *db, char *out, size_t len)
{
    const char *url = db->url ? db->url : "";
    if (!db_is_shared(db)) {
        snprintf(out, len, "%s.audit-key", strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url);
        return;
    }
    /* PostgreSQL: DIR/DBNAME.audit-key, DIR from HEARTH_AUDIT_KEY_DIR or var under the server's
     * working directory (each machine that runs a server keeps a copy; --audit-key names another
     * place). */
    const char *dir = getenv("HEARTH_AUDIT_KEY_DIR");
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : NULL;
    char name[128] = "";
    size_t k = 0;
    for (p = p ? p + 1 : ""; *p && *p != '?' && k + 1 < sizeof name; p++)
        name[k++] = (char)((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                                   *p == '-' || *p == '_'
                               ? *p
                               : '_');
    name[k] = 0;
    snprintf(out, len, "%s/%s.audit-key", dir && *dir ? dir : "var", k ? name : "hearth");
}

int audit_key_load(const char *path, struct audit_key *k, char *err, size_t len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, len, "cannot read the audit key %s: %s", path, strerror(errno));
        return errno == ENOENT ? 1 : -1;
    }
    struct stat sb;
    char line[256] = "", hex[AUDIT_KEY_LEN * 2 + 2] = "";
    ssize_t n = fstat(fd, &sb) == 0 ? read(fd, line, sizeof line - 1) : -1;
    close(fd);
    if (n < 0) {
        snprintf(err, len, "cannot read the audit key %s: %s", path, strerror(errno));
        return -1;
    }
    if (sb.st_mode & 077) {
        snprintf(err, len, "the audit key %s may be read by others (mode %03o); chmod 600 it", path,
                 (unsigned)(sb.st_mode & 0777));
        return -1;
    }
    long long from = 0;
    size_t bl = 0;
    if (sscanf(line, "hearth-audit-key 1 %lld %65s", &from, hex) != 2 || from < 1 || strlen(hex) != 64 ||
        sodium_hex2bin(k->key, sizeof k->key, hex, 64, NULL, &bl, NULL) != 0 || bl != AUDIT_KEY_LEN) {
        snprintf(err, len, "the audit key %s is not a Hearth audit key (\"hearth-audit-key 1 FROM HEX\")", path);
        sodium_memzero(line, sizeof line);
        return -1;
    }
    sodium_memzero(line, sizeof line);
    sodium_memzero(hex, sizeof hex);
    k->from = from;
    return 0;
}

int audit_key_save(const char *path, const struct audit_key *k, char *err, size_t len)
{
    char hex[AUDIT_KEY_LEN * 2 + 1], line[128];
    /* Its folder, one level, when missing (var/ of a new installation). */
    char dir[4200];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = 0;
        mkdir(dir, 0700);
    }
    sodium_bin2hex(hex, sizeof hex, k->key, AUDIT_KEY_LEN);
    int n = snprintf(line, sizeof line, "hearth-audit-key 1 %lld %s\n", (long long)k->from, hex);
    sodium_memzero(hex, sizeof hex);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    int ok = fd >= 0 && write(fd, line, (size_t)n) == n && fsync(fd) == 0;
    int e = errno;
    sodium_memzero(line, sizeof line);
    if (fd >= 0)
        close(fd);
    if (!ok) {
        if (fd >= 0)
            unlink(path);
        snprintf(err, len, "cannot write the audit key %s: %s", path, strerror(e));
        return -1;
    }
    return 0;
}

void audit_use_key(const struct audit_key *k)
{
    if (k)
        akey = *k;
    else
        sodium_memzero(&akey, sizeof akey);
    akey_set = k != NULL;
    known.w = NULL; /* read the head again */
}

int audit_key_open(struct db *db, const char *path, int create, struct audit_key *k, char *err, size_t len)
{
    char def[4200];
    if (!path || !*path) {
        audit_key_file(db, def, sizeof def);
        path = def;
    }
    int rc = audit_key_load(path, k, err, len);
    if (rc == 0 || rc < 0 || !create)
        return rc;
    /* No key yet: a new database, or one from before keys. Keyed from the record after its head on;
     * the chain so far must verify without a key, or this is a keyed chain whose key is missing. */
    int64_t head = 0;
    struct db_stmt *st = db_query(db, "SELECT max(seq) FROM audit", "");
    if (db_step(st) == DB_ROW)
        head = db_int(st, 0);
    db_done(st);
    if (head > 0) {
        char report[512];
        struct audit_key none = {.from = head + 1};
        if (audit_verify(db, NULL, &none, report, sizeof report) != 0) {
            snprintf(err, len,
                     "the audit key %s is missing, and the chain does not verify without one (%s): restore "
                     "the key from where it is kept, or give it with --audit-key",
                     path, report);
            return -1;
        }
    }
    randombytes_buf(k->key, sizeof k->key);
    k->from = head + 1;
    if (audit_key_save(path, k, err, len) == 0)
        return 0;
    /* Another server sharing the database made it at the same moment: use theirs. */
    return access(path, F_OK) == 0 && audit_key_load(path, k, err, len) == 0 ? 0 : -1;
}

/* A record that lists the clients it showed (detail {"clients": [...]}, hashed with it): its rows
 * in audit_clients are exactly those. 0 when they match (or the record lists none); *n counts the
 * rows. */
static int shown_check(struct db *db, const struct row *r, int64_t *n)
{
    if (!r->detail || !strstr(r->detail, "\"clients\""))
        return 0;
    json_t *d = json_loads(r->detail, 0, NULL);
    json_t *want = json_object_get(d, "clients");
    json_t *have = db_rows(db, "SELECT client_id FROM audit_clients WHERE seq=? ORDER BY client_id", "i", r->seq);
    int bad = !json_is_array(want) || json_array_size(want) != json_array_size(have);
    size_t i;
    json_t *x;
    json_array_foreach(have, i, x)
    {
        if (bad)
            break;
        bad = json_integer_value(json_object_get(x, "client_id")) != json_integer_value(json_array_get(want, i));
    }
    *n += (int64_t)json_array_size(have);
    json_decref(have);
    json_decref(d);
    return bad;
}

int audit_verify(struct db *db, const char *hpath, const struct audit_key *key, char *report, size_t len)
{
    if (!key) {
        snprintf(report, len, "no audit key: the chain cannot be checked without it (--audit-key FILE)");
        return 1;
    }
    unsigned char prev[HASH_LEN] = {0}, want[HASH_LEN];
    int64_t expect = 1, count = 0, nshown = 0;
    int bad = 0;
    report[0] = 0;
    /* The head file is read before the chain: whatever it names was committed before it was
     * written, so the snapshot read next must contain it even while a server keeps writing. */
    long long hseq = 0;
    char hex[HASH_LEN * 2 + 2] = "";
    int have_head = 0, head_bad = 0;
    if (hpath && !*hpath)
        hpath = NULL;
    int have_file = hpath != NULL;
    FILE *f = hpath ? fopen(hpath, "r") : NULL;
    if (f) {
        have_head = 1;
        head_bad = fscanf(f, "%lld %65s", &hseq, hex) != 2;
        fclose(f);
    } else if (db_is_shared(db)) { /* the head kept in the shared database (migration 003) */
        hpath = "in table audit_head";
        struct db_stmt *h = db_query(db, "SELECT seq, hash FROM audit_head WHERE id=1", "");
        if (db_step(h) == DB_ROW) {
            size_t n;
            const void *p = db_blob(h, 1, &n);
            have_head = 1;
            hseq = db_int(h, 0);
            if (n == HASH_LEN)
                sodium_bin2hex(hex, sizeof hex, p, n);
            else
                head_bad = hseq != 0 || n != 0;
        }
        db_done(h);
    }
    /* Page through the chain in order, so a long log never sits in memory at once. */
    int64_t last = INT64_MIN;
    for (int got = 1; got && !bad;) {
        got = 0;
        struct db_stmt *st =
            db_query(db,
                     "SELECT seq, at, staff_id, org_id, action, outcome, client_id, entity, entity_id,"
                     " purpose, reason, request_id, addr, prev, hash, detail FROM audit WHERE seq>?"
                     " ORDER BY seq LIMIT 5000",
                     "i", last);
        while (!bad && db_step(st) == DB_ROW) {
            got = 1;
            last = db_int(st, 0);
            struct row r = {
                .seq = db_int(st, 0),
                .at = db_text(st, 1),
                .staff_id = db_int(st, 2),
                .staff_null = db_isnull(st, 2),
                .org_id = db_int(st, 3),
                .org_null = db_isnull(st, 3),
                .action = db_text(st, 4),
                .outcome = db_text(st, 5),
                .client_id = db_int(st, 6),
                .client_null = db_isnull(st, 6),
                .entity = db_text(st, 7),
                .entity_id = db_int(st, 8),
                .entity_id_null = db_isnull(st, 8),
                .purpose = db_text(st, 9),
                .reason = db_text(st, 10),
                .request_id = db_text(st, 11),
                .addr = db_text(st, 12),
                .detail = db_text(st, 15),
            };
            size_t np, nh;
            const void *p = db_blob(st, 13, &np);
            const void *h = db_blob(st, 14, &nh);
            if (r.seq != expect) {
                snprintf(report, len,
                         "record %lld: expected sequence %lld (a record was deleted, inserted or moved)",
                         (long long)r.seq, (long long)expect);
                bad = 1;
            } else if (np != HASH_LEN || memcmp(p, prev, HASH_LEN) != 0) {
                snprintf(report, len,
                         "record %lld: does not follow record %lld (chain broken: reordered or inserted)",
                         (long long)r.seq, (long long)r.seq - 1);
                bad = 1;
            } else {
                int keyed = r.seq >= key->from;
                row_hash(keyed ? key->key : NULL, prev, &r, want);
                if (nh != HASH_LEN || memcmp(h, want, HASH_LEN) != 0) {
                    snprintf(report, len, "record %lld: contents do not match its %s hash (modified%s)",
                             (long long)r.seq, keyed ? "keyed" : "unkeyed",
                             keyed ? ", rewritten without the key, or this is not the chain's audit key" : "");
                    bad = 1;
                } else if (shown_check(db, &r, &nshown) != 0) {
                    snprintf(report, len,
                             "record %lld: the clients it showed differ from its rows in audit_clients (changed)",
                             (long long)r.seq);
                    bad = 1;
                } else {
                    memcpy(prev, want, HASH_LEN);
                    expect++;
                    count++;
                }
            }
        }
        db_done(st);
    }
    if (bad)
        return 1;
    /* No row of audit_clients outside what the records list (a client added to a search); rows of
     * records appended since the chain was read are not counted. */
    if (db_int1(db, -1, "SELECT count(*) FROM audit_clients WHERE seq<=?", "i", expect - 1) != nshown) {
        snprintf(report, len, "audit_clients holds rows no record lists (changed)");
        return 1;
    }
    /* The head kept outside the database catches a deleted tail. */
    if (!have_head) {
        if (count > 0 && hpath) {
            snprintf(report, len, "head %s %s is missing; cannot tell whether the newest records were removed",
                     have_file ? "file" : "row", hpath);
            return 1;
        }
        snprintf(report, len, "%lld records, chain intact", (long long)count);
        return 0;
    }
    if (head_bad) {
        snprintf(report, len, "head %s %s is unreadable", have_file ? "file" : "row", hpath);
        return 1;
    }
    if (hseq == 0 && count == 0) {
        snprintf(report, len, "0 records, chain intact");
        return 0;
    }
    if (hseq > count) {
        snprintf(report, len,
                 "record %lld: missing; the chain ends at %lld but the head says %lld (truncated)",
                 (long long)count + 1, (long long)count, hseq);
        return 1;
    }
    unsigned char hh[HASH_LEN];
    size_t hl = 0;
    struct db_stmt *q = db_query(db, "SELECT hash FROM audit WHERE seq=?", "i", (int64_t)hseq);
    int match = 0;
    if (db_step(q) == DB_ROW) {
        size_t n;
        const void *p = db_blob(q, 0, &n);
        match = n == HASH_LEN && sodium_hex2bin(hh, sizeof hh, hex, strlen(hex), NULL, &hl, NULL) == 0 &&
                hl == HASH_LEN && memcmp(p, hh, HASH_LEN) == 0;
    }
    db_done(q);
    if (!match) {
        snprintf(report, len, "record %lld: differs from the hash kept in the head %s (rewritten chain)", hseq,
                 have_file ? "file" : "row");
        return 1;
    }
    snprintf(report, len, "%lld records, chain intact, keyed from record %lld, head matches record %lld",
             (long long)count, (long long)key->from, hseq);
    return 0;
}

/* The columns of a client's access report, for the two ways a record concerns the client. */
#define REPORT_COLS                                                                                          \
    "SELECT a.seq, a.at, a.action, a.outcome, a.purpose, a.reason, a.detail, s.display_name AS staff,"       \
    " s.role, o.name AS organisation FROM "
#define REPORT_JOINS " LEFT JOIN staff s ON s.id=a.staff_id LEFT JOIN orgs o ON o.id=a.org_id"

/* What let another organisation in, from an access's purpose and reason: a consent ("consent N",
 * written by access_check under purpose "shared") with its purpose, or a referral ("referral N");
 * null for every other access. Only a consent of this client is named. */
static json_t *report_basis(struct ctx *c, int64_t client_id, json_t *r)
{
    const char *purpose = json_string_value(json_object_get(r, "purpose"));
    const char *reason = json_string_value(json_object_get(r, "reason"));
    long long id = 0;
    char kind[16] = "", rest;
    if (!purpose || !reason || (!str_eq(purpose, "shared") && !str_eq(purpose, "referral")) ||
        sscanf(reason, "%15[a-z] %lld%c", kind, &id, &rest) != 2 || id <= 0)
        return json_null();
    if (str_eq(kind, "referral"))
        return json_pack("{s:s,s:I}", "kind", "referral", "id", (json_int_t)id);
    if (!str_eq(kind, "consent"))
        return json_null();
    json_t *k = db_row(c->db, "SELECT purpose FROM consents WHERE id=? AND client_id=?", "ii", (int64_t)id,
                       client_id);
    if (!k)
        return json_null();
    json_t *out = json_pack("{s:s,s:I,s:O}", "kind", "consent", "id", (json_int_t)id, "purpose",
                            json_object_get(k, "purpose"));
    json_decref(k);
    return out;
}

int audit_client_report(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_ACCESS_LOG, ACT_READ, client_id, "client.access_log");
    if (rc != OK)
        return rc;
    /* The records about the client, and the lists that showed the client among others (a search:
     * one record, the client in audit_clients; its client_id is null, so no record comes twice). */
    static const struct page_key order[] = {{"p.seq", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out,
                    REPORT_COLS "audit a" REPORT_JOINS " WHERE a.client_id=? UNION ALL " REPORT_COLS
                                "audit_clients x JOIN audit a ON a.seq=x.seq" REPORT_JOINS " WHERE x.client_id=?",
                    "ii", client_id, client_id);
    if (rc != OK)
        return rc;
    /* What was read: a page view's sections; never the other clients a search showed. */
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r)
    {
        json_t *d = json_loads(json_string_value(json_object_get(r, "detail")) ? json_string_value(json_object_get(r, "detail")) : "{}", 0, NULL);
        json_t *sec = json_object_get(d, "sections");
        json_object_set(r, "sections", json_is_array(sec) ? sec : json_null());
        json_decref(d);
        json_object_del(r, "detail");
        json_object_set_new(r, "basis", report_basis(c, client_id, r));
    }
    audit_log(c, "client.access_log", "ok", client_id, "client", client_id, NULL);
    return OK;
}

int audit_recent_clients(struct ctx *c, int limit, json_t **out)
{
    int rc = access_check(c, RES_CLIENT, ACT_LIST, 0, "client.recent");
    if (rc != OK)
        return rc;
    if (limit <= 0 || limit > 50)
        limit = 8;
    json_t *rows = db_rows(
        c->db,
        "SELECT c.id, c.given_name, c.family_name, c.name_order, c.preferred_name, c.birth_date, max(a.at) AS viewed_at"
        " FROM (SELECT client_id, at, seq FROM audit WHERE staff_id=? AND action IN ('client.read', 'client.view')"
        " AND outcome='ok'"
        " ORDER BY seq DESC LIMIT 200) a JOIN clients c ON c.id=a.client_id"
        " GROUP BY c.id ORDER BY max(a.seq) DESC LIMIT ?",
        "ii", c->a->staff_id, (int64_t)limit * 2);
    /* Only the clients the actor may see now (break-glass ends, teams change): found at least, the
     * date of birth only with the record. */
    json_t *res = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        int64_t id = json_integer_value(json_object_get(r, "id"));
        if (json_array_size(res) >= (size_t)limit || !access_may(c, RES_CLIENT, ACT_LIST, id))
            continue;
        if (!access_may(c, RES_CLIENT, ACT_READ, id))
            json_object_del(r, "birth_date");
        json_array_append(res, r);
    }
    json_decref(rows);
    audit_log(c, "client.recent", "ok", 0, "client", 0, NULL);
    *out = res;
    return OK;
}

/* ---- the descriptor: a client's access report ("who looked at my record") ---- */

static const struct res_field access_basis_fields[] = {
    {"kind", FT_STRING, 0, N_("Consent or referral")},
    {"id", FT_INT, 0, N_("Its number")},
    {"purpose", FT_STRING, 1, N_("The consent's purpose")},
    {NULL, 0, 0, NULL},
};
static const struct res_field access_log_fields[] = {
    {"seq", FT_INT, 0, N_("Record")},
    {"at", FT_DATETIME, 0, N_("When")},
    {"action", FT_STRING, 0, N_("What")},
    {"outcome", FT_STRING, 0, N_("Outcome")},
    {"purpose", FT_STRING, 1, N_("Purpose")},
    {"reason", FT_STRING, 1, N_("Reason")},
    {"staff", FT_STRING, 1, N_("Who")},
    {"role", FT_STRING, 1, N_("Role")},
    {"organisation", FT_STRING, 1, N_("Organisation")},
    {"sections", FT_ARRAY, 1, N_("Sections read")}, /* a page view's reads (action names), in order */
    /* another organisation's access: the consent {kind "consent", id, purpose} or the referral
     * {kind "referral", id} that allowed it; null otherwise */
    {"basis", FT_OBJECT, 1, N_("Allowed by"), access_basis_fields},
    {NULL, 0, 0, NULL},
};
static const struct res_audit access_log_actions[] = {
    {"client.access_log", ACT_READ},
    {NULL, 0},
};
static const char *const access_log_tables[] = {"audit", "audit_clients", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule access_log_access[] = {
    /* who looked at the record */
    {RES_ACCESS_LOG, ACT_READ, TEAM, CARE, A},
    {RES_ACCESS_LOG, ACT_READ, PEER, PS, A},
    {RES_ACCESS_LOG, ACT_READ, GLASS, CARE, P},
    {0}};
const struct resource res_access_log = {
    .access = access_log_access,
    .id = RES_ACCESS_LOG, .name = "access_log", .label = N_("Access to the record"),
    .plural = N_("Accesses to the record"), RESOURCE_OF(access_log)};
RESOURCE_REGISTER(res_access_log);
