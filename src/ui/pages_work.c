/* pages_work: "my work", the first page after logging in: tasks due (overdue first) with done
 * and reassign, my caseload, and the clients I looked at recently. */
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

static void work_page(struct hreq *h, int status, const struct fstate *fs);
static void reassign_page(struct hreq *h, int status, const struct fstate *fs);

static const struct form_field done_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("next", FI_HIDDEN, NULL, 0),
    F("status", FI_HIDDEN, NULL, FF_IN),
    {0},
};
static const struct form form_done = {.id = "done",
                                      .pfx = "d",
                                      .action = "/tasks/{id}/done",
                                      .cls = "inline done-form",
                                      .submit = N_("Done"),
                                      .button = "small",
                                      .flash = "task-done",
                                      .done = "/",
                                      .fields = done_fields,
                                      .update = task_update,
                                      .page = work_page,
                                      .flags = FORM_MANY | FORM_NEXT};

static const struct form_field reassign_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("assignee", FI_STAFF, N_("Give to"), FF_REQ),
    {0},
};
/* On a page of its own (/tasks/{id}/reassign): the list of staff is drawn once there, not in every
 * row of "my work" (90 people in every row made the page 58 KB). */
static const struct form form_reassign = {.id = "reassign",
                                          .action = "/tasks/{id}/reassign",
                                          .cls = "reassign",
                                          .submit = N_("Reassign"),
                                          .flash = "task-reassigned",
                                          .done = "/#tasks",
                                          .cancel = "/#tasks",
                                          .fields = reassign_fields,
                                          .update = task_update,
                                          .page = reassign_page};

void task_done_form(struct hreq *h, struct buf *b, json_t *t, const char *next)
{
    json_t *hid = json_pack("{s:I,s:s,s:s}", "version", (json_int_t)page_int(t, "version"), "next", next,
                            "status", "done");
    form_show(h, b, &form_done,
              &(struct form_view){.target = page_int(t, "id"), .hidden = hid, .sr = jstr(t, "title")});
    json_decref(hid);
}

static void task_row(struct hreq *h, struct buf *b, json_t *t)
{
    int64_t id = page_int(t, "id"), cid = page_int(t, "client_id");
    int overdue = json_is_true(json_object_get(t, "overdue"));
    const char *prio = jstr(t, "priority");
    char pl[40];
    html_printf(b, "<tr class=\"task%r\" data-task-id=\"%D\"><td class=\"due\" data-label=\"%s\">",
                overdue ? " overdue" : "", id, _("Due"));
    if (*jstr(t, "due"))
        html_printf(b, "%s", jstr(t, "due"));
    else
        buf_adds(b, "—");
    if (overdue)
        html_printf(b, " <span class=\"badge overdue\">%s</span>", _("Overdue"));
    html_printf(b, "</td><td data-label=\"%s\"><span class=\"task-title\">%s</span>", _("Task"),
                jstr(t, "title"));
    if (str_eq(jstr(t, "source"), "rule"))
        html_printf(b, " <span class=\"muted small\">%s</span>", _("(from a rule)"));
    else if (page_int(t, "created_by") && page_int(t, "created_by") != h->actor.staff_id) {
        buf_adds(b, " <span class=\"muted small\">");
        /* TRANSLATORS: who gave the task; %s is their name */
        html_printf(b, _("(from %s)"), jstr(t, "created_by_name"));
        buf_adds(b, "</span>");
    }
    html_printf(b, "</td><td data-label=\"%s\">", _("Client"));
    char nm[256];
    if (!cid)
        buf_adds(b, "—");
    else if (json_is_true(json_object_get(t, "client_hidden")))
        html_printf(b, "<span class=\"muted\">%s</span>", _("(no access now)"));
    else
        html_printf(b, "<a href=\"/clients/%D\">%s</a>", cid, page_name_text(t, nm, sizeof nm));
    html_printf(
        b, "</td><td data-label=\"%s\"><span class=\"badge prio-%s\">%s</span></td><td class=\"actions\">",
        _("Priority"), prio, ui_vlabel("priority", prio, pl, sizeof pl));
    task_done_form(h, b, t, "/#tasks");
    html_printf(b, "<a class=\"button small\" href=\"/tasks/%D/reassign\">%s<span class=\"sr\"> — %s"
                   "</span></a></td></tr>",
                id, _("Reassign"), jstr(t, "title"));
}

static void tasks_section(struct hreq *h, struct buf *b)
{
    json_t *env = NULL, *tasks;
    html_printf(
        b, "<section class=\"card wide\" id=\"tasks\" aria-labelledby=\"tasks-h\"><h2 id=\"tasks-h\">%s</h2>",
        _("Tasks due"));
    /* a page of them (?after= for the next): a long list is never cut without a way on */
    if (task_mine(&h->ctx, &(struct page){qstr(h, "after"), 0}, &env) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        h->ctx.msg[0] = 0;
        return;
    }
    tasks = json_object_get(env, "items");
    if (!json_array_size(tasks)) {
        html_printf(b, "<p class=\"muted\" id=\"no-tasks\">%s</p></section>", _("Nothing due. Well done."));
        json_decref(env);
        return;
    }
    html_printf(
        b,
        "<table class=\"list\" id=\"task-list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
        "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\"><span class=\"sr\">%s"
        "</span></th></tr></thead><tbody>",
        _("Due"), _("Task"), _("Client"), _("Priority"), _("Actions"));
    size_t i;
    json_t *t;
    json_array_foreach(tasks, i, t) task_row(h, b, t);
    buf_adds(b, "</tbody></table>");
    page_more(b, env, "/?", _("More tasks"), "tasks-more");
    buf_adds(b, "</section>");
    json_decref(env);
}

static void clients_section(struct hreq *h, struct buf *b)
{
    json_t *rows = NULL;
    if (my_clients(&h->ctx, NULL, &rows) != OK) {
        h->ctx.msg[0] = 0;
        return;
    }
    rows = page_items(rows);
    if (!json_array_size(rows) && !access_may(&h->ctx, RES_CLIENT, ACT_LIST, 0)) {
        json_decref(rows);
        return;
    }
    html_printf(
        b,
        "<section class=\"card wide\" aria-labelledby=\"mine-h\"><h2 id=\"mine-h\">%s <span class=\"count\">"
        "%N</span></h2>",
        _("My clients"), (int64_t)json_array_size(rows));
    if (!json_array_size(rows)) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", _("You are not on any open care team."));
        json_decref(rows);
        return;
    }
    html_printf(
        b,
        "<table class=\"list\" id=\"my-clients\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
        "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
        "<tbody>",
        _("Name"), _("Programme"), _("Status"), _("Open tasks"), _("Last contact"));
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        char l1[80], l2[80];
        html_printf(b, "<tr data-client-id=\"%D\"><td data-label=\"%s\"><a href=\"/clients/%D\">",
                    page_int(r, "id"), _("Name"), page_int(r, "id"));
        page_name(b, r);
        buf_adds(b, "</a>");
        if (json_is_true(json_object_get(r, "is_primary")))
            html_printf(b, " <span class=\"badge\">%s</span>", _("primary"));
        html_printf(
            b,
            "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%D</td>"
            "<td class=\"date\" data-label=\"%s\">%s</td></tr>",
            _("Programme"), ui_vlabel("programme", jstr(r, "programme"), l1, sizeof l1), _("Status"),
            ui_vlabel("episode status", jstr(r, "episode_status"), l2, sizeof l2), _("Open tasks"), page_int(r, "open_tasks"),
            _("Last contact"), *jstr(r, "last_contact") ? jstr(r, "last_contact") : "—");
    }
    buf_adds(b, "</tbody></table></section>");
    json_decref(rows);
}

static void recent_section(struct hreq *h, struct buf *b)
{
    json_t *rows = NULL;
    if (!access_may(&h->ctx, RES_CLIENT, ACT_LIST, 0))
        return;
    if (audit_recent_clients(&h->ctx, 8, &rows) != OK)
        h->ctx.msg[0] = 0;
    html_printf(b, "<section class=\"card side\" aria-labelledby=\"recent-h\"><h2 id=\"recent-h\">%s</h2>",
                _("Recently viewed"));
    if (!json_array_size(rows)) {
        html_printf(b, "<p class=\"muted\" id=\"recent\">%s</p></section>",
                    _("The clients you open appear here."));
        json_decref(rows);
        return;
    }
    buf_adds(b, "<ul class=\"plain links\" id=\"recent\">");
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        html_printf(b, "<li><a href=\"/clients/%D\">", page_int(r, "id"));
        page_name(b, r);
        buf_adds(b, "</a> <span class=\"muted small\">");
        page_when(b, jstr(r, "viewed_at"));
        buf_adds(b, "</span></li>");
    }
    buf_adds(b, "</ul></section>");
    json_decref(rows);
}

static void work_page(struct hreq *h, int status, const struct fstate *fs)
{
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("My work"));
    page_flash(h, &b);
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1>", _("My work"));
    if (access_may(&h->ctx, RES_CLIENT, ACT_LIST, 0))
        html_printf(
            &b,
            "<form method=\"get\" action=\"/clients\" class=\"quick\" role=\"search\" id=\"quick-search\">"
            "<label for=\"qs\" class=\"sr\">%s</label><input id=\"qs\" name=\"q\" type=\"search\" "
            "placeholder=\"%s\" autocomplete=\"off\"><button type=\"submit\">%s</button></form>",
            _("Find a client by name"), _("Find a client by name"), _("Find"));
    buf_adds(&b, "</div>");
    form_failure(&b, fs);
    buf_adds(&b, "<div class=\"columns\"><div class=\"main-col\">");
    tasks_section(h, &b);
    clients_section(h, &b);
    peer_work_section(h, &b);
    buf_adds(&b, "</div><div class=\"side-col\">");
    if (access_may(&h->ctx, RES_ORG, ACT_LIST, 0))
        html_printf(
            &b,
            "<section class=\"card\" aria-labelledby=\"adm-h\"><h2 id=\"adm-h\">%s</h2><ul class=\"plain "
            "links\"><li><a href=\"/admin/orgs\">%s</a></li><li><a href=\"/admin/staff\">%s</a></li><li>"
            "<a href=\"/break-glass\">%s</a></li></ul></section>",
            _("Administration"), _("Organisations"), _("Staff accounts"), _("Break-glass review"));
    if (access_may(&h->ctx, RES_BREAKGLASS, ACT_REVIEW, 0))
        html_printf(&b, "<section class=\"card\"><h2>%s</h2><p><a href=\"/break-glass\">%s</a></p></section>",
                    _("Supervision"), _("Emergency access waiting for review"));
    if (access_may(&h->ctx, RES_LINKAGE, ACT_REVIEW, 0))
        html_printf(&b,
                    "<section class=\"card\" id=\"dup-link\"><h2>%s</h2><p><a href=\"/linkages/duplicates\">%s</a></p>"
                    "</section>",
                    _("Duplicate services"), _("Clients whom two organisations serve in the same domain"));
    caseload_work_card(h, &b);
    recent_section(h, &b);
    buf_adds(&b, "</div></div>");
    page_send(h, status, &b);
}

void pg_work(struct hreq *h)
{
    if (ROLE_BIT(h->actor.role) & ROLES_AGGREGATE) { /* no client work: their home is the control tower */
        reply_redirect(h, "/evaluation");
        return;
    }
    work_page(h, 200, NULL);
}

/* ---- done and reassign ---- */

void pg_task_done(struct hreq *h)
{
    form_post(h, &form_done);
}

/* The reassign page: the task, and the one list of the staff it may be given to. */
static void reassign_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *t = NULL;
    int rc = task_get(&h->ctx, h->id[0], &t);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Reassign a task"));
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1></div>", _("Reassign a task"));
    form_failure(&b, fs);
    html_printf(&b, "<section class=\"card\" aria-labelledby=\"task-h\"><h2 id=\"task-h\">%s</h2><dl class=\"facts-list\">",
                jstr(t, "title"));
    char nm[256];
    if (page_int(t, "client_id") && *jstr(t, "given_name"))
        html_printf(&b, "<dt>%s</dt><dd><a href=\"/clients/%D\">%s</a></dd>", _("Client"), page_int(t, "client_id"),
                    page_name_text(t, nm, sizeof nm));
    html_printf(&b, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>", _("Due"),
                *jstr(t, "due") ? jstr(t, "due") : "—", _("Assigned to"), jstr(t, "assignee_name"));
    json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(t, "version"));
    json_t *vals = json_pack("{s:I}", "assignee", (json_int_t)page_int(t, "assignee"));
    form_show(h, &b, &form_reassign, &(struct form_view){.target = page_int(t, "id"), .vals = vals, .hidden = hid, .fs = fs});
    json_decref(vals);
    json_decref(hid);
    json_decref(t);
    buf_adds(&b, "</section>");
    page_send(h, status, &b);
}

void pg_task_reassign_page(struct hreq *h)
{
    reassign_page(h, 200, NULL);
}

void pg_task_reassign(struct hreq *h)
{
    form_post(h, &form_reassign);
}
