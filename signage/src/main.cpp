// hall-signage: a fullscreen screen that shows the hall's boards, fed by the
// controller over CHP. See docs/operations.md.
#include <cstdio>

#include "hall/app.h"
#include "hall/chp_client.h"
#include "hall/device_link.h"
#include "hall/log.h"
#include "hall/ui/options.h"
#include "signage/settings.h"
#include "signage/view.h"

int main(int argc, char** argv) {
  CLI::App app{"Sanliang Hall signage player", "hall-signage"};
  hall::CommonOptions common;
  hall::add_common_options(app, common, "");
  hall::ui::UiFlags ui_flags;
  hall::ui::add_ui_flags(app, ui_flags);
  CLI11_PARSE(app, argc, argv);

  auto config = hall::start_program("hall-signage", signage::schema(), common);
  if (!config) {
    std::fprintf(stderr, "hall-signage: %s\n", config.error().c_str());
    return 2;
  }
  const auto settings = signage::settings_from(*config);
  auto shell = hall::ui::Shell::create(hall::ui::shell_options(*config, ui_flags, "Sanliang Hall — signage"));
  if (!shell) {
    std::fprintf(stderr, "hall-signage: %s\n", shell.error().c_str());
    return 1;
  }

  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  hall::ChpClient chp(sockets, {settings.chp, "/hall/"});
  hall::DeviceLink link(sockets, {settings.device, "signage", settings.id});
  signage::Model model;
  (*shell)->need_glyphs(model.glyph_text());
  std::string last_name;

  auto update = [&] {
    const auto now = std::chrono::steady_clock::now();
    bool changed = chp.pump(now) > 0;
    link.pump(now, [](const hall::Message&) {});
    const bool online = chp.state() == hall::ChpClient::State::Live && link.reachable(now);
    changed |= online != model.online();
    model.set_online(online);
    if (changed) {
      model.apply(chp.map(), std::chrono::system_clock::now());
      (*shell)->need_glyphs(model.glyph_text());
      if (model.hall_name() != last_name) {
        last_name = model.hall_name();
        hall::log::info("showing hall '{}' (sequence {})", last_name, chp.sequence());
      }
    }
    return changed;
  };
  auto draw = [&] { return signage::draw(model, (*shell)->fonts(), std::chrono::system_clock::now()); };
  auto status = (*shell)->run(update, draw);
  hall::log::info("signage stopping after {} frames; {} glyphs, {} missing",
                  (*shell)->frames_rendered(), (*shell)->glyph_count(), (*shell)->missing_glyphs());
  if (!status) {
    std::fprintf(stderr, "hall-signage: %s\n", status.error().c_str());
    return 1;
  }
  return 0;
}
