#include "controller/content/content_files.h"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "controller/content/content_schema.h"
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

// TOML basic string with escapes.
std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string toml_value(const Json& v) {
  if (v.is_string()) return toml_string(v.get<std::string>());
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) return v.dump();
  if (v.is_object()) {
    std::string out = "{ ";
    bool first = true;
    for (const auto& [k, x] : v.items()) {
      out += (first ? "" : ", ") + k + " = " + toml_value(x);
      first = false;
    }
    return out + " }";
  }
  if (v.is_array()) {
    bool simple = true;
    for (const auto& x : v) simple = simple && x.is_number();
    if (v.empty()) return "[]";
    if (simple) {
      std::string out = "[";
      for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + toml_value(v[i]);
      return out + "]";
    }
    std::string out = "[\n";
    for (const auto& x : v) out += "  " + toml_value(x) + ",\n";
    return out + "]";
  }
  return "\"\"";
}

std::string field_lines(const TableDef& t, const Json& r) {
  std::string out;
  for (const auto& f : t.fields)
    if (r.contains(f.name)) out += f.name + " = " + toml_value(r[f.name]) + "\n";
  return out;
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
    toml::table parsed;
    try {
      parsed = toml::parse_file(p.string());
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
    if (auto s = write_file(dir / hall_def().file, head + "\n" + field_lines(hall_def(), files[hall_def().file])); !s)
      return s;
  }
  for (const auto& t : tables()) {
    std::string text = head;
    if (files.contains(t.file) && files[t.file].contains(t.array))
      for (const auto& r : files[t.file][t.array]) text += "\n[[" + t.array + "]]\n" + field_lines(t, r);
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
