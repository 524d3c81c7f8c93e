// hallctl evaluations / hallctl tickets: recent citizen ratings (phone
// numbers masked) and recent queue tickets, from the controller; hallctl
// upstream backfill: queue the ratings stored before upstream reporting was on.
#include <iomanip>
#include <iostream>

#include "console/hallctl/hallctl.h"
#include "common/time/clock.h"
#include "common/vocab/admin_types.h"

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
}  // namespace

void add_evaluation_commands(CLI::App& app, Commands& commands) {
  auto* ev = app.add_subcommand("evaluations", "list recent citizen ratings (phone numbers masked)");
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
