// Reports of a month, a quarter and a year, and the ratings export, through a
// real controller core (in-process: its clock is set to each step's time, so
// three months of ratings and case steps are made as they would be) and the
// real hallctl program talking to its admin socket on loopback: the backlog
// carried into a month, a quarter's and a year's case figures equal to their
// months', a case rejected (不予认定) and then closed shown with its reason and
// counted, and `hallctl evaluations export` writing one CSV row per stored
// rating of the period with the phone masked.
#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "admin_requests.h"
#include "common/time/clock.h"
#include "controller_fixture.h"
#include "db_query.h"
#include "seed_ticket.h"
#include "time_zones.h"

using namespace testing;
using Json = nlohmann::json;

namespace {

struct PeriodHall {
  std::atomic<int64_t> now_ms{at(10, 1, 8)};  // before the first rating
  TestController t{{}, false, [this] { return hall::SystemTime(std::chrono::milliseconds(now_ms.load())); }};
  int ticket = 0, rating = 0;

  // 2026-m-d hh:mm hall time (Asia/Shanghai).
  static int64_t at(int m, int d, int hh, int mm = 0) {
    return hall::epoch_ms(hall::day_start({2026, m, d})) + (int64_t{hh} * 60 + mm) * 60000;
  }
  // A rating at `when` of a ticket finished 5 minutes before; returns its ticket.
  std::string rate(int64_t when, int score, const std::string& phone = "", Json reasons = Json::array()) {
    now_ms = when;
    const std::string number = "B" + std::to_string(100 + ++ticket);
    controller::TicketBook book(t.c->store());
    REQUIRE(seed_ticket(book, number, "finished", when - 20 * 60000, when - 5 * 60000));
    Client k(t, t.device());
    auto ack = k.ask(t, submit(uuid_n(++rating), number, score, reasons, "kiosk-1", when, phone));
    REQUIRE(ack);
    INFO(ack->dump());
    REQUIRE((*ack)["type"] == "evaluation.ack");
    return number;
  }
  int64_t case_of(const std::string& ticket_number) {
    return db_scalar(t.db_path(), "SELECT id FROM cases WHERE ticket = '" + ticket_number + "'");
  }
  void step(int64_t when, int64_t id, const std::string& action, const std::string& note = "") {
    now_ms = when;
    auto r = act(t, id, action, note);
    INFO(r.dump());
    REQUIRE(r["type"] == "case");
  }
  // The real hallctl against this controller, pumped while it runs.
  RunResult hallctl(std::vector<std::string> command) {
    std::vector<std::string> args = {"--set", "controller.admin_port=" + std::to_string(t.base + 4),
                                     "--set", "controller.data_dir=" + t.dir.str("var")};
    args.insert(args.end(), command.begin(), command.end());
    TempDir out;
    Process p("hallctl", args, out.path() / "out.log");
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (p.running() && std::chrono::steady_clock::now() < end) t.c->poll_once(std::chrono::milliseconds(5));
    const int code = p.wait(std::chrono::seconds(1));
    return {code, p.log()};
  }
};

std::string period_slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

size_t period_occurrences(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

// The "cases" figures of `hallctl report --period P --json`.
Json report_flow(PeriodHall& h, const std::string& period, const std::string& dir) {
  auto r = h.hallctl({"report", "--period", period, "--out", dir, "--json"});
  INFO(r.output);
  REQUIRE(r.code == 0);
  const auto body = Json::parse(r.output.substr(r.output.find('{')));
  return body.at("cases");
}

}  // namespace

TEST_CASE("month, quarter and year reports carry the case backlog, add up, and keep a rejected case's reason") {
  HallZoneScope zone("Asia/Shanghai");
  PeriodHall h;
  // October: a bad rating left untouched (overdue from mid-October), one
  // rectified but not yet closed, and good ones.
  const auto untouched = h.rate(PeriodHall::at(10, 12, 10), 1);
  const auto slow = h.rate(PeriodHall::at(10, 15, 10), 2, "", Json::array({"long_wait", "efficiency"}));
  h.rate(PeriodHall::at(10, 20, 9), 5);
  h.rate(PeriodHall::at(10, 21, 16), 4, "13900001111");
  h.step(PeriodHall::at(10, 16, 9), h.case_of(slow), "verify");
  h.step(PeriodHall::at(10, 19, 9), h.case_of(slow), "rectify", "约谈提醒, 完善一次性告知单");
  // November: that one is followed up and closed; a new one is rejected and
  // closed; another is left to go overdue at the month's end.
  h.step(PeriodHall::at(11, 3, 9), h.case_of(slow), "follow_up", "满意");
  h.step(PeriodHall::at(11, 4, 9), h.case_of(slow), "close");
  const auto mistaken = h.rate(PeriodHall::at(11, 5, 10), 1, "13812345678");
  const std::string reason = "误评: 群众点错按钮, 已核实监控";
  h.step(PeriodHall::at(11, 6, 9), h.case_of(mistaken), "reject", reason);
  h.step(PeriodHall::at(11, 9, 9), h.case_of(mistaken), "close");
  const auto late = h.rate(PeriodHall::at(11, 20, 10), 2);
  for (int d = 2; d <= 27; d += 5) h.rate(PeriodHall::at(11, d, 11), 5);
  // December: one rating at 07:30 on the 1st; the report is made on the 2nd.
  h.rate(PeriodHall::at(12, 1, 7, 30), 5, "13812345678");
  h.now_ms = PeriodHall::at(12, 2, 12);

  TempDir out;
  // HALL_REPORT_DIR=/path keeps the reports to look at (e.g. in chromium).
  const std::string dir = std::getenv("HALL_REPORT_DIR") ? std::getenv("HALL_REPORT_DIR") : out.str("r");
  const Json oct = report_flow(h, "2026-10", dir);
  const Json nov = report_flow(h, "2026-11", dir);
  const Json dec = report_flow(h, "2026-12", dir);
  const Json q4 = report_flow(h, "2026-Q4", dir);
  const Json year = report_flow(h, "2026", dir);
  INFO("oct " << oct.dump() << "\nnov " << nov.dump() << "\ndec " << dec.dump() << "\nq4 " << q4.dump()
              << "\nyear " << year.dump());
  // November: the untouched and the rectified October cases are carried in.
  CHECK(nov["carried_in"] == 2);
  CHECK(nov["opened"] == 2);
  CHECK(nov["closed"] == 2);
  CHECK(nov["open_at_end"] == 2);
  CHECK(nov["overdue_at_end"] == 2);  // the October one and the one of 20 November
  CHECK(nov["became_overdue"] == 1);
  CHECK(nov["rejected"] == 1);
  // October: the untouched one (due 19 October) and the rectified one, not
  // called back by its callback deadline (rectified Mon 19 October + 3
  // working days = 22 October; called back only on 3 November).
  CHECK(oct["became_overdue"] == 2);
  CHECK(dec["carried_in"] == 2);
  CHECK(dec["opened"] == 0);
  CHECK(dec["overdue_at_end"] == 2);
  for (const Json* f : {&oct, &nov, &dec, &q4, &year})
    CHECK((*f)["open_at_end"] == (*f)["carried_in"].get<int>() + (*f)["opened"].get<int>() - (*f)["closed"].get<int>());
  for (const char* k : {"opened", "closed", "became_overdue"}) {
    CHECK(q4[k] == oct[k].get<int>() + nov[k].get<int>() + dec[k].get<int>());
    CHECK(year[k] == q4[k]);  // nothing before October
  }
  CHECK(q4["carried_in"] == oct["carried_in"]);
  CHECK(q4["open_at_end"] == dec["open_at_end"]);
  CHECK(q4["overdue_at_end"] == dec["overdue_at_end"]);
  CHECK(q4["rejected"] == 1);
  CHECK(year["rejected"] == 1);

  // The rejected-then-closed case: its reason and path in HTML and CSV, and
  // counted under 不予认定; the quarter's and year's files are named by period.
  for (const std::string p : {"2026-11", "2026-Q4", "2026"}) {
    INFO(p);
    const std::string html = period_slurp(dir + "/report-" + p + ".html");
    const std::string csv = period_slurp(dir + "/cases-" + p + ".csv");
    CHECK(html.find("待核实→不予认定→已办结") != std::string::npos);
    CHECK(html.find("不予认定: 误评: 群众点错按钮, 已核实监控") != std::string::npos);
    CHECK(csv.find("待核实→不予认定→已办结") != std::string::npos);
    CHECK(csv.find("\"误评: 群众点错按钮, 已核实监控\"") != std::string::npos);
    CHECK(csv.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(html.find("13812345678") == std::string::npos);
  }
  CHECK(period_slurp(dir + "/report-2026-Q4.html").find("评价排名季报") != std::string::npos);
  CHECK(period_slurp(dir + "/report-2026.html").find("评价排名年报") != std::string::npos);
  const std::string nov_html = period_slurp(dir + "/report-2026-11.html");
  CHECK(nov_html.find("<tbody><tr><td>2</td><td>2</td><td>2</td><td>2</td><td>2</td><td>1</td><td>1</td></tr>") !=
        std::string::npos);
  CHECK(period_occurrences(nov_html, " (结转)</td>") == 2);
  CHECK(h.case_of(untouched) > 0);
  CHECK(h.case_of(late) > 0);

  // The controller's JSON keeps the reason too (report.period).
  auto reply = ask_admin(h.t, {{"type", "report.period"}, {"period", "2026-11"}});
  bool seen = false;
  for (const auto& c : reply["report"]["cases"])
    if (c["ticket"] == mistaken) {
      seen = true;
      CHECK(c["state"] == "closed");
      CHECK(c["rejected"] == true);
      CHECK(c["reject_reason"] == reason);
      CHECK(c["path"] == "待核实→不予认定→已办结");
    }
  CHECK(seen);
  // The ratings export keeps the rejected rating, marked as not counted.
  auto ratings = h.hallctl({"evaluations", "export", "--period", "2026-11", "--csv"});
  CHECK(ratings.code == 0);
  CHECK(period_occurrences(ratings.output, "\r\n") == 9);  // a header and 8 ratings
  CHECK(period_occurrences(ratings.output, ",否(不予认定)\r\n") == 1);
  CHECK(period_occurrences(ratings.output, ",是\r\n") == 7);
  // A period not yet begun is refused with what to do.
  auto future = h.hallctl({"report", "--period", "2027-01", "--out", dir});
  CHECK(future.code == 1);
  CHECK(future.output.find("has not begun") != std::string::npos);
}

TEST_CASE("hallctl evaluations export writes every stored rating of a period as CSV, phones masked, page by page") {
  HallZoneScope zone("Asia/Shanghai");
  PeriodHall h;
  h.rate(PeriodHall::at(9, 30, 15), 5);  // September: outside Q4
  for (int i = 0; i < 7; ++i) h.rate(PeriodHall::at(10, 10 + i, 10), 4);
  h.rate(PeriodHall::at(11, 5, 10), 1, "13812345678", Json::array({"attitude", "long_wait"}));
  h.rate(PeriodHall::at(12, 1, 7, 30), 5, "13900001111");
  h.now_ms = PeriodHall::at(12, 2, 12);
  const int64_t from = PeriodHall::at(10, 1, 0), to = PeriodHall::at(12, 31, 0) + 86400000;
  const int64_t stored = db_scalar(h.t.db_path(), "SELECT count(*) FROM evaluations WHERE created_ms >= " +
                                                      std::to_string(from) + " AND created_ms < " + std::to_string(to));
  REQUIRE(stored == 9);

  TempDir out;
  auto r = h.hallctl({"evaluations", "export", "--period", "2026-Q4", "--csv", "--out", out.str("q4.csv"), "--page", "2"});
  INFO(r.output);
  REQUIRE(r.code == 0);
  const std::string csv = period_slurp(out.str("q4.csv"));
  INFO(csv);
  CHECK(csv.rfind("\xEF\xBB\xBF编号,评价时间,接收时间,排队号,办理事项,窗口编号,窗口,工号,工作人员,评分,评价,原因,联系电话", 0) == 0);
  CHECK(static_cast<int64_t>(period_occurrences(csv, "\r\n")) == stored + 1);  // a header and one row each
  CHECK(csv.find("2026-12-01 07:30 (+08:00)") != std::string::npos);
  CHECK(csv.find(",139****1111,") != std::string::npos);
  CHECK(csv.find(",138****5678,") != std::string::npos);
  CHECK(csv.find("13812345678") == std::string::npos);
  CHECK(csv.find("13900001111") == std::string::npos);
  CHECK(csv.find("sb1:") == std::string::npos);  // never the sealed number
  CHECK(csv.find(",态度、等候太久,") != std::string::npos);  // the labels the citizen chose
  CHECK(csv.find("2026-09-30") == std::string::npos);

  // To stdout (a pipe): the same bytes.
  auto piped = h.hallctl({"evaluations", "export", "--period", "2026-Q4", "--csv"});
  CHECK(piped.code == 0);
  CHECK(piped.output == csv);
  // A month and a year, and a bad period refused.
  auto nov = h.hallctl({"evaluations", "export", "--period", "2026-11", "--csv"});
  CHECK(period_occurrences(nov.output, "\r\n") == 2);
  auto year = h.hallctl({"evaluations", "export", "--period", "2026", "--csv", "--page", "3"});
  CHECK(period_occurrences(year.output, "\r\n") == 11);
  auto bad = h.hallctl({"evaluations", "export", "--period", "2026-13", "--csv"});
  CHECK(bad.code != 0);
}
