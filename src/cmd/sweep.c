/* sweep: `hearth sweep` runs the time rules once (core/sweep.c), as the server does every minute:
 * for a server that runs with --sweep 0, from cron, or to see what they would make now. */
#include "base/base.h"
#include "cmd/cmd.h"
#include "db/db.h"
#include "db/writer.h"
#include <stdio.h>

const char cmd_sweep_usage[] =
    "hearth sweep [--db URL] [--audit-key FILE]\n"
    "  Runs every time rule once (a referral not acknowledged in time, a consent about to expire) and\n"
    "  prints how many tasks and notices each made. The server runs them every --sweep SECONDS (60).";

struct sweep_cmd {
    struct wjob w;
    char report[512];
    struct ctx *c;
};
static int sweep_cmd_run(struct wjob *w, struct db *db)
{
    struct sweep_cmd *j = (struct sweep_cmd *)w;
    j->c->db = db;
    int rc = sweep_run(j->c, j->report, sizeof j->report);
    if (rc == OK && audit_flush(j->c, db, 0) != OK)
        rc = ERR_DB;
    return rc;
}

int cmd_sweep(int argc, char **argv)
{
    static const char *const names[] = {"db", "audit-key", NULL};
    const char *v[2] = {0};
    if (cmd_opts(argc, argv, names, v, NULL, 0) != 0)
        return EXIT_USAGE;
    cmd_set_audit_key(v[1], CMD_KEY_CREATE);
    struct db *db;
    if (cmd_open_existing(v[0] ? v[0] : "var/hearth.db", &db) != 0)
        return EXIT_FAIL;
    struct ctx c;
    ctx_init(&c, NULL, db);
    c.purpose = "rule";
    struct sweep_cmd j = {.w = {.run = sweep_cmd_run}, .c = &c};
    int rc = writer_run_now(db, &j.w);
    if (rc != OK)
        cmd_report(&c, rc);
    else
        printf("%s\n", j.report[0] ? j.report : "no time rules");
    ctx_clear(&c);
    db_close(db);
    return rc == OK ? EXIT_OK : EXIT_FAIL;
}
