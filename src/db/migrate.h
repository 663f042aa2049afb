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
/* A step in C that runs right after its migration's SQL, in the same transaction: what SQL alone
 * cannot make (the search keys of existing clients). Registered where it is written, with
 * MIGRATION_STEP(x) (a pointer in the section hearth_migration_steps): db/ calls it without knowing
 * core/. 0 on success. */
struct migration_step {
    int version;
    const char *name;
    int (*run)(struct db *db);
};
#define MIGRATION_STEP(x)                                                                                    \
    static const struct migration_step *const x##_entry __attribute__((section("hearth_migration_steps"), used)) = &x
/* Apply every migration newer than the database; 0 on success. */
int migrate_up(struct db *db);
int migrate_latest(void);
#endif
