// The message codec against well-formed and hostile input.
#include <catch2/catch.hpp>

#include "common/wire/codec.h"
#include "common/base/utf8.h"

using hall::FieldType;

TEST_CASE("a message round-trips with Chinese text") {
  const auto frame = hall::encode_message("hello", {{"device_id", "一号屏"}, {"id", 7}});
  auto msg = hall::decode_message(frame);
  REQUIRE(msg.ok());
  CHECK(msg->type == "hello");
  CHECK(msg->body["device_id"] == "一号屏");
  CHECK(msg->body["id"] == 7);
}

TEST_CASE("hostile frames are refused with a reason") {
  struct Case {
    std::string frame;
    const char* reason;
  };
  const std::vector<Case> cases = {
      {std::string(hall::kMaxMessageBytes + 1, ' '), "too large"},
      {"{\"type\":\"hello\",\"x\":\"\xff\xfe\"}", "not valid UTF-8"},
      {"{\"type\":\"hello\",\"x\":\"\xc0\xaf\"}", "not valid UTF-8"},        // overlong '/'
      {"{\"type\":\"hello\",\"x\":\"\xed\xa0\x80\"}", "not valid UTF-8"},    // surrogate
      {"{\"type\":\"hello\",\"x\":\"\xe4\xb8\"}", "not valid UTF-8"},        // truncated
      {"{\"type\":\"hello\"", "not valid JSON"},
      {"", "not valid JSON"},
      {"[1,2,3]", "must be a JSON object"},
      {"\"hello\"", "must be a JSON object"},
      {"{\"kind\":\"hello\"}", "no \"type\""},
      {"{\"type\":42}", "\"type\" must be a string"},
      {"{\"type\":\"\"}", "1-64 bytes"},
      {"{\"type\":\"hello\",\"id\":-1}", "\"id\" must be a non-negative integer"},
      {"{\"type\":\"hello\",\"id\":\"1\"}", "\"id\" must be a non-negative integer"},
      {"{\"type\":\"x'); DROP TABLE devices;--\"}", ""},  // decodes: SQL text is only data
  };
  for (const auto& c : cases) {
    INFO(c.frame.substr(0, 60));
    auto msg = hall::decode_message(c.frame);
    if (std::string(c.reason).empty()) {
      CHECK(msg.ok());
    } else {
      REQUIRE_FALSE(msg.ok());
      CHECK_THAT(msg.error(), Catch::Contains(c.reason));
    }
  }
}

TEST_CASE("deeply nested JSON within the size limit does not crash") {
  std::string deep = "{\"type\":\"x\",\"a\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
  auto msg = hall::decode_message(deep);
  CHECK(msg.ok());
}

TEST_CASE("check_fields enforces exact fields, types and sizes") {
  auto msg = hall::decode_message(
      hall::encode_message("hello", {{"device", "kiosk"}, {"device_id", "k1"}, {"n", 3}, {"id", 1}}));
  REQUIRE(msg.ok());
  auto ok = hall::check_fields(*msg, {{"device", FieldType::String},
                                      {"device_id", FieldType::String},
                                      {"n", FieldType::Integer},
                                      {"opt", FieldType::Boolean, false}});
  CHECK(ok.ok());

  auto unknown = hall::check_fields(*msg, {{"device", FieldType::String}, {"n", FieldType::Integer}});
  REQUIRE_FALSE(unknown.ok());
  CHECK_THAT(unknown.error(), Catch::Contains("unknown field \"device_id\""));

  auto missing = hall::check_fields(*msg, {{"device", FieldType::String},
                                           {"device_id", FieldType::String},
                                           {"n", FieldType::Integer},
                                           {"score", FieldType::Integer}});
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error(), Catch::Contains("missing field \"score\""));

  auto wrong = hall::check_fields(*msg, {{"device", FieldType::Integer},
                                         {"device_id", FieldType::String},
                                         {"n", FieldType::Integer}});
  REQUIRE_FALSE(wrong.ok());
  CHECK_THAT(wrong.error(), Catch::Contains("\"device\" must be an integer"));

  auto longer = hall::check_fields(*msg, {{"device", FieldType::String, true, 3},
                                          {"device_id", FieldType::String},
                                          {"n", FieldType::Integer}});
  REQUIRE_FALSE(longer.ok());
  CHECK_THAT(longer.error(), Catch::Contains("longer than 3 bytes"));
}

TEST_CASE("error replies echo the request id") {
  auto req = hall::decode_message("{\"type\":\"status\",\"id\":42}");
  REQUIRE(req.ok());
  auto reply = hall::decode_message(hall::encode_error(&*req, "no such thing"));
  REQUIRE(reply.ok());
  CHECK(reply->type == "error");
  CHECK(reply->body["re"] == 42);
  CHECK(reply->body["message"] == "no such thing");
}

TEST_CASE("utf8 validation finds the first bad byte") {
  CHECK_FALSE(hall::utf8::first_invalid("三亮三比三评 ok").has_value());
  CHECK(hall::utf8::first_invalid("ab\xff").value() == 2);
  CHECK(hall::utf8::first_invalid("\xf4\x90\x80\x80").value() == 0);  // above U+10FFFF
  // Past and between the eight-byte ASCII steps, and cut short at the end.
  CHECK(hall::utf8::first_invalid("0123456789abcdef\xff").value() == 16);
  CHECK(hall::utf8::first_invalid("0123456789\xc0\xafxyz").value() == 10);  // overlong '/'
  CHECK(hall::utf8::first_invalid("01234567\xe4\xba").value() == 8);
  CHECK_FALSE(hall::utf8::first_invalid("01234567亮0123456789abcdef评").has_value());
  CHECK(hall::utf8::decode("亮") == std::vector<char32_t>{0x4EAE});
}

TEST_CASE("utf8 encoding writes one to four bytes and round-trips through decode") {
  std::string out;
  for (char32_t cp : {U'A', U'\u00e9', U'亮', U'\U0001F3DB'}) hall::utf8::append_utf8(out, cp);
  CHECK(out == "A\xc3\xa9\xe4\xba\xae\xf0\x9f\x8f\x9b");
  CHECK(hall::utf8::decode(out) == std::vector<char32_t>{U'A', U'\u00e9', U'亮', U'\U0001F3DB'});
  // Every boundary of the encoding lengths.
  for (char32_t cp : {0x0u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xD7FFu, 0xE000u, 0xFFFFu, 0x10000u, 0x10FFFFu}) {
    std::string one;
    hall::utf8::append_utf8(one, cp);
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    CHECK_FALSE(hall::utf8::first_invalid(one).has_value());
    CHECK(hall::utf8::decode(one) == std::vector<char32_t>{cp});
  }
  // What UTF-8 cannot hold becomes U+FFFD (a lone UTF-16 surrogate from the keyboard queue).
  std::string bad;
  hall::utf8::append_utf8(bad, 0xD800);
  hall::utf8::append_utf8(bad, 0x110000);
  CHECK(bad == "\xef\xbf\xbd\xef\xbf\xbd");
}
