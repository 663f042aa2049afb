/* housing_rules: reads and checks the housing priority rules (housing/priority.rules, one statement a
 * line; format in housing/README.md): the points of each part of a waiting list's score, the offers'
 * deadline and removal rule, and the thresholds of the tenancy risk rules. */
#include "base/base.h"
#include "core/housing.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RULES_MAX_BYTES (32 * 1024)
#define RULES_MAX_LINE 1000
#define RULES_MAX_WORDS 8

const char *const housing_types[] = {"supportive",    "group_home",        "training_home",
                                     "public_rental", "private_supported", "own_home", NULL};
const char *const housing_situations[] = {"homeless", "hospital", "at_risk", "unstable", "housed", NULL};
const char *const housing_weight_keys[] = {"situation.homeless", "situation.hospital", "situation.at_risk",
                                           "situation.unstable", "situation.housed",   "hospital_day",
                                           "hospital_max",       "waiting_month",      "waiting_max",
                                           "high_risk",          NULL};

static struct housing_rules loaded, none = {.offer_days = 7};
static int have_loaded;

#define bad rules_bad /* base.h: "FILE:LINE: REASON" */

int housing_points_parse(const char *s, int lo, int hi, int *v)
{
    size_t n = strspn(s, "0123456789");
    int frac = 0;
    if (n < 1 || n > 4)
        return -1;
    if (s[n] == '.') {
        size_t d = strspn(s + n + 1, "0123456789");
        if (d < 1 || d > 2 || s[n + 1 + d])
            return -1;
        frac = atoi(s + n + 1) * (d == 1 ? 10 : 1);
    } else if (s[n]) {
        return -1;
    }
    int x = atoi(s) * 100 + frac;
    if (x < lo || x > hi)
        return -1;
    *v = x;
    return 0;
}

/* A whole number lo..hi. */
static int whole(const char *s, int64_t lo, int64_t hi, int64_t *v)
{
    if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
        return 0;
    *v = atoll(s);
    return *v >= lo && *v <= hi;
}

static int index_of(const char *const *list, const char *v)
{
    for (int i = 0; list[i]; i++)
        if (str_eq(list[i], v))
            return i;
    return -1;
}

#define PTS_MAX 100000 /* 1000 points */
#define PTS_BAD "the points must be a number from 0 to 1000 with at most two decimals, not \"%s\""

int housing_rules_parse(const char *file, const char *text, size_t len, struct housing_rules *out, char *err,
                        size_t errlen)
{
    struct rules_at p = {file, 0, err, errlen};
    struct housing_rules r;
    memset(&r, 0, sizeof r);
    snprintf(r.file, sizeof r.file, "%s", file);
    if (len > RULES_MAX_BYTES)
        return bad(&p, "the file is larger than %d bytes", RULES_MAX_BYTES);
    if (memchr(text, 0, len))
        return bad(&p, "the file holds a NUL byte");
    int seen[HW__COUNT] = {0}, seen_version = 0, seen_offer = 0, seen_declines = 0, seen_arrears = 0,
        seen_complaints = 0;
    const char *s = text, *end = text + len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        p.line++;
        if (n > RULES_MAX_LINE)
            return bad(&p, "the line is longer than %d bytes", RULES_MAX_LINE);
        char line[RULES_MAX_LINE + 1];
        memcpy(line, s, n);
        line[n] = 0;
        s += n + (nl ? 1 : 0);
        if (n && line[n - 1] == '\r')
            line[--n] = 0;
        char *t = line;
        while (*t == ' ' || *t == '\t')
            t++;
        if (strncmp(t, "based_on", 8) == 0 && (t[8] == ' ' || t[8] == '\t')) {
            char *v = t + 9;
            while (*v == ' ' || *v == '\t')
                v++;
            json_t *ok = json_string(v);
            if (!ok)
                return bad(&p, "based_on is not valid UTF-8");
            json_decref(ok);
            if (strlen(v) >= sizeof r.based_on)
                return bad(&p, "based_on is longer than %zu bytes", sizeof r.based_on - 1);
            snprintf(r.based_on, sizeof r.based_on, "%s", v);
            continue;
        }
        char *hash = strchr(t, '#');
        if (hash)
            *hash = 0;
        if (!*t)
            continue;
        char *w[RULES_MAX_WORDS] = {0};
        int nw = 0;
        for (char *tok = strtok(t, " \t"); tok; tok = strtok(NULL, " \t")) {
            if (nw == RULES_MAX_WORDS)
                return bad(&p, "too many words on one line");
            w[nw++] = tok;
        }
        if (!nw)
            continue;
        const char *key = w[0];
        int64_t x;
        if (str_eq(key, "version")) {
            if (nw != 2 || strlen(w[1]) >= sizeof r.version ||
                strspn(w[1], "0123456789.-_abcdefghijklmnopqrstuvwxyz") != strlen(w[1]))
                return bad(&p, "version takes one word of digits, letters, '.', '-' or '_' (up to 63)");
            if (seen_version++)
                return bad(&p, "a second version line");
            snprintf(r.version, sizeof r.version, "%s", w[1]);
        } else if (str_eq(key, "situation")) {
            if (nw != 3)
                return bad(&p, "situation takes a situation and points: situation homeless 40");
            int i = index_of(housing_situations, w[1]);
            if (i < 0)
                return bad(&p, "unknown situation \"%s\" (homeless, hospital, at_risk, unstable, housed)", w[1]);
            if (housing_points_parse(w[2], 0, PTS_MAX, &r.w[HW_SIT_HOMELESS + i]) != 0)
                return bad(&p, PTS_BAD, w[2]);
            if (seen[HW_SIT_HOMELESS + i]++)
                return bad(&p, "a second line for the situation %s", w[1]);
        } else if (str_eq(key, "hospital_day") || str_eq(key, "waiting_month")) {
            int k = str_eq(key, "hospital_day") ? HW_HOSPITAL_DAY : HW_WAITING_MONTH;
            if (nw != 4 || !str_eq(w[2], "max"))
                return bad(&p, "%s takes points and \"max POINTS\": %s 1 max 30", key, key);
            if (housing_points_parse(w[1], 0, PTS_MAX, &r.w[k]) != 0)
                return bad(&p, PTS_BAD, w[1]);
            if (housing_points_parse(w[3], 0, PTS_MAX, &r.w[k + 1]) != 0)
                return bad(&p, PTS_BAD, w[3]);
            if (seen[k]++)
                return bad(&p, "a second %s line", key);
        } else if (str_eq(key, "high_risk")) {
            if (nw != 2)
                return bad(&p, "high_risk takes one number of points");
            if (housing_points_parse(w[1], 0, PTS_MAX, &r.w[HW_HIGH_RISK]) != 0)
                return bad(&p, PTS_BAD, w[1]);
            if (seen[HW_HIGH_RISK]++)
                return bad(&p, "a second high_risk line");
        } else if (str_eq(key, "offer_days")) {
            if (nw != 2 || !whole(w[1], 1, 90, &x))
                return bad(&p, "offer_days takes a whole number of days from 1 to 90");
            if (seen_offer++)
                return bad(&p, "a second offer_days line");
            r.offer_days = (int)x;
        } else if (str_eq(key, "declines_remove")) {
            if (nw != 2 || !whole(w[1], 0, 20, &x))
                return bad(&p, "declines_remove takes a whole number from 0 (never) to 20");
            if (seen_declines++)
                return bad(&p, "a second declines_remove line");
            r.declines_remove = (int)x;
        } else if (str_eq(key, "arrears_task")) {
            if (nw != 2 || !whole(w[1], 1, 100000000, &x))
                return bad(&p, "arrears_task takes an amount in won from 1 to 100000000");
            if (seen_arrears++)
                return bad(&p, "a second arrears_task line");
            r.arrears_task = x;
        } else if (str_eq(key, "complaints_task")) {
            int64_t d;
            if (nw != 4 || !str_eq(w[2], "within") || !whole(w[1], 1, 50, &x) || !whole(w[3], 1, 365, &d))
                return bad(&p, "complaints_task takes a count (1 to 50) and \"within DAYS\" (1 to 365): "
                               "complaints_task 3 within 90");
            if (seen_complaints++)
                return bad(&p, "a second complaints_task line");
            r.complaints_n = (int)x;
            r.complaints_days = (int)d;
        } else {
            return bad(&p, "unknown statement \"%s\" (version, based_on, situation, hospital_day, waiting_month,"
                           " high_risk, offer_days, declines_remove, arrears_task, complaints_task)",
                       key);
        }
    }
    p.line = 0;
    if (!seen_version)
        return bad(&p, "no version line");
    for (int i = 0; housing_situations[i]; i++)
        if (!seen[HW_SIT_HOMELESS + i])
            return bad(&p, "no points for the situation %s", housing_situations[i]);
    if (!seen[HW_HOSPITAL_DAY] || !seen[HW_WAITING_MONTH] || !seen[HW_HIGH_RISK])
        return bad(&p, "no %s line",
                   !seen[HW_HOSPITAL_DAY] ? "hospital_day" : !seen[HW_WAITING_MONTH] ? "waiting_month" : "high_risk");
    if (!seen_offer || !seen_declines || !seen_arrears || !seen_complaints)
        return bad(&p, "no %s line",
                   !seen_offer      ? "offer_days"
                   : !seen_declines ? "declines_remove"
                   : !seen_arrears  ? "arrears_task"
                                    : "complaints_task");
    *out = r;
    return 0;
}

int housing_rules_load(const char *path, char *err, size_t errlen)
{
    size_t n;
    char *text = file_slurp(path, RULES_MAX_BYTES, &n, "the housing priority rules", err, errlen);
    if (!text)
        return -1;
    struct housing_rules r;
    int rc = housing_rules_parse(path, text, n, &r, err, errlen);
    free(text);
    if (rc == 0) {
        loaded = r;
        have_loaded = 1;
    }
    return rc;
}

void housing_rules_unload(void)
{
    have_loaded = 0;
}

const struct housing_rules *housing_rules(void)
{
    return have_loaded ? &loaded : &none;
}

int64_t housing_day(const char *date)
{
    char t[32];
    if (!date || !iso_date_valid(date))
        return -1;
    snprintf(t, sizeof t, "%.10sT00:00:00Z", date);
    int64_t e = iso_parse(t);
    return e < 0 ? -1 : e / 86400;
}
