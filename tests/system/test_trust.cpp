// Trust through the real programs (issue 11), every socket with CURVE: the
// real hall-controller makes its keys and the first admin key, the real
// hallctl generates, enrolls and revokes keys and acts with them, a real
// hall-signage runs with an enrolled or an unenrolled key, and in-test CURVE
// clients (our SocketFactory with a key pair, as a stranger on the hall
// network would hold) ask the CHP, device and admin sockets directly.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sqlite3.h>

#include <thread>

#include <nlohmann/json.hpp>

#include "common/access/security.h"
#include "common/chp/chp_client.h"
#include "common/time/clock.h"
#include "common/wire/codec.h"
#include "common/wire/frames.h"
#include "common/wire/uuid.h"
#include "harness.h"

using namespace testing;
using Json = nlohmann::json;

namespace {

// A secured hall with its controller, and hallctl as any key of hall.dir/keys.
struct SecureHall {
  Hall hall;
  std::unique_ptr<Process> controller;

  explicit SecureHall(std::vector<std::string> extra = {}) {
    hall.secure = true;
    start(std::move(extra));
  }
  void start(std::vector<std::string> extra = {}, const std::string& log = "controller.log") {
    auto args = Hall::with(hall.controller_args(), extra);
    controller = std::make_unique<Process>("hall-controller", args, hall.dir.path() / log);
    REQUIRE(controller->wait_for_log("controller up"));
    REQUIRE_THAT(controller->log(), Catch::Contains("security curve"));
  }
  std::string key_file(const std::string& name) const { return hall.dir.str("keys/" + name + ".key_secret"); }
  std::string server_key() const { return hall.dir.str("var/keys/controller.key"); }

  // hallctl with the first admin key (var/keys/admin.key_secret).
  RunResult admin(std::vector<std::string> args) const { return run("hallctl", hall.hallctl_args(std::move(args))); }
  // hallctl with the key `name` of hall.dir/keys.
  RunResult as(const std::string& name, std::vector<std::string> args) const {
    args.insert(args.begin(), {"--key", key_file(name)});
    return run("hallctl", hall.hallctl_args(std::move(args)));
  }
  void generate(const std::string& name) const {
    auto r = admin({"keys", "generate", name, "--dir", hall.dir.str("keys")});
    INFO(r.output);
    REQUIRE(r.code == 0);
  }
  void enroll(const std::string& name, const std::string& role, const std::string& staff = "") const {
    generate(name);
    std::vector<std::string> a = {"keys", "enroll", name, "--role", role, hall.dir.str("keys/" + name + ".key")};
    if (!staff.empty()) a.insert(a.end(), {"--staff", staff});
    auto r = admin(a);
    INFO(r.output);
    REQUIRE(r.code == 0);
  }
  // The sample content, imported by a manager's key (admin keys manage keys only).
  void import_sample() const {
    enroll("boss", "manager");
    auto r = as("boss", {"content", "import", kSample});
    INFO(r.output);
    REQUIRE(r.code == 0);
  }
  hall::Curve curve(const std::string& name) const {
    auto c = hall::client_curve(key_file(name), server_key());
    REQUIRE(c);
    return *c;
  }
};

// A DEALER holding a key, on the device or admin socket.
struct KeyedClient {
  zmq::context_t ctx;
  hall::SocketFactory sockets;
  zmq::socket_t socket;
  KeyedClient(const hall::Curve& curve, int port)
      : sockets(ctx, {}, curve), socket(std::move(*sockets.connect(zmq::socket_type::dealer, {"127.0.0.1", port}))) {}
  // The reply, or null when nothing comes within `timeout`.
  Json ask(const std::string& type, Json fields, std::chrono::milliseconds timeout = 3s) {
    fields["id"] = 7;
    hall::send_frames(socket, {hall::encode_message(type, fields)}, false);
    zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, timeout) != 1) return nullptr;
    auto f = hall::recv_frames(socket, 2);
    REQUIRE(f);
    return Json::parse(f->back());
  }
};

bool has_snapshot_within(const hall::Curve& curve, int port, std::chrono::milliseconds limit) {
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx, {}, curve);
  hall::ChpClient client(sockets, {{"127.0.0.1", port}, ""});
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    client.pump(std::chrono::steady_clock::now());
    if (client.has_snapshot()) return !client.map().empty();
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

// A screen that runs until stopped, reporting its status every second.
std::vector<std::string> screen_args(const Hall& hall, const std::string& id) {
  auto a = hall.signage_args(id, 1, hall.dir.str(id + ".png"));
  a.erase(a.begin() + 3, a.begin() + 7);  // drop --frames N --screenshot P
  return Hall::with(a, {"--set", "signage.status_interval_s=1"});
}

Json screens(const SecureHall& h) {
  auto r = h.as("boss", {"screens", "--json"});
  REQUIRE(r.code == 0);
  return Json::parse(r.output)["screens"];
}
bool listed(const Json& list, const std::string& id) {
  for (const auto& s : list)
    if (s["id"] == id) return true;
  return false;
}

std::string db_text(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  std::string v;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
      sqlite3_column_text(st, 0))
    v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(h);
  return v;
}

Json submit(const std::string& ticket, int score, const std::string& kiosk) {
  const auto now = std::chrono::system_clock::now();
  return {{"uuid", hall::uuid_v7(now)}, {"ticket", ticket}, {"score", score},
          {"reasons", score <= 2 ? Json{"attitude"} : Json::array()}, {"phone", "13812345678"},
          {"kiosk_id", kiosk}, {"created_at", hall::iso_from_ms(hall::epoch_ms(now))}};
}
}  // namespace

TEST_CASE("trust: an unenrolled key gets nothing on any socket, CHP snapshot included") {
  SecureHall h;
  h.import_sample();
  h.enroll("lobby-1", "screen");
  h.generate("stray-7");   // a screen key nobody enrolled
  h.generate("stranger");  // a person's key nobody enrolled

  // The real screen with an enrolled key gets the hall; the one without
  // never connects, never shows the hall and is not listed anywhere.
  Process good("hall-signage", screen_args(h.hall, "lobby-1"), h.hall.dir.path() / "lobby-1.log");
  Process stray("hall-signage", screen_args(h.hall, "stray-7"), h.hall.dir.path() / "stray-7.log");
  REQUIRE(good.wait_for_log("showing hall '明州市政务服务中心'", 15s));
  REQUIRE(good.wait_for_log("connected to the controller", 10s));
  bool good_listed = false;
  for (int i = 0; i < 50 && !good_listed; ++i) {
    good_listed = listed(screens(h), "lobby-1");
    if (!good_listed) std::this_thread::sleep_for(100ms);
  }
  CHECK(good_listed);
  std::this_thread::sleep_for(2s);  // two more status intervals for the stray screen
  CHECK(stray.running());
  CHECK_THAT(stray.log(), !Catch::Contains("明州市政务服务中心"));
  CHECK_THAT(stray.log(), !Catch::Contains("connected to the controller"));
  CHECK_FALSE(listed(screens(h), "stray-7"));
  auto status = h.as("boss", {"status", "--json"});
  REQUIRE(status.code == 0);
  CHECK_THAT(status.output, !Catch::Contains("stray-7"));

  // hallctl with an unenrolled key: no answer on the admin socket.
  auto who = h.as("stranger", {"whoami"});
  CHECK(who.code == 1);
  CHECK_THAT(who.output, Catch::Contains("refused this key: it is not enrolled"));
  auto post = h.as("stranger", {"notice", "post", "--urgent", "全体撤离"});
  CHECK(post.code == 1);
  CHECK_THAT(h.as("boss", {"notice", "list"}).output, !Catch::Contains("全体撤离"));

  // Raw CURVE clients: the CHP snapshot, the device and the admin socket.
  CHECK(has_snapshot_within(h.curve("lobby-1"), h.hall.base, 5s));  // the check can pass
  CHECK_FALSE(has_snapshot_within(h.curve("stray-7"), h.hall.base, 3s));
  CHECK_FALSE(has_snapshot_within(h.curve("stranger"), h.hall.base, 1s));
  KeyedClient device(h.curve("stray-7"), h.hall.base + 3);
  CHECK(device.ask("hello", {{"device", "signage"}, {"device_id", "stray-7"}, {"version", "0"}}).is_null());
  KeyedClient admin(h.curve("stranger"), h.hall.base + 4);
  CHECK(admin.ask("status", Json::object()).is_null());
  // A client without CURVE at all gets nothing either.
  zmq::context_t ctx;
  hall::SocketFactory plain(ctx);
  hall::ChpClient naked(plain, {{"127.0.0.1", h.hall.base}, ""});
  for (int i = 0; i < 100; ++i) {
    naked.pump(std::chrono::steady_clock::now());
    std::this_thread::sleep_for(10ms);
  }
  CHECK_FALSE(naked.has_snapshot());
  CHECK(h.controller->running());
}

TEST_CASE("trust: a revoked key is refused on its next message") {
  SecureHall h;
  h.import_sample();
  h.enroll("lobby-1", "screen");
  h.enroll("kiosk-1", "kiosk");
  h.enroll("auditor", "viewer");

  // A running screen: connected and reporting, then revoked.
  Process screen("hall-signage", screen_args(h.hall, "lobby-1"), h.hall.dir.path() / "lobby-1.log");
  REQUIRE(screen.wait_for_log("connected to the controller", 15s));

  // A kiosk connection and an admin connection that stay open.
  KeyedClient kiosk(h.curve("kiosk-1"), h.hall.base + 3);
  auto look = kiosk.ask("ticket.lookup", {{"ticket", "A404"}});
  REQUIRE(look.is_object());
  CHECK(look["code"] == "not_found");  // an answer: the key works
  KeyedClient viewer(h.curve("auditor"), h.hall.base + 4);
  auto who = viewer.ask("whoami", Json::object());
  REQUIRE(who.is_object());
  CHECK(who["name"] == "auditor");
  CHECK(who["role"] == "viewer");
  CHECK(h.as("auditor", {"status"}).code == 0);

  for (const char* name : {"lobby-1", "kiosk-1", "auditor"}) {
    auto r = h.admin({"keys", "revoke", name});
    INFO(r.output);
    REQUIRE(r.code == 0);
  }
  auto keys = h.admin({"keys", "list"});
  CHECK_THAT(keys.output, Catch::Contains("REVOKED"));

  // The same open connections: the very next message is refused.
  auto again = kiosk.ask("ticket.lookup", {{"ticket", "A404"}});
  REQUIRE(again.is_object());
  CHECK(again["type"] == "error");
  CHECK(again["code"] == "forbidden");
  CHECK_THAT(again["message"].get<std::string>(), Catch::Contains("this key was revoked"));
  auto who2 = viewer.ask("whoami", Json::object());
  REQUIRE(who2.is_object());
  CHECK(who2["code"] == "forbidden");
  CHECK_THAT(who2["message"].get<std::string>(), Catch::Contains("this key was revoked"));
  // The running screen's next status report, and the controller's log.
  CHECK(screen.wait_for_log("controller refused a request: this key was revoked", 10s));
  CHECK(h.controller->wait_for_log("refused a message on the device socket: its key was revoked", 5s));
  CHECK(h.controller->wait_for_log("refused a message on the admin socket: its key was revoked", 5s));
  // A new connection with it is not admitted at all.
  auto fresh = h.as("auditor", {"status"});
  CHECK(fresh.code == 1);
  CHECK_THAT(fresh.output, Catch::Contains("refused this key"));
  CHECK_FALSE(has_snapshot_within(h.curve("lobby-1"), h.hall.base, 2s));
  // Revoking is audited under the admin key.
  auto audit = h.admin({"audit", "--json"});
  INFO(audit.output);
  REQUIRE(audit.code == 0);
  int revokes = 0;
  for (const auto& r : Json::parse(audit.output)["rows"].get<std::vector<Json>>())
    revokes += r["what"] == "key.revoke" && r["who"] == "admin";
  CHECK(revokes == 3);
}

TEST_CASE("trust: a kiosk key cannot post a notice, a screen key cannot rate, a device speaks only for itself") {
  SecureHall h;
  h.import_sample();
  h.enroll("kiosk-1", "kiosk");
  h.enroll("lobby-1", "screen");

  // The admin socket admits no device key: hallctl gets no answer, nothing posted.
  auto post = h.as("kiosk-1", {"notice", "post", "--urgent", "全体撤离"});
  CHECK(post.code == 1);
  CHECK_THAT(post.output, Catch::Contains("refused this key") && Catch::Contains("no admin access"));
  KeyedClient raw(h.curve("kiosk-1"), h.hall.base + 4);
  CHECK(raw.ask("notice.post", {{"text", "全体撤离"}, {"urgent", true}}).is_null());
  auto notices = h.as("boss", {"notice", "list"});
  CHECK(notices.code == 0);
  CHECK_THAT(notices.output, !Catch::Contains("全体撤离"));
  // The same post with a manager's key is taken: the refusal was the key's.
  CHECK(h.as("boss", {"notice", "post", "--urgent", "消防演练"}).code == 0);
  CHECK_THAT(h.as("boss", {"notice", "list"}).output, Catch::Contains("消防演练"));

  // A screen's key on the device socket: a rating is refused by role.
  KeyedClient screen(h.curve("lobby-1"), h.hall.base + 3);
  auto rated = screen.ask("evaluation.submit", submit("A001", 1, "lobby-1"));
  INFO(rated.dump());
  REQUIRE(rated.is_object());
  CHECK(rated["code"] == "forbidden");
  CHECK_THAT(rated["message"].get<std::string>(),
             Catch::Contains("evaluation.submit needs the role kiosk; the key lobby-1 is screen"));
  auto looked = screen.ask("ticket.lookup", {{"ticket", "A001"}});
  CHECK(looked["code"] == "forbidden");
  // What a screen may do, it does.
  auto hello = screen.ask("hello", {{"device", "signage"}, {"device_id", "lobby-1"}, {"version", "0"}});
  CHECK(hello["type"] == "welcome");
  // A kiosk's key speaking for another kiosk, and a screen for another screen.
  KeyedClient kiosk(h.curve("kiosk-1"), h.hall.base + 3);
  auto impostor = kiosk.ask("evaluation.submit", submit("A001", 5, "kiosk-2"));
  CHECK(impostor["code"] == "forbidden");
  CHECK_THAT(impostor["message"].get<std::string>(),
             Catch::Contains("rule: a device key speaks only for itself; this key is enrolled as kiosk-1, not kiosk-2"));
  auto other = screen.ask("hello", {{"device", "signage"}, {"device_id", "lobby-2"}, {"version", "0"}});
  CHECK(other["code"] == "forbidden");
  CHECK(h.controller->running());
}

TEST_CASE("trust: nobody acts on a case about their own rating, and staff keys act on no case") {
  TempDir simdir;
  const int qport = free_ports(1);
  Process sim(kPython, {kQueueSim, "--port", std::to_string(qport), "--tickets", "40", "--prefix", "T", "--rate", "0",
                        "--seed", "7"},
              simdir.path() / "sim.log");
  REQUIRE(sim.wait_for_log("serving feed"));
  SecureHall h({"--set", "queue.enabled=true", "--set", "queue.url=http://127.0.0.1:" + std::to_string(qport),
                "--set", "queue.poll_ms=100", "--set", "evaluation.min_interval_ms=0"});
  h.import_sample();
  const std::string db = h.hall.dir.str("var/hall.db");
  const std::string members = "('chen-jing','wang-fang','zhang-wei','zhao-lei','liu-yang','li-na','sun-li')";
  std::string ticket;
  for (int i = 0; i < 100 && ticket.empty(); ++i) {
    ticket = db_text(db, "SELECT number FROM tickets WHERE state = 'finished' AND staff_id IN " + members +
                             " ORDER BY number LIMIT 1");
    if (ticket.empty()) std::this_thread::sleep_for(100ms);
  }
  REQUIRE_FALSE(ticket.empty());
  const std::string staff = db_text(db, "SELECT staff_id FROM tickets WHERE number = '" + ticket + "'");
  INFO("ticket " << ticket << " served by " << staff);

  // A citizen's bad rating through an enrolled kiosk opens a case about `staff`.
  h.enroll("kiosk-1", "kiosk");
  KeyedClient kiosk(h.curve("kiosk-1"), h.hall.base + 3);
  auto ack = kiosk.ask("evaluation.submit", submit(ticket, 1, "kiosk-1"));
  INFO(ack.dump());
  REQUIRE(ack["type"] == "evaluation.ack");
  auto cases = h.as("boss", {"cases", "--json"});
  REQUIRE(cases.code == 0);
  const Json list = Json::parse(cases.output)["cases"];
  REQUIRE(list.size() == 1);
  CHECK(list[0]["staff"]["id"] == staff);
  const std::string id = std::to_string(list[0]["id"].get<int64_t>());

  // The staff member's own key: staff act on no case at all.
  h.enroll(staff, "staff");
  auto own = h.as(staff, {"case", id, "reject", "--reason", "恶意评价"});
  INFO(own.output);
  CHECK(own.code == 1);
  CHECK_THAT(own.output, Catch::Contains("case.act needs the role manager; the key " + staff + " is staff"));
  // A manager's key that belongs to the same staff member: the rule.
  h.enroll("mgr-" + staff, "manager", staff);
  auto mine = h.as("mgr-" + staff, {"case", id, "reject", "--reason", "恶意评价", "--by", "boss"});
  INFO(mine.output);
  CHECK(mine.code == 1);
  CHECK_THAT(mine.output, Catch::Contains("rule: nobody acts on a case about their own rating"));
  CHECK(Json::parse(h.as("boss", {"cases", "--json"}).output)["cases"][0]["state"] == "open");
  // The same manager key may act on someone else's case, and another
  // manager on this one; the audit names the key's owner.
  auto other = h.as("boss", {"case", id, "verify", "--by", "mgr-" + staff});
  INFO(other.output);
  CHECK(other.code == 0);
  auto audit = h.admin({"audit", "--json"});
  INFO(audit.output);
  REQUIRE(audit.code == 0);
  bool by_boss = false;
  for (const auto& r : Json::parse(audit.output)["rows"].get<std::vector<Json>>())
    by_boss |= r["subject"] == "case:" + id && r["what"] == "verify" && r["who"] == "boss";
  CHECK(by_boss);

  // An owner who works here, never the rated person; the close after a
  // 不满意 callback needs the override; anyone who reads sees the history.
  const std::string owner = staff == "chen-jing" ? "liu-yang" : "chen-jing";
  auto self = h.as("boss", {"case", id, "assign", "--to", staff});
  CHECK(self.code == 1);
  CHECK_THAT(self.output, Catch::Contains("nobody handles a case about their own rating"));
  auto unknown = h.as("boss", {"case", id, "assign", "--to", "kiosk-1"});
  CHECK(unknown.code == 1);
  CHECK_THAT(unknown.output, Catch::Contains("nobody called 'kiosk-1' works here"));
  auto assigned = h.as("boss", {"case", id, "assign", "--to", owner, "--reason", "值班负责人"});
  INFO(assigned.output);
  CHECK(assigned.code == 0);
  CHECK_THAT(assigned.output, Catch::Contains("owner ") && Catch::Contains("(" + owner + ")"));
  REQUIRE(h.as("boss", {"case", id, "rectify", "--action", "当面致歉，调整告知流程"}).code == 0);
  REQUIRE(h.as("boss", {"case", id, "follow-up", "--result", "不满意"}).code == 0);
  auto early = h.as("boss", {"case", id, "close"});
  CHECK(early.code == 1);
  CHECK_THAT(early.output, Catch::Contains("called back 不满意") && Catch::Contains("--override"));
  auto forced = h.as("boss", {"case", id, "close", "--override", "--reason", "诉求超出法定办理范围，已书面答复"});
  INFO(forced.output);
  CHECK(forced.code == 0);
  h.enroll("reader", "viewer");
  CHECK(h.as("reader", {"case", id, "assign", "--to", owner}).code == 1);
  auto history = h.as("reader", {"case", id});
  INFO(history.output);
  REQUIRE(history.code == 0);
  CHECK_THAT(history.output, Catch::Contains("closed 已办结") && Catch::Contains("owner:    ") &&
                                 Catch::Contains("assign: " + owner + ": 值班负责人") &&
                                 Catch::Contains("follow_up (rectified -> followed_up): 不满意") &&
                                 Catch::Contains("close.override (followed_up -> closed): 诉求超出法定办理范围"));
  CHECK(history.output.find("boss") != std::string::npos);
}

TEST_CASE("trust: a review's recorded reviewer is the key's owner whatever the message says") {
  SecureHall h;
  h.import_sample();
  h.enroll("he-ping", "leader");
  h.enroll("wang-fang", "staff");
  h.enroll("mgr-he-ping", "manager", "he-ping");  // he-ping also has the manager role in staff.toml

  // A leader review that claims another leader as reviewer.
  auto lead = h.as("he-ping", {"review", "leader", "--period", "2026-11", "--reviewer", "xu-jing", "--kind", "现场",
                               "--window", "2", "--score", "5"});
  INFO(lead.output);
  REQUIRE(lead.code == 0);
  // A peer review that claims a reviewer who could not review at all (not a
  // Party member): stored as the key owner's, who may.
  auto peer = h.as("wang-fang", {"review", "peer", "--period", "2026-11", "--reviewer", "li-na", "--reviewee",
                                 "zhang-wei", "--skill", "5", "--conduct", "4", "--results", "5"});
  INFO(peer.output);
  REQUIRE(peer.code == 0);
  // A bonus "by" another leader, entered with he-ping's manager key.
  auto bonus = h.as("mgr-he-ping", {"bonus", "add", "--period", "2026-11", "--staff", "zhang-wei", "--points", "1",
                                    "--reason", "业务技能竞赛", "--by", "xu-jing"});
  INFO(bonus.output);
  REQUIRE(bonus.code == 0);
  // A staff key naming a leader as reviewer is not a leader.
  auto fake = h.as("wang-fang", {"review", "leader", "--period", "2026-11", "--reviewer", "he-ping", "--kind", "现场",
                                 "--window", "2", "--score", "1"});
  CHECK(fake.code == 1);
  CHECK_THAT(fake.output, Catch::Contains("review.leader needs the role leader; the key wang-fang is staff"));

  auto reviews = h.as("boss", {"reviews", "--period", "2026-11", "--json"});
  REQUIRE(reviews.code == 0);
  const Json j = Json::parse(reviews.output);
  INFO(j.dump());
  REQUIRE(j["leader"].size() == 1);
  CHECK(j["leader"][0]["reviewer"]["id"] == "he-ping");
  REQUIRE(j["peer"].size() == 1);
  CHECK(j["peer"][0]["reviewer"]["id"] == "wang-fang");
  REQUIRE(j["bonuses"].size() == 1);
  CHECK(j["bonuses"][0]["by"]["id"] == "he-ping");

  auto audit = h.admin({"audit", "--json"});
  REQUIRE(audit.code == 0);
  std::map<std::string, std::string> who;
  for (const auto& r : Json::parse(audit.output)["rows"].get<std::vector<Json>>()) who[r["what"]] = r["who"];
  CHECK(who["review.leader"] == "he-ping");
  CHECK(who["review.peer"] == "wang-fang");
  CHECK(who["bonus.add"] == "he-ping");
  // The stored rows themselves, read from the store.
  const std::string db = h.hall.dir.str("var/hall.db");
  CHECK(db_text(db, "SELECT reviewer FROM leader_reviews") == "he-ping");
  CHECK(db_text(db, "SELECT reviewer FROM peer_reviews") == "wang-fang");

  // A manager key that belongs to no staff member (an operator) may enter a
  // bonus too: its role is the key's, and the bonus is recorded as its name.
  auto by_operator = h.as("boss", {"bonus", "add", "--period", "2026-11", "--window", "2", "--points", "0.5",
                                   "--reason", "文明窗口"});
  INFO(by_operator.output);
  REQUIRE(by_operator.code == 0);
  CHECK(db_text(db, "SELECT entered_by FROM contest_bonuses WHERE subject_kind = 'window'") == "boss");
}

TEST_CASE("trust: audit verify finds a row edited with sqlite3") {
  SecureHall h;
  h.import_sample();
  h.enroll("kiosk-1", "kiosk");
  REQUIRE(h.as("boss", {"notice", "post", "今天下午三点系统升级"}).code == 0);
  auto intact = h.admin({"audit", "verify"});
  INFO(intact.output);
  REQUIRE(intact.code == 0);
  CHECK_THAT(intact.output, Catch::Contains("audit log intact"));
  auto rows = Json::parse(h.admin({"audit", "--json"}).output)["rows"];
  REQUIRE(rows.size() >= 3);  // the keys of admin, boss and kiosk-1
  // The row that enrolled kiosk-1: an attacker makes it look like someone else's.
  int64_t target = 0;
  for (const auto& r : rows)
    if (r["subject"] == "key:kiosk-1") target = r["id"];
  REQUIRE(target > 1);

  const std::string db = h.hall.dir.str("var/hall.db");
  auto edit = [&](const std::string& sql) {
    return run(kPython, {"-c",
                         "import sqlite3, sys\n"
                         "c = sqlite3.connect(sys.argv[1], timeout=10)\n"
                         "c.executescript(sys.argv[2])\n"
                         "c.commit()\n",
                         db, sql});
  };
  // The trigger refuses the edit as it stands.
  auto refused = edit("UPDATE audit SET who = 'he-ping' WHERE id = " + std::to_string(target) + ";");
  CHECK(refused.code != 0);
  CHECK_THAT(refused.output, Catch::Contains("append-only"));
  CHECK(h.admin({"audit", "verify"}).code == 0);
  // So the attacker drops it, with the controller running.
  auto done = edit("DROP TRIGGER audit_no_update; UPDATE audit SET who = 'he-ping' WHERE id = " +
                   std::to_string(target) + ";");
  INFO(done.output);
  REQUIRE(done.code == 0);
  auto broken = h.admin({"audit", "verify"});
  INFO(broken.output);
  CHECK(broken.code == 1);
  CHECK_THAT(broken.output, Catch::Contains("audit log BROKEN at row " + std::to_string(target) + ":") &&
                                Catch::Contains("edited"));
  auto json = h.admin({"audit", "verify", "--json"});
  CHECK(Json::parse(json.output)["first_broken"] == target);

  // Still broken after a restart of the controller.
  h.controller->signal(SIGTERM);
  REQUIRE(h.controller->wait() == 0);
  h.start({}, "controller2.log");
  auto after = h.admin({"audit", "verify"});
  CHECK(after.code == 1);
  CHECK_THAT(after.output, Catch::Contains("BROKEN at row " + std::to_string(target)));

  // Blanking the edited row's hashes does not get it sealed again at the next
  // start (sealing happens once in a store's life).
  h.controller->signal(SIGTERM);
  REQUIRE(h.controller->wait() == 0);
  REQUIRE(edit("UPDATE audit SET prev_hash = '', hash = '' WHERE id = " + std::to_string(target) + ";").code == 0);
  h.start({}, "controller3.log");
  auto blanked = h.admin({"audit", "verify"});
  INFO(blanked.output);
  CHECK(blanked.code == 1);
  CHECK_THAT(blanked.output, Catch::Contains("BROKEN at row " + std::to_string(target)));
}
