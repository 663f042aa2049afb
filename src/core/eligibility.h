/* eligibility: programmes' eligibility rules as data files (eligibility/KEY.rules, format in
 * eligibility/README.md), validated at start; a client evaluated against one, and a person's decision. */
#ifndef HEARTH_ELIGIBILITY_H
#define HEARTH_ELIGIBILITY_H
#include "core/core.h"
#include <stddef.h>

/* ---- elig_rules.c: the parser ---- */
/* Parse one rule file's text (len bytes; NUL bytes refused). OK: 0 and *out = {programme, name,
 * version, based_on, summary, file, criteria: [{kind, required, points, line, ...}]}. A bad file:
 * -1 with "FILE:LINE: REASON" in err. stem (the file name without ".rules") must equal the
 * programme key; NULL: not checked. No database, no global state. */
int elig_parse(const char *file, const char *stem, const char *text, size_t len, json_t **out, char *err,
               size_t errlen);
/* Load every *.rules in dir (must exist), then extra_dir (an organisation's own; NULL or missing:
 * none): a programme key of extra_dir replaces the shipped one (the file
 * name is the key, so a folder holds each once). A bad file: -1, "FILE:LINE: REASON" in err, and the set
 * loaded before stays. Call before the server's threads start: the set is read-only afterwards. */
int eligibility_load(const char *dir, const char *extra_dir, char *err, size_t errlen);
void eligibility_free(void);
const json_t *elig_programme(const char *key); /* borrowed; NULL when unknown */
extern const char *const elig_decisions[]; /* eligible, not_eligible, exception */
json_t *elig_programmes(void);                 /* a new array of copies, in key order */

/* ---- eligibility.c: evaluation and decisions ---- */
/* Evaluate a client against a programme: each criterion met, not_met or unknown with the facts
 * used (facts of hospital stays, crises and episodes left out, "facts_hidden", for one who may not
 * read notes: a care-desk officer). needs: the service domains the worker states ("a,b"; NULL:
 * none stated, needs criteria unknown). Audited "eligibility.evaluate". */
int elig_evaluate(struct ctx *c, int64_t client_id, const char *programme, const char *needs, json_t **out);
/* in: {programme, decision: eligible | not_eligible | exception, reason (required for exception),
 * needs?}. Stored with the rule file's version, the criteria's results and the priority points. */
int elig_decide(struct ctx *c, int64_t client_id, json_t *in, json_t **out);
/* The demo generator's decision (no actor: no access check, no audit): the client evaluated against
 * the programme with the needs stated (an array, or NULL: none), decided eligible when met, not eligible when
 * not met, else by exception, by staff_id of org_id. 0 (also when the programme has no rule file), -1 on
 * failure. */
int elig_demo_decide(struct db *db, int64_t client_id, const char *programme, json_t *needs, int64_t staff_id,
                     int64_t org_id);
int elig_decision_list(struct ctx *c, int64_t client_id, const struct page *pg,
                       json_t **out); /* newest first */
#endif
