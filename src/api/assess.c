/* assess: the assessment API (instruments, scoring, trajectories). */
#include "api/api_int.h"
const struct route api_assess_routes[] = {{0}};
