#include "kiosk/delivery/courier.h"

#include <algorithm>
#include <cmath>

#include "common/vocab/device_messages.h"
#include "common/wire/codec.h"
#include "common/wire/frames.h"
#include "common/base/log.h"

namespace kiosk {

bool is_permanent_code(const std::string& code) {
  static const char* kPermanent[] = {"not_found", "not_served", "already_rated", "expired",
                                     "bad_score", "bad_reason", "bad_request"};
  for (const char* c : kPermanent)
    if (code == c) return true;
  return false;
}

uint64_t CourierStats::rejected_total() const {
  uint64_t n = 0;
  for (const auto& [code, count] : rejected) n += count;
  return n;
}

int64_t CourierStats::ack_ms_quantile(double share) const {
  uint64_t total = 0;
  for (uint64_t n : ack_ms) total += n;
  if (total == 0) return 0;
  const auto want = static_cast<uint64_t>(std::ceil(std::clamp(share, 0.0, 1.0) * static_cast<double>(total)));
  uint64_t seen = 0;
  for (size_t i = 0; i < ack_ms.size(); ++i) {
    seen += ack_ms[i];
    if (seen >= std::max<uint64_t>(want, 1)) return static_cast<int64_t>(i);
  }
  return static_cast<int64_t>(ack_ms.size() - 1);
}

Courier::Courier(Outbox& outbox, const hall::SocketFactory& sockets, CourierOptions options)
    : outbox_(outbox),
      options_(std::move(options)),
      backoff_(options_.backoff_base, options_.backoff_cap,
               options_.jitter ? hall::Jitter{0.8, 1.2} : hall::Jitter{}) {
  // Nothing queues for an absent controller: an unsent entry stays due in
  // the outbox instead of sitting in a ZeroMQ pipe.
  hall::SocketOptions live = sockets.options();
  live.immediate = true;
  auto s = sockets.connect(zmq::socket_type::dealer, options_.controller, live);
  if (s) socket_ = std::make_unique<zmq::socket_t>(std::move(*s));
  else hall::log::error("courier: {}", s.error());
}

hall::Result<std::unique_ptr<Courier>> Courier::create(Outbox& outbox, const hall::SocketFactory& sockets,
                                                       CourierOptions options) {
  std::unique_ptr<Courier> c(new Courier(outbox, sockets, std::move(options)));
  if (!c->socket_) return hall::fail("cannot connect to the controller at " + c->options_.controller.address());
  auto pending = outbox.pending();
  if (!pending) return pending.take_error();
  for (auto& e : *pending) c->enqueue(std::move(e), Clock::time_point{});
  if (!pending->empty())
    hall::log::info("outbox {}: {} evaluation(s) from an earlier run will be sent", outbox.path(), pending->size());
  return c;
}

void Courier::enqueue(Evaluation e, Clock::time_point due) {
  const uint64_t order = next_order_++;
  by_uuid_[e.uuid] = order;
  Entry entry;
  entry.evaluation = std::move(e);
  entry.next_at = due;
  entries_.emplace(order, std::move(entry));
  earliest_due_ = std::min(earliest_due_, due);
}

hall::Status Courier::submit(const Evaluation& e, Clock::time_point now) {
  if (by_uuid_.count(e.uuid)) return hall::fail("evaluation " + e.uuid + " is already in the outbox");
  if (auto s = outbox_.add(e); !s) return s;  // durable before it is sent
  enqueue(e, now);
  send_due(now);
  return {};
}

hall::Status Courier::submit_many(const std::vector<Evaluation>& list, Clock::time_point now) {
  for (const auto& e : list)
    if (by_uuid_.count(e.uuid)) return hall::fail("evaluation " + e.uuid + " is already in the outbox");
  if (auto s = outbox_.add_many(list); !s) return s;  // durable before any is sent
  for (const auto& e : list) enqueue(e, now);
  send_due(now);
  return {};
}

int Courier::failures(const std::string& uuid) const {
  auto it = by_uuid_.find(uuid);
  return it == by_uuid_.end() ? -1 : entries_.at(it->second).failures;
}

Courier::Clock::time_point Courier::next_attempt(const std::string& uuid) const {
  auto it = by_uuid_.find(uuid);
  return it == by_uuid_.end() ? Clock::time_point{} : entries_.at(it->second).next_at;
}

void Courier::failed(Entry& e, Clock::time_point now) {
  if (e.in_flight) {
    e.in_flight = false;
    --in_flight_;
    by_request_.erase(e.request_id);
  }
  ++e.failures;
  e.next_at = now + backoff_.pause(e.failures);
  earliest_due_ = std::min(earliest_due_, e.next_at);
}

void Courier::finish(const std::string& uuid) {
  auto it = by_uuid_.find(uuid);
  if (it == by_uuid_.end()) return;
  auto entry = entries_.find(it->second);
  if (entry->second.in_flight) {
    --in_flight_;
    by_request_.erase(entry->second.request_id);
  }
  entries_.erase(entry);
  by_uuid_.erase(it);
}

void Courier::handle_reply(const std::string& frame, Clock::time_point now, std::vector<std::string>& acked) {
  auto msg = hall::decode_message(frame);
  if (!msg) {
    hall::log::warn("courier: bad reply from the controller: {}", msg.error());
    return;
  }
  if (msg->type == hall::wire::EvaluationAck::kType) {
    auto ack = hall::wire::EvaluationAck::from_json(msg->body);
    if (!ack) {
      hall::log::warn("courier: bad reply from the controller: {}", ack.error());
      return;
    }
    const std::string& uuid = ack->uuid;
    if (!by_uuid_.count(uuid)) {
      ++stats_.late_acks;  // an ack for a resend already acked
      return;
    }
    ++stats_.acked;
    if (ack->duplicate) ++stats_.duplicates;
    const Entry& e = entries_.at(by_uuid_.at(uuid));
    if (e.attempts > 0) {  // from its last send, answered late or not
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - e.sent_at).count();
      ++stats_.ack_ms[static_cast<size_t>(std::clamp<int64_t>(ms, 0, CourierStats::kAckBuckets - 1))];
    }
    finish(uuid);
    acked.push_back(uuid);
    return;
  }
  if (msg->type != hall::wire::ErrorReply::kType) return;
  auto error = hall::wire::ErrorReply::from_json(msg->body);
  if (!error || !error->re) return;
  auto req = by_request_.find(*error->re);
  if (req == by_request_.end()) return;  // a reply to a request given up on
  const std::string uuid = req->second;
  const std::string& code = error->code;
  const std::string& text = error->message;
  const bool permanent = error->permanent ? *error->permanent : is_permanent_code(code);
  Entry& e = entries_.at(by_uuid_.at(uuid));
  if (!permanent) {
    ++stats_.transient_errors;
    hall::log::warn("controller could not take evaluation {} yet ({}: {}); will retry", uuid, code, text);
    failed(e, now);
    return;
  }
  const std::string ticket = e.evaluation.ticket;
  const std::string why = code.empty() ? std::string("error") : code;
  ++stats_.rejected[why];
  hall::log::warn("controller refused evaluation {} for ticket {} for good ({}: {}); moved to the rejected table",
                  uuid, ticket, why, text);
  if (auto s = outbox_.reject(uuid, why, text); !s)
    hall::log::error("outbox {}: cannot move {} to rejected: {}", outbox_.path(), uuid, s.error());
  finish(uuid);
}

void Courier::send_due(Clock::time_point now) {
  if (!socket_ || in_flight_ >= options_.window || now < earliest_due_) return;
  auto next = Clock::time_point::max();
  for (auto& [order, e] : entries_) {
    if (e.in_flight) continue;
    if (e.next_at > now) {
      next = std::min(next, e.next_at);
      continue;
    }
    if (in_flight_ >= options_.window) {
      next = now;  // still due: try again on the next pump
      break;
    }
    hall::Json fields = e.evaluation.to_json();
    const uint64_t id = next_request_++;
    fields["id"] = id;
    if (!hall::send_frames(*socket_, {hall::encode_message(hall::wire::EvaluationSubmit::kType, fields)})) {
      // No connection to the controller (the socket is ZMQ_IMMEDIATE): nothing
      // can go now, and trying again costs nobody anything. Look again after
      // the first backoff pause, without counting it against the entry, so
      // that after an outage of any length the outbox moves within that
      // pause of the controller's return (the outage drill,
      // tests/system/test_drills.cpp). Timeouts and errors still back off.
      next = std::min(next, now + options_.backoff_base);
      break;
    }
    (e.attempts++ == 0 ? stats_.sent : stats_.resent)++;
    e.in_flight = true;
    e.request_id = id;
    e.sent_at = now;
    by_request_[id] = e.evaluation.uuid;
    ++in_flight_;
  }
  earliest_due_ = next;
}

size_t Courier::pump(Clock::time_point now) {
  if (!socket_) return 0;
  std::vector<std::string> acked;
  size_t n = 0;
  for (int budget = 4096; budget > 0; --budget) {
    auto frames = hall::recv_frames(*socket_, 2);
    if (!frames) break;
    if (frames->size() != 1) continue;
    if (n == 0 && (last_reply_ == Clock::time_point{} || now - last_reply_ > options_.ack_timeout)) {
      // The controller answers (again) after a silence: everything waiting is due now.
      if (in_flight_ < entries_.size())
        hall::log::info("controller answers; sending {} waiting evaluation(s) now", entries_.size() - in_flight_);
      for (auto& [order, e] : entries_)
        if (!e.in_flight) e.next_at = now;
      earliest_due_ = now;
    }
    last_reply_ = now;
    ++n;
    handle_reply(frames->front(), now, acked);
  }
  if (!acked.empty()) {
    if (auto s = outbox_.remove(acked); !s)
      hall::log::error("outbox {}: cannot delete {} acked evaluation(s): {}; they will be resent and acked as duplicates",
                       outbox_.path(), acked.size(), s.error());
  }
  // Requests that got no answer in time are sent again after a backoff.
  std::vector<uint64_t> late;
  for (const auto& [id, uuid] : by_request_) {
    const uint64_t order = by_uuid_.at(uuid);
    if (now - entries_.at(order).sent_at >= options_.ack_timeout) late.push_back(order);
  }
  for (uint64_t order : late) {
    ++stats_.timeouts;
    failed(entries_.at(order), now);
  }
  send_due(now);
  return n;
}

void Courier::wait(std::chrono::milliseconds timeout) {
  if (!socket_) return;
  zmq::pollitem_t item{static_cast<void*>(*socket_), 0, ZMQ_POLLIN, 0};
  zmq::poll(&item, 1, timeout);
}

}  // namespace kiosk
