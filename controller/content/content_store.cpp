#include "controller/content/content_store.h"

#include "controller/core/meta.h"
#include "common/vocab/content_keys.h"
#include "common/vocab/hall_keys.h"
#include "common/vocab/notice_keys.h"

namespace controller::content {

using hall::Json;

namespace {
bool is_json_column(FieldKind k) {
  return k == FieldKind::TextList || k == FieldKind::IntList || k == FieldKind::Boards;
}

std::string column_list(const TableDef& t) {
  std::string out;
  for (const auto& f : t.fields) out += (out.empty() ? "\"" : ", \"") + f.name + "\"";
  return out;
}

void bind_field(hall::Statement& st, int index, const FieldDef& f, const Json& v) {
  if (is_json_column(f.kind)) {
    st.bind(index, v.dump());
  } else if (f.kind == FieldKind::Integer) {
    st.bind(index, v.get<int64_t>());
  } else if (f.kind == FieldKind::Boolean) {
    st.bind(index, int64_t{v.get<bool>() ? 1 : 0});
  } else {
    st.bind(index, v.get_ref<const std::string&>());
  }
}

Json read_field(const hall::Statement& st, int col, const FieldDef& f) {
  if (is_json_column(f.kind)) {
    Json v = Json::parse(st.column_text(col), nullptr, false);
    return v.is_discarded() ? Json::array() : v;
  }
  if (f.kind == FieldKind::Integer) return st.column_int(col);
  if (f.kind == FieldKind::Boolean) return st.column_int(col) != 0;
  return st.column_text(col);
}

hall::Status write_all(hall::Store& store, const Bundle& bundle, hall::SystemTime now, ImportCounts& counts) {
  {
    auto st = store.prepare(
        "INSERT INTO hall(id, name, name_en, logo, updated_at, timezone) VALUES (1, ?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, "
        "logo = excluded.logo, updated_at = excluded.updated_at, "
        "timezone = CASE excluded.timezone WHEN '' THEN hall.timezone ELSE excluded.timezone END");
    if (!st) return st.take_error();
    st->bind(1, bundle.hall["name"].get<std::string>())
        .bind(2, bundle.hall["name_en"].get<std::string>())
        .bind(3, bundle.hall["logo"].get<std::string>())
        .bind(4, hall::iso_time(now))
        .bind(5, bundle.hall["timezone"].get<std::string>());  // "": the hall keeps its zone
    if (auto s = st->run(); !s) return s;
    // The opening hours: a small JSON value, in meta beside the hall row.
    const Json hours = bundle.hall.value("hours", Json::array());
    if (auto s = meta_set(store, kHallHoursMeta, hours.dump()); !s) return s;
  }
  for (const char* sql : {"DELETE FROM media"}) {
    auto st = store.prepare(sql);
    if (!st) return st.take_error();
    if (auto s = st->run(); !s) return s;
  }
  {
    auto st = store.prepare("INSERT INTO media(sha256, name, bytes) VALUES (?1, ?2, ?3)");
    if (!st) return st.take_error();
    for (const auto& [sha, m] : bundle.media) {
      st->bind(1, sha).bind(2, m.name).bind_blob(3, m.bytes);
      if (auto s = st->run(); !s) return hall::fail("photos/" + m.name + ": " + s.error());
    }
    counts.media = bundle.media.size();
  }
  for (const auto& t : tables()) {
    auto del = store.prepare("DELETE FROM " + t.table);
    if (!del) return del.take_error();
    if (auto s = del->run(); !s) return s;
    std::string marks;
    for (size_t i = 1; i <= t.fields.size(); ++i) marks += (i > 1 ? ", ?" : "?") + std::to_string(i);
    auto ins = store.prepare("INSERT INTO " + t.table + "(" + column_list(t) + ") VALUES (" + marks + ")");
    if (!ins) return ins.take_error();
    auto it = bundle.records.find(t.table);
    size_t n = 0;
    if (it != bundle.records.end()) {
      for (const auto& r : it->second) {
        for (size_t i = 0; i < t.fields.size(); ++i)
          bind_field(*ins, static_cast<int>(i + 1), t.fields[i], r[t.fields[i].name]);
        if (auto s = ins->run(); !s) return hall::fail(t.file + ": " + s.error());
        ++n;
      }
    }
    counts.records[t.array] = n;
  }
  return {};
}

// A content_playlists record as its /groups/<group>/playlist value.
Json playlist_value(const Json& r) {
  hall::wire::Playlist p;
  for (const auto& b : r["boards"]) p.boards.push_back({b["board"].get<std::string>(), b["seconds"].get<int>()});
  if (!r["open"].get<std::string>().empty())  // else the hall's hours apply (/hall/hours)
    p.hours = hall::wire::PlaylistHours{r["open"], r["close"], r["days"].get<std::vector<int>>()};
  p.outside = r["outside"];
  return p.to_json();
}
}  // namespace

hall::Result<ImportCounts> replace_content(hall::Store& store, const Bundle& bundle, hall::SystemTime now,
                                           const std::function<hall::Status()>& also) {
  if (auto s = store.begin(); !s) return s.take_error();
  ImportCounts counts;
  hall::Status s = write_all(store, bundle, now, counts);
  if (s && also) s = also();
  if (!s) {
    (void)store.rollback();
    return hall::fail("import rolled back, nothing changed: " + s.error());
  }
  if (auto s = store.commit(); !s) {
    (void)store.rollback();
    return hall::fail("import rolled back, nothing changed: " + s.error());
  }
  return counts;
}

hall::Result<Bundle> load_content(hall::Store& store) {
  Bundle b;
  {
    auto st = store.prepare("SELECT name, name_en, logo, timezone FROM hall WHERE id = 1");
    if (!st) return st.take_error();
    auto row = st->step();
    if (!row) return row.take_error();
    b.hall = *row ? Json{{"name", st->column_text(0)}, {"name_en", st->column_text(1)}, {"logo", st->column_text(2)},
                         {"timezone", st->column_text(3)}}
                  : Json{{"name", ""}, {"name_en", ""}, {"logo", ""}, {"timezone", ""}};
    const std::string hours = meta_get(store, kHallHoursMeta);
    b.hall["hours"] = hours.empty() ? Json::array() : Json::parse(hours, nullptr, false);
    if (!b.hall["hours"].is_array()) b.hall["hours"] = Json::array();
  }
  {
    auto st = store.prepare("SELECT sha256, name, bytes FROM media ORDER BY sha256");
    if (!st) return st.take_error();
    while (true) {
      auto row = st->step();
      if (!row) return row.take_error();
      if (!*row) break;
      b.media[st->column_text(0)] = Media{st->column_text(1), st->column_text(2)};
    }
  }
  for (const auto& t : tables()) {
    // rowid order is insertion order: the order of the records in the file.
    auto st = store.prepare("SELECT " + column_list(t) + " FROM " + t.table + " ORDER BY rowid");
    if (!st) return st.take_error();
    auto& list = b.records[t.table];
    while (true) {
      auto row = st->step();
      if (!row) return row.take_error();
      if (!*row) break;
      Json r = Json::object();
      for (size_t i = 0; i < t.fields.size(); ++i) r[t.fields[i].name] = read_field(*st, static_cast<int>(i), t.fields[i]);
      list.push_back(std::move(r));
    }
  }
  return b;
}

hall::Result<std::map<std::string, std::string>> published_values(hall::Store& store,
                                                                  const hall::OpeningHours& calendar) {
  auto b = load_content(store);
  if (!b) return b.take_error();
  std::map<std::string, std::string> out;
  for (const auto& t : tables()) {
    for (const auto& r : b->records[t.table]) {
      const Json& key = r[t.key];
      const std::string k = key.is_string() ? key.get<std::string>() : std::to_string(key.get<int64_t>());
      if (t.table == "content_playlists")
        out[hall::wire::playlist_key(k)] = playlist_value(r).dump();
      else if (!t.publish.empty())
        out[t.publish + k] = r.dump();
    }
  }
  for (auto& [sha, m] : b->media) out[hall::wire::kMediaSubtree + sha] = std::move(m.bytes);
  // The hall's hours with the calendar's closures: the whole table (a few
  // dozen dates a year), so screens need no daily update.
  hall::wire::HallHours hours;
  hours.hours = calendar;
  hours.hours.week.clear();
  for (const auto& w : b->hall["hours"]) {
    hall::WeekHours week{w["days"].get<std::vector<int>>(), {}};
    for (const auto& p : w["periods"])
      if (auto period = hall::parse_open_period(p.get<std::string>())) week.periods.push_back(*period);
    hours.hours.week.push_back(std::move(week));
  }
  if (hours.hours.set() || !hours.hours.holidays.empty()) out[hall::wire::HallHours::kKey] = hours.to_json().dump();
  auto st = store.prepare("SELECT text, since FROM urgent_notice WHERE id = 1");
  if (!st) return st.take_error();
  auto row = st->step();
  if (!row) return row.take_error();
  if (*row) out[hall::wire::UrgentNotice::kKey] = hall::wire::UrgentNotice{st->column_text(0), st->column_text(1)}.to_json().dump();
  return out;
}

}  // namespace controller::content
