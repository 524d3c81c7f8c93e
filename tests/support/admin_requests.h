// admin_requests.h: admin requests the unit tests send to an in-process
// controller (TestController), failing the test when no reply comes.
// Threading: the test's thread.
#pragma once

#include <string>

#include <catch2/catch.hpp>

#include "controller/content/content_files.h"
#include "controller_fixture.h"

namespace testing {

// Asks the controller's admin socket (an `id` is added when missing).
inline hall::Json ask_admin(TestController& t, hall::Json j) {
  Client admin(t, t.admin());
  if (!j.contains("id")) j["id"] = 1;
  auto r = admin.ask(t, j);
  REQUIRE(r);
  return *r;
}

// Imports config/sample-hall (its staff, windows, departments ...).
inline void import_sample_hall(TestController& t) {
  auto wire = controller::content::read_content_dir(HALL_SOURCE_DIR "/config/sample-hall");
  REQUIRE(wire.ok());
  hall::Json msg = *wire;
  msg["type"] = "content.import";
  auto r = ask_admin(t, msg);
  INFO(r.dump());
  REQUIRE(r["type"] != "error");
}

// One step of a case (case.act) by `by`, with its note.
inline hall::Json act(TestController& t, int64_t id, const std::string& action, const std::string& note = "",
                      const std::string& by = "张科长") {
  hall::Json j = {{"type", "case.act"}, {"case", id}, {"action", action}, {"by", by}};
  if (!note.empty()) j["note"] = note;
  return ask_admin(t, j);
}

}  // namespace testing
