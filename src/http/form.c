/* form: request inputs: headers, cookies, query strings and urlencoded forms (as JSON objects
 * of strings, so pages and the API feed core/ the same shape), and the JSON depth bound. */
#include "http/http.h"
#include <ctype.h>
#include <string.h>

const char *req_header(struct hreq *h, const char *name)
{
    if (!h->req)
        return NULL;
    ssize_t i = h2o_find_header_by_str(&h->req->headers, name, strlen(name), -1);
    if (i < 0)
        return NULL;
    h2o_iovec_t v = h->req->headers.entries[i].value;
    char *s = h2o_mem_alloc_pool(&h->req->pool, v.len + 1);
    memcpy(s, v.base, v.len);
    s[v.len] = 0;
    return s;
}

const char *req_cookie(struct hreq *h, const char *name, char *out, size_t len)
{
    if (!h->req)
        return NULL;
    size_t nl = strlen(name);
    for (ssize_t i = -1; (i = h2o_find_header(&h->req->headers, H2O_TOKEN_COOKIE, i)) != -1;) {
        h2o_iovec_t v = h->req->headers.entries[i].value;
        const char *p = v.base, *end = v.base + v.len;
        while (p < end) {
            while (p < end && (*p == ' ' || *p == ';'))
                p++;
            const char *k = p;
            while (p < end && *p != '=' && *p != ';')
                p++;
            size_t kl = (size_t)(p - k);
            if (p < end && *p == '=')
                p++;
            const char *val = p;
            while (p < end && *p != ';')
                p++;
            size_t vl = (size_t)(p - val);
            if (kl == nl && memcmp(k, name, nl) == 0 && vl < len) {
                memcpy(out, val, vl);
                out[vl] = 0;
                return out;
            }
        }
    }
    return NULL;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decode one %-escaped, '+'-for-space component. -1 on a bad escape or a NUL. */
static int url_decode(const char *s, size_t n, struct buf *out)
{
    buf_reset(out);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+')
            c = ' ';
        else if (c == '%') {
            if (i + 2 >= n)
                return -1;
            int a = hexval((unsigned char)s[i + 1]), b = hexval((unsigned char)s[i + 2]);
            if (a < 0 || b < 0)
                return -1;
            c = (char)(a * 16 + b);
            i += 2;
            if (!c)
                return -1;
        }
        buf_addc(out, c);
    }
    if (!out->data)
        buf_adds(out, "");
    return 0;
}

json_t *form_parse(const char *s, size_t len)
{
    json_t *o = json_object();
    struct buf k, v;
    buf_init(&k);
    buf_init(&v);
    const char *p = s, *end = s + len;
    int count = 0;
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(stop - p));
        if (stop > p) {
            const char *ke = eq ? eq : stop;
            if (++count > 500 || url_decode(p, (size_t)(ke - p), &k) != 0 ||
                url_decode(eq ? eq + 1 : stop, eq ? (size_t)(stop - eq - 1) : 0, &v) != 0) {
                json_decref(o);
                o = NULL;
                break;
            }
            json_t *val = json_string(v.data);
            if (!val) { /* not UTF-8 */
                json_decref(o);
                o = NULL;
                break;
            }
            json_t *prev = json_object_get(o, k.data);
            if (!prev) {
                if (json_object_set_new(o, k.data, val) != 0) { /* a name that is not UTF-8 */
                    json_decref(o);
                    o = NULL;
                    break;
                }
            } else if (json_is_array(prev)) {
                json_array_append_new(prev, val);
            } else {
                json_t *a = json_array();
                json_array_append(a, prev);
                json_array_append_new(a, val);
                json_object_set_new(o, k.data, a);
            }
        }
        p = amp ? amp + 1 : end;
    }
    buf_free(&k);
    buf_free(&v);
    return o;
}

static const char *field_str(json_t *o, const char *name)
{
    json_t *v = json_object_get(o, name);
    if (json_is_array(v))
        v = json_array_get(v, 0);
    return json_is_string(v) ? json_string_value(v) : NULL;
}
/* An API route reads only the query parameters its line declares (.query; a list's after and limit),
 * so that the API document names every one. A name it does not declare is a programming error: logged
 * and read as absent; builds with the sanitizers (every test) stop on it. */
#if defined(__SANITIZE_ADDRESS__)
enum { QUERY_STRICT = 1 };
#else
enum { QUERY_STRICT = 0 };
#endif
static int query_declared(const struct route *r, const char *name)
{
    if (!r || !(r->flags & RF_API))
        return 1;
    if (r->reply == RR_LIST && (strcmp(name, "after") == 0 || strcmp(name, "limit") == 0))
        return 1;
    for (const struct res_field *f = r->query; f && f->name; f++)
        if (strcmp(f->name, name) == 0)
            return 1;
    return 0;
}

const char *qstr(struct hreq *h, const char *name)
{
    if (!query_declared(h->route, name)) {
        log_error("route %s %s reads the query parameter '%s' its line does not declare (.query)",
                  h->route->method, h->route->pattern, name);
        if (QUERY_STRICT)
            abort();
        return NULL;
    }
    return field_str(h->query, name);
}
const char *fstr(struct hreq *h, const char *name)
{
    return field_str(h->body, name);
}

int json_depth_ok(const char *s, size_t len, int max)
{
    int depth = 0, in_str = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            if (++depth > max)
                return 0;
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    return 1;
}

void url_encode(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/')
            buf_addc(b, (char)c);
        else {
            buf_addc(b, '%');
            buf_addc(b, hex[c >> 4]);
            buf_addc(b, hex[c & 15]);
        }
    }
}
