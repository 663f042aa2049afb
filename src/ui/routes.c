/* routes: the page routes. Client pages are open to every logged-in role: core decides each
 * client's access (and audits a denial); only the admin and review pages are limited by role. */
#include "ui/pages.h"

#define A ROLES_ANY
#define ADM ROLE_BIT(ROLE_ADMIN)
#define REV (ROLE_BIT(ROLE_SUPERVISOR) | ROLE_BIT(ROLE_ADMIN))
const struct route ui_routes[] = {
    {"GET", "/login", pg_login_form, A, RF_PUBLIC},
    {"POST", "/login", pg_login, A, RF_PUBLIC},
    {"POST", "/logout", pg_logout, A, RF_PASSWORD_DUE},
    {"GET", "/account", pg_account, A, RF_PASSWORD_DUE},
    {"POST", "/account", pg_account_save, A, RF_PASSWORD_DUE},
    {"POST", "/account/language", pg_account_language, A, 0},
    {"POST", "/account/tokens", pg_token_create, A, 0},
    {"POST", "/account/tokens/{id}/revoke", pg_token_revoke, A, 0},

    {"GET", "/", pg_work, A, 0},
    {"POST", "/tasks/{id}/done", pg_task_done, A, 0},
    {"GET", "/tasks/{id}/reassign", pg_task_reassign_page, A, 0},
    {"POST", "/tasks/{id}/reassign", pg_task_reassign, A, 0},

    {"GET", "/clients", pg_clients, A, 0},
    {"GET", "/clients/new", pg_client_new, A, 0},
    {"POST", "/clients", pg_client_create, A, 0},
    {"GET", "/clients/{id}", pg_client, A, 0},
    {"GET", "/clients/{id}/edit", pg_client_edit, A, 0},
    {"POST", "/clients/{id}/edit", pg_client_update, A, 0},
    {"GET", "/clients/{id}/access-log", pg_access_log, A, 0},
    {"POST", "/clients/{id}/break-glass", pg_break_glass, A, 0},

    {"POST", "/clients/{id}/episodes", pg_episode_create, A, 0},
    {"POST", "/episodes/{id}", pg_episode_update, A, 0},
    {"POST", "/episodes/{id}/team", pg_team_add, A, 0},
    {"POST", "/team-members/{id}/end", pg_team_end, A, 0},
    {"POST", "/clients/{id}/tasks", pg_client_task, A, 0},

    {"GET", "/clients/{id}/contacts", pg_contacts, A, 0},
    {"GET", "/clients/{id}/contacts/new", pg_contact_new, A, 0},
    {"POST", "/clients/{id}/contacts/new", pg_contact_create, A, 0},
    {"GET", "/contacts/{id}", pg_contact, A, 0},
    {"GET", "/contacts/{id}/correct", pg_contact_correct_form, A, 0},
    {"POST", "/contacts/{id}/correct", pg_contact_correct, A, 0},

    {"GET", "/break-glass", pg_bg_list, REV, 0},
    {"POST", "/break-glass/{id}/review", pg_bg_review, REV, 0},
    {"POST", "/episode-opens/{id}/review", pg_eo_review, REV, 0},
    {"GET", "/admin/orgs", pg_orgs, ADM, 0},
    {"POST", "/admin/orgs", pg_org_create, ADM, 0},
    {"POST", "/admin/orgs/{id}", pg_org_update, ADM, 0},
    {"POST", "/admin/orgs/{id}/district", pg_org_district, ADM, 0},
    {"GET", "/admin/staff", pg_staff, ADM, 0},
    {"POST", "/admin/staff", pg_staff_create, ADM, 0},
    {"POST", "/admin/staff/{id}", pg_staff_update, ADM, 0},
    {"POST", "/admin/staff/{id}/password", pg_staff_reset, ADM, 0},
    {"GET", "/admin/staff/{id}/tokens", pg_staff_tokens, ADM, 0},
    {"POST", "/admin/tokens/{id}/revoke", pg_staff_token_revoke, ADM, 0},
    {0},
};
HTTP_ROUTES(ui_routes, "ui-1-pages");
