/* crashload: the write load of the crash test. Several threads, each on its own keep-alive
 * connection to a Hearth on 127.0.0.1, create contacts for client 1 as fast as answers come;
 * every acknowledged write (201 with the new id and the same body text) is appended to a file
 * as "id<TAB>body" the moment it is answered, so that after the server is killed the checker
 * knows exactly which writes Hearth promised were durable. The load ends when the server goes
 * away (or after --seconds).
 *
 *   crashload --port P --login USER PASSWORD        log in, create an API token, print it
 *   crashload --port P --token T --out FILE --tag R [--threads N] [--client ID] [--seconds S]
 *             [--stop-file F]                    (the load also ends once the file F exists)
 *
 * Answers may end by closing the connection (then it reconnects). Prints
 * "acked=N refused=N unavailable=N failed=N malformed=N truncated=N reconnects=N" on stdout
 * (unavailable: 503 answers, after which a thread waits 2 ms); exits 0 unless a
 * 201 came without the id or with another body than the one sent. */
#include "base/base.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_THREADS 32

static int port, nthreads = 4, out_fd = -1, seconds = 30;
static int64_t client_id = 1;
static const char *token, *tag = "0", *stop_file;
static double deadline;

/* ---------------- a minimal HTTP/1.1 client (Content-Length and chunked answers) ---------------- */

struct conn {
    int fd;
    struct buf in; /* bytes read and not yet consumed */
    int closed;    /* the server ended the answer by closing: reconnect for the next request */
};

static int conn_open(struct conn *c)
{
    buf_init(&c->in);
    c->closed = 0;
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (c->fd < 0)
        return -1;
    int on = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    struct timeval tv = {.tv_sec = 10};
    setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(c->fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(c->fd);
        c->fd = -1;
        return -1;
    }
    return 0;
}
static void conn_close(struct conn *c)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    buf_free(&c->in);
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}
/* Read more bytes into c->in; -1 on EOF or error. */
static int fill(struct conn *c)
{
    char tmp[16384];
    ssize_t r;
    do
        r = recv(c->fd, tmp, sizeof tmp, 0);
    while (r < 0 && errno == EINTR);
    if (r <= 0)
        return -1;
    buf_add(&c->in, tmp, (size_t)r);
    return 0;
}
static void consume(struct conn *c, size_t n)
{
    memmove(c->in.data, c->in.data + n, c->in.len - n);
    c->in.len -= n;
    c->in.data[c->in.len] = 0;
}
/* Find a header's value in the head block (case-insensitive name); copies at most len-1 bytes. */
static int header(const char *head, const char *name, char *out, size_t len)
{
    size_t nl = strlen(name);
    for (const char *p = strstr(head, "\r\n"); p && p[2]; p = strstr(p + 2, "\r\n")) {
        const char *line = p + 2;
        if (strncasecmp(line, name, nl) == 0 && line[nl] == ':') {
            const char *v = line + nl + 1;
            while (*v == ' ')
                v++;
            const char *e = strstr(v, "\r\n");
            size_t n = e ? (size_t)(e - v) : strlen(v);
            if (n >= len)
                n = len - 1;
            memcpy(out, v, n);
            out[n] = 0;
            return 0;
        }
    }
    return -1;
}

/* One request and its answer. Returns the status, or -1 when the connection failed. */
static int request(struct conn *c, const char *method, const char *path, const char *extra, const char *body,
                   struct buf *resp, char *head_out, size_t head_len)
{
    struct buf req;
    buf_init(&req);
    buf_printf(&req,
               "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n%s"
               "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
               method, path, extra ? extra : "", body ? strlen(body) : 0, body ? body : "");
    int rc = send_all(c->fd, req.data, req.len);
    buf_free(&req);
    if (rc != 0)
        return -1;
    char *end;
    while (!c->in.data || !(end = strstr(c->in.data, "\r\n\r\n")))
        if (fill(c) != 0)
            return -1;
    size_t hlen = (size_t)(end - c->in.data) + 4;
    char *head = xstrndup(c->in.data, hlen);
    consume(c, hlen);
    int status = 0;
    if (sscanf(head, "HTTP/1.%*d %d", &status) != 1) {
        free(head);
        return -1;
    }
    char v[64];
    buf_reset(resp);
    if (header(head, "content-length", v, sizeof v) == 0) {
        size_t n = (size_t)strtoul(v, NULL, 10);
        while (c->in.len < n)
            if (fill(c) != 0) {
                free(head);
                return -1;
            }
        buf_add(resp, c->in.data, n);
        consume(c, n);
    } else if (header(head, "transfer-encoding", v, sizeof v) == 0 && strcasecmp(v, "chunked") == 0) {
        for (;;) {
            char *crlf;
            while (!c->in.data || !(crlf = strstr(c->in.data, "\r\n")))
                if (fill(c) != 0) {
                    free(head);
                    return -1;
                }
            size_t n = (size_t)strtoul(c->in.data, NULL, 16);
            consume(c, (size_t)(crlf - c->in.data) + 2);
            while (c->in.len < n + 2)
                if (fill(c) != 0) {
                    free(head);
                    return -1;
                }
            buf_add(resp, c->in.data, n);
            consume(c, n + 2);
            if (n == 0)
                break;
        }
    } else { /* neither: the body ends when the server closes the connection */
        while (fill(c) == 0)
            ;
        if (c->in.len)
            buf_add(resp, c->in.data, c->in.len);
        consume(c, c->in.len);
        c->closed = 1;
    }
    if (header(head, "connection", v, sizeof v) == 0 && strcasecmp(v, "close") == 0)
        c->closed = 1;
    if (head_out)
        snprintf(head_out, head_len, "%s", head);
    free(head);
    return status;
}

/* ---------------- log in and create an API token ---------------- */

static int do_login(const char *user, const char *password)
{
    struct conn c;
    if (conn_open(&c) != 0) {
        fprintf(stderr, "crashload: cannot connect to 127.0.0.1:%d\n", port);
        return 1;
    }
    struct buf resp;
    buf_init(&resp);
    char head[8192], cookie[256], extra[512];
    json_t *in = json_pack("{s:s,s:s}", "username", user, "password", password);
    char *body = json_dumps(in, JSON_COMPACT);
    json_decref(in);
    int st = request(&c, "POST", "/api/v1/login", NULL, body, &resp, head, sizeof head);
    free(body);
    json_t *o = st == 200 ? json_loads(resp.data, 0, NULL) : NULL;
    const char *csrf = json_string_value(json_object_get(o, "csrf_token"));
    if (!csrf || header(head, "set-cookie", cookie, sizeof cookie) != 0) {
        fprintf(stderr, "crashload: login failed (%d): %s\n", st, resp.data ? resp.data : "");
        json_decref(o);
        buf_free(&resp);
        conn_close(&c);
        return 1;
    }
    cookie[strcspn(cookie, ";")] = 0;
    if (c.closed) {
        conn_close(&c);
        if (conn_open(&c) != 0) {
            json_decref(o);
            buf_free(&resp);
            return 1;
        }
    }
    snprintf(extra, sizeof extra, "Cookie: %s\r\nX-CSRF-Token: %s\r\n", cookie, csrf);
    json_decref(o);
    st = request(&c, "POST", "/api/v1/tokens", extra, "{\"name\":\"crash test\"}", &resp, NULL, 0);
    o = st == 201 ? json_loads(resp.data, 0, NULL) : NULL;
    const char *tok = json_string_value(json_object_get(o, "token"));
    int rc = 1;
    if (tok) {
        printf("%s\n", tok);
        rc = 0;
    } else {
        fprintf(stderr, "crashload: token not created (%d): %s\n", st, resp.data ? resp.data : "");
    }
    json_decref(o);
    buf_free(&resp);
    conn_close(&c);
    return rc;
}

/* ---------------- the load ---------------- */

struct worker {
    pthread_t tid;
    int index;
    long acked, refused, unavailable, failed, malformed, truncated, reconnects;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    struct conn c;
    if (conn_open(&c) != 0) {
        w->failed++;
        return NULL;
    }
    char extra[256], path[64], text[128];
    snprintf(extra, sizeof extra, "Authorization: Bearer %s\r\n", token);
    snprintf(path, sizeof path, "/api/v1/clients/%lld/contacts", (long long)client_id);
    struct buf resp;
    buf_init(&resp);
    for (long seq = 1; now_mono() < deadline && !(stop_file && access(stop_file, F_OK) == 0); seq++) {
        if (c.closed) { /* the last answer closed the connection (see the report on keep-alive) */
            conn_close(&c);
            w->reconnects++;
            if (conn_open(&c) != 0) { /* the server is gone */
                w->failed++;
                break;
            }
        }
        snprintf(text, sizeof text, "crash test %s-%d-%ld", tag, w->index, seq);
        json_t *in = json_pack("{s:s,s:s,s:i,s:[s],s:s}", "kind", "phone", "at", "2026-11-01T10:00",
                               "duration_min", 5, "domains", "housing", "body", text);
        char *body = json_dumps(in, JSON_COMPACT);
        json_decref(in);
        int st = request(&c, "POST", path, extra, body, &resp, NULL, 0);
        free(body);
        if (st < 0) { /* the server is gone: this write may or may not have been committed */
            w->failed++;
            break;
        }
        if (st == 503) { /* the database cannot take it just now (tests/fault/run): not acknowledged */
            w->unavailable++;
            usleep(2000);
            continue;
        }
        if (st != 201) {
            w->refused++;
            if (w->refused <= 3)
                fprintf(stderr, "crashload: status %d: %.200s\n", st, resp.data ? resp.data : "");
            continue;
        }
        json_t *o = json_loads(resp.data ? resp.data : "", 0, NULL);
        if (!o && c.closed) { /* cut off by the kill in the middle of the answer: not acknowledged */
            w->truncated++;
            continue;
        }
        json_int_t id = json_integer_value(json_object_get(o, "id"));
        const char *got = json_string_value(json_object_get(o, "body"));
        if (id <= 0 || !got || strcmp(got, text) != 0) {
            w->malformed++;
            fprintf(stderr, "crashload: a 201 without the id or the body sent: %.200s\n",
                    resp.data ? resp.data : "");
        }
        if (id > 0) { /* acknowledged: record it at once, in one write */
            char line[200];
            int n = snprintf(line, sizeof line, "%lld\t%s\n", (long long)id, text);
            if (write(out_fd, line, (size_t)n) != n) {
                perror("crashload: writing the acknowledged writes");
                exit(2);
            }
            w->acked++;
        }
        json_decref(o);
    }
    buf_free(&resp);
    conn_close(&c);
    return NULL;
}

static int usage(void)
{
    fprintf(
        stderr,
        "usage: crashload --port P --login USER PASSWORD\n"
        "       crashload --port P --token T --out FILE --tag R [--threads N] [--client ID] [--seconds S]\n"
        "                 [--stop-file F]\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *out = NULL, *login_user = NULL, *login_pw = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--login") == 0 && v && i + 2 < argc) {
            login_user = v;
            login_pw = argv[i + 2];
            i += 2;
            continue;
        }
        if (!v)
            return usage();
        if (strcmp(a, "--port") == 0)
            port = atoi(v);
        else if (strcmp(a, "--token") == 0)
            token = v;
        else if (strcmp(a, "--out") == 0)
            out = v;
        else if (strcmp(a, "--tag") == 0)
            tag = v;
        else if (strcmp(a, "--threads") == 0)
            nthreads = atoi(v);
        else if (strcmp(a, "--client") == 0)
            client_id = atoll(v);
        else if (strcmp(a, "--seconds") == 0)
            seconds = atoi(v);
        else if (strcmp(a, "--stop-file") == 0)
            stop_file = v;
        else
            return usage();
        i++;
    }
    if (port <= 0 || port > 65535)
        return usage();
    signal(SIGPIPE, SIG_IGN);
    if (login_user)
        return do_login(login_user, login_pw);
    if (!token || !out || nthreads < 1 || nthreads > MAX_THREADS || seconds < 1)
        return usage();
    out_fd = open(out, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (out_fd < 0) {
        perror(out);
        return 2;
    }
    deadline = now_mono() + seconds;
    struct worker w[MAX_THREADS];
    memset(w, 0, sizeof w);
    for (int i = 0; i < nthreads; i++) {
        w[i].index = i;
        pthread_create(&w[i].tid, NULL, work, &w[i]);
    }
    long acked = 0, refused = 0, unavailable = 0, failed = 0, malformed = 0, truncated = 0, reconnects = 0;
    for (int i = 0; i < nthreads; i++) {
        pthread_join(w[i].tid, NULL);
        acked += w[i].acked;
        refused += w[i].refused;
        unavailable += w[i].unavailable;
        failed += w[i].failed;
        malformed += w[i].malformed;
        truncated += w[i].truncated;
        reconnects += w[i].reconnects;
    }
    close(out_fd);
    printf("acked=%ld refused=%ld unavailable=%ld failed=%ld malformed=%ld truncated=%ld reconnects=%ld\n", acked,
           refused, unavailable, failed, malformed, truncated, reconnects);
    return malformed ? 3 : 0;
}
