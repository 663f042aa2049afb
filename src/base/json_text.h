/* json_text: a JSON value written as compact text straight into a buffer, for the replies.
 * The same bytes as jansson's json_dumps(v, JSON_COMPACT) for every value jansson can write,
 * without its per-fragment callbacks, its own growing buffer and the copy out of it. */
#ifndef HEARTH_JSON_TEXT_H
#define HEARTH_JSON_TEXT_H
#include <jansson.h>

#include "base.h"

/* Appends v to b. A string or key that is not valid UTF-8 (jansson's json_dumps fails on the whole
 * value then) has each bad byte written as U+FFFD, so that a reply is never empty. */
void json_text(struct buf *b, const json_t *v);

#endif
