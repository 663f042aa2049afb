/* serve: run the HTTP server until SIGTERM, then drain. */
#include "cmd/cmd.h"
#include "http/http.h"
#include "core/indicator.h"
#include "ui/ui.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cmd_serve(int argc, char **argv)
{
    static const char *const names[] = {"db", "listen", "threads", "tls-cert", "tls-key", "synchronous",
                                        "static", "max-batch", "quiet!", "instruments", "instruments-extra",
                                        "lang", "locale", "audit-key", "audit-head-log", "eligibility",
                                        "eligibility-extra", "sweep", "caseload-weights", "housing-rules",
                                        "care-services", "indicators", "small-cell", NULL};
    /* v[i] is the value of names[i] */
    const char *v[24] = {0}, *pos[1];
    if (cmd_opts(argc, argv, names, v, pos, 0) < 0)
        return EXIT_USAGE;
    struct serve_opts o = {
        .db_url = v[0] ? v[0] : "var/hearth.db",
        .listen = v[1] ? v[1] : "127.0.0.1:8080",
        .threads = v[2] ? atoi(v[2]) : 0,
        .tls_cert = v[3],
        .tls_key = v[4],
        .synchronous = v[5] ? v[5] : "FULL",
        .static_dir = v[6] ? v[6] : "static",
        .max_batch = v[7] ? atoi(v[7]) : 256,
        /* The default folder is optional (a server started elsewhere runs without assessments);
         * a folder named with --instruments must load. */
        .instruments_dir = v[9] ? v[9] : access("instruments", F_OK) == 0 ? "instruments" : NULL,
        .instruments_extra = v[10],
        /* The same for the programmes' eligibility rules (--eligibility DIR, an organisation's own in
         * --eligibility-extra DIR: a programme there replaces the shipped one or adds one). */
        .eligibility_dir = v[15] ? v[15] : access("eligibility", F_OK) == 0 ? "eligibility" : NULL,
        .eligibility_extra = v[16],
        /* The caseload weights (--caseload-weights FILE); the shipped file when it is here. */
        .caseload_weights = v[18] ? v[18] : access("caseload/weights.rules", F_OK) == 0 ? "caseload/weights.rules" : NULL,
        /* The housing priority rules (--housing-rules FILE); the shipped file when it is here. */
        .housing_rules = v[19] ? v[19] : access("housing/priority.rules", F_OK) == 0 ? "housing/priority.rules" : NULL,
        /* The care services' tasks, criteria and rates (--care-services FILE); the shipped file when here. */
        .care_services = v[20] ? v[20] : access("care/services.rules", F_OK) == 0 ? "care/services.rules" : NULL,
        /* The evaluation's indicator dictionary (--indicators FILE); the shipped file when here. */
        .indicators = v[21] ? v[21] : access("indicators/indicators.rules", F_OK) == 0 ? "indicators/indicators.rules" : NULL,
        /* The small-cell threshold of the evaluation's aggregates (never below 5). */
        .small_cell = v[22] ? atoi(v[22]) : EVAL_SMALL_CELL,
        .audit_key = v[13],
        /* The head to syslog every 5 minutes unless told (HEARTH_AUDIT_HEAD_LOG: the test suite's 0). */
        .audit_head_log = atoi(v[14] ? v[14] : getenv("HEARTH_AUDIT_HEAD_LOG") ? getenv("HEARTH_AUDIT_HEAD_LOG") : "300"),
        /* The time rules (a referral not acknowledged in time, a consent about to expire) every minute
         * unless told (HEARTH_SWEEP_SECONDS). */
        .sweep_seconds = atoi(v[17] ? v[17] : getenv("HEARTH_SWEEP_SECONDS") ? getenv("HEARTH_SWEEP_SECONDS") : "60"),
    };
    const char *sw = v[17] ? v[17] : getenv("HEARTH_SWEEP_SECONDS");
    if (sw && (strspn(sw, "0123456789") != strlen(sw) || !*sw || o.sweep_seconds > 86400)) {
        fprintf(stderr, "hearth: --sweep takes 0..86400 seconds (0: off)\n");
        return EXIT_USAGE;
    }
    if (v[22] && (strspn(v[22], "0123456789") != strlen(v[22]) || !*v[22] || o.small_cell < EVAL_SMALL_CELL_MIN ||
                  o.small_cell > 1000)) {
        fprintf(stderr, "hearth: --small-cell takes %d..1000 (a cell under it is hidden)\n", EVAL_SMALL_CELL_MIN);
        return EXIT_USAGE;
    }
    const char *hl = v[14] ? v[14] : getenv("HEARTH_AUDIT_HEAD_LOG");
    if (hl && (strspn(hl, "0123456789") != strlen(hl) || !*hl || o.audit_head_log > 86400)) {
        fprintf(stderr, "hearth: --audit-head-log takes 0..86400 seconds (0: off)\n");
        return EXIT_USAGE;
    }
    if ((v[2] && (o.threads < 1 || o.threads > 256)) || (v[7] && (o.max_batch < 1 || o.max_batch > 100000))) {
        fprintf(stderr, "hearth: --threads takes 1..256 and --max-batch 1..100000\n");
        return EXIT_USAGE;
    }
    /* --lang: the language of a request that names none the user prefers or the browser accepts. */
    if (v[11] && i18n_set_default(v[11]) != 0) {
        fprintf(stderr, "hearth: --lang takes one of: en, ko\n");
        return EXIT_USAGE;
    }
    /* Catalogues: --locale DIR must load; the default folder (built from po/) is optional. */
    const char *locale = v[12] ? v[12] : access("locale", F_OK) == 0 ? "locale" : NULL;
    if (locale && i18n_load(locale) < 0)
        return EXIT_FAIL;
    log_quiet = v[8] != NULL;
    http_set_error_page(ui_error_page); /* http/ answers errors with the UI's page without knowing ui/ */
    return http_serve(&o) == 0 ? EXIT_OK : EXIT_FAIL;
}
