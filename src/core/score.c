/* score: the one scoring engine the definitions choose from (sum with reversed items, prorated sum,
 * raw-to-metric table, rule-based triage), then bands, escalation, derived scores, remarks, triggers. */
#include "base/base.h"
#include "core/instrument.h"
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* What a condition sees: answers of the questions asked, scores known so far, the band, the sex. */
struct sstate {
    json_t *vals, *scores;
    const char *band, *sex;
};

static int matches(const json_t *want, const char *have)
{
    size_t i;
    json_t *e;
    if (!have)
        return 0;
    if (json_is_string(want))
        return str_eq(json_string_value(want), have);
    json_array_foreach(want, i, e) if (str_eq(json_string_value(e), have)) return 1;
    return 0;
}

static int compare(const char *op, double a, double b)
{
    return str_eq(op, "eq")   ? a == b
           : str_eq(op, "ne") ? a != b
           : str_eq(op, "lt") ? a < b
           : str_eq(op, "le") ? a <= b
           : str_eq(op, "gt") ? a > b
                              : a >= b;
}

/* Conditions were checked when the definition was loaded (instrument.c, cond_ok). */
static int cond_eval(const json_t *c, const struct sstate *s)
{
    json_t *x, *e;
    size_t i;
    const char *k;
    if ((x = json_object_get(c, "all"))) {
        json_array_foreach(x, i, e) if (!cond_eval(e, s)) return 0;
        return 1;
    }
    if ((x = json_object_get(c, "any"))) {
        json_array_foreach(x, i, e) if (cond_eval(e, s)) return 1;
        return 0;
    }
    if ((x = json_object_get(c, "not")))
        return !cond_eval(x, s);
    if ((x = json_object_get(c, "band")))
        return matches(x, s->band);
    if ((x = json_object_get(c, "sex")))
        return matches(x, s->sex);
    int item = json_object_get(c, "item") != NULL;
    json_t *pool = item ? s->vals : s->scores;
    json_t *val =
        pool ? json_object_get(pool, json_string_value(json_object_get(c, item ? "item" : "score"))) : NULL;
    json_object_foreach((json_t *)c, k, x)
    {
        if (str_eq(k, "item") || str_eq(k, "score"))
            continue;
        if (str_eq(k, "missing"))
            return json_is_true(x) == (val == NULL);
        if (!val)
            return 0;
        double a = json_number_value(val);
        if (str_eq(k, "in")) {
            json_array_foreach(x, i, e) if (a == json_number_value(e)) return 1;
            return 0;
        }
        return compare(k, a, json_number_value(x));
    }
    return 0;
}

/* An answer is the instrument's own value: a JSON whole number. true, "2", " 2" and 2.0 are refused,
 * never coerced (a form's text is turned into the option's value by the page that reads the form). */
static int answer_int(json_t *a, int *out)
{
    if (!json_is_integer(a) || json_integer_value(a) < -100000 || json_integer_value(a) > 100000)
        return -1;
    *out = (int)json_integer_value(a);
    return 0;
}

/* 1 when v is one of the item's answer values; else the values listed in msg. */
static int allowed(json_t *item, int v, char *msg, size_t n)
{
    size_t i, o = 0;
    json_t *op;
    json_array_foreach(json_object_get(item, "options"), i, op)
    {
        int x = (int)json_integer_value(json_object_get(op, "value"));
        if (x == v)
            return 1;
        if (o < n)
            o += (size_t)snprintf(msg + o, n - o, "%s%d", i ? ", " : "", x);
    }
    return 0;
}

static void item_range(json_t *item, int *lo, int *hi)
{
    size_t i;
    json_t *op;
    *lo = 1000000;
    *hi = -1000000;
    json_array_foreach(json_object_get(item, "options"), i, op)
    {
        int x = (int)json_integer_value(json_object_get(op, "value"));
        *lo = x < *lo ? x : *lo;
        *hi = x > *hi ? x : *hi;
    }
}

static int has_item(const json_t *def, const char *id)
{
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(def, "items"), i,
                       it) if (str_eq(json_string_value(json_object_get(it, "id")), id)) return 1;
    return 0;
}

/* The highest band whose lower bound the score reaches. */
static json_t *band_of(json_t *bands, double x, size_t *index)
{
    size_t i;
    json_t *b, *best = NULL;
    json_array_foreach(bands, i, b) if (x >= json_number_value(json_object_get(b, "min")) - 1e-9)
    {
        best = b;
        *index = i;
    }
    return best;
}

static int level_rank(const char *l)
{
    return str_eq(l, "high") ? 3 : str_eq(l, "moderate") ? 2 : 1;
}

/* The triggers that fire: one per flag kind, the highest level (the first of equals). */
static json_t *fire(const json_t *def, const struct sstate *s)
{
    json_t *out = json_array(), *t, *f;
    size_t i, j;
    json_array_foreach(json_object_get(def, "triggers"), i, t)
    {
        if (!cond_eval(json_object_get(t, "when"), s))
            continue;
        const char *flag = json_string_value(json_object_get(t, "flag"));
        const char *level = json_string_value(json_object_get(t, "level"));
        json_t *mine =
            json_pack("{s:s,s:s,s:O}", "flag", flag, "level", level, "reason", json_object_get(t, "reason"));
        int placed = 0;
        json_array_foreach(out, j, f) if (str_eq(json_string_value(json_object_get(f, "flag")), flag))
        {
            if (level_rank(level) > level_rank(json_string_value(json_object_get(f, "level"))))
                json_array_set(out, j, mine);
            placed = 1;
            break;
        }
        if (!placed)
            json_array_append(out, mine);
        json_decref(mine);
    }
    return out;
}

static json_t *remarks(const json_t *def, const struct sstate *s)
{
    json_t *out = json_array(), *r;
    size_t i;
    json_array_foreach(json_object_get(def, "remarks"), i, r)
    {
        json_t *w = json_object_get(r, "when");
        if (!w || cond_eval(w, s))
            json_array_append_new(out, json_pack("{s:O,s:O}", "id", json_object_get(r, "id"), "text",
                                                 json_object_get(r, "text")));
    }
    return out;
}

static void set_band(json_t *r, const char *key, json_t *band)
{
    char k[40];
    json_object_set(r, key, band ? json_object_get(band, "id") : json_null());
    snprintf(k, sizeof k, "%s_label", key);
    json_object_set(r, k, band ? json_object_get(band, "label") : json_null());
    if (band && json_object_get(band, "advice"))
        json_object_set(r, "advice", json_object_get(band, "advice"));
}

/* The bands with each band's "setting" applied: its lower bound is the organisation's value when that
 * is one the definition allows, else the band's own min (the default). *used gets name -> value. */
static json_t *bands_with_settings(json_t *bands, const json_t *settings, json_t *used)
{
    json_t *out = NULL, *b, *e;
    size_t i, j;
    json_array_foreach(bands, i, b)
    {
        json_t *set = json_object_get(b, "setting");
        if (!set)
            continue;
        if (!out)
            out = json_deep_copy(bands);
        const char *name = json_string_value(json_object_get(set, "name"));
        json_t *want = json_object_get(settings, name), *min = json_object_get(b, "min");
        json_array_foreach(json_object_get(set, "values"), j, e) if (json_is_integer(want) &&
                                                                     json_equal(e, want)) min = want;
        json_object_set(json_array_get(out, i), "min", min);
        json_object_set(used, name, min);
    }
    return out ? out : json_incref(bands);
}

/* Derived scores (K6 from the K10, ...): each when all its items have a score. */
static json_t *derive(const json_t *def, json_t *item_scores, json_t *scores)
{
    json_t *out = json_object(), *d, *e;
    size_t i, j;
    json_array_foreach(json_object_get(def, "derived"), i, d)
    {
        json_int_t sum = json_integer_value(json_object_get(d, "offset"));
        int ok = 1;
        json_array_foreach(json_object_get(d, "items"), j, e)
        {
            json_t *x = json_object_get(item_scores, json_string_value(e));
            ok = ok && x;
            sum += json_integer_value(x);
        }
        if (!ok)
            continue;
        const char *id = json_string_value(json_object_get(d, "id"));
        json_t *o = json_pack("{s:I,s:O}", "score", sum, "label", json_object_get(d, "label"));
        if (json_object_get(d, "coding"))
            json_object_set(o, "coding", json_object_get(d, "coding"));
        size_t bi;
        if (json_object_get(d, "bands"))
            set_band(o, "band", band_of(json_object_get(d, "bands"), (double)sum, &bi));
        json_object_set_new(out, id, o);
        json_object_set_new(scores, id, json_integer(sum));
    }
    return out;
}

/* Missing answers that the definition does not allow: a field error each, and a summary. */
static void refuse_missing(const json_t *def, json_t *missing, json_t *errs, const struct sstate *s,
                           unsigned opts, json_t **result, char *err, size_t errlen)
{
    char list[512] = "", more[300] = "";
    size_t i, o = 0;
    json_t *m;
    json_array_foreach(missing, i, m)
    {
        json_object_set_new(errs, json_string_value(m), json_string(_("is required")));
        if (o < sizeof list)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", json_string_value(m));
    }
    int may = json_is_true(json_object_get(def, "save_incomplete"));
    json_t *risk = fire(def, s); /* item triggers already met by the answers given */
    if (json_array_size(risk))
        snprintf(more, sizeof more,
                 _(" The answers given already raise a %s flag (%s): complete the form%s."),
                 json_string_value(json_object_get(json_array_get(risk, 0), "flag")),
                 json_string_value(json_object_get(json_array_get(risk, 0), "level")),
                 may ? _(" or save it as incomplete") : "");
    if (json_is_integer(json_object_get(def, "max_missing")))
        snprintf(err, errlen, _("Too many questions are unanswered (%s); at most %lld may be.%s"), list,
                 (long long)json_integer_value(json_object_get(def, "max_missing")), more);
    else if ((opts & SCORE_INCOMPLETE) && !may)
        snprintf(err, errlen, _("This instrument is scored only when complete; unanswered: %s.%s"), list,
                 more);
    else
        snprintf(err, errlen,
                 may ? _("Not every question is answered (%s). Answer them, or save the form as incomplete"
                         " (no total).%s")
                     : _("Not every question is answered (%s).%s"),
                 list, more);
    *result = json_pack("{s:O,s:o}", "missing", missing, "triggers", risk);
}

int instrument_score(const struct instrument *ins, json_t *answers, const char *sex, unsigned opts,
                     json_t **result, json_t **errors, char *err, size_t errlen)
{
    return instrument_score_with(ins, answers, sex, NULL, opts, result, errors, err, errlen);
}

int instrument_score_with(const struct instrument *ins, json_t *answers, const char *sex,
                          const json_t *settings, unsigned opts, json_t **result, json_t **errors, char *err,
                          size_t errlen)
{
    const json_t *def = instrument_def(ins);
    const char *method = json_string_value(json_object_get(def, "method")), *k;
    int triage = str_eq(method, "triage"), table = str_eq(method, "table");
    json_t *errs = json_object(), *vals = json_object(), *missing = json_array(), *skipped = json_object();
    json_t *scores = json_object(), *item_scores = json_object(), *it, *a;
    struct sstate st = {.vals = vals, .scores = scores};
    st.sex = str_eq(sex, "female") ? "female" : str_eq(sex, "male") ? "male" : "other";
    size_t i;
    int answered = 0, bad_value = 0, rc = ERR_INVALID;
    *result = *errors = NULL;
    snprintf(err, errlen, "%s", "");
    if (!json_is_object(answers))
        json_object_set_new(errs, "answers", json_string(_("must be an object: question -> answer")));
    json_object_foreach(answers, k, a) if (!has_item(def, k))
        json_object_set_new(errs, k, json_string(_("is not a question of this instrument")));
    /* The question flow, in order: a question is asked when its ask_when holds on earlier answers. */
    json_array_foreach(json_object_get(def, "items"), i, it)
    {
        const char *id = json_string_value(json_object_get(it, "id"));
        a = json_object_get(answers, id);
        int has = a && !json_is_null(a) && !(json_is_string(a) && !*json_string_value(a)), v = INT_MIN;
        json_t *aw = json_object_get(it, "ask_when");
        char vals_txt[200];
        if (aw && !cond_eval(aw, &st)) {
            if (has && !bad_value) /* after a bad answer the flow is unknown: say nothing yet */
                json_object_set_new(errs, id,
                                    json_string(_("was not asked (an earlier answer skips it): leave it "
                                                  "empty")));
            json_object_set_new(skipped, id, json_true());
        } else if (!has) {
            if (!json_is_true(json_object_get(it, "optional")))
                json_array_append_new(missing, json_string(id));
        } else if (!allowed(it, answer_int(a, &v) == 0 ? v : INT_MIN, vals_txt, sizeof vals_txt)) {
            char m[260];
            snprintf(m, sizeof m, _("must be one of %s"), vals_txt);
            json_object_set_new(errs, id, json_string(m));
            bad_value = 1;
        } else {
            json_object_set_new(vals, id, json_integer(v));
            answered++;
        }
    }
    if (json_object_size(errs)) {
        snprintf(err, errlen, "%s", _("Some answers are not valid."));
        goto done;
    }
    if ((opts & SCORE_INCOMPLETE) && answered == 0) {
        json_object_set_new(errs, "answers", json_string(_("an incomplete form needs at least one answer")));
        snprintf(err, errlen, "%s", _("An incomplete form needs at least one answer."));
        goto done;
    }
    /* Item scores: the answer (reversed: lowest + highest - answer), or the skip score. */
    int nscored = 0, have = 0, scored_missing = 0;
    double sum = 0;
    json_array_foreach(json_object_get(def, "items"), i, it)
    {
        const char *id = json_string_value(json_object_get(it, "id"));
        if (!json_is_true(json_object_get(it, "scored")))
            continue;
        nscored++;
        json_t *x = json_object_get(vals, id);
        int lo, hi, s;
        item_range(it, &lo, &hi);
        if (x)
            s = json_is_true(json_object_get(it, "reverse")) ? lo + hi - (int)json_integer_value(x)
                                                             : (int)json_integer_value(x);
        else if (json_object_get(skipped, id))
            s = (int)json_integer_value(json_object_get(it, "skip_score"));
        else {
            scored_missing++;
            continue;
        }
        have++;
        sum += s;
        json_object_set_new(item_scores, id, json_integer(s));
    }
    size_t nmiss = json_array_size(missing);
    /* A triage level the answers given already reach: an incomplete form reaches no default level,
     * but a risk its answers imply is a risk (the refusal names it, and a saved form raises it). */
    json_t *band = NULL, *bands = NULL, *own_bands = NULL;
    json_array_foreach(triage ? json_object_get(def, "levels") : NULL, i, it)
    {
        json_t *w = json_object_get(it, "when");
        if (w ? cond_eval(w, &st) : nmiss == 0) {
            band = it;
            break;
        }
    }
    st.band = band ? json_string_value(json_object_get(band, "id")) : NULL;
    int prorate = 0, incomplete = 0;
    json_int_t max_missing = json_integer_value(json_object_get(def, "max_missing"));
    if (nmiss && str_eq(method, "prorated") && (size_t)scored_missing == nmiss &&
        scored_missing <= max_missing)
        prorate = 1;
    else if (nmiss && (opts & SCORE_INCOMPLETE) && json_is_true(json_object_get(def, "save_incomplete")))
        incomplete = 1;
    else if (nmiss) {
        refuse_missing(def, missing, errs, &st, opts, result, err, errlen);
        goto done;
    }
    json_t *r = json_object();
    int known = !triage && (scored_missing == 0 || prorate);
    double total = sum;
    if (known && prorate) {
        total = floor(sum * nscored / have + 0.5);
        json_object_set_new(r, "raw_sum", json_integer((json_int_t)sum));
    }
    if (known && table) {
        json_t *t = json_object_get(def, "table");
        json_int_t first = json_integer_value(json_array_get(json_array_get(t, 0), 0));
        total = json_number_value(json_array_get(json_array_get(t, (size_t)((json_int_t)sum - first)), 1));
        json_object_set_new(r, "raw", json_integer((json_int_t)sum));
        json_object_set_new(scores, "raw", json_integer((json_int_t)sum));
    }
    if (known)
        json_object_set_new(scores, "total", json_real(total));
    json_t *derived = derive(def, item_scores, scores);
    size_t bi = 0;
    if (!triage && known) {
        bands = json_object_get(def, "bands");
        if (json_object_get(def, "bands_by_sex")) {
            bands = json_object_get(json_object_get(def, "bands_by_sex"), st.sex);
            json_object_set_new(r, "banding_sex", json_string(st.sex));
        }
        json_t *used = json_object();
        bands = own_bands = bands_with_settings(bands, settings, used);
        if (json_object_size(used))
            json_object_set(r, "settings", used);
        json_decref(used);
        band = band_of(bands, total, &bi);
        /* The zone stays the total's; a rule like AUDIT's WHO rule raises the level of intervention
         * (the next band's advice), shown beside it. */
        json_t *esc = json_object_get(def, "escalate");
        if (band && esc) {
            int raise = bi + 1 < json_array_size(bands) && cond_eval(json_object_get(esc, "when"), &st);
            json_t *lv = raise ? json_array_get(bands, bi + 1) : band;
            json_t *iv = json_pack("{s:O,s:O,s:b}", "level", json_object_get(lv, "id"), "label",
                                   json_object_get(lv, "label"), "raised", raise);
            if (json_object_get(lv, "advice"))
                json_object_set(iv, "advice", json_object_get(lv, "advice"));
            if (raise) {
                json_object_set(iv, "from", json_object_get(band, "id"));
                json_object_set(iv, "reason", json_object_get(esc, "reason"));
            }
            json_object_set_new(r, "intervention", iv);
        }
    }
    st.band = band ? json_string_value(json_object_get(band, "id")) : NULL;
    json_object_set(r, "instrument", json_object_get(def, "id"));
    json_object_set(r, "version", json_object_get(def, "version"));
    json_object_set(r, "method", json_object_get(def, "method"));
    json_object_set(r, "coding", json_object_get(def, "coding"));
    if (json_object_get(def, "banding"))
        json_object_set(r, "banding", json_object_get(def, "banding"));
    json_object_set_new(r, "total",
                        !known  ? json_null()
                        : table ? json_real(total)
                                : json_integer((json_int_t)total));
    set_band(r, "band", band);
    json_object_set_new(r, "answered", json_integer(answered));
    json_object_set_new(r, "missing", json_incref(missing));
    json_t *sk = json_array();
    json_object_foreach(skipped, k, a) json_array_append_new(sk, json_string(k));
    json_object_set_new(r, "skipped", sk);
    json_object_set_new(r, "prorated", json_boolean(prorate));
    json_object_set_new(r, "incomplete", json_boolean(incomplete));
    json_object_set_new(r, "item_scores", json_incref(item_scores));
    json_object_set_new(r, "derived", derived);
    json_object_set_new(r, "remarks", remarks(def, &st));
    json_object_set_new(r, "triggers", fire(def, &st));
    *result = r;
    rc = OK;
    json_decref(own_bands);
done:
    if (rc != OK && json_object_size(errs))
        *errors = json_incref(errs);
    json_decref(errs);
    json_decref(vals);
    json_decref(missing);
    json_decref(skipped);
    json_decref(scores);
    json_decref(item_scores);
    return rc;
}
