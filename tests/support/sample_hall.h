// sample_hall.h: test and benchmark fixtures for CHP and signage.
//  - sample_hall_map(): a realistic Chinese hall as the CHP key-value map the
//    controller publishes (docs/protocol.md): 8 windows, 20 staff with drawn
//    PNG photos under /media/<hash>, 15 service standards, pledges, tickers,
//    a playlist, queue calls and (optionally) rankings.
//  - FakeController: a CHP server plus a device socket answering hello and
//    screen.status, run on its own thread, so tests can feed real screens
//    and change keys while they run.
// Threading: sample_hall_map is pure; FakeController's methods may be called
// from the test's thread (they queue work for the server thread).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace testing {

struct SampleOptions {
  std::string group = "lobby";
  bool rankings = true;
  bool tickers = true;
  bool urgent = false;
  bool photos = true;
};

std::map<std::string, std::string> sample_hall_map(const SampleOptions& options = {});
// A PNG (width x height) of a drawn head-and-shoulders portrait in `hue`.
std::string portrait_png(int width, int height, int hue);
// A short hex id for a media value (stands in for SHA-256 in tests).
std::string media_id(const std::string& bytes);

class FakeController {
 public:
  // Binds CHP on `chp_port` (and +1) and the device socket on `device_port`.
  FakeController(int chp_port, int device_port, uint64_t first_sequence = 0);
  ~FakeController();

  void set(const std::string& key, const std::string& value);  // "" deletes
  void set_all(const std::map<std::string, std::string>& map);
  uint64_t sequence() const { return sequence_; }
  bool started() const { return started_; }
  // Last screen.status per device id.
  std::map<std::string, nlohmann::json> statuses() const;

 private:
  void run(int chp_port, int device_port, uint64_t first_sequence);
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> started_{false};
  std::atomic<uint64_t> sequence_{0};
  mutable std::mutex mu_;
  std::vector<std::pair<std::string, std::string>> queue_;
  std::map<std::string, nlohmann::json> statuses_;
};

}  // namespace testing
