# Korean conventions in the API (issue 12 §1): problem+json in the reader's language (title, detail and
# each field error) when the user's language is Korean, or with Accept-Language: ko before login;
# phone numbers and postal codes checked and written as Korea writes them, their errors in both
# languages; a name shown in the order of its script or the client's preference; dates in prose in
# the reader's language; the language saved with the account. Ends with cm3's preference cleared.

## Before login: Accept-Language decides

### a wrong password, before login, in Korean
POST /api/v1/login
Accept-Language: ko
{"username":"cm1","password":"not-the-password"}
expect 401
header Content-Type contains application/problem+json
json .title == "로그인 필요"
json .detail == "아이디 또는 비밀번호가 틀립니다."

### ... and in English without Accept-Language
POST /api/v1/login
{"username":"cm1","password":"not-the-password"}
expect 401
json .title == "Not logged in"
json .detail == "Wrong username or password."

### not logged in: the gate's problem in Korean
GET /api/v1/clients
Accept-Language: ko-KR,ko;q=0.9,en;q=0.5
expect 401
json .title == "로그인 필요"
json .detail == "로그인하거나 API 토큰을 보내 주세요."

### an address the API does not have, in Korean
GET /api/v1/no-such-thing
Accept-Language: ko
expect 404
json .title == "찾을 수 없음"
json .detail == "이 주소에는 아무것도 없습니다."

### ... and in English
GET /api/v1/no-such-thing
Accept-Language: en
expect 404
json .title == "Not found"
json .detail == "There is nothing at this address."

### a method the API does not have, in Korean
DELETE /api/v1/login
Accept-Language: ko
expect 405
json .title == "허용되지 않는 요청 방식"

### the login page before login: <html lang="ko"> and Korean text
GET /login
Accept-Language: ko
expect 200
text contains <html lang="ko">
text contains Hearth 로그인
text excludes Log in to Hearth

### an error page before login: <html lang="ko">, its title and text in Korean
GET /no-such-page
Accept-Language: ko
expect 404
text contains <html lang="ko">
text contains <h1>찾을 수 없음</h1>
text contains 이 주소에는 아무것도 없습니다.
text excludes There is nothing

### ... and in English
GET /no-such-page
Accept-Language: en
expect 404
text contains <html lang="en">
text contains <h1>Not found</h1>

## Logged in, with Accept-Language: ko

### a body that is not JSON: the problem in Korean (the parser's own words stay as they are)
as cm1
POST /api/v1/clients
Accept-Language: ko
{not json
expect 400
json .title == "잘못된 요청"
json .detail contains "본문이 JSON 객체가 아닙니다"

### a client with bad fields: title, detail and every field error in Korean
as cm1
POST /api/v1/clients
Accept-Language: ko
{"family_name":"박","given_name":"","birth_date":"1990-13-01","phone":"010-12","postal_code":"4512","confirm_new":true}
expect 400
json .title == "잘못된 요청"
json .detail == "올바르지 않은 항목이 있습니다."
json .errors.given_name == "필수입니다"
json .errors.birth_date == "날짜(YYYY-MM-DD)여야 합니다"
json .errors.phone == "국내 전화번호(010-1234-5678, 02-123-4567, 031-123-4567, 1588-1234)이거나 +로 시작하는 해외 번호여야 합니다"
json .errors.postal_code == "다섯 자리 우편번호(04512)여야 합니다"
audit none

### the same in English
as cm1
POST /api/v1/clients
{"family_name":"박","given_name":"","birth_date":"1990-13-01","phone":"010-12","postal_code":"4512","confirm_new":true}
expect 400
json .title == "Bad request"
json .detail == "Some fields are not valid."
json .errors.given_name == "is required"
json .errors.phone == "must be a Korean phone number (010-1234-5678, 02-123-4567, 031-123-4567, 1588-1234) or another country's starting with +"
json .errors.postal_code == "must be a Korean postal code of five digits (04512)"

### a mobile number that is one digit short is refused (Korean)
as cm1
POST /api/v1/clients
Accept-Language: ko
{"family_name":"박","given_name":"서연","birth_date":"1990-02-01","phone":"010-1234-567","confirm_new":true}
expect 400
json .errors.phone contains "국내 전화번호"
json .errors length 1

### a postal code of another country has its own form (Korean error)
as cm1
POST /api/v1/clients
Accept-Language: ko
{"family_name":"Smith","given_name":"Jo","birth_date":"1990-02-01","postal_code":"SW1A!","address_country":"GB","confirm_new":true}
expect 400
json .errors.postal_code == "문자, 숫자, 공백, 하이픈으로 된 2~12자의 우편번호여야 합니다"

### ... the same in English
as cm1
POST /api/v1/clients
{"family_name":"Smith","given_name":"Jo","birth_date":"1990-02-01","postal_code":"SW1A!","address_country":"GB","confirm_new":true}
expect 400
json .errors.postal_code == "must be a postal code of 2 to 12 letters, digits, spaces or hyphens"

### the country in two capital letters (Korean error)
as cm1
POST /api/v1/clients
Accept-Language: ko
{"family_name":"Smith","given_name":"Jo","birth_date":"1990-02-01","address_country":"g1","confirm_new":true}
expect 400
json .errors.address_country == "영문 대문자 두 자리 국가 코드(KR, GB)여야 합니다"

### ... in English
as cm1
POST /api/v1/clients
{"family_name":"Smith","given_name":"Jo","birth_date":"1990-02-01","address_country":"g1","confirm_new":true}
expect 400
json .errors.address_country == "must be a country code of two capital letters (KR, GB)"

### a British postal code and a + number of another country are kept as written
as cm1
POST /api/v1/clients
{"family_name":"Smith","given_name":"Jo","birth_date":"1990-02-01","postal_code":"SW1A 1AA","address_country":"GB","phone":"+44 20 7946 0958","confirm_new":true}
expect 201

### an unknown name order is a field error in Korean
as cm1
POST /api/v1/clients
Accept-Language: ko
{"family_name":"박","given_name":"서연","birth_date":"1990-02-01","name_order":"sideways","confirm_new":true}
expect 400
json .errors.name_order == "허용된 값이 아닙니다"

### a Korean client: the mobile number written as Korea writes it, the road-name address and postal code kept
as cm1
POST /api/v1/clients
{"family_name":"박","given_name":"서연","birth_date":"1990-02-01","phone":"01024687531","address":"한빛시 강변구 한강로12길 3","address_detail":"5층 502호","postal_code":"04512","confirm_new":true}
expect 201
save psy .id

### cm1 takes her on (the full record)
as cm1
POST /api/v1/clients/$psy/episodes
{"programme":"integrated_care","target_group":"severe"}
expect 201

### read back: 010-2468-7531, the name order automatic
as cm1
GET /api/v1/clients/$psy
expect 200
json .phone == "010-2468-7531"
json .postal_code == "04512"
json .address == "한빛시 강변구 한강로12길 3"
json .address_detail == "5층 502호"
json .address_country == null
json .name_order == "auto"
save psy_version .version

### a Hangul name is shown family name first, without a space
as cm1
GET /clients/$psy
Accept-Language: ko
expect 200
text contains <h1 id="client-name">박서연
text excludes 서연 박

### the crisis view: the birth date in prose, in Korean
as cm1
GET /clients/$psy/crisis
Accept-Language: ko
expect 200
text contains <html lang="ko">
text contains 출생 <time class="dl" datetime="1990-02-01">1990년 2월 1일</time>
text contains 010-2468-7531

### ... and in English
as cm1
GET /clients/$psy/crisis
Accept-Language: en
expect 200
text contains born <time class="dl" datetime="1990-02-01">1 February 1990</time>

### a stale version: the conflict in Korean
as cm1
PUT /api/v1/clients/$psy
Accept-Language: ko
If-Match: 0
{"phone":"010-2468-7532"}
expect 409
json .title == "충돌"
json .detail contains "열어 본 뒤에 다른 사람이 바꿨습니다"
json .current_version == $psy_version

### no version at all: the precondition in Korean
as cm1
PUT /api/v1/clients/$psy
Accept-Language: ko
{"phone":"010-2468-7532"}
expect 428
json .title == "버전 정보 필요"
json .detail contains "If-Match"

### the client prefers her given name first; +82 is written as a Korean number
as cm1
PUT /api/v1/clients/$psy
If-Match: $psy_version
{"name_order":"given_first","phone":"+82 10 2468 7532"}
expect 200
json .name_order == "given_first"
json .phone == "010-2468-7532"

### ... and every page shows it so
as cm1
GET /clients/$psy
expect 200
text contains <h1 id="client-name">서연 박
text excludes 박서연

### a Latin-script name is shown given name first
as cm1
POST /api/v1/clients
{"family_name":"Chen","given_name":"Meiling","birth_date":"1982-05-06","name_order":"auto","confirm_new":true}
expect 201
save chen .id

### cm1 takes her on
as cm1
POST /api/v1/clients/$chen/episodes
{"programme":"integrated_care","target_group":"severe"}
expect 201

### given name first
as cm1
GET /clients/$chen
expect 200
text contains <h1 id="client-name">Meiling Chen
text excludes Chen Meiling

### she prefers the family name first
as cm1
PUT /api/v1/clients/$chen
If-Match: 1
{"name_order":"family_first"}
expect 200
json .name_order == "family_first"

### ... shown so
as cm1
GET /clients/$chen
expect 200
text contains <h1 id="client-name">Chen Meiling

## The language saved with the account

### cm3 chooses Korean
as cm3
PATCH /api/v1/me
{"language":"ko"}
expect 200
json .language == "ko"

### a problem in Korean without Accept-Language
as cm3
GET /api/v1/clients/999999
expect 404
json .title == "찾을 수 없음"

### field errors in Korean even when the browser asks for English
as cm3
POST /api/v1/clients
Accept-Language: en
{"family_name":"최","given_name":"","birth_date":"1991-01-01","phone":"12345","confirm_new":true}
expect 400
json .title == "잘못된 요청"
json .errors.given_name == "필수입니다"
json .errors.phone contains "국내 전화번호"

### a page in Korean: <html lang="ko">
as cm3
GET /
Accept-Language: en
expect 200
text contains <html lang="ko">

### an error page too
as cm3
GET /no-such-page
Accept-Language: en
expect 404
text contains <html lang="ko">
text contains <h1>찾을 수 없음</h1>

### a new session of the same account keeps it (saved with the account, not the session)
as cm3/second
GET /api/v1/me
expect 200
json .language == "ko"
json .lang == "ko"

### ... and an API token too
as token:cm3
GET /api/v1/clients/999999
expect 404
json .title == "찾을 수 없음"

### cm3 clears the preference
as cm3
PATCH /api/v1/me
{"language":null}
expect 200
json .language == null

### English again
as cm3
GET /api/v1/clients/999999
expect 404
json .title == "Not found"
