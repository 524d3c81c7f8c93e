#include "controller/content/content_schema.h"

#include <chrono>
#include <cstdio>
#include <set>

#include "common/base/digest.h"
#include "common/base/utf8.h"
#include "common/vocab/content_keys.h"
#include "common/vocab/content_keys.h"
#include "common/vocab/notice_keys.h"
#include "common/time/iso8601.h"
#include "common/time/opening_hours.h"

namespace controller::content {

using hall::Json;

namespace {
using K = FieldKind;

std::vector<TableDef> make_tables() {
  return {
      {"departments.toml", "department", "content_departments", "id", hall::wire::kDepartmentsPrefix,
       {{"id", K::Slug, true, 64}, {"name", K::Text, true, 200}, {"name_en", K::Text, false, 200}}},
      {"standards.toml", "standard", "content_standards", "id", hall::wire::kStandardsPrefix,
       {{"id", K::Slug, true, 64},
        {"name", K::Text, true, 200},
        {"department", K::Slug, false, 64},
        {"steps", K::TextList, true, 30},
        {"materials", K::TextList, false, 40},
        {"time_limit", K::Text, true, 100},
        {"fee", K::Text, false, 200},
        {"legal_basis", K::Text, false, 1000},
        {"phone", K::Text, false, 40},
        {"code", K::Text, false, 64},
        {"version", K::Text, false, 32}}},
      {"windows.toml", "window", "content_windows", "number", hall::wire::kWindowsPrefix,
       {{"number", K::Integer, true, 999},
        {"name", K::Text, true, 200},
        {"name_en", K::Text, false, 200},
        {"department", K::Slug, false, 64},
        {"items", K::TextList, false, 50}}},
      {"staff.toml", "staff", "content_staff", "id", hall::wire::kStaffPrefix,
       {{"id", K::Slug, true, 64},
        {"name", K::Text, true, 100},
        {"photo", K::Photo, false, 200},
        {"post", K::Text, false, 100},
        {"member", K::Boolean, false},
        {"badge", K::Text, false, 32},
        {"zone", K::Text, false, 100},
        {"window", K::Integer, false, 999},
        {"department", K::Slug, false, 64},
        {"roles", K::TextList, false, 3}}},
      {"pledges.toml", "pledge", "content_pledges", "id", hall::wire::kPledgesPrefix,
       {{"id", K::Slug, true, 64},
        {"scope", K::Text, true, 16},
        {"staff", K::Slug, false, 64},
        {"title", K::Text, true, 200},
        {"text", K::Text, true, 2000}}},
      {"notices.toml", "notice", "content_notices", "id", hall::wire::kTickerPrefix,
       {{"id", K::Slug, true, 64}, {"text", K::Text, true, 500}, {"until", K::Time, false, 40}}},
      {"playlists.toml", "playlist", "content_playlists", "group", "",
       {{"group", K::Slug, true, 64},
        {"boards", K::Boards, true, 20},
        // The playlist's own hours; without them it follows the hall's
        // (hall.toml [[hours]] and the holiday calendar).
        {"open", K::ClockTime, false},
        {"close", K::ClockTime, false},
        {"days", K::IntList, false, 7},
        {"outside", K::Text, true, 32}}},
      {"screens.toml", "screen", "content_screens", "id", "",
       {{"id", K::Slug, true, 64},
        {"name", K::Text, true, 100},
        {"group", K::Slug, true, 64},
        {"orientation", K::Text, true, 16}}},
  };
}

bool is_slug(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  return true;
}

bool is_clock(const std::string& s) {
  int h = -1, m = -1;
  char tail = 0;
  return s.size() == 5 && std::sscanf(s.c_str(), "%2d:%2d%c", &h, &m, &tail) == 2 && h >= 0 &&
         h <= 24 && m >= 0 && m <= 59 && (h < 24 || m == 0);
}

bool has_control(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 && c != '\n' && c != '\t') return true;
  return false;
}

std::string quote(const std::string& s) { return "\"" + s + "\""; }

// Names a record in errors: `staff "zhang-wei"`, `window 3`, or `staff #4`.
std::string record_name(const TableDef& t, const Json& r, size_t index) {
  if (r.is_object()) {
    auto it = r.find(t.key);
    if (it != r.end() && it->is_string() && !it->get<std::string>().empty())
      return t.array + " " + quote(it->get<std::string>());
    if (it != r.end() && it->is_number_integer()) return t.array + " " + std::to_string(it->get<int64_t>());
  }
  return t.array + " #" + std::to_string(index + 1);
}

Json default_of(FieldKind k) {
  switch (k) {
    case K::Integer: return 0;
    case K::Boolean: return false;
    case K::TextList:
    case K::IntList:
    case K::Hours:
    case K::Boards: return Json::array();
    default: return "";
  }
}

struct Checker {
  hall::SystemTime now;
  hall::TimeZone zone;  // the hall's, or the one hall.toml sets
  const std::map<std::string, std::string>* photo_sha;  // "photos/x.png" -> sha

  // Checks one field value; returns the stored form or an error (without the prefix).
  hall::Result<Json> field(const FieldDef& f, const Json& v) const {
    switch (f.kind) {
      case K::Text:
      case K::Slug:
      case K::Photo:
      case K::Time:
      case K::ClockTime:
      case K::Zone: {
        if (!v.is_string()) return hall::fail("must be a string in quotes");
        const auto& s = v.get_ref<const std::string&>();
        if (s.size() > f.max)
          return hall::fail("is " + std::to_string(s.size()) + " bytes; at most " + std::to_string(f.max));
        if (has_control(s)) return hall::fail("contains a control character");
        if (f.required && s.empty()) return hall::fail("must not be empty");
        if (f.kind == K::Slug && !s.empty() && !is_slug(s))
          return hall::fail(quote(s) + " is not an id: use 1-64 of a-z, 0-9, - and _");
        if (f.kind == K::ClockTime && !s.empty() && !is_clock(s))
          return hall::fail(quote(s) + " is not a time of day; write HH:MM, e.g. \"08:30\"");
        if (f.kind == K::Time && !s.empty()) {
          auto t = parse_time(s, now, zone);
          if (!t) return t.take_error();
          return Json(hall::iso_time(*t, zone));
        }
        if (f.kind == K::Zone && !s.empty()) {
          if (auto z = hall::TimeZone::named(s); !z) return z.take_error();
        }
        if (f.kind == K::Photo && !s.empty()) {
          auto it = photo_sha->find(s);
          if (it == photo_sha->end())
            return hall::fail("no file " + quote(s) + " in the content directory (photos go in photos/)");
          return Json(it->second);
        }
        return v;
      }
      case K::Integer:
        if (!v.is_number_integer()) return hall::fail("must be a whole number");
        if (v.get<int64_t>() < 0 || v.get<int64_t>() > static_cast<int64_t>(f.max))
          return hall::fail(std::to_string(v.get<int64_t>()) + " is out of range 0-" + std::to_string(f.max));
        return v;
      case K::Boolean:
        if (!v.is_boolean()) return hall::fail("must be true or false");
        return v;
      case K::TextList:
        if (!v.is_array()) return hall::fail("must be a list of strings, e.g. [\"a\", \"b\"]");
        if (v.size() > f.max) return hall::fail("has more than " + std::to_string(f.max) + " entries");
        if (f.required && v.empty()) return hall::fail("must not be empty");
        for (size_t i = 0; i < v.size(); ++i) {
          if (!v[i].is_string()) return hall::fail("entry " + std::to_string(i + 1) + " must be a string");
          const auto& s = v[i].get_ref<const std::string&>();
          if (s.empty() || s.size() > 1000 || has_control(s))
            return hall::fail("entry " + std::to_string(i + 1) + " must be 1-1000 bytes of text");
        }
        return v;
      case K::IntList: {
        if (!v.is_array() || (v.empty() && f.required))
          return hall::fail("must be a list of weekdays 1-7, e.g. [1, 2, 3, 4, 5]");
        std::set<int64_t> seen;
        for (const auto& d : v) {
          if (!d.is_number_integer() || d.get<int64_t>() < 1 || d.get<int64_t>() > 7)
            return hall::fail("weekdays are 1 (Monday) to 7 (Sunday)");
          if (!seen.insert(d.get<int64_t>()).second)
            return hall::fail("weekday " + std::to_string(d.get<int64_t>()) + " is listed twice");
        }
        return v;
      }
      case K::Hours: return week_hours(v);
      case K::Boards: {
        if (!v.is_array() || v.empty())
          return hall::fail("must be a list like [{board = \"standards\", seconds = 20}]");
        if (v.size() > f.max) return hall::fail("has more than " + std::to_string(f.max) + " entries");
        Json out = Json::array();
        for (size_t i = 0; i < v.size(); ++i) {
          const std::string at = "entry " + std::to_string(i + 1);
          const auto& b = v[i];
          if (!b.is_object()) return hall::fail(at + " must be {board = \"...\", seconds = N}");
          for (const auto& [k, _] : b.items())
            if (k != "board" && k != "seconds") return hall::fail(at + " has unknown key " + quote(k));
          auto board = b.find("board");
          if (board == b.end() || !board->is_string() || !is_board(board->get<std::string>()))
            return hall::fail(at + ": board must be one of " + board_list());
          auto secs = b.find("seconds");
          if (secs == b.end() || !secs->is_number_integer() || secs->get<int64_t>() < 3 ||
              secs->get<int64_t>() > 3600)
            return hall::fail(at + ": seconds must be a whole number 3-3600");
          out.push_back({{"board", *board}, {"seconds", *secs}});
        }
        return out;
      }
    }
    return v;
  }

  // hall.toml [[hours]]: stored as [{days, periods}] with the periods as written.
  static hall::Result<Json> week_hours(const Json& v) {
    const std::string form = "must be written as [[hours]] tables, each with days = [1, 2, 3, 4, 5] and "
                             "periods = [\"09:00-12:00\", \"13:30-17:00\"]";
    if (!v.is_array()) return hall::fail(form);
    if (v.size() > 7) return hall::fail("has more than 7 entries; one per weekday at most");
    std::vector<hall::WeekHours> week;
    Json out = Json::array();
    for (size_t i = 0; i < v.size(); ++i) {
      const std::string at = "entry " + std::to_string(i + 1);
      const auto& e = v[i];
      if (!e.is_object()) return hall::fail(at + " " + form);
      for (const auto& [k, _] : e.items())
        if (k != "days" && k != "periods") return hall::fail(at + ": unknown key " + quote(k) + " (known: days, periods)");
      hall::WeekHours w;
      auto days = e.find("days");
      if (days == e.end() || !days->is_array())
        return hall::fail(at + ": days: list the weekdays 1 (Monday) to 7 (Sunday), e.g. [1, 2, 3, 4, 5]");
      for (const auto& d : *days) {
        if (!d.is_number_integer() || d.get<int64_t>() < 1 || d.get<int64_t>() > 7)
          return hall::fail(at + ": days: " + d.dump() + " is not a weekday 1 (Monday) to 7 (Sunday)");
        w.days.push_back(static_cast<int>(d.get<int64_t>()));
      }
      auto periods = e.find("periods");
      if (periods == e.end() || !periods->is_array() || periods->size() > 8)
        return hall::fail(at + ": periods: give 1-8 periods, e.g. [\"09:00-12:00\", \"13:30-17:00\"]");
      Json texts = Json::array();
      for (const auto& p : *periods) {
        if (!p.is_string()) return hall::fail(at + ": periods: " + p.dump() + " must be a string \"HH:MM-HH:MM\"");
        auto period = hall::parse_open_period(p.get<std::string>());
        if (!period) return hall::fail(at + ": periods: " + period.error());
        w.periods.push_back(*period);
        texts.push_back(hall::to_string(*period));
      }
      week.push_back(w);
      out.push_back({{"days", w.days}, {"periods", texts}});
    }
    if (auto s = hall::check_week_hours(week); !s) return hall::fail(s.error());
    return out;
  }

  static bool is_board(const std::string& s) { return hall::wire::is_board(s); }
  static std::string board_list() { return hall::wire::board_list(); }

  // Checks one record's fields; returns it complete (defaults filled in).
  hall::Result<Json> record(const TableDef& t, const Json& r, const std::string& where) const {
    if (!r.is_object()) return hall::fail(where + ": must be a table of fields");
    for (const auto& [k, _] : r.items()) {
      bool known = false;
      for (const auto& f : t.fields) known = known || f.name == k;
      if (!known) {
        std::string names;
        for (const auto& f : t.fields) names += (names.empty() ? "" : ", ") + f.name;
        return hall::fail(where + ": field " + quote(k) + ": unknown field (known: " + names + ")");
      }
    }
    Json out = Json::object();
    for (const auto& f : t.fields) {
      auto it = r.find(f.name);
      if (it == r.end()) {
        if (f.required) return hall::fail(where + ": field " + quote(f.name) + ": missing (it is required)");
        out[f.name] = default_of(f.kind);
        continue;
      }
      auto v = field(f, *it);
      if (!v) return hall::fail(where + ": field " + quote(f.name) + ": " + v.error());
      out[f.name] = std::move(*v);
    }
    return out;
  }
};

std::string key_text(const Json& v) {
  return v.is_string() ? v.get<std::string>() : std::to_string(v.get<int64_t>());
}
}  // namespace

const std::vector<TableDef>& tables() {
  static const std::vector<TableDef> list = make_tables();
  return list;
}

const TableDef& hall_def() {
  static const TableDef def{"hall.toml", "hall", "hall", "", "",
                            {{"name", K::Text, true, 200}, {"name_en", K::Text, false, 200},
                             {"logo", K::Photo, false, 200}, {"timezone", K::Zone, false, 64},
                             {"hours", K::Hours, false, 7}}};
  return def;
}

const TableDef* find_table(const std::string& file) {
  for (const auto& t : tables())
    if (t.file == file) return &t;
  return nullptr;
}

hall::Result<hall::SystemTime> parse_time(const std::string& text, hall::SystemTime now, const hall::TimeZone& zone) {
  using namespace std::chrono;
  const std::string forms =
      "write e.g. \"2026-11-27T18:00:00+08:00\", \"2026-11-27 18:00\" or \"18:00\" (today)";
  if (is_clock(text)) {
    int h = 0, m = 0;
    std::sscanf(text.c_str(), "%2d:%2d", &h, &m);
    return zone.from_local(floor<days>(zone.to_local(now)) + hours{h} + minutes{m});
  }
  auto t = hall::parse_iso8601(text, {.seconds_optional = true, .offset_optional = true});
  if (!t) return hall::fail(t.error() + "; " + forms);
  if (t->date.year() < year{1970} || t->date.year() > year{2261})
    return hall::fail(quote(text) + " is not a real date and time (years 1970-2261); " + forms);
  if (!t->utc_offset) return zone.from_local(local_days{t->date} + t->time_of_day);
  return hall::SystemTime{hall::to_sys_time(*t)};
}

hall::Result<Bundle> validate_bundle(const Json& wire, hall::SystemTime now) {
  if (!wire.is_object()) return hall::fail("content bundle must be an object");
  const Json empty = Json::object();
  const Json& files = wire.contains("files") ? wire["files"] : empty;
  const Json& media = wire.contains("media") ? wire["media"] : empty;
  if (!files.is_object()) return hall::fail("\"files\" must be an object of file name to content");
  if (!media.is_object()) return hall::fail("\"media\" must be an object of file name to base64 bytes");

  Bundle out;
  // Media first: the photo references resolve against them.
  std::map<std::string, std::string> photo_sha;
  for (const auto& [name, data] : media.items()) {
    const std::string base = name.rfind("photos/", 0) == 0 ? name.substr(7) : std::string();
    if (base.empty() || base.find('/') != std::string::npos || base[0] == '.' || base.size() > 128 ||
        hall::utf8::first_invalid(base))
      return hall::fail(name + ": media files must be directly in photos/ with a plain name");
    if (!data.is_string()) return hall::fail(name + ": must be base64 text");
    auto bytes = hall::base64_decode(data.get<std::string>());
    if (!bytes) return hall::fail(name + ": " + bytes.error());
    if (bytes->size() > kMaxMediaBytes)
      return hall::fail(name + ": " + std::to_string(bytes->size()) + " bytes; a photo may be at most " +
                        std::to_string(kMaxMediaBytes / 1024) + " KiB: make it smaller");
    const bool png = bytes->rfind("\x89PNG\r\n\x1a\n", 0) == 0;
    const bool jpeg = bytes->rfind("\xff\xd8\xff", 0) == 0;
    if (!png && !jpeg) return hall::fail(name + ": not a PNG or JPEG image");
    const std::string sha = hall::sha256_hex(*bytes);
    photo_sha[name] = sha;
    if (!out.media.count(sha)) out.media[sha] = Media{base, std::move(*bytes)};
  }

  for (const auto& [name, _] : files.items()) {
    if (name != hall_def().file && !find_table(name)) {
      std::string known = hall_def().file;
      for (const auto& t : tables()) known += ", " + t.file;
      return hall::fail(name + ": unknown file (content files are " + known + ")");
    }
  }

  Checker check{now, hall::hall_zone(), &photo_sha};
  if (!files.contains(hall_def().file)) return hall::fail("hall.toml: missing; it must give at least name = \"...\"");
  {
    auto h = check.record(hall_def(), files[hall_def().file], "hall.toml");
    if (!h) return h.take_error();
    out.hall = std::move(*h);
    // Notices' times are read in the hall's zone, the new one if hall.toml sets it.
    if (auto z = hall::TimeZone::named(out.hall["timezone"].get<std::string>())) check.zone = *z;
  }

  std::map<std::string, std::set<std::string>> keys;  // by table: ids seen
  for (const auto& t : tables()) {
    auto& list = out.records[t.table];
    if (!files.contains(t.file)) continue;
    const Json& doc = files[t.file];
    if (!doc.is_object()) return hall::fail(t.file + ": must hold [[" + t.array + "]] tables");
    for (const auto& [k, _] : doc.items())
      if (k != t.array)
        return hall::fail(t.file + ": unknown key " + quote(k) + "; records are written as [[" + t.array + "]]");
    if (!doc.contains(t.array)) continue;
    const Json& arr = doc[t.array];
    if (!arr.is_array()) return hall::fail(t.file + ": " + quote(t.array) + " must be written as [[" + t.array + "]]");
    for (size_t i = 0; i < arr.size(); ++i) {
      const std::string where = t.file + ": " + record_name(t, arr[i], i);
      auto r = check.record(t, arr[i], where);
      if (!r) return r.take_error();
      const std::string key = key_text((*r)[t.key]);
      if (t.key == "number" && (*r)[t.key].get<int64_t>() == 0)
        return hall::fail(where + ": field \"number\": window numbers start at 1");
      if (!keys[t.table].insert(key).second)
        return hall::fail(where + ": field " + quote(t.key) + ": " + quote(key) + " is used by another " + t.array);
      list.push_back(std::move(*r));
    }
  }

  // Cross-references and per-kind rules.
  auto has = [&](const std::string& table, const std::string& key) { return keys[table].count(key) > 0; };
  auto fail_at = [](const TableDef& t, const Json& r, size_t i, const std::string& field, const std::string& why) {
    return hall::fail(t.file + ": " + record_name(t, r, i) + ": field " + quote(field) + ": " + why);
  };
  std::set<std::string> groups;
  for (const auto& t : tables()) {
    const auto& list = out.records[t.table];
    for (size_t i = 0; i < list.size(); ++i) {
      const Json& r = list[i];
      if (r.contains("department") && !r["department"].get<std::string>().empty() &&
          !has("content_departments", r["department"]))
        return fail_at(t, r, i, "department", "no department " + quote(r["department"]) + " in departments.toml");
      if (t.table == "content_windows") {
        for (const auto& item : r["items"])
          if (!has("content_standards", item))
            return fail_at(t, r, i, "items", "no service item " + quote(item) + " in standards.toml");
      } else if (t.table == "content_standards") {
        // 事项编码 and 版本 as the province's catalogue writes them (upstream records).
        for (const char* field : {"code", "version"}) {
          const std::string v = r[field];
          for (char ch : v)
            if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '-' ||
                  ch == '.' || ch == '_'))
              return fail_at(t, r, i, field,
                             quote(v) + " may hold only letters, digits, \"-\", \".\" and \"_\" (write the " +
                                 (std::string(field) == "code" ? "事项编码, e.g. \"11330200MB1234567X4000117001000\""
                                                               : "事项版本, e.g. \"2\" or \"1.0\"") +
                                 " as the province's catalogue lists it)");
        }
      } else if (t.table == "content_staff") {
        const int64_t w = r["window"].get<int64_t>();
        if (w != 0 && !has("content_windows", std::to_string(w)))
          return fail_at(t, r, i, "window", "no window " + std::to_string(w));
        std::set<std::string> roles;
        for (const auto& role : r["roles"]) {
          const std::string name = role;
          if (name != "staff" && name != "leader" && name != "manager")
            return fail_at(t, r, i, "roles", quote(name) + " is not a role; use \"staff\", \"leader\" or \"manager\"");
          if (!roles.insert(name).second) return fail_at(t, r, i, "roles", quote(name) + " is listed twice");
        }
      } else if (t.table == "content_pledges") {
        const std::string scope = r["scope"];
        const std::string staff = r["staff"];
        if (scope != "unit" && scope != "personal")
          return fail_at(t, r, i, "scope", "must be \"unit\" or \"personal\"");
        if (scope == "personal" && staff.empty())
          return fail_at(t, r, i, "staff", "a personal pledge names its staff member");
        if (scope == "unit" && !staff.empty())
          return fail_at(t, r, i, "staff", "a unit pledge names no staff member");
        if (!staff.empty() && !has("content_staff", staff))
          return fail_at(t, r, i, "staff", "no staff " + quote(staff) + " in staff.toml");
      } else if (t.table == "content_playlists") {
        const std::string outside = r["outside"];
        if (outside != hall::wire::kBlankBoard && !Checker::is_board(outside))
          return fail_at(t, r, i, "outside", "must be \"blank\" or one of " + Checker::board_list());
        const std::string open = r["open"], close = r["close"];
        if (open.empty() != close.empty())
          return fail_at(t, r, i, open.empty() ? "open" : "close",
                         "give open and close together, or neither to follow the hall's hours (hall.toml [[hours]])");
        if (!open.empty() && open >= close) return fail_at(t, r, i, "close", "must be later than open");
        if (!open.empty() && r["days"].empty())
          return fail_at(t, r, i, "days", "missing: the weekdays of open and close, e.g. [1, 2, 3, 4, 5]");
        if (open.empty() && !r["days"].empty())
          return fail_at(t, r, i, "days", "given without open and close; leave all three out to follow the hall's "
                                          "hours");
        groups.insert(r["group"].get<std::string>());
      } else if (t.table == "content_screens") {
        const std::string o = r["orientation"];
        if (o != "landscape" && o != "portrait")
          return fail_at(t, r, i, "orientation", "must be \"landscape\" or \"portrait\"");
        if (!groups.count(r["group"].get<std::string>()))
          return fail_at(t, r, i, "group", "no playlist for group " + quote(r["group"]) + " in playlists.toml");
      }
    }
  }
  return out;
}

Json to_wire(const Bundle& b) {
  Json files = Json::object();
  Json media = Json::object();
  for (const auto& [sha, m] : b.media) media["photos/" + m.name] = hall::base64_encode(m.bytes);
  auto photo_name = [&](const Json& sha) -> Json {
    auto it = b.media.find(sha.get<std::string>());
    return it == b.media.end() ? Json("") : Json("photos/" + it->second.name);
  };
  auto outward = [&](const TableDef& t, const Json& r) {
    Json out = Json::object();
    for (const auto& f : t.fields) {
      if (!r.contains(f.name)) continue;
      out[f.name] = f.kind == K::Photo ? photo_name(r[f.name]) : r[f.name];
    }
    return out;
  };
  files[hall_def().file] = outward(hall_def(), b.hall);
  for (const auto& t : tables()) {
    auto it = b.records.find(t.table);
    Json arr = Json::array();
    if (it != b.records.end())
      for (const auto& r : it->second) arr.push_back(outward(t, r));
    files[t.file] = Json{{t.array, arr}};
  }
  return Json{{"files", files}, {"media", media}};
}

}  // namespace controller::content
