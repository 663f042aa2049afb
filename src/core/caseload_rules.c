/* caseload_rules: reads and checks the caseload weights file (caseload/weights.rules, one statement a
 * line; format in caseload/README.md) and computes one episode's weight from it. */
#include "base/base.h"
#include "core/caseload.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WEIGHTS_MAX_BYTES (32 * 1024)
#define WEIGHTS_MAX_LINE 1000
#define WEIGHTS_MAX_WORDS 8

const char *const cl_open_statuses[] = {"intake", "active", "on_hold", NULL};

static struct caseload_weights loaded;
static int have_loaded;

#define bad rules_bad /* base.h: "FILE:LINE: REASON" */

/* A number lo..hi written as digits with at most two decimals ("1", "0.25", "40"). */
static int number(const char *s, double lo, double hi, double *v)
{
    size_t n = strspn(s, "0123456789");
    if (n < 1 || n > 4)
        return 0;
    if (s[n] == '.') {
        size_t d = strspn(s + n + 1, "0123456789");
        if (d < 1 || d > 2 || s[n + 1 + d])
            return 0;
    } else if (s[n]) {
        return 0;
    }
    *v = strtod(s, NULL);
    return *v >= lo && *v <= hi;
}

static int days(const char *s, int *v)
{
    if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 4)
        return 0;
    *v = atoi(s);
    return *v >= 1 && *v <= 365;
}

static int index_of(const char *const *list, const char *v)
{
    for (int i = 0; list[i]; i++)
        if (str_eq(list[i], v))
            return i;
    return -1;
}

/* "high_risk W", "crisis W within DAYS", "discharge W within DAYS". */
static int extra(struct rules_at *p, char **w, int n, double *weight, int *d)
{
    if (d ? n != 4 || !str_eq(w[2], "within") : n != 2)
        return bad(p, d ? "%s takes a weight and \"within DAYS\": %s 1 within 30" : "%s takes one weight", w[0],
                   w[0]);
    if (!number(w[1], 0, 100, weight))
        return bad(p, "the weight must be a number from 0 to 100 with at most two decimals, not \"%s\"", w[1]);
    if (d && !days(w[3], d))
        return bad(p, "the days must be a whole number from 1 to 365, not \"%s\"", w[3]);
    return 0;
}

int caseload_parse(const char *file, const char *text, size_t len, struct caseload_weights *out, char *err,
                   size_t errlen)
{
    struct rules_at p = {file, 0, err, errlen};
    struct caseload_weights w;
    memset(&w, 0, sizeof w);
    snprintf(w.file, sizeof w.file, "%s", file);
    if (len > WEIGHTS_MAX_BYTES)
        return bad(&p, "the file is larger than %d bytes", WEIGHTS_MAX_BYTES);
    if (memchr(text, 0, len))
        return bad(&p, "the file holds a NUL byte");
    /* what each line set, to refuse a second one and name what is missing */
    int seen_prog[CL_PROGRAMMES] = {0}, seen_status[CL_STATUSES] = {0}, seen_role[ROLE__COUNT] = {0};
    int seen_version = 0, seen_share = 0, seen_high = 0, seen_crisis = 0, seen_discharge = 0, any_units = 0;
    const char *s = text, *end = text + len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        p.line++;
        if (n > WEIGHTS_MAX_LINE)
            return bad(&p, "the line is longer than %d bytes", WEIGHTS_MAX_LINE);
        char line[WEIGHTS_MAX_LINE + 1];
        memcpy(line, s, n);
        line[n] = 0;
        s += n + (nl ? 1 : 0);
        if (n && line[n - 1] == '\r')
            line[--n] = 0;
        char *hash = strchr(line, '#');
        if (hash && strncmp(line, "based_on", 8) != 0)
            *hash = 0;
        char *t = line;
        while (*t == ' ' || *t == '\t')
            t++;
        if (!*t)
            continue;
        /* based_on: the rest of the line is text */
        if (strncmp(t, "based_on", 8) == 0 && (t[8] == ' ' || t[8] == '\t')) {
            char *v = t + 9;
            while (*v == ' ' || *v == '\t')
                v++;
            json_t *ok = json_string(v);
            if (!ok)
                return bad(&p, "based_on is not valid UTF-8");
            json_decref(ok);
            if (strlen(v) >= sizeof w.based_on)
                return bad(&p, "based_on is longer than %zu bytes", sizeof w.based_on - 1);
            snprintf(w.based_on, sizeof w.based_on, "%s", v);
            continue;
        }
        char *words[WEIGHTS_MAX_WORDS] = {0};
        int nw = 0;
        for (char *tok = strtok(t, " \t"); tok; tok = strtok(NULL, " \t")) {
            if (nw == WEIGHTS_MAX_WORDS)
                return bad(&p, "too many words on one line");
            words[nw++] = tok;
        }
        const char *key = words[0];
        double v;
        if (str_eq(key, "version")) {
            if (nw != 2 || strlen(words[1]) >= sizeof w.version || strspn(words[1], "0123456789.-_abcdefghijklmnopqrstuvwxyz") != strlen(words[1]))
                return bad(&p, "version takes one word of digits, letters, '.', '-' or '_' (up to 63)");
            if (seen_version++)
                return bad(&p, "a second version line");
            snprintf(w.version, sizeof w.version, "%s", words[1]);
        } else if (str_eq(key, "units_per_fte")) {
            if (nw != 3)
                return bad(&p, "units_per_fte takes a role and a number: units_per_fte case_manager 40");
            int r = role_parse(words[1]);
            if (r < 0)
                return bad(&p, "unknown role \"%s\"", words[1]);
            if (r == ROLE_ADMIN || (ROLE_BIT(r) & ROLES_AGGREGATE))
                return bad(&p, "the role \"%s\" holds no clients", words[1]);
            if (!number(words[2], 1, 1000, &v))
                return bad(&p, "the units per FTE must be a number from 1 to 1000, not \"%s\"", words[2]);
            if (seen_role[r]++)
                return bad(&p, "a second units_per_fte line for %s", words[1]);
            w.units_per_fte[r] = v;
            any_units = 1;
        } else if (str_eq(key, "team_share")) {
            if (nw != 2 || !number(words[1], 0, 1, &v))
                return bad(&p, "team_share takes one number from 0 to 1");
            if (seen_share++)
                return bad(&p, "a second team_share line");
            w.team_share = v;
        } else if (str_eq(key, "programme")) {
            if (nw != 3)
                return bad(&p, "programme takes a programme and a weight: programme act 4");
            int i = index_of(programmes, words[1]);
            if (i < 0 || i >= CL_PROGRAMMES)
                return bad(&p, "unknown programme \"%s\"", words[1]);
            if (!number(words[2], 0, 100, &v))
                return bad(&p, "the weight must be a number from 0 to 100 with at most two decimals, not \"%s\"",
                           words[2]);
            if (seen_prog[i]++)
                return bad(&p, "a second weight for the programme %s", words[1]);
            w.programme[i] = v;
        } else if (str_eq(key, "status")) {
            if (nw != 3)
                return bad(&p, "status takes an open status and a factor: status on_hold 0.5");
            int i = index_of(cl_open_statuses, words[1]);
            if (i < 0)
                return bad(&p, "\"%s\" is not an open status (intake, active, on_hold)", words[1]);
            if (!number(words[2], 0, 10, &v))
                return bad(&p, "the factor must be a number from 0 to 10, not \"%s\"", words[2]);
            if (seen_status[i]++)
                return bad(&p, "a second factor for the status %s", words[1]);
            w.status[i] = v;
        } else if (str_eq(key, "high_risk")) {
            if (extra(&p, words, nw, &w.high_risk, NULL) != 0)
                return -1;
            if (seen_high++)
                return bad(&p, "a second high_risk line");
        } else if (str_eq(key, "crisis")) {
            if (extra(&p, words, nw, &w.crisis, &w.crisis_days) != 0)
                return -1;
            if (seen_crisis++)
                return bad(&p, "a second crisis line");
        } else if (str_eq(key, "discharge")) {
            if (extra(&p, words, nw, &w.discharge, &w.discharge_days) != 0)
                return -1;
            if (seen_discharge++)
                return bad(&p, "a second discharge line");
        } else {
            return bad(&p, "unknown statement \"%s\" (version, based_on, units_per_fte, team_share, programme,"
                           " status, high_risk, crisis, discharge)",
                       key);
        }
    }
    p.line = 0;
    if (!seen_version)
        return bad(&p, "no version line");
    if (!any_units)
        return bad(&p, "no units_per_fte line: no role would have a capacity");
    if (!seen_share)
        return bad(&p, "no team_share line");
    for (int i = 0; programmes[i] && i < CL_PROGRAMMES; i++)
        if (!seen_prog[i])
            return bad(&p, "no weight for the programme %s", programmes[i]);
    for (int i = 0; i < CL_STATUSES; i++)
        if (!seen_status[i])
            return bad(&p, "no factor for the status %s", cl_open_statuses[i]);
    if (!seen_high || !seen_crisis || !seen_discharge)
        return bad(&p, "no %s line", !seen_high ? "high_risk" : !seen_crisis ? "crisis" : "discharge");
    *out = w;
    return 0;
}

int caseload_load(const char *path, char *err, size_t errlen)
{
    size_t n;
    char *text = file_slurp(path, WEIGHTS_MAX_BYTES, &n, "the caseload weights file", err, errlen);
    if (!text)
        return -1;
    struct caseload_weights w;
    int rc = caseload_parse(path, text, n, &w, err, errlen);
    free(text);
    if (rc == 0) {
        loaded = w;
        have_loaded = 1;
    }
    return rc;
}

void caseload_unload(void)
{
    have_loaded = 0;
}

const struct caseload_weights *caseload_weights(void)
{
    return have_loaded ? &loaded : NULL;
}

static void piece(json_t *why, const char *key, double v)
{
    if (why)
        json_array_append_new(why, json_pack("{s:s,s:f}", "key", key, "weight", v));
}

double caseload_weight(const struct caseload_weights *w, const struct cl_facts *f, json_t *why)
{
    int p = index_of(programmes, f->programme ? f->programme : "");
    int s = index_of(cl_open_statuses, f->status ? f->status : "");
    if (p < 0 || p >= CL_PROGRAMMES || s < 0)
        return 0; /* not an open episode of a known programme */
    double x = w->programme[p];
    piece(why, f->programme, w->programme[p]);
    if (f->high_risk) {
        x += w->high_risk;
        piece(why, "high_risk", w->high_risk);
    }
    if (f->recent_crisis) {
        x += w->crisis;
        piece(why, "recent_crisis", w->crisis);
    }
    if (f->recent_discharge) {
        x += w->discharge;
        piece(why, "recent_discharge", w->discharge);
    }
    if (w->status[s] != 1.0) {
        x *= w->status[s];
        piece(why, f->status, w->status[s]);
    }
    if (!f->primary) {
        x *= w->team_share;
        piece(why, "team_share", w->team_share);
    }
    return x;
}

double caseload_capacity(const struct caseload_weights *w, int role, int fte_tenths)
{
    if (!w || role < 0 || role >= ROLE__COUNT)
        return 0;
    return w->units_per_fte[role] * fte_tenths / 10.0;
}
