# Instruments in Korean (issue 12 §1): the definitions in the reader's language (Accept-Language, or the
# account's language), an assessment done in Korean records its wording ("hearth-ko"), its result and the
# flag it raises read in Korean; read in English it keeps the wording it was done in. A wording that is
# not the instrument's is refused, naming the field. Client made here: KO (cm1's).

### definitions in Korean: names, the recall period, questions and answers, with the wording shown
as cm1
GET /api/v1/instruments
Accept-Language: ko
expect 200
json .items[7].id == "phq9"
json .items[7].name == "PHQ-9(우울 선별 질문지, 9문항)"
json .items[7].recall == "지난 2주"
json .items[7].wording == "hearth-ko"
json .items[7].language == "ko"
json .items[7].items[0].label == "흥미나 즐거움이 줄어듦"
json .items[7].items[8].options[3].label == "거의 매일"
json .items[7].items[8].options[3].value == 3
json .items[7].bands[2].label == "중간"
json .items[7].licence.copyright contains Pfizer
audit none

### definitions in English: the same definitions, our English wording
as cm1
GET /api/v1/instruments
expect 200
json .items[7].name == "PHQ-9 (Patient Health Questionnaire, 9 items)"
json .items[7].wording == "hearth-en"
json .items[7].items[8].options[3].label == "Nearly every day"

### setup KO: the client
as cm1
POST /api/v1/clients
{"given_name":"서윤","family_name":"한","birth_date":"1988-07-02","sex":"female","identifiers":[{"kind":"apitest","value":"ASSESS-KO"}]}
expect 201
save ko .id

### setup KO: an open episode, cm1 its primary case manager
as cm1
POST /api/v1/clients/$ko/episodes
{"programme":"integrated_care","target_group":"severe","status":"active"}
expect 201

### a PHQ-9 done in Korean: the wording recorded, the band, remarks and the flag's reason in Korean
as cm1
POST /api/v1/clients/$ko/assessments
Accept-Language: ko
{"instrument":"phq9","administered_at":"2026-01-10T10:00","answers":{"q1":2,"q2":2,"q3":2,"q4":2,"q5":2,"q6":1,"q7":0,"q8":0,"q9":1,"q10":1}}
expect 201
save ko_a .id
json .wording == "hearth-ko"
json .total == 12
json .band == "moderate"
json .band_label == "중간"
json .instrument_name == "PHQ-9(우울 선별 질문지, 9문항)"
json .result.wording == "hearth-ko"
json .result.remarks[0].text contains 주요우울장애
json .flags[0].kind == "suicide_screen_needed"
audit action=assessment.create outcome=ok client_id=$ko entity=assessment entity_id=$ko_a staff=cm1

### the flag it raised reads in Korean: its reason was written in the language of the assessment
as cm1
GET /api/v1/clients/$ko/flags
Accept-Language: ko
expect 200
json .items[0].kind == "suicide_screen_needed"
json .items[0].reason contains 24시간 안에 C-SSRS 선별로

### read in English: the wording it was done in stays; the band reads in the reader's language
as cm1
GET /api/v1/assessments/$ko_a
expect 200
json .wording == "hearth-ko"
json .band_label == "Moderate"
json .instrument_name == "PHQ-9 (Patient Health Questionnaire, 9 items)"
json .result.remarks[0].text contains major depression
audit action=assessment.read outcome=ok client_id=$ko entity=assessment entity_id=$ko_a staff=cm1

### read in Korean: the list shows the wording and the Korean band
as cm1
GET /api/v1/clients/$ko/assessments
Accept-Language: ko
expect 200
json .items[0].wording == "hearth-ko"
json .items[0].band_label == "중간"

### a worker reading Korean may record that the questions were asked in English (the form says which)
as cm1
POST /api/v1/clients/$ko/assessments
Accept-Language: ko
{"instrument":"gad7","wording":"hearth-en","administered_at":"2026-01-11T10:00","answers":{"q1":1,"q2":1,"q3":1,"q4":1,"q5":0,"q6":0,"q7":0}}
expect 201
json .wording == "hearth-en"
json .band_label == "최소"

### the trajectory in Korean: the name, the bands and the change markers' labels
as cm1
GET /api/v1/clients/$ko/assessments/trajectory?instrument=phq9
Accept-Language: ko
expect 200
json .name == "PHQ-9(우울 선별 질문지, 9문항)"
json .points[0].band_label == "중간"
json .points[0].wording == "hearth-ko"
json .change[0].label == "반응: 첫 점수보다 50% 이상 낮음"
json .bands[0].label == "없음 또는 최소"

### a wording the instrument does not have is refused, naming the field, and nothing is stored
as cm1
POST /api/v1/clients/$ko/assessments
Accept-Language: ko
{"instrument":"phq9","wording":"who-ko","answers":{"q1":0,"q2":0,"q3":0,"q4":0,"q5":0,"q6":0,"q7":0,"q8":0,"q9":0}}
expect 400
json .errors.wording exists
json .errors length 1

### a wording that is not text is refused
as cm1
POST /api/v1/clients/$ko/assessments
{"instrument":"phq9","wording":7,"answers":{"q1":0,"q2":0,"q3":0,"q4":0,"q5":0,"q6":0,"q7":0,"q8":0,"q9":0}}
expect 400
json .errors.wording exists

### still two assessments: the refusals stored nothing
as cm1
GET /api/v1/clients/$ko/assessments
expect 200
json .items length 2

### another organisation's case manager may not record one, in any language
as cm4
POST /api/v1/clients/$ko/assessments
Accept-Language: ko
{"instrument":"phq9","answers":{"q1":0,"q2":0,"q3":0,"q4":0,"q5":0,"q6":0,"q7":0,"q8":0,"q9":0}}
expect 403
audit action=assessment.create outcome=denied client_id=$ko staff=cm4

### an analyst reads no assessment, in any language
as analyst1
GET /api/v1/assessments/$ko_a
Accept-Language: ko
expect 403

### bad JSON is refused
as cm1
POST /api/v1/clients/$ko/assessments
Content-Type: application/json
{"instrument":"phq9","answers":
expect 400
