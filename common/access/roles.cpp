#include "common/access/roles.h"

#include <array>

namespace hall::wire {

namespace {
constexpr std::array<const char*, 7> kNames = {"screen", "kiosk", "admin", "manager", "leader", "staff", "viewer"};
}

const char* role_name(Role role) { return kNames[static_cast<size_t>(role)]; }

std::optional<Role> parse_role(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (name == kNames[i]) return static_cast<Role>(i);
  return std::nullopt;
}

std::string role_names(Roles roles) {
  std::string out;
  for (size_t i = 0; i < kNames.size(); ++i)
    if (roles & bit(static_cast<Role>(i))) out += (out.empty() ? "" : ", ") + std::string(kNames[i]);
  return out;
}

std::string all_role_names() { return role_names(kAllRoles); }

}  // namespace hall::wire
