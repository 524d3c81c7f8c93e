// security.h: the [security] keys every program reads, and turning them into
// the Curve a SocketFactory uses (docs/security.md).
//   security.mode        "curve" (the default) or "none" (development only:
//                        every socket speaks ZMTP's NULL mechanism, anyone
//                        who reaches a port is believed)
//   security.key         this screen's or kiosk's .key_secret file
//   security.server_key  the controller's public .key file
// The controller has its own key directory instead (controller/core/settings.h).
// Threading: free functions, any thread.
#pragma once

#include <optional>
#include <string>

#include "common/base/config.h"
#include "common/wire/sockets.h"

namespace hall {

inline constexpr char kSecurityCurve[] = "curve";
inline constexpr char kSecurityNone[] = "none";

// Adds security.mode (to every program's schema).
void add_security_mode_key(Schema& schema);
// Adds security.key and security.server_key (screens and kiosks).
void add_client_key_keys(Schema& schema, const std::string& default_key, const std::string& default_server_key);

// True for mode "curve"; an unknown mode is an error naming the choices.
Result<bool> curve_mode(const Config& config);

// The Curve of a client that holds `key_file` and trusts `server_key_file`;
// checks that this libzmq has CURVE.
Result<Curve> client_curve(const std::string& key_file, const std::string& server_key_file);
// For screens and kiosks: nullopt in mode "none" (after the loud warning).
Result<std::optional<Curve>> client_curve_from(const Config& config, const std::string& program);

// Logs, at warning level, that `program` runs without transport security.
void warn_insecure(const std::string& program);

}  // namespace hall
