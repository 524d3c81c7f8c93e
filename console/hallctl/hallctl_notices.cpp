// hallctl notice post|clear|list: ticker notices and the urgent notice that
// takes over every screen until cleared.
#include <iostream>
#include <memory>

#include "console/hallctl/hallctl.h"
#include "common/vocab/admin_types.h"

namespace hallctl {

namespace {
struct PostArgs {
  std::string text;
  bool urgent = false;
  std::string until;
};
struct ClearArgs {
  std::string id;
  bool urgent = false;
};

int post(const Context& ctx, const PostArgs& a) {
  hall::Json fields = {{"text", a.text}, {"urgent", a.urgent}};
  if (!a.until.empty()) fields["until"] = a.until;
  auto reply = ctx.call(hall::wire::admin::kNoticePost, fields);
  if (!reply) return 1;
  const auto& b = reply->body;
  if (ctx.print_json(b)) return 0;
  std::cout << (a.urgent ? "urgent notice posted" : "notice " + b.value("notice", std::string()) + " posted");
  if (!b.value("until", std::string()).empty()) std::cout << " until " << b.value("until", std::string());
  std::cout << "\n";
  return 0;
}

int clear(const Context& ctx, const ClearArgs& a) {
  if (a.urgent == !a.id.empty()) {
    std::cerr << "hallctl: give a notice id (see hallctl notice list) or --urgent\n";
    return 2;
  }
  hall::Json fields = a.urgent ? hall::Json{{"urgent", true}} : hall::Json{{"notice", a.id}};
  auto reply = ctx.call(hall::wire::admin::kNoticeClear, fields);
  if (!reply) return 1;
  if (!ctx.print_json(reply->body)) std::cout << "cleared " << reply->body.value("cleared", std::string()) << "\n";
  return 0;
}

int list(const Context& ctx) {
  auto reply = ctx.call(hall::wire::admin::kNoticeList);
  if (!reply) return 1;
  const auto& b = reply->body;
  if (ctx.print_json(b)) return 0;
  if (b["urgent"].is_object())
    std::cout << "URGENT since " << b["urgent"].value("since", "") << ": " << b["urgent"].value("text", "") << "\n";
  else
    std::cout << "no urgent notice\n";
  std::cout << b["ticker"].size() << " ticker notice(s)\n";
  for (const auto& n : b["ticker"]) {
    std::cout << "  " << n.value("id", "") << "  " << n.value("text", "");
    if (!n.value("until", "").empty()) std::cout << "  (until " << n.value("until", "") << ")";
    std::cout << "\n";
  }
  return 0;
}
}  // namespace

void add_notice_commands(CLI::App& app, Commands& commands) {
  auto* notice = app.add_subcommand("notice", "post, clear or list notices");
  notice->require_subcommand(1);

  auto p = std::make_shared<PostArgs>();
  auto* post_cmd = notice->add_subcommand("post", "post a ticker notice, or with --urgent take over every screen");
  post_cmd->add_option("TEXT", p->text, "what the screens show")->required();
  post_cmd->add_flag("--urgent", p->urgent, "show on every screen until cleared");
  post_cmd->add_option("--until", p->until, "remove it at this time: 18:00, \"2026-11-27 18:00\" or ISO 8601");
  commands.add(post_cmd, [p](const Context& ctx) { return post(ctx, *p); });

  auto c = std::make_shared<ClearArgs>();
  auto* clear_cmd = notice->add_subcommand("clear", "remove a ticker notice by id, or the urgent notice");
  clear_cmd->add_option("ID", c->id, "ticker notice id (hallctl notice list)");
  clear_cmd->add_flag("--urgent", c->urgent, "clear the urgent notice");
  commands.add(clear_cmd, [c](const Context& ctx) { return clear(ctx, *c); });

  auto* list_cmd = notice->add_subcommand("list", "list the urgent and ticker notices");
  commands.add(list_cmd, [](const Context& ctx) { return list(ctx); });
}

}  // namespace hallctl
