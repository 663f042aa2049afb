/* demo: reproducible synthetic data (organisations, staff, clients, episodes, care teams, contacts,
 * tasks, and a little risk and crisis data) for `hearth demo`, tests and benchmarks; batched prepared
 * inserts through one helper (db_insert, the name index through core), no audit (no user acted). */
#include "core/demo.h"
#include "base/base.h"
#include "core/core.h"
#include "core/eligibility.h"
#include "core/instrument.h"
#include "db/db.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define BATCH 5000          /* clients per transaction */
#define CM_FIRST 36         /* clients 1..36 go to cm1, cm2, cm3 in turn (12 each) */
#define CM4_CLIENTS 12      /* the first Eastgate clients go to cm4 */
#define RICH_CONTACTS 2000  /* these first clients get 2-4 contacts each; later ones few */
#define CLINICIAN_RANGE 400 /* psy1 and nurse1 join teams among the first clients only */
#define CLIENTS_PER_CM 25
#define MAX_SYNTHETIC_CM 2000
#define BREADTH 2000       /* clients 1..2000 get the clinical breadth below (assessments, plans, ...) */
#define LONG_HISTORY 2000  /* contacts of each of the two long-followed clients (the 4th and the 5th) */

/* ---- a small reproducible PRNG (xorshift64*, seeded through splitmix64) ---- */

struct rng {
    uint64_t s;
};
static void rng_seed(struct rng *r, int seed)
{
    uint64_t z = (uint64_t)(uint32_t)seed + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    r->s = (z ^ (z >> 31)) | 1;
}
static uint64_t rnext(struct rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545F4914F6CDD1Dull;
}
static unsigned rbelow(struct rng *r, unsigned n) /* 0..n-1 */
{
    return n ? (unsigned)(((rnext(r) >> 32) * (uint64_t)n) >> 32) : 0;
}
static int rpct(struct rng *r, unsigned pct)
{
    return rbelow(r, 100) < pct;
}
static int rweighted(struct rng *r, const int *w, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += w[i];
    int x = (int)rbelow(r, (unsigned)total);
    for (int i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}
static size_t list_len(const char *const *l)
{
    size_t n = 0;
    while (l[n])
        n++;
    return n;
}
static const char *rpick(struct rng *r, const char *const *l)
{
    return l[rbelow(r, (unsigned)list_len(l))];
}

/* ---- dates as day numbers (days since 1970-01-01), formatted by hand: this runs per row ---- */

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}
static void put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10 % 10);
    p[1] = (char)('0' + v % 10);
}
static void fmt_date(int64_t day, char out[11]) /* YYYY-MM-DD */
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    put2(out, y / 100);
    put2(out + 2, y % 100);
    out[4] = '-';
    put2(out + 5, m);
    out[7] = '-';
    put2(out + 8, d);
    out[10] = 0;
}
static void fmt_time(int64_t day, int sec, char out[21]) /* YYYY-MM-DDTHH:MM:SSZ */
{
    fmt_date(day, out);
    out[10] = 'T';
    put2(out + 11, sec / 3600);
    out[13] = ':';
    put2(out + 14, sec / 60 % 60);
    out[16] = ':';
    put2(out + 17, sec % 60);
    out[19] = 'Z';
    out[20] = 0;
}
static int office_hours(struct rng *r) /* a time of day between 08:30 and 18:00, in seconds */
{
    return 8 * 3600 + 1800 + (int)rbelow(r, 9 * 3600 + 1800);
}

/* ---- names: each culture keeps its given and family names together so names stay coherent ---- */

/* Korean given names: two syllables, drawn per sex from syllables that combine naturally, or (one time
 * in seven) one of the common names, so that popular names repeat as they do in life. */
static const char *const ko_f1[] = {"Min",  "Seo",  "Ji",    "Ha",    "Eun",  "Hye", "So",
                                    "Mi",   "Yu",   "Su",    "Ye",    "Chae", "Da",  "Jung",
                                    "Hyun", "Yoon", "Young", "Kyung", "Sun",  "Hee", NULL};
static const char *const ko_f2[] = {"ji",    "yeon", "yoon", "eun", "jin", "young", "na",
                                    "kyung", "hee",  "jung", "seo", "won", "bin",   "rin",
                                    "hyun",  "sook", "mi",   "ah",  NULL};
static const char *const ko_m1[] = {"Min",   "Seo",  "Do",   "Ji",    "Jun",   "Hyun",  "Sung",
                                    "Jae",   "Dong", "Tae",  "Woo",   "Sang",  "Kyung", "Young",
                                    "Seung", "Jin",  "Jong", "Kwang", "Myung", "Byung", "Dae",
                                    "Joon",  "Gun",  "Si",   "Ha",    "Eun",   NULL};
static const char *const ko_m2[] = {"jun",  "hyun", "ho",   "woo",  "min",   "won", "soo",
                                    "hoon", "sik",  "seok", "chul", "young", "jin", "sung",
                                    "gyu",  "hwan", "yoon", "jae",  NULL};
static const char *const ko_f[] = {"Minji",    "Seoyeon", "Jiwoo",   "Hayoon",   "Eunji", "Hyejin",
                                   "Soyoung",  "Mijin",   "Yuna",    "Jieun",    "Sujin", "Jihye",
                                   "Younghee", "Soonja",  "Mikyung", "Jungsook", "Okja",  "Kyungja",
                                   "Chaewon",  "Subin",   NULL};
static const char *const ko_m[] = {"Minjun",    "Seojun",   "Dohyun",   "Jiho",    "Junho",   "Hyunwoo",
                                   "Sungmin",   "Jaewon",   "Donghyun", "Taeyang", "Woojin",  "Sangwoo",
                                   "Kyungsoo",  "Youngsoo", "Chulsoo",  "Jaehyun", "Seungho", "Jinwoo",
                                   "Byungchul", "Kwangsoo", NULL};
static const char *const ko_family[] = {"Kim",  "Lee",  "Park", "Choi", "Jung", "Kang", "Cho",  "Yoon",
                                        "Jang", "Lim",  "Han",  "Oh",   "Seo",  "Shin", "Kwon", "Hwang",
                                        "Ahn",  "Song", "Yoo",  "Hong", "Jeon", "Ko",   "Moon", "Yang",
                                        "Son",  "Bae",  "Baek", "Heo",  "Nam",  "Noh",  NULL};
/* Rough shares (per mille) of the Korean family names above: a few are very common. */
static const int ko_family_w[] = {215, 150, 85, 48, 43, 24, 21, 21, 20, 17, 15, 15, 15, 15, 14,
                                  14,  14,  14, 12, 11, 11, 9,  9,  9,  9,  8,  8,  6,  6,  6};

static const char *const en_f[] = {"Mary",    "Sarah",   "Emily",     "Grace", "Hannah",   "Chloe", "Ruth",
                                   "Emma",    "Olivia",  "Charlotte", "Lucy",  "Margaret", "Helen", "Zoë",
                                   "Rebecca", "Jessica", "Laura",     "Anne",  NULL};
static const char *const en_m[] = {
    "James",   "Robert", "Michael",     "David",  "Thomas",  "Daniel", "Oliver",  "Samuel", "Jack", "George",
    "William", "Peter",  "Christopher", "Andrew", "Matthew", "Joseph", "Richard", "Edward", NULL};
static const char *const en_fam[] = {"Smith",  "Jones",    "Williams", "Brown",   "Taylor",  "Davies",
                                     "Wilson", "Evans",    "Thomas",   "Johnson", "Roberts", "Walker",
                                     "Wright", "Robinson", "Thompson", "White",   "Hughes",  "Edwards",
                                     "Green",  "Hall",     "O'Brien",  "MacLeod", NULL};
static const char *const zh_f[] = {"Mei", "Xiuying",  "Lina", "Hui",  "Fang", "Jing",
                                   "Yan", "Xiaoling", "Li",   "Ying", NULL};
static const char *const zh_m[] = {"Wei", "Jun",  "Hao",  "Ming", "Qiang", "Lei",
                                   "Tao", "Jian", "Yong", "Chao", NULL};
static const char *const zh_fam[] = {"Wang",  "Li",   "Zhang", "Liu", "Chen", "Yang", "Zhao",
                                     "Huang", "Zhou", "Wu",    "Xu",  "Sun",  NULL};
static const char *const vi_f[] = {"Linh",  "Lan",   "Thu",    "Hoa",  "Mai", "Ngoc",
                                   "Trang", "Huong", "Phuong", "Thao", NULL};
static const char *const vi_m[] = {"Minh",  "Tuan", "Duc",   "Hung", "Long", "Quang",
                                   "Khanh", "Nam",  "Thanh", "Bao",  NULL};
static const char *const vi_fam[] = {"Nguyen", "Tran", "Le",  "Pham", "Hoang", "Vo", "Phan",
                                     "Vu",     "Dang", "Bui", "Do",   "Ngo",   NULL};
static const char *const ph_f[] = {"Maricel",  "Rosalie", "Jocelyn", "Liza",
                                   "Cristina", "Analyn",  "Marites", NULL};
static const char *const ph_m[] = {"Rodel", "Jerome", "Ramon", "Arnel", "Marvin", "Jomar", "Renato", NULL};
static const char *const ph_fam[] = {"Santos", "Reyes",      "Cruz",  "Bautista", "Dela Cruz", "Mendoza",
                                     "Garcia", "Villanueva", "Ramos", "Aquino",   NULL};
static const char *const ja_f[] = {"Yuki", "Aiko",  "Haruka", "Sakura", "Naoko",
                                   "Emi",  "Keiko", "Misaki", NULL};
static const char *const ja_m[] = {"Haruto", "Kenji", "Takeshi", "Hiroshi", "Ren",
                                   "Daiki",  "Sota",  "Kazuo",   NULL};
static const char *const ja_fam[] = {"Sato",     "Suzuki",   "Takahashi", "Tanaka", "Watanabe", "Ito",
                                     "Yamamoto", "Nakamura", "Kobayashi", "Kato",   NULL};
static const char *const sa_f[] = {"Priya", "Anjali", "Fatima", "Sunita", "Meera", "Ayesha", "Nisha", NULL};
static const char *const sa_m[] = {"Arjun", "Rahul", "Imran", "Sanjay", "Vikram", "Ravi", "Bilal", NULL};
static const char *const sa_fam[] = {"Patel", "Singh",   "Sharma", "Khan", "Gupta",
                                     "Das",   "Hossain", "Rahman", NULL};
static const char *const es_f[] = {"María",     "Lucía",  "Carmen", "Sofía",
                                   "Valentina", "Isabel", "Camila", NULL};
static const char *const es_m[] = {"José", "Mateo", "Carlos", "Javier", "Diego", "Luis", "Andrés", NULL};
static const char *const es_fam[] = {"García", "Martínez", "Rodríguez", "López", "Hernández",
                                     "Silva",  "Torres",   "Flores",    NULL};
static const char *const kr_f[] = {"Olga",    "Natalia", "Svetlana", "Aigerim",
                                   "Dilnoza", "Yelena",  "Irina",    NULL}; /* Koryo-saram */
static const char *const kr_m[] = {"Dmitri", "Sergei", "Alexei",  "Timur",
                                   "Rustam", "Viktor", "Nikolai", NULL};
static const char *const kr_fam[] = {"Kim", "Tsoi", "Pak", "Shin", "Ten", "Khegai", "Ni", "Ogai", NULL};
static const char *const af_f[] = {"Aisha", "Amara", "Layla", "Nadia", "Esi", "Amina", "Chioma", NULL};
static const char *const af_m[] = {"Mohammed", "Omar", "Kwame", "Yusuf", "Emeka", "Karim", "Tariq", NULL};
static const char *const af_fam[] = {"Hassan", "Ahmed",  "Haddad",  "Okafor", "Mensah",
                                     "Abdi",   "Diallo", "Mansour", NULL};

#define CULTURE_KO 0 /* the first culture below */
static const struct culture {
    const char *lang;
    int weight; /* percent */
    const char *const *female, *const *male, *const *family;
} cultures[] = {
    {"ko", 70, ko_f, ko_m, ko_family}, /* given names mostly from syllables, see given_name() */
    {"en", 6, en_f, en_m, en_fam},     {"zh", 6, zh_f, zh_m, zh_fam}, {"vi", 5, vi_f, vi_m, vi_fam},
    {"tl", 3, ph_f, ph_m, ph_fam},     {"ja", 2, ja_f, ja_m, ja_fam}, {"hi", 2, sa_f, sa_m, sa_fam},
    {"es", 2, es_f, es_m, es_fam},     {"ru", 2, kr_f, kr_m, kr_fam}, {"en", 2, af_f, af_m, af_fam},
};
static const char *const nicknames_f[] = {"Sunny", "Kate", "Annie", "Lily", "Joy", "Coco", "Sam", NULL};
static const char *const nicknames_m[] = {"Danny", "Jay", "Mike", "Ben", "Max", "Teddy", "Sam", NULL};

static int pick_culture(struct rng *r)
{
    int w[ARRAY_LEN(cultures)];
    for (size_t i = 0; i < ARRAY_LEN(cultures); i++)
        w[i] = cultures[i].weight;
    return rweighted(r, w, (int)ARRAY_LEN(cultures));
}
/* A given name for a culture; female != 0 for a female name. */
static void given_name(struct rng *r, int culture, int female, char *out, size_t len)
{
    const struct culture *c = &cultures[culture];
    if (culture != CULTURE_KO || rpct(r, 15)) {
        snprintf(out, len, "%s", rpick(r, female ? c->female : c->male));
        return;
    }
    const char *a, *b;
    do {
        a = rpick(r, female ? ko_f1 : ko_m1);
        b = rpick(r, female ? ko_f2 : ko_m2);
    } while (strcasecmp(a, b) == 0); /* no "Jiji" */
    snprintf(out, len, "%s%s", a, b);
}
static const char *family_name(struct rng *r, int culture)
{
    if (culture != CULTURE_KO)
        return rpick(r, cultures[culture].family);
    return ko_family[rweighted(r, ko_family_w, (int)ARRAY_LEN(ko_family_w))];
}

/* ---- addresses, contacts, notes ---- */

static const char *const districts[] = {"Riverside-gu", "Eastgate-gu",    "Northside-gu",
                                        "Harbour-gu",   "Hillcrest-gu",   "Millbrook-gu",
                                        "Oakfield-gu",  "Stonebridge-gu", NULL};
static const char *const streets[] = {"Hangang-ro", "Dosan-ro", "Songnim-ro",   "Eunhaeng-ro", "Gongwon-ro",
                                      "Sijang-ro",  "Haean-ro", "Byeolmaru-ro", "Dongmun-ro",  "Bukmun-ro",
                                      "Willow-ro",  "Cedar-ro", "Maple-ro",     "Station-ro",  NULL};
static const char *const relations_f[] = {"Mother", "Sister", "Daughter", "Aunt", NULL};
static const char *const relations_m[] = {"Father", "Brother", "Son", "Uncle", NULL};
static const char *const relations_x[] = {"Spouse", "Partner", "Friend", "Cousin", "Neighbour", NULL};

static const char *const notes[] = {
    "Reviewed the week together; sleep has improved and the client is keeping a routine.",
    "Accompanied the client to the outpatient appointment; medication unchanged.",
    "Phone check-in. The client reports feeling settled and has no concerns today.",
    "Discussed goals in the care plan; the client wants to focus on finding part-time work.",
    "Home visit: flat tidy, fridge stocked. Talked about managing bills.",
    "Helped complete the application for basic livelihood benefits.",
    "Client attended the peer support group and spoke briefly about recovery.",
    "Talked through early warning signs and updated who to call in a crisis.",
    "Met with the client's mother to explain the support available to families.",
    "Visited the day programme with the client; they would like to try it for a month.",
    "Follow-up after a missed appointment; rescheduled for next week at the client's request.",
    "Arranged a dental appointment and transport for next Tuesday.",
    "Client raised worries about the rent increase; referred to the housing coordinator.",
    "Reviewed medication side effects; client will raise weight gain with the psychiatrist.",
    "Short outreach visit; the client did not want a long conversation today, which was respected.",
    "Case conference: agreed to continue weekly contact and review in three months.",
    "Practised using the bus route to the vocational centre together.",
    "Client reported a difficult week after an argument with a neighbour; made a plan for the weekend.",
    "Went shopping together and talked about budgeting for meals.",
    "Checked in after the recent hospital discharge; client is back at home and taking medication.",
    "Helped the client register with a local GP and book a health check.",
    "Client shared a success: completed the first week of a volunteer placement.",
    NULL};
static const char *const restricted_notes[] = {
    "Psychotherapy session: worked on coping with intrusive thoughts. Details kept in the therapy record.",
    "Discussed alcohol use over the past month; the client set their own goal to cut down.",
    "Client disclosed past trauma; agreed to move at their pace and revisit next session.",
    "Substance use review: no use reported since the last visit; discussed triggers.", NULL};
static const char *const discharge_reasons[] = {"Goals achieved",
                                                "Moved out of the area",
                                                "Transferred to another service",
                                                "Client declined further service",
                                                "Admitted to long-term care",
                                                NULL};
static const char *const task_titles[] = {"Care plan review due",
                                          "Follow-up call after hospital discharge",
                                          "Return housing application forms",
                                          "Home visit: check medication supply",
                                          "Prepare for case conference",
                                          "Accompany to benefits office appointment",
                                          "Chase referral feedback from Eastgate",
                                          "Renew consent for information sharing",
                                          "Outcome assessment due",
                                          "Book annual physical health check",
                                          NULL};

/* Vocabulary the generator uses (checked against core's tables, so a renamed value fails loudly). */
static const char *const use_programmes[] = {"integrated_care", "intensive_case_management", "act",
                                             "housing_support"};
static const int w_programmes[] = {70, 15, 8, 7};
static const char *const use_statuses[] = {"active", "intake", "on_hold", "discharged"};
static const int w_statuses[] = {80, 8, 7, 5};
static const char *const use_targets[] = {"severe", "long_term_hospitalised", "crisis", "other"};
static const int w_targets[] = {45, 20, 15, 20};
static const char *const use_kinds[] = {"home_visit", "office", "phone",          "outreach",
                                        "group",      "crisis", "case_conference"};
static const int w_kinds[] = {25, 20, 30, 10, 5, 5, 5};
static const int w_domains[] = {30, 6, 8, 10, 8, 6, 8, 10, 4, 10}; /* in service_domains order */

static int check_vocab(char *err, size_t errlen)
{
    static const struct {
        const char *const *list;
        const char *const *used;
        size_t n;
    } v[] = {{programmes, use_programmes, ARRAY_LEN(use_programmes)},
             {episode_statuses, use_statuses, ARRAY_LEN(use_statuses)},
             {target_groups, use_targets, ARRAY_LEN(use_targets)},
             {contact_kinds, use_kinds, ARRAY_LEN(use_kinds)}};
    for (size_t i = 0; i < ARRAY_LEN(v); i++)
        for (size_t j = 0; j < v[i].n; j++)
            if (!in_list(v[i].list, v[i].used[j])) {
                snprintf(err, errlen, "demo: '%s' is not in the domain vocabulary", v[i].used[j]);
                return -1;
            }
    static const char *const roles[] = {"primary_case_manager", "psychiatrist", "nurse", "peer_supporter"};
    for (size_t j = 0; j < ARRAY_LEN(roles); j++)
        if (!in_list(team_roles, roles[j])) {
            snprintf(err, errlen, "demo: team role '%s' is unknown", roles[j]);
            return -1;
        }
    if (list_len(service_domains) != ARRAY_LEN(w_domains)) {
        snprintf(err, errlen, "demo: the service domains changed");
        return -1;
    }
    return 0;
}

/* 1-3 distinct service domains as "a,b,c" in canonical order; crisis contacts lead with crisis_response. */
static void pick_domains(struct rng *r, int crisis, char *out, size_t len)
{
    int n = 1 + (rpct(r, 45) ? 1 : 0) + (rpct(r, 15) ? 1 : 0);
    int chosen[ARRAY_LEN(w_domains)] = {0};
    if (crisis) {
        chosen[1] = 1;
        n--;
    }
    for (int tries = 0; n > 0 && tries < 20; tries++) {
        int d = rweighted(r, w_domains, (int)ARRAY_LEN(w_domains));
        if (!chosen[d]) {
            chosen[d] = 1;
            n--;
        }
    }
    size_t o = 0;
    out[0] = 0;
    for (size_t i = 0; i < ARRAY_LEN(w_domains); i++)
        if (chosen[i])
            o += (size_t)snprintf(out + o, o < len ? len - o : 0, "%s%s", o ? "," : "", service_domains[i]);
}

/* ---- rows: each kind of row as its table and columns, written by one helper (db_insert) ---- */

#define ROW_ORG "orgs", "name, kind, created_at"
#define ROW_STAFF "staff", "org_id, username, display_name, role, discipline, phone, pw_hash, created_at"
#define ROW_CLIENT                                                                                           \
    "clients", "given_name, family_name, preferred_name, birth_date, sex, gender_identity, language, phone,"  \
               " email, address, emergency_contacts, org_id, created_by, created_at, updated_by, updated_at"
#define ROW_IDENT "client_identifiers", "client_id, kind, value"
#define ROW_EPISODE                                                                                          \
    "episodes", "client_id, org_id, programme, status, target_group, primary_cm, start_date, end_date,"      \
                " discharge_reason, created_by, created_at, updated_at"
#define ROW_TEAM "team_members", "episode_id, staff_id, team_role, from_date, to_date"
#define ROW_CONTACT                                                                                          \
    "contacts", "client_id, episode_id, staff_id, kind, at, duration_min, domains, body, restricted, created_at"
#define ROW_TASK                                                                                             \
    "tasks", "client_id, assignee, title, due, priority, status, source, created_by, created_at, done_by, done_at"
#define ROW_RULE_TASK                                                                                        \
    "tasks", "client_id, assignee, title, title_key, title_args, due, priority, status, source, created_by,"  \
             " created_at, done_by, done_at"

/* ---- the generator's state ---- */

struct gen {
    struct db *db;
    struct rng r;
    int64_t today; /* day number */
    char now[32];
    char hash[128];
    char *err;
    size_t errlen;
    int64_t riverside, eastgate, northside, harbour, hospital;
    int64_t admin, sup, cm[4], psy1, nurse1, peer1, desk1, housing1, analyst1;
    int64_t *syn_r, *syn_e; /* synthetic case managers at Riverside and Eastgate */
    int n_r, n_e;
    int64_t first[CM_FIRST]; /* client ids of cm1..cm3's caseloads (index k: cm k%3) */
    int nfirst;
    int64_t cm4_clients[CM4_CLIENTS];
    int n_cm4;
    int now_sec; /* seconds since midnight UTC: nothing is stamped in the future */
    int64_t birth0, birth1;
    /* The first BREADTH clients, for the breadth pass (which draws from r2, so that the rows made
     * before it stay what they were): id, episode, primary case manager, start day, open. */
    struct rng r2;
    struct breadth {
        int64_t id, ep, cm, start;
        int open, east;
    } *b;
    int nb;
};

static int fail(struct gen *g, const char *what)
{
    snprintf(g->err, g->errlen, "demo: %s: %s", what, db_errmsg(g->db));
    return -1;
}

/* A time during office hours on a day; today's stamps are never later than now. */
static void stamp(struct gen *g, int64_t day, char out[21])
{
    int sec = office_hours(&g->r);
    if (day >= g->today) {
        day = g->today;
        if (sec > g->now_sec)
            sec = (int)rbelow(&g->r, (unsigned)g->now_sec + 1);
    }
    fmt_time(day, sec, out);
}

static int64_t demo_org(struct gen *g, const char *name, const char *kind)
{
    int64_t id = db_int1(g->db, 0, "SELECT id FROM orgs WHERE name=?", "t", name);
    if (!id)
        id = db_insert(g->db, ROW_ORG, "ttt", name, kind, g->now);
    if (!id)
        fail(g, "cannot create an organisation");
    return id;
}

/* A staff account by username; an existing one is reused untouched. */
static int64_t demo_staff(struct gen *g, int64_t org, const char *username, const char *display,
                          const char *role, const char *discipline)
{
    char phone[24]; /* drawn first, so that reusing an account does not shift the rest of the data */
    snprintf(phone, sizeof phone, "02-%03u-%04u", 300 + rbelow(&g->r, 700), rbelow(&g->r, 10000));
    if (role_parse(role) < 0 || (discipline && !in_list(disciplines, discipline))) {
        snprintf(g->err, g->errlen, "demo: role '%s' or discipline '%s' is unknown", role,
                 discipline ? discipline : "");
        return 0;
    }
    int64_t id = db_int1(g->db, 0, "SELECT id FROM staff WHERE username=?", "t", username);
    if (id)
        return id;
    id = db_insert(g->db, ROW_STAFF, "ittttttt", org, username, display, role, discipline, phone, g->hash,
                   g->now);
    if (!id)
        fail(g, "cannot create a staff account");
    return id;
}

static int make_orgs_and_staff(struct gen *g, int clients)
{
    if (!(g->riverside =
              demo_org(g, "Riverside Mental Health Welfare Centre", "mental_health_welfare_centre")) ||
        !(g->eastgate = demo_org(g, "Eastgate Public Health Centre", "public_health_centre")) ||
        !(g->northside =
              demo_org(g, "Northside Administrative Welfare Centre", "administrative_welfare_centre")) ||
        !(g->harbour = demo_org(g, "Harbour Housing Association", "housing_provider")) ||
        !(g->hospital = demo_org(g, "St Luke's Hospital", "hospital")))
        return -1;
    const struct {
        int64_t *id, *org;
        const char *user, *name, *role, *discipline;
    } fixed[] = {
        {&g->admin, &g->riverside, "admin", "Yuna Park", "admin", NULL},
        {&g->sup, &g->riverside, "sup", "Sunhee Cho", "supervisor", "social_worker"},
        {&g->cm[0], &g->riverside, "cm1", "Minji Kim", "case_manager", "social_worker"},
        {&g->cm[1], &g->riverside, "cm2", "Daniel Lee", "case_manager", "nurse"},
        {&g->cm[2], &g->riverside, "cm3", "Jiwon Choi", "case_manager", "social_worker"},
        {&g->cm[3], &g->eastgate, "cm4", "Mira Kwon", "case_manager", "nurse"},
        {&g->psy1, &g->riverside, "psy1", "Hyunwoo Jang", "clinician", "psychiatrist"},
        {&g->nurse1, &g->riverside, "nurse1", "Eunkyung Seo", "clinician", "nurse"},
        {&g->peer1, &g->riverside, "peer1", "Tom Walker", "peer_supporter", NULL},
        {&g->desk1, &g->northside, "desk1", "Soyeon Han", "care_desk", NULL},
        {&g->housing1, &g->harbour, "housing1", "Grace Okafor", "housing_coordinator", NULL},
        {&g->analyst1, &g->riverside, "analyst1", "Junho Lim", "analyst", NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(fixed); i++)
        if (!(*fixed[i].id = demo_staff(g, *fixed[i].org, fixed[i].user, fixed[i].name, fixed[i].role,
                                        fixed[i].discipline)))
            return -1;
    /* Synthetic case managers: about one per 25 clients, a tenth of them at Eastgate. */
    int n = clients / CLIENTS_PER_CM;
    if (n > MAX_SYNTHETIC_CM)
        n = MAX_SYNTHETIC_CM;
    if (n < 2)
        n = 2;
    g->n_e = n / 10 > 0 ? n / 10 : 1;
    g->n_r = n - g->n_e;
    g->syn_r = xcalloc((size_t)g->n_r, sizeof *g->syn_r);
    g->syn_e = xcalloc((size_t)g->n_e, sizeof *g->syn_e);
    for (int i = 0; i < n; i++) {
        char user[16], given[64], name[160];
        snprintf(user, sizeof user, "cm%04d", i + 1);
        int c = pick_culture(&g->r), female = rpct(&g->r, 70);
        given_name(&g->r, c, female, given, sizeof given);
        snprintf(name, sizeof name, "%s %s", given, family_name(&g->r, c));
        int east = i >= g->n_r;
        int64_t id = demo_staff(g, east ? g->eastgate : g->riverside, user, name, "case_manager",
                                rpct(&g->r, 65) ? "social_worker" : "nurse");
        if (!id)
            return -1;
        if (east)
            g->syn_e[i - g->n_r] = id;
        else
            g->syn_r[i] = id;
    }
    /* The city's task force ("control tower", issue 14): aggregates only. Made last, so that the
     * other accounts keep their ids, and with the random draws put back, so that the rest of the data is
     * what it was before the task force came. */
    struct rng drawn = g->r;
    int64_t city = demo_org(g, "Riverside City Integrated Care Task Force", "city_office");
    if (!city || !demo_staff(g, city, "taskforce1", "Seojin Bae", "task_force", NULL))
        return -1;
    g->r = drawn;
    return 0;
}

/* ---- one client: identity, identifier, search row, episode, team, contacts, a task now and then ---- */

static int add_contacts(struct gen *g, int64_t client, int64_t episode, int k, int n, int64_t from,
                        int64_t to, int64_t cm, int psy, int nurse, int peer)
{
    int64_t days[4];
    int64_t span = to - from + 1;
    for (int i = 0; i < n; i++) { /* sorted random days in the episode */
        int64_t d = from + (int64_t)rbelow(&g->r, (unsigned)span);
        int j = i;
        for (; j > 0 && days[j - 1] > d; j--)
            days[j] = days[j - 1];
        days[j] = d;
    }
    for (int i = 0; i < n; i++) {
        int64_t staff = cm;
        int who = (int)rbelow(&g->r, 100);
        if (psy && who < 15)
            staff = g->psy1;
        else if (nurse && who < 30)
            staff = g->nurse1;
        else if (peer && who < 40)
            staff = g->peer1;
        int restricted = staff != g->peer1 && rpct(&g->r, 10);
        if (k == 0 && i == n - 1) { /* client 1 always has one restricted note, by psy1 */
            staff = g->psy1;
            restricted = 1;
        }
        const char *kind;
        if (staff == g->psy1)
            kind = rpct(&g->r, 80) ? "office" : "case_conference";
        else if (staff == g->peer1)
            kind = rpct(&g->r, 50) ? "outreach" : "group";
        else
            kind = use_kinds[rweighted(&g->r, w_kinds, (int)ARRAY_LEN(w_kinds))];
        int minutes = str_eq(kind, "phone") ? 5 + (int)rbelow(&g->r, 26) : 20 + 5 * (int)rbelow(&g->r, 15);
        char at[24], domains[200];
        stamp(g, days[i], at);
        pick_domains(&g->r, str_eq(kind, "crisis"), domains, sizeof domains);
        const char *body = rpick(&g->r, restricted ? restricted_notes : notes);
        if (!db_insert(g->db, ROW_CONTACT, "iiittdttdt", client, episode, staff, kind, at, minutes, domains, body,
                       restricted, at))
            return fail(g, "cannot add a contact");
    }
    return 0;
}

static int add_client(struct gen *g, int k)
{
    struct rng *r = &g->r;
    /* Identity. */
    int culture = pick_culture(r);
    int sexr = (int)rbelow(r, 1000);
    const char *sex = sexr < 500 ? "female" : sexr < 993 ? "male" : sexr < 996 ? "intersex" : "unknown";
    int female = sexr < 500 || (sexr >= 993 && rpct(r, 50));
    char given[64], email[160], phone[24], address[200], emergency[240], birth[11], ident[16];
    given_name(r, culture, female, given, sizeof given);
    const char *family = family_name(r, culture);
    const char *preferred = rpct(r, 6) ? rpick(r, female ? nicknames_f : nicknames_m) : NULL;
    const char *gender_identity = rpct(r, 1) ? (rpct(r, 60) ? "non-binary"
                                                : female    ? "transgender woman"
                                                            : "transgender man")
                                             : NULL;
    const char *language = cultures[culture].lang;
    if (!str_eq(language, "ko") && rpct(r, 30))
        language = "ko"; /* long-term residents */
    /* Birth 1940-2006, weighted to the middle (mean of two uniform draws). */
    unsigned bspan = (unsigned)(g->birth1 - g->birth0 + 1);
    fmt_date(g->birth0 + ((int64_t)rbelow(r, bspan) + (int64_t)rbelow(r, bspan)) / 2, birth);
    int has_phone = rpct(r, 97);
    snprintf(phone, sizeof phone, "010-%04u-%04u", rbelow(r, 10000), rbelow(r, 10000));
    email[0] = 0;
    if (rpct(r, 12)) { /* given.family12@example.org, ASCII letters only */
        size_t o = 0;
        for (const char *p = given; *p && o < 60; p++)
            if ((*p | 32) >= 'a' && (*p | 32) <= 'z')
                email[o++] = (char)(*p | 32);
        email[o++] = '.';
        for (const char *p = family; *p && o < 120; p++)
            if ((*p | 32) >= 'a' && (*p | 32) <= 'z')
                email[o++] = (char)(*p | 32);
        snprintf(email + o, sizeof email - o, "%u@example.org", rbelow(r, 100));
    }
    /* Organisation and primary case manager. */
    int east = k >= CM_FIRST && rpct(r, 10);
    int64_t org = east ? g->eastgate : g->riverside, cm;
    if (k < CM_FIRST)
        cm = g->cm[k % 3];
    else if (east && g->n_cm4 < CM4_CLIENTS)
        cm = g->cm[3];
    else
        cm = east ? g->syn_e[rbelow(r, (unsigned)g->n_e)] : g->syn_r[rbelow(r, (unsigned)g->n_r)];
    const char *district = east && rpct(r, 70)    ? "Eastgate-gu"
                           : !east && rpct(r, 60) ? "Riverside-gu"
                                                  : rpick(r, districts);
    if (rpct(r, 2))
        snprintf(address, sizeof address, "No fixed address; post held at Harbour Housing Association");
    else if (rpct(r, 65))
        snprintf(address, sizeof address, "Apt %u%02u, %u %s %u-gil, %s", 1 + rbelow(r, 15), 1 + rbelow(r, 8),
                 1 + rbelow(r, 120), rpick(r, streets), 1 + rbelow(r, 40), district);
    else
        snprintf(address, sizeof address, "%u %s %u-gil, %s", 1 + rbelow(r, 200), rpick(r, streets),
                 1 + rbelow(r, 40), district);
    emergency[0] = 0;
    if (rpct(r, 88)) {
        int rk = (int)rbelow(r, 3);
        const char *rel = rpick(r, rk == 0 ? relations_f : rk == 1 ? relations_m : relations_x);
        char rgiven[64];
        given_name(r, culture, rk == 0 || (rk == 2 && rpct(r, 50)), rgiven, sizeof rgiven);
        int kin = rk < 2 && !str_eq(rel, "Mother") && !str_eq(rel, "Aunt") && !str_eq(rel, "Uncle");
        snprintf(emergency, sizeof emergency, "%s: %s %s, 010-%04u-%04u", rel, rgiven,
                 kin ? family : family_name(r, culture), rbelow(r, 10000), rbelow(r, 10000));
    }
    /* Episode dates and status. */
    const char *status = k < CM_FIRST ? (k == 10   ? "intake"
                                         : k == 17 ? "on_hold"
                                                   : "active")
                                      : use_statuses[rweighted(r, w_statuses, (int)ARRAY_LEN(w_statuses))];
    int discharged = str_eq(status, "discharged");
    int64_t start = str_eq(status, "intake") ? g->today - rbelow(r, 45)
                    : discharged             ? g->today - 180 - rbelow(r, 2000)
                                             : g->today - 30 - rbelow(r, 2150);
    int64_t end = discharged ? start + 90 + rbelow(r, (unsigned)(g->today - 1 - (start + 90))) : 0;
    char start_s[11], end_s[11], created[24];
    fmt_date(start, start_s);
    if (discharged)
        fmt_date(end, end_s);
    stamp(g, start - rbelow(r, 15), created);
    const char *programme = use_programmes[rweighted(r, w_programmes, (int)ARRAY_LEN(w_programmes))];
    const char *target = use_targets[rweighted(r, w_targets, (int)ARRAY_LEN(w_targets))];

    int64_t id =
        db_insert(g->db, ROW_CLIENT, "tttttttttttiitit", given, family, preferred, birth, sex, gender_identity,
                  language, has_phone ? phone : NULL, email[0] ? email : NULL, address,
                  emergency[0] ? emergency : NULL, org, cm, created, cm, created);
    if (!id)
        return fail(g, "cannot add a client");
    snprintf(ident, sizeof ident, "D%07d", k + 1);
    if (!db_insert(g->db, ROW_IDENT, "itt", id, "hearth-demo", ident) ||
        client_search_index(g->db, id, given, family, preferred, has_phone ? phone : NULL) != DB_OK)
        return fail(g, "cannot add a client's identifier");
    int64_t ep = db_insert(g->db, ROW_EPISODE, "iitttitttitt", id, org, programme, status, target,
                                    cm, start_s, discharged ? end_s : NULL,
                                    discharged ? rpick(r, discharge_reasons) : NULL, cm, created, created);
    if (!ep)
        return fail(g, "cannot add an episode");
    if (k < BREADTH)
        g->b[g->nb++] = (struct breadth){id, ep, cm, start, !discharged, east};
    if (k < CM_FIRST)
        g->first[g->nfirst++] = id;
    else if (cm == g->cm[3])
        g->cm4_clients[g->n_cm4++] = id;

    /* Care team: the primary case manager, and for some clients psy1, nurse1, peer1. */
    const char *to = discharged ? end_s : NULL;
    int psy = !east && (k == 0 || (k < CLINICIAN_RANGE && rpct(r, 25)));
    int nurse = !east && (k == 0 || (k < CLINICIAN_RANGE && rpct(r, 20)));
    int peer = k == 0 || k == 4 || k == 8 || k == 13 || k == 21;
    if (!db_insert(g->db, ROW_TEAM, "iittt", ep, cm, "primary_case_manager", start_s, to))
        return fail(g, "cannot add a team member");
    const struct {
        int on;
        int64_t staff;
        const char *role;
    } extra[] = {
        {psy, g->psy1, "psychiatrist"}, {nurse, g->nurse1, "nurse"}, {peer, g->peer1, "peer_supporter"}};
    for (size_t i = 0; i < ARRAY_LEN(extra); i++) /* from the start, so their contacts fall inside */
        if (extra[i].on &&
            !db_insert(g->db, ROW_TEAM, "iittt", ep, extra[i].staff, extra[i].role, start_s, to))
            return fail(g, "cannot add a team member");

    /* Contacts: 2-4 for the first clients (4 for client 1), one now and then later on. */
    int n = k == 0 ? 4 : k < RICH_CONTACTS ? 2 + (int)rbelow(r, 3) : rpct(r, 12) ? 1 : 0;
    if (n && add_contacts(g, id, ep, k, n, start, discharged ? end : g->today, cm, psy, nurse, peer) != 0)
        return -1;

    /* A sparse sprinkling of tasks beyond the named case managers' caseloads. */
    if (k >= CM_FIRST && !discharged && rpct(r, 3)) {
        int done = rpct(r, 20);
        char due[11], made[24], done_at[24];
        int64_t made_day = g->today - 20 + rbelow(r, 20);
        fmt_date(g->today - 14 + rbelow(r, 45), due);
        stamp(g, made_day, made);
        stamp(g, made_day + rbelow(r, (unsigned)(g->today - made_day)), done_at);
        if (!db_insert(g->db, ROW_TASK, "iitttttItIt", id, cm, rpick(r, task_titles), due,
                   rpct(r, 15) ? "high" : "normal", done ? "done" : "open", "person", cm, made, done ? cm : 0,
                   done ? done_at : NULL))
            return fail(g, "cannot add a task");
    }
    return 0;
}

/* ---- tasks of the named staff: open ones overdue, due this week and later, and a few done ---- */

static int add_task(struct gen *g, int64_t client, int64_t assignee, const char *title, int has_due,
                    int due_in, const char *priority, const char *source, int done)
{
    char due[11], made[24], done_at[24];
    fmt_date(g->today + due_in, due);
    stamp(g, g->today - 10 - rbelow(&g->r, 20), made);
    stamp(g, g->today - 1 - rbelow(&g->r, 4), done_at);
    int rule = str_eq(source, "rule");
    if (!db_insert(g->db, ROW_TASK, "IitttttItIt", client, assignee, title, has_due ? due : NULL, priority,
               done ? "done" : "open", source, rule ? 0 : assignee, made, done ? assignee : 0,
               done ? done_at : NULL))
        return fail(g, "cannot add a task");
    return 0;
}

static int named_tasks(struct gen *g)
{
    /* Open tasks: the first three overdue, then due this week, then later, the eighth without a date. */
    static const int due_in[] = {-9, -2, -1, 0, 3, 5, 12, 0};
    static const char *const prio[] = {"high",   "urgent", "normal", "normal",
                                       "normal", "low",    "normal", "low"};
    for (int j = 0; j < 3; j++) {
        int64_t mine[CM_FIRST];
        int n = 0;
        for (int k = j; k < g->nfirst; k += 3)
            mine[n++] = g->first[k];
        int order[ARRAY_LEN(task_titles) - 1];
        int nt = (int)ARRAY_LEN(order);
        for (int i = 0; i < nt; i++)
            order[i] = i;
        for (int i = nt - 1; i > 0; i--) { /* shuffle the titles per case manager */
            int x = (int)rbelow(&g->r, (unsigned)i + 1), t = order[i];
            order[i] = order[x];
            order[x] = t;
        }
        int open = 5 + (int)rbelow(&g->r, 4);
        for (int i = 0; i < open; i++) {
            const char *title = task_titles[order[i % nt]];
            const char *source = strstr(title, "due") || strstr(title, "Renew") ? "rule" : "person";
            if (add_task(g, n ? mine[i % n] : 0, g->cm[j], title, i != 7, due_in[i], prio[i], source, 0) != 0)
                return -1;
        }
        for (int i = 0; i < 2; i++)
            if (add_task(g, n ? mine[(i + 3) % n] : 0, g->cm[j], task_titles[order[(open + i) % nt]], 1,
                         -5 - 7 * i, "normal", "person", 1) != 0)
                return -1;
    }
    int64_t c1 = g->nfirst ? g->first[0] : 0;
    for (int i = 0; i < g->n_cm4 && i < 3; i++)
        if (add_task(g, g->cm4_clients[i], g->cm[3], task_titles[i * 3], 1, -2 + 4 * i, "normal", "person",
                     0) != 0)
            return -1;
    if (add_task(g, c1, g->nurse1, "Depot injection due", 1, 1, "high", "person", 0) != 0 ||
        add_task(g, c1, g->nurse1, "Physical health check: blood tests", 1, -2, "normal", "person", 0) != 0 ||
        add_task(g, c1, g->psy1, "Medication review", 1, 3, "normal", "person", 0) != 0 ||
        add_task(g, c1, g->peer1, "Walk to the community centre together", 1, 2, "low", "person", 0) != 0 ||
        add_task(g, 0, g->housing1, "Inspect vacant unit 3B before the next placement", 1, 1, "normal",
                 "person", 0) != 0 ||
        add_task(g, 0, g->sup, "Prepare the monthly caseload review", 1, 4, "normal", "person", 0) != 0)
        return -1;
    return 0;
}

/* ---- risk and crisis: a rota, a safety plan, a past crisis and hospital stay, a flag ---- */

/* A follow-up task of a rule, done in time by cm1: stored as the rule's key (and its English text). */
static int risk_task_for(struct gen *g, int64_t client, int64_t who, const char *key, const char *args,
                         int64_t due_day, const char *priority);
static int risk_task(struct gen *g, int64_t client, const char *key, const char *args, int64_t due_day,
                     const char *priority)
{
    return risk_task_for(g, client, g->cm[0], key, args, due_day, priority);
}
static int risk_task_for(struct gen *g, int64_t client, int64_t who, const char *key, const char *args,
                         int64_t due_day, const char *priority)
{
    char due[11], made[24], done_at[24], title[200];
    json_t *a = args ? json_loads(args, 0, NULL) : NULL;
    rule_text_in("en", key, a, title, sizeof title);
    json_decref(a);
    fmt_date(due_day, due);
    fmt_time(due_day - 7 < g->today ? due_day - 7 : g->today, 7 * 3600, made);
    fmt_time(due_day, 15 * 3600, done_at);
    if (!db_insert(g->db, ROW_RULE_TASK, "iitttttttItIt", client, who, title, key, args, due, priority, "done",
                   "rule", (int64_t)0, made, who, done_at))
        return fail(g, "cannot add a follow-up task");
    return 0;
}

/* The sections of the two versions, in safety_sections order (JSON lists of entries). */
static const char *const plan_v1[] = {
    "[{\"text\":\"Not sleeping for two nights or more\"},"
    "{\"text\":\"Staying in my room, not answering the phone\"}]",
    "[{\"text\":\"Walk along the river for half an hour\"}]",
    "[{\"text\":\"Sit in the community centre cafe\",\"place\":\"Riverside Community Centre\"}]",
    "[{\"text\":\"My sister, who knows this plan\",\"name\":\"Sister\",\"phone\":\"010-5555-0102\"}]",
    "[{\"text\":\"My case manager (office hours)\",\"name\":\"Minji Kim\"},"
    "{\"text\":\"Mental health crisis line (24 hours)\",\"phone\":\"1577-0199\"}]",
    "[]",
    "[{\"text\":\"My niece, and seeing her grow up\"}]",
};
static const char *const plan_v2[] = {
    "[{\"text\":\"Not sleeping for two nights or more\"},"
    "{\"text\":\"Staying in my room, not answering the phone\"},"
    "{\"text\":\"Thinking everyone would be better off without me\"}]",
    "[{\"text\":\"Walk along the river for half an hour\"},{\"text\":\"Listen to my playlist\"},"
    "{\"text\":\"A warm shower, then tea\"}]",
    "[{\"text\":\"Sit in the community centre cafe\",\"place\":\"Riverside Community Centre\"},"
    "{\"text\":\"Talk football with my cousin\",\"name\":\"Cousin Jae\",\"phone\":\"010-5555-0101\"}]",
    "[{\"text\":\"My sister, who knows this plan\",\"name\":\"Sister\",\"phone\":\"010-5555-0102\"}]",
    "[{\"text\":\"My case manager (office hours)\",\"name\":\"Minji Kim\"},"
    "{\"text\":\"Riverside on-call worker (24 hours)\",\"phone\":\"010-2400-0100\"},"
    "{\"text\":\"Mental health crisis line (24 hours)\",\"phone\":\"1577-0199\"},"
    "{\"text\":\"Emergency department\",\"place\":\"St Luke's Hospital\"}]",
    NULL, /* environment: made below, with the date it was done */
    "[{\"text\":\"My niece, and seeing her grow up\"}]",
};

#define ROW_PLAN                                                                                             \
    "safety_plans", "client_id, version, warning_signs, coping, distractions, help_people, professionals,"    \
                    " environment, reasons_for_living, client_agreed, agreed_at, written_by, created_at"
#define ROW_CRISIS                                                                                           \
    "crisis_events", "client_id, occurred_at, kind, severity, response_mode, responders, actions, outcome,"  \
                     " notes, recorded_by, created_at"
#define ROW_HOSP                                                                                             \
    "hospitalisations", "client_id, hospital, admission_type, reason, admitted_at, discharged_at,"           \
                        " recorded_by, created_at, version"
#define ROW_FLAG                                                                                             \
    "flags", "client_id, kind, level, source, reason, review_date, status, raised_by, raised_at"
#define ROW_ONCALL "oncall", "org_id, staff_id, starts_at, ends_at, phone, created_by, created_at"

/* Client 1: a safety plan (two versions), a crisis at night 40 days ago followed by a voluntary
 * admission and a discharge, their follow-up done. Client 2: an active relapse-signs flag. Riverside:
 * an on-call rota from two days ago to a week ahead, cm3 and the supervisor in turn (09:00 to 09:00
 * UTC): being on call opens the organisation's clients (access.c), so not cm1 and cm2, whose lack of
 * access to each other's clients the tests and the walkthrough show. */
static int risk_data(struct gen *g)
{
    char a[24], b[24], done_on[11], resp[48], env[300], review[11];
    for (int d = -2; d <= 7; d++) {
        int first = (d + 2) % 2 == 0;
        fmt_time(g->today + d, 9 * 3600, a);
        fmt_time(g->today + d + 1, 9 * 3600, b);
        if (!db_insert(g->db, ROW_ONCALL, "iitttit", g->riverside, first ? g->cm[2] : g->sup, a, b,
                       first ? "010-2400-0101" : "010-2400-0102", g->sup, g->now))
            return fail(g, "cannot add an on-call shift");
    }
    if (g->nfirst < 2)
        return 0;
    int64_t c1 = g->first[0], c2 = g->first[1], day = g->today - 40;
    fmt_date(day + 14, done_on);
    snprintf(env, sizeof env,
             "[{\"text\":\"My sister keeps my medication and gives me one week at a time\","
             "\"means\":\"medication\",\"responsible\":\"Sister\",\"done_on\":\"%s\"}]",
             done_on);
    for (int v = 1; v <= 2; v++) {
        const char *const *s = v == 1 ? plan_v1 : plan_v2;
        fmt_time(v == 1 ? day - 60 : day + 14, 14 * 3600, a);
        if (!db_insert(g->db, ROW_PLAN, "idtttttttdtit", c1, v, s[0], s[1], s[2], s[3], s[4], v == 1 ? s[5] : env,
                   s[6], v == 2, v == 2 ? a : NULL, g->cm[0], a))
            return fail(g, "cannot add a safety plan");
    }
    fmt_time(day, 2 * 3600 + 40 * 60, a);
    fmt_time(day, 4 * 3600 + 10 * 60, b);
    snprintf(resp, sizeof resp, "%lld,%lld", (long long)g->cm[0], (long long)g->nurse1);
    if (!db_insert(g->db, ROW_CRISIS, "ittttttttit", c1, a, "suicidal_ideation", "high", "home_visit", resp,
               "Sister called the on-call phone. Home visit with the nurse; talked through the safety plan;"
               " the client agreed to a voluntary admission.",
               "voluntary_admission", "Medication handed to the sister for safe keeping.", g->cm[0],
               b))
        return fail(g, "cannot add a crisis event");
    if (risk_task(g, c1, "crisis.follow_up_24h", NULL, day + 1, "urgent") != 0 ||
        risk_task(g, c1, "crisis.follow_up_72h", NULL, day + 3, "high") != 0 ||
        risk_task(g, c1, "crisis.follow_up_7d", NULL, day + 7, "normal") != 0)
        return -1;
    fmt_time(day, 6 * 3600, a);
    fmt_time(day + 14, 11 * 3600, b);
    if (!db_insert(g->db, ROW_HOSP, "itttttitd", c1, "St Luke's Hospital", "voluntary",
                   "Suicidal ideation after a crisis at home.", a, b, g->cm[0], a, 2)) /* admitted, discharged */
        return fail(g, "cannot add a hospital stay");
    if (risk_task(g, c1, "hospital.discharge_follow_up", "{\"days\":7}", day + 21, "high") != 0)
        return -1;
    fmt_date(g->today + 10, review);
    fmt_time(g->today - 4, 10 * 3600, a);
    if (!db_insert(g->db, ROW_FLAG, "ittttttit", c2, "relapse_signs", "moderate", "person",
                   "Sleeping poorly and missed two appointments; the family see the signs that came before"
                   " the last relapse.",
                   review, "active", g->cm[1], a))
        return fail(g, "cannot add a flag");
    return 0;
}

/* ---- breadth: every page of a demo shows something (issue 9 §5) ----
 * Among the first BREADTH clients: two followed for years with LONG_HISTORY contacts each; assessment
 * trajectories (several of each instrument over months, scored by core's engine); safety plans,
 * crisis events with their follow-up done, hospital stays (readmissions marked, one still in
 * hospital), risk flags. Drawn from r2: the rows made before keep their values. Client 1 keeps
 * what risk_data gives it (the journeys administer its first assessment). */

#define ROW_ASSESS                                                                                           \
    "assessments", "client_id, instrument, instrument_version, coding, answers, total, band, result,"         \
                   " staff_id, administered_at, created_at"

/* 1 when a trigger of the definition watches this item (PHQ-9's item 9): the demo answers it "no". */
static int risk_item(const json_t *def, const char *id)
{
    json_t *t;
    size_t i;
    json_array_foreach(json_object_get(def, "triggers"), i, t)
    {
        const char *item = json_string_value(json_object_get(json_object_get(t, "when"), "item"));
        if (item && str_eq(item, id))
            return 1;
    }
    return 0;
}

/* Answers at a severity (0..1000 of each item's range, with noise); an item a trigger watches gets
 * its lowest answer. unscored: answer the items that are not scored too. */
static json_t *demo_answers(struct gen *g, const struct instrument *ins, int sev, int unscored)
{
    json_t *ans = json_object(), *it;
    const json_t *def = instrument_def(ins);
    size_t i;
    json_array_foreach(json_object_get(def, "items"), i, it)
    {
        json_t *opts = json_object_get(it, "options");
        size_t n = json_array_size(opts);
        if (!n || (!unscored && json_is_false(json_object_get(it, "scored"))))
            continue;
        int x = risk_item(def, json_string_value(json_object_get(it, "id"))) ? 0 : sev + (int)rbelow(&g->r2, 301) - 150;
        x = x < 0 ? 0 : x > 1000 ? 1000 : x;
        json_t *v = json_object_get(json_array_get(opts, ((size_t)x * (n - 1) + 500) / 1000), "value");
        if (v)
            json_object_set(ans, json_string_value(json_object_get(it, "id")), v);
    }
    return ans;
}

/* One administration scored by core's engine; one that would raise a flag is not kept (the demo's
 * flags are its own). 1 kept, 0 not, -1 failed. */
static int demo_assessment(struct gen *g, int64_t client, int64_t staff, const struct instrument *ins, int sev,
                           int64_t day)
{
    json_t *res = NULL, *errs = NULL, *ans = NULL;
    char msg[300];
    int rc = ERR_INVALID;
    for (int unscored = 1; unscored >= 0 && rc != OK; unscored--) {
        json_decref(ans);
        json_decref(res);
        json_decref(errs);
        res = errs = NULL;
        ans = demo_answers(g, ins, sev, unscored);
        rc = instrument_score(ins, ans, NULL, 0, &res, &errs, msg, sizeof msg);
    }
    int kept = 0;
    if (rc == OK && !json_array_size(json_object_get(res, "triggers"))) {
        char at[24];
        stamp(g, day, at);
        json_t *t = json_object_get(res, "total");
        double tv = json_is_number(t) ? json_number_value(t) : 0;
        char *a = json_dumps(ans, JSON_COMPACT | JSON_SORT_KEYS), *rt = json_dumps(res, JSON_COMPACT);
        kept = db_insert(g->db, ROW_ASSESS, "ittttfttitt", client, instrument_id(ins), instrument_version(ins),
                         json_string_value(json_object_get(res, "coding")), a, json_is_number(t) ? &tv : NULL,
                         json_string_value(json_object_get(res, "band")), rt, staff, at, at)
                   ? 1
                   : fail(g, "cannot add an assessment");
        free(a);
        free(rt);
    }
    json_decref(ans);
    json_decref(res);
    json_decref(errs);
    return kept;
}

/* A trajectory per instrument: 4 to 8 administrations about a month apart, most getting better. */
static int demo_trajectories(struct gen *g, const struct breadth *c, int rich)
{
    static const char *const ids[] = {"phq9", "gad7", "k10", "swemwbs", "audit", "auditc", "dast10", "phq2"};
    static const int share[] = {90, 70, 35, 35, 20, 15, 10, 30}; /* per cent of the clients */
    struct rng *r = &g->r2;
    for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
        const struct instrument *ins = instrument_find(ids[i]);
        if (!ins || !rpct(r, rich ? (unsigned)(share[i] + 10) : (unsigned)share[i]))
            continue;
        int n = str_eq(ids[i], "phq2") ? 1 : 4 + (int)rbelow(r, 5);
        int64_t first = g->today - 3 - 30 * (n - 1) - rbelow(r, 20);
        if (first < c->start)
            first = c->start;
        int s0 = 450 + (int)rbelow(r, 450), course = (int)rbelow(r, 100); /* <60 better, <75 worse */
        for (int j = 0; j < n; j++) {
            int sev = course < 60 ? s0 - j * s0 * 6 / 10 / (n > 1 ? n - 1 : 1)
                      : course < 75 ? s0 + j * 60
                                    : s0 + (j % 2 ? -120 : 80);
            int64_t day = first + (g->today - 3 - first) * j / (n > 1 ? n - 1 : 1);
            if (demo_assessment(g, c->id, j % 3 == 2 && !c->east ? g->nurse1 : c->cm, ins, sev, day) < 0)
                return -1;
        }
    }
    return 0;
}

static int demo_long_history(struct gen *g, const struct breadth *c)
{
    struct rng *r = &g->r2;
    int64_t from = g->today - 5 * 365;
    char start[11];
    fmt_date(from, start);
    if (db_run(g->db, "UPDATE episodes SET start_date=? WHERE id=?", "ti", start, c->ep) != DB_OK ||
        db_run(g->db, "UPDATE team_members SET from_date=? WHERE episode_id=?", "ti", start, c->ep) != DB_OK)
        return fail(g, "cannot lengthen an episode");
    for (int i = 0; i < LONG_HISTORY; i++) {
        int64_t day = from + (g->today - from) * i / LONG_HISTORY;
        const char *kind = use_kinds[rweighted(r, w_kinds, (int)ARRAY_LEN(w_kinds))];
        int minutes = str_eq(kind, "phone") ? 5 + (int)rbelow(r, 26) : 20 + 5 * (int)rbelow(r, 15);
        char at[24], domains[200];
        stamp(g, day, at);
        pick_domains(r, str_eq(kind, "crisis"), domains, sizeof domains);
        if (!db_insert(g->db, ROW_CONTACT, "iiittdttdt", c->id, c->ep, c->cm, kind, at, minutes, domains,
                       rpick(r, notes), 0, at))
            return fail(g, "cannot add a contact");
    }
    return 0;
}

static int demo_plan(struct gen *g, const struct breadth *c)
{
    static const char *const signs[] = {"[{\"text\":\"Not sleeping, pacing at night\"}]",
                                        "[{\"text\":\"Hearing the voices more, stopping medication\"}]",
                                        "[{\"text\":\"Drinking alone, not going out\"}]", NULL};
    static const char *const coping[] = {"[{\"text\":\"A walk to the park and back\"}]",
                                         "[{\"text\":\"Music, then a shower\"},{\"text\":\"Breathing exercise\"}]",
                                         "[{\"text\":\"Drawing at the kitchen table\"}]", NULL};
    char at[24];
    stamp(g, g->today - 20 - rbelow(&g->r2, 200), at);
    if (!db_insert(g->db, ROW_PLAN, "idtttttttdtit", c->id, 1, rpick(&g->r2, signs), rpick(&g->r2, coping),
                   "[{\"text\":\"The community centre drop-in\",\"place\":\"Riverside Community Centre\"}]",
                   "[{\"text\":\"A friend from the peer group\",\"name\":\"Friend\",\"phone\":\"010-5555-0133\"}]",
                   "[{\"text\":\"Mental health crisis line (24 hours)\",\"phone\":\"1577-0199\"}]", "[]",
                   "[{\"text\":\"My cat, and my garden\"}]", 1, at, c->cm, at))
        return fail(g, "cannot add a safety plan");
    return 0;
}

static int demo_crises(struct gen *g, const struct breadth *c)
{
    static const char *const kinds[] = {"suicidal_ideation", "self_harm", "acute_psychosis", "aggression",
                                        "eviction_or_housing_crisis", "medical", NULL};
    static const char *const modes[] = {"phone", "home_visit", "with_emergency_services", NULL};
    static const char *const outcomes[] = {"stabilised_at_home", "respite", "stabilised_at_home", NULL};
    struct rng *r = &g->r2;
    int n = 1 + (int)rbelow(r, 2);
    for (int i = 0; i < n; i++) {
        int64_t day = g->today - 15 - (int64_t)rbelow(r, 300);
        if (day < c->start)
            day = c->start;
        char a[24], b[24], resp[24];
        fmt_time(day, 19 * 3600 + (int)rbelow(r, 4 * 3600), a);
        fmt_time(day, 23 * 3600 + 30 * 60, b);
        snprintf(resp, sizeof resp, "%lld", (long long)c->cm);
        if (!db_insert(g->db, ROW_CRISIS, "ittttttttit", c->id, a, rpick(r, kinds), rpct(r, 30) ? "high" : "moderate",
                       rpick(r, modes), resp,
                       "Talked it through on the phone, then a visit; went through what helps and who to call.",
                       rpick(r, outcomes), NULL, c->cm, b))
            return fail(g, "cannot add a crisis event");
        if (risk_task_for(g, c->id, c->cm, "crisis.follow_up_24h", NULL, day + 1, "urgent") != 0 ||
            risk_task_for(g, c->id, c->cm, "crisis.follow_up_72h", NULL, day + 3, "high") != 0 ||
            risk_task_for(g, c->id, c->cm, "crisis.follow_up_7d", NULL, day + 7, "normal") != 0)
            return -1;
    }
    return 0;
}

/* One or two stays; a second within 30 or 90 days of the first is a readmission. in_now: the last
 * one is still going on. */
static int demo_stays(struct gen *g, const struct breadth *c, int in_now)
{
    struct rng *r = &g->r2;
    int n = in_now ? 1 : 1 + (int)rbelow(r, 2);
    int64_t day = in_now ? g->today - 5 : g->today - 120 - (int64_t)rbelow(r, 200), prev_out = 0;
    for (int i = 0; i < n; i++) {
        int64_t len = 7 + (int64_t)rbelow(r, 25), out = day + len;
        char a[24], b[24];
        fmt_time(day, 10 * 3600 + (int)rbelow(r, 8 * 3600), a);
        fmt_time(out, 11 * 3600, b);
        int last_open = in_now && i == n - 1;
        int r30 = prev_out && day - prev_out <= 30, r90 = prev_out && day - prev_out <= 90;
        if (db_run(g->db,
                    "INSERT INTO hospitalisations(client_id, hospital, admission_type, reason, admitted_at,"
                    " discharged_at, readmission_30, readmission_90, recorded_by, created_at, version)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    "itttttdditd", c->id, "St Luke's Hospital", rpct(r, 80) ? "voluntary" : "involuntary",
                    "Relapse: not sleeping, the voices back; agreed with the family.", a, last_open ? NULL : b, r30,
                    r90, c->cm, a, last_open ? 1 : 2) != DB_OK)
            return fail(g, "cannot add a hospital stay");
        if (!last_open &&
            risk_task_for(g, c->id, c->cm, "hospital.discharge_follow_up", "{\"days\":7}", out + 7, "high") != 0)
            return -1;
        prev_out = out;
        day = out + 20 + (int64_t)rbelow(r, 60);
        if (day >= g->today - 2)
            break;
    }
    return 0;
}

static int demo_flag(struct gen *g, const struct breadth *c)
{
    static const char *const kinds[] = {"relapse_signs", "treatment_disengagement", "self_neglect", "eviction_risk",
                                        NULL};
    static const char *const why[] = {"Missed the last two appointments and the depot injection.",
                                      "Neighbours report the flat is not kept; fridge empty on the last visit.",
                                      "Rent arrears for three months; the landlord has written.",
                                      "Sleeping poorly; the family see the signs that came before the last relapse.",
                                      NULL};
    char review[11], at[24];
    fmt_date(g->today + 7 + rbelow(&g->r2, 30), review);
    fmt_time(g->today - 1 - rbelow(&g->r2, 20), 10 * 3600, at);
    if (!db_insert(g->db, ROW_FLAG, "ittttttit", c->id, rpick(&g->r2, kinds), rpct(&g->r2, 70) ? "moderate" : "low",
                   "person", rpick(&g->r2, why), review, "active", c->cm, at))
        return fail(g, "cannot add a flag");
    return 0;
}

static int breadth_data(struct gen *g)
{
    struct rng *r = &g->r2;
    for (int k = 1; k < g->nb; k++) { /* client 1 (k 0) has risk_data's */
        const struct breadth *c = &g->b[k];
        int named = k < CM_FIRST; /* cm1..cm3's caseloads: all of it, so every page of theirs shows it */
        if ((k == 3 || k == 4) && c->open && demo_long_history(g, c) != 0)
            return -1;
        if (!c->open)
            continue;
        if ((named || rpct(r, 15)) && demo_trajectories(g, c, named) != 0)
            return -1;
        if ((named ? k % 3 == 1 : rpct(r, 5)) && demo_plan(g, c) != 0)
            return -1;
        if ((named ? k % 6 == 2 : rpct(r, 2)) && demo_crises(g, c) != 0)
            return -1;
        if ((named ? k % 6 == 5 || k == 7 : rpct(r, 2)) && demo_stays(g, c, k == 7) != 0)
            return -1;
        if ((named ? k % 5 == 3 : rpct(r, 3)) && demo_flag(g, c) != 0)
            return -1;
    }
    return 0;
}

/* Eligibility decisions (when the rule files are loaded): half of cm1..cm3's open clients for
 * integrated care, and those with a hospital stay or a crisis also for intensive case management. */
static int eligibility_data(struct gen *g)
{
    json_t *needs = json_pack("[s,s]", "mental_health_treatment", "daily_living_care");
    int rc = 0;
    for (int k = 1; rc == 0 && k < g->nb && k < CM_FIRST; k++) {
        const struct breadth *c = &g->b[k];
        if (!c->open || k % 2)
            continue;
        int64_t org = c->east ? g->eastgate : g->riverside;
        json_t *stated = k % 4 == 0 ? needs : NULL; /* half of them with the needs stated */
        if (elig_demo_decide(g->db, c->id, "integrated_care", stated, c->cm, org) != 0 ||
            ((k % 6 == 2 || k % 6 == 5) && elig_demo_decide(g->db, c->id, "intensive_case_management", stated, c->cm, org) != 0))
            rc = fail(g, "cannot add an eligibility decision");
    }
    json_decref(needs);
    return rc;
}

/* ---- consent by purpose: most open clients share something, in every status ---- */

/* One consent of client c for purpose, with the organisations (0-terminated) and classes, from day
 * from until day until (0: until withdrawn), given how (and by whom), withdrawn on day gone (0: not). */
static int demo_consent(struct gen *g, const struct breadth *c, const char *purpose, const int64_t *orgs,
                        unsigned classes, int64_t from, int64_t until, const char *how, const char *witness,
                        int64_t gone, const char *why)
{
    char f[11], u[11], at[21], w[21];
    fmt_date(from, f);
    fmt_date(until, u);
    stamp(g, from < g->today ? from : g->today, at);
    stamp(g, gone ? gone : g->today, w);
    int64_t org = c->east ? g->eastgate : g->riverside;
    int64_t id = db_insert_id(g->db,
                              "INSERT INTO consents(client_id, org_id, purpose, classes, starts_on, ends_on, given_how,"
                              " witness, recorded_by, recorded_at, withdrawn_at, withdrawn_by, withdraw_reason)"
                              " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                              "iitittttittIt", c->id, org, purpose, (int64_t)classes, f, until ? u : NULL, how,
                              witness, c->cm, at, gone ? w : NULL, gone ? c->cm : 0, gone ? why : NULL);
    for (int i = 0; id && orgs[i]; i++)
        if (db_run(g->db, "INSERT INTO consent_orgs(consent_id, org_id) VALUES (?,?)", "ii", id, orgs[i]) != DB_OK)
            id = 0;
    return id ? 0 : fail(g, "cannot add a consent");
}

/* Fixed by the client's place in the list (no random draw, so the data made before stays what it
 * was): care coordination with the other centre, housing with Harbour (some ending within the
 * month, whose renewal tasks the rule then makes), referral, peer support, evaluation, a hospital
 * through a legal representative; one withdrawn, one ended, one not started yet. The renewal rule
 * runs once at the end, as the server's sweep would, so that its tasks are there from the start. */
static int consent_data(struct gen *g)
{
    const unsigned ID = DC_BIT(DC_IDENTITY), NOTES = DC_BIT(DC_NOTES), PLAN = DC_BIT(DC_CARE_PLAN),
                   HOUSING = DC_BIT(DC_HOUSING), HOSP = DC_BIT(DC_HOSPITAL), ASSESS = DC_BIT(DC_ASSESSMENTS),
                   RISK = DC_BIT(DC_RISK);
    int64_t d = g->today;
    for (int k = 1; k < g->nb; k++) {
        const struct breadth *c = &g->b[k];
        if (!c->open)
            continue;
        int64_t other = c->east ? g->riverside : g->eastgate;
        const int64_t centre[] = {other, 0}, harbour[] = {g->harbour, 0}, refer[] = {g->northside, g->hospital, 0},
                      north[] = {g->northside, 0}, hospital[] = {g->hospital, 0};
        int rc = 0;
        if (k == 2) /* ended forty days ago */
            rc = demo_consent(g, c, "care_coordination", centre, ID | NOTES, d - 400, d - 40, "written", NULL, 0, NULL);
        else if (k == 12) /* starts in a fortnight */
            rc = demo_consent(g, c, "care_coordination", centre, ID | NOTES | PLAN, d + 14, d + 379, "written", NULL, 0,
                              NULL);
        else
            switch (k % 10) {
            case 0:
                rc = demo_consent(g, c, "care_coordination", centre, ID | NOTES | PLAN, d - 300, d + 65, "written",
                                  NULL, 0, NULL);
                break;
            case 1:
                rc = demo_consent(g, c, "housing", harbour, ID | HOUSING | NOTES, d - 100, k % 20 == 1 ? d + 20 : d + 180,
                                  "verbal_witnessed", "Sora Kim (sister), at the home visit", 0, NULL);
                break;
            case 3:
                rc = demo_consent(g, c, "referral", refer, ID | HOSP, d - 30, d + 335, "written", NULL, 0, NULL);
                break;
            case 4:
                rc = demo_consent(g, c, "peer_support", centre, ID | NOTES, d - 60, 0, "written", NULL, 0, NULL);
                break;
            case 6:
                rc = demo_consent(g, c, "care_coordination", hospital, ID | NOTES | ASSESS | RISK | HOSP, d - 355, d + 10,
                                  "legal_representative", "Jiho Park (guardian)", 0, NULL);
                break;
            case 7:
                rc = demo_consent(g, c, "care_coordination", centre, ID | NOTES, d - 120, d + 245, "written", NULL,
                                  d - 12, "The client asked to stop sharing with the other centre.");
                break;
            case 8:
                rc = demo_consent(g, c, "evaluation", north, ID, d - 200, 0, "written", NULL, 0, NULL);
                break;
            }
        if (rc != 0)
            return -1;
    }
    struct ctx c;
    ctx_init(&c, NULL, g->db);
    c.purpose = "rule";
    int made = 0, rc = consent_renew_run(&c, &made);
    if (rc != OK)
        snprintf(g->err, g->errlen, "demo: consent renewal: %s", c.msg);
    ctx_clear(&c); /* the demo's rows are not audited */
    return rc == OK ? 0 : -1;
}

/* ---- referrals in every state, across the demo organisations ---- */

/* One step of a demo referral: an action of the state machine (or "assign"), who took it, how many
 * hours after the referral was sent, a reason code and words. */
struct demo_step {
    const char *action;
    int64_t *by;
    int hours;
    const char *code, *text;
    int64_t *assignee; /* "assign": to whom */
};

static int demo_referral(struct gen *g, int64_t client, int64_t from_org, int64_t from_staff, int64_t to_org,
                         const char *service, const char *urgency, const char *reason, const char *asked,
                         int64_t sections, int hours_ago, const struct demo_step *steps)
{
    int64_t now = now_epoch(), sent = now - (int64_t)hours_ago * 3600;
    char at[32], due[32];
    iso_time(sent, at);
    iso_time(sent + referral_response_seconds(urgency), due);
    int64_t svc = service ? db_int1(g->db, 0, "SELECT id FROM services WHERE org_id=? AND name=?", "it", to_org, service) : 0;
    int64_t consent = 0;
    if (sections) { /* the client's written consent that lets the referral share them */
        consent = db_insert_id(g->db,
                               "INSERT INTO consents(client_id, org_id, purpose, classes, starts_on, given_how,"
                               " recorded_by, recorded_at) VALUES (?,?,'referral',?,?,'written',?,?) RETURNING id",
                               "iiitit", client, from_org, sections, at, from_staff, at);
        if (!consent || db_run(g->db, "INSERT INTO consent_orgs(consent_id, org_id) VALUES (?,?)", "ii", consent,
                               to_org) != DB_OK)
            return fail(g, "cannot add a consent");
    }
    int64_t id = db_insert_id(g->db,
                              "INSERT INTO referrals(client_id, from_org_id, from_staff_id, to_org_id, service_id,"
                              " reason, asked, urgency, due_at, sections, consent_id, agreement, state, sent_at,"
                              " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,'agreed','sent',?,?) RETURNING id",
                              "iiiiItttti" "Itt", client, from_org, from_staff, to_org, svc, reason, asked, urgency, due,
                              sections, consent, at, at);
    if (!id || db_run(g->db,
                      "INSERT INTO referral_events(referral_id, at, staff_id, action, to_state) VALUES (?,?,?,'send','sent')",
                      "iti", id, at, from_staff) != DB_OK)
        return fail(g, "cannot add a referral");
    const char *state = "sent";
    for (const struct demo_step *st = steps; st && st->action; st++) {
        char when[32];
        iso_time(sent + (int64_t)st->hours * 3600, when);
        const char *to = str_eq(st->action, "assign") ? state : referral_next(st->action, state);
        if (!to) {
            snprintf(g->err, g->errlen, "demo: referral step %s from %s", st->action, state);
            return -1;
        }
        int closes = !referral_is_open(to);
        if (db_run(g->db,
                   "INSERT INTO referral_events(referral_id, at, staff_id, action, from_state, to_state, reason_code,"
                   " text) VALUES (?,?,?,?,?,?,?,?)",
                   "itittttt", id, when, *st->by, st->action, state, to, st->code, st->text) != DB_OK ||
            db_run(g->db,
                   "UPDATE referrals SET state=?, updated_at=?, version=version+1,"
                   " received_at=CASE WHEN ?='receive' THEN ? ELSE received_at END,"
                   " closed_at=CASE WHEN ?=1 THEN ? ELSE closed_at END,"
                   " outcome=CASE WHEN ?='complete' THEN ? ELSE outcome END,"
                   " assigned_to=CASE WHEN ?='assign' THEN ? ELSE assigned_to END WHERE id=?",
                   "ttttittttIi", to, when, st->action, when, closes, when, st->action, st->text, st->action,
                   st->assignee ? *st->assignee : 0, id) != DB_OK)
            return fail(g, "cannot add a referral's event");
        state = to;
    }
    return 0;
}

static int demo_referrals(struct gen *g)
{
    if (g->nfirst < 6 || g->n_cm4 < 5)
        return 0; /* a database too small for them */
    int64_t *sup = &g->sup, *cm1 = &g->cm[0], *cm2 = &g->cm[1], *cm3 = &g->cm[2], *cm4 = &g->cm[3];
    int64_t *housing1 = &g->housing1;
    const int64_t idrisk = DC_BIT(DC_IDENTITY) | DC_BIT(DC_RISK), id_only = DC_BIT(DC_IDENTITY);
    /* Eastgate to Riverside's intake queue. */
    const struct demo_step none[] = {{NULL, NULL, 0, NULL, NULL, NULL}};
    const struct demo_step received[] = {{"receive", sup, 20, NULL, NULL, NULL},
                                         {"assign", sup, 21, NULL, NULL, cm2},
                                         {NULL, NULL, 0, NULL, NULL, NULL}};
    const struct demo_step accepted[] = {{"receive", sup, 5, NULL, NULL, NULL},
                                         {"accept", sup, 26, NULL, "We will call the client this week.", NULL},
                                         {"assign", sup, 26, NULL, NULL, cm2},
                                         {NULL, NULL, 0, NULL, NULL, NULL}};
    const struct demo_step working[] = {{"receive", sup, 3, NULL, NULL, NULL},
                                        {"request_info", sup, 4, NULL, "Is the client taking medication now?", NULL},
                                        {"answer", cm4, 20, NULL, "Yes: clozapine, reviewed last month.", NULL},
                                        {"accept", sup, 30, NULL, NULL, NULL},
                                        {"assign", sup, 30, NULL, NULL, cm3},
                                        {"start", cm3, 72, NULL, "First home visit done.", NULL},
                                        {NULL, NULL, 0, NULL, NULL, NULL}};
    const struct demo_step failed[] = {{"receive", sup, 6, NULL, NULL, NULL},
                                       {"accept", sup, 30, NULL, NULL, NULL},
                                       {"assign", sup, 30, NULL, NULL, cm2},
                                       {"fail", cm2, 200, "client_unreachable", "Four calls and two visits, no answer.", NULL},
                                       {NULL, NULL, 0, NULL, NULL, NULL}};
    /* Riverside to Eastgate and Harbour. */
    const struct demo_step completed[] = {{"receive", cm4, 8, NULL, NULL, NULL},
                                          {"accept", cm4, 9, NULL, NULL, NULL},
                                          {"assign", cm4, 9, NULL, NULL, cm4},
                                          {"start", cm4, 100, NULL, NULL, NULL},
                                          {"complete", cm4, 300, NULL,
                                           "Check-up done; dental treatment booked for next month.", NULL},
                                          {NULL, NULL, 0, NULL, NULL, NULL}};
    const struct demo_step declined[] = {{"receive", cm4, 10, NULL, NULL, NULL},
                                         {"decline", cm4, 30, "no_capacity", "The clinic's list is full for two months; try the district hospital.", NULL},
                                         {NULL, NULL, 0, NULL, NULL, NULL}};
    const struct demo_step asked[] = {{"receive", housing1, 30, NULL, NULL, NULL},
                                      {"request_info", housing1, 31, NULL, "Who will visit the client weekly after the move?", NULL},
                                      {NULL, NULL, 0, NULL, NULL, NULL}};
    const struct demo_step cancelled[] = {{"cancel", cm1, 40, NULL, "The client found a flat with family.", NULL},
                                          {NULL, NULL, 0, NULL, NULL, NULL}};
    const struct {
        int64_t client, from_org, *from_staff, to_org;
        const char *service, *urgency, *reason, *asked;
        int64_t sections;
        int hours_ago;
        const struct demo_step *steps;
    } rows[] = {
        {g->cm4_clients[0], g->eastgate, cm4, g->riverside, "Integrated case management", "soon",
         "Two admissions this year; lives alone and stopped attending the clinic.", "Integrated case management",
         idrisk, 70, none}, /* not acknowledged in time: overdue */
        {g->cm4_clients[1], g->eastgate, cm4, g->riverside, NULL, "routine",
         "Moved to Riverside-gu; needs a case manager there.", "Take over case management", id_only, 30, received},
        {g->cm4_clients[2], g->eastgate, cm4, g->riverside, "Peer support groups", "routine",
         "Isolated since discharge; asks to meet others in recovery.", "A place in a peer support group", idrisk,
         24 * 4, accepted},
        {g->cm4_clients[3], g->eastgate, cm4, g->riverside, "Assertive community treatment (ACT) team", "soon",
         "Frequent crises and missed appointments.", "ACT team follow-up", idrisk, 24 * 8, working},
        {g->cm4_clients[4], g->eastgate, cm4, g->riverside, NULL, "routine", "Needs a case manager near home.",
         "Case management", 0, 24 * 15, failed},
        {g->first[0], g->riverside, cm1, g->eastgate, "Health and dental check-ups", "routine",
         "No health check for three years; dental pain.", "A health check and dental care", id_only, 24 * 20,
         completed},
        {g->first[1], g->riverside, cm2, g->eastgate, "Mental-health screening clinic", "routine",
         "A second opinion on the diagnosis.", "Screening and assessment", 0, 24 * 6, declined},
        {g->first[2], g->riverside, cm3, g->harbour, "Supported housing units", "soon",
         "Leaving hospital next month with nowhere to live.", "A supported housing unit", id_only, 24 * 3, asked},
        {g->first[3], g->riverside, cm1, g->harbour, "Tenancy sustainment", "routine", "Rent arrears piling up.",
         "Help to keep the tenancy", 0, 24 * 9, cancelled},
        {g->first[4], g->riverside, cm2, g->eastgate, "Alcohol and drug counselling", "urgent",
         "Drinking heavily since losing work; agrees to counselling.", "Counselling, this week", 0, 1, none},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++)
        if (demo_referral(g, rows[i].client, rows[i].from_org, *rows[i].from_staff, rows[i].to_org, rows[i].service,
                          rows[i].urgency, rows[i].reason, rows[i].asked, rows[i].sections, rows[i].hours_ago,
                          rows[i].steps) != 0)
            return -1;
    return 0;
}

/* ---- case conferences: guests, clients discussed, decisions that became tasks ---- */

/* One conference hours_from_now (negative: past) at org, organised by organiser, with staff (0-ended),
 * guests ({name, role, organisation} triples, NULL-ended), attendance recorded when it is past, and
 * clients discussed, each with a question, a discussion and decisions (a decision with an assignee
 * became that worker's task, its source "conference N"). */
struct demo_decision {
    const char *text;
    int64_t *assignee; /* NULL: still a decision */
    int due_days;
};
struct demo_part {
    int64_t client;
    int64_t *by;
    const char *question, *summary;
    struct demo_decision d[3];
};
static int demo_conference(struct gen *g, int64_t org, int64_t organiser, int hours_from_now, const char *title,
                           const char *purpose, const int64_t *staff, const char *const *guests,
                           const struct demo_part *parts, int nparts)
{
    char at[32], made[32], due[11];
    int64_t held = iso_parse(g->now) + (int64_t)hours_from_now * 3600;
    held -= held % 1800; /* on the half hour */
    iso_time(held, at);
    int past = hours_from_now < 0;
    iso_time(held - 7 * 86400 < iso_parse(g->now) ? held - 7 * 86400 : iso_parse(g->now), made);
    int64_t id = db_insert_id(g->db,
                              "INSERT INTO conferences(org_id, organiser, held_at, held_epoch, title, purpose, created_at)"
                              " VALUES (?,?,?,?,?,?,?) RETURNING id",
                              "iitittt", org, organiser, at, held, title, purpose, made);
    if (!id)
        return fail(g, "conference");
    for (int i = -1; i < 0 || staff[i]; i++) {
        int64_t who = i < 0 ? organiser : staff[i];
        int came = !past ? -1 : i < 0 || i % 4 != 3; /* one in four did not come */
        if (db_run(g->db,
                   "INSERT INTO conference_staff(conference_id, staff_id, attended, added_by, added_at) VALUES (?,?,?,?,?)",
                   "iiIit", id, who, (int64_t)(came < 0 ? 0 : came), organiser, made) != DB_OK)
            return fail(g, "conference staff");
        if (came == 0 && db_run(g->db, "UPDATE conference_staff SET attended=0 WHERE conference_id=? AND staff_id=?",
                                "ii", id, who) != DB_OK)
            return fail(g, "conference staff");
    }
    for (int i = 0; guests && guests[i]; i += 3)
        if (db_run(g->db,
                   "INSERT INTO conference_guests(conference_id, name, role, organisation, attended, added_by, added_at)"
                   " VALUES (?,?,?,?,?,?,?)",
                   "itttIit", id, guests[i], guests[i + 1], guests[i + 2], (int64_t)(past ? 1 : 0), organiser, made) !=
                   DB_OK)
            return fail(g, "conference guest");
    char source[40];
    snprintf(source, sizeof source, "conference %lld", (long long)id);
    for (int p = 0; p < nparts; p++) {
        const struct demo_part *x = &parts[p];
        int64_t item = db_insert_id(g->db,
                                    "INSERT INTO conference_clients(conference_id, client_id, question, summary, added_by,"
                                    " added_at, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
                                    "iittitIt", id, x->client, x->question, past ? x->summary : NULL, *x->by, made,
                                    past ? *x->by : 0, past ? at : NULL);
        if (!item)
            return fail(g, "conference client");
        for (int k = 0; past && k < 3 && x->d[k].text; k++) {
            const struct demo_decision *d = &x->d[k];
            int64_t task = 0;
            if (d->assignee) {
                fmt_date(held / 86400 + d->due_days, due);
                int done = held / 86400 + d->due_days < g->today;
                task = db_insert_id(g->db,
                                    "INSERT INTO tasks(client_id, assignee, title, due, priority, status, source,"
                                    " created_by, created_at, done_by, done_at) VALUES (?,?,?,?,'normal',?,?,?,?,?,?)"
                                    " RETURNING id",
                                    "iittttitIt", x->client, *d->assignee, d->text, due, done ? "done" : "open", source,
                                    *x->by, at, done ? *d->assignee : 0, done ? at : NULL);
                if (!task)
                    return fail(g, "conference task");
            }
            if (db_run(g->db,
                       "INSERT INTO conference_decisions(item_id, text, made_by, made_at, task_id, acted_by, acted_at)"
                       " VALUES (?,?,?,?,?,?,?)",
                       "ititIIt", item, d->text, *x->by, at, task, task ? *x->by : 0, task ? at : NULL) != DB_OK)
                return fail(g, "conference decision");
        }
    }
    return 0;
}

/* Riverside's monthly conference two weeks ago (a lawyer and a mother as guests, Harbour's housing
 * coordinator among the staff), its next one in five days (Eastgate's case manager and a
 * child-protection specialist invited), and Eastgate's own last month. */
static int demo_conferences(struct gen *g)
{
    if (g->nfirst < 7 || g->n_cm4 < 2)
        return 0; /* a database too small for them */
    int64_t *sup = &g->sup, *cm1 = &g->cm[0], *cm2 = &g->cm[1], *cm4 = &g->cm[3], *psy1 = &g->psy1;
    int64_t *nurse1 = &g->nurse1, *housing1 = &g->housing1;
    const int64_t staff1[] = {*cm1, *cm2, g->cm[2], *psy1, *nurse1, g->peer1, *housing1, 0};
    const char *const guests1[] = {"Park Jiyoung", "lawyer", "Legal Aid Corporation", "Choi Mija", "mother of a client",
                                   NULL, NULL};
    const struct demo_part parts1[] = {
        {g->first[0], cm1, "The landlord has sent an eviction notice: can the client keep the flat?",
         "Rent arrears of three months since the benefits stopped. The lawyer thinks the notice can be contested "
         "while the benefits are reviewed; Harbour can offer a supported flat if it fails.",
         {{"Book an appointment at the benefits office with the client", cm1, 7},
          {"Ask Harbour to keep a supported flat in view", housing1, 14},
          {"The lawyer writes to the landlord; the client agreed", NULL, 0}}},
        {g->first[1], cm2, "Two missed depot injections: how do we support adherence?",
         "The client finds the clinic hard to reach. The nurse can give the injection at home for three months.",
         {{"Home visits for the depot injection, fortnightly", nurse1, 10},
          {"Review the medication at the next clinic", psy1, 30},
          {NULL, NULL, 0}}},
        {g->first[3], cm1, "The client's mother asks for more help at home.",
         "The mother describes tiring evenings; the client wants to keep going to the day programme.",
         {{"Introduce the family support group to the mother", cm1, 21}, {NULL, NULL, 0}, {NULL, NULL, 0}}},
    };
    const int64_t staff2[] = {*psy1, *nurse1, *cm4, 0};
    const char *const guests2[] = {"Yoon Seojin", "child-protection specialist", "Riverside Child Protection Agency",
                                   NULL, NULL, NULL};
    const struct demo_part parts2[] = {
        {g->first[6], cm1, "The client's daughter stays with her at weekends: is a safety plan for the child needed?",
         NULL, {{NULL, NULL, 0}, {NULL, NULL, 0}, {NULL, NULL, 0}}},
    };
    const int64_t staff3[] = {0};
    const char *const guests3[] = {"Kang Minho", "brother of a client", NULL, NULL, NULL, NULL};
    const struct demo_part parts3[] = {
        {g->cm4_clients[0], cm4, "Stopped attending the clinic after the second admission.",
         "The brother can drive the client to the clinic on Tuesdays. A referral to Riverside's case management is "
         "considered.",
         {{"Refer to Riverside for integrated case management", cm4, 5}, {NULL, NULL, 0}, {NULL, NULL, 0}}},
        {g->cm4_clients[1], cm4, "Moving to Riverside-gu next month.",
         "Hand over to Riverside once the move is done.",
         {{"Tell Riverside's intake about the move", NULL, 0}, {NULL, NULL, 0}, {NULL, NULL, 0}}},
    };
    return demo_conference(g, g->riverside, *sup, -14 * 24, "Monthly case conference",
                           "Housing, adherence and family support", staff1, guests1, parts1, 3) ||
           demo_conference(g, g->riverside, *cm1, 5 * 24, "Case conference: a parent's care",
                           "A client with a child at weekends", staff2, guests2, parts2, 1) ||
           demo_conference(g, g->eastgate, *cm4, -30 * 24, "Eastgate team review", NULL, staff3, guests3, parts3, 2)
               ? -1
               : 0;
}

/* ---- progress and the driver ---- */

/* ---- linkages (issue 11 §2, the linkage slice) ---- */

/* What a demo plan's goal says and the step linked, per domain; the directory's service of that
 * kind when there is one, else the named local resource. */
static const struct demo_goal {
    const char *domain, *words, *step, *resource, *contact;
} demo_goals[] = {
    {"housing", "A place of my own, with a door that locks.", "Visit supported housing with my case manager",
     "Supported housing waiting list", "Housing office"},
    {"income_entitlements", "Enough money to get to the end of the month.", "Apply for the basic livelihood allowance",
     "Community service centre welfare desk", "Dong office, desk 3"},
    {"daily_living_care", "Eat properly every day.", "Try the meal delivery for a month", "Neighbourhood meal share",
     "Mrs Oh, 010-4411-2200"},
    {"peer_support", "Meet people who understand.", "Go to the Tuesday peer group", "Tuesday peer group at the library",
     "Library, 2nd floor"},
    {"health_dental", "Fix my teeth so I can eat without pain.", "Book a dental check-up", "Sunshine dental clinic",
     "02-555-0190"},
    {"rehabilitation_employment", "Work a few mornings a week.", "Visit the vocational day programme",
     "Bakery cooperative work trial", "Mr Lim, 010-2020-3030"},
    {"family_community", "See my sister more often.", "Join the family education evenings", "Church family circle",
     "Pastor Yoon"},
};
static const char *const demo_changes[] = {
    "Went every week; says it helps to have somewhere to be.",
    "Missed the last two times: the bus fare ran out before the end of the month.",
    "Started, then stopped after a bad week; wants to try again.",
    "Using it as planned; no change needed.",
    "Finds the staff kind but the waiting room too crowded.",
    "Has made a friend there; goes on her own now.",
    "Stopped going: did not like the new worker. We talked about alternatives.",
    NULL};
static const char *const demo_answers3[] = {"yes", "yes", "yes", "partly", "partly", "no"};

/* The plan of an episode: the one there is (the care-plan demo's, or a worker's), else one written
 * here with two goals (first_goal, then another), a step each. 0 after a failure. */
static int64_t demo_plan_for(struct gen *g, struct rng *r, int64_t client, int64_t ep, int64_t org, int64_t cm,
                             int64_t day, int first_goal)
{
    int64_t id = db_int1(g->db, 0, "SELECT id FROM care_plans WHERE episode_id=?", "i", ep);
    if (id)
        return id;
    int n = (int)ARRAY_LEN(demo_goals);
    int a = first_goal >= 0 ? first_goal : (int)rbelow(r, (unsigned)n), b = (a + 1 + (int)rbelow(r, (unsigned)n - 1)) % n;
    const struct demo_goal *ga = &demo_goals[a], *gb = &demo_goals[b];
    json_t *body = json_pack("{s:[{s:s,s:s,s:s,s:n,s:n,s:n,s:s,s:b,s:[{s:s,s:s,s:n,s:s,s:n,s:n}]},"
                             "{s:s,s:s,s:s,s:n,s:n,s:n,s:s,s:b,s:[{s:s,s:s,s:n,s:s,s:n,s:n}]}]}",
                             "goals", "key", "g1", "domain", ga->domain, "client_words", ga->words, "worker_words",
                             "strengths", "barriers", "status", "active", "share_with_peer", 0, "steps", "key", "g1s2",
                             "who", "client", "who_name", "what", ga->step, "how_often", "by_when", "key", "g3",
                             "domain", gb->domain, "client_words", gb->words, "worker_words", "strengths", "barriers",
                             "status", "active", "share_with_peer", 1, "steps", "key", "g3s4", "who", "client",
                             "who_name", "what", gb->step, "how_often", "by_when");
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    char at[24], from[11], due[16];
    stamp(g, day, at);
    fmt_date(day, from);
    careplan_add_months(from, 6, due);
    id = db_insert(g->db, "care_plans", "client_id, episode_id, org_id, review_due, next_key, created_by, created_at,"
                   " updated_at", "iiitiitt", client, ep, org, due, (int64_t)5, cm, at, at);
    int ok = id && db_insert(g->db, "care_plan_versions", "plan_id, number, body, why, made_by, made_at", "iittit",
                             id, (int64_t)1, text, "first plan, written with the client", cm, at);
    free(text);
    const struct demo_goal *gs[2] = {ga, gb};
    static const char *const gkeys[] = {"g1", "g3"}, *const skeys[] = {"g1s2", "g3s4"};
    for (int i = 0; ok && i < 2; i++)
        ok = db_run(g->db,
                    "INSERT INTO care_plan_goals(plan_id, goal_key, client_id, domain, status, share_with_peer,"
                    " client_words) VALUES (?,?,?,?,'active',?,?)",
                    "ititit", id, gkeys[i], client, gs[i]->domain, (int64_t)i, gs[i]->words) == DB_OK &&
             db_run(g->db,
                    "INSERT INTO care_plan_steps(plan_id, step_key, goal_key, who, what) VALUES (?,?,?,'client',?)",
                    "itt" "t", id, skeys[i], gkeys[i], gs[i]->step) == DB_OK;
    return ok ? id : 0;
}

/* A linkage of each step of plan (the first nsteps) to the directory's service of its domain (unless
 * local) or a local resource, started on start, checked every interval since (the last check missed when overdue), ended
 * when ended. */
static int demo_link_plan(struct gen *g, struct rng *r, int64_t client, int64_t plan, int64_t org, int64_t cm,
                          int64_t start, int overdue, int ended, int nsteps, int local)
{
    json_t *steps = db_rows(g->db,
                            "SELECT st.step_key, st.goal_key, st.what, gl.domain FROM care_plan_steps st JOIN"
                            " care_plan_goals gl ON gl.plan_id=st.plan_id AND gl.goal_key=st.goal_key WHERE"
                            " st.plan_id=? ORDER BY st.step_key LIMIT ?",
                            "ii", plan, (int64_t)nsteps);
    size_t i;
    json_t *s;
    json_array_foreach(steps, i, s)
    {
        const char *domain = json_string_value(json_object_get(s, "domain"));
        int64_t svc = local ? 0 : db_int1(g->db, 0, "SELECT id FROM services WHERE kind=? ORDER BY id LIMIT 1", "t", domain);
        const struct demo_goal *dg = &demo_goals[0];
        for (size_t k = 0; k < ARRAY_LEN(demo_goals); k++)
            if (str_eq(demo_goals[k].domain, domain))
                dg = &demo_goals[k];
        int monthly = rpct(r, 75);
        int64_t every = monthly ? 1 : 2;
        const char *unit = monthly ? "month" : "week";
        char from[11], today[11], cur[16], next[16], at[24];
        int64_t begin = start + (int64_t)i * 3;
        fmt_date(begin, from);
        fmt_date(g->today, today);
        stamp(g, begin, at);
        /* the checks so far */
        char dates[64][16];
        int n = 0;
        snprintf(cur, sizeof cur, "%s", from);
        while (n < 64 && linkage_next_due(cur, every, unit, next) == 0 && strcmp(next, today) <= 0) {
            snprintf(dates[n++], 16, "%s", next);
            snprintf(cur, sizeof cur, "%s", next);
        }
        if (overdue && n > 0)
            n--;
        linkage_next_due(n ? dates[n - 1] : from, every, unit, next);
        int64_t id = db_insert(g->db, "linkages",
                               "client_id, org_id, plan_id, step_key, goal_key, step_what, service_id, resource_name,"
                               " resource_contact, domain, start_date, every_n, every_unit, next_check, created_by,"
                               " created_at, updated_at, version",
                               "iiitttIttttittitti", client, org, plan,
                               json_string_value(json_object_get(s, "step_key")),
                               json_string_value(json_object_get(s, "goal_key")),
                               json_string_value(json_object_get(s, "what")), svc, svc ? NULL : dg->resource,
                               svc ? NULL : dg->contact, domain, from, every, unit, next, cm, at, at, (int64_t)(n + 1));
        if (!id) {
            json_decref(steps);
            return fail(g, "cannot add a linkage");
        }
        for (int k = 0; k < n; k++) {
            char after[16], made[24];
            linkage_next_due(dates[k], every, unit, after);
            char t[32];
            snprintf(t, sizeof t, "%.10sT00:00:00Z", dates[k]);
            stamp(g, iso_parse(t) / 86400, made);
            if (!db_insert(g->db, "linkage_checks",
                           "linkage_id, checked_on, using_it, satisfied, what_changed, next_check, made_by, made_at",
                           "itttttit", id, dates[k], demo_answers3[rbelow(r, 6)], demo_answers3[rbelow(r, 6)],
                           rpick(r, demo_changes), after, cm, made)) {
                json_decref(steps);
                return fail(g, "cannot add a linkage check");
            }
        }
        if (ended && i == 0 && n > 0 &&
            db_run(g->db, "UPDATE linkages SET end_date=?, end_reason=?, ended_by=?, version=version+1 WHERE id=?",
                   "ttii", dates[n - 1], "The client no longer needs it: the goal was reached.", cm, id) != DB_OK) {
            json_decref(steps);
            return fail(g, "cannot end a linkage");
        }
    }
    json_decref(steps);
    return 0;
}

/* Linkages with checks for most of cm1..cm3's open clients and a tenth of the others (a plan written
 * for those without one; half of the plans keep a step not linked yet), a fifth of them overdue, some
 * ended; and three Riverside clients whom
 * Eastgate also serves (an ACT episode, cm4 its primary case manager, and a housing linkage of its
 * own, to a local resource of its own): duplicate services across organisations. Its own random stream: what came before stays. */
static int demo_linkages(struct gen *g)
{
    struct rng r;
    rng_seed(&r, 4243);
    int dups = 0;
    for (int k = 1; k < g->nb; k++) {
        const struct breadth *c = &g->b[k];
        int named = k < CM_FIRST;
        if (!c->open || !(named ? k % 4 != 3 : rpct(&r, 10)))
            continue;
        int dup = !named && !c->east && dups < 3 && rpct(&r, 40);
        int64_t org = c->east ? g->eastgate : g->riverside;
        int64_t start = g->today - 30 - rbelow(&r, 240);
        if (start < c->start)
            start = c->start;
        int64_t plan = demo_plan_for(g, &r, c->id, c->ep, org, c->cm, start, dup ? 0 : -1);
        if (!plan)
            return fail(g, "cannot add a care plan");
        if (demo_link_plan(g, &r, c->id, plan, org, c->cm, start, rpct(&r, 20), rpct(&r, 10), rpct(&r, 50) ? 2 : 1, 0) != 0)
            return -1;
        if (!dup)
            continue;
        /* Eastgate serves the client too */
        char from[11], at[24];
        int64_t es = g->today - 40 - rbelow(&r, 60);
        fmt_date(es, from);
        stamp(g, es, at);
        int64_t ep = db_insert(g->db, ROW_EPISODE, "iitttitttitt", c->id, g->eastgate, "act", "active", "severe",
                               g->cm[3], from, NULL, NULL, g->cm[3], at, at);
        if (!ep || !db_insert(g->db, ROW_TEAM, "iittt", ep, g->cm[3], "primary_case_manager", from, NULL))
            return fail(g, "cannot add an Eastgate episode");
        int64_t eplan = demo_plan_for(g, &r, c->id, ep, g->eastgate, g->cm[3], es, 0);
        if (!eplan)
            return fail(g, "cannot add a care plan");
        if (demo_link_plan(g, &r, c->id, eplan, g->eastgate, g->cm[3], es, 0, 0, 1, 1) != 0)
            return -1;
        dups++;
    }
    return 0;
}

static void progress(int done, int total, double *last, int force)
{
    double t = now_mono();
    if (!force && t - *last < 0.1)
        return;
    *last = t;
    int pct = total ? (int)((int64_t)done * 100 / total) : 100, fill = pct * 30 / 100;
    char bar[31];
    for (int i = 0; i < 30; i++)
        bar[i] = i < fill ? '#' : ' ';
    bar[30] = 0;
    fprintf(stderr, "\rclients [%s] %3d%%  %d/%d", bar, pct, done, total);
    fflush(stderr);
}

/* ---- the service directory: every organisation's services, across domains and capacities ---- */

/* Fixed rows (no random draw, so the data made before stays what it was). Each organisation's
 * entries were recorded by one of its own staff (St Luke's has none on Hearth: the administrator),
 * their capacity updated some hours or days ago, one of them long ago (shown as not kept up). */
static int demo_services(struct gen *g)
{
    const struct {
        int64_t *org;
        const char *district;
    } places[] = {{&g->riverside, "Riverside-gu"}, {&g->eastgate, "Eastgate-gu"}, {&g->northside, "Northside-gu"},
                  {&g->harbour, "Harbour-gu"},     {&g->hospital, "Hillcrest-gu"}};
    for (size_t i = 0; i < ARRAY_LEN(places); i++)
        if (db_run(g->db, "UPDATE orgs SET district=? WHERE id=? AND district IS NULL", "ti", places[i].district,
                   *places[i].org) != DB_OK)
            return fail(g, "cannot set a district");
    const struct {
        int64_t *org, *by;
        const char *name, *kind, *eligibility, *programme, *refer, *contact, *capacity;
        int waiting, wait_days, hours_ago;
    } rows[] = {
        {&g->riverside, &g->sup, "Integrated case management", "mental_health_treatment",
         "Adults with a serious mental illness living in Riverside-gu or Eastgate-gu.", "integrated_care",
         "Send a referral to the intake team with the person's agreement; we answer within 3 working days.",
         "Intake team 02-310-4000", "open", -1, -1, 5},
        {&g->riverside, &g->sup, "Assertive community treatment (ACT) team", "mental_health_treatment",
         "Adults with frequent crises or long hospital stays who do not engage with office-based care.", "act",
         "Referral by a case manager or a hospital social worker; the team lead decides within a week.",
         "ACT team lead 02-310-4010", "waiting_list", 6, 21, 30},
        {&g->riverside, &g->sup, "24-hour crisis response", "crisis_response",
         "Anyone in the district in a mental-health crisis, registered or not.", NULL,
         "Call the crisis line at any hour; a worker calls back within 30 minutes.", "Crisis line 1577-0199",
         "open", -1, -1, 2},
        {&g->riverside, &g->sup, "Peer support groups", "peer_support",
         "Clients of any centre who want to meet others in recovery.", NULL,
         "Ask the client's case manager to book a first meeting with a peer supporter.", "Peer team 02-310-4020",
         "open", -1, -1, 72},
        {&g->riverside, &g->sup, "Family education programme", "family_community",
         "Families and carers of people with a serious mental illness.", NULL,
         "The next course opens in spring; ask to be told when booking starts.", "02-310-4030", "closed", -1, -1,
         24 * 45},
        {&g->riverside, &g->sup, "Intake and assessment", "intake_assessment",
         "Anyone referred by a care desk, a hospital or a neighbour's report.", "integrated_care",
         "Send the referral to the intake queue; urgent ones by phone as well.", "Intake team 02-310-4000", "open",
         -1, -1, 1},
        {&g->eastgate, &g->cm[3], "Mental-health screening clinic", "mental_health_treatment",
         "Residents of Eastgate-gu aged 15 and over.", NULL, "Book by phone; walk-ins on Tuesday mornings.",
         "02-450-2200", "waiting_list", 14, 10, 20},
        {&g->eastgate, &g->cm[3], "Health and dental check-ups", "health_dental",
         "Residents of Eastgate-gu on medical aid, and clients of the district's mental-health centres.", NULL,
         "A referral letter from the case manager; the clinic books the visit.", "02-450-2210", "open", -1, -1, 48},
        {&g->eastgate, &g->cm[3], "Alcohol and drug counselling", "mental_health_treatment",
         "Adults with harmful drinking or drug use, and their families.", NULL,
         "Referral or self-referral by phone.", "02-450-2230", "open", -1, -1, 96},
        {&g->northside, &g->desk1, "Care desk: welfare intake", "intake_assessment",
         "Any resident of Northside-gu who needs help, found by the desk, outreach or a neighbour.", NULL,
         "Call or visit the care desk; the officer registers and refers.", "Care desk 02-600-1100", "open", -1, -1, 3},
        {&g->northside, &g->desk1, "Basic livelihood and emergency aid", "income_entitlements",
         "Low-income households of Northside-gu, by the national criteria.", NULL,
         "The care-desk officer files the application with the person.", "02-600-1120", "waiting_list", 25, 30, 26},
        {&g->northside, &g->desk1, "Home help and meal delivery", "daily_living_care",
         "Residents who cannot manage daily living alone for a time.", NULL,
         "Referral by a case manager or the care desk.", "02-600-1130", "closed", -1, -1, 10},
        {&g->harbour, &g->housing1, "Supported housing units", "housing",
         "Adults leaving hospital or homeless, with a case manager who will keep visiting.", "housing_support",
         "The case manager sends a referral; the housing panel meets every second Thursday.", "02-700-3300",
         "waiting_list", 9, 60, 8},
        {&g->harbour, &g->housing1, "Tenancy sustainment", "housing",
         "Tenants at risk of losing their home.", NULL, "Call the housing coordinator.", "02-700-3310", "open", -1,
         -1, 120},
        {&g->harbour, &g->housing1, "Advocacy at tenancy hearings", "protection_advocacy",
         "Tenants of the association facing eviction.", NULL, "Ask the housing coordinator.", "02-700-3320",
         "open", -1, -1, 200},
        {&g->hospital, &g->admin, "Inpatient psychiatric ward", "mental_health_treatment",
         "Adults who need hospital care; admission by a psychiatrist.", NULL,
         "Through the emergency department or a psychiatrist's referral.", "Ward office 02-800-5500",
         "waiting_list", 3, 4, 6},
        {&g->hospital, &g->admin, "Vocational rehabilitation day programme", "rehabilitation_employment",
         "Former patients ready to work towards a job.", NULL, "Referral by a case manager.", "02-800-5520",
         "open", -1, -1, 36},
    };
    int64_t now = iso_parse(g->now);
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        if (!in_list(service_kinds, rows[i].kind) || !in_list(service_capacities, rows[i].capacity)) {
            snprintf(g->err, g->errlen, "demo: service '%s' has an unknown kind or capacity", rows[i].name);
            return -1;
        }
        char at[32];
        iso_time(now - (int64_t)rows[i].hours_ago * 3600, at);
        if (!db_insert_id(g->db,
                          "INSERT INTO services(org_id, name, kind, eligibility, programme, how_to_refer, contact,"
                          " capacity, waiting_count, typical_wait_days, capacity_updated_at, capacity_updated_by,"
                          " created_by, created_at, updated_at)"
                          " VALUES (?,?,?,?,?,?,?,?,NULLIF(?,-1),NULLIF(?,-1),?,?,?,?,?) RETURNING id",
                          "itttttttiitiitt", *rows[i].org, rows[i].name, rows[i].kind, rows[i].eligibility,
                          rows[i].programme, rows[i].refer, rows[i].contact, rows[i].capacity,
                          (int64_t)rows[i].waiting, (int64_t)rows[i].wait_days, at, *rows[i].by, *rows[i].by, at, at))
            return fail(g, "cannot create a service");
    }
    return 0;
}

/* ---- intake: people discovered at Northside's care desk, at every step ---- */

#define ROW_INTAKE                                                                                           \
    "intakes", "client_id, org_id, episode_id, source, reporter, concern, birth_year_only, district, state,"  \
               " needs, urgency, risk_now, life_stage, target_group, hospital_days, recent_crisis, decision_id," \
               " primary_cm, close_reason, close_note, discovered_by, discovered_at, screened_by, screened_at,"   \
               " decided_by, decided_at, outcome_by, outcome_at"

/* The people discovered, beyond the demo's N clients (made after them, so that those stay what they
 * were); a demo of fewer than 50 clients has none. */
#define DEMO_INTAKES 6

/* Made last (their draws come after everything else, so the rows before stay what they were). The
 * care-desk officer desk1 and Northside's case manager cm5 (made here) discovered them; one waits
 * for screening, two are screened (one with a risk to life now), one is at the outcome step with an
 * eligibility decision (when the rule files are loaded), one was enrolled with cm5 and one closed. */
static int demo_intakes(struct gen *g)
{
    int64_t cm5 = demo_staff(g, g->northside, "cm5", "Hana Yoon", "case_manager", "social_worker");
    if (!cm5)
        return -1;
    static const struct {
        const char *given, *family, *birth;
        int year_only;
        const char *source, *reporter, *concern, *state, *needs, *urgency;
        int risk, days_ago, by_cm5;
        const char *target, *close_reason, *close_note;
    } rows[] = {
        {"Okja", "Bae", "1952-01-01", 1, "neighbour_report", "The neighbour in flat 302",
         "Has not been seen outside for three weeks; the neighbour hears crying at night and the post piles up.",
         "discovered", NULL, NULL, 0, 0, 0, "other", NULL, NULL},
        {"Jaewon", "Shin", "1988-05-14", 0, "family", "His mother",
         "His mother says he has stopped sleeping and talks about voices from the television.", "screened",
         "[\"mental_health_treatment\",\"family_community\"]", "soon", 0, 2, 0, "severe", NULL, NULL},
        {"Youngsoo", "Park", "1993-07-30", 0, "care_desk", NULL,
         "Came to the desk about rent arrears; said he sees no point in going on.", "screened",
         "[\"crisis_response\",\"mental_health_treatment\",\"income_entitlements\"]", "urgent", 1, 0, 0, "crisis",
         NULL, NULL},
        {"Misook", "Ryu", "1969-11-02", 0, "self", NULL,
         "Asked for emergency aid; says she cannot cope at home since leaving hospital in the spring.", "decided",
         "[\"mental_health_treatment\",\"daily_living_care\"]", "soon", 0, 5, 0, "severe", NULL, NULL},
        {"Dongho", "Kang", "1975-03-09", 0, "outreach", NULL,
         "Found living in a shuttered shop on outreach; hospitalised twice last year, no follow-up since.",
         "enrolled", "[\"mental_health_treatment\",\"housing\"]", "soon", 0, 12, 1, "long_term_hospitalised", NULL,
         NULL},
        {"Sunja", "Moon", "1948-01-01", 1, "neighbour_report", "A volunteer of the meal service",
         "Seems confused and forgets the meals; the volunteer worries she lives alone.", "closed",
         "[\"daily_living_care\"]", "routine", 0, 9, 0, "other", "declined",
         "She said she is managing with her daughter's help; given the desk's number."},
    };
    _Static_assert(ARRAY_LEN(rows) == DEMO_INTAKES, "DEMO_INTAKES counts the rows");
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        int64_t by = rows[i].by_cm5 ? cm5 : g->desk1, day = g->today - rows[i].days_ago;
        char at[21], sat[21], dat[21], oat[21], address[160];
        stamp(g, day, at);
        snprintf(address, sizeof address, "%u Market-ro %u-gil, Northside-gu", 1 + rbelow(&g->r, 90),
                 1 + rbelow(&g->r, 20));
        int64_t client = db_insert(g->db, ROW_CLIENT, "tttttttttttiitit", rows[i].given, rows[i].family, NULL,
                                   rows[i].birth, NULL, NULL, "ko", NULL, NULL, address, NULL, g->northside, by,
                                   at, by, at);
        if (!client || client_search_index(g->db, client, rows[i].given, rows[i].family, NULL, NULL) != DB_OK)
            return fail(g, "cannot create an intake's client");
        const char *st = rows[i].state;
        int screened = !str_eq(st, "discovered") && rows[i].needs;
        int enrolled = str_eq(st, "enrolled"), closed = str_eq(st, "closed");
        char start[11];
        snprintf(start, sizeof start, "%.10s", at);
        int64_t ep = db_insert(g->db, ROW_EPISODE, "iitttItttitt", client, g->northside,
                               "integrated_care", enrolled ? "active" : closed ? "discharged" : "intake",
                               rows[i].target, enrolled ? cm5 : by, start, closed ? start : NULL,
                               closed ? rows[i].close_note : NULL, by, at, at);
        if (!ep || !db_insert(g->db, ROW_TEAM, "iittt", ep, enrolled ? cm5 : by, "primary_case_manager", start,
                              closed ? start : NULL))
            return fail(g, "cannot create an intake episode");
        /* Each later step a little later the same day (never after now). */
        snprintf(sat, sizeof sat, "%s", at);
        snprintf(dat, sizeof dat, "%s", at);
        snprintf(oat, sizeof oat, "%s", at);
        int64_t decision = 0;
        if (str_eq(st, "decided") || enrolled) {
            json_t *needs = json_loads(rows[i].needs, 0, NULL);
            int rc = elig_demo_decide(g->db, client, "integrated_care", needs, by, g->northside);
            json_decref(needs);
            if (rc != 0)
                return fail(g, "cannot add an intake's eligibility decision");
            decision = db_int1(g->db, 0, "SELECT max(id) FROM eligibility_decisions WHERE client_id=?", "i", client);
            if (decision && db_run(g->db, "UPDATE eligibility_decisions SET decided_at=? WHERE id=?", "ti", at,
                                   decision) != DB_OK)
                return fail(g, "cannot date an intake's eligibility decision");
        }
        /* Without the rule files there is no decision: such an intake waits at the screening. */
        if (!decision && str_eq(st, "decided"))
            st = "screened";
        int decided = decision != 0, outcome = enrolled || closed;
        if (!db_insert(g->db, ROW_INTAKE, "iiitttittttittIiIIttitItItIt", client, g->northside, ep, rows[i].source,
                       rows[i].reporter, rows[i].concern, (int64_t)rows[i].year_only, "Northside-gu", st,
                       screened ? rows[i].needs : NULL, screened ? rows[i].urgency : NULL, (int64_t)rows[i].risk,
                       screened ? (rows[i].year_only ? "older_adult" : "adult") : NULL,
                       screened ? rows[i].target : NULL, (int64_t)(enrolled ? 300 : 0), (int64_t)0, decision,
                       (int64_t)(enrolled ? cm5 : 0), closed ? rows[i].close_reason : NULL,
                       closed ? rows[i].close_note : NULL, by, at, screened ? by : 0, screened ? sat : NULL,
                       decided ? by : 0, decided ? dat : NULL, outcome ? (enrolled ? cm5 : by) : 0,
                       outcome ? oat : NULL))
            return fail(g, "cannot create an intake");
    }
    return 0;
}

/* ---- care plans (issue 11 §1, the careplan slice): goals in the clients' words ----
 * Plans for about half of cm1..cm3's open clients and one in ten of the other breadth clients: two to
 * four goals across the domains, in the client's words, with strengths, what stands in the way and
 * steps; two or three versions (a goal added, a step changed, one reached at a review), agreements
 * (signed, aloud with a witness, one declined) and reviews with each goal's progress. The 4th client
 * (LONG_HISTORY contacts) has a plan of CP_BENCH_VERSIONS versions: the bench's. Drawn from its own
 * generator: the rows made before keep their values. */

#define CP_BENCH_VERSIONS 50

static const struct cp_goal_bank {
    const char *domain, *words, *worker, *strengths, *barriers, *who, *who_name, *what, *how_often;
} cp_bank[] = {
    {"housing", "I want a room of my own with a door that locks.", "Supported tenancy within six months.",
     "Kept my last flat for two years.", "Debts from the last flat.", "team_member", "Case manager",
     "Ask the housing office about the old debt", "once"},
    {"housing", "Stay in my flat and keep it tidy enough for visitors.", NULL, "I like cooking for my sister.",
     "Rubbish piles up when I feel low.", "client", NULL, "Take the rubbish out on Tuesdays and Fridays", "twice a week"},
    {"mental_health_treatment", "Fewer bad nights, and no more voices telling me off.",
     "Review night-time medication with the psychiatrist.", "I take my tablets when someone reminds me.",
     "Side effects make me stop.", "team_member", "Psychiatrist", "Medication review at the clinic", "monthly"},
    {"mental_health_treatment", "Feel less on edge when I go out.", "Anxiety: graded exposure, GAD-7 monitored.",
     "I know the breathing exercise.", "Crowded buses.", "client", NULL, "Take the bus two stops with my peer supporter",
     "weekly"},
    {"crisis_response", "Know who to call at night when it gets bad.", "Crisis plan shared with on-call.",
     "My sister answers at night.", "I don't want to bother anyone.", "team_member", "Case manager",
     "Put the crisis line and my sister's number on the fridge", "once"},
    {"health_dental", "Get my teeth fixed so I can smile again.", NULL, "I went to the dentist as a child.",
     "Scared of the drill, and the cost.", "other_org", "Community dental clinic", "Book the first dental visit",
     "once"},
    {"health_dental", "Cut down on drinking to weekends only.", "AUDIT in the harmful range; brief intervention.",
     "I stopped for a month last year.", "Friends at the park drink every day.", "client", NULL,
     "Write down the drinks each day", "daily"},
    {"income_entitlements", "Sort out my disability pension so I stop worrying about rent.", NULL,
     "I keep my letters in a folder.", "The forms are long and confusing.", "team_member", "Social worker",
     "Fill in the pension form together", "once"},
    {"peer_support", "Meet people who know what it's like.", NULL, "I used to enjoy the drop-in.",
     "Hard to start talking in a group.", "team_member", "Peer supporter", "Go to the Thursday recovery group together",
     "weekly"},
    {"family_community", "See my daughter every month.", "Supervised contact arrangement via child services.",
     "She writes to me.", "Her father decides.", "family", "My mother", "Ask about a visit at my mother's house",
     "monthly"},
    {"rehabilitation_employment", "Work two mornings a week at the bakery.", "Vocational placement, IPS model.",
     "I am good with my hands and on time.", "Early mornings after the night tablets.", "other_org",
     "Employment support service", "Trial morning at the bakery", "once"},
    {"protection_advocacy", "Have someone with me at the court hearing.", NULL, "I know my rights better now.",
     "I freeze when officials talk fast.", "other_org", "Legal aid advocate", "Meet the advocate before the hearing",
     "once"},
    {"daily_living_care", "Cook a proper meal three times a week.", "Occupational therapy: meal planning.",
     "I like rice dishes.", "No energy in the evening.", "client", NULL, "Shop for three meals with the list",
     "weekly"},
};
static const char *const cp_progress_words[] = {
    "Started, slowly.", "Halfway there.", "A hard month, but kept going.", "Nearly there.", "Done it!", NULL};
static const char *const cp_witnesses[] = {"Mina Park, peer supporter", "Jae Kim, nurse", "Her mother", NULL};

/* A goal of the bank as a body goal (keys from *next). */
static json_t *cp_goal(const struct cp_goal_bank *gb, int64_t *next, int64_t by_day)
{
    char key[24], skey[24], by[11];
    snprintf(key, sizeof key, "g%lld", (long long)(*next)++);
    snprintf(skey, sizeof skey, "g%lld", (long long)(*next)++);
    fmt_date(by_day, by);
    json_t *step = json_pack("{s:s,s:s,s:s?,s:s,s:s,s:s}", "key", skey, "who", gb->who, "who_name", gb->who_name,
                             "what", gb->what, "how_often", gb->how_often, "by_when", by);
    return json_pack("{s:s,s:s,s:s,s:s?,s:s,s:s,s:s,s:b,s:[o]}", "key", key, "domain", gb->domain, "client_words",
                     gb->words, "worker_words", gb->worker, "strengths", gb->strengths, "barriers", gb->barriers,
                     "status", "active", "share_with_peer", gb->who_name && strstr(gb->who_name, "Peer") != NULL,
                     "steps", step);
}

/* A version of a plan: the body, who and why, the agreement; the current one's goals and steps too. */
static int cp_version(struct gen *g, int64_t plan, int64_t client, int number, json_t *goals, const char *why,
                      const char *source, int64_t by, const char *at, const char *agree, int current)
{
    json_t *body = json_pack("{s:O}", "goals", goals);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    const char *witness = str_eq(agree, "verbal_witnessed") ? rpick(&g->r2, cp_witnesses) : NULL;
    const char *words = str_eq(agree, "declined") ? "Not the work goal yet. I want to settle in the flat first." : NULL;
    int64_t id = db_insert(g->db, "care_plan_versions",
                           "plan_id, number, body, why, source, made_by, made_at, agreement, agreement_witness,"
                           " agreement_words, agreement_by, agreement_at",
                           "idtttittttIt", plan, number, text, why, source, by, at, agree, witness, words,
                           agree ? by : 0, agree ? at : NULL);
    free(text);
    if (!id)
        return fail(g, "cannot add a care plan version");
    if (!current)
        return 0;
    size_t i, j;
    json_t *x, *s;
    json_array_foreach(goals, i, x)
    {
        if (db_run(g->db,
                   "INSERT INTO care_plan_goals(plan_id, goal_key, client_id, domain, status, share_with_peer,"
                   " client_words) VALUES (?,?,?,?,?,?,?)",
                   "itittdt", plan, json_string_value(json_object_get(x, "key")), client,
                   json_string_value(json_object_get(x, "domain")), json_string_value(json_object_get(x, "status")),
                   json_is_true(json_object_get(x, "share_with_peer")),
                   json_string_value(json_object_get(x, "client_words"))) != DB_OK)
            return fail(g, "cannot add a care plan goal");
        json_array_foreach(json_object_get(x, "steps"), j, s) if (db_run(
            g->db, "INSERT INTO care_plan_steps(plan_id, step_key, goal_key, who, what, by_when) VALUES (?,?,?,?,?,?)",
            "itttt" "t", plan, json_string_value(json_object_get(s, "key")),
            json_string_value(json_object_get(x, "key")), json_string_value(json_object_get(s, "who")),
            json_string_value(json_object_get(s, "what")), json_string_value(json_object_get(s, "by_when"))) != DB_OK)
            return fail(g, "cannot add a care plan step");
    }
    return 0;
}

/* One client's plan: versions versions (the bench's: many), reviews between them. */
static int cp_plan(struct gen *g, const struct breadth *c, int k, int versions)
{
    struct rng *r = &g->r2;
    int64_t next = 1, start = c->start > g->today - 400 ? c->start : g->today - 400 + (int64_t)rbelow(r, 100);
    int n = 2 + (int)rbelow(r, 3);
    json_t *goals = json_array();
    unsigned first = rbelow(r, (unsigned)ARRAY_LEN(cp_bank));
    for (int i = 0; i < n; i++)
        json_array_append_new(goals, cp_goal(&cp_bank[(first + (unsigned)i * 5) % ARRAY_LEN(cp_bank)], &next,
                                             start + 60 + 30 * i));
    /* the last version's day; the review date: most within months, some overdue (the rule's tasks) */
    int64_t span = g->today - start, due = g->today + 20 + (int64_t)rbelow(r, 160);
    /* overdue (the review rule's tasks at the first sweep) for synthetic case managers' clients only:
     * the named accounts' work lists stay as the tests and journeys know them */
    int named_cm = c->cm == g->cm[0] || c->cm == g->cm[1] || c->cm == g->cm[2] || c->cm == g->cm[3];
    if (k % 7 == 3 && !named_cm)
        due = g->today - 1 - (int64_t)rbelow(r, 20);
    char at[24], due_s[11], created[24];
    fmt_date(due, due_s);
    stamp(g, start, created);
    int64_t plan = db_insert(g->db, "care_plans",
                             "client_id, episode_id, org_id, review_due, next_key, created_by, created_at, updated_at,"
                             " version",
                             "iiitiittd", c->id, c->ep, c->east ? g->eastgate : g->riverside, due_s, (int64_t)0, c->cm,
                             created, created, versions);
    if (!plan) {
        json_decref(goals);
        return fail(g, "cannot add a care plan");
    }
    int rc = 0;
    for (int v = 1; v <= versions && rc == 0; v++) {
        int64_t day = start + span * (v - 1) / (versions > 1 ? versions : 1);
        stamp(g, day, at);
        const char *why = "first plan, written with the client", *source = NULL;
        char src[32];
        if (v > 1) {
            /* a change: a goal added (the second version), a step's words or a goal's status later */
            json_t *x = json_array_get(goals, (size_t)v % json_array_size(goals));
            if (v == 2 && json_array_size(goals) < 6) {
                json_array_append_new(goals, cp_goal(&cp_bank[(first + 3) % ARRAY_LEN(cp_bank)], &next, day + 45));
                why = "a new goal the client brought";
            } else if (v % 3 == 0) {
                json_t *s = json_array_get(json_object_get(x, "steps"), 0);
                char what[120];
                snprintf(what, sizeof what, "%s (again, week %d)",
                         json_string_value(json_object_get(s, "what")) ? json_string_value(json_object_get(s, "what")) : "",
                         v);
                if (s)
                    json_object_set_new(s, "what", json_string(what));
                why = "the step moved on";
            } else if (v == versions && versions <= 3) {
                json_object_set_new(x, "status", json_string("reached"));
                why = "a goal reached at the review";
            } else {
                static const char *const helps[] = {"My sister's calls.", "Walking in the morning.",
                                                    "Music before bed.", "The Thursday group.", NULL};
                json_object_set_new(x, "strengths", json_string(rpick(r, helps)));
                why = "what helps, said again";
            }
            /* a review before this version, with each goal's progress */
            int64_t rday = day > start + 1 ? day - 1 : day;
            char held[11], next_s[11], rat[24];
            fmt_date(rday, held);
            fmt_date(rday + 182, next_s);
            stamp(g, rday, rat);
            json_t *pr = json_array();
            size_t i;
            json_t *gg;
            json_array_foreach(goals, i, gg) if (i < 4) json_array_append_new(
                pr, json_pack("{s:s,s:i,s:s}", "goal", json_string_value(json_object_get(gg, "key")), "scale",
                              (int)((v * 3 + (int)i) % 11 < 2 ? 2 : (v * 3 + (int)i) % 11), "words",
                              rpick(r, cp_progress_words)));
            char *ptext = json_dumps(pr, JSON_COMPACT);
            json_decref(pr);
            int64_t rid = db_insert(g->db, "care_plan_reviews",
                                    "plan_id, held_on, what_changed, progress, number, next_review, made_by, made_at",
                                    "itttdtit", plan, held, why, ptext, v, next_s, c->cm, rat);
            free(ptext);
            if (!rid) {
                rc = fail(g, "cannot add a care plan review");
                break;
            }
            snprintf(src, sizeof src, "review %lld", (long long)rid);
            source = src;
        }
        /* agreements: most versions signed, some aloud, one in nine declined, the latest at times not yet */
        const char *agree = k % 9 == 4 && v == versions ? "declined"
                            : v == versions && k % 4 == 1 ? NULL
                            : (k + v) % 3 == 0            ? "verbal_witnessed"
                                                          : "signed";
        rc = cp_version(g, plan, c->id, v, goals, why, source, c->cm, at, agree, v == versions);
    }
    if (rc == 0 &&
        db_run(g->db, "UPDATE care_plans SET next_key=?, updated_at=? WHERE id=?", "iti", next, at, plan) != DB_OK)
        rc = fail(g, "cannot finish a care plan");
    json_decref(goals);
    return rc;
}

static int careplan_data(struct gen *g)
{
    for (int k = 1; k < g->nb; k++) {
        const struct breadth *c = &g->b[k];
        if (!c->open)
            continue;
        int named = k < CM_FIRST;
        if (k == 3) { /* the long-followed client: the bench's plan */
            if (cp_plan(g, c, k, CP_BENCH_VERSIONS) != 0)
                return -1;
        } else if ((named ? k % 2 == 0 : rpct(&g->r2, 10)) && cp_plan(g, c, k, 2 + k % 2) != 0)
            return -1;
    }
    return 0;
}

/* Peer work (issue 11 §4): peer1's accompaniments of the clients assigned to them (to a clinic, a
 * benefits office, a landlord), a group activity with several of them, a recovery conversation, and
 * two supervision sessions with sup. Fixed text, no draws: the rows made before stay as they were. */
#define ROW_PEER_ACTIVITY                                                                                    \
    "peer_activities", "org_id, staff_id, kind, accompany_to, at, duration_min, place, summary, created_at"
#define ROW_PEER_SUPERVISION                                                                                 \
    "peer_supervisions", "org_id, peer_id, supervisor_id, held_on, topics, went_well, to_develop, next_on,"  \
                         " recorded_by, created_at"
static int link_client(struct gen *g, int64_t activity, int64_t client)
{
    return db_run(g->db, "INSERT INTO peer_activity_clients(activity_id, client_id) VALUES (?,?)", "ii", activity,
                  client) == DB_OK;
}
static int demo_peer(struct gen *g)
{
    json_t *mine = db_rows(g->db,
                           "SELECT DISTINCT e.client_id AS id FROM team_members t JOIN episodes e ON e.id=t.episode_id"
                           " WHERE t.staff_id=? AND t.to_date IS NULL AND e.status<>'discharged' ORDER BY e.client_id"
                           " LIMIT 6",
                           "i", g->peer1);
    static const struct {
        const char *to, *place, *summary;
        int days, minutes;
    } acc[] = {
        {"clinic", "Riverside mental-health clinic", "Went with them to the psychiatrist; waited together and "
                                                     "talked about what to ask. They asked about the side effects themselves.", 3, 120},
        {"benefits_office", "Riverside-gu community service centre", "Accompanied them to apply for the "
                                                                     "livelihood benefit; the form is in, the answer comes within a month.", 9, 90},
        {"landlord", "The landlord's office, Hangang-ro", "Went together to talk about the repairs and the rent "
                                                          "arrears; agreed a plan of small monthly payments.", 16, 60},
        {"other", "The district library", "Went with them to get a library card, a step towards the reading group "
                                          "they want to join.", 24, 45},
    };
    size_t n = json_array_size(mine);
    char at[21];
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        int64_t client = json_integer_value(json_object_get(json_array_get(mine, i), "id"));
        size_t k = i % ARRAY_LEN(acc);
        fmt_time(g->today - acc[k].days, 10 * 3600, at);
        int64_t id = db_insert(g->db, ROW_PEER_ACTIVITY, "iitttittt", g->riverside, g->peer1, "accompaniment",
                               acc[k].to, at, (int64_t)acc[k].minutes, acc[k].place, acc[k].summary, at);
        if (!id || !link_client(g, id, client))
            rc = fail(g, "cannot add a peer activity");
    }
    if (rc == 0 && n >= 2) { /* one group activity, several clients */
        fmt_time(g->today - 6, 14 * 3600, at);
        int64_t id = db_insert(g->db, ROW_PEER_ACTIVITY, "iitttittt", g->riverside, g->peer1, "group", NULL, at,
                               (int64_t)120, "Community garden, Riverside park",
                               "Planting with the gardening group; everyone took seedlings home. Two want to come "
                               "every week.", at);
        for (size_t i = 0; i < n && i < 4 && id; i++)
            if (!link_client(g, id,
                           json_integer_value(json_object_get(json_array_get(mine, i), "id"))))
                id = 0;
        if (!id)
            rc = fail(g, "cannot add a group activity");
    }
    if (rc == 0 && n >= 1) { /* a recovery conversation */
        fmt_time(g->today - 1, 11 * 3600, at);
        int64_t id = db_insert(g->db, ROW_PEER_ACTIVITY, "iitttittt", g->riverside, g->peer1,
                               "recovery_conversation", NULL, at, (int64_t)50, "A cafe near the centre",
                               "Talked about what helped me when the voices were loud; they named two things to "
                               "try this week.", at);
        if (!id || !link_client(g, id,
                              json_integer_value(json_object_get(json_array_get(mine, 0), "id"))))
            rc = fail(g, "cannot add a recovery conversation");
    }
    json_decref(mine);
    char held[11], next[11], made[21];
    fmt_date(g->today - 28, held);
    fmt_date(g->today - 14, next);
    fmt_time(g->today - 28, 16 * 3600, made);
    if (rc == 0 && !db_insert(g->db, ROW_PEER_SUPERVISION, "iiitttttit", g->riverside, g->peer1, g->sup, held,
                              "Boundaries when a client calls in the evening",
                              "The accompaniment to the clinic: they spoke for themselves",
                              "Saying no kindly, and handing over to the on-call worker", next, g->sup, made))
        rc = fail(g, "cannot add a supervision session");
    fmt_date(g->today - 14, held);
    fmt_date(g->today + 14, next);
    fmt_time(g->today - 14, 16 * 3600, made);
    if (rc == 0 && !db_insert(g->db, ROW_PEER_SUPERVISION, "iiitttttit", g->riverside, g->peer1, g->sup, held,
                              "Sharing one's own story: when it helps, when it is too much",
                              "The gardening group", "Writing shorter notes after visits", next, g->peer1, made))
        rc = fail(g, "cannot add a supervision session");
    return rc;
}

/* ---- caseloads (issue 11 §5): FTEs and the workers' monthly check-ins ---- */

/* One check-in of staff in the month `back` months before this one (answers a function of who and
 * when, so that the data are the same on every run). */
static int demo_checkin(struct gen *g, int64_t staff, int64_t org, int back, int k)
{
    int y, m, d;
    civil_from_days(g->today, &y, &m, &d);
    m -= back;
    while (m < 1) {
        m += 12;
        y--;
    }
    char period[16], at[21];
    snprintf(period, sizeof period, "%04d-%02d", y, m);
    fmt_time(back ? days_from_civil(y, m, 20) : g->today, back ? 36000 : g->now_sec / 2, at);
    static const char *const help[] = {"Fewer clients on intake at once", "Time for supervision every fortnight",
                                       NULL, "A second worker for the home visits at night", NULL,
                                       "Less paperwork after each crisis", NULL};
    const char *h = help[(k + back) % 7];
    return db_run(g->db,
                  "INSERT INTO checkins(staff_id, org_id, period, manageable, supported, would_help, answered_at)"
                  " VALUES (?,?,?,?,?,?,?)",
                  "iitiitt", staff, org, period, 1 + (k * 3 + back) % 5, 2 + (k + back * 2) % 4, h, at) == DB_OK
               ? 0
               : fail(g, "cannot add a check-in");
}

/* The first two synthetic case managers at Riverside work three tenths of full time with a
 * full-time caseload: over capacity on the team page. Riverside's workers answer the check-in, six or more a month, so its
 * aggregates show; at Eastgate only two do, too few to show. */
static int demo_caseloads(struct gen *g)
{
    if (db_run(g->db, "UPDATE staff SET fte_tenths=3 WHERE id IN (?,?)", "ii", g->syn_r[0],
               g->n_r > 1 ? g->syn_r[1] : g->syn_r[0]) != DB_OK ||
        db_run(g->db, "UPDATE staff SET fte_tenths=8 WHERE id IN (?,?)", "ii", g->nurse1, g->peer1) != DB_OK)
        return fail(g, "cannot set an FTE");
    for (int back = 0; back < 3; back++) {
        int k = 0;
        int64_t who[] = {g->psy1, g->nurse1, g->peer1, back ? g->cm[0] : 0, back ? g->sup : 0};
        for (size_t i = 0; i < ARRAY_LEN(who); i++)
            if (who[i] && demo_checkin(g, who[i], g->riverside, back, k++) != 0)
                return -1;
        for (int i = 0; i < g->n_r && i < 4 - back; i++)
            if (demo_checkin(g, g->syn_r[i], g->riverside, back, k++) != 0)
                return -1;
        if (demo_checkin(g, g->cm[3], g->eastgate, back, k++) != 0 ||
            (back < 2 && demo_checkin(g, g->syn_e[0], g->eastgate, back, k++) != 0))
            return -1;
    }
    return 0;
}

/* ---- housing (issue 13 §1-§3): Harbour's stock, a waiting list of hundreds, tenancies with events ---- */

static const char *const hs_types[] = {"supportive", "supportive", "supportive", "group_home", "training_home",
                                       "public_rental", "private_supported", NULL};
static const char *const hs_props[] = {"Harbour House", "Willow Court", "Quay Street Homes", "Lantern Row", NULL};
static const char *const hs_sits[] = {"homeless", "hospital", "at_risk", "unstable", "unstable", "housed", NULL};
static const char *const hs_events[] = {"visit", "repair", "complaint", "visit", "hospital_stay", "crisis", NULL};
static const char *const hs_event_notes[] = {"Home visit: the flat is kept well; talked about the week ahead.",
                                             "The boiler was repaired.",
                                             "A neighbour complained about music late at night.",
                                             "Visit with the support worker; shopping list made together.",
                                             "Two weeks in the ward; the flat was kept for the return.",
                                             "A night of crisis at home; the on-call team visited.",
                                             NULL};

static unsigned hs_count(const char *const *a)
{
    unsigned n = 0;
    while (a[n])
        n++;
    return n;
}

/* Harbour's units (four properties, 48 units: 5 vacant for a while, 3 being prepared, 2 offline, the
 * rest occupied by tenancies with events, one of them in rent arrears with its task for the case
 * manager), and a waiting list: applications from the case managers of every open episode beyond
 * cm1..cm3's first clients (those stay free for the journeys), up to 600. Its own generator, so that
 * nothing made before it changes. */
static int demo_housing(struct gen *g)
{
    struct rng r;
    rng_seed(&r, 1313);
    int64_t org = g->harbour, by = g->housing1;
    char d[11], ts[21];
    int64_t units[48];
    int nunits = 0;
    for (int p = 0; hs_props[p]; p++)
        for (int k = 0; k < 12; k++) {
            const char *type = p == 0 ? "supportive" : hs_types[rbelow(&r, hs_count(hs_types))];
            const char *district = p == 3 ? "Eastgate-gu" : p == 2 ? "Northside-gu" : "Riverside-gu";
            int n = p * 12 + k;
            const char *state = n % 12 == 3 ? "vacant" : n % 16 == 5 ? "preparing" : n == 22 || n == 41 ? "offline" : "occupied";
            if (n == 3) /* Harbour House, Flat 4: being prepared, for the journey to make vacant */
                state = "preparing";
            if (n == 0)
                state = "vacant";
            int64_t since = g->today - (str_eq(state, "vacant") ? 3 + (int64_t)rbelow(&r, 60) : 10 + (int64_t)rbelow(&r, 400));
            fmt_date(since, d);
            char label[32], addr[120];
            snprintf(label, sizeof label, p == 1 ? "Room %d" : "Flat %d", k + 1);
            snprintf(addr, sizeof addr, "%d %s, %s", 10 + p * 7, hs_props[p], district);
            int64_t id = db_insert_id(g->db,
                                      "INSERT INTO housing_units(org_id, property, address, label, type, bedrooms,"
                                      " accessible, district, rent, eligible, state, state_since, offline_reason,"
                                      " created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                                      " RETURNING id",
                                      "ittttiitittttitt", org, hs_props[p], addr, label, type,
                                      (int64_t)(p == 1 ? 0 : 1 + (k % 3 == 2)), (int64_t)(k % 4 == 0), district,
                                      (int64_t)(250000 + 10000 * (int64_t)rbelow(&r, 20)),
                                      "Adults with a case manager who keeps visiting.", state, d,
                                      str_eq(state, "offline") ? "Water damage: the floor is being replaced." : NULL,
                                      by, g->now, g->now);
            if (!id)
                return fail(g, "cannot add a housing unit");
            units[nunits++] = id;
        }
    /* the waiting list */
    json_t *eps = db_rows(g->db,
                          "SELECT e.client_id, e.org_id, e.primary_cm FROM episodes e WHERE e.status<>'discharged' AND"
                          " e.primary_cm IS NOT NULL AND e.client_id>? ORDER BY e.client_id LIMIT 640",
                          "i", (int64_t)CM_FIRST);
    size_t i;
    json_t *e;
    int64_t last = 0;
    int tenant = 0;
    json_array_foreach(eps, i, e)
    {
        int64_t cid = json_integer_value(json_object_get(e, "client_id"));
        int64_t from = json_integer_value(json_object_get(e, "org_id"));
        int64_t cm = json_integer_value(json_object_get(e, "primary_cm"));
        if (cid == last)
            continue;
        last = cid;
        const char *sit = hs_sits[rbelow(&r, hs_count(hs_sits))];
        const char *type = hs_types[rbelow(&r, hs_count(hs_types))];
        int64_t applied = g->today - 5 - (int64_t)rbelow(&r, 700), ready = applied + (int64_t)rbelow(&r, 30);
        char ready_s[11];
        fmt_date(applied, d);
        fmt_date(ready, ready_s);
        stamp(g, applied, ts);
        /* the first tenants come from the list: housed, with a tenancy in an occupied unit */
        int housed = tenant < nunits && rpct(&r, 12);
        int64_t unit = 0;
        if (housed) {
            while (tenant < nunits &&
                   !db_int1(g->db, 0, "SELECT 1 FROM housing_units WHERE id=? AND state='occupied'", "i", units[tenant]))
                tenant++;
            if (tenant >= nunits)
                housed = 0;
            else
                unit = units[tenant++];
        }
        int64_t app = db_insert_id(g->db,
                                   "INSERT INTO housing_applications(client_id, org_id, from_org_id, type, district,"
                                   " accessible, household, situation, ready_since, documents, applied_on,"
                                   " applied_day, status, created_by, created_at, updated_at) VALUES"
                                   " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                                   "iiittiittttititt", cid, org, from, housed ? "supportive" : type,
                                   rpct(&r, 40) ? (rpct(&r, 60) ? "Riverside-gu" : "Eastgate-gu") : NULL,
                                   (int64_t)rpct(&r, 10), (int64_t)(1 + rpct(&r, 15)), sit,
                                   str_eq(sit, "hospital") ? ready_s : NULL, /* ready_day: set below */
                                   "[{\"name\":\"Proof of income\",\"received\":true},{\"name\":\"Doctor's letter\","
                                   "\"received\":false}]",
                                   d, applied, housed ? "housed" : "waiting", cm, ts, ts);
        if (!app)
            return fail(g, "cannot add a housing application");
        if (str_eq(sit, "hospital") &&
            db_run(g->db, "UPDATE housing_applications SET ready_day=? WHERE id=?", "ii", ready, app) != DB_OK)
            return fail(g, "cannot set a discharge day");
        if (i % 97 == 5 &&
            db_run(g->db,
                   "UPDATE housing_applications SET override_points=15, override_reason=?, override_by=?, override_at=?"
                   " WHERE id=?",
                   "titi", "Her landlord sold the house: she must leave by the end of the month.", by, g->now, app) != DB_OK)
            return fail(g, "cannot override an application");
        if (!housed)
            continue;
        int64_t start = applied + 20 + (int64_t)rbelow(&r, 40);
        if (start > g->today - 1)
            start = g->today - 1;
        fmt_date(start, d);
        int64_t offer = db_insert_id(g->db,
                                     "INSERT INTO housing_offers(application_id, unit_id, client_id, org_id, deadline,"
                                     " status, score, made_by, made_at) VALUES (?,?,?,?,?,'moved_in',4000,?,?) RETURNING id",
                                     "iiiitit", app, unit, cid, org, d, by, ts);
        int64_t ten = offer ? db_insert_id(g->db,
                                           "INSERT INTO tenancies(client_id, unit_id, org_id, offer_id, landlord, start_date,"
                                           " start_day, rent, rent_payer, support_level, created_by, created_at,"
                                           " updated_at) SELECT ?, ?, ?, ?, 'Harbour Housing Association', ?, ?, u.rent,"
                                           " ?, ?, ?, ?, ? FROM housing_units u WHERE u.id=? RETURNING id",
                                           "iiiitittitti", cid, unit, org, offer, d, start,
                                           rpct(&r, 60) ? "benefit" : "client", rpct(&r, 50) ? "medium" : "low", by,
                                           g->now, g->now, unit)
                            : 0;
        if (!ten)
            return fail(g, "cannot add a tenancy");
        int nev = 1 + (int)rbelow(&r, 4);
        for (int k = 0; k < nev; k++) {
            unsigned which = rbelow(&r, hs_count(hs_events));
            int64_t day = start + 1 + (int64_t)rbelow(&r, (unsigned)(g->today - start > 1 ? g->today - start : 1));
            if (day > g->today)
                day = g->today;
            fmt_date(day, d);
            stamp(g, day, ts);
            if (db_run(g->db,
                       "INSERT INTO tenancy_events(tenancy_id, kind, happened_on, happened_day, note, made_by, made_at)"
                       " VALUES (?,?,?,?,?,?,?)",
                       "ittitit", ten, hs_events[which], d, day, hs_event_notes[which], str_eq(hs_events[which], "visit") ? cm : by,
                       ts) != DB_OK)
                return fail(g, "cannot add a tenancy event");
        }
        if (tenant == 2) { /* one in arrears, above the rules' threshold: its task for the case manager */
            fmt_date(g->today - 2, d);
            stamp(g, g->today - 2, ts);
            char args[160], title[200];
            snprintf(args, sizeof args, "{\"id\":\"%lld\",\"amount\":\"450000\",\"property\":\"Harbour House\"}",
                     (long long)ten);
            snprintf(title, sizeof title,
                     "Rent arrears of 450000 won in tenancy no. %lld (Harbour House): talk with the client about the rent",
                     (long long)ten);
            int64_t task = db_insert_id(g->db,
                                        "INSERT INTO tasks(client_id, assignee, title, title_key, title_args, due, priority,"
                                        " status, source, created_at) VALUES (?,?,?,'tenancy.arrears',?,?,'normal','open',"
                                        "'rule',?) RETURNING id",
                                        "iitttt", cid, cm, title, args, d, ts);
            if (!task ||
                db_run(g->db,
                       "INSERT INTO tenancy_events(tenancy_id, kind, happened_on, happened_day, amount, note, made_by,"
                       " made_at) VALUES (?,'rent_arrears',?,?,450000,'Two months unpaid since the benefit stopped.',?,?)",
                       "itiit", ten, d, g->today - 2, by, ts) != DB_OK ||
                db_run(g->db, "UPDATE tenancies SET arrears=450000, arrears_task=? WHERE id=?", "ii", task, ten) != DB_OK)
                return fail(g, "cannot record the arrears");
        }
    }
    json_decref(eps);
    return 0;
}

/* ---- care services (issue 13 §4): care workers, plans, a month of visits ---- */

#define ROW_CARE_WORKER "care_workers", "org_id, staff_id, name, created_by, created_at"
#define ROW_CARE_SERVICE                                                                                     \
    "care_services", "client_id, org_id, worker_id, worker_kind, tasks, minutes_per_week, start_date,"       \
                     " review_date, end_criteria, note, end_date, end_criterion, end_note, ended_by, ended_at," \
                     " created_by, created_at, updated_at"
#define ROW_CARE_VISIT                                                                                       \
    "care_visits", "client_id, service_id, worker_id, visit_date, minutes, tasks_done, noticed, concern,"    \
                   " concern_task, made_by, made_at"

/* One visit of a service on a day (made by the worker with an account, else the case manager). */
static int care_visit_row(struct gen *g, int64_t client, int64_t service, int64_t worker, int64_t day, int minutes,
                          const char *tasks, const char *noticed, int64_t task, int64_t by)
{
    char d[11], at[24];
    fmt_date(day, d);
    fmt_time(day, 17 * 3600, at);
    if (day >= g->today)
        snprintf(at, sizeof at, "%.23s", g->now);
    if (!db_insert(g->db, ROW_CARE_VISIT, "iiitittiIit", client, service, worker, d, (int64_t)minutes, tasks, noticed,
                   (int64_t)(task != 0), task, by, at))
        return fail(g, "cannot add a care visit");
    return 0;
}

/* Riverside's care workers: Hana Yoo with an account (care1, a peer supporter's account: she sees her
 * own care work and nothing else of the clients) and Song Mirae of a partner agency, recorded by name;
 * an ended service's worker Bae Jiyoung. Plans for three of cm1's and cm2's clients, a month and a half
 * of visits (from the first of last month to yesterday): one week of last month beyond the plan, one
 * visit with a concern that made cm1 a task (done by cm1 the next day, so that the
 * demo's open tasks stay what they were). One service ended with its criterion. */
static int demo_care_services(struct gen *g)
{
    if (g->nfirst < 7)
        return 0;
    int64_t care1 = demo_staff(g, g->riverside, "care1", "Hana Yoo", "peer_supporter", NULL);
    if (!care1)
        return -1;
    int64_t cm1 = g->cm[0], cm2 = g->cm[1];
    int64_t cw = db_insert(g->db, ROW_CARE_WORKER, "iItit", g->riverside, care1, "Hana Yoo", cm1, g->now);
    int64_t ext = db_insert(g->db, ROW_CARE_WORKER, "iItit", g->riverside, (int64_t)0, "Song Mirae", cm2, g->now);
    int64_t old = db_insert(g->db, ROW_CARE_WORKER, "iItit", g->riverside, (int64_t)0, "Bae Jiyoung", cm1, g->now);
    if (!cw || !ext || !old)
        return fail(g, "cannot add a care worker");
    /* the first of last month */
    int y, m, d;
    civil_from_days(g->today, &y, &m, &d);
    int64_t from = m == 1 ? days_from_civil(y - 1, 12, 1) : days_from_civil(y, m - 1, 1);
    char start[11], review[11], ended[11], ended_at[24];
    fmt_date(from - 45, start);
    fmt_date(g->today + 40, review);
    const struct {
        int64_t client, worker, by;
        const char *kind, *tasks, *criteria, *note;
        int minutes, weekday, per_week; /* weekday: Monday 0; per_week: visits a week */
    } plans[] = {
        {g->first[0], cw, cm1, "care_worker", "[\"cleaning\",\"cooking_together\",\"medication_prompting\"]",
         "[\"goal_reached\",\"client_declines\"]", "Mornings suit her best; cook together, do not cook for her.", 90,
         1, 2},
        {g->first[3], cw, cm1, "care_worker", "[\"shopping_accompaniment\",\"paperwork_help\"]",
         "[\"goal_reached\",\"moved_to_other_service\"]", NULL, 120, 3, 1},
        {g->first[1], ext, cm2, "agency_worker", "[\"laundry\",\"cleaning\"]", "[\"goal_reached\",\"moved_away\"]",
         NULL, 120, 0, 1},
    };
    /* a concern on the first service's visit of a Friday in the last week of last month (made below) */
    int64_t cday = from + 24;
    while ((cday + 3) % 7 != 4) /* a Friday */
        cday--;
    char at[24];
    fmt_time(from - 45, 10 * 3600, at);
    int64_t first_service = 0;
    for (size_t i = 0; i < ARRAY_LEN(plans); i++) {
        int64_t sid = db_insert(g->db, ROW_CARE_SERVICE, "iiittitttttttItitt", plans[i].client, g->riverside,
                                plans[i].worker, plans[i].kind, plans[i].tasks,
                                (int64_t)(plans[i].minutes * plans[i].per_week), start, review, plans[i].criteria,
                                plans[i].note, NULL, NULL, NULL, (int64_t)0, NULL, plans[i].by, at, at);
        if (!sid)
            return fail(g, "cannot add a care service");
        if (!first_service)
            first_service = sid;
        int64_t by = plans[i].worker == cw ? care1 : plans[i].by;
        /* the visits: on the plan's days, from the first of last month to yesterday */
        for (int64_t day = from; day < g->today; day++) {
            int wd = (int)((day + 3) % 7); /* 1970-01-01 was a Thursday */
            int on = wd == plans[i].weekday || (plans[i].per_week == 2 && wd == plans[i].weekday + 3);
            if (!on)
                continue;
            const char *done = i == 0 ? (wd == plans[i].weekday ? "[\"cleaning\",\"medication_prompting\"]"
                                                                 : "[\"cooking_together\",\"medication_prompting\"]")
                                      : plans[i].tasks;
            if (i == 0 && day == cday)
                continue;
            if (care_visit_row(g, plans[i].client, sid, plans[i].worker, day, plans[i].minutes, done, NULL, 0, by) != 0)
                return -1;
            /* the first service's second week of last month: an extra visit, beyond the plan */
            if (i == 0 && day >= from + 7 && day < from + 14 && wd == plans[i].weekday &&
                care_visit_row(g, plans[i].client, sid, plans[i].worker, day + 1, 120,
                               "[\"cleaning\",\"cooking_together\"]",
                               "She asked for help to clear the kitchen before her sister's visit.", 0, by) != 0)
                return -1;
        }
    }
    /* the concern: a task for cm1 (the client's primary case manager), as the rule makes it */
    char cd[11], args[400], title[300];
    fmt_date(cday, cd);
    const char *noticed = "Several days of medication were still in the organiser; she said she had not been sleeping.";
    snprintf(args, sizeof args, "{\"by\":\"Hana Yoo\",\"date\":\"%s\",\"text\":\"%s\",\"id\":%lld}", cd, noticed,
             (long long)first_service);
    json_t *ja = json_loads(args, 0, NULL);
    rule_text_in("en", "care_visit.concern", ja, title, sizeof title);
    json_decref(ja);
    char done_at[24];
    fmt_time(cday, 17 * 3600, at);
    fmt_time(cday + 1, 10 * 3600, done_at);
    int64_t task = db_insert(g->db, ROW_RULE_TASK, "iitttttttItIt", g->first[0], cm1, title, "care_visit.concern", args,
                             cd, "high", "done", "rule", care1, at, cm1, done_at);
    if (!task || care_visit_row(g, g->first[0], first_service, cw, cday, 90,
                                "[\"cooking_together\",\"medication_prompting\"]", noticed, task, care1) != 0)
        return fail(g, "cannot add a care visit's concern");
    /* an ended service: goal reached before last month */
    fmt_date(from - 200, start);
    fmt_date(from - 110, review);
    fmt_time(from - 200, 10 * 3600, at);
    fmt_date(from - 20, ended);
    fmt_time(from - 20, 11 * 3600, ended_at);
    int64_t sid = db_insert(g->db, ROW_CARE_SERVICE, "iiittitttttttItitt", g->first[6], g->riverside, old,
                            "care_worker", "[\"budgeting_help\",\"paperwork_help\"]", (int64_t)120, start, review,
                            "[\"goal_reached\",\"client_declines\"]", NULL, ended, "goal_reached",
                            "He pays his bills on his own now.", cm1, ended_at, cm1, at, ended_at);
    if (!sid)
        return fail(g, "cannot add a care service");
    for (int64_t day = from - 198; day <= from - 20; day += 7)
        if (care_visit_row(g, g->first[6], sid, old, day, 120, "[\"budgeting_help\",\"paperwork_help\"]", NULL, 0, cm1) != 0)
            return -1;
    return 0;
}

/* Success stories (issue 14 §3): three published, one waiting for the supervisor's review, one returned
 * with the reasons; each of a Riverside client whose consent for evaluation is active (the breadth
 * clients with one), written by their primary case manager, reviewed by sup. No random draw. */
static int demo_stories(struct gen *g)
{
    static const struct {
        const char *title, *body, *words, *domains, *programme, *status, *note;
        int months_ago;
    } st[] = {
        {"Beans on Thursdays",
         "For a year I did not leave my room. My worker asked what I used to like, and I said growing things.\n\n"
         "Now I go to the community garden every week. The others know my name and ask after me when I miss a day.",
         "client", "[\"family_community\",\"rehabilitation_employment\"]", "integrated_care", "published", NULL, 3},
        {"A key of my own",
         "After the hospital I had nowhere to go back to. Living in my own flat, I cook, I sleep at night, and I "
         "invite my sister for dinner.",
         "with_worker", "[\"housing\",\"daily_living_care\"]", "integrated_care", "published", NULL, 2},
        {"Calling before it gets bad",
         "We made a plan together of what to do when the voices get loud. Last winter I called the crisis line "
         "early instead of waiting, and I stayed at home.",
         "client", "[\"crisis_response\",\"mental_health_treatment\"]", "integrated_care", "published", NULL, 1},
        {"Back to work, slowly",
         "Two mornings a week at the bakery at first, and now four. The job coach came along the first weeks.",
         "with_worker", "[\"rehabilitation_employment\"]", "integrated_care", "submitted", NULL, 0},
        {"Meeting other people who have been there",
         "At the peer group I met someone who had been in the same ward as me. We now walk together on Sundays.",
         "worker", "[\"peer_support\",\"family_community\"]", "integrated_care", "returned",
         "The ward and the Sunday walks together could identify them: leave out the ward, say \"regularly\".", 0},
    };
    int64_t clients[ARRAY_LEN(st)], cms[ARRAY_LEN(st)], consents[ARRAY_LEN(st)];
    size_t n = 0;
    /* the open Riverside clients with an active consent for evaluation (consent_data's k % 10 == 8) */
    for (int k = 1; k < g->nb && n < ARRAY_LEN(st); k++) {
        const struct breadth *c = &g->b[k];
        if (!c->open || c->east || k % 10 != 8 || k == 2 || k == 12)
            continue;
        int64_t kid = db_int1(g->db, 0,
                              "SELECT id FROM consents WHERE client_id=? AND purpose='evaluation' AND withdrawn_at IS"
                              " NULL AND ends_on IS NULL",
                              "i", c->id);
        if (!kid)
            continue;
        clients[n] = c->id;
        cms[n] = c->cm;
        consents[n] = kid;
        n++;
    }
    for (size_t i = 0; i < ARRAY_LEN(st) && n; i++) {
        size_t j = i % n;
        int64_t written = g->today - 30 * st[i].months_ago - 20, sent = written + 6, done = written + 12;
        if (st[i].months_ago == 0) {
            written = g->today - 9;
            sent = g->today - 3;
            done = g->today - 1;
        }
        char created[21], submitted[21], reviewed[21], month[8];
        fmt_time(written, 10 * 3600, created);
        fmt_time(sent, 14 * 3600, submitted);
        fmt_time(done, 11 * 3600, reviewed);
        snprintf(month, sizeof month, "%.7s", reviewed);
        int published = str_eq(st[i].status, "published"), returned = str_eq(st[i].status, "returned");
        int64_t id = db_insert_id(
            g->db,
            "INSERT INTO stories(client_id, org_id, title, body, words, domains, programme, status, consent_id,"
            " created_by, created_at, updated_at, submitted_by, submitted_at, published_by, published_at,"
            " published_month, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            "iittttttiittitItti", clients[j], g->riverside, st[i].title, st[i].body, st[i].words, st[i].domains,
            st[i].programme, st[i].status, consents[j], cms[j], created, published || returned ? reviewed : submitted,
            cms[j], submitted, published ? g->sup : 0, published ? reviewed : NULL, published ? month : NULL,
            (int64_t)(published || returned ? 3 : 2));
        if (!id)
            return fail(g, "cannot add a story");
        if ((published || returned) &&
            !db_insert_id(g->db,
                          "INSERT INTO story_reviews(story_id, reviewer_id, decision, no_names, no_places, no_dates,"
                          " no_rare_details, note, made_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
                          "iitiiiitt", id, g->sup, published ? "publish" : "return", (int64_t)1, (int64_t)!returned,
                          (int64_t)1, (int64_t)!returned, st[i].note, reviewed))
            return fail(g, "cannot add a story's review");
    }
    return 0;
}

int demo_generate(struct db *db, const struct demo_opts *o, char *err, size_t errlen)
{
    struct demo_opts def = {.clients = 1000, .seed = 1};
    if (!o)
        o = &def;
    int clients = o->clients;
    if (clients < 0 || clients > DEMO_MAX_CLIENTS) {
        snprintf(err, errlen, "demo: the number of clients must be between 0 and %d", DEMO_MAX_CLIENTS);
        return -1;
    }
    if (check_vocab(err, errlen) != 0)
        return -1;
    if (db_int1(db, -1,
                "SELECT (SELECT count(*) FROM (SELECT 1 FROM clients LIMIT 1) AS c)"
                " + (SELECT count(*) FROM (SELECT 1 FROM tasks LIMIT 1) AS t)",
                NULL) != 0) {
        snprintf(err, errlen,
                 "demo: the database already holds clients or tasks (or cannot be read); demo data "
                 "goes only into an empty database");
        return -1;
    }
    struct gen g = {.db = db, .err = err, .errlen = errlen};
    rng_seed(&g.r, o->seed ? o->seed : 1);
    rng_seed(&g.r2, (o->seed ? o->seed : 1) + 7919);
    g.b = xcalloc((size_t)(clients < BREADTH ? clients : BREADTH) + 1, sizeof *g.b);
    char today[16];
    iso_today(today);
    iso_now(g.now);
    g.today = iso_parse(today) / 86400;
    g.now_sec = (int)(iso_parse(g.now) % 86400);
    g.birth0 = days_from_civil(1940, 1, 1);
    g.birth1 = days_from_civil(2006, 12, 31);
    if (!o->pw_hash || strncmp(o->pw_hash, "$argon2id$", 10) != 0) { /* every demo account shares it */
        snprintf(err, errlen, "demo: give the demo password's Argon2id hash");
        return -1;
    }
    snprintf(g.hash, sizeof g.hash, "%s", o->pw_hash);
    int rc = -1, in_tx = 0;
    double last = 0;
    /* A page cache that holds the randomly filled indexes (birth date, team by staff) keeps a
     * million clients from re-reading pages; 100,000 need no more than the default. Restored below. */
    int64_t old_cache = 0;
    if (clients > 100000)
        old_cache = db_cache_size(db, -(clients / 4 < 262144 ? clients / 4 : 262144)); /* KiB */
    if (db_begin(db) != DB_OK) {
        fail(&g, "cannot begin a transaction");
        goto out;
    }
    in_tx = 1;
    if (make_orgs_and_staff(&g, clients) != 0)
        goto out;
    int intakes = clients >= 50 ? DEMO_INTAKES : 0;
    for (int k = 0; k < clients; k++) {
        if (k > 0 && k % BATCH == 0) {
            in_tx = 0;
            if (db_commit(db) != DB_OK) {
                fail(&g, "cannot commit");
                goto out;
            }
            if (db_begin(db) != DB_OK) {
                fail(&g, "cannot begin a transaction");
                goto out;
            }
            in_tx = 1;
        }
        if (add_client(&g, k) != 0)
            goto out;
        if (o->progress)
            progress(k + 1, clients, &last, 0);
    }
    if (named_tasks(&g) != 0 || risk_data(&g) != 0 || breadth_data(&g) != 0 || eligibility_data(&g) != 0 ||
        demo_services(&g) != 0 || consent_data(&g) != 0 || (intakes && demo_intakes(&g) != 0) ||
        demo_referrals(&g) != 0 || careplan_data(&g) != 0 || demo_conferences(&g) != 0 || demo_peer(&g) != 0)
        goto out;
    if (demo_linkages(&g) != 0) /* issue 11 §2: after the care-plan demo's plans, which it links when there */
        goto out;
    if (demo_caseloads(&g) != 0)
        goto out;
    if (demo_housing(&g) != 0) /* issue 13 §1-§3 */
        goto out;
    if (demo_care_services(&g) != 0) /* issue 13 §4, last: its care worker's account draws from g.r */
        goto out;
    if (demo_stories(&g) != 0) /* issue 14 §3: no random draw */
        goto out;
    in_tx = 0;
    if (db_commit(db) != DB_OK) {
        fail(&g, "cannot commit");
        goto out;
    }
    rc = 0;
out:
    if (in_tx)
        db_rollback(db);
    if (o->progress) {
        progress(clients, clients, &last, 1);
        fputc('\n', stderr);
    }
    if (old_cache)
        db_cache_size(db, old_cache);
    free(g.syn_r);
    free(g.syn_e);
    free(g.b);
    return rc;
}

int demo_has_clients(struct db *db)
{
    return db_int1(db, 0, "SELECT count(*) FROM (SELECT 1 FROM clients LIMIT 1) AS c", "") > 0;
}
