/* peer: what peer supporters do (issue 11 §4). Peer activities (an accompaniment, a group activity
 * with several clients, a recovery conversation) recorded by the peer supporter, shown on each
 * client's record to those the table lets read them, each reader seeing only the clients they may
 * see; and supervision sessions between a peer supporter and a supervisor of their organisation,
 * for the peer's own development, never attached to a client. */
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

const char *const peer_activity_kinds[] = {"accompaniment", "group", "recovery_conversation", NULL};
const char *const peer_accompany_to[] = {"clinic", "benefits_office", "landlord", "other", NULL};

#define MAX_CLIENTS 30

#define ACT_COLS                                                                                             \
    "SELECT a.id, a.org_id, a.staff_id, s.display_name AS staff_name, a.kind, a.accompany_to, a.at,"       \
    " a.duration_min, a.place, a.summary, a.created_at FROM peer_activities a JOIN staff s ON s.id=a.staff_id"

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* The activity's clients that the reader may see (the table's read of peer activities on that
 * client), as [{id, given_name, family_name}]; clients_hidden: how many others it has. The ids
 * shown go to *shown (may be NULL). */
static void with_clients(struct ctx *c, json_t *r, json_t *shown)
{
    json_t *all = db_rows(c->db,
                          "SELECT k.id, k.given_name, k.family_name, k.name_order FROM peer_activity_clients p JOIN clients k"
                          " ON k.id=p.client_id WHERE p.activity_id=? ORDER BY k.family_name, k.given_name, k.id",
                          "i", iget(r, "id"));
    json_t *seen = json_array();
    int hidden = 0;
    size_t i;
    json_t *x;
    json_array_foreach(all, i, x)
    {
        if (access_may(c, RES_PEER_ACTIVITY, ACT_READ, iget(x, "id"))) {
            json_array_append(seen, x);
            if (shown)
                json_array_append_new(shown, json_integer(iget(x, "id")));
        } else
            hidden++;
    }
    json_decref(all);
    json_object_set_new(r, "clients", seen);
    json_object_set_new(r, "clients_hidden", json_integer(hidden));
}

/* The client ids of in.client_ids: 1..MAX_CLIENTS distinct existing clients, into ids; the count, or
 * -1 after a field error. */
static int read_clients(struct ctx *c, json_t *in, int64_t ids[MAX_CLIENTS])
{
    json_t *v = json_object_get(in, "client_ids");
    if (!json_is_array(v) || json_array_size(v) < 1 || json_array_size(v) > MAX_CLIENTS) {
        ctx_field(c, "client_ids", _("must list 1 to 30 clients"));
        return -1;
    }
    int n = 0;
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x)
    {
        int64_t id = json_is_integer(x) ? json_integer_value(x) : 0;
        for (int j = 0; j < n && id; j++)
            if (ids[j] == id) {
                ctx_field(c, "client_ids", _("names a client twice"));
                return -1;
            }
        if (id < 1 || db_int1(c->db, 0, "SELECT 1 FROM clients WHERE id=?", "i", id) != 1) {
            ctx_field(c, "client_ids", _("names a client that does not exist"));
            return -1;
        }
        ids[n++] = id;
    }
    return n;
}

int peer_activity_create(struct ctx *c, json_t *in, json_t **out)
{
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    int64_t ids[MAX_CLIENTS];
    int n = read_clients(c, in, ids);
    if (n < 0)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    /* Recorded for each client only by those the table lets record it there (the peer supporter
     * assigned to every one of them); one refusal refuses the whole activity. */
    for (int i = 0; i < n; i++) {
        int rc = access_check(c, RES_PEER_ACTIVITY, ACT_CREATE, ids[i], "peer_activity.create");
        if (rc != OK)
            return rc;
    }
    const char *kind = v_str(c, in, "kind", 1, 32, peer_activity_kinds);
    const char *to = v_str(c, in, "accompany_to", 0, 32, peer_accompany_to);
    if (kind && str_eq(kind, "accompaniment") && !(to && *to))
        ctx_field(c, "accompany_to", _("say where the client was accompanied: a clinic, a benefits office, a landlord or elsewhere"));
    else if (kind && !str_eq(kind, "accompaniment") && to && *to)
        ctx_field(c, "accompany_to", _("is only for an accompaniment"));
    if (kind && str_eq(kind, "group") && n < 2)
        ctx_field(c, "client_ids", _("a group activity has at least two clients"));
    const char *s = v_time(c, in, "at", 1);
    char at[32] = "";
    if (s) {
        int64_t t = iso_parse(s);
        if (t > now_epoch() + 24 * 3600)
            ctx_field(c, "at", _("cannot be more than a day in the future"));
        else
            iso_time(t, at);
    }
    int64_t minutes = v_int(c, in, "duration_min", 1, 1, 1440, 0);
    const char *place = v_str(c, in, "place", 1, 200, NULL);
    const char *summary = v_str(c, in, "summary", 1, 2000, NULL);
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    char now[32];
    iso_now(now);
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO peer_activities(org_id, staff_id, kind, accompany_to, at, duration_min,"
                              " place, summary, created_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
                              "iitttittt", c->a->org_id, c->a->staff_id, kind, to && *to ? to : NULL, at,
                              minutes, place, summary, now);
    if (!id)
        return ctx_fail(c, ERR_DB, _("The activity could not be saved."));
    for (int i = 0; i < n; i++) {
        if (db_run(c->db, "INSERT INTO peer_activity_clients(activity_id, client_id) VALUES (?,?)", "ii", id,
                   ids[i]) != DB_OK)
            return ctx_fail(c, ERR_DB, _("The activity could not be saved."));
        audit_log(c, "peer_activity.create", "ok", ids[i], "peer_activity", id, NULL);
    }
    json_t *r = db_row(c->db, ACT_COLS " WHERE a.id=?", "i", id);
    with_clients(c, r, NULL);
    *out = r;
    return OK;
}

int peer_activity_get(struct ctx *c, int64_t id, json_t **out)
{
    json_t *r = db_row(c->db, ACT_COLS " WHERE a.id=?", "i", id);
    if (!r)
        return ctx_fail(c, ERR_NOTFOUND, _("No such activity."));
    /* Readable through any of its clients: checked (and a refusal audited) on the first one when
     * the reader may see none of them. */
    json_t *shown = json_array();
    with_clients(c, r, shown);
    int rc = OK;
    if (!json_array_size(shown)) {
        int64_t first = db_int1(c->db, 0, "SELECT min(client_id) FROM peer_activity_clients WHERE activity_id=?",
                                "i", id);
        rc = access_check(c, RES_PEER_ACTIVITY, ACT_READ, first, "peer_activity.read");
        if (rc == OK) /* allowed meanwhile: never shown without a client */
            rc = access_deny(c, RES_PEER_ACTIVITY, ACT_READ, first, "peer_activity.read", "peer_activity", id, NULL);
    } else {
        size_t i;
        json_t *x;
        json_array_foreach(shown, i, x)
        {
            access_check(c, RES_PEER_ACTIVITY, ACT_READ, json_integer_value(x), "peer_activity.read");
            audit_log(c, "peer_activity.read", "ok", json_integer_value(x), "peer_activity", id, NULL);
        }
    }
    json_decref(shown);
    if (rc != OK) {
        json_decref(r);
        return rc;
    }
    *out = r;
    return OK;
}

int peer_activity_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_PEER_ACTIVITY, ACT_LIST, client_id, "peer_activity.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.at", 1}, {"p.id", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out,
                    ACT_COLS " WHERE a.id IN (SELECT activity_id FROM peer_activity_clients WHERE client_id=?)", "i",
                    client_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) with_clients(c, r, NULL);
    audit_log(c, "peer_activity.list", "ok", client_id, "peer_activity", 0, NULL);
    return OK;
}

int peer_activity_mine(struct ctx *c, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_PEER_ACTIVITY, ACT_LIST, 0, "peer_activity.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.at", 1}, {"p.id", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out, ACT_COLS " WHERE a.staff_id=?", "i", c->a->staff_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r, *shown = json_array();
    json_array_foreach(json_object_get(*out, "items"), i, r) with_clients(c, r, shown);
    /* the clients the list showed, in the audit record's detail (each one's access report) */
    json_t *items = json_array(), *x;
    json_array_foreach(shown, i, x) json_array_append_new(items, json_pack("{s:O}", "id", x));
    json_decref(shown);
    audit_log_shown(c, "peer_activity.list", "peer_activity", items);
    c->pend[c->npend - 1].purpose = "care"; /* the peer's own work, not a search */
    json_decref(items);
    return OK;
}

/* ---- supervision sessions ---- */

#define SUP_COLS                                                                                             \
    "SELECT v.id, v.org_id, v.peer_id, p.display_name AS peer_name, v.supervisor_id,"                       \
    " s.display_name AS supervisor_name, v.held_on, v.topics, v.went_well, v.to_develop, v.next_on,"        \
    " v.recorded_by, v.created_at FROM peer_supervisions v JOIN staff p ON p.id=v.peer_id"                  \
    " JOIN staff s ON s.id=v.supervisor_id"

/* The rule on the record: the peer supporter it is about, and the supervisors of their organisation. */
static int sees_session(struct ctx *c, json_t *v)
{
    return iget(v, "peer_id") == c->a->staff_id ||
           (c->a->role == ROLE_SUPERVISOR && iget(v, "org_id") == c->a->org_id);
}

int peer_supervision_create(struct ctx *c, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_PEER_SUPERVISION, ACT_CREATE, 0, "peer_supervision.create");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    /* A peer supporter records their own session with a supervisor; a supervisor one with a peer
     * supporter of their organisation. */
    int self_peer = c->a->role == ROLE_PEER;
    int64_t peer = self_peer ? c->a->staff_id : v_int(c, in, "peer_id", 1, 1, INT64_MAX, 0);
    int64_t sup = self_peer ? v_int(c, in, "supervisor_id", 1, 1, INT64_MAX, 0) : c->a->staff_id;
    if (!self_peer && peer &&
        db_int1(c->db, 0, "SELECT 1 FROM staff WHERE id=? AND org_id=? AND role='peer_supporter' AND disabled=0",
                "ii", peer, c->a->org_id) != 1)
        ctx_field(c, "peer_id", _("is not a peer supporter of your organisation"));
    if (self_peer && sup &&
        db_int1(c->db, 0, "SELECT 1 FROM staff WHERE id=? AND org_id=? AND role='supervisor' AND disabled=0", "ii",
                sup, c->a->org_id) != 1)
        ctx_field(c, "supervisor_id", _("is not a supervisor of your organisation"));
    const char *held = v_date(c, in, "held_on", 1);
    const char *topics = v_str(c, in, "topics", 1, 1000, NULL);
    const char *well = v_str(c, in, "went_well", 0, 2000, NULL);
    const char *develop = v_str(c, in, "to_develop", 0, 2000, NULL);
    const char *next = v_date(c, in, "next_on", 0);
    char today[16];
    iso_today(today);
    if (held && *held && strcmp(held, today) > 0)
        ctx_field(c, "held_on", _("cannot be in the future"));
    if (held && next && *next && strcmp(next, held) <= 0)
        ctx_field(c, "next_on", _("must be after the session"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    char now[32];
    iso_now(now);
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO peer_supervisions(org_id, peer_id, supervisor_id, held_on, topics,"
                              " went_well, to_develop, next_on, recorded_by, created_at)"
                              " VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
                              "iiitttttit", c->a->org_id, peer, sup, held, topics, well && *well ? well : NULL,
                              develop && *develop ? develop : NULL, next && *next ? next : NULL, c->a->staff_id,
                              now);
    if (!id)
        return ctx_fail(c, ERR_DB, _("The session could not be saved."));
    audit_log(c, "peer_supervision.create", "ok", 0, "peer_supervision", id, NULL);
    *out = db_row(c->db, SUP_COLS " WHERE v.id=?", "i", id);
    return OK;
}

int peer_supervision_get(struct ctx *c, int64_t id, json_t **out)
{
    json_t *v = db_row(c->db, SUP_COLS " WHERE v.id=?", "i", id);
    if (!v)
        return ctx_fail(c, ERR_NOTFOUND, _("No such supervision session."));
    int rc = access_check(c, RES_PEER_SUPERVISION, ACT_READ, 0, "peer_supervision.read");
    if (rc == OK && !sees_session(c, v))
        rc = access_deny(c, RES_PEER_SUPERVISION, ACT_READ, 0, "peer_supervision.read", "peer_supervision", id,
                         _("Only the peer supporter and the supervisors of their organisation see a supervision session."));
    if (rc != OK) {
        json_decref(v);
        return rc;
    }
    audit_log(c, "peer_supervision.read", "ok", 0, "peer_supervision", id, NULL);
    *out = v;
    return OK;
}

int peer_supervision_list(struct ctx *c, int64_t peer_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_PEER_SUPERVISION, ACT_LIST, 0, "peer_supervision.list");
    if (rc != OK)
        return rc;
    /* A peer supporter: their own sessions; a supervisor: their organisation's (peer_id: one peer's). */
    static const struct page_key order[] = {{"p.held_on", 1}, {"p.id", 1}, {NULL, 0}};
    if (c->a->role == ROLE_SUPERVISOR)
        rc = page_query(c, pg, order, out, SUP_COLS " WHERE v.org_id=? AND (?=0 OR v.peer_id=?)", "iii", c->a->org_id,
                        peer_id, peer_id);
    else
        rc = page_query(c, pg, order, out, SUP_COLS " WHERE v.peer_id=?", "i", c->a->staff_id);
    if (rc != OK)
        return rc;
    audit_log(c, "peer_supervision.list", "ok", 0, "peer_supervision", 0, NULL);
    return OK;
}

/* ---- the descriptors ---- */

static const struct res_field peer_activity_client_fields[] = {
    {"id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 0, N_("Given name")},
    {"family_name", FT_STRING, 0, N_("Family name")},
    {NULL, 0, 0, NULL},
};
static const struct res_field peer_activity_fields[] = {
    {"id", FT_INT, 0, N_("Peer activity")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"staff_id", FT_INT, 0, N_("Peer supporter")},
    {"staff_name", FT_STRING, 0, N_("Peer supporter")},
    {"kind", FT_STRING, 0, N_("Kind of activity")}, /* accompaniment, group, recovery_conversation */
    {"accompany_to", FT_STRING, 1, N_("Accompanied to")}, /* clinic, benefits_office, landlord, other */
    {"at", FT_DATETIME, 0, N_("When")},
    {"duration_min", FT_INT, 0, N_("Minutes")},
    {"place", FT_STRING, 0, N_("Where")},
    {"summary", FT_STRING, 0, N_("What happened")},
    {"created_at", FT_DATETIME, 0, N_("Recorded")},
    {"clients", FT_ARRAY, 0, N_("Clients"), peer_activity_client_fields}, /* those the reader may see */
    {"clients_hidden", FT_INT, 0, N_("Other clients")},                  /* how many the reader may not */
    {NULL, 0, 0, NULL},
};
static const struct res_audit peer_activity_actions[] = {
    {"peer_activity.create", ACT_CREATE},
    {"peer_activity.read", ACT_READ},
    {"peer_activity.list", ACT_LIST},
    {NULL, 0},
};
static const char *const peer_activity_tables[] = {"peer_activities", "peer_activity_clients", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule peer_activity_access[] = {
    /* recorded by the peer supporter assigned to each of its clients; read on a client's record by
     * that peer supporter and by the case managers and supervisors of the client's care team; the
     * peer's own list is a question without a client (NONE) */
    {RES_PEER_ACTIVITY, ACT_CREATE, PEER, PS, A},
    {RES_PEER_ACTIVITY, ACT_LIST, PEER, PS, A},
    {RES_PEER_ACTIVITY, ACT_LIST, TEAM, SUP | CM, A},
    {RES_PEER_ACTIVITY, ACT_LIST, NONE, PS, A},
    {RES_PEER_ACTIVITY, ACT_READ, PEER, PS, A},
    {RES_PEER_ACTIVITY, ACT_READ, TEAM, SUP | CM, A},
    {0}};
const struct resource res_peer_activity = {
    .access = peer_activity_access,
    .id = RES_PEER_ACTIVITY, .name = "peer_activity", .label = N_("Peer activity"),
    .plural = N_("Peer activities"), RESOURCE_OF(peer_activity)};
RESOURCE_REGISTER(res_peer_activity);

static const struct res_field peer_supervision_fields[] = {
    {"id", FT_INT, 0, N_("Supervision session")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"peer_id", FT_INT, 0, N_("Peer supporter")},
    {"peer_name", FT_STRING, 0, N_("Peer supporter")},
    {"supervisor_id", FT_INT, 0, N_("Supervisor")},
    {"supervisor_name", FT_STRING, 0, N_("Supervisor")},
    {"held_on", FT_DATE, 0, N_("Date")},
    {"topics", FT_STRING, 0, N_("Topics")},
    {"went_well", FT_STRING, 1, N_("What went well")},
    {"to_develop", FT_STRING, 1, N_("What to develop")},
    {"next_on", FT_DATE, 1, N_("Next session")},
    {"recorded_by", FT_INT, 0, N_("Recorded by")},
    {"created_at", FT_DATETIME, 0, N_("Recorded")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit peer_supervision_actions[] = {
    {"peer_supervision.create", ACT_CREATE},
    {"peer_supervision.read", ACT_READ},
    {"peer_supervision.list", ACT_LIST},
    {NULL, 0},
};
static const char *const peer_supervision_tables[] = {"peer_supervisions", NULL};
static const struct access_rule peer_supervision_access[] = {
    /* a peer supporter's development, never a client's: the peer supporter (their own) and the
     * supervisors of their organisation (a rule on the record: peer_supervision_get) */
    {RES_PEER_SUPERVISION, ACT_CREATE, NONE, SUP | PS, A},
    {RES_PEER_SUPERVISION, ACT_LIST, NONE, SUP | PS, A},
    {RES_PEER_SUPERVISION, ACT_READ, NONE, SUP | PS, A},
    {0}};
const struct resource res_peer_supervision = {
    .access = peer_supervision_access,
    .id = RES_PEER_SUPERVISION, .name = "peer_supervision", .label = N_("Supervision session"),
    .plural = N_("Supervision sessions"), RESOURCE_OF(peer_supervision)};
RESOURCE_REGISTER(res_peer_supervision);
