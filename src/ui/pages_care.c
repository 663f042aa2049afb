/* pages_care: the care parts of a client page and their forms: episodes of care and their status,
 * care teams, the client's contacts (read side) and tasks. Each POST redirects back to the client. */
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

static const char *const open_statuses[] = {"referred", "intake", "active", "on_hold", NULL};

static void care_again(struct hreq *h, int status, const struct fstate *fs)
{
    client_page(h, fs->client, status, fs);
}

static const struct form_field episode_fields[] = {
    ROW(2),
    F("programme", FI_SELECT, N_("Programme"), FF_REQ, .choices = programmes),
    F("target_group", FI_SELECT, N_("Target group"), FF_REQ, .choices = target_groups),
    F("status", FI_SELECT, N_("Status"), FF_REQ, .choices = open_statuses),
    F("start_date", FI_DATE, N_("Start date"), 0),
    ROW_END,
    F("primary_cm", FI_STAFF, N_("Primary case manager"), 0),
    F("reason", FI_TEXTAREA, N_("Reason"), FF_OMIT, .rows = 2,
      .hint = N_("Needed when the client has an open episode with another case manager and you are not on its care "
                 "team: they are told, and a supervisor reviews it.")),
    F_CAPACITY_REASON,
    {0},
};
const struct form form_episode = {.id = "episode-form",
                                  .pfx = "ep",
                                  .action = "/clients/{id}/episodes",
                                  .box = "details",
                                  .box_id = "new-episode",
                                  .summary = N_("Open a new episode of care"),
                                  .submit = N_("Open episode"),
                                  .button = "primary",
                                  .flash = "episode",
                                  .done = "/clients/{id}#episode-{r.id}",
                                  .reload = "/clients/{id}",
                                  .fields = episode_fields,
                                  .create = episode_create,
                                  .page = care_again,
                                  .flags = FORM_CLIENT_PATH};

static const struct form_field team_fields[] = {
    F("client_id", FI_HIDDEN, NULL, 0),
    ROW(3),
    F("staff_id", FI_STAFF, N_("Staff member"), FF_REQ),
    F("team_role", FI_SELECT, N_("Role in the team"), FF_REQ, .choices = team_roles),
    F("from_date", FI_DATE, N_("From"), 0),
    ROW_END,
    F_CAPACITY_REASON,
    {0},
};
static const struct form form_team = {.id = "team-form",
                                      .pfx = "tm",
                                      .action = "/episodes/{id}/team",
                                      .box = "details",
                                      .summary = N_("Add a care-team member"),
                                      .submit = N_("Add to the team"),
                                      .flash = "team",
                                      .done = "/clients/{client}#episode-{id}",
                                      .fields = team_fields,
                                      .create = team_add,
                                      .page = care_again,
                                      .flags = FORM_MANY | FORM_CLIENT};

static const struct form_field status_fields[] = {
    F("client_id", FI_HIDDEN, NULL, 0),
    F("version", FI_HIDDEN, NULL, 0),
    ROW(2),
    F("status", FI_SELECT, N_("Status"), FF_REQ, .choices = episode_statuses),
    F("target_group", FI_SELECT, N_("Target group"), FF_REQ, .choices = target_groups),
    ROW_END,
    F("discharge_reason", FI_TEXTAREA, N_("Discharge reason (when discharging)"), 0, .rows = 2),
    F("end_date", FI_DATE, N_("End date (when discharging; today if empty)"), 0),
    {0},
};
static const struct form form_status = {
    .id = "status-form",
    .pfx = "st",
    .action = "/episodes/{id}",
    .box = "details",
    .summary = N_("Change status or discharge"),
    .submit = N_("Save"),
    .flash = "episode",
    .done = "/clients/{client}#episode-{id}",
    .fields = status_fields,
    .update = episode_update,
    .confirm = N_("Discharge this episode? The care team will lose access unless another episode is open."),
    .page = care_again,
    .flags = FORM_MANY | FORM_CLIENT | FORM_CONFIRM_DISCHARGE};

static int team_end_run(struct hreq *h, json_t *in)
{
    (void)in;
    return team_end(&h->ctx, h->id[0], &h->result);
}
static const struct form_field team_end_fields[] = {F("client_id", FI_HIDDEN, NULL, 0), {0}};
static const struct form form_team_end = {.id = "team-end",
                                          .pfx = "te",
                                          .action = "/team-members/{id}/end",
                                          .cls = "inline",
                                          .submit = N_("End"),
                                          .button = "small",
                                          .confirm =
                                              N_("End this person's membership of the care team today?"),
                                          .flash = "team",
                                          .done = "/clients/{client}#episode-{r.episode_id}",
                                          .reload = "/clients/{client}#episodes",
                                          .fields = team_end_fields,
                                          .run = team_end_run,
                                          .page = care_again,
                                          .flags = FORM_MANY | FORM_CLIENT};

static const struct form_field task_fields[] = {
    F("title", FI_TEXT, N_("What needs doing"), FF_REQ, .attrs = " maxlength=\"200\""),
    ROW(2),
    F("due", FI_DATE, N_("Due"), 0),
    F("priority", FI_SELECT, N_("Priority"), FF_REQ, .choices = task_priorities),
    ROW_END,
    F("assignee", FI_STAFF, N_("For"), FF_REQ),
    {0},
};
static const struct form form_task = {.id = "task-form",
                                      .pfx = "tk",
                                      .action = "/clients/{id}/tasks",
                                      .box = "details",
                                      .summary = N_("Add a task"),
                                      .submit = N_("Add task"),
                                      .flash = "task-added",
                                      .done = "/clients/{id}#tasks",
                                      .fields = task_fields,
                                      .create = task_create,
                                      .page = care_again,
                                      .flags = FORM_CLIENT_PATH};

void care_episode_form(struct hreq *h, struct buf *b, int64_t cid, const struct fstate *fs, int open)
{
    if (!access_may(&h->ctx, RES_EPISODE, ACT_CREATE, cid))
        return;
    char today[16];
    iso_today(today);
    json_t *def = json_pack("{s:s,s:s}", "status", "intake", "start_date", today);
    if (h->actor.role == ROLE_CASE_MANAGER)
        json_object_set_new(def, "primary_cm", json_integer(h->actor.staff_id));
    form_show(h, b, &form_episode, &(struct form_view){.target = cid, .vals = def, .fs = fs, .open = open});
    json_decref(def);
}

static int member_active(json_t *m)
{
    char today[16];
    iso_today(today);
    const char *to = jstr(m, "to_date");
    return !*to || strcmp(to, today) > 0;
}

static void team_table(struct hreq *h, struct buf *b, json_t *ep, int64_t cid)
{
    json_t *team = json_object_get(ep, "team");
    if (!json_array_size(team)) {
        html_printf(b, "<p class=\"muted\">%s</p>", _("No one is on this care team."));
        return;
    }
    int open = !str_eq(jstr(ep, "status"), "discharged") && access_may(&h->ctx, RES_TEAM, ACT_UPDATE, cid);
    html_printf(
        b,
        "<table class=\"list team\" id=\"team-%D\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
        "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\"><span class=\"sr\">%s"
        "</span></th></tr></thead><tbody>",
        page_int(ep, "id"), _("Name"), _("Team role"), _("Phone"), _("Since"), _("Actions"));
    size_t i;
    json_t *m;
    json_array_foreach(team, i, m)
    {
        char rl[80], dl[80];
        int active = member_active(m);
        html_printf(b, "<tr class=\"%s\" data-member-id=\"%D\"><td data-label=\"%s\">%s",
                    active ? "" : "ended", page_int(m, "id"), _("Name"), jstr(m, "display_name"));
        if (*jstr(m, "discipline"))
            html_printf(b, " <span class=\"muted small\">%s</span>",
                        ui_vlabel("discipline", jstr(m, "discipline"), dl, sizeof dl));
        html_printf(b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", _("Team role"),
                    ui_vlabel("team role", jstr(m, "team_role"), rl, sizeof rl), _("Phone"));
        if (*jstr(m, "phone"))
            html_printf(b, "<a href=\"tel:%s\">%s</a>", jstr(m, "phone"), jstr(m, "phone"));
        html_printf(b, "</td><td data-label=\"%s\">%s", _("Since"), jstr(m, "from_date"));
        if (*jstr(m, "to_date"))
            html_printf(b, " – %s", jstr(m, "to_date"));
        buf_adds(b, "</td><td class=\"actions\">");
        if (active && open) {
            json_t *hid = json_pack("{s:I}", "client_id", (json_int_t)cid);
            form_show(h, b, &form_team_end,
                      &(struct form_view){
                          .target = page_int(m, "id"), .hidden = hid, .sr = jstr(m, "display_name")});
            json_decref(hid);
        }
        buf_adds(b, "</td></tr>");
    }
    buf_adds(b, "</tbody></table>");
}

static void episode_forms(struct hreq *h, struct buf *b, json_t *ep, int64_t cid, json_t *opts,
                          const struct fstate *fs)
{
    int64_t eid = page_int(ep, "id");
    json_t *hid =
        json_pack("{s:I,s:I}", "client_id", (json_int_t)cid, "version", (json_int_t)page_int(ep, "version"));
    if (!str_eq(jstr(ep, "status"), "discharged") && access_may(&h->ctx, RES_TEAM, ACT_CREATE, cid))
        form_show(h, b, &form_team,
                  &(struct form_view){.target = eid, .hidden = hid, .opts = opts, .fs = fs});
    if (!access_may(&h->ctx, RES_EPISODE, ACT_UPDATE, cid)) {
        json_decref(hid);
        return;
    }
    json_t *vals = json_pack("{s:s,s:s,s:s}", "status", jstr(ep, "status"), "target_group",
                             jstr(ep, "target_group"), "discharge_reason", jstr(ep, "discharge_reason"));
    form_show(h, b, &form_status, &(struct form_view){.target = eid, .vals = vals, .hidden = hid, .fs = fs});
    json_decref(vals);
    json_decref(hid);
}

static void episodes_section(struct hreq *h, struct buf *b, int64_t cid, const struct fstate *fs)
{
    json_t *eps = NULL;
    html_printf(b, "<section class=\"card\" id=\"episodes\" aria-labelledby=\"ep-h\"><h2 id=\"ep-h\">%s</h2>",
                _("Episodes of care and care teams"));
    if (episode_list(&h->ctx, cid, NULL, &eps) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        h->ctx.msg[0] = 0;
        return;
    }
    eps = page_items(eps);
    if (!json_array_size(eps))
        html_printf(b, "<p class=\"muted\">%s</p>", _("No episode of care yet."));
    json_t *opts = json_object();
    json_object_set_new(opts, "staff_id", form_staff_choices(h));
    size_t i;
    json_t *ep;
    json_array_foreach(eps, i, ep)
    {
        char pl[80], sl[80], tl[80];
        const char *st = jstr(ep, "status");
        html_printf(
            b,
            "<article class=\"episode status-%s\" id=\"episode-%D\"><h3>%s <span class=\"badge st-%s\">%s"
            "</span></h3><p class=\"facts\">%s · %s",
            st, page_int(ep, "id"), ui_vlabel("programme", jstr(ep, "programme"), pl, sizeof pl), st,
            ui_vlabel("episode status", st, sl, sizeof sl), ui_vlabel("target group", jstr(ep, "target_group"), tl, sizeof tl),
            jstr(ep, "organisation"));
        if (*jstr(ep, "primary_cm_name"))
            html_printf(b, " · %s %s", _("primary case manager"), jstr(ep, "primary_cm_name"));
        buf_adds(b, " · ");
        page_since(b, jstr(ep, "start_date"));
        if (*jstr(ep, "end_date"))
            html_printf(b, " · %s %s", _("ended"), jstr(ep, "end_date"));
        buf_adds(b, "</p>");
        if (*jstr(ep, "discharge_reason"))
            html_printf(b, "<p><strong>%s</strong> %s</p>", _("Discharge reason:"),
                        jstr(ep, "discharge_reason"));
        team_table(h, b, ep, cid);
        episode_forms(h, b, ep, cid, opts, fs);
        buf_adds(b, "</article>");
    }
    care_episode_form(h, b, cid, fs, 0);
    buf_adds(b, "</section>");
    json_decref(opts);
    json_decref(eps);
}

/* The client's contacts, newest first, one page (pg) of them, with a link to the older ones. */
static int contacts_section(struct hreq *h, struct buf *b, int64_t cid, const struct page *pg)
{
    json_t *env = NULL, *rows;
    html_printf(
        b,
        "<section class=\"card\" id=\"contacts\" aria-labelledby=\"ct-h\"><div class=\"section-head\"><h2 "
        "id=\"ct-h\">%s</h2>",
        pg->after ? _("Older contacts") : _("Contacts"));
    if (access_may(&h->ctx, RES_CONTACT, ACT_CREATE, cid))
        html_printf(b, "<a class=\"button small\" href=\"/clients/%D/contacts/new\">%s</a>", cid,
                    _("Record a contact"));
    buf_adds(b, "</div>");
    int rc = contact_list(&h->ctx, cid, pg, &env);
    if (rc != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        h->ctx.msg[0] = 0;
        return rc;
    }
    rows = json_object_get(env, "items");
    if (!json_array_size(rows))
        html_printf(b, "<p class=\"muted\">%s</p>", _("No contact recorded yet."));
    else
        buf_adds(b, "<ol class=\"contacts\" id=\"contact-list\">");
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        char kl[80];
        int hidden = json_is_true(json_object_get(r, "hidden"));
        int restricted = page_int(r, "restricted") != 0;
        html_printf(b, "<li class=\"contact%r\" data-contact-id=\"%D\"><p class=\"meta\">",
                    restricted ? " restricted" : "", page_int(r, "id"));
        page_when(b, jstr(r, "at"));
        html_printf(b, " · <strong>%s</strong>", ui_vlabel("contact kind", jstr(r, "kind"), kl, sizeof kl));
        if (page_int(r, "duration_min")) {
            buf_adds(b, " · ");
            html_printf(b, _("%D min"), page_int(r, "duration_min"));
        }
        html_printf(b, " · %s", jstr(r, "staff_name"));
        if (restricted)
            html_printf(b, " <span class=\"badge restricted\">%s</span>", _("restricted"));
        if (page_int(r, "supersedes"))
            html_printf(b, " <span class=\"badge\">%s</span>", _("corrected"));
        buf_adds(b, "</p><p class=\"tags\">");
        size_t j;
        json_t *d;
        json_array_foreach(json_object_get(r, "domains"), j, d)
        {
            char dl[80];
            html_printf(b, "<span class=\"tag\">%s</span> ", ui_vlabel("service domain", json_string_value(d), dl, sizeof dl));
        }
        buf_adds(b, "</p>");
        if (hidden)
            html_printf(b, "<p class=\"restricted-note\">%s</p>",
                        _("Restricted note: you may not read its text."));
        else
            html_printf(b, "<div class=\"note-body\">%s</div>", jstr(r, "body"));
        html_printf(b, "<p class=\"small more\"><a href=\"/contacts/%D\">%s</a></p></li>", page_int(r, "id"),
                    _("Details and history"));
    }
    if (json_array_size(rows))
        buf_adds(b, "</ol>");
    char base[64];
    snprintf(base, sizeof base, "/clients/%lld/contacts?", (long long)cid);
    page_more(b, env, base, _("Older contacts"), "older-contacts");
    buf_adds(b, "</section>");
    json_decref(env);
    return OK;
}

#define CONTACTS_ON_CLIENT_PAGE 20
#define CONTACTS_PER_PAGE 50

/* Episodes with their teams, and the latest contacts (main column). */
static void care_sections(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    int64_t cid = page_int(client, "id");
    /* each only when the table lets the reader see it (another organisation: the classes granted) */
    if (access_may(&h->ctx, RES_EPISODE, ACT_LIST, cid))
        episodes_section(h, b, cid, fs);
    if (access_may(&h->ctx, RES_CONTACT, ACT_LIST, cid))
        contacts_section(h, b, cid, &(struct page){NULL, CONTACTS_ON_CLIENT_PAGE});
}
CLIENT_SECTION(care_sections, "main-3-care");

/* GET /clients/{id}/contacts?after=CURSOR: older contacts, a page at a time. */
void pg_contacts(struct hreq *h)
{
    char here[64];
    snprintf(here, sizeof here, "/clients/%lld/contacts", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here);
    if (!c)
        return;
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Contacts"));
    page_client_head(h, &b, c, _("Contacts"));
    int rc = contacts_section(h, &b, h->id[0], &(struct page){qstr(h, "after"), CONTACTS_PER_PAGE});
    json_decref(c);
    if (rc != OK) {
        buf_free(&b);
        page_client_error(h, rc);
        return;
    }
    html_printf(&b, "<p><a href=\"/clients/%D#contacts\">%s</a></p>", h->id[0], _("Back to the client"));
    ui_end(h, &b);
    reply_html(h, 200, &b);
}

static void care_tasks(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    int64_t cid = page_int(client, "id");
    json_t *rows = NULL;
    if (!access_may(&h->ctx, RES_TASK, ACT_LIST, cid))
        return;
    html_printf(b, "<section class=\"card\" id=\"tasks\" aria-labelledby=\"tk-h\"><h2 id=\"tk-h\">%s</h2>",
                _("Open tasks"));
    if (task_for_client(&h->ctx, cid, NULL, &rows) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        h->ctx.msg[0] = 0;
        return;
    }
    rows = page_items(rows);
    int shown = 0;
    size_t i;
    json_t *t;
    json_array_foreach(rows, i, t)
    {
        if (!str_eq(jstr(t, "status"), "open"))
            continue;
        if (!shown++)
            buf_adds(b, "<ul class=\"plain tasks\" id=\"client-tasks\">");
        int overdue = json_is_true(json_object_get(t, "overdue"));
        char pl[40];
        html_printf(
            b,
            "<li class=\"task%r\" data-task-id=\"%D\"><div class=\"task-main\"><span class=\"task-title\">"
            "%s</span>",
            overdue ? " overdue" : "", page_int(t, "id"), jstr(t, "title"));
        if (overdue)
            html_printf(b, " <span class=\"badge overdue\">%s</span>", _("Overdue"));
        html_printf(b,
                    "<div class=\"muted small\">%s · %s <span class=\"badge prio-%s\">%s</span></div></div>",
                    *jstr(t, "due") ? jstr(t, "due") : _("no due date"), jstr(t, "assignee_name"),
                    jstr(t, "priority"), ui_vlabel("priority", jstr(t, "priority"), pl, sizeof pl));
        int may = page_int(t, "assignee") == h->actor.staff_id ||
                  page_int(t, "created_by") == h->actor.staff_id ||
                  access_may(&h->ctx, RES_TASK, ACT_ADMINISTER, 0);
        if (!may) {
            buf_adds(b, "</li>");
            continue;
        }
        char next[64];
        snprintf(next, sizeof next, "/clients/%lld#tasks", (long long)cid);
        task_done_form(h, b, t, next);
        buf_adds(b, "</li>");
    }
    if (shown)
        buf_adds(b, "</ul>");
    else
        html_printf(b, "<p class=\"muted\">%s</p>", _("No open task."));
    json_decref(rows);
    if (!access_may(&h->ctx, RES_TASK, ACT_CREATE, cid)) {
        buf_adds(b, "</section>");
        return;
    }
    json_t *def = json_pack("{s:s,s:I}", "priority", "normal", "assignee", (json_int_t)h->actor.staff_id);
    form_show(h, b, &form_task, &(struct form_view){.target = cid, .vals = def, .fs = fs});
    json_decref(def);
    buf_adds(b, "</section>");
}
CLIENT_SECTION(care_tasks, "side-1-care-tasks");

/* ---- the writes ---- */

void pg_episode_create(struct hreq *h)
{
    form_post(h, &form_episode);
}
void pg_episode_update(struct hreq *h)
{
    form_post(h, &form_status);
}
void pg_team_add(struct hreq *h)
{
    form_post(h, &form_team);
}
void pg_team_end(struct hreq *h)
{
    form_post(h, &form_team_end);
}
void pg_client_task(struct hreq *h)
{
    form_post(h, &form_task);
}
