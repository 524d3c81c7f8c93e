// fuzz_config: the programs' configuration files: controller.toml,
// signage.toml and kiosk.toml (common/base/config.h against each program's
// schema, then its settings_from) and the holiday calendar
// (controller/cases/workdays.h). Input: the text of one file; each reader
// gets the same text. Rules: nothing throws or crashes; a refusal is an
// error value with a message.
#include "fuzz.h"

#include "common/base/config.h"
#include "controller/cases/workdays.h"
#include "controller/settings.h"
#include "kiosk/settings.h"
#include "signage/settings.h"

namespace hall_fuzz {

int config(const uint8_t* data, size_t size) {
  static const hall::Schema controller_schema = controller::schema();
  static const hall::Schema signage_schema = signage::schema();
  static const hall::Schema kiosk_schema = kiosk::schema();
  const std::string_view text = as_text(data, size);

  if (auto c = hall::Config::parse(controller_schema, text, "controller.toml"); c)
    (void)controller::settings_from(*c);
  else
    FUZZ_CHECK(!c.error().empty(), "a refusal without a message");
  if (auto c = hall::Config::parse(signage_schema, text, "signage.toml"); c) (void)signage::settings_from(*c);
  if (auto c = hall::Config::parse(kiosk_schema, text, "kiosk.toml"); c) (void)kiosk::settings_from(*c);
  (void)controller::WorkCalendar::parse(std::string(text), "holidays.toml");
  return 0;
}

}  // namespace hall_fuzz

HALL_FUZZ_ENTRY(hall_fuzz::config)
