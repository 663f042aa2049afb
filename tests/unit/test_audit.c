/* test_audit: the hash-chained audit log. Records appended through a context verify; then each
 * kind of tampering done through SQL (a modified field, a deleted middle row, a deleted tail,
 * swapped rows, a forged row, a rewritten chain, a missing head file) is reported, naming the
 * first bad record, with a non-zero result. The chain is keyed: a chain recomputed without the
 * key (head included) is caught, verify without the key or with another fails, and a chain from
 * before keys verifies and is keyed from its next record. */
#include "helpers.h"
#include <sodium.h>
#include <sys/stat.h>

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

/* The suite's audit key, keyed from the first record (a database made by init). */
static struct audit_key tkey;

static int setup(void **state)
{
    struct tdb *t = tdb_open();
    randombytes_buf(tkey.key, sizeof tkey.key);
    tkey.from = 1;
    audit_use_key(&tkey);
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
    audit_use_key(NULL);
    tdb_close(*state);
    return 0;
}

static int verify(struct tdb *t, char *report, size_t len)
{
    return audit_verify(t->db, t->head, &tkey, report, len);
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
/* Recompute prev and hash of every row from `from` on, in seq order: a forger's rewrite, with
 * the audit key k (for the records from k->from on) or, NULL, without one. */
static void rechain(struct db *db, int64_t from, int64_t to, const struct audit_key *k)
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
        int keyed = k && ji(r, "seq") >= k->from;
        crypto_generichash_init(&h, keyed ? k->key : NULL, keyed ? AUDIT_KEY_LEN : 0, 32);
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
    struct audit_key k = {.from = 1};
    randombytes_buf(k.key, sizeof k.key);
    assert_int_equal(audit_verify(t->db, t->head, &k, report, sizeof report),
                     0); /* no records, no head file yet */
    assert_int_equal(audit_verify(t->db, NULL, &k, report, sizeof report), 0);
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
    rechain(t->db, 5, INT64_MAX, &tkey); /* by someone holding the key */
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
    rechain(t->db, 5, 5, &tkey);
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
    rechain(t->db, 2, INT64_MAX, &tkey);
    expect_bad(t, "SELECT 1", NREC, test_pg() ? "head row" : "head file");
}

/* ---------------- the key ---------------- */

/* The head moved to the newest record, as one who writes the database (and, on SQLite, the file
 * beside it) would after rewriting the chain. */
static void forge_head(struct tdb *t)
{
    if (test_pg())
        sql(t->db, "UPDATE audit_head SET seq=(SELECT max(seq) FROM audit),"
                   " hash=(SELECT hash FROM audit ORDER BY seq DESC LIMIT 1)");
    else
        audit_write_head(t->db);
}

static void rewritten_tail_without_key(void **state)
{
    /* What an attacker without the key does: change record 6, recompute a consistent chain from
     * there to the end (as the unkeyed chain of old was), and move the head to match. Before the
     * key this verified; now record 6 does not match its keyed hash. */
    struct tdb *t = *state;
    sql(t->db, "UPDATE audit SET outcome='ok' WHERE seq=6");
    rechain(t->db, 6, INT64_MAX, NULL);
    forge_head(t);
    expect_bad(t, "SELECT 1", 6, "keyed hash");
}
static void rewritten_whole_chain_without_key(void **state)
{
    struct tdb *t = *state;
    sql(t->db, "DELETE FROM audit WHERE seq=10");
    rechain(t->db, 1, INT64_MAX, NULL);
    forge_head(t);
    expect_bad(t, "SELECT 1", 1, "audit key");
}
static void verify_without_key_fails(void **state)
{
    struct tdb *t = *state;
    char report[512];
    assert_int_not_equal(audit_verify(t->db, t->head, NULL, report, sizeof report), 0);
    assert_non_null(strstr(report, "no audit key"));
}
static void verify_with_wrong_key_fails(void **state)
{
    struct tdb *t = *state;
    char report[512];
    struct audit_key other = {.from = 1};
    randombytes_buf(other.key, sizeof other.key);
    assert_int_not_equal(audit_verify(t->db, t->head, &other, report, sizeof report), 0);
    if (strncmp(report, "record 1:", 9) != 0 || !strstr(report, "not the chain's audit key"))
        fail_msg("with another key: %s", report);
    /* The right key, but keyed from a later record (a forged scheme boundary): record 1 fails. */
    other = tkey;
    other.from = 4;
    assert_int_not_equal(audit_verify(t->db, t->head, &other, report, sizeof report), 0);
    assert_non_null(strstr(report, "record 1:"));
}

/* A database from before keys: its chain is unkeyed. Opening it makes the key, keyed from the
 * record after the head; the old records keep verifying without the key, the new ones with it, and
 * a rewrite of the old part shows at the first keyed record. */
static void unkeyed_chain_upgrades(void **state)
{
    (void)state;
    struct tdb *t = tdb_open();
    char kpath[400], err[600], report[600];
    snprintf(kpath, sizeof kpath, "%s/db.audit-key", t->dir);
    audit_set_head_path(t->head);
    writer_set_on_commit(audit_write_head);
    audit_use_key(NULL); /* an older Hearth */
    append_range(t->db, 1, 4);
    struct audit_key k;
    assert_int_equal(audit_key_open(t->db, kpath, 0, &k, err, sizeof err), 1); /* none yet */
    assert_int_equal(audit_key_open(t->db, kpath, 1, &k, err, sizeof err), 0);
    assert_int_equal(k.from, 5);
    struct stat sb;
    assert_int_equal(stat(kpath, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    struct audit_key again;
    assert_int_equal(audit_key_load(kpath, &again, err, sizeof err), 0);
    assert_int_equal(again.from, 5);
    assert_memory_equal(again.key, k.key, AUDIT_KEY_LEN);
    audit_use_key(&k);
    append_range(t->db, 5, 8);
    if (audit_verify(t->db, t->head, &k, report, sizeof report) != 0)
        fail_msg("the upgraded chain: %s", report);
    assert_non_null(strstr(report, "keyed from record 5"));
    /* Opening it again reads the same key. */
    assert_int_equal(audit_key_open(t->db, kpath, 1, &again, err, sizeof err), 0);
    assert_memory_equal(again.key, k.key, AUDIT_KEY_LEN);
    /* A key file others may read is refused. */
    assert_int_equal(chmod(kpath, 0644), 0);
    assert_int_equal(audit_key_load(kpath, &again, err, sizeof err), -1);
    assert_non_null(strstr(err, "chmod 600"));
    assert_int_equal(chmod(kpath, 0600), 0);
    /* The key lost: a keyed chain is not silently given a new one. */
    char lost[420];
    snprintf(lost, sizeof lost, "%s/lost.audit-key", t->dir);
    assert_int_equal(audit_key_open(t->db, lost, 1, &again, err, sizeof err), -1);
    assert_non_null(strstr(err, "missing"));
    assert_int_not_equal(access(lost, F_OK), 0);
    /* The old, unkeyed part rewritten consistently without the key: record 5 no longer follows. */
    sql(t->db, "UPDATE audit SET reason='nothing happened' WHERE seq=2");
    rechain(t->db, 2, 4, NULL);
    if (audit_verify(t->db, t->head, &k, report, sizeof report) == 0 || strncmp(report, "record 5:", 9) != 0)
        fail_msg("a rewrite of the unkeyed part: %s", report);
    writer_set_on_commit(NULL);
    audit_set_head_path(NULL);
    audit_use_key(NULL);
    unlink(kpath);
    tdb_close(t);
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

/* ---------------- page views and searches (issue 9 §1, §3) ---------------- */

/* One request: a page view of client 1 (three reads, one of them twice, and a denial) and of client
 * 2 (one read), then a search that showed clients 3 and 1 (3 twice). Records 11..14. */
static void view_and_search(struct tdb *t)
{
    struct ctx c;
    ctx_init(&c, &auditor, t->db);
    c.request_id = "fedcba9876543210";
    audit_view(&c);
    audit_log(&c, "client.read", "ok", 1, "client", 1, NULL);
    audit_log(&c, "episode.list", "ok", 1, "episode", 0, NULL);
    audit_log(&c, "contact.list", "ok", 1, "contact", 0, NULL);
    audit_log(&c, "episode.list", "ok", 1, "episode", 0, NULL);
    audit_log(&c, "flag.list", "denied", 1, "client", 1, NULL);
    audit_log(&c, "contact.list", "ok", 2, "contact", 0, NULL);
    json_t *shown = json_pack("[{s:i},{s:i},{s:i}]", "id", 3, "id", 1, "id", 3);
    audit_log_shown(&c, "client.search", "search", shown);
    json_decref(shown);
    struct job j = {.w = {.run = flush_run}, .c = &c};
    assert_int_equal(writer_run_now(t->db, &j.w), 0);
    ctx_clear(&c);
}

static void page_view_is_one_record_with_its_sections(void **state)
{
    struct tdb *t = *state;
    view_and_search(t);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM audit WHERE request_id='fedcba9876543210'"), 4);
    json_t *r = db_row(t->db, "SELECT * FROM audit WHERE seq=11", "");
    assert_string_equal(js(r, "action"), "client.view");
    assert_int_equal(ji(r, "client_id"), 1);
    assert_string_equal(js(r, "entity"), "client");
    assert_string_equal(js(r, "detail"), "{\"sections\":[\"client.read\",\"episode.list\",\"contact.list\"]}");
    json_decref(r);
    /* The denial stays a record of its own; a page that read one thing keeps that read's action. */
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM audit WHERE seq=12 AND action='flag.list' AND outcome='denied'"), 1);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM audit WHERE seq=13 AND action='contact.list' AND client_id=2"
                                     " AND detail IS NULL"), 1);
    /* The search: one record, its clients in its detail and in audit_clients. */
    r = db_row(t->db, "SELECT * FROM audit WHERE seq=14", "");
    assert_string_equal(js(r, "action"), "client.search");
    assert_true(json_is_null(json_object_get(r, "client_id")));
    assert_string_equal(js(r, "purpose"), "search");
    assert_string_equal(js(r, "detail"), "{\"clients\":[1,3]}");
    json_decref(r);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM audit_clients WHERE seq=14"), 2);
    char report[512];
    if (verify(t, report, sizeof report) != 0)
        fail_msg("%s", report);
}

static void modified_sections(void **state)
{
    view_and_search(*state);
    expect_bad(*state, "UPDATE audit SET detail='{\"sections\":[\"client.read\"]}' WHERE seq=11", 11, "modified");
}
static void removed_detail(void **state)
{
    view_and_search(*state);
    expect_bad(*state, "UPDATE audit SET detail=NULL WHERE seq=14", 14, "modified");
}
static void search_row_deleted(void **state)
{
    view_and_search(*state);
    expect_bad(*state, "DELETE FROM audit_clients WHERE seq=14 AND client_id=3", 14, "audit_clients");
}
static void search_row_moved_to_another_client(void **state)
{
    view_and_search(*state);
    expect_bad(*state, "UPDATE audit_clients SET client_id=2 WHERE seq=14 AND client_id=3", 14, "audit_clients");
}
static void search_row_added_to_another_record(void **state)
{
    struct tdb *t = *state;
    view_and_search(t);
    sql(t->db, "INSERT INTO audit_clients(seq, client_id) VALUES (12, 5)");
    char report[512];
    assert_int_not_equal(verify(t, report, sizeof report), 0);
    assert_non_null(strstr(report, "audit_clients"));
}

static void access_report_lists_page_views_and_searches(void **state)
{
    (void)state;
    struct tdb *t = tdb_open();
    int64_t org = mk_org(t->db, "Riverside");
    int64_t cm = mk_staff(t->db, org, "cm1", "case_manager");
    int64_t cl = mk_client(t->db, org, cm, "Minji", "Kim", "1980-05-05");
    int64_t cl2 = mk_client(t->db, org, cm, "Jisu", "Park", "1981-06-06");
    int64_t ep = mk_episode(t->db, cl, org, "active", cm, cm);
    mk_member(t->db, ep, cm, "primary_case_manager", "2026-01-01", NULL);
    struct actor a = actor_of(t->db, cm);
    struct ctx c;
    json_t *o = NULL;
    /* Two searches (each showed one of the clients), then a page view of the first. */
    ctx_init(&c, &a, t->db);
    assert_int_equal(client_search(&c, "Minji", NULL, NULL, NULL, &o), OK);
    json_decref(o);
    o = NULL;
    assert_int_equal(client_search(&c, NULL, "1981-06-06", NULL, NULL, &o), OK);
    json_decref(o);
    assert_int_equal(audit_flush(&c, t->db, 0), OK);
    ctx_clear(&c);
    ctx_init(&c, &a, t->db);
    audit_view(&c);
    assert_int_equal(client_get(&c, cl, &o), OK);
    json_decref(o);
    o = NULL;
    assert_int_equal(episode_list(&c, cl, NULL, &o), OK);
    json_decref(o);
    assert_int_equal(audit_flush(&c, t->db, 0), OK);
    ctx_clear(&c);
    ctx_init(&c, &a, t->db);
    json_t *env = NULL;
    assert_int_equal(audit_client_report(&c, cl, NULL, &env), OK);
    json_t *rep = json_object_get(env, "items");
    assert_int_equal(json_array_size(rep), 2); /* the view and the first search, not the second */
    json_t *view = json_array_get(rep, 0), *search = json_array_get(rep, 1);
    assert_string_equal(js(view, "action"), "client.view");
    assert_int_equal(json_array_size(json_object_get(view, "sections")), 2);
    assert_null(json_object_get(view, "detail"));
    assert_string_equal(js(search, "action"), "client.search");
    assert_string_equal(js(search, "purpose"), "search");
    assert_true(json_is_null(json_object_get(search, "sections")));
    assert_null(json_object_get(search, "detail")); /* never the other clients it showed */
    json_decref(env);
    ctx_clear(&c);
    ctx_init(&c, &a, t->db);
    assert_int_equal(audit_client_report(&c, cl2, NULL, &env), ERR_FORBIDDEN); /* not on cl2's team */
    ctx_clear(&c);
    char q[160]; /* the first search showed only cl, the second only cl2 */
    snprintf(q, sizeof q, "SELECT count(*) FROM audit_clients WHERE client_id=%lld", (long long)cl2);
    assert_int_equal(count_of(t->db, q), 1);
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
        T(rewritten_tail_without_key),
        T(rewritten_whole_chain_without_key),
        T(verify_without_key_fails),
        T(verify_with_wrong_key_fails),
        cmocka_unit_test(unkeyed_chain_upgrades),
        T(group_commit_with_rolled_back_jobs_keeps_one_chain),
        cmocka_unit_test(access_report_lists_who_looked),
        T(page_view_is_one_record_with_its_sections),
        T(modified_sections),
        T(removed_detail),
        T(search_row_deleted),
        T(search_row_moved_to_another_client),
        T(search_row_added_to_another_record),
        cmocka_unit_test(access_report_lists_page_views_and_searches),
    };
    return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
