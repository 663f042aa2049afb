/* care_rules: reads and checks the care services file (care/services.rules, one statement a line;
 * format in care/README.md): tasks, termination criteria, kinds of worker, hourly rates, the
 * over-plan threshold; and the small arithmetic of weeks and pay that the rest of care.c uses. */
#include "base/base.h"
#include "core/care.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CARE_MAX_BYTES (64 * 1024)
#define CARE_MAX_LINE 1000

static struct care_rules loaded;
static int have_loaded;

#define bad rules_bad /* base.h: "FILE:LINE: REASON" */

/* A key: a lower-case letter, then lower-case letters, digits and '_' (up to 40). */
static int key_ok(const char *s)
{
    size_t n = strlen(s);
    return n >= 1 && n <= CARE_KEY_MAX && s[0] >= 'a' && s[0] <= 'z' &&
           strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static int utf8_ok(const char *s)
{
    json_t *j = json_string(s);
    json_decref(j);
    return j != NULL;
}

static const char *skip(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* The next word of *s (up to a blank) into w; 0 when there is none. */
static int word(const char **s, char *w, size_t len)
{
    const char *t = skip(*s);
    size_t n = strcspn(t, " \t");
    if (!n || n >= len)
        return n ? -1 : 0;
    memcpy(w, t, n);
    w[n] = 0;
    *s = t + n;
    return 1;
}

static struct care_item *find(struct care_item *list, int n, const char *key)
{
    for (int i = 0; i < n; i++)
        if (str_eq(list[i].key, key))
            return &list[i];
    return NULL;
}

/* "KEY \"Label\"": one item of a list. */
static int item(struct rules_at *p, const char *what, const char *rest, struct care_item *list, int *n, int max)
{
    char key[64];
    int w = word(&rest, key, sizeof key);
    if (w <= 0)
        return bad(p, "%s takes a key and a label in double quotes: %s cleaning \"Cleaning together\"", what, what);
    if (!key_ok(key))
        return bad(p, "the key \"%s\" must be a lower-case letter, then letters, digits or '_' (up to %d)", key,
                   CARE_KEY_MAX);
    rest = skip(rest);
    if (!*rest)
        return bad(p, "%s takes a key and a label in double quotes: %s cleaning \"Cleaning together\"", what, what);
    const char *close = *rest == '"' ? strrchr(rest + 1, '"') : NULL;
    if (!close)
        return bad(p, "the label of %s must be written in double quotes", key);
    if (*skip(close + 1))
        return bad(p, "nothing may follow the label of %s", key);
    size_t len = (size_t)(close - rest - 1);
    if (len == 0)
        return bad(p, "the label of %s is empty", key);
    if (len > CARE_LABEL_MAX)
        return bad(p, "the label of %s is longer than %d bytes", key, CARE_LABEL_MAX);
    if (find(list, *n, key))
        return bad(p, "a second %s %s", what, key);
    if (*n == max)
        return bad(p, "more than %d %s lines", max, what);
    struct care_item *it = &list[(*n)++];
    snprintf(it->key, sizeof it->key, "%.*s", CARE_KEY_MAX, key);
    memcpy(it->label, rest + 1, len);
    it->label[len] = 0;
    if (strchr(it->label, '"'))
        return bad(p, "the label of %s holds a double quote", key);
    if (!utf8_ok(it->label))
        return bad(p, "the label of %s is not valid UTF-8", key);
    return 0;
}

/* A whole number lo..hi written with digits only. */
static int whole(const char *s, int64_t lo, int64_t hi, int64_t *v)
{
    size_t n = strlen(s);
    if (n < 1 || n > 9 || strspn(s, "0123456789") != n)
        return 0;
    *v = strtoll(s, NULL, 10);
    return *v >= lo && *v <= hi;
}

/* "KIND AMOUNT" or "KIND AMOUNT org NAME". */
static int rate_line(struct rules_at *p, const char *rest, struct care_rules *r)
{
    char kind[64], amount[32], org[8];
    if (word(&rest, kind, sizeof kind) <= 0 || word(&rest, amount, sizeof amount) <= 0)
        return bad(p, "rate takes a kind of worker and an hourly amount: rate care_worker 13500 [org NAME]");
    if (!find(r->kinds, r->nkinds, kind))
        return bad(p, "rate names the kind of worker \"%s\" that no worker_kind line above declares", kind);
    int64_t v;
    if (!whole(amount, 1, 10000000, &v))
        return bad(p, "the hourly amount must be a whole number from 1 to 10000000, not \"%s\"", amount);
    const char *name = "";
    int w = word(&rest, org, sizeof org);
    if (w != 0) {
        if (w < 0 || !str_eq(org, "org"))
            return bad(p, "after the amount only \"org NAME\" may follow");
        name = skip(rest);
        if (!*name)
            return bad(p, "org takes the organisation's name as Hearth has it");
        if (strlen(name) > CARE_LABEL_MAX || !utf8_ok(name))
            return bad(p, "the organisation's name must be valid UTF-8 of up to %d bytes", CARE_LABEL_MAX);
    }
    for (int i = 0; i < r->nrates; i++)
        if (str_eq(r->rates[i].kind, kind) && str_eq(r->rates[i].org, name))
            return *name ? bad(p, "a second rate for %s at %s", kind, name) : bad(p, "a second rate for %s", kind);
    if (r->nrates == CARE_MAX_RATES)
        return bad(p, "more than %d rate lines", CARE_MAX_RATES);
    struct care_rate *x = &r->rates[r->nrates++];
    snprintf(x->kind, sizeof x->kind, "%.*s", CARE_KEY_MAX, kind);
    snprintf(x->org, sizeof x->org, "%s", name);
    x->amount = v;
    return 0;
}

int care_rules_parse(const char *file, const char *text, size_t len, struct care_rules *out, char *err,
                     size_t errlen)
{
    struct rules_at p = {file, 0, err, errlen};
    struct care_rules *r = calloc(1, sizeof *r);
    int rc = -1, seen_version = 0, seen_currency = 0, seen_over = 0;
    if (!r)
        return bad(&p, "out of memory");
    snprintf(r->file, sizeof r->file, "%s", file);
    if (len > CARE_MAX_BYTES) {
        bad(&p, "the file is larger than %d bytes", CARE_MAX_BYTES);
        goto done;
    }
    if (memchr(text, 0, len)) {
        bad(&p, "the file holds a NUL byte");
        goto done;
    }
    const char *s = text, *end = text + len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        p.line++;
        if (n > CARE_MAX_LINE) {
            bad(&p, "the line is longer than %d bytes", CARE_MAX_LINE);
            goto done;
        }
        char line[CARE_MAX_LINE + 1];
        memcpy(line, s, n);
        line[n] = 0;
        s += n + (nl ? 1 : 0);
        if (n && line[n - 1] == '\r')
            line[--n] = 0;
        const char *t = skip(line);
        if (!*t || *t == '#')
            continue;
        char kw[32];
        if (word(&t, kw, sizeof kw) <= 0) {
            bad(&p, "unknown statement");
            goto done;
        }
        if (str_eq(kw, "based_on")) { /* the rest of the line is text, '#' included */
            t = skip(t);
            if (!*t || !utf8_ok(t) || strlen(t) >= sizeof r->based_on) {
                bad(&p, "based_on takes text: valid UTF-8 of up to %zu bytes", sizeof r->based_on - 1);
                goto done;
            }
            snprintf(r->based_on, sizeof r->based_on, "%s", t);
            continue;
        }
        /* a comment may end any other line (labels and names hold no '#') */
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        for (size_t k = strlen(line); k && (line[k - 1] == ' ' || line[k - 1] == '\t'); k--)
            line[k - 1] = 0;
        char w1[80], w2[80];
        int64_t v;
        if (str_eq(kw, "version")) {
            if (word(&t, w1, sizeof w1) <= 0 || word(&t, w2, sizeof w2) != 0 || strlen(w1) >= sizeof r->version ||
                strspn(w1, "0123456789.-_abcdefghijklmnopqrstuvwxyz") != strlen(w1)) {
                bad(&p, "version takes one word of digits, letters, '.', '-' or '_' (up to 63)");
                goto done;
            }
            if (seen_version++) {
                bad(&p, "a second version line");
                goto done;
            }
            snprintf(r->version, sizeof r->version, "%.63s", w1);
        } else if (str_eq(kw, "currency")) {
            if (word(&t, w1, sizeof w1) <= 0 || word(&t, w2, sizeof w2) != 0 || strlen(w1) != 3 ||
                strspn(w1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3) {
                bad(&p, "currency takes a code of three capital letters (ISO 4217): currency KRW");
                goto done;
            }
            if (seen_currency++) {
                bad(&p, "a second currency line");
                goto done;
            }
            snprintf(r->currency, sizeof r->currency, "%.3s", w1);
        } else if (str_eq(kw, "task")) {
            if (item(&p, "task", t, r->tasks, &r->ntasks, CARE_MAX_TASKS) != 0)
                goto done;
        } else if (str_eq(kw, "end_criterion")) {
            if (item(&p, "end_criterion", t, r->ends, &r->nends, CARE_MAX_ENDS) != 0)
                goto done;
        } else if (str_eq(kw, "worker_kind")) {
            if (item(&p, "worker_kind", t, r->kinds, &r->nkinds, CARE_MAX_KINDS) != 0)
                goto done;
        } else if (str_eq(kw, "rate")) {
            if (rate_line(&p, t, r) != 0)
                goto done;
        } else if (str_eq(kw, "over_plan_percent")) {
            if (word(&t, w1, sizeof w1) <= 0 || word(&t, w2, sizeof w2) != 0 || !whole(w1, 0, 100, &v)) {
                bad(&p, "over_plan_percent takes one whole number from 0 to 100");
                goto done;
            }
            if (seen_over++) {
                bad(&p, "a second over_plan_percent line");
                goto done;
            }
            r->over_plan_percent = (int)v;
        } else {
            bad(&p, "unknown statement \"%s\" (version, based_on, currency, task, end_criterion, worker_kind, rate,"
                    " over_plan_percent)",
                kw);
            goto done;
        }
    }
    p.line = 0;
    if (!seen_version) {
        bad(&p, "no version line");
        goto done;
    }
    if (!seen_currency) {
        bad(&p, "no currency line");
        goto done;
    }
    if (!r->ntasks || !r->nends || !r->nkinds) {
        bad(&p, "no %s line", !r->ntasks ? "task" : !r->nends ? "end_criterion" : "worker_kind");
        goto done;
    }
    for (int i = 0; i < r->nkinds; i++) {
        int own;
        if (!care_rate(r, r->kinds[i].key, "", &own)) {
            bad(&p, "no rate for the kind of worker %s (rate %s AMOUNT)", r->kinds[i].key, r->kinds[i].key);
            goto done;
        }
    }
    if (!seen_over) {
        bad(&p, "no over_plan_percent line");
        goto done;
    }
    *out = *r;
    rc = 0;
done:
    free(r);
    return rc;
}

int care_rules_load(const char *path, char *err, size_t errlen)
{
    size_t n;
    char *text = file_slurp(path, CARE_MAX_BYTES, &n, "the care services file", err, errlen);
    if (!text)
        return -1;
    struct care_rules *r = xmalloc(sizeof *r);
    int rc = care_rules_parse(path, text, n, r, err, errlen);
    free(text);
    if (rc == 0) {
        loaded = *r;
        have_loaded = 1;
    }
    free(r);
    return rc;
}

void care_rules_unload(void)
{
    have_loaded = 0;
}

const struct care_rules *care_rules(void)
{
    return have_loaded ? &loaded : NULL;
}

const struct care_item *care_task(const struct care_rules *r, const char *key)
{
    return r && key ? find((struct care_item *)r->tasks, r->ntasks, key) : NULL;
}

const struct care_item *care_end(const struct care_rules *r, const char *key)
{
    return r && key ? find((struct care_item *)r->ends, r->nends, key) : NULL;
}

/* The labels of the shipped care/services.rules, for the translators (xgettext reads only the source):
 * a label added to the file is added here too, and its Korean to po/ko.po (test_care checks the file
 * against this list). */
const char *const care_shipped_labels[] = {
    N_("Cleaning together"),
    N_("Cooking together"),
    N_("Shopping accompaniment"),
    N_("Laundry"),
    N_("Medication prompting"),
    N_("Help with letters and paperwork"),
    N_("Help with the household budget"),
    N_("Going to appointments together"),
    N_("Goal reached: the client manages on their own"),
    N_("The client declines the service"),
    N_("Moved to another service"),
    N_("Moved out of the area"),
    N_("A long stay in hospital"),
    N_("The episode of care closed"),
    N_("Care worker"),
    N_("Senior care worker"),
    N_("Care worker of a partner agency"),
    NULL,
};

const struct care_item *care_kind(const struct care_rules *r, const char *key)
{
    return r && key ? find((struct care_item *)r->kinds, r->nkinds, key) : NULL;
}

int64_t care_rate(const struct care_rules *r, const char *kind, const char *org_name, int *own)
{
    int64_t dflt = 0;
    *own = 0;
    for (int i = 0; r && kind && i < r->nrates; i++) {
        if (!str_eq(r->rates[i].kind, kind))
            continue;
        if (!r->rates[i].org[0])
            dflt = r->rates[i].amount;
        else if (org_name && str_eq(r->rates[i].org, org_name)) {
            *own = 1;
            return r->rates[i].amount;
        }
    }
    return dflt;
}

int care_over_plan(const struct care_rules *r, int64_t plan_minutes, int64_t week_minutes)
{
    int pct = r ? r->over_plan_percent : 0;
    return week_minutes * 100 > plan_minutes * (100 + pct);
}

int care_week_start(const char *date, char out[16])
{
    if (!date || !iso_date_valid(date))
        return -1;
    char t[32];
    snprintf(t, sizeof t, "%.10sT12:00:00Z", date);
    int64_t e = iso_parse(t);
    if (e < 0)
        return -1;
    int64_t days = e / 86400;           /* 1970-01-01 was a Thursday */
    int64_t wd = ((days + 3) % 7 + 7) % 7; /* 0: Monday */
    iso_time((days - wd) * 86400 + 43200, t);
    snprintf(out, 16, "%.10s", t);
    return 0;
}

int64_t care_amount(int64_t minutes, int64_t rate)
{
    return (minutes * rate + 30) / 60;
}
