/* openapi: the API's contract, GET /api/v1/openapi.json: an OpenAPI 3.1 document made at run time
 * from the route table (method, pattern, summary, what it answers, its body) and the resource
 * descriptors (the fields of each record). Nothing here is written twice: a route added to a table
 * is in the document. Public: it describes the API, never data, and a client reads it before it has
 * a token. */
#include "api/api_int.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static const struct resource *resource_of(int res)
{
    if (res <= 0 || res > RES__COUNT)
        return NULL;
    return resources[res - 1];
}

static json_t *fields_schema(const struct res_field *f, const char *title, int body);

/* The field lists being described, outermost first: a shape that contains itself (a contact's
 * history is a list of contacts) is described once, its inner copy as a plain array or object. */
#define MAX_NEST 8
static const struct res_field *nesting[MAX_NEST];
static int depth;

static json_t *type_of(enum ftype t, int nullable, const struct res_field *of)
{
    for (int i = 0; i < depth; i++)
        if (nesting[i] == of)
            of = NULL;
    if (depth == MAX_NEST)
        of = NULL;
    static const char *const names[] = {[FT_INT] = "integer",  [FT_STRING] = "string", [FT_BOOL] = "boolean",
                                        [FT_DATE] = "string",  [FT_DATETIME] = "string", [FT_NUMBER] = "number",
                                        [FT_OBJECT] = "object", [FT_ARRAY] = "array"};
    const char *n = (unsigned)t < ARRAY_LEN(names) && names[t] ? names[t] : "string";
    json_t *s = json_object();
    /* a stored integer flag may come back as 0/1 where the record says boolean */
    if (t == FT_BOOL)
        json_object_set_new(s, "type", nullable ? json_pack("[s,s,s]", "boolean", "integer", "null")
                                                : json_pack("[s,s]", "boolean", "integer"));
    else
        json_object_set_new(s, "type", nullable ? json_pack("[s,s]", n, "null") : json_string(n));
    if (t == FT_DATE)
        json_object_set_new(s, "format", json_string("date"));
    if (of && t == FT_ARRAY)
        json_object_set_new(s, "items", fields_schema(of, NULL, 0));
    if (of && t == FT_OBJECT) {
        json_t *members = fields_schema(of, NULL, 0);
        json_object_set(s, "properties", json_object_get(members, "properties"));
        json_decref(members);
    }
    return s;
}

/* A record's schema: its fields' types (members it does not name are allowed: a limited view leaves
 * some out, a detailed one adds history). Without fields, any object. A request body (body != 0)
 * requires its fields that may not be null. */
static json_t *fields_schema(const struct res_field *f, const char *title, int body)
{
    json_t *s = json_pack("{s:s}", "type", "object");
    if (title)
        json_object_set_new(s, "title", json_string(title));
    if (!f)
        return s;
    json_t *props = json_object(), *required = json_array();
    nesting[depth++] = f;
    for (; f->name; f++) {
        json_t *t = type_of(f->type, f->nullable, f->of);
        if (f->label)
            json_object_set_new(t, "description", json_string(i18n_text_in("en", f->label)) /* without a context (NC_) */);
        json_object_set_new(props, f->name, t);
        if (body && !f->nullable)
            json_array_append_new(required, json_string(f->name));
    }
    depth--;
    json_object_set_new(s, "properties", props);
    if (json_array_size(required))
        json_object_set_new(s, "required", required);
    else
        json_decref(required);
    return s;
}

static json_t *ref(const char *kind, const char *name)
{
    char r[128];
    snprintf(r, sizeof r, "#/components/%s/%s", kind, name);
    return json_pack("{s:s}", "$ref", r);
}

/* The schema of one record a route answers: a reference to its resource's schema (brief: its
 * shorter shape, when it has one), or any object. */
static json_t *record_schema(json_t *schemas, int res, int brief)
{
    const struct resource *r = resource_of(res);
    if (!r || !r->name)
        return json_pack("{s:s}", "type", "object");
    char name[64];
    int shorter = brief && r->summary;
    const struct res_field *f = shorter ? r->summary : r->fields;
    snprintf(name, sizeof name, "%s%s", r->name, shorter ? "_summary" : "");
    if (!json_object_get(schemas, name))
        json_object_set_new(schemas, name, fields_schema(f, r->label, 0));
    return ref("schemas", name);
}

static json_t *json_content(json_t *schema)
{
    return json_pack("{s:{s:o}}", "application/json", "schema", schema);
}

/* "/api/v1/a/{id}/b/{id}" as OpenAPI writes it: each parameter named once (id, id2, key, key2). */
static void path_template(const char *pat, char *out, size_t len, json_t *params)
{
    size_t o = 0;
    int nid = 0, nkey = 0;
    out[0] = 0;
    for (const char *p = pat; *p && o + 16 < len;) {
        int is_id = strncmp(p, "{id}", 4) == 0, is_key = strncmp(p, "{key}", 5) == 0;
        if (is_id || is_key) {
            char name[16];
            int k = is_id ? ++nid : ++nkey;
            if (k == 1)
                snprintf(name, sizeof name, "%s", is_id ? "id" : "key");
            else
                snprintf(name, sizeof name, "%s%d", is_id ? "id" : "key", k);
            o += (size_t)snprintf(out + o, len - o, "{%s}", name);
            json_t *schema = is_id ? json_pack("{s:s,s:i}", "type", "integer", "minimum", 1)
                                   : json_pack("{s:s,s:s,s:i,s:i}", "type", "string", "pattern",
                                               "^[A-Za-z0-9._-]+$", "minLength", 1, "maxLength", LIMIT_KEY);
            json_array_append_new(params, json_pack("{s:s,s:s,s:b,s:o}", "name", name, "in", "path", "required", 1,
                                                    "schema", schema));
            p += is_id ? 4 : 5;
        } else {
            out[o++] = *p++;
            out[o] = 0;
        }
    }
}

static void operation_id(const struct route *r, char *out, size_t len)
{
    size_t o = (size_t)snprintf(out, len, "%s", r->method);
    for (size_t i = 0; i < o; i++)
        out[i] = (char)(out[i] >= 'A' && out[i] <= 'Z' ? out[i] + 32 : out[i]);
    int up = 1;
    for (const char *p = r->pattern + (strncmp(r->pattern, "/api/v1", 7) == 0 ? 7 : 0); *p && o + 2 < len; p++) {
        if (*p == '{') {
            const char *e = strchr(p, '}');
            o += (size_t)snprintf(out + o, len - o, "By%c%.*s", p[1] - 32, (int)(e - p - 2), p + 2);
            p = e;
            up = 1;
        } else if (*p == '/' || *p == '-' || *p == '.' || *p == '_') {
            up = 1;
        } else {
            out[o++] = up && *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
            out[o] = 0;
            up = 0;
        }
    }
}

static json_t *build(void)
{
    json_t *schemas = json_object(), *paths = json_object();
    json_object_set_new(
        schemas, "Problem",
        json_pack("{s:s,s:s,s:[s,s],s:{s:{s:s},s:{s:s},s:{s:s,s:i,s:i},s:{s:s},s:{s:s},s:{s:s,s:{s:s}}}}", "type",
                  "object", "description",
                  "An error (RFC 9457): what went wrong, and for invalid input which fields and why.", "required",
                  "title", "status", "properties", "type", "type", "string", "title", "type", "string", "status",
                  "type", "integer", "minimum", 400, "maximum", 599, "detail", "type", "string", "request_id", "type",
                  "string", "errors", "type", "object", "additionalProperties", "type", "string"));
    char tl[160];
    snprintf(tl, sizeof tl, "The body is larger than %d KiB: refused by the HTTP layer before Hearth reads it, "
             "answered as a problem like every other error.", LIMIT_BODY / 1024);
    json_t *responses = json_pack(
        "{s:{s:s,s:{s:{s:o}}},s:{s:s,s:{s:{s:o}}}}", "TooLarge", "description", tl, "content",
        "application/problem+json", "schema", ref("schemas", "Problem"), "Problem", "description",
        "An error, as application/problem+json (every status from 400 up: not logged in, forbidden, not found, "
        "invalid, conflict, too many requests, unavailable).",
        "content", "application/problem+json", "schema", ref("schemas", "Problem"));
    char ld[200];
    snprintf(ld, sizeof ld, "How many items a page holds, 1 to %d (%d when absent).", LIMIT_LIST, LIMIT_LIST);
    json_t *parameters = json_pack(
        "{s:{s:s,s:s,s:s,s:{s:s,s:i}},s:{s:s,s:s,s:s,s:{s:s,s:i,s:i}}}", "after", "name", "after", "in", "query",
        "description", "The cursor of the previous page's next: the page after it. Absent: the first page.",
        "schema", "type", "string", "maxLength", 600, "limit", "name", "limit", "in", "query", "description", ld,
        "schema", "type", "integer", "minimum", 1, "maximum", LIMIT_LIST);

    int n;
    const struct route **routes = http_routes(&n);
    for (int i = 0; i < n; i++) {
        const struct route *r = routes[i];
        if (!(r->flags & RF_API) || r->reply == RR_UNDOC)
            continue;
        char tmpl[512], opid[160], st[8];
        json_t *params = json_array();
        path_template(r->pattern, tmpl, sizeof tmpl, params);
        operation_id(r, opid, sizeof opid);
        json_t *op = json_pack("{s:s,s:s}", "operationId", opid, "summary", r->summary ? r->summary : r->pattern);
        const struct resource *res = resource_of(r->res);
        if (res && res->name)
            json_object_set_new(op, "tags", json_pack("[s]", res->name));
        json_t *ok;
        for (const struct res_field *q = r->query; q && q->name; q++)
            json_array_append_new(params, json_pack("{s:s,s:s,s:b,s:s,s:o}", "name", q->name, "in", "query", "required",
                                                    !q->nullable, "description", q->label ? q->label : q->name,
                                                    "schema", type_of(q->type, 0, NULL)));
        if (r->reply == RR_LIST) {
            json_array_append_new(params, ref("parameters", "after"));
            json_array_append_new(params, ref("parameters", "limit"));
            json_t *env = json_pack(
                "{s:s,s:[s,s],s:{s:{s:s,s:o},s:{s:[s,s],s:s}}}", "type", "object", "required", "items", "next",
                "properties", "items", "type", "array", "items", record_schema(schemas, r->res, r->brief), "next", "type",
                "string", "null", "description", "The cursor of the next page (send it as ?after=), or null on the last.");
            ok = json_pack("{s:s,s:o}", "description", "A page of the list.", "content", json_content(env));
        } else if (r->reply == RR_ONE) {
            ok = json_pack("{s:s,s:o}", "description", res && res->label ? res->label : "The answer.", "content",
                           json_content(record_schema(schemas, r->res, r->brief)));
        } else if (r->reply == RR_CSV) {
            ok = json_pack("{s:s,s:{s:{s:{s:s,s:s}}}}", "description", res && res->label ? res->label : "A file.",
                           "content", "text/csv", "schema", "type", "string", "description",
                           "CSV (RFC 4180), UTF-8 with a byte-order mark: a header line of column names, then the rows; "
                           "sent as an attachment (Content-Disposition).");
        } else {
            ok = json_pack("{s:s,s:o}", "description", "Done.", "content", json_content(json_pack("{s:s}", "type", "object")));
        }
        if (json_array_size(params))
            json_object_set_new(op, "parameters", params);
        else
            json_decref(params);
        if (strcmp(r->method, "POST") == 0 || strcmp(r->method, "PUT") == 0 || strcmp(r->method, "PATCH") == 0) {
            json_t *body = fields_schema(r->body, NULL, 1);
            json_object_set_new(op, "requestBody", json_pack("{s:b,s:o}", "required", r->body != NULL, "content",
                                                              json_content(body)));
        }
        snprintf(st, sizeof st, "%d", r->status ? r->status : 200);
        json_object_set_new(op, "responses", json_pack("{s:o,s:o}", st, ok, "default", ref("responses", "Problem")));
        if (json_object_get(op, "requestBody"))
            json_object_set_new(json_object_get(op, "responses"), "413", ref("responses", "TooLarge"));
        if (r->flags & RF_PUBLIC)
            json_object_set_new(op, "security", json_array());
        json_t *item = json_object_get(paths, tmpl);
        if (!item)
            json_object_set_new(paths, tmpl, item = json_object());
        char m[8];
        snprintf(m, sizeof m, "%s", r->method);
        for (char *p = m; *p; p++)
            *p = (char)(*p + 32);
        json_object_set_new(item, m, op);
    }
    return json_pack(
        "{s:s,s:{s:s,s:s,s:s},s:[{s:[]},{s:[]}],s:o,s:{s:o,s:o,s:o,s:{s:{s:s,s:s,s:s,s:s},s:{s:s,s:s}}}}",
        "openapi", "3.1.0", "info", "title", "Hearth API", "version", "1", "description",
        "Case management for community mental health. Every list answers {items, next}; errors are "
        "application/problem+json. Log in (POST /api/v1/login) for a session cookie and a CSRF token, or send an "
        "API token as a bearer token.",
        "security", "session", "token", "paths", paths, "components", "schemas", schemas, "responses", responses,
        "parameters", parameters, "securitySchemes", "session", "type", "apiKey", "in", "cookie", "name",
        "hearth_session", "description", "The session cookie of POST /api/v1/login (unsafe methods also send "
        "X-CSRF-Token).",
        "token", "type", "http", "scheme", "bearer");
}

static char *doc;
static size_t doc_len;
static pthread_once_t doc_once = PTHREAD_ONCE_INIT;
static void doc_make(void)
{
    json_t *d = build();
    doc = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
    doc_len = strlen(doc);
    json_decref(d);
}

const char *api_openapi(size_t *len)
{
    pthread_once(&doc_once, doc_make);
    *len = doc_len;
    return doc;
}

static void openapi_get(struct hreq *h)
{
    size_t n;
    const char *d = api_openapi(&n);
    struct buf b;
    buf_init(&b);
    buf_add(&b, d, n);
    reply_body(h, 200, "application/json", &b);
}

#define A ROLES_ANY
#define J RF_API
const struct route api_doc_routes[] = {
    {"GET", "/api/v1/openapi.json", openapi_get, A, J | RF_PUBLIC, DOC0(RR_ONE, "This document: the API's contract (OpenAPI 3.1)")},
    {0},
};
HTTP_ROUTES(api_doc_routes, "api-9-openapi");
