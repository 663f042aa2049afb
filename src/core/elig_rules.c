/* elig_rules: reads and checks the eligibility rule files (eligibility/KEY.rules, one line per
 * statement; format in eligibility/README.md) into a read-only set of programmes. */
#include "base/base.h"
#include "core/eligibility.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define RULES_MAX_BYTES (64 * 1024)
#define RULES_MAX_LINE 1000
#define RULES_MAX_WORDS 24
#define RULES_MAX_CRITERIA 40

static json_t *set; /* key -> programme */

static const char *const life_stages[] = {"youth", "young_adult", "adult", "older_adult", NULL};
static const char *const kinds[] = {
    "life_stage", "target_group", "hospital_days", "crisis_within", "need", "district", NULL};

static const char *const header_keys[] = {"programme", "name", "version", "based_on", "summary", NULL};

struct pc {
    const char *file;
    int line;
    char *err;
    size_t errlen;
};

static int bad(struct pc *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(struct pc *p, const char *fmt, ...)
{
    char reason[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    snprintf(p->err, p->errlen, "%s:%d: %s", p->file, p->line, reason);
    return -1;
}

/* Valid UTF-8 (jansson's check: a JSON string cannot be made of anything else). */
static int utf8_valid(const char *s)
{
    json_t *t = json_string(s);
    json_decref(t);
    return t != NULL;
}

static int ident(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '_'))
            return 0;
    return n >= 1 && n <= 32;
}

/* A whole number lo..hi written in digits only. */
static int number(const char *s, int lo, int hi, int *v)
{
    if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 6)
        return 0;
    *v = atoi(s);
    return *v >= lo && *v <= hi;
}

/* The words of a criterion after its kind, checked; adds them to crit. */
static int criterion(struct pc *p, json_t *crit, const char *kind, char **w, int n)
{
    int a, b;
    if (str_eq(kind, "life_stage")) {
        /* life_stage STAGE MIN MAX|-   the ages the programme counts as that stage */
        if (n != 3)
            return bad(p, "life_stage takes a stage, the lowest age and the highest age (or -)");
        if (!in_list(life_stages, w[0]))
            return bad(p, "unknown life stage \"%s\" (youth, young_adult, adult, older_adult)", w[0]);
        if (!number(w[1], 0, 130, &a))
            return bad(p, "the lowest age must be a whole number from 0 to 130, not \"%s\"", w[1]);
        if (str_eq(w[2], "-"))
            b = -1;
        else if (!number(w[2], 0, 130, &b) || b < a)
            return bad(p, "the highest age must be a whole number from %d to 130, or -", a);
        json_object_set_new(crit, "stage", json_string(w[0]));
        json_object_set_new(crit, "min_age", json_integer(a));
        json_object_set_new(crit, "max_age", b < 0 ? json_null() : json_integer(b));
        return 0;
    }
    if (str_eq(kind, "hospital_days")) {
        /* hospital_days DAYS within WINDOW   at least DAYS in hospital in the last WINDOW days */
        if (n != 3 || !str_eq(w[1], "within"))
            return bad(p, "hospital_days takes DAYS within WINDOW");
        if (!number(w[0], 1, 36500, &a))
            return bad(p, "the days in hospital must be a whole number from 1 to 36500, not \"%s\"", w[0]);
        if (!number(w[2], 1, 36500, &b) || b < a)
            return bad(p, "the window must be a whole number of days from %d to 36500, not \"%s\"", a, w[2]);
        json_object_set_new(crit, "days", json_integer(a));
        json_object_set_new(crit, "within_days", json_integer(b));
        return 0;
    }
    if (str_eq(kind, "crisis_within")) {
        if (n != 1 || !number(w[0], 1, 3650, &a))
            return bad(p, "crisis_within takes one whole number of days from 1 to 3650");
        json_object_set_new(crit, "within_days", json_integer(a));
        return 0;
    }
    /* target_group, need, district: a list of names */
    if (n < 1)
        return bad(p, "%s needs at least one name", kind);
    const char *const *allowed = str_eq(kind, "target_group") ? target_groups
                                 : str_eq(kind, "need")       ? service_domains
                                                              : NULL;
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        if (allowed && !in_list(allowed, w[i])) {
            json_decref(list);
            return bad(p, "unknown %s \"%s\"", str_eq(kind, "need") ? "service domain" : "target group",
                       w[i]);
        }
        if (!allowed && (utf8_len(w[i]) > 60 || !utf8_valid(w[i]))) {
            json_decref(list);
            return bad(p, "a district name must be valid UTF-8 of at most 60 characters");
        }
        size_t j;
        json_t *e;
        json_array_foreach(list, j, e) if (str_eq(json_string_value(e), w[i]))
        {
            json_decref(list);
            return bad(p, "\"%s\" is named twice", w[i]);
        }
        json_array_append_new(list, json_string(w[i]));
    }
    json_object_set_new(crit, "any_of", list);
    return 0;
}

int elig_parse(const char *file, const char *stem, const char *text, size_t len, json_t **out, char *err,
               size_t errlen)
{
    struct pc p = {.file = file, .line = 0, .err = err, .errlen = errlen};
    *out = NULL;
    if (len > RULES_MAX_BYTES)
        return bad(&p, "the file is larger than %d bytes", RULES_MAX_BYTES);
    if (memchr(text, 0, len))
        return bad(&p, "the file holds a NUL byte");
    json_t *prog = json_object(), *crits = json_array();
    json_object_set_new(prog, "criteria", crits);
    int rc = 0, requires = 0;
    size_t pos = 0;
    char line[RULES_MAX_LINE + 2];
    while (rc == 0 && pos < len) {
        p.line++;
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        size_t n = end - pos;
        if (n > RULES_MAX_LINE) {
            rc = bad(&p, "the line is longer than %d bytes", RULES_MAX_LINE);
            break;
        }
        memcpy(line, text + pos, n);
        line[n] = 0;
        pos = end + 1;
        if (n && line[n - 1] == '\r')
            line[--n] = 0;
        if (!utf8_valid(line)) {
            rc = bad(&p, "the line is not valid UTF-8");
            break;
        }
        char *s = line + strspn(line, " \t");
        if (!*s || *s == '#')
            continue;
        char *w[RULES_MAX_WORDS + 1];
        int nw = 0;
        char rest[RULES_MAX_LINE + 2]; /* the text after the first word, for header values */
        const char *after = s + strcspn(s, " \t");
        snprintf(rest, sizeof rest, "%s", after + strspn(after, " \t"));
        for (size_t r = strlen(rest); r && (rest[r - 1] == ' ' || rest[r - 1] == '\t');)
            rest[--r] = 0;
        char *save = NULL;
        for (char *t = strtok_r(s, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
            if (nw == 1 && in_list(header_keys, w[0]))
                break; /* a header's value is the rest of the line, however many words */
            if (nw == RULES_MAX_WORDS) {
                rc = bad(&p, "more than %d words on one line", RULES_MAX_WORDS);
                break;
            }
            w[nw++] = t;
        }
        if (rc)
            break;
        if (in_list(header_keys, w[0])) {
            if (json_object_get(prog, w[0])) {
                rc = bad(&p, "\"%s\" is given twice", w[0]);
                break;
            }
            if (!*rest) {
                rc = bad(&p, "\"%s\" needs a value", w[0]);
                break;
            }
            size_t max = str_eq(w[0], "version") ? 32 : str_eq(w[0], "name") ? 120 : 600;
            if (utf8_len(rest) > max) {
                rc = bad(&p, "\"%s\" must be at most %zu characters", w[0], max);
                break;
            }
            if (str_eq(w[0], "programme")) {
                if (!ident(rest)) {
                    rc = bad(&p, "the programme key must be 1 to 32 characters a-z, 0-9 or _");
                    break;
                }
                if (stem && !str_eq(stem, rest)) {
                    rc = bad(&p, "the programme key \"%s\" must equal the file name \"%s\"", rest, stem);
                    break;
                }
            }
            json_object_set_new(prog, w[0], json_string(rest));
            continue;
        }
        int required = str_eq(w[0], "require"), points = 0, k = 1;
        if (!required && !str_eq(w[0], "priority")) {
            rc = bad(&p,
                     "unknown statement \"%s\" (programme, name, version, based_on, summary, require, "
                     "priority)",
                     w[0]);
            break;
        }
        if (!required) {
            if (nw < 2 || !number(w[1], 1, 100, &points)) {
                rc = bad(&p, "priority takes the points (a whole number from 1 to 100), then a criterion");
                break;
            }
            k = 2;
        }
        if (nw <= k) {
            rc = bad(&p, "%s needs a criterion (%s)", w[0],
                     "life_stage, target_group, hospital_days, crisis_within, need or district");
            break;
        }
        if (!in_list(kinds, w[k])) {
            rc = bad(&p,
                     "unknown criterion \"%s\" (life_stage, target_group, hospital_days, crisis_within, "
                     "need, district)",
                     w[k]);
            break;
        }
        if (json_array_size(crits) == RULES_MAX_CRITERIA) {
            rc = bad(&p, "more than %d criteria", RULES_MAX_CRITERIA);
            break;
        }
        json_t *crit = json_pack("{s:s, s:b, s:i, s:i}", "kind", w[k], "required", required, "points", points,
                                 "line", p.line);
        rc = criterion(&p, crit, w[k], w + k + 1, nw - k - 1);
        if (rc == 0)
            json_array_append(crits, crit);
        json_decref(crit);
        requires += required;
    }
    if (rc == 0) {
        for (const char *const *h = header_keys; *h; h++)
            if (!str_eq(*h, "summary") && !json_object_get(prog, *h)) {
                rc = bad(&p, "the file ends without a \"%s\" line", *h);
                break;
            }
    }
    if (rc == 0 && !requires)
        rc = bad(&p, "the file ends without a \"require\" line: a programme needs at least one criterion it "
                     "requires");
    if (rc != 0) {
        json_decref(prog);
        return -1;
    }
    json_object_set_new(prog, "file", json_string(file));
    *out = prog;
    return 0;
}

static int load_one(const char *path, const char *stem, json_t **out, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s:0: %s", path, strerror(errno));
        return -1;
    }
    char *buf = xmalloc(RULES_MAX_BYTES + 1);
    size_t n = fread(buf, 1, RULES_MAX_BYTES + 1, f);
    int rd = ferror(f);
    fclose(f);
    int rc = rd ? (snprintf(err, errlen, "%s:0: could not be read", path), -1)
                : elig_parse(path, stem, buf, n, out, err, errlen);
    free(buf);
    return rc;
}

/* Every *.rules of dir into `into` (a key already there, from the shipped folder, is replaced). */
static int load_dir(const char *dir, int must, json_t *into, char *err, size_t errlen)
{
    char **names;
    if (dir_names(dir, ".rules", &names) != 0) {
        if (!must && errno == ENOENT)
            return 0;
        snprintf(err, errlen, "%s:0: %s", dir, strerror(errno));
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; names[i]; i++) {
        char path[4096], stem[256];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(stem, sizeof stem, "%.*s", (int)(strlen(names[i]) - 6), names[i]);
        json_t *prog = NULL;
        if (rc == 0 && load_one(path, stem, &prog, err, errlen) != 0)
            rc = -1;
        if (prog) /* the file name is the key: one per folder; extra_dir's replaces the shipped one */
            json_object_set_new(into, json_string_value(json_object_get(prog, "programme")), prog);
    }
    dir_names_free(names);
    return rc;
}

int eligibility_load(const char *dir, const char *extra_dir, char *err, size_t errlen)
{
    json_t *into = json_object();
    if (load_dir(dir, 1, into, err, errlen) != 0 ||
        (extra_dir && *extra_dir && load_dir(extra_dir, 0, into, err, errlen) != 0)) {
        json_decref(into);
        return -1;
    }
    eligibility_free();
    set = into;
    return 0;
}

void eligibility_free(void)
{
    json_decref(set);
    set = NULL;
}

const json_t *elig_programme(const char *key)
{
    return key ? json_object_get(set, key) : NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

json_t *elig_programmes(void)
{
    json_t *a = json_array();
    const char **keys = xmalloc((json_object_size(set) + 1) * sizeof *keys);
    size_t n = 0;
    const char *k;
    json_t *v;
    json_object_foreach(set, k, v) keys[n++] = k;
    if (n)
        qsort(keys, n, sizeof *keys, by_name);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_deep_copy(json_object_get(set, keys[i])));
    free(keys);
    return a;
}
