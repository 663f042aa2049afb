/* risk_data: reads of a client's risk data with no access check of their own, for core/ only
 * (the crisis view and the client record, which have asked access.c first). ui/ and api/ get the
 * same data through the gated functions of risk.h and core.h (client_get's "flags", crisis_view). */
#ifndef HEARTH_RISK_DATA_H
#define HEARTH_RISK_DATA_H
#include "core/risk.h"

/* Active flags of a client, highest level first: {id, kind, label, level, source, reason,
 * review_date, review_due, raised_by_name, raised_at, version, ...}. */
json_t *flag_active(struct db *db, int64_t client_id);
json_t *hosp_recent(struct db *db, int64_t client_id, int limit);
json_t *safety_current(struct db *db, int64_t client_id); /* NULL when none */
#endif
