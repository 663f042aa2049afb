/* common: the vocabulary tables of the domain and the acting context. */
#include "base/base.h"
#include "core/core.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct role_info role_table[ROLE__COUNT] = {
    [ROLE_ADMIN] = {"admin", N_("Administrator")},
    [ROLE_SUPERVISOR] = {"supervisor", N_("Supervisor")},
    [ROLE_CASE_MANAGER] = {"case_manager", N_("Case manager")},
    [ROLE_CLINICIAN] = {"clinician", N_("Clinician")},
    [ROLE_PEER] = {"peer_supporter", N_("Peer supporter")},
    [ROLE_CARE_DESK] = {"care_desk", N_("Care-desk officer")},
    [ROLE_HOUSING] = {"housing_coordinator", N_("Housing coordinator")},
    [ROLE_ANALYST] = {"analyst", N_("Analyst")},
    [ROLE_TASKFORCE] = {"task_force", N_("City task force")},
};
int role_parse(const char *name)
{
    for (int i = 0; i < ROLE__COUNT; i++)
        if (str_eq(role_table[i].name, name))
            return i;
    return -1;
}
const char *const disciplines[] = {"psychiatrist", "nurse", "psychologist", "social_worker",
                                   "occupational_therapist", "vocational_counsellor", NULL};
const char *const org_kinds[] = {"mental_health_welfare_centre", "public_health_centre", "hospital",
                                 "administrative_welfare_centre", "housing_provider", "rehabilitation_facility",
                                 "city_office", "other", NULL};
const char *const service_domains[] = {"mental_health_treatment", "crisis_response", "health_dental", "housing",
                                       "income_entitlements", "peer_support", "family_community",
                                       "rehabilitation_employment", "protection_advocacy", "daily_living_care",
                                       NULL};
const char *const contact_kinds[] = {"home_visit", "office", "phone", "outreach", "group", "crisis",
                                     "case_conference", NULL};
const char *const programmes[] = {"integrated_care", "intensive_case_management", "act", "housing_support",
                                  "crisis", NULL};
const char *const episode_statuses[] = {"referred", "intake", "active", "on_hold", "discharged", NULL};
const char *const target_groups[] = {"long_term_hospitalised", "crisis", "severe", "other", NULL};
const char *const team_roles[] = {"primary_case_manager", "case_manager", "psychiatrist", "nurse",
                                  "psychologist", "social_worker", "occupational_therapist",
                                  "vocational_counsellor", "peer_supporter", "housing_coordinator", "other", NULL};
const char *const task_priorities[] = {"low", "normal", "high", "urgent", NULL};

int in_list(const char *const *list, const char *v)
{
    for (; v && *list; list++)
        if (strcmp(*list, v) == 0)
            return 1;
    return 0;
}

void ctx_init(struct ctx *c, const struct actor *a, struct db *db)
{
    memset(c, 0, sizeof *c);
    c->a = a;
    c->db = db;
    c->purpose = "care";
    c->epoch = -1;
}
void ctx_clear(struct ctx *c)
{
    for (int i = 0; i < c->npend; i++) {
        free(c->pend[i].reason);
        json_decref(c->pend[i].sections);
        free(c->pend[i].clients);
    }
    free(c->pend);
    c->pend = NULL;
    c->npend = c->cappend = 0;
    json_decref(c->errors);
    json_decref(c->extra);
    c->errors = c->extra = NULL;
    c->msg[0] = 0;
    access_forget(c);
    c->denied = 0;
    c->view = 0;
}
int ctx_fail(struct ctx *c, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->msg, sizeof c->msg, fmt, ap);
    va_end(ap);
    return rc;
}
int ctx_field(struct ctx *c, const char *field, const char *msg)
{
    if (!c->errors)
        c->errors = json_object();
    if (!json_object_get(c->errors, field))
        json_object_set_new(c->errors, field, json_string(msg));
    return ERR_INVALID;
}

int ctx_stale(struct ctx *c, int64_t current)
{
    json_decref(c->extra);
    c->extra = json_pack("{s:I}", "current_version", (json_int_t)current);
    return ctx_fail(c, ERR_CONFLICT,
                    _("Someone else changed this since you opened it (version %lld is current). Reload it and "
                      "apply your change again."),
                    (long long)current);
}
