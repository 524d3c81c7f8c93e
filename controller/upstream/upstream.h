// upstream.h: forwards stored evaluations, and the 整改 record of each closed
// bad-review case, to the provincial 好差评 platform (docs/evaluations.md
// "Upstream"), in the province's fields (upstream_mapping.h). Rows wait in
// upstream_outbox and upstream_case_outbox (filled in the rating's or the
// closing's own transaction; `hallctl upstream backfill` queues what was
// stored before), go out in batches as one JSON POST to upstream.url (or
// upstream.rectification_url), and leave the outbox only when the receiver answers 2xx; the
// receiver deduplicates by uuid, so a batch resent after a lost answer is
// harmless. Failures back off (capped). Phone numbers are masked unless
// `upstream.mask_phone = false`; then the sealed number is opened for the
// POST (phone_vault.h), and one that cannot be opened goes out masked.
// Threading: the POST runs on an HttpWorker thread; reading and updating the
// outbox happen in a controller timer on the loop thread.
#pragma once

#include "common/base/result.h"
#include "common/base/config.h"
#include "controller/evaluations/evaluation_bus.h"
#include "controller/evaluations/phone_vault.h"

namespace controller {

class Controller;

// [upstream]: forwarding to the provincial 好差评 platform.
struct UpstreamSettings {
  bool enabled = false;
  std::string url;
  int batch = 100;
  int interval_ms = 2000;
  int timeout_ms = 5000;
  int backoff_max_ms = 60000;
  bool mask_phone = true;
  std::string source;  // who we are upstream; defaults to the hall name
  std::string region;  // 行政区划代码 of the hall, e.g. "330203"
  std::string rectification_url;  // where 整改 records go; "" = url
  std::string mapping_file;  // as configured ("" = built-in default)
  std::string mapping_path;  // resolved against the config file's folder
};

void add_upstream_keys(hall::Schema& schema);
UpstreamSettings upstream_settings_from(const hall::Config& config);


// Loads the mapping and, when enabled, starts forwarding; registers the
// upstream.backfill admin message either way (refused while upstream is off).
// A bad mapping file stops the controller when upstream is enabled (a
// warning when it is off).
hall::Status install_upstream(Controller& controller, EvaluationBus& evaluations,
                              const UpstreamSettings& settings, std::shared_ptr<const PhoneVault> phones);

}  // namespace controller
