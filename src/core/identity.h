/* identity: where staff identity is stored (logins, sessions, API tokens, failed logins). auth/
 * decides (hashes, timeouts, throttling) and keeps its storage here; the command line looks
 * accounts up here. Tokens arrive already hashed: no secret reaches the database. */
#ifndef HEARTH_IDENTITY_H
#define HEARTH_IDENTITY_H
#include <jansson.h>
#include <stdint.h>
struct db;
struct actor;

/* Fills the actor and the stored password hash of an enabled account; -1 when unknown or disabled. */
int identity_login(struct db *db, const char *username, struct actor *a, char hash[128]);
/* Failed logins recorded under key since the epoch `since`. */
int64_t identity_failures(struct db *db, const char *key, int64_t since);
/* A login attempt, counted before its password is checked (writer: one job, so parallel attempts see
 * each other): forgets failures at or before `since`; when keys[i] (the account's, the address's)
 * already has limits[i] failures after `since`, returns i + 1 and the oldest of them in *oldest; else
 * records the attempt under both keys as a failure (with nonce) and returns 0. -1: the database. */
int identity_attempt(struct db *w, const char *const keys[2], const int64_t limits[2], int64_t now, int64_t since,
                     int64_t nonce, int64_t *oldest);
/* The attempt succeeded: the account's failures go, and the address's row of this attempt; a DB_* code. */
int identity_attempt_forget(struct db *w, const char *account_key, const char *addr_key, int64_t nonce);
/* The attempt was never checked: its rows under both keys go; a DB_* code. */
int identity_attempt_drop(struct db *w, const char *account_key, const char *addr_key, int64_t nonce);

/* Sessions by token hash (32 bytes); a DB_* code. Adding one forgets the staff member's idle ones. */
int identity_session_add(struct db *w, const unsigned char hash[32], int64_t staff_id, const char *csrf,
                         int64_t now, int64_t idle_before);
/* 0 and the actor, CSRF secret, creation and last-seen times of an enabled account's session; else -1. */
int identity_session_get(struct db *db, const unsigned char hash[32], struct actor *a, char csrf[65],
                         int64_t *created, int64_t *seen);
int identity_session_touch(struct db *w, const unsigned char hash[32], int64_t now);
int identity_session_delete(struct db *w, const unsigned char hash[32]);
/* Every session of the staff member but the one with hash `keep` (may be all zero). */
int identity_sessions_delete_staff(struct db *w, int64_t staff_id, const unsigned char keep[32]);

/* API tokens by hash: the new id (0 on failure); 0, the actor, the token's id, last use ("" never)
 * and end of a token neither revoked nor expired (expires_at <= now) of an enabled account, else -1. */
int64_t identity_token_add(struct db *w, int64_t staff_id, const char *name, const unsigned char hash[32],
                           const char *expires_at);
int identity_token_get(struct db *db, const unsigned char hash[32], const char *now, struct actor *a, int64_t *id,
                       char last_used[32], char expires_at[32]);
int identity_token_touch(struct db *w, int64_t id, const char *now); /* a DB_* code */

/* The id of the account with this username (enabled or not); 0 when none. */
int64_t identity_staff_id(struct db *db, const char *username);
/* 1 when the database answers. */
int identity_db_alive(struct db *db);
#endif
