/* evaluate: `hearth evaluate` computes the evaluation's indicators (the dictionary,
 * indicators/indicators.rules) into the precomputed aggregates, as the server's daily refresh does,
 * and prints how long it took and how many cells it wrote. */
#include "base/base.h"
#include "cmd/cmd.h"
#include "core/caseload.h"
#include "core/indicator.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char cmd_evaluate_usage[] =
    "hearth evaluate [--db URL] [--indicators FILE] [--small-cell N] [--today YYYY-MM-DD] [--audit-key FILE]\n"
    "  Computes every recorded indicator of the dictionary (default indicators/indicators.rules) for every\n"
    "  month, quarter and year from the 1st of January two years ago up to today into a new run of\n"
    "  eval_cells, protects the small cells (under N, default 11, never below 5) and deletes the older runs.\n"
    "  --today computes as of that day (tests, a re-run of a past day). Prints the time and the cells.";

static void show_progress(void *arg, int pct)
{
    (void)arg;
    if (isatty(2))
        fprintf(stderr, "\r%3d%%", pct);
}

static void show_indicator(void *arg, const char *id, double secs, int64_t cells)
{
    (void)arg;
    printf("  %-34s %7.2f s %8lld cells\n", id, secs, (long long)cells);
}

int cmd_evaluate(int argc, char **argv)
{
    static const char *const names[] = {"db", "indicators", "small-cell", "today", "audit-key", NULL};
    const char *v[5] = {0};
    if (cmd_opts(argc, argv, names, v, NULL, 0) != 0)
        return EXIT_USAGE;
    int threshold = v[2] ? atoi(v[2]) : EVAL_SMALL_CELL;
    if (v[2] && (strspn(v[2], "0123456789") != strlen(v[2]) || threshold < EVAL_SMALL_CELL_MIN || threshold > 1000)) {
        fprintf(stderr, "hearth: --small-cell takes %d..1000\n", EVAL_SMALL_CELL_MIN);
        return EXIT_USAGE;
    }
    if (v[3] && !iso_date_valid(v[3])) {
        fprintf(stderr, "hearth: --today takes a date, YYYY-MM-DD\n");
        return EXIT_USAGE;
    }
    char err[600];
    const char *file = v[1] ? v[1] : "indicators/indicators.rules";
    if (ind_load(file, err, sizeof err) != 0) {
        fprintf(stderr, "hearth: %s\n", err);
        return EXIT_FAIL;
    }
    /* the workforce indicators weigh caseloads with the shipped weights when they are here */
    if (access("caseload/weights.rules", F_OK) == 0 && caseload_load("caseload/weights.rules", err, sizeof err) != 0)
        fprintf(stderr, "hearth: %s (the workforce indicators are left empty)\n", err);
    cmd_set_audit_key(v[4], CMD_KEY_CREATE);
    struct db *db;
    if (cmd_open_existing(v[0] ? v[0] : "var/hearth.db", &db) != 0) {
        ind_unload();
        return EXIT_FAIL;
    }
    struct eval_io io = {.db = db, .progress = show_progress, .indicator_done = show_indicator};
    double t0 = now_mono();
    int64_t run = 0;
    int rc = eval_refresh(&io, ind_loaded(), threshold, v[3], &run);
    double secs = now_mono() - t0;
    if (isatty(2))
        fprintf(stderr, "\r");
    json_t *r = eval_latest_run(db);
    if (rc == OK)
        printf("run %lld: %lld cells, %d indicators, in %.2f s (small-cell threshold %d, dictionary %s)\n",
               (long long)run, (long long)json_integer_value(json_object_get(r, "cells")), ind_loaded()->n, secs,
               threshold, ind_loaded()->version);
    else
        fprintf(stderr, "hearth: the evaluation run %lld failed: %s\n", (long long)run,
                r && json_string_value(json_object_get(r, "error")) ? json_string_value(json_object_get(r, "error"))
                                                                     : "see the log");
    json_decref(r);
    db_close(db);
    ind_unload();
    return rc == OK ? EXIT_OK : EXIT_FAIL;
}
