/* migrate: brings a database of any older Hearth version up to this one, in place. */
#include "db/migrate.h"
#include "base/base.h"
#include "db/db.h"

int migrate_latest(void)
{
    int v = 0;
    for (const struct migration *m = migrations; m->version; m++)
        v = m->version;
    return v;
}

int migrate_up(struct db *db)
{
    if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                    " applied_at TEXT NOT NULL)") != DB_OK)
        return -1;
    int64_t have = db_int1(db, 0, "SELECT max(version) FROM schema_migrations", "");
    if (have > migrate_latest()) {
        log_error("database schema version %lld is newer than this hearth (%d)", (long long)have, migrate_latest());
        return -1;
    }
    for (const struct migration *m = migrations; m->version; m++) {
        if (m->version <= have)
            continue;
        char now[32];
        iso_now(now);
        if (db_begin(db) != DB_OK)
            return -1;
        if (db_exec(db, m->sql) != DB_OK ||
            db_run(db, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?,?,?)", "dtt", m->version,
                   m->name, now) != DB_OK) {
            log_error("migration %s failed: %s", m->name, db_errmsg(db));
            db_rollback(db);
            return -1;
        }
        if (db_commit(db) != DB_OK)
            return -1;
        log_info("applied migration %s", m->name);
    }
    return 0;
}
