/* instrument: loads and validates the definitions (instruments/ID.json; format in instruments/README.md)
 * into a read-only set; score.c scores answers against them. */
#include "core/instrument.h"
#include "base/base.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { M_SUM, M_PRORATED, M_TABLE, M_TRIAGE };
static const char *const methods[] = {"sum", "prorated", "table", "triage", NULL};

#define NLANG 2 /* i18n_languages: "en", "ko" */

struct instrument {
    json_t *def;           /* normalised: option sets resolved, defaults filled, "range" added; English */
    json_t *def_in[NLANG]; /* the same in each language (def_in[0] is def) */
    char *wording[NLANG];  /* the wording each language shows: "hearth-ko", or a wording file's id */
    char *file;
    int method;
};

static struct instrument **reg;
static int nreg;

/* ---------- validation: every error is "FILE: at PLACE: REASON" ---------- */

struct vc {
    const char *file;
    char *err;
    size_t errlen;
    json_t *def, *items;
    json_t *scores;  /* names a "score" condition may use */
    json_t *bandids; /* band and level ids a "band" condition may use */
    double lo, hi;   /* range of the raw sum */
    int bilingual;   /* some text is {"en": ..., "ko": ...}: then every shown text must be */
};

static int bad(struct vc *v, const char *place, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad(struct vc *v, const char *place, const char *fmt, ...)
{
    char reason[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    snprintf(v->err, v->errlen, "%s: at %s: %s", v->file, place, reason);
    return -1;
}

static const char *const top_keys[] = {
    "id",      "name",        "version",      "recall",      "method",
    "coding",  "banding",     "codes",        "licence",     "sources",
    "comment", "option_sets", "items",        "max_missing", "save_incomplete",
    "table",   "bands",       "bands_by_sex", "escalate",    "levels",
    "derived", "triggers",    "remarks",      "change",      "higher_is_better",
    "resolves", "administered_by", "wording", NULL};
static const char *const item_keys[] = {"id",         "label",   "text",    "options",  "code",
                                        "recall",     "scored",  "reverse", "ask_when", "optional",
                                        "skip_score", "comment", NULL};
static const char *const option_keys[] = {"value", "label", "text", "code", NULL};
static const char *const band_keys[] = {"min", "id", "label", "advice", "setting", NULL};
static const char *const setting_keys[] = {"name", "values", "comment", NULL};
static const char *const level_keys[] = {"id", "label", "advice", "when", NULL};
static const char *const derived_keys[] = {"id", "label", "items", "offset", "coding", "bands", NULL};
static const char *const trigger_keys[] = {"when", "flag", "level", "reason", "basis", NULL};
static const char *const remark_keys[] = {"id", "when", "text", NULL};
static const char *const change_keys[] = {"id", "label", "kind", "value", NULL};
static const char *const licence_keys[] = {"holder", "terms", "copyright", "source", "registration_required",
                                           NULL};
static const char *const sex_keys[] = {"female", "male", "other", NULL};
static const char *const change_kinds[] = {"drop", "drop_pct", "below", "recovery", NULL};
static const char *const flag_levels[] = {"low", "moderate", "high", NULL};
static const char *const ops[] = {"eq", "ne", "lt", "le", "gt", "ge", NULL};
/* Who may administer an instrument (issue 11 §4): clinical staff (everyone the access table lets record
 * assessments but peer supporters), peer supporters. */
static const char *const administrators[] = {"clinical", "peer", NULL};

static const char *at(char *buf, size_t n, const char *place, const char *key)
{
    snprintf(buf, n, "%s%s%s", place, *place ? "." : "", key);
    return buf;
}

static int keys_ok(struct vc *v, json_t *o, const char *place, const char *const *allowed)
{
    if (!json_is_object(o))
        return bad(v, place, "must be an object");
    const char *k;
    json_t *x;
    json_object_foreach(o, k, x) if (!in_list(allowed, k)) return bad(v, place, "unknown member \"%s\"", k);
    return 0;
}

static int text_ok(struct vc *v, json_t *o, const char *key, const char *place, int required, size_t max)
{
    char p[200];
    json_t *x = json_object_get(o, key);
    if (!x)
        return required ? bad(v, at(p, sizeof p, place, key), "is required") : 0;
    if (!json_is_string(x) || !*json_string_value(x))
        return bad(v, at(p, sizeof p, place, key), "must be non-empty text");
    if (utf8_len(json_string_value(x)) > max)
        return bad(v, at(p, sizeof p, place, key), "must be at most %zu characters", max);
    return 0;
}

/* A text shown to the user (a name, a question, an answer, a band...): plain text, the same in every
 * language, or {"en": ..., "ko": ...}. A definition that gives one text in both languages is bilingual
 * and must give them all so: a missing Korean text is an error, never a silent English fallback. */
static int ltext_ok(struct vc *v, json_t *o, const char *key, const char *place, int required, size_t max)
{
    char p[200];
    json_t *x = json_object_get(o, key), *e;
    if (!x || json_is_string(x)) {
        if (x && v->bilingual)
            return bad(v, at(p, sizeof p, place, key),
                       "has no Korean text: give {\"en\": ..., \"ko\": ...} (the definition is bilingual)");
        return text_ok(v, o, key, place, required, max);
    }
    if (!json_is_object(x))
        return bad(v, at(p, sizeof p, place, key), "must be text, or {\"en\": text, \"ko\": text}");
    const char *k;
    json_object_foreach(x, k, e) if (!i18n_supported(k) || !str_eq(i18n_supported(k), k)) return bad(
        v, at(p, sizeof p, place, key), "unknown language \"%s\" (en, ko)", k);
    for (int l = 0; i18n_languages[l]; l++) {
        if (!json_object_get(x, i18n_languages[l]))
            return bad(v, at(p, sizeof p, place, key), "has no %s text (\"%s\")",
                       l == 0 ? "English" : "Korean", i18n_languages[l]);
        if (text_ok(v, x, i18n_languages[l], at(p, sizeof p, place, key), 1, max))
            return -1;
    }
    return 0;
}

/* An object {"en": ..., "ko": ...} (a text in both languages). */
static int is_ltext(json_t *x)
{
    return json_is_object(x) && json_object_size(x) > 0 && json_is_string(json_object_get(x, "en"));
}
static int has_ltext(json_t *x, int depth)
{
    const char *k;
    size_t i;
    json_t *e;
    if (depth > 12)
        return 0;
    if (is_ltext(x))
        return 1;
    json_object_foreach(x, k, e) if (has_ltext(e, depth + 1)) return 1;
    json_array_foreach(x, i, e) if (has_ltext(e, depth + 1)) return 1;
    return 0;
}
/* x with every {"en": ..., "ko": ...} replaced by its text in language l (a new reference). */
static json_t *in_lang(json_t *x, int l)
{
    if (is_ltext(x)) {
        json_t *t = json_object_get(x, i18n_languages[l]);
        return json_incref(t ? t : json_object_get(x, "en"));
    }
    const char *k;
    size_t i;
    json_t *e, *out;
    if (json_is_object(x)) {
        out = json_object();
        json_object_foreach(x, k, e) json_object_set_new(out, k, in_lang(e, l));
        return out;
    }
    if (json_is_array(x)) {
        out = json_array();
        json_array_foreach(x, i, e) json_array_append_new(out, in_lang(e, l));
        return out;
    }
    return json_incref(x);
}

static int ident(const char *s)
{
    size_t n = 0;
    for (; s && s[n]; n++)
        if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '_'))
            return 0;
    return n >= 1 && n <= 32;
}

static int id_ok(struct vc *v, json_t *o, const char *key, const char *place)
{
    char p[200];
    if (text_ok(v, o, key, place, 1, 32))
        return -1;
    if (!ident(json_string_value(json_object_get(o, key))))
        return bad(v, at(p, sizeof p, place, key), "must be 1 to 32 characters a-z, 0-9 or _");
    return 0;
}

static int bool_ok(struct vc *v, json_t *o, const char *key, const char *place, int def)
{
    char p[200];
    json_t *x = json_object_get(o, key);
    if (x && !json_is_boolean(x))
        return bad(v, at(p, sizeof p, place, key), "must be true or false");
    if (!x && def >= 0)
        json_object_set_new(o, key, json_boolean(def));
    return 0;
}

/* [lo, hi] as whole numbers where they are whole (a table's metric range may not be). */
static json_t *range(double lo, double hi)
{
    json_t *r = json_array();
    double v[2] = {lo, hi};
    for (int i = 0; i < 2; i++)
        json_array_append_new(r, v[i] == floor(v[i]) ? json_integer((json_int_t)v[i]) : json_real(v[i]));
    return r;
}

static int item_index(json_t *items, const char *id)
{
    size_t i;
    json_t *it;
    json_array_foreach(items, i,
                       it) if (str_eq(json_string_value(json_object_get(it, "id")), id)) return (int)i;
    return -1;
}

enum { C_ITEM = 1, C_SCORE = 2, C_BAND = 4, C_SEX = 8 };

/* A condition; items named must come before item index `upto` (-1: any item). */
static int cond_ok(struct vc *v, json_t *c, const char *place, unsigned allow, int upto, int depth)
{
    char p[240];
    size_t i;
    json_t *x, *e;
    if (!json_is_object(c) || json_object_size(c) == 0)
        return bad(v, place, "a condition must be a non-empty object");
    if (depth > 6)
        return bad(v, place, "conditions nest too deeply");
    static const char *const alone[] = {"all", "any", "not", "band", "sex", NULL};
    for (const char *const *k = alone; *k; k++) {
        if (!(x = json_object_get(c, *k)))
            continue;
        if (json_object_size(c) != 1)
            return bad(v, place, "\"%s\" must stand alone in its condition", *k);
        if (str_eq(*k, "not"))
            return cond_ok(v, x, at(p, sizeof p, place, "not"), allow, upto, depth + 1);
        if (str_eq(*k, "all") || str_eq(*k, "any")) {
            if (!json_is_array(x) || !json_array_size(x))
                return bad(v, place, "\"%s\" needs a non-empty list of conditions", *k);
            json_array_foreach(x, i, e)
            {
                snprintf(p, sizeof p, "%s.%s[%zu]", place, *k, i);
                if (cond_ok(v, e, p, allow, upto, depth + 1))
                    return -1;
            }
            return 0;
        }
        int band = str_eq(*k, "band");
        if (!(allow & (band ? C_BAND : C_SEX)))
            return bad(v, place, "cannot test the %s here", *k);
        json_t *one = json_array();
        json_array_append(one, x);
        json_t *list = json_is_array(x) ? x : one;
        int rc = json_array_size(list) ? 0 : bad(v, place, "\"%s\" needs a name or a list of names", *k);
        json_array_foreach(list, i, e)
        {
            const char *s = json_string_value(e);
            if (rc == 0 && (!s || (band ? !json_object_get(v->bandids, s) : !in_list(sex_keys, s))))
                rc = bad(v, place, "unknown %s \"%s\"", band ? "band or level" : "sex (female, male, other)",
                         s ? s : "?");
        }
        json_decref(one);
        return rc;
    }
    int is_item = json_object_get(c, "item") != NULL;
    if (!is_item && !json_object_get(c, "score"))
        return bad(v, place, "a condition needs one of all, any, not, item, score, band, sex");
    const char *name = json_string_value(json_object_get(c, is_item ? "item" : "score"));
    if (!name)
        return bad(v, place, "\"%s\" must be text", is_item ? "item" : "score");
    if (is_item) {
        int idx = item_index(v->items, name);
        if (!(allow & C_ITEM))
            return bad(v, place, "cannot test an item here");
        if (idx < 0)
            return bad(v, place, "unknown item \"%s\"", name);
        if (upto >= 0 && idx >= upto)
            return bad(v, place, "item \"%s\" is not asked before this question", name);
    } else if (!(allow & C_SCORE)) {
        return bad(v, place, "cannot test a score here");
    } else if (!json_object_get(v->scores, name)) {
        return bad(v, place, "unknown score \"%s\"", name);
    }
    if (json_object_size(c) != 2)
        return bad(v, place, "give exactly one comparison: eq, ne, lt, le, gt, ge, in or missing");
    const char *k;
    json_object_foreach(c, k, x)
    {
        if (str_eq(k, "item") || str_eq(k, "score"))
            continue;
        if (in_list(ops, k) && !json_is_number(x))
            return bad(v, place, "\"%s\" needs a number", k);
        if (str_eq(k, "missing") && (!is_item || !json_is_boolean(x)))
            return bad(v, place, "\"missing\" takes true or false, on an item");
        if (str_eq(k, "in")) {
            if (!json_is_array(x) || !json_array_size(x))
                return bad(v, place, "\"in\" needs a non-empty list of numbers");
            json_array_foreach(x, i, e) if (!json_is_number(e)) return bad(v, place, "\"in\" needs numbers");
        }
        if (!in_list(ops, k) && !str_eq(k, "missing") && !str_eq(k, "in"))
            return bad(v, place, "unknown comparison \"%s\"", k);
    }
    return 0;
}

static int options_ok(struct vc *v, json_t *o, const char *place)
{
    char p[240], q[260];
    size_t i, j;
    json_t *op, *other;
    if (!json_is_array(o) || json_array_size(o) < 2 || json_array_size(o) > 20)
        return bad(v, place, "must be a list of 2 to 20 answers, or the name of an option set");
    json_array_foreach(o, i, op)
    {
        snprintf(p, sizeof p, "%s[%zu]", place, i);
        if (keys_ok(v, op, p, option_keys) || ltext_ok(v, op, "label", p, 1, 120) ||
            ltext_ok(v, op, "text", p, 0, 400) || text_ok(v, op, "code", p, 0, 40))
            return -1;
        json_t *val = json_object_get(op, "value");
        if (!json_is_integer(val) || json_integer_value(val) < -1000 || json_integer_value(val) > 1000)
            return bad(v, at(q, sizeof q, p, "value"), "must be a whole number between -1000 and 1000");
        json_array_foreach(o, j, other) if (j < i &&
                                            json_equal(json_object_get(other, "value"),
                                                       val)) return bad(v, at(q, sizeof q, p, "value"),
                                                                        "duplicate answer value %lld",
                                                                        (long long)json_integer_value(val));
    }
    return 0;
}

static void opt_range(json_t *item, int *lo, int *hi)
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

static int items_ok(struct vc *v)
{
    char p[64], q[200];
    json_t *items = json_object_get(v->def, "items"), *sets = json_object_get(v->def, "option_sets"), *x;
    size_t i;
    json_t *it;
    const char *k;
    if (sets && !json_is_object(sets))
        return bad(v, "option_sets", "must be an object of named answer lists");
    json_object_foreach(sets, k, x) if (options_ok(v, x, at(q, sizeof q, "option_sets", k))) return -1;
    if (!json_is_array(items) || !json_array_size(items) || json_array_size(items) > 200)
        return bad(v, "items", "must be a list of 1 to 200 items");
    v->items = items;
    json_array_foreach(items, i, it)
    {
        snprintf(p, sizeof p, "items[%zu]", i);
        if (keys_ok(v, it, p, item_keys) || id_ok(v, it, "id", p) || ltext_ok(v, it, "label", p, 1, 200) ||
            ltext_ok(v, it, "text", p, 0, 2000) || text_ok(v, it, "code", p, 0, 40) ||
            ltext_ok(v, it, "recall", p, 0, 100) || bool_ok(v, it, "scored", p, 1) ||
            bool_ok(v, it, "reverse", p, 0) || bool_ok(v, it, "optional", p, 0))
            return -1;
        const char *id = json_string_value(json_object_get(it, "id"));
        if (item_index(items, id) < (int)i)
            return bad(v, at(q, sizeof q, p, "id"), "duplicate item id \"%s\"", id);
        json_t *o = json_object_get(it, "options");
        if (json_is_string(o)) {
            json_t *set = json_object_get(sets, json_string_value(o));
            if (!set)
                return bad(v, at(q, sizeof q, p, "options"), "unknown option set \"%s\"",
                           json_string_value(o));
            json_object_set_new(it, "options", json_deep_copy(set));
        } else if (!o) {
            return bad(v, at(q, sizeof q, p, "options"), "is required");
        } else if (options_ok(v, o, at(q, sizeof q, p, "options"))) {
            return -1;
        }
        json_t *aw = json_object_get(it, "ask_when"), *skip = json_object_get(it, "skip_score");
        if (aw && cond_ok(v, aw, at(q, sizeof q, p, "ask_when"), C_ITEM, (int)i, 0))
            return -1;
        if (skip && (!aw || !json_is_integer(skip)))
            return bad(v, at(q, sizeof q, p, "skip_score"),
                       "must be a whole number, on an item with ask_when");
        if (skip && (json_integer_value(skip) < -1000 || json_integer_value(skip) > 1000))
            return bad(v, at(q, sizeof q, p, "skip_score"), "must be between -1000 and 1000, as an answer's value");
        if (aw && !skip)
            json_object_set_new(it, "skip_score", json_integer(0));
        int scored = json_is_true(json_object_get(it, "scored"));
        if (!scored && json_is_true(json_object_get(it, "reverse")))
            return bad(v, at(q, sizeof q, p, "reverse"), "an unscored item cannot be reversed");
        if (scored) { /* what the item adds to the raw sum: its answers, or its skip score */
            int lo, hi;
            opt_range(it, &lo, &hi);
            if (aw) {
                int s = (int)json_integer_value(json_object_get(it, "skip_score"));
                lo = s < lo ? s : lo;
                hi = s > hi ? s : hi;
            }
            v->lo += lo;
            v->hi += hi;
        }
    }
    return 0;
}

/* A band's "setting" {name, values}: an organisation chooses the band's lower bound among values (the
 * band's min, the default, is one of them); every choice keeps the bounds increasing. */
static int setting_ok(struct vc *v, json_t *set, const char *place, json_t *bands, size_t i, double hi)
{
    char p[260];
    size_t j;
    json_t *e;
    if (keys_ok(v, set, place, setting_keys) || id_ok(v, set, "name", place) ||
        text_ok(v, set, "comment", place, 0, 400))
        return -1;
    if (i == 0)
        return bad(v, place, "the first band starts at the lowest score; it cannot have a setting");
    json_t *vals = json_object_get(set, "values"), *min = json_object_get(json_array_get(bands, i), "min");
    if (!json_is_array(vals) || json_array_size(vals) < 2 || json_array_size(vals) > 20)
        return bad(v, at(p, sizeof p, place, "values"), "must be a list of 2 to 20 whole numbers");
    double below = json_number_value(json_object_get(json_array_get(bands, i - 1), "min"));
    json_t *next = json_array_get(bands, i + 1);
    double above = next ? json_number_value(json_object_get(next, "min")) : hi + 1;
    int has_min = 0;
    json_array_foreach(vals, j, e)
    {
        if (!json_is_integer(e))
            return bad(v, at(p, sizeof p, place, "values"), "must be a list of 2 to 20 whole numbers");
        double x = (double)json_integer_value(e);
        if (x <= below || x >= above || x > hi)
            return bad(v, at(p, sizeof p, place, "values"),
                       "%g would not keep the band lower bounds increasing within the score range", x);
        has_min |= json_number_value(min) == x;
    }
    if (!has_min)
        return bad(v, at(p, sizeof p, place, "values"), "must include the band's min (the default)");
    return 0;
}

/* Bands: lower bounds, increasing, the first at the lowest possible score. The total's bands (not a
 * derived score's) are what "band" conditions name. */
static int bands_ok(struct vc *v, json_t *bands, const char *place, double lo, double hi, int of_total)
{
    char p[200], q[240];
    size_t i, j;
    json_t *b, *o;
    if (!json_is_array(bands) || !json_array_size(bands) || json_array_size(bands) > 20)
        return bad(v, place, "must be a list of 1 to 20 bands");
    json_array_foreach(bands, i, b)
    {
        snprintf(p, sizeof p, "%s[%zu]", place, i);
        if (keys_ok(v, b, p, band_keys) || id_ok(v, b, "id", p) || ltext_ok(v, b, "label", p, 1, 120) ||
            ltext_ok(v, b, "advice", p, 0, 400))
            return -1;
        json_t *min = json_object_get(b, "min");
        if (!json_is_number(min))
            return bad(v, at(q, sizeof q, p, "min"), "must be a number (the band's lower bound)");
        double m = json_number_value(min);
        if (i == 0 && fabs(m - lo) > 1e-9)
            return bad(v, at(q, sizeof q, p, "min"),
                       "the first band must start at the lowest possible score, %g", lo);
        if (i > 0 && m <= json_number_value(json_object_get(json_array_get(bands, i - 1), "min")))
            return bad(v, at(q, sizeof q, p, "min"), "band lower bounds must increase");
        if (m > hi)
            return bad(v, at(q, sizeof q, p, "min"), "is above the highest possible score, %g", hi);
        json_t *set = json_object_get(b, "setting");
        if (set && setting_ok(v, set, at(q, sizeof q, p, "setting"), bands, i, hi))
            return -1;
        const char *id = json_string_value(json_object_get(b, "id"));
        json_array_foreach(bands, j, o) if (j < i && str_eq(json_string_value(json_object_get(o, "id")),
                                                            id)) return bad(v, at(q, sizeof q, p, "id"),
                                                                            "duplicate band id \"%s\"", id);
        if (of_total)
            json_object_set_new(v->bandids, id, json_true());
    }
    return 0;
}

/* The raw-to-metric table: [[raw, metric], ...], one row for every possible raw sum, increasing. */
static int table_ok(struct vc *v, json_t *t)
{
    char p[64];
    size_t i;
    json_t *row;
    size_t want = (size_t)(v->hi - v->lo) + 1;
    if (!json_is_array(t) || json_array_size(t) != want)
        return bad(v, "table", "must have one [raw, metric] row for each raw score from %g to %g (%zu rows)",
                   v->lo, v->hi, want);
    json_array_foreach(t, i, row)
    {
        snprintf(p, sizeof p, "table[%zu]", i);
        json_t *raw = json_array_get(row, 0), *met = json_array_get(row, 1);
        if (!json_is_array(row) || json_array_size(row) != 2 || !json_is_integer(raw) || !json_is_number(met))
            return bad(v, p, "must be [raw, metric]: a whole number and a number");
        if (json_integer_value(raw) != (json_int_t)v->lo + (json_int_t)i)
            return bad(v, p, "raw score %lld expected here", (long long)v->lo + (long long)i);
        if (i > 0 && json_number_value(met) <= json_number_value(json_array_get(json_array_get(t, i - 1), 1)))
            return bad(v, p, "metric scores must increase");
    }
    return 0;
}

static int levels_ok(struct vc *v, json_t *levels)
{
    char p[64], q[96];
    size_t i;
    json_t *l;
    if (!json_is_array(levels) || json_array_size(levels) < 2)
        return bad(v, "levels", "a triage instrument needs a list of at least 2 levels, highest first");
    json_array_foreach(levels, i, l)
    {
        snprintf(p, sizeof p, "levels[%zu]", i);
        if (keys_ok(v, l, p, level_keys) || id_ok(v, l, "id", p) || ltext_ok(v, l, "label", p, 1, 120) ||
            ltext_ok(v, l, "advice", p, 0, 400))
            return -1;
        json_t *w = json_object_get(l, "when");
        int last = i + 1 == json_array_size(levels);
        if (last && w)
            return bad(v, p, "the last level is the default and has no \"when\"");
        if (!last && !w)
            return bad(v, p, "\"when\" is required (only the last level is the default)");
        if (w && cond_ok(v, w, at(q, sizeof q, p, "when"), C_ITEM, -1, 0))
            return -1;
        const char *id = json_string_value(json_object_get(l, "id"));
        if (json_object_get(v->bandids, id))
            return bad(v, p, "duplicate level id \"%s\"", id);
        json_object_set_new(v->bandids, id, json_true());
    }
    return 0;
}

static int derived_ok(struct vc *v, json_t *list)
{
    char p[64], q[96];
    size_t i, j;
    json_t *d, *e;
    if (!json_is_array(list))
        return bad(v, "derived", "must be a list");
    json_array_foreach(list, i, d)
    {
        snprintf(p, sizeof p, "derived[%zu]", i);
        if (keys_ok(v, d, p, derived_keys) || id_ok(v, d, "id", p) || ltext_ok(v, d, "label", p, 1, 120) ||
            text_ok(v, d, "coding", p, 0, 120))
            return -1;
        const char *id = json_string_value(json_object_get(d, "id"));
        if (json_object_get(v->scores, id))
            return bad(v, at(q, sizeof q, p, "id"), "\"%s\" is already a score of this instrument", id);
        json_t *its = json_object_get(d, "items"), *off = json_object_get(d, "offset");
        if (!json_is_array(its) || !json_array_size(its))
            return bad(v, at(q, sizeof q, p, "items"), "must be a non-empty list of item ids");
        double lo = 0, hi = 0;
        json_array_foreach(its, j, e)
        {
            int k = item_index(v->items, json_string_value(e));
            json_t *it = json_array_get(v->items, (size_t)(k < 0 ? 0 : k));
            if (k < 0 || !json_is_true(json_object_get(it, "scored")))
                return bad(v, at(q, sizeof q, p, "items"), "\"%s\" is not a scored item",
                           json_string_value(e) ? json_string_value(e) : "?");
            int a, b;
            opt_range(it, &a, &b);
            lo += a;
            hi += b;
        }
        if (off && !json_is_integer(off))
            return bad(v, at(q, sizeof q, p, "offset"), "must be a whole number");
        lo += (double)json_integer_value(off);
        hi += (double)json_integer_value(off);
        json_t *bands = json_object_get(d, "bands");
        if (bands && bands_ok(v, bands, at(q, sizeof q, p, "bands"), lo, hi, 0))
            return -1;
        json_object_set_new(d, "range", range(lo, hi));
        json_object_set_new(v->scores, id, json_true());
    }
    return 0;
}

/* triggers, remarks and change rules */
static int rules_ok(struct vc *v, int method)
{
    char p[64], q[96];
    size_t i;
    json_t *t, *list;
    unsigned all = C_ITEM | C_SCORE | C_BAND | C_SEX;
    if ((list = json_object_get(v->def, "triggers")) && !json_is_array(list))
        return bad(v, "triggers", "must be a list");
    json_array_foreach(list, i, t)
    {
        snprintf(p, sizeof p, "triggers[%zu]", i);
        if (keys_ok(v, t, p, trigger_keys) || id_ok(v, t, "flag", p) || text_ok(v, t, "level", p, 1, 16) ||
            ltext_ok(v, t, "reason", p, 1, 400) || text_ok(v, t, "basis", p, 0, 400))
            return -1;
        if (!in_list(flag_levels, json_string_value(json_object_get(t, "level"))))
            return bad(v, at(q, sizeof q, p, "level"), "must be low, moderate or high");
        if (!json_object_get(t, "when"))
            return bad(v, at(q, sizeof q, p, "when"), "is required");
        if (cond_ok(v, json_object_get(t, "when"), at(q, sizeof q, p, "when"), all, -1, 0))
            return -1;
    }
    if ((list = json_object_get(v->def, "remarks")) && !json_is_array(list))
        return bad(v, "remarks", "must be a list");
    json_array_foreach(list, i, t)
    {
        snprintf(p, sizeof p, "remarks[%zu]", i);
        if (keys_ok(v, t, p, remark_keys) || id_ok(v, t, "id", p) || ltext_ok(v, t, "text", p, 1, 400))
            return -1;
        json_t *w = json_object_get(t, "when");
        if (w && cond_ok(v, w, at(q, sizeof q, p, "when"), all, -1, 0))
            return -1;
    }
    if ((list = json_object_get(v->def, "change")) && (!json_is_array(list) || method == M_TRIAGE))
        return bad(v, "change", "must be a list, on an instrument with a total");
    json_array_foreach(list, i, t)
    {
        snprintf(p, sizeof p, "change[%zu]", i);
        if (keys_ok(v, t, p, change_keys) || id_ok(v, t, "id", p) || ltext_ok(v, t, "label", p, 1, 200))
            return -1;
        if (!in_list(change_kinds, json_string_value(json_object_get(t, "kind"))))
            return bad(v, at(q, sizeof q, p, "kind"), "must be drop, drop_pct, below or recovery");
        if (!json_is_number(json_object_get(t, "value")) ||
            json_number_value(json_object_get(t, "value")) <= 0)
            return bad(v, at(q, sizeof q, p, "value"), "must be a positive number");
    }
    return 0;
}

static int scoring_ok(struct vc *v, struct instrument *ins)
{
    json_t *d = v->def, *x;
    int triage = ins->method == M_TRIAGE;
    static const char *const not_triage[] = {"bands",    "bands_by_sex", "table", "max_missing",
                                             "escalate", "derived",      NULL};
    for (const char *const *k = not_triage; *k; k++) {
        if (triage && json_object_get(d, *k))
            return bad(v, *k, "a triage instrument has levels, not %s", *k);
    }
    if (!triage && json_object_get(d, "levels"))
        return bad(v, "levels", "only a triage instrument has levels");
    if (triage)
        return levels_ok(v, json_object_get(d, "levels"));
    if (v->hi <= v->lo)
        return bad(v, "items", "at least one scored item is needed");
    x = json_object_get(d, "max_missing");
    int nscored = 0;
    size_t i;
    json_t *it;
    json_array_foreach(v->items, i, it)
    {
        int scored = json_is_true(json_object_get(it, "scored"));
        nscored += scored;
        if (scored && json_is_true(json_object_get(it, "optional"))) {
            char p[64];
            snprintf(p, sizeof p, "items[%zu].optional", i);
            return bad(v, p, "a scored item cannot be optional (use max_missing or save_incomplete)");
        }
    }
    if (ins->method == M_PRORATED &&
        (!json_is_integer(x) || json_integer_value(x) < 1 || json_integer_value(x) >= nscored))
        return bad(v, "max_missing", "a prorated sum needs a whole number from 1 to %d", nscored - 1);
    if (ins->method != M_PRORATED && x)
        return bad(v, "max_missing", "only a prorated sum allows missing items");
    double lo = v->lo, hi = v->hi;
    json_object_set_new(v->scores, "total", json_true());
    if (ins->method == M_TABLE) {
        if (table_ok(v, json_object_get(d, "table")))
            return -1;
        json_t *t = json_object_get(d, "table");
        lo = json_number_value(json_array_get(json_array_get(t, 0), 1));
        hi = json_number_value(json_array_get(json_array_get(t, json_array_size(t) - 1), 1));
        json_object_set_new(v->scores, "raw", json_true());
    } else if (json_object_get(d, "table")) {
        return bad(v, "table", "only the table method has a conversion table");
    }
    json_object_set_new(d, "range", range(lo, hi));
    if ((x = json_object_get(d, "derived")) && derived_ok(v, x))
        return -1;
    json_t *bands = json_object_get(d, "bands"), *bysex = json_object_get(d, "bands_by_sex");
    if (bands && bysex)
        return bad(v, "bands_by_sex", "give bands or bands_by_sex, not both");
    if (bands && bands_ok(v, bands, "bands", lo, hi, 1))
        return -1;
    if (bysex) {
        if (keys_ok(v, bysex, "bands_by_sex", sex_keys))
            return -1;
        for (const char *const *k = sex_keys; *k; k++) {
            char p[64];
            snprintf(p, sizeof p, "bands_by_sex.%s", *k);
            if (!json_object_get(bysex, *k))
                return bad(v, p, "is required (female, male and other)");
            if (bands_ok(v, json_object_get(bysex, *k), p, lo, hi, 1))
                return -1;
        }
    }
    if ((x = json_object_get(d, "escalate"))) {
        static const char *const esc_keys[] = {"when", "reason", NULL};
        if (!bands && !bysex)
            return bad(v, "escalate", "needs bands to escalate");
        if (keys_ok(v, x, "escalate", esc_keys) || ltext_ok(v, x, "reason", "escalate", 1, 400))
            return -1;
        if (!json_object_get(x, "when"))
            return bad(v, "escalate.when", "is required");
        return cond_ok(v, json_object_get(x, "when"), "escalate.when", C_ITEM | C_SCORE, -1, 0);
    }
    return 0;
}

static int def_ok(struct vc *v, struct instrument *ins, const char *stem)
{
    json_t *d = v->def, *x;
    size_t i;
    const char *k;
    if (!json_is_object(d))
        return bad(v, "top level", "must be an object");
    if (keys_ok(v, d, "top level", top_keys) || id_ok(v, d, "id", "") || ltext_ok(v, d, "name", "", 1, 200) ||
        text_ok(v, d, "version", "", 1, 32) || text_ok(v, d, "method", "", 1, 16) ||
        text_ok(v, d, "coding", "", 1, 200) || ltext_ok(v, d, "recall", "", 0, 100) ||
        text_ok(v, d, "banding", "", 0, 200) || text_ok(v, d, "comment", "", 0, 4000) ||
        bool_ok(v, d, "save_incomplete", "", 0) || bool_ok(v, d, "higher_is_better", "", 0))
        return -1;
    if (json_object_get(d, "wording") && id_ok(v, d, "wording", ""))
        return -1;
    const char *id = json_string_value(json_object_get(d, "id"));
    if (!str_eq(id, stem))
        return bad(v, "id", "\"%s\" does not match the file name (%s.json)", id, id);
    ins->method = -1;
    for (int m = 0; methods[m]; m++)
        if (str_eq(methods[m], json_string_value(json_object_get(d, "method"))))
            ins->method = m;
    if (ins->method < 0)
        return bad(v, "method", "must be sum, prorated, table or triage");
    x = json_object_get(d, "licence");
    if (!x)
        return bad(v, "licence", "is required (terms of use, and the copyright line where one is required)");
    if (keys_ok(v, x, "licence", licence_keys) || text_ok(v, x, "terms", "licence", 1, 2000) ||
        text_ok(v, x, "holder", "licence", 0, 400) || text_ok(v, x, "copyright", "licence", 0, 400) ||
        text_ok(v, x, "source", "licence", 0, 400) || bool_ok(v, x, "registration_required", "licence", 0))
        return -1;
    if ((x = json_object_get(d, "codes"))) {
        if (!json_is_object(x))
            return bad(v, "codes", "must be an object of codes");
        json_t *e;
        json_object_foreach(x, k, e) if (text_ok(v, x, k, "codes", 1, 100)) return -1;
    }
    if ((x = json_object_get(d, "sources"))) {
        json_t *e;
        if (!json_is_array(x))
            return bad(v, "sources", "must be a list of citations");
        json_array_foreach(x, i, e) if (!json_is_string(e)) return bad(v, "sources",
                                                                       "must be a list of citations");
    }
    if ((x = json_object_get(d, "resolves"))) {
        json_t *e;
        if (!json_is_array(x) || !json_array_size(x))
            return bad(v, "resolves", "must be a non-empty list of flag kinds");
        json_array_foreach(x, i, e) if (!ident(json_string_value(e))) return bad(v, "resolves",
                                                                             "must be a non-empty list of flag kinds");
    }
    /* administered_by: a non-empty list of administrators[], each once; absent: ["clinical"] */
    if (!(x = json_object_get(d, "administered_by")))
        json_object_set_new(d, "administered_by", json_pack("[s]", "clinical"));
    else {
        json_t *e;
        if (!json_is_array(x) || !json_array_size(x))
            return bad(v, "administered_by", "must be a non-empty list of clinical, peer");
        json_array_foreach(x, i, e)
        {
            size_t j;
            json_t *o;
            if (!in_list(administrators, json_string_value(e)))
                return bad(v, "administered_by", "must be a non-empty list of clinical, peer");
            json_array_foreach(x, j, o) if (j < i && json_equal(o, e)) return bad(v, "administered_by",
                                                                                 "names \"%s\" twice",
                                                                                 json_string_value(e));
        }
    }
    if (items_ok(v) || scoring_ok(v, ins) || rules_ok(v, ins->method))
        return -1;
    json_object_del(d, "option_sets");
    return 0;
}

static void ins_free(struct instrument *ins)
{
    if (!ins)
        return;
    for (int l = 0; l < NLANG; l++) {
        json_decref(ins->def_in[l]);
        free(ins->wording[l]);
    }
    free(ins->file);
    free(ins);
}

/* The definition in each language; the wording each shows: "<wording>-<language>" ("hearth-ko"), the
 * English one where the definition has no Korean (every text plain: the documented fallback). */
static void split_languages(struct instrument *ins, json_t *raw, int bilingual)
{
    const char *base = json_string_value(json_object_get(raw, "wording"));
    for (int l = 0; l < NLANG && i18n_languages[l]; l++) {
        char w[64];
        ins->def_in[l] = in_lang(raw, l);
        json_object_del(ins->def_in[l], "wording");
        snprintf(w, sizeof w, "%s-%s", base ? base : "hearth", bilingual ? i18n_languages[l] : "en");
        ins->wording[l] = xstrdup(w);
        json_object_set_new(ins->def_in[l], "wording", json_string(w));
        json_object_set_new(ins->def_in[l], "language", json_string(bilingual ? i18n_languages[l] : "en"));
    }
    ins->def = ins->def_in[0];
}

/* An instrument definition (a new instrument), or a wording file (*wording, the parsed file, NULL
 * returned and err empty), or NULL with err set. */
static struct instrument *load_file(const char *path, const char *stem, json_t **wording, char *err,
                                    size_t errlen)
{
    struct stat sb = {0};
    if (stat(path, &sb) != 0 || sb.st_size > 1024 * 1024) {
        snprintf(err, errlen, "%s: at file: %s", path,
                 sb.st_size > 1024 * 1024 ? "larger than 1 MiB" : strerror(errno));
        return NULL;
    }
    json_error_t je;
    json_t *def = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!def) {
        snprintf(err, errlen, "%s: at line %d, column %d: %s", path, je.line, je.column, je.text);
        return NULL;
    }
    if (json_object_get(def, "wording_of")) { /* a wording file: applied once every definition is in */
        *wording = def;
        return NULL;
    }
    struct instrument *ins = xcalloc(1, sizeof *ins);
    ins->file = xstrdup(path);
    struct vc v = {.file = path,
                   .err = err,
                   .errlen = errlen,
                   .def = def,
                   .scores = json_object(),
                   .bandids = json_object(),
                   .bilingual = has_ltext(def, 0)};
    int rc = def_ok(&v, ins, stem);
    json_decref(v.scores);
    json_decref(v.bandids);
    if (rc == 0)
        split_languages(ins, def, v.bilingual);
    json_decref(def);
    if (rc != 0) {
        ins_free(ins);
        return NULL;
    }
    return ins;
}

/* ---------- wording files: an organisation's validated translation of a definition's texts ---------- */

static const char *const wording_keys[] = {"wording_of", "wording", "language", "source", "copyright",
                                           "name",       "recall",  "items",    "comment", NULL};

/* Check a wording file (w, from path) against its instrument and put its texts into the definition of
 * its language: each question's "text", each answer's "text", the name and the recall period; the
 * wording's id is what assessments in that language record from then on. */
static int wording_apply(struct instrument **list, int n, json_t *w, const char *path, const char *stem,
                         char *err, size_t errlen)
{
    struct vc v = {.file = path, .err = err, .errlen = errlen, .def = w};
    char p[200], q[240];
    if (keys_ok(&v, w, "top level", wording_keys) || id_ok(&v, w, "wording", "") ||
        text_ok(&v, w, "wording_of", "", 1, 32) || text_ok(&v, w, "language", "", 1, 8) ||
        text_ok(&v, w, "source", "", 1, 400) || text_ok(&v, w, "copyright", "", 0, 400) ||
        text_ok(&v, w, "name", "", 0, 200) || text_ok(&v, w, "recall", "", 0, 100) ||
        text_ok(&v, w, "comment", "", 0, 4000))
        return -1;
    const char *id = json_string_value(json_object_get(w, "wording"));
    const char *of = json_string_value(json_object_get(w, "wording_of"));
    const char *lang = json_string_value(json_object_get(w, "language"));
    if (!str_eq(id, stem))
        return bad(&v, "wording", "\"%s\" does not match the file name (%s.json)", id, id);
    struct instrument *ins = NULL;
    for (int i = 0; i < n; i++)
        if (str_eq(instrument_id(list[i]), of))
            ins = list[i];
    if (!ins)
        return bad(&v, "wording_of", "no instrument \"%s\" is loaded", of);
    int l = -1;
    for (int i = 0; i < NLANG && i18n_languages[i]; i++)
        if (str_eq(i18n_languages[i], lang))
            l = i;
    if (l < 0)
        return bad(&v, "language", "must be en or ko");
    json_t *d = ins->def_in[l], *items = json_object_get(w, "items"), *it, *e;
    if (!strchr(ins->wording[l], '-'))
        return bad(&v, "wording_of", "%s already has a %s wording (%s)", of, lang, ins->wording[l]);
    if (!json_is_object(items))
        return bad(&v, "items", "must be an object: question id -> {text, options?}");
    const char *k;
    json_object_foreach(items, k, e) if (item_index(json_object_get(d, "items"), k) < 0) return bad(
        &v, "items", "unknown question \"%s\" (%s has no such item)", k, of);
    size_t i, j;
    json_array_foreach(json_object_get(d, "items"), i, it)
    {
        static const char *const wi_keys[] = {"text", "options", NULL};
        const char *iid = json_string_value(json_object_get(it, "id"));
        json_t *wi = json_object_get(items, iid), *opts, *o;
        snprintf(p, sizeof p, "items.%s", iid);
        if (!wi)
            return bad(&v, p, "is required: every question needs its text in this wording");
        if (keys_ok(&v, wi, p, wi_keys) || text_ok(&v, wi, "text", p, 1, 2000))
            return -1;
        if ((opts = json_object_get(wi, "options"))) {
            snprintf(q, sizeof q, "%s.options", p);
            if (!json_is_object(opts))
                return bad(&v, q, "must be an object: answer value -> text");
            json_object_foreach(opts, k, e)
            {
                int found = 0;
                json_array_foreach(json_object_get(it, "options"), j, o)
                {
                    char val[32];
                    snprintf(val, sizeof val, "%lld", (long long)json_integer_value(json_object_get(o, "value")));
                    found |= str_eq(val, k);
                }
                if (!found)
                    return bad(&v, q, "\"%s\" is not an answer of %s", k, iid);
                if (text_ok(&v, opts, k, q, 1, 400))
                    return -1;
            }
            json_array_foreach(json_object_get(it, "options"), j, o)
            {
                char val[32];
                snprintf(val, sizeof val, "%lld", (long long)json_integer_value(json_object_get(o, "value")));
                if (!json_object_get(opts, val))
                    return bad(&v, q, "has no text for the answer %s (give every answer, or none)", val);
            }
        }
    }
    /* valid: the texts go into the definition of that language */
    json_array_foreach(json_object_get(d, "items"), i, it)
    {
        json_t *wi = json_object_get(items, json_string_value(json_object_get(it, "id"))), *o;
        json_object_set(it, "text", json_object_get(wi, "text"));
        json_array_foreach(json_object_get(it, "options"), j, o)
        {
            char val[32];
            snprintf(val, sizeof val, "%lld", (long long)json_integer_value(json_object_get(o, "value")));
            json_t *t = json_object_get(json_object_get(wi, "options"), val);
            if (t)
                json_object_set(o, "text", t);
        }
    }
    static const char *const copy[] = {"name", "recall", NULL};
    for (const char *const *c = copy; *c; c++)
        if (json_object_get(w, *c))
            json_object_set(d, *c, json_object_get(w, *c));
    json_object_set(d, "wording", json_object_get(w, "wording"));
    json_object_set(d, "language", json_object_get(w, "language"));
    json_object_set(d, "wording_source", json_object_get(w, "source"));
    if (json_object_get(w, "copyright"))
        json_object_set(d, "wording_copyright", json_object_get(w, "copyright"));
    free(ins->wording[l]);
    ins->wording[l] = xstrdup(id);
    return 0;
}

static int load_dir(const char *dir, int must, struct instrument ***list, int *n, json_t *wordings, char *err,
                    size_t errlen)
{
    char **names;
    if (dir_names(dir, ".json", &names) != 0) {
        if (!must && errno == ENOENT)
            return 0;
        snprintf(err, errlen, "%s: at directory: %s", dir, strerror(errno));
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; names[i]; i++) {
        char path[4096], stem[256];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(stem, sizeof stem, "%.*s", (int)(strlen(names[i]) - 5), names[i]);
        json_t *w = NULL;
        struct instrument *ins = rc ? NULL : load_file(path, stem, &w, err, errlen);
        if (w) {
            json_array_append_new(wordings, json_pack("{s:s,s:s,s:o}", "path", path, "stem", stem, "def", w));
            continue;
        }
        for (int j = 0; ins && j < *n; j++)
            if (str_eq(instrument_id((*list)[j]), instrument_id(ins))) {
                snprintf(err, errlen, "%s: at id: duplicate instrument id \"%s\" (already defined in %s)",
                         path, instrument_id(ins), (*list)[j]->file);
                ins_free(ins);
                ins = NULL;
            }
        if (!ins)
            rc = -1;
        else {
            *list = xrealloc(*list, (size_t)(*n + 1) * sizeof **list);
            (*list)[(*n)++] = ins;
        }
    }
    dir_names_free(names);
    return rc;
}

int instruments_load(const char *dir, const char *extra_dir, char *err, size_t errlen)
{
    struct instrument **list = NULL;
    int n = 0, rc = 0;
    json_t *wordings = json_array(), *w;
    if (load_dir(dir, 1, &list, &n, wordings, err, errlen) != 0 ||
        (extra_dir && *extra_dir && load_dir(extra_dir, 0, &list, &n, wordings, err, errlen) != 0))
        rc = -1;
    size_t i;
    json_array_foreach(wordings, i, w) if (rc == 0) rc =
        wording_apply(list, n, json_object_get(w, "def"), json_string_value(json_object_get(w, "path")),
                      json_string_value(json_object_get(w, "stem")), err, errlen);
    json_decref(wordings);
    if (rc != 0) {
        for (int j = 0; j < n; j++)
            ins_free(list[j]);
        free(list);
        return -1;
    }
    instruments_free();
    reg = list;
    nreg = n;
    return 0;
}

void instruments_free(void)
{
    for (int i = 0; i < nreg; i++)
        ins_free(reg[i]);
    free(reg);
    reg = NULL;
    nreg = 0;
}

const struct instrument *instrument_find(const char *id)
{
    for (int i = 0; id && i < nreg; i++)
        if (str_eq(instrument_id(reg[i]), id))
            return reg[i];
    return NULL;
}
const char *instrument_id(const struct instrument *ins)
{
    return json_string_value(json_object_get(ins->def, "id"));
}
const char *instrument_version(const struct instrument *ins)
{
    return json_string_value(json_object_get(ins->def, "version"));
}
const json_t *instrument_def(const struct instrument *ins)
{
    return ins->def;
}
json_t *instruments_list(void)
{
    json_t *a = json_array();
    for (int i = 0; i < nreg; i++)
        json_array_append_new(a, json_deep_copy(instrument_def_in(reg[i], i18n_current())));
    return a;
}

static int lang_index(const char *lang)
{
    for (int l = 0; lang && l < NLANG && i18n_languages[l]; l++)
        if (str_eq(i18n_languages[l], lang))
            return l;
    return 0;
}
const json_t *instrument_def_in(const struct instrument *ins, const char *lang)
{
    return ins->def_in[lang_index(lang)];
}
const char *instrument_wording(const struct instrument *ins, const char *lang)
{
    return ins->wording[lang_index(lang)];
}
const char *instrument_wording_language(const struct instrument *ins, const char *wording)
{
    for (int l = 0; wording && l < NLANG && i18n_languages[l]; l++)
        if (str_eq(ins->wording[l], wording))
            return i18n_languages[l];
    return NULL;
}

/* The band, level or derived band with this id in a list of bands (NULL: none). */
static json_t *by_id(json_t *list, const char *id)
{
    size_t i;
    json_t *b;
    json_array_foreach(list, i, b) if (id && str_eq(json_string_value(json_object_get(b, "id")), id)) return b;
    return NULL;
}
static void relabel(json_t *o, const char *key, json_t *src, const char *from)
{
    json_t *t = src ? json_object_get(src, from) : NULL;
    if (json_is_string(t) && json_object_get(o, key))
        json_object_set(o, key, t);
}

json_t *instrument_result_in(const struct instrument *ins, const json_t *result, const char *lang)
{
    json_t *r = json_deep_copy(result);
    if (!ins || !json_is_object(r))
        return r;
    const json_t *en = ins->def, *d = instrument_def_in(ins, lang);
    json_t *bands = json_object_get(d, "bands"), *x, *e;
    if (json_object_get(d, "bands_by_sex"))
        bands = json_object_get(json_object_get(d, "bands_by_sex"),
                                json_string_value(json_object_get(r, "banding_sex")));
    if (json_object_get(d, "levels"))
        bands = json_object_get(d, "levels");
    json_t *band = by_id(bands, json_string_value(json_object_get(r, "band")));
    relabel(r, "band_label", band, "label");
    relabel(r, "advice", band, "advice");
    if ((x = json_object_get(r, "intervention"))) {
        json_t *lv = by_id(bands, json_string_value(json_object_get(x, "level")));
        relabel(x, "label", lv, "label");
        relabel(x, "advice", lv, "advice");
        relabel(x, "reason", json_object_get(d, "escalate"), "reason");
    }
    const char *k;
    json_object_foreach(json_object_get(r, "derived"), k, x)
    {
        json_t *dd = by_id(json_object_get(d, "derived"), k);
        relabel(x, "label", dd, "label");
        relabel(x, "band_label", by_id(json_object_get(dd, "bands"), json_string_value(json_object_get(x, "band"))),
                "label");
    }
    size_t i, j;
    json_array_foreach(json_object_get(r, "remarks"), i, x)
        relabel(x, "text", by_id(json_object_get(d, "remarks"), json_string_value(json_object_get(x, "id"))), "text");
    /* a trigger's reason: the same trigger of the definition (they have no ids; the English text is its key) */
    static const char *const lists[] = {"triggers", "flags", NULL};
    for (const char *const *l = lists; *l; l++)
        json_array_foreach(json_object_get(r, *l), i, x)
        {
            const char *why = json_string_value(json_object_get(x, "reason"));
            json_array_foreach(json_object_get(en, "triggers"), j, e)
                if (why && str_eq(json_string_value(json_object_get(e, "reason")), why)) {
                    relabel(x, "reason", json_array_get(json_object_get(d, "triggers"), j), "reason");
                    break; /* why was the old text */
                }
        }
    return r;
}

int instrument_setting_allows(const char *name, json_int_t value)
{
    for (int i = 0; i < nreg; i++) {
        const json_t *d = reg[i]->def;
        json_t *lists[4] = {json_object_get(d, "bands")}, *b, *e;
        const char *k;
        int n = 1;
        json_object_foreach(json_object_get(d, "bands_by_sex"), k, e) if (n < 4) lists[n++] = e;
        for (int l = 0; l < n; l++) {
            size_t j, m;
            json_array_foreach(lists[l], j, b)
            {
                json_t *set = json_object_get(b, "setting");
                if (!str_eq(json_string_value(json_object_get(set, "name")), name))
                    continue;
                json_array_foreach(json_object_get(set, "values"), m, e) if (json_integer_value(e) == value)
                    return 1;
            }
        }
    }
    return 0;
}

const json_t *instrument_resolves(const struct instrument *ins)
{
    return ins ? json_object_get(ins->def, "resolves") : NULL;
}

int instrument_may_administer(const struct instrument *ins, int role)
{
    const char *who = role == ROLE_PEER ? "peer" : "clinical";
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(instrument_def(ins), "administered_by"), i, e) if (str_eq(json_string_value(e),
                                                                                                  who)) return 1;
    return 0;
}
