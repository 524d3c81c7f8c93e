// content_diff.h: what an import changes, record by record: for each kind of
// record (staff, window, ...) the ids added, changed and removed, and whether
// hall.toml or the photos changed. It is written to the audit log with every
// import (content.import) and returned to hallctl, which prints the summary.
// Threading: pure functions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "controller/content/content_schema.h"

namespace controller::content {

struct KindChanges {
  std::vector<std::string> added, changed, removed;  // record ids, in id order
  bool empty() const { return added.empty() && changed.empty() && removed.empty(); }
};

struct ContentDiff {
  bool hall = false;                         // hall.toml (name, logo, time zone)
  std::map<std::string, KindChanges> kinds;  // by TOML array name; only kinds that changed
  size_t media_added = 0, media_removed = 0;

  bool empty() const { return !hall && kinds.empty() && media_added == 0 && media_removed == 0; }
  // "hall; staff +1 ~2 -0; window ~1; photos +1" or "no change".
  std::string summary() const;
  // {"hall": true, "staff": {"added": [...], "changed": [...], "removed": [...]}, "photos": {...}}
  hall::Json to_json() const;
};

ContentDiff diff_content(const Bundle& before, const Bundle& after);

}  // namespace controller::content
