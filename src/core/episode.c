/* episode: episodes of care in a programme (status, target group, primary case manager) and
 * their care teams. Team membership is what gives staff full access to a client (access.c). */
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

static const char *sget(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? s : NULL;
}

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* 1 when the staff member exists, is not disabled and (org_id != 0) belongs to that organisation. */
static int staff_active(struct db *db, int64_t staff_id, int64_t org_id)
{
    return db_int1(db, 0, "SELECT 1 FROM staff WHERE id=? AND disabled=0 AND (?=0 OR org_id=?)", "iii",
                   staff_id, org_id, org_id) == 1;
}

static json_t *team_of(struct db *db, int64_t episode_id)
{
    return db_rows(
        db,
        "SELECT t.id, t.staff_id, s.display_name, s.role, s.discipline, s.phone, t.team_role, t.from_date,"
        " t.to_date FROM team_members t JOIN staff s ON s.id=t.staff_id WHERE t.episode_id=?"
        " ORDER BY t.to_date IS NOT NULL, t.from_date, t.id",
        "i", episode_id);
}

#define EPISODE_COLS                                                                                         \
    "SELECT e.id, e.client_id, e.org_id, o.name AS organisation, e.programme, e.status, e.target_group,"     \
    " e.primary_cm, s.display_name AS primary_cm_name, e.start_date, e.end_date, e.discharge_reason,"        \
    " e.created_by, e.created_at, e.updated_at, e.version FROM episodes e JOIN orgs o ON o.id=e.org_id"      \
    " LEFT JOIN staff s ON s.id=e.primary_cm"

#define MEMBER_SQL                                                                                           \
    "SELECT t.id, t.episode_id, t.staff_id, s.display_name, s.role, s.discipline, s.phone, t.team_role,"     \
    " t.from_date, t.to_date FROM team_members t JOIN staff s ON s.id=t.staff_id WHERE t.id=?"

/* One episode with its team, or NULL. */
static json_t *episode_load(struct db *db, int64_t id)
{
    json_t *o = db_row(db, EPISODE_COLS " WHERE e.id=?", "i", id);
    if (o)
        json_object_set_new(o, "team", team_of(db, id));
    return o;
}

int episode_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_EPISODE, ACT_LIST, client_id, "episode.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.start_date", 1}, {"p.id", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out, EPISODE_COLS " WHERE e.client_id=?", "i", client_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) json_object_set_new(r, "team", team_of(c->db, iget(r, "id")));
    audit_log(c, "episode.list", "ok", client_id, "episode", 0, NULL);
    return OK;
}

int episode_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_EPISODE, ACT_CREATE, client_id, "episode.create");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    const char *programme = v_str(c, in, "programme", 1, 40, programmes);
    const char *status = v_str(c, in, "status", 0, 20, episode_statuses);
    if (str_eq(status, "discharged"))
        ctx_field(c, "status", _("a new episode cannot start discharged"));
    if (!status)
        status = "intake";
    const char *target = v_str(c, in, "target_group", 1, 40, target_groups);
    const char *start = v_date(c, in, "start_date", 0);
    if (!start)
        start = today;
    int64_t cm = v_int(c, in, "primary_cm", 0, 1, INT64_MAX, 0);
    if (!cm && c->a->role == ROLE_CASE_MANAGER)
        cm = c->a->staff_id;
    if (cm && !staff_active(c->db, cm, c->a->org_id))
        ctx_field(c, "primary_cm", _("must be an active staff member of your organisation"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));

    int64_t id =
        db_insert_id(c->db,
                     "INSERT INTO episodes(client_id, org_id, programme, status, target_group, primary_cm,"
                     " start_date, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)"
                     " RETURNING id",
                     "iitttItitt", client_id, c->a->org_id, programme, status, target, cm, start,
                     c->a->staff_id, now, now);
    if (!id)
        return ctx_fail(c, ERR_DB, _("The episode could not be saved."));
    if (cm &&
        db_run(c->db, "INSERT INTO team_members(episode_id, staff_id, team_role, from_date) VALUES (?,?,?,?)",
               "iitt", id, cm, "primary_case_manager", start) != DB_OK)
        return ctx_fail(c, ERR_DB, _("The episode could not be saved."));
    access_forget(c); /* a primary case manager, a team */
    audit_log(c, "episode.create", "ok", client_id, "episode", id, NULL);
    *out = episode_load(c->db, id);
    return OK;
}

int episode_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *old = db_row(c->db, "SELECT id, client_id, org_id, status, target_group, primary_cm, start_date,"
                                " end_date, discharge_reason, version FROM episodes WHERE id=?", "i", id);
    if (!old)
        return ctx_fail(c, ERR_NOTFOUND, _("No such episode."));
    int64_t client_id = iget(old, "client_id");
    int rc = access_check(c, RES_EPISODE, ACT_UPDATE, client_id, "episode.update");
    if (rc == OK && !json_is_object(in))
        rc = ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    if (rc != OK) {
        json_decref(old);
        return rc;
    }
    char today[16], now[32];
    iso_today(today);
    iso_now(now);
    const char *old_status = sget(old, "status");
    const char *status = v_str(c, in, "status", 0, 20, episode_statuses);
    const char *target = v_str(c, in, "target_group", 0, 40, target_groups);
    const char *reason = v_str(c, in, "discharge_reason", 0, 1000, NULL);
    const char *end = v_date(c, in, "end_date", 0);
    int64_t old_cm = iget(old, "primary_cm");
    int64_t cm = v_int(c, in, "primary_cm", 0, 1, INT64_MAX, 0);
    if (cm && cm != old_cm && !staff_active(c->db, cm, iget(old, "org_id")))
        ctx_field(c, "primary_cm", _("must be an active staff member of the episode's organisation"));
    if (!status)
        status = old_status;
    if (!target)
        target = sget(old, "target_group");
    if (!cm)
        cm = old_cm;
    int discharging = str_eq(status, "discharged") && !str_eq(old_status, "discharged");
    if (str_eq(status, "discharged")) {
        if (!reason)
            reason = sget(old, "discharge_reason");
        if (!reason)
            ctx_field(c, "discharge_reason", _("is required to discharge"));
        if (!end)
            end = discharging ? today : sget(old, "end_date");
        if (end && strcmp(end, sget(old, "start_date")) < 0)
            ctx_field(c, "end_date", _("cannot be before the start date"));
    } else {
        reason = NULL; /* an open (or reopened) episode has no discharge */
        end = NULL;
    }
    if (c->errors) {
        json_decref(old);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    int64_t cur = iget(old, "version");
    if (version != cur) {
        json_decref(old);
        return ctx_stale(c, cur);
    }
    rc = db_run(c->db,
                "UPDATE episodes SET status=?, target_group=?, primary_cm=?, end_date=?, discharge_reason=?,"
                " updated_at=?, version=version+1 WHERE id=? AND version=?",
                "ttItttii", status, target, cm, end, reason, now, id, cur);
    json_decref(old);
    if (rc != DB_OK || db_changes(c->db) != 1)
        return ctx_fail(c, rc != DB_OK ? ERR_DB : ERR_CONFLICT, _("The episode could not be saved."));
    /* A new primary case manager: end the old one's primary membership, add the new one's. */
    if (cm != old_cm) {
        if (old_cm &&
            db_run(c->db,
                   "UPDATE team_members SET to_date=?, version=version+1 WHERE episode_id=? AND staff_id=?"
                   " AND team_role='primary_case_manager' AND (to_date IS NULL OR to_date>?)",
                   "tiit", today, id, old_cm, today) != DB_OK)
            return ctx_fail(c, ERR_DB, _("The episode could not be saved."));
        if (db_run(c->db,
                   "INSERT INTO team_members(episode_id, staff_id, team_role, from_date) SELECT ?,?,?,? "
                   "WHERE NOT"
                   " EXISTS (SELECT 1 FROM team_members WHERE episode_id=? AND staff_id=? AND"
                   " team_role='primary_case_manager' AND (to_date IS NULL OR to_date>?))",
                   "iittiit", id, cm, "primary_case_manager", today, id, cm, today) != DB_OK)
            return ctx_fail(c, ERR_DB, _("The episode could not be saved."));
    }
    access_forget(c); /* a discharge or a new primary case manager */
    audit_log(c, discharging ? "episode.discharge" : "episode.update", "ok", client_id, "episode", id, NULL);
    *out = episode_load(c->db, id);
    return OK;
}

int team_add(struct ctx *c, int64_t episode_id, json_t *in, json_t **out)
{
    json_t *ep = db_row(c->db, "SELECT client_id, status FROM episodes WHERE id=?", "i", episode_id);
    if (!ep)
        return ctx_fail(c, ERR_NOTFOUND, _("No such episode."));
    int64_t client_id = iget(ep, "client_id");
    int closed = str_eq(sget(ep, "status"), "discharged");
    json_decref(ep);
    int rc = access_check(c, RES_TEAM, ACT_CREATE, client_id, "team.add");
    if (rc != OK)
        return rc;
    if (closed)
        return ctx_fail(c, ERR_INVALID, _("This episode has been discharged; its team cannot change."));
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    char today[16];
    iso_today(today);
    int64_t staff_id = v_int(c, in, "staff_id", 1, 1, INT64_MAX, 0);
    if (staff_id && !staff_active(c->db, staff_id, 0))
        ctx_field(c, "staff_id", _("must be an active staff member"));
    const char *team_role = v_str(c, in, "team_role", 1, 40, team_roles);
    const char *from = v_date(c, in, "from_date", 0);
    if (!from)
        from = today;
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    if (db_int1(
            c->db, 0,
            "SELECT 1 FROM team_members WHERE episode_id=? AND staff_id=? AND (to_date IS NULL OR to_date>?)"
            " LIMIT 1",
            "iit", episode_id, staff_id, today) == 1) {
        ctx_field(c, "staff_id", _("is already on this care team"));
        return ctx_fail(c, ERR_CONFLICT, _("This person is already on the care team."));
    }
    int64_t id =
        db_insert_id(c->db,
                     "INSERT INTO team_members(episode_id, staff_id, team_role, from_date) VALUES (?,?,?,?)"
                     " RETURNING id",
                     "iitt", episode_id, staff_id, team_role, from);
    if (!id)
        return ctx_fail(c, ERR_DB, _("The team member could not be added."));
    access_forget(c);
    audit_log(c, "team.add", "ok", client_id, "team_member", id, NULL);
    *out = db_row(c->db, MEMBER_SQL, "i", id);
    return OK;
}

int team_end(struct ctx *c, int64_t member_id, json_t **out)
{
    json_t *m = db_row(c->db,
                       "SELECT t.episode_id, t.to_date, e.client_id FROM team_members t JOIN episodes e"
                       " ON e.id=t.episode_id WHERE t.id=?",
                       "i", member_id);
    if (!m)
        return ctx_fail(c, ERR_NOTFOUND, _("No such team member."));
    int64_t client_id = iget(m, "client_id");
    char today[16];
    iso_today(today);
    const char *to = sget(m, "to_date");
    int ended = to && strcmp(to, today) <= 0;
    json_decref(m);
    int rc = access_check(c, RES_TEAM, ACT_UPDATE, client_id, "team.end");
    if (rc != OK)
        return rc;
    if (ended)
        return ctx_fail(c, ERR_CONFLICT, _("This membership has already ended."));
    rc = db_run(c->db, "UPDATE team_members SET to_date=?, version=version+1 WHERE id=?", "ti", today,
                member_id);
    if (rc != DB_OK || db_changes(c->db) != 1)
        return ctx_fail(c, ERR_DB, _("The team could not be changed."));
    access_forget(c);
    audit_log(c, "team.end", "ok", client_id, "team_member", member_id, NULL);
    *out = db_row(c->db, MEMBER_SQL, "i", member_id);
    return OK;
}

/* ---- the descriptors ---- */

static const struct res_field team_fields[] = {
    {"id", FT_INT, 0, N_("Team member")},
    {"episode_id", FT_INT, 0, N_("Episode")}, /* not in the members listed inside an episode */
    {"staff_id", FT_INT, 0, N_("Staff member")},
    {"display_name", FT_STRING, 0, N_("Name")},
    {"role", FT_STRING, 0, N_("Role")},
    {"discipline", FT_STRING, 1, N_("Discipline")},
    {"phone", FT_STRING, 1, N_("Phone")},
    {"team_role", FT_STRING, 0, N_("Role on the team")},
    {"from_date", FT_DATE, 0, N_("From")},
    {"to_date", FT_DATE, 1, N_("Until")},
    {NULL, 0, 0, NULL},
};
static const struct res_field episode_fields[] = {
    {"id", FT_INT, 0, N_("Episode")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"organisation", FT_STRING, 0, N_("Organisation")},
    {"programme", FT_STRING, 0, N_("Programme")},
    {"status", FT_STRING, 0, N_("Status")},
    {"target_group", FT_STRING, 0, N_("Target group")},
    {"primary_cm", FT_INT, 1, N_("Primary case manager")},
    {"primary_cm_name", FT_STRING, 1, N_("Primary case manager")},
    {"start_date", FT_DATE, 0, N_("Start")},
    {"end_date", FT_DATE, 1, N_("End")},
    {"discharge_reason", FT_STRING, 1, N_("Reason for discharge")},
    {"created_by", FT_INT, 0, N_("Opened by")},
    {"created_at", FT_DATETIME, 0, N_("Opened")},
    {"updated_at", FT_DATETIME, 0, N_("Last changed")},
    {"version", FT_INT, 0, N_("Version")},
    {"team", FT_ARRAY, 0, N_("Care team"), team_fields},
    {NULL, 0, 0, NULL},
};
static const struct res_audit episode_actions[] = {
    {"episode.list", ACT_LIST},
    {"episode.create", ACT_CREATE},
    {"episode.update", ACT_UPDATE},
    {"episode.discharge", ACT_UPDATE},
    {NULL, 0},
};
static const char *const episode_tables[] = {"episodes", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule episode_access[] = {
    /* episodes of care and care teams: changed by clinical roles only */
    {RES_EPISODE, ACT_LIST, TEAM, CARE, A},
    {RES_EPISODE, ACT_LIST, PEER, PS, A},
    {RES_EPISODE, ACT_LIST, GLASS | ONCALL, CARE, P},
    {RES_EPISODE, ACT_CREATE, TEAM | ORG, OPENERS, A},
    {RES_EPISODE, ACT_CREATE, GLASS, OPENERS, P},
    {RES_EPISODE, ACT_UPDATE, TEAM, CLINICAL, A},
    {RES_EPISODE, ACT_UPDATE, GLASS, CLINICAL, P},
    {0}};
const struct resource res_episode = {
    .access = episode_access,
    .id = RES_EPISODE, .name = "episode", .label = N_("Episode of care"), .plural = N_("Episodes of care"),
    RESOURCE_OF(episode)};
RESOURCE_REGISTER(res_episode);

static const struct res_audit team_actions[] = {
    {"team.add", ACT_CREATE},
    {"team.end", ACT_UPDATE},
    {NULL, 0},
};
static const char *const team_tables[] = {"team_members", NULL};
static const struct access_rule team_access[] = {
    {RES_TEAM, ACT_CREATE, TEAM, CLINICAL, A},
    {RES_TEAM, ACT_CREATE, GLASS, CLINICAL, P},
    {RES_TEAM, ACT_UPDATE, TEAM, CLINICAL, A},
    {RES_TEAM, ACT_UPDATE, GLASS, CLINICAL, P},
    {0}};
const struct resource res_team = {
    .access = team_access, .access_name = "team",
    .id = RES_TEAM, .name = "team_member", .label = N_("Care-team member"), .plural = N_("Care team"),
    RESOURCE_OF(team)};
RESOURCE_REGISTER(res_team);
