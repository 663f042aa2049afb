/* access_rows: the words a resource's rows in the access table are written in (DESIGN §5). Each
 * core module keeps its rows next to its descriptor (`.access`), including this header just above
 * them, at the end of the file: the short macro names below are meant for those rows only.
 *
 *   static const struct access_rule note_access[] = {
 *       {RES_NOTE, ACT_READ, TEAM, NOTES, A}, {RES_NOTE, ACT_READ, GLASS | ONCALL, NOTES, P}, {0}};
 */
#ifndef HEARTH_ACCESS_ROWS_H
#define HEARTH_ACCESS_ROWS_H
#include "core/core.h"

#define R(x) (1u << (x))
/* Relationships, grouped as the rows use them. */
#define TEAM (R(REL_PRIMARY_CM) | R(REL_CARE_TEAM) | R(REL_SUPERVISOR)) /* care of an open episode */
#define PEER R(REL_PEER)
#define GLASS R(REL_BREAK_GLASS)
#define ONCALL R(REL_ON_CALL)
#define ORG R(REL_SAME_ORG)
#define SHARED R(REL_SHARED) /* another organisation, through consent: only the classes granted */
#define NONE R(REL_NONE) /* actions that concern no client */
#define HOUSED R(REL_HOUSED) /* the housing provider's coordinators: the client applied to it or lives in its unit */

/* Roles. */
#define ADM ROLE_BIT(ROLE_ADMIN)
#define SUP ROLE_BIT(ROLE_SUPERVISOR)
#define CM ROLE_BIT(ROLE_CASE_MANAGER)
#define CLIN ROLE_BIT(ROLE_CLINICIAN)
#define PS ROLE_BIT(ROLE_PEER)
#define DESK ROLE_BIT(ROLE_CARE_DESK)
#define HOUS ROLE_BIT(ROLE_HOUSING)
#define ANY ROLES_ANY
#define CLINICAL (SUP | CM | CLIN)   /* manage care: episodes, teams, plans, flag reviews, restricted notes */
#define NOTES (CLINICAL | HOUS)      /* read notes and assessments (a peer supporter: by REL_PEER) */
#define CARE (CLINICAL | DESK | HOUS) /* work with clients (peer supporters: only those assigned) */
#define OPENERS (CLINICAL | DESK)    /* register a referral into an episode */

/* Verdicts. */
#define A V_ALLOW
#define P V_PURPOSE
#endif
