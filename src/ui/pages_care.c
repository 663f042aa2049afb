/* pages_care: the care parts of a client page and their forms: episodes of care and their status,
 * care teams, the client's contacts (read side) and tasks. Each POST redirects back to the client. */
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

static const char *const open_statuses[] = {"referred", "intake", "active", "on_hold", NULL};

static int is_form(const struct fstate *fs, const char *form, int64_t target)
{
    return fs && str_eq(fs->form, form) && fs->target == target;
}

static void hidden_client(struct buf *b, int64_t cid)
{
    html_printf(b, "<input type=\"hidden\" name=\"client_id\" value=\"%D\">", cid);
}

void care_episode_form(struct hreq *h, struct buf *b, int64_t cid, const struct fstate *fs, int open)
{
    if (!access_may(&h->ctx, RES_EPISODE, ACT_CREATE, cid))
        return;
    int mine = is_form(fs, "episode", 0);
    const char *p = mine ? "f" : "ep";
    char today[16];
    iso_today(today);
    json_t *def = json_pack("{s:s,s:s}", "status", "intake", "start_date", today);
    if (h->actor.role == ROLE_CASE_MANAGER)
        json_object_set_new(def, "primary_cm", json_integer(h->actor.staff_id));
    json_t *vals = mine ? fs->vals : def, *errs = mine ? fs->errs : NULL;
    html_printf(b, "<details class=\"form-box\" id=\"new-episode\"%r><summary>%s</summary>",
                mine || open ? " open" : "", _("Open a new episode of care"));
    html_printf(b, "<form method=\"post\" action=\"/clients/%D/episodes\" id=\"episode-form\">", cid);
    ui_csrf(h, b);
    buf_adds(b, "<div class=\"row2\">");
    pf_select(b, p, "programme", _("Programme"), programmes, vals, errs, 1);
    pf_select(b, p, "target_group", _("Target group"), target_groups, vals, errs, 1);
    pf_select(b, p, "status", _("Status"), open_statuses, vals, errs, 1);
    pf_input(b, p, "start_date", _("Start date"), "date", vals, errs, 0, NULL);
    buf_adds(b, "</div>");
    json_t *staff = page_staff(h);
    pf_staff(b, p, "primary_cm", _("Primary case manager"), staff, 0, page_int(vals, "primary_cm"), errs, 0);
    json_decref(staff);
    html_printf(
        b,
        "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button></div></form></details>",
        _("Open episode"));
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
                        ui_label(jstr(m, "discipline"), dl, sizeof dl));
        html_printf(b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", _("Team role"),
                    ui_label(jstr(m, "team_role"), rl, sizeof rl), _("Phone"));
        if (*jstr(m, "phone"))
            html_printf(b, "<a href=\"tel:%s\">%s</a>", jstr(m, "phone"), jstr(m, "phone"));
        html_printf(b, "</td><td data-label=\"%s\">%s", _("Since"), jstr(m, "from_date"));
        if (*jstr(m, "to_date"))
            html_printf(b, " – %s", jstr(m, "to_date"));
        buf_adds(b, "</td><td class=\"actions\">");
        if (active && open) {
            html_printf(
                b,
                "<form method=\"post\" action=\"/team-members/%D/end\" class=\"inline\" data-confirm=\"%s\">",
                page_int(m, "id"), _("End this person's membership of the care team today?"));
            ui_csrf(h, b);
            hidden_client(b, cid);
            html_printf(
                b,
                "<button type=\"submit\" class=\"small\">%s<span class=\"sr\"> — %s</span></button></form>",
                _("End"), jstr(m, "display_name"));
        }
        buf_adds(b, "</td></tr>");
    }
    buf_adds(b, "</tbody></table>");
}

static void episode_forms(struct hreq *h, struct buf *b, json_t *ep, int64_t cid, json_t *staff,
                          const struct fstate *fs)
{
    int64_t eid = page_int(ep, "id");
    char pfx[32];
    if (!str_eq(jstr(ep, "status"), "discharged") && access_may(&h->ctx, RES_TEAM, ACT_CREATE, cid)) {
        int mine = is_form(fs, "team", eid);
        snprintf(pfx, sizeof pfx, mine ? "f" : "tm%lld", (long long)eid);
        html_printf(b, "<details class=\"form-box\"%r><summary>%s</summary>", mine ? " open" : "",
                    _("Add a care-team member"));
        html_printf(b, "<form method=\"post\" action=\"/episodes/%D/team\" id=\"team-form-%D\">", eid, eid);
        ui_csrf(h, b);
        hidden_client(b, cid);
        buf_adds(b, "<div class=\"row3\">");
        pf_staff(b, pfx, "staff_id", _("Staff member"), staff, 0, mine ? page_int(fs->vals, "staff_id") : 0,
                 mine ? fs->errs : NULL, 1);
        pf_select(b, pfx, "team_role", _("Role in the team"), team_roles, mine ? fs->vals : NULL,
                  mine ? fs->errs : NULL, 1);
        pf_input(b, pfx, "from_date", _("From"), "date", mine ? fs->vals : NULL, mine ? fs->errs : NULL, 0,
                 NULL);
        html_printf(b,
                    "</div><div class=\"buttons\"><button type=\"submit\">%s</button></div></form></details>",
                    _("Add to the team"));
    }
    if (!access_may(&h->ctx, RES_EPISODE, ACT_UPDATE, cid))
        return;
    int mine = is_form(fs, "status", eid);
    snprintf(pfx, sizeof pfx, mine ? "f" : "st%lld", (long long)eid);
    json_t *vals =
        mine ? json_incref(fs->vals)
             : json_pack("{s:s,s:s,s:s}", "status", jstr(ep, "status"), "target_group",
                         jstr(ep, "target_group"), "discharge_reason", jstr(ep, "discharge_reason"));
    html_printf(b, "<details class=\"form-box\"%r><summary>%s</summary>", mine ? " open" : "",
                _("Change status or discharge"));
    html_printf(
        b,
        "<form method=\"post\" action=\"/episodes/%D\" id=\"status-form-%D\" data-confirm-discharge=\"%s\">",
        eid, eid,
        _("Discharge this episode? The care team will lose access unless another episode is open."));
    ui_csrf(h, b);
    hidden_client(b, cid);
    html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%D\"><div class=\"row2\">",
                page_int(ep, "version"));
    pf_select(b, pfx, "status", _("Status"), episode_statuses, vals, mine ? fs->errs : NULL, 1);
    pf_select(b, pfx, "target_group", _("Target group"), target_groups, vals, mine ? fs->errs : NULL, 1);
    buf_adds(b, "</div>");
    pf_textarea(b, pfx, "discharge_reason", _("Discharge reason (when discharging)"), vals,
                mine ? fs->errs : NULL, 0, 2);
    pf_input(b, pfx, "end_date", _("End date (when discharging; today if empty)"), "date", vals,
             mine ? fs->errs : NULL, 0, NULL);
    html_printf(b, "<div class=\"buttons\"><button type=\"submit\">%s</button></div></form></details>",
                _("Save"));
    json_decref(vals);
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
    json_t *staff = page_staff(h);
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
            st, page_int(ep, "id"), ui_label(jstr(ep, "programme"), pl, sizeof pl), st,
            ui_label(st, sl, sizeof sl), ui_label(jstr(ep, "target_group"), tl, sizeof tl),
            jstr(ep, "organisation"));
        if (*jstr(ep, "primary_cm_name"))
            html_printf(b, " · %s %s", _("primary case manager"), jstr(ep, "primary_cm_name"));
        html_printf(b, " · %s %s", _("since"), jstr(ep, "start_date"));
        if (*jstr(ep, "end_date"))
            html_printf(b, " · %s %s", _("ended"), jstr(ep, "end_date"));
        buf_adds(b, "</p>");
        if (*jstr(ep, "discharge_reason"))
            html_printf(b, "<p><strong>%s</strong> %s</p>", _("Discharge reason:"),
                        jstr(ep, "discharge_reason"));
        team_table(h, b, ep, cid);
        episode_forms(h, b, ep, cid, staff, fs);
        buf_adds(b, "</article>");
    }
    care_episode_form(h, b, cid, fs, 0);
    buf_adds(b, "</section>");
    json_decref(staff);
    json_decref(eps);
}

/* The client's contacts, newest first, one page (pg) of them, with a link to the older ones. */
static int contacts_section(struct hreq *h, struct buf *b, int64_t cid, const struct page *pg)
{
    json_t *env = NULL, *rows;
    html_printf(b,
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
        html_printf(b, " · <strong>%s</strong>", ui_label(jstr(r, "kind"), kl, sizeof kl));
        if (page_int(r, "duration_min"))
            html_printf(b, " · %D %s", page_int(r, "duration_min"), _("min"));
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
            html_printf(b, "<span class=\"tag\">%s</span> ", ui_label(json_string_value(d), dl, sizeof dl));
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

void care_sections(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    int64_t cid = page_int(client, "id");
    episodes_section(h, b, cid, fs);
    contacts_section(h, b, cid, &(struct page){NULL, CONTACTS_ON_CLIENT_PAGE});
}

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

void care_tasks(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    int64_t cid = page_int(client, "id");
    json_t *rows = NULL;
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
                    jstr(t, "priority"), ui_label(jstr(t, "priority"), pl, sizeof pl));
        int may = page_int(t, "assignee") == h->actor.staff_id ||
                  page_int(t, "created_by") == h->actor.staff_id || access_may(&h->ctx, RES_TASK, ACT_ADMINISTER, 0);
        if (!may) {
            buf_adds(b, "</li>");
            continue;
        }
        html_printf(b, "<form method=\"post\" action=\"/tasks/%D/done\" class=\"inline done-form\">",
                    page_int(t, "id"));
        ui_csrf(h, b);
        html_printf(
            b,
            "<input type=\"hidden\" name=\"version\" value=\"%D\"><input type=\"hidden\" name=\"next\" "
            "value=\"/clients/%D#tasks\"><button type=\"submit\" class=\"small\">%s<span class=\"sr\"> — %s"
            "</span></button></form></li>",
            page_int(t, "version"), cid, _("Done"), jstr(t, "title"));
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
    int mine = is_form(fs, "task", 0);
    const char *p = mine ? "f" : "tk";
    json_t *vals = mine ? fs->vals : NULL, *errs = mine ? fs->errs : NULL;
    html_printf(b, "<details class=\"form-box\"%r><summary>%s</summary>", mine ? " open" : "",
                _("Add a task"));
    html_printf(b, "<form method=\"post\" action=\"/clients/%D/tasks\" id=\"task-form\">", cid);
    ui_csrf(h, b);
    pf_input(b, p, "title", _("What needs doing"), "text", vals, errs, 1, " maxlength=\"200\"");
    buf_adds(b, "<div class=\"row2\">");
    pf_input(b, p, "due", _("Due"), "date", vals, errs, 0, NULL);
    json_t *def = json_pack("{s:s}", "priority", "normal");
    pf_select(b, p, "priority", _("Priority"), task_priorities, vals ? vals : def, errs, 1);
    json_decref(def);
    buf_adds(b, "</div>");
    json_t *staff = page_staff(h);
    int64_t who = page_int(vals, "assignee");
    pf_staff(b, p, "assignee", _("For"), staff, 0, who ? who : h->actor.staff_id, errs, 1);
    json_decref(staff);
    html_printf(b,
                "<div class=\"buttons\"><button type=\"submit\">%s</button></div></form></details></section>",
                _("Add task"));
}

/* ---- the writes ---- */

static json_t *pick(struct hreq *h, const char *const *names)
{
    json_t *in = json_object();
    for (; *names; names++)
        if (fstr(h, *names))
            json_object_set_new(in, *names, json_string(fstr(h, *names)));
    return in;
}

/* After a write: back to the client on success, the client page with the form's errors, or the error. */
static void back(struct hreq *h, int64_t cid, const char *key, const char *anchor, const char *form,
                 int64_t target)
{
    char loc[96];
    snprintf(loc, sizeof loc, "/clients/%lld%s", (long long)cid, anchor);
    if (h->rc == OK && cid) {
        page_redirect_msg(h, loc, key);
    } else if (h->rc == OK) {
        reply_redirect(h, "/");
    } else if (cid && (h->rc == ERR_INVALID || (h->rc == ERR_CONFLICT && str_eq(form, "team")))) {
        struct fstate fs = {
            .form = form, .target = target, .vals = h->body, .errs = json_incref(h->ctx.errors)};
        char msg[256];
        snprintf(msg, sizeof msg, "%s", h->ctx.msg);
        fs.msg = msg;
        client_page(h, cid, h->rc == ERR_INVALID ? 400 : 409, &fs);
        json_decref(fs.errs);
    } else if (cid && h->rc == ERR_CONFLICT) {
        page_conflict(h, loc);
    } else {
        page_client_error(h, h->rc);
    }
}

static int episode_create_w(struct hreq *h)
{
    return episode_create(&h->ctx, h->id[0], page_stashed(h), &h->result);
}
static void episode_create_done(struct hreq *h)
{
    char anchor[40];
    snprintf(anchor, sizeof anchor, "#episode-%lld", (long long)page_int(h->result, "id"));
    back(h, h->id[0], "episode", anchor, "episode", 0);
}
void pg_episode_create(struct hreq *h)
{
    static const char *const f[] = {"programme", "target_group", "status", "start_date", "primary_cm", NULL};
    page_stash(h, pick(h, f));
    http_write(h, episode_create_w, episode_create_done);
}

static int episode_update_w(struct hreq *h)
{
    return episode_update(&h->ctx, h->id[0], h->if_match, page_stashed(h), &h->result);
}
static void episode_update_done(struct hreq *h)
{
    char anchor[40];
    snprintf(anchor, sizeof anchor, "#episode-%lld", (long long)h->id[0]);
    int64_t cid = h->rc == OK ? page_int(h->result, "client_id") : page_int(h->body, "client_id");
    back(h, cid, "episode", anchor, "status", h->id[0]);
}
void pg_episode_update(struct hreq *h)
{
    static const char *const f[] = {"status", "target_group", "discharge_reason", "end_date", NULL};
    page_stash(h, pick(h, f));
    http_write(h, episode_update_w, episode_update_done);
}

static int team_add_w(struct hreq *h)
{
    return team_add(&h->ctx, h->id[0], page_stashed(h), &h->result);
}
static void team_add_done(struct hreq *h)
{
    char anchor[40];
    snprintf(anchor, sizeof anchor, "#episode-%lld", (long long)h->id[0]);
    back(h, page_int(h->body, "client_id"), "team", anchor, "team", h->id[0]);
}
void pg_team_add(struct hreq *h)
{
    static const char *const f[] = {"staff_id", "team_role", "from_date", NULL};
    page_stash(h, pick(h, f));
    http_write(h, team_add_w, team_add_done);
}

static int team_end_w(struct hreq *h)
{
    return team_end(&h->ctx, h->id[0], &h->result);
}
static void team_end_done(struct hreq *h)
{
    char anchor[40];
    snprintf(anchor, sizeof anchor, "#episode-%lld", (long long)page_int(h->result, "episode_id"));
    back(h, page_int(h->body, "client_id"), "team", h->rc == OK ? anchor : "#episodes", "team-end", 0);
}
void pg_team_end(struct hreq *h)
{
    http_write(h, team_end_w, team_end_done);
}

static int task_create_w(struct hreq *h)
{
    return task_create(&h->ctx, h->id[0], page_stashed(h), &h->result);
}
static void task_create_done(struct hreq *h)
{
    back(h, h->id[0], "task-added", "#tasks", "task", 0);
}
void pg_client_task(struct hreq *h)
{
    static const char *const f[] = {"title", "due", "priority", "assignee", NULL};
    page_stash(h, pick(h, f));
    http_write(h, task_create_w, task_create_done);
}
