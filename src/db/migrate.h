/* migrate: numbered SQL migrations (migrations/NNN_name.sql, embedded at build time),
 * applied in order at start and recorded in schema_migrations. */
#ifndef HEARTH_MIGRATE_H
#define HEARTH_MIGRATE_H
struct db;
struct migration {
    int version;
    const char *name;
    const char *sql;
};
extern const struct migration migrations[];
/* Apply every migration newer than the database; 0 on success. */
int migrate_up(struct db *db);
int migrate_latest(void);
#endif
