/* story: success stories (issue 14 §3): written with the client by their care team, submitted under
 * the client's consent for evaluation, reviewed by a supervisor of the organisation for anything that
 * identifies the client, published without identity, withdrawn (and erased) at any state. The
 * published list is read by the task force and analysts (REL_NONE rows): it carries no client id, no
 * name, no author and no link, only the organisation's kind (the organisation's name, beside a
 * programme and a month, can narrow a story down to a handful of clients in a small district). Consent
 * is checked twice: withdrawing it withdraws the stories in the same transaction (consent.c calls
 * story_withdraw_consent), and the published list keeps only clients whose consent is active today
 * (an expired one hides the story without erasing it). */
#include "core/story.h"
#include "base/base.h"
#include "db/db.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const story_states[] = {"draft", "submitted", "published", "returned", "withdrawn", NULL};
const char *const story_words[] = {"client", "with_worker", "worker", NULL};
const char *const story_checks[] = {"no_names", "no_places", "no_dates", "no_rare_details", NULL};
const char *const story_decisions[] = {"publish", "return", NULL};

#define STORY_TITLE_MAX 200
#define STORY_BODY_MAX 20000
#define STORY_NOTE_MAX 2000

/* The state machine: from, action, to. Withdraw is allowed from every state but withdrawn. */
static const struct {
    const char *from, *action, *to;
} transitions[] = {
    {"draft", "edit", "draft"},          {"returned", "edit", "returned"},
    {"draft", "submit", "submitted"},    {"returned", "submit", "submitted"},
    {"submitted", "publish", "published"}, {"submitted", "return", "returned"},
    {"draft", "withdraw", "withdrawn"},  {"submitted", "withdraw", "withdrawn"},
    {"published", "withdraw", "withdrawn"}, {"returned", "withdraw", "withdrawn"},
};

const char *story_next_state(const char *state, const char *action)
{
    for (size_t i = 0; i < sizeof transitions / sizeof transitions[0]; i++)
        if (str_eq(transitions[i].from, state) && str_eq(transitions[i].action, action))
            return transitions[i].to;
    return NULL;
}

static int64_t iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static const char *sget(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

int story_consent_active(struct db *db, int64_t client_id, int64_t *consent_id)
{
    char today[16];
    iso_today(today);
    int64_t id = db_int1(db, 0,
                         "SELECT k.id FROM consents k WHERE k.client_id=? AND k.purpose='evaluation' AND"
                         " k.withdrawn_at IS NULL AND k.starts_on<=? AND (k.ends_on IS NULL OR k.ends_on>=?)"
                         " ORDER BY k.id DESC LIMIT 1",
                         "itt", client_id, today, today);
    if (consent_id)
        *consent_id = id;
    return id != 0;
}

/* ---- shapes ---- */

#define ST_COLS                                                                                              \
    "SELECT s.id, s.client_id, c.given_name, c.family_name, s.org_id, o.name AS org_name, s.title, s.body,"   \
    " s.words, s.domains, s.programme, s.status, s.consent_id, s.created_by, cb.display_name AS"             \
    " created_by_name, s.created_at, s.updated_at, s.submitted_by, s.submitted_at, s.published_month,"        \
    " s.withdrawn_at, s.withdraw_cause, s.withdraw_reason, s.version FROM stories s JOIN clients c ON"        \
    " c.id=s.client_id JOIN orgs o ON o.id=s.org_id JOIN staff cb ON cb.id=s.created_by"

static void shape(struct ctx *c, json_t *r)
{
    json_t *d = json_loads(sget(r, "domains") ? sget(r, "domains") : "[]", 0, NULL);
    json_object_set_new(r, "domains", d ? d : json_array());
    int64_t me = c->a ? c->a->staff_id : 0;
    json_object_set_new(r, "mine", json_boolean(me && (iget(r, "created_by") == me || iget(r, "submitted_by") == me)));
    json_object_del(r, "submitted_by");
}

static json_t *story_load(struct ctx *c, int64_t id)
{
    json_t *r = db_row(c->db, ST_COLS " WHERE s.id=?", "i", id);
    if (r)
        shape(c, r);
    return r;
}

static json_t *reviews_of(struct db *db, int64_t id)
{
    json_t *rows = db_rows(db,
                           "SELECT r.id, r.reviewer_id, st.display_name AS reviewer_name, r.decision, r.no_names,"
                           " r.no_places, r.no_dates, r.no_rare_details, r.note, r.made_at FROM story_reviews r JOIN"
                           " staff st ON st.id=r.reviewer_id WHERE r.story_id=? ORDER BY r.id DESC",
                           "i", id);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) for (int k = 0; story_checks[k]; k++)
        json_object_set_new(r, story_checks[k], json_boolean(iget(r, story_checks[k]) != 0));
    return rows;
}

/* ---- the gate of one story ---- */

struct st {
    int64_t client_id, org_id, created_by, submitted_by, version;
    char status[16];
};

/* The table for the story's client, then the rule on the record: only the story's own organisation
 * works on it. */
static int story_gate(struct ctx *c, enum act act, int64_t id, const char *action, struct st *s)
{
    memset(s, 0, sizeof *s);
    json_t *row = db_row(c->db,
                         "SELECT client_id, org_id, created_by, submitted_by, status, version FROM stories WHERE id=?",
                         "i", id);
    if (!row)
        return ctx_fail(c, ERR_NOTFOUND, "%s", _("No such story."));
    s->client_id = iget(row, "client_id");
    s->org_id = iget(row, "org_id");
    s->created_by = iget(row, "created_by");
    s->submitted_by = iget(row, "submitted_by");
    s->version = iget(row, "version");
    snprintf(s->status, sizeof s->status, "%s", sget(row, "status"));
    json_decref(row);
    int rc = access_check(c, RES_STORY, act, s->client_id, action);
    if (rc != OK)
        return rc;
    if (s->org_id != c->a->org_id)
        return access_deny(c, RES_STORY, act, s->client_id, action, "story", id,
                           _("This story was written at another organisation: only its own staff work on it."));
    return OK;
}

/* ---- reading input ---- */

/* The domains: 1..10 distinct service domains. A new array, or NULL after a field error (or when
 * absent and not required). */
static json_t *domains_of(struct ctx *c, json_t *in, int required)
{
    json_t *v = json_object_get(in, "domains");
    if (!v || json_is_null(v)) {
        if (required)
            ctx_field(c, "domains", _("choose at least one service domain"));
        return NULL;
    }
    if (!json_is_array(v) || !json_array_size(v) || json_array_size(v) > 10) {
        ctx_field(c, "domains", _("choose one to ten service domains"));
        return NULL;
    }
    json_t *out = json_array();
    size_t i, j;
    json_t *k, *x;
    json_array_foreach(v, i, k)
    {
        const char *key = json_string_value(k);
        if (!key || !in_list(service_domains, key)) {
            ctx_field(c, "domains", _("is not a service domain"));
            json_decref(out);
            return NULL;
        }
        int dup = 0;
        json_array_foreach(out, j, x) dup |= str_eq(json_string_value(x), key);
        if (!dup)
            json_array_append(out, k);
    }
    return out;
}

struct story_in {
    const char *title, *body, *words, *programme;
    json_t *domains;
};

static void story_read(struct ctx *c, json_t *in, int create, struct story_in *p)
{
    memset(p, 0, sizeof *p);
    p->title = v_str(c, in, "title", create, STORY_TITLE_MAX, NULL);
    if (p->title && !v_text_chars(p->title))
        ctx_field(c, "title", _("is required"));
    p->body = v_str(c, in, "body", create, STORY_BODY_MAX, NULL);
    if (p->body && !v_text_chars(p->body))
        ctx_field(c, "body", _("is required"));
    p->words = v_str(c, in, "words", create, 16, story_words);
    p->programme = v_str(c, in, "programme", create, 40, programmes);
    p->domains = domains_of(c, in, create);
}

/* ---- reading ---- */

int story_list(struct ctx *c, int64_t client_id, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_STORY, ACT_LIST, client_id, "story.list");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.id", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out, ST_COLS " WHERE s.client_id=?", "i", client_id);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r) shape(c, r);
    audit_log(c, "story.list", "ok", client_id, "story", 0, NULL);
    return OK;
}

int story_get(struct ctx *c, int64_t id, json_t **out)
{
    struct st s;
    int rc = story_gate(c, ACT_READ, id, "story.read", &s);
    if (rc != OK)
        return rc;
    *out = story_load(c, id);
    if (!*out)
        return ctx_fail(c, ERR_DB, "%s", _("The story could not be read."));
    json_object_set_new(*out, "reviews", reviews_of(c->db, id));
    json_object_set_new(*out, "consent_ok", json_boolean(story_consent_active(c->db, s.client_id, NULL)));
    audit_log(c, "story.read", "ok", s.client_id, "story", id, NULL);
    return OK;
}

/* ---- writing ---- */

int story_create(struct ctx *c, int64_t client_id, json_t *in, json_t **out)
{
    int rc = access_check(c, RES_STORY, ACT_CREATE, client_id, "story.create");
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    struct story_in p;
    story_read(c, in, 1, &p);
    if (c->errors) {
        json_decref(p.domains);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    char now[32];
    iso_now(now);
    char *domains = json_dumps(p.domains, JSON_COMPACT);
    int64_t id = db_insert_id(c->db,
                              "INSERT INTO stories(client_id, org_id, title, body, words, domains, programme, status,"
                              " created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,'draft',?,?,?) RETURNING id",
                              "iittttti" "tt", client_id, c->a->org_id, p.title, p.body, p.words, domains, p.programme,
                              c->a->staff_id, now, now);
    free(domains);
    json_decref(p.domains);
    if (!id)
        return ctx_fail(c, ERR_DB, "%s", _("The story could not be saved."));
    audit_log(c, "story.create", "ok", client_id, "story", id, NULL);
    *out = story_load(c, id);
    return OK;
}

/* The state check and the version check that every change shares. */
static int state_ok(struct ctx *c, const struct st *s, const char *action, int64_t version)
{
    if (!story_next_state(s->status, action)) {
        if (str_eq(s->status, "withdrawn"))
            return ctx_fail(c, ERR_CONFLICT, "%s", _("This story was withdrawn: its text is erased and it cannot change."));
        if (str_eq(s->status, "published"))
            return ctx_fail(c, ERR_CONFLICT, "%s", _("This story is published: it can only be withdrawn."));
        if (str_eq(s->status, "submitted"))
            return ctx_fail(c, ERR_CONFLICT, "%s", _("This story is waiting for review: it cannot change until it is returned."));
        return ctx_fail(c, ERR_CONFLICT, "%s", _("This story is not waiting for review."));
    }
    if (version != s->version)
        return ctx_stale(c, s->version);
    return OK;
}

int story_update(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    struct st s;
    int rc = story_gate(c, ACT_UPDATE, id, "story.update", &s);
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    struct story_in p;
    story_read(c, in, 0, &p);
    if (c->errors) {
        json_decref(p.domains);
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    }
    rc = state_ok(c, &s, "edit", version);
    if (rc != OK) {
        json_decref(p.domains);
        return rc;
    }
    char now[32];
    iso_now(now);
    char *domains = p.domains ? json_dumps(p.domains, JSON_COMPACT) : NULL;
    rc = db_run(c->db,
                "UPDATE stories SET title=COALESCE(?, title), body=COALESCE(?, body), words=COALESCE(?, words),"
                " domains=COALESCE(?, domains), programme=COALESCE(?, programme), updated_at=?, version=version+1"
                " WHERE id=? AND version=?",
                "ttttttii", p.title, p.body, p.words, domains, p.programme, now, id, version);
    free(domains);
    json_decref(p.domains);
    if (rc != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The story could not be saved."));
    audit_log(c, "story.update", "ok", s.client_id, "story", id, NULL);
    *out = story_load(c, id);
    return OK;
}

int story_submit(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    struct st s;
    int rc = story_gate(c, ACT_UPDATE, id, "story.submit", &s);
    if (rc != OK)
        return rc;
    if (in && !json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    rc = state_ok(c, &s, "submit", version);
    if (rc != OK)
        return rc;
    int64_t consent = 0;
    if (!story_consent_active(c->db, s.client_id, &consent)) {
        c->extra = json_pack("{s:b}", "consent_required", 1);
        return ctx_fail(c, ERR_CONFLICT, "%s",
                        _("The client has no active consent for evaluation: record their consent to share the story "
                          "for evaluation first."));
    }
    char now[32];
    iso_now(now);
    if (db_run(c->db,
               "UPDATE stories SET status='submitted', consent_id=?, submitted_by=?, submitted_at=?, updated_at=?,"
               " version=version+1 WHERE id=? AND version=?",
               "iittii", consent, c->a->staff_id, now, now, id, version) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The story could not be saved."));
    audit_log(c, "story.submit", "ok", s.client_id, "story", id, NULL);
    *out = story_load(c, id);
    return OK;
}

int story_review(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    struct st s;
    int rc = story_gate(c, ACT_REVIEW, id, "story.review", &s);
    if (rc != OK)
        return rc;
    if (c->a->staff_id == s.created_by || c->a->staff_id == s.submitted_by)
        return access_deny(c, RES_STORY, ACT_REVIEW, s.client_id, "story.review", "story", id,
                           _("You wrote this story: another supervisor reviews it."));
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    const char *decision = v_str(c, in, "decision", 1, 16, story_decisions);
    int checks[4], all = 1;
    for (int k = 0; story_checks[k]; k++) {
        json_t *v = json_object_get(in, story_checks[k]);
        if (v && !json_is_boolean(v))
            ctx_field(c, story_checks[k], _("must be true or false"));
        checks[k] = json_is_true(v);
        all &= checks[k];
    }
    const char *note = v_str(c, in, "note", 0, STORY_NOTE_MAX, NULL);
    int has_note = note && v_text_chars(note) > 0;
    if (decision && str_eq(decision, "publish") && !all && !c->errors)
        for (int k = 0; story_checks[k]; k++)
            if (!checks[k])
                ctx_field(c, story_checks[k], _("must be checked before the story is published"));
    if (decision && str_eq(decision, "return") && !has_note)
        ctx_field(c, "note", _("say what the worker should change"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    rc = state_ok(c, &s, decision, version);
    if (rc != OK)
        return rc;
    int publish = str_eq(decision, "publish");
    if (publish && !story_consent_active(c->db, s.client_id, NULL)) {
        c->extra = json_pack("{s:b}", "consent_required", 1);
        return ctx_fail(c, ERR_CONFLICT, "%s",
                        _("The client's consent for evaluation is no longer active: the story cannot be published."));
    }
    char now[32], month[8];
    iso_now(now);
    snprintf(month, sizeof month, "%.7s", now);
    if (!db_insert_id(c->db,
                      "INSERT INTO story_reviews(story_id, reviewer_id, decision, no_names, no_places, no_dates,"
                      " no_rare_details, note, made_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
                      "iitiiiitt", id, c->a->staff_id, decision, (int64_t)checks[0], (int64_t)checks[1],
                      (int64_t)checks[2], (int64_t)checks[3], has_note ? note : NULL, now))
        return ctx_fail(c, ERR_DB, "%s", _("The review could not be saved."));
    if (publish)
        rc = db_run(c->db,
                    "UPDATE stories SET status='published', published_by=?, published_at=?, published_month=?,"
                    " updated_at=?, version=version+1 WHERE id=? AND version=?",
                    "ittti" "i", c->a->staff_id, now, month, now, id, version);
    else
        rc = db_run(c->db, "UPDATE stories SET status='returned', updated_at=?, version=version+1 WHERE id=? AND version=?",
                    "tii", now, id, version);
    if (rc != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The review could not be saved."));
    audit_log(c, publish ? "story.publish" : "story.return", "ok", s.client_id, "story", id, NULL);
    *out = story_load(c, id);
    return OK;
}

/* Withdraw one story (no access check): erase its words and the review notes, keep when and why. */
static int withdraw_one(struct ctx *c, int64_t id, int64_t client_id, const char *cause, const char *reason,
                        const char *now)
{
    if (db_run(c->db,
               "UPDATE stories SET status='withdrawn', title=NULL, body=NULL, withdrawn_by=?, withdrawn_at=?,"
               " withdraw_cause=?, withdraw_reason=?, updated_at=?, version=version+1 WHERE id=?",
               "itttti", c->a ? c->a->staff_id : (int64_t)0, now, cause, reason, now, id) != DB_OK ||
        db_run(c->db, "UPDATE story_reviews SET note=NULL WHERE story_id=?", "i", id) != DB_OK)
        return ctx_fail(c, ERR_DB, "%s", _("The withdrawal could not be saved."));
    audit_log(c, "story.withdraw", "ok", client_id, "story", id, cause);
    return OK;
}

int story_withdraw(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out)
{
    struct st s;
    int rc = story_gate(c, ACT_UPDATE, id, "story.withdraw", &s);
    if (rc != OK)
        return rc;
    if (!json_is_object(in))
        return ctx_fail(c, ERR_INVALID, "%s", _("The body must be a JSON object."));
    const char *reason = v_str(c, in, "reason", 1, 1000, NULL);
    if (reason && !v_text_chars(reason))
        ctx_field(c, "reason", _("is required"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    rc = state_ok(c, &s, "withdraw", version);
    if (rc != OK)
        return rc;
    char now[32];
    iso_now(now);
    rc = withdraw_one(c, id, s.client_id, "asked", reason, now);
    if (rc != OK)
        return rc;
    *out = story_load(c, id);
    return OK;
}

int story_withdraw_consent(struct ctx *c, int64_t client_id, int64_t consent_id, int *n)
{
    *n = 0;
    json_t *ids = db_rows(c->db, "SELECT id FROM stories WHERE client_id=? AND status<>'withdrawn' ORDER BY id", "i",
                          client_id);
    char now[32], why[64];
    iso_now(now);
    snprintf(why, sizeof why, "consent %lld", (long long)consent_id);
    size_t i;
    json_t *r;
    int rc = OK;
    json_array_foreach(ids, i, r)
    {
        rc = withdraw_one(c, iget(r, "id"), client_id, "consent", why, now);
        if (rc != OK)
            break;
        (*n)++;
    }
    json_decref(ids);
    return rc;
}

/* ---- the published list and the review queue ---- */

int story_published(struct ctx *c, const char *domain, const char *programme, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_STORY, ACT_LIST, 0, "story.published");
    if (rc != OK)
        return rc;
    if (domain && *domain && !in_list(service_domains, domain))
        ctx_field(c, "domain", _("is not a service domain"));
    if (programme && *programme && !in_list(programmes, programme))
        ctx_field(c, "programme", _("is not a programme"));
    if (c->errors)
        return ctx_fail(c, ERR_INVALID, "%s", _("Some fields need attention."));
    char today[16], like[64];
    iso_today(today);
    if (domain && *domain)
        snprintf(like, sizeof like, "%%\"%s\"%%", domain);
    else
        snprintf(like, sizeof like, "%%");
    static const struct page_key order[] = {{"p.published_at", 1}, {"p.id", 1}, {NULL, 0}};
    rc = page_query(c, pg, order, out,
                    "SELECT s.id, s.title, s.body, s.words, s.domains, s.programme, o.kind AS org_kind,"
                    " s.published_month, s.published_at FROM stories s JOIN orgs o ON o.id=s.org_id WHERE"
                    " s.status='published' AND s.domains LIKE ? AND (?='' OR s.programme=?) AND EXISTS (SELECT 1 FROM"
                    " consents k WHERE k.client_id=s.client_id AND k.purpose='evaluation' AND k.withdrawn_at IS NULL"
                    " AND k.starts_on<=? AND (k.ends_on IS NULL OR k.ends_on>=?))",
                    "ttttt", like, programme ? programme : "", programme ? programme : "", today, today);
    if (rc != OK)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r)
    {
        json_t *d = json_loads(sget(r, "domains") ? sget(r, "domains") : "[]", 0, NULL);
        json_object_set_new(r, "domains", d ? d : json_array());
        json_object_del(r, "published_at");
    }
    audit_log(c, "story.published", "ok", 0, "story", 0, NULL);
    return OK;
}

int story_review_queue(struct ctx *c, const struct page *pg, json_t **out)
{
    int rc = access_check(c, RES_STORY, ACT_REVIEW, 0, "story.queue");
    if (rc != OK)
        return rc;
    static const struct page_key order[] = {{"p.submitted_at", 0}, {"p.id", 0}, {NULL, 0}};
    rc = page_query(c, pg, order, out, ST_COLS " WHERE s.status='submitted' AND s.org_id=?", "i", c->a->org_id);
    if (rc != OK)
        return rc;
    json_t *shown = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(*out, "items"), i, r)
    {
        shape(c, r);
        json_array_append_new(shown, json_pack("{s:I}", "id", (json_int_t)iget(r, "client_id")));
    }
    audit_log_shown(c, "story.queue", "story", shown);
    json_decref(shown);
    return OK;
}

/* ---- the descriptor ---- */

static const struct res_field story_review_fields[] = {
    {"id", FT_INT, 0, N_("Review")},
    {"reviewer_id", FT_INT, 0, N_("Reviewer")},
    {"reviewer_name", FT_STRING, 0, N_("Reviewer")},
    {"decision", FT_STRING, 0, N_("Decision")}, /* publish, return */
    {"no_names", FT_BOOL, 0, N_("No names")},
    {"no_places", FT_BOOL, 0, N_("No places")},
    {"no_dates", FT_BOOL, 0, N_("No dates")},
    {"no_rare_details", FT_BOOL, 0, N_("No rare details")},
    {"note", FT_STRING, 1, N_("Reviewer's note")}, /* erased when the story is withdrawn */
    {"made_at", FT_DATETIME, 0, N_("Reviewed")},
    {NULL, 0, 0, NULL},
};
static const struct res_field story_fields[] = {
    {"id", FT_INT, 0, N_("Story")},
    {"client_id", FT_INT, 0, N_("Client")},
    {"given_name", FT_STRING, 0, N_("Given name")},
    {"family_name", FT_STRING, 0, N_("Family name")},
    {"org_id", FT_INT, 0, N_("Organisation")},
    {"org_name", FT_STRING, 0, N_("Organisation")},
    {"title", FT_STRING, 1, N_("Title")}, /* null once withdrawn */
    {"body", FT_STRING, 1, N_("The story")},
    {"words", FT_STRING, 0, N_("Whose words")}, /* client, with_worker, worker */
    {"domains", FT_ARRAY, 0, N_("Service domains"), NULL},
    {"programme", FT_STRING, 0, N_("Programme")},
    {"status", FT_STRING, 0, N_("Status")}, /* draft, submitted, published, returned, withdrawn */
    {"consent_id", FT_INT, 1, N_("Consent for evaluation")},
    {"created_by", FT_INT, 0, N_("Written by")},
    {"created_by_name", FT_STRING, 0, N_("Written by")},
    {"created_at", FT_DATETIME, 0, N_("Written")},
    {"updated_at", FT_DATETIME, 0, N_("Changed")},
    {"submitted_at", FT_DATETIME, 1, N_("Submitted")},
    {"published_month", FT_STRING, 1, N_("Published")}, /* YYYY-MM */
    {"withdrawn_at", FT_DATETIME, 1, N_("Withdrawn")},
    {"withdraw_cause", FT_STRING, 1, N_("Why withdrawn")}, /* consent, asked */
    {"withdraw_reason", FT_STRING, 1, N_("Why withdrawn")},
    {"mine", FT_BOOL, 0, N_("Written by you")},
    {"version", FT_INT, 0, N_("Version")},
    {"reviews", FT_ARRAY, 0, N_("Reviews"), story_review_fields}, /* one story only */
    {"consent_ok", FT_BOOL, 0, N_("Consent for evaluation active")}, /* one story only */
    {NULL, 0, 0, NULL},
};
/* What the published list answers: no client, no name, no author, no link. */
static const struct res_field story_summary[] = {
    {"id", FT_INT, 0, N_("Story")},
    {"title", FT_STRING, 0, N_("Title")},
    {"body", FT_STRING, 0, N_("The story")},
    {"words", FT_STRING, 0, N_("Whose words")},
    {"domains", FT_ARRAY, 0, N_("Service domains"), NULL},
    {"programme", FT_STRING, 0, N_("Programme")},
    {"org_kind", FT_STRING, 0, N_("Kind of organisation")},
    {"published_month", FT_STRING, 0, N_("Published")},
    {NULL, 0, 0, NULL},
};
static const struct res_audit story_actions[] = {
    {"story.list", ACT_LIST},        {"story.read", ACT_READ},     {"story.create", ACT_CREATE},
    {"story.update", ACT_UPDATE},    {"story.submit", ACT_UPDATE}, {"story.withdraw", ACT_UPDATE},
    {"story.review", ACT_REVIEW},    {"story.publish", ACT_REVIEW}, {"story.return", ACT_REVIEW},
    {"story.queue", ACT_REVIEW},     {"story.published", ACT_LIST}, {NULL, 0},
};
static const char *const story_tables[] = {"stories", "story_reviews", NULL};
#include "core/access_rows.h"
/* Written and changed by the clinical members of the care team; read by them and the organisation's
 * supervisors, who review (the rule on the record: not a story they wrote). The published list is
 * anyone's, the task force and analysts included: it names no client (REL_NONE); the review queue
 * is a supervisor's. Peer supporters, care-desk officers and housing coordinators neither write nor
 * read drafts; another organisation never (no data class). */
static const struct access_rule story_access[] = {
    {RES_STORY, ACT_LIST, TEAM, CLINICAL, A},
    {RES_STORY, ACT_LIST, ORG, SUP, A},
    {RES_STORY, ACT_LIST, NONE, ANY, A},
    {RES_STORY, ACT_READ, TEAM, CLINICAL, A},
    {RES_STORY, ACT_READ, ORG, SUP, A},
    {RES_STORY, ACT_CREATE, TEAM, CLINICAL, A},
    {RES_STORY, ACT_UPDATE, TEAM, CLINICAL, A},
    {RES_STORY, ACT_REVIEW, R(REL_SUPERVISOR) | ORG, SUP, A},
    {RES_STORY, ACT_REVIEW, NONE, SUP, A},
    {0},
};
const struct resource res_story = {.access = story_access,
                                   .id = RES_STORY,
                                   .name = "story",
                                   .label = N_("Story"),
                                   .plural = N_("Success stories"),
                                   .summary = story_summary,
                                   RESOURCE_OF(story)};
RESOURCE_REGISTER(res_story);
