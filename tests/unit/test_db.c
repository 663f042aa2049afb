/* test_db: the database layer: opening by URL, migrations (idempotent, refusing a newer
 * schema), typed binding of every format letter, rows as JSON, the statement cache (also
 * when the same SQL is in use twice at once), and the writer's group commit with per-job
 * savepoints. */
#include "helpers.h"
#include <pthread.h>
#include <semaphore.h>
#include <sys/wait.h>

/* How many migrations the binary holds (their numbers may have gaps: each branch takes its own). */
static int64_t embedded(void)
{
    int64_t n = 0;
    for (const struct migration *m = migrations; m->version; m++)
        n++;
    return n;
}

static int setup(void **state)
{
    *state = tdb_open();
    return 0;
}
static int teardown(void **state)
{
    tdb_close(*state);
    return 0;
}

/* ---------------- open and migrate ---------------- */

static void open_by_url(void **state)
{
    struct tdb *t = *state;
    char err[256] = "", url[400];
    struct db *db = NULL;
    if (test_pg()) {
        assert_int_equal(db_open(t->path, NULL, &db, err, sizeof err), DB_OK);
        assert_false(db_is_sqlite(db));
        assert_int_equal(db_int1(db, 0, "SELECT count(*) FROM schema_migrations", ""), embedded());
        db_close(db);
        /* "postgres://" is libpq's other spelling. */
        snprintf(url, sizeof url, "postgres%s", t->path + strlen("postgresql"));
        assert_int_equal(db_open(url, NULL, &db, err, sizeof err), DB_OK);
        db_close(db);
        /* A URL libpq cannot parse, and a database that is not there, are told clearly. */
        assert_int_equal(db_open("postgresql://x/y?no_such_option=1", NULL, &db, err, sizeof err),
                         DB_ERR);
        assert_non_null(strstr(err, "database URL"));
        test_pg_url("no_such_database", url, sizeof url);
        assert_int_equal(db_open(url, NULL, &db, err, sizeof err), DB_ERR);
        assert_non_null(strstr(err, "cannot connect"));
        assert_non_null(strstr(err, "no_such_database"));
        /* The password never appears in a message. */
        assert_int_equal(db_open("postgresql://u:s3cret@127.0.0.1:1/x", NULL, &db, err, sizeof err), DB_ERR);
        assert_null(strstr(err, "s3cret"));
        assert_non_null(strstr(err, "cannot connect"));
    } else {
        snprintf(url, sizeof url, "sqlite:%s", t->path);
        assert_int_equal(db_open(url, NULL, &db, err, sizeof err), DB_OK);
        assert_true(db_is_sqlite(db));
        assert_int_equal(db_int1(db, 0, "SELECT count(*) FROM schema_migrations", ""), embedded());
        /* WAL and foreign keys are on for every connection. */
        struct db_stmt *st = db_query(db, "PRAGMA journal_mode", "");
        assert_int_equal(db_step(st), DB_ROW);
        assert_string_equal(db_text(st, 0), "wal");
        db_done(st);
        assert_int_equal(db_int1(db, 0, "PRAGMA foreign_keys", ""), 1);
        db_close(db);
    }

    err[0] = 0;
    assert_int_equal(db_open("mysql://localhost/hearth", NULL, &db, err, sizeof err), DB_ERR);
    assert_non_null(strstr(err, "unsupported"));
    struct db_options bad = {.synchronous = "SOMETIMES"};
    assert_int_equal(db_open(t->path, &bad, &db, err, sizeof err), DB_ERR);
    assert_non_null(strstr(err, "synchronous"));
    /* A reader connection cannot write. */
    struct db_options ro = {.readonly = 1};
    assert_int_equal(db_open(t->path, &ro, &db, err, sizeof err), DB_OK);
    assert_int_not_equal(
        db_run(db, "INSERT INTO orgs(name, kind, created_at) VALUES ('x','other','now')", ""), DB_OK);
    db_close(db);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs"), 0);
    db_close(NULL); /* free functions accept NULL */
}

/* Tables in the schema, as each engine lists them. */
static int64_t count_tables(struct db *db)
{
    return count_of(db, test_pg() ? "SELECT count(*) FROM information_schema.tables WHERE table_schema='public'"
                                  : "SELECT count(*) FROM sqlite_master WHERE type='table'");
}

static void migrate_twice_is_idempotent(void **state)
{
    struct tdb *t = *state;
    int64_t tables = count_tables(t->db);
    assert_true(tables > 10);
    assert_int_equal(migrate_up(t->db), 0);
    assert_int_equal(migrate_up(t->db), 0);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM schema_migrations"), embedded());
    assert_int_equal(count_of(t->db, "SELECT max(version) FROM schema_migrations"), migrate_latest());
    assert_int_equal(count_tables(t->db), tables);
    /* Data survives a second start. */
    mk_org(t->db, "Riverside");
    assert_int_equal(migrate_up(t->db), 0);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs"), 1);
    /* Every migration has a name and they are numbered in order. */
    int prev = 0;
    for (const struct migration *m = migrations; m->version; m++) {
        assert_true(m->version > prev);
        assert_non_null(m->name);
        assert_non_null(m->sql);
        prev = m->version;
    }
}

static void newer_schema_is_refused(void **state)
{
    struct tdb *t = *state;
    assert_int_equal(db_run(t->db, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?,?,?)",
                            "dtt", migrate_latest() + 1, "from-the-future", T_NOW),
                     DB_OK);
    assert_int_equal(migrate_up(t->db), -1);
}

/* ---------------- binding and columns ---------------- */

static void binds_every_letter(void **state)
{
    struct tdb *t = *state;
    sql(t->db, test_pg() ? "CREATE TABLE b(i BIGINT, ii BIGINT, inull BIGINT, d BIGINT, tx TEXT, tnull TEXT,"
                           " bl BYTEA, n TEXT)"
                         : "CREATE TABLE b(i, ii, inull, d, tx, tnull, bl, n)");
    const unsigned char blob[5] = {0x00, 0xff, 'a', 0x00, 0x7f};
    int64_t big = INT64_MAX, neg = INT64_MIN + 1;
    assert_int_equal(db_run(t->db, "INSERT INTO b VALUES (?,?,?,?,?,?,?,?)", "iIIdttbn", big, neg, (int64_t)0,
                            -123, "Ünïcode \xea\xb9\x80", (const char *)NULL, blob, sizeof blob),
                     DB_OK);
    struct db_stmt *st;
    if (!test_pg()) { /* SQLite keeps each value's own type: every letter binds the right one */
        st = db_query(t->db,
                      "SELECT typeof(i), typeof(ii), typeof(inull), typeof(d), typeof(tx), typeof(tnull),"
                      " typeof(bl), typeof(n) FROM b",
                      "");
        assert_int_equal(db_step(st), DB_ROW);
        static const char *const want[] = {"integer", "integer", "null", "integer",
                                           "text",    "null",    "blob", "null"};
        for (int i = 0; i < 8; i++)
            assert_string_equal(db_text(st, i), want[i]);
        db_done(st);
    }
    st = db_query(t->db, "SELECT i, ii, inull, d, tx, tnull, bl FROM b", "");
    assert_int_equal(db_step(st), DB_ROW);
    assert_true(db_int(st, 0) == INT64_MAX);
    assert_true(db_int(st, 1) == INT64_MIN + 1);
    assert_true(db_isnull(st, 2));
    assert_null(db_text(st, 2)); /* SQL null reads as NULL, not "" */
    assert_int_equal(db_int(st, 3), -123);
    assert_string_equal(db_text(st, 4), "Ünïcode \xea\xb9\x80");
    assert_false(db_isnull(st, 4));
    assert_null(db_text(st, 5));
    size_t n = 0;
    const void *p = db_blob(st, 6, &n);
    assert_int_equal(n, sizeof blob);
    assert_memory_equal(p, blob, sizeof blob); /* NUL bytes survive */
    assert_int_equal(db_step(st), DB_DONE);
    db_done(st);
    /* 'I' with a value binds that value. */
    assert_int_equal(db_int1(t->db, -1, "SELECT ?", "I", (int64_t)77), 77);
    assert_int_equal(db_int1(t->db, -1, "SELECT ? IS NULL", "I", (int64_t)0), 1);
    /* A string with a quote is data, never SQL. */
    const char *evil = "x'); DROP TABLE b; --";
    assert_int_equal(db_run(t->db, "INSERT INTO b(tx) VALUES (?)", "t", evil), DB_OK);
    assert_int_equal(db_int1(t->db, 0, "SELECT count(*) FROM b WHERE tx=?", "t", evil), 1);
}

static void int1_defaults_and_errors(void **state)
{
    struct tdb *t = *state;
    assert_int_equal(db_int1(t->db, -5, "SELECT id FROM orgs WHERE id=?", "i", (int64_t)999),
                     -5);                                        /* no row */
    assert_int_equal(db_int1(t->db, -5, "SELECT NULL", ""), -5); /* null */
    assert_int_equal(db_int1(t->db, -5, "SELECT 42", ""), 42);
    /* A broken statement: NULL from db_query, DB_ERR from stepping it, db_done(NULL) harmless. */
    struct db_stmt *st = db_query(t->db, "SELEKT nonsense", "");
    if (!test_pg()) /* PostgreSQL prepares on first step: the error comes there */
        assert_null(st);
    assert_int_equal(db_step(st), DB_ERR);
    db_done(st);
    assert_int_equal(db_run(t->db, "INSERT INTO nowhere VALUES (1)", ""), DB_ERR);
    json_t *rows = db_rows(t->db, "SELECT * FROM nowhere", "");
    assert_non_null(rows); /* never NULL */
    assert_int_equal(json_array_size(rows), 0);
    json_decref(rows);
    assert_null(db_row(t->db, "SELECT * FROM nowhere", ""));
    /* A constraint violation is told apart from other errors, and changes nothing. */
    mk_org(t->db, "Riverside");
    assert_int_equal(
        db_run(t->db, "INSERT INTO orgs(name, kind, created_at) VALUES ('Riverside','other','x')", ""),
        DB_CONSTRAINT);
    assert_int_equal(db_run(t->db, "UPDATE orgs SET kind='hospital' WHERE name='nobody'", ""), DB_OK);
    assert_int_equal(db_changes(t->db), 0);
    assert_int_equal(db_run(t->db, "UPDATE orgs SET kind='hospital'", ""), DB_OK);
    assert_int_equal(db_changes(t->db), 1);
}

/* db_insert_id: the id of the new row; 0 and the reason when the row was refused. */
static void insert_id_returns_the_new_id(void **state)
{
    struct tdb *t = *state;
    const char *sql = "INSERT INTO orgs(name, kind, created_at) VALUES (?,?,?) RETURNING id";
    int64_t a = db_insert_id(t->db, sql, "ttt", "Riverside", "other", "2026-01-01T00:00:00Z");
    assert_true(a > 0);
    assert_int_equal(db_insert_rc(t->db), DB_OK);
    int64_t b = db_insert_id(t->db, sql, "ttt", "Eastgate", "other", "2026-01-01T00:00:00Z");
    assert_true(b > a);
    assert_int_equal(db_int1(t->db, 0, "SELECT id FROM orgs WHERE name=?", "t", "Eastgate"), b);
    /* A unique key refuses the row: 0, told apart as a constraint, and nothing inserted. */
    assert_int_equal(db_insert_id(t->db, sql, "ttt", "Riverside", "other", "2026-01-01T00:00:00Z"), 0);
    assert_int_equal(db_insert_rc(t->db), DB_CONSTRAINT);
    /* A foreign key too. */
    assert_int_equal(db_insert_id(t->db,
                                  "INSERT INTO staff(org_id, username, display_name, role, pw_hash, created_at)"
                                  " VALUES (?,?,?,?,?,?) RETURNING id",
                                  "ittttt", (int64_t)9999, "nobody", "No Body", "case_manager", "x",
                                  "2026-01-01T00:00:00Z"),
                     0);
    assert_int_equal(db_insert_rc(t->db), DB_CONSTRAINT);
    assert_int_equal(db_int1(t->db, -1, "SELECT count(*) FROM orgs", ""), 2);
    /* A broken statement, and one that returns no row, are failures too; the next insert works. */
    assert_int_equal(db_insert_id(t->db, "INSERT INTO nowhere(x) VALUES (1) RETURNING id", ""), 0);
    assert_int_equal(db_insert_rc(t->db), DB_ERR);
    assert_int_equal(db_insert_id(t->db, "INSERT INTO orgs(name, kind, created_at) SELECT name, kind, created_at"
                                         " FROM orgs WHERE 0=1 RETURNING id",
                                  ""),
                     0);
    assert_int_equal(db_insert_rc(t->db), DB_ERR);
    assert_true(db_insert_id(t->db, sql, "ttt", "Northside", "other", "2026-01-01T00:00:00Z") > b);
    assert_int_equal(db_insert_rc(t->db), DB_OK);
}

/* db_insert writes the INSERT from a table and its columns, and refuses names it would have to quote. */
static void insert_names_table_and_columns(void **state)
{
    struct tdb *t = *state;
    int64_t a = db_insert(t->db, "orgs", "name, kind, created_at", "ttt", "Riverside", "other", T_NOW);
    assert_true(a > 0);
    assert_int_equal(db_int1(t->db, 0, "SELECT id FROM orgs WHERE name='Riverside' AND kind='other'", ""), a);
    assert_int_equal(db_insert(t->db, "orgs", "name, kind, created_at", "ttt", "Riverside", "other", T_NOW), 0);
    assert_int_equal(db_insert_rc(t->db), DB_CONSTRAINT);
    assert_int_equal(db_insert(t->db, "orgs; DROP TABLE orgs", "name", "t", "x"), 0);
    assert_int_equal(db_insert(t->db, "orgs", "name) VALUES ('x') --", "t", "x"), 0);
    assert_int_equal(db_insert_rc(t->db), DB_ERR);
    assert_int_equal(db_int1(t->db, -1, "SELECT count(*) FROM orgs", ""), 1);
}

static void rows_as_json(void **state)
{
    struct tdb *t = *state;
    json_t *empty = db_rows(t->db, "SELECT id FROM orgs", "");
    assert_true(json_is_array(empty));
    assert_int_equal(json_array_size(empty), 0);
    json_decref(empty);
    assert_null(db_row(t->db, "SELECT id FROM orgs WHERE id=1", ""));

    json_t *r =
        db_row(t->db, "SELECT 7 AS n, 2.5 AS f, 'text' AS s, NULL AS z, 'Kim' AS \"family name\"", "");
    assert_non_null(r);
    assert_true(json_is_object(r));
    assert_int_equal(json_object_size(r), 5); /* column names are the keys */
    assert_true(json_is_integer(json_object_get(r, "n")));
    assert_int_equal(ji(r, "n"), 7);
    assert_true(json_is_real(json_object_get(r, "f")));
    assert_true(json_real_value(json_object_get(r, "f")) == 2.5);
    assert_true(json_is_string(json_object_get(r, "s")));
    assert_string_equal(js(r, "s"), "text");
    assert_true(json_is_null(json_object_get(r, "z"))); /* present, and null */
    assert_string_equal(js(r, "family name"), "Kim");
    json_decref(r);

    mk_org(t->db, "B");
    mk_org(t->db, "A");
    mk_org(t->db, "C");
    json_t *rows = db_rows(t->db, "SELECT id, name FROM orgs WHERE name<>? ORDER BY name", "t", "C");
    assert_int_equal(json_array_size(rows), 2);
    assert_string_equal(js(json_array_get(rows, 0), "name"), "A");
    assert_string_equal(js(json_array_get(rows, 1), "name"), "B");
    assert_int_equal(json_object_size(json_array_get(rows, 0)), 2);
    json_decref(rows);
}

/* db_commit says OK only when the transaction's writes are in the database. PostgreSQL aborts a
 * transaction at its first error and answers COMMIT with a rollback; SQLite goes on. */
static void commit_tells_the_truth(void **state)
{
    struct tdb *t = *state;
    mk_org(t->db, "Riverside");
    assert_int_equal(db_begin(t->db), DB_OK);
    assert_int_equal(db_run(t->db, "INSERT INTO orgs(name, kind, created_at) VALUES ('Riverside','other','x')", ""),
                     DB_CONSTRAINT);
    db_run(t->db, "INSERT INTO orgs(name, kind, created_at) VALUES ('Northside','other','x')", "");
    int rc = db_commit(t->db);
    if (rc != DB_OK)
        db_rollback(t->db);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name='Northside'"), rc == DB_OK ? 1 : 0);
    if (test_pg())
        assert_int_not_equal(rc, DB_OK);
}

/* ---------------- what differs between engines ---------------- */

static void placeholders_in_quotes_and_comments(void **state)
{
    struct tdb *t = *state;
    /* A `?` inside a string or a comment is text; numbered ones may repeat. */
    json_t *r = db_row(t->db, "SELECT '?' AS q, ? AS a, ?2 AS b, ?1 + ?2 AS c -- a comment with a ?\n", "ii",
                       (int64_t)40, (int64_t)2);
    assert_non_null(r);
    assert_string_equal(js(r, "q"), "?");
    assert_int_equal(ji(r, "a"), 40);
    assert_int_equal(ji(r, "b"), 2);
    assert_int_equal(ji(r, "c"), 42);
    json_decref(r);
    r = db_row(t->db, "SELECT 'it''s ?' AS q, \"?x\" FROM (SELECT ? AS \"?x\") s", "t", "ok");
    assert_non_null(r);
    assert_string_equal(js(r, "q"), "it's ?");
    assert_string_equal(js(r, "?x"), "ok");
    json_decref(r);
    /* A real number and its null. */
    double x = 2.5;
    r = db_row(t->db, "SELECT ? AS x, ? AS y", "ff", &x, (const double *)NULL);
    assert_true(json_real_value(json_object_get(r, "x")) == 2.5);
    assert_true(json_is_null(json_object_get(r, "y")));
    json_decref(r);
}

/* The name index matches each word (in any order) as literal text: LIKE's % and _ and FTS5's
 * quotes are data. The match is parameter ?6 of the query (DB_SQL_NAME_MATCH). */
static void name_match_is_literal(void **state)
{
    struct tdb *t = *state;
    static const char *const names[] = {"abc_def", "abcXdef", "100% sure", "say \"hi\" there", "back\\slash"};
    for (int i = 0; i < 5; i++)
        assert_int_equal(db_run(t->db, "INSERT INTO clients_fts(rowid, name) VALUES (?,?)", "it", (int64_t)i + 1,
                                names[i]),
                         DB_OK);
    static const struct {
        const char *q;
        int64_t want; /* the one rowid found, 0 for none */
    } cases[] = {
        {"c_d", 1},  {"cXd", 2},          {"00%", 3},     {"\"hi\"", 4}, {"k\\s", 5},
        {"%%%", 0},  {"___", 0},          {"abc xyz", 0}, {"def 100", 0}, {"sure 100%", 3},
    };
    char sql[512], match[256];
    snprintf(sql, sizeof sql, "SELECT f.rowid FROM clients_fts f WHERE ?1+?2+?3+?4+?5=0 AND %s ORDER BY f.rowid",
             db_sql(t->db, DB_SQL_NAME_MATCH));
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        assert_int_equal(db_name_match(t->db, cases[i].q, match, sizeof match), 0);
        json_t *rows = db_rows(t->db, sql, "iiiiit", (int64_t)0, (int64_t)0, (int64_t)0, (int64_t)0, (int64_t)0, match);
        if (json_array_size(rows) != (cases[i].want ? 1u : 0u) ||
            (cases[i].want && ji(json_array_get(rows, 0), "rowid") != cases[i].want))
            fail_msg("'%s' (as %s) found %s", cases[i].q, match, json_dumps(rows, 0));
        json_decref(rows);
    }
    assert_int_equal(db_name_match(t->db, "ab", match, sizeof match), -1); /* too short for trigrams */
    assert_int_equal(db_name_match(t->db, "   ", match, sizeof match), -1);
}

/* ---------------- the statement cache ---------------- */

static const char *const Q_ORG = "SELECT name FROM orgs WHERE id>=? ORDER BY id";

static void cache_reuses_statements(void **state)
{
    struct tdb *t = *state;
    mk_org(t->db, "A");
    mk_org(t->db, "B");
    struct db_stmt *s1 = db_query(t->db, Q_ORG, "i", (int64_t)2);
    assert_int_equal(db_step(s1), DB_ROW);
    assert_string_equal(db_text(s1, 0), "B");
    db_done(s1);
    /* The same SQL again: the same prepared statement, reset, with fresh bindings. */
    struct db_stmt *s2 = db_query(t->db, Q_ORG, "i", (int64_t)1);
    assert_ptr_equal(s1, s2);
    assert_int_equal(db_step(s2), DB_ROW);
    assert_string_equal(db_text(s2, 0), "A");
    db_done(s2);
    /* The same text from another buffer also hits the cache. */
    char copy[128];
    snprintf(copy, sizeof copy, "%s", Q_ORG);
    struct db_stmt *s3 = db_query(t->db, copy, "i", (int64_t)1);
    assert_ptr_equal(s1, s3);
    db_done(s3);
}

static void cache_nested_same_sql(void **state)
{
    struct tdb *t = *state;
    for (int i = 0; i < 5; i++) {
        char n[24];
        snprintf(n, sizeof n, "org%d", i);
        mk_org(t->db, n);
    }
    /* Iterate over a query and, for each row, run the very same SQL again: the inner use must not
     * reset or rebind the outer one (a helper calling itself, a recursive walk). */
    int outer_rows = 0, inner_total = 0;
    struct db_stmt *outer = db_query(t->db, Q_ORG, "i", (int64_t)1);
    while (db_step(outer) == DB_ROW) {
        outer_rows++;
        char name[32];
        snprintf(name, sizeof name, "%s", db_text(outer, 0));
        struct db_stmt *inner = db_query(t->db, Q_ORG, "i", (int64_t)outer_rows + 1);
        assert_ptr_not_equal(inner, outer);
        while (db_step(inner) == DB_ROW)
            inner_total++;
        db_done(inner);
        /* The outer cursor's current row is intact. */
        assert_string_equal(db_text(outer, 0), name);
        /* db_int1/db_rows on the same SQL meanwhile, too. */
        json_t *rows = db_rows(t->db, Q_ORG, "i", (int64_t)1);
        assert_int_equal(json_array_size(rows), 5);
        json_decref(rows);
    }
    db_done(outer);
    assert_int_equal(outer_rows, 5);
    assert_int_equal(inner_total, 4 + 3 + 2 + 1 + 0);
    /* Afterwards the cached statement is free again and reused. */
    struct db_stmt *again = db_query(t->db, Q_ORG, "i", (int64_t)1);
    assert_ptr_equal(again, outer);
    db_done(again);
}

static void cache_many_distinct_statements(void **state)
{
    struct tdb *t = *state;
    /* More distinct statements than cache slots, several open at once: every one answers its own
     * question (evictions and slot collisions never hand back the wrong statement). */
    static char sqls[600][64];
    for (int i = 0; i < 600; i++)
        snprintf(sqls[i], sizeof sqls[i], "SELECT %d + ?", i);
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 600; i += 3) {
            struct db_stmt *a = db_query(t->db, sqls[i], "i", (int64_t)1000);
            struct db_stmt *b = db_query(t->db, sqls[i + 1], "i", (int64_t)2000);
            struct db_stmt *c = db_query(t->db, sqls[i + 2], "i", (int64_t)3000);
            assert_int_equal(db_step(a), DB_ROW);
            assert_int_equal(db_step(b), DB_ROW);
            assert_int_equal(db_step(c), DB_ROW);
            assert_int_equal(db_int(a, 0), i + 1000);
            assert_int_equal(db_int(b, 0), i + 1 + 2000);
            assert_int_equal(db_int(c, 0), i + 2 + 3000);
            db_done(b);
            db_done(a);
            db_done(c);
        }
    }
}

/* A working set well under the cache's size is compiled once: two hot statements whose hashes share
 * a slot do not evict each other on every use (the writer's access epoch and its audit INSERT did,
 * which cost a contact ~15 % of the server's CPU). */
static void cache_keeps_a_hot_set(void **state)
{
    struct tdb *t = *state;
    static char sqls[100][64];
    for (int i = 0; i < 100; i++)
        snprintf(sqls[i], sizeof sqls[i], "SELECT %d + ? AS hot", i);
    uint64_t before = 0;
    for (int round = 0; round < 4; round++) {
        if (round == 1)
            before = db_prepared(t->db);
        for (int i = 0; i < 100; i++)
            assert_int_equal(db_int1(t->db, -1, sqls[i], "i", (int64_t)1), i + 1);
    }
    assert_int_equal(db_prepared(t->db) - before, 0);
    /* A statement never seen is compiled, and counted. */
    assert_int_equal(db_int1(t->db, -1, "SELECT 7 + ? AS cold", "i", (int64_t)1), 8);
    assert_int_equal(db_prepared(t->db) - before, 1);
}

/* SQL built at run time (a heap buffer freed after use) must be safe to cache: the cache may not
 * keep pointing into the caller's buffer. Run in a child, so that a sanitizer report fails this
 * test only. */
static void cache_does_not_keep_callers_sql(void **state)
{
    struct tdb *t = *state;
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        for (int i = 0; i < 3; i++) {
            char *s = xstrdup("SELECT count(*) FROM orgs WHERE name<>'dynamic'");
            int64_t n = db_int1(t->db, -1, s, "");
            free(s);
            if (n != 0)
                _exit(3);
        }
        _exit(0);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail_msg(
            "querying with SQL from a freed buffer %s %d (see the sanitizer report above): the statement "
            "cache keeps the caller's SQL pointer (db_sqlite.c s_prepare: .sql = sql) and strcmp()s it later",
            WIFSIGNALED(status) ? "died of signal" : "exited with status",
            WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}

/* ---------------- the writer ---------------- */

struct tjob {
    struct wjob w;
    int n;
    int fail;       /* run inserts, then reports failure */
    int constraint; /* run violates a constraint */
    sem_t *gate;    /* run waits on it first */
    int after_rc;   /* what after() saw */
    int after_called;
    int visible_at_notify; /* the job's row seen from another connection when notified */
    struct db *check;
};

static pthread_mutex_t done_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cv = PTHREAD_COND_INITIALIZER;
static int done_count, commits;

static int tjob_run(struct wjob *w, struct db *db)
{
    struct tjob *j = (struct tjob *)w;
    if (j->gate)
        sem_wait(j->gate);
    if (j->constraint)
        return db_run(db, "INSERT INTO orgs(name, kind, created_at) VALUES ('dup','other','x')", "") == DB_OK
                   ? 0
                   : 1;
    char name[32];
    snprintf(name, sizeof name, "job%d", j->n);
    if (db_run(db, "INSERT INTO orgs(name, kind, created_at) VALUES (?,'other','x')", "t", name) != DB_OK)
        return 1;
    return j->fail ? 1 : 0;
}
static void tjob_after(struct wjob *w, struct db *db, int rc)
{
    struct tjob *j = (struct tjob *)w;
    j->after_called = 1;
    j->after_rc = rc;
    if (rc != 0) { /* like the audit record of a failed attempt: kept in the same transaction */
        char name[32];
        snprintf(name, sizeof name, "after%d", j->n);
        db_run(db, "INSERT INTO orgs(name, kind, created_at) VALUES (?,'other','x')", "t", name);
    }
}
static void tjob_notify(struct wjob *w)
{
    struct tjob *j = (struct tjob *)w;
    if (j->check) {
        char name[32];
        snprintf(name, sizeof name, "job%d", j->n);
        j->visible_at_notify = db_int1(j->check, 0, "SELECT count(*) FROM orgs WHERE name=?", "t", name) == 1;
    }
    pthread_mutex_lock(&done_mu);
    done_count++;
    pthread_cond_signal(&done_cv);
    pthread_mutex_unlock(&done_mu);
}
static void count_commit(struct db *db)
{
    (void)db;
    commits++; /* the writer thread only */
}
static void wait_done(int n)
{
    pthread_mutex_lock(&done_mu);
    while (done_count < n)
        pthread_cond_wait(&done_cv, &done_mu);
    pthread_mutex_unlock(&done_mu);
}

/* The writer gets its own connection, like the server's. */
static struct db *writer_conn(struct tdb *t)
{
    struct db *w;
    char err[256];
    struct db_options o = {.synchronous = "NORMAL"};
    if (db_open(t->path, &o, &w, err, sizeof err) != DB_OK)
        fail_msg("%s", err);
    return w;
}

#define NJOBS 300
static void writer_groups_commits(void **state)
{
    struct tdb *t = *state;
    struct db *w = writer_conn(t);
    struct writer_stats before, after;
    writer_get_stats(&before);
    done_count = commits = 0;
    assert_int_equal(writer_start(w, 64, count_commit), 0);
    static struct tjob jobs[NJOBS];
    sem_t gate;
    sem_init(&gate, 0, 0);
    memset(jobs, 0, sizeof jobs);
    for (int i = 0; i < NJOBS; i++) {
        jobs[i] = (struct tjob){.w = {.run = tjob_run, .after = tjob_after, .notify = tjob_notify}, .n = i};
        if (i == 0)
            jobs[i].gate = &gate; /* hold the first batch until everything is queued */
        if (i % 50 == 7)
            jobs[i].check = t->db;
    }
    for (int i = 0; i < NJOBS; i++)
        writer_submit(&jobs[i].w);
    sem_post(&gate);
    wait_done(NJOBS);
    writer_stop();
    writer_get_stats(&after);
    uint64_t batches = after.batches - before.batches, njobs = after.jobs - before.jobs;
    assert_int_equal(njobs, NJOBS);
    assert_true(batches < njobs);
    assert_true(batches <= 1 + (NJOBS - 1 + 63) / 64); /* first one alone, the rest at most 64 a time */
    assert_int_equal(after.queue_depth, 0);
    assert_int_equal(commits, (int)batches); /* the commit hook once per transaction */
    uint64_t hist = 0;
    for (int i = 0; i < 8; i++)
        hist += after.batch_hist[i] - before.batch_hist[i];
    assert_int_equal(hist, batches);
    for (int i = 0; i < NJOBS; i++) {
        assert_int_equal(jobs[i].w.rc, 0);
        assert_int_equal(jobs[i].w.committed, 1);
        assert_int_equal(jobs[i].after_called, 1);
        if (jobs[i].check)
            assert_true(jobs[i].visible_at_notify); /* handed back only after commit */
    }
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name LIKE 'job%'"), NJOBS);
    sem_destroy(&gate);
    db_close(w);
    writer_set_on_commit(NULL);
}

static void writer_failing_job_spoils_nothing(void **state)
{
    struct tdb *t = *state;
    struct db *w = writer_conn(t);
    done_count = 0;
    assert_int_equal(writer_start(w, 64, NULL), 0);
    sem_t gate;
    sem_init(&gate, 0, 0);
    struct tjob gatej = {
        .w = {.run = tjob_run, .after = tjob_after, .notify = tjob_notify}, .n = 100, .gate = &gate};
    struct tjob a = {.w = {.run = tjob_run, .after = tjob_after, .notify = tjob_notify}, .n = 1};
    struct tjob bad = {.w = {.run = tjob_run, .after = tjob_after, .notify = tjob_notify}, .n = 2, .fail = 1};
    struct tjob c = {.w = {.run = tjob_run, .after = tjob_after, .notify = tjob_notify}, .n = 3};
    struct tjob dup1 = {.w = {.run = tjob_run, .notify = tjob_notify}, .n = 4, .constraint = 1};
    struct tjob dup2 = {
        .w = {.run = tjob_run, .after = tjob_after, .notify = tjob_notify}, .n = 5, .constraint = 1};
    struct tjob d = {.w = {.run = tjob_run, .after = tjob_after, .notify = tjob_notify}, .n = 6};
    struct tjob *all[] = {&gatej, &a, &bad, &c, &dup1, &dup2, &d};
    for (size_t i = 0; i < ARRAY_LEN(all); i++)
        writer_submit(&all[i]->w);
    sem_post(&gate);
    wait_done((int)ARRAY_LEN(all));
    writer_stop();
    /* One batch, one commit: the failing jobs' own writes are gone, the others' are there. */
    assert_int_equal(a.w.rc, 0);
    assert_int_not_equal(bad.w.rc, 0);
    assert_int_equal(c.w.rc, 0);
    assert_int_equal(dup1.w.rc, 0);
    assert_int_not_equal(dup2.w.rc, 0);
    assert_int_equal(d.w.rc, 0);
    for (size_t i = 0; i < ARRAY_LEN(all); i++)
        assert_int_equal(all[i]->w.committed, 1);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name='job1'"), 1);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name='job2'"), 0);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name='job3'"), 1);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name='dup'"), 1);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name='job6'"), 1);
    /* after() saw the outcome and its write (the record of the failure) is kept. */
    assert_int_equal(bad.after_rc, bad.w.rc);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name='after2'"), 1);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name='after5'"), 1);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name='after1'"), 0);
    sem_destroy(&gate);
    db_close(w);
}

/* A plain job (writer.h: a read's audit records) runs without a savepoint: plain jobs that succeed
 * commit with their group; one that fails takes its whole group down (nothing committed, every job
 * handed back with committed == 0), and the next group commits again. */
static void writer_plain_job_fails_its_group(void **state)
{
    struct tdb *t = *state;
    struct db *w = writer_conn(t);
    done_count = 0;
    assert_int_equal(writer_start(w, 64, NULL), 0);
    sem_t gate;
    sem_init(&gate, 0, 0);
    struct tjob g1 = {.w = {.run = tjob_run, .notify = tjob_notify, .plain = 1}, .n = 10, .gate = &gate};
    struct tjob p1 = {.w = {.run = tjob_run, .notify = tjob_notify, .plain = 1}, .n = 11};
    struct tjob s1 = {.w = {.run = tjob_run, .after = tjob_after, .notify = tjob_notify}, .n = 12};
    struct tjob *first[] = {&g1, &p1, &s1};
    for (size_t i = 0; i < ARRAY_LEN(first); i++)
        writer_submit(&first[i]->w);
    sem_post(&gate);
    wait_done((int)ARRAY_LEN(first));
    for (size_t i = 0; i < ARRAY_LEN(first); i++) {
        assert_int_equal(first[i]->w.rc, 0);
        assert_int_equal(first[i]->w.committed, 1);
    }
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name IN ('job10','job11','job12')"), 3);
    struct tjob g2 = {.w = {.run = tjob_run, .after = tjob_after, .notify = tjob_notify}, .n = 20, .gate = &gate};
    struct tjob bad = {.w = {.run = tjob_run, .notify = tjob_notify, .plain = 1}, .n = 21, .fail = 1};
    struct tjob p2 = {.w = {.run = tjob_run, .notify = tjob_notify, .plain = 1}, .n = 22};
    struct tjob *second[] = {&g2, &bad, &p2};
    for (size_t i = 0; i < ARRAY_LEN(second); i++)
        writer_submit(&second[i]->w);
    sem_post(&gate);
    wait_done((int)(ARRAY_LEN(first) + ARRAY_LEN(second)));
    for (size_t i = 0; i < ARRAY_LEN(second); i++) {
        assert_int_equal(second[i]->w.committed, 0);
        assert_int_not_equal(second[i]->w.rc, 0);
    }
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name IN ('job20','job21','job22','after20')"), 0);
    struct tjob again = {.w = {.run = tjob_run, .notify = tjob_notify, .plain = 1}, .n = 30};
    writer_submit(&again.w);
    wait_done((int)(ARRAY_LEN(first) + ARRAY_LEN(second)) + 1);
    assert_int_equal(again.w.committed, 1);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name='job30'"), 1);
    writer_stop();
    sem_destroy(&gate);
    db_close(w);
}

static void writer_without_group_commit(void **state)
{
    struct tdb *t = *state;
    struct db *w = writer_conn(t);
    struct writer_stats before, after;
    writer_get_stats(&before);
    done_count = 0;
    assert_int_equal(writer_start(w, 1, NULL), 0);
    static struct tjob jobs[20];
    memset(jobs, 0, sizeof jobs);
    for (int i = 0; i < 20; i++) {
        jobs[i] = (struct tjob){.w = {.run = tjob_run, .notify = tjob_notify}, .n = 500 + i};
        writer_submit(&jobs[i].w);
    }
    writer_stop(); /* finishes what is queued before stopping */
    assert_int_equal(done_count, 20);
    writer_get_stats(&after);
    assert_int_equal(after.batches - before.batches, 20);
    assert_int_equal(after.jobs - before.jobs, 20);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs"), 20);
    db_close(w);
}

static void writer_run_now_same_semantics(void **state)
{
    struct tdb *t = *state;
    commits = 0;
    writer_set_on_commit(count_commit);
    struct tjob ok = {.w = {.run = tjob_run, .after = tjob_after}, .n = 1};
    assert_int_equal(writer_run_now(t->db, &ok.w), 0);
    assert_int_equal(ok.w.committed, 1);
    assert_int_equal(commits, 1);
    struct tjob bad = {.w = {.run = tjob_run, .after = tjob_after}, .n = 2, .fail = 1};
    assert_int_not_equal(writer_run_now(t->db, &bad.w), 0);
    assert_int_equal(bad.after_called, 1);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name='job1'"), 1);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name='job2'"), 0);
    assert_int_equal(count_of(t->db, "SELECT count(*) FROM orgs WHERE name='after2'"), 1);
    /* Nothing is left open: a new transaction can begin. */
    assert_int_equal(db_begin(t->db), DB_OK);
    assert_int_equal(db_rollback(t->db), DB_OK);
    writer_set_on_commit(NULL);
}

int main(void)
{
    log_quiet = 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(open_by_url, setup, teardown),
        cmocka_unit_test_setup_teardown(migrate_twice_is_idempotent, setup, teardown),
        cmocka_unit_test_setup_teardown(newer_schema_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(binds_every_letter, setup, teardown),
        cmocka_unit_test_setup_teardown(int1_defaults_and_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(insert_id_returns_the_new_id, setup, teardown),
        cmocka_unit_test_setup_teardown(insert_names_table_and_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(rows_as_json, setup, teardown),
        cmocka_unit_test_setup_teardown(commit_tells_the_truth, setup, teardown),
        cmocka_unit_test_setup_teardown(placeholders_in_quotes_and_comments, setup, teardown),
        cmocka_unit_test_setup_teardown(name_match_is_literal, setup, teardown),
        cmocka_unit_test_setup_teardown(cache_reuses_statements, setup, teardown),
        cmocka_unit_test_setup_teardown(cache_nested_same_sql, setup, teardown),
        cmocka_unit_test_setup_teardown(cache_many_distinct_statements, setup, teardown),
        cmocka_unit_test_setup_teardown(cache_keeps_a_hot_set, setup, teardown),
        cmocka_unit_test_setup_teardown(cache_does_not_keep_callers_sql, setup, teardown),
        cmocka_unit_test_setup_teardown(writer_groups_commits, setup, teardown),
        cmocka_unit_test_setup_teardown(writer_failing_job_spoils_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(writer_plain_job_fails_its_group, setup, teardown),
        cmocka_unit_test_setup_teardown(writer_without_group_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(writer_run_now_same_semantics, setup, teardown),
    };
    return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
