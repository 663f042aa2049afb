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
/* Records a failure (forgetting those older than forget_before); a DB_* code. */
int identity_failure_add(struct db *w, const char *key, int64_t now, int64_t forget_before);
int identity_failures_clear(struct db *w, const char *key);

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

/* API tokens by hash: the new id (0 on failure); 0 and the actor of an unrevoked token, else -1. */
int64_t identity_token_add(struct db *w, int64_t staff_id, const char *name, const unsigned char hash[32]);
int identity_token_get(struct db *db, const unsigned char hash[32], struct actor *a);

/* The id of the account with this username (enabled or not); 0 when none. */
int64_t identity_staff_id(struct db *db, const char *username);
/* 1 when the database answers. */
int identity_db_alive(struct db *db);
#endif
