/* oncall: the on-call rota of an organisation: shifts added and removed by a supervisor or an
 * administrator, and "who is on call now", answered from the (org_id, ends_at, starts_at) index. */
#include "base/base.h"
#include "core/risk.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

#define MAX_SHIFT_HOURS (7 * 24)
#define DEFAULT_DAYS 14

#define SHIFT_COLS                                                                                           \
    "SELECT o.id, o.org_id, o.staff_id, s.display_name AS name, s.role, COALESCE(o.phone, s.phone) AS "      \
    "phone,"                                                                                                 \
    " o.starts_at, o.ends_at FROM oncall o JOIN staff s ON s.id=o.staff_id"

json_t *oncall_covering(struct db *db, int64_t org_id, const char *at)
{
    return db_rows(
        db, SHIFT_COLS " WHERE o.org_id=? AND o.ends_at>? AND o.starts_at<=? ORDER BY o.starts_at, o.id",
        "itt", org_id, at, at);
}

json_t *oncall_next(struct db *db, int64_t org_id, const char *at)
{
    json_t *r =
        db_row(db,
               SHIFT_COLS " WHERE o.org_id=? AND o.ends_at>? AND o.starts_at>? ORDER BY o.starts_at, o.id"
                          " LIMIT 1",
               "itt", org_id, at, at);
    return r ? r : json_null();
}

int oncall_now(struct ctx *c, json_t **out)
{
    int rc = access_check(c, RES_ONCALL, ACT_READ, 0, "oncall.now");
    if (rc != OK)
        return rc;
    char now[32];
    iso_now(now);
    json_t *o =
        db_row(c->db, "SELECT id AS org_id, name AS organisation FROM orgs WHERE id=?", "i", c->a->org_id);
    if (!o)
        return ctx_fail(c, ERR_NOTFOUND, _("No such organisation."));
    json_object_set_new(o, "at", json_string(now));
    json_object_set_new(o, "on_call", oncall_covering(c->db, c->a->org_id, now));
    json_object_set_new(o, "next", oncall_next(c->db, c->a->org_id, now));
    *out = o;
    return OK;
}

/* A date (its midnight) or a time, normalised; -1 with a field error when invalid. */
static int64_t when(struct ctx *c, const char *field, const char *s)
{
    int64_t t = s && *s ? iso_parse(s) : -1;
    if (t < 0 || (strlen(s) != 10 && !iso_time_valid(s))) {
        ctx_field(c, field, _("must be a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM"));
        return -1;
    }
    return t;
}

int oncall_list(struct ctx *c, const char *from, const char *to, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_ONCALL, ACT_LIST, 0, "oncall.list");
    if (rc != OK)
        return rc;
    char today[16], f[32], t[32], now[32];
    iso_today(today);
    iso_now(now);
    int64_t a = from && *from ? when(c, "from", from) : iso_parse(today);
    int64_t b = to && *to ? when(c, "to", to) : a + DEFAULT_DAYS * 86400;
    if (!c->errors && b <= a)
        ctx_field(c, "to", _("must be after from"));
    if (!c->errors && b - a > 92 * 86400)
        ctx_field(c, "to", _("ask for at most 92 days at a time"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    iso_time(a, f);
    iso_time(b, t);
    static const struct page_key order[] = {{"p.starts_at", 0}, {"p.id", 0}, {NULL, 0}};
    rc = page_query(c, pg, order, out, SHIFT_COLS " WHERE o.org_id=? AND o.ends_at>? AND o.starts_at<?", "itt",
                    c->a->org_id, f, t);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r)
    {
        const char *s = json_string_value(json_object_get(r, "starts_at"));
        const char *e = json_string_value(json_object_get(r, "ends_at"));
        json_object_set_new(r, "now", json_boolean(s && e && strcmp(s, now) <= 0 && strcmp(e, now) > 0));
    }
    /* the range answered for, beside the page */
    json_object_set_new(*out, "org_id", json_integer(c->a->org_id));
    json_object_set_new(*out, "from", json_string(f));
    json_object_set_new(*out, "to", json_string(t));
    return OK;
}

static int rota_keeper(struct ctx *c, enum act act, const char *action, int64_t id)
{
    if (access_may(c, RES_ONCALL, act, 0))
        return OK;
    return access_deny(c, RES_ONCALL, act, 0, action, "oncall", id,
                       _("Only a supervisor or an administrator may change the on-call rota."));
}

int oncall_add(struct ctx *c, json_t *in, json_t **out)
{
    int rc = rota_keeper(c, ACT_CREATE, "oncall.add", 0);
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    int64_t staff = v_int(c, in, "staff_id", 1, 1, INT64_MAX, 0);
    if (staff && db_int1(c->db, 0, "SELECT 1 FROM staff WHERE id=? AND org_id=? AND disabled=0", "ii", staff,
                         c->a->org_id) != 1)
        ctx_field(c, "staff_id", _("must be an active staff member of your organisation"));
    char sbuf[32], ebuf[32];
    const char *starts = risk_time(c, in, "starts_at", 1, 0, sbuf);
    const char *ends = risk_time(c, in, "ends_at", 1, 0, ebuf);
    char pbuf[48]; /* the on-call phone: Korean, a representative or short public number too */
    const char *phone = v_phone(c, in, "phone", PHONE_SHORT, pbuf, sizeof pbuf);
    if (starts && ends) {
        int64_t len = iso_parse(ends) - iso_parse(starts);
        if (len <= 0)
            ctx_field(c, "ends_at", _("must be after the start"));
        else if (len > MAX_SHIFT_HOURS * 3600)
            ctx_field(c, "ends_at", _("a shift lasts at most 7 days"));
    }
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    if (db_int1(c->db, 0,
                "SELECT 1 FROM oncall WHERE org_id=? AND staff_id=? AND ends_at>? AND starts_at<? LIMIT 1",
                "iitt", c->a->org_id, staff, starts, ends) == 1)
        return ctx_fail(c, ERR_CONFLICT, _("This person already has a shift during that time."));
    char now[32];
    iso_now(now);
    int64_t id =
        db_insert_id(c->db,
                     "INSERT INTO oncall(org_id, staff_id, starts_at, ends_at, phone, created_by, created_at)"
                     " VALUES (?,?,?,?,?,?,?) RETURNING id",
                     "iitttit", c->a->org_id, staff, starts, ends, phone, c->a->staff_id, now);
    if (!id)
        return ctx_fail(c, ERR_DB, _("The shift could not be saved."));
    access_forget(c); /* a shift that covers now opens the organisation's clients */
    audit_log(c, "oncall.add", "ok", 0, "oncall", id, NULL);
    *out = db_row(c->db, SHIFT_COLS " WHERE o.id=?", "i", id);
    return OK;
}

int oncall_remove(struct ctx *c, int64_t id, json_t **out)
{
    json_t *r = db_row(c->db, SHIFT_COLS " WHERE o.id=?", "i", id);
    if (!r)
        return ctx_fail(c, ERR_NOTFOUND, _("No such shift."));
    int rc = rota_keeper(c, ACT_UPDATE, "oncall.remove", id);
    if (rc == OK && json_integer_value(json_object_get(r, "org_id")) != c->a->org_id)
        rc = access_deny(c, RES_ONCALL, ACT_UPDATE, 0, "oncall.remove", "oncall", id,
                         _("This shift belongs to another organisation's rota."));
    char now[32];
    iso_now(now);
    const char *starts = json_string_value(json_object_get(r, "starts_at"));
    const char *ends = json_string_value(json_object_get(r, "ends_at"));
    if (rc == OK && strcmp(ends, now) <= 0)
        rc = ctx_fail(c, ERR_CONFLICT, _("A shift that is over stays in the rota."));
    if (rc == OK) {
        int future = strcmp(starts, now) > 0;
        if (future)
            rc = db_run(c->db, "DELETE FROM oncall WHERE id=?", "i", id);
        else
            rc = db_run(c->db, "UPDATE oncall SET ends_at=? WHERE id=?", "ti", now, id);
        if (rc != DB_OK)
            rc = ctx_fail(c, ERR_DB, _("The shift could not be changed."));
        else {
            access_forget(c);
            audit_log(c, "oncall.remove", "ok", 0, "oncall", id, future ? "deleted" : "ended now");
            json_object_set_new(r, "removed", json_boolean(future));
            json_object_set_new(r, "ended", json_boolean(!future));
            if (!future)
                json_object_set_new(r, "ends_at", json_string(now));
            *out = r;
            return OK;
        }
    }
    json_decref(r);
    return rc;
}

/* ---- the descriptor ---- */

/* A shift of the rota. */
static const struct res_field oncall_fields[] = {
    {"id", FT_INT, 0, N_("Shift")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"staff_id", FT_INT, 0, N_("Staff member")},
    {"name", FT_STRING, 0, N_("Name")},
    {"role", FT_STRING, 0, N_("Role")},
    {"phone", FT_STRING, 1, N_("Phone")}, /* the shift's, else the staff member's */
    {"starts_at", FT_DATETIME, 0, N_("Starts")},
    {"ends_at", FT_DATETIME, 0, N_("Ends")},
    {"now", FT_BOOL, 0, N_("On call now")},      /* in the rota */
    {"removed", FT_BOOL, 0, N_("Removed")},      /* after oncall_remove: a future shift */
    {"ended", FT_BOOL, 0, N_("Ended early")},    /* after oncall_remove: a shift under way */
    {NULL, 0, 0, NULL},
};
static const struct res_audit oncall_actions[] = {
    {"oncall.now", ACT_READ},
    {"oncall.list", ACT_LIST},
    {"oncall.add", ACT_CREATE},
    {"oncall.remove", ACT_UPDATE},
    {NULL, 0},
};
static const char *const oncall_tables[] = {"oncall", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule oncall_access[] = {
    /* the on-call rota: everyone reads it, supervisors and administrators keep it */
    {RES_ONCALL, ACT_LIST, NONE, ANY, A},
    {RES_ONCALL, ACT_READ, NONE, ANY, A},
    {RES_ONCALL, ACT_CREATE, NONE, SUP | ADM, A},
    {RES_ONCALL, ACT_UPDATE, NONE, SUP | ADM, A},
    {0}};
const struct resource res_oncall = {
    .access = oncall_access,
    .id = RES_ONCALL, .name = "oncall", .label = N_("On-call shift"), .plural = N_("On-call rota"),
    RESOURCE_OF(oncall)};
RESOURCE_REGISTER(res_oncall);
