/* pages_risk: pages for assessments, flags, the crisis view, safety plans and hospitalisations. */
#include "ui/ui.h"
const struct route ui_risk_routes[] = {{0}};
