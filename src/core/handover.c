/* handover: when a worker moves on, an administrator or a supervisor of the worker's organisation
 * hands over everything the worker holds (primary case manager of open episodes, care-team places,
 * including a peer supporter's, open tasks, on-call shifts not yet over, open referrals assigned to
 * them) to other workers of the same
 * organisation in one step: a preview first, then one transaction in which every changed record is
 * audited (on its client, so the client's access report shows it) and each receiver gets a task
 * listing what they received. The same list, over disabled accounts, is the check that nothing stays
 * assigned to one (GET /api/v1/assignments/disabled, `hearth check-assignments`). */
#include "base/base.h"
#include "core/caseload.h"
#include "core/core.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OVERRIDES_MAX 1000
#define LIST_TEXT_MAX 400

/* Everything a worker holds, one row per record (primary case manager of an open episode, a
 * care-team place, an open task, an on-call shift not yet over, an open referral assigned to them
 * by the receiving organisation): the holder condition WHO binds ?1 (the staff
 * member, or the organisation: 0 for every one); ?2 is today, ?3 now. A care-team place that is the
 * episode's own primary case manager's comes with the episode. */
/* key: a task's rule key and arguments (its title in the reader's language), NULL, NULL for the rest */
#define HELD_COLS(kind, id, client, what, until, key)                                                        \
    "SELECT '" kind "' AS kind, " id " AS id, " client " AS client_id, c.given_name, c.family_name, c.name_order, " what    \
    " AS what, " until " AS until, " key ", s.id AS staff_id, s.display_name AS staff_name, s.username,"     \
    " s.role AS staff_role, s.org_id"
#define NO_KEY "NULL AS what_key, NULL AS what_args"
#define HELD(who)                                                                                            \
    HELD_COLS("episode", "e.id", "e.client_id", "e.programme", "NULL", NO_KEY)                                   \
    " FROM episodes e JOIN staff s ON s.id=e.primary_cm JOIN clients c ON c.id=e.client_id"                  \
    " WHERE e.status<>'discharged' AND " who                                                                 \
    " UNION ALL " HELD_COLS("team_member", "t.id", "e.client_id", "t.team_role", "t.to_date", NO_KEY)            \
    " FROM team_members t JOIN episodes e ON e.id=t.episode_id JOIN staff s ON s.id=t.staff_id"              \
    " JOIN clients c ON c.id=e.client_id WHERE e.status<>'discharged' AND (t.to_date IS NULL OR"             \
    " t.to_date>?2) AND NOT (t.team_role='primary_case_manager' AND e.primary_cm=t.staff_id) AND " who       \
    " UNION ALL " HELD_COLS("task", "k.id", "k.client_id", "k.title", "k.due", "k.title_key AS what_key, k.title_args AS what_args")                           \
    " FROM tasks k JOIN staff s ON s.id=k.assignee LEFT JOIN clients c ON c.id=k.client_id"                  \
    " WHERE k.status='open' AND " who                                                                        \
    " UNION ALL " HELD_COLS("oncall", "o.id", "NULL", "o.starts_at", "o.ends_at", NO_KEY)                        \
    " FROM oncall o JOIN staff s ON s.id=o.staff_id LEFT JOIN clients c ON c.id=NULL"                        \
    " WHERE o.ends_at>?3 AND " who                                                                           \
    " UNION ALL " HELD_COLS("referral", "r.id", "r.client_id", "r.state", "NULL", NO_KEY)                         \
    " FROM referrals r JOIN staff s ON s.id=r.assigned_to JOIN clients c ON c.id=r.client_id"                \
    " WHERE r.state IN ('received','info_requested','accepted','in_progress') AND " who
#define WHO_ONE "s.id=?1"
#define WHO_DISABLED "s.disabled=1 AND (?1=0 OR s.org_id=?1)"

static const struct page_key held_order[] = {{"p.staff_id", 0}, {"p.kind", 0}, {"p.id", 0}, {NULL, 0}};

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}
static const char *sget(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* Names of clients the actor may not find are left out (an administrator sees the ids only); the
 * clients shown are recorded (audit_log_shown), so each client's access report lists it. */
static void hide_names(struct ctx *c, json_t *items, const char *action)
{
    json_t *shown = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(items, i, r)
    {
        /* a task a rule made: its title in the reader's language (the key and arguments go) */
        rule_text_shape(r, "what");
        json_object_del(r, "what_key");
        json_object_del(r, "what_args");
        int64_t cid = iget(r, "client_id");
        int may = cid && access_may(c, RES_CLIENT, ACT_LIST, cid);
        if (!may) {
            json_object_set_new(r, "given_name", json_null());
            json_object_set_new(r, "family_name", json_null());
        } else {
            json_array_append_new(shown, json_pack("{s:I}", "id", (json_int_t)cid));
        }
        json_object_set_new(r, "client_hidden", json_boolean(cid && !may));
    }
    if (json_array_size(shown))
        audit_log_shown(c, action, "client", shown);
    json_decref(shown);
}

/* The rows one worker holds, in kind and id order. */
static json_t *held_rows(struct db *db, int64_t staff_id)
{
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    return db_rows(db, HELD(WHO_ONE) " ORDER BY 1, 2", "itt", staff_id, today, now);
}

json_t *handover_counts(struct db *db, int64_t staff_id)
{
    json_t *rows = held_rows(db, staff_id);
    json_t *n = json_pack("{s:i,s:i,s:i,s:i,s:i}", "episode", 0, "team_member", 0, "task", 0, "oncall", 0,
                          "referral", 0);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        const char *k = sget(r, "kind");
        json_object_set_new(n, k, json_integer(iget(n, k) + 1));
    }
    json_object_set_new(n, "total", json_integer((json_int_t)json_array_size(rows)));
    json_decref(rows);
    return n;
}

int handover_disabled(struct ctx *c, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_HANDOVER, ACT_LIST, 0, "handover.check");
    if (rc != OK)
        return rc;
    /* An administrator sees every organisation's; a supervisor their own. */
    int64_t org = access_may(c, RES_STAFF, ACT_ADMINISTER, 0) ? 0 : c->a->org_id;
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    rc = page_query(c, pg, held_order, out, HELD(WHO_DISABLED), "itt", org, today, now);
    if (rc != OK)
        return rc;
    hide_names(c, json_object_get(*out, "items"), "handover.check");
    audit_log(c, "handover.check", "ok", 0, "staff", 0, NULL);
    return OK;
}

/* ---- the plan ---- */

struct receiver {
    int64_t id;
    int role;
    char name[128];
    const char *field; /* where it was chosen: "to" or "overrides[i].to" (owned by the plan) */
    int count;
    int64_t task_id;
    struct buf list; /* what they receive, in words, for their notice */
    int n_clients, n_tasks, n_shifts;
};

struct plan {
    int64_t staff_id, org_id;
    char staff_name[128];
    json_t *items; /* held rows, each given "to" */
    struct receiver *rx;
    int nrx;
    char (*fields)[48]; /* "overrides[i].to", one per override */
};

static void plan_free(struct plan *p)
{
    for (int i = 0; i < p->nrx; i++)
        buf_free(&p->rx[i].list);
    free(p->rx);
    free(p->fields);
    json_decref(p->items);
}

/* The receiver chosen in field, checked (active, of the leaving worker's organisation, not the
 * leaving worker); NULL with a field error. */
static struct receiver *receiver(struct ctx *c, struct plan *p, int64_t id, const char *field)
{
    for (int i = 0; i < p->nrx; i++)
        if (p->rx[i].id == id)
            return &p->rx[i];
    json_t *s = db_row(c->db, "SELECT id, org_id, role, disabled, display_name FROM staff WHERE id=?", "i", id);
    const char *bad = NULL;
    if (!s)
        bad = _("is not a staff member");
    else if (id == p->staff_id)
        bad = _("is the worker who is leaving");
    else if (iget(s, "disabled"))
        bad = _("is a disabled account");
    else if (iget(s, "org_id") != p->org_id)
        bad = _("must be of the leaving worker's organisation");
    if (bad) {
        json_decref(s);
        if (!json_object_get(c->errors, field))
            ctx_field(c, field, bad);
        return NULL;
    }
    struct receiver *nr = realloc(p->rx, sizeof *p->rx * (size_t)(p->nrx + 1));
    if (!nr) {
        json_decref(s);
        return NULL;
    }
    p->rx = nr;
    struct receiver *r = &p->rx[p->nrx++];
    memset(r, 0, sizeof *r);
    r->id = id;
    r->role = role_parse(sget(s, "role"));
    r->field = field;
    snprintf(r->name, sizeof r->name, "%s", sget(s, "display_name"));
    buf_init(&r->list);
    json_decref(s);
    return r;
}

/* Why role may not take the held record r ("" when it may): the access table decides, as for the
 * record itself (a primary case manager may change the episode; a care-team place keeps the
 * relationship it gives, a peer supporter's to a peer supporter; a client's task is worked by one who
 * may change it on the team; the on-call rota opens the organisation's clients). */
static const char *unfit(json_t *r, int role)
{
    const char *kind = sget(r, "kind");
    enum rel mine = role == ROLE_PEER ? REL_PEER : REL_CARE_TEAM;
    if (str_eq(kind, "episode"))
        return access_table(RES_EPISODE, ACT_UPDATE, REL_PRIMARY_CM, role) == V_ALLOW
                   ? ""
                   : _("has a role that may not be a primary case manager");
    if (str_eq(kind, "team_member")) {
        int peer_place = str_eq(sget(r, "what"), "peer_supporter") || role_parse(sget(r, "staff_role")) == ROLE_PEER;
        if (peer_place != (role == ROLE_PEER))
            return peer_place ? _("must be a peer supporter to take a peer supporter's place")
                              : _("a peer supporter may not take this care-team place");
        return access_table(RES_CLIENT, ACT_READ, mine, role) != V_DENY ? ""
                                                                        : _("has a role that may not be on a care team");
    }
    if (str_eq(kind, "task"))
        return !iget(r, "client_id") || access_table(RES_TASK, ACT_UPDATE, mine, role) != V_DENY
                   ? ""
                   : _("has a role that may not work on a client's tasks");
    if (str_eq(kind, "referral"))
        return access_table(RES_REFERRAL, ACT_REVIEW, REL_NONE, role) == V_ALLOW
                   ? ""
                   : _("has a role that does not work on referrals");
    return access_table(RES_CLIENT, ACT_READ, REL_ON_CALL, role) != V_DENY ? ""
                                                                           : _("has a role that may not be on call");
}

/* Reads the body into a plan: {to, overrides: [{client_id, to}], disable}. perform: every record
 * needs a receiver (a preview shows those without one as to null). */
static int plan_make(struct ctx *c, int64_t staff_id, json_t *in, int perform, struct plan *p, int *disable,
                     const char *action)
{
    memset(p, 0, sizeof *p);
    *disable = 0;
    enum act act = perform ? ACT_CREATE : ACT_READ;
    int rc = access_check(c, RES_HANDOVER, act, 0, action);
    if (rc != OK)
        return rc;
    json_t *s = db_row(c->db, "SELECT id, org_id, display_name FROM staff WHERE id=?", "i", staff_id);
    if (!s)
        return ctx_fail(c, ERR_NOTFOUND, _("No such staff member."));
    p->staff_id = staff_id;
    p->org_id = iget(s, "org_id");
    snprintf(p->staff_name, sizeof p->staff_name, "%s", sget(s, "display_name"));
    json_decref(s);
    /* A supervisor hands over only within their own organisation; an administrator, any. */
    if (p->org_id != c->a->org_id && !access_may(c, RES_STAFF, ACT_ADMINISTER, 0))
        return access_deny(c, RES_HANDOVER, act, 0, action, "staff", staff_id,
                           _("Only a supervisor of the worker's own organisation, or an administrator, may hand "
                             "over their work."));
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    p->items = held_rows(c->db, staff_id);
    int64_t to = v_int(c, in, "to", 0, 1, INT64_MAX, 0);
    if (to)
        receiver(c, p, to, "to");
    json_t *ov = json_object_get(in, "overrides");
    json_t *by_client = json_object(); /* client id -> index of its override */
    if (ov && !json_is_null(ov) && (!json_is_array(ov) || json_array_size(ov) > OVERRIDES_MAX))
        ctx_field(c, "overrides", _("must be a list of at most 1000 {client_id, to}"));
    else if (json_is_array(ov) && json_array_size(ov) &&
             !(p->fields = calloc(json_array_size(ov), sizeof *p->fields)))
        ctx_field(c, "overrides", _("could not be read"));
    else if (json_is_array(ov)) {
        size_t i;
        json_t *o;
        json_array_foreach(ov, i, o)
        {
            char cf[48];
            snprintf(cf, sizeof cf, "overrides[%zu].client_id", i);
            snprintf(p->fields[i], sizeof p->fields[i], "overrides[%zu].to", i);
            json_t *cv = json_object_get(o, "client_id"), *tv = json_object_get(o, "to");
            if (!json_is_integer(cv) || json_integer_value(cv) < 1) {
                ctx_field(c, cf, _("is required: a client's number"));
                continue;
            }
            if (!json_is_integer(tv) || json_integer_value(tv) < 1) {
                ctx_field(c, p->fields[i], _("is required: a staff member's number"));
                continue;
            }
            char k[24];
            snprintf(k, sizeof k, "%lld", (long long)json_integer_value(cv));
            int held = 0;
            size_t j;
            json_t *r;
            json_array_foreach(p->items, j, r) held |= iget(r, "client_id") == json_integer_value(cv);
            if (!held)
                ctx_field(c, cf, _("the leaving worker holds nothing for this client"));
            else if (json_object_get(by_client, k))
                ctx_field(c, cf, _("is named twice"));
            else if (receiver(c, p, json_integer_value(tv), p->fields[i]))
                json_object_set_new(by_client, k, json_integer((json_int_t)json_integer_value(tv)));
        }
    }
    *disable = v_bool(in, "disable");
    if (*disable && staff_id == c->a->staff_id)
        ctx_field(c, "disable", _("you cannot disable your own account"));
    /* Each record to its receiver: the client's override, else "to". */
    int missing = 0;
    size_t i;
    json_t *r;
    json_array_foreach(p->items, i, r)
    {
        char k[24];
        snprintf(k, sizeof k, "%lld", (long long)iget(r, "client_id"));
        int64_t rid = iget(r, "client_id") && json_object_get(by_client, k) ? iget(by_client, k) : to;
        struct receiver *x = NULL;
        for (int j = 0; rid && j < p->nrx; j++)
            if (p->rx[j].id == rid)
                x = &p->rx[j];
        if (!x) {
            missing += rid == 0;
            json_object_set_new(r, "to", json_null());
            json_object_set_new(r, "to_name", json_null());
            continue;
        }
        const char *why = unfit(r, x->role);
        if (*why && !json_object_get(c->errors, x->field))
            ctx_field(c, x->field, why);
        json_object_set_new(r, "to", json_integer(x->id));
        json_object_set_new(r, "to_name", json_string(x->name));
        x->count++;
    }
    json_decref(by_client);
    if (perform && missing && !json_object_get(c->errors, "to")) {
        char m[160];
        snprintf(m, sizeof m, _("is required: %d of the records held have no receiver"), missing);
        ctx_field(c, "to", m);
    }
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    if (*disable && !access_may(c, RES_STAFF, ACT_UPDATE, 0))
        return access_deny(c, RES_STAFF, ACT_UPDATE, 0, action, "staff", staff_id,
                           _("Only an administrator may disable an account."));
    return OK;
}

static json_t *plan_json(struct plan *p, int disable, int done)
{
    json_t *rx = json_array();
    for (int i = 0; i < p->nrx; i++)
        if (p->rx[i].count)
            json_array_append_new(rx, json_pack("{s:I,s:s,s:i,s:o}", "staff_id", (json_int_t)p->rx[i].id, "display_name",
                                                p->rx[i].name, "count", p->rx[i].count, "task_id",
                                                p->rx[i].task_id ? json_integer(p->rx[i].task_id) : json_null()));
    json_t *o = json_pack("{s:I,s:s,s:I,s:O,s:o,s:b,s:b}", "staff_id", (json_int_t)p->staff_id, "staff_name",
                          p->staff_name, "org_id", (json_int_t)p->org_id, "items", p->items, "receivers", rx,
                          "disable", disable, "done", done);
    return o;
}

int handover_preview(struct ctx *c, int64_t staff_id, json_t *in, json_t **out)
{
    struct plan p;
    int disable;
    int rc = plan_make(c, staff_id, in, 0, &p, &disable, "handover.preview");
    if (rc == OK) {
        hide_names(c, p.items, "handover.preview");
        audit_log(c, "handover.preview", "ok", 0, "staff", staff_id, NULL);
        *out = plan_json(&p, disable, 0);
    }
    plan_free(&p);
    return rc;
}

/* One line of a receiver's notice: the client (by name when known) and the place. */
static void note_item(struct receiver *x, json_t *r)
{
    const char *kind = sget(r, "kind");
    if (str_eq(kind, "task")) {
        x->n_tasks++;
        return;
    }
    if (str_eq(kind, "oncall")) {
        x->n_shifts++;
        return;
    }
    x->n_clients++;
    if (x->list.len > LIST_TEXT_MAX)
        return;
    char name[300];
    person_name(name, sizeof name, sget(r, "given_name"), sget(r, "family_name"), NULL, sget(r, "name_order"));
    buf_printf(&x->list, "%s%s (%s)", x->list.len ? ", " : "", name,
               str_eq(kind, "episode") ? "primary_case_manager" : str_eq(kind, "referral") ? "referral" : sget(r, "what"));
}

static int move_one(struct ctx *c, struct plan *p, json_t *r, const char *today, const char *now)
{
    const char *kind = sget(r, "kind");
    int64_t id = iget(r, "id"), to = iget(r, "to"), cid = iget(r, "client_id"), from = p->staff_id;
    char why[64];
    snprintf(why, sizeof why, "handover from staff %lld to staff %lld", (long long)from, (long long)to);
    int rc = DB_OK;
    if (str_eq(kind, "episode")) {
        rc = db_run(c->db,
                    "UPDATE episodes SET primary_cm=?, updated_at=?, version=version+1 WHERE id=? AND primary_cm=?",
                    "itii", to, now, id, from);
        if (rc == DB_OK)
            rc = db_run(c->db,
                        "UPDATE team_members SET to_date=?, version=version+1 WHERE episode_id=? AND staff_id=?"
                        " AND team_role='primary_case_manager' AND (to_date IS NULL OR to_date>?)",
                        "tiit", today, id, from, today);
        if (rc == DB_OK)
            rc = db_run(c->db,
                        "INSERT INTO team_members(episode_id, staff_id, team_role, from_date) SELECT ?,?,"
                        "'primary_case_manager',? WHERE NOT EXISTS (SELECT 1 FROM team_members WHERE episode_id=?"
                        " AND staff_id=? AND team_role='primary_case_manager' AND (to_date IS NULL OR to_date>?))",
                        "iitiit", id, to, today, id, to, today);
        if (rc == DB_OK)
            audit_log(c, "handover.move", "ok", cid, "episode", id, why);
    } else if (str_eq(kind, "team_member")) {
        int64_t ep = db_int1(c->db, 0, "SELECT episode_id FROM team_members WHERE id=?", "i", id);
        rc = db_run(c->db, "UPDATE team_members SET to_date=?, version=version+1 WHERE id=?", "ti", today, id);
        if (rc == DB_OK)
            audit_log(c, "handover.move", "ok", cid, "team_member", id, why);
        if (rc == DB_OK && db_int1(c->db, 0,
                                   "SELECT 1 FROM team_members WHERE episode_id=? AND staff_id=? AND (to_date IS NULL"
                                   " OR to_date>?) LIMIT 1",
                                   "iit", ep, to, today) != 1) {
            int64_t nid = db_insert_id(c->db,
                                       "INSERT INTO team_members(episode_id, staff_id, team_role, from_date)"
                                       " VALUES (?,?,?,?) RETURNING id",
                                       "iitt", ep, to, sget(r, "what"), today);
            if (!nid)
                rc = DB_ERR;
            else
                audit_log(c, "handover.move", "ok", cid, "team_member", nid, why);
        }
    } else if (str_eq(kind, "referral")) {
        rc = db_run(c->db,
                    "UPDATE referrals SET assigned_to=?, updated_at=?, version=version+1 WHERE id=? AND assigned_to=?",
                    "itii", to, now, id, from);
        if (rc == DB_OK)
            rc = db_run(c->db,
                        "INSERT INTO referral_events(referral_id, at, staff_id, action, from_state, to_state, reason_code)"
                        " SELECT id, ?, ?, 'assign', state, state, 'handover' FROM referrals WHERE id=?",
                        "tii", now, c->a->staff_id, id);
        if (rc == DB_OK)
            audit_log(c, "handover.move", "ok", cid, "referral", id, why);
    } else if (str_eq(kind, "task")) {
        rc = db_run(c->db, "UPDATE tasks SET assignee=?, version=version+1 WHERE id=? AND assignee=? AND status='open'",
                    "iii", to, id, from);
        if (rc == DB_OK)
            audit_log(c, "handover.move", "ok", cid, "task", id, why);
    } else {
        json_t *o = db_row(c->db, "SELECT org_id, starts_at, ends_at, phone FROM oncall WHERE id=?", "i", id);
        if (!o)
            return ctx_fail(c, ERR_CONFLICT, _("The rota changed meanwhile; preview again."));
        const char *starts = sget(o, "starts_at"), *ends = sget(o, "ends_at");
        const char *from_t = strcmp(starts, now) > 0 ? starts : now;
        if (db_int1(c->db, 0, "SELECT 1 FROM oncall WHERE org_id=? AND staff_id=? AND ends_at>? AND starts_at<? LIMIT 1",
                    "iitt", iget(o, "org_id"), to, from_t, ends) == 1) {
            json_decref(o);
            char f[48];
            snprintf(f, sizeof f, "%s", "to");
            for (int i = 0; i < p->nrx; i++)
                if (p->rx[i].id == to)
                    snprintf(f, sizeof f, "%s", p->rx[i].field);
            return ctx_fail(c, ctx_field(c, f, _("already has an on-call shift at the time of one handed over")),
                            _("Some fields need attention."));
        }
        if (strcmp(starts, now) > 0) {
            rc = db_run(c->db, "UPDATE oncall SET staff_id=? WHERE id=?", "ii", to, id);
            if (rc == DB_OK)
                audit_log(c, "handover.move", "ok", 0, "oncall", id, why);
        } else { /* under way: ends now for the leaving worker, the rest is the receiver's */
            rc = db_run(c->db, "UPDATE oncall SET ends_at=? WHERE id=?", "ti", now, id);
            int64_t nid = rc != DB_OK ? 0
                                      : db_insert_id(c->db,
                                                     "INSERT INTO oncall(org_id, staff_id, starts_at, ends_at, phone,"
                                                     " created_by, created_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                                                     "iitttIt", iget(o, "org_id"), to, now, ends, sget(o, "phone"),
                                                     c->a->staff_id, now);
            if (!nid)
                rc = DB_ERR;
            else {
                audit_log(c, "handover.move", "ok", 0, "oncall", id, why);
                audit_log(c, "handover.move", "ok", 0, "oncall", nid, why);
            }
        }
        json_decref(o);
    }
    return rc == DB_OK ? OK : ctx_fail(c, ERR_DB, _("The handover could not be saved."));
}

int handover_perform(struct ctx *c, int64_t staff_id, json_t *in, json_t **out)
{
    struct plan p;
    int disable;
    int rc = plan_make(c, staff_id, in, 1, &p, &disable, "handover.perform");
    if (rc == OK && json_array_size(p.items) == 0 && !disable)
        rc = ctx_fail(c, ERR_CONFLICT, _("This worker holds nothing to hand over."));
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    size_t i;
    json_t *r;
    json_array_foreach(p.items, i, r)
    {
        if (rc != OK)
            break;
        rc = move_one(c, &p, r, today, now);
        for (int j = 0; rc == OK && j < p.nrx; j++)
            if (p.rx[j].id == iget(r, "to"))
                note_item(&p.rx[j], r);
    }
    /* A receiver of clients taken over capacity by them: the body's capacity_reason (else 409). */
    for (int j = 0; rc == OK && j < p.nrx; j++)
        if (p.rx[j].n_clients)
            rc = caseload_guard(c, p.rx[j].id, 0, in, p.rx[j].field);
    /* Each receiver's notice: a task listing what they received. */
    for (int j = 0; rc == OK && j < p.nrx; j++) {
        struct receiver *x = &p.rx[j];
        if (!x->count)
            continue;
        if (x->list.len > LIST_TEXT_MAX)
            buf_adds(&x->list, ", ...");
        json_t *args = json_pack("{s:s,s:s,s:i,s:i}", "from", p.staff_name, "clients", x->list.len ? x->list.data : "-",
                                 "tasks", x->n_tasks, "shifts", x->n_shifts);
        char title[1024], *a = json_dumps(args, JSON_COMPACT | JSON_SORT_KEYS);
        rule_text_in("en", "handover.received", args, title, sizeof title);
        json_decref(args);
        x->task_id = db_insert_id(c->db,
                                  "INSERT INTO tasks(client_id, assignee, title, title_key, title_args, due, priority,"
                                  " status, source, created_by, created_at) VALUES (NULL,?,?,?,?,?,'high','open','rule',?,?)"
                                  " RETURNING id",
                                  "ittttit", x->id, title, "handover.received", a, today, c->a->staff_id, now);
        free(a);
        if (!x->task_id)
            rc = ctx_fail(c, ERR_DB, _("The handover could not be saved."));
        else
            audit_log(c, "task.create", "ok", 0, "task", x->task_id, "handover");
        /* and a notification pointing to that task: counts, never the clients' names */
        if (rc == OK) {
            json_t *na = json_pack("{s:s,s:i,s:i,s:i}", "from", p.staff_name, "clients", x->n_clients, "tasks",
                                   x->n_tasks, "shifts", x->n_shifts);
            rc = notify_add(c, x->id, "task", "notify.handover", na, "task", x->task_id, 0);
            json_decref(na);
        }
    }
    if (rc == OK && disable) {
        if (db_run(c->db, "UPDATE staff SET disabled=1, version=version+1 WHERE id=?", "i", staff_id) != DB_OK ||
            db_run(c->db, "DELETE FROM sessions WHERE staff_id=?", "i", staff_id) != DB_OK ||
            tokens_end(c, staff_id, "disabled") != OK)
            rc = ctx_fail(c, ERR_DB, _("The handover could not be saved."));
        else
            audit_log(c, "staff.update", "ok", 0, "staff", staff_id, "disabled after handover");
    }
    if (rc == OK) {
        char sum[64];
        snprintf(sum, sizeof sum, "%zu records to %d workers%s", json_array_size(p.items), p.nrx,
                 disable ? "; account disabled" : "");
        audit_log(c, "handover.perform", "ok", 0, "staff", staff_id, sum);
        access_forget(c);
        hide_names(c, p.items, "handover.perform");
        *out = plan_json(&p, disable, 1);
    }
    plan_free(&p);
    return rc;
}


/* ---- the descriptor ---- */

static const struct res_field handover_fields[] = { /* one record held (a row of the lists) */
    {"kind", FT_STRING, 0, N_("Kind")}, /* episode, team_member, task, oncall, referral */
    {"id", FT_INT, 0, N_("Record")},
    {"client_id", FT_INT, 1, N_("Client")},
    {"given_name", FT_STRING, 1, N_("Given name")}, /* null: a client the reader may not find */
    {"family_name", FT_STRING, 1, N_("Family name")},
    {"client_hidden", FT_BOOL, 0, N_("Client not shown")},
    {"what", FT_STRING, 1, N_("What")}, /* the programme, the place on the team, the task, the shift's start */
    {"until", FT_STRING, 1, N_("Until")},
    {"staff_id", FT_INT, 0, N_("Held by")},
    {"staff_name", FT_STRING, 0, N_("Held by")},
    {"username", FT_STRING, 0, N_("Username")},
    {"staff_role", FT_STRING, 0, N_("Role")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"to", FT_INT, 1, N_("Handed to")}, /* in a handover */
    {"to_name", FT_STRING, 1, N_("Handed to")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit handover_actions[] = {
    {"handover.preview", ACT_READ},
    {"handover.perform", ACT_CREATE},
    {"handover.move", ACT_CREATE}, /* one record handed over, on its client */
    {"handover.check", ACT_LIST},
    {NULL, 0},
};
static const char *const handover_tables[] = {NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule handover_access[] = {
    /* handing over a leaving worker's work, and the check of disabled accounts: supervisors (their own
     * organisation's, a rule on the record) and administrators */
    {RES_HANDOVER, ACT_READ, NONE, SUP | ADM, A},
    {RES_HANDOVER, ACT_CREATE, NONE, SUP | ADM, A},
    {RES_HANDOVER, ACT_LIST, NONE, SUP | ADM, A},
    {0}};
const struct resource res_handover = {
    .access = handover_access,
    .id = RES_HANDOVER, .name = "handover", .label = N_("Handover"), .plural = N_("Handovers"),
    RESOURCE_OF(handover)};
RESOURCE_REGISTER(res_handover);
