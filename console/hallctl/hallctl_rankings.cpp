// hallctl rankings show|recompute: the star rankings (三比三评) of a period as
// the controller's rankings service holds them (citizen ratings, peer and
// leader reviews, bonuses), and a rebuild from the raw rows that says whether
// it matched the running tally.
#include <iomanip>
#include <iostream>
#include <sstream>

#include "console/hallctl/hallctl.h"
#include "common/vocab/admin_types.h"

namespace hallctl {

namespace {
std::string number(const hall::Json& v, int digits = 2) {
  if (!v.is_number()) return "-";
  std::ostringstream o;
  o << std::fixed << std::setprecision(digits) << v.get<double>();
  return o.str();
}

std::string stars(int n) {
  std::string s;
  for (int i = 0; i < 5; ++i) s += i < n ? "★" : "☆";
  return n > 0 ? s : "-";
}

// 评价数不足 (not ranked), 约谈, and the components that are the hall's
// average because the subject had none of its own (按全厅平均).
std::string notes(const hall::Json& r) {
  std::string out;
  auto add = [&out](const std::string& s) { out += (out.empty() ? "" : "; ") + s; };
  if (r.value("too_few", false)) add("评价数不足");
  if (r.value("talk", false)) add("约谈");
  std::string avg;
  for (auto [key, name] : {std::pair{"citizen_hall", "citizen"}, std::pair{"peer_hall", "peer"},
                           std::pair{"leader_hall", "leader"}})
    if (r.value(key, false)) avg += (avg.empty() ? "" : "+") + std::string(name);
  if (!avg.empty()) add(avg + " 按全厅平均");
  return out.empty() ? "-" : out;
}

void table(const char* title, const hall::Json& rows, bool windows) {
  std::cout << title << " (" << rows.size() << ")\n";
  if (rows.empty()) return;
  std::cout << pad("rank", 6) << pad(windows ? "window" : "staff", 24) << pad("stars", 7) << pad("score", 9)
            << pad("ratings", 9) << pad("mean", 7) << pad("satisfied%", 12) << pad("peer", 8) << pad("leader", 8)
            << pad("bonus", 8) << "notes\n";
  for (const auto& r : rows) {
    const int rank = r.value("rank", 0);
    const std::string who = windows ? std::to_string(r.value("number", 0)) + " " + r.value("name", "")
                                    : r.value("name", "") + " (" + r.value("id", "") + ")";
    std::cout << pad(rank > 0 ? std::to_string(rank) : "-", 6) << pad(who, 24) << pad(stars(r.value("stars", 0)), 7)
              << pad(number(r["composite"]), 9) << pad(std::to_string(r.value("count", 0)), 9)
              << pad(number(r["mean"]), 7) << pad(number(r["satisfaction"], 1), 12) << pad(number(r["peer"]), 8)
              << pad(number(r["leader"]), 8) << pad(r.value("bonus", 0.0) > 0 ? "+" + number(r["bonus"]) : "-", 8)
              << notes(r) << "\n";
  }
}
}  // namespace

void add_rankings_commands(CLI::App& app, Commands& commands) {
  auto* rk = app.add_subcommand("rankings", "star rankings of windows and staff (三比三评)");
  rk->require_subcommand(1);

  auto* show = rk->add_subcommand("show", "standings of a period, best first");
  auto period = std::make_shared<std::string>();
  show->add_option("--period", *period, "2026-11 (month), 2026-Q4 (quarter) or 2026 (year); default this month");
  commands.add(show, [period](const Context& ctx) {
    hall::Json fields = hall::Json::object();
    if (!period->empty()) fields["period"] = *period;
    auto reply = ctx.call(hall::wire::admin::kRankingsShow, fields);
    if (!reply) return 1;
    if (ctx.print_json(reply->body)) return 0;
    const auto& b = reply->body;
    std::cout << b.value("label", "") << " (" << b.value("period", "")
              << (b.value("live", false) ? ", 本月实时: still changing" : "") << "): " << b.value("ratings", 0)
              << " ratings; a window or person needs " << b.value("min_ratings", 0)
              << " to be ranked (fewer: 评价数不足)\n";
    table("windows", b["windows"], true);
    table("staff", b["staff"], false);
    if (b.contains("talk_months") && b["talk_months"].size() == 2) {
      std::string who;
      for (const auto& w : b["windows"])
        if (w.value("talk", false)) who += (who.empty() ? "" : ", ") + std::to_string(w.value("number", 0)) + " " + w.value("name", "");
      std::cout << "约谈 (bottom in " << b["talk_months"][0].get<std::string>() << " and "
                << b["talk_months"][1].get<std::string>() << "): " << (who.empty() ? "none" : who) << "\n";
    }
    return 0;
  });

  auto* re = rk->add_subcommand("recompute", "rebuild the rankings from the stored ratings and compare");
  commands.add(re, [](const Context& ctx) {
    auto reply = ctx.call(hall::wire::admin::kRankingsRecompute, hall::Json::object(), std::chrono::seconds(60));
    if (!reply) return 1;
    if (ctx.print_json(reply->body)) return 0;
    const bool matched = reply->body.value("matched", false);
    std::cout << "recomputed from " << reply->body.value("ratings", 0) << " ratings: "
              << (matched ? "matched the running tally" : "DIFFERED from the running tally (now replaced; see the controller log)")
              << "\n";
    return matched ? 0 : 1;
  });
}

}  // namespace hallctl
