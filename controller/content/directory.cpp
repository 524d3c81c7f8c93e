#include "controller/content/directory.h"

#include <algorithm>

#include "common/wire/codec.h"

namespace controller {

bool StaffInfo::has_role(const std::string& role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

StaffLookup StaffDirectory::lookup() const {
  return [this](const std::string& id) -> const StaffInfo* {
    auto it = staff.find(id);
    return it == staff.end() ? nullptr : &it->second;
  };
}

int64_t StaffDirectory::window_number(const std::string& code) {
  if (code.empty() || code.size() > 6 || code[0] == '0') return 0;
  int64_t n = 0;
  for (char c : code) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

bool StaffDirectory::window_exists(const std::string& code) const {
  const int64_t n = window_number(code);
  return n > 0 && windows.count(n) > 0;
}

hall::Result<StaffDirectory> load_directory(hall::Store& store) {
  StaffDirectory d;
  auto st = store.prepare("SELECT id, name, department, roles, \"window\", member FROM content_staff");
  if (!st) return st.take_error();
  while (true) {
    auto more = st->step();
    if (!more) return more.take_error();
    if (!*more) break;
    StaffInfo s{st->column_text(0), st->column_text(1), st->column_text(2), {}};
    hall::Json roles = hall::Json::parse(st->column_text(3), nullptr, false);
    if (roles.is_array())
      for (const auto& r : roles)
        if (r.is_string()) s.roles.push_back(r.get<std::string>());
    s.member = st->column_int(5) != 0;
    d.staff_window[s.id] = st->column_int(4);
    d.staff.emplace(s.id, std::move(s));
  }
  auto w = store.prepare(
      "SELECT w.number, w.name, COALESCE(NULLIF(d.name, ''), w.department) FROM content_windows w "
      "LEFT JOIN content_departments d ON d.id = w.department");
  if (!w) return w.take_error();
  while (true) {
    auto more = w->step();
    if (!more) return more.take_error();
    if (!*more) break;
    WindowInfo info{w->column_int(0), w->column_text(1), w->column_text(2)};
    d.windows.emplace(info.number, std::move(info));
  }
  return d;
}

hall::Result<StaffCard> staff_card(hall::Store& store, const std::string& staff_id) {
  StaffCard card;
  if (staff_id.empty()) return card;
  auto st = store.prepared("SELECT post, photo FROM content_staff WHERE id = ?1");
  if (!st) return st.take_error();
  (*st)->reset();
  (*st)->bind(1, staff_id);
  auto row = (*st)->step();
  if (!row) return row.take_error();
  if (*row) {
    card.post = (*st)->column_text(0);
    card.photo = (*st)->column_text(1);
  }
  (*st)->reset();
  return card;
}

}  // namespace controller
