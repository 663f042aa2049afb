/* pages_dashboard: the control tower (issue 14 §2): every indicator for a period and a selection, one
 * indicator with its trend line (an SVG drawn here), its tables and their CSV files, and a page to
 * print for the task force's meeting. Figures come from core/dashboard.c, already protected: a small
 * one is "<11", one hidden to protect it is "suppressed", and neither has a value here to leak. */
#include "core/dashboard.h"
#include "core/indicator.h"
#include "ui/pages.h"

#include <math.h>
#include <string.h>

static const char *vocab_of(const char *dim)
{
    return str_eq(dim, "programme") ? "programme" : str_eq(dim, "target_group") ? "target group"
                                                : str_eq(dim, "life_stage")     ? "life stage"
                                                                                : NULL;
}

static const char *dim_label(const char *dim)
{
    return str_eq(dim, "programme")      ? _("Programme")
           : str_eq(dim, "district")     ? _("District")
           : str_eq(dim, "target_group") ? _("Target group")
           : str_eq(dim, "life_stage")   ? _("Life stage")
           : str_eq(dim, "partner")      ? _("Receiving organisation")
                                         : _("Organisation");
}

/* A value of a dimension as shown: its vocabulary's label, "not recorded", or as it is. */
static const char *value_label(const char *dim, const char *value, char *out, size_t len)
{
    if (!value || !*value)
        return snprintf(out, len, "%s", _("not recorded")), out;
    const char *v = vocab_of(dim);
    if (v)
        return ui_vlabel(v, value, out, len);
    return snprintf(out, len, "%s", value), out;
}

/* "Q2026-4" as "2026 Q4", "M2026-11" as "2026-11", "Y2026" as "2026". */
static const char *period_label(const char *p, char *out, size_t len)
{
    if (!p)
        return snprintf(out, len, "—"), out;
    if (p[0] == 'Q')
        snprintf(out, len, _("%.4s Q%s"), p + 1, p + 6);
    else
        snprintf(out, len, "%s", p + 1);
    return out;
}

/* The headline number of a cell as text: the count, the first rate, the median or the rate per year. */
static const char *figure_text(json_t *ind, json_t *cell, long threshold, char *out, size_t len)
{
    const char *state = jstr(cell, "state");
    if (str_eq(state, "small"))
        return snprintf(out, len, "<%ld", threshold), out;
    if (!str_eq(state, "shown"))
        return snprintf(out, len, "%s", _("suppressed")), out;
    const char *kind = jstr(ind, "kind");
    json_t *v = NULL;
    if (str_eq(kind, "proportion"))
        v = json_array_get(json_object_get(cell, "rate"), 0);
    else if (str_eq(kind, "median"))
        v = json_object_get(cell, "median");
    else if (str_eq(kind, "rate"))
        v = json_object_get(cell, "per_year");
    else
        v = json_object_get(cell, "n");
    if (!json_is_number(v))
        return snprintf(out, len, "—"), out;
    double x = json_number_value(v);
    if (str_eq(kind, "proportion"))
        snprintf(out, len, "%.1f%%", x);
    else if (str_eq(kind, "median") && str_eq(jstr(ind, "unit"), "percent"))
        snprintf(out, len, "%g%%", x);
    else if (str_eq(kind, "median"))
        snprintf(out, len, _("%g days"), x);
    else if (str_eq(kind, "rate"))
        snprintf(out, len, "%.1f", x);
    else
        i18n_count((long long)x, out, len);
    return out;
}

static int figure_value(json_t *ind, json_t *cell, double *x)
{
    if (!str_eq(jstr(cell, "state"), "shown"))
        return 0;
    const char *kind = jstr(ind, "kind");
    json_t *v = str_eq(kind, "proportion") ? json_array_get(json_object_get(cell, "rate"), 0)
                : str_eq(kind, "median")   ? json_object_get(cell, "median")
                : str_eq(kind, "rate")     ? json_object_get(cell, "per_year")
                                           : json_object_get(cell, "n");
    if (!json_is_number(v))
        return 0;
    *x = json_number_value(v);
    return 1;
}

/* The trend as a line: gaps where a figure is hidden; the running period's point hollow. */
static void trend_svg(struct buf *b, json_t *ind, json_t *trend, int small_chart, const char *id)
{
    size_t n = json_array_size(trend), i;
    if (!n)
        return;
    double lo = 0, hi = 0;
    int any = 0;
    json_t *t;
    json_array_foreach(trend, i, t)
    {
        double x;
        if (figure_value(ind, t, &x)) {
            hi = any ? fmax(hi, x) : x;
            any = 1;
        }
    }
    if (!any && small_chart)
        return;
    if (hi <= lo)
        hi = lo + 1;
    hi *= 1.1;
    const double W = small_chart ? 160 : 640, H = small_chart ? 40 : 220, L = small_chart ? 2 : 56,
                 R = small_chart ? W - 2 : W - 12, T = small_chart ? 4 : 12, B = small_chart ? H - 4 : H - 30;
    char title[300];
    snprintf(title, sizeof title, "%s: %s", jstr(ind, "name"), _("trend"));
    html_printf(b,
                "<svg class=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-t\" "
                "xmlns=\"http://www.w3.org/2000/svg\" focusable=\"false\"><title id=\"%s-t\">%s</title>",
                small_chart ? "spark" : "trend-chart", (int)W, (int)H, id, id, title);
    if (!small_chart) {
        buf_printf(b, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", L, B, R, B);
        for (int k = 0; k <= 2; k++) {
            double v = hi * k / 2, y = B - (B - T) * v / hi;
            char num[32];
            if (str_eq(jstr(ind, "kind"), "count"))
                i18n_count((long long)llround(v), num, sizeof num);
            else
                snprintf(num, sizeof num, "%.0f", v);
            buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", L, y, R, y);
            buf_printf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%s</text>", L - 6, y + 4, num);
        }
    }
    double step = n > 1 ? (R - L - 16) / (double)(n - 1) : 0;
    struct buf seg;
    buf_init(&seg);
    json_array_foreach(trend, i, t)
    {
        double x = L + 8 + step * (double)i, v;
        if (figure_value(ind, t, &v)) {
            buf_printf(&seg, "%s%.1f,%.1f", seg.len ? " " : "", x, B - (B - T) * v / hi);
        } else if (seg.len) { /* a gap: the line stops at a hidden figure */
            html_printf(b, "<polyline class=\"trend\" points=\"%s\"/>", seg.data);
            seg.len = 0;
        }
        if (!small_chart && (i == 0 || i + 1 == n || n <= 6 || i % 3 == 0)) {
            char pl[32];
            buf_printf(b, "<text class=\"date-label\" x=\"%.1f\" y=\"%.1f\">", x, B + 18);
            html_esc(b, period_label(jstr(t, "period"), pl, sizeof pl));
            buf_adds(b, "</text>");
        }
    }
    if (seg.len)
        html_printf(b, "<polyline class=\"trend\" points=\"%s\"/>", seg.data);
    buf_free(&seg);
    json_array_foreach(trend, i, t)
    {
        double x = L + 8 + step * (double)i, v;
        if (!figure_value(ind, t, &v))
            continue;
        char txt[64], pl[32];
        buf_printf(b, "<circle class=\"dot%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\">",
                   json_is_true(json_object_get(t, "partial")) ? " partial" : "", x, B - (B - T) * v / hi,
                   small_chart ? "2" : "4");
        html_printf(b, "<title>%s: %s</title></circle>", period_label(jstr(t, "period"), pl, sizeof pl),
                    figure_text(ind, t, 0, txt, sizeof txt));
    }
    buf_adds(b, "</svg>");
}

/* The selection as a query string (without indicator), for links and CSV files. */
static void selection_query(struct buf *b, json_t *v)
{
    json_t *sel = json_object_get(v, "selection");
    html_printf(b, "kind=%u", jstr(v, "kind"));
    if (json_is_string(json_object_get(v, "period")))
        html_printf(b, "&amp;period=%u", jstr(v, "period"));
    if (json_integer_value(json_object_get(sel, "org")))
        html_printf(b, "&amp;org=%D", (int64_t)json_integer_value(json_object_get(sel, "org")));
    if (json_is_string(json_object_get(sel, "dim")))
        html_printf(b, "&amp;%u=%u", jstr(sel, "dim"), jstr(sel, "value"));
}

static const struct form_field filter_fields[] = {
    ROW(4),
    F("kind", FI_SELECT, N_("Period"), 0),
    F("period", FI_SELECT, N_("Which"), FF_OMIT, .none = N_("the latest ended")),
    F("org", FI_SELECT, N_("Organisation"), FF_OMIT, .none = N_("every organisation")),
    F("by", FI_SELECT, N_("Break down by"), FF_OMIT, .none = N_("the default")),
    ROW_END,
    ROW(4),
    F("programme", FI_SELECT, N_("Programme"), FF_OMIT, .none = N_("any")),
    F("district", FI_SELECT, N_("District"), FF_OMIT, .none = N_("any")),
    F("target_group", FI_SELECT, N_("Target group"), FF_OMIT, .none = N_("any")),
    F("life_stage", FI_SELECT, N_("Life stage"), FF_OMIT, .none = N_("any")),
    ROW_END,
    F("indicator", FI_HIDDEN, NULL, 0),
    {NULL, 0, NULL, 0, NULL, NULL, NULL, 0, NULL, NULL, NULL}};
static const struct form form_filter = {.id = "evaluation-filter",
                                        .pfx = "ev",
                                        .method = "get",
                                        .cls = "card search",
                                        .note = N_("Figures are published by organisation and at most one of "
                                                   "programme, district, target group and life stage."),
                                        .submit = N_("Show"),
                                        .fields = filter_fields};

static json_t *pair(const char *v, const char *label)
{
    return json_pack("[s,s]", v, label);
}

static void filter_form(struct hreq *h, struct buf *b, const char *action, json_t *v, int detail)
{
    struct form f = form_filter;
    f.action = action;
    json_t *sel = json_object_get(v, "selection"), *choices = json_object_get(v, "choices");
    json_t *vals = json_pack("{s:s}", "kind", jstr(v, "kind"));
    if (json_is_string(json_object_get(v, "period")) && qstr(h, "period") && *qstr(h, "period"))
        json_object_set(vals, "period", json_object_get(v, "period"));
    if (json_integer_value(json_object_get(sel, "org"))) {
        char o[24];
        snprintf(o, sizeof o, "%lld", (long long)json_integer_value(json_object_get(sel, "org")));
        json_object_set_new(vals, "org", json_string(o));
    }
    if (json_is_string(json_object_get(sel, "dim")))
        json_object_set(vals, jstr(sel, "dim"), json_object_get(sel, "value"));
    if (json_is_string(json_object_get(sel, "by")))
        json_object_set(vals, "by", json_object_get(sel, "by"));
    json_t *opts = json_object();
    json_object_set_new(opts, "kind", json_pack("[o,o,o]", pair("month", _("Month")), pair("quarter", _("Quarter")),
                                                pair("year", _("Year"))));
    json_t *ps = json_array();
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(v, "periods"), i, p)
    {
        char pl[32];
        json_array_append_new(ps, pair(json_string_value(p), period_label(json_string_value(p), pl, sizeof pl)));
    }
    json_object_set_new(opts, "period", ps);
    json_t *os = json_array();
    json_array_foreach(json_object_get(choices, "orgs"), i, p)
    {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_array_get(p, 0)));
        json_array_append_new(os, pair(id, json_string_value(json_array_get(p, 1))));
    }
    json_object_set_new(opts, "org", os);
    for (int d = 0; dash_dims[d]; d++) {
        json_t *vs = json_array();
        json_array_foreach(json_object_get(choices, dash_dims[d]), i, p)
        {
            char l[200];
            json_array_append_new(vs, pair(json_string_value(p), value_label(dash_dims[d], json_string_value(p), l, sizeof l)));
        }
        json_object_set_new(opts, dash_dims[d], vs);
    }
    json_t *bys = json_array();
    json_array_append_new(bys, pair("organisation", _("Organisation")));
    if (detail) {
        json_t *dims = json_object_get(json_object_get(v, "indicator"), "dims");
        json_array_foreach(dims, i, p) json_array_append_new(bys, pair(json_string_value(p), dim_label(json_string_value(p))));
    } else
        for (int d = 0; dash_dims[d]; d++)
            json_array_append_new(bys, pair(dash_dims[d], dim_label(dash_dims[d])));
    json_object_set_new(opts, "by", bys);
    json_t *hidden = json_object();
    if (detail)
        json_object_set(hidden, "indicator", json_object_get(json_object_get(v, "indicator"), "id"));
    json_t *errs = NULL;
    form_show(h, b, &f, &(struct form_view){.vals = vals, .opts = opts, .hidden = hidden, .errs = errs});
    json_decref(vals);
    json_decref(opts);
    json_decref(hidden);
}

/* A refresh under way, with how far it is; and, for those who may, the button that starts one (it runs
 * in the background: the figures shown stay those of the last done run until it is done). */
static void refresh_box(struct hreq *h, struct buf *b)
{
    json_t *lr = NULL;
    if (evaluation_latest(&h->ctx, &lr) != OK) {
        page_errors_reset(&h->ctx);
        return;
    }
    json_t *run = json_object_get(lr, "run");
    int running = json_is_object(run) && str_eq(jstr(run, "state"), "running");
    if (running)
        html_printf(b, "<p class=\"notice\" role=\"status\" id=\"evaluation-running\">%s %D%%</p>",
                    _("New figures are being computed; reload this page to see how far:"),
                    (int64_t)json_integer_value(json_object_get(run, "progress")));
    else if (json_is_object(run) && str_eq(jstr(run, "state"), "failed"))
        html_printf(b, "<p class=\"notice\" id=\"evaluation-failed\">%s</p>",
                    _("The last computation of the figures failed; the figures shown are from the one before."));
    if (!running && access_may(&h->ctx, RES_EVALUATION, ACT_CREATE, 0)) {
        html_printf(b, "<form method=\"post\" action=\"/evaluation/refresh\" class=\"inline no-print\" "
                       "id=\"evaluation-refresh\">");
        ui_csrf(h, b);
        html_printf(b, "<button type=\"submit\" class=\"secondary\">%s</button></form>", _("Compute the figures now"));
    }
    json_decref(lr);
}

static void as_of(struct buf *b, json_t *v)
{
    html_printf(b, "<p class=\"muted\" id=\"evaluation-as-of\">");
    if (json_is_string(json_object_get(v, "as_of"))) {
        html_printf(b, "%s ", _("Figures as of"));
        page_when(b, jstr(v, "as_of"));
        html_printf(b, " · %s", _("computed every night from the records; counts under the threshold are shown as"));
        html_printf(b, " &lt;%D.", (int64_t)json_integer_value(json_object_get(v, "threshold")));
    } else
        html_printf(b, "%s", _("The figures have not been computed yet."));
    buf_adds(b, "</p>");
}

static void legend(struct buf *b, json_t *v)
{
    long t = (long)json_integer_value(json_object_get(v, "threshold"));
    html_printf(b,
                "<p class=\"legend small\"><strong>&lt;%D</strong> %s · <strong>%s</strong> %s · %s</p>", (int64_t)t,
                _("fewer than the threshold: not shown, so that no one can be recognised"), _("suppressed"),
                _("hidden as well, so that a small number cannot be worked out from the totals"),
                _("No name, no client: aggregates only."));
}

static int dash_failed(struct hreq *h, int rc)
{
    if (rc == OK)
        return 0;
    reply_core_error(h, rc);
    return 1;
}

/* The page's parameters. A period of another kind than the one now chosen (the form keeps the last
 * period when one changes month to year) is left out: the latest of the new kind is shown. */
static const char *hreq_get(void *arg, const char *name)
{
    struct hreq *h = arg;
    const char *v = qstr(h, name);
    if (v && str_eq(name, "period")) {
        const char *k = qstr(h, "kind");
        char want = !k || !*k || str_eq(k, "quarter") ? 'Q' : str_eq(k, "month") ? 'M' : 'Y';
        if (*v != want)
            return NULL;
    }
    return v;
}

/* A card per indicator: its figure for the period, the previous one, a small trend line. */
static void overview_cards(struct hreq *h, struct buf *b, json_t *v, int printing)
{
    long t = (long)json_integer_value(json_object_get(v, "threshold"));
    size_t gi, i;
    json_t *g, *x;
    json_array_foreach(json_object_get(v, "groups"), gi, g)
    {
        html_printf(b, "<section class=\"ev-group\" id=\"group-%s\"><h2>%s</h2>", jstr(g, "group"),
                    json_is_string(json_object_get(g, "label")) ? jstr(g, "label") : jstr(g, "group"));
        if (printing)
            html_printf(b, "<table class=\"list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                           "<th scope=\"col\">%s</th></tr></thead><tbody>",
                        _("Indicator"), _("This period"), _("Previous period"));
        else
            buf_adds(b, "<div class=\"ev-cards\">");
        json_array_foreach(json_object_get(g, "indicators"), i, x)
        {
            json_t *ind = json_object_get(x, "indicator");
            const char *id = jstr(ind, "id");
            char now[64] = "", prev[64] = "";
            int recorded = json_is_true(json_object_get(ind, "recorded"));
            json_t *hl = json_object_get(x, "headline"), *pv = json_object_get(x, "previous");
            if (!recorded)
                snprintf(now, sizeof now, "%s", _("not yet recorded"));
            else if (json_is_string(json_object_get(x, "not_by")))
                snprintf(now, sizeof now, "%s", _("not published by this dimension"));
            else if (json_is_object(hl))
                figure_text(ind, hl, t, now, sizeof now);
            else
                snprintf(now, sizeof now, "—");
            if (json_is_object(pv))
                figure_text(ind, pv, t, prev, sizeof prev);
            if (printing) {
                html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>", jstr(ind, "name"), now, prev);
                continue;
            }
            html_printf(b, "<article class=\"ev-card card\" id=\"ind-%s\"><h3><a href=\"/evaluation/indicator?indicator=%u&amp;",
                        id, id);
            selection_query(b, v);
            html_printf(b, "\">%s</a></h3><p class=\"ev-now%s\">%s</p>", jstr(ind, "name"),
                        recorded ? "" : " muted", now);
            if (*prev)
                html_printf(b, "<p class=\"small muted\">%s: %s</p>", _("previous period"), prev);
            if (json_is_array(json_object_get(x, "trend"))) {
                char sid[80];
                snprintf(sid, sizeof sid, "spark-%s", id);
                for (char *p = sid; *p; p++)
                    if (*p == '.')
                        *p = '-';
                trend_svg(b, ind, json_object_get(x, "trend"), 1, sid);
            }
            buf_adds(b, "</article>");
        }
        buf_adds(b, printing ? "</tbody></table></section>" : "</div></section>");
    }
    (void)h;
}

/* The overview of the request's selection, and the page begun; NULL when it failed (answered). */
static json_t *overview_page(struct hreq *h, struct buf *b)
{
    struct dash_query q;
    json_t *v = NULL;
    int rc = dash_parse(&h->ctx, hreq_get, h, 0, &q);
    if (rc == OK)
        rc = dash_overview(&h->ctx, &q, &v);
    if (dash_failed(h, rc))
        return NULL;
    buf_init(b);
    ui_begin(h, b, _("Control tower"));
    return v;
}

static void pg_evaluation(struct hreq *h)
{
    struct buf b;
    json_t *v = overview_page(h, &b);
    if (!v)
        return;
    char pl[32];
    html_printf(&b, "<div class=\"page-head\"><h1>%s <span class=\"muted\">%s</span></h1><p class=\"actions\">"
                    "<a href=\"/indicators\">%s</a> <a class=\"button\" id=\"evaluation-print\" href=\"/evaluation/print?",
                _("Control tower"), period_label(json_is_string(json_object_get(v, "period")) ? jstr(v, "period") : NULL, pl, sizeof pl),
                _("Indicator dictionary"));
    selection_query(&b, v);
    html_printf(&b, "\">%s</a> <a class=\"button\" id=\"evaluation-csv\" download href=\"/api/v1/evaluation.csv?",
                _("Print for the meeting"));
    selection_query(&b, v);
    html_printf(&b, "\">%s</a></p></div>", _("Download as CSV"));
    page_flash(h, &b);
    as_of(&b, v);
    refresh_box(h, &b);
    filter_form(h, &b, "/evaluation", v, 0);
    overview_cards(h, &b, v, 0);
    legend(&b, v);
    json_decref(v);
    page_send(h, 200, &b);
}

static void breakdown_table(struct buf *b, json_t *v)
{
    json_t *ind = json_object_get(v, "indicator"), *bd = json_object_get(v, "breakdown");
    if (!json_is_object(bd))
        return;
    long t = (long)json_integer_value(json_object_get(v, "threshold"));
    const char *by = jstr(bd, "by");
    html_printf(b, "<section class=\"card\" id=\"breakdown\"><h2>%s: %s</h2>", _("Breakdown"), dim_label(by));
    html_printf(b, "<table class=\"list\" id=\"breakdown-table\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
                dim_label(by), jstr(ind, "denominator"));
    size_t i, k;
    json_t *x, *nk;
    json_array_foreach(json_object_get(ind, "numerators"), k, nk) html_printf(b, "<th scope=\"col\">%s</th>",
                                                                               json_string_value(nk));
    if (!str_eq(jstr(ind, "kind"), "count") && !str_eq(jstr(ind, "kind"), "proportion"))
        html_printf(b, "<th scope=\"col\">%s</th>", str_eq(jstr(ind, "kind"), "median") ? _("Median") : _("Per client-year"));
    buf_adds(b, "</tr></thead><tbody>");
    json_t *rows = json_object_get(bd, "rows");
    for (i = 0; i <= json_array_size(rows); i++) {
        x = i < json_array_size(rows) ? json_array_get(rows, i) : json_object_get(bd, "total");
        if (!json_is_object(x))
            continue;
        char lab[200], n[48];
        const char *label;
        if (i == json_array_size(rows))
            label = _("Total");
        else if (json_is_string(json_object_get(x, "label")))
            label = jstr(x, "label");
        else
            label = value_label(by, json_string_value(json_object_get(x, "key")), lab, sizeof lab);
        const char *state = jstr(x, "state");
        int shown = str_eq(state, "shown");
        if (shown && !json_is_integer(json_object_get(x, "n")))
            snprintf(n, sizeof n, "—"); /* another indicator's count: published there */
        else if (shown)
            i18n_count((long long)json_integer_value(json_object_get(x, "n")), n, sizeof n);
        else if (str_eq(state, "small"))
            snprintf(n, sizeof n, "<%ld", t);
        else
            snprintf(n, sizeof n, "%s", _("suppressed"));
        html_printf(b, "<tr class=\"%s%s\"><th scope=\"row\">%s</th><td data-label=\"%s\">%s</td>",
                    i == json_array_size(rows) ? "total " : "", state, label, jstr(ind, "denominator"), n);
        json_array_foreach(json_object_get(ind, "numerators"), k, nk)
        {
            char kv[80];
            if (shown) {
                json_t *rate = json_array_get(json_object_get(x, "rate"), k);
                char c[32];
                i18n_count((long long)json_integer_value(json_array_get(json_object_get(x, "k"), k)), c, sizeof c);
                if (json_is_number(rate))
                    snprintf(kv, sizeof kv, "%s (%.1f%%)", c, json_number_value(rate));
                else
                    snprintf(kv, sizeof kv, "%s", c);
            } else
                snprintf(kv, sizeof kv, "%s", n);
            html_printf(b, "<td data-label=\"%s\">%s</td>", json_string_value(nk), kv);
        }
        if (!str_eq(jstr(ind, "kind"), "count") && !str_eq(jstr(ind, "kind"), "proportion")) {
            char fv[64];
            figure_text(ind, x, t, fv, sizeof fv);
            html_printf(b, "<td>%s</td>", fv);
        }
        buf_adds(b, "</tr>");
    }
    buf_adds(b, "</tbody></table><p class=\"actions\"><a class=\"button\" id=\"breakdown-csv\" download href=\"/api/v1/evaluation/view.csv?table=breakdown&amp;indicator=");
    html_printf(b, "%u&amp;by=%u&amp;", jstr(ind, "id"), by);
    selection_query(b, v);
    html_printf(b, "\">%s</a></p></section>", _("Download as CSV"));
}

static void trend_table(struct buf *b, json_t *v)
{
    json_t *ind = json_object_get(v, "indicator");
    long t = (long)json_integer_value(json_object_get(v, "threshold"));
    html_printf(b, "<table class=\"list\" id=\"trend-table\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "</tr></thead><tbody>",
                _("Period"), jstr(ind, "name"));
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(v, "trend"), i, x)
    {
        char pl[32], fv[64];
        html_printf(b, "<tr><th scope=\"row\">%s%s</th><td>%s</td></tr>", period_label(jstr(x, "period"), pl, sizeof pl),
                    json_is_true(json_object_get(x, "partial")) ? _(" (so far)") : "", figure_text(ind, x, t, fv, sizeof fv));
    }
    buf_adds(b, "</tbody></table>");
}

static void pg_indicator(struct hreq *h)
{
    struct dash_query q;
    json_t *v = NULL;
    int rc = dash_parse(&h->ctx, hreq_get, h, 1, &q);
    if (rc == OK && !q.indicator)
        rc = ctx_field(&h->ctx, "indicator", _("Choose an indicator."));
    if (rc == OK)
        rc = dash_view(&h->ctx, &q, &v);
    if (dash_failed(h, rc))
        return;
    json_t *ind = json_object_get(v, "indicator");
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, jstr(ind, "name"));
    html_printf(&b, "<p class=\"crumbs\"><a href=\"/evaluation?");
    selection_query(&b, v);
    html_printf(&b, "\">%s</a></p><div class=\"page-head\"><h1>%s</h1></div>", _("Control tower"), jstr(ind, "name"));
    html_printf(&b, "<p class=\"muted\" id=\"indicator-definition\">%s <a href=\"/indicators#%s\">%s</a></p>",
                jstr(ind, "definition"), jstr(ind, "id"), _("Definition"));
    if (!json_is_true(json_object_get(v, "recorded"))) {
        html_printf(&b, "<p class=\"card\" id=\"not-recorded\">%s</p>",
                    _("Not yet recorded: Hearth does not record what this indicator counts yet, so it is not shown as "
                      "zero."));
        json_decref(v);
        page_send(h, 200, &b);
        return;
    }
    as_of(&b, v);
    filter_form(h, &b, "/evaluation/indicator", v, 1);
    long t = (long)json_integer_value(json_object_get(v, "threshold"));
    if (json_is_string(json_object_get(v, "not_by"))) {
        html_printf(&b, "<p class=\"card\">%s</p>", _("This indicator is not published by that dimension."));
    } else if (json_is_object(json_object_get(v, "headline"))) {
        char now[64], prev[64] = "—", pl[32], ppl[32];
        figure_text(ind, json_object_get(v, "headline"), t, now, sizeof now);
        json_t *pv = json_object_get(v, "previous");
        if (json_is_object(pv))
            figure_text(ind, pv, t, prev, sizeof prev);
        html_printf(&b, "<section class=\"card ev-headline\"><dl class=\"facts\"><dt>%s%s</dt><dd id=\"headline\">%s</dd>",
                    period_label(jstr(v, "period"), pl, sizeof pl),
                    json_is_true(json_object_get(v, "partial")) ? _(" (so far)") : "", now);
        if (json_is_object(pv))
            html_printf(&b, "<dt>%s</dt><dd id=\"previous\">%s</dd>", period_label(jstr(pv, "period"), ppl, sizeof ppl), prev);
        buf_adds(&b, "</dl><figure class=\"chart\">");
        trend_svg(&b, ind, json_object_get(v, "trend"), 0, "trend");
        html_printf(&b, "<figcaption><details class=\"chart-data\" open><summary>%s</summary>", _("The same as a table"));
        trend_table(&b, v);
        html_printf(&b, "<p class=\"actions\"><a class=\"button\" id=\"trend-csv\" download href=\"/api/v1/evaluation/view.csv?table=trend&amp;indicator=%u&amp;",
                    jstr(ind, "id"));
        selection_query(&b, v);
        html_printf(&b, "\">%s</a></p></details></figcaption></figure></section>", _("Download as CSV"));
        breakdown_table(&b, v);
    } else
        html_printf(&b, "<p class=\"card\">%s</p>", _("No figures for this period."));
    legend(&b, v);
    json_decref(v);
    page_send(h, 200, &b);
}

/* For the task force's meeting: every indicator's figure and the previous period's, as tables. */
static void pg_print(struct hreq *h)
{
    struct buf b;
    json_t *v = overview_page(h, &b);
    if (!v)
        return;
    char pl[32];
    html_printf(&b, "<div class=\"print-sheet\" id=\"evaluation-sheet\"><h1>%s · %s</h1>", _("Control tower"),
                period_label(json_is_string(json_object_get(v, "period")) ? jstr(v, "period") : NULL, pl, sizeof pl));
    as_of(&b, v);
    overview_cards(h, &b, v, 1);
    legend(&b, v);
    html_printf(&b, "<p class=\"actions no-print\"><button type=\"button\" data-print hidden>%s</button></p></div>",
                _("Print"));
    json_decref(v);
    page_send(h, 200, &b);
}

/* POST /evaluation/refresh: a run made on the writer, started after its commit (as the API's). */
static int refresh_w(struct hreq *h)
{
    return evaluation_refresh(&h->ctx, &h->result);
}
static void refresh_done(struct hreq *h)
{
    evaluation_refreshed(h->rc, h->result);
    if (h->rc != OK) {
        reply_core_error(h, h->rc);
        return;
    }
    reply_redirect(h, "/evaluation?msg=evaluation-refresh");
}
static void pg_refresh(struct hreq *h)
{
    http_write(h, refresh_w, refresh_done);
}

#define A ROLES_ANY
const struct route ui_dashboard_routes[] = {
    {"GET", "/evaluation", pg_evaluation, A, 0},
    {"GET", "/evaluation/indicator", pg_indicator, A, 0},
    {"GET", "/evaluation/print", pg_print, A, 0},
    {"POST", "/evaluation/refresh", pg_refresh, A, 0},
    {0},
};
HTTP_ROUTES(ui_dashboard_routes, "ui-16b-dashboard");
