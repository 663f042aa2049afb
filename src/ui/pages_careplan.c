/* pages_careplan: care plans in the client's own words (issue 11 §1). The client page's section (the
 * current plan in short, or "Start a care plan"), the plan's page (goals by domain, the client's words
 * first, steps, progress from the reviews, the client's agreement), the form to write or change it with
 * the client (one block a goal, "Add a goal" and "Add a step" without JavaScript; the latest
 * assessments beside the domains they concern, never in the client's words), the versions and two of
 * them side by side, the review form, and the plan printed for the client. core/careplan.c decides and
 * audits. */
#include "ui/pages.h"
#include "core/instrument.h"
#include "core/risk.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CP_BLOCKS_MAX 30 /* goals in a plan (core's limit) */
#define CP_STEPS_MAX 20
#define CP_PROGRESS_SHOWN 6 /* a goal's latest progress entries on the plan's page */
#define CP_REVIEWS_SHOWN 12  /* reviews on the plan's page (the API lists them all) */

/* ---- words ---- */

static const char *const who_names[] = {N_("The client"), N_("A team member"), N_("Another organisation"),
                                        N_("Family"), NULL};
/* The same, as the client reads them on paper. */
static const char *const who_paper[] = {N_("Me"), N_("My care team"), N_("Another service"), N_("My family"), NULL};
static const char *const agreement_names[] = {N_("Signed on paper"), N_("Agreed aloud, with a witness"),
                                              N_("Declined"), NULL};
static const char *const status_names[] = {N_("active"), N_("reached"), N_("stopped"), NULL};

static int index_of(const char *const *list, const char *v)
{
    for (int i = 0; list[i]; i++)
        if (str_eq(list[i], v))
            return i;
    return -1;
}

static const char *word_of(const char *const *vocab, const char *const *names, const char *v)
{
    int i = index_of(vocab, v);
    return i >= 0 ? _(names[i]) : v ? v : "";
}

static const char *domain_label(const char *d, char *out, size_t len)
{
    return ui_vlabel("service domain", d, out, len);
}

/* The agreement of a version in words: "Signed on paper (2026-12-01, recorded by Ana)". */
static void agreement_text(struct buf *b, json_t *v, int detail)
{
    const char *a = jstr(v, "agreement");
    if (!*a) {
        html_printf(b, "<span class=\"badge cp-agree-none\">%s</span>", _("not asked yet"));
        return;
    }
    html_printf(b, "<span class=\"badge cp-agree-%s\">%s</span>", a, word_of(careplan_agreements, agreement_names, a));
    if (!detail)
        return;
    if (*jstr(v, "agreement_witness"))
        html_printf(b, " %s %s", _("witness:"), jstr(v, "agreement_witness"));
    if (*jstr(v, "agreement_words"))
        html_printf(b, " <q>%s</q>", jstr(v, "agreement_words"));
    if (*jstr(v, "agreement_at")) {
        buf_adds(b, " <span class=\"small muted\">(");
        page_when(b, jstr(v, "agreement_at"));
        buf_adds(b, ")</span>");
    }
}

/* The review date, marked when it has passed or falls within two weeks. */
/* Why a version was made, and where from: a review ("review 3") or a conference ("conference 12", a
 * link to it), in the reader's language; the first version's reason may be left out. */
static void why_and_source(struct buf *b, json_t *v)
{
    const char *why = jstr(v, "why"), *src = jstr(v, "source");
    if (*why)
        html_printf(b, "%s", why);
    else
        html_printf(b, "%s", page_int(v, "number") == 1 ? _("The first version of the plan") : "");
    long long n = 0;
    if (sscanf(src, "conference %lld", &n) == 1 && n > 0)
        html_printf(b, " <a class=\"tag\" href=\"/conferences/%D\">%s %D</a>", (int64_t)n, _("Case conference"),
                    (int64_t)n);
    else if (sscanf(src, "review %lld", &n) == 1 && n > 0)
        html_printf(b, " <span class=\"tag\">%s</span>", _("From a review"));
    else if (*src)
        html_printf(b, " <span class=\"tag\">%s</span>", src);
}

static void review_due(struct buf *b, const char *due)
{
    char today[16], soon[32];
    iso_today(today);
    iso_time(now_epoch() + 14 * 86400, soon);
    soon[10] = 0;
    int late = strcmp(due, today) < 0, near = !late && strcmp(due, soon) <= 0;
    char prose[64];
    page_date_long_text(due, prose, sizeof prose);
    html_printf(b, "<time class=\"cp-due%r\" id=\"cp-review-due\" datetime=\"%s\">%s</time>",
                late ? " overdue" : near ? " soon" : "", due, prose);
    if (late)
        html_printf(b, " <span class=\"badge cp-late\">%s</span>", _("overdue"));
}

static int may_write(struct hreq *h, json_t *plan)
{
    return json_is_true(json_object_get(plan, "current")) && !str_eq(jstr(plan, "episode_status"), "discharged") &&
           access_may(&h->ctx, RES_CARE_PLAN, ACT_UPDATE, page_int(plan, "client_id"));
}

/* ---- the client page's section ---- */

static void careplan_section(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs)
{
    (void)fs;
    int64_t cid = page_int(client, "id");
    if (!access_may(&h->ctx, RES_CARE_PLAN, ACT_LIST, cid))
        return;
    html_printf(b,
                "<section class=\"card\" id=\"care-plan\" aria-labelledby=\"cp-h\"><div class=\"section-head\"><h2 "
                "id=\"cp-h\">%s</h2></div>",
                _("Care plan"));
    json_t *env = NULL;
    if (careplan_for_client(&h->ctx, cid, &env) != OK) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", h->ctx.msg);
        page_errors_reset(&h->ctx);
        return;
    }
    json_t *plans = json_object_get(env, "items");
    size_t i;
    json_t *p;
    int shown = 0;
    json_array_foreach(plans, i, p)
    {
        if (str_eq(jstr(p, "episode_status"), "discharged"))
            continue; /* the plans of closed episodes: on their pages, from the episode */
        shown++;
        int64_t id = page_int(p, "id");
        char pl[80];
        html_printf(b, "<div class=\"cp-short\" data-plan-id=\"%D\"><p class=\"small muted\">%s · %s · %s %D</p>", id,
                    ui_vlabel("programme", jstr(p, "programme"), pl, sizeof pl), jstr(p, "org_name"), _("version"),
                    page_int(p, "version"));
        buf_adds(b, "<ul class=\"cp-goals-short\">");
        /* goals by domain, in the order of the domains */
        for (const char *const *d = service_domains; *d; d++) {
            size_t j;
            json_t *g;
            json_array_foreach(json_object_get(p, "goals"), j, g)
            {
                if (!str_eq(jstr(g, "domain"), *d) || str_eq(jstr(g, "status"), "stopped"))
                    continue;
                char dl[80];
                html_printf(b, "<li><span class=\"tag\">%s</span> <q>%s</q>", domain_label(*d, dl, sizeof dl),
                            jstr(g, "client_words"));
                if (str_eq(jstr(g, "status"), "reached"))
                    html_printf(b, " <span class=\"badge cp-reached\">%s</span>", _("reached"));
                buf_adds(b, "</li>");
            }
        }
        html_printf(b, "</ul><p>%s ", _("Review due:"));
        review_due(b, jstr(p, "review_due"));
        html_printf(b, " · %s ", _("The client's agreement:"));
        agreement_text(b, p, 0);
        html_printf(b, "</p><p class=\"actions\"><a class=\"button small\" href=\"/care-plans/%D\" id=\"cp-open-%D\">%s</a>",
                    id, id, _("Open the care plan"));
        if (may_write(h, p))
            html_printf(b, " <a class=\"button small\" href=\"/care-plans/%D/review\">%s</a>", id, _("Record a review"));
        buf_adds(b, "</p></div>");
    }
    if (access_may(&h->ctx, RES_CARE_PLAN, ACT_CREATE, cid)) {
        json_t *eps = careplan_unplanned(&h->ctx, cid);
        json_t *e;
        json_array_foreach(eps, i, e)
        {
            char pl[80];
            html_printf(b,
                        "<p><a class=\"button small primary\" href=\"/clients/%D/care-plans/new?episode=%D\" "
                        "id=\"cp-start-%D\">%s</a> <span class=\"small muted\">%s</span></p>",
                        cid, page_int(e, "id"), page_int(e, "id"), _("Start a care plan"),
                        ui_vlabel("programme", jstr(e, "programme"), pl, sizeof pl));
            shown++;
        }
        json_decref(eps);
    }
    if (!shown)
        html_printf(b, "<p class=\"muted\" id=\"cp-none\">%s</p>",
                    _("No care plan for an open episode. A plan belongs to an open episode of care."));
    buf_adds(b, "</section>");
    json_decref(env);
}
CLIENT_SECTION(careplan_section, "main-90-careplan");

/* ---- the latest assessments beside the domains ---- */

/* Which domains an instrument's result or a risk flag speaks to (README "Care plans"). */
static const struct {
    const char *instrument;
    const char *domains[3];
} evidence_map[] = {
    {"phq9", {"mental_health_treatment"}},
    {"phq2", {"mental_health_treatment"}},
    {"gad7", {"mental_health_treatment"}},
    {"k10", {"mental_health_treatment"}},
    {"audit", {"mental_health_treatment", "health_dental"}},
    {"auditc", {"mental_health_treatment", "health_dental"}},
    {"dast10", {"mental_health_treatment", "health_dental"}},
    {"cssrs_screener", {"crisis_response"}},
    {"swemwbs", {"peer_support", "family_community"}},
};

/* {domain: [html lines]} from the client's latest result per instrument and active flags, each only when
 * the actor may read them (access_may); an empty object otherwise. */
static json_t *evidence_of(struct hreq *h, int64_t cid)
{
    json_t *out = json_object();
    if (access_may(&h->ctx, RES_ASSESSMENT, ACT_LIST, cid)) {
        json_t *env = NULL;
        if (assessment_list(&h->ctx, cid, &(struct page){.limit = 100}, &env) == OK) {
            json_t *seen = json_object();
            size_t i;
            json_t *a;
            json_array_foreach(json_object_get(env, "items"), i, a)
            {
                const char *ins = jstr(a, "instrument");
                if (json_object_get(seen, ins))
                    continue; /* newest first: the latest only */
                json_object_set_new(seen, ins, json_true());
                for (size_t k = 0; k < ARRAY_LEN(evidence_map); k++) {
                    if (!str_eq(evidence_map[k].instrument, ins))
                        continue;
                    struct buf t;
                    buf_init(&t);
                    json_t *total = json_object_get(a, "total");
                    char num[32] = "";
                    if (json_is_integer(total))
                        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(total));
                    else if (json_is_real(total))
                        snprintf(num, sizeof num, "%.1f", json_real_value(total));
                    /* "PHQ-9 (Patient Health Questionnaire, 9 items)" -> "PHQ-9" */
                    char name[64], day[11];
                    snprintf(name, sizeof name, "%s", jstr(a, "instrument_name"));
                    char *paren = strstr(name, " (");
                    if (paren)
                        *paren = 0;
                    snprintf(day, sizeof day, "%s", jstr(a, "administered_at"));
                    html_printf(&t, "<a href=\"/assessments/%D\">%s</a> %s", page_int(a, "id"), name, num);
                    if (*jstr(a, "band_label") || *jstr(a, "band"))
                        html_printf(&t, " (%s)", *jstr(a, "band_label") ? jstr(a, "band_label") : jstr(a, "band"));
                    html_printf(&t, " <span class=\"small muted\">%s</span>", day);
                    for (int d = 0; d < 3 && evidence_map[k].domains[d]; d++) {
                        json_t *l = json_object_get(out, evidence_map[k].domains[d]);
                        if (!l)
                            json_object_set_new(out, evidence_map[k].domains[d], l = json_array());
                        json_array_append_new(l, json_string(t.data));
                    }
                    buf_free(&t);
                }
            }
            json_decref(seen);
        }
        json_decref(env);
        page_errors_reset(&h->ctx);
    }
    if (access_may(&h->ctx, RES_FLAG, ACT_LIST, cid)) {
        json_t *env = NULL;
        if (flag_list(&h->ctx, cid, &(struct page){.limit = 50}, &env) == OK) {
            size_t i;
            json_t *f;
            json_array_foreach(json_object_get(env, "items"), i, f)
            {
                if (!str_eq(jstr(f, "status"), "active"))
                    continue;
                char kind[120], lv[40];
                struct buf t;
                buf_init(&t);
                html_printf(&t, "<span class=\"badge level-%s\">%s</span> %s", jstr(f, "level"),
                            ui_vlabel("risk level", jstr(f, "level"), lv, sizeof lv), page_flag_kind(f, kind, sizeof kind));
                json_t *l = json_object_get(out, "crisis_response");
                if (!l)
                    json_object_set_new(out, "crisis_response", l = json_array());
                json_array_append_new(l, json_string(t.data));
                buf_free(&t);
            }
        }
        json_decref(env);
        page_errors_reset(&h->ctx);
    }
    return out;
}

static void evidence_lines(struct buf *b, json_t *ev, const char *domain)
{
    json_t *l = json_object_get(ev, domain);
    if (!json_array_size(l))
        return;
    html_printf(b, "<p class=\"cp-evidence small\" data-domain=\"%s\"><span class=\"muted\">%s</span> ", domain,
                _("Latest:"));
    size_t i;
    json_t *x;
    json_array_foreach(l, i, x) html_printf(b, "%r%r", i ? " · " : "", json_string_value(x));
    buf_adds(b, "</p>");
}

/* ---- the plan form: one block a goal ---- */

/* What the form's custom field knows beyond the values. */
struct cp_form {
    json_t *evidence;
    int blocks; /* goal blocks to draw */
};

static const char *fv(json_t *vals, const char *name)
{
    return jstr(vals, name);
}

static const char *fvf(json_t *vals, char *key, size_t len, const char *fmt, int i, int j, const char *field)
{
    if (j >= 0)
        snprintf(key, len, fmt, i, j, field);
    else
        snprintf(key, len, fmt, i, field);
    return fv(vals, key);
}

static int count_of(json_t *vals, const char *name, int def, int max)
{
    int64_t n;
    const char *s = fv(vals, name);
    if (!*s || parse_int64(s, &n) != 0 || n < 0)
        return def;
    return n > max ? max : (int)n;
}

/* A posted step block holds a step when any of its words is there. */
static int step_used(json_t *vals, int i, int j)
{
    static const char *const f[] = {"what", "who_name", "how_often", "by_when"};
    char k[48];
    for (size_t x = 0; x < ARRAY_LEN(f); x++)
        if (*fvf(vals, k, sizeof k, "g%d.s%d.%s", i, j, f[x]))
            return 1;
    return 0;
}

static int goal_steps(json_t *vals, int i)
{
    char k[32];
    snprintf(k, sizeof k, "g%d._steps", i);
    return count_of(vals, k, 0, CP_STEPS_MAX);
}

/* A posted goal block holds a goal unless it is blank or marked to be removed. */
static int goal_used(json_t *vals, int i)
{
    static const char *const f[] = {"client_words", "worker_words", "strengths", "barriers"};
    char k[48];
    if (*fvf(vals, k, sizeof k, "g%d.%s", i, -1, "remove"))
        return 0;
    if (*fvf(vals, k, sizeof k, "g%d.%s", i, -1, "key"))
        return 1;
    for (size_t x = 0; x < ARRAY_LEN(f); x++)
        if (*fvf(vals, k, sizeof k, "g%d.%s", i, -1, f[x]))
            return 1;
    for (int j = 0, n = goal_steps(vals, i); j < n; j++)
        if (step_used(vals, i, j))
            return 1;
    return 0;
}

/* The posted blocks as core's goals. */
static void goals_parse(struct hreq *h, const struct form_field *fd, json_t *in)
{
    (void)fd;
    json_t *vals = h->body, *goals = json_array();
    int n = count_of(vals, "_goals", 0, CP_BLOCKS_MAX + 1);
    char k[48];
    for (int i = 0; i < n; i++) {
        if (!goal_used(vals, i))
            continue;
        json_t *g = json_object();
        static const char *const texts[] = {"key", "domain", "client_words", "worker_words", "strengths", "barriers", "status"};
        for (size_t x = 0; x < ARRAY_LEN(texts); x++) {
            const char *v = fvf(vals, k, sizeof k, "g%d.%s", i, -1, texts[x]);
            if (*v)
                json_object_set_new(g, texts[x], json_string(v));
        }
        json_object_set_new(g, "share_with_peer", json_boolean(*fvf(vals, k, sizeof k, "g%d.%s", i, -1, "share")));
        json_t *steps = json_array();
        for (int j = 0, m = goal_steps(vals, i); j < m; j++) {
            if (!step_used(vals, i, j))
                continue;
            json_t *s = json_object();
            static const char *const sf[] = {"key", "who", "who_name", "what", "how_often", "by_when"};
            for (size_t x = 0; x < ARRAY_LEN(sf); x++) {
                const char *v = fvf(vals, k, sizeof k, "g%d.s%d.%s", i, j, sf[x]);
                if (*v)
                    json_object_set_new(s, sf[x], json_string(v));
            }
            json_array_append_new(steps, s);
        }
        json_object_set_new(g, "steps", steps);
        json_array_append_new(goals, g);
    }
    json_object_set_new(in, "goals", goals);
    int64_t ep;
    if (*fv(vals, "episode_id") && parse_int64(fv(vals, "episode_id"), &ep) == 0)
        json_object_set_new(in, "episode_id", json_integer(ep));
}

/* core names goals[i] and goals[i].steps[j] among the goals sent: the blocks they came from. */
static int block_of_goal(json_t *vals, int gi)
{
    int n = count_of(vals, "_goals", 0, CP_BLOCKS_MAX + 1);
    for (int i = 0, seen = 0; i < n; i++)
        if (goal_used(vals, i) && seen++ == gi)
            return i;
    return -1;
}

static int block_of_step(json_t *vals, int i, int sj)
{
    for (int j = 0, n = goal_steps(vals, i), seen = 0; j < n; j++)
        if (step_used(vals, i, j) && seen++ == sj)
            return j;
    return -1;
}

/* core's error for block i (step j, or -1) and field, when the form came back with errors. */
static const char *block_error(struct form_view *v, int i, int j, const char *field)
{
    if (!v->errs || !v->typed)
        return "";
    const char *k;
    json_t *e;
    json_object_foreach(v->errs, k, e)
    {
        int gi = -1, sj = -1, off = 0;
        char f[32] = "";
        if (sscanf(k, "goals[%d]%n", &gi, &off) != 1)
            continue;
        const char *rest = k + off;
        if (sscanf(rest, ".steps[%d].%31s", &sj, f) == 2) {
            if (j < 0 || block_of_step(v->vals, i, sj) != j)
                continue;
        } else if (sscanf(rest, ".%31s", f) == 1) {
            if (j >= 0 || strncmp(f, "steps", 5) == 0)
                continue;
        } else
            continue;
        if (block_of_goal(v->vals, gi) == i && str_eq(f, field))
            return json_string_value(e);
    }
    return "";
}

static void cp_input(struct form_view *v, int i, int j, const char *field, const char *label, const char *type,
                     const char *hint, int area)
{
    char name[48], id[64];
    if (j >= 0)
        snprintf(name, sizeof name, "g%d.s%d.%s", i, j, field);
    else
        snprintf(name, sizeof name, "g%d.%s", i, field);
    snprintf(id, sizeof id, "%s-%s", v->pfx, name);
    for (char *p = id; *p; p++)
        if (*p == '.')
            *p = '-';
    const char *err = block_error(v, i, j, field);
    html_printf(v->b, "<div class=\"field%r\"><label for=\"%s\">%s</label>", *err ? " has-error" : "", id, label);
    if (hint)
        html_printf(v->b, "<p class=\"hint\" id=\"%s-hint\">%s</p>", id, hint);
    if (*err)
        html_printf(v->b, "<p class=\"field-error\" id=\"%s-e\">%s</p>", id, err);
    if (area)
        html_printf(v->b, "<textarea rows=\"%d\" id=\"%s\" name=\"%s\" maxlength=\"2000\"%r>%s</textarea></div>", area, id,
                    name, *err ? " aria-invalid=\"true\"" : "", fv(v->vals, name));
    else
        html_printf(v->b, "<input type=\"%s\" id=\"%s\" name=\"%s\" value=\"%s\"%r%r></div>", type, id, name,
                    fv(v->vals, name), str_eq(type, "text") ? " maxlength=\"2000\"" : "",
                    *err ? " aria-invalid=\"true\"" : "");
}

static void cp_select(struct form_view *v, int i, int j, const char *field, const char *label,
                      const char *const *vocab, const char *const *names, const char *none)
{
    char name[48], id[64];
    if (j >= 0)
        snprintf(name, sizeof name, "g%d.s%d.%s", i, j, field);
    else
        snprintf(name, sizeof name, "g%d.%s", i, field);
    snprintf(id, sizeof id, "%s-%s", v->pfx, name);
    for (char *p = id; *p; p++)
        if (*p == '.')
            *p = '-';
    const char *err = block_error(v, i, j, field), *cur = fv(v->vals, name);
    html_printf(v->b, "<div class=\"field%r\"><label for=\"%s\">%s</label>", *err ? " has-error" : "", id, label);
    if (*err)
        html_printf(v->b, "<p class=\"field-error\" id=\"%s-e\">%s</p>", id, err);
    html_printf(v->b, "<select id=\"%s\" name=\"%s\">", id, name);
    if (none)
        html_printf(v->b, "<option value=\"\">%s</option>", none);
    for (int k = 0; vocab[k]; k++) {
        char l[80];
        html_printf(v->b, "<option value=\"%s\"%r>%s</option>", vocab[k], str_eq(cur, vocab[k]) ? " selected" : "",
                    names ? _(names[k]) : domain_label(vocab[k], l, sizeof l));
    }
    buf_adds(v->b, "</select></div>");
}

static void draw_goals(struct form_view *v, const struct form_field *fd)
{
    (void)fd;
    struct cp_form *cf = v->user;
    json_t *vals = v->vals;
    int n = cf->blocks;
    html_printf(v->b, "<input type=\"hidden\" name=\"_goals\" value=\"%d\">", n);
    /* The latest assessments, by domain: to talk about, never to fill the client's words. */
    if (json_object_size(cf->evidence)) {
        html_printf(v->b, "<details class=\"form-box cp-evidence-box\" id=\"cp-evidence\" open><summary>%s</summary><p "
                          "class=\"small muted\">%s</p><dl class=\"facts\">",
                    _("What the latest assessments say, by domain"),
                    _("To talk about with the client. The goals are theirs: write them in their words."));
        for (const char *const *d = service_domains; *d; d++) {
            json_t *l = json_object_get(cf->evidence, *d);
            if (!json_array_size(l))
                continue;
            char dl[80];
            html_printf(v->b, "<dt>%s</dt><dd data-domain=\"%s\">", domain_label(*d, dl, sizeof dl), *d);
            size_t i;
            json_t *x;
            json_array_foreach(l, i, x) html_printf(v->b, "%r%r", i ? " · " : "", json_string_value(x));
            buf_adds(v->b, "</dd>");
        }
        buf_adds(v->b, "</dl></details>");
    }
    for (int i = 0; i < n; i++) {
        char k[48];
        const char *key = fvf(vals, k, sizeof k, "g%d.%s", i, -1, "key");
        html_printf(v->b, "<fieldset class=\"cp-goal\" id=\"cp-goal-%d\"><legend>%s %d%r%s</legend>", i, _("Goal"), i + 1,
                    *key ? " · " : "", *key ? _("in the plan") : "");
        if (*key)
            html_printf(v->b, "<input type=\"hidden\" name=\"g%d.key\" value=\"%s\">", i, key);
        cp_select(v, i, -1, "domain", _("Domain"), service_domains, NULL, _("Choose…"));
        evidence_lines(v->b, cf->evidence, fvf(vals, k, sizeof k, "g%d.%s", i, -1, "domain"));
        cp_input(v, i, -1, "client_words", _("The goal in the client's own words"), "text",
                 _("Write what the client says, as they say it."), 2);
        cp_input(v, i, -1, "worker_words", _("In the worker's words (optional)"), "text", NULL, 2);
        buf_adds(v->b, "<div class=\"row2\">");
        cp_input(v, i, -1, "strengths", _("Strengths: what helps"), "text", NULL, 2);
        cp_input(v, i, -1, "barriers", _("What stands in the way"), "text", NULL, 2);
        buf_adds(v->b, "</div><div class=\"row2\">");
        cp_select(v, i, -1, "status", _("Status"), careplan_goal_statuses, status_names, NULL);
        char id[48];
        snprintf(id, sizeof id, "%s-g%d-share", v->pfx, i);
        html_printf(v->b,
                    "<div class=\"field\"><div class=\"check\"><input type=\"checkbox\" id=\"%s\" name=\"g%d.share\" "
                    "value=\"1\"%r><label for=\"%s\">%s</label></div></div></div>",
                    id, i, *fvf(vals, k, sizeof k, "g%d.%s", i, -1, "share") ? " checked" : "", id,
                    _("The client shares this goal with their peer supporter"));
        int m = goal_steps(vals, i);
        html_printf(v->b, "<input type=\"hidden\" name=\"g%d._steps\" value=\"%d\"><p class=\"cp-steps-h\">%s</p>", i, m,
                    _("Steps: who does what, how often, by when"));
        for (int j = 0; j < m; j++) {
            html_printf(v->b, "<div class=\"cp-step\" id=\"cp-goal-%d-step-%d\">", i, j);
            const char *skey = fvf(vals, k, sizeof k, "g%d.s%d.%s", i, j, "key");
            if (*skey)
                html_printf(v->b, "<input type=\"hidden\" name=\"g%d.s%d.key\" value=\"%s\">", i, j, skey);
            buf_adds(v->b, "<div class=\"row2\">");
            cp_select(v, i, j, "who", _("Who"), careplan_step_who, who_names, NULL);
            cp_input(v, i, j, "who_name", _("Name (optional)"), "text", NULL, 0);
            buf_adds(v->b, "</div>");
            cp_input(v, i, j, "what", _("What"), "text", j == 0 ? _("Empty a step's words to take it out.") : NULL, 0);
            buf_adds(v->b, "<div class=\"row2\">");
            cp_input(v, i, j, "how_often", _("How often"), "text", NULL, 0);
            cp_input(v, i, j, "by_when", _("By when"), "date", NULL, 0);
            buf_adds(v->b, "</div></div>");
        }
        html_printf(v->b,
                    "<p><button type=\"submit\" name=\"_addstep\" value=\"%d\" class=\"small\" formnovalidate "
                    "id=\"cp-add-step-%d\">%s</button></p>",
                    i, i, _("Add a step"));
        if (*key) {
            snprintf(id, sizeof id, "%s-g%d-remove", v->pfx, i);
            html_printf(v->b,
                        "<div class=\"check\"><input type=\"checkbox\" id=\"%s\" name=\"g%d.remove\" value=\"1\"%r>"
                        "<label for=\"%s\">%s</label></div>",
                        id, i, *fvf(vals, k, sizeof k, "g%d.%s", i, -1, "remove") ? " checked" : "", id,
                        _("Take this goal out of the plan (it stays in the earlier versions)"));
        }
        buf_adds(v->b, "</fieldset>");
    }
    if (n < CP_BLOCKS_MAX)
        html_printf(v->b,
                    "<p><button type=\"submit\" name=\"_add\" value=\"1\" formnovalidate id=\"cp-add-goal\">%s</button> "
                    "<span class=\"small muted\">%s</span></p>",
                    _("Add a goal"), _("A blank goal is left out when you save."));
}

static const struct form_field plan_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("episode_id", FI_HIDDEN, NULL, 0),
    F("goals", FI_CUSTOM, N_("Goals"), 0, .draw = draw_goals, .parse = goals_parse),
    F("why", FI_TEXTAREA, N_("Why the plan changes"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"1000\"",
      .hint = N_("For the version history: what the client and you decided.")),
    F("review_due", FI_DATE, NC_("care plan", "Next review"), FF_OMIT, .hint = N_("Empty: as it was (a new plan: in six months).")),
    {0},
};

static void plan_form_page(struct hreq *h, int status, const struct fstate *fs);
static void new_form_page(struct hreq *h, int status, const struct fstate *fs);

static const struct form form_cp_new = {.id = "careplan-form",
                                        .action = "/clients/{id}/care-plans",
                                        .box = "card",
                                        .submit = N_("Save the plan"),
                                        .button = "primary",
                                        .flash = "care-plan",
                                        .done = "/care-plans/{r.id}",
                                        .cancel = "/clients/{id}#care-plan",
                                        .fields = plan_fields,
                                        .create = careplan_create,
                                        .page = new_form_page,
                                        .flags = FORM_CLIENT_PATH};
static const struct form form_cp_edit = {.id = "careplan-form",
                                         .action = "/care-plans/{id}/edit",
                                         .box = "card",
                                         .submit = N_("Save as a new version"),
                                         .button = "primary",
                                         .flash = "care-plan",
                                         .done = "/care-plans/{id}",
                                         .reload = "/care-plans/{id}/edit",
                                         .cancel = "/care-plans/{id}",
                                         .fields = plan_fields,
                                         .update = careplan_revise,
                                         .page = plan_form_page,
                                         .flags = FORM_CLIENT};

/* A plan's goals as the form's values (g0.domain, g0.s1.what, ...), one more step block each. */
static json_t *plan_vals(json_t *goals)
{
    json_t *vals = json_object();
    size_t i, j;
    json_t *g, *s;
    char k[48];
    json_array_foreach(goals, i, g)
    {
        static const char *const texts[] = {"key", "domain", "client_words", "worker_words", "strengths", "barriers", "status"};
        for (size_t x = 0; x < ARRAY_LEN(texts); x++) {
            snprintf(k, sizeof k, "g%zu.%s", i, texts[x]);
            json_object_set_new(vals, k, json_string(jstr(g, texts[x])));
        }
        if (json_is_true(json_object_get(g, "share_with_peer"))) {
            snprintf(k, sizeof k, "g%zu.share", i);
            json_object_set_new(vals, k, json_string("1"));
        }
        json_t *steps = json_object_get(g, "steps");
        json_array_foreach(steps, j, s)
        {
            static const char *const sf[] = {"key", "who", "who_name", "what", "how_often", "by_when"};
            for (size_t x = 0; x < ARRAY_LEN(sf); x++) {
                snprintf(k, sizeof k, "g%zu.s%zu.%s", i, j, sf[x]);
                json_object_set_new(vals, k, json_string(jstr(s, sf[x])));
            }
        }
        snprintf(k, sizeof k, "g%zu._steps", i);
        json_object_set_new(vals, k, json_sprintf("%zu", json_array_size(steps) + 1));
    }
    return vals;
}

/* Blocks to draw: the posted count (one more after "Add a goal"), else the plan's goals and one blank. */
static int blocks_of(json_t *vals, int typed, int def)
{
    if (!typed)
        return def;
    int n = count_of(vals, "_goals", def, CP_BLOCKS_MAX);
    return n < 1 ? 1 : n;
}

/* "Add a goal" / "Add a step": the form again with what was typed and one more block; nothing saved. */
static int add_block(struct hreq *h)
{
    const char *g = fstr(h, "_add"), *s = fstr(h, "_addstep");
    if (g && *g) {
        int n = count_of(h->body, "_goals", 0, CP_BLOCKS_MAX);
        json_object_set_new(h->body, "_goals", json_sprintf("%d", n < CP_BLOCKS_MAX ? n + 1 : n));
        return 1;
    }
    int64_t i;
    if (s && parse_int64(s, &i) == 0 && i >= 0 && i < CP_BLOCKS_MAX) {
        char k[32];
        snprintf(k, sizeof k, "g%d._steps", (int)i);
        int m = goal_steps(h->body, (int)i);
        json_object_set_new(h->body, k, json_sprintf("%d", m < CP_STEPS_MAX ? m + 1 : m));
        if (!*jstr(h->body, "_goals"))
            json_object_set_new(h->body, "_goals", json_sprintf("%d", (int)i + 1));
        return 1;
    }
    return 0;
}

/* The failure above the form: core's message; errors of goals listed by goal, linked to their blocks. */
static void plan_failure(struct buf *b, const struct fstate *fs)
{
    if (!fs || (!fs->errs && !(fs->msg && *fs->msg)))
        return;
    if (fs->status == 409) {
        form_failure(b, fs);
        return;
    }
    html_printf(b, "<div class=\"alert\" role=\"alert\" id=\"cp-errors\"><p>%s</p><ul>",
                fs->msg && *fs->msg ? fs->msg : _("Please correct the fields marked below."));
    const char *k;
    json_t *e;
    json_object_foreach(fs->errs, k, e)
    {
        int gi = -1;
        if (sscanf(k, "goals[%d]", &gi) == 1) {
            int blk = block_of_goal(fs->vals, gi);
            html_printf(b, "<li><a href=\"#cp-goal-%d\">%s %d</a>: %s</li>", blk, _("Goal"), blk + 1, json_string_value(e));
        } else {
            char l[80];
            html_printf(b, "<li><a href=\"#f-%s\">%s</a>: %s</li>", k, str_eq(k, "goals") ? _("Goals") : ui_label(k, l, sizeof l),
                        json_string_value(e));
        }
    }
    buf_adds(b, "</ul></div>");
}

static void form_page(struct hreq *h, int status, const struct fstate *fs, json_t *c, json_t *plan, int64_t episode)
{
    const struct form *f = plan ? &form_cp_edit : &form_cp_new;
    int64_t cid = page_int(c, "id");
    struct cp_form cf = {.evidence = evidence_of(h, cid)};
    json_t *vals = plan ? plan_vals(json_object_get(plan, "goals")) : json_object();
    int typed = fs && fs->vals;
    cf.blocks = blocks_of(typed ? fs->vals : vals, typed, plan ? (int)json_array_size(json_object_get(plan, "goals")) + 1 : 1);
    if (!plan) {
        json_object_set_new(vals, "g0._steps", json_string("2"));
        json_object_set_new(vals, "episode_id", json_sprintf("%lld", (long long)episode));
    } else {
        json_object_set_new(vals, "version", json_integer(page_int(plan, "version")));
        json_object_set_new(vals, "review_due", json_string(jstr(plan, "review_due")));
    }
    const char *title = plan ? _("Change the care plan") : _("Start a care plan");
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, title);
    page_client_head(h, &b, c, title);
    page_flash(h, &b);
    plan_failure(&b, fs);
    html_printf(&b, "<p class=\"muted\">%s</p>",
                _("Write the plan with the client: their goals in their own words, what they are good at, what stands "
                  "in the way, and who does what by when. Saving makes a new version; earlier ones are kept."));
    /* A 200 after "Add a goal" is not a failure: no message, the values kept. */
    struct fstate keep;
    if (fs) {
        keep = *fs;
        keep.form = f;
        fs = &keep;
    }
    form_show(h, &b, f,
              &(struct form_view){.target = plan ? page_int(plan, "id") : cid, .vals = vals, .fs = fs, .user = &cf});
    json_decref(vals);
    json_decref(cf.evidence);
    page_send(h, status, &b);
}

/* The plan a form is about, its client, and a 403 when the actor may not change it. */
static json_t *plan_and_client(struct hreq *h, const char *here_fmt, json_t **client)
{
    json_t *plan = NULL;
    audit_view(&h->ctx);
    int rc = careplan_get(&h->ctx, h->id[0], &plan);
    if (rc != OK) {
        page_client_error(h, rc);
        return NULL;
    }
    char here[80];
    snprintf(here, sizeof here, here_fmt, (long long)h->id[0]);
    *client = page_client_sub(h, page_int(plan, "client_id"), here);
    if (!*client) {
        json_decref(plan);
        return NULL;
    }
    return plan;
}

static void plan_form_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *c = NULL, *plan = plan_and_client(h, "/care-plans/%lld/edit", &c);
    if (!plan)
        return;
    if (!may_write(h, plan))
        reply_problem(h, 403, _("Not allowed"),
                      _("The clinical members of the client's care team change the plan of an open episode with the client."), NULL);
    else
        form_page(h, status, fs, c, plan, 0);
    json_decref(plan);
    json_decref(c);
}

static void new_form_page(struct hreq *h, int status, const struct fstate *fs)
{
    char here[80];
    snprintf(here, sizeof here, "/clients/%lld/care-plans/new", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here);
    if (!c)
        return;
    int64_t ep = 0;
    const char *e = qstr(h, "episode") ? qstr(h, "episode") : fstr(h, "episode_id");
    if (e && parse_int64(e, &ep) != 0)
        ep = 0;
    if (!access_may(&h->ctx, RES_CARE_PLAN, ACT_CREATE, h->id[0]))
        reply_problem(h, 403, _("Not allowed"), _("The clinical members of the client's care team write the plan with the client."), NULL);
    else
        form_page(h, status, fs, c, NULL, ep);
    json_decref(c);
}

static void pg_cp_new(struct hreq *h)
{
    new_form_page(h, 200, NULL);
}

static void pg_cp_edit(struct hreq *h)
{
    plan_form_page(h, 200, NULL);
}

static void post_plan(struct hreq *h, const struct form *f)
{
    if (add_block(h)) {
        struct fstate fs = {.form = f, .target = h->id[0], .vals = h->body, .status = 200};
        f->page(h, 200, &fs);
        return;
    }
    form_post(h, f);
}

static void pg_cp_create(struct hreq *h)
{
    post_plan(h, &form_cp_new);
}

static void pg_cp_save(struct hreq *h)
{
    post_plan(h, &form_cp_edit);
}

/* ---- the agreement and review forms ---- */

static void plan_page(struct hreq *h, int status, const struct fstate *fs);

static const struct form_field agree_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("agreement", FI_SELECT, N_("The client"), FF_REQ, .choices = careplan_agreements),
    F("witness", FI_TEXT, N_("Witness"), FF_OMIT, .attrs = " maxlength=\"200\"",
      .hint = N_("When the client agrees aloud: who heard it (name and role).")),
    F("words", FI_TEXTAREA, N_("What the client said"), FF_OMIT, .rows = 2, .attrs = " maxlength=\"2000\"",
      .hint = N_("Needed when the client declines.")),
    {0},
};
static const struct form form_agree = {.id = "cp-agree",
                                       .pfx = "ag",
                                       .action = "/care-plans/{id}/agreement",
                                       .box = "card",
                                       .submit = N_("Record the client's answer"),
                                       .button = "primary",
                                       .flash = "care-plan-agreed",
                                       .done = "/care-plans/{id}#agreement",
                                       .reload = "/care-plans/{id}",
                                       .fields = agree_fields,
                                       .update = careplan_agree,
                                       .page = plan_page,
                                       .flags = FORM_CLIENT};

static void pg_cp_agree(struct hreq *h)
{
    form_post(h, &form_agree);
}

static void review_page(struct hreq *h, int status, const struct fstate *fs);

/* Each goal's progress: a scale 0..10 and words, posted as p.KEY.scale and p.KEY.words. */
static void progress_draw(struct form_view *v, const struct form_field *fd)
{
    (void)fd;
    json_t *goals = v->user;
    html_printf(v->b, "<fieldset class=\"cp-progress\"><legend>%s</legend>", _("Each goal's progress"));
    size_t i;
    json_t *g;
    json_array_foreach(goals, i, g)
    {
        if (str_eq(jstr(g, "status"), "stopped"))
            continue;
        const char *key = jstr(g, "key");
        char name[48], dl[80];
        snprintf(name, sizeof name, "p.%s.scale", key);
        const char *cur = jstr(v->vals, name);
        html_printf(v->b, "<div class=\"cp-progress-goal\"><p><span class=\"tag\">%s</span> <q>%s</q></p><div class=\"row2\">",
                    domain_label(jstr(g, "domain"), dl, sizeof dl), jstr(g, "client_words"));
        html_printf(v->b, "<div class=\"field\"><label for=\"f-p-%s-scale\">%s</label><select id=\"f-p-%s-scale\" name=\"%s\">"
                          "<option value=\"\">%s</option>",
                    key, _("Progress, 0 (none) to 10 (reached)"), key, name, _("not rated"));
        for (int s = 0; s <= 10; s++) {
            char n[12];
            snprintf(n, sizeof n, "%d", s);
            html_printf(v->b, "<option value=\"%s\"%r>%s</option>", n, str_eq(cur, n) ? " selected" : "", n);
        }
        snprintf(name, sizeof name, "p.%s.words", key);
        html_printf(v->b, "</select></div><div class=\"field\"><label for=\"f-p-%s-words\">%s</label><input type=\"text\" "
                          "id=\"f-p-%s-words\" name=\"%s\" value=\"%s\" maxlength=\"2000\"></div></div></div>",
                    key, _("In words"), key, name, jstr(v->vals, name));
    }
    buf_adds(v->b, "</fieldset>");
}

static void progress_parse(struct hreq *h, const struct form_field *fd, json_t *in)
{
    (void)fd;
    json_t *out = json_array();
    const char *k;
    json_t *x;
    json_object_foreach(h->body, k, x)
    {
        char key[24];
        int n = 0;
        if (sscanf(k, "p.%23[^.].scale%n", key, &n) != 1 || k[n] || !json_is_string(x))
            continue;
        char wk[48];
        snprintf(wk, sizeof wk, "p.%s.words", key);
        const char *words = fstr(h, wk);
        int64_t s;
        if (!*json_string_value(x) && !(words && *words))
            continue;
        json_t *p = json_pack("{s:s}", "goal", key);
        json_object_set_new(p, "scale", parse_int64(json_string_value(x), &s) == 0 ? json_integer(s) : json_null());
        if (words && *words)
            json_object_set_new(p, "words", json_string(words));
        json_array_append_new(out, p);
    }
    json_object_set_new(in, "progress", out);
}

static const struct form_field review_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("held_on", FI_DATE, N_("Held on"), FF_OMIT, .hint = N_("Empty: today.")),
    F("what_changed", FI_TEXTAREA, N_("What changed"), FF_REQ, .rows = 3, .attrs = " maxlength=\"2000\"",
      .hint = N_("Since the plan was made or last reviewed, as the client and you see it.")),
    F("progress", FI_CUSTOM, N_("Progress"), 0, .draw = progress_draw, .parse = progress_parse),
    F("next_review", FI_DATE, NC_("care plan", "Next review"), FF_OMIT, .hint = N_("Empty: in six months.")),
    {0},
};
static const struct form form_review = {.id = "cp-review",
                                        .action = "/care-plans/{id}/reviews",
                                        .box = "card",
                                        .submit = N_("Record the review"),
                                        .button = "primary",
                                        .flash = "care-plan-reviewed",
                                        .done = "/care-plans/{id}#reviews",
                                        .reload = "/care-plans/{id}/review",
                                        .cancel = "/care-plans/{id}",
                                        .fields = review_fields,
                                        .update = careplan_review,
                                        .page = review_page,
                                        .flags = FORM_CLIENT};

static void review_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *c = NULL, *plan = plan_and_client(h, "/care-plans/%lld/review", &c);
    if (!plan)
        return;
    if (!may_write(h, plan) || !access_may(&h->ctx, RES_CARE_PLAN_REVIEW, ACT_CREATE, page_int(plan, "client_id"))) {
        reply_problem(h, 403, _("Not allowed"), _("The clinical members of the client's care team review the plan with the client."), NULL);
    } else {
        json_t *vals = json_pack("{s:I}", "version", (json_int_t)page_int(plan, "version"));
        char intro[400];
        snprintf(intro, sizeof intro, "%s %s.",
                 _("Review the plan with the client: what changed, how far each goal has come. The review was due on"),
                 jstr(plan, "review_due"));
        form_client_page(h, status, c, _("Review the care plan"), intro, &form_review,
                         &(struct form_view){.target = h->id[0], .vals = vals, .fs = fs,
                                             .user = json_object_get(plan, "goals")});
        json_decref(vals);
    }
    json_decref(plan);
    json_decref(c);
}

static void pg_cp_review(struct hreq *h)
{
    review_page(h, 200, NULL);
}

static void pg_cp_review_save(struct hreq *h)
{
    form_post(h, &form_review);
}

/* ---- the plan's page ---- */

/* {goal key: [reviews' progress, oldest first: {held_on, scale, words}]} */
static json_t *progress_by_goal(json_t *reviews)
{
    json_t *out = json_object();
    for (size_t i = json_array_size(reviews); i-- > 0;) {
        json_t *r = json_array_get(reviews, i), *p;
        size_t j;
        json_array_foreach(json_object_get(r, "progress"), j, p)
        {
            json_t *l = json_object_get(out, jstr(p, "goal"));
            if (!l)
                json_object_set_new(out, jstr(p, "goal"), l = json_array());
            json_array_append_new(l, json_pack("{s:s,s:O,s:s}", "held_on", jstr(r, "held_on"), "scale",
                                               json_object_get(p, "scale"), "words", jstr(p, "words")));
        }
    }
    return out;
}

/* The steps of a goal; link (or NULL): where a step is linked to a service, "...?plan=N" (&step=KEY added). */
static void steps_list(struct buf *b, json_t *steps, const char *link)
{
    if (!json_array_size(steps))
        return;
    html_printf(b, "<table class=\"list cp-steps\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
                   "scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                _("Who"), _("What"), _("How often"), _("By when"));
    size_t i;
    json_t *s;
    json_array_foreach(steps, i, s)
    {
        html_printf(b, "<tr data-step=\"%s\"><td data-label=\"%s\">%s", jstr(s, "key"), _("Who"),
                    word_of(careplan_step_who, who_names, jstr(s, "who")));
        if (*jstr(s, "who_name"))
            html_printf(b, ": %s", jstr(s, "who_name"));
        html_printf(b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s",
                    _("What"), jstr(s, "what"), _("How often"), jstr(s, "how_often"), _("By when"), jstr(s, "by_when"));
        if (link)
            html_printf(b, " <a class=\"small\" href=\"%s&amp;step=%s\">%s</a>", link, jstr(s, "key"),
                        _("Link a service"));
        buf_adds(b, "</td></tr>");
    }
    buf_adds(b, "</tbody></table>");
}

static void goal_card(struct buf *b, json_t *g, json_t *progress, const char *link)
{
    const char *st = jstr(g, "status");
    html_printf(b, "<article class=\"cp-goal-card cp-%s\" id=\"goal-%s\" data-goal=\"%s\"><p class=\"cp-words\"><q>%s</q></p>",
                st, jstr(g, "key"), jstr(g, "key"), jstr(g, "client_words"));
    html_printf(b, "<p class=\"small\"><span class=\"badge cp-status-%s\">%s</span>", st,
                word_of(careplan_goal_statuses, status_names, st));
    if (json_is_true(json_object_get(g, "share_with_peer")))
        html_printf(b, " <span class=\"tag\">%s</span>", _("shared with the peer supporter"));
    buf_adds(b, "</p><dl class=\"facts\">");
    if (*jstr(g, "worker_words"))
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", _("In the worker's words"), jstr(g, "worker_words"));
    if (*jstr(g, "strengths"))
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", _("Strengths"), jstr(g, "strengths"));
    if (*jstr(g, "barriers"))
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", _("What stands in the way"), jstr(g, "barriers"));
    buf_adds(b, "</dl>");
    steps_list(b, json_object_get(g, "steps"), link);
    json_t *pr = json_object_get(progress, jstr(g, "key"));
    if (json_array_size(pr)) {
        /* the latest few; the plan's reviews below hold them all */
        size_t n = json_array_size(pr), skip = n > CP_PROGRESS_SHOWN ? n - CP_PROGRESS_SHOWN : 0;
        html_printf(b, "<h4>%s</h4>", _("Progress at the reviews"));
        if (skip)
            html_printf(b, "<p class=\"small muted\">%s %D</p>", _("Earlier reviews not shown here:"), (int64_t)skip);
        html_printf(b, "<ol class=\"cp-progress-list\" start=\"%D\">", (int64_t)skip + 1);
        size_t i;
        json_t *p;
        json_array_foreach(pr, i, p)
        {
            if (i < skip)
                continue;
            json_t *sc = json_object_get(p, "scale");
            html_printf(b, "<li><span class=\"date\">%s</span> ", jstr(p, "held_on"));
            if (json_is_integer(sc))
                html_printf(b, "<meter min=\"0\" max=\"10\" value=\"%D\" aria-label=\"%s\">%D/10</meter> <strong>%D/10</strong>",
                            (int64_t)json_integer_value(sc), _("Progress"), (int64_t)json_integer_value(sc),
                            (int64_t)json_integer_value(sc));
            if (*jstr(p, "words"))
                html_printf(b, " — %s", jstr(p, "words"));
            buf_adds(b, "</li>");
        }
        buf_adds(b, "</ol>");
    }
    buf_adds(b, "</article>");
}

/* The goals grouped by the ten domains, in their order. */
static void goals_by_domain(struct buf *b, json_t *goals, json_t *progress, int paper, const char *link)
{
    for (const char *const *d = service_domains; *d; d++) {
        int any = 0;
        size_t i;
        json_t *g;
        json_array_foreach(goals, i, g)
        {
            if (!str_eq(jstr(g, "domain"), *d) || (paper && str_eq(jstr(g, "status"), "stopped")))
                continue;
            if (!any) {
                char dl[80];
                html_printf(b, "<section class=\"cp-domain\" data-domain=\"%s\"><h3>%s</h3>", *d,
                            domain_label(*d, dl, sizeof dl));
                any = 1;
            }
            if (!paper) {
                goal_card(b, g, progress, link);
                continue;
            }
            /* On paper: the client's words, what helps, what is in the way, and who does what. */
            html_printf(b, "<div class=\"cp-paper-goal\"><p class=\"cp-words\"><strong>%s</strong>%s</p>",
                        jstr(g, "client_words"), str_eq(jstr(g, "status"), "reached") ? _(" — reached!") : "");
            if (*jstr(g, "strengths"))
                html_printf(b, "<p><em>%s</em> %s</p>", _("What helps me:"), jstr(g, "strengths"));
            if (*jstr(g, "barriers"))
                html_printf(b, "<p><em>%s</em> %s</p>", _("What gets in the way:"), jstr(g, "barriers"));
            json_t *steps = json_object_get(g, "steps"), *s;
            if (json_array_size(steps)) {
                size_t j;
                html_printf(b, "<p><em>%s</em></p><ul class=\"paper-list\">", _("What we will do:"));
                json_array_foreach(steps, j, s)
                {
                    html_printf(b, "<li><strong>%s", word_of(careplan_step_who, who_paper, jstr(s, "who")));
                    if (*jstr(s, "who_name"))
                        html_printf(b, " (%s)", jstr(s, "who_name"));
                    html_printf(b, "</strong>: %s", jstr(s, "what"));
                    if (*jstr(s, "how_often"))
                        html_printf(b, ", %s", jstr(s, "how_often"));
                    if (*jstr(s, "by_when"))
                        html_printf(b, ", %s %s", _("by"), jstr(s, "by_when"));
                    buf_adds(b, "</li>");
                }
                buf_adds(b, "</ul>");
            }
            buf_adds(b, "</div>");
        }
        if (any)
            buf_adds(b, "</section>");
    }
}

static void plan_page(struct hreq *h, int status, const struct fstate *fs)
{
    int64_t want = 0;
    if (qstr(h, "version") && parse_int64(qstr(h, "version"), &want) != 0)
        want = 0;
    json_t *plan = NULL, *reviews = NULL;
    audit_view(&h->ctx);
    int rc = careplan_version(&h->ctx, h->id[0], want, &plan);
    if (rc != OK) {
        page_client_error(h, rc);
        return;
    }
    int64_t cid = page_int(plan, "client_id"), id = h->id[0];
    char here[64];
    snprintf(here, sizeof here, "/care-plans/%lld", (long long)id);
    json_t *c = page_client_sub(h, cid, here);
    if (!c) {
        json_decref(plan);
        return;
    }
    if (access_may(&h->ctx, RES_CARE_PLAN_REVIEW, ACT_LIST, cid) &&
        careplan_reviews(&h->ctx, id, &(struct page){.limit = 50}, &reviews) == OK)
        reviews = page_items(reviews);
    else
        page_errors_reset(&h->ctx);
    json_t *progress = progress_by_goal(reviews);
    int current = json_is_true(json_object_get(plan, "current")), write = may_write(h, plan);
    struct buf b;
    buf_init(&b);
    /* "Care plan of 6 December 2026": the day this version was made, in prose */
    char made[64], heading[160];
    page_date_long_text(jstr(plan, "made_at"), made, sizeof made);
    snprintf(heading, sizeof heading, _("Care plan of %s"), made);
    struct buf hb;
    buf_init(&hb);
    html_printf(&hb, "%s", heading);
    ui_begin(h, &b, hb.data);
    page_client_head(h, &b, c, hb.data);
    buf_free(&hb);
    page_flash(h, &b);
    form_failure(&b, fs);
    if (!current)
        html_printf(&b,
                    "<div class=\"banner info\" id=\"old-version\">%s %D. <a href=\"/care-plans/%D\">%s</a> · <a "
                    "href=\"/care-plans/%D/compare?from=%D&amp;to=%D\">%s</a></div>",
                    _("This is an earlier version:"), page_int(plan, "number"), id, _("See the current plan"), id,
                    page_int(plan, "number"), page_int(plan, "version"), _("Compare it with the current one"));
    char pl[80];
    html_printf(&b, "<section class=\"card\" id=\"cp-plan\" aria-labelledby=\"cpp-h\"><h2 id=\"cpp-h\">%s</h2>",
                _("The plan"));
    html_printf(&b, "<dl class=\"facts cp-meta\"><dt>%s</dt><dd>%s · %s</dd>", _("Episode"),
                ui_vlabel("programme", jstr(plan, "programme"), pl, sizeof pl), jstr(plan, "org_name"));
    html_printf(&b, "<dt>%s</dt><dd id=\"cp-version\">%D — %s, ", _("Version"), page_int(plan, "number"),
                jstr(plan, "made_by_name"));
    page_when(&b, jstr(plan, "made_at"));
    buf_adds(&b, ": ");
    why_and_source(&b, plan);
    html_printf(&b, "</dd><dt>%s</dt><dd>", C_("care plan", "Next review"));
    review_due(&b, jstr(plan, "review_due"));
    html_printf(&b, "</dd><dt>%s</dt><dd id=\"agreement\">", _("The client's agreement to this version"));
    agreement_text(&b, plan, 1);
    buf_adds(&b, "</dd></dl><p class=\"actions\">");
    if (write)
        html_printf(&b,
                    "<a class=\"button primary\" href=\"/care-plans/%D/edit\" id=\"cp-edit\">%s</a> <a class=\"button\" "
                    "href=\"/care-plans/%D/review\" id=\"cp-review\">%s</a> ",
                    id, _("Change the plan"), id, _("Record a review"));
    html_printf(&b,
                "<a class=\"button\" href=\"/care-plans/%D/print\" id=\"cp-print\">%s</a> <a class=\"button\" "
                "href=\"/care-plans/%D/versions\" id=\"cp-versions\">%s</a></p>",
                id, _("Print for the client"), id, _("Versions"));
    if (!json_array_size(json_object_get(plan, "goals")))
        html_printf(&b, "<p class=\"muted\">%s</p>", _("No goal you may see in this plan."));
    char link[96];
    snprintf(link, sizeof link, "/clients/%lld/linkages/new?plan=%lld", (long long)page_int(plan, "client_id"),
             (long long)id);
    int may_link = json_is_true(json_object_get(plan, "current")) &&
                   access_may(&h->ctx, RES_LINKAGE, ACT_CREATE, page_int(plan, "client_id"));
    goals_by_domain(&b, json_object_get(plan, "goals"), progress, 0, may_link ? link : NULL);
    buf_adds(&b, "</section>");
    /* The client's answer to this version */
    const char *ag = jstr(plan, "agreement");
    if (write && (!*ag || str_eq(ag, "declined"))) {
        json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(plan, "version"));
        json_t *opts = json_object(), *ch = json_array();
        for (int i = 0; careplan_agreements[i]; i++)
            json_array_append_new(ch, json_pack("[s,s]", careplan_agreements[i], _(agreement_names[i])));
        json_object_set_new(opts, "agreement", ch);
        html_printf(&b, "<section id=\"cp-agreement\" aria-label=\"%s\">", _("The client's agreement"));
        form_show(h, &b, &form_agree, &(struct form_view){.target = id, .hidden = hid, .opts = opts, .fs = fs});
        buf_adds(&b, "</section>");
        json_decref(hid);
        json_decref(opts);
    }
    /* Reviews */
    if (reviews) {
        html_printf(&b, "<section class=\"card\" id=\"reviews\" aria-labelledby=\"cpr-h\"><h2 id=\"cpr-h\">%s</h2>",
                    _("Reviews"));
        if (!json_array_size(reviews))
            html_printf(&b, "<p class=\"muted\" id=\"cp-no-reviews\">%s</p>", _("No review yet."));
        size_t i;
        json_t *r;
        json_array_foreach(reviews, i, r)
        {
            if (i >= CP_REVIEWS_SHOWN) {
                html_printf(&b, "<p class=\"small muted\">%s</p>", _("Earlier reviews are in the versions they made."));
                break;
            }
            html_printf(&b, "<div class=\"cp-review\" data-review=\"%D\"><h3>%s · %s</h3>", page_int(r, "id"),
                        jstr(r, "held_on"), jstr(r, "made_by_name"));
            if (*jstr(r, "what_changed"))
                html_printf(&b, "<p>%s</p>", jstr(r, "what_changed"));
            html_printf(&b, "<p class=\"small muted\">%s %s", _("Next review set to"), jstr(r, "next_review"));
            if (page_int(r, "number"))
                html_printf(&b, " · <a href=\"/care-plans/%D?version=%D\">%s %D</a>", id, page_int(r, "number"),
                            _("made version"), page_int(r, "number"));
            buf_adds(&b, "</p></div>");
        }
        buf_adds(&b, "</section>");
    }
    json_decref(progress);
    json_decref(reviews);
    json_decref(plan);
    json_decref(c);
    page_send(h, status, &b);
}

static void pg_cp(struct hreq *h)
{
    plan_page(h, 200, NULL);
}

/* ---- versions, and two side by side ---- */

static void pg_cp_versions(struct hreq *h)
{
    json_t *plan = NULL, *env = NULL;
    audit_view(&h->ctx);
    int rc = careplan_get(&h->ctx, h->id[0], &plan);
    if (rc == OK)
        rc = careplan_versions(&h->ctx, h->id[0], &(struct page){.limit = 100}, &env);
    if (rc != OK) {
        json_decref(plan);
        page_client_error(h, rc);
        return;
    }
    int64_t id = h->id[0], cur = page_int(plan, "version");
    char here[64];
    snprintf(here, sizeof here, "/care-plans/%lld/versions", (long long)id);
    json_t *c = page_client_sub(h, page_int(plan, "client_id"), here);
    if (!c) {
        json_decref(plan);
        json_decref(env);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Care plan versions"));
    page_client_head(h, &b, c, _("Care plan versions"));
    html_printf(&b, "<section class=\"card\" aria-labelledby=\"cpv-h\"><h2 id=\"cpv-h\">%s</h2>", _("Versions"));
    /* compare: two versions chosen (GET) */
    html_printf(&b, "<form method=\"get\" action=\"/care-plans/%D/compare\" id=\"cp-compare-form\" class=\"inline\">"
                    "<label for=\"cmp-from\">%s</label> <select id=\"cmp-from\" name=\"from\">",
                id, _("Compare version"));
    for (int64_t n = cur; n >= 1; n--)
        html_printf(&b, "<option%r>%D</option>", n == cur - 1 ? " selected" : "", n);
    html_printf(&b, "</select> <label for=\"cmp-to\">%s</label> <select id=\"cmp-to\" name=\"to\">", _("with version"));
    for (int64_t n = cur; n >= 1; n--)
        html_printf(&b, "<option%r>%D</option>", n == cur ? " selected" : "", n);
    html_printf(&b, "</select> <button type=\"submit\">%s</button></form>", _("Compare"));
    html_printf(&b,
                "<table class=\"list\" id=\"cp-version-list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                _("Version"), _("When, by whom"), _("Why"), _("The client's agreement"), _("Compare"));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(env, "items"), i, v)
    {
        int64_t n = page_int(v, "number");
        html_printf(&b, "<tr data-version=\"%D\"><td data-label=\"%s\"><a href=\"/care-plans/%D?version=%D\">%s %D</a>",
                    n, _("Version"), id, n, _("Version"), n);
        if (n == cur)
            html_printf(&b, " <span class=\"tag\">%s</span>", _("current"));
        buf_adds(&b, "</td>");
        html_printf(&b, "<td data-label=\"%s\">", _("When, by whom"));
        page_when(&b, jstr(v, "made_at"));
        html_printf(&b, "<br>%s</td><td data-label=\"%s\">", jstr(v, "made_by_name"), _("Why"));
        why_and_source(&b, v);
        html_printf(&b, "</td><td data-label=\"%s\">", _("The client's agreement"));
        agreement_text(&b, v, 0);
        html_printf(&b, "</td><td data-label=\"%s\">", _("Compare"));
        if (n > 1)
            html_printf(&b, "<a href=\"/care-plans/%D/compare?from=%D&amp;to=%D\" id=\"cp-cmp-%D\">%s</a>", id, n - 1, n, n,
                        _("with the one before"));
        buf_adds(&b, "</td></tr>");
    }
    html_printf(&b, "</tbody></table><p><a href=\"/care-plans/%D\">%s</a></p></section>", id, _("Back to the plan"));
    json_decref(env);
    json_decref(plan);
    json_decref(c);
    page_send(h, 200, &b);
}

static int in_fields(json_t *d, const char *f)
{
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(d, "fields"), i, x) if (str_eq(json_string_value(x), f)) return 1;
    return 0;
}

static json_t *by_key(json_t *list, const char *key)
{
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x) if (str_eq(jstr(x, "key"), key)) return x;
    return NULL;
}

/* One field of a goal in both versions: a row, marked when it changed. */
static void cmp_row(struct buf *b, const char *label, const char *a, const char *z, int changed)
{
    if (!*a && !*z)
        return;
    html_printf(b, "<tr%r><th scope=\"row\">%s</th><td class=\"cmp-a\">%s</td><td class=\"cmp-b\">%r%s%r</td></tr>",
                changed ? " class=\"cp-changed\"" : "", label, a, changed ? "<mark>" : "", z, changed ? "</mark>" : "");
}

static void step_text(struct buf *t, json_t *s)
{
    buf_reset(t);
    buf_adds(t, "");
    if (!s)
        return;
    buf_printf(t, "%s", word_of(careplan_step_who, who_names, jstr(s, "who")));
    if (*jstr(s, "who_name"))
        buf_printf(t, " (%s)", jstr(s, "who_name"));
    buf_printf(t, ": %s", jstr(s, "what"));
    if (*jstr(s, "how_often"))
        buf_printf(t, ", %s", jstr(s, "how_often"));
    if (*jstr(s, "by_when"))
        buf_printf(t, ", %s %s", _("by"), jstr(s, "by_when"));
}

static void pg_cp_compare(struct hreq *h)
{
    int64_t from = 0, to = 0;
    if (!qstr(h, "from") || parse_int64(qstr(h, "from"), &from) != 0 || from < 1 || !qstr(h, "to") ||
        parse_int64(qstr(h, "to"), &to) != 0 || to < 1) {
        reply_problem(h, 400, _("Two versions, please"), _("Choose two versions of the plan to compare."), NULL);
        return;
    }
    json_t *a = NULL, *z = NULL;
    audit_view(&h->ctx);
    int rc = careplan_version(&h->ctx, h->id[0], from, &a);
    if (rc == OK)
        rc = careplan_version(&h->ctx, h->id[0], to, &z);
    if (rc != OK) {
        json_decref(a);
        page_client_error(h, rc);
        return;
    }
    int64_t id = h->id[0];
    char here[80];
    snprintf(here, sizeof here, "/care-plans/%lld/versions", (long long)id);
    json_t *c = page_client_sub(h, page_int(a, "client_id"), here);
    if (!c) {
        json_decref(a);
        json_decref(z);
        return;
    }
    json_t *ga = json_object_get(a, "goals"), *gz = json_object_get(z, "goals");
    json_t *diff = careplan_diff(ga, gz);
    struct buf b, t1, t2;
    buf_init(&b);
    buf_init(&t1);
    buf_init(&t2);
    ui_begin(h, &b, _("Two versions side by side"));
    page_client_head(h, &b, c, _("Two versions side by side"));
    html_printf(&b, "<section class=\"card\" id=\"cp-compare\"><h2>%s %D %s %D</h2>", _("Version"), from, _("and version"), to);
    html_printf(&b, "<table class=\"cp-cmp cp-cmp-head\"><tbody><tr><th scope=\"row\">%s</th><td class=\"cmp-a\">%D: ",
                _("Version"), from);
    page_when(&b, jstr(a, "made_at"));
    html_printf(&b, ", %s — %s</td><td class=\"cmp-b\">%D: ", jstr(a, "made_by_name"), jstr(a, "why"), to);
    page_when(&b, jstr(z, "made_at"));
    html_printf(&b, ", %s — %s</td></tr><tr><th scope=\"row\">%s</th><td class=\"cmp-a\">", jstr(z, "made_by_name"),
                jstr(z, "why"), _("Agreement"));
    agreement_text(&b, a, 0);
    buf_adds(&b, "</td><td class=\"cmp-b\">");
    agreement_text(&b, z, 0);
    buf_adds(&b, "</td></tr></tbody></table>");
    size_t i;
    json_t *d;
    int changes = 0;
    json_array_foreach(diff, i, d)
    {
        const char *st = jstr(d, "state"), *key = jstr(d, "key");
        json_t *x = by_key(ga, key), *y = by_key(gz, key);
        json_t *g = y ? y : x;
        if (!str_eq(st, "same"))
            changes++;
        static const char *const state_names[] = {N_("added"), N_("taken out"), N_("changed"), N_("unchanged")};
        static const char *const states[] = {"added", "removed", "changed", "same", NULL};
        char dl[80];
        html_printf(&b, "<div class=\"cp-cmp-goal cp-%s\" data-goal=\"%s\" data-state=\"%s\"><h3><span class=\"tag\">%s</span> "
                        "<q>%s</q> <span class=\"badge cp-state-%s\">%s</span></h3>",
                    st, key, st, domain_label(jstr(g, "domain"), dl, sizeof dl), jstr(g, "client_words"), st,
                    _(state_names[index_of(states, st) < 0 ? 3 : index_of(states, st)]));
        int same = str_eq(st, "same");
        if (same) /* what did not change stays folded: the changes stand out */
            html_printf(&b, "<details><summary>%s</summary>", _("Show this goal in both versions"));
        html_printf(&b, "<table class=\"cp-cmp\"><thead><tr><td></td><th scope=\"col\">%s %D</th><th scope=\"col\">%s %D</th>"
                        "</tr></thead><tbody>",
                    _("Version"), from, _("Version"), to);
        char l1[80], l2[80];
        static const struct {
            const char *field, *label;
        } rows[] = {{"client_words", N_("In the client's words")}, {"worker_words", N_("In the worker's words")},
                    {"strengths", N_("Strengths")},                {"barriers", N_("What stands in the way")}};
        int added = str_eq(st, "added"), removed = str_eq(st, "removed");
        cmp_row(&b, _("Domain"), x ? domain_label(jstr(x, "domain"), l1, sizeof l1) : "",
                y ? domain_label(jstr(y, "domain"), l2, sizeof l2) : "", added || removed || in_fields(d, "domain"));
        for (size_t r = 0; r < ARRAY_LEN(rows); r++)
            cmp_row(&b, _(rows[r].label), x ? jstr(x, rows[r].field) : "", y ? jstr(y, rows[r].field) : "",
                    added || removed || in_fields(d, rows[r].field));
        cmp_row(&b, _("Status"), x ? word_of(careplan_goal_statuses, status_names, jstr(x, "status")) : "",
                y ? word_of(careplan_goal_statuses, status_names, jstr(y, "status")) : "",
                added || removed || in_fields(d, "status"));
        if (in_fields(d, "share_with_peer"))
            cmp_row(&b, _("Shared with the peer supporter"),
                    x ? (json_is_true(json_object_get(x, "share_with_peer")) ? _("yes") : _("no")) : "",
                    y ? (json_is_true(json_object_get(y, "share_with_peer")) ? _("yes") : _("no")) : "", 1);
        size_t j;
        json_t *sd;
        json_array_foreach(json_object_get(d, "steps"), j, sd)
        {
            json_t *sx = x ? by_key(json_object_get(x, "steps"), jstr(sd, "key")) : NULL;
            json_t *sy = y ? by_key(json_object_get(y, "steps"), jstr(sd, "key")) : NULL;
            step_text(&t1, sx);
            step_text(&t2, sy);
            cmp_row(&b, C_("care plan", "Step"), t1.data, t2.data, !str_eq(jstr(sd, "state"), "same"));
        }
        buf_adds(&b, same ? "</tbody></table></details></div>" : "</tbody></table></div>");
    }
    if (!changes)
        html_printf(&b, "<p class=\"muted\" id=\"cp-no-change\">%s</p>", _("The goals are the same in both versions."));
    html_printf(&b, "<p><a href=\"/care-plans/%D/versions\">%s</a> · <a href=\"/care-plans/%D\">%s</a></p></section>", id,
                _("All versions"), id, _("Back to the plan"));
    buf_free(&t1);
    buf_free(&t2);
    json_decref(diff);
    json_decref(a);
    json_decref(z);
    json_decref(c);
    page_send(h, 200, &b);
}

/* ---- the plan on paper, for the client ---- */

static void pg_cp_print(struct hreq *h)
{
    json_t *plan = NULL;
    audit_view(&h->ctx);
    int rc = careplan_get(&h->ctx, h->id[0], &plan);
    if (rc != OK) {
        page_client_error(h, rc);
        return;
    }
    char here[64];
    snprintf(here, sizeof here, "/care-plans/%lld/print", (long long)h->id[0]);
    json_t *c = page_client_sub(h, page_int(plan, "client_id"), here);
    if (!c) {
        json_decref(plan);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("My care plan"));
    html_printf(&b, "<p class=\"crumbs\"><a href=\"/care-plans/%D\">← %s</a></p>", h->id[0], _("Back to the plan"));
    html_printf(&b, "<article class=\"card paper cp-paper\" id=\"cp-paper\"><h1>%s</h1><p class=\"paper-who\">", _("My care plan"));
    page_name(&b, c);
    char today[16];
    iso_today(today);
    html_printf(&b, " · %s · %s %D · %s ", jstr(plan, "org_name"), _("version"), page_int(plan, "number"),
                _("printed"));
    page_date_long(&b, today);
    buf_adds(&b, "</p>");
    html_printf(&b, "<p>%s</p>",
                _("This is the plan we made together: my goals in my own words, and who does what to reach them. I can "
                  "ask to change it at any time."));
    html_printf(&b, "<h2>%s</h2>", _("My goals"));
    goals_by_domain(&b, json_object_get(plan, "goals"), NULL, 1, NULL);
    char due[64];
    page_date_long_text(jstr(plan, "review_due"), due, sizeof due);
    html_printf(&b, "<h2>%s</h2><p id=\"cp-paper-review\">%s <strong>%s</strong>. %s</p>", _("When we look at it again"),
                _("We will look at this plan together again by"), due,
                _("If something big happens before then, we can look at it sooner."));
    html_printf(&b, "<h2>%s</h2><p id=\"cp-paper-agreement\">", _("Do I agree?"));
    const char *ag = jstr(plan, "agreement");
    if (str_eq(ag, "signed"))
        html_printf(&b, "%s", _("I signed this plan on paper."));
    else if (str_eq(ag, "verbal_witnessed"))
        html_printf(&b, "%s %s.", _("I said I agree with this plan. Witness:"), jstr(plan, "agreement_witness"));
    else if (str_eq(ag, "declined"))
        html_printf(&b, "%s <q>%s</q>", _("I did not agree with this plan. What I said:"), jstr(plan, "agreement_words"));
    else
        html_printf(&b, "%s", _("I agree with this plan (sign below), or I tell my case manager what I would change."));
    buf_adds(&b, "</p>");
    if (!*ag || str_eq(ag, "declined"))
        html_printf(&b, "<dl class=\"paper-sign\"><dt>%s</dt><dd></dd><dt>%s</dt><dd></dd></dl>", _("My signature and the date"),
                    _("My case manager (name, signature)"));
    html_printf(&b, "<p class=\"actions no-print\"><button type=\"button\" data-print hidden>%s</button> <a class=\"button\" "
                    "href=\"/care-plans/%D\">%s</a></p></article>",
                _("Print"), h->id[0], _("Back to the plan"));
    json_decref(plan);
    json_decref(c);
    page_send(h, 200, &b);
}

#define A ROLES_ANY
const struct route ui_careplan_routes[] = {
    {"GET", "/clients/{id}/care-plans/new", pg_cp_new, A, 0},
    {"POST", "/clients/{id}/care-plans", pg_cp_create, A, 0},
    {"GET", "/care-plans/{id}", pg_cp, A, 0},
    {"GET", "/care-plans/{id}/edit", pg_cp_edit, A, 0},
    {"POST", "/care-plans/{id}/edit", pg_cp_save, A, 0},
    {"POST", "/care-plans/{id}/agreement", pg_cp_agree, A, 0},
    {"GET", "/care-plans/{id}/review", pg_cp_review, A, 0},
    {"POST", "/care-plans/{id}/reviews", pg_cp_review_save, A, 0},
    {"GET", "/care-plans/{id}/versions", pg_cp_versions, A, 0},
    {"GET", "/care-plans/{id}/compare", pg_cp_compare, A, 0},
    {"GET", "/care-plans/{id}/print", pg_cp_print, A, 0},
    {0},
};
HTTP_ROUTES(ui_careplan_routes, "ui-9-careplan");
