/* writer: one thread, one write connection, group commit. */
#include "db/writer.h"
#include "base/base.h"
#include "db/db.h"
#include <pthread.h>
#include <string.h>

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t tid;
    struct wjob *head, *tail;
    int stopping, running, max_batch;
    struct db *db;
    void (*on_commit)(struct db *);
    struct writer_stats st;
} W = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

/* 0, or -1 when the transaction itself is gone (the connection was lost): then the job did not
 * run, and neither may the rest of the batch. */
static int run_one(struct db *db, struct wjob *j)
{
    if (j->plain && !j->after) {
        thread_set_hot("the writer");
        j->rc = j->run(j, db);
        thread_set_hot(NULL);
        return j->rc == 0 ? 0 : -1; /* failed without a savepoint: the group cannot commit */
    }
    if (db_exec(db, "SAVEPOINT job") != DB_OK)
        return j->rc = -1;
    thread_set_hot("the writer"); /* group commit waits on every job: no slow work inside one */
    j->rc = j->run(j, db);
    thread_set_hot(NULL);
    /* A job that met an error it did not report still fails alone: PostgreSQL refuses RELEASE in
     * a transaction an error has aborted, and ROLLBACK TO makes the transaction usable again. */
    if (j->rc == 0 && db_exec(db, "RELEASE job") != DB_OK)
        j->rc = -1;
    else if (j->rc == 0)
        goto after;
    db_exec(db, "ROLLBACK TO job");
    db_exec(db, "RELEASE job");
after:
    if (j->after)
        j->after(j, db, j->rc);
    return 0;
}

static int hist_slot(uint64_t n)
{
    int s = 0;
    while (n > 1 && s < 7) {
        n >>= 1;
        s++;
    }
    return s;
}

static void *writer_main(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&W.mu);
        while (!W.head && !W.stopping)
            pthread_cond_wait(&W.cv, &W.mu);
        if (!W.head && W.stopping) {
            pthread_mutex_unlock(&W.mu);
            break;
        }
        struct wjob *batch = W.head, *last = W.head;
        int n = 1;
        while (last->next && n < W.max_batch) {
            last = last->next;
            n++;
        }
        W.head = last->next;
        if (!W.head)
            W.tail = NULL;
        last->next = NULL;
        W.st.queue_depth -= (uint64_t)n;
        pthread_mutex_unlock(&W.mu);

        /* A batch whose BEGIN, a SAVEPOINT or COMMIT fails is not committed: every job in it is
         * handed back with committed == 0 (answered 503), and the writer waits for new work
         * rather than retrying, so a database that is away costs one failed call per batch. */
        double t0 = now_mono();
        int began = db_begin(W.db) == DB_OK, ok = began;
        for (struct wjob *j = batch; ok && j; j = j->next)
            ok = run_one(W.db, j) == 0;
        double t1 = now_mono();
        int unsure = 0;
        if (ok && db_commit(W.db) != DB_OK) {
            ok = 0;
            unsure = db_commit_unsure(W.db);
        }
        if (began && !ok)
            db_rollback(W.db);
        double t2 = now_mono();
        if (ok && W.on_commit)
            W.on_commit(W.db);
        double t3 = now_mono();
        pthread_mutex_lock(&W.mu);
        W.st.run_us += (uint64_t)((t1 - t0) * 1e6);
        W.st.commit_us += (uint64_t)((t2 - t1) * 1e6);
        W.st.after_us += (uint64_t)((t3 - t2) * 1e6);
        W.st.batches++;
        W.st.jobs += (uint64_t)n;
        W.st.batch_hist[hist_slot((uint64_t)n)]++;
        pthread_mutex_unlock(&W.mu);
        for (struct wjob *j = batch, *next; j; j = next) {
            next = j->next;
            j->next = NULL;
            j->committed = ok;
            j->unsure = unsure;
            if (!ok)
                j->rc = -1;
            j->notify(j);
        }
    }
    return NULL;
}

int writer_start(struct db *db, int max_batch, void (*on_commit)(struct db *))
{
    W.db = db;
    W.max_batch = max_batch > 0 ? max_batch : 1;
    if (on_commit)
        W.on_commit = on_commit;
    W.stopping = 0;
    if (pthread_create(&W.tid, NULL, writer_main, NULL) != 0)
        return -1;
    W.running = 1;
    return 0;
}

void writer_submit(struct wjob *j)
{
    j->next = NULL;
    pthread_mutex_lock(&W.mu);
    if (W.tail)
        W.tail->next = j;
    else
        W.head = j;
    W.tail = j;
    W.st.queue_depth++;
    pthread_cond_signal(&W.cv);
    pthread_mutex_unlock(&W.mu);
}

void writer_stop(void)
{
    if (!W.running)
        return;
    pthread_mutex_lock(&W.mu);
    W.stopping = 1;
    pthread_cond_signal(&W.cv);
    pthread_mutex_unlock(&W.mu);
    pthread_join(W.tid, NULL);
    W.running = 0;
}

void writer_get_stats(struct writer_stats *s)
{
    pthread_mutex_lock(&W.mu);
    *s = W.st;
    pthread_mutex_unlock(&W.mu);
}

int writer_run_now(struct db *db, struct wjob *j)
{
    if (db_begin(db) != DB_OK)
        return j->rc = -1;
    int ran = run_one(db, j) == 0;
    j->committed = ran && db_commit(db) == DB_OK;
    j->unsure = ran && !j->committed && db_commit_unsure(db);
    if (!j->committed) {
        db_rollback(db);
        j->rc = -1;
    } else if (W.on_commit) {
        W.on_commit(db);
    }
    return j->rc;
}

void writer_set_on_commit(void (*on_commit)(struct db *))
{
    W.on_commit = on_commit;
}
