/* routes: the page routes (filled in by the pages). */
#include "ui/ui.h"
const struct route ui_routes[] = {{0}};
