// Glyph-set building: only the characters in use, merged into ranges.
#include <catch2/catch.hpp>

#include "common/base/glyphs.h"

TEST_CASE("a new set holds printable ASCII only") {
  hall::GlyphSet g;
  CHECK(g.size() == 95);
  CHECK(g.contains('A'));
  CHECK(g.contains('9'));
  CHECK_FALSE(g.contains(0x4EAE));
  CHECK(g.ranges() == std::vector<uint32_t>{0x20, 0x7E, 0});
}

TEST_CASE("adding text adds its characters once and reports change") {
  hall::GlyphSet g;
  CHECK(g.add("亮标准亮身份"));
  CHECK(g.size() == 95 + 5);  // 亮 appears twice
  CHECK_FALSE(g.add("亮身份"));
  CHECK_FALSE(g.add("plain ascii 123"));
  CHECK(g.add("★"));
  CHECK(g.contains(0x2605));
}

TEST_CASE("control characters and invalid bytes are not glyphs") {
  hall::GlyphSet g;
  g.add("\n\t\x01");
  CHECK(g.size() == 95);
  g.add("\xff");  // decodes as U+FFFD, the replacement character
  CHECK(g.contains(0xFFFD));
}

TEST_CASE("ranges merge contiguous code points and end with 0") {
  hall::GlyphSet g;
  g.add("一丁七");  // U+4E00, U+4E01, U+4E03
  const auto r = g.ranges();
  REQUIRE(r.size() == 2 + 4 + 1);
  CHECK(r[2] == 0x4E00);
  CHECK(r[3] == 0x4E01);
  CHECK(r[4] == 0x4E03);
  CHECK(r[5] == 0x4E03);
  CHECK(r.back() == 0);
}

TEST_CASE("a realistic board needs a few hundred glyphs, not 20,000") {
  hall::GlyphSet g;
  g.add("公开服务事项、工作流程、办结时限等，亮出服务标准。采取佩戴党徽、发放服务卡和设立党员责任区、"
        "党员先锋岗等，亮出党员身份。设置展示板、电子显示屏、网络平台，或印制承诺名片、制作承诺桌牌等，亮出承诺内容。");
  CHECK(g.size() < 200);
  CHECK(g.size() > 95 + 50);
}

TEST_CASE("code points above the BMP stay out of the 16-bit ranges") {
  hall::GlyphSet g;
  g.add("\xF0\x9F\x98\x80");  // U+1F600
  CHECK(g.contains(0x1F600));
  CHECK(g.ranges() == std::vector<uint32_t>{0x20, 0x7E, 0});
}
