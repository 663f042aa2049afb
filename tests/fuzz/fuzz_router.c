/* fuzz_router: the router's matcher (http_pattern_match, http/routes.c) against the one route table
 * (http_routes). The input is "METHOD path". Properties: a path that matches a pattern is that
 * pattern with its parameters written back (no leading zero, sign, space or extra digit gets
 * through an {id}, every {id} is a positive integer, a {key} is 1 to LIMIT_KEY of [A-Za-z0-9._-]);
 * no two routes of one method match one path; the index (http_route_find) answers what trying every
 * route in order answers: the route, or the other methods of the path (Allow), or nothing. */
#include "fuzz.h"
#include "http/http.h"

#define MAXP 16

/* The pattern with the matched parameters in place of {id} (and {key}), into b. */
static void rebuild(struct buf *b, const char *pat, const int64_t *ids, const char **keys, const size_t *keylens)
{
    int ni = 0, nk = 0;
    while (*pat) {
        if (strncmp(pat, "{id}", 4) == 0) {
            if (ids[ni] <= 0)
                fuzz_fail("an {id} matched as %lld", (long long)ids[ni]);
            buf_printf(b, "%lld", (long long)ids[ni++]);
            pat += 4;
        } else if (strncmp(pat, "{key}", 5) == 0) {
            if (keylens[nk] < 1 || keylens[nk] > LIMIT_KEY)
                fuzz_fail("a {key} matched with %zu characters", keylens[nk]);
            for (size_t i = 0; i < keylens[nk]; i++)
                if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", keys[nk][i]) ||
                    !keys[nk][i])
                    fuzz_fail("a {key} matched with '%c' in it", keys[nk][i]);
            buf_add(b, keys[nk], keylens[nk]);
            nk++;
            pat += 5;
        } else {
            buf_addc(b, *pat++);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *sp = memchr(data, ' ', size);
    if (!sp)
        return 0;
    const char *method = (const char *)data, *path = sp + 1;
    size_t mlen = (size_t)(sp - method), plen = size - mlen - 1;
    int n;
    const struct route **routes = http_routes(&n);
    int first = -1, head_get = -1;
    struct buf allow, got;
    buf_init(&allow);
    buf_init(&got);
    for (int i = 0; i < n; i++) {
        int64_t ids[MAXP] = {0};
        const char *keys[MAXP] = {0};
        size_t keylens[MAXP] = {0};
        int m = http_pattern_match(routes[i]->pattern, path, plen, ids, keys, keylens);
        if (!m)
            continue;
        struct buf b;
        buf_init(&b);
        rebuild(&b, routes[i]->pattern, ids, keys, keylens);
        if (b.len != plen || memcmp(b.data, path, plen) != 0)
            fuzz_fail("%s matched \"%.*s\" but gives back \"%s\"", routes[i]->pattern, (int)plen, path, b.data);
        buf_free(&b);
        if (strlen(routes[i]->method) == mlen && memcmp(routes[i]->method, method, mlen) == 0) {
            if (first >= 0)
                fuzz_fail("%s \"%.*s\" matches both %s and %s", routes[i]->method, (int)plen, path,
                          routes[first]->pattern, routes[i]->pattern);
            first = i;
        } else if (mlen == 4 && memcmp(method, "HEAD", 4) == 0 && strcmp(routes[i]->method, "GET") == 0) {
            if (head_get < 0)
                head_get = i;
        } else if (first < 0 && head_get < 0) { /* what a scan lists before it finds the route */
            buf_adds(&allow, allow.len ? ", " : "");
            buf_adds(&allow, routes[i]->method);
        }
    }
    int want = first >= 0 && (head_get < 0 || first < head_get) ? first : head_get >= 0 ? head_get
               : allow.len                                        ? -2
                                                                  : -1;
    int found = http_route_find(method, mlen, path, plen, &got);
    if (found != want || (want == -2 && strcmp(got.data, allow.data) != 0))
        fuzz_fail("%.*s \"%.*s\": the index finds %d (Allow: %s), a scan %d (Allow: %s)", (int)mlen, method, (int)plen,
                  path, found, got.data ? got.data : "", want, allow.data ? allow.data : "");
    buf_free(&allow);
    buf_free(&got);
    return 0;
}
