// demo.h: sample data that puts a model on a given step without a
// controller, for headless screenshots (hall-kiosk --demo-step NAME) and tests.
// Threading: the model's thread.
#pragma once

#include <string>
#include <vector>

#include "common/base/result.h"
#include "kiosk/flow/model.h"

namespace kiosk {

// idle, ticket, ticket-error, lookup, confirm, rate, reasons, thanks
const std::vector<std::string>& demo_steps();
hall::Status seed_demo(Model& model, const std::string& step, Model::Clock::time_point now);

}  // namespace kiosk
