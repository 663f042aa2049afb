/* test_copy: the table copier (db/copy.c) behind migrate-data and the PostgreSQL backup: every
 * value keeps its type, a forward reference survives, the source is read from one snapshot,
 * generated ids go on after the copied ones, the shared audit head follows the chain, and what is
 * refused (the same database, an unknown table, another schema version) or fails is reported
 * honestly. Runs on SQLite, and on PostgreSQL (also SQLite to PostgreSQL) with HEARTH_TEST_PG. */
#include "db/copy.h"
#include "helpers.h"

struct pair {
    struct tdb *src, *dst;
};

static int setup(void **state)
{
    struct pair *p = calloc(1, sizeof *p);
    p->src = tdb_open();
    p->dst = tdb_open();
    *state = p;
    return 0;
}
static int teardown(void **state)
{
    struct pair *p = *state;
    tdb_close(p->src);
    tdb_close(p->dst);
    free(p);
    return 0;
}

/* A small centre: nulls, a real, blobs, a corrected contact (pointing forward), audit records. */
static void fill(struct db *db)
{
    int64_t org = mk_org(db, "Riverside");
    int64_t cm = mk_staff(db, org, "cm1", "case_manager");
    int64_t c1 = mk_client(db, org, cm, "Anne", "Thomas", "1990-01-01");
    mk_client(db, org, cm, "Bora", "Kim", "1985-05-05");
    static const unsigned char tok[4] = {0, 1, 0xfe, 0xff};
    assert_int_equal(
        db_run(db,
               "INSERT INTO sessions(token_hash, staff_id, csrf, created_at, last_seen) VALUES (?,?,?,?,?)",
               "bitii", tok, sizeof tok, cm, "c", (int64_t)1, (int64_t)2),
        DB_OK);
    double total = 7.5;
    assert_int_equal(
        db_run(db,
               "INSERT INTO assessments(client_id, instrument, instrument_version, answers, total,"
               " staff_id, administered_at, created_at) VALUES (?,'k10','1','{}',?,?,?,?)",
               "ifitt", c1, &total, cm, T_NOW, T_NOW),
        DB_OK);
    for (int i = 0; i < 2; i++)
        assert_int_equal(
            db_run(db,
                   "INSERT INTO contacts(client_id, staff_id, kind, at, body, created_at, supersedes)"
                   " VALUES (?,?,'phone',?,?,?,?)",
                   "iitttI", c1, cm, T_NOW, i ? "corrected" : "first", T_NOW,
                   i ? db_int1(db, 0, "SELECT min(id) FROM contacts", "") : 0),
            DB_OK);
    sql(db, "UPDATE contacts SET superseded_by=(SELECT max(id) FROM contacts) WHERE id=(SELECT min(id) FROM "
            "contacts)");
    for (int i = 1; i <= 3; i++) {
        unsigned char h[32];
        memset(h, i, sizeof h);
        assert_int_equal(db_run(db,
                                "INSERT INTO audit(seq, at, staff_id, action, outcome, prev, hash)"
                                " VALUES (?,?,?,'client.read','ok',?,?)",
                                "itIbb", (int64_t)i, T_NOW, i == 1 ? (int64_t)0 : cm, h, sizeof h, h,
                                sizeof h),
                         DB_OK);
    }
    assert_int_equal(db_run(db, "INSERT INTO login_failures(key, at) VALUES ('u:cm1', 5)", ""), DB_OK);
}

static void progress_counts(void *arg, const struct copy_progress *p)
{
    int *calls = arg;
    (*calls)++;
    assert_true(p->done <= p->total);
    assert_true(p->all_done <= p->all_total);
}

static void copy_between(struct db *src, struct db *dst)
{
    fill(src);
    struct copy_result r;
    int calls = 0;
    assert_int_equal(copy_all(src, dst, progress_counts, &calls, &r), DB_OK);
    assert_true(calls > 0);
    assert_int_equal(r.tables_done, r.tables_total);
    assert_int_equal(r.rows_done, r.rows_total);
    assert_null(r.table);

    /* values and their types */
    struct db_stmt *st = db_query(dst, "SELECT total, band, instrument FROM assessments", "");
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_type(st, 0), 'f');
    assert_true(db_real(st, 0) == 7.5);
    assert_int_equal(db_type(st, 1), 'n');
    assert_int_equal(db_type(st, 2), 't');
    assert_string_equal(db_text(st, 2), "k10");
    db_done(st);
    st = db_query(dst, "SELECT token_hash, staff_id FROM sessions", "");
    assert_int_equal(db_step(st), DB_ROW);
    size_t n;
    const unsigned char *b = db_blob(st, 0, &n);
    assert_int_equal(db_type(st, 0), 'b');
    assert_int_equal(n, 4);
    assert_memory_equal(b, "\x00\x01\xfe\xff", 4);
    assert_int_equal(db_type(st, 1), 'i');
    db_done(st);
    assert_int_equal(count_of(dst, "SELECT count(*) FROM audit WHERE staff_id IS NULL"), 1);
    /* the forward reference and the one behind it */
    assert_int_equal(count_of(dst, "SELECT count(*) FROM contacts a JOIN contacts b ON b.id=a.superseded_by"
                                   " AND b.supersedes=a.id"),
                     1);
    /* the name index, the seeded flag kinds (not doubled) */
    assert_int_equal(count_of(dst, "SELECT count(*) FROM clients_fts"), 2);
    assert_int_equal(count_of(dst, "SELECT count(*) FROM flag_kinds"),
                     count_of(src, "SELECT count(*) FROM flag_kinds"));
    /* a new row gets an id after the copied ones */
    int64_t max = count_of(dst, "SELECT max(id) FROM clients");
    int64_t org = count_of(dst, "SELECT min(id) FROM orgs"), cm = count_of(dst, "SELECT min(id) FROM staff");
    assert_true(mk_client(dst, org, cm, "Chul", "Park", "1970-01-01") > max);
    if (!db_is_sqlite(dst)) { /* the shared audit head names the last copied record */
        st = db_query(dst, "SELECT seq, hash FROM audit_head WHERE id=1", "");
        assert_int_equal(db_step(st), DB_ROW);
        assert_int_equal(db_int(st, 0), 3);
        b = db_blob(st, 1, &n);
        assert_int_equal(n, 32);
        assert_int_equal(b[0], 3);
        db_done(st);
    }
}

static void copies_every_value_with_its_type(void **state)
{
    struct pair *p = *state;
    copy_between(p->src->db, p->dst->db);
}

/* With a PostgreSQL cluster: a SQLite centre onto PostgreSQL and back again. */
static void copies_across_engines(void **state)
{
    struct pair *p = *state;
    if (!test_pg())
        skip();
    char dir[] = "/tmp/hearth-copy-XXXXXX", path[64], url[128], err[256];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/c.db", dir);
    snprintf(url, sizeof url, "sqlite:%s", path);
    struct db *lite;
    assert_int_equal(db_open(url, NULL, &lite, err, sizeof err), DB_OK);
    assert_int_equal(migrate_up(lite), 0);
    copy_between(lite, p->dst->db);
    /* and the PostgreSQL copy back into a second SQLite file */
    char back[64];
    snprintf(back, sizeof back, "%s/back.db", dir);
    assert_int_equal(copy_backup(p->dst->db, back, NULL), DB_OK);
    struct db *b;
    snprintf(url, sizeof url, "sqlite:%s", back);
    assert_int_equal(db_open(url, NULL, &b, err, sizeof err), DB_OK);
    assert_int_equal(count_of(b, "SELECT count(*) FROM clients"), 3);
    assert_int_equal(count_of(b, "SELECT count(*) FROM audit"), 3);
    db_close(b);
    db_close(lite);
    static const char *const files[] = {"c.db",    "c.db-wal",    "c.db-shm",
                                        "back.db", "back.db-wal", "back.db-shm"};
    for (size_t i = 0; i < ARRAY_LEN(files); i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

/* A row written to the source while the copy runs is not in the copy, and the counts agree. */
struct writer_arg {
    const char *url;
    int done;
};
static void write_during_copy(void *arg, const struct copy_progress *p)
{
    struct writer_arg *w = arg;
    if (w->done || strcmp(p->table, "clients") != 0)
        return;
    w->done = 1;
    struct db *other;
    char err[256];
    assert_int_equal(db_open(w->url, NULL, &other, err, sizeof err), DB_OK);
    assert_int_equal(db_begin(other), DB_OK);
    mk_client(other, 1, 1, "Late", "Comer", "2000-01-01");
    assert_int_equal(db_commit(other), DB_OK);
    db_close(other);
}
static void reads_one_snapshot(void **state)
{
    struct pair *p = *state;
    fill(p->src->db);
    struct writer_arg w = {p->src->path, 0};
    struct copy_result r;
    assert_int_equal(copy_all(p->src->db, p->dst->db, write_during_copy, &w, &r), DB_OK);
    assert_true(w.done);
    assert_int_equal(count_of(p->src->db, "SELECT count(*) FROM clients"), 3);
    assert_int_equal(count_of(p->dst->db, "SELECT count(*) FROM clients"), 2);
    assert_int_equal(count_of(p->dst->db, "SELECT count(*) FROM clients_fts"), 2);
}

static void refuses_what_it_cannot_copy_whole(void **state)
{
    struct pair *p = *state;
    struct copy_result r;
    fill(p->src->db);
    /* the same database, even through another connection */
    struct db *again;
    char err[256];
    assert_int_equal(db_open(p->src->path, NULL, &again, err, sizeof err), DB_OK);
    assert_int_equal(copy_all(p->src->db, again, NULL, NULL, &r), DB_ERR);
    assert_non_null(strstr(r.err, "same database"));
    db_close(again);
    assert_int_equal(count_of(p->src->db, "SELECT count(*) FROM clients"), 2);
    /* a table the target does not have would be left behind */
    sql(p->src->db, "CREATE TABLE extra (x INTEGER)");
    assert_int_equal(copy_all(p->src->db, p->dst->db, NULL, NULL, &r), DB_ERR);
    assert_non_null(strstr(r.err, "'extra'"));
    assert_false(r.touched);
    sql(p->src->db, "DROP TABLE extra");
    /* foreign keys that go round in a circle: no table of them can come first */
    for (int side = 0; side < 2; side++) {
        struct db *db = side ? p->dst->db : p->src->db;
        int lite = db_is_sqlite(db); /* SQLite may refer to a table made later; PostgreSQL adds it after */
        sql(db, lite ? "CREATE TABLE cyc_a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES cyc_b(id))"
                     : "CREATE TABLE cyc_a (id INTEGER PRIMARY KEY, b_id INTEGER)");
        sql(db, "CREATE TABLE cyc_b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES cyc_a(id))");
        if (!lite)
            sql(db, "ALTER TABLE cyc_a ADD FOREIGN KEY (b_id) REFERENCES cyc_b(id)");
    }
    assert_int_equal(copy_all(p->src->db, p->dst->db, NULL, NULL, &r), DB_ERR);
    assert_non_null(strstr(r.err, "cycle"));
    assert_non_null(strstr(r.err, "cyc_a -> cyc_b -> cyc_a"));
    assert_false(r.touched);
    for (int side = 0; side < 2; side++) {
        struct db *db = side ? p->dst->db : p->src->db;
        sql(db, db_is_sqlite(db) ? "DROP TABLE cyc_a" : "DROP TABLE cyc_a CASCADE");
        sql(db, "DROP TABLE cyc_b");
    }
    /* another schema version */
    sql(p->dst->db, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (999, 'future', 'now')");
    assert_int_equal(copy_all(p->src->db, p->dst->db, NULL, NULL, &r), DB_ERR);
    assert_non_null(strstr(r.err, "schema version"));
    assert_false(r.touched);
}

/* The order comes from the foreign keys, not from the order the tables were made in: a table made
 * before the one it refers to is still copied after it (and copied at all, with nothing to list). */
static void order_follows_the_foreign_keys(void **state)
{
    struct pair *p = *state;
    fill(p->src->db);
    for (int side = 0; side < 2; side++) {
        struct db *db = side ? p->dst->db : p->src->db;
        if (db_is_sqlite(db)) {
            sql(db, "CREATE TABLE aa_child (id INTEGER PRIMARY KEY, parent INTEGER NOT NULL REFERENCES zz_parent(id),"
                    " client_id INTEGER REFERENCES clients(id))");
            sql(db, "CREATE TABLE zz_parent (id INTEGER PRIMARY KEY, name TEXT)");
        } else {
            sql(db, "CREATE TABLE aa_child (id INTEGER PRIMARY KEY, parent INTEGER NOT NULL,"
                    " client_id INTEGER REFERENCES clients(id))");
            sql(db, "CREATE TABLE zz_parent (id INTEGER PRIMARY KEY, name TEXT)");
            sql(db, "ALTER TABLE aa_child ADD FOREIGN KEY (parent) REFERENCES zz_parent(id)");
        }
    }
    sql(p->src->db, "INSERT INTO zz_parent(id, name) VALUES (1, 'one'), (2, 'two')");
    sql(p->src->db, "INSERT INTO aa_child(id, parent, client_id) VALUES (1, 2, NULL), (2, 1, NULL)");
    struct copy_result r;
    assert_int_equal(copy_all(p->src->db, p->dst->db, NULL, NULL, &r), DB_OK);
    assert_int_equal(count_of(p->dst->db, "SELECT count(*) FROM aa_child c JOIN zz_parent z ON z.id=c.parent"), 2);
    assert_int_equal(r.tables_done, r.tables_total);
}

static void target_in_use_is_named(void **state)
{
    struct pair *p = *state;
    char what[256];
    assert_int_equal(copy_target_used(p->dst->db, what, sizeof what), 0); /* seeded flag kinds only */
    assert_string_equal(what, "");
    mk_org(p->dst->db, "Elsewhere");
    assert_int_not_equal(copy_target_used(p->dst->db, what, sizeof what), 0);
    assert_non_null(strstr(what, "1 in orgs"));
}

/* A write the target refuses half-way: the report says where, and what stayed. */
static void failure_is_reported_honestly(void **state)
{
    struct pair *p = *state;
    fill(p->src->db);
    if (db_is_sqlite(p->dst->db))
        sql(p->dst->db, "CREATE TRIGGER boom BEFORE INSERT ON contacts WHEN NEW.body='corrected'"
                        " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
    else
        sql(p->dst->db,
            "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            " IF NEW.body = 'corrected' THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$;"
            " CREATE TRIGGER boom BEFORE INSERT ON contacts FOR EACH ROW EXECUTE FUNCTION boom()");
    struct copy_result r;
    assert_int_equal(copy_all(p->src->db, p->dst->db, NULL, NULL, &r), DB_ERR);
    assert_true(r.touched);
    assert_non_null(r.table);
    assert_string_equal(r.table, "contacts");
    assert_non_null(strstr(r.err, "disk on fire"));
    assert_true(r.tables_done > 0 && r.tables_done < r.tables_total);
    assert_int_equal(count_of(p->dst->db, "SELECT count(*) FROM contacts"), 0); /* rolled back */
    assert_int_equal(r.rows_done,
                     count_of(p->dst->db,
                              "SELECT (SELECT count(*) FROM orgs) + (SELECT count(*) FROM staff)"
                              " + (SELECT count(*) FROM sessions) + (SELECT count(*) FROM login_failures)"
                              " + (SELECT count(*) FROM clients) + (SELECT count(*) FROM clients_fts)"));
}

static void backup_refuses_an_existing_file(void **state)
{
    struct pair *p = *state;
    char path[400];
    snprintf(path, sizeof path, "%s/exists.db", p->src->dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("keep me", f);
    fclose(f);
    assert_int_equal(copy_backup(p->src->db, path, NULL), DB_ERR);
    f = fopen(path, "r");
    char buf[16] = "";
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    assert_string_equal(buf, "keep me");
    unlink(path);
}

int main(void)
{
    clock_init();
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(copies_every_value_with_its_type, setup, teardown),
        cmocka_unit_test_setup_teardown(copies_across_engines, setup, teardown),
        cmocka_unit_test_setup_teardown(reads_one_snapshot, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_what_it_cannot_copy_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(order_follows_the_foreign_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(target_in_use_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(failure_is_reported_honestly, setup, teardown),
        cmocka_unit_test_setup_teardown(backup_refuses_an_existing_file, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
