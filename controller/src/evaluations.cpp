#include "controller/evaluations.h"

#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "controller/controller.h"
#include "controller/evaluation_rules.h"
#include "controller/tickets.h"
#include "controller/timestamps.h"
#include "hall/log.h"
#include "hall/uuid.h"

namespace controller {

namespace {
using hall::FieldType;
using hall::Json;

constexpr size_t kMaxPending = 50000;  // beyond this, submits get the retryable "busy"

Json request_id(const hall::Message& m) {
  auto it = m.body.find("id");
  return it == m.body.end() ? Json() : *it;
}

std::string error_reply(const hall::Message& m, const std::string& message, const char* code, bool permanent) {
  Json f = {{"message", message}, {"code", code}, {"permanent", permanent}, {"request", m.type}};
  if (auto id = request_id(m); !id.is_null()) f["re"] = id;
  return hall::encode_message("error", f);
}

// Written directly (it is on the hot path): the uuid is checked to be hex
// digits and dashes, and `re` is whatever JSON the kiosk sent as "id".
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
  explicit Evaluations(Controller& c) : c_(c), s_(c.settings().evaluation), book_(c.store()) {
    upstream_ = c.settings().upstream.enabled;
  }

  hall::Status prepare() {
    auto& db = c_.store();
    auto a = db.prepare("SELECT 1 FROM evaluations WHERE uuid = ?1");
    auto b = db.prepare("SELECT 1 FROM evaluations WHERE ticket_id = ?1");
    auto d = db.prepare(
        "SELECT 1 FROM evaluations WHERE kiosk_id = ?1 AND created_ms > ?2 - ?3 AND created_ms < ?2 + ?3 LIMIT 1");
    auto e = db.prepare(
        "INSERT INTO evaluations(uuid, ticket_id, ticket, service_item_id, service_item_name, window_number, "
        "window_name, staff_id, staff_name, score, reasons, phone, kiosk_id, created_at, created_ms, "
        "received_at, received_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
        "?16, ?17)");
    auto f = db.prepare("INSERT INTO upstream_outbox(evaluation_id) VALUES (?1)");
    for (auto* st : {&a, &b, &d, &e, &f})
      if (!*st) return st->take_error();
    by_uuid_.emplace(std::move(*a));
    by_ticket_.emplace(std::move(*b));
    press_.emplace(std::move(*d));
    insert_.emplace(std::move(*e));
    outbox_.emplace(std::move(*f));
    return {};
  }

  std::optional<std::string> on_lookup(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::check_fields(m, {{"ticket", FieldType::String, true, 16}}); !s)
      return hall::encode_error(&m, s.error(), "bad_request");
    const auto number = m.body["ticket"].get<std::string>();
    auto t = book_.find(number);
    if (!t) {
      hall::log::error("ticket lookup {}: {}", number, t.error());
      return hall::encode_error(&m, "the controller could not read its store; try again", "store_error");
    }
    std::string code, why;
    if (!check_ticket(number, *t, code, why)) return hall::encode_error(&m, why, code);
    const Ticket& k = **t;
    std::string post, photo;
    staff_extras(k.staff_id, post, photo);
    return hall::encode_reply(
        m, "ticket",
        {{"ticket", k.number},
         {"service_item", {{"id", k.service_item_id}, {"name", k.service_item_name}}},
         {"window", {{"number", k.window_number}, {"name", k.window_name}}},
         {"staff", {{"id", k.staff_id}, {"name", k.staff_name}, {"post", post}, {"photo", photo}}},
         {"finished_at", k.finished_at}});
  }

  std::optional<std::string> on_submit(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::check_fields(m, {{"uuid", FieldType::String, true, 36},
                                        {"ticket", FieldType::String, true, 16},
                                        {"score", FieldType::Integer, true},
                                        {"reasons", FieldType::Array, true, 7},
                                        {"phone", FieldType::String, true, 20},
                                        {"kiosk_id", FieldType::String, true, 64},
                                        {"created_at", FieldType::String, true, 40}});
        !s)
      return error_reply(m, s.error(), "bad_request", true);
    const auto& b = m.body;
    const auto& uuid = b["uuid"].get_ref<const std::string&>();
    if (!hall::is_uuid(uuid))
      return error_reply(m, "\"uuid\" must be an RFC 4122 uuid (8-4-4-4-12 hex digits)", "bad_request", true);
    const Json re = request_id(m);

    // A uuid already waiting in this turn's batch is acked with it.
    if (auto it = pending_uuid_.find(uuid); it != pending_uuid_.end()) {
      pending_[it->second].waiters.push_back({r.peer, re, true});
      return std::nullopt;
    }
    if (pending_.size() >= kMaxPending)
      return error_reply(m, "the controller is busy; send again shortly", "busy", false);
    const int64_t score = b["score"].get<int64_t>();
    if (score < 1 || score > 5) return error_reply(m, "\"score\" must be 1-5", "bad_score", true);
    std::vector<std::string> reasons;
    for (const auto& reason : b["reasons"]) {
      if (!reason.is_string() || !known_reason(reason.get<std::string>()))
        return error_reply(m, "unknown reason " + reason.dump() + "; known: attitude, efficiency, unclear, "
                              "multiple_trips, long_wait, facilities, other", "bad_reason", true);
      for (const auto& seen : reasons)
        if (seen == reason.get<std::string>())
          return error_reply(m, "reason \"" + seen + "\" is listed twice", "bad_reason", true);
      reasons.push_back(reason.get<std::string>());
    }
    if (!reasons.empty() && score > 2)
      return error_reply(m, "reasons are only given with a score of 1 or 2", "bad_reason", true);
    const auto& phone = b["phone"].get_ref<const std::string&>();
    if (!valid_phone(phone)) return error_reply(m, "\"phone\" must be digits only", "bad_request", true);
    const auto& kiosk = b["kiosk_id"].get_ref<const std::string&>();
    if (kiosk.empty()) return error_reply(m, "\"kiosk_id\" must not be empty", "bad_request", true);
    const auto& created_at = b["created_at"].get_ref<const std::string&>();
    const auto created_ms = parse_iso_ms(created_at);
    if (!created_ms)
      return error_reply(m, "\"created_at\" must be an ISO 8601 time with offset", "bad_request", true);

    // The checks against the store (known uuid, ticket, one rating per
    // ticket, press filter) run in flush(), inside the batch's transaction.
    pending_uuid_.emplace(uuid, pending_.size());
    Pending& p = pending_.emplace_back();
    p.e.uuid = uuid;
    p.e.ticket = b["ticket"].get<std::string>();
    p.e.score = static_cast<int>(score);
    p.e.phone = phone;
    p.e.created_at = created_at;
    p.reasons = reasons.empty() ? "[]" : Json(reasons).dump();
    p.kiosk = kiosk;
    p.created_ms = *created_ms;
    p.waiters.push_back({r.peer, re, false});
    return std::nullopt;
  }

  // Checks and commits the pending batch in transactions of at most
  // batch_max, then answers every waiting kiosk. Runs after every poll turn.
  void flush() {
    if (pending_.empty()) return;
    // The two vectors trade places and keep their capacity, so a busy loop
    // does not grow and free a batch's worth of memory on every turn.
    std::vector<Pending>& batch = batch_;
    batch.swap(pending_);
    pending_uuid_.clear();
    // received_at: the controller's clock for the loop turn that took them in.
    const auto now = c_.now();
    received_at_ = hall::iso_time(now);
    received_ms_ = hall::epoch_ms(now);
    const size_t step = static_cast<size_t>(s_.batch_max);
    for (size_t from = 0; from < batch.size(); from += step) {
      const size_t to = std::min(batch.size(), from + step);
      auto s = commit(batch, from, to);
      if (!s) hall::log::error("could not commit {} evaluations (kiosks will resend): {}", to - from, s.error());
      for (size_t i = from; i < to; ++i) {
        const auto& p = batch[i];
        for (const auto& w : p.waiters) {
          if (!s) {
            c_.reply(Channel::Device, w.peer, error_frame(w.re, kStoreFailed, "store_error", false));
          } else if (!p.code.empty()) {
            c_.reply(Channel::Device, w.peer, error_frame(w.re, p.why, p.code.c_str(), p.code != "store_error"));
          } else {
            c_.reply(Channel::Device, w.peer, ack_frame(w.re, p.e.uuid, w.duplicate || p.duplicate));
          }
        }
      }
      committed_ += s ? to - from : 0;
    }
    batch.clear();
  }

  std::optional<std::string> on_list(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::check_fields(m, {{"since", FieldType::String, false, 40}, {"limit", FieldType::Integer, false}});
        !s)
      return hall::encode_error(&m, s.error(), "bad_request");
    int64_t since_ms = 0;
    if (m.body.contains("since")) {
      auto ms = parse_iso_ms(m.body["since"].get<std::string>());
      if (!ms)
        return hall::encode_error(&m, "\"since\" must be an ISO time with offset, e.g. 2026-11-27T08:00:00+08:00",
                                  "bad_request");
      since_ms = *ms;
    }
    const int64_t limit = std::clamp<int64_t>(m.body.value("limit", int64_t{20}), 1, 10000);
    auto st = c_.store().prepare(
        "SELECT uuid, ticket, service_item_name, window_number, staff_name, score, reasons, phone, kiosk_id, "
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
  struct Pending {
    // As the kiosk sent it; check() adds the window and the staff member
    // from the ticket. The hooks get it as it is.
    CommittedEvaluation e;
    int64_t ticket_id = 0;
    std::string service_item_id, service_item_name;  // from the ticket
    bool duplicate = false;  // the uuid was already stored
    std::string code, why;   // set when refused during the batch
    std::string reasons, kiosk;
    int64_t created_ms = 0;
    std::vector<Waiter> waiters;
  };

  static constexpr const char* kStoreFailed =
      "the controller could not store this evaluation; it will be accepted when sent again";

  static std::string error_frame(const Json& re, const std::string& message, const char* code, bool permanent) {
    Json f = {{"message", message}, {"code", code}, {"permanent", permanent}, {"request", "evaluation.submit"}};
    if (!re.is_null()) f["re"] = re;
    return hall::encode_message("error", f);
  }

  // The ticket may be rated now; otherwise `code` and `why` say why not.
  bool check_ticket(const std::string& number, const std::optional<Ticket>& t, std::string& code, std::string& why) {
    if (!t) {
      code = "not_found";
      why = "no ticket " + number + " is known; check the number printed on the ticket";
      return false;
    }
    if (t->state != "finished") {
      code = "not_served";
      why = "ticket " + number + (t->state == "no_show" ? " was not served (no-show)" : " has not been served yet");
      return false;
    }
    const int64_t now_ms = hall::epoch_ms(c_.now());
    if (t->finished_ms < now_ms - int64_t{s_.window_h} * 3600 * 1000) {
      code = "expired";
      why = "ticket " + number + " was served more than " + std::to_string(s_.window_h) +
            " hours ago; it can no longer be rated";
      return false;
    }
    bool rated = batch_tickets_.count(t->id) > 0;
    if (!rated) {
      by_ticket_->bind(1, t->id);
      auto row = by_ticket_->step();
      by_ticket_->reset();
      if (!row) {
        code = "store_error";
        why = "the controller could not read its store; try again";
        return false;
      }
      rated = *row;
    }
    if (rated) {
      code = "already_rated";
      why = "ticket " + number + " has already been rated; one rating per service";
      return false;
    }
    return true;
  }

  bool too_fast(const std::string& kiosk, int64_t created_ms) {
    const int64_t gap = s_.min_interval_ms;
    if (auto it = batch_kiosk_.find(kiosk); it != batch_kiosk_.end())
      for (int64_t t : it->second)
        if (t > created_ms - gap && t < created_ms + gap) return true;
    press_->bind(1, kiosk).bind(2, created_ms).bind(3, gap);
    auto row = press_->step();
    press_->reset();
    return row && *row;
  }

  // Staff post and photo from the content store (content_staff, filled by
  // `hallctl content import`); empty when the staff member is not in it —
  // the queue feed only knows names.
  void staff_extras(const std::string& staff_id, std::string& post, std::string& photo) {
    if (staff_id.empty()) return;
    auto st = c_.store().prepare("SELECT post, photo FROM content_staff WHERE id = ?1");
    if (!st) {
      hall::log::error("cannot read staff {} from the content store: {}", staff_id, st.error());
      return;
    }
    st->bind(1, staff_id);
    if (auto row = st->step(); row && *row) {
      post = st->column_text(0);
      photo = st->column_text(1);
    }
  }

  // One transaction: checks each evaluation against the store and the rows
  // already in this batch, inserts the good ones (and their upstream outbox
  // rows), commits. Refusals are noted in the Pending for the reply.
  hall::Status commit(std::vector<Pending>& batch, size_t from, size_t to) {
    auto& db = c_.store();
    if (auto s = db.begin(); !s) return s;
    batch_tickets_.clear();
    batch_kiosk_.clear();
    batch_uuids_.clear();
    for (size_t i = from; i < to; ++i) {
      auto& p = batch[i];
      p.code.clear();
      p.duplicate = false;
      if (auto s = check(p); !s) {
        (void)db.rollback();
        return s;
      }
      if (!p.code.empty() || p.duplicate) continue;
      // Bound without copies: `p` and received_at_ outlive the run().
      const auto& e = p.e;
      insert_->bind_view(1, e.uuid).bind(2, p.ticket_id).bind_view(3, e.ticket).bind_view(4, p.service_item_id)
          .bind_view(5, p.service_item_name).bind(6, e.window_number).bind_view(7, e.window_name)
          .bind_view(8, e.staff_id).bind_view(9, e.staff_name).bind(10, int64_t{e.score}).bind_view(11, p.reasons)
          .bind_view(12, e.phone).bind_view(13, p.kiosk).bind_view(14, e.created_at).bind(15, p.created_ms)
          .bind_view(16, received_at_).bind(17, received_ms_);
      auto s = insert_->run();
      if (s && upstream_) {
        outbox_->bind(1, db.last_insert_rowid());
        s = outbox_->run();
      }
      if (s) s = c_.evaluation_written(p.e);
      if (!s) {
        insert_->reset();
        outbox_->reset();
        (void)db.rollback();
        return s;
      }
      batch_tickets_.insert(p.ticket_id);
      batch_kiosk_[p.kiosk].push_back(p.created_ms);
      batch_uuids_.insert(e.uuid);
    }
    auto done = db.commit();
    if (!done) {
      (void)db.rollback();
      return done;
    }
    for (size_t i = from; i < to; ++i) {
      const auto& p = batch[i];
      if (!p.code.empty() || p.duplicate) continue;
      c_.evaluation_committed(p.e);
    }
    return done;
  }

  // Sets p.duplicate, or p.code/p.why for a refusal; an Error only when the
  // store cannot be read.
  hall::Status check(Pending& p) {
    if (batch_uuids_.count(p.e.uuid)) {
      p.duplicate = true;
      return {};
    }
    by_uuid_->bind_view(1, p.e.uuid);
    auto known = by_uuid_->step();
    by_uuid_->reset();
    if (!known) return known.take_error();
    if (*known) {
      p.duplicate = true;
      return {};
    }
    auto t = book_.find(p.e.ticket);
    if (!t) return t.take_error();
    if (!check_ticket(p.e.ticket, *t, p.code, p.why)) {
      if (p.code == "store_error") return hall::fail(p.why);
      return {};
    }
    Ticket& k = **t;
    p.ticket_id = k.id;
    p.service_item_id = std::move(k.service_item_id);
    p.service_item_name = std::move(k.service_item_name);
    p.e.window_number = k.window_number;
    p.e.window_name = std::move(k.window_name);
    p.e.staff_id = std::move(k.staff_id);
    p.e.staff_name = std::move(k.staff_name);
    if (s_.min_interval_ms > 0 && too_fast(p.kiosk, p.created_ms)) {
      p.code = "too_fast";
      p.why = "kiosk " + p.kiosk + " rated again within " + std::to_string(s_.min_interval_ms) +
              " ms of its previous rating; presses that fast are filtered";
    }
    return {};
  }

  Controller& c_;
  EvaluationSettings s_;
  bool upstream_ = false;
  TicketBook book_;
  std::optional<hall::Statement> by_uuid_, by_ticket_, press_, insert_, outbox_;
  std::vector<Pending> pending_, batch_;
  std::unordered_map<std::string, size_t> pending_uuid_;
  // What the transaction being written holds so far.
  std::unordered_set<int64_t> batch_tickets_;
  std::unordered_set<std::string> batch_uuids_;
  std::unordered_map<std::string, std::vector<int64_t>> batch_kiosk_;
  std::string received_at_;  // the controller's clock for the batch being written
  int64_t received_ms_ = 0;
  uint64_t committed_ = 0;
};
}  // namespace

hall::Status install_evaluations(Controller& c) {
  auto svc = std::make_shared<Evaluations>(c);
  if (auto s = svc->prepare(); !s) return s;
  c.handle(Channel::Device, "ticket.lookup", [svc](const Request& r) { return svc->on_lookup(r); });
  c.handle(Channel::Device, "evaluation.submit", [svc](const Request& r) { return svc->on_submit(r); });
  c.handle(Channel::Admin, "evaluations.list", [svc](const Request& r) { return svc->on_list(r); });
  c.every(std::chrono::milliseconds(0), [svc] { svc->flush(); });
  return {};
}

}  // namespace controller
