// hallctl report month 2026-11 --out DIR: the month report (评价排名月报). The
// controller builds the data from its store (report.month); hallctl writes the
// CSVs and the HTML here, in DIR, with write_month_report.
#include <iostream>

#include "console/hallctl/hallctl.h"
#include "controller/report/report.h"
#include "controller/report/report_json.h"
#include "common/vocab/admin_types.h"

namespace hallctl {

void add_report_commands(CLI::App& app, Commands& commands) {
  auto* report = app.add_subcommand("report", "reports for printing and awards");
  report->require_subcommand(1);
  auto* month = report->add_subcommand("month", "a month's windows, people and cases: three CSVs and an HTML page");
  auto period = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  month->add_option("month", *period, "the month, e.g. 2026-11")->required();
  month->add_option("--out", *out, "directory to write into (created if missing)")->required();
  commands.add(month, [period, out](const Context& ctx) {
    auto reply = ctx.call(hall::wire::admin::kReportMonth, {{"period", *period}}, std::chrono::seconds(60));
    if (!reply) return 1;
    auto data = controller::month_report_from_json(reply->body["report"]);
    if (!data) {
      std::cerr << "hallctl: " << data.error() << "\n";
      return 1;
    }
    auto files = controller::write_month_report(*data, *out);
    if (!files) {
      std::cerr << "hallctl: " << files.error() << "\n";
      return 1;
    }
    if (ctx.print_json({{"windows_csv", files->windows_csv}, {"people_csv", files->people_csv},
                        {"cases_csv", files->cases_csv}, {"html", files->html}}))
      return 0;
    std::cout << "month report " << *period << ": " << data->total_ratings << " ratings, " << data->windows.size()
              << " windows, " << data->people.size() << " people, " << data->cases.size() << " cases\n"
              << "  " << files->windows_csv << "\n  " << files->people_csv << "\n  " << files->cases_csv << "\n  "
              << files->html << "\n";
    return 0;
  });
}

}  // namespace hallctl
