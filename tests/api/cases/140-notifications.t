# In-app notifications (issue 10 §2): a staff member's own list of what happened to their work
# (referral events, tasks given to them, risk flags on their clients), newest first, marked read by
# them. Nobody sees another's: another's notification is answered as one that does not exist.

### a new user's list is empty
as analyst1
GET /api/v1/notifications
expect 200
json .items length 0
json .next == null
audit none

### only the unread
as cm1
GET /api/v1/notifications?unread=1
expect 200
json .items exists

### a bad filter is a field error
as cm1
GET /api/v1/notifications?unread=yes
expect 400
json .errors.unread == "must be 0 or 1"

### a notification that is not one's own does not exist
as cm1
POST /api/v1/notifications/999999/read
expect 404

### without a session
GET /api/v1/notifications
expect 401

### the access matrix of notifications: everyone has their own
matrix
roles admin sup cm1 psy1 nurse1 peer1 desk1 housing1 analyst1 cm4
tag list json .items exists
-     GET  /api/v1/notifications | 200/list 200/list 200/list 200/list 200/list 200/list 200/list 200/list 200/list 200/list
-     POST /api/v1/notifications/999999/read {} | 404 404 404 404 404 404 404 404 404 404
