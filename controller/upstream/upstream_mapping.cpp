#include "controller/upstream/upstream_mapping.h"

#include <toml++/toml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "common/base/config.h"
#include "common/time/iso8601.h"

namespace controller {

using hall::Json;

namespace {
// The text of config/upstream-mapping.toml (a unit test keeps them equal).
constexpr std::string_view kDefaultMapping = R"toml(# Sanliang Hall upstream field mapping (docs/evaluations.md "Upstream").
# What the provincial 好差评 platform receives for each rating ([evaluation])
# and for each bad-review case that closes ([rectification], the 整改 result).
# Left of "=": the field name in your province's interface; right: where the
# value comes from. Copy this file, change names and codes to your province's
# interface specification, and set upstream.mapping_file to the copy (a path
# relative to the controller's config file). This file is also the built-in
# default, used when upstream.mapping_file is "".
#
#   field = "standard.code"                          a source field
#   field = { value = "4" }                          a constant
#   field = { from = "score", map = { 5 = "5" } }    a source field through a value map
#                                                    (values not in the map go as they are)
#   field = { format = "{ticket_date}{ticket}" }     text made of source fields
#   field = { from = "created_at", time = "local" }  a time as hall time, 2026-12-02 19:59:10
#                                                    (without: ISO 8601, 2026-12-02T19:59:10+08:00)
#
# Source fields: uuid, case_number, ticket, ticket_day, ticket_date,
# service_item.id, service_item.name, standard.code, standard.name,
# standard.version, department.id, department.name, region, window.number,
# window.name, staff.id, staff.name, score, level, reasons, reasons_text,
# phone, kiosk_id, channel, created_at, received_at, finished_at, source;
# [rectification] also case.id, case.state, case.opened_at, case.deadline,
# case.action_taken, case.callback_result, case.reject_reason, case.closed_at.

[evaluation]
uuid = "uuid"                          # 评价编号; the platform deduplicates by it
projectNo = "case_number"              # 办件编号: ticket date and number, 20261202-A001
taskCode = "standard.code"             # 事项编码 (standards.toml code)
taskName = "standard.name"             # 事项名称
taskVersion = "standard.version"       # 事项版本 (standards.toml version)
areaCode = "region"                    # 行政区划代码 (upstream.region)
deptCode = "department.id"             # 办理部门 (the window's department)
deptName = "department.name"
handleTime = { from = "finished_at", time = "local" }  # 办结时间: the ticket was finished
windowNo = "window.number"
userId = "staff.id"                    # 被评价人
userName = "staff.name"
# 评价渠道: 4 = 政务大厅平板电脑 (the 评价器 at the window) in the pf code list
# 1 PC端, 2 移动端, 3 二维码, 4 政务大厅平板电脑, 5 政务大厅其他终端, 6 电话, 7 短信.
pf = { from = "channel", map = { kiosk = "4" } }
# 评价等级: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意.
alternate = { from = "score", map = { 5 = "5", 4 = "4", 3 = "3", 2 = "2", 1 = "1" } }
alternateName = "level"                # 非常满意 … 非常不满意
reasons = "reasons"                    # the reason tags chosen on the kiosk
writingEvaluation = "reasons_text"     # the same as one text: 等候太久、态度
assessTime = { from = "created_at", time = "local" }   # 评价时间
mobile = "phone"                       # masked unless upstream.mask_phone = false
source = "source"                      # upstream.source or the hall name

[rectification]
uuid = "uuid"                          # the rating it answers
projectNo = "case_number"
taskCode = "standard.code"
taskName = "standard.name"
areaCode = "region"
deptCode = "department.id"
deptName = "department.name"
userId = "staff.id"
userName = "staff.name"
alternate = { from = "score", map = { 5 = "5", 4 = "4", 3 = "3", 2 = "2", 1 = "1" } }
caseNo = "case.id"                     # 差评工单号
rectification = "case.action_taken"    # 整改情况
callbackResult = "case.callback_result"  # 回访结果
rejectReason = "case.reject_reason"    # 不予认定的理由 (then there is no 整改)
closedTime = { from = "case.closed_at", time = "local" }  # 整改办结时间
source = "source"
)toml";

const std::vector<std::string> kEvaluationSources = {
    "uuid", "case_number", "ticket", "ticket_day", "ticket_date", "service_item.id", "service_item.name",
    "standard.code", "standard.name", "standard.version", "department.id", "department.name", "region",
    "window.number", "window.name", "staff.id", "staff.name", "score", "level", "reasons", "reasons_text",
    "phone", "kiosk_id", "channel", "created_at", "received_at", "finished_at", "source"};

const std::vector<std::string> kCaseSources = {"case.id", "case.state", "case.opened_at", "case.deadline",
                                               "case.action_taken", "case.callback_result", "case.reject_reason",
                                               "case.closed_at"};

const std::vector<std::string>& rectification_sources() {
  static const std::vector<std::string> all = [] {
    auto v = kEvaluationSources;
    v.insert(v.end(), kCaseSources.begin(), kCaseSources.end());
    return v;
  }();
  return all;
}

// Source fields that hold an ISO time (`time = "local"` may rewrite them).
const std::vector<std::string> kTimeSources = {"created_at", "received_at", "finished_at", "case.opened_at",
                                               "case.closed_at"};

// "2026-12-02 19:59:10": an ISO time as hall time, as most provincial
// interfaces write times; "" stays "", and text that is no time goes as it is.
std::string hall_time_text(const std::string& iso) {
  using namespace std::chrono;
  auto t = hall::hall_local_of(iso);
  if (!t) return iso;
  const auto day = floor<days>(*t);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> hms{floor<seconds>(*t - day)};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count()));
  return buf;
}

// Source fields with a fixed set of values: a map of them must cover each.
const std::map<std::string, std::vector<std::string>> kClosedSets = {
    {"score", {"1", "2", "3", "4", "5"}},
    {"level", {"非常不满意", "不满意", "基本满意", "满意", "非常满意"}}};

std::string quote(const std::string& s) { return "\"" + s + "\""; }

// `value` as text, for maps and formats: strings as they are, numbers
// written out, arrays joined with "、".
std::string as_text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  if (value.is_array()) {
    std::string out;
    for (const auto& v : value) out += (out.empty() ? "" : "、") + as_text(v);
    return out;
  }
  return value.dump();
}

class Reader {
 public:
  Reader(std::string file, UpstreamRecord kind) : file_(std::move(file)), kind_(kind) {}

  hall::Result<MappedField> field(const std::string& section, const std::string& name, const toml::node& node) {
    const std::string where = file_ + ": " + section + "." + name;
    MappedField f;
    f.name = name;
    if (auto s = node.value_exact<std::string>()) {
      if (auto bad = check_source(where, *s)) return hall::fail(*bad);
      f.source = *s;
      return f;
    }
    const auto* t = node.as_table();
    if (!t)
      return hall::fail(where + " must be a source field name such as \"standard.code\", or a table such as "
                        "{ value = \"4\" }, { from = \"score\", map = { 5 = \"5\" } } or { format = \"{ticket_date}{ticket}\" }");
    std::set<std::string> keys;
    for (const auto& [k, v] : *t) {
      const std::string key(k.str());
      static const std::vector<std::string> known = {"value", "from", "map", "format", "time"};
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        const std::string near = hall::closest_name(key, known);
        return hall::fail(where + ": unknown key " + quote(key) +
                          (near.empty() ? "" : " (did you mean " + quote(near) + "?)") +
                          "; use value, from (with map or time) or format");
      }
      keys.insert(key);
    }
    const int ways = int(keys.count("value")) + int(keys.count("from")) + int(keys.count("format"));
    if (ways != 1)
      return hall::fail(where + " must have exactly one of value, from or format (it has " +
                        (ways == 0 ? std::string("none") : std::to_string(ways)) + ")");
    if (keys.count("map") && !keys.count("from")) return hall::fail(where + ": map goes with from");
    if (keys.count("time") && !keys.count("from")) return hall::fail(where + ": time goes with from");
    if (keys.count("value")) {
      auto v = scalar((*t)["value"].node());
      if (!v) return hall::fail(where + ".value must be a string, a number or true/false");
      f.kind = MappedField::Kind::Constant;
      f.constant = std::move(*v);
      return f;
    }
    if (keys.count("format")) {
      auto text = (*t)["format"].value_exact<std::string>();
      if (!text) return hall::fail(where + ".format must be a string such as \"{ticket_date}-{ticket}\"");
      for (size_t open = text->find('{'); open != std::string::npos; open = text->find('{', open + 1)) {
        const size_t close = text->find('}', open);
        if (close == std::string::npos)
          return hall::fail(where + ".format: \"{\" at " + std::to_string(open + 1) + " is never closed with \"}\"");
        if (auto bad = check_source(where + ".format", text->substr(open + 1, close - open - 1))) return hall::fail(*bad);
      }
      f.kind = MappedField::Kind::Format;
      f.format = *text;
      return f;
    }
    auto from = (*t)["from"].value_exact<std::string>();
    if (!from) return hall::fail(where + ".from must be a source field name such as \"score\"");
    if (auto bad = check_source(where + ".from", *from)) return hall::fail(*bad);
    f.source = *from;
    if (keys.count("time")) {
      auto how = (*t)["time"].value_exact<std::string>();
      if (!how || *how != "local")
        return hall::fail(where + ".time must be \"local\" (hall time written 2026-12-02 19:59:10)");
      if (std::find(kTimeSources.begin(), kTimeSources.end(), f.source) == kTimeSources.end())
        return hall::fail(where + ".time: " + quote(f.source) + " is not a time; time goes with " +
                          as_text(Json(kTimeSources)));
      f.local_time = true;
    }
    if (keys.count("map")) {
      const auto* m = (*t)["map"].as_table();
      if (!m || m->empty())
        return hall::fail(where + ".map must be a table of source value = output value, e.g. { 5 = \"5\", 4 = \"4\" }");
      for (const auto& [k, v] : *m) {
        auto out = scalar(v);
        if (!out) return hall::fail(where + ".map." + std::string(k.str()) + " must be a string, a number or true/false");
        f.values[std::string(k.str())] = std::move(*out);
      }
      if (auto set = kClosedSets.find(f.source); set != kClosedSets.end()) {
        for (const auto& v : set->second)
          if (!f.values.count(v))
            return hall::fail(where + ".map has no entry for " + f.source + " " + quote(v) + "; map each of " +
                              as_text(Json(set->second)));
        for (const auto& [k, v] : f.values)
          if (std::find(set->second.begin(), set->second.end(), k) == set->second.end())
            return hall::fail(where + ".map: " + quote(k) + " is never a value of " + f.source + "; its values are " +
                              as_text(Json(set->second)));
      }
    }
    return f;
  }

 private:
  static std::optional<Json> scalar(const toml::node* n) {
    if (!n) return std::nullopt;
    if (auto s = n->value_exact<std::string>()) return Json(*s);
    if (auto i = n->value_exact<int64_t>()) return Json(*i);
    if (auto b = n->value_exact<bool>()) return Json(*b);
    if (auto d = n->value_exact<double>()) return Json(*d);
    return std::nullopt;
  }
  static std::optional<Json> scalar(const toml::node& n) { return scalar(&n); }

  std::optional<std::string> check_source(const std::string& where, const std::string& name) const {
    const auto& known = upstream_source_fields(kind_);
    if (std::find(known.begin(), known.end(), name) != known.end()) return std::nullopt;
    if (kind_ == UpstreamRecord::Evaluation &&
        std::find(kCaseSources.begin(), kCaseSources.end(), name) != kCaseSources.end())
      return where + ": " + quote(name) + " is known only in [rectification] (a rating has no case yet)";
    const std::string near = hall::closest_name(name, known);
    return where + ": unknown source field " + quote(name) +
           (near.empty() ? "" : " (did you mean " + quote(near) + "?)") +
           "; the source fields are listed in docs/evaluations.md \"Upstream\"";
  }

  std::string file_;
  UpstreamRecord kind_;
};
}  // namespace

const std::vector<std::string>& upstream_source_fields(UpstreamRecord kind) {
  return kind == UpstreamRecord::Evaluation ? kEvaluationSources : rectification_sources();
}

std::string_view default_upstream_mapping_text() { return kDefaultMapping; }

Json UpstreamMapping::map(UpstreamRecord kind, const Json& sources) const {
  Json out = Json::object();
  auto get = [&sources](const std::string& name) -> Json {
    auto it = sources.find(name);
    return it == sources.end() ? Json("") : *it;
  };
  for (const auto& f : kind == UpstreamRecord::Evaluation ? evaluation : rectification) {
    switch (f.kind) {
      case MappedField::Kind::Constant: out[f.name] = f.constant; break;
      case MappedField::Kind::Format: {
        std::string text;
        size_t at = 0;
        for (size_t open = f.format.find('{'); open != std::string::npos; open = f.format.find('{', at)) {
          const size_t close = f.format.find('}', open);
          text += f.format.substr(at, open - at) + as_text(get(f.format.substr(open + 1, close - open - 1)));
          at = close + 1;
        }
        out[f.name] = text + f.format.substr(at);
        break;
      }
      case MappedField::Kind::Source: {
        Json v = get(f.source);
        if (f.local_time && v.is_string()) v = hall_time_text(v.get<std::string>());
        if (!f.values.empty())
          if (auto it = f.values.find(as_text(v)); it != f.values.end()) v = it->second;
        out[f.name] = std::move(v);
        break;
      }
    }
  }
  return out;
}

hall::Result<UpstreamMapping> parse_upstream_mapping(std::string_view text, const std::string& file) {
  if (auto why = hall::toml_unreadable(text)) return hall::fail(file + ": " + *why);
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << file << ":" << e.source().begin.line << ":" << e.source().begin.column << ": " << e.description();
    return hall::fail(msg.str());
  }
  UpstreamMapping m;
  m.file = file;
  static const std::vector<std::string> sections = {"evaluation", "rectification"};
  for (const auto& [k, node] : root) {
    const std::string section(k.str());
    if (std::find(sections.begin(), sections.end(), section) == sections.end()) {
      const std::string near = hall::closest_name(section, sections);
      return hall::fail(file + ": unknown section [" + section + "]" +
                        (near.empty() ? "" : " (did you mean [" + near + "]?)") +
                        "; a mapping has [evaluation] and [rectification]");
    }
    const auto* table = node.as_table();
    if (!table) return hall::fail(file + ": " + section + " must be a table: [" + section + "] then field = source lines");
    const auto kind = section == "evaluation" ? UpstreamRecord::Evaluation : UpstreamRecord::Rectification;
    Reader reader(file, kind);
    auto& out = kind == UpstreamRecord::Evaluation ? m.evaluation : m.rectification;
    for (const auto& [name, value] : *table) {
      auto f = reader.field(section, std::string(name.str()), value);
      if (!f) return f.take_error();
      out.push_back(std::move(*f));
    }
  }
  if (m.evaluation.empty())
    return hall::fail(file + ": [evaluation] is missing or empty; it names the fields of each rating sent upstream "
                      "(see config/upstream-mapping.toml)");
  return m;
}

hall::Result<UpstreamMapping> load_upstream_mapping(const std::string& file) {
  if (file.empty()) {
    auto m = parse_upstream_mapping(kDefaultMapping, "built-in upstream mapping");
    if (m) m->file = "built-in default (config/upstream-mapping.toml)";
    return m;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return hall::fail("upstream.mapping_file " + file + ": cannot open it; check the path (relative paths are "
                      "read from the config file's folder), or set \"\" for the built-in mapping");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_upstream_mapping(ss.str(), file);
}

}  // namespace controller
