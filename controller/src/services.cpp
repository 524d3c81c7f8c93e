#include "controller/services.h"

#include "controller/cases_service.h"
#include "controller/content_service.h"
#include "controller/controller.h"
#include "controller/evaluations.h"
#include "controller/queue_link.h"
#include "controller/rankings_service.h"
#include "controller/report_service.h"
#include "controller/reviews_service.h"
#include "controller/upstream.h"

namespace controller {

hall::Status install_services(Controller& controller) {
  // Feature services are added here, one line each.
  if (auto s = install_content(controller); !s) return s;
  if (auto s = install_queue_link(controller); !s) return s;
  if (auto s = install_evaluations(controller); !s) return s;
  auto rankings = install_rankings(controller);  // after evaluations: listens to its commits
  if (!rankings) return rankings.take_error();
  if (auto s = install_reviews(controller, *rankings); !s) return s;  // feeds the rankings
  if (auto s = install_report(controller, *rankings); !s) return s;
  if (auto s = install_cases(controller); !s) return s;     // likewise
  if (auto s = install_upstream(controller); !s) return s;
  return {};
}

}  // namespace controller
