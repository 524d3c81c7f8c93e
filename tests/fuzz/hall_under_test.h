// hall_under_test.h: the controller the device and admin fuzz targets talk
// to: the real controller with every service installed, its store in a temp
// directory (under /dev/shm when there is one), the sample hall's content
// imported and a few tickets served, so handlers reach their store code.
// Messages go straight to Controller::dispatch, without a socket in between.
// Threading: the fuzzer's thread runs the controller.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "controller/core/controller.h"

namespace hall_fuzz {

// The controller, started on first use and kept for the whole run (state
// builds up across inputs, as in a real hall).
controller::Controller& hall_under_test();

// Decodes `frame` as the socket's serve() does and dispatches it; returns
// the reply frame (nullopt: none yet). Runs one poll of the loop after it,
// so timers and late replies (rating commits) run too.
std::optional<std::string> ask(controller::Channel channel, std::string_view frame);

}  // namespace hall_fuzz
