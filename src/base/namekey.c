/* namekey: how a name is found. Text folded for matching (Hangul composed as NFC does, Latin letters
 * composed with their accents and lower-cased), the initial consonants (choseong) of Hangul
 * syllables, and the keys of a client's name and phone that client_search looks up by prefix. */
#include "base/base.h"
#include <string.h>

/* ---- UTF-8 ---- */

/* The code point at s (n bytes left); *used its length. A bad byte reads as itself (U+FFFD is not
 * needed here: the API has checked the text is UTF-8). */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *used)
{
    uint32_t c = s[0];
    size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (k > n)
        k = 1;
    if (k > 1) {
        c &= 0x3Fu >> (k - 1);
        for (size_t i = 1; i < k; i++) {
            if ((s[i] & 0xC0) != 0x80) {
                *used = 1;
                return s[0];
            }
            c = (c << 6) | (s[i] & 0x3F);
        }
    }
    *used = k;
    return c;
}

/* Append c to out (len bytes, always NUL-terminated); 0 when it does not fit. */
static int utf8_put(char *out, size_t len, size_t *o, uint32_t c)
{
    unsigned char b[4];
    size_t k;
    if (c < 0x80) {
        b[0] = (unsigned char)c;
        k = 1;
    } else if (c < 0x800) {
        b[0] = (unsigned char)(0xC0 | (c >> 6));
        b[1] = (unsigned char)(0x80 | (c & 0x3F));
        k = 2;
    } else if (c < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (c >> 12));
        b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (c & 0x3F));
        k = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | (c >> 18));
        b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
        b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        b[3] = (unsigned char)(0x80 | (c & 0x3F));
        k = 4;
    }
    if (*o + k >= len)
        return 0;
    memcpy(out + *o, b, k);
    *o += k;
    out[*o] = 0;
    return 1;
}

/* ---- folding: lower case, then composition ---- */

static uint32_t lower(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) ||
        (c >= 0x410 && c <= 0x42F))
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    if (((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) && !(c & 1))
        return c + 1;
    if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) && (c & 1))
        return c + 1;
    if (c >= 0xFF21 && c <= 0xFF3A) /* full-width Latin capitals, as typed on a Korean keyboard */
        return c + 32;
    return c;
}

/* A lower-case Latin letter and a combining accent composed, as NFC does (0: no composition). */
static uint32_t compose_latin(uint32_t base, uint32_t mark)
{
    static const struct {
        char base;
        uint16_t mark;
        uint16_t out;
    } t[] = {
        {'a', 0x300, 0xE0}, {'a', 0x301, 0xE1}, {'a', 0x302, 0xE2}, {'a', 0x303, 0xE3}, {'a', 0x308, 0xE4},
        {'a', 0x30A, 0xE5}, {'c', 0x327, 0xE7}, {'e', 0x300, 0xE8}, {'e', 0x301, 0xE9}, {'e', 0x302, 0xEA},
        {'e', 0x308, 0xEB}, {'i', 0x300, 0xEC}, {'i', 0x301, 0xED}, {'i', 0x302, 0xEE}, {'i', 0x308, 0xEF},
        {'n', 0x303, 0xF1}, {'o', 0x300, 0xF2}, {'o', 0x301, 0xF3}, {'o', 0x302, 0xF4}, {'o', 0x303, 0xF5},
        {'o', 0x308, 0xF6}, {'u', 0x300, 0xF9}, {'u', 0x301, 0xFA}, {'u', 0x302, 0xFB}, {'u', 0x308, 0xFC},
        {'y', 0x301, 0xFD}, {'y', 0x308, 0xFF}, {'a', 0x306, 0x103}, {'c', 0x30C, 0x10D}, {'e', 0x30C, 0x11B},
        {'s', 0x30C, 0x161}, {'z', 0x30C, 0x17E}, {'u', 0x31B, 0x1B0}, {'o', 0x31B, 0x1A1},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++)
        if ((uint32_t)(unsigned char)t[i].base == base && t[i].mark == mark)
            return t[i].out;
    return 0;
}

#define S_BASE 0xAC00
#define L_BASE 0x1100
#define V_BASE 0x1161
#define T_BASE 0x11A7
#define L_COUNT 19
#define V_COUNT 21
#define T_COUNT 28
#define N_COUNT (V_COUNT * T_COUNT) /* 588: syllables per initial consonant */
#define S_COUNT (L_COUNT * N_COUNT)

size_t text_fold(const char *in, char *out, size_t len)
{
    size_t o = 0, n = in ? strlen(in) : 0;
    const unsigned char *s = (const unsigned char *)in;
    uint32_t prev = 0;   /* the last code point written, which the next may compose with */
    size_t prev_at = 0;  /* where it starts in out */
    if (len)
        out[0] = 0;
    for (size_t i = 0; i < n;) {
        size_t k;
        uint32_t c = lower(utf8_next(s + i, n - i, &k));
        i += k;
        uint32_t comp = 0;
        if (prev >= L_BASE && prev < L_BASE + L_COUNT && c >= V_BASE && c < V_BASE + V_COUNT)
            comp = S_BASE + ((prev - L_BASE) * V_COUNT + (c - V_BASE)) * T_COUNT; /* L + V */
        else if (prev >= S_BASE && prev < S_BASE + S_COUNT && (prev - S_BASE) % T_COUNT == 0 && c > T_BASE &&
                 c < T_BASE + T_COUNT)
            comp = prev + (c - T_BASE); /* LV + T */
        else if (prev && prev < 0x80)
            comp = compose_latin(prev, c);
        if (comp) {
            o = prev_at;
            out[o] = 0;
            c = comp;
        }
        prev_at = o;
        if (!utf8_put(out, len, &o, c))
            break;
        prev = c;
    }
    return o;
}

/* ---- choseong ---- */

/* The 19 initial consonants as the compatibility jamo a keyboard types (ㄱ ㄲ ㄴ ...). */
static const uint16_t choseong_jamo[L_COUNT] = {0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141,
                                                0x3142, 0x3143, 0x3145, 0x3146, 0x3147, 0x3148, 0x3149,
                                                0x314A, 0x314B, 0x314C, 0x314D, 0x314E};

int hangul_choseong(const char *s, char *out, size_t len)
{
    size_t o = 0, n = s ? strlen(s) : 0;
    int any = 0;
    if (len)
        out[0] = 0;
    for (size_t i = 0; i < n;) {
        size_t k;
        uint32_t c = utf8_next((const unsigned char *)s + i, n - i, &k);
        i += k;
        if (c == ' ')
            continue;
        if (c < S_BASE || c >= S_BASE + S_COUNT) {
            out[0] = 0;
            return 0; /* not Hangul only */
        }
        if (!utf8_put(out, len, &o, choseong_jamo[(c - S_BASE) / N_COUNT]))
            break;
        any = 1;
    }
    return any;
}

int hangul_is_choseong(uint32_t c)
{
    for (size_t i = 0; i < L_COUNT; i++)
        if (choseong_jamo[i] == c)
            return 1;
    return 0;
}

/* ---- the keys of a name ---- */

struct keyset {
    struct namekey *k;
    int n, max;
};

static void key_add(struct keyset *ks, const char *key, size_t n, int kind)
{
    if (n == 0 || n >= NAMEKEY_LEN)
        return;
    for (int i = 0; i < ks->n; i++)
        if (strlen(ks->k[i].key) == n && memcmp(ks->k[i].key, key, n) == 0) {
            if (kind < ks->k[i].kind)
                ks->k[i].kind = kind;
            return;
        }
    if (ks->n == ks->max)
        return;
    memcpy(ks->k[ks->n].key, key, n);
    ks->k[ks->n].key[n] = 0;
    ks->k[ks->n].kind = kind;
    ks->n++;
}

/* The folded text without spaces (a Korean full name is written without one). */
static void squeeze(const char *a, const char *b, char *out, size_t len)
{
    size_t o = 0;
    for (int part = 0; part < 2; part++)
        for (const char *p = part ? b : a; p && *p && o + 1 < len; p++)
            if (*p != ' ')
                out[o++] = *p;
    out[o] = 0;
}

/* Each word of a folded name, and each part of a word joined by a hyphen or an apostrophe, plus
 * the word without them (o'brien: o'brien, o, brien, obrien). */
static void word_keys(struct keyset *ks, const char *f)
{
    const char *p = f;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        size_t n = (size_t)(p - w);
        if (!n)
            break;
        key_add(ks, w, n, NAMEKEY_WORD);
        if (strcspn(w, "-'.") < n) {
            char plain[NAMEKEY_LEN];
            size_t o = 0;
            const char *part = w;
            for (const char *q = w; q <= w + n; q++)
                if (q == w + n || *q == '-' || *q == '\'' || *q == '.') {
                    key_add(ks, part, (size_t)(q - part), NAMEKEY_WORD);
                    part = q + 1;
                } else if (o + 1 < sizeof plain) {
                    plain[o++] = *q;
                }
            key_add(ks, plain, o, NAMEKEY_WORD);
        }
    }
}

/* A phone number: all its digits (whole), the last four, the number without its first group and
 * each group of three or more digits (any part a worker may type). Groups are as written, or by
 * Korean numbering when written without separators (02 or 0XX, then the rest and the last four). */
static void phone_keys(struct keyset *ks, const char *phone)
{
    char d[NAMEKEY_LEN];
    size_t nd = 0, starts[16];
    int ng = 0, in = 0;
    for (const char *p = phone; *p && nd + 1 < sizeof d; p++)
        if (*p >= '0' && *p <= '9') {
            if (!in && ng < 16)
                starts[ng++] = nd;
            in = 1;
            d[nd++] = *p;
        } else {
            in = 0;
        }
    d[nd] = 0;
    if (nd < 4)
        return;
    if (ng == 1 && d[0] == '0' && nd >= 9) { /* 01012345678, 0212345678 */
        starts[0] = 0;
        starts[1] = d[1] == '2' ? 2 : 3;
        starts[2] = nd - 4;
        ng = 3;
    }
    key_add(ks, d, nd, NAMEKEY_FULL);
    key_add(ks, d + nd - 4, 4, NAMEKEY_WORD);
    if (ng > 1)
        key_add(ks, d + starts[1], nd - starts[1], NAMEKEY_PART);
    for (int g = 0; g < ng; g++) {
        size_t end = g + 1 < ng ? starts[g + 1] : nd;
        if (g > 0 && end - starts[g] >= 3 && end != nd) /* the first group begins the whole number */
            key_add(ks, d + starts[g], end - starts[g], NAMEKEY_PART);
    }
}

int name_keys(const char *given, const char *family, const char *preferred, const char *phone,
              struct namekey *out, int max)
{
    struct keyset ks = {out, 0, max};
    char g[NAMEKEY_LEN], f[NAMEKEY_LEN], p[NAMEKEY_LEN], a[NAMEKEY_LEN * 2], cho[NAMEKEY_LEN];
    text_fold(given, g, sizeof g);
    text_fold(family, f, sizeof f);
    text_fold(preferred, p, sizeof p);
    /* the whole name, family name first (김민지) and given name first (xiaolingwu), without spaces */
    squeeze(f, g, a, sizeof a);
    key_add(&ks, a, strlen(a), NAMEKEY_FULL);
    squeeze(g, f, a, sizeof a);
    key_add(&ks, a, strlen(a), NAMEKEY_FULL);
    if (*p) {
        squeeze(f, p, a, sizeof a);
        key_add(&ks, a, strlen(a), NAMEKEY_FULL);
        squeeze(p, f, a, sizeof a);
        key_add(&ks, a, strlen(a), NAMEKEY_FULL);
    }
    word_keys(&ks, f);
    word_keys(&ks, g);
    word_keys(&ks, p);
    /* initial consonants: of the whole name (ㄱㅁㅈ) and of the given name (ㅁㅈ) */
    squeeze(f, g, a, sizeof a);
    if (hangul_choseong(a, cho, sizeof cho))
        key_add(&ks, cho, strlen(cho), NAMEKEY_PART);
    else if (hangul_choseong(f, cho, sizeof cho))
        key_add(&ks, cho, strlen(cho), NAMEKEY_PART);
    if (hangul_choseong(g, cho, sizeof cho))
        key_add(&ks, cho, strlen(cho), NAMEKEY_PART);
    if (hangul_choseong(p, cho, sizeof cho))
        key_add(&ks, cho, strlen(cho), NAMEKEY_PART);
    if (phone)
        phone_keys(&ks, phone);
    return ks.n;
}

int name_query_word(const char *w, size_t n, char *out, size_t len)
{
    char raw[NAMEKEY_LEN];
    if (len)
        out[0] = 0;
    if (n >= sizeof raw)
        return -1;
    memcpy(raw, w, n);
    raw[n] = 0;
    /* a phone number as written (010-1234-5678, (02) 123-4567, +82 10...): its digits */
    int digits = 0, other = 0;
    for (size_t i = 0; i < n; i++)
        if (raw[i] >= '0' && raw[i] <= '9')
            digits++;
        else if (!strchr("-.()+", raw[i]))
            other++;
    if (!digits && !other)
        return 0; /* separators only: nothing to search by */
    if (digits && !other) {
        size_t o = 0;
        for (size_t i = 0; i < n && o + 1 < len; i++)
            if (raw[i] >= '0' && raw[i] <= '9')
                out[o++] = raw[i];
        out[o] = 0;
        return (int)o;
    }
    /* the initial consonants of a syllable keyboard as the jamo a name's keys hold (U+1100.. -> ㄱ..) */
    size_t o = text_fold(raw, out, len);
    char conv[NAMEKEY_LEN];
    size_t co = 0;
    const unsigned char *s = (const unsigned char *)out;
    for (size_t i = 0; i < o;) {
        size_t k;
        uint32_t c = utf8_next(s + i, o - i, &k);
        i += k;
        if (c >= L_BASE && c < L_BASE + L_COUNT)
            c = choseong_jamo[c - L_BASE];
        if (!utf8_put(conv, sizeof conv, &co, c))
            break;
    }
    if (co + 1 > len)
        return -1;
    memcpy(out, conv, co + 1);
    return (int)co;
}
