#include "signage/screen/cache.h"

#include <fstream>
#include <set>
#include <sstream>

namespace signage {

namespace fs = std::filesystem;

namespace {
constexpr std::string_view kMagic = "HALLSNAP1\n";
constexpr uint32_t kMaxEntries = 200000;
constexpr uint32_t kMaxKey = 255;
constexpr uint32_t kMaxValue = 1u << 20;

void put_u64(std::string& out, uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((v >> (i * 8)) & 0xFF));
}
void put_u32(std::string& out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((v >> (i * 8)) & 0xFF));
}
void put_bytes(std::string& out, std::string_view b) {
  put_u32(out, static_cast<uint32_t>(b.size()));
  out.append(b);
}

struct Reader {
  std::string_view data;
  size_t pos = 0;
  bool ok = true;
  uint64_t u(int bytes) {
    if (pos + bytes > data.size()) { ok = false; return 0; }
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(data[pos++]);
    return v;
  }
  std::string bytes(uint32_t max) {
    const uint64_t n = u(4);
    if (!ok || n > max || pos + n > data.size()) { ok = false; return {}; }
    std::string out(data.substr(pos, n));
    pos += n;
    return out;
  }
};

hall::Status write_atomic(const fs::path& path, std::string_view bytes) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return hall::fail("cannot write " + tmp.string() + "; check that the cache directory is writable");
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) return hall::fail("cannot write " + tmp.string() + " (disk full?)");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return hall::fail("cannot replace " + path.string() + ": " + ec.message());
  return {};
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return std::nullopt;
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool is_hex_name(const std::string& s) {
  if (s.empty() || s.size() > 128) return false;
  for (char c : s)
    if (!isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}
}  // namespace

uint64_t fnv1a64(std::string_view bytes, uint64_t h) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

hall::Status SnapshotCache::save(const std::map<std::string, std::string>& map, uint64_t sequence,
                                 hall::SystemTime now) {
  std::error_code ec;
  fs::create_directories(dir_ / "media", ec);
  if (ec) return hall::fail("cannot create cache directory " + (dir_ / "media").string() + ": " + ec.message());
  std::string out(kMagic);
  put_u64(out, sequence);
  put_u64(out, static_cast<uint64_t>(hall::epoch_ms(now)));
  std::string entries, media;
  uint32_t n_entries = 0, n_media = 0;
  std::set<std::string> media_names;
  for (const auto& [key, value] : map) {
    if (key.rfind("/media/", 0) == 0) {
      const std::string name = key.substr(7);
      if (!is_hex_name(name)) continue;  // only hash-named media are cached
      put_bytes(media, key);
      put_u32(media, static_cast<uint32_t>(value.size()));
      put_u64(media, fnv1a64(value));
      ++n_media;
      media_names.insert(name);
      const fs::path file = dir_ / "media" / name;
      if (!fs::exists(file)) {
        if (auto s = write_atomic(file, value); !s) return s;
      }
      continue;
    }
    put_bytes(entries, key);
    put_bytes(entries, value);
    ++n_entries;
  }
  put_u32(out, n_entries);
  out += entries;
  put_u32(out, n_media);
  out += media;
  put_u64(out, fnv1a64(out));
  if (auto s = write_atomic(snapshot_file(), out); !s) return s;
  // Photos no longer in the map are removed.
  for (const auto& entry : fs::directory_iterator(dir_ / "media", ec)) {
    const std::string name = entry.path().filename().string();
    if (!media_names.count(name)) fs::remove(entry.path(), ec);
  }
  return {};
}

hall::Result<std::optional<CachedSnapshot>> SnapshotCache::load(hall::SystemTime now) {
  const auto bytes = read_file(snapshot_file());
  if (!bytes) return std::optional<CachedSnapshot>();
  const std::string stamp = hall::file_stamp(now);
  auto corrupt = [&](const std::string& why) -> hall::Error {
    std::error_code ec;
    const std::string aside = snapshot_file().string() + ".corrupt-" + stamp;
    fs::rename(snapshot_file(), aside, ec);
    return hall::fail("the signage cache " + snapshot_file().string() + " is corrupt (" + why +
                      "); discarded it (set aside as " + aside + "), waiting for the controller");
  };
  const std::string_view data(*bytes);
  if (data.size() < kMagic.size() + 8 + 8 + 4 + 4 + 8 || data.substr(0, kMagic.size()) != kMagic)
    return corrupt("not a snapshot file");
  Reader tail{data.substr(data.size() - 8)};
  if (tail.u(8) != fnv1a64(data.substr(0, data.size() - 8))) return corrupt("checksum mismatch");
  Reader r{data.substr(0, data.size() - 8), kMagic.size()};
  CachedSnapshot snap;
  snap.sequence = r.u(8);
  snap.saved_at = hall::SystemTime(std::chrono::milliseconds(static_cast<int64_t>(r.u(8))));
  const uint64_t n = r.u(4);
  if (!r.ok || n > kMaxEntries) return corrupt("bad entry count");
  for (uint64_t i = 0; i < n && r.ok; ++i) {
    std::string key = r.bytes(kMaxKey);
    std::string value = r.bytes(kMaxValue);
    if (r.ok) snap.map.emplace(std::move(key), std::move(value));
  }
  const uint64_t m = r.ok ? r.u(4) : 0;
  if (!r.ok || m > kMaxEntries) return corrupt("truncated entries");
  for (uint64_t i = 0; i < m && r.ok; ++i) {
    std::string key = r.bytes(kMaxKey);
    const uint64_t size = r.u(4);
    const uint64_t sum = r.u(8);
    if (!r.ok) break;
    const std::string name = key.size() > 7 ? key.substr(7) : std::string();
    auto file = is_hex_name(name) ? read_file(dir_ / "media" / name) : std::nullopt;
    if (!file || file->size() != size || fnv1a64(*file) != sum) {
      ++snap.media_dropped;
      std::error_code ec;
      if (file && is_hex_name(name)) {  // set aside, out of media/ (save() prunes that)
        fs::create_directories(dir_ / "corrupt", ec);
        fs::rename(dir_ / "media" / name, dir_ / "corrupt" / (name + ".corrupt-" + stamp), ec);
      }
      continue;
    }
    snap.map.emplace(std::move(key), std::move(*file));
  }
  if (!r.ok || r.pos != r.data.size()) return corrupt("truncated or trailing bytes");
  return std::optional<CachedSnapshot>(std::move(snap));
}

}  // namespace signage
