// hall-kiosk: the standing rating kiosk. See docs/operations.md.
#include <cstdio>

#include "hall/app.h"
#include "hall/chp_client.h"
#include "hall/device_link.h"
#include "hall/log.h"
#include "hall/ui/options.h"
#include "kiosk/settings.h"
#include "kiosk/view.h"

int main(int argc, char** argv) {
  CLI::App app{"Sanliang Hall rating kiosk", "hall-kiosk"};
  hall::CommonOptions common;
  hall::add_common_options(app, common, "");
  hall::ui::UiFlags ui_flags;
  hall::ui::add_ui_flags(app, ui_flags);
  std::string language;
  app.add_option("--language", language, "start in this language (zh or en) for this run")
      ->check(CLI::IsMember({"zh", "en"}));
  CLI11_PARSE(app, argc, argv);

  auto config = hall::start_program("hall-kiosk", kiosk::schema(), common);
  auto settings = config ? kiosk::settings_from(*config) : hall::Result<kiosk::Settings>(config.take_error());
  if (!settings) {
    std::fprintf(stderr, "hall-kiosk: %s\n", settings.error().c_str());
    return 2;
  }
  if (!language.empty()) settings->language = language;
  auto shell = hall::ui::Shell::create(hall::ui::shell_options(*config, ui_flags, "Sanliang Hall — kiosk"));
  if (!shell) {
    std::fprintf(stderr, "hall-kiosk: %s\n", shell.error().c_str());
    return 1;
  }

  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  hall::ChpClient chp(sockets, {settings->chp, "/hall/"});
  hall::DeviceLink link(sockets, {settings->device, "kiosk", settings->id});
  kiosk::Model model(settings->language == "en" ? kiosk::Lang::En : kiosk::Lang::Zh,
                     std::chrono::seconds(settings->idle_timeout_s));
  (*shell)->need_glyphs(model.glyph_text());

  auto update = [&] {
    const auto now = std::chrono::steady_clock::now();
    bool changed = chp.pump(now) > 0;
    if (changed) {
      model.apply_map(chp.map());
      (*shell)->need_glyphs(model.glyph_text());
    }
    link.pump(now, [](const hall::Message&) {});
    const bool online = link.reachable(now);
    changed |= online != model.online();
    model.set_online(online);
    changed |= model.tick(now);
    return changed;
  };
  auto draw = [&] {
    for (const auto& intent : kiosk::draw(model, (*shell)->fonts()))
      model.apply(intent, std::chrono::steady_clock::now());
    return false;
  };
  auto status = (*shell)->run(update, draw);
  hall::log::info("kiosk stopping after {} frames; {} glyphs, {} missing", (*shell)->frames_rendered(),
                  (*shell)->glyph_count(), (*shell)->missing_glyphs());
  if (!status) {
    std::fprintf(stderr, "hall-kiosk: %s\n", status.error().c_str());
    return 1;
  }
  return 0;
}
