// cache.h: the screen's on-disk copy of its last CHP snapshot, so a screen
// that starts while the controller is down still shows the hall's content.
// Layout of the directory (signage.cache_dir, default var/signage/<id>/):
//   snapshot.bin     every key except /media/..., the applied sequence and the
//                    time it was written, ending in an FNV-1a 64 checksum
//   media/<sha256>   one file per /media/ value (photos), named by its hash
// Files are written to a temporary name and renamed, so a crash never leaves
// a half-written cache. A file that fails any check (magic, lengths, checksum)
// is set aside with an error saying so; the caller logs it and goes on.
// Threading: one owner; no shared state.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "common/time/clock.h"
#include "common/base/result.h"

namespace signage {

struct CachedSnapshot {
  std::map<std::string, std::string> map;
  uint64_t sequence = 0;
  hall::SystemTime saved_at{};
  size_t media_dropped = 0;  // media files missing or damaged (left out of `map`)
};

class SnapshotCache {
 public:
  explicit SnapshotCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

  hall::Status save(const std::map<std::string, std::string>& map, uint64_t sequence, hall::SystemTime now);
  // nullopt: no cache yet. An error: the cache was corrupt and has been set
  // aside (renamed snapshot.bin.corrupt-<UTC time>, never deleted); the
  // screen starts without a cache. A damaged photo is moved to
  // corrupt/<sha256>.corrupt-<UTC time> and left out (media_dropped).
  hall::Result<std::optional<CachedSnapshot>> load(hall::SystemTime now = std::chrono::system_clock::now());

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path snapshot_file() const { return dir_ / "snapshot.bin"; }

 private:
  std::filesystem::path dir_;
};

uint64_t fnv1a64(std::string_view bytes, uint64_t seed = 0xcbf29ce484222325ull);

}  // namespace signage
