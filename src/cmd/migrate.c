/* migrate: `hearth migrate-data`, how a centre moves its whole database, audit chain included,
 * onto another one (SQLite onto PostgreSQL when it grows beyond one machine): a progress bar while
 * copying, and the row counts and the audit chain verified at the end. */
#include "base/base.h"
#include "cmd/cmd.h"
#include "db/copy.h"
#include "db/db.h"
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

const char cmd_migrate_data_usage[] =
    "hearth migrate-data --from URL --to URL [--force] [--from-audit-key FILE] [--to-audit-key FILE]\n"
    "  Copies every table, audit chain included, then compares the row counts of both sides and\n"
    "  verifies the copied chain. A target that holds data is refused; --force empties Hearth's\n"
    "  tables there first, in one transaction. The source's audit key goes with the chain: it is\n"
    "  written (0600) to the target's key file (default beside a SQLite target, var/DBNAME.audit-key\n"
    "  on PostgreSQL) unless that already holds the same key.";

/* The progress bar on stderr: redrawn in place on a terminal, one line per table otherwise (a log
 * file should not fill with carriage returns). */
struct bar {
    int tty;
    const char *table;
    int64_t done, total;
};
static int percent(int64_t done, int64_t total)
{
    return total > 0 ? (int)(done * 100 / total) : 100;
}
static void bar_end_table(struct bar *b)
{
    if (!b->table)
        return;
    if (b->tty)
        fputc('\n', stderr);
    else
        fprintf(stderr, "  %-20s %10" PRId64 " of %" PRId64 " rows %3d%%\n", b->table, b->done, b->total,
                percent(b->done, b->total));
    b->table = NULL;
}
static void bar_update(void *arg, const struct copy_progress *p)
{
    struct bar *b = arg;
    if (b->table != p->table)
        bar_end_table(b);
    b->table = p->table;
    b->done = p->done;
    b->total = p->total;
    if (!b->tty)
        return;
    int pct = percent(p->done, p->total);
    char fill[21];
    for (int i = 0; i < 20; i++)
        fill[i] = i < pct / 5 ? '#' : '.';
    fill[20] = 0;
    fprintf(stderr, "\r  %-20s %10" PRId64 " / %-10" PRId64 " %3d%% [%s]  all %3d%%", p->table, p->done,
            p->total, pct, fill, percent(p->all_done, p->all_total));
    fflush(stderr);
}

/* The audit chain of a database checked with its key against its head (file or row); 0 when intact. */
static int verify_chain(struct db *db, const struct audit_key *k, char *report, size_t len)
{
    char head[4200];
    audit_head_file(db, head, sizeof head);
    return audit_verify(db, head[0] ? head : NULL, k, report, len);
}

/* The target's key file: the source's key written there, or already there. 0, or -1 after a message. */
static int target_key(struct db *dst, const char *path, const struct audit_key *k)
{
    char def[4200], err[600];
    if (!path) {
        audit_key_file(dst, def, sizeof def);
        path = def;
    }
    struct audit_key have;
    int rc = audit_key_load(path, &have, err, sizeof err);
    if (rc == 1) {
        rc = audit_key_save(path, k, err, sizeof err);
    } else if (rc == 0 && (have.from != k->from || sodium_memcmp(have.key, k->key, AUDIT_KEY_LEN) != 0)) {
        snprintf(err, sizeof err,
                 "the target's audit key %.300s is another key; the copied chain needs the source's: move that file"
                 " away, or name another with --to-audit-key",
                 path);
        rc = -1;
    }
    sodium_memzero(&have, sizeof have);
    if (rc != 0) {
        fprintf(stderr, "hearth: %s\nhearth: nothing was written to the target\n", err);
        return -1;
    }
    return 0;
}

int cmd_migrate_data(int argc, char **argv)
{
    static const char *const names[] = {"from", "to", "force!", "from-audit-key", "to-audit-key", NULL};
    const char *v[5] = {0}, *pos[1];
    if (cmd_opts(argc, argv, names, v, pos, 0) < 0 || !v[0] || !v[1]) {
        fprintf(stderr, "usage: %s\n", cmd_migrate_data_usage);
        return EXIT_USAGE;
    }
    const char *from = v[0], *to = v[1];
    int force = v[2] != NULL;

    /* Opened read-only first, so a mistyped source path is an error, not a new empty database. */
    char err[600];
    struct db *src, *dst;
    struct db_options ro = {.readonly = 1};
    if (db_open(from, &ro, &src, err, sizeof err) != DB_OK) {
        fprintf(stderr, "hearth: the source: %s\n", err);
        return EXIT_FAIL;
    }
    db_close(src);
    cmd_set_audit_key(v[3], CMD_KEY_CREATE); /* a source from before keys is keyed on opening */
    if (cmd_open(from, NULL, &src) != 0)
        return EXIT_FAIL;
    char report[600];
    struct audit_key key;
    if (audit_key_open(src, v[3], 0, &key, err, sizeof err) != 0) {
        fprintf(stderr, "hearth: the source: %s\n", err);
        db_close(src);
        return EXIT_FAIL;
    }
    if (verify_chain(src, &key, report, sizeof report) != 0) {
        fprintf(stderr,
                "hearth: the source's audit chain does not verify: %s\n"
                "hearth: moving it would hide that; nothing was written to the target\n",
                report);
        db_close(src);
        return EXIT_FAIL;
    }
    cmd_set_audit_key(NULL, CMD_KEY_NONE); /* the target takes the source's key */
    if (cmd_open(to, NULL, &dst) != 0) { /* after the source: the audit head file is the target's */
        db_close(src);
        return EXIT_FAIL;
    }

    int rc = EXIT_FAIL;
    char used[600];
    if (copy_target_used(dst, used, sizeof used)) {
        if (!force) {
            fprintf(stderr,
                    "hearth: the target already holds data (%s); refusing to mix it with the source's.\n"
                    "hearth: to replace it, run again with --force: Hearth's tables on the target are then "
                    "emptied, in one transaction, before the copy.\n",
                    used);
            goto out;
        }
        fprintf(stderr, "hearth: --force: the target's data (%s) is removed first, in one transaction\n",
                used);
    }
    if (target_key(dst, v[4], &key) != 0)
        goto out;

    struct bar bar = {.tty = isatty(STDERR_FILENO)};
    struct copy_result r;
    double t0 = now_mono();
    int copied = copy_all(src, dst, bar_update, &bar, &r);
    bar_end_table(&bar);
    if (copied != DB_OK) {
        fprintf(stderr, "hearth: migrate-data failed%s%s: %s\n", r.table ? " in table " : "",
                r.table ? r.table : "", r.err);
        if (r.touched)
            fprintf(
                stderr,
                "hearth: the target now holds part of the data (%d of %d tables, %" PRId64 " of %" PRId64
                " rows copied); the source is unchanged.\n"
                "hearth: do not use the target as it is: fix the cause and run the same command again with "
                "--force, which empties the target first.\n",
                r.tables_done, r.tables_total, r.rows_done, r.rows_total);
        else
            fprintf(stderr, "hearth: the target was not changed.\n");
        goto out;
    }
    audit_write_head(dst); /* a SQLite target keeps its chain head in a file beside it */
    if (verify_chain(dst, &key, report, sizeof report) != 0) {
        fprintf(stderr,
                "hearth: the copied audit chain does not verify: %s\n"
                "hearth: do not use the target; run the command again with --force.\n",
                report);
        goto out;
    }
    printf("moved %" PRId64
           " rows in %d tables in %.1f s; the row counts of every table are equal on both sides\n"
           "audit chain on the target: %s\n",
           r.rows_done, r.tables_done, now_mono() - t0, report);
    rc = EXIT_OK;
out:
    sodium_memzero(&key, sizeof key);
    db_close(dst);
    db_close(src);
    return rc;
}
