/* page: every list is read one page at a time, the same way: keyset paging on the list's sort keys
 * (the last one unique), an opaque cursor naming where the previous page stopped, and one envelope
 * {"items": [...], "next": cursor or null}. No list is cut without a way to the rest. */
#include "base/base.h"
#include "core/core.h"
#include "db/db.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define PAGE_MAX_KEYS 6
#define PAGE_MAX_CURSOR 600 /* characters of a cursor we accept */

int page_limit(const struct page *pg)
{
    return !pg || pg->limit <= 0 ? LIMIT_LIST : pg->limit > LIMIT_LIST ? LIMIT_LIST : pg->limit;
}

int page_bad_cursor(struct ctx *c)
{
    ctx_field(c, "after", _("is not a cursor this list gave (start again from the first page)"));
    return ctx_fail(c, ERR_INVALID, _("The cursor is not valid."));
}

int page_after(struct ctx *c, const struct page *pg, int nkeys, json_t **values)
{
    *values = NULL;
    if (!pg || !pg->after || !*pg->after)
        return OK;
    size_t n = strlen(pg->after), len;
    if (n > PAGE_MAX_CURSOR)
        return page_bad_cursor(c);
    unsigned char raw[PAGE_MAX_CURSOR];
    if (sodium_base642bin(raw, sizeof raw, pg->after, n, NULL, &len, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        return page_bad_cursor(c);
    json_t *v = json_loadb((const char *)raw, len, JSON_REJECT_DUPLICATES, NULL);
    int ok = json_is_array(v) && json_array_size(v) == (size_t)nkeys;
    for (int i = 0; ok && i < nkeys; i++) {
        json_t *x = json_array_get(v, (size_t)i);
        ok = json_is_integer(x) || json_is_string(x);
    }
    if (!ok) {
        json_decref(v);
        return page_bad_cursor(c);
    }
    *values = v;
    return OK;
}

/* The cursor naming a row: its key values as a JSON array, base64url. */
static json_t *cursor_of(json_t *row, int nkeys, const char *const *fields)
{
    json_t *v = json_array();
    for (int i = 0; i < nkeys; i++)
        json_array_append(v, json_object_get(row, fields[i]) ? json_object_get(row, fields[i]) : json_null());
    char *s = json_dumps(v, JSON_COMPACT);
    json_decref(v);
    size_t n = strlen(s);
    char *b64 = xmalloc(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING));
    sodium_bin2base64(b64, sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                      (const unsigned char *)s, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    free(s);
    json_t *r = json_string(b64);
    free(b64);
    return r;
}

static json_t *envelope(const struct page *pg, int nkeys, const char *const *fields, json_t *rows, int strip)
{
    size_t limit = (size_t)page_limit(pg);
    json_t *next = json_null();
    if (json_array_size(rows) > limit) {
        while (json_array_size(rows) > limit)
            json_array_remove(rows, limit);
        next = cursor_of(json_array_get(rows, limit - 1), nkeys, fields);
    }
    if (strip) {
        size_t i;
        json_t *r;
        json_array_foreach(rows, i, r) for (int k = 0; k < nkeys; k++) json_object_del(r, fields[k]);
    }
    return json_pack("{s:o,s:o}", "items", rows, "next", next);
}

json_t *page_envelope(const struct page *pg, const char *const *fields, json_t *rows)
{
    int n = 0;
    while (fields[n])
        n++;
    return envelope(pg, n, fields, rows, 0);
}

json_t *page_all(json_t *rows)
{
    return json_pack("{s:o,s:n}", "items", rows ? rows : json_array(), "next");
}

static void bind_value(struct db_stmt *st, int idx, json_t *v)
{
    if (json_is_integer(v))
        db_bind(st, idx, 'i', NULL, json_integer_value(v));
    else
        db_bind(st, idx, 't', json_string_value(v), -1);
}

int page_query(struct ctx *c, const struct page *pg, const struct page_key *keys, json_t **out, const char *sql,
               const char *fmt, ...)
{
    static const char *const kf[PAGE_MAX_KEYS] = {"_k0", "_k1", "_k2", "_k3", "_k4", "_k5"};
    int nkeys = 0;
    while (keys[nkeys].expr)
        nkeys++;
    if (nkeys == 0 || nkeys > PAGE_MAX_KEYS)
        return ctx_fail(c, ERR_DB, "page_query: between 1 and %d keys", PAGE_MAX_KEYS);
    json_t *after;
    int rc = page_after(c, pg, nkeys, &after);
    if (rc != OK)
        return rc;
    /* SELECT p.*, key AS _k0... FROM (sql) p [WHERE (k0 < ?) OR (k0 = ? AND k1 < ?) ...] ORDER BY ... LIMIT ? */
    struct buf q;
    buf_init(&q);
    buf_adds(&q, "SELECT p.*");
    for (int i = 0; i < nkeys; i++)
        buf_printf(&q, ", %s AS %s", keys[i].expr, kf[i]);
    buf_adds(&q, " FROM (");
    buf_adds(&q, sql);
    buf_adds(&q, ") p");
    if (after) {
        buf_adds(&q, " WHERE ");
        for (int i = 0; i < nkeys; i++) {
            buf_adds(&q, i ? " OR (" : "(");
            for (int j = 0; j < i; j++)
                buf_printf(&q, "%s = ? AND ", keys[j].expr);
            buf_printf(&q, "%s %c ?)", keys[i].expr, keys[i].desc ? '<' : '>');
        }
    }
    buf_adds(&q, " ORDER BY ");
    for (int i = 0; i < nkeys; i++)
        buf_printf(&q, "%s%s%s", i ? ", " : "", kf[i], keys[i].desc ? " DESC" : "");
    buf_adds(&q, " LIMIT ?");

    va_list ap;
    va_start(ap, fmt);
    struct db_stmt *st = db_vquery(c->db, q.data, fmt, ap);
    va_end(ap);
    buf_free(&q);
    if (!st) {
        json_decref(after);
        return ctx_fail(c, ERR_DB, _("The list could not be read."));
    }
    int idx = (int)strlen(fmt) + 1;
    for (int i = 0; after && i < nkeys; i++)
        for (int j = 0; j <= i; j++)
            bind_value(st, idx++, json_array_get(after, (size_t)j));
    db_bind(st, idx, 'i', NULL, (int64_t)page_limit(pg) + 1);
    json_decref(after);
    json_t *rows = json_array();
    int step;
    while ((step = db_step(st)) == DB_ROW)
        json_array_append_new(rows, db_row_json(st));
    db_done(st);
    if (step != DB_DONE) {
        json_decref(rows);
        return ctx_fail(c, ERR_DB, _("The list could not be read."));
    }
    *out = envelope(pg, nkeys, kf, rows, 1);
    return OK;
}
