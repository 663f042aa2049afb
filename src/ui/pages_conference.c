/* pages_conference: case conferences (core/conference.c decides and audits): the list of one's
 * conferences (upcoming first), a new conference, the conference page (the general part: when, who
 * takes part and who came, the guests; then, for each client discussed whom the reader may see, the
 * question, the discussion and the decisions with what each became, and the forms that record them),
 * the minutes of one client printed (the general part and that client's part only), and the client
 * page's section "Case conferences" (main-92-conference). */
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

static void conference_page(struct hreq *h, int64_t id, int status, const struct fstate *fs);
static void new_page(struct hreq *h, int status, const struct fstate *fs);

/* A form posted from the conference page names its conference in a hidden field: the page drawn
 * again with the failure. */
static void back_page(struct hreq *h, int status, const struct fstate *fs)
{
    int64_t id = 0;
    if (parse_int64(jstr(h->body, "conference"), &id) != 0 || id < 1) {
        reply_problem(h, status, _("Not saved"), h->ctx.msg[0] ? h->ctx.msg : _("Some fields need attention."), NULL);
        return;
    }
    conference_page(h, id, status, fs);
}

/* Ids posted as text (boxes, selects): core takes numbers. */
static void ids_adjust(json_t *in, const char *field)
{
    json_t *v = json_object_get(in, field), *ids = json_array();
    if (!v) {
        json_decref(ids);
        return;
    }
    json_t *list = json_is_array(v) ? v : NULL;
    size_t i;
    json_t *o;
    int64_t n;
    if (!list) {
        if (json_is_string(v) && parse_int64(json_string_value(v), &n) == 0)
            json_array_append_new(ids, json_integer(n));
        else
            json_array_append(ids, v);
    }
    json_array_foreach(list, i, o)
    {
        if (json_is_string(o) && parse_int64(json_string_value(o), &n) == 0)
            json_array_append_new(ids, json_integer(n));
        else
            json_array_append(ids, o);
    }
    json_object_set_new(in, field, ids);
}

static void int_adjust(json_t *in, const char *field)
{
    int64_t n;
    const char *s = json_string_value(json_object_get(in, field));
    if (s && parse_int64(s, &n) == 0)
        json_object_set_new(in, field, json_integer(n));
}

/* ---- the forms ---- */

/* A new conference: one guest may be named here, more on its page. */
static void new_adjust(json_t *in)
{
    ids_adjust(in, "staff");
    const char *gn = json_string_value(json_object_get(in, "guest_name"));
    if (gn && *gn) {
        json_t *g = json_pack("{s:s}", "name", gn);
        json_t *r = json_object_get(in, "guest_role"), *o = json_object_get(in, "guest_organisation");
        if (r)
            json_object_set(g, "role", r);
        if (o)
            json_object_set(g, "organisation", o);
        json_object_set_new(in, "guests", json_pack("[o]", g));
    }
    json_object_del(in, "guest_name");
    json_object_del(in, "guest_role");
    json_object_del(in, "guest_organisation");
}
static const struct form_field new_fields[] = {
    ROW(2),
    F("held_at", FI_DATETIME, N_("When"), FF_REQ),
    F("title", FI_TEXT, N_("Title"), FF_REQ, .attrs = " maxlength=\"200\""),
    ROW_END,
    F("purpose", FI_TEXTAREA, N_("Purpose"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"4000\""),
    F("staff", FI_CHECKS, N_("Staff taking part"), 0,
      .hint = N_("You take part. Workers of other organisations are added on the conference's page.")),
    FIELDSET(N_("A guest without an account (more on the conference's page)")),
    ROW(3),
    F("guest_name", FI_TEXT, N_("Guest's name"), FF_OMIT, .attrs = " maxlength=\"200\""),
    F("guest_role", FI_TEXT, N_("Role"), FF_OMIT, .attrs = " maxlength=\"200\"",
      .hint = N_("A lawyer, a family member...")),
    F("guest_organisation", FI_TEXT, N_("Organisation"), FF_OMIT, .attrs = " maxlength=\"200\""),
    ROW_END,
    FIELDSET_END,
    {0},
};
static const struct form form_new = {.id = "conference-form",
                                     .action = "/conferences",
                                     .box = "card",
                                     .submit = N_("Organise the conference"),
                                     .button = "primary",
                                     .flash = "conference",
                                     .done = "/conferences/{r.id}",
                                     .cancel = "/conferences",
                                     .fields = new_fields,
                                     .make = conference_create,
                                     .adjust = new_adjust,
                                     .page = new_page};

static void staff_adjust(json_t *in)
{
    int_adjust(in, "staff_id");
}
static const struct form_field staff_fields[] = {
    F("conference", FI_HIDDEN, NULL, 0),
    ROW(2),
    F("staff_id", FI_SELECT, N_("A worker of your organisation"), FF_OMIT),
    F("username", FI_TEXT, N_("Or the username of another organisation's worker"), FF_OMIT,
      .attrs = " maxlength=\"64\" autocomplete=\"off\""),
    ROW_END,
    {0},
};
static const struct form form_staff = {.id = "participant-form",
                                       .pfx = "cp",
                                       .action = "/conferences/{id}/participants",
                                       .box = "details",
                                       .summary = N_("Add a staff member"),
                                       .submit = N_("Add"),
                                       .flash = "conference-saved",
                                       .done = "/conferences/{id}#people",
                                       .fields = staff_fields,
                                       .create = conference_add_staff,
                                       .adjust = staff_adjust,
                                       .page = back_page,
                                       .flags = FORM_MANY};

static const struct form_field guest_fields[] = {
    F("conference", FI_HIDDEN, NULL, 0),
    ROW(3),
    F("name", FI_TEXT, N_("Guest's name"), FF_REQ, .attrs = " maxlength=\"200\""),
    F("role", FI_TEXT, N_("Role"), FF_REQ, .attrs = " maxlength=\"200\"",
      .hint = N_("A lawyer, a child-protection specialist, a family member...")),
    F("organisation", FI_TEXT, N_("Organisation"), FF_OMIT, .attrs = " maxlength=\"200\""),
    ROW_END,
    {0},
};
static const struct form form_guest = {.id = "guest-form",
                                       .pfx = "cg",
                                       .action = "/conferences/{id}/guests",
                                       .box = "details",
                                       .summary = N_("Add a guest without an account"),
                                       .note = N_("A guest's presence is recorded in the record of every client discussed."),
                                       .submit = N_("Add the guest"),
                                       .flash = "conference-saved",
                                       .done = "/conferences/{id}#people",
                                       .fields = guest_fields,
                                       .create = conference_add_guest,
                                       .page = back_page,
                                       .flags = FORM_MANY};

static void attendance_adjust(json_t *in)
{
    ids_adjust(in, "present_staff");
    ids_adjust(in, "present_guests");
}
static const struct form_field attendance_fields[] = {
    F("conference", FI_HIDDEN, NULL, 0),
    F("version", FI_HIDDEN, NULL, 0),
    F("present_staff", FI_CHECKS, N_("Staff who came"), 0),
    F("present_guests", FI_CHECKS, N_("Guests who came"), 0),
    {0},
};
static const struct form form_attendance = {.id = "attendance-form",
                                            .pfx = "ca",
                                            .action = "/conferences/{id}/attendance",
                                            .box = "details",
                                            .summary = N_("Record who came"),
                                            .submit = N_("Save attendance"),
                                            .flash = "conference-saved",
                                            .done = "/conferences/{id}#people",
                                            .reload = "/conferences/{id}",
                                            .fields = attendance_fields,
                                            .update = conference_attendance,
                                            .adjust = attendance_adjust,
                                            .page = back_page,
                                            .flags = FORM_MANY};

static void client_adjust(json_t *in)
{
    int_adjust(in, "client_id");
}
static const struct form_field client_fields[] = {
    F("conference", FI_HIDDEN, NULL, 0),
    F("client_id", FI_SELECT, N_("Client"), FF_REQ, .hint = N_("One of the clients whose care team you are on.")),
    F("question", FI_TEXTAREA, N_("The question brought"), FF_REQ, .rows = 2, .attrs = " maxlength=\"4000\""),
    {0},
};
static const struct form form_client = {.id = "agenda-form",
                                        .pfx = "cc",
                                        .action = "/conferences/{id}/clients",
                                        .box = "details",
                                        .summary = N_("Bring a client"),
                                        .submit = N_("Add to the agenda"),
                                        .flash = "conference-saved",
                                        .done = "/conferences/{id}#part-{r.id}",
                                        .fields = client_fields,
                                        .create = conference_add_client,
                                        .adjust = client_adjust,
                                        .page = back_page,
                                        .flags = FORM_MANY};

static const struct form_field summary_fields[] = {
    F("conference", FI_HIDDEN, NULL, 0),
    F("version", FI_HIDDEN, NULL, 0),
    F("question", FI_TEXTAREA, N_("The question brought"), FF_REQ, .rows = 2, .attrs = " maxlength=\"4000\""),
    F("summary", FI_TEXTAREA, N_("The discussion"), 0, .rows = 4, .attrs = " maxlength=\"4000\""),
    {0},
};
static const struct form form_summary = {.id = "discussion-form",
                                         .pfx = "cs",
                                         .action = "/conference-clients/{id}",
                                         .box = "details",
                                         .summary = N_("Record the discussion"),
                                         .submit = N_("Save the discussion"),
                                         .flash = "conference-saved",
                                         .done = "/conferences/{r.conference_id}#part-{id}",
                                         .reload = "/conferences/{r.conference_id}#part-{id}",
                                         .fields = summary_fields,
                                         .update = conference_item_update,
                                         .page = back_page,
                                         .flags = FORM_MANY};

static const struct form_field decide_fields[] = {
    F("conference", FI_HIDDEN, NULL, 0),
    F("text", FI_TEXTAREA, N_("Decision"), FF_REQ, .rows = 2, .attrs = " maxlength=\"1000\""),
    {0},
};
static const struct form form_decide = {.id = "decision-form",
                                        .pfx = "cd",
                                        .action = "/conference-clients/{id}/decisions",
                                        .box = "details",
                                        .summary = N_("Record a decision"),
                                        .submit = N_("Record the decision"),
                                        .flash = "conference-saved",
                                        .done = "/conferences/{r.conference_id}#part-{id}",
                                        .fields = decide_fields,
                                        .create = conference_decide,
                                        .page = back_page,
                                        .flags = FORM_MANY};

static void task_adjust(json_t *in)
{
    int_adjust(in, "assignee");
}
static const struct form_field task_fields[] = {
    F("conference", FI_HIDDEN, NULL, 0),
    ROW(2),
    F("assignee", FI_STAFF, N_("Who does it"), FF_REQ),
    F("due", FI_DATE, N_("By when"), FF_REQ),
    ROW_END,
    F("title", FI_TEXT, N_("Task"), FF_OMIT, .attrs = " maxlength=\"200\"",
      .hint = N_("Empty: the decision's words.")),
    {0},
};
static const struct form form_task = {.id = "decision-task-form",
                                      .pfx = "dt",
                                      .action = "/conference-decisions/{id}/task",
                                      .box = "details",
                                      .summary = N_("Make it a task"),
                                      .submit = N_("Make the task"),
                                      .flash = "conference-task",
                                      .done = "/conferences/{r.conference_id}#part-{r.id}",
                                      .fields = task_fields,
                                      .create = conference_decision_task,
                                      .adjust = task_adjust,
                                      .page = back_page,
                                      .flags = FORM_MANY};

/* One step added to a goal of the client's current plan. */
static void plan_adjust(json_t *in)
{
    int_adjust(in, "plan_id");
    json_t *step = json_object();
    static const char *const keys[] = {"goal_key", "who", "who_name", "what", "by_when"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        json_t *v = json_object_get(in, keys[i]);
        if (v && (!json_is_string(v) || *json_string_value(v)))
            json_object_set(step, keys[i], v);
        json_object_del(in, keys[i]);
    }
    json_object_set_new(in, "step", step);
}
static const struct form_field plan_fields[] = {
    F("conference", FI_HIDDEN, NULL, 0),
    F("version", FI_HIDDEN, NULL, 0),
    F("plan_id", FI_HIDDEN, NULL, FF_IN),
    F("goal_key", FI_SELECT, N_("Goal of the care plan"), FF_REQ),
    ROW(2),
    F("who", FI_SELECT, N_("Who"), FF_REQ, .choices = careplan_step_who),
    F("who_name", FI_TEXT, N_("Their name"), FF_OMIT, .attrs = " maxlength=\"200\""),
    ROW_END,
    F("what", FI_TEXTAREA, N_("The step"), FF_REQ, .rows = 2, .attrs = " maxlength=\"1000\""),
    F("by_when", FI_DATE, N_("By when"), FF_OMIT),
    {0},
};
static const struct form form_plan = {.id = "decision-plan-form",
                                      .pfx = "dp",
                                      .action = "/conference-decisions/{id}/plan-change",
                                      .box = "details",
                                      .summary = N_("Change the care plan"),
                                      .note = N_("A new version of the client's care plan, with this step added; it records that it came from this conference."),
                                      .submit = N_("Add the step to the plan"),
                                      .flash = "conference-plan",
                                      .done = "/conferences/{r.conference_id}#part-{r.id}",
                                      .fields = plan_fields,
                                      .create = NULL,
                                      .update = conference_decision_plan,
                                      .adjust = plan_adjust,
                                      .page = back_page,
                                      .flags = FORM_MANY};

/* ---- words ---- */

static void attended(struct buf *b, json_t *p)
{
    json_t *a = json_object_get(p, "attended");
    if (json_is_true(a))
        html_printf(b, "<span class=\"badge attended\">%s</span>", _("came"));
    else if (json_is_false(a))
        html_printf(b, "<span class=\"badge muted\">%s</span>", _("did not come"));
}

static void staff_line(struct buf *b, json_t *p)
{
    char rl[64];
    html_printf(b, "<li data-staff-id=\"%D\">%s <span class=\"small muted\">%s · %s</span> ", page_int(p, "staff_id"),
                jstr(p, "name"), ui_vlabel("role", jstr(p, "role"), rl, sizeof rl), jstr(p, "organisation"));
    attended(b, p);
    buf_adds(b, "</li>");
}

static void guest_line(struct buf *b, json_t *g)
{
    html_printf(b, "<li data-guest-id=\"%D\">%s <span class=\"small muted\">%s", page_int(g, "id"), jstr(g, "name"),
                jstr(g, "role"));
    if (*jstr(g, "organisation"))
        html_printf(b, " · %s", jstr(g, "organisation"));
    buf_adds(b, "</span> ");
    attended(b, g);
    buf_adds(b, "</li>");
}

/* The general part: facts and the people. */
static void general(struct buf *b, json_t *conf)
{
    html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd id=\"conference-when\">", _("When"));
    page_when(b, jstr(conf, "held_at"));
    html_printf(b, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", _("Organisation"), jstr(conf, "organisation"),
                _("Organiser"), jstr(conf, "organiser_name"));
    if (*jstr(conf, "purpose"))
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", _("Purpose"), jstr(conf, "purpose"));
    buf_adds(b, "</dl>");
    html_printf(b, "<h3>%s</h3><ul class=\"people\" id=\"conference-staff\">", _("Staff taking part"));
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(conf, "staff"), i, p) staff_line(b, p);
    buf_adds(b, "</ul>");
    json_t *guests = json_object_get(conf, "guests");
    html_printf(b, "<h3>%s</h3>", _("Guests"));
    if (!json_array_size(guests))
        html_printf(b, "<p class=\"muted\">%s</p>", _("No guest."));
    else {
        buf_adds(b, "<ul class=\"people\" id=\"conference-guests\">");
        json_array_foreach(guests, i, p) guest_line(b, p);
        buf_adds(b, "</ul>");
    }
}

/* What a decision became. */
static void became(struct buf *b, json_t *d)
{
    const char *k = jstr(d, "became");
    if (str_eq(k, "task")) {
        char st[40];
        html_printf(b, "<p class=\"became small\" data-became=\"task\">%s: %s, %s ", _("Task"), jstr(d, "task_title"),
                    jstr(d, "task_assignee_name"));
        if (*jstr(d, "task_due"))
            html_printf(b, "%s %s ", _("by"), jstr(d, "task_due"));
        html_printf(b, "(%s)</p>", ui_vlabel("task status", jstr(d, "task_status"), st, sizeof st));
    } else if (str_eq(k, "plan_change"))
        html_printf(b,
                    "<p class=\"became small\" data-became=\"plan_change\"><a href=\"/care-plans/%D?version=%D\">%s %D,"
                    " %s %D</a></p>",
                    page_int(d, "plan_id"), page_int(d, "plan_version"), _("Care plan no."), page_int(d, "plan_id"),
                    _("version"), page_int(d, "plan_version"));
}

/* The workers of one's organisation who may take part (not analysts), as choices; without oneself. */
static json_t *staff_opts(struct hreq *h, int not_me)
{
    json_t *staff = page_staff(h), *out = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(staff, i, s)
    {
        if (str_eq(jstr(s, "role"), "analyst") || str_eq(jstr(s, "role"), "task_force") || (not_me && page_int(s, "id") == h->actor.staff_id))
            continue;
        char id[24], rl[64], l[200];
        snprintf(id, sizeof id, "%lld", (long long)page_int(s, "id"));
        snprintf(l, sizeof l, "%s — %s", jstr(s, "display_name"), ui_vlabel("role", jstr(s, "role"), rl, sizeof rl));
        json_array_append_new(out, json_pack("[s,s]", id, l));
    }
    json_decref(staff);
    return out;
}

/* ---- the list ---- */

static void pg_conferences(struct hreq *h)
{
    const char *scope = qstr(h, "scope"), *when = qstr(h, "when");
    json_t *env = NULL;
    int rc = conference_list(&h->ctx, scope, when, &(struct page){qstr(h, "after"), 50}, &env);
    if (rc == ERR_INVALID) {
        page_errors_reset(&h->ctx);
        scope = when = NULL;
        rc = conference_list(&h->ctx, NULL, NULL, &(struct page){NULL, 50}, &env);
    }
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Case conferences"));
    page_flash(h, &b);
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1>", _("Case conferences"));
    if (access_may(&h->ctx, RES_CONFERENCE, ACT_CREATE, 0))
        html_printf(&b,
                    "<p class=\"actions\"><a class=\"button primary\" href=\"/conferences/new\" "
                    "id=\"conference-new\">%s</a></p>",
                    _("Organise a conference"));
    buf_adds(&b, "</div>");
    html_printf(&b, "<p class=\"filters\"><a href=\"/conferences\"%r>%s</a> · <a href=\"/conferences?when=upcoming\"%r>%s</a> · "
                    "<a href=\"/conferences?when=past\"%r>%s</a>",
                !when || !*when ? " aria-current=\"page\"" : "", _("All"),
                str_eq(when, "upcoming") ? " aria-current=\"page\"" : "", _("Upcoming"),
                str_eq(when, "past") ? " aria-current=\"page\"" : "", _("Past"));
    if (h->actor.role == ROLE_SUPERVISOR)
        html_printf(&b, " · <a href=\"/conferences?scope=mine\"%r>%s</a>",
                    str_eq(scope, "mine") ? " aria-current=\"page\"" : "", _("Only those I take part in"));
    buf_adds(&b, "</p>");
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items))
        html_printf(&b, "<p class=\"card\" id=\"conferences-none\">%s</p>", _("No conference."));
    else {
        html_printf(&b,
                    "<table class=\"list\" id=\"conferences\"><caption class=\"sr\">%s</caption><thead><tr>"
                    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "</tr></thead><tbody>",
                    _("Case conferences"), _("When"), _("Conference"), _("Organiser"), _("Clients discussed"));
        size_t i;
        json_t *r;
        json_array_foreach(items, i, r)
        {
            int up = json_is_true(json_object_get(r, "upcoming"));
            html_printf(&b, "<tr data-conference-id=\"%D\" class=\"%s\"><td data-label=\"%s\" class=\"date\">",
                        page_int(r, "id"), up ? "upcoming" : "past", _("When"));
            page_when(&b, jstr(r, "held_at"));
            if (up)
                html_printf(&b, " <span class=\"badge\">%s</span>", _("upcoming"));
            html_printf(&b, "</td><td data-label=\"%s\"><a href=\"/conferences/%D\">%s</a><br><span class=\"small muted\">%s</span></td>",
                        _("Conference"), page_int(r, "id"), jstr(r, "title"), jstr(r, "organisation"));
            html_printf(&b, "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%N</td></tr>", _("Organiser"),
                        jstr(r, "organiser_name"), _("Clients discussed"), page_int(r, "clients_count"));
        }
        buf_adds(&b, "</tbody></table>");
    }
    struct buf more;
    buf_init(&more);
    buf_adds(&more, "/conferences?");
    if (str_eq(when, "upcoming") || str_eq(when, "past"))
        buf_printf(&more, "when=%s&", when);
    if (str_eq(scope, "mine"))
        buf_adds(&more, "scope=mine&");
    page_more(&b, env, more.data, _("More conferences"), "conferences-more");
    buf_free(&more);
    json_decref(env);
    page_send(h, 200, &b);
}

/* ---- a new conference ---- */

static void new_page(struct hreq *h, int status, const struct fstate *fs)
{
    if (!access_may(&h->ctx, RES_CONFERENCE, ACT_CREATE, 0)) {
        reply_problem(h, 403, _("Not allowed"), _("Supervisors, case managers and clinicians organise conferences."), NULL);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Organise a conference"));
    html_printf(&b, "<p class=\"crumbs\"><a href=\"/conferences\">← %s</a></p><h1>%s</h1>", _("Case conferences"),
                _("Organise a conference"));
    form_failure(&b, fs);
    json_t *opts = json_pack("{s:o}", "staff", staff_opts(h, 1));
    char now[20];
    page_local_now(now);
    json_t *vals = json_pack("{s:s}", "held_at", now);
    form_show(h, &b, &form_new, &(struct form_view){.opts = opts, .vals = vals, .fs = fs});
    json_decref(vals);
    json_decref(opts);
    page_send(h, status, &b);
}

static void pg_conference_new(struct hreq *h)
{
    new_page(h, 200, NULL);
}

static void pg_conference_create(struct hreq *h)
{
    form_post(h, &form_new);
}

/* ---- the conference page ---- */

/* The forms of one decision: a task, or a step in the client's care plan (plans: the client's). */
static void decision_forms(struct hreq *h, struct buf *b, json_t *d, int64_t conf_id, json_t *plan,
                           const struct fstate *fs)
{
    int64_t id = page_int(d, "id");
    json_t *hid = json_pack("{s:I}", "conference", (json_int_t)conf_id);
    form_show(h, b, &form_task, &(struct form_view){.target = id, .hidden = hid, .fs = fs, .sr = jstr(d, "text")});
    if (plan) {
        json_t *goals = json_array(), *g;
        size_t i;
        json_array_foreach(json_object_get(plan, "goals"), i, g)
        {
            char dl[80], l[300];
            snprintf(l, sizeof l, "%s: %s", ui_vlabel("service domain", jstr(g, "domain"), dl, sizeof dl), jstr(g, "client_words"));
            json_array_append_new(goals, json_pack("[s,s]", jstr(g, "key"), l));
        }
        json_t *ph = json_pack("{s:I,s:I,s:I}", "conference", (json_int_t)conf_id, "version",
                               (json_int_t)page_int(plan, "version"), "plan_id", (json_int_t)page_int(plan, "id"));
        json_t *opts = json_pack("{s:o}", "goal_key", goals);
        form_show(h, b, &form_plan,
                  &(struct form_view){.target = id, .hidden = ph, .opts = opts, .fs = fs, .sr = jstr(d, "text")});
        json_decref(ph);
        json_decref(opts);
    } else
        html_printf(b, "<p class=\"small muted\">%s</p>", _("The client has no care plan yet: a decision can change one once it is written."));
    json_decref(hid);
}

/* The part about one client (the reader may see it). */
static void client_part(struct hreq *h, struct buf *b, json_t *seen, int64_t conf_id, const struct fstate *fs)
{
    int64_t item_id = page_int(seen, "item_id"), cid = page_int(seen, "client_id");
    json_t *it = NULL;
    html_printf(b, "<section class=\"card part\" id=\"part-%D\" aria-labelledby=\"part-%D-h\"><h2 id=\"part-%D-h\">"
                   "<a href=\"/clients/%D\">",
                item_id, item_id, item_id, cid);
    page_name(b, seen);
    buf_adds(b, "</a></h2>");
    if (conference_item_get(&h->ctx, item_id, &it) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        page_errors_reset(&h->ctx);
        h->ctx.msg[0] = 0;
        return;
    }
    html_printf(b, "<h3>%s</h3><p class=\"question\">%s</p>", _("The question brought"), jstr(it, "question"));
    html_printf(b, "<h3>%s</h3>", _("The discussion"));
    if (*jstr(it, "summary"))
        html_printf(b, "<p class=\"summary\" id=\"summary-%D\">%s</p>", item_id, jstr(it, "summary"));
    else
        html_printf(b, "<p class=\"muted\" id=\"summary-%D\">%s</p>", item_id, _("Not recorded yet."));
    int may_update = access_may(&h->ctx, RES_CONFERENCE_CLIENT, ACT_UPDATE, cid);
    int may_act = access_may(&h->ctx, RES_CONFERENCE_CLIENT, ACT_REVIEW, cid);
    json_t *hid = json_pack("{s:I,s:I}", "conference", (json_int_t)conf_id, "version", (json_int_t)page_int(it, "version"));
    if (may_update) {
        json_t *vals = json_pack("{s:s,s:s}", "question", jstr(it, "question"), "summary", jstr(it, "summary"));
        form_show(h, b, &form_summary, &(struct form_view){.target = item_id, .hidden = hid, .vals = vals, .fs = fs});
        json_decref(vals);
    }
    html_printf(b, "<h3>%s</h3>", _("Decisions"));
    json_t *ds = json_object_get(it, "decisions");
    json_t *plan = NULL;
    if (may_act) {
        json_t *plans = NULL;
        if (careplan_for_client(&h->ctx, cid, &plans) == OK)
            plan = json_incref(json_array_get(json_object_get(plans, "items"), 0));
        else
            page_errors_reset(&h->ctx);
        h->ctx.msg[0] = 0;
        json_decref(plans);
    }
    if (!json_array_size(ds))
        html_printf(b, "<p class=\"muted\">%s</p>", _("No decision yet."));
    else {
        html_printf(b, "<ol class=\"decisions\" id=\"decisions-%D\">", item_id);
        size_t i;
        json_t *d;
        json_array_foreach(ds, i, d)
        {
            html_printf(b, "<li data-decision-id=\"%D\"><p>%s <span class=\"small muted\">%s</span></p>", page_int(d, "id"),
                        jstr(d, "text"), jstr(d, "made_by_name"));
            if (json_is_null(json_object_get(d, "became")) && may_act)
                decision_forms(h, b, d, conf_id, plan, fs);
            else
                became(b, d);
            buf_adds(b, "</li>");
        }
        buf_adds(b, "</ol>");
    }
    json_decref(plan);
    if (may_update) {
        json_t *dh = json_pack("{s:I}", "conference", (json_int_t)conf_id);
        form_show(h, b, &form_decide, &(struct form_view){.target = item_id, .hidden = dh, .fs = fs});
        json_decref(dh);
    }
    json_decref(hid);
    html_printf(b, "<p class=\"actions\"><a class=\"button small\" href=\"/conference-clients/%D/print\" id=\"minutes-%D\">%s<span class=\"sr\"> — ",
                item_id, item_id, _("Minutes for this client"));
    page_name(b, seen);
    buf_adds(b, "</span></a></p></section>");
    json_decref(it);
}

static void conference_page(struct hreq *h, int64_t id, int status, const struct fstate *fs)
{
    json_t *conf = NULL;
    audit_view(&h->ctx);
    int rc = conference_get(&h->ctx, id, &conf);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, jstr(conf, "title"));
    html_printf(&b, "<p class=\"crumbs\"><a href=\"/conferences\">← %s</a></p><h1 id=\"conference-title\">%s</h1>",
                _("Case conferences"), jstr(conf, "title"));
    page_flash(h, &b);
    form_failure(&b, fs);
    int may_change = json_is_true(json_object_get(conf, "may_change"));
    json_t *hid = json_pack("{s:I,s:I}", "conference", (json_int_t)id, "version", (json_int_t)page_int(conf, "version"));
    html_printf(&b, "<section class=\"card\" id=\"people\" aria-labelledby=\"people-h\"><h2 id=\"people-h\">%s</h2>",
                _("The conference"));
    general(&b, conf);
    if (may_change) {
        json_t *opts = json_pack("{s:o}", "staff_id", staff_opts(h, 0));
        form_show(h, &b, &form_staff, &(struct form_view){.target = id, .hidden = hid, .opts = opts, .fs = fs});
        json_decref(opts);
        form_show(h, &b, &form_guest, &(struct form_view){.target = id, .hidden = hid, .fs = fs});
        json_t *ps = json_array(), *gs = json_array(), *present = json_object(), *pl = json_array(), *gl = json_array();
        size_t i;
        json_t *p;
        json_array_foreach(json_object_get(conf, "staff"), i, p)
        {
            char v[24];
            snprintf(v, sizeof v, "%lld", (long long)page_int(p, "staff_id"));
            json_array_append_new(ps, json_pack("[s,s]", v, jstr(p, "name")));
            if (json_is_true(json_object_get(p, "attended")))
                json_array_append_new(pl, json_string(v));
        }
        json_array_foreach(json_object_get(conf, "guests"), i, p)
        {
            char v[24], l[420];
            snprintf(v, sizeof v, "%lld", (long long)page_int(p, "id"));
            snprintf(l, sizeof l, "%s (%s)", jstr(p, "name"), jstr(p, "role"));
            json_array_append_new(gs, json_pack("[s,s]", v, l));
            if (json_is_true(json_object_get(p, "attended")))
                json_array_append_new(gl, json_string(v));
        }
        json_object_set_new(present, "present_staff", pl);
        json_object_set_new(present, "present_guests", gl);
        json_t *aopts = json_pack("{s:o,s:o}", "present_staff", ps, "present_guests", gs);
        form_show(h, &b, &form_attendance,
                  &(struct form_view){.target = id, .hidden = hid, .opts = aopts, .vals = present, .fs = fs});
        json_decref(aopts);
        json_decref(present);
    }
    buf_adds(&b, "</section>");
    /* the clients discussed: only those the reader may see */
    html_printf(&b, "<h2 id=\"agenda-h\">%s</h2>", _("Clients discussed"));
    json_t *clients = json_object_get(conf, "clients");
    int64_t hidden = page_int(conf, "clients_hidden");
    if (!json_array_size(clients) && !hidden)
        html_printf(&b, "<p class=\"muted\" id=\"agenda-none\">%s</p>", _("No client on the agenda yet."));
    if (hidden)
        html_printf(&b, "<p class=\"muted\" id=\"agenda-hidden\">%s</p>",
                    hidden == 1 ? _("And 1 client whose part you may not see.")
                                : _("And other clients whose part you may not see."));
    size_t i;
    json_t *r;
    json_array_foreach(clients, i, r) client_part(h, &b, r, id, fs);
    if (may_change) {
        json_t *mine = NULL, *opts = json_array();
        if (my_clients(&h->ctx, &(struct page){NULL, 200}, &mine) == OK) {
            json_array_foreach(json_object_get(mine, "items"), i, r)
            {
                if (!access_may(&h->ctx, RES_CONFERENCE_CLIENT, ACT_CREATE, page_int(r, "id")))
                    continue;
                char v[24], l[300];
                snprintf(v, sizeof v, "%lld", (long long)page_int(r, "id"));
                page_name_text(r, l, sizeof l);
                json_array_append_new(opts, json_pack("[s,s]", v, l));
            }
        }
        json_decref(mine);
        json_t *o = json_pack("{s:o}", "client_id", opts);
        form_show(h, &b, &form_client, &(struct form_view){.target = id, .hidden = hid, .opts = o, .fs = fs});
        json_decref(o);
    }
    json_decref(hid);
    json_decref(conf);
    page_send(h, status, &b);
}

static void pg_conference(struct hreq *h)
{
    conference_page(h, h->id[0], 200, NULL);
}
static void pg_participant(struct hreq *h)
{
    form_post(h, &form_staff);
}
static void pg_guest(struct hreq *h)
{
    form_post(h, &form_guest);
}
static void pg_attendance(struct hreq *h)
{
    form_post(h, &form_attendance);
}
static void pg_agenda(struct hreq *h)
{
    form_post(h, &form_client);
}
static void pg_discussion(struct hreq *h)
{
    form_post(h, &form_summary);
}
static void pg_decide(struct hreq *h)
{
    form_post(h, &form_decide);
}
static void pg_decision_task(struct hreq *h)
{
    form_post(h, &form_task);
}
static void pg_decision_plan(struct hreq *h)
{
    form_post(h, &form_plan);
}

/* ---- the minutes of one client ---- */

static void pg_minutes(struct hreq *h)
{
    json_t *it = NULL;
    audit_view(&h->ctx);
    int rc = conference_item_get(&h->ctx, h->id[0], &it);
    if (rc != OK) {
        page_client_error(h, rc);
        return;
    }
    json_t *conf = json_object_get(it, "conference");
    char title[300];
    snprintf(title, sizeof title, "%s: %s", _("Minutes"), jstr(conf, "title"));
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, title);
    html_printf(&b, "<p class=\"crumbs no-print\"><a href=\"/clients/%D#conferences\">← ", page_int(it, "client_id"));
    page_name(&b, it);
    buf_adds(&b, "</a></p>");
    html_printf(&b, "<article class=\"card paper\" id=\"minutes\"><h1>%s</h1><p class=\"paper-who\">%s</p>", jstr(conf, "title"),
                _("Minutes of a case conference, for one client: what was said about other clients is not part of them."));
    general(&b, conf);
    html_printf(&b, "<h2>%s: ", _("Client discussed"));
    page_name(&b, it);
    html_printf(&b, "</h2><h3>%s</h3><p>%s</p><h3>%s</h3><p id=\"minutes-summary\">%s</p><h3>%s</h3>", _("The question brought"),
                jstr(it, "question"), _("The discussion"), *jstr(it, "summary") ? jstr(it, "summary") : _("Not recorded."),
                _("Decisions"));
    json_t *ds = json_object_get(it, "decisions");
    if (!json_array_size(ds))
        html_printf(&b, "<p>%s</p>", _("No decision."));
    else {
        buf_adds(&b, "<ol class=\"decisions\" id=\"minutes-decisions\">");
        size_t i;
        json_t *d;
        json_array_foreach(ds, i, d)
        {
            html_printf(&b, "<li><p>%s</p>", jstr(d, "text"));
            became(&b, d);
            buf_adds(&b, "</li>");
        }
        buf_adds(&b, "</ol>");
    }
    html_printf(&b, "<p class=\"small muted\">%s %D · %s %s</p>", _("Conference no."), page_int(conf, "id"), _("Printed by"),
                h->actor.name);
    html_printf(&b, "<p class=\"actions no-print\"><button type=\"button\" data-print hidden>%s</button></p></article>",
                _("Print"));
    json_decref(it);
    page_send(h, 200, &b);
}

/* ---- the section on the client page, and all of them on a page of their own ---- */

/* The conferences where the client was discussed, a page of them (env from conference_of_client). */
static void client_parts(struct buf *b, json_t *env)
{
    json_t *rows = json_object_get(env, "items");
    if (!json_array_size(rows)) {
        html_printf(b, "<p class=\"muted\" id=\"conferences-none\">%s</p>", _("Not discussed at a case conference."));
        return;
    }
    buf_adds(b, "<ul class=\"plain\" id=\"client-conferences\">");
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        html_printf(b, "<li data-part-id=\"%D\">", page_int(r, "id"));
        page_when(b, jstr(r, "held_at"));
        html_printf(b, " · <a href=\"/conference-clients/%D/print\">%s</a> <span class=\"small muted\">%s · ",
                    page_int(r, "id"), jstr(r, "title"), jstr(r, "organisation"));
        html_printf(b, _("%D decisions"), page_int(r, "decisions"));
        html_printf(b, "</span><br><span class=\"small\">%s</span></li>", jstr(r, "question"));
    }
    buf_adds(b, "</ul>");
}

static void conference_section(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    (void)fs;
    int64_t cid = page_int(client, "id");
    if (!access_may(&h->ctx, RES_CONFERENCE_CLIENT, ACT_LIST, cid))
        return;
    json_t *env = NULL;
    if (conference_of_client(&h->ctx, cid, &(struct page){NULL, 10}, &env) != OK) {
        page_errors_reset(&h->ctx);
        h->ctx.msg[0] = 0;
        return;
    }
    html_printf(b,
                "<section class=\"card\" id=\"conferences\" aria-labelledby=\"cf-h\"><div class=\"section-head\"><h2 "
                "id=\"cf-h\">%s</h2></div>",
                _("Case conferences"));
    client_parts(b, env);
    if (!json_is_null(json_object_get(env, "next")))
        html_printf(b, "<p class=\"small\"><a href=\"/clients/%D/conferences\" id=\"client-conferences-all\">%s</a></p>",
                    cid, _("All the conferences where the client was discussed"));
    buf_adds(b, "</section>");
    json_decref(env);
}
/* Case conferences (main column), after the care plan and its linkages. */
CLIENT_SECTION(conference_section, "main-92-conference");

/* GET /clients/{id}/conferences: all of them, a page at a time. */
static void pg_client_conferences(struct hreq *h)
{
    char here[64];
    snprintf(here, sizeof here, "/clients/%lld/conferences", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here);
    if (!c)
        return;
    json_t *env = NULL;
    int rc = conference_of_client(&h->ctx, h->id[0], &(struct page){qstr(h, "after"), 50}, &env);
    if (rc != OK) {
        json_decref(c);
        page_client_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Case conferences"));
    page_client_head(h, &b, c, _("Case conferences"));
    buf_adds(&b, "<section class=\"card\">");
    client_parts(&b, env);
    char base[80];
    snprintf(base, sizeof base, "/clients/%lld/conferences?", (long long)h->id[0]);
    page_more(&b, env, base, _("Older conferences"), "client-conferences-more");
    buf_adds(&b, "</section>");
    json_decref(env);
    json_decref(c);
    page_send(h, 200, &b);
}

#define A ROLES_STAFF
const struct route ui_conference_routes[] = {
    {"GET", "/conferences", pg_conferences, A, 0},
    {"GET", "/conferences/new", pg_conference_new, A, 0},
    {"POST", "/conferences", pg_conference_create, A, 0},
    {"GET", "/conferences/{id}", pg_conference, A, 0},
    {"POST", "/conferences/{id}/participants", pg_participant, A, 0},
    {"POST", "/conferences/{id}/guests", pg_guest, A, 0},
    {"POST", "/conferences/{id}/attendance", pg_attendance, A, 0},
    {"POST", "/conferences/{id}/clients", pg_agenda, A, 0},
    {"POST", "/conference-clients/{id}", pg_discussion, A, 0},
    {"POST", "/conference-clients/{id}/decisions", pg_decide, A, 0},
    {"GET", "/conference-clients/{id}/print", pg_minutes, A, 0},
    {"GET", "/clients/{id}/conferences", pg_client_conferences, A, 0},
    {"POST", "/conference-decisions/{id}/task", pg_decision_task, A, 0},
    {"POST", "/conference-decisions/{id}/plan-change", pg_decision_plan, A, 0},
    {0},
};
HTTP_ROUTES(ui_conference_routes, "ui-11-conference");
