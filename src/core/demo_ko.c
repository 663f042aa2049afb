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
    {"Riverside City Integrated Care Task Force", "한빛시 통합돌봄 추진단"},
};
/* The fixed accounts keep their usernames and get the Korean form of their names. */
static const char *const staff[][2] = {
    {"admin", "박유나"}, {"sup", "조선희"},   {"cm1", "김민지"},    {"cm2", "이대니"},   {"cm3", "최지원"},
    {"cm4", "권미라"},   {"psy1", "장현우"},  {"nurse1", "서은경"}, {"peer1", "정태민"}, {"desk1", "한소연"},
    {"housing1", "오은혜"}, {"analyst1", "임준호"}, {"taskforce1", "배서진"}, {"cm5", "윤하나"},
    {"care1", "유하나"},
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

/* The prose the demo writes (contact notes, tasks, safety plans, crisis and hospital records, flags,
 * services, referrals, intake, care plans in the client's own words, linkages, conferences, peer
 * activities and check-ins) and its Korean, written here: the same situations as a Korean worker
 * would record them. Names and places follow the Korean demo's (김민지, 강변구, 성누가병원). */
static const char *const prose[][2] = {
    {"Reviewed the week together; sleep has improved and the client is keeping a routine.",
     "한 주를 함께 돌아봤습니다. 잠이 나아졌고 이용자는 생활 리듬을 지키고 있습니다."},
    {"Accompanied the client to the outpatient appointment; medication unchanged.",
     "이용자와 외래 진료에 동행했습니다. 약은 그대로입니다."},
    {"Phone check-in. The client reports feeling settled and has no concerns today.",
     "전화로 안부를 확인했습니다. 이용자는 마음이 안정되어 있고 오늘은 걱정되는 일이 없다고 합니다."},
    {"Discussed goals in the care plan; the client wants to focus on finding part-time work.",
     "돌봄계획의 목표를 이야기했습니다. 이용자는 시간제 일자리 찾기에 집중하고 싶어 합니다."},
    {"Home visit: flat tidy, fridge stocked. Talked about managing bills.",
     "가정방문: 집은 정돈되어 있고 냉장고도 채워져 있습니다. 공과금 관리에 대해 이야기했습니다."},
    {"Helped complete the application for basic livelihood benefits.",
     "기초생활보장 급여 신청서 작성을 도왔습니다."},
    {"Client attended the peer support group and spoke briefly about recovery.",
     "이용자가 동료지원 모임에 참석해 회복에 대해 짧게 이야기했습니다."},
    {"Talked through early warning signs and updated who to call in a crisis.",
     "초기 경고 신호를 함께 짚어 보고 위기 때 연락할 사람을 새로 정리했습니다."},
    {"Met with the client's mother to explain the support available to families.",
     "이용자의 어머니를 만나 가족이 받을 수 있는 지원을 안내했습니다."},
    {"Visited the day programme with the client; they would like to try it for a month.",
     "이용자와 주간재활 프로그램을 둘러봤습니다. 한 달 동안 다녀 보고 싶어 합니다."},
    {"Follow-up after a missed appointment; rescheduled for next week at the client's request.",
     "약속에 오지 않아 연락했습니다. 이용자가 원해서 다음 주로 다시 잡았습니다."},
    {"Arranged a dental appointment and transport for next Tuesday.",
     "다음 주 화요일 치과 예약과 이동 편을 마련했습니다."},
    {"Client raised worries about the rent increase; referred to the housing coordinator.",
     "이용자가 월세 인상을 걱정해 주거지원 담당자에게 연계했습니다."},
    {"Reviewed medication side effects; client will raise weight gain with the psychiatrist.",
     "약 부작용을 함께 살펴봤습니다. 체중 증가는 이용자가 정신건강의학과 전문의에게 직접 말하기로 했습니다."},
    {"Short outreach visit; the client did not want a long conversation today, which was respected.",
     "짧게 찾아갔습니다. 이용자가 오늘은 길게 이야기하고 싶지 않다고 해서 그 뜻을 존중했습니다."},
    {"Case conference: agreed to continue weekly contact and review in three months.",
     "사례회의: 매주 만남을 이어 가고 3개월 뒤에 다시 점검하기로 했습니다."},
    {"Practised using the bus route to the vocational centre together.",
     "직업재활센터까지 가는 버스 노선을 함께 연습했습니다."},
    {"Client reported a difficult week after an argument with a neighbour; made a plan for the weekend.",
     "이웃과 다툰 뒤 힘든 한 주였다고 합니다. 주말을 보낼 계획을 함께 세웠습니다."},
    {"Went shopping together and talked about budgeting for meals.",
     "함께 장을 보며 식비 예산 세우는 법을 이야기했습니다."},
    {"Checked in after the recent hospital discharge; client is back at home and taking medication.",
     "최근 퇴원 뒤 안부를 확인했습니다. 이용자는 집으로 돌아와 약을 잘 먹고 있습니다."},
    {"Helped the client register with a local GP and book a health check.",
     "동네 의원에 등록하고 건강검진을 예약하도록 도왔습니다."},
    {"Client shared a success: completed the first week of a volunteer placement.",
     "이용자가 좋은 소식을 전했습니다. 자원봉사 첫 주를 잘 마쳤습니다."},
    {"Psychotherapy session: worked on coping with intrusive thoughts. Details kept in the therapy record.",
     "심리치료 회기: 침투적 사고에 대처하는 방법을 다뤘습니다. 자세한 내용은 치료 기록에 있습니다."},
    {"Discussed alcohol use over the past month; the client set their own goal to cut down.",
     "지난 한 달의 음주에 대해 이야기했습니다. 이용자가 스스로 줄이겠다는 목표를 세웠습니다."},
    {"Client disclosed past trauma; agreed to move at their pace and revisit next session.",
     "이용자가 과거의 외상 경험을 이야기했습니다. 이용자의 속도에 맞추고 다음 회기에 다시 다루기로 했습니다."},
    {"Substance use review: no use reported since the last visit; discussed triggers.",
     "물질 사용 점검: 지난 방문 뒤로 사용하지 않았다고 합니다. 계기가 되는 상황을 이야기했습니다."},
    {"Goals achieved",
     "목표 달성"},
    {"Moved out of the area",
     "다른 지역으로 이사"},
    {"Transferred to another service",
     "다른 기관으로 이관"},
    {"Client declined further service",
     "이용자가 서비스를 더 원하지 않음"},
    {"Admitted to long-term care",
     "장기요양시설 입소"},
    {"Care plan review due",
     "돌봄계획 점검 기한"},
    {"Follow-up call after hospital discharge",
     "퇴원 뒤 안부 전화"},
    {"Return housing application forms",
     "주거 신청서 제출"},
    {"Home visit: check medication supply",
     "가정방문: 남은 약 확인"},
    {"Prepare for case conference",
     "사례회의 준비"},
    {"Accompany to benefits office appointment",
     "복지 급여 상담 동행"},
    {"Chase referral feedback from Eastgate",
     "동문구보건소에 의뢰 회신 요청"},
    {"Renew consent for information sharing",
     "정보 제공 동의 갱신"},
    {"Outcome assessment due",
     "성과 평가 기한"},
    {"Book annual physical health check",
     "연간 신체 건강검진 예약"},
    {"Depot injection due",
     "장기지속형 주사 일정"},
    {"Physical health check: blood tests",
     "신체 건강검진: 혈액검사"},
    {"Medication review",
     "약물 점검"},
    {"Walk to the community centre together",
     "복지관까지 함께 걷기"},
    {"Inspect vacant unit 3B before the next placement",
     "다음 입주 전에 빈집 3B호 점검"},
    {"Prepare the monthly caseload review",
     "월간 담당 사례량 검토 준비"},
    {"Riverside Mental Health Welfare Centre",
     "한빛시 강변구정신건강복지센터"},
    {"Eastgate Public Health Centre",
     "한빛시 동문구보건소"},
    {"Northside Administrative Welfare Centre",
     "한빛시 북촌동 행정복지센터"},
    {"Harbour Housing Association",
     "한빛주거복지센터"},
    {"St Luke's Hospital",
     "성누가병원"},
    {"Riverside Community Centre",
     "강변종합사회복지관"},
    {"No fixed address; post held at Harbour Housing Association",
     "일정한 주거 없음; 우편물은 한빛주거복지센터에서 받음"},
    {"Yuna Park",
     "박유나"},
    {"Sunhee Cho",
     "조선희"},
    {"Minji Kim",
     "김민지"},
    {"Daniel Lee",
     "이대니"},
    {"Jiwon Choi",
     "최지원"},
    {"Mira Kwon",
     "권미라"},
    {"Hyunwoo Jang",
     "장현우"},
    {"Eunkyung Seo",
     "서은경"},
    {"Tom Walker",
     "정태민"},
    {"Soyeon Han",
     "한소연"},
    {"Grace Okafor",
     "오은혜"},
    {"Junho Lim",
     "임준호"},
    {"Hana Yoon",
     "윤하나"},
    {"Sister",
     "언니"},
    {"Friend",
     "친구"},
    {"Cousin Jae",
     "사촌 재현"},
    {"Not sleeping for two nights or more",
     "이틀 밤 넘게 잠을 못 잘 때"},
    {"Staying in my room, not answering the phone",
     "방에만 있고 전화를 받지 않을 때"},
    {"Thinking everyone would be better off without me",
     "내가 없으면 모두가 나을 거라는 생각이 들 때"},
    {"Walk along the river for half an hour",
     "강변을 30분 걷기"},
    {"Listen to my playlist",
     "좋아하는 노래 목록 듣기"},
    {"A warm shower, then tea",
     "따뜻한 물로 샤워하고 차 한 잔"},
    {"Sit in the community centre cafe",
     "복지관 카페에 앉아 있기"},
    {"Talk football with my cousin",
     "사촌과 축구 이야기하기"},
    {"My sister, who knows this plan",
     "이 계획을 알고 있는 언니"},
    {"My case manager (office hours)",
     "내 사례관리자(근무 시간)"},
    {"Riverside on-call worker (24 hours)",
     "강변구센터 당직 직원(24시간)"},
    {"Mental health crisis line (24 hours)",
     "정신건강위기상담전화(24시간)"},
    {"Emergency department",
     "응급실"},
    {"My niece, and seeing her grow up",
     "조카, 그리고 조카가 크는 모습을 보는 것"},
    {"My sister keeps my medication and gives me one week at a time",
     "언니가 내 약을 보관하고 한 주 치씩 줍니다"},
    {"Not sleeping, pacing at night",
     "잠을 못 자고 밤에 서성일 때"},
    {"Hearing the voices more, stopping medication",
     "목소리가 더 자주 들리고 약을 끊을 때"},
    {"Drinking alone, not going out",
     "혼자 술을 마시고 밖에 나가지 않을 때"},
    {"A walk to the park and back",
     "공원까지 걸어갔다 오기"},
    {"Music, then a shower",
     "음악을 듣고 샤워하기"},
    {"Breathing exercise",
     "호흡 연습"},
    {"Drawing at the kitchen table",
     "식탁에서 그림 그리기"},
    {"The community centre drop-in",
     "복지관 자유 이용 공간"},
    {"A friend from the peer group",
     "동료지원 모임에서 만난 친구"},
    {"My cat, and my garden",
     "우리 고양이, 그리고 내 텃밭"},
    {"Sister called the on-call phone. Home visit with the nurse; talked through the safety plan; the client agreed to a voluntary admission.",
     "언니가 당직 전화로 연락했습니다. 간호사와 가정방문해 안전계획을 함께 짚었고, 이용자가 자의입원에 동의했습니다."},
    {"Medication handed to the sister for safe keeping.",
     "약은 안전하게 보관하도록 언니에게 맡겼습니다."},
    {"Suicidal ideation after a crisis at home.",
     "집에서 위기를 겪은 뒤 자살 생각이 있었음."},
    {"Sleeping poorly and missed two appointments; the family see the signs that came before the last relapse.",
     "잠을 잘 못 자고 약속을 두 번 놓쳤습니다. 가족은 지난 재발 전에 보였던 신호가 보인다고 합니다."},
    {"Talked it through on the phone, then a visit; went through what helps and who to call.",
     "전화로 이야기를 나눈 뒤 찾아갔습니다. 도움이 되는 것과 연락할 사람을 함께 정리했습니다."},
    {"Relapse: not sleeping, the voices back; agreed with the family.",
     "재발: 잠을 못 자고 목소리가 다시 들림. 가족과 합의함."},
    {"Missed the last two appointments and the depot injection.",
     "최근 두 번의 약속과 장기지속형 주사를 놓쳤습니다."},
    {"Neighbours report the flat is not kept; fridge empty on the last visit.",
     "이웃들이 집이 관리되지 않는다고 알려 왔습니다. 지난 방문 때 냉장고가 비어 있었습니다."},
    {"Rent arrears for three months; the landlord has written.",
     "월세가 석 달 밀렸고 집주인이 서면으로 연락해 왔습니다."},
    {"Sleeping poorly; the family see the signs that came before the last relapse.",
     "잠을 잘 못 잡니다. 가족은 지난 재발 전에 보였던 신호가 보인다고 합니다."},
    {"Sora Kim (sister), at the home visit",
     "김소라(언니), 가정방문 때"},
    {"Jiho Park (guardian)",
     "박지호(후견인)"},
    {"The client asked to stop sharing with the other centre.",
     "이용자가 다른 센터와 정보 공유를 멈춰 달라고 했습니다."},
    {"We will call the client this week.",
     "이번 주에 이용자에게 전화하겠습니다."},
    {"Is the client taking medication now?",
     "이용자가 지금 약을 먹고 있나요?"},
    {"Yes: clozapine, reviewed last month.",
     "네. 클로자핀을 먹고 있고 지난달에 점검했습니다."},
    {"First home visit done.",
     "첫 가정방문을 마쳤습니다."},
    {"Four calls and two visits, no answer.",
     "전화 네 번, 방문 두 번에도 연락이 닿지 않았습니다."},
    {"Check-up done; dental treatment booked for next month.",
     "검진을 마쳤고 다음 달 치과 치료를 예약했습니다."},
    {"The clinic's list is full for two months; try the district hospital.",
     "진료소 예약이 두 달 동안 꽉 찼습니다. 구 병원을 알아보세요."},
    {"Who will visit the client weekly after the move?",
     "이사한 뒤에는 누가 매주 이용자를 찾아가나요?"},
    {"The client found a flat with family.",
     "이용자가 가족과 함께 살 집을 구했습니다."},
    {"Two admissions this year; lives alone and stopped attending the clinic.",
     "올해 두 번 입원했습니다. 혼자 살고 진료에 더 이상 가지 않습니다."},
    {"Moved to Riverside-gu; needs a case manager there.",
     "강변구로 이사했습니다. 그곳의 사례관리자가 필요합니다."},
    {"Take over case management",
     "사례관리 인수"},
    {"Isolated since discharge; asks to meet others in recovery.",
     "퇴원 뒤로 고립되어 있습니다. 회복 중인 다른 사람들을 만나고 싶어 합니다."},
    {"A place in a peer support group",
     "동료지원 모임 참여"},
    {"Frequent crises and missed appointments.",
     "위기가 잦고 약속을 자주 놓칩니다."},
    {"ACT team follow-up",
     "ACT팀 사후 관리"},
    {"Needs a case manager near home.",
     "집 가까운 곳의 사례관리자가 필요합니다."},
    {"Case management",
     "사례관리"},
    {"No health check for three years; dental pain.",
     "3년 동안 건강검진을 받지 않았고 치통이 있습니다."},
    {"A health check and dental care",
     "건강검진과 치과 진료"},
    {"A second opinion on the diagnosis.",
     "진단에 대해 다른 전문가의 의견이 필요합니다."},
    {"Screening and assessment",
     "선별과 평가"},
    {"Leaving hospital next month with nowhere to live.",
     "다음 달 퇴원하는데 살 곳이 없습니다."},
    {"A supported housing unit",
     "지원주택 한 곳"},
    {"Rent arrears piling up.",
     "밀린 월세가 쌓이고 있습니다."},
    {"Help to keep the tenancy",
     "임대 유지 지원"},
    {"Drinking heavily since losing work; agrees to counselling.",
     "일을 잃은 뒤 술을 많이 마십니다. 상담에 동의했습니다."},
    {"Counselling, this week",
     "이번 주 상담"},
    {"Integrated case management",
     "통합사례관리"},
    {"Assertive community treatment (ACT) team",
     "적극적 지역사회치료(ACT)팀"},
    {"24-hour crisis response",
     "24시간 위기대응"},
    {"Peer support groups",
     "동료지원 모임"},
    {"Family education programme",
     "가족교육 프로그램"},
    {"Intake and assessment",
     "초기 접수와 평가"},
    {"Mental-health screening clinic",
     "정신건강 선별검사 진료"},
    {"Health and dental check-ups",
     "건강검진과 치과검진"},
    {"Alcohol and drug counselling",
     "알코올·약물 상담"},
    {"Care desk: welfare intake",
     "돌봄창구: 복지 초기 상담"},
    {"Basic livelihood and emergency aid",
     "기초생활보장과 긴급지원"},
    {"Home help and meal delivery",
     "가사지원과 식사 배달"},
    {"Supported housing units",
     "지원주택"},
    {"Tenancy sustainment",
     "임대 유지 지원"},
    {"Advocacy at tenancy hearings",
     "임대 분쟁 심리 옹호 지원"},
    {"Inpatient psychiatric ward",
     "정신건강의학과 입원 병동"},
    {"Vocational rehabilitation day programme",
     "직업재활 주간 프로그램"},
    {"Adults with a serious mental illness living in Riverside-gu or Eastgate-gu.",
     "강변구나 동문구에 사는 중증 정신질환이 있는 성인."},
    {"Send a referral to the intake team with the person's agreement; we answer within 3 working days.",
     "당사자의 동의를 받아 초기상담팀으로 의뢰를 보내 주세요. 3일(근무일) 안에 답합니다."},
    {"Intake team 02-310-4000",
     "초기상담팀 02-310-4000"},
    {"Adults with frequent crises or long hospital stays who do not engage with office-based care.",
     "위기가 잦거나 입원이 길고, 기관 방문 중심의 서비스에 닿기 어려운 성인."},
    {"Referral by a case manager or a hospital social worker; the team lead decides within a week.",
     "사례관리자나 병원 사회복지사가 의뢰하면 팀장이 일주일 안에 결정합니다."},
    {"ACT team lead 02-310-4010",
     "ACT 팀장 02-310-4010"},
    {"Anyone in the district in a mental-health crisis, registered or not.",
     "등록 여부와 관계없이 지역에서 정신건강 위기를 겪는 누구나."},
    {"Call the crisis line at any hour; a worker calls back within 30 minutes.",
     "언제든 위기상담전화로 연락하세요. 30분 안에 직원이 다시 전화합니다."},
    {"Crisis line 1577-0199",
     "위기상담전화 1577-0199"},
    {"Clients of any centre who want to meet others in recovery.",
     "회복 중인 다른 사람을 만나고 싶은 모든 센터의 이용자."},
    {"Ask the client's case manager to book a first meeting with a peer supporter.",
     "이용자의 사례관리자에게 동료지원가와의 첫 만남을 잡아 달라고 하세요."},
    {"Peer team 02-310-4020",
     "동료지원팀 02-310-4020"},
    {"Families and carers of people with a serious mental illness.",
     "중증 정신질환이 있는 사람의 가족과 돌보는 사람."},
    {"The next course opens in spring; ask to be told when booking starts.",
     "다음 과정은 봄에 열립니다. 신청이 시작되면 알려 달라고 요청하세요."},
    {"Anyone referred by a care desk, a hospital or a neighbour's report.",
     "돌봄창구나 병원이 의뢰했거나 이웃 제보로 알게 된 누구나."},
    {"Send the referral to the intake queue; urgent ones by phone as well.",
     "접수 창구로 의뢰를 보내 주세요. 급한 경우에는 전화도 함께 주세요."},
    {"Residents of Eastgate-gu aged 15 and over.",
     "동문구에 사는 15세 이상 주민."},
    {"Book by phone; walk-ins on Tuesday mornings.",
     "전화로 예약하세요. 화요일 오전에는 예약 없이 방문할 수 있습니다."},
    {"Residents of Eastgate-gu on medical aid, and clients of the district's mental-health centres.",
     "동문구의 의료급여 수급자와 지역 정신건강복지센터 이용자."},
    {"A referral letter from the case manager; the clinic books the visit.",
     "사례관리자의 의뢰서가 있으면 진료소에서 방문 일정을 잡습니다."},
    {"Adults with harmful drinking or drug use, and their families.",
     "해로운 음주나 약물 사용이 있는 성인과 그 가족."},
    {"Referral or self-referral by phone.",
     "전화로 의뢰하거나 본인이 직접 신청."},
    {"Any resident of Northside-gu who needs help, found by the desk, outreach or a neighbour.",
     "창구, 아웃리치, 이웃을 통해 발굴된 도움이 필요한 북촌구 주민 누구나."},
    {"Call or visit the care desk; the officer registers and refers.",
     "돌봄창구에 전화하거나 방문하세요. 담당자가 등록하고 연계합니다."},
    {"Care desk 02-600-1100",
     "돌봄창구 02-600-1100"},
    {"Low-income households of Northside-gu, by the national criteria.",
     "국가 기준에 따른 북촌구의 저소득 가구."},
    {"The care-desk officer files the application with the person.",
     "돌봄창구 담당자가 당사자와 함께 신청서를 냅니다."},
    {"Residents who cannot manage daily living alone for a time.",
     "한동안 혼자서 일상생활을 꾸리기 어려운 주민."},
    {"Referral by a case manager or the care desk.",
     "사례관리자나 돌봄창구의 의뢰."},
    {"Adults leaving hospital or homeless, with a case manager who will keep visiting.",
     "퇴원을 앞두었거나 노숙 중인 성인으로, 꾸준히 찾아갈 사례관리자가 있는 사람."},
    {"The case manager sends a referral; the housing panel meets every second Thursday.",
     "사례관리자가 의뢰를 보냅니다. 주거 심의 위원회는 격주 목요일에 열립니다."},
    {"Tenants at risk of losing their home.",
     "살던 집을 잃을 위험이 있는 세입자."},
    {"Call the housing coordinator.",
     "주거지원 담당자에게 전화하세요."},
    {"Tenants of the association facing eviction.",
     "퇴거 위기에 놓인 센터 입주자."},
    {"Ask the housing coordinator.",
     "주거지원 담당자에게 문의하세요."},
    {"Adults who need hospital care; admission by a psychiatrist.",
     "입원 치료가 필요한 성인. 정신건강의학과 전문의가 입원을 결정합니다."},
    {"Through the emergency department or a psychiatrist's referral.",
     "응급실을 통하거나 정신건강의학과 전문의의 의뢰로."},
    {"Ward office 02-800-5500",
     "병동 사무실 02-800-5500"},
    {"Former patients ready to work towards a job.",
     "일자리를 향해 준비할 수 있는 퇴원한 분."},
    {"Referral by a case manager.",
     "사례관리자의 의뢰."},
    {"The neighbour in flat 302",
     "302호 이웃"},
    {"Has not been seen outside for three weeks; the neighbour hears crying at night and the post piles up.",
     "3주째 밖에서 보이지 않습니다. 밤에 우는 소리가 들리고 우편물이 쌓여 있다고 이웃이 알려 왔습니다."},
    {"His mother",
     "어머니"},
    {"His mother says he has stopped sleeping and talks about voices from the television.",
     "어머니 말로는 잠을 자지 않고 텔레비전에서 목소리가 들린다고 한다고 합니다."},
    {"Came to the desk about rent arrears; said he sees no point in going on.",
     "밀린 월세 때문에 창구에 왔습니다. 더 살아갈 이유를 모르겠다고 말했습니다."},
    {"Asked for emergency aid; says she cannot cope at home since leaving hospital in the spring.",
     "긴급지원을 요청했습니다. 봄에 퇴원한 뒤로 집에서 지내기가 너무 힘들다고 합니다."},
    {"Found living in a shuttered shop on outreach; hospitalised twice last year, no follow-up since.",
     "아웃리치 중에 문 닫은 가게에서 지내는 것을 발견했습니다. 작년에 두 번 입원했고 그 뒤로 연계된 곳이 없습니다."},
    {"A volunteer of the meal service",
     "식사 배달 자원봉사자"},
    {"Seems confused and forgets the meals; the volunteer worries she lives alone.",
     "혼란스러워 보이고 식사를 잊습니다. 자원봉사자는 혼자 사는 것을 걱정합니다."},
    {"She said she is managing with her daughter's help; given the desk's number.",
     "딸의 도움으로 지내고 있다고 했습니다. 창구 전화번호를 알려 드렸습니다."},
    {"Park Jiyoung",
     "박지영"},
    {"lawyer",
     "변호사"},
    {"Legal Aid Corporation",
     "대한법률구조공단"},
    {"Choi Mija",
     "최미자"},
    {"mother of a client",
     "이용자의 어머니"},
    {"Yoon Seojin",
     "윤서진"},
    {"child-protection specialist",
     "아동보호 전문가"},
    {"Riverside Child Protection Agency",
     "한빛시 아동보호전문기관"},
    {"Kang Minho",
     "강민호"},
    {"brother of a client",
     "이용자의 형"},
    {"The landlord has sent an eviction notice: can the client keep the flat?",
     "집주인이 퇴거 통지를 보냈습니다. 이용자가 집을 지킬 수 있을까요?"},
    {"Rent arrears of three months since the benefits stopped. The lawyer thinks the notice can be contested while the benefits are reviewed; Harbour can offer a supported flat if it fails.",
     "급여가 끊긴 뒤 월세가 석 달 밀렸습니다. 변호사는 급여를 다시 심사하는 동안 통지에 이의를 제기할 수 있다고 봅니다. 잘 안 되면 한빛주거복지센터가 지원주택을 내줄 수 있습니다."},
    {"Book an appointment at the benefits office with the client",
     "이용자와 함께 복지 급여 상담을 예약하기"},
    {"Ask Harbour to keep a supported flat in view",
     "한빛주거복지센터에 지원주택 한 곳을 염두에 두어 달라고 요청하기"},
    {"The lawyer writes to the landlord; the client agreed",
     "변호사가 집주인에게 서면을 보냄(이용자 동의)"},
    {"Two missed depot injections: how do we support adherence?",
     "장기지속형 주사를 두 번 놓쳤습니다. 꾸준히 맞도록 어떻게 도울까요?"},
    {"The client finds the clinic hard to reach. The nurse can give the injection at home for three months.",
     "이용자는 진료소까지 가기가 어렵습니다. 석 달 동안은 간호사가 집에서 주사를 놓을 수 있습니다."},
    {"Home visits for the depot injection, fortnightly",
     "2주마다 가정방문해 장기지속형 주사 놓기"},
    {"Review the medication at the next clinic",
     "다음 진료 때 약 점검하기"},
    {"The client's mother asks for more help at home.",
     "이용자의 어머니가 집에서 도움을 더 받고 싶어 합니다."},
    {"The mother describes tiring evenings; the client wants to keep going to the day programme.",
     "어머니는 저녁 시간이 힘들다고 합니다. 이용자는 주간재활 프로그램에 계속 다니고 싶어 합니다."},
    {"Introduce the family support group to the mother",
     "어머니에게 가족 모임 안내하기"},
    {"The client's daughter stays with her at weekends: is a safety plan for the child needed?",
     "주말마다 이용자의 딸이 함께 지냅니다. 아이를 위한 안전계획이 필요할까요?"},
    {"Stopped attending the clinic after the second admission.",
     "두 번째 입원 뒤 진료에 다니지 않습니다."},
    {"The brother can drive the client to the clinic on Tuesdays. A referral to Riverside's case management is considered.",
     "화요일마다 형이 진료소까지 태워 줄 수 있습니다. 강변구정신건강복지센터 사례관리로 의뢰하는 것을 검토합니다."},
    {"Refer to Riverside for integrated case management",
     "강변구정신건강복지센터에 통합사례관리 의뢰하기"},
    {"Moving to Riverside-gu next month.",
     "다음 달 강변구로 이사합니다."},
    {"Hand over to Riverside once the move is done.",
     "이사가 끝나면 강변구정신건강복지센터로 인계합니다."},
    {"Tell Riverside's intake about the move",
     "강변구센터 접수 창구에 이사 소식 알리기"},
    {"Monthly case conference",
     "월례 사례회의"},
    {"Housing, adherence and family support",
     "주거, 치료 유지, 가족 지원"},
    {"Case conference: a parent's care",
     "사례회의: 부모인 이용자의 돌봄"},
    {"A client with a child at weekends",
     "주말에 아이와 지내는 이용자"},
    {"Eastgate team review",
     "동문구보건소 팀 검토"},
    {"A place of my own, with a door that locks.",
     "문을 잠글 수 있는 내 집이 있었으면 해요."},
    {"Visit supported housing with my case manager",
     "사례관리자와 지원주택 보러 가기"},
    {"Supported housing waiting list",
     "지원주택 대기자 명단"},
    {"Housing office",
     "주거지원 사무실"},
    {"Enough money to get to the end of the month.",
     "월말까지 버틸 돈이 있었으면 해요."},
    {"Apply for the basic livelihood allowance",
     "기초생활보장 생계급여 신청하기"},
    {"Community service centre welfare desk",
     "행정복지센터 복지 창구"},
    {"Dong office, desk 3",
     "동 행정복지센터 3번 창구"},
    {"Eat properly every day.",
     "매일 제대로 밥을 먹고 싶어요."},
    {"Try the meal delivery for a month",
     "한 달 동안 식사 배달 받아 보기"},
    {"Neighbourhood meal share",
     "동네 나눔 밥상"},
    {"Mrs Oh, 010-4411-2200",
     "오 여사님, 010-4411-2200"},
    {"Meet people who understand.",
     "나를 이해해 주는 사람들을 만나고 싶어요."},
    {"Go to the Tuesday peer group",
     "화요일 동료지원 모임에 가기"},
    {"Tuesday peer group at the library",
     "도서관 화요일 동료지원 모임"},
    {"Library, 2nd floor",
     "도서관 2층"},
    {"Fix my teeth so I can eat without pain.",
     "아프지 않게 먹을 수 있도록 이를 고치고 싶어요."},
    {"Book a dental check-up",
     "치과 검진 예약하기"},
    {"Sunshine dental clinic",
     "햇살치과의원"},
    {"Work a few mornings a week.",
     "일주일에 며칠 오전에 일하고 싶어요."},
    {"Visit the vocational day programme",
     "직업재활 주간 프로그램 둘러보기"},
    {"Bakery cooperative work trial",
     "빵집 협동조합 일 체험"},
    {"Mr Lim, 010-2020-3030",
     "임 선생님, 010-2020-3030"},
    {"See my sister more often.",
     "언니를 더 자주 보고 싶어요."},
    {"Join the family education evenings",
     "저녁 가족교육에 함께 가기"},
    {"Church family circle",
     "교회 가족 모임"},
    {"Pastor Yoon",
     "윤 목사님"},
    {"Went every week; says it helps to have somewhere to be.",
     "매주 갔습니다. 갈 곳이 있어서 도움이 된다고 합니다."},
    {"Missed the last two times: the bus fare ran out before the end of the month.",
     "최근 두 번은 못 갔습니다. 월말이 되기 전에 버스비가 떨어졌습니다."},
    {"Started, then stopped after a bad week; wants to try again.",
     "시작했다가 힘든 한 주를 보내고 멈췄습니다. 다시 해 보고 싶어 합니다."},
    {"Using it as planned; no change needed.",
     "계획대로 이용하고 있습니다. 바꿀 것은 없습니다."},
    {"Finds the staff kind but the waiting room too crowded.",
     "직원들은 친절하지만 대기실이 너무 붐빈다고 합니다."},
    {"Has made a friend there; goes on her own now.",
     "그곳에서 친구를 사귀었고 이제 혼자서도 갑니다."},
    {"Stopped going: did not like the new worker. We talked about alternatives.",
     "새 담당자가 맞지 않아 그만 다녔습니다. 다른 방법을 함께 이야기했습니다."},
    {"first plan, written with the client",
     "이용자와 함께 쓴 첫 계획"},
    {"The client no longer needs it: the goal was reached.",
     "목표를 이뤄서 이용자에게 더 이상 필요하지 않습니다."},
    {"I want a room of my own with a door that locks.",
     "문을 잠글 수 있는 내 방을 갖고 싶어요."},
    {"Supported tenancy within six months.",
     "6개월 안에 지원주택 입주."},
    {"Kept my last flat for two years.",
     "전에 살던 집에서 2년 동안 잘 지냈어요."},
    {"Debts from the last flat.",
     "전에 살던 집에서 생긴 빚."},
    {"Case manager",
     "사례관리자"},
    {"Ask the housing office about the old debt",
     "예전 빚에 대해 주거지원 사무실에 물어보기"},
    {"Stay in my flat and keep it tidy enough for visitors.",
     "지금 집에서 계속 살고, 손님이 와도 될 만큼 깔끔하게 지내고 싶어요."},
    {"I like cooking for my sister.",
     "언니에게 음식을 해 주는 게 좋아요."},
    {"Rubbish piles up when I feel low.",
     "기분이 가라앉으면 쓰레기가 쌓여요."},
    {"Take the rubbish out on Tuesdays and Fridays",
     "화요일과 금요일에 쓰레기 내놓기"},
    {"twice a week",
     "일주일에 두 번"},
    {"Fewer bad nights, and no more voices telling me off.",
     "힘든 밤이 줄고, 나를 꾸짖는 목소리가 더는 없었으면 해요."},
    {"Review night-time medication with the psychiatrist.",
     "정신건강의학과 전문의와 밤에 먹는 약 점검."},
    {"I take my tablets when someone reminds me.",
     "누가 알려 주면 약을 잘 먹어요."},
    {"Side effects make me stop.",
     "부작용 때문에 약을 끊게 돼요."},
    {"Medication review at the clinic",
     "진료소에서 약 점검 받기"},
    {"Feel less on edge when I go out.",
     "밖에 나갈 때 덜 긴장하고 싶어요."},
    {"Anxiety: graded exposure, GAD-7 monitored.",
     "불안: 단계적 노출, GAD-7로 점검."},
    {"I know the breathing exercise.",
     "호흡 연습하는 법을 알아요."},
    {"Crowded buses.",
     "붐비는 버스."},
    {"Take the bus two stops with my peer supporter",
     "동료지원가와 함께 버스 두 정거장 타 보기"},
    {"Know who to call at night when it gets bad.",
     "밤에 힘들어지면 누구에게 전화할지 알고 싶어요."},
    {"Crisis plan shared with on-call.",
     "위기 계획을 당직과 공유함."},
    {"My sister answers at night.",
     "언니는 밤에도 전화를 받아요."},
    {"I don't want to bother anyone.",
     "누구에게도 폐를 끼치고 싶지 않아요."},
    {"Put the crisis line and my sister's number on the fridge",
     "위기상담전화와 언니 번호를 냉장고에 붙이기"},
    {"Get my teeth fixed so I can smile again.",
     "다시 웃을 수 있도록 이를 고치고 싶어요."},
    {"I went to the dentist as a child.",
     "어릴 때는 치과에 다녔어요."},
    {"Scared of the drill, and the cost.",
     "치과 기계 소리와 비용이 무서워요."},
    {"Community dental clinic",
     "지역 치과 진료소"},
    {"Book the first dental visit",
     "첫 치과 진료 예약하기"},
    {"Cut down on drinking to weekends only.",
     "술은 주말에만 마시도록 줄이고 싶어요."},
    {"AUDIT in the harmful range; brief intervention.",
     "AUDIT 해로운 음주 구간; 단기 개입."},
    {"I stopped for a month last year.",
     "작년에 한 달 동안 끊었어요."},
    {"Friends at the park drink every day.",
     "공원 친구들이 매일 마셔요."},
    {"Write down the drinks each day",
     "날마다 마신 술 적기"},
    {"Sort out my disability pension so I stop worrying about rent.",
     "장애연금 문제를 정리해서 월세 걱정을 그만하고 싶어요."},
    {"I keep my letters in a folder.",
     "우편물은 파일에 모아 둬요."},
    {"The forms are long and confusing.",
     "서류가 길고 헷갈려요."},
    {"Social worker",
     "사회복지사"},
    {"Fill in the pension form together",
     "연금 신청서를 함께 쓰기"},
    {"Meet people who know what it's like.",
     "이 마음을 아는 사람들을 만나고 싶어요."},
    {"I used to enjoy the drop-in.",
     "예전에는 자유 이용 공간에 가는 게 즐거웠어요."},
    {"Hard to start talking in a group.",
     "여럿 앞에서 말을 꺼내기가 어려워요."},
    {"Peer supporter",
     "동료지원가"},
    {"Go to the Thursday recovery group together",
     "목요일 회복 모임에 함께 가기"},
    {"See my daughter every month.",
     "매달 딸을 만나고 싶어요."},
    {"Supervised contact arrangement via child services.",
     "아동보호기관을 통한 보호 면접교섭 조정."},
    {"She writes to me.",
     "딸이 편지를 보내요."},
    {"Her father decides.",
     "딸의 아빠가 정해요."},
    {"My mother",
     "어머니"},
    {"Ask about a visit at my mother's house",
     "어머니 댁에서 만날 수 있는지 물어보기"},
    {"Work two mornings a week at the bakery.",
     "일주일에 이틀 오전에 빵집에서 일하고 싶어요."},
    {"Vocational placement, IPS model.",
     "직업 배치, IPS 모델."},
    {"I am good with my hands and on time.",
     "손재주가 있고 시간을 잘 지켜요."},
    {"Early mornings after the night tablets.",
     "밤에 먹는 약 때문에 이른 아침이 힘들어요."},
    {"Employment support service",
     "취업 지원 서비스"},
    {"Trial morning at the bakery",
     "빵집에서 오전 일 체험하기"},
    {"Have someone with me at the court hearing.",
     "재판 때 누군가 곁에 있어 줬으면 해요."},
    {"I know my rights better now.",
     "이제는 제 권리를 더 잘 알아요."},
    {"I freeze when officials talk fast.",
     "공무원이 빨리 말하면 얼어붙어요."},
    {"Legal aid advocate",
     "법률구조 옹호인"},
    {"Meet the advocate before the hearing",
     "재판 전에 옹호인 만나기"},
    {"Cook a proper meal three times a week.",
     "일주일에 세 번은 제대로 밥을 해 먹고 싶어요."},
    {"Occupational therapy: meal planning.",
     "작업치료: 식단 짜기."},
    {"I like rice dishes.",
     "밥 요리를 좋아해요."},
    {"No energy in the evening.",
     "저녁에는 기운이 없어요."},
    {"Shop for three meals with the list",
     "목록을 들고 세 끼 장보기"},
    {"Started, slowly.",
     "천천히 시작했어요."},
    {"Halfway there.",
     "절반쯤 왔어요."},
    {"A hard month, but kept going.",
     "힘든 한 달이었지만 계속했어요."},
    {"Nearly there.",
     "거의 다 왔어요."},
    {"Done it!",
     "해냈어요!"},
    {"Mina Park, peer supporter",
     "박미나, 동료지원가"},
    {"Jae Kim, nurse",
     "김재현, 간호사"},
    {"Her mother",
     "어머니"},
    {"Not the work goal yet. I want to settle in the flat first.",
     "일 목표는 아직이에요. 먼저 집에 자리 잡고 싶어요."},
    {"a new goal the client brought",
     "이용자가 새로 가져온 목표"},
    {"the step moved on",
     "실행 단계가 진행됨"},
    {"a goal reached at the review",
     "점검 때 목표를 이룸"},
    {"My sister's calls.",
     "언니의 전화."},
    {"Walking in the morning.",
     "아침 산책."},
    {"Music before bed.",
     "자기 전에 듣는 음악."},
    {"The Thursday group.",
     "목요일 모임."},
    {"what helps, said again",
     "도움이 되는 것, 다시 말함"},
    {"Riverside mental-health clinic",
     "강변 정신건강의학과의원"},
    {"Went with them to the psychiatrist; waited together and talked about what to ask. They asked about the side effects themselves.",
     "정신건강의학과 진료에 함께 갔습니다. 함께 기다리며 무엇을 물어볼지 이야기했고, 부작용은 당사자가 직접 물었습니다."},
    {"Riverside-gu community service centre",
     "강변구 행정복지센터"},
    {"Accompanied them to apply for the livelihood benefit; the form is in, the answer comes within a month.",
     "생계급여 신청에 동행했습니다. 신청서를 냈고 한 달 안에 결과가 나옵니다."},
    {"The landlord's office, Hangang-ro",
     "한강로 집주인 사무실"},
    {"Went together to talk about the repairs and the rent arrears; agreed a plan of small monthly payments.",
     "수리와 밀린 월세 문제를 이야기하러 함께 갔습니다. 매달 조금씩 갚는 계획에 합의했습니다."},
    {"The district library",
     "구립도서관"},
    {"Went with them to get a library card, a step towards the reading group they want to join.",
     "도서관 회원증을 만들러 함께 갔습니다. 들어가고 싶은 독서 모임을 향한 한 걸음입니다."},
    {"Community garden, Riverside park",
     "강변공원 공동체 텃밭"},
    {"Planting with the gardening group; everyone took seedlings home. Two want to come every week.",
     "텃밭 모임과 모종을 심었습니다. 모두 모종을 집에 가져갔고 두 분은 매주 오고 싶어 합니다."},
    {"A cafe near the centre",
     "센터 근처 카페"},
    {"Talked about what helped me when the voices were loud; they named two things to try this week.",
     "목소리가 클 때 제게 도움이 됐던 것을 이야기했습니다. 당사자는 이번 주에 해 볼 두 가지를 정했습니다."},
    {"Boundaries when a client calls in the evening",
     "이용자가 저녁에 전화할 때의 경계"},
    {"The accompaniment to the clinic: they spoke for themselves",
     "진료 동행: 당사자가 스스로 말했음"},
    {"Saying no kindly, and handing over to the on-call worker",
     "부드럽게 거절하고 당직 직원에게 넘기기"},
    {"Sharing one's own story: when it helps, when it is too much",
     "내 이야기를 나누기: 도움이 될 때와 지나칠 때"},
    {"The gardening group",
     "텃밭 모임"},
    {"Writing shorter notes after visits",
     "방문 뒤 기록을 짧게 쓰기"},
    {"Fewer clients on intake at once",
     "한꺼번에 맡는 신규 접수 줄이기"},
    {"Time for supervision every fortnight",
     "2주마다 슈퍼비전 시간"},
    {"A second worker for the home visits at night",
     "야간 가정방문에 직원 한 명 더"},
    {"Less paperwork after each crisis",
     "위기 대응 뒤 서류 작업 줄이기"},
    {"Needs confirmed with the client at the case conference.",
     "사례회의에서 이용자와 함께 욕구를 확인해야 합니다."},
    {"transgender woman",
     "트랜스젠더 여성"},
    {"transgender man",
     "트랜스젠더 남성"},
    /* success stories (issue 14 §3): the client's own words, as they would say them */
    {"Beans on Thursdays", "목요일의 강낭콩"},
    {"For a year I did not leave my room. My worker asked what I used to like, and I said growing things.\n\n"
     "Now I go to the community garden every week. The others know my name and ask after me when I miss a day.",
     "일 년 동안 방 밖으로 나가지 않았어요. 담당 선생님이 예전에 뭘 좋아했냐고 물어서, 식물 키우는 거라고 했어요.\n\n"
     "지금은 매주 마을 텃밭에 가요. 다른 분들이 제 이름을 알고, 하루 빠지면 안부를 물어 줘요."},
    {"A key of my own", "내 집 열쇠"},
    {"After the hospital I had nowhere to go back to. Living in my own flat, I cook, I sleep at night, and I "
     "invite my sister for dinner.",
     "퇴원하고 나서 돌아갈 곳이 없었어요. 지금은 제 집에서 살면서 밥을 해 먹고, 밤에 잠을 자고, 언니를 저녁에 초대해요."},
    {"Calling before it gets bad", "나빠지기 전에 전화하기"},
    {"We made a plan together of what to do when the voices get loud. Last winter I called the crisis line "
     "early instead of waiting, and I stayed at home.",
     "목소리가 커질 때 어떻게 할지 선생님과 함께 계획을 세웠어요. 지난겨울에는 참고 기다리지 않고 일찍 위기상담 전화를 했고, "
     "집에서 지낼 수 있었어요."},
    {"Back to work, slowly", "천천히, 다시 일터로"},
    {"Two mornings a week at the bakery at first, and now four. The job coach came along the first weeks.",
     "처음에는 일주일에 이틀 아침 빵집에 나갔는데, 이제는 나흘 나가요. 처음 몇 주는 직업 코치 선생님이 함께 와 주셨어요."},
    {"Meeting other people who have been there", "같은 일을 겪은 사람들을 만나기"},
    {"At the peer group I met someone who had been in the same ward as me. We now walk together on Sundays.",
     "동료지원 모임에서 저와 같은 병동에 있었던 사람을 만났어요. 지금은 일요일마다 같이 산책해요."},
    {"The ward and the Sunday walks together could identify them: leave out the ward, say \"regularly\".",
     "병동과 일요일 산책은 이용자를 알아볼 수 있게 합니다. 병동은 빼고 \"정기적으로\"라고 써 주세요."},
    /* plan steps' "how often" and a safety-plan step's means, as the demo writes them */
    {"once", "한 번"},
    {"weekly", "매주"},
    {"daily", "매일"},
    {"monthly", "매달"},
    {"medication", "약"},
    /* housing (issue 13 §1-§3): the units, the waiting list, the tenancies and their events */
    {"Adults with a case manager who keeps visiting.",
     "꾸준히 찾아오는 사례관리자가 있는 성인."},
    {"Water damage: the floor is being replaced.",
     "누수 피해: 바닥을 교체하는 중입니다."},
    {"Proof of income", "소득 증빙 서류"},
    {"Doctor's letter", "의사 소견서"},
    {"Her landlord sold the house: she must leave by the end of the month.",
     "집주인이 집을 팔아 이번 달 말까지 집을 비워야 합니다."},
    {"Harbour Housing Association", "한빛주거복지센터"},
    {"Home visit: the flat is kept well; talked about the week ahead.",
     "가정방문: 집을 잘 관리하고 있습니다. 다음 한 주 계획을 이야기했습니다."},
    {"The boiler was repaired.",
     "보일러를 수리했습니다."},
    {"A neighbour complained about music late at night.",
     "이웃이 밤늦게 음악 소리가 크다고 민원을 넣었습니다."},
    {"Visit with the support worker; shopping list made together.",
     "지원 인력과 함께 방문했습니다. 장 볼 목록을 함께 만들었습니다."},
    {"Two weeks in the ward; the flat was kept for the return.",
     "2주 동안 입원했습니다. 돌아올 수 있도록 집은 그대로 두었습니다."},
    {"A night of crisis at home; the on-call team visited.",
     "집에서 위기가 있었던 밤이었습니다. 당직팀이 방문했습니다."},
    {"Two months unpaid since the benefit stopped.",
     "급여가 끊긴 뒤 두 달째 내지 못했습니다."},
    /* care services (issue 13 §4): the care workers, the plans' notes, what a visit noticed */
    {"Harbour House", "햇살하우스"},
    {"Willow Court", "버들채"},
    {"Quay Street Homes", "나루터주택"},
    {"Lantern Row", "등불마을"},
    {"Hana Yoo", "유하나"},
    {"Song Mirae", "송미래"},
    {"Bae Jiyoung", "배지영"},
    {"Mornings suit her best; cook together, do not cook for her.",
     "오전 시간을 가장 편해합니다. 대신 요리해 주지 말고 함께 요리하세요."},
    {"He pays his bills on his own now.",
     "이제 공과금을 스스로 냅니다."},
    {"She asked for help to clear the kitchen before her sister's visit.",
     "언니가 오기 전에 부엌 정리를 도와 달라고 했습니다."},
    {"Several days of medication were still in the organiser; she said she had not been sleeping.",
     "약 정리함에 며칠 치 약이 그대로 남아 있었습니다. 잠을 못 자고 있었다고 합니다."},
};

/* Where the demo writes prose: a table with an integer id and its text columns. A column holding
 * JSON (safety-plan sections, care-plan versions) has its string values translated. */
static const struct {
    const char *table, *cols;
} prose_at[] = {
    {"contacts", "body"},
    {"episodes", "discharge_reason"},
    {"tasks", "title, title_args"}, /* a rule's task's arguments: a property, a care worker, what they noticed */
    {"clients", "gender_identity"},
    {"safety_plans", "warning_signs, coping, distractions, help_people, professionals, environment, reasons_for_living"},
    {"crisis_events", "actions, notes"},
    {"hospitalisations", "hospital, reason"},
    {"flags", "reason"},
    {"eligibility_decisions", "reason"},
    {"consents", "witness, note, withdraw_reason"},
    {"referrals", "reason, asked, outcome"},
    {"referral_events", "text"},
    {"services", "name, eligibility, how_to_refer, contact"},
    {"intakes", "reporter, concern, close_note"},
    {"care_plan_versions", "body, why, agreement_witness, agreement_words"},
    {"care_plan_reviews", "what_changed, progress"},
    {"linkages", "step_what, resource_name, resource_contact, note, end_reason"},
    {"linkage_checks", "what_changed"},
    {"conferences", "title, purpose"},
    {"conference_guests", "name, role, organisation"},
    {"conference_clients", "question, summary"},
    {"conference_decisions", "text"},
    {"peer_activities", "place, summary"},
    {"peer_supervisions", "topics, went_well, to_develop, next_on"},
    {"checkins", "would_help"},
    {"stories", "title, body"},
    {"story_reviews", "note"},
    {"housing_units", "eligible, offline_reason"},
    {"housing_applications", "documents, override_reason"},
    {"tenancies", "landlord"},
    {"tenancy_events", "note"},
    {"care_workers", "name"},
    {"care_services", "note, end_note"},
    {"care_visits", "noticed"},
};
/* Tables without an id: each distinct text once. */
static const struct {
    const char *table, *col;
} prose_by_value[] = {{"care_plan_goals", "client_words"}, {"care_plan_steps", "who"}, {"care_plan_steps", "what"}};

/* The Korean of a text the demo wrote, or NULL: the same text, or a plan step said again
 * ("X (again, week 3)", care plans' later versions). */
static const char *prose_ko(json_t *map, const char *s, char *buf, size_t len)
{
    const char *ko = s ? json_string_value(json_object_get(map, s)) : NULL, *p;
    int week;
    if (ko || !s || !(p = strstr(s, " (again, week ")) || sscanf(p, " (again, week %d)", &week) != 1)
        return ko;
    char head[400];
    snprintf(head, sizeof head, "%.*s", (int)(p - s), s);
    if (!(ko = json_string_value(json_object_get(map, head))))
        return NULL;
    snprintf(buf, len, "%s(%d주 차, 다시)", ko, week);
    return buf;
}

/* Every string value in x (not the keys) that has a Korean text gets it; 1 when one did. */
static int prose_json(json_t *map, json_t *x)
{
    char buf[600];
    const char *k, *ko;
    size_t i;
    json_t *e;
    int changed = 0;
    json_object_foreach(x, k, e)
    {
        if (json_is_string(e) && (ko = prose_ko(map, json_string_value(e), buf, sizeof buf)))
            changed |= json_object_set_new(x, k, json_string(ko)) == 0;
        else if (json_is_object(e) || json_is_array(e))
            changed |= prose_json(map, e);
    }
    json_array_foreach(x, i, e)
    {
        if (json_is_string(e) && (ko = prose_ko(map, json_string_value(e), buf, sizeof buf)))
            changed |= json_array_set_new(x, i, json_string(ko)) == 0;
        else if (json_is_object(e) || json_is_array(e))
            changed |= prose_json(map, e);
    }
    return changed;
}

static int fail(char *err, size_t errlen, struct db *db, const char *what);

/* One text: its Korean (a new string in *out) when it has one, plain or inside JSON. */
static int prose_value(json_t *map, const char *s, char **out)
{
    char buf[600];
    const char *ko = prose_ko(map, s, buf, sizeof buf);
    *out = NULL;
    if (ko) {
        *out = xstrdup(ko);
        return 1;
    }
    if (!s || (*s != '[' && *s != '{'))
        return 0;
    json_t *j = json_loads(s, 0, NULL);
    if (j && prose_json(map, j))
        *out = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return *out != NULL;
}

/* The demo's prose in Korean, table by table, KO_BATCH rows per transaction (a million clients'
 * contact notes are millions of rows). */
static int prose_tables(struct db *db, char *err, size_t errlen)
{
    json_t *map = json_object();
    for (size_t i = 0; i < ARRAY_LEN(prose); i++)
        json_object_set_new(map, prose[i][0], json_string(prose[i][1]));
    int rc = 0;
    for (size_t t = 0; rc == 0 && t < ARRAY_LEN(prose_at); t++) {
        char sql[512], cols[8][40];
        int ncols = 0;
        for (const char *c = prose_at[t].cols; *c && ncols < 8;) {
            size_t n = strcspn(c, ", ");
            snprintf(cols[ncols++], sizeof cols[0], "%.*s", (int)n, c);
            c += n;
            c += strspn(c, ", ");
        }
        snprintf(sql, sizeof sql, "SELECT id, %s FROM %s WHERE id>? ORDER BY id LIMIT %d", prose_at[t].cols,
                 prose_at[t].table, KO_BATCH);
        for (int64_t after = 0; rc == 0;) {
            json_t *rows = db_rows(db, sql, "i", after), *r;
            size_t i;
            if (!json_array_size(rows)) {
                json_decref(rows);
                break;
            }
            if (db_begin(db) != DB_OK)
                rc = fail(err, errlen, db, "cannot begin");
            json_array_foreach(rows, i, r)
            {
                after = json_integer_value(json_object_get(r, "id"));
                for (int c = 0; rc == 0 && c < ncols; c++) {
                    char *ko, upd[160];
                    if (!prose_value(map, json_string_value(json_object_get(r, cols[c])), &ko))
                        continue;
                    snprintf(upd, sizeof upd, "UPDATE %s SET %s=? WHERE id=?", prose_at[t].table, cols[c]);
                    if (db_run(db, upd, "ti", ko, after) != DB_OK)
                        rc = fail(err, errlen, db, "cannot translate a text");
                    free(ko);
                }
            }
            json_decref(rows);
            if (rc == 0 && db_commit(db) != DB_OK)
                rc = fail(err, errlen, db, "cannot commit");
        }
    }
    for (size_t t = 0; rc == 0 && t < ARRAY_LEN(prose_by_value); t++) {
        char sel[200], upd[200];
        snprintf(sel, sizeof sel, "SELECT DISTINCT %s AS v FROM %s", prose_by_value[t].col, prose_by_value[t].table);
        snprintf(upd, sizeof upd, "UPDATE %s SET %s=? WHERE %s=?", prose_by_value[t].table, prose_by_value[t].col,
                 prose_by_value[t].col);
        json_t *vals = db_rows(db, sel, ""), *v;
        size_t i;
        if (db_begin(db) != DB_OK)
            rc = fail(err, errlen, db, "cannot begin");
        json_array_foreach(vals, i, v)
        {
            char *ko;
            const char *en = json_string_value(json_object_get(v, "v"));
            if (rc || !prose_value(map, en, &ko))
                continue;
            if (db_run(db, upd, "tt", ko, en) != DB_OK)
                rc = fail(err, errlen, db, "cannot translate a text");
            free(ko);
        }
        json_decref(vals);
        if (rc == 0 && db_commit(db) != DB_OK)
            rc = fail(err, errlen, db, "cannot commit");
    }
    json_decref(map);
    if (rc && db->in_txn)
        db_rollback(db);
    return rc;
}

/* The Korean city has a psychiatric rehabilitation facility too (정신재활시설: a day rehabilitation
 * centre), in the directory with its programme. Only in the Korean demo: the English one stays as it is. */
static int rehab_facility(struct db *db, char *err, size_t errlen)
{
    int64_t admin = db_int1(db, 0, "SELECT id FROM staff WHERE username='admin'", "");
    if (!admin)
        return 0;
    char now[32];
    iso_now(now);
    if (db_begin(db) != DB_OK)
        return fail(err, errlen, db, "cannot begin");
    int64_t org = db_insert_id(db,
                               "INSERT INTO orgs(name, kind, district, created_at) VALUES (?,?,?,?) RETURNING id",
                               "tttt", "한빛시 새봄주간재활센터", "rehabilitation_facility", "강변구", now);
    if (!org ||
        !db_insert_id(db,
                      "INSERT INTO services(org_id, name, kind, eligibility, programme, how_to_refer, contact, capacity,"
                      " capacity_updated_at, capacity_updated_by, created_by, created_at, updated_at)"
                      " VALUES (?,?,?,?,NULL,?,?,?,?,?,?,?,?) RETURNING id",
                      "itttttttiitt", org, "주간재활 프로그램(일상생활 훈련, 사회기술 훈련, 취업 준비)",
                      "rehabilitation_employment",
                      "정신건강복지센터나 병원에 등록된 성인으로, 낮 동안 규칙적으로 다니며 회복을 준비하려는 분.",
                      "사례관리자가 의뢰서를 보내면 2주 안에 첫 상담을 잡습니다. 견학은 언제든 전화로 신청하세요.",
                      "사무실 02-310-4500", "open", now, admin, admin, now, now)) {
        db_rollback(db);
        return fail(err, errlen, db, "cannot add the rehabilitation facility");
    }
    return db_commit(db) == DB_OK ? 0 : fail(err, errlen, db, "cannot commit");
}

/* The housing provider's four properties: their Korean names (also in prose[], for a rule task's
 * arguments) and road-name addresses. */
static const char *const properties[][3] = {
    {"Harbour House", "햇살하우스", "한강로 10"},
    {"Willow Court", "버들채", "버들로 17"},
    {"Quay Street Homes", "나루터주택", "해안로 24"},
    {"Lantern Row", "등불마을", "역전로 31"},
};

static const char *district_name_ko(const char *en)
{
    for (size_t i = 0; en && i < ARRAY_LEN(districts); i++)
        if (strcmp(en, districts[i][0]) == 0)
            return districts[i][1];
    return en;
}

/* The housing stock in Korean: each unit's property, its number as Korean buildings number them
 * (101호: floor and door; a shared house's rooms 1호실) and its road-name address; then every district
 * the demo writes as text (organisations, intakes, units, applications) by its Korean name, the same
 * on a unit and an application so that they still match. */
static int housing_ko(struct db *db, char *err, size_t errlen)
{
    static const char *const with_district[] = {"orgs", "intakes", "housing_units", "housing_applications"};
    json_t *units = db_rows(db, "SELECT id, property, label, district FROM housing_units ORDER BY id", ""), *u;
    size_t i;
    int rc = 0;
    if (db_begin(db) != DB_OK) {
        json_decref(units);
        return fail(err, errlen, db, "cannot begin");
    }
    json_array_foreach(units, i, u)
    {
        const char *prop = json_string_value(json_object_get(u, "property"));
        const char *label = json_string_value(json_object_get(u, "label"));
        size_t p = 0;
        while (p < ARRAY_LEN(properties) && !(prop && strcmp(prop, properties[p][0]) == 0))
            p++;
        if (p == ARRAY_LEN(properties) || !label)
            continue; /* not one of the demo's */
        char label_ko[32], addr[200];
        int k;
        if (sscanf(label, "Room %d", &k) == 1)
            snprintf(label_ko, sizeof label_ko, "%d호실", k);
        else if (sscanf(label, "Flat %d", &k) == 1 && k > 0)
            snprintf(label_ko, sizeof label_ko, "%d%02d호", 1 + (k - 1) / 4, 1 + (k - 1) % 4);
        else
            snprintf(label_ko, sizeof label_ko, "%s", label);
        snprintf(addr, sizeof addr, "한빛시 %s %s (%s)",
                 district_name_ko(json_string_value(json_object_get(u, "district"))), properties[p][2],
                 properties[p][1]);
        if (db_run(db, "UPDATE housing_units SET property=?, label=?, address=? WHERE id=?", "ttti", properties[p][1],
                   label_ko, addr, json_integer_value(json_object_get(u, "id"))) != DB_OK) {
            rc = fail(err, errlen, db, "cannot rename a housing unit");
            break;
        }
    }
    json_decref(units);
    for (size_t t = 0; rc == 0 && t < ARRAY_LEN(with_district); t++)
        for (size_t d = 0; rc == 0 && d < ARRAY_LEN(districts); d++) {
            char sql[120];
            snprintf(sql, sizeof sql, "UPDATE %s SET district=? WHERE district=?", with_district[t]);
            if (db_run(db, sql, "tt", districts[d][1], districts[d][0]) != DB_OK)
                rc = fail(err, errlen, db, "cannot name a district");
        }
    if (rc) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db) == DB_OK ? 0 : fail(err, errlen, db, "cannot commit");
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
    return prose_tables(db, err, errlen) || housing_ko(db, err, errlen) || rehab_facility(db, err, errlen) ? -1 : 0;
bad:
    fail(err, errlen, db, "cannot rename");
    db_rollback(db);
    return -1;
}
