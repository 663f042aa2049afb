/* routes: the one route table, joined from the tables api/ and ui/ register (HTTP_ROUTES), in the
 * order of their keys, checked once at start (a malformed or repeated pattern stops the server), and the path matcher. */
#include "http/http.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The registered tables (HTTP_ROUTES): the linker gathers their entries in the section hearth_routes. */
extern const struct route_table *const __start_hearth_routes[], *const __stop_hearth_routes[];

static int by_key(const void *a, const void *b)
{
    return strcmp((*(const struct route_table *const *)a)->key, (*(const struct route_table *const *)b)->key);
}

/* The tables in the order of their keys, NULL-terminated (malloc'd), or NULL with the problem in err. */
static const struct route **registered_tables(char *err, size_t len)
{
    size_t n = (size_t)(__stop_hearth_routes - __start_hearth_routes);
    const struct route_table **t = xcalloc(n ? n : 1, sizeof *t);
    for (size_t i = 0; i < n; i++)
        t[i] = __start_hearth_routes[i];
    qsort(t, n, sizeof *t, by_key);
    const struct route **tables = xcalloc(n + 1, sizeof *tables);
    for (size_t i = 0; i < n; i++) {
        if (!t[i]->key || !t[i]->routes || (i && strcmp(t[i - 1]->key, t[i]->key) == 0)) {
            snprintf(err, len, "route tables: the key \"%s\" is %s", t[i]->key ? t[i]->key : "?",
                     t[i]->key && t[i]->routes ? "there twice" : "missing, or its table");
            free(t);
            free(tables);
            return NULL;
        }
        tables[i] = t[i]->routes;
    }
    free(t);
    return tables;
}

static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", NULL};

static int key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
}

void http_pattern_params(const char *pattern, int *nid, int *nkey)
{
    *nid = *nkey = 0;
    for (const char *p = pattern; (p = strchr(p, '{')); p++) {
        if (strncmp(p, "{id}", 4) == 0)
            (*nid)++;
        else if (strncmp(p, "{key}", 5) == 0)
            (*nkey)++;
    }
}

int http_pattern_match(const char *pat, const char *path, size_t plen, int64_t *ids, const char **keys,
                       size_t *keylens)
{
    int ni = 0, nk = 0;
    const char *p = path, *end = path + plen;
    while (*pat) {
        if (*pat != '{') { /* a literal character: most of every pattern, and most mismatches */
            if (p >= end || *p != *pat)
                return 0;
            p++;
            pat++;
        } else if (strncmp(pat, "{id}", 4) == 0) {
            if (p >= end || *p < '1' || *p > '9')
                return 0;
            int64_t v = 0;
            int digits = 0;
            while (p < end && *p >= '0' && *p <= '9' && digits < 15) {
                v = v * 10 + (*p++ - '0');
                digits++;
            }
            if (p < end && *p != '/')
                return 0; /* more digits than an id has, or not a number */
            if (ids)
                ids[ni] = v;
            ni++;
            pat += 4;
        } else if (strncmp(pat, "{key}", 5) == 0) {
            const char *s = p;
            while (p < end && *p != '/') {
                if (!key_char(*p) || p - s >= LIMIT_KEY)
                    return 0;
                p++;
            }
            if (p == s)
                return 0;
            if (keys) {
                keys[nk] = s;
                keylens[nk] = (size_t)(p - s);
            }
            nk++;
            pat += 5;
        } else {
            if (p >= end || *p != *pat)
                return 0;
            p++;
            pat++;
        }
    }
    return p == end;
}

/* A pattern is "/" or "/seg/seg...": segments of [A-Za-z0-9._-] or a whole {id} / {key}. */
static int pattern_ok(const char *pat, char *why, size_t len)
{
    if (!pat || pat[0] != '/') {
        snprintf(why, len, "does not start with /");
        return 0;
    }
    if (!pat[1])
        return 1;
    for (const char *s = pat; *s;) {
        if (*s != '/') {
            snprintf(why, len, "a segment is malformed at \"%s\"", s);
            return 0;
        }
        s++;
        const char *e = strchr(s, '/');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 0) {
            snprintf(why, len, "has an empty segment (\"//\" or a trailing \"/\")");
            return 0;
        }
        if ((n == 4 && memcmp(s, "{id}", 4) == 0) || (n == 5 && memcmp(s, "{key}", 5) == 0)) {
            s += n;
            continue;
        }
        for (size_t i = 0; i < n; i++)
            if (!key_char(s[i])) {
                snprintf(why, len, "has '%c' in a segment: parameters are a whole segment, {id} or {key}", s[i]);
                return 0;
            }
        s += n;
    }
    return 1;
}

/* Two patterns that match the same paths when a parameter may be anything. */
static int same_shape(const char *a, const char *b)
{
    while (*a && *b) {
        int pa = *a == '{', pb = *b == '{';
        if (pa != pb)
            return 0;
        if (pa) {
            a = strchr(a, '}') + 1;
            b = strchr(b, '}') + 1;
            continue;
        }
        if (*a++ != *b++)
            return 0;
    }
    return !*a && !*b;
}

int http_routes_join(const struct route *const *tables, const struct route ***out, int *n, char *err, size_t len)
{
    int count = 0, cap = 64;
    const struct route **all = xcalloc((size_t)cap, sizeof *all);
    char why[160];
    for (int t = 0; tables[t]; t++)
        for (const struct route *r = tables[t]; r->pattern || r->method || r->fn; r++) {
            if (!r->method || !r->pattern || !r->fn || !in_list(methods, r->method)) {
                snprintf(err, len, "route table %d, entry %d (%s %s): %s", t, (int)(r - tables[t]),
                         r->method ? r->method : "?", r->pattern ? r->pattern : "?",
                         !r->fn ? "no handler" : "the method must be GET, POST, PUT, PATCH or DELETE");
                free(all);
                return -1;
            }
            if (!pattern_ok(r->pattern, why, sizeof why)) {
                snprintf(err, len, "route %s %s: the pattern %s", r->method, r->pattern, why);
                free(all);
                return -1;
            }
            for (int i = 0; i < count; i++)
                if (strcmp(all[i]->method, r->method) == 0 && same_shape(all[i]->pattern, r->pattern)) {
                    snprintf(err, len, "route %s %s is there twice (also as %s)", r->method, r->pattern,
                             all[i]->pattern);
                    free(all);
                    return -1;
                }
            if (count == cap)
                all = xrealloc(all, (size_t)(cap *= 2) * sizeof *all);
            all[count++] = r;
        }
    *out = all;
    *n = count;
    return 0;
}

static const struct route **joined;
static int njoined = -1;
static char join_err[256];

int http_routes_check(char *err, size_t len)
{
    if (njoined < 0) {
        const struct route **tables = registered_tables(join_err, sizeof join_err);
        if (!tables || http_routes_join(tables, &joined, &njoined, join_err, sizeof join_err) != 0)
            njoined = -2;
        free(tables);
    }
    if (njoined == -2) {
        snprintf(err, len, "%s", join_err);
        return -1;
    }
    return 0;
}

const struct route **http_routes(int *n)
{
    char err[256];
    *n = http_routes_check(err, sizeof err) == 0 ? njoined : 0;
    return joined;
}
