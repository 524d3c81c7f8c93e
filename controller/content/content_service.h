// content_service.h: the controller's content service. It owns the content
// keys on CHP (/content/..., /notices/..., /groups/<g>/playlist, /media/<sha>,
// /hall/hours (hall.toml [[hours]] with the holiday calendar),
// and /hall/info through Controller::reload_hall) and the admin and device
// messages that change them:
//   admin:  content.import, content.export, notice.post, notice.clear,
//           notice.list, screens.list
//   device: screen.status
// After every change it re-renders its keys from the store and publishes only
// the keys whose value changed (an empty value deletes a key).
// Threading: the controller's thread; handlers run inside poll_once().
#pragma once

#include <map>
#include <memory>
#include <string>

#include "common/base/result.h"
#include "common/time/opening_hours.h"

namespace controller {

class Controller;

// Registers the content service on `controller` and publishes the content.
// `calendar`: the holiday calendar's closures, published with the hall's
// opening hours as /hall/hours (its week is ignored).
hall::Status install_content(Controller& controller, const hall::OpeningHours& calendar = {});

namespace content {

// Publishes the difference between the store and what was published before.
class Publisher {
 public:
  explicit Publisher(Controller& controller, hall::OpeningHours calendar = {})
      : controller_(controller), calendar_(std::move(calendar)) {}
  // Returns how many keys were set or deleted.
  hall::Result<size_t> sync();

 private:
  Controller& controller_;
  hall::OpeningHours calendar_;
  std::map<std::string, std::string> published_;
};

// The notice and screen parts of the service (content_notices.cpp,
// content_screens.cpp).
// Handlers hold the publisher, so it lives as long as the controller.
void install_notices(Controller& controller, std::shared_ptr<Publisher> publisher);
void install_screens(Controller& controller);

// A screen is online when heard from within this many milliseconds.
inline constexpr int64_t kScreenOnlineMs = 15000;

}  // namespace content
}  // namespace controller
