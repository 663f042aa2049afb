# Language per request (issue 8 §6): the user's preference, then Accept-Language (q-values), then the
# server default (en); <html lang> follows it. PATCH /api/v1/me sets the preference.
# Ends with cm2's preference cleared again, so later files see the server default.

### me: no preference, no Accept-Language: the server default
as cm2
GET /api/v1/me
expect 200
json .language == null
json .lang == "en"

### Accept-Language picks a supported language, a region counts as its language
as cm2
GET /api/v1/me
Accept-Language: ko-KR,ko;q=0.9,en;q=0.8
expect 200
json .lang == "ko"

### Accept-Language: the highest q wins, whatever the order
as cm2
GET /api/v1/me
Accept-Language: en;q=0.5, fr, ko;q=0.8
expect 200
json .lang == "ko"

### Accept-Language: q=0 means "not this one"
as cm2
GET /api/v1/me
Accept-Language: ko;q=0, en;q=0.1
expect 200
json .lang == "en"

### Accept-Language with no supported language: the server default
as cm2
GET /api/v1/me
Accept-Language: fr-CA, de;q=0.7, *;q=0.5
expect 200
json .lang == "en"

### a page before login follows Accept-Language in <html lang>
GET /login
Accept-Language: ko
expect 200
text contains <html lang="ko">

### ... and the server default without it
GET /login
expect 200
text contains <html lang="en">

### an unsupported preference is a field error
as cm2
PATCH /api/v1/me
{"language":"fr"}
expect 400
json .errors.language exists
audit none

### the language must be given (null clears it)
as cm2
PATCH /api/v1/me
{}
expect 400
json .errors.language exists

### set the preference: the answer is already in it
as cm2
PATCH /api/v1/me
{"language":"ko"}
expect 200
json .language == "ko"
json .lang == "ko"
audit action=staff.update outcome=ok entity=staff staff=cm2 reason=language

### the preference wins over Accept-Language
as cm2
GET /api/v1/me
Accept-Language: en
expect 200
json .language == "ko"
json .lang == "ko"

### ... in pages too, and over an API token
as cm2
GET /account
Accept-Language: en
expect 200
text contains <html lang="ko">
text contains <option value="ko" lang="ko" selected>

### ... for API tokens too
as token:cm2
GET /api/v1/me
expect 200
json .lang == "ko"

### another user is not affected
as cm1
GET /api/v1/me
expect 200
json .language == null
json .lang == "en"

### clear the preference: Accept-Language decides again
as cm2
PATCH /api/v1/me
Accept-Language: ko
{"language":null}
expect 200
json .language == null
json .lang == "ko"

### cleared
as cm2
GET /api/v1/me
expect 200
json .language == null
json .lang == "en"

### the account page's form sets the preference (POST-redirect-GET)
as cm2
POST /account/language
Content-Type: application/x-www-form-urlencoded

language=ko
expect 303
header Location == /account?msg=language
audit action=staff.update outcome=ok staff=cm2 reason=language

### ... and the next page is in it
as cm2
GET /account?msg=language
expect 200
text contains <html lang="ko">

### the form refuses a language Hearth does not have
as cm2
POST /account/language
Content-Type: application/x-www-form-urlencoded

language=xx
expect 400
text contains <html lang="ko">

### "automatic" clears it
as cm2
POST /account/language
Content-Type: application/x-www-form-urlencoded

language=
expect 303

### cleared by the form
as cm2
GET /api/v1/me
expect 200
json .language == null
json .lang == "en"
