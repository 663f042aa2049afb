/* tenancy: a client's tenancies (made by a move-in, housing.c), their events (rent arrears, neighbour
 * complaints, repairs, hospital stays, crises at home, visits) and end with a reason; the risk rules
 * (arrears at or above the rules' threshold, repeated complaints) that make a task for the case
 * manager once; and the stability figures per client: days housed, moves a year (issue 13 §3). */
#include "base/base.h"
#include "core/core.h"
#include "core/housing.h"
#include "core/risk.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const tenancy_payers[] = {"client", "benefit", "family", "provider", "other", NULL};
const char *const tenancy_support_levels[] = {"none", "low", "medium", "high", "24h", NULL};
const char *const tenancy_event_kinds[] = {"rent_arrears", "complaint", "repair", "hospital_stay", "crisis", "visit",
                                           NULL};
const char *const tenancy_end_reasons[] = {"independent", "more_support", "hospital", "eviction", "death",
                                           "own_choice",  NULL};

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static const char *sget(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

#define TEN_COLS                                                                                             \
    "SELECT t.id, t.client_id, t.unit_id, t.org_id, o.name AS org_name, u.property, u.address, u.label,"     \
    " u.type, u.district, t.offer_id, t.landlord, t.start_date, t.rent, t.rent_payer, t.support_level,"      \
    " t.end_date, t.end_reason, t.end_note, t.arrears, t.arrears_task, t.complaint_task, t.created_by,"      \
    " t.created_at, t.updated_at, t.version, CASE WHEN t.end_date IS NULL THEN 0 ELSE 1 END AS ended FROM"  \
    " tenancies t JOIN housing_units u ON u.id=t.unit_id JOIN orgs o ON o.id=t.org_id"

static void shape(json_t *r)
{
    json_object_set_new(r, "status", json_string(iget(r, "ended") ? "ended" : "current"));
    json_object_del(r, "ended");
    json_object_del(r, "_k0");
    json_object_del(r, "_k1");
    json_object_del(r, "_k2");
}

static json_t *load(struct ctx *c, int64_t id)
{
    json_t *r = db_row(c->db, TEN_COLS " WHERE t.id=?", "i", id);
    if (!r)
        return NULL;
    shape(r);
    json_object_set_new(r, "events",
                        db_rows(c->db,
                                "SELECT e.id, e.kind, e.happened_on, e.amount, e.note, e.made_by, s.display_name AS"
                                " made_by_name, e.made_at FROM tenancy_events e JOIN staff s ON s.id=e.made_by WHERE"
                                " e.tenancy_id=? ORDER BY e.happened_day DESC, e.id DESC",
                                "i", id));
    return r;
}

int tenancy_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_TENANCY, ACT_LIST, client_id, "tenancy.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.ended", 0}, {"p.start_date", 1}, {"p.id", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out, TEN_COLS " WHERE t.client_id=?", "i", client_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) shape(r);
    audit_log(c, "tenancy.list", "ok", client_id, "tenancy", 0, NULL);
    return OK;
}

static int64_t client_of(struct ctx *c, int64_t id)
{
    return db_int1(c->db, 0, "SELECT client_id FROM tenancies WHERE id=?", "i", id);
}

int tenancy_get(struct ctx *c, int64_t id, json_t **out)
{
    int64_t client_id = client_of(c, id);
    if (!client_id)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such tenancy."));
    int rc = access_check(c, RES_TENANCY, ACT_READ, client_id, "tenancy.read");
    if (rc != OK)
        return rc;
    *out = load(c, id);
    if (!*out)
        return ctx_fail(c, ERR_DB, "%s", _("The tenancy could not be read."));
    audit_log(c, "tenancy.read", "ok", client_id, "tenancy", id, NULL);
    return OK;
}

int64_t tenancy_make(struct ctx *c, json_t *offer, json_t *in)
{
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    const char *start = v_date(c, in, "start_date", 0);
    const char *landlord = v_str(c, in, "landlord", 0, 200, NULL);
    int64_t rent = v_int(c, in, "rent", 0, 0, 100000000, -1);
    const char *payer = v_str(c, in, "rent_payer", 1, 16, tenancy_payers);
    const char *support = v_str(c, in, "support_level", 1, 16, tenancy_support_levels);
    if (!start || !*start)
        start = today;
    json_t *u = db_row(c->db, "SELECT u.rent, o.name FROM housing_units u JOIN orgs o ON o.id=u.org_id WHERE u.id=?",
                       "i", iget(offer, "unit_id"));
    if (c->errors || !u) {
        json_decref(u);
        return 0;
    }
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO tenancies(client_id, unit_id, org_id, offer_id, landlord, start_date,"
                              " start_day, rent, rent_payer, support_level, created_by, created_at, updated_at)"
                              " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                              "iiiittiittitt", iget(offer, "client_id"), iget(offer, "unit_id"), iget(offer, "org_id"),
                              iget(offer, "id"), landlord && *landlord ? landlord : sget(u, "name"), start,
                              housing_day(start), rent >= 0 ? rent : iget(u, "rent"), payer, support, c->a->staff_id,
                              now, now);
    json_decref(u);
    return id;
}

/* The risk rules after an event, in the caller's transaction: arrears at or above the threshold
 * make a task once (again after they fell below it), complaints_task complaints within its days
 * make one once a tenancy. */
static int risk_rules(struct ctx *c, int64_t id, json_t *t, const char *today)
{
    const struct housing_rules *r = housing_rules();
    int64_t client_id = iget(t, "client_id");
    int64_t arrears = db_int1(c->db, 0, "SELECT arrears FROM tenancies WHERE id=?", "i", id);
    int64_t owner = risk_owner(c, client_id);
    if (r->arrears_task > 0) {
        if (arrears >= r->arrears_task && json_is_null(json_object_get(t, "arrears_task"))) {
            char amount[32];
            snprintf(amount, sizeof amount, "%lld", (long long)arrears);
            json_t *args = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id, "amount", amount, "property",
                                     sget(t, "property") ? sget(t, "property") : "");
            int rc = risk_rule_task_once(c, client_id, owner, "tenancy.arrears", args, today, "tenancy", id,
                                         "UPDATE tenancies SET arrears_task=? WHERE id=?");
            json_decref(args);
            if (rc != OK)
                return rc;
        } else if (arrears < r->arrears_task &&
                   db_run(c->db, "UPDATE tenancies SET arrears_task=NULL WHERE id=?", "i", id) != DB_OK) {
            return ERR_DB;
        }
    }
    if (r->complaints_n > 0 && json_is_null(json_object_get(t, "complaint_task"))) {
        int64_t since = housing_day(today) - r->complaints_days;
        int64_t n = db_int1(c->db, 0,
                            "SELECT count(*) FROM tenancy_events WHERE tenancy_id=? AND kind='complaint' AND"
                            " happened_day>?",
                            "ii", id, since);
        if (n >= r->complaints_n) {
            char count[24], days[16];
            snprintf(count, sizeof count, "%lld", (long long)n);
            snprintf(days, sizeof days, "%d", r->complaints_days);
            json_t *args = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id, "count", count, "days", days);
            int rc = risk_rule_task_once(c, client_id, owner, "tenancy.complaints", args, today, "tenancy", id,
                                         "UPDATE tenancies SET complaint_task=? WHERE id=?");
            json_decref(args);
            if (rc != OK)
                return rc;
        }
    }
    return OK;
}

int tenancy_event(struct ctx *c, int64_t id, json_t *in, json_t **out)
{
    int64_t client_id = client_of(c, id);
    if (!client_id)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such tenancy."));
    int rc = access_check(c, RES_TENANCY, ACT_UPDATE, client_id, "tenancy.event");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    const char *kind = v_str(c, in, "kind", 1, 16, tenancy_event_kinds);
    const char *on = v_date(c, in, "happened_on", 0);
    const char *note = v_str(c, in, "note", 0, 2000, NULL);
    int arrears = kind && str_eq(kind, "rent_arrears");
    int64_t amount = v_int(c, in, "amount", arrears, 0, 100000000, -1);
    if (!on || !*on)
        on = today;
    json_t *t = db_row(c->db,
                       "SELECT t.client_id, t.start_date, t.end_date, t.arrears_task, t.complaint_task, u.property"
                       " FROM tenancies t JOIN housing_units u ON u.id=t.unit_id WHERE t.id=?",
                       "i", id);
    if (!t)
        return ctx_fail(c, ERR_DB, "%s", _("The tenancy could not be read."));
    if (strcmp(on, today) > 0)
        ctx_field(c, "happened_on", _("must not be in the future"));
    else if (strcmp(on, sget(t, "start_date")) < 0)
        ctx_field(c, "happened_on", _("must not be before the tenancy started"));
    if (!arrears && amount >= 0)
        ctx_field(c, "amount", _("only rent arrears have an amount"));
    int ended = !json_is_null(json_object_get(t, "end_date"));
    if (c->errors) {
        json_decref(t);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    if (ended) {
        json_decref(t);
        return ctx_fail(c, ERR_CONFLICT, "%s", _("This tenancy has ended."));
    }
    int64_t eid = db_insert_id(c->db,
                               "INSERT INTO tenancy_events(tenancy_id, kind, happened_on, happened_day, amount, note,"
                               " made_by, made_at) VALUES (?,?,?,?,CASE WHEN ?=1 THEN ? ELSE NULL END,?,?,?) RETURNING id",
                               "ittiiitit", id, kind, on, housing_day(on), (int64_t)arrears, amount, note,
                               c->a->staff_id, now);
    if (!eid ||
        (arrears && db_run(c->db, "UPDATE tenancies SET arrears=?, updated_at=? WHERE id=?", "iti", amount, now, id) !=
                        DB_OK) ||
        db_run(c->db, "UPDATE tenancies SET updated_at=? WHERE id=?", "ti", now, id) != DB_OK ||
        risk_rules(c, id, t, today) != OK) {
        json_decref(t);
        return ctx_fail(c, ERR_DB, "%s", _("The event could not be saved."));
    }
    json_decref(t);
    char why[40];
    snprintf(why, sizeof why, "%s %lld", kind, (long long)eid);
    audit_log(c, "tenancy.event", "ok", client_id, "tenancy", id, why);
    *out = load(c, id);
    return OK;
}

int tenancy_end(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    int64_t client_id = client_of(c, id);
    if (!client_id)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such tenancy."));
    int rc = access_check(c, RES_TENANCY, ACT_UPDATE, client_id, "tenancy.end");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    const char *end = v_date(c, in, "end_date", 0);
    const char *reason = v_str(c, in, "reason", 1, 16, tenancy_end_reasons);
    const char *note = v_str(c, in, "note", 0, 2000, NULL);
    if (!end || !*end)
        end = today;
    json_t *t = db_row(c->db, "SELECT start_date, end_date, unit_id, version FROM tenancies WHERE id=?", "i", id);
    if (!t)
        return ctx_fail(c, ERR_DB, "%s", _("The tenancy could not be read."));
    if (strcmp(end, today) > 0)
        ctx_field(c, "end_date", _("must not be in the future"));
    else if (strcmp(end, sget(t, "start_date")) < 0)
        ctx_field(c, "end_date", _("must not be before the tenancy started"));
    int ended = !json_is_null(json_object_get(t, "end_date"));
    int64_t current = iget(t, "version"), unit = iget(t, "unit_id");
    json_decref(t);
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (version != current)
        return ctx_stale(c, current);
    if (ended)
        return ctx_fail(c, ERR_CONFLICT, "%s", _("This tenancy has ended already."));
    if (db_run(c->db,
               "UPDATE tenancies SET end_date=?, end_day=?, end_reason=?, end_note=?, updated_at=?, version=version+1"
               " WHERE id=? AND version=?",
               "titttii", end, housing_day(end), reason, note, now, id, version) != DB_OK ||
        db_run(c->db,
               "UPDATE housing_units SET state='preparing', state_since=?, updated_at=?, version=version+1 WHERE id=?"
               " AND state='occupied'",
               "tti", end, now, unit) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The tenancy could not be saved."));
    audit_log(c, "tenancy.end", "ok", client_id, "tenancy", id, reason);
    *out = load(c, id);
    return OK;
}

/* ---- stability ---- */

int housing_stability_of(struct db *db, int64_t client_id, const char *today, struct housing_stability *out)
{
    memset(out, 0, sizeof *out);
    int64_t t = housing_day(today);
    json_t *rows = db_rows(db,
                           "SELECT id, start_day, end_day FROM tenancies WHERE client_id=? ORDER BY start_day, id", "i",
                           client_id);
    if (!rows)
        return ERR_DB;
    int64_t first = -1, last_end = -1;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        int64_t s = iget(r, "start_day");
        int open = json_is_null(json_object_get(r, "end_day"));
        int64_t e = open ? t : iget(r, "end_day");
        /* overlapping tenancies (a move recorded before the old one ended) count their days once */
        int64_t from = last_end > s ? last_end : s;
        if (e > from)
            out->days_housed += e - from;
        if (e > last_end)
            last_end = e;
        if (first < 0)
            first = s;
        out->tenancies++;
        if (s > t - 365)
            out->moves_last_year++;
        if (open)
            out->current = iget(r, "id");
    }
    json_decref(rows);
    /* moves a year: the tenancies started after the first one, over the years since it (at least one) */
    if (first >= 0) {
        double years = (double)(t - first) / 365.0;
        out->moves_per_year = (double)(out->tenancies - 1) / (years < 1.0 ? 1.0 : years);
    }
    return OK;
}

int tenancy_stability(struct ctx *c, int64_t client_id, json_t **out)
{
    int rc = access_check(c, RES_TENANCY, ACT_LIST, client_id, "tenancy.stability");
    if (rc != OK)
        return rc;
    char today[16];
    iso_today(today);
    struct housing_stability s;
    if (housing_stability_of(c->db, client_id, today, &s) != OK)
        return ctx_fail(c, ERR_DB, "%s", _("The tenancies could not be read."));
    *out = json_pack("{s:I,s:I,s:I,s:I,s:f}", "client_id", (json_int_t)client_id, "days_housed",
                     (json_int_t)s.days_housed, "tenancies", (json_int_t)s.tenancies, "moves_last_year",
                     (json_int_t)s.moves_last_year, "moves_per_year", s.moves_per_year);
    json_object_set_new(*out, "current_tenancy", s.current ? json_integer(s.current) : json_null());
    audit_log(c, "tenancy.stability", "ok", client_id, "tenancy", 0, NULL);
    return OK;
}

/* ---- the descriptor ---- */

static const struct res_field tenancy_event_fields[] = {
    {"id", FT_INT, 0, N_("Event")},
    {"kind", FT_STRING, 0, N_("What happened")}, /* tenancy_event_kinds */
    {"happened_on", FT_DATE, 0, N_("When")},
    {"amount", FT_INT, 1, N_("Arrears now (won)")},
    {"note", FT_STRING, 1, N_("Note")},
    {"made_by", FT_INT, 0, N_("Recorded by")},
    {"made_by_name", FT_STRING, 0, N_("Recorded by")},
    {"made_at", FT_DATETIME, 0, N_("Recorded")},
    {NULL, 0, 0, NULL}};
static const struct res_field tenancy_fields[] = {
    {"id", FT_INT, 0, N_("Tenancy")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"unit_id", FT_INT, 0, N_("Unit")},
    {"org_id", FT_INT, 0, N_("Housing provider")},
    {"org_name", FT_STRING, 0, N_("Housing provider")},
    {"property", FT_STRING, 0, N_("Property")},
    {"address", FT_STRING, 1, N_("Address")},
    {"label", FT_STRING, 0, N_("Unit")},
    {"type", FT_STRING, 0, N_("Type of housing")},
    {"district", FT_STRING, 0, N_("District")},
    {"offer_id", FT_INT, 1, N_("Offer")},
    {"landlord", FT_STRING, 0, N_("Landlord")},
    {"start_date", FT_DATE, 0, N_("Moved in")},
    {"rent", FT_INT, 0, N_("Rent (won a month)")},
    {"rent_payer", FT_STRING, 0, N_("Who pays the rent")},
    {"support_level", FT_STRING, 0, N_("Support level")},
    {"end_date", FT_DATE, 1, N_("Ended")},
    {"end_reason", FT_STRING, 1, N_("Why it ended")},
    {"end_note", FT_STRING, 1, N_("Note")},
    {"arrears", FT_INT, 0, N_("Arrears now (won)")},
    {"arrears_task", FT_INT, 1, N_("Arrears task")},
    {"complaint_task", FT_INT, 1, N_("Complaints task")},
    {"status", FT_STRING, 0, N_("Status")}, /* current, ended */
    {"created_by", FT_INT, 0, N_("Recorded by")},
    {"created_at", FT_DATETIME, 0, N_("Recorded")},
    {"updated_at", FT_DATETIME, 0, N_("Changed")},
    {"version", FT_INT, 0, N_("Version")},
    {"events", FT_ARRAY, 1, N_("Events"), tenancy_event_fields},
    {NULL, 0, 0, NULL}};
/* The stability figures of a client (GET .../housing-stability). */
static const struct res_field tenancy_summary[] = {
    {"client_id", FT_INT, 0, N_("Client")},
    {"days_housed", FT_INT, 0, N_("Days housed")},
    {"tenancies", FT_INT, 0, N_("Tenancies")},
    {"moves_last_year", FT_INT, 0, N_("Moves in the last year")},
    {"moves_per_year", FT_NUMBER, 0, N_("Moves a year")},
    {"current_tenancy", FT_INT, 1, N_("Current tenancy")},
    {NULL, 0, 0, NULL}};
static const struct res_audit tenancy_actions[] = {
    {"tenancy.list", ACT_LIST},   {"tenancy.read", ACT_READ},   {"tenancy.create", ACT_CREATE},
    {"tenancy.event", ACT_UPDATE}, {"tenancy.end", ACT_UPDATE}, {"tenancy.stability", ACT_LIST},
    {NULL, 0}};
static const char *const tenancy_tables[] = {"tenancies", "tenancy_events", NULL};
#include "core/access_rows.h"
static const struct access_rule tenancy_access[] = {
    /* seen by the care team and the provider's coordinators who house the client, and through
     * consent to housing; the move-in by the provider's coordinators (the rule: their own unit);
     * events and the end by the care team and the provider's coordinators */
    {RES_TENANCY, ACT_LIST, TEAM, CLINICAL | HOUS, A},
    {RES_TENANCY, ACT_LIST, HOUSED, HOUS, A},
    {RES_TENANCY, ACT_LIST, SHARED, CLINICAL | HOUS, P},
    {RES_TENANCY, ACT_READ, TEAM, CLINICAL | HOUS, A},
    {RES_TENANCY, ACT_READ, HOUSED, HOUS, A},
    {RES_TENANCY, ACT_READ, SHARED, CLINICAL | HOUS, P},
    {RES_TENANCY, ACT_CREATE, TEAM | HOUSED, HOUS, A},
    {RES_TENANCY, ACT_UPDATE, TEAM, CLINICAL | HOUS, A},
    {RES_TENANCY, ACT_UPDATE, HOUSED, HOUS, A},
    {0}};
const struct resource res_tenancy = {
    .access = tenancy_access,
    .id = RES_TENANCY, .name = "tenancy", .label = N_("Tenancy"), .plural = N_("Tenancies"),
    .summary = tenancy_summary, .data_class = DC_BIT(DC_HOUSING), RESOURCE_OF(tenancy)};
RESOURCE_REGISTER(res_tenancy);
