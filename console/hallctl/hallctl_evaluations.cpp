// hallctl evaluations / hallctl tickets: recent citizen ratings (phone
// numbers masked) and recent queue tickets, from the controller; hallctl
// evaluations export --period P --csv: every stored rating of a month,
// quarter or year as CSV, fetched page by page (evaluations.export); hallctl
// upstream backfill: queue the ratings stored before upstream reporting was on.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "console/hallctl/hallctl.h"
#include "common/time/clock.h"
#include "common/time/iso8601.h"
#include "common/time/zone.h"
#include "common/vocab/admin_types.h"
#include "controller/report/report.h"

namespace hallctl {

namespace {
// "2h", "30m", "7d" -> an ISO time that long ago; anything else is passed on
// as an ISO time for the controller to check.
std::string since_value(const std::string& text) {
  if (text.size() >= 2) {
    const char unit = text.back();
    const std::string number = text.substr(0, text.size() - 1);
    if ((unit == 'm' || unit == 'h' || unit == 'd') &&
        number.find_first_not_of("0123456789") == std::string::npos && number.size() < 7) {
      const long n = std::stol(number);
      const long minutes = unit == 'm' ? n : unit == 'h' ? n * 60 : n * 1440;
      return hall::iso_time(std::chrono::system_clock::now() - std::chrono::minutes(minutes));
    }
  }
  return text;
}

std::string hhmm(const std::string& iso) { return iso.size() >= 16 ? iso.substr(5, 11) : iso; }

// Where the export goes: a file written under a temporary name and renamed
// when complete, or stdout. A pipe or file on stdout gets the bytes as they
// are (CRLF, BOM); a terminal gets them through hallctl's filter, CRs dropped.
class ExportSink {
 public:
  explicit ExportSink(std::string path) : path_(std::move(path)) {
    if (!path_.empty()) file_.open(path_ + ".tmp", std::ios::binary | std::ios::trunc);
  }
  bool ok() const { return path_.empty() || static_cast<bool>(file_); }
  bool put(const std::string& text) {
    if (!path_.empty()) return static_cast<bool>(file_ << text);
    if (isatty(STDOUT_FILENO)) {
      std::string t;
      for (char c : text)
        if (c != '\r') t += c;
      std::cout << t;
      return static_cast<bool>(std::cout);
    }
    std::cout.flush();
    size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    return true;
  }
  // Renames the finished file into place; "" when done, else what went wrong.
  std::string finish() {
    if (path_.empty()) return "";
    file_.close();
    if (!file_) return "writing " + path_ + ".tmp failed (disk full?)";
    std::error_code ec;
    std::filesystem::rename(path_ + ".tmp", path_, ec);
    return ec ? "cannot rename " + path_ + ".tmp to " + path_ + ": " + ec.message() : "";
  }
  void abandon() {
    if (path_.empty()) return;
    file_.close();
    std::error_code ec;
    std::filesystem::remove(path_ + ".tmp", ec);
  }

 private:
  std::string path_;
  std::ofstream file_;
};

int export_evaluations(const Context& ctx, const std::string& period, const std::string& out, int page) {
  ExportSink sink(out);
  if (!sink.ok()) {
    std::cerr << "hallctl: cannot write " << out << ".tmp; check the directory exists and is writable\n";
    return 1;
  }
  auto fail = [&](const std::string& why) {
    sink.abandon();
    if (!why.empty()) std::cerr << "hallctl: " << why << "\n";
    return 1;
  };
  std::string header = controller::kCsvBom;
  header += controller::csv_line({"编号", "评价时间", "接收时间", "排队号", "办理事项", "窗口编号", "窗口", "工号",
                                  "工作人员", "评分", "评价", "原因", "联系电话", "评价器", "渠道", "计入排名"});
  if (!sink.put(header)) return fail("writing the export failed");
  int64_t after = 0, rows = 0, total = -1;
  std::optional<hall::TimeZone> zone;
  while (true) {
    auto reply = ctx.call(hall::wire::admin::kEvaluationsExport,
                          {{"period", period}, {"after", after}, {"limit", page}}, std::chrono::seconds(30));
    if (!reply) return fail("");
    const auto& b = reply->body;
    if (b.contains("total")) total = b["total"].get<int64_t>();
    if (!zone) {
      auto z = hall::TimeZone::named(b.value("timezone", ""));
      zone = z ? *z : hall::hall_zone();
    }
    auto when = [&](const std::string& iso) {
      auto t = hall::parse_iso_time(iso);
      return t ? hall::display_time(*t, *zone) : iso;
    };
    std::string chunk;
    for (const auto& e : b["evaluations"]) {
      const std::string reasons = e.value("reasons_text", "");  // the labels the citizen chose
      const int score = e.value("score", 0);
      chunk += controller::csv_line(
          {e.value("uuid", ""), when(e.value("created_at", "")), when(e.value("received_at", "")),
           e.value("ticket", ""), e.value("service_item", ""), std::to_string(e.value("window", int64_t{0})),
           e.value("window_name", ""), e.value("staff_id", ""), e.value("staff", ""), std::to_string(score),
           e.value("label", ""), reasons, e.value("phone", ""), e.value("kiosk_id", ""),
           e.value("channel", ""), e.value("counted", true) ? "是" : "否(不予认定)"});
      ++rows;
    }
    if (!sink.put(chunk)) return fail("writing the export failed");
    if (b["next"].is_null()) break;
    after = b["next"].get<int64_t>();
  }
  if (auto why = sink.finish(); !why.empty()) return fail(why);
  if (!out.empty()) {
    if (ctx.print_json({{"file", out}, {"period", period}, {"rows", rows}, {"total", total}})) return 0;
    std::cout << "ratings " << period << ": " << rows << " rows written to " << out << "\n";
  }
  if (total >= 0 && rows != total)
    std::cerr << "hallctl: note: " << rows << " rows exported but " << total
              << " were stored when the export began (ratings arrived meanwhile)\n";
  return 0;
}
}  // namespace

void add_evaluation_commands(CLI::App& app, Commands& commands) {
  auto* ev = app.add_subcommand("evaluations", "list recent citizen ratings (phone numbers masked)");
  ev->require_subcommand(0, 1);
  auto* ex = ev->add_subcommand("export", "every rating of a month, quarter or year as CSV (phones masked)");
  auto xperiod = std::make_shared<std::string>();
  auto xout = std::make_shared<std::string>();
  auto xpage = std::make_shared<int>(2000);
  ex->add_option("--period", *xperiod, "a month 2026-11, a quarter 2026-Q4 or a year 2026")->required();
  ex->add_flag("--csv")->description("CSV (UTF-8 with BOM, as the report's CSVs); the only format");
  ex->add_option("--out", *xout, "write to this file (default: stdout)");
  ex->add_option("--page", *xpage, "ratings fetched per request")->check(CLI::Range(1, 5000));
  commands.add(ex, [xperiod, xout, xpage](const Context& ctx) {
    return export_evaluations(ctx, *xperiod, *xout, *xpage);
  });
  auto since = std::make_shared<std::string>();
  auto limit = std::make_shared<int>(20);
  ev->add_option("--since", *since, "only ratings received since: an ISO time or 30m, 2h, 7d");
  ev->add_option("--limit", *limit, "at most this many (newest first)")->check(CLI::Range(1, 10000));
  commands.add(ev, [since, limit](const Context& ctx) {
    hall::Json fields = {{"limit", *limit}};
    if (!since->empty()) fields["since"] = since_value(*since);
    auto reply = ctx.call(hall::wire::admin::kEvaluationsList, fields);
    if (!reply) return 1;
    const auto& list = reply->body["evaluations"];
    if (ctx.print_json(reply->body)) return 0;
    std::cout << list.size() << " shown, " << reply->body.value("total", 0) << " stored\n";
    if (!list.empty())
      std::cout << pad("received", 13) << pad("ticket", 8) << pad("score", 14) << pad("window", 7)
                << pad("staff", 8) << pad("kiosk", 10) << pad("phone", 13) << "reasons\n";
    for (const auto& e : list) {
      std::string reasons;
      for (const auto& r : e["reasons"]) reasons += (reasons.empty() ? "" : ",") + r.get<std::string>();
      std::cout << pad(hhmm(e.value("received_at", "")), 13) << pad(e.value("ticket", ""), 8)
                << pad(std::to_string(e.value("score", 0)) + " " + e.value("label", ""), 14)
                << pad(std::to_string(e.value("window", 0)), 7) << pad(e.value("staff", ""), 8)
                << pad(e.value("kiosk_id", ""), 10) << pad(e.value("phone", ""), 13) << reasons << "\n";
    }
    return 0;
  });

  auto* up = app.add_subcommand("upstream", "reporting to the provincial 好差评 platform");
  up->require_subcommand(1);
  auto* backfill = up->add_subcommand("backfill", "send the ratings (and closed cases' 整改 records) stored since a "
                                                  "time that were never sent; nothing is sent twice");
  struct Backfill {
    std::string since, by;
  };
  auto b = std::make_shared<Backfill>();
  backfill->add_option("--since", b->since, "hall-time date or date and time, e.g. 2026-11-01 or \"2026-11-01 08:30\"")
      ->required();
  backfill->add_option("--by", b->by, "only with security.mode = none: who runs it (with keys, the key's owner)");
  commands.add(backfill, [b](const Context& ctx) {
    hall::Json f = {{"since", b->since}};
    if (!b->by.empty()) f["by"] = b->by;
    auto reply = ctx.call(hall::wire::admin::kUpstreamBackfill, f);
    if (!reply) return 1;
    if (ctx.print_json(reply->body)) return 0;
    const auto& e = reply->body["evaluations"];
    const auto& r = reply->body["rectifications"];
    std::cout << "since " << text(reply->body, "since") << ": " << e.value("queued", 0) << " ratings and "
              << r.value("queued", 0) << " 整改 records queued for upstream; " << e.value("skipped", 0)
              << " ratings and " << r.value("skipped", 0) << " 整改 records skipped (already sent or waiting)\n";
    return 0;
  });

  auto* tk = app.add_subcommand("tickets", "list recent queue tickets with wait and service times");
  auto tlimit = std::make_shared<int>(20);
  tk->add_option("--limit", *tlimit, "at most this many (newest first)")->check(CLI::Range(1, 1000));
  commands.add(tk, [tlimit](const Context& ctx) {
    auto reply = ctx.call(hall::wire::admin::kTicketsList, {{"limit", *tlimit}});
    if (!reply) return 1;
    if (ctx.print_json(reply->body)) return 0;
    const auto& list = reply->body["tickets"];
    std::cout << "queue feed: " << (reply->body.value("feed", "").empty() ? "off" : reply->body.value("feed", ""))
              << " (" << reply->body.value("link", "") << "); " << list.size() << " tickets\n";
    if (!list.empty())
      std::cout << pad("ticket", 8) << pad("state", 10) << pad("issued", 13) << pad("window", 7)
                << pad("staff", 8) << pad("wait", 7) << pad("service", 8) << "item\n";
    auto secs = [](int64_t s) { return s < 0 ? std::string("-") : std::to_string(s / 60) + "m" + std::to_string(s % 60) + "s"; };
    for (const auto& t : list)
      std::cout << pad(t.value("ticket", ""), 8) << pad(t.value("state", ""), 10)
                << pad(hhmm(t.value("created_at", "")), 13) << pad(std::to_string(t.value("window", 0)), 7)
                << pad(t.value("staff", ""), 8) << pad(secs(t.value("wait_s", int64_t{-1})), 7)
                << pad(secs(t.value("service_s", int64_t{-1})), 8) << t.value("service_item", "") << "\n";
    return 0;
  });
}

}  // namespace hallctl
