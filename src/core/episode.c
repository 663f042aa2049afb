/* episode: episodes of care in a programme (status, target group, primary case manager) and
 * their care teams. Team membership is what gives staff full access to a client (access.c), so an
 * episode opened on a client who already has an open episode with another worker, by one who does
 * not care for the client yet, takes a reason, tells the current primary case manager (a task) and
 * waits for a supervisor's review (episode_opens), as break-glass does. */
#include "base/base.h"
#include "core/core.h"
#include "core/caseload.h"
#include "core/review.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

#define OPEN_REASON_MIN 10
#define OPEN_TEXT_MAX 1000

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

/* The primary case managers of the client's open episodes other than the actor ([] when none). */
static json_t *other_primaries(struct ctx *c, int64_t client_id)
{
    return db_rows(c->db,
                   "SELECT DISTINCT primary_cm FROM episodes WHERE client_id=? AND status<>'discharged'"
                   " AND primary_cm IS NOT NULL AND primary_cm<>? ORDER BY primary_cm",
                   "ii", client_id, c->a->staff_id);
}

/* Tell each current primary case manager, in the same transaction: a task about the client, due
 * today, naming who opened the episode and why (shown in the reader's language). */
static int tell_primaries(struct ctx *c, int64_t client_id, json_t *cms, const char *reason)
{
    char today[16], now[32], title[1024], why[4 * 150 + 4];
    iso_today(today);
    iso_now(now);
    /* The reason as the task shows it: its first 150 characters (the whole of it is on the review). */
    size_t k = 0, n = 0;
    for (; reason[k] && k < 4 * 150; k++)
        if (((unsigned char)reason[k] & 0xC0) != 0x80 && ++n > 150)
            break;
    memcpy(why, reason, k);
    snprintf(why + k, sizeof why - k, "%s", reason[k] ? "..." : "");
    json_t *args = json_pack("{s:s,s:s}", "by", c->a->name, "reason", why);
    char *a = json_dumps(args, JSON_COMPACT | JSON_SORT_KEYS);
    rule_text_in("en", "episode.opened_by_other", args, title, sizeof title);
    json_decref(args);
    size_t i;
    json_t *x;
    int rc = OK;
    json_array_foreach(cms, i, x)
    {
        int64_t id = db_insert_id(c->db,
                                  "INSERT INTO tasks(client_id, assignee, title, title_key, title_args, due, priority,"
                                  " status, source, created_by, created_at) VALUES (?,?,?,?,?,?,'high','open','rule',?,?)"
                                  " RETURNING id",
                                  "iittttit", client_id, iget(x, "primary_cm"), title, "episode.opened_by_other", a,
                                  today, c->a->staff_id, now);
        if (!id) {
            rc = ERR_DB;
            break;
        }
        audit_log(c, "task.create", "ok", client_id, "task", id, "episode opened on another worker's client");
    }
    free(a);
    return rc;
}

/* The episode itself, once access is decided: by the table (episode_create), or by an accepted
 * referral (episode_open_referred, referred: "referral N"), which needs no reason and no review. */
static int episode_insert(struct ctx *c, int64_t client_id, json_t *in, const char *referred, int64_t *out_id)
{
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
    /* Another worker's client, and the actor does not care for them yet: a reason, a notice, a review. */
    const char *reason = v_str(c, in, "reason", 0, 4 * OPEN_TEXT_MAX, NULL);
    json_t *others = referred || access_in_care(c, client_id) ? json_array() : other_primaries(c, client_id);
    int queued = json_array_size(others) > 0;
    size_t rn = v_text_chars(reason);
    if (queued && (rn < OPEN_REASON_MIN || rn > OPEN_TEXT_MAX)) {
        char m[160];
        snprintf(m, sizeof m,
                 _("this client has an open episode with another case manager: give the reason in %d to %d "
                   "characters"),
                 OPEN_REASON_MIN, OPEN_TEXT_MAX);
        ctx_field(c, "reason", m);
    }
    if (c->errors) {
        json_decref(others);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    int rc;
    int64_t id =
        db_insert_id(c->db,
                     "INSERT INTO episodes(client_id, org_id, programme, status, target_group, primary_cm,"
                     " start_date, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)"
                     " RETURNING id",
                     "iitttItitt", client_id, c->a->org_id, programme, status, target, cm, start,
                     c->a->staff_id, now, now);
    if (!id || (cm && db_run(c->db,
                             "INSERT INTO team_members(episode_id, staff_id, team_role, from_date) VALUES (?,?,?,?)",
                             "iitt", id, cm, "primary_case_manager", start) != DB_OK)) {
        json_decref(others);
        return ctx_fail(c, ERR_DB, _("The episode could not be saved."));
    }
    /* The primary case manager over capacity with it: a reason (else 409, rolled back). */
    if (cm && (rc = caseload_guard(c, cm, client_id, in, "primary_cm")) != OK) {
        json_decref(others);
        return rc;
    }
    int64_t open_id = 0;
    if (queued) {
        open_id = db_insert_id(c->db,
                               "INSERT INTO episode_opens(episode_id, client_id, staff_id, org_id, reason, opened_at)"
                               " VALUES (?,?,?,?,?,?) RETURNING id",
                               "iiiitt", id, client_id, c->a->staff_id, c->a->org_id, reason, now);
        if (!open_id || tell_primaries(c, client_id, others, reason) != OK) {
            json_decref(others);
            return ctx_fail(c, ERR_DB, _("The episode could not be saved."));
        }
    }
    json_decref(others);
    access_forget(c); /* a primary case manager, a team */
    audit_log(c, "episode.create", "ok", client_id, "episode", id, queued ? reason : referred);
    *out_id = id;
    return OK;
}

int episode_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_EPISODE, ACT_CREATE, client_id, "episode.create");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    int64_t id = 0;
    rc = episode_insert(c, client_id, in, NULL, &id);
    if (rc == OK)
        *out = episode_load(c->db, id);
    return rc;
}

int episode_open_referred(struct ctx *c, int64_t client_id, json_t *in, const char *why, int64_t *episode_id)
{
    return episode_insert(c, client_id, in, why, episode_id);
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
        if ((rc = caseload_guard(c, cm, client_id, in, "primary_cm")) != OK)
            return rc;
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
    if ((rc = caseload_guard(c, staff_id, client_id, in, "staff_id")) != OK)
        return rc;
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

/* ---- episodes opened on another worker's client: the review ---- */

static const struct page_key open_order[] = {{"p.opened_at", 1}, {"p.id", 1}, {NULL, 0}};
static const struct review_kind open_review = {
    .res = RES_EPISODE_OPEN,
    .table = "episode_opens",
    .entity = "episode_open",
    .list_action = "episode_open.list",
    .review_action = "episode_open.review",
    .cols = "SELECT x.id, x.episode_id, x.client_id, c.given_name, c.family_name, c.name_order, e.programme, x.staff_id,"
            " s.display_name AS staff_name, s.role AS staff_role, so.name AS staff_organisation, x.reason,"
            " x.opened_at, x.reviewed_by, r.display_name AS reviewed_by_name, x.reviewed_at, x.review_note,"
            " s.org_id AS _staff_org, r.org_id AS _reviewer_org FROM episode_opens x JOIN episodes e"
            " ON e.id=x.episode_id JOIN clients c ON c.id=x.client_id JOIN staff s ON s.id=x.staff_id"
            " JOIN orgs so ON so.id=x.org_id LEFT JOIN staff r ON r.id=x.reviewed_by",
    .order = open_order,
    .not_found = N_("No such episode to review."),
    .own = N_("Another supervisor must review an episode you opened."),
    .done = N_("This episode has already been reviewed."),
};

int episode_open_list(struct ctx *c, int pending_only, const struct page *pg, json_t **out)
{
    return review_list(c, &open_review, pending_only, pg, out);
}

int episode_open_review(struct ctx *c, int64_t id, const char *note, json_t **out)
{
    return review_record(c, &open_review, id, note, out);
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
    {"end_date", FT_DATE, 1, NC_("date", "End")},
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
    {RES_EPISODE, ACT_LIST, SHARED, CARE | PS, P},
    {RES_EPISODE, ACT_CREATE, TEAM | ORG, OPENERS, A},
    {RES_EPISODE, ACT_CREATE, GLASS, OPENERS, P},
    {RES_EPISODE, ACT_UPDATE, TEAM, CLINICAL, A},
    {RES_EPISODE, ACT_UPDATE, GLASS, CLINICAL, P},
    {0}};
const struct resource res_episode = {
    .access = episode_access,
    .id = RES_EPISODE, .name = "episode", .label = N_("Episode of care"), .plural = N_("Episodes of care"),
    .data_class = DC_BIT(DC_CARE_PLAN), RESOURCE_OF(episode)};
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
/* An episode opened on another worker's client, waiting for (or after) a supervisor's review. */
static const struct res_field episode_open_fields[] = {
    {"id", FT_INT, 0, N_("Review")},
    {"episode_id", FT_INT, 0, N_("Episode")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 1, N_("Given name")}, /* null: a client the reviewer may not find */
    {"family_name", FT_STRING, 1, N_("Family name")},
    {"programme", FT_STRING, 0, N_("Programme")},
    {"staff_id", FT_INT, 0, N_("Opened by")},
    {"staff_name", FT_STRING, 1, N_("Opened by")}, /* null: another organisation's, see staff_organisation */
    {"staff_role", FT_STRING, 0, N_("Role")},
    {"staff_organisation", FT_STRING, 0, N_("Organisation")},
    {"reason", FT_STRING, 0, N_("Reason")},
    {"opened_at", FT_DATETIME, 0, N_("Opened")},
    {"reviewed_by", FT_INT, 1, N_("Reviewed by")},
    {"reviewed_by_name", FT_STRING, 1, N_("Reviewed by")},
    {"reviewed_at", FT_DATETIME, 1, N_("Reviewed")},
    {"review_note", FT_STRING, 1, N_("Review note")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit episode_open_actions[] = {
    {"episode_open.list", ACT_LIST},
    {"episode_open.review", ACT_REVIEW},
    {NULL, 0},
};
static const char *const episode_open_tables[] = {"episode_opens", NULL};
static const struct access_rule episode_open_access[] = {
    /* listed and reviewed by supervisors, as break-glass is */
    {RES_EPISODE_OPEN, ACT_LIST, NONE, SUP | ADM, A},
    {RES_EPISODE_OPEN, ACT_REVIEW, NONE, SUP, A},
    {0}};
const struct resource res_episode_open = {
    .access = episode_open_access,
    .id = RES_EPISODE_OPEN, .name = "episode_open", .label = N_("Episode opened on another worker's client"),
    .plural = N_("Episodes opened on another worker's client"), RESOURCE_OF(episode_open)};
RESOURCE_REGISTER(res_episode_open);

const struct resource res_team = {
    .access = team_access, .access_name = "team",
    .id = RES_TEAM, .name = "team_member", .label = N_("Care-team member"), .plural = N_("Care team"),
    .data_class = DC_BIT(DC_CARE_PLAN), RESOURCE_OF(team)};
RESOURCE_REGISTER(res_team);
