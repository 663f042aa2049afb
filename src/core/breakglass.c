/* breakglass: emergency access to a client outside one's relationship: a typed reason, a time
 * limit, an audit record, and a queue for review by the supervisors of the client's organisation
 * (and of the opener's). */
#include "base/base.h"
#include "core/core.h"
#include "core/review.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

#define BG_DEFAULT_HOURS 4
#define BG_MAX_HOURS 12
#define BG_REASON_MIN 10
#define BG_TEXT_MAX 1000

static const struct page_key review_order[] = {{"p.started_at", 1}, {"p.id", 1}, {NULL, 0}};
static const struct review_kind review = {
    .res = RES_BREAKGLASS,
    .table = "break_glass",
    .entity = "break_glass",
    .list_action = "breakglass.review_list",
    .review_action = "breakglass.review",
    .cols = "SELECT x.id, x.staff_id, s.display_name AS staff_name, s.role AS staff_role,"
            " so.name AS staff_organisation, x.client_id,"
            " c.given_name, c.family_name, c.name_order, x.reason, x.started_at, x.expires_at, x.reviewed_by,"
            " r.display_name AS reviewed_by_name, ro.name AS reviewed_by_organisation, x.reviewed_at, x.review_note,"
            " s.org_id AS _staff_org, r.org_id AS _reviewer_org FROM break_glass x"
            " JOIN staff s ON s.id=x.staff_id JOIN orgs so ON so.id=x.org_id JOIN clients c ON c.id=x.client_id"
            " LEFT JOIN staff r ON r.id=x.reviewed_by LEFT JOIN orgs ro ON ro.id=r.org_id",
    .order = review_order,
    .not_found = N_("No such emergency access."),
    .own = N_("Another supervisor must review your own emergency access."),
    .done = N_("This emergency access has already been reviewed."),
};

int breakglass_open(struct ctx *c, int64_t client_id, const char *reason, int hours, json_t **out)
{
    /* A role question (the client is outside one's relationships by definition), audited on the client. */
    if (!access_may(c, RES_BREAKGLASS, ACT_CREATE, 0))
        return access_deny(c, RES_BREAKGLASS, ACT_CREATE, client_id, "breakglass.open", NULL, 0,
                           _("Your role may not use emergency access."));
    struct access acc;
    if (access_client(c, client_id, &acc) != OK)
        return ctx_fail(c, ERR_NOTFOUND, _("No such client."));
    if (acc.level == ACC_FULL && !acc.break_glass && !acc.on_call) {
        ctx_field(c, "reason", _("emergency access is not needed: you already have access to this client"));
        return ctx_fail(c, ERR_INVALID, _("Emergency access is not needed."));
    }
    size_t n = v_text_chars(reason);
    if (n < BG_REASON_MIN || n > BG_TEXT_MAX) {
        char m[96];
        snprintf(m, sizeof m, _("give the reason in %d to %d characters"), BG_REASON_MIN, BG_TEXT_MAX);
        ctx_field(c, "reason", m);
    }
    if (hours == 0)
        hours = BG_DEFAULT_HOURS;
    if (hours < 1 || hours > BG_MAX_HOURS) {
        char m[64];
        snprintf(m, sizeof m, _("must be a whole number from %d to %d"), 1, BG_MAX_HOURS);
        ctx_field(c, "hours", m);
    }
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    char started[32], expires[32];
    int64_t now = now_epoch();
    iso_time(now, started);
    iso_time(now + (int64_t)hours * 3600, expires);
    int64_t id =
        db_insert_id(c->db,
                     "INSERT INTO break_glass(staff_id, org_id, client_id, reason, started_at, expires_at)"
                     " VALUES (?,?,?,?,?,?) RETURNING id",
                     "iiittt", c->a->staff_id, c->a->org_id, client_id, reason, started, expires);
    if (!id)
        return ctx_fail(c, ERR_DB, _("Emergency access could not be recorded."));
    access_forget(c);
    audit_log(c, "breakglass.open", "ok", client_id, "break_glass", id, reason);
    *out = json_pack("{s:I,s:I,s:s,s:s,s:i}", "id", (json_int_t)id, "client_id", (json_int_t)client_id,
                     "started_at", started, "expires_at", expires, "hours", hours);
    return OK;
}

int breakglass_review_list(struct ctx *c, int pending_only, const struct page *pg, json_t **out)
{
    return review_list(c, &review, pending_only, pg, out);
}

int breakglass_review(struct ctx *c, int64_t id, const char *note, json_t **out)
{
    return review_record(c, &review, id, note, out);
}

/* ---- the descriptor ---- */

/* A request for review (breakglass_review_list, breakglass_review). */
static const struct res_field breakglass_fields[] = {
    {"id", FT_INT, 0, N_("Emergency access")},
    {"staff_id", FT_INT, 0, N_("Staff member")},
    {"staff_name", FT_STRING, 1, N_("Staff member")}, /* null: another organisation's, see staff_organisation */
    {"staff_role", FT_STRING, 0, N_("Role")},
    {"staff_organisation", FT_STRING, 0, N_("Organisation")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 1, N_("Given name")}, /* null: a client the reviewer may not find */
    {"family_name", FT_STRING, 1, N_("Family name")},
    {"reason", FT_STRING, 0, N_("Reason")},
    {"started_at", FT_DATETIME, 0, N_("Started")},
    {"expires_at", FT_DATETIME, 0, N_("Ends")},
    {"reviewed_by", FT_INT, 1, N_("Reviewed by")},
    {"reviewed_by_name", FT_STRING, 1, N_("Reviewed by")},
    {"reviewed_by_organisation", FT_STRING, 1, N_("Organisation")},
    {"reviewed_at", FT_DATETIME, 1, N_("Reviewed")},
    {"review_note", FT_STRING, 1, N_("Review note")},
    {NULL, 0, 0, NULL},
};
/* What breakglass_open answers. */
static const struct res_field breakglass_summary[] = {
    {"id", FT_INT, 0, N_("Emergency access")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"started_at", FT_DATETIME, 0, N_("Started")},
    {"expires_at", FT_DATETIME, 0, N_("Ends")},
    {"hours", FT_INT, 0, N_("Hours")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit breakglass_actions[] = {
    {"breakglass.open", ACT_CREATE},
    {"breakglass.review_list", ACT_LIST},
    {"breakglass.review", ACT_REVIEW},
    {NULL, 0},
};
static const char *const breakglass_tables[] = {"break_glass", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule breakglass_access[] = {
    /* emergency access: opened by those who work with clients, listed and reviewed by supervisors */
    {RES_BREAKGLASS, ACT_CREATE, NONE, CARE, A},
    {RES_BREAKGLASS, ACT_LIST, NONE, SUP | ADM, A},
    {RES_BREAKGLASS, ACT_REVIEW, NONE, SUP, A},
    {0}};
const struct resource res_breakglass = {
    .access = breakglass_access,
    .id = RES_BREAKGLASS, .name = "break_glass", .label = N_("Emergency access"),
    .plural = N_("Emergency accesses"), RESOURCE_OF(breakglass), .summary = breakglass_summary};
RESOURCE_REGISTER(res_breakglass);
