// The signage model, fed CHP maps directly.
#include <catch2/catch.hpp>

#include "signage/model.h"

using namespace std::chrono_literals;

TEST_CASE("the model reads the hall name from /hall/info") {
  signage::Model m;
  CHECK_FALSE(m.has_content());
  m.apply({{"/hall/info", R"({"name":"朝阳区政务服务中心","name_en":"Chaoyang Service Center"})"}},
          std::chrono::system_clock::now());
  CHECK(m.has_content());
  CHECK(m.hall_name() == "朝阳区政务服务中心");
  CHECK(m.hall_name_en() == "Chaoyang Service Center");
  CHECK(m.glyph_text().find("朝阳区") != std::string::npos);
}

TEST_CASE("bad values are ignored, keeping what was shown") {
  signage::Model m;
  m.apply({{"/hall/info", R"({"name":"甲"})"}}, std::chrono::system_clock::now());
  m.apply({{"/hall/info", "not json"}}, std::chrono::system_clock::now());
  CHECK(m.hall_name() == "甲");
  m.apply({{"/hall/info", "[1,2]"}}, std::chrono::system_clock::now());
  CHECK(m.hall_name() == "甲");
}

TEST_CASE("the clock follows the controller's time and zone") {
  signage::Model m;
  // Controller says 2026-11-27 09:30:00 at +08:00 (01:30:00 UTC), and the
  // local clock is 90 s behind it.
  const int64_t controller_ms = 1795743000000;  // 2026-11-27T01:30:00Z
  const auto local = std::chrono::system_clock::time_point(std::chrono::milliseconds(controller_ms - 90000));
  m.apply({{"/hall/clock",
            R"({"iso":"2026-11-27T09:30:00+08:00","epoch_ms":1795743000000,"utc_offset_min":480})"}},
          local);
  CHECK(m.clock_text(local) == "09:30:00");
  CHECK(m.clock_text(local + 65s) == "09:31:05");
  CHECK(m.date_text(local) == "2026年11月27日 星期五");
  // Another key changing later must not disturb the clock.
  m.apply({{"/hall/clock",
            R"({"iso":"2026-11-27T09:30:00+08:00","epoch_ms":1795743000000,"utc_offset_min":480})"},
           {"/hall/info", R"({"name":"乙"})"}},
          local + 30s);
  CHECK(m.clock_text(local + 65s) == "09:31:05");
}
