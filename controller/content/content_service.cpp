#include "controller/content/content_service.h"

#include <memory>

#include "controller/content/content_diff.h"
#include "controller/content/content_schema.h"
#include "controller/content/content_store.h"
#include "controller/core/audit.h"
#include "controller/core/controller.h"
#include "common/base/log.h"
#include "common/vocab/admin_types.h"
#include "common/access/roles.h"

namespace controller {

namespace content {

hall::Result<size_t> Publisher::sync() {
  auto values = published_values(controller_.store(), calendar_);
  if (!values) return values.take_error();
  size_t changed = 0;
  for (const auto& [key, old] : published_) {
    if (values->count(key)) continue;
    controller_.publish_bytes(key, std::string());
    ++changed;
  }
  for (auto& [key, value] : *values) {
    auto it = published_.find(key);
    if (it != published_.end() && it->second == value) continue;
    controller_.publish_bytes(key, value);
    ++changed;
  }
  published_ = std::move(*values);
  return changed;
}

}  // namespace content

namespace {
using hall::FieldType;

std::optional<std::string> on_import(Controller& c, content::Publisher& pub, const Request& r) {
  const auto& msg = r.message;
  if (auto s = hall::check_fields(msg, {{"files", FieldType::Object, true}, {"media", FieldType::Object, false}}); !s)
    return hall::encode_error(&msg, s.error(), "bad_request");
  auto bundle = content::validate_bundle(msg.body, c.now());
  if (!bundle) {
    hall::log::warn("content import refused: {}", bundle.error());
    return hall::encode_error(&msg, bundle.error(), "invalid_content");
  }
  auto before = content::load_content(c.store());
  if (!before) return hall::encode_error(&msg, "cannot read the content: " + before.error(), "store_error");
  const content::ContentDiff diff = content::diff_content(*before, *bundle);
  const AuditRow row{hall::iso_time(c.now()), r.who.actor(), "content", "content.import", "", diff.to_json().dump(),
                     diff.summary()};
  auto counts = content::replace_content(c.store(), *bundle, c.now(), [&] { return write_audit(c.store(), row); });
  if (!counts) {
    hall::log::error("content import failed: {}", counts.error());
    return hall::encode_error(&msg, counts.error(), "store_error");
  }
  if (auto s = c.reload_hall(); !s) hall::log::error("cannot reload the hall row: {}", s.error());
  auto changed = pub.sync();
  if (!changed) hall::log::error("cannot publish content: {}", changed.error());
  hall::Json records = hall::Json::object();
  for (const auto& [k, n] : counts->records) records[k] = n;
  hall::log::info("content imported by {}: {}; {} keys changed", r.who.actor(), diff.summary(),
                  changed ? *changed : 0);
  return hall::encode_reply(msg, "content.imported",
                            {{"records", records}, {"media", counts->media}, {"changed_keys", changed ? *changed : 0},
                             {"changes", diff.to_json()}, {"summary", diff.summary()}});
}

std::optional<std::string> on_export(Controller& c, const Request& r) {
  const auto& msg = r.message;
  if (auto s = hall::check_fields(msg, {}); !s) return hall::encode_error(&msg, s.error(), "bad_request");
  auto bundle = content::load_content(c.store());
  if (!bundle) return hall::encode_error(&msg, "cannot read the content: " + bundle.error(), "store_error");
  std::string reply = hall::encode_reply(msg, "content.export", content::to_wire(*bundle));
  if (reply.size() > hall::kMaxAdminMessageBytes)
    return hall::encode_error(&msg, "the content with its photos is larger than the 16 MiB admin message limit",
                              "too_large");
  return reply;
}
}  // namespace

hall::Status install_content(Controller& c, const hall::OpeningHours& calendar) {
  auto pub = std::make_shared<content::Publisher>(c, calendar);
  c.handle(Channel::Admin, hall::wire::admin::kContentImport, hall::wire::kManagers, [&c, pub](const Request& r) { return on_import(c, *pub, r); });
  c.handle(Channel::Admin, hall::wire::admin::kContentExport, hall::wire::kReaders, [&c](const Request& r) { return on_export(c, r); });
  content::install_notices(c, pub);
  content::install_screens(c);
  if (auto s = c.reload_hall(); !s) return s;
  auto n = pub->sync();
  if (!n) return hall::fail("cannot publish the stored content: " + n.error());
  hall::log::info("content service: {} keys published", *n);
  return {};
}

}  // namespace controller
