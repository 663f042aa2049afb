/* pages: private to ui/: the form engine (form.c: forms described as data), the page handlers named
 * by the route table (routes.c) and the small helpers the page families share (pages_common.c). */
#ifndef HEARTH_UI_PAGES_H
#define HEARTH_UI_PAGES_H
#include "ui/ui.h"

/* ---- form.c: forms described as data, and the one engine that draws, reads and runs them ---- */
enum finput {
    FI_TEXT,
    FI_TEXTAREA,
    FI_DATE,
    FI_DATETIME /* local time on the page, UTC to core */,
    FI_NUMBER,
    FI_TEL,
    FI_EMAIL,
    FI_PASSWORD,
    FI_SEARCH,
    FI_SELECT,   /* choices: the field's vocabulary (labels from ui_label), or the view's opts rows */
    FI_STAFF,    /* the staff this actor may give work to (or the view's opts rows) */
    FI_CHECKS,   /* a set of boxes (vocabulary or opts rows); to core as an array */
    FI_CHECK,    /* one box, value "1"; to core as a boolean */
    FI_HIDDEN,   /* value from the view's hidden or vals; to core only with FF_IN */
    FI_CUSTOM,   /* drawn and read by the field's own draw and parse */
    FI_ROW,      /* layout: opens <div class="rowN">, N = rows */
    FI_FIELDSET, /* layout: opens a fieldset, the label its legend */
    FI_END,      /* layout: closes the last row (label NULL) or fieldset (label set) */
};
enum {
    FF_REQ = 1,    /* required: marked, and the browser asks */
    FF_OMIT = 2,   /* left out of core's input when empty */
    FF_SECRET = 8, /* never drawn back (passwords); never kept in a draft */
    FF_IN = 16,    /* a hidden field sent to core */
    FF_BOOL = 32,  /* sent as a boolean ("1": true) when present */
    FF_NODRAW = 64 /* read only (drawn by the page elsewhere) */
};
struct form_view;
struct fstate;
struct form_field {
    const char *name;
    enum finput type;
    const char *label; /* N_() text */
    unsigned flags;
    const char *const *choices; /* FI_SELECT, FI_CHECKS */
    const char *attrs;          /* raw extra attributes (literals only): " maxlength=\"100\"" */
    const char *hint;           /* N_() text under the label */
    int rows;                   /* a textarea's rows; FI_ROW: its columns */
    const char *none;           /* FI_SELECT: the N_() label of the empty choice (default "—") */
    void (*draw)(struct form_view *v, const struct form_field *fd);         /* FI_CUSTOM */
    void (*parse)(struct hreq *h, const struct form_field *fd, json_t *in); /* FI_CUSTOM */
};
enum {
    FORM_MANY = 1,        /* one per record on a page: ids "<id>-<target>", fields "<pfx><target>-<name>" */
    FORM_CLIENT_PATH = 2, /* the path's id is the client; other failures as on a client page */
    FORM_CLIENT = 4, /* the client is the result's or the form's client_id; failures as on a client page */
    FORM_NEXT = 8,   /* a safe "next" field says where to go after success */
    FORM_CONFIRM_DISCHARGE = 16, /* confirm is asked only when the status chosen is "discharged" */
};
struct form {
    const char *id;     /* the form element's id; the name of a failure */
    const char *pfx;    /* its fields' id prefix when it is not the failed form (that one's, and NULL: "f") */
    const char *method; /* NULL: POST (with the CSRF token and _page); "get" */
    const char *action; /* "/clients/{id}/contacts/new": {id} is the view's target */
    const char *submit, *button; /* the button's N_() label and class */
    const char *flash;           /* the notice after success (page_flash's keys) */
    const char *done;   /* where to go after success: {id} the path's id, {client}, {r.KEY} of the result */
    const char *reload; /* after a conflict (default: done) */
    const char *box;    /* NULL; "details" (a collapsed box, summary its label); else the form's class */
    const char *summary, *box_id, *cls, *note, *confirm, *attrs;
    const char *cancel;              /* a Cancel link, a pattern like done */
    const struct form_field *fields; /* up to one with name NULL */
    /* The core call on the writer: the first that is set. */
    int (*run)(struct hreq *h, json_t *in);
    int (*update)(struct ctx *c, int64_t id, int64_t version, json_t *in, json_t **out);
    int (*create)(struct ctx *c, int64_t id, json_t *in, json_t **out);
    int (*make)(struct ctx *c, json_t *in, json_t **out);
    void (*adjust)(json_t *in); /* after reading, before core */
    /* Draw the page again with the failure (400, 409); NULL: core's error as it is. */
    void (*page)(struct hreq *h, int status, const struct fstate *fs);
    unsigned flags;
};
/* A failed form: which, on which record, with what the user typed and why. */
struct fstate {
    const struct form *form;
    int64_t target, client;
    json_t *vals, *errs, *extra;
    const char *msg;    /* a summary message */
    const char *reload; /* a conflict: where the current version is */
    int status;
};
/* One drawing of a form: set target, vals (defaults), hidden, opts, fs, open; the rest is the engine's. */
struct form_view {
    int64_t target; /* {id} in the action */
    json_t *vals;   /* the defaults (what the user typed when this is the failed form or a draft) */
    json_t *hidden; /* hidden values by name */
    json_t *opts;   /* choices by field name: [[value, label], ...]; a third member: the label's language */
    json_t *errs;   /* errors (GET forms; a failed form's come from fs) */
    const struct fstate *fs;
    int open;       /* a details box drawn open */
    const char *sr; /* words for screen readers after the button's label */
    void *user;     /* for custom fields */
    struct hreq *h;
    struct buf *b;
    const struct form *f;
    const char *pfx;
    int typed; /* vals are what the user typed (the failed form, a draft) */
    char pbuf[40];
};
/* A field, and the layout markers: F("name", FI_TEXT, N_("Label"), FF_REQ, .attrs = "..."). */
#define F(n, t, l, fl, ...)                                                                                  \
    {                                                                                                        \
        .name = (n), .type = (t), .label = (l), .flags = (fl), __VA_ARGS__                                   \
    }
#define ROW(n)                                                                                               \
    {                                                                                                        \
        .name = "", .type = FI_ROW, .rows = (n)                                                              \
    }
#define ROW_END                                                                                              \
    {                                                                                                        \
        .name = "", .type = FI_END                                                                           \
    }
#define FIELDSET(l)                                                                                          \
    {                                                                                                        \
        .name = "", .type = FI_FIELDSET, .label = (l)                                                        \
    }
#define FIELDSET_END                                                                                         \
    {                                                                                                        \
        .name = "", .type = FI_END, .label = ""                                                              \
    }
void form_show(struct hreq *h, struct buf *b, const struct form *f, struct form_view *v);
void form_field_draw(struct form_view *v, const struct form_field *fd);
/* A client's page that is one form: the client's heading, the notice, the failure, an intro (may be
 * NULL), the form; sent with status. */
void form_client_page(struct hreq *h, int status, json_t *client, const char *title, const char *intro,
                      const struct form *f, struct form_view *v);
/* Rows from core as choices: [[row[vkey], _(row[lkey])], ...]. */
json_t *form_rows(json_t *rows, const char *vkey, const char *lkey);
/* The staff this actor may give work to, as choices ("Name — Role"). */
json_t *form_staff_choices(struct hreq *h);
/* 1 when fs is this form's failure (on this target for FORM_MANY). */
int form_mine(const struct fstate *fs, const struct form *f, int64_t target);
/* The failure above the page: the errors, each linked to its field; a conflict with a reload link. */
void form_failure(struct buf *b, const struct fstate *fs);
/* A POST: read it, run the core call on the writer, then form_finish. */
void form_post(struct hreq *h, const struct form *f);
json_t *form_input(struct hreq *h, const struct form *f);
/* After the core call (h->rc, h->page_form set): redirect with the notice, or the page again. */
void form_finish(struct hreq *h);
/* The page a form is on (a POST's _page, else the request's path). */
void page_path(struct hreq *h, char *out, size_t len);
/* Forget a failed call's errors before the next core call (its audit stays pending). */
void page_errors_reset(struct ctx *c);

/* ---- pages_session.c ---- */
void pg_login_form(struct hreq *h);
void pg_login(struct hreq *h);
void pg_logout(struct hreq *h);
void pg_account(struct hreq *h);
void pg_account_save(struct hreq *h);
void pg_account_language(struct hreq *h);
void pg_token_create(struct hreq *h);
void pg_token_revoke(struct hreq *h);
/* API tokens as a table (token_list's envelope), each active one with f, its revoke form. */
void page_tokens_table(struct hreq *h, struct buf *b, json_t *env, const struct form *f, const struct fstate *fs);

/* ---- pages_work.c ---- */
/* The "done" button of a task; next: where to go after. */
void task_done_form(struct hreq *h, struct buf *b, json_t *task, const char *next);
void pg_work(struct hreq *h);
void pg_task_done(struct hreq *h);
void pg_task_reassign(struct hreq *h);
void pg_task_reassign_page(struct hreq *h);
/* ---- pages_peer.c: peer activities and supervision (issue 11 §4) ---- */
/* The peer supporter's latest activities on their work page (nothing for other roles). */
void peer_work_section(struct hreq *h, struct buf *b);

/* ---- pages_client.c ---- */
void pg_clients(struct hreq *h);
void pg_client_new(struct hreq *h);
void pg_client_create(struct hreq *h);
void pg_client(struct hreq *h);
void pg_client_edit(struct hreq *h);
void pg_client_update(struct hreq *h);
void pg_access_log(struct hreq *h);
void pg_contacts(struct hreq *h); /* a page of a client's older contacts */
void pg_break_glass(struct hreq *h);
/* The client page (full or limited) with one form showing its errors; status 200/400/409. */
void client_page(struct hreq *h, int64_t client_id, int status, const struct fstate *fs);

/* ---- pages_care.c: episodes, teams, the client's tasks ---- */
void pg_episode_create(struct hreq *h);
void pg_episode_update(struct hreq *h);
void pg_team_add(struct hreq *h);
void pg_team_end(struct hreq *h);
void pg_client_task(struct hreq *h);
/* The "open an episode" form (also on the limited page right after registering). */
void care_episode_form(struct hreq *h, struct buf *b, int64_t client_id, const struct fstate *fs, int open);

/* ---- pages_contact.c ---- */
void pg_contact_new(struct hreq *h);
void pg_contact_create(struct hreq *h);
void pg_contact(struct hreq *h);
void pg_contact_correct_form(struct hreq *h);
void pg_contact_correct(struct hreq *h);

/* ---- pages_risk.c: flags, crisis, safety plans, hospital stays, on-call (routes: ui_risk_routes) ---- */

/* ---- pages_assess.c: administering instruments, trajectories ---- */
void pg_assess_new(struct hreq *h);
void pg_assess_create(struct hreq *h);
void pg_assessment(struct hreq *h);
/* The result just scored (?msg=assessed&assessment=N), at the top of the client page. */
void assess_result(struct hreq *h, struct buf *b, json_t *client);

/* ---- pages_consent.c: consent by purpose (section "main-6-consent", forms, print views) ---- */
/* A consent's purpose in words ("Care coordination"), in the reader's language. */
const char *consent_purpose_label(const char *purpose, char *out, size_t len);

/* ---- pages_admin.c ---- */
void pg_bg_list(struct hreq *h);
void pg_bg_review(struct hreq *h);
void pg_eo_review(struct hreq *h);
void pg_orgs(struct hreq *h);
void pg_org_create(struct hreq *h);
void pg_org_update(struct hreq *h);
void pg_org_district(struct hreq *h);
void pg_staff(struct hreq *h);
void pg_staff_create(struct hreq *h);
void pg_staff_update(struct hreq *h);
void pg_staff_reset(struct hreq *h);
void pg_staff_tokens(struct hreq *h);
void pg_staff_token_revoke(struct hreq *h);

/* ---- pages_caseload.c: the team page, a worker's drill-down, check-ins ---- */
/* The reason asked when the worker a form assigns would be over capacity (core/caseload.c): a field
 * drawn only once core asked for it (or the user typed one), in every form that sets a primary case
 * manager or adds a care-team member. */
void capacity_reason_draw(struct form_view *v, const struct form_field *fd);
void capacity_reason_parse(struct hreq *h, const struct form_field *fd, json_t *in);
#define F_CAPACITY_REASON                                                                                    \
    F("capacity_reason", FI_CUSTOM, N_("Why assign this worker although over capacity"), 0,                  \
      .draw = capacity_reason_draw, .parse = capacity_reason_parse)
/* "My work": my weighted load and this month's check-in (a prompt when not done). */
void caseload_work_card(struct hreq *h, struct buf *b);
/* The staff list: "Over capacity" after a worker's name when they are. */
void caseload_staff_badge(struct hreq *h, struct buf *b, int64_t staff_id);

/* ---- pages_common.c ---- */
/* Close the frame and send the page. */
void page_send(struct hreq *h, int status, struct buf *b);
/* A one-line notice for ?msg=<key> after a redirect (fixed texts only, never the query). */
void page_flash(struct hreq *h, struct buf *b);
/* Redirect to path + "?msg=" + key (path is built by us, key a literal). */
void page_redirect_msg(struct hreq *h, const char *path, const char *key);
/* A same-site path from a form or query ("/clients/3"), else def. */
const char *page_safe_next(const char *next, const char *def);
/* Times: UTC ISO-8601 from core shown in local time. */
void page_when(struct buf *b, const char *iso);    /* "2026-11-22 16:18" (dates as they are) */
void page_until(struct buf *b, const char *iso);   /* "16:18", or "16:18 on 2026-11-23" */
void page_shift_until(struct buf *b, const char *iso); /* "until 16:18" (Korean: "16:18까지") */
void page_shift_next(struct buf *b, const char *name, const char *iso); /* "Next on call: 김민지, from 09:00" */
const char *page_language_name(const char *code); /* "ko" -> "Korean" in the reader's language, else as written */
void page_local_now(char out[20]);                 /* datetime-local value for now */
void page_local_of(const char *iso, char out[20]); /* datetime-local value of a UTC time */
/* A datetime-local value to UTC ISO-8601; copies s unchanged when it is not one. */
void page_local_to_utc(const char *s, char out[40]);
/* "Family, Given (Preferred)" */
void page_name(struct buf *b, json_t *rec);
/* A date in prose (i18n_date_long: "6 December 2026", "2026년 12월 6일"), escaped: headings, letters,
 * printouts. page_since: "since 6 December 2026" / "2026년 12월 6일부터". Tables and forms keep 2026-12-06. */
void page_date_long(struct buf *b, const char *iso);
const char *page_date_long_text(const char *iso, char *out, size_t len); /* out, not escaped */
void page_since(struct buf *b, const char *iso);
/* The name alone as text (person_name with the record's name_order; no preferred name), escaped by the caller. */
const char *page_name_text(json_t *rec, char *out, size_t len); /* out */
int64_t page_int(json_t *o, const char *k);
/* The break-glass banner when the record is open by emergency access; the client heading. */
void page_bg_banner(struct buf *b, json_t *client);
/* The active risk flags of a client (full access only), on every page of that client. */
void page_risk_banner(struct hreq *h, struct buf *b, json_t *client);
/* The banner for flags already read (as flag_active gives them); with their reasons when asked. */
void page_risk_flags(struct buf *b, int64_t client_id, json_t *flags, int reasons);
/* A flag's kind as shown ("Suicide risk"). */
const char *page_flag_kind(json_t *flag, char *out, size_t len);
/* A programme's label (core's, else its rule file's name), and the rule sets as a select's rows. */
const char *page_programme_name(const char *key, char *out, size_t len);
json_t *page_programme_rows(void);
void page_client_head(struct hreq *h, struct buf *b, json_t *client, const char *here);
/* The forms other page families draw. */
extern const struct form form_bg, form_episode;
/* The break-glass form for a client; next is where to go once access is granted. */
void page_bg_form(struct hreq *h, struct buf *b, int64_t client_id, const char *next,
                  const struct fstate *fs);
int page_may_break_glass(struct hreq *h);
/* A client page the actor may only find: the limited identity and the break-glass form. */
void page_client_limited(struct hreq *h, int status, json_t *client, const char *next,
                         const struct fstate *fs);
/* A core failure on a client page: a helpful 403 page, else the error page. */
void page_client_error(struct hreq *h, int rc);
/* A client sub-page's record when the access is full; otherwise the answer is sent (NULL):
 * the limited page with break-glass (403) or the error. */
json_t *page_client_sub(struct hreq *h, int64_t id, const char *here);
/* A failed registration's look-alikes (fs->extra.candidates: findable ones named and linked, others
 * only by organisation and why), with the box confirming a new person and a button submitting
 * form_id; without candidates, the form's failure as usual. */
void page_duplicates(struct buf *b, const struct fstate *fs, const char *form_id, const char *button);
/* 409: "someone else changed this", core's detail, and a link to reload the current version. */
void page_conflict(struct hreq *h, const char *reload);
/* Keep the core input for the writer in the request body (freed with it). */
void page_stash(struct hreq *h, json_t *in);
json_t *page_stashed(struct hreq *h);
/* The staff this actor may assign work to (their organisation, active), as from staff_list. */
json_t *page_staff(struct hreq *h);
/* The items of a list envelope {items, next} (a new reference); frees the envelope. */
json_t *page_items(json_t *env);
/* The link to the next page of a list when there is one: href is base + "after=" + the cursor
 * (base ends in '?' or '&'). */
void page_more(struct buf *b, json_t *env, const char *base, const char *label, const char *id);
/* Shared by pages_risk.c and pages_crisis.c (defined in pages_risk.c). */
void rk_tel(struct buf *b, const char *phone);
void rk_event_line(struct buf *b, json_t *e);
void rk_plan_body(struct buf *b, json_t *plan, int h_level);
void rk_plan_meta(struct buf *b, json_t *plan);
/* The sections of a full client page: each page file registers its own where it defines it, with
 * CLIENT_SECTION(fn, "key"); pages_client.c draws them in the order of their keys (strcmp): keys
 * "side-..." in the side column, "main-..." in the main column, so adding one edits no list. fn draws
 * nothing when the actor may not see it; fs: the failed form being shown again, or NULL. */
typedef void (*client_section_fn)(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs);
struct client_section {
    const char *key;
    client_section_fn fn;
};
#define CLIENT_SECTION(fn_, k)                                                                               \
    static const struct client_section fn_##_section = {k, fn_};                                             \
    static const struct client_section *const fn_##_section_entry                                            \
        __attribute__((section("hearth_client_sections"), used)) = &fn_##_section
/* The registered sections, sorted by key; *n of them. */
const struct client_section *const *client_sections(int *n);
#endif
