/* test_db_pg: a PostgreSQL connection that the server cuts (pg_terminate_backend, as a restart
 * or an administrator does): inside a transaction it stays closed until the next BEGIN, so no
 * half of a transaction is ever committed; idle, it is re-opened before its next statement; a
 * refused writer lock leaves no transaction behind. Runs only on the test cluster
 * (HEARTH_TEST_PG); on SQLite every test is skipped. */
#include "helpers.h"

static int setup(void **state)
{
    *state = test_pg() ? tdb_open() : NULL;
    return 0;
}
static int teardown(void **state)
{
    tdb_close(*state);
    return 0;
}

/* A second connection to the same database, to do to the first what the server would. */
static struct db *admin(struct tdb *t)
{
    struct db *a = NULL;
    char err[256] = "";
    if (db_open(t->path, NULL, &a, err, sizeof err) != DB_OK)
        fail_msg("admin connection: %s", err);
    return a;
}

/* Cut connection `pid` and wait until its server process has gone. */
static void cut(struct db *a, int64_t pid)
{
    assert_int_equal(db_int1(a, 0, "SELECT pg_terminate_backend(?::int, 5000)::int", "i", pid), 1);
}

static void lost_in_transaction_stays_lost_until_begin(void **state)
{
    struct tdb *t = *state;
    if (!t)
        skip();
    struct db *db = t->db, *a = admin(t);
    assert_int_equal(db_exec(db, "CREATE TABLE r(x BIGINT)"), DB_OK);
    int64_t pid = db_int1(db, 0, "SELECT pg_backend_pid()", "");
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(db_run(db, "INSERT INTO r VALUES (1)", ""), DB_OK);
    cut(a, pid);
    assert_int_not_equal(db_run(db, "INSERT INTO r VALUES (2)", ""), DB_OK);
    assert_true(db_unavailable());
    /* Re-opened now, this would run on its own and commit at once. */
    assert_int_not_equal(db_run(db, "INSERT INTO r VALUES (3)", ""), DB_OK);
    assert_true(db_unavailable());
    assert_int_not_equal(db_commit(db), DB_OK);
    db_rollback(db);
    /* The next transaction may re-open it, and finds nothing of the lost one. */
    assert_int_equal(db_begin(db), DB_OK);
    assert_false(db_unavailable());
    assert_int_equal(db_int1(db, -1, "SELECT count(*) FROM r", ""), 0);
    assert_int_equal(db_run(db, "INSERT INTO r VALUES (4)", ""), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(db_int1(a, -1, "SELECT count(*) FROM r", ""), 1);
    db_close(a);
}

struct cut_job {
    struct wjob job;
    struct db *admin;
};
/* Inserts, loses its connection half-way, and carries on regardless (as code that does not check
 * every statement would): none of it may be committed. */
static int cut_run(struct wjob *j, struct db *w)
{
    struct cut_job *c = (struct cut_job *)j;
    db_run(w, "INSERT INTO r VALUES (1)", "");
    cut(c->admin, db_int1(w, 0, "SELECT pg_backend_pid()", ""));
    db_run(w, "INSERT INTO r VALUES (2)", "");
    db_run(w, "INSERT INTO r VALUES (3)", "");
    return 0;
}
static int insert_run(struct wjob *j, struct db *w)
{
    (void)j;
    return db_run(w, "INSERT INTO r VALUES (9)", "") == DB_OK ? 0 : -1;
}

static void writer_job_cut_off_is_not_committed(void **state)
{
    struct tdb *t = *state;
    if (!t)
        skip();
    struct db *db = t->db, *a = admin(t);
    assert_int_equal(db_exec(db, "CREATE TABLE r(x BIGINT)"), DB_OK);
    struct cut_job c = {.job.run = cut_run, .admin = a};
    assert_int_not_equal(writer_run_now(db, &c.job), 0);
    assert_false(c.job.committed);
    assert_int_equal(db_int1(a, -1, "SELECT count(*) FROM r", ""), 0);
    /* The next job re-opens the connection and commits. */
    struct wjob j = {.run = insert_run};
    assert_int_equal(writer_run_now(db, &j), 0);
    assert_true(j.committed);
    assert_int_equal(db_int1(a, -1, "SELECT count(*) FROM r", ""), 1);
    db_close(a);
}

static void idle_connection_cut_is_reopened_before_use(void **state)
{
    struct tdb *t = *state;
    if (!t)
        skip();
    struct db *db = t->db, *a = admin(t);
    int64_t pid = db_int1(db, 0, "SELECT pg_backend_pid()", "");
    cut(a, pid);
    /* The server said goodbye while we were idle: the next statement runs on a new connection. */
    assert_int_equal(db_int1(db, 0, "SELECT 1", ""), 1);
    assert_int_not_equal(db_int1(db, 0, "SELECT pg_backend_pid()", ""), pid);
    assert_false(db_unavailable());
    db_close(a);
}

static void refused_writer_lock_leaves_no_transaction(void **state)
{
    struct tdb *t = *state;
    if (!t)
        skip();
    struct db *db = t->db, *a = admin(t);
    assert_int_equal(db_begin(a), DB_OK); /* holds the writers' lock */
    assert_int_equal(db_exec(db, "SET lock_timeout = '50ms'"), DB_OK);
    assert_int_not_equal(db_begin(db), DB_OK);
    /* Not left in an aborted transaction: statements work, and the next BEGIN waits its turn. */
    assert_int_equal(db_int1(db, 0, "SELECT 1", ""), 1);
    assert_int_equal(db_commit(a), DB_OK);
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(a);
}

int main(void)
{
    log_quiet = 1;
    clock_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(lost_in_transaction_stays_lost_until_begin, setup, teardown),
        cmocka_unit_test_setup_teardown(writer_job_cut_off_is_not_committed, setup, teardown),
        cmocka_unit_test_setup_teardown(idle_connection_cut_is_reopened_before_use, setup, teardown),
        cmocka_unit_test_setup_teardown(refused_writer_lock_leaves_no_transaction, setup, teardown),
    };
    return cmocka_run_group_tests_name("db_pg", tests, NULL, NULL);
}
