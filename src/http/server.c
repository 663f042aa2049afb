/* server: h2o event loops (one per thread, each on its own SO_REUSEPORT socket), the writer,
 * request set-up (limits, routing, body, identity, CSRF) and graceful drain on SIGTERM. */
#include "db/db.h"
#include "db/migrate.h"
#include "core/caseload.h"
#include "core/indicator.h"
#include "core/housing.h"
#include "core/care.h"
#include "core/eligibility.h"
#include "core/instrument.h"
#include "http/http.h"
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct loop {
    int index;
    pthread_t tid;
    h2o_evloop_t *evloop;
    h2o_context_t ctx;
    h2o_accept_ctx_t accept_ctx;
    h2o_socket_t *listener;
    int fd;
    struct db *rdb;
    h2o_multithread_queue_t *queue;
    h2o_multithread_receiver_t receiver;
    int inflight;
};

static h2o_globalconf_t config;
static volatile sig_atomic_t stopping;
static const struct route **routes;
static int nroutes;
static const struct serve_opts *opts;

/* ---------- routing ---------- */

/* The matched route's parameters into the request: h->id (never NULL) and h->key. */
static void route_params(struct hreq *h, const char *path, size_t plen)
{
    http_pattern_params(h->route->pattern, &h->nid, &h->nkey);
    h->id = xcalloc((size_t)h->nid + 1, sizeof *h->id);
    h->key = xcalloc((size_t)h->nkey + 1, sizeof *h->key);
    const char **ks = xcalloc((size_t)h->nkey + 1, sizeof *ks);
    size_t *kl = xcalloc((size_t)h->nkey + 1, sizeof *kl);
    http_pattern_match(h->route->pattern, path, plen, h->id, ks, kl);
    for (int i = 0; i < h->nkey; i++)
        h->key[i] = xstrndup(ks[i], kl[i]);
    free(ks);
    free(kl);
}

/* ---------- request lifetime ---------- */

static void hreq_free(struct hreq *h)
{
    json_decref(h->query);
    json_decref(h->body);
    json_decref(h->draft);
    for (int i = 0; h->key && i < h->nkey; i++)
        free(h->key[i]);
    free(h->key);
    free(h->id);
    json_decref(h->result);
    free(h->user);
    ctx_clear(&h->ctx);
    buf_free(&h->out);
    free(h->location);
    free(h->set_cookie);
    free(h);
}

struct hreq_link {
    struct hreq *h;
};
static void on_req_dispose(void *p)
{
    struct hreq *h = ((struct hreq_link *)p)->h;
    if (h->loop && h->status == 0)
        h->loop->inflight--; /* the connection went away before we answered */
    h->req = NULL;
    if (!h->pending)
        hreq_free(h);
}

void http_request_answered(struct hreq *h); /* reply.c calls this once the response is sent */
void http_request_answered(struct hreq *h)
{
    h->loop->inflight--;
}

/* The writer hands a job back: continue on the loop thread that owns the request. */
static void job_notify(struct wjob *j)
{
    struct hreq *h = (struct hreq *)((char *)j - offsetof(struct hreq, job));
    h2o_multithread_send_message(&h->loop->receiver, &h->msg);
}

void http_job_done(struct hreq *h); /* reply.c */
static void on_messages(h2o_multithread_receiver_t *r, h2o_linklist_t *messages)
{
    (void)r;
    while (!h2o_linklist_is_empty(messages)) {
        h2o_multithread_message_t *m = H2O_STRUCT_FROM_MEMBER(h2o_multithread_message_t, link, messages->next);
        h2o_linklist_unlink(&m->link);
        struct hreq *h = H2O_STRUCT_FROM_MEMBER(struct hreq, msg, m);
        h->pending = 0;
        i18n_use(h->lang); /* the loop serves other requests in between */
        if (!h->req) {
            hreq_free(h);
            continue;
        }
        if (h->offload_done) {
            void (*fn)(struct hreq *) = h->offload_done;
            h->offload_done = NULL;
            fn(h);
            continue;
        }
        http_job_done(h);
    }
}

void http_submit(struct hreq *h, int (*run)(struct wjob *, struct db *), void (*after)(struct wjob *, struct db *, int),
                 int plain);
void http_submit(struct hreq *h, int (*run)(struct wjob *, struct db *), void (*after)(struct wjob *, struct db *, int),
                 int plain)
{
    memset(&h->job, 0, sizeof h->job);
    h->job.run = run;
    h->job.after = after;
    h->job.plain = plain;
    h->job.notify = job_notify;
    h->pending = 1;
    writer_submit(&h->job);
}

/* The worker pool for slow work without a database (http_offload). */
#define POOL_THREADS 2
static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct hreq *head, *tail;
    int stop;
    pthread_t tid[POOL_THREADS];
} P = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

static void *pool_main(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&P.mu);
        while (!P.head && !P.stop)
            pthread_cond_wait(&P.cv, &P.mu);
        struct hreq *h = P.head;
        if (!h) {
            pthread_mutex_unlock(&P.mu);
            return NULL;
        }
        P.head = h->offload_next;
        if (!P.head)
            P.tail = NULL;
        pthread_mutex_unlock(&P.mu);
        i18n_use(h->lang);
        h->offload_work(h);
        h2o_multithread_send_message(&h->loop->receiver, &h->msg);
    }
}

void http_offload(struct hreq *h, void (*work)(struct hreq *), void (*done)(struct hreq *))
{
    h->offload_work = work;
    h->offload_done = done;
    h->offload_next = NULL;
    h->pending = 1;
    pthread_mutex_lock(&P.mu);
    if (P.tail)
        P.tail->offload_next = h;
    else
        P.head = h;
    P.tail = h;
    pthread_cond_signal(&P.cv);
    pthread_mutex_unlock(&P.mu);
}

/* Session refresh: fire and forget. */
struct touch_job {
    struct wjob job;
    char token[AUTH_TOKEN_HEX + 1];
    int64_t token_id; /* an API token's last use */
};
static int touch_run(struct wjob *j, struct db *w)
{
    return auth_session_touch(w, ((struct touch_job *)j)->token);
}
static int token_touch_run(struct wjob *j, struct db *w)
{
    return auth_token_touch(w, ((struct touch_job *)j)->token_id);
}
static void touch_notify(struct wjob *j)
{
    free(j);
}

/* ---------- the one application handler ---------- */

static void peer_addr(h2o_req_t *req, char *out, size_t len)
{
    struct sockaddr_storage ss;
    socklen_t sl = req->conn->callbacks->get_peername(req->conn, (struct sockaddr *)&ss);
    out[0] = 0;
    if (sl && ss.ss_family == AF_INET)
        inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, out, (socklen_t)len);
    else if (sl && ss.ss_family == AF_INET6)
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, out, (socklen_t)len);
    if (!out[0])
        snprintf(out, len, "unknown");
}

static int is_unsafe(h2o_req_t *req)
{
    return !h2o_memis(req->method.base, req->method.len, H2O_STRLIT("GET")) &&
           !h2o_memis(req->method.base, req->method.len, H2O_STRLIT("HEAD"));
}

/* 0, or -1 when credentials came but the database could not be asked about them: that is a
 * 503 to retry, not a 401 that sends the user back to the login page. */
static int authenticate(struct hreq *h)
{
    const char *authz = req_header(h, "authorization");
    if (authz && strncasecmp(authz, "Bearer ", 7) == 0) {
        int64_t id;
        int touch = 0;
        if (auth_token_lookup(h->loop->rdb, authz + 7, access_epoch_of(&h->ctx), &h->actor, &id, &touch) == 0) {
            h->auth = 2;
            if (touch) { /* the token's last use, at most once a minute */
                struct touch_job *t = xcalloc(1, sizeof *t);
                t->job.run = token_touch_run;
                t->job.notify = touch_notify;
                t->token_id = id;
                writer_submit(&t->job);
            }
        }
        return h->auth || !db_unavailable() ? 0 : -1;
    }
    char tok[AUTH_TOKEN_HEX + 2];
    int touch = 0;
    if (!req_cookie(h, "hearth_session", tok, sizeof tok))
        return 0;
    if (auth_session_lookup(h->loop->rdb, tok, &h->actor, h->csrf, &touch) == 0) {
        h->auth = 1;
        snprintf(h->token, sizeof h->token, "%.64s", tok);
        if (touch) {
            struct touch_job *t = xcalloc(1, sizeof *t);
            t->job.run = touch_run;
            t->job.notify = touch_notify;
            snprintf(t->token, sizeof t->token, "%.64s", tok);
            writer_submit(&t->job);
        }
    }
    return h->auth || !db_unavailable() ? 0 : -1;
}

static int csrf_ok(struct hreq *h)
{
    const char *given = req_header(h, "x-csrf-token");
    if (!given)
        given = fstr(h, "_csrf");
    return given && strlen(given) == strlen(h->csrf) && sodium_memcmp(given, h->csrf, strlen(h->csrf)) == 0;
}

/* ---- drafts: a form posted after the session ended is kept for its user (core/draft.c) ---- */

/* The path of a request (no query) into out. */
static void req_path(struct hreq *h, char *out, size_t len)
{
    size_t n = h->req->query_at != SIZE_MAX ? h->req->query_at : h->req->path.len;
    snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1), h->req->path.base);
}

/* The page a form came from: its _page field (what the form engine writes), when a local path. */
static const char *draft_page(struct hreq *h)
{
    const char *p = fstr(h, "_page");
    if (!p || p[0] != '/' || p[1] == '/' || strlen(p) > 400 || strpbrk(p, "\\?#\r\n"))
        return NULL;
    return p;
}

static int draft_keep_run(struct hreq *h)
{
    char action[512];
    req_path(h, action, sizeof action);
    json_t *fields = json_object();
    const char *k;
    json_t *v;
    json_object_foreach(h->body, k, v) if (k[0] != '_' && !strstr(k, "password")) json_object_set(fields, k, v);
    int rc = draft_keep(h->ctx.db, h->actor.staff_id, draft_page(h), action, fields);
    json_decref(fields);
    return rc;
}

static void draft_keep_done(struct hreq *h)
{
    struct buf loc;
    buf_init(&loc);
    buf_adds(&loc, h->rc == OK ? "/login?msg=draft-kept&next=" : "/login?msg=draft-lost&next=");
    struct buf next;
    buf_init(&next);
    buf_printf(&next, "%s%s", draft_page(h), h->rc == OK ? "?msg=draft" : "");
    url_encode(&loc, next.data);
    reply_redirect(h, loc.data);
    buf_free(&next);
    buf_free(&loc);
}

/* A form posted without a live session: when the session's row is still there (it expired) and the
 * form carries its CSRF secret, keep what was typed for that user; either way, to the login page,
 * then back to the form. */
static void draft_keep_start(struct hreq *h)
{
    char tok[AUTH_TOKEN_HEX + 2];
    int64_t who = 0;
    if (req_cookie(h, "hearth_session", tok, sizeof tok))
        who = auth_session_owner(h->loop->rdb, tok, fstr(h, "_csrf"));
    if (!who) {
        h->rc = ERR_NOTFOUND;
        draft_keep_done(h);
        return;
    }
    h->actor.staff_id = who;
    http_write(h, draft_keep_run, draft_keep_done);
}

static int draft_take_run(struct hreq *h)
{
    char page[512];
    req_path(h, page, sizeof page);
    h->draft = draft_take(h->ctx.db, h->actor.staff_id, page);
    return OK;
}

static void draft_take_done(struct hreq *h)
{
    h->rc = OK;
    h->route->fn(h);
}

static int on_req(h2o_handler_t *self, h2o_req_t *req)
{
    struct loop *L = H2O_STRUCT_FROM_MEMBER(struct loop, ctx, req->conn->ctx);
    (void)self;
    struct hreq *h = xcalloc(1, sizeof *h);
    h->req = req;
    h->loop = L;
    h->started = now_mono();
    h->if_match = -1;
    h->route_index = -1;
    buf_init(&h->out);
    request_id_hex(h->request_id);
    peer_addr(req, h->addr, sizeof h->addr);
    struct hreq_link *link = h2o_mem_alloc_shared(&req->pool, sizeof *link, on_req_dispose);
    link->h = h;
    L->inflight++;

    /* The language, first from the request alone (errors before login), again once the user is known. */
    snprintf(h->lang, sizeof h->lang, "%s", i18n_choose(NULL, req_header(h, "accept-language")));
    i18n_use(h->lang);
    h2o_iovec_t path = req->path_normalized;
    h->is_api = path.len >= 4 && memcmp(path.base, "/api", 4) == 0;
    ctx_init(&h->ctx, &h->actor, L->rdb);
    h->ctx.epoch = 0; /* a request on a loop thread: keeps access facts and tokens (core/access.c) */
    h->ctx.request_id = h->request_id;
    h->ctx.addr = h->addr;

    size_t hbytes = 0;
    for (size_t i = 0; i < req->headers.size; i++)
        hbytes += req->headers.entries[i].name->len + req->headers.entries[i].value.len + 4;
    if (hbytes > LIMIT_HEADERS) {
        reply_problem(h, 431, N_("Request header fields too large"), N_("The request headers exceed 16 KiB."), NULL);
        return 0;
    }
    struct buf allow;
    buf_init(&allow);
    int ri = http_route_find(req->method.base, req->method.len, path.base, path.len, &allow);
    if (ri < 0) {
        /* A page that is not there keeps the page frame: the navigation of who is logged in. */
        if (!h->is_api && authenticate(h) == 0 && h->auth) {
            snprintf(h->lang, sizeof h->lang, "%s", i18n_choose(h->actor.lang, req_header(h, "accept-language")));
            i18n_use(h->lang);
        }
        if (ri == -2) {
            h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_ALLOW, NULL, allow.data, allow.len);
            reply_problem(h, 405, N_("Method not allowed"), NULL, NULL);
        } else {
            reply_problem(h, 404, N_("Not found"), N_("There is nothing at this address."), NULL);
        }
        buf_free(&allow);
        return 0;
    }
    buf_free(&allow);
    h->route = routes[ri];
    h->route_index = ri;
    route_params(h, path.base, path.len);
    if (h->route->flags & RF_API)
        h->is_api = 1;

    if (req->query_at != SIZE_MAX)
        h->query = form_parse(req->path.base + req->query_at + 1, req->path.len - req->query_at - 1);
    else
        h->query = json_object();
    if (!h->query) {
        reply_problem(h, 400, N_("Bad request"), N_("The query string is not valid."), NULL);
        return 0;
    }
    if (req->entity.base && req->entity.len > 0) {
        const char *ct = req_header(h, "content-type");
        if (ct && strncasecmp(ct, "application/json", 16) == 0) {
            json_error_t jerr;
            if (!json_depth_ok(req->entity.base, req->entity.len, LIMIT_JSON_DEPTH)) {
                reply_problem(h, 400, N_("Bad request"), N_("The JSON body is nested too deeply."), NULL);
                return 0;
            }
            h->body = json_loadb(req->entity.base, req->entity.len, JSON_REJECT_DUPLICATES, &jerr);
            if (!h->body || !json_is_object(h->body)) {
                snprintf(h->scratch, sizeof h->scratch, _("The body is not a JSON object: %s (line %d)."),
                         h->body ? "not an object" : jerr.text, jerr.line);
                reply_problem(h, 400, N_("Bad request"), h->scratch, NULL);
                return 0;
            }
        } else if (ct && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
            h->body = form_parse(req->entity.base, req->entity.len);
            if (!h->body) {
                reply_problem(h, 400, N_("Bad request"), N_("The form data is not valid."), NULL);
                return 0;
            }
        } else {
            reply_problem(h, 415, N_("Unsupported media type"), N_("Send application/json or a form."), NULL);
            return 0;
        }
    }
    if (!h->body)
        h->body = json_object();

    int auth_rc = authenticate(h);
    if (h->auth) {
        snprintf(h->lang, sizeof h->lang, "%s", i18n_choose(h->actor.lang, req_header(h, "accept-language")));
        i18n_use(h->lang);
    }
    if (!(h->route->flags & RF_PUBLIC)) {
        if (auth_rc != 0) {
            reply_problem(h, 503, N_("Service unavailable"),
                          N_("The database cannot be reached just now. Nothing was changed; try again in a moment."),
                          NULL);
            return 0;
        }
        if (!h->auth) {
            if (h->is_api) {
                reply_problem(h, 401, N_("Not logged in"), N_("Log in, or send an API token."), NULL);
            } else if (is_unsafe(req) && fstr(h, "_csrf") && draft_page(h)) {
                draft_keep_start(h);
            } else {
                struct buf loc;
                buf_init(&loc);
                buf_adds(&loc, "/login?next=");
                char p[1024];
                snprintf(p, sizeof p, "%.*s", (int)(req->path.len < 1000 ? req->path.len : 1), req->path.base);
                url_encode(&loc, is_unsafe(req) ? "/" : p);
                reply_redirect(h, loc.data);
                buf_free(&loc);
            }
            return 0;
        }
        if (h->auth == 1 && is_unsafe(req) && !csrf_ok(h)) {
            reply_problem(h, 403, N_("Forbidden"), N_("The form has expired or did not come from Hearth (CSRF check). "
                                                  "Reload the page and try again."), NULL);
            return 0;
        }
        if (h->actor.must_change && !(h->route->flags & RF_PASSWORD_DUE)) {
            /* An administrator set this password: nothing but choosing a new one (or logging out). */
            if (h->is_api)
                reply_problem(h, 403, N_("Password change required"),
                              N_("An administrator set your password: choose a new one first "
                                 "(POST /api/v1/me/password)."),
                              json_pack("{s:b}", "password_change_required", 1));
            else
                reply_redirect(h, "/account?msg=must-change");
            return 0;
        }
        if (!(ROLE_BIT(h->actor.role) & h->route->roles)) {
            reply_problem(h, 403, N_("Forbidden"), N_("Your role may not use this."), NULL);
            return 0;
        }
    }
    const char *im = req_header(h, "if-match");
    if (!im)
        im = fstr(h, "version");
    if (im) {
        char v[32];
        size_t n = strlen(im);
        if (n >= 2 && im[0] == '"' && im[n - 1] == '"') {
            snprintf(v, sizeof v, "%.*s", (int)(n - 2), im + 1);
            im = v;
        }
        int64_t x;
        if (parse_int64(im, &x) == 0)
            h->if_match = x;
    }
    if (h->auth == 1 && !h->is_api && !is_unsafe(req) && str_eq(qstr(h, "msg"), "draft"))
        http_write(h, draft_take_run, draft_take_done); /* then the page, with the draft */
    else
        h->route->fn(h);
    return 0;
}

/* ---------- static files and h2o's own answers ---------- */

void http_security_headers(h2o_req_t *req); /* reply.c */
const char *http_status_title(int status);  /* reply.c */

/* Before h2o's file handler: a static path with any percent-encoding (an encoded NUL, "." or "/"),
 * a control character or a backslash is 404. Our file names need none of them. */
static int on_static_req(h2o_handler_t *self, h2o_req_t *req)
{
    (void)self;
    size_t n = req->query_at != SIZE_MAX ? req->query_at : req->path.len;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)req->path.base[i];
        if (ch == '%' || ch == '\\' || ch < 0x20 || ch == 0x7f) {
            h2o_send_error_404(req, "Not Found", "not found", 0);
            return 0;
        }
    }
    for (size_t i = 0; i < req->path_normalized.len; i++)
        if (req->path_normalized.base[i] == 0) {
            h2o_send_error_404(req, "Not Found", "not found", 0);
            return 0;
        }
    return -1; /* on to the file handler */
}

/* A filter on the static files and on h2o's fallback (where its own errors go: a body over the limit
 * is refused by h2o before any handler runs): the security headers on everything, and an error h2o
 * wrote itself (text/plain) becomes problem+json like every other error of Hearth. */
struct error_ostream {
    h2o_ostream_t super;
    h2o_iovec_t body;
    int sent;
};

static void error_do_send(h2o_ostream_t *self, h2o_req_t *req, h2o_iovec_t *bufs, size_t bufcnt,
                          h2o_send_state_t state)
{
    struct error_ostream *e = (struct error_ostream *)self;
    (void)bufs;
    (void)bufcnt;
    /* h2o's body, if any, is replaced by ours (a HEAD request has none: nothing then) */
    h2o_iovec_t out = e->body;
    int ours = !e->sent && bufcnt > 0;
    e->sent = 1;
    h2o_ostream_send_next(&e->super, req, ours ? &out : NULL, ours ? 1 : 0, state);
}

static void on_setup_ostream(h2o_filter_t *self, h2o_req_t *req, h2o_ostream_t **slot)
{
    (void)self;
    http_security_headers(req);
    ssize_t ct = h2o_find_header(&req->res.headers, H2O_TOKEN_CONTENT_TYPE, -1);
    if (req->res.status >= 400 && ct >= 0 &&
        h2o_memis(req->res.headers.entries[ct].value.base, 10, H2O_STRLIT("text/plain"))) {
        char lang[8], rid[20], detail[160];
        ssize_t al = h2o_find_header(&req->headers, H2O_TOKEN_ACCEPT_LANGUAGE, -1);
        char accept[200] = "";
        if (al >= 0)
            snprintf(accept, sizeof accept, "%.*s", (int)req->headers.entries[al].value.len,
                     req->headers.entries[al].value.base);
        snprintf(lang, sizeof lang, "%s", i18n_choose(NULL, al >= 0 ? accept : NULL));
        i18n_use(lang);
        request_id_hex(rid);
        int st = req->res.status;
        const char *title = _(http_status_title(st));
        if (st == 413)
            snprintf(detail, sizeof detail, "%s", _("The request body exceeds 1 MiB."));
        else if (st == 404 || st == 403) /* a static folder is not listed */
            snprintf(detail, sizeof detail, "%s", _("There is nothing at this address."));
        else
            snprintf(detail, sizeof detail, "%s", _("The request cannot be answered."));
        json_t *p = json_pack("{s:s,s:s,s:i,s:s,s:s}", "type", "about:blank", "title", title, "status", st,
                              "detail", detail, "request_id", rid);
        char *js = json_dumps(p, JSON_COMPACT);
        json_decref(p);
        size_t jl = strlen(js);
        struct error_ostream *e = (struct error_ostream *)h2o_add_ostream(req, sizeof *e, slot);
        e->super.do_send = error_do_send;
        e->sent = 0;
        e->body.base = h2o_mem_alloc_pool(&req->pool, jl + 1);
        memcpy(e->body.base, js, jl);
        e->body.base[jl] = '\n';
        e->body.len = jl + 1;
        free(js);
        req->res.headers.entries[ct].value = h2o_iovec_init(H2O_STRLIT("application/problem+json"));
        h2o_iovec_t rv = h2o_strdup(&req->pool, rid, strlen(rid)); /* h2o keeps the pointer */
        h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("x-request-id"), 0, NULL, rv.base, rv.len);
        h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("cache-control"), 0, NULL,
                              H2O_STRLIT("no-store"));
        if (req->res.content_length != SIZE_MAX)
            req->res.content_length = e->body.len;
        slot = &e->super.next;
    }
    h2o_setup_next_ostream(req, slot);
}

static void register_answer_filter(h2o_pathconf_t *pc)
{
    h2o_filter_t *f = h2o_create_filter(pc, sizeof *f);
    f->on_setup_ostream = on_setup_ostream;
}

/* ---------- threads and sockets ---------- */

static int listen_socket(const char *where, char *err, size_t errlen)
{
    char host[256];
    const char *colon = strrchr(where, ':');
    if (!colon || colon == where || !colon[1]) {
        snprintf(err, errlen, "--listen must be HOST:PORT, not '%s'", where);
        return -1;
    }
    snprintf(host, sizeof host, "%.*s", (int)(colon - where), where);
    if (host[0] == '[') {
        memmove(host, host + 1, strlen(host));
        host[strlen(host) - 1] = 0;
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE}, *ai;
    int gai = getaddrinfo(host, colon + 1, &hints, &ai);
    if (gai) {
        snprintf(err, errlen, "cannot resolve %s: %s", where, gai_strerror(gai));
        return -1;
    }
    int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0), on = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) ||
        setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) || bind(fd, ai->ai_addr, ai->ai_addrlen) ||
        listen(fd, SOMAXCONN)) {
        snprintf(err, errlen, "cannot listen on %s: %s", where, strerror(errno));
        if (fd >= 0)
            close(fd);
        freeaddrinfo(ai);
        return -1;
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    freeaddrinfo(ai);
    return fd;
}

static void on_accept(h2o_socket_t *listener, const char *err)
{
    if (err)
        return;
    struct loop *L = listener->data;
    h2o_socket_t *sock = h2o_evloop_socket_accept(listener);
    if (sock)
        h2o_accept(&L->accept_ctx, sock);
}

/* Everything of h2o that belongs to a loop is made, run and freed on that loop's own thread:
 * libh2o keeps per-thread buffer pools, so a socket must live and die on one thread. */
static pthread_barrier_t drained, writer_done;
static SSL_CTX *loop_ssl;

static void *loop_main(void *arg)
{
    struct loop *L = arg;
    thread_set_hot("an event loop");
    L->evloop = h2o_evloop_create();
    h2o_context_init(&L->ctx, L->evloop, &config);
    L->accept_ctx.ctx = &L->ctx;
    L->accept_ctx.hosts = config.hosts;
    L->accept_ctx.ssl_ctx = loop_ssl;
    L->queue = h2o_multithread_create_queue(L->evloop);
    h2o_multithread_register_receiver(L->queue, &L->receiver, on_messages);
    L->listener = h2o_evloop_socket_create(L->evloop, L->fd, H2O_SOCKET_FLAG_DONT_READ);
    L->listener->data = L;
    h2o_socket_read_start(L->listener, on_accept);

    while (!stopping)
        h2o_evloop_run(L->evloop, 200);
    /* Drain: stop accepting, let answered requests finish (bounded). */
    h2o_socket_read_stop(L->listener);
    h2o_socket_close(L->listener);
    L->listener = NULL;
    double until = now_mono() + 10;
    do /* at least once: a closed socket is freed on the loop's next turn */
        h2o_evloop_run(L->evloop, 50);
    while (L->inflight > 0 && now_mono() < until);
    /* The writer may still hand jobs back: keep the queue until it has stopped. */
    pthread_barrier_wait(&drained);
    pthread_barrier_wait(&writer_done);
    h2o_evloop_run(L->evloop, 0);
    h2o_multithread_unregister_receiver(L->queue, &L->receiver);
    h2o_multithread_destroy_queue(L->queue);
    h2o_evloop_run(L->evloop, 0); /* frees the queue's closed socket */
    free(L->queue);               /* libh2o 2.2 (evloop) does not free the queue itself */
    h2o_context_dispose(&L->ctx);
    h2o_evloop_destroy(L->evloop);
    L->evloop = NULL;
    return NULL;
}

/* Checkpoints beside the writer, on their own connection, so commits never wait for them. */
static void *checkpoint_main(void *arg)
{
    struct db *db = arg;
    while (!stopping) {
        usleep(250 * 1000);
        db_checkpoint(db);
    }
    db_checkpoint(db);
    return NULL;
}

/* The time rules (core/sweep.c), every opts->sweep_seconds, as one job on the writer. */
struct sweep_job {
    struct wjob w;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int done;
};
static int sweep_job_run(struct wjob *w, struct db *db)
{
    (void)w;
    struct ctx c;
    ctx_init(&c, NULL, db);
    c.purpose = "rule";
    char report[256];
    int rc = sweep_run(&c, report, sizeof report);
    if (rc == OK && audit_flush(&c, db, 0) != OK)
        rc = ERR_DB;
    ctx_clear(&c);
    return rc;
}
static void sweep_job_notify(struct wjob *w)
{
    struct sweep_job *j = (struct sweep_job *)w;
    pthread_mutex_lock(&j->mu);
    j->done = 1;
    pthread_cond_signal(&j->cv);
    pthread_mutex_unlock(&j->mu);
}
static void *sweep_main(void *arg)
{
    int every = *(int *)arg, waited = 0;
    while (!stopping) {
        usleep(250 * 1000);
        if (++waited < every * 4)
            continue;
        waited = 0;
        struct sweep_job j = {.w = {.run = sweep_job_run, .notify = sweep_job_notify}};
        pthread_mutex_init(&j.mu, NULL);
        pthread_cond_init(&j.cv, NULL);
        writer_submit(&j.w);
        pthread_mutex_lock(&j.mu);
        while (!j.done)
            pthread_cond_wait(&j.cv, &j.mu);
        pthread_mutex_unlock(&j.mu);
        if (j.w.rc != 0 || !j.w.committed)
            log_error("the time rules failed this round; they run again in %d s", every);
        evaluation_after_sweep(j.w.rc == 0 && j.w.committed); /* the daily evaluation refresh, if it made one */
        pthread_mutex_destroy(&j.mu);
        pthread_cond_destroy(&j.cv);
    }
    return NULL;
}

static void on_signal(int sig)
{
    (void)sig;
    stopping = 1;
}

static void after_commit(struct db *w)
{
    audit_write_head(w);
}

int http_serve(const struct serve_opts *o)
{
    char err[512];
    struct db *w = NULL;
    opts = o;
    if (!o->instruments_dir) {
        log_info("no instruments/ folder here: assessments are off (give --instruments DIR)");
    } else if (instruments_load(o->instruments_dir, o->instruments_extra, err, sizeof err) != 0) {
        log_error("%s", err);
        return 1;
    }
    if (!o->eligibility_dir) {
        log_info("no eligibility/ folder here: no programme has eligibility rules (give --eligibility DIR)");
    } else if (eligibility_load(o->eligibility_dir, o->eligibility_extra, err, sizeof err) != 0) {
        log_error("%s", err);
        return 1;
    }
    if (!o->caseload_weights) {
        log_info("no caseload/weights.rules here: caseloads are not weighed (give --caseload-weights FILE)");
    } else if (caseload_load(o->caseload_weights, err, sizeof err) != 0) {
        log_error("%s", err);
        return 1;
    }
    if (!o->housing_rules) {
        log_info("no housing/priority.rules here: waiting lists have no priority points (give --housing-rules FILE)");
    } else if (housing_rules_load(o->housing_rules, err, sizeof err) != 0) {
        log_error("%s", err);
        return 1;
    }
    if (!o->care_services) {
        log_info("no care/services.rules here: care services are off (give --care-services FILE)");
    } else if (care_rules_load(o->care_services, err, sizeof err) != 0) {
        log_error("%s", err);
        return 1;
    }
    if (!o->indicators) {
        log_info("no indicators/indicators.rules here: no evaluation (give --indicators FILE)");
    } else if (ind_load(o->indicators, err, sizeof err) != 0) {
        log_error("%s", err);
        return 1;
    }
    struct db_options wo = {.synchronous = o->synchronous, .no_autocheckpoint = 1};
    if (db_open(o->db_url, &wo, &w, err, sizeof err) != DB_OK) {
        log_error("%s", err);
        return 1;
    }
    if (migrate_up(w) != 0) {
        db_close(w);
        return 1;
    }
    /* The audit key: read, or made for a database without one (new, or from before keys). */
    struct audit_key key;
    if (audit_key_open(w, o->audit_key, 1, &key, err, sizeof err) != 0) {
        log_error("%s", err);
        db_close(w);
        return 1;
    }
    audit_use_key(&key);
    sodium_memzero(&key, sizeof key);
    audit_set_head_log(o->audit_head_log);
    if (http_routes_check(err, sizeof err) != 0) {
        log_error("the route table cannot be served: %s", err);
        db_close(w);
        return 1;
    }
    routes = http_routes(&nroutes);
    metrics_init(nroutes);

    int fd0 = listen_socket(o->listen, err, sizeof err);
    if (fd0 < 0) {
        log_error("%s", err);
        db_close(w);
        return 1;
    }
    SSL_CTX *ssl = NULL;
    if (o->tls_cert || o->tls_key) {
        ssl = SSL_CTX_new(TLS_server_method());
        SSL_CTX_set_min_proto_version(ssl, TLS1_2_VERSION);
        if (!o->tls_cert || !o->tls_key || SSL_CTX_use_certificate_chain_file(ssl, o->tls_cert) != 1 ||
            SSL_CTX_use_PrivateKey_file(ssl, o->tls_key, SSL_FILETYPE_PEM) != 1) {
            log_error("TLS: give both --tls-cert and --tls-key, readable PEM files");
            SSL_CTX_free(ssl);
            close(fd0);
            db_close(w);
            return 1;
        }
    }

    h2o_config_init(&config);
    config.max_request_entity_size = LIMIT_BODY;
    config.http1.req_timeout = LIMIT_IDLE_MS;
    config.http2.idle_timeout = LIMIT_IDLE_MS;
    config.server_name = h2o_iovec_init(H2O_STRLIT("hearth"));
    h2o_hostconf_t *host = h2o_config_register_host(&config, h2o_iovec_init(H2O_STRLIT("default")), 65535);
    register_answer_filter(&host->fallback_path); /* h2o's own errors: 413 for a body over the limit */
    if (o->static_dir) {
        h2o_pathconf_t *sp = h2o_config_register_path(host, "/static", 0);
        h2o_handler_t *guard = h2o_create_handler(sp, sizeof *guard);
        guard->on_req = on_static_req;
        h2o_file_register(sp, o->static_dir, NULL, NULL, 0);
        register_answer_filter(sp);
    }
    h2o_pathconf_t *pc = h2o_config_register_path(host, "/", 0);
    h2o_handler_t *hd = h2o_create_handler(pc, sizeof *hd);
    hd->on_req = on_req;

    char head[4200];
    audit_head_file(w, head, sizeof head);
    audit_set_head_path(head);
    if (writer_start(w, o->max_batch, after_commit) != 0) {
        log_error("cannot start the writer thread");
        return 1;
    }
    if (ind_loaded())
        eval_serve_init(o->db_url, o->small_cell); /* refreshes run on threads of their own, writing through the writer */

    int n = o->threads > 0 ? o->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    struct loop *loops = xcalloc((size_t)n, sizeof *loops);
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        struct loop *L = &loops[i];
        L->index = i;
        L->fd = i == 0 ? fd0 : listen_socket(o->listen, err, sizeof err);
        struct db_options ro = {.readonly = 1, .reconnect_async = 1}; /* never wait on a connect */
        if (L->fd < 0 || db_open(o->db_url, &ro, &L->rdb, err, sizeof err) != DB_OK) {
            log_error("%s", err);
            rc = 1;
            break;
        }
    }
    if (rc == 0) {
        char shown[512];
        db_url_shown(o->db_url, shown, sizeof shown);
        log_info("hearth serving %s on %s://%s with %d threads (synchronous=%s, group commit %s)", shown,
                 ssl ? "https" : "http", o->listen, n, o->synchronous ? o->synchronous : "FULL",
                 o->max_batch == 1 ? "off" : "on");
        for (int i = 0; i < POOL_THREADS; i++)
            pthread_create(&P.tid[i], NULL, pool_main, NULL);
        struct db *ckdb = NULL;
        pthread_t cktid;
        int ck = db_is_sqlite(w) && /* PostgreSQL checkpoints by itself */
                 db_open(o->db_url, &wo, &ckdb, err, sizeof err) == DB_OK &&
                 pthread_create(&cktid, NULL, checkpoint_main, ckdb) == 0;
        pthread_t swtid;
        int sweep_every = o->sweep_seconds;
        int sw = sweep_every > 0 && sweep_count() > 0 && pthread_create(&swtid, NULL, sweep_main, &sweep_every) == 0;
        loop_ssl = ssl;
        pthread_barrier_init(&drained, NULL, (unsigned)n + 1);
        pthread_barrier_init(&writer_done, NULL, (unsigned)n + 1);
        for (int i = 0; i < n; i++)
            pthread_create(&loops[i].tid, NULL, loop_main, &loops[i]);
        pthread_barrier_wait(&drained);
        log_info("hearth draining: all loops stopped accepting and answered");
        if (sw)
            pthread_join(swtid, NULL); /* its last job is answered before the writer stops */
        evaluation_stop(); /* an evaluation refresh under way stops at its next batch, through the writer */
        writer_stop();
        pthread_barrier_wait(&writer_done);
        for (int i = 0; i < n; i++)
            pthread_join(loops[i].tid, NULL);
        pthread_barrier_destroy(&drained);
        pthread_barrier_destroy(&writer_done);
        if (ck)
            pthread_join(cktid, NULL);
        db_close(ckdb);
        pthread_mutex_lock(&P.mu);
        P.stop = 1;
        pthread_cond_broadcast(&P.cv);
        pthread_mutex_unlock(&P.mu);
        for (int i = 0; i < POOL_THREADS; i++)
            pthread_join(P.tid[i], NULL);
    }
    writer_stop(); /* (again, harmless) when start-up failed before the loops ran */
    for (int i = 0; i < n; i++) {
        if (loops[i].fd > 0 && rc != 0)
            close(loops[i].fd);
        db_close(loops[i].rdb);
    }
    free(loops);
    db_close(w);
    if (ssl)
        SSL_CTX_free(ssl);
    instruments_free();
    log_info("hearth stopped");
    return rc;
}

struct db *http_reader(struct hreq *h);
struct db *http_reader(struct hreq *h)
{
    return h->loop->rdb;
}
