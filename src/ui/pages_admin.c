/* pages_admin: the supervisor's break-glass review list, and the administrator's pages for
 * organisations and staff accounts (create, disable or enable, change role). */
#include "api/api.h"
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

static void role_names(const char *out[ROLE__COUNT + 1])
{
    for (int i = 0; i < ROLE__COUNT; i++)
        out[i] = role_table[i].name;
    out[ROLE__COUNT] = NULL;
}

/* ---- break-glass review ---- */

static void bg_row(struct hreq *h, struct buf *b, json_t *r, const struct fstate *fs)
{
    int64_t id = page_int(r, "id");
    char rl[64], now[32];
    iso_now(now);
    html_printf(b, "<tr data-bg-id=\"%D\" class=\"%s\"><td data-label=\"%s\">", id,
                json_is_null(json_object_get(r, "reviewed_at")) ? "pending" : "reviewed", _("Started"));
    page_when(b, jstr(r, "started_at"));
    html_printf(
        b,
        "</td><td data-label=\"%s\">%s <span class=\"muted small\">%s</span></td><td data-label=\"%s\">"
        "<a href=\"/clients/%D\">%s %s</a></td><td data-label=\"%s\"><q>%s</q></td><td data-label=\"%s\">",
        _("Who"), jstr(r, "staff_name"), ui_label(jstr(r, "staff_role"), rl, sizeof rl), _("Client"),
        page_int(r, "client_id"), jstr(r, "given_name"), jstr(r, "family_name"), _("Reason"),
        jstr(r, "reason"), _("Until"));
    page_when(b, jstr(r, "expires_at"));
    if (strcmp(jstr(r, "expires_at"), now) > 0)
        html_printf(b, " <span class=\"badge overdue\">%s</span>", _("active"));
    html_printf(b, "</td><td data-label=\"%s\">", _("Review"));
    if (!json_is_null(json_object_get(r, "reviewed_at"))) {
        html_printf(b, "<span class=\"badge ok\">%s</span> %s, ", _("reviewed"), jstr(r, "reviewed_by_name"));
        page_when(b, jstr(r, "reviewed_at"));
        html_printf(b, "<br><q>%s</q>", jstr(r, "review_note"));
    } else if (page_int(r, "staff_id") == h->actor.staff_id) {
        html_printf(b, "<span class=\"muted\">%s</span>",
                    _("Another supervisor must review your own access."));
    } else if (!access_may(&h->ctx, RES_BREAKGLASS, ACT_REVIEW, 0)) {
        html_printf(b, "<span class=\"muted\">%s</span>", _("Waiting for a supervisor."));
    } else {
        int mine = fs && fs->target == id;
        char pfx[32];
        snprintf(pfx, sizeof pfx, mine ? "f" : "rv%lld", (long long)id);
        html_printf(b,
                    "<form method=\"post\" action=\"/break-glass/%D/review\" id=\"review-form-%D\" "
                    "class=\"review-form\">",
                    id, id);
        ui_csrf(h, b);
        pf_textarea(b, pfx, "note", _("Review note"), mine ? fs->vals : NULL, mine ? fs->errs : NULL, 1, 2);
        html_printf(b, "<button type=\"submit\" class=\"small\">%s</button></form>", _("Mark reviewed"));
    }
    buf_adds(b, "</td></tr>");
}

static void bg_page(struct hreq *h, int status, const struct fstate *fs)
{
    int all = str_eq(qstr(h, "all"), "1");
    json_t *rows = NULL;
    struct page pg = {qstr(h, "after"), 0};
    int rc = breakglass_review_list(&h->ctx, !all, &pg, &rows);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    json_t *env = rows;
    rows = json_incref(json_object_get(env, "items"));
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Break-glass review"));
    page_flash(h, &b);
    html_printf(
        &b,
        "<div class=\"page-head\"><h1>%s</h1><p class=\"actions\"><a href=\"/break-glass\"%r>%s</a> · "
        "<a href=\"/break-glass?all=1\"%r>%s</a></p></div>",
        _("Break-glass review"), all ? "" : " aria-current=\"page\"", _("Waiting for review"),
        all ? " aria-current=\"page\"" : "", _("All"));
    html_printf(
        &b, "<p class=\"muted\">%s</p>",
        _("Emergency access opened by staff of your organisation. For each one: was it needed, and was the "
          "reason good enough?"));
    if (fs)
        ui_errors_summary(&b, fs->errs, fs->msg);
    if (!json_array_size(rows)) {
        html_printf(&b, "<p class=\"card\" id=\"bg-empty\">%s</p>", _("Nothing waiting for review."));
    } else {
        html_printf(
            &b,
            "<table class=\"list\" id=\"bg-review\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
            "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
            "<th scope=\"col\">%s</th></tr></thead><tbody>",
            _("Started"), _("Who"), _("Client"), _("Reason"), _("Until"), _("Review"));
        size_t i;
        json_t *r;
        json_array_foreach(rows, i, r) bg_row(h, &b, r, fs);
        buf_adds(&b, "</tbody></table>");
    }
    page_more(&b, env, all ? "/break-glass?all=1&" : "/break-glass?", _("Older"), "bg-older");
    json_decref(rows);
    json_decref(env);
    page_send(h, status, &b);
}

void pg_bg_list(struct hreq *h)
{
    bg_page(h, 200, NULL);
}

static int review_w(struct hreq *h)
{
    return breakglass_review(&h->ctx, h->id[0], fstr(h, "note"), &h->result);
}

static void review_done(struct hreq *h)
{
    if (h->rc == OK) {
        reply_redirect(h, "/break-glass?msg=reviewed");
    } else if (h->rc == ERR_INVALID) {
        struct fstate fs = {
            .form = "review", .target = h->id[0], .vals = h->body, .errs = json_incref(h->ctx.errors)};
        bg_page(h, 400, &fs);
        json_decref(fs.errs);
    } else if (h->rc == ERR_CONFLICT) {
        page_conflict(h, "/break-glass?all=1");
    } else {
        reply_core_error(h, h->rc);
    }
}

void pg_bg_review(struct hreq *h)
{
    http_write(h, review_w, review_done);
}

/* ---- organisations ---- */

static void orgs_page(struct hreq *h, int status, json_t *vals, json_t *errs, const char *msg)
{
    json_t *env = NULL, *orgs;
    int rc = org_list(&h->ctx, &(struct page){qstr(h, "after"), 0}, &env);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    orgs = json_object_get(env, "items");
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Organisations"));
    page_flash(h, &b);
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1></div>", _("Organisations"));
    html_printf(
        &b,
        "<table class=\"list\" id=\"orgs-table\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
        "</th><th scope=\"col\">%s</th></tr></thead><tbody>",
        _("Name"), _("Kind"), _("Active staff"));
    size_t i;
    json_t *o;
    json_array_foreach(orgs, i, o)
    {
        char kl[80];
        html_printf(&b,
                    "<tr data-org-id=\"%D\"><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
                    "<td data-label=\"%s\">%D</td></tr>",
                    page_int(o, "id"), _("Name"), jstr(o, "name"), _("Kind"),
                    ui_label(jstr(o, "kind"), kl, sizeof kl), _("Active staff"), page_int(o, "staff_count"));
    }
    buf_adds(&b, "</tbody></table>");
    page_more(&b, env, "/admin/orgs?", _("More organisations"), "orgs-more");
    html_printf(&b, "<section class=\"card narrow\" aria-labelledby=\"org-h\"><h2 id=\"org-h\">%s</h2>",
                _("Add an organisation"));
    ui_errors_summary(&b, errs, msg);
    buf_adds(&b, "<form method=\"post\" action=\"/admin/orgs\" id=\"org-form\">");
    ui_csrf(h, &b);
    pf_input(&b, "f", "name", _("Name"), "text", vals, errs, 1, " maxlength=\"120\"");
    pf_select(&b, "f", "kind", _("Kind"), org_kinds, vals, errs, 1);
    html_printf(
        &b,
        "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button></div></form></section>",
        _("Add organisation"));
    json_decref(env);
    page_send(h, status, &b);
}

void pg_orgs(struct hreq *h)
{
    orgs_page(h, 200, NULL, NULL, NULL);
}

static int org_w(struct hreq *h)
{
    return org_create(&h->ctx, h->body, &h->result);
}

static void org_done(struct hreq *h)
{
    if (h->rc == OK) {
        reply_redirect(h, "/admin/orgs?msg=org");
    } else if (h->rc == ERR_INVALID || h->rc == ERR_CONFLICT) {
        json_t *errs = json_incref(h->ctx.errors);
        char msg[256];
        snprintf(msg, sizeof msg, "%s", h->ctx.msg);
        orgs_page(h, h->rc == ERR_INVALID ? 400 : 409, h->body, errs, msg);
        json_decref(errs);
    } else {
        reply_core_error(h, h->rc);
    }
}

void pg_org_create(struct hreq *h)
{
    http_write(h, org_w, org_done);
}

/* ---- staff ---- */

static void staff_row(struct hreq *h, struct buf *b, json_t *s, const char *const *roles,
                      const struct fstate *fs)
{
    int64_t id = page_int(s, "id");
    int disabled = json_is_true(json_object_get(s, "disabled"));
    int mine = fs && fs->target == id;
    char pfx[32], dl[64];
    snprintf(pfx, sizeof pfx, mine ? "f" : "s%lld", (long long)id);
    html_printf(b,
                "<tr id=\"staff-%D\" data-staff-id=\"%D\" class=\"%s\"><td data-label=\"%s\">%s <span "
                "class=\"muted small mono\">%s</span>",
                id, id, disabled ? "ended" : "", _("Name"), jstr(s, "display_name"), jstr(s, "username"));
    if (*jstr(s, "discipline"))
        html_printf(b, " <span class=\"muted small\">%s</span>",
                    ui_label(jstr(s, "discipline"), dl, sizeof dl));
    html_printf(b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", _("Organisation"),
                jstr(s, "organisation"), _("Role"));
    html_printf(b, "<form method=\"post\" action=\"/admin/staff/%D\" class=\"role-form\">", id);
    ui_csrf(h, b);
    html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%D\">", page_int(s, "version"));
    json_t *vals = mine ? json_incref(fs->vals) : json_pack("{s:s}", "role", jstr(s, "role"));
    pf_select(b, pfx, "role", _("Role"), roles, vals, mine ? fs->errs : NULL, 1);
    json_decref(vals);
    html_printf(b,
                "<button type=\"submit\" class=\"small\">%s</button></form></td><td data-label=\"%s\">%s</td>"
                "<td class=\"actions\">",
                _("Change role"), _("Status"), disabled ? _("disabled") : _("active"));
    if (id == h->actor.staff_id) {
        html_printf(b, "<span class=\"muted small\">%s</span></td></tr>", _("you"));
        return;
    }
    html_printf(b, "<form method=\"post\" action=\"/admin/staff/%D\" class=\"inline\"%r%s%r>", id,
                disabled ? "" : " data-confirm=\"",
                disabled ? "" : _("Disable this account? Its sessions end now."), disabled ? "" : "\"");
    ui_csrf(h, b);
    html_printf(
        b,
        "<input type=\"hidden\" name=\"version\" value=\"%D\"><input type=\"hidden\" name=\"disabled\" "
        "value=\"%s\"><button type=\"submit\" class=\"small%r\">%s<span class=\"sr\"> — %s</span></button>"
        "</form></td></tr>",
        page_int(s, "version"), disabled ? "0" : "1", disabled ? "" : " quiet-danger",
        disabled ? _("Enable") : _("Disable"), jstr(s, "display_name"));
}

static void org_select(struct buf *b, json_t *orgs, json_t *vals, json_t *errs)
{
    const char *err = jstr(errs, "org_id");
    int64_t cur = page_int(vals, "org_id");
    html_printf(b,
                "<div class=\"field%s\"><label for=\"f-org_id\">%s <span class=\"req\" aria-hidden=\"true\">*"
                "</span></label>",
                *err ? " has-error" : "", _("Organisation"));
    if (*err)
        html_printf(b, "<p class=\"field-error\" id=\"f-e-org_id\">%s</p>", err);
    html_printf(b, "<select id=\"f-org_id\" name=\"org_id\" required><option value=\"\">%s</option>",
                _("Choose…"));
    size_t i;
    json_t *o;
    json_array_foreach(orgs, i, o) html_printf(b, "<option value=\"%D\"%r>%s</option>", page_int(o, "id"),
                                               page_int(o, "id") == cur ? " selected" : "", jstr(o, "name"));
    buf_adds(b, "</select></div>");
}

static void staff_page(struct hreq *h, int status, const struct fstate *fs, json_t *vals, json_t *errs,
                       const char *msg)
{
    json_t *staff = NULL, *orgs = NULL;
    int rc = staff_list(&h->ctx, NULL, &staff);
    if (rc == OK)
        rc = org_list(&h->ctx, NULL, &orgs);
    if (rc != OK) {
        json_decref(staff);
        reply_core_error(h, rc);
        return;
    }
    staff = page_items(staff);
    orgs = page_items(orgs);
    const char *roles[ROLE__COUNT + 1];
    role_names(roles);
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Staff accounts"));
    page_flash(h, &b);
    html_printf(
        &b,
        "<div class=\"page-head\"><h1>%s</h1><p class=\"actions\"><a class=\"button\" href=\"#new-staff\">"
        "%s</a></p></div>",
        _("Staff accounts"), _("Add a staff member"));
    if (fs)
        ui_errors_summary(&b, fs->errs, fs->msg);
    html_printf(
        &b,
        "<table class=\"list\" id=\"staff-table\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
        "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\"><span class=\"sr\">%s"
        "</span></th></tr></thead><tbody>",
        _("Name"), _("Organisation"), _("Role"), _("Status"), _("Actions"));
    size_t i;
    json_t *s;
    json_array_foreach(staff, i, s) staff_row(h, &b, s, roles, fs);
    buf_adds(&b, "</tbody></table>");
    html_printf(
        &b,
        "<section class=\"card narrow\" id=\"new-staff\" aria-labelledby=\"ns-h\"><h2 id=\"ns-h\">%s</h2>",
        _("Add a staff member"));
    ui_errors_summary(&b, errs, msg);
    buf_adds(&b, "<form method=\"post\" action=\"/admin/staff\" id=\"staff-form\">");
    ui_csrf(h, &b);
    buf_adds(&b, "<div class=\"row2\">");
    pf_input(&b, "f", "display_name", _("Name"), "text", vals, errs, 1, " maxlength=\"120\"");
    pf_input(&b, "f", "username", _("Username"), "text", vals, errs, 1,
             " maxlength=\"40\" autocapitalize=\"none\" spellcheck=\"false\" autocomplete=\"off\"");
    pf_select(&b, "f", "role", _("Role"), roles, vals, errs, 1);
    pf_select(&b, "f", "discipline", _("Discipline (required for clinicians)"), disciplines, vals, errs, 0);
    org_select(&b, orgs, vals, errs);
    pf_input(&b, "f", "phone", _("Phone"), "tel", vals, errs, 0, " maxlength=\"40\"");
    buf_adds(&b, "</div>");
    pf_input(&b, "f", "password", _("First password (at least 10 characters; they can change it)"),
             "password", NULL, errs, 1, " autocomplete=\"new-password\" minlength=\"10\"");
    html_printf(
        &b,
        "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button></div></form></section>",
        _("Add staff member"));
    json_decref(staff);
    json_decref(orgs);
    page_send(h, status, &b);
}

void pg_staff(struct hreq *h)
{
    staff_page(h, 200, NULL, NULL, NULL, NULL);
}

static void staff_create_done(struct hreq *h)
{
    if (h->rc == OK) {
        char loc[64];
        snprintf(loc, sizeof loc, "/admin/staff?msg=staff#staff-%lld", (long long)page_int(h->result, "id"));
        reply_redirect(h, loc);
    } else if (h->rc == ERR_INVALID || h->rc == ERR_CONFLICT) {
        json_t *errs = json_incref(h->ctx.errors);
        char msg[256];
        snprintf(msg, sizeof msg, "%s", h->ctx.msg);
        staff_page(h, h->rc == ERR_INVALID ? 400 : 409, NULL, h->body, errs, msg);
        json_decref(errs);
    } else {
        reply_core_error(h, h->rc);
    }
}

void pg_staff_create(struct hreq *h)
{
    session_staff_create(h, staff_create_done);
}

static int staff_update_w(struct hreq *h)
{
    return staff_update(&h->ctx, h->id[0], h->if_match, page_stashed(h), &h->result);
}

static void staff_update_done(struct hreq *h)
{
    char loc[64];
    snprintf(loc, sizeof loc, "/admin/staff?msg=staff#staff-%lld", (long long)h->id[0]);
    if (h->rc == OK) {
        reply_redirect(h, loc);
    } else if (h->rc == ERR_INVALID) {
        struct fstate fs = {
            .form = "staff", .target = h->id[0], .vals = h->body, .errs = json_incref(h->ctx.errors)};
        char msg[256];
        snprintf(msg, sizeof msg, "%s", h->ctx.msg);
        fs.msg = msg;
        staff_page(h, 400, &fs, NULL, NULL, NULL);
        json_decref(fs.errs);
    } else if (h->rc == ERR_CONFLICT) {
        page_conflict(h, "/admin/staff");
    } else {
        reply_core_error(h, h->rc);
    }
}

void pg_staff_update(struct hreq *h)
{
    json_t *in = json_object();
    if (fstr(h, "role"))
        json_object_set_new(in, "role", json_string(fstr(h, "role")));
    if (fstr(h, "disabled"))
        json_object_set_new(in, "disabled", json_boolean(str_eq(fstr(h, "disabled"), "1")));
    page_stash(h, in);
    http_write(h, staff_update_w, staff_update_done);
}
