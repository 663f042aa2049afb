/* fuzz: what the libFuzzer harnesses (tests/fuzz/fuzz_*.c) share. Each harness calls the real code
 * of one input path and checks what must hold of its answer beyond "no crash": a broken property
 * is reported with fuzz_fail, which aborts so that libFuzzer keeps the input as a crash.
 * Included (not linked) by each harness; everything here is static. */
#ifndef HEARTH_FUZZ_H
#define HEARTH_FUZZ_H
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include "db/migrate.h"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static __attribute__((unused, noreturn, format(printf, 1, 2))) void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "fuzz: property broken: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

/* The input as a NUL-terminated string (malloc'd; an inner NUL ends it early). */
static __attribute__((unused)) char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = 0;
    return s;
}

/* A fresh migrated SQLite database in memory, made once per process. */
static __attribute__((unused)) struct db *fuzz_db(void)
{
    static struct db *db;
    if (db)
        return db;
    char err[256] = "";
    struct db_options o = {.synchronous = "OFF"};
    log_quiet = 1;
    if (db_open("sqlite::memory:", &o, &db, err, sizeof err) != DB_OK || migrate_up(db) != 0)
        fuzz_fail("an in-memory database: %s", err);
    return db;
}
#endif
