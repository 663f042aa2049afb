/* resource: the registry of the descriptors every core module keeps at its end, and of the audit
 * action names (the descriptors' and the few that concern no resource), so that an action name
 * nobody registered is caught (audit_log) instead of puzzling a reader of the access log. */
#include "core/resource.h"
#include "base/base.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The registered descriptors (RESOURCE_REGISTER), gathered by the linker, indexed by id once. */
extern const struct resource *const __start_hearth_resources[], *const __stop_hearth_resources[];
static const struct resource *by_id[RES__COUNT];
static pthread_once_t by_id_once = PTHREAD_ONCE_INIT;

static void index_by_id(void)
{
    for (const struct resource *const *d = __start_hearth_resources; d < __stop_hearth_resources; d++) {
        if ((unsigned)(*d)->id >= RES__COUNT || by_id[(*d)->id]) {
            log_error("resource %s: its id %d is out of range or registered twice", (*d)->name,
                    (int)(*d)->id);
            abort(); /* a descriptor is wrong: no request may be decided on a half-known table */
        }
        by_id[(*d)->id] = *d;
    }
}

const struct resource *const *resource_table(void)
{
    pthread_once(&by_id_once, index_by_id);
    return by_id;
}

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
