/* api_int: private to api/: continuations shared by the handlers. */
#ifndef HEARTH_API_INT_H
#define HEARTH_API_INT_H
#include "api/api.h"
void api_done_200(struct hreq *h);
void api_done_201(struct hreq *h);
/* The body field of every route that makes a worker primary case manager or a care-team member: the
 * reason asked when that worker would be over capacity (core/caseload.c, caseload_guard). */
#define BODY_CAPACITY_REASON                                                                                    \
    {"capacity_reason", FT_STRING, 1,                                                                          \
     "Why, when the worker assigned would be over capacity with this (10 to 1000 characters; without it 409 "  \
     "with capacity_required, staff_id, load and capacity, and an error on capacity_reason); audited"}
int api_need_version(struct hreq *h); /* replies 428 and returns 0 without If-Match */
int64_t api_qint(struct hreq *h, const char *name, int64_t def);
/* The page a list request asks for (?after=CURSOR&limit=N); replies 400 and returns 0 when limit is
 * not a number from 1 to LIMIT_LIST (the cursor is checked by core: page.c). */
int api_page(struct hreq *h, struct page *pg);

/* One-line handlers: READ calls a core getter; WRITE runs a core change on the writer. */
#define API_READ(name, call)                                                                                   \
    static void name(struct hreq *h)                                                                           \
    {                                                                                                          \
        int rc = call;                                                                                         \
        reply_result(h, rc, 200);                                                                              \
    }
/* A list: call sees the request's page as &pg and answers the envelope {items, next}. */
#define API_LIST(name, call)                                                                                   \
    static void name(struct hreq *h)                                                                           \
    {                                                                                                          \
        struct page pg;                                                                                        \
        if (!api_page(h, &pg))                                                                                 \
            return;                                                                                            \
        int rc = call;                                                                                         \
        reply_result(h, rc, 200);                                                                              \
    }
#define API_WRITE(name, call, done)                                                                            \
    static int name##_w(struct hreq *h)                                                                        \
    {                                                                                                          \
        return call;                                                                                           \
    }                                                                                                          \
    static void name(struct hreq *h)                                                                           \
    {                                                                                                          \
        http_write(h, name##_w, done);                                                                         \
    }
#define API_WRITE_V(name, call, done)                                                                          \
    static int name##_w(struct hreq *h)                                                                        \
    {                                                                                                          \
        return call;                                                                                           \
    }                                                                                                          \
    static void name(struct hreq *h)                                                                           \
    {                                                                                                          \
        if (api_need_version(h))                                                                               \
            http_write(h, name##_w, done);                                                                     \
    }
#endif
