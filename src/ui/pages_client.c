/* pages_client: finding a client, registering one (with the duplicate check), the client page
 * (full, or limited with break-glass), editing identity, and the client's access log. */
#include "ui/pages.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const cfields[] = {"given_name",     "family_name",     "preferred_name",     "birth_date",
                                      "sex",            "gender_identity", "language",           "phone",
                                      "email",          "address",         "emergency_contacts", "name_order",
                                      "address_detail", "postal_code",     "address_country",    NULL};

/* The name-order choices (auto is the empty choice: the order the name's script asks for). */
static json_t *name_order_opts(void)
{
    return json_pack("{s:[[s,s],[s,s]]}", "name_order", "family_first", _("Family name first (Wu Xiaoling)"),
                     "given_first", _("Given name first (Xiaoling Wu)"));
}

/* ---- search ---- */

static const struct form_field search_fields[] = {
    ROW(3),
    F("q", FI_SEARCH, N_("Name"), 0, .attrs = " autocomplete=\"off\" autofocus spellcheck=\"false\""),
    F("birth_date", FI_DATE, N_("Date of birth"), 0),
    F("identifier", FI_TEXT, N_("Identifier"), 0, .attrs = " autocomplete=\"off\""),
    ROW_END,
    {0},
};
static const struct form form_search = {
    .id = "search-form",
    .method = "get",
    .action = "/clients",
    .cls = "card search",
    .attrs = " role=\"search\"",
    .submit = N_("Search"),
    .button = "primary",
    .note = N_("Type any part of a name (김, 민지, 김 민지, ㄱㅁㅈ, wu) or of a phone number. You find the clients "
               "you work with and the clients of your organisation."),
    .fields = search_fields};

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
    struct fstate fs = {.form = &form_search, .errs = h->ctx.errors};
    form_failure(&b, h->ctx.errors ? &fs : NULL);
    form_show(h, &b, &form_search, &(struct form_view){.vals = h->query, .errs = h->ctx.errors});
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
                    html_printf(&b, "<span class=\"tag\">%s</span> ", ui_vlabel("programme", one, l, sizeof l));
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

/* The identifiers: two pairs of kind and number (more come back when typed). */
static void ids_draw(struct form_view *v, const struct form_field *fd)
{
    (void)fd;
    const char *ierr = jstr(v->errs, "identifiers");
    html_printf(v->b, "<fieldset id=\"%s-identifiers\" tabindex=\"-1\" class=\"%s\"><legend>%s</legend>",
                v->pfx, *ierr ? "has-error" : "", _("Identifiers (optional)"));
    if (*ierr)
        html_printf(v->b, "<p class=\"field-error\">%s</p>", ierr);
    for (size_t i = 0; i < 2; i++)
        html_printf(
            v->b,
            "<div class=\"row2\"><div class=\"field\"><label for=\"%s-id_kind-%d\">%s</label><input "
            "id=\"%s-id_kind-%d\" name=\"id_kind\" list=\"id-kinds\" maxlength=\"40\" value=\"%s\"></div>"
            "<div class=\"field\"><label for=\"%s-id_value-%d\">%s</label><input id=\"%s-id_value-%d\" "
            "name=\"id_value\" maxlength=\"80\" autocomplete=\"off\" value=\"%s\"></div></div>",
            v->pfx, (int)i, _("Kind"), v->pfx, (int)i, nth(v->vals, "id_kind", i), v->pfx, (int)i,
            _("Number"), v->pfx, (int)i, nth(v->vals, "id_value", i));
    buf_adds(v->b,
             "<datalist id=\"id-kinds\"><option value=\"health_insurance\"><option value=\"hospital_record\">"
             "<option value=\"welfare_case\"></datalist></fieldset>");
}

static void ids_parse(struct hreq *h, const struct form_field *fd, json_t *in)
{
    (void)fd;
    json_t *ids = json_array();
    for (size_t i = 0; i < 10; i++) {
        const char *k = nth(h->body, "id_kind", i), *v = nth(h->body, "id_value", i);
        if (*k || *v)
            json_array_append_new(ids, json_pack("{s:s,s:s}", "kind", k, "value", v));
    }
    json_object_set_new(in, "identifiers", ids);
}

#define IDENTITY_FIELDS                                                                                      \
    FIELDSET(N_("Name")), ROW(3),                                                                            \
        F("given_name", FI_TEXT, N_("Given name"), FF_REQ,                                                   \
          .attrs = " autocomplete=\"off\" maxlength=\"100\""),                                               \
        F("family_name", FI_TEXT, N_("Family name"), FF_REQ,                                                 \
          .attrs = " autocomplete=\"off\" maxlength=\"100\""),                                               \
        F("preferred_name", FI_TEXT, N_("Preferred name"), 0, .attrs = " maxlength=\"100\""), ROW_END,       \
        F("name_order", FI_SELECT, N_("Name order"), 0,                                                      \
          .none = N_("As the name is written: 김민지, Xiaoling Wu"),                                            \
          .hint = N_("How the name is shown on every page. Hangul names are shown family name first.")),      \
        FIELDSET_END, FIELDSET(N_("Birth and identity")), ROW(3),                                            \
        F("birth_date", FI_DATE, N_("Date of birth"), FF_REQ),                                               \
        F("sex", FI_SELECT, N_("Sex"), 0, .choices = client_sexes),                                                 \
        F("gender_identity", FI_TEXT, N_("Gender identity"), 0, .attrs = " maxlength=\"60\""),               \
        F("language", FI_TEXT, N_("Language"), 0, .attrs = " maxlength=\"40\""), ROW_END, FIELDSET_END,      \
        FIELDSET(NC_("contact details", "Contact")), ROW(2), F("phone", FI_TEL, N_("Phone"), 0, .attrs = " maxlength=\"40\"",      \
          .hint = N_("010-1234-5678, 02-123-4567; +82 or another country's + form")),                          \
        F("email", FI_EMAIL, N_("E-mail"), 0, .attrs = " maxlength=\"200\""), ROW_END,                       \
        F("address", FI_TEXT, N_("Address"), 0, .attrs = " maxlength=\"400\" autocomplete=\"street-address\"",\
          .hint = N_("In Korea the road-name address: city, district, road and building number (한빛시 강변구 "    \
                     "한강로12길 3)")),                                                                         \
        ROW(3),                                                                                              \
        F("address_detail", FI_TEXT, N_("Address details"), 0, .attrs = " maxlength=\"200\"",                 \
          .hint = N_("Building, floor, flat (5층 502호)")),                                                  \
        F("postal_code", FI_TEXT, N_("Postal code"), 0,                                                     \
          .attrs = " maxlength=\"12\" autocomplete=\"postal-code\" inputmode=\"numeric\"",                   \
          .hint = N_("Five digits in Korea")),                                                              \
        F("address_country", FI_TEXT, N_("Country"), 0, .attrs = " maxlength=\"2\" autocomplete=\"country\"", \
          .hint = N_("Empty for Korea; otherwise two letters (GB)")),                                        \
        ROW_END,                                                                                             \
        F("emergency_contacts", FI_TEXTAREA, N_("Who to call in an emergency"), 0, .rows = 3), FIELDSET_END

static void new_page(struct hreq *h, int status, const struct fstate *fs);
static const struct form_field new_fields[] = {
    IDENTITY_FIELDS,
    F("identifiers", FI_CUSTOM, N_("Identifiers"), 0, .draw = ids_draw, .parse = ids_parse),
    F("confirm_new", FI_CHECK, NULL, FF_NODRAW | FF_BOOL),
    {0},
};
static const struct form form_new = {.id = "client-form",
                                     .action = "/clients",
                                     .box = "card",
                                     .submit = N_("Register"),
                                     .button = "primary",
                                     .flash = "created",
                                     .done = "/clients/{r.id}",
                                     .cancel = "/clients",
                                     .fields = new_fields,
                                     .make = client_create,
                                     .page = new_page};

static void edit_page(struct hreq *h, int status, const struct fstate *fs);
static const struct form_field edit_fields[] = {F("version", FI_HIDDEN, NULL, 0), IDENTITY_FIELDS, {0}};
static const struct form form_edit = {.id = "client-form",
                                      .action = "/clients/{id}/edit",
                                      .box = "card",
                                      .submit = N_("Save"),
                                      .button = "primary",
                                      .flash = "saved",
                                      .done = "/clients/{id}",
                                      .reload = "/clients/{id}/edit",
                                      .cancel = "/clients/{id}",
                                      .fields = edit_fields,
                                      .update = client_update,
                                      .page = edit_page,
                                      .flags = FORM_CLIENT_PATH};

static void new_page(struct hreq *h, int status, const struct fstate *fs)
{
    if (!access_may(&h->ctx, RES_CLIENT, ACT_CREATE, 0)) {
        reply_problem(h, 403, _("Forbidden"), _("Your role may not register clients."), NULL);
        return;
    }
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, _("Register a new client"));
    html_printf(&b, "<p class=\"crumbs\"><a href=\"/clients\">← %s</a></p><h1>%s</h1>", _("Find a client"),
                _("Register a new client"));
    page_flash(h, &b);
    page_duplicates(&b, fs, "client-form", _("Register"));
    json_t *opts = name_order_opts();
    form_show(h, &b, &form_new, &(struct form_view){.vals = h->query, .opts = opts, .fs = fs});
    json_decref(opts);
    page_send(h, status, &b);
}

void pg_client_new(struct hreq *h)
{
    new_page(h, 200, NULL);
}

void pg_client_create(struct hreq *h)
{
    form_post(h, &form_new);
}

/* ---- the client page ---- */

/* The registered client-page sections (CLIENT_SECTION), gathered by the linker in the section
 * hearth_client_sections and sorted by key once. A key in neither column, or two sections with one
 * key, stops the process (test_routes asks for them). */
extern const struct client_section *const __start_hearth_client_sections[], *const __stop_hearth_client_sections[];
static const struct client_section **sorted_sections;
static int nsorted_sections;
static pthread_once_t sections_once = PTHREAD_ONCE_INIT;

static int section_by_key(const void *a, const void *b)
{
    return strcmp((*(const struct client_section *const *)a)->key, (*(const struct client_section *const *)b)->key);
}

static void sort_sections(void)
{
    int n = (int)(__stop_hearth_client_sections - __start_hearth_client_sections);
    const struct client_section **t = calloc((size_t)n + 1, sizeof *t);
    if (!t)
        abort();
    for (int i = 0; i < n; i++)
        t[i] = __start_hearth_client_sections[i];
    qsort(t, (size_t)n, sizeof *t, section_by_key);
    for (int i = 0; i < n; i++)
        if ((strncmp(t[i]->key, "side-", 5) != 0 && strncmp(t[i]->key, "main-", 5) != 0) ||
            (i > 0 && str_eq(t[i - 1]->key, t[i]->key))) {
            log_error("client-page section %s: its key starts with neither side- nor main-, or is taken twice",
                      t[i]->key);
            abort(); /* a page file is wrong: no client page may leave a section out */
        }
    sorted_sections = t;
    nsorted_sections = n;
}

const struct client_section *const *client_sections(int *n)
{
    pthread_once(&sections_once, sort_sections);
    *n = nsorted_sections;
    return sorted_sections;
}

static void fact(struct buf *b, const char *label, const char *value)
{
    if (value && *value)
        html_printf(b, "<dt>%s</dt><dd>%s</dd>", label, value);
}

/* ---- look-alike links: the same person, or different people ---- */

static int link_run(struct hreq *h, json_t *in)
{
    return client_link_decide(&h->ctx, h->id[0], in, &h->result);
}
static const struct form_field link_fields[] = {F("next", FI_HIDDEN, NULL, 0), F("state", FI_HIDDEN, NULL, FF_IN), {0}};
static const struct form form_link_same = {.id = "link-same",
                                           .pfx = "ls",
                                           .action = "/client-links/{id}/decision",
                                           .cls = "inline",
                                           .submit = N_("The same person"),
                                           .button = "small",
                                           .flash = "link",
                                           .done = "/clients",
                                           .fields = link_fields,
                                           .run = link_run,
                                           .flags = FORM_MANY | FORM_NEXT};
static const struct form form_link_diff = {.id = "link-diff",
                                           .pfx = "ld",
                                           .action = "/client-links/{id}/decision",
                                           .cls = "inline",
                                           .submit = N_("Different people"),
                                           .button = "small",
                                           .confirm = N_("Dismiss this possible duplicate? It will no longer be shown."),
                                           .flash = "link",
                                           .done = "/clients",
                                           .fields = link_fields,
                                           .run = link_run,
                                           .flags = FORM_MANY | FORM_NEXT};

static void pg_link_decide(struct hreq *h)
{
    form_post(h, &form_link_same); /* both forms post the same fields */
}

/* The possible duplicates of the record: named when the reader may find them, else where they are held;
 * a suggestion is decided here by those the table lets (client_link review). */
static void links_list(struct hreq *h, struct buf *b, int64_t id, json_t *links)
{
    if (!json_array_size(links))
        return;
    int decide = access_may(&h->ctx, RES_CLIENT_LINK, ACT_REVIEW, id);
    char next[64];
    snprintf(next, sizeof next, "/clients/%lld#links", (long long)id);
    html_printf(b, "<h3>%s</h3><ul class=\"plain links\" id=\"links\">", _("Possibly the same person"));
    size_t i;
    json_t *x;
    json_array_foreach(links, i, x)
    {
        int64_t lid = page_int(x, "link_id");
        int hidden = json_is_true(json_object_get(x, "hidden"));
        html_printf(b, "<li data-link-id=\"%D\">", lid);
        if (hidden) {
            html_printf(b, _("A record at %s"), jstr(x, "organisation"));
        } else {
            html_printf(b, "<a href=\"/clients/%D\">", page_int(x, "id"));
            page_name(b, x);
            buf_adds(b, "</a>");
        }
        html_printf(b, " <span class=\"muted small\">%s</span>", _(jstr(x, "reason")));
        if (str_eq(jstr(x, "state"), "same_person")) {
            html_printf(b, " <span class=\"badge ok\">%s</span> <span class=\"muted small\">%s ", _("the same person"),
                        jstr(x, "decided_by_name"));
            page_when(b, jstr(x, "decided_at"));
            buf_adds(b, "</span>");
        } else if (decide && !hidden) {
            json_t *same = json_pack("{s:s,s:s}", "next", next, "state", "same_person");
            json_t *diff = json_pack("{s:s,s:s}", "next", next, "state", "different");
            buf_adds(b, " ");
            form_show(h, b, &form_link_same, &(struct form_view){.target = lid, .hidden = same});
            form_show(h, b, &form_link_diff, &(struct form_view){.target = lid, .hidden = diff});
            json_decref(same);
            json_decref(diff);
        }
        buf_adds(b, "</li>");
    }
    buf_adds(b, "</ul>");
}

#define A ROLES_ANY
static const struct route ui_client_link_routes[] = {
    {"POST", "/client-links/{id}/decision", pg_link_decide, A, 0},
    {0},
};
#undef A
HTTP_ROUTES(ui_client_link_routes, "ui-1-pages-links");

static void full_page(struct hreq *h, int status, json_t *c, const struct fstate *fs)
{
    int64_t id = page_int(c, "id");
    struct buf b, t;
    buf_init(&b);
    buf_init(&t);
    char nm[256];
    page_name_text(c, nm, sizeof nm);
    html_printf(&t, "%s", nm);
    ui_begin(h, &b, t.data);
    buf_free(&t);
    page_bg_banner(&b, c);
    page_risk_banner(h, &b, c);
    int64_t basis = access_shared_basis(&h->ctx, id);
    if (basis) { /* another organisation: say why it sees the record, and that it sees only a part */
        html_printf(&b, "<div class=\"banner info\" id=\"shared-banner\"><p>");
        html_printf(&b, _("Shared with your organisation through the client's consent no. %D: you see only what "
                          "the client agreed to share, and only to read."),
                    basis);
        buf_adds(&b, "</p></div>");
    } else if ((basis = access_shared_referral(&h->ctx, id))) { /* through a referral to us */
        html_printf(&b, "<div class=\"banner info\" id=\"shared-banner\"><p>");
        html_printf(&b, _("Shared with your organisation through referral no. %D: you see only the parts of the "
                          "record the referral shares, and only to read."),
                    basis);
        html_printf(&b, " <a href=\"/referrals/%D\">%s</a></p></div>", basis, _("Open the referral"));
    }
    page_flash(h, &b);
    char l1[80], l2[80];
    buf_adds(&b, "<div class=\"page-head\"><div><h1 id=\"client-name\">");
    page_name(&b, c);
    buf_adds(&b, "</h1><p class=\"facts\">");
    /* TRANSLATORS: a person's age in years ("44 years", Korean "44세") */
    html_printf(&b, _("%D years"), page_int(c, "age"));
    html_printf(&b, " · %s · %s %s", ui_vlabel("life stage", jstr(c, "life_stage"), l1, sizeof l1), _("born"),
                jstr(c, "birth_date"));
    if (*jstr(c, "sex"))
        html_printf(&b, " · %s", ui_vlabel("sex", jstr(c, "sex"), l2, sizeof l2));
    if (*jstr(c, "language"))
        html_printf(&b, " · %s", page_language_name(jstr(c, "language")));
    buf_adds(&b, "</p></div><p class=\"actions\">"); /* only what the table allows */
    if (access_may(&h->ctx, RES_CONTACT, ACT_CREATE, id))
        html_printf(
            &b, "<a class=\"button primary\" href=\"/clients/%D/contacts/new\" id=\"record-contact\">%s</a> ",
            id, _("Record a contact"));
    if (access_may(&h->ctx, RES_CLIENT, ACT_UPDATE, id))
        html_printf(&b, "<a class=\"button\" href=\"/clients/%D/edit\">%s</a> ", id, _("Edit details"));
    if (access_may(&h->ctx, RES_ACCESS_LOG, ACT_READ, id))
        html_printf(&b, "<a class=\"button\" href=\"/clients/%D/access-log\" id=\"access-log-link\">%s</a> ",
                    id, _("Access log"));
    /* the table's read of crisis events: not another organisation without the risk class, not a peer
     * supporter (who sees when a crisis happened, not what: issue 11 §4) */
    if (access_may(&h->ctx, RES_CRISIS, ACT_READ, id))
        html_printf(&b, "<a class=\"button danger\" href=\"/clients/%D/crisis\" id=\"crisis-link\">%s</a>", id,
                    _("Crisis view"));
    buf_adds(&b, "</p></div>");
    form_failure(&b, fs);
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
    char addr[800];
    address_line(addr, sizeof addr, jstr(c, "address"), jstr(c, "address_detail"), jstr(c, "postal_code"),
                 jstr(c, "address_country"));
    fact(&b, _("Address"), addr);
    fact(&b, _("E-mail"), jstr(c, "email"));
    fact(&b, _("Gender identity"), jstr(c, "gender_identity"));
    fact(&b, _("Registered at"), jstr(c, "organisation"));
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(c, "identifiers"), i, x)
    {
        /* an identifier's kind is the issuing system's own code ("hearth-demo"), shown as it is */
        html_printf(&b, "<dt class=\"mono\"><code>%s</code></dt><dd class=\"mono\">%s</dd>", jstr(x, "kind"),
                    jstr(x, "value"));
    }
    buf_adds(&b, "</dl>");
    links_list(h, &b, id, json_object_get(c, "links"));
    buf_adds(&b, "</section>");
    int nsec = 0;
    const struct client_section *const *sec = client_sections(&nsec);
    for (int k = 0; k < nsec; k++)
        if (strncmp(sec[k]->key, "side-", 5) == 0)
            sec[k]->fn(h, &b, c, fs);
    buf_adds(&b, "</div><div class=\"main-col\">");
    for (int k = 0; k < nsec; k++)
        if (strncmp(sec[k]->key, "main-", 5) == 0)
            sec[k]->fn(h, &b, c, fs);
    buf_adds(&b, "</div></div>");
    page_send(h, status, &b);
}

void client_page(struct hreq *h, int64_t client_id, int status, const struct fstate *fs)
{
    json_t *c = NULL;
    audit_view(&h->ctx); /* one audit record for the page: the sections it read */
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

static void edit_page(struct hreq *h, int status, const struct fstate *fs)
{
    char here[64];
    snprintf(here, sizeof here, "/clients/%lld/edit", (long long)h->id[0]);
    json_t *c = page_client_sub(h, h->id[0], here);
    if (!c)
        return;
    json_t *vals = json_object();
    for (const char *const *f = cfields; *f; f++)
        json_object_set_new(vals, *f, json_string(jstr(c, *f)));
    json_object_set_new(vals, "version", json_integer(page_int(c, "version")));
    json_t *opts = name_order_opts();
    form_client_page(h, status, c, _("Edit details"), NULL, &form_edit,
                     &(struct form_view){.target = h->id[0], .vals = vals, .opts = opts, .fs = fs});
    json_decref(opts);
    json_decref(vals);
    json_decref(c);
}

void pg_client_edit(struct hreq *h)
{
    edit_page(h, 200, NULL);
}

void pg_client_update(struct hreq *h)
{
    form_post(h, &form_edit);
}

/* ---- who looked ---- */

static const struct {
    const char *action, *label;
} actions[] = {
    {"client.view", N_("Opened the record")},
    {"client.read", N_("Opened the record")},
    {"client.read_limited", N_("Looked the client up")},
    {"client.search", N_("Saw the client in search results")},
    {"client.duplicate_check", N_("Saw the client as a possible duplicate")},
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
    {"episode_open.review", N_("Reviewed an episode opened on another worker's client")},
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
    {"eligibility.evaluate", N_("Evaluated eligibility for a programme")},
    {"eligibility.list", N_("Read eligibility decisions")},
    {"eligibility.decide", N_("Decided eligibility for a programme")},
    {"consent.list", N_("Read consents")},
    {"consent.read", N_("Read a consent")},
    {"consent.create", N_("Recorded a consent")},
    {"consent.withdraw", N_("Withdrew a consent")},
};

/* The table's own words, else the access table's verb and noun (every registered action has them). */
static const char *action_label(const char *a, char *out, size_t len)
{
    for (size_t i = 0; i < ARRAY_LEN(actions); i++)
        if (str_eq(actions[i].action, a))
            return _(actions[i].label);
    return a && access_action_words(a, out, len) == 0 ? out : a;
}

/* Why, in words a client reads: the purpose of the record. */
static const char *purpose_label(const char *p)
{
    static const struct {
        const char *purpose, *label;
    } purposes[] = {
        {"care", N_("Care team")},
        {"on call", N_("On call")},
        {"break-glass", N_("Emergency access (break-glass)")},
        {"shared", N_("Shared with consent")},
        {"search", N_("Search")},
    };
    for (size_t i = 0; i < ARRAY_LEN(purposes); i++)
        if (str_eq(purposes[i].purpose, p))
            return _(purposes[i].label);
    return p ? p : "";
}

/* "through consent no. 12: care coordination", linked to the consent (or the referral). */
static void access_basis(struct buf *b, json_t *basis)
{
    int64_t n = page_int(basis, "id");
    if (str_eq(jstr(basis, "kind"), "referral")) {
        html_printf(b, " <a class=\"basis\" href=\"/referrals/%D\">", n);
        html_printf(b, _("through referral no. %D"), n);
        buf_adds(b, "</a>");
        return;
    }
    char l[80];
    html_printf(b, " <a class=\"basis\" href=\"/consents/%D\">", n);
    html_printf(b, _("through consent no. %D"), n);
    html_printf(b, "</a>: %s", consent_purpose_label(jstr(basis, "purpose"), l, sizeof l));
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
        _("Everyone who opened or changed this record, or saw the client in search results, newest first: the "
          "client may ask to see this. One line per page opened, with what it showed."));
    if (!json_array_size(rows) && !pg.after)
        html_printf(&b, "<p class=\"card\" id=\"access-log-empty\">%s</p>",
                    _("Nobody has opened this record yet. This visit is recorded, and shows here from now on."));
    else
        html_printf(&b,
        "<table class=\"list\" id=\"access-log\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
        "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
        "<tbody>",
        _("When"), _("Who"), _("Organisation"), _("What"), _("Why"));
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        char rl[64], al[160];
        int denied = !str_eq(jstr(r, "outcome"), "ok");
        html_printf(&b, "<tr class=\"%s\" data-action=\"%s\"><td class=\"date\" data-label=\"%s\">",
                    denied ? "denied" : "", jstr(r, "action"), _("When"));
        page_when(&b, jstr(r, "at"));
        html_printf(
            &b,
            "</td><td data-label=\"%s\">%s <span class=\"muted small\">%s</span></td><td data-label=\"%s\">"
            "%s</td><td data-label=\"%s\">%s",
            _("Who"), jstr(r, "staff"), ui_vlabel("role", jstr(r, "role"), rl, sizeof rl), _("Organisation"),
            jstr(r, "organisation"), _("What"), action_label(jstr(r, "action"), al, sizeof al));
        if (denied)
            html_printf(&b, " <span class=\"badge overdue\">%s</span>", _("refused"));
        /* A page view: what else it showed, one line (opening the record is said above). */
        json_t *sec = json_object_get(r, "sections");
        if (json_array_size(sec)) {
            html_printf(&b, "<br><span class=\"muted small sections\">");
            size_t k;
            int n = 0;
            json_t *x;
            json_array_foreach(sec, k, x)
            {
                if (!str_eq(json_string_value(x), "client.read"))
                    html_printf(&b, "%s%s", n++ ? " · " : "", action_label(json_string_value(x), al, sizeof al));
            }
            buf_adds(&b, "</span>");
        }
        html_printf(&b, "</td><td data-label=\"%s\">%s", _("Why"), purpose_label(jstr(r, "purpose")));
        json_t *basis = json_object_get(r, "basis");
        if (json_is_object(basis)) /* another organisation: the consent or referral that let it in */
            access_basis(&b, basis);
        else if (*jstr(r, "reason"))
            html_printf(&b, ": <q>%s</q>", jstr(r, "reason"));
        buf_adds(&b, "</td></tr>");
    }
    if (json_array_size(rows) || pg.after)
        buf_adds(&b, "</tbody></table>");
    snprintf(here, sizeof here, "/clients/%lld/access-log?", (long long)h->id[0]);
    page_more(&b, env, here, _("Older entries"), "access-log-older");
    json_decref(env);
    json_decref(rows);
    json_decref(c);
    page_send(h, 200, &b);
}

/* ---- break-glass (the form is page_bg_form's) ---- */

void pg_break_glass(struct hreq *h)
{
    form_post(h, &form_bg);
}
