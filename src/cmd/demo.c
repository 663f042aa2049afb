/* demo: a database with synthetic organisations, staff and clients to try Hearth with. */
#include "auth/auth.h"
#include "base/base.h"
#include "cmd/cmd.h"
#include "core/demo.h"
#include "core/eligibility.h"
#include "core/instrument.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int cmd_demo(int argc, char **argv)
{
    static const char *const names[] = {"db", "clients", "seed", "password", "if-empty!", "audit-key", "instruments",
                                        "eligibility", "locale", NULL};
    const char *v[9] = {0}, *pos[1];
    if (cmd_opts(argc, argv, names, v, pos, 0) < 0)
        return EXIT_USAGE;
    struct demo_opts o = {.clients = v[1] ? atoi(v[1]) : 500,
                          .seed = v[2] ? atoi(v[2]) : 1,
                          .progress = isatty(STDERR_FILENO)};
    const char *password = v[3] && *v[3] ? v[3] : DEMO_PASSWORD;
    if (o.clients < 1 || o.clients > 10000000) {
        fprintf(stderr, "hearth: --clients takes 1..10000000\n");
        return EXIT_USAGE;
    }
    if (v[8] && !str_eq(v[8], "en") && !str_eq(v[8], "ko")) {
        fprintf(stderr, "hearth: --locale takes en or ko\n");
        return EXIT_USAGE;
    }
    struct db *db;
    const char *url = v[0] ? v[0] : "var/hearth.db";
    cmd_set_audit_key(v[5], CMD_KEY_CREATE); /* a new demo database gets its audit key */
    if (cmd_open(url, "OFF", &db) != 0)
        return EXIT_FAIL;
    /* --if-empty: `make run` on a database that may already be filled (a PostgreSQL server). */
    if (v[4] && demo_has_clients(db)) {
        char shown[512];
        db_url_shown(url, shown, sizeof shown);
        printf("demo: %s already holds clients; left as it is\n", shown);
        db_close(db);
        return EXIT_OK;
    }
    char err[256], hash[128];
    double t0 = now_mono();
    /* The instruments score the demo's assessments (core's engine); without the folder, none. */
    const char *idir = v[6] ? v[6] : "instruments";
    if (access(idir, F_OK) == 0 && instruments_load(idir, NULL, err, sizeof err) != 0) {
        fprintf(stderr, "hearth: %s\n", err);
        db_close(db);
        return EXIT_FAIL;
    }
    /* The eligibility rules decide the demo's eligibility decisions; without the folder, none. */
    const char *edir = v[7] ? v[7] : "eligibility";
    if (access(edir, F_OK) == 0 && eligibility_load(edir, NULL, err, sizeof err) != 0) {
        fprintf(stderr, "hearth: %s\n", err);
        db_close(db);
        instruments_free();
        return EXIT_FAIL;
    }
    int rc = -1;
    if (auth_password_hash(password, hash) != 0) /* once, here: core/ hashes nothing */
        snprintf(err, sizeof err, "demo: cannot hash the demo password");
    else {
        o.pw_hash = hash;
        rc = demo_generate(db, &o, err, sizeof err);
        if (rc == 0) /* --locale ko: the same data with Korean names, places and numbers */
            rc = demo_localise(db, v[8], o.seed, o.progress, err, sizeof err);
    }
    if (rc != 0)
        fprintf(stderr, "hearth: %s\n", err);
    else {
        char shown[512];
        db_url_shown(url, shown, sizeof shown);
        printf("demo data in %s: %d clients in %.1f s; every demo account's password is '%s'\n", shown, o.clients,
               now_mono() - t0, password);
    }
    db_close(db);
    instruments_free();
    eligibility_free();
    return rc == 0 ? EXIT_OK : EXIT_FAIL;
}
