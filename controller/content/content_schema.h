// content_schema.h: what hall content is made of, and the validation of an
// imported bundle. Each kind of record (departments, windows, staff,
// standards, pledges, notices, screens, playlists) is described once here: its
// file in the content directory, its TOML array name, its SQL table and its
// fields. Import, export, storage and publishing are all driven from these
// descriptions, so a field is added in one place (plus the migration).
//
// A bundle on the wire (content.import / content.export, docs/protocol.md):
//   {"files": {"hall.toml": {...}, "staff.toml": {"staff": [{...}, ...]}, ...},
//    "media": {"photos/zhang-wei.png": "<base64>", ...}}
// validate_bundle() checks it completely before anything is stored; every
// error names the file, the record and the field, e.g.
//   staff.toml: staff "zhang-wei": field "window": no window 9
// Threading: pure functions over constant tables.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "common/time/clock.h"
#include "common/wire/codec.h"

namespace controller::content {

enum class FieldKind {
  Text,      // string
  Slug,      // string of a-z 0-9 - _ (record ids, group names)
  Integer,   // 0..max
  Boolean,
  TextList,  // array of strings (at most `max` elements)
  IntList,   // array of integers 1..7 (playlist days)
  Boards,    // array of {board, seconds}
  Photo,     // "photos/<file>" in the bundle; stored as the media sha256
  Time,      // "" or an ISO time (notices' until)
  ClockTime, // "HH:MM"
  Zone,      // "" or an IANA time zone ("Asia/Shanghai")
  Hours      // hall.toml [[hours]]: [{days = [1..7], periods = ["HH:MM-HH:MM", ...]}] (opening_hours.h)
};

struct FieldDef {
  std::string name;
  FieldKind kind;
  bool required = false;
  size_t max = 200;  // Text: bytes; lists: elements; Integer: largest value
};

struct TableDef {
  std::string file;     // "staff.toml"
  std::string array;    // TOML array-of-tables name, also the record word in errors: "staff"
  std::string table;    // SQL table
  std::string key;      // the field that names a record
  std::string publish;  // CHP key prefix, e.g. "/content/staff/" ("" = not published as is)
  std::vector<FieldDef> fields;
};

// The record kinds, in dependency order (a record refers only to earlier kinds
// or to its own). hall.toml is described by hall_def() (one table, no array).
const std::vector<TableDef>& tables();
const TableDef& hall_def();
const TableDef* find_table(const std::string& file);

inline constexpr size_t kMaxMediaBytes = 512 * 1024;
// The boards a playlist may name: hall::wire::kBoards (common/vocab/boards.h).

struct Media {
  std::string name;   // file name under photos/
  std::string bytes;
};

// A checked bundle: records as JSON objects with every field present (defaults
// filled in, photos replaced by their sha256), in file order.
struct Bundle {
  hall::Json hall;                                   // {name, name_en, logo, timezone, hours}
  std::map<std::string, std::vector<hall::Json>> records;  // by TableDef::table
  std::map<std::string, Media> media;                // by sha256
};

// Checks a wire bundle. `now` resolves times such as "18:00" (today).
hall::Result<Bundle> validate_bundle(const hall::Json& wire, hall::SystemTime now);

// The wire form of a stored bundle (for content.export): photos by file name.
hall::Json to_wire(const Bundle& bundle);

// Parses "2026-11-27T18:00:00+08:00", "2026-11-27T18:00" / "2026-11-27 18:00"
// (local time), or "18:00" (today, local). Errors say which forms are accepted.
hall::Result<hall::SystemTime> parse_time(const std::string& text, hall::SystemTime now,
                                          const hall::TimeZone& zone = hall::hall_zone());

}  // namespace controller::content
