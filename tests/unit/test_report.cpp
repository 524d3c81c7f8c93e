// The month report: CSV per window/person/case, masked phones, CSV formula
// guard, HTML tables and inline SVG charts, atomic file writing. The headless
// chromium rendering is in tests/system/test_report_render.cpp.
#include <catch2/catch.hpp>

#include "time_zones.h"

#include <fstream>
#include <regex>
#include <sstream>

#include "controller/report/report.h"
#include "controller/report/report_json.h"
#include "process.h"
#include "report_sample.h"

using namespace controller;

TEST_CASE("phone numbers are masked") {
  CHECK(mask_phone("13812345678") == "138****5678");
  CHECK(mask_phone("+86 138-1234-5678") == "861******5678");
  CHECK(mask_phone("5551234") == "*****34");
  CHECK(mask_phone("12") == "****");
  CHECK(mask_phone("") == "");
  CHECK(mask_phone("none") == "****");
  // Masking what is already masked changes nothing (reports built by hallctl
  // from the controller's reply), but a number with more digits is masked.
  CHECK(mask_phone("138****5678") == "138****5678");
  CHECK(mask_phone("*****34") == "*****34");
  CHECK(mask_phone("138****56781234") == "138****1234");
}

TEST_CASE("the window and person CSVs hold one row per subject with a header") {
  const MonthReport r = testing::sample_report();
  const std::string w = csv_windows(r);
  CHECK(w.rfind("\xEF\xBB\xBF排名,窗口编号,窗口,部门,评价数,平均分,满意率", 0) == 0);
  // Rank 1 is the window with the best citizen score: W02's leader review is
  // the hall's leader average for the others, so only citizens differ (see
  // "the HTML report has the tables ..."). W02 itself: its own leader 100.
  const ReportRow* best = nullptr;
  for (const auto& row : r.windows)
    if (!best || *row.standing.components.citizen > *best->standing.components.citizen) best = &row;
  REQUIRE(best);
  CHECK(w.find("\r\n1," + best->code + "," + best->name + "," + best->where + ",") != std::string::npos);
  CHECK(w.find(",W02,不动产登记,不动产登记科,") != std::string::npos);
  CHECK(w.find(",100.00 (按全厅平均),") != std::string::npos);
  CHECK(w.find(",W01,综合受理一号窗,") != std::string::npos);
  const std::string p = csv_people(r);
  CHECK(p.find("排名,工号,姓名,窗口") != std::string::npos);
  CHECK(p.find(",S001,张三,W01,") != std::string::npos);
  // CSV cells that would be formulas are defused; quotes doubled.
  CHECK(w.find(",\"'=HYPERLINK(\"\"x\"\")\",") != std::string::npos);
}

TEST_CASE("no raw phone number appears in any export") {
  const MonthReport r = testing::sample_report();
  const std::string all = csv_windows(r) + csv_people(r) + csv_cases(r) + html_report(r);
  CHECK(all.find("13812345678") == std::string::npos);
  CHECK(all.find("13900001111") == std::string::npos);
  CHECK(csv_cases(r).find("138****5678") != std::string::npos);
  CHECK(html_report(r).find("139****1111") != std::string::npos);
}

TEST_CASE("the HTML report has the tables, three charts and escaped text") {
  const MonthReport r = testing::sample_report();
  const std::string h = html_report(r);
  CHECK(h.find("<title>示范区政务服务中心 2026年11月 评价排名月报</title>") != std::string::npos);
  // Every window on the same basis: W02's leader review (5 -> 100) is the
  // hall's leader average for the others, and no window has peer reviews
  // (their weight is shared out for all), so each composite is
  // (0.6·citizen + 0.2·100) / 0.8 and the order is that of the citizen scores.
  const ReportRow* best = nullptr;
  for (const auto& w : r.windows) {
    INFO(w.code);
    REQUIRE(w.standing.components.citizen);
    CHECK(*w.standing.composite == Approx(round2((0.6 * *w.standing.components.citizen + 0.2 * 100) / 0.8)));
    CHECK(w.standing.components.leader_hall == (w.code != "W02"));
    if (!best || *w.standing.components.citizen > *best->standing.components.citizen) best = &w;
  }
  REQUIRE(best);
  CHECK(h.find("<tr><td>1</td><td>" + best->code + "</td><td>" + best->name + "</td>") != std::string::npos);
  CHECK(h.find("<td>100.00 (按全厅平均)</td>") != std::string::npos);
  CHECK(h.find("<td>S001</td><td>张三</td>") != std::string::npos);
  CHECK(h.find("aria-label=\"各窗口满意率\"") != std::string::npos);
  CHECK(h.find("aria-label=\"评价时段热力图\"") != std::string::npos);
  CHECK(h.find("aria-label=\"差评整改情况\"") != std::string::npos);
  CHECK(h.find("<script") == std::string::npos);
  CHECK(h.find("&lt;b&gt;") != std::string::npos);  // a name with markup is shown, not run
  CHECK(h.find("class=\"overdue\"") != std::string::npos);
  for (const char* fetch : {"src=", "<link", "@import", "url("})  // self-contained: nothing fetched
    CHECK(h.find(fetch) == std::string::npos);
}

TEST_CASE("an empty month still makes a report") {
  MonthReport r;
  r.hall_name = "空厅";
  r.period = *hall::parse_period("2026-02");
  const std::string h = html_report(r);
  CHECK(h.find("本期无数据") != std::string::npos);
  CHECK(h.find("本期无评价") != std::string::npos);
  CHECK(h.find("本期无差评") != std::string::npos);
  CHECK(csv_windows(r).find("\r\n") == csv_windows(r).size() - 2);  // header only
}

TEST_CASE("write_month_report writes the four files and names a bad directory") {
  testing::TempDir dir;
  const MonthReport r = testing::sample_report();
  auto files = write_month_report(r, dir.str("out"));
  REQUIRE(files.ok());
  std::ifstream in(files->html);
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str() == html_report(r));
  CHECK(files->windows_csv.find("windows-2026-11.csv") != std::string::npos);
  CHECK(std::filesystem::exists(files->cases_csv));
  {
    std::ofstream blocker(dir.str("file"));
  }
  auto bad = write_month_report(r, dir.str("file") + "/sub");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error(), Catch::Contains("report directory"));
}

TEST_CASE("the heat map counts ratings by weekday and hour from ISO times") {
  HeatMap heat;
  CHECK(heat.add_at("2026-11-27T09:30:00", 5));  // a Friday
  CHECK(heat.add_at("2026-11-27 09:59:59", 3));
  CHECK(heat.add_at("2026-11-29T23:00:00", 1));  // a Sunday
  CHECK(heat.count[4][9] == 2);
  CHECK(heat.sum[4][9] == 8);
  CHECK(heat.count[6][23] == 1);
  for (const char* bad : {"2026-11-27", "2026-11-27T24:00", "2026-13-01T10:00", "yesterday at 9", ""})
    CHECK_FALSE(heat.add_at(bad, 4));
  CHECK_FALSE(heat.add_at("2026-11-27T10:00:00", 6));
  CHECK(heat.total() == 3);
  const std::string svg = svg_heat_map(heat, 1080);
  CHECK(svg.find("周五 9时: 2 条, 平均 4.00") != std::string::npos);
}

TEST_CASE("the heat map puts a rating at its hall-time hour, whatever offset it was written with") {
  for (const char* machine : {"UTC", "America/New_York"}) {
    INFO("TZ=" << machine);
    testing::MachineZoneScope tz(machine);
    testing::HallZoneScope hall("Asia/Shanghai");
    HeatMap heat;
    CHECK(heat.add_at("2026-11-30T23:30:00Z", 5));       // Tuesday 1 December 07:30 in the hall
    CHECK(heat.add_at("2026-11-30T18:45:00-05:00", 4));  // the same hour, from New York
    CHECK(heat.add_at("2026-12-01T07:10:00+08:00", 3));
    CHECK(heat.count[1][7] == 3);
    CHECK(heat.total() == 3);
  }
}

TEST_CASE("report times print in the report's zone with the offset") {
  testing::MachineZoneScope tz("UTC");
  MonthReport r;
  r.timezone = "Asia/Shanghai";
  CHECK(report_time(r, "2026-12-01T03:36:27+00:00") == "2026-12-01 11:36 (+08:00)");
  CHECK(report_time(r, "") == "");
  CHECK(report_time(r, "not a time") == "not a time");
  r.timezone = "Europe/Berlin";
  CHECK(report_time(r, "2026-12-01T03:36:27+00:00") == "2026-12-01 04:36 (+01:00)");
}

TEST_CASE("a case rejected and then closed shows as closed with its reason and path, counted under 不予认定") {
  const MonthReport r = testing::sample_report();
  const std::string h = html_report(r);
  CHECK(h.find("<td class=\"path\">待核实→不予认定→已办结</td><td class=\"text\">不予认定: 误评: 群众点错按钮, 已核实监控</td>") !=
        std::string::npos);
  CHECK(h.find(">期初结转</th>") != std::string::npos);
  CHECK(h.find(" (结转)</td>") != std::string::npos);
  REQUIRE(r.flow.rejected == 1);
  CHECK(std::regex_search(h, std::regex(">不予认定</text><rect[^>]*/><text[^>]*>1</text>")));
  const std::string c = csv_cases(r);
  CHECK(c.find(",已办结,待核实→不予认定→已办结,,,不予认定,\"误评: 群众点错按钮, 已核实监控\",") != std::string::npos);
  auto back = month_report_from_json(month_report_to_json(r));
  REQUIRE(back.ok());
  CHECK(back->flow == r.flow);
  CHECK(html_report(*back) == h);
}

TEST_CASE("a quarter's and a year's report are titled 季报 and 年报") {
  MonthReport r = testing::sample_report();
  r.period = *hall::parse_period("2026-Q4");
  CHECK(html_report(r).find("<title>示范区政务服务中心 2026年第4季度 评价排名季报</title>") != std::string::npos);
  r.period = *hall::parse_period("2026");
  CHECK(html_report(r).find("评价排名年报") != std::string::npos);
}

// A deadline past the end of the holiday table is marked 暂定 in the case
// CSV and the HTML, and travels in the report's JSON (issue 14).
TEST_CASE("a provisional deadline is marked 暂定 in the report and survives its JSON") {
  MonthReport r = testing::sample_report();
  REQUIRE_FALSE(r.cases.empty());
  const std::string due = to_string(r.cases.front().c.deadline);
  CHECK(csv_cases(r).find(due + " (暂定)") == std::string::npos);
  r.cases.front().c.deadline_provisional = true;
  CHECK(csv_cases(r).find(due + " (暂定)") != std::string::npos);
  CHECK(html_report(r).find(due + " (暂定)") != std::string::npos);
  auto back = month_report_from_json(month_report_to_json(r));
  REQUIRE(back.ok());
  CHECK(back->cases.front().c.deadline_provisional);
  hall::Json old = month_report_to_json(r);
  for (auto& c : old["cases"]) c.erase("deadline_provisional");  // from an older controller
  auto older = month_report_from_json(old);
  REQUIRE(older.ok());
  CHECK_FALSE(older->cases.front().c.deadline_provisional);
}
