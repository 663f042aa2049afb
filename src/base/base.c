/* base: allocation, buffers, time, random ids, logging and small string helpers. */
#include "base/base.h"
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sodium.h>

int log_quiet;

static void oom(size_t n)
{
    fprintf(stderr, "hearth: out of memory allocating %zu bytes\n", n);
    abort();
}
void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}
void *xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz ? sz : 1);
    if (!p)
        oom(n * sz);
    return p;
}
void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        oom(n);
    return p;
}
char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}
static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int dir_names(const char *dir, const char *suffix, char ***names)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    size_t nn = 0, cap = 16, sl = strlen(suffix);
    char **v = xmalloc(cap * sizeof *v);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len <= sl || strcmp(e->d_name + len - sl, suffix) != 0)
            continue;
        if (nn + 1 == cap)
            v = xrealloc(v, (cap *= 2) * sizeof *v);
        v[nn++] = xstrdup(e->d_name);
    }
    closedir(d);
    qsort(v, nn, sizeof *v, by_name);
    v[nn] = NULL;
    *names = v;
    return 0;
}

void dir_names_free(char **names)
{
    for (size_t i = 0; names && names[i]; i++)
        free(names[i]);
    free(names);
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

void buf_init(struct buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}
void buf_free(struct buf *b)
{
    free(b->data);
    buf_init(b);
}
void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = 0;
}
static void buf_grow(struct buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}
void buf_add(struct buf *b, const void *p, size_t n)
{
    buf_grow(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}
void buf_adds(struct buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}
void buf_addc(struct buf *b, char c)
{
    buf_add(b, &c, 1);
}
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return;
    buf_grow(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}
void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}
char *buf_steal(struct buf *b)
{
    char *p = b->data ? b->data : xstrdup("");
    buf_init(b);
    return p;
}

/* tests move the clock with HEARTH_FAKE_NOW (read once) or now_fake_set */
static int fake_checked;
static int64_t fake_now = -1;
int64_t now_epoch(void)
{
    if (!__atomic_load_n(&fake_checked, __ATOMIC_ACQUIRE)) {
        const char *f = getenv("HEARTH_FAKE_NOW");
        __atomic_store_n(&fake_now, f && *f ? iso_parse(f) : -1, __ATOMIC_RELAXED);
        __atomic_store_n(&fake_checked, 1, __ATOMIC_RELEASE);
    }
    int64_t fake = __atomic_load_n(&fake_now, __ATOMIC_RELAXED);
    return fake >= 0 ? fake : (int64_t)time(NULL);
}
void now_fake_set(int64_t epoch)
{
    __atomic_store_n(&fake_now, epoch, __ATOMIC_RELAXED);
    __atomic_store_n(&fake_checked, 1, __ATOMIC_RELEASE);
}
double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}
void iso_time(int64_t epoch, char out[32])
{
    time_t t = (time_t)epoch;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
void iso_now(char out[32])
{
    iso_time(now_epoch(), out);
}
void iso_today(char out[16])
{
    char t[32];
    iso_now(t);
    memcpy(out, t, 10);
    out[10] = 0;
}
static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}
static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}
static int date_parts(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
        !digits(s + 8, 2))
        return -1;
    *y = atoi(s);
    *m = atoi(s + 5);
    *d = atoi(s + 8);
    if (*y < 1850 || *y > 2200 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m))
        return -1;
    return 0;
}
int iso_date_valid(const char *s)
{
    int y, m, d;
    return s && strlen(s) == 10 && date_parts(s, &y, &m, &d) == 0;
}
int64_t iso_parse(const char *s)
{
    int y, mo, d, h = 0, mi = 0, se = 0;
    if (date_parts(s, &y, &mo, &d) != 0)
        return -1;
    size_t n = strlen(s);
    if (n > 10) {
        if ((s[10] != 'T' && s[10] != ' ') || n < 16 || !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2))
            return -1;
        h = atoi(s + 11);
        mi = atoi(s + 14);
        const char *r = s + 16;
        if (*r == ':') {
            if (!digits(r + 1, 2))
                return -1;
            se = atoi(r + 1);
            r += 3;
        }
        if (*r == 'Z')
            r++;
        if (*r || h > 23 || mi > 59 || se > 60)
            return -1;
    }
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = se};
    return (int64_t)timegm(&tm);
}
int iso_time_valid(const char *s)
{
    return s && strlen(s) >= 16 && iso_parse(s) >= 0;
}
int age_on(const char *birth, const char *today)
{
    int by, bm, bd, ty, tm, td;
    if (date_parts(birth, &by, &bm, &bd) || date_parts(today, &ty, &tm, &td))
        return -1;
    int age = ty - by;
    if (tm < bm || (tm == bm && td < bd))
        age--;
    return age;
}

void random_hex(char *out, size_t nbytes)
{
    unsigned char raw[64];
    if (nbytes > sizeof raw)
        nbytes = sizeof raw;
    randombytes_buf(raw, nbytes);
    sodium_bin2hex(out, nbytes * 2 + 1, raw, nbytes);
}

void request_id_hex(char out[17])
{
    static _Thread_local uint64_t state;
    static _Thread_local int seeded;
    if (!seeded) {
        randombytes_buf(&state, sizeof state);
        seeded = 1;
    }
    /* splitmix64: a bijection of the counter, so a thread never repeats an id */
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    static const char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--, z >>= 4)
        out[i] = hex[z & 15];
    out[16] = 0;
}

static void vlog(const char *level, const char *fmt, va_list ap)
{
    char ts[32], line[2048];
    iso_time((int64_t)time(NULL), ts);
    vsnprintf(line, sizeof line, fmt, ap);
    fprintf(stderr, "%s %s %s\n", ts, level, line);
}
void log_info(const char *fmt, ...)
{
    if (log_quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    vlog("info", fmt, ap);
    va_end(ap);
}
void log_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog("error", fmt, ap);
    va_end(ap);
}

int str_eq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}
size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}
int parse_int64(const char *s, int64_t *out)
{
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < 0)
        return -1;
    *out = v;
    return 0;
}

static _Thread_local const char *hot_thread;
void thread_set_hot(const char *name)
{
    hot_thread = name;
}
const char *thread_hot(void)
{
    return hot_thread;
}

char *file_slurp(const char *path, size_t max, size_t *len, const char *what, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open %s", path, what);
        return NULL;
    }
    char *text = xmalloc(max + 2);
    size_t n = fread(text, 1, max + 1, f);
    int rerr = ferror(f);
    fclose(f);
    if (rerr) {
        snprintf(err, errlen, "%s: cannot read %s", path, what);
        free(text);
        return NULL;
    }
    text[n] = 0;
    *len = n;
    return text;
}

int rules_bad(struct rules_at *p, const char *fmt, ...)
{
    char reason[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    if (p->line)
        snprintf(p->err, p->errlen, "%s:%d: %s", p->file, p->line, reason);
    else
        snprintf(p->err, p->errlen, "%s: %s", p->file, reason);
    return -1;
}

void csv_field(struct buf *b, const char *s, int last)
{
    s = s ? s : "";
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        buf_addc(b, '"');
    if (*s && strchr("=+-@\t\r", *s))
        buf_addc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_addc(b, '"');
        buf_addc(b, *p);
    }
    if (quote)
        buf_addc(b, '"');
    buf_adds(b, last ? "\r\n" : ",");
}
