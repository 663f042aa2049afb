/* resource: every kind of record Hearth keeps, described once (core's half: names, actions, the
 * access table's keys, fields, tables). api/ and ui/ describe their halves (routes, schemas,
 * pages, forms, flash messages) by pointing at these, never by repeating them. */
/* The resource keys (enum res) are core's interface and live in core.h, beside each resource's
 * functions: adding a resource edits one header. Included before the guard, so either header
 * may come first. */
#include "core/core.h"
#ifndef HEARTH_RESOURCE_H
#define HEARTH_RESOURCE_H
#include <stdint.h>

/* What is done to it (the table's second key). */
enum act { ACT_READ, ACT_LIST, ACT_CREATE, ACT_UPDATE, ACT_REVIEW, ACT_ADMINISTER, ACT__COUNT };

/* How the actor stands to the client (the third key), strongest first. A decision takes the
 * best verdict over every relationship that holds. */
enum rel {
    REL_PRIMARY_CM,  /* primary case manager of an open episode */
    REL_CARE_TEAM,   /* on the care team of an open episode */
    REL_PEER,        /* a peer supporter assigned (on the team as a peer) */
    REL_SUPERVISOR,  /* supervisor of the organisation holding an open episode */
    REL_ON_CALL,     /* on call now for the client's organisation (open episode there) */
    REL_SHARED,      /* another organisation through consent or an accepted referral (referrals issue) */
    REL_BREAK_GLASS, /* unexpired emergency access */
    REL_SAME_ORG,    /* the client's organisation, no relationship */
    REL_NONE,        /* also: actions that concern no client (organisations, staff, the rota) */
    REL_HOUSED,      /* a housing coordinator of the organisation holding the client's open housing
                      * application or current tenancy, or to which the client was referred and accepted */
    REL__COUNT
};

/* The answer (the table's cell). */
enum verdict { V_DENY = 0, V_ALLOW = 1, V_PURPOSE = 2 /* allowed, audited with the relationship's purpose */ };

/* A field of a record as the API returns it (explicit response shapes; the OpenAPI schema). */
enum ftype { FT_INT, FT_STRING, FT_BOOL, FT_DATE, FT_DATETIME, FT_NUMBER, FT_OBJECT, FT_ARRAY };
struct res_field {
    const char *name;
    enum ftype type;
    int nullable;
    const char *label; /* N_() text for pages and the API document */
    const struct res_field *of; /* FT_ARRAY: the shape of an element; FT_OBJECT: its members; or NULL */
};

/* An audit action: the one registry of names written to the audit log. */
struct res_audit {
    const char *name; /* "contact.create" */
    enum act act;
};

/* A row of the access table: the resource's own, in its descriptor (.access, {0}-terminated, written
 * in core/access_rows.h's words). */
struct access_rule {
    enum res res;
    enum act act;
    unsigned rels;  /* bit (1u << REL_*) per relationship the row covers */
    unsigned roles; /* ROLE_BIT per role */
    enum verdict v;
};

struct resource {
    enum res id;
    const char *name;                 /* "contact": in URLs, audit entities and the API document */
    const char *label, *plural;       /* N_("Contact"), N_("Contacts") */
    const struct res_audit *actions;  /* {NULL}-terminated */
    const struct res_field *fields;   /* {NULL}-terminated: the record's response shape */
    const char *const *tables;        /* NULL-terminated: the tables it owns */
    const struct res_field *summary;  /* {NULL}-terminated, or NULL: the shorter shape some answers
                                       * give (search results, the staff directory, what opening
                                       * emergency access answers) */
    const struct access_rule *access; /* {0}-terminated: its rows in the access table */
    const char *access_name;          /* its name in the access table when not .name (or NULL) */
    unsigned data_class;              /* DC_BIT of the class of client data it holds, as consent grants
                                       * it (core.h); 0: never shared with another organisation */
};

/* The members a descriptor names after its prefix: x_actions, x_fields and x_tables, defined above it
 * (const struct resource res_task = {.id = RES_TASK, .name = "task", ..., RESOURCE_OF(task)};). */
#define RESOURCE_OF(x) .actions = x##_actions, .fields = x##_fields, .tables = x##_tables

/* The descriptors, one per module, each at the end of its core/ file, registered there with
 * RESOURCE_REGISTER(res_x) (a pointer in the section hearth_resources): no list names them. */
#define RESOURCE_REGISTER(d)                                                                                 \
    static const struct resource *const d##_entry __attribute__((section("hearth_resources"), used)) = &d

/* The descriptors, indexed by enum res (resource.c indexes the registered ones at first use; a slot
 * nobody registered is NULL, which test_resource refuses). resources[RES_CONTACT] reads as before. */
const struct resource *const *resource_table(void);
#define resources (resource_table())
const struct resource *resource_by_name(const char *name);
/* 1 when name is a registered audit action (of any resource, or a non-client one such as login). */
int resource_action_known(const char *name);
/* Audit actions that concern no resource's records: sign-in, tokens, the server itself. */
extern const struct res_audit audit_actions_other[]; /* {NULL}-terminated */
/* The resource an action belongs to (NULL for audit_actions_other and unknown names). */
const struct resource *resource_of_action(const char *name);
#endif
