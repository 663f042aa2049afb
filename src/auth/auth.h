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
/* A login attempt is counted before its password is checked (writer; one job, so parallel attempts
 * see each other): 0 and the attempt recorded as a failure under the account and the address (its
 * nonce in *nonce); AUTH_HELD_ACCOUNT or AUTH_HELD_ADDRESS when either already has its limit of
 * failures in the window, with the seconds until one is forgotten in *retry_after; -1: the database. */
enum { AUTH_HELD_ACCOUNT = 1, AUTH_HELD_ADDRESS = 2 };
int auth_attempt_begin(struct db *w, const char *username, const char *addr, int64_t *nonce, int64_t *retry_after);
/* The password was right: the account's failures go, and this attempt's row under the address. */
int auth_attempt_succeeded(struct db *w, const char *username, const char *addr, int64_t nonce);
/* The attempt was never checked (the queue was full): its rows go, it counts against no one. */
int auth_attempt_forget(struct db *w, const char *username, const char *addr, int64_t nonce);

/* The password-check queue (this process): at most AUTH_CHECK_QUEUE checks wait for or run on the
 * worker pool at once, and at most AUTH_CHECK_PER_ADDRESS of them for one address (a burst from one
 * machine leaves room for everyone else). auth_check_enter: 1 and a place; -1 when the address
 * already holds its share (answer 429, the attempt counted); 0 when the queue is full (answer 503
 * with Retry-After, the attempt forgotten). Each place is given back with auth_check_leave. */
#define AUTH_CHECK_QUEUE 8
#define AUTH_CHECK_PER_ADDRESS 2
void auth_check_queue_set(int n); /* 0: the default */
int auth_check_enter(const char *addr);
void auth_check_leave(const char *addr);
int auth_password_check(const char *hash, const char *password); /* auth_password_verify, counted */
struct auth_check_stats {
    uint64_t total, refused; /* passwords checked; attempts refused a place (queue or address full) */
    int queued, max;
};
void auth_check_stats(struct auth_check_stats *s);

/* Sessions (writer): a new token and its CSRF secret; only the token's hash is stored. */
int auth_session_create(struct db *w, int64_t staff_id, char token[AUTH_TOKEN_HEX + 1],
                        char csrf[AUTH_TOKEN_HEX + 1]);
/* Reader: 0 and the actor when valid; -1 when unknown, expired or the account is disabled.
 * *touch is set when last_seen should be refreshed. */
int auth_session_lookup(struct db *db, const char *token, struct actor *a, char csrf[AUTH_TOKEN_HEX + 1],
                        int *touch);
/* These three: 0, or -1 when the database refused. */
int auth_session_touch(struct db *w, const char *token);
/* Reader: whose session the token was, even when it has expired (the row still there), when csrf is
 * that session's CSRF secret (the form came from that session's pages); 0 otherwise. */
int64_t auth_session_owner(struct db *db, const char *token, const char *csrf);
int auth_session_destroy(struct db *w, const char *token);
int auth_sessions_destroy_staff(struct db *w, int64_t staff_id, const char *except_token);

/* API tokens: "hth_" + 64 hex; stored hashed (BLAKE2b), never in clear. A token lives `days`
 * (AUTH_TOKEN_MIN_DAYS..AUTH_TOKEN_MAX_DAYS; the API's default AUTH_TOKEN_DAYS); its end in expires_at.
 * Lookup (reader): 0, the actor and the token's id of a token neither revoked nor expired of an
 * enabled account; *touch when its last use should be written (auth_token_touch, on the writer).
 * epoch: the access epoch the request reads under (access_epoch_of; -1: none): with one, the
 * thread keeps what it found and answers from it while the epoch stays and the token has not
 * expired (a revocation, a disabled account, a changed role moves the epoch, migration 031). */
#define AUTH_TOKEN_DAYS 90
#define AUTH_TOKEN_MIN_DAYS 1
#define AUTH_TOKEN_MAX_DAYS 365
int auth_token_create(struct db *w, int64_t staff_id, const char *name, int days, char token[AUTH_TOKEN_HEX + 5],
                      int64_t *id, char expires_at[32]);
int auth_token_lookup(struct db *db, const char *token, int64_t epoch, struct actor *a, int64_t *id, int *touch);
int auth_token_touch(struct db *w, int64_t id);
#endif
