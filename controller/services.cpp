#include "controller/services.h"

#include "controller/cases/cases_service.h"
#include "controller/content/content_service.h"
#include "controller/evaluations/evaluations.h"
#include "controller/evaluations/phone_vault.h"
#include "controller/queue/queue_link.h"
#include "controller/rankings/rankings_service.h"
#include "controller/report/report_service.h"
#include "controller/reviews/reviews_service.h"
#include "controller/trust/trust_service.h"
#include "controller/upstream/upstream.h"
#include "common/base/log.h"

namespace controller {

namespace {

hall::Result<Services> install_services(Controller& c, const Settings& settings) {
  Services out;
  // First: without its holiday calendar the controller does not start.
  auto calendar = load_calendar(settings.cases);
  if (!calendar) return calendar.take_error();
  if (auto s = install_trust(c); !s) return s.take_error();
  if (auto s = install_content(c, (*calendar)->closures()); !s) return s.take_error();
  if (auto s = install_queue_link(c, settings.queue); !s) return s.take_error();
  // Callback numbers are sealed at rest (phone_vault.h): the key, then any
  // plain number left from before migration 9, then the WAL emptied of them.
  auto phones = PhoneVault::open(settings.key_dir.empty() ? settings.data_dir + "/keys" : settings.key_dir);
  if (!phones) return phones.take_error();
  out.phones = *phones;
  auto sealed = seal_plain_phones(c.store(), **phones);
  if (!sealed) return sealed.take_error();
  if (*sealed > 0) {
    // A store from before kept old copies of its plain numbers in free
    // space (a case's row is rewritten at each step): rebuilt once, clean.
    if (auto s = rebuild_store(c.store()); !s) return hall::fail("cannot rebuild the store: " + s.error());
    hall::log::info("sealed {} phone numbers stored in plain by an earlier version, and rebuilt the store",
                    *sealed);
  }
  if (auto s = truncate_wal(c.store()); !s) return hall::fail("cannot empty the store's WAL: " + s.error());
  auto bus = install_evaluations(c, settings.evaluation, out.phones);
  if (!bus) return bus.take_error();
  out.evaluations = *bus;
  auto reviews = install_reviews(c, settings.ranking.bonus_max);
  if (!reviews) return reviews.take_error();
  auto rankings = install_rankings(c, *out.evaluations, **reviews, settings.ranking);  // follows both
  if (!rankings) return rankings.take_error();
  if (auto s = install_report(c, *rankings, *calendar); !s) return s.take_error();
  if (auto s = install_cases(c, *out.evaluations, settings.cases, *calendar, out.phones); !s) return s.take_error();     // writes with each rating
  if (auto s = install_upstream(c, *out.evaluations, settings.upstream, out.phones); !s) return s.take_error();  // likewise
  return out;
}

}  // namespace

hall::Result<std::unique_ptr<Controller>> start(Options options, Services* services) {
  auto c = Controller::start({options.settings, options.sockets, options.now});
  if (!c) return c.take_error();
  auto installed = install_services(**c, options.settings);
  if (!installed) return installed.take_error();
  if (services) *services = std::move(*installed);
  (*c)->announce();
  return c;
}

}  // namespace controller
