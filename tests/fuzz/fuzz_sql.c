/* fuzz_sql: the SQL placeholder translator of the PostgreSQL backend (db_pg_placeholders,
 * db/db_pg.c): `?` and `?NNN` become `$N` outside quoted strings, quoted names and -- comments.
 * Property: its answer and parameter count are those of a plain reading of the same rules (a
 * character at a time, here), whenever each ?NNN is one SQLite takes (1..32766); otherwise it
 * must still answer without a fault. */
#include "fuzz.h"
#include <ctype.h>

/* The reference: -1 when an explicit number is out of SQLite's range. */
static int reference(const char *s, struct buf *out, int *nparams)
{
    enum { SQL, STR, NAME, COMMENT } st = SQL;
    int next = 0, max = 0;
    for (size_t i = 0; s[i]; i++) {
        char c = s[i];
        switch (st) {
        case SQL:
            if (c == '\'' || c == '"') {
                st = c == '\'' ? STR : NAME;
            } else if (c == '-' && s[i + 1] == '-') {
                st = COMMENT;
            } else if (c == '?') {
                long n;
                if (isdigit((unsigned char)s[i + 1])) {
                    n = 0;
                    while (isdigit((unsigned char)s[i + 1])) {
                        n = n * 10 + (s[++i] - '0');
                        if (n > 32766)
                            return -1;
                    }
                    if (n < 1)
                        return -1;
                } else {
                    n = ++next;
                }
                if (n > next)
                    next = (int)n;
                if (n > max)
                    max = (int)n;
                buf_printf(out, "$%ld", n);
                continue;
            }
            break;
        case STR:
        case NAME: {
            char q = st == STR ? '\'' : '"';
            if (c == q && s[i + 1] == q) { /* a doubled quote is part of the text */
                buf_addc(out, c);
                c = s[++i];
            } else if (c == q) {
                st = SQL;
            }
            break;
        }
        case COMMENT:
            if (c == '\n')
                st = SQL;
            break;
        }
        buf_addc(out, c);
    }
    *nparams = max;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *sql = fuzz_cstr(data, size);
    int n = -1;
    char *pg = db_pg_placeholders(sql, &n);
    if (!pg)
        fuzz_fail("no answer");
    struct buf want;
    buf_init(&want);
    int ref_n = 0;
    if (reference(sql, &want, &ref_n) == 0) {
        const char *w = want.data ? want.data : "";
        if (strcmp(pg, w) != 0)
            fuzz_fail("\"%s\" became \"%s\", not \"%s\"", sql, pg, w);
        if (n != ref_n)
            fuzz_fail("\"%s\": %d parameters, not %d", sql, n, ref_n);
    }
    buf_free(&want);
    free(pg);
    free(sql);
    return 0;
}
