// hallctl review peer|leader, hallctl bonus add|withdraw, hallctl reviews: entering the
// reviews besides citizen ratings (党员互评, 领导点评, 比技能) and listing them.
// The controller checks each entry (same department, leader role, one per
// pair, bonus limit) and says what to fix; the rankings change at once.
#include <iostream>

#include "console/hallctl/hallctl.h"
#include "common/vocab/admin_types.h"

namespace hallctl {

namespace {
std::string who(const hall::Json& p) {
  const std::string name = p.value("name", "");
  return name.empty() ? p.value("id", "") : name + " (" + p.value("id", "") + ")";
}

std::string subject(const hall::Json& s) {
  if (s.value("kind", "") == "window") {
    const std::string name = s.value("name", "");
    return "window " + std::to_string(s.value("number", 0)) + (name.empty() ? "" : " " + name);
  }
  return who(s);
}

std::string points(double p) {
  std::string s = std::to_string(p);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// --staff ID or --window N, exactly one.
bool put_subject(hall::Json& fields, const std::string& staff, int window) {
  if (!staff.empty() && window > 0) {
    std::cerr << "hallctl: --staff " << text(staff) << " and --window " << window
              << " both given; name one subject: a person or a window\n";
    return false;
  }
  if (staff.empty() && window <= 0) {
    std::cerr << "hallctl: name the subject with either --staff ID or --window N\n";
    return false;
  }
  fields["subject_kind"] = staff.empty() ? "window" : "staff";
  fields["subject"] = staff.empty() ? std::to_string(window) : staff;
  return true;
}

int entered(const Context& ctx, const hall::Message& reply, const std::string& what) {
  if (ctx.print_json(reply.body)) return 0;
  std::cout << what << " " << reply.body.value("id", 0) << " stored for " << subject(reply.body["subject"]) << ", "
            << reply.body.value("period", "") << "; see hallctl rankings show --period "
            << reply.body.value("period", "") << "\n";
  return 0;
}
}  // namespace

void add_reviews_commands(CLI::App& app, Commands& commands) {
  auto* review = app.add_subcommand("review", "enter a peer review (党员互评) or a leader review (领导点评)");
  review->require_subcommand(1);

  auto* peer = review->add_subcommand("peer", "a peer review within a department: skill, conduct, results 1-5");
  struct Peer {
    std::string period, reviewer, reviewee, comment;
    int skill = 0, conduct = 0, results = 0;
  };
  auto p = std::make_shared<Peer>();
  peer->add_option("--period", p->period, "the month reviewed, e.g. 2026-11")->required();
  peer->add_option("--reviewer", p->reviewer, "only with security.mode = none: the reviewer's staff id (with keys, "
                                               "the key's owner is the reviewer)");
  peer->add_option("--reviewee", p->reviewee, "staff id of the person reviewed (same department)")->required();
  peer->add_option("--skill", p->skill, "技能 1-5")->required()->check(CLI::Range(1, 5));
  peer->add_option("--conduct", p->conduct, "作风 1-5")->required()->check(CLI::Range(1, 5));
  peer->add_option("--results", p->results, "业绩 1-5")->required()->check(CLI::Range(1, 5));
  peer->add_option("--comment", p->comment, "optional comment");
  commands.add(peer, [p](const Context& ctx) {
    hall::Json f = {{"period", p->period}, {"reviewee", p->reviewee}, {"skill", p->skill},
                    {"conduct", p->conduct}, {"results", p->results}};
    if (!p->reviewer.empty()) f["reviewer"] = p->reviewer;
    if (!p->comment.empty()) f["comment"] = p->comment;
    auto reply = ctx.call(hall::wire::admin::kReviewPeer, f);
    return reply ? entered(ctx, *reply, "peer review") : 1;
  });

  auto* leader = review->add_subcommand("leader", "a leader review of a person or a window (reviewer needs the leader role)");
  struct Leader {
    std::string period, reviewer, kind, staff, comment;
    int window = 0, score = 0;
  };
  auto l = std::make_shared<Leader>();
  leader->add_option("--period", l->period, "the month reviewed, e.g. 2026-11")->required();
  leader->add_option("--reviewer", l->reviewer, "only with security.mode = none: the leader's staff id (with keys, "
                                                 "the key's owner is the reviewer)");
  leader->add_option("--kind", l->kind, "集中, 个别, 随机 or 现场")->required();
  leader->add_option("--staff", l->staff, "staff id reviewed");
  leader->add_option("--window", l->window, "window number reviewed")->check(CLI::Range(1, 999));
  leader->add_option("--score", l->score, "1-5")->required()->check(CLI::Range(1, 5));
  leader->add_option("--comment", l->comment, "optional comment");
  commands.add(leader, [l](const Context& ctx) {
    hall::Json f = {{"period", l->period}, {"kind", l->kind}, {"score", l->score}};
    if (!l->reviewer.empty()) f["reviewer"] = l->reviewer;
    if (!put_subject(f, l->staff, l->window)) return 2;
    if (!l->comment.empty()) f["comment"] = l->comment;
    auto reply = ctx.call(hall::wire::admin::kReviewLeader, f);
    return reply ? entered(ctx, *reply, "leader review") : 1;
  });

  auto* bonus = app.add_subcommand("bonus", "skill-contest bonus points (比技能)");
  bonus->require_subcommand(1);
  auto* add = bonus->add_subcommand("add", "add bonus points to a person or a window for a period");
  struct Bonus {
    std::string period, staff, reason, by;
    int window = 0;
    double points = 0;
  };
  auto b = std::make_shared<Bonus>();
  add->add_option("--period", b->period, "the month it counts in, e.g. 2026-11")->required();
  add->add_option("--staff", b->staff, "staff id");
  add->add_option("--window", b->window, "window number")->check(CLI::Range(1, 999));
  add->add_option("--points", b->points,
                  "points added to the composite, e.g. 2.5 (all of a month's together at most ranking.bonus_max)")
      ->required();
  add->add_option("--reason", b->reason, "why, e.g. 业务技能竞赛一等奖")->required();
  add->add_option("--by", b->by, "only with security.mode = none: who enters it (with keys, the key's owner)");
  commands.add(add, [b](const Context& ctx) {
    hall::Json f = {{"period", b->period}, {"points", b->points}, {"reason", b->reason}};
    if (!b->by.empty()) f["by"] = b->by;
    if (!put_subject(f, b->staff, b->window)) return 2;
    auto reply = ctx.call(hall::wire::admin::kBonusAdd, f);
    if (!reply) return 1;
    if (ctx.print_json(reply->body)) return 0;
    std::cout << "bonus " << reply->body.value("id", 0) << " stored: +" << points(reply->body.value("points", 0.0))
              << " for " << subject(reply->body["subject"]) << ", " << reply->body.value("period", "") << "\n";
    return 0;
  });

  auto* list = app.add_subcommand("reviews", "peer reviews, leader reviews and bonuses entered");
  auto period = std::make_shared<std::string>();
  list->add_option("--period", *period, "only this period, e.g. 2026-11");
  commands.add(list, [period](const Context& ctx) {
    hall::Json f = hall::Json::object();
    if (!period->empty()) f["period"] = *period;
    auto reply = ctx.call(hall::wire::admin::kReviewsList, f);
    if (!reply) return 1;
    const auto& r = reply->body;
    if (ctx.print_json(r)) return 0;
    std::cout << "peer reviews (" << r["peer"].size() << ")\n";
    for (const auto& x : r["peer"])
      std::cout << "  " << x.value("id", 0) << "  " << x.value("period", "") << "  " << who(x["reviewer"]) << " -> "
                << who(x["reviewee"]) << "  技能" << x.value("skill", 0) << " 作风" << x.value("conduct", 0) << " 业绩"
                << x.value("results", 0) << (x.value("comment", "").empty() ? "" : "  " + x.value("comment", ""))
                << "\n";
    std::cout << "leader reviews (" << r["leader"].size() << ")\n";
    for (const auto& x : r["leader"])
      std::cout << "  " << x.value("id", 0) << "  " << x.value("period", "") << "  " << x.value("kind", "") << "  "
                << who(x["reviewer"]) << " -> " << subject(x["subject"]) << "  " << x.value("score", 0)
                << (x.value("comment", "").empty() ? "" : "  " + x.value("comment", "")) << "\n";
    std::cout << "bonuses (" << r["bonuses"].size() << ")\n";
    for (const auto& x : r["bonuses"]) {
      std::cout << "  " << x.value("id", 0) << "  " << x.value("period", "") << "  +" << points(x.value("points", 0.0))
                << "  " << subject(x["subject"]) << "  " << text(x, "reason") << "  by " << who(x["by"]);
      if (x.contains("withdrawn"))
        std::cout << "  WITHDRAWN " << text(x["withdrawn"], "at") << " by " << text(x["withdrawn"], "by") << ": "
                  << text(x["withdrawn"], "reason") << " (does not count)";
      std::cout << "\n";
    }
    return 0;
  });

  auto* withdraw = bonus->add_subcommand("withdraw", "withdraw a bonus entered by mistake: it stops counting, "
                                                     "stays listed, and the audit log keeps who and why");
  struct Withdraw {
    int64_t id = 0;
    std::string reason, by;
  };
  auto w = std::make_shared<Withdraw>();
  withdraw->add_option("id", w->id, "the bonus number (hallctl reviews)")->required()->check(record_number("hallctl reviews"));
  withdraw->add_option("--reason", w->reason, "why, e.g. 重复录入")->required();
  withdraw->add_option("--by", w->by, "only with security.mode = none: who withdraws it (with keys, the key's owner)");
  commands.add(withdraw, [w](const Context& ctx) {
    hall::Json f = {{"bonus", w->id}, {"reason", w->reason}};
    if (!w->by.empty()) f["by"] = w->by;
    auto reply = ctx.call(hall::wire::admin::kBonusWithdraw, f);
    if (!reply) return 1;
    if (ctx.print_json(reply->body)) return 0;
    std::cout << "bonus " << reply->body.value("id", 0) << " withdrawn: +" << points(reply->body.value("points", 0.0))
              << " for " << subject(reply->body["subject"]) << ", " << reply->body.value("period", "")
              << " no longer counts\n";
    return 0;
  });
}

}  // namespace hallctl
