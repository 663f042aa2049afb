/* review: the one way a supervisor reviews an access out of the ordinary (review.h). */
#include "core/review.h"
#include "base/base.h"
#include "db/db.h"
#include <stdio.h>

void review_shape(struct ctx *c, json_t *r)
{
    int admin = access_may(c, RES_STAFF, ACT_ADMINISTER, 0);
    if (!admin && json_integer_value(json_object_get(r, "_staff_org")) != c->a->org_id)
        json_object_set_new(r, "staff_name", json_null());
    json_t *ro = json_object_get(r, "_reviewer_org");
    if (!admin && json_is_integer(ro) && json_integer_value(ro) != c->a->org_id)
        json_object_set_new(r, "reviewed_by_name", json_null());
    if (!access_may(c, RES_CLIENT, ACT_LIST, json_integer_value(json_object_get(r, "client_id")))) {
        json_object_set_new(r, "given_name", json_null());
        json_object_set_new(r, "family_name", json_null());
    }
    json_object_del(r, "_staff_org");
    json_object_del(r, "_reviewer_org");
}

int review_list(struct ctx *c, const struct review_kind *k, int pending_only, const struct page *pg, json_t **out)
{
    int rc = access_check(c, k->res, ACT_LIST, 0, k->list_action);
    if (rc != OK)
        return rc;
    char sql[2048];
    snprintf(sql, sizeof sql, "%s WHERE" REVIEW_ORG("x") " AND (?=0 OR x.reviewed_at IS NULL)", k->cols);
    rc = page_query(c, pg, k->order, out, sql, "iiii", c->a->org_id, c->a->org_id, c->a->org_id,
                    pending_only ? 1 : 0);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) review_shape(c, r);
    audit_log(c, k->list_action, "ok", 0, k->entity, 0, NULL);
    return OK;
}

int review_record(struct ctx *c, const struct review_kind *k, int64_t id, const char *note, json_t **out)
{
    int rc = access_check(c, k->res, ACT_REVIEW, 0, k->review_action);
    if (rc != OK)
        return rc;
    char sql[2048];
    snprintf(sql, sizeof sql,
             "SELECT x.staff_id, x.client_id, x.reviewed_at FROM %s x JOIN clients c ON c.id=x.client_id"
             " WHERE x.id=? AND" REVIEW_ORG("x"),
             k->table);
    json_t *x = db_row(c->db, sql, "iiii", id, c->a->org_id, c->a->org_id, c->a->org_id);
    if (!x)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _(k->not_found));
    int64_t client_id = json_integer_value(json_object_get(x, "client_id"));
    int64_t staff_id = json_integer_value(json_object_get(x, "staff_id"));
    int reviewed = !json_is_null(json_object_get(x, "reviewed_at"));
    json_decref(x);
    if (staff_id == c->a->staff_id)
        return access_deny(c, k->res, ACT_REVIEW, client_id, k->review_action, k->entity, id, _(k->own));
    if (reviewed)
        return ctx_fail(c, ERR_CONFLICT, "%s", _(k->done));
    size_t n = v_text_chars(note);
    if (n == 0)
        ctx_field(c, "note", _("is required"));
    else if (n > REVIEW_NOTE_MAX) {
        char m[64];
        snprintf(m, sizeof m, _("must be at most %d characters"), REVIEW_NOTE_MAX);
        ctx_field(c, "note", m);
    }
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    char now[32];
    iso_now(now);
    snprintf(sql, sizeof sql,
             "UPDATE %s SET reviewed_by=?, reviewed_at=?, review_note=? WHERE id=? AND reviewed_at IS NULL", k->table);
    if (db_run(c->db, sql, "itti", c->a->staff_id, now, note, id) != DB_OK)
        return ctx_fail(c, ERR_DB, _("The review could not be saved."));
    if (db_changes(c->db) != 1)
        return ctx_fail(c, ERR_CONFLICT, "%s", _(k->done));
    audit_log(c, k->review_action, "ok", client_id, k->entity, id, NULL);
    snprintf(sql, sizeof sql, "%s WHERE x.id=?", k->cols);
    *out = db_row(c->db, sql, "i", id);
    if (*out)
        review_shape(c, *out);
    return OK;
}
