#include "signage/settings.h"

#include "common/access/security.h"

#include "common/vocab/content_keys.h"
#include "common/vocab/content_keys.h"
#include "common/vocab/hall_keys.h"
#include "common/vocab/notice_keys.h"
#include "common/vocab/queue_keys.h"
#include "common/vocab/rankings_keys.h"

namespace signage {

hall::Schema schema() {
  using hall::ValueType;
  hall::Schema s = {
      {"signage.id", ValueType::String, std::string("screen-1"), "this screen's id"},
      {"signage.group", ValueType::String, std::string("lobby"), "screen group (chooses the playlist)"},
      {"signage.controller", ValueType::String, std::string("127.0.0.1"), "controller address"},
      {"signage.chp_port", ValueType::Integer, int64_t{5556}, "controller CHP snapshot port", 1, 65534},
      {"signage.device_port", ValueType::Integer, int64_t{5559}, "controller device port", 1, 65535},
      {"signage.cache_dir", ValueType::String, std::string(""),
       "directory for the offline cache (empty: var/signage/<id>)"},
      {"signage.board", ValueType::String, std::string(""),
       "pin one board: " + hall::wire::board_list(" or ") + " (empty: follow the playlist)"},
      {"signage.status_interval_s", ValueType::Integer, int64_t{5}, "seconds between screen.status reports", 1, 3600},
  };
  hall::add_screen_keys(s, 1920, 1080);
  hall::add_security_mode_key(s);
  hall::add_client_key_keys(s, "", "");
  hall::add_common_keys(s);
  return s;
}

Settings settings_from(const hall::Config& c) {
  const std::string host = c.str("signage.controller");
  Settings s{c.str("signage.id"),
             c.str("signage.group"),
             {host, static_cast<int>(c.integer("signage.chp_port"))},
             {host, static_cast<int>(c.integer("signage.device_port"))},
             c.str("signage.cache_dir"),
             c.str("signage.board"),
             static_cast<int>(c.integer("signage.status_interval_s"))};
  if (s.cache_dir.empty()) s.cache_dir = "var/signage/" + s.id;
  return s;
}

std::vector<std::string> subtrees(const std::string& group) {
  using namespace hall::wire;
  return {kHallSubtree,  kContentSubtree, kNoticesSubtree, group_subtree(group), kMediaSubtree,
          kQueueSubtree, kRankingsSubtree};
}

}  // namespace signage
