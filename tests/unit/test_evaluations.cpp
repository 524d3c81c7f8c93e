// The evaluation service against an in-process controller core: real store,
// real ZeroMQ on loopback, DEALER clients acting as kiosks.
#include <catch2/catch.hpp>

#include "db_query.h"

#include <sqlite3.h>

#include "controller_fixture.h"

using namespace testing;
using hall::Json;

namespace {

std::string code_of(const std::optional<Json>& r) { return r && r->contains("code") ? (*r)["code"].get<std::string>() : ""; }
}  // namespace

TEST_CASE("ticket lookup answers who served, or why the ticket cannot be rated") {
  TestController t;
  t.add_ticket("A001");
  t.add_ticket("A002", "called");
  t.add_ticket("A003", "no_show");
  t.add_ticket("A004", "finished", 25 * 60, 26 * 60);  // 25 h ago
  t.add_ticket("A005", "waiting");
  Client k(t, t.device());

  auto ok = k.ask(t, {{"type", "ticket.lookup"}, {"id", 7}, {"ticket", "A001"}});
  REQUIRE(ok);
  CHECK((*ok)["type"] == "ticket");
  CHECK((*ok)["re"] == 7);
  CHECK((*ok)["window"]["number"] == 3);
  CHECK((*ok)["window"]["name"] == "公积金窗口");
  CHECK((*ok)["staff"]["name"] == "王芳");
  CHECK((*ok)["staff"].contains("post"));
  CHECK((*ok)["service_item"]["name"] == "住房公积金提取");
  CHECK_FALSE((*ok)["finished_at"].get<std::string>().empty());

  CHECK(code_of(k.ask(t, {{"type", "ticket.lookup"}, {"ticket", "Z999"}})) == "not_found");
  CHECK(code_of(k.ask(t, {{"type", "ticket.lookup"}, {"ticket", "A002"}})) == "not_served");
  CHECK(code_of(k.ask(t, {{"type", "ticket.lookup"}, {"ticket", "A003"}})) == "not_served");
  CHECK(code_of(k.ask(t, {{"type", "ticket.lookup"}, {"ticket", "A004"}})) == "expired");
  CHECK(code_of(k.ask(t, {{"type", "ticket.lookup"}, {"ticket", "A005"}})) == "not_served");
  CHECK(code_of(k.ask(t, {{"type", "ticket.lookup"}, {"ticket", 5}})) == "bad_request");
  CHECK(code_of(k.ask(t, {{"type", "ticket.lookup"}, {"ticket", "A001"}, {"extra", 1}})) == "bad_request");
}

TEST_CASE("ticket lookup takes the staff post and photo from the content store") {
  TestController t;
  t.add_ticket("A001");
  Client k(t, t.device());
  // Before the staff member is imported: names from the queue feed, no post or photo.
  auto before = k.ask(t, {{"type", "ticket.lookup"}, {"ticket", "A001"}});
  REQUIRE(before);
  CHECK((*before)["staff"]["post"] == "");
  CHECK((*before)["staff"]["photo"] == "");

  const std::string sha(64, 'a');
  auto st = t.c->store().prepare("INSERT INTO content_staff(id, name, photo, post) VALUES (?1, ?2, ?3, ?4)");
  REQUIRE(st);
  st->bind(1, std::string("wang-fang")).bind(2, std::string("王芳")).bind(3, sha).bind(4, std::string("综合受理岗"));
  REQUIRE(st->run());
  auto after = k.ask(t, {{"type", "ticket.lookup"}, {"ticket", "A001"}});
  REQUIRE(after);
  INFO(after->dump());
  CHECK((*after)["staff"]["id"] == "wang-fang");
  CHECK((*after)["staff"]["name"] == "王芳");
  CHECK((*after)["staff"]["post"] == "综合受理岗");
  CHECK((*after)["staff"]["photo"] == sha);
}

TEST_CASE("a rating is acked only once it is on disk, once per uuid and once per ticket") {
  TestController t;
  t.add_ticket("A001");
  t.add_ticket("A002");
  Client k(t, t.device());

  const Json first = submit(uuid_n(1), "A001", 2, {"long_wait", "attitude"}, "kiosk-1", 0, "13812345678");
  auto ack = k.ask(t, first);
  REQUIRE(ack);
  CHECK((*ack)["type"] == "evaluation.ack");
  CHECK((*ack)["uuid"] == uuid_n(1));
  CHECK((*ack)["duplicate"] == false);
  // Visible to another connection the moment the ack arrives.
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM evaluations WHERE uuid = '" + uuid_n(1) + "'") == 1);
  CHECK(db_scalar(t.db_path(), "SELECT score FROM evaluations") == 2);
  CHECK(db_scalar(t.db_path(), "SELECT window_number FROM evaluations") == 3);

  auto again = k.ask(t, first);  // the kiosk resends exactly what its outbox holds
  REQUIRE(again);
  CHECK((*again)["type"] == "evaluation.ack");
  CHECK((*again)["duplicate"] == true);
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM evaluations") == 1);
  // The same uuid with other content is not a resend (test_hostile.cpp).
  CHECK(code_of(k.ask(t, submit(uuid_n(1), "A001", 2, {"long_wait", "attitude"}))) == "conflict");

  auto other = k.ask(t, submit(uuid_n(2), "A001", 5));
  CHECK(code_of(other) == "already_rated");
  CHECK((*other)["permanent"] == true);
  CHECK(code_of(k.ask(t, {{"type", "ticket.lookup"}, {"ticket", "A001"}})) == "already_rated");

  // The same uuid twice in one batch, before any commit: two acks, one row.
  k.send(submit(uuid_n(3), "A002", 4));
  k.send(submit(uuid_n(3), "A002", 4));
  auto a1 = k.recv(t), a2 = k.recv(t);
  REQUIRE(a1);
  REQUIRE(a2);
  CHECK((*a1)["type"] == "evaluation.ack");
  CHECK((*a2)["type"] == "evaluation.ack");
  CHECK((*a1)["duplicate"] != (*a2)["duplicate"]);
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM evaluations") == 2);
}

TEST_CASE("many kiosks at once are committed together and all acked") {
  TestController t;
  const int kiosks = 8, each = 25;
  for (int i = 0; i < kiosks * each; ++i) t.add_ticket("G" + std::to_string(i));
  std::vector<std::unique_ptr<Client>> clients;
  for (int k = 0; k < kiosks; ++k) clients.push_back(std::make_unique<Client>(t, t.device()));
  for (int k = 0; k < kiosks; ++k)
    for (int j = 0; j < each; ++j) {
      const int n = k * each + j;
      clients[k]->send(submit(uuid_n(100 + n), "G" + std::to_string(n), 1 + n % 5, Json::array(),
                              "kiosk-" + std::to_string(k)));
    }
  int acks = 0;
  for (auto& c : clients)
    for (int j = 0; j < each; ++j) {
      auto r = c->recv(t);
      REQUIRE(r);
      CHECK((*r)["type"] == "evaluation.ack");
      acks += (*r)["type"] == "evaluation.ack";
      // Every ack means the row is already committed.
      CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM evaluations WHERE uuid = '" + (*r)["uuid"].get<std::string>() + "'") == 1);
    }
  CHECK(acks == kiosks * each);
  CHECK(db_scalar(t.db_path(), "SELECT count(DISTINCT ticket_id) FROM evaluations") == kiosks * each);
}

TEST_CASE("bad ratings are refused with a permanent code naming the problem") {
  TestController t;
  t.add_ticket("A001");
  Client k(t, t.device());
  auto bad = [&](Json j, const std::string& code, const std::string& text) {
    auto r = k.ask(t, j);
    REQUIRE(r);
    INFO(r->dump());
    CHECK((*r)["type"] == "error");
    CHECK(code_of(r) == code);
    CHECK((*r)["permanent"] == true);
    CHECK_THAT((*r)["message"].get<std::string>(), Catch::Contains(text));
  };
  bad(submit(uuid_n(1), "A001", 0), "bad_score", "1-5");
  bad(submit(uuid_n(1), "A001", 6), "bad_score", "1-5");
  bad(submit(uuid_n(1), "A001", 1, {"rude"}), "bad_reason", "unknown reason");
  bad(submit(uuid_n(1), "A001", 1, {"other", "other"}), "bad_reason", "twice");
  bad(submit(uuid_n(1), "A001", 4, {"long_wait"}), "bad_reason", "score of 1 or 2");
  bad(submit(uuid_n(1), "A001", 1, {1}), "bad_reason", "unknown reason");
  bad(submit(uuid_n(1), "A001", 5, Json::array(), "k", 0, "138-1234"), "bad_request", "digits");
  bad(submit("not-a-uuid", "A001", 5), "bad_request", "uuid");
  bad(submit(uuid_n(1), "NOPE", 5), "not_found", "NOPE");
  auto j = submit(uuid_n(1), "A001", 5);
  j["created_at"] = "last tuesday";
  bad(j, "bad_request", "created_at");
  j = submit(uuid_n(1), "A001", 5);
  j.erase("kiosk_id");
  bad(j, "bad_request", "kiosk_id");
  j = submit(uuid_n(1), "A001", 5);
  j["score"] = "5";
  bad(j, "bad_request", "score");
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM evaluations") == 0);
  // Still serving after all that.
  CHECK((*k.ask(t, submit(uuid_n(1), "A001", 5)))["type"] == "evaluation.ack");
}

TEST_CASE("the press filter refuses a kiosk rating faster than the minimum interval") {
  TestController t([](controller::Settings& s) { s.evaluation.min_interval_ms = 1500; });
  for (int i = 1; i <= 4; ++i) t.add_ticket("P" + std::to_string(i));
  Client k(t, t.device());
  const int64_t t0 = hall::epoch_ms(std::chrono::system_clock::now()) - 10000;
  CHECK((*k.ask(t, submit(uuid_n(1), "P1", 5, Json::array(), "kiosk-a", t0)))["type"] == "evaluation.ack");
  auto fast = k.ask(t, submit(uuid_n(2), "P2", 5, Json::array(), "kiosk-a", t0 + 400));
  CHECK(code_of(fast) == "too_fast");
  CHECK((*fast)["permanent"] == true);
  // Another kiosk is not affected; the same kiosk later is fine.
  CHECK((*k.ask(t, submit(uuid_n(3), "P2", 5, Json::array(), "kiosk-b", t0 + 400)))["type"] == "evaluation.ack");
  CHECK((*k.ask(t, submit(uuid_n(4), "P3", 5, Json::array(), "kiosk-a", t0 + 2000)))["type"] == "evaluation.ack");
  // A resend of an accepted rating is not a press: it is acked again.
  auto resend = k.ask(t, submit(uuid_n(1), "P1", 5, Json::array(), "kiosk-a", t0));
  CHECK((*resend)["duplicate"] == true);
}

TEST_CASE("evaluations.list masks phone numbers and filters by time") {
  TestController t;
  t.add_ticket("A001");
  Client k(t, t.device());
  // A kiosk id is letters, digits, '.', '-', '_': SQL in it is refused at the door.
  CHECK(code_of(k.ask(t, submit(uuid_n(2), "A001", 1, {"efficiency"}, "kiosk-'; DROP TABLE evaluations; --", 0,
                                "13812345678"))) == "bad_request");
  REQUIRE(k.ask(t, submit(uuid_n(1), "A001", 1, {"efficiency"}, "kiosk-1", 0, "13812345678")));
  Client admin(t, t.admin());
  auto r = admin.ask(t, {{"type", "evaluations.list"}, {"limit", 10}});
  REQUIRE(r);
  REQUIRE((*r)["evaluations"].size() == 1);
  const auto& e = (*r)["evaluations"][0];
  CHECK(e["phone"] == "138****5678");
  CHECK(e["kiosk_id"] == "kiosk-1");
  CHECK(e["label"] == "非常不满意");
  CHECK(e["reasons"][0] == "efficiency");
  auto later = admin.ask(t, {{"type", "evaluations.list"}, {"since", "2099-01-01T00:00:00+08:00"}});
  CHECK((*later)["evaluations"].empty());
  CHECK(code_of(admin.ask(t, {{"type", "evaluations.list"}, {"since", "soon"}})) == "bad_request");
  auto tickets = admin.ask(t, {{"type", "tickets.list"}});
  REQUIRE(tickets);
  CHECK((*tickets)["tickets"][0]["ticket"] == "A001");
  CHECK((*tickets)["tickets"][0]["wait_s"] == 60);
  // The queue system's UTC times come back in hall time.
  CHECK_THAT((*tickets)["tickets"][0]["created_at"].get<std::string>(), Catch::EndsWith("+08:00"));
  CHECK_THAT((*tickets)["tickets"][0]["finished_at"].get<std::string>(), Catch::EndsWith("+08:00"));
}

TEST_CASE("when the commit fails no ack goes out, and the kiosk's resend succeeds") {
  TestController t;
  t.add_ticket("A001");
  Client k(t, t.device());
  // Another connection holds the write lock: the controller's transaction
  // waits out its busy timeout (5 s) and fails.
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(t.db_path().c_str(), &h) == SQLITE_OK);
  REQUIRE(sqlite3_exec(h, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  auto r = k.ask(t, submit(uuid_n(1), "A001", 3));
  sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(h);
  REQUIRE(r);
  CHECK((*r)["type"] == "error");
  CHECK(code_of(r) == "store_error");
  CHECK((*r)["permanent"] == false);
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM evaluations") == 0);
  auto again = k.ask(t, submit(uuid_n(1), "A001", 3));
  REQUIRE(again);
  CHECK((*again)["type"] == "evaluation.ack");
  CHECK((*again)["duplicate"] == false);
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM evaluations") == 1);
}

TEST_CASE("while a batch waits for the disk, the controller keeps answering the other kiosks") {
  using namespace std::chrono_literals;
  TestController t;
  t.add_ticket("A001");
  t.add_ticket("A002");
  Client rating(t, t.device()), asking(t, t.device());
  // Another connection holds the write lock, so the batch waits (up to the
  // 5 s busy timeout) as it would for a slow disk.
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(t.db_path().c_str(), &h) == SQLITE_OK);
  REQUIRE(sqlite3_exec(h, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  const auto asked = std::chrono::steady_clock::now();
  rating.send(submit(uuid_n(1), "A001", 5));
  t.pump(100ms);  // the batch is handed to the committer
  auto lookup = asking.ask(t, {{"type", "ticket.lookup"}, {"ticket", "A002"}});
  const auto waited = std::chrono::steady_clock::now() - asked;
  sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(h);
  REQUIRE(lookup);
  CHECK((*lookup)["type"] == "ticket");
  CHECK(waited < 1s);  // not held up by the batch
  auto ack = rating.recv(t);
  REQUIRE(ack);
  CHECK((*ack)["type"] == "evaluation.ack");
  CHECK(db_scalar(t.db_path(), "SELECT count(*) FROM evaluations") == 1);
}
