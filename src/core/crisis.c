/* crisis: crisis events (each one followed up at 24 h, 72 h and 7 days) and the crisis view: one
 * read with everything the on-call worker needs at 3 a.m. */
#include "base/base.h"
#include "core/risk_data.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const crisis_kinds[] = {
    "suicidal_ideation",          "self_harm", "acute_psychosis", "aggression",
    "eviction_or_housing_crisis", "medical",   "other",           NULL};
const char *const crisis_severities[] = {"low", "moderate", "high", "critical", NULL};
const char *const crisis_modes[] = {"phone", "home_visit", "with_emergency_services", "at_hospital", NULL};
const char *const crisis_outcomes[] = {"stabilised_at_home",    "respite", "voluntary_admission",
                                       "involuntary_admission", "other",   NULL};

#define MAX_RESPONDERS 10
#define RECENT 5

#define EVENT_COLS                                                                                           \
    "SELECT e.id, e.client_id, e.occurred_at, e.kind, e.severity, e.response_mode, e.responders, e.actions," \
    " e.outcome, e.notes, e.recorded_by, s.display_name AS recorded_by_name, e.created_at"                   \
    " FROM crisis_events e JOIN staff s ON s.id=e.recorded_by"

/* responders "3,7" -> [{id, name}]; what the event says (actions, notes) only for a reader the table
 * lets read crisis notes (notes: 1), else null with hidden true. */
static void shape(struct db *db, json_t *r, int notes)
{
    json_object_set_new(r, "summary", json_false());
    json_object_set_new(r, "check_in", json_false());
    json_object_set_new(r, "hidden", json_boolean(!notes));
    if (!notes) {
        json_object_set_new(r, "actions", json_null());
        json_object_set_new(r, "notes", json_null());
    }
    json_t *list = json_array();
    const char *p = json_string_value(json_object_get(r, "responders"));
    while (p && *p) {
        char *end;
        long long id = strtoll(p, &end, 10);
        if (end == p)
            break;
        json_t *s =
            db_row(db, "SELECT id, display_name AS name, role FROM staff WHERE id=?", "i", (int64_t)id);
        if (s)
            json_array_append_new(list, s);
        p = *end == ',' ? end + 1 : end;
    }
    json_object_set_new(r, "responders", list);
}

/* What a reader who may list crisis events but not read them (a peer supporter, issue 11 §4) sees of
 * one: that and when it happened, and check_in when it was in the last CHECK_IN_DAYS days (the page
 * prompts them to check in with the client); what it was and what was done are null. */
#define CHECK_IN_DAYS 14
static void summarise(json_t *r)
{
    static const char *const gone[] = {"kind", "severity", "response_mode", "outcome", "actions", "notes"};
    for (size_t i = 0; i < ARRAY_LEN(gone); i++)
        json_object_set_new(r, gone[i], json_null());
    json_object_set_new(r, "responders", json_array());
    json_object_set_new(r, "summary", json_true());
    json_object_set_new(r, "hidden", json_true());
    const char *at = json_string_value(json_object_get(r, "occurred_at"));
    json_object_set_new(r, "check_in", json_boolean(at && iso_parse(at) >= now_epoch() - CHECK_IN_DAYS * 86400));
}

static json_t *events_of(struct db *db, int64_t client_id, int limit, int notes)
{
    json_t *rows =
        db_rows(db, EVENT_COLS " WHERE e.client_id=? ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?", "ii",
                client_id, (int64_t)limit);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) shape(db, r, notes);
    return rows;
}

int crisis_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_CRISIS, ACT_LIST, client_id, "crisis.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.occurred_at", 1}, {"p.id", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out, EVENT_COLS " WHERE e.client_id=?", "i", client_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    int notes = access_may(c, RES_CRISIS_NOTE, ACT_READ, client_id);
    int full = access_may(c, RES_CRISIS, ACT_READ, client_id);
    json_array_foreach(json_object_get(*out, "items"), i, r)
    {
        if (full)
            shape(c->db, r, notes);
        else
            summarise(r);
    }
    audit_log(c, "crisis.list", "ok", client_id, "crisis_event", 0, NULL);
    return OK;
}

/* The responders as "a,b,c" (distinct active staff); the actor when none are given. */
static void read_responders(struct ctx *c, json_t *in, struct buf *out)
{
    json_t *v = json_object_get(in, "responders");
    int64_t ids[MAX_RESPONDERS];
    size_t n = 0;
    if (!v || json_is_null(v) || (json_is_array(v) && json_array_size(v) == 0)) {
        buf_printf(out, "%lld", (long long)c->a->staff_id);
        return;
    }
    if (!json_is_array(v) || json_array_size(v) > MAX_RESPONDERS) {
        ctx_field(c, "responders", _("must be a list of at most 10 staff ids"));
        return;
    }
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x)
    {
        int64_t id = 0;
        if (json_is_integer(x))
            id = json_integer_value(x);
        else if (!json_is_string(x) || parse_int64(json_string_value(x), &id) != 0)
            id = 0;
        if (id <= 0 || db_int1(c->db, 0, "SELECT 1 FROM staff WHERE id=? AND disabled=0", "i", id) != 1) {
            ctx_field(c, "responders", _("each responder must be an active staff member"));
            return;
        }
        int seen = 0;
        for (size_t k = 0; k < n; k++)
            seen |= ids[k] == id;
        if (!seen)
            ids[n++] = id;
    }
    for (size_t k = 0; k < n; k++)
        buf_printf(out, "%s%lld", k ? "," : "", (long long)ids[k]);
}

int crisis_record(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    struct access acc;
    int rc = access_check(c, RES_CRISIS, ACT_CREATE, client_id, "crisis.record"); /* on call, break-glass count */
    if (rc != OK || (rc = access_client(c, client_id, &acc)) != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    char at_buf[32], now[32];
    const char *at = risk_time(c, in, "occurred_at", 1, 1, at_buf);
    const char *kind = v_str(c, in, "kind", 1, 40, crisis_kinds);
    const char *severity = v_str(c, in, "severity", 1, 16, crisis_severities);
    const char *mode = v_str(c, in, "response_mode", 1, 40, crisis_modes);
    const char *actions = v_str(c, in, "actions", 1, LIMIT_FIELD, NULL);
    const char *outcome = v_str(c, in, "outcome", 1, 40, crisis_outcomes);
    const char *notes = v_str(c, in, "notes", 0, LIMIT_NOTE, NULL);
    struct buf resp;
    buf_init(&resp);
    buf_adds(&resp, "");
    read_responders(c, in, &resp);
    if (c->errors) {
        buf_free(&resp);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    iso_now(now);
    int64_t id =
        db_insert_id(c->db,
                     "INSERT INTO crisis_events(client_id, occurred_at, kind, severity, response_mode,"
                     " responders, actions, outcome, notes, recorded_by, created_at)"
                     " VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                     "ittttttttit", client_id, at, kind, severity, mode, resp.data, actions, outcome, notes,
                     c->a->staff_id, now);
    buf_free(&resp);
    if (!id)
        return ctx_fail(c, ERR_DB, _("The crisis event could not be saved."));
    audit_log(c, "crisis.record", "ok", client_id, "crisis_event", id,
              acc.break_glass ? "break-glass" : NULL);
    /* Follow-up after the event (never due before today), for the client's primary case manager (the
     * on-call worker's access ends with the shift), who is also told that a crisis happened. */
    int64_t owner = risk_owner(c, client_id);
    static const struct {
        const char *key, *priority;
        int days;
    } follow[] = {{"crisis.follow_up_24h", "urgent", 1},
                  {"crisis.follow_up_72h", "high", 3},
                  {"crisis.follow_up_7d", "normal", 7}};
    json_t *made = json_array();
    for (size_t i = 0; i < ARRAY_LEN(follow); i++) {
        char due[16];
        risk_due(iso_parse(at), follow[i].days, due);
        json_t *t = risk_rule_task(c, client_id, owner, follow[i].key, NULL, due, follow[i].priority,
                                   "rule: crisis event follow-up");
        if (!t) {
            json_decref(made);
            return ctx_fail(c, ERR_DB, _("The follow-up task could not be saved."));
        }
        json_array_append_new(made, t);
    }
    json_t *notice = NULL;
    if (owner != c->a->staff_id) {
        char today[16];
        iso_today(today);
        json_t *args = json_pack("{s:s,s:s}", "by", c->a->name, "at", at);
        notice = risk_rule_task(c, client_id, owner, "crisis.notice", args, today, "urgent",
                                "rule: crisis event notice to the primary case manager");
        json_decref(args);
        if (!notice) {
            json_decref(made);
            return ctx_fail(c, ERR_DB, _("The follow-up task could not be saved."));
        }
    }
    /* A care plan reviews sooner after a crisis (careplan_review_rules). */
    if (careplan_bring_forward(c, client_id, "crisis") != OK) {
        json_decref(made);
        json_decref(notice);
        return ERR_DB;
    }
    json_t *e = db_row(c->db, EVENT_COLS " WHERE e.id=?", "i", id);
    shape(c->db, e, access_may(c, RES_CRISIS_NOTE, ACT_READ, client_id));
    json_object_set_new(e, "follow_up", made);
    json_object_set_new(e, "notice", notice ? notice : json_null());
    *out = e;
    return OK;
}

/* The care team of the client's open episodes, with phones (primary case managers first). */
static json_t *care_team(struct db *db, int64_t client_id)
{
    char today[16];
    iso_today(today);
    json_t *rows = db_rows(
        db,
        "SELECT s.id AS staff_id, s.display_name AS name, s.role, s.discipline, s.phone, min(t.team_role) AS team_role,"
        " o.name AS organisation, max(CASE WHEN e.primary_cm=s.id THEN 1 ELSE 0 END) AS is_primary"
        " FROM episodes e JOIN team_members t ON t.episode_id=e.id JOIN staff s ON s.id=t.staff_id"
        " JOIN orgs o ON o.id=s.org_id WHERE e.client_id=? AND e.status<>'discharged' AND s.disabled=0"
        " AND t.from_date<=? AND (t.to_date IS NULL OR t.to_date>?)"
        " GROUP BY s.id, o.id ORDER BY is_primary DESC, s.display_name, s.id",
        "itt", client_id, today, today);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) json_object_set_new(
        r, "is_primary", json_boolean(json_integer_value(json_object_get(r, "is_primary"))));
    return rows;
}

/* Who is on call now in each organisation with an open episode (or the client's own). */
static json_t *on_call(struct db *db, int64_t client_id)
{
    char now[32];
    iso_now(now);
    json_t *orgs =
        db_rows(db,
                "SELECT DISTINCT o.id AS org_id, o.name AS organisation FROM episodes e"
                " JOIN orgs o ON o.id=e.org_id WHERE e.client_id=? AND e.status<>'discharged' ORDER BY o.id",
                "i", client_id);
    if (json_array_size(orgs) == 0) {
        json_decref(orgs);
        orgs = db_rows(
            db,
            "SELECT o.id AS org_id, o.name AS organisation FROM clients c JOIN orgs o ON o.id=c.org_id"
            " WHERE c.id=?",
            "i", client_id);
    }
    size_t i;
    json_t *o;
    json_array_foreach(orgs, i, o)
    {
        int64_t org = json_integer_value(json_object_get(o, "org_id"));
        json_object_set_new(o, "on_call", oncall_covering(db, org, now));
        json_object_set_new(o, "next", oncall_next(db, org, now));
    }
    return orgs;
}

int crisis_view(struct ctx *c, int64_t client_id, json_t **out)
{
    struct access acc;
    int rc = access_check(c, RES_CRISIS, ACT_READ, client_id, "client.crisis_view");
    if (rc != OK || (rc = access_client(c, client_id, &acc)) != OK)
        return rc;
    json_t *client =
        db_row(c->db,
               "SELECT id, given_name, family_name, preferred_name, name_order, birth_date, sex, language, phone,"
               " address, address_detail, postal_code, address_country, emergency_contacts, version FROM clients"
               " WHERE id=?",
               "i", client_id);
    if (!client)
        return ctx_fail(c, ERR_NOTFOUND, _("No such client."));
    const char *stage;
    json_object_set_new(
        client, "age",
        json_integer(client_life_stage(json_string_value(json_object_get(client, "birth_date")), &stage)));
    /* The plan and what past events say, to those the table lets read them; who to call (the care team,
     * who is on call, the client's own emergency contacts) and that a crisis happened, to everyone here. */
    int see_plan = access_may(c, RES_SAFETY_PLAN, ACT_READ, client_id);
    json_t *plan = see_plan ? safety_current(c->db, client_id) : NULL;
    json_t *v = json_object();
    json_object_set_new(v, "client", client);
    json_object_set_new(v, "flags", flag_active(c->db, client_id));
    json_object_set_new(v, "safety_plan", plan ? plan : json_null());
    json_object_set_new(v, "safety_plan_hidden", json_boolean(!see_plan));
    json_object_set_new(v, "crisis_events",
                        events_of(c->db, client_id, RECENT, access_may(c, RES_CRISIS_NOTE, ACT_READ, client_id)));
    json_object_set_new(v, "hospitalisations", hosp_recent(c->db, client_id, RECENT));
    json_object_set_new(v, "care_team", care_team(c->db, client_id));
    json_object_set_new(v, "on_call", on_call(c->db, client_id));
    json_object_set_new(v, "access",
                        json_pack("{s:b,s:b,s:s?}", "break_glass", acc.break_glass, "on_call", acc.on_call,
                                  "break_glass_expires", acc.break_glass ? acc.bg_expires : NULL));
    audit_log(c, "client.crisis_view", "ok", client_id, "client", client_id, NULL);
    *out = v;
    return OK;
}

/* ---- the descriptor ---- */

static const struct res_field crisis_responder_fields[] = {
    {"id", FT_INT, 0, N_("Staff member")},
    {"name", FT_STRING, 0, N_("Name")},
    {"role", FT_STRING, 0, N_("Role")},
    {NULL, 0, 0, NULL},
};
/* A crisis event (the crisis view gathers them with the plan, flags, stays, team and rota). */
static const struct res_field crisis_fields[] = {
    {"id", FT_INT, 0, N_("Crisis event")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"occurred_at", FT_DATETIME, 0, N_("When")},
    {"kind", FT_STRING, 1, N_("Kind of crisis")},  /* null: summary */
    {"severity", FT_STRING, 1, N_("Severity")},    /* null: summary */
    {"response_mode", FT_STRING, 1, N_("Response")}, /* null: summary */
    {"responders", FT_ARRAY, 0, N_("Responders"), crisis_responder_fields},
    {"actions", FT_STRING, 1, N_("What was done")}, /* null: hidden from you (hidden) */
    {"outcome", FT_STRING, 1, N_("Outcome")}, /* null: summary */
    {"notes", FT_STRING, 1, N_("Notes")},
    {"hidden", FT_BOOL, 0, N_("Notes hidden")},
    {"summary", FT_BOOL, 0, N_("Only the date")},  /* the table lets you list crisis events, not read them */
    {"check_in", FT_BOOL, 0, N_("Check in with the client")}, /* a summary of the last 14 days */
    {"recorded_by", FT_INT, 0, N_("Recorded by")},
    {"recorded_by_name", FT_STRING, 0, N_("Recorded by")},
    {"created_at", FT_DATETIME, 0, N_("Recorded")},
    {"follow_up", FT_ARRAY, 0, N_("Follow-up tasks")}, /* tasks; after crisis_record */
    {NULL, 0, 0, NULL},
};
static const struct res_audit crisis_actions[] = {
    {"crisis.list", ACT_LIST},
    {"crisis.record", ACT_CREATE},
    {"client.crisis_view", ACT_READ},
    {NULL, 0},
};
static const char *const crisis_tables[] = {"crisis_events", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule crisis_access[] = {
    /* crisis events and the crisis view: the on-call worker reads and records without break-glass.
     * list = that and when a crisis happened; read = each event in full (kind, severity, response,
     * outcome) and the crisis view. A peer supporter lists, and sees the date with a prompt to check
     * in (summary, check_in: crisis_list); they record what they witness (create) but do not read
     * the details (issue 11 §4: no READ row at PEER; a consent for peer support may share them) */
    {RES_CRISIS, ACT_LIST, TEAM, CARE, A},
    {RES_CRISIS, ACT_LIST, PEER, PS, A},
    {RES_CRISIS, ACT_LIST, GLASS | ONCALL, CARE, P},
    {RES_CRISIS, ACT_LIST, SHARED, CARE | PS, P},
    {RES_CRISIS, ACT_READ, TEAM, CARE, A},
    {RES_CRISIS, ACT_READ, GLASS | ONCALL, CARE, P},
    {RES_CRISIS, ACT_READ, SHARED, CARE | PS, P},
    {RES_CRISIS, ACT_CREATE, TEAM, CARE, A},
    {RES_CRISIS, ACT_CREATE, PEER, PS, A},
    {RES_CRISIS, ACT_CREATE, GLASS | ONCALL, CARE, P},
    {0}};
const struct resource res_crisis = {
    .access = crisis_access, .access_name = "crisis",
    .id = RES_CRISIS, .name = "crisis_event", .label = N_("Crisis event"), .plural = N_("Crisis events"),
    .data_class = DC_BIT(DC_RISK), RESOURCE_OF(crisis)};
RESOURCE_REGISTER(res_crisis);

/* What a crisis event says (its actions and notes): a record of its own for the access table, read
 * as part of the events (crisis_list, the crisis view); its fields and actions are the event's. */
static const struct res_field crisis_note_fields[] = {
    {"actions", FT_STRING, 1, N_("What was done")},
    {"notes", FT_STRING, 1, N_("Notes")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit crisis_note_actions[] = {{NULL, 0}};
static const char *const crisis_note_tables[] = {NULL};
static const struct access_rule crisis_note_access[] = {
    /* like notes: not the care desk, whose role never reads notes (issue 9 §1) */
    {RES_CRISIS_NOTE, ACT_READ, TEAM, NOTES, A},
    {RES_CRISIS_NOTE, ACT_READ, GLASS | ONCALL, NOTES, P},
    {RES_CRISIS_NOTE, ACT_READ, SHARED, NOTES | PS, P},
    {0}};
const struct resource res_crisis_note = {
    .access = crisis_note_access, .access_name = "crisis_note",
    .id = RES_CRISIS_NOTE, .name = "crisis_note", .label = N_("Crisis notes"), .plural = N_("Crisis notes"),
    .data_class = DC_BIT(DC_RISK), RESOURCE_OF(crisis_note)};
RESOURCE_REGISTER(res_crisis_note);
