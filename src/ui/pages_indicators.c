/* pages_indicators: the indicator dictionary (/indicators): every indicator of the evaluation by group,
 * with its definition, denominator, numerators, period rule, attribution, source tables and dimensions,
 * in the reader's language; one not recorded in Hearth says so. And how fresh the precomputed
 * aggregates are. For the dashboard's readers (the analyst, the task force, administrators) and
 * supervisors; it holds no client data. */
#include "core/indicator.h"
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

static const char *group_label(const char *g)
{
    static const struct {
        const char *key, *label;
    } t[] = {{"reach", N_("Reach")},
             {"referrals", N_("Referrals between organisations")},
             {"continuity", N_("Continuity of care")},
             {"housing", NC_("indicator group", "Housing")},
             {"rehabilitation", N_("Rehabilitation and employment")},
             {"outcomes", N_("Outcomes")},
             {"workforce", N_("Workforce")}};
    for (size_t i = 0; i < ARRAY_LEN(t); i++)
        if (str_eq(t[i].key, g))
            return _(t[i].label);
    return g;
}

static const char *kind_label(const char *k)
{
    return str_eq(k, "count")        ? _("A count")
           : str_eq(k, "proportion") ? _("A count and its shares")
           : str_eq(k, "median")     ? _("A median")
                                     : _("A rate");
}

static const char *dim_label(const char *d)
{
    return str_eq(d, "programme")      ? _("Programme")
           : str_eq(d, "district")     ? _("District")
           : str_eq(d, "target_group") ? _("Target group")
           : str_eq(d, "life_stage")   ? _("Life stage")
                                       : _("Partner organisation");
}

/* The records a table holds, in the reader's words (the dictionary names tables; a table not here is
 * shown by its name). */
static const char *table_label(const char *t)
{
    static const struct {
        const char *table, *label;
    } t_[] = {{"assessments", N_("assessments")},
              {"care_plan_goals", N_("care-plan goals")},
              {"care_plans", N_("care plans")},
              {"checkins", N_("workers' check-ins")},
              {"clients", N_("clients")},
              {"contacts", N_("contacts")},
              {"crisis_events", N_("crisis events")},
              {"episodes", N_("episodes of care")},
              {"flags", N_("risk flags")},
              {"hospitalisations", N_("hospital stays")},
              {"housing_applications", N_("housing applications")},
              {"housing_offers", N_("housing offers")},
              {"intakes", N_("intakes")},
              {"linkages", N_("linked services")},
              {"none", N_("none")},
              {"orgs", N_("organisations")},
              {"referral_events", N_("referral events")},
              {"referrals", N_("referrals")},
              {"staff", N_("staff")},
              {"team_members", N_("care teams")},
              {"tenancies", N_("tenancies")}};
    for (size_t i = 0; i < ARRAY_LEN(t_); i++)
        if (str_eq(t_[i].table, t))
            return _(t_[i].label);
    return t;
}

static void dict_page(struct hreq *h)
{
    json_t *d = NULL;
    int rc = indicator_list(&h->ctx, &d);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    json_t *latest = NULL;
    if (evaluation_latest(&h->ctx, &latest) != OK)
        h->ctx.msg[0] = 0;
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Indicator dictionary"));
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1></div>", _("Indicator dictionary"));
    html_printf(&b, "<p class=\"muted\">%s</p>",
                _("What each figure of the evaluation counts, from which records, for which period and by which "
                  "groups. Figures are aggregates only: a number under the small-cell threshold is never shown."));
    const char *ver = json_string_value(json_object_get(d, "version"));
    json_t *done = latest ? json_object_get(latest, "done") : NULL;
    buf_adds(&b, "<section class=\"card wide\" aria-labelledby=\"fresh-h\" id=\"freshness\">");
    html_printf(&b, "<h2 id=\"fresh-h\">%s</h2><dl class=\"facts\">", _("The figures"));
    if (ver)
        html_printf(&b, "<dt>%s</dt><dd>%s</dd>", _("Dictionary version"), ver);
    html_printf(&b, "<dt>%s</dt><dd>&lt;%D</dd>", _("Small-cell threshold"),
                (int64_t)json_integer_value(json_object_get(d, "threshold")));
    html_printf(&b, "<dt>%s</dt><dd>", _("Computed"));
    if (json_is_object(done))
        page_when(&b, json_string_value(json_object_get(done, "finished_at")));
    else
        html_printf(&b, "%s", _("Not computed yet"));
    buf_adds(&b, "</dd>");
    json_t *run = latest ? json_object_get(latest, "run") : NULL;
    if (json_is_object(run) && str_eq(json_string_value(json_object_get(run, "state")), "running"))
        html_printf(&b, "<dt>%s</dt><dd>%s %D%%</dd>", _("Refresh"), _("under way:"),
                    (int64_t)json_integer_value(json_object_get(run, "progress")));
    buf_adds(&b, "</dl></section>");
    json_t *items = json_object_get(d, "items");
    const char *cur = "";
    size_t i;
    json_t *x;
    json_array_foreach(items, i, x)
    {
        const char *g = json_string_value(json_object_get(x, "group"));
        if (!str_eq(g, cur)) {
            if (*cur)
                buf_adds(&b, "</section>");
            html_printf(&b, "<section class=\"indicator-group\" aria-labelledby=\"g-%s\"><h2 id=\"g-%s\">%s</h2>", g,
                        g, group_label(g));
            cur = g;
        }
        const char *id = json_string_value(json_object_get(x, "id"));
        html_printf(&b, "<article class=\"card wide indicator\" id=\"%s\"><h3>%s", id,
                    json_string_value(json_object_get(x, "name")));
        if (!json_is_true(json_object_get(x, "recorded")))
            html_printf(&b, " <span class=\"badge\">%s</span>", _("Not yet recorded"));
        html_printf(&b, "</h3><p>%s</p><dl class=\"facts\">", json_string_value(json_object_get(x, "definition")));
        html_printf(&b, "<dt>%s</dt><dd>%s</dd>", _("Kind"), kind_label(json_string_value(json_object_get(x, "kind"))));
        html_printf(&b, "<dt>%s</dt><dd>%s</dd>", _("Denominator"),
                    json_string_value(json_object_get(x, "denominator")));
        json_t *nums = json_object_get(x, "numerators");
        if (json_array_size(nums)) {
            html_printf(&b, "<dt>%s</dt><dd><ul>", _("Numerators"));
            size_t k;
            json_t *n;
            json_array_foreach(nums, k, n)
                html_printf(&b, "<li>%s</li>", json_string_value(json_object_get(n, "text")));
            buf_adds(&b, "</ul></dd>");
        }
        html_printf(&b, "<dt>%s</dt><dd>%s</dd>", _("Period"), json_string_value(json_object_get(x, "period")));
        html_printf(&b, "<dt>%s</dt><dd>%s</dd>", _("Attribution"),
                    json_string_value(json_object_get(x, "attribution")));
        json_t *dims = json_object_get(x, "dims");
        html_printf(&b, "<dt>%s</dt><dd>", _("Shown by"));
        if (!json_array_size(dims))
            html_printf(&b, "%s", _("Organisation only"));
        size_t k;
        json_t *dm;
        json_array_foreach(dims, k, dm)
            html_printf(&b, "%s%s", k ? ", " : "", dim_label(json_string_value(dm)));
        buf_adds(&b, "</dd>");
        html_printf(&b, "<dt>%s</dt><dd>", _("Records it reads"));
        char src[300];
        snprintf(src, sizeof src, "%s", json_string_value(json_object_get(x, "source")));
        int first = 1;
        for (char *sv = NULL, *tb = strtok_r(src, " ,", &sv); tb; tb = strtok_r(NULL, " ,", &sv), first = 0)
            html_printf(&b, "%s%s", first ? "" : ", ", table_label(tb));
        buf_adds(&b, "</dd></dl></article>");
    }
    if (*cur)
        buf_adds(&b, "</section>");
    if (!json_array_size(items))
        html_printf(&b, "<p class=\"alert\">%s</p>",
                    _("No indicator dictionary is loaded on this server (indicators/indicators.rules)."));
    json_decref(d);
    json_decref(latest);
    page_send(h, 200, &b);
}

const struct route ui_indicator_routes[] = {
    {"GET", "/indicators", dict_page, ROLES_ANY, 0},
    {0},
};
HTTP_ROUTES(ui_indicator_routes, "ui-16-indicators");
