/* core: the domain. Every function that reads or writes client data takes the acting
 * context first, decides access itself (access.c) and records the audit itself (audit.c).
 * Records travel as JSON objects (jansson): the same shape the API returns and the pages read.
 * Return values: OK (0) or one of the ERR_* codes below; details go in ctx->errors/ctx->msg. */
#ifndef HEARTH_CORE_H
#define HEARTH_CORE_H
/* The resources, one per kind of record: the access table's first key, the index of resources[].
 * A new resource adds its key here, with its functions below. */
enum res {
    RES_CLIENT,      /* the identity record, identifiers, links, search, history */
    RES_CLIENT_LINK, /* a look-alike link: confirmed as the same person or dismissed as different */
    RES_EPISODE,     /* episodes of care */
    RES_EPISODE_OPEN, /* an episode opened on another worker's client, and its review */
    RES_TEAM,        /* care-team memberships */
    RES_CONTACT,     /* contacts and notes */
    RES_NOTE_RESTRICTED, /* the text of a note marked restricted (psychotherapy, substance use) */
    RES_TASK,
    RES_BREAKGLASS,  /* emergency access and its review */
    RES_ASSESSMENT,
    RES_FLAG,
    RES_FLAG_KIND,
    RES_ONCALL,
    RES_CRISIS,      /* crisis events and the crisis view */
    RES_CRISIS_NOTE, /* what a crisis event says: its actions and notes */
    RES_SAFETY_PLAN,
    RES_HOSPITAL,    /* hospital stays */
    RES_ACCESS_LOG,  /* who looked at a client's record */
    RES_ORG,
    RES_STAFF,
    RES_HANDOVER,    /* a leaving worker's clients, tasks and shifts handed over; the check of disabled accounts */
    RES_ELIGIBILITY, /* a client's eligibility for a programme: evaluation and decisions (eligibility.h) */
    RES_SERVICE,          /* the service directory: an organisation's services */
    RES_SERVICE_CAPACITY, /* a service's capacity (open, waiting list, closed), kept by its organisation */
    RES_CONSENT,     /* consent by purpose: which organisations may see which data classes, until when */
    RES_NOTIFICATION, /* in-app notifications of one staff member */
    RES_INTAKE,           /* a discovered person's intake: screening, eligibility, enrolment or referral */
    RES_REFERRAL,         /* referrals between organisations and their events (referral.c) */
    RES_CARE_PLAN,        /* care plans in the client's words, their versions and reviews (careplan.c) */
    RES_CARE_PLAN_REVIEW, /* a care plan's reviews: what changed, each goal's progress (careplan.c) */
    RES_CONFERENCE,        /* a case conference's general part: when, who took part (conference.c) */
    RES_CONFERENCE_CLIENT, /* a conference's part about one client: question, discussion, decisions */
    RES_LINKAGE,          /* a plan step linked to a service, its checks, duplicate services (linkage.c) */
    RES_PEER_ACTIVITY,    /* a peer supporter's activities with one or several clients (peer.c) */
    RES_PEER_SUPERVISION, /* supervision sessions of a peer supporter, never a client's (peer.c) */
    RES_CASELOAD,         /* weighted caseloads, capacity (FTE) and the team page (caseload.h) */
    RES_CHECKIN,          /* a worker's private monthly check-in; supervisors see aggregates of 5 or more */
    /* issue 13 §1-§3, housing (core/housing.h) */
    RES_HOUSING_UNIT,        /* housing providers' units, their state and vacancies; the organisation's weights */
    RES_HOUSING_APPLICATION, /* a client's housing application, its priority and parts; the waiting list */
    RES_HOUSING_OFFER,       /* a vacant unit offered to an application, its answer */
    RES_TENANCY,             /* a client's tenancy, its events and end; stability figures */
    RES_CARE_SERVICE,     /* a client's care-service plan (household support; core/care.h) */
    RES_CARE_VISIT,       /* a care worker's visit logs of a care service */
    RES_CARE_STATEMENT,   /* a care worker's monthly statement for payroll, and the care workers */
    /* issue 14 §1, the evaluation (core/indicator.h) */
    RES_INDICATOR,        /* the indicator dictionary (no client data) */
    RES_EVALUATION,       /* the precomputed aggregates' runs and cells (counts only, never a client) */
    RES_STORY,            /* issue 14 §3: success stories, their review and publication (core/story.h) */
    RES__COUNT
};

#include "core/resource.h"
#include <jansson.h>
#include <stdint.h>

struct db;

enum { OK = 0, ERR_INVALID = -1, ERR_NOTFOUND = -2, ERR_FORBIDDEN = -3, ERR_CONFLICT = -4,
       ERR_DUPLICATE = -5, ERR_DB = -6, ERR_UNAUTH = -7, ERR_THROTTLED = -8,
       ERR_BUSY = -9 /* the server is full just now (503): try again later */ };

enum role { ROLE_ADMIN, ROLE_SUPERVISOR, ROLE_CASE_MANAGER, ROLE_CLINICIAN, ROLE_PEER, ROLE_CARE_DESK,
            ROLE_HOUSING, ROLE_ANALYST, ROLE_TASKFORCE, ROLE__COUNT };
#define ROLE_BIT(r) (1u << (r))
#define ROLES_ANY 0xFFFFu
/* Who reads aggregates only, never a client: analysts and the city task force (issue 14). */
#define ROLES_AGGREGATE (ROLE_BIT(ROLE_ANALYST) | ROLE_BIT(ROLE_TASKFORCE))
#define ROLES_STAFF (ROLES_ANY & ~ROLES_AGGREGATE) /* everyone who may touch client records */

struct role_info {
    const char *name;  /* as stored and sent: "case_manager" */
    const char *label; /* shown: "Case manager" (translated at display) */
};
extern const struct role_info role_table[ROLE__COUNT];
int role_parse(const char *name); /* -1 when unknown */
extern const char *const disciplines[];      /* NULL-terminated */
extern const char *const org_kinds[];
extern const char *const service_domains[];  /* the ten of DESIGN §6 */
extern const char *const contact_kinds[];
extern const char *const programmes[];
extern const char *const episode_statuses[];
extern const char *const target_groups[];
extern const char *const team_roles[];
extern const char *const task_priorities[];
extern const char *const task_statuses[];      /* open, done */
extern const char *const notify_kinds[];       /* referral, task, flag, consent */
extern const char *const client_sexes[];       /* female, male, intersex, unknown */
extern const char *const client_link_states[]; /* same_person, different */
int in_list(const char *const *list, const char *v);

/* Who acts. */
struct actor {
    int64_t staff_id, org_id;
    int role;
    char username[64];
    char name[128];
    char discipline[32];
    char lang[8]; /* the preferred language ("en", "ko"), "" for none: see i18n_choose */
    int must_change; /* an administrator set the password: nothing but choosing a new one until then */
};

/* One pending audit record (fields the context does not already carry). */
struct audit_rec {
    char action[40];
    char outcome[12]; /* ok, denied */
    int64_t client_id;
    char entity[24];
    int64_t entity_id;
    char *reason;     /* owned */
    const char *purpose; /* the context's purpose when queued (static text) */
    int keep;         /* appended even when the work it belongs to fails (denials, disclosures) */
    json_t *sections; /* a page view's reads of its client (audit_view): their action names (owned) */
    int64_t *clients; /* the clients a list showed (audit_log_shown), ascending (owned) */
    int nclients;
};

/* What access.c learnt of (actor, client) on one connection: asked once per request. */
struct access_facts {
    struct db *db;
    int64_t client_id;
    unsigned rels; /* bit (1u << REL_*) for each relationship that holds */
    int found;
    char bg_expires[32];
    unsigned shared;        /* REL_SHARED: the data classes (DC_BIT) another organisation may see */
    int64_t shared_consent; /* the consent that gives them (the newest), 0: none */
    unsigned by_referral;   /* the classes only an open referral to the actor's organisation shares */
    int64_t shared_referral; /* that referral */
};
#define ACCESS_CACHE 16

/* The acting context of one call: actor, connection, request identity, pending audit,
 * and where errors are described. */
struct ctx {
    const struct actor *a;
    struct db *db;
    const char *request_id, *addr, *purpose;
    struct audit_rec *pend;
    int npend, cappend;
    json_t *errors; /* field -> message, for ERR_INVALID / ERR_DUPLICATE */
    json_t *extra;  /* extra problem members (duplicate candidates, current version) */
    char msg[256];
    struct access_facts facts[ACCESS_CACHE]; /* access.c's cache (ctx_clear empties it) */
    int nfacts;
    int denied; /* the last denial's reason: 0 none, DENIED_RELATIONSHIP, DENIED_ROLE (role or rule) */
    int view;   /* a page view: its reads of a client make one audit record (audit_view) */
    char basis[40]; /* what let another organisation read (purpose "shared"): "consent 12"; the
                     * reason of the audit records queued under it */
    int64_t epoch;  /* the access epoch this request reads under (access_epoch): 0 not asked yet,
                     * -1 never (what ctx_init gives: only a request on a loop thread keeps facts
                     * between requests, http/server.c) */
};
enum { DENIED_RELATIONSHIP = 1, DENIED_ROLE = 2 };
void ctx_init(struct ctx *c, const struct actor *a, struct db *db);
void ctx_clear(struct ctx *c); /* frees pending audit and errors; keeps actor */
int ctx_fail(struct ctx *c, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A versioned record changed since the caller read it: ERR_CONFLICT with the current version. */
int ctx_stale(struct ctx *c, int64_t current);
/* Adds a field error; returns ERR_INVALID. */
int ctx_field(struct ctx *c, const char *field, const char *msg);

/* ---- page.c: every list is paged the same way ---- */
/* Where a page starts and how long it is: after is the "next" of the previous page (NULL or "" for
 * the first page), limit 1..LIMIT_LIST (0: LIMIT_LIST; larger: LIMIT_LIST). */
struct page {
    const char *after;
    int limit;
};
/* A list's order, keyset style: SQL expressions over the columns of the list's query (as p.name),
 * never null, the last one unique (the id); {NULL}-terminated. */
struct page_key {
    const char *expr;
    int desc;
};
/* One page: sql is a SELECT with an explicit column list and no ORDER BY or LIMIT; fmt and the
 * arguments bind its ?s (as db_query). The keyset condition, the order and the limit are added
 * here. *out = {"items": [...], "next": cursor or null}. A bad cursor: ERR_INVALID (field "after"). */
int page_query(struct ctx *c, const struct page *pg, const struct page_key *keys, json_t **out, const char *sql,
               const char *fmt, ...);
/* The parts, for a list that builds its own query (client search): the page size; the cursor's
 * nkeys values (*values NULL on the first page); the envelope of rows read with limit + 1 (steals
 * rows), the cursor made of the named members of the last row (fields {NULL}-terminated). */
int page_limit(const struct page *pg);
int page_after(struct ctx *c, const struct page *pg, int nkeys, json_t **values);
json_t *page_envelope(const struct page *pg, const char *const *fields, json_t *rows);
int page_bad_cursor(struct ctx *c); /* ERR_INVALID, the field error on "after" */
/* The envelope of a list that is whole by nature (a few rows, never more): next is null. Steals rows. */
json_t *page_all(json_t *rows);

/* ---- audit.c: the hash-chained log ---- */
/* Queue an audit record on the context (written by audit_flush in the same transaction as
 * the work, or right after a read). */
void audit_log(struct ctx *c, const char *action, const char *outcome, int64_t client_id, const char *entity,
               int64_t entity_id, const char *reason);
/* Action names must be registered (resource.h: a descriptor's actions or audit_actions_other); an
 * unknown one is logged and counted, and stops a sanitizer (test) build unless strict is turned off. */
long audit_unknown_actions(void);
void audit_set_strict(int on);
/* The same for a record that must stay even if the rest of the work is refused or rolled back:
 * something was shown (duplicate candidates). Denials are always kept. */
void audit_log_kept(struct ctx *c, const char *action, int64_t client_id, const char *entity, int64_t entity_id);
/* This request is a page view (ui/): from now on its successful reads of a client (read and list
 * actions) make one record per client, "client.view" with the sections read (the action names,
 * in the order read) in its detail, instead of one record per read; a page that reads one thing
 * keeps that read's own action. Denials and writes stay records of their own. The API never calls
 * it: there every read is a record. */
void audit_view(struct ctx *c);
/* A list that showed clients (a search): one record, the clients' ids in its detail and in
 * audit_clients, so that each client's access report lists it. items: rows with an "id". */
void audit_log_shown(struct ctx *c, const char *action, const char *entity, json_t *items);
/* Append the pending records on a write connection; with failed != 0 only the kept ones. */
int audit_flush(struct ctx *c, struct db *w, int failed);
/* Where the chain head is kept outside the database: DB.audit-head beside a SQLite file; "" on
 * PostgreSQL, where writers on several machines share the chain (serialised in the database). */
void audit_head_file(struct db *db, char *out, size_t len);
void audit_set_head_path(const char *path);
void audit_write_head(struct db *w); /* after commit: keep the newest hash outside the database */
void audit_set_head_log(int seconds); /* the head to syslog at most every seconds; 0: off */
/* The audit key: records from `from` on are hashed with keyed BLAKE2b (the records before, of a
 * database from before keys, without a key). Kept in a file outside the database. */
#define AUDIT_KEY_LEN 32
struct audit_key {
    unsigned char key[AUDIT_KEY_LEN];
    int64_t from; /* the first keyed record */
};
/* Its default place: DB.audit-key beside a SQLite file; on PostgreSQL DIR/DBNAME.audit-key, DIR
 * from HEARTH_AUDIT_KEY_DIR, or var (under the working directory). */
void audit_key_file(struct db *db, char *out, size_t len);
/* 0 read; 1 no such file; -1 unreadable, not a key, or readable by others (err says). */
int audit_key_load(const char *path, struct audit_key *k, char *err, size_t len);
int audit_key_save(const char *path, const struct audit_key *k, char *err, size_t len); /* new file, 0600 */
/* Read the key at path (NULL: the default place); with create, a missing one is made, keyed from
 * the record after the head, when the chain so far verifies without a key. 0, 1 (missing) or -1. */
int audit_key_open(struct db *db, const char *path, int create, struct audit_key *k, char *err, size_t len);
void audit_use_key(const struct audit_key *k); /* appends of this process: keyed from k->from; NULL: none */
/* Check the whole chain with the key and the head file; 0 when intact; no key (NULL) fails. */
int audit_verify(struct db *db, const char *head_path, const struct audit_key *key, char *report, size_t len);
int audit_client_report(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out); /* newest first */
int audit_recent_clients(struct ctx *c, int limit, json_t **out);

/* ---- access.c: the only gate ---- */
/* One table (resource x action x relationship x role -> verdict); anything it does not list is
 * denied. Actions that concern no client ask with client_id 0 (relationship REL_NONE). */
/* struct access_rule (resource.h): each resource keeps its rows in its descriptor (.access). */
/* The table's cell for one relationship and one role (no database). */
enum verdict access_table(enum res r, enum act a, enum rel rel, int role);
const char *access_res_name(enum res r);
const char *access_act_name(enum act a);
const char *access_rel_name(enum rel r);
const char *access_verdict_name(enum verdict v);
/* For pages: 1 when the actor may (no audit record, no error). */
int access_may(struct ctx *c, enum res r, enum act a, int64_t client_id);
/* The same without what being of the client's organisation alone allows: for a row at REL_SAME_ORG
 * that a rule on the record narrows (a care service's own care worker, core/care.c). */
int access_may_beyond_org(struct ctx *c, enum res r, enum act a, int64_t client_id);
/* For core functions: OK; ERR_NOTFOUND (no such client); or ERR_FORBIDDEN, the denial audited
 * (audit_action, outcome "denied") by access_deny. An allow-with-purpose verdict sets the purpose
 * of the call's audit records ("on call", "break-glass"). */
int access_check(struct ctx *c, enum res r, enum act a, int64_t client_id, const char *audit_action);
/* The one way a denial is recorded and answered: audited as audit_action "denied" on the entity
 * (NULL: the client, or the resource when there is no client), ERR_FORBIDDEN with msg (NULL: the
 * table's reason: no relationship, only the organisation's, or the role). For rules on a record
 * that the table cannot see (the author of a note, the assignee of a task). */
int access_deny(struct ctx *c, enum res r, enum act a, int64_t client_id, const char *audit_action,
                const char *entity, int64_t entity_id, const char *msg);
/* A registered audit action in the reader's words, from the access table's verb and noun ("Read care
 * plans", "돌봄계획 열람") into out; -1 for a name no resource registers. */
int access_action_words(const char *action, char *out, size_t len);
/* 1 when the actor cares for the client already: primary case manager, on the care team or
 * assigned as a peer supporter of an open episode, or supervising it (not by break-glass, on call or
 * the organisation alone). */
int access_in_care(struct ctx *c, int64_t client_id);
/* The consent through which the actor reaches the client when that is their only relationship to it
 * (another organisation, REL_SHARED), else 0. */
int64_t access_shared_basis(struct ctx *c, int64_t client_id);
/* SQL: the client c belongs to the organisation bound to ORG (a parameter, "?1"): its own, or with an
 * episode there. The fact behind REL_SAME_ORG (access.c); a client of the actor's organisation is
 * never reached only through a consent, so a list need not ask access_shared_basis about it. */
#define CLIENT_OF_ORG_SQL(ORG)                                                                           \
    "(c.org_id=" ORG " OR EXISTS (SELECT 1 FROM episodes o WHERE o.client_id=c.id AND o.org_id=" ORG "))"
/* The same for an open referral to the actor's organisation: its id when it shares some of what
 * the actor may read there (0: none). */
int64_t access_shared_referral(struct ctx *c, int64_t client_id);
/* Relationships changed in this call (a team, an episode, break-glass), or the request's write job
 * ran: ask the database again, the access epoch too (what ctx_clear does as well). */
void access_forget(struct ctx *c);
/* The access epoch (migration 031): a number that moves whenever anything an access decision or
 * an API token's look-up reads is written. -1: the database could not say. */
int64_t access_epoch(struct db *db);
/* c->epoch, asked of the database once per request; -1 when c does not keep facts. */
int64_t access_epoch_of(struct ctx *c);

/* The client record's summary of the table (the "access" member of client_get). */
enum { ACC_NONE = 0, ACC_FIND = 1, ACC_FULL = 2 };
struct access {
    int level;          /* ACC_*: read (full), list (find) */
    int restricted;     /* may read restricted notes */
    int notes;          /* may read contacts at all */
    int write;          /* may record contacts */
    int break_glass;    /* FULL only by break-glass */
    int on_call;        /* FULL only by being on call */
    char bg_expires[32];
};
int access_client(struct ctx *c, int64_t client_id, struct access *out); /* ERR_NOTFOUND or OK */

/* ---- consent.c: consent by purpose (the model access.c reads) ---- */
/* The classes of data a consent grants, a bit each (DC_BIT), in the order of data_classes[] (the
 * stored bit order: append only). A resource names its class in its descriptor (.data_class); a
 * resource without one is never shared with another organisation. */
enum data_class { DC_IDENTITY, DC_NOTES, DC_ASSESSMENTS, DC_RISK, DC_HOSPITAL, DC_CARE_PLAN, DC_HOUSING, DC__COUNT };
#define DC_BIT(x) (1u << (x))
#define DC_ALL ((1u << DC__COUNT) - 1)
extern const char *const data_classes[];     /* "identity", ... NULL-terminated, in enum order */
extern const char *const data_class_labels[]; /* N_() texts, in enum order */
/* The purposes a consent is given for, NULL-terminated: care_coordination, referral, housing,
 * peer_support, evaluation. */
extern const char *const consent_purposes[];
/* The purposes that let a role of another organisation read a client directly (not through a
 * referral): 0 or more purposes' bits, in consent_purposes[] order. Evaluation never does. */
unsigned consent_purposes_of_role(int role);
/* The data classes (DC_BIT) that active consents of client_id give org_id for a purpose in purposes
 * (bits of consent_purposes[]) on day today; *consent_id the newest consent that gives any (0:
 * none). -1 on a database error. No access check: access.c and the modules that limit what they
 * share (a referral's sections) ask it. */
int64_t consent_classes(struct db *db, int64_t client_id, int64_t org_id, unsigned purposes, const char *today,
                        int64_t *consent_id);
/* SQL: the consent k is active on the day bound to ?3 (started, not ended, not withdrawn): the one
 * definition that consent_classes and the client search (a find through consent) share. */
#define CONSENT_ACTIVE_SQL "k.withdrawn_at IS NULL AND k.starts_on<=?3 AND (k.ends_on IS NULL OR k.ends_on>=?3)"
extern const char *const consent_given_how[]; /* written, verbal_witnessed, legal_representative */
/* The renewal rule (a sweep rule, "consent.renew"): an active consent ending within 30 days makes, once,
 * a task for the client's primary case manager (else its recorder) and a notice; *made: how many. */
int consent_renew_run(struct ctx *c, int *made);
/* The words of each purpose (N_() texts, in consent_purposes[] order): "care coordination". */
extern const char *const consent_purpose_labels[];
/* A client's consents, newest first: {id, client_id, org_id, purpose, orgs: [{id, name}], classes: [names],
 * starts_on, ends_on, given_how, witness, note, recorded_by(_name), recorded_at, withdrawn_at,
 * withdrawn_by, withdraw_reason, status (active, future, expired, withdrawn), version}. */
int consent_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out);
int consent_get(struct ctx *c, int64_t id, json_t **out);
/* in: {purpose, orgs: [org ids, not the client's own], classes: [names], starts_on (default today),
 * ends_on (optional), given_how, witness (required unless written), note}. */
int consent_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out);
/* Withdraw (If-Match version; {reason} optional): access through it ends at once; once only (409). */
int consent_withdraw(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);

/* ---- sweep.c: rules that act on time passing ---- */
/* A rule run once a minute by the server (on the writer, in one transaction, with no actor: c->a is
 * NULL, c->db the write connection) and by `hearth sweep`: it makes its tasks and notices once
 * (idempotent) and says how many it made. */
struct sweep_rule {
    const char *name;
    int (*run)(struct ctx *c, int *made);
};
#define SWEEP_REGISTER(x)                                                                                   \
    static const struct sweep_rule *const x##_sweep_entry __attribute__((section("hearth_sweeps"), used)) = &x
/* Every registered rule in turn; stops at the first failure (the caller rolls back). report: "name
 * N, ..." */
int sweep_run(struct ctx *c, char *report, size_t len);
int sweep_count(void);

/* ---- notify.c: in-app notifications (no outbound network) ---- */
/* Queue a notification for staff_id on the write connection c->db, in the caller's transaction: kind
 * (referral, task, flag, consent), the text as a rule-text key with args (task.c's rule_texts; an
 * unknown key is refused, ERR_INVALID), and the record it is about (entity, entity_id; client_id
 * or 0). Not for oneself: a notification to the actor is skipped (OK). */
int notify_add(struct ctx *c, int64_t staff_id, const char *kind, const char *key, json_t *args, const char *entity,
               int64_t entity_id, int64_t client_id);
/* The actor's own notifications, newest first ({id, kind, text, entity, entity_id, client_id,
 * created_at, read_at}; text in the reader's language); unread_only: those not yet read. */
int notify_list(struct ctx *c, int unread_only, const struct page *pg, json_t **out);
/* The header's count, at most NOTIFY_COUNT_MAX (shown as "99+"); 0 on a database error. */
#define NOTIFY_COUNT_MAX 100
int64_t notify_unread_count(struct ctx *c);
int notify_count(struct ctx *c, json_t **out); /* the same for the API: {unread} */
/* Mark one of the actor's own as read (again: unchanged); another's is ERR_NOTFOUND. */
int notify_read(struct ctx *c, int64_t id, json_t **out);
/* Mark all of the actor's own read: {marked: how many were unread, unread: 0}. */
int notify_read_all(struct ctx *c, json_t **out);
/* 1 when staff_id (an active account) may act on resource r of the client (0: a record that concerns
 * no client), as the access table would answer that staff member: who may be told about a record. */
int notify_staff_may(struct ctx *c, int64_t staff_id, enum res r, enum act act, int64_t client_id);
/* notify_add, only when staff_id may (notify_staff_may) act on r of client_id: another organisation's
 * worker, a disabled account, or one who lost access is never told about a client (OK, nothing made). */
int notify_if_may(struct ctx *c, int64_t staff_id, enum res r, enum act act, const char *kind, const char *key,
                  json_t *args, const char *entity, int64_t entity_id, int64_t client_id);

/* ---- org.c: organisations and staff ---- */
int org_list(struct ctx *c, const struct page *pg, json_t **out);
int org_create(struct ctx *c, json_t *in, json_t **out);
/* An administrator changes an organisation's settings {phq2_threshold, district} (versioned; a value the
 * instrument definitions allow). */
int org_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* The settings an organisation scores instruments with: {phq2_threshold}; a new object. */
json_t *org_settings(struct db *db, int64_t org_id);
/* The staff list, narrowed: q a part of the name or the username; role a role's name; org_id an
 * organisation (administrators, who see every one); status "active" or "disabled". NULL/0: all. */
struct staff_filter {
    const char *q, *role, *status;
    int64_t org_id;
};
int staff_list(struct ctx *c, const struct page *pg, const struct staff_filter *f, json_t **out);
int staff_get(struct ctx *c, int64_t id, json_t **out);
/* ---- service.c: the service directory (no client data; writes audited) ---- */
extern const char *const service_kinds[];      /* the ten service domains, then intake_assessment */
extern const char *const service_capacities[]; /* open, waiting_list, closed */
/* The directory, narrowed: kind, status (a capacity), district, org_id, q a part of the name; NULL/0:
 * any. Open first, then waiting lists, then closed; by name. */
struct service_filter {
    const char *kind, *status, *district, *q;
    int64_t org_id;
};
int service_list(struct ctx *c, const struct page *pg, const struct service_filter *f, json_t **out);
int service_get(struct ctx *c, int64_t id, json_t **out);
/* What the directory is searched by: {orgs: [{id, name, district}], districts: [...]}. */
int service_places(struct ctx *c, json_t **out);
/* A service of the actor's organisation {name, kind, eligibility, programme, how_to_refer, contact,
 * capacity, waiting_count, typical_wait_days}; a name the organisation already uses: ERR_CONFLICT. */
int service_create(struct ctx *c, json_t *in, json_t **out);
/* Change what is given (versioned); only the service's own organisation. */
int service_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* Set the capacity {capacity, waiting_count, typical_wait_days} (a waiting list needs both numbers;
 * versioned), recording when and by whom; only the service's own organisation. */
int service_set_capacity(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* ---- account.c: what ends a staff member's credentials ---- */
/* API tokens of a staff member (their own; an administrator: anyone's), newest first:
 * {id, staff_id, name, created_at, expires_at, last_used_at, revoked_at, revoke_reason, status}. */
int token_list(struct ctx *c, int64_t staff_id, const struct page *pg, json_t **out);
/* Revoke a token (its owner, or an administrator); ERR_CONFLICT when it is already revoked. */
int token_revoke(struct ctx *c, int64_t id, json_t **out);
/* Every token of staff_id not yet revoked ends, each audited with reason ("password", "reset",
 * "disabled"). */
int tokens_end(struct ctx *c, int64_t staff_id, const char *reason);
/* An administrator sets a password (its Argon2id hash): the user must choose a new one at the next
 * login; their sessions and tokens end. Not one's own. */
int staff_reset_password(struct ctx *c, int64_t id, const char *pw_hash);
/* The password arrives as its Argon2id hash (auth_password_hash, made on a worker before the write);
 * pw_hash NULL: a "password" field error (unless the caller already gave one). A plain password is refused. */
int staff_create(struct ctx *c, json_t *in, const char *pw_hash, json_t **out);
int staff_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out); /* disable, role, name */
int staff_set_password(struct ctx *c, int64_t id, const char *pw_hash); /* an Argon2id hash, as above */
/* The actor's own preferred language ("en", "ko"; NULL or "" for none: Accept-Language decides). */
int staff_set_language(struct ctx *c, const char *lang);

/* ---- handover.c: when a worker moves on ---- */
/* What handover_perform would do with body {to, overrides: [{client_id, to}], disable}: {staff_id,
 * staff_name, org_id, items: [held record with to, to_name], receivers, disable, done: false}; a
 * record without a receiver has to null. Supervisors of the worker's organisation, administrators. */
int handover_preview(struct ctx *c, int64_t staff_id, json_t *in, json_t **out);
/* Hand everything over in the caller's transaction (every record audited on its client, a task per
 * receiver listing what they received; disable: the account too). Every record needs a receiver
 * (400 naming "to" or "overrides[i].to"); nothing held and no disable: ERR_CONFLICT. */
int handover_perform(struct ctx *c, int64_t staff_id, json_t *in, json_t **out);
/* A page of everything assigned to disabled accounts (administrators: all; a supervisor: their own
 * organisation's). */
int handover_disabled(struct ctx *c, const struct page *pg, json_t **out);
/* What a worker holds, counted: {episode, team_member, task, oncall, total} (no access check). */
json_t *handover_counts(struct db *db, int64_t staff_id);

/* ---- intake.c: a discovered person -> screening -> eligibility -> enrolment or referral ---- */
extern const char *const intake_sources[]; /* care_desk, outreach, neighbour_report, self, family, other */
extern const char *const intake_states[];  /* discovered, screened, decided, enrolled, referred, closed */
extern const char *const intake_urgencies[];   /* routine, soon, urgent */
extern const char *const intake_close_reasons[]; /* not_eligible, declined, unreachable, no_need, moved_away, other */
extern const char *const intake_life_stages[];   /* youth, young_adult, adult, older_adult */
/* The step machine: the state a step leads to from state, or NULL when the step is not allowed there
 * (steps: screen, decide, enrol, refer, close). */
const char *intake_next_state(const char *state, const char *step);
/* A discovery {given_name, family_name, birth_date | birth_year, phone, address, district, source,
 * reporter, concern, confirm_new}: the person registered (client_create: ERR_DUPLICATE with candidates
 * unless confirm_new), an intake episode held by the actor, the intake "discovered". */
int intake_create(struct ctx *c, json_t *in, json_t **out);
int intake_get(struct ctx *c, int64_t id, json_t **out);
/* The actor's organisation's intakes, newest first; state: one state or NULL; mine: discovered by
 * the actor only. */
int intake_list(struct ctx *c, const char *state, int mine, const struct page *pg, json_t **out);
/* A client's intakes, newest first (a few; the client page's section). */
int intake_of_client(struct ctx *c, int64_t client_id, json_t **out);
/* The screening {needs, urgency, risk_now, life_stage, target_group, hospital_days, recent_crisis}
 * (versioned); again until a decision is linked. */
int intake_screen(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* Link the client's eligibility decision {decision_id}: the intake reaches the outcome step. */
int intake_decide(struct ctx *c, int64_t id, json_t *in, json_t **out);
/* Enrol {primary_cm, programme, target_group}: the intake episode becomes active with that primary
 * case manager (a supervisor or case manager of the organisation; eligible or by exception only). */
int intake_enrol(struct ctx *c, int64_t id, json_t *in, json_t **out);
/* Close {reason, note}: not eligible, declined, ...; the intake episode is discharged. */
int intake_close(struct ctx *c, int64_t id, json_t *in, json_t **out);
/* Record the outcome "referred" (referral_id) in the caller's transaction; ERR_CONFLICT when the
 * intake is not at the outcome step (decided, or referred already: a re-referral replaces the id). */
int intake_referred(struct ctx *c, int64_t intake_id, int64_t referral_id);

/* ---- client.c ---- */
/* Confirm a look-alike link as the same person or dismiss it as different ({state: "same_person" |
 * "different", note}); once, by someone the table lets review links on either record who may find both. */
int client_link_decide(struct ctx *c, int64_t id, json_t *in, json_t **out);
int client_create(struct ctx *c, json_t *in, json_t **out); /* ERR_DUPLICATE with candidates unless confirmed */
int client_get(struct ctx *c, int64_t id, json_t **out);    /* shape depends on access */
int client_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* A page of matches (limit 0: 20): by a name (q: words, each found whole, by its start, by initial
 * consonants, or inside a name from three characters; or a phone number or a part of it), most
 * relevant first (the whole name, then whole words, then the start of a key in the key's order,
 * then inside a name), else by date of birth or identifier in id order. */
int client_search(struct ctx *c, const char *q, const char *birth_date, const char *identifier,
                  const struct page *pg, json_t **out);
int client_history(struct ctx *c, int64_t id, const struct page *pg, json_t **out); /* newest first */
int client_life_stage(const char *birth_date, const char **stage);
/* The text a client is found by: "given family preferred familygiven" (so 김민지 finds 김 민지). */
void client_search_text(const char *given, const char *family, const char *preferred, char *out, size_t len);
/* A new client's rows in the name indexes, the trigram index and the keys (client_name_keys)
 * (client_create does it; so does the demo generator, which writes its clients in bulk): DB_OK or
 * the error. */
int client_search_index(struct db *db, int64_t id, const char *given, const char *family, const char *preferred,
                        const char *phone);
/* The SQL client_search runs for the name q on a first page of 20, by a staff member of org with
 * role, and its parameters in order: {"sql", "params": [...]} (what `hearth search-sql` prints,
 * which bench/run times as it is); NULL when q has no word. */
json_t *client_search_explain(struct db *db, const char *q, int64_t org, int64_t staff, int role);

/* ---- episode.c: episodes and care teams ---- */
int episode_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out);
int episode_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out);
int episode_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
int team_add(struct ctx *c, int64_t episode_id, json_t *in, json_t **out);
int team_end(struct ctx *c, int64_t member_id, json_t **out);
/* Episodes opened on a client who already had an open episode with another worker ("reason"
 * given): the review list of the supervisors of the client's and the opener's organisation, and
 * its review (a note; one's own by another supervisor). */
int episode_open_list(struct ctx *c, int pending_only, const struct page *pg, json_t **out);
int episode_open_review(struct ctx *c, int64_t id, const char *note, json_t **out);
/* An episode in the actor's organisation opened by accepting a referral (why: "referral N"): the
 * referral decided access; the fields are episode_create's, primary_cm required by the caller. */
int episode_open_referred(struct ctx *c, int64_t client_id, json_t *in, const char *why, int64_t *episode_id);

/* ---- contact.c ---- */
int contact_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out); /* newest first */
int contact_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out);
int contact_correct(struct ctx *c, int64_t id, json_t *in, json_t **out); /* a new version */
int contact_get(struct ctx *c, int64_t id, json_t **out);                  /* with history */

/* ---- task.c ---- */
int task_mine(struct ctx *c, const struct page *pg, json_t **out); /* overdue first */
int task_for_client(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out);
int task_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out);
int task_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out); /* complete, reassign */
int task_get(struct ctx *c, int64_t id, json_t **out); /* one task, for whoever may change it */
int my_clients(struct ctx *c, const struct page *pg, json_t **out);
/* Texts made by rules (task titles, flag reasons) are stored as a key and parameters and shown in
 * the reader's language: rule_text_in renders one; rule_text_shape replaces r[field] by the text
 * of r[field_key] with r[field_args] (stored JSON, returned as an object) in this thread's language. */
int rule_text_known(const char *key);
const char *rule_text_in(const char *lang, const char *key, json_t *args, char *out, size_t len);
void rule_text_shape(json_t *r, const char *field);

/* ---- referral.c: referrals between organisations (closed loop) ---- */
extern const char *const referral_states[];        /* sent received accepted declined info_requested ... */
extern const char *const referral_open_states[];   /* sent .. in_progress */
extern const char *const referral_agreements[];      /* agreed, not_asked */
extern const char *const referral_decline_reasons[];
extern const char *const referral_fail_reasons[];
/* The urgencies and the time within which an acknowledgement is expected ({NULL}-terminated). */
struct referral_urgency {
    const char *key;
    int64_t seconds;
    const char *label; /* N_() */
};
extern const struct referral_urgency referral_urgencies[];
/* The state machine, one row per action ({NULL}-terminated): from (space-separated states) -> to. */
enum { REF_SENDER = 1, REF_RECEIVER = 2 };
struct referral_transition {
    const char *action, *from, *to;
    int side;                 /* REF_SENDER or REF_RECEIVER: who takes it */
    const char *const *codes; /* reason codes (reason_code required), or NULL */
    const char *text_field;   /* the words it takes: "text" or "outcome" */
    int text_required;
};
extern const struct referral_transition referral_transitions[];
const struct referral_transition *referral_transition(const char *action); /* NULL: no such action */
const char *referral_next(const char *action, const char *state); /* the state it leads to; NULL: illegal */
int referral_is_open(const char *state);
int64_t referral_response_seconds(const char *urgency); /* -1: not an urgency */
int referral_overdue(const char *state, const char *due_at, int64_t now);      /* sent and past due */
int64_t referral_days_pending(const char *sent_at, const char *closed_at, int64_t now); /* whole days */
json_t *referral_sections_json(int64_t mask); /* DC_BIT mask -> ["identity", ...] */
struct referral_filter {
    const char *state;   /* a state, "open", "closed" or NULL */
    const char *urgency; /* NULL: any */
    int overdue;         /* 1: only overdue; 0: all; -1: a bad value (a field error) */
};
/* Send {to_org_id | service_id, reason, asked, urgency, sections, agreement, agreement_reason,
 * intake_id}: sections limited by the client's consent to the receiving organisation. */
int referral_send(struct ctx *c, int64_t client_id, json_t *in, json_t **out);
int referral_get(struct ctx *c, int64_t id, json_t **out); /* with its timeline (events) */
int referral_for_client(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out);
/* The actor's organisation's queue: received (1) or sent (0); overdue first, then the longest pending. */
int referral_queue(struct ctx *c, int received, const struct referral_filter *f, const struct page *pg, json_t **out);
/* A change of state (referral_transitions' action) with {reason_code, text | outcome}, If-Match. */
int referral_act(struct ctx *c, int64_t id, int64_t version, const char *action, json_t *in, json_t **out);
int referral_assign(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out); /* {staff_id} */
/* Accept and open an episode in one step: {primary_cm, programme, target_group, text}. */
int referral_accept_episode(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* A supervisor of the sender's organisation reviews a referral sent without the client's agreement. */
int referral_review_agreement(struct ctx *c, int64_t id, json_t *in, json_t **out);
/* For access.c: the sections (DC_BIT mask) an open referral (received .. in progress) of client_id
 * to org_id shares, and its id; 0 when none. */
int referral_shares(struct db *db, int64_t client_id, int64_t org_id, int64_t *referral_id);
/* The purposes of a consent that let a referral share sections: referral, care_coordination. */
#define REFERRAL_PURPOSES (1u << 0 | 1u << 1)
/* The time rule: referrals not acknowledged in time (a task for the queue's lead, a notice to the
 * sender, once each). */
int referral_overdue_rule(struct ctx *c, int *made);

/* ---- careplan.c: care plans in the client's own words (issue 11 §1) ---- */
/* One plan per client per episode, versioned. A version's body: {"goals": [{key, domain (one of
 * service_domains[]), client_words, worker_words, strengths, barriers, status (active, reached,
 * stopped), share_with_peer, steps: [{key, who (client, team_member, other_org, family), who_name,
 * what, how_often, by_when}]}]}. A goal or step sent with its key keeps it (it must be one of the
 * plan's); one sent without gets a new key ("g4", "g4s5"). care_plan_goals and care_plan_steps hold
 * the current version's, one row each. */
extern const char *const careplan_step_who[];
extern const char *const careplan_goal_statuses[];
extern const char *const careplan_agreements[]; /* signed, verbal_witnessed, declined */
/* A date n months after date (the day clamped to the month's last). */
void careplan_add_months(const char *date, int n, char out[16]);
/* A client's plans, those of open episodes first: the list envelope (a few, whole). Each is the plan
 * at its current version: {id, client_id, episode_id, org_id, org_name, programme, episode_status,
 * review_due, version, number, current, why, source, made_by(_name), made_at, agreement...,
 * goals}. A peer supporter gets only the goals shared with peers. */
int careplan_for_client(struct ctx *c, int64_t client_id, json_t **out);
int careplan_get(struct ctx *c, int64_t id, json_t **out);
/* The plan as it stood at version number (the same shape; current false for an earlier one). */
int careplan_version(struct ctx *c, int64_t id, int64_t number, json_t **out);
/* The versions, newest first: {plan_id, number, why, source, made_by(_name), made_at, agreement}. */
int careplan_versions(struct ctx *c, int64_t id, const struct page *pg, json_t **out);
/* {episode_id (an open episode of the client at the actor's organisation), goals, why, review_due
 * (default six months on)}: version 1. One per episode (ERR_CONFLICT, extra {plan_id}). */
int careplan_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out);
/* A new version {goals, why (required), review_due}, If-Match version (ERR_CONFLICT when stale or the
 * episode is discharged). */
int careplan_revise(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* The same, recording where the change came from ("conference 12", "review 3"). */
int careplan_revise_from(struct ctx *c, int64_t id, int64_t version, json_t *in, const char *source, json_t **out);
/* The client's agreement to the CURRENT version (If-Match version): {agreement: signed,
 * verbal_witnessed (witness required) or declined (words required: what the client said), witness,
 * words}. Once per version (ERR_CONFLICT), except after a decline; a new version needs a new one. */
int careplan_agree(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* Reviews, newest first: {id, plan_id, held_on, what_changed, progress: [{goal, scale 0..10, words}],
 * number (the version the review made, or null), next_review, made_by(_name), made_at}; a peer
 * supporter: the shared goals' progress only, what_changed null. */
int careplan_reviews(struct ctx *c, int64_t id, const struct page *pg, json_t **out);
/* A review (If-Match version): {held_on (default today), what_changed, progress, next_review (default
 * CAREPLAN_REVIEW_MONTHS on), goals and why (optional: a new version from "review N")}; the plan's
 * review_due becomes next_review and the rule's review task is done. out: the review. */
int careplan_review(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* Two versions' goals compared, goals and steps matched by key: [{key, state: added, removed, changed
 * or same, fields: [names changed], steps: [{key, state, fields}]}], in to's order, the removed last. */
json_t *careplan_diff(json_t *from_goals, json_t *to_goals);
/* The client's open episodes at the actor's organisation without a plan: [{id, programme}]. */
json_t *careplan_unplanned(struct ctx *c, int64_t client_id);
/* When reviews fall: every 6 months; within days of a crisis event or a hospital stay's end (the
 * table below, README "Care plans"); the review rule's task CAREPLAN_REVIEW_LEAD days before. */
#define CAREPLAN_REVIEW_MONTHS 6
#define CAREPLAN_REVIEW_LEAD 14
struct careplan_review_rule {
    const char *event; /* "crisis", "hospital_discharge" */
    int days;
};
extern const struct careplan_review_rule careplan_review_rules[];
int careplan_review_days(const char *event); /* 0: the event moves no review */
/* After event (a careplan_review_rules event) the open plans of the client review within its days at the
 * latest (never later than they were); the caller's transaction. */
int careplan_bring_forward(struct ctx *c, int64_t client_id, const char *event);
int careplan_review_run(struct ctx *c, int *made); /* the time rule (sweep) */
/* ---- conference.c: case conferences (issue 11 §3) ---- */
/* A conference's general part (when, the organising organisation, the organiser, its title and
 * purpose, the staff taking part, the guests without accounts, the clients discussed) is read by its
 * staff participants and the supervisors of the organising organisation; the part about a client
 * (question, discussion, decisions) by those the access table lets see that client's conference
 * parts, participant or not. The general part shows only the clients the reader may see that part
 * of ("clients"), and how many others there are ("clients_hidden"). */
/* {held_at (UTC ISO time), title, purpose, staff: [staff ids], guests: [{name, role, organisation}]}:
 * the actor organises it, at their organisation, and takes part. */
int conference_create(struct ctx *c, json_t *in, json_t **out);
int conference_get(struct ctx *c, int64_t id, json_t **out);
/* The conferences the actor may read (scope "mine": those they organise or take part in; "org" or
 * NULL: also their organisation's, for a supervisor), upcoming first (soonest first), then past ones
 * (newest first); when "upcoming" or "past" keeps only those. */
int conference_list(struct ctx *c, const char *scope, const char *when, const struct page *pg, json_t **out);
/* Participants: {staff_id} or {username} (an active worker of any organisation, not an analyst) or a guest {name,
 * role, organisation}; a guest's presence is audited on each client discussed ("conference.guest").
 * Both answer the conference. */
int conference_add_staff(struct ctx *c, int64_t id, json_t *in, json_t **out);
int conference_add_guest(struct ctx *c, int64_t id, json_t *in, json_t **out);
/* Attendance (If-Match: the conference's version): {present_staff: [staff ids], present_guests:
 * [guest ids]}; everyone else listed is recorded absent. */
int conference_attendance(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* A client discussed {client_id, question}: answers the client's part. */
int conference_add_client(struct ctx *c, int64_t id, json_t *in, json_t **out);
/* The part about one client, with the general part beside it (conference: no other client named):
 * the minutes for that client. Each decision says what it became (task, plan version). */
int conference_item_get(struct ctx *c, int64_t item_id, json_t **out);
/* The question and the discussion {question, summary} (If-Match: the part's version). */
int conference_item_update(struct ctx *c, int64_t item_id, int64_t version, json_t *in, json_t **out);
/* A decision {text}: answers the client's part. */
int conference_decide(struct ctx *c, int64_t item_id, json_t *in, json_t **out);
/* A decision becomes a task {title (default: the decision), assignee, due, priority} whose source is
 * "conference N"; once (409). Answers the client's part. */
int conference_decision_task(struct ctx *c, int64_t decision_id, json_t *in, json_t **out);
/* A decision becomes a care-plan change: {plan_id, why, goals} (a whole new set of goals) or {plan_id,
 * why, step: {goal_key, who, who_name, what, how_often, by_when}} (a step added to a goal of the
 * current version); the plan's version is plan_version (If-Match), the new version's source
 * "conference N"; once (409). Answers the client's part. */
int conference_decision_plan(struct ctx *c, int64_t decision_id, int64_t plan_version, json_t *in, json_t **out);
/* The conferences where a client was discussed, newest first (the client page's section). */
int conference_of_client(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out);

/* ---- linkage.c: resource linkage and monitoring (issue 11 §2) ---- */
/* A linkage connects a step of a care plan (plan_id, step_key: a step of the plan's current version
 * when linked) to a service of the directory (service_id) or a named local resource (resource_name,
 * resource_contact), from a start to an end (with a reason), checked every every_n every_unit (day,
 * week, month; a month by default). A step a later version removes keeps its linkages: step_in_plan
 * false, step_what its last words. A linkage belongs to the organisation whose plan it serves;
 * another organisation sees only "another organisation: DOMAIN since DATE" unless the client's
 * consent shares the care plan with it (the access table's REL_SHARED rows). */
extern const char *const linkage_units[];   /* day, week, month */
extern const char *const linkage_answers[]; /* yes, partly, no: using it, satisfied */
/* The service domain a programme's episodes provide (integrated_care, intensive_case_management,
 * act -> mental_health_treatment; housing_support -> housing; crisis -> crisis_response); NULL: none. */
const char *linkage_programme_domain(const char *programme);
/* The greatest every_n a unit allows (day 366, week 52, month 12); 0: not a unit. */
int linkage_interval_max(const char *unit);
/* The date every_n units after date (YYYY-MM-DD; a month's day clamped to its last): 0, or -1 when
 * the date or the interval is not valid. */
int linkage_next_due(const char *date, int64_t every_n, const char *unit, char out[16]);
/* A client's linkages: active first (the next check soonest), then ended; another organisation's
 * that the actor may not see in detail as {domain, start_date, status, limited: true}. */
int linkage_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out);
/* One linkage with its checks, newest first (another organisation's: only through consent). */
int linkage_get(struct ctx *c, int64_t id, json_t **out);
/* {plan_id, step_key, service_id | resource_name (+ resource_contact), domain, start_date, every_n,
 * every_unit, next_check, note}: a step of the plan's current version (the plan of an organisation
 * is linked by its own staff). */
int linkage_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out);
/* A check {checked_on, using_it, satisfied, what_changed, next_check}: the next check moves on
 * (every_n every_unit after checked_on unless given) and the overdue rule's task is completed. */
int linkage_check(struct ctx *c, int64_t id, json_t *in, json_t **out);
/* End {reason, end_date} (If-Match version); once (ERR_CONFLICT). */
int linkage_end(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
/* The client's duplicate services: each domain where active linkages or open episodes provided by
 * two or more organisations meet (a directory service's organisation provides it; a local resource's
 * and an episode's: the record's own), {client_id, domain, entries: [{kind (linkage, episode), org_id,
 * org_name (the provider), what, since, linkage_id, episode_id, own (the record is the actor's
 * organisation's), hidden}]}; hidden: another organisation's record, with only its since. */
int linkage_duplicates(struct ctx *c, int64_t client_id, json_t **out);
/* The supervisor's list: the same, for every client with an open episode at the actor's
 * organisation that has one, by client (client_name added). */
int linkage_duplicates_review(struct ctx *c, const struct page *pg, json_t **out);
/* The time rule "linkage.check_overdue": an active linkage whose next check has passed makes, once
 * per due date, a task (due the day it is made; its title names the missed date) for the primary case
 * manager of the client's open episode at the linkage's organisation, else the linkage's creator. */
int linkage_overdue_run(struct ctx *c, int *made);

/* ---- breakglass.c ---- */
int breakglass_open(struct ctx *c, int64_t client_id, const char *reason, int hours, json_t **out);
int breakglass_review_list(struct ctx *c, int pending_only, const struct page *pg, json_t **out);
int breakglass_review(struct ctx *c, int64_t id, const char *note, json_t **out);

/* ---- validation helpers (valid.c) ---- */
/* Read a string field; required or not, bounded; choices (NULL-terminated) optional.
 * Returns the string (owned by `in`) or NULL; adds a field error when invalid. */
const char *v_str(struct ctx *c, json_t *in, const char *field, int required, size_t maxlen,
                  const char *const *choices);
const char *v_date(struct ctx *c, json_t *in, const char *field, int required);
const char *v_time(struct ctx *c, json_t *in, const char *field, int required);
int64_t v_int(struct ctx *c, json_t *in, const char *field, int required, int64_t min, int64_t max, int64_t def);
int v_bool(json_t *in, const char *field);
/* A phone number field (at most 40 characters): Korean, written as dialled in Korea with its hyphens
 * (phone_normalise; flags PHONE_INTL, PHONE_SHORT say what else the field takes), copied into out and
 * returned; NULL when absent or empty, or invalid (then a field error in the request's language). */
const char *v_phone(struct ctx *c, json_t *in, const char *field, int flags, char *out, size_t len);
/* The field error of a phone number phone_normalise refused, for those flags. */
const char *v_phone_error(int flags);
/* Characters (UTF-8) of a text without its surrounding white space; 0 for NULL: how long a reason is. */
size_t v_text_chars(const char *s);
/* ---- draft.c: what a user typed when their session had ended (writer; theirs alone) ---- */
#define DRAFT_SECONDS (30 * 60)
/* Keep the fields posted to action from page (one draft per user and page; expired ones go). */
int draft_keep(struct db *w, int64_t staff_id, const char *page, const char *action, json_t *fields);
/* The user's draft for page as {action, fields}, deleted as it is taken; NULL when none. */
json_t *draft_take(struct db *w, int64_t staff_id, const char *page);
/* ---- peer.c: what peer supporters do (issue 11 §4) ---- */
extern const char *const peer_activity_kinds[]; /* accompaniment, group, recovery_conversation */
extern const char *const peer_accompany_to[];   /* clinic, benefits_office, landlord, other */
/* in: {kind, accompany_to (an accompaniment only, required there), at, duration_min, place, summary,
 * client_ids: [1..30 distinct; a group at least 2]}; the peer supporter assigned to every client
 * (the table's create at each), audited once per client. *out: the activity with clients. */
int peer_activity_create(struct ctx *c, json_t *in, json_t **out);
/* {id, org_id, staff_id, staff_name, kind, accompany_to, at, duration_min, place, summary, created_at,
 * clients: [{id, given_name, family_name}] (only those the reader may see), clients_hidden}. */
int peer_activity_get(struct ctx *c, int64_t id, json_t **out);
int peer_activity_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out); /* newest first */
int peer_activity_mine(struct ctx *c, const struct page *pg, json_t **out); /* the actor's own, newest first */
/* in: {held_on, topics, went_well?, to_develop?, next_on?} and, from a peer supporter, supervisor_id (a
 * supervisor of their organisation); from a supervisor, peer_id (a peer supporter of theirs). */
int peer_supervision_create(struct ctx *c, json_t *in, json_t **out);
int peer_supervision_get(struct ctx *c, int64_t id, json_t **out); /* the peer and their org's supervisors */
/* A peer supporter's own; a supervisor's organisation's (peer_id > 0: one peer's); newest first. */
int peer_supervision_list(struct ctx *c, int64_t peer_id, const struct page *pg, json_t **out);
#endif
