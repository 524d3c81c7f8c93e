#include "controller/schema.h"

namespace controller {

const std::vector<hall::Migration>& migrations() {
  static const std::vector<hall::Migration> list = {
      {1, R"sql(
        -- Small facts the controller keeps between runs (e.g. CHP sequence).
        CREATE TABLE meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
        -- The hall itself: exactly one row.
        CREATE TABLE hall (
          id         INTEGER PRIMARY KEY CHECK (id = 1),
          name       TEXT NOT NULL,
          name_en    TEXT NOT NULL DEFAULT '',
          updated_at TEXT NOT NULL
        );
        -- Every screen, kiosk and console that has said hello.
        CREATE TABLE devices (
          id         TEXT PRIMARY KEY,
          kind       TEXT NOT NULL CHECK (kind IN ('signage', 'kiosk', 'console')),
          version    TEXT NOT NULL DEFAULT '',
          first_seen TEXT NOT NULL,
          last_seen  TEXT NOT NULL
        );
      )sql"},
  };
  return list;
}

}  // namespace controller
