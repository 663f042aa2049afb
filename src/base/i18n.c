/* i18n: the language of the running request, chosen per request, and the message catalogues.
 * _() looks a text up in the catalogue of this thread's language (i18n_use, set by http/ for each
 * request on every thread that works for it); English is the source language and needs none.
 * Catalogues are gettext .mo files (msgfmt from po/), read once at start, never changed after. */
#include "base/base.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const i18n_languages[] = {"en", "ko", NULL};

struct catalogue {
    unsigned char *data;
    size_t len;
    uint32_t n, orig, trans;
    int swap;
};
static struct catalogue cats[ARRAY_LEN(i18n_languages)];
static const char *default_lang = "en";
static _Thread_local const char *current;

static int lang_index(const char *lang)
{
    for (int i = 0; lang && i18n_languages[i]; i++)
        if (strcmp(lang, i18n_languages[i]) == 0)
            return i;
    return -1;
}

const char *i18n_supported(const char *lang)
{
    int i = lang_index(lang);
    return i < 0 ? NULL : i18n_languages[i];
}

int i18n_set_default(const char *lang)
{
    const char *l = i18n_supported(lang);
    if (!l)
        return -1;
    default_lang = l;
    return 0;
}

const char *i18n_default(void)
{
    return default_lang;
}

/* The preference when supported; else the supported language Accept-Language rates highest (q-values,
 * the earlier on a tie, q=0 never; "ko-KR" counts as "ko"); else the server default. */
const char *i18n_choose(const char *preference, const char *accept)
{
    const char *l = i18n_supported(preference);
    if (l)
        return l;
    const char *best = NULL;
    double best_q = 0;
    for (const char *p = accept; p && *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        const char *end = p + strcspn(p, ",");
        char tag[16] = "";
        size_t tl = strcspn(p, "-;, \t");
        if (tl < sizeof tag && (size_t)(end - p) >= tl) {
            for (size_t i = 0; i < tl; i++)
                tag[i] = (char)((p[i] >= 'A' && p[i] <= 'Z') ? p[i] + 32 : p[i]);
            tag[tl] = 0;
        }
        double q = 1;
        for (const char *s = p; s < end; s++) {
            if (*s == ';') {
                const char *v = s + 1;
                while (*v == ' ')
                    v++;
                if ((v[0] == 'q' || v[0] == 'Q') && v[1] == '=')
                    q = strtod(v + 2, NULL);
            }
        }
        const char *sup = i18n_supported(tag);
        if (sup && q > best_q && q <= 1) {
            best = sup;
            best_q = q;
        }
        p = end;
    }
    return best ? best : default_lang;
}

void i18n_use(const char *lang)
{
    current = i18n_supported(lang);
}

const char *i18n_current(void)
{
    return current ? current : default_lang;
}

static uint32_t u32(const struct catalogue *c, size_t off)
{
    uint32_t v;
    memcpy(&v, c->data + off, 4);
    return c->swap ? __builtin_bswap32(v) : v;
}

/* The string at table entry i (0 original, 1 translation), or NULL when out of bounds. */
static const char *entry(const struct catalogue *c, uint32_t table, uint32_t i)
{
    size_t at = (size_t)table + (size_t)i * 8;
    if (at + 8 > c->len)
        return NULL;
    uint32_t len = u32(c, at), off = u32(c, at + 4);
    if ((size_t)off + len >= c->len || c->data[off + len] != 0)
        return NULL;
    return (const char *)c->data + off;
}

/* The English of a msgid: a text with a context (C_, NC_: "context\004text") without it. */
static const char *english(const char *msgid)
{
    const char *sep = msgid ? strchr(msgid, '\004') : NULL;
    return sep ? sep + 1 : msgid;
}

const char *i18n_text_in(const char *lang, const char *msgid)
{
    int li = lang_index(lang);
    if (li < 0 || !msgid || !*msgid || !cats[li].data)
        return english(msgid);
    const struct catalogue *c = &cats[li];
    uint32_t lo = 0, hi = c->n; /* msgfmt sorts the originals (a context's key: "context\004text") */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const char *o = entry(c, c->orig, mid);
        if (!o)
            break;
        int cmp = strcmp(msgid, o);
        if (cmp == 0) {
            const char *t = entry(c, c->trans, mid);
            return t && *t ? t : english(msgid);
        }
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return english(msgid);
}

const char *i18n_text(const char *msgid)
{
    return i18n_text_in(i18n_current(), msgid);
}

int i18n_load_file(const char *lang, const char *path)
{
    int li = lang_index(lang);
    if (li < 0)
        return -1;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    struct catalogue c = {0};
    struct buf b;
    buf_init(&b);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(&b, chunk, n);
    fclose(f);
    c.data = (unsigned char *)b.data;
    c.len = b.len;
    int ok = c.len >= 28;
    if (ok) {
        uint32_t magic;
        memcpy(&magic, c.data, 4);
        c.swap = magic == 0xde120495u;
        ok = magic == 0x950412deu || c.swap;
    }
    if (ok) {
        c.n = u32(&c, 8);
        c.orig = u32(&c, 12);
        c.trans = u32(&c, 16);
        ok = (size_t)c.orig + (size_t)c.n * 8 <= c.len && (size_t)c.trans + (size_t)c.n * 8 <= c.len;
    }
    if (!ok) {
        buf_free(&b);
        log_error("%s: not a message catalogue", path);
        return -1;
    }
    free(cats[li].data);
    cats[li] = c;
    return 0;
}

int i18n_load(const char *dir)
{
    int loaded = 0;
    for (int i = 0; i18n_languages[i]; i++) {
        if (strcmp(i18n_languages[i], "en") == 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/hearth.mo", dir, i18n_languages[i]);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        fclose(f);
        if (i18n_load_file(i18n_languages[i], path) != 0)
            return -1;
        loaded++;
    }
    return loaded;
}

/* ---- dates in prose, counts ---- */

size_t i18n_date_long_in(const char *lang, const char *iso, char *out, size_t len)
{
    static const char *const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    int y, m, d, n;
    char day[11];
    if (!len)
        return 0;
    snprintf(day, sizeof day, "%s", iso ? iso : "");
    if (!iso || strlen(iso) < 10 || !iso_date_valid(day) || sscanf(day, "%4d-%2d-%2d", &y, &m, &d) != 3)
        n = snprintf(out, len, "%s", iso ? iso : "");
    else if (str_eq(i18n_supported(lang), "ko"))
        n = snprintf(out, len, "%d년 %d월 %d일", y, m, d);
    else
        n = snprintf(out, len, "%d %s %d", d, months[m - 1], y);
    return n < 0 ? 0 : (size_t)n >= len ? len - 1 : (size_t)n;
}

size_t i18n_date_long(const char *iso, char *out, size_t len)
{
    return i18n_date_long_in(i18n_current(), iso, out, len);
}

size_t i18n_count(long long n, char *out, size_t len)
{
    /* English and Korean both group by thousands with a comma; a language that does not adds its
     * separator here. */
    const char *sep = ",";
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", n < 0 ? (unsigned long long)(-(n + 1)) + 1ULL : (unsigned long long)n);
    size_t dl = strlen(digits), o = 0;
    if (!len)
        return 0;
    if (n < 0 && o + 1 < len)
        out[o++] = '-';
    for (size_t i = 0; i < dl && o + 1 < len; i++) {
        if (i && (dl - i) % 3 == 0)
            for (const char *s = sep; *s && o + 1 < len; s++)
                out[o++] = *s;
        if (o + 1 < len)
            out[o++] = digits[i];
    }
    out[o] = 0;
    return o;
}
