/* resource: the registry of the descriptors every core module keeps at its end, and of the audit
 * action names (the descriptors' and the few that concern no resource), so that an action name
 * nobody registered is caught (audit_log) instead of puzzling a reader of the access log. */
#include "core/resource.h"
#include "base/base.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

const struct resource *const resources[RES__COUNT] = {
    [RES_CLIENT] = &res_client,
    [RES_EPISODE] = &res_episode,
    [RES_TEAM] = &res_team,
    [RES_CONTACT] = &res_contact,
    [RES_NOTE_RESTRICTED] = &res_note_restricted,
    [RES_TASK] = &res_task,
    [RES_BREAKGLASS] = &res_breakglass,
    [RES_ASSESSMENT] = &res_assessment,
    [RES_FLAG] = &res_flag,
    [RES_FLAG_KIND] = &res_flag_kind,
    [RES_ONCALL] = &res_oncall,
    [RES_CRISIS] = &res_crisis,
    [RES_SAFETY_PLAN] = &res_safety_plan,
    [RES_HOSPITAL] = &res_hospital,
    [RES_ACCESS_LOG] = &res_access_log,
    [RES_ORG] = &res_org,
    [RES_STAFF] = &res_staff,
};

/* Sign-in and the server's own doings: audited, but about no resource's records. */
const struct res_audit audit_actions_other[] = {
    {"login", ACT_READ},
    {"logout", ACT_READ},
    {"token.create", ACT_CREATE},
    {NULL, 0},
};

const struct resource *resource_by_name(const char *name)
{
    for (int i = 0; name && i < RES__COUNT; i++)
        if (resources[i] && strcmp(resources[i]->name, name) == 0)
            return resources[i];
    return NULL;
}

/* Every registered name, sorted once, for a binary search per audit record. */
struct known {
    const char *name;
    const struct resource *res;
};
static struct known *known;
static size_t nknown;
static pthread_once_t known_once = PTHREAD_ONCE_INIT;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct known *)a)->name, ((const struct known *)b)->name);
}
static void add(size_t *n, const struct res_audit *a, const struct resource *r)
{
    for (; a && a->name; a++) {
        if (known)
            known[*n] = (struct known){a->name, r};
        (*n)++;
    }
}
static void build(void)
{
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++) { /* count, then fill */
        n = 0;
        for (int i = 0; i < RES__COUNT; i++)
            if (resources[i])
                add(&n, resources[i]->actions, resources[i]);
        add(&n, audit_actions_other, NULL);
        if (!pass)
            known = xcalloc(n ? n : 1, sizeof *known);
    }
    qsort(known, n, sizeof *known, by_name);
    nknown = n;
}
static const struct known *find(const char *name)
{
    pthread_once(&known_once, build);
    struct known key = {name, NULL};
    return name ? bsearch(&key, known, nknown, sizeof *known, by_name) : NULL;
}

int resource_action_known(const char *name)
{
    return find(name) != NULL;
}
const struct resource *resource_of_action(const char *name)
{
    const struct known *k = find(name);
    return k ? k->res : NULL;
}
