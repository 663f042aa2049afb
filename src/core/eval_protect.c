/* eval_protect: the small-cell protection of an evaluation run's cells. This minimal body marks as
 * primary (state 1) every cell whose population or a numerator is from 1 to threshold-1; it is the
 * evalind branch's stand-in, and the integrator replaces this file with the real protection (primary
 * and complementary suppression over every margin, core/suppress.c) when the branches are merged. */
#include "core/indicator.h"
#include "db/db.h"

int eval_protect_run(struct db *w, int64_t run_id, int threshold)
{
    int rc = db_run(w,
                    "UPDATE eval_cells SET state=1 WHERE run_id=? AND ((n BETWEEN 1 AND ?) OR (k1 BETWEEN 1 AND ?)"
                    " OR (k2 BETWEEN 1 AND ?) OR (k3 BETWEEN 1 AND ?))",
                    "iiiii", run_id, (int64_t)threshold - 1, (int64_t)threshold - 1, (int64_t)threshold - 1,
                    (int64_t)threshold - 1);
    return rc == DB_OK ? OK : ERR_DB;
}
