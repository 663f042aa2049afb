# Failed-login throttling under parallel requests (issue 9 §1): the attempt is counted before the
# password is checked, in one write job, so a burst sees its own attempts; the queue of password
# checks on the worker pool is bounded (8 at once, 2 per address). Each burst comes from loopback
# addresses of its own (`from`), so it spends neither 127.0.0.1's failures nor another burst's.

### a burst of 40 wrong passwords for one account: at most 5 are checked, the rest are 429
from 127.0.0.2
parallel 40
POST /api/v1/login
{"username":"cm0006","password":"wrong-password-burst"}
expect 401 429
count 401 <= 5
count 429 >= 35
metric hearth_login_checks_total <= 5
pick 429
header Content-Type == application/problem+json
header Retry-After exists
json .status == 429

### after the burst the account is held, even with the right password (no check is spent on it)
from 127.0.0.4
POST /api/v1/login
{"username":"cm0006","password":"hearth-demo-2026"}
expect 429
header Retry-After exists
header Set-Cookie missing
json .detail contains Too many failed attempts
metric hearth_login_checks_total == 0

### a burst from one address over many accounts: at most the address's 20 are checked
from 127.0.0.5
parallel 30
POST /api/v1/login
{"username":"nobody-a{i}","password":"wrong-password-burst"}
expect 401 429
count 429 >= 10
metric hearth_login_checks_total <= 20

### after that burst the address is held, for any account
from 127.0.0.5
POST /api/v1/login
{"username":"cm0008","password":"hearth-demo-2026"}
expect 429
json .detail contains Too many failed attempts

### a burst from 40 addresses, larger than the password-check queue: some are answered 503
from 127.0.1.{i}
parallel 40
POST /api/v1/login
{"username":"nobody-b{i}","password":"wrong-password-burst"}
expect 401 503
count 503 >= 1
pick 503
header Content-Type == application/problem+json
header Retry-After == 1
json .status == 503

### the queue is in the metrics
GET /metrics
expect 200
text contains hearth_login_queue_max 8
text contains hearth_login_queue_refused_total
