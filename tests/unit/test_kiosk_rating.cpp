// Kiosk: the step from a visitor's rating to an evaluation in the outbox
// (what hall-kiosk does with Model::take_rating), with a real SQLite outbox
// and a courier whose controller is not there.
#include <catch2/catch.hpp>

#include "common/wire/uuid.h"
#include "kiosk/delivery/outbox.h"
#include "kiosk/delivery/rating.h"
#include "log_capture.h"
#include "process.h"

using Catch::Contains;

namespace {
const hall::SystemTime kAt = hall::SystemTime(std::chrono::milliseconds(1795743000123));  // 2026-11-27 09:30 +08:00

kiosk::Rating bad_rating() {
  kiosk::Rating r;
  r.ticket = "A023";
  r.score = 2;
  r.reasons = {"attitude", "waiting"};
  r.phone = "13812345678";
  return r;
}
}  // namespace

TEST_CASE("a rating becomes an evaluation with a fresh uuid and the kiosk's time") {
  const kiosk::Evaluation e = kiosk::evaluation_from(bad_rating(), "kiosk-3", kAt);
  CHECK(e.ticket == "A023");
  CHECK(e.score == 2);
  CHECK(e.reasons == std::vector<std::string>{"attitude", "waiting"});
  CHECK(e.phone == "13812345678");
  CHECK(e.kiosk_id == "kiosk-3");
  CHECK(e.created_at == hall::iso_time(kAt));
  REQUIRE(hall::is_uuid(e.uuid));
  CHECK(e.uuid[14] == '7');
  CHECK(e.uuid.substr(0, 13) == "01a21a9f-a63b");  // 1795743000123 ms = 0x01a21a9fa63b
  // Every rating gets its own uuid, even in the same millisecond.
  CHECK(kiosk::evaluation_from(bad_rating(), "kiosk-3", kAt).uuid != e.uuid);

  kiosk::Rating good;
  good.ticket = "B101";
  good.score = 5;
  const kiosk::Evaluation g = kiosk::evaluation_from(good, "kiosk-3", kAt);
  CHECK(g.reasons.empty());
  CHECK(g.phone.empty());
  CHECK(g.to_json()["score"] == 5);
}

TEST_CASE("a submitted rating is in the outbox before anything is sent") {
  testing::TempDir dir;
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  auto outbox = kiosk::Outbox::open(kiosk::Outbox::path_for(dir.str("var"), "kiosk-3"));
  REQUIRE(outbox.ok());
  kiosk::CourierOptions o;
  o.controller = {"127.0.0.1", testing::free_ports(1)};  // nobody answers there
  auto courier = kiosk::Courier::create(**outbox, sockets, o);
  REQUIRE(courier.ok());

  testing::LogCapture log;
  auto e = kiosk::submit_rating(**courier, bad_rating(), "kiosk-3", kAt, std::chrono::steady_clock::now());
  REQUIRE(e.ok());
  CHECK_THAT(log.take(), Contains("info: rating " + e->uuid + " for ticket A023 (score 2) queued in the outbox"));
  CHECK((*courier)->waiting() == 1);
  auto pending = (*outbox)->pending();
  REQUIRE(pending.ok());
  REQUIRE(pending->size() == 1);
  const auto& stored = pending->front();
  CHECK(stored.uuid == e->uuid);
  CHECK(stored.ticket == "A023");
  CHECK(stored.score == 2);
  CHECK(stored.reasons == e->reasons);
  CHECK(stored.phone == "13812345678");
  CHECK(stored.kiosk_id == "kiosk-3");
  CHECK(stored.created_at == hall::iso_time(kAt));
}
