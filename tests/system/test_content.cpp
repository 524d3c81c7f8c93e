// Multi-process content tests: a real controller, the real hallctl importing
// the sample hall, an in-test CHP client receiving the content keys, notices
// posted with hallctl reaching it, export/import round trip through the
// programs, and screens listed from an in-test screen.status sender.
#include <catch2/catch.hpp>

#include <signal.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "harness.h"
#include "common/chp/chp_client.h"
#include "common/wire/codec.h"
#include "common/wire/frames.h"
#include "common/base/digest.h"

using namespace testing;
using Json = nlohmann::json;

namespace {

bool pump_until(hall::ChpClient& client, const std::function<bool()>& done, std::chrono::milliseconds limit = 5s) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    client.pump(std::chrono::steady_clock::now());
    if (done()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return false;
}

std::string value(const hall::ChpClient& c, const std::string& key) {
  auto it = c.map().find(key);
  return it == c.map().end() ? std::string() : it->second;
}

}  // namespace

TEST_CASE("hallctl imports the sample hall and a CHP client receives it and the notices") {
  Hall hall;
  Process controller("hall-controller", hall.controller_args(), hall.dir.path() / "controller.log");
  REQUIRE(controller.wait_for_log("controller up"));

  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  hall::ChpClient client(sockets, {{"127.0.0.1", hall.base}, ""});
  REQUIRE(pump_until(client, [&] { return client.has_snapshot(); }));
  CHECK(value(client, "/content/windows/3").empty());

  auto imp = run("hallctl", hall.hallctl_args({"content", "import", kSample}));
  INFO(imp.output);
  REQUIRE(imp.code == 0);
  CHECK_THAT(imp.output, Catch::Contains("staff 20"));

  REQUIRE(pump_until(client, [&] { return !value(client, "/groups/corridor/playlist").empty(); }));
  CHECK(Json::parse(value(client, "/hall/info"))["name"] == "明州市政务服务中心");
  // The hall's hours (hall.toml [[hours]]) with the controller's calendar
  // (config/holidays.toml beside controller.toml): what screens and kiosks follow.
  const Json hours = Json::parse(value(client, "/hall/hours"));
  CHECK(hours["week"][0] == Json({{"days", {1, 2, 3, 4, 5}}, {"periods", {"08:30-12:00", "13:30-17:30"}}}));
  CHECK(hours["week"][1] == Json({{"days", {6}}, {"periods", {"08:30-12:00"}}}));
  CHECK(std::count(hours["holidays"].begin(), hours["holidays"].end(), Json("2026-10-01")) == 1);
  CHECK(std::count(hours["workdays"].begin(), hours["workdays"].end(), Json("2026-10-10")) == 1);
  CHECK_FALSE(Json::parse(value(client, "/groups/lobby/playlist")).contains("hours"));
  const std::string logo = Json::parse(value(client, "/hall/info"))["logo"];
  CHECK(hall::sha256_hex(value(client, "/media/" + logo)) == logo);
  CHECK(Json::parse(value(client, "/content/windows/3"))["name"] == "医疗保障窗口");
  auto staff = Json::parse(value(client, "/content/staff/zhang-wei"));
  CHECK(staff["name"] == "张伟");
  CHECK(hall::sha256_hex(value(client, "/media/" + staff["photo"].get<std::string>())) == staff["photo"]);
  CHECK(Json::parse(value(client, "/content/standards/gjj-tiqu"))["time_limit"] == "1个工作日");
  size_t staff_keys = 0;
  for (const auto& [k, v] : client.map()) staff_keys += k.rfind("/content/staff/", 0) == 0;
  CHECK(staff_keys == 20);

  // A ticker notice and an urgent notice posted with hallctl reach the client.
  auto post = run("hallctl", hall.hallctl_args({"notice", "post", "今天下午三点系统升级，请提前取号", "--json"}));
  REQUIRE(post.code == 0);
  const std::string id = Json::parse(post.output)["notice"];
  REQUIRE(pump_until(client, [&] { return !value(client, "/notices/ticker/" + id).empty(); }));
  CHECK(Json::parse(value(client, "/notices/ticker/" + id))["text"] == "今天下午三点系统升级，请提前取号");

  REQUIRE(run("hallctl", hall.hallctl_args({"notice", "post", "--urgent", "消防演练，请听从工作人员指引"})).code == 0);
  REQUIRE(pump_until(client, [&] { return !value(client, "/notices/urgent").empty(); }));
  CHECK(Json::parse(value(client, "/notices/urgent"))["text"] == "消防演练，请听从工作人员指引");
  auto list = run("hallctl", hall.hallctl_args({"notice", "list"}));
  CHECK_THAT(list.output, Catch::Contains("URGENT"));
  CHECK_THAT(list.output, Catch::Contains("3 ticker notice(s)"));

  REQUIRE(run("hallctl", hall.hallctl_args({"notice", "clear", "--urgent"})).code == 0);
  REQUIRE(pump_until(client, [&] { return value(client, "/notices/urgent").empty(); }));
  REQUIRE(run("hallctl", hall.hallctl_args({"notice", "clear", id})).code == 0);
  REQUIRE(pump_until(client, [&] { return value(client, "/notices/ticker/" + id).empty(); }));
  auto missing = run("hallctl", hall.hallctl_args({"notice", "clear", "notice-999"}));
  CHECK(missing.code == 1);
  CHECK_THAT(missing.output, Catch::Contains("no notice \"notice-999\""));

  // Deleting content publishes deletes: import with one staff member fewer.
  TempDir edited;
  fs::copy(kSample, edited.path() / "c", fs::copy_options::recursive);
  {
    std::string staff_toml = slurp(edited.path() / "c" / "staff.toml");
    const auto at = staff_toml.find("[[staff]]\nid = \"he-ping\"");
    REQUIRE(at != std::string::npos);
    std::ofstream(edited.path() / "c" / "staff.toml", std::ios::trunc) << staff_toml.substr(0, at);
  }
  REQUIRE(run("hallctl", hall.hallctl_args({"content", "import", edited.str("c")})).code == 0);
  REQUIRE(pump_until(client, [&] { return value(client, "/content/staff/he-ping").empty(); }));
  CHECK_FALSE(value(client, "/content/staff/xu-jing").empty());
}

TEST_CASE("a bad content directory is refused with file, record and field, and changes nothing") {
  Hall hall;
  Process controller("hall-controller", hall.controller_args(), hall.dir.path() / "controller.log");
  REQUIRE(controller.wait_for_log("controller up"));
  REQUIRE(run("hallctl", hall.hallctl_args({"content", "import", kSample})).code == 0);

  TempDir bad;
  fs::copy(kSample, bad.path() / "c", fs::copy_options::recursive);
  std::string staff = slurp(bad.path() / "c" / "staff.toml");
  const auto at = staff.find("window = 2");
  REQUIRE(at != std::string::npos);
  staff.replace(at, 10, "window = 9");
  std::ofstream(bad.path() / "c" / "staff.toml", std::ios::trunc) << staff;
  std::ofstream(bad.path() / "c" / "hall.toml", std::ios::app) << "# renamed\n";
  auto r = run("hallctl", hall.hallctl_args({"content", "import", bad.str("c")}));
  CHECK(r.code == 1);
  CHECK_THAT(r.output, Catch::Contains("staff.toml: staff \"wang-fang\": field \"window\": no window 9"));

  // Export -> import -> export through the programs gives identical files.
  REQUIRE(run("hallctl", hall.hallctl_args({"content", "export", hall.dir.str("one")})).code == 0);
  REQUIRE(run("hallctl", hall.hallctl_args({"content", "import", hall.dir.str("one")})).code == 0);
  REQUIRE(run("hallctl", hall.hallctl_args({"content", "export", hall.dir.str("two")})).code == 0);
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(hall.dir.path() / "one")) {
    if (!e.is_regular_file()) continue;
    const auto rel = fs::relative(e.path(), hall.dir.path() / "one");
    INFO(rel.string());
    CHECK(slurp(e.path()) == slurp(hall.dir.path() / "two" / rel));
    ++files;
  }
  CHECK(files == 30);
  // The refused import left the sample's window for wang-fang in place.
  CHECK_THAT(slurp(hall.dir.path() / "one" / "staff.toml"), Catch::Contains("id = \"wang-fang\""));
  CHECK_THAT(slurp(hall.dir.path() / "one" / "staff.toml"), !Catch::Contains("window = 9"));
  CHECK(controller.running());

  // After a restart the controller publishes the stored content by itself.
  controller.signal(SIGTERM);
  REQUIRE(controller.wait(5s) == 0);
  Process again("hall-controller", hall.controller_args(), hall.dir.path() / "controller2.log");
  REQUIRE(again.wait_for_log("controller up"));
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  hall::ChpClient client(sockets, {{"127.0.0.1", hall.base}, "/content/"});
  REQUIRE(pump_until(client, [&] { return client.has_snapshot(); }));
  CHECK(Json::parse(value(client, "/content/staff/wang-fang"))["window"] == 2);
  CHECK_THAT(again.log(), Catch::Contains("content service: 89 keys published"));  // with /hall/hours
}

TEST_CASE("hallctl screens lists reporting and configured screens") {
  Hall hall;
  Process controller("hall-controller", hall.controller_args(), hall.dir.path() / "controller.log");
  REQUIRE(controller.wait_for_log("controller up"));
  REQUIRE(run("hallctl", hall.hallctl_args({"content", "import", kSample})).code == 0);

  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  auto dealer = sockets.connect(zmq::socket_type::dealer, {"127.0.0.1", hall.base + 3});
  REQUIRE(dealer.ok());
  auto send = [&](const Json& fields) {
    hall::send_frames(*dealer, {hall::encode_message("screen.status", fields)}, false);
    zmq::pollitem_t item{dealer->handle(), 0, ZMQ_POLLIN, 0};
    REQUIRE(zmq::poll(&item, 1, std::chrono::milliseconds(3000)) == 1);
    auto reply = hall::recv_frames(*dealer, 2);
    REQUIRE(reply);
    return hall::decode_message(reply->front()).value();
  };
  auto ok = send({{"id", 4}, {"device_id", "lobby-1"}, {"group", "lobby"}, {"board", "standards"},
                  {"sequence", 10123}, {"uptime_s", 60}, {"frame_ms", 2.5}, {"rss_kb", 81234},
                  {"offline_since", ""}});
  CHECK(ok.type == "ok");
  auto stray = send({{"device_id", "stray-9"}, {"group", "lab"}, {"board", "queue"}, {"sequence", 7},
                     {"uptime_s", 1}, {"frame_ms", 1.0}, {"rss_kb", 1}, {"offline_since", ""}});
  CHECK(stray.type == "ok");
  auto bad = send({{"device_id", "lobby-1"}, {"group", "lobby"}, {"board", "standards"}, {"sequence", "many"},
                   {"uptime_s", 60}, {"frame_ms", 2.5}, {"rss_kb", 1}, {"offline_since", ""}});
  CHECK(bad.type == "error");
  CHECK_THAT(bad.body["message"].get<std::string>(), Catch::Contains("\"sequence\" must be an integer"));

  auto json = run("hallctl", hall.hallctl_args({"screens", "--json"}));
  REQUIRE(json.code == 0);
  std::map<std::string, Json> by_id;
  const Json listed = Json::parse(json.output);
  for (const auto& s : listed["screens"]) by_id[s["id"]] = s;
  REQUIRE(by_id.size() == 4);  // three configured, one stray
  CHECK(by_id["lobby-1"]["online"] == true);
  CHECK(by_id["lobby-1"]["board"] == "standards");
  CHECK(by_id["lobby-1"]["sequence"] == 10123);
  CHECK(by_id["lobby-1"]["name"] == "一楼大厅主屏");
  CHECK(by_id["lobby-2"]["online"] == false);
  CHECK(by_id["lobby-2"]["last_seen"] == "");
  CHECK(by_id["stray-9"]["configured"] == false);
  CHECK(by_id["stray-9"]["online"] == true);

  auto text = run("hallctl", hall.hallctl_args({"screens"}));
  REQUIRE(text.code == 0);
  CHECK_THAT(text.output, Catch::Contains("lobby-1"));
  CHECK_THAT(text.output, Catch::Contains("online"));
  CHECK_THAT(text.output, Catch::Contains("never"));
  CHECK_THAT(text.output, Catch::Contains("2 of 4 screen(s) online"));
}
