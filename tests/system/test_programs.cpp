// Multi-process tests: the real programs on free loopback ports.
#include <catch2/catch.hpp>

#include <signal.h>

#include <nlohmann/json.hpp>

#include "harness.h"

using namespace testing;

TEST_CASE("every program answers --help and --version") {
  for (const char* program : {"hall-controller", "hall-signage", "hall-kiosk", "hallctl"}) {
    INFO(program);
    auto help = run(program, {"--help"});
    CHECK(help.code == 0);
    CHECK_THAT(help.output, Catch::Contains("--config"));
    CHECK_THAT(help.output, Catch::Contains("--set"));
    auto version = run(program, {"--version"});
    CHECK(version.code == 0);
    CHECK_THAT(version.output, Catch::Contains(HALL_VERSION));
  }
}

TEST_CASE("a config typo stops a program with a clear error") {
  TempDir dir;
  for (const char* program : {"hall-controller", "hall-signage", "hall-kiosk"}) {
    INFO(program);
    auto r = run(program, {"--set", "log.levle=debug", "--headless", "--frames", "1"});
    if (std::string(program) == "hall-controller")
      r = run(program, {"--set", "log.levle=debug"});
    CHECK(r.code == 2);
    CHECK_THAT(r.output, Catch::Contains("unknown key 'log.levle'"));
    CHECK_THAT(r.output, Catch::Contains("did you mean 'log.level'"));
  }
  auto wrong = run("hall-controller", {"--set", "controller.chp_port=many"});
  CHECK(wrong.code == 2);
  CHECK_THAT(wrong.output, Catch::Contains("'controller.chp_port' must be an integer"));
}

TEST_CASE("a bad command line exits 2 and names the closest command or option") {
  struct Case {
    std::string program;
    std::vector<std::string> args;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"hallctl", {"ranking", "show"}, "unknown command \"ranking\"; did you mean \"rankings\"?"},
      {"hallctl", {"rankings", "shwo"}, "unknown command \"shwo\" of \"rankings\"; did you mean \"show\"?"},
      {"hallctl", {"rankings"}, "\"rankings\" needs a command: show, recompute"},
      {"hallctl", {}, "say which command: status, content"},
      {"hallctl", {"frobnicate"}, "unknown command \"frobnicate\"; the commands are: status, content"},
      {"hallctl", {"evaluations", "--limt", "5"}, "unknown option --limt; did you mean --limit?"},
      {"hallctl", {"status", "--pgae", "2"}, "unknown option --pgae; did you mean --page?"},
      {"hallctl", {"review", "leader", "--period", "2026-11", "--kind", "个别", "--window", "0", "--score", "3"},
       "--window: Value 0 not in range"},
      {"hallctl", {"review", "peer", "--period", "2026-11", "--reviewee", "x", "--skill", "9", "--conduct", "5",
                   "--results", "5"},
       "--skill: Value 9 not in range"},
      {"hallctl", {"audit", "--limit", "0"}, "--limit: Value 0 not in range 1 to 10000"},
      {"hallctl", {"case", "0", "verify"}, "id: must be a number from 1 up (hallctl cases lists them), got '0'"},
      {"hallctl", {"bonus", "withdraw", "x1", "--reason", "r"}, "must be a number from 1 up (hallctl reviews lists"},
      {"hall-controller", {"--confg", "x.toml"}, "unknown option --confg; did you mean --config?"},
      {"hall-signage", {"--headless", "--frame", "1"}, "unknown option --frame; did you mean --frames?"},
      {"hall-kiosk", {"--languge", "en"}, "unknown option --languge; did you mean --language?"},
  };
  for (const auto& c : cases) {
    std::string line = c.program;
    for (const auto& a : c.args) line += " " + a;
    INFO(line);
    auto r = run(c.program, c.args);
    INFO(r.output);
    CHECK(r.code == 2);
    CHECK_THAT(r.output, Catch::Contains(c.says) && Catch::Contains("--help"));
  }
}

TEST_CASE("signage receives the hall name from a real controller") {
  Hall hall;
  Process controller("hall-controller", hall.controller_args("测试政务服务中心"), hall.dir.path() / "controller.log");
  REQUIRE(controller.wait_for_log("controller up"));

  const std::string png = hall.dir.str("signage.png");
  Process screen("hall-signage", hall.signage_args("lobby-1", 45, png), hall.dir.path() / "signage.log");
  CHECK(screen.wait_for_log("showing hall '测试政务服务中心'", 10s));
  CHECK(screen.wait(20s) == 0);
  CHECK_THAT(screen.log(), Catch::Contains("0 missing"));

  // hallctl sees the screen as a device.
  auto status = run("hallctl", hall.hallctl_args({"status", "--json"}));
  REQUIRE(status.code == 0);
  auto json = nlohmann::json::parse(status.output);
  CHECK(json["hall"] == "测试政务服务中心");
  bool seen = false;
  for (const auto& d : json["devices"]) seen |= d["id"] == "lobby-1" && d["kind"] == "signage";
  CHECK(seen);

  controller.signal(SIGTERM);
  CHECK(controller.wait(5s) == 0);
  CHECK_THAT(controller.log(), Catch::Contains("controller stopping"));
}

TEST_CASE("the kiosk connects and every program stops cleanly on SIGTERM") {
  Hall hall;
  Process controller("hall-controller", hall.controller_args(), hall.dir.path() / "controller.log");
  REQUIRE(controller.wait_for_log("controller up"));
  // No --frames: these run until told to stop.
  auto kiosk_args = hall.kiosk_args("kiosk-9", 1, hall.dir.str("k.png"));
  kiosk_args.erase(kiosk_args.begin() + 3, kiosk_args.begin() + 7);  // drop --frames N --screenshot P
  Process kiosk("hall-kiosk", kiosk_args, hall.dir.path() / "kiosk.log");
  auto screen_args = hall.signage_args("lobby-2", 1, hall.dir.str("s.png"));
  screen_args.erase(screen_args.begin() + 3, screen_args.begin() + 7);
  Process screen("hall-signage", screen_args, hall.dir.path() / "signage.log");
  REQUIRE(kiosk.wait_for_log("connected to the controller"));
  REQUIRE(screen.wait_for_log("connected to the controller"));

  auto status = run("hallctl", hall.hallctl_args({"status"}));
  CHECK(status.code == 0);
  CHECK_THAT(status.output, Catch::Contains("kiosk-9"));
  CHECK_THAT(status.output, Catch::Contains("lobby-2"));
  // These programs run with security.mode = none (process.h), and hallctl says so loudly.
  CHECK_THAT(status.output, Catch::Contains("security:  NONE -- DEVELOPMENT ONLY"));

  kiosk.signal(SIGTERM);
  screen.signal(SIGTERM);
  controller.signal(SIGTERM);
  CHECK(kiosk.wait(5s) == 0);
  CHECK(screen.wait(5s) == 0);
  CHECK(controller.wait(5s) == 0);
}

TEST_CASE("hallctl says what to do when no controller answers") {
  Hall hall;  // nothing started
  auto r = run("hallctl", hall.hallctl_args({"status"}));
  CHECK(r.code == 1);
  CHECK_THAT(r.output, Catch::Contains("is hall-controller running"));
}

TEST_CASE("a second controller on the same data directory exits with a reason") {
  Hall hall;
  Process first("hall-controller", hall.controller_args(), hall.dir.path() / "c1.log");
  REQUIRE(first.wait_for_log("controller up"));
  Hall other;
  auto args = other.controller_args();
  args[3] = "controller.data_dir=" + hall.dir.str("var");
  auto r = run("hall-controller", args);
  CHECK(r.code == 1);
  CHECK_THAT(r.output, Catch::Contains("another controller is already using"));
}
