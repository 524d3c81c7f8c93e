#include "controller/core/meta.h"

namespace controller {

std::string meta_get(hall::Store& store, const std::string& key) {
  auto st = store.prepare("SELECT value FROM meta WHERE key = ?1");
  if (!st) return {};
  st->bind(1, key);
  auto row = st->step();
  return row && *row ? st->column_text(0) : std::string();
}

hall::Status meta_set(hall::Store& store, const std::string& key, const std::string& value) {
  auto st = store.prepare(
      "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!st) return st.take_error();
  st->bind(1, key).bind(2, value);
  return st->run();
}

}  // namespace controller
