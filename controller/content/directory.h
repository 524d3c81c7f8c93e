// directory.h: who works in the hall and at which window, as the content
// service keeps it (content_staff, content_windows, content_departments,
// filled by `hallctl content import`). Other services read staff and
// windows through these functions, never through the content tables.
// Threading: the caller's store connection (the controller's loop).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/base/result.h"
#include "common/store/store.h"

namespace controller {

// What the review checks need to know about a person.
struct StaffInfo {
  std::string id;          // staff id, e.g. "S012"
  std::string name;        // 张三
  std::string department;  // 综合窗口科
  std::vector<std::string> roles;  // "staff", "leader", "manager" ...
  bool member = false;             // a Communist Party member (staff.toml "member")
  bool has_role(const std::string& role) const;
};

// Looks a person up by id; nullptr when unknown.
using StaffLookup = std::function<const StaffInfo*(const std::string& id)>;

struct WindowInfo {
  int64_t number = 0;
  std::string name;
  std::string department;  // department name (or id when unnamed)
};

// content_staff and content_windows as the review checks and reports see them.
struct StaffDirectory {
  std::map<std::string, StaffInfo> staff;   // by id; department is the department id
  std::map<std::string, int64_t> staff_window;  // staff id -> window number (0 = none)
  std::map<int64_t, WindowInfo> windows;    // by number
  StaffLookup lookup() const;
  bool window_exists(const std::string& code) const;
  // "3" -> 3; 0 when the code is not a window number.
  static int64_t window_number(const std::string& code);
};
hall::Result<StaffDirectory> load_directory(hall::Store& store);

// The staff card a kiosk and the rankings show: post and photo (the media
// sha256), empty when the staff member is not in the content store (the
// queue feed only knows names).
struct StaffCard {
  std::string post;
  std::string photo;
};
hall::Result<StaffCard> staff_card(hall::Store& store, const std::string& staff_id);

}  // namespace controller
