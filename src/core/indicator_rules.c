/* indicator_rules: reads and checks the indicator dictionary (indicators/indicators.rules; format in
 * indicators/README.md): every text in English and Korean, and the rules that keep the aggregates'
 * suppression sound (one population per indicator, each count published once, all layers additive or
 * none, each unit attributed to one value of each dimension the measure can attribute). */
#include "base/base.h"
#include "core/indicator.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DICT_MAX_BYTES (512 * 1024)
#define DICT_MAX_LINE 1200
#define DICT_MAX_INDICATORS 200

const char *const ind_groups[] = {"reach", "referrals", "continuity", "housing", "rehabilitation", "outcomes",
                                  "workforce", NULL};
const char *const ind_kinds[] = {"count", "proportion", "median", "rate", NULL};
const char *const ind_units[] = {"days", "percent", NULL};
const char *const ind_dims[] = {"programme", "district", "target_group", "life_stage", "partner", NULL};

static struct ind_dict loaded;
static int have_loaded;

#define bad rules_bad /* base.h: "FILE:LINE: REASON" */

static int index_of(const char *const *list, const char *v)
{
    for (int i = 0; list[i]; i++)
        if (str_eq(list[i], v))
            return i;
    return -1;
}

/* What an indicator has said so far (to refuse a second line and name what is missing). */
struct seen {
    int group, measure, kind, additive, recorded, dims, source, unit, params[IND_MAX_PARAMS];
    int text[5][2]; /* name, definition, denominator, period, attribution */
    int num[IND_MAX_K][2];
};
static const char *const text_keys[] = {"name", "definition", "denominator", "period", "attribution", NULL};

static char *text_of(struct indicator *x, int t, int lang)
{
    switch (t) {
    case 0: return x->name[lang];
    case 1: return x->definition[lang];
    case 2: return x->denominator[lang];
    case 3: return x->period[lang];
    default: return x->attribution[lang];
    }
}

/* A text's value: the rest of the line, valid UTF-8, not empty. */
static int set_text(struct rules_at *p, char *dst, const char *v, const char *key)
{
    if (!*v)
        return bad(p, "%s takes a text", key);
    if (strlen(v) >= IND_TEXT)
        return bad(p, "%s is longer than %d bytes", key, IND_TEXT - 1);
    json_t *ok = json_string(v);
    if (!ok)
        return bad(p, "%s is not valid UTF-8", key);
    json_decref(ok);
    snprintf(dst, IND_TEXT, "%s", v);
    return 0;
}

static int id_ok(const char *s)
{
    size_t n = strlen(s);
    return n >= 1 && n < 64 && s[0] >= 'a' && s[0] <= 'z' && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._") == n;
}

/* The checks of one indicator once its lines are read (p->line: its first line). */
static int finish(struct rules_at *p, struct indicator *x, const struct seen *s)
{
    for (int t = 0; text_keys[t]; t++)
        for (int l = 0; l < 2; l++)
            if (!s->text[t][l])
                return bad(p, "indicator %s has no %s%s line", x->id, text_keys[t], l ? ".ko" : "");
    if (!s->group)
        return bad(p, "indicator %s has no group line", x->id);
    if (!s->kind)
        return bad(p, "indicator %s has no kind line", x->id);
    if (!s->additive)
        return bad(p, "indicator %s has no additive line", x->id);
    if (!s->source)
        return bad(p, "indicator %s has no source line", x->id);
    for (int k = 0; k < x->nk; k++)
        for (int l = 0; l < 2; l++)
            if (!s->num[k][l])
                return bad(p, "indicator %s has no numerator%s k%d line", x->id, l ? ".ko" : "", k + 1);
    if (!s->recorded)
        x->recorded = 1;
    if (!x->recorded) {
        if (s->measure)
            return bad(p, "indicator %s is not recorded and names a measure", x->id);
        if (x->additive)
            return bad(p, "indicator %s is not recorded: it cannot be additive", x->id);
        return 0;
    }
    if (!s->measure)
        return bad(p, "indicator %s has no measure line (or say \"recorded no\")", x->id);
    const struct eval_measure *m = x->measure;
    if (m->kind != x->kind)
        return bad(p, "indicator %s is of kind %s but the measure %s yields a %s", x->id, ind_kinds[x->kind], m->name,
                   ind_kinds[m->kind]);
    if (m->nk != x->nk)
        return bad(p, "indicator %s has %d numerator(s) but the measure %s yields %d", x->id, x->nk, m->name, m->nk);
    if (x->kind == IK_PROPORTION && x->nk < 1)
        return bad(p, "indicator %s is a proportion without a numerator", x->id);
    if (m->additive != x->additive)
        return bad(p, "indicator %s says additive %s but the measure %s is %s", x->id, x->additive ? "yes" : "no",
                   m->name,
                   m->additive ? "additive (each unit counts in one month)"
                               : "not additive (a coarse period is not the sum of its months)");
    unsigned extra = x->dims & ~m->dims;
    for (int d = 0; d < ID__COUNT; d++)
        if (extra & IND_DIM(d))
            return bad(p, "indicator %s: the measure %s cannot attribute its units to a %s", x->id, m->name,
                       ind_dims[d]);
    for (int i = 0; i < IND_MAX_PARAMS && m->params[i].name; i++)
        if (!s->params[i])
            return bad(p, "indicator %s has no param %s line (the measure %s needs it)", x->id, m->params[i].name,
                       m->name);
    return 0;
}

/* Two indicators publishing the same count, and a median's n that no indicator publishes. */
static int check_counts(struct rules_at *p, const struct ind_dict *d)
{
    for (int i = 0; i < d->n; i++) {
        const struct indicator *a = &d->v[i];
        if (!a->measure)
            continue;
        for (int j = 0; j < i; j++) {
            const struct indicator *b = &d->v[j];
            if (!b->measure)
                continue;
            for (int x = 0; x <= a->nk; x++)
                for (int y = 0; y <= b->nk; y++)
                    if (str_eq(a->measure->counts[x], b->measure->counts[y]) &&
                        (a->measure != b->measure || !memcmp(a->params, b->params, sizeof a->params))) {
                        p->line = a->line;
                        return bad(p, "indicator %s publishes the count %s a second time (indicator %s already does)",
                                   a->id, a->measure->counts[x], b->id);
                    }
        }
        if (a->measure->n_of && *a->measure->n_of) {
            int found = 0;
            for (int j = 0; j < d->n && !found; j++) {
                const struct indicator *b = &d->v[j];
                if (!b->measure || b == a)
                    continue;
                for (int y = 0; y <= b->nk; y++)
                    if (str_eq(b->measure->counts[y], a->measure->n_of) && b->dims == a->dims)
                        found = 1;
            }
            if (!found) {
                p->line = a->line;
                return bad(p,
                           "indicator %s: its n is the count %s, which no indicator with the same dimensions publishes",
                           a->id, a->measure->n_of);
            }
        }
    }
    return 0;
}

static int line_statement(struct rules_at *p, struct ind_dict *d, struct indicator *x, struct seen *s, char *t)
{
    char *sp = t + strcspn(t, " \t");
    char *rest = sp;
    if (*rest) {
        *rest++ = 0;
        while (*rest == ' ' || *rest == '\t')
            rest++;
    }
    char *e = rest + strlen(rest);
    while (e > rest && (e[-1] == ' ' || e[-1] == '\t'))
        *--e = 0;
    const char *key = t;
    if (str_eq(key, "version")) {
        if (x)
            return bad(p, "version belongs before the first indicator");
        if (d->version[0])
            return bad(p, "a second version line");
        if (!*rest || strlen(rest) >= sizeof d->version || strspn(rest, "0123456789.-_abcdefghijklmnopqrstuvwxyz") != strlen(rest))
            return bad(p, "version takes one word of digits, letters, '.', '-' or '_' (up to 63)");
        snprintf(d->version, sizeof d->version, "%s", rest);
        return 0;
    }
    if (!x)
        return bad(p, "\"%s\" before the first indicator line", key);
    /* texts: KEY and KEY.ko */
    int lang = IND_EN;
    char base[40];
    if (strlen(key) >= sizeof base)
        return bad(p, "unknown statement \"%.40s\"", key);
    memcpy(base, key, strlen(key) + 1);
    char *dot = strstr(base, ".ko");
    if (dot && !dot[3]) {
        *dot = 0;
        lang = IND_KO;
    }
    int t_i = index_of(text_keys, base);
    if (t_i >= 0) {
        if (s->text[t_i][lang]++)
            return bad(p, "a second %s line in indicator %s", key, x->id);
        return set_text(p, text_of(x, t_i, lang), rest, key);
    }
    if (str_eq(base, "numerator")) {
        /* numerator k1 TEXT */
        if (rest[0] != 'k' || rest[1] < '1' || rest[1] > '0' + IND_MAX_K || (rest[2] != ' ' && rest[2] != '\t'))
            return bad(p, "%s takes k1, k2 or k3 and a text: numerator k1 Followed up within 7 days", key);
        int k = rest[1] - '1';
        if (s->num[k][lang]++)
            return bad(p, "a second %s k%d line in indicator %s", key, k + 1, x->id);
        if (k > 0 && !s->num[k - 1][lang])
            return bad(p, "%s k%d comes before k%d", key, k + 1, k);
        if (k + 1 > x->nk)
            x->nk = k + 1;
        char *v = rest + 3;
        while (*v == ' ' || *v == '\t')
            v++;
        return set_text(p, x->numerator[k][lang], v, key);
    }
    if (lang == IND_KO)
        return bad(p, "%s has no Korean form (only texts do)", base);
    if (str_eq(key, "group")) {
        if (s->group++)
            return bad(p, "a second group line in indicator %s", x->id);
        x->group = index_of(ind_groups, rest);
        if (x->group < 0)
            return bad(p, "unknown group \"%s\" (reach, referrals, continuity, housing, rehabilitation, outcomes,"
                          " workforce)",
                       rest);
    } else if (str_eq(key, "kind")) {
        if (s->kind++)
            return bad(p, "a second kind line in indicator %s", x->id);
        x->kind = index_of(ind_kinds, rest);
        if (x->kind < 0)
            return bad(p, "unknown kind \"%s\" (count, proportion, median, rate)", rest);
    } else if (str_eq(key, "unit")) {
        if (s->unit++)
            return bad(p, "a second unit line in indicator %s", x->id);
        x->unit = index_of(ind_units, rest);
        if (x->unit < 0)
            return bad(p, "unknown unit \"%s\" (days, percent)", rest);
    } else if (str_eq(key, "additive") || str_eq(key, "recorded")) {
        int *flag = str_eq(key, "additive") ? &x->additive : &x->recorded;
        int *once = str_eq(key, "additive") ? &s->additive : &s->recorded;
        if ((*once)++)
            return bad(p, "a second %s line in indicator %s", key, x->id);
        if (!str_eq(rest, "yes") && !str_eq(rest, "no"))
            return bad(p, "%s takes yes or no, not \"%s\"", key, rest);
        *flag = str_eq(rest, "yes");
    } else if (str_eq(key, "measure")) {
        if (s->measure++)
            return bad(p, "a second measure line in indicator %s", x->id);
        x->measure = eval_measure_find(rest);
        if (!x->measure)
            return bad(p, "unknown measure \"%s\" (the measures are the C table eval_measures in core/indicator.c)",
                       rest);
    } else if (str_eq(key, "source")) {
        if (s->source++)
            return bad(p, "a second source line in indicator %s", x->id);
        if (!*rest || strlen(rest) >= sizeof x->source ||
            strspn(rest, "abcdefghijklmnopqrstuvwxyz_, ") != strlen(rest))
            return bad(p, "source takes the names of tables (letters and '_'), separated by spaces");
        snprintf(x->source, sizeof x->source, "%s", rest);
    } else if (str_eq(key, "dims")) {
        if (s->dims++)
            return bad(p, "a second dims line in indicator %s", x->id);
        if (str_eq(rest, "-"))
            return 0;
        for (char *w = strtok(rest, " \t"); w; w = strtok(NULL, " \t")) {
            int di = index_of(ind_dims, w);
            if (di < 0)
                return bad(p, "unknown dimension \"%s\" (programme, district, target_group, life_stage, partner; - for"
                              " none)",
                           w);
            if (x->dims & IND_DIM(di))
                return bad(p, "the dimension %s twice", w);
            x->dims |= IND_DIM(di);
        }
    } else if (str_eq(key, "param")) {
        if (!x->measure)
            return bad(p, "param before the measure line");
        char *name = strtok(rest, " \t");
        int i = 0;
        while (i < IND_MAX_PARAMS && x->measure->params[i].name && !str_eq(x->measure->params[i].name, name ? name : ""))
            i++;
        if (!name || i == IND_MAX_PARAMS || !x->measure->params[i].name)
            return bad(p, "the measure %s has no parameter \"%s\"", x->measure->name, name ? name : "");
        const struct eval_param *pm = &x->measure->params[i];
        if (s->params[i]++)
            return bad(p, "a second param %s line in indicator %s", name, x->id);
        int nv = 0;
        for (char *w = strtok(NULL, " \t"); w; w = strtok(NULL, " \t")) {
            if (nv == pm->count)
                return bad(p, "param %s takes %d value(s)", name, pm->count);
            if (strspn(w, "0123456789") != strlen(w) || strlen(w) > 6)
                return bad(p, "param %s: \"%s\" is not a whole number", name, w);
            int v = atoi(w);
            if (v < pm->lo || v > pm->hi)
                return bad(p, "param %s: %d is not from %d to %d", name, v, pm->lo, pm->hi);
            if (nv && v <= x->params[i][nv - 1])
                return bad(p, "param %s: the values go up (%d after %d)", name, v, x->params[i][nv - 1]);
            x->params[i][nv++] = v;
        }
        if (nv != pm->count)
            return bad(p, "param %s takes %d value(s)", name, pm->count);
    } else {
        return bad(p, "unknown statement \"%s\"", key);
    }
    return 0;
}

int ind_parse(const char *file, const char *text, size_t len, struct ind_dict *out, char *err, size_t errlen)
{
    struct rules_at p = {file, 0, err, errlen};
    struct ind_dict d;
    memset(&d, 0, sizeof d);
    memset(out, 0, sizeof *out);
    snprintf(d.file, sizeof d.file, "%s", file);
    if (len > DICT_MAX_BYTES)
        return bad(&p, "the file is larger than %d bytes", DICT_MAX_BYTES);
    if (memchr(text, 0, len))
        return bad(&p, "the file holds a NUL byte");
    struct indicator *x = NULL;
    struct seen s;
    int start = 0, rc = 0;
    const char *cur = text, *end = text + len;
    while (cur < end && rc == 0) {
        const char *nl = memchr(cur, '\n', (size_t)(end - cur));
        size_t n = nl ? (size_t)(nl - cur) : (size_t)(end - cur);
        p.line++;
        if (n > DICT_MAX_LINE) {
            rc = bad(&p, "the line is longer than %d bytes", DICT_MAX_LINE);
            break;
        }
        char line[DICT_MAX_LINE + 1];
        memcpy(line, cur, n);
        line[n] = 0;
        cur += n + (nl ? 1 : 0);
        if (n && line[n - 1] == '\r')
            line[--n] = 0;
        char *t = line;
        while (*t == ' ' || *t == '\t')
            t++;
        if (!*t || *t == '#')
            continue;
        if (strncmp(t, "indicator", 9) == 0 && (t[9] == ' ' || t[9] == '\t' || !t[9])) {
            if (x) {
                int here = p.line;
                p.line = start;
                rc = finish(&p, x, &s);
                p.line = here;
                if (rc)
                    break;
            }
            char *id = t + 9;
            while (*id == ' ' || *id == '\t')
                id++;
            if (!id_ok(id)) {
                rc = bad(&p, "indicator takes an id of lower-case letters, digits, '.' and '_' (up to 63)");
                break;
            }
            for (int i = 0; i < d.n; i++)
                if (str_eq(d.v[i].id, id)) {
                    rc = bad(&p, "a second indicator %s", id);
                    break;
                }
            if (rc)
                break;
            if (d.n == DICT_MAX_INDICATORS) {
                rc = bad(&p, "more than %d indicators", DICT_MAX_INDICATORS);
                break;
            }
            d.v = xrealloc(d.v, sizeof *d.v * (size_t)(d.n + 1));
            x = &d.v[d.n++];
            memset(x, 0, sizeof *x);
            memset(&s, 0, sizeof s);
            snprintf(x->id, sizeof x->id, "%s", id);
            x->line = start = p.line;
            continue;
        }
        rc = line_statement(&p, &d, x, &s, t);
    }
    if (rc == 0 && x) {
        p.line = start;
        rc = finish(&p, x, &s);
    }
    if (rc == 0) {
        p.line = 0;
        if (!d.version[0])
            rc = bad(&p, "no version line");
        else if (!d.n)
            rc = bad(&p, "no indicator");
    }
    if (rc == 0)
        rc = check_counts(&p, &d);
    if (rc) {
        free(d.v);
        return -1;
    }
    *out = d;
    return 0;
}

void ind_dict_free(struct ind_dict *d)
{
    if (!d)
        return;
    free(d->v);
    d->v = NULL;
    d->n = 0;
}

int ind_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open the indicator dictionary", path);
        return -1;
    }
    char *text = xmalloc(DICT_MAX_BYTES + 2);
    size_t n = fread(text, 1, DICT_MAX_BYTES + 1, f);
    int rerr = ferror(f);
    fclose(f);
    struct ind_dict d;
    int rc;
    if (rerr) {
        snprintf(err, errlen, "%s: cannot read the indicator dictionary", path);
        rc = -1;
    } else {
        rc = ind_parse(path, text, n, &d, err, errlen);
    }
    free(text);
    if (rc == 0) {
        ind_dict_free(&loaded);
        loaded = d;
        have_loaded = 1;
    }
    return rc;
}

void ind_unload(void)
{
    ind_dict_free(&loaded);
    have_loaded = 0;
}

const struct ind_dict *ind_loaded(void)
{
    return have_loaded ? &loaded : NULL;
}

const struct indicator *ind_find(const struct ind_dict *d, const char *id)
{
    for (int i = 0; d && i < d->n; i++)
        if (str_eq(d->v[i].id, id))
            return &d->v[i];
    return NULL;
}
