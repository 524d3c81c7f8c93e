// report_service.h: the admin message `report.month`: the controller builds
// the month report's data (report.h) from the rankings service's tally, the
// content directory, the month's ratings (heat map) and its bad-review cases,
// and replies with it as JSON (report_json.h, phones masked). hallctl writes
// the files where the manager runs it, so the controller stays the only
// process that opens the store and needs no access to the manager's disk.
// Threading: the controller's thread only.
#pragma once

#include <memory>

#include "controller/report/report.h"
#include "common/base/result.h"

namespace controller {

class Controller;
class RankingsService;
class WorkCalendar;

// The report of `month` (a month period) as of now.
// Deadlines past the end of `calendar`'s table are marked provisional (暂定).
hall::Result<MonthReport> build_month_report(Controller& controller, const RankingsService& rankings,
                                             const hall::Period& month, const WorkCalendar& calendar);

hall::Status install_report(Controller& controller, std::shared_ptr<RankingsService> rankings,
                            std::shared_ptr<const WorkCalendar> calendar);

}  // namespace controller
