/* test_routes: the router: {id} and {key} parameters, any number of them, and a route table that
 * is malformed or repeats a route refused at start with a clear reason instead of half served. */
#include "helpers.h"
#include "http/http.h"
#include "ui/pages.h"

static void h(struct hreq *x)
{
    (void)x;
}

static void ids_keys_and_their_bounds(void **state)
{
    (void)state;
    int64_t ids[4];
    const char *keys[4];
    size_t kl[4];
    const char *p = "/api/v1/a/12/b/Patient-7.x_y/c/3";
    assert_int_equal(http_pattern_match("/api/v1/a/{id}/b/{key}/c/{id}", p, strlen(p), ids, keys, kl), 1);
    assert_int_equal(ids[0], 12);
    assert_int_equal(ids[1], 3);
    assert_int_equal(kl[0], strlen("Patient-7.x_y"));
    assert_memory_equal(keys[0], "Patient-7.x_y", kl[0]);
    int nid, nkey;
    http_pattern_params("/api/v1/a/{id}/b/{key}/c/{id}", &nid, &nkey);
    assert_int_equal(nid, 2);
    assert_int_equal(nkey, 1);
    /* {id}: a positive integer of at most 15 digits, the whole segment */
    const char *bad_ids[] = {"/x/0", "/x/-1", "/x/1a", "/x/", "/x/1234567890123456", "/x/12/"};
    for (size_t i = 0; i < ARRAY_LEN(bad_ids); i++)
        assert_int_equal(http_pattern_match("/x/{id}", bad_ids[i], strlen(bad_ids[i]), NULL, NULL, NULL), 0);
    assert_int_equal(http_pattern_match("/x/{id}", "/x/123456789012345", 18, ids, NULL, NULL), 1);
    assert_int_equal(ids[0], 123456789012345);
    /* {key}: 1 to LIMIT_KEY of [A-Za-z0-9._-] */
    char long_key[LIMIT_KEY + 8] = "/k/";
    memset(long_key + 3, 'a', LIMIT_KEY);
    assert_int_equal(http_pattern_match("/k/{key}", long_key, strlen(long_key), NULL, keys, kl), 1);
    strcat(long_key, "a");
    assert_int_equal(http_pattern_match("/k/{key}", long_key, strlen(long_key), NULL, keys, kl), 0);
    const char *bad_keys[] = {"/k/", "/k/a b", "/k/a%20b", "/k/a/b", "/k/ü"};
    for (size_t i = 0; i < ARRAY_LEN(bad_keys); i++)
        assert_int_equal(http_pattern_match("/k/{key}", bad_keys[i], strlen(bad_keys[i]), NULL, keys, kl), 0);
}

static int join(const struct route *t, char *err, size_t len)
{
    const struct route *const tables[] = {t, NULL};
    const struct route **all = NULL;
    int n = 0, rc = http_routes_join(tables, &all, &n, err, len);
    free(all);
    return rc;
}

static void a_bad_table_is_refused_with_its_reason(void **state)
{
    (void)state;
    char err[256];
    const struct route ok[] = {{"GET", "/", h, ROLES_ANY, 0},
                               {"GET", "/a/{id}", h, ROLES_ANY, 0},
                               {"POST", "/a/{id}", h, ROLES_ANY, 0},
                               {"GET", "/a/{id}/b/{key}", h, ROLES_ANY, 0},
                               {0}};
    assert_int_equal(join(ok, err, sizeof err), 0);
    const struct route dup[] = {{"GET", "/a/{id}", h, ROLES_ANY, 0}, {"GET", "/a/{key}", h, ROLES_ANY, 0}, {0}};
    assert_int_equal(join(dup, err, sizeof err), -1);
    assert_non_null(strstr(err, "twice"));
    const struct route inner[] = {{"GET", "/a/x{id}", h, ROLES_ANY, 0}, {0}};
    assert_int_equal(join(inner, err, sizeof err), -1);
    assert_non_null(strstr(err, "whole segment"));
    const struct route unknown[] = {{"GET", "/a/{name}", h, ROLES_ANY, 0}, {0}};
    assert_int_equal(join(unknown, err, sizeof err), -1);
    const struct route slashes[] = {{"GET", "/a//b", h, ROLES_ANY, 0}, {0}};
    assert_int_equal(join(slashes, err, sizeof err), -1);
    assert_non_null(strstr(err, "empty segment"));
    const struct route relative[] = {{"GET", "a", h, ROLES_ANY, 0}, {0}};
    assert_int_equal(join(relative, err, sizeof err), -1);
    const struct route method[] = {{"FETCH", "/a", h, ROLES_ANY, 0}, {0}};
    assert_int_equal(join(method, err, sizeof err), -1);
    assert_non_null(strstr(err, "method"));
    const struct route nofn[] = {{"GET", "/a", NULL, ROLES_ANY, 0}, {0}};
    assert_int_equal(join(nofn, err, sizeof err), -1);
    assert_non_null(strstr(err, "no handler"));
}

static void a_large_table_is_held_whole(void **state)
{
    (void)state;
    enum { N = 1500 };
    static struct route big[N + 1];
    static char pats[N][32];
    for (int i = 0; i < N; i++) {
        snprintf(pats[i], sizeof pats[i], "/r%d/{id}", i);
        big[i] = (struct route){"GET", pats[i], h, ROLES_ANY, 0};
    }
    const struct route *const tables[] = {big, NULL};
    const struct route **all = NULL;
    int n = 0;
    char err[256];
    assert_int_equal(http_routes_join(tables, &all, &n, err, sizeof err), 0);
    assert_int_equal(n, N);
    assert_string_equal(all[N - 1]->pattern, "/r1499/{id}");
    free(all);
}

static void the_real_table_passes(void **state)
{
    (void)state;
    char err[256] = "";
    assert_int_equal(http_routes_check(err, sizeof err), 0);
    int n;
    const struct route **r = http_routes(&n);
    assert_true(n > 100);
    int documented = 0;
    for (int i = 0; i < n; i++)
        if (r[i]->flags & RF_API && strncmp(r[i]->pattern, "/api/", 5) == 0) {
            assert_non_null(r[i]->summary); /* every API route is in the OpenAPI document */
            documented++;
        }
    assert_true(documented > 50);
}

/* Every table registered with HTTP_ROUTES is joined whole, in the order of the keys (the api/ tables
 * before the pages), and the tables of api/ and ui/ are among them. */
extern const struct route_table *const __start_hearth_routes[], *const __stop_hearth_routes[];
static void registered_tables_are_joined_in_key_order(void **state)
{
    (void)state;
    int n, at = 0, seen_account = 0, seen_pages = 0;
    const struct route **all = http_routes(&n);
    const char *last = "";
    for (;;) { /* the registered tables, smallest key after last, one by one */
        const struct route_table *next = NULL;
        for (const struct route_table *const *e = __start_hearth_routes; e < __stop_hearth_routes; e++)
            if (strcmp((*e)->key, last) > 0 && (!next || strcmp((*e)->key, next->key) < 0))
                next = *e;
        if (!next)
            break;
        seen_account |= strcmp(next->key, "api-1-account") == 0;
        seen_pages |= strcmp(next->key, "ui-1-pages") == 0;
        for (const struct route *r = next->routes; r->pattern; r++, at++) {
            assert_true(at < n);
            assert_ptr_equal(all[at], r);
        }
        last = next->key;
    }
    assert_int_equal(at, n);
    assert_true(seen_account && seen_pages);
    assert_string_equal(all[0]->pattern, "/api/v1/login"); /* api-1-account comes first, as before */
    print_message("%d routes\n", n);
}

/* The client page's sections (CLIENT_SECTION) come sorted by key, no key twice, and the page files'
 * sections are among them, in the order the page drew them before they registered (a new one may
 * come anywhere). */
static void client_sections_are_registered_in_key_order(void **state)
{
    (void)state;
    static const char *const want[] = {"main-1-assess", "main-2-risk", "main-3-care", "side-1-care-tasks",
                                       "side-2-risk"};
    int n = 0;
    size_t found = 0;
    const struct client_section *const *s = client_sections(&n);
    for (int i = 0; i < n; i++) {
        assert_non_null(s[i]->fn);
        if (i > 0)
            assert_true(strcmp(s[i - 1]->key, s[i]->key) < 0);
        if (found < ARRAY_LEN(want) && str_eq(s[i]->key, want[found]))
            found++;
    }
    assert_int_equal(found, ARRAY_LEN(want));
}

/* The whole table tried in order: what http_route_find must answer, for every path. */
static int scan(const struct route **r, int n, const char *method, const char *path, struct buf *allow)
{
    int found_path = 0;
    for (int i = 0; i < n; i++) {
        if (!http_pattern_match(r[i]->pattern, path, strlen(path), NULL, NULL, NULL))
            continue;
        if (strcmp(r[i]->method, method) == 0 || (strcmp(method, "HEAD") == 0 && strcmp(r[i]->method, "GET") == 0))
            return i;
        if (allow->len)
            buf_adds(allow, ", ");
        buf_adds(allow, r[i]->method);
        found_path = 1;
    }
    return found_path ? -2 : -1;
}

static void same_as_scan(const struct route_index *x, const struct route **r, int n, const char *method,
                         const char *path)
{
    struct buf want, got;
    buf_init(&want);
    buf_init(&got);
    int w = scan(r, n, method, path, &want);
    int g = x ? route_index_find(x, method, strlen(method), path, strlen(path), &got)
              : http_route_find(method, strlen(method), path, strlen(path), &got);
    if (w != g || strcmp(want.data ? want.data : "", got.data ? got.data : ""))
        fail_msg("%s %s: the scan finds %d (Allow: %s), the index %d (Allow: %s)", method, path, w,
                 want.data ? want.data : "", g, got.data ? got.data : "");
    buf_free(&want);
    buf_free(&got);
}

/* Every route's own paths, and their near misses, with every method, find what the scan finds. */
static void the_index_finds_what_a_scan_finds(void **state)
{
    (void)state;
    int n;
    const struct route **r = http_routes(&n);
    assert_true(n > 100);
    static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    static const char *const odd[] = {"/", "", "/api", "/api/v1", "/api/v1/", "/api/v1//clients", "//",
                                      "/api/v2/clients", "/api/v1/clients/", "/api/v1/clients/0", "/clients/x/y"};
    int hits = 0;
    for (int i = 0; i < n; i++) {
        char path[512] = "", *o = path;
        for (const char *p = r[i]->pattern; *p && o < path + 400;) {
            if (strncmp(p, "{id}", 4) == 0)
                o += sprintf(o, "12"), p += 4;
            else if (strncmp(p, "{key}", 5) == 0)
                o += sprintf(o, "ab-c"), p += 5;
            else
                *o++ = *p++;
        }
        *o = 0;
        char longer[520], shorter[512], bare[512];
        snprintf(longer, sizeof longer, "%s/x", path);
        snprintf(shorter, sizeof shorter, "%s", path);
        char *cut = strrchr(shorter, '/');
        if (cut && cut != shorter)
            *cut = 0;
        snprintf(bare, sizeof bare, "%s", strncmp(path, "/api/v1/", 8) == 0 ? path + 7 : path);
        const char *paths[] = {path, longer, shorter, bare};
        for (size_t m = 0; m < ARRAY_LEN(methods); m++)
            for (size_t k = 0; k < ARRAY_LEN(paths); k++)
                same_as_scan(NULL, r, n, methods[m], paths[k]);
        struct buf allow;
        buf_init(&allow);
        hits += http_route_find(r[i]->method, strlen(r[i]->method), path, strlen(path), &allow) == i;
        buf_free(&allow);
    }
    for (size_t m = 0; m < ARRAY_LEN(methods); m++)
        for (size_t k = 0; k < ARRAY_LEN(odd); k++)
            same_as_scan(NULL, r, n, methods[m], odd[k]);
    assert_int_equal(hits, n); /* each route is found by its own path and method */
}

/* Routes whose first segment is a parameter (none in the real table today) are tried with every
 * group, in table order among its routes: the first match wins and the Allow list keeps that order. */
static void wild_routes_keep_the_table_order(void **state)
{
    (void)state;
    const struct route t[] = {{"GET", "/x", h, ROLES_ANY, 0},
                              {"GET", "/{key}/b", h, ROLES_ANY, 0},
                              {"POST", "/x/b", h, ROLES_ANY, 0},
                              {"DELETE", "/{key}", h, ROLES_ANY, 0},
                              {"PUT", "/x", h, ROLES_ANY, 0},
                              {"GET", "/api/v1/{key}", h, ROLES_ANY, 0},
                              {"POST", "/api/v1/c/{id}", h, ROLES_ANY, 0},
                              {"GET", "/api/v1/c/{id}", h, ROLES_ANY, 0},
                              {"PATCH", "/{id}/{key}", h, ROLES_ANY, 0},
                              {"GET", "/api/v1/{key}/{id}", h, ROLES_ANY, 0},
                              {0}};
    const struct route *const tables[] = {t, NULL};
    const struct route **all;
    int n;
    char err[256];
    assert_int_equal(http_routes_join(tables, &all, &n, err, sizeof err), 0);
    struct route_index *x = route_index_new(all, n);
    static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"};
    static const char *const paths[] = {"/x", "/x/b", "/y", "/y/b", "/api/v1/c", "/api/v1/c/7", "/api/v1/d/7",
                                        "/7/b", "/api", "/api/v1", "/", "/x/b/c", "/api/v1/c/7/d"};
    for (size_t m = 0; m < ARRAY_LEN(methods); m++)
        for (size_t k = 0; k < ARRAY_LEN(paths); k++)
            same_as_scan(x, all, n, methods[m], paths[k]);
    struct buf allow;
    buf_init(&allow);
    assert_int_equal(route_index_find(x, "PATCH", 5, "/x/b", 4, &allow), -2);
    assert_string_equal(allow.data, "GET, POST"); /* a wild one, then one of the group */
    buf_reset(&allow);
    assert_int_equal(route_index_find(x, "DELETE", 6, "/x", 2, &allow), 3);
    buf_free(&allow);
    route_index_free(x);
    free(all);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ids_keys_and_their_bounds),
        cmocka_unit_test(a_bad_table_is_refused_with_its_reason),
        cmocka_unit_test(a_large_table_is_held_whole),
        cmocka_unit_test(the_real_table_passes),
        cmocka_unit_test(the_index_finds_what_a_scan_finds),
        cmocka_unit_test(wild_routes_keep_the_table_order),
        cmocka_unit_test(registered_tables_are_joined_in_key_order),
        cmocka_unit_test(client_sections_are_registered_in_key_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
