#include "controller/services.h"

#include "controller/content_service.h"
#include "controller/controller.h"

namespace controller {

hall::Status install_services(Controller& controller) {
  // Feature services are added here, one line each.
  if (auto s = install_content(controller); !s) return s;
  return {};
}

}  // namespace controller
