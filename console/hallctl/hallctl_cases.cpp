// hallctl cases / hallctl case ID ACTION: the bad-review cases (差评整改),
// overdue first, and the steps of their follow-up, each recorded with who
// did it in the controller's audit table. `hallctl case ID phone` shows the
// citizen's full callback number to a manager for the 回访 (audited as
// phone.reveal; everywhere else the number is masked).
#include <iostream>

#include "console/hallctl/hallctl.h"
#include "common/vocab/admin_types.h"

namespace hallctl {

namespace {
void print_case(const hall::Json& c) {
  std::string state = c.value("state", "") + " " + c.value("label", "");
  if (c.value("overdue", false)) state += " 逾期OVERDUE";
  // A deadline past the end of the holiday table may still move (暂定).
  const std::string due = c.value("deadline", "") + (c.value("deadline_provisional", false) ? " (暂定)" : "");
  std::cout << pad(std::to_string(c.value("id", 0)), 6) << pad(state, 28) << pad(due, 18)
            << pad(c.value("ticket", ""), 8) << pad(std::to_string(c.value("score", 0)), 6)
            << pad(std::to_string(c["window"].value("number", 0)) + " " + c["window"].value("name", ""), 20)
            << pad(c["staff"].value("name", ""), 10) << c.value("phone", "") << "\n";
  for (const char* f : {"reject_reason", "action_taken", "callback_result"})
    if (!c.value(f, "").empty()) std::cout << "      " << f << ": " << c.value(f, "") << "\n";
}
}  // namespace

void add_cases_commands(CLI::App& app, Commands& commands) {
  auto* list = app.add_subcommand("cases", "bad-review cases (差评整改), overdue first");
  auto all = std::make_shared<bool>(false);
  list->add_flag("--all", *all, "also closed cases");
  commands.add(list, [all](const Context& ctx) {
    auto reply = ctx.call(hall::wire::admin::kCasesList, {{"all", *all}});
    if (!reply) return 1;
    if (ctx.print_json(reply->body)) return 0;
    const auto& cases = reply->body["cases"];
    int overdue = 0;
    for (const auto& c : cases) overdue += c.value("overdue", false);
    std::cout << cases.size() << " cases (" << overdue << " overdue) on " << reply->body.value("today", "") << "\n";
    if (!cases.empty())
      std::cout << pad("id", 6) << pad("state", 28) << pad("due", 18) << pad("ticket", 8) << pad("score", 6)
                << pad("window", 20) << pad("staff", 10) << "phone\n";
    for (const auto& c : cases) print_case(c);
    return 0;
  });

  auto* one = app.add_subcommand("case", "act on one case: verify, reject, rectify, follow-up, close, appeal, reopen");
  auto id = std::make_shared<int64_t>(0);
  auto action = std::make_shared<std::string>();
  auto by = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  auto taken = std::make_shared<std::string>();
  auto result = std::make_shared<std::string>();
  one->add_option("id", *id, "the case number (hallctl cases)")->required()->check(record_number("hallctl cases"));
  one->add_option("step", *action,
                  "verify | reject | rectify | follow-up | close | appeal | reopen, or phone: the full callback "
                  "number (managers; audited)")
      ->required();
  one->add_option("--by", *by, "only with security.mode = none: who does it (with keys, the key's owner is recorded)");
  one->add_option("--reason", *reason, "why (reject, appeal)");
  one->add_option("--action", *taken, "what was done to rectify (rectify)");
  one->add_option("--result", *result, "callback result: 满意, 基本满意 or 不满意 (follow-up)");
  commands.add(one, [=](const Context& ctx) {
    std::string step = *action;
    for (auto& ch : step)
      if (ch == '-') ch = '_';
    if (step == "phone") {
      hall::Json fields = {{"case", *id}};
      if (!by->empty()) fields["by"] = *by;
      auto reply = ctx.call(hall::wire::admin::kCasePhone, fields);
      if (!reply) return 1;
      if (ctx.print_json(reply->body)) return 0;
      std::cout << "case " << *id << " callback number: " << reply->body.value("phone", "")
                << "\n(this look-up is recorded in the audit log)\n";
      return 0;
    }
    const std::string note = !reason->empty() ? *reason : !taken->empty() ? *taken : *result;
    hall::Json fields = {{"case", *id}, {"action", step}};
    if (!by->empty()) fields["by"] = *by;
    if (!note.empty()) fields["note"] = note;
    auto reply = ctx.call(hall::wire::admin::kCaseAct, fields);
    if (!reply) return 1;
    if (ctx.print_json(reply->body)) return 0;
    std::cout << "case " << *id << " is now " << reply->body["case"].value("state", "") << " "
              << reply->body["case"].value("label", "") << "\n";
    return 0;
  });
}

}  // namespace hallctl
