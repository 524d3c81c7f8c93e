// content_store.h: hall content in the controller's SQLite store (tables from
// migration 2, described by content_schema.h). replace_content() swaps the
// whole content for a validated bundle in ONE transaction (all or nothing);
// load_content() reads it back in the same form, so export -> import is exact;
// published_values() renders what the content service publishes over CHP.
// Threading: the store's thread (the controller's loop).
#pragma once

#include <functional>
#include <map>
#include <string>

#include "controller/content/content_schema.h"
#include "common/time/opening_hours.h"
#include "common/store/store.h"

namespace controller::content {

struct ImportCounts {
  std::map<std::string, size_t> records;  // by TOML array name ("staff": 20)
  size_t media = 0;
};

// Replaces hall name/logo, every content table and the media with `bundle`.
// On any failure the transaction is rolled back and nothing has changed.
// `now` stamps the hall row's updated_at. `also` (e.g. the audit row) runs in
// the same transaction: if it fails, nothing has changed either.
hall::Result<ImportCounts> replace_content(hall::Store& store, const Bundle& bundle, hall::SystemTime now,
                                           const std::function<hall::Status()>& also = {});

hall::Result<Bundle> load_content(hall::Store& store);

// Every CHP key the content service owns, with its value: /content/...,
// /notices/ticker/..., /notices/urgent, /groups/<g>/playlist and /media/<sha>
// (raw bytes), and /hall/hours: hall.toml's [[hours]] with `calendar`'s
// holidays, make-up working days and years (its week is ignored), when
// either is set. JSON values are dumped compactly.
hall::Result<std::map<std::string, std::string>> published_values(hall::Store& store,
                                                                  const hall::OpeningHours& calendar = {});

// The meta key of hall.toml's [[hours]] (JSON, as validate_bundle() stores it).
inline constexpr char kHallHoursMeta[] = "hall_hours";

}  // namespace controller::content
