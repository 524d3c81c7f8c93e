#include "controller/core/controller.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "controller/core/audit.h"
#include "controller/core/meta.h"
#include "controller/core/schema.h"
#include "common/base/app.h"
#include "common/base/utf8.h"
#include "common/vocab/admin_types.h"
#include "common/vocab/device_messages.h"
#include "common/vocab/hall_keys.h"
#include "common/wire/frames.h"
#include "common/access/security.h"
#include "common/base/log.h"
#include "common/store/store_file.h"

namespace controller {

namespace {
// CHP sequence numbers are reserved in blocks and the reservation is stored,
// so a restarted controller (even after kill -9) continues above every number
// it may have published.
constexpr uint64_t kSequenceBlock = 10000;
// Messages queued per peer (docs/protocol.md, Limits per peer). Requests:
// a full queue makes ZeroMQ stop reading that peer, nothing is lost. Replies
// (a ROUTER drops what does not fit): a kiosk may have up to 1024 ratings in
// flight (kiosk.in_flight), each acked, perhaps twice; hallctl asks once per
// connection.
constexpr int kDeviceRequestHwm = 100;
constexpr int kDeviceReplyHwm = 2048;
constexpr int kAdminHwm = 4;
// status lists this many devices unless asked for another page size.
constexpr int64_t kStatusDevices = 50;
constexpr int64_t kStatusDevicesMax = 1000;
// hallctl status lists the damaged data devices set aside this long ago, at
// most this many (the newest first).
constexpr auto kSetAsideShown = std::chrono::hours(24 * 7);
constexpr int64_t kStatusSetAsideMax = 20;

}  // namespace

std::string Request::actor(const char* claimed) const {
  if (who.secured) return who.actor();
  const auto it = message.body.find(claimed);
  return it != message.body.end() && it->is_string() && !it->get<std::string>().empty() ? it->get<std::string>()
                                                                                         : who.name;
}

std::optional<std::string> Request::impostor(const std::string& device_id) const {
  if (!who.secured || who.name == device_id) return std::nullopt;
  return "rule: a device key speaks only for itself; this key is enrolled as " + who.name + ", not " + device_id;
}

hall::Result<std::unique_ptr<Controller>> Controller::start(CoreOptions options) {
  std::unique_ptr<Controller> c(new Controller(std::move(options)));
  c->started_ = std::chrono::steady_clock::now();
  if (c->options_.settings.curve != c->options_.sockets->secure())
    return hall::fail("security.mode does not match the controller's sockets (a bug: build the SocketFactory "
                      "from controller_curve())");
  if (auto s = c->open_store(); !s) return s.take_error();
  if (auto s = c->load_hall(); !s) return s.take_error();
  if (auto s = seal_audit(*c->store_); !s) return hall::fail("cannot chain the audit log: " + s.error());
  auto keys = KeyRing::load(*c->store_);
  if (!keys) return keys.take_error();
  c->keys_ = std::move(*keys);
  if (c->secure()) {
    // RFC 27: the handler is bound before any socket that asks it.
    auto zap = ZapHandler::bind(c->options_.sockets->context());
    if (!zap) return zap.take_error();
    c->zap_ = std::move(*zap);
    if (auto s = c->enroll_first_admin(); !s) return s.take_error();
  }

  uint64_t first = 0;
  if (auto v = meta_get(*c->store_, "chp_sequence_reserved"); !v.empty()) first = std::stoull(v);
  const auto& s = c->options_.settings;
  auto chp = hall::ChpServer::start(*c->options_.sockets, s.chp, first);
  if (!chp) return chp.take_error();
  c->chp_ = std::move(*chp);
  c->reserve_sequence();

  // High-water marks per peer bound what one peer can make us hold: device
  // messages are at most 64 KiB, admin ones 16 MiB (docs/protocol.md, Limits).
  hall::SocketOptions device_options = c->options_.sockets->options();
  device_options.send_hwm = kDeviceReplyHwm;
  device_options.recv_hwm = kDeviceRequestHwm;
  device_options.zap_domain = kZapDomainDevice;
  auto device = c->options_.sockets->bind(zmq::socket_type::router, s.device, device_options);
  if (!device) return device.take_error();
  c->device_ = std::make_unique<zmq::socket_t>(std::move(*device));
  hall::SocketOptions admin_options = c->options_.sockets->options();
  admin_options.max_message_bytes = static_cast<int64_t>(hall::kMaxAdminMessageBytes) + 1024;
  admin_options.send_hwm = admin_options.recv_hwm = kAdminHwm;
  admin_options.zap_domain = kZapDomainAdmin;
  auto admin = c->options_.sockets->bind(zmq::socket_type::router, s.admin, admin_options);
  if (!admin) return admin.take_error();
  c->admin_ = std::make_unique<zmq::socket_t>(std::move(*admin));

  c->handle(Channel::Device, hall::wire::Hello::kType, hall::wire::kDeviceRoles,
            [p = c.get()](const Request& r) { return p->on_hello(r); });
  c->handle(Channel::Admin, hall::wire::admin::kStatus, hall::wire::kPeopleRoles,
            [p = c.get()](const Request& r) { return p->on_status(r); });
  c->every(std::chrono::seconds(s.clock_publish_s), [p = c.get()] { p->publish_clock(); });
  c->prune_devices();
  c->every(std::chrono::hours(1), [p = c.get()] { p->prune_devices(); });
  return c;
}

void Controller::announce() {
  publish_hall_info();
  // A fresh id per start: screens that see it change know the controller restarted.
  publish(hall::wire::HallEpoch::kKey, hall::wire::HallEpoch{chp_->epoch(), hall::iso_time(options_.now())}.to_json());
  publish_clock();
  const auto& s = options_.settings;
  hall::log::info("controller up: hall '{}' ({}), CHP {} (+1), devices {}, admin {}, sequence {}, security {}",
                  hall_name_, hall::hall_zone().name(), s.chp.address(), s.device.address(), s.admin.address(),
                  chp_->sequence(), secure() ? "curve" : "NONE (development only)");
  if (!secure()) hall::warn_insecure("hall-controller");
}

// A new hall has no key that could enroll the others: the first start makes
// one admin key in the key directory, for hallctl on this machine.
hall::Status Controller::enroll_first_admin() {
  if (keys_.has_role(hall::wire::Role::Admin)) return {};
  const std::string base = key_base(options_.settings.key_dir, "admin");
  std::error_code ec;
  if (!std::filesystem::exists(base + ".key_secret", ec)) {
    auto pair = hall::generate_key_pair();
    if (!pair) return pair.take_error();
    if (auto s = hall::write_key_files(base, *pair, "the first administrator"); !s) return s;
  }
  auto pair = hall::read_secret_key_file(base + ".key_secret");
  if (!pair) return pair.take_error();
  const std::string at = hall::iso_time(options_.now());
  if (auto s = store_->begin(); !s) return s;
  auto s = keys_.enroll(*store_, {"admin", pair->public_key, hall::wire::Role::Admin, "", "controller", at, ""});
  if (s) s = write_audit(*store_, {at, "controller", "key:admin", "key.enroll", "", "admin", "first start"});
  if (s) s = store_->commit();
  if (!s) {
    (void)store_->rollback();
    return hall::fail("cannot enroll the first admin key: " + s.error());
  }
  hall::log::warn("no admin key was enrolled: enrolled {}.key_secret as \"admin\". hallctl on this machine uses "
                  "it; enroll people's own keys and revoke it (docs/security.md)", base);
  return {};
}

std::string Controller::admits(const std::string& domain, const std::string& public_key) const {
  const Peer* p = keys_.find(public_key);
  if (!p) return "this key is not enrolled, or was revoked";
  const hall::wire::Roles allowed = domain == kZapDomainAdmin    ? hall::wire::kPeopleRoles
                                    : domain == kZapDomainDevice ? hall::wire::kDeviceRoles
                                                                 : hall::wire::kAllRoles;
  if (!p->may(allowed)) return "the key " + p->name + " may not use the " + domain + " socket";
  return {};
}

Controller::~Controller() {
  if (lock_fd_ >= 0) {
    // A clean stop: the next start need not run the full integrity check.
    if (store_) ::unlink(running_marker().c_str());
    close(lock_fd_);
  }
}

hall::Status Controller::open_store() {
  const auto& dir = options_.settings.data_dir;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return hall::fail("cannot create data directory " + dir + ": " + ec.message());
  const std::string lock_path = dir + "/controller.lock";
  lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) return hall::fail("cannot open " + lock_path + ": " + std::strerror(errno));
  if (flock(lock_fd_, LOCK_EX | LOCK_NB) != 0)
    return hall::fail("another controller is already using " + dir +
                      "; stop it first, or give this one its own controller.data_dir");
  const std::string path = dir + "/hall.db";
  if (auto s = check_store(path); !s) return s;
  auto store = hall::Store::open(path, migrations());
  if (!store) return store.take_error();
  store_ = std::move(*store);
  // Deleted and overwritten content is zeroed, not left in free space (no
  // old callback number stays in the file; docs/security.md).
  auto secure = store_->prepare("PRAGMA secure_delete = ON");
  if (!secure) return secure.take_error();
  if (auto s = secure->step(); !s) return s.take_error();
  return {};
}

// The store is checked before anything writes to it: PRAGMA quick_check at
// every start, the full integrity_check when the last run did not stop
// cleanly (the marker file is there). A damaged file is refused, never
// repaired or replaced here: that is for a person, with a backup.
hall::Status Controller::check_store(const std::string& path) {
  std::error_code ec;
  const bool unclean = std::filesystem::exists(running_marker(), ec);
  if (std::filesystem::exists(path, ec)) {
    const auto depth = unclean ? hall::CheckDepth::Full : hall::CheckDepth::Quick;
    const auto began = std::chrono::steady_clock::now();
    auto problems = hall::check_store_file(path, depth);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - began);
    if (!problems) problems = std::vector<std::string>{problems.error()};
    if (!problems->empty()) {
      std::string found;
      for (const auto& p : *problems) found += (found.empty() ? "" : "; ") + hall::utf8::printable(p, 200);
      return hall::fail("the store " + path + " is damaged (" +
                        (depth == hall::CheckDepth::Full ? "PRAGMA integrity_check" : "PRAGMA quick_check") +
                        ": " + found + "). The controller will not start on it and has not changed it. "
                        "Restore the last backup: `hallctl restore BACKUP_FILE` sets this file aside and puts the "
                        "backup in its place (docs/operations.md, Backup and restore); without a backup, move " +
                        path + " and its -wal file aside to start with an empty store");
    }
    hall::log::info("store {} checked ({}, {} ms{})", path,
                    depth == hall::CheckDepth::Full ? "integrity_check" : "quick_check", ms.count(),
                    unclean ? ", after an unclean stop" : "");
  }
  // Set until a clean stop (~Controller): found at the next start, it says
  // this run ended by a crash, kill -9 or power loss.
  if (int fd = ::open(running_marker().c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644); fd >= 0) ::close(fd);
  else return hall::fail("cannot create " + running_marker() + ": " + std::strerror(errno));
  return {};
}

std::string Controller::running_marker() const { return options_.settings.data_dir + "/controller.running"; }

hall::Status Controller::load_hall() {
  const auto& s = options_.settings;
  auto st = store_->prepare("SELECT name, name_en, logo, timezone FROM hall WHERE id = 1");
  if (!st) return st.take_error();
  auto row = st->step();
  if (!row) return row.take_error();
  std::string zone = s.timezone;
  if (*row) {
    hall_name_ = st->column_text(0);
    hall_name_en_ = st->column_text(1);
    hall_logo_ = st->column_text(2);
    if (!st->column_text(3).empty()) zone = st->column_text(3);
  } else {
    hall_name_ = s.hall_name;
    hall_name_en_ = s.hall_name_en;
  }
  auto z = hall::TimeZone::named(zone);
  if (!z) return hall::fail("the hall's time zone: " + z.error());
  if (!*row || st->column_text(3).empty()) {  // a new store, or one from before hall.timezone
    auto up = store_->prepare(
        "INSERT INTO hall(id, name, name_en, updated_at, timezone) VALUES (1, ?1, ?2, ?3, ?4) "
        "ON CONFLICT(id) DO UPDATE SET timezone = excluded.timezone");
    if (!up) return up.take_error();
    up->bind(1, hall_name_).bind(2, hall_name_en_).bind(3, hall::iso_time(options_.now(), *z)).bind(4, zone);
    if (auto r = up->run(); !r) return r;
  } else if (zone != s.timezone && !zone_warned_) {
    zone_warned_ = true;
    hall::log::warn("hall.timezone is {} in the configuration, but the hall's content says {}; using {} "
                    "(change it in hall.toml and hallctl content import)", s.timezone, zone, zone);
  }
  if (!(hall::hall_zone() == *z)) hall::log::info("hall time zone {}", zone);
  hall::set_hall_zone(*z);
  return {};
}

void Controller::reserve_sequence() {
  if (chp_->sequence() + kSequenceBlock / 10 < sequence_reserved_) return;
  sequence_reserved_ = chp_->sequence() + kSequenceBlock;
  if (auto s = meta_set(*store_, "chp_sequence_reserved", std::to_string(sequence_reserved_)); !s)
    hall::log::error("cannot store the CHP sequence reservation: {}", s.error());
}

hall::Status Controller::reload_hall() {
  const hall::TimeZone before = hall::hall_zone();
  if (auto s = load_hall(); !s) return s;
  publish_hall_info();
  if (!(hall::hall_zone() == before)) publish_clock();
  return {};
}

void Controller::publish_hall_info() {
  publish(hall::wire::HallInfo::kKey, hall::wire::HallInfo{hall_name_, hall_name_en_, hall_logo_}.to_json());
}

void Controller::publish(const std::string& key, const hall::Json& value) {
  publish_bytes(key, value.is_null() ? std::string() : value.dump());
}

void Controller::publish_bytes(const std::string& key, std::string bytes) {
  chp_->set(key, std::move(bytes));
  reserve_sequence();
}

void Controller::handle(Channel channel, const std::string& type, hall::wire::Roles allowed, Handler handler) {
  handlers_[{channel, type}] = {allowed, std::move(handler)};
}

std::vector<std::string> Controller::permitted(Channel channel, const Peer& who) const {
  std::vector<std::string> out;
  for (const auto& [key, route] : handlers_)
    if (key.first == channel && who.may(route.allowed)) out.push_back(key.second);
  return out;
}

void Controller::every(std::chrono::milliseconds interval, std::function<void()> fn) {
  timers_.push_back({interval, std::move(fn), std::chrono::steady_clock::now()});
}

void Controller::watch(int fd, std::function<void()> fn) { watches_.emplace_back(fd, std::move(fn)); }

void Controller::reply(Channel channel, const std::string& peer, const std::string& frame) {
  hall::send_frames(socket(channel), {peer, frame});
}

void Controller::publish_clock() {
  const auto t = options_.now();
  publish(hall::wire::HallClock::kKey,
          hall::wire::HallClock{hall::iso_time(t), hall::epoch_ms(t), hall::utc_offset_minutes(t),
                                hall::hall_zone().name()}.to_json());
}

void Controller::poll_once(std::chrono::milliseconds timeout) {
  auto& items = poll_items_;  // kept between turns: no allocation per poll
  items.assign({{chp_->snapshot_socket().handle(), 0, ZMQ_POLLIN, 0},
                {device_->handle(), 0, ZMQ_POLLIN, 0},
                {admin_->handle(), 0, ZMQ_POLLIN, 0}});
  if (zap_) items.push_back({zap_->socket().handle(), 0, ZMQ_POLLIN, 0});
  const size_t first_watch = items.size();
  for (const auto& w : watches_) items.push_back({nullptr, w.first, ZMQ_POLLIN, 0});
  // A snapshot still being streamed is continued soon (chp_server.h).
  if (chp_->busy()) timeout = std::min(timeout, chp_->retry_after());
  try {
    zmq::poll(items, timeout);
  } catch (const zmq::error_t& e) {
    if (e.num() != EINTR) hall::log::error("poll failed: {}", e.what());
    return;  // a signal: the loop checks stop_requested()
  }
  if (zap_ && (items[3].revents & ZMQ_POLLIN))
    zap_->serve([this](const std::string& domain, const std::string& key) { return admits(domain, key); });
  // A fresh /hall/clock in every snapshot: a screen measures its clock
  // offset on arrival, so a reading up to clock_publish_s old would leave it slow.
  if (items[0].revents & ZMQ_POLLIN) publish_clock();
  if ((items[0].revents & ZMQ_POLLIN) || chp_->busy()) {
    if (secure()) chp_->serve_snapshots([this](const std::string& key) { return keys_.find(key) != nullptr; });
    else chp_->serve_snapshots();
  }
  if (items[1].revents & ZMQ_POLLIN) serve(Channel::Device);
  if (items[2].revents & ZMQ_POLLIN) serve(Channel::Admin);
  for (size_t i = 0; i < watches_.size(); ++i)
    if (items[first_watch + i].revents & ZMQ_POLLIN) watches_[i].second();
  const auto now = std::chrono::steady_clock::now();
  for (auto& t : timers_) {
    if (now - t.last < t.interval) continue;
    t.last = now;
    t.fn();
  }
  chp_->heartbeat(now);
}

void Controller::run() {
  while (!hall::stop_requested()) poll_once(std::chrono::milliseconds(100));
  hall::log::info("controller stopping");
}

void Controller::serve(Channel channel) {
  const char* name = channel == Channel::Admin ? "admin" : "device";
  const size_t limit = channel == Channel::Admin ? hall::kMaxAdminMessageBytes : hall::kMaxMessageBytes;
  for (int budget = 256; budget > 0; --budget) {
    bool truncated = false;
    std::string user;
    auto frames = hall::recv_frames(socket(channel), 3, &truncated, &user);
    if (!frames) return;
    if (frames->size() < 2) continue;
    const std::string& peer = frames->front();
    const Peer unsecured = Peer::unsecured();
    const Peer* who = secure() ? keys_.find(user) : &unsecured;
    std::optional<std::string> reply;
    std::string refused;
    if (!who) {
      hall::log::warn("refused a message on the {} socket: its key was revoked", name);
      reply = hall::encode_error(nullptr, "this key was revoked; ask the hall's administrator for a new one",
                                 "forbidden");
    } else if (truncated || frames->size() != 2) {
      refused = "expected one frame holding a JSON message, got " + std::to_string(frames->size() - 1) +
                (truncated ? " or more" : "");
      reply = hall::encode_refusal((*frames)[1], refused, limit);
    } else if (auto msg = hall::decode_message((*frames)[1], limit); !msg) {
      refused = msg.error();
      reply = hall::encode_refusal((*frames)[1], refused, limit);
    } else {
      reply = dispatch({*msg, peer, channel, *who});
    }
    if (!refused.empty()) {
      // Counted for hallctl status; logged at most once a second, cut short.
      ++refused_[channel == Channel::Admin];
      if (refusal_log_.allow(std::chrono::steady_clock::now())) {
        const uint64_t more = refusal_log_.take_refused();
        hall::log::warn("refused a frame on the {} socket: {}{}", name, hall::utf8::printable(refused, 200),
                        more ? fmt::format(" ({} more not logged)", more) : "");
      }
    }
    if (reply) hall::send_frames(socket(channel), {peer, *reply});
  }
}

std::optional<std::string> Controller::dispatch(const Request& r) {
  auto it = handlers_.find({r.channel, r.message.type});
  if (it == handlers_.end())
    return hall::encode_error(&r.message, "unknown message type \"" + r.message.type + "\" on the " +
                                              (r.channel == Channel::Admin ? "admin" : "device") +
                                              " socket",
                              "unknown_type");
  if (!r.who.may(it->second.allowed))
    return hall::encode_error(&r.message,
                              r.message.type + " needs the role " + hall::wire::role_names(it->second.allowed) +
                                  "; the key " + r.who.name + " is " + hall::wire::role_names(r.who.roles),
                              "forbidden");
  store_->forget_out_of_space();
  auto reply = it->second.handler(r);
  // A store_error from any handler on a full disk is told as store_full, so
  // every writer (content, notices, reviews, cases, screen reports) learns to
  // retry once space returns, as the kiosks do.
  if (reply && store_->out_of_space() && reply->find("\"store_error\"") != std::string::npos) {
    auto decoded = hall::decode_message(*reply, hall::kMaxAdminMessageBytes);
    if (decoded && decoded->type == "error" && decoded->body.value("code", "") == "store_error") {
      store_space(true, 1);
      return hall::encode_error(&r.message,
                                "the controller's disk is full (under " + store_->path() +
                                    "); nothing was changed: try again once space is freed",
                                "store_full");
    }
  }
  return reply;
}

std::optional<std::string> Controller::on_hello(const Request& r) {
  const hall::Message& msg = r.message;
  auto hello = hall::wire::Hello::from_message(msg);
  if (!hello) return hall::encode_error(&msg, hello.error(), "bad_request");
  const std::string& id = hello->device_id;
  if (auto why = r.impostor(id)) return hall::encode_error(&msg, *why, "forbidden");
  auto known = store_->prepared("SELECT 1 FROM devices WHERE id = ?1");
  if (!known) return hall::encode_error(&msg, known.error(), "store_error");
  (*known)->bind(1, id);
  auto row = (*known)->step();
  (*known)->reset();
  if (!row) return hall::encode_error(&msg, row.error(), "store_error");
  if (!*row && !new_devices_.allow(std::chrono::steady_clock::now()))
    return hall::encode_error(&msg,
                              "too many new devices this minute (controller.new_devices_per_min = " +
                                  std::to_string(options_.settings.new_devices_per_min) + "); say hello again shortly",
                              "rate_limited");
  const std::string now = hall::iso_time(options_.now());
  // A set_aside the device has not told before is kept with the time it
  // was first heard; an empty one leaves the last report standing.
  auto st = store_->prepare(
      "INSERT INTO devices(id, kind, version, first_seen, last_seen, set_aside, set_aside_at) "
      "VALUES (?1, ?2, ?3, ?4, ?4, ?5, CASE WHEN ?5 = '' THEN '' ELSE ?4 END) "
      "ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, version = excluded.version, "
      "last_seen = excluded.last_seen, "
      "set_aside_at = CASE WHEN excluded.set_aside IN ('', set_aside) THEN set_aside_at ELSE excluded.last_seen END, "
      "set_aside = CASE WHEN excluded.set_aside = '' THEN set_aside ELSE excluded.set_aside END");
  if (!st) return hall::encode_error(&msg, st.error(), "store_error");
  st->bind(1, id).bind(2, hello->device).bind(3, hello->version).bind(4, now).bind(5, hello->set_aside);
  if (auto s = st->run(); !s) {
    // A full disk is logged, and told as store_full, by dispatch.
    if (!store_->out_of_space()) hall::log::error("cannot record device {}: {}", id, s.error());
    return hall::encode_error(&msg, "the controller could not record this device; see its log", "store_error");
  }
  if (store_full()) store_space(false);
  return hall::encode_reply(msg, hall::wire::Welcome::kType, hall::wire::Welcome{hall_name_, now}.to_json());
}

void Controller::store_space(bool full, uint64_t refused) {
  const auto now = std::chrono::steady_clock::now();
  full_refused_ += refused;
  if (full && !full_since_) {
    full_since_ = options_.now();
    full_began_ = now;
    ++full_episodes_;
    (void)full_log_.allow(now);
    hall::log::error("the disk under the store {} is full: ratings are refused with store_full (retryable) and wait "
                     "in the kiosks' outboxes. Free space there; the controller goes on by itself",
                     store_->path());
  } else if (full) {
    if (full_log_.allow(now))
      hall::log::error("the disk under the store {} is still full ({} s; {} request(s) refused so far)",
                       store_->path(),
                       std::chrono::duration_cast<std::chrono::seconds>(now - full_began_).count(),
                       full_refused_);
  } else if (full_since_) {
    full_last_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(now - full_began_).count();
    full_since_.reset();
    hall::log::info("the store {} takes writes again after {} ms of a full disk", store_->path(), full_last_ms_);
  }
}

void Controller::prune_devices() {
  const int days = options_.settings.device_prune_days;
  if (days <= 0) return;
  auto st = store_->prepare("DELETE FROM devices WHERE julianday(last_seen) < julianday(?1)");
  if (!st) return;
  st->bind(1, hall::iso_time(options_.now() - std::chrono::hours(24) * days));
  if (auto s = st->run(); !s) hall::log::error("cannot prune the devices: {}", s.error());
  else if (const auto n = store_->changes(); n > 0)
    hall::log::info("forgot {} device(s) not heard from for {} days", n, days);
}

std::optional<std::string> Controller::on_status(const Request& r) {
  const hall::Message& msg = r.message;
  if (auto s = hall::check_fields(msg, {{"limit", hall::FieldType::Integer, false},
                                        {"offset", hall::FieldType::Integer, false}});
      !s)
    return hall::encode_error(&msg, s.error(), "bad_request");
  const int64_t limit = msg.body.value("limit", int64_t{kStatusDevices});
  const int64_t offset = msg.body.value("offset", int64_t{0});
  if (limit < 1 || limit > kStatusDevicesMax)
    return hall::encode_error(&msg, "\"limit\" must be 1-" + std::to_string(kStatusDevicesMax), "bad_request");
  if (offset < 0) return hall::encode_error(&msg, "\"offset\" must not be negative", "bad_request");
  // The devices come as a summary and one page, so the reply stays small
  // whatever the registry holds.
  hall::Json devices = hall::Json::array();
  auto st = store_->prepare("SELECT id, kind, version, last_seen FROM devices ORDER BY kind, id LIMIT ?1 OFFSET ?2");
  if (!st) return hall::encode_error(&msg, st.error(), "store_error");
  st->bind(1, limit).bind(2, offset);
  while (auto row = st->step()) {
    if (!*row) break;
    devices.push_back({{"id", st->column_text(0)},
                       {"kind", st->column_text(1)},
                       {"version", st->column_text(2)},
                       {"last_seen", st->column_text(3)}});
  }
  hall::Json by_kind = hall::Json::object();
  int64_t total = 0;
  auto kinds = store_->prepare("SELECT kind, count(*) FROM devices GROUP BY kind ORDER BY kind");
  if (!kinds) return hall::encode_error(&msg, kinds.error(), "store_error");
  while (auto row = kinds->step()) {
    if (!*row) break;
    by_kind[kinds->column_text(0)] = kinds->column_int(1);
    total += kinds->column_int(1);
  }
  // Damaged local data devices set aside in the last week (their hellos).
  hall::Json set_aside = hall::Json::array();
  auto aside = store_->prepare(
      "SELECT id, kind, set_aside, set_aside_at FROM devices WHERE set_aside_at <> '' AND "
      "julianday(set_aside_at) >= julianday(?1) ORDER BY julianday(set_aside_at) DESC, id LIMIT ?2");
  if (!aside) return hall::encode_error(&msg, aside.error(), "store_error");
  aside->bind(1, hall::iso_time(options_.now() - kSetAsideShown)).bind(2, kStatusSetAsideMax);
  while (auto row = aside->step()) {
    if (!*row) break;
    set_aside.push_back({{"id", aside->column_text(0)},
                         {"kind", aside->column_text(1)},
                         {"what", aside->column_text(2)},
                         {"at", aside->column_text(3)}});
  }
  hall::Json alarms = hall::Json::array();
  for (const auto& source : alarm_sources_)
    for (auto& line : source()) alarms.push_back(std::move(line));
  const auto& chp = chp_->counters();
  const std::string purged = meta_get(*store_, kPhonesPurgedMeta);  // cases/phone_purge.h keeps it
  const int64_t phones_purged = purged.empty() ? 0 : std::stoll(purged);
  const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::steady_clock::now() - started_);
  return hall::encode_reply(msg, "status", {{"hall", hall_name_},
                      {"timezone", hall::hall_zone().name()},
                      {"time", hall::iso_time(options_.now())},
                      {"version", HALL_VERSION},
                      {"uptime_s", uptime.count()},
                      {"sequence", chp_->sequence()},
                      {"keys", chp_->size()},
                      {"store", store_->path()},
                      {"schema_version", store_->schema_version()},
                      {"security", secure() ? "curve" : "none"},
                      {"devices", devices},
                      {"devices_total", total},
                      {"devices_by_kind", by_kind},
                      {"set_aside", set_aside},
                      {"alarms", alarms},
                      {"offset", offset},
                      {"refused", {{"device", refused_[0]},
                                   {"admin", refused_[1]},
                                   {"snapshot", chp.refused},
                                   {"new_devices", new_devices_.refused_total()}}},
                      {"snapshots", {{"sent", chp.snapshots}, {"stalled_peers", chp.stalled_peers}}},
                      {"phones", {{"purged", phones_purged}}},
                      {"disk_full", {{"now", full_since_.has_value()},
                                     {"since", full_since_ ? hall::iso_time(*full_since_) : std::string()},
                                     {"refused", full_refused_},
                                     {"episodes", full_episodes_},
                                     {"last_ms", full_last_ms_}}}});
}

}  // namespace controller
