// upstream_mapping.h: how a stored rating, and a closed bad-review case,
// become the record a province's 好差评 interface asks for
// (docs/evaluations.md "Upstream"). A mapping file (TOML, `upstream.mapping_file`;
// config/upstream-mapping.toml is the default and is built in) names each
// output field and where its value comes from: a source field the
// controller knows ("standard.code", "score"), a constant (`{ value = "4" }`),
// a source field through a value map (`{ from = "score", map = { 5 = "5" } }`),
// a time source field as hall time (`{ from = "created_at", time = "local" }`)
// or a text made of source fields (`{ format = "{ticket_date}-{ticket}" }`).
// [evaluation] describes the rating record, [rectification] the 整改 record
// sent when a case closes. Loading checks every key and names the file, the
// key and an unknown source field (with "did you mean").
// Threading: a loaded mapping is immutable; map() is a pure function.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/base/result.h"

namespace controller {

struct MappedField {
  enum class Kind { Source, Constant, Format };
  std::string name;  // the output field
  Kind kind = Kind::Source;
  std::string source;                          // Source: the source field
  nlohmann::json constant;                     // Constant
  std::string format;                          // Format: "{region}-{ticket}"
  std::map<std::string, nlohmann::json> values;  // Source with a map: source value as text -> output
  bool local_time = false;  // Source with time = "local": an ISO time as "2026-12-02 19:59:10" hall time
};

enum class UpstreamRecord { Evaluation, Rectification };

struct UpstreamMapping {
  std::vector<MappedField> evaluation;
  std::vector<MappedField> rectification;
  std::string file;  // where it came from ("built-in default" when none was set)

  // The record for `sources` (source field name -> value).
  nlohmann::json map(UpstreamRecord kind, const nlohmann::json& sources) const;
};

// The source fields a record of `kind` can use (docs/evaluations.md lists them).
const std::vector<std::string>& upstream_source_fields(UpstreamRecord kind);

// The built-in mapping: the text of config/upstream-mapping.toml.
std::string_view default_upstream_mapping_text();

// Reads mapping text; errors name `file`, the key and what to write instead.
hall::Result<UpstreamMapping> parse_upstream_mapping(std::string_view text, const std::string& file);
// Reads `file`, or the built-in default when `file` is "".
hall::Result<UpstreamMapping> load_upstream_mapping(const std::string& file);

}  // namespace controller
