/* writer: the one thread that owns the write connection. Jobs are queued to it and
 * committed in groups: one transaction, one fsync, many requests. Each job runs in its own
 * savepoint, so one failing job never spoils its neighbours. A job is handed back
 * (notify) only after the transaction that holds it has committed. */
#ifndef HEARTH_WRITER_H
#define HEARTH_WRITER_H
#include <stdint.h>
struct db;

struct wjob {
    /* In a savepoint on the write connection; non-zero rolls the savepoint back. */
    int (*run)(struct wjob *j, struct db *db);
    /* Optional, after run's savepoint is released or rolled back, in the same transaction
     * (used to keep the audit record of a denied or failed attempt). */
    void (*after)(struct wjob *j, struct db *db, int rc);
    /* On the writer thread, after commit (or after the batch failed: then committed == 0). */
    void (*notify)(struct wjob *j);
    /* 1: a job that only appends (a read's audit records) and has no after(): it runs without a
     * savepoint of its own (two statements fewer per job, three round trips fewer on PostgreSQL),
     * so if it fails, nothing of its group is committed and every job of the group is handed back
     * with committed == 0, as when the group's BEGIN or COMMIT fails. Only for jobs that fail only
     * when the database does. */
    int plain;
    int rc;
    int committed;
    int unsure; /* not committed, but the failed COMMIT may still have reached the disk (db_commit_unsure) */
    struct wjob *next;
};

struct writer_stats {
    uint64_t batches, jobs, queue_depth;
    uint64_t run_us, commit_us, after_us; /* time spent running jobs, committing, after commit */
    uint64_t batch_hist[8]; /* sizes 1, 2-3, 4-7, 8-15, 16-31, 32-63, 64-127, >=128 */
};

/* Start the writer on its own connection. max_batch 1 disables group commit (bench). */
int writer_start(struct db *db, int max_batch, void (*on_commit)(struct db *db));
void writer_submit(struct wjob *j);
/* Finish queued jobs, then stop the thread. */
void writer_stop(void);
void writer_get_stats(struct writer_stats *s);

/* The hook run after every commit, also by writer_run_now (the audit head file). */
void writer_set_on_commit(void (*on_commit)(struct db *db));

/* Run one job synchronously on a connection (CLI commands, tests): same semantics. */
int writer_run_now(struct db *db, struct wjob *j);
#endif
