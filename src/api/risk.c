/* risk: the API of flags, on-call, crisis events, safety plans and hospitalisations. */
#include "api/api_int.h"
const struct route api_risk_routes[] = {{0}};
