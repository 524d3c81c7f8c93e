// config.h: typed TOML configuration with a declared schema.
//
// Every program declares the keys it understands (section.key, type, default,
// help). Loading a file rejects unknown keys (typos, with a suggestion) and
// wrong types, naming the file, the key and the expected type. `--set
// section.key=value` overrides are parsed against the same schema.
// Threading: a loaded Config is immutable and may be read from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/base/result.h"

namespace hall {

enum class ValueType { String, Integer, Boolean, Float, Numbers };  // Numbers: an array of numbers

const char* type_name(ValueType type);

using ConfigValue = std::variant<std::string, int64_t, bool, double, std::vector<double>>;

struct KeySpec {
  std::string key;  // "section.key"
  ValueType type;
  ConfigValue default_value;
  std::string help;
  int64_t min = INT64_MIN;  // integers only
  int64_t max = INT64_MAX;
};

using Schema = std::vector<KeySpec>;

class Config {
 public:
  // Loads `file` (may be empty: defaults only), then applies `overrides`
  // ("section.key=value" each). Fails with a message naming the problem.
  static Result<Config> load(const Schema& schema, const std::string& file,
                             const std::vector<std::string>& overrides);
  // The same for TOML text already read; errors name `source` as the file.
  static Result<Config> parse(const Schema& schema, std::string_view text, const std::string& source,
                              const std::vector<std::string>& overrides = {});

  const std::string& str(const std::string& key) const;
  int64_t integer(const std::string& key) const;
  bool boolean(const std::string& key) const;
  double real(const std::string& key) const;
  const std::vector<double>& numbers(const std::string& key) const;
  const std::string& source() const { return source_; }
  // `path` (a file named by a key of this config) as the program opens it: a
  // relative path is taken from the directory of the config file, so a
  // program started from anywhere finds the files beside its config; an
  // absolute or empty path stays as given, and so does any path when no
  // config file was read (built-in defaults: the current directory).
  std::string beside_file(const std::string& path) const;

 private:
  const ConfigValue& get(const std::string& key, ValueType type) const;
  std::map<std::string, ConfigValue> values_;
  std::string source_;
  bool from_file_ = false;
};

// The name in `names` nearest to `given` when near enough to be a typo (at
// most a third of its letters off, or one is the start of the other), or "":
// for "did you mean" in config and command-line errors.
std::string closest_name(const std::string& given, const std::vector<std::string>& names);

// Where `text` holds a character Debian's toml++ 3.3.0 cannot read safely:
// any non-ASCII character outside a string or comment (TOML allows none
// there), and U+00A1–U+0499 or U+FB26–U+FEFE after a backslash in a
// multi-line string; toml++'s whitespace test reaches an unreachable branch
// on those (undefined behaviour; found by tests/fuzz, config). Returns
// "line L, column C: ..." naming the character and the fix, or nullopt.
// Every TOML parse of the hall (config, content, holidays) checks this first.
std::optional<std::string> toml_unreadable(std::string_view text);

// Keys every program shares ([log] level).
void add_common_keys(Schema& schema);
// Keys every UI program shares ([screen] size, fullscreen, fps; [ui] font).
// The defaults are the program's usual screen (landscape signage, portrait kiosk).
void add_screen_keys(Schema& schema, int64_t default_width, int64_t default_height);

}  // namespace hall
