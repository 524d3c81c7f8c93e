// fuzz_content: content import (controller/content/, docs/content.md): the
// content directory a hall manager edits, read into a content.import bundle
// (read_content_dir) and validated (validate_bundle) as the controller does
// before it stores anything. Input: one byte choosing which file of the
// sample hall to replace (hall.toml, departments.toml, ... screens.toml,
// in the order of kFiles), then that file's text; the other files stay the
// sample hall's. Rules: nothing throws or crashes; a refusal is a message; a
// bundle that validates survives to_wire and validates again the same.
#include "fuzz.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "controller/content/content_files.h"
#include "controller/content/content_schema.h"

namespace hall_fuzz {

namespace {
namespace fs = std::filesystem;

constexpr const char* kFiles[] = {"hall.toml",    "departments.toml", "windows.toml",
                                  "staff.toml",   "standards.toml",   "pledges.toml",
                                  "notices.toml", "screens.toml",     "playlists.toml"};

// A copy of config/sample-hall in a temp directory, removed at exit.
struct ContentDir {
  fs::path dir;
  ContentDir() {
    const fs::path tmp = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    dir = tmp / ("hall-fuzz-content-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::copy(fs::path(HALL_SOURCE_DIR) / "config" / "sample-hall", dir, fs::copy_options::recursive);
  }
  ~ContentDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  static void write(const fs::path& p, std::string_view text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
};
}  // namespace

int content(const uint8_t* data, size_t size) {
  static ContentDir sample;
  static const hall::SystemTime now = std::chrono::system_clock::now();
  if (size < 1) return 0;
  const fs::path file = sample.dir / kFiles[data[0] % std::size(kFiles)];
  const std::string original = ContentDir::read(file);
  ContentDir::write(file, as_text(data + 1, size - 1));
  auto wire = controller::content::read_content_dir(sample.dir);
  ContentDir::write(file, original);
  if (!wire) {
    FUZZ_CHECK(!wire.error().empty(), "a refused directory without a message");
    return 0;
  }
  auto bundle = controller::content::validate_bundle(*wire, now);
  if (!bundle) {
    FUZZ_CHECK(!bundle.error().empty(), "a refused bundle without a message");
    return 0;
  }
  const hall::Json again = controller::content::to_wire(*bundle);
  auto second = controller::content::validate_bundle(again, now);
  FUZZ_CHECK(second.ok(), "the wire form of a valid bundle does not validate");
  FUZZ_CHECK(second->hall == bundle->hall && second->records == bundle->records,
             "a bundle changed in a to_wire/validate round trip");
  return 0;
}

}  // namespace hall_fuzz

HALL_FUZZ_ENTRY(hall_fuzz::content)
