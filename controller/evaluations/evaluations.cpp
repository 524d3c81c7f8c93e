#include "controller/evaluations/evaluations.h"

#include <memory>
#include <unordered_map>

#include "controller/core/controller.h"
#include "controller/evaluations/evaluation_rules.h"
#include "controller/evaluations/evaluation_committer.h"
#include "controller/content/directory.h"
#include "controller/queue/tickets.h"
#include "common/base/log.h"
#include "common/time/iso8601.h"
#include "common/vocab/admin_types.h"
#include "common/access/roles.h"
#include "common/vocab/device_messages.h"
#include "common/wire/uuid.h"
#include "common/time/iso8601.h"

namespace controller {

namespace {
using hall::FieldType;
using hall::Json;

constexpr size_t kMaxPending = 50000;  // beyond this, submits get the retryable "busy"

Json request_id(const hall::Message& m) {
  auto it = m.body.find("id");
  return it == m.body.end() ? Json() : *it;
}

// hall::wire::EvaluationAck, written directly (it is on the hot path): the
// uuid is checked to be hex digits and dashes, and `re` is whatever JSON the
// kiosk sent as "id".
std::string ack_frame(const Json& re, const std::string& uuid, bool duplicate) {
  std::string f = "{\"type\":\"evaluation.ack\",\"uuid\":\"" + uuid + "\",\"duplicate\":";
  f += duplicate ? "true" : "false";
  if (re.is_number_unsigned()) f += ",\"re\":" + std::to_string(re.get<uint64_t>());
  else if (!re.is_null()) f += ",\"re\":" + re.dump();
  f += "}";
  return f;
}

class Evaluations {
 public:
  Evaluations(Controller& c, EvaluationSettings settings, std::shared_ptr<const PhoneVault> phones)
      : c_(c), s_(std::move(settings)), phones_(std::move(phones)), book_(c.store()) {}

  const std::shared_ptr<EvaluationBus>& bus() const { return bus_; }

  hall::Status start() {
    auto st = c_.store().prepare("SELECT 1 FROM evaluations WHERE ticket_id = ?1");
    if (!st) return st.take_error();
    by_ticket_.emplace(std::move(*st));
    auto w = EvaluationCommitter::start(s_, *bus_, c_.store().path(), phones_);
    if (!w) return w.take_error();
    committer_ = std::move(*w);
    return {};
  }

  int wake_fd() const { return committer_->wake_fd(); }

  std::optional<std::string> on_lookup(const Request& r) {
    const auto& m = r.message;
    auto lookup = hall::wire::TicketLookup::from_message(m);
    if (!lookup) return hall::encode_error(&m, lookup.error(), "bad_request");
    const std::string& number = lookup->ticket;
    auto t = book_.find(number);
    if (!t) {
      hall::log::error("ticket lookup {}: {}", number, t.error());
      return hall::encode_error(&m, kStoreUnreadable, "store_error");
    }
    if (auto no = ticket_refusal(number, *t, hall::epoch_ms(c_.now()), s_.window_h))
      return hall::encode_error(&m, no->why, no->code);
    const Ticket& k = **t;
    by_ticket_->bind(1, k.id);
    auto rated = by_ticket_->step();
    by_ticket_->reset();
    if (!rated) return hall::encode_error(&m, kStoreUnreadable, "store_error");
    if (*rated) {
      auto no = already_rated(number);
      return hall::encode_error(&m, no.why, no.code);
    }
    std::string post, photo;
    staff_extras(k.staff_id, post, photo);
    const hall::wire::TicketReply reply{k.number,
                                        {k.service_item_id, k.service_item_name},
                                        {k.window_number, k.window_name},
                                        {k.staff_id, k.staff_name, post, photo},
                                        k.finished_at};
    return hall::encode_reply(m, hall::wire::TicketReply::kType, reply.to_json());
  }

  std::optional<std::string> on_submit(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::wire::EvaluationSubmit::check(m); !s) return hall::encode_error(&m, s.error(), "bad_request");
    // The fields have their JSON types now; score and reasons are checked
    // as JSON (a reason that is not a string is an unknown reason).
    const auto& body = m.body;
    // uuids are compared and stored in their canonical lower-case form.
    std::string uuid = body["uuid"].get<std::string>();
    if (!hall::is_uuid(uuid))
      return hall::encode_error(&m, "\"uuid\" must be an RFC 4122 uuid (8-4-4-4-12 hex digits)", "bad_request");
    for (char& ch : uuid) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const Json re = request_id(m);
    if (pending_.rows.size() >= kMaxPending && !pending_uuid_.count(uuid))
      return hall::encode_error(&m, "the controller is busy; send again shortly", "busy");
    const int64_t score = body["score"].get<int64_t>();
    if (score < 1 || score > 5) return hall::encode_error(&m, "\"score\" must be 1-5", "bad_score");
    std::vector<std::string> reasons;
    for (const auto& reason : body["reasons"]) {
      if (!reason.is_string() || !known_reason(reason.get<std::string>()))
        return hall::encode_error(&m,
                                  "unknown reason " + reason.dump() +
                                      "; known: attitude, efficiency, unclear, multiple_trips, long_wait, "
                                      "facilities, other",
                                  "bad_reason");
      for (const auto& seen : reasons)
        if (seen == reason.get<std::string>())
          return hall::encode_error(&m, "reason \"" + seen + "\" is listed twice", "bad_reason");
      reasons.push_back(reason.get<std::string>());
    }
    // EvaluationSubmit::check has checked every field's type, so the strings
    // are read in place: this is the hot path, and each is copied once below.
    if (!reasons.empty() && score > 2)
      return hall::encode_error(&m, "reasons are only given with a score of 1 or 2", "bad_reason");
    const auto& phone = body["phone"].get_ref<const std::string&>();
    if (!valid_phone(phone)) return hall::encode_error(&m, "\"phone\" must be digits only", "bad_request");
    const auto& kiosk = body["kiosk_id"].get_ref<const std::string&>();
    if (!hall::wire::valid_device_id(kiosk))
      return hall::encode_error(&m, hall::wire::device_id_problem("kiosk_id", kiosk), "bad_request");
    if (auto why = r.impostor(kiosk)) return hall::encode_error(&m, *why, "forbidden");
    const auto& created_at = body["created_at"].get_ref<const std::string&>();
    const auto created_ms = hall::parse_iso_ms(created_at);
    if (!created_ms) {
      // A well-formed time in a year no clock here holds (0001, 9999) is a
      // time out of bounds, not a malformed message.
      if (hall::parse_iso8601(created_at))
        return hall::encode_error(&m, "\"created_at\" " + created_ms.error() + "; set the kiosk's clock right",
                                  "bad_time");
      return hall::encode_error(&m, "\"created_at\" must be an ISO 8601 time with offset", "bad_request");
    }
    const int64_t now_ms = hall::epoch_ms(c_.now());
    if (*created_ms > now_ms + int64_t{s_.clock_skew_s} * 1000)
      return hall::encode_error(&m,
                                "\"created_at\" " + created_at + " is ahead of the controller's clock (" +
                                    hall::iso_time(c_.now()) + "); set the kiosk's clock right",
                                "bad_time");
    if (*created_ms < now_ms - int64_t{s_.max_delay_h} * 3600 * 1000)
      return hall::encode_error(&m,
                                "\"created_at\" " + created_at + " is more than " + std::to_string(s_.max_delay_h) +
                                    " hours before the controller's clock (" + hall::iso_time(c_.now()) +
                                    "); the rating is too old to take, or the kiosk's clock is wrong",
                                "bad_time");
    const std::string reasons_json = reasons.empty() ? "[]" : Json(reasons).dump();
    const auto& ticket = body["ticket"].get_ref<const std::string&>();

    // A uuid already waiting in the next batch is acked with it, when it is
    // the same rating; the same uuid with other content is a conflict.
    if (auto it = pending_uuid_.find(uuid); it != pending_uuid_.end()) {
      const EvaluationRow& q = pending_.rows[it->second];
      if (q.e.ticket != ticket || q.e.score != score || q.reasons != reasons_json || q.e.phone != phone ||
          q.kiosk != kiosk || q.e.created_at != created_at)
        return hall::encode_error(&m, conflict_message(uuid), "conflict");
      pending_waiters_[it->second].push_back({r.peer, re, true});
      return std::nullopt;
    }

    // The checks against the store (known uuid, ticket, one rating per
    // ticket, press filter) run in the committer, inside the batch's transaction.
    pending_uuid_.emplace(uuid, pending_.rows.size());
    pending_waiters_.push_back({{r.peer, re, false}});
    EvaluationRow& p = pending_.rows.emplace_back();
    p.e.uuid = std::move(uuid);
    p.e.ticket = ticket;
    p.e.score = static_cast<int>(score);
    p.e.phone = phone;
    p.e.created_at = created_at;
    p.reasons = reasons_json;
    p.kiosk = kiosk;
    p.created_ms = *created_ms;
    return std::nullopt;
  }

  // Hands the evaluations gathered so far to the committer, unless it is still
  // writing the last batch: then they wait, and the next batch is larger.
  // Runs after every poll turn and whenever the committer hands a batch back.
  void flush() {
    if (pending_.rows.empty() || committer_->busy()) return;
    pending_.received = c_.now();
    committing_waiters_.swap(pending_waiters_);
    pending_waiters_.clear();
    pending_uuid_.clear();
    committer_->submit(std::move(pending_));
    pending_ = {};
  }

  // The committer handed a batch back: it gets the next one at once, then
  // listeners (rankings) hear of the stored rows and every waiting kiosk is
  // answered.
  void written() {
    auto batch = committer_->take();
    if (!batch) return;
    std::vector<std::vector<Waiter>> waiters;
    waiters.swap(committing_waiters_);
    flush();
    uint64_t full = 0, stored = 0;
    for (const auto& p : batch->rows) {
      if (p.code.empty() && !p.duplicate) {
        bus_->committed(p.e);
        ++stored;
      }
      full += p.code == "store_full";
    }
    if (full) c_.store_space(true, full);
    else if (stored && c_.store_full()) c_.store_space(false);
    for (size_t i = 0; i < batch->rows.size(); ++i) {
      const auto& p = batch->rows[i];
      for (const auto& w : waiters[i]) {
        if (!p.code.empty())
          c_.reply(Channel::Device, w.peer, error_frame(w.re, p.why, p.code.c_str(), !hall::retryable(p.code)));
        else
          c_.reply(Channel::Device, w.peer, ack_frame(w.re, p.e.uuid, w.duplicate || p.duplicate));
      }
    }
  }

  std::optional<std::string> on_list(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::check_fields(m, {{"since", FieldType::String, false, 40}, {"limit", FieldType::Integer, false}});
        !s)
      return hall::encode_error(&m, s.error(), "bad_request");
    int64_t since_ms = 0;
    if (m.body.contains("since")) {
      auto ms = hall::parse_iso_ms(m.body["since"].get<std::string>());
      if (!ms)
        return hall::encode_error(&m, "\"since\" must be an ISO time with offset, e.g. 2026-11-27T08:00:00+08:00",
                                  "bad_request");
      since_ms = *ms;
    }
    const int64_t limit = m.body.value("limit", int64_t{20});
    if (limit < 1 || limit > 10000) return hall::encode_error(&m, "\"limit\" must be 1-10000", "bad_request");
    auto st = c_.store().prepare(
        "SELECT uuid, ticket, service_item_name, window_number, staff_name, score, reasons, phone_masked, kiosk_id, "
        "created_at, received_at, coalesce(reported_at, '') FROM evaluations WHERE received_ms >= ?1 "
        "ORDER BY received_ms DESC, id DESC LIMIT ?2");
    if (!st) return hall::encode_error(&m, st.error(), "store_error");
    st->bind(1, since_ms).bind(2, limit);
    Json list = Json::array();
    while (true) {
      auto row = st->step();
      if (!row || !*row) break;
      const int score = static_cast<int>(st->column_int(5));
      list.push_back({{"uuid", st->column_text(0)},
                      {"ticket", st->column_text(1)},
                      {"service_item", st->column_text(2)},
                      {"window", st->column_int(3)},
                      {"staff", st->column_text(4)},
                      {"score", score},
                      {"label", score_label(score)},
                      {"reasons", Json::parse(st->column_text(6), nullptr, false)},
                      {"phone", mask_phone(st->column_text(7))},
                      {"kiosk_id", st->column_text(8)},
                      {"created_at", st->column_text(9)},
                      {"received_at", st->column_text(10)},
                      {"reported_at", st->column_text(11)}});
    }
    int64_t total = 0;
    if (auto c = c_.store().prepare("SELECT count(*) FROM evaluations"); c && c->step().ok()) total = c->column_int(0);
    return hall::encode_reply(m, "evaluations", {{"evaluations", list}, {"total", total}});
  }

 private:
  struct Waiter {
    std::string peer;
    Json re;
    bool duplicate;
  };

  static std::string error_frame(const Json& re, const std::string& message, const char* code, bool permanent) {
    Json f = {{"message", message},
              {"code", code},
              {"permanent", permanent},
              {"request", hall::wire::EvaluationSubmit::kType}};
    if (!re.is_null()) f["re"] = re;
    return hall::encode_message("error", f);
  }

  // Staff post and photo from the content service's directory; empty when
  // the staff member is not in it (the queue feed only knows names).
  void staff_extras(const std::string& staff_id, std::string& post, std::string& photo) {
    auto card = staff_card(c_.store(), staff_id);
    if (!card) {
      hall::log::error("cannot read staff {} from the content store: {}", staff_id, card.error());
      return;
    }
    post = std::move(card->post);
    photo = std::move(card->photo);
  }

  Controller& c_;
  EvaluationSettings s_;
  std::shared_ptr<const PhoneVault> phones_;
  TicketBook book_;
  std::optional<hall::Statement> by_ticket_;
  std::shared_ptr<EvaluationBus> bus_ = std::make_shared<EvaluationBus>();  // outlives the committer
  std::unique_ptr<EvaluationCommitter> committer_;
  // The next batch, and who waits for each of its rows (a resent uuid waits
  // with the row it repeats).
  EvaluationBatch pending_;
  std::vector<std::vector<Waiter>> pending_waiters_;
  std::unordered_map<std::string, size_t> pending_uuid_;
  // Who waits for each row of the batch in the committer.
  std::vector<std::vector<Waiter>> committing_waiters_;
};
}  // namespace

void add_evaluation_keys(hall::Schema& s) {
  using hall::ValueType;
  s.insert(s.end(), {
      {"evaluation.window_h", ValueType::Integer, int64_t{24}, "hours after service during which a ticket may be rated", 1, 24 * 90},
      {"evaluation.min_interval_ms", ValueType::Integer, int64_t{1500}, "press filter: least time between two ratings of one kiosk (0 off)", 0, 600000},
      {"evaluation.batch_max", ValueType::Integer, int64_t{512}, "most evaluations committed in one transaction", 1, 100000},
      {"evaluation.clock_skew_s", ValueType::Integer, int64_t{300}, "a rating's created_at may be this far ahead of the controller's clock or before its ticket's service ended", 0, 86400},
      {"evaluation.max_delay_h", ValueType::Integer, int64_t{720}, "a rating's created_at may be at most this far behind the controller's clock", 1, 24 * 366},
  });
}

EvaluationSettings evaluation_settings_from(const hall::Config& c) {
  EvaluationSettings s;
  s.window_h = static_cast<int>(c.integer("evaluation.window_h"));
  s.min_interval_ms = static_cast<int>(c.integer("evaluation.min_interval_ms"));
  s.batch_max = static_cast<int>(c.integer("evaluation.batch_max"));
  s.clock_skew_s = static_cast<int>(c.integer("evaluation.clock_skew_s"));
  s.max_delay_h = static_cast<int>(c.integer("evaluation.max_delay_h"));
  return s;
}

hall::Result<std::shared_ptr<EvaluationBus>> install_evaluations(Controller& c, const EvaluationSettings& settings,
                                                                std::shared_ptr<const PhoneVault> phones) {
  auto svc = std::make_shared<Evaluations>(c, settings, std::move(phones));
  if (auto s = svc->start(); !s) return s.take_error();
  c.handle(Channel::Device, hall::wire::TicketLookup::kType, hall::wire::kKiosks, [svc](const Request& r) { return svc->on_lookup(r); });
  c.handle(Channel::Device, hall::wire::EvaluationSubmit::kType, hall::wire::kKiosks, [svc](const Request& r) { return svc->on_submit(r); });
  c.handle(Channel::Admin, hall::wire::admin::kEvaluationsList, hall::wire::kReaders, [svc](const Request& r) { return svc->on_list(r); });
  c.every(std::chrono::milliseconds(0), [svc] { svc->flush(); });
  c.watch(svc->wake_fd(), [svc] { svc->written(); });
  return svc->bus();
}

}  // namespace controller
