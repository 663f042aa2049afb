/* demo_ko: the demo data in Korean (`hearth demo --locale ko`): after demo_generate has made the
 * data, every organisation, staff member and client it made gets a Korean name (Hangul, with the
 * real frequency of family names), clients a road-name address, Korean phone numbers and emergency
 * contacts; a few clients keep a foreign name (long-term residents) or one in mixed scripts
 * (a multicultural family's child: Nguyen 민준). Reproducible from the seed. The name indexes are
 * rewritten with them (client_search_index), a batch of clients per transaction. */
#include "base/base.h"
#include "core/core.h"
#include "core/demo.h"
#include "db/db.h"
#include <stdio.h>
#include <string.h>

#define KO_BATCH 5000

struct krng {
    uint64_t s;
};
static uint64_t knext(struct krng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545F4914F6CDD1Dull;
}
static unsigned kbelow(struct krng *r, unsigned n)
{
    return n ? (unsigned)(((knext(r) >> 32) * (uint64_t)n) >> 32) : 0;
}
static int kpct(struct krng *r, unsigned pct)
{
    return kbelow(r, 100) < pct;
}
static const char *kpick(struct krng *r, const char *const *l)
{
    size_t n = 0;
    while (l[n])
        n++;
    return l[kbelow(r, (unsigned)n)];
}

/* Family names with their share per 10,000 people (Statistics Korea's census of family names,
 * rounded; 유 counts 柳, 劉 and 兪 together): 김 one in five, 이 one in seven, 박 one in twelve. */
static const struct {
    const char *name;
    int per10k;
} families[] = {
    {"김", 2150}, {"이", 1470}, {"박", 840}, {"최", 470}, {"정", 430}, {"강", 240}, {"조", 210}, {"윤", 210},
    {"장", 200},  {"임", 170},  {"유", 190}, {"한", 150}, {"오", 150}, {"서", 150}, {"신", 150}, {"권", 140},
    {"황", 140},  {"안", 140},  {"송", 130}, {"전", 110}, {"홍", 110}, {"고", 90},  {"문", 90},  {"양", 90},
    {"손", 90},   {"배", 80},   {"백", 70},  {"허", 60},  {"노", 60},  {"남", 60},  {"심", 50},  {"하", 50},
    {"곽", 40},   {"성", 40},   {"차", 40},  {"주", 40},  {"우", 40},  {"구", 40},  {"류", 30},  {"나", 30},
    {"민", 30},   {"진", 30},   {"지", 30},  {"엄", 30},  {"채", 30},  {"원", 30},  {"천", 30},  {"방", 30},
    {"공", 20},   {"현", 20},   {"함", 20},  {"변", 20},  {"염", 20},  {"여", 20},  {"추", 20},  {"도", 10},
    {"소", 10},   {"석", 10},   {"선", 10},  {"설", 10},  {"마", 10},  {"길", 10},  {"연", 10},  {"위", 10},
    {"표", 10},   {"명", 10},   {"기", 10},  {"반", 10},  {"왕", 10},  {"금", 10},  {"옥", 10},  {"육", 10},
    {"인", 10},   {"맹", 5},    {"제", 5},   {"모", 5},   {"탁", 5},   {"국", 5},   {"어", 5},   {"남궁", 2},
    {"황보", 2},  {"제갈", 1},  {"선우", 1}, {"독고", 1},
};
static const char *family_ko(struct krng *r)
{
    static int total;
    if (!total)
        for (size_t i = 0; i < ARRAY_LEN(families); i++)
            total += families[i].per10k;
    int x = (int)kbelow(r, (unsigned)total);
    for (size_t i = 0; i < ARRAY_LEN(families); i++) {
        if (x < families[i].per10k)
            return families[i].name;
        x -= families[i].per10k;
    }
    return families[0].name;
}

/* Given names: two syllables that combine as names do, a popular name now and then (so that names
 * repeat as in life: 민지, 서연, 영희, 민준, 영수), one syllable for a few (이훈, 김진). */
static const char *const f1[] = {"민", "서", "지", "수", "하", "은", "현", "예", "유", "혜", "정", "영", "미", "소",
                                 "윤", "채", "다", "경", "선", "희", "순", "옥", "명", "숙", "주", "보", "아", "나", NULL};
static const char *const f2[] = {"지", "연", "윤", "은", "진", "영", "나", "경", "희", "정", "서", "원",
                                 "빈", "린", "현", "숙", "미", "아", "자", "순", "주", "혜", "라", "인", NULL};
static const char *const m1[] = {"민", "서", "도", "지", "준", "현", "성", "재", "동", "태", "우", "상", "경", "영",
                                 "승", "진", "종", "광", "명", "병", "대", "건", "시", "하", "정", "용", "기", NULL};
static const char *const m2[] = {"준", "현", "호", "우", "민", "원", "수", "훈", "식", "석", "철",
                                 "영", "진", "성", "규", "환", "윤", "재", "혁", "기", "범", NULL};
static const char *const f_popular[] = {"서연", "서윤", "지우", "하윤", "민서", "지민", "서현", "민지",
                                        "지은", "수빈", "예은", "유진", "은지", "혜진", "수진", "영희",
                                        "순자", "영자", "정숙", "옥자", "미경", "경희", "미숙", NULL};
static const char *const m_popular[] = {"민준", "서준", "도윤", "예준", "시우", "하준", "지호", "주원",
                                        "지훈", "현우", "준호", "동현", "성민", "영수", "영호", "상철",
                                        "병철", "철수", "정호", "성호", "종수", "광수", NULL};
static const char *const f_one[] = {"진", "숙", "혜", "란", "은", NULL};
static const char *const m_one[] = {"훈", "준", "혁", "철", "민", "석", NULL};

static void given_ko(struct krng *r, int female, char *out, size_t len)
{
    int x = (int)kbelow(r, 100);
    if (x < 2) {
        snprintf(out, len, "%s", kpick(r, female ? f_one : m_one));
    } else if (x < 17) {
        snprintf(out, len, "%s", kpick(r, female ? f_popular : m_popular));
    } else {
        const char *a, *b;
        do {
            a = kpick(r, female ? f1 : m1);
            b = kpick(r, female ? f2 : m2);
        } while (strcmp(a, b) == 0); /* no 지지 */
        snprintf(out, len, "%s%s", a, b);
    }
}

/* The demo's places in Korean: its districts (the codes stay as they are: eligibility rules name
 * them), roads and organisations, in a city of its own (한빛시). */
static const char *const districts[][2] = {
    {"Riverside-gu", "강변구"}, {"Eastgate-gu", "동문구"},   {"Northside-gu", "북촌구"}, {"Harbour-gu", "항만구"},
    {"Hillcrest-gu", "송림구"}, {"Millbrook-gu", "청천구"}, {"Oakfield-gu", "상록구"},  {"Stonebridge-gu", "석교구"},
};
static const char *const roads[] = {"한강로", "도산로", "송림로", "은행로", "공원로", "시장로", "해안로",
                                    "별마루로", "동문로", "북문로", "버들로", "향나무로", "단풍로", "역전로", NULL};
static const char *const orgs[][2] = {
    {"Riverside Mental Health Welfare Centre", "한빛시 강변구정신건강복지센터"},
    {"Eastgate Public Health Centre", "한빛시 동문구보건소"},
    {"Northside Administrative Welfare Centre", "한빛시 북촌동 행정복지센터"},
    {"Harbour Housing Association", "한빛주거복지센터"},
    {"St Luke's Hospital", "성누가병원"},
};
/* The fixed accounts keep their usernames and get the Korean form of their names. */
static const char *const staff[][2] = {
    {"admin", "박유나"}, {"sup", "조선희"},   {"cm1", "김민지"},    {"cm2", "이대니"},   {"cm3", "최지원"},
    {"cm4", "권미라"},   {"psy1", "장현우"},  {"nurse1", "서은경"}, {"peer1", "정태민"}, {"desk1", "한소연"},
    {"housing1", "오은혜"}, {"analyst1", "임준호"}, {"cm5", "윤하나"},
};
static const char *const relations_f[] = {"어머니", "언니", "누나", "딸", "이모", "고모", NULL};
static const char *const relations_m[] = {"아버지", "오빠", "형", "아들", "삼촌", "남동생", NULL};
static const char *const relations_x[] = {"배우자", "친구", "사촌", "이웃", NULL};

static const char *district_ko(struct krng *r, const char *address)
{
    for (size_t i = 0; address && i < ARRAY_LEN(districts); i++)
        if (strstr(address, districts[i][0]))
            return districts[i][1];
    return districts[kbelow(r, ARRAY_LEN(districts))][1];
}

/* 010-1234-5678 (a mobile) for most, 02-123-4567 (a landline) for some. */
static void phone_ko(struct krng *r, char *out, size_t len)
{
    if (kpct(r, 92))
        snprintf(out, len, "010-%04u-%04u", kbelow(r, 10000), kbelow(r, 10000));
    else
        snprintf(out, len, "02-%03u-%04u", 200 + kbelow(r, 800), kbelow(r, 10000));
}

static int fail(char *err, size_t errlen, struct db *db, const char *what)
{
    snprintf(err, errlen, "demo --locale ko: %s: %s", what, db_errmsg(db));
    return -1;
}

/* One batch of clients, [from, to], rewritten with its name index rows. */
static int clients_ko(struct db *db, struct krng *r, int64_t from, int64_t to, char *err, size_t errlen)
{
    if (db_run(db, "DELETE FROM clients_fts WHERE rowid>=? AND rowid<=?", "ii", from, to) != DB_OK ||
        db_run(db, "DELETE FROM client_name_keys WHERE client_id>=? AND client_id<=?", "ii", from, to) != DB_OK)
        return fail(err, errlen, db, "cannot clear the name index");
    json_t *rows = db_rows(db,
                           "SELECT id, given_name, family_name, preferred_name, sex, language, phone, address,"
                           " emergency_contacts FROM clients WHERE id>=? AND id<=? ORDER BY id",
                           "ii", from, to);
    size_t i;
    json_t *c;
    int rc = 0;
    json_array_foreach(rows, i, c)
    {
        int64_t id = json_integer_value(json_object_get(c, "id"));
        const char *sex = json_string_value(json_object_get(c, "sex"));
        const char *lang = json_string_value(json_object_get(c, "language"));
        const char *old_address = json_string_value(json_object_get(c, "address"));
        int female = sex ? strcmp(sex, "female") == 0 : kpct(r, 50);
        char given[64], family[64], phone[24], address[200], emergency[200], rel_given[64];
        const char *preferred = NULL, *language = "ko";
        /* long-term residents of another language keep their name (one in five of them); a child of a
         * multicultural family among them has a Hangul given name */
        int foreign = lang && strcmp(lang, "ko") != 0 && kpct(r, 20);
        if (foreign) {
            snprintf(family, sizeof family, "%s", json_string_value(json_object_get(c, "family_name")));
            if (kpct(r, 30))
                given_ko(r, female, given, sizeof given);
            else
                snprintf(given, sizeof given, "%s", json_string_value(json_object_get(c, "given_name")));
            preferred = json_string_value(json_object_get(c, "preferred_name"));
            language = lang;
        } else {
            snprintf(family, sizeof family, "%s", family_ko(r));
            given_ko(r, female, given, sizeof given);
            if (kpct(r, 2)) /* an English name used at work or church */
                preferred = kpick(r, female ? (const char *const[]){"Grace", "Sophie", "Jenny", "Anna", NULL}
                                            : (const char *const[]){"David", "John", "Daniel", "Paul", NULL});
        }
        int has_phone = json_is_string(json_object_get(c, "phone"));
        phone_ko(r, phone, sizeof phone);
        if (old_address && strncmp(old_address, "No fixed address", 16) == 0)
            snprintf(address, sizeof address, "일정한 주거 없음; 우편물은 한빛주거복지센터에서 받음");
        else if (kpct(r, 60))
            snprintf(address, sizeof address, "한빛시 %s %s%u길 %u, %u층 %u%02u호", district_ko(r, old_address),
                     kpick(r, roads), 1 + kbelow(r, 40), 1 + kbelow(r, 120), 1 + kbelow(r, 15), 1 + kbelow(r, 15),
                     1 + kbelow(r, 8));
        else
            snprintf(address, sizeof address, "한빛시 %s %s %u", district_ko(r, old_address), kpick(r, roads),
                     1 + kbelow(r, 200));
        emergency[0] = 0;
        if (json_is_string(json_object_get(c, "emergency_contacts"))) {
            int rk = (int)kbelow(r, 3);
            const char *rel = kpick(r, rk == 0 ? relations_f : rk == 1 ? relations_m : relations_x);
            given_ko(r, rk == 0 || (rk == 2 && kpct(r, 50)), rel_given, sizeof rel_given);
            char rel_phone[24];
            phone_ko(r, rel_phone, sizeof rel_phone);
            snprintf(emergency, sizeof emergency, "%s: %s%s, %s", rel,
                     rk == 1 && !foreign ? family : family_ko(r), rel_given, rel_phone);
        }
        if (db_run(db,
                   "UPDATE clients SET given_name=?, family_name=?, preferred_name=?, language=?, phone=?, address=?,"
                   " emergency_contacts=? WHERE id=?",
                   "ttttttti", given, family, preferred, language, has_phone ? phone : NULL, address,
                   emergency[0] ? emergency : NULL, id) != DB_OK ||
            client_search_index(db, id, given, family, preferred, has_phone ? phone : NULL) != DB_OK) {
            rc = fail(err, errlen, db, "cannot rewrite a client");
            break;
        }
    }
    json_decref(rows);
    return rc;
}

int demo_localise(struct db *db, const char *locale, int seed, int progress, char *err, size_t errlen)
{
    if (!locale || strcmp(locale, "en") == 0)
        return 0;
    if (strcmp(locale, "ko") != 0) {
        snprintf(err, errlen, "demo: --locale takes en or ko");
        return -1;
    }
    struct krng r = {((uint64_t)(uint32_t)(seed ? seed : 1) * 0x9E3779B97F4A7C15ull) | 1};
    if (db_begin(db) != DB_OK)
        return fail(err, errlen, db, "cannot begin");
    for (size_t i = 0; i < ARRAY_LEN(orgs); i++)
        if (db_run(db, "UPDATE orgs SET name=? WHERE name=?", "tt", orgs[i][1], orgs[i][0]) != DB_OK)
            goto bad;
    for (size_t i = 0; i < ARRAY_LEN(staff); i++)
        if (db_run(db, "UPDATE staff SET display_name=? WHERE username=?", "tt", staff[i][1], staff[i][0]) != DB_OK)
            goto bad;
    /* the synthetic case managers (cm0001...) */
    json_t *syn = db_rows(db, "SELECT id FROM staff WHERE username LIKE 'cm0%' ORDER BY id", "");
    size_t i;
    json_t *s;
    json_array_foreach(syn, i, s)
    {
        char name[96], given[64];
        given_ko(&r, kpct(&r, 70), given, sizeof given);
        snprintf(name, sizeof name, "%s%s", family_ko(&r), given);
        if (db_run(db, "UPDATE staff SET display_name=? WHERE id=?", "ti", name,
                   json_integer_value(json_object_get(s, "id"))) != DB_OK) {
            json_decref(syn);
            goto bad;
        }
    }
    json_decref(syn);
    int64_t last = db_int1(db, 0, "SELECT max(id) FROM clients", "");
    for (int64_t from = 1; from <= last; from += KO_BATCH) {
        if (from > 1 && (db_commit(db) != DB_OK || db_begin(db) != DB_OK))
            goto bad;
        if (clients_ko(db, &r, from, from + KO_BATCH - 1, err, errlen) != 0) {
            db_rollback(db);
            return -1;
        }
        if (progress)
            fprintf(stderr, "\rdemo --locale ko: %lld of %lld clients", (long long)(from + KO_BATCH - 1 < last ? from + KO_BATCH - 1 : last),
                    (long long)last);
    }
    if (progress)
        fputc('\n', stderr);
    if (db_commit(db) != DB_OK)
        return fail(err, errlen, db, "cannot commit");
    return 0;
bad:
    fail(err, errlen, db, "cannot rename");
    db_rollback(db);
    return -1;
}
