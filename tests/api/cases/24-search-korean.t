# Search by names as they are (issue 12 §2): Hangul names by the family name alone, the given name
# alone, both with or without a space and by initial consonants (choseong); short words in Latin
# script; phone numbers by the last four digits or a part; names in mixed scripts and one-syllable
# given names; the most relevant first; and nobody finds what they may not see. Runs on SQLite and
# PostgreSQL alike (make check runs the cases on both).

### setup: 김 민지 is registered
as cm1
POST /api/v1/clients
{"given_name":"민지","family_name":"김","birth_date":"1987-03-01","phone":"010-2468-1357","confirm_new":true}
expect 201
save kmj .id

### setup: 김 민지아 is registered
as cm1
POST /api/v1/clients
{"given_name":"민지아","family_name":"김","birth_date":"1990-04-02","confirm_new":true}
expect 201
save kmj2 .id

### setup: 김 민준 is registered
as cm1
POST /api/v1/clients
{"given_name":"민준","family_name":"김","birth_date":"1979-05-03","phone":"02-987-6543","confirm_new":true}
expect 201
save kmjun .id

### setup: 이 민지 is registered
as cm1
POST /api/v1/clients
{"given_name":"민지","family_name":"이","birth_date":"1985-06-04","phone":"010-1111-2222","confirm_new":true}
expect 201
save lmj .id

### setup: 이 훈 is registered
as cm1
POST /api/v1/clients
{"given_name":"훈","family_name":"이","birth_date":"1968-07-05","confirm_new":true}
expect 201
save lh .id

### setup: Nguyen 민준 is registered
as cm1
POST /api/v1/clients
{"given_name":"민준","family_name":"Nguyen","birth_date":"2009-08-06","confirm_new":true}
expect 201
save mixed .id

### setup: Wu Xiaoling is registered
as cm1
POST /api/v1/clients
{"given_name":"Xiaoling","family_name":"Wu","birth_date":"1975-09-07","confirm_new":true}
expect 201
save wu .id

### setup: Oh Minho is registered
as cm1
POST /api/v1/clients
{"given_name":"Minho","family_name":"Oh","birth_date":"1981-10-08","confirm_new":true}
expect 201
save oh .id

### setup: Ng Jia is registered
as cm1
POST /api/v1/clients
{"given_name":"Jia","family_name":"Ng","birth_date":"1993-11-09","confirm_new":true}
expect 201
save ng .id

### setup: Kawuma Sam is registered ("wu" inside a word, not at its start)
as cm1
POST /api/v1/clients
{"given_name":"Sam","family_name":"Kawuma","birth_date":"1971-12-10","phone":"010-5555-0246","confirm_new":true}
expect 201
save kawuma .id

### setup: John Doherty is registered ("oh" inside both words)
as cm1
POST /api/v1/clients
{"given_name":"John","family_name":"Doherty","birth_date":"1972-01-11","confirm_new":true}
expect 201
save doherty .id

### setup: Lee Ang is registered ("ng" at the end of a word)
as cm1
POST /api/v1/clients
{"given_name":"Lee","family_name":"Ang","birth_date":"1973-02-12","confirm_new":true}
expect 201
save ang .id

### the family name alone (김) finds every 김
as cm1
GET /api/v1/clients?q=%EA%B9%80
expect 200
json .items[*].id contains $kmj
json .items[*].id contains $kmjun
json .items[*].id excludes $lmj
audit action=client.search outcome=ok staff=cm1

### the given name alone (민지, two syllables) finds each 민지, whole-word matches first
as cm1
GET /api/v1/clients?q=%EB%AF%BC%EC%A7%80
expect 200
json .items[*].id contains $kmj
json .items[*].id contains $lmj
json .items[*].id contains $kmj2
json .items[*].id excludes $kmjun
json .items[2].id == $kmj2

### the whole name written together (김민지): the exact name first, then names it begins
as cm1
GET /api/v1/clients?q=%EA%B9%80%EB%AF%BC%EC%A7%80
expect 200
json .items length 2
json .items[0].id == $kmj
json .items[1].id == $kmj2
json .items[*].id excludes $lmj
json .items[*].id excludes $kmjun

### family and given name with a space (김 민지) is the same name
as cm1
GET /api/v1/clients?q=%EA%B9%80%20%EB%AF%BC%EC%A7%80
expect 200
json .items[0].id == $kmj
json .items[*].id excludes $lmj
json .items[*].id excludes $kmjun

### initial consonants of the whole name (ㄱㅁㅈ)
as cm1
GET /api/v1/clients?q=%E3%84%B1%E3%85%81%E3%85%88
expect 200
json .items[*].id contains $kmj
json .items[*].id contains $kmjun
json .items[*].id contains $kmj2
json .items[*].id excludes $lmj

### initial consonants of the given name (ㅁㅈ)
as cm1
GET /api/v1/clients?q=%E3%85%81%E3%85%88
expect 200
json .items[*].id contains $kmj
json .items[*].id contains $lmj
json .items[*].id contains $kmjun
json .items[*].id contains $mixed
json .items[*].id excludes $lh
json .items[*].id excludes $wu

### initial consonants typed as conjoining jamo (ᄀᄆᄌ) are the same
as cm1
GET /api/v1/clients?q=%E1%84%80%E1%84%86%E1%84%8C
expect 200
json .items[*].id contains $kmj

### a name typed in decomposed Hangul (NFD) finds the composed one
as cm1
GET /api/v1/clients?q=%E1%84%80%E1%85%B5%E1%86%B7%E1%84%86%E1%85%B5%E1%86%AB%E1%84%8C%E1%85%B5
expect 200
json .items[0].id == $kmj

### a one-syllable given name (훈) alone
as cm1
GET /api/v1/clients?q=%ED%9B%88
expect 200
json .items[*].id contains $lh
json .items[*].id excludes $kmj
json .items[*].id excludes $lmj

### a one-syllable given name with the family name (이훈): the exact name first
as cm1
GET /api/v1/clients?q=%EC%9D%B4%ED%9B%88
expect 200
json .items[0].id == $lh

### a name in mixed scripts by its Latin part
as cm1
GET /api/v1/clients?q=nguyen
expect 200
json .items[*].id contains $mixed

### a name in mixed scripts by both parts, in either order
as cm1
GET /api/v1/clients?q=Nguyen%20%EB%AF%BC%EC%A4%80
expect 200
json .items[0].id == $mixed
json .items[*].id excludes $kmjun

### a name in mixed scripts by its Hangul part
as cm1
GET /api/v1/clients?q=%EB%AF%BC%EC%A4%80
expect 200
json .items[*].id contains $mixed
json .items[*].id contains $kmjun

### two letters in Latin script: wu
as cm1
GET /api/v1/clients?q=wu
expect 200
json .items[*].id contains $wu
json .items[*].id excludes $kawuma

### two letters, any case: WU
as cm1
GET /api/v1/clients?q=WU
expect 200
json .items[*].id contains $wu
json .items[*].id excludes $kawuma

### two letters: oh
as cm1
GET /api/v1/clients?q=oh
expect 200
json .items[*].id contains $oh
json .items[*].id excludes $doherty

### two letters: ng (a whole family name, before the names it begins)
as cm1
GET /api/v1/clients?q=ng
expect 200
json .items[*].id contains $ng
json .items[*].id excludes $ang

### given and family name in Latin script, in either order
as cm1
GET /api/v1/clients?q=wu%20xiaoling
expect 200
json .items[*].id contains $wu
json .items[0].family_name == "Wu"
json .items[0].given_name == "Xiaoling"

### a phone number: the last four digits
as cm1
GET /api/v1/clients?q=1357
expect 200
json .items[*].id contains $kmj
json .items[*].id excludes $lmj

### a phone number: the middle part
as cm1
GET /api/v1/clients?q=2468
expect 200
json .items[*].id contains $kmj
json .items[*].id excludes $lmj
json .items[*].id excludes $kawuma

### a phone number as written finds it first
as cm1
GET /api/v1/clients?q=010-2468-1357
expect 200
json .items[0].id == $kmj

### a landline: a part of it
as cm1
GET /api/v1/clients?q=987-6543
expect 200
json .items[*].id contains $kmjun
json .items[*].id excludes $kmj

### a part of a name inside it (three characters or more, the trigram index)
as cm1
GET /api/v1/clients?q=aolin
expect 200
json .items[*].id contains $wu
json .items[*].id excludes $oh

### three letters inside a word find it (awu in Kawuma), where two would not
as cm1
GET /api/v1/clients?q=awum
expect 200
json .items[*].id contains $kawuma
json .items[*].id excludes $wu

### paging keeps the order of relevance: a page of one
as cm1
GET /api/v1/clients?q=%EB%AF%BC%EC%A7%80&limit=1
expect 200
json .items length 1
json .next != null
save mj_next .next
save mj_first .items[0].id

### paging: the next page goes on where it stopped
as cm1
GET /api/v1/clients?q=%EB%AF%BC%EC%A7%80&limit=1&after=$mj_next
expect 200
json .items length 1
json .items[0].id != $mj_first

### paging: a cursor of another list is refused
as cm1
GET /api/v1/clients?q=%EB%AF%BC%EC%A7%80&after=WzFd
expect 400
json .errors.after exists

### more than six words is a field error
as cm1
GET /api/v1/clients?q=a%20b%20c%20d%20e%20f%20g
expect 400
json .errors.q contains "six words"

### a peer supporter does not find a client they are not assigned to
as peer1
GET /api/v1/clients?q=%EA%B9%80%EB%AF%BC%EC%A7%80
expect 200
json .items[*].id excludes $kmj

### a peer supporter does not find them by initial consonants either
as peer1
GET /api/v1/clients?q=%E3%84%B1%E3%85%81%E3%85%88
expect 200
json .items[*].id excludes $kmj
json .items[*].id excludes $kmjun

### a case manager of another organisation does not find Riverside clients
as cm4
GET /api/v1/clients?q=%EB%AF%BC%EC%A7%80
expect 200
json .items[*].id excludes $kmj
json .items[*].id excludes $lmj

### a care-desk officer of another organisation does not find them by phone
as desk1
GET /api/v1/clients?q=1357
expect 200
json .items[*].id excludes $kmj

### a change of name is found at once, and the old name no longer: cm1 takes the client on
as cm1
POST /api/v1/clients/$lh/episodes
{"programme":"integrated_care","target_group":"severe"}
expect 201

### the change
as cm1
PUT /api/v1/clients/$lh
If-Match: 1
{"given_name":"재훈","phone":"010-3333-7777"}
expect 200

### the new name is found
as cm1
GET /api/v1/clients?q=%EC%9D%B4%EC%9E%AC%ED%9B%88
expect 200
json .items[0].id == $lh

### the new phone is found
as cm1
GET /api/v1/clients?q=7777
expect 200
json .items[*].id contains $lh

### the old name no longer
as cm1
GET /api/v1/clients?q=%EC%9D%B4%ED%9B%88
expect 200
json .items[*].id excludes $lh
