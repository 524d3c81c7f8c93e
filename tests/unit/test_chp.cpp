// CHP (RFC 12) frame codec: every command, byte for byte.
#include <catch2/catch.hpp>

#include "common/chp/chp.h"

using namespace hall::chp;

TEST_CASE("sequence numbers are 8 bytes in network order") {
  const auto b = encode_sequence(0x0102030405060708ull);
  REQUIRE(b.size() == 8);
  CHECK(b == std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
  CHECK(decode_sequence(b) == 0x0102030405060708ull);
  CHECK(decode_sequence(encode_sequence(0)) == 0);
  CHECK(decode_sequence(encode_sequence(UINT64_MAX)) == UINT64_MAX);
}

TEST_CASE("ICANHAZ is two frames: command and subtree") {
  const auto f = encode_icanhaz("/hall/");
  REQUIRE(f.size() == 2);
  CHECK(f[0] == "ICANHAZ?");
  CHECK(f[1] == "/hall/");
  CHECK(decode_icanhaz(f).value() == "/hall/");
  CHECK(decode_icanhaz(encode_icanhaz("")).value().empty());
  CHECK_FALSE(decode_icanhaz({"ICANHAZ?"}).ok());
  CHECK_FALSE(decode_icanhaz({"GIMME", "/hall/"}).ok());
  CHECK_FALSE(decode_icanhaz({"ICANHAZ?", "hall"}).ok());
  CHECK_FALSE(decode_icanhaz({"ICANHAZ?", "/hall"}).ok());
}

TEST_CASE("KVPUB carries key, sequence, uuid, properties and value") {
  KvMsg m{"/hall/info", 42, std::string(16, '\x7f'), "ttl=30\n", "{\"name\":\"中心\"}"};
  const auto f = encode_kv(m);
  REQUIRE(f.size() == 5);
  CHECK(f[0] == "/hall/info");
  CHECK(f[1] == encode_sequence(42));
  CHECK(f[2].size() == 16);
  CHECK(f[3] == "ttl=30\n");
  auto back = decode_kv(f);
  REQUIRE(back.ok());
  CHECK(back->key == m.key);
  CHECK(back->sequence == 42);
  CHECK(back->value == m.value);
  CHECK(decode_properties(back->properties).at("ttl") == "30");
}

TEST_CASE("KTHXBAI and HUGZ follow the RFC layout") {
  const auto k = encode_kthxbai(9, "/hall/");
  REQUIRE(k.size() == 5);
  CHECK(k[0] == "KTHXBAI");
  CHECK(decode_sequence(k[1]) == 9);
  CHECK(k[2].empty());
  CHECK(k[3].empty());
  CHECK(k[4] == "/hall/");
  const auto h = encode_hugz();
  REQUIRE(h.size() == 5);
  CHECK(h[0] == "HUGZ");
  CHECK(h[1] == std::string(8, '\0'));
  CHECK((h[2].empty() && h[3].empty() && h[4].empty()));
  CHECK(decode_kv(k).ok());
  CHECK(decode_kv(h).ok());
}

TEST_CASE("malformed CHP frames are refused") {
  CHECK_FALSE(decode_kv({"/k", encode_sequence(1), "", ""}).ok());              // 4 frames
  CHECK_FALSE(decode_kv({"/k", "1234", "", "", "v"}).ok());                     // short sequence
  CHECK_FALSE(decode_kv({"/k", encode_sequence(1), "uuid", "", "v"}).ok());     // bad uuid
  CHECK_FALSE(decode_kv({"k", encode_sequence(1), "", "", "v"}).ok());          // no slash
  CHECK_FALSE(decode_kv({"", encode_sequence(1), "", "", "v"}).ok());           // empty key
  CHECK_FALSE(decode_kv({"/" + std::string(300, 'k'), encode_sequence(1), "", "", "v"}).ok());
}

TEST_CASE("properties parse name=value lines and skip junk") {
  auto p = decode_properties("a=1\nb=x=y\n\nnovalue\n=bad\nc=");
  CHECK(p.size() == 3);
  CHECK(p["a"] == "1");
  CHECK(p["b"] == "x=y");
  CHECK(p["c"] == "");
  CHECK(encode_properties({{"a", "1"}, {"b", "2"}}) == "a=1\nb=2\n");
}

TEST_CASE("KVSYNC carries binary media values byte for byte with empty uuid and properties") {
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  png += std::string(1000, '\0') + "\xff\xfe";
  const auto f = encode_kv({"/media/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 7, "", "", png});
  REQUIRE(f.size() == 5);
  CHECK(f[2].empty());
  CHECK(f[3].empty());
  CHECK(f[4].size() == png.size());
  auto back = decode_kv(f);
  REQUIRE(back.ok());
  CHECK(back->value == png);
  CHECK(back->sequence == 7);
}

TEST_CASE("per-folder prev properties round-trip through the properties codec") {
  const std::string props = "epoch=3f9c2a7d01b4e856\nprev:/content/=4117\nprev:/content/staff/=4090\n";
  auto p = decode_properties(props);
  CHECK(p.size() == 3);
  CHECK(p.at("epoch") == "3f9c2a7d01b4e856");
  CHECK(p.at("prev:/content/") == "4117");
  CHECK(p.at("prev:/content/staff/") == "4090");
  CHECK(encode_properties(p) == props);
}
