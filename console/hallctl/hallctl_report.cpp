// hallctl report --period 2026-11|2026-Q4|2026 --out DIR: the report of a
// month, a quarter or a year (评价排名月报/季报/年报); `hallctl report month
// 2026-11 --out DIR` is the older form. The controller builds the data from
// its store (report.period); hallctl writes the CSVs and the HTML here, in
// DIR, with write_month_report.
#include <iostream>

#include "console/hallctl/hallctl.h"
#include "controller/report/report.h"
#include "controller/report/report_json.h"
#include "common/vocab/admin_types.h"

namespace hallctl {

namespace {
int write_report(const Context& ctx, const std::string& period, const std::string& out) {
  auto reply = ctx.call(hall::wire::admin::kReportPeriod, {{"period", period}}, std::chrono::seconds(120));
  if (!reply) return 1;
  auto data = controller::month_report_from_json(reply->body["report"]);
  if (!data) {
    std::cerr << "hallctl: " << data.error() << "\n";
    return 1;
  }
  auto files = controller::write_month_report(*data, out);
  if (!files) {
    std::cerr << "hallctl: " << files.error() << "\n";
    return 1;
  }
  const auto& f = data->flow;
  if (ctx.print_json({{"windows_csv", files->windows_csv}, {"people_csv", files->people_csv},
                      {"cases_csv", files->cases_csv}, {"html", files->html},
                      {"cases", {{"carried_in", f.carried_in}, {"opened", f.opened}, {"closed", f.closed},
                                 {"open_at_end", f.open_at_end}, {"overdue_at_end", f.overdue_at_end},
                                 {"became_overdue", f.became_overdue}, {"rejected", f.rejected}}}}))
    return 0;
  std::cout << "report " << hall::to_string(data->period) << ": " << data->total_ratings << " ratings, "
            << data->windows.size() << " windows, " << data->people.size() << " people\n"
            << "  cases: " << f.carried_in << " carried in, " << f.opened << " opened, " << f.closed << " closed, "
            << f.open_at_end << " open at the end (" << f.overdue_at_end << " overdue), " << f.became_overdue
            << " became overdue, " << f.rejected << " rejected (不予认定)\n"
            << "  " << files->windows_csv << "\n  " << files->people_csv << "\n  " << files->cases_csv << "\n  "
            << files->html << "\n";
  return 0;
}
}  // namespace

void add_report_commands(CLI::App& app, Commands& commands) {
  auto* report = app.add_subcommand(
      "report", "a month's, quarter's or year's windows, people and cases: three CSVs and an HTML page");
  report->require_subcommand(0, 1);
  auto period = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  report->add_option("--period", *period, "the period: a month 2026-11, a quarter 2026-Q4 or a year 2026");
  report->add_option("--out", *out, "directory to write into (created if missing)");
  auto* month = report->add_subcommand("month", "the older form: hallctl report month 2026-11 --out DIR");
  auto mperiod = std::make_shared<std::string>();
  auto mout = std::make_shared<std::string>();
  month->add_option("month", *mperiod, "the month, e.g. 2026-11")->required();
  month->add_option("--out", *mout, "directory to write into (created if missing)")->required();
  commands.add(month, [mperiod, mout](const Context& ctx) { return write_report(ctx, *mperiod, *mout); });
  commands.add(report, [period, out](const Context& ctx) {
    if (period->empty() || out->empty()) {
      std::cerr << "hallctl: report needs --period (2026-11, 2026-Q4 or 2026) and --out DIR, e.g. "
                   "hallctl report --period 2026-Q4 --out reports\n";
      return 2;
    }
    return write_report(ctx, *period, *out);
  });
}

}  // namespace hallctl
