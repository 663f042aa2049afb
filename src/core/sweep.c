/* sweep: the rules that act on time passing rather than on a request (a referral not acknowledged
 * in time, a consent about to expire). Each module registers its rule with SWEEP_REGISTER; the
 * server runs them all once a minute on the writer, and `hearth sweep` runs them once. A rule is
 * idempotent: it looks at what it made before and makes each task or notice once. */
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

extern const struct sweep_rule *const __start_hearth_sweeps[] __attribute__((weak));
extern const struct sweep_rule *const __stop_hearth_sweeps[] __attribute__((weak));

int sweep_count(void)
{
    return (int)(__stop_hearth_sweeps - __start_hearth_sweeps);
}

int sweep_run(struct ctx *c, char *report, size_t len)
{
    int rc = OK;
    size_t o = 0;
    if (len)
        report[0] = 0;
    for (const struct sweep_rule *const *r = __start_hearth_sweeps; r < __stop_hearth_sweeps && rc == OK; r++) {
        int made = 0;
        rc = (*r)->run(c, &made);
        if (rc != OK)
            log_error("sweep %s: %s", (*r)->name, c->msg[0] ? c->msg : "failed");
        if (o < len)
            o += (size_t)snprintf(report + o, len - o, "%s%s %d", o ? ", " : "", (*r)->name, made);
    }
    return rc;
}
