/* auth: passwords, sessions, API tokens and throttling (identity only; access is core/'s). */
#include "auth/auth.h"
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* Argon2id at OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1). Larger memory would bound how
 * many logins fit in the server's memory target at once; the parameters live in each stored hash,
 * so raising them later keeps old hashes verifiable. */
#define PW_OPSLIMIT 2
#define PW_MEMLIMIT (19u * 1024 * 1024)
int auth_password_hash(const char *password, char out[128])
{
    if (sodium_init() < 0)
        return -1;
    return crypto_pwhash_str_alg(out, password, strlen(password), PW_OPSLIMIT, PW_MEMLIMIT,
                                 crypto_pwhash_ALG_ARGON2ID13);
}

int auth_password_verify(const char *hash, const char *password)
{
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0 ? 0 : -1;
}

static void token_hash(const char *token, unsigned char out[32])
{
    crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

#define ACTOR_COLS "s.id, s.org_id, s.role, s.username, s.display_name, coalesce(s.discipline,'')"
static int fill_actor(struct db_stmt *st, int off, struct actor *a)
{
    memset(a, 0, sizeof *a);
    a->staff_id = db_int(st, off);
    a->org_id = db_int(st, off + 1);
    a->role = role_parse(db_text(st, off + 2));
    snprintf(a->username, sizeof a->username, "%s", db_text(st, off + 3));
    snprintf(a->name, sizeof a->name, "%s", db_text(st, off + 4));
    snprintf(a->discipline, sizeof a->discipline, "%s", db_text(st, off + 5));
    return a->role < 0 ? -1 : 0;
}

int auth_find_user(struct db *db, const char *username, struct actor *a, char hash[128])
{
    struct db_stmt *st =
        db_query(db, "SELECT " ACTOR_COLS ", s.pw_hash FROM staff s WHERE s.username=? AND s.disabled=0", "t",
                 username);
    int rc = -1;
    if (db_step(st) == DB_ROW && fill_actor(st, 0, a) == 0) {
        snprintf(hash, 128, "%s", db_text(st, 6));
        rc = 0;
    }
    db_done(st);
    return rc;
}

int auth_throttled(struct db *db, const char *username, const char *addr)
{
    int64_t since = now_epoch() - AUTH_FAIL_WINDOW;
    char k[160];
    snprintf(k, sizeof k, "u:%s", username);
    if (db_int1(db, 0, "SELECT count(*) FROM login_failures WHERE key=? AND at>?", "ti", k, since) >=
        AUTH_FAIL_PER_ACCOUNT)
        return 1;
    snprintf(k, sizeof k, "a:%s", addr);
    return db_int1(db, 0, "SELECT count(*) FROM login_failures WHERE key=? AND at>?", "ti", k, since) >=
           AUTH_FAIL_PER_ADDRESS;
}

int auth_record_failure(struct db *w, const char *username, const char *addr)
{
    char k[160];
    int64_t now = now_epoch();
    db_run(w, "DELETE FROM login_failures WHERE at<?", "i", now - AUTH_FAIL_WINDOW);
    snprintf(k, sizeof k, "u:%s", username);
    db_run(w, "INSERT INTO login_failures(key, at) VALUES (?,?)", "ti", k, now);
    snprintf(k, sizeof k, "a:%s", addr);
    return db_run(w, "INSERT INTO login_failures(key, at) VALUES (?,?)", "ti", k, now);
}

void auth_clear_failures(struct db *w, const char *username)
{
    char k[160];
    snprintf(k, sizeof k, "u:%s", username);
    db_run(w, "DELETE FROM login_failures WHERE key=?", "t", k);
}

int auth_session_create(struct db *w, int64_t staff_id, char token[AUTH_TOKEN_HEX + 1], char csrf[AUTH_TOKEN_HEX + 1])
{
    unsigned char h[32];
    random_hex(token, 32);
    random_hex(csrf, 32);
    token_hash(token, h);
    int64_t now = now_epoch();
    db_run(w, "DELETE FROM sessions WHERE staff_id=? AND last_seen<?", "ii", staff_id, now - AUTH_IDLE_SECONDS);
    return db_run(w, "INSERT INTO sessions(token_hash, staff_id, csrf, created_at, last_seen) VALUES (?,?,?,?,?)",
                  "bitii", h, (size_t)32, staff_id, csrf, now, now) == DB_OK
               ? 0
               : -1;
}

int auth_session_lookup(struct db *db, const char *token, struct actor *a, char csrf[AUTH_TOKEN_HEX + 1], int *touch)
{
    unsigned char h[32];
    if (!token || strlen(token) != AUTH_TOKEN_HEX)
        return -1;
    token_hash(token, h);
    int64_t now = now_epoch();
    struct db_stmt *st = db_query(db,
                                  "SELECT " ACTOR_COLS ", x.csrf, x.created_at, x.last_seen FROM sessions x"
                                  " JOIN staff s ON s.id=x.staff_id WHERE x.token_hash=? AND s.disabled=0",
                                  "b", h, (size_t)32);
    int rc = -1;
    if (db_step(st) == DB_ROW && fill_actor(st, 0, a) == 0) {
        int64_t created = db_int(st, 7), seen = db_int(st, 8);
        if (now - seen <= AUTH_IDLE_SECONDS && now - created <= AUTH_ABSOLUTE_SECONDS) {
            snprintf(csrf, AUTH_TOKEN_HEX + 1, "%s", db_text(st, 6));
            *touch = now - seen >= AUTH_TOUCH_SECONDS;
            rc = 0;
        }
    }
    db_done(st);
    return rc;
}

int64_t auth_session_owner(struct db *db, const char *token, const char *csrf)
{
    unsigned char h[32];
    if (!token || strlen(token) != AUTH_TOKEN_HEX || !csrf || strlen(csrf) != AUTH_TOKEN_HEX)
        return 0;
    token_hash(token, h);
    struct db_stmt *st = db_query(db,
                                  "SELECT x.staff_id, x.csrf FROM sessions x JOIN staff s ON s.id=x.staff_id"
                                  " WHERE x.token_hash=? AND s.disabled=0",
                                  "b", h, (size_t)32);
    int64_t who = 0;
    if (db_step(st) == DB_ROW && strlen(db_text(st, 1)) == AUTH_TOKEN_HEX &&
        sodium_memcmp(db_text(st, 1), csrf, AUTH_TOKEN_HEX) == 0)
        who = db_int(st, 0);
    db_done(st);
    return who;
}

int auth_session_touch(struct db *w, const char *token)
{
    unsigned char h[32];
    token_hash(token, h);
    return db_run(w, "UPDATE sessions SET last_seen=? WHERE token_hash=?", "ib", now_epoch(), h, (size_t)32);
}

int auth_session_destroy(struct db *w, const char *token)
{
    unsigned char h[32];
    token_hash(token, h);
    return db_run(w, "DELETE FROM sessions WHERE token_hash=?", "b", h, (size_t)32);
}

int auth_sessions_destroy_staff(struct db *w, int64_t staff_id, const char *except_token)
{
    unsigned char h[32] = {0};
    if (except_token)
        token_hash(except_token, h);
    return db_run(w, "DELETE FROM sessions WHERE staff_id=? AND token_hash<>?", "ib", staff_id, h, (size_t)32);
}

int auth_token_create(struct db *w, int64_t staff_id, const char *name, char token[AUTH_TOKEN_HEX + 5], int64_t *id)
{
    unsigned char h[32];
    char now[32];
    memcpy(token, "hth_", 4);
    random_hex(token + 4, 32);
    token_hash(token, h);
    iso_now(now);
    struct db_stmt *st = db_query(w,
                                  "INSERT INTO api_tokens(staff_id, name, token_hash, created_at) VALUES (?,?,?,?)"
                                  " RETURNING id",
                                  "itbt", staff_id, name, h, (size_t)32, now);
    *id = db_step(st) == DB_ROW ? db_int(st, 0) : 0;
    db_done(st);
    return *id ? 0 : -1;
}

int auth_token_lookup(struct db *db, const char *token, struct actor *a)
{
    unsigned char h[32];
    if (!token || strncmp(token, "hth_", 4) != 0 || strlen(token) != AUTH_TOKEN_HEX + 4)
        return -1;
    token_hash(token, h);
    struct db_stmt *st = db_query(db,
                                  "SELECT " ACTOR_COLS " FROM api_tokens t JOIN staff s ON s.id=t.staff_id"
                                  " WHERE t.token_hash=? AND t.revoked_at IS NULL AND s.disabled=0",
                                  "b", h, (size_t)32);
    int rc = db_step(st) == DB_ROW ? fill_actor(st, 0, a) : -1;
    db_done(st);
    return rc;
}
