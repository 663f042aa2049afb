/* valid: reading and bounding input fields, one error message per field. */
#include "base/base.h"
#include "core/core.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *present(json_t *in, const char *field)
{
    json_t *v = json_object_get(in, field);
    if (!v || json_is_null(v))
        return NULL;
    return json_is_string(v) ? json_string_value(v) : "";
}

const char *v_str(struct ctx *c, json_t *in, const char *field, int required, size_t maxlen,
                  const char *const *choices)
{
    json_t *v = json_object_get(in, field);
    if (v && !json_is_null(v) && !json_is_string(v)) {
        ctx_field(c, field, _("must be text"));
        return NULL;
    }
    const char *s = present(in, field);
    if (!s || !*s) {
        if (required)
            ctx_field(c, field, _("is required"));
        return NULL;
    }
    if (utf8_len(s) > maxlen) {
        char m[64];
        snprintf(m, sizeof m, _("must be at most %zu characters"), maxlen);
        ctx_field(c, field, m);
        return NULL;
    }
    if (choices && !in_list(choices, s)) {
        ctx_field(c, field, _("is not one of the allowed values"));
        return NULL;
    }
    return s;
}

const char *v_date(struct ctx *c, json_t *in, const char *field, int required)
{
    const char *s = v_str(c, in, field, required, 10, NULL);
    if (s && !iso_date_valid(s)) {
        ctx_field(c, field, _("must be a date YYYY-MM-DD"));
        return NULL;
    }
    return s;
}

const char *v_time(struct ctx *c, json_t *in, const char *field, int required)
{
    const char *s = v_str(c, in, field, required, 25, NULL);
    if (s && !iso_time_valid(s)) {
        ctx_field(c, field, _("must be a time YYYY-MM-DDTHH:MM"));
        return NULL;
    }
    return s;
}

int64_t v_int(struct ctx *c, json_t *in, const char *field, int required, int64_t min, int64_t max, int64_t def)
{
    json_t *v = json_object_get(in, field);
    int64_t n;
    if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v))) {
        if (required)
            ctx_field(c, field, _("is required"));
        return def;
    }
    if (json_is_integer(v))
        n = json_integer_value(v);
    else if (!json_is_string(v) || parse_int64(json_string_value(v), &n) != 0) {
        ctx_field(c, field, _("must be a whole number"));
        return def;
    }
    if (n < min || n > max) {
        char m[96];
        snprintf(m, sizeof m, _("must be between %lld and %lld"), (long long)min, (long long)max);
        ctx_field(c, field, m);
        return def;
    }
    return n;
}

int v_bool(json_t *in, const char *field)
{
    json_t *v = json_object_get(in, field);
    if (json_is_boolean(v))
        return json_is_true(v);
    if (json_is_integer(v))
        return json_integer_value(v) != 0;
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        return str_eq(s, "1") || str_eq(s, "on") || str_eq(s, "true") || str_eq(s, "yes");
    }
    return 0;
}

const char *v_phone_error(int flags)
{
    if (flags & PHONE_SHORT)
        return _("must be a Korean phone number (010-1234-5678, 02-123-4567, 1577-0199, 119) or another "
                 "country's starting with +");
    if (flags & PHONE_INTL)
        return _("must be a Korean phone number (010-1234-5678, 02-123-4567, 031-123-4567, 1588-1234) or "
                 "another country's starting with +");
    return _("must be a Korean phone number (010-1234-5678, 02-123-4567, 031-123-4567, 1588-1234)");
}

const char *v_phone(struct ctx *c, json_t *in, const char *field, int flags, char *out, size_t len)
{
    const char *s = v_str(c, in, field, 0, 40, NULL);
    if (!s)
        return NULL;
    if (phone_normalise(s, flags, out, len) != 0) {
        ctx_field(c, field, v_phone_error(flags));
        return NULL;
    }
    return out;
}

size_t v_text_chars(const char *s)
{
    if (!s)
        return 0;
    while (isspace((unsigned char)*s))
        s++;
    size_t n = 0, keep = 0;
    for (const char *p = s; *p; p++) {
        if (((unsigned char)*p & 0xC0) != 0x80)
            n++;
        if (!isspace((unsigned char)*p))
            keep = n;
    }
    return keep;
}
