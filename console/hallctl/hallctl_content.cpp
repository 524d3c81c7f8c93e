// hallctl content import DIR / export DIR: the content directory
// (docs/content.md) to and from the controller, as one admin message each.
#include <filesystem>
#include <iostream>
#include <memory>

#include "controller/content/content_files.h"
#include "console/hallctl/hallctl.h"
#include "common/vocab/admin_types.h"

namespace hallctl {

namespace {
constexpr auto kTimeout = std::chrono::seconds(30);

// A quick status call first, so a controller that is not running is reported
// in seconds rather than after the long timeout a large bundle needs.
bool reachable(const Context& ctx) { return ctx.call(hall::wire::admin::kStatus, hall::Json::object(), std::chrono::seconds(3)).has_value(); }

int import_dir(const Context& ctx, const std::string& dir) {
  auto bundle = controller::content::read_content_dir(dir);
  if (!bundle) {
    std::cerr << "hallctl: " << bundle.error() << "\n";
    return 1;
  }
  // The controller would drop a larger message unanswered; say so here.
  if (const size_t size = hall::encode_message(hall::wire::admin::kContentImport, *bundle).size(); size > hall::kMaxAdminMessageBytes) {
    std::cerr << "hallctl: " << dir << " with its photos is " << size / (1024 * 1024)
              << " MiB as a message; the limit is 16 MiB: make the photos smaller (about 240x300 px is plenty)\n";
    return 1;
  }
  if (!reachable(ctx)) return 1;
  auto reply = ctx.call(hall::wire::admin::kContentImport, *bundle, kTimeout);
  if (!reply) return 1;
  const auto& b = reply->body;
  if (ctx.print_json(b)) return 0;
  std::cout << "imported " << dir << ":";
  for (const auto& [k, n] : b["records"].items()) std::cout << " " << k << " " << n.get<int64_t>() << ",";
  std::cout << " photos " << b.value("media", 0) << "; " << b.value("changed_keys", 0)
            << " keys published\n";
  if (b.contains("summary")) std::cout << "changed: " << b.value("summary", "") << " (hallctl audit lists the records)\n";
  return 0;
}

int export_dir(const Context& ctx, const std::string& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_empty(dir, ec)) {
    std::cerr << "hallctl: " << dir << " is not empty; export into a new or empty directory\n";
    return 1;
  }
  if (!reachable(ctx)) return 1;
  auto reply = ctx.call(hall::wire::admin::kContentExport, hall::Json::object(), kTimeout);
  if (!reply) return 1;
  hall::Json wire = reply->body;
  wire.erase("type");
  wire.erase("re");
  if (auto s = controller::content::write_content_dir(dir, wire); !s) {
    std::cerr << "hallctl: " << s.error() << "\n";
    return 1;
  }
  std::cout << "exported the content to " << dir << "\n";
  return 0;
}
}  // namespace

void add_content_commands(CLI::App& app, Commands& commands) {
  auto* content = app.add_subcommand("content", "import or export the hall's content directory");
  content->require_subcommand(1);
  auto* imp = content->add_subcommand("import", "replace the content with a directory (all or nothing)");
  auto import_path = std::make_shared<std::string>();
  imp->add_option("DIR", *import_path, "content directory (hall.toml, staff.toml, ..., photos/)")->required();
  commands.add(imp, [import_path](const Context& ctx) { return import_dir(ctx, *import_path); });
  auto* exp = content->add_subcommand("export", "write the content to a new directory");
  auto export_path = std::make_shared<std::string>();
  exp->add_option("DIR", *export_path, "a new or empty directory")->required();
  commands.add(exp, [export_path](const Context& ctx) { return export_dir(ctx, *export_path); });
}

}  // namespace hallctl
