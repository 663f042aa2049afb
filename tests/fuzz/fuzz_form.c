/* fuzz_form: form and query parsing (form_parse, http/form.c), as the server runs it on a query
 * string and an application/x-www-form-urlencoded body. Properties: the result is NULL (refused)
 * or an object of strings and arrays of at least two strings; encoding that object again with
 * url_encode and parsing it gives the same object back; every non-empty field of the input is in
 * the answer (a field is never dropped silently). */
#include "fuzz.h"
#include "http/http.h"

static void check_shape(json_t *o)
{
    const char *k;
    json_t *v;
    if (!json_is_object(o))
        fuzz_fail("form_parse did not answer an object");
    json_object_foreach(o, k, v)
    {
        if (json_is_string(v))
            continue;
        if (!json_is_array(v) || json_array_size(v) < 2)
            fuzz_fail("field \"%s\" is neither a string nor a list of at least two", k);
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) if (!json_is_string(e)) fuzz_fail("field \"%s\" has a value that is not a string", k);
    }
}

static void encode_pair(struct buf *b, const char *k, const char *v)
{
    if (b->len)
        buf_addc(b, '&');
    url_encode(b, k);
    buf_addc(b, '=');
    url_encode(b, v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *o = form_parse((const char *)data, size);
    if (!o)
        return 0;
    check_shape(o);
    size_t fields = 0, kept = 0;
    for (const char *p = (const char *)data, *end = p + size; p < end;) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        if ((amp ? amp : end) > p)
            fields++;
        p = amp ? amp + 1 : end;
    }
    struct buf b;
    buf_init(&b);
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
    {
        kept += json_is_string(v) ? 1 : json_array_size(v);
        if (json_is_string(v)) {
            encode_pair(&b, k, json_string_value(v));
        } else {
            size_t i;
            json_t *e;
            json_array_foreach(v, i, e) encode_pair(&b, k, json_string_value(e));
        }
    }
    if (kept != fields)
        fuzz_fail("form_parse kept %zu of %zu fields", kept, fields);
    json_t *again = form_parse(b.data ? b.data : "", b.len);
    if (!again)
        fuzz_fail("form_parse refused its own result encoded again: %s", b.data ? b.data : "");
    if (!json_equal(o, again))
        fuzz_fail("form_parse of the encoded result differs: %s", b.data ? b.data : "");
    json_decref(again);
    json_decref(o);
    buf_free(&b);
    return 0;
}
