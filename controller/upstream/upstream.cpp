#include "controller/upstream/upstream.h"

#include <memory>

#include "common/wire/backoff.h"
#include "controller/core/controller.h"
#include "controller/evaluations/evaluation_bus.h"
#include "controller/evaluations/evaluation_rules.h"
#include "controller/core/http_worker.h"
#include "common/base/log.h"

namespace controller {

namespace {
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using hall::Json;

class Upstream {
 public:
  Upstream(Controller& c, UpstreamSettings settings, std::shared_ptr<const PhoneVault> phones)
      : c_(c), s_(std::move(settings)), phones_(std::move(phones)),
        backoff_(milliseconds(std::min(s_.interval_ms, 1000)), milliseconds(s_.backoff_max_ms), hall::kRetryJitter) {
    source_ = s_.source.empty() ? c.hall_name() : s_.source;
  }

  void tick() {
    const auto now = Clock::now();
    if (auto response = http_.take()) return handle(*response, now);
    if (http_.busy() || now < next_) return;
    Json items = Json::array();
    in_flight_.clear();
    auto st = c_.store().prepare(
        "SELECT e.id, e.uuid, e.ticket, e.service_item_id, e.service_item_name, e.window_number, e.window_name, "
        "e.staff_id, e.staff_name, e.score, e.reasons, e.phone, e.kiosk_id, e.channel, e.created_at, "
        "e.received_at, e.phone_masked FROM upstream_outbox o JOIN evaluations e ON e.id = o.evaluation_id "
        "ORDER BY o.evaluation_id LIMIT ?1");
    if (!st) {
      hall::log::error("upstream: {}", st.error());
      next_ = now + milliseconds(s_.interval_ms);
      return;
    }
    st->bind(1, int64_t{s_.batch});
    while (true) {
      auto row = st->step();
      if (!row || !*row) break;
      in_flight_.push_back(st->column_int(0));
      const int score = static_cast<int>(st->column_int(9));
      const std::string masked = st->column_text(16);
      std::string phone = masked;
      if (!s_.mask_phone && !st->column_text(11).empty()) {  // '': none given, or purged
        if (auto opened = phones_->open_sealed(st->column_text(11))) phone = std::move(*opened);
        else hall::log::error("upstream: evaluation {}: {}; sent masked", st->column_text(1), opened.error());
      }
      items.push_back({{"uuid", st->column_text(1)},
                       {"ticket", st->column_text(2)},
                       {"service_item", {{"id", st->column_text(3)}, {"name", st->column_text(4)}}},
                       {"window", {{"number", st->column_int(5)}, {"name", st->column_text(6)}}},
                       {"staff", {{"id", st->column_text(7)}, {"name", st->column_text(8)}}},
                       {"score", score},
                       {"level", score_label(score)},
                       {"reasons", Json::parse(st->column_text(10), nullptr, false)},
                       {"phone", phone},
                       {"kiosk_id", st->column_text(12)},
                       {"channel", st->column_text(13)},
                       {"created_at", st->column_text(14)},
                       {"received_at", st->column_text(15)}});
    }
    if (in_flight_.empty()) {
      next_ = now + milliseconds(s_.interval_ms);
      return;
    }
    HttpRequest r;
    r.method = "POST";
    r.url = s_.url;
    r.timeout = milliseconds(s_.timeout_ms);
    r.body = Json{{"source", source_}, {"sent_at", hall::iso_time(c_.now())}, {"evaluations", items}}.dump();
    r.max_response_bytes = 1 << 20;
    http_.start(std::move(r));
  }

 private:
  void handle(const HttpResponse& response, Clock::time_point now) {
    auto& db = c_.store();
    if (!response.ok()) {
      const auto pause = backoff_.fail();
      next_ = now + pause;
      if (backoff_.failures() == 1 || backoff_.failures() % 10 == 0)
        hall::log::warn("upstream {}: {}; {} evaluations wait, retrying in {} ms", s_.url, response.describe(),
                        in_flight_.size(), pause.count());
      if (db.begin()) {
        auto st = db.prepare("UPDATE upstream_outbox SET attempts = attempts + 1, last_error = ?2 WHERE evaluation_id = ?1");
        for (int64_t id : in_flight_)
          if (st) st->bind(1, id).bind(2, response.describe()).run().ok();
        if (!db.commit()) (void)db.rollback();
      }
      return;
    }
    if (backoff_.failures() > 0) hall::log::info("upstream {} accepts again", s_.url);
    backoff_.succeed();
    const std::string now_iso = hall::iso_time(c_.now());
    bool stored = db.begin().ok();
    auto del = db.prepare("DELETE FROM upstream_outbox WHERE evaluation_id = ?1");
    auto mark = db.prepare("UPDATE evaluations SET reported_at = ?2 WHERE id = ?1");
    stored = stored && del && mark;
    for (int64_t id : in_flight_) {
      if (!stored) break;
      stored = del->bind(1, id).run().ok() && mark->bind(1, id).bind(2, now_iso).run().ok();
    }
    if (stored && db.commit()) {
      sent_ += in_flight_.size();
      hall::log::debug("upstream: {} evaluations accepted ({} in all)", in_flight_.size(), sent_);
      // A full batch means more may wait: send again at once.
      next_ = in_flight_.size() >= static_cast<size_t>(s_.batch) ? now : now + milliseconds(s_.interval_ms);
    } else {
      (void)db.rollback();
      hall::log::error("upstream: accepted batch could not be marked; it will be sent again (uuid dedupes)");
      next_ = now + milliseconds(s_.interval_ms);
    }
    in_flight_.clear();
  }

  Controller& c_;
  UpstreamSettings s_;
  std::shared_ptr<const PhoneVault> phones_;
  hall::Backoff backoff_;
  HttpWorker http_;
  std::string source_;
  std::vector<int64_t> in_flight_;
  uint64_t sent_ = 0;
  Clock::time_point next_{};
};

// The outbox row rides in the rating's own transaction: a writer on the
// evaluation bus, on the committer's thread and connection.
hall::Status write_outbox_row(hall::Store& db, const CommittedEvaluation& e) {
  auto st = db.prepared("INSERT INTO upstream_outbox(evaluation_id) VALUES (?1)");
  if (!st) return st.take_error();
  return (*st)->bind(1, e.row_id).run();
}

}  // namespace

void add_upstream_keys(hall::Schema& s) {
  using hall::ValueType;
  s.insert(s.end(), {
      {"upstream.enabled", ValueType::Boolean, false, "forward evaluations to the provincial platform"},
      {"upstream.url", ValueType::String, std::string(""), "endpoint that receives POSTed batches"},
      {"upstream.batch", ValueType::Integer, int64_t{100}, "most evaluations per upstream request", 1, 10000},
      {"upstream.interval_ms", ValueType::Integer, int64_t{2000}, "pause between upstream sends", 10, 3600000},
      {"upstream.timeout_ms", ValueType::Integer, int64_t{5000}, "timeout of one upstream request", 100, 120000},
      {"upstream.backoff_max_ms", ValueType::Integer, int64_t{60000}, "longest pause after failed sends", 100, 3600000},
      {"upstream.mask_phone", ValueType::Boolean, true, "send phone numbers masked (138****5678)"},
      {"upstream.source", ValueType::String, std::string(""), "our name upstream (empty: the hall name)"},
  });
}

UpstreamSettings upstream_settings_from(const hall::Config& c) {
  UpstreamSettings s;
  s.enabled = c.boolean("upstream.enabled");
  s.url = c.str("upstream.url");
  s.batch = static_cast<int>(c.integer("upstream.batch"));
  s.interval_ms = static_cast<int>(c.integer("upstream.interval_ms"));
  s.timeout_ms = static_cast<int>(c.integer("upstream.timeout_ms"));
  s.backoff_max_ms = static_cast<int>(c.integer("upstream.backoff_max_ms"));
  s.mask_phone = c.boolean("upstream.mask_phone");
  s.source = c.str("upstream.source");
  return s;
}

hall::Status install_upstream(Controller& c, EvaluationBus& evaluations, const UpstreamSettings& s,
                              std::shared_ptr<const PhoneVault> phones) {
  if (!s.enabled) return {};
  if (s.url.rfind("http://", 0) != 0 && s.url.rfind("https://", 0) != 0)
    return hall::fail("upstream.url must be an http:// or https:// URL when upstream.enabled is true (got \"" +
                      s.url + "\")");
  evaluations.on_write(write_outbox_row);
  auto up = std::make_shared<Upstream>(c, s, std::move(phones));
  c.every(milliseconds(20), [up] { up->tick(); });
  hall::log::info("upstream reporting to {} in batches of {}", s.url, s.batch);
  return {};
}

}  // namespace controller
