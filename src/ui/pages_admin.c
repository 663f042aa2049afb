/* pages_admin: the supervisor's review lists (break-glass, and episodes opened on another worker's
 * client), and the administrator's pages for
 * organisations and staff accounts (create, disable or enable, change role). */
#include "api/api.h"
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

/* ---- break-glass review ---- */

static void bg_page(struct hreq *h, int status, const struct fstate *fs);
static int review_run(struct hreq *h, json_t *in)
{
    return breakglass_review(&h->ctx, h->id[0], jstr(in, "note"), &h->result);
}
static const struct form_field review_fields[] = {
    F("note", FI_TEXTAREA, N_("Review note"), FF_REQ, .rows = 2), {0}};
static const struct form form_review = {.id = "review-form",
                                        .pfx = "rv",
                                        .action = "/break-glass/{id}/review",
                                        .cls = "review-form",
                                        .submit = N_("Mark reviewed"),
                                        .button = "small",
                                        .flash = "reviewed",
                                        .done = "/break-glass",
                                        .reload = "/break-glass?all=1",
                                        .fields = review_fields,
                                        .run = review_run,
                                        .page = bg_page,
                                        .flags = FORM_MANY};

static int eo_review_run(struct hreq *h, json_t *in)
{
    return episode_open_review(&h->ctx, h->id[0], jstr(in, "note"), &h->result);
}
static const struct form form_eo_review = {.id = "eo-review-form",
                                           .pfx = "eo",
                                           .action = "/episode-opens/{id}/review",
                                           .cls = "review-form",
                                           .submit = N_("Mark reviewed"),
                                           .button = "small",
                                           .flash = "reviewed",
                                           .done = "/break-glass#episode-opens",
                                           .reload = "/break-glass?all=1#episode-opens",
                                           .fields = review_fields,
                                           .run = eo_review_run,
                                           .page = bg_page,
                                           .flags = FORM_MANY};

/* Who opened it: the name when core gives it, always the role and the organisation. */
static void review_who(struct buf *b, json_t *r)
{
    char rl[64];
    html_printf(b, "<td data-label=\"%s\">", _("Who"));
    if (*jstr(r, "staff_name"))
        html_printf(b, "%s ", jstr(r, "staff_name"));
    html_printf(b, "<span class=\"muted small\">%s · %s</span></td>", ui_vlabel("role", jstr(r, "staff_role"), rl, sizeof rl),
                jstr(r, "staff_organisation"));
}

/* The client: by name with a link when the reviewer may find them, else by number. */
static void review_client(struct buf *b, json_t *r)
{
    html_printf(b, "<td data-label=\"%s\">", _("Client"));
    char nm[256];
    if (*jstr(r, "given_name") || *jstr(r, "family_name"))
        html_printf(b, "<a href=\"/clients/%D\">%s</a>", page_int(r, "client_id"), page_name_text(r, nm, sizeof nm));
    else
        html_printf(b, "%s %D", _("Client no."), page_int(r, "client_id"));
    buf_adds(b, "</td>");
}

/* The review cell: who reviewed and when, or the form (not for one's own). */
static void review_cell(struct hreq *h, struct buf *b, json_t *r, const struct form *f, const char *own,
                        const struct fstate *fs)
{
    html_printf(b, "<td data-label=\"%s\">", _("Review"));
    if (!json_is_null(json_object_get(r, "reviewed_at"))) {
        html_printf(b, "<span class=\"badge ok\">%s</span> %s, ", _("reviewed"),
                    *jstr(r, "reviewed_by_name") ? jstr(r, "reviewed_by_name") : jstr(r, "reviewed_by_organisation"));
        page_when(b, jstr(r, "reviewed_at"));
        html_printf(b, "<br><q>%s</q>", jstr(r, "review_note"));
    } else if (page_int(r, "staff_id") == h->actor.staff_id) {
        html_printf(b, "<span class=\"muted\">%s</span>", own);
    } else if (!access_may(&h->ctx, f == &form_review ? RES_BREAKGLASS : RES_EPISODE_OPEN, ACT_REVIEW, 0)) {
        html_printf(b, "<span class=\"muted\">%s</span>", _("Waiting for a supervisor."));
    } else {
        form_show(h, b, f, &(struct form_view){.target = page_int(r, "id"), .fs = fs});
    }
    buf_adds(b, "</td></tr>");
}

static void eo_row(struct hreq *h, struct buf *b, json_t *r, const struct fstate *fs)
{
    char pl[64];
    html_printf(b, "<tr data-eo-id=\"%D\" class=\"%s\"><td data-label=\"%s\">", page_int(r, "id"),
                json_is_null(json_object_get(r, "reviewed_at")) ? "pending" : "reviewed", _("Opened"));
    page_when(b, jstr(r, "opened_at"));
    buf_adds(b, "</td>");
    review_who(b, r);
    review_client(b, r);
    html_printf(b, "<td data-label=\"%s\">%s</td><td data-label=\"%s\"><q>%s</q></td>", _("Programme"),
                ui_vlabel("programme", jstr(r, "programme"), pl, sizeof pl), _("Reason"), jstr(r, "reason"));
    review_cell(h, b, r, &form_eo_review, _("Another supervisor must review an episode you opened."), fs);
}

/* The sibling list: episodes opened on another worker's client (core/episode.c), one page at a
 * time by its own cursor (eo_after). */
static void eo_section(struct hreq *h, struct buf *b, int all, const struct fstate *fs)
{
    json_t *env = NULL;
    struct page pg = {qstr(h, "eo_after"), 0};
    if (episode_open_list(&h->ctx, !all, &pg, &env) != OK) {
        h->ctx.msg[0] = 0;
        return;
    }
    json_t *rows = json_object_get(env, "items");
    html_printf(b, "<section id=\"episode-opens\" aria-labelledby=\"eo-h\"><h2 id=\"eo-h\">%s</h2><p class=\"muted\">%s</p>",
                _("Episodes opened on another worker's client"),
                _("Someone who was not on the care team opened an episode of care for a client who already had one "
                  "with another case manager, and so reads the whole record: was it agreed, and is the reason good "
                  "enough? The primary case manager was told."));
    if (!json_array_size(rows)) {
        html_printf(b, "<p class=\"card\" id=\"eo-empty\">%s</p>", _("Nothing waiting for review."));
    } else {
        html_printf(b,
                    "<table class=\"list\" id=\"eo-review\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
                    "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("Opened"), _("Who"), _("Client"), _("Programme"), _("Reason"), _("Review"));
        size_t i;
        json_t *r;
        json_array_foreach(rows, i, r) eo_row(h, b, r, fs);
        buf_adds(b, "</tbody></table>");
    }
    const char *next = json_string_value(json_object_get(env, "next"));
    if (next)
        html_printf(b, "<p class=\"more\"><a class=\"button small\" id=\"eo-older\" href=\"/break-glass?%seo_after=%u#episode-opens\">%s</a></p>",
                    all ? "all=1&" : "", next, _("Older"));
    buf_adds(b, "</section>");
    json_decref(env);
}

static void bg_row(struct hreq *h, struct buf *b, json_t *r, const struct fstate *fs)
{
    int64_t id = page_int(r, "id");
    char now[32];
    iso_now(now);
    html_printf(b, "<tr data-bg-id=\"%D\" class=\"%s\"><td data-label=\"%s\">", id,
                json_is_null(json_object_get(r, "reviewed_at")) ? "pending" : "reviewed", _("Started"));
    page_when(b, jstr(r, "started_at"));
    buf_adds(b, "</td>");
    review_who(b, r);
    review_client(b, r);
    html_printf(b, "<td data-label=\"%s\"><q>%s</q></td><td data-label=\"%s\">", _("Reason"), jstr(r, "reason"),
                _("Until"));
    page_when(b, jstr(r, "expires_at"));
    if (strcmp(jstr(r, "expires_at"), now) > 0)
        html_printf(b, " <span class=\"badge overdue\">%s</span>", _("active"));
    buf_adds(b, "</td>");
    review_cell(h, b, r, &form_review, _("Another supervisor must review your own access."), fs);
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
        _("Emergency access to your organisation's clients, by anyone, and emergency access opened by staff of "
          "your organisation. For each one: was it needed, and was the reason good enough?"));
    form_failure(&b, fs);
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
    eo_section(h, &b, all, fs);
    json_decref(rows);
    json_decref(env);
    page_send(h, status, &b);
}

void pg_bg_list(struct hreq *h)
{
    bg_page(h, 200, NULL);
}

void pg_bg_review(struct hreq *h)
{
    form_post(h, &form_review);
}

void pg_eo_review(struct hreq *h)
{
    form_post(h, &form_eo_review);
}

/* ---- organisations ---- */

static void orgs_page(struct hreq *h, int status, const struct fstate *fs);
static const struct form_field org_fields[] = {
    F("name", FI_TEXT, N_("Name"), FF_REQ, .attrs = " maxlength=\"120\""),
    F("kind", FI_SELECT, N_("Kind"), FF_REQ, .choices = org_kinds),
    F("district", FI_TEXT, N_("District"), FF_OMIT, .attrs = " maxlength=\"60\""),
    {0},
};
static const struct form form_org = {.id = "org-form",
                                     .action = "/admin/orgs",
                                     .submit = N_("Add organisation"),
                                     .button = "primary",
                                     .flash = "org",
                                     .done = "/admin/orgs",
                                     .fields = org_fields,
                                     .make = org_create,
                                     .page = orgs_page};
/* The PHQ-2 cut-off an organisation scores with (its row's form): 3 by default, 2 for higher
 * sensitivity; the allowed values are the instrument file's, checked again by core. */
static const char *const phq2_cutoffs[] = {"3", "2", NULL};
static const struct form_field phq2_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("phq2_threshold", FI_SELECT, N_("PHQ-2 positive from"), FF_REQ, .choices = phq2_cutoffs),
    {0},
};
static void phq2_adjust(json_t *in)
{
    const char *s = json_string_value(json_object_get(in, "phq2_threshold"));
    int64_t v;
    if (s && parse_int64(s, &v) == 0)
        json_object_set_new(in, "phq2_threshold", json_integer((json_int_t)v));
}
static const struct form form_phq2 = {.id = "phq2-form",
                                      .pfx = "phq2",
                                      .action = "/admin/orgs/{id}",
                                      .cls = "inline",
                                      .submit = N_("Save"),
                                      .button = "small",
                                      .flash = "org",
                                      .done = "/admin/orgs",
                                      .fields = phq2_fields,
                                      .adjust = phq2_adjust,
                                      .update = org_update,
                                      .page = orgs_page,
                                      .flags = FORM_MANY};

/* The district an organisation is in (the service directory is searched by it); empty clears it. */
static const struct form_field district_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("district", FI_TEXT, N_("District"), 0, .attrs = " maxlength=\"60\""),
    {0},
};
static const struct form form_district = {.id = "district-form",
                                          .pfx = "dist",
                                          .action = "/admin/orgs/{id}/district",
                                          .cls = "inline",
                                          .submit = N_("Save"),
                                          .button = "small",
                                          .flash = "org-saved",
                                          .done = "/admin/orgs",
                                          .fields = district_fields,
                                          .update = org_update,
                                          .page = orgs_page,
                                          .flags = FORM_MANY};

static void orgs_page(struct hreq *h, int status, const struct fstate *fs)
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
        "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
        _("Name"), _("Kind"), _("District"), _("Active staff"), _("PHQ-2 positive from"));
    size_t i;
    json_t *o;
    json_array_foreach(orgs, i, o)
    {
        char kl[80];
        html_printf(&b,
                    "<tr data-org-id=\"%D\"><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
                    "<td data-label=\"%s\">",
                    page_int(o, "id"), _("Name"), jstr(o, "name"), _("Kind"),
                    ui_vlabel("organisation kind", jstr(o, "kind"), kl, sizeof kl), _("District"));
        int64_t id = page_int(o, "id");
        json_t *dhid = json_pack("{s:I}", "version", (json_int_t)page_int(o, "version"));
        json_t *dvals = json_pack("{s:s}", "district", jstr(o, "district"));
        form_show(h, &b, &form_district,
                  &(struct form_view){.target = id, .vals = dvals, .hidden = dhid, .fs = fs, .sr = jstr(o, "name")});
        json_decref(dvals);
        json_decref(dhid);
        html_printf(&b, "</td><td data-label=\"%s\">%N</td>", _("Active staff"), page_int(o, "staff_count"));
        /* The PHQ-2 cut-off the organisation scores with: 3 (default) or 2 for higher sensitivity. */
        html_printf(&b, "<td data-label=\"%s\">", _("PHQ-2 positive from"));
        json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(o, "version"));
        json_t *vals = json_pack("{s:s}", "phq2_threshold", page_int(o, "phq2_threshold") == 2 ? "2" : "3");
        json_t *opts = json_pack("{s:[[s,s],[s,s]]}", "phq2_threshold", "3", _("3 (default)"), "2",
                                 _("2 (higher sensitivity)"));
        form_show(h, &b, &form_phq2,
                  &(struct form_view){.target = id, .vals = vals, .hidden = hid, .opts = opts, .fs = fs});
        json_decref(opts);
        json_decref(vals);
        json_decref(hid);
        buf_adds(&b, "</td></tr>");
    }
    buf_adds(&b, "</tbody></table>");
    page_more(&b, env, "/admin/orgs?", _("More organisations"), "orgs-more");
    html_printf(&b, "<section class=\"card narrow\" aria-labelledby=\"org-h\"><h2 id=\"org-h\">%s</h2>",
                _("Add an organisation"));
    form_failure(&b, fs);
    form_show(h, &b, &form_org, &(struct form_view){.fs = fs});
    buf_adds(&b, "</section>");
    json_decref(env);
    page_send(h, status, &b);
}

void pg_orgs(struct hreq *h)
{
    orgs_page(h, 200, NULL);
}

void pg_org_create(struct hreq *h)
{
    form_post(h, &form_org);
}

void pg_org_update(struct hreq *h)
{
    form_post(h, &form_phq2);
}

void pg_org_district(struct hreq *h)
{
    form_post(h, &form_district);
}

/* ---- staff ---- */

static void staff_page(struct hreq *h, int status, const struct fstate *fs);
static const struct form_field role_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("role", FI_SELECT, N_("Role"), FF_REQ),
    {0},
};
static const struct form form_role = {.id = "role-form",
                                      .pfx = "s",
                                      .action = "/admin/staff/{id}",
                                      .cls = "role-form",
                                      .submit = N_("Change role"),
                                      .button = "small",
                                      .flash = "staff",
                                      .done = "/admin/staff#staff-{id}",
                                      .reload = "/admin/staff",
                                      .fields = role_fields,
                                      .update = staff_update,
                                      .page = staff_page,
                                      .flags = FORM_MANY};
static const struct form_field disable_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("disabled", FI_HIDDEN, NULL, FF_IN | FF_BOOL),
    {0},
};
/* Disabling and enabling an account: the same request, told apart by the hidden "disabled". */
#define STAFF_STATUS_FORM                                                                                    \
    .action = "/admin/staff/{id}", .cls = "inline", .flash = "staff", .done = "/admin/staff#staff-{id}",     \
    .reload = "/admin/staff", .fields = disable_fields, .update = staff_update, .page = staff_page,          \
    .flags = FORM_MANY
static const struct form form_disable = {.id = "disable-form",
                                         .pfx = "sd",
                                         .button = "small quiet-danger",
                                         .submit = N_("Disable"),
                                         .confirm = N_("Disable this account? Its sessions end now."),
                                         STAFF_STATUS_FORM};
static const struct form form_enable = {
    .id = "enable-form", .pfx = "se", .button = "small", .submit = N_("Enable"), STAFF_STATUS_FORM};

/* An administrator's password reset: a temporary password typed, or none (one is made); the answer
 * shows it once. The user must change it at the next login; their sessions and tokens end. */
static const struct form_field reset_fields[] = {
    F("password", FI_PASSWORD, N_("Temporary password (empty: Hearth makes one)"), FF_SECRET | FF_OMIT,
      .attrs = " autocomplete=\"new-password\" minlength=\"10\""),
    {0},
};
static const struct form form_reset = {.id = "reset-form",
                                       .pfx = "rp",
                                       .action = "/admin/staff/{id}/password",
                                       .box = "details",
                                       .summary = N_("Reset password"),
                                       .submit = N_("Reset password"),
                                       .button = "small",
                                       .note = N_("They must choose a new password when they next log in. Their "
                                                  "sessions and API tokens end now."),
                                       .fields = reset_fields,
                                       .page = staff_page,
                                       .flags = FORM_MANY};

static void staff_row(struct hreq *h, struct buf *b, json_t *s, json_t *opts, const struct fstate *fs)
{
    int64_t id = page_int(s, "id");
    int disabled = json_is_true(json_object_get(s, "disabled"));
    char dl[64];
    html_printf(b,
                "<tr id=\"staff-%D\" data-staff-id=\"%D\" class=\"%s\"><td data-label=\"%s\">%s <span "
                "class=\"muted small mono\">%s</span>",
                id, id, disabled ? "ended" : "", _("Name"), jstr(s, "display_name"), jstr(s, "username"));
    if (*jstr(s, "discipline"))
        html_printf(b, " <span class=\"muted small\">%s</span>",
                    ui_vlabel("discipline", jstr(s, "discipline"), dl, sizeof dl));
    if (!disabled)
        caseload_staff_badge(h, b, id);
    html_printf(b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", _("Organisation"),
                jstr(s, "organisation"), _("Role"));
    json_t *hid = json_pack("{s:I,s:s}", "version", (json_int_t)page_int(s, "version"), "disabled",
                            disabled ? "0" : "1");
    json_t *vals = json_pack("{s:s}", "role", jstr(s, "role"));
    form_show(h, b, &form_role,
              &(struct form_view){.target = id, .vals = vals, .hidden = hid, .opts = opts, .fs = fs});
    json_decref(vals);
    html_printf(b, "</td><td data-label=\"%s\">%s</td><td class=\"actions\">", _("Status"),
                disabled ? _("disabled") : _("active"));
    if (id == h->actor.staff_id) {
        html_printf(b, "<span class=\"muted small\">%s</span>", _("you"));
    } else {
        form_show(h, b, disabled ? &form_enable : &form_disable,
                  &(struct form_view){.target = id, .hidden = hid, .sr = jstr(s, "display_name")});
        form_show(h, b, &form_reset,
                  &(struct form_view){.target = id, .fs = fs, .sr = jstr(s, "display_name"),
                                      .open = form_mine(fs, &form_reset, id)});        if (!disabled) /* nothing may stay assigned to a disabled account */
            html_printf(b,
                        " <a class=\"small\" href=\"/admin/staff/%D/handover?disable=1\">%s<span class=\"sr\"> %s</span></a>",
                        id, _("Hand over and disable"), jstr(s, "display_name"));
    }
    html_printf(b, " <a class=\"small\" href=\"/admin/staff/%D/tokens\">%s<span class=\"sr\"> %s</span></a>", id,
                _("API tokens"), jstr(s, "display_name"));
    buf_adds(b, "</td></tr>");
    json_decref(hid);
}

/* The choices of the staff forms: the roles and the organisations. */
static void staff_opts(json_t *opts, json_t *orgs)
{
    json_t *roles = json_array();
    for (int i = 0; i < ROLE__COUNT; i++) {
        char l[80];
        json_array_append_new(
            roles, json_pack("[s,s]", role_table[i].name, ui_vlabel("role", role_table[i].name, l, sizeof l)));
    }
    json_object_set_new(opts, "role", roles);
    json_t *o = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(orgs, i, r)
    {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)page_int(r, "id"));
        json_array_append_new(o, json_pack("[s,s]", id, jstr(r, "name")));
    }
    json_object_set_new(opts, "org_id", o);
}

static const struct form_field staff_fields[] = {
    ROW(2),
    F("display_name", FI_TEXT, N_("Name"), FF_REQ, .attrs = " maxlength=\"120\""),
    F("username", FI_TEXT, N_("Username"), FF_REQ,
      .attrs = " maxlength=\"40\" autocapitalize=\"none\" spellcheck=\"false\" autocomplete=\"off\""),
    F("role", FI_SELECT, N_("Role"), FF_REQ),
    F("discipline", FI_SELECT, N_("Discipline (required for clinicians)"), 0, .choices = disciplines),
    F("org_id", FI_SELECT, N_("Organisation"), FF_REQ),
    F("phone", FI_TEL, N_("Phone"), 0, .attrs = " maxlength=\"40\""),
    ROW_END,
    F("password", FI_PASSWORD, N_("First password (at least 10 characters; they can change it)"),
      FF_REQ | FF_SECRET, .attrs = " autocomplete=\"new-password\" minlength=\"10\""),
    {0},
};
static const struct form form_staff = {.id = "staff-form",
                                       .action = "/admin/staff",
                                       .submit = N_("Add staff member"),
                                       .button = "primary",
                                       .flash = "staff",
                                       .done = "/admin/staff#staff-{r.id}",
                                       .fields = staff_fields,
                                       .page = staff_page};

/* The staff list's search: name or username, role, organisation, active or disabled (GET). */
static const struct form_field filter_fields[] = {
    ROW(4),
    F("q", FI_SEARCH, N_("Name or username"), 0, .attrs = " maxlength=\"80\" autocomplete=\"off\" spellcheck=\"false\""),
    F("role", FI_SELECT, N_("Role"), 0, .none = N_("Any role")),
    F("org_id", FI_SELECT, N_("Organisation"), 0, .none = N_("Any organisation")),
    F("status", FI_SELECT, N_("Status"), 0, .none = N_("Active or disabled")),
    ROW_END,
    {0},
};
static const struct form form_filter = {.id = "staff-filter",
                                        .pfx = "sf",
                                        .method = "get",
                                        .action = "/admin/staff",
                                        .cls = "card search",
                                        .attrs = " role=\"search\"",
                                        .submit = N_("Search"),
                                        .fields = filter_fields};

static _Thread_local json_t *reset_done; /* this loop thread's reset being answered: {name, temporary_password} */

static void staff_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *staff = NULL, *orgs = NULL;
    struct staff_filter flt = {qstr(h, "q"), qstr(h, "role"), qstr(h, "status"), 0};
    int64_t org_id = 0;
    if (qstr(h, "org_id") && parse_int64(qstr(h, "org_id"), &org_id) == 0)
        flt.org_id = org_id;
    int rc = staff_list(&h->ctx, &(struct page){qstr(h, "after"), 0}, &flt, &staff);
    json_t *ferrs = NULL;
    if (rc == ERR_INVALID) { /* a bad filter: the unfiltered list, the errors beside the filter */
        ferrs = json_incref(h->ctx.errors);
        ctx_clear(&h->ctx);
        rc = staff_list(&h->ctx, &(struct page){NULL, 0}, NULL, &staff);
    }
    if (rc == OK)
        rc = org_list(&h->ctx, NULL, &orgs);
    if (rc != OK) {
        json_decref(ferrs);
        json_decref(staff);
        reply_core_error(h, rc);
        return;
    }
    json_t *env = staff;
    staff = json_incref(json_object_get(env, "items"));
    orgs = page_items(orgs);
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Staff accounts"));
    page_flash(h, &b);
    html_printf(
        &b,
        "<div class=\"page-head\"><h1>%s</h1><p class=\"actions\"><a class=\"button\" href=\"#new-staff\">"
        "%s</a></p></div>",
        _("Staff accounts"), _("Add a staff member"));
    if (reset_done) {
        const char *tmp = json_string_value(json_object_get(reset_done, "temporary_password"));
        html_printf(&b, "<div class=\"notice\" role=\"status\" id=\"reset-done\"><p>%s</p>",
                    _("The password is reset. They must choose a new one when they next log in; their sessions and "
                      "API tokens have ended."));
        if (tmp)
            html_printf(&b, "<p>%s <code class=\"mono\" id=\"temporary-password\">%s</code></p>",
                        _("Temporary password (shown only now; give it to them in person or by phone):"), tmp);
        buf_adds(&b, "</div>");
    }
    if (fs && fs->form != &form_staff)
        form_failure(&b, fs);
    json_t *opts = json_object();
    staff_opts(opts, orgs);
    json_object_set_new(opts, "status", json_pack("[[s,s],[s,s]]", "active", _("active"), "disabled", _("disabled")));
    form_show(h, &b, &form_filter, &(struct form_view){.vals = h->query, .opts = opts, .errs = ferrs});
    json_decref(ferrs);
    if (!json_array_size(staff))
        html_printf(&b, "<p class=\"card\" id=\"staff-none\">%s</p>", _("No staff account matches."));
    html_printf(
        &b,
        "<table class=\"list\" id=\"staff-table\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
        "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\"><span class=\"sr\">%s"
        "</span></th></tr></thead><tbody>",
        _("Name"), _("Organisation"), _("Role"), _("Status"), _("Actions"));
    size_t i;
    json_t *s;
    json_array_foreach(staff, i, s) staff_row(h, &b, s, opts, fs);
    buf_adds(&b, "</tbody></table>");
    struct buf more; /* the next page keeps the filters */
    buf_init(&more);
    buf_adds(&more, "/admin/staff?");
    static const char *const keep[] = {"q", "role", "org_id", "status", NULL};
    for (int k = 0; keep[k]; k++)
        if (qstr(h, keep[k]) && *qstr(h, keep[k])) {
            buf_printf(&more, "%s=", keep[k]);
            url_encode(&more, qstr(h, keep[k]));
            buf_addc(&more, '&');
        }
    page_more(&b, env, more.data, _("More staff"), "staff-more");
    buf_free(&more);
    json_decref(env);
    html_printf(
        &b,
        "<section class=\"card narrow\" id=\"new-staff\" aria-labelledby=\"ns-h\"><h2 id=\"ns-h\">%s</h2>",
        _("Add a staff member"));
    if (fs && fs->form == &form_staff)
        form_failure(&b, fs);
    form_show(h, &b, &form_staff, &(struct form_view){.opts = opts, .fs = fs});
    json_decref(opts);
    buf_adds(&b, "</section>");
    json_decref(staff);
    json_decref(orgs);
    page_send(h, status, &b);
}

void pg_staff(struct hreq *h)
{
    staff_page(h, 200, NULL);
}

void pg_staff_create(struct hreq *h)
{
    h->page_form = &form_staff; /* the password is hashed off the loop (api/session.c), then the engine */
    session_staff_create(h, form_finish);
}

/* One address for the role and for disabling or enabling: the field posted says which form. */
void pg_staff_update(struct hreq *h)
{
    form_post(h, !fstr(h, "disabled")               ? &form_role
                 : str_eq(fstr(h, "disabled"), "1") ? &form_disable
                                                    : &form_enable);
}

static void staff_reset_answered(struct hreq *h)
{
    if (h->rc != OK) {
        struct fstate fs = {.form = &form_reset, .target = h->id[0], .errs = h->ctx.errors,
                            .msg = h->ctx.msg[0] ? h->ctx.msg : NULL, .status = 400};
        if (h->rc != ERR_INVALID) {
            reply_core_error(h, h->rc);
            return;
        }
        staff_page(h, 400, &fs);
        return;
    }
    reset_done = h->result;
    staff_page(h, 200, NULL);
    reset_done = NULL;
}

/* The password is hashed off the loop (api/session.c); the answer shows a made password once. */
void pg_staff_reset(struct hreq *h)
{
    const char *pw = fstr(h, "password");
    if (pw && !*pw)
        json_object_del(h->body, "password");
    session_staff_reset(h, staff_reset_answered);
}

/* ---- a staff member's API tokens (administrators) ---- */

static int admin_revoke_run(struct hreq *h, json_t *in)
{
    (void)in;
    return token_revoke(&h->ctx, h->id[0], &h->result);
}
static const struct form_field admin_revoke_fields[] = {{0}};
static const struct form form_admin_revoke = {.id = "admin-revoke-form",
                                              .pfx = "ar",
                                              .action = "/admin/tokens/{id}/revoke",
                                              .cls = "inline",
                                              .submit = N_("Revoke"),
                                              .button = "small quiet-danger",
                                              .confirm = N_("Revoke this API token? Programs using it stop working."),
                                              .flash = "token-revoked",
                                              .done = "/admin/staff/{r.staff_id}/tokens",
                                              .fields = admin_revoke_fields,
                                              .run = admin_revoke_run,
                                              .flags = FORM_MANY}; /* a failure: core's error page */

static void staff_tokens_page(struct hreq *h, int status, const struct fstate *fs)
{
    int64_t who = h->id[0];
    json_t *person = NULL, *env = NULL;
    int rc = staff_get(&h->ctx, who, &person);
    if (rc == OK)
        rc = token_list(&h->ctx, who, &(struct page){qstr(h, "after"), 0}, &env);
    if (rc != OK) {
        json_decref(person);
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    char title[200];
    snprintf(title, sizeof title, _("API tokens of %s"), jstr(person, "display_name"));
    ui_begin(h, &b, title);
    page_flash(h, &b);
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1><p class=\"actions\"><a href=\"/admin/staff#staff-%D\">%s</a>"
                    "</p></div>",
                title, who, _("Back to staff accounts"));
    form_failure(&b, fs);
    page_tokens_table(h, &b, env, &form_admin_revoke, fs);
    char base[64];
    snprintf(base, sizeof base, "/admin/staff/%lld/tokens?", (long long)who);
    page_more(&b, env, base, _("More tokens"), "tokens-more");
    json_decref(env);
    json_decref(person);
    page_send(h, status, &b);
}

void pg_staff_tokens(struct hreq *h)
{
    staff_tokens_page(h, 200, NULL);
}

void pg_staff_token_revoke(struct hreq *h)
{
    form_post(h, &form_admin_revoke);
}
