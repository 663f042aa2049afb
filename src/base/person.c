/* person: how a person's name, phone number and address are written in Korea and in English: the name
 * in the order its script (or the client's preference) asks, Korean phone numbers checked and written
 * with hyphens, a postal code checked for its country, an address on one line. */
#include "base/base.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The code point at s (UTF-8), its length in *n; a bad byte is itself, one byte long. */
static uint32_t next_cp(const unsigned char *s, size_t *n)
{
    if (s[0] < 0x80) {
        *n = 1;
        return s[0];
    }
    int len = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 1;
    uint32_t c = len == 2 ? s[0] & 0x1F : len == 3 ? s[0] & 0x0F : len == 4 ? s[0] & 0x07 : s[0];
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *n = 1;
            return s[0];
        }
        c = (c << 6) | (s[i] & 0x3F);
    }
    *n = (size_t)len;
    return c;
}

static int cp_hangul(uint32_t c)
{
    return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F);
}

static int cp_han(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
}

/* 2: every letter of s is Hangul or a Chinese character (written family name first, no space);
 * 1: s holds some Hangul; 0: neither (Latin and other scripts), or s is empty. */
static int script_of(const char *s)
{
    int all = 1, any = 0, letters = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p;) {
        size_t n;
        uint32_t c = next_cp(p, &n);
        p += n;
        if (c == ' ' || c == '\t')
            continue;
        letters++;
        if (cp_hangul(c))
            any = 1;
        if (!cp_hangul(c) && !cp_han(c))
            all = 0;
    }
    return !letters ? 0 : all ? 2 : any;
}

static const char *trimmed(const char *s, size_t *len)
{
    if (!s) {
        *len = 0;
        return "";
    }
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *len = n;
    return s;
}

/* out holds o bytes (snprintf may have cut it): never end on half a character. The length kept. */
static size_t cut_whole(char *out, size_t o)
{
    size_t k = o;
    while (k && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
        k--;
    if (k && (unsigned char)out[k - 1] >= 0xC0) {
        size_t cl;
        next_cp((const unsigned char *)out + k - 1, &cl);
        if (cl == 1 || k - 1 + cl > o)
            o = k - 1;
    }
    out[o] = 0;
    return o;
}

const char *const name_orders[] = {"auto", "family_first", "given_first", NULL};

size_t person_name(char *out, size_t len, const char *given, const char *family, const char *preferred,
                   const char *order)
{
    size_t gl, fl, pl;
    given = trimmed(given, &gl);
    family = trimmed(family, &fl);
    preferred = trimmed(preferred, &pl);
    if (!len)
        return 0;
    int family_first, space = 1;
    int gs = script_of(given), fs = script_of(family);
    if (str_eq(order, "given_first"))
        family_first = 0;
    else if (str_eq(order, "family_first"))
        family_first = 1, space = !(gs == 2 && fs == 2);
    else /* auto: 김민지; a name with some Hangul in it family first (Nguyen 민준); Latin given first */
        family_first = gs || fs, space = !(gs == 2 && fs == 2);
    const char *a = family_first ? family : given, *b = family_first ? given : family;
    size_t al = family_first ? fl : gl, bl = family_first ? gl : fl;
    int n;
    if (al && bl)
        n = snprintf(out, len, "%.*s%s%.*s", (int)al, a, space ? " " : "", (int)bl, b);
    else
        n = snprintf(out, len, "%.*s", (int)(al ? al : bl), al ? a : b);
    size_t o = n < 0 ? 0 : (size_t)n >= len ? len - 1 : (size_t)n;
    /* The preferred name, unless it says what the name already says (the given name, or the whole). */
    if (pl && !(pl == gl && strncmp(preferred, given, pl) == 0) && !(pl == o && strncmp(preferred, out, pl) == 0)) {
        n = snprintf(out + o, len - o, " (%.*s)", (int)pl, preferred);
        o = n < 0 ? o : o + (size_t)n >= len ? len - 1 : o + (size_t)n;
    }
    return cut_whole(out, o);
}

/* ---- phone numbers ---- */

/* Korean area codes after the 0 (02 is Seoul's). */
static const char *const areas[] = {"31", "32", "33", "41", "42", "43", "44", "51", "52", "53", "54", "55",
                                    "61", "62", "63", "64", NULL};

static int put_groups(char *out, size_t len, const char *d, int a, int b, int c)
{
    if (c)
        return snprintf(out, len, "%.*s-%.*s-%.*s", a, d, b, d + a, c, d + a + b) < (int)len ? 0 : -1;
    return snprintf(out, len, "%.*s-%.*s", a, d, b, d + a) < (int)len ? 0 : -1;
}

int phone_normalise(const char *in, int flags, char *out, size_t len)
{
    char d[24];
    size_t n = 0, tl;
    const char *s = trimmed(in, &tl);
    int plus = 0;
    if (!tl || len < 2)
        return -1;
    for (size_t i = 0; i < tl; i++) {
        char ch = s[i];
        if (ch >= '0' && ch <= '9') {
            if (n + 1 >= sizeof d)
                return -1;
            d[n++] = ch;
        } else if (ch == '+' && i == 0)
            plus = 1;
        else if (ch != '-' && ch != ' ' && ch != '.' && ch != '(' && ch != ')')
            return -1;
    }
    d[n] = 0;
    if (plus) {
        if (strncmp(d, "82", 2) != 0) {
            /* another country's number, written as the international form: kept as written */
            if (!(flags & PHONE_INTL) || n < 7 || n > 15 || tl >= len)
                return -1;
            snprintf(out, len, "%.*s", (int)tl, s);
            return 0;
        }
        /* +82 10-1234-5678, +82 (0)10 1234 5678: the number as dialled in Korea */
        char k[24];
        snprintf(k, sizeof k, "%s%s", d[2] == '0' ? "" : "0", d + 2);
        snprintf(d, sizeof d, "%s", k);
        n = strlen(d);
    }
    if (d[0] == '0') {
        if (d[1] == '1' && d[2] && strchr("016789", d[2])) { /* mobile: 010 has eight digits after it */
            if (n == 11)
                return put_groups(out, len, d, 3, 4, 4);
            if (n == 10 && d[2] != '0')
                return put_groups(out, len, d, 3, 3, 4);
            return -1;
        }
        if (d[1] == '2') /* Seoul */
            return n == 9 ? put_groups(out, len, d, 2, 3, 4) : n == 10 ? put_groups(out, len, d, 2, 4, 4) : -1;
        for (int i = 0; areas[i]; i++)
            if (strncmp(d + 1, areas[i], 2) == 0)
                return n == 10 ? put_groups(out, len, d, 3, 3, 4) : n == 11 ? put_groups(out, len, d, 3, 4, 4) : -1;
        if (strncmp(d, "070", 3) == 0) /* internet telephony */
            return n == 11 ? put_groups(out, len, d, 3, 4, 4) : -1;
        if (strncmp(d, "080", 3) == 0) /* free calls */
            return n == 10 ? put_groups(out, len, d, 3, 3, 4) : n == 11 ? put_groups(out, len, d, 3, 4, 4) : -1;
        return -1;
    }
    if (plus)
        return -1;
    /* a representative number of an organisation (1588-1234, 1577-0199) */
    if (n == 8 && d[0] == '1' && (d[1] == '5' || d[1] == '6' || d[1] == '8'))
        return put_groups(out, len, d, 4, 4, 0);
    /* a short public number (112, 119, 129, 1393): only where the field allows it */
    if ((flags & PHONE_SHORT) && d[0] == '1' && (n == 3 || n == 4))
        return snprintf(out, len, "%s", d) < (int)len ? 0 : -1;
    return -1;
}

/* ---- addresses ---- */

int postal_code_valid(const char *code, const char *country)
{
    size_t n = code ? strlen(code) : 0;
    if (!country || !*country || str_eq(country, "KR")) {
        if (n != 5)
            return 0;
        for (size_t i = 0; i < 5; i++)
            if (code[i] < '0' || code[i] > '9')
                return 0;
        return 1;
    }
    if (n < 2 || n > 12)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ' || c == '-'))
            return 0;
    }
    return 1;
}

int country_code_valid(const char *cc)
{
    return cc && strlen(cc) == 2 && cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' && cc[1] <= 'Z';
}

size_t address_line(char *out, size_t len, const char *address, const char *detail, const char *postal,
                    const char *country)
{
    size_t al, dl, pl;
    address = trimmed(address, &al);
    detail = trimmed(detail, &dl);
    postal = trimmed(postal, &pl);
    if (!len)
        return 0;
    int kr = !country || !*country || str_eq(country, "KR");
    int n;
    /* Korean: (우편번호) 도로명주소, 상세주소; elsewhere: the lines, then the postal code and country */
    if (kr)
        n = snprintf(out, len, "%s%.*s%s%.*s%s%.*s", pl ? "(" : "", (int)pl, postal, pl ? (al || dl ? ") " : ")") : "",
                     (int)al, address, al && dl ? ", " : "", (int)dl, detail);
    else
        n = snprintf(out, len, "%.*s%s%.*s%s%.*s%s%s", (int)al, address, al && dl ? ", " : "", (int)dl, detail,
                     (al || dl) && pl ? ", " : "", (int)pl, postal, al || dl || pl ? ", " : "", country);
    return cut_whole(out, n < 0 ? 0 : (size_t)n >= len ? len - 1 : (size_t)n);
}
