/* auth: identity only. Argon2id password hashes, session tokens (256 random bits, stored
 * only as hashes) with idle and absolute timeouts, API tokens for machines, and
 * failed-login throttling per account and per address. */
#ifndef HEARTH_AUTH_H
#define HEARTH_AUTH_H
#include <stdint.h>
struct db;
struct actor;

#define AUTH_IDLE_SECONDS (30 * 60)
#define AUTH_ABSOLUTE_SECONDS (12 * 60 * 60)
#define AUTH_TOUCH_SECONDS 60          /* refresh last_seen at most this often */
#define AUTH_FAIL_WINDOW (15 * 60)
#define AUTH_FAIL_PER_ACCOUNT 5
#define AUTH_FAIL_PER_ADDRESS 20
#define AUTH_TOKEN_HEX 64              /* 32 random bytes as hex */
#define AUTH_MIN_PASSWORD 10
#define AUTH_MAX_PASSWORD 1000         /* characters */
#include <stddef.h>

/* Why a new password is refused (a field message, translated), or NULL when it is acceptable. */
const char *auth_password_problem(const char *password, char *msg, size_t len);

/* Argon2id, tens of milliseconds by design: call it on a worker (http_offload) or before a write
 * job, never on the writer thread or an event loop. */
int auth_password_hash(const char *password, char out[128]);   /* 0 ok */
int auth_password_verify(const char *hash, const char *password); /* 0 when it matches */

/* Look a user up for login (reader): fills the actor and the stored hash; -1 when unknown or disabled. */
int auth_find_user(struct db *db, const char *username, struct actor *a, char hash[128]);
int auth_throttled(struct db *db, const char *username, const char *addr); /* 1 when too many failures */
int auth_record_failure(struct db *w, const char *username, const char *addr);
void auth_clear_failures(struct db *w, const char *username);

/* Sessions (writer): a new token and its CSRF secret; only the token's hash is stored. */
int auth_session_create(struct db *w, int64_t staff_id, char token[AUTH_TOKEN_HEX + 1],
                        char csrf[AUTH_TOKEN_HEX + 1]);
/* Reader: 0 and the actor when valid; -1 when unknown, expired or the account is disabled.
 * *touch is set when last_seen should be refreshed. */
int auth_session_lookup(struct db *db, const char *token, struct actor *a, char csrf[AUTH_TOKEN_HEX + 1],
                        int *touch);
/* These three: 0, or -1 when the database refused. */
int auth_session_touch(struct db *w, const char *token);
int auth_session_destroy(struct db *w, const char *token);
int auth_sessions_destroy_staff(struct db *w, int64_t staff_id, const char *except_token);

/* API tokens: "hth_" + 64 hex; stored hashed. */
int auth_token_create(struct db *w, int64_t staff_id, const char *name, char token[AUTH_TOKEN_HEX + 5],
                      int64_t *id);
int auth_token_lookup(struct db *db, const char *token, struct actor *a);
#endif
