/* copy: moves every Hearth table from one open database to another, whatever the two engines,
 * reading the source from one snapshot. Used by `hearth migrate-data` and, for PostgreSQL, by
 * db_backup (a consistent SQLite copy). */
#ifndef HEARTH_COPY_H
#define HEARTH_COPY_H
#include <stddef.h>
#include <stdint.h>

struct db;

struct copy_progress {
    const char *table;
    int64_t done, total;         /* rows of this table */
    int64_t all_done, all_total; /* rows of every table */
};
typedef void (*copy_progress_fn)(void *arg, const struct copy_progress *p);

/* What a copy did, for a report on success and an honest one on failure. */
struct copy_result {
    int tables_done, tables_total; /* tables copied completely */
    int64_t rows_done, rows_total;
    int touched;       /* the target was changed (emptied, perhaps partly filled) */
    const char *table; /* the table it stopped in; NULL when it did not stop in one */
    char err[768];     /* why it failed */
};

/* Nonzero when the target holds rows that someone put there (any Hearth table but those the
 * migrations fill themselves); `what` then names the tables and their counts. */
int copy_target_used(struct db *dst, char *what, size_t len);
/* Replace every Hearth row of dst with src's: empty dst's tables in one transaction, copy table by
 * table in foreign-key order (pages of rows, committed every few thousand), move identity
 * sequences on, set the shared audit head (PostgreSQL), and compare the row count of every table
 * on both sides. Both databases must be at the same schema version and must not be the same
 * database. DB_OK or DB_ERR with r->err. progress may be NULL. */
int copy_all(struct db *src, struct db *dst, copy_progress_fn progress, void *arg, struct copy_result *r);
/* A new SQLite file at path (refused if it exists) holding a consistent copy of src; removed
 * again on failure. The caller writes the copy's audit head file. */
int copy_backup(struct db *src, const char *path, void (*progress)(int done, int total));
#endif
