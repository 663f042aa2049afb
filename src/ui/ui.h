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
/* vocab.c: the vocabularies whose values reach a page, each value's label written out (N_/NC_). */
struct ui_vocab_label {
    const char *value, *label; /* label: a msgid (N_ or NC_) */
};
struct ui_vocab {
    const char *name;                   /* "episode status" */
    const char *const *values;          /* core's list, NULL-terminated */
    const struct ui_vocab_label *labels; /* {NULL} ended */
};
extern const struct ui_vocab ui_vocabs[]; /* {NULL} ended */
const struct ui_vocab *ui_vocab_find(const char *name);
const char *ui_vocab_msgid(const struct ui_vocab *v, const char *value); /* NULL: no label */
/* A value's label in this request's language: "home_visit" -> "가정방문". ui_label takes the first
 * vocabulary that has the value; ui_label_in the vocabulary of core's list values (the choices of a
 * form field), ui_vlabel the one named. A value no vocabulary knows is humanised ("x_y" -> "X y"). */
const char *ui_label(const char *value, char *out, size_t len);
const char *ui_label_in(const char *const *values, const char *value, char *out, size_t len);
const char *ui_vlabel(const char *vocab, const char *value, char *out, size_t len);
const char *jstr(json_t *o, const char *k); /* "" when missing */
#endif
