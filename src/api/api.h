/* api: JSON handlers under /api/v1, thin: parse -> core -> reply. Shared with ui/: the login
 * flow (identity lives in auth/, the session cookie is set here). */
#ifndef HEARTH_API_H
#define HEARTH_API_H
#include "http/http.h"

/* Result of a login attempt, in h->rc: OK, ERR_UNAUTH, ERR_THROTTLED, ERR_INVALID. On OK the
 * session cookie is set on the reply and h->csrf holds the new CSRF token. */
void session_login(struct hreq *h, const char *username, const char *password, void (*done)(struct hreq *h));
void session_logout(struct hreq *h, void (*done)(struct hreq *h));
/* Change one's own password (current one checked); other sessions end. */
void session_change_password(struct hreq *h, const char *current, const char *next, void (*done)(struct hreq *h));

/* Create a staff account from the body (core's staff_create fields and "password"): the password
 * is checked, hashed on a worker, and the account written with the hash. h->rc and h->result as
 * after http_write. */
void session_staff_create(struct hreq *h, void (*done)(struct hreq *h));

/* An administrator resets staff member h->id[0]'s password: the body's "password", or one made and
 * answered once as "temporary_password". h->rc and h->result as after http_write. */
void session_staff_reset(struct hreq *h, void (*done)(struct hreq *h));
/* A readable temporary password (16 letters and digits in groups of four), for a reset. */
void session_make_password(char *out, size_t len);

/* On the writer: make an API token for the actor from the body {name, expires_in_days (an integer,
 * 1..365; 90 when absent)}; h->result the token's row and, this once, "token". The caller refuses a
 * request authenticated by a token first (a token never makes tokens). */
int session_token_run(struct hreq *h);

/* Handlers reused by the route table. */
void api_healthz(struct hreq *h);
void api_metrics(struct hreq *h);
/* The OpenAPI document (made once, kept): the text and its length. */
const char *api_openapi(size_t *len);
#endif
