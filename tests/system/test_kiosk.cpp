// hall-kiosk as a real program: every step rendered headless (the PNGs stay
// in build/screenshots/ to look at); --simulate against a scripted ROUTER
// (ScriptedController) where a test needs controller behaviour the real one
// does not show on demand (lost acks, a not-served ticket); and the real
// chain queue-sim -> hall-controller -> hall-kiosk (the kill -9 drill is in
// test_drills.cpp).
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "common/chp/chp_client.h"
#include "scripted_controller.h"
#include "db_query.h"
#include "harness.h"
#include "queue_hall.h"
#include "png_check.h"

using namespace testing;

namespace {
std::string kiosk_shot(const std::string& name) {
  const auto dir = std::filesystem::path(HALL_BIN_DIR).parent_path() / "screenshots";
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}
}  // namespace

TEST_CASE("kiosk renders every step headless with no missing glyphs") {
  Hall hall;  // no controller: demo steps carry their own sample data
  std::vector<std::pair<std::string, std::string>> shots;
  for (const char* step : {"idle", "ticket", "ticket-error", "lookup", "confirm", "rate", "reasons", "thanks"})
    shots.push_back({step, "zh"});
  for (const char* step : {"idle", "confirm", "rate", "reasons"}) shots.push_back({step, "en"});
  for (const auto& [step, lang] : shots) {
    INFO(step << " " << lang);
    const auto png = kiosk_shot("kiosk-" + step + "-" + lang + ".png");
    std::filesystem::remove(png);
    auto args = hall.kiosk_args("demo-" + lang, 8, png);
    args.insert(args.end(), {"--demo-step", step, "--language", lang});
    auto r = run("hall-kiosk", args);
    REQUIRE(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains(", 0 missing"));
    CHECK_THAT(r.output, Catch::Contains("on step " + (step == "ticket-error" || step == "lookup" ? std::string("ticket") : step)));
    const auto stats = png_stats(png);
    REQUIRE(stats.loaded);
    CHECK(stats.width == 1080);
    CHECK(stats.height == 1920);
    CHECK(stats.distinct_colors > 20);
    CHECK(stats.non_background > 0.05);
  }
}

TEST_CASE("with kiosk.voice on, the rate step is spoken through the voice command") {
  Hall hall;
  // A stand-in for espeak-ng that writes down how it was called.
  const auto said = hall.dir.path() / "said.txt";
  const auto speaker = hall.dir.path() / "speak";
  {
    std::ofstream f(speaker);
    f << "#!/bin/sh\necho \"$@\" >> '" << said.string() << "'\n";
  }
  std::filesystem::permissions(speaker, std::filesystem::perms::owner_all);
  auto args = hall.kiosk_args("voice", 4, kiosk_shot("kiosk-voice.png"));
  args.insert(args.end(), {"--demo-step", "rate", "--set", "kiosk.voice=true", "--set",
                           "kiosk.voice_command=" + speaker.string()});
  auto r = run("hall-kiosk", args);
  REQUIRE(r.code == 0);
  for (int i = 0; i < 100 && !std::filesystem::exists(said); ++i) std::this_thread::sleep_for(50ms);
  std::ifstream in(said);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  CHECK_THAT(text, Catch::StartsWith("-v cmn 请为本次服务评价") && Catch::Contains("非常不满意"));

  // A speech program that is not there: one warning naming what to do, and the kiosk goes on.
  auto missing = hall.kiosk_args("voice2", 4, kiosk_shot("kiosk-voice-missing.png"));
  missing.insert(missing.end(), {"--demo-step", "rate", "--set", "kiosk.voice=true", "--set",
                                 "kiosk.voice_command=/nonexistent/espeak-ng"});
  auto m = run("hall-kiosk", missing);
  CHECK(m.code == 0);
  CHECK_THAT(m.output, Catch::Contains("voice prompts: cannot run '/nonexistent/espeak-ng'") &&
                           Catch::Contains("apt-get install espeak-ng"));
}

TEST_CASE("hall-kiosk simulate drains its outbox through a controller restart") {
  Hall hall;
  auto fake = std::make_unique<ScriptedController>(hall.base + 3);
  Process kiosk("hall-kiosk", simulate_args(hall, "sim-1", "L0001-L0600"), hall.dir.path() / "k.log");
  const auto end = std::chrono::steady_clock::now() + 20s;
  while (fake->rows().size() < 150 && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(5ms);
  REQUIRE(fake->rows().size() >= 150);
  fake->lose_acks_next(10);
  std::this_thread::sleep_for(20ms);
  fake->stop();  // the controller dies mid-run
  std::this_thread::sleep_for(700ms);
  fake->start();
  REQUIRE(kiosk.wait(40s) == 0);
  INFO(kiosk.log());
  CHECK(fake->rows().size() == 600);  // every ticket exactly one row
  CHECK_THAT(kiosk.log(), Catch::Contains("acked=600") && Catch::Contains(" left=0 ") && Catch::Contains("drained"));
}

TEST_CASE("hall-kiosk simulate resumes an outbox an earlier run left behind") {
  Hall hall;
  auto args = simulate_args(hall, "sim-2", "L0001-L0020");
  args.insert(args.end(), {"--timeout", "1"});
  auto first = run("hall-kiosk", args);  // no controller: nothing drains
  CHECK(first.code == 1);
  CHECK_THAT(first.output, Catch::Contains("queued=20") && Catch::Contains("NOT drained"));
  CHECK(std::filesystem::exists(hall.dir.path() / "kiosk" / "sim-2" / "outbox.db"));

  ScriptedController fake(hall.base + 3);
  auto second = run("hall-kiosk", simulate_args(hall, "sim-2", "L0001-L0020"));
  CHECK(second.code == 0);
  CHECK_THAT(second.output, Catch::Contains("queued=0 skipped=20") && Catch::Contains("acked=20"));
  CHECK(fake.rows().size() == 20);
}

TEST_CASE("hall-kiosk refuses bad simulate input and unsafe kiosk ids with a clear message") {
  Hall hall;
  auto bad_range = run("hall-kiosk", simulate_args(hall, "sim-3", "L0005-L0001"));
  CHECK(bad_range.code == 2);
  CHECK_THAT(bad_range.output, Catch::Contains("the last ticket comes before the first"));
  auto bad_id = run("hall-kiosk", simulate_args(hall, "../escape", "L1-L2"));
  CHECK(bad_id.code == 2);
  CHECK_THAT(bad_id.output, Catch::Contains("kiosk.id"));
  auto no_tickets = run("hall-kiosk", {"--simulate", "--set", "kiosk.data_dir=" + hall.dir.str("kiosk")});
  CHECK(no_tickets.code == 2);
  CHECK_THAT(no_tickets.output, Catch::Contains("--tickets"));
}

// The real chain from here on (queue_hall.h): scripts/queue-sim as the queue
// system, the real hall-controller, real hall-kiosk processes.

TEST_CASE("queue-sim to controller to kiosk: ratings are stored and a scanned ticket shows who served it") {
  QueueHall q(20, "K");
  REQUIRE(q.sim->wait_for_log("serving feed"));
  Process controller("hall-controller", q.controller, q.hall.dir.path() / "controller.log");
  REQUIRE(controller.wait_for_log("controller up"));
  REQUIRE(q.tickets_stored("K0020"));
  // The sample hall's staff (queue-sim serves the same ids): the lookup reply
  // carries the staff member's post and photo, and the kiosk draws the photo.
  auto imp = run("hallctl", q.hall.hallctl_args({"content", "import", HALL_SOURCE_DIR "/config/sample-hall"}));
  INFO(imp.output);
  REQUIRE(imp.code == 0);

  auto sim = run("hall-kiosk", simulate_args(q.hall, "real-1", "K0001-K0019"), 60s);
  INFO(sim.output);
  REQUIRE(sim.code == 0);
  CHECK_THAT(sim.output, Catch::Contains("acked=19") && Catch::Contains("drained"));
  CHECK(db_scalar(q.db, "SELECT count(*) FROM evaluations WHERE ticket LIKE 'K%' AND kiosk_id = 'real-1'") == 19);

  // A visitor scans K0020 (not rated yet) and sees who served it; K0001 is
  // already rated; X9999 does not exist.
  struct Case { const char* typed; const char* step; const char* log; };
  for (auto c : {Case{"K0020\\n", "confirm", "looking up ticket K0020"},
                 Case{"K0001\\n", "ticket", "ticket lookup refused: already_rated"},
                 Case{"X9999\\n", "ticket", "ticket lookup refused: not_found"}}) {
    INFO(c.typed);
    auto args = q.hall.kiosk_args("scan-real", 45, kiosk_shot(std::string("kiosk-real-") + c.step + ".png"));
    args.insert(args.end(), {"--type", c.typed});
    auto r = run("hall-kiosk", args);
    REQUIRE(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains(c.log));
    CHECK_THAT(r.output, Catch::Contains(std::string("on step ") + c.step));
    if (std::string(c.step) == "confirm") {
      CHECK_THAT(r.output, Catch::Contains("staff photo "));  // the real photo, not the silhouette
      CHECK_THAT(r.output, Catch::Contains(", 0 missing"));
    }
  }
}

TEST_CASE("queue-sim to controller to kiosk ratings: rankings are published and hallctl rankings shows them") {
  QueueHall q(20, "M");
  REQUIRE(q.sim->wait_for_log("serving feed"));
  // The board shows this month as it stands (the default is last month).
  q.controller.insert(q.controller.end(), {"--set", "ranking.board_period=live"});
  Process controller("hall-controller", q.controller, q.hall.dir.path() / "controller.log");
  REQUIRE(controller.wait_for_log("controller up"));
  REQUIRE(q.tickets_stored("M0020"));

  // A screen's view of the rankings, subscribed before any rating arrives.
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  hall::ChpClientOptions o;
  o.snapshot = {"127.0.0.1", q.hall.base};
  o.subtree = "/rankings/";
  hall::ChpClient chp(sockets, o);

  auto sim = run("hall-kiosk", simulate_args(q.hall, "rank-1", "M0001-M0020"), 60s);
  INFO(sim.output);
  REQUIRE(sim.code == 0);
  CHECK_THAT(sim.output, Catch::Contains("acked=20"));

  auto shown = run("hallctl", q.hall.hallctl_args({"rankings", "show", "--json"}));
  INFO(shown.output);
  REQUIRE(shown.code == 0);
  const auto body = hall::Json::parse(shown.output.substr(shown.output.find('{')));
  CHECK(body["ratings"] == 20);
  REQUIRE_FALSE(body["windows"].empty());
  int64_t counted = 0;
  for (size_t i = 0; i < body["windows"].size(); ++i) {
    counted += body["windows"][i]["count"].get<int64_t>();
    if (i > 0 && body["windows"][i]["composite"].is_number())
      CHECK(body["windows"][i - 1]["composite"].get<double>() >= body["windows"][i]["composite"].get<double>());
  }
  CHECK(counted == 20);

  auto text = run("hallctl", q.hall.hallctl_args({"rankings", "show"}));
  INFO(text.output);
  CHECK(text.code == 0);
  CHECK_THAT(text.output, Catch::Contains("20 ratings") &&
                          Catch::Contains(body["windows"][0]["name"].get<std::string>()));

  auto re = run("hallctl", q.hall.hallctl_args({"rankings", "recompute"}));
  INFO(re.output);
  CHECK(re.code == 0);
  CHECK_THAT(re.output, Catch::Contains("from 20 ratings: matched"));

  // The controller publishes within a second of the last commit.
  hall::Json stars;
  for (int i = 0; i < 500; ++i) {
    chp.pump(std::chrono::steady_clock::now());
    if (auto it = chp.map().find("/rankings/stars"); it != chp.map().end()) {
      stars = hall::Json::parse(it->second);
      if (stars["windows"].size() == body["windows"].size()) break;
    }
    std::this_thread::sleep_for(10ms);
  }
  INFO(stars.dump());
  REQUIRE(stars["windows"].size() == body["windows"].size());
  CHECK(stars["windows"][0]["number"] == body["windows"][0]["number"]);
  CHECK(stars["windows"][0]["stars"] == body["windows"][0]["stars"]);
  CHECK(stars["windows"][0].value("too_few", false) == body["windows"][0]["too_few"].get<bool>());
  CHECK(stars["live"] == true);
  CHECK_FALSE(stars["period"].get<std::string>().empty());
}

TEST_CASE("a scanned ticket is looked up at the controller and the kiosk shows who served it") {
  Hall hall;
  ScriptedController fake(hall.base + 3);
  fake.set_known_prefix("A");
  fake.add_not_served("A024");
  struct Case { const char* typed; const char* step; const char* log; };
  for (auto c : {Case{"A023\\n", "confirm", "looking up ticket A023"},
                 Case{"a024\\n", "ticket", "ticket lookup refused: not_served"},
                 Case{"Z9\\n", "ticket", "ticket lookup refused: not_found"}}) {
    INFO(c.typed);
    const auto png = kiosk_shot(std::string("kiosk-scan-") + c.step + ".png");
    auto args = hall.kiosk_args("scan", 45, png);
    args.insert(args.end(), {"--type", c.typed});
    auto r = run("hall-kiosk", args);
    REQUIRE(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains(c.log));
    CHECK_THAT(r.output, Catch::Contains(std::string("on step ") + c.step));
    CHECK_THAT(r.output, Catch::Contains(", 0 missing"));
  }
  CHECK(fake.lookups() == 3);
}

TEST_CASE("with no controller a scanned ticket gets the kind busy message") {
  Hall hall;
  const auto png = kiosk_shot("kiosk-scan-offline.png");
  auto args = hall.kiosk_args("scan-off", 80, png);  // the text is typed after 2 s without an answer
  args.insert(args.end(), {"--type", "A023\\n"});
  auto r = run("hall-kiosk", args, 30s);
  REQUIRE(r.code == 0);
  CHECK_THAT(r.output, Catch::Contains("controller unreachable: cannot look up ticket A023"));
}
