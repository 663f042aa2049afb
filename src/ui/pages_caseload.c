/* pages_caseload: the supervisor's team page (/team: each worker's weighted load against capacity,
 * overdue work, crises, reviews; the ACT figures; the check-in aggregates), a worker's drill-down
 * (/team/{id}: each client with its weight and why, the FTE, a reassign link), the reassign page, the
 * worker's private check-in (/checkin), the card on "my work", and the reason field that every form
 * assigning a worker shows when that worker would be over capacity. */
#include "core/caseload.h"
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

static void team_page(struct hreq *h, int status, const struct fstate *fs);
static void worker_page(struct hreq *h, int status, const struct fstate *fs);
static void reassign_page(struct hreq *h, int status, const struct fstate *fs);
static void checkin_page(struct hreq *h, int status, const struct fstate *fs);

static double num(json_t *o, const char *k)
{
    return json_number_value(json_object_get(o, k));
}

/* ---- the reason asked when a worker would be over capacity (in every form that assigns one) ---- */

void capacity_reason_draw(struct form_view *v, const struct form_field *fd)
{
    (void)fd;
    /* drawn once core asked for it (the failed form), or when the user typed one already */
    if (!*jstr(v->errs, "capacity_reason") && !*jstr(v->vals, "capacity_reason"))
        return;
    static const struct form_field t = F("capacity_reason", FI_TEXTAREA, N_("Why assign this worker although over capacity"),
                                         FF_REQ, .rows = 2, .attrs = " maxlength=\"1000\"",
                                         .hint = N_("10 to 1000 characters; kept in the audit trail"));
    form_field_draw(v, &t);
}

void capacity_reason_parse(struct hreq *h, const struct form_field *fd, json_t *in)
{
    (void)fd;
    const char *s = fstr(h, "capacity_reason");
    if (s && *s)
        json_object_set_new(in, "capacity_reason", json_string(s));
}

/* ---- the load bar ---- */

/* An inline SVG bar: the load against the capacity (a mark), red when over; its words for readers. */
static void load_bar(struct buf *b, json_t *w)
{
    double load = num(w, "load"), cap = num(w, "capacity");
    int over = json_is_true(json_object_get(w, "over"));
    char words[160], l[16], c[16];
    snprintf(l, sizeof l, "%.1f", load);
    snprintf(c, sizeof c, "%.1f", cap);
    if (cap > 0)
        snprintf(words, sizeof words, _("%s of %s units"), l, c);
    else
        snprintf(words, sizeof words, _("%s units (no capacity set for this role)"), l);
    double max = cap > 0 ? cap * 1.25 : load > 0 ? load : 1;
    if (load > max)
        max = load;
    html_printf(b, "<span class=\"load%r\"><svg class=\"load-bar\" viewBox=\"0 0 100 10\" width=\"120\" height=\"12\""
                   " role=\"img\" aria-label=\"%s\" focusable=\"false\"><rect class=\"track\" x=\"0\" y=\"0\" width=\"100\""
                   " height=\"10\"/>",
                over ? " over" : "", words);
    buf_printf(b, "<rect class=\"fill\" x=\"0\" y=\"0\" width=\"%.1f\" height=\"10\"/>", 100.0 * load / max);
    if (cap > 0)
        buf_printf(b, "<line class=\"cap\" x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"10\"/>", 100.0 * cap / max,
                   100.0 * cap / max);
    html_printf(b, "</svg> <span class=\"load-words\">%s</span>", words);
    if (over)
        html_printf(b, " <span class=\"badge overdue\">%s</span>", _("Over capacity"));
    buf_adds(b, "</span>");
}

/* ---- "my work": my load and this month's check-in ---- */

void caseload_work_card(struct hreq *h, struct buf *b)
{
    if (!access_may(&h->ctx, RES_CHECKIN, ACT_CREATE, 0))
        return;
    json_t *brief = caseload_brief(h->ctx.db, h->actor.staff_id), *mine = checkin_current(&h->ctx);
    html_printf(b, "<section class=\"card\" aria-labelledby=\"load-h\" id=\"my-load\"><h2 id=\"load-h\">%s</h2>",
                _("My caseload"));
    if (brief && json_integer_value(json_object_get(brief, "clients"))) {
        buf_adds(b, "<p>");
        load_bar(b, brief);
        html_printf(b, "</p><p><a href=\"/team/%D\">%s</a></p>", h->actor.staff_id, _("My clients and their weights"));
    }
    if (!mine)
        html_printf(b,
                    "<p class=\"checkin-due\" id=\"checkin-due\">%s <a href=\"/checkin\">%s</a></p>",
                    _("How is your workload this month? Only you see your answers."), _("Check in"));
    else
        html_printf(b, "<p class=\"muted small\">%s <a href=\"/checkin\">%s</a></p>", _("You checked in this month."),
                    _("See or change it"));
    buf_adds(b, "</section>");
    json_decref(brief);
    json_decref(mine);
}

/* The badge on the staff list: over capacity. */
void caseload_staff_badge(struct hreq *h, struct buf *b, int64_t staff_id)
{
    json_t *brief = caseload_brief(h->ctx.db, staff_id);
    if (json_is_true(json_object_get(brief, "over")))
        html_printf(b, " <span class=\"badge overdue\">%s</span>", _("Over capacity"));
    json_decref(brief);
}

/* ---- the team page ---- */

static void checkin_summary_card(struct hreq *h, struct buf *b)
{
    json_t *env = NULL;
    if (checkin_summary(&h->ctx, &(struct page){NULL, 6}, &env) != OK) {
        h->ctx.msg[0] = 0;
        return;
    }
    html_printf(b,
                "<section class=\"card wide\" aria-labelledby=\"ci-h\" id=\"checkins\"><h2 id=\"ci-h\">%s</h2><p class=\"muted\">"
                "%s</p>",
                _("How the team says its workload feels"),
                _("Monthly check-ins, 1 (not at all) to 5 (entirely). Nobody's own answer is ever shown; a month with "
                  "fewer than 5 answers shows nothing but that."));
    json_t *items = json_object_get(env, "items");
    if (!json_array_size(items)) {
        html_printf(b, "<p class=\"muted\">%s</p></section>", _("No check-ins yet."));
        json_decref(env);
        return;
    }
    html_printf(b,
                "<table class=\"list\" id=\"checkin-summary\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
                "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                _("Month"), _("Answers"), _("Workload manageable"), _("Feel supported"));
    size_t i;
    json_t *r;
    json_array_foreach(items, i, r)
    {
        html_printf(b, "<tr data-period=\"%s\"><th scope=\"row\">%s</th><td data-label=\"%s\">%N</td>", jstr(r, "period"),
                    jstr(r, "period"), _("Answers"), page_int(r, "answers"));
        if (!json_is_true(json_object_get(r, "shown"))) {
            html_printf(b, "<td colspan=\"2\" class=\"muted not-shown\">%s</td></tr>",
                        _("fewer than 5 answers: not shown"));
            continue;
        }
        char m[16], s[16];
        snprintf(m, sizeof m, "%.1f", num(r, "manageable_mean"));
        snprintf(s, sizeof s, "%.1f", num(r, "supported_mean"));
        html_printf(b, "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>", _("Workload manageable"), m,
                    _("Feel supported"), s);
        json_t *texts = json_object_get(r, "would_help");
        if (json_array_size(texts)) {
            html_printf(b, "<tr class=\"would-help\"><td colspan=\"4\"><details><summary>%s</summary><ul>",
                        _("What would help (in alphabetical order, unattributed)"));
            size_t j;
            json_t *t;
            json_array_foreach(texts, j, t) html_printf(b, "<li>%s</li>", json_string_value(t));
            buf_adds(b, "</ul></details></td></tr>");
        }
    }
    buf_adds(b, "</tbody></table></section>");
    json_decref(env);
}

static void act_card(struct buf *b, json_t *act)
{
    if (!json_is_object(act))
        return;
    char ratio[32], cpw[32], share[32], fte[16];
    json_t *rt = json_object_get(act, "ratio"), *sh = json_object_get(act, "community_share");
    snprintf(ratio, sizeof ratio, json_is_number(rt) ? "%.1f" : "—", json_number_value(rt));
    snprintf(cpw, sizeof cpw, "%.1f", num(act, "contacts_per_client_week"));
    snprintf(share, sizeof share, json_is_number(sh) ? "%.0f%%" : "—", 100 * json_number_value(sh));
    snprintf(fte, sizeof fte, "%.1f", num(act, "fte"));
    html_printf(b,
                "<section class=\"card\" aria-labelledby=\"act-h\" id=\"act\"><h2 id=\"act-h\">%s</h2><dl class=\"facts-list\">"
                "<dt>%s</dt><dd>%N</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd id=\"act-ratio\">%s</dd>"
                "<dt>%s</dt><dd id=\"act-contacts\">%s</dd><dt>%s</dt><dd id=\"act-community\">%s</dd></dl>"
                "<p class=\"muted small\">%s</p></section>",
                _("ACT fidelity"), _("Clients in ACT"), page_int(act, "clients"), _("FTE given to ACT"), fte,
                _("Clients per FTE"), ratio, _("Contacts per client per week (last 4 weeks)"), cpw,
                _("Contacts in the community (home visits, outreach)"), share,
                _("FTE given to ACT: each worker's FTE in the share of their weighted load that is ACT. Community share: "
                  "of home visits, outreach, office and phone contacts."));
}

static void team_page(struct hreq *h, int status, const struct fstate *fs)
{
    (void)fs;
    json_t *t = NULL;
    int rc = caseload_team(&h->ctx, &t);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Team"));
    page_flash(h, &b);
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1></div>", _("Team caseloads"));
    json_t *workers = json_object_get(t, "workers");
    if (json_is_null(json_object_get(t, "weights_version")))
        html_printf(&b, "<p class=\"alert\">%s</p>",
                    _("No caseload weights are loaded on this server: loads are not weighed and nobody is flagged."));
    else if (json_integer_value(json_object_get(t, "over_capacity")))
        html_printf(&b, "<p class=\"alert\" id=\"over-summary\">%s: %N</p>", _("Workers over capacity"),
                    (int64_t)json_integer_value(json_object_get(t, "over_capacity")));
    html_printf(&b,
                "<section class=\"card wide\" aria-labelledby=\"team-h\"><h2 id=\"team-h\">%s</h2>"
                "<table class=\"list\" id=\"team\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                _("Workers"), _("Worker"), _("Weighted load"), _("FTE"), _("Open episodes"), _("Overdue tasks"),
                _("Open referrals"), _("Crises, 14 days"), _("Reviews due"));
    size_t i;
    json_t *w;
    json_array_foreach(workers, i, w)
    {
        char rl[64], fte[16];
        snprintf(fte, sizeof fte, "%.1f", num(w, "fte"));
        int over = json_is_true(json_object_get(w, "over"));
        html_printf(&b,
                    "<tr data-staff-id=\"%D\"%r><th scope=\"row\"><a href=\"/team/%D\">%s</a> <span class=\"muted small\">%s"
                    "</span></th><td data-label=\"%s\">",
                    page_int(w, "staff_id"), over ? " class=\"over\"" : "", page_int(w, "staff_id"), jstr(w, "display_name"),
                    ui_vlabel("role", jstr(w, "role"), rl, sizeof rl), _("Weighted load"));
        load_bar(&b, w);
        html_printf(&b,
                    "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%N</td><td data-label=\"%s\">%N</td>"
                    "<td data-label=\"%s\">%N</td><td data-label=\"%s\">%N</td><td data-label=\"%s\">%N</td></tr>",
                    _("FTE"), fte, _("Open episodes"), page_int(w, "clients"), _("Overdue tasks"),
                    page_int(w, "overdue_tasks"), _("Open referrals"), page_int(w, "open_referrals"),
                    _("Crises, 14 days"), page_int(w, "crises_14d"), _("Reviews due"), page_int(w, "reviews_due"));
    }
    buf_adds(&b, "</tbody></table></section>");
    act_card(&b, json_object_get(t, "act"));
    checkin_summary_card(h, &b);
    html_printf(&b,
                "<section class=\"card\" aria-labelledby=\"how-h\"><h2 id=\"how-h\">%s</h2><p class=\"muted small\">%s</p>"
                "<p><a href=\"/checkin\">%s</a></p></section>",
                _("How a load is weighed"),
                _("Each open episode (intake, active, on hold) counts by its programme, more with an active high-risk "
                  "flag, a recent crisis or a recent discharge from hospital, less while on hold or at intake; a place "
                  "on the care team that is not the primary case manager counts a share of it. Capacity is the FTE "
                  "times the units per FTE of the worker's role (the server's weights file)."),
                _("My own check-in"));
    json_decref(t);
    page_send(h, status, &b);
}

static void pg_team(struct hreq *h)
{
    team_page(h, 200, NULL);
}

/* ---- one worker: their clients, weights and why; the FTE ---- */

static int run_fte(struct hreq *h, json_t *in)
{
    /* the form sends the FTE as text ("0.8"): core takes a number */
    const char *s = json_string_value(json_object_get(in, "fte"));
    if (s) {
        char *end;
        double d = strtod(s, &end);
        if (end != s && !*end)
            json_object_set_new(in, "fte", json_real(d));
    }
    return caseload_set_fte(&h->ctx, h->id[0], h->if_match, in, &h->result);
}

static const char *const fte_choices[] = {"1.0", "0.9", "0.8", "0.7", "0.6", "0.5", "0.4", "0.3", "0.2", "0.1", NULL};
static const struct form_field fte_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("fte", FI_SELECT, N_("FTE"), FF_REQ, .choices = fte_choices),
    {0},
};
static const struct form form_fte = {.id = "fte",
                                     .action = "/team/{id}/fte",
                                     .cls = "inline fte-form",
                                     .submit = N_("Set FTE"),
                                     .button = "small",
                                     .flash = "fte",
                                     .done = "/team/{id}",
                                     .fields = fte_fields,
                                     .run = run_fte,
                                     .page = worker_page};

static void why_text(struct buf *b, json_t *why)
{
    size_t i;
    json_t *x;
    json_array_foreach(why, i, x)
    {
        const char *k = jstr(x, "key");
        char l[80], wt[16];
        snprintf(wt, sizeof wt, "%.2g", num(x, "weight"));
        const char *label = str_eq(k, "high_risk")          ? _("high-risk flag")
                            : str_eq(k, "recent_crisis")    ? _("recent crisis")
                            : str_eq(k, "recent_discharge") ? _("recent discharge")
                            : str_eq(k, "team_share")       ? _("care-team share")
                                                            : ui_label(k, l, sizeof l);
        int factor = str_eq(k, "team_share") || in_list(cl_open_statuses, k);
        html_printf(b, "%r<span class=\"why\">%s %r%s</span>", i ? " · " : "", label, factor ? "&times;" : "+", wt);
    }
}

static void worker_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *w = NULL;
    int rc = caseload_worker(&h->ctx, h->id[0], &w);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, jstr(w, "display_name"));
    page_flash(h, &b);
    char rl[64];
    html_printf(&b, "<div class=\"page-head\"><h1>%s <span class=\"muted small\">%s</span></h1>", jstr(w, "display_name"),
                ui_vlabel("role", jstr(w, "role"), rl, sizeof rl));
    if (access_may(&h->ctx, RES_CASELOAD, ACT_LIST, 0))
        html_printf(&b, "<p><a href=\"/team\">%s</a></p>", _("Back to the team"));
    buf_adds(&b, "</div>");
    form_failure(&b, fs);
    html_printf(&b, "<section class=\"card wide\" aria-labelledby=\"wl-h\"><h2 id=\"wl-h\">%s</h2><p id=\"worker-load\">",
                _("Weighted load"));
    load_bar(&b, w);
    buf_adds(&b, "</p>");
    if (h->id[0] != h->actor.staff_id && access_may(&h->ctx, RES_CASELOAD, ACT_UPDATE, 0)) {
        char fte[8];
        snprintf(fte, sizeof fte, "%.1f", num(w, "fte"));
        json_t *hid = json_pack("{s:I}", "version", (json_int_t)page_int(w, "version"));
        json_t *vals = json_pack("{s:s}", "fte", fte);
        form_show(h, &b, &form_fte, &(struct form_view){.target = h->id[0], .vals = vals, .hidden = hid, .fs = fs});
        json_decref(vals);
        json_decref(hid);
    }
    json_t *items = json_object_get(w, "items");
    if (!json_array_size(items)) {
        html_printf(&b, "<p class=\"muted\">%s</p></section>", _("No open episodes."));
    } else {
        html_printf(&b,
                    "<table class=\"list\" id=\"worker-clients\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
                    "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">"
                    "<span class=\"sr\">%s</span></th></tr></thead><tbody>",
                    _("Client"), _("Programme"), _("Status"), _("Weight"), _("Why"), _("Actions"));
        size_t i;
        json_t *r;
        json_array_foreach(items, i, r)
        {
            char l1[80], l2[80], wt[16], nm[256];
            page_name_text(r, nm, sizeof nm);
            snprintf(wt, sizeof wt, "%.2f", num(r, "weight"));
            int primary = json_is_true(json_object_get(r, "is_primary"));
            struct buf badge; /* a client whose care team the worker is on, not as the primary case manager */
            buf_init(&badge);
            if (!primary)
                html_printf(&badge, " <span class=\"badge team\" title=\"%s\">%s</span>",
                            _("On the care team, not the primary case manager"), C_("worker's client", "care team"));
            html_printf(&b,
                        "<tr data-episode-id=\"%D\" data-client-id=\"%D\"><th scope=\"row\"><a href=\"/clients/%D\">%s</a>%r"
                        "</th><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\" class=\"weight\">%s"
                        "</td><td data-label=\"%s\">",
                        page_int(r, "episode_id"), page_int(r, "client_id"), page_int(r, "client_id"), nm, badge.data, _("Programme"),
                        ui_vlabel("programme", jstr(r, "programme"), l1, sizeof l1), _("Status"), ui_vlabel("episode status", jstr(r, "status"), l2, sizeof l2),
                        _("Weight"), wt, _("Why"));
            buf_free(&badge);
            why_text(&b, json_object_get(r, "why"));
            buf_adds(&b, "</td><td class=\"actions\">");
            if (primary && access_may(&h->ctx, RES_EPISODE, ACT_UPDATE, page_int(r, "client_id")))
                html_printf(&b, "<a class=\"button small\" href=\"/episodes/%D/reassign?from=%D\">%s<span class=\"sr\"> — %s"
                                "</span></a>",
                            page_int(r, "episode_id"), h->id[0], _("Reassign"), nm);
            buf_adds(&b, "</td></tr>");
        }
        buf_adds(&b, "</tbody></table></section>");
    }
    json_decref(w);
    page_send(h, status, &b);
}

static void pg_worker(struct hreq *h)
{
    worker_page(h, 200, NULL);
}

static void pg_fte(struct hreq *h)
{
    form_post(h, &form_fte);
}

/* ---- reassign an episode's primary case manager ---- */

static const struct form_field reassign_fields[] = {
    F("version", FI_HIDDEN, NULL, 0),
    F("next", FI_HIDDEN, NULL, 0),
    F("primary_cm", FI_STAFF, N_("New primary case manager"), FF_REQ),
    F_CAPACITY_REASON,
    {0},
};
static const struct form form_reassign = {.id = "reassign-episode",
                                          .action = "/episodes/{id}/reassign",
                                          .cls = "reassign",
                                          .submit = N_("Reassign"),
                                          .flash = "reassigned",
                                          .done = "/team",
                                          .fields = reassign_fields,
                                          .update = episode_update,
                                          .page = reassign_page,
                                          .flags = FORM_NEXT};

static void reassign_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *e = NULL;
    int rc = caseload_episode(&h->ctx, h->id[0], &e);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Reassign a client"));
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1></div>", _("Reassign a client"));
    form_failure(&b, fs);
    char l1[80], nm[256];
    html_printf(&b,
                "<section class=\"card\" aria-labelledby=\"ep-h\"><h2 id=\"ep-h\"><a href=\"/clients/%D\">%s</a></h2>"
                "<dl class=\"facts-list\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>",
                page_int(e, "client_id"), page_name_text(e, nm, sizeof nm), _("Programme"),
                ui_vlabel("programme", jstr(e, "programme"), l1, sizeof l1), _("Primary case manager"),
                *jstr(e, "primary_cm_name") ? jstr(e, "primary_cm_name") : "—");
    /* the receivers, each with their load: the choice is made knowing who has room */
    json_t *rx = caseload_receivers(&h->ctx), *opts = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(rx, i, s)
    {
        if (page_int(s, "id") == page_int(e, "primary_cm"))
            continue;
        char id[24], l[240], rl[64];
        snprintf(id, sizeof id, "%lld", (long long)page_int(s, "id"));
        if (json_is_number(json_object_get(s, "capacity")))
            snprintf(l, sizeof l, _("%s — %s — %.1f of %.1f units%s"), jstr(s, "display_name"),
                     ui_vlabel("role", jstr(s, "role"), rl, sizeof rl), num(s, "load"), num(s, "capacity"),
                     json_is_true(json_object_get(s, "over")) ? _(" (over capacity)") : "");
        else
            snprintf(l, sizeof l, "%s — %s", jstr(s, "display_name"), ui_vlabel("role", jstr(s, "role"), rl, sizeof rl));
        json_array_append_new(opts, json_pack("[s,s]", id, l));
    }
    json_decref(rx);
    char next[64];
    const char *from = fs ? fstr(h, "next") : NULL;
    if (from)
        snprintf(next, sizeof next, "%s", page_safe_next(from, "/team"));
    else if (qstr(h, "from"))
        snprintf(next, sizeof next, "/team/%lld", (long long)strtoll(qstr(h, "from"), NULL, 10));
    else
        snprintf(next, sizeof next, "/team");
    json_t *hid = json_pack("{s:I,s:s}", "version", (json_int_t)page_int(e, "version"), "next", next);
    json_t *o = json_pack("{s:o}", "primary_cm", opts);
    form_show(h, &b, &form_reassign, &(struct form_view){.target = h->id[0], .hidden = hid, .opts = o, .fs = fs});
    json_decref(o);
    json_decref(hid);
    json_decref(e);
    buf_adds(&b, "</section>");
    page_send(h, status, &b);
}

static void pg_reassign_page(struct hreq *h)
{
    reassign_page(h, 200, NULL);
}

static void pg_reassign(struct hreq *h)
{
    form_post(h, &form_reassign);
}

/* ---- the worker's own check-in ---- */

static const char *const scale[] = {"1", "2", "3", "4", "5", NULL};
static const struct form_field checkin_fields[] = {
    F("manageable", FI_SELECT, N_("My workload feels manageable"), FF_REQ, .choices = scale,
      .hint = N_("1: not at all · 5: entirely")),
    F("supported", FI_SELECT, N_("I feel supported in my work"), FF_REQ, .choices = scale,
      .hint = N_("1: not at all · 5: entirely")),
    F("would_help", FI_TEXTAREA, N_("What would help (optional)"), FF_OMIT, .rows = 3, .attrs = " maxlength=\"500\"",
      .hint = N_("Your supervisor never sees who wrote it: only, for a month with 5 or more answers, everyone's words together in alphabetical order.")),
    {0},
};

static void checkin_adjust(json_t *in)
{
    /* the scale arrives as text ("4"): core takes numbers */
    const char *keys[] = {"manageable", "supported"};
    for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
        const char *s = json_string_value(json_object_get(in, keys[i]));
        if (s && s[0] >= '1' && s[0] <= '5' && !s[1])
            json_object_set_new(in, keys[i], json_integer(s[0] - '0'));
    }
}

static const struct form form_checkin = {.id = "checkin",
                                         .action = "/checkin",
                                         .submit = N_("Save my check-in"),
                                         .flash = "checkin",
                                         .done = "/checkin",
                                         .fields = checkin_fields,
                                         .make = checkin_save,
                                         .adjust = checkin_adjust,
                                         .page = checkin_page};

static void checkin_page(struct hreq *h, int status, const struct fstate *fs)
{
    json_t *env = NULL;
    int rc = checkin_mine(&h->ctx, &(struct page){NULL, 12}, &env);
    if (rc != OK) {
        reply_core_error(h, rc);
        return;
    }
    json_t *cur = checkin_current(&h->ctx);
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("My check-in"));
    page_flash(h, &b);
    char period[8];
    caseload_period(period);
    html_printf(&b, "<div class=\"page-head\"><h1>%s <span class=\"muted small\">%s</span></h1></div>", _("My check-in"),
                period);
    form_failure(&b, fs);
    html_printf(&b, "<section class=\"card\" aria-labelledby=\"ck-h\"><h2 id=\"ck-h\">%s</h2><p class=\"muted\">%s</p>",
                _("How is your workload this month?"),
                _("Only you see your answers. Your supervisor sees the team's averages for a month when 5 or more "
                  "people answered, and nothing at all when fewer did."));
    json_t *vals = json_object();
    if (cur) {
        char m[24], sp[24];
        snprintf(m, sizeof m, "%lld", (long long)page_int(cur, "manageable"));
        snprintf(sp, sizeof sp, "%lld", (long long)page_int(cur, "supported"));
        json_object_set_new(vals, "manageable", json_string(m));
        json_object_set_new(vals, "supported", json_string(sp));
        json_object_set_new(vals, "would_help", json_string(jstr(cur, "would_help")));
    }
    form_show(h, &b, &form_checkin, &(struct form_view){.vals = vals, .fs = fs});
    json_decref(vals);
    buf_adds(&b, "</section>");
    json_t *items = json_object_get(env, "items");
    if (json_array_size(items)) {
        html_printf(&b,
                    "<section class=\"card\" aria-labelledby=\"past-h\"><h2 id=\"past-h\">%s</h2><table class=\"list\" "
                    "id=\"my-checkins\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s"
                    "</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                    _("My earlier check-ins"), _("Month"), _("Manageable"), _("Supported"), _("What would help"));
        size_t i;
        json_t *r;
        json_array_foreach(items, i, r)
            html_printf(&b,
                        "<tr><th scope=\"row\">%s</th><td data-label=\"%s\">%N</td><td data-label=\"%s\">%N</td>"
                        "<td data-label=\"%s\">%s</td></tr>",
                        jstr(r, "period"), _("Manageable"), page_int(r, "manageable"), _("Supported"),
                        page_int(r, "supported"), _("What would help"), *jstr(r, "would_help") ? jstr(r, "would_help") : "—");
        buf_adds(&b, "</tbody></table></section>");
    }
    json_decref(env);
    json_decref(cur);
    page_send(h, status, &b);
}

static void pg_checkin(struct hreq *h)
{
    checkin_page(h, 200, NULL);
}

static void pg_checkin_save(struct hreq *h)
{
    form_post(h, &form_checkin);
}

#define S ROLES_STAFF
const struct route ui_caseload_routes[] = {
    {"GET", "/team", pg_team, S, 0},
    {"GET", "/team/{id}", pg_worker, S, 0},
    {"POST", "/team/{id}/fte", pg_fte, ROLES_ANY, 0},
    {"GET", "/episodes/{id}/reassign", pg_reassign_page, S, 0},
    {"POST", "/episodes/{id}/reassign", pg_reassign, S, 0},
    {"GET", "/checkin", pg_checkin, S, 0},
    {"POST", "/checkin", pg_checkin_save, S, 0},
    {0},
};
HTTP_ROUTES(ui_caseload_routes, "ui-13-caseload");
