/* conference: case conferences (issue 11 §3). A conference has a general part (when, the organising
 * organisation, the organiser, the staff and the guests without accounts who take part, whether they
 * came) and a part per client discussed (the question brought, the discussion, the decisions). The
 * general part is its participants' and its organisation's supervisors' (a rule on the record); the
 * part about a client is decided by the access table on that client, like a note, so a participant
 * who may not see a client never reads what was said about them. A decision becomes a task or a
 * care-plan change whose source is "conference N"; the decision keeps what it became. A guest's
 * presence is audited on every client discussed ("conference.guest"), so the client's access report
 * shows that, say, a lawyer heard them discussed. */
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONF_COLS                                                                                           \
    "SELECT f.id, f.org_id, o.name AS organisation, f.organiser, s.display_name AS organiser_name,"         \
    " f.held_at, f.held_epoch, f.title, f.purpose, f.created_at, f.version FROM conferences f"             \
    " JOIN orgs o ON o.id=f.org_id JOIN staff s ON s.id=f.organiser"

#define ITEM_COLS                                                                                           \
    "SELECT i.id, i.conference_id, i.client_id, c.given_name, c.family_name, c.name_order, i.question, i.summary,"        \
    " i.added_by, a.display_name AS added_by_name, i.added_at, i.updated_by, u.display_name AS"            \
    " updated_by_name, i.updated_at, i.version FROM conference_clients i JOIN clients c ON c.id=i.client_id" \
    " JOIN staff a ON a.id=i.added_by LEFT JOIN staff u ON u.id=i.updated_by"

enum { TEXT_TITLE = 200, TEXT_NAME = 200, TEXT_LONG = 4000, TEXT_DECISION = 1000, MAX_PEOPLE = 50 };

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* "conference 12": where a task or a plan version came from. */
static void source_of(int64_t conference_id, char *out, size_t len)
{
    snprintf(out, len, "conference %lld", (long long)conference_id);
}

/* ---- who may see and change the general part (the rule on the record) ---- */

static int is_participant(struct db *db, int64_t conference_id, int64_t staff_id)
{
    return db_int1(db, 0, "SELECT 1 FROM conference_staff WHERE conference_id=? AND staff_id=?", "ii", conference_id,
                   staff_id) != 0;
}

/* A staff participant, or a supervisor of the organising organisation. */
static int takes_part(struct ctx *c, json_t *conf)
{
    if (!c->a)
        return 0;
    if (c->a->role == ROLE_SUPERVISOR && c->a->org_id == iget(conf, "org_id"))
        return 1;
    return is_participant(c->db, iget(conf, "id"), c->a->staff_id);
}

static const char *not_yours(void)
{
    return _("Only the conference's participants and its organisation's supervisors see it.");
}

/* ---- shapes ---- */

/* null, true or false from a stored attendance (NULL, 1, 0). */
static void attendance_shape(json_t *rows)
{
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        json_t *a = json_object_get(r, "attended");
        json_object_set_new(r, "attended", json_is_integer(a) ? json_boolean(json_integer_value(a)) : json_null());
    }
}

static int by_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* The general part: the conference row with its staff and guests; with clients, the clients the
 * actor may see the part of (clients) and how many others (clients_hidden). *shown: the ids of the
 * clients named (for the audit record), or NULL. */
static void general_shape(struct ctx *c, json_t *conf, int with_clients, json_t **shown)
{
    int64_t id = iget(conf, "id");
    json_object_set_new(conf, "upcoming", json_boolean(iget(conf, "held_epoch") >= now_epoch()));
    json_object_del(conf, "held_epoch");
    json_t *staff = db_rows(c->db,
                            "SELECT p.staff_id, s.display_name AS name, s.role, o.name AS organisation, p.attended"
                            " FROM conference_staff p JOIN staff s ON s.id=p.staff_id JOIN orgs o ON o.id=s.org_id"
                            " WHERE p.conference_id=? ORDER BY p.id",
                            "i", id);
    attendance_shape(staff);
    json_object_set_new(conf, "staff", staff);
    json_t *guests = db_rows(c->db,
                             "SELECT id, name, role, organisation, attended FROM conference_guests WHERE"
                             " conference_id=? ORDER BY id",
                             "i", id);
    attendance_shape(guests);
    json_object_set_new(conf, "guests", guests);
    if (!with_clients)
        return;
    json_t *all = db_rows(c->db,
                          "SELECT i.id AS item_id, i.client_id, c.given_name, c.family_name FROM conference_clients i"
                          " JOIN clients c ON c.id=i.client_id WHERE i.conference_id=? ORDER BY i.id",
                          "i", id);
    json_t *seen = json_array();
    int64_t hidden = 0;
    size_t i;
    json_t *r;
    json_array_foreach(all, i, r)
    {
        if (access_may(c, RES_CONFERENCE_CLIENT, ACT_READ, iget(r, "client_id")))
            json_array_append(seen, r);
        else
            hidden++;
    }
    json_decref(all);
    if (shown)
        *shown = json_incref(seen);
    json_object_set_new(conf, "clients", seen);
    json_object_set_new(conf, "clients_hidden", json_integer(hidden));
    json_object_set_new(conf, "may_change", json_boolean(access_may(c, RES_CONFERENCE, ACT_UPDATE, 0) &&
                                                             takes_part(c, conf)));
}

static json_t *conf_load(struct db *db, int64_t id)
{
    return db_row(db, CONF_COLS " WHERE f.id=?", "i", id);
}

/* The part about one client, with its decisions (each with what it became) and, under conference,
 * the general part without the other clients. */
static json_t *item_load(struct ctx *c, int64_t item_id)
{
    json_t *it = db_row(c->db, ITEM_COLS " WHERE i.id=?", "i", item_id);
    if (!it)
        return NULL;
    json_t *ds = db_rows(c->db,
                         "SELECT d.id, d.text, d.made_by, s.display_name AS made_by_name, d.made_at, d.task_id,"
                         " t.title AS task_title, t.due AS task_due, t.status AS task_status, t.assignee AS"
                         " task_assignee, a.display_name AS task_assignee_name, d.plan_id, d.plan_version,"
                         " d.acted_by, d.acted_at FROM conference_decisions d JOIN staff s ON s.id=d.made_by"
                         " LEFT JOIN tasks t ON t.id=d.task_id LEFT JOIN staff a ON a.id=t.assignee"
                         " WHERE d.item_id=? ORDER BY d.id",
                         "i", item_id);
    size_t i;
    json_t *d;
    json_array_foreach(ds, i, d)
    {
        const char *became = !json_is_null(json_object_get(d, "task_id"))   ? "task"
                             : !json_is_null(json_object_get(d, "plan_id")) ? "plan_change"
                                                                            : NULL;
        json_object_set_new(d, "became", became ? json_string(became) : json_null());
    }
    json_object_set_new(it, "decisions", ds);
    json_t *conf = conf_load(c->db, iget(it, "conference_id"));
    if (conf)
        general_shape(c, conf, 0, NULL);
    json_object_set_new(it, "conference", conf ? conf : json_null());
    char src[40];
    source_of(iget(it, "conference_id"), src, sizeof src);
    json_object_set_new(it, "source", json_string(src));
    return it;
}

/* ---- the general part ---- */

/* The audit record of a read of the general part: the clients it named in its detail (and in
 * audit_clients), so that each client's access report lists it. */
static void audit_general(struct ctx *c, const char *action, int64_t id, json_t *shown)
{
    audit_log(c, action, "ok", 0, "conference", id, NULL);
    size_t n = json_array_size(shown), i;
    if (!n)
        return;
    struct audit_rec *r = &c->pend[c->npend - 1];
    r->clients = xmalloc(n * sizeof *r->clients);
    json_t *x;
    json_array_foreach(shown, i, x) r->clients[r->nclients++] = iget(x, "client_id");
    qsort(r->clients, (size_t)r->nclients, sizeof *r->clients, by_id);
    int k = 0;
    for (int j = 0; j < r->nclients; j++)
        if (!k || r->clients[k - 1] != r->clients[j])
            r->clients[k++] = r->clients[j];
    r->nclients = k;
}

/* The conference after a change, as the actor sees it. */
static int answer_conference(struct ctx *c, int64_t id, json_t **out)
{
    json_t *conf = conf_load(c->db, id);
    if (!conf)
        return ctx_fail(c, ERR_DB, "%s", _("The conference could not be read."));
    json_t *shown = NULL;
    general_shape(c, conf, 1, &shown);
    json_decref(shown);
    *out = conf;
    return OK;
}

/* An active staff member who may take part (any organisation; not an analyst); 0 when not. */
static int staff_may_join(struct db *db, int64_t staff_id)
{
    return db_int1(db, 0, "SELECT 1 FROM staff WHERE id=? AND disabled=0 AND role<>'analyst'", "i", staff_id) != 0;
}

/* A guest {name, role, organisation} read from g (field names under prefix: "guests[0]."). */
static int guest_fields(struct ctx *c, json_t *g, const char *prefix, const char **name, const char **role,
                        const char **org)
{
    char f[48];
    if (!json_is_object(g)) {
        snprintf(f, sizeof f, "%.*s", (int)(strlen(prefix) ? strlen(prefix) - 1 : 0), prefix);
        ctx_field(c, *f ? f : "guest", _("must be an object {name, role, organisation}"));
        return 0;
    }
    int before = c->errors ? (int)json_object_size(c->errors) : 0;
    json_t *in = json_object();
    json_t *v;
    const char *k;
    json_object_foreach(g, k, v)
    {
        snprintf(f, sizeof f, "%s%s", prefix, k);
        json_object_set(in, f, v);
    }
    snprintf(f, sizeof f, "%sname", prefix);
    const char *n = v_str(c, in, f, 1, TEXT_NAME, NULL);
    snprintf(f, sizeof f, "%srole", prefix);
    const char *r = v_str(c, in, f, 1, TEXT_NAME, NULL);
    snprintf(f, sizeof f, "%sorganisation", prefix);
    const char *o = v_str(c, in, f, 0, TEXT_NAME, NULL);
    if (n && !v_text_chars(n)) {
        snprintf(f, sizeof f, "%sname", prefix);
        ctx_field(c, f, _("is required"));
    }
    if (r && !v_text_chars(r)) {
        snprintf(f, sizeof f, "%srole", prefix);
        ctx_field(c, f, _("is required"));
    }
    /* the strings live in g (the same json_t values) */
    *name = n, *role = r, *org = o && *o ? o : NULL;
    json_decref(in);
    return (c->errors ? (int)json_object_size(c->errors) : 0) == before;
}

/* The audit record of a guest's presence on every client discussed. */
static void audit_guest_on(struct ctx *c, int64_t conference_id, int64_t client_id, const char *name, const char *role,
                           const char *org)
{
    char why[600];
    snprintf(why, sizeof why, "guest %s, %s%s%s%s at conference %lld", name, role, org ? " (" : "", org ? org : "",
             org ? ")" : "", (long long)conference_id);
    audit_log(c, "conference.guest", "ok", client_id, "conference", conference_id, why);
}

static int64_t insert_guest(struct ctx *c, int64_t conference_id, const char *name, const char *role, const char *org,
                            const char *now)
{
    int64_t gid = db_insert_id(c->db,
                               "INSERT INTO conference_guests(conference_id, name, role, organisation, added_by,"
                               " added_at) VALUES (?,?,?,?,?,?) RETURNING id",
                               "itttit", conference_id, name, role, org, c->a->staff_id, now);
    if (!gid)
        return 0;
    json_t *clients =
        db_rows(c->db, "SELECT client_id FROM conference_clients WHERE conference_id=? ORDER BY id", "i", conference_id);
    size_t i;
    json_t *r;
    json_array_foreach(clients, i, r) audit_guest_on(c, conference_id, iget(r, "client_id"), name, role, org);
    json_decref(clients);
    return gid;
}

int conference_create(struct ctx *c, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_CONFERENCE, ACT_CREATE, 0, "conference.create");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    const char *held = v_time(c, in, "held_at", 1);
    const char *title = v_str(c, in, "title", 1, TEXT_TITLE, NULL);
    const char *purpose = v_str(c, in, "purpose", 0, TEXT_LONG, NULL);
    if (title && !v_text_chars(title))
        ctx_field(c, "title", _("is required"));
    json_t *staff = json_object_get(in, "staff"), *guests = json_object_get(in, "guests");
    if (staff && !json_is_null(staff) && (!json_is_array(staff) || json_array_size(staff) > MAX_PEOPLE))
        ctx_field(c, "staff", _("must list at most 50 staff members (their ids)"));
    if (guests && !json_is_null(guests) && (!json_is_array(guests) || json_array_size(guests) > MAX_PEOPLE))
        ctx_field(c, "guests", _("must list at most 50 guests"));
    size_t i;
    json_t *v;
    json_t *ids = json_array();
    if (json_is_array(staff))
        json_array_foreach(staff, i, v)
        {
            char f[32];
            snprintf(f, sizeof f, "staff[%zu]", i);
            int64_t sid = json_is_integer(v) ? json_integer_value(v) : 0;
            int dup = sid == c->a->staff_id;
            size_t j;
            json_t *x;
            json_array_foreach(ids, j, x) dup |= json_integer_value(x) == sid;
            if (sid < 1 || !staff_may_join(c->db, sid))
                ctx_field(c, f, _("is not an active staff member who may take part"));
            else if (!dup)
                json_array_append_new(ids, json_integer(sid));
        }
    if (json_is_array(guests))
        json_array_foreach(guests, i, v)
        {
            char p[32];
            const char *n, *r, *o;
            snprintf(p, sizeof p, "guests[%zu].", i);
            guest_fields(c, v, p, &n, &r, &o);
        }
    if (c->errors) {
        json_decref(ids);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    char now[32], at[32];
    iso_now(now);
    int64_t epoch = iso_parse(held);
    iso_time(epoch, at);
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO conferences(org_id, organiser, held_at, held_epoch, title, purpose,"
                              " created_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                              "iitittt", c->a->org_id, c->a->staff_id, at, epoch, title,
                              purpose && *purpose ? purpose : NULL, now);
    if (id && db_run(c->db,
                     "INSERT INTO conference_staff(conference_id, staff_id, added_by, added_at) VALUES (?,?,?,?)",
                     "iiit", id, c->a->staff_id, c->a->staff_id, now) != DB_OK)
        id = 0;
    json_array_foreach(ids, i, v)
    {
        if (id && db_run(c->db,
                         "INSERT INTO conference_staff(conference_id, staff_id, added_by, added_at) VALUES (?,?,?,?)",
                         "iiit", id, json_integer_value(v), c->a->staff_id, now) != DB_OK)
            id = 0;
    }
    json_decref(ids);
    if (json_is_array(guests))
        json_array_foreach(guests, i, v)
        {
            const char *n = json_string_value(json_object_get(v, "name"));
            const char *r = json_string_value(json_object_get(v, "role"));
            const char *o = json_string_value(json_object_get(v, "organisation"));
            if (id && !insert_guest(c, id, n, r, o && *o ? o : NULL, now))
                id = 0;
        }
    if (!id)
        return ctx_fail(c, ERR_DB, "%s", _("The conference could not be saved."));
    audit_log(c, "conference.create", "ok", 0, "conference", id, NULL);
    return answer_conference(c, id, out);
}

/* The conference id names, for a read or a change of its general part: OK with *conf, or the
 * refusal (404, 403 audited as action). */
static int conf_for(struct ctx *c, int64_t id, enum act act, const char *action, json_t **conf)
{
    *conf = conf_load(c->db, id);
    if (!*conf)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such conference."));
    int rc = access_check(c, RES_CONFERENCE, act, 0, action);
    if (rc == OK && !takes_part(c, *conf))
        rc = access_deny(c, RES_CONFERENCE, act, 0, action, "conference", id, not_yours());
    if (rc != OK) {
        json_decref(*conf);
        *conf = NULL;
    }
    return rc;
}

int conference_get(struct ctx *c, int64_t id, json_t **out)
{
    json_t *conf;
    int rc = conf_for(c, id, ACT_READ, "conference.read", &conf);
    if (rc != OK)
        return rc;
    json_t *shown = NULL;
    general_shape(c, conf, 1, &shown);
    audit_general(c, "conference.read", id, shown);
    json_decref(shown);
    *out = conf;
    return OK;
}

int conference_list(struct ctx *c, const char *scope, const char *when, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_CONFERENCE, ACT_LIST, 0, "conference.list");
    if (rc != OK)
        return rc;
    static const char *const scopes[] = {"mine", "org", NULL};
    static const char *const whens[] = {"upcoming", "past", NULL};
    if (scope && *scope && !in_list(scopes, scope))
        ctx_field(c, "scope", _("must be mine or org"));
    if (when && *when && !in_list(whens, when))
        ctx_field(c, "when", _("must be upcoming or past"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    int org = !str_eq(scope, "mine") && c->a->role == ROLE_SUPERVISOR;
    const char *w = when && *when ? when : "";
    int64_t now = now_epoch();
    /* upcoming first, the soonest first; then the past, the newest first: (past, sortkey, id) */
    static const struct page_key order[] = {{"p.past", 0}, {"p.sortkey", 0}, {"p.id", 0}, {NULL, 0}};
    rc = page_query(c, pg, order, out,
                    "SELECT f.id, f.org_id, o.name AS organisation, f.organiser, s.display_name AS organiser_name,"
                    " f.held_at, f.title, f.purpose, f.version, CASE WHEN f.held_epoch>=? THEN 0 ELSE 1 END AS past,"
                    " CASE WHEN f.held_epoch>=? THEN f.held_epoch ELSE -f.held_epoch END AS sortkey,"
                    " (SELECT count(*) FROM conference_clients i WHERE i.conference_id=f.id) AS clients_count,"
                    " CASE WHEN EXISTS (SELECT 1 FROM conference_staff p WHERE p.conference_id=f.id AND p.staff_id=?) THEN 1"
                    " ELSE 0 END AS mine"
                    " FROM conferences f JOIN orgs o ON o.id=f.org_id JOIN staff s ON s.id=f.organiser"
                    " WHERE (EXISTS (SELECT 1 FROM conference_staff p WHERE p.conference_id=f.id AND p.staff_id=?)"
                    " OR (?=1 AND f.org_id=?)) AND (?='' OR (?='upcoming' AND f.held_epoch>=?) OR (?='past' AND"
                    " f.held_epoch<?))",
                    "iiiiiittiti", now, now, c->a->staff_id, c->a->staff_id, (int64_t)org, c->a->org_id, w, w, now,
                    w, now);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r)
    {
        json_object_set_new(r, "upcoming", json_boolean(iget(r, "past") == 0));
        json_object_set_new(r, "mine", json_boolean(iget(r, "mine") != 0));
        json_object_del(r, "past");
        json_object_del(r, "sortkey");
    }
    audit_log(c, "conference.list", "ok", 0, "conference", 0, NULL);
    return OK;
}

int conference_add_staff(struct ctx *c, int64_t id, json_t *in, json_t **out)
{
    json_t *conf;
    int rc = conf_for(c, id, ACT_UPDATE, "conference.update", &conf);
    if (rc != OK)
        return rc;
    json_decref(conf);
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    /* by id, or by username (a worker of another organisation tells theirs) */
    const char *un = json_is_string(json_object_get(in, "username")) ? v_str(c, in, "username", 0, 64, NULL) : NULL;
    int64_t sid = un && *un ? db_int1(c->db, 0, "SELECT id FROM staff WHERE username=?", "t", un)
                            : v_int(c, in, "staff_id", 1, 1, INT64_MAX, 0);
    const char *field = un && *un ? "username" : "staff_id";
    if (!c->errors && !staff_may_join(c->db, sid))
        ctx_field(c, field, _("is not an active staff member who may take part"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (is_participant(c->db, id, sid))
        return ctx_fail(c, ERR_CONFLICT, "%s", _("They already take part in this conference."));
    char now[32];
    iso_now(now);
    if (db_run(c->db, "INSERT INTO conference_staff(conference_id, staff_id, added_by, added_at) VALUES (?,?,?,?)",
               "iiit", id, sid, c->a->staff_id, now) != DB_OK ||
        db_run(c->db, "UPDATE conferences SET version=version+1 WHERE id=?", "i", id) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The participant could not be saved."));
    char why[40];
    snprintf(why, sizeof why, "staff %lld", (long long)sid);
    audit_log(c, "conference.update", "ok", 0, "conference", id, why);
    return answer_conference(c, id, out);
}

int conference_add_guest(struct ctx *c, int64_t id, json_t *in, json_t **out)
{
    json_t *conf;
    int rc = conf_for(c, id, ACT_UPDATE, "conference.update", &conf);
    if (rc != OK)
        return rc;
    json_decref(conf);
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    const char *n, *r, *o;
    if (!guest_fields(c, in, "", &n, &r, &o) || c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (db_int1(c->db, 0, "SELECT count(*) FROM conference_guests WHERE conference_id=?", "i", id) >= MAX_PEOPLE)
        return ctx_fail(c, ERR_CONFLICT, "%s", _("A conference has at most 50 guests."));
    char now[32];
    iso_now(now);
    int64_t gid = insert_guest(c, id, n, r, o, now);
    if (!gid || db_run(c->db, "UPDATE conferences SET version=version+1 WHERE id=?", "i", id) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The guest could not be saved."));
    char why[40];
    snprintf(why, sizeof why, "guest %lld", (long long)gid);
    audit_log(c, "conference.update", "ok", 0, "conference", id, why);
    return answer_conference(c, id, out);
}

/* The ids of list (in: field), each one that query (bound with the conference and the id) finds;
 * NULL after a field error. */
static json_t *ids_of(struct ctx *c, json_t *in, const char *field, int64_t id, const char *query)
{
    json_t *list = json_object_get(in, field), *ids = json_array();
    if (!list || json_is_null(list))
        return ids;
    if (!json_is_array(list) || json_array_size(list) > MAX_PEOPLE) {
        ctx_field(c, field, _("must be a list of ids"));
        json_decref(ids);
        return NULL;
    }
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v)
    {
        char f[40];
        snprintf(f, sizeof f, "%s[%zu]", field, i);
        int64_t x = json_is_integer(v) ? json_integer_value(v) : 0;
        if (x < 1 || !db_int1(c->db, 0, query, "ii", id, x))
            ctx_field(c, f, _("does not take part in this conference"));
        else
            json_array_append_new(ids, json_integer(x));
    }
    return ids;
}

int conference_attendance(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *conf;
    int rc = conf_for(c, id, ACT_UPDATE, "conference.update", &conf);
    if (rc != OK)
        return rc;
    int64_t current = iget(conf, "version");
    json_decref(conf);
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    json_t *st = ids_of(c, in, "present_staff", id,
                        "SELECT 1 FROM conference_staff WHERE conference_id=? AND staff_id=?");
    json_t *gs = ids_of(c, in, "present_guests", id, "SELECT 1 FROM conference_guests WHERE conference_id=? AND id=?");
    if (c->errors) {
        json_decref(st);
        json_decref(gs);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    if (version != current) {
        json_decref(st);
        json_decref(gs);
        return ctx_stale(c, current);
    }
    int ok = db_run(c->db, "UPDATE conference_staff SET attended=0 WHERE conference_id=?", "i", id) == DB_OK &&
             db_run(c->db, "UPDATE conference_guests SET attended=0 WHERE conference_id=?", "i", id) == DB_OK;
    size_t i;
    json_t *v;
    json_array_foreach(st, i, v) ok = ok && db_run(c->db,
                                                   "UPDATE conference_staff SET attended=1 WHERE conference_id=? AND"
                                                   " staff_id=?",
                                                   "ii", id, json_integer_value(v)) == DB_OK;
    json_array_foreach(gs, i, v) ok = ok && db_run(c->db,
                                                   "UPDATE conference_guests SET attended=1 WHERE conference_id=? AND"
                                                   " id=?",
                                                   "ii", id, json_integer_value(v)) == DB_OK;
    json_decref(st);
    json_decref(gs);
    if (!ok || db_run(c->db, "UPDATE conferences SET version=version+1 WHERE id=? AND version=?", "ii", id, version) !=
                   DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The attendance could not be saved."));
    audit_log(c, "conference.update", "ok", 0, "conference", id, "attendance");
    return answer_conference(c, id, out);
}

/* ---- the part about a client ---- */

int conference_add_client(struct ctx *c, int64_t id, json_t *in, json_t **out)
{
    json_t *conf = conf_load(c->db, id);
    if (!conf)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such conference."));
    if (!json_is_object(in)) {
        json_decref(conf);
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    }
    int64_t client_id = v_int(c, in, "client_id", 1, 1, INT64_MAX, 0);
    if (c->errors) {
        json_decref(conf);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    /* the client first (the table on that client), then the rule on the conference */
    int rc = access_check(c, RES_CONFERENCE_CLIENT, ACT_CREATE, client_id, "conference_client.create");
    if (rc == OK && !takes_part(c, conf))
        rc = access_deny(c, RES_CONFERENCE_CLIENT, ACT_CREATE, client_id, "conference_client.create", "conference",
                         id, not_yours());
    json_decref(conf);
    if (rc != OK)
        return rc;
    const char *q = v_str(c, in, "question", 1, TEXT_LONG, NULL);
    if (q && !v_text_chars(q))
        ctx_field(c, "question", _("is required"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (db_int1(c->db, 0, "SELECT 1 FROM conference_clients WHERE conference_id=? AND client_id=?", "ii", id,
                client_id))
        return ctx_fail(c, ERR_CONFLICT, "%s", _("This client is already on the conference's agenda."));
    char now[32];
    iso_now(now);
    int64_t item = db_insert_id(c->db,
                                "INSERT INTO conference_clients(conference_id, client_id, question, added_by, added_at)"
                                " VALUES (?,?,?,?,?) RETURNING id",
                                "iitit", id, client_id, q, c->a->staff_id, now);
    if (!item || db_run(c->db, "UPDATE conferences SET version=version+1 WHERE id=?", "i", id) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The client could not be added."));
    audit_log(c, "conference_client.create", "ok", client_id, "conference_client", item, NULL);
    json_t *guests =
        db_rows(c->db, "SELECT name, role, organisation FROM conference_guests WHERE conference_id=? ORDER BY id", "i", id);
    size_t i;
    json_t *g;
    json_array_foreach(guests, i, g)
    {
        const char *o = json_string_value(json_object_get(g, "organisation"));
        audit_guest_on(c, id, client_id, json_string_value(json_object_get(g, "name")),
                       json_string_value(json_object_get(g, "role")), o && *o ? o : NULL);
    }
    json_decref(guests);
    *out = item_load(c, item);
    return *out ? OK : ctx_fail(c, ERR_DB, "%s", _("The client's part could not be read."));
}

/* The item a change names: OK with *client_id, *conference_id and *version; or the refusal (404; 403
 * by the table on the client, audited as action; for a change (need_part) 403 when the actor does
 * not take part in the conference). */
static int item_for(struct ctx *c, int64_t item_id, enum act act, const char *action, int need_part, int64_t *client_id,
                    int64_t *conference_id, int64_t *version)
{
    json_t *it = db_row(c->db, "SELECT client_id, conference_id, version FROM conference_clients WHERE id=?", "i",
                        item_id);
    if (!it)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such part of a conference."));
    *client_id = iget(it, "client_id");
    *conference_id = iget(it, "conference_id");
    *version = iget(it, "version");
    json_decref(it);
    int rc = access_check(c, RES_CONFERENCE_CLIENT, act, *client_id, action);
    if (rc != OK || !need_part)
        return rc;
    json_t *conf = conf_load(c->db, *conference_id);
    int part = conf && takes_part(c, conf);
    json_decref(conf);
    if (!part)
        return access_deny(c, RES_CONFERENCE_CLIENT, act, *client_id, action, "conference_client", item_id,
                           _("Only the conference's participants and its organisation's supervisors record it."));
    return OK;
}

int conference_item_get(struct ctx *c, int64_t item_id, json_t **out)
{
    int64_t client_id, conf_id, version;
    int rc = item_for(c, item_id, ACT_READ, "conference_client.read", 0, &client_id, &conf_id, &version);
    if (rc != OK)
        return rc;
    *out = item_load(c, item_id);
    if (!*out)
        return ctx_fail(c, ERR_DB, "%s", _("The client's part could not be read."));
    audit_log(c, "conference_client.read", "ok", client_id, "conference_client", item_id, NULL);
    return OK;
}

int conference_item_update(struct ctx *c, int64_t item_id, int64_t version, json_t *in, json_t **out)
{
    int64_t client_id, conf_id, current;
    int rc = item_for(c, item_id, ACT_UPDATE, "conference_client.update", 1, &client_id, &conf_id, &current);
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    const char *q = v_str(c, in, "question", 0, TEXT_LONG, NULL);
    const char *s = v_str(c, in, "summary", 0, TEXT_LONG, NULL);
    if (q && !v_text_chars(q))
        ctx_field(c, "question", _("must not be empty"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (version != current)
        return ctx_stale(c, current);
    char now[32];
    iso_now(now);
    if (db_run(c->db,
               "UPDATE conference_clients SET question=COALESCE(?, question), summary=COALESCE(?, summary),"
               " updated_by=?, updated_at=?, version=version+1 WHERE id=? AND version=?",
               "ttitii", q, s, c->a->staff_id, now, item_id, version) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The discussion could not be saved."));
    audit_log(c, "conference_client.update", "ok", client_id, "conference_client", item_id, NULL);
    *out = item_load(c, item_id);
    return *out ? OK : ctx_fail(c, ERR_DB, "%s", _("The client's part could not be read."));
}

int conference_decide(struct ctx *c, int64_t item_id, json_t *in, json_t **out)
{
    int64_t client_id, conf_id, current;
    int rc = item_for(c, item_id, ACT_UPDATE, "conference_client.update", 1, &client_id, &conf_id, &current);
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    const char *text = v_str(c, in, "text", 1, TEXT_DECISION, NULL);
    if (text && !v_text_chars(text))
        ctx_field(c, "text", _("is required"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    char now[32];
    iso_now(now);
    int64_t d = db_insert_id(c->db,
                             "INSERT INTO conference_decisions(item_id, text, made_by, made_at) VALUES (?,?,?,?)"
                             " RETURNING id",
                             "itit", item_id, text, c->a->staff_id, now);
    if (!d || db_run(c->db, "UPDATE conference_clients SET version=version+1 WHERE id=?", "i", item_id) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The decision could not be saved."));
    char why[40];
    snprintf(why, sizeof why, "decision %lld", (long long)d);
    audit_log(c, "conference_client.update", "ok", client_id, "conference_client", item_id, why);
    *out = item_load(c, item_id);
    return *out ? OK : ctx_fail(c, ERR_DB, "%s", _("The client's part could not be read."));
}

/* The decision id names, for acting on it: OK with its item, client, conference, text and whether it
 * already became something; or the refusal. */
struct decision {
    int64_t item, client, conference, acted;
    char text[TEXT_DECISION * 4 + 1];
};
static int decision_for(struct ctx *c, int64_t id, const char *action, struct decision *d)
{
    json_t *r = db_row(c->db,
                       "SELECT d.item_id, d.text, CASE WHEN d.task_id IS NOT NULL OR d.plan_id IS NOT NULL THEN 1 ELSE 0 END"
                       " AS acted FROM"
                       " conference_decisions d WHERE d.id=?",
                       "i", id);
    if (!r)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such decision."));
    d->item = iget(r, "item_id");
    d->acted = iget(r, "acted");
    snprintf(d->text, sizeof d->text, "%s", json_string_value(json_object_get(r, "text")));
    json_decref(r);
    int64_t version;
    return item_for(c, d->item, ACT_REVIEW, action, 1, &d->client, &d->conference, &version);
}

/* A task's title from a decision's words: at most 200 bytes, cut on a character, with "…". */
static void title_of(const char *text, char *out, size_t len)
{
    size_t n = strlen(text);
    if (n < len && n <= TEXT_TITLE) {
        snprintf(out, len, "%.*s", (int)n, text);
        return;
    }
    size_t cut = TEXT_TITLE - 4 < len - 4 ? TEXT_TITLE - 4 : len - 4;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;
    snprintf(out, len, "%.*s…", (int)cut, text);
}

int conference_decision_task(struct ctx *c, int64_t decision_id, json_t *in, json_t **out)
{
    struct decision d;
    int rc = decision_for(c, decision_id, "conference_client.act", &d);
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    int64_t assignee = v_int(c, in, "assignee", 1, 1, INT64_MAX, 0);
    const char *due = v_date(c, in, "due", 1);
    const char *title = v_str(c, in, "title", 0, TEXT_TITLE, NULL);
    const char *priority = v_str(c, in, "priority", 0, 16, task_priorities);
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (d.acted)
        return ctx_fail(c, ERR_CONFLICT, "%s", _("This decision has already become a task or a plan change."));
    char t[TEXT_TITLE + 8];
    if (title && v_text_chars(title))
        snprintf(t, sizeof t, "%s", title);
    else
        title_of(d.text, t, sizeof t);
    json_t *tin = json_pack("{s:s,s:I,s:s,s:s}", "title", t, "assignee", (json_int_t)assignee, "due", due, "priority",
                            priority ? priority : "normal");
    json_t *task = NULL;
    rc = task_create(c, d.client, tin, &task);
    json_decref(tin);
    if (rc != OK)
        return rc;
    int64_t task_id = iget(task, "id");
    json_decref(task);
    char src[40], now[32];
    source_of(d.conference, src, sizeof src);
    iso_now(now);
    if (db_run(c->db, "UPDATE tasks SET source=? WHERE id=?", "ti", src, task_id) != DB_OK ||
        db_run(c->db,
               "UPDATE conference_decisions SET task_id=?, acted_by=?, acted_at=? WHERE id=? AND task_id IS NULL"
               " AND plan_id IS NULL",
               "iiti", task_id, c->a->staff_id, now, decision_id) != DB_OK ||
        db_run(c->db, "UPDATE conference_clients SET version=version+1 WHERE id=?", "i", d.item) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The task could not be saved."));
    char why[60];
    snprintf(why, sizeof why, "decision %lld: task %lld", (long long)decision_id, (long long)task_id);
    audit_log(c, "conference_client.act", "ok", d.client, "conference_client", d.item, why);
    *out = item_load(c, d.item);
    return *out ? OK : ctx_fail(c, ERR_DB, "%s", _("The client's part could not be read."));
}

/* The goals of a plan change: the body's whole set, or the plan's current goals with one step added
 * to the goal step.goal_key. A new reference, or NULL after a field error (or a refusal: rc). */
static json_t *plan_goals(struct ctx *c, int64_t plan_id, json_t *goals, json_t *step, int *rc)
{
    *rc = OK;
    if (goals)
        return json_incref(goals);
    json_t *plan = NULL;
    if ((*rc = careplan_get(c, plan_id, &plan)) != OK)
        return NULL;
    json_t *out = json_deep_copy(json_object_get(plan, "goals"));
    json_decref(plan);
    const char *gk = json_string_value(json_object_get(step, "goal_key"));
    json_t *goal = NULL, *g;
    size_t i;
    json_array_foreach(out, i, g) if (gk && str_eq(json_string_value(json_object_get(g, "key")), gk)) goal = g;
    if (!goal) {
        ctx_field(c, "step.goal_key", _("is not a goal of this plan"));
        json_decref(out);
        return NULL;
    }
    json_t *steps = json_object_get(goal, "steps");
    if (!json_is_array(steps)) {
        steps = json_array();
        json_object_set_new(goal, "steps", steps);
    }
    json_t *ns = json_deep_copy(step);
    json_object_del(ns, "goal_key");
    json_object_del(ns, "key");
    json_array_append_new(steps, ns);
    return out;
}

int conference_decision_plan(struct ctx *c, int64_t decision_id, int64_t plan_version, json_t *in, json_t **out)
{
    struct decision d;
    int rc = decision_for(c, decision_id, "conference_client.act", &d);
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    int64_t plan_id = v_int(c, in, "plan_id", 1, 1, INT64_MAX, 0);
    const char *why = v_str(c, in, "why", 0, 1000, NULL);
    json_t *goals = json_object_get(in, "goals"), *step = json_object_get(in, "step");
    if (json_is_null(goals))
        goals = NULL;
    if (json_is_null(step))
        step = NULL;
    if (plan_id && db_int1(c->db, 0, "SELECT client_id FROM care_plans WHERE id=?", "i", plan_id) != d.client)
        ctx_field(c, "plan_id", _("is not a care plan of this client"));
    if (!goals == !step)
        ctx_field(c, goals ? "step" : "goals", _("send either the plan's goals or one step to add"));
    else if (step && !json_is_object(step))
        ctx_field(c, "step", _("must be an object {goal_key, who, who_name, what, how_often, by_when}"));
    else if (step && !json_is_string(json_object_get(step, "goal_key")))
        ctx_field(c, "step.goal_key", _("is required"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    if (d.acted)
        return ctx_fail(c, ERR_CONFLICT, "%s", _("This decision has already become a task or a plan change."));
    json_t *g = plan_goals(c, plan_id, goals, step, &rc);
    if (!g)
        return rc != OK ? rc : ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    json_t *rin = json_pack("{s:o,s:s}", "goals", g, "why", why && v_text_chars(why) ? why : d.text);
    char src[40], now[32];
    source_of(d.conference, src, sizeof src);
    json_t *plan = NULL;
    rc = careplan_revise_from(c, plan_id, plan_version, rin, src, &plan);
    json_decref(rin);
    if (rc != OK)
        return rc;
    json_t *num = json_object_get(plan, "number");
    int64_t number = json_is_integer(num) ? json_integer_value(num) : iget(plan, "version");
    json_decref(plan);
    iso_now(now);
    if (db_run(c->db,
               "UPDATE conference_decisions SET plan_id=?, plan_version=?, acted_by=?, acted_at=? WHERE id=? AND"
               " task_id IS NULL AND plan_id IS NULL",
               "iiiti", plan_id, number, c->a->staff_id, now, decision_id) != DB_OK ||
        db_run(c->db, "UPDATE conference_clients SET version=version+1 WHERE id=?", "i", d.item) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The plan change could not be saved."));
    char why2[80];
    snprintf(why2, sizeof why2, "decision %lld: care plan %lld version %lld", (long long)decision_id,
             (long long)plan_id, (long long)number);
    audit_log(c, "conference_client.act", "ok", d.client, "conference_client", d.item, why2);
    *out = item_load(c, d.item);
    return *out ? OK : ctx_fail(c, ERR_DB, "%s", _("The client's part could not be read."));
}

int conference_of_client(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_CONFERENCE_CLIENT, ACT_LIST, client_id, "conference_client.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.held_at", 1}, {"p.id", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out,
                    "SELECT i.id, i.conference_id, i.client_id, f.held_at, f.title, o.name AS organisation,"
                    " i.question, (SELECT count(*) FROM conference_decisions d WHERE d.item_id=i.id) AS decisions"
                    " FROM conference_clients i JOIN conferences f ON f.id=i.conference_id JOIN orgs o ON"
                    " o.id=f.org_id WHERE i.client_id=?",
                    "i", client_id);
    if (rc != OK)
        return rc;
    audit_log(c, "conference_client.list", "ok", client_id, "conference_client", 0, NULL);
    return OK;
}

/* ---- the descriptors ---- */

static const struct res_field conference_staff_fields[] = {
    {"staff_id", FT_INT, 0, N_("Staff member")},      {"name", FT_STRING, 0, N_("Name")},
    {"role", FT_STRING, 0, N_("Role")},               {"organisation", FT_STRING, 0, N_("Organisation")},
    {"attended", FT_BOOL, 1, N_("Attended")},         {NULL, 0, 0, NULL}};
static const struct res_field conference_guest_fields[] = {
    {"id", FT_INT, 0, N_("Guest")},           {"name", FT_STRING, 0, N_("Name")},
    {"role", FT_STRING, 0, N_("Role")},       {"organisation", FT_STRING, 1, N_("Organisation")},
    {"attended", FT_BOOL, 1, N_("Attended")}, {NULL, 0, 0, NULL}};
static const struct res_field conference_seen_fields[] = {
    {"item_id", FT_INT, 0, N_("The client's part")}, {"client_id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 0, N_("Given name")},  {"family_name", FT_STRING, 0, N_("Family name")},
    {NULL, 0, 0, NULL}};
static const struct res_field conference_fields[] = {
    {"id", FT_INT, 0, N_("Conference")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"organisation", FT_STRING, 0, N_("Organisation")},
    {"organiser", FT_INT, 0, N_("Organiser")},
    {"organiser_name", FT_STRING, 0, N_("Organiser")},
    {"held_at", FT_DATETIME, 0, N_("When")},
    {"title", FT_STRING, 0, N_("Title")},
    {"purpose", FT_STRING, 1, N_("Purpose")},
    {"created_at", FT_DATETIME, 0, N_("Created")},
    {"version", FT_INT, 0, N_("Version")},
    {"upcoming", FT_BOOL, 0, N_("Upcoming")},
    {"staff", FT_ARRAY, 0, N_("Staff taking part"), conference_staff_fields},
    {"guests", FT_ARRAY, 0, N_("Guests"), conference_guest_fields},
    {"clients", FT_ARRAY, 0, N_("Clients discussed (those you may see)"), conference_seen_fields},
    {"clients_hidden", FT_INT, 0, N_("Clients discussed whom you may not see")},
    {"may_change", FT_BOOL, 0, N_("You may change it")},
    {NULL, 0, 0, NULL},
};
static const struct res_field conference_summary[] = {
    {"id", FT_INT, 0, N_("Conference")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"organisation", FT_STRING, 0, N_("Organisation")},
    {"organiser", FT_INT, 0, N_("Organiser")},
    {"organiser_name", FT_STRING, 0, N_("Organiser")},
    {"held_at", FT_DATETIME, 0, N_("When")},
    {"title", FT_STRING, 0, N_("Title")},
    {"purpose", FT_STRING, 1, N_("Purpose")},
    {"version", FT_INT, 0, N_("Version")},
    {"upcoming", FT_BOOL, 0, N_("Upcoming")},
    {"mine", FT_BOOL, 0, N_("I take part")},
    {"clients_count", FT_INT, 0, N_("Clients discussed")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit conference_actions[] = {
    {"conference.create", ACT_CREATE}, {"conference.read", ACT_READ},     {"conference.list", ACT_LIST},
    {"conference.update", ACT_UPDATE}, {NULL, 0},
};
static const char *const conference_tables[] = {"conferences", "conference_staff", "conference_guests", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule conference_access[] = {
    /* a conference concerns no one client: clinical staff organise one; staff who work with clients
     * list and read those they take part in (the rule on the record: a participant, or a supervisor
     * of the organising organisation), and clinical participants change them */
    {RES_CONFERENCE, ACT_CREATE, NONE, CLINICAL, A},
    {RES_CONFERENCE, ACT_LIST, NONE, CARE | PS, A},
    {RES_CONFERENCE, ACT_READ, NONE, CARE | PS, A},
    {RES_CONFERENCE, ACT_UPDATE, NONE, CLINICAL, A},
    {0}};
const struct resource res_conference = {
    .access = conference_access,
    .id = RES_CONFERENCE, .name = "conference", .label = N_("Case conference"), .plural = N_("Case conferences"),
    .summary = conference_summary,
    RESOURCE_OF(conference)};
RESOURCE_REGISTER(res_conference);

static const struct res_field conference_decision_fields[] = {
    {"id", FT_INT, 0, N_("Decision")},
    {"text", FT_STRING, 0, N_("Decision")},
    {"made_by", FT_INT, 0, N_("Recorded by")},
    {"made_by_name", FT_STRING, 0, N_("Recorded by")},
    {"made_at", FT_DATETIME, 0, N_("Recorded")},
    {"became", FT_STRING, 1, N_("Became")}, /* task, plan_change or null */
    {"task_id", FT_INT, 1, N_("Task")},
    {"task_title", FT_STRING, 1, N_("Task")},
    {"task_due", FT_DATE, 1, N_("Due")},
    {"task_status", FT_STRING, 1, N_("Task status")},
    {"task_assignee", FT_INT, 1, N_("Assigned to")},
    {"task_assignee_name", FT_STRING, 1, N_("Assigned to")},
    {"plan_id", FT_INT, 1, N_("Care plan")},
    {"plan_version", FT_INT, 1, N_("Plan version")},
    {"acted_by", FT_INT, 1, N_("Acted on by")},
    {"acted_at", FT_DATETIME, 1, N_("Acted on")},
    {NULL, 0, 0, NULL}};
static const struct res_field conference_general_fields[] = {
    {"id", FT_INT, 0, N_("Conference")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"organisation", FT_STRING, 0, N_("Organisation")},
    {"organiser", FT_INT, 0, N_("Organiser")},
    {"organiser_name", FT_STRING, 0, N_("Organiser")},
    {"held_at", FT_DATETIME, 0, N_("When")},
    {"title", FT_STRING, 0, N_("Title")},
    {"purpose", FT_STRING, 1, N_("Purpose")},
    {"upcoming", FT_BOOL, 0, N_("Upcoming")},
    {"staff", FT_ARRAY, 0, N_("Staff taking part"), conference_staff_fields},
    {"guests", FT_ARRAY, 0, N_("Guests"), conference_guest_fields},
    {NULL, 0, 0, NULL}};
static const struct res_field conference_client_fields[] = {
    {"id", FT_INT, 0, N_("The client's part")},
    {"conference_id", FT_INT, 0, N_("Conference")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 0, N_("Given name")},
    {"family_name", FT_STRING, 0, N_("Family name")},
    {"question", FT_STRING, 0, N_("Question brought")},
    {"summary", FT_STRING, 1, N_("Discussion")},
    {"added_by", FT_INT, 0, N_("Brought by")},
    {"added_by_name", FT_STRING, 0, N_("Brought by")},
    {"added_at", FT_DATETIME, 0, N_("Brought")},
    {"updated_by", FT_INT, 1, N_("Updated by")},
    {"updated_by_name", FT_STRING, 1, N_("Updated by")},
    {"updated_at", FT_DATETIME, 1, N_("Updated")},
    {"version", FT_INT, 0, N_("Version")},
    {"source", FT_STRING, 0, N_("Source")}, /* "conference N": what its tasks and plan versions say */
    {"decisions", FT_ARRAY, 0, N_("Decisions"), conference_decision_fields},
    {"conference", FT_OBJECT, 0, N_("Conference"), conference_general_fields},
    {NULL, 0, 0, NULL},
};
static const struct res_field conference_client_summary[] = {
    {"id", FT_INT, 0, N_("The client's part")},
    {"conference_id", FT_INT, 0, N_("Conference")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"held_at", FT_DATETIME, 0, N_("When")},
    {"title", FT_STRING, 0, N_("Title")},
    {"organisation", FT_STRING, 0, N_("Organisation")},
    {"question", FT_STRING, 0, N_("Question brought")},
    {"decisions", FT_INT, 0, N_("Decisions")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit conference_client_actions[] = {
    {"conference_client.list", ACT_LIST},
    {"conference_client.read", ACT_READ},
    {"conference_client.create", ACT_CREATE},
    {"conference_client.update", ACT_UPDATE},
    {"conference_client.act", ACT_REVIEW},
    {"conference.guest", ACT_READ}, /* a guest without an account heard the client discussed */
    {NULL, 0},
};
static const char *const conference_client_tables[] = {"conference_clients", "conference_decisions", NULL};
static const struct access_rule conference_client_access[] = {
    /* what was said about a client is read like their notes: the care team (housing too), by
     * break-glass or on call with its purpose, another organisation's clinicians through a consent
     * that shares notes; never a peer supporter, the care desk or an administrator. Clinical staff
     * on the care team bring the client, record the discussion and decisions and act on them (the
     * rule on the record: they take part in the conference) */
    {RES_CONFERENCE_CLIENT, ACT_LIST, TEAM, NOTES, A},
    {RES_CONFERENCE_CLIENT, ACT_LIST, GLASS | ONCALL, NOTES, P},
    {RES_CONFERENCE_CLIENT, ACT_LIST, SHARED, CLINICAL, P},
    {RES_CONFERENCE_CLIENT, ACT_READ, TEAM, NOTES, A},
    {RES_CONFERENCE_CLIENT, ACT_READ, GLASS | ONCALL, NOTES, P},
    {RES_CONFERENCE_CLIENT, ACT_READ, SHARED, CLINICAL, P},
    {RES_CONFERENCE_CLIENT, ACT_CREATE, TEAM, CLINICAL, A},
    {RES_CONFERENCE_CLIENT, ACT_UPDATE, TEAM, CLINICAL, A},
    {RES_CONFERENCE_CLIENT, ACT_REVIEW, TEAM, CLINICAL, A},
    {0}};
const struct resource res_conference_client = {
    .access = conference_client_access,
    .id = RES_CONFERENCE_CLIENT, .name = "conference_client", .label = N_("Conference: a client discussed"),
    .plural = N_("Conferences: clients discussed"), .summary = conference_client_summary,
    .data_class = DC_BIT(DC_NOTES),
    RESOURCE_OF(conference_client)};
RESOURCE_REGISTER(res_conference_client);
