// Hostile input against the in-process controller core (issue 12): device
// ids outside their character set, floods of new ids, registries pruned and
// paged, one error shape for every refusal, rating times and identities.
// Real store, real ZeroMQ on loopback.
#include <catch2/catch.hpp>

#include "controller_fixture.h"
#include "common/base/utf8.h"
#include "common/vocab/device_messages.h"
#include "common/wire/codec.h"

using namespace testing;
using hall::Json;

namespace {
Json hello(const std::string& id, int n = 1) {
  return {{"type", "hello"}, {"id", n}, {"device", "kiosk"}, {"device_id", id}, {"version", "1"}};
}

Json screen_status(const std::string& id) {
  return {{"type", "screen.status"}, {"id", 3},         {"device_id", id}, {"group", "lobby"},
          {"board", "queue"},        {"sequence", 1},   {"uptime_s", 5},   {"frame_ms", 4.5},
          {"rss_kb", 1000},          {"offline_since", ""}};
}

std::string code(const std::optional<Json>& r) { return r ? r->value("code", std::string()) : "(no reply)"; }

void exec(TestController& t, const std::string& sql) {
  auto st = t.c->store().prepare(sql);
  REQUIRE(st.ok());
  REQUIRE(st->run().ok());
}

int64_t scalar(TestController& t, const std::string& sql) {
  auto st = t.c->store().prepare(sql);
  REQUIRE(st.ok());
  REQUIRE(st->step().value());
  return st->column_int(0);
}
}  // namespace

TEST_CASE("device ids are letters, digits, '.', '-' and '_', at most 64 bytes") {
  TestController t;
  Client k(t, t.device());
  for (const std::string& bad : {std::string("kiosk\n1"), std::string("k\x1b[31mred"), std::string("k\0x", 3),
                                std::string("亭一"), std::string("a b"), std::string(65, 'a'), std::string()}) {
    INFO(hall::utf8::printable(bad));
    auto r = k.ask(t, hello(bad));
    REQUIRE(r);
    CHECK((*r)["type"] == "error");
    CHECK((*r)["code"] == "bad_request");
    CHECK((*r)["permanent"] == true);
    CHECK((*r)["re"] == 1);
    const std::string m = (*r)["message"];
    CHECK(m.find('\x1b') == std::string::npos);
    CHECK(m.find('\n') == std::string::npos);
    auto s = k.ask(t, screen_status(bad));
    CHECK(code(s) == "bad_request");
  }
  CHECK(scalar(t, "SELECT count(*) FROM devices") == 0);
  CHECK(scalar(t, "SELECT count(*) FROM screen_status") == 0);
  CHECK((*k.ask(t, hello("Kiosk_2.lobby-B")))["type"] == "welcome");
  CHECK((*k.ask(t, hello(std::string(64, 'z'))))["type"] == "welcome");
}

TEST_CASE("each registry takes in at most new_devices_per_min unknown ids a minute") {
  TestController t([](controller::Settings& s) { s.new_devices_per_min = 3; });
  Client k(t, t.device());
  for (int i = 0; i < 3; ++i) CHECK((*k.ask(t, hello("kiosk-" + std::to_string(i))))["type"] == "welcome");
  auto refused = k.ask(t, hello("kiosk-9"));
  CHECK(code(refused) == "rate_limited");
  CHECK((*refused)["permanent"] == false);
  CHECK((*k.ask(t, hello("kiosk-1")))["type"] == "welcome");  // known ids always get in
  for (int i = 0; i < 3; ++i) CHECK((*k.ask(t, screen_status("s" + std::to_string(i))))["type"] == "ok");
  CHECK(code(k.ask(t, screen_status("s9"))) == "rate_limited");
  CHECK((*k.ask(t, screen_status("s0")))["type"] == "ok");
  CHECK(scalar(t, "SELECT count(*) FROM devices") == 3);
  CHECK(scalar(t, "SELECT count(*) FROM screen_status") == 3);
  auto status = Client(t, t.admin()).ask(t, {{"type", "status"}});
  REQUIRE(status);
  CHECK((*status)["refused"]["new_devices"] == 1);
}

TEST_CASE("devices and screen reports silent longer than device_prune_days are forgotten at start") {
  TempDir data;
  auto settings = [&](controller::Settings& s) {
    s.data_dir = data.str("var");
    s.device_prune_days = 30;
  };
  {
    TestController t(settings);
    Client k(t, t.device());
    CHECK((*k.ask(t, hello("fresh")))["type"] == "welcome");
    CHECK((*k.ask(t, screen_status("fresh-screen")))["type"] == "ok");
    exec(t, "INSERT INTO devices(id, kind, version, first_seen, last_seen) VALUES "
            "('old', 'kiosk', '1', '2020-01-01T08:00:00+08:00', '2020-01-01T08:00:00+08:00')");
    exec(t, "INSERT INTO screen_status(device_id, \"group\", board, sequence, uptime_s, frame_ms, rss_kb, "
            "offline_since, last_seen, last_seen_ms) VALUES ('old-screen', 'g', 'queue', 1, 1, 1, 1, '', "
            "'2020-01-01T08:00:00+08:00', 1577836800000)");
  }
  TestController t(settings);
  CHECK(scalar(t, "SELECT count(*) FROM devices WHERE id = 'old'") == 0);
  CHECK(scalar(t, "SELECT count(*) FROM devices WHERE id = 'fresh'") == 1);
  CHECK(scalar(t, "SELECT count(*) FROM screen_status WHERE device_id = 'old-screen'") == 0);
  CHECK(scalar(t, "SELECT count(*) FROM screen_status WHERE device_id = 'fresh-screen'") == 1);
}

TEST_CASE("status and screens.list summarise and page whatever the registries hold") {
  TestController t([](controller::Settings& s) { s.new_devices_per_min = 100000; });
  REQUIRE(t.c->store().begin().ok());
  for (int i = 0; i < 3000; ++i) {
    const std::string id = "dev-" + std::to_string(10000 + i);
    exec(t, "INSERT INTO devices(id, kind, version, first_seen, last_seen) VALUES ('" + id + "', '" +
                (i % 3 ? "kiosk" : "signage") + "', '1', '2026-01-01T08:00:00+08:00', '2026-01-01T08:00:00+08:00')");
    exec(t, "INSERT INTO screen_status(device_id, \"group\", board, sequence, uptime_s, frame_ms, rss_kb, "
            "offline_since, last_seen, last_seen_ms) VALUES ('" + id + "', 'g', 'queue', 1, 1, 1, 1, '', '', " +
                std::to_string(hall::epoch_ms(std::chrono::system_clock::now())) + ")");
  }
  REQUIRE(t.c->store().commit().ok());
  Client a(t, t.admin());
  auto status = a.ask(t, {{"type", "status"}, {"id", 5}});
  REQUIRE(status);
  CHECK((*status)["devices"].size() == 50);
  CHECK((*status)["devices_total"] == 3000);
  CHECK((*status)["devices_by_kind"]["signage"] == 1000);
  CHECK((*status)["devices_by_kind"]["kiosk"] == 2000);
  auto last = a.ask(t, {{"type", "status"}, {"limit", 1000}, {"offset", 2990}});
  REQUIRE(last);
  CHECK((*last)["devices"].size() == 10);
  CHECK(code(a.ask(t, {{"type", "status"}, {"limit", 0}})) == "bad_request");
  CHECK(code(a.ask(t, {{"type", "status"}, {"limit", 1001}})) == "bad_request");
  CHECK(code(a.ask(t, {{"type", "status"}, {"offset", -1}})) == "bad_request");

  auto screens = a.ask(t, {{"type", "screens.list"}});
  REQUIRE(screens);
  CHECK((*screens)["screens"].size() == 100);
  CHECK((*screens)["total"] == 3000);
  CHECK((*screens)["online"] == 3000);
  CHECK(code(a.ask(t, {{"type", "screens.list"}, {"limit", 5000}})) == "bad_request");
}

TEST_CASE("every refusal has code, message, permanent, and re when the request had an id") {
  TestController t;
  Client k(t, t.device());
  // Refused by the codec, yet the id is known: re comes back.
  for (const std::string& frame : {std::string(R"({"id": 41, "no_type": 1})"), std::string(R"({"id": 41, "type": 7})"),
                                  std::string(R"({"id": 41, "type": "hello", "extra": true})")}) {
    INFO(frame);
    k.send_raw(frame);
    auto r = k.recv(t);
    REQUIRE(r);
    CHECK((*r)["type"] == "error");
    CHECK((*r)["code"] == "bad_request");
    CHECK((*r)["permanent"] == true);
    CHECK((*r)["re"] == 41);
    CHECK_FALSE((*r)["message"].get<std::string>().empty());
  }
  // No id to be had.
  for (const std::string& frame : {std::string("not json"), std::string("{\"id\": 41, \"type\": \"\xff\"}"),
                                  std::string(70 * 1024, ' ')}) {
    k.send_raw(frame);
    auto r = k.recv(t);
    REQUIRE(r);
    CHECK((*r)["code"] == "bad_request");
    CHECK((*r)["permanent"] == true);
    CHECK_FALSE(r->contains("re"));
  }
  auto unknown = k.ask(t, {{"type", "no.such"}, {"id", 2}});
  CHECK(code(unknown) == "unknown_type");
  CHECK((*unknown)["re"] == 2);
  CHECK((*unknown)["request"] == "no.such");

  // Values the handlers now refuse instead of accepting or clamping.
  CHECK(code(k.ask(t, {{"type", "ticket.lookup"}, {"ticket", ""}})) == "bad_request");
  for (const Json& bad : {Json("toaster"), Json("URGENT")}) {
    auto s = screen_status("s1");
    s["board"] = bad;
    CHECK(code(k.ask(t, s)) == "bad_request");
  }
  for (const Json& bad : {Json(-5), Json(1e308), Json(60001)}) {
    auto s = screen_status("s1");
    s["frame_ms"] = bad;
    CHECK(code(k.ask(t, s)) == "bad_request");
  }
  Client a(t, t.admin());
  CHECK(code(a.ask(t, {{"type", "evaluations.list"}, {"limit", 0}})) == "bad_request");
  CHECK(code(a.ask(t, {{"type", "evaluations.list"}, {"limit", 10001}})) == "bad_request");
  CHECK(code(a.ask(t, {{"type", "tickets.list"}, {"limit", 1001}})) == "bad_request");
  CHECK(code(a.ask(t, {{"type", "tickets.list"}, {"limit", -3}})) == "bad_request");
  CHECK((*a.ask(t, {{"type", "tickets.list"}, {"limit", 1000}}))["type"] == "tickets");

  auto status = a.ask(t, {{"type", "status"}});
  REQUIRE(status);
  CHECK((*status)["refused"]["device"] == 5);  // the frames the codec refused, not the handlers' refusals
}

TEST_CASE("a rating's created_at lies within its bounds, and expiry counts from it") {
  TestController t;
  t.add_ticket("A001", "finished", 5, 120);
  t.add_ticket("A002", "finished", 25 * 60, 26 * 60);  // served 25 h ago
  t.add_ticket("A003", "finished", 25 * 60, 26 * 60);
  Client k(t, t.device());
  const int64_t now = hall::epoch_ms(std::chrono::system_clock::now());
  int n = 0;
  for (const std::string when : {"0001-01-01T00:00:00+00:00", "2000-01-01T00:00:00+08:00",
                                 "2030-01-01T00:00:00+08:00", "9999-12-31T23:59:59+08:00"}) {
    INFO(when);
    auto sub = submit(uuid_n(++n), "A001");
    sub["created_at"] = when;
    auto r = k.ask(t, sub);
    CHECK(code(r) == "bad_time");
    CHECK((*r)["permanent"] == true);
  }
  // Rated an hour before the service ended: the kiosk's clock is wrong.
  CHECK(code(k.ask(t, submit(uuid_n(++n), "A001", 5, Json::array(), "kiosk-1", now - 65 * 60000))) == "bad_time");
  // Rated 30 min after a service 25 h ago, delivered now: kept.
  auto late = k.ask(t, submit(uuid_n(++n), "A002", 4, Json::array(), "kiosk-1", now - (24 * 60 + 30) * 60000));
  REQUIRE(late);
  CHECK((*late)["type"] == "evaluation.ack");
  // Rated 25 h after the service: expired.
  CHECK(code(k.ask(t, submit(uuid_n(++n), "A003", 4, Json::array(), "kiosk-1", now))) == "expired");
  CHECK(scalar(t, "SELECT count(*) FROM evaluations") == 1);
}

TEST_CASE("uuids are compared in lower case and a reused uuid with other content is a conflict") {
  TestController t;
  t.add_ticket("A001");
  t.add_ticket("A002");
  Client k(t, t.device());
  const int64_t at = hall::epoch_ms(std::chrono::system_clock::now());
  const std::string lower = "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0fabcd";
  std::string upper = lower;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto first = k.ask(t, submit(upper, "A001", 5, Json::array(), "kiosk-1", at));
  REQUIRE(first);
  CHECK((*first)["type"] == "evaluation.ack");
  CHECK((*first)["uuid"] == lower);
  auto again = k.ask(t, submit(lower, "A001", 5, Json::array(), "kiosk-1", at));
  REQUIRE(again);
  CHECK((*again)["type"] == "evaluation.ack");
  CHECK((*again)["duplicate"] == true);
  auto other = k.ask(t, submit(lower, "A002", 1, Json::array({"attitude"}), "kiosk-1", at));
  CHECK(code(other) == "conflict");
  CHECK((*other)["permanent"] == true);
  CHECK(scalar(t, "SELECT count(*) FROM evaluations") == 1);
  CHECK(scalar(t, "SELECT count(*) FROM evaluations WHERE uuid = '" + lower + "'") == 1);

  // The same within one batch: both sent before the controller turns.
  k.send(submit("0190a1b2-c3d4-7e5f-8a6b-000000000001", "A002", 3, Json::array(), "kiosk-1", at));
  k.send(submit("0190A1B2-C3D4-7E5F-8A6B-000000000001", "A002", 2, Json::array(), "kiosk-1", at));
  auto r1 = k.recv(t);
  auto r2 = k.recv(t);
  REQUIRE((r1 && r2));
  const std::string types = (*r1)["type"].get<std::string>() + "," + code(r2) + "|" +
                            (*r2)["type"].get<std::string>() + "," + code(r1);
  CHECK_THAT(types, Catch::Contains("evaluation.ack,conflict"));
  CHECK(scalar(t, "SELECT count(*) FROM evaluations") == 2);
}

TEST_CASE("a device's set-aside report is kept with when it was first heard, and status lists it for a week") {
  auto clock_ms = std::make_shared<int64_t>(hall::epoch_ms(std::chrono::system_clock::now()));
  TestController t({}, false, [clock_ms] { return hall::SystemTime(std::chrono::milliseconds(*clock_ms)); });
  Client k(t, t.device());
  Client admin(t, t.admin());
  const std::string what = "damaged outbox set aside as /var/lib/kiosk/outbox.db.corrupt-20261202T080000Z";
  Json told = hello("kiosk-7");
  told["set_aside"] = what;
  CHECK((*k.ask(t, told))["type"] == "welcome");
  const std::string first_at = hall::iso_time(t.now());
  *clock_ms += 60'000;
  CHECK((*k.ask(t, told))["type"] == "welcome");  // the same report again: still the first time
  *clock_ms += 60'000;
  CHECK((*k.ask(t, hello("kiosk-7")))["type"] == "welcome");  // a later run with nothing to report
  CHECK((*k.ask(t, hello("kiosk-8")))["type"] == "welcome");
  auto status = admin.ask(t, {{"type", "status"}});
  REQUIRE(status);
  REQUIRE((*status)["set_aside"].size() == 1);
  CHECK((*status)["set_aside"][0]["id"] == "kiosk-7");
  CHECK((*status)["set_aside"][0]["kind"] == "kiosk");
  CHECK((*status)["set_aside"][0]["what"] == what);
  CHECK((*status)["set_aside"][0]["at"] == first_at);
  // Eight days later it is no longer listed.
  *clock_ms += 8LL * 24 * 3600 * 1000;
  status = admin.ask(t, {{"type", "status"}});
  REQUIRE(status);
  CHECK((*status)["set_aside"].empty());
  told["set_aside"] = std::string(hall::wire::Hello::kMaxSetAsideBytes + 1, 'x');
  CHECK(code(k.ask(t, told)) == "bad_request");
}

TEST_CASE("on a full disk every writer is answered store_full, retryable, and nothing half-written stays") {
  TestController t;
  Client admin(t, t.admin());
  // The store may not grow past its present size: SQLite answers SQLITE_FULL
  // once a write needs one more page, as on a full disk.
  exec(t, "PRAGMA max_page_count = " + std::to_string(scalar(t, "PRAGMA page_count")));
  const int64_t before = scalar(t, "SELECT count(*) FROM content_notices");
  const int64_t audit_before = scalar(t, "SELECT count(*) FROM audit");
  const Json post = {{"type", "notice.post"}, {"id", 9}, {"text", std::string(500, 'x')}};
  int posted = 0;
  std::optional<Json> r;
  for (int i = 0; i < 200; ++i) {
    r = admin.ask(t, post);
    REQUIRE(r);
    if ((*r)["type"] == "error") break;
    ++posted;
  }
  CHECK(code(r) == "store_full");
  CHECK((*r)["permanent"] == false);
  CHECK((*r)["re"] == 9);
  CHECK_THAT((*r)["message"].get<std::string>(), Catch::Contains("disk is full") && Catch::Contains("try again"));
  CHECK(scalar(t, "SELECT count(*) FROM content_notices") == before + posted);
  CHECK(scalar(t, "SELECT count(*) FROM audit") == audit_before + posted);
  auto status = admin.ask(t, {{"type", "status"}});
  REQUIRE(status);
  CHECK((*status)["disk_full"]["now"] == true);
  // Space returns: the same request goes through.
  exec(t, "PRAGMA max_page_count = 1073741823");
  r = admin.ask(t, post);
  REQUIRE(r);
  CHECK((*r)["type"] == "notice");
  CHECK(scalar(t, "SELECT count(*) FROM content_notices") == before + posted + 1);
}
