// services.h: the list of feature services the controller runs. Each
// install_* function registers its handlers and timers on the controller
// (and may publish its initial keys). Add a line here for a new service.
// Threading: called once from Controller::start on the controller's thread.
#pragma once

#include "common/base/result.h"

namespace controller {

class Controller;

hall::Status install_services(Controller& controller);

}  // namespace controller
