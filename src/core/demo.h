/* demo: fills an initialised, empty database with reproducible synthetic data (organisations,
 * staff, clients, episodes, care teams, contacts, tasks) for demonstrations, tests and benchmarks. */
#ifndef HEARTH_DEMO_H
#define HEARTH_DEMO_H
#include <stddef.h>

struct db;

#define DEMO_PASSWORD "hearth-demo-2026"
#define DEMO_MAX_CLIENTS 10000000

/* Fixed demo accounts, all with the same password (hashed in o->pw_hash; `hearth demo` uses DEMO_PASSWORD):
 *   admin     administrator          Riverside Mental Health Welfare Centre
 *   sup       supervisor             Riverside
 *   cm1..cm3  case managers          Riverside (cm1, cm2, cm3 hold ~12 clients each, with tasks)
 *   cm4       case manager           Eastgate Public Health Centre
 *   psy1      clinician/psychiatrist Riverside
 *   nurse1    clinician/nurse        Riverside
 *   peer1     peer supporter         Riverside (~5 clients)
 *   desk1     care-desk officer      Northside Administrative Welfare Centre
 *   housing1  housing coordinator    Harbour Housing Association
 *   analyst1  analyst                Riverside
 *   taskforce1 city task force       Riverside City Integrated Care Task Force (made after the cmNNNN)
 *   cmNNNN    synthetic case managers (about one per 25 clients, at most 2000)
 * Client id 1 is on cm1's team (with psy1, nurse1 and peer1); the clients of cm2 and cm3 are open
 * Riverside episodes without cm1 (for break-glass). Every client has an identifier of kind
 * "hearth-demo" with value "D" + seven digits (D0000001 for the first).
 * Accounts whose username already exists are reused as they are (their password is not changed). */
struct demo_opts {
    int clients;          /* how many clients, 0..DEMO_MAX_CLIENTS */
    int seed;             /* PRNG seed; 0 means 1 */
    int progress;         /* draw a progress bar on stderr */
    const char *pw_hash;  /* every account's Argon2id hash (auth_password_hash of the demo password,
                             made by the caller: core/ hashes nothing); required */
};

/* Fill an initialised, empty database with synthetic demo data: refuses when any client exists.
 * Commits one transaction per 5,000 clients; writes no audit records (no user acted).
 * 0 on success, -1 with a message in err. */
int demo_generate(struct db *db, const struct demo_opts *o, char *err, size_t errlen);
/* demo_ko.c: the demo data demo_generate made, in the language of locale ("ko": Korean names with
 * the real frequency of family names, organisations, road-name addresses and phone numbers; "en"
 * or NULL: left as made). Commits a batch of clients at a time; 0, or -1 with a message in err. */
int demo_localise(struct db *db, const char *locale, int seed, int progress, char *err, size_t errlen);
/* 1 when the database already holds a client (demo --if-empty leaves it as it is). */
int demo_has_clients(struct db *db);
#endif
