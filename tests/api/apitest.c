/* apitest: runs the API case files (tests/api/cases/NAME.t, format in tests/api/README.md) against a
 * real `hearth serve` on a loopback port and prints TAP.
 *
 *   apitest --hearth PATH [--static DIR] [--keep] [--verbose] [--record FILE] DIR|FILE...
 * --record FILE writes every case's request and response as a line of JSON ({case, method, path,
 * status, type, body}) for tests/api/contract.mjs, which checks them against the OpenAPI document.
 *
 * It makes a temporary directory, fills TMP/h.db with `hearth demo --clients 200`, starts
 * `hearth serve` on a free 127.0.0.1 port, waits for /healthz, runs every case file in name order,
 * then stops the server with SIGTERM and checks that it drains and exits 0. It speaks HTTP/1.1
 * itself (one connection per request, Connection: close) and reads the audit table through a
 * read-only connection of Hearth's own db layer. With HEARTH_TEST_PG set (tests/run-all), the
 * database is a new one on that PostgreSQL cluster instead of TMP/h.db. Exit status 0 only when
 * every test passed. */
#include "base/base.h"
#include "core/demo.h"
#include "db/db.h"
#include "../pg/testdb.h"
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_LINE 65536
#define IO_TIMEOUT_MS 30000

/* ---------- global state ---------- */

static struct {
    const char *hearth, *static_dir;
    char tmp[256], db[300], log[300], pgname[64];
    int port, keep, verbose;
    pid_t server;
    int n, failed;
    json_t *vars;     /* name -> JSON value */
    json_t *sessions; /* "user" or "user/label" -> {cookie, csrf}; "token:user" -> {token} */
    struct db *adb;   /* read-only, for audit assertions */
    FILE *record;     /* --record: every case's exchange, one JSON line each */
    char current[700]; /* the case being run, for the record */
    char from[64];     /* `from ADDR`: the case's source address (127.0.0.0/8), "" for 127.0.0.1 */
    int parallel;      /* `parallel N`: the case's request is sent N times at once */
    struct resp *pr;   /* those N responses */
} G;

/* One test's outcome: diagnostics collected while it runs. */
struct result {
    struct buf diag;
    int bad;
};
static void fail(struct result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct result *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_adds(&r->diag, "# ");
    buf_vprintf(&r->diag, fmt, ap);
    buf_addc(&r->diag, '\n');
    va_end(ap);
    r->bad = 1;
}
static void report(struct result *r, const char *name)
{
    G.n++;
    if (r->bad)
        G.failed++;
    printf("%sok %d - %s\n", r->bad ? "not " : "", G.n, name);
    if (r->bad)
        fputs(r->diag.data, stdout);
    fflush(stdout);
}

/* ---------- small helpers ---------- */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = 0;
    return s;
}
static int starts_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    return strncmp(s, w, n) == 0 && (s[n] == 0 || s[n] == ' ' || s[n] == '\t');
}
/* A JSON value as text for substitution: strings raw, everything else compact JSON. */
static char *json_text(json_t *v)
{
    if (json_is_string(v))
        return xstrdup(json_string_value(v));
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    return s ? s : xstrdup("");
}
/* Text to a JSON value: JSON when it parses, otherwise the text as a string. */
static json_t *text_json(const char *s)
{
    json_error_t e;
    json_t *v = json_loads(s, JSON_DECODE_ANY, &e);
    return v ? v : json_string(s);
}
/* Up to max bytes of s on one line (TAP diagnostics are one line each). */
static void show(struct buf *b, const char *s, size_t max)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n && i < max; i++)
        buf_adds(b, s[i] == '\n' ? " | " : s[i] == '\r' ? "" : (char[2]){s[i], 0});
    if (n > max)
        buf_adds(b, "...");
}

/* $VAR, ${VAR}, $repeat(N,TEXT), $time(SECONDS) (UTC now plus SECONDS, YYYY-MM-DDTHH:MM:SSZ) and
 * $date(DAYS) (today in UTC plus DAYS, YYYY-MM-DD) substitution. Returns NULL with err set on an unknown name. */
static char *subst(const char *in, char *err, size_t errlen)
{
    struct buf b;
    buf_init(&b);
    buf_adds(&b, "");
    for (const char *p = in; *p;) {
        if (*p != '$') {
            buf_addc(&b, *p++);
            continue;
        }
        if (p[1] == '$') {
            buf_addc(&b, '$');
            p += 2;
            continue;
        }
        if (strncmp(p, "$repeat(", 8) == 0) {
            char *end;
            long n = strtol(p + 8, &end, 10);
            const char *close = *end == ',' ? strchr(end + 1, ')') : NULL;
            if (!close || n < 0 || n > 10 * 1024 * 1024) {
                snprintf(err, errlen, "bad $repeat(N,TEXT) in: %.60s", p);
                buf_free(&b);
                return NULL;
            }
            for (long i = 0; i < n; i++)
                buf_add(&b, end + 1, (size_t)(close - end - 1));
            p = close + 1;
            continue;
        }
        if (strncmp(p, "$time(", 6) == 0 || strncmp(p, "$date(", 6) == 0) {
            int days = p[1] == 'd';
            char *end;
            long long d = strtoll(p + 6, &end, 10);
            if (*end != ')') {
                snprintf(err, errlen, "bad %s in: %.60s", days ? "$date(DAYS)" : "$time(SECONDS)", p);
                buf_free(&b);
                return NULL;
            }
            time_t t = time(NULL) + (time_t)d * (days ? 86400 : 1);
            struct tm tm;
            char ts[32];
            gmtime_r(&t, &tm);
            strftime(ts, sizeof ts, days ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ", &tm);
            buf_adds(&b, ts);
            p = end + 1;
            continue;
        }
        int braced = p[1] == '{';
        const char *s = p + 1 + braced, *e = s;
        while ((*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9') || *e == '_' ||
               (braced && (*e == '@' || *e == '-')))
            e++;
        if (e == s || (braced && *e != '}')) {
            buf_addc(&b, *p++);
            continue;
        }
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)(e - s), s);
        json_t *v = json_object_get(G.vars, name);
        if (!v) {
            snprintf(err, errlen, "unknown variable $%s", name);
            buf_free(&b);
            return NULL;
        }
        char *t = json_text(v);
        buf_adds(&b, t);
        free(t);
        p = e + braced;
    }
    return buf_steal(&b);
}

/* ---------- HTTP/1.1 over a plain socket to 127.0.0.1 ---------- */

struct hdr {
    char *name, *value;
};
struct req {
    char method[16];
    char *path;
    struct hdr *h;
    int nh;
    char *body; /* NULL: none */
    int line;
};
struct resp {
    int status;
    json_t *headers; /* lower-case name -> value (repeats joined with ", ") */
    struct buf body;
    json_t *json;
    char err[256];
};
static void resp_free(struct resp *r)
{
    json_decref(r->headers);
    json_decref(r->json);
    buf_free(&r->body);
    memset(r, 0, sizeof *r);
}
static const char *resp_header(struct resp *r, const char *name)
{
    char low[128];
    size_t i = 0;
    for (; name[i] && i < sizeof low - 1; i++)
        low[i] = (char)((name[i] >= 'A' && name[i] <= 'Z') ? name[i] + 32 : name[i]);
    low[i] = 0;
    return json_string_value(json_object_get(r->headers, low));
}

static _Thread_local const char *tl_from; /* a burst request's own source address */
static int connect_local(void)
{
    const char *from = tl_from ? tl_from : G.from;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)G.port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* never anything but 127.0.0.1 */
    if (from[0]) { /* another loopback source address: its own failed-login budget */
        struct sockaddr_in src = {.sin_family = AF_INET};
        if (inet_pton(AF_INET, from, &src.sin_addr) != 1 || (ntohl(src.sin_addr.s_addr) >> 24) != 127 ||
            bind(fd, (struct sockaddr *)&src, sizeof src) != 0) {
            close(fd);
            return -1;
        }
    }
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int parse_response(struct buf *raw, struct resp *r)
{
    char *end = raw->data ? strstr(raw->data, "\r\n\r\n") : NULL;
    if (!end || sscanf(raw->data, "HTTP/1.%*d %d", &r->status) != 1) {
        snprintf(r->err, sizeof r->err, "no HTTP response (%zu bytes)", raw->len);
        return -1;
    }
    r->headers = json_object();
    char *line = strstr(raw->data, "\r\n") + 2;
    while (line < end) {
        char *eol = strstr(line, "\r\n");
        *eol = 0;
        char *colon = strchr(line, ':');
        if (colon) {
            *colon = 0;
            for (char *p = line; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    *p += 32;
            char *v = trim(colon + 1);
            const char *old = json_string_value(json_object_get(r->headers, line));
            if (old) {
                struct buf j;
                buf_init(&j);
                buf_printf(&j, "%s, %s", old, v);
                json_object_set_new(r->headers, line, json_string(j.data));
                buf_free(&j);
            } else {
                json_object_set_new(r->headers, line, json_string(v));
            }
        }
        line = eol + 2;
    }
    const char *body = end + 4;
    size_t blen = raw->len - (size_t)(body - raw->data);
    buf_init(&r->body);
    const char *te = resp_header(r, "transfer-encoding");
    if (te && strcasestr(te, "chunked")) {
        const char *p = body, *e = body + blen;
        while (p < e) {
            char *after;
            unsigned long n = strtoul(p, &after, 16);
            const char *crlf = strstr(after, "\r\n");
            if (!crlf || n == 0)
                break;
            p = crlf + 2;
            if ((size_t)(e - p) < n)
                n = (unsigned long)(e - p);
            buf_add(&r->body, p, n);
            p += n + 2;
        }
    } else {
        buf_add(&r->body, body, blen);
    }
    buf_adds(&r->body, "");
    const char *ct = resp_header(r, "content-type");
    if (ct && strstr(ct, "json")) {
        json_error_t e;
        r->json = json_loadb(r->body.data, r->body.len, JSON_DECODE_ANY, &e);
    }
    return 0;
}

/* Send one request and read the whole response. A large body is written while watching for an
 * early answer (413), so the answer is read before the server closes the connection. */
static int http_send(const char *method, const char *path, struct hdr *h, int nh, const char *body, size_t blen,
                     struct resp *r)
{
    memset(r, 0, sizeof *r);
    buf_init(&r->body);
    int fd = connect_local();
    if (fd < 0) {
        snprintf(r->err, sizeof r->err, "cannot connect to 127.0.0.1:%d: %s", G.port, strerror(errno));
        return -1;
    }
    struct buf q;
    buf_init(&q);
    buf_printf(&q, "%s %s HTTP/1.1\r\n", method, path);
    int has_ct = 0, has_host = 0;
    for (int i = 0; i < nh; i++) {
        buf_printf(&q, "%s: %s\r\n", h[i].name, h[i].value);
        has_ct |= strcasecmp(h[i].name, "content-type") == 0;
        has_host |= strcasecmp(h[i].name, "host") == 0;
    }
    if (!has_host)
        buf_printf(&q, "Host: 127.0.0.1:%d\r\n", G.port);
    buf_adds(&q, "Connection: close\r\n");
    if (body && !has_ct)
        buf_adds(&q, "Content-Type: application/json\r\n");
    if (body || !strcmp(method, "POST") || !strcmp(method, "PUT") || !strcmp(method, "PATCH"))
        buf_printf(&q, "Content-Length: %zu\r\n", body ? blen : 0);
    buf_adds(&q, "\r\n");
    if (body)
        buf_add(&q, body, blen);

    size_t off = 0;
    int early = 0;
    while (off < q.len) {
        struct pollfd p = {.fd = fd, .events = POLLIN | POLLOUT};
        if (poll(&p, 1, IO_TIMEOUT_MS) <= 0)
            break;
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            early = 1; /* the server answered (or gave up) before taking the whole body */
            break;
        }
        size_t chunk = q.len - off > 65536 ? 65536 : q.len - off;
        ssize_t n = send(fd, q.data + off, chunk, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n <= 0) {
            early = 1;
            break;
        }
        off += (size_t)n;
    }
    (void)early;
    buf_free(&q);
    struct buf raw;
    buf_init(&raw);
    for (;;) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, IO_TIMEOUT_MS) <= 0) {
            snprintf(r->err, sizeof r->err, "timed out waiting for the response");
            break;
        }
        char tmp[65536];
        ssize_t n = recv(fd, tmp, sizeof tmp, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        buf_add(&raw, tmp, (size_t)n);
    }
    close(fd);
    buf_adds(&raw, "");
    int rc = parse_response(&raw, r);
    buf_free(&raw);
    return rc;
}

/* ---------- identities: sessions and API tokens, made once per run ---------- */

static const char *password_of(const char *user)
{
    char name[160];
    snprintf(name, sizeof name, "password_%s", user);
    const char *p = json_string_value(json_object_get(G.vars, name));
    return p ? p : DEMO_PASSWORD;
}

/* Returns the session object for "user" or "user/label" (logging in the first time), NULL with err. */
static json_t *session(const char *who, char *err, size_t errlen)
{
    json_t *s = json_object_get(G.sessions, who);
    if (s)
        return s;
    char user[128];
    snprintf(user, sizeof user, "%s", who);
    char *slash = strchr(user, '/');
    if (slash)
        *slash = 0;
    json_t *cred = json_pack("{s:s,s:s}", "username", user, "password", password_of(user));
    char *body = json_dumps(cred, JSON_COMPACT);
    json_decref(cred);
    struct resp r;
    http_send("POST", "/api/v1/login", NULL, 0, body, strlen(body), &r);
    free(body);
    const char *cookie = resp_header(&r, "set-cookie");
    const char *csrf = json_string_value(json_object_get(r.json, "csrf_token"));
    const char *eq = cookie ? strstr(cookie, "hearth_session=") : NULL;
    if (r.status != 200 || !eq || !csrf) {
        snprintf(err, errlen, "cannot log in as %s: status %d %s %.200s", user, r.status, r.err,
                 r.body.data ? r.body.data : "");
        resp_free(&r);
        return NULL;
    }
    eq += strlen("hearth_session=");
    size_t n = strcspn(eq, ";");
    char tok[256];
    snprintf(tok, sizeof tok, "%.*s", (int)(n < 200 ? n : 200), eq);
    s = json_pack("{s:s,s:s}", "cookie", tok, "csrf", csrf);
    json_object_set_new(G.sessions, who, s);
    resp_free(&r);
    return s;
}

static const char *api_token(const char *user, char *err, size_t errlen)
{
    char key[160];
    snprintf(key, sizeof key, "token:%s", user);
    json_t *t = json_object_get(G.sessions, key);
    if (t)
        return json_string_value(json_object_get(t, "token"));
    json_t *s = session(user, err, errlen);
    if (!s)
        return NULL;
    char cookie[300];
    snprintf(cookie, sizeof cookie, "hearth_session=%s", json_string_value(json_object_get(s, "cookie")));
    struct hdr h[2] = {{"Cookie", cookie}, {"X-CSRF-Token", (char *)json_string_value(json_object_get(s, "csrf"))}};
    const char *body = "{\"name\":\"apitest\"}";
    struct resp r;
    http_send("POST", "/api/v1/tokens", h, 2, body, strlen(body), &r);
    const char *tok = json_string_value(json_object_get(r.json, "token"));
    if (r.status != 201 || !tok) {
        snprintf(err, errlen, "cannot make an API token for %s: status %d %s", user, r.status, r.err);
        resp_free(&r);
        return NULL;
    }
    json_object_set_new(G.sessions, key, json_pack("{s:s}", "token", tok));
    resp_free(&r);
    return json_string_value(json_object_get(json_object_get(G.sessions, key), "token"));
}

/* Send a request as an identity: "none", "USER[/LABEL] [nocsrf]" or "token:USER". */
static void record(const struct req *rq, struct resp *r);
static int send_parallel(const struct req *rq, struct hdr *h, int nh, struct resp *r, struct result *res);
static int send_as(const char *as, const struct req *rq, struct resp *r, struct result *res)
{
    char who[160] = "none";
    int nocsrf = 0;
    if (as && *as) {
        snprintf(who, sizeof who, "%s", as);
        char *sp = strpbrk(who, " \t");
        if (sp) {
            nocsrf = strstr(sp, "nocsrf") != NULL;
            *sp = 0;
        }
    }
    struct hdr h[64];
    int nh = 0;
    char err[512], cookie[300], bearer[200];
    const char *csrf = NULL;
    cookie[0] = bearer[0] = 0;
    if (strncmp(who, "token:", 6) == 0) {
        const char *t = api_token(who + 6, err, sizeof err);
        if (!t) {
            fail(res, "%s", err);
            return -1;
        }
        snprintf(bearer, sizeof bearer, "Bearer %s", t);
    } else if (strcmp(who, "none") != 0) {
        json_t *s = session(who, err, sizeof err);
        if (!s) {
            fail(res, "%s", err);
            return -1;
        }
        snprintf(cookie, sizeof cookie, "hearth_session=%s", json_string_value(json_object_get(s, "cookie")));
        csrf = nocsrf ? NULL : json_string_value(json_object_get(s, "csrf"));
    }
    int given_cookie = 0, given_csrf = 0, given_auth = 0;
    for (int i = 0; i < rq->nh && nh < 60; i++) {
        given_cookie |= strcasecmp(rq->h[i].name, "cookie") == 0;
        given_csrf |= strcasecmp(rq->h[i].name, "x-csrf-token") == 0;
        given_auth |= strcasecmp(rq->h[i].name, "authorization") == 0;
        h[nh++] = rq->h[i];
    }
    if (cookie[0] && !given_cookie)
        h[nh++] = (struct hdr){"Cookie", cookie};
    if (csrf && !given_csrf)
        h[nh++] = (struct hdr){"X-CSRF-Token", (char *)csrf};
    if (bearer[0] && !given_auth)
        h[nh++] = (struct hdr){"Authorization", bearer};
    if (G.parallel > 1)
        return send_parallel(rq, h, nh, r, res);
    if (http_send(rq->method, rq->path, h, nh, rq->body, rq->body ? strlen(rq->body) : 0, r) != 0) {
        fail(res, "%s %s: %s", rq->method, rq->path, r->err);
        return -1;
    }
    record(rq, r);
    return 0;
}

static void record(const struct req *rq, struct resp *r)
{
    if (G.record) {
        const char *ct = resp_header(r, "content-type");
        json_t *line = json_pack("{s:s,s:s,s:s,s:i,s:s,s:s#}", "case", G.current, "method", rq->method, "path",
                                 rq->path, "status", r->status, "type", ct ? ct : "", "body",
                                 r->body.data ? r->body.data : "", r->body.data ? (int)r->body.len : 0);
        if (line) {
            json_dumpf(line, G.record, JSON_COMPACT);
            fputc('\n', G.record);
        }
        json_decref(line);
    }
}

/* `parallel N`: N threads each send the request once, all released together by a barrier, so the
 * server sees N requests at once (a burst); the responses go to G.pr, the first also to *r. */
struct par {
    pthread_barrier_t *go;
    const struct req *rq;
    struct hdr *h;
    int nh;
    struct resp *r;
    void *first; /* the array's first element: this one's number */
};
static void *par_main(void *arg)
{
    struct par *p = arg;
    int i = (int)(p - (struct par *)p->first);
    struct buf body; /* {i} in the body: this request's number, 0..N-1 (a name per request) */
    buf_init(&body);
    for (const char *s = p->rq->body; s && *s; s++) {
        if (strncmp(s, "{i}", 3) == 0) {
            buf_printf(&body, "%d", i);
            s += 2;
        } else {
            buf_addc(&body, *s);
        }
    }
    char from[sizeof G.from + 16];
    const char *at = strstr(G.from, "{i}"); /* `from 127.0.1.{i}`: an address per request */
    if (at) {
        snprintf(from, sizeof from, "%.*s%d%s", (int)(at - G.from), G.from, i, at + 3);
        tl_from = from;
    }
    pthread_barrier_wait(p->go);
    http_send(p->rq->method, p->rq->path, p->h, p->nh, p->rq->body ? body.data : NULL, p->rq->body ? body.len : 0, p->r);
    buf_free(&body);
    tl_from = NULL;
    return NULL;
}
static int send_parallel(const struct req *rq, struct hdr *h, int nh, struct resp *r, struct result *res)
{
    int n = G.parallel;
    pthread_barrier_t go;
    pthread_barrier_init(&go, NULL, (unsigned)n);
    G.pr = xcalloc((size_t)n, sizeof *G.pr);
    struct par *ps = xcalloc((size_t)n, sizeof *ps);
    pthread_t *t = xcalloc((size_t)n, sizeof *t);
    for (int i = 0; i < n; i++) {
        ps[i] = (struct par){&go, rq, h, nh, &G.pr[i], ps};
        if (pthread_create(&t[i], NULL, par_main, &ps[i]) != 0) {
            fprintf(stderr, "apitest: cannot start thread %d of %d\n", i, n);
            abort();
        }
    }
    int bad = 0;
    for (int i = 0; i < n; i++) {
        pthread_join(t[i], NULL);
        if (G.pr[i].err[0] && !bad++)
            fail(res, "%s %s (one of %d at once): %s", rq->method, rq->path, n, G.pr[i].err);
        record(rq, &G.pr[i]);
    }
    pthread_barrier_destroy(&go);
    free(ps);
    free(t);
    *r = G.pr[0]; /* the first, shared: freed with G.pr */
    return bad ? -1 : 0;
}

/* ---------- JSON paths: .a.b[0].c, .[*].id, .errors["goals[0].key"], "." for the whole document ---------- */

/* Evaluates path on v; returns a new reference or NULL when missing. [*] maps over an array. */
static json_t *jpath(json_t *v, const char *p)
{
    if (!v)
        return NULL;
    if (*p == '.' && (p[1] == 0))
        return json_incref(v);
    if (*p == '.')
        p++;
    if (*p == 0)
        return json_incref(v);
    if (p[0] == '[' && p[1] == '"') { /* a member whose name has dots or brackets */
        const char *end = strstr(p + 2, "\"]");
        if (!end || !json_is_object(v))
            return NULL;
        char key[256];
        snprintf(key, sizeof key, "%.*s", (int)(end - p - 2 < 255 ? end - p - 2 : 255), p + 2);
        return jpath(json_object_get(v, key), end + 2);
    }
    if (*p == '[') {
        if (strncmp(p, "[*]", 3) == 0) {
            if (!json_is_array(v))
                return NULL;
            json_t *out = json_array();
            size_t i;
            json_t *x;
            json_array_foreach(v, i, x)
            {
                json_t *y = jpath(x, p + 3);
                if (y)
                    json_array_append_new(out, y);
            }
            return out;
        }
        char *end;
        long i = strtol(p + 1, &end, 10);
        if (*end != ']' || !json_is_array(v))
            return NULL;
        if (i < 0)
            i += (long)json_array_size(v);
        if (i < 0)
            return NULL;
        return jpath(json_array_get(v, (size_t)i), end + 1);
    }
    size_t n = strcspn(p, ".[");
    char key[256];
    snprintf(key, sizeof key, "%.*s", (int)(n < 255 ? n : 255), p);
    if (!json_is_object(v))
        return NULL;
    return jpath(json_object_get(v, key), p + n);
}

static int jnum(json_t *v, double *d)
{
    if (json_is_number(v)) {
        *d = json_number_value(v);
        return 1;
    }
    if (json_is_boolean(v)) {
        *d = json_is_true(v);
        return 1;
    }
    return 0;
}
static int jequal(json_t *a, json_t *b)
{
    double x, y;
    if (json_is_number(a) && json_is_number(b) && jnum(a, &x) && jnum(b, &y))
        return x == y;
    return json_equal(a, b);
}
/* Order of two values: numbers and booleans by value, strings by bytes, null last. */
static int jcmp(json_t *a, json_t *b, int *ok)
{
    double x, y;
    *ok = 1;
    if (json_is_null(a) || json_is_null(b))
        return json_is_null(a) - json_is_null(b);
    if (jnum(a, &x) && jnum(b, &y))
        return (x > y) - (x < y);
    if (json_is_string(a) && json_is_string(b))
        return strcmp(json_string_value(a), json_string_value(b));
    *ok = 0;
    return 0;
}

/* One "json PATH OP [VALUE]" assertion against a response document. */
static void check_json(json_t *doc, const char *spec, struct result *res)
{
    char path[512], op[16];
    int used = 0;
    if (sscanf(spec, "%511s %15s %n", path, op, &used) < 2) {
        fail(res, "bad json assertion: %s", spec);
        return;
    }
    const char *arg = spec + used;
    json_t *got = jpath(doc, path);
    json_t *want = *arg ? text_json(arg) : NULL;
    char *gs = got ? json_dumps(got, JSON_COMPACT | JSON_ENCODE_ANY) : xstrdup("(missing)");
    int pass = 0;
    if (!strcmp(op, "exists"))
        pass = got != NULL;
    else if (!strcmp(op, "missing"))
        pass = got == NULL;
    else if (!strcmp(op, "==") && want)
        pass = got && jequal(got, want);
    else if (!strcmp(op, "!=") && want)
        pass = got && !jequal(got, want);
    else if ((!strcmp(op, "<") || !strcmp(op, "<=") || !strcmp(op, ">") || !strcmp(op, ">=")) && want) {
        int ok = 0, c = got ? jcmp(got, want, &ok) : 0;
        pass = ok && ((op[0] == '<' && (c < 0 || (op[1] == '=' && c == 0))) ||
                      (op[0] == '>' && (c > 0 || (op[1] == '=' && c == 0))));
    } else if (!strcmp(op, "length") && want) {
        size_t n = json_is_array(got)    ? json_array_size(got)
                   : json_is_object(got) ? json_object_size(got)
                   : json_is_string(got) ? utf8_len(json_string_value(got))
                                         : (size_t)-1;
        pass = got && json_is_integer(want) && n == (size_t)json_integer_value(want);
    } else if ((!strcmp(op, "contains") || !strcmp(op, "excludes")) && want) {
        int has = 0;
        if (json_is_array(got)) {
            size_t i;
            json_t *x;
            json_array_foreach(got, i, x) has |= jequal(x, want);
        } else if (json_is_string(got)) {
            char *w = json_text(want);
            has = strstr(json_string_value(got), w) != NULL;
            free(w);
        } else if (json_is_object(got) && json_is_string(want)) {
            has = json_object_get(got, json_string_value(want)) != NULL;
        }
        pass = got && (op[0] == 'c' ? has : !has);
    } else if (!strcmp(op, "sorted")) {
        int desc = *arg && strstr(arg, "desc");
        pass = json_is_array(got);
        for (size_t i = 1; pass && i < json_array_size(got); i++) {
            int ok, c = jcmp(json_array_get(got, i - 1), json_array_get(got, i), &ok);
            pass = ok && (desc ? c >= 0 : c <= 0);
        }
    } else {
        fail(res, "unknown json operator '%s' in: %s", op, spec);
        goto out;
    }
    if (!pass) {
        struct buf b;
        buf_init(&b);
        show(&b, gs, 300);
        fail(res, "json %s: expected %s %s, got %s", path, op, arg, b.data);
        buf_free(&b);
    }
out:
    free(gs);
    json_decref(got);
    json_decref(want);
}

static void check_header(struct resp *r, const char *spec, struct result *res)
{
    char name[128], op[16];
    int used = 0;
    if (sscanf(spec, "%127s %15s %n", name, op, &used) < 2) {
        fail(res, "bad header assertion: %s", spec);
        return;
    }
    const char *arg = spec + used, *got = resp_header(r, name);
    int pass;
    if (!strcmp(op, "exists"))
        pass = got != NULL;
    else if (!strcmp(op, "missing"))
        pass = got == NULL;
    else if (!strcmp(op, "=="))
        pass = got && !strcmp(got, arg);
    else if (!strcmp(op, "contains"))
        pass = got && strstr(got, arg);
    else if (!strcmp(op, "excludes"))
        pass = !got || !strstr(got, arg);
    else {
        fail(res, "unknown header operator '%s'", op);
        return;
    }
    if (!pass)
        fail(res, "header %s: expected %s %s, got %s", name, op, arg, got ? got : "(missing)");
}

static void check_text(struct resp *r, const char *spec, struct result *res)
{
    const char *body = r->body.data ? r->body.data : "";
    if (starts_word(spec, "contains") || starts_word(spec, "excludes")) {
        const char *arg = trim((char *)spec + 8);
        int has = strstr(body, arg) != NULL;
        if (has != (spec[0] == 'c')) {
            struct buf b;
            buf_init(&b);
            show(&b, body, 200);
            fail(res, "text: expected %s '%s', got: %s", spec[0] == 'c' ? "to contain" : "not to contain", arg,
                 b.data);
            buf_free(&b);
        }
        return;
    }
    fail(res, "bad text assertion: %s", spec);
}

/* ---------- audit assertions: the rows the last request appended (by its request id) ---------- */

static struct db *audit_db(void)
{
    if (!G.adb) {
        char err[256];
        struct db_options ro = {.readonly = 1};
        if (db_open(G.db, &ro, &G.adb, err, sizeof err) != DB_OK)
            G.adb = NULL;
    }
    return G.adb;
}

static void audit_rows(const char *rid, struct buf *b)
{
    json_t *rows = db_rows(audit_db(), "SELECT action, outcome, client_id FROM audit WHERE request_id=? ORDER BY seq",
                           "t", rid);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        json_t *cid = json_object_get(r, "client_id");
        buf_printf(b, "%s%s/%s/client=", i ? "; " : "", json_string_value(json_object_get(r, "action")),
                   json_string_value(json_object_get(r, "outcome")));
        if (json_is_integer(cid))
            buf_printf(b, "%lld", (long long)json_integer_value(cid));
        else
            buf_adds(b, "null");
    }
    if (!json_array_size(rows))
        buf_adds(b, "(none)");
    json_decref(rows);
}

/* spec: "none", "rows N" (exactly N rows), or key=value pairs; keys are audit columns, or
 * staff=USERNAME. */
static void check_audit(struct resp *r, const char *spec, struct result *res)
{
    const char *rid = resp_header(r, "x-request-id");
    if (!rid) {
        fail(res, "audit: the response has no x-request-id");
        return;
    }
    if (!audit_db()) {
        fail(res, "audit: cannot open %s read-only", G.db);
        return;
    }
    int rows = -1;
    if (sscanf(spec, "rows %d", &rows) == 1) {
        int n = (int)db_int1(G.adb, -1, "SELECT count(*) FROM audit WHERE request_id=?", "t", rid);
        if (n != rows) {
            struct buf b;
            buf_init(&b);
            audit_rows(rid, &b);
            fail(res, "audit: expected %d rows, the request wrote %d: %s", rows, n, b.data);
            buf_free(&b);
        }
        return;
    }
    static const char *const cols[] = {"action", "outcome", "client_id", "entity", "entity_id", "staff_id",
                                       "org_id", "purpose", "reason", "detail", NULL};
    struct buf sql;
    buf_init(&sql);
    buf_adds(&sql, "SELECT count(*) FROM audit WHERE request_id=?1");
    const char *vals[16];
    int nv = 0, none = !strcmp(spec, "none");
    char copy[2048];
    snprintf(copy, sizeof copy, "%s", spec);
    for (char *p = none ? NULL : copy, *tok; p && *p && nv < 16;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        tok = p; /* key=value or key="value with spaces" */
        char *eq0 = strchr(tok, '=');
        if (eq0 && eq0[1] == '"' && strchr(eq0 + 2, '"')) {
            char *close = strchr(eq0 + 2, '"');
            memmove(eq0 + 1, eq0 + 2, (size_t)(close - eq0 - 2));
            close[-1] = 0;
            p = close + 1;
        } else {
            p += strcspn(p, " \t");
            if (*p)
                *p++ = 0;
        }
        char *eq = strchr(tok, '=');
        if (!eq) {
            fail(res, "audit: expected key=value, got '%s'", tok);
            buf_free(&sql);
            return;
        }
        *eq = 0;
        int known = !strcmp(tok, "staff");
        for (int i = 0; cols[i]; i++)
            known |= !strcmp(tok, cols[i]);
        if (!known) {
            fail(res, "audit: unknown column '%s'", tok);
            buf_free(&sql);
            return;
        }
        if (!strcmp(eq + 1, "null"))
            buf_printf(&sql, " AND %s IS NULL", tok);
        else if (!strcmp(tok, "staff"))
            buf_printf(&sql, " AND staff_id=(SELECT id FROM staff WHERE username=?%d)", nv + 2), vals[nv++] = eq + 1;
        else /* compared as text, so one query suits every column on every engine */
            buf_printf(&sql, " AND CAST(%s AS TEXT)=?%d", tok, nv + 2), vals[nv++] = eq + 1;
    }
    int count = -1;
    char fmt[20] = "t";
    const char *v[16] = {0};
    for (int i = 0; i < nv; i++)
        fmt[i + 1] = 't', v[i] = vals[i];
    fmt[nv + 1] = 0;
    /* Unused trailing arguments are ignored: fmt says how many are bound. */
    count = (int)db_int1(G.adb, -1, sql.data, fmt, rid, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                         v[10], v[11], v[12], v[13], v[14], v[15]);
    buf_free(&sql);
    if (none ? count != 0 : count < 1) {
        struct buf b;
        buf_init(&b);
        audit_rows(rid, &b);
        fail(res, "audit: expected %s %s, the request wrote: %s", none ? "no row" : "a row with", spec, b.data);
        buf_free(&b);
    }
}

/* ---------- case files ---------- */

enum { D_AS, D_SET, D_REQ, D_EXPECT, D_JSON, D_HEADER, D_TEXT, D_SAVE, D_AUDIT, D_MATRIX, D_PARALLEL, D_FROM,
       D_COUNT, D_METRIC, D_PICK, D_UNSET };
static const char *const dnames[] = {"as",     "set",      "",     "expect", "json",  "header", "text", "save",
                                     "audit",  "matrix",   "parallel", "from", "count", "metric", "pick", "unset", NULL};

struct dir {
    int kind, line;
    char *arg;      /* the rest of the line */
    struct req rq;  /* D_REQ */
    char **rows;    /* D_MATRIX: its lines */
    int nrows;
};
struct tcase {
    char *name;
    int line;
    struct dir *d;
    int nd;
};

static int directive_kind(const char *s)
{
    for (int i = 0; dnames[i]; i++)
        if (dnames[i][0] && starts_word(s, dnames[i]))
            return i;
    return -1;
}
static int is_request_line(const char *s)
{
    const char *p = s;
    while (*p >= 'A' && *p <= 'Z')
        p++;
    return p > s && p - s < 10 && *p == ' ' && p[1] == '/';
}

static struct dir *add_dir(struct tcase *c, int kind, int line, const char *arg)
{
    c->d = xrealloc(c->d, (size_t)(c->nd + 1) * sizeof *c->d);
    struct dir *d = &c->d[c->nd++];
    memset(d, 0, sizeof *d);
    d->kind = kind;
    d->line = line;
    d->arg = xstrdup(arg ? arg : "");
    return d;
}

static void cases_free(struct tcase *cs, int n)
{
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < cs[i].nd; j++) {
            struct dir *d = &cs[i].d[j];
            free(d->arg);
            free(d->rq.path);
            free(d->rq.body);
            for (int k = 0; k < d->rq.nh; k++) {
                free(d->rq.h[k].name);
                free(d->rq.h[k].value);
            }
            free(d->rq.h);
            for (int k = 0; k < d->nrows; k++)
                free(d->rows[k]);
            free(d->rows);
        }
        free(cs[i].d);
        free(cs[i].name);
    }
    free(cs);
}

/* Parse a case file. Returns the number of cases, -1 with err on a syntax error. A line
 * `include FILE` outside a request (FILE beside the including file's folder, e.g. `include world.t`
 * from cases/ reads tests/api/world.t) ends the case before it and puts FILE's cases there, in order. */
static int parse_file(const char *path, struct tcase **out, char *err, size_t errlen);
static int parse_include(const char *from, const char *name, struct tcase **cs, int n, char *err, size_t errlen)
{
    char dir[1024], inc[1200];
    snprintf(dir, sizeof dir, "%s", from);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(dir, sizeof dir, ".");
    snprintf(inc, sizeof inc, "%s/../%s", dir, name);
    static int depth;
    if (depth > 4) {
        snprintf(err, errlen, "%s: includes nest too deep", inc);
        return -1;
    }
    struct tcase *more = NULL;
    depth++;
    int m = parse_file(inc, &more, err, errlen);
    depth--;
    if (m < 0)
        return -1;
    *cs = xrealloc(*cs, (size_t)(n + m + 1) * sizeof **cs);
    memcpy(*cs + n, more, (size_t)m * sizeof *more);
    free(more);
    return n + m;
}

static int parse_file(const char *path, struct tcase **out, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    struct tcase *cs = NULL;
    int n = 0, lineno = 0, rc = 0;
    enum { NONE, HEADERS, BODY, MATRIX } mode = NONE;
    struct dir *cur = NULL; /* the request or matrix being filled */
    struct buf body;
    buf_init(&body);
    char *raw = xmalloc(MAX_LINE);
    while (fgets(raw, MAX_LINE, f)) {
        lineno++;
        char *s = trim(raw);
        if (strncmp(s, "###", 3) == 0) {
            if (mode == BODY && body.len)
                cur->rq.body = buf_steal(&body);
            buf_reset(&body);
            mode = NONE;
            cs = xrealloc(cs, (size_t)(n + 1) * sizeof *cs);
            memset(&cs[n], 0, sizeof cs[n]);
            cs[n].name = xstrdup(trim(s + 3));
            cs[n].line = lineno;
            n++;
            continue;
        }
        if (s[0] == '#')
            continue;
        if (mode != MATRIX && starts_word(s, "include")) {
            if (mode == BODY && body.len)
                cur->rq.body = buf_steal(&body);
            buf_reset(&body);
            mode = NONE;
            int m = parse_include(path, trim(s + 7), &cs, n, err, errlen);
            if (m < 0) {
                rc = -1;
                break;
            }
            n = m;
            cs = xrealloc(cs, (size_t)(n + 1) * sizeof *cs); /* what follows starts a case of its own */
            memset(&cs[n], 0, sizeof cs[n]);
            cs[n].name = xstrdup("(after an include)");
            cs[n].line = lineno;
            n++;
            continue;
        }
        if (!n) {
            if (!*s)
                continue;
            snprintf(err, errlen, "%s:%d: text before the first ### case", path, lineno);
            rc = -1;
            break;
        }
        struct tcase *c = &cs[n - 1];
        if (mode == MATRIX) {
            if (*s) {
                cur->rows = xrealloc(cur->rows, (size_t)(cur->nrows + 1) * sizeof *cur->rows);
                cur->rows[cur->nrows++] = xstrdup(s);
            }
            continue;
        }
        int kind = directive_kind(s);
        if (mode == HEADERS) {
            if (!*s) {
                mode = BODY;
                continue;
            }
            size_t tl = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
            if (kind < 0 && tl > 0 && s[tl] == ':') {
                char *colon = s + tl;
                cur->rq.h = xrealloc(cur->rq.h, (size_t)(cur->rq.nh + 1) * sizeof *cur->rq.h);
                cur->rq.h[cur->rq.nh].name = xstrndup(s, (size_t)(colon - s));
                cur->rq.h[cur->rq.nh].value = xstrdup(trim(colon + 1));
                cur->rq.nh++;
                continue;
            }
            mode = kind < 0 ? BODY : NONE; /* not a header: the body starts (no blank line needed) */
        }
        if (mode == BODY) {
            if (kind < 0 && !is_request_line(s)) {
                if (*s || body.len) {
                    if (body.len)
                        buf_addc(&body, '\n');
                    buf_adds(&body, s);
                }
                continue;
            }
            if (body.len)
                cur->rq.body = buf_steal(&body);
            buf_reset(&body);
            mode = NONE;
        }
        if (!*s || s[0] == '#')
            continue;
        if (is_request_line(s)) {
            cur = add_dir(c, D_REQ, lineno, s);
            char *sp = strchr(s, ' ');
            snprintf(cur->rq.method, sizeof cur->rq.method, "%.*s", (int)(sp - s), s);
            cur->rq.path = xstrdup(trim(sp + 1));
            cur->rq.line = lineno;
            mode = HEADERS;
            continue;
        }
        if (kind < 0) {
            snprintf(err, errlen, "%s:%d: unknown directive: %.60s", path, lineno, s);
            rc = -1;
            break;
        }
        struct dir *d = add_dir(c, kind, lineno, trim(s + strlen(dnames[kind])));
        if (kind == D_MATRIX) {
            cur = d;
            mode = MATRIX;
        }
    }
    if (rc == 0 && mode == BODY && body.len)
        cur->rq.body = buf_steal(&body);
    buf_free(&body);
    free(raw);
    fclose(f);
    if (rc != 0) {
        cases_free(cs, n);
        return -1;
    }
    *out = cs;
    return n;
}

/* ---------- running a case ---------- */

/* Substitute a request's path, headers and body. */
static int req_subst(const struct req *in, struct req *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    snprintf(out->method, sizeof out->method, "%s", in->method);
    out->h = xcalloc((size_t)in->nh + 1, sizeof *out->h);
    if (!(out->path = subst(in->path, err, errlen)))
        return -1;
    for (int i = 0; i < in->nh; i++) {
        out->h[i].name = xstrdup(in->h[i].name);
        if (!(out->h[i].value = subst(in->h[i].value, err, errlen)))
            return -1;
        out->nh++;
    }
    if (in->body && !(out->body = subst(in->body, err, errlen)))
        return -1;
    return 0;
}
static void req_free(struct req *r)
{
    free(r->path);
    free(r->body);
    for (int i = 0; i < r->nh; i++) {
        free(r->h[i].name);
        free(r->h[i].value);
    }
    free(r->h);
}

/* One assertion or save after a response. */
static void after(struct dir *d, struct resp *r, int *expected, struct result *res)
{
    char err[256];
    char *arg = subst(d->arg, err, sizeof err);
    if (!arg) {
        fail(res, "line %d: %s", d->line, err);
        return;
    }
    switch (d->kind) {
    case D_EXPECT: { /* expect STATUS [STATUS...]: one of them (several: for a `parallel` burst) */
        int want = atoi(arg), any = 0;
        *expected = 1;
        for (char *p = arg; *p && !any;) {
            any = atoi(p) == r->status;
            p += strcspn(p, " \t");
            p += strspn(p, " \t");
        }
        if (!any) {
            struct buf b;
            buf_init(&b);
            show(&b, r->body.data ? r->body.data : "", 400);
            fail(res, "expected status %s, got %d: %s", want ? arg : "?", r->status, trim(b.data));
            buf_free(&b);
        }
        break;
    }
    case D_JSON:
        if (!r->json)
            fail(res, "json %s: the response is not JSON", arg);
        else
            check_json(r->json, arg, res);
        break;
    case D_HEADER:
        check_header(r, arg, res);
        break;
    case D_TEXT:
        check_text(r, arg, res);
        break;
    case D_AUDIT:
        check_audit(r, arg, res);
        break;
    case D_SAVE: {
        char name[128], path[512];
        if (sscanf(arg, "%127s %511s", name, path) != 2) {
            fail(res, "line %d: save VAR PATH", d->line);
            break;
        }
        json_t *v = jpath(r->json, path);
        if (!v)
            fail(res, "save %s: %s is missing from the response", name, path);
        else
            json_object_set_new(G.vars, name, v);
        break;
    }
    }
    free(arg);
}

static void run_matrix(const char *file, struct dir *m);

/* A counter's value in /metrics (a line "NAME VALUE", no labels), read from 127.0.0.1; -1 when absent. */
static double metric_now(const char *name)
{
    char from[sizeof G.from];
    memcpy(from, G.from, sizeof from);
    G.from[0] = 0;
    struct resp r;
    double v = -1;
    if (http_send("GET", "/metrics", NULL, 0, NULL, 0, &r) == 0 && r.status == 200) {
        size_t n = strlen(name);
        for (const char *l = r.body.data; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
            if (strncmp(l, name, n) == 0 && l[n] == ' ')
                v = strtod(l + n + 1, NULL);
    }
    resp_free(&r);
    memcpy(G.from, from, sizeof from);
    return v;
}

/* "OP N" against a number: 1 when it holds, -1 when the spec is malformed. */
static int num_holds(double got, const char *spec)
{
    char op[4];
    double want;
    if (sscanf(spec, "%3s %lf", op, &want) != 2)
        return -1;
    if (!strcmp(op, "=="))
        return got == want;
    if (!strcmp(op, "<="))
        return got <= want;
    if (!strcmp(op, ">="))
        return got >= want;
    if (!strcmp(op, "<"))
        return got < want;
    if (!strcmp(op, ">"))
        return got > want;
    return -1;
}

/* `metric NAME OP N`: the counter NAME grew by (OP N) across the request; `count STATUS OP N`: how
 * many responses of a `parallel` burst had STATUS. */
static void check_count(struct dir *d, int n, struct resp *rs, double *mbefore, struct result *res)
{
    char name[128];
    int used = 0;
    if (sscanf(d->arg, "%127s %n", name, &used) != 1) {
        fail(res, "line %d: %s NAME OP N", d->line, dnames[d->kind]);
        return;
    }
    double got = 0;
    if (d->kind == D_COUNT) {
        int st = atoi(name);
        for (int i = 0; i < n; i++)
            got += rs[i].status == st;
    } else {
        double now = metric_now(name);
        if (now < 0 || *mbefore < 0) {
            fail(res, "metric %s: not in /metrics", name);
            return;
        }
        got = now - *mbefore;
    }
    int ok = num_holds(got, d->arg + used);
    if (ok < 0)
        fail(res, "line %d: %s %s OP N", d->line, dnames[d->kind], name);
    else if (!ok)
        fail(res, "%s %s: expected %s, got %g", d->kind == D_COUNT ? "count of status" : "metric", name,
             d->arg + used, got);
}

static void run_case(const char *file, struct tcase *c)
{
    struct result res;
    buf_init(&res.diag);
    buf_adds(&res.diag, "");
    res.bad = 0;
    char as[160] = "none", err[256];
    struct resp r;
    memset(&r, 0, sizeof r);
    int sent = 0, expected = 0, asserts = 0, pick = 0;
    double mbefore = -1;
    G.parallel = 1;
    G.from[0] = 0;
    snprintf(G.current, sizeof G.current, "%s: %s", file, c->name);
    for (int i = 0; i < c->nd; i++) {
        struct dir *d = &c->d[i];
        if (d->kind == D_AS) {
            char *v = subst(d->arg, err, sizeof err);
            if (!v) {
                fail(&res, "line %d: %s", d->line, err);
                break;
            }
            snprintf(as, sizeof as, "%s", v);
            free(v);
        } else if (d->kind == D_PARALLEL) {
            G.parallel = atoi(d->arg);
            if (G.parallel < 1 || G.parallel > 1000) {
                fail(&res, "line %d: parallel 1..1000", d->line);
                break;
            }
        } else if (d->kind == D_FROM) {
            snprintf(G.from, sizeof G.from, "%s", d->arg);
        } else if (d->kind == D_SET) {
            char name[128];
            int used = 0;
            if (sscanf(d->arg, "%127s %n", name, &used) != 1) {
                fail(&res, "line %d: set VAR VALUE", d->line);
                continue;
            }
            char *v = subst(d->arg + used, err, sizeof err);
            if (!v) {
                fail(&res, "line %d: %s", d->line, err);
                continue;
            }
            json_object_set_new(G.vars, name, text_json(v));
            free(v);
        } else if (d->kind == D_UNSET) { /* a variable one file set for itself goes before the next */
            char name[128];
            if (sscanf(d->arg, "%127s", name) != 1) {
                fail(&res, "line %d: unset VAR", d->line);
                continue;
            }
            json_object_del(G.vars, name);
        } else if (d->kind == D_MATRIX) {
            run_matrix(file, d);
        } else if (d->kind == D_REQ) {
            if (sent) {
                fail(&res, "line %d: one request per case", d->line);
                break;
            }
            for (int j = i + 1; j < c->nd; j++) /* a counter to compare: read it before */
                if (c->d[j].kind == D_METRIC) {
                    char name[128];
                    if (sscanf(c->d[j].arg, "%127s", name) == 1)
                        mbefore = metric_now(name);
                    break;
                }
            struct req rq;
            sent = 1;
            if (req_subst(&d->rq, &rq, err, sizeof err) != 0)
                fail(&res, "line %d: %s", d->line, err);
            else if (send_as(as, &rq, &r, &res) != 0)
                fail(&res, "line %d: the request failed", d->line);
            req_free(&rq);
            if (res.bad)
                break;
        } else if (d->kind == D_PICK) {
            pick = atoi(d->arg);
        } else if (d->kind == D_COUNT || d->kind == D_METRIC) {
            asserts++;
            if (!sent)
                fail(&res, "line %d: an assertion before the request", d->line);
            else
                check_count(d, G.pr ? G.parallel : 1, G.pr ? G.pr : &r, &mbefore, &res);
        } else {
            asserts++;
            if (!sent) {
                fail(&res, "line %d: an assertion before the request", d->line);
            } else if (G.pr) { /* a burst: each response (`pick STATUS`: each with that status) */
                int seen = 0;
                for (int k = 0; k < G.parallel; k++)
                    if (d->kind == D_EXPECT || !pick || G.pr[k].status == pick) {
                        seen++;
                        after(d, &G.pr[k], &expected, &res);
                    }
                if (!seen)
                    fail(&res, "line %d: no response of the burst had status %d", d->line, pick);
            } else {
                after(d, &r, &expected, &res);
            }
        }
    }
    if (sent && !expected && !res.bad)
        fail(&res, "line %d: the case has no 'expect STATUS'", c->line);
    if (sent || res.bad || asserts) {
        char name[600];
        snprintf(name, sizeof name, "%s: %s", file, c->name);
        if (G.verbose && !res.bad)
            printf("# %s -> %d\n", name, r.status);
        report(&res, name);
    }
    if (G.pr) {
        for (int k = 0; k < G.parallel; k++)
            resp_free(&G.pr[k]);
        free(G.pr);
        G.pr = NULL;
        memset(&r, 0, sizeof r);
    }
    G.parallel = 1;
    G.from[0] = 0;
    resp_free(&r);
    buf_free(&res.diag);
}

/* ---------- the access matrix ----------
 *   matrix
 *   roles ROLE...                       columns: who asks (logged-in users)
 *   tag NAME json|header|text SPEC       an assertion a cell may ask for with /NAME
 *   REL METHOD PATH [Name:value]... [BODY] | CELL...
 * {x} in PATH and BODY is the variable REL_x@ROLE, else REL_x ('-' as REL: x@ROLE, else x).
 * CELL: STATUS, then '*' (an audit row with outcome=denied for {client} written by this request),
 * '+' (the same with outcome=ok), then /TAG... (tags checked when the status matched). */

static char *placeholders(const char *in, const char *rel, const char *role, char *err, size_t errlen)
{
    struct buf b;
    buf_init(&b);
    buf_adds(&b, "");
    for (const char *p = in; *p;) {
        const char *e = *p == '{' ? strchr(p, '}') : NULL;
        size_t n = e ? (size_t)(e - p - 1) : 0;
        int name = n > 0 && n < 40;
        for (size_t i = 1; name && i <= n; i++)
            name = (p[i] >= 'a' && p[i] <= 'z') || p[i] == '_' || (p[i] >= '0' && p[i] <= '9');
        if (!name) {
            buf_addc(&b, *p++);
            continue;
        }
        char k1[128], k2[128];
        if (!strcmp(rel, "-")) {
            snprintf(k1, sizeof k1, "%.*s@%s", (int)n, p + 1, role);
            snprintf(k2, sizeof k2, "%.*s", (int)n, p + 1);
        } else {
            snprintf(k1, sizeof k1, "%s_%.*s@%s", rel, (int)n, p + 1, role);
            snprintf(k2, sizeof k2, "%s_%.*s", rel, (int)n, p + 1);
        }
        json_t *v = json_object_get(G.vars, k1);
        if (!v)
            v = json_object_get(G.vars, k2);
        if (!v) {
            snprintf(err, errlen, "no variable %s or %s for {%.*s}", k1, k2, (int)n, p + 1);
            buf_free(&b);
            return NULL;
        }
        char *t = json_text(v);
        buf_adds(&b, t);
        free(t);
        p = e + 1;
    }
    return buf_steal(&b);
}

static void run_cell(const char *file, const char *role, const char *rel, const char *row_left, const char *cell,
                     json_t *tags)
{
    struct result res;
    buf_init(&res.diag);
    buf_adds(&res.diag, "");
    res.bad = 0;
    char name[700], err[256];
    char left[2048];
    snprintf(left, sizeof left, "%s", row_left);
    snprintf(name, sizeof name, "%s: %-8s %s -> %s", file, role, trim(left), cell);
    snprintf(G.current, sizeof G.current, "%s", name);
    /* The row: REL METHOD PATH [Name:value]... [BODY] */
    char *save = NULL, *tok = strtok_r(left, " \t", &save); /* REL */
    char *method = strtok_r(NULL, " \t", &save);
    char *path = strtok_r(NULL, " \t", &save);
    struct req in;
    memset(&in, 0, sizeof in);
    struct hdr hs[8];
    char *rest = save ? trim(save) : NULL;
    (void)tok;
    while (rest && *rest && *rest != '{' && in.nh < 8) {
        char *sp = strpbrk(rest, " \t"), *colon = strchr(rest, ':');
        if (sp)
            *sp = 0;
        if (!colon) {
            fail(&res, "matrix row: expected Name:value or a JSON body at '%s'", rest);
            break;
        }
        *colon = 0;
        hs[in.nh++] = (struct hdr){rest, colon + 1};
        rest = sp ? trim(sp + 1) : NULL;
    }
    in.h = hs;
    struct req rq;
    memset(&rq, 0, sizeof rq);
    struct resp r;
    memset(&r, 0, sizeof r);
    if (!res.bad && (!method || !path))
        fail(&res, "matrix row: REL METHOD PATH ... | CELLS");
    if (!res.bad) {
        snprintf(in.method, sizeof in.method, "%s", method);
        in.path = placeholders(path, rel, role, err, sizeof err);
        in.body = rest && *rest ? placeholders(rest, rel, role, err, sizeof err) : NULL;
        char *hv[8] = {0};
        int hok = 1;
        for (int i = 0; i < in.nh && in.path; i++)
            hok &= (in.h[i].value = hv[i] = placeholders(in.h[i].value, rel, role, err, sizeof err)) != NULL;
        if (!in.path || !hok || (rest && *rest && !in.body))
            fail(&res, "%s", err);
        else if (req_subst(&in, &rq, err, sizeof err) != 0)
            fail(&res, "%s", err);
        else
            send_as(role, &rq, &r, &res);
        for (int i = 0; i < 8; i++)
            free(hv[i]);
        free(in.path);
        free(in.body);
    }
    if (!res.bad) {
        int want = atoi(cell);
        const char *p = cell;
        while (*p >= '0' && *p <= '9')
            p++;
        if (r.status != want) {
            struct buf b;
            buf_init(&b);
            show(&b, r.body.data ? r.body.data : "", 300);
            fail(&res, "expected status %d, got %d: %s", want, r.status, trim(b.data));
            buf_free(&b);
        }
        for (; *p == '*' || *p == '+'; p++) {
            char spec[200], *client = NULL;
            if (strcmp(rel, "-") != 0)
                client = placeholders("{client}", rel, role, err, sizeof err);
            snprintf(spec, sizeof spec, "outcome=%s staff=%s%s%s", *p == '*' ? "denied" : "ok", role,
                     client ? " client_id=" : "", client ? client : "");
            free(client);
            check_audit(&r, spec, &res);
        }
        while (*p == '/' && r.status == want) {
            const char *e = strchr(p + 1, '/');
            char tag[64];
            snprintf(tag, sizeof tag, "%.*s", (int)(e ? e - p - 1 : (long)strlen(p + 1)), p + 1);
            json_t *specs = json_object_get(tags, tag);
            if (!specs)
                fail(&res, "unknown tag /%s", tag);
            size_t i;
            json_t *s;
            json_array_foreach(specs, i, s)
            {
                char *spec = placeholders(json_string_value(s), rel, role, err, sizeof err);
                if (!spec) {
                    fail(&res, "tag /%s: %s", tag, err);
                    continue;
                }
                struct dir d = {.kind = D_JSON, .arg = spec};
                if (starts_word(d.arg, "json"))
                    d.arg = trim(d.arg + 4);
                else if (starts_word(d.arg, "header"))
                    d.kind = D_HEADER, d.arg = trim(d.arg + 6);
                else if (starts_word(d.arg, "text"))
                    d.kind = D_TEXT, d.arg = trim(d.arg + 4);
                int dummy;
                after(&d, &r, &dummy, &res);
                free(spec);
            }
            p = e ? e : p + strlen(p);
        }
        if (*p && r.status == want)
            fail(&res, "bad cell '%s'", cell);
    }
    report(&res, name);
    req_free(&rq);
    resp_free(&r);
    buf_free(&res.diag);
}

static void run_matrix(const char *file, struct dir *m)
{
    char *roles[32];
    int nroles = 0;
    json_t *tags = json_object();
    for (int i = 0; i < m->nrows; i++) {
        char line[4096];
        snprintf(line, sizeof line, "%s", m->rows[i]);
        if (starts_word(line, "roles")) {
            for (int k = 0; k < nroles; k++)
                free(roles[k]);
            nroles = 0;
            char *save = NULL;
            for (char *t = strtok_r(line + 5, " \t", &save); t && nroles < 32; t = strtok_r(NULL, " \t", &save))
                roles[nroles++] = xstrdup(t);
            continue;
        }
        if (starts_word(line, "tag")) {
            char tname[64];
            int used = 0;
            if (sscanf(line + 3, "%63s %n", tname, &used) == 1) {
                json_t *a = json_object_get(tags, tname);
                if (!a)
                    json_object_set_new(tags, tname, a = json_array());
                json_array_append_new(a, json_string(trim(line + 3 + used)));
            }
            continue;
        }
        char *bar = strrchr(line, '|');
        struct result res;
        buf_init(&res.diag);
        buf_adds(&res.diag, "");
        res.bad = 0;
        if (!bar) {
            fail(&res, "matrix row without '|': %s", line);
            report(&res, file);
            buf_free(&res.diag);
            continue;
        }
        *bar = 0;
        char *cells[32];
        int nc = 0;
        char *save = NULL;
        for (char *t = strtok_r(bar + 1, " \t", &save); t && nc < 32; t = strtok_r(NULL, " \t", &save))
            cells[nc++] = t;
        char rel[32];
        sscanf(line, "%31s", rel);
        if (nc != nroles) {
            fail(&res, "matrix row has %d cells for %d roles: %s", nc, nroles, line);
            report(&res, file);
            buf_free(&res.diag);
            continue;
        }
        buf_free(&res.diag);
        for (int k = 0; k < nc; k++)
            run_cell(file, roles[k], rel, trim(line), cells[k], tags);
    }
    for (int k = 0; k < nroles; k++)
        free(roles[k]);
    json_decref(tags);
}

static void run_file(const char *path)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    struct tcase *cs = NULL;
    char err[512];
    int n = parse_file(path, &cs, err, sizeof err);
    if (n < 0) {
        struct result res;
        buf_init(&res.diag);
        buf_adds(&res.diag, "");
        res.bad = 0;
        fail(&res, "%s", err);
        report(&res, base);
        buf_free(&res.diag);
        return;
    }
    for (int i = 0; i < n; i++)
        run_case(base, &cs[i]);
    cases_free(cs, n);
}

/* ---------- the server ---------- */

static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    return ntohs(a.sin_port);
}

/* Start argv with stdout and stderr to the log file; the child dies with us. */
static pid_t spawn(char *const argv[])
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    int fd = open(G.log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0) {
        dup2(fd, 1);
        dup2(fd, 2);
    }
    execv(argv[0], argv);
    _exit(127);
}

static void log_tail(int lines)
{
    FILE *f = fopen(G.log, "r");
    if (!f)
        return;
    char *all[4096];
    int n = 0;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        if (n == 4096) {
            free(all[0]);
            memmove(all, all + 1, sizeof all - sizeof all[0]);
            n--;
        }
        all[n++] = xstrdup(line);
    }
    fclose(f);
    for (int i = 0; i < n; i++) {
        if (i >= n - lines)
            printf("#   log: %s", all[i]);
        free(all[i]);
    }
}

static int wait_exit(pid_t pid, int seconds, int *status)
{
    for (int i = 0; i < seconds * 20; i++) {
        pid_t w = waitpid(pid, status, WNOHANG);
        if (w == pid)
            return 0;
        usleep(50000);
    }
    return -1;
}

static int start_server(void)
{
    char clients[] = "200", port[32], listen_at[64];
    char *demo[] = {(char *)G.hearth, "demo", "--db", G.db, "--clients", clients, NULL};
    int st;
    pid_t pid = spawn(demo);
    if (pid < 0 || wait_exit(pid, 120, &st) != 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        printf("not ok 1 - hearth demo --clients 200 fails\n");
        log_tail(20);
        return -1;
    }
    /* The evaluation's figures of the demo (issue 14), so that the control tower's cases have a run. */
    char *evaluate[] = {(char *)G.hearth, "evaluate", "--db", G.db, NULL};
    pid = spawn(evaluate);
    if (pid < 0 || wait_exit(pid, 120, &st) != 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        printf("not ok 1 - hearth evaluate fails\n");
        log_tail(20);
        return -1;
    }
    G.port = free_port();
    snprintf(port, sizeof port, "%d", G.port);
    snprintf(listen_at, sizeof listen_at, "127.0.0.1:%d", G.port);
    char *serve[] = {(char *)G.hearth, "serve", "--db", G.db, "--listen", listen_at, "--quiet", "--static",
                     (char *)G.static_dir, "--threads", "2", NULL};
    G.server = spawn(serve);
    if (G.server < 0)
        return -1;
    for (int i = 0; i < 600; i++) {
        if (waitpid(G.server, &st, WNOHANG) == G.server) {
            G.server = 0;
            break;
        }
        struct resp r;
        int rc = http_send("GET", "/healthz", NULL, 0, NULL, 0, &r);
        int ok = rc == 0 && r.status == 200;
        resp_free(&r);
        if (ok)
            return 0;
        usleep(50000);
    }
    printf("not ok 1 - hearth serve answers /healthz on 127.0.0.1:%d\n", G.port);
    log_tail(20);
    return -1;
}

static void stop_server(void)
{
    struct result res;
    buf_init(&res.diag);
    buf_adds(&res.diag, "");
    res.bad = 0;
    int st = 0;
    if (G.server <= 0 || kill(G.server, SIGTERM) != 0) {
        fail(&res, "the server is not running");
    } else if (wait_exit(G.server, 30, &st) != 0) {
        fail(&res, "the server did not exit within 30 s of SIGTERM");
        kill(G.server, SIGKILL);
        waitpid(G.server, &st, 0);
    } else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        if (WIFSIGNALED(st))
            fail(&res, "the server died of signal %d", WTERMSIG(st));
        else
            fail(&res, "the server exited with status %d", WEXITSTATUS(st));
    }
    G.server = 0;
    report(&res, "server: SIGTERM drains and exits 0");
    if (res.bad)
        log_tail(40);
    buf_free(&res.diag);
}

static void remove_tmp(void)
{
    DIR *d = opendir(G.tmp);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char p[600];
        snprintf(p, sizeof p, "%s/%s", G.tmp, e->d_name);
        unlink(p);
    }
    closedir(d);
    rmdir(G.tmp);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Case files: a directory's *.t in name order, or the files given. */
static int collect(char **args, int nargs, char ***out)
{
    char **files = NULL;
    int n = 0;
    for (int i = 0; i < nargs; i++) {
        struct stat sb;
        if (stat(args[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            DIR *d = opendir(args[i]);
            struct dirent *e;
            int first = n;
            while (d && (e = readdir(d))) {
                size_t len = strlen(e->d_name);
                if (len > 2 && !strcmp(e->d_name + len - 2, ".t")) {
                    files = xrealloc(files, (size_t)(n + 1) * sizeof *files);
                    char p[1024];
                    snprintf(p, sizeof p, "%s/%s", args[i], e->d_name);
                    files[n++] = xstrdup(p);
                }
            }
            if (d)
                closedir(d);
            qsort(files + first, (size_t)(n - first), sizeof *files, by_name);
        } else {
            files = xrealloc(files, (size_t)(n + 1) * sizeof *files);
            files[n++] = xstrdup(args[i]);
        }
    }
    *out = files;
    return n;
}

int main(int argc, char **argv)
{
    char *args[64];
    int nargs = 0;
    G.static_dir = "static";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--hearth") && i + 1 < argc)
            G.hearth = argv[++i];
        else if (!strcmp(argv[i], "--static") && i + 1 < argc)
            G.static_dir = argv[++i];
        else if (!strcmp(argv[i], "--keep"))
            G.keep = 1;
        else if (!strcmp(argv[i], "--record") && i + 1 < argc) {
            if (!(G.record = fopen(argv[++i], "w"))) {
                fprintf(stderr, "apitest: cannot write %s\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(argv[i], "--verbose"))
            G.verbose = 1;
        else if (argv[i][0] != '-' && nargs < 64)
            args[nargs++] = argv[i];
        else {
            fprintf(stderr, "usage: apitest --hearth PATH [--static DIR] [--keep] [--verbose] [--record FILE] DIR|FILE...\n");
            return 2;
        }
    }
    if (!G.hearth || !nargs) {
        fprintf(stderr, "usage: apitest --hearth PATH [--static DIR] [--keep] [--verbose] [--record FILE] DIR|FILE...\n");
        return 2;
    }
    if (access(G.hearth, X_OK) != 0) {
        fprintf(stderr, "apitest: %s is not executable\n", G.hearth);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    const char *tmpdir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(G.tmp, sizeof G.tmp, "%s/hearth-apitest-XXXXXX", tmpdir);
    if (!mkdtemp(G.tmp)) {
        fprintf(stderr, "apitest: cannot make a temporary directory: %s\n", strerror(errno));
        return 2;
    }
    snprintf(G.db, sizeof G.db, "%s/h.db", G.tmp);
    if (test_pg()) {
        char err[256];
        snprintf(G.pgname, sizeof G.pgname, "apitest_%d", (int)getpid());
        if (test_pg_create(G.pgname, G.db, sizeof G.db, err, sizeof err) != 0) {
            printf("not ok 1 - a database on the test cluster: %s\n1..1\n", err);
            return 1;
        }
    }
    snprintf(G.log, sizeof G.log, "%s/server.log", G.tmp);
    G.vars = json_object();
    G.sessions = json_object();
    double t0 = now_mono();
    int rc = 1;
    if (start_server() == 0) {
        char **files;
        int nf = collect(args, nargs, &files);
        for (int i = 0; i < nf; i++) {
            run_file(files[i]);
            free(files[i]);
        }
        free(files);
        stop_server();
        if (G.failed)
            log_tail(10);
        printf("1..%d\n", G.n);
        printf("# %d passed, %d failed in %.1f s\n", G.n - G.failed, G.failed, now_mono() - t0);
        rc = G.failed ? 1 : 0;
    } else {
        if (G.server > 0) {
            kill(G.server, SIGKILL);
            waitpid(G.server, NULL, 0);
        }
        printf("1..1\n");
    }
    db_close(G.adb);
    if (G.pgname[0])
        test_pg_drop(G.pgname);
    if (G.keep)
        printf("# kept %s\n", G.tmp);
    else
        remove_tmp();
    json_decref(G.vars);
    json_decref(G.sessions);
    if (G.record)
        fclose(G.record);
    return rc;
}
