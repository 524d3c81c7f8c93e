#include "controller/upstream/upstream.h"

#include <filesystem>
#include <memory>

#include "common/access/roles.h"
#include "common/base/log.h"
#include "common/time/iso8601.h"
#include "common/vocab/admin_types.h"
#include "common/wire/backoff.h"
#include "controller/core/audit.h"
#include "controller/core/controller.h"
#include "controller/core/http_worker.h"
#include "controller/evaluations/evaluation_bus.h"
#include "controller/evaluations/evaluation_rules.h"
#include "controller/upstream/upstream_mapping.h"

namespace controller {

namespace {
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using hall::Json;

// What every record's source fields are read from: the rating, its ticket,
// the standard of its service item, its window's department (or the
// standard's). Columns 0-23, then the outbox key at 24, then a
// rectification's case columns at 25-31.
constexpr const char* kSourceColumns =
    "e.id, e.uuid, e.ticket, COALESCE(t.day, substr(e.created_at, 1, 10)), e.service_item_id, e.service_item_name, "
    "COALESCE(s.code, ''), COALESCE(s.name, e.service_item_name), COALESCE(s.version, ''), "
    "COALESCE(NULLIF(w.department, ''), s.department, ''), COALESCE(d.name, ''), e.window_number, e.window_name, "
    "e.staff_id, e.staff_name, e.score, e.reasons, e.phone, e.phone_masked, e.kiosk_id, e.channel, e.created_at, "
    "e.received_at, COALESCE(t.finished_at, '')";
constexpr const char* kSourceJoins =
    " LEFT JOIN tickets t ON t.id = e.ticket_id LEFT JOIN content_standards s ON s.id = e.service_item_id "
    "LEFT JOIN content_windows w ON w.number = e.window_number "
    "LEFT JOIN content_departments d ON d.id = COALESCE(NULLIF(w.department, ''), s.department) ";
constexpr int kKeyColumn = 24;

const std::string& evaluation_query() {
  static const std::string q = std::string("SELECT ") + kSourceColumns + ", o.evaluation_id" +
                               " FROM upstream_outbox o JOIN evaluations e ON e.id = o.evaluation_id" + kSourceJoins +
                               "ORDER BY o.evaluation_id LIMIT ?1";
  return q;
}
const std::string& rectification_query() {
  static const std::string q =
      std::string("SELECT ") + kSourceColumns +
      ", o.case_id, c.state, c.opened_at, c.deadline, c.action_taken, c.callback_result, c.reject_reason, "
      "c.closed_at FROM upstream_case_outbox o JOIN cases c ON c.id = o.case_id "
      "JOIN evaluations e ON e.uuid = c.evaluation_uuid" +
      kSourceJoins + "ORDER BY o.case_id LIMIT ?1";
  return q;
}

struct Kind {
  UpstreamRecord record;
  const char* outbox;   // its table
  const char* id;       // its key column
  const char* marked;   // UPDATE that says a row was accepted (?1 id, ?2 time)
  const char* list;     // the envelope's list name
  const char* noun;
};
const Kind kEvaluations{UpstreamRecord::Evaluation, "upstream_outbox", "evaluation_id",
                        "UPDATE evaluations SET reported_at = ?2 WHERE id = ?1", "evaluations", "evaluations"};
const Kind kRectifications{UpstreamRecord::Rectification, "upstream_case_outbox", "case_id",
                           "UPDATE cases SET reported_at = ?2 WHERE id = ?1", "rectifications",
                           "rectification records"};

class Upstream {
 public:
  Upstream(Controller& c, UpstreamSettings settings, UpstreamMapping mapping, std::shared_ptr<const PhoneVault> phones)
      : c_(c), s_(std::move(settings)), mapping_(std::move(mapping)), phones_(std::move(phones)),
        backoff_(milliseconds(std::min(s_.interval_ms, 1000)), milliseconds(s_.backoff_max_ms), hall::kRetryJitter) {
    source_ = s_.source.empty() ? c.hall_name() : s_.source;
  }

  void tick() {
    const auto now = Clock::now();
    if (auto response = http_.take()) return handle(*response, now);
    if (http_.busy() || now < next_) return;
    // Ratings first; 整改 records once no rating waits, so a rectification
    // never reaches the platform before the rating it answers.
    if (!send(kEvaluations) && (mapping_.rectification.empty() || !send(kRectifications)))
      next_ = now + milliseconds(s_.interval_ms);
  }

 private:
  // Where `kind` goes: rectifications to upstream.rectification_url when set.
  const std::string& url_of(const Kind& kind) const {
    return kind.record == UpstreamRecord::Evaluation || s_.rectification_url.empty() ? s_.url : s_.rectification_url;
  }

  // Starts a POST of the next batch of `kind`; false when none waits.
  bool send(const Kind& kind) {
    in_flight_.clear();
    kind_ = &kind;
    const bool evaluation = kind.record == UpstreamRecord::Evaluation;
    auto st = c_.store().prepare(evaluation ? evaluation_query() : rectification_query());
    if (!st) {
      hall::log::error("upstream: {}", st.error());
      return false;
    }
    st->bind(1, int64_t{s_.batch});
    Json items = Json::array();
    while (true) {
      auto row = st->step();
      if (!row) hall::log::error("upstream: cannot read the {}: {}", kind.outbox, row.error());
      if (!row || !*row) break;
      in_flight_.push_back(st->column_int(kKeyColumn));
      items.push_back(mapping_.map(kind.record, sources(*st, evaluation)));
    }
    if (in_flight_.empty()) return false;
    HttpRequest r;
    r.method = "POST";
    r.url = url_of(kind);
    r.timeout = milliseconds(s_.timeout_ms);
    r.body = Json{{"source", source_}, {"sent_at", hall::iso_time(c_.now())}, {kind.list, items}}.dump();
    r.max_response_bytes = 1 << 20;
    http_.start(std::move(r));
    return true;
  }

  // The source fields of the row `st` stands on (docs/evaluations.md).
  Json sources(const hall::Statement& st, bool evaluation) const {
    const std::string day = st.column_text(3);
    std::string date;
    for (char ch : day)
      if (ch != '-') date += ch;
    const int score = static_cast<int>(st.column_int(15));
    Json reasons = Json::parse(st.column_text(16), nullptr, false);
    if (!reasons.is_array()) reasons = Json::array();
    std::string reasons_text;
    for (const auto& r : reasons)
      if (r.is_string()) reasons_text += (reasons_text.empty() ? "" : "、") + reason_label(r.get<std::string>());
    std::string phone = st.column_text(18);
    if (!s_.mask_phone && !st.column_text(17).empty()) {  // '': none given, or purged
      if (auto opened = phones_->open_sealed(st.column_text(17))) phone = std::move(*opened);
      else hall::log::error("upstream: evaluation {}: {}; sent masked", st.column_text(1), opened.error());
    }
    Json j = {{"uuid", st.column_text(1)},
              {"ticket", st.column_text(2)},
              {"ticket_day", day},
              {"ticket_date", date},
              {"case_number", date + "-" + st.column_text(2)},
              {"service_item.id", st.column_text(4)},
              {"service_item.name", st.column_text(5)},
              {"standard.code", st.column_text(6)},
              {"standard.name", st.column_text(7)},
              {"standard.version", st.column_text(8)},
              {"department.id", st.column_text(9)},
              {"department.name", st.column_text(10)},
              {"region", s_.region},
              {"window.number", st.column_int(11)},
              {"window.name", st.column_text(12)},
              {"staff.id", st.column_text(13)},
              {"staff.name", st.column_text(14)},
              {"score", score},
              {"level", score_label(score)},
              {"reasons", reasons},
              {"reasons_text", reasons_text},
              {"phone", phone},
              {"kiosk_id", st.column_text(19)},
              {"channel", st.column_text(20)},
              {"created_at", st.column_text(21)},
              {"received_at", st.column_text(22)},
              {"finished_at", st.column_text(23)},
              {"source", source_}};
    if (!evaluation) {
      j["case.id"] = st.column_int(kKeyColumn);
      j["case.state"] = st.column_text(kKeyColumn + 1);
      j["case.opened_at"] = st.column_text(kKeyColumn + 2);
      j["case.deadline"] = st.column_text(kKeyColumn + 3);
      j["case.action_taken"] = st.column_text(kKeyColumn + 4);
      j["case.callback_result"] = st.column_text(kKeyColumn + 5);
      j["case.reject_reason"] = st.column_text(kKeyColumn + 6);
      j["case.closed_at"] = st.column_text(kKeyColumn + 7);
    }
    return j;
  }

  void handle(const HttpResponse& response, Clock::time_point now) {
    auto& db = c_.store();
    const Kind& kind = *kind_;
    const std::string table = kind.outbox, key = kind.id;
    if (!response.ok()) {
      const auto pause = backoff_.fail();
      next_ = now + pause;
      if (backoff_.failures() == 1 || backoff_.failures() % 10 == 0)
        hall::log::warn("upstream {}: {}; {} {} wait, retrying in {} ms", url_of(kind), response.describe(),
                        in_flight_.size(), kind.noun, pause.count());
      if (db.begin()) {
        auto st = db.prepare("UPDATE " + table + " SET attempts = attempts + 1, last_error = ?2 WHERE " + key + " = ?1");
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
    auto del = db.prepare("DELETE FROM " + table + " WHERE " + key + " = ?1");
    auto mark = db.prepare(kind.marked);
    stored = stored && del && mark;
    for (int64_t id : in_flight_) {
      if (!stored) break;
      stored = del->bind(1, id).run().ok() && mark->bind(1, id).bind(2, now_iso).run().ok();
    }
    if (stored && db.commit()) {
      sent_ += in_flight_.size();
      hall::log::debug("upstream: {} {} accepted ({} records in all)", in_flight_.size(), kind.noun, sent_);
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
  UpstreamMapping mapping_;
  std::shared_ptr<const PhoneVault> phones_;
  hall::Backoff backoff_;
  HttpWorker http_;
  std::string source_;
  std::vector<int64_t> in_flight_;
  const Kind* kind_ = &kEvaluations;  // of in_flight_
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

// The 整改 record's row rides in the transaction that closes the case; a
// rating never sent (stored before upstream was on) is queued with it, so
// the platform hears of the rating first.
hall::Status write_case_outbox_row(hall::Store& db, int64_t case_id) {
  auto rating = db.prepared(
      "INSERT OR IGNORE INTO upstream_outbox(evaluation_id) SELECT e.id FROM cases c JOIN evaluations e "
      "ON e.uuid = c.evaluation_uuid WHERE c.id = ?1 AND e.reported_at IS NULL");
  if (!rating) return rating.take_error();
  if (auto s = (*rating)->bind(1, case_id).run(); !s) return s;
  auto st = db.prepared("INSERT OR IGNORE INTO upstream_case_outbox(case_id) VALUES (?1)");
  if (!st) return st.take_error();
  return (*st)->bind(1, case_id).run();
}

// --since of hallctl upstream backfill: a hall-time date ("2026-11-01",
// from 00:00) or date and time ("2026-11-01 08:30", "2026-11-01T08:30:00",
// with or without a UTC offset), not in the future.
hall::Result<hall::SystemTime> parse_since(const std::string& text, hall::SystemTime now) {
  using namespace std::chrono;
  const std::string forms = "write a hall-time date or date and time, e.g. \"2026-11-01\" or \"2026-11-01 08:30\"";
  hall::SystemTime at;
  if (text.size() == 10) {
    auto d = hall::parse_date(text);
    if (!d) return hall::fail("--since \"" + text + "\": " + d.error() + "; " + forms);
    at = hall::day_start(*d);
  } else {
    auto t = hall::parse_iso8601(text, {.seconds_optional = true, .offset_optional = true});
    if (!t) return hall::fail("--since: " + t.error() + "; " + forms);
    if (t->date.year() < year{2000} || t->date.year() > year{2200})
      return hall::fail("--since \"" + text + "\" is not a plausible time (years 2000-2200); " + forms);
    at = t->utc_offset ? hall::SystemTime{hall::to_sys_time(*t)}
                       : hall::from_local(local_days{t->date} + t->time_of_day);
  }
  if (at > now)
    return hall::fail("--since \"" + text + "\" is in the future (now is " + hall::iso_time(now) +
                      "); give the time upstream reporting should start from");
  return at;
}

std::optional<std::string> on_backfill(Controller& c, const UpstreamSettings& s, bool rectifications,
                                       const Request& r) {
  using hall::FieldType;
  const auto& m = r.message;
  if (auto st = hall::check_fields(m, {{"since", FieldType::String, true, 64}, {"by", FieldType::String, false, 64}});
      !st)
    return hall::encode_error(&m, st.error(), "bad_request");
  if (!s.enabled)
    return hall::encode_error(&m,
                              "upstream reporting is off; set upstream.enabled = true and upstream.url in the "
                              "controller's config, restart it, then run the backfill",
                              "upstream_off");
  const std::string since_text = m.body["since"];
  auto since = parse_since(since_text, c.now());
  if (!since) return hall::encode_error(&m, since.error(), "bad_request");
  const int64_t since_ms = hall::epoch_ms(*since);
  const std::string by = r.actor("by"), at = hall::iso_time(c.now());
  auto& db = c.store();
  int64_t counts[4] = {0, 0, 0, 0};  // ratings queued, skipped; rectifications queued, skipped
  auto count = [&](const char* sql) -> hall::Result<int64_t> {
    auto st = db.prepare(sql);
    if (!st) return st.take_error();
    st->bind(1, since_ms);
    auto row = st->step();
    if (!row) return row.take_error();
    return st->column_int(0);
  };
  auto queue = [&](const char* sql) -> hall::Result<int64_t> {
    auto st = db.prepare(sql);
    if (!st) return st.take_error();
    if (auto done = st->bind(1, since_ms).run(); !done) return done.take_error();
    return int64_t{db.changes()};
  };
  hall::Status done = db.begin();
  if (done) {
    // Ratings since T neither accepted upstream (reported_at) nor waiting.
    auto all = count("SELECT count(*) FROM evaluations WHERE created_ms >= ?1");
    auto queued = all ? queue("INSERT INTO upstream_outbox(evaluation_id) SELECT e.id FROM evaluations e "
                              "WHERE e.created_ms >= ?1 AND e.reported_at IS NULL AND NOT EXISTS "
                              "(SELECT 1 FROM upstream_outbox o WHERE o.evaluation_id = e.id) ORDER BY e.id")
                      : hall::Result<int64_t>(all.take_error());
    if (!queued) done = queued.take_error();
    else counts[0] = *queued, counts[1] = *all - *queued;
  }
  if (done && rectifications) {
    // Closed cases about those ratings, likewise.
    auto all = count("SELECT count(*) FROM cases c JOIN evaluations e ON e.uuid = c.evaluation_uuid "
                     "WHERE c.state = 'closed' AND e.created_ms >= ?1");
    auto queued = all ? queue("INSERT INTO upstream_case_outbox(case_id) SELECT c.id FROM cases c JOIN evaluations e "
                              "ON e.uuid = c.evaluation_uuid WHERE c.state = 'closed' AND e.created_ms >= ?1 AND "
                              "c.reported_at = '' AND NOT EXISTS (SELECT 1 FROM upstream_case_outbox o "
                              "WHERE o.case_id = c.id) ORDER BY c.id")
                      : hall::Result<int64_t>(all.take_error());
    if (!queued) done = queued.take_error();
    else counts[2] = *queued, counts[3] = *all - *queued;
  }
  const std::string since_iso = hall::iso_time(*since);
  if (done)
    done = write_audit(db, {at, by, "upstream", "upstream.backfill", "",
                            std::to_string(counts[0]) + " ratings, " + std::to_string(counts[2]) +
                                " rectifications queued",
                            "since " + since_iso + "; skipped " + std::to_string(counts[1]) + " ratings, " +
                                std::to_string(counts[3]) + " rectifications already sent or waiting"});
  if (done) done = db.commit();
  if (!done) {
    (void)db.rollback();
    return hall::encode_error(&m, "nothing was queued: " + done.error(), "store_error");
  }
  hall::log::info("upstream backfill since {} by {}: {} ratings and {} rectifications queued, {} and {} skipped",
                  since_iso, by, counts[0], counts[2], counts[1], counts[3]);
  return hall::encode_reply(m, "upstream.backfilled",
                            {{"since", since_iso},
                             {"evaluations", {{"queued", counts[0]}, {"skipped", counts[1]}}},
                             {"rectifications", {{"queued", counts[2]}, {"skipped", counts[3]}}}});
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
      {"upstream.region", ValueType::String, std::string(""), "行政区划代码 of the hall, e.g. 330203 (source field region)"},
      {"upstream.mapping_file", ValueType::String, std::string(""),
       "field mapping of upstream records, relative to this file's folder (empty: built-in, config/upstream-mapping.toml)"},
      {"upstream.rectification_url", ValueType::String, std::string(""),
       "endpoint for 整改 records of closed cases (empty: upstream.url)"},
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
  s.region = c.str("upstream.region");
  s.rectification_url = c.str("upstream.rectification_url");
  s.mapping_file = c.str("upstream.mapping_file");
  s.mapping_path = c.beside_file(s.mapping_file);
  return s;
}

hall::Status install_upstream(Controller& c, EvaluationBus& evaluations, const UpstreamSettings& s,
                              std::shared_ptr<const PhoneVault> phones) {
  auto mapping = load_upstream_mapping(s.mapping_path);
  if (!mapping && s.enabled) return hall::fail(mapping.error());
  if (!mapping) {  // unused while upstream is off; said now so it is fixed before
    hall::log::warn("{}; fix it before setting upstream.enabled = true", mapping.error());
    mapping = load_upstream_mapping("");
    if (!mapping) return hall::fail(mapping.error());
  }
  if (s.region.find_first_not_of("0123456789") != std::string::npos ||
      (!s.region.empty() && s.region.size() != 6 && s.region.size() != 9 && s.region.size() != 12))
    return hall::fail("upstream.region must be the hall's 行政区划代码: 6, 9 or 12 digits such as \"330203\" (got \"" +
                        s.region + "\")");
  const bool rectifications = !mapping->rectification.empty();
  c.handle(Channel::Admin, hall::wire::admin::kUpstreamBackfill, hall::wire::kManagers | hall::wire::kAdmins,
           [&c, s, rectifications](const Request& r) { return on_backfill(c, s, rectifications, r); });
  if (!s.enabled) return {};
  if (s.url.rfind("http://", 0) != 0 && s.url.rfind("https://", 0) != 0)
    return hall::fail("upstream.url must be an http:// or https:// URL when upstream.enabled is true (got \"" +
                      s.url + "\")");
  if (!s.rectification_url.empty() && s.rectification_url.rfind("http://", 0) != 0 &&
      s.rectification_url.rfind("https://", 0) != 0)
    return hall::fail("upstream.rectification_url must be an http:// or https:// URL, or \"\" for upstream.url (got \"" +
                      s.rectification_url + "\")");
  evaluations.on_write(write_outbox_row);
  if (rectifications) evaluations.on_case_closed(write_case_outbox_row);
  const std::string file = mapping->file;
  auto up = std::make_shared<Upstream>(c, s, std::move(*mapping), std::move(phones));
  c.every(milliseconds(20), [up] { up->tick(); });
  hall::log::info("upstream reporting to {} in batches of {}, fields mapped by {}", s.url, s.batch, file);
  return {};
}

}  // namespace controller
