#include "controller/evaluations/evaluation_committer.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "controller/evaluations/evaluation_rules.h"
#include "controller/evaluations/phone.h"
#include "controller/core/schema.h"
#include "common/base/log.h"

namespace controller {

namespace {
constexpr const char* kStoreFailed =
    "the controller could not store this evaluation; it will be accepted when sent again";
constexpr const char* kStoreFull =
    "the controller's disk is full, so this evaluation is not stored yet; keep it and send it again "
    "(it will be accepted once the hall's administrator has freed space)";
}  // namespace

hall::Result<std::unique_ptr<EvaluationCommitter>> EvaluationCommitter::start(const EvaluationSettings& settings,
                                                                       const EvaluationBus& bus,
                                                                       const std::string& store_path,
                                                                       std::shared_ptr<const PhoneVault> phones) {
  auto store = hall::Store::open(store_path, migrations());
  if (!store) return hall::fail("evaluation committer: " + store.error());
  if (auto s = erase_deleted_content(**store); !s) return hall::fail("evaluation committer: " + s.error());
  std::unique_ptr<EvaluationCommitter> w(
      new EvaluationCommitter(settings, bus, std::move(*store), std::move(phones)));
  w->wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (w->wake_fd_ < 0) return hall::fail(std::string("evaluation committer: eventfd: ") + std::strerror(errno));
  if (auto s = w->prepare(); !s) return hall::fail("evaluation committer: " + s.error());
  w->thread_ = std::thread([p = w.get()] { p->run(); });
  return w;
}

EvaluationCommitter::EvaluationCommitter(const EvaluationSettings& settings, const EvaluationBus& bus,
                                         std::unique_ptr<hall::Store> store, std::shared_ptr<const PhoneVault> phones)
    : s_(settings),
      bus_(bus),
      store_(std::move(store)),
      phones_(std::move(phones)),
      book_(*store_) {}

EvaluationCommitter::~EvaluationCommitter() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

hall::Status EvaluationCommitter::prepare() {
  auto& db = *store_;
  auto a = db.prepare("SELECT ticket, score, reasons, phone, kiosk_id, created_at, phone_masked FROM evaluations WHERE uuid = ?1");
  auto b = db.prepare("SELECT 1 FROM evaluations WHERE ticket_id = ?1");
  auto d = db.prepare(
      "SELECT 1 FROM evaluations WHERE kiosk_id = ?1 AND created_ms > ?2 - ?3 AND created_ms < ?2 + ?3 LIMIT 1");
  auto e = db.prepare(
      "INSERT INTO evaluations(uuid, ticket_id, ticket, service_item_id, service_item_name, window_number, "
      "window_name, staff_id, staff_name, score, reasons, phone, kiosk_id, created_at, created_ms, "
      "received_at, received_ms, phone_masked) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
      "?14, ?15, ?16, ?17, ?18)");
  for (auto* st : {&a, &b, &d, &e})
    if (!*st) return st->take_error();
  by_uuid_.emplace(std::move(*a));
  by_ticket_.emplace(std::move(*b));
  press_.emplace(std::move(*d));
  insert_.emplace(std::move(*e));
  return {};
}

void EvaluationCommitter::submit(EvaluationBatch batch) {
  busy_ = true;
  {
    std::lock_guard lock(mu_);
    in_ = std::move(batch);
  }
  cv_.notify_one();
}

std::optional<EvaluationBatch> EvaluationCommitter::take() {
  uint64_t n;
  while (::read(wake_fd_, &n, sizeof n) < 0 && errno == EINTR) {
  }
  std::lock_guard lock(mu_);
  if (!out_) return std::nullopt;
  auto done = std::move(out_);
  out_.reset();
  busy_ = false;
  return done;
}

void EvaluationCommitter::run() {
  while (true) {
    EvaluationBatch batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stop_ || in_; });
      if (!in_) return;  // stopping, nothing in hand
      batch = std::move(*in_);
      in_.reset();
    }
    write(batch);
    {
      std::lock_guard lock(mu_);
      out_ = std::move(batch);
    }
    const uint64_t one = 1;
    while (::write(wake_fd_, &one, sizeof one) < 0 && errno == EINTR) {
    }
  }
}

void EvaluationCommitter::write(EvaluationBatch& batch) {
  received_at_ = hall::iso_time(batch.received);
  const size_t step = static_cast<size_t>(s_.batch_max);
  auto& rows = batch.rows;
  for (size_t from = 0; from < rows.size(); from += step) {
    const size_t to = std::min(rows.size(), from + step);
    full_ = false;
    store_->forget_out_of_space();
    if (auto s = commit(batch, from, to); !s) {
      // A full disk is said once per spell by the controller (store_space),
      // not here for every batch.
      if (!full_) hall::log::error("could not commit {} evaluations (kiosks will resend): {}", to - from, s.error());
      for (size_t i = from; i < to; ++i) {
        rows[i].duplicate = false;
        rows[i].code = full_ ? "store_full" : "store_error";
        rows[i].why = full_ ? kStoreFull : kStoreFailed;
      }
    }
  }
}

// One transaction: checks each evaluation against the store and the rows
// already in this transaction, inserts the good ones (with the bus writers'
// rows: cases, upstream outbox), commits. Refusals are noted in the row.
hall::Status EvaluationCommitter::commit(EvaluationBatch& batch, size_t from, size_t to) {
  auto& db = *store_;
  auto abandon = [&] {
    full_ = db.out_of_space();
    (void)db.rollback();
  };
  if (auto s = db.begin(); !s) {
    full_ = db.out_of_space();
    return s;
  }
  batch_tickets_.clear();
  batch_kiosk_.clear();
  batch_uuids_.clear();
  const int64_t now_ms = hall::epoch_ms(batch.received);
  const int64_t received_ms = now_ms;
  for (size_t i = from; i < to; ++i) {
    auto& p = batch.rows[i];
    p.code.clear();
    p.duplicate = false;
    if (auto s = check(p, now_ms); !s) {
      abandon();
      return s;
    }
    if (!p.code.empty() || p.duplicate) continue;
    // Bound without copies: the row and received_at_ outlive the run().
    auto& e = p.e;
    e.phone_sealed = phones_->seal(e.phone);  // only the sealed number is written
    e.phone_masked = mask_phone(e.phone);
    insert_->bind_view(1, e.uuid).bind(2, p.ticket_id).bind_view(3, e.ticket).bind_view(4, p.service_item_id)
        .bind_view(5, p.service_item_name).bind(6, e.window_number).bind_view(7, e.window_name)
        .bind_view(8, e.staff_id).bind_view(9, e.staff_name).bind(10, int64_t{e.score}).bind_view(11, p.reasons)
        .bind_view(12, e.phone_sealed).bind_view(13, p.kiosk).bind_view(14, e.created_at).bind(15, p.created_ms)
        .bind_view(16, received_at_).bind(17, received_ms).bind_view(18, e.phone_masked);
    auto s = insert_->run();
    if (s) {
      e.row_id = db.last_insert_rowid();
      s = bus_.written(db, e);
    }
    if (!s) {
      insert_->reset();
      abandon();
      return s;
    }
    batch_tickets_.insert(p.ticket_id);
    batch_kiosk_[p.kiosk].push_back(p.created_ms);
    batch_uuids_.insert(e.uuid);
  }
  if (auto done = db.commit(); !done) {
    abandon();
    return done;
  }
  return {};
}

// Sets row.duplicate, or row.code/row.why for a refusal; an Error only when
// the store cannot be read.
hall::Status EvaluationCommitter::check(EvaluationRow& p, int64_t now_ms) {
  (void)now_ms;  // a rating's time is its created_at, checked against the controller's clock on arrival
  if (batch_uuids_.count(p.e.uuid)) {
    p.duplicate = true;  // rows of one batch have distinct uuids (Evaluations::on_submit); kept as a guard
    return {};
  }
  // A known uuid is the same rating sent again (acked as a duplicate), or a
  // different rating under a reused uuid: refused as a conflict, never dropped.
  by_uuid_->bind_view(1, p.e.uuid);
  auto known = by_uuid_->step();
  if (!known) {
    by_uuid_->reset();
    return known.take_error();
  }
  if (*known) {
    const bool same = by_uuid_->column_text(0) == p.e.ticket && by_uuid_->column_int(1) == p.e.score &&
                      by_uuid_->column_text(2) == p.reasons &&
                      same_phone(*phones_, by_uuid_->column_text(3), by_uuid_->column_text(6), p.e.phone) &&
                      by_uuid_->column_text(4) == p.kiosk && by_uuid_->column_text(5) == p.e.created_at;
    by_uuid_->reset();
    if (same) {
      p.duplicate = true;
    } else {
      p.code = "conflict";
      p.why = conflict_message(p.e.uuid);
    }
    return {};
  }
  by_uuid_->reset();
  const int64_t skew_ms = int64_t{s_.clock_skew_s} * 1000;
  auto t = book_.find(p.e.ticket, p.created_ms + skew_ms);
  if (!t) return t.take_error();
  // Expiry counts from the rating's created_at: made in time, delivered late, kept.
  if (!check_ticket(p, *t, p.created_ms)) {
    if (p.code == "store_error") return hall::fail(p.why);
    return {};
  }
  Ticket& k = **t;
  if (p.created_ms < k.finished_ms - skew_ms) {
    p.code = "bad_time";
    p.why = "the rating's created_at " + p.e.created_at + " is before ticket " + p.e.ticket +
            " was served (" + k.finished_at + "); set the kiosk's clock right";
    return {};
  }
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

// The ticket may be rated now; otherwise row.code and row.why say why not.
bool EvaluationCommitter::check_ticket(EvaluationRow& p, const std::optional<Ticket>& t, int64_t now_ms) {
  if (auto no = ticket_refusal(p.e.ticket, t, now_ms, s_.window_h)) {
    p.code = std::move(no->code);
    p.why = std::move(no->why);
    return false;
  }
  bool rated = batch_tickets_.count(t->id) > 0;
  if (!rated) {
    by_ticket_->bind(1, t->id);
    auto row = by_ticket_->step();
    by_ticket_->reset();
    if (!row) {
      p.code = "store_error";
      p.why = kStoreUnreadable;
      return false;
    }
    rated = *row;
  }
  if (rated) {
    auto no = already_rated(p.e.ticket);
    p.code = std::move(no.code);
    p.why = std::move(no.why);
    return false;
  }
  return true;
}

bool EvaluationCommitter::too_fast(const std::string& kiosk, int64_t created_ms) {
  const int64_t gap = s_.min_interval_ms;
  if (auto it = batch_kiosk_.find(kiosk); it != batch_kiosk_.end())
    for (int64_t t : it->second)
      if (t > created_ms - gap && t < created_ms + gap) return true;
  press_->bind(1, kiosk).bind(2, created_ms).bind(3, gap);
  auto row = press_->step();
  press_->reset();
  return row && *row;
}

}  // namespace controller
