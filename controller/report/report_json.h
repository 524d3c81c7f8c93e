// report_json.h: a report's data (report.h MonthReport: a month, quarter or
// year) as JSON, the body of the admin reply `report.period` (and of its
// older name `report.month`; docs/protocol.md). The controller
// fills a MonthReport from its store and tally and sends it; hallctl reads it
// back and writes the files with write_month_report where the manager runs
// it. Phone numbers travel masked. from_json(to_json(r)) gives a report whose
// files are byte-for-byte those of r (with r's phones masked).
// Threading: pure functions.
#pragma once

#include "controller/report/report.h"
#include "common/wire/codec.h"
#include "common/base/result.h"

namespace controller {

hall::Json month_report_to_json(const MonthReport& r);
// Errors name the field that is missing or of the wrong type.
hall::Result<MonthReport> month_report_from_json(const hall::Json& j);

}  // namespace controller
