/* task: the work list. Tasks come from people (here) and from rules (elsewhere), about a client
 * or not; "my clients" is the actor's caseload with open tasks and the last contact. */
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

const char *const task_statuses[] = {"open", "done", NULL};

/* The first parameter is today (for "overdue"). */
#define TASK_COLS                                                                                            \
    "SELECT t.id, t.client_id, c.given_name, c.family_name, c.name_order, t.assignee, a.display_name AS assignee_name,"    \
    " t.title, t.title_key, t.title_args, t.due, t.priority, t.status, t.source, t.created_by,"              \
    " cb.display_name AS created_by_name,"                                                                   \
    " t.created_at, t.done_by, t.done_at, t.version,"                                                        \
    " CASE WHEN t.status='open' AND t.due IS NOT NULL AND t.due<? THEN 1 ELSE 0 END AS overdue"              \
    " FROM tasks t LEFT JOIN clients c ON c.id=t.client_id JOIN staff a ON a.id=t.assignee"                  \
    " LEFT JOIN staff cb ON cb.id=t.created_by"
#define TASK_NO_DUE "CASE WHEN p.due IS NULL THEN 1 ELSE 0 END"
#define PRIORITY_RANK                                                                                        \
    "CASE p.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END"

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* Texts made by rules, by key: stored as the key and its parameters (a JSON object), shown in the
 * reader's language. {name} in a text stands for the parameter of that name ({date}, a YYYY-MM-DD, is
 * shown in prose: "by 1 December 2026", "2026년 12월 1일까지"). A key's text never
 * changes meaning; a new wording is a new key. */
static const struct {
    const char *key, *text;
} rule_texts[] = {
    {"crisis.follow_up_24h", N_("Crisis follow-up: 24 hours")},
    {"crisis.follow_up_72h", N_("Crisis follow-up: 72 hours")},
    {"crisis.follow_up_7d", N_("Crisis follow-up: 7 days")},
    /* TRANSLATORS: {hours} is a number; keep the braces and the name as they are. */
    {"suicide.contact", N_("Contact within {hours} hours")},
    {"suicide.safety_plan_review", N_("Review the safety plan")},
    /* TRANSLATORS: {hours} is a number; keep the braces and the name as they are. */
    {"suicide.screen", N_("Complete a suicide risk screen (C-SSRS) within {hours} hours")},
    /* TRANSLATORS: {id} is the number of the assessment; keep the braces and the name. */
    {"flag.resolved_by_assessment",
     N_("Resolved by a complete assessment (no. {id}): its result sets the risk level.")},
    /* TRANSLATORS: {by} is a staff member's name, {at} a date and time; keep the braces and names. */
    {"crisis.notice", N_("Crisis recorded by {by} ({at}): check on the client and the follow-up")},
    /* TRANSLATORS: {days} is a number; keep the braces and the name as they are. */
    {"hospital.discharge_follow_up", N_("Follow up within {days} days of hospital discharge")},
    {"flag.by_assessment", N_("Raised by an assessment.")},
    /* TRANSLATORS: {by} is a staff member's name, {reason} their words; keep the braces and names. */
    {"episode.opened_by_other", N_("{by} opened another episode of care for this client: {reason}")},
    /* TRANSLATORS: {from} is a staff member's name, {clients} a list of clients with their places,
     * {tasks} and {shifts} numbers; keep the braces and the names as they are. */
    {"handover.received", N_("Handed over to you from {from}: clients {clients}; {tasks} tasks; {shifts} on-call shifts")},
    /* Referrals (issue 10 §2, the referral slice). TRANSLATORS: {id} is a referral's number, {from}
     * and {to} organisations' names, {text} a worker's words, {assignee} a staff member's name,
     * {urgency} routine, soon or urgent, {reason} a worker's words; keep the braces and the names. */
    {"referral.notice.sent", N_("New referral no. {id} from {from} in your organisation's queue")},
    {"referral.notice.receive", N_("Referral no. {id} to {to} was acknowledged")},
    {"referral.notice.accept", N_("Referral no. {id} to {to} was accepted")},
    {"referral.notice.decline", N_("Referral no. {id} to {to} was declined: {text}")},
    {"referral.notice.request_info", N_("{to} asks for more information on referral no. {id}: {text}")},
    {"referral.notice.answer", N_("{from} answered on referral no. {id}: {text}")},
    {"referral.notice.start", N_("Work on referral no. {id} to {to} has started")},
    {"referral.notice.complete", N_("Referral no. {id} to {to} was completed: {text}")},
    {"referral.notice.cancel", N_("Referral no. {id} from {from} was cancelled: {text}")},
    {"referral.notice.fail", N_("Referral no. {id} to {to} failed: {text}")},
    {"referral.notice.assign", N_("Referral no. {id} to {to} was assigned to {assignee}")},
    {"referral.notice.assigned_to_you", N_("Referral no. {id} from {from} was assigned to you")},
    {"referral.notice.overdue", N_("Referral no. {id} to {to} ({urgency}) has not been acknowledged in time")},
    {"referral.overdue", N_("Referral no. {id} from {from} ({urgency}) is not acknowledged in time: acknowledge or assign it")},
    {"referral.rerefer", N_("Referral no. {id} was declined by {to}: refer the client elsewhere")},
    {"referral.confirm", N_("Referral no. {id} to {to} is completed: read the outcome and confirm it with the client")},
    {"referral.agreement_review", N_("Review referral no. {id}, sent without the client's agreement: {reason}")},
    /* An instrument's own sentence (its definition file, in English): translated as a text itself. */
    {"flag.instrument", "{text}"},
    /* notify (issue 10 §2, in-app notifications): what happened, never a client's name; the record
     * it links to is where the name is shown. */
    /* TRANSLATORS: {by} is a staff member's name; keep the braces and the name as they are. */
    {"notify.task_assigned", N_("{by} gave you a task")},
    /* TRANSLATORS: {by} is a staff member's name; keep the braces and the name as they are. */
    {"notify.task_reassigned", N_("{by} passed a task on to you")},
    /* TRANSLATORS: {by} is a staff member's name, {text} the kind of flag; keep the braces and names. */
    {"notify.flag_raised", N_("{by} raised a risk flag on a client of yours: {text}")},
    /* TRANSLATORS: {text} is the kind of flag; keep the braces and the name as they are. */
    {"notify.flag_by_assessment", N_("An assessment raised a risk flag on a client of yours: {text}")},
    /* TRANSLATORS: {from} is a staff member's name; {clients}, {tasks} and {shifts} are numbers; keep
     * the braces and the names as they are. */
    {"notify.handover", N_("Work handed over to you from {from}: clients {clients}, tasks {tasks}, on-call shifts {shifts}")},
    /* consent (issue 10 §3): the renewal rule (core/consent.c). */
    /* TRANSLATORS: {id} is the consent's number, {text} its purpose ("care coordination"), {date} its
     * last day; keep the braces and the names as they are. */
    {"consent.renew", N_("Renew consent no. {id} for {text} with the client: it ends on {date}")},
    /* intake (issue 10 §4): the first contact after an enrolment from intake */
    {"intake.enrolled", N_("New from intake: make the first contact")},
    /* careplan (issue 11 §1): the review rule (core/careplan.c). TRANSLATORS: {id} is the care
     * plan's number, {date} the review date; keep the braces and the names as they are. */
    {"care_plan.review", N_("Review care plan no. {id} with the client by {date}")},
    /* linkage (issue 11 §2, the linkage slice): the overdue-check rule (core/linkage.c).
     * TRANSLATORS: {id} is the linkage's number, {name} a service's or a local resource's name, {date}
     * the day the check was due; keep the braces and the names as they are. */
    {"linkage.check_overdue", N_("Check with the client how {name} is going (linkage no. {id}, due {date})")},
    /* housing (issue 13 §1-§3, the housing slice: core/housing.c, core/tenancy.c). TRANSLATORS:
     * {property} is a building's name, {label} a unit's ("Flat 2"), {date} a date, {id} a tenancy's
     * number, {amount} won, {count} and {days} numbers; keep the braces and the names as they are. */
    {"housing.vacancy", N_("A unit is vacant: {property}, {label}")},
    {"housing.offer", N_("A client of yours is offered {property}, {label}: answer by {date}")},
    {"housing.moved_in", N_("A client of yours moved in to {property}, {label} on {date}")},
    {"tenancy.arrears", N_("Rent arrears of {amount} won in tenancy no. {id} ({property}): talk with the client about the rent")},
    {"tenancy.complaints", N_("{count} neighbour complaints within {days} days in tenancy no. {id}: visit the client")},
    /* careservice (issue 13 §4, the care-services slice): a concern a care worker logged on a visit
     * (core/care.c). TRANSLATORS: {by} is the care worker's or staff member's name, {date} the day of the
     * visit, {text} their words, {id} the care service's number; keep the braces and the names. */
    {"care_visit.concern", N_("Care visit concern from {by} ({date}, care service no. {id}): {text}")},
};

int rule_text_known(const char *key)
{
    for (size_t i = 0; key && i < ARRAY_LEN(rule_texts); i++)
        if (str_eq(key, rule_texts[i].key))
            return 1;
    return 0;
}

const char *rule_text_in(const char *lang, const char *key, json_t *args, char *out, size_t len)
{
    const char *text = NULL;
    for (size_t i = 0; i < ARRAY_LEN(rule_texts) && !text; i++)
        if (str_eq(key, rule_texts[i].key))
            text = rule_texts[i].text;
    if (!text) { /* a key this version does not know (a newer server wrote it): say so, do not guess */
        snprintf(out, len, "%s", key ? key : "");
        return out;
    }
    text = i18n_text_in(lang, text);
    struct buf b;
    buf_init(&b);
    for (const char *p = text; *p;) {
        const char *open = strchr(p, '{'), *close = open ? strchr(open, '}') : NULL;
        if (!open || !close) {
            buf_adds(&b, p);
            break;
        }
        buf_add(&b, p, (size_t)(open - p));
        char name[40];
        snprintf(name, sizeof name, "%.*s", (int)(close - open - 1), open + 1);
        json_t *v = json_object_get(args, name);
        char day[64];
        if (json_is_string(v) && str_eq(name, "date")) /* a date in a sentence reads as prose: 2026년 12월 6일 */
            buf_adds(&b, (i18n_date_long_in(lang, json_string_value(v), day, sizeof day), day));
        else if (json_is_string(v))
            buf_adds(&b, str_eq(name, "text") ? i18n_text_in(lang, json_string_value(v)) : json_string_value(v));
        else if (json_is_integer(v))
            buf_printf(&b, "%lld", (long long)json_integer_value(v));
        else
            buf_add(&b, open, (size_t)(close - open + 1));
        p = close + 1;
    }
    snprintf(out, len, "%s", b.data ? b.data : "");
    buf_free(&b);
    return out;
}

void rule_text_shape(json_t *r, const char *field)
{
    char kf[48], af[48];
    snprintf(kf, sizeof kf, "%s_key", field);
    snprintf(af, sizeof af, "%s_args", field);
    json_t *args = NULL;
    const char *stored = json_string_value(json_object_get(r, af));
    if (stored)
        args = json_loads(stored, 0, NULL);
    if (!json_is_object(args)) {
        json_decref(args);
        args = json_object();
    }
    const char *key = json_string_value(json_object_get(r, kf));
    if (key) {
        char shown[512];
        json_object_set_new(r, field, json_string(rule_text_in(i18n_current(), key, args, shown, sizeof shown)));
        json_object_set_new(r, af, args);
    } else {
        json_decref(args);
        json_object_set_new(r, kf, json_null());
        json_object_set_new(r, af, json_null());
    }
}

static void shape(json_t *r)
{
    json_object_set_new(r, "overdue", json_boolean(iget(r, "overdue")));
    rule_text_shape(r, "title");
}

static json_t *task_load(struct db *db, int64_t id)
{
    char today[16];
    iso_today(today);
    json_t *r = db_row(db, TASK_COLS " WHERE t.id=?", "ti", today, id);
    if (r)
        shape(r);
    return r;
}

/* 1 when the staff member is active in the organisation. */
static int staff_of_org(struct db *db, int64_t staff_id, int64_t org_id)
{
    return db_int1(db, 0, "SELECT 1 FROM staff WHERE id=? AND org_id=? AND disabled=0", "ii", staff_id,
                   org_id) == 1;
}

int task_mine(struct ctx *c, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_TASK, ACT_LIST, 0, "task.mine");
    if (rc != OK)
        return rc;
    char today[16];
    iso_today(today);
    static const struct page_key order[] = {
        {"p.overdue", 1}, {TASK_NO_DUE, 0}, {"coalesce(p.due, '')", 0}, {PRIORITY_RANK, 0}, {"p.id", 0}, {NULL, 0}};
    rc = page_query(c, pg, order, out, TASK_COLS " WHERE t.assignee=? AND t.status='open'", "ti", today,
                    c->a->staff_id);
    if (rc != OK)
        return rc;
    json_t *rows = json_object_get(*out, "items");
    /* A task about a client the actor may no longer see keeps its title but not the name. */
    json_t *seen = json_object();
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        shape(r);
        int64_t cid = iget(r, "client_id");
        if (!cid)
            continue;
        char k[24];
        snprintf(k, sizeof k, "%lld", (long long)cid);
        json_t *v = json_object_get(seen, k);
        if (!v)
            json_object_set_new(seen, k, v = json_boolean(access_may(c, RES_CLIENT, ACT_READ, cid)));
        if (!json_is_true(v)) {
            json_object_set_new(r, "given_name", json_null());
            json_object_set_new(r, "family_name", json_null());
            json_object_set_new(r, "client_hidden", json_true());
        }
    }
    json_decref(seen);
    audit_log(c, "task.mine", "ok", 0, "task", 0, NULL);
    return OK;
}

int task_for_client(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_TASK, ACT_LIST, client_id, "task.list");
    if (rc != OK)
        return rc;
    char today[16];
    iso_today(today);
    static const struct page_key order[] = {{"CASE WHEN p.status<>'open' THEN 1 ELSE 0 END", 0},
                                            {"p.overdue", 1},
                                            {TASK_NO_DUE, 0},
                                            {"coalesce(p.due, '')", 0},
                                            {PRIORITY_RANK, 0},
                                            {"p.id", 1},
                                            {NULL, 0}};
    rc = page_query(c, pg, order, out, TASK_COLS " WHERE t.client_id=?", "ti", today, client_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) shape(r);
    audit_log(c, "task.list", "ok", client_id, "task", 0, NULL);
    return OK;
}

/* Tell the assignee of a task someone else gave them (not oneself: notify_add skips it). The client
 * is named in the notification (its link) only when the assignee may see the client's tasks;
 * otherwise it points to their work list, as "my work" shows the task without the name. */
static int task_notify(struct ctx *c, int64_t assignee, const char *key, int64_t task_id, int64_t client_id)
{
    if (assignee == c->a->staff_id)
        return OK;
    int64_t about = client_id && notify_staff_may(c, assignee, RES_TASK, ACT_LIST, client_id) ? client_id : 0;
    json_t *args = json_pack("{s:s}", "by", c->a->name);
    int rc = notify_add(c, assignee, "task", key, args, "task", task_id, about);
    json_decref(args);
    return rc;
}

int task_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_TASK, ACT_CREATE, client_id, "task.create");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    const char *title = v_str(c, in, "title", 1, 200, NULL);
    const char *due = v_date(c, in, "due", 0);
    const char *priority = v_str(c, in, "priority", 0, 16, task_priorities);
    if (!priority)
        priority = "normal";
    int64_t assignee = v_int(c, in, "assignee", 0, 1, INT64_MAX, 0);
    if (!assignee)
        assignee = c->a->staff_id;
    else if (assignee != c->a->staff_id && !staff_of_org(c->db, assignee, c->a->org_id))
        ctx_field(c, "assignee", _("must be an active staff member of your organisation"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    char now[32];
    iso_now(now);
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO tasks(client_id, assignee, title, due, priority, status, source,"
                              " created_by, created_at) VALUES (?,?,?,?,?,'open','person',?,?) RETURNING id",
                              "Iitttit", client_id, assignee, title, due, priority, c->a->staff_id, now);
    if (!id)
        return ctx_fail(c, ERR_DB, _("The task could not be saved."));
    audit_log(c, "task.create", "ok", client_id, "task", id, NULL);
    if ((rc = task_notify(c, assignee, "notify.task_assigned", id, client_id)) != OK)
        return rc;
    *out = task_load(c->db, id);
    return OK;
}

/* The assignee, the creator, or a supervisor of the assignee's or creator's organisation. */
static int may_change(struct ctx *c, json_t *t)
{
    int64_t me = c->a->staff_id;
    if (iget(t, "assignee") == me || iget(t, "created_by") == me)
        return 1;
    return access_may(c, RES_TASK, ACT_ADMINISTER, 0) &&
           db_int1(c->db, 0, "SELECT 1 FROM staff WHERE id IN (?,?) AND org_id=? LIMIT 1", "iii",
                   iget(t, "assignee"), iget(t, "created_by"), c->a->org_id) == 1;
}

/* May the actor change the task t (its row, with id, client_id, assignee, created_by)? The access
 * table's cell, then who the task belongs to; a refusal is audited as action. */
static int check_change(struct ctx *c, json_t *t, const char *action)
{
    int64_t client_id = iget(t, "client_id");
    int rc = access_check(c, RES_TASK, ACT_UPDATE, client_id, action);
    if (rc == OK && !may_change(c, t))
        rc = access_deny(c, RES_TASK, ACT_UPDATE, client_id, action, "task", iget(t, "id"),
                         _("Only the assignee, the creator or a supervisor may change this task."));
    return rc;
}

int task_get(struct ctx *c, int64_t id, json_t **out)
{
    json_t *t = task_load(c->db, id);
    if (!t)
        return ctx_fail(c, ERR_NOTFOUND, _("No such task."));
    int64_t client_id = iget(t, "client_id");
    int rc = check_change(c, t, "task.read");
    if (rc != OK) {
        json_decref(t);
        return rc;
    }
    audit_log(c, "task.read", "ok", client_id, "task", id, NULL);
    *out = t;
    return OK;
}

int task_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    json_t *t = db_row(c->db, "SELECT id, client_id, assignee, created_by, title, due, priority, status, done_at, done_by,"
                              " version FROM tasks WHERE id=?", "i", id);
    if (!t)
        return ctx_fail(c, ERR_NOTFOUND, _("No such task."));
    int64_t client_id = iget(t, "client_id");
    int rc = check_change(c, t, "task.update");
    if (rc == OK && !json_is_object(in))
        rc = ctx_fail(c, ERR_INVALID, _("The body must be a JSON object."));
    if (rc != OK) {
        json_decref(t);
        return rc;
    }
    char now[32];
    iso_now(now);
    /* Start from the stored task; apply the fields sent. */
    const char *title = json_string_value(json_object_get(t, "title"));
    const char *due = json_string_value(json_object_get(t, "due"));
    const char *priority = json_string_value(json_object_get(t, "priority"));
    const char *status = json_string_value(json_object_get(t, "status"));
    const char *done_at = json_string_value(json_object_get(t, "done_at"));
    int64_t done_by = iget(t, "done_by"), assignee = iget(t, "assignee");
    int own_title = 0; /* a person's words replace a rule's key (sending the shown title back keeps it) */
    if (json_object_get(in, "title")) {
        const char *key = json_string_value(json_object_get(t, "title_key"));
        char shown[512] = "";
        if (key) {
            json_t *args = json_loads(json_string_value(json_object_get(t, "title_args")) ?: "{}", 0, NULL);
            rule_text_in(i18n_current(), key, args, shown, sizeof shown);
            json_decref(args);
        }
        title = v_str(c, in, "title", 1, 200, NULL);
        own_title = title && (!key || !str_eq(title, shown));
        if (!own_title && key)
            title = json_string_value(json_object_get(t, "title"));
    }
    if (json_object_get(in, "due"))
        due = v_date(c, in, "due", 0); /* empty or null clears it */
    if (json_object_get(in, "priority"))
        priority = v_str(c, in, "priority", 1, 16, task_priorities);
    int64_t old_assignee = assignee;
    if (json_object_get(in, "assignee")) {
        int64_t a = v_int(c, in, "assignee", 1, 1, INT64_MAX, 0);
        if (a && a != assignee && !staff_of_org(c->db, a, c->a->org_id))
            ctx_field(c, "assignee", _("must be an active staff member of your organisation"));
        else if (a)
            assignee = a;
    }
    if (json_object_get(in, "status")) {
        const char *s = v_str(c, in, "status", 1, 8, task_statuses);
        if (str_eq(s, "done") && !str_eq(status, "done")) {
            done_by = c->a->staff_id;
            done_at = now;
        } else if (str_eq(s, "open")) {
            done_by = 0;
            done_at = NULL;
        }
        if (s)
            status = s;
    }
    if (c->errors) {
        json_decref(t);
        return ctx_fail(c, ERR_INVALID, _("Some fields need attention."));
    }
    int64_t cur = iget(t, "version");
    if (version != cur) {
        json_decref(t);
        return ctx_stale(c, cur);
    }
    rc = db_run(c->db,
                "UPDATE tasks SET title=?, due=?, priority=?, status=?, assignee=?, done_by=?, done_at=?,"
                " version=version+1 WHERE id=? AND version=?",
                "ttttiItii", title, due, priority, status, assignee, done_by, done_at, id, cur);
    int changed = rc == DB_OK && db_changes(c->db) == 1;
    if (changed && own_title && json_string_value(json_object_get(t, "title_key")))
        changed = db_run(c->db, "UPDATE tasks SET title_key=NULL, title_args=NULL WHERE id=?", "i", id) == DB_OK;
    json_decref(t); /* the strings above belong to t: only now */
    if (!changed)
        return ctx_fail(c, rc != DB_OK ? ERR_DB : ERR_CONFLICT, _("The task could not be saved."));
    audit_log(c, "task.update", "ok", client_id, "task", id, NULL);
    if (assignee != old_assignee && (rc = task_notify(c, assignee, "notify.task_reassigned", id, client_id)) != OK)
        return rc;
    *out = task_load(c->db, id);
    return OK;
}

/* An open episode the actor is on (primary case manager or a current team member): staff, staff, today, today. */
#define ON_EPISODE(e)                                                                                        \
    e ".status<>'discharged' AND " e ".id IN (SELECT pe.id FROM episodes pe WHERE pe.primary_cm=? UNION SELECT"  \
      " m.episode_id FROM team_members m WHERE m.staff_id=? AND m.from_date<=? AND (m.to_date IS NULL OR"      \
      " m.to_date>?))"
int my_clients(struct ctx *c, const struct page *pg, json_t **out)
{
    if (!access_may(c, RES_CLIENT, ACT_LIST, 0)) {
        *out = page_all(NULL); /* no client-level data, even if someone put them on a team */
        return OK;
    }
    char today[16];
    iso_today(today);
    /* One row per client: the most recently started open episode the actor is on. */
    static const struct page_key order[] = {{"p.family_name", 0}, {"p.given_name", 0}, {"p.id", 0}, {NULL, 0}};
    int rc = page_query(
        c, pg, order, out,
        "SELECT c.id, c.given_name, c.family_name, coalesce(c.name_order, 'auto') AS name_order, c.preferred_name,"
        " c.birth_date, e.id AS episode_id,"
        " e.programme, e.status AS episode_status, CASE WHEN e.primary_cm=? THEN 1 ELSE 0 END AS is_primary,"
        " (SELECT count(*) FROM tasks t WHERE t.client_id=c.id AND t.status='open') AS open_tasks,"
        " (SELECT substr(max(ct.at),1,10) FROM contacts ct WHERE ct.client_id=c.id AND ct.superseded_by IS "
        "NULL)"
        " AS last_contact"
        " FROM episodes e JOIN clients c ON c.id=e.client_id WHERE " ON_EPISODE("e")
        " AND e.id=(SELECT x.id FROM episodes x WHERE x.client_id=e.client_id AND " ON_EPISODE("x")
        " ORDER BY x.start_date DESC, x.id DESC LIMIT 1)",
        "iiittiitt", c->a->staff_id, c->a->staff_id, c->a->staff_id, today, today, c->a->staff_id, c->a->staff_id,
        today, today);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r)
        json_object_set_new(r, "is_primary", json_boolean(iget(r, "is_primary")));
    audit_log(c, "client.caseload", "ok", 0, "client", 0, NULL);
    return OK;
}

/* ---- the descriptor ---- */

static const struct res_field task_fields[] = {
    {"id", FT_INT, 0, N_("Task")},
    {"client_id", FT_INT, 1, N_("Client")},
    {"given_name", FT_STRING, 1, N_("Given name")},
    {"family_name", FT_STRING, 1, N_("Family name")},
    {"assignee", FT_INT, 0, N_("Assigned to")},
    {"assignee_name", FT_STRING, 0, N_("Assigned to")},
    {"title", FT_STRING, 0, N_("Task")},              /* a rule's, in the request's language */
    {"title_key", FT_STRING, 1, N_("Rule")},           /* the rule's text key, when a rule made it */
    {"title_args", FT_OBJECT, 1, N_("Rule details")},  /* the key's parameters */
    {"due", FT_DATE, 1, N_("Due")},
    {"priority", FT_STRING, 0, N_("Priority")},
    {"status", FT_STRING, 0, N_("Status")},
    {"source", FT_STRING, 0, N_("Made by")}, /* "person" or "rule" */
    {"created_by", FT_INT, 1, N_("Created by")},
    {"created_by_name", FT_STRING, 1, N_("Created by")},
    {"created_at", FT_DATETIME, 0, N_("Created")},
    {"done_by", FT_INT, 1, N_("Done by")},
    {"done_at", FT_DATETIME, 1, N_("Done")},
    {"version", FT_INT, 0, N_("Version")},
    {"overdue", FT_BOOL, 0, N_("Overdue")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit task_actions[] = {
    {"task.mine", ACT_LIST},
    {"task.list", ACT_LIST},
    {"task.create", ACT_CREATE},
    {"task.update", ACT_UPDATE},
    {"task.read", ACT_UPDATE}, /* one task, read to change it (the reassign page) */
    {NULL, 0},
};
static const char *const task_tables[] = {"tasks", NULL};
#include "core/access_rows.h" /* the rows' words, for the rows below only */
static const struct access_rule task_access[] = {
    /* tasks: about a client as its records; without one (REL_NONE) everyone keeps their own list;
     * a supervisor changes the tasks of their organisation's staff (administer) */
    {RES_TASK, ACT_LIST, TEAM, CARE, A},
    {RES_TASK, ACT_LIST, PEER, PS, A},
    {RES_TASK, ACT_LIST, GLASS | ONCALL, CARE, P},
    {RES_TASK, ACT_LIST, NONE, ANY, A},
    {RES_TASK, ACT_CREATE, TEAM, CARE, A},
    {RES_TASK, ACT_CREATE, PEER, PS, A},
    {RES_TASK, ACT_CREATE, GLASS, CARE, P},
    {RES_TASK, ACT_CREATE, NONE, ANY, A},
    {RES_TASK, ACT_UPDATE, TEAM, CARE, A},
    {RES_TASK, ACT_UPDATE, PEER, PS, A},
    {RES_TASK, ACT_UPDATE, GLASS, CARE, P},
    {RES_TASK, ACT_UPDATE, NONE, ANY, A},
    {RES_TASK, ACT_ADMINISTER, NONE, SUP, A},
    {0}};
const struct resource res_task = {
    .access = task_access,
    .id = RES_TASK, .name = "task", .label = N_("Task"), .plural = N_("Tasks"), RESOURCE_OF(task)};
RESOURCE_REGISTER(res_task);
