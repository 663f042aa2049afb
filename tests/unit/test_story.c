/* test_story: the state machine of a success story (core/story.c, story_next_state): draft and
 * returned stories are edited and submitted; a submitted one is published or returned, nothing else;
 * every state but withdrawn can be withdrawn; withdrawn and published stories never change again
 * (a published one is only withdrawn); an unknown state or action goes nowhere. */
#include "core/story.h"
#include "helpers.h"

static const char *const actions[] = {"edit", "submit", "publish", "return", "withdraw", NULL};

/* The whole table: state x action -> the next state, or NULL. */
static const struct {
    const char *state;
    const char *next[5]; /* in actions[] order */
} expected[] = {
    {"draft", {"draft", "submitted", NULL, NULL, "withdrawn"}},
    {"submitted", {NULL, NULL, "published", "returned", "withdrawn"}},
    {"published", {NULL, NULL, NULL, NULL, "withdrawn"}},
    {"returned", {"returned", "submitted", NULL, NULL, "withdrawn"}},
    {"withdrawn", {NULL, NULL, NULL, NULL, NULL}},
};

static void every_state_and_action(void **state)
{
    (void)state;
    int states = 0;
    for (size_t i = 0; i < ARRAY_LEN(expected); i++) {
        assert_true(in_list(story_states, expected[i].state));
        states++;
        for (int a = 0; actions[a]; a++) {
            const char *got = story_next_state(expected[i].state, actions[a]);
            const char *want = expected[i].next[a];
            if (!want != !got || (want && strcmp(want, got) != 0))
                fail_msg("%s + %s: want %s, got %s", expected[i].state, actions[a], want ? want : "(refused)",
                         got ? got : "(refused)");
        }
    }
    /* every state of story_states[] is in the table above */
    int listed = 0;
    while (story_states[listed])
        listed++;
    assert_int_equal(states, listed);
}

static void nothing_leaves_withdrawn_and_publishing_needs_a_review(void **state)
{
    (void)state;
    for (int a = 0; actions[a]; a++)
        assert_null(story_next_state("withdrawn", actions[a]));
    assert_null(story_next_state("draft", "publish"));   /* never published without being submitted */
    assert_null(story_next_state("returned", "publish")); /* nor after a return, before resubmission */
    assert_null(story_next_state("published", "edit"));   /* the reviewed text stays as reviewed */
    assert_null(story_next_state("draft", "unknown"));
    assert_null(story_next_state("lost", "withdraw"));
    assert_null(story_next_state(NULL, "withdraw"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_state_and_action),
        cmocka_unit_test(nothing_leaves_withdrawn_and_publishing_needs_a_review),
    };
    return cmocka_run_group_tests_name("story", tests, NULL, NULL);
}
