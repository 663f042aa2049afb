/* base: allocation that aborts on OOM, growable buffers, time, ids, logging, limits.
 * One OOM policy for the program: x* allocators never return NULL. */
#ifndef HEARTH_BASE_H
#define HEARTH_BASE_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Every user-visible string goes through _(): translated into the running request's language
 * (i18n.c); N_() marks a text to translate later (tables, keys). Where one English text has two
 * meanings ("Contact": an encounter, or contact details), C_("contact details", "Contact") and
 * NC_() give it a context: the catalogue's msgctxt. An untranslated one shows the English text. */
#define _(s) i18n_text(s)
#define N_(s) (s)
#define C_(ctx, s) i18n_text(ctx "\004" s)
#define NC_(ctx, s) (ctx "\004" s)
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Explicit bounds, one place (DESIGN §5). */
#define LIMIT_BODY (1024 * 1024)       /* request entity */
#define LIMIT_HEADERS (16 * 1024)      /* all request header bytes */
#define LIMIT_JSON_DEPTH 8             /* nesting of a JSON body */
#define LIMIT_FIELD 4000               /* default max characters of a text field */
#define LIMIT_NOTE 20000               /* max characters of a note body */
#define LIMIT_LIST 200                 /* max page size of a list endpoint */
#define LIMIT_IDLE_MS 30000            /* keep-alive idle timeout */

void *xmalloc(size_t n);
/* A data file's text for a parser: up to max + 1 bytes (so that the parser sees a file too long),
 * NUL-terminated, *len its length; free it. NULL with "PATH: cannot open WHAT" (or read) in err. */
char *file_slurp(const char *path, size_t max, size_t *len, const char *what, char *err, size_t errlen);
/* Where a data file's parser is, for its errors: "FILE:LINE: REASON", or "FILE: REASON" at line 0
 * (what is missing from the whole file). rules_bad writes one into err and returns -1. */
struct rules_at {
    const char *file;
    int line;
    char *err;
    size_t errlen;
};
int rules_bad(struct rules_at *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void *xcalloc(size_t n, size_t sz);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* The names of the files in dir ending in suffix (".json"), hidden ones left out, sorted; NULL-
 * terminated, freed with dir_names_free. -1 with errno set when the folder cannot be read. */
int dir_names(const char *dir, const char *suffix, char ***names);
void dir_names_free(char **names);
char *xstrndup(const char *s, size_t n);

/* A growable byte buffer, always NUL-terminated. */
struct buf {
    char *data;
    size_t len, cap;
};
void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
char *buf_steal(struct buf *b);
/* One CSV field into b, then "," or (last) a line end: quoted when it holds a comma, a quote or a line
 * break; a leading = + - @ tab or CR (a spreadsheet's formula) neutralised with '. */
void csv_field(struct buf *b, const char *s, int last);

/* Time: one convention everywhere, UTC ISO-8601 text. */
int64_t now_epoch(void);
/* Tests only: this process's clock at epoch from now on (-1: the real clock again). */
void now_fake_set(int64_t epoch);
double now_mono(void);                             /* seconds, monotonic */
void iso_time(int64_t epoch, char out[32]);        /* 2026-11-22T07:18:01Z */
void iso_now(char out[32]);
void iso_today(char out[16]);                      /* 2026-11-22 */
int iso_date_valid(const char *s);                 /* YYYY-MM-DD and a real date */
int iso_time_valid(const char *s);                 /* YYYY-MM-DDTHH:MM[:SS][Z] */
int64_t iso_parse(const char *s);                  /* -1 when invalid */
int age_on(const char *birth_date, const char *today); /* whole years, -1 when invalid */

/* Random ids and tokens. */
void random_hex(char *out, size_t nbytes);          /* out holds 2*nbytes+1 */
/* A request id: 16 hex digits, unique (not secret) within a thread and, with a seed drawn once per
 * thread, across threads: no system call per request. out holds 17. */
void request_id_hex(char out[17]);

/* Logging: one line per event to stderr. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern int log_quiet;

/* Threads that must never wait on slow work (the writer while it runs jobs, the event loops)
 * say so; slow functions (Argon2id) refuse to run there. name NULL: the thread is cold again. */
void thread_set_hot(const char *name);
const char *thread_hot(void); /* the name, or NULL */

/* Languages (i18n.c). Chosen per request, never stored translated; English is the source. */
extern const char *const i18n_languages[];          /* "en", "ko", NULL */
const char *i18n_supported(const char *lang);       /* the table's code, or NULL */
int i18n_set_default(const char *lang);             /* the server's default (serve --lang); -1 when unsupported */
const char *i18n_default(void);
/* The user's preference (when supported), else Accept-Language by q-value, else the server default. */
const char *i18n_choose(const char *preference, const char *accept_language);
void i18n_use(const char *lang);                    /* this thread works in lang from now on */
const char *i18n_current(void);                     /* this thread's language (the default until set) */
/* format_arg: a translated format string is checked as its msgid is (printf-like callers, clang). */
const char *i18n_text(const char *msgid) __attribute__((format_arg(1))); /* _(): msgid in this thread's language */
const char *i18n_text_in(const char *lang, const char *msgid) __attribute__((format_arg(2)));
int i18n_load(const char *dir);                     /* DIR/LANG/LC_MESSAGES/hearth.mo; how many, -1 when bad */
/* A date in prose, in this thread's language (headings, letters, printouts, "since ..."): "6 December
 * 2026" in English, "2026년 12월 6일" in Korean; tables and forms keep 2026-12-06. iso may carry a time
 * (its date is taken); anything else is copied as it is. Its length. */
size_t i18n_date_long(const char *iso, char *out, size_t len);
size_t i18n_date_long_in(const char *lang, const char *iso, char *out, size_t len);
/* A count with the language's thousands separator ("12,345" in both English and Korean). */
size_t i18n_count(long long n, char *out, size_t len);
int i18n_load_file(const char *lang, const char *path);

/* Strings. */
/* namekey.c: how a name is found (client_search's keys). Text folded for matching: lower case, and
 * composed as NFC composes Hangul jamo and accented Latin letters; the result is UTF-8. */
#define NAMEKEY_LEN 200 /* bytes of a key, its NUL included; longer keys are not made */
#define NAMEKEY_MAX 24  /* keys of one client at most */
enum { NAMEKEY_FULL = 0, NAMEKEY_WORD = 1, NAMEKEY_PART = 2 }; /* how relevant a key's match is */
struct namekey {
    char key[NAMEKEY_LEN];
    int kind; /* NAMEKEY_FULL: the whole name (김민지, xiaolingwu) or phone number; NAMEKEY_WORD: a
               * word of the name, or a phone's last four digits; NAMEKEY_PART: initial consonants
               * (ㄱㅁㅈ, ㅁㅈ), a group of a phone number */
};
size_t text_fold(const char *in, char *out, size_t len); /* bytes written */
/* The initial consonants (compatibility jamo, ㄱㅁㅈ) of s's Hangul syllables, spaces skipped; 0
 * (and "") when s holds anything but Hangul syllables. */
int hangul_choseong(const char *s, char *out, size_t len);
int hangul_is_choseong(uint32_t c);
/* The keys of a client's name and phone (deduplicated, each with its most relevant kind); how many. */
int name_keys(const char *given, const char *family, const char *preferred, const char *phone,
              struct namekey *out, int max);
/* A word of a search as typed, as the keys hold it: folded, a phone number's digits only, an
 * initial consonant typed as a conjoining jamo made a compatibility one. Its length; -1 too long. */
int name_query_word(const char *w, size_t n, char *out, size_t len);
/* person.c: names, phone numbers and addresses as they are written in Korea and in English. */
extern const char *const name_orders[]; /* "auto", "family_first", "given_first", NULL */
/* A person's name for display: order "given_first" (Xiaoling Wu), "family_first" (Wu Xiaoling), or
 * "auto"/NULL: family name first without a space when both parts are in Hangul (or Chinese characters:
 * 김민지), family first with a space when one part is in Hangul (Nguyen 민준), else given first. An
 * empty part leaves the other alone; preferred (NULL: none) follows in brackets unless it is the given
 * name or the whole name again. Cut to len without half a character; its length. */
size_t person_name(char *out, size_t len, const char *given, const char *family, const char *preferred,
                   const char *order);
enum { PHONE_INTL = 1,  /* another country's number in international form (+44 20 7946 0000) */
       PHONE_SHORT = 2  /* a short public number (112, 119, 129, 1393) */ };
/* A Korean phone number (010-1234-5678, 02-123-4567, 031-123-4567, 1588-1234, +82 10 1234 5678;
 * digits with or without hyphens, spaces, dots or brackets) written out as dialled in Korea with its
 * hyphens; with PHONE_INTL another country's +CC number, kept as written. 0, or -1 when it is none. */
int phone_normalise(const char *in, int flags, char *out, size_t len);
/* A postal code of the country (ISO 3166 alpha-2; NULL or "" is Korea): Korea's five digits (우편번호),
 * elsewhere 2 to 12 letters, digits, spaces or hyphens. */
int postal_code_valid(const char *code, const char *country);
int country_code_valid(const char *cc); /* two capital letters */
/* An address on one line: in Korea "(04512) 한빛시 강변구 한강로12길 3, 5층 502호" (우편번호, road-name
 * address, 상세주소), elsewhere "lines, detail, postal code, country". Its length. */
size_t address_line(char *out, size_t len, const char *address, const char *detail, const char *postal,
                    const char *country);
int str_eq(const char *a, const char *b);
size_t utf8_len(const char *s);                     /* code points */
int parse_int64(const char *s, int64_t *out);      /* 0 ok, -1 not a whole number */
#endif
