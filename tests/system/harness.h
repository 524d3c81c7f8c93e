// harness.h: a controller on free loopback ports in a temp data dir, plus
// the --set flags a screen, kiosk or hallctl needs to reach it. With
// `secure`, every socket uses CURVE: hallctl uses the admin key the
// controller makes on first start, and a screen or kiosk the key made and
// enrolled for it (test_trust.cpp). Without, every program runs with
// security.mode = "none" (process.h), as the tests of the other features do.
// Threading: the test's thread.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "process.h"

namespace testing {

const std::string kSample = HALL_SOURCE_DIR "/config/sample-hall";
const std::string kPython = "/usr/bin/python3";
const std::string kQueueSim = HALL_SOURCE_DIR "/scripts/queue-sim";
const std::string kClient = HALL_SOURCE_DIR "/tests/system/foreign_client.py";

// The AddressSanitizer build (scripts/test --sanitize): its allocator keeps
// freed memory in quarantine and never hands it back, so a process's resident
// memory says nothing about ours there.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Where a test keeps the screenshots a person looks at: build/screenshots/.
inline std::string out_path(const std::string& name) {
  const auto dir = std::filesystem::path(HALL_BIN_DIR).parent_path() / "screenshots";
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

// How often `what` occurs in `s` (log lines seen so far).
inline size_t count_of(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

struct Hall {
  TempDir dir;
  int base = free_ports(5);  // CHP P, P+1, (P+2 reserved), device P+3, admin P+4
  bool secure = false;
  std::string cfg(const std::string& name) const { return HALL_SOURCE_DIR "/config/" + name; }

  std::vector<std::string> security(const std::string& device_id = "") const {
    if (!secure) return {};  // Process adds security.mode=none
    if (device_id.empty()) return {"--set", "security.mode=curve"};
    return {"--set", "security.key=" + dir.str("keys/" + device_id + ".key_secret"),
            "--set", "security.server_key=" + dir.str("var/keys/controller.key")};
  }
  static std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& more) {
    a.insert(a.end(), more.begin(), more.end());
    return a;
  }

  std::vector<std::string> controller_args(const std::string& hall_name = "测试政务服务中心") const {
    return with({"--config", cfg("controller.toml"),
                 "--set", "controller.data_dir=" + dir.str("var"),
                 "--set", "hall.name=" + hall_name,
                 "--set", "controller.chp_port=" + std::to_string(base),
                 "--set", "controller.device_port=" + std::to_string(base + 3),
                 "--set", "controller.admin_port=" + std::to_string(base + 4)},
                security());
  }
  std::vector<std::string> signage_args(const std::string& id, int frames, const std::string& png) const {
    return with({"--config", cfg("signage.toml"), "--headless", "--frames", std::to_string(frames),
                 "--screenshot", png,
                 "--set", "signage.id=" + id,
                 "--set", "signage.cache_dir=" + dir.str("cache-" + id),
                 "--set", "signage.chp_port=" + std::to_string(base),
                 "--set", "signage.device_port=" + std::to_string(base + 3)},
                security(id));
  }
  // A screen that keeps running (no --frames), in screen group `group`,
  // reporting its status every second.
  std::vector<std::string> screen_args(const std::string& id, const std::string& group) const {
    auto args = signage_args(id, 1, "");
    args.erase(args.begin() + 3, args.begin() + 7);  // drop --frames N --screenshot P
    args.insert(args.end(), {"--set", "signage.group=" + group, "--set", "signage.status_interval_s=1"});
    return args;
  }
  std::vector<std::string> kiosk_args(const std::string& id, int frames, const std::string& png) const {
    return with({"--config", cfg("kiosk.toml"), "--headless", "--frames", std::to_string(frames),
                 "--screenshot", png,
                 "--set", "kiosk.id=" + id,
                 "--set", "kiosk.data_dir=" + dir.str("kiosk"),
                 "--set", "kiosk.chp_port=" + std::to_string(base),
                 "--set", "kiosk.device_port=" + std::to_string(base + 3)},
                security(id));
  }
  std::vector<std::string> hallctl_args(std::vector<std::string> command) const {
    auto a = with({"--set", "controller.admin_port=" + std::to_string(base + 4),
                   "--set", "controller.data_dir=" + dir.str("var")},
                  security());
    a.insert(a.end(), command.begin(), command.end());
    return a;
  }
  // Asks hallctl until the controller holds `count` tickets from the queue
  // feed (at most 100 tries, 10 s).
  bool wait_for_tickets(size_t count) const {
    for (int i = 0; i < 100; ++i) {
      auto r = run("hallctl", hallctl_args({"tickets", "--json", "--limit", std::to_string(count + 10)}));
      if (r.code == 0 && nlohmann::json::parse(r.output, nullptr, false).value("tickets", nlohmann::json::array()).size() == count)
        return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
};

}  // namespace testing
