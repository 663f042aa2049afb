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

static void risk_again(struct hreq *h, int status, const struct fstate *fs)
{
    client_page(h, fs->client, status, fs);
}

static int may_write(json_t *client)
{
    return json_is_true(json_object_get(json_object_get(client, "access"), "write"));
}

/* A level or severity as a coloured badge. */
static void level_badge(struct buf *b, const char *level)
{
    char l[40];
    html_printf(b, "<span class=\"badge lvl-%s\">%s</span>", level, ui_vlabel("risk level", level, l, sizeof l));
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

/* ---- flags on the client page ---- */

/* Level only when it changes; an empty next review is no date. */
static void review_adjust(json_t *in)
{
    if (!str_eq(jstr(in, "outcome"), "level_changed"))
        json_object_del(in, "level");
}

static const struct form_field flag_fields[] = {
    ROW(3),
    F("kind", FI_SELECT, N_("Kind of risk"), FF_REQ),
    F("level", FI_SELECT, N_("Level"), FF_REQ, .choices = flag_levels),
    F("review_date", FI_DATE, N_("Review by (default: 7, 14 or 30 days)"), FF_OMIT),
    ROW_END,
    F("reason", FI_TEXTAREA, N_("Why (what you saw or heard)"), FF_REQ, .rows = 2),
    {0},
};
static const struct form form_flag = {
    .id = "flag-form",
    .pfx = "fl",
    .action = "/clients/{id}/flags",
    .box = "details",
    .box_id = "new-flag",
    .summary = N_("Raise a flag"),
    .submit = N_("Raise the flag"),
    .flash = "flag",
    .done = "/clients/{id}#flags",
    .note = N_("A high suicide-risk flag adds two tasks for the case manager: contact within 24 hours and a "
               "safety-plan review."),
    .fields = flag_fields,
    .create = flag_create,
    .page = risk_again,
    .flags = FORM_CLIENT_PATH};

static const struct form_field review_fields[] = {
    F("client_id", FI_HIDDEN, NULL, 0),
    F("version", FI_HIDDEN, NULL, 0),
    ROW(3),
    F("outcome", FI_SELECT, N_("Outcome"), FF_REQ, .choices = flag_review_outcomes),
    F("level", FI_SELECT, N_("Level (when it changes)"), 0, .choices = flag_levels),
    F("next_review", FI_DATE, N_("Next review (unless resolved)"), FF_OMIT),
    ROW_END,
    F("note", FI_TEXTAREA, N_("What did the review find?"), FF_REQ, .rows = 2),
    {0},
};
static const struct form form_flag_review = {.id = "flag-review",
                                             .pfx = "fr",
                                             .action = "/flags/{id}/review",
                                             .box = "details",
                                             .summary = N_("Review this flag"),
                                             .submit = N_("Save the review"),
                                             .flash = "flag-reviewed",
                                             .done = "/clients/{client}#flags",
                                             .fields = review_fields,
                                             .update = flag_review,
                                             .adjust = review_adjust,
                                             .page = risk_again,
                                             .flags = FORM_MANY | FORM_CLIENT};

/* ---- flags on the client page ---- */

static void flag_review_form(struct hreq *h, struct buf *b, json_t *f, int64_t cid, const struct fstate *fs)
{
    json_t *def = json_pack("{s:s,s:s}", "outcome", "continued", "level", jstr(f, "level"));
    json_t *hid =
        json_pack("{s:I,s:I}", "client_id", (json_int_t)cid, "version", (json_int_t)page_int(f, "version"));
    form_show(h, b, &form_flag_review,
              &(struct form_view){.target = page_int(f, "id"), .vals = def, .hidden = hid, .fs = fs});
    json_decref(hid);
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
                        ui_vlabel("flag review", jstr(r, "outcome"), ol, sizeof ol));
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
    int reviewer =
        access_may(&h->ctx, RES_FLAG, ACT_REVIEW, cid) || page_int(f, "raised_by") == h->actor.staff_id;
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
        json_t *kinds = NULL, *opts = json_object();
        if (flag_kind_list(&h->ctx, NULL, &kinds) != OK)
            h->ctx.msg[0] = 0;
        kinds = page_items(kinds);
        json_object_set_new(opts, "kind", form_rows(kinds, "name", "label"));
        form_show(h, b, &form_flag, &(struct form_view){.target = cid, .opts = opts, .fs = fs});
        json_decref(opts);
        json_decref(kinds);
    }
    buf_adds(b, "</section>");
}

static void pg_flag_create(struct hreq *h)
{
    form_post(h, &form_flag);
}

static void pg_flag_review(struct hreq *h)
{
    form_post(h, &form_flag_review);
}

/* ---- safety plan, crisis events and hospital stays on the client page ---- */

static void plan_summary(struct hreq *h, struct buf *b, int64_t cid, int write)
{
    json_t *hist = NULL;
    html_printf(b,
                "<section class=\"card\" id=\"safety-plan\" aria-labelledby=\"sp-h\"><h2 id=\"sp-h\">%s</h2>",
                _("Safety plan"));
    if (!access_may(&h->ctx, RES_SAFETY_PLAN, ACT_LIST, cid)) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", _("The safety plan is not shown to your role."));
        return;
    }
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
    if (json_is_true(json_object_get(e, "summary"))) { /* the table lets the reader know when, not what */
        html_printf(b, "<li class=\"event summary\" data-event-id=\"%D\"><p class=\"meta\">", page_int(e, "id"));
        page_when(b, jstr(e, "occurred_at"));
        html_printf(b, " · <strong>%s</strong></p>", _("A crisis was recorded"));
        if (json_is_true(json_object_get(e, "check_in")))
            html_printf(b, "<p class=\"check-in\">%s</p>",
                        _("Check in: ask them how they have been since, and whether they want you to do anything."));
        buf_adds(b, "</li>");
        return;
    }
    html_printf(b, "<li class=\"event\" data-event-id=\"%D\"><p class=\"meta\">", page_int(e, "id"));
    page_when(b, jstr(e, "occurred_at"));
    html_printf(b, " · <strong>%s</strong> ", ui_vlabel("crisis kind", jstr(e, "kind"), kl, sizeof kl));
    level_badge(b, jstr(e, "severity"));
    html_printf(b, "</p><p class=\"small\">%s · %s", ui_vlabel("crisis response", jstr(e, "response_mode"), ml, sizeof ml),
                ui_vlabel("crisis outcome", jstr(e, "outcome"), ol, sizeof ol));
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(e, "responders"), i, r)
        html_printf(b, "%s%s", i ? ", " : " · ", jstr(r, "name"));
    if (json_is_true(json_object_get(e, "hidden")))
        html_printf(b, "</p><p class=\"small muted\">%s</p>", _("What was done and the notes are not shown to your role."));
    else
        html_printf(b, "</p><div class=\"note-body small\">%s</div>", jstr(e, "actions"));
    if (*jstr(e, "notes"))
        html_printf(b, "<div class=\"note-body small muted\">%s</div>", jstr(e, "notes"));
    buf_adds(b, "</li>");
}

static void crisis_section(struct hreq *h, struct buf *b, int64_t cid)
{
    json_t *rows = NULL;
    html_printf(b,
                "<section class=\"card\" id=\"crisis\" aria-labelledby=\"cr-h\"><div class=\"section-head\"><h2 "
                "id=\"cr-h\">%s</h2>",
                _("Crisis events"));
    if (access_may(&h->ctx, RES_CRISIS, ACT_READ, cid)) /* not a peer supporter's (the date only) */
        html_printf(b, "<a class=\"button small danger\" href=\"/clients/%D/crisis\">%s</a>", cid, _("Crisis view"));
    buf_adds(b, "</div>");
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

static const struct form_field admit_fields[] = {
    F("hospital", FI_TEXT, N_("Hospital"), FF_REQ, .attrs = " maxlength=\"200\""),
    ROW(2),
    F("admission_type", FI_SELECT, N_("Admission"), FF_REQ, .choices = admission_types),
    F("admitted_at", FI_DATETIME, N_("Admitted on"), FF_REQ),
    ROW_END,
    F("reason", FI_TEXTAREA, N_("Reason"), 0, .rows = 2),
    {0},
};
static const struct form form_admit = {.id = "admit-form",
                                       .pfx = "ad",
                                       .action = "/clients/{id}/hospitalisations",
                                       .box = "details",
                                       .box_id = "new-stay",
                                       .summary = N_("Record an admission"),
                                       .submit = N_("Record admission"),
                                       .flash = "admitted",
                                       .done = "/clients/{id}#hospital",
                                       .fields = admit_fields,
                                       .create = hosp_admit,
                                       .page = risk_again,
                                       .flags = FORM_CLIENT_PATH};

static const struct form_field discharge_fields[] = {
    F("client_id", FI_HIDDEN, NULL, 0),
    F("version", FI_HIDDEN, NULL, 0),
    F("discharged_at", FI_DATETIME, N_("Discharged on"), FF_REQ),
    {0},
};
static const struct form form_discharge = {
    .id = "discharge-form",
    .pfx = "dc",
    .action = "/hospitalisations/{id}/discharge",
    .box = "details",
    .summary = N_("Record the discharge"),
    .submit = N_("Record discharge"),
    .flash = "discharged",
    .done = "/clients/{client}",
    .note = N_("A follow-up within 7 days of the discharge is added to the case manager's tasks."),
    .fields = discharge_fields,
    .update = hosp_discharge,
    .page = risk_again,
    .flags = FORM_MANY | FORM_CLIENT};

static void stay_line(struct hreq *h, struct buf *b, json_t *s, int64_t cid, int write,
                      const struct fstate *fs)
{
    int64_t sid = page_int(s, "id");
    int in = json_is_true(json_object_get(s, "in_hospital"));
    char tl[40];
    if (json_is_true(json_object_get(s, "details_hidden"))) /* that and when, not where or why */
        html_printf(b, "<li class=\"stay summary\" data-stay-id=\"%D\"><p class=\"meta\"><strong>%s</strong>", sid,
                    _("A hospital stay"));
    else
        html_printf(b,
                    "<li class=\"stay\" data-stay-id=\"%D\"><p class=\"meta\"><strong>%s</strong> <span "
                    "class=\"tag\">%s</span>",
                    sid, jstr(s, "hospital"), ui_vlabel("admission", jstr(s, "admission_type"), tl, sizeof tl));
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
        char now[20];
        page_local_now(now);
        json_t *def = json_pack("{s:s}", "discharged_at", now);
        json_t *hid = json_pack("{s:I,s:I}", "client_id", (json_int_t)cid, "version",
                                (json_int_t)page_int(s, "version"));
        form_show(h, b, &form_discharge,
                  &(struct form_view){.target = sid, .vals = def, .hidden = hid, .fs = fs, .open = 1});
        json_decref(hid);
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
        char now[20];
        page_local_now(now);
        json_t *def = json_pack("{s:s}", "admitted_at", now);
        form_show(h, b, &form_admit, &(struct form_view){.target = cid, .vals = def, .fs = fs});
        json_decref(def);
    }
    buf_adds(b, "</section>");
}

static void risk_client_main(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    if (access_may(&h->ctx, RES_FLAG, ACT_LIST, page_int(client, "id")))
        flags_section(h, b, client, fs);
}
/* The flags (main column). Forms: "flag", "flag-review" (target: flag). */
CLIENT_SECTION(risk_client_main, "main-2-risk");

static void risk_client_side(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    int64_t cid = page_int(client, "id");
    /* another organisation sees only the classes its consent grants: nothing of the others */
    int shared = access_shared_basis(&h->ctx, cid) != 0;
    if (!shared || access_may(&h->ctx, RES_SAFETY_PLAN, ACT_LIST, cid))
        plan_summary(h, b, cid, may_write(client));
    if (access_may(&h->ctx, RES_CRISIS, ACT_LIST, cid))
        crisis_section(h, b, cid);
    if (access_may(&h->ctx, RES_HOSPITAL, ACT_LIST, cid))
        hospital_section(h, b, cid, may_write(client) && access_may(&h->ctx, RES_HOSPITAL, ACT_CREATE, cid), fs);
}
/* The safety plan, crisis events and hospital stays (side column). Forms: "admit", "discharge" (target: stay). */
CLIENT_SECTION(risk_client_side, "side-2-risk");

static void pg_admit(struct hreq *h)
{
    form_post(h, &form_admit);
}

static void pg_discharge(struct hreq *h)
{
    form_post(h, &form_discharge);
}

/* ---- the safety plan ---- */

/* The plan's form: its seven sections (the order and the headings of the plan as shown), then the
 * client's agreement. */
#define PLAN_SECTION(n, l, h, r) F(n, FI_TEXTAREA, l, 0, .hint = h, .rows = r)
static const struct form_field plan_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    PLAN_SECTION("warning_signs", N_("1. Early warning signs"),
                 N_("Thoughts, images, moods, situations or behaviours that show a crisis may be building."),
                 4),
    PLAN_SECTION("coping", N_("2. Coping on my own"),
                 N_("Things I can do by myself to take my mind off my problems."), 4),
    PLAN_SECTION(
        "distractions", N_("3. Distraction: people and places"),
        N_("People and places that help me think about something else (names, phone numbers, places)."), 4),
    PLAN_SECTION("help_people", N_("4. People I can turn to"),
                 N_("Family or friends I can ask for help and talk to about the crisis."), 4),
    PLAN_SECTION("professionals", N_("5. Professional and crisis contacts"),
                 N_("Clinicians, the on-call service, a crisis line, the emergency department."), 4),
    PLAN_SECTION(
        "environment", N_("6. Making my surroundings safer"),
        N_("Steps that keep me away from the means to hurt myself (for example medication kept by someone "
           "else)."),
        4),
    PLAN_SECTION("reasons_for_living", N_("7. What I live for"),
                 N_("The reason for living that matters most to me, in my words."), 2),
    F("client_agreed", FI_CHECK, N_("The client agreed to this plan"), 0,
      .hint = N_("Tick it when the client has read this version and agrees with it; the time is recorded.")),
    {0},
};
/* A section as the textarea's text: one entry a line (core's wording of an entry). */
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
        safety_entry_text(&t, e);
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
    for (const struct form_field *fd = plan_fields; fd->name; fd++) {
        if (fd->type != FI_TEXTAREA)
            continue;
        json_t *list = json_object_get(plan, fd->name);
        html_printf(b, "<section class=\"plan-section\" id=\"plan-%s\"><h%d>%s</h%d>", fd->name, h_level,
                    _(fd->label), h_level);
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
    html_printf(&b, " · %s ", _("born"));
    page_date_long(&b, jstr(c, "birth_date"));
    html_printf(&b, " · %s ", _("printed"));
    page_date_long(&b, today);
    buf_adds(&b, "</p>");
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
    if (access_may(&h->ctx, RES_CRISIS, ACT_READ, cid))
        html_printf(&b, "<a class=\"button\" href=\"/clients/%D/crisis\">%s</a>", cid, _("Crisis view"));
    buf_adds(&b, "</p></section>");
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

static void plan_page(struct hreq *h, int status, const struct fstate *fs);
static int plan_run(struct hreq *h, json_t *in)
{
    return safety_save(&h->ctx, h->id[0], h->if_match < 0 ? 0 : h->if_match, in, &h->result);
}
static const struct form form_plan = {.id = "plan-form",
                                      .action = "/clients/{id}/safety-plan",
                                      .box = "card",
                                      .submit = N_("Save as a new version"),
                                      .button = "primary",
                                      .flash = "plan",
                                      .done = "/clients/{id}/safety-plan",
                                      .reload = "/clients/{id}/safety-plan/edit",
                                      .cancel = "/clients/{id}/safety-plan",
                                      .fields = plan_fields,
                                      .run = plan_run,
                                      .page = plan_page,
                                      .flags = FORM_CLIENT_PATH};

static void plan_page(struct hreq *h, int status, const struct fstate *fs)
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
    int64_t version = page_int(plan, "version");
    json_t *vals = json_pack("{s:I}", "version", (json_int_t)version);
    for (const struct form_field *fd = plan_fields; fd->name; fd++)
        if (fd->type == FI_TEXTAREA)
            json_object_set_new(vals, fd->name, section_text(plan, fd->name));
    form_client_page(
        h, status, c, version ? _("Edit the safety plan") : _("Write a safety plan"),
        _("Write the plan with the client, in their own words. One entry a line. Saving makes a new "
          "version; earlier versions are kept."),
        &form_plan, &(struct form_view){.target = h->id[0], .vals = vals, .fs = fs});
    json_decref(vals);
    json_decref(plan);
    json_decref(c);
}

static void pg_plan_edit(struct hreq *h)
{
    plan_page(h, 200, NULL);
}

static void pg_plan_save(struct hreq *h)
{
    form_post(h, &form_plan);
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
HTTP_ROUTES(ui_risk_routes, "ui-4-risk");
