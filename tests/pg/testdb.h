/* testdb: a fresh database for a test on the engine the suite runs on: SQLite by default, or a
 * new database on the throw-away PostgreSQL cluster whose base URL is in HEARTH_TEST_PG (set by
 * tests/run-all, which starts the cluster with tests/pg/cluster). Included by C test programs. */
#ifndef HEARTH_TESTDB_H
#define HEARTH_TESTDB_H
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The cluster's base URL, or NULL when the suite runs on SQLite. */
static __attribute__((unused)) const char *test_pg(void)
{
    const char *u = getenv("HEARTH_TEST_PG");
    return u && *u ? u : NULL;
}

/* The URL of database `name` on the test cluster: the base URL names database "postgres". */
static __attribute__((unused)) int test_pg_url(const char *name, char *out, size_t len)
{
    const char *base = test_pg();
    const char *at = base ? strstr(base, "/postgres?") : NULL;
    if (!at)
        return -1;
    snprintf(out, len, "%.*s/%s%s", (int)(at - base), base, name, at + 9);
    return 0;
}

/* One statement on the cluster's maintenance database (CREATE/DROP DATABASE); 0 on success. */
static __attribute__((unused)) int test_pg_admin(const char *sql, char *err, size_t errlen)
{
    struct db *a;
    if (db_open(test_pg(), NULL, &a, err, errlen) != DB_OK)
        return -1;
    int rc = db_exec(a, sql) == DB_OK ? 0 : -1;
    if (rc)
        snprintf(err, errlen, "%s: %s", sql, db_errmsg(a));
    db_close(a);
    return rc;
}

/* Create database `name` (dropping an old one) and write its URL; 0 on success. */
static __attribute__((unused)) int test_pg_create(const char *name, char *url, size_t len, char *err, size_t errlen)
{
    char sql[160];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
    if (test_pg_admin(sql, err, errlen) != 0)
        return -1;
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
    if (test_pg_admin(sql, err, errlen) != 0)
        return -1;
    return test_pg_url(name, url, len);
}

static __attribute__((unused)) void test_pg_drop(const char *name)
{
    char sql[160], err[256];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
    if (test_pg_admin(sql, err, sizeof err) != 0)
        fprintf(stderr, "test cluster: %s\n", err);
}
#endif
