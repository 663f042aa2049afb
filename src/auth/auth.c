/* auth: passwords, sessions, API tokens and throttling (identity only; access is core/'s). The
 * rows live behind core/identity.c: no SQL here. */
#include "auth/auth.h"
#include "base/base.h"
#include "core/core.h"
#include "core/identity.h"
#include "db/db.h"
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* Argon2id at OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1). Larger memory would bound how
 * many logins fit in the server's memory target at once; the parameters live in each stored hash,
 * so raising them later keeps old hashes verifiable. */
#define PW_OPSLIMIT 2
#define PW_MEMLIMIT (19u * 1024 * 1024)
/* Refused on the writer (it would stall group commit for everyone) and on an event loop. */
static int too_hot(const char *what)
{
    const char *t = thread_hot();
    if (t)
        log_error("auth: %s refused on %s; hash on a worker (http_offload) first", what, t);
    return t != NULL;
}

int auth_password_hash(const char *password, char out[128])
{
    if (too_hot("password hashing") || sodium_init() < 0)
        return -1;
    return crypto_pwhash_str_alg(out, password, strlen(password), PW_OPSLIMIT, PW_MEMLIMIT,
                                 crypto_pwhash_ALG_ARGON2ID13);
}

int auth_password_verify(const char *hash, const char *password)
{
    if (too_hot("password checking"))
        return -1;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0 ? 0 : -1;
}

static void token_hash(const char *token, unsigned char out[32])
{
    crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

const char *auth_password_problem(const char *pw, char *msg, size_t len)
{
    if (!pw || !*pw)
        return _("is required");
    size_t n = utf8_len(pw);
    if (n < AUTH_MIN_PASSWORD)
        snprintf(msg, len, _("must be at least %d characters"), AUTH_MIN_PASSWORD);
    else if (n > AUTH_MAX_PASSWORD)
        snprintf(msg, len, _("must be at most %d characters"), AUTH_MAX_PASSWORD);
    else
        return NULL;
    return msg;
}

int auth_find_user(struct db *db, const char *username, struct actor *a, char hash[128])
{
    return identity_login(db, username, a, hash);
}

int auth_throttled(struct db *db, const char *username, const char *addr)
{
    int64_t since = now_epoch() - AUTH_FAIL_WINDOW;
    char k[160];
    snprintf(k, sizeof k, "u:%s", username);
    if (identity_failures(db, k, since) >= AUTH_FAIL_PER_ACCOUNT)
        return 1;
    snprintf(k, sizeof k, "a:%s", addr);
    return identity_failures(db, k, since) >= AUTH_FAIL_PER_ADDRESS;
}

int auth_attempt_begin(struct db *w, const char *username, const char *addr, int64_t *nonce, int64_t *retry_after)
{
    char ku[160], ka[160];
    snprintf(ku, sizeof ku, "u:%s", username);
    snprintf(ka, sizeof ka, "a:%s", addr);
    const char *const keys[2] = {ku, ka};
    static const int64_t limits[2] = {AUTH_FAIL_PER_ACCOUNT, AUTH_FAIL_PER_ADDRESS};
    int64_t now = now_epoch(), oldest = 0;
    randombytes_buf(nonce, sizeof *nonce);
    *nonce &= INT64_MAX;
    int rc = identity_attempt(w, keys, limits, now, now - AUTH_FAIL_WINDOW, *nonce, &oldest);
    *retry_after = rc > 0 ? oldest + AUTH_FAIL_WINDOW - now + 1 : 0;
    if (rc > 0 && *retry_after < 1)
        *retry_after = 1;
    return rc == 1 ? AUTH_HELD_ACCOUNT : rc == 2 ? AUTH_HELD_ADDRESS : rc;
}

int auth_attempt_succeeded(struct db *w, const char *username, const char *addr, int64_t nonce)
{
    char ku[160], ka[160];
    snprintf(ku, sizeof ku, "u:%s", username);
    snprintf(ka, sizeof ka, "a:%s", addr);
    return identity_attempt_forget(w, ku, ka, nonce);
}

int auth_attempt_forget(struct db *w, const char *username, const char *addr, int64_t nonce)
{
    char ku[160], ka[160];
    snprintf(ku, sizeof ku, "u:%s", username);
    snprintf(ka, sizeof ka, "a:%s", addr);
    return identity_attempt_drop(w, ku, ka, nonce);
}

/* The password-check queue: checks waiting for or running on the worker pool, in this process. */
static int check_queue_max = AUTH_CHECK_QUEUE;
static int check_queue_now;
static uint64_t checks_total, checks_refused;

void auth_check_queue_set(int n)
{
    __atomic_store_n(&check_queue_max, n > 0 ? n : AUTH_CHECK_QUEUE, __ATOMIC_RELAXED);
}

/* Places held per address: at most AUTH_CHECK_QUEUE addresses hold any, so a small table does. */
static pthread_mutex_t by_addr_mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
    char addr[64];
    int n;
} by_addr[64];

int auth_check_enter(const char *addr)
{
    int max = __atomic_load_n(&check_queue_max, __ATOMIC_RELAXED);
    pthread_mutex_lock(&by_addr_mu);
    int rc = 1, fr = -1, at = -1;
    for (int i = 0; i < (int)(sizeof by_addr / sizeof by_addr[0]); i++) {
        if (by_addr[i].n && strcmp(by_addr[i].addr, addr) == 0)
            at = i;
        else if (!by_addr[i].n && fr < 0)
            fr = i;
    }
    if (at >= 0 && by_addr[at].n >= AUTH_CHECK_PER_ADDRESS)
        rc = -1;
    else if (check_queue_now >= max || (at < 0 && fr < 0))
        rc = 0;
    if (rc == 1) {
        if (at < 0) {
            at = fr;
            snprintf(by_addr[at].addr, sizeof by_addr[at].addr, "%s", addr);
        }
        by_addr[at].n++;
        check_queue_now++;
    } else {
        checks_refused++;
    }
    pthread_mutex_unlock(&by_addr_mu);
    return rc;
}

void auth_check_leave(const char *addr)
{
    pthread_mutex_lock(&by_addr_mu);
    for (int i = 0; i < (int)(sizeof by_addr / sizeof by_addr[0]); i++)
        if (by_addr[i].n && strcmp(by_addr[i].addr, addr) == 0) {
            by_addr[i].n--;
            break;
        }
    check_queue_now--;
    pthread_mutex_unlock(&by_addr_mu);
}

int auth_password_check(const char *hash, const char *password)
{
    __atomic_add_fetch(&checks_total, 1, __ATOMIC_RELAXED);
    return auth_password_verify(hash, password);
}

void auth_check_stats(struct auth_check_stats *s)
{
    s->total = __atomic_load_n(&checks_total, __ATOMIC_RELAXED);
    pthread_mutex_lock(&by_addr_mu);
    s->refused = checks_refused;
    s->queued = check_queue_now;
    pthread_mutex_unlock(&by_addr_mu);
    s->max = __atomic_load_n(&check_queue_max, __ATOMIC_RELAXED);
}

int auth_session_create(struct db *w, int64_t staff_id, char token[AUTH_TOKEN_HEX + 1], char csrf[AUTH_TOKEN_HEX + 1])
{
    unsigned char h[32];
    random_hex(token, 32);
    random_hex(csrf, 32);
    token_hash(token, h);
    int64_t now = now_epoch();
    return identity_session_add(w, h, staff_id, csrf, now, now - AUTH_IDLE_SECONDS) == DB_OK ? 0 : -1;
}

int auth_session_lookup(struct db *db, const char *token, struct actor *a, char csrf[AUTH_TOKEN_HEX + 1], int *touch)
{
    unsigned char h[32];
    if (!token || strlen(token) != AUTH_TOKEN_HEX)
        return -1;
    token_hash(token, h);
    int64_t now = now_epoch(), created, seen;
    char secret[AUTH_TOKEN_HEX + 1];
    if (identity_session_get(db, h, a, secret, &created, &seen) != 0)
        return -1;
    if (now - seen > AUTH_IDLE_SECONDS || now - created > AUTH_ABSOLUTE_SECONDS)
        return -1;
    memcpy(csrf, secret, sizeof secret);
    *touch = now - seen >= AUTH_TOUCH_SECONDS;
    return 0;
}

int64_t auth_session_owner(struct db *db, const char *token, const char *csrf)
{
    unsigned char h[32];
    if (!token || strlen(token) != AUTH_TOKEN_HEX || !csrf || strlen(csrf) != AUTH_TOKEN_HEX)
        return 0;
    token_hash(token, h);
    struct actor a;
    char secret[AUTH_TOKEN_HEX + 1];
    int64_t created, seen;
    if (identity_session_get(db, h, &a, secret, &created, &seen) != 0) /* expired or not: the row */
        return 0;
    return sodium_memcmp(secret, csrf, AUTH_TOKEN_HEX) == 0 ? a.staff_id : 0;
}

int auth_session_touch(struct db *w, const char *token)
{
    unsigned char h[32];
    token_hash(token, h);
    return identity_session_touch(w, h, now_epoch()) == DB_OK ? 0 : -1;
}

int auth_session_destroy(struct db *w, const char *token)
{
    unsigned char h[32];
    token_hash(token, h);
    return identity_session_delete(w, h) == DB_OK ? 0 : -1;
}

int auth_sessions_destroy_staff(struct db *w, int64_t staff_id, const char *except_token)
{
    unsigned char h[32] = {0};
    if (except_token)
        token_hash(except_token, h);
    return identity_sessions_delete_staff(w, staff_id, h) == DB_OK ? 0 : -1;
}

int auth_token_create(struct db *w, int64_t staff_id, const char *name, int days, char token[AUTH_TOKEN_HEX + 5],
                      int64_t *id, char expires_at[32])
{
    unsigned char h[32];
    if (days < AUTH_TOKEN_MIN_DAYS || days > AUTH_TOKEN_MAX_DAYS)
        return -1;
    memcpy(token, "hth_", 4);
    random_hex(token + 4, 32);
    token_hash(token, h);
    iso_time(now_epoch() + (int64_t)days * 86400, expires_at);
    *id = identity_token_add(w, staff_id, name, h, expires_at);
    return *id ? 0 : -1;
}

/* What a thread keeps of the tokens it looked up (auth_token_lookup with an epoch). */
#define KEPT_TOKENS 64
struct kept_token {
    uint64_t db; /* db_serial; 0: empty */
    int64_t epoch, id;
    unsigned char hash[32];
    char used[32], expires[32];
    struct actor a;
};
static __thread struct kept_token kept_tokens[KEPT_TOKENS];

int auth_token_lookup(struct db *db, const char *token, int64_t epoch, struct actor *a, int64_t *id, int *touch)
{
    unsigned char h[32];
    if (!token || strncmp(token, "hth_", 4) != 0 || strlen(token) != AUTH_TOKEN_HEX + 4)
        return -1;
    token_hash(token, h);
    char now[32], due[32];
    int64_t t = now_epoch();
    iso_time(t, now);
    struct kept_token found, *k = epoch > 0 && db_generation(db) == 0 ? &kept_tokens[h[0] % KEPT_TOKENS] : NULL;
    if (!(k && k->db == db_serial(db) && k->epoch == epoch && sodium_memcmp(k->hash, h, sizeof h) == 0 &&
          strcmp(now, k->expires) < 0)) {
        found = (struct kept_token){.db = db_serial(db), .epoch = epoch};
        if (identity_token_get(db, h, now, &found.a, &found.id, found.used, found.expires) != 0)
            return -1;
        memcpy(found.hash, h, sizeof h);
        if (!k)
            k = &found;
        else
            *k = found;
    }
    *a = k->a;
    *id = k->id;
    iso_time(t - AUTH_TOUCH_SECONDS, due);
    *touch = !k->used[0] || strcmp(k->used, due) <= 0;
    if (*touch) /* the caller writes it now: this thread does not ask again for a minute */
        snprintf(k->used, sizeof k->used, "%s", now);
    return 0;
}

int auth_token_touch(struct db *w, int64_t id)
{
    char now[32];
    iso_now(now);
    return identity_token_touch(w, id, now) == DB_OK ? 0 : -1;
}
