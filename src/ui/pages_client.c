/* pages_client: finding a client, registering one (with the duplicate check), the client page
 * (full, or limited with break-glass), editing identity, and the client's access log. */
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

static const char *const sexes[] = {"female", "male", "intersex", "unknown", NULL};
static const char *const cfields[] = {"given_name", "family_name",     "preferred_name",     "birth_date",
                                      "sex",        "gender_identity", "language",           "phone",
                                      "email",      "address",         "emergency_contacts", NULL};


/* ---- search ---- */

static void search_next(struct buf *b, struct hreq *h, const char *after, const char *label, const char *id)
{
    html_printf(b, "<a id=\"%s\" class=\"button\" href=\"/clients?q=%u&amp;birth_date=%u&amp;identifier=%u",
                id, qstr(h, "q") ? qstr(h, "q") : "", qstr(h, "birth_date") ? qstr(h, "birth_date") : "",
                qstr(h, "identifier") ? qstr(h, "identifier") : "");
    if (after)
        html_printf(b, "&amp;after=%u", after);
    html_printf(b, "\">%s</a>", label);
}

void pg_clients(struct hreq *h)
{
    const char *q = qstr(h, "q"), *bd = qstr(h, "birth_date"), *ident = qstr(h, "identifier");
    int searching = (q && *q) || (bd && *bd) || (ident && *ident);
    const char *after = qstr(h, "after");
    if (after && !*after)
        after = NULL;
    json_t *res = NULL;
    int rc = OK;
    if (searching) {
        rc = client_search(&h->ctx, q, bd, ident, &(struct page){after, 25}, &res);
        if (rc != OK && rc != ERR_INVALID) {
            reply_core_error(h, rc);
            return;
        }
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Find a client"));
    html_printf(&b, "<div class=\"page-head\"><h1>%s</h1>", _("Find a client"));
    if (access_may(&h->ctx, RES_CLIENT, ACT_CREATE, 0))
        html_printf(&b, "<p class=\"actions\"><a class=\"button\" href=\"/clients/new\">%s</a></p>",
                    _("Register a new client"));
    buf_adds(&b, "</div>");
    ui_errors_summary(&b, h->ctx.errors, NULL);
    html_printf(
        &b,
        "<form method=\"get\" action=\"/clients\" id=\"search-form\" class=\"card search\" role=\"search\">"
        "<div class=\"row3\">");
    pf_input(&b, "f", "q", _("Name"), "search", h->query, h->ctx.errors, 0,
             " autocomplete=\"off\" autofocus spellcheck=\"false\"");
    pf_input(&b, "f", "birth_date", _("Date of birth"), "date", h->query, h->ctx.errors, 0, NULL);
    pf_input(&b, "f", "identifier", _("Identifier"), "text", h->query, h->ctx.errors, 0,
             " autocomplete=\"off\"");
    html_printf(&b,
                "</div><div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button></div>"
                "<p class=\"muted small\">%s</p></form>",
                _("Search"),
                _("A name needs at least three letters in each word. You find the clients you work with "
                  "and the clients of your organisation."));
    if (searching && rc == OK) {
        json_t *items = json_object_get(res, "items");
        html_printf(&b, "<section class=\"card\" aria-labelledby=\"res-h\"><h2 id=\"res-h\">%s</h2>",
                    _("Results"));
        if (!json_array_size(items)) {
            html_printf(&b, "<p id=\"no-results\">%s</p>",
                        _("No client found. Check the spelling, or search by date of birth or identifier."));
        } else {
            html_printf(&b,
                        "<table class=\"list\" id=\"search-results\"><thead><tr><th scope=\"col\">%s</th>"
                        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                        _("Name"), _("Born"), _("In care"));
            size_t i;
            json_t *r;
            json_array_foreach(items, i, r)
            {
                html_printf(&b, "<tr data-client-id=\"%D\"><td data-label=\"%s\"><a href=\"/clients/%D\">",
                            page_int(r, "id"), _("Name"), page_int(r, "id"));
                page_name(&b, r);
                html_printf(&b, "</a></td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", _("Born"),
                            jstr(r, "birth_year"), _("In care"));
                const char *p = jstr(r, "programmes");
                while (*p) {
                    const char *e = strchr(p, ',');
                    char one[64], l[80];
                    snprintf(one, sizeof one, "%.*s", (int)(e ? e - p : (long)strlen(p)), p);
                    html_printf(&b, "<span class=\"tag\">%s</span> ", ui_label(one, l, sizeof l));
                    p = e ? e + 1 : "";
                }
                buf_adds(&b, "</td></tr>");
            }
            buf_adds(&b, "</tbody></table>");
        }
        json_t *next = json_object_get(res, "next");
        if (after || json_is_string(next)) {
            buf_adds(&b, "<p class=\"pager\">");
            if (after)
                search_next(&b, h, NULL, _("First page"), "first-page");
            if (json_is_string(next))
                search_next(&b, h, json_string_value(next), _("Next page"), "next-page");
            buf_adds(&b, "</p>");
        }
        if (access_may(&h->ctx, RES_CLIENT, ACT_CREATE, 0))
            html_printf(&b, "<p class=\"muted\">%s <a href=\"/clients/new?birth_date=%u\">%s</a></p>",
                        _("Not the person you are looking for?"), bd ? bd : "", _("Register a new client"));
        buf_adds(&b, "</section>");
    }
    json_decref(res);
    page_send(h, rc == OK ? 200 : 400, &b);
}

/* ---- the identity form (register and edit) ---- */

static const char *nth(json_t *vals, const char *k, size_t i)
{
    json_t *v = json_object_get(vals, k);
    if (json_is_string(v))
        return i == 0 ? json_string_value(v) : "";
    v = json_array_get(v, i);
    return json_is_string(v) ? json_string_value(v) : "";
}

static void identity_fields(struct buf *b, json_t *vals, json_t *errs)
{
    char today[16];
    iso_today(today);
    char maxd[40];
    snprintf(maxd, sizeof maxd, " max=\"%s\"", today);
    html_printf(b, "<fieldset><legend>%s</legend><div class=\"row3\">", _("Name"));
    pf_input(b, "f", "given_name", _("Given name"), "text", vals, errs, 1,
             " autocomplete=\"off\" maxlength=\"100\"");
    pf_input(b, "f", "family_name", _("Family name"), "text", vals, errs, 1,
             " autocomplete=\"off\" maxlength=\"100\"");
    pf_input(b, "f", "preferred_name", _("Preferred name"), "text", vals, errs, 0, " maxlength=\"100\"");
    html_printf(b, "</div></fieldset><fieldset><legend>%s</legend><div class=\"row3\">",
                _("Birth and identity"));
    pf_input(b, "f", "birth_date", _("Date of birth"), "date", vals, errs, 1, maxd);
    pf_select(b, "f", "sex", _("Sex"), sexes, vals, errs, 0);
    pf_input(b, "f", "gender_identity", _("Gender identity"), "text", vals, errs, 0, " maxlength=\"60\"");
    pf_input(b, "f", "language", _("Language"), "text", vals, errs, 0, " maxlength=\"40\"");
    html_printf(b, "</div></fieldset><fieldset><legend>%s</legend><div class=\"row2\">", _("Contact"));
    pf_input(b, "f", "phone", _("Phone"), "tel", vals, errs, 0, " maxlength=\"40\"");
    pf_input(b, "f", "email", _("E-mail"), "email", vals, errs, 0, " maxlength=\"200\"");
    buf_adds(b, "</div>");
    pf_textarea(b, "f", "address", _("Address"), vals, errs, 0, 2);
    pf_textarea(b, "f", "emergency_contacts", _("Who to call in an emergency"), vals, errs, 0, 3);
    buf_adds(b, "</fieldset>");
}

static void client_form(struct hreq *h, int status, json_t *vals, json_t *errs, const char *msg,
                        json_t *cands)
{
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Register a new client"));
    html_printf(&b, "<p class=\"crumbs\"><a href=\"/clients\">← %s</a></p><h1>%s</h1>", _("Find a client"),
                _("Register a new client"));
    if (!json_array_size(cands))
        ui_errors_summary(&b, errs, msg);
    else {
        html_printf(
            &b,
            "<section class=\"card warn\" id=\"duplicates\" role=\"alert\" aria-labelledby=\"dup-h\">"
            "<h2 id=\"dup-h\">%s</h2><p>%s</p><ul class=\"plain links\">",
            _("This person may already be registered"),
            _("Open a candidate to check (in a new tab, so that what you typed stays here). If none of them "
              "is this person, tick the box and register."));
        size_t i;
        json_t *c;
        json_array_foreach(cands, i, c)
        {
            html_printf(
                &b, "<li data-client-id=\"%D\"><a href=\"/clients/%D\" target=\"_blank\" rel=\"noopener\">",
                page_int(c, "id"), page_int(c, "id"));
            page_name(&b, c);
            html_printf(&b, "</a> · %s %s · <span class=\"muted\">%s</span></li>", _("born"),
                        jstr(c, "birth_date"), _(jstr(c, "why")));
        }
        html_printf(
            &b,
            "</ul><div class=\"check\"><input type=\"checkbox\" id=\"f-confirm_new-1\" name=\"confirm_new\" "
            "value=\"1\" form=\"client-form\"%r><label for=\"f-confirm_new-1\">%s</label></div><div "
            "class=\"buttons\"><button type=\"submit\" form=\"client-form\" class=\"primary\">%s</button>"
            "</div></section>",
            pf_has(vals, "confirm_new", "1") ? " checked" : "",
            _("This is a new person: none of these is them"), _("Register"));
    }
    buf_adds(&b, "<form method=\"post\" action=\"/clients\" id=\"client-form\" class=\"card\">");
    ui_csrf(h, &b);
    identity_fields(&b, vals, errs);
    const char *ierr = jstr(errs, "identifiers");
    html_printf(&b, "<fieldset id=\"f-identifiers\" tabindex=\"-1\" class=\"%s\"><legend>%s</legend>",
                *ierr ? "has-error" : "", _("Identifiers (optional)"));
    if (*ierr)
        html_printf(&b, "<p class=\"field-error\">%s</p>", ierr);
    for (size_t i = 0; i < 2; i++)
        html_printf(
            &b,
            "<div class=\"row2\"><div class=\"field\"><label for=\"f-id_kind-%d\">%s</label><input "
            "id=\"f-id_kind-%d\" name=\"id_kind\" list=\"id-kinds\" maxlength=\"40\" value=\"%s\"></div>"
            "<div class=\"field\"><label for=\"f-id_value-%d\">%s</label><input id=\"f-id_value-%d\" "
            "name=\"id_value\" maxlength=\"80\" autocomplete=\"off\" value=\"%s\"></div></div>",
            (int)i, _("Kind"), (int)i, nth(vals, "id_kind", i), (int)i, _("Number"), (int)i,
            nth(vals, "id_value", i));
    html_printf(
        &b, "<datalist id=\"id-kinds\"><option value=\"health_insurance\"><option value=\"hospital_record\">"
            "<option value=\"welfare_case\"></datalist></fieldset>");
    html_printf(
        &b,
        "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button> <a href=\"/clients\">"
        "%s</a></div></form>",
        _("Register"), _("Cancel"));
    page_send(h, status, &b);
}

void pg_client_new(struct hreq *h)
{
    if (!access_may(&h->ctx, RES_CLIENT, ACT_CREATE, 0)) {
        reply_problem(h, 403, _("Forbidden"), _("Your role may not register clients."), NULL);
        return;
    }
    client_form(h, 200, h->query, NULL, NULL, NULL);
}

static json_t *identity_input(struct hreq *h)
{
    json_t *in = json_object();
    for (const char *const *f = cfields; *f; f++)
        if (fstr(h, *f))
            json_object_set_new(in, *f, json_string(fstr(h, *f)));
    return in;
}

static int create_w(struct hreq *h)
{
    return client_create(&h->ctx, page_stashed(h), &h->result);
}

static void create_done(struct hreq *h)
{
    if (h->rc == OK) {
        char loc[64];
        snprintf(loc, sizeof loc, "/clients/%lld?msg=created", (long long)page_int(h->result, "id"));
        reply_redirect(h, loc);
    } else if (h->rc == ERR_INVALID || h->rc == ERR_DUPLICATE) {
        json_t *cands = json_object_get(h->ctx.extra, "candidates");
        client_form(h, h->rc == ERR_INVALID ? 400 : 409, h->body, h->ctx.errors, h->ctx.msg, cands);
    } else {
        reply_core_error(h, h->rc);
    }
}

void pg_client_create(struct hreq *h)
{
    json_t *in = identity_input(h), *ids = json_array();
    for (size_t i = 0; i < 10; i++) {
        const char *k = nth(h->body, "id_kind", i), *v = nth(h->body, "id_value", i);
        if (*k || *v)
            json_array_append_new(ids, json_pack("{s:s,s:s}", "kind", k, "value", v));
    }
    json_object_set_new(in, "identifiers", ids);
    if (str_eq(fstr(h, "confirm_new"), "1"))
        json_object_set_new(in, "confirm_new", json_true());
    page_stash(h, in);
    http_write(h, create_w, create_done);
}

/* ---- the client page ---- */

static void fact(struct buf *b, const char *label, const char *value)
{
    if (value && *value)
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", label, value);
}

static void full_page(struct hreq *h, int status, json_t *c, const struct fstate *fs)
{
    int64_t id = page_int(c, "id");
    struct buf b, t;
    buf_init(&b);
    buf_init(&t);
    html_printf(&t, "%s %s", jstr(c, "given_name"), jstr(c, "family_name"));
    ui_begin(h, &b, t.data);
    buf_free(&t);
    page_bg_banner(&b, c);
    page_risk_banner(h, &b, c);
    page_flash(h, &b);
    char l1[80], l2[80];
    buf_adds(&b, "<div class=\"page-head\"><div><h1 id=\"client-name\">");
    page_name(&b, c);
    html_printf(&b, "</h1><p class=\"facts\">%D %s · %s · %s %s", page_int(c, "age"), _("years"),
                ui_label(jstr(c, "life_stage"), l1, sizeof l1), _("born"), jstr(c, "birth_date"));
    if (*jstr(c, "sex"))
        html_printf(&b, " · %s", ui_label(jstr(c, "sex"), l2, sizeof l2));
    if (*jstr(c, "language"))
        html_printf(&b, " · %s", jstr(c, "language"));
    buf_adds(&b, "</p></div><p class=\"actions\">"); /* only what the table allows */
    if (access_may(&h->ctx, RES_CONTACT, ACT_CREATE, id))
        html_printf(&b, "<a class=\"button primary\" href=\"/clients/%D/contacts/new\" id=\"record-contact\">%s</a> ",
                    id, _("Record a contact"));
    if (access_may(&h->ctx, RES_CLIENT, ACT_UPDATE, id))
        html_printf(&b, "<a class=\"button\" href=\"/clients/%D/edit\">%s</a> ", id, _("Edit details"));
    if (access_may(&h->ctx, RES_ACCESS_LOG, ACT_READ, id))
        html_printf(&b, "<a class=\"button\" href=\"/clients/%D/access-log\" id=\"access-log-link\">%s</a> ", id,
                    _("Access log"));
    html_printf(&b, "<a class=\"button danger\" href=\"/clients/%D/crisis\" id=\"crisis-link\">%s</a></p></div>", id,
                _("Crisis view"));
    if (fs)
        ui_errors_summary(&b, fs->errs, fs->msg);
    assess_result(h, &b, c);
    buf_adds(&b, "<div class=\"columns\"><div class=\"side-col\">");
    html_printf(&b,
                "<section class=\"card\" id=\"identity\" aria-labelledby=\"id-h\"><h2 id=\"id-h\">%s</h2>"
                "<dl class=\"facts-list\">",
                _("Contact and identity"));
    if (*jstr(c, "phone"))
        html_printf(&b, "<dt>%s</dt><dd><a href=\"tel:%s\">%s</a></dd>", _("Phone"), jstr(c, "phone"),
                    jstr(c, "phone"));
    fact(&b, _("Who to call"), jstr(c, "emergency_contacts"));
    fact(&b, _("Address"), jstr(c, "address"));
    fact(&b, _("E-mail"), jstr(c, "email"));
    fact(&b, _("Gender identity"), jstr(c, "gender_identity"));
    fact(&b, _("Registered at"), jstr(c, "organisation"));
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(c, "identifiers"), i, x)
    {
        char kl[80];
        html_printf(&b, "<dt>%s</dt><dd class=\"mono\">%s</dd>", ui_label(jstr(x, "kind"), kl, sizeof kl),
                    jstr(x, "value"));
    }
    buf_adds(&b, "</dl>");
    json_t *links = json_object_get(c, "links");
    if (json_array_size(links)) {
        html_printf(&b, "<h3>%s</h3><ul class=\"plain links\" id=\"links\">", _("Possibly the same person"));
        json_array_foreach(links, i, x)
        {
            html_printf(&b, "<li><a href=\"/clients/%D\">", page_int(x, "id"));
            page_name(&b, x);
            html_printf(&b, "</a> <span class=\"muted small\">%s</span></li>", _(jstr(x, "reason")));
        }
        buf_adds(&b, "</ul>");
    }
    buf_adds(&b, "</section>");
    care_tasks(h, &b, c, fs);
    risk_client_side(h, &b, c, fs);
    buf_adds(&b, "</div><div class=\"main-col\">");
    assess_client_section(h, &b, c);
    risk_client_main(h, &b, c, fs);
    care_sections(h, &b, c, fs);
    buf_adds(&b, "</div></div>");
    page_send(h, status, &b);
}

void client_page(struct hreq *h, int64_t client_id, int status, const struct fstate *fs)
{
    json_t *c = NULL;
    int rc = client_get(&h->ctx, client_id, &c);
    if (rc != OK) {
        page_client_error(h, rc);
        return;
    }
    char here[48];
    snprintf(here, sizeof here, "/clients/%lld", (long long)client_id);
    if (str_eq(jstr(json_object_get(c, "access"), "level"), "full"))
        full_page(h, status, c, fs);
    else
        page_client_limited(h, status, c, here, fs);
    json_decref(c);
}

void pg_client(struct hreq *h)
{
    client_page(h, h->id[0], 200, NULL);
}

/* ---- editing identity ---- */

static void edit_form(struct hreq *h, int status, json_t *c, json_t *vals, json_t *errs, const char *msg)
{
    int64_t id = page_int(c, "id");
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Edit details"));
    page_client_head(h, &b, c, _("Edit details"));
    if (status == 409)
        html_printf(&b,
                    "<div class=\"alert\" role=\"alert\" id=\"conflict\"><p><strong>%s</strong> %s</p><p>"
                    "<a href=\"/clients/%D/edit\">%s</a></p></div>",
                    _("Someone else changed this record since you opened it."),
                    _("Your changes below were not saved."), id, _("Reload the current record"));
    else
        ui_errors_summary(&b, errs, msg);
    html_printf(&b, "<form method=\"post\" action=\"/clients/%D/edit\" id=\"client-form\" class=\"card\">",
                id);
    ui_csrf(h, &b);
    html_printf(&b, "<input type=\"hidden\" name=\"version\" value=\"%s\">", jstr(vals, "version"));
    identity_fields(&b, vals, errs);
    html_printf(&b,
                "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">%s</button> <a "
                "href=\"/clients/%D\">"
                "%s</a></div></form>",
                _("Save"), id, _("Cancel"));
    page_send(h, status, &b);
}

void pg_client_edit(struct hreq *h)
{
    char here[64];
    snprintf(here, sizeof here, "/clients/%lld/edit", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here);
    if (!c)
        return;
    json_t *vals = json_object();
    for (const char *const *f = cfields; *f; f++)
        json_object_set_new(vals, *f, json_string(jstr(c, *f)));
    char v[24];
    snprintf(v, sizeof v, "%lld", (long long)page_int(c, "version"));
    json_object_set_new(vals, "version", json_string(v));
    edit_form(h, 200, c, vals, NULL, NULL);
    json_decref(vals);
    json_decref(c);
}

static int update_w(struct hreq *h)
{
    return client_update(&h->ctx, h->id[0], h->if_match, page_stashed(h), &h->result);
}

static void update_done(struct hreq *h)
{
    char loc[64];
    snprintf(loc, sizeof loc, "/clients/%lld", (long long)h->id[0]);
    if (h->rc == OK) {
        page_redirect_msg(h, loc, "saved");
        return;
    }
    if (h->rc != ERR_INVALID && h->rc != ERR_CONFLICT) {
        page_client_error(h, h->rc);
        return;
    }
    int status = h->rc == ERR_INVALID ? 400 : 409;
    json_t *errs = json_incref(h->ctx.errors);
    char msg[256];
    snprintf(msg, sizeof msg, "%s", h->ctx.msg);
    json_t *c = page_client_sub(h, h->id[0], loc);
    if (c)
        edit_form(h, status, c, h->body, errs, msg);
    json_decref(c);
    json_decref(errs);
}

void pg_client_update(struct hreq *h)
{
    page_stash(h, identity_input(h));
    http_write(h, update_w, update_done);
}

/* ---- who looked ---- */

static const struct {
    const char *action, *label;
} actions[] = {
    {"client.read", N_("Opened the record")},
    {"client.read_limited", N_("Looked the client up")},
    {"client.create", N_("Registered the client")},
    {"client.update", N_("Changed identity details")},
    {"client.history", N_("Read earlier identity details")},
    {"client.access_log", N_("Read this access log")},
    {"episode.list", N_("Read episodes and care teams")},
    {"episode.create", N_("Opened an episode of care")},
    {"episode.update", N_("Changed an episode")},
    {"episode.discharge", N_("Discharged an episode")},
    {"team.add", N_("Added a care-team member")},
    {"team.end", N_("Ended a care-team membership")},
    {"contact.list", N_("Read contacts")},
    {"contact.read", N_("Read a contact")},
    {"contact.create", N_("Recorded a contact")},
    {"contact.correct", N_("Corrected a contact")},
    {"task.list", N_("Read tasks")},
    {"task.create", N_("Added a task")},
    {"task.update", N_("Changed a task")},
    {"breakglass.open", N_("Emergency access (break-glass)")},
    {"breakglass.review", N_("Emergency access reviewed")},
    {"assessment.create", N_("Scored an assessment")},
    {"assessment.read", N_("Read an assessment")},
    {"assessment.list", N_("Read assessments")},
    {"assessment.trajectory", N_("Read a score trajectory")},
    {"flag.raise", N_("Raised a risk flag")},
    {"flag.list", N_("Read risk flags")},
    {"flag.review", N_("Reviewed a risk flag")},
    {"client.crisis_view", N_("Opened the crisis view")},
    {"crisis.list", N_("Read crisis events")},
    {"crisis.record", N_("Recorded a crisis event")},
    {"safety_plan.read", N_("Read the safety plan")},
    {"safety_plan.history", N_("Read the safety plan's history")},
    {"safety_plan.save", N_("Saved the safety plan")},
    {"hospitalisation.list", N_("Read hospital stays")},
    {"hospitalisation.admit", N_("Recorded a hospital admission")},
    {"hospitalisation.discharge", N_("Recorded a hospital discharge")},
};

static const char *action_label(const char *a)
{
    for (size_t i = 0; i < ARRAY_LEN(actions); i++)
        if (str_eq(actions[i].action, a))
            return _(actions[i].label);
    return a;
}

void pg_access_log(struct hreq *h)
{
    char here[64];
    snprintf(here, sizeof here, "/clients/%lld/access-log", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here), *rows = NULL;
    if (!c)
        return;
    struct page pg = {qstr(h, "after"), 0};
    int rc = audit_client_report(&h->ctx, h->id[0], &pg, &rows);
    if (rc != OK) {
        json_decref(c);
        page_client_error(h, rc);
        return;
    }
    json_t *env = rows;
    rows = json_incref(json_object_get(env, "items"));
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Access log"));
    page_client_head(h, &b, c, _("Access log"));
    html_printf(
        &b, "<p class=\"muted\">%s</p>",
        _("Everyone who opened or changed this record, newest first: the client may ask to see this."));
    html_printf(
        &b,
        "<table class=\"list\" id=\"access-log\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
        "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
        "<tbody>",
        _("When"), _("Who"), _("Organisation"), _("What"), _("Why"));
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        char rl[64], pl[64];
        int denied = !str_eq(jstr(r, "outcome"), "ok");
        html_printf(&b, "<tr class=\"%s\" data-action=\"%s\"><td class=\"date\" data-label=\"%s\">",
                    denied ? "denied" : "", jstr(r, "action"), _("When"));
        page_when(&b, jstr(r, "at"));
        html_printf(
            &b,
            "</td><td data-label=\"%s\">%s <span class=\"muted small\">%s</span></td><td data-label=\"%s\">"
            "%s</td><td data-label=\"%s\">%s",
            _("Who"), jstr(r, "staff"), ui_label(jstr(r, "role"), rl, sizeof rl), _("Organisation"),
            jstr(r, "organisation"), _("What"), action_label(jstr(r, "action")));
        if (denied)
            html_printf(&b, " <span class=\"badge overdue\">%s</span>", _("refused"));
        html_printf(&b, "</td><td data-label=\"%s\">%s", _("Why"),
                    ui_label(jstr(r, "purpose"), pl, sizeof pl));
        if (*jstr(r, "reason"))
            html_printf(&b, ": <q>%s</q>", jstr(r, "reason"));
        buf_adds(&b, "</td></tr>");
    }
    buf_adds(&b, "</tbody></table>");
    snprintf(here, sizeof here, "/clients/%lld/access-log?", (long long)h->id[0]);
    page_more(&b, env, here, _("Older entries"), "access-log-older");
    json_decref(env);
    json_decref(rows);
    json_decref(c);
    page_send(h, 200, &b);
}

/* ---- break-glass ---- */

static int bg_w(struct hreq *h)
{
    const char *hs = fstr(h, "hours");
    int64_t n = 0;
    if (hs && *hs && parse_int64(hs, &n) != 0)
        n = -1;
    if (n < -1 || n > 1000)
        n = -1;
    return breakglass_open(&h->ctx, h->id[0], fstr(h, "reason"), (int)n, &h->result);
}

static void bg_done(struct hreq *h)
{
    char def[48];
    snprintf(def, sizeof def, "/clients/%lld", (long long)h->id[0]);
    const char *next = page_safe_next(fstr(h, "next"), def);
    if (h->rc == OK) {
        page_redirect_msg(h, next, "bg");
        return;
    }
    if (h->rc != ERR_INVALID) {
        page_client_error(h, h->rc);
        return;
    }
    struct fstate fs = {.form = "bg", .vals = h->body, .errs = json_incref(h->ctx.errors)};
    char msg[256];
    snprintf(msg, sizeof msg, "%s", h->ctx.msg);
    fs.msg = msg;
    json_t *c = NULL;
    int rc = client_get(&h->ctx, h->id[0], &c);
    if (rc != OK)
        page_client_error(h, rc);
    else if (str_eq(jstr(json_object_get(c, "access"), "level"), "full"))
        reply_redirect(h, next); /* access is already open: nothing to ask */
    else
        page_client_limited(h, 400, c, next, &fs);
    json_decref(c);
    json_decref(fs.errs);
}

void pg_break_glass(struct hreq *h)
{
    http_write(h, bg_w, bg_done);
}
