# Forms posted when the session has ended (ui/form.c, http/server.c, core/draft.c). What was typed is
# kept only for the user whose (expired) session row is still there and whose form carries that
# session's CSRF secret; the browser journey covers that path end to end. Here: nothing is kept
# when no user is known, and the login page says so.

### a form posted with no session at all: to the login page, nothing kept, back to the form after
POST /clients/1/contacts/new
Content-Type: application/x-www-form-urlencoded

_csrf=0000000000000000000000000000000000000000000000000000000000000000&_page=%2Fclients%2F1%2Fcontacts%2Fnew&kind=phone&body=typed+with+no+session
expect 303
header Location == /login?msg=draft-lost&next=/clients/1/contacts/new
audit none

### a form posted with an unknown session cookie: nothing kept either
POST /clients/1/contacts/new
Cookie: hearth_session=1111111111111111111111111111111111111111111111111111111111111111
Content-Type: application/x-www-form-urlencoded

_csrf=0000000000000000000000000000000000000000000000000000000000000000&_page=%2Fclients%2F1%2Fcontacts%2Fnew&body=typed
expect 303
header Location == /login?msg=draft-lost&next=/clients/1/contacts/new

### a form's page that is not a local path is not followed (and a form without one is not a draft)
POST /clients/1/contacts/new
Content-Type: application/x-www-form-urlencoded

_csrf=00&_page=https%3A%2F%2Fevil.example%2F&body=typed
expect 303
header Location == /login?next=/

### logging out after the session ended is no lost draft
POST /logout
Content-Type: application/x-www-form-urlencoded

_csrf=0000000000000000000000000000000000000000000000000000000000000000
expect 303
header Location == /login?next=/

### the login page says that what was typed could not be kept
GET /login?msg=draft-lost&next=/clients/1/contacts/new
expect 200
text contains could not be kept

### a live session's form with the page kept as it was: the draft notice is not shown without a draft
as cm1
GET /clients/1/contacts/new?msg=draft
expect 200
text excludes was kept
text contains name="_page" value="/clients/1/contacts/new"
