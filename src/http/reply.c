/* reply: every response leaves through here: security headers, request id, the access log,
 * metrics, and the rule that a response waits for the commit of its audit records. */
#include "http/http.h"
#include "base/json_text.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

void http_request_answered(struct hreq *h);
void http_submit(struct hreq *h, int (*run)(struct wjob *, struct db *),
                 void (*after)(struct wjob *, struct db *, int), int plain);
struct db *http_reader(struct hreq *h);

const char *http_status_title(int status);
const char *http_status_title(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 303: return "See Other";
    case 400: return N_("Bad request");
    case 401: return N_("Not logged in");
    case 403: return N_("Forbidden");
    case 404: return N_("Not found");
    case 405: return N_("Method not allowed");
    case 409: return N_("Conflict");
    case 415: return N_("Unsupported media type");
    case 428: return N_("Precondition required");
    case 431: return N_("Request header fields too large");
    case 413: return N_("Payload too large");
    case 429: return N_("Too many attempts");
    case 503: return N_("Service unavailable");
    default: return N_("Error");
    }
}

#define H(name, value) h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT(name), 0, NULL, H2O_STRLIT(value))

/* The security headers of every response: pages, the API, static files and h2o's own errors. */
void http_security_headers(h2o_req_t *req);
void http_security_headers(h2o_req_t *req)
{
    H("content-security-policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    H("x-content-type-options", "nosniff");
    H("x-frame-options", "DENY");
    H("referrer-policy", "no-referrer");
}

/* Request data as one log field: a control character, a space, a backslash, a double quote or
 * DEL becomes \xNN, so a "%0a" in a path (which h2o decodes) cannot start a forged line, and a
 * space cannot forge a field. Cut at len - 1 bytes of output. */
void http_log_text(char *out, size_t len, const char *s, size_t n);
void http_log_text(char *out, size_t len, const char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch <= 0x20 || ch == 0x7f || ch == '\\' || ch == '"') {
            if (o + 5 >= len)
                break;
            o += (size_t)snprintf(out + o, len - o, "\\x%02x", ch);
        } else {
            out[o++] = (char)ch;
        }
    }
    out[o] = 0;
}

static void send_now(struct hreq *h)
{
    h2o_req_t *req = h->req;
    if (!h->status)
        h->status = 500;
    if (req) {
        req->res.status = h->status;
        req->res.reason = http_status_title(h->status);
        if (h->ctype)
            h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, NULL, h->ctype, strlen(h->ctype));
        h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("x-request-id"), 0, NULL, h->request_id,
                              strlen(h->request_id));
        http_security_headers(req);
        H("cache-control", "no-store");
        if (h->location)
            h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_LOCATION, NULL, h->location, strlen(h->location));
        if (h->set_cookie)
            h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_SET_COOKIE, NULL, h->set_cookie,
                           strlen(h->set_cookie));
        /* A length on every response keeps the connection alive (h2o 2.2 closes it otherwise). */
        req->res.content_length = h->out.len;
        if (h2o_memis(req->method.base, req->method.len, H2O_STRLIT("HEAD")))
            h->out.len = 0;
        h2o_send_inline(req, h->out.data ? h->out.data : "", h->out.len);
    }
    double dur = now_mono() - h->started;
    metrics_observe(h->route_index, h->status, dur);
    if (!log_quiet && req) {
        /* One line per request: never a query string, a name or note text; what the request sent is
         * escaped (http_log_text), so it cannot forge a line or a field. */
        char method[64], path[1024];
        http_log_text(method, sizeof method, req->method.base, req->method.len);
        http_log_text(path, sizeof path, req->path_normalized.base, req->path_normalized.len);
        fprintf(stderr, "%s %s %d %.1fms rid=%s uid=%lld\n", method, path, h->status, dur * 1000, h->request_id,
                (long long)h->actor.staff_id);
    }
    http_request_answered(h);
}

static int flush_run(struct wjob *j, struct db *w)
{
    struct hreq *h = (struct hreq *)((char *)j - offsetof(struct hreq, job));
    return audit_flush(&h->ctx, w, 0) == OK ? 0 : -1;
}

/* Send now, or once the request's pending audit records are committed. */
static void respond(struct hreq *h)
{
    if (h->ctx.npend > 0) {
        h->wdone = NULL;
        http_submit(h, flush_run, NULL, 1); /* only the audit records: no savepoint of their own (writer.h) */
        return;
    }
    send_now(h);
}

static int write_run(struct wjob *j, struct db *w)
{
    struct hreq *h = (struct hreq *)((char *)j - offsetof(struct hreq, job));
    h->ctx.db = w;
    i18n_use(h->lang); /* core's messages and rule texts in the request's language */
    h->rc = h->wrun(h);
    if (h->rc == OK && audit_flush(&h->ctx, w, 0) != OK)
        h->rc = ERR_DB;
    return h->rc == OK ? 0 : -1;
}
static void write_after(struct wjob *j, struct db *w, int rc)
{
    struct hreq *h = (struct hreq *)((char *)j - offsetof(struct hreq, job));
    if (rc != 0)
        audit_flush(&h->ctx, w, 1); /* keep the record of a denied attempt */
}

void http_write(struct hreq *h, int (*wrun)(struct hreq *), void (*wdone)(struct hreq *))
{
    h->wrun = wrun;
    h->wdone = wdone;
    (void)access_epoch_of(&h->ctx); /* read outside the job: it may then keep access facts (access.c) */
    http_submit(h, write_run, write_after, 0);
}

void http_job_done(struct hreq *h); /* server.c calls this on the loop thread */
void http_job_done(struct hreq *h)
{
    h->ctx.db = http_reader(h);
    access_forget(&h->ctx); /* what the job wrote may have changed the facts and moved the epoch */
    if (!h->job.committed) {
        h->wdone = NULL;
        ctx_clear(&h->ctx);
        buf_reset(&h->out);
        /* A connection lost during COMMIT, or a disk that took the log but failed to sync it,
         * leaves the outcome unknown: say so rather than promise. */
        reply_problem(h, 503, N_("Service unavailable"),
                      db_unavailable() ? N_("The database could not be reached while saving this. Check whether it "
                                            "was saved before you enter it again.")
                      : h->job.unsure  ? N_("The disk could not confirm that this was saved. Check whether it was "
                                            "saved before you enter it again.")
                                       : N_("The database could not save this. Nothing was changed; try again."),
                      NULL);
        return;
    }
    if (h->wdone) {
        void (*fn)(struct hreq *) = h->wdone;
        h->wdone = NULL;
        fn(h);
        return;
    }
    send_now(h);
}

void reply_json(struct hreq *h, int status, json_t *body)
{
    h->status = status;
    h->ctype = "application/json";
    buf_reset(&h->out);
    if (body)
        json_text(&h->out, body);
    buf_addc(&h->out, '\n');
    json_decref(body);
    respond(h);
}

static http_error_page_fn error_page;
void http_set_error_page(http_error_page_fn fn)
{
    error_page = fn;
}

/* title and detail in the request's language: a text marked N_() is looked up here, one already
 * translated (or made of a record's words) comes back as it is. Field errors are core's, translated there. */
void reply_problem(struct hreq *h, int status, const char *title, const char *detail, json_t *extra)
{
    title = _(title ? title : http_status_title(status));
    if (detail)
        detail = _(detail);
    if (!h->is_api) {
        json_decref(extra);
        h->status = status;
        h->ctype = "text/html; charset=utf-8";
        buf_reset(&h->out);
        if (error_page) {
            error_page(h, status, title, detail);
        } else {
            h->ctype = "text/plain; charset=utf-8";
            buf_printf(&h->out, "%d %s\n%s\n", status, title, detail ? detail : "");
        }
        respond(h);
        return;
    }
    json_t *p = json_pack("{s:s,s:s,s:i,s:s}", "type", "about:blank", "title", title,
                          "status", status, "request_id", h->request_id);
    if (detail)
        json_object_set_new(p, "detail", json_string(detail));
    if (extra)
        json_object_update(p, extra);
    json_decref(extra);
    h->status = status;
    h->ctype = "application/problem+json";
    buf_reset(&h->out);
    json_text(&h->out, p);
    buf_addc(&h->out, '\n');
    json_decref(p);
    respond(h);
}

void reply_retry_after(struct hreq *h, int64_t seconds)
{
    if (!h->req)
        return;
    char *v = h2o_mem_alloc_pool(&h->req->pool, 24);
    int n = snprintf(v, 24, "%lld", (long long)(seconds > 0 ? seconds : 1));
    h2o_add_header(&h->req->pool, &h->req->res.headers, H2O_TOKEN_RETRY_AFTER, NULL, v, (size_t)n);
}

void reply_core_error(struct hreq *h, int rc)
{
    json_t *extra = json_object();
    if (h->ctx.errors)
        json_object_set(extra, "errors", h->ctx.errors);
    if (h->ctx.extra)
        json_object_update(extra, h->ctx.extra);
    const char *detail = h->ctx.msg[0] ? h->ctx.msg : NULL;
    int status;
    /* A look-up that failed because this thread lost the database reads as "no such record" or
     * "no relationship" to core: while the database is away those answers would be wrong. */
    if ((rc == ERR_NOTFOUND || rc == ERR_FORBIDDEN) && db_unavailable())
        rc = ERR_DB;
    switch (rc) {
    case ERR_INVALID: status = 400; if (!detail) detail = N_("Some fields are not valid."); break;
    case ERR_NOTFOUND: status = 404; break;
    case ERR_FORBIDDEN: status = 403; break;
    case ERR_CONFLICT:
    case ERR_DUPLICATE: status = 409; break;
    case ERR_UNAUTH: status = 401; break;
    case ERR_THROTTLED: status = 429; break;
    case ERR_BUSY: status = 503; break;
    default:
        if (db_unavailable()) {
            status = 503;
            detail = N_("The database cannot be reached just now. Nothing was changed; try again in a moment.");
        } else {
            status = 500;
            if (!detail)
                detail = N_("Something went wrong; nothing was changed.");
        }
    }
    reply_problem(h, status, http_status_title(status), detail, extra);
}

void reply_result(struct hreq *h, int rc, int status)
{
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    json_t *r = h->result ? h->result : json_object();
    h->result = NULL;
    reply_json(h, status, r);
}

void reply_html(struct hreq *h, int status, struct buf *page)
{
    reply_body(h, status, "text/html; charset=utf-8", page);
}

void reply_body(struct hreq *h, int status, const char *ctype, struct buf *page)
{
    h->status = status;
    h->ctype = ctype;
    buf_free(&h->out);
    h->out = *page;
    buf_init(page);
    respond(h);
}

void reply_download(struct hreq *h, const char *ctype, const char *filename, struct buf *body)
{
    if (h->req) {
        char *v = h2o_mem_alloc_pool(&h->req->pool, 300);
        int n = snprintf(v, 300, "attachment; filename=\"%.200s\"", filename);
        h2o_add_header_by_str(&h->req->pool, &h->req->res.headers, H2O_STRLIT("content-disposition"), 0, NULL, v,
                              (size_t)n);
    }
    reply_body(h, 200, ctype, body);
}

void reply_redirect(struct hreq *h, const char *location)
{
    h->status = 303;
    free(h->location);
    h->location = xstrdup(location);
    buf_reset(&h->out);
    respond(h);
}

void reply_set_cookie(struct hreq *h, const char *cookie)
{
    free(h->set_cookie);
    h->set_cookie = xstrdup(cookie);
}
