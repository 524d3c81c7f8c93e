// hall-kiosk: the standing rating kiosk (docs/kiosk.md). With --simulate it
// rates a range of tickets without a UI, for load tests and drills.
#include <cstdio>

#include "common/base/app.h"
#include "common/access/security.h"
#include "common/chp/chp_client.h"
#include "common/time/clock.h"
#include "common/vocab/device_messages.h"
#include "common/vocab/hall_keys.h"
#include "common/link/device_link.h"
#include "common/base/log.h"
#include "common/base/utf8.h"
#include "common/ui/options.h"
#include "common/ui/textures.h"
#include "kiosk/delivery/courier.h"
#include "kiosk/demo.h"
#include "kiosk/delivery/outbox.h"
#include "kiosk/delivery/rating.h"
#include "kiosk/settings.h"
#include "kiosk/simulate.h"
#include "kiosk/view.h"
#include "kiosk/voice.h"

namespace {

kiosk::CourierOptions courier_options(const kiosk::Settings& s) {
  kiosk::CourierOptions o;
  o.controller = s.device;
  o.window = static_cast<size_t>(s.in_flight);
  o.ack_timeout = std::chrono::milliseconds(s.ack_timeout_ms);
  o.backoff_cap = std::chrono::milliseconds(s.resend_max_ms);
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sanliang Hall rating kiosk", "hall-kiosk"};
  hall::CommonOptions common;
  hall::add_common_options(app, common, "");
  hall::ui::UiFlags ui_flags;
  hall::ui::add_ui_flags(app, ui_flags);
  std::string language;
  app.add_option("--language", language, "start in this language (zh or en) for this run")
      ->check(CLI::IsMember({"zh", "en"}));
  std::string demo_step;
  app.add_option("--demo-step", demo_step, "show this step with sample data (for screenshots)")
      ->check(CLI::IsMember(kiosk::demo_steps()));
  std::string scripted;
  app.add_option("--type", scripted,
                 "type this text as a barcode scanner would, once the controller answers (\\n = Enter; for tests)");
  bool simulate = false;
  std::string tickets;
  double rate = 0;
  int timeout_s = 300;
  app.add_flag("--simulate", simulate, "no UI: rate --tickets through the outbox, wait until it drains, exit");
  app.add_option("--tickets", tickets, "with --simulate: ticket range, e.g. L0001-L5000");
  app.add_option("--rate", rate, "with --simulate: evaluations per second (default: as fast as possible)")
      ->check(CLI::Range(0.0, 1e6));
  app.add_option("--timeout", timeout_s, "with --simulate: give up after this many seconds (default 300)")
      ->check(CLI::Range(1, 86400));
  if (auto code = hall::parse_command_line(app, argc, argv)) return *code;

  auto config = hall::start_program("hall-kiosk", kiosk::schema(), common);
  auto settings = config ? kiosk::settings_from(*config) : hall::Result<kiosk::Settings>(config.take_error());
  if (!settings) {
    std::fprintf(stderr, "hall-kiosk: %s\n", settings.error().c_str());
    return 2;
  }
  if (!language.empty()) settings->language = language;
  if (simulate && tickets.empty()) {
    std::fprintf(stderr, "hall-kiosk: --simulate needs --tickets, e.g. --tickets L0001-L5000\n");
    return 2;
  }

  auto outbox = kiosk::Outbox::open(kiosk::Outbox::path_for(settings->data_dir, settings->id));
  if (!outbox) {
    std::fprintf(stderr, "hall-kiosk: %s\n", outbox.error().c_str());
    return 1;
  }
  // A damaged outbox is logged here and reported in every hello, so hallctl
  // status shows it too.
  std::string set_aside;
  if (const auto& aside = (*outbox)->set_aside()) {
    hall::log::error("kiosk {}: the outbox was damaged ({}); set it aside as {} (kept, not deleted: it may hold "
                     "ratings not yet delivered), read back {} waiting rating(s) from it and started a fresh outbox",
                     settings->id, hall::utf8::printable(aside->problem, 300), aside->file, aside->salvaged);
    set_aside = hall::utf8::printable("damaged outbox set aside as " + aside->file + "; " +
                                          std::to_string(aside->salvaged) + " waiting rating(s) read back from it",
                                      hall::wire::Hello::kMaxSetAsideBytes);
  }
  hall::log::info("kiosk {}: outbox {} holds {} evaluation(s)", settings->id, (*outbox)->path(), (*outbox)->size());
  auto curve = hall::client_curve_from(*config, "hall-kiosk");
  if (!curve) {
    std::fprintf(stderr, "hall-kiosk: %s\n", curve.error().c_str());
    return 2;
  }
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx, {}, *curve);
  auto courier = kiosk::Courier::create(**outbox, sockets, courier_options(*settings));
  if (!courier) {
    std::fprintf(stderr, "hall-kiosk: %s\n", courier.error().c_str());
    return 1;
  }

  hall::DeviceLink link(sockets, {.controller = settings->device, .kind = "kiosk", .device_id = settings->id,
                                  .set_aside = set_aside});
  if (simulate) {
    auto list = kiosk::parse_ticket_range(tickets);
    if (!list) {
      std::fprintf(stderr, "hall-kiosk: %s\n", list.error().c_str());
      return 2;
    }
    kiosk::SimulateOptions o{std::move(*list), settings->id, rate, std::chrono::seconds(timeout_s)};
    o.spacing = std::chrono::seconds(std::max(1, (settings->min_interval_ms + 999) / 1000));
    o.each_turn = [&link](auto now) { link.pump(now, [](const hall::Message&) {}); };
    auto sum = kiosk::simulate(**outbox, **courier, o);
    if (!sum) {
      std::fprintf(stderr, "hall-kiosk: %s\n", sum.error().c_str());
      return 1;
    }
    std::printf("%s\n", kiosk::format_summary(*sum).c_str());
    std::fflush(stdout);
    return sum->drained() ? 0 : 1;
  }

  auto shell = hall::ui::Shell::create(hall::ui::shell_options(*config, ui_flags, "Sanliang Hall — kiosk"));
  if (!shell) {
    std::fprintf(stderr, "hall-kiosk: %s\n", shell.error().c_str());
    return 1;
  }
  hall::ChpClient hall_info(sockets, {settings->chp, "/hall/"});
  hall::ChpClient pledges(sockets, {settings->chp, "/content/pledges/"});
  hall::ChpClient queue(sockets, {settings->chp, "/queue/"});  // the keypad's letters
  // Staff photos (and the logo) by sha256; the ticket reply names the photo.
  hall::ChpClient media(sockets, {settings->chp, "/media/"});
  hall::ui::TextureCache textures((*shell)->renderer());
  std::string photo_logged;
  kiosk::PhotoSource photo = [&](const std::string& sha) {
    auto it = media.map().find("/media/" + sha);
    auto img = textures.get(sha, it == media.map().end() ? nullptr : &it->second);
    if (img.id && sha != photo_logged) {
      photo_logged = sha;
      hall::log::info("staff photo {} shown ({}x{})", sha.substr(0, 12), img.width, img.height);
    }
    return img;
  };
  kiosk::ModelOptions mo;
  mo.rest_language = settings->language == "en" ? kiosk::Lang::En : kiosk::Lang::Zh;
  mo.idle_timeout = std::chrono::seconds(settings->idle_timeout_s);
  mo.thanks_duration = std::chrono::seconds(settings->thanks_s);
  mo.min_interval = std::chrono::milliseconds(settings->min_interval_ms);
  kiosk::Model model(mo);
  const bool demo = !demo_step.empty();
  if (demo) {
    if (auto s = kiosk::seed_demo(model, demo_step, std::chrono::steady_clock::now()); !s) {
      std::fprintf(stderr, "hall-kiosk: %s\n", s.error().c_str());
      return 2;
    }
    hall::log::info("demo step '{}'", demo_step);
  }
  (*shell)->need_glyphs(model.glyph_text());
  std::string glyphs_for = model.ticket().ticket;

  kiosk::Voice voice(settings->voice_command);
  const auto started = std::chrono::steady_clock::now();
  auto update = [&] {
    const auto now = std::chrono::steady_clock::now();
    bool changed = false;
    if (!demo) {
      changed |= media.pump(now) > 0;  // a photo may arrive after the ticket reply
      const size_t a = hall_info.pump(now), b = pledges.pump(now), c = queue.pump(now);
      if (a + b + c > 0) {
        std::map<std::string, std::string> map = hall_info.map();
        map.insert(pledges.map().begin(), pledges.map().end());
        map.insert(queue.map().begin(), queue.map().end());
        model.apply_map(map);
        // Ratings carry hall time (/hall/clock's zone), whatever this machine's TZ.
        if (auto zone = hall::wire::hall_zone_in(map)) hall::set_hall_zone(*zone);
        (*shell)->need_glyphs(model.glyph_text());
        changed = true;
      }
    }
    changed |= link.pump(now, [&](const hall::Message& m) { model.on_reply(m, now); }) > 0;
    if (!demo) {
      const bool online = link.reachable(now);
      changed |= online != model.online();
      model.set_online(online);
    }
    if (auto ticket = model.take_lookup()) {
      // The link queues nothing for an absent controller, so a failed send
      // means it is unreachable right now.
      if (link.send(hall::wire::TicketLookup::kType, hall::wire::TicketLookup{*ticket}.to_json())) {
        hall::log::info("looking up ticket {}", *ticket);
      } else {
        // Without the lookup the kiosk cannot show who served the visitor, so
        // it does not take a rating: it says kindly that the system is busy.
        hall::log::warn("controller unreachable: cannot look up ticket {}; the visitor sees 'busy'", *ticket);
        model.on_lookup_error("unreachable", now);
      }
      changed = true;
    }
    if (auto prompt = model.take_prompt(); prompt && settings->voice) voice.say(*prompt);
    if (auto rating = model.take_rating())  // logged either way
      (void)kiosk::submit_rating(**courier, *rating, settings->id, std::chrono::system_clock::now(), now);
    if (!scripted.empty() && (link.reachable(now) || now - started > std::chrono::seconds(2))) {
      std::string text;
      for (size_t i = 0; i < scripted.size(); ++i) {
        if (scripted[i] == '\\' && i + 1 < scripted.size() && scripted[i + 1] == 'n') {
          text += '\n';
          ++i;
        } else {
          text += scripted[i];
        }
      }
      hall::log::info("typing '{}' as a scanner would", scripted);
      model.apply(kiosk::intent::Typed{text}, now);
      scripted.clear();
      changed = true;
    }
    (*courier)->pump(now);
    changed |= model.tick(now);
    if (model.ticket().ticket != glyphs_for) {  // staff names, service items
      glyphs_for = model.ticket().ticket;
      (*shell)->need_glyphs(model.glyph_text());
    }
    return changed;
  };
  uint64_t frames = 0;
  auto draw = [&] {
    for (const auto& intent : kiosk::draw(model, (*shell)->fonts(), photo, (*shell)->px_per_mm()))
      model.apply(intent, std::chrono::steady_clock::now());
    if (++frames % 600 == 0) textures.collect();
    return false;
  };
  auto status = (*shell)->run(update, draw);
  hall::log::info("kiosk stopping after {} frames on step {}; {} glyphs, {} missing; outbox holds {}",
                  (*shell)->frames_rendered(), kiosk::step_name(model.step()), (*shell)->glyph_count(),
                  (*shell)->missing_glyphs(), (*courier)->waiting());
  if (!status) {
    std::fprintf(stderr, "hall-kiosk: %s\n", status.error().c_str());
    return 1;
  }
  return 0;
}
