/* test_vocab: every enumerated value core knows reaches a page through its written-out label
 * (src/ui/vocab.c), never as the humanised key; each label has its Korean in po/ko.po; and a page
 * that asks for one vocabulary gets that vocabulary's word where two lists share a value ("crisis"
 * is a programme, a contact kind and a target group).
 * A value added to a core list without a label fails vocab_covers_core; a list added to core must be
 * added to core_lists below and to ui_vocabs. */
#include "helpers.h"
#include "core/eligibility.h"
#include "core/risk.h"
#include "ui/ui.h"

/* Every list of values core validates input against and that a page may show, with the vocabulary
 * (ui_vocabs' name) that labels it. */
static const struct {
    const char *vocab;
    const char *const *values;
} core_lists[] = {
    {"episode status", episode_statuses},
    {"programme", programmes},
    {"service domain", service_kinds},
    {"service domain", service_domains},
    {"team role", team_roles},
    {"discipline", disciplines},
    {"organisation kind", org_kinds},
    {"contact kind", contact_kinds},
    {"target group", target_groups},
    {"priority", task_priorities},
    {"task status", task_statuses},
    {"risk level", flag_levels},
    {"flag source", flag_sources},
    {"flag review", flag_review_outcomes},
    {"crisis kind", crisis_kinds},
    {"severity", crisis_severities},
    {"crisis response", crisis_modes},
    {"crisis outcome", crisis_outcomes},
    {"admission", admission_types},
    {"data class", data_classes},
    {"consent purpose", consent_purposes},
    {"consent given", consent_given_how},
    {"service capacity", service_capacities},
    {"intake state", intake_states},
    {"intake source", intake_sources},
    {"urgency", intake_urgencies},
    {"intake closed", intake_close_reasons},
    {"life stage", intake_life_stages},
    {"eligibility decision", elig_decisions},
    {"referral state", referral_states},
    {"referral agreement", referral_agreements},
    {"referral declined", referral_decline_reasons},
    {"referral failed", referral_fail_reasons},
    {"care plan step", careplan_step_who},
    {"goal status", careplan_goal_statuses},
    {"care plan agreement", careplan_agreements},
    {"linkage unit", linkage_units},
    {"linkage answer", linkage_answers},
    {"peer activity", peer_activity_kinds},
    {"accompanied to", peer_accompany_to},
    {"sex", client_sexes},
    {"duplicate link", client_link_states},
    {"notification", notify_kinds},
};

static void must_label(const char *vocab, const char *value)
{
    const struct ui_vocab *v = ui_vocab_find(vocab);
    if (!v)
        fail_msg("no vocabulary \"%s\" in src/ui/vocab.c", vocab);
    if (!ui_vocab_msgid(v, value))
        fail_msg("%s \"%s\" has no label in src/ui/vocab.c", vocab, value);
}

static void vocab_covers_core(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(core_lists); i++)
        for (const char *const *s = core_lists[i].values; *s; s++)
            must_label(core_lists[i].vocab, *s);
    for (int r = 0; r < ROLE__COUNT; r++)
        must_label("role", role_table[r].name);
    /* a referral's timeline: every action of the state machine, and the events core writes itself */
    for (const struct referral_transition *t = referral_transitions; t->action; t++)
        must_label("referral action", t->action);
    static const char *const own_events[] = {"send", "assign", "accept_with_episode", "agreement_review"};
    for (size_t i = 0; i < ARRAY_LEN(own_events); i++)
        must_label("referral action", own_events[i]);
    /* the flag kinds every organisation has (migrations); an organisation's own kinds carry their label */
    struct tdb *T = tdb_open();
    json_t *kinds = db_rows(T->db, "SELECT name FROM flag_kinds WHERE org_id IS NULL ORDER BY name", "");
    assert_true(json_array_size(kinds) >= 8);
    size_t i;
    json_t *k;
    json_array_foreach(kinds, i, k) must_label("flag kind", json_string_value(json_object_get(k, "name")));
    json_decref(kinds);
    tdb_close(T);
}

/* Each vocabulary's own list is core's (so the test above reaches it), and no label is left over. */
static void vocab_lists_match(void **state)
{
    (void)state;
    for (const struct ui_vocab *v = ui_vocabs; v->name; v++) {
        assert_non_null(v->values);
        size_t n = 0;
        for (const struct ui_vocab_label *l = v->labels; l->value; l++, n++)
            if (!in_list(v->values, l->value) && !(str_eq(v->name, "referral declined") && str_eq(l->value, "handover")))
                fail_msg("%s \"%s\" has a label but is not one of its values", v->name, l->value);
        assert_true(n > 0);
    }
}

/* Every label has its Korean (the catalogue built from po/ko.po). */
static void vocab_in_korean(void **state)
{
    (void)state;
    assert_true(i18n_load("locale") >= 1);
    for (const struct ui_vocab *v = ui_vocabs; v->name; v++)
        for (const struct ui_vocab_label *l = v->labels; l->value; l++) {
            const char *en = strchr(l->label, '\004') ? strchr(l->label, '\004') + 1 : l->label;
            const char *ko = i18n_text_in("ko", l->label);
            if (str_eq(ko, en))
                fail_msg("%s \"%s\" (%s) has no Korean in po/ko.po", v->name, l->value, en);
        }
}

/* A page names the vocabulary: the same key gets that list's word; a value no list knows is humanised. */
static void vocab_lookup(void **state)
{
    (void)state;
    char out[80];
    i18n_use("en");
    assert_string_equal(ui_vlabel("programme", "crisis", out, sizeof out), "Crisis");
    i18n_use("ko");
    char a[80], b[80], c[80];
    ui_vlabel("programme", "crisis", a, sizeof a);
    ui_vlabel("contact kind", "crisis", b, sizeof b);
    ui_vlabel("target group", "crisis", c, sizeof c);
    assert_string_equal(a, i18n_text_in("ko", NC_("programme", "Crisis")));
    assert_string_equal(b, i18n_text_in("ko", NC_("contact kind", "Crisis")));
    assert_string_not_equal(a, b);
    assert_string_not_equal(a, c);
    /* a form field's choices: the vocabulary of the list they come from */
    ui_label_in(contact_kinds, "phone", a, sizeof a);
    ui_label_in(crisis_modes, "phone", b, sizeof b);
    assert_string_equal(a, i18n_text_in("ko", NC_("contact kind", "Phone")));
    assert_string_equal(b, i18n_text_in("ko", NC_("crisis response", "By phone")));
    i18n_use("en");
    assert_string_equal(ui_label("some_new_kind", out, sizeof out), "Some new kind");
    assert_string_equal(ui_vlabel("no such vocabulary", "on_hold", out, sizeof out), "On hold");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vocab_covers_core),
        cmocka_unit_test(vocab_lists_match),
        cmocka_unit_test(vocab_in_korean),
        cmocka_unit_test(vocab_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
