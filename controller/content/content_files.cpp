#include "controller/content/content_files.h"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "controller/content/content_schema.h"
#include "common/base/config.h"
#include "common/base/digest.h"

namespace controller::content {

using hall::Json;
namespace fs = std::filesystem;

namespace {
hall::Result<Json> to_json(const toml::node& n, const std::string& where) {
  if (auto t = n.as_table()) {
    Json o = Json::object();
    for (const auto& [k, v] : *t) {
      auto j = to_json(v, where);
      if (!j) return j;
      o[std::string(k.str())] = std::move(*j);
    }
    return o;
  }
  if (auto a = n.as_array()) {
    Json arr = Json::array();
    for (const auto& v : *a) {
      auto j = to_json(v, where);
      if (!j) return j;
      arr.push_back(std::move(*j));
    }
    return arr;
  }
  if (auto s = n.as_string()) return Json(s->get());
  if (auto i = n.as_integer()) return Json(i->get());
  if (auto b = n.as_boolean()) return Json(b->get());
  if (auto f = n.as_floating_point()) return Json(f->get());
  const auto& src = n.source().begin;
  return hall::fail(where + " line " + std::to_string(src.line) +
                    ": dates and times must be written as strings in quotes, e.g. \"2026-11-27 18:00\"");
}

hall::Result<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return hall::fail("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

toml::array toml_array(const Json& v);
toml::table toml_inline_table(const Json& v);

// Hands the TOML value of a JSON value to `put`. Objects inside a record
// (playlist boards) become inline tables: `boards = [{ board = "queue", ... }]`.
template <class Put>
void to_toml(const Json& v, Put&& put) {
  if (v.is_string()) put(v.get<std::string>());
  else if (v.is_boolean()) put(v.get<bool>());
  else if (v.is_number_integer()) put(v.get<int64_t>());
  else if (v.is_number()) put(v.get<double>());
  else if (v.is_object()) put(toml_inline_table(v));
  else if (v.is_array()) put(toml_array(v));
  else put(std::string());  // null: TOML has none
}

void insert_toml(toml::table& into, const std::string& key, const Json& v) {
  to_toml(v, [&](auto&& x) { into.insert_or_assign(key, std::forward<decltype(x)>(x)); });
}

toml::array toml_array(const Json& v) {
  toml::array out;
  for (const auto& x : v) to_toml(x, [&](auto&& y) { out.push_back(std::forward<decltype(y)>(y)); });
  return out;
}

toml::table toml_inline_table(const Json& v) {
  toml::table out;
  for (const auto& [k, x] : v.items()) insert_toml(out, k, x);
  out.is_inline(true);
  return out;
}

// The fields of record `r` that table `t` knows.
toml::table record_table(const TableDef& t, const Json& r) {
  toml::table out;
  for (const auto& f : t.fields) {
    if (!r.contains(f.name)) continue;
    // Opening hours left out (a playlist that follows the hall's, a hall
    // without [[hours]]) stay out of the file rather than open = "".
    const bool hours = f.kind == FieldKind::ClockTime || f.kind == FieldKind::IntList || f.kind == FieldKind::Hours;
    const Json& v = r[f.name];
    if (hours && !f.required && (v.is_string() ? v.get<std::string>().empty() : v.empty())) continue;
    insert_toml(out, f.name, r[f.name]);
  }
  return out;
}

// Strings always in double quotes with escapes (no literal or multi-line
// strings, whose rules about quotes and a leading newline are easy to trip
// on); Chinese text as it is; keys quoted when they are not bare.
std::string toml_text(const toml::table& t) {
  std::ostringstream out;
  out << toml::toml_formatter(t, toml::format_flags::allow_unicode_strings | toml::format_flags::indentation);
  std::string text = out.str();
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

hall::Status write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return hall::fail("cannot write " + p.string());
  return {};
}

std::string known_files() {
  std::string out = hall_def().file;
  for (const auto& t : tables()) out += ", " + t.file;
  return out;
}
}  // namespace

hall::Result<Json> read_content_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return hall::fail(dir.string() + " is not a directory; give the content directory (the one with hall.toml)");
  Json files = Json::object();
  Json media = Json::object();
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(dir, ec)) entries.push_back(e.path());
  if (ec) return hall::fail("cannot list " + dir.string() + ": " + ec.message());
  std::sort(entries.begin(), entries.end());
  for (const auto& p : entries) {
    const std::string name = p.filename().string();
    if (name == "photos" && fs::is_directory(p)) continue;
    if (p.extension() != ".toml") continue;  // README and other notes are allowed
    if (name != hall_def().file && !find_table(name))
      return hall::fail(name + ": unknown content file (content files are " + known_files() + ")");
    std::ifstream in(p, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return hall::fail(name + ": cannot be read");
    if (auto why = hall::toml_unreadable(text.str())) return hall::fail(name + " " + *why);
    toml::table parsed;
    try {
      parsed = toml::parse(text.str(), p.string());
    } catch (const toml::parse_error& err) {
      return hall::fail(name + " line " + std::to_string(err.source().begin.line) + ", column " +
                        std::to_string(err.source().begin.column) + ": " + std::string(err.description()));
    }
    auto j = to_json(parsed, name);
    if (!j) return j;
    files[name] = std::move(*j);
  }
  if (!files.contains(hall_def().file))
    return hall::fail(dir.string() + " has no hall.toml; is this a content directory?");
  const fs::path photos = dir / "photos";
  if (fs::is_directory(photos, ec)) {
    std::vector<fs::path> pics;
    for (const auto& e : fs::directory_iterator(photos, ec))
      if (e.is_regular_file()) pics.push_back(e.path());
    std::sort(pics.begin(), pics.end());
    for (const auto& p : pics) {
      if (p.filename().string()[0] == '.') continue;
      if (fs::file_size(p, ec) > kMaxMediaBytes)
        return hall::fail("photos/" + p.filename().string() + ": larger than " +
                          std::to_string(kMaxMediaBytes / 1024) + " KiB; make it smaller");
      auto bytes = read_file(p);
      if (!bytes) return bytes.take_error();
      media["photos/" + p.filename().string()] = hall::base64_encode(*bytes);
    }
  }
  return Json{{"files", files}, {"media", media}};
}

hall::Status write_content_dir(const fs::path& dir, const Json& wire) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    return hall::fail(dir.string() + " is not empty; export into a new or empty directory");
  fs::create_directories(dir / "photos", ec);
  if (ec) return hall::fail("cannot create " + (dir / "photos").string() + ": " + ec.message());
  if (!wire.is_object() || !wire.contains("files") || !wire["files"].is_object())
    return hall::fail("the controller's export has no files");
  const Json& files = wire["files"];
  const std::string head = "# Sanliang Hall content (docs/content.md). Edit, then: hallctl content import DIR\n";
  if (files.contains(hall_def().file)) {
    const std::string text = toml_text(record_table(hall_def(), files[hall_def().file]));
    if (auto s = write_file(dir / hall_def().file, head + "\n" + text); !s) return s;
  }
  for (const auto& t : tables()) {
    toml::array records;
    if (files.contains(t.file) && files[t.file].contains(t.array))
      for (const auto& r : files[t.file][t.array]) records.push_back(record_table(t, r));
    std::string text = head;
    if (!records.empty()) text += "\n" + toml_text(toml::table{{t.array, std::move(records)}});
    if (auto s = write_file(dir / t.file, text); !s) return s;
  }
  if (wire.contains("media") && wire["media"].is_object()) {
    for (const auto& [name, data] : wire["media"].items()) {
      const std::string base = name.rfind("photos/", 0) == 0 ? name.substr(7) : std::string();
      if (base.empty() || base.find('/') != std::string::npos || base[0] == '.')
        return hall::fail("the export names a photo outside photos/: " + name);
      auto bytes = hall::base64_decode(data.get<std::string>());
      if (!bytes) return hall::fail(name + ": " + bytes.error());
      if (auto s = write_file(dir / "photos" / base, *bytes); !s) return s;
    }
  }
  return {};
}

}  // namespace controller::content
