/* pages: private to ui/: the page handlers named by the route table (routes.c) and the small
 * helpers the page families share (pages_common.c). */
#ifndef HEARTH_UI_PAGES_H
#define HEARTH_UI_PAGES_H
#include "ui/ui.h"

/* Which form on a multi-form page failed, with what the user typed and why (NULL: none). */
struct fstate {
    const char *form; /* "episode", "status", "team", "task", "bg" */
    int64_t target;   /* the episode a status or team form belongs to */
    json_t *vals, *errs;
    const char *msg; /* a summary message (conflicts) */
};

/* ---- pages_session.c ---- */
void pg_login_form(struct hreq *h);
void pg_login(struct hreq *h);
void pg_logout(struct hreq *h);
void pg_account(struct hreq *h);
void pg_account_save(struct hreq *h);
void pg_account_language(struct hreq *h);

/* ---- pages_work.c ---- */
void pg_work(struct hreq *h);
void pg_task_done(struct hreq *h);
void pg_task_reassign(struct hreq *h);

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
/* The care sections of a full client page: episodes with teams and contacts; the open tasks. */
void care_sections(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs);
void care_tasks(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs);
/* The "open an episode" form (also on the limited page right after registering). */
void care_episode_form(struct hreq *h, struct buf *b, int64_t client_id, const struct fstate *fs, int open);

/* ---- pages_contact.c ---- */
void pg_contact_new(struct hreq *h);
void pg_contact_create(struct hreq *h);
void pg_contact(struct hreq *h);
void pg_contact_correct_form(struct hreq *h);
void pg_contact_correct(struct hreq *h);

/* ---- pages_risk.c: flags, crisis, safety plans, hospital stays, on-call (routes: ui_risk_routes) ---- */
/* The risk parts of a full client page: the flags (main column); the safety plan, crisis events
 * and hospital stays (side column). Forms: "flag", "flag-review" (target: flag), "admit",
 * "discharge" (target: stay). */
void risk_client_main(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs);
void risk_client_side(struct hreq *h, struct buf *b, json_t *client, const struct fstate *fs);

/* ---- pages_assess.c: administering instruments, trajectories ---- */
void pg_assess_new(struct hreq *h);
void pg_assess_create(struct hreq *h);
void pg_assessment(struct hreq *h);
/* The assessments of a client (latest, trajectory charts), when the actor may read them. */
void assess_client_section(struct hreq *h, struct buf *b, json_t *client);
/* The result just scored (?msg=assessed&assessment=N), at the top of the client page. */
void assess_result(struct hreq *h, struct buf *b, json_t *client);

/* ---- pages_admin.c ---- */
void pg_bg_list(struct hreq *h);
void pg_bg_review(struct hreq *h);
void pg_orgs(struct hreq *h);
void pg_org_create(struct hreq *h);
void pg_staff(struct hreq *h);
void pg_staff_create(struct hreq *h);
void pg_staff_update(struct hreq *h);

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
void page_local_now(char out[20]);                 /* datetime-local value for now */
void page_local_of(const char *iso, char out[20]); /* datetime-local value of a UTC time */
/* A datetime-local value to UTC ISO-8601; copies s unchanged when it is not one. */
void page_local_to_utc(const char *s, char out[40]);
/* "Family, Given (Preferred)" */
void page_name(struct buf *b, json_t *rec);
int64_t page_int(json_t *o, const char *k);
/* Form fields with an id prefix, for pages that hold several forms (ids "<pfx>-<name>"). */
/* attrs: raw extra attributes (literals only), e.g. " min=\"1\" max=\"12\"", or NULL. */
void pf_input(struct buf *b, const char *pfx, const char *name, const char *label, const char *type,
              json_t *vals, json_t *errs, int required, const char *attrs);
void pf_textarea(struct buf *b, const char *pfx, const char *name, const char *label, json_t *vals,
                 json_t *errs, int required, int rows);
void pf_select(struct buf *b, const char *pfx, const char *name, const char *label,
               const char *const *choices, json_t *vals, json_t *errs, int required);
/* A select of staff (id -> name) from staff_list rows; only active staff of org (0: any). */
void pf_staff(struct buf *b, const char *pfx, const char *name, const char *label, json_t *staff, int64_t org,
              int64_t selected, json_t *errs, int required);
void pf_checkbox(struct buf *b, const char *pfx, const char *name, const char *value, const char *label,
                 int checked);
/* The ten service domains as checkboxes (fieldset id "<pfx>-domains"). */
void pf_domains(struct buf *b, const char *pfx, json_t *vals, json_t *errs);
/* 1 when the form field (string or array) holds value. */
int pf_has(json_t *vals, const char *name, const char *value);
/* The break-glass banner when the record is open by emergency access; the client heading. */
void page_bg_banner(struct buf *b, json_t *client);
/* The active risk flags of a client (full access only), on every page of that client. */
void page_risk_banner(struct hreq *h, struct buf *b, json_t *client);
/* The banner for flags already read (as flag_active gives them); with their reasons when asked. */
void page_risk_flags(struct buf *b, int64_t client_id, json_t *flags, int reasons);
/* A flag's kind as shown ("Suicide risk"). */
const char *page_flag_kind(json_t *flag, char *out, size_t len);
void page_client_head(struct hreq *h, struct buf *b, json_t *client, const char *here);
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
void rk_errors_reset(struct ctx *c);
void rk_tel(struct buf *b, const char *phone);
void rk_summary(struct buf *b, json_t *errs, const char *msg, const char *pfx, const char *const *labels);
json_t *rk_pick(struct hreq *h, const char *const *names);
void rk_event_line(struct buf *b, json_t *e);
void rk_plan_body(struct buf *b, json_t *plan, int h_level);
void rk_plan_meta(struct buf *b, json_t *plan);
#endif
