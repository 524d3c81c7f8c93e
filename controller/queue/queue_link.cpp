#include "controller/queue/queue_link.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <memory>

#include "common/wire/backoff.h"
#include "controller/core/controller.h"
#include "controller/core/http_worker.h"
#include "controller/core/meta.h"
#include "controller/queue/tickets.h"
#include "common/vocab/admin_types.h"
#include "common/access/roles.h"
#include "common/time/iso8601.h"
#include "common/base/log.h"

namespace controller {

namespace {
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr int kCallsShown = static_cast<int>(hall::wire::QueueCalls::kMaxShown);
constexpr int kPageSize = 500;
constexpr int kLettersFrom = 5000;  // tickets looked at for /queue/letters


class QueueLink {
 public:
  QueueLink(Controller& c, QueueSettings settings)
      : c_(c),
        s_(std::move(settings)),
        book_(c.store()),
        backoff_(milliseconds(std::min(s_.poll_ms, 1000)), milliseconds(s_.backoff_max_ms), hall::kRetryJitter) {
    feed_ = meta_get(c.store(), "queue.feed");
    const auto cursor = meta_get(c.store(), "queue.cursor");
    cursor_ = cursor.empty() ? 0 : std::stoull(cursor);
    for (auto& call : book_.recent_calls(kCallsShown)) calls_.push_back(call);
    letters_ = book_.recent_letters(kLettersFrom);
  }

  void publish_calls() {
    const hall::wire::QueueCalls calls{{calls_.begin(), calls_.end()}};
    c_.publish(hall::wire::QueueCalls::kKey, calls.to_json());
  }

  // The kiosks' keypads offer the letters tickets start with.
  void publish_letters() {
    if (!letters_.empty()) c_.publish(hall::wire::QueueLetters::kKey, hall::wire::QueueLetters{letters_}.to_json());
  }

  void tick() {
    if (!s_.enabled) return;
    const auto now = Clock::now();
    if (auto response = http_.take()) {
      handle(*response, now);
      return;
    }
    if (http_.busy() || now < next_poll_) return;
    HttpRequest r;
    std::string base = s_.url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    r.url = base + "/events?after=" + std::to_string(cursor_) + "&limit=" + std::to_string(kPageSize);
    r.timeout = milliseconds(s_.timeout_ms);
    http_.start(std::move(r));
  }

  std::optional<std::string> on_list(const Request& r) {
    using hall::FieldType;
    if (auto s = hall::check_fields(r.message, {{"limit", FieldType::Integer, false}}); !s)
      return hall::encode_error(&r.message, s.error(), "bad_request");
    const int64_t limit = r.message.body.value("limit", int64_t{20});
    if (limit < 1 || limit > 1000)
      return hall::encode_error(&r.message, "\"limit\" must be 1-1000", "bad_request");
    // The queue system's times, whatever offset it sent them with, in hall time.
    auto hall_time = [](const std::string& iso) {
      auto t = hall::parse_iso_time(iso);
      return t ? hall::iso_time(*t) : iso;
    };
    hall::Json list = hall::Json::array();
    for (const auto& t : book_.recent(static_cast<int>(limit)))
      list.push_back({{"ticket", t.number},       {"state", t.state},
                      {"service_item", t.service_item_name}, {"window", t.window_number},
                      {"staff", t.staff_name},    {"created_at", hall_time(t.created_at)},
                      {"called_at", hall_time(t.called_at)}, {"finished_at", hall_time(t.finished_at)},
                      {"wait_s", t.wait_s},       {"service_s", t.service_s}});
    return hall::encode_reply(r.message, "tickets", {{"tickets", list}, {"feed", s_.enabled ? s_.url : ""},
                                                     {"link", state_}});
  }

 private:
  void failed(const std::string& why, Clock::time_point now) {
    const auto pause = backoff_.fail();
    next_poll_ = now + pause;
    state_ = "failing: " + why;
    if (backoff_.failures() == 1 || backoff_.failures() % 10 == 0)
      hall::log::warn("queue feed {}: {}; retrying in {} ms (failure {})", s_.url, why, pause.count(),
                      backoff_.failures());
  }

  void handle(const HttpResponse& response, Clock::time_point now) {
    if (!response.ok()) return failed(response.describe(), now);
    auto page = parse_feed_page(response.body);
    if (!page) return failed(page.error(), now);
    if (backoff_.failures() > 0) hall::log::info("queue feed {} reachable again", s_.url);
    backoff_.succeed();
    state_ = "ok";
    if (page->feed != feed_) {
      if (!feed_.empty() || cursor_ != 0)
        hall::log::info("queue feed restarted (was '{}', now '{}'): reading it from the start", feed_,
                        page->feed);
      feed_ = page->feed;
      const bool asked_from_start = cursor_ == 0;
      cursor_ = 0;
      if (!asked_from_start) {  // this page followed the old run's cursor: ask again
        next_poll_ = now;
        return;
      }
    }
    for (const auto& why : page->skipped) hall::log::warn("queue feed: skipped {}", why);
    const std::string now_iso = hall::iso_time(c_.now());
    bool called = false;
    const std::string letters_before = letters_;
    if (auto s = c_.store().begin(); !s) return failed("store: " + s.error(), now);
    for (const auto& e : page->events) {
      if (auto s = book_.apply(e, now_iso); !s) {
        hall::log::warn("queue feed: skipped event seq {} ({} {}): {}", e.seq, event_name(e.kind), e.ticket,
                        s.error());
        continue;
      }
      const char first = e.ticket.empty() ? 0 : static_cast<char>(std::toupper(static_cast<unsigned char>(e.ticket[0])));
      if (first >= 'A' && first <= 'Z' && letters_.find(first) == std::string::npos) {
        letters_ += first;
        std::sort(letters_.begin(), letters_.end());
      }
      if (e.kind == QueueEventKind::Called || e.kind == QueueEventKind::Recalled) {
        calls_.push_front({e.ticket, e.window_number, e.window_name, e.at});
        if (calls_.size() > kCallsShown) calls_.pop_back();
        called = true;
      }
    }
    auto m1 = meta_set(c_.store(), "queue.feed", feed_);
    auto m2 = meta_set(c_.store(), "queue.cursor", std::to_string(page->next));
    if (auto s = c_.store().commit(); !s || !m1 || !m2) {
      (void)c_.store().rollback();
      return failed("store: cannot record queue events", now);
    }
    cursor_ = page->next;
    events_ += page->events.size();
    if (!page->events.empty())
      hall::log::debug("queue feed: {} events applied, cursor {}", page->events.size(), cursor_);
    if (called) publish_calls();
    if (letters_ != letters_before) publish_letters();
    next_poll_ = page->more ? now : now + milliseconds(s_.poll_ms);
  }

  Controller& c_;
  QueueSettings s_;
  TicketBook book_;
  hall::Backoff backoff_;
  HttpWorker http_;
  std::string feed_;
  uint64_t cursor_ = 0;
  uint64_t events_ = 0;
  std::string state_ = "starting";
  Clock::time_point next_poll_{};
  std::deque<QueueCall> calls_;
  std::string letters_;
};
}  // namespace

void add_queue_keys(hall::Schema& s) {
  using hall::ValueType;
  s.insert(s.end(), {
      {"queue.enabled", ValueType::Boolean, false, "follow the queue system's event feed"},
      {"queue.url", ValueType::String, std::string("http://127.0.0.1:8750"), "base URL of the queue feed (docs/queue-api.md)"},
      {"queue.poll_ms", ValueType::Integer, int64_t{1000}, "pause between polls of an idle feed", 50, 600000},
      {"queue.timeout_ms", ValueType::Integer, int64_t{3000}, "timeout of one feed request", 100, 120000},
      {"queue.backoff_max_ms", ValueType::Integer, int64_t{30000}, "longest pause after failed polls", 100, 3600000},
  });
}

QueueSettings queue_settings_from(const hall::Config& c) {
  QueueSettings s;
  s.enabled = c.boolean("queue.enabled");
  s.url = c.str("queue.url");
  s.poll_ms = static_cast<int>(c.integer("queue.poll_ms"));
  s.timeout_ms = static_cast<int>(c.integer("queue.timeout_ms"));
  s.backoff_max_ms = static_cast<int>(c.integer("queue.backoff_max_ms"));
  return s;
}

hall::Status install_queue_link(Controller& c, const QueueSettings& q) {
  if (q.enabled && q.url.rfind("http://", 0) != 0 && q.url.rfind("https://", 0) != 0)
    return hall::fail("queue.url must be an http:// or https:// URL when queue.enabled is true (got \"" + q.url +
                      "\")");
  auto link = std::make_shared<QueueLink>(c, q);
  link->publish_calls();
  link->publish_letters();
  c.handle(Channel::Admin, hall::wire::admin::kTicketsList, hall::wire::kReaders, [link](const Request& r) { return link->on_list(r); });
  c.every(milliseconds(10), [link] { link->tick(); });
  if (q.enabled)
    hall::log::info("queue link following {} every {} ms", q.url, q.poll_ms);
  return {};
}

}  // namespace controller
