/* referral: referrals between organisations, closed-loop (issue 10 §2). A worker who cares for a
 * client sends them to another organisation's intake queue (or to one of its services, or to one's
 * own organisation): reason, urgency, what is asked for, the sections of the record shared (limited
 * by the client's consent to that organisation) and the client's agreement. The receiving side
 * acknowledges, accepts (and opens an episode), declines, asks for more information, works and
 * completes it, or it fails; the sender may cancel it. Every change is a dated event the sender
 * reads; the state machine is the table below (modelled on the closed loop of a referral task:
 * requested, received, accepted or rejected, in progress, completed, cancelled, failed). */
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MAX 2000
#define AGREEMENT_REASON_MIN 10

const char *const referral_states[] = {"sent",      "received",  "accepted", "declined", "info_requested",
                                       "in_progress", "completed", "cancelled", "failed",  NULL};
const char *const referral_open_states[] = {"sent", "received", "info_requested", "accepted", "in_progress", NULL};
const char *const referral_agreements[] = {"agreed", "not_asked", NULL};
const char *const referral_decline_reasons[] = {"no_capacity", "not_eligible", "service_not_offered",
                                                "client_declined", "duplicate", "other", NULL};
const char *const referral_fail_reasons[] = {"client_unreachable", "client_withdrew", "client_moved",
                                             "service_ended", "other", NULL};

/* The urgencies, and the time within which the receiving organisation is expected to acknowledge a
 * referral (after that it is overdue: a task for the queue's lead and a notice to the sender). */
const struct referral_urgency referral_urgencies[] = {
    {"routine", 5 * 24 * 3600, N_("Routine: acknowledged within 5 days")},
    {"soon", 2 * 24 * 3600, N_("Soon: acknowledged within 2 days")},
    {"urgent", 4 * 3600, N_("Urgent: acknowledged within 4 hours")},
    {NULL, 0, NULL},
};

/* The state machine: each action, the states it may start from (space-separated), the state it
 * leads to, which side takes it, and what it needs (a reason code from a list, words). */
const struct referral_transition referral_transitions[] = {
    {"receive", "sent", "received", REF_RECEIVER, NULL, "text", 0},
    {"accept", "received", "accepted", REF_RECEIVER, NULL, "text", 0},
    {"decline", "received", "declined", REF_RECEIVER, referral_decline_reasons, "text", 1},
    {"request_info", "received", "info_requested", REF_RECEIVER, NULL, "text", 1},
    {"answer", "info_requested", "received", REF_SENDER, NULL, "text", 1},
    {"start", "accepted", "in_progress", REF_RECEIVER, NULL, "text", 0},
    {"complete", "in_progress", "completed", REF_RECEIVER, NULL, "outcome", 1},
    {"cancel", "sent received info_requested accepted in_progress", "cancelled", REF_SENDER, NULL, "text", 1},
    {"fail", "accepted in_progress", "failed", REF_RECEIVER, referral_fail_reasons, "text", 1},
    {NULL, NULL, NULL, 0, NULL, NULL, 0},
};

const struct referral_transition *referral_transition(const char *action)
{
    for (const struct referral_transition *t = referral_transitions; t->action; t++)
        if (str_eq(t->action, action))
            return t;
    return NULL;
}

/* 1 when state is one of the words of list (space-separated). */
static int word_in(const char *list, const char *state)
{
    size_t n = state ? strlen(state) : 0;
    for (const char *p = list; n && p && *p;) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && memcmp(p, state, n) == 0)
            return 1;
        p = e ? e + 1 : NULL;
    }
    return 0;
}

const char *referral_next(const char *action, const char *state)
{
    const struct referral_transition *t = referral_transition(action);
    return t && word_in(t->from, state) ? t->to : NULL;
}

int referral_is_open(const char *state)
{
    return in_list(referral_open_states, state);
}

int64_t referral_response_seconds(const char *urgency)
{
    for (const struct referral_urgency *u = referral_urgencies; u->key; u++)
        if (str_eq(u->key, urgency))
            return u->seconds;
    return -1;
}

int referral_overdue(const char *state, const char *due_at, int64_t now)
{
    int64_t due = due_at ? iso_parse(due_at) : -1;
    return str_eq(state, "sent") && due >= 0 && now > due;
}

int64_t referral_days_pending(const char *sent_at, const char *closed_at, int64_t now)
{
    int64_t from = sent_at ? iso_parse(sent_at) : -1, to = closed_at ? iso_parse(closed_at) : now;
    if (from < 0 || to < from)
        return 0;
    return (to - from) / 86400;
}

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}
static const char *sget(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* The roles that run an organisation's intake queue: its supervisors (the queue's lead), case
 * managers and clinicians, and housing coordinators (who keep a housing provider's waiting list).
 * The access table says so (RES_REFERRAL, ACT_REVIEW); this asks it. */
static int queue_role(int role)
{
    return access_table(RES_REFERRAL, ACT_REVIEW, REL_NONE, role) == V_ALLOW;
}

/* ---- reading ---- */

/* ?1 is now (for "overdue"). */
#define REFERRAL_COLS                                                                                        \
    "SELECT r.id, r.client_id, c.given_name, c.family_name, c.name_order, c.birth_date, r.from_org_id,"                  \
    " fo.name AS from_organisation, r.from_staff_id, fs.display_name AS from_staff_name, r.to_org_id,"       \
    " tg.name AS to_organisation, r.service_id, sv.name AS service_name, r.intake_id, r.reason, r.asked,"    \
    " r.urgency, r.due_at, r.sections, r.agreement, r.agreement_reason, r.agreement_reviewed_by,"           \
    " ar.display_name AS agreement_reviewed_by_name, r.agreement_reviewed_at, r.agreement_review_note,"     \
    " r.state, r.assigned_to, asg.display_name AS assigned_name, r.episode_id, r.outcome, r.sent_at,"      \
    " r.received_at, r.closed_at, r.updated_at, r.version,"                                                 \
    " CASE WHEN r.state='sent' AND r.due_at<? THEN 1 ELSE 0 END AS overdue"                                 \
    " FROM referrals r JOIN clients c ON c.id=r.client_id JOIN orgs fo ON fo.id=r.from_org_id"              \
    " JOIN staff fs ON fs.id=r.from_staff_id JOIN orgs tg ON tg.id=r.to_org_id"                             \
    " LEFT JOIN services sv ON sv.id=r.service_id LEFT JOIN staff asg ON asg.id=r.assigned_to"              \
    " LEFT JOIN staff ar ON ar.id=r.agreement_reviewed_by"

json_t *referral_sections_json(int64_t mask)
{
    json_t *a = json_array();
    for (int i = 0; i < DC__COUNT; i++)
        if (mask & DC_BIT(i))
            json_array_append_new(a, json_string(data_classes[i]));
    return a;
}

/* Computed members: days pending, overdue, the sections by name. */
static void shape(json_t *r, int64_t now)
{
    json_object_set_new(r, "overdue", json_boolean(iget(r, "overdue")));
    json_object_set_new(r, "days_pending",
                        json_integer(referral_days_pending(sget(r, "sent_at"), sget(r, "closed_at"), now)));
    json_object_set_new(r, "sections", referral_sections_json(iget(r, "sections")));
    json_object_set_new(r, "agreement_review_pending",
                        json_boolean(str_eq(sget(r, "agreement"), "not_asked") &&
                                     json_is_null(json_object_get(r, "agreement_reviewed_at"))));
}

static json_t *events_of(struct db *db, int64_t id)
{
    return db_rows(db,
                   "SELECT e.id, e.at, e.staff_id, s.display_name AS staff_name, o.name AS staff_organisation,"
                   " e.action, e.from_state, e.to_state, e.reason_code, e.text FROM referral_events e"
                   " LEFT JOIN staff s ON s.id=e.staff_id LEFT JOIN orgs o ON o.id=s.org_id"
                   " WHERE e.referral_id=? ORDER BY e.id",
                   "i", id);
}

/* One referral with its timeline, or NULL. */
static json_t *referral_load(struct db *db, int64_t id)
{
    char now[32];
    iso_now(now);
    json_t *r = db_row(db, REFERRAL_COLS " WHERE r.id=?", "ti", now, id);
    if (!r)
        return NULL;
    shape(r, now_epoch());
    json_object_set_new(r, "events", events_of(db, id));
    return r;
}

/* Which side of the referral the actor stands on: the sender's organisation, the receiver's (both
 * for a referral within one organisation), or neither (0). */
enum { SIDE_SENDER = 1, SIDE_RECEIVER = 2 };
static int side_of(struct ctx *c, json_t *r)
{
    int s = 0;
    if (c->a && iget(r, "from_org_id") == c->a->org_id)
        s |= SIDE_SENDER;
    if (c->a && iget(r, "to_org_id") == c->a->org_id)
        s |= SIDE_RECEIVER;
    return s;
}

int referral_get(struct ctx *c, int64_t id, json_t **out)
{
    int rc = access_check(c, RES_REFERRAL, ACT_READ, 0, "referral.read");
    if (rc != OK)
        return rc;
    json_t *r = referral_load(c->db, id);
    if (!r)
        return ctx_fail(c, ERR_NOTFOUND, _("No such referral."));
    int64_t client_id = iget(r, "client_id");
    if (!side_of(c, r)) {
        json_decref(r);
        return access_deny(c, RES_REFERRAL, ACT_READ, client_id, "referral.read", "referral", id,
                           _("Only the organisation that sent a referral and the one it was sent to read it."));
    }
    audit_log(c, "referral.read", "ok", client_id, "referral", id, NULL);
    *out = r;
    return OK;
}

/* The clients a list showed: one audit record naming them. */
static void audit_shown(struct ctx *c, const char *action, json_t *items)
{
    json_t *shown = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(items, i, r) json_array_append_new(shown, json_pack("{s:I}", "id", (json_int_t)iget(r, "client_id")));
    if (json_array_size(shown))
        audit_log_shown(c, action, "client", shown);
    else
        audit_log(c, action, "ok", 0, "referral", 0, NULL);
    json_decref(shown);
}

static void shape_items(json_t *out)
{
    int64_t now = now_epoch();
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(out, "items"), i, r) shape(r, now);
}

int referral_for_client(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_REFERRAL, ACT_LIST, client_id, "referral.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.sent_at", 1}, {"p.id", 1}, {NULL, 0}};
    char now[32];
    iso_now(now);
    /* The referrals the actor's organisation sent or received. */
    rc = page_query(c, pg, order, out, REFERRAL_COLS " WHERE r.client_id=? AND (r.from_org_id=? OR r.to_org_id=?)",
                    "tiii", now, client_id, c->a->org_id, c->a->org_id);
    if (rc != OK)
        return rc;
    shape_items(*out);
    audit_log(c, "referral.list", "ok", client_id, "referral", 0, NULL);
    return OK;
}

int referral_queue(struct ctx *c, int received, const struct referral_filter *f, const struct page *pg, json_t **out)
{
    static const struct referral_filter none = {0};
    static const char *const state_filters[] = {"sent",        "received",  "accepted",  "declined", "info_requested",
                                                "in_progress", "completed", "cancelled", "failed",   "open",
                                                "closed",      NULL};
    if (!f)
        f = &none;
    int rc = access_check(c, RES_REFERRAL, ACT_LIST, 0, "referral.list");
    if (rc != OK)
        return rc;
    const char *st = f->state && *f->state ? f->state : "", *urg = f->urgency && *f->urgency ? f->urgency : "";
    if (*st && !in_list(state_filters, st))
        ctx_field(c, "state", _("is not one of the allowed values"));
    if (*urg && referral_response_seconds(urg) < 0)
        ctx_field(c, "urgency", _("must be routine, soon or urgent"));
    if (f->overdue < 0)
        ctx_field(c, "overdue", _("must be 1 or 0"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    char now[32];
    iso_now(now);
    /* Overdue first, then the longest pending: two walks in the order of an index (the overdue ones
     * by when they were sent, then the others), each stopped after a page, so a queue of 100,000
     * costs what a page costs; then each row of the page is read whole. The cursor is the last row's
     * (overdue, sent_at, id). */
    json_t *after = NULL;
    rc = page_after(c, pg, 3, &after);
    if (rc != OK)
        return rc;
    int64_t c_over = 1, c_id = 0;
    const char *c_sent = "";
    if (after) {
        json_t *a0 = json_array_get(after, 0), *a1 = json_array_get(after, 1), *a2 = json_array_get(after, 2);
        if (!json_is_integer(a0) || !json_is_string(a1) || !json_is_integer(a2)) {
            json_decref(after);
            return page_bad_cursor(c);
        }
        c_over = json_integer_value(a0) ? 1 : 0;
        c_sent = json_string_value(a1);
        c_id = json_integer_value(a2);
    }
    int limit = page_limit(pg);
    const char *org = received ? "to_org_id" : "from_org_id";
    char sql[2048];
    json_t *rows = json_array();
    /* The overdue ones (not when the cursor is already past them). */
    if (c_over) {
        snprintf(sql, sizeof sql,
                 "SELECT r.id, r.sent_at, 1 AS overdue FROM referrals r WHERE r.%s=? AND r.state='sent' AND r.due_at<?"
                 " AND (?='' OR ?='sent' OR ?='open') AND (?='' OR r.urgency=?)"
                 " AND (?=0 OR r.sent_at>? OR (r.sent_at=? AND r.id>?)) ORDER BY r.sent_at, r.id LIMIT ?",
                 org);
        json_t *a = db_rows(c->db, sql, "ittttttittii", c->a->org_id, now, st, st, st, urg, urg, after ? 1 : 0, c_sent,
                            c_sent, c_id, (int64_t)limit + 1);
        json_array_extend(rows, a);
        json_decref(a);
    }
    /* Then the others, unless only the overdue are asked for. */
    if (f->overdue <= 0 && json_array_size(rows) < (size_t)limit + 1) {
        snprintf(sql, sizeof sql,
                 "SELECT r.id, r.sent_at, 0 AS overdue FROM referrals r WHERE r.%s=? AND NOT (r.state='sent' AND"
                 " r.due_at<?) AND (?='' OR r.state=? OR (?='open' AND r.state IN ('sent','received',"
                 "'info_requested','accepted','in_progress')) OR (?='closed' AND r.state IN ('declined',"
                 "'completed','cancelled','failed'))) AND (?='' OR r.urgency=?)"
                 " AND (?=0 OR r.sent_at>? OR (r.sent_at=? AND r.id>?)) ORDER BY r.sent_at, r.id LIMIT ?",
                 org);
        int past = after && !c_over; /* the cursor is among these */
        json_t *b = db_rows(c->db, sql, "itttttttittii", c->a->org_id, now, st, st, st, st, urg, urg, past,
                            past ? c_sent : "", past ? c_sent : "", past ? c_id : 0,
                            (int64_t)limit + 1 - (int64_t)json_array_size(rows));
        json_array_extend(rows, b);
        json_decref(b);
    }
    json_decref(after);
    static const char *const keys[] = {"overdue", "sent_at", "id", NULL};
    *out = page_envelope(pg, keys, rows);
    json_t *items = json_object_get(*out, "items");
    size_t i;
    json_t *k;
    json_array_foreach(items, i, k)
    {
        json_t *row = db_row(c->db, REFERRAL_COLS " WHERE r.id=?", "ti", now, iget(k, "id"));
        if (!row)
            return ctx_fail(c, ERR_DB, _("The list could not be read."));
        json_array_set_new(items, i, row);
    }
    shape_items(*out);
    audit_shown(c, "referral.list", json_object_get(*out, "items"));
    return OK;
}

/* ---- rules' tasks and notices ---- */

/* A task made by a rule about a referral, stored as a key and its arguments (rule_texts). */
static int64_t rule_task(struct ctx *c, int64_t client_id, int64_t assignee, const char *key, json_t *args,
                         const char *priority, int64_t referral_id)
{
    char title[1024], today[16], now[32], why[48];
    iso_today(today);
    iso_now(now);
    rule_text_in("en", key, args, title, sizeof title);
    char *a = json_dumps(args, JSON_COMPACT | JSON_SORT_KEYS);
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO tasks(client_id, assignee, title, title_key, title_args, due, priority,"
                              " status, source, created_by, created_at) VALUES (?,?,?,?,?,?,?,'open','rule',?,?)"
                              " RETURNING id",
                              "iitttttIt", client_id, assignee, title, key, a, today, priority,
                              c->a ? c->a->staff_id : 0, now);
    free(a);
    if (id) {
        snprintf(why, sizeof why, "referral %lld", (long long)referral_id);
        audit_log(c, "task.create", "ok", client_id, "task", id, why);
    }
    return id;
}

/* The lead of an organisation's intake queue: its first active supervisor (0 when it has none). */
static int64_t queue_lead(struct db *db, int64_t org_id)
{
    return db_int1(db, 0,
                   "SELECT id FROM staff WHERE org_id=? AND role='supervisor' AND disabled=0 ORDER BY id LIMIT 1", "i",
                   org_id);
}

static int tell(struct ctx *c, int64_t staff_id, const char *key, json_t *args, json_t *r)
{
    if (!staff_id || (c->a && staff_id == c->a->staff_id))
        return OK;
    return notify_add(c, staff_id, "referral", key, args, "referral", iget(r, "id"), iget(r, "client_id"));
}

static json_t *notice_args(json_t *r, const char *extra_key, const char *extra)
{
    json_t *a = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)iget(r, "id"), "from", sget(r, "from_organisation"),
                          "to", sget(r, "to_organisation"));
    if (extra_key)
        json_object_set_new(a, extra_key, json_string(extra ? extra : ""));
    return a;
}

/* ---- sending ---- */

/* The sections asked for in "sections": a list of data classes (or one text, comma-separated, from a
 * form); -1 with a field error when one is not a data class. */
static int64_t read_sections(struct ctx *c, json_t *in)
{
    json_t *v = json_object_get(in, "sections");
    int64_t mask = 0;
    if (!v || json_is_null(v))
        return 0;
    json_t *list = NULL;
    if (json_is_string(v)) {
        list = json_array();
        char buf[400];
        snprintf(buf, sizeof buf, "%s", json_string_value(v));
        char *save = NULL;
        for (char *t = strtok_r(buf, ", ", &save); t; t = strtok_r(NULL, ", ", &save))
            json_array_append_new(list, json_string(t));
    } else if (json_is_array(v) && json_array_size(v) <= DC__COUNT * 2) {
        list = json_incref(v);
    } else {
        ctx_field(c, "sections", _("must be a list of data classes"));
        return -1;
    }
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x)
    {
        int k = -1;
        for (int j = 0; json_is_string(x) && j < DC__COUNT && k < 0; j++)
            if (str_eq(data_classes[j], json_string_value(x)))
                k = j;
        if (k < 0) {
            json_decref(list);
            ctx_field(c, "sections", _("must be a list of data classes (identity, notes, assessments, risk, "
                                       "hospital, care_plan, housing)"));
            return -1;
        }
        mask |= DC_BIT(k);
    }
    json_decref(list);
    return mask;
}

int referral_send(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_REFERRAL, ACT_CREATE, client_id, "referral.create");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    int64_t to_org = v_int(c, in, "to_org_id", 0, 1, INT64_MAX, 0);
    int64_t service = v_int(c, in, "service_id", 0, 1, INT64_MAX, 0);
    int64_t intake = v_int(c, in, "intake_id", 0, 1, INT64_MAX, 0);
    const char *reason = v_str(c, in, "reason", 1, TEXT_MAX, NULL);
    const char *asked = v_str(c, in, "asked", 1, TEXT_MAX, NULL);
    const char *urgency = v_str(c, in, "urgency", 1, 10, NULL);
    if (urgency && referral_response_seconds(urgency) < 0) {
        ctx_field(c, "urgency", _("must be routine, soon or urgent"));
        urgency = NULL;
    }
    const char *agreement = v_str(c, in, "agreement", 1, 20, referral_agreements);
    const char *agreement_reason = v_str(c, in, "agreement_reason", 0, TEXT_MAX, NULL);
    if (str_eq(agreement, "not_asked") && v_text_chars(agreement_reason) < AGREEMENT_REASON_MIN) {
        char m[160];
        snprintf(m, sizeof m, _("is required when the client was not asked: why (at least %d characters)"),
                 AGREEMENT_REASON_MIN);
        ctx_field(c, "agreement_reason", m);
    }
    if (str_eq(agreement, "agreed"))
        agreement_reason = NULL;
    int64_t sections = read_sections(c, in);
    /* Where it goes: an organisation's queue, or one of its services (which names the organisation). */
    if (service) {
        int64_t so = db_int1(c->db, 0, "SELECT org_id FROM services WHERE id=?", "i", service);
        if (!so)
            ctx_field(c, "service_id", _("is not a service of the directory"));
        else if (to_org && to_org != so)
            ctx_field(c, "service_id", _("is not a service of that organisation"));
        else
            to_org = so;
    } else if (!to_org && !json_object_get(c->errors, "to_org_id")) {
        ctx_field(c, "to_org_id", _("is required: the organisation (or a service) the referral goes to"));
    }
    if (to_org && !service && db_int1(c->db, 0, "SELECT 1 FROM orgs WHERE id=?", "i", to_org) != 1)
        ctx_field(c, "to_org_id", _("is not an organisation"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    /* The sections shared with another organisation: only those an active consent for a referral (or
     * care coordination) gives it. Within one's own organisation nothing is disclosed. */
    char today[16], now[32], due[32];
    iso_today(today);
    iso_now(now);
    int64_t consent_id = 0;
    int64_t client_org = db_int1(c->db, 0, "SELECT org_id FROM clients WHERE id=?", "i", client_id);
    if (to_org != c->a->org_id && to_org != client_org && sections) {
        int64_t granted = consent_classes(c->db, client_id, to_org, REFERRAL_PURPOSES, today, &consent_id);
        if (granted < 0)
            return ctx_fail(c, ERR_DB, _("The client's consents could not be read."));
        int64_t refused = sections & ~granted;
        if (refused) {
            char names[200] = "";
            for (int i = 0; i < DC__COUNT; i++)
                if (refused & DC_BIT(i))
                    snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", names[0] ? ", " : "",
                             data_classes[i]);
            char m[400];
            snprintf(m, sizeof m,
                     _("%s: no active consent of the client's for a referral or care coordination gives these to "
                       "the receiving organisation"),
                     names);
            ctx_field(c, "sections", m);
            return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
        }
    }
    iso_time(now_epoch() + referral_response_seconds(urgency), due);
    int64_t id = db_insert_id(
        c->db,
        "INSERT INTO referrals(client_id, from_org_id, from_staff_id, to_org_id, service_id, intake_id, reason,"
        " asked, urgency, due_at, sections, consent_id, agreement, agreement_reason, state, sent_at, updated_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'sent',?,?) RETURNING id",
        "iiiiIItttti" "Itttt", client_id, c->a->org_id, c->a->staff_id, to_org, service, intake, reason, asked,
        urgency, due, sections, consent_id, agreement, agreement_reason, now, now);
    if (!id || db_run(c->db,
                      "INSERT INTO referral_events(referral_id, at, staff_id, action, from_state, to_state, text)"
                      " VALUES (?,?,?,'send',NULL,'sent',NULL)",
                      "iti", id, now, c->a->staff_id) != DB_OK)
        return ctx_fail(c, ERR_DB, _("The referral could not be saved."));
    /* A referral made at an intake's outcome step is that intake's outcome (refused, and nothing
     * sent, when the intake is another client's or not at that step). */
    if (intake && (rc = intake_referred(c, intake, id)) != OK)
        return rc;
    audit_log(c, "referral.create", "ok", client_id, "referral", id, agreement_reason ? "client not asked" : NULL);
    json_t *r = referral_load(c->db, id);
    if (!r)
        return ctx_fail(c, ERR_DB, _("The referral could not be saved."));
    /* The receiving queue's lead learns of it; a referral sent without the client's agreement waits for
     * a supervisor of the sender's organisation to review it. */
    json_t *args = notice_args(r, NULL, NULL);
    rc = tell(c, queue_lead(c->db, to_org), "referral.notice.sent", args, r);
    json_decref(args);
    if (rc == OK && agreement_reason) {
        int64_t lead = queue_lead(c->db, c->a->org_id);
        if (lead) {
            json_t *ta = json_pack("{s:I,s:s}", "id", (json_int_t)id, "reason", agreement_reason);
            if (!rule_task(c, client_id, lead, "referral.agreement_review", ta, "high", id))
                rc = ERR_DB;
            json_decref(ta);
        }
    }
    if (rc != OK) {
        json_decref(r);
        return ctx_fail(c, ERR_DB, _("The referral could not be saved."));
    }
    *out = r;
    return OK;
}

/* ---- changes ---- */

/* The referral for a change: loaded, the table asked for act, the side checked (the rule on the
 * record: the receiving organisation acts on its queue, the sender's on what it sent). */
/* The referral for a change by one side (its organisation's, else refused and audited), with the
 * change's body a JSON object (or absent, when optional). */
static int load_for(struct ctx *c, int64_t id, enum act act, int side, const char *action, json_t *in,
                    int body_optional, json_t **r)
{
    *r = NULL;
    int rc = access_check(c, RES_REFERRAL, act, 0, action);
    if (rc != OK)
        return rc;
    json_t *x = referral_load(c->db, id);
    if (!x)
        return ctx_fail(c, ERR_NOTFOUND, _("No such referral."));
    if (!(side_of(c, x) & side)) {
        int64_t client_id = iget(x, "client_id");
        json_decref(x);
        return access_deny(c, RES_REFERRAL, act, client_id, action, "referral", id,
                           side == SIDE_RECEIVER
                               ? _("Only the organisation a referral was sent to acts on it.")
                               : _("Only the organisation that sent a referral changes it."));
    }
    if (!(body_optional && !in) && !json_is_object(in)) {
        json_decref(x);
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    }
    *r = x;
    return OK;
}

static int wrong_state(struct ctx *c, json_t *r, const char *what)
{
    const char *st = sget(r, "state");
    json_decref(c->extra);
    c->extra = json_pack("{s:s}", "state", st);
    return ctx_fail(c, ERR_CONFLICT, _("This referral is %s: it cannot be %s now."), st, what);
}

static int add_event(struct ctx *c, int64_t id, const char *action, const char *from, const char *to,
                     const char *code, const char *text)
{
    char now[32];
    iso_now(now);
    return db_run(c->db,
                  "INSERT INTO referral_events(referral_id, at, staff_id, action, from_state, to_state, reason_code,"
                  " text) VALUES (?,?,?,?,?,?,?,?)",
                  "itIttttt", id, now, c->a ? c->a->staff_id : 0, action, from, to, code, text) == DB_OK
               ? OK
               : ERR_DB;
}

/* What follows a change: the sender hears of every one made by another; the worker assigned hears of
 * the sender's; a decline makes the sender's task to re-refer, a completion the task to confirm. */
static int after_change(struct ctx *c, json_t *r, const char *action, const char *text)
{
    char key[64];
    snprintf(key, sizeof key, "referral.notice.%s", action);
    json_t *args = notice_args(r, "text", text);
    int rc = tell(c, iget(r, "from_staff_id"), key, args, r);
    if (rc == OK && (str_eq(action, "answer") || str_eq(action, "cancel")))
        rc = tell(c, iget(r, "assigned_to"), key, args, r);
    json_decref(args);
    const char *tkey = str_eq(action, "decline") ? "referral.rerefer" : str_eq(action, "complete") ? "referral.confirm" : NULL;
    if (rc == OK && tkey) {
        json_t *ta = notice_args(r, NULL, NULL);
        if (!rule_task(c, iget(r, "client_id"), iget(r, "from_staff_id"), tkey, ta, "normal", iget(r, "id")))
            rc = ERR_DB;
        json_decref(ta);
    }
    return rc;
}

int referral_act(struct ctx *c, int64_t id, int64_t version, const char *action, json_t *in, json_t **out)
{
    const struct referral_transition *t = referral_transition(action);
    if (!t)
        return ctx_fail(c, ERR_NOTFOUND, _("No such change of a referral."));
    char audit_action[40];
    snprintf(audit_action, sizeof audit_action, "referral.%s", action);
    json_t *r;
    if (json_is_null(in))
        in = NULL;
    int rc = load_for(c, id, t->side == REF_RECEIVER ? ACT_REVIEW : ACT_UPDATE,
                      t->side == REF_RECEIVER ? SIDE_RECEIVER : SIDE_SENDER, audit_action, in, 1, &r);
    if (rc != OK)
        return rc;
    const char *from = sget(r, "state"), *to = referral_next(action, from);
    if (!to) {
        rc = wrong_state(c, r, action);
        json_decref(r);
        return rc;
    }
    json_t *empty = json_object();
    json_t *body = in ? in : empty;
    const char *code = t->codes ? v_str(c, body, "reason_code", 1, 40, t->codes) : NULL;
    const char *text = v_str(c, body, t->text_field, t->text_required, TEXT_MAX, NULL);
    if (c->errors) {
        json_decref(empty);
        json_decref(r);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    int64_t cur = iget(r, "version");
    if (version != cur) {
        json_decref(empty);
        json_decref(r);
        return ctx_stale(c, cur);
    }
    char now[32];
    iso_now(now);
    int closes = !referral_is_open(to);
    int db = db_run(c->db,
                    "UPDATE referrals SET state=?, updated_at=?, version=version+1,"
                    " received_at=CASE WHEN ?='receive' AND received_at IS NULL THEN ? ELSE received_at END,"
                    " closed_at=CASE WHEN ?=1 THEN ? ELSE closed_at END,"
                    " outcome=CASE WHEN ?='complete' THEN ? ELSE outcome END WHERE id=? AND version=?",
                    "ttttitttii", to, now, action, now, closes, now, action, text, id, cur);
    if (db != DB_OK || db_changes(c->db) != 1 || add_event(c, id, action, from, to, code, text) != OK) {
        json_decref(empty);
        json_decref(r);
        return ctx_fail(c, ERR_DB, _("The referral could not be saved."));
    }
    json_object_set_new(r, "state", json_string(to));
    rc = after_change(c, r, action, text ? text : code);
    audit_log(c, audit_action, "ok", iget(r, "client_id"), "referral", id, code);
    json_decref(empty);
    json_decref(r);
    if (rc != OK)
        return ctx_fail(c, ERR_DB, _("The referral could not be saved."));
    access_forget(c); /* an open referral shares sections (access.c) */
    *out = referral_load(c->db, id);
    return OK;
}

/* A worker of the receiving organisation who may take a referral: active, of a queue role. */
static int assignee_ok(struct ctx *c, int64_t staff_id, int64_t org_id, const char *field)
{
    json_t *s = db_row(c->db, "SELECT org_id, role, disabled FROM staff WHERE id=?", "i", staff_id);
    const char *bad = NULL;
    if (!s)
        bad = _("is not a staff member");
    else if (iget(s, "disabled"))
        bad = _("is a disabled account");
    else if (iget(s, "org_id") != org_id)
        bad = _("must be of the receiving organisation");
    else if (!queue_role(role_parse(sget(s, "role"))))
        bad = _("has a role that does not work on referrals");
    json_decref(s);
    if (bad)
        ctx_field(c, field, bad);
    return bad == NULL;
}

int referral_assign(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *r;
    int rc = load_for(c, id, ACT_REVIEW, SIDE_RECEIVER, "referral.assign", in, 0, &r);
    if (rc != OK)
        return rc;
    const char *st = sget(r, "state");
    if (!referral_is_open(st) || str_eq(st, "sent")) {
        rc = wrong_state(c, r, "assigned");
        json_decref(r);
        return rc;
    }
    int64_t to = v_int(c, in, "staff_id", 1, 1, INT64_MAX, 0);
    if (to)
        assignee_ok(c, to, iget(r, "to_org_id"), "staff_id");
    if (c->errors) {
        json_decref(r);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    int64_t cur = iget(r, "version");
    if (version != cur) {
        json_decref(r);
        return ctx_stale(c, cur);
    }
    char now[32], who[24];
    iso_now(now);
    snprintf(who, sizeof who, "%lld", (long long)to);
    if (db_run(c->db, "UPDATE referrals SET assigned_to=?, updated_at=?, version=version+1 WHERE id=? AND version=?",
               "itii", to, now, id, cur) != DB_OK ||
        db_changes(c->db) != 1 || add_event(c, id, "assign", st, st, NULL, NULL) != OK) {
        json_decref(r);
        return ctx_fail(c, ERR_DB, _("The referral could not be saved."));
    }
    json_t *x = referral_load(c->db, id);
    json_t *args = notice_args(x, "assignee", sget(x, "assigned_name"));
    rc = tell(c, iget(x, "from_staff_id"), "referral.notice.assign", args, x);
    if (rc == OK)
        rc = tell(c, to, "referral.notice.assigned_to_you", args, x);
    json_decref(args);
    audit_log(c, "referral.assign", "ok", iget(r, "client_id"), "referral", id, who);
    json_decref(r);
    if (rc != OK) {
        json_decref(x);
        return ctx_fail(c, ERR_DB, _("The referral could not be saved."));
    }
    *out = x;
    return OK;
}

int referral_accept_episode(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *r;
    int rc = load_for(c, id, ACT_REVIEW, SIDE_RECEIVER, "referral.accept", in, 0, &r);
    if (rc != OK)
        return rc;
    const char *st = sget(r, "state");
    if (!(str_eq(st, "received") || (str_eq(st, "accepted") && json_is_null(json_object_get(r, "episode_id"))))) {
        rc = wrong_state(c, r, "accepted with an episode");
        json_decref(r);
        return rc;
    }
    int64_t cm = v_int(c, in, "primary_cm", 1, 1, INT64_MAX, 0);
    if (cm && assignee_ok(c, cm, c->a->org_id, "primary_cm")) {
        json_t *s = db_row(c->db, "SELECT role FROM staff WHERE id=?", "i", cm);
        int role = s ? role_parse(sget(s, "role")) : -1;
        json_decref(s);
        if (access_table(RES_EPISODE, ACT_UPDATE, REL_PRIMARY_CM, role) != V_ALLOW)
            ctx_field(c, "primary_cm", _("has a role that may not be a primary case manager"));
    }
    const char *text = v_str(c, in, "text", 0, TEXT_MAX, NULL);
    int64_t cur = iget(r, "version");
    if (c->errors) { /* the episode's own fields are checked by episode.c, below */
        json_decref(r);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    if (version != cur) {
        json_decref(r);
        return ctx_stale(c, cur);
    }
    char why[48];
    snprintf(why, sizeof why, "referral %lld", (long long)id);
    int64_t episode_id = 0;
    rc = episode_open_referred(c, iget(r, "client_id"), in, why, &episode_id);
    if (rc != OK) {
        json_decref(r);
        return rc;
    }
    char now[32];
    iso_now(now);
    if (db_run(c->db,
               "UPDATE referrals SET state='accepted', episode_id=?, assigned_to=coalesce(assigned_to, ?),"
               " updated_at=?, version=version+1 WHERE id=? AND version=?",
               "iitii", episode_id, cm, now, id, cur) != DB_OK ||
        db_changes(c->db) != 1 || add_event(c, id, "accept_with_episode", st, "accepted", NULL, text) != OK) {
        json_decref(r);
        return ctx_fail(c, ERR_DB, _("The referral could not be saved."));
    }
    json_object_set_new(r, "state", json_string("accepted"));
    rc = after_change(c, r, "accept", text);
    if (rc == OK && cm != c->a->staff_id) {
        json_t *args = notice_args(r, "assignee", "");
        rc = tell(c, cm, "referral.notice.assigned_to_you", args, r);
        json_decref(args);
    }
    audit_log(c, "referral.accept", "ok", iget(r, "client_id"), "referral", id, "with an episode");
    json_decref(r);
    if (rc != OK)
        return ctx_fail(c, ERR_DB, _("The referral could not be saved."));
    access_forget(c);
    *out = referral_load(c->db, id);
    return OK;
}

int referral_review_agreement(struct ctx *c, int64_t id, json_t *in, json_t **out)
{
    json_t *r;
    int rc = load_for(c, id, ACT_ADMINISTER, SIDE_SENDER, "referral.agreement_review", in, 0, &r);
    if (rc != OK)
        return rc;
    int64_t client_id = iget(r, "client_id");
    if (iget(r, "from_staff_id") == c->a->staff_id) {
        json_decref(r);
        return access_deny(c, RES_REFERRAL, ACT_ADMINISTER, client_id, "referral.agreement_review", "referral", id,
                           _("Another supervisor reviews a referral one sent oneself."));
    }
    if (!json_is_true(json_object_get(r, "agreement_review_pending"))) {
        json_decref(r);
        json_decref(c->extra);
        c->extra = json_pack("{s:s}", "state", "reviewed");
        return ctx_fail(c, ERR_CONFLICT, _("This referral has no review of the client's agreement pending."));
    }
    const char *note = v_str(c, in, "note", 1, TEXT_MAX, NULL);
    if (c->errors) {
        json_decref(r);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    char now[32];
    iso_now(now);
    if (db_run(c->db,
               "UPDATE referrals SET agreement_reviewed_by=?, agreement_reviewed_at=?, agreement_review_note=?,"
               " updated_at=? WHERE id=? AND agreement_reviewed_at IS NULL",
               "ittti", c->a->staff_id, now, note, now, id) != DB_OK ||
        db_changes(c->db) != 1 ||
        add_event(c, id, "agreement_review", sget(r, "state"), sget(r, "state"), NULL, note) != OK) {
        json_decref(r);
        return ctx_fail(c, ERR_DB, _("The review could not be saved."));
    }
    audit_log(c, "referral.agreement_review", "ok", client_id, "referral", id, NULL);
    json_decref(r);
    *out = referral_load(c->db, id);
    return OK;
}

/* ---- access.c's question ---- */

int referral_shares(struct db *db, int64_t client_id, int64_t org_id, int64_t *referral_id)
{
    json_t *r = db_row(db,
                       "SELECT id, sections FROM referrals WHERE client_id=? AND to_org_id=? AND to_org_id<>from_org_id"
                       " AND state IN ('received','info_requested','accepted','in_progress') ORDER BY id DESC LIMIT 1",
                       "ii", client_id, org_id);
    if (!r)
        return 0;
    *referral_id = iget(r, "id");
    int mask = (int)iget(r, "sections");
    json_decref(r);
    return mask;
}

/* ---- the rule: not acknowledged in time ---- */

int referral_overdue_rule(struct ctx *c, int *made)
{
    char now[32];
    iso_now(now);
    json_t *rows = db_rows(c->db,
                           "SELECT r.id, r.client_id, r.to_org_id, r.from_staff_id, r.urgency, fo.name AS from_organisation,"
                           " tg.name AS to_organisation FROM referrals r JOIN orgs fo ON fo.id=r.from_org_id"
                           " JOIN orgs tg ON tg.id=r.to_org_id WHERE r.state='sent' AND r.due_at<?"
                           " AND r.overdue_noted_at IS NULL ORDER BY r.id LIMIT 500",
                           "t", now);
    size_t i;
    json_t *r;
    int rc = OK;
    json_array_foreach(rows, i, r)
    {
        if (db_run(c->db, "UPDATE referrals SET overdue_noted_at=? WHERE id=? AND overdue_noted_at IS NULL", "ti", now,
                   iget(r, "id")) != DB_OK) {
            rc = ERR_DB;
            break;
        }
        if (db_changes(c->db) != 1)
            continue; /* another server's sweep took it */
        json_t *args = notice_args(r, "urgency", sget(r, "urgency"));
        int64_t lead = queue_lead(c->db, iget(r, "to_org_id"));
        if (lead && !rule_task(c, iget(r, "client_id"), lead, "referral.overdue", args, "high", iget(r, "id")))
            rc = ERR_DB;
        if (rc == OK)
            rc = tell(c, iget(r, "from_staff_id"), "referral.notice.overdue", args, r);
        json_decref(args);
        if (rc != OK)
            break;
        (*made)++;
    }
    json_decref(rows);
    return rc;
}

/* ---- the descriptor ---- */

static const struct res_field referral_event_fields[] = {
    {"id", FT_INT, 0, N_("Event")},
    {"at", FT_DATETIME, 0, N_("When")},
    {"staff_id", FT_INT, 1, N_("Who")}, /* null: a rule */
    {"staff_name", FT_STRING, 1, N_("Who")},
    {"staff_organisation", FT_STRING, 1, N_("Organisation")},
    {"action", FT_STRING, 0, N_("What")},
    {"from_state", FT_STRING, 1, NC_("state change", "From")},
    {"to_state", FT_STRING, 0, NC_("state change", "To")},
    {"reason_code", FT_STRING, 1, N_("Reason")},
    {"text", FT_STRING, 1, N_("Words")},
    {NULL, 0, 0, NULL},
};
static const struct res_field referral_fields[] = {
    {"id", FT_INT, 0, N_("Referral")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 0, N_("Given name")},
    {"family_name", FT_STRING, 0, N_("Family name")},
    {"birth_date", FT_DATE, 1, N_("Date of birth")},
    {"from_org_id", FT_INT, 0, NC_("referral", "From")},
    {"from_organisation", FT_STRING, 0, NC_("referral", "From")},
    {"from_staff_id", FT_INT, 0, N_("Sent by")},
    {"from_staff_name", FT_STRING, 0, N_("Sent by")},
    {"to_org_id", FT_INT, 0, NC_("referral", "To")},
    {"to_organisation", FT_STRING, 0, NC_("referral", "To")},
    {"service_id", FT_INT, 1, N_("Service")},
    {"service_name", FT_STRING, 1, N_("Service")},
    {"intake_id", FT_INT, 1, N_("Intake")},
    {"reason", FT_STRING, 0, N_("Reason for referral")},
    {"asked", FT_STRING, 0, N_("What is asked for")},
    {"urgency", FT_STRING, 0, N_("Urgency")},
    {"due_at", FT_DATETIME, 0, N_("Acknowledgement expected by")},
    {"sections", FT_ARRAY, 0, N_("Sections shared"), NULL},
    {"agreement", FT_STRING, 0, N_("Client's agreement")},
    {"agreement_reason", FT_STRING, 1, N_("Why the client was not asked")},
    {"agreement_reviewed_by", FT_INT, 1, N_("Reviewed by")},
    {"agreement_reviewed_by_name", FT_STRING, 1, N_("Reviewed by")},
    {"agreement_reviewed_at", FT_DATETIME, 1, N_("Reviewed")},
    {"agreement_review_note", FT_STRING, 1, N_("Review note")},
    {"agreement_review_pending", FT_BOOL, 0, N_("Review pending")},
    {"state", FT_STRING, 0, N_("State")},
    {"assigned_to", FT_INT, 1, N_("Assigned to")},
    {"assigned_name", FT_STRING, 1, N_("Assigned to")},
    {"episode_id", FT_INT, 1, N_("Episode")},
    {"outcome", FT_STRING, 1, N_("Outcome")},
    {"sent_at", FT_DATETIME, 0, N_("Sent")},
    {"received_at", FT_DATETIME, 1, N_("Acknowledged")},
    {"closed_at", FT_DATETIME, 1, N_("Closed")},
    {"updated_at", FT_DATETIME, 0, N_("Last changed")},
    {"version", FT_INT, 0, N_("Version")},
    {"overdue", FT_BOOL, 0, N_("Overdue")},
    {"days_pending", FT_INT, 0, N_("Days pending")},
    {"events", FT_ARRAY, 1, N_("Timeline"), referral_event_fields}, /* one referral; not in lists */
    {NULL, 0, 0, NULL},
};
static const struct res_audit referral_actions[] = {
    {"referral.create", ACT_CREATE},
    {"referral.list", ACT_LIST},
    {"referral.read", ACT_READ},
    {"referral.answer", ACT_UPDATE},
    {"referral.cancel", ACT_UPDATE},
    {"referral.receive", ACT_REVIEW},
    {"referral.accept", ACT_REVIEW},
    {"referral.decline", ACT_REVIEW},
    {"referral.request_info", ACT_REVIEW},
    {"referral.start", ACT_REVIEW},
    {"referral.complete", ACT_REVIEW},
    {"referral.fail", ACT_REVIEW},
    {"referral.assign", ACT_REVIEW},
    {"referral.agreement_review", ACT_ADMINISTER},
    {NULL, 0},
};
static const char *const referral_tables[] = {"referrals", "referral_events", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule referral_access[] = {
    /* sending: the client's care team, and the client's own organisation's care desk (a discovered
     * person) and supervisors */
    {RES_REFERRAL, ACT_CREATE, TEAM, CARE, A},
    {RES_REFERRAL, ACT_CREATE, ORG, DESK | SUP, A},
    /* a client's referrals (those their organisation sent or received): the same people */
    {RES_REFERRAL, ACT_LIST, TEAM, CARE, A},
    {RES_REFERRAL, ACT_LIST, ORG, DESK | SUP, A},
    /* the queues (sent, received) and one referral with its timeline: the rule on the record, the
     * sender's or the receiving organisation's staff who work with clients */
    {RES_REFERRAL, ACT_LIST, NONE, CARE, A},
    {RES_REFERRAL, ACT_READ, NONE, CARE, A},
    /* the sender's changes (answer a question, cancel): the sender's organisation */
    {RES_REFERRAL, ACT_UPDATE, NONE, CARE, A},
    /* the receiving queue's work (acknowledge, accept, decline, ask, start, complete, fail, assign):
     * supervisors (the queue's lead), case managers, clinicians, housing coordinators */
    {RES_REFERRAL, ACT_REVIEW, NONE, CLINICAL | HOUS, A},
    /* a referral sent without the client's agreement: reviewed by a supervisor of the sender's */
    {RES_REFERRAL, ACT_ADMINISTER, NONE, SUP, A},
    {0}};
const struct resource res_referral = {
    .access = referral_access,
    .id = RES_REFERRAL, .name = "referral", .label = N_("Referral"), .plural = N_("Referrals"),
    RESOURCE_OF(referral)};
RESOURCE_REGISTER(res_referral);

static const struct sweep_rule referral_overdue_sweep = {"referral_overdue", referral_overdue_rule};
SWEEP_REGISTER(referral_overdue_sweep);
