# Issue 9 (hardening), the HTTP layer: static files carry the security headers and refuse an encoded
# NUL or "..", h2o's own 413 answers problem+json like every other error, the 404 page keeps the
# navigation, and "my work" carries no staff list per task row (one reassign page instead).

### static: a stylesheet carries the security headers of pages
GET /static/hearth.css
expect 200
header Content-Type contains text/css
header Content-Security-Policy contains default-src 'self'
header Content-Security-Policy contains frame-ancestors 'none'
header X-Content-Type-Options == nosniff
header X-Frame-Options == DENY
header Referrer-Policy == no-referrer

### static: the script too
GET /static/hearth.js
expect 200
header Content-Security-Policy contains frame-ancestors 'none'
header X-Content-Type-Options == nosniff

### static: an encoded NUL after a real file name is 404, not the file
GET /static/hearth.css%00
expect 404
header Content-Type == application/problem+json
header X-Content-Type-Options == nosniff
text excludes body{

### static: an encoded NUL before an extension is 404
GET /static/hearth.css%00.png
expect 404
text excludes body{

### static: an encoded NUL alone is 404
GET /static/%00
expect 404

### static: an encoded ".." is 404
GET /static/%2e%2e/README.md
expect 404
text excludes Hearth is an open-source

### static: an encoded slash and ".." is 404
GET /static/..%2f..%2fREADME.md
expect 404
text excludes Hearth is an open-source

### static: a file that is not there is 404 with the security headers
GET /static/nothing-here.css
expect 404
header X-Content-Type-Options == nosniff
header Content-Security-Policy contains frame-ancestors 'none'

### static: the folder itself is not listed: 404 as problem+json
GET /static/
expect 404
header Content-Type == application/problem+json
json .status == 404

### static: another method than GET or HEAD is 405 as problem+json
POST /static/hearth.css
expect 405
header Content-Type == application/problem+json
header Allow exists
json .title == "Method not allowed"

### 413: a body over the limit (h2o's own refusal) is problem+json
as cm1
POST /api/v1/clients
{"given_name":"$repeat(1048560,a)"}
expect 413
header Content-Type == application/problem+json
header X-Content-Type-Options == nosniff
json .status == 413
json .title == "Payload too large"
json .detail contains 1 MiB

### 413: far over the limit, not logged in, is problem+json too
POST /api/v1/login
{"username":"$repeat(3000000,u)"}
expect 413
header Content-Type == application/problem+json
json .status == 413

### 404: an unknown page while logged in keeps the page frame and the navigation
as cm1
GET /no/such/page
expect 404
header Content-Type contains text/html
text contains <nav aria-label="Main">
text contains href="/clients"
text contains >Log out<
text contains There is nothing at this address.

### 404: an unknown page while logged out offers the login
GET /no/such/page
expect 404
header Content-Type contains text/html
text contains href="/login"
text excludes >Log out<

### 405: a known page with another method keeps the navigation too
as cm1
DELETE /clients
expect 405
text contains <nav aria-label="Main">

### 404: the API keeps problem+json
as cm1
GET /api/v1/no/such/thing
expect 404
header Content-Type == application/problem+json
json .status == 404

### my work: no staff list in the task rows, one link per task to its reassign page
as cm1
GET /
expect 200
text excludes <option
text contains /reassign">Reassign<span class="sr">

### my work: the first task to reassign
as cm1
GET /api/v1/tasks
expect 200
save rt_id .items[0].id
save rt_version .items[0].version
save rt_title .items[0].title

### reassign page: the task and one list of the staff to give it to
as cm1
GET /tasks/$rt_id/reassign
expect 200
text contains <select
text contains name="assignee"
text contains $rt_title
audit action=task.read outcome=ok staff=cm1

### reassign page: someone with no say over the task is refused
as cm4
GET /tasks/$rt_id/reassign
expect 403

### reassign page: no such task is 404
as cm1
GET /tasks/999999/reassign
expect 404

### reassign page: psy1, to give the task to
as psy1
GET /api/v1/me
expect 200
save rt_psy1 .id

### reassign page: the form gives the task to psy1 and goes back to my work
as cm1
POST /tasks/$rt_id/reassign
Content-Type: application/x-www-form-urlencoded

version=$rt_version&assignee=$rt_psy1
expect 303
header Location contains /?msg=task-reassigned
audit action=task.update outcome=ok staff=cm1

### reassign page: a stale version shows the page again with the conflict
as cm1
POST /tasks/$rt_id/reassign
Content-Type: application/x-www-form-urlencoded

version=$rt_version&assignee=$rt_psy1
expect 409
text contains Reassign a task
