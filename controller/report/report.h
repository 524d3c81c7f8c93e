// report.h: the report of a month, a quarter or a year (评价排名月报, 季报,
// 年报) for awards (评先树优): a CSV per window, per person and per case and a
// self-contained HTML page for printing (A4), with
// tables and inline SVG charts (report_charts.h). Input is plain structs; the
// controller fills them from the store and the tally. Phone numbers are masked
// in every export (mask_phone). Times print in hall time with the offset,
// "2026-12-01 11:36 (+08:00)", whatever the zone of the machine rendering them.
// Threading: pure functions, except write_month_report, which writes files.
#pragma once

#include "controller/evaluations/phone.h"

#include <string>
#include <string_view>
#include <vector>

#include "controller/cases/cases.h"
#include "controller/report/case_flow.h"
#include "common/time/periods.h"
#include "controller/report/report_charts.h"
#include "controller/rankings/scoring_tally.h"
#include "common/base/result.h"

namespace controller {


struct ReportRow {
  std::string code;    // window code or staff id
  std::string name;    // window name or the person's name
  std::string where;   // for a person: their window; for a window: its department
  Standing standing;
};

// One case of the report, as it stood at the report's end (case_flow.h).
struct ReportCase {
  Case c;                  // state and closed_at as at the end; reject_reason: the standing 不予认定's
  std::string path;        // "待核实→不予认定→已办结"
  bool carried_in = false; // opened before the period
  bool overdue = false;    // overdue at the end
  bool rejected = false;   // a 不予认定 stands (also when closed after it)
};

// The report of any period (the name is from when there were only months).
struct MonthReport {
  std::string hall_name;
  hall::Period period;
  std::string timezone;           // the hall's IANA zone; every time is printed in it
  std::string generated_at;       // ISO time with offset
  hall::Date today;               // the hall's day, for overdue cases
  int64_t total_ratings = 0;
  int64_t hall_satisfied = 0;     // ratings of 4 and 5
  double hall_mean = 0;           // C
  RankingSettings settings;
  std::vector<ReportRow> windows; // in rank order (standings())
  std::vector<ReportRow> people;
  HeatMap heat;
  std::string as_of;              // ISO time the case figures are for: the period's end, or now
  CaseFlow flow;                  // carried in, opened, closed, overdue ... (case_flow.h)
  std::vector<ReportCase> cases;  // carried in or opened in the period
};

// "评价排名月报", "评价排名季报", "评价排名年报".
std::string report_title(const hall::Period& p);

// UTF-8 with a BOM (so spreadsheet programs read the Chinese), CRLF lines,
// RFC 4180 quoting; cells that start with = + - @ get a leading ' so they are
// never run as formulas.
std::string csv_windows(const MonthReport& r);
std::string csv_people(const MonthReport& r);
std::string csv_cases(const MonthReport& r);
std::string html_report(const MonthReport& r);
// An ISO time of the report as people read it: "2026-12-01 11:36 (+08:00)" in
// the report's zone; "" stays "", unreadable text is shown as it is.
std::string report_time(const MonthReport& r, const std::string& iso);

// One CSV line of `cells` (RFC 4180 quoting, formula guard, CRLF) and the
// BOM the CSVs start with; the ratings export uses them too.
std::string csv_line(const std::vector<std::string>& cells);
inline constexpr const char* kCsvBom = "\xEF\xBB\xBF";

struct ReportFiles {
  std::string windows_csv, people_csv, cases_csv, html;
};
// Writes windows-<period>.csv, people-<period>.csv, cases-<period>.csv and
// report-<period>.html (period 2026-11, 2026-Q4 or 2026) into `dir` (created
// if missing). Each file is written to
// a temporary name and renamed, so a reader never sees half a file.
hall::Result<ReportFiles> write_month_report(const MonthReport& r, const std::string& dir);

}  // namespace controller
