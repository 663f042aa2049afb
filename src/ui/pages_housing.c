/* pages_housing: housing stock, applications and the waiting list, offers and tenancies (issue 13
 * §1-§3). The housing coordinator's stock (vacant units first, with "vacant since"), a unit's page
 * (its state, the applications that fit a vacancy, an offer with a deadline), the waiting list with
 * each score as the sum of its parts, an application's page (its parts, the override with a reason,
 * withdrawing), the application form from the client's record, an offer's page (accepted or declined
 * with a reason, the move-in), a tenancy's page (its events, the end with a reason) and the client
 * page's section "Housing". core/housing.c and core/tenancy.c decide and audit. */
#include "core/housing.h"
#include "ui/pages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- words: each vocabulary with its own labels ---- */

struct lb {
    const char *v, *l;
};
static const struct lb type_lb[] = {{"supportive", N_("Supportive housing")},
                                    {"group_home", N_("Group home")},
                                    {"training_home", N_("Independent-living training home")},
                                    {"public_rental", N_("Public rental")},
                                    {"private_supported", N_("Private rental with support")},
                                    {"own_home", N_("Own home")},
                                    {NULL, NULL}};
static const struct lb sit_lb[] = {{"homeless", N_("Homeless")},
                                   {"hospital", N_("In hospital, ready for discharge")},
                                   {"at_risk", N_("At risk of losing a tenancy")},
                                   {"unstable", N_("Unstable housing")},
                                   {"housed", N_("Housed")},
                                   {NULL, NULL}};
static const struct lb state_lb[] = {{"vacant", NC_("housing unit", "Vacant")},
                                     {"preparing", N_("Being prepared")},
                                     {"offline", N_("Offline")},
                                     {"occupied", N_("Occupied")},
                                     {NULL, NULL}};
static const struct lb app_lb[] = {{"waiting", N_("Waiting")},   {"offered", N_("Offered")},
                                   {"housed", N_("Housed")},     {"withdrawn", N_("Withdrawn")},
                                   {"removed", N_("Removed")},   {NULL, NULL}};
static const struct lb offer_lb[] = {{"open", N_("Open: waiting for an answer")},
                                     {"accepted", N_("Accepted")},
                                     {"declined", N_("Declined")},
                                     {"withdrawn", N_("Withdrawn")},
                                     {"moved_in", NC_("offer state", "Moved in")},
                                     {NULL, NULL}};
static const struct lb answer_lb[] = {{"accepted", N_("The client accepts")},
                                      {"declined", N_("The client declines")},
                                      {"withdrawn", N_("The provider withdraws the offer")},
                                      {NULL, NULL}};
static const struct lb payer_lb[] = {{"client", N_("The client")},     {"benefit", N_("Housing benefit")},
                                     {"family", N_("Family")},         {"provider", N_("The housing provider")},
                                     {"other", NC_("payer", "Other")}, {NULL, NULL}};
static const struct lb support_lb[] = {{"none", N_("No support")},   {"low", N_("Low support")},
                                       {"medium", N_("Medium support")}, {"high", N_("High support")},
                                       {"24h", N_("Support around the clock")}, {NULL, NULL}};
static const struct lb event_lb[] = {{"rent_arrears", N_("Rent arrears")},
                                     {"complaint", N_("Neighbour complaint")},
                                     {"repair", N_("Repair")},
                                     {"hospital_stay", N_("Stay in hospital")},
                                     {"crisis", N_("Crisis at home")},
                                     {"visit", N_("Visit by the case manager")},
                                     {NULL, NULL}};
static const struct lb end_lb[] = {{"independent", N_("Moved on to independent housing")},
                                   {"more_support", N_("Moved to more support")},
                                   {"hospital", N_("Went into hospital")},
                                   {"eviction", N_("Eviction")},
                                   {"death", N_("Death")},
                                   {"own_choice", N_("The client's own choice")},
                                   {NULL, NULL}};
static const struct lb part_lb[] = {{"situation", N_("Situation")},
                                    {"hospital_days", N_("Days in hospital ready for discharge")},
                                    {"waiting", N_("Time waiting")},
                                    {"high_risk", N_("High risk")},
                                    {"override", N_("Changed by hand")},
                                    {NULL, NULL}};

static const char *lbl(const struct lb *t, const char *v)
{
    for (; t->v; t++)
        if (str_eq(t->v, v))
            return _(t->l);
    return v ? v : "";
}

/* A vocabulary as a select's choices. */
static json_t *opts_of(const struct lb *t)
{
    json_t *a = json_array();
    for (; t->v; t++)
        json_array_append_new(a, json_pack("[s,s]", t->v, _(t->l)));
    return a;
}

/* Points as people read them: "40", "2.5". */
static const char *pts(json_t *o, const char *k, char *out, size_t len)
{
    double v = json_number_value(json_object_get(o, k));
    snprintf(out, len, "%.2f", v);
    char *dot = strchr(out, '.');
    if (dot) {
        char *e = out + strlen(out) - 1;
        while (e > dot && *e == '0')
            *e-- = 0;
        if (e == dot)
            *e = 0;
    }
    return out;
}

/* The client's name as every page writes it (김민지; Xiaoling Wu). */
static void client_name_of(struct buf *b, json_t *app)
{
    char nm[256];
    html_printf(b, "%s", page_name_text(app, nm, sizeof nm));
}

static void fact(struct buf *b, const char *label, const char *value)
{
    if (value && *value)
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", label, value);
}

static void fact_int(struct buf *b, const char *label, int64_t v)
{
    html_printf(b, "<dt>%s</dt><dd>%D</dd>", label, v);
}

/* An amount of money, grouped as the reader groups digits (420,000). */
static void fact_won(struct buf *b, const char *label, int64_t v)
{
    html_printf(b, "<dt>%s</dt><dd>%N</dd>", label, v);
}

/* "12.5 = Situation 10 + Time waiting 2.5": the score as the sum of its parts. */
static void score_sum(struct buf *b, json_t *a)
{
    char p[32];
    html_printf(b, "<span class=\"score\"><strong>%s</strong>", pts(a, "score", p, sizeof p));
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(a, "parts"), i, x)
    {
        html_printf(b, "%s<span class=\"part part-%s\">%s %s</span>", i ? " + " : " = ", jstr(x, "key"),
                    lbl(part_lb, jstr(x, "key")), pts(x, "points", p, sizeof p));
    }
    buf_adds(b, "</span>");
}

static void unit_name(struct buf *b, json_t *u)
{
    html_printf(b, "%s, %s", jstr(u, "property"), jstr(u, "label"));
}

/* The state of a unit: "Vacant since 2026-11-02 (35 days)". */
static void unit_state(struct buf *b, json_t *u)
{
    const char *s = jstr(u, "state");
    html_printf(b, "<span class=\"badge unit-%s\">%s</span>", s, lbl(state_lb, s));
    if (str_eq(s, "vacant")) {
        char days[64];
        snprintf(days, sizeof days, _("%lld days"), (long long)page_int(u, "vacant_days"));
        html_printf(b, " <span class=\"vacant-since\">%s %s (%s)</span>", _("since"), jstr(u, "state_since"), days);
    } else if (*jstr(u, "state_since"))
        html_printf(b, " <span class=\"small muted\">%s %s</span>", _("since"), jstr(u, "state_since"));
    if (str_eq(s, "offline") && *jstr(u, "offline_reason"))
        html_printf(b, ": <q>%s</q>", jstr(u, "offline_reason"));
}

/* Select values arrive as strings: the ids core takes are integers. */
static void int_field(json_t *in, const char *k)
{
    const char *s = json_string_value(json_object_get(in, k));
    int64_t n;
    if (s && parse_int64(s, &n) == 0)
        json_object_set_new(in, k, json_integer(n));
}

/* ---- the stock ---- */

static void stock_page(struct hreq *h, int status, const struct fstate *fs);

static const struct form_field unit_fields[] = {
    ROW(2),
    F("property", FI_TEXT, N_("Property"), FF_REQ, .attrs = " maxlength=\"200\"",
      .hint = N_("The building or house, by name.")),
    F("label", FI_TEXT, NC_("housing unit", "Unit"), FF_REQ, .attrs = " maxlength=\"100\"", .hint = N_("For example \"Flat 2\".")),
    ROW_END,
    F("address", FI_TEXT, N_("Address"), FF_OMIT, .attrs = " maxlength=\"500\""),
    ROW(3),
    F("type", FI_SELECT, N_("Type of housing"), FF_REQ),
    F("district", FI_TEXT, N_("District"), FF_REQ, .attrs = " maxlength=\"100\""),
    F("bedrooms", FI_NUMBER, N_("Bedrooms"), FF_REQ, .attrs = " min=\"0\" max=\"20\"", .hint = N_("0: a studio.")),
    ROW_END,
    ROW(2),
    F("rent", FI_NUMBER, N_("Rent (won a month)"), FF_REQ, .attrs = " min=\"0\""),
    F("accessible", FI_CHECK, N_("Accessible (step-free)"), 0),
    ROW_END,
    F("eligible", FI_TEXTAREA, N_("Who may be placed there"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"1000\""),
    ROW(2),
    F("state", FI_SELECT, N_("State"), FF_OMIT, .none = N_("Vacant (default)")),
    F("since", FI_DATE, N_("Since"), FF_OMIT, .hint = N_("Empty: today.")),
    ROW_END,
    F("offline_reason", FI_TEXT, N_("Why it is offline"), FF_OMIT, .attrs = " maxlength=\"500\""),
    {0},
};
static const struct form form_unit = {.id = "unit-form",
                                      .pfx = "uf",
                                      .action = "/housing/units",
                                      .box = "details",
                                      .summary = N_("Record a unit"),
                                      .submit = N_("Record the unit"),
                                      .button = "primary",
                                      .flash = "housing-unit",
                                      .done = "/housing/units/{r.id}",
                                      .fields = unit_fields,
                                      .make = housing_unit_create,
                                      .page = stock_page};

static json_t *state_opts(int manual)
{
    json_t *a = json_array();
    for (const struct lb *t = state_lb; t->v; t++)
        if (!manual || !str_eq(t->v, "occupied"))
            json_array_append_new(a, json_pack("[s,s]", t->v, _(t->l)));
    return a;
}

static void stock_page(struct hreq *h, int status, const struct fstate *fs)
{
    int coordinator = access_may(&h->ctx, RES_HOUSING_UNIT, ACT_CREATE, 0);
    const char *state = qstr(h, "state");
    json_t *env = NULL;
    int rc = housing_unit_list(&h->ctx, coordinator ? h->actor.org_id : 0, state,
                               &(struct page){qstr(h, "after"), 50}, &env);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Housing stock"));
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1>", _("Housing stock"));
    if (access_may(&h->ctx, RES_HOUSING_APPLICATION, ACT_REVIEW, 0))
        html_printf(&b, "<a class=\"button\" href=\"/housing/waiting-list\" id=\"waiting-list-link\">%s</a>",
                    _("Waiting list"));
    html_printf(&b, "</div><p class=\"muted\">%s</p>",
                _("Vacant units first, the longest vacant first; then those being prepared, offline and occupied."));
    page_flash(h, &b);
    form_failure(&b, fs);
    html_printf(&b, "<p class=\"tabs\" id=\"unit-filter\"><a href=\"/housing\"%r>%s</a>",
                state && *state ? "" : " aria-current=\"page\"", _("All units"));
    for (const struct lb *t = state_lb; t->v; t++)
        html_printf(&b, " · <a href=\"/housing?state=%s\"%r>%s</a>", t->v,
                    str_eq(state, t->v) ? " aria-current=\"page\"" : "", _(t->l));
    buf_adds(&b, "</p>");
    if (coordinator) {
        json_t *opts = json_pack("{s:o,s:o}", "type", opts_of(type_lb), "state", state_opts(1));
        form_show(h, &b, &form_unit, &(struct form_view){.opts = opts, .fs = fs, .open = form_mine(fs, &form_unit, 0)});
        json_decref(opts);
    }
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items))
        html_printf(&b, "<p class=\"card muted\" id=\"units-none\">%s</p>", _("No unit is recorded yet."));
    else
        html_printf(&b,
                    "<table class=\"list card\" id=\"unit-list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
                    "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
                    "<tbody>",
                    C_("housing unit", "Unit"), _("State"), _("Type of housing"), _("District"), _("Rent (won a month)"));
    size_t i;
    json_t *u;
    json_array_foreach(items, i, u)
    {
        html_printf(&b, "<tr data-unit-id=\"%D\" class=\"unit-%s\"><td data-label=\"%s\"><a href=\"/housing/units/%D\">",
                    page_int(u, "id"), jstr(u, "state"), C_("housing unit", "Unit"), page_int(u, "id"));
        unit_name(&b, u);
        buf_adds(&b, "</a>");
        if (!coordinator)
            html_printf(&b, "<br><span class=\"small muted\">%s</span>", jstr(u, "org_name"));
        html_printf(&b, "</td><td data-label=\"%s\">", _("State"));
        unit_state(&b, u);
        html_printf(&b, "</td><td data-label=\"%s\">%s", _("Type of housing"), lbl(type_lb, jstr(u, "type")));
        html_printf(&b, "<br><span class=\"small muted\">%s</span>", _("Bedrooms"));
        html_printf(&b, " %D%s</td>", page_int(u, "bedrooms"),
                    json_is_true(json_object_get(u, "accessible")) ? _(", accessible") : "");
        html_printf(&b, "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%N</td></tr>", _("District"),
                    jstr(u, "district"), _("Rent (won a month)"), page_int(u, "rent"));
    }
    if (json_array_size(items))
        buf_adds(&b, "</tbody></table>");
    char base[80];
    snprintf(base, sizeof base, "/housing?%s%s%s", state && *state ? "state=" : "", state && *state ? state : "",
             state && *state ? "&" : "");
    page_more(&b, env, base, _("More units"), "units-more");
    json_decref(env);
    page_send(h, status, &b);
}

static void pg_stock(struct hreq *h)
{
    stock_page(h, 200, NULL);
}

static void pg_unit_create(struct hreq *h)
{
    form_post(h, &form_unit);
}

/* ---- one unit: its state, the applications that fit, the offer ---- */

static void unit_page(struct hreq *h, int status, const struct fstate *fs);

static const struct form_field state_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    ROW(2),
    F("state", FI_SELECT, N_("State"), FF_REQ),
    F("since", FI_DATE, N_("Since"), FF_OMIT, .hint = N_("Empty: today.")),
    ROW_END,
    F("offline_reason", FI_TEXT, N_("Why it is offline"), FF_OMIT, .attrs = " maxlength=\"500\"",
      .hint = N_("Required when the unit is offline.")),
    {0},
};
static const struct form form_state = {.id = "unit-state",
                                       .pfx = "us",
                                       .action = "/housing/units/{id}/state",
                                       .box = "card",
                                       .submit = N_("Change the state"),
                                       .flash = "housing-state",
                                       .done = "/housing/units/{id}",
                                       .fields = state_fields,
                                       .update = housing_unit_state,
                                       .page = unit_page};

static void offer_adjust(json_t *in)
{
    int_field(in, "application_id");
}

static const struct form_field offer_fields[] = {
    F("application_id", FI_SELECT, N_("Application"), FF_REQ, .none = N_("Choose an application that fits"),
      .hint = N_("Highest priority first.")),
    F("deadline", FI_DATE, N_("Answer by"), FF_OMIT, .hint = N_("Empty: the rules' number of days from today.")),
    {0},
};
static const struct form form_offer = {.id = "offer-form",
                                       .pfx = "of",
                                       .action = "/housing/units/{id}/offers",
                                       .box = "card",
                                       .submit = N_("Make the offer"),
                                       .button = "primary",
                                       .flash = "housing-offer",
                                       .done = "/housing-offers/{r.id}",
                                       .fields = offer_fields,
                                       .create = housing_offer_create,
                                       .adjust = offer_adjust,
                                       .page = unit_page};

/* The applications that fit a vacant unit: a table with their scores' parts, and the offer form. */
static void matches_part(struct hreq *h, struct buf *b, json_t *u, const struct fstate *fs)
{
    json_t *env = NULL;
    if (housing_unit_matches(&h->ctx, page_int(u, "id"), &(struct page){NULL, 50}, &env) != OK) {
        page_errors_reset(&h->ctx);
        return;
    }
    json_t *items = json_object_get(env, "items"), *choices = json_array();
    html_printf(b, "<section class=\"card\" id=\"matches\" aria-labelledby=\"match-h\"><h2 id=\"match-h\">%s</h2>",
                _("Applications that fit"));
    html_printf(b, "<p class=\"muted\">%s</p>",
                _("Waiting applications of the unit's type, in its district or any, with the access and room they "
                  "need: highest priority first."));
    if (!json_array_size(items))
        html_printf(b, "<p class=\"muted\" id=\"matches-none\">%s</p>", _("No waiting application fits this unit."));
    else
        html_printf(b,
                    "<table class=\"list\" id=\"match-list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
                    "</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("Client"), _("Situation"), _("Priority"));
    size_t i;
    json_t *a;
    json_array_foreach(items, i, a)
    {
        char id[24], p[32], l[400], nm[256];
        snprintf(id, sizeof id, "%lld", (long long)page_int(a, "id"));
        snprintf(l, sizeof l, "%s — %s", page_name_text(a, nm, sizeof nm), pts(a, "score", p, sizeof p));
        json_array_append_new(choices, json_pack("[s,s]", id, l));
        html_printf(b, "<tr data-application-id=\"%D\"><td data-label=\"%s\"><a href=\"/housing-applications/%D\">",
                    page_int(a, "id"), _("Client"), page_int(a, "id"));
        client_name_of(b, a);
        html_printf(b, "</a></td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", _("Situation"),
                    lbl(sit_lb, jstr(a, "situation")), _("Priority"));
        score_sum(b, a);
        buf_adds(b, "</td></tr>");
    }
    if (json_array_size(items))
        buf_adds(b, "</tbody></table>");
    buf_adds(b, "</section>");
    if (json_array_size(items)) {
        html_printf(b, "<h2 class=\"h3\" id=\"offer-h\">%s</h2>", _("Offer the unit"));
        json_t *opts = json_pack("{s:o}", "application_id", choices);
        json_t *vals = json_object();
        if (!fs) /* the highest priority chosen */
            json_object_set(vals, "application_id", json_array_get(json_array_get(choices, 0), 0));
        form_show(h, b, &form_offer, &(struct form_view){.target = page_int(u, "id"), .vals = vals, .opts = opts, .fs = fs});
        json_decref(vals);
        json_decref(opts);
    } else
        json_decref(choices);
    json_decref(env);
}

static void unit_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *u = NULL;
    int rc = housing_unit_get(&h->ctx, h->id[0], &u);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b, t;
    buf_init(&b);
    buf_init(&t);
    buf_adds(&t, "");
    unit_name(&t, u);
    ui_begin(h, &b, t.data);
    html_printf(&b, "<p class=\"crumbs\"><a href=\"/housing\">%s</a></p><div class=\"page-head\"><h1>%s</h1></div>",
                _("Housing stock"), t.data);
    page_flash(h, &b);
    form_failure(&b, fs);
    int own = page_int(u, "org_id") == h->actor.org_id;
    html_printf(&b, "<section class=\"card\" id=\"unit\" aria-labelledby=\"unit-h\" data-state=\"%s\"><h2 id=\"unit-h\">%s"
                    "</h2><dl class=\"facts\">",
                jstr(u, "state"), _("The unit"));
    buf_reset(&t);
    buf_adds(&t, "");
    unit_state(&t, u);
    html_printf(&b, "<dt>%s</dt><dd id=\"unit-state-now\">%r</dd>", _("State"), t.data);
    fact(&b, _("Housing provider"), jstr(u, "org_name"));
    fact(&b, _("Address"), jstr(u, "address"));
    fact(&b, _("Type of housing"), lbl(type_lb, jstr(u, "type")));
    fact_int(&b, _("Bedrooms"), page_int(u, "bedrooms"));
    fact(&b, _("Accessible (step-free)"), json_is_true(json_object_get(u, "accessible")) ? _("yes") : _("no"));
    fact(&b, _("District"), jstr(u, "district"));
    fact_won(&b, _("Rent (won a month)"), page_int(u, "rent"));
    fact(&b, _("Who may be placed there"), jstr(u, "eligible"));
    if (page_int(u, "tenancy_id"))
        html_printf(&b, "<dt>%s</dt><dd><a href=\"/tenancies/%D\" id=\"unit-tenancy\">%s</a></dd>", _("Tenancy"),
                    page_int(u, "tenancy_id"), _("The current tenancy"));
    buf_adds(&b, "</dl></section>");
    buf_free(&t);
    int vacant = str_eq(jstr(u, "state"), "vacant");
    if (vacant && own && access_may(&h->ctx, RES_HOUSING_UNIT, ACT_REVIEW, 0))
        matches_part(h, &b, u, fs);
    if (own && !str_eq(jstr(u, "state"), "occupied") && access_may(&h->ctx, RES_HOUSING_UNIT, ACT_UPDATE, 0)) {
        html_printf(&b, "<h2 class=\"h3\" id=\"state-h\">%s</h2>", vacant ? _("Change the state") : _("Record a vacancy"));
        json_t *opts = json_pack("{s:o}", "state", state_opts(1));
        json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(u, "version"));
        json_t *vals = json_pack("{s:s}", "state", vacant ? "preparing" : "vacant");
        form_show(h, &b, &form_state,
                  &(struct form_view){.target = h->id[0], .vals = vals, .hidden = hid, .opts = opts, .fs = fs});
        json_decref(vals);
        json_decref(hid);
        json_decref(opts);
    }
    json_t *offers = json_object_get(u, "offers");
    if (json_array_size(offers)) {
        html_printf(&b, "<section class=\"card\" id=\"unit-offers\" aria-labelledby=\"uo-h\"><h2 id=\"uo-h\">%s</h2>"
                        "<ul class=\"plain\">",
                    _("Offers of this unit"));
        size_t i;
        json_t *f;
        json_array_foreach(offers, i, f)
        {
            html_printf(&b, "<li data-offer-id=\"%D\"><a href=\"/housing-offers/%D\">%s ", page_int(f, "id"),
                        page_int(f, "id"), _("Offer made"));
            page_when(&b, jstr(f, "made_at"));
            html_printf(&b, "</a> · %s · %s %s</li>", lbl(offer_lb, jstr(f, "status")), _("answer by"),
                        jstr(f, "deadline"));
        }
        buf_adds(&b, "</ul></section>");
    }
    json_decref(u);
    page_send(h, status, &b);
}

static void pg_unit(struct hreq *h)
{
    unit_page(h, 200, NULL);
}

static void pg_unit_state(struct hreq *h)
{
    form_post(h, &form_state);
}

static void pg_offer_create(struct hreq *h)
{
    form_post(h, &form_offer);
}

/* ---- the waiting list ---- */

static void pg_waiting(struct hreq *h)
{
    json_t *env = NULL;
    int rc = housing_waiting_list(&h->ctx, &(struct page){qstr(h, "after"), 50}, &env);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Waiting list"));
    html_printf(&b,
                "<p class=\"crumbs\"><a href=\"/housing\">%s</a></p><div class=\"page-head\"><h1>%s</h1></div>"
                "<p class=\"muted\">%s</p>",
                _("Housing stock"), _("Waiting list"),
                _("Highest priority first, then the earliest applied. Each score is the sum of its parts, by the "
                  "priority rules and your organisation's weights; a change by hand shows its reason."));
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items))
        html_printf(&b, "<p class=\"card muted\" id=\"waiting-none\">%s</p>", _("Nobody is waiting."));
    else
        html_printf(&b,
                    "<table class=\"list card\" id=\"waiting-list\"><thead><tr><th scope=\"col\">%s</th><th "
                    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("Client"), _("Needs"), _("Waiting since"), _("Priority"));
    size_t i;
    json_t *a;
    json_array_foreach(items, i, a)
    {
        html_printf(&b, "<tr data-application-id=\"%D\"><td data-label=\"%s\"><a href=\"/housing-applications/%D\">",
                    page_int(a, "id"), _("Client"), page_int(a, "id"));
        client_name_of(&b, a);
        html_printf(&b, "</a><br><span class=\"small muted\">%s</span></td><td data-label=\"%s\">%s",
                    lbl(sit_lb, jstr(a, "situation")), _("Needs"), lbl(type_lb, jstr(a, "type")));
        if (*jstr(a, "district"))
            html_printf(&b, ", %s", jstr(a, "district"));
        if (json_is_true(json_object_get(a, "accessible")))
            html_printf(&b, ", %s", _("accessible"));
        html_printf(&b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", _("Waiting since"),
                    jstr(a, "applied_on"), _("Priority"));
        score_sum(&b, a);
        if (*jstr(a, "override_reason"))
            html_printf(&b, "<br><span class=\"small\">%s: <q>%s</q></span>", _("Changed by hand"),
                        jstr(a, "override_reason"));
        buf_adds(&b, "</td></tr>");
    }
    if (json_array_size(items))
        buf_adds(&b, "</tbody></table>");
    page_more(&b, env, "/housing/waiting-list?", _("More of the waiting list"), "waiting-more");
    json_decref(env);
    page_send(h, 200, &b);
}

/* ---- an application ---- */

static void app_page(struct hreq *h, int status, const struct fstate *fs);

static const struct form_field override_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("points", FI_NUMBER, N_("Points added by hand"), FF_REQ, .attrs = " min=\"-1000\" max=\"1000\"",
      .hint = N_("Negative to move down; 0 takes a change back.")),
    F("reason", FI_TEXTAREA, N_("Why"), FF_REQ, .rows = 2, .attrs = " minlength=\"10\" maxlength=\"1000\"",
      .hint = N_("Shown with the score to everyone who sees it, and audited.")),
    {0},
};
static const struct form form_override = {.id = "app-override",
                                          .pfx = "ao",
                                          .action = "/housing-applications/{id}/override",
                                          .box = "details",
                                          .summary = N_("Change the order by hand"),
                                          .submit = N_("Change the order"),
                                          .flash = "housing-override",
                                          .done = "/housing-applications/{id}",
                                          .fields = override_fields,
                                          .update = housing_app_override,
                                          .page = app_page};

static const struct form_field withdraw_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("reason", FI_TEXTAREA, N_("Why"), FF_REQ, .rows = 2, .attrs = " maxlength=\"1000\""),
    {0},
};
static const struct form form_withdraw = {.id = "app-withdraw",
                                          .pfx = "aw",
                                          .action = "/housing-applications/{id}/withdraw",
                                          .box = "details",
                                          .summary = N_("Withdraw the application"),
                                          .submit = N_("Withdraw"),
                                          .button = "danger",
                                          .flash = "housing-withdrawn",
                                          .done = "/housing-applications/{id}",
                                          .fields = withdraw_fields,
                                          .update = housing_app_withdraw,
                                          .page = app_page};

static void app_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *a = NULL;
    int rc = housing_app_get(&h->ctx, h->id[0], &a);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    int64_t cid = page_int(a, "client_id");
    struct buf b, t;
    buf_init(&b);
    buf_init(&t);
    buf_adds(&t, "");
    client_name_of(&t, a);
    char title[400];
    snprintf(title, sizeof title, "%s: %s", _("Housing application"), t.data);
    ui_begin(h, &b, title);
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1>", title);
    if (access_may(&h->ctx, RES_CLIENT, ACT_READ, cid))
        html_printf(&b, "<a class=\"button\" href=\"/clients/%D#housing\">%s</a>", cid, _("The client's record"));
    buf_adds(&b, "</div>");
    buf_free(&t);
    page_flash(h, &b);
    form_failure(&b, fs);
    const char *st = jstr(a, "status");
    html_printf(&b, "<section class=\"card\" id=\"application\" aria-labelledby=\"app-h\" data-status=\"%s\"><h2 "
                    "id=\"app-h\">%s</h2><dl class=\"facts\">",
                st, _("What is needed"));
    fact(&b, _("Status"), lbl(app_lb, st));
    fact(&b, _("Applied to"), jstr(a, "org_name"));
    fact(&b, _("Applied by"), jstr(a, "from_org_name"));
    fact(&b, _("Applied on"), jstr(a, "applied_on"));
    fact(&b, _("Type of housing"), lbl(type_lb, jstr(a, "type")));
    fact(&b, _("District"), *jstr(a, "district") ? jstr(a, "district") : _("Any district"));
    fact(&b, _("Needs an accessible home"), json_is_true(json_object_get(a, "accessible")) ? _("yes") : _("no"));
    fact_int(&b, _("People in the household"), page_int(a, "household"));
    fact(&b, _("Who else lives with them"), jstr(a, "household_note"));
    fact(&b, _("Situation now"), lbl(sit_lb, jstr(a, "situation")));
    fact(&b, _("Ready for discharge since"), jstr(a, "ready_since"));
    fact(&b, _("Note"), jstr(a, "note"));
    fact(&b, _("Why it ended"), jstr(a, "end_reason"));
    json_t *docs = json_object_get(a, "documents");
    if (json_array_size(docs)) {
        html_printf(&b, "<dt>%s</dt><dd><ul class=\"plain\" id=\"documents\">", _("Documents asked for"));
        size_t i;
        json_t *d;
        json_array_foreach(docs, i, d)
        {
            const char *n = json_is_string(d) ? json_string_value(d) : jstr(d, "name");
            int got = json_is_object(d) && json_is_true(json_object_get(d, "received"));
            html_printf(&b, "<li>%s · %s</li>", n, got ? _("received") : _("not received yet"));
        }
        buf_adds(&b, "</ul></dd>");
    }
    buf_adds(&b, "</dl></section>");
    /* the score as the sum of its parts */
    html_printf(&b, "<section class=\"card\" id=\"score\" aria-labelledby=\"score-h\"><h2 id=\"score-h\">%s</h2>",
                _("Priority: the sum of its parts"));
    html_printf(&b, "<table class=\"list\" id=\"score-parts\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
                    "</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                _("Part"), _("Why"), _("Points"));
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(a, "parts"), i, x)
    {
        char p[32], days[64] = "";
        const char *k = jstr(x, "key");
        if (json_is_integer(json_object_get(x, "days")))
            snprintf(days, sizeof days, _("%lld days"), (long long)page_int(x, "days"));
        html_printf(&b, "<tr class=\"part-%s\"><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s%s</td>"
                        "<td data-label=\"%s\" class=\"num\">%s</td></tr>",
                    k, _("Part"), lbl(part_lb, k), _("Why"),
                    str_eq(k, "situation") ? lbl(sit_lb, jstr(x, "detail")) : jstr(x, "detail"), days,
                    _("Points"), pts(x, "points", p, sizeof p));
    }
    char p[32];
    html_printf(&b, "</tbody><tfoot><tr><th scope=\"row\" colspan=\"2\">%s</th><td class=\"num\" id=\"score-total\">"
                    "<strong>%s</strong></td></tr></tfoot></table></section>",
                _("Score"), pts(a, "score", p, sizeof p));
    /* the offers */
    json_t *offers = json_object_get(a, "offers");
    if (json_array_size(offers)) {
        html_printf(&b, "<section class=\"card\" id=\"app-offers\" aria-labelledby=\"ao-h\"><h2 id=\"ao-h\">%s</h2>"
                        "<ul class=\"plain\">",
                    _("Offers"));
        json_array_foreach(offers, i, x)
        {
            html_printf(&b, "<li data-offer-id=\"%D\"><a href=\"/housing-offers/%D\">", page_int(x, "id"),
                        page_int(x, "id"));
            unit_name(&b, x);
            html_printf(&b, "</a> · %s · %s %s", lbl(offer_lb, jstr(x, "status")), _("answer by"), jstr(x, "deadline"));
            if (*jstr(x, "answer_reason"))
                html_printf(&b, ": <q>%s</q>", jstr(x, "answer_reason"));
            buf_adds(&b, "</li>");
        }
        buf_adds(&b, "</ul></section>");
    }
    int open = str_eq(st, "waiting") || str_eq(st, "offered");
    json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(a, "version"));
    if (open && access_may(&h->ctx, RES_HOUSING_APPLICATION, ACT_ADMINISTER, cid) &&
        page_int(a, "org_id") == h->actor.org_id) {
        json_t *vals = json_pack("{s:I}", "points", (json_int_t)page_int(a, "override_points"));
        form_show(h, &b, &form_override, &(struct form_view){.target = h->id[0], .vals = vals, .hidden = hid, .fs = fs});
        json_decref(vals);
    }
    if (str_eq(st, "waiting") && access_may(&h->ctx, RES_HOUSING_APPLICATION, ACT_UPDATE, cid))
        form_show(h, &b, &form_withdraw, &(struct form_view){.target = h->id[0], .hidden = hid, .fs = fs});
    json_decref(hid);
    json_decref(a);
    page_send(h, status, &b);
}

static void pg_app(struct hreq *h)
{
    app_page(h, 200, NULL);
}

static void pg_app_override(struct hreq *h)
{
    form_post(h, &form_override);
}

static void pg_app_withdraw(struct hreq *h)
{
    form_post(h, &form_withdraw);
}

/* ---- the application form, from the client's record ---- */

static void app_new_page(struct hreq *h, int status, const struct fstate *fs);

/* The documents are typed one a line. */
static void app_adjust(json_t *in)
{
    int_field(in, "org_id");
    const char *s = json_string_value(json_object_get(in, "documents"));
    if (!s)
        return;
    json_t *docs = json_array();
    const char *p = s;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
            n--;
        while (n && *p == ' ')
            p++, n--;
        if (n)
            json_array_append_new(docs, json_stringn(p, n));
        if (!e)
            break;
        p = e + 1;
    }
    json_object_set_new(in, "documents", docs);
}

static const struct form_field app_fields[] = {
    F("org_id", FI_SELECT, N_("Housing provider"), FF_REQ, .none = N_("Choose a housing provider")),
    FIELDSET(N_("What is needed")),
    ROW(2),
    F("type", FI_SELECT, N_("Type of housing"), FF_REQ),
    F("district", FI_TEXT, N_("District"), FF_OMIT, .attrs = " maxlength=\"100\"", .hint = N_("Empty: any district.")),
    ROW_END,
    ROW(2),
    F("household", FI_NUMBER, N_("People in the household"), FF_OMIT, .attrs = " min=\"1\" max=\"20\"",
      .hint = N_("The client included. Empty: 1.")),
    F("accessible", FI_CHECK, N_("Needs an accessible home"), 0),
    ROW_END,
    F("household_note", FI_TEXT, N_("Who else lives with them"), FF_OMIT, .attrs = " maxlength=\"500\""),
    FIELDSET_END,
    FIELDSET(N_("The situation now")),
    ROW(2),
    F("situation", FI_SELECT, N_("Situation now"), FF_REQ),
    F("ready_since", FI_DATE, N_("Ready for discharge since"), FF_OMIT, .hint = N_("In hospital: required.")),
    ROW_END,
    FIELDSET_END,
    F("documents", FI_TEXTAREA, N_("Documents asked for"), FF_OMIT, .rows = 3, .attrs = " maxlength=\"2000\"",
      .hint = N_("One a line.")),
    F("note", FI_TEXTAREA, N_("Note"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"2000\""),
    {0},
};
static const struct form form_app = {.id = "app-form",
                                     .action = "/clients/{id}/housing-applications",
                                     .box = "card",
                                     .submit = N_("Apply"),
                                     .button = "primary",
                                     .flash = "housing-app",
                                     .done = "/housing-applications/{r.id}",
                                     .cancel = "/clients/{id}#housing",
                                     .fields = app_fields,
                                     .create = housing_app_create,
                                     .adjust = app_adjust,
                                     .page = app_new_page,
                                     .flags = FORM_CLIENT_PATH};

static void app_new_page(struct hreq *h, int status, const struct fstate *fs)
{
    char here[80];
    snprintf(here, sizeof here, "/clients/%lld/housing-applications/new", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here);
    if (!c)
        return;
    if (!access_may(&h->ctx, RES_HOUSING_APPLICATION, ACT_CREATE, h->id[0])) {
        json_decref(c);
        ui_error_page(h, 403, _("Not allowed"), _("The client's care team applies for housing."));
        return;
    }
    json_t *prov = NULL;
    int rc = housing_providers(&h->ctx, &prov);
    if (rc != OK) {
        json_decref(c);
        page_client_error(h, rc);
        return;
    }
    json_t *orgs = json_array();
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(prov, "items"), i, x)
    {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)page_int(x, "id"));
        json_array_append_new(orgs, json_pack("[s,s]", id, jstr(x, "name")));
    }
    json_t *opts = json_pack("{s:o,s:o,s:o}", "org_id", orgs, "type", opts_of(type_lb), "situation", opts_of(sit_lb));
    json_t *vals = json_object();
    if (json_array_size(orgs) == 1)
        json_object_set(vals, "org_id", json_array_get(json_array_get(orgs, 0), 0));
    form_client_page(h, status, c, _("Apply for housing"),
                     _("The application goes to the housing provider's waiting list. Its priority is computed by the "
                       "priority rules, and everyone who sees it sees why."),
                     &form_app, &(struct form_view){.target = h->id[0], .vals = vals, .opts = opts, .fs = fs});
    json_decref(vals);
    json_decref(opts);
    json_decref(prov);
    json_decref(c);
}

static void pg_app_new(struct hreq *h)
{
    app_new_page(h, 200, NULL);
}

static void pg_app_create(struct hreq *h)
{
    form_post(h, &form_app);
}

/* ---- an offer: the answer and the move-in ---- */

static void offer_page(struct hreq *h, int status, const struct fstate *fs);

static const struct form_field answer_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("answer", FI_SELECT, N_("Answer"), FF_REQ, .none = N_("Choose the answer")),
    F("reason", FI_TEXTAREA, N_("Why"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"1000\"",
      .hint = N_("Required when the client declines or the provider withdraws. A declined offer keeps the "
                 "client's place unless the rules say otherwise.")),
    {0},
};
static const struct form form_answer = {.id = "offer-answer",
                                        .pfx = "oa",
                                        .action = "/housing-offers/{id}/answer",
                                        .box = "card",
                                        .submit = N_("Record the answer"),
                                        .button = "primary",
                                        .flash = "housing-answer",
                                        .done = "/housing-offers/{id}",
                                        .fields = answer_fields,
                                        .update = housing_offer_answer,
                                        .page = offer_page};

static const struct form_field move_in_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    ROW(2),
    F("start_date", FI_DATE, N_("Moved in on"), FF_OMIT, .hint = N_("Empty: today.")),
    F("rent", FI_NUMBER, N_("Rent (won a month)"), FF_OMIT, .attrs = " min=\"0\"", .hint = N_("Empty: the unit's.")),
    ROW_END,
    F("landlord", FI_TEXT, N_("Landlord"), FF_OMIT, .attrs = " maxlength=\"200\"",
      .hint = N_("Empty: the housing provider.")),
    ROW(2),
    F("rent_payer", FI_SELECT, N_("Who pays the rent"), FF_REQ),
    F("support_level", FI_SELECT, N_("Support level"), FF_REQ),
    ROW_END,
    {0},
};
static const struct form form_move_in = {.id = "offer-move-in",
                                         .pfx = "om",
                                         .action = "/housing-offers/{id}/move-in",
                                         .box = "card",
                                         .submit = N_("Record the move-in"),
                                         .button = "primary",
                                         .flash = "housing-moved-in",
                                         .done = "/tenancies/{r.id}",
                                         .reload = "/housing-offers/{id}",
                                         .fields = move_in_fields,
                                         .update = housing_offer_move_in,
                                         .page = offer_page};

static void offer_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *f = NULL, *a = NULL;
    int rc = housing_offer_get(&h->ctx, h->id[0], &f);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    if (housing_app_get(&h->ctx, page_int(f, "application_id"), &a) != OK)
        page_errors_reset(&h->ctx);
    int64_t cid = page_int(f, "client_id");
    struct buf b, t;
    buf_init(&b);
    buf_init(&t);
    buf_adds(&t, "");
    unit_name(&t, f);
    char title[500];
    snprintf(title, sizeof title, "%s: %s", _("Housing offer"), t.data);
    ui_begin(h, &b, title);
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1>", title);
    if (access_may(&h->ctx, RES_CLIENT, ACT_READ, cid))
        html_printf(&b, "<a class=\"button\" href=\"/clients/%D#housing\">%s</a>", cid, _("The client's record"));
    buf_adds(&b, "</div>");
    page_flash(h, &b);
    form_failure(&b, fs);
    const char *st = jstr(f, "status");
    html_printf(&b, "<section class=\"card\" id=\"offer\" aria-labelledby=\"offer-h\" data-status=\"%s\"><h2 "
                    "id=\"offer-h\">%s</h2><dl class=\"facts\">",
                st, _("The offer"));
    if (a) {
        buf_reset(&t);
        buf_adds(&t, "");
        client_name_of(&t, a);
        html_printf(&b, "<dt>%s</dt><dd><a href=\"/housing-applications/%D\" id=\"offer-client\">%s</a></dd>",
                    _("Client"), page_int(a, "id"), t.data);
    }
    html_printf(&b, "<dt>%s</dt><dd><span class=\"badge offer-%s\" id=\"offer-status\">%s</span></dd>", _("Status"),
                st, lbl(offer_lb, st));
    buf_reset(&t);
    buf_adds(&t, "");
    html_printf(&t, "%s", jstr(f, "deadline"));
    if (json_is_true(json_object_get(f, "overdue")))
        html_printf(&t, " <span class=\"badge overdue\">%s</span>", _("overdue"));
    html_printf(&b, "<dt>%s</dt><dd id=\"offer-deadline\">%r</dd>", _("Answer by"), t.data);
    buf_free(&t);
    fact(&b, _("Why"), jstr(f, "answer_reason"));
    fact(&b, _("Housing provider"), jstr(f, "org_name"));
    fact(&b, _("Address"), jstr(f, "address"));
    fact(&b, _("Type of housing"), lbl(type_lb, jstr(f, "type")));
    fact(&b, _("District"), jstr(f, "district"));
    fact_int(&b, _("Bedrooms"), page_int(f, "bedrooms"));
    fact_won(&b, _("Rent (won a month)"), page_int(f, "rent"));
    fact(&b, _("Offered by"), jstr(f, "made_by_name"));
    fact(&b, _("Offered on"), jstr(f, "made_at"));
    if (page_int(f, "tenancy_id"))
        html_printf(&b, "<dt>%s</dt><dd><a href=\"/tenancies/%D\" id=\"offer-tenancy\">%s</a></dd>", _("Tenancy"),
                    page_int(f, "tenancy_id"), _("The tenancy"));
    buf_adds(&b, "</dl>");
    if (access_may(&h->ctx, RES_HOUSING_UNIT, ACT_READ, 0))
        html_printf(&b, "<p class=\"actions\"><a href=\"/housing/units/%D\">%s</a></p>", page_int(f, "unit_id"),
                    _("The unit"));
    buf_adds(&b, "</section>");
    json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(f, "version"));
    if (str_eq(st, "open") && access_may(&h->ctx, RES_HOUSING_OFFER, ACT_UPDATE, cid)) {
        html_printf(&b, "<h2 class=\"h3\" id=\"answer-h\">%s</h2>", _("The answer"));
        json_t *opts = json_pack("{s:o}", "answer", opts_of(answer_lb));
        form_show(h, &b, &form_answer, &(struct form_view){.target = h->id[0], .hidden = hid, .opts = opts, .fs = fs});
        json_decref(opts);
    }
    if (str_eq(st, "accepted") && access_may(&h->ctx, RES_TENANCY, ACT_CREATE, cid)) {
        html_printf(&b, "<h2 class=\"h3\" id=\"move-in-h\">%s</h2>", _("The move-in"));
        json_t *opts = json_pack("{s:o,s:o}", "rent_payer", opts_of(payer_lb), "support_level", opts_of(support_lb));
        form_show(h, &b, &form_move_in, &(struct form_view){.target = h->id[0], .hidden = hid, .opts = opts, .fs = fs});
        json_decref(opts);
    }
    json_decref(hid);
    json_decref(a);
    json_decref(f);
    page_send(h, status, &b);
}

static void pg_offer(struct hreq *h)
{
    offer_page(h, 200, NULL);
}

static void pg_offer_answer(struct hreq *h)
{
    form_post(h, &form_answer);
}

static void pg_offer_move_in(struct hreq *h)
{
    form_post(h, &form_move_in);
}

/* ---- a tenancy: its events and its end ---- */

static void tenancy_page(struct hreq *h, int status, const struct fstate *fs);

static const struct form_field event_fields[] = {
    ROW(3),
    F("kind", FI_SELECT, N_("What happened"), FF_REQ, .none = N_("Choose")),
    F("happened_on", FI_DATE, N_("When"), FF_OMIT, .hint = N_("Empty: today.")),
    F("amount", FI_NUMBER, N_("Arrears owed now (won)"), FF_OMIT, .attrs = " min=\"0\"",
      .hint = N_("Rent arrears only; 0: paid off.")),
    ROW_END,
    F("note", FI_TEXTAREA, N_("Note"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"2000\""),
    {0},
};
static const struct form form_event = {.id = "tenancy-event",
                                       .pfx = "te",
                                       .action = "/tenancies/{id}/events",
                                       .box = "card",
                                       .submit = N_("Record the event"),
                                       .button = "primary",
                                       .flash = "tenancy-event",
                                       .done = "/tenancies/{id}#events",
                                       .fields = event_fields,
                                       .create = tenancy_event,
                                       .page = tenancy_page};

static const struct form_field tend_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    ROW(2),
    F("reason", FI_SELECT, N_("Why it ends"), FF_REQ, .none = N_("Choose")),
    F("end_date", FI_DATE, N_("Ended on"), FF_OMIT, .hint = N_("Empty: today.")),
    ROW_END,
    F("note", FI_TEXTAREA, N_("Note"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"2000\""),
    {0},
};
static const struct form form_tend = {.id = "tenancy-end",
                                      .pfx = "tn",
                                      .action = "/tenancies/{id}/end",
                                      .box = "details",
                                      .summary = N_("End this tenancy"),
                                      .submit = N_("End the tenancy"),
                                      .button = "danger",
                                      .flash = "tenancy-ended",
                                      .done = "/tenancies/{id}",
                                      .fields = tend_fields,
                                      .update = tenancy_end,
                                      .page = tenancy_page};

static void tenancy_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *t = NULL, *f = NULL, *a = NULL;
    int rc = tenancy_get(&h->ctx, h->id[0], &t);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    /* the client's name through the offer's application (the same rows decide) */
    if (page_int(t, "offer_id") && housing_offer_get(&h->ctx, page_int(t, "offer_id"), &f) == OK) {
        if (housing_app_get(&h->ctx, page_int(f, "application_id"), &a) != OK)
            page_errors_reset(&h->ctx);
    } else
        page_errors_reset(&h->ctx);
    int64_t cid = page_int(t, "client_id");
    struct buf b, s;
    buf_init(&b);
    buf_init(&s);
    buf_adds(&s, "");
    unit_name(&s, t);
    char title[500];
    snprintf(title, sizeof title, "%s: %s", _("Tenancy"), s.data);
    ui_begin(h, &b, title);
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1>", title);
    if (access_may(&h->ctx, RES_CLIENT, ACT_READ, cid))
        html_printf(&b, "<a class=\"button\" href=\"/clients/%D#housing\">%s</a>", cid, _("The client's record"));
    buf_adds(&b, "</div>");
    page_flash(h, &b);
    form_failure(&b, fs);
    int current = str_eq(jstr(t, "status"), "current");
    html_printf(&b, "<section class=\"card\" id=\"tenancy\" aria-labelledby=\"ten-h\" data-status=\"%s\"><h2 "
                    "id=\"ten-h\">%s</h2><dl class=\"facts\">",
                jstr(t, "status"), _("The tenancy"));
    if (a) {
        buf_reset(&s);
        buf_adds(&s, "");
        client_name_of(&s, a);
        html_printf(&b, "<dt>%s</dt><dd><a href=\"/housing-applications/%D\" id=\"tenancy-client\">%s</a></dd>",
                    _("Tenant"), page_int(a, "id"), s.data);
    }
    buf_free(&s);
    fact(&b, _("Housing provider"), jstr(t, "org_name"));
    fact(&b, _("Address"), jstr(t, "address"));
    fact(&b, _("Landlord"), jstr(t, "landlord"));
    fact(&b, _("Moved in on"), jstr(t, "start_date"));
    fact_won(&b, _("Rent (won a month)"), page_int(t, "rent"));
    fact(&b, _("Who pays the rent"), lbl(payer_lb, jstr(t, "rent_payer")));
    fact(&b, _("Support level"), lbl(support_lb, jstr(t, "support_level")));
    html_printf(&b, "<dt>%s</dt><dd id=\"tenancy-arrears\"%r>%N</dd>", _("Arrears owed now (won)"),
                page_int(t, "arrears") ? " class=\"warn\"" : "", page_int(t, "arrears"));
    if (!current) {
        html_printf(&b, "<dt>%s</dt><dd id=\"tenancy-ended\">%s: %s", _("Ended"), jstr(t, "end_date"),
                    lbl(end_lb, jstr(t, "end_reason")));
        if (*jstr(t, "end_note"))
            html_printf(&b, " <q>%s</q>", jstr(t, "end_note"));
        buf_adds(&b, "</dd>");
    }
    buf_adds(&b, "</dl></section>");
    json_t *events = json_object_get(t, "events");
    html_printf(&b, "<section class=\"card\" id=\"events\" aria-labelledby=\"ev-h\"><h2 id=\"ev-h\">%s</h2>",
                _("Events"));
    if (!json_array_size(events))
        html_printf(&b, "<p class=\"muted\" id=\"events-none\">%s</p>", _("Nothing recorded yet."));
    else
        html_printf(&b, "<table class=\"list\" id=\"event-list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
                        "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("When"), _("What happened"), _("Note"), _("Recorded by"));
    size_t i;
    json_t *e;
    json_array_foreach(events, i, e)
    {
        html_printf(&b, "<tr class=\"ev-%s\" data-event-id=\"%D\"><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s",
                    jstr(e, "kind"), page_int(e, "id"), _("When"), jstr(e, "happened_on"), _("What happened"),
                    lbl(event_lb, jstr(e, "kind")));
        if (str_eq(jstr(e, "kind"), "rent_arrears"))
            html_printf(&b, ": %D", page_int(e, "amount"));
        html_printf(&b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>", _("Note"),
                    jstr(e, "note"), _("Recorded by"), jstr(e, "made_by_name"));
    }
    if (json_array_size(events))
        buf_adds(&b, "</tbody></table>");
    buf_adds(&b, "</section>");
    if (current && access_may(&h->ctx, RES_TENANCY, ACT_UPDATE, cid)) {
        html_printf(&b, "<h2 class=\"h3\" id=\"event-h\">%s</h2>", _("Record an event"));
        json_t *opts = json_pack("{s:o}", "kind", opts_of(event_lb));
        form_show(h, &b, &form_event, &(struct form_view){.target = h->id[0], .opts = opts, .fs = fs});
        json_decref(opts);
        opts = json_pack("{s:o}", "reason", opts_of(end_lb));
        json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(t, "version"));
        form_show(h, &b, &form_tend, &(struct form_view){.target = h->id[0], .hidden = hid, .opts = opts, .fs = fs});
        json_decref(hid);
        json_decref(opts);
    }
    json_decref(a);
    json_decref(f);
    json_decref(t);
    page_send(h, status, &b);
}

static void pg_tenancy(struct hreq *h)
{
    tenancy_page(h, 200, NULL);
}

static void pg_tenancy_event(struct hreq *h)
{
    form_post(h, &form_event);
}

static void pg_tenancy_end(struct hreq *h)
{
    form_post(h, &form_tend);
}

/* ---- the client page's section ---- */

static void housing_section(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    (void)fs;
    int64_t cid = page_int(client, "id");
    if (!access_may(&h->ctx, RES_HOUSING_APPLICATION, ACT_LIST, cid))
        return;
    json_t *apps = NULL, *offers = NULL, *tens = NULL, *stab = NULL;
    if (housing_app_list(&h->ctx, cid, &(struct page){.limit = 10}, &apps) != OK ||
        housing_offer_list(&h->ctx, cid, &(struct page){.limit = 10}, &offers) != OK ||
        tenancy_list(&h->ctx, cid, &(struct page){.limit = 10}, &tens) != OK ||
        tenancy_stability(&h->ctx, cid, &stab) != OK) {
        page_errors_reset(&h->ctx);
        json_decref(apps);
        json_decref(offers);
        json_decref(tens);
        json_decref(stab);
        return;
    }
    html_printf(b, "<section class=\"card\" id=\"housing\" aria-labelledby=\"hs-h\"><div class=\"section-head\"><h2 "
                   "id=\"hs-h\">%s</h2>",
                C_("section", "Housing"));
    if (access_may(&h->ctx, RES_HOUSING_APPLICATION, ACT_CREATE, cid))
        html_printf(b, "<a class=\"button small\" href=\"/clients/%D/housing-applications/new\" id=\"housing-apply\">%s</a>",
                    cid, _("Apply for housing"));
    buf_adds(b, "</div>");
    /* the current tenancy and the days housed */
    char days[80];
    snprintf(days, sizeof days, _("%lld days housed"), (long long)page_int(stab, "days_housed"));
    html_printf(b, "<p id=\"housing-stability\"><strong>%s</strong>", days);
    if (page_int(stab, "tenancies")) {
        char moves[80];
        snprintf(moves, sizeof moves, _("%lld moves in the last year"), (long long)page_int(stab, "moves_last_year"));
        html_printf(b, " · %s", moves);
    }
    buf_adds(b, "</p>");
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(tens, "items"), i, x)
    {
        if (!str_eq(jstr(x, "status"), "current"))
            continue;
        html_printf(b, "<p id=\"housing-tenancy\">%s: <a href=\"/tenancies/%D\">", _("Lives at"), page_int(x, "id"));
        unit_name(b, x);
        html_printf(b, "</a> (%s), %s %s", jstr(x, "org_name"), _("since"), jstr(x, "start_date"));
        if (page_int(x, "arrears"))
            html_printf(b, " <span class=\"badge overdue\">%s</span>", _("Rent arrears"));
        buf_adds(b, "</p>");
    }
    /* open offers */
    json_t *items = json_object_get(offers, "items");
    int shown = 0;
    json_array_foreach(items, i, x)
    {
        const char *st = jstr(x, "status");
        if (!str_eq(st, "open") && !str_eq(st, "accepted"))
            continue;
        if (!shown++)
            html_printf(b, "<h3 class=\"h4\">%s</h3><ul class=\"plain\" id=\"housing-offers\">", _("Offers"));
        html_printf(b, "<li data-offer-id=\"%D\"><a href=\"/housing-offers/%D\">", page_int(x, "id"), page_int(x, "id"));
        unit_name(b, x);
        html_printf(b, "</a> · %s · %s %s", lbl(offer_lb, st), _("answer by"), jstr(x, "deadline"));
        if (json_is_true(json_object_get(x, "overdue")))
            html_printf(b, " <span class=\"badge overdue\">%s</span>", _("overdue"));
        buf_adds(b, "</li>");
    }
    if (shown)
        buf_adds(b, "</ul>");
    /* applications */
    items = json_object_get(apps, "items");
    if (json_array_size(items)) {
        html_printf(b, "<h3 class=\"h4\">%s</h3><ul class=\"plain\" id=\"housing-applications\">", _("Applications"));
        json_array_foreach(items, i, x)
        {
            char p[32];
            html_printf(b, "<li data-application-id=\"%D\"><a href=\"/housing-applications/%D\">%s</a> · %s · %s",
                        page_int(x, "id"), page_int(x, "id"), jstr(x, "org_name"), lbl(type_lb, jstr(x, "type")),
                        lbl(app_lb, jstr(x, "status")));
            if (str_eq(jstr(x, "status"), "waiting"))
                html_printf(b, " · %s %s", _("priority"), pts(x, "score", p, sizeof p));
            buf_adds(b, "</li>");
        }
        buf_adds(b, "</ul>");
    } else if (!page_int(stab, "tenancies"))
        html_printf(b, "<p class=\"muted\" id=\"housing-none\">%s</p>", _("No housing application or tenancy."));
    buf_adds(b, "</section>");
    json_decref(apps);
    json_decref(offers);
    json_decref(tens);
    json_decref(stab);
}
CLIENT_SECTION(housing_section, "main-94-housing");

#define A ROLES_ANY
const struct route ui_housing_routes[] = {
    {"GET", "/housing", pg_stock, A, 0},
    {"POST", "/housing/units", pg_unit_create, A, 0},
    {"GET", "/housing/waiting-list", pg_waiting, A, 0},
    {"GET", "/housing/units/{id}", pg_unit, A, 0},
    {"POST", "/housing/units/{id}/state", pg_unit_state, A, 0},
    {"POST", "/housing/units/{id}/offers", pg_offer_create, A, 0},
    {"GET", "/housing-applications/{id}", pg_app, A, 0},
    {"POST", "/housing-applications/{id}/override", pg_app_override, A, 0},
    {"POST", "/housing-applications/{id}/withdraw", pg_app_withdraw, A, 0},
    {"GET", "/clients/{id}/housing-applications/new", pg_app_new, A, 0},
    {"POST", "/clients/{id}/housing-applications", pg_app_create, A, 0},
    {"GET", "/housing-offers/{id}", pg_offer, A, 0},
    {"POST", "/housing-offers/{id}/answer", pg_offer_answer, A, 0},
    {"POST", "/housing-offers/{id}/move-in", pg_offer_move_in, A, 0},
    {"GET", "/tenancies/{id}", pg_tenancy, A, 0},
    {"POST", "/tenancies/{id}/events", pg_tenancy_event, A, 0},
    {"POST", "/tenancies/{id}/end", pg_tenancy_end, A, 0},
    {0},
};
HTTP_ROUTES(ui_housing_routes, "ui-14-housing");
