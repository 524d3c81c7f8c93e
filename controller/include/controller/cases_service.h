// cases_service.h: the bad-review case service (差评整改). Every evaluation
// scored 1 or 2 gets a case right after its transaction commits
// (Controller::on_evaluation), idempotent by evaluation uuid; at start any
// such evaluation still without a case (a crash between the two) gets one.
// The deadline is counted in working days (cases.deadline_working_days,
// cases.holidays_file). Admin messages `cases.list` and `case.act`; every
// change is written with its row in `audit` in one transaction. The state
// machine is cases.h; see docs/rankings.md and docs/protocol.md.
// Threading: the controller's thread only.
#pragma once

#include "hall/result.h"

namespace controller {

class Controller;

hall::Status install_cases(Controller& controller);

}  // namespace controller
