/* pages_risk: risk on a client's pages (flags with their reviews, crisis events, the safety plan,
 * hospital stays) and the safety plan (edit, print, history); the crisis view and the on-call rota
 * are in pages_crisis.c. Everything is read and written through core (core/risk.h); each POST
 * redirects back (POST-redirect-GET) or shows its form again with the errors next to the fields.
 * The assessment pages are in pages_assess.c; their routes are in the table at the end. */
#include "core/risk.h"
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>


/* ---- small shared parts ---- */

static int is_form(const struct fstate *fs, const char *form, int64_t target)
{
    return fs && str_eq(fs->form, form) && fs->target == target;
}

/* Forget a failed call's errors before the next core call (its audit stays pending). */
void rk_errors_reset(struct ctx *c)
{
    json_decref(c->errors);
    json_decref(c->extra);
    c->errors = c->extra = NULL;
    c->msg[0] = 0;
}

static int may_write(json_t *client)
{
    return json_is_true(json_object_get(json_object_get(client, "access"), "write"));
}

static void hidden_client(struct buf *b, int64_t cid)
{
    html_printf(b, "<input type=\"hidden\" name=\"client_id\" value=\"%D\">", cid);
}

/* A level or severity as a coloured badge. */
static void level_badge(struct buf *b, const char *level)
{
    char l[40];
    html_printf(b, "<span class=\"badge lvl-%s\">%s</span>", level, ui_label(level, l, sizeof l));
}

/* A phone number as a link that calls it. */
void rk_tel(struct buf *b, const char *phone)
{
    char digits[64];
    size_t n = 0;
    for (const char *p = phone; p && *p && n + 1 < sizeof digits; p++)
        if ((*p >= '0' && *p <= '9') || (*p == '+' && n == 0))
            digits[n++] = *p;
    digits[n] = 0;
    if (!n) {
        html_esc(b, phone);
        return;
    }
    html_printf(b, "<a class=\"tel\" href=\"tel:%s\">%s</a>", digits, phone);
}

/* The errors of a form above it, each linked to its field and named by the field's own label
 * (labels: key, label, ..., NULL); keys not named there get their vocabulary label. */
void rk_summary(struct buf *b, json_t *errs, const char *msg, const char *pfx, const char *const *labels)
{
    if (!errs && !(msg && *msg))
        return;
    html_printf(b, "<div class=\"alert\" role=\"alert\"><p>%s</p>",
                msg && *msg ? msg : _("Please correct the fields marked below."));
    if (json_object_size(errs)) {
        buf_adds(b, "<ul>");
        const char *k;
        json_t *v;
        json_object_foreach(errs, k, v)
        {
            char l[80];
            const char *name = NULL;
            for (const char *const *p = labels; p && *p; p += 2)
                if (str_eq(*p, k))
                    name = _(p[1]);
            html_printf(b, "<li><a href=\"#%s-%s\">%s</a>: %s</li>", pfx, k,
                        name ? name : ui_label(k, l, sizeof l), json_string_value(v));
        }
        buf_adds(b, "</ul>");
    }
    buf_adds(b, "</div>");
}

/* A select of rows (value key, label key): flag kinds, staff. */
static void pf_rows(struct buf *b, const char *pfx, const char *name, const char *label, json_t *rows,
                    const char *vkey, const char *lkey, json_t *vals, json_t *errs, int required)
{
    const char *err = jstr(errs, name), *cur = jstr(vals, name);
    html_printf(b, "<div class=\"field%s\"><label for=\"%s-%s\">%s%r</label>", *err ? " has-error" : "", pfx,
                name, label, required ? " <span class=\"req\" aria-hidden=\"true\">*</span>" : "");
    if (*err)
        html_printf(b, "<p class=\"field-error\" id=\"%s-e-%s\">%s</p>", pfx, name, err);
    html_printf(b, "<select id=\"%s-%s\" name=\"%s\"%r%r>", pfx, name, name, required ? " required" : "",
                *err ? " aria-invalid=\"true\"" : "");
    html_printf(b, "<option value=\"\">%s</option>", _("Choose…"));
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        const char *v = jstr(r, vkey);
        html_printf(b, "<option value=\"%s\"%r>%s</option>", v, str_eq(v, cur) ? " selected" : "",
                    _(jstr(r, lkey)));
    }
    buf_adds(b, "</select></div>");
}

/* The body fields named, as strings; datetime-local fields (names ending in "_at") to UTC. */
json_t *rk_pick(struct hreq *h, const char *const *names)
{
    json_t *in = json_object();
    for (; *names; names++) {
        const char *v = fstr(h, *names);
        if (!v)
            continue;
        size_t n = strlen(*names);
        if (n > 3 && str_eq(*names + n - 3, "_at")) {
            char utc[40];
            page_local_to_utc(v, utc);
            json_object_set_new(in, *names, json_string(utc));
        } else {
            json_object_set_new(in, *names, json_string(v));
        }
    }
    return in;
}

/* After a write on the client page: back to it with a notice, the page with the form's errors, a
 * conflict page, or the error. */
static void back(struct hreq *h, int64_t cid, const char *key, const char *anchor, const char *form,
                 int64_t target)
{
    char loc[96];
    snprintf(loc, sizeof loc, "/clients/%lld%s", (long long)cid, anchor);
    if (h->rc == OK && cid) {
        page_redirect_msg(h, loc, key);
    } else if (cid && h->rc == ERR_INVALID) {
        struct fstate fs = {
            .form = form, .target = target, .vals = h->body, .errs = json_incref(h->ctx.errors)};
        char msg[256];
        snprintf(msg, sizeof msg, "%s", h->ctx.msg);
        fs.msg = msg;
        client_page(h, cid, 400, &fs);
        json_decref(fs.errs);
    } else if (cid && h->rc == ERR_CONFLICT) {
        page_conflict(h, loc);
    } else {
        page_client_error(h, h->rc);
    }
}

/* ---- flags on the client page ---- */

static void flag_review_form(struct hreq *h, struct buf *b, json_t *f, int64_t cid, const struct fstate *fs)
{
    int64_t fid = page_int(f, "id");
    int mine = is_form(fs, "flag-review", fid);
    char pfx[32];
    snprintf(pfx, sizeof pfx, mine ? "f" : "fr%lld", (long long)fid);
    json_t *def = json_pack("{s:s,s:s}", "outcome", "continued", "level", jstr(f, "level"));
    json_t *vals = mine ? fs->vals : def, *errs = mine ? fs->errs : NULL;
    html_printf(b, "<details class=\"form-box\"%r><summary>%s</summary>", mine ? " open" : "",
                _("Review this flag"));
    html_printf(b, "<form method=\"post\" action=\"/flags/%D/review\" id=\"flag-review-%D\">", fid, fid);
    ui_csrf(h, b);
    hidden_client(b, cid);
    html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%D\"><div class=\"row3\">",
                page_int(f, "version"));
    pf_select(b, pfx, "outcome", _("Outcome"), flag_review_outcomes, vals, errs, 1);
    pf_select(b, pfx, "level", _("Level (when it changes)"), flag_levels, vals, errs, 0);
    char today[16], attrs[40];
    iso_today(today);
    snprintf(attrs, sizeof attrs, " min=\"%s\"", today);
    pf_input(b, pfx, "next_review", _("Next review (unless resolved)"), "date", vals, errs, 0, attrs);
    buf_adds(b, "</div>");
    pf_textarea(b, pfx, "note", _("What did the review find?"), vals, errs, 1, 2);
    html_printf(b, "<div class=\"buttons\"><button type=\"submit\">%s</button></div></form></details>",
                _("Save the review"));
    json_decref(def);
}

static void flag_item(struct hreq *h, struct buf *b, json_t *f, int64_t cid, int write,
                      const struct fstate *fs)
{
    int active = str_eq(jstr(f, "status"), "active");
    char kl[80];
    html_printf(b, "<li class=\"flag lvl-%s%r\" data-flag-id=\"%D\"><p class=\"flag-title\">",
                jstr(f, "level"), active ? "" : " resolved", page_int(f, "id"));
    level_badge(b, jstr(f, "level"));
    html_printf(b, " <strong>%s</strong>", page_flag_kind(f, kl, sizeof kl));
    if (!active)
        html_printf(b, " <span class=\"badge\">%s</span>", _("resolved"));
    if (json_is_true(json_object_get(f, "review_due")))
        html_printf(b, " <span class=\"badge overdue\">%s</span>", _("review due"));
    html_printf(b, "</p><p class=\"flag-reason\">%s</p><p class=\"muted small\">", jstr(f, "reason"));
    if (str_eq(jstr(f, "source"), "assessment") && page_int(f, "assessment_id"))
        html_printf(b, "%s <a href=\"/assessments/%D\">%s</a>", _("Raised by"), page_int(f, "assessment_id"),
                    _("an assessment"));
    else
        html_printf(b, "%s %s", _("Raised by"), jstr(f, "raised_by_name"));
    html_printf(b, " · %s ", _("on"));
    page_when(b, jstr(f, "raised_at"));
    if (active && *jstr(f, "review_date"))
        html_printf(b, " · %s %s", _("review by"), jstr(f, "review_date"));
    buf_adds(b, "</p>");
    json_t *revs = json_object_get(f, "reviews");
    if (json_array_size(revs)) {
        html_printf(b, "<details class=\"reviews\"><summary>%s (%d)</summary><ol class=\"history\">",
                    _("Reviews"), (int)json_array_size(revs));
        size_t i;
        json_t *r;
        json_array_foreach(revs, i, r)
        {
            char ol[60];
            html_printf(b, "<li><p class=\"meta\"><strong>%s</strong>",
                        ui_label(jstr(r, "outcome"), ol, sizeof ol));
            if (str_eq(jstr(r, "outcome"), "level_changed")) {
                buf_adds(b, " ");
                level_badge(b, jstr(r, "level"));
            }
            html_printf(b, " · %s · ", jstr(r, "reviewed_by_name"));
            page_when(b, jstr(r, "reviewed_at"));
            if (*jstr(r, "next_review"))
                html_printf(b, " · %s %s", _("next review"), jstr(r, "next_review"));
            html_printf(b, "</p><div class=\"note-body\">%s</div></li>", jstr(r, "note"));
        }
        buf_adds(b, "</ol></details>");
    }
    int reviewer = access_may(&h->ctx, RES_FLAG, ACT_REVIEW, cid) || page_int(f, "raised_by") == h->actor.staff_id;
    if (active && write && reviewer)
        flag_review_form(h, b, f, cid, fs);
    buf_adds(b, "</li>");
}

static void flags_section(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    int64_t cid = page_int(client, "id");
    int write = may_write(client);
    json_t *flags = NULL;
    html_printf(b,
                "<section class=\"card\" id=\"flags\" aria-labelledby=\"flags-h\"><h2 id=\"flags-h\">%s</h2>",
                _("Risk flags"));
    if (flag_list(&h->ctx, cid, NULL, &flags) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        h->ctx.msg[0] = 0;
        return;
    }
    flags = page_items(flags);
    if (!json_array_size(flags))
        html_printf(b, "<p class=\"muted\">%s</p>", _("No risk flag has been raised."));
    else
        buf_adds(b, "<ul class=\"plain flags\" id=\"flag-list\">");
    size_t i;
    json_t *f;
    json_array_foreach(flags, i, f) flag_item(h, b, f, cid, write, fs);
    if (json_array_size(flags))
        buf_adds(b, "</ul>");
    json_decref(flags);
    if (write) {
        int mine = is_form(fs, "flag", 0);
        const char *p = mine ? "f" : "fl";
        json_t *vals = mine ? fs->vals : NULL, *errs = mine ? fs->errs : NULL, *kinds = NULL;
        if (flag_kind_list(&h->ctx, NULL, &kinds) != OK)
            h->ctx.msg[0] = 0;
        kinds = page_items(kinds);
        html_printf(b, "<details class=\"form-box\" id=\"new-flag\"%r><summary>%s</summary>",
                    mine ? " open" : "", _("Raise a flag"));
        html_printf(
            b, "<form method=\"post\" action=\"/clients/%D/flags\" id=\"flag-form\"><div class=\"row3\">",
            cid);
        ui_csrf(h, b);
        pf_rows(b, p, "kind", _("Kind of risk"), kinds, "name", "label", vals, errs, 1);
        pf_select(b, p, "level", _("Level"), flag_levels, vals, errs, 1);
        char today[16], attrs[40];
        iso_today(today);
        snprintf(attrs, sizeof attrs, " min=\"%s\"", today);
        pf_input(b, p, "review_date", _("Review by (default: 7, 14 or 30 days)"), "date", vals, errs, 0,
                 attrs);
        buf_adds(b, "</div>");
        pf_textarea(b, p, "reason", _("Why (what you saw or heard)"), vals, errs, 1, 2);
        html_printf(
            b,
            "<p class=\"muted small\">%s</p><div class=\"buttons\"><button type=\"submit\">%s</button></div>"
            "</form></details>",
            _("A high suicide-risk flag adds two tasks for the case manager: contact within 24 hours and a "
              "safety-plan review."),
            _("Raise the flag"));
        json_decref(kinds);
    }
    buf_adds(b, "</section>");
}

static int flag_create_w(struct hreq *h)
{
    return flag_create(&h->ctx, h->id[0], page_stashed(h), &h->result);
}
static void flag_create_done(struct hreq *h)
{
    back(h, h->id[0], "flag", "#flags", "flag", 0);
}
static void pg_flag_create(struct hreq *h)
{
    static const char *const f[] = {"kind", "level", "reason", "review_date", NULL};
    json_t *in = rk_pick(h, f);
    if (str_eq(jstr(in, "review_date"), ""))
        json_object_del(in, "review_date");
    page_stash(h, in);
    http_write(h, flag_create_w, flag_create_done);
}

static int flag_review_w(struct hreq *h)
{
    return flag_review(&h->ctx, h->id[0], h->if_match, page_stashed(h), &h->result);
}
static void flag_review_done(struct hreq *h)
{
    int64_t cid = h->rc == OK ? page_int(h->result, "client_id") : page_int(h->body, "client_id");
    back(h, cid, "flag-reviewed", "#flags", "flag-review", h->id[0]);
}
static void pg_flag_review(struct hreq *h)
{
    static const char *const f[] = {"outcome", "level", "note", "next_review", NULL};
    json_t *in = rk_pick(h, f);
    if (!str_eq(jstr(in, "outcome"), "level_changed"))
        json_object_del(in, "level");
    if (str_eq(jstr(in, "next_review"), ""))
        json_object_del(in, "next_review");
    page_stash(h, in);
    http_write(h, flag_review_w, flag_review_done);
}

/* ---- safety plan, crisis events and hospital stays on the client page ---- */

static void plan_summary(struct hreq *h, struct buf *b, int64_t cid, int write)
{
    json_t *hist = NULL;
    html_printf(b,
                "<section class=\"card\" id=\"safety-plan\" aria-labelledby=\"sp-h\"><h2 id=\"sp-h\">%s</h2>",
                _("Safety plan"));
    if (safety_history(&h->ctx, cid, NULL, &hist) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        h->ctx.msg[0] = 0;
        return;
    }
    hist = page_items(hist);
    json_t *cur = json_array_get(hist, 0);
    int edit = write && access_may(&h->ctx, RES_SAFETY_PLAN, ACT_UPDATE, cid);
    if (!cur) {
        html_printf(b, "<p class=\"muted\">%s</p>", _("No safety plan yet."));
    } else {
        html_printf(b, "<p>%s %D · ", _("Version"), page_int(cur, "version"));
        page_when(b, jstr(cur, "created_at"));
        html_printf(b, " · %s</p>", jstr(cur, "written_by_name"));
        if (json_is_true(json_object_get(cur, "client_agreed")))
            html_printf(b, "<p><span class=\"badge ok\">%s</span></p>", _("agreed with the client"));
        else
            html_printf(b, "<p><span class=\"badge prio-high\">%s</span></p>",
                        _("not yet agreed with the client"));
        const char *reason = "";
        json_t *r = json_array_get(json_object_get(cur, "reasons_for_living"), 0);
        if (r)
            reason = jstr(r, "text");
        if (*reason)
            html_printf(b, "<p class=\"small\"><strong>%s</strong> <q>%s</q></p>", _("What I live for:"),
                        reason);
    }
    buf_adds(b, "<p class=\"actions\">");
    if (cur)
        html_printf(b, "<a class=\"button small\" href=\"/clients/%D/safety-plan\">%s</a>", cid,
                    _("Open, print and history"));
    if (edit)
        html_printf(b,
                    "<a class=\"button small\" href=\"/clients/%D/safety-plan/edit\" id=\"edit-plan\">%s</a>",
                    cid, cur ? _("Edit the plan") : _("Write a safety plan"));
    buf_adds(b, "</p></section>");
    json_decref(hist);
}

void rk_event_line(struct buf *b, json_t *e)
{
    char kl[80], ml[80], ol[80];
    html_printf(b, "<li class=\"event\" data-event-id=\"%D\"><p class=\"meta\">", page_int(e, "id"));
    page_when(b, jstr(e, "occurred_at"));
    html_printf(b, " · <strong>%s</strong> ", ui_label(jstr(e, "kind"), kl, sizeof kl));
    level_badge(b, jstr(e, "severity"));
    html_printf(b, "</p><p class=\"small\">%s · %s", ui_label(jstr(e, "response_mode"), ml, sizeof ml),
                ui_label(jstr(e, "outcome"), ol, sizeof ol));
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(e, "responders"), i, r)
        html_printf(b, "%s%s", i ? ", " : " · ", jstr(r, "name"));
    html_printf(b, "</p><div class=\"note-body small\">%s</div>", jstr(e, "actions"));
    if (*jstr(e, "notes"))
        html_printf(b, "<div class=\"note-body small muted\">%s</div>", jstr(e, "notes"));
    buf_adds(b, "</li>");
}

static void crisis_section(struct hreq *h, struct buf *b, int64_t cid)
{
    json_t *rows = NULL;
    html_printf(
        b,
        "<section class=\"card\" id=\"crisis\" aria-labelledby=\"cr-h\"><div class=\"section-head\"><h2 "
        "id=\"cr-h\">%s</h2><a class=\"button small danger\" href=\"/clients/%D/crisis\">%s</a></div>",
        _("Crisis events"), cid, _("Crisis view"));
    if (crisis_list(&h->ctx, cid, NULL, &rows) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        h->ctx.msg[0] = 0;
        return;
    }
    rows = page_items(rows);
    if (!json_array_size(rows))
        html_printf(b, "<p class=\"muted\">%s</p>", _("No crisis event recorded."));
    else
        buf_adds(b, "<ol class=\"events\" id=\"crisis-events\">");
    size_t i;
    json_t *e;
    json_array_foreach(rows, i, e)
    {
        if (i == 5)
            break;
        rk_event_line(b, e);
    }
    if (json_array_size(rows))
        buf_adds(b, "</ol>");
    if (json_array_size(rows) > 5)
        html_printf(b, "<p class=\"small\">%d %s</p>", (int)json_array_size(rows) - 5,
                    _("earlier events not shown."));
    buf_adds(b, "</section>");
    json_decref(rows);
}

static void stay_line(struct hreq *h, struct buf *b, json_t *s, int64_t cid, int write,
                      const struct fstate *fs)
{
    int64_t sid = page_int(s, "id");
    int in = json_is_true(json_object_get(s, "in_hospital"));
    char tl[40];
    html_printf(b,
                "<li class=\"stay\" data-stay-id=\"%D\"><p class=\"meta\"><strong>%s</strong> <span "
                "class=\"tag\">%s</span>",
                sid, jstr(s, "hospital"), ui_label(jstr(s, "admission_type"), tl, sizeof tl));
    if (in)
        html_printf(b, " <span class=\"badge prio-high\">%s</span>", _("in hospital"));
    if (json_is_true(json_object_get(s, "readmission_30")))
        html_printf(b, " <span class=\"badge overdue\">%s</span>", _("readmission within 30 days"));
    else if (json_is_true(json_object_get(s, "readmission_90")))
        html_printf(b, " <span class=\"badge prio-high\">%s</span>", _("readmission within 90 days"));
    html_printf(b, "</p><p class=\"small\">%s ", _("Admitted"));
    page_when(b, jstr(s, "admitted_at"));
    if (!in) {
        html_printf(b, " · %s ", _("discharged"));
        page_when(b, jstr(s, "discharged_at"));
    }
    buf_adds(b, "</p>");
    if (*jstr(s, "reason"))
        html_printf(b, "<p class=\"small note-body\">%s</p>", jstr(s, "reason"));
    if (in && write) {
        int mine = is_form(fs, "discharge", sid);
        char pfx[32], now[20];
        snprintf(pfx, sizeof pfx, mine ? "f" : "dc%lld", (long long)sid);
        page_local_now(now);
        json_t *def = json_pack("{s:s}", "discharged_at", now);
        html_printf(b, "<details class=\"form-box\" open><summary>%s</summary>", _("Record the discharge"));
        html_printf(
            b, "<form method=\"post\" action=\"/hospitalisations/%D/discharge\" id=\"discharge-form\">", sid);
        ui_csrf(h, b);
        hidden_client(b, cid);
        html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%D\">", page_int(s, "version"));
        pf_input(b, pfx, "discharged_at", _("Discharged on"), "datetime-local", mine ? fs->vals : def,
                 mine ? fs->errs : NULL, 1, NULL);
        html_printf(
            b,
            "<p class=\"muted small\">%s</p><div class=\"buttons\"><button type=\"submit\">%s</button></div>"
            "</form></details>",
            _("A follow-up within 7 days of the discharge is added to the case manager's tasks."),
            _("Record discharge"));
        json_decref(def);
    }
    buf_adds(b, "</li>");
}

static void hospital_section(struct hreq *h, struct buf *b, int64_t cid, int write, const struct fstate *fs)
{
    json_t *rows = NULL;
    html_printf(b, "<section class=\"card\" id=\"hospital\" aria-labelledby=\"ho-h\"><h2 id=\"ho-h\">%s</h2>",
                _("Hospital stays"));
    if (hosp_list(&h->ctx, cid, NULL, &rows) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        h->ctx.msg[0] = 0;
        return;
    }
    rows = page_items(rows);
    int in = 0;
    if (!json_array_size(rows))
        html_printf(b, "<p class=\"muted\">%s</p>", _("No hospital stay recorded."));
    else
        buf_adds(b, "<ul class=\"plain stays\" id=\"stays\">");
    size_t i;
    json_t *s;
    json_array_foreach(rows, i, s)
    {
        in |= json_is_true(json_object_get(s, "in_hospital"));
        stay_line(h, b, s, cid, write, fs);
    }
    if (json_array_size(rows))
        buf_adds(b, "</ul>");
    json_decref(rows);
    if (write && !in) {
        int mine = is_form(fs, "admit", 0);
        const char *p = mine ? "f" : "ad";
        char now[20];
        page_local_now(now);
        json_t *def = json_pack("{s:s}", "admitted_at", now);
        json_t *vals = mine ? fs->vals : def, *errs = mine ? fs->errs : NULL;
        html_printf(b, "<details class=\"form-box\" id=\"new-stay\"%r><summary>%s</summary>",
                    mine ? " open" : "", _("Record an admission"));
        html_printf(b, "<form method=\"post\" action=\"/clients/%D/hospitalisations\" id=\"admit-form\">",
                    cid);
        ui_csrf(h, b);
        pf_input(b, p, "hospital", _("Hospital"), "text", vals, errs, 1, " maxlength=\"200\"");
        buf_adds(b, "<div class=\"row2\">");
        pf_select(b, p, "admission_type", _("Admission"), admission_types, vals, errs, 1);
        pf_input(b, p, "admitted_at", _("Admitted on"), "datetime-local", vals, errs, 1, NULL);
        buf_adds(b, "</div>");
        pf_textarea(b, p, "reason", _("Reason"), vals, errs, 0, 2);
        html_printf(b, "<div class=\"buttons\"><button type=\"submit\">%s</button></div></form></details>",
                    _("Record admission"));
        json_decref(def);
    }
    buf_adds(b, "</section>");
}

void risk_client_main(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    flags_section(h, b, client, fs);
}

void risk_client_side(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    int64_t cid = page_int(client, "id");
    plan_summary(h, b, cid, may_write(client));
    crisis_section(h, b, cid);
    hospital_section(h, b, cid, may_write(client), fs);
}

static int admit_w(struct hreq *h)
{
    return hosp_admit(&h->ctx, h->id[0], page_stashed(h), &h->result);
}
static void admit_done(struct hreq *h)
{
    back(h, h->id[0], "admitted", "#hospital", "admit", 0);
}
static void pg_admit(struct hreq *h)
{
    static const char *const f[] = {"hospital", "admission_type", "reason", "admitted_at", NULL};
    page_stash(h, rk_pick(h, f));
    http_write(h, admit_w, admit_done);
}

static int discharge_w(struct hreq *h)
{
    return hosp_discharge(&h->ctx, h->id[0], h->if_match, page_stashed(h), &h->result);
}
static void discharge_done(struct hreq *h)
{
    int64_t cid = h->rc == OK ? page_int(h->result, "client_id") : page_int(h->body, "client_id");
    back(h, cid, "discharged", "", "discharge", h->id[0]);
}
static void pg_discharge(struct hreq *h)
{
    static const char *const f[] = {"discharged_at", NULL};
    page_stash(h, rk_pick(h, f));
    http_write(h, discharge_w, discharge_done);
}

/* ---- the safety plan ---- */

static const struct {
    const char *name, *label, *hint;
} plan_sections[] = {
    {"warning_signs", N_("1. Early warning signs"),
     N_("Thoughts, images, moods, situations or behaviours that show a crisis may be building.")},
    {"coping", N_("2. Coping on my own"), N_("Things I can do by myself to take my mind off my problems.")},
    {"distractions", N_("3. Distraction: people and places"),
     N_("People and places that help me think about something else (names, phone numbers, places).")},
    {"help_people", N_("4. People I can turn to"),
     N_("Family or friends I can ask for help and talk to about the crisis.")},
    {"professionals", N_("5. Professional and crisis contacts"),
     N_("Clinicians, the on-call service, a crisis line, the emergency department.")},
    {"environment", N_("6. Making my surroundings safer"),
     N_("Steps that keep me away from the means to hurt myself (for example medication kept by someone "
        "else).")},
    {"reasons_for_living", N_("7. What I live for"),
     N_("The reason for living that matters most to me, in my words.")},
};

/* One entry as one line of the edit form: "text (name, phone, place)". */
static void entry_line(struct buf *b, json_t *e)
{
    static const char *const extra[] = {"name", "phone", "place", "means", "responsible", "done_on", NULL};
    buf_adds(b, jstr(e, "text"));
    int n = 0;
    for (const char *const *k = extra; *k; k++)
        if (*jstr(e, *k))
            buf_printf(b, "%s%s", n++ ? ", " : " (", jstr(e, *k));
    if (n)
        buf_adds(b, ")");
}

/* A section as the textarea's text: one entry a line. */
static json_t *section_text(json_t *plan, const char *name)
{
    struct buf t;
    buf_init(&t);
    buf_adds(&t, "");
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(plan, name), i, e)
    {
        if (i)
            buf_adds(&t, "\n");
        entry_line(&t, e);
    }
    json_t *s = json_string(t.data);
    buf_free(&t);
    return s ? s : json_string("");
}

static void plan_entry(struct buf *b, json_t *e)
{
    static const struct {
        const char *key, *label;
    } extra[] = {{"name", NULL},
                 {"phone", NULL},
                 {"place", NULL},
                 {"means", N_("means:")},
                 {"responsible", N_("who:")},
                 {"done_on", N_("done on")}};
    html_printf(b, "<li>%s", jstr(e, "text"));
    int n = 0;
    for (size_t i = 0; i < ARRAY_LEN(extra); i++) {
        const char *v = jstr(e, extra[i].key);
        if (!*v)
            continue;
        buf_adds(b, n++ ? " · " : " <span class=\"who\">— ");
        if (extra[i].label)
            html_printf(b, "%s ", _(extra[i].label));
        if (str_eq(extra[i].key, "phone"))
            rk_tel(b, v);
        else
            html_esc(b, v);
    }
    buf_adds(b, n ? "</span></li>" : "</li>");
}

/* The plan's seven sections (h_level: 2 on its own page, 3 inside the crisis view). */
void rk_plan_body(struct buf *b, json_t *plan, int h_level)
{
    buf_adds(b, "<div class=\"plan\">");
    for (size_t i = 0; i < ARRAY_LEN(plan_sections); i++) {
        json_t *list = json_object_get(plan, plan_sections[i].name);
        html_printf(b, "<section class=\"plan-section\" id=\"plan-%s\"><h%d>%s</h%d>", plan_sections[i].name,
                    h_level, _(plan_sections[i].label), h_level);
        if (!json_array_size(list)) {
            html_printf(b, "<p class=\"muted small\">%s</p></section>", _("Nothing written yet."));
            continue;
        }
        buf_adds(b, "<ul>");
        size_t j;
        json_t *e;
        json_array_foreach(list, j, e) plan_entry(b, e);
        buf_adds(b, "</ul></section>");
    }
    buf_adds(b, "</div>");
}

void rk_plan_meta(struct buf *b, json_t *plan)
{
    html_printf(b, "<p class=\"plan-meta\">%s %D · %s ", _("Version"), page_int(plan, "version"),
                _("written"));
    page_when(b, jstr(plan, "created_at"));
    html_printf(b, " %s %s · ", _("by"), jstr(plan, "written_by_name"));
    if (json_is_true(json_object_get(plan, "client_agreed"))) {
        html_printf(b, "<strong>%s</strong> ", _("agreed with the client"));
        page_when(b, jstr(plan, "agreed_at"));
    } else {
        html_printf(b, "<strong>%s</strong>", _("not yet agreed with the client"));
    }
    buf_adds(b, "</p>");
}

static void pg_plan(struct hreq *h)
{
    char here[64];
    snprintf(here, sizeof here, "/clients/%lld/safety-plan", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here), *plan = NULL, *hist = NULL;
    if (!c)
        return;
    int64_t want = 0;
    if (qstr(h, "version") && parse_int64(qstr(h, "version"), &want) != 0)
        want = 0;
    int rc = safety_get(&h->ctx, h->id[0], want, &plan);
    if (rc == OK)
        rc = safety_history(&h->ctx, h->id[0], NULL, &hist);
    if (rc == OK)
        hist = page_items(hist);
    if (rc != OK) {
        json_decref(c);
        json_decref(plan);
        page_client_error(h, rc);
        return;
    }
    int64_t cid = h->id[0];
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Safety plan"));
    page_client_head(h, &b, c, _("Safety plan"));
    page_flash(h, &b);
    /* On paper: whose plan and when, at the top. */
    buf_adds(&b, "<p class=\"print-only plan-owner\">");
    page_name(&b, c);
    char today[16];
    iso_today(today);
    html_printf(&b, " · %s %s · %s %s</p>", _("born"), jstr(c, "birth_date"), _("printed"), today);
    int edit = access_may(&h->ctx, RES_SAFETY_PLAN, ACT_UPDATE, page_int(c, "id"));
    int64_t ver = page_int(plan, "version");
    int current = json_is_true(json_object_get(plan, "current"));
    html_printf(&b, "<section class=\"card plan-card\" id=\"plan\" aria-label=\"%s\">", _("Safety plan"));
    if (!ver) {
        html_printf(&b, "<p>%s</p>", _("No safety plan yet. Write it with the client, in their own words."));
    } else {
        if (!current)
            html_printf(
                &b,
                "<div class=\"banner info\" id=\"old-version\">%s <a href=\"/clients/%D/safety-plan\">%s</a>"
                "</div>",
                _("This is an earlier version."), cid, _("See the current plan"));
        rk_plan_meta(&b, plan);
        rk_plan_body(&b, plan, 2);
    }
    buf_adds(&b, "<p class=\"actions\">");
    if (edit)
        html_printf(
            &b, "<a class=\"button primary\" href=\"/clients/%D/safety-plan/edit\" id=\"edit-plan\">%s</a>",
            cid, ver ? _("Edit the plan") : _("Write a safety plan"));
    if (ver)
        html_printf(&b, "<button type=\"button\" data-print hidden>%s</button>", _("Print"));
    html_printf(&b, "<a class=\"button\" href=\"/clients/%D/crisis\">%s</a></p></section>", cid,
                _("Crisis view"));
    if (json_array_size(hist)) {
        html_printf(
            &b,
            "<section class=\"card no-print\" aria-labelledby=\"ph-h\"><h2 id=\"ph-h\">%s</h2><table "
            "class=\"list\" id=\"plan-history\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
            _("History"), _("Version"), _("Written"), _("By"), _("Agreed with the client"));
        size_t i;
        json_t *v;
        json_array_foreach(hist, i, v)
        {
            int64_t n = page_int(v, "version");
            html_printf(&b, "<tr%r><td data-label=\"%s\">", n == ver ? " class=\"current\"" : "",
                        _("Version"));
            if (n == ver)
                html_printf(&b, "<strong>%D</strong> <span class=\"muted small\">%s</span>", n, _("(shown)"));
            else
                html_printf(&b, "<a href=\"/clients/%D/safety-plan?version=%D\">%s %D</a>", cid, n,
                            _("Version"), n);
            html_printf(&b, "</td><td class=\"date\" data-label=\"%s\">", _("Written"));
            page_when(&b, jstr(v, "created_at"));
            html_printf(&b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>", _("By"),
                        jstr(v, "written_by_name"), _("Agreed"),
                        json_is_true(json_object_get(v, "client_agreed")) ? _("yes") : _("no"));
        }
        buf_adds(&b, "</tbody></table></section>");
    }
    json_decref(hist);
    json_decref(plan);
    json_decref(c);
    page_send(h, 200, &b);
}

static void plan_form(struct hreq *h, int status, json_t *c, int64_t version, json_t *vals, json_t *errs,
                      const char *msg)
{
    int64_t cid = page_int(c, "id");
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Edit the safety plan"));
    page_client_head(h, &b, c, version ? _("Edit the safety plan") : _("Write a safety plan"));
    const char *labels[2 * ARRAY_LEN(plan_sections) + 1];
    for (size_t i = 0; i < ARRAY_LEN(plan_sections); i++) {
        labels[2 * i] = plan_sections[i].name;
        labels[2 * i + 1] = plan_sections[i].label;
    }
    labels[2 * ARRAY_LEN(plan_sections)] = NULL;
    rk_summary(&b, errs, msg, "f", labels);
    html_printf(
        &b, "<p class=\"muted\">%s</p>",
        _("Write the plan with the client, in their own words. One entry a line. Saving makes a new version; "
          "earlier versions are kept."));
    html_printf(
        &b, "<form method=\"post\" action=\"/clients/%D/safety-plan\" id=\"plan-form\" class=\"card\">", cid);
    ui_csrf(h, &b);
    html_printf(&b, "<input type=\"hidden\" name=\"version\" value=\"%D\">", version);
    for (size_t i = 0; i < ARRAY_LEN(plan_sections); i++) {
        char hid[64];
        snprintf(hid, sizeof hid, "f-%s-hint", plan_sections[i].name);
        const char *name = plan_sections[i].name, *err = jstr(errs, name);
        html_printf(&b,
                    "<div class=\"field%s\"><label for=\"f-%s\">%s</label><p class=\"hint\" id=\"%s\">%s</p>",
                    *err ? " has-error" : "", name, _(plan_sections[i].label), hid, _(plan_sections[i].hint));
        if (*err)
            html_printf(&b, "<p class=\"field-error\" id=\"f-e-%s\">%s</p>", name, err);
        html_printf(
            &b,
            "<textarea id=\"f-%s\" name=\"%s\" rows=\"%d\" aria-describedby=\"%s%r\"%r>%s</textarea></div>",
            name, name, str_eq(name, "reasons_for_living") ? 2 : 4, hid, *err ? " f-e-" : "",
            *err ? " aria-invalid=\"true\"" : "", jstr(vals, name));
        (void)0;
    }
    pf_checkbox(&b, "f", "client_agreed", "1", _("The client agreed to this plan"),
                pf_has(vals, "client_agreed", "1"));
    html_printf(&b, "<p class=\"hint\">%s</p>",
                _("Tick it when the client has read this version and agrees with it; the time is recorded."));
    html_printf(&b,
                "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button> <a "
                "href=\"/clients/%D/safety-plan\">%s</a></div></form>",
                _("Save as a new version"), cid, _("Cancel"));
    page_send(h, status, &b);
}

static void pg_plan_edit(struct hreq *h)
{
    char here[64];
    snprintf(here, sizeof here, "/clients/%lld/safety-plan/edit", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here), *plan = NULL;
    if (!c)
        return;
    int rc = safety_get(&h->ctx, h->id[0], 0, &plan);
    if (rc != OK) {
        json_decref(c);
        page_client_error(h, rc);
        return;
    }
    json_t *vals = json_object();
    for (size_t i = 0; i < ARRAY_LEN(plan_sections); i++)
        json_object_set_new(vals, plan_sections[i].name, section_text(plan, plan_sections[i].name));
    plan_form(h, 200, c, page_int(plan, "version"), vals, NULL, NULL);
    json_decref(vals);
    json_decref(plan);
    json_decref(c);
}

/* The plan from the form: each line an entry; a line unchanged from the current version keeps
 * that entry's name, phone and place. Runs on the writer, where the current version is read. */
static int plan_save_w(struct hreq *h)
{
    json_t *cur = NULL, *in;
    int rc0 = safety_get(&h->ctx, h->id[0], 0, &cur); /* the gated read; its refusal is the answer */
    if (rc0 != OK)
        return rc0;
    in = json_object();
    for (size_t i = 0; i < ARRAY_LEN(plan_sections); i++) {
        const char *name = plan_sections[i].name, *p = fstr(h, name);
        json_t *list = json_array(), *old = json_object_get(cur, name);
        while (p && *p) {
            const char *e = strchr(p, '\n'), *next = e ? e + 1 : p + strlen(p);
            size_t n = e ? (size_t)(e - p) : strlen(p);
            while (n && (*p == ' ' || *p == '\t' || *p == '\r'))
                p++, n--;
            while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
                n--;
            if (n) {
                json_t *line = json_stringn(p, n), *keep = NULL, *x;
                size_t j;
                json_array_foreach(old, j, x)
                {
                    struct buf t;
                    buf_init(&t);
                    buf_adds(&t, "");
                    entry_line(&t, x);
                    if (line && str_eq(t.data, json_string_value(line)))
                        keep = x;
                    buf_free(&t);
                    if (keep)
                        break;
                }
                if (keep)
                    json_array_append(list, keep);
                else if (line)
                    json_array_append_new(list, json_pack("{s:O}", "text", line));
                json_decref(line);
            }
            p = next;
        }
        json_object_set_new(in, name, list);
    }
    json_object_set_new(in, "client_agreed", json_boolean(str_eq(fstr(h, "client_agreed"), "1")));
    json_decref(cur);
    int rc = safety_save(&h->ctx, h->id[0], h->if_match < 0 ? 0 : h->if_match, in, &h->result);
    json_decref(in);
    return rc;
}

static void plan_save_done(struct hreq *h)
{
    char loc[64];
    snprintf(loc, sizeof loc, "/clients/%lld/safety-plan", (long long)h->id[0]);
    if (h->rc == OK) {
        page_redirect_msg(h, loc, "plan");
        return;
    }
    if (h->rc == ERR_CONFLICT) {
        page_conflict(h, loc);
        return;
    }
    if (h->rc != ERR_INVALID) {
        page_client_error(h, h->rc);
        return;
    }
    json_t *errs = json_incref(h->ctx.errors);
    char msg[256];
    snprintf(msg, sizeof msg, "%s", h->ctx.msg);
    json_t *c = page_client_sub(h, h->id[0], loc);
    if (c)
        plan_form(h, 400, c, h->if_match < 0 ? 0 : h->if_match, h->body, errs, msg);
    json_decref(c);
    json_decref(errs);
}

static void pg_plan_save(struct hreq *h)
{
    http_write(h, plan_save_w, plan_save_done);
}

#define A ROLES_ANY
const struct route ui_risk_routes[] = {

    {"POST", "/clients/{id}/flags", pg_flag_create, A, 0},
    {"POST", "/flags/{id}/review", pg_flag_review, A, 0},
    {"POST", "/clients/{id}/hospitalisations", pg_admit, A, 0},
    {"POST", "/hospitalisations/{id}/discharge", pg_discharge, A, 0},

    {"GET", "/clients/{id}/safety-plan", pg_plan, A, 0},
    {"GET", "/clients/{id}/safety-plan/edit", pg_plan_edit, A, 0},
    {"POST", "/clients/{id}/safety-plan", pg_plan_save, A, 0},

    {"GET", "/clients/{id}/assessments/new", pg_assess_new, A, 0},
    {"POST", "/clients/{id}/assessments", pg_assess_create, A, 0},
    {"GET", "/assessments/{id}", pg_assessment, A, 0},
    {0},
};
