// The fuzz targets in the normal suite: every file kept in
// tests/fuzz/regressions/<target>/ (inputs that once crashed a target, kept
// after the fix) and tests/fuzz/corpus/<target>/ (the seeds) goes through
// the same function libFuzzer calls (fuzz.h). A regression aborts or throws,
// and the test fails.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "fuzz.h"

namespace fs = std::filesystem;

namespace {

using Target = int (*)(const uint8_t*, size_t);

size_t replay(const std::string& name, Target target) {
  size_t n = 0;
  for (const char* kind : {"regressions", "corpus"}) {
    const fs::path dir = fs::path(HALL_SOURCE_DIR) / "tests" / "fuzz" / kind / name;
    if (!fs::is_directory(dir)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      INFO("input " << f.string());
      std::ifstream in(f, std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      CHECK(target(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()) == 0);
      ++n;
    }
  }
  return n;
}

}  // namespace

TEST_CASE("fuzz inputs replay: codec") { CHECK(replay("codec", hall_fuzz::codec) > 0); }
TEST_CASE("fuzz inputs replay: chp") { CHECK(replay("chp", hall_fuzz::chp) > 0); }
TEST_CASE("fuzz inputs replay: device") { CHECK(replay("device", hall_fuzz::device) > 0); }
TEST_CASE("fuzz inputs replay: admin") { CHECK(replay("admin", hall_fuzz::admin) > 0); }
TEST_CASE("fuzz inputs replay: config") { CHECK(replay("config", hall_fuzz::config) > 0); }
TEST_CASE("fuzz inputs replay: content") { CHECK(replay("content", hall_fuzz::content) > 0); }
TEST_CASE("fuzz inputs replay: queue_feed") { CHECK(replay("queue_feed", hall_fuzz::queue_feed) > 0); }
