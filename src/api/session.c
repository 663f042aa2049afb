/* session: log in and out, change password, create staff accounts. Passwords are checked and
 * hashed (Argon2id) on a worker thread, never on a loop or the writer; sessions and accounts are
 * written by the writer like everything else. */
#include "api/api.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

struct login_state {
    char username[64];
    char password[201];
    char hash[128];
    int found, ok, held;
    int64_t nonce, retry_after;
    char addr[64]; /* whose place in the password-check queue */
    struct actor who;
    char token[AUTH_TOKEN_HEX + 1];
};

/* The attempt is counted before the password is checked (on the writer, one job at a time, so that
 * parallel attempts see each other): over the account's or the address's limit, no check at all. */
static int login_count(struct hreq *h)
{
    struct login_state *s = h->user;
    int rc = auth_attempt_begin(h->ctx.db, s->username, h->addr, &s->nonce, &s->retry_after);
    if (rc < 0)
        return ctx_fail(&h->ctx, ERR_DB, _("Logging in is not possible just now. Try again in a moment."));
    s->held = rc;
    return OK;
}

static int login_run(struct hreq *h)
{
    struct login_state *s = h->user;
    struct db *w = h->ctx.db;
    if (!s->ok) /* the attempt is already recorded as a failure */
        return OK;
    if (auth_attempt_succeeded(w, s->username, h->addr, s->nonce) != 0 ||
        auth_session_create(w, s->who.staff_id, s->token, h->csrf) != 0)
        return ERR_DB;
    return OK;
}

static void login_finish(struct hreq *h)
{
    struct login_state *s = h->user;
    if (h->rc == OK) {
        char cookie[256];
        int tls = h->req && h->req->scheme == &H2O_URL_SCHEME_HTTPS;
        snprintf(cookie, sizeof cookie, "hearth_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
                 s->token, AUTH_ABSOLUTE_SECONDS, tls ? "; Secure" : "");
        reply_set_cookie(h, cookie);
        h->actor = s->who;
        h->auth = 1;
        snprintf(h->token, sizeof h->token, "%s", s->token);
    }
}

static void login_after(struct hreq *h)
{
    struct login_state *s = h->user;
    if (h->rc == OK && !s->ok)
        h->rc = ERR_UNAUTH;
    login_finish(h);
    h->then(h);
}

static char dummy_hash[128];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void make_dummy(void)
{
    auth_password_hash("no such user: equal time", dummy_hash);
}

/* On a worker thread: Argon2id takes tens of milliseconds by design. The place in the password-check
 * queue is given back here, whether or not the request is still there to hear the answer. */
static void login_verify(struct hreq *h)
{
    struct login_state *s = h->user;
    if (s->found) {
        s->ok = auth_password_check(s->hash, s->password) == 0;
    } else {
        pthread_once(&dummy_once, make_dummy); /* the same work whether or not the user exists */
        auth_password_check(dummy_hash, s->password);
    }
    sodium_memzero(s->password, sizeof s->password);
    auth_check_leave(s->addr);
}
static void login_verified(struct hreq *h)
{
    http_write(h, login_run, login_after);
}

/* A full queue does not count against the account: this attempt's rows go again. */
static int login_uncount(struct hreq *h)
{
    struct login_state *s = h->user;
    auth_attempt_forget(h->ctx.db, s->username, h->addr, s->nonce);
    return OK;
}
static void login_busy(struct hreq *h)
{
    h->rc = ctx_fail(&h->ctx, ERR_BUSY, _("Too many logins are being checked just now. Try again in a moment."));
    reply_retry_after(h, 1);
    h->then(h);
}

static void login_counted(struct hreq *h)
{
    struct login_state *s = h->user;
    if (h->rc != OK) {
        sodium_memzero(s->password, sizeof s->password);
        h->then(h);
        return;
    }
    if (s->held) {
        sodium_memzero(s->password, sizeof s->password);
        h->rc = ctx_fail(&h->ctx, ERR_THROTTLED,
                         _("Too many failed attempts. Wait 15 minutes, or ask an administrator to reset your password."));
        reply_retry_after(h, s->retry_after);
        h->then(h);
        return;
    }
    int place = auth_check_enter(s->addr);
    if (place < 0) { /* this address already has its share of checks waiting: counted, refused */
        sodium_memzero(s->password, sizeof s->password);
        h->rc = ctx_fail(&h->ctx, ERR_THROTTLED, _("Too many logins from your address at once. Try again in a moment."));
        reply_retry_after(h, 1);
        h->then(h);
        return;
    }
    if (place == 0) {
        sodium_memzero(s->password, sizeof s->password);
        http_write(h, login_uncount, login_busy);
        return;
    }
    http_offload(h, login_verify, login_verified);
}

void session_login(struct hreq *h, const char *username, const char *password, void (*done)(struct hreq *h))
{
    if (!username || !*username || strlen(username) > 60)
        ctx_field(&h->ctx, "username", _("is required"));
    if (!password || !*password || strlen(password) > 200)
        ctx_field(&h->ctx, "password", _("is required"));
    if (h->ctx.errors) {
        h->rc = ERR_INVALID;
        done(h);
        return;
    }
    struct login_state *s = xcalloc(1, sizeof *s);
    h->user = s;
    h->then = done;
    snprintf(s->username, sizeof s->username, "%s", username);
    snprintf(s->password, sizeof s->password, "%s", password);
    snprintf(s->addr, sizeof s->addr, "%s", h->addr);
    s->found = auth_find_user(h->ctx.db, username, &s->who, s->hash) == 0;
    h->ctx.a = &s->who;
    http_write(h, login_count, login_counted);
}

static int logout_run(struct hreq *h)
{
    return auth_session_destroy(h->ctx.db, h->token) == 0 ? OK : ERR_DB;
}

void session_logout(struct hreq *h, void (*done)(struct hreq *h))
{
    reply_set_cookie(h, "hearth_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    if (h->auth != 1) {
        h->rc = OK;
        done(h);
        return;
    }
    http_write(h, logout_run, done);
}

/* Passwords are hashed (and the current one checked) on a worker: Argon2id takes tens of
 * milliseconds by design, and neither the writer (group commit waits on it) nor an event loop may
 * spend them. The write that follows gets the finished hash. */
struct pw_change {
    char hash[128];    /* the stored hash of the current password */
    char current[256];
    char next[256];
    int next_ok;       /* the new password passed the checks on the loop */
    int current_ok;
    char made[128];    /* the new hash */
};
static int pw_run(struct hreq *h)
{
    struct pw_change *p = h->user;
    int rc = staff_set_password(&h->ctx, h->actor.staff_id, p->made);
    if (rc == OK)
        auth_sessions_destroy_staff(h->ctx.db, h->actor.staff_id, h->auth == 1 ? h->token : NULL);
    return rc;
}
static void pw_work(struct hreq *h)
{
    struct pw_change *p = h->user;
    p->current_ok = p->hash[0] && auth_password_verify(p->hash, p->current) == 0;
    if (p->current_ok && p->next_ok && auth_password_hash(p->next, p->made) != 0)
        p->made[0] = 0;
    sodium_memzero(p->current, sizeof p->current);
    sodium_memzero(p->next, sizeof p->next);
}
static void pw_checked(struct hreq *h)
{
    struct pw_change *p = h->user;
    if (!p->current_ok)
        ctx_field(&h->ctx, "current_password", _("is not your current password"));
    if (h->ctx.errors) {
        h->rc = ERR_INVALID;
        h->then(h);
        return;
    }
    if (!p->made[0]) {
        h->rc = ctx_fail(&h->ctx, ERR_DB, _("The password could not be stored."));
        h->then(h);
        return;
    }
    http_write(h, pw_run, h->then);
}
void session_change_password(struct hreq *h, const char *current, const char *next, void (*done)(struct hreq *h))
{
    struct pw_change *p = xcalloc(1, sizeof *p);
    h->user = p;
    h->then = done;
    if (!current || !*current)
        ctx_field(&h->ctx, "current_password", _("is required"));
    if (!next || strlen(next) < AUTH_MIN_PASSWORD)
        ctx_field(&h->ctx, "new_password", _("must be at least 10 characters"));
    else if (strlen(next) > 200)
        ctx_field(&h->ctx, "new_password", _("must be at most 200 characters"));
    else
        p->next_ok = !json_object_get(h->ctx.errors, "confirm_password");
    if (!current || !*current) {
        h->rc = ERR_INVALID;
        done(h);
        return;
    }
    struct actor tmp;
    if (auth_find_user(h->ctx.db, h->actor.username, &tmp, p->hash) != 0)
        p->hash[0] = 0;
    snprintf(p->current, sizeof p->current, "%s", current);
    if (p->next_ok)
        snprintf(p->next, sizeof p->next, "%s", next);
    http_offload(h, pw_work, pw_checked);
}

/* Staff creation: the body's password is checked here, hashed on a worker, and the account is
 * written with the hash. A refused password still goes to core, which adds the other fields' errors. */
struct staff_new {
    char password[4 * AUTH_MAX_PASSWORD + 1];
    char made[128];
};
static int staff_new_run(struct hreq *h)
{
    struct staff_new *s = h->user;
    return staff_create(&h->ctx, h->body, s->made[0] ? s->made : NULL, &h->result);
}
static void staff_new_work(struct hreq *h)
{
    struct staff_new *s = h->user;
    if (auth_password_hash(s->password, s->made) != 0)
        s->made[0] = 0;
    sodium_memzero(s->password, sizeof s->password);
}
static void staff_new_hashed(struct hreq *h)
{
    struct staff_new *s = h->user;
    if (!s->made[0]) {
        h->rc = ctx_fail(&h->ctx, ERR_DB, _("The password could not be stored."));
        h->then(h);
        return;
    }
    http_write(h, staff_new_run, h->then);
}
void session_staff_create(struct hreq *h, void (*done)(struct hreq *h))
{
    struct staff_new *s = xcalloc(1, sizeof *s);
    h->user = s;
    h->then = done;
    json_t *v = json_object_get(h->body, "password");
    char m[96];
    const char *problem = v && !json_is_string(v) ? _("must be text") : auth_password_problem(json_string_value(v), m, sizeof m);
    if (problem) {
        ctx_field(&h->ctx, "password", problem);
        http_write(h, staff_new_run, done);
        return;
    }
    snprintf(s->password, sizeof s->password, "%s", json_string_value(v));
    http_offload(h, staff_new_work, staff_new_hashed);
}

/* A token is made with a session (a password was typed), never with another token: a leaked token
 * cannot make itself a successor that outlives its revocation. */
int session_token_run(struct hreq *h)
{
    const char *name = v_str(&h->ctx, h->body, "name", 1, 80, NULL);
    json_t *d = json_object_get(h->body, "expires_in_days");
    if (d && !json_is_null(d) && !json_is_integer(d)) /* a number, never "30" or 30.0 */
        ctx_field(&h->ctx, "expires_in_days", _("must be a whole number"));
    int64_t days = json_object_get(h->ctx.errors, "expires_in_days") ? 0 : v_int(&h->ctx, h->body, "expires_in_days", 0, AUTH_TOKEN_MIN_DAYS, AUTH_TOKEN_MAX_DAYS,
                         AUTH_TOKEN_DAYS);
    if (h->ctx.errors)
        return ctx_fail(&h->ctx, ERR_INVALID, _("Some fields need attention."));
    char tok[AUTH_TOKEN_HEX + 5], expires[32];
    int64_t id;
    if (auth_token_create(h->ctx.db, h->actor.staff_id, name, (int)days, tok, &id, expires) != 0)
        return ERR_DB;
    audit_log(&h->ctx, "token.create", "ok", 0, "api_token", id, NULL);
    json_t *row = NULL;
    if (token_list(&h->ctx, h->actor.staff_id, &(struct page){NULL, 1}, &row) != OK)
        return ERR_DB;
    h->result = json_incref(json_array_get(json_object_get(row, "items"), 0));
    json_decref(row);
    if (!h->result || json_integer_value(json_object_get(h->result, "id")) != id)
        return ctx_fail(&h->ctx, ERR_DB, _("The API token could not be saved."));
    json_object_set_new(h->result, "token", json_string(tok));
    sodium_memzero(tok, sizeof tok);
    return OK;
}
/* An administrator's password reset: the password given (checked like any new one) or one made
 * here (shown once, in the answer), hashed on a worker; then core sets it, marks that it must be
 * changed, and ends the user's sessions and API tokens. */
struct staff_reset {
    char password[4 * AUTH_MAX_PASSWORD + 1];
    char made[128];
    int generated;
};
static int staff_reset_run(struct hreq *h)
{
    struct staff_reset *s = h->user;
    int rc = staff_reset_password(&h->ctx, h->id[0], s->made);
    if (rc == OK) {
        h->result = json_pack("{s:I,s:b,s:b}", "id", (json_int_t)h->id[0], "must_change", 1, "sessions_ended", 1);
        if (s->generated)
            json_object_set_new(h->result, "temporary_password", json_string(s->password));
    }
    return rc;
}
static void staff_reset_work(struct hreq *h)
{
    struct staff_reset *s = h->user;
    if (auth_password_hash(s->password, s->made) != 0)
        s->made[0] = 0;
    if (!s->generated)
        sodium_memzero(s->password, sizeof s->password);
}
static void staff_reset_finish(struct hreq *h)
{
    struct staff_reset *s = h->user;
    sodium_memzero(s->password, sizeof s->password);
    h->then(h);
}
static void staff_reset_hashed(struct hreq *h)
{
    struct staff_reset *s = h->user;
    if (!s->made[0]) {
        h->rc = ctx_fail(&h->ctx, ERR_DB, _("The password could not be stored."));
        staff_reset_finish(h);
        return;
    }
    http_write(h, staff_reset_run, staff_reset_finish);
}
void session_make_password(char *out, size_t len)
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789"; /* no 0/o, 1/l/i */
    size_t n = 0;
    for (int i = 0; i < 16 && n + 2 < len; i++) {
        if (i && i % 4 == 0)
            out[n++] = '-';
        out[n++] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    }
    out[n] = 0;
}
void session_staff_reset(struct hreq *h, void (*done)(struct hreq *h))
{
    struct staff_reset *s = xcalloc(1, sizeof *s);
    h->user = s;
    h->then = done;
    if (!access_may(&h->ctx, RES_STAFF, ACT_ADMINISTER, 0)) { /* core refuses it and records the refusal */
        http_write(h, staff_reset_run, done);
        return;
    }
    json_t *v = json_object_get(h->body, "password");
    if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v))) {
        session_make_password(s->password, sizeof s->password);
        s->generated = 1;
    } else {
        char m[96];
        const char *problem = !json_is_string(v) ? _("must be text") : auth_password_problem(json_string_value(v), m, sizeof m);
        if (problem) {
            h->rc = ctx_fail(&h->ctx, ctx_field(&h->ctx, "password", problem), _("Some fields need attention."));
            done(h);
            return;
        }
        snprintf(s->password, sizeof s->password, "%s", json_string_value(v));
    }
    http_offload(h, staff_reset_work, staff_reset_hashed);
}
