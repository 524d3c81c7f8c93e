// roles.h: what a key may do (docs/security.md). Every enrolled key has one
// role. Devices: a screen reads CHP and reports its status; a kiosk looks up
// tickets and submits ratings. People: admin (keys and settings), manager
// (content, notices, cases, bonuses), leader (leader reviews, reads
// everything), staff (peer reviews, their own figures), viewer (reads).
// The controller lists, per message type, the roles that may send it.
// Threading: constants and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hall::wire {

enum class Role : uint8_t { Screen, Kiosk, Admin, Manager, Leader, Staff, Viewer };

// A set of roles, one bit per Role.
using Roles = uint32_t;
constexpr Roles bit(Role r) { return Roles{1} << static_cast<unsigned>(r); }

inline constexpr Roles kDeviceRoles = bit(Role::Screen) | bit(Role::Kiosk);
inline constexpr Roles kPeopleRoles =
    bit(Role::Admin) | bit(Role::Manager) | bit(Role::Leader) | bit(Role::Staff) | bit(Role::Viewer);
// Who may read the hall's records (lists, reports, the audit log).
inline constexpr Roles kReaders = bit(Role::Admin) | bit(Role::Manager) | bit(Role::Leader) | bit(Role::Viewer);
inline constexpr Roles kAllRoles = kDeviceRoles | kPeopleRoles;
inline constexpr Roles kScreens = bit(Role::Screen);
inline constexpr Roles kKiosks = bit(Role::Kiosk);
inline constexpr Roles kManagers = bit(Role::Manager);
inline constexpr Roles kLeaders = bit(Role::Leader);
inline constexpr Roles kAdmins = bit(Role::Admin);
// Reviews of the hall's own staff figures (rankings): readers and staff.
inline constexpr Roles kFigureReaders = kReaders | bit(Role::Staff);
// A peer review comes from a staff member's own key (the reviews service
// checks Party membership and department).
inline constexpr Roles kPeerReviewers = bit(Role::Staff) | bit(Role::Leader) | bit(Role::Manager);

const char* role_name(Role role);
std::optional<Role> parse_role(std::string_view name);
// "manager, leader" for a set; "" for none.
std::string role_names(Roles roles);
// Every role, for help texts: "screen, kiosk, admin, manager, leader, staff, viewer".
std::string all_role_names();

}  // namespace hall::wire
