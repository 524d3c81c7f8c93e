#include "common/base/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/base/utf8.h"

namespace hall {

const char* type_name(ValueType type) {
  switch (type) {
    case ValueType::String: return "a string";
    case ValueType::Integer: return "an integer";
    case ValueType::Boolean: return "a boolean (true or false)";
    case ValueType::Float: return "a number";
    case ValueType::Numbers: return "an array of numbers, e.g. [60, 75, 88, 95, 100]";
  }
  return "?";
}

namespace {

const KeySpec* find_spec(const Schema& schema, const std::string& key) {
  for (const auto& spec : schema)
    if (spec.key == key) return &spec;
  return nullptr;
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] != b[j - 1])});
      prev = cur;
    }
  }
  return row[b.size()];
}

std::string unknown_key_message(const Schema& schema, const std::string& where,
                                const std::string& key) {
  std::vector<std::string> keys;
  for (const auto& spec : schema) keys.push_back(spec.key);
  const std::string best = closest_name(key, keys);
  std::string msg = where + ": unknown key '" + key + "'";
  if (!best.empty()) msg += " (did you mean '" + best + "'?)";
  else msg += "; see docs/configuration.md for the keys";
  return msg;
}

Status check_range(const KeySpec& spec, int64_t v, const std::string& where) {
  if (v < spec.min || v > spec.max)
    return fail(where + ": key '" + spec.key + "' must be between " +
                std::to_string(spec.min) + " and " + std::to_string(spec.max) +
                ", got " + std::to_string(v));
  return {};
}

std::string toml_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    default: return "a date/time";
  }
}

Result<ConfigValue> from_toml(const KeySpec& spec, const toml::node& node,
                              const std::string& where) {
  auto wrong = [&]() -> Error {
    return fail(where + ": key '" + spec.key + "' must be " + type_name(spec.type) +
                ", got " + toml_type_name(node));
  };
  switch (spec.type) {
    case ValueType::String:
      if (auto v = node.value_exact<std::string>()) return ConfigValue{*v};
      return wrong();
    case ValueType::Integer:
      if (auto v = node.value_exact<int64_t>()) {
        if (auto s = check_range(spec, *v, where); !s) return s.take_error();
        return ConfigValue{*v};
      }
      return wrong();
    case ValueType::Boolean:
      if (auto v = node.value_exact<bool>()) return ConfigValue{*v};
      return wrong();
    case ValueType::Float:
      if (auto v = node.value_exact<double>()) return ConfigValue{*v};
      if (auto v = node.value_exact<int64_t>()) return ConfigValue{static_cast<double>(*v)};
      return wrong();
    case ValueType::Numbers: {
      const auto* array = node.as_array();
      if (!array) return wrong();
      std::vector<double> out;
      for (const auto& item : *array) {
        if (auto v = item.value_exact<double>()) out.push_back(*v);
        else if (auto i = item.value_exact<int64_t>()) out.push_back(static_cast<double>(*i));
        else return wrong();
      }
      return ConfigValue{out};
    }
  }
  return wrong();
}

Result<ConfigValue> from_text(const KeySpec& spec, const std::string& text,
                              const std::string& where) {
  auto wrong = [&]() -> Error {
    return fail(where + ": key '" + spec.key + "' must be " + type_name(spec.type) +
                ", got '" + text + "'");
  };
  switch (spec.type) {
    case ValueType::String: return ConfigValue{text};
    case ValueType::Integer: {
      int64_t v = 0;
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || p != text.data() + text.size() || text.empty()) return wrong();
      if (auto s = check_range(spec, v, where); !s) return s.take_error();
      return ConfigValue{v};
    }
    case ValueType::Boolean:
      if (text == "true") return ConfigValue{true};
      if (text == "false") return ConfigValue{false};
      return wrong();
    case ValueType::Float: {
      try {
        size_t used = 0;
        double v = std::stod(text, &used);
        if (used != text.size()) return wrong();
        return ConfigValue{v};
      } catch (const std::exception&) {
        return wrong();
      }
    }
    case ValueType::Numbers: {  // "[60,75,88,95,100]" or "60,75,88,95,100"
      std::string t = text;
      if (!t.empty() && t.front() == '[' && t.back() == ']') t = t.substr(1, t.size() - 2);
      std::vector<double> out;
      std::stringstream in(t);
      std::string item;
      while (std::getline(in, item, ',')) {
        const auto b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
        if (b == std::string::npos) return wrong();
        item = item.substr(b, e - b + 1);
        try {
          size_t used = 0;
          const double v = std::stod(item, &used);
          if (used != item.size()) return wrong();
          out.push_back(v);
        } catch (const std::exception&) {
          return wrong();
        }
      }
      return ConfigValue{out};
    }
  }
  return wrong();
}

}  // namespace

namespace {
// The values of `root` on top of the schema's defaults, then `overrides`.
Status apply(std::map<std::string, ConfigValue>& values, const Schema& schema,
                     const toml::table* root, const std::string& file,
                     const std::vector<std::string>& overrides) {
  for (const auto& spec : schema) values[spec.key] = spec.default_value;
  if (root) {
    for (const auto& [section, node] : *root) {
      const std::string sec(section.str());
      const auto* table = node.as_table();
      if (!table) {
        return fail(file + ": key '" + sec +
                    "' is outside any [section]; move it under the section it belongs to");
      }
      for (const auto& [name, value] : *table) {
        const std::string key = sec + "." + std::string(name.str());
        const KeySpec* spec = find_spec(schema, key);
        if (!spec) return fail(unknown_key_message(schema, file, key));
        auto v = from_toml(*spec, value, file);
        if (!v) return v.take_error();
        values[key] = *v;
      }
    }
  }
  for (const auto& ov : overrides) {
    const auto eq = ov.find('=');
    if (eq == std::string::npos || eq == 0)
      return fail("--set " + ov + ": expected section.key=value, e.g. --set log.level=debug");
    const std::string key = ov.substr(0, eq);
    const KeySpec* spec = find_spec(schema, key);
    if (!spec) return fail(unknown_key_message(schema, "--set", key));
    auto v = from_text(*spec, ov.substr(eq + 1), "--set");
    if (!v) return v.take_error();
    values[key] = *v;
  }
  return {};
}

Error parse_failure(const std::string& file, const toml::parse_error& e) {
  const auto& where = e.source().begin;
  return fail(file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": " +
              std::string(e.description()));
}
Result<std::string> read_config_text(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(file + ": cannot open the config file; check the path given to --config");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

namespace {
// Code points whose whitespace test in toml++ 3.3.0 reaches its unreachable
// branch (the first and last buckets of is_non_ascii_horizontal_whitespace).
bool trips_toml_whitespace_test(char32_t cp) {
  return (cp >= 0xA1 && cp <= 0x499) || (cp >= 0xFB26 && cp <= 0xFEFE);
}

std::string code_point_at(std::string_view text, size_t i) {
  const auto cp = utf8::decode(text.substr(i, 4));
  char name[16];
  std::snprintf(name, sizeof name, "U+%04X", cp.empty() ? 0u : static_cast<unsigned>(cp[0]));
  return name;
}
}  // namespace

namespace {
// Why `text`, not UTF-8 from byte `bad` on, cannot be read, and the fix.
std::string not_utf8(std::string_view text, size_t bad) {
  const size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
  const size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + bad, '\n'));
  const size_t column = bad - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF")
    return "the file is saved as UTF-16; save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)";
  // GBK / GB18030, as Chinese Windows saves text by default: every byte
  // above 0x7F a lead byte 0x81-0xFE followed by a trail byte 0x40-0xFE.
  bool gbk = true;
  for (size_t i = 0; i < text.size() && gbk; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) continue;
    const auto t = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    gbk = c >= 0x81 && c <= 0xFE && t >= 0x40 && t <= 0xFE && t != 0x7F;
    ++i;
  }
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": byte " + byte +
         " is not UTF-8: the file " +
         (gbk ? "looks saved as GBK (GB18030), as Chinese Windows saves text by default"
              : "is not saved as UTF-8") +
         "; save it as UTF-8 (in Notepad: Save as, Encoding UTF-8) and try again";
}
}  // namespace

std::string closest_name(const std::string& given, const std::vector<std::string>& names) {
  std::string best;
  size_t best_d = std::string::npos;
  for (const auto& n : names) {
    const size_t d = n.rfind(given, 0) == 0 || given.rfind(n, 0) == 0 ? 1 : edit_distance(given, n);
    if (d < best_d) best_d = d, best = n;
  }
  return best_d <= std::max<size_t>(2, given.size() / 3) ? best : "";
}

std::optional<std::string> toml_unreadable(std::string_view text) {
  if (auto bad = utf8::first_invalid(text)) return not_utf8(text, *bad);
  enum class In { Code, Comment, Basic, Literal, MultiBasic, MultiLiteral } in = In::Code;
  const auto triple = [&](size_t i, char q) { return text.substr(i, 3) == std::string(3, q); };
  const auto where = [&](int line, int column, size_t i) {
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": the character " +
           code_point_at(text, i);
  };
  int line = 1, column = 0;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    ++column;
    size_t step = 1;
    switch (in) {
      case In::Code:
        // TOML allows only ASCII outside strings and comments; toml++ may
        // read some other characters there with undefined behaviour.
        if (static_cast<unsigned char>(c) >= 0x80)
          return where(line, column, i) + " can only stand inside a quoted string or a comment; put it in quotes";
        if (c == '#') in = In::Comment;
        else if (triple(i, '"')) in = In::MultiBasic, step = 3;
        else if (triple(i, '\'')) in = In::MultiLiteral, step = 3;
        else if (c == '"') in = In::Basic;
        else if (c == '\'') in = In::Literal;
        break;
      case In::Basic:
        if (c == '\\') step = 2;
        else if (c == '"' || c == '\n') in = In::Code;
        break;
      case In::Literal:
        if (c == '\'' || c == '\n') in = In::Code;
        break;
      case In::MultiBasic:
        if (c == '\\') {
          // toml++ tests the first character after the backslash and any
          // whitespace and line breaks after it (a line-ending backslash).
          size_t j = i + 1;
          while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n')) ++j;
          if (j < text.size() && static_cast<unsigned char>(text[j]) >= 0x80) {
            const auto cp = utf8::decode(text.substr(j, 4));
            if (!cp.empty() && trips_toml_whitespace_test(cp[0]))
              return where(line, column, j) + " cannot follow a backslash in a multi-line string; start the line "
                                              "with another character or drop the backslash";
          }
          step = 2;
        } else if (triple(i, '"')) {
          in = In::Code, step = 3;
        }
        break;
      case In::MultiLiteral:
        if (triple(i, '\'')) in = In::Code, step = 3;
        break;
      case In::Comment:
        if (c == '\n') in = In::Code;
        break;
    }
    for (size_t k = i; k < std::min(i + step, text.size()); ++k)
      if (text[k] == '\n') line += 1, column = 0;
    i += std::min(step, text.size() - i);
  }
  return std::nullopt;
}

Result<Config> Config::load(const Schema& schema, const std::string& file,
                            const std::vector<std::string>& overrides) {
  Config cfg;
  cfg.source_ = file.empty() ? "(defaults)" : file;
  cfg.from_file_ = !file.empty();
  if (file.empty()) {
    if (auto s = apply(cfg.values_, schema, nullptr, file, overrides); !s) return s.take_error();
    return cfg;
  }
  auto text = read_config_text(file);
  if (!text) return text.take_error();
  return parse(schema, *text, file, overrides);
}

std::string Config::beside_file(const std::string& path) const {
  if (path.empty() || !from_file_) return path;
  const std::filesystem::path p(path);
  if (p.is_absolute()) return path;
  return (std::filesystem::path(source_).parent_path() / p).lexically_normal().string();
}

Result<Config> Config::parse(const Schema& schema, std::string_view text, const std::string& source,
                             const std::vector<std::string>& overrides) {
  Config cfg;
  cfg.source_ = source;
  cfg.from_file_ = true;
  if (auto why = toml_unreadable(text)) return fail(source + ": " + *why);
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return parse_failure(source, e);
  }
  if (auto s = apply(cfg.values_, schema, &root, source, overrides); !s) return s.take_error();
  return cfg;
}

const ConfigValue& Config::get(const std::string& key, ValueType type) const {
  auto it = values_.find(key);
  if (it == values_.end()) throw std::logic_error("config key not in schema: " + key);
  if (static_cast<size_t>(type) != it->second.index())
    throw std::logic_error("config key read with the wrong type: " + key);
  return it->second;
}

const std::string& Config::str(const std::string& key) const {
  return std::get<std::string>(get(key, ValueType::String));
}
int64_t Config::integer(const std::string& key) const {
  return std::get<int64_t>(get(key, ValueType::Integer));
}
bool Config::boolean(const std::string& key) const {
  return std::get<bool>(get(key, ValueType::Boolean));
}
double Config::real(const std::string& key) const {
  return std::get<double>(get(key, ValueType::Float));
}
const std::vector<double>& Config::numbers(const std::string& key) const {
  return std::get<std::vector<double>>(get(key, ValueType::Numbers));
}

void add_common_keys(Schema& schema) {
  schema.push_back({"log.level", ValueType::String, std::string("info"),
                    "trace, debug, info, warn, error or off"});
}

void add_screen_keys(Schema& schema, int64_t default_width, int64_t default_height) {
  schema.push_back({"screen.width", ValueType::Integer, default_width, "window width in pixels", 320, 7680});
  schema.push_back({"screen.height", ValueType::Integer, default_height, "window height in pixels", 240, 7680});
  schema.push_back({"screen.fullscreen", ValueType::Boolean, false, "fill the whole display"});
  schema.push_back({"screen.fps", ValueType::Integer, int64_t{30}, "frame-rate cap while animating", 1, 120});
  schema.push_back({"screen.cache_static", ValueType::Boolean, true,
                    "keep what stands still in a texture and redraw only what moves (the ticker)"});
  schema.push_back({"screen.dpi", ValueType::Integer, int64_t{0},
                    "the panel's pixels per inch (0: from screen.diagonal_in, else 160)", 0, 2000});
  schema.push_back({"screen.diagonal_in", ValueType::Float, 0.0,
                    "the panel's diagonal in inches, used when screen.dpi is 0 (0: unknown)"});
  schema.push_back({"ui.font", ValueType::String,
                    std::string("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
                    "TrueType/TTC font with Chinese glyphs"});
}

}  // namespace hall
