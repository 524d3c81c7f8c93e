// The signage offline cache: round trip with photos, and every kind of
// damage (garbage, truncation, flipped bytes, bad photos) discarded cleanly.
#include <catch2/catch.hpp>

#include <fstream>

#include "process.h"
#include "sample_hall.h"
#include "signage/screen/cache.h"

namespace fs = std::filesystem;

namespace {
hall::SystemTime t0() { return hall::SystemTime(std::chrono::milliseconds(1795743000123)); }
void write(const fs::path& p, const std::string& bytes) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f << bytes;
}
std::string read(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}
}  // namespace

TEST_CASE("the cache round-trips the map, photos, sequence and time") {
  testing::TempDir dir;
  signage::SnapshotCache cache(dir.path() / "screen");
  auto none = cache.load();
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  const auto map = testing::sample_hall_map({});
  REQUIRE(cache.save(map, 4242, t0()).ok());
  auto back = cache.load();
  REQUIRE(back.ok());
  REQUIRE(back->has_value());
  CHECK((*back)->map == map);
  CHECK((*back)->sequence == 4242);
  CHECK((*back)->saved_at == t0());
  CHECK((*back)->media_dropped == 0);
  size_t photos = 0;
  for (auto& e : fs::directory_iterator(dir.path() / "screen" / "media")) photos += e.is_regular_file();
  CHECK(photos == 21);  // 20 staff photos and the hall logo
  // A photo removed from the map is removed from disk on the next save.
  auto smaller = map;
  for (auto it = smaller.begin(); it != smaller.end(); ++it)
    if (it->first.rfind("/media/", 0) == 0) { smaller.erase(it); break; }
  REQUIRE(cache.save(smaller, 4243, t0()).ok());
  photos = 0;
  for (auto& e : fs::directory_iterator(dir.path() / "screen" / "media")) photos += e.is_regular_file();
  CHECK(photos == 20);
}

TEST_CASE("a corrupt cache is discarded with a clear error, never a crash") {
  testing::TempDir dir;
  signage::SnapshotCache cache(dir.path());
  const auto map = testing::sample_hall_map({.photos = false});
  REQUIRE(cache.save(map, 7, t0()).ok());
  const std::string good = read(cache.snapshot_file());

  std::vector<std::pair<std::string, std::string>> damage = {
      {"garbage", std::string("\x00\xff", 2) + " garbage bytes \x13\x37 not a cache"},
      {"empty", ""},
      {"truncated", good.substr(0, good.size() / 2)},
      {"flipped", [&] { auto b = good; b[b.size() / 3] ^= 0x40; return b; }()},
      {"trailing", good + "x"},
      {"huge count", [&] {
         auto b = good.substr(0, 26) + std::string("\xff\xff\xff\xff", 4) + good.substr(30);
         return b;
       }()},
  };
  for (const auto& [name, bytes] : damage) {
    INFO(name);
    write(cache.snapshot_file(), bytes);
    auto r = cache.load();
    if (bytes.empty()) {  // an empty file is corrupt too
      REQUIRE_FALSE(r.ok());
    } else {
      REQUIRE_FALSE(r.ok());
    }
    CHECK_THAT(r.error(), Catch::Contains("is corrupt"));
    CHECK_THAT(r.error(), Catch::Contains("discarded"));
    CHECK_FALSE(fs::exists(cache.snapshot_file()));
    bool aside = false;  // snapshot.bin.corrupt-<UTC time>, kept
    for (auto& e : fs::directory_iterator(dir.path()))
      if (e.path().filename().string().rfind("snapshot.bin.corrupt-", 0) == 0 && read(e.path()) == bytes) aside = true;
    CHECK(aside);
    for (auto& e : fs::directory_iterator(dir.path()))
      if (e.path().filename().string().rfind("snapshot.bin.corrupt-", 0) == 0) fs::remove(e.path());
    auto again = cache.load();  // gone: next start has no cache
    REQUIRE(again.ok());
    CHECK_FALSE(again->has_value());
  }
  // And it can be written again afterwards.
  REQUIRE(cache.save(map, 8, t0()).ok());
  REQUIRE(cache.load().ok());
}

TEST_CASE("a damaged or missing photo is left out, the rest of the cache loads") {
  testing::TempDir dir;
  signage::SnapshotCache cache(dir.path());
  const auto map = testing::sample_hall_map({});
  REQUIRE(cache.save(map, 9, t0()).ok());
  std::vector<fs::path> files;
  for (auto& e : fs::directory_iterator(dir.path() / "media")) files.push_back(e.path());
  REQUIRE(files.size() >= 2);
  write(files[0], "not a png any more");
  fs::remove(files[1]);
  auto r = cache.load();
  REQUIRE(r.ok());
  REQUIRE(r->has_value());
  CHECK((*r)->media_dropped == 2);
  // The damaged photo is set aside, not deleted.
  size_t aside = 0;
  for (auto& e : fs::directory_iterator(dir.path() / "corrupt"))
    aside += read(e.path()) == "not a png any more";
  CHECK(aside == 1);
  CHECK((*r)->map.size() == map.size() - 2);
  CHECK((*r)->map.at("/hall/info") == map.at("/hall/info"));
}
