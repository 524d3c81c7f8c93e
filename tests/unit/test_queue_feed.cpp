// Queue feed parsing, evaluation rules and ticket bookkeeping.
#include <catch2/catch.hpp>

#include "common/wire/uuid.h"
#include "common/time/iso8601.h"

#include "controller/evaluations/evaluation_rules.h"
#include "controller/queue/queue_feed.h"
#include "controller/core/schema.h"
#include "controller/queue/tickets.h"
#include "process.h"

using namespace controller;

TEST_CASE("a feed page parses and bad events are skipped with a reason") {
  const std::string body = R"({"feed": "f1", "next": 9, "more": true, "events": [
    {"seq": 1, "event": "ticket.created", "ticket": "A023", "at": "2026-11-27T09:00:00+08:00",
     "service_item": {"id": "gjj", "name": "住房公积金提取"}},
    {"seq": 2, "event": "ticket.called", "ticket": "A023", "at": "2026-11-27T09:05:00+08:00",
     "window": {"number": 3, "name": "公积金窗口"}, "staff": {"id": "wang-fang", "name": "王芳"}},
    {"seq": 3, "event": "ticket.teleported", "ticket": "A024", "at": "2026-11-27T09:05:00+08:00"},
    {"seq": 4, "event": "ticket.created", "ticket": 24, "at": "2026-11-27T09:05:00+08:00"},
    {"seq": 5, "event": "ticket.called", "ticket": "A025", "at": "2026-11-27T09:05:00+08:00"},
    {"seq": 6, "event": "ticket.finished", "ticket": "A023", "at": "9 o'clock"},
    {"seq": 7, "event": "ticket.finished", "ticket": "A023", "at": "2026-11-27T09:15:00+08:00",
     "window": {"number": "three"}},
    "junk"
  ]})";
  auto page = parse_feed_page(body);
  REQUIRE(page);
  CHECK(page->feed == "f1");
  CHECK(page->next == 9);
  CHECK(page->more);
  REQUIRE(page->events.size() == 2);
  CHECK(page->events[1].kind == QueueEventKind::Called);
  CHECK(page->events[1].window_number == 3);
  CHECK(page->events[1].staff_name == "王芳");
  REQUIRE(page->skipped.size() == 6);
  CHECK_THAT(page->skipped[0], Catch::Contains("unknown event \"ticket.teleported\""));
  CHECK_THAT(page->skipped[1], Catch::Contains("\"ticket\" must be a string"));
  CHECK_THAT(page->skipped[2], Catch::Contains("needs a \"window\""));
  CHECK_THAT(page->skipped[3], Catch::Contains("not an ISO 8601 time"));
  CHECK_THAT(page->skipped[4], Catch::Contains("window: \"number\""));
  CHECK_THAT(page->skipped[5], Catch::Contains("must be a JSON object"));
}

TEST_CASE("a feed reply that is not a page is refused as a whole") {
  CHECK_THAT(parse_feed_page("<html>").error(), Catch::Contains("not JSON"));
  CHECK_THAT(parse_feed_page("[]").error(), Catch::Contains("JSON object"));
  CHECK_THAT(parse_feed_page(R"({"next": 1, "events": []})").error(), Catch::Contains("\"feed\""));
  CHECK_THAT(parse_feed_page(R"({"feed": "f", "next": -1, "events": []})").error(), Catch::Contains("\"next\""));
  CHECK_THAT(parse_feed_page(R"({"feed": "f", "next": 1, "events": {}})").error(), Catch::Contains("\"events\""));
  CHECK_THAT(parse_feed_page("{\"feed\": \"\xff\"}").error(), Catch::Contains("UTF-8"));
}

TEST_CASE("evaluation rules: uuid, phone, reasons and masking") {
  CHECK(hall::is_uuid("123e4567-e89b-42d3-a456-426614174000"));
  CHECK_FALSE(hall::is_uuid("123e4567e89b42d3a456426614174000"));
  CHECK_FALSE(hall::is_uuid("123e4567-e89b-42d3-a456-42661417400g"));
  CHECK(valid_phone(""));
  CHECK(valid_phone("13812345678"));
  CHECK_FALSE(valid_phone("138-1234-5678"));
  CHECK_FALSE(valid_phone("123456789012345678901"));
  CHECK(mask_phone("13812345678") == "138****5678");
  CHECK(mask_phone("057187654321") == "057*****4321");
  CHECK(mask_phone("12345") == "****5");
  CHECK(mask_phone("") == "");
  CHECK(known_reason("long_wait"));
  CHECK_FALSE(known_reason("rude"));
  CHECK(score_label(5) == "非常满意");
  CHECK(score_label(1) == "非常不满意");
  CHECK(score_label(0).empty());
}

TEST_CASE("ticket events record wait and service times, replays are harmless") {
  testing::TempDir dir;
  auto store = hall::Store::open(dir.str("t.db"), migrations());
  REQUIRE(store);
  TicketBook book(**store);
  auto ev = [](QueueEventKind k, const char* at, int window = 0) {
    QueueEvent e;
    e.kind = k;
    e.ticket = "A023";
    e.at = at;
    e.at_ms = *hall::parse_iso_ms(at);
    e.service_item_id = "gjj";
    e.service_item_name = "住房公积金提取";
    if (window) {
      e.window_number = window;
      e.window_name = "公积金窗口";
      e.staff_id = "wang-fang";
      e.staff_name = "王芳";
    }
    return e;
  };
  const auto created = ev(QueueEventKind::Created, "2026-11-27T09:00:00+08:00");
  REQUIRE(book.apply(created, "now"));
  REQUIRE(book.apply(ev(QueueEventKind::Called, "2026-11-27T09:12:00+08:00", 3), "now"));
  REQUIRE(book.apply(ev(QueueEventKind::Recalled, "2026-11-27T09:13:00+08:00", 3), "now"));
  REQUIRE(book.apply(ev(QueueEventKind::Finished, "2026-11-27T09:21:30+08:00", 3), "now"));
  REQUIRE(book.apply(created, "now"));  // replayed after a feed restart
  auto t = book.find("A023");
  REQUIRE(t);
  REQUIRE(*t);
  CHECK((*t)->state == "finished");
  CHECK((*t)->wait_s == 12 * 60);
  CHECK((*t)->service_s == 8 * 60 + 30);
  CHECK((*t)->window_number == 3);
  CHECK((*t)->staff_name == "王芳");
  auto calls = book.recent_calls(10);
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].ticket == "A023");
  CHECK(calls[0].window == 3);
  CHECK(book.recent(10).size() == 1);

  // An event for a ticket never seen issued creates it; SQL metacharacters stay text.
  auto odd = ev(QueueEventKind::Finished, "2026-11-27T10:00:00+08:00", 2);
  odd.ticket = "B1'--;DROP";
  REQUIRE(book.apply(odd, "now"));
  auto o = book.find("B1'--;DROP");
  REQUIRE(o);
  REQUIRE(*o);
  CHECK((*o)->state == "finished");
  CHECK_FALSE(*book.find("C999"));
}
