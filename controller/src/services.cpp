#include "controller/services.h"

#include "controller/controller.h"

namespace controller {

hall::Status install_services(Controller& /*controller*/) {
  // Feature services are added here, one line each, e.g.
  //   if (auto s = install_content(controller); !s) return s;
  return {};
}

}  // namespace controller
