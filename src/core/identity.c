/* identity: the SQL behind auth/ (accounts, sessions, API tokens, failed logins) and the
 * command line's account lookups. Policy (hashing, timeouts, throttling) stays in auth/. */
#include "core/identity.h"
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

#define ACTOR_COLS                                                                                           \
    "s.id, s.org_id, s.role, s.username, s.display_name, coalesce(s.discipline,''), coalesce(s.language,''),"    \
    " s.must_change"
#define ACTOR_NCOLS 8
static int fill_actor(struct db_stmt *st, struct actor *a)
{
    memset(a, 0, sizeof *a);
    a->staff_id = db_int(st, 0);
    a->org_id = db_int(st, 1);
    a->role = role_parse(db_text(st, 2));
    snprintf(a->username, sizeof a->username, "%s", db_text(st, 3));
    snprintf(a->name, sizeof a->name, "%s", db_text(st, 4));
    snprintf(a->discipline, sizeof a->discipline, "%s", db_text(st, 5));
    snprintf(a->lang, sizeof a->lang, "%s", db_text(st, 6));
    a->must_change = db_int(st, 7) != 0;
    return a->role < 0 ? -1 : 0;
}

int identity_login(struct db *db, const char *username, struct actor *a, char hash[128])
{
    struct db_stmt *st = db_query(
        db, "SELECT " ACTOR_COLS ", s.pw_hash FROM staff s WHERE s.username=? AND s.disabled=0", "t", username);
    int rc = -1;
    if (db_step(st) == DB_ROW && fill_actor(st, a) == 0) {
        snprintf(hash, 128, "%s", db_text(st, ACTOR_NCOLS));
        rc = 0;
    }
    db_done(st);
    return rc;
}

int64_t identity_failures(struct db *db, const char *key, int64_t since)
{
    return db_int1(db, 0, "SELECT count(*) FROM login_failures WHERE key=? AND at>?", "ti", key, since);
}

int identity_attempt(struct db *w, const char *const keys[2], const int64_t limits[2], int64_t now, int64_t since,
                     int64_t nonce, int64_t *oldest)
{
    *oldest = 0;
    if (db_run(w, "DELETE FROM login_failures WHERE at<=?", "i", since) != DB_OK)
        return -1;
    for (int i = 0; i < 2; i++) {
        struct db_stmt *st =
            db_query(w, "SELECT count(*), coalesce(min(at),0) FROM login_failures WHERE key=? AND at>?", "ti",
                     keys[i], since);
        int64_t n = -1;
        if (db_step(st) == DB_ROW) {
            n = db_int(st, 0);
            *oldest = db_int(st, 1);
        }
        db_done(st);
        if (n < 0)
            return -1;
        if (n >= limits[i])
            return i + 1;
    }
    *oldest = 0;
    for (int i = 0; i < 2; i++)
        if (db_run(w, "INSERT INTO login_failures(key, at, nonce) VALUES (?,?,?)", "tii", keys[i], now, nonce) !=
            DB_OK)
            return -1;
    return 0;
}

int identity_attempt_forget(struct db *w, const char *account_key, const char *addr_key, int64_t nonce)
{
    int rc = db_run(w, "DELETE FROM login_failures WHERE key=?", "t", account_key);
    if (rc == DB_OK)
        rc = db_run(w, "DELETE FROM login_failures WHERE key=? AND nonce=?", "ti", addr_key, nonce);
    return rc;
}

int identity_attempt_drop(struct db *w, const char *account_key, const char *addr_key, int64_t nonce)
{
    return db_run(w, "DELETE FROM login_failures WHERE (key=? OR key=?) AND nonce=?", "tti", account_key, addr_key,
                  nonce);
}

int identity_session_add(struct db *w, const unsigned char hash[32], int64_t staff_id, const char *csrf,
                         int64_t now, int64_t idle_before)
{
    db_run(w, "DELETE FROM sessions WHERE staff_id=? AND last_seen<?", "ii", staff_id, idle_before);
    return db_run(w, "INSERT INTO sessions(token_hash, staff_id, csrf, created_at, last_seen) VALUES (?,?,?,?,?)",
                  "bitii", hash, (size_t)32, staff_id, csrf, now, now);
}

int identity_session_get(struct db *db, const unsigned char hash[32], struct actor *a, char csrf[65],
                         int64_t *created, int64_t *seen)
{
    struct db_stmt *st = db_query(db,
                                  "SELECT " ACTOR_COLS ", x.csrf, x.created_at, x.last_seen FROM sessions x"
                                  " JOIN staff s ON s.id=x.staff_id WHERE x.token_hash=? AND s.disabled=0",
                                  "b", hash, (size_t)32);
    int rc = -1;
    if (db_step(st) == DB_ROW && fill_actor(st, a) == 0) {
        snprintf(csrf, 65, "%s", db_text(st, ACTOR_NCOLS));
        *created = db_int(st, ACTOR_NCOLS + 1);
        *seen = db_int(st, ACTOR_NCOLS + 2);
        rc = 0;
    }
    db_done(st);
    return rc;
}

int identity_session_touch(struct db *w, const unsigned char hash[32], int64_t now)
{
    return db_run(w, "UPDATE sessions SET last_seen=? WHERE token_hash=?", "ib", now, hash, (size_t)32);
}

int identity_session_delete(struct db *w, const unsigned char hash[32])
{
    return db_run(w, "DELETE FROM sessions WHERE token_hash=?", "b", hash, (size_t)32);
}

int identity_sessions_delete_staff(struct db *w, int64_t staff_id, const unsigned char keep[32])
{
    return db_run(w, "DELETE FROM sessions WHERE staff_id=? AND token_hash<>?", "ib", staff_id, keep, (size_t)32);
}

int64_t identity_token_add(struct db *w, int64_t staff_id, const char *name, const unsigned char hash[32],
                           const char *expires_at)
{
    char now[32];
    iso_now(now);
    return db_insert_id(w,
                        "INSERT INTO api_tokens(staff_id, name, token_hash, created_at, expires_at) VALUES (?,?,?,?,?)"
                        " RETURNING id",
                        "itbtt", staff_id, name, hash, (size_t)32, now, expires_at);
}

int identity_token_get(struct db *db, const unsigned char hash[32], const char *now, struct actor *a, int64_t *id,
                       char last_used[32], char expires_at[32])
{
    struct db_stmt *st = db_query(db,
                                  "SELECT " ACTOR_COLS ", t.id, coalesce(t.last_used_at,''), t.expires_at FROM api_tokens t"
                                  " JOIN staff s ON s.id=t.staff_id WHERE t.token_hash=? AND t.revoked_at IS NULL"
                                  " AND t.expires_at>? AND s.disabled=0",
                                  "bt", hash, (size_t)32, now);
    int rc = db_step(st) == DB_ROW ? fill_actor(st, a) : -1;
    if (rc == 0) {
        *id = db_int(st, ACTOR_NCOLS);
        snprintf(last_used, 32, "%s", db_text(st, ACTOR_NCOLS + 1));
        snprintf(expires_at, 32, "%s", db_text(st, ACTOR_NCOLS + 2));
    }
    db_done(st);
    return rc;
}

int identity_token_touch(struct db *w, int64_t id, const char *now)
{
    return db_run(w, "UPDATE api_tokens SET last_used_at=? WHERE id=?", "ti", now, id);
}

int64_t identity_staff_id(struct db *db, const char *username)
{
    return db_int1(db, 0, "SELECT id FROM staff WHERE username=?", "t", username);
}

int identity_db_alive(struct db *db)
{
    return db_int1(db, 0, "SELECT 1", "") == 1;
}
