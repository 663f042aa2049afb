/* vocab: every vocabulary whose values reach a page, each value with its label written out (N_, or
 * NC_ with the vocabulary as context where one English word means two things in Korean). Pages and
 * CSV for people show labels; the API keeps the values. tests/unit/test_vocab.c checks that every
 * value of every list here has a label and that every label has its Korean. */
#include "core/eligibility.h"
#include "core/risk.h"
#include "ui/ui.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define L(v, s) {v, s}
#define END {NULL, NULL}

static const struct ui_vocab_label roles[] = {
    L("admin", N_("Administrator")),     L("supervisor", N_("Supervisor")),  L("case_manager", N_("Case manager")),
    L("clinician", N_("Clinician")),     L("peer_supporter", N_("Peer supporter")),
    L("care_desk", N_("Care-desk officer")), L("housing_coordinator", N_("Housing coordinator")),
    L("analyst", N_("Analyst")),         L("task_force", N_("City task force")), END};
static const char *const role_names[] = {"admin",     "supervisor",          "case_manager", "clinician", "peer_supporter",
                                         "care_desk", "housing_coordinator", "analyst",      "task_force", NULL};

static const struct ui_vocab_label disciplines_l[] = {
    L("psychiatrist", N_("Psychiatrist")),
    L("nurse", N_("Nurse")),
    L("psychologist", N_("Psychologist")),
    L("social_worker", N_("Social worker")),
    L("occupational_therapist", N_("Occupational therapist")),
    L("vocational_counsellor", N_("Vocational counsellor")),
    END};

static const struct ui_vocab_label team_roles_l[] = {
    L("primary_case_manager", N_("Primary case manager")),
    L("case_manager", N_("Case manager")),
    L("psychiatrist", N_("Psychiatrist")),
    L("nurse", N_("Nurse")),
    L("psychologist", N_("Psychologist")),
    L("social_worker", N_("Social worker")),
    L("occupational_therapist", N_("Occupational therapist")),
    L("vocational_counsellor", N_("Vocational counsellor")),
    L("peer_supporter", N_("Peer supporter")),
    L("housing_coordinator", N_("Housing coordinator")),
    L("other", N_("Other")),
    END};

static const struct ui_vocab_label org_kinds_l[] = {
    L("mental_health_welfare_centre", N_("Mental-health welfare centre")),
    L("public_health_centre", N_("Public health centre")),
    L("hospital", N_("Hospital")),
    L("administrative_welfare_centre", N_("Administrative welfare centre")),
    L("housing_provider", N_("Housing provider")),
    L("rehabilitation_facility", N_("Rehabilitation facility")),
    L("city_office", N_("City office")),
    L("other", N_("Other")),
    END};

/* The ten service domains of DESIGN §6, and the kinds of service (the domains and intake). */
static const struct ui_vocab_label domains_l[] = {
    L("mental_health_treatment", N_("Mental-health treatment")),
    L("crisis_response", NC_("service domain", "Crisis response")),
    L("health_dental", N_("Health and dental")),
    L("housing", NC_("service domain", "Housing")),
    L("income_entitlements", N_("Income and entitlements")),
    L("peer_support", NC_("service domain", "Peer support")),
    L("family_community", N_("Family and community")),
    L("rehabilitation_employment", N_("Rehabilitation and employment")),
    L("protection_advocacy", N_("Protection and advocacy")),
    L("daily_living_care", N_("Daily living and care services")),
    L("intake_assessment", N_("Intake and assessment")),
    END};

static const struct ui_vocab_label contact_kinds_l[] = {
    L("home_visit", NC_("contact kind", "Home visit")),
    L("office", NC_("contact kind", "Office")),
    L("phone", NC_("contact kind", "Phone")),
    L("outreach", NC_("contact kind", "Outreach")),
    L("group", NC_("contact kind", "Group")),
    L("crisis", NC_("contact kind", "Crisis")),
    L("case_conference", NC_("contact kind", "Case conference")),
    END};

static const struct ui_vocab_label programmes_l[] = {
    L("integrated_care", N_("Integrated care")),
    L("intensive_case_management", N_("Intensive case management")),
    L("act", N_("ACT (assertive community treatment)")),
    L("housing_support", NC_("programme", "Housing support")),
    L("crisis", NC_("programme", "Crisis")),
    END};

static const struct ui_vocab_label episode_statuses_l[] = {
    L("referred", NC_("episode status", "Referred")),
    L("intake", NC_("episode status", "Intake")),
    L("active", NC_("episode status", "Active")),
    L("on_hold", NC_("episode status", "On hold")),
    L("discharged", NC_("episode status", "Discharged")),
    END};

static const struct ui_vocab_label target_groups_l[] = {
    L("long_term_hospitalised", NC_("target group", "Long-term hospitalised")),
    L("crisis", NC_("target group", "Crisis")),
    L("severe", NC_("target group", "Severe")),
    L("other", N_("Other")),
    END};

static const struct ui_vocab_label priorities_l[] = {
    L("low", NC_("priority", "Low")),
    L("normal", NC_("priority", "Normal")),
    L("high", NC_("priority", "High")),
    L("urgent", NC_("priority", "Urgent")),
    END};

static const struct ui_vocab_label task_statuses_l[] = {
    L("open", NC_("task status", "Open")),
    L("done", NC_("task status", "Done")),
    END};

static const struct ui_vocab_label flag_levels_l[] = {
    L("low", NC_("risk level", "Low")),
    L("moderate", NC_("risk level", "Moderate")),
    L("high", NC_("risk level", "High")),
    END};

static const struct ui_vocab_label flag_sources_l[] = {
    L("assessment", NC_("flag source", "Assessment")),
    L("person", NC_("flag source", "Raised by a worker")),
    END};

static const struct ui_vocab_label flag_review_outcomes_l[] = {
    L("continued", NC_("flag review", "Continued")),
    L("level_changed", NC_("flag review", "Level changed")),
    L("resolved", NC_("flag review", "Resolved")),
    END};

/* The built-in kinds of flag (migrations 002 and 006; the same English as flag_kinds.label). */
static const struct ui_vocab_label flag_kinds_l[] = {
    L("suicide_risk", N_("Suicide risk")),
    L("risk_to_others", N_("Risk to others")),
    L("self_neglect", N_("Self-neglect")),
    L("relapse_signs", N_("Relapse signs")),
    L("treatment_disengagement", N_("Treatment disengagement")),
    L("eviction_risk", N_("Eviction risk")),
    L("substance_use", N_("Substance use")),
    L("suicide_screen_needed", N_("Suicide risk: assessment needed")),
    END};
static const char *const flag_kind_names[] = {"suicide_risk",  "risk_to_others", "self_neglect",
                                              "relapse_signs", "treatment_disengagement", "eviction_risk",
                                              "substance_use", "suicide_screen_needed", NULL};

static const struct ui_vocab_label crisis_kinds_l[] = {
    L("suicidal_ideation", N_("Suicidal ideation")),
    L("self_harm", N_("Self-harm")),
    L("acute_psychosis", N_("Acute psychosis")),
    L("aggression", N_("Aggression")),
    L("eviction_or_housing_crisis", N_("Eviction or housing crisis")),
    L("medical", NC_("crisis kind", "Medical")),
    L("other", N_("Other")),
    END};

static const struct ui_vocab_label severities_l[] = {
    L("low", NC_("severity", "Low")),
    L("moderate", NC_("severity", "Moderate")),
    L("high", NC_("severity", "High")),
    L("critical", NC_("severity", "Critical")),
    END};

static const struct ui_vocab_label crisis_modes_l[] = {
    L("phone", NC_("crisis response", "By phone")),
    L("home_visit", NC_("crisis response", "Home visit")),
    L("with_emergency_services", NC_("crisis response", "With emergency services")),
    L("at_hospital", NC_("crisis response", "At hospital")),
    END};

static const struct ui_vocab_label crisis_outcomes_l[] = {
    L("stabilised_at_home", N_("Stabilised at home")),
    L("respite", NC_("crisis outcome", "Respite")),
    L("voluntary_admission", N_("Voluntary admission")),
    L("involuntary_admission", N_("Involuntary admission")),
    L("other", N_("Other")),
    END};

static const struct ui_vocab_label admission_types_l[] = {
    L("voluntary", NC_("admission", "Voluntary")),
    L("involuntary", NC_("admission", "Involuntary")),
    END};

static const struct ui_vocab_label data_classes_l[] = {
    L("identity", N_("Identity and contact")),
    L("notes", N_("Contacts and notes")),
    L("assessments", N_("Assessments")),
    L("risk", N_("Risk and crisis")),
    L("hospital", N_("Hospital stays")),
    L("care_plan", N_("Care plan")),
    L("housing", NC_("data class", "Housing")),
    END};

static const struct ui_vocab_label purposes_l[] = {
    L("care_coordination", N_("Care coordination")),
    L("referral", NC_("consent purpose", "Referral")),
    L("housing", NC_("consent purpose", "Housing")),
    L("peer_support", NC_("consent purpose", "Peer support")),
    L("evaluation", NC_("consent purpose", "Evaluation")),
    END};

static const struct ui_vocab_label given_how_l[] = {
    L("written", N_("In writing, signed by the client")),
    L("verbal_witnessed", N_("Spoken, with a witness")),
    L("legal_representative", N_("By a legal representative")),
    END};

static const struct ui_vocab_label capacities_l[] = {
    L("open", NC_("service capacity", "Open")),
    L("waiting_list", NC_("service capacity", "Waiting list")),
    L("closed", NC_("service capacity", "Closed")),
    END};

static const struct ui_vocab_label intake_sources_l[] = {
    L("care_desk", NC_("intake source", "Care desk")),
    L("outreach", NC_("intake source", "Outreach")),
    L("neighbour_report", N_("A neighbour's report")),
    L("self", NC_("intake source", "The person themselves")),
    L("family", NC_("intake source", "Family")),
    L("other", N_("Other")),
    END};

static const struct ui_vocab_label intake_states_l[] = {
    L("discovered", N_("Discovered")),
    L("screened", NC_("intake state", "Screened")),
    L("decided", NC_("intake state", "Decided")),
    L("enrolled", NC_("intake state", "Enrolled")),
    L("referred", NC_("intake state", "Referred")),
    L("closed", NC_("intake state", "Closed")),
    END};

static const struct ui_vocab_label urgencies_l[] = {
    L("routine", NC_("urgency", "Routine")),
    L("soon", NC_("urgency", "Soon")),
    L("urgent", NC_("urgency", "Urgent")),
    END};

static const struct ui_vocab_label close_reasons_l[] = {
    L("not_eligible", NC_("intake closed", "Not eligible")),
    L("declined", NC_("intake closed", "Declined")),
    L("unreachable", NC_("intake closed", "Unreachable")),
    L("no_need", NC_("intake closed", "No need")),
    L("moved_away", NC_("intake closed", "Moved away")),
    L("other", N_("Other")),
    END};

static const struct ui_vocab_label life_stages_l[] = {
    L("youth", NC_("life stage", "Youth")),
    L("young_adult", NC_("life stage", "Young adult")),
    L("adult", NC_("life stage", "Adult")),
    L("older_adult", NC_("life stage", "Older adult")),
    END};

static const struct ui_vocab_label decisions_l[] = {
    L("eligible", N_("Eligible")),
    L("not_eligible", N_("Not eligible")),
    L("exception", N_("Eligible by exception")),
    END};

static const struct ui_vocab_label referral_states_l[] = {
    L("sent", NC_("referral state", "Sent")),
    L("received", NC_("referral state", "Received")),
    L("accepted", NC_("referral state", "Accepted")),
    L("declined", NC_("referral state", "Declined")),
    L("info_requested", NC_("referral state", "Information requested")),
    L("in_progress", NC_("referral state", "In progress")),
    L("completed", NC_("referral state", "Completed")),
    L("cancelled", NC_("referral state", "Cancelled")),
    L("failed", NC_("referral state", "Could not go ahead")),
    END};

/* What was done to a referral (its timeline). */
static const struct ui_vocab_label referral_actions_l[] = {
    L("send", NC_("referral action", "Sent")),
    L("receive", NC_("referral action", "Received")),
    L("accept", NC_("referral action", "Accepted")),
    L("decline", NC_("referral action", "Declined")),
    L("request_info", NC_("referral action", "Information requested")),
    L("answer", NC_("referral action", "Information given")),
    L("start", NC_("referral action", "Started")),
    L("complete", NC_("referral action", "Completed")),
    L("cancel", NC_("referral action", "Cancelled")),
    L("fail", NC_("referral action", "Could not go ahead")),
    L("assign", NC_("referral action", "Assigned")),
    L("accept_with_episode", NC_("referral action", "Accepted, episode opened")),
    L("agreement_review", NC_("referral action", "Agreement reviewed")),
    END};

static const struct ui_vocab_label referral_agreements_l[] = {
    L("agreed", NC_("referral agreement", "The client agreed")),
    L("not_asked", NC_("referral agreement", "Not asked")),
    END};

static const struct ui_vocab_label decline_reasons_l[] = {
    L("no_capacity", N_("No capacity")),
    L("not_eligible", NC_("referral declined", "Not eligible")),
    L("service_not_offered", N_("Service not offered")),
    L("client_declined", N_("The client declined")),
    L("duplicate", N_("Duplicate")),
    L("other", N_("Other")),
    L("handover", NC_("referral reason", "A worker's handover")), /* an event's reason (handover.c), not a decline */
    END};

static const struct ui_vocab_label fail_reasons_l[] = {
    L("client_unreachable", N_("The client could not be reached")),
    L("client_withdrew", N_("The client withdrew")),
    L("client_moved", N_("The client moved")),
    L("service_ended", N_("The service ended")),
    L("other", N_("Other")),
    END};

static const struct ui_vocab_label step_who_l[] = {
    L("client", N_("The client")),
    L("team_member", N_("A team member")),
    L("other_org", N_("Another organisation")),
    L("family", N_("Family")),
    END};

static const struct ui_vocab_label goal_statuses_l[] = {
    L("active", NC_("goal status", "Active")),
    L("reached", NC_("goal status", "Reached")),
    L("stopped", NC_("goal status", "Stopped")),
    END};

static const struct ui_vocab_label agreements_l[] = {
    L("signed", N_("Signed on paper")),
    L("verbal_witnessed", N_("Agreed aloud, with a witness")),
    L("declined", NC_("care plan agreement", "Declined")),
    END};

static const struct ui_vocab_label linkage_units_l[] = {
    L("day", N_("Days")),
    L("week", N_("Weeks")),
    L("month", N_("Months")),
    END};

static const struct ui_vocab_label linkage_answers_l[] = {
    L("yes", NC_("answer", "Yes")),
    L("partly", NC_("answer", "Partly")),
    L("no", NC_("answer", "No")),
    END};

static const struct ui_vocab_label peer_kinds_l[] = {
    L("accompaniment", N_("Accompaniment")),
    L("group", N_("Group activity")),
    L("recovery_conversation", N_("Recovery conversation")),
    END};

static const struct ui_vocab_label accompany_to_l[] = {
    L("clinic", NC_("accompanied to", "Clinic")),
    L("benefits_office", NC_("accompanied to", "Benefits office")),
    L("landlord", NC_("accompanied to", "Landlord")),
    L("other", N_("Other")),
    END};

static const struct ui_vocab_label sexes_l[] = {
    L("female", NC_("sex", "Female")),
    L("male", NC_("sex", "Male")),
    L("intersex", NC_("sex", "Intersex")),
    L("unknown", NC_("sex", "Unknown")),
    END};

static const struct ui_vocab_label link_states_l[] = {
    L("same_person", N_("The same person")),
    L("different", N_("Different people")),
    END};

static const struct ui_vocab_label notify_kinds_l[] = {
    L("referral", NC_("notification", "Referral")),
    L("task", NC_("notification", "Task")),
    L("flag", NC_("notification", "Risk flag")),
    L("consent", NC_("notification", "Consent")),
    L("housing", NC_("notification", "Housing")),
    END};

/* The actions of referral_transitions, and the events core writes itself (referral.c, handover.c). */
static const char *const referral_actions[] = {"send",     "receive", "accept", "decline", "request_info",
                                               "answer",   "start",   "complete", "cancel", "fail", "assign",
                                               "accept_with_episode", "agreement_review", NULL};

/* In lookup order: ui_label(value) without a vocabulary takes the first list that has the value, so
 * the lists whose words are the usual meaning come first. */
const struct ui_vocab ui_vocabs[] = {
    {"role", role_names, roles},
    {"episode status", episode_statuses, episode_statuses_l},
    {"programme", programmes, programmes_l},
    {"service domain", service_kinds, domains_l},
    {"team role", team_roles, team_roles_l},
    {"discipline", disciplines, disciplines_l},
    {"organisation kind", org_kinds, org_kinds_l},
    {"contact kind", contact_kinds, contact_kinds_l},
    {"target group", target_groups, target_groups_l},
    {"priority", task_priorities, priorities_l},
    {"task status", task_statuses, task_statuses_l},
    {"risk level", flag_levels, flag_levels_l},
    {"flag kind", flag_kind_names, flag_kinds_l},
    {"flag source", flag_sources, flag_sources_l},
    {"flag review", flag_review_outcomes, flag_review_outcomes_l},
    {"crisis kind", crisis_kinds, crisis_kinds_l},
    {"severity", crisis_severities, severities_l},
    {"crisis response", crisis_modes, crisis_modes_l},
    {"crisis outcome", crisis_outcomes, crisis_outcomes_l},
    {"admission", admission_types, admission_types_l},
    {"data class", data_classes, data_classes_l},
    {"consent purpose", consent_purposes, purposes_l},
    {"consent given", consent_given_how, given_how_l},
    {"service capacity", service_capacities, capacities_l},
    {"intake state", intake_states, intake_states_l},
    {"intake source", intake_sources, intake_sources_l},
    {"urgency", intake_urgencies, urgencies_l},
    {"intake closed", intake_close_reasons, close_reasons_l},
    {"life stage", intake_life_stages, life_stages_l},
    {"eligibility decision", elig_decisions, decisions_l},
    {"referral state", referral_states, referral_states_l},
    {"referral action", referral_actions, referral_actions_l},
    {"referral agreement", referral_agreements, referral_agreements_l},
    {"referral declined", referral_decline_reasons, decline_reasons_l},
    {"referral failed", referral_fail_reasons, fail_reasons_l},
    {"care plan step", careplan_step_who, step_who_l},
    {"goal status", careplan_goal_statuses, goal_statuses_l},
    {"care plan agreement", careplan_agreements, agreements_l},
    {"linkage unit", linkage_units, linkage_units_l},
    {"linkage answer", linkage_answers, linkage_answers_l},
    {"peer activity", peer_activity_kinds, peer_kinds_l},
    {"accompanied to", peer_accompany_to, accompany_to_l},
    {"sex", client_sexes, sexes_l},
    {"duplicate link", client_link_states, link_states_l},
    {"notification", notify_kinds, notify_kinds_l},
    {NULL, NULL, NULL},
};

const struct ui_vocab *ui_vocab_find(const char *name)
{
    for (const struct ui_vocab *v = ui_vocabs; v->name; v++)
        if (str_eq(v->name, name))
            return v;
    return NULL;
}

static const struct ui_vocab *vocab_of_list(const char *const *values)
{
    for (const struct ui_vocab *v = ui_vocabs; values && v->name; v++)
        if (v->values == values)
            return v;
    return NULL;
}

const char *ui_vocab_msgid(const struct ui_vocab *v, const char *value)
{
    for (const struct ui_vocab_label *l = v && value ? v->labels : NULL; l && l->value; l++)
        if (str_eq(l->value, value))
            return l->label;
    return NULL;
}

static const char *labelled(const char *msgid, char *out, size_t len)
{
    snprintf(out, len, "%s", _(msgid));
    return out;
}

/* A value no list knows (a flag kind an organisation added, a newer server's value): humanised. */
static const char *humanised(const char *value, char *out, size_t len)
{
    snprintf(out, len, "%s", value ? value : "");
    for (char *p = out; *p; p++)
        if (*p == '_')
            *p = ' ';
    if (out[0])
        out[0] = (char)toupper((unsigned char)out[0]);
    return _(out);
}

const char *ui_label(const char *value, char *out, size_t len)
{
    for (const struct ui_vocab *v = ui_vocabs; value && v->name; v++) {
        const char *m = ui_vocab_msgid(v, value);
        if (m)
            return labelled(m, out, len);
    }
    return humanised(value, out, len);
}

const char *ui_label_in(const char *const *values, const char *value, char *out, size_t len)
{
    const char *m = ui_vocab_msgid(vocab_of_list(values), value);
    return m ? labelled(m, out, len) : ui_label(value, out, len);
}

const char *ui_vlabel(const char *vocab, const char *value, char *out, size_t len)
{
    const char *m = ui_vocab_msgid(ui_vocab_find(vocab), value);
    return m ? labelled(m, out, len) : ui_label(value, out, len);
}
