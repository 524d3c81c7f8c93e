// An independent CHP client (tests/scripts/chp_client.py, python3-zmq, written
// from RFC 12 alone) reads a snapshot and an update from our ChpServer.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include <nlohmann/json.hpp>

#include "harness.h"
#include "sample_hall.h"

using namespace testing;

TEST_CASE("an independent python CHP client reads a snapshot and an update") {
  Hall hall;
  FakeController fc(hall.base, hall.base + 3);
  REQUIRE(fc.started());
  fc.set_all(sample_hall_map({}));
  std::this_thread::sleep_for(100ms);
  std::atomic<bool> done{false};
  std::thread ticker([&] {
    for (int i = 0; i < 100 && !done; ++i) {
      fc.set("/content/pledges/ping", nlohmann::json{{"id", "ping"}, {"text", "承诺 " + std::to_string(i)}}.dump());
      std::this_thread::sleep_for(100ms);
    }
  });
  auto r = run("/usr/bin/python3", {HALL_SOURCE_DIR "/tests/scripts/chp_client.py", std::to_string(hall.base),
                                    "/content/", "/content/pledges/ping"},
               20s);
  done = true;
  ticker.join();
  INFO(r.output);
  REQUIRE(r.code == 0);
  const auto last = r.output.substr(r.output.rfind("{\"snapshot\""));
  auto j = nlohmann::json::parse(last);
  CHECK(j["snapshot"].size() >= 40);  // departments, windows, staff, standards, pledges
  CHECK(j["snapshot"]["/content/staff/wangfang"]["value"].get<std::string>().find("王芳") != std::string::npos);
  CHECK(j["kthxbai"].get<uint64_t>() > 0);
  CHECK(j["update"]["sequence"].get<uint64_t>() > j["kthxbai"].get<uint64_t>());
  CHECK(j["update"]["value"].get<std::string>().find("承诺") != std::string::npos);
  CHECK(j["update"]["uuid_len"] == 0);
  CHECK(j["update"]["properties"].contains("epoch"));
  CHECK(j["update"]["properties"].contains("prev:/content/"));
  CHECK(j["update"]["properties"].contains("prev:/content/pledges/"));
}
