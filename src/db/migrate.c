/* migrate: brings a database of any older Hearth version up to this one, in place, in one
 * transaction that also serialises servers starting together on a shared database. */
#include "db/migrate.h"
#include "base/base.h"
#include "db/db.h"
#include <string.h>

int migrate_latest(void)
{
    int v = 0;
    for (const struct migration *m = migrations; m->version; m++)
        v = m->version;
    return v;
}

/* Keep the lines meant for this engine: a block that starts with "-- @sqlite" or
 * "-- @postgresql" and ends with "-- @end" belongs to that engine alone. */
static char *for_engine(struct db *db, const char *sql)
{
    const char *mine = db_is_sqlite(db) ? "sqlite" : "postgresql";
    struct buf b = {0};
    int keep = 1;
    for (const char *p = sql; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) + 1 : strlen(p);
        if (strncmp(p, "-- @", 4) == 0) {
            size_t w = strcspn(p + 4, " \r\n");
            keep = (w == 3 && strncmp(p + 4, "end", 3) == 0) || (w == strlen(mine) && strncmp(p + 4, mine, w) == 0);
        } else if (keep) {
            buf_add(&b, p, n);
        }
        p += n;
    }
    char *plain = buf_steal(&b);
    char *out = db_ddl(db, plain);
    free(plain);
    return out;
}

static int run_ddl(struct db *db, const char *sql)
{
    char *s = for_engine(db, sql);
    int rc = db_exec(db, s);
    free(s);
    return rc;
}

/* The registered steps (MIGRATION_STEP); none: the section is empty and both symbols are NULL. */
extern const struct migration_step *const __start_hearth_migration_steps[] __attribute__((weak));
extern const struct migration_step *const __stop_hearth_migration_steps[] __attribute__((weak));

static int run_steps(struct db *db, int version)
{
    for (const struct migration_step *const *s = __start_hearth_migration_steps;
         s && s < __stop_hearth_migration_steps; s++)
        if ((*s)->version == version && (*s)->run(db) != 0) {
            log_error("migration step %s failed: %s", (*s)->name, db_errmsg(db));
            return -1;
        }
    return 0;
}

int migrate_up(struct db *db)
{
    if (db_begin(db) != DB_OK) {
        log_error("migrations: cannot begin: %s", db_errmsg(db));
        return -1;
    }
    if (run_ddl(db, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                    " applied_at TEXT NOT NULL)") != DB_OK) {
        db_rollback(db);
        return -1;
    }
    int64_t have = db_int1(db, 0, "SELECT max(version) FROM schema_migrations", "");
    if (have > migrate_latest()) {
        log_error("database schema version %lld is newer than this hearth (%d)", (long long)have, migrate_latest());
        db_rollback(db);
        return -1;
    }
    for (const struct migration *m = migrations; m->version; m++) {
        if (m->version <= have)
            continue;
        char now[32];
        iso_now(now);
        if (run_ddl(db, m->sql) != DB_OK || run_steps(db, m->version) != 0 ||
            db_run(db, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?,?,?)", "dtt", m->version,
                   m->name, now) != DB_OK) {
            log_error("migration %s failed: %s", m->name, db_errmsg(db));
            db_rollback(db);
            return -1;
        }
        log_info("applied migration %s", m->name);
    }
    if (db_commit(db) != DB_OK) {
        log_error("migrations: cannot commit: %s", db_errmsg(db));
        db_rollback(db);
        return -1;
    }
    return 0;
}
