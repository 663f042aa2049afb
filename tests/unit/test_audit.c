/* test_audit: the hash-chained audit log. Records appended through a context verify; then each
 * kind of tampering done through SQL (a modified field, a deleted middle row, a deleted tail,
 * swapped rows, a forged row, a rewritten chain, a missing head file) is reported, naming the
 * first bad record, with a non-zero result. */
#include "helpers.h"
#include <sodium.h>

#define NREC 10

static const struct actor auditor = {
    .staff_id = 7, .org_id = 3, .role = ROLE_CASE_MANAGER, .username = "cm7"};

struct job {
    struct wjob w;
    struct ctx *c;
};
static int flush_run(struct wjob *w, struct db *db)
{
    return audit_flush(((struct job *)w)->c, db, 0) == OK ? 0 : -1;
}

/* Append records [from, to] in one transaction, the way a request does. */
static void append_range(struct db *db, int from, int to)
{
    struct ctx c;
    ctx_init(&c, &auditor, db);
    c.request_id = "0123456789abcdef";
    c.addr = "127.0.0.1";
    for (int i = from; i <= to; i++) {
        char action[32];
        snprintf(action, sizeof action, i % 3 ? "client.read" : "contact.create");
        audit_log(&c, action, i == 5 ? "denied" : "ok", i % 4 ? i : 0, i % 4 ? "client" : NULL, i % 4 ? i : 0,
                  i == 2 ? "crisis: client unreachable" : NULL);
    }
    struct job j = {.w = {.run = flush_run}, .c = &c};
    assert_int_equal(writer_run_now(db, &j.w), 0);
    assert_int_equal(c.npend, 0);
    ctx_clear(&c);
}

static int setup(void **state)
{
    struct tdb *t = tdb_open();
    audit_set_head_path(t->head);
    writer_set_on_commit(audit_write_head);
    /* Three transactions: the head file follows each commit. */
    append_range(t->db, 1, 3);
    append_range(t->db, 4, 4);
    append_range(t->db, 5, NREC);
    *state = t;
    return 0;
}
static int teardown(void **state)
{
    writer_set_on_commit(NULL);
    audit_set_head_path(NULL);
    tdb_close(*state);
    return 0;
}

static int verify(struct tdb *t, char *report, size_t len)
{
    return audit_verify(t->db, t->head, report, len);
}

/* Tamper, then expect a failure whose report starts with "record N:". */
static void expect_bad(struct tdb *t, const char *tamper, int first_bad, const char *also)
{
    char report[512], want[32];
    sql(t->db, tamper);
    int rc = verify(t, report, sizeof report);
    if (rc == 0)
        fail_msg("tampering went unnoticed (%s): %s", tamper, report);
    snprintf(want, sizeof want, "record %d:", first_bad);
    if (strncmp(report, want, strlen(want)) != 0)
        fail_msg("after \"%s\" the report should name record %d first, but says: %s", tamper, first_bad,
                 report);
    if (also && !strstr(report, also))
        fail_msg("after \"%s\" the report should say '%s', but says: %s", tamper, also, report);
}

/* ---- the canonical hash, as an attacker with the database (and the source) would compute it ---- */
static void h_field(crypto_generichash_state *h, const char *s)
{
    char len[24];
    s = s ? s : "";
    int n = snprintf(len, sizeof len, "%zu:", strlen(s));
    crypto_generichash_update(h, (const unsigned char *)len, (unsigned long long)n);
    crypto_generichash_update(h, (const unsigned char *)s, strlen(s));
    crypto_generichash_update(h, (const unsigned char *)";", 1);
}
/* Recompute prev and hash of every row from `from` on, in seq order: a forger's rewrite. */
static void rechain(struct db *db, int64_t from, int64_t to)
{
    unsigned char prev[32] = {0};
    if (from > 1) {
        struct db_stmt *p =
            db_query(db, "SELECT hash FROM audit WHERE seq<? ORDER BY seq DESC LIMIT 1", "i", from);
        assert_int_equal(db_step(p), DB_ROW);
        size_t n;
        memcpy(prev, db_blob(p, 0, &n), 32);
        db_done(p);
    }
    json_t *rows =
        db_rows(db,
                "SELECT seq, at, CAST(staff_id AS TEXT) s, CAST(org_id AS TEXT) o, action, outcome,"
                " CAST(client_id AS TEXT) c, entity, CAST(entity_id AS TEXT) e, purpose, reason,"
                " request_id, addr FROM audit WHERE seq>=? AND seq<=? ORDER BY seq",
                "ii", from, to);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        crypto_generichash_state h;
        unsigned char out[32];
        char seq[24];
        snprintf(seq, sizeof seq, "%lld", (long long)ji(r, "seq"));
        crypto_generichash_init(&h, NULL, 0, 32);
        crypto_generichash_update(&h, prev, 32);
        static const char *const cols[] = {"at",     "s", "o",       "action", "outcome",    "c",
                                           "entity", "e", "purpose", "reason", "request_id", "addr"};
        h_field(&h, seq);
        for (size_t k = 0; k < ARRAY_LEN(cols); k++)
            h_field(&h, json_string_value(json_object_get(r, cols[k])));
        crypto_generichash_final(&h, out, 32);
        assert_int_equal(db_run(db, "UPDATE audit SET prev=?, hash=? WHERE seq=?", "bbi", prev, (size_t)32,
                                out, (size_t)32, ji(r, "seq")),
                         DB_OK);
        memcpy(prev, out, 32);
    }
    json_decref(rows);
}

/* ---------------- intact ---------------- */

static void intact_chain_verifies(void **state)
{
    struct tdb *t = *state;
    char report[512];
    assert_int_equal(verify(t, report, sizeof report), 0);
    assert_non_null(strstr(report, "10 records"));
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM audit"), NREC);
    /* The records carry who, where from, which request and why. */
    json_t *r = db_row(t->db, "SELECT * FROM audit WHERE seq=2", "");
    assert_int_equal(ji(r, "staff_id"), 7);
    assert_int_equal(ji(r, "org_id"), 3);
    assert_int_equal(ji(r, "client_id"), 2);
    assert_string_equal(js(r, "reason"), "crisis: client unreachable");
    assert_string_equal(js(r, "request_id"), "0123456789abcdef");
    assert_string_equal(js(r, "addr"), "127.0.0.1");
    assert_string_equal(js(r, "purpose"), "care");
    assert_string_equal(js(r, "at"), T_NOW);
    json_decref(r);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM audit WHERE seq=4 AND client_id IS NULL"), 1);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM audit WHERE outcome='denied'"), 1);
    /* The head (a file beside SQLite; a row on PostgreSQL) names the newest record. */
    if (test_pg()) {
        assert_int_equal(count_of(t->db, "SELECT seq FROM audit_head"), NREC);
        assert_int_equal(count_of(t->db, "SELECT count(*) FROM audit_head h JOIN audit a ON a.seq=h.seq AND a.hash=h.hash"),
                         1);
    } else {
        FILE *f = fopen(t->head, "r");
        assert_non_null(f);
        long long seq = 0;
        char hex[80];
        assert_int_equal(fscanf(f, "%lld %79s", &seq, hex), 2);
        fclose(f);
        assert_int_equal(seq, NREC);
        assert_int_equal(strlen(hex), 64);
    }
    /* More records later: still intact. */
    append_range(t->db, NREC + 1, NREC + 2);
    assert_int_equal(verify(t, report, sizeof report), 0);
}

static void empty_log_verifies(void **state)
{
    (void)state;
    struct tdb *t = tdb_open();
    char report[512];
    assert_int_equal(audit_verify(t->db, t->head, report, sizeof report),
                     0); /* no records, no head file yet */
    assert_int_equal(audit_verify(t->db, NULL, report, sizeof report), 0);
    tdb_close(t);
}

static void failed_work_keeps_only_denials(void **state)
{
    struct tdb *t = *state;
    struct ctx c;
    ctx_init(&c, &auditor, t->db);
    audit_log(&c, "client.update", "ok", 3, "client", 3, NULL);
    audit_log(&c, "client.update", "denied", 4, "client", 4, NULL);
    assert_int_equal(db_begin(t->db), DB_OK);
    assert_int_equal(audit_flush(&c, t->db, 1), OK);
    assert_int_equal(db_commit(t->db), DB_OK);
    audit_write_head(t->db);
    assert_int_equal(c.npend, 0);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM audit"), NREC + 1);
    assert_int_equal(count_of(t->db, "SELECT client_id FROM audit ORDER BY seq DESC LIMIT 1"), 4);
    ctx_clear(&c);
    char report[512];
    assert_int_equal(verify(t, report, sizeof report), 0);
}

/* ---------------- tampering ---------------- */

static void modified_field(void **state)
{
    expect_bad(*state, "UPDATE audit SET action='client.update' WHERE seq=4", 4, "modified");
}
static void modified_outcome_of_denial(void **state)
{
    expect_bad(*state, "UPDATE audit SET outcome='ok' WHERE seq=5", 5, NULL);
}
static void modified_null_to_value(void **state)
{
    expect_bad(*state, "UPDATE audit SET reason='routine' WHERE seq=6", 6, NULL);
}
static void modified_who(void **state)
{
    expect_bad(*state, "UPDATE audit SET staff_id=8 WHERE seq=7", 7, NULL);
}
static void modified_time(void **state)
{
    expect_bad(*state, "UPDATE audit SET at='2026-11-22T12:00:01Z' WHERE seq=3", 3, NULL);
}
static void modified_client_null_to_zero(void **state)
{
    expect_bad(*state, "UPDATE audit SET client_id=0 WHERE seq=4", 4, NULL);
}
static void modified_first_record(void **state)
{
    expect_bad(*state, "UPDATE audit SET addr='10.0.0.1' WHERE seq=1", 1, NULL);
}
static void modified_hash(void **state)
{
    expect_bad(*state, "UPDATE audit SET hash=randomblob(32) WHERE seq=8", 8, NULL);
}
static void modified_newest(void **state)
{
    expect_bad(*state, "UPDATE audit SET entity='staff' WHERE seq=10", 10, NULL);
}

static void deleted_middle(void **state)
{
    /* Record 5 is gone: record 6 is the first that does not fit, and the report says 5 is missing. */
    expect_bad(*state, "DELETE FROM audit WHERE seq=5", 6, "expected sequence 5");
}
static void deleted_middle_renumbered(void **state)
{
    /* Hide the gap by renumbering: the record now at 5 does not follow record 4. */
    expect_bad(*state,
               "DELETE FROM audit WHERE seq=5; UPDATE audit SET seq=-(seq-1) WHERE seq>5;"
               " UPDATE audit SET seq=-seq WHERE seq<0",
               5, "does not follow");
}
static void deleted_middle_rechained(void **state)
{
    /* Renumber and recompute every later hash: only the head file outside the database knows. */
    struct tdb *t = *state;
    sql(t->db, "DELETE FROM audit WHERE seq=5; UPDATE audit SET seq=-(seq-1) WHERE seq>5;"
               " UPDATE audit SET seq=-seq WHERE seq<0");
    rechain(t->db, 5, INT64_MAX);
    expect_bad(t, "SELECT 1", NREC, "missing");
}
static void deleted_tail(void **state)
{
    expect_bad(*state, "DELETE FROM audit WHERE seq>=9", 9, "missing");
}
static void deleted_newest_only(void **state)
{
    expect_bad(*state, "DELETE FROM audit WHERE seq=10", 10, "missing");
}
static void deleted_everything(void **state)
{
    expect_bad(*state, "DELETE FROM audit", 1, "missing");
}
static void deleted_head_file(void **state)
{
    struct tdb *t = *state;
    char report[512];
    if (test_pg()) /* PostgreSQL keeps the head in the database */
        sql(t->db, "DELETE FROM audit_head");
    else
        assert_int_equal(unlink(t->head), 0);
    assert_int_not_equal(verify(t, report, sizeof report), 0);
    assert_non_null(strstr(report, test_pg() ? "head row" : "head file"));
}
static void garbled_head_file(void **state)
{
    struct tdb *t = *state;
    char report[512];
    if (test_pg()) {
        sql(t->db, "UPDATE audit_head SET hash=randomblob(5)");
    } else {
        FILE *f = fopen(t->head, "w");
        assert_non_null(f);
        fputs("not a head\n", f);
        fclose(f);
    }
    assert_int_not_equal(verify(t, report, sizeof report), 0);
}

static void swapped_contents(void **state)
{
    /* Rows 3 and 4 exchange everything but their numbers (a reordering). */
    expect_bad(
        *state,
        "CREATE TEMP TABLE x AS SELECT * FROM audit WHERE seq IN (3,4);"
        " UPDATE audit SET (at, staff_id, org_id, action, outcome, client_id, entity, entity_id, purpose,"
        " reason, request_id, addr, prev, hash) = (SELECT at, staff_id, org_id, action, outcome, client_id,"
        " entity, entity_id, purpose, reason, request_id, addr, prev, hash FROM x WHERE x.seq=7-audit.seq)"
        " WHERE seq IN (3,4); DROP TABLE x",
        3, NULL);
}
static void swapped_numbers(void **state)
{
    expect_bad(*state,
               "UPDATE audit SET seq=CASE seq WHEN 6 THEN -7 ELSE -6 END WHERE seq IN (6,7);"
               " UPDATE audit SET seq=-seq WHERE seq<0",
               6, NULL);
}

/* Make room at 5 by moving 5.. up one. */
#define SHIFT_UP "UPDATE audit SET seq=-(seq+1) WHERE seq>=5; UPDATE audit SET seq=-seq WHERE seq<0;"

static void inserted_forged_garbage(void **state)
{
    expect_bad(*state,
               SHIFT_UP
               " INSERT INTO audit(seq, at, staff_id, org_id, action, outcome, client_id, entity, entity_id,"
               " purpose, prev, hash) SELECT 5, at, staff_id, org_id, 'client.read', 'ok', 99, 'client', 99,"
               " 'care', hash, randomblob(32) FROM audit WHERE seq=4",
               5, NULL);
}
static void inserted_forged_with_valid_hash(void **state)
{
    /* The forger computes a correct hash for the new row: the next record no longer follows. */
    struct tdb *t = *state;
    sql(t->db, SHIFT_UP
        " INSERT INTO audit(seq, at, staff_id, org_id, action, outcome, client_id, entity, entity_id,"
        " purpose, prev, hash) SELECT 5, at, staff_id, org_id, 'client.read', 'ok', 99, 'client', 99,"
        " 'care', hash, zeroblob(32) FROM audit WHERE seq=4");
    rechain(t->db, 5, 5);
    expect_bad(t, "SELECT 1", 6, "does not follow");
}
static void inserted_duplicate_after_tail(void **state)
{
    expect_bad(*state,
               "INSERT INTO audit(seq, at, action, outcome, prev, hash) SELECT 11, at, action, outcome, hash,"
               " randomblob(32) FROM audit WHERE seq=10",
               11, NULL);
}
static void rewritten_chain(void **state)
{
    /* Change a record and recompute the whole chain after it: the head catches it. */
    struct tdb *t = *state;
    sql(t->db, "UPDATE audit SET staff_id=1 WHERE seq=2");
    rechain(t->db, 2, INT64_MAX);
    expect_bad(t, "SELECT 1", NREC, test_pg() ? "head row" : "head file");
}

/* ---------------- one chain through a group commit ---------------- */

/* Flush one record (or, with n=2, two) from a fresh context on w, as a job does. */
static int flush_n(struct db *w, int n, int failed)
{
    struct ctx c;
    ctx_init(&c, &auditor, w);
    c.request_id = "fedcba9876543210";
    for (int i = 0; i < n; i++)
        audit_log(&c, "client.read", failed ? "denied" : "ok", 1, "client", 1, NULL);
    int rc = audit_flush(&c, w, failed);
    ctx_clear(&c);
    return rc;
}

/* The writer runs many jobs in one transaction, each in a savepoint; a job rolled back takes its
 * records with it, and the next record must follow what is really there (the head a flush
 * remembers is forgotten on every rollback to a savepoint). */
static void group_commit_with_rolled_back_jobs_keeps_one_chain(void **state)
{
    struct tdb *t = *state;
    char report[512];
    assert_int_equal(db_begin(t->db), DB_OK);
    sql(t->db, "SAVEPOINT job");
    assert_int_equal(flush_n(t->db, 1, 0), OK);
    sql(t->db, "RELEASE job");
    sql(t->db, "SAVEPOINT job");
    assert_int_equal(flush_n(t->db, 2, 0), OK); /* this job fails after writing its records */
    sql(t->db, "ROLLBACK TO job");
    sql(t->db, "RELEASE job");
    assert_int_equal(flush_n(t->db, 1, 1), OK); /* its denial is kept (the writer's after hook) */
    sql(t->db, "SAVEPOINT job");
    assert_int_equal(flush_n(t->db, 2, 0), OK);
    sql(t->db, "RELEASE job");
    assert_int_equal(db_commit(t->db), DB_OK);
    audit_write_head(t->db);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM audit"), NREC + 4);
    if (verify(t, report, sizeof report) != 0)
        fail_msg("after a group commit with a rolled-back job: %s", report);
    /* And a later transaction follows it too. */
    append_range(t->db, NREC + 5, NREC + 6);
    assert_int_equal(verify(t, report, sizeof report), 0);
}

/* ---------------- a client's access report ---------------- */

static void access_report_lists_who_looked(void **state)
{
    (void)state;
    struct tdb *t = tdb_open();
    int64_t org = mk_org(t->db, "Riverside");
    int64_t cm = mk_staff(t->db, org, "cm1", "case_manager");
    int64_t other = mk_staff(t->db, org, "cm2", "case_manager");
    int64_t cl = mk_client(t->db, org, cm, "Minji", "Kim", "1980-05-05");
    int64_t ep = mk_episode(t->db, cl, org, "active", cm, cm);
    mk_member(t->db, ep, cm, "primary_case_manager", "2026-01-01", NULL);
    struct actor a = actor_of(t->db, cm), b = actor_of(t->db, other);
    struct ctx c;
    json_t *o = NULL;
    /* cm2 (same organisation, not on the team) looks: a limited read, audited. */
    ctx_init(&c, &b, t->db);
    assert_int_equal(client_get(&c, cl, &o), OK);
    json_decref(o);
    assert_int_equal(audit_flush(&c, t->db, 0), OK);
    ctx_clear(&c);
    ctx_init(&c, &a, t->db);
    assert_int_equal(client_get(&c, cl, &o), OK);
    json_decref(o);
    assert_int_equal(audit_flush(&c, t->db, 0), OK);
    json_t *rep = NULL;
    assert_int_equal(audit_client_report(&c, cl, NULL, &rep), OK);
    json_t *env = rep;
    rep = json_object_get(env, "items");
    assert_int_equal(json_array_size(rep), 2); /* newest first */
    assert_string_equal(js(json_array_get(rep, 0), "staff"), "cm1");
    assert_string_equal(js(json_array_get(rep, 0), "action"), "client.read");
    assert_string_equal(js(json_array_get(rep, 1), "staff"), "cm2");
    assert_string_equal(js(json_array_get(rep, 1), "action"), "client.read_limited");
    assert_string_equal(js(json_array_get(rep, 1), "organisation"), "Riverside");
    json_decref(env);
    assert_int_equal(audit_flush(&c, t->db, 0), OK); /* reading the report is itself recorded */
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM audit WHERE action='client.access_log'"), 1);
    ctx_clear(&c);
    /* Someone without full access may not read who looked. */
    ctx_init(&c, &b, t->db);
    assert_int_equal(audit_client_report(&c, cl, NULL, &rep), ERR_FORBIDDEN);
    assert_int_equal(c.npend, 1);
    assert_string_equal(c.pend[0].outcome, "denied");
    ctx_clear(&c);
    tdb_close(t);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
int main(void)
{
    clock_init();
    log_quiet = 1;
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        T(intact_chain_verifies),
        cmocka_unit_test(empty_log_verifies),
        T(failed_work_keeps_only_denials),
        T(modified_field),
        T(modified_outcome_of_denial),
        T(modified_null_to_value),
        T(modified_who),
        T(modified_time),
        T(modified_client_null_to_zero),
        T(modified_first_record),
        T(modified_hash),
        T(modified_newest),
        T(deleted_middle),
        T(deleted_middle_renumbered),
        T(deleted_middle_rechained),
        T(deleted_tail),
        T(deleted_newest_only),
        T(deleted_everything),
        T(deleted_head_file),
        T(garbled_head_file),
        T(swapped_contents),
        T(swapped_numbers),
        T(inserted_forged_garbage),
        T(inserted_forged_with_valid_hash),
        T(inserted_duplicate_after_tail),
        T(rewritten_chain),
        T(group_commit_with_rolled_back_jobs_keeps_one_chain),
        cmocka_unit_test(access_report_lists_who_looked),
    };
    return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
