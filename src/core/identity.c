/* identity: the SQL behind auth/ (accounts, sessions, API tokens, failed logins) and the
 * command line's account lookups. Policy (hashing, timeouts, throttling) stays in auth/. */
#include "core/identity.h"
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

#define ACTOR_COLS                                                                                           \
    "s.id, s.org_id, s.role, s.username, s.display_name, coalesce(s.discipline,''), coalesce(s.language,'')"
#define ACTOR_NCOLS 7
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

int identity_failure_add(struct db *w, const char *key, int64_t now, int64_t forget_before)
{
    db_run(w, "DELETE FROM login_failures WHERE at<?", "i", forget_before);
    return db_run(w, "INSERT INTO login_failures(key, at) VALUES (?,?)", "ti", key, now);
}

int identity_failures_clear(struct db *w, const char *key)
{
    return db_run(w, "DELETE FROM login_failures WHERE key=?", "t", key);
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

int64_t identity_token_add(struct db *w, int64_t staff_id, const char *name, const unsigned char hash[32])
{
    char now[32];
    iso_now(now);
    return db_insert_id(w,
                        "INSERT INTO api_tokens(staff_id, name, token_hash, created_at) VALUES (?,?,?,?)"
                        " RETURNING id",
                        "itbt", staff_id, name, hash, (size_t)32, now);
}

int identity_token_get(struct db *db, const unsigned char hash[32], struct actor *a)
{
    struct db_stmt *st = db_query(db,
                                  "SELECT " ACTOR_COLS " FROM api_tokens t JOIN staff s ON s.id=t.staff_id"
                                  " WHERE t.token_hash=? AND t.revoked_at IS NULL AND s.disabled=0",
                                  "b", hash, (size_t)32);
    int rc = db_step(st) == DB_ROW ? fill_actor(st, a) : -1;
    db_done(st);
    return rc;
}

int64_t identity_staff_id(struct db *db, const char *username)
{
    return db_int1(db, 0, "SELECT id FROM staff WHERE username=?", "t", username);
}

int identity_db_alive(struct db *db)
{
    return db_int1(db, 0, "SELECT 1", "") == 1;
}
