// report_service.h: the admin messages `report.period` (and its older name
// `report.month`) and `evaluations.export`. For a report the controller builds
// the data of a month, quarter or year (report.h) from the rankings service's
// tally, the content directory, the period's ratings (heat map) and its
// bad-review cases with their audited steps (case_flow.h),
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

// A period's ratings and cases are those made from 00:00 hall time on its
// first day until 00:00 on the day after its last: [from, to) in ms.
struct PeriodSpan {
  int64_t from_ms = 0, to_ms = 0;
};
PeriodSpan period_span(const hall::Period& p);

// `evaluations.export` pages through the period's stored ratings (all of them,
// withdrawn ones marked "counted": false) by id, phones masked.

// The report of `month` (any period) as of now: cases as at its end or now.
// Deadlines past the end of `calendar`'s table are marked provisional (暂定).
hall::Result<MonthReport> build_month_report(Controller& controller, const RankingsService& rankings,
                                             const hall::Period& month, const WorkCalendar& calendar);

hall::Status install_report(Controller& controller, std::shared_ptr<RankingsService> rankings,
                            std::shared_ptr<const WorkCalendar> calendar);

}  // namespace controller
