/* records: the client record API: clients, episodes and teams, contacts, tasks, access log,
 * break-glass. Every handler is parse -> core -> reply; core decides access and audits. */
#include "api/api_int.h"

API_LIST(clients_search,
         client_search(&h->ctx, qstr(h, "q"), qstr(h, "birth_date"), qstr(h, "identifier"), &pg, &h->result))
API_WRITE(clients_create, client_create(&h->ctx, h->body, &h->result), api_done_201)
API_READ(clients_get, client_get(&h->ctx, h->id[0], &h->result))
API_WRITE_V(clients_update, client_update(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_LIST(clients_history, client_history(&h->ctx, h->id[0], &pg, &h->result))
API_LIST(clients_access_log, audit_client_report(&h->ctx, h->id[0], &pg, &h->result))

API_LIST(episodes_list, episode_list(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE(episodes_create, episode_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE_V(episodes_update, episode_update(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_WRITE(team_create, team_add(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE(team_delete, team_end(&h->ctx, h->id[0], &h->result), api_done_200)

API_LIST(contacts_list, contact_list(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE(contacts_create, contact_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_READ(contacts_get, contact_get(&h->ctx, h->id[0], &h->result))
API_WRITE(contacts_correct, contact_correct(&h->ctx, h->id[0], h->body, &h->result), api_done_201)

API_LIST(tasks_mine, task_mine(&h->ctx, &pg, &h->result))
API_LIST(tasks_client, task_for_client(&h->ctx, h->id[0], &pg, &h->result))
API_WRITE(tasks_create, task_create(&h->ctx, h->id[0], h->body, &h->result), api_done_201)
API_WRITE(tasks_create_free, task_create(&h->ctx, 0, h->body, &h->result), api_done_201)
API_WRITE_V(tasks_update, task_update(&h->ctx, h->id[0], h->if_match, h->body, &h->result), api_done_200)
API_LIST(my_clients_list, my_clients(&h->ctx, &pg, &h->result))

static int bg_open_w(struct hreq *h)
{
    json_t *hours = json_object_get(h->body, "hours");
    int n = json_is_integer(hours) ? (int)json_integer_value(hours) : 0;
    return breakglass_open(&h->ctx, h->id[0], json_string_value(json_object_get(h->body, "reason")), n, &h->result);
}
static void bg_open(struct hreq *h)
{
    http_write(h, bg_open_w, api_done_201);
}
API_LIST(bg_list, breakglass_review_list(&h->ctx, str_eq(qstr(h, "pending"), "1"), &pg, &h->result))
API_WRITE(bg_review, breakglass_review(&h->ctx, h->id[0], json_string_value(json_object_get(h->body, "note")),
                                        &h->result),
          api_done_200)

#define A ROLES_ANY
#define J RF_API
const struct route api_record_routes[] = {
    {"GET", "/api/v1/clients", clients_search, A, J},
    {"POST", "/api/v1/clients", clients_create, A, J},
    {"GET", "/api/v1/clients/{id}", clients_get, A, J},
    {"PUT", "/api/v1/clients/{id}", clients_update, A, J},
    {"GET", "/api/v1/clients/{id}/history", clients_history, A, J},
    {"GET", "/api/v1/clients/{id}/access-log", clients_access_log, A, J},
    {"GET", "/api/v1/clients/{id}/episodes", episodes_list, A, J},
    {"POST", "/api/v1/clients/{id}/episodes", episodes_create, A, J},
    {"PATCH", "/api/v1/episodes/{id}", episodes_update, A, J},
    {"POST", "/api/v1/episodes/{id}/team", team_create, A, J},
    {"DELETE", "/api/v1/team-members/{id}", team_delete, A, J},
    {"GET", "/api/v1/clients/{id}/contacts", contacts_list, A, J},
    {"POST", "/api/v1/clients/{id}/contacts", contacts_create, A, J},
    {"GET", "/api/v1/contacts/{id}", contacts_get, A, J},
    {"POST", "/api/v1/contacts/{id}/corrections", contacts_correct, A, J},
    {"GET", "/api/v1/tasks", tasks_mine, A, J},
    {"POST", "/api/v1/tasks", tasks_create_free, A, J},
    {"GET", "/api/v1/clients/{id}/tasks", tasks_client, A, J},
    {"POST", "/api/v1/clients/{id}/tasks", tasks_create, A, J},
    {"PATCH", "/api/v1/tasks/{id}", tasks_update, A, J},
    {"GET", "/api/v1/my-clients", my_clients_list, A, J},
    {"POST", "/api/v1/clients/{id}/break-glass", bg_open, A, J},
    {"GET", "/api/v1/break-glass", bg_list, A, J},
    {"POST", "/api/v1/break-glass/{id}/review", bg_review, A, J},
    {0},
};
