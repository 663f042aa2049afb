/* http: the h2o glue. Threads and listeners, the one route table, request state, limits,
 * cookies and forms, replies (JSON, problem+json, HTML, redirects), metrics and the access log.
 * A handler runs on its loop thread and must end in exactly one reply, now or after a write. */
#ifndef HEARTH_HTTP_H
#define HEARTH_HTTP_H
#include "auth/auth.h"
#include "base/base.h"
#include "core/core.h"
#include "core/resource.h"
#include "db/writer.h"
#include <h2o.h>
#include <jansson.h>

struct hreq;
typedef void (*handler_fn)(struct hreq *h);

enum {
    RF_PUBLIC = 1,       /* no login needed */
    RF_API = 2,          /* JSON replies */
    RF_PASSWORD_DUE = 4, /* open to a user who must choose a new password first (actor.must_change) */
};

/* What a route answers, for the API document (openapi.c). */
enum route_reply {
    RR_UNDOC = 0, /* not in the API document: pages, /metrics */
    RR_ONE,       /* one record (of res, or an object of its own when res is 0) */
    RR_LIST,      /* the list envelope {items: [record...], next}, paged with ?after=&limit= */
    RR_NOTHING,   /* a status and no record worth describing ({logged_out: true} and the like) */
    RR_CSV,       /* a text/csv download (UTF-8 with a byte-order mark, a header line first) */
};
#define LIMIT_KEY 64 /* characters of a {key} path parameter: [A-Za-z0-9._-] */

struct route {
    const char *method;
    /* "/api/v1/clients/{id}/contacts": a parameter is a whole segment, {id} a positive integer
     * (h->id[0], h->id[1]... in order), {key} a string of 1..LIMIT_KEY of [A-Za-z0-9._-] (h->key[0]...). */
    const char *pattern;
    handler_fn fn;
    unsigned roles;      /* ROLE_BIT mask allowed; ROLES_ANY for every logged-in user */
    unsigned flags;
    /* The API document (GET /api/v1/openapi.json), for RF_API routes; pages leave these out. */
    const char *summary;
    enum route_reply reply;
    int res;                        /* ROUTE_RES(RES_...): the resource answered; 0: none */
    /* The access-table cell the route asks for (test_access_matrix reads it): ROUTE_ACT(ACT_...) on
     * .gate, or on .res when .gate is 0; act 0: none. */
    int act;
    int gate;                       /* ROUTE_RES(RES_...), for a route answering an object of its own */
    int brief;                      /* answers the resource's shorter shape (struct resource.summary) */
    int status;                     /* the status of success; 0: 200 */
    /* The request body's fields ({NULL}-terminated; nullable: optional); NULL: none, or free-form. */
    const struct res_field *body;
    /* The query parameters the route reads ({NULL}-terminated), beyond a list's after and limit: the
     * document describes them, and qstr() on an API route refuses a name not here (test builds stop). */
    const struct res_field *query;
};
#define ROUTE_RES(r) ((r) + 1)
#define ROUTE_ACT(a) ((a) + 1)
/* The document's part of an API route line, with the access cell the route asks for:
 * DOC(RR_LIST, RES_CONTACT, ACT_LIST, "A client's contacts") */
#define DOC(reply_, res_, act_, summary_)                                                                   \
    .summary = (summary_), .reply = (reply_), .res = ROUTE_RES(res_), .act = ROUTE_ACT(act_)
#define DOC0(reply_, summary_) .summary = (summary_), .reply = (reply_)
/* A DOC0 route's access cell: DOC0(RR_ONE, "..."), GATE(RES_CRISIS, ACT_READ) */
#define GATE(res_, act_) .gate = ROUTE_RES(res_), .act = ROUTE_ACT(act_)

struct loop; /* per-thread state (server.c) */

struct hreq {
    h2o_req_t *req; /* NULL once the connection is gone */
    struct loop *loop;
    const struct route *route;
    int route_index;
    int64_t *id;  /* the {id} parameters in order (at least one slot, 0 when the route has none) */
    char **key;   /* the {key} parameters in order, NUL-terminated */
    int nid, nkey;
    json_t *query; /* query string as an object of strings */
    json_t *body;  /* JSON body, or form fields as strings (repeated fields as arrays) */
    int is_api;
    int auth; /* 0 none, 1 cookie session, 2 API token */
    struct actor actor;
    char token[AUTH_TOKEN_HEX + 5];
    char csrf[AUTH_TOKEN_HEX + 1];
    struct ctx ctx;
    char request_id[20];
    char lang[8]; /* the request's language (i18n_choose); every thread working for it uses it */
    char addr[64];
    double started;
    int64_t if_match; /* -1 when absent */
    const void *page_form; /* the form being posted (ui/form.c) */
    json_t *draft;    /* a page's form draft kept across a session end ({action, fields}), or NULL */

    /* A deferred write or audit flush. */
    struct wjob job;
    int pending;
    int (*wrun)(struct hreq *h);
    void (*wdone)(struct hreq *h);
    int rc;
    json_t *result;
    void (*offload_work)(struct hreq *h); /* runs on a worker thread (http_offload) */
    void (*offload_done)(struct hreq *h);
    struct hreq *offload_next;
    void (*then)(struct hreq *h); /* a shared flow's continuation (login, logout) */
    void *user; /* handler scratch, freed with the request */
    char scratch[256];

    /* The response, kept until the audit of the request is committed. */
    int status;
    const char *ctype;
    struct buf out;
    char *location;
    char *set_cookie;
    int no_store;
    h2o_multithread_message_t msg;
};

/* Routes: each api/ and ui/ file registers its table ({0}-terminated) where it defines it, with
 * HTTP_ROUTES(table, "key"); routes.c joins them in the order of their keys (strcmp; two tables with
 * one key stop the server), so adding a table edits no list. Keys today: "api-1-account" ...
 * "api-9-openapi", "ui-1-pages" ... "ui-5-crisis". */
struct route_table {
    const char *key;
    const struct route *routes;
};
#define HTTP_ROUTES(tbl, k)                                                                                  \
    static const struct route_table tbl##_registered = {k, tbl};                                             \
    static const struct route_table *const tbl##_entry __attribute__((section("hearth_routes"), used)) = \
        &tbl##_registered
/* The joined table, checked once (http_routes_check): the routes in order, *n of them. */
const struct route **http_routes(int *n);
/* Join and check tables ({0}-terminated each, the list NULL-terminated): every method known, every
 * pattern well formed, no two routes for one method and path. 0 and the table in *out (malloc'd),
 * or -1 with the first problem in err. */
int http_routes_join(const struct route *const *tables, const struct route ***out, int *n, char *err, size_t len);
/* The one table checked: 0, or -1 with the problem in err (the server refuses to start). */
int http_routes_check(char *err, size_t len);
/* The route of a request in the one table: its index; -2 when the path is there for other methods
 * only (their names, ", "-separated, added to allow: the Allow header of a 405); -1 when it is not
 * there. HEAD finds GET. */
int http_route_find(const char *method, size_t mlen, const char *path, size_t plen, struct buf *allow);
/* The same over any checked table (tests): built once, read by any number of threads. */
struct route_index;
struct route_index *route_index_new(const struct route *const *routes, int n);
int route_index_find(const struct route_index *x, const char *method, size_t mlen, const char *path, size_t plen,
                     struct buf *allow);
void route_index_free(struct route_index *x);
/* Match a path against a pattern: 1 on a match, the {id} values in ids and the {key} segments (start,
 * length) in keys, up to the route's own count (http_pattern_params); NULL arrays just match. */
int http_pattern_match(const char *pattern, const char *path, size_t plen, int64_t *ids, const char **keys,
                       size_t *keylens);
void http_pattern_params(const char *pattern, int *nid, int *nkey);

/* Serve until SIGTERM/SIGINT, then drain. */
struct serve_opts {
    const char *db_url;
    const char *listen; /* host:port */
    int threads;
    const char *tls_cert, *tls_key;
    const char *synchronous;
    const char *static_dir;
    int max_batch; /* group commit size; 1 disables */
    const char *instruments_dir, *instruments_extra; /* definitions; an organisation's own (may be NULL) */
    const char *eligibility_dir, *eligibility_extra; /* programmes' rule files; an organisation's own (NULL: none) */
    const char *caseload_weights; /* the caseload weights file (NULL: none, caseloads unweighted) */
    const char *housing_rules;    /* the housing priority rules (NULL: none, waiting lists by time and hand only) */
    const char *care_services;    /* the care services file (NULL: none, care services off) */
    const char *indicators;       /* the evaluation's indicator dictionary (NULL: none, no evaluation) */
    int small_cell;               /* the evaluation's small-cell threshold (EVAL_SMALL_CELL unless told) */
    const char *audit_key; /* the audit key file; NULL: the default place (audit_key_file) */
    int audit_head_log;    /* seconds between writes of the audit head to syslog; 0: off */
    int sweep_seconds;     /* seconds between runs of the time rules (core/sweep.c); 0: off */
};
int http_serve(const struct serve_opts *o);

/* ---- replies (reply.c) ---- */
/* The page a browser gets for an error: ui/ registers its renderer at start (http/ knows no pages);
 * it fills h->out. Until one is registered, a plain page. */
typedef void (*http_error_page_fn)(struct hreq *h, int status, const char *title, const char *detail);
void http_set_error_page(http_error_page_fn fn);
void reply_json(struct hreq *h, int status, json_t *body); /* steals body */
/* problem+json for the API, an error page for the UI. detail may be NULL. */
void reply_problem(struct hreq *h, int status, const char *title, const char *detail, json_t *extra);
/* A Retry-After header (seconds, at least 1) on the reply to come (429, 503). */
void reply_retry_after(struct hreq *h, int64_t seconds);
/* Map a core return code (and ctx errors) to a reply. */
void reply_core_error(struct hreq *h, int rc);
void reply_html(struct hreq *h, int status, struct buf *page); /* takes the buffer */
void reply_body(struct hreq *h, int status, const char *ctype, struct buf *page); /* ctype: a literal */
void reply_redirect(struct hreq *h, const char *location);
/* A file to save (Content-Disposition: attachment; filename: [A-Za-z0-9._-]): ctype a literal. */
void reply_download(struct hreq *h, const char *ctype, const char *filename, struct buf *body);
void reply_set_cookie(struct hreq *h, const char *cookie);
/* Run wrun on the writer (h->ctx.db is the write connection), then wdone on the loop thread
 * once committed. A failed commit answers 503. */
void http_write(struct hreq *h, int (*wrun)(struct hreq *), void (*wdone)(struct hreq *));
/* Run slow work that touches no database (password hashing) on a worker thread, then done on
 * the loop thread, so one slow request never stalls the others on its loop. */
void http_offload(struct hreq *h, void (*work)(struct hreq *), void (*done)(struct hreq *));
/* Reply JSON for a core result: rc OK -> status with h->result (stolen), else the error. */
void reply_result(struct hreq *h, int rc, int status);

/* ---- request helpers (form.c) ---- */
const char *req_header(struct hreq *h, const char *name);
const char *req_cookie(struct hreq *h, const char *name, char *out, size_t len);
const char *qstr(struct hreq *h, const char *name); /* query parameter or NULL */
const char *fstr(struct hreq *h, const char *name); /* body field as a string or NULL */
json_t *form_parse(const char *s, size_t len);        /* application/x-www-form-urlencoded */
int json_depth_ok(const char *s, size_t len, int max);
void url_encode(struct buf *b, const char *s);

/* ---- metrics (metrics.c) ---- */
void metrics_init(int nroutes);
void metrics_observe(int route_index, int status, double seconds);
void metrics_render(struct buf *b, const struct route *const *routes, int nroutes);
#endif
