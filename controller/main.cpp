// hall-controller: the hall's headless daemon. See docs/operations.md.
#include <cstdio>

#include "controller/access/keys.h"
#include "controller/services.h"
#include "common/base/app.h"
#include "common/base/log.h"
#include "common/time/zone.h"

int main(int argc, char** argv) {
  CLI::App app{"Sanliang Hall controller: keeps the hall's store and serves screens and kiosks",
               "hall-controller"};
  hall::CommonOptions common;
  hall::add_common_options(app, common, "");
  if (auto code = hall::parse_command_line(app, argc, argv)) return *code;

  auto config = hall::start_program("hall-controller", controller::schema(), common);
  if (!config) {
    std::fprintf(stderr, "hall-controller: %s\n", config.error().c_str());
    return 2;
  }
  auto fail = [](const std::string& why) {
    hall::log::error("{}", why);
    std::fprintf(stderr, "hall-controller: %s\n", why.c_str());
    return 1;
  };
  auto settings = controller::settings_from(*config);
  if (!settings) return fail(settings.error());
  auto curve = controller::controller_curve(settings->curve, settings->key_dir);
  if (!curve) return fail(curve.error());
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx, {}, *curve);
  controller::Options options;
  options.settings = std::move(*settings);
  if (auto zone = hall::TimeZone::named(options.settings.timezone); !zone) {
    std::fprintf(stderr, "hall-controller: %s: key 'hall.timezone': %s\n",
                 config->source().c_str(), zone.error().c_str());
    return 2;
  }
  options.sockets = &sockets;
  auto c = controller::start(std::move(options));
  if (!c) return fail(c.error());
  (*c)->run();
  return 0;
}
