// cases_service.h: the bad-review case service (差评整改). Every evaluation
// scored 1 or 2 gets a case inside the evaluation batch's own transaction
// (a writer on the evaluation bus), idempotent by evaluation uuid; at start
// any such evaluation still without a case (a store from an older version)
// gets one.
// The deadline is counted in working days (cases.deadline_working_days,
// cases.holidays_file). Admin messages `cases.list`, `case.act`, `case.show`
// (one case and its audited history) and `case.phone` (the full callback
// number for a manager); every change is written with its row in `audit` in
// one transaction. The state machine is cases.h; see docs/rankings.md and
// docs/protocol.md.
// Threading: the controller's thread, except the evaluation-bus writer that
// opens a case, which runs on the evaluation committer's thread and reads
// only what is fixed after start (the settings, the shared calendar).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "controller/cases/cases.h"
#include "controller/evaluations/evaluation_bus.h"
#include "controller/evaluations/phone_vault.h"
#include "common/base/result.h"
#include "common/base/config.h"
#include "common/store/store.h"

namespace controller {

class Controller;

// [cases]: deadlines and the holiday calendar (CaseSettings in cases.h).
void add_case_keys(hall::Schema& schema);
CaseSettings case_settings_from(const hall::Config& config);


// The calendar of cases.holidays_file, read once at start and shared by the
// cases, the report and the hall's opening hours. A missing or unreadable
// file fails naming the resolved path and what to do (the controller does
// not start: deadlines and closures would silently count weekends only);
// "" gives the weekends-only calendar on purpose, with a warning.
hall::Result<std::shared_ptr<const WorkCalendar>> load_calendar(const CaseSettings& settings);

// `phones` opens a case's number for `case.phone` (managers, audited). The
// purge of old numbers (phone_purge.h) runs at start and every hour. Adds the
// alarm of hallctl status while the holiday table runs out (calendar_alarm).
hall::Status install_cases(Controller& controller, EvaluationBus& evaluations, const CaseSettings& settings,
                           std::shared_ptr<const WorkCalendar> calendar, std::shared_ptr<const PhoneVault> phones);

// One stored case with the names listings and reports show. The Case's
// window is the window number as text, its staff the staff id; the phone is
// the masked number (the sealed one is read only by case.phone).
struct CaseRow {
  Case c;
  int64_t window_number = 0;
  std::string window_name, staff_name;
};

// The rows of `cases` matching `where` (a SQL tail such as " WHERE id = ?1",
// or empty), in id order; `bind` binds its parameters.
hall::Result<std::vector<CaseRow>> load_cases(hall::Store& store, const std::string& where,
                                              const std::function<void(hall::Statement&)>& bind = {});

}  // namespace controller
