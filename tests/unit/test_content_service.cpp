// The content service inside a real controller on loopback, with an injected
// clock: screens go offline 15 s after their last report, notices expire at
// their "until", a change publishes only the keys that changed, and the admin
// socket takes an import larger than the 64 KiB device limit.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "controller/content/content_files.h"
#include "controller/services.h"
#include "common/chp/chp_client.h"
#include "common/wire/frames.h"
#include "common/wire/rpc.h"
#include "process.h"
#include "time_zones.h"

using namespace std::chrono_literals;
using hall::Json;
using Clock = std::chrono::steady_clock;

namespace {
struct Running {
  testing::TempDir dir;
  zmq::context_t ctx;
  hall::SocketFactory sockets{ctx};
  int base = testing::free_ports(5);
  std::atomic<int64_t> offset_s{0};
  std::unique_ptr<controller::Controller> c;
  std::atomic<bool> stop{false};
  std::thread loop;

  Running() {
    controller::Options o;
    o.settings.hall_name = "测试大厅";
    o.settings.data_dir = dir.str("var");
    o.settings.chp = {"127.0.0.1", base};
    o.settings.device = {"127.0.0.1", base + 3};
    o.settings.admin = {"127.0.0.1", base + 4};
    o.settings.curve = false;
    o.sockets = &sockets;
    o.now = [this] { return std::chrono::system_clock::now() + std::chrono::seconds(offset_s.load()); };
    auto started = controller::start(o);
    REQUIRE(started.ok());
    c = std::move(*started);
    loop = std::thread([this] {
      while (!stop) c->poll_once(10ms);
    });
  }
  ~Running() {
    stop = true;
    loop.join();
  }
  hall::Result<hall::Message> admin(const std::string& type, const Json& fields = Json::object()) {
    return hall::call(sockets, {"127.0.0.1", base + 4}, type, fields, 5s, hall::kMaxAdminMessageBytes);
  }
  hall::Result<hall::Message> device(const std::string& type, const Json& fields) {
    return hall::call(sockets, {"127.0.0.1", base + 3}, type, fields, 5s);
  }
};

Json sample() {
  auto w = controller::content::read_content_dir(HALL_SOURCE_DIR "/config/sample-hall");
  REQUIRE(w.ok());
  return *w;
}

bool pump_until(hall::ChpClient& client, const std::function<bool()>& done) {
  const auto end = Clock::now() + 5s;
  while (Clock::now() < end) {
    client.pump(Clock::now());
    if (done()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return false;
}

Json screen(const hall::Message& listed, const std::string& id) {
  for (const auto& s : listed.body["screens"])
    if (s["id"] == id) return s;
  return nullptr;
}
}  // namespace

TEST_CASE("a screen is online for 15 s after its last report") {
  Running hall;
  REQUIRE(hall.admin("content.import", sample()).ok());
  const Json status = {{"device_id", "corridor-1"}, {"group", "corridor"}, {"board", "identity"},
                       {"sequence", 42},           {"uptime_s", 5},        {"frame_ms", 3.25},
                       {"rss_kb", 90000},          {"offline_since", ""}};
  auto ok = hall.device("screen.status", status);
  REQUIRE(ok.ok());
  auto listed = hall.admin("screens.list");
  REQUIRE(listed.ok());
  CHECK(screen(*listed, "corridor-1")["online"] == true);
  CHECK(screen(*listed, "corridor-1")["frame_ms"] == 3.25);
  hall.offset_s = 14;
  CHECK(screen(*hall.admin("screens.list"), "corridor-1")["online"] == true);
  hall.offset_s = 16;
  auto later = hall.admin("screens.list");
  CHECK(screen(*later, "corridor-1")["online"] == false);
  CHECK(screen(*later, "corridor-1")["seen_ago_s"] == 16);
  CHECK(screen(*later, "corridor-1")["board"] == "identity");  // the last report is kept

  auto bad = hall.device("screen.status", Json{{"device_id", ""}, {"group", "g"}, {"board", "b"}, {"sequence", 1},
                                               {"uptime_s", 1}, {"frame_ms", 1}, {"rss_kb", 1}, {"offline_since", ""}});
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error(), Catch::Contains("\"device_id\" \"\" is not allowed: use 1-64 letters"));
  auto extra = status;
  extra["cpu"] = 5;
  CHECK_THAT(hall.device("screen.status", extra).error(), Catch::Contains("unknown field \"cpu\""));
}

TEST_CASE("notices expire at their until time and urgent notices take over and clear") {
  Running hall;
  hall::ChpClient client(hall.sockets, {{"127.0.0.1", hall.base}, "/notices/"});
  REQUIRE(pump_until(client, [&] { return client.has_snapshot(); }));

  const std::string until = hall::iso_time(std::chrono::system_clock::now() + 10min);
  auto posted = hall.admin("notice.post", {{"text", "十分钟后系统维护"}, {"until", until}});
  REQUIRE(posted.ok());
  const std::string key = "/notices/ticker/" + posted->body["notice"].get<std::string>();
  REQUIRE(pump_until(client, [&] { return client.map().count(key) == 1; }));
  CHECK(Json::parse(client.map().at(key))["until"] == posted->body["until"]);

  auto urgent = hall.admin("notice.post", {{"text", "紧急通知：暂停办理"}, {"urgent", true}});
  REQUIRE(urgent.ok());
  REQUIRE(pump_until(client, [&] { return client.map().count("/notices/urgent") == 1; }));
  CHECK(Json::parse(client.map().at("/notices/urgent"))["text"] == "紧急通知：暂停办理");

  hall.offset_s = 11 * 60;  // past "until": the ticker notice goes, the urgent one stays
  REQUIRE(pump_until(client, [&] { return client.map().count(key) == 0; }));
  CHECK(client.map().count("/notices/urgent") == 1);

  CHECK(hall.admin("notice.clear", {{"urgent", true}}).ok());
  // Posting, expiring and clearing are each audited, with the text before and after.
  auto audit = hall.admin("audit.list");
  REQUIRE(audit.ok());
  std::vector<std::string> steps;
  for (const auto& row : audit->body["rows"]) steps.push_back(row["what"].get<std::string>() + " " + row["subject"].get<std::string>());
  const std::string ticker = "notice:" + posted->body["notice"].get<std::string>();
  CHECK(steps == std::vector<std::string>{"notice.post " + ticker, "notice.post notice:urgent",
                                          "notice.expire " + ticker, "notice.clear notice:urgent"});
  CHECK(audit->body["rows"][3]["from"] == "紧急通知：暂停办理");
  REQUIRE(pump_until(client, [&] { return client.map().count("/notices/urgent") == 0; }));
  CHECK_THAT(hall.admin("notice.clear", {{"urgent", true}}).error(), Catch::Contains("no urgent notice"));

  CHECK_THAT(hall.admin("notice.post", {{"text", "  "}}).error(), Catch::Contains("empty"));
  CHECK_THAT(hall.admin("notice.post", {{"text", "x"}, {"until", "someday"}}).error(), Catch::Contains("--until"));
  CHECK_THAT(hall.admin("notice.post", {{"text", "x"}, {"until", "2020-01-01 10:00"}}).error(),
             Catch::Contains("already past"));
  CHECK_THAT(hall.admin("notice.post", {{"text", std::string(600, 'x')}}).error(), Catch::Contains("longer than 500"));
  CHECK_THAT(hall.admin("notice.clear", {{"notice", "a"}, {"urgent", true}}).error(), Catch::Contains("either"));
}

TEST_CASE("an import publishes only what changed, and the admin socket takes large bundles") {
  Running hall;
  Json w = sample();
  REQUIRE(w.dump().size() > hall::kMaxMessageBytes);  // photos make it larger than the device limit
  auto first = hall.admin("content.import", w);
  REQUIRE(first.ok());
  CHECK(first->body["changed_keys"].get<int>() >= 80);
  const uint64_t seq = hall.c->chp().sequence();

  // The same content again publishes nothing.
  auto same = hall.admin("content.import", w);
  REQUIRE(same.ok());
  CHECK(same->body["changed_keys"] == 0);

  // One changed field publishes one key.
  for (auto& r : w["files"]["windows.toml"]["window"])
    if (r["number"] == 5) r["name"] = "不动产登记综合窗口";
  auto one = hall.admin("content.import", w);
  REQUIRE(one.ok());
  CHECK(one->body["changed_keys"] == 1);
  CHECK(one->body["summary"] == "window +0 ~1 -0");
  CHECK(one->body["changes"]["window"]["changed"] == Json::array({"5"}));
  CHECK(same->body["summary"] == "no change");
  CHECK_THAT(first->body["summary"].get<std::string>(), Catch::Contains("hall; ") && Catch::Contains("staff +20 ~0 -0"));

  hall::ChpClient client(hall.sockets, {{"127.0.0.1", hall.base}, "/content/windows/"});
  REQUIRE(pump_until(client, [&] { return client.has_snapshot(); }));
  CHECK(Json::parse(client.map().at("/content/windows/5"))["name"] == "不动产登记综合窗口");
  CHECK(client.map().size() == 8);
  CHECK(hall.c->chp().sequence() >= seq + 1);

  // A refused import changes nothing and keeps the controller serving.
  w["files"]["staff.toml"]["staff"][0]["window"] = 42;
  auto refused = hall.admin("content.import", w);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error(), Catch::Contains("staff.toml: staff \"chen-jing\": field \"window\": no window 42"));
  auto status = hall.admin("status");
  REQUIRE(status.ok());
  CHECK(status->body["hall"] == "明州市政务服务中心");
  auto exported = hall.admin("content.export");
  REQUIRE(exported.ok());
  CHECK(exported->body["files"]["staff.toml"]["staff"][0]["window"] == 1);
  CHECK(exported->body["media"].size() == 21);
  // Each stored import is in the audit log with its per-record summary; the refused one is not.
  auto audit = hall.admin("audit.list");
  REQUIRE(audit.ok());
  std::vector<std::string> imports;
  for (const auto& row : audit->body["rows"])
    if (row["what"] == "content.import") imports.push_back(row["note"]);
  REQUIRE(imports.size() == 3);
  CHECK(imports[2] == "window +0 ~1 -0");
  CHECK(Json::parse(audit->body["rows"].back()["to"].get<std::string>())["window"]["changed"][0] == "5");
  CHECK_THAT(hall.admin("content.import", {{"files", 3}}).error(), Catch::Contains("\"files\" must be an object"));
}

TEST_CASE("hall.toml's timezone becomes the hall's zone, is published in /hall/clock and exported") {
  testing::HallZoneScope restore("Asia/Shanghai");  // the controller sets this process's zone
  Running hall;
  Json w = sample();
  w["files"]["hall.toml"]["timezone"] = "Europe/Berlin";
  REQUIRE(hall.admin("content.import", w).ok());

  hall::ChpClient client(hall.sockets, {{"127.0.0.1", hall.base}, "/hall/"});
  Json clock;
  REQUIRE(pump_until(client, [&] {
    auto it = client.map().find("/hall/clock");
    if (it == client.map().end()) return false;
    clock = Json::parse(it->second);
    return clock["timezone"] == "Europe/Berlin";
  }));
  const auto at = hall::SystemTime(std::chrono::milliseconds(clock["epoch_ms"].get<int64_t>()));
  const auto berlin = *hall::TimeZone::named("Europe/Berlin");
  CHECK(clock["utc_offset_min"] == berlin.offset(at).count());
  CHECK(clock["iso"] == hall::iso_time(at, berlin));

  // Left out of hall.toml, the hall keeps its zone; export writes it.
  w["files"]["hall.toml"].erase("timezone");
  REQUIRE(hall.admin("content.import", w).ok());
  auto exported = hall.admin("content.export");
  REQUIRE(exported.ok());
  CHECK(exported->body["files"]["hall.toml"]["timezone"] == "Europe/Berlin");

  // A name the tz database does not know is refused, naming it; nothing changes.
  w["files"]["hall.toml"]["timezone"] = "Europe/Berlim";
  auto refused = hall.admin("content.import", w);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error(), Catch::Contains("hall.toml") && Catch::Contains("unknown time zone 'Europe/Berlim'"));
  CHECK(hall.admin("content.export")->body["files"]["hall.toml"]["timezone"] == "Europe/Berlin");
}
