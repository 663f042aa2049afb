/* ui: server-rendered pages. Every string reaches HTML through html_printf/html_esc, which
 * escape by default; forms work without JavaScript (POST-redirect-GET), every field labelled. */
#ifndef HEARTH_UI_H
#define HEARTH_UI_H
#include "http/http.h"

/* Formats: %s text (escaped), %r raw trusted HTML, %d int, %D int64_t (ids, versions: 12345), %N int64_t
 * count or total in the reader's grouping (i18n_count: 12,345), %u url-encoded text, %% */
void html_printf(struct buf *b, const char *fmt, ...);
void html_esc(struct buf *b, const char *s);

/* The page frame: head, top bar with the user and navigation, main. */
void ui_begin(struct hreq *h, struct buf *b, const char *title);
void ui_end(struct hreq *h, struct buf *b);
/* Hidden CSRF field for a form. */
void ui_csrf(struct hreq *h, struct buf *b);
void ui_error_page(struct hreq *h, int status, const char *title, const char *detail);
/* Human label for a vocabulary value: "home_visit" -> "Home visit" (translated). */
const char *ui_label(const char *value, char *out, size_t len);
const char *jstr(json_t *o, const char *k); /* "" when missing */
#endif
