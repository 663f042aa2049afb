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

/* ---- finding a request's route ----
 * The routes are grouped by their first segment, or for "/api/v1/..." by the segment after it: a
 * path can only match a route of its own group, or one whose grouping segment is a parameter (the
 * wild ones). A request tries those, in table order, not the whole table. */
struct keyed {
    const char *key;
    size_t len;
    int i; /* in the table */
};
struct route_index {
    const struct route *const *routes;
    struct keyed *grouped; /* the routes that are not wild, by (key, i) */
    int ngrouped, *wild, nwild;
};
static struct route_index *the_index;

static size_t group_len(const char *s, size_t n)
{
    size_t start = n >= 8 && memcmp(s, "/api/v1/", 8) == 0 ? 8 : 1;
    const char *e = start < n ? memchr(s + start, '/', n - start) : NULL;
    return e ? (size_t)(e - s) : n;
}

static int key_cmp(const char *a, size_t al, const char *b, size_t bl)
{
    int c = memcmp(a, b, al < bl ? al : bl);
    return c ? c : (al > bl) - (al < bl);
}

static int by_group(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;
    int c = key_cmp(x->key, x->len, y->key, y->len);
    return c ? c : x->i - y->i;
}

struct route_index *route_index_new(const struct route *const *routes, int n)
{
    struct route_index *x = xcalloc(1, sizeof *x);
    x->routes = routes;
    x->grouped = xcalloc((size_t)n + 1, sizeof *x->grouped);
    x->wild = xcalloc((size_t)n + 1, sizeof *x->wild);
    for (int i = 0; i < n; i++) {
        const char *p = routes[i]->pattern;
        size_t kl = group_len(p, strlen(p));
        if (memchr(p, '{', kl))
            x->wild[x->nwild++] = i;
        else
            x->grouped[x->ngrouped++] = (struct keyed){p, kl, i};
    }
    qsort(x->grouped, (size_t)x->ngrouped, sizeof *x->grouped, by_group);
    return x;
}

void route_index_free(struct route_index *x)
{
    if (x) {
        free(x->grouped);
        free(x->wild);
        free(x);
    }
}

int route_index_find(const struct route_index *x, const char *method, size_t mlen, const char *path, size_t plen,
                     struct buf *allow)
{
    size_t kl = group_len(path, plen);
    int lo = 0, hi = x->ngrouped; /* the first of the path's group */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (key_cmp(x->grouped[mid].key, x->grouped[mid].len, path, kl) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    int a = lo, b = 0, found_path = 0;
    int head = mlen == 4 && memcmp(method, "HEAD", 4) == 0;
    for (;;) { /* the group and the wild ones, merged in table order */
        int in_group = a < x->ngrouped && key_cmp(x->grouped[a].key, x->grouped[a].len, path, kl) == 0;
        if (!in_group && b >= x->nwild)
            break;
        int i = in_group && (b >= x->nwild || x->grouped[a].i < x->wild[b]) ? x->grouped[a++].i : x->wild[b++];
        const struct route *r = x->routes[i];
        if (!http_pattern_match(r->pattern, path, plen, NULL, NULL, NULL))
            continue;
        size_t rl = strlen(r->method);
        if ((rl == mlen && memcmp(r->method, method, mlen) == 0) || (head && strcmp(r->method, "GET") == 0))
            return i;
        if (allow->len)
            buf_adds(allow, ", ");
        buf_adds(allow, r->method);
        found_path = 1;
    }
    return found_path ? -2 : -1;
}

int http_route_find(const char *method, size_t mlen, const char *path, size_t plen, struct buf *allow)
{
    return the_index ? route_index_find(the_index, method, mlen, path, plen, allow) : -1;
}

int http_routes_check(char *err, size_t len)
{
    if (njoined < 0) {
        const struct route **tables = registered_tables(join_err, sizeof join_err);
        if (!tables || http_routes_join(tables, &joined, &njoined, join_err, sizeof join_err) != 0)
            njoined = -2;
        else
            the_index = route_index_new(joined, njoined);
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
