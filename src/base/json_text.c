/* json_text: compact JSON text into a buffer (json_text.h). One pass over the value: runs of plain
 * bytes are copied at once, a quote, a backslash or a control character is escaped as jansson
 * escapes it, and a multi-byte UTF-8 sequence is checked as jansson checks it. */
#include "json_text.h"

#include <string.h>

/* The length of the valid UTF-8 sequence at s (n bytes left), or 0: no overlong form, no surrogate,
 * nothing past U+10FFFF. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    size_t len;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

static void text_string(struct buf *b, const char *str, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, run = 0;
    buf_addc(b, '"');
    while (i < n) {
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        size_t len = c >= 0x80 ? utf8_seq(s + i, n - i) : 0;
        if (len) { /* a valid sequence stays as it is, part of the run */
            i += len;
            continue;
        }
        buf_add(b, s + run, i - run);
        char esc[6] = {'\\', 0};
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            if (c < 0x20) {
                memcpy(esc + 1, "u00", 3);
                esc[4] = hex[c >> 4];
                esc[5] = hex[c & 15];
                buf_add(b, esc, 6);
            } else {
                buf_add(b, "\xEF\xBF\xBD", 3); /* a byte that begins no valid sequence */
            }
            run = ++i;
            continue;
        }
        buf_add(b, esc, 2);
        run = ++i;
    }
    buf_add(b, s + run, i - run);
    buf_addc(b, '"');
}

static void text_integer(struct buf *b, json_int_t v)
{
    char d[24], *p = d + sizeof d;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--p = '-';
    buf_add(b, p, (size_t)(d + sizeof d - p));
}

void json_text(struct buf *b, const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        buf_addc(b, '{');
        int first = 1;
        for (void *it = json_object_iter((json_t *)v); it; it = json_object_iter_next((json_t *)v, it)) {
            if (!first)
                buf_addc(b, ',');
            first = 0;
            text_string(b, json_object_iter_key(it), json_object_iter_key_len(it));
            buf_addc(b, ':');
            json_text(b, json_object_iter_value(it));
        }
        buf_addc(b, '}');
        break;
    }
    case JSON_ARRAY: {
        buf_addc(b, '[');
        for (size_t i = 0, n = json_array_size(v); i < n; i++) {
            if (i)
                buf_addc(b, ',');
            json_text(b, json_array_get(v, i));
        }
        buf_addc(b, ']');
        break;
    }
    case JSON_STRING:
        text_string(b, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        text_integer(b, json_integer_value(v));
        break;
    case JSON_REAL: { /* jansson's own shortest exact form, so that a number reads back the same */
        char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        buf_adds(b, s ? s : "null");
        free(s);
        break;
    }
    case JSON_TRUE:
        buf_add(b, "true", 4);
        break;
    case JSON_FALSE:
        buf_add(b, "false", 5);
        break;
    default:
        buf_add(b, "null", 4);
        break;
    }
}
