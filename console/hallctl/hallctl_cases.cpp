// hallctl cases / hallctl case ID [ACTION]: the bad-review cases (差评整改),
// overdue first, one case with its whole history, and the steps of their
// follow-up, each recorded with who did it in the controller's audit table. `hallctl case ID phone` shows the
// citizen's full callback number to a manager for the 回访 (audited as
// phone.reveal; everywhere else the number is masked).
#include <iostream>

#include "console/hallctl/hallctl.h"
#include "common/vocab/admin_types.h"

namespace hallctl {

namespace {
std::string owner_of(const hall::Json& c) {
  const auto& o = c["owner"];
  const std::string id = o.value("id", ""), name = o.value("name", "");
  if (id.empty()) return "-";
  return name.empty() || name == id ? id : name + "(" + id + ")";
}

void print_case(const hall::Json& c) {
  std::string state = c.value("state", "") + " " + c.value("label", "");
  if (c.value("overdue", false)) state += " 逾期OVERDUE";
  // The day the next step is due; a deadline past the end of the holiday
  // table may still move (暂定).
  std::string due = c.value("due", "");
  if (!due.empty() && c.value("state", "") == "rectified") due += " 回访";
  if (!due.empty() && c.value("deadline_provisional", false)) due += " (暂定)";
  std::cout << pad(std::to_string(c.value("id", 0)), 6) << pad(state, 28) << pad(due.empty() ? "-" : due, 18)
            << pad(c.value("ticket", ""), 8) << pad(std::to_string(c.value("score", 0)), 6)
            << pad(std::to_string(c["window"].value("number", 0)) + " " + c["window"].value("name", ""), 20)
            << pad(c["staff"].value("name", ""), 10) << pad(owner_of(c), 14) << c.value("phone", "") << "\n";
  for (const char* f : {"reject_reason", "action_taken", "callback_result", "close_note"})
    if (!c.value(f, "").empty()) std::cout << "      " << f << ": " << c.value(f, "") << "\n";
}

// hallctl case ID: the case, then each step in the audit log.
int print_history(const hall::Json& body) {
  const auto& c = body["case"];
  std::cout << "case " << c.value("id", 0) << "  " << c.value("state", "") << " " << c.value("label", "")
            << (c.value("overdue", false) ? "  逾期OVERDUE" : "") << "\n"
            << "  rating:   " << c.value("score", 0) << " on ticket " << c.value("ticket", "") << " at "
            << c.value("opened_at", "") << ", window " << c["window"].value("number", 0) << " "
            << c["window"].value("name", "") << ", staff " << c["staff"].value("name", "") << "\n"
            << "  owner:    " << owner_of(c) << "\n"
            << "  due:      rectify by " << c.value("deadline", "")
            << (c.value("callback_deadline", "").empty() ? "" : ", call back by " + c.value("callback_deadline", ""))
            << "\n";
  for (const char* f : {"reject_reason", "action_taken", "callback_result", "close_note", "closed_at"})
    if (!c.value(f, "").empty()) std::cout << "  " << pad(std::string(f) + ":", 17) << c.value(f, "") << "\n";
  std::cout << "history:\n";
  for (const auto& h : body["history"]) {
    std::string step = h.value("what", "");
    if (h.value("from", "") != h.value("to", "") && !h.value("to", "").empty())
      step += " (" + (h.value("from", "").empty() ? "" : h.value("from", "") + " -> ") + h.value("to", "") + ")";
    std::cout << "  " << pad(h.value("at", ""), 27) << pad(h.value("who", ""), 14) << step
              << (h.value("note", "").empty() ? "" : ": " + h.value("note", "")) << "\n";
  }
  return 0;
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
                << pad("window", 20) << pad("staff", 10) << pad("owner", 14) << "phone\n";
    for (const auto& c : cases) print_case(c);
    return 0;
  });

  auto* one = app.add_subcommand(
      "case", "one case: its history, or a step: assign, verify, reject, rectify, follow-up, close, appeal, reopen");
  auto id = std::make_shared<int64_t>(0);
  auto action = std::make_shared<std::string>();
  auto by = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  auto taken = std::make_shared<std::string>();
  auto result = std::make_shared<std::string>();
  auto owner = std::make_shared<std::string>();
  auto override_ = std::make_shared<bool>(false);
  one->add_option("id", *id, "the case number (hallctl cases)")->required()->check(record_number("hallctl cases"));
  one->add_option("step", *action,
                  "assign | verify | reject | rectify | follow-up | close | appeal | reopen, or phone: the full "
                  "callback number (managers; audited). Without a step: the case and its history");
  one->add_option("--by", *by, "only with security.mode = none: who does it (with keys, the key's owner is recorded)");
  one->add_option("--reason", *reason, "why (reject, appeal, close --override; a note for assign)");
  one->add_option("--action", *taken, "what was done to rectify (rectify)");
  one->add_option("--result", *result, "callback result: 满意, 基本满意 or 不满意 (follow-up)");
  one->add_option("--to", *owner, "the new owner: a staff id or a person's key name (assign)");
  one->add_flag("--override", *override_, "close after a 不满意 callback (managers; give --reason)");
  commands.add(one, [=](const Context& ctx) {
    std::string step = *action;
    for (auto& ch : step)
      if (ch == '-') ch = '_';
    if (step.empty()) {
      auto reply = ctx.call(hall::wire::admin::kCaseShow, {{"case", *id}});
      if (!reply) return 1;
      if (ctx.print_json(reply->body)) return 0;
      return print_history(reply->body);
    }
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
    if (!owner->empty()) fields["owner"] = *owner;
    if (*override_) fields["override"] = true;
    auto reply = ctx.call(hall::wire::admin::kCaseAct, fields);
    if (!reply) return 1;
    if (ctx.print_json(reply->body)) return 0;
    const auto& c = reply->body["case"];
    std::cout << "case " << *id << " is now " << c.value("state", "") << " " << c.value("label", "");
    if (step == "assign") std::cout << ", owner " << owner_of(c);
    if (!c.value("due", "").empty()) std::cout << ", due " << c.value("due", "");
    std::cout << "\n";
    return 0;
  });
}

}  // namespace hallctl
