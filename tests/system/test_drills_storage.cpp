// The storage drills of docs/reliability.md (issue 12), with the real
// programs: a full disk under the controller's store (a small tmpfs, as
// root), a corrupt store with backup and restore, and a corrupt signage
// cache and kiosk outbox. Each runs short in the suite and long with
// `scripts/drill NAME` (drill.h), and prints one DRILL figures line.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <signal.h>

#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include "common/store/store_file.h"
#include "common/time/clock.h"
#include "common/wire/uuid.h"
#include "db_query.h"
#include "drill.h"
#include "harness.h"
#include "queue_hall.h"

using namespace testing;
using Json = nlohmann::json;

namespace {

// `hall-kiosk --simulate` for `tickets`, giving up after `timeout_s`.
std::vector<std::string> simulate_for(const QueueHall& q, const std::string& id, const std::string& tickets,
                                      int timeout_s) {
  auto args = simulate_args(q.hall, id, tickets);
  args.insert(args.end(), {"--timeout", std::to_string(timeout_s)});
  return args;
}

// One rating as a kiosk sends it.
struct Rating {
  std::string uuid, ticket, created_at;
  int score = 4;
};

struct Reply {
  std::string type;  // evaluation.ack, error, or "" for no reply
  std::string code;
  bool permanent = false;
};

// A kiosk written from docs/protocol.md: a DEALER on the device port that
// sends ratings with at most 32 in flight and collects the replies by uuid.
class Rater {
 public:
  explicit Rater(int device_port) : socket_(ctx_, zmq::socket_type::dealer) {
    socket_.set(zmq::sockopt::linger, 0);
    socket_.connect("tcp://127.0.0.1:" + std::to_string(device_port));
  }

  // Sends each rating once; a rating with no reply within 3 s has type "".
  std::map<std::string, Reply> send(const std::vector<Rating>& list) {
    std::map<std::string, Reply> out;
    std::map<int64_t, std::string> waiting;  // id -> uuid
    size_t next = 0;
    auto quiet_since = std::chrono::steady_clock::now();
    while ((next < list.size() || !waiting.empty()) && std::chrono::steady_clock::now() - quiet_since < 3s) {
      while (next < list.size() && waiting.size() < 32) {
        const Rating& r = list[next++];
        const int64_t id = ++id_;
        Json m = {{"type", "evaluation.submit"}, {"id", id},      {"uuid", r.uuid},   {"ticket", r.ticket},
                  {"score", r.score},            {"reasons", Json::array()}, {"phone", ""},
                  {"kiosk_id", "drill-rater"},   {"created_at", r.created_at}};
        const std::string f = m.dump();
        socket_.send(zmq::buffer(f), zmq::send_flags::none);
        waiting[id] = r.uuid;
      }
      zmq::pollitem_t item{socket_.handle(), 0, ZMQ_POLLIN, 0};
      zmq::poll(&item, 1, std::chrono::milliseconds(100));
      if (!(item.revents & ZMQ_POLLIN)) continue;
      zmq::message_t msg;
      while (socket_.recv(msg, zmq::recv_flags::dontwait)) {
        quiet_since = std::chrono::steady_clock::now();
        const Json j = Json::parse(msg.to_string(), nullptr, false);
        if (!j.is_object() || !j.contains("re")) continue;
        auto it = waiting.find(j["re"].get<int64_t>());
        if (it == waiting.end()) continue;
        Reply& r = out[it->second];
        r.type = j.value("type", "");
        r.code = j.value("code", "");
        r.permanent = j.value("permanent", false);
        waiting.erase(it);
      }
    }
    for (const auto& [id, uuid] : waiting) out[uuid] = Reply{};
    return out;
  }

 private:
  zmq::context_t ctx_;
  zmq::socket_t socket_;
  int64_t id_ = 0;
};

std::vector<Rating> ratings(const std::string& prefix, int from, int to) {
  std::vector<Rating> out;
  for (int i = from; i <= to; ++i) {
    const auto now = std::chrono::system_clock::now();
    out.push_back({hall::uuid_v7(now), fmt::format("{}{:04}", prefix, i), hall::iso_time(now), 1 + i % 5});
  }
  return out;
}

int64_t stored(const std::string& db, const std::string& uuid) {
  return db_scalar(db, "SELECT count(*) FROM evaluations WHERE uuid = '" + uuid + "'");
}

// A tmpfs of `mb` MiB mounted on `dir` for the life of the object (root
// only; CI runs as root). Unmounted (lazily, if a file is still open) first
// thing on destruction, so the temp dir under it can be removed.
class Tmpfs {
 public:
  Tmpfs(const fs::path& dir, int mb) : dir_(dir) {
    fs::create_directories(dir);
    const std::string opts = "size=" + std::to_string(mb) + "m";
    if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, opts.c_str()) == 0) mounted_ = true;
    else error_ = std::string("mount -t tmpfs on ") + dir.string() + ": " + std::strerror(errno);
  }
  ~Tmpfs() {
    if (mounted_ && ::umount(dir_.c_str()) != 0) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }

 private:
  fs::path dir_;
  bool mounted_ = false;
  std::string error_;
};

// Writes `path` until the file system says ENOSPC; returns the bytes written.
int64_t fill(const fs::path& path) {
  int64_t written = 0;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return -1;
  std::setvbuf(f, nullptr, _IONBF, 0);
  const std::string block(1 << 20, 'x');
  for (size_t chunk : {size_t{1} << 20, size_t{4096}, size_t{512}, size_t{1}}) {
    for (int i = 0; i < 100000; ++i) {
      const size_t n = std::fwrite(block.data(), 1, chunk, f);
      written += static_cast<int64_t>(n);
      if (n < chunk) break;
    }
    std::clearerr(f);
  }
  std::fclose(f);
  return written;
}

}  // namespace

TEST_CASE("disk full drill: kiosks get a retryable store_full, nothing acked is lost, the controller recovers",
          "[drill][drill-diskfull]") {
  const int before = drill_size(50, 300);   // rated while there is space
  const int during = drill_size(150, 2000);  // rated while the disk is full
  const int by_kiosk = drill_size(60, 600);  // a real kiosk's ratings, queued while full
  const int total = before + during + by_kiosk;
  QueueHall d(total, "F");
  REQUIRE(d.sim->wait_for_log("serving feed"));
  Tmpfs disk(d.hall.dir.path() / "var", 16);
  INFO(disk.error());
  REQUIRE(disk.mounted());
  auto controller = std::make_unique<Process>("hall-controller", d.controller, d.hall.dir.path() / "controller.log");
  REQUIRE(controller->wait_for_log("controller up"));
  REQUIRE(d.tickets_stored(fmt::format("F{:04}", total)));

  Rater rater(d.hall.base + 3);
  std::set<std::string> acked;
  auto first = ratings("F", 1, before);
  for (const auto& [uuid, r] : rater.send(first)) {
    CHECK(r.type == "evaluation.ack");
    if (r.type == "evaluation.ack") acked.insert(uuid);
  }

  // The disk fills up.
  const fs::path filler = d.hall.dir.path() / "var" / "filler";
  const int64_t filled = fill(filler);
  REQUIRE(filled > 0);
  const auto full_at = std::chrono::steady_clock::now();
  Process kiosk("hall-kiosk", simulate_for(d, "drill-full", fmt::format("F{:04}-F{:04}", before + during + 1, total), 120),
                d.hall.dir.path() / "kiosk.log");
  auto second = ratings("F", before + 1, before + during);
  int refused_full = 0, refused_other = 0, permanent = 0, no_reply = 0, acked_full = 0;
  std::vector<Rating> again;
  auto replies = rater.send(second);
  for (const auto& r : second) {
    const Reply& reply = replies[r.uuid];
    if (reply.type == "evaluation.ack") {
      ++acked_full;  // the WAL still had room: stored
      acked.insert(r.uuid);
      continue;
    }
    again.push_back(r);
    if (reply.type.empty()) ++no_reply;
    else if (reply.permanent) ++permanent;
    else if (reply.code == "store_full") ++refused_full;
    else ++refused_other;
  }
  INFO("while full: acked " << acked_full << ", store_full " << refused_full << ", other " << refused_other
                            << ", permanent " << permanent << ", no reply " << no_reply);
  CHECK(permanent == 0);
  CHECK(no_reply == 0);
  CHECK(refused_other == 0);
  REQUIRE(refused_full > 0);
  // Still serving, and says so.
  CHECK(controller->running());
  auto status = run("hallctl", d.hall.hallctl_args({"status", "--json"}));
  REQUIRE(status.code == 0);
  const Json disk_status = Json::parse(status.output)["disk_full"];
  CHECK(disk_status["now"] == true);
  CHECK(disk_status["refused"].get<int64_t>() >= refused_full);
  CHECK_THAT(run("hallctl", d.hall.hallctl_args({"status"})).output, Catch::Contains("disk:      FULL since"));
  CHECK_THAT(controller->log(), Catch::Contains("is full"));
  // Every other writer is told the same: retry once space is freed.
  const auto notice = run("hallctl", d.hall.hallctl_args({"notice", "post", "磁盘已满时发布的通知"}));
  CHECK(notice.code != 0);
  CHECK_THAT(notice.output, Catch::Contains("disk is full") && Catch::Contains("try again"));
  // Rate-limited: one line when it starts, at most one a minute after.
  const std::string log_full = controller->log();
  size_t full_lines = 0;
  for (size_t p = log_full.find("store_full"); p != std::string::npos; p = log_full.find("store_full", p + 1))
    ++full_lines;
  CHECK(full_lines <= 3);
  CHECK(full_lines >= 1);
  const auto kiosk_outbox = d.hall.dir.str("kiosk") + "/drill-full/outbox.db";
  // The kiosk is told to wait too; the disk stays full a while longer.
  CHECK(kiosk.wait_for_log("store_full", 60s));
  std::this_thread::sleep_for(drill_size(2s, 30s));
  CHECK(controller->running());
  const int64_t kiosk_waiting = db_scalar(kiosk_outbox, "SELECT count(*) FROM outbox");
  CHECK(kiosk_waiting > 0);
  const double full_s = seconds_since(full_at);

  // Space returns: the same ratings again, as a kiosk resends them.
  fs::remove(filler);
  const auto freed_at = std::chrono::steady_clock::now();
  double rater_recovered_s = -1;
  for (int round = 0; round < 60 && !again.empty(); ++round) {
    auto replies2 = rater.send(again);
    std::vector<Rating> left;
    for (const auto& r : again) {
      const Reply& reply = replies2[r.uuid];
      CHECK_FALSE(reply.permanent);
      if (reply.type == "evaluation.ack") acked.insert(r.uuid);
      else left.push_back(r);
    }
    again.swap(left);
    if (again.empty()) rater_recovered_s = seconds_since(freed_at);
    else std::this_thread::sleep_for(250ms);
  }
  CHECK(again.empty());
  INFO(kiosk.log());
  REQUIRE(kiosk.wait(90s) == 0);
  const double kiosk_drained_s = seconds_since(freed_at);
  CHECK_THAT(kiosk.log(), Catch::Contains(" left=0 ") && Catch::Contains("drained"));
  CHECK_THAT(kiosk.log(), Catch::Contains("store_full"));  // it was told to wait, and waited
  CHECK(db_scalar(kiosk_outbox, "SELECT count(*) FROM outbox") == 0);
  CHECK(db_scalar(kiosk_outbox, "SELECT count(*) FROM rejected") == 0);
  status = run("hallctl", d.hall.hallctl_args({"status", "--json"}));
  REQUIRE(status.code == 0);
  CHECK(Json::parse(status.output)["disk_full"]["now"] == false);
  CHECK(controller->running());

  int64_t lost = 0;
  for (const auto& u : acked) lost += stored(d.db, u) != 1;
  const int64_t rows = db_scalar(d.db, "SELECT count(*) FROM evaluations");
  const int64_t kiosk_rows = db_scalar(d.db, "SELECT count(*) FROM evaluations WHERE kiosk_id = 'drill-full'");
  CHECK(lost == 0);
  CHECK(rows == total);
  CHECK(kiosk_rows == by_kiosk);
  size_t error_lines = 0;  // rate-limited: the start of the spell, at most one a minute after
  const std::string clog = controller->log();
  for (size_t p = clog.find("is full"); p != std::string::npos; p = clog.find("is full", p + 1)) ++error_lines;
  for (size_t p = clog.find("is still full"); p != std::string::npos; p = clog.find("is still full", p + 1))
    ++error_lines;
  CHECK(error_lines <= 2 + static_cast<size_t>(full_s / 60));
  controller->signal(SIGTERM);
  CHECK(controller->wait(10s) == 0);
  drill_report("diskfull",
               fmt::format("tried=\"16 MiB tmpfs under the store filled ({} bytes), {} ratings from a client and {} "
                           "from a real kiosk while full ({:.1f} s), then space freed\" lost={} acked_before={} "
                           "attempted_full={} acked_full={} refused_retryable={} refused_permanent={} no_reply={} "
                           "kiosk_queued={} kiosk_waiting_while_full={} stored_after_recovery={} rows={} client_recovered_s={:.2f} "
                           "kiosk_drained_s={:.2f} controller_log_lines={}",
                           filled, during, by_kiosk, full_s, lost, before, during, acked_full, refused_full,
                           permanent, no_reply, by_kiosk, kiosk_waiting, rows - before - acked_full, rows, rater_recovered_s,
                           kiosk_drained_s, error_lines));
}

namespace {
// Overwrites `pages` pages of 4 KiB in the middle of `path` with random
// bytes, as a failing disk or a stray write would. Returns the first page.
int64_t damage_pages(const fs::path& path, int pages, uint32_t seed) {
  const auto size = static_cast<int64_t>(fs::file_size(path));
  const int64_t first = std::max<int64_t>(1, size / 4096 / 2 - pages / 2);
  std::mt19937 rng(seed);
  std::string junk(static_cast<size_t>(pages) * 4096, '\0');
  for (auto& c : junk) c = static_cast<char>(rng());
  std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
  f.seekp(first * 4096);
  f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  return first;
}

// Adds `n` made-up ratings straight into a copy of a store, for timing the
// checks on a store of a realistic size.
void add_synthetic_ratings(const std::string& db, int n) {
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  const std::string sql = fmt::format(
      "BEGIN; INSERT INTO evaluations(uuid, ticket_id, ticket, service_item_id, service_item_name, window_number, "
      "window_name, staff_id, staff_name, score, reasons, phone, kiosk_id, created_at, created_ms, received_at, "
      "received_ms, phone_masked) WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < {}) "
      "SELECT printf('%08x-0000-7000-8000-%012x', i, i), 10000000 + i, printf('S%05d', i % 100000), "
      "'item-' || (i % 40), '不动产登记业务办理' || (i % 40), i % 30, '窗口' || (i % 30), 'staff-' || (i % 60), "
      "'工作人员' || (i % 60), 1 + i % 5, CASE WHEN i % 5 < 2 THEN '[\"long_wait\"]' ELSE '[]' END, "
      "CASE WHEN i % 7 = 0 THEN hex(randomblob(40)) ELSE '' END, 'kiosk-' || (i % 10), "
      "'2026-11-27T09:00:00+08:00', 1795743000000 + i * 1000, '2026-11-27T09:00:01+08:00', "
      "1795743001000 + i * 1000, CASE WHEN i % 7 = 0 THEN '138****5678' ELSE '' END FROM c; COMMIT;",
      n);
  char* err = nullptr;
  const int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
  INFO((err ? err : ""));
  sqlite3_free(err);
  sqlite3_close(h);
  REQUIRE(rc == SQLITE_OK);
}
}  // namespace

TEST_CASE("corrupt store drill: a backup during a burst, a damaged store refused at start, restored, nothing lost",
          "[drill][drill-corrupt-store]") {
  const int n = drill_size(600, 4000);              // ratings in the burst, a third each phase
  const int synthetic = drill_size(10000, 100000);  // ratings in the store whose check is timed
  QueueHall d(n, "C");
  REQUIRE(d.sim->wait_for_log("serving feed"));
  auto controller = std::make_unique<Process>("hall-controller", d.controller, d.hall.dir.path() / "c1.log");
  REQUIRE(controller->wait_for_log("controller up"));
  REQUIRE(d.tickets_stored(fmt::format("C{:04}", n)));

  Rater rater(d.hall.base + 3);
  auto acked_in = [&](const std::vector<Rating>& list) {
    std::set<std::string> out;
    for (const auto& [uuid, r] : rater.send(list))
      if (r.type == "evaluation.ack") out.insert(uuid);
    return out;
  };
  const int third = n / 3;
  const auto before = acked_in(ratings("C", 1, third));
  REQUIRE(before.size() == static_cast<size_t>(third));
  // The backup runs while the next third is rated.
  const std::string backup = d.hall.dir.str("hall-backup.db");
  const auto backup_began = std::chrono::steady_clock::now();
  Process backup_run("hallctl", d.hall.hallctl_args({"backup", backup}), d.hall.dir.path() / "backup.log");
  const auto during = acked_in(ratings("C", third + 1, 2 * third));
  REQUIRE(backup_run.wait(60s) == 0);
  const double backup_s = seconds_since(backup_began);
  INFO(backup_run.log());
  CHECK_THAT(backup_run.log(), Catch::Contains("integrity_check ok") && Catch::Contains("phone.key"));
  // A restore while the controller runs is refused, and changes nothing.
  auto refused = run("hallctl", d.hall.hallctl_args({"restore", backup}));
  CHECK(refused.code == 1);
  CHECK_THAT(refused.output, Catch::Contains("a controller is running") && Catch::Contains("nothing was changed"));
  const auto after = acked_in(ratings("C", 2 * third + 1, n));
  controller->signal(SIGTERM);
  REQUIRE(controller->wait(10s) == 0);
  const int64_t rows_before_damage = db_scalar(d.db, "SELECT count(*) FROM evaluations");
  CHECK(rows_before_damage == static_cast<int64_t>(before.size() + during.size() + after.size()));
  const int64_t in_backup = db_scalar(backup, "SELECT count(*) FROM evaluations");
  int64_t before_missing_in_backup = 0;
  for (const auto& u : before) before_missing_in_backup += stored(backup, u) != 1;
  CHECK(before_missing_in_backup == 0);

  // Pages in the middle of the live store are overwritten.
  const int64_t page = damage_pages(d.db, 4, 12);
  const std::string damaged = slurp(d.db);
  auto refusing = std::make_unique<Process>("hall-controller", d.controller, d.hall.dir.path() / "c2.log");
  const int refused_code = refusing->wait(30s);
  const std::string refusal = refusing->log();
  INFO(refusal);
  CHECK(refused_code == 1);
  CHECK_THAT(refusal, Catch::Contains(d.db + " is damaged") && Catch::Contains("hallctl restore") &&
                          Catch::Contains("will not start"));
  CHECK(slurp(d.db) == damaged);  // never repaired, overwritten or recreated

  // Restored from the backup, the controller starts.
  const auto restore_began = std::chrono::steady_clock::now();
  auto restored = run("hallctl", d.hall.hallctl_args({"restore", backup}));
  const double restore_s = seconds_since(restore_began);
  INFO(restored.output);
  REQUIRE(restored.code == 0);
  std::string aside;
  for (const auto& e : fs::directory_iterator(d.hall.dir.path() / "var"))
    if (e.path().filename().string().rfind("hall.db.replaced-", 0) == 0 &&
        e.path().filename().string().find("-wal") == std::string::npos &&
        e.path().filename().string().find("-shm") == std::string::npos)
      aside = e.path().string();
  REQUIRE(!aside.empty());
  CHECK(slurp(aside) == damaged);  // kept aside, byte for byte
  CHECK_THAT(restored.output, Catch::Contains(aside));
  controller = std::make_unique<Process>("hall-controller", d.controller, d.hall.dir.path() / "c3.log");
  REQUIRE(controller->wait_for_log("controller up"));
  CHECK_THAT(controller->log(), Catch::Contains("checked (quick_check"));
  int64_t lost = 0, during_kept = 0;
  for (const auto& u : before) lost += stored(d.db, u) != 1;
  for (const auto& u : during) during_kept += stored(d.db, u) == 1;
  const int64_t rows_restored = db_scalar(d.db, "SELECT count(*) FROM evaluations");
  CHECK(lost == 0);
  CHECK(rows_restored == in_backup);
  // Still taking ratings.
  CHECK(acked_in(ratings("C", 2 * third + 1, 2 * third + 5)).size() == 5);
  // After kill -9 the next start runs the full check.
  controller->signal(SIGKILL);
  controller->wait();
  controller = std::make_unique<Process>("hall-controller", d.controller, d.hall.dir.path() / "c4.log");
  REQUIRE(controller->wait_for_log("controller up"));
  CHECK_THAT(controller->log(), Catch::Contains("integrity_check") && Catch::Contains("after an unclean stop"));
  controller->signal(SIGTERM);
  CHECK(controller->wait(10s) == 0);

  // How long the start checks take on a store of `synthetic` ratings.
  const std::string big = d.hall.dir.str("big.db");
  fs::copy_file(backup, big);
  add_synthetic_ratings(big, synthetic);
  auto time_check = [&](hall::CheckDepth depth) {
    const auto t = std::chrono::steady_clock::now();
    auto problems = hall::check_store_file(big, depth);
    REQUIRE(problems);
    CHECK(problems->empty());
    return seconds_since(t);
  };
  const double quick_s = time_check(hall::CheckDepth::Quick);
  const double full_s = time_check(hall::CheckDepth::Full);
  drill_report("corrupt-store",
               fmt::format("tried=\"hallctl backup during a burst of {} ratings, 4 pages in the middle of the "
                           "stopped store overwritten, start, hallctl restore, start\" lost={} acked_before_backup={} "
                           "acked_during_backup={} acked_after_backup={} in_backup={} during_in_backup={} "
                           "start_refused={} damaged_page={} backup_s={:.2f} restore_s={:.2f} rows_restored={} "
                           "big_store_ratings={} big_store_mb={:.1f} quick_check_s={:.2f} integrity_check_s={:.2f}",
                           n, lost, before.size(), during.size(), after.size(), in_backup, during_kept,
                           refused_code == 1 ? "yes" : "no", page, backup_s, restore_s, rows_restored,
                           db_scalar(big, "SELECT count(*) FROM evaluations"),
                           static_cast<double>(fs::file_size(big)) / (1 << 20), quick_s, full_s));
}

namespace {
// The files in `dir` whose names start with `prefix`.
std::vector<fs::path> named(const fs::path& dir, const std::string& prefix) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().filename().string().rfind(prefix, 0) == 0) out.push_back(e.path());
  return out;
}

// The waiting uuids an outbox file holds, read as far as SQLite can.
std::set<std::string> outbox_uuids(const std::string& db) {
  std::set<std::string> out;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    for (const char* sql : {"SELECT uuid FROM outbox ORDER BY seq", "SELECT uuid FROM outbox ORDER BY seq DESC"}) {
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(h, sql, -1, &st, nullptr) != SQLITE_OK) continue;
      while (sqlite3_step(st) == SQLITE_ROW) out.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
      sqlite3_finalize(st);
    }
  }
  sqlite3_close(h);
  return out;
}
}  // namespace

TEST_CASE("corrupt cache drill: a damaged signage cache and kiosk outbox are set aside, reported, and work goes on",
          "[drill][drill-corrupt-cache]") {
  const int rounds = drill_size(2, 10);     // damaged signage caches, each a different way
  const int queued = drill_size(200, 1000);  // ratings waiting in the kiosk's outbox when it is damaged
  QueueHall d(queued + 1, "K");
  REQUIRE(d.sim->wait_for_log("serving feed"));

  // The kiosk queues its ratings with no controller, and stops.
  auto first = run("hall-kiosk", simulate_for(d, "drill-box", fmt::format("K0001-K{:04}", queued), 1), 60s);
  INFO(first.output);
  REQUIRE(first.code == 1);
  CHECK_THAT(first.output, Catch::Contains(fmt::format("queued={}", queued)));
  const std::string box = d.hall.dir.str("kiosk") + "/drill-box/outbox.db";
  const auto all = outbox_uuids(box);
  REQUIRE(all.size() == static_cast<size_t>(queued));
  damage_pages(box, 1, 7);
  const std::string damaged = slurp(box);
  const auto readable = outbox_uuids(box);  // what SQLite can still read
  // The controller comes; the kiosk starts (one more rating to make).
  auto controller = std::make_unique<Process>("hall-controller", d.controller, d.hall.dir.path() / "c.log");
  REQUIRE(controller->wait_for_log("controller up"));
  REQUIRE(d.tickets_stored(fmt::format("K{:04}", queued + 1)));
  auto second = run("hall-kiosk", simulate_for(d, "drill-box", fmt::format("K{0:04}-K{0:04}", queued + 1), 60), 90s);
  INFO(second.output);
  CHECK(second.code == 0);
  CHECK_THAT(second.output, Catch::Contains("the outbox was damaged") && Catch::Contains("drained"));
  auto asides = named(d.hall.dir.path() / "kiosk" / "drill-box", "outbox.db.corrupt-");
  std::erase_if(asides, [](const fs::path& p) { return p.string().ends_with("-wal") || p.string().ends_with("-shm"); });
  REQUIRE(asides.size() == 1);
  CHECK(slurp(asides[0]) == damaged);  // kept byte for byte
  int64_t salvaged_stored = 0;
  for (const auto& u : readable) salvaged_stored += stored(d.db, u) == 1;
  CHECK(salvaged_stored == static_cast<int64_t>(readable.size()));
  CHECK(db_scalar(box, "SELECT count(*) FROM outbox") == 0);
  // Reported, not only logged: hallctl status names the kiosk and the file.
  const auto told = run("hallctl", d.hall.hallctl_args({"status"}));
  CHECK_THAT(told.output, Catch::Contains("DAMAGED:   kiosk drill-box at ") &&
                              Catch::Contains("damaged outbox set aside as " + asides[0].string()));
  const int64_t unreadable = static_cast<int64_t>(all.size() - readable.size());

  // The screen: a cache written, then damaged in a different way each round.
  auto imported = run("hallctl", d.hall.hallctl_args({"content", "import", HALL_SOURCE_DIR "/config/sample-hall"}));
  REQUIRE(imported.code == 0);
  const fs::path cache = d.hall.dir.path() / "cache-drill";
  auto screen = [&](int frames, const std::string& log) {
    auto args = d.hall.signage_args("drill", frames, d.hall.dir.str(log + ".png"));
    args.insert(args.end(), {"--set", "signage.cache_dir=" + cache.string()});
    return run("hall-signage", args, 60s);
  };
  int set_aside = 0, kept_whole = 0, carried_on = 0, photos_aside = 0;
  for (int round = 0; round < rounds; ++round) {
    INFO("round " << round);
    auto write = screen(60, "write");
    REQUIRE(write.code == 0);
    REQUIRE(fs::exists(cache / "snapshot.bin"));
    std::string bytes = slurp(cache / "snapshot.bin");
    switch (round % 4) {
      case 0: bytes[bytes.size() / 2] ^= 0x5A; break;       // one flipped byte
      case 1: bytes.resize(bytes.size() / 3); break;        // cut short
      case 2: bytes.assign(bytes.size(), '\0'); break;      // zeroed
      default: bytes.insert(bytes.size() / 2, "junk"); break;  // bytes inserted
    }
    { std::ofstream(cache / "snapshot.bin", std::ios::binary | std::ios::trunc) << bytes; }
    const size_t asides_before = named(cache, "snapshot.bin.corrupt-").size();
    std::this_thread::sleep_for(1100ms);  // a new time stamp for this round's set-aside file
    auto again = screen(30, "again");
    INFO(again.output);
    carried_on += again.code == 0;
    if (again.output.find("is corrupt") != std::string::npos) ++set_aside;
    const auto now_aside = named(cache, "snapshot.bin.corrupt-");
    bool whole = false;
    for (const auto& p : now_aside) whole |= slurp(p) == bytes;
    kept_whole += whole && now_aside.size() == asides_before + 1;
    CHECK(fs::exists(cache / "snapshot.bin"));  // written afresh from the controller
  }
  CHECK(set_aside == rounds);
  CHECK(kept_whole == rounds);
  const auto told_screens = Json::parse(run("hallctl", d.hall.hallctl_args({"status", "--json"})).output);
  bool screen_told = false;
  for (const auto& a : told_screens["set_aside"])
    screen_told |= a["id"] == "drill" && a["kind"] == "signage" &&
                   a["what"].get<std::string>().find("snapshot.bin.corrupt-") != std::string::npos;
  CHECK(screen_told);
  CHECK(carried_on == rounds);
  // A damaged photo: left out, set aside, the rest shown (controller down).
  controller->signal(SIGTERM);
  REQUIRE(controller->wait(10s) == 0);
  const auto photos = named(cache / "media", "");
  REQUIRE(!photos.empty());
  { std::ofstream(photos[0], std::ios::binary | std::ios::trunc) << "not a photo any more"; }
  auto offline = screen(20, "offline");
  INFO(offline.output);
  CHECK(offline.code == 0);
  CHECK_THAT(offline.output, Catch::Contains("showing the cached snapshot") && Catch::Contains("1 damaged photos"));
  photos_aside = static_cast<int>(named(cache / "corrupt", "").size());
  CHECK(photos_aside == 1);

  drill_report("corrupt-cache",
               fmt::format("tried=\"a kiosk outbox of {} waiting ratings with one page overwritten; a signage "
                           "snapshot damaged {} times (flipped, cut, zeroed, inserted bytes) and a cached photo\" "
                           "lost={} outbox_queued={} outbox_salvaged_and_delivered={} unacked_on_damaged_page={} "
                           "outbox_set_aside=1 snapshots_set_aside={} snapshots_kept_whole={} screens_carried_on={} "
                           "photos_set_aside={}",
                           queued, rounds, 0, queued, salvaged_stored, unreadable, set_aside, kept_whole, carried_on,
                           photos_aside));
}
