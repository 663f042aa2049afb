/* pages_intake: the intake flow (core/intake.c): the organisation's intakes ("my discoveries"), a new
 * discovery (with the duplicate check of the register page), and the intake page: the steps as a
 * stepper, the screening, the eligibility check (the client's eligibility page with the needs
 * filled in) and its decision linked, then the outcome: enrol here, refer elsewhere (the referral
 * send form) or close. A section on the client page lists the client's intakes. */
#include "core/eligibility.h"
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

static void new_page(struct hreq *h, int status, const struct fstate *fs);
static void intake_page(struct hreq *h, int status, const struct fstate *fs);

/* ---- the forms ---- */

static const struct form_field new_fields[] = {
    FIELDSET(N_("The person")),
    ROW(2),
    F("given_name", FI_TEXT, N_("Given name"), FF_REQ, .attrs = " autocomplete=\"off\" maxlength=\"100\""),
    F("family_name", FI_TEXT, N_("Family name"), FF_REQ, .attrs = " autocomplete=\"off\" maxlength=\"100\""),
    ROW_END,
    ROW(2),
    F("birth_date", FI_DATE, N_("Date of birth"), FF_OMIT),
    F("birth_year", FI_NUMBER, N_("Or the year of birth"), FF_OMIT, .attrs = " min=\"1900\" max=\"2100\"",
      .hint = N_("When only the year is known.")),
    ROW_END,
    ROW(2),
    F("phone", FI_TEL, N_("Phone"), FF_OMIT, .attrs = " maxlength=\"40\""),
    F("district", FI_TEXT, N_("District"), FF_OMIT, .attrs = " maxlength=\"100\""),
    ROW_END,
    F("address", FI_TEXTAREA, N_("Address"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"500\""),
    FIELDSET_END,
    FIELDSET(N_("How the person came to us")),
    ROW(2),
    F("source", FI_SELECT, N_("Discovered through"), FF_REQ, .choices = intake_sources),
    F("reporter", FI_TEXT, N_("Reported by"), FF_OMIT, .attrs = " maxlength=\"200\"",
      .hint = N_("A neighbour, a relative: as they gave it.")),
    ROW_END,
    F("concern", FI_TEXTAREA, N_("The concern"), FF_REQ, .rows = 4, .attrs = " maxlength=\"4000\"",
      .hint = N_("In the reporter's own words.")),
    FIELDSET_END,
    F("confirm_new", FI_CHECK, NULL, FF_NODRAW | FF_BOOL),
    {0},
};
static const struct form form_new = {.id = "intake-form",
                                     .action = "/intakes/new",
                                     .box = "card",
                                     .submit = N_("Record the discovery"),
                                     .button = "primary",
                                     .flash = "intake",
                                     .done = "/intakes/{r.id}",
                                     .cancel = "/intakes",
                                     .fields = new_fields,
                                     .make = intake_create,
                                     .page = new_page};

/* The risk question is a yes or no the worker must answer; core takes a boolean. */
static void screen_adjust(json_t *in)
{
    const char *r = json_string_value(json_object_get(in, "risk_now"));
    if (str_eq(r, "yes") || str_eq(r, "no"))
        json_object_set_new(in, "risk_now", json_boolean(str_eq(r, "yes")));
    if (!json_object_get(in, "needs"))
        json_object_set_new(in, "needs", json_array());
}
static const struct form_field screen_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("risk_now", FI_SELECT, N_("Is there a risk to life now?"), FF_REQ),
    F("needs", FI_CHECKS, N_("Needs, by service domain"), 0, .choices = service_domains),
    ROW(2),
    F("urgency", FI_SELECT, N_("Urgency"), FF_REQ, .choices = intake_urgencies),
    F("target_group", FI_SELECT, N_("Target group"), FF_REQ, .choices = target_groups),
    ROW_END,
    ROW(2),
    F("life_stage", FI_SELECT, N_("Life stage"), FF_OMIT, .choices = intake_life_stages,
      .none = N_("From the date of birth")),
    F("hospital_days", FI_NUMBER, N_("Days in hospital (as reported)"), FF_OMIT,
      .attrs = " min=\"0\" max=\"36500\""),
    ROW_END,
    F("recent_crisis", FI_CHECK, N_("A recent crisis (as reported)"), FF_BOOL),
    {0},
};
static const struct form form_screen = {.id = "screen-form",
                                        .pfx = "sc",
                                        .action = "/intakes/{id}/screening",
                                        .submit = N_("Save the screening"),
                                        .button = "primary",
                                        .flash = "screened",
                                        .done = "/intakes/{id}",
                                        .fields = screen_fields,
                                        .update = intake_screen,
                                        .adjust = screen_adjust,
                                        .page = intake_page};

/* The client's eligibility page (GET), the screening's needs filled in; back here after deciding. */
static const struct form_field check_fields[] = {
    F("programme", FI_SELECT, N_("Programme"), FF_REQ),
    F("needs", FI_HIDDEN, NULL, 0),
    F("intake", FI_HIDDEN, NULL, 0),
    {0},
};
static const struct form form_check = {.id = "intake-check",
                                       .pfx = "ic",
                                       .method = "get",
                                       .action = "/clients/{id}/eligibility",
                                       .submit = N_("Check eligibility"),
                                       .fields = check_fields};

static const struct form_field link_fields[] = {
    F("decision_id", FI_SELECT, N_("Eligibility decision"), FF_REQ),
    {0},
};
static const struct form form_link = {.id = "link-form",
                                      .pfx = "lk",
                                      .action = "/intakes/{id}/eligibility",
                                      .submit = N_("Use this decision"),
                                      .button = "primary",
                                      .flash = "decided",
                                      .done = "/intakes/{id}",
                                      .fields = link_fields,
                                      .create = intake_decide,
                                      .page = intake_page};

static const struct form_field enrol_fields[] = {
    F("primary_cm", FI_STAFF, N_("Primary case manager"), FF_REQ),
    ROW(2),
    F("programme", FI_SELECT, N_("Programme"), FF_OMIT, .choices = programmes,
      .none = N_("The decision's programme")),
    F("target_group", FI_SELECT, N_("Target group"), FF_OMIT, .choices = target_groups,
      .none = N_("The screening's")),
    ROW_END,
    F_CAPACITY_REASON,
    {0},
};
static const struct form form_enrol = {.id = "enrol-form",
                                       .pfx = "en",
                                       .action = "/intakes/{id}/enrol",
                                       .submit = N_("Enrol here"),
                                       .button = "primary",
                                       .flash = "enrolled",
                                       .done = "/intakes/{id}",
                                       .note = N_("The intake episode becomes active with this primary case "
                                                  "manager, who gets a task to make the first contact."),
                                       .fields = enrol_fields,
                                       .create = intake_enrol,
                                       .page = intake_page};

static const struct form_field close_fields[] = {
    F("reason", FI_SELECT, N_("Why"), FF_REQ, .choices = intake_close_reasons),
    F("note", FI_TEXTAREA, N_("Note (required for other)"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"2000\""),
    {0},
};
static const struct form form_close = {.id = "close-form",
                                       .pfx = "cl",
                                       .action = "/intakes/{id}/close",
                                       .box = "details",
                                       .summary = N_("Close the intake"),
                                       .submit = N_("Close the intake"),
                                       .confirm = N_("Close this intake? Its episode ends."),
                                       .flash = "intake-closed",
                                       .done = "/intakes/{id}",
                                       .fields = close_fields,
                                       .create = intake_close,
                                       .page = intake_page};

/* The list's filter (GET). */
static const struct form_field filter_fields[] = {
    ROW(2),
    F("state", FI_SELECT, N_("Step"), 0, .choices = intake_states, .none = N_("Any step")),
    F("mine", FI_CHECK, N_("Only the people I discovered"), 0),
    ROW_END,
    {0},
};
static const struct form form_filter = {.id = "intake-filter",
                                        .pfx = "if",
                                        .method = "get",
                                        .action = "/intakes",
                                        .cls = "card search",
                                        .submit = N_("Show"),
                                        .fields = filter_fields};

/* ---- small parts ---- */

static const char *state_label(const char *st)
{
    return str_eq(st, "discovered") ? _("Discovered")
           : str_eq(st, "screened") ? _("Screened")
           : str_eq(st, "decided")  ? _("Eligibility decided")
           : str_eq(st, "enrolled") ? _("Enrolled")
           : str_eq(st, "referred") ? _("Referred elsewhere")
                                    : _("Closed");
}

/* How a person came to us, in words (the select's choices and every display). */
static const char *source_label(const char *s)
{
    return str_eq(s, "care_desk")          ? _("At the care desk")
           : str_eq(s, "outreach")         ? _("Outreach")
           : str_eq(s, "neighbour_report") ? _("A neighbour's report")
           : str_eq(s, "self")             ? _("The person came themselves")
           : str_eq(s, "family")           ? _("Family")
                                           : _("Other");
}
static json_t *source_opts(void)
{
    json_t *a = json_array();
    for (const char *const *s = intake_sources; *s; s++)
        json_array_append_new(a, json_pack("[s,s]", *s, source_label(*s)));
    return json_pack("{s:o}", "source", a);
}

/* The outcome in a few words: enrolled with whom, the referral, why it closed. */
static void outcome_text(struct buf *b, json_t *r)
{
    const char *st = jstr(r, "state");
    char l[80];
    if (str_eq(st, "enrolled"))
        html_printf(b, "%s: %s", _("Enrolled with"), jstr(r, "primary_cm_name"));
    else if (str_eq(st, "referred"))
        html_printf(b, "%s <a href=\"/referrals/%D\">%s %D</a>", _("Referred elsewhere:"), page_int(r, "referral_id"),
                    _("referral"), page_int(r, "referral_id"));
    else if (str_eq(st, "closed"))
        html_printf(b, "%s: %s", _("Closed"), ui_vlabel("intake closed", jstr(r, "close_reason"), l, sizeof l));
    else
        html_printf(b, "<span class=\"muted\">%s</span>", _("under way"));
}

static void state_badge(struct buf *b, const char *st)
{
    html_printf(b, "<span class=\"badge intake-%s\">%s</span>", st, state_label(st));
}

/* The person's birth as known: the date, or only the year. */
static void born(struct buf *b, json_t *r)
{
    if (json_is_true(json_object_get(r, "birth_year_only"))) {
        char y[8];
        snprintf(y, sizeof y, "%.4s", jstr(r, "birth_date"));
        html_printf(b, _("born in %s (year only)"), y);
    }
    else
        html_printf(b, "%s %s", _("born"), jstr(r, "birth_date"));
}

/* "2026-12-07 10:00, Name" */
static void when_who(struct buf *b, json_t *r, const char *at, const char *by)
{
    page_when(b, jstr(r, at));
    if (*jstr(r, by))
        html_printf(b, ", %s", jstr(r, by));
}

/* The steps: done, now or next (a step an early close skipped: not reached). */
static void stepper(struct buf *b, json_t *r)
{
    const char *st = jstr(r, "state");
    int ended = !json_is_null(json_object_get(r, "outcome")) && json_object_get(r, "outcome");
    static const struct {
        const char *label, *at, *by;
    } steps[] = {{N_("Discovered"), "discovered_at", "discovered_by_name"},
                 {N_("Screening"), "screened_at", "screened_by_name"},
                 {N_("Eligibility"), "decided_at", "decided_by_name"},
                 {N_("Outcome"), "outcome_at", "outcome_by_name"}};
    html_printf(b, "<ol class=\"stepper\" id=\"steps\" aria-label=\"%s\">", _("Steps"));
    int now_drawn = 0;
    for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
        int done = *jstr(r, steps[i].at) != 0;
        const char *cls = done ? "done" : ended ? "skipped" : now_drawn ? "next" : "now";
        if (!done && !ended)
            now_drawn = 1;
        html_printf(b, "<li class=\"%s\"%r><span class=\"step-name\">%s</span> <span class=\"step-state\">%s</span>",
                    cls, str_eq(cls, "now") ? " aria-current=\"step\"" : "", _(steps[i].label),
                    done ? _("done") : str_eq(cls, "now") ? _("now") : str_eq(cls, "next") ? _("next") : _("not reached"));
        if (done) {
            buf_adds(b, "<span class=\"small muted step-when\">");
            when_who(b, r, steps[i].at, steps[i].by);
            buf_adds(b, "</span>");
        }
        if (i == 3 && ended) {
            buf_adds(b, "<span class=\"small step-when\">");
            outcome_text(b, r);
            buf_adds(b, "</span>");
        }
        buf_adds(b, "</li>");
    }
    buf_adds(b, "</ol>");
    (void)st;
}

static void needs_list(struct buf *b, json_t *needs)
{
    size_t i;
    json_t *e;
    char l[80];
    if (!json_array_size(needs)) {
        html_printf(b, "<span class=\"muted\">%s</span>", _("none stated"));
        return;
    }
    json_array_foreach(needs, i, e) html_printf(b, "%s%s", i ? ", " : "", ui_vlabel("service domain", json_string_value(e), l, sizeof l));
}

/* The needs as the eligibility page takes them: "a,b". */
static void needs_csv(json_t *needs, char *out, size_t len)
{
    size_t i, used = 0;
    json_t *e;
    out[0] = 0;
    json_array_foreach(needs, i, e) if (used < len) used +=
        (size_t)snprintf(out + used, len - used, "%s%s", used ? "," : "", json_string_value(e));
}

/* ---- the list ---- */

static void pg_intakes(struct hreq *h)
{
    const char *st = qstr(h, "state"), *mine = qstr(h, "mine");
    json_t *env = NULL, *ferrs = NULL;
    int rc = intake_list(&h->ctx, st, str_eq(mine, "1"), &(struct page){qstr(h, "after"), 50}, &env);
    if (rc == ERR_INVALID) {
        ferrs = json_incref(h->ctx.errors);
        page_errors_reset(&h->ctx);
        rc = intake_list(&h->ctx, NULL, 0, &(struct page){NULL, 50}, &env);
    }
    if (rc != OK) {
        json_decref(ferrs);
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Intake"));
    page_flash(h, &b);
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1>", _("Intake"));
    if (access_may(&h->ctx, RES_INTAKE, ACT_CREATE, 0))
        html_printf(&b, "<p class=\"actions\"><a class=\"button primary\" href=\"/intakes/new\" id=\"intake-new\">%s</a></p>",
                    _("New discovery"));
    buf_adds(&b, "</div>");
    form_show(h, &b, &form_filter, &(struct form_view){.vals = h->query, .errs = ferrs});
    json_decref(ferrs);
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items))
        html_printf(&b, "<p class=\"card\" id=\"intakes-none\">%s</p>", _("No intake matches."));
    else {
        html_printf(&b,
                    "<table class=\"list\" id=\"intakes\"><caption class=\"sr\">%s</caption><thead><tr>"
                    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("Intakes"), _("Person"), _("Discovered"), _("Urgency"), _("Step"), _("Outcome"));
        size_t i;
        json_t *r;
        json_array_foreach(items, i, r)
        {
            char l[80];
            html_printf(&b, "<tr data-intake-id=\"%D\" data-state=\"%s\"><td data-label=\"%s\"><a href=\"/intakes/%D\">",
                        page_int(r, "id"), jstr(r, "state"), _("Person"), page_int(r, "id"));
            page_name(&b, r);
            html_printf(&b, "</a></td><td data-label=\"%s\" class=\"date\">", _("Discovered"));
            page_when(&b, jstr(r, "discovered_at"));
            html_printf(&b, "<br><span class=\"small muted\">%s · %s</span></td><td data-label=\"%s\">",
                        source_label(jstr(r, "source")), jstr(r, "discovered_by_name"), _("Urgency"));
            if (json_is_true(json_object_get(r, "risk_now")))
                html_printf(&b, "<span class=\"badge prio-urgent\">%s</span> ", _("risk to life"));
            if (*jstr(r, "urgency"))
                html_printf(&b, "%s", ui_vlabel("urgency", jstr(r, "urgency"), l, sizeof l));
            html_printf(&b, "</td><td data-label=\"%s\">", _("Step"));
            state_badge(&b, jstr(r, "state"));
            html_printf(&b, "</td><td data-label=\"%s\">", _("Outcome"));
            outcome_text(&b, r);
            buf_adds(&b, "</td></tr>");
        }
        buf_adds(&b, "</tbody></table>");
    }
    struct buf more;
    buf_init(&more);
    buf_adds(&more, "/intakes?");
    if (st && *st && !ferrs) {
        buf_adds(&more, "state=");
        url_encode(&more, st);
        buf_addc(&more, '&');
    }
    if (str_eq(mine, "1"))
        buf_adds(&more, "mine=1&");
    page_more(&b, env, more.data, _("More intakes"), "intakes-more");
    buf_free(&more);
    json_decref(env);
    page_send(h, 200, &b);
}

/* ---- a new discovery ---- */

static void new_page(struct hreq *h, int status, const struct fstate *fs)
{
    if (!access_may(&h->ctx, RES_INTAKE, ACT_CREATE, 0)) {
        reply_problem(h, 403, _("Not allowed"),
                      _("Supervisors, case managers, clinicians and care-desk officers record discoveries."), NULL);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("New discovery"));
    html_printf(&b, "<p class=\"crumbs\"><a href=\"/intakes\">← %s</a></p><h1>%s</h1>", _("Intake"), _("New discovery"));
    html_printf(&b, "<p class=\"small muted\">%s</p>",
                _("The person is registered with what is known now; a look-alike already registered must be "
                  "checked first. You hold the intake until its outcome."));
    page_duplicates(&b, fs, "intake-form", _("Record the discovery"));
    json_t *vals = json_pack("{s:s}", "source", h->actor.role == ROLE_CARE_DESK ? "care_desk" : "outreach");
    json_t *opts = source_opts();
    form_show(h, &b, &form_new, &(struct form_view){.vals = vals, .opts = opts, .fs = fs});
    json_decref(opts);
    json_decref(vals);
    page_send(h, status, &b);
}

static void pg_intake_new(struct hreq *h)
{
    new_page(h, 200, NULL);
}

static void pg_intake_create(struct hreq *h)
{
    form_post(h, &form_new);
}

/* ---- the intake page ---- */

static void fact(struct buf *b, const char *label, const char *value)
{
    if (value && *value)
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", label, value);
}

/* The staff who may be an enrolled episode's primary case manager: the intake organisation's active
 * workers whose role may hold an episode as primary case manager (the access table decides). */
static json_t *primary_choices(struct hreq *h)
{
    json_t *staff = page_staff(h), *out = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(staff, i, s)
    {
        int role = role_parse(jstr(s, "role"));
        if (role < 0 || access_table(RES_EPISODE, ACT_UPDATE, REL_PRIMARY_CM, role) == V_DENY)
            continue;
        char id[24], rl[64], l[200];
        snprintf(id, sizeof id, "%lld", (long long)page_int(s, "id"));
        snprintf(l, sizeof l, "%s — %s", jstr(s, "display_name"), ui_vlabel("role", jstr(s, "role"), rl, sizeof rl));
        json_array_append_new(out, json_pack("[s,s]", id, l));
    }
    json_decref(staff);
    return out;
}

static void screening_section(struct hreq *h, struct buf *b, json_t *r, int may_step, const struct fstate *fs)
{
    const char *st = jstr(r, "state");
    char l[80];
    html_printf(b, "<section class=\"card\" id=\"screening\" aria-labelledby=\"sc-h\"><h2 id=\"sc-h\">%s</h2>",
                _("Screening"));
    int screened = *jstr(r, "screened_at") != 0;
    if (screened) {
        html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>", _("Needs"));
        needs_list(b, json_object_get(r, "needs"));
        html_printf(b, "</dd>");
        fact(b, _("Urgency"), ui_vlabel("urgency", jstr(r, "urgency"), l, sizeof l));
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", _("A risk to life now"),
                    json_is_true(json_object_get(r, "risk_now")) ? _("Yes") : _("No"));
        if (*jstr(r, "life_stage"))
            fact(b, _("Life stage"), ui_vlabel("life stage", jstr(r, "life_stage"), l, sizeof l));
        fact(b, _("Target group"), ui_vlabel("target group", jstr(r, "target_group"), l, sizeof l));
        if (json_is_integer(json_object_get(r, "hospital_days")))
            html_printf(b, "<dt>%s</dt><dd>%D</dd>", _("Days in hospital (as reported)"), page_int(r, "hospital_days"));
        if (json_is_true(json_object_get(r, "recent_crisis")))
            html_printf(b, "<dt>%s</dt><dd>%s</dd>", _("A recent crisis (as reported)"), _("Yes"));
        buf_adds(b, "</dl>");
    } else if (!intake_next_state(st, "screen"))
        html_printf(b, "<p class=\"muted\">%s</p>", _("Not screened."));
    if (may_step && intake_next_state(st, "screen")) {
        json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(r, "version"));
        json_t *vals = json_object();
        if (screened) {
            json_object_set(vals, "needs", json_object_get(r, "needs"));
            static const char *const keep[] = {"urgency", "target_group", "life_stage"};
            for (size_t i = 0; i < ARRAY_LEN(keep); i++)
                json_object_set_new(vals, keep[i], json_string(jstr(r, keep[i])));
            json_object_set_new(vals, "risk_now",
                                json_string(json_is_true(json_object_get(r, "risk_now")) ? "yes" : "no"));
            if (json_is_integer(json_object_get(r, "hospital_days")))
                json_object_set_new(vals, "hospital_days", json_sprintf("%lld", (long long)page_int(r, "hospital_days")));
            if (json_is_true(json_object_get(r, "recent_crisis")))
                json_object_set_new(vals, "recent_crisis", json_string("1"));
        }
        json_t *opts = json_pack("{s:[[s,s],[s,s]]}", "risk_now", "no", _("No"), "yes",
                                 _("Yes: call the crisis line now"));
        /* Screened already: the form again, folded (open when it failed). */
        if (screened)
            html_printf(b, "<details class=\"form-box\" id=\"screen-again\"%r><summary>%s</summary>",
                        fs && fs->form == &form_screen ? " open" : "", _("Screen again"));
        form_show(h, b, &form_screen,
                  &(struct form_view){.target = page_int(r, "id"), .vals = vals, .hidden = hid, .opts = opts, .fs = fs});
        if (screened)
            buf_adds(b, "</details>");
        json_decref(opts);
        json_decref(vals);
        json_decref(hid);
    }
    buf_adds(b, "</section>");
}

static void eligibility_section(struct hreq *h, struct buf *b, json_t *r, int may_step, const struct fstate *fs)
{
    const char *st = jstr(r, "state");
    int64_t cid = page_int(r, "client_id");
    html_printf(b, "<section class=\"card\" id=\"intake-eligibility\" aria-labelledby=\"ie-h\"><h2 id=\"ie-h\">%s</h2>",
                _("Eligibility"));
    if (json_is_integer(json_object_get(r, "decision_id"))) {
        char l[80], pn[120];
        html_printf(b, "<p id=\"intake-decision\"><strong>%s</strong> · %s", ui_vlabel("eligibility decision", jstr(r, "decision"), l, sizeof l),
                    page_programme_name(jstr(r, "decision_programme"), pn, sizeof pn));
        html_printf(b, " <span class=\"small muted\">(");
        when_who(b, r, "decided_at", "decided_by_name");
        buf_adds(b, ")</span></p>");
    } else if (!intake_next_state(st, "decide"))
        html_printf(b, "<p class=\"muted\">%s</p>",
                    str_eq(st, "discovered") ? _("After the screening.") : _("No decision was linked."));
    if (may_step && intake_next_state(st, "decide")) {
        /* The client's eligibility page, with the screening's needs; back here to link the decision. */
        char needs[400], iid[24];
        needs_csv(json_object_get(r, "needs"), needs, sizeof needs);
        snprintf(iid, sizeof iid, "%lld", (long long)page_int(r, "id"));
        json_t *opts = json_pack("{s:o}", "programme", page_programme_rows());
        json_t *hid = json_pack("{s:s,s:s}", "needs", needs, "intake", iid);
        int linked = json_is_integer(json_object_get(r, "decision_id"));
        if (linked) /* a decision is linked: another one, folded */
            html_printf(b, "<details class=\"form-box\" id=\"decide-again\"%r><summary>%s</summary>",
                        fs && fs->form == &form_link ? " open" : "", _("Check again or use another decision"));
        html_printf(b, "<p class=\"small\">%s</p>",
                    _("Check the person against a programme on their eligibility page (the screening's needs are "
                      "filled in), record the decision there, then use it here."));
        form_show(h, b, &form_check, &(struct form_view){.target = cid, .opts = opts, .hidden = hid});
        json_decref(hid);
        json_decref(opts);
        json_t *env = NULL;
        if (access_may(&h->ctx, RES_ELIGIBILITY, ACT_LIST, cid) &&
            elig_decision_list(&h->ctx, cid, &(struct page){.limit = 10}, &env) == OK) {
            json_t *rows = page_items(env), *choices = json_array();
            size_t i;
            json_t *d;
            json_array_foreach(rows, i, d)
            {
                char id[24], l[200], dl[80], when[20], pn[120];
                snprintf(id, sizeof id, "%lld", (long long)page_int(d, "id"));
                snprintf(when, sizeof when, "%.10s", jstr(d, "decided_at"));
                snprintf(l, sizeof l, "%s — %s (%s, %s)", page_programme_name(jstr(d, "programme"), pn, sizeof pn),
                         ui_vlabel("eligibility decision", jstr(d, "decision"), dl, sizeof dl), when, jstr(d, "decided_by_name"));
                json_array_append_new(choices, json_pack("[s,s]", id, l));
            }
            json_decref(rows);
            if (json_array_size(choices)) {
                json_t *lo = json_pack("{s:o}", "decision_id", choices);
                form_show(h, b, &form_link, &(struct form_view){.target = page_int(r, "id"), .opts = lo, .fs = fs});
                json_decref(lo);
            } else {
                json_decref(choices);
                html_printf(b, "<p class=\"muted\" id=\"no-decision\">%s</p>", _("No eligibility decision yet."));
            }
        } else
            page_errors_reset(&h->ctx);
        if (linked)
            buf_adds(b, "</details>");
    }
    buf_adds(b, "</section>");
}

static void outcome_section(struct hreq *h, struct buf *b, json_t *r, int may_step, const struct fstate *fs)
{
    const char *st = jstr(r, "state");
    int64_t id = page_int(r, "id"), cid = page_int(r, "client_id");
    html_printf(b, "<section class=\"card\" id=\"outcome\" aria-labelledby=\"oc-h\"><h2 id=\"oc-h\">%s</h2>", _("Outcome"));
    if (!json_is_null(json_object_get(r, "outcome"))) {
        html_printf(b, "<p id=\"intake-outcome\">");
        outcome_text(b, r);
        html_printf(b, " <span class=\"small muted\">(");
        when_who(b, r, "outcome_at", "outcome_by_name");
        buf_adds(b, ")</span></p>");
        if (*jstr(r, "close_note"))
            html_printf(b, "<p class=\"small\">%s</p>", jstr(r, "close_note"));
    } else if (!str_eq(st, "decided"))
        html_printf(b, "<p class=\"muted\">%s</p>", _("After the eligibility decision: enrol here or refer elsewhere."));
    if (str_eq(st, "decided")) {
        int eligible = str_eq(jstr(r, "decision"), "eligible") || str_eq(jstr(r, "decision"), "exception");
        if (access_may(&h->ctx, RES_INTAKE, ACT_REVIEW, cid) && eligible) {
            html_printf(b, "<h3>%s</h3>", _("Enrol here"));
            json_t *opts = json_pack("{s:o}", "primary_cm", primary_choices(h));
            char me[24];
            snprintf(me, sizeof me, "%lld", (long long)h->actor.staff_id);
            json_t *vals = json_pack("{s:s}", "primary_cm", me);
            form_show(h, b, &form_enrol, &(struct form_view){.target = id, .opts = opts, .vals = vals, .fs = fs});
            json_decref(vals);
            json_decref(opts);
        } else if (eligible)
            html_printf(b, "<p class=\"small\" id=\"enrol-by\">%s</p>",
                        _("Enrol here: a supervisor or case manager of the organisation enrols the person, choosing "
                          "the primary case manager."));
        else
            html_printf(b, "<p class=\"small\">%s</p>", _("Not eligible here: refer the person elsewhere, or close the intake."));
    }
    if (may_step && intake_next_state(st, "refer"))
        html_printf(b,
                    "<p class=\"actions\"><a class=\"button\" id=\"refer-elsewhere\" href=\"/clients/%D/referrals/new?intake=%D\">%s</a></p>",
                    cid, id, str_eq(st, "referred") ? _("Refer again") : _("Refer elsewhere"));
    if (may_step && intake_next_state(st, "close"))
        form_show(h, b, &form_close,
                  &(struct form_view){.target = id, .fs = fs, .open = fs && fs->form == &form_close});
    buf_adds(b, "</section>");
}

static void intake_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *r = NULL;
    audit_view(&h->ctx);
    int rc = intake_get(&h->ctx, h->id[0], &r);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    int64_t cid = page_int(r, "client_id");
    int may_step = access_may(&h->ctx, RES_INTAKE, ACT_UPDATE, cid);
    struct buf b;
    buf_init(&b);
    struct buf title;
    buf_init(&title);
    page_name(&title, r); /* escaped once here; shown raw below */
    ui_begin(h, &b, _("Intake"));
    page_flash(h, &b);
    html_printf(&b, "<p class=\"crumbs\"><a href=\"/intakes\">← %s</a></p><h1>%s: %r</h1>", _("Intake"), _("Intake"),
                title.data ? title.data : "");
    buf_free(&title);
    form_failure(&b, fs);
    if (json_is_true(json_object_get(r, "risk_now")) && json_is_null(json_object_get(r, "outcome")))
        html_printf(&b,
                    "<div class=\"alert\" role=\"alert\" id=\"risk-now\"><p>%s</p><ul><li>%s <a href=\"tel:1577-0199\">"
                    "1577-0199</a> (%s) · %s <a href=\"tel:119\">119</a></li><li><a href=\"/clients/%D/crisis\">%s</a>"
                    "</li></ul></div>",
                    _("A risk to life now: call the crisis line now."), _("Mental-health crisis line"), _("24 hours"),
                    _("emergency"), cid, _("Open the crisis response"));
    stepper(&b, r);
    html_printf(&b, "<div class=\"columns\"><div>");
    html_printf(&b, "<section class=\"card\" id=\"person\" aria-labelledby=\"p-h\"><h2 id=\"p-h\">%s</h2><p>", _("The person"));
    if (access_may(&h->ctx, RES_CLIENT, ACT_READ, cid)) {
        html_printf(&b, "<a href=\"/clients/%D\">", cid);
        page_name(&b, r);
        buf_adds(&b, "</a>");
    } else
        page_name(&b, r);
    buf_adds(&b, " · ");
    born(&b, r);
    buf_adds(&b, "</p><dl class=\"facts\">");
    fact(&b, _("Phone"), jstr(r, "phone"));
    fact(&b, _("Address"), jstr(r, "address"));
    fact(&b, _("District"), jstr(r, "district"));
    fact(&b, _("Discovered through"), source_label(jstr(r, "source")));
    fact(&b, _("Reported by"), jstr(r, "reporter"));
    html_printf(&b, "<dt>%s</dt><dd>", _("Discovered"));
    when_who(&b, r, "discovered_at", "discovered_by_name");
    html_printf(&b, " · %s</dd></dl><h3>%s</h3><p class=\"note-body\" id=\"concern\">%s</p></section>",
                jstr(r, "organisation"), _("The concern"), jstr(r, "concern"));
    html_printf(&b, "</div><div>");
    screening_section(h, &b, r, may_step, fs);
    eligibility_section(h, &b, r, may_step, fs);
    outcome_section(h, &b, r, may_step, fs);
    html_printf(&b, "</div></div>");
    json_decref(r);
    page_send(h, status, &b);
}

static void pg_intake(struct hreq *h)
{
    intake_page(h, 200, NULL);
}
static void pg_intake_screen(struct hreq *h)
{
    form_post(h, &form_screen);
}
static void pg_intake_link(struct hreq *h)
{
    form_post(h, &form_link);
}
static void pg_intake_enrol(struct hreq *h)
{
    form_post(h, &form_enrol);
}
static void pg_intake_close(struct hreq *h)
{
    form_post(h, &form_close);
}

/* ---- the section on the client page ---- */

static void intake_client_section(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    (void)fs;
    int64_t cid = page_int(client, "id");
    if (!access_may(&h->ctx, RES_INTAKE, ACT_READ, cid))
        return;
    json_t *rows = NULL;
    if (intake_of_client(&h->ctx, cid, &rows) != OK) {
        page_errors_reset(&h->ctx);
        return;
    }
    if (json_array_size(rows)) {
        html_printf(b, "<section class=\"card\" id=\"intakes\" aria-labelledby=\"in-h\"><h2 id=\"in-h\">%s</h2><ul class=\"plain\">",
                    _("Intake"));
        size_t i;
        json_t *r;
        json_array_foreach(rows, i, r)
        {
            html_printf(b, "<li data-intake-id=\"%D\"><a href=\"/intakes/%D\">%s</a> ", page_int(r, "id"), page_int(r, "id"),
                        _("Intake"));
            state_badge(b, jstr(r, "state"));
            html_printf(b, " <span class=\"small muted\">%s · ", source_label(jstr(r, "source")));
            when_who(b, r, "discovered_at", "discovered_by_name");
            html_printf(b, "</span><br><span class=\"small\">");
            outcome_text(b, r);
            buf_adds(b, "</span></li>");
        }
        buf_adds(b, "</ul></section>");
    }
    json_decref(rows);
}
/* The client's intakes (main column, after eligibility and referrals). */
CLIENT_SECTION(intake_client_section, "main-8-intake");

#define A ROLES_ANY
const struct route ui_intake_routes[] = {
    {"GET", "/intakes", pg_intakes, A, 0},
    {"GET", "/intakes/new", pg_intake_new, A, 0},
    {"POST", "/intakes/new", pg_intake_create, A, 0},
    {"GET", "/intakes/{id}", pg_intake, A, 0},
    {"POST", "/intakes/{id}/screening", pg_intake_screen, A, 0},
    {"POST", "/intakes/{id}/eligibility", pg_intake_link, A, 0},
    {"POST", "/intakes/{id}/enrol", pg_intake_enrol, A, 0},
    {"POST", "/intakes/{id}/close", pg_intake_close, A, 0},
    {0},
};
HTTP_ROUTES(ui_intake_routes, "ui-8-intake");
