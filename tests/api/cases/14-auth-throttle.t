# Failed-login throttling under parallel requests (issue 9 §1): the attempt is counted before the
# password is checked, in one write job, so a burst sees its own attempts; the queue of password
# checks on the worker pool is bounded. Each burst comes from its own loopback address (`from`),
# so it spends neither 127.0.0.1's failures nor another burst's.

### a burst of 40 wrong passwords for one account: at most 5 are checked, the rest are 429
from 127.0.0.2
parallel 40
POST /api/v1/login
{"username":"cm0006","password":"wrong-password-burst"}
expect 401 429
count 401 == 5
count 429 == 35
metric hearth_login_checks_total <= 5
pick 429
header Content-Type == application/problem+json
header Retry-After exists
json .detail contains Too many failed attempts

### after the burst the account is held, even with the right password (no check is spent on it)
from 127.0.0.4
POST /api/v1/login
{"username":"cm0006","password":"hearth-demo-2026"}
expect 429
header Retry-After exists
header Set-Cookie missing
metric hearth_login_checks_total == 0

### a burst from one address over many accounts: at most the address's 20 are checked
from 127.0.0.5
parallel 30
POST /api/v1/login
{"username":"nobody-a{i}","password":"wrong-password-burst"}
expect 401 429 503
metric hearth_login_checks_total <= 20

### a burst larger than the password-check queue: some are answered 503 with Retry-After
from 127.0.0.3
parallel 20
POST /api/v1/login
{"username":"nobody-b{i}","password":"wrong-password-burst"}
expect 401 503
count 503 >= 1
pick 503
header Content-Type == application/problem+json
header Retry-After == 1
json .status == 503

### a 503 did not count against the address: its next login is checked
from 127.0.0.3
POST /api/v1/login
{"username":"cm0007","password":"hearth-demo-2026"}
expect 200
json .user.username == "cm0007"

### the queue is in the metrics
GET /metrics
expect 200
text contains hearth_login_queue_max 8
text contains hearth_login_queue_full_total
