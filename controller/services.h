// services.h: the controller as a whole: the core loop (core/controller.h)
// with every feature service installed on it. hall-controller's main() and
// the tests start a controller through start(); add a line to services.cpp
// for a new service.
// Threading: start() on the thread that will run the controller's loop.
#pragma once

#include <memory>

#include "controller/core/controller.h"
#include "controller/settings.h"
#include "controller/evaluations/evaluation_bus.h"
#include "controller/evaluations/phone_vault.h"

namespace controller {

using Options = BasicOptions<Settings>;

// What the services share with each other, kept for tests that reach into
// it (a test adds a failing writer to the evaluation bus).
struct Services {
  std::shared_ptr<EvaluationBus> evaluations;
  std::shared_ptr<const PhoneVault> phones;  // the hall's phone key (phone_vault.h)
};

// Starts the core, installs the services in order and announces the hall.
// `services`, when given, receives the services' shared parts.
hall::Result<std::unique_ptr<Controller>> start(Options options, Services* services = nullptr);

}  // namespace controller
