/* helpers: what the unit tests share: a fresh migrated database (SQLite in a temporary
 * directory, or a new database on the throw-away PostgreSQL cluster named by HEARTH_TEST_PG
 * when the suite runs on PostgreSQL), a fixed clock, and small builders for a world of organisations, staff and clients.
 * Included (not linked) by each tests/unit/test_*.c; everything here is static. */
#ifndef HEARTH_TEST_HELPERS_H
#define HEARTH_TEST_HELPERS_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka needs the four above first */
#include <cmocka.h>

#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include "db/migrate.h"
#include "db/writer.h"
#include "../pg/testdb.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The clock every test runs at unless it moves it (now_epoch() honours HEARTH_FAKE_NOW). */
#define T_NOW "2026-11-22T12:00:00Z"
#define T_TODAY "2026-11-22"
#define T_YESTERDAY "2026-11-21"
#define T_TOMORROW "2026-11-23"

struct tdb {
    char dir[256];
    char path[300]; /* the database URL: a file path, or postgresql://... */
    char head[320]; /* the audit head file; "" on PostgreSQL */
    char pgname[64];
    struct db *db;
};


static __attribute__((unused)) void tdb_remove_files(struct tdb *t)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char p[400];
    for (size_t i = 0; i < ARRAY_LEN(suffix); i++) {
        snprintf(p, sizeof p, "%s%s", t->path, suffix[i]);
        unlink(p);
    }
    unlink(t->head);
    snprintf(p, sizeof p, "%s.tmp", t->head);
    unlink(p);
    rmdir(t->dir);
    if (t->pgname[0])
        test_pg_drop(t->pgname);
}

/* A fresh, migrated database in its own temporary directory. */
static __attribute__((unused)) struct tdb *tdb_open(void)
{
    struct tdb *t = calloc(1, sizeof *t);
    assert_non_null(t);
    const char *tmp = getenv("TMPDIR");
    snprintf(t->dir, sizeof t->dir, "%s/hearth-unit-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->path, sizeof t->path, "%s/t.db", t->dir);
    snprintf(t->head, sizeof t->head, "%s.audit-head", t->path);
    if (test_pg()) {
        static int n;
        char err[256] = "";
        snprintf(t->pgname, sizeof t->pgname, "unit_%d_%d", (int)getpid(), ++n);
        if (test_pg_create(t->pgname, t->path, sizeof t->path, err, sizeof err) != 0)
            fail_msg("test cluster: %s", err);
        t->head[0] = 0;
        /* SQLite's randomblob(), zeroblob() and hex(), which the tests' own tampering SQL uses. */
        struct db *d;
        if (db_open(t->path, NULL, &d, err, sizeof err) != DB_OK)
            fail_msg("test cluster: %s", err);
        if (db_exec(d, "CREATE FUNCTION randomblob(n int) RETURNS bytea LANGUAGE sql AS $$ SELECT substring("
                       "decode(md5(random()::text) || md5(random()::text), 'hex') from 1 for n) $$;"
                       " CREATE FUNCTION zeroblob(n int) RETURNS bytea LANGUAGE sql AS $$ SELECT decode(repeat('00', n), 'hex') $$;"
                       " CREATE FUNCTION hex(b bytea) RETURNS text LANGUAGE sql AS $$ SELECT upper(encode(b, 'hex')) $$")
            != DB_OK)
            fail_msg("test cluster: %s", db_errmsg(d));
        db_close(d);
    }
    char err[256] = "";
    struct db_options o = {.synchronous = "OFF"};
    if (db_open(t->path, &o, &t->db, err, sizeof err) != DB_OK)
        fail_msg("db_open: %s", err);
    assert_int_equal(migrate_up(t->db), 0);
    return t;
}

static __attribute__((unused)) void tdb_close(struct tdb *t)
{
    if (!t)
        return;
    db_close(t->db);
    tdb_remove_files(t);
    free(t);
}

/* The clock. now_epoch() reads HEARTH_FAKE_NOW once per process, so every test binary fixes
 * its clock first thing in main() (clock_init), and a test that needs another time runs a step
 * in a fresh copy of itself with that clock (run_at). */
static __attribute__((unused)) void clock_init(void)
{
    setenv("HEARTH_FAKE_NOW", T_NOW, 1);
}

struct step {
    const char *name;
    int (*fn)(int argc, char **argv); /* argv[0] is the step name; returns the exit status */
};

/* In main(): `if (argc > 1 && strcmp(argv[1], "--step") == 0) return step_main(steps, argc, argv);` */
static __attribute__((unused)) int step_main(const struct step *steps, int argc, char **argv)
{
    log_quiet = 1;
    for (const struct step *s = steps; argc > 2 && s->name; s++)
        if (strcmp(s->name, argv[2]) == 0)
            return s->fn(argc - 2, argv + 2);
    fprintf(stderr, "no such step\n");
    return 125;
}

/* Run a step (name and arguments, NULL-terminated) in a new process whose clock is `iso`;
 * returns its exit status, or -1 when it died of a signal. */
static __attribute__((unused)) int run_at(const char *iso, const char *const *args)
{
    char *argv[16];
    int n = 0;
    argv[n++] = (char *)"/proc/self/exe";
    argv[n++] = (char *)"--step";
    for (; *args && n < 15; args++)
        argv[n++] = (char *)*args;
    argv[n] = NULL;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        setenv("HEARTH_FAKE_NOW", iso, 1);
        execv("/proc/self/exe", argv);
        _exit(126);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

/* Run SQL that must succeed. */
static __attribute__((unused)) void sql(struct db *db, const char *s)
{
    if (db_exec(db, s) != DB_OK)
        fail_msg("SQL failed: %s: %s", s, db_errmsg(db));
}

static __attribute__((unused)) int64_t mk_org(struct db *db, const char *name)
{
    assert_int_equal(
        db_run(db, "INSERT INTO orgs(name, kind, created_at) VALUES (?, 'other', ?)", "tt", name, T_NOW),
        DB_OK);
    return db_int1(db, 0, "SELECT id FROM orgs WHERE name=?", "t", name);
}

/* A staff row (the password hash is a placeholder: these tests never log in). */
static __attribute__((unused)) int64_t mk_staff(struct db *db, int64_t org, const char *username,
                                                const char *role)
{
    assert_int_equal(
        db_run(db,
               "INSERT INTO staff(org_id, username, display_name, role, discipline, pw_hash, created_at)"
               " VALUES (?,?,?,?,?,'x',?)",
               "ittttt", org, username, username, role,
               strcmp(role, "clinician") == 0 ? "psychiatrist" : NULL, T_NOW),
        DB_OK);
    return db_int1(db, 0, "SELECT id FROM staff WHERE username=?", "t", username);
}

static __attribute__((unused)) struct actor actor_of(struct db *db, int64_t staff_id)
{
    struct actor a;
    memset(&a, 0, sizeof a);
    json_t *r = db_row(db, "SELECT id, org_id, role, username FROM staff WHERE id=?", "i", staff_id);
    assert_non_null(r);
    a.staff_id = json_integer_value(json_object_get(r, "id"));
    a.org_id = json_integer_value(json_object_get(r, "org_id"));
    a.role = role_parse(json_string_value(json_object_get(r, "role")));
    snprintf(a.username, sizeof a.username, "%s", json_string_value(json_object_get(r, "username")));
    snprintf(a.name, sizeof a.name, "%s", a.username);
    json_decref(r);
    assert_true(a.role >= 0);
    return a;
}

/* A client row straight into the tables (and the search index), as client_create would leave it. */
static __attribute__((unused)) int64_t mk_client(struct db *db, int64_t org, int64_t by, const char *given,
                                                 const char *family, const char *birth)
{
    struct db_stmt *st =
        db_query(db,
                 "INSERT INTO clients(given_name, family_name, birth_date, org_id, created_by,"
                 " created_at, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
                 "tttiitit", given, family, birth, org, by, T_NOW, by, T_NOW);
    assert_int_equal(db_step(st), DB_ROW);
    int64_t id = db_int(st, 0);
    db_done(st);
    char name[300];
    snprintf(name, sizeof name, "%s %s ", given, family);
    assert_int_equal(db_run(db, "INSERT INTO clients_fts(rowid, name) VALUES (?,?)", "it", id, name), DB_OK);
    return id;
}

static __attribute__((unused)) int64_t mk_episode(struct db *db, int64_t client, int64_t org,
                                                  const char *status, int64_t primary_cm, int64_t by)
{
    struct db_stmt *st = db_query(
        db,
        "INSERT INTO episodes(client_id, org_id, programme, status, target_group, primary_cm,"
        " start_date, end_date, discharge_reason, created_by, created_at, updated_at)"
        " VALUES (?,?,'integrated_care',?,'severe',?,'2026-01-01',?,?,?,?,?) RETURNING id",
        "iitIttitt", client, org, status, primary_cm, strcmp(status, "discharged") == 0 ? "2026-06-01" : NULL,
        strcmp(status, "discharged") == 0 ? "moved away" : NULL, by, T_NOW, T_NOW);
    assert_int_equal(db_step(st), DB_ROW);
    int64_t id = db_int(st, 0);
    db_done(st);
    return id;
}

static __attribute__((unused)) int64_t mk_member(struct db *db, int64_t episode, int64_t staff,
                                                 const char *team_role, const char *from, const char *to)
{
    assert_int_equal(db_run(db,
                            "INSERT INTO team_members(episode_id, staff_id, team_role, from_date, to_date)"
                            " VALUES (?,?,?,?,?)",
                            "iittt", episode, staff, team_role, from, to),
                     DB_OK);
    return db_int1(db, 0, "SELECT max(id) FROM team_members", "");
}

static __attribute__((unused)) void mk_breakglass(struct db *db, int64_t staff, int64_t org, int64_t client,
                                                  const char *started, const char *expires)
{
    assert_int_equal(
        db_run(db,
               "INSERT INTO break_glass(staff_id, org_id, client_id, reason, started_at, expires_at)"
               " VALUES (?,?,?,'crisis call at night, client unreachable',?,?)",
               "iiitt", staff, org, client, started, expires),
        DB_OK);
}

/* Count rows matching a query (one integer). */
static __attribute__((unused)) int64_t count_of(struct db *db, const char *q)
{
    return db_int1(db, -1, q, "");
}

/* The string member of a JSON object, or "" when absent. */
static __attribute__((unused)) const char *js(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}
static __attribute__((unused)) int64_t ji(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}
#endif
