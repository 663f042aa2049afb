/* fuzz_json_text: the replies' JSON writer (json_text, base/json_text.c). Properties: for any JSON
 * value jansson reads from the input, json_text writes the bytes json_dumps(JSON_COMPACT) writes;
 * for the input taken as one string, valid UTF-8 or not, it writes JSON that jansson reads back,
 * as the same string when the input was valid. */
#include "fuzz.h"
#include "base/json_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct buf b;
    buf_init(&b);
    json_error_t e;
    json_t *v = json_loadb((const char *)data, size, JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
    if (v) {
        json_text(&b, v);
        char *want = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        if (!want || strlen(want) != b.len || memcmp(want, b.data, b.len) != 0)
            fuzz_fail("json_text wrote %s, json_dumps %s", b.data ? b.data : "", want ? want : "(nothing)");
        free(want);
        json_decref(v);
    }
    /* The input as one string, as a database column may hand it over (jansson's check skipped). */
    json_t *s = json_stringn_nocheck((const char *)data, size);
    buf_reset(&b);
    json_text(&b, s);
    json_t *back = json_loadb(b.data, b.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
    if (!json_is_string(back))
        fuzz_fail("json_text wrote %s, which jansson does not read as a string: %s", b.data, e.text);
    json_t *valid = json_stringn((const char *)data, size); /* NULL when the input is not UTF-8 */
    if (valid && !json_equal(valid, back))
        fuzz_fail("a valid string came back changed: %s", b.data);
    json_decref(valid);
    json_decref(back);
    json_decref(s);
    buf_free(&b);
    return 0;
}
