/* form: the one form engine. A form is described once (struct form in pages.h: its fields with
 * their types, labels and requirements, where it posts, the core call, where to go after) and this
 * file draws it (labels on every field, each field's error next to it, what the user typed kept),
 * turns the POST into the JSON object core expects, runs the core call on the writer, and then
 * redirects (POST-redirect-GET with a notice) or draws the page again with core's errors. */
#include "ui/pages.h"
#include <stdio.h>
#include <string.h>

/* ---- paths ---- */

void page_path(struct hreq *h, char *out, size_t len)
{
    int post = h->req && h->req->method.len == 4 && memcmp(h->req->method.base, "POST", 4) == 0;
    const char *p = post ? page_safe_next(fstr(h, "_page"), NULL) : NULL;
    if (p) {
        snprintf(out, len, "%s", p);
        return;
    }
    out[0] = 0;
    if (!h->req)
        return;
    size_t n = h->req->query_at != SIZE_MAX ? h->req->query_at : h->req->path.len;
    snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1), h->req->path.base);
}

/* The client a form's record belongs to: the path's id for forms on a client's path, else the
 * result's or the form's client_id. */
static int64_t form_client(struct hreq *h, const struct form *f)
{
    if (f->flags & FORM_CLIENT_PATH)
        return h->id[0];
    int64_t c = h->rc == OK ? page_int(h->result, "client_id") : 0;
    return c ? c : page_int(h->body, "client_id");
}

/* A path pattern: {id} the target (the path's id), {client} the client, {r.KEY} a field of the
 * result. */
static void expand(struct hreq *h, const struct form *f, const char *pat, int64_t target, struct buf *out)
{
    buf_reset(out);
    buf_adds(out, "");
    for (const char *p = pat; p && *p; p++) {
        const char *e = *p == '{' ? strchr(p, '}') : NULL;
        if (!e) {
            buf_addc(out, *p);
            continue;
        }
        char key[40];
        snprintf(key, sizeof key, "%.*s", (int)(e - p - 1), p + 1);
        int64_t v = 0;
        if (str_eq(key, "id"))
            v = target;
        else if (str_eq(key, "client"))
            v = form_client(h, f);
        else if (strncmp(key, "r.", 2) == 0)
            v = page_int(h->result, key + 2);
        buf_printf(out, "%lld", (long long)v);
        p = e;
    }
}

/* ---- drawing ---- */

static void field_start(struct form_view *v, const struct form_field *fd)
{
    const char *err = jstr(v->errs, fd->name);
    html_printf(v->b, "<div class=\"field%s\"><label for=\"%s-%s\">%s%r</label>", *err ? " has-error" : "",
                v->pfx, fd->name, _(fd->label),
                fd->flags & FF_REQ ? " <span class=\"req\" aria-hidden=\"true\">*</span>" : "");
    if (fd->hint)
        html_printf(v->b, "<p class=\"hint\" id=\"%s-%s-hint\">%s</p>", v->pfx, fd->name, _(fd->hint));
    if (*err)
        html_printf(v->b, "<p class=\"field-error\" id=\"%s-e-%s\">%s</p>", v->pfx, fd->name, err);
}

/* id, name, required, and what describes the control (its hint, its error). */
static void field_attrs(struct form_view *v, const struct form_field *fd)
{
    int err = *jstr(v->errs, fd->name) != 0;
    html_printf(v->b, " id=\"%s-%s\" name=\"%s\"%r", v->pfx, fd->name, fd->name,
                fd->flags & FF_REQ ? " required" : "");
    if (err)
        buf_adds(v->b, " aria-invalid=\"true\"");
    if (err || fd->hint) {
        buf_adds(v->b, " aria-describedby=\"");
        if (fd->hint)
            html_printf(v->b, "%s-%s-hint%r", v->pfx, fd->name, err ? " " : "");
        if (err)
            html_printf(v->b, "%s-e-%s", v->pfx, fd->name);
        buf_adds(v->b, "\"");
    }
    if (fd->attrs)
        buf_adds(v->b, fd->attrs);
}

/* The value of a field as text ("" when none; integers as digits). */
static const char *val_text(json_t *vals, const char *name, char num[32])
{
    json_t *x = json_object_get(vals, name);
    if (json_is_integer(x)) {
        snprintf(num, 32, "%lld", (long long)json_integer_value(x));
        return num;
    }
    return jstr(vals, name);
}

/* 1 when the field (a string, a number, a boolean, or an array of them) holds value. */
static int has_value(json_t *vals, const char *name, const char *value)
{
    json_t *x = json_object_get(vals, name);
    size_t i, n = json_is_array(x) ? json_array_size(x) : 1;
    for (i = 0; i < n; i++) {
        json_t *e = json_is_array(x) ? json_array_get(x, i) : x;
        char num[32] = "";
        if (json_is_integer(e))
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(e));
        const char *s = json_is_true(e) ? "1" : json_is_string(e) ? json_string_value(e) : num;
        if (str_eq(s, value))
            return 1;
    }
    return 0;
}

static const char *input_type(enum finput t)
{
    switch (t) {
    case FI_DATE:
        return "date";
    case FI_DATETIME:
        return "datetime-local";
    case FI_NUMBER:
        return "number";
    case FI_TEL:
        return "tel";
    case FI_EMAIL:
        return "email";
    case FI_PASSWORD:
        return "password";
    case FI_SEARCH:
        return "search";
    default:
        return "text";
    }
}

json_t *form_staff_choices(struct hreq *h)
{
    json_t *staff = page_staff(h), *out = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(staff, i, s)
    {
        char id[24], rl[64], l[200];
        snprintf(id, sizeof id, "%lld", (long long)page_int(s, "id"));
        snprintf(l, sizeof l, "%s — %s", jstr(s, "display_name"), ui_vlabel("role", jstr(s, "role"), rl, sizeof rl));
        json_array_append_new(out, json_pack("[s,s]", id, l));
    }
    json_decref(staff);
    return out;
}

/* The choices of a select or a set of boxes as [[value, label], ...]: the view's own (rows from
 * core), the staff one may give work to, or the field's vocabulary. */
static json_t *choices_of(struct form_view *v, const struct form_field *fd)
{
    json_t *own = json_object_get(v->opts, fd->name);
    if (own)
        return json_incref(own);
    if (fd->type == FI_STAFF)
        return form_staff_choices(v->h);
    json_t *out = json_array();
    for (const char *const *c = fd->choices; c && *c; c++) {
        char l[80];
        json_array_append_new(out, json_pack("[s,s]", *c, ui_label_in(fd->choices, *c, l, sizeof l)));
    }
    return out;
}

json_t *form_rows(json_t *rows, const char *vkey, const char *lkey)
{
    json_t *out = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        char num[32];
        json_array_append_new(out, json_pack("[s,s]", val_text(r, vkey, num), _(jstr(r, lkey))));
    }
    return out;
}

static void draw_select(struct form_view *v, const struct form_field *fd)
{
    char num[32];
    const char *cur = val_text(v->vals, fd->name, num);
    json_t *ch = choices_of(v, fd);
    field_start(v, fd);
    buf_adds(v->b, "<select");
    field_attrs(v, fd);
    buf_adds(v->b, ">");
    int req = (fd->flags & FF_REQ) != 0;
    if (!req || !*cur)
        html_printf(v->b, "<option value=\"\">%s</option>",
                    fd->none                      ? _(fd->none)
                    : req || fd->type == FI_STAFF ? _("Choose…")
                                                  : "—");
    size_t i;
    json_t *c;
    json_array_foreach(ch, i, c)
    {
        const char *val = json_string_value(json_array_get(c, 0)),
                   *lang = json_string_value(json_array_get(c, 2));
        html_printf(v->b, "<option value=\"%s\"", val);
        if (lang) /* a label in its own language (a language's name) */
            html_printf(v->b, " lang=\"%s\"", lang);
        html_printf(v->b, "%r>%s</option>", str_eq(cur, val) ? " selected" : "",
                    json_string_value(json_array_get(c, 1)));
    }
    buf_adds(v->b, "</select></div>");
    json_decref(ch);
}

static void draw_check(struct form_view *v, const char *name, const char *value, const char *label, int on)
{
    html_printf(v->b,
                "<div class=\"check\"><input type=\"checkbox\" id=\"%s-%s-%s\" name=\"%s\" value=\"%s\"%r>"
                "<label for=\"%s-%s-%s\">%s</label></div>",
                v->pfx, name, value, name, value, on ? " checked" : "", v->pfx, name, value, label);
}

static void draw_checks(struct form_view *v, const struct form_field *fd)
{
    const char *err = jstr(v->errs, fd->name);
    json_t *ch = choices_of(v, fd);
    html_printf(v->b, "<fieldset class=\"field %s%s\" id=\"%s-%s\" tabindex=\"-1\"><legend>%s%r</legend>",
                fd->name, *err ? " has-error" : "", v->pfx, fd->name, _(fd->label),
                fd->flags & FF_REQ ? " <span class=\"req\" aria-hidden=\"true\">*</span>" : "");
    if (*err)
        html_printf(v->b, "<p class=\"field-error\" id=\"%s-e-%s\">%s</p>", v->pfx, fd->name, err);
    buf_adds(v->b, "<div class=\"checks\">");
    size_t i;
    json_t *c;
    json_array_foreach(ch, i, c)
    {
        const char *val = json_string_value(json_array_get(c, 0));
        draw_check(v, fd->name, val, json_string_value(json_array_get(c, 1)),
                   has_value(v->vals, fd->name, val));
    }
    buf_adds(v->b, "</div></fieldset>");
    json_decref(ch);
}

void form_field_draw(struct form_view *v, const struct form_field *fd)
{
    char num[32];
    if (fd->flags & FF_NODRAW)
        return;
    switch (fd->type) {
    case FI_ROW:
        html_printf(v->b, "<div class=\"row%d\">", fd->rows);
        return;
    case FI_FIELDSET:
        html_printf(v->b, "<fieldset><legend>%s</legend>", _(fd->label));
        return;
    case FI_END:
        buf_adds(v->b, fd->label ? "</fieldset>" : "</div>");
        return;
    case FI_CUSTOM:
        fd->draw(v, fd);
        return;
    case FI_HIDDEN: {
        /* What was posted (a failure, a draft) keeps its version: a stale one stays stale. */
        json_t *src =
            (v->typed && json_object_get(v->vals, fd->name)) || !json_object_get(v->hidden, fd->name)
                ? v->vals
                : v->hidden;
        html_printf(v->b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", fd->name,
                    val_text(src, fd->name, num));
        return;
    }
    case FI_SELECT:
    case FI_STAFF:
        draw_select(v, fd);
        return;
    case FI_CHECKS:
        draw_checks(v, fd);
        return;
    case FI_CHECK:
        buf_adds(v->b, "<div class=\"field\">");
        draw_check(v, fd->name, "1", _(fd->label), has_value(v->vals, fd->name, "1"));
        if (fd->hint)
            html_printf(v->b, "<p class=\"hint\">%s</p>", _(fd->hint));
        buf_adds(v->b, "</div>");
        return;
    case FI_TEXTAREA:
        field_start(v, fd);
        html_printf(v->b, "<textarea rows=\"%d\"", fd->rows ? fd->rows : 4);
        field_attrs(v, fd);
        html_printf(v->b, ">%s</textarea></div>", jstr(v->vals, fd->name));
        return;
    default:
        field_start(v, fd);
        html_printf(v->b, "<input type=\"%s\"", input_type(fd->type));
        field_attrs(v, fd);
        html_printf(v->b, " value=\"%s\"></div>",
                    fd->flags & FF_SECRET ? "" : val_text(v->vals, fd->name, num));
    }
}

int form_mine(const struct fstate *fs, const struct form *f, int64_t target)
{
    return fs && fs->form && str_eq(fs->form->id, f->id) && (!(f->flags & FORM_MANY) || fs->target == target);
}

void form_show(struct hreq *h, struct buf *b, const struct form *f, struct form_view *v)
{
    struct buf act;
    buf_init(&act);
    expand(h, f, f->action, v->target, &act);
    int mine = form_mine(v->fs, f, v->target);
    json_t *draft = !mine && h->draft && str_eq(jstr(h->draft, "action"), act.data)
                        ? json_object_get(h->draft, "fields")
                        : NULL;
    v->h = h;
    v->b = b;
    v->f = f;
    v->typed = mine || draft;
    if (mine || draft) {
        v->vals = mine ? v->fs->vals : draft;
        v->errs = mine ? v->fs->errs : NULL;
        v->pfx = "f";
    } else if (f->flags & FORM_MANY) {
        snprintf(v->pbuf, sizeof v->pbuf, "%s%lld", f->pfx, (long long)v->target);
        v->pfx = v->pbuf;
    } else {
        v->pfx = f->pfx ? f->pfx : "f";
    }
    int details = f->box && str_eq(f->box, "details");
    if (details) {
        html_printf(b, "<details class=\"%s\"", f->cls ? f->cls : "form-box");
        if (f->box_id)
            html_printf(b, " id=\"%s\"", f->box_id);
        html_printf(b, "%r><summary>%s</summary>", mine || draft || v->open ? " open" : "", _(f->summary));
    }
    html_printf(b, "<form method=\"%s\" action=\"%s\"", f->method ? f->method : "post", act.data);
    if (f->flags & FORM_MANY)
        html_printf(b, " id=\"%s-%D\"", f->id, v->target);
    else
        html_printf(b, " id=\"%s\"", f->id);
    if ((f->cls && !details) || (f->box && !details))
        html_printf(b, " class=\"%s\"", f->cls ? f->cls : f->box);
    if (f->confirm)
        html_printf(b, " data-confirm%r=\"%s\"", f->flags & FORM_CONFIRM_DISCHARGE ? "-discharge" : "",
                    _(f->confirm));
    if (f->attrs)
        buf_adds(b, f->attrs);
    buf_adds(b, ">");
    if (!f->method) {
        char page[512];
        page_path(h, page, sizeof page);
        if (h->auth)
            ui_csrf(h, b);
        html_printf(b, "<input type=\"hidden\" name=\"_page\" value=\"%s\">", page);
    }
    /* A row left open at the end takes the buttons in (the rota's range: two dates, then "Show") and is
     * closed after them; one left open inside a fieldset ends with the fieldset. */
    int open_rows = 0, before_fieldset = 0;
    for (const struct form_field *fd = f->fields; fd && fd->name; fd++) {
        form_field_draw(v, fd);
        if (fd->flags & FF_NODRAW)
            continue;
        if (fd->type == FI_ROW)
            open_rows++;
        else if (fd->type == FI_FIELDSET)
            before_fieldset = open_rows;
        else if (fd->type == FI_END && fd->label)
            open_rows = before_fieldset;
        else if (fd->type == FI_END && open_rows > 0)
            open_rows--;
    }
    if (f->note)
        html_printf(b, "<p class=\"muted small\">%s</p>", _(f->note));
    int inline_ = f->cls && strstr(f->cls, "inline");
    html_printf(b, "%r<button type=\"submit\"%r%s%r>%s", inline_ ? "" : "<div class=\"buttons\">",
                f->button ? " class=\"" : "", f->button ? f->button : "", f->button ? "\"" : "",
                _(f->submit));
    if (v->sr)
        html_printf(b, "<span class=\"sr\"> — %s</span>", v->sr);
    buf_adds(b, "</button>");
    if (f->cancel) {
        expand(h, f, f->cancel, v->target, &act);
        html_printf(b, " <a href=\"%s\">%s</a>", act.data, _("Cancel"));
    }
    buf_adds(b, inline_ ? "" : "</div>");
    for (; open_rows > 0; open_rows--)
        buf_adds(b, "</div>");
    buf_adds(b, "</form>");
    if (details)
        buf_adds(b, "</details>");
    buf_free(&act);
}

void form_client_page(struct hreq *h, int status, json_t *client, const char *title, const char *intro,
                      const struct form *f, struct form_view *v)
{
    struct buf b;
    buf_init(&b);
    ui_begin(h, &b, title);
    page_client_head(h, &b, client, title);
    page_flash(h, &b);
    form_failure(&b, v->fs);
    if (intro)
        html_printf(&b, "<p class=\"muted\">%s</p>", intro);
    form_show(h, &b, f, v);
    page_send(h, status, &b);
}

/* ---- errors ---- */

static const char *label_of(const struct form *f, const char *key, char *out, size_t len)
{
    for (const struct form_field *fd = f ? f->fields : NULL; fd && fd->name; fd++)
        if (str_eq(fd->name, key) && fd->label) {
            snprintf(out, len, "%s", _(fd->label));
            return out;
        }
    return ui_label(key, out, len);
}

void form_failure(struct buf *b, const struct fstate *fs)
{
    if (!fs)
        return;
    if (fs->status == 409 && json_object_get(fs->extra, "current_version") && fs->reload) {
        html_printf(b,
                    "<div class=\"alert\" role=\"alert\" id=\"conflict\"><p>%s</p><p>%s</p>"
                    "<p><a class=\"button\" href=\"%s\">%s</a></p></div>",
                    fs->msg, _("Nothing you sent was saved; what you typed is kept below."), fs->reload,
                    _("Reload the current version"));
        return;
    }
    if (!fs->errs && !(fs->msg && *fs->msg))
        return;
    html_printf(b, "<div class=\"alert\" role=\"alert\"><p>%s</p>",
                fs->msg && *fs->msg ? fs->msg : _("Please correct the fields marked below."));
    if (json_object_size(fs->errs)) {
        buf_adds(b, "<ul>");
        const char *k;
        json_t *v;
        json_object_foreach(fs->errs, k, v)
        {
            char l[120];
            html_printf(b, "<li><a href=\"#f-%s\">%s</a>: %s</li>", k, label_of(fs->form, k, l, sizeof l),
                        json_string_value(v));
        }
        buf_adds(b, "</ul>");
    }
    buf_adds(b, "</div>");
}

void page_errors_reset(struct ctx *c)
{
    json_decref(c->errors);
    json_decref(c->extra);
    c->errors = c->extra = NULL;
    c->msg[0] = 0;
}

/* ---- reading a POST ---- */

json_t *form_input(struct hreq *h, const struct form *f)
{
    json_t *in = json_object();
    for (const struct form_field *fd = f->fields; fd && fd->name; fd++) {
        if (fd->type == FI_ROW || fd->type == FI_FIELDSET || fd->type == FI_END)
            continue;
        if (fd->type == FI_HIDDEN && !(fd->flags & FF_IN))
            continue;
        if (fd->type == FI_CUSTOM) {
            if (fd->parse)
                fd->parse(h, fd, in);
            continue;
        }
        json_t *x = json_object_get(h->body, fd->name);
        const char *s = fstr(h, fd->name);
        if (fd->type == FI_CHECKS) {
            json_t *a = json_array();
            if (json_is_array(x))
                json_array_extend(a, x);
            else if (x)
                json_array_append(a, x);
            json_object_set_new(in, fd->name, a);
            continue;
        }
        if (fd->type == FI_CHECK || fd->flags & FF_BOOL) {
            if (s || fd->type == FI_CHECK)
                json_object_set_new(in, fd->name, json_boolean(str_eq(s, "1")));
            continue;
        }
        if (!s || (fd->flags & FF_OMIT && !*s))
            continue;
        int64_t n;
        if (fd->type == FI_DATETIME) {
            char utc[40];
            page_local_to_utc(s, utc);
            json_object_set_new(in, fd->name, json_string(utc));
        } else if (fd->type == FI_NUMBER && parse_int64(s, &n) == 0) {
            json_object_set_new(in, fd->name, json_integer(n));
        } else {
            json_object_set_new(in, fd->name, json_string(s));
        }
    }
    if (f->adjust)
        f->adjust(in);
    return in;
}

/* ---- the write and what follows ---- */

static int form_run(struct hreq *h)
{
    const struct form *f = h->page_form;
    json_t *in = page_stashed(h);
    if (f->run)
        return f->run(h, in);
    if (f->update)
        return f->update(&h->ctx, h->id[0], h->if_match, in, &h->result);
    if (f->create)
        return f->create(&h->ctx, h->id[0], in, &h->result);
    return f->make(&h->ctx, in, &h->result);
}

void form_finish(struct hreq *h)
{
    const struct form *f = h->page_form;
    struct buf loc;
    buf_init(&loc);
    if (h->rc == OK) {
        expand(h, f, f->done, h->id[0], &loc);
        const char *next = f->flags & FORM_NEXT ? page_safe_next(fstr(h, "next"), loc.data) : loc.data;
        if (f->flash)
            page_redirect_msg(h, next, f->flash);
        else
            reply_redirect(h, next);
    } else if (f->page && (h->rc == ERR_INVALID || h->rc == ERR_CONFLICT || h->rc == ERR_DUPLICATE)) {
        expand(h, f, f->reload ? f->reload : f->done, h->id[0], &loc);
        char msg[600];
        snprintf(msg, sizeof msg, "%s", h->ctx.msg);
        struct fstate fs = {.form = f,
                            .target = h->id[0],
                            .client = form_client(h, f),
                            .vals = h->body,
                            .errs = json_incref(h->ctx.errors),
                            .extra = json_incref(h->ctx.extra),
                            .msg = msg,
                            .reload = loc.data,
                            .status = h->rc == ERR_INVALID ? 400 : 409};
        char *hash = strchr(loc.data, '#');
        if (hash)
            *hash = 0;
        page_errors_reset(&h->ctx);
        f->page(h, fs.status, &fs);
        json_decref(fs.errs);
        json_decref(fs.extra);
    } else if (f->flags & (FORM_CLIENT_PATH | FORM_CLIENT)) {
        page_client_error(h, h->rc);
    } else {
        reply_core_error(h, h->rc);
    }
    buf_free(&loc);
}

void form_post(struct hreq *h, const struct form *f)
{
    h->page_form = f;
    page_stash(h, form_input(h, f));
    http_write(h, form_run, form_finish);
}
