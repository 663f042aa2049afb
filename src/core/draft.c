/* draft: what a user typed into a form when their session had ended (kept server-side, for that
 * user alone, for DRAFT_SECONDS at most, and deleted once shown). No access check: a draft is
 * the user's own text, keyed by the user the session belonged to. */
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <stdlib.h>
#include <string.h>

int draft_keep(struct db *w, int64_t staff_id, const char *page, const char *action, json_t *fields)
{
    char *s = json_dumps(fields, JSON_COMPACT);
    if (!s)
        return ERR_INVALID;
    int64_t now = now_epoch();
    int rc = db_run(w, "DELETE FROM form_drafts WHERE created_at<? OR (staff_id=? AND page=?)", "iit",
                    now - DRAFT_SECONDS, staff_id, page);
    if (rc == DB_OK)
        rc = db_run(w,
                    "INSERT INTO form_drafts(staff_id, page, action, fields, created_at) VALUES (?,?,?,?,?)",
                    "ittti", staff_id, page, action, s, now);
    free(s);
    return rc == DB_OK ? OK : ERR_DB;
}

json_t *draft_take(struct db *w, int64_t staff_id, const char *page)
{
    int64_t now = now_epoch();
    json_t *row =
        db_row(w,
               "SELECT id, action, fields FROM form_drafts WHERE staff_id=? AND page=? AND created_at>=?"
               " ORDER BY id DESC LIMIT 1",
               "iti", staff_id, page, now - DRAFT_SECONDS);
    db_run(w, "DELETE FROM form_drafts WHERE created_at<? OR (staff_id=? AND page=?)", "iit",
           now - DRAFT_SECONDS, staff_id, page);
    if (!row)
        return NULL;
    json_t *fields = json_loads(json_string_value(json_object_get(row, "fields")), 0, NULL);
    json_t *out = json_is_object(fields)
                      ? json_pack("{s:O,s:O}", "action", json_object_get(row, "action"), "fields", fields)
                      : NULL;
    json_decref(fields);
    json_decref(row);
    return out;
}
