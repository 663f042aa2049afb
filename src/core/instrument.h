/* instrument: standard instruments as data files (instruments/ID.json), validated at start-up and
 * scored by one engine; assessments store what was scored (answers, total, band, version), never rescored. */
#ifndef HEARTH_INSTRUMENT_H
#define HEARTH_INSTRUMENT_H
#include "core/core.h"
#include <stddef.h>

struct instrument; /* a validated definition; lives until the next successful instruments_load */

/* Load every *.json in dir (must exist), then in extra_dir (an organisation's own definitions;
 * NULL or a missing folder: none). Each file's id must match its name; an id may occur once.
 * A bad file: -1 with "FILE: at PLACE: REASON" in err, and the definitions loaded before stay.
 * Call before the server's threads start: the set is read-only afterwards. */
int instruments_load(const char *dir, const char *extra_dir, char *err, size_t errlen);
void instruments_free(void);
const struct instrument *instrument_find(const char *id); /* NULL when unknown */
const char *instrument_id(const struct instrument *ins);
const char *instrument_version(const struct instrument *ins);
/* The normalised definition (option sets resolved, "range" [min, max] added): borrowed, read-only. */
const json_t *instrument_def(const struct instrument *ins);
/* Every definition in this thread's language, for forms and the API: a new array of copies. */
json_t *instruments_list(void);
/* The definition in a language ("en", "ko"; anything else: English): its texts (name, recall,
 * questions, answers, bands, remarks...) in that language, with "wording" (what an assessment done
 * with it records) and "language". A definition whose texts are plain (no Korean) is English in both;
 * a wording file (an organisation's validated translation, instruments/README.md) adds each question's
 * and answer's "text". Borrowed, read-only. */
const json_t *instrument_def_in(const struct instrument *ins, const char *lang);
/* The wording a language shows: "hearth-ko", "hearth-en" (also for Korean when the definition has no
 * Korean), or a wording file's id. */
const char *instrument_wording(const struct instrument *ins, const char *lang);
/* The language of one of the instrument's wordings; NULL when it is none of them. */
const char *instrument_wording_language(const struct instrument *ins, const char *wording);
/* A stored result (scored with the English texts) with its texts in lang: the band's, level's and
 * derived scores' labels and advice, remarks and triggers' reasons, found by their ids. A new object. */
json_t *instrument_result_in(const struct instrument *ins, const json_t *result, const char *lang);

/* Score answers (an object: item id -> value; integers, numeric strings, booleans; "" or null is
 * unanswered) for a client of `sex` ("female", "male", anything else or NULL: "other").
 * opts SCORE_INCOMPLETE: the worker confirms some questions stay unanswered; accepted when the
 * definition has "save_incomplete": no total then, but item triggers still fire.
 * OK: *result = {total, band, band_label, coding, missing, skipped, prorated, derived, remarks,
 * triggers: [{flag, level, reason}], ...}. ERR_INVALID: *errors = {item: message} (one per
 * missing or bad item), *result = {missing: [...]} or NULL, and a summary in err. No database. */
#define SCORE_INCOMPLETE 1u
int instrument_score(const struct instrument *ins, json_t *answers, const char *sex, unsigned opts,
                     json_t **result, json_t **errors, char *err, size_t errlen);
/* The same with an organisation's settings ({name: value}, NULL: none): a band whose "setting" names
 * one starts at that value when the definition allows it (the PHQ-2 cut-off); result.settings says
 * which values were used. */
int instrument_score_with(const struct instrument *ins, json_t *answers, const char *sex,
                          const json_t *settings, unsigned opts, json_t **result, json_t **errors, char *err,
                          size_t errlen);
/* 1 when some definition has a band "setting" called name that allows value. */
int instrument_setting_allows(const char *name, json_int_t value);
/* 1 when a worker of role may administer the instrument (its "administered_by": "clinical" is every
 * role but peer supporters, "peer" is peer supporters; issue 11 §4). */
int instrument_may_administer(const struct instrument *ins, int role);
/* The flag kinds a complete administration resolves (the definition's "resolves"): borrowed or NULL. */
const json_t *instrument_resolves(const struct instrument *ins);

/* ---- assessment.c: administering on a client (ACC_FULL, notes and write on the client) ---- */
/* in: {instrument, answers, administered_at? (default now), incomplete? (bool)}. Raises a flag
 * (flag_raise, source "assessment") for every trigger that fires, audited "assessment.create". */
int assessment_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out);
int assessment_get(struct ctx *c, int64_t id, json_t **out);
int assessment_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out); /* newest first */
/* Points {id, administered_at, total, band, band_label, version, markers} oldest first, and the
 * change markers the definition names (PHQ-9 response, remission, ...) against the first score. */
int assessment_trajectory(struct ctx *c, int64_t client_id, const char *instrument, json_t **out);
#endif
