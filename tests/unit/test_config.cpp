// Config loading: typed keys, typos, wrong types, overrides, bad files.
#include <catch2/catch.hpp>

#include <fstream>

#include "controller/settings.h"
#include "common/base/config.h"
#include "process.h"

namespace {
hall::Schema sample_schema() {
  using hall::ValueType;
  hall::Schema s = {
      {"hall.name", ValueType::String, std::string("default hall"), ""},
      {"net.port", ValueType::Integer, int64_t{5556}, "", 1, 65535},
      {"screen.fullscreen", ValueType::Boolean, false, ""},
      {"rank.weight", ValueType::Float, 0.6, ""},
  };
  return s;
}

std::string write(const testing::TempDir& dir, const std::string& text) {
  const std::string path = dir.str("test.toml");
  std::ofstream(path) << text;
  return path;
}
}  // namespace

TEST_CASE("defaults apply when no file is given") {
  auto cfg = hall::Config::load(sample_schema(), "", {});
  REQUIRE(cfg.ok());
  CHECK(cfg->str("hall.name") == "default hall");
  CHECK(cfg->integer("net.port") == 5556);
  CHECK_FALSE(cfg->boolean("screen.fullscreen"));
  CHECK(cfg->real("rank.weight") == Approx(0.6));
}

TEST_CASE("a file sets typed values, Chinese included") {
  testing::TempDir dir;
  auto path = write(dir, "[hall]\nname = \"朝阳区政务服务中心\"\n[net]\nport = 6000\n[rank]\nweight = 1\n");
  auto cfg = hall::Config::load(sample_schema(), path, {});
  REQUIRE(cfg.ok());
  CHECK(cfg->str("hall.name") == "朝阳区政务服务中心");
  CHECK(cfg->integer("net.port") == 6000);
  CHECK(cfg->real("rank.weight") == Approx(1.0));  // an integer is a fine number
}

TEST_CASE("a typo is an error naming file and key, with a suggestion") {
  testing::TempDir dir;
  auto path = write(dir, "[hall]\nnmae = \"x\"\n");
  auto cfg = hall::Config::load(sample_schema(), path, {});
  REQUIRE_FALSE(cfg.ok());
  CHECK_THAT(cfg.error(), Catch::Contains(path));
  CHECK_THAT(cfg.error(), Catch::Contains("unknown key 'hall.nmae'"));
  CHECK_THAT(cfg.error(), Catch::Contains("did you mean 'hall.name'"));
}

TEST_CASE("a wrong type names the key and the expected type") {
  testing::TempDir dir;
  auto path = write(dir, "[net]\nport = \"5556\"\n");
  auto cfg = hall::Config::load(sample_schema(), path, {});
  REQUIRE_FALSE(cfg.ok());
  CHECK_THAT(cfg.error(), Catch::Contains("'net.port' must be an integer, got a string"));
  CHECK_THAT(cfg.error(), Catch::Contains(path));
}

TEST_CASE("integers are range-checked") {
  testing::TempDir dir;
  auto cfg = hall::Config::load(sample_schema(), write(dir, "[net]\nport = 70000\n"), {});
  REQUIRE_FALSE(cfg.ok());
  CHECK_THAT(cfg.error(), Catch::Contains("between 1 and 65535"));
}

TEST_CASE("TOML syntax errors give file, line and column") {
  testing::TempDir dir;
  auto path = write(dir, "[hall]\nname = \"unterminated\n");
  auto cfg = hall::Config::load(sample_schema(), path, {});
  REQUIRE_FALSE(cfg.ok());
  CHECK_THAT(cfg.error(), Catch::StartsWith(path + ":2:"));
}

TEST_CASE("a missing file says to check --config") {
  auto cfg = hall::Config::load(sample_schema(), "/nonexistent/hall.toml", {});
  REQUIRE_FALSE(cfg.ok());
  CHECK_THAT(cfg.error(), Catch::Contains("--config"));
}

TEST_CASE("a key outside any section is refused") {
  testing::TempDir dir;
  auto cfg = hall::Config::load(sample_schema(), write(dir, "name = \"x\"\n"), {});
  REQUIRE_FALSE(cfg.ok());
  CHECK_THAT(cfg.error(), Catch::Contains("outside any [section]"));
}

TEST_CASE("overrides from the command line are typed like the file") {
  testing::TempDir dir;
  auto path = write(dir, "[net]\nport = 6000\n");
  auto cfg = hall::Config::load(sample_schema(), path,
                                {"net.port=7000", "screen.fullscreen=true", "rank.weight=0.25",
                                 "hall.name=a=b"});
  REQUIRE(cfg.ok());
  CHECK(cfg->integer("net.port") == 7000);
  CHECK(cfg->boolean("screen.fullscreen"));
  CHECK(cfg->real("rank.weight") == Approx(0.25));
  CHECK(cfg->str("hall.name") == "a=b");

  for (const char* bad : {"net.port=abc", "net.port=12x", "screen.fullscreen=yes", "rank.weight=",
                          "net.prot=1", "noequals", "=5"}) {
    INFO(bad);
    auto r = hall::Config::load(sample_schema(), path, {bad});
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error(), Catch::Contains("--set"));
  }
}

TEST_CASE("the shipped sample configs load against the real schemas") {
  auto cfg = hall::Config::load(controller::schema(), HALL_SOURCE_DIR "/config/controller.toml", {});
  REQUIRE(cfg.ok());
  auto s = controller::settings_from(*cfg);
  REQUIRE(s.ok());
  CHECK(s->chp.port == 5556);
  CHECK_FALSE(s->hall_name.empty());
  CHECK(s->curve);  // a shipped config is secure by default
}

TEST_CASE("a character toml++ cannot read outside a string is refused with its place, and kept inside strings") {
  // U+FEBF in a table header sent Debian's toml++ 3.3.0 into an unreachable
  // branch (tests/fuzz/regressions/config/table-header-U+FEBF).
  hall::Schema schema;
  schema.push_back({"controller.chp_port", hall::ValueType::Integer, int64_t{5556}, "CHP port"});
  schema.push_back({"hall.name", hall::ValueType::String, std::string("x"), "name"});
  auto bad = hall::Config::parse(schema, "[\xef\xba\xbfsig]\nchp_port = 1\n", "bad.toml");
  REQUIRE_FALSE(bad);
  CHECK_THAT(bad.error(), Catch::Contains("bad.toml: line 1, column 2") && Catch::Contains("U+FEBF") &&
                              Catch::Contains("quotes"));
  CHECK(hall::toml_unreadable("# \xef\xb9\x8f in a comment\n[hall]\nname = \"\xef\xb9\x8f\xef\xb8\x8f\"\n") ==
        std::nullopt);
  CHECK(hall::toml_unreadable("a = '''\n\xef\xb9\x8f'''\nb = \"\\\"\xef\xb9\x8f\"\n") == std::nullopt);
  CHECK(hall::toml_unreadable("a = 1\nb = 2 \xef\xb9\x8f\n").value_or("").find("line 2, column 7") == 0);
  // Cyrillic in a table header (tests/fuzz/regressions/config/table-header-U+0414).
  CHECK_THAT(hall::toml_unreadable("[contro\xd0\x94l]\n").value_or(""), Catch::Contains("U+0414"));
  // A line-ending backslash followed by a middle dot (U+00B7) on the next line.
  CHECK_THAT(hall::toml_unreadable("a = \"\"\"x \\\n  \xc2\xb7y\"\"\"\n").value_or(""),
             Catch::Contains("line 1") && Catch::Contains("U+00B7") && Catch::Contains("backslash"));
  CHECK(hall::toml_unreadable("a = \"\"\"\xc2\xb7 \\\n  \xe5\x90\x8d\"\"\"\n") == std::nullopt);
  auto good = hall::Config::parse(schema, "[hall]\nname = \"\xef\xb9\x8f\"\n", "good.toml");
  REQUIRE(good);
}

TEST_CASE("a file not saved as UTF-8 is named as such, GBK included, with the fix") {
  // 政务 in GBK, as Chinese Windows saves it.
  const auto gbk = hall::toml_unreadable("[hall]\nname = \"\xd5\xfe\xce\xf1\"\n");
  REQUIRE(gbk);
  CHECK_THAT(*gbk, Catch::Contains("line 2, column 9: byte 0xD5 is not UTF-8") && Catch::Contains("GBK") &&
                       Catch::Contains("save it as UTF-8"));
  const auto latin1 = hall::toml_unreadable("name = \"caf\xe9\"\n");
  REQUIRE(latin1);
  CHECK_THAT(*latin1, Catch::Contains("is not saved as UTF-8") && !Catch::Contains("GBK"));
  CHECK_THAT(hall::toml_unreadable("\xff\xfe[\0h\0").value_or(""), Catch::Contains("UTF-16"));
  CHECK(hall::toml_unreadable("[hall]\nname = \"政务\"\n") == std::nullopt);
}
