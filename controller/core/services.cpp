#include "controller/core/services.h"

#include "controller/cases/cases_service.h"
#include "controller/content/content_service.h"
#include "controller/core/controller.h"
#include "controller/evaluations/evaluations.h"
#include "controller/queue/queue_link.h"
#include "controller/rankings/rankings_service.h"
#include "controller/report/report_service.h"
#include "controller/reviews/reviews_service.h"
#include "controller/upstream/upstream.h"

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
