/* fuzz_headers: cookies and headers as the server reads them (req_header, req_cookie in
 * http/form.c), then the credentials they carry (auth_session_lookup for the session cookie,
 * auth_token_lookup for "Authorization: Bearer") on a database holding one session and one API
 * token. The input is a request head: "name: value" lines. "@SESSION@" and "@TOKEN@" in it stand
 * for the real session and token, so seeds reach the accepted paths.
 * Properties: a cookie found is shorter than its buffer, holds no ';', and stands in a cookie
 * header as "name=value"; a header found is that header's first value; a credential is accepted
 * only when it is exactly the one issued, and names its staff member. */
#include "auth/auth.h"
#include "fuzz.h"
#include "http/http.h"
#include <ctype.h>

static char session[AUTH_TOKEN_HEX + 1], csrf[AUTH_TOKEN_HEX + 1], token[AUTH_TOKEN_HEX + 5];
static int64_t staff_id;

static void setup(void)
{
    struct db *db = fuzz_db();
    log_quiet = 1;
    if (db_run(db, "INSERT INTO orgs(name, kind, created_at) VALUES ('Riverside', 'other', '2026-11-22T12:00:00Z')",
               "") != DB_OK ||
        db_run(db,
               "INSERT INTO staff(org_id, username, display_name, role, pw_hash, created_at)"
               " VALUES (1, 'cm1', 'cm1', 'case_manager', 'x', '2026-11-22T12:00:00Z')",
               "") != DB_OK)
        fuzz_fail("setup: %s", db_errmsg(db));
    staff_id = db_int1(db, 0, "SELECT id FROM staff WHERE username='cm1'", "");
    int64_t tid;
    char expires[32];
    if (auth_session_create(db, staff_id, session, csrf) != 0 ||
        auth_token_create(db, staff_id, "fuzz", AUTH_TOKEN_DAYS, token, &tid, expires) != 0)
        fuzz_fail("setup: a session and a token");
}

/* The input with the placeholders replaced (malloc'd). */
static char *expand(const uint8_t *data, size_t size, size_t *len)
{
    struct buf b;
    buf_init(&b);
    for (size_t i = 0; i < size;) {
        if (size - i >= 9 && memcmp(data + i, "@SESSION@", 9) == 0) {
            buf_adds(&b, session);
            i += 9;
        } else if (size - i >= 7 && memcmp(data + i, "@TOKEN@", 7) == 0) {
            buf_adds(&b, token);
            i += 7;
        } else {
            buf_addc(&b, (char)data[i++]);
        }
    }
    *len = b.len;
    if (!b.data)
        buf_adds(&b, "");
    return buf_steal(&b);
}

/* Does "name=value" (or "name" alone for an empty value) stand in a cookie header? */
static int in_cookie_header(h2o_req_t *req, const char *name, const char *val)
{
    char want[256];
    int n = snprintf(want, sizeof want, *val ? "%s=%s" : "%s", name, val);
    for (ssize_t i = -1; (i = h2o_find_header(&req->headers, H2O_TOKEN_COOKIE, i)) != -1;) {
        h2o_iovec_t v = req->headers.entries[i].value;
        for (size_t at = 0; at + (size_t)n <= v.len; at++)
            if (memcmp(v.base + at, want, (size_t)n) == 0)
                return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        setup();
        ready = 1;
    }
    size_t len;
    char *in = expand(data, size, &len);
    h2o_req_t *req = xcalloc(1, sizeof *req);
    h2o_mem_init_pool(&req->pool);
    /* Header names are lowercase by the time h2o hands them over; values are bytes. */
    for (char *p = in, *end = in + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *stop = nl ? nl : end;
        char *colon = memchr(p, ':', (size_t)(stop - p));
        if (colon && colon > p) {
            for (char *q = p; q < colon; q++)
                *q = (char)tolower((unsigned char)*q);
            char *v = colon + 1;
            while (v < stop && *v == ' ')
                v++;
            h2o_add_header_by_str(&req->pool, &req->headers, p, (size_t)(colon - p), 1, NULL, v, (size_t)(stop - v));
        }
        p = nl ? nl + 1 : end;
    }
    struct hreq h;
    memset(&h, 0, sizeof h);
    h.req = req;

    static const char *const names[] = {"authorization", "x-csrf-token", "content-type", "if-match", NULL};
    for (int k = 0; names[k]; k++) {
        const char *got = req_header(&h, names[k]);
        ssize_t i = h2o_find_header_by_str(&req->headers, names[k], strlen(names[k]), -1);
        if ((got != NULL) != (i >= 0))
            fuzz_fail("req_header(%s) answered %s", names[k], got ? "a value for a missing header" : "nothing");
        if (got && (strlen(got) > req->headers.entries[i].value.len ||
                    memcmp(got, req->headers.entries[i].value.base, strlen(got)) != 0))
            fuzz_fail("req_header(%s) answered another value than the header's", names[k]);
    }
    char tok[AUTH_TOKEN_HEX + 2];
    const char *c = req_cookie(&h, "hearth_session", tok, sizeof tok);
    if (c) {
        if (c != tok || strlen(tok) >= sizeof tok || strchr(tok, ';'))
            fuzz_fail("req_cookie answered a malformed value");
        if (!in_cookie_header(req, "hearth_session", tok))
            fuzz_fail("req_cookie answered \"%s\", which no cookie header holds", tok);
        struct actor a;
        char got_csrf[AUTH_TOKEN_HEX + 1];
        int touch = 0;
        int ok = auth_session_lookup(fuzz_db(), tok, &a, got_csrf, &touch) == 0;
        if (ok != (strcmp(tok, session) == 0))
            fuzz_fail("session \"%s\" %s", tok, ok ? "accepted" : "refused");
        if (ok && (a.staff_id != staff_id || strcmp(got_csrf, csrf) != 0))
            fuzz_fail("the session names someone else");
    }
    const char *authz = req_header(&h, "authorization");
    if (authz && strncasecmp(authz, "Bearer ", 7) == 0) {
        struct actor a;
        int64_t tid;
        int touch;
        int ok = auth_token_lookup(fuzz_db(), authz + 7, -1, &a, &tid, &touch) == 0;
        if (ok != (strcmp(authz + 7, token) == 0))
            fuzz_fail("token \"%s\" %s", authz + 7, ok ? "accepted" : "refused");
        if (ok && a.staff_id != staff_id)
            fuzz_fail("the token names someone else");
    }
    const char *im = req_header(&h, "if-match");
    int64_t v;
    if (im && parse_int64(im, &v) == 0 && v < 0)
        fuzz_fail("parse_int64(\"%s\") gave a negative number", im);
    h2o_mem_clear_pool(&req->pool);
    free(req);
    free(in);
    return 0;
}
