/* test_instrument: every shipped instrument scored from its published rules (bands at each boundary,
 * minimum and maximum, missing items, reversed items, sex-specific cut-offs, every SWEMWBS table row,
 * every C-SSRS path), each kind of malformed definition and its error, and assessments on a client. */
#include "core/instrument.h"
#include "core/risk.h"
#include "helpers.h"
#include <math.h>
#include <sys/stat.h>

#define DEFS "instruments"

static json_t *J(const char *s)
{
    json_error_t e;
    json_t *j = json_loads(s, 0, &e);
    if (!j)
        fail_msg("bad test JSON: %s: %s", e.text, s);
    return j;
}

static void load_shipped(void)
{
    char err[600];
    if (instruments_load(DEFS, NULL, err, sizeof err) != 0)
        fail_msg("shipped definitions: %s", err);
}

/* Score an answers object (stolen); rc, and *res / *errs as instrument_score leaves them. */
static int score_obj(const char *id, json_t *answers, const char *sex, unsigned opts, json_t **res,
                     json_t **errs, char err[600])
{
    const struct instrument *ins = instrument_find(id);
    if (!ins)
        fail_msg("no instrument %s", id);
    int rc = instrument_score(ins, answers, sex, opts, res, errs, err, 600);
    json_decref(answers);
    return rc;
}

static json_t *ok_obj(const char *id, json_t *answers, const char *sex)
{
    json_t *res, *errs;
    char err[600];
    char *txt = json_dumps(answers, JSON_COMPACT | JSON_SORT_KEYS);
    int rc = score_obj(id, answers, sex, 0, &res, &errs, err);
    if (rc != OK) {
        char *e = errs ? json_dumps(errs, JSON_COMPACT) : NULL;
        fail_msg("%s %s: refused: %s %s", id, txt, err, e ? e : "");
    }
    free(txt);
    return res;
}
static json_t *ok(const char *id, const char *answers, const char *sex)
{
    return ok_obj(id, J(answers), sex);
}

/* Refused with a field error on each of `fields` (NULL-terminated) and `part` in the summary. */
static json_t *refused(const char *id, const char *answers, unsigned opts, const char *const *fields,
                       const char *part)
{
    json_t *res = NULL, *errs = NULL;
    char err[600];
    int rc = score_obj(id, J(answers), NULL, opts, &res, &errs, err);
    if (rc != ERR_INVALID)
        fail_msg("%s %s: expected a refusal, got %d", id, answers, rc);
    for (; fields && *fields; fields++)
        if (!json_object_get(errs, *fields))
            fail_msg("%s %s: no error on %s (%s)", id, answers, *fields, err);
    if (part && !strstr(err, part))
        fail_msg("%s %s: summary lacks \"%s\": %s", id, answers, part, err);
    json_decref(errs);
    return res;
}

static double total(json_t *r)
{
    return json_number_value(json_object_get(r, "total"));
}

static void expect(json_t *r, double t, const char *band)
{
    if (fabs(total(r) - t) > 1e-9 || !json_is_number(json_object_get(r, "total")))
        fail_msg("total %g expected, got %s", t, json_dumps(json_object_get(r, "total"), JSON_ENCODE_ANY));
    if (!str_eq(js(r, "band"), band))
        fail_msg("total %g: band %s expected, got %s", t, band, js(r, "band"));
}

/* The flags the result's triggers raise, as "kind/level kind/level". */
static const char *fired(json_t *r, char *out, size_t n)
{
    size_t i, o = 0;
    json_t *t;
    out[0] = 0;
    json_array_foreach(json_object_get(r, "triggers"), i, t) o +=
        (size_t)snprintf(out + o, n - o, "%s%s/%s", i ? " " : "", js(t, "flag"), js(t, "level"));
    return out;
}

static int has_remark(json_t *r, const char *id)
{
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(r, "remarks"), i, x) if (str_eq(js(x, "id"), id)) return 1;
    return 0;
}

/* Items q1..qn with values in [lo, hi] summing to `sum`, filled from q1 on. */
static json_t *spread(int n, int sum, int lo, int hi)
{
    json_t *a = json_object();
    int rest = sum - n * lo;
    assert_true(rest >= 0 && rest <= n * (hi - lo));
    for (int i = 1; i <= n; i++) {
        int add = rest > hi - lo ? hi - lo : rest;
        rest -= add;
        char k[16];
        snprintf(k, sizeof k, "q%d", i);
        json_object_set_new(a, k, json_integer(lo + add));
    }
    return a;
}

/* ---------- the shipped set ---------- */

static void shipped_definitions_load(void **state)
{
    (void)state;
    static const char *const ids[] = {"phq9",  "phq2",   "gad7",   "cssrs_screener", "k10",
                                      "audit", "auditc", "dast10", "swemwbs"};
    for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
        const struct instrument *ins = instrument_find(ids[i]);
        if (!ins)
            fail_msg("%s not loaded", ids[i]);
        const json_t *d = instrument_def(ins);
        /* issue 9 changed what the PHQ-2, PHQ-9, C-SSRS and AUDIT definitions do: new versions */
        int changed = str_eq(ids[i], "phq9") || str_eq(ids[i], "phq2") || str_eq(ids[i], "cssrs_screener") ||
                      str_eq(ids[i], "audit");
        assert_string_equal(instrument_version(ins), changed ? "2" : "1");
        assert_non_null(json_object_get(json_object_get(d, "licence"), "terms"));
        size_t j;
        json_t *it;
        json_array_foreach(json_object_get(d, "items"), j, it)
        {
            assert_null(json_object_get(it, "text")); /* no official wording is shipped */
            assert_true(json_is_array(json_object_get(it, "options")));
        }
    }
    assert_null(instrument_find("whodas12"));
    json_t *all = instruments_list();
    assert_int_equal(json_array_size(all), ARRAY_LEN(ids));
    json_decref(all);
    /* copyright lines where the licence requires them */
    static const char *const copy[][2] = {{"phq9", "Pfizer"},
                                          {"gad7", "Pfizer"},
                                          {"cssrs_screener", "Kelly Posner"},
                                          {"dast10", "Skinner"},
                                          {"swemwbs", "NHS Health Scotland"}};
    for (size_t i = 0; i < ARRAY_LEN(copy); i++) {
        const json_t *lic = json_object_get(instrument_def(instrument_find(copy[i][0])), "licence");
        assert_non_null(strstr(js((json_t *)lic, "copyright"), copy[i][1]));
    }
    assert_true(json_is_true(json_object_get(
        json_object_get(instrument_def(instrument_find("swemwbs")), "licence"), "registration_required")));
    assert_string_equal(js(json_object_get(instrument_def(instrument_find("phq9")), "codes"), "total"),
                        "44261-6");
    /* who may administer each (issue 11 §4): SWEMWBS clinical staff and peer supporters, the clinical
     * screeners clinical staff only; every shipped file says so itself */
    for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
        const struct instrument *ins = instrument_find(ids[i]);
        int open = str_eq(ids[i], "swemwbs");
        assert_int_equal(json_array_size(json_object_get(instrument_def(ins), "administered_by")), open ? 2 : 1);
        assert_int_equal(instrument_may_administer(ins, ROLE_PEER), open);
        assert_true(instrument_may_administer(ins, ROLE_CASE_MANAGER));
        assert_true(instrument_may_administer(ins, ROLE_CLINICIAN));
    }
}

/* ---------- PHQ-9 ---------- */

static json_t *phq9(int sum, int with_q10)
{
    json_t *a = spread(9, sum, 0, 3);
    if (with_q10)
        json_object_set_new(a, "q10", json_integer(1));
    return a;
}

static void phq9_bands_at_every_boundary(void **state)
{
    (void)state;
    static const struct {
        int total;
        const char *band;
    } b[] = {{0, "minimal"},
             {4, "minimal"},
             {5, "mild"},
             {9, "mild"},
             {10, "moderate"},
             {14, "moderate"},
             {15, "moderately_severe"},
             {19, "moderately_severe"},
             {20, "severe"},
             {27, "severe"}};
    for (size_t i = 0; i < ARRAY_LEN(b); i++) {
        json_t *r = ok_obj("phq9", phq9(b[i].total, b[i].total > 0), NULL);
        expect(r, b[i].total, b[i].band);
        assert_string_equal(js(r, "coding"), js((json_t *)instrument_def(instrument_find("phq9")), "coding"));
        json_decref(r);
    }
    /* trap 3: 0 is in the minimal band; trap 1: the total is always the sum, never copied */
    json_t *r = ok(
        "phq9", "{\"q1\":0,\"q2\":0,\"q3\":0,\"q4\":0,\"q5\":0,\"q6\":0,\"q7\":0,\"q8\":0,\"q9\":0}", NULL);
    expect(r, 0, "minimal");
    assert_string_equal(js(r, "band_label"), "Minimal or none");
    assert_int_equal(json_array_size(json_object_get(r, "skipped")), 1); /* item 10 not asked */
    json_decref(r);
    json_decref(refused("phq9",
                        "{\"q1\":3,\"q2\":3,\"q3\":3,\"q4\":3,\"q5\":3,\"q6\":3,\"q7\":3,\"q8\":3,\"q9\":3,"
                        "\"q10\":1,\"total\":23}",
                        0, (const char *const[]){"total", NULL}, "not valid"));
}

static void phq9_item10_is_recorded_never_scored(void **state)
{
    (void)state;
    json_t *r = ok(
        "phq9",
        "{\"q1\":1,\"q2\":0,\"q3\":0,\"q4\":0,\"q5\":0,\"q6\":0,\"q7\":0,\"q8\":0,\"q9\":0,\"q10\":3}", NULL);
    expect(r, 1, "minimal");
    assert_null(json_object_get(json_object_get(r, "item_scores"), "q10"));
    json_decref(r);
    /* asked (and so required) once a problem is reported; refused when nothing was reported */
    json_decref(refused("phq9",
                        "{\"q1\":1,\"q2\":0,\"q3\":0,\"q4\":0,\"q5\":0,\"q6\":0,\"q7\":0,\"q8\":0,\"q9\":0}",
                        0, (const char *const[]){"q10", NULL}, "q10"));
    json_decref(refused(
        "phq9",
        "{\"q1\":0,\"q2\":0,\"q3\":0,\"q4\":0,\"q5\":0,\"q6\":0,\"q7\":0,\"q8\":0,\"q9\":0,\"q10\":0}", 0,
        (const char *const[]){"q10", NULL}, NULL));
}

static void phq9_item9_raises_suicide_risk_whatever_the_total(void **state)
{
    (void)state;
    char f[200];
    json_t *r = ok(
        "phq9",
        "{\"q1\":0,\"q2\":0,\"q3\":0,\"q4\":0,\"q5\":0,\"q6\":0,\"q7\":0,\"q8\":0,\"q9\":1,\"q10\":0}", NULL);
    expect(r, 1, "minimal");
    /* issue 9: "suicide risk: assessment needed", not a high suicide-risk level; a screen sets that */
    assert_string_equal(fired(r, f, sizeof f), "suicide_screen_needed/moderate");
    assert_false(has_remark(r, "item9_negative"));
    json_decref(r);
    r = ok_obj("phq9", phq9(24, 1), NULL); /* severe, item 9 = 0 */
    assert_int_equal(json_integer_value(json_object_get(json_object_get(r, "item_scores"), "q9")), 0);
    assert_string_equal(fired(r, f, sizeof f), "");
    assert_true(has_remark(r, "item9_negative")); /* a negative item 9 never clears risk */
    json_decref(r);
    r = ok_obj("phq9", phq9(27, 1), NULL);
    assert_string_equal(fired(r, f, sizeof f), "suicide_screen_needed/moderate");
    json_decref(r);
}

static void phq9_missing_items_refused_or_saved_without_total(void **state)
{
    (void)state;
    const char *a = "{\"q1\":2,\"q2\":2,\"q4\":1,\"q5\":1,\"q6\":1,\"q7\":1,\"q8\":1,\"q9\":2,\"q10\":1}";
    json_t *res = refused("phq9", a, 0, (const char *const[]){"q3", NULL}, "q3");
    assert_int_equal(json_array_size(json_object_get(res, "missing")), 1);
    assert_string_equal(json_string_value(json_array_get(json_object_get(res, "missing"), 0)), "q3");
    char f[200];
    assert_string_equal(fired(res, f, sizeof f), "suicide_screen_needed/moderate"); /* named in the refusal */
    json_decref(res);
    json_t *errs;
    char err[600];
    assert_int_equal(score_obj("phq9", J(a), NULL, 0, &res, &errs, err), ERR_INVALID);
    assert_non_null(strstr(err, "suicide_screen_needed"));
    assert_string_equal(js(errs, "q3"), "is required");
    json_decref(errs);
    json_decref(res);
    /* confirmed incomplete: no total, no band, but item 9 still raises the flag */
    assert_int_equal(score_obj("phq9", J(a), NULL, SCORE_INCOMPLETE, &res, &errs, err), OK);
    assert_true(json_is_null(json_object_get(res, "total")));
    assert_true(json_is_null(json_object_get(res, "band")));
    assert_true(json_is_true(json_object_get(res, "incomplete")));
    assert_string_equal(fired(res, f, sizeof f), "suicide_screen_needed/moderate");
    json_decref(res);
    /* an incomplete form needs at least one answer */
    assert_int_equal(score_obj("phq9", J("{}"), NULL, SCORE_INCOMPLETE, &res, &errs, err), ERR_INVALID);
    assert_string_equal(js(errs, "answers"), "an incomplete form needs at least one answer");
    json_decref(errs);
    assert_int_equal(score_obj("phq9", J("{\"q1\":null,\"q2\":\"\"}"), NULL, SCORE_INCOMPLETE, &res, &errs, err),
                     ERR_INVALID);
    assert_non_null(json_object_get(errs, "answers"));
    json_decref(errs);
    /* several missing: one error each; "" and null are unanswered */
    json_decref(refused("phq9", "{\"q1\":\"\",\"q2\":null,\"q3\":0}", 0,
                        (const char *const[]){"q1", "q2", "q4", "q5", "q6", "q7", "q8", "q9", NULL},
                        "q1, q2, q4"));
}

static void phq9_answer_values_are_checked(void **state)
{
    (void)state;
    /* trap 2: "nearly every day" is 3, never 4 */
    const json_t *q1 = json_array_get(json_object_get(instrument_def(instrument_find("phq9")), "items"), 0);
    json_t *last = json_array_get(json_object_get(q1, "options"), 3);
    assert_int_equal(ji(last, "value"), 3);
    assert_string_equal(js(last, "label"), "Nearly every day");
    json_t *a = phq9(0, 0);
    json_object_set_new(a, "q1", json_integer(4));
    json_t *res, *errs;
    char err[600];
    assert_int_equal(score_obj("phq9", a, NULL, 0, &res, &errs, err), ERR_INVALID);
    assert_string_equal(js(errs, "q1"), "must be one of 0, 1, 2, 3");
    json_decref(errs);
    json_decref(refused("phq9", "{\"q1\":\"two\"}", 0, (const char *const[]){"q1", NULL}, NULL));
    json_decref(refused("phq9", "{\"q1\":1.5}", 0, (const char *const[]){"q1", NULL}, NULL));
    json_decref(refused("phq9", "[1,2]", 0, (const char *const[]){"answers", NULL}, NULL));
    /* issue 9: only the instrument's own values; nothing is coerced (true became 1, "2" became 2) */
    static const char *const bad[] = {"true", "false", "\"2\"", "\" 2\"", "\"2 \"", "2.0", "0.0", "\"0x2\"", "[2]",
                                      "{\"v\":2}"};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        json_t *x = phq9(0, 0);
        json_object_set_new(x, "q1", json_loads(bad[i], JSON_DECODE_ANY, NULL));
        assert_int_equal(score_obj("phq9", x, NULL, 0, &res, &errs, err), ERR_INVALID);
        if (!str_eq(js(errs, "q1"), "must be one of 0, 1, 2, 3"))
            fail_msg("q1 = %s: not refused as a value (%s)", bad[i], js(errs, "q1"));
        json_decref(errs);
    }
    json_t *r = ok("phq9", "{\"q1\":2,\"q2\":0,\"q3\":0,\"q4\":0,\"q5\":0,\"q6\":0,\"q7\":0,\"q8\":0,\"q9\":0,"
                           "\"q10\":1}",
                   NULL);
    expect(r, 2, "minimal");
    json_decref(r);
}

/* ---------- PHQ-2, GAD-7 ---------- */

static void phq2_threshold_and_no_suicide_item(void **state)
{
    (void)state;
    static const struct {
        int total;
        const char *band;
    } b[] = {{0, "negative"}, {2, "negative"}, {3, "positive"}, {6, "positive"}};
    for (size_t i = 0; i < ARRAY_LEN(b); i++) {
        json_t *r = ok_obj("phq2", spread(2, b[i].total, 0, 3), NULL);
        char f[100];
        expect(r, b[i].total, b[i].band);
        assert_true(has_remark(r, "no_suicide_item"));
        assert_string_equal(fired(r, f, sizeof f), "");
        json_decref(r);
    }
    json_decref(refused("phq2", "{\"q1\":1}", 0, (const char *const[]){"q2", NULL}, NULL));
}

/* Issue 9: the PHQ-2 cut-off is the organisation's setting (3 by default, 2 for higher sensitivity),
 * declared in the definition; the result says which one was used. */
static void phq2_threshold_is_the_organisations_setting(void **state)
{
    (void)state;
    static const struct {
        const char *settings;
        int total, used;
        const char *band;
    } c[] = {{NULL, 2, 3, "negative"},
             {"{\"phq2_threshold\":3}", 2, 3, "negative"},
             {"{\"phq2_threshold\":2}", 2, 2, "positive"},
             {"{\"phq2_threshold\":2}", 1, 2, "negative"},
             {"{\"phq2_threshold\":2}", 6, 2, "positive"},
             {"{\"phq2_threshold\":4}", 2, 3, "negative"}, /* not a value the definition allows */
             {"{\"phq2_threshold\":\"2\"}", 2, 3, "negative"},
             {"{\"other\":2}", 3, 3, "positive"}};
    for (size_t i = 0; i < ARRAY_LEN(c); i++) {
        json_t *set = c[i].settings ? J(c[i].settings) : NULL, *res, *errs;
        char err[600];
        json_t *a = spread(2, c[i].total, 0, 3);
        int rc = instrument_score_with(instrument_find("phq2"), a, NULL, set, 0, &res, &errs, err, sizeof err);
        json_decref(a);
        json_decref(set);
        assert_int_equal(rc, OK);
        expect(res, c[i].total, c[i].band);
        assert_int_equal(ji(json_object_get(res, "settings"), "phq2_threshold"), c[i].used);
        json_decref(res);
    }
    assert_true(instrument_setting_allows("phq2_threshold", 2));
    assert_true(instrument_setting_allows("phq2_threshold", 3));
    assert_false(instrument_setting_allows("phq2_threshold", 1));
    assert_false(instrument_setting_allows("phq2_threshold", 4));
    assert_false(instrument_setting_allows("gad7_threshold", 3));
    /* an instrument without a setting has none in its result */
    json_t *r = ok_obj("phq9", phq9(3, 1), NULL);
    assert_null(json_object_get(r, "settings"));
    json_decref(r);
}

static void gad7_bands_maximum_and_labels(void **state)
{
    (void)state;
    static const struct {
        int total;
        const char *band;
    } b[] = {{0, "minimal"},   {4, "minimal"},   {5, "mild"},    {9, "mild"},
             {10, "moderate"}, {14, "moderate"}, {15, "severe"}, {21, "severe"}};
    for (size_t i = 0; i < ARRAY_LEN(b); i++) {
        json_t *r = ok_obj("gad7", spread(7, b[i].total, 0, 3), NULL);
        expect(r, b[i].total, b[i].band);
        assert_int_equal(has_remark(r, "positive_screen"), b[i].total >= 10);
        json_decref(r);
    }
    /* trap 5: the maximum is 21 and the lowest answer is "Not at all" */
    const json_t *d = instrument_def(instrument_find("gad7"));
    assert_true(json_number_value(json_array_get(json_object_get(d, "range"), 1)) == 21);
    const json_t *q1 = json_array_get(json_object_get(d, "items"), 0);
    assert_string_equal(js(json_array_get(json_object_get(q1, "options"), 0), "label"), "Not at all");
    json_decref(refused("gad7", "{\"q1\":1,\"q2\":1,\"q3\":1,\"q4\":1,\"q5\":1,\"q6\":1}", 0,
                        (const char *const[]){"q7", NULL}, NULL));
    json_decref(refused("gad7", "{\"q1\":4,\"q2\":1,\"q3\":1,\"q4\":1,\"q5\":1,\"q6\":1,\"q7\":1}", 0,
                        (const char *const[]){"q1", NULL}, NULL));
}

/* ---------- C-SSRS screener: every path of the question flow ---------- */

static const char *cssrs_oracle(int q1, int q2, int q3, int q4, int q5, int q6, int q6b /* -1: unanswered */)
{
    if (q4 == 1 || q5 == 1 || (q6 == 1 && q6b != 0))
        return "high"; /* q6b unanswered: high (project fail-safe rule) */
    if (q3 == 1 || (q6 == 1 && q6b == 0))
        return "moderate";
    if (q1 == 1 || q2 == 1)
        return "low";
    return "none";
}

static void cssrs_every_path(void **state)
{
    (void)state;
    int paths = 0;
    for (int q1 = 0; q1 <= 1; q1++)
        for (int q2 = 0; q2 <= 1; q2++)
            for (int m = 0; m < (q2 ? 8 : 1); m++)
                for (int q6 = 0; q6 <= 1; q6++)
                    for (int q6b = -1; q6b <= (q6 ? 1 : -1); q6b++) {
                        int q3 = q2 ? (m & 1) : -1, q4 = q2 ? (m >> 1 & 1) : -1, q5 = q2 ? (m >> 2 & 1) : -1;
                        json_t *a = json_pack("{s:i,s:i,s:i}", "q1", q1, "q2", q2, "q6", q6);
                        if (q2)
                            json_object_update_new(a,
                                                   json_pack("{s:i,s:i,s:i}", "q3", q3, "q4", q4, "q5", q5));
                        if (q6b >= 0)
                            json_object_set_new(a, "q6b", json_integer(q6b));
                        json_t *r = ok_obj("cssrs_screener", a, NULL);
                        const char *want = cssrs_oracle(q1, q2, q3, q4, q5, q6, q6b);
                        if (!str_eq(js(r, "band"), want))
                            fail_msg("q1=%d q2=%d q3=%d q4=%d q5=%d q6=%d q6b=%d: %s expected, got %s", q1,
                                     q2, q3, q4, q5, q6, q6b, want, js(r, "band"));
                        assert_true(json_is_null(json_object_get(r, "total")));
                        char f[100], w[100];
                        snprintf(w, sizeof w, "suicide_risk/%s", want);
                        assert_string_equal(fired(r, f, sizeof f), str_eq(want, "none") ? "" : w);
                        assert_int_equal(has_remark(r, "q6b_unanswered"), q6 == 1 && q6b < 0);
                        assert_int_equal(json_array_size(json_object_get(r, "skipped")),
                                         (q2 ? 0 : 3) + (q6 ? 0 : 1));
                        json_decref(r);
                        paths++;
                    }
    assert_int_equal(paths, 2 * (1 + 8) * (1 + 3));
}

static void cssrs_flow_refuses_skipped_and_missing_answers(void **state)
{
    (void)state;
    /* answers to questions the flow skipped are refused, not ignored */
    json_decref(refused("cssrs_screener", "{\"q1\":1,\"q2\":0,\"q3\":1,\"q6\":0}", 0,
                        (const char *const[]){"q3", NULL}, "not valid"));
    json_decref(refused("cssrs_screener", "{\"q1\":0,\"q2\":0,\"q4\":0,\"q5\":0,\"q6\":0}", 0,
                        (const char *const[]){"q4", NULL}, NULL));
    json_decref(refused("cssrs_screener", "{\"q1\":0,\"q2\":0,\"q6\":0,\"q6b\":1}", 0,
                        (const char *const[]){"q6b", NULL}, NULL));
    /* questions the flow asks are required unless the form is saved as incomplete */
    json_decref(refused("cssrs_screener", "{\"q1\":1,\"q2\":1,\"q3\":0,\"q5\":0,\"q6\":0}", 0,
                        (const char *const[]){"q4", NULL}, "q4"));
    json_decref(refused("cssrs_screener", "{\"q1\":\"maybe\",\"q2\":0,\"q6\":0}", 0,
                        (const char *const[]){"q1", NULL}, NULL));
    /* yes and no are 1 and 0, the instrument's values; booleans are refused (issue 9) */
    json_decref(refused("cssrs_screener", "{\"q1\":true,\"q2\":false,\"q6\":false}", 0,
                        (const char *const[]){"q1", "q2", "q6", NULL}, "not valid"));
    json_t *r = ok("cssrs_screener", "{\"q1\":1,\"q2\":0,\"q6\":0}", NULL);
    assert_string_equal(js(r, "band"), "low");
    assert_string_equal(js(r, "band_label"), "Low risk");
    json_decref(r);
}

/* Issue 9: a partly answered screen with a high-risk answer (Q2 and Q4 yes, Q3 and Q5 empty) was refused
 * with no warning and no flag. The refusal now names the risk, and saved as incomplete it raises it. */
static void cssrs_partial_screen_raises_the_risk_its_answers_imply(void **state)
{
    (void)state;
    const char *a = "{\"q1\":1,\"q2\":1,\"q4\":1}";
    json_t *res = refused("cssrs_screener", a, 0, (const char *const[]){"q3", "q5", "q6", NULL},
                          "raise a suicide_risk flag (high)");
    char f[200];
    assert_string_equal(fired(res, f, sizeof f), "suicide_risk/high");
    json_decref(res);
    json_t *errs;
    char err[600];
    assert_int_equal(score_obj("cssrs_screener", J(a), NULL, SCORE_INCOMPLETE, &res, &errs, err), OK);
    assert_string_equal(js(res, "band"), "high");
    assert_true(json_is_true(json_object_get(res, "incomplete")));
    assert_int_equal(json_array_size(json_object_get(res, "missing")), 3);
    assert_string_equal(fired(res, f, sizeof f), "suicide_risk/high");
    json_decref(res);
    /* each level from the answers given alone */
    static const struct {
        const char *answers, *band, *flags;
    } c[] = {{"{\"q2\":1,\"q5\":1}", "high", "suicide_risk/high"},
             {"{\"q6\":1,\"q6b\":1}", "high", "suicide_risk/high"},
             {"{\"q2\":1,\"q3\":1}", "moderate", "suicide_risk/moderate"},
             {"{\"q6\":1,\"q6b\":0}", "moderate", "suicide_risk/moderate"},
             {"{\"q1\":1}", "low", "suicide_risk/low"},
             {"{\"q1\":0,\"q2\":0}", NULL, ""}, /* never "negative" from a partial screen */
             {"{\"q2\":1,\"q3\":0,\"q4\":0}", "low", "suicide_risk/low"}};
    for (size_t i = 0; i < ARRAY_LEN(c); i++) {
        assert_int_equal(score_obj("cssrs_screener", J(c[i].answers), NULL, SCORE_INCOMPLETE, &res, &errs, err),
                         OK);
        if (c[i].band)
            assert_string_equal(js(res, "band"), c[i].band);
        else
            assert_true(json_is_null(json_object_get(res, "band")));
        assert_string_equal(fired(res, f, sizeof f), c[i].flags);
        json_decref(res);
    }
    /* a partial screen without risk is refused without a warning, and answers to skipped questions still are */
    res = refused("cssrs_screener", "{\"q1\":0,\"q2\":0}", 0, (const char *const[]){"q6", NULL}, "q6");
    assert_int_equal(json_array_size(json_object_get(res, "triggers")), 0);
    json_decref(res);
    json_decref(refused("cssrs_screener", "{\"q2\":0,\"q4\":1}", SCORE_INCOMPLETE,
                        (const char *const[]){"q4", NULL}, NULL));
}

/* ---------- K10 and K6 ---------- */

static void k10_codings_bands_and_k6(void **state)
{
    (void)state;
    static const struct {
        int total;
        const char *band, *crufad;
    } b[] = {{10, "low", "likely_well"},
             {15, "low", "likely_well"},
             {16, "moderate", "likely_well"},
             {19, "moderate", "likely_well"},
             {20, "moderate", "mild"},
             {21, "moderate", "mild"},
             {22, "high", "mild"},
             {24, "high", "mild"},
             {25, "high", "moderate"},
             {29, "high", "moderate"},
             {30, "very_high", "severe"},
             {50, "very_high", "severe"}};
    for (size_t i = 0; i < ARRAY_LEN(b); i++) {
        json_t *r = ok_obj("k10", spread(10, b[i].total, 1, 5), NULL);
        expect(r, b[i].total, b[i].band);
        json_t *d = json_object_get(r, "derived");
        assert_int_equal(ji(json_object_get(d, "k10_us"), "score"), b[i].total - 10);
        assert_string_equal(js(json_object_get(d, "k10_crufad"), "band"), b[i].crufad); /* trap 6 */
        assert_non_null(strstr(js(r, "coding"), "1-5"));
        assert_non_null(strstr(js(r, "banding"), "ABS"));
        json_decref(r);
    }
    /* K6 = items 2, 4, 5, 8, 9, 10 in 0-4 coding: 0, 4|5, 12|13, 24 */
    static const struct {
        int k6;
        const char *band;
    } k[] = {{0, "below_moderate"}, {4, "below_moderate"}, {5, "moderate"},
             {12, "moderate"},      {13, "serious"},       {24, "serious"}};
    static const char *const k6_items[] = {"q2", "q4", "q5", "q8", "q9", "q10"};
    for (size_t i = 0; i < ARRAY_LEN(k); i++) {
        json_t *a = spread(10, 10, 1, 5), *s6 = spread(6, k[i].k6, 0, 4);
        for (int j = 0; j < 6; j++) {
            char q[16];
            snprintf(q, sizeof q, "q%d", j + 1);
            json_object_set_new(a, k6_items[j], json_integer(ji(s6, q) + 1));
        }
        json_decref(s6);
        json_t *r = ok_obj("k10", a, NULL);
        json_t *k6 = json_object_get(json_object_get(r, "derived"), "k6");
        assert_int_equal(ji(k6, "score"), k[i].k6);
        assert_string_equal(js(k6, "band"), k[i].band);
        assert_string_equal(js(k6, "coding"), "0-4 per item, total 0-24");
        assert_int_equal(total(r), 10 + k[i].k6);
        json_decref(r);
    }
    /* the 0-4 coding is not accepted as answers; a missing K10 item leaves the K6 when its items are there */
    json_t *a = spread(10, 10, 1, 5);
    json_object_set_new(a, "q3", json_integer(0));
    json_t *res, *errs;
    char err[600];
    assert_int_equal(score_obj("k10", a, NULL, 0, &res, &errs, err), ERR_INVALID);
    assert_string_equal(js(errs, "q3"), "must be one of 1, 2, 3, 4, 5");
    json_decref(errs);
    a = spread(10, 30, 1, 5);
    json_object_del(a, "q1");
    assert_int_equal(score_obj("k10", a, NULL, SCORE_INCOMPLETE, &res, &errs, err), OK);
    assert_true(json_is_null(json_object_get(res, "total")));
    assert_non_null(json_object_get(json_object_get(res, "derived"), "k6"));
    assert_null(json_object_get(json_object_get(res, "derived"), "k10_us"));
    json_decref(res);
}

/* ---------- AUDIT ---------- */

static json_t *audit_answers(int q1, int q2, int q3, int q4, int q5, int q6, int q7, int q8, int q9, int q10)
{
    json_t *a = json_pack("{s:i,s:i,s:i}", "q1", q1, "q9", q9, "q10", q10);
    if (q1 > 0)
        json_object_update_new(a, json_pack("{s:i,s:i}", "q2", q2, "q3", q3));
    if (q1 > 0 && q2 + q3 > 0)
        json_object_update_new(
            a, json_pack("{s:i,s:i,s:i,s:i,s:i}", "q4", q4, "q5", q5, "q6", q6, "q7", q7, "q8", q8));
    return a;
}

static void audit_zones_at_every_boundary(void **state)
{
    (void)state;
    /* totals built without the escalation items (4-6 below 2, 9-10 below 4) */
    static const struct {
        int v[10], total;
        const char *zone;
    } z[] = {
        {{1, 0, 1, 0, 0, 0, 0, 0, 0, 0}, 2, "zone_i"},    {{3, 1, 1, 0, 0, 0, 0, 0, 2, 0}, 7, "zone_i"},
        {{3, 1, 2, 0, 0, 0, 0, 0, 2, 0}, 8, "zone_ii"},   {{4, 2, 3, 1, 1, 1, 1, 0, 2, 0}, 15, "zone_ii"},
        {{4, 2, 3, 1, 1, 1, 2, 0, 2, 0}, 16, "zone_iii"}, {{4, 3, 4, 1, 1, 1, 2, 1, 2, 0}, 19, "zone_iii"},
        {{4, 3, 4, 1, 1, 1, 2, 2, 2, 0}, 20, "zone_iv"},  {{4, 4, 4, 1, 1, 1, 4, 4, 2, 2}, 27, "zone_iv"}};
    for (size_t i = 0; i < ARRAY_LEN(z); i++) {
        const int *v = z[i].v;
        json_t *r =
            ok_obj("audit", audit_answers(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]), NULL);
        expect(r, z[i].total, z[i].zone);
        assert_false(json_is_true(json_object_get(json_object_get(r, "intervention"), "raised")));
        char f[100];
        assert_string_equal(fired(r, f, sizeof f),
                            str_eq(z[i].zone, "zone_iv") ? "substance_use/moderate" : "");
        json_decref(r);
    }
    json_t *r =
        ok_obj("audit", audit_answers(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), NULL); /* minimum: never drinks */
    expect(r, 0, "zone_i");
    assert_int_equal(json_array_size(json_object_get(r, "skipped")), 7);
    json_decref(r);
    r = ok_obj("audit", audit_answers(4, 4, 4, 4, 4, 4, 4, 4, 4, 4), NULL); /* maximum */
    expect(r, 40, "zone_iv");
    json_decref(r);
}

static void audit_items_9_10_skip_logic_and_escalation(void **state)
{
    (void)state;
    /* items 9 and 10 accept only 0, 2 or 4 */
    for (int v = 1; v <= 3; v += 2) {
        json_t *res, *errs;
        char err[600];
        assert_int_equal(
            score_obj("audit", audit_answers(0, 0, 0, 0, 0, 0, 0, 0, v, 0), NULL, 0, &res, &errs, err),
            ERR_INVALID);
        assert_string_equal(js(errs, "q9"), "must be one of 0, 2, 4");
        json_decref(errs);
        assert_int_equal(
            score_obj("audit", audit_answers(0, 0, 0, 0, 0, 0, 0, 0, 0, v), NULL, 0, &res, &errs, err),
            ERR_INVALID);
        assert_string_equal(js(errs, "q10"), "must be one of 0, 2, 4");
        json_decref(errs);
    }
    /* skip logic: never -> 9; 2 + 3 = 0 -> 9; skipped items score 0; 9 and 10 always required */
    json_decref(refused("audit", "{\"q1\":0,\"q2\":1,\"q9\":0,\"q10\":0}", 0,
                        (const char *const[]){"q2", NULL}, NULL));
    json_decref(refused("audit", "{\"q1\":2,\"q2\":0,\"q3\":0,\"q4\":1,\"q9\":0,\"q10\":0}", 0,
                        (const char *const[]){"q4", NULL}, NULL));
    json_t *r = ok("audit", "{\"q1\":2,\"q2\":0,\"q3\":0,\"q9\":2,\"q10\":0}", NULL);
    expect(r, 4, "zone_i");
    assert_int_equal(json_array_size(json_object_get(r, "skipped")), 5);
    assert_int_equal(ji(json_object_get(r, "item_scores"), "q4"), 0);
    json_decref(r);
    json_decref(refused("audit", "{\"q1\":0}", 0, (const char *const[]){"q9", "q10", NULL}, NULL));
    json_decref(
        refused("audit", "{\"q1\":2,\"q9\":0,\"q10\":0}", 0, (const char *const[]){"q2", "q3", NULL}, NULL));
    /* escalation: 2+ on item 4, 5 or 6, or 4 on item 9 or 10: one zone higher */
    static const struct {
        int v[10];
        const char *from, *to;
    } e[] = {{{2, 1, 1, 2, 0, 0, 0, 0, 0, 0}, "zone_i", "zone_ii"},
             {{2, 1, 1, 0, 2, 0, 0, 0, 0, 0}, "zone_i", "zone_ii"},
             {{2, 1, 1, 0, 0, 2, 0, 0, 0, 0}, "zone_i", "zone_ii"},
             {{1, 0, 0, 0, 0, 0, 0, 0, 4, 0}, "zone_i", "zone_ii"},
             {{0, 0, 0, 0, 0, 0, 0, 0, 0, 4}, "zone_i", "zone_ii"},
             {{4, 2, 2, 2, 0, 0, 0, 0, 0, 0}, "zone_ii", "zone_iii"},
             {{4, 3, 3, 2, 1, 1, 0, 0, 2, 0}, "zone_iii", "zone_iv"}};
    /* issue 9: the rule raises the level of intervention, never the zone (the total's) */
    for (size_t i = 0; i < ARRAY_LEN(e); i++) {
        const int *v = e[i].v;
        r = ok_obj("audit", audit_answers(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]), NULL);
        assert_string_equal(js(r, "band"), e[i].from);
        json_t *iv = json_object_get(r, "intervention");
        assert_true(json_is_true(json_object_get(iv, "raised")));
        assert_string_equal(js(iv, "level"), e[i].to);
        assert_string_equal(js(iv, "from"), e[i].from);
        assert_non_null(strstr(js(iv, "reason"), "WHO rule"));
        char f[100];
        assert_string_equal(fired(r, f, sizeof f), ""); /* zone IV's flag follows the zone */
        json_decref(r);
    }
    r = ok_obj("audit", audit_answers(4, 4, 4, 4, 4, 4, 4, 4, 4, 4), NULL); /* zone IV: nothing higher */
    assert_string_equal(js(r, "band"), "zone_iv");
    assert_false(json_is_true(json_object_get(json_object_get(r, "intervention"), "raised")));
    assert_string_equal(js(json_object_get(r, "intervention"), "level"), "zone_iv");
    json_decref(r);
    r = ok_obj("audit", audit_answers(2, 1, 1, 1, 1, 1, 0, 0, 2, 2),
               NULL); /* 1 on 4-6 and 2 on 9-10: no bump */
    assert_false(json_is_true(json_object_get(json_object_get(r, "intervention"), "raised")));
    assert_string_equal(js(json_object_get(r, "intervention"), "level"), js(r, "band"));
    assert_non_null(strstr(js(json_object_get(r, "intervention"), "advice"), "Simple advice"));
    json_decref(r);
}

/* ---------- AUDIT-C: sex-specific cut-offs ---------- */

static void auditc_sex_specific_cutoffs(void **state)
{
    (void)state;
    static const struct {
        const char *sex, *answers, *band, *scheme;
        int total;
    } c[] = {
        {"male", "{\"q1\":1,\"q2\":1,\"q3\":1}", "negative", "male", 3},
        {"male", "{\"q1\":2,\"q2\":1,\"q3\":1}", "positive", "male", 4},
        {"female", "{\"q1\":1,\"q2\":0,\"q3\":1}", "negative", "female", 2},
        {"female", "{\"q1\":1,\"q2\":1,\"q3\":1}", "positive", "female", 3},
        {"intersex", "{\"q1\":1,\"q2\":0,\"q3\":1}", "negative", "other", 2},
        {"intersex", "{\"q1\":1,\"q2\":1,\"q3\":1}", "positive", "other", 3},
        {"unknown", "{\"q1\":1,\"q2\":1,\"q3\":1}", "positive", "other", 3},
        {NULL, "{\"q1\":1,\"q2\":1,\"q3\":1}", "positive", "other", 3},
        {"male", "{\"q1\":4,\"q2\":4,\"q3\":4}", "positive", "male", 12},
        {"female", "{\"q1\":0}", "negative", "female", 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(c); i++) {
        json_t *r = ok("auditc", c[i].answers, c[i].sex);
        expect(r, c[i].total, c[i].band);
        assert_string_equal(js(r, "banding_sex"), c[i].scheme);
        assert_int_equal(has_remark(r, "sex_other"), str_eq(c[i].scheme, "other"));
        json_decref(r);
    }
    /* the Q1-only rule: positive with every point from question 1 -> a review remark */
    json_t *r = ok("auditc", "{\"q1\":3,\"q2\":0,\"q3\":0}", "female");
    expect(r, 3, "positive");
    assert_true(has_remark(r, "q1_only"));
    json_decref(r);
    r = ok("auditc", "{\"q1\":4,\"q2\":0,\"q3\":0}", "male");
    assert_true(has_remark(r, "q1_only"));
    json_decref(r);
    r = ok("auditc", "{\"q1\":2,\"q2\":1,\"q3\":0}", "female");
    assert_false(has_remark(r, "q1_only"));
    json_decref(r);
    json_decref(refused("auditc", "{\"q1\":0,\"q2\":0}", 0, (const char *const[]){"q2", NULL}, NULL));
    json_decref(refused("auditc", "{\"q1\":1}", 0, (const char *const[]){"q2", "q3", NULL}, NULL));
}

/* ---------- DAST-10: item 3 reversed ---------- */

static json_t *dast(int total)
{
    json_t *a = json_pack("{s:i}", "q3", total ? 0 : 1); /* "no" to item 3 scores 1 */
    int yes = total ? total - 1 : 0;
    static const char *const others[] = {"q1", "q2", "q4", "q5", "q6", "q7", "q8", "q9", "q10"};
    for (int i = 0; i < 9; i++)
        json_object_set_new(a, others[i], json_integer(i < yes));
    return a;
}

static void dast10_reversed_item_and_bands(void **state)
{
    (void)state;
    static const struct {
        int total;
        const char *band;
    } b[] = {{0, "none"},        {1, "low"},         {2, "low"},    {3, "moderate"}, {5, "moderate"},
             {6, "substantial"}, {8, "substantial"}, {9, "severe"}, {10, "severe"}};
    for (size_t i = 0; i < ARRAY_LEN(b); i++) {
        json_t *r = ok_obj("dast10", dast(b[i].total), NULL);
        char f[100];
        expect(r, b[i].total, b[i].band);
        assert_string_equal(fired(r, f, sizeof f), b[i].total >= 6 ? "substance_use/moderate" : "");
        assert_int_equal(has_remark(r, "possible_problem"), b[i].total >= 3);
        json_decref(r);
    }
    /* trap 8: all "no" scores 1 (item 3), all "yes" scores 9 */
    json_t *r = ok(
        "dast10",
        "{\"q1\":0,\"q2\":0,\"q3\":0,\"q4\":0,\"q5\":0,\"q6\":0,\"q7\":0,\"q8\":0,\"q9\":0,\"q10\":0}", NULL);
    expect(r, 1, "low");
    assert_int_equal(ji(json_object_get(r, "item_scores"), "q3"), 1);
    json_decref(r);
    r = ok("dast10",
           "{\"q1\":1,\"q2\":1,\"q3\":1,\"q4\":1,\"q5\":1,\"q6\":1,\"q7\":1,\"q8\":1,\"q9\":1,\"q10\":1}",
           NULL);
    expect(r, 9, "severe");
    assert_int_equal(ji(json_object_get(r, "item_scores"), "q3"), 0);
    json_decref(r);
    json_decref(
        refused("dast10", "{\"q1\":1,\"q2\":1,\"q3\":2}", 0, (const char *const[]){"q3", NULL}, NULL));
}

/* ---------- SWEMWBS: every row of the conversion table ---------- */

static void swemwbs_every_table_row(void **state)
{
    (void)state;
    static const double metric[] = {7.00,  9.51,  11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36,
                                    16.88, 17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21,
                                    24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00};
    for (int raw = 7; raw <= 35; raw++) {
        json_t *r = ok_obj("swemwbs", spread(7, raw, 1, 5), NULL);
        assert_true(json_is_real(json_object_get(r, "total")));
        if (fabs(total(r) - metric[raw - 7]) > 1e-9)
            fail_msg("raw %d: metric %.2f expected, got %.4f", raw, metric[raw - 7], total(r));
        assert_int_equal(ji(r, "raw"), raw);
        assert_true(json_is_null(json_object_get(r, "band"))); /* no official bands */
        assert_int_equal(has_remark(r, "raw29_unverified"), raw == 29);
        json_decref(r);
    }
    /* complete seven-item responses only: no metric score otherwise */
    json_t *a = spread(7, 20, 1, 5), *res, *errs;
    char err[600];
    json_object_del(a, "q4");
    json_t *copy = json_deep_copy(a);
    assert_int_equal(score_obj("swemwbs", a, NULL, 0, &res, &errs, err), ERR_INVALID);
    assert_string_equal(js(errs, "q4"), "is required");
    json_decref(errs);
    json_decref(res);
    assert_int_equal(score_obj("swemwbs", copy, NULL, SCORE_INCOMPLETE, &res, &errs, err), OK);
    assert_true(json_is_null(json_object_get(res, "total")));
    assert_null(json_object_get(res, "raw"));
    json_decref(res);
    json_decref(refused("swemwbs", "{\"q1\":0,\"q2\":6,\"q3\":1,\"q4\":1,\"q5\":1,\"q6\":1,\"q7\":1}", 0,
                        (const char *const[]){"q1", "q2", NULL}, NULL));
}

/* ---------- the engine on a definition of our own: prorated sum with a reversed item ---------- */

static char tmp_dir[256];

static void write_file(const char *dir, const char *name, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void clean_dir(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static const char *mk_tmp(char p[320], const char *sub)
{
    snprintf(p, 320, "%s/%s", tmp_dir, sub);
    mkdir(p, 0700);
    return p;
}

#define OPTS4                                                                                                \
    "[{\"value\":0,\"label\":\"none\"},{\"value\":1,\"label\":\"some\"},{\"value\":2,\"label\":\"much\"},{"  \
    "\"value\":3,\"label\":\"all\"}]"

static void prorated_sum_with_reversed_item(void **state)
{
    (void)state;
    char d[320];
    mk_tmp(d, "prorate");
    write_file(
        d, "org_scale.json",
        "{\"id\":\"org_scale\",\"name\":\"An organisation's "
        "scale\",\"version\":\"3\",\"method\":\"prorated\","
        "\"max_missing\":1,\"coding\":\"0-3\",\"licence\":{\"terms\":\"licensed to the organisation\"},"
        "\"items\":[{\"id\":\"a\",\"label\":\"A\",\"options\":" OPTS4
        "},{\"id\":\"b\",\"label\":\"B\",\"options\":" OPTS4
        "},{\"id\":\"c\",\"label\":\"C\",\"options\":" OPTS4
        ",\"reverse\":true},{\"id\":\"d\",\"label\":\"D\","
        "\"options\":" OPTS4
        "}],\"bands\":[{\"min\":0,\"id\":\"lo\",\"label\":\"Low\"},{\"min\":6,\"id\":\"hi\","
        "\"label\":\"High\"}],\"triggers\":[{\"when\":{\"score\":\"total\",\"ge\":12},\"flag\":\"relapse_"
        "signs\","
        "\"level\":\"moderate\",\"reason\":\"Top score.\"}]}");
    char err[600];
    if (instruments_load(DEFS, d, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_non_null(instrument_find("phq9")); /* the shipped set and the organisation's */
    json_t *r = ok("org_scale", "{\"a\":3,\"b\":3,\"c\":0,\"d\":3}", NULL); /* c reversed: 0 -> 3 */
    expect(r, 12, "hi");
    assert_false(json_is_true(json_object_get(r, "prorated")));
    char f[100];
    assert_string_equal(fired(r, f, sizeof f), "relapse_signs/moderate");
    json_decref(r);
    r = ok("org_scale", "{\"a\":2,\"b\":1,\"c\":3}", NULL); /* 2+1+0 = 3 over 3 items -> 4 */
    expect(r, 4, "lo");
    assert_true(json_is_true(json_object_get(r, "prorated")));
    assert_int_equal(ji(r, "raw_sum"), 3);
    assert_string_equal(json_string_value(json_array_get(json_object_get(r, "missing"), 0)), "d");
    json_decref(r);
    r = ok("org_scale", "{\"a\":2,\"b\":2,\"d\":1}", NULL); /* 5 * 4/3 = 6.67 -> 7 */
    expect(r, 7, "hi");
    json_decref(r);
    json_decref(
        refused("org_scale", "{\"a\":2,\"b\":2}", 0, (const char *const[]){"c", "d", NULL}, "at most 1"));
    load_shipped();
    assert_null(instrument_find("org_scale"));
    clean_dir(d);
}

/* ---------- definition validation: each kind of malformed file gives its error ---------- */

static const char *const BASE = "{\"id\":\"x\",\"name\":\"X\",\"version\":\"1\",\"method\":\"sum\","
                                "\"coding\":\"0-3\",\"licence\":{\"terms\":\"t\"},"
                                "\"items\":[{\"id\":\"q1\",\"label\":\"A\",\"options\":" OPTS4
                                "},{\"id\":\"q2\",\"label\":\"B\",\"options\":" OPTS4 "}],"
                                "\"bands\":[{\"min\":0,\"id\":\"low\",\"label\":\"Low\"},{\"min\":3,\"id\":"
                                "\"high\",\"label\":\"High\"}]}";

/* Set (value JSON) or delete (value NULL) the member at a path like "items[0].options[1].value". */
static void set_path(json_t *root, const char *path, const char *value)
{
    char buf[200], *save = NULL;
    snprintf(buf, sizeof buf, "%s", path);
    json_t *cur = root;
    char *seg = strtok_r(buf, ".", &save);
    while (seg) {
        char *next = strtok_r(NULL, ".", &save);
        char *br = strchr(seg, '[');
        if (br) {
            *br = 0;
            json_t *arr = json_object_get(cur, seg);
            size_t idx = (size_t)atoi(br + 1);
            if (!next) {
                if (value)
                    json_array_set_new(arr, idx, J(value));
                else
                    json_array_remove(arr, idx);
                return;
            }
            cur = json_array_get(arr, idx);
        } else if (!next) {
            if (value)
                json_object_set_new(cur, seg, json_loads(value, JSON_DECODE_ANY, NULL));
            else
                json_object_del(cur, seg);
            return;
        } else {
            cur = json_object_get(cur, seg);
        }
        assert_non_null(cur);
        seg = next;
    }
}

static const struct vcase {
    const char *path, *value, *expect;
} vcases[] = {
    {"name", NULL, "x.json: at name: is required"},
    {"version", "\"\"", "x.json: at version: must be non-empty text"},
    {"scorng", "\"sum\"", "x.json: at top level: unknown member \"scorng\""},
    {"id", "\"y\"", "x.json: at id: \"y\" does not match the file name"},
    {"id", "\"Bad-Id\"", "x.json: at id: must be 1 to 32 characters a-z, 0-9 or _"},
    {"method", "\"average\"", "x.json: at method: must be sum, prorated, table or triage"},
    {"licence", NULL, "x.json: at licence: is required"},
    {"licence", "{\"terms\":\"t\",\"price\":1}", "x.json: at licence: unknown member \"price\""},
    {"items", "[]", "x.json: at items: must be a list of 1 to 200 items"},
    {"items[1].id", "\"q1\"", "x.json: at items[1].id: duplicate item id \"q1\""},
    {"items[0].label", NULL, "x.json: at items[0].label: is required"},
    {"items[0].options[0].value", "\"a\"", "x.json: at items[0].options[0].value: must be a whole number"},
    {"items[0].options[0].value", "-9223372036854775808", /* llabs() of it is undefined (and was accepted) */
     "x.json: at items[0].options[0].value: must be a whole number between -1000 and 1000"},
    {"items[0].options[1].value", "0", "x.json: at items[0].options[1].value: duplicate answer value 0"},
    {"items[0].options", "[{\"value\":0,\"label\":\"only\"}]",
     "x.json: at items[0].options: must be a list of 2 to 20"},
    {"items[0].options", "\"nosuchset\"", "x.json: at items[0].options: unknown option set \"nosuchset\""},
    {"items[0].options[0].colour", "\"red\"", "x.json: at items[0].options[0]: unknown member \"colour\""},
    {"items[0].reverse", "\"yes\"", "x.json: at items[0].reverse: must be true or false"},
    {"items[0].scored", "\"no\"", "x.json: at items[0].scored: must be true or false"},
    {"items[0].ask_when", "{\"item\":\"q2\",\"eq\":1}",
     "x.json: at items[0].ask_when: item \"q2\" is not asked before"},
    {"items[1].ask_when", "{\"item\":\"q9\",\"eq\":1}", "x.json: at items[1].ask_when: unknown item \"q9\""},
    {"items[1].ask_when", "{\"item\":\"q1\",\"gte\":1}",
     "x.json: at items[1].ask_when: unknown comparison \"gte\""},
    {"items[1].ask_when", "{}", "x.json: at items[1].ask_when: a condition must be a non-empty object"},
    {"items[1].ask_when", "{\"score\":\"total\",\"gt\":0}",
     "x.json: at items[1].ask_when: cannot test a score here"},
    {"items[1].ask_when", "{\"any\":[{\"item\":\"q1\",\"eq\":\"one\"}]}",
     "x.json: at items[1].ask_when.any[0]: \"eq\" needs a number"},
    {"items[1].skip_score", "0",
     "x.json: at items[1].skip_score: must be a whole number, on an item with ask_when"},
    {"items[0].text", "\"\"", "x.json: at items[0].text: must be non-empty text"},
    {"items[1].optional", "true", "x.json: at items[1].optional: a scored item cannot be optional"},
    {"bands[1].min", "0", "x.json: at bands[1].min: band lower bounds must increase"},
    {"bands[0].min", "1",
     "x.json: at bands[0].min: the first band must start at the lowest possible score, 0"},
    {"bands[1].min", "7", "x.json: at bands[1].min: is above the highest possible score, 6"},
    {"bands[1].id", "\"low\"", "x.json: at bands[1].id: duplicate band id \"low\""},
    {"bands[0].label", NULL, "x.json: at bands[0].label: is required"},
    {"bands_by_sex", "{\"female\":[],\"male\":[]}",
     "x.json: at bands_by_sex: give bands or bands_by_sex, not both"},
    {"method", "\"table\"",
     "x.json: at table: must have one [raw, metric] row for each raw score from 0 to 6"},
    {"table", "[[0,1]]", "x.json: at table: only the table method"},
    {"max_missing", "1", "x.json: at max_missing: only a prorated sum allows missing items"},
    {"method", "\"prorated\"", "x.json: at max_missing: a prorated sum needs a whole number from 1 to 1"},
    {"method", "\"triage\"", "x.json: at bands: a triage instrument has levels, not bands"},
    {"levels", "[{\"id\":\"a\",\"label\":\"A\"}]", "x.json: at levels: only a triage instrument has levels"},
    {"triggers",
     "[{\"when\":{\"band\":\"high\"},\"flag\":\"suicide_risk\",\"level\":\"severe\",\"reason\":\"r\"}]",
     "x.json: at triggers[0].level: must be low, moderate or high"},
    {"triggers",
     "[{\"when\":{\"band\":\"zone_v\"},\"flag\":\"suicide_risk\",\"level\":\"high\",\"reason\":\"r\"}]",
     "x.json: at triggers[0].when: unknown band or level \"zone_v\""},
    {"triggers", "[{\"flag\":\"suicide_risk\",\"level\":\"high\",\"reason\":\"r\"}]",
     "x.json: at triggers[0].when: is required"},
    {"triggers",
     "[{\"when\":{\"item\":\"q1\",\"ge\":1},\"flag\":\"Suicide Risk\",\"level\":\"high\",\"reason\":\"r\"}]",
     "x.json: at triggers[0].flag: must be 1 to 32 characters"},
    {"triggers",
     "[{\"when\":{\"score\":\"k6\",\"ge\":1},\"flag\":\"x\",\"level\":\"high\",\"reason\":\"r\"}]",
     "x.json: at triggers[0].when: unknown score \"k6\""},
    {"triggers", "{}", "x.json: at triggers: must be a list"},
    {"remarks", "[{\"id\":\"r\"}]", "x.json: at remarks[0].text: is required"},
    {"derived", "[{\"id\":\"d\",\"label\":\"D\",\"items\":[\"q9\"]}]",
     "x.json: at derived[0].items: \"q9\" is not a scored item"},
    {"derived", "[{\"id\":\"total\",\"label\":\"D\",\"items\":[\"q1\"]}]",
     "x.json: at derived[0].id: \"total\" is already a score of this instrument"},
    {"derived",
     "[{\"id\":\"d\",\"label\":\"D\",\"items\":[\"q1\"],\"bands\":[{\"min\":1,\"id\":\"a\",\"label\":\"A\"}]}"
     "]",
     "x.json: at derived[0].bands[0].min: the first band must start at the lowest possible score, 0"},
    {"change", "[{\"id\":\"c\",\"label\":\"C\",\"kind\":\"improve\",\"value\":5}]",
     "x.json: at change[0].kind: must be drop, drop_pct, below or recovery"},
    {"change", "[{\"id\":\"c\",\"label\":\"C\",\"kind\":\"drop\",\"value\":0}]",
     "x.json: at change[0].value: must be a positive"},
    {"escalate", "{\"when\":{\"band\":\"low\"},\"reason\":\"r\"}",
     "x.json: at escalate.when: cannot test the band here"},
    {"escalate", "{\"when\":{\"item\":\"q1\",\"ge\":2}}", "x.json: at escalate.reason: is required"},
    {"save_incomplete", "1", "x.json: at save_incomplete: must be true or false"},
    {"bands[1].setting", "{\"name\":\"x_cut\",\"values\":[2,4]}", "x.json: at bands[1].setting.values: must include"},
    {"bands[1].setting", "{\"name\":\"x_cut\",\"values\":[0,3]}",
     "x.json: at bands[1].setting.values: 0 would not keep the band lower bounds increasing"},
    {"bands[1].setting", "{\"name\":\"x_cut\",\"values\":[3,7]}",
     "x.json: at bands[1].setting.values: 7 would not keep the band lower bounds increasing"},
    {"bands[1].setting", "{\"name\":\"x_cut\",\"values\":[3]}",
     "x.json: at bands[1].setting.values: must be a list of 2 to 20 whole numbers"},
    {"bands[1].setting", "{\"name\":\"X Cut\",\"values\":[2,3]}", "x.json: at bands[1].setting.name: must be 1 to 32"},
    {"bands[1].setting", "{\"name\":\"x_cut\",\"values\":[2,3],\"max\":4}",
     "x.json: at bands[1].setting: unknown member \"max\""},
    {"bands[0].setting", "{\"name\":\"x_cut\",\"values\":[0,1]}", "x.json: at bands[0].setting: the first band"},
    {"resolves", "[]", "x.json: at resolves: must be a non-empty list of flag kinds"},
    {"administered_by", "[]", "x.json: at administered_by: must be a non-empty list of clinical, peer"},
    {"administered_by", "\"peer\"", "x.json: at administered_by: must be a non-empty list of clinical, peer"},
    {"administered_by", "[\"nurse\"]", "x.json: at administered_by: must be a non-empty list of clinical, peer"},
    {"administered_by", "[\"peer\",\"peer\"]", "x.json: at administered_by: names \"peer\" twice"},
    {"resolves", "[\"Suicide Risk\"]", "x.json: at resolves: must be a non-empty list of flag kinds"},
    {"sources", "\"a paper\"", "x.json: at sources: must be a list of citations"},
    {"codes", "{\"panel\":1}", "x.json: at codes.panel: must be non-empty text"},
    /* texts in two languages: both or neither (then English everywhere, the fallback) */
    {"name", "{\"en\":\"X\"}", "x.json: at name: has no Korean text (\"ko\")"},
    {"name", "{\"ko\":\"엑스\"}", "x.json: at name: has no English text (\"en\")"},
    {"name", "{\"en\":\"X\",\"ko\":\"엑스\",\"fr\":\"X\"}", "x.json: at name: unknown language \"fr\""},
    {"name", "{\"en\":\"X\",\"ko\":\"\"}", "x.json: at name.ko: must be non-empty text"},
    {"name", "{\"en\":\"X\",\"ko\":7}", "x.json: at name.ko: must be non-empty text"},
    {"name", "[\"X\"]", "x.json: at name: must be text, or {\"en\": text, \"ko\": text}"},
    {"name", "{\"en\":\"X\",\"ko\":\"엑스\"}", /* one bilingual text makes every text need its Korean */
     "x.json: at items[0].label: has no Korean text: give {\"en\": ..., \"ko\": ...} (the definition is bilingual)"},
    {"bands[1].label", "{\"en\":\"High\",\"ko\":\"높음\"}", "x.json: at name: has no Korean text: give"},
    {"wording", "\"Hearth KO\"", "x.json: at wording: must be 1 to 32 characters"},
};

static void write_def(const char *dir, json_t *d)
{
    char p[512];
    snprintf(p, sizeof p, "%s/x.json", dir);
    assert_int_equal(json_dump_file(d, p, JSON_INDENT(1)), 0);
}

static void expect_load_error(const char *dir, const char *extra, const char *want, const char *what)
{
    char err[600] = "";
    if (instruments_load(dir, extra, err, sizeof err) == 0)
        fail_msg("%s: loaded, expected \"%s\"", what, want);
    if (!strstr(err, want))
        fail_msg("%s: expected \"%s\", got \"%s\"", what, want, err);
    assert_non_null(instrument_find("phq9")); /* a failed load keeps the set loaded before */
}

static void each_malformed_definition_gives_its_error(void **state)
{
    (void)state;
    char d[320];
    mk_tmp(d, "malformed");
    json_t *base = J(BASE);
    write_def(d, base);
    char err[600];
    if (instruments_load(d, NULL, err, sizeof err) != 0) /* the base itself is valid */
        fail_msg("base: %s", err);
    json_decref(base);
    load_shipped();
    for (size_t i = 0; i < ARRAY_LEN(vcases); i++) {
        json_t *def = J(BASE);
        set_path(def, vcases[i].path, vcases[i].value);
        write_def(d, def);
        json_decref(def);
        char what[200];
        snprintf(what, sizeof what, "case %zu (%s)", i, vcases[i].path);
        expect_load_error(d, NULL, vcases[i].expect, what);
    }
    clean_dir(d);
}

static void malformed_files_and_folders(void **state)
{
    (void)state;
    char d[320], e[320];
    mk_tmp(d, "files");
    static const struct {
        const char *text, *expect;
    } raw[] = {
        {"{\"id\": \"x\",", "x.json: at line 1, column"},
        {"[1, 2]", "x.json: at top level: must be an object"},
        {"{\"id\":\"x\",\"id\":\"x\"}", "duplicate object key"},
    };
    for (size_t i = 0; i < ARRAY_LEN(raw); i++) {
        write_file(d, "x.json", raw[i].text);
        expect_load_error(d, NULL, raw[i].expect, raw[i].text);
    }
    /* triage levels: the default comes last, without a condition, and may not test the band */
    json_t *t = J(BASE);
    json_object_del(t, "bands");
    json_object_set_new(t, "method", json_string("triage"));
    const char *levels[][2] = {
        {"[{\"id\":\"a\",\"label\":\"A\",\"when\":{\"item\":\"q1\",\"eq\":1}},{\"id\":\"b\",\"label\":\"B\","
         "\"when\":{\"item\":\"q2\",\"eq\":1}}]",
         "x.json: at levels[1]: the last level is the default and has no \"when\""},
        {"[{\"id\":\"a\",\"label\":\"A\"},{\"id\":\"b\",\"label\":\"B\"}]",
         "x.json: at levels[0]: \"when\" is required"},
        {"[{\"id\":\"a\",\"label\":\"A\",\"when\":{\"band\":\"b\"}},{\"id\":\"b\",\"label\":\"B\"}]",
         "x.json: at levels[0].when: cannot test the band here"},
        {"[{\"id\":\"a\",\"label\":\"A\"}]",
         "x.json: at levels: a triage instrument needs a list of at least 2 levels"},
    };
    for (size_t i = 0; i < ARRAY_LEN(levels); i++) {
        json_object_set_new(t, "levels", J(levels[i][0]));
        write_def(d, t);
        expect_load_error(d, NULL, levels[i][1], levels[i][0]);
    }
    json_decref(t);
    /* a table that skips a raw score, or does not increase */
    t = J(BASE);
    json_object_del(t, "bands");
    json_object_set_new(t, "method", json_string("table"));
    json_object_set_new(t, "table", J("[[0,0],[1,1.5],[3,2],[3,2.5],[4,3],[5,4],[6,5]]"));
    write_def(d, t);
    expect_load_error(d, NULL, "x.json: at table[2]: raw score 2 expected here", "table gap");
    json_object_set_new(t, "table", J("[[0,0],[1,1.5],[2,1.5],[3,2.5],[4,3],[5,4],[6,5]]"));
    write_def(d, t);
    expect_load_error(d, NULL, "x.json: at table[2]: metric scores must increase", "table order");
    json_decref(t);
    /* bands by sex need female, male and other */
    t = J(BASE);
    json_object_set_new(
        t, "bands_by_sex",
        json_pack("{s:O,s:O}", "female", json_object_get(t, "bands"), "male", json_object_get(t, "bands")));
    json_object_del(t, "bands");
    write_def(d, t);
    expect_load_error(d, NULL, "x.json: at bands_by_sex.other: is required", "bands_by_sex");
    json_decref(t);
    /* an unscored item cannot be reversed; escalation needs bands */
    t = J(BASE);
    set_path(t, "items[1].scored", "false");
    set_path(t, "items[1].reverse", "true");
    set_path(t, "bands[1].min", "2");
    write_def(d, t);
    expect_load_error(d, NULL, "x.json: at items[1].reverse: an unscored item cannot be reversed",
                      "unscored reverse");
    json_decref(t);
    t = J(BASE);
    json_object_del(t, "bands");
    json_object_set_new(t, "escalate", J("{\"when\":{\"item\":\"q1\",\"ge\":2},\"reason\":\"r\"}"));
    write_def(d, t);
    expect_load_error(d, NULL, "x.json: at escalate: needs bands to escalate", "escalate");
    /* the same id twice (the organisation's folder repeats a shipped one) */
    json_decref(t);
    mk_tmp(e, "extra");
    clean_dir(d);
    mk_tmp(d, "files");
    write_file(e, "phq9.json", "{}");
    char p[400];
    snprintf(p, sizeof p, "%s/phq9.json", e);
    FILE *in = fopen(DEFS "/phq9.json", "r"), *out = fopen(p, "w");
    assert_non_null(in);
    assert_non_null(out);
    int ch;
    while ((ch = fgetc(in)) != EOF)
        fputc(ch, out);
    fclose(in);
    fclose(out);
    expect_load_error(DEFS, e,
                      "phq9.json: at id: duplicate instrument id \"phq9\" (already defined in instruments/",
                      "duplicate");
    /* the folder must exist; the organisation's may be missing; files not named *.json are ignored */
    expect_load_error("/nonexistent/instruments", NULL,
                      "/nonexistent/instruments: at directory:", "no folder");
    char err[600];
    assert_int_equal(instruments_load(DEFS, "/nonexistent/extra", err, sizeof err), 0);
    write_file(d, "README.md", "not a definition");
    assert_int_equal(instruments_load(d, NULL, err, sizeof err), 0);
    assert_null(instrument_find("phq9"));
    load_shipped();
    clean_dir(d);
    clean_dir(e);
}

/* Every shipped definition in both languages; the Korean definition, its wording and a result in Korean. */
static void shipped_definitions_speak_korean(void **state)
{
    (void)state;
    load_shipped();
    static const char *const ids[] = {"phq9", "gad7", "phq2", "k10", "swemwbs", "audit", "auditc", "dast10",
                                      "cssrs_screener", NULL};
    for (const char *const *id = ids; *id; id++) {
        const struct instrument *ins = instrument_find(*id);
        assert_non_null(ins);
        assert_string_equal(instrument_wording(ins, "en"), "hearth-en");
        assert_string_equal(instrument_wording(ins, "ko"), "hearth-ko");
        assert_string_equal(instrument_wording_language(ins, "hearth-ko"), "ko");
        assert_null(instrument_wording_language(ins, "hearth-fr"));
        const json_t *en = instrument_def_in(ins, "en"), *ko = instrument_def_in(ins, "ko");
        assert_ptr_equal(en, instrument_def(ins));
        assert_ptr_equal(instrument_def_in(ins, "fr"), en); /* an unknown language: English */
        assert_string_equal(json_string_value(json_object_get(ko, "language")), "ko");
        /* each question and answer differs from the English: it was translated, not copied */
        size_t i, j;
        json_t *it, *o;
        json_array_foreach(json_object_get(ko, "items"), i, it)
        {
            json_t *eit = json_array_get(json_object_get(en, "items"), i);
            if (str_eq(json_string_value(json_object_get(it, "label")), json_string_value(json_object_get(eit, "label"))))
                fail_msg("%s %s: the Korean label is the English one", *id, json_string_value(json_object_get(it, "id")));
            json_array_foreach(json_object_get(it, "options"), j, o) if (str_eq(
                json_string_value(json_object_get(o, "label")),
                json_string_value(json_object_get(json_array_get(json_object_get(eit, "options"), j), "label"))))
                fail_msg("%s %s: an answer's Korean label is the English one", *id, json_string_value(json_object_get(it, "id")));
        }
    }
    const struct instrument *phq9 = instrument_find("phq9");
    assert_string_equal(json_string_value(json_object_get(instrument_def_in(phq9, "ko"), "recall")), "지난 2주");
    /* a result stored in English, shown in Korean by its ids: band, remarks, a trigger's reason */
    json_t *res = ok("phq9", "{\"q1\":2,\"q2\":2,\"q3\":2,\"q4\":2,\"q5\":2,\"q6\":1,\"q7\":0,\"q8\":0,\"q9\":1,\"q10\":1}",
                     NULL);
    assert_string_equal(json_string_value(json_object_get(res, "band_label")), "Moderate");
    json_t *ko = instrument_result_in(phq9, res, "ko");
    assert_string_equal(json_string_value(json_object_get(ko, "band_label")), "중간");
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(ko, "remarks"), 0), "text")),
                        "총점 10점 이상이 주요우울장애의 일반적인 기준점입니다(민감도와 특이도 88%, Kroenke 2001).");
    assert_non_null(strstr(json_string_value(json_object_get(json_array_get(json_object_get(ko, "triggers"), 0), "reason")),
                           "24시간 안에 C-SSRS 선별로"));
    assert_string_equal(json_string_value(json_object_get(res, "band_label")), "Moderate"); /* a copy */
    json_decref(ko);
    json_decref(res);
    /* derived scores and the AUDIT's intervention level */
    res = ok("k10", "{\"q1\":4,\"q2\":4,\"q3\":4,\"q4\":4,\"q5\":4,\"q6\":4,\"q7\":4,\"q8\":4,\"q9\":4,\"q10\":4}", NULL);
    ko = instrument_result_in(instrument_find("k10"), res, "ko");
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(ko, "derived"), "k6"), "band_label")),
                        "심각한 심리적 고통(Kessler 2003)");
    json_decref(ko);
    json_decref(res);
    res = ok("audit", "{\"q1\":2,\"q2\":1,\"q3\":1,\"q4\":2,\"q5\":0,\"q6\":0,\"q7\":0,\"q8\":0,\"q9\":0,\"q10\":0}", NULL);
    ko = instrument_result_in(instrument_find("audit"), res, "ko");
    json_t *iv = json_object_get(ko, "intervention");
    assert_true(json_is_true(json_object_get(iv, "raised")));
    assert_string_equal(json_string_value(json_object_get(iv, "label")), "2구간: 위험 음주");
    assert_non_null(strstr(json_string_value(json_object_get(iv, "reason")), "WHO 기준"));
    json_decref(ko);
    json_decref(res);
}

/* A definition with plain texts (an organisation's own, English only) is English in Korean too, and says
 * so in its wording. */
static void plain_definition_falls_back_to_english(void **state)
{
    (void)state;
    char d[320], err[600];
    mk_tmp(d, "plain");
    json_t *base = J(BASE);
    json_object_set_new(base, "wording", json_string("orgx"));
    write_def(d, base);
    json_decref(base);
    if (instruments_load(d, NULL, err, sizeof err) != 0)
        fail_msg("plain: %s", err);
    const struct instrument *x = instrument_find("x");
    assert_string_equal(instrument_wording(x, "ko"), "orgx-en");
    assert_string_equal(instrument_wording(x, "en"), "orgx-en");
    assert_string_equal(json_string_value(json_object_get(instrument_def_in(x, "ko"), "name")),
                        json_string_value(json_object_get(instrument_def_in(x, "en"), "name")));
    assert_string_equal(json_string_value(json_object_get(instrument_def_in(x, "ko"), "language")), "en");
    load_shipped();
    clean_dir(d);
}

#define WORDING_HEAD "{\"wording_of\":\"phq2\",\"wording\":\"phq2_ko_org\",\"language\":\"ko\",\"source\":\"A validated translation (test)\","
#define WORDING_ITEMS "\"items\":{\"q1\":{\"text\":\"질문 하나\",\"options\":{\"0\":\"가\",\"1\":\"나\",\"2\":\"다\",\"3\":\"라\"}},\"q2\":{\"text\":\"질문 둘\"}}"

/* An organisation's validated translation (a wording file in --instruments-extra): its texts in the
 * definition of its language, its id as the wording; each kind of mistake and its error. */
static void wording_files_load_and_are_checked(void **state)
{
    (void)state;
    char e[320], err[600];
    mk_tmp(e, "wording");
    write_file(e, "phq2_ko_org.json", WORDING_HEAD "\"copyright\":\"© the translators\",\"name\":\"PHQ-2 (기관 번역)\"," WORDING_ITEMS "}");
    if (instruments_load(DEFS, e, err, sizeof err) != 0)
        fail_msg("wording: %s", err);
    const struct instrument *p2 = instrument_find("phq2");
    assert_string_equal(instrument_wording(p2, "ko"), "phq2_ko_org");
    assert_string_equal(instrument_wording(p2, "en"), "hearth-en");
    assert_string_equal(instrument_wording_language(p2, "phq2_ko_org"), "ko");
    assert_null(instrument_wording_language(p2, "hearth-ko")); /* replaced */
    const json_t *ko = instrument_def_in(p2, "ko");
    json_t *q1 = json_array_get(json_object_get(ko, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(q1, "text")), "질문 하나");
    assert_string_equal(json_string_value(json_object_get(q1, "label")), "흥미나 즐거움이 줄어듦"); /* ours stays */
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(q1, "options"), 2), "text")), "다");
    assert_null(json_object_get(json_array_get(json_object_get(json_array_get(json_object_get(ko, "items"), 1), "options"), 0), "text"));
    assert_string_equal(json_string_value(json_object_get(ko, "name")), "PHQ-2 (기관 번역)");
    assert_string_equal(json_string_value(json_object_get(ko, "wording_copyright")), "© the translators");
    assert_null(json_object_get(json_array_get(json_object_get(instrument_def_in(p2, "en"), "items"), 0), "text"));
    static const struct {
        const char *text, *expect;
    } bad_files[] = {
        {WORDING_HEAD "\"items\":{\"q1\":{\"text\":\"하나\"}}}", "phq2_ko_org.json: at items.q2: is required: every question needs its text"},
        {WORDING_HEAD "\"items\":{\"q1\":{\"text\":\"하나\"},\"q2\":{\"text\":\"둘\"},\"q3\":{\"text\":\"셋\"}}}",
         "phq2_ko_org.json: at items: unknown question \"q3\""},
        {WORDING_HEAD "\"items\":{\"q1\":{\"text\":\"하나\",\"options\":{\"0\":\"가\"}},\"q2\":{\"text\":\"둘\"}}}",
         "phq2_ko_org.json: at items.q1.options: has no text for the answer 1"},
        {WORDING_HEAD "\"items\":{\"q1\":{\"text\":\"하나\",\"options\":{\"7\":\"가\"}},\"q2\":{\"text\":\"둘\"}}}",
         "phq2_ko_org.json: at items.q1.options: \"7\" is not an answer of q1"},
        {WORDING_HEAD "\"items\":{\"q1\":{\"txt\":\"하나\"},\"q2\":{\"text\":\"둘\"}}}",
         "phq2_ko_org.json: at items.q1: unknown member \"txt\""},
        {"{\"wording_of\":\"phq2\",\"wording\":\"phq2_ko_org\",\"language\":\"ko\"," WORDING_ITEMS "}",
         "phq2_ko_org.json: at source: is required"},
        {"{\"wording_of\":\"phq2\",\"wording\":\"phq2_ko_org\",\"language\":\"fr\",\"source\":\"s\"," WORDING_ITEMS "}",
         "phq2_ko_org.json: at language: must be en or ko"},
        {"{\"wording_of\":\"whodas\",\"wording\":\"phq2_ko_org\",\"language\":\"ko\",\"source\":\"s\"," WORDING_ITEMS "}",
         "phq2_ko_org.json: at wording_of: no instrument \"whodas\" is loaded"},
        {"{\"wording_of\":\"phq2\",\"wording\":\"other\",\"language\":\"ko\",\"source\":\"s\"," WORDING_ITEMS "}",
         "phq2_ko_org.json: at wording: \"other\" does not match the file name"},
        {WORDING_HEAD WORDING_ITEMS ",\"bands\":[]}", "phq2_ko_org.json: at top level: unknown member \"bands\""},
    };
    for (size_t i = 0; i < ARRAY_LEN(bad_files); i++) {
        write_file(e, "phq2_ko_org.json", bad_files[i].text);
        char what[40];
        snprintf(what, sizeof what, "wording file %zu", i);
        expect_load_error(DEFS, e, bad_files[i].expect, what);
    }
    /* two wordings of one instrument in one language */
    write_file(e, "phq2_ko_org.json", WORDING_HEAD WORDING_ITEMS "}");
    write_file(e, "phq2_ko_two.json",
               "{\"wording_of\":\"phq2\",\"wording\":\"phq2_ko_two\",\"language\":\"ko\",\"source\":\"s\"," WORDING_ITEMS "}");
    expect_load_error(DEFS, e, "phq2_ko_two.json: at wording_of: phq2 already has a ko wording (phq2_ko_org)", "twice");
    load_shipped();
    clean_dir(e);
}

/* ---------- assessments on a client: stored as scored, flags raised, access, trajectories ---------- */

static struct tdb *T;
static int64_t cm, peer, desk, analyst, cm_other, client, client2;

static int world(void **state)
{
    (void)state;
    T = tdb_open();
    int64_t riv = mk_org(T->db, "Riverside"), east = mk_org(T->db, "Eastgate"),
            north = mk_org(T->db, "Northside");
    cm = mk_staff(T->db, riv, "cm1", "case_manager");
    peer = mk_staff(T->db, riv, "peer1", "peer_supporter");
    analyst = mk_staff(T->db, riv, "analyst1", "analyst");
    desk = mk_staff(T->db, north, "desk1", "care_desk");
    cm_other = mk_staff(T->db, east, "cm4", "case_manager");
    client = mk_client(T->db, riv, cm, "Minji", "Park", "1980-05-01");
    client2 = mk_client(T->db, riv, cm, "Jisoo", "Lee", "1975-02-11");
    int64_t ep = mk_episode(T->db, client, riv, "active", cm, cm);
    mk_member(T->db, ep, cm, "primary_case_manager", "2026-01-01", NULL);
    mk_member(T->db, ep, peer, "peer_supporter", "2026-01-01", NULL);
    mk_member(T->db, ep, desk, "other", "2026-01-01", NULL);
    mk_member(T->db, ep, analyst, "other", "2026-01-01", NULL);
    mk_member(T->db, mk_episode(T->db, client2, riv, "active", cm, cm), cm, "primary_case_manager",
              "2026-01-01", NULL);
    return 0;
}
static int world_end(void **state)
{
    (void)state;
    tdb_close(T);
    T = NULL;
    return 0;
}

static int pending(struct ctx *c, const char *action, const char *outcome)
{
    for (int i = 0; i < c->npend; i++)
        if (str_eq(c->pend[i].action, action) && str_eq(c->pend[i].outcome, outcome))
            return 1;
    return 0;
}

/* assessment_create as `who`; rc, *out (or NULL); the context is left for inspection (ctx_clear it). */
static int create_as(struct ctx *c, struct actor *a, int64_t cid, const char *json, json_t **out)
{
    json_t *in = J(json);
    ctx_init(c, a, T->db);
    *out = NULL;
    int rc = assessment_create(c, cid, in, out);
    json_decref(in);
    return rc;
}

static json_t *create_ok(int64_t who, int64_t cid, const char *json)
{
    struct actor a = actor_of(T->db, who);
    struct ctx c;
    json_t *out;
    int rc = create_as(&c, &a, cid, json, &out);
    if (rc != OK)
        fail_msg("assessment_create %d: %s %s", rc, c.msg, json);
    assert_true(pending(&c, "assessment.create", "ok"));
    ctx_clear(&c);
    return out;
}

#define PHQ9_Q9_1                                                                                            \
    "{\"q1\":1,\"q2\":1,\"q3\":0,\"q4\":0,\"q5\":0,\"q6\":0,\"q7\":0,\"q8\":0,\"q9\":1,\"q10\":1}"

static void assessment_is_stored_as_scored_and_raises_flags(void **state)
{
    (void)state;
    int64_t flags0 = count_of(T->db, "SELECT count(*) FROM flags");
    json_t *a = create_ok(cm, client, "{\"instrument\":\"phq9\",\"answers\":" PHQ9_Q9_1 "}");
    int64_t id = ji(a, "id");
    assert_true(id > 0);
    assert_string_equal(js(a, "instrument"), "phq9");
    assert_string_equal(js(a, "instrument_version"), "2");
    assert_non_null(strstr(js(a, "coding"), "0-3"));
    assert_int_equal(ji(a, "total"), 3);
    assert_true(json_is_integer(json_object_get(a, "total")));
    assert_string_equal(js(a, "band"), "minimal");
    assert_int_equal(ji(json_object_get(a, "answers"), "q9"), 1);
    assert_int_equal(ji(a, "staff_id"), cm);
    assert_string_equal(js(a, "administered_at"), T_NOW);
    json_t *f = json_array_get(json_object_get(a, "flags"), 0);
    assert_string_equal(js(f, "kind"), "suicide_screen_needed");
    assert_string_equal(js(f, "level"), "moderate");
    assert_true(ji(f, "id") > 0);
    json_decref(a);
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM flags") - flags0, 1);
    char q[300];
    snprintf(q, sizeof q,
             "SELECT count(*) FROM flags WHERE source='assessment' AND assessment_id=%lld AND kind="
             "'suicide_screen_needed'",
             (long long)id);
    assert_int_equal(count_of(T->db, q), 1);
    snprintf(q, sizeof q,
             "SELECT count(*) FROM tasks WHERE client_id=%lld AND source='rule' AND status='open' AND"
             " title_key='suicide.screen'",
             (long long)client);
    assert_int_equal(count_of(T->db, q), 1); /* complete a C-SSRS screen within 24 h */
    /* read back: the same, and audited */
    struct actor who = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &who, T->db);
    assert_int_equal(assessment_get(&c, id, &a), OK);
    assert_true(pending(&c, "assessment.read", "ok"));
    assert_string_equal(js(json_object_get(a, "result"), "band_label"), "Minimal or none");
    assert_int_equal(json_array_size(json_object_get(a, "flags")), 1);
    json_decref(a);
    ctx_clear(&c);
    ctx_init(&c, &who, T->db);
    assert_int_equal(assessment_get(&c, 999999, &a), ERR_NOTFOUND);
    ctx_clear(&c);
}

static void assessment_refusals(void **state)
{
    (void)state;
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    json_t *out;
    int64_t n0 = count_of(T->db, "SELECT count(*) FROM assessments");
    /* missing items named, one field error each; nothing stored */
    assert_int_equal(
        create_as(&c, &a, client, "{\"instrument\":\"gad7\",\"answers\":{\"q1\":1,\"q2\":1,\"q3\":1}}", &out),
        ERR_INVALID);
    assert_string_equal(js(c.errors, "q4"), "is required");
    assert_string_equal(js(c.errors, "q7"), "is required");
    assert_int_equal(json_array_size(json_object_get(c.extra, "missing")), 4);
    assert_non_null(strstr(c.msg, "q4, q5, q6, q7"));
    ctx_clear(&c);
    assert_int_equal(create_as(&c, &a, client, "{\"instrument\":\"nope\",\"answers\":{}}", &out),
                     ERR_INVALID);
    assert_string_equal(js(c.errors, "instrument"), "is not a known instrument");
    ctx_clear(&c);
    assert_int_equal(create_as(&c, &a, client, "{\"instrument\":\"gad7\"}", &out), ERR_INVALID);
    assert_non_null(json_object_get(c.errors, "answers"));
    ctx_clear(&c);
    assert_int_equal(create_as(&c, &a, client,
                               "{\"instrument\":\"phq2\",\"answers\":{\"q1\":0,\"q2\":0},\"administered_at\":"
                               "\"2027-01-01T10:00\"}",
                               &out),
                     ERR_INVALID);
    assert_string_equal(js(c.errors, "administered_at"), "cannot be more than a day in the future");
    ctx_clear(&c);
    assert_int_equal(create_as(&c, &a, client, "[1]", &out), ERR_INVALID);
    ctx_clear(&c);
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM assessments"), n0);
    /* an incomplete PHQ-9, confirmed: kept without a total, the item-9 flag still raised */
    json_t *r = create_ok(
        cm, client,
        "{\"instrument\":\"phq9\",\"incomplete\":true,\"answers\":{\"q1\":1,\"q2\":2,\"q9\":2,\"q10\":1}}");
    assert_true(json_is_null(json_object_get(r, "total")));
    assert_true(json_is_null(json_object_get(r, "band")));
    assert_int_equal(json_array_size(json_object_get(json_object_get(r, "result"), "missing")), 6);
    assert_string_equal(js(json_array_get(json_object_get(r, "flags"), 0), "kind"), "suicide_screen_needed");
    json_decref(r);
    /* incomplete is true or false; an incomplete form has at least one answer */
    assert_int_equal(create_as(&c, &a, client, "{\"instrument\":\"phq9\",\"incomplete\":\"yes\",\"answers\":{\"q1\":1}}",
                               &out),
                     ERR_INVALID);
    assert_string_equal(js(c.errors, "incomplete"), "must be true or false");
    ctx_clear(&c);
    n0 = count_of(T->db, "SELECT count(*) FROM assessments");
    assert_int_equal(create_as(&c, &a, client, "{\"instrument\":\"phq9\",\"incomplete\":true,\"answers\":{}}", &out),
                     ERR_INVALID);
    assert_non_null(json_object_get(c.errors, "answers"));
    ctx_clear(&c);
    assert_int_equal(create_as(&c, &a, client, "{\"instrument\":\"phq2\",\"answers\":{\"q1\":true,\"q2\":\"2\"}}", &out),
                     ERR_INVALID);
    assert_non_null(json_object_get(c.errors, "q1"));
    assert_non_null(json_object_get(c.errors, "q2"));
    ctx_clear(&c);
    assert_int_equal(count_of(T->db, "SELECT count(*) FROM assessments"), n0);
}

/* Issue 9: PHQ-9 item 9 asks for a screen; the C-SSRS screen's result sets the level, resolves
 * "assessment needed" and closes the screening task; a partial screen with a high-risk answer, saved as
 * incomplete, raises the high flag at once but leaves the screen to be completed. */
static void item9_asks_for_a_screen_and_the_screen_sets_the_level(void **state)
{
    (void)state;
    int64_t org = count_of(T->db, "SELECT org_id FROM staff WHERE username='cm1'");
    int64_t cl = mk_client(T->db, org, cm, "Screen", "Needed", "1970-01-01");
    int64_t ep = mk_episode(T->db, cl, org, "active", cm, cm);
    int64_t nurse = mk_staff(T->db, org, "nurse9", "clinician");
    mk_member(T->db, ep, nurse, "nurse", "2026-01-01", NULL);
    mk_member(T->db, ep, peer, "peer_supporter", "2026-01-01", NULL);
    mk_member(T->db, ep, cm, "primary_case_manager", "2026-01-01", NULL);
    char q[300];
#define COUNT(...) (snprintf(q, sizeof q, __VA_ARGS__), count_of(T->db, q))
    /* a peer supporter on the team may not administer the PHQ-9 (a clinical screener: issue 11 §4) */
    {
        struct actor p = actor_of(T->db, peer);
        struct ctx c;
        ctx_init(&c, &p, T->db);
        json_t *in = json_loads("{\"instrument\":\"phq9\",\"answers\":" PHQ9_Q9_1 "}", 0, NULL), *out = NULL;
        assert_int_equal(assessment_create(&c, cl, in, &out), ERR_FORBIDDEN);
        assert_null(out);
        assert_string_equal(c.pend[c.npend - 1].outcome, "denied");
        json_decref(in);
        ctx_clear(&c);
    }
    /* the nurse records it; the screening task goes to the primary case manager */
    json_t *a = create_ok(nurse, cl, "{\"instrument\":\"phq9\",\"answers\":" PHQ9_Q9_1 "}");
    json_decref(a);
    assert_int_equal(COUNT("SELECT count(*) FROM flags WHERE client_id=%lld AND status='active' AND "
                           "kind='suicide_screen_needed'", (long long)cl), 1);
    assert_int_equal(COUNT("SELECT count(*) FROM flags WHERE client_id=%lld AND kind='suicide_risk'", (long long)cl),
                     0);
    assert_int_equal(COUNT("SELECT count(*) FROM tasks WHERE client_id=%lld AND status='open' AND assignee=%lld AND"
                           " priority='urgent' AND title_key='suicide.screen' AND title_args='{\"hours\":24}'",
                           (long long)cl, (long long)cm),
                     1);
    /* a second positive item 9 while the task is open: no second task */
    json_decref(create_ok(cm, cl, "{\"instrument\":\"phq9\",\"answers\":" PHQ9_Q9_1 "}"));
    assert_int_equal(COUNT("SELECT count(*) FROM tasks WHERE client_id=%lld AND title_key='suicide.screen'",
                           (long long)cl), 1);
    /* Q2 and Q4 yes, the rest unanswered, saved as incomplete: high at once, the screen still to do */
    a = create_ok(cm, cl, "{\"instrument\":\"cssrs_screener\",\"incomplete\":true,\"answers\":{\"q2\":1,\"q4\":1}}");
    assert_string_equal(js(a, "band"), "high");
    assert_string_equal(js(json_array_get(json_object_get(a, "flags"), 0), "kind"), "suicide_risk");
    assert_string_equal(js(json_array_get(json_object_get(a, "flags"), 0), "level"), "high");
    assert_int_equal(json_array_size(json_object_get(json_object_get(a, "result"), "resolved")), 0);
    json_decref(a);
    assert_int_equal(COUNT("SELECT count(*) FROM flags WHERE client_id=%lld AND status='active' AND "
                           "kind='suicide_screen_needed'", (long long)cl), 2);
    assert_int_equal(COUNT("SELECT count(*) FROM tasks WHERE client_id=%lld AND status='open' AND "
                           "title_key='suicide.contact'", (long long)cl), 1);
    /* the complete screen: moderate; both "assessment needed" flags resolved, the screening task done */
    a = create_ok(cm, cl, "{\"instrument\":\"cssrs_screener\",\"answers\":{\"q1\":1,\"q2\":1,\"q3\":1,\"q4\":0,"
                          "\"q5\":0,\"q6\":0}}");
    assert_string_equal(js(a, "band"), "moderate");
    assert_string_equal(js(json_array_get(json_object_get(a, "flags"), 0), "level"), "moderate");
    assert_int_equal(json_array_size(json_object_get(json_object_get(a, "result"), "resolved")), 2);
    json_decref(a);
    assert_int_equal(COUNT("SELECT count(*) FROM flags WHERE client_id=%lld AND status='active' AND "
                           "kind='suicide_screen_needed'", (long long)cl), 0);
    assert_int_equal(COUNT("SELECT count(*) FROM flag_reviews r JOIN flags f ON f.id=r.flag_id WHERE f.client_id=%lld"
                           " AND r.outcome='resolved' AND r.note_key='flag.resolved_by_assessment'",
                           (long long)cl), 2);
    assert_int_equal(COUNT("SELECT count(*) FROM tasks WHERE client_id=%lld AND title_key='suicide.screen' AND "
                           "status='done' AND done_by=%lld", (long long)cl, (long long)cm), 1);
    /* the review reads in the reader's language, from its key */
    struct actor who = actor_of(T->db, cm);
    struct ctx c;
    ctx_init(&c, &who, T->db);
    json_t *flags = NULL;
    assert_int_equal(flag_list(&c, cl, NULL, &flags), OK);
    size_t i;
    json_t *f;
    int seen = 0;
    json_array_foreach(json_object_get(flags, "items"), i, f) if (str_eq(js(f, "kind"), "suicide_screen_needed"))
    {
        json_t *r = json_array_get(json_object_get(f, "reviews"), 0);
        assert_string_equal(js(r, "note_key"), "flag.resolved_by_assessment");
        assert_non_null(strstr(js(r, "note"), "Resolved by a complete assessment"));
        seen++;
    }
    assert_int_equal(seen, 2);
    json_decref(flags);
    ctx_clear(&c);
#undef COUNT
}

/* Issue 9: an administrator sets the organisation's PHQ-2 cut-off; assessments score with it. */
static void phq2_cutoff_is_set_per_organisation(void **state)
{
    (void)state;
    struct actor who = actor_of(T->db, cm);
    struct ctx c;
    json_t *out = NULL;
    int64_t org = count_of(T->db, "SELECT org_id FROM staff WHERE username='cm1'");
    json_t *a = create_ok(cm, client, "{\"instrument\":\"phq2\",\"answers\":{\"q1\":1,\"q2\":1}}");
    assert_string_equal(js(a, "band"), "negative");
    assert_int_equal(ji(json_object_get(json_object_get(a, "result"), "settings"), "phq2_threshold"), 3);
    json_decref(a);
    /* a case manager may not change it */
    ctx_init(&c, &who, T->db);
    json_t *in = J("{\"phq2_threshold\":2}");
    assert_int_equal(org_update(&c, org, 1, in, &out), ERR_FORBIDDEN);
    ctx_clear(&c);
    int64_t adm = mk_staff(T->db, org, "admin9", "admin");
    struct actor admin = actor_of(T->db, adm);
    static const char *const bad[] = {"{\"phq2_threshold\":4}", "{\"phq2_threshold\":\"2\"}",
                                      "{\"phq2_threshold\":2.0}", "{\"phq2_threshold\":true}"};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        json_t *b = J(bad[i]);
        ctx_init(&c, &admin, T->db);
        assert_int_equal(org_update(&c, org, 1, b, &out), ERR_INVALID);
        assert_non_null(json_object_get(c.errors, "phq2_threshold"));
        ctx_clear(&c);
        json_decref(b);
    }
    ctx_init(&c, &admin, T->db);
    assert_int_equal(org_update(&c, org, 0, in, &out), ERR_CONFLICT); /* a stale version */
    ctx_clear(&c);
    ctx_init(&c, &admin, T->db);
    assert_int_equal(org_update(&c, org, 1, in, &out), OK);
    assert_int_equal(ji(out, "phq2_threshold"), 2);
    assert_int_equal(ji(out, "version"), 2);
    json_decref(out);
    ctx_clear(&c);
    json_decref(in);
    a = create_ok(cm, client, "{\"instrument\":\"phq2\",\"answers\":{\"q1\":1,\"q2\":1}}");
    assert_string_equal(js(a, "band"), "positive");
    assert_int_equal(ji(json_object_get(json_object_get(a, "result"), "settings"), "phq2_threshold"), 2);
    json_decref(a);
    /* back to the default for the other tests */
    in = J("{\"phq2_threshold\":3}");
    ctx_init(&c, &admin, T->db);
    assert_int_equal(org_update(&c, org, 2, in, &out), OK);
    json_decref(out);
    ctx_clear(&c);
    json_decref(in);
}

static void assessment_access(void **state)
{
    (void)state;
    struct ctx c;
    json_t *out;
    const char *body =
        "{\"instrument\":\"swemwbs\",\"answers\":{\"q1\":3,\"q2\":3,\"q3\":3,\"q4\":3,\"q5\":3,\"q6\":3,"
        "\"q7\":3}}";
    /* a peer supporter on the team may; the metric score is stored */
    json_t *r = create_ok(peer, client, body);
    assert_true(fabs(json_number_value(json_object_get(r, "total")) - 19.25) < 1e-9);
    assert_int_equal(ji(json_object_get(r, "result"), "raw"), 21);
    json_decref(r);
    static const struct {
        int64_t *who;
        int rc;
        int audited;
    } w[] = {{&desk, ERR_FORBIDDEN, 1}, {&cm_other, ERR_FORBIDDEN, 1}, {&analyst, ERR_FORBIDDEN, 1}};
    for (size_t i = 0; i < ARRAY_LEN(w); i++) {
        struct actor a = actor_of(T->db, *w[i].who);
        assert_int_equal(create_as(&c, &a, client, body, &out), w[i].rc);
        assert_int_equal(pending(&c, "assessment.create", "denied"), w[i].audited);
        ctx_clear(&c);
        ctx_init(&c, &a, T->db);
        assert_int_equal(assessment_list(&c, client, NULL, &out), w[i].rc);
        assert_true(pending(&c, "assessment.list", "denied"));
        ctx_clear(&c);
        ctx_init(&c, &a, T->db);
        assert_int_equal(assessment_trajectory(&c, client, "swemwbs", &out), w[i].rc);
        ctx_clear(&c);
    }
    struct actor a = actor_of(T->db, cm);
    assert_int_equal(create_as(&c, &a, 999999, body, &out), ERR_NOTFOUND);
    ctx_clear(&c);
}

static void auditc_cutoff_follows_the_clients_sex(void **state)
{
    (void)state;
    static const struct {
        const char *sex, *band;
    } s[] = {{"female", "positive"}, {"male", "negative"}, {"unknown", "positive"}};
    for (size_t i = 0; i < ARRAY_LEN(s); i++) {
        assert_int_equal(db_run(T->db, "UPDATE clients SET sex=? WHERE id=?", "ti", s[i].sex, client2),
                         DB_OK);
        json_t *r =
            create_ok(cm, client2, "{\"instrument\":\"auditc\",\"answers\":{\"q1\":1,\"q2\":1,\"q3\":1}}");
        assert_int_equal(ji(r, "total"), 3);
        assert_string_equal(js(r, "band"), s[i].band);
        json_decref(r);
    }
}

/* One PHQ-9 at a time with a given total (item 9 = 0) or without a total (incomplete). */
static int64_t phq9_at(int64_t cid, int sum, const char *when)
{
    json_t *in =
        json_pack("{s:s,s:o,s:s}", "instrument", "phq9", "answers",
                  sum >= 0 ? phq9(sum, sum > 0) : json_pack("{s:i}", "q1", 1), "administered_at", when);
    if (sum < 0)
        json_object_set_new(in, "incomplete", json_true());
    char *txt = json_dumps(in, JSON_COMPACT);
    json_t *r = create_ok(cm, cid, txt);
    int64_t id = ji(r, "id");
    free(txt);
    json_decref(in);
    json_decref(r);
    return id;
}

static json_t *trajectory_of(int64_t cid, const char *instrument)
{
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    json_t *out = NULL;
    ctx_init(&c, &a, T->db);
    if (assessment_trajectory(&c, cid, instrument, &out) != OK)
        fail_msg("trajectory: %s", c.msg);
    assert_true(pending(&c, "assessment.trajectory", "ok"));
    ctx_clear(&c);
    return out;
}

static const char *markers_of(json_t *p, char *out, size_t n)
{
    size_t i, o = 0;
    json_t *m;
    out[0] = 0;
    json_array_foreach(json_object_get(p, "markers"), i, m) o +=
        (size_t)snprintf(out + o, n - o, "%s%s", i ? " " : "", json_string_value(m));
    return out;
}

static void trajectory_change_markers(void **state)
{
    (void)state;
    int64_t k = mk_client(T->db, 1, cm, "Trajectory", "Kim", "1990-01-01");
    mk_member(T->db, mk_episode(T->db, k, 1, "active", cm, cm), cm, "primary_case_manager", "2026-01-01",
              NULL);
    int64_t first = phq9_at(k, 20, "2026-01-05T10:00");
    phq9_at(k, 12, "2026-02-05T10:00");
    phq9_at(k, -1, "2026-02-20T10:00"); /* incomplete: a point without a total */
    phq9_at(k, 9, "2026-03-05T10:00");
    phq9_at(k, 4, "2026-04-05T10:00");
    json_t *t = trajectory_of(k, "phq9"), *p = json_object_get(t, "points");
    char m[200];
    assert_int_equal(json_array_size(p), 5);
    assert_int_equal(ji(json_object_get(t, "baseline"), "id"), first);
    assert_string_equal(markers_of(json_array_get(p, 0), m, sizeof m), "");
    assert_string_equal(markers_of(json_array_get(p, 1), m, sizeof m), "reliable_improvement"); /* -8, -40% */
    assert_true(json_is_null(json_object_get(json_array_get(p, 2), "total")));
    assert_string_equal(markers_of(json_array_get(p, 2), m, sizeof m), "");
    assert_string_equal(markers_of(json_array_get(p, 3), m, sizeof m),
                        "response reliable_improvement recovery");
    assert_string_equal(markers_of(json_array_get(p, 4), m, sizeof m),
                        "response remission reliable_improvement recovery");
    assert_string_equal(js(json_array_get(p, 4), "band"), "minimal");
    json_t *mk = json_object_get(t, "markers");
    assert_int_equal(json_array_size(mk), 4);
    assert_string_equal(js(json_array_get(mk, 0), "id"), "reliable_improvement");
    assert_string_equal(js(json_array_get(mk, 0), "first_at"), "2026-02-05T10:00:00Z");
    assert_string_equal(js(json_array_get(mk, 3), "id"), "remission");
    assert_string_equal(js(json_array_get(mk, 3), "first_at"), "2026-04-05T10:00:00Z");
    assert_non_null(json_object_get(t, "bands"));
    json_decref(t);
    /* GAD-7: reliable improvement at -4, recovery from 8 or more to below 8 */
    json_decref(create_ok(cm, k,
                          "{\"instrument\":\"gad7\",\"administered_at\":\"2026-01-05T10:00\",\"answers\":"
                          "{\"q1\":3,\"q2\":3,\"q3\":3,\"q4\":3,\"q5\":0,\"q6\":0,\"q7\":0}}"));
    json_decref(create_ok(cm, k,
                          "{\"instrument\":\"gad7\",\"administered_at\":\"2026-02-05T10:00\",\"answers\":"
                          "{\"q1\":2,\"q2\":2,\"q3\":2,\"q4\":2,\"q5\":0,\"q6\":0,\"q7\":0}}"));
    json_decref(create_ok(cm, k,
                          "{\"instrument\":\"gad7\",\"administered_at\":\"2026-03-05T10:00\",\"answers\":"
                          "{\"q1\":2,\"q2\":2,\"q3\":2,\"q4\":1,\"q5\":0,\"q6\":0,\"q7\":0}}"));
    t = trajectory_of(k, "gad7");
    p = json_object_get(t, "points");
    assert_string_equal(markers_of(json_array_get(p, 1), m, sizeof m), "reliable_improvement");
    assert_string_equal(markers_of(json_array_get(p, 2), m, sizeof m), "reliable_improvement recovery");
    json_decref(t);
    /* no change rules (DAST-10): points, no markers; an unknown instrument without history: 404 */
    t = trajectory_of(k, "dast10");
    assert_int_equal(json_array_size(json_object_get(t, "points")), 0);
    assert_int_equal(json_array_size(json_object_get(t, "change")), 0);
    json_decref(t);
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    json_t *out;
    ctx_init(&c, &a, T->db);
    assert_int_equal(assessment_trajectory(&c, k, "nope", &out), ERR_NOTFOUND);
    ctx_clear(&c);
    ctx_init(&c, &a, T->db);
    assert_int_equal(assessment_trajectory(&c, k, NULL, &out), ERR_INVALID);
    assert_string_equal(js(c.errors, "instrument"), "is required");
    ctx_clear(&c);
}

static void history_is_never_rescored(void **state)
{
    (void)state;
    int64_t k = mk_client(T->db, 1, cm, "History", "Choi", "1985-03-03");
    mk_member(T->db, mk_episode(T->db, k, 1, "active", cm, cm), cm, "primary_case_manager", "2026-01-01",
              NULL);
    int64_t old = phq9_at(k, 12, "2025-06-01T09:00");
    /* scored under an earlier definition: its total, band and version stay as they were */
    assert_int_equal(db_run(T->db,
                            "UPDATE assessments SET instrument_version='0.9', total=13, band='moderate_old'"
                            " WHERE id=?",
                            "i", old),
                     DB_OK);
    phq9_at(k, 7, "2025-09-01T09:00");
    struct actor a = actor_of(T->db, cm);
    struct ctx c;
    json_t *list;
    ctx_init(&c, &a, T->db);
    assert_int_equal(assessment_list(&c, k, NULL, &list), OK);
    assert_true(pending(&c, "assessment.list", "ok"));
    ctx_clear(&c);
    json_t *env = list;
    list = json_object_get(env, "items");
    assert_int_equal(json_array_size(list), 2);
    json_t *o = json_array_get(list, 1); /* newest first */
    assert_int_equal(ji(o, "id"), old);
    assert_string_equal(js(o, "instrument_version"), "0.9");
    assert_int_equal(ji(o, "total"), 13);
    assert_string_equal(js(o, "band"), "moderate_old");
    assert_string_equal(js(json_array_get(list, 0), "instrument_version"), "2");
    json_decref(env);
    json_t *t = trajectory_of(k, "phq9");
    json_t *p0 = json_array_get(json_object_get(t, "points"), 0);
    assert_int_equal(ji(p0, "total"), 13);
    assert_string_equal(js(p0, "version"), "0.9");
    char m[100];
    /* 13 -> 7 against the stored 13 is a reliable improvement (against a rescored 12 it would not be) */
    assert_string_equal(markers_of(json_array_get(json_object_get(t, "points"), 1), m, sizeof m),
                        "reliable_improvement recovery");
    json_decref(t);
}

int main(void)
{
    clock_init();
    log_quiet = 1;
    const char *tmp = getenv("TMPDIR");
    snprintf(tmp_dir, sizeof tmp_dir, "%s/hearth-instr-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(tmp_dir))
        return 1;
    char err[600];
    if (instruments_load(DEFS, NULL, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_definitions_load),
        cmocka_unit_test(phq9_bands_at_every_boundary),
        cmocka_unit_test(phq9_item10_is_recorded_never_scored),
        cmocka_unit_test(phq9_item9_raises_suicide_risk_whatever_the_total),
        cmocka_unit_test(phq9_missing_items_refused_or_saved_without_total),
        cmocka_unit_test(phq9_answer_values_are_checked),
        cmocka_unit_test(phq2_threshold_and_no_suicide_item),
        cmocka_unit_test(phq2_threshold_is_the_organisations_setting),
        cmocka_unit_test(gad7_bands_maximum_and_labels),
        cmocka_unit_test(cssrs_every_path),
        cmocka_unit_test(cssrs_flow_refuses_skipped_and_missing_answers),
        cmocka_unit_test(cssrs_partial_screen_raises_the_risk_its_answers_imply),
        cmocka_unit_test(k10_codings_bands_and_k6),
        cmocka_unit_test(audit_zones_at_every_boundary),
        cmocka_unit_test(audit_items_9_10_skip_logic_and_escalation),
        cmocka_unit_test(auditc_sex_specific_cutoffs),
        cmocka_unit_test(dast10_reversed_item_and_bands),
        cmocka_unit_test(swemwbs_every_table_row),
        cmocka_unit_test(prorated_sum_with_reversed_item),
        cmocka_unit_test(each_malformed_definition_gives_its_error),
        cmocka_unit_test(malformed_files_and_folders),
        cmocka_unit_test(shipped_definitions_speak_korean),
        cmocka_unit_test(plain_definition_falls_back_to_english),
        cmocka_unit_test(wording_files_load_and_are_checked),
    };
    const struct CMUnitTest db_tests[] = {
        cmocka_unit_test(assessment_is_stored_as_scored_and_raises_flags),
        cmocka_unit_test(assessment_refusals),
        cmocka_unit_test(assessment_access),
        cmocka_unit_test(auditc_cutoff_follows_the_clients_sex),
        cmocka_unit_test(trajectory_change_markers),
        cmocka_unit_test(history_is_never_rescored),
        cmocka_unit_test(item9_asks_for_a_screen_and_the_screen_sets_the_level),
        cmocka_unit_test(phq2_cutoff_is_set_per_organisation),
    };
    int rc = cmocka_run_group_tests_name("instrument", tests, NULL, NULL);
    rc |= cmocka_run_group_tests_name("assessment", db_tests, world, world_end);
    instruments_free();
    clean_dir(tmp_dir);
    return rc;
}
