/* hospital: hospital stays (admission, discharge). A discharge is followed up within 7 days; an
 * admission soon after an earlier discharge is marked as a readmission within 30 or 90 days. */
#include "base/base.h"
#include "core/risk_data.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

const char *const admission_types[] = {"voluntary", "involuntary", NULL};

#define HOSP_COLS                                                                                            \
    "SELECT h.id, h.client_id, h.hospital, h.admission_type, h.reason, h.admitted_at, h.discharged_at,"      \
    " h.readmission_30, h.readmission_90, h.recorded_by, s.display_name AS recorded_by_name, h.created_at,"  \
    " h.version FROM hospitalisations h JOIN staff s ON s.id=h.recorded_by"

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* full: the reader may read stays in full (the table's RES_HOSPITAL read); else only that and when
 * a stay happened: the hospital, the admission type and the reason are null, details_hidden true. */
static void shape(json_t *r, int full)
{
    json_object_set_new(r, "details_hidden", json_boolean(!full));
    if (!full) {
        json_object_set_new(r, "hospital", json_null());
        json_object_set_new(r, "admission_type", json_null());
        json_object_set_new(r, "reason", json_null());
    }
    json_object_set_new(r, "readmission_30", json_boolean(iget(r, "readmission_30")));
    json_object_set_new(r, "readmission_90", json_boolean(iget(r, "readmission_90")));
    json_object_set_new(r, "in_hospital", json_boolean(json_is_null(json_object_get(r, "discharged_at"))));
}

static json_t *hosp_load(struct db *db, int64_t id)
{
    json_t *r = db_row(db, HOSP_COLS " WHERE h.id=?", "i", id);
    if (r)
        shape(r, 1);
    return r;
}

json_t *hosp_recent(struct db *db, int64_t client_id, int limit)
{
    json_t *rows =
        db_rows(db, HOSP_COLS " WHERE h.client_id=? ORDER BY h.admitted_at DESC, h.id DESC LIMIT ?", "ii",
                client_id, (int64_t)limit);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) shape(r, 1);
    return rows;
}

int hosp_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_HOSPITAL, ACT_LIST, client_id, "hospitalisation.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.admitted_at", 1}, {"p.id", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out, HOSP_COLS " WHERE h.client_id=?", "i", client_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    int full = access_may(c, RES_HOSPITAL, ACT_READ, client_id);
    json_array_foreach(json_object_get(*out, "items"), i, r) shape(r, full);
    audit_log(c, "hospitalisation.list", "ok", client_id, "hospitalisation", 0, NULL);
    return OK;
}

/* Whole days from one time's date to another's. */
static int64_t days_between(const char *from, const char *to)
{
    char a[11], b[11];
    snprintf(a, sizeof a, "%.10s", from);
    snprintf(b, sizeof b, "%.10s", to);
    return (iso_parse(b) - iso_parse(a)) / 86400;
}

/* Mark every stay of the client from the latest discharge before its admission (recomputed for
 * all, so a discharge or a stay entered late corrects the marks of the later stays). */
static int mark_readmissions(struct db *db, int64_t client_id)
{
    json_t *rows =
        db_rows(db,
                "SELECT id, admitted_at, discharged_at, readmission_30, readmission_90 FROM hospitalisations"
                " WHERE client_id=? ORDER BY admitted_at, id",
                "i", client_id);
    int rc = DB_OK;
    size_t i, j;
    json_t *r, *p;
    json_array_foreach(rows, i, r)
    {
        const char *adm = json_string_value(json_object_get(r, "admitted_at")), *last = NULL;
        json_array_foreach(rows, j, p)
        {
            const char *dis = json_string_value(json_object_get(p, "discharged_at"));
            if (j != i && dis && strcmp(dis, adm) <= 0 && (!last || strcmp(dis, last) > 0))
                last = dis;
        }
        int64_t gap = last ? days_between(last, adm) : -1;
        int r30 = last && gap <= 30, r90 = last && gap <= 90;
        if (r30 != iget(r, "readmission_30") || r90 != iget(r, "readmission_90"))
            rc |= db_run(db, "UPDATE hospitalisations SET readmission_30=?, readmission_90=? WHERE id=?",
                         "ddi", r30, r90, iget(r, "id"));
    }
    json_decref(rows);
    return rc == DB_OK ? OK : ERR_DB;
}

int hosp_admit(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_HOSPITAL, ACT_CREATE, client_id, "hospitalisation.admit");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    char abuf[32], now[32];
    const char *hospital = v_str(c, in, "hospital", 1, 200, NULL);
    const char *type = v_str(c, in, "admission_type", 1, 16, admission_types);
    const char *reason = v_str(c, in, "reason", 0, 1000, NULL);
    const char *at = risk_time(c, in, "admitted_at", 1, 1, abuf);
    if (at &&
        db_int1(
            c->db, 0,
            "SELECT 1 FROM hospitalisations WHERE client_id=? AND admitted_at<=? AND discharged_at>? LIMIT 1",
            "itt", client_id, at, at) == 1)
        ctx_field(c, "admitted_at", _("falls inside an earlier hospital stay"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    if (db_int1(c->db, 0,
                "SELECT 1 FROM hospitalisations WHERE client_id=? AND discharged_at IS NULL LIMIT 1", "i",
                client_id) == 1)
        return ctx_fail(c, ERR_CONFLICT,
                        _("The client is still in hospital: record that discharge before a new admission."));
    iso_now(now);
    int64_t id =
        db_insert_id(c->db,
                     "INSERT INTO hospitalisations(client_id, hospital, admission_type, reason, admitted_at,"
                     " recorded_by, created_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                     "ittttit", client_id, hospital, type, reason, at, c->a->staff_id, now);
    if (!id || mark_readmissions(c->db, client_id) != OK)
        return ctx_fail(c, ERR_DB, _("The admission could not be saved."));
    audit_log(c, "hospitalisation.admit", "ok", client_id, "hospitalisation", id, NULL);
    *out = hosp_load(c->db, id);
    return OK;
}

int hosp_discharge(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *h = db_row(
        c->db, "SELECT client_id, admitted_at, discharged_at, version FROM hospitalisations WHERE id=?", "i",
        id);
    if (!h)
        return ctx_fail(c, ERR_NOTFOUND, _("No such hospital stay."));
    int64_t client_id = iget(h, "client_id"), cur = iget(h, "version");
    char admitted[32];
    snprintf(admitted, sizeof admitted, "%s", json_string_value(json_object_get(h, "admitted_at")));
    int discharged = !json_is_null(json_object_get(h, "discharged_at"));
    json_decref(h);
    int rc = access_check(c, RES_HOSPITAL, ACT_UPDATE, client_id, "hospitalisation.discharge");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    char dbuf[32];
    const char *at = risk_time(c, in, "discharged_at", 1, 1, dbuf);
    if (at && strcmp(at, admitted) < 0)
        ctx_field(c, "discharged_at", _("cannot be before the admission"));
    else if (at && db_int1(c->db, 0,
                           "SELECT 1 FROM hospitalisations WHERE client_id=? AND id<>? AND admitted_at>=? AND"
                           " admitted_at<? LIMIT 1",
                           "iitt", client_id, id, admitted, at) == 1)
        ctx_field(c, "discharged_at", _("is after the admission of a later hospital stay"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    if (version != cur)
        return ctx_stale(c, cur);
    if (discharged)
        return ctx_fail(c, ERR_CONFLICT, _("This stay already has its discharge."));
    rc = db_run(c->db,
                "UPDATE hospitalisations SET discharged_at=?, version=version+1 WHERE id=? AND version=?",
                "tii", at, id, cur);
    if (rc != DB_OK || db_changes(c->db) != 1)
        return ctx_fail(c, rc != DB_OK ? ERR_DB : ERR_CONFLICT, _("The discharge could not be saved."));
    if (mark_readmissions(c->db, client_id) != OK)
        return ctx_fail(c, ERR_DB, _("The discharge could not be saved."));
    audit_log(c, "hospitalisation.discharge", "ok", client_id, "hospitalisation", id, NULL);
    char due[16];
    risk_due(iso_parse(at), 7, due);
    json_t *days = json_pack("{s:i}", "days", 7);
    json_t *t = risk_rule_task(c, client_id, risk_owner(c, client_id), "hospital.discharge_follow_up", days, due,
                               "high", "rule: hospital discharge follow-up");
    json_decref(days);
    if (!t)
        return ctx_fail(c, ERR_DB, _("The follow-up task could not be saved."));
    /* A care plan reviews sooner after a hospital stay (careplan_review_rules). */
    if (careplan_bring_forward(c, client_id, "hospital_discharge") != OK) {
        json_decref(t);
        return ERR_DB;
    }
    json_t *r = hosp_load(c->db, id);
    json_object_set_new(r, "follow_up", json_pack("[o]", t));
    *out = r;
    return OK;
}

/* ---- the descriptor ---- */

static const struct res_field hospital_fields[] = {
    {"id", FT_INT, 0, N_("Hospital stay")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"hospital", FT_STRING, 1, N_("Hospital")},        /* null: details_hidden */
    {"admission_type", FT_STRING, 1, N_("Admission")}, /* null: details_hidden */
    {"reason", FT_STRING, 1, N_("Reason")},
    {"admitted_at", FT_DATETIME, 0, N_("Admitted")},
    {"discharged_at", FT_DATETIME, 1, N_("Discharged")},
    {"readmission_30", FT_BOOL, 0, N_("Readmitted within 30 days")},
    {"readmission_90", FT_BOOL, 0, N_("Readmitted within 90 days")},
    {"recorded_by", FT_INT, 0, N_("Recorded by")},
    {"recorded_by_name", FT_STRING, 0, N_("Recorded by")},
    {"created_at", FT_DATETIME, 0, N_("Recorded")},
    {"version", FT_INT, 0, N_("Version")},
    {"in_hospital", FT_BOOL, 0, N_("In hospital")},
    {"details_hidden", FT_BOOL, 0, N_("Details hidden")}, /* the table lets you list stays, not read them */
    {"follow_up", FT_ARRAY, 0, N_("Follow-up tasks")}, /* tasks; after a discharge */
    {NULL, 0, 0, NULL},
};
static const struct res_audit hospital_actions[] = {
    {"hospitalisation.list", ACT_LIST},
    {"hospitalisation.admit", ACT_CREATE},
    {"hospitalisation.discharge", ACT_UPDATE},
    {NULL, 0},
};
static const char *const hospital_tables[] = {"hospitalisations", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule hospital_access[] = {
    /* hospital stays: list = that and when a stay happened; read = each stay in full, with why (the
     * hospital, the admission type, the reason). A peer supporter lists (issue 11 §4) and neither
     * reads the why nor records stays; a consent for peer support may share the why (SHARED). */
    {RES_HOSPITAL, ACT_LIST, TEAM, CARE, A},
    {RES_HOSPITAL, ACT_LIST, PEER, PS, A},
    {RES_HOSPITAL, ACT_LIST, GLASS | ONCALL, CARE, P},
    {RES_HOSPITAL, ACT_LIST, SHARED, CARE | PS, P},
    {RES_HOSPITAL, ACT_READ, TEAM, CARE, A},
    {RES_HOSPITAL, ACT_READ, GLASS | ONCALL, CARE, P},
    {RES_HOSPITAL, ACT_READ, SHARED, CARE | PS, P},
    {RES_HOSPITAL, ACT_CREATE, TEAM, CARE, A},
    {RES_HOSPITAL, ACT_CREATE, GLASS, CARE, P},
    {RES_HOSPITAL, ACT_UPDATE, TEAM, CARE, A},
    {RES_HOSPITAL, ACT_UPDATE, GLASS, CARE, P},
    {0}};
const struct resource res_hospital = {
    .access = hospital_access,
    .id = RES_HOSPITAL, .name = "hospitalisation", .label = N_("Hospital stay"), .plural = N_("Hospital stays"),
    .data_class = DC_BIT(DC_HOSPITAL), RESOURCE_OF(hospital)};
RESOURCE_REGISTER(res_hospital);
