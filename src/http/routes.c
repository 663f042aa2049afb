/* routes: the one route table, joined from the tables of api/ and ui/ in this order. */
#include "http/http.h"

extern const struct route api_account_routes[], api_record_routes[], api_assess_routes[], api_risk_routes[],
    ui_routes[], ui_risk_routes[], ui_crisis_routes[];
const struct route *const route_tables[] = {
    api_account_routes, api_record_routes, api_assess_routes, api_risk_routes,
    ui_routes,          ui_risk_routes,    ui_crisis_routes,  NULL};

const struct route **http_routes(int *n)
{
    static const struct route *all[512];
    static int count = -1;
    if (count < 0) {
        count = 0;
        for (int t = 0; route_tables[t]; t++)
            for (const struct route *r = route_tables[t]; r->pattern && count < 512; r++)
                all[count++] = r;
    }
    *n = count;
    return all;
}
