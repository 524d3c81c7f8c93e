// hallctl backup FILE, hallctl restore FILE: the central store copied while
// the controller runs, and put back while it is stopped. Both work on the
// files in controller.data_dir (controller/store_backup.h), so they run on
// the controller's machine, as a user who may read (backup) or write
// (restore) that directory; neither needs the controller's admin socket.
#include <chrono>
#include <iostream>

#include "console/hallctl/hallctl.h"
#include "controller/store_backup.h"

namespace hallctl {

namespace {
std::string phone_key_note(const Context& ctx) {
  return "Callback numbers in the store are sealed with " + ctx.key_dir +
         "/phone.key, which is not in the backup: back that file up too, kept apart from the backups "
         "(docs/security.md); without the same key, the numbers in a restored store cannot be read.";
}

int backup(const Context& ctx, const std::string& file) {
  const auto began = std::chrono::steady_clock::now();
  auto facts = controller::backup_store(ctx.data_dir, file);
  if (!facts) {
    std::cerr << "hallctl: " << facts.error() << "\n";
    return 1;
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  if (ctx.print_json({{"file", file},
                      {"store", ctx.data_dir + "/hall.db"},
                      {"bytes", facts->bytes},
                      {"schema_version", facts->schema_version},
                      {"evaluations", facts->evaluations},
                      {"seconds", s},
                      {"phone_key", ctx.key_dir + "/phone.key"}}))
    return 0;
  std::cout << "backed up " << ctx.data_dir << "/hall.db to " << file << ": " << facts->bytes << " bytes, schema v"
            << facts->schema_version << ", " << facts->evaluations << " rating(s), integrity_check ok, in " << s
            << " s\n"
            << phone_key_note(ctx) << "\n";
  return 0;
}

int restore(const Context& ctx, const std::string& file) {
  auto done = controller::restore_store(ctx.data_dir, file, std::chrono::system_clock::now());
  if (!done) {
    std::cerr << "hallctl: " << done.error() << "\n";
    return 1;
  }
  if (ctx.print_json({{"file", file},
                      {"store", ctx.data_dir + "/hall.db"},
                      {"set_aside", done->set_aside},
                      {"schema_version", done->facts.schema_version},
                      {"evaluations", done->facts.evaluations}}))
    return 0;
  std::cout << "restored " << file << " into " << ctx.data_dir << "/hall.db (schema v" << done->facts.schema_version
            << ", " << done->facts.evaluations << " rating(s))\n";
  if (!done->set_aside.empty())
    std::cout << "the store it replaced is kept as " << done->set_aside << " (with its -wal); nothing was deleted\n";
  std::cout << "start hall-controller now. " << phone_key_note(ctx) << "\n";
  return 0;
}
}  // namespace

void add_backup_commands(CLI::App& app, Commands& commands) {
  auto file = std::make_shared<std::string>();
  auto* b = app.add_subcommand("backup",
                               "copy the store to FILE while the controller runs (SQLite online backup; run on the "
                               "controller's machine)");
  b->add_option("FILE", *file, "the backup file to write (must not exist)")->required();
  commands.add(b, [file](const Context& ctx) { return backup(ctx, *file); });
  auto from = std::make_shared<std::string>();
  auto* r = app.add_subcommand("restore",
                               "put the backup FILE in place of the store (the controller must be stopped; the "
                               "replaced store is kept aside)");
  r->add_option("FILE", *from, "the backup file to restore")->required()->check(CLI::ExistingFile);
  commands.add(r, [from](const Context& ctx) { return restore(ctx, *from); });
}

}  // namespace hallctl
