/* common: the small pieces every API handler shares: answering a core result, and the
 * write-then-answer continuations. */
#include "api/api_int.h"
#include <stdio.h>

void api_done_200(struct hreq *h)
{
    reply_result(h, h->rc, 200);
}
void api_done_201(struct hreq *h)
{
    reply_result(h, h->rc, 201);
}
int api_need_version(struct hreq *h)
{
    if (h->if_match >= 0)
        return 1;
    reply_problem(h, 428, N_("Precondition required"),
                  N_("Send the record's version in an If-Match header (or a \"version\" field), so that a change "
                     "made meanwhile by someone else is not overwritten."),
                  NULL);
    return 0;
}
int api_page(struct hreq *h, struct page *pg)
{
    const char *l = qstr(h, "limit");
    int64_t n = 0;
    pg->after = qstr(h, "after");
    pg->limit = 0;
    if (l && (parse_int64(l, &n) != 0 || n < 1 || n > LIMIT_LIST)) {
        char d[96];
        snprintf(d, sizeof d, "limit must be a whole number from 1 to %d.", LIMIT_LIST);
        reply_problem(h, 400, N_("Bad request"), d, json_pack("{s:{s:s}}", "errors", "limit", d));
        return 0;
    }
    pg->limit = (int)n;
    return 1;
}
int64_t api_qint(struct hreq *h, const char *name, int64_t def)
{
    int64_t v;
    const char *s = qstr(h, name);
    return s && parse_int64(s, &v) == 0 ? v : def;
}
