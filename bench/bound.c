/* bench/bound: the second, physical bound of bench/run's (a) (issue 15). A minimal h2o server that
 * answers every GET with a fixed body (the bytes of Hearth's GET /api/v1/clients/1, read once from
 * --body), but only after one record about the request, of the size of Hearth's audit row, has been
 * inserted and committed by one writer thread with group commit (SQLite, WAL, synchronous=FULL: an
 * fsync per commit). No authentication, no access check, no reads, no JSON: what is left is the
 * cost of the audit promise itself (a loop hands the request to the writer; the writer inserts and
 * commits every request queued as one transaction; the loop answers when the commit is done).
 *
 *   make build/bench-bound
 *   build/bench-bound --listen 127.0.0.1:PORT --body FILE --db FILE [--threads N] [--max-batch N]
 *
 * Like `hearth serve`: N event loops (default 1), each on its own SO_REUSEPORT socket; the writer
 * on its own connection with wal_autocheckpoint=0 and a checkpointer thread on another connection
 * (a PASSIVE checkpoint every 250 ms), so commits never run a checkpoint. Anything but GET is 405.
 * A group whose commit fails is answered 503, never 200. SIGTERM or SIGINT: stop accepting, answer
 * what was submitted, print to stderr how many inserts were committed in how many transactions, and
 * exit 0 (1 when a group failed). --max-batch N commits at most N requests a transaction (default 0:
 * every request queued); --max-batch 1 is (b)'s bound without group commit. Not part of `make check`. */
#include <h2o.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct loop {
    pthread_t tid;
    int fd, inflight;
    unsigned long long rid;
    h2o_evloop_t *evloop;
    h2o_context_t ctx;
    h2o_accept_ctx_t accept_ctx;
    h2o_socket_t *listener;
    h2o_multithread_queue_t *queue;
    h2o_multithread_receiver_t receiver;
};

/* A request on its way to the writer and back. req and link are the loop thread's only. */
struct job {
    h2o_multithread_message_t msg;
    struct job *next;
    struct loop *L;
    h2o_req_t *req;    /* NULL once the connection went away before the answer */
    struct job **link; /* in req's pool: tells the pool's dispose which job to forget */
    int committed;
    char at[48], rid[20];
    int plen;
    char path[128];
};

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct job *head, *tail;
    int stop, max_batch;
    sqlite3 *db;
    sqlite3_stmt *begin, *ins, *commit;
    unsigned long long txns, inserts, failed;
} W = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

/* A record of about the size of Hearth's audit row (~160 bytes: its columns but the client's, with
 * a 32-byte previous hash and hash); no secondary index. */
static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS log(seq INTEGER PRIMARY KEY, at TEXT NOT NULL,"
    " who INTEGER, org INTEGER, action TEXT NOT NULL, outcome TEXT NOT NULL, path TEXT,"
    " request_id TEXT, addr TEXT, prev BLOB NOT NULL, hash BLOB NOT NULL)";
static const char INSERT[] =
    "INSERT INTO log(at, who, org, action, outcome, path, request_id, addr, prev, hash)"
    " VALUES (?1, 4, 1, 'client.read', 'ok', ?2, ?3, '127.0.0.1', ?4, ?5)";

static volatile sig_atomic_t stopping;
static h2o_globalconf_t config;
static char *body;
static size_t body_len;

static void on_signal(int sig)
{
    (void)sig;
    stopping = 1;
}

/* ---- the writer: every job queued is one group, one transaction, one fsync ---- */

static int step_done(sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE;
}

static uint64_t mix(uint64_t x) /* splitmix64: 32 bytes a record that do not repeat (not a MAC) */
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static void *writer_main(void *arg)
{
    (void)arg;
    uint64_t prev[4] = {0}, hash[4];
    for (;;) {
        pthread_mutex_lock(&W.mu);
        while (!W.head && !W.stop)
            pthread_cond_wait(&W.cv, &W.mu);
        struct job *g = W.head, *last = g;
        for (int k = 1; last && last->next && (W.max_batch <= 0 || k < W.max_batch); k++)
            last = last->next;
        W.head = last ? last->next : NULL;
        if (!W.head)
            W.tail = NULL;
        if (last)
            last->next = NULL;
        pthread_mutex_unlock(&W.mu);
        if (!g)
            return NULL; /* stopping, and nothing left */
        int ok = step_done(W.begin);
        unsigned long long n = 0;
        for (struct job *j = g; j && ok; j = j->next, n++) {
            for (int k = 0; k < 4; k++)
                hash[k] = mix(prev[k] ^ ((W.inserts + n) * 4 + (uint64_t)k));
            sqlite3_bind_text(W.ins, 1, j->at, -1, SQLITE_STATIC);
            sqlite3_bind_text(W.ins, 2, j->path, j->plen, SQLITE_STATIC);
            sqlite3_bind_text(W.ins, 3, j->rid, -1, SQLITE_STATIC);
            sqlite3_bind_blob(W.ins, 4, prev, sizeof prev, SQLITE_STATIC);
            sqlite3_bind_blob(W.ins, 5, hash, sizeof hash, SQLITE_STATIC);
            ok = step_done(W.ins);
            memcpy(prev, hash, sizeof prev);
        }
        if (ok)
            ok = step_done(W.commit);
        if (ok) {
            W.txns++;
            W.inserts += n;
        } else {
            fprintf(stderr, "bench-bound: a group of requests was not committed: %s\n", sqlite3_errmsg(W.db));
            if (!sqlite3_get_autocommit(W.db))
                sqlite3_exec(W.db, "ROLLBACK", NULL, NULL, NULL);
            W.failed++;
        }
        /* Only now does each request go back to its loop (one wake-up per loop and group: h2o
         * writes to a loop's pipe only when its queue was empty). */
        while (g) {
            struct job *j = g;
            g = g->next; /* the loop may free j as soon as it has it */
            j->committed = ok;
            h2o_multithread_send_message(&j->L->receiver, &j->msg);
        }
    }
}

static void writer_submit(struct job *j)
{
    j->next = NULL;
    pthread_mutex_lock(&W.mu);
    if (W.tail)
        W.tail->next = j;
    else
        W.head = j;
    W.tail = j;
    pthread_cond_signal(&W.cv);
    pthread_mutex_unlock(&W.mu);
}

static void *checkpoint_main(void *arg)
{
    sqlite3 *ck = arg;
    while (!stopping) {
        usleep(250 * 1000);
        sqlite3_wal_checkpoint_v2(ck, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    }
    return NULL;
}

/* ---- the loops ---- */

#define H(name, value)                                                                                       \
    h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT(name), 0, NULL, H2O_STRLIT(value))

/* The headers Hearth sends on client data, a content-length (keep-alive), and the body. */
static void reply(h2o_req_t *req, int status, const char *reason, const char *b, size_t len, const char *rid)
{
    static h2o_generator_t gen = {NULL, NULL};
    req->res.status = status;
    req->res.reason = reason;
    h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, NULL,
                   H2O_STRLIT("application/json"));
    h2o_iovec_t id = h2o_strdup(&req->pool, rid, strlen(rid));
    h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("x-request-id"), 0, NULL, id.base,
                          id.len);
    H("content-security-policy",
      "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    H("x-content-type-options", "nosniff");
    H("x-frame-options", "DENY");
    H("referrer-policy", "no-referrer");
    H("cache-control", "no-store");
    req->res.content_length = len;
    h2o_start_response(req, &gen);
    h2o_iovec_t buf = h2o_iovec_init(b, len);
    h2o_send(req, &buf, 1, H2O_SEND_STATE_FINAL);
}

static void on_req_dispose(void *p)
{
    struct job *j = *(struct job **)p;
    if (j) { /* the connection went away while the job was with the writer */
        j->req = NULL;
        j->L->inflight--;
    }
}

static int on_req(h2o_handler_t *self, h2o_req_t *req)
{
    (void)self;
    struct loop *L = H2O_STRUCT_FROM_MEMBER(struct loop, ctx, req->conn->ctx);
    char rid[20];
    snprintf(rid, sizeof rid, "%016llx", ++L->rid);
    if (!h2o_memis(req->method.base, req->method.len, H2O_STRLIT("GET"))) {
        h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_ALLOW, NULL, H2O_STRLIT("GET"));
        reply(req, 405, "Method Not Allowed", "{\"error\":\"method not allowed\"}", 30, rid);
        return 0;
    }
    struct job *j = calloc(1, sizeof *j);
    if (!j) {
        reply(req, 503, "Service Unavailable", "{\"error\":\"out of memory\"}", 25, rid);
        return 0;
    }
    j->L = L;
    j->req = req;
    j->link = h2o_mem_alloc_shared(&req->pool, sizeof *j->link, on_req_dispose);
    *j->link = j;
    memcpy(j->rid, rid, sizeof rid);
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t k = strftime(j->at, sizeof j->at, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(j->at + k, sizeof j->at - k, ".%03dZ", (int)(ts.tv_nsec / 1000000));
    j->plen = req->path_normalized.len < sizeof j->path ? (int)req->path_normalized.len : (int)sizeof j->path;
    memcpy(j->path, req->path_normalized.base, (size_t)j->plen);
    L->inflight++;
    writer_submit(j);
    return 0;
}

/* The writer hands jobs back: answer those whose connection is still there. */
static void on_messages(h2o_multithread_receiver_t *r, h2o_linklist_t *messages)
{
    (void)r;
    while (!h2o_linklist_is_empty(messages)) {
        struct job *j = H2O_STRUCT_FROM_MEMBER(struct job, msg.link, messages->next);
        h2o_linklist_unlink(&j->msg.link);
        if (j->req) {
            *j->link = NULL;
            j->L->inflight--;
            if (j->committed)
                reply(j->req, 200, "OK", body, body_len, j->rid);
            else
                reply(j->req, 503, "Service Unavailable", "{\"error\":\"not committed\"}", 25, j->rid);
        }
        free(j);
    }
}

static void on_accept(h2o_socket_t *listener, const char *err)
{
    struct loop *L = listener->data;
    h2o_socket_t *sock;
    if (!err && (sock = h2o_evloop_socket_accept(listener)) != NULL)
        h2o_accept(&L->accept_ctx, sock);
}

static pthread_barrier_t drained, writer_done;

static void *loop_main(void *arg)
{
    struct loop *L = arg;
    L->evloop = h2o_evloop_create();
    h2o_context_init(&L->ctx, L->evloop, &config);
    L->accept_ctx.ctx = &L->ctx;
    L->accept_ctx.hosts = config.hosts;
    L->queue = h2o_multithread_create_queue(L->evloop);
    h2o_multithread_register_receiver(L->queue, &L->receiver, on_messages);
    L->listener = h2o_evloop_socket_create(L->evloop, L->fd, H2O_SOCKET_FLAG_DONT_READ);
    L->listener->data = L;
    h2o_socket_read_start(L->listener, on_accept);
    while (!stopping)
        h2o_evloop_run(L->evloop, 200);
    h2o_socket_read_stop(L->listener);
    h2o_socket_close(L->listener);
    for (int i = 0; i < 100 && (i == 0 || L->inflight > 0); i++) /* answer what was submitted (5 s at most) */
        h2o_evloop_run(L->evloop, 50);
    pthread_barrier_wait(&drained); /* the writer may still hand jobs back until it has stopped */
    pthread_barrier_wait(&writer_done);
    h2o_evloop_run(L->evloop, 0);
    h2o_multithread_unregister_receiver(L->queue, &L->receiver);
    h2o_multithread_destroy_queue(L->queue);
    h2o_evloop_run(L->evloop, 0);
    free(L->queue); /* libh2o 2.2 does not free it */
    h2o_context_dispose(&L->ctx);
    h2o_evloop_destroy(L->evloop);
    return NULL;
}

static int listen_on(const char *where)
{
    char host[256];
    const char *colon = strrchr(where, ':');
    if (!colon || colon == where || (size_t)(colon - where) >= sizeof host)
        return -1;
    memcpy(host, where, (size_t)(colon - where));
    host[colon - where] = 0;
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE}, *ai;
    if (getaddrinfo(host, colon + 1, &hints, &ai) != 0)
        return -1;
    int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0), on = 1;
    if (fd >= 0 && (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) ||
                    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) ||
                    bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, SOMAXCONN))) {
        close(fd);
        fd = -1;
    }
    if (fd >= 0)
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    freeaddrinfo(ai);
    return fd;
}

static sqlite3 *open_db(const char *path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=0;",
                     NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench-bound: %s: %s\n", path, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 10000);
    return db;
}

int main(int argc, char **argv)
{
    const char *listen_at = NULL, *body_file = NULL, *db_file = NULL;
    int n = 1, bad = argc % 2 == 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--listen"))
            listen_at = argv[i + 1];
        else if (!strcmp(argv[i], "--body"))
            body_file = argv[i + 1];
        else if (!strcmp(argv[i], "--db"))
            db_file = argv[i + 1];
        else if (!strcmp(argv[i], "--threads"))
            n = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--max-batch"))
            W.max_batch = atoi(argv[i + 1]);
        else
            bad = 1;
    }
    if (bad || !listen_at || !body_file || !db_file || n < 1 || n > 256 || W.max_batch < 0) {
        fprintf(stderr, "usage: bench-bound --listen HOST:PORT --body FILE --db FILE [--threads N]"
                        " [--max-batch N]\n");
        return 2;
    }
    FILE *f = fopen(body_file, "rb");
    long sz = -1;
    if (f && fseek(f, 0, SEEK_END) == 0 && (sz = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (body = malloc((size_t)sz + 1)) != NULL && fread(body, 1, (size_t)sz, f) == (size_t)sz)
        body_len = (size_t)sz;
    else
        sz = -1;
    if (f)
        fclose(f);
    if (sz < 0) {
        fprintf(stderr, "bench-bound: cannot read %s\n", body_file);
        return 1;
    }
    sqlite3 *ck = NULL;
    if (!(W.db = open_db(db_file)) || !(ck = open_db(db_file)) ||
        sqlite3_exec(W.db, SCHEMA, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(W.db, "BEGIN IMMEDIATE", -1, &W.begin, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(W.db, "COMMIT", -1, &W.commit, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(W.db, INSERT, -1, &W.ins, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench-bound: %s: %s\n", db_file, W.db ? sqlite3_errmsg(W.db) : "cannot open");
        return 1;
    }

    h2o_config_init(&config);
    config.server_name = h2o_iovec_init(H2O_STRLIT("bench-bound"));
    h2o_hostconf_t *host = h2o_config_register_host(&config, h2o_iovec_init(H2O_STRLIT("default")), 65535);
    h2o_pathconf_t *pc = h2o_config_register_path(host, "/", 0);
    h2o_create_handler(pc, sizeof(h2o_handler_t))->on_req = on_req;

    struct loop *loops = calloc((size_t)n, sizeof *loops);
    for (int i = 0; loops && i < n; i++)
        if ((loops[i].fd = listen_on(listen_at)) < 0) {
            fprintf(stderr, "bench-bound: cannot listen on %s\n", listen_at);
            return 1;
        }
    if (!loops)
        return 1;
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    pthread_t wtid, cktid;
    pthread_barrier_init(&drained, NULL, (unsigned)n + 1);
    pthread_barrier_init(&writer_done, NULL, (unsigned)n + 1);
    pthread_create(&wtid, NULL, writer_main, NULL);
    pthread_create(&cktid, NULL, checkpoint_main, ck);
    for (int i = 0; i < n; i++)
        pthread_create(&loops[i].tid, NULL, loop_main, &loops[i]);
    fprintf(stderr, "bench-bound: serving %zu bytes on %s with %d threads (synchronous=FULL, %s)\n", body_len,
            listen_at, n, W.max_batch == 1 ? "one request per transaction" : "group commit");

    pthread_barrier_wait(&drained);
    pthread_mutex_lock(&W.mu);
    W.stop = 1;
    pthread_cond_signal(&W.cv);
    pthread_mutex_unlock(&W.mu);
    pthread_join(wtid, NULL); /* it commits and hands back every job queued before it stops */
    pthread_barrier_wait(&writer_done);
    for (int i = 0; i < n; i++)
        pthread_join(loops[i].tid, NULL);
    pthread_join(cktid, NULL);
    pthread_barrier_destroy(&drained);
    pthread_barrier_destroy(&writer_done);
    sqlite3_finalize(W.begin);
    sqlite3_finalize(W.ins);
    sqlite3_finalize(W.commit);
    sqlite3_close(ck);
    sqlite3_close(W.db);
    h2o_config_dispose(&config);
    free(loops);
    free(body);
    fprintf(stderr, "bench-bound: stopped; %llu inserts in %llu transactions (%.1f each), %llu failed\n",
            W.inserts, W.txns, W.txns ? (double)W.inserts / (double)W.txns : 0.0, W.failed);
    return W.failed ? 1 : 0;
}
