/* common: the small pieces every API handler shares: answering a core result, and the
 * write-then-answer continuations. */
#include "api/api_int.h"

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
    reply_problem(h, 428, "Precondition required",
                  "Send the record's version in an If-Match header (or a \"version\" field), so that a change made "
                  "meanwhile by someone else is not overwritten.",
                  NULL);
    return 0;
}
int64_t api_qint(struct hreq *h, const char *name, int64_t def)
{
    int64_t v;
    const char *s = qstr(h, name);
    return s && parse_int64(s, &v) == 0 ? v : def;
}
