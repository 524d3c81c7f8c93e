// Content: SHA-256 and base64, validation of imported bundles (every error
// names file, record and field), import as one transaction, SQL
// metacharacters, export -> import round trip, and the published values.
// Real SQLite files in temp dirs; the sample hall from config/sample-hall.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "controller/content/content_files.h"
#include "controller/content/content_schema.h"
#include "controller/content/content_store.h"
#include "common/vocab/hall_keys.h"
#include "controller/core/schema.h"
#include "common/base/digest.h"
#include "process.h"

using namespace controller::content;
using hall::Json;

namespace {
const std::string kSample = HALL_SOURCE_DIR "/config/sample-hall";

Json sample_wire() {
  auto wire = read_content_dir(kSample);
  REQUIRE(wire.ok());
  return *wire;
}

hall::SystemTime noon() {
  return hall::SystemTime(std::chrono::seconds(1795752000));  // 2026-11-27T04:00:00Z
}

std::string import_error(const Json& wire) {
  auto b = validate_bundle(wire, noon());
  REQUIRE_FALSE(b.ok());
  return b.error();
}

Json& record(Json& wire, const std::string& file, const std::string& array, const std::string& id) {
  for (auto& r : wire["files"][file][array])
    if (r.value("id", std::string()) == id) return r;
  FAIL("no record " << id);
  throw;
}

std::unique_ptr<hall::Store> open_store(const testing::TempDir& dir, const std::string& name) {
  auto s = hall::Store::open(dir.str(name), controller::migrations());
  REQUIRE(s.ok());
  return std::move(*s);
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_CASE("sha256 matches the FIPS 180-4 examples") {
  CHECK(hall::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(hall::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hall::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(hall::sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("base64 round-trips every byte and refuses bad text") {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (size_t n : {0, 1, 2, 3, 4, 255, 256}) {
    auto back = hall::base64_decode(hall::base64_encode(all.substr(0, n)));
    REQUIRE(back.ok());
    CHECK(*back == all.substr(0, n));
  }
  CHECK(hall::base64_encode("foob") == "Zm9vYg==");
  CHECK_THAT(hall::base64_decode("Zm9v!g==").error(), Catch::Contains("offset 4"));
  CHECK_FALSE(hall::base64_decode("Zm9").ok());
  CHECK_FALSE(hall::base64_decode("Z=9v").ok());
}

TEST_CASE("the sample hall is valid and complete") {
  auto b = validate_bundle(sample_wire(), noon());
  REQUIRE(b.ok());
  CHECK(b->hall["name"] == "明州市政务服务中心");
  CHECK(b->hall["logo"].get<std::string>().size() == 64);
  CHECK(b->records["content_windows"].size() == 8);
  CHECK(b->records["content_staff"].size() == 20);
  CHECK(b->records["content_standards"].size() == 15);
  CHECK(b->records["content_playlists"].size() == 2);
  CHECK(b->media.size() == 21);
  for (const auto& s : b->records["content_staff"]) CHECK(b->media.count(s["photo"].get<std::string>()) == 1);
  // Roles: the centre's director leads and manages, the duty manager leads,
  // everyone else has none (absent = []).
  auto roles_of = [&](const std::string& id) {
    for (const auto& s : b->records["content_staff"])
      if (s["id"] == id) return s["roles"];
    return Json();
  };
  CHECK(roles_of("he-ping") == Json{"leader", "manager"});
  CHECK(roles_of("xu-jing") == Json{"leader"});
  CHECK(roles_of("wang-fang") == Json::array());
}

TEST_CASE("validation errors name the file, the record and the field") {
  const Json base = sample_wire();
  struct Case {
    std::function<void(Json&)> edit;
    std::string expect;
  };
  const std::vector<Case> cases = {
      {[](Json& w) { record(w, "staff.toml", "staff", "zhang-wei")["window"] = 9; },
       "staff.toml: staff \"zhang-wei\": field \"window\": no window 9"},
      {[](Json& w) { record(w, "staff.toml", "staff", "li-na")["member"] = "yes"; },
       "staff.toml: staff \"li-na\": field \"member\": must be true or false"},
      {[](Json& w) { record(w, "staff.toml", "staff", "li-na")["photo"] = "photos/nobody.png"; },
       "staff.toml: staff \"li-na\": field \"photo\": no file \"photos/nobody.png\""},
      {[](Json& w) { record(w, "staff.toml", "staff", "li-na")["roles"] = {"boss"}; },
       "staff.toml: staff \"li-na\": field \"roles\": \"boss\" is not a role; use \"staff\", \"leader\" or \"manager\""},
      {[](Json& w) { record(w, "staff.toml", "staff", "li-na")["roles"] = {"leader", "leader"}; },
       "staff.toml: staff \"li-na\": field \"roles\": \"leader\" is listed twice"},
      {[](Json& w) { record(w, "staff.toml", "staff", "li-na")["roles"] = "leader"; },
       "staff.toml: staff \"li-na\": field \"roles\": must be a list of strings"},
      {[](Json& w) { record(w, "staff.toml", "staff", "li-na")["windw"] = 2; },
       "staff.toml: staff \"li-na\": field \"windw\": unknown field"},
      {[](Json& w) { w["files"]["staff.toml"]["staff"][3].erase("id"); },
       "staff.toml: staff #4: field \"id\": missing"},
      {[](Json& w) { record(w, "staff.toml", "staff", "li-na")["id"] = "wang-fang"; },
       "staff.toml: staff \"wang-fang\": field \"id\": \"wang-fang\" is used by another staff"},
      {[](Json& w) { record(w, "staff.toml", "staff", "li-na")["id"] = "Li Na"; },
       "staff.toml: staff \"Li Na\": field \"id\": \"Li Na\" is not an id"},
      {[](Json& w) { record(w, "standards.toml", "standard", "gjj-tiqu")["steps"] = Json::array(); },
       "standards.toml: standard \"gjj-tiqu\": field \"steps\": must not be empty"},
      {[](Json& w) { record(w, "standards.toml", "standard", "gjj-tiqu")["department"] = "nasa"; },
       "standards.toml: standard \"gjj-tiqu\": field \"department\": no department \"nasa\""},
      {[](Json& w) { w["files"]["windows.toml"]["window"][2]["items"].push_back("moon-landing"); },
       "windows.toml: window 3: field \"items\": no service item \"moon-landing\""},
      {[](Json& w) { w["files"]["windows.toml"]["window"][2]["number"] = 2; },
       "windows.toml: window 2: field \"number\": \"2\" is used by another window"},
      {[](Json& w) { record(w, "pledges.toml", "pledge", "p-wang-fang")["staff"] = ""; },
       "pledges.toml: pledge \"p-wang-fang\": field \"staff\": a personal pledge names its staff member"},
      {[](Json& w) { record(w, "pledges.toml", "pledge", "unit-yizhan")["scope"] = "team"; },
       "pledges.toml: pledge \"unit-yizhan\": field \"scope\": must be \"unit\" or \"personal\""},
      {[](Json& w) { record(w, "screens.toml", "screen", "lobby-1")["group"] = "roof"; },
       "screens.toml: screen \"lobby-1\": field \"group\": no playlist for group \"roof\""},
      {[](Json& w) { record(w, "screens.toml", "screen", "lobby-1")["orientation"] = "sideways"; },
       "screens.toml: screen \"lobby-1\": field \"orientation\""},
      {[](Json& w) { w["files"]["playlists.toml"]["playlist"][0]["boards"][1]["board"] = "weather"; },
       "playlists.toml: playlist \"lobby\": field \"boards\": entry 2: board must be one of"},
      {[](Json& w) { w["files"]["playlists.toml"]["playlist"][0]["open"] = "8:30am"; },
       "playlists.toml: playlist \"lobby\": field \"open\": \"8:30am\" is not a time of day"},
      {[](Json& w) { w["files"]["playlists.toml"]["playlist"][0]["days"] = {1, 8}; },
       "playlists.toml: playlist \"lobby\": field \"days\": weekdays are 1 (Monday) to 7 (Sunday)"},
      {[](Json& w) { record(w, "notices.toml", "notice", "hours")["until"] = "tomorrow"; },
       "notices.toml: notice \"hours\": field \"until\": \"tomorrow\" is not a time"},
      {[](Json& w) { w["files"]["hall.toml"]["name"] = ""; }, "hall.toml: field \"name\": must not be empty"},
      {[](Json& w) { w["files"]["staf.toml"] = Json::object(); }, "staf.toml: unknown file"},
      {[](Json& w) { w["files"]["staff.toml"]["person"] = Json::array(); },
       "staff.toml: unknown key \"person\"; records are written as [[staff]]"},
      {[](Json& w) { w["media"]["photos/bad.png"] = hall::base64_encode("GIF89a"); },
       "photos/bad.png: not a PNG or JPEG image"},
      {[](Json& w) { w["media"]["photos/huge.png"] = hall::base64_encode("\x89PNG\r\n\x1a\n" + std::string(600000, 'x')); },
       "photos/huge.png: 600008 bytes; a photo may be at most 512 KiB"},
      {[](Json& w) { w["media"]["../etc/passwd"] = hall::base64_encode("x"); }, "../etc/passwd: media files must be directly in photos/"},
  };
  for (const auto& c : cases) {
    Json w = base;
    c.edit(w);
    INFO(c.expect);
    CHECK_THAT(import_error(w), Catch::StartsWith(c.expect));
  }
}

TEST_CASE("TOML syntax errors name the file and line") {
  testing::TempDir dir;
  std::filesystem::copy(kSample, dir.path() / "c", std::filesystem::copy_options::recursive);
  std::ofstream(dir.path() / "c" / "windows.toml") << "[[window]]\nnumber = 1\nname = \"unterminated\n";
  auto w = read_content_dir(dir.path() / "c");
  REQUIRE_FALSE(w.ok());
  CHECK_THAT(w.error(), Catch::StartsWith("windows.toml line 3"));
  std::ofstream(dir.path() / "c" / "windows.toml") << "[[window]]\nnumber = 1\nname = 1979-05-27\n";
  w = read_content_dir(dir.path() / "c");
  REQUIRE_FALSE(w.ok());
  CHECK_THAT(w.error(), Catch::Contains("windows.toml line 3: dates and times must be written as strings"));
}

TEST_CASE("an import is one transaction: a failure changes nothing") {
  testing::TempDir dir;
  auto store = open_store(dir, "c.db");
  auto good = validate_bundle(sample_wire(), noon());
  REQUIRE(good.ok());
  REQUIRE(replace_content(*store, *good, noon()).ok());
  auto before = published_values(*store);
  REQUIRE(before.ok());

  // Past validation (built by hand), a bad pledge fails the CHECK constraint
  // after hall, media, departments, windows and staff were already rewritten.
  Bundle bad = *good;
  bad.hall["name"] = "不该出现的名字";
  bad.records["content_staff"].resize(3);
  bad.media.clear();
  bad.records["content_pledges"][0]["scope"] = "bogus";
  auto r = replace_content(*store, bad, noon());
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Catch::Contains("rolled back, nothing changed"));
  auto after = published_values(*store);
  REQUIRE(after.ok());
  CHECK(*after == *before);
  auto hall_row = load_content(*store);
  REQUIRE(hall_row.ok());
  CHECK(hall_row->hall["name"] == "明州市政务服务中心");
  // and the store still takes a good import afterwards
  CHECK(replace_content(*store, *good, noon()).ok());
}

TEST_CASE("SQL metacharacters and odd text are stored as plain text") {
  testing::TempDir dir;
  auto store = open_store(dir, "c.db");
  Json w = sample_wire();
  const std::string evil = "王'); DROP TABLE content_staff; -- \"引号\" \\ %_ ?1";
  record(w, "staff.toml", "staff", "li-na")["name"] = evil;
  record(w, "notices.toml", "notice", "hours")["text"] = evil + "\n第二行";
  auto b = validate_bundle(w, noon());
  REQUIRE(b.ok());
  REQUIRE(replace_content(*store, *b, noon()).ok());
  auto values = published_values(*store);
  REQUIRE(values.ok());
  CHECK(Json::parse(values->at("/content/staff/li-na"))["name"] == evil);
  CHECK(Json::parse(values->at("/notices/ticker/hours"))["text"] == evil + "\n第二行");
  CHECK(values->count("/content/staff/wang-fang") == 1);  // the table is still there

  // ...and survive export to TOML and back.
  auto loaded = load_content(*store);
  REQUIRE(loaded.ok());
  REQUIRE(write_content_dir(dir.path() / "out", to_wire(*loaded)).ok());
  auto again = read_content_dir(dir.path() / "out");
  REQUIRE(again.ok());
  CHECK(record(*again, "staff.toml", "staff", "li-na")["name"] == evil);
  CHECK(record(*again, "notices.toml", "notice", "hours")["text"] == evil + "\n第二行");
}

TEST_CASE("export then import round-trips exactly") {
  testing::TempDir dir;
  auto first = open_store(dir, "a.db");
  auto b = validate_bundle(sample_wire(), noon());
  REQUIRE(b.ok());
  REQUIRE(replace_content(*first, *b, noon()).ok());
  auto loaded = load_content(*first);
  REQUIRE(loaded.ok());
  REQUIRE(write_content_dir(dir.path() / "one", to_wire(*loaded)).ok());
  // A non-empty directory is refused rather than mixed.
  CHECK_THAT(write_content_dir(dir.path() / "one", to_wire(*loaded)).error(), Catch::Contains("not empty"));

  auto second = open_store(dir, "b.db");
  auto wire = read_content_dir(dir.path() / "one");
  REQUIRE(wire.ok());
  auto b2 = validate_bundle(*wire, noon());
  REQUIRE(b2.ok());
  REQUIRE(replace_content(*second, *b2, noon()).ok());
  auto v1 = published_values(*first);
  auto v2 = published_values(*second);
  REQUIRE(v1.ok());
  REQUIRE(v2.ok());
  CHECK(*v1 == *v2);
  auto loaded2 = load_content(*second);
  REQUIRE(loaded2.ok());
  CHECK(to_wire(*loaded2) == to_wire(*loaded));

  REQUIRE(write_content_dir(dir.path() / "two", to_wire(*loaded2)).ok());
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path() / "one")) {
    if (!e.is_regular_file()) continue;
    const auto rel = std::filesystem::relative(e.path(), dir.path() / "one");
    INFO(rel.string());
    CHECK(slurp(e.path()) == slurp(dir.path() / "two" / rel));
    ++files;
  }
  CHECK(files == 9 + 21);
}

TEST_CASE("export writes valid TOML for awkward text and keys") {
  // Strings a hall manager can type (and the TOML syntax they could break),
  // in text fields, lists and an inline table's key.
  const std::vector<std::string> awkward = {
      "明州市\"政务\"服务中心", "it's 'quoted' '''thrice''' and \"\"\"thrice\"\"\"", "back\\slash \\n not a newline",
      "\n第一行\n第二行\n", "tab\there, crlf\r\n", "# not a comment = [not, an, array]", "ctrl \x01 \x1f \x7f",
      "", "   ", "ключ 键 🏛"};
  const auto fill = [](Json& w, const std::vector<std::string>& texts) {
    w["files"]["hall.toml"]["name"] = texts[0];
    Json& notices = w["files"]["notices.toml"]["notice"];
    for (size_t i = 0; i < texts.size(); ++i) {
      Json& notice = notices[i % notices.size()];
      notice["text"] = notice["text"].get<std::string>() + texts[i];
    }
    record(w, "standards.toml", "standard", "bdc-zhuanyi")["steps"] = texts;
    record(w, "staff.toml", "staff", "li-na")["name"] = texts[1];
    record(w, "staff.toml", "staff", "li-na")["zone"] = texts[3];
  };
  testing::TempDir dir;
  Json w = sample_wire();
  fill(w, awkward);
  // Keys that are not bare TOML (space, quote, dot, Chinese) in an inline table.
  Json& board = w["files"]["playlists.toml"]["playlist"][0]["boards"][0];
  board["显示 \"时长\".秒"] = awkward[1];
  board["a b"] = 1;
  REQUIRE(write_content_dir(dir.path() / "out", w).ok());
  auto again = read_content_dir(dir.path() / "out");
  REQUIRE(again.ok());
  CHECK(again->at("files") == w["files"]);
  CHECK(again->at("media") == w["media"]);

  // What the store takes (no control characters but tab and newline; list
  // entries not empty) comes back the same through a stored bundle's files.
  std::vector<std::string> storable;
  for (const auto& text : awkward)
    if (!text.empty() && text.find_first_of("\r\x01\x1f") == std::string::npos) storable.push_back(text);
  Json v = sample_wire();
  fill(v, storable);
  auto b = validate_bundle(v, noon());
  INFO(b.error());
  REQUIRE(b.ok());
  auto store = open_store(dir, "c.db");
  REQUIRE(replace_content(*store, *b, noon()).ok());
  auto loaded = load_content(*store);
  REQUIRE(loaded.ok());
  REQUIRE(write_content_dir(dir.path() / "stored", to_wire(*loaded)).ok());
  auto wire = read_content_dir(dir.path() / "stored");
  REQUIRE(wire.ok());
  auto b2 = validate_bundle(*wire, noon());
  REQUIRE(b2.ok());
  CHECK(to_wire(*b2) == to_wire(*loaded));
  CHECK(record(*wire, "staff.toml", "staff", "li-na")["zone"] == awkward[3]);
}

TEST_CASE("published values follow the key space in docs/protocol.md") {
  testing::TempDir dir;
  auto store = open_store(dir, "c.db");
  auto b = validate_bundle(sample_wire(), noon());
  REQUIRE(b.ok());
  REQUIRE(replace_content(*store, *b, noon()).ok());
  auto v = published_values(*store);
  REQUIRE(v.ok());
  auto w3 = Json::parse(v->at("/content/windows/3"));
  CHECK(w3["number"] == 3);
  CHECK(w3["department"] == "ybj");
  CHECK(w3["items"] == Json({"yibao-canbao", "yibao-yidi"}));
  auto staff = Json::parse(v->at("/content/staff/zhang-wei"));
  CHECK(staff["member"] == true);
  CHECK(staff["window"] == 2);
  const std::string photo = staff["photo"];
  REQUIRE(v->count("/media/" + photo) == 1);
  CHECK(hall::sha256_hex(v->at("/media/" + photo)) == photo);
  auto lobby = Json::parse(v->at("/groups/lobby/playlist"));
  CHECK(lobby["boards"][0] == Json({{"board", "queue"}, {"seconds", 15}}));
  CHECK_FALSE(lobby.contains("hours"));  // it follows the hall's hours
  auto hours = Json::parse(v->at("/hall/hours"));
  CHECK(hours["week"][0]["periods"] == Json({"08:30-12:00", "13:30-17:30"}));
  CHECK(hours["week"][1] == Json({{"days", {6}}, {"periods", {"08:30-12:00"}}}));
  CHECK(lobby["outside"] == "pledges");
  CHECK(Json::parse(v->at("/notices/ticker/welcome"))["until"] == "");
  CHECK(Json::parse(v->at("/content/pledges/p-wang-fang"))["scope"] == "personal");
  CHECK(Json::parse(v->at("/content/standards/bdc-zhuanyi"))["steps"].size() == 5);
  CHECK(v->count("/content/departments/gjj") == 1);
  CHECK(v->count("/notices/urgent") == 0);
}

TEST_CASE("notices' times without an offset are read in the zone hall.toml sets") {
  Json w = sample_wire();
  w["files"]["hall.toml"]["timezone"] = "Europe/Berlin";
  w["files"]["notices.toml"]["notice"][0]["until"] = "2026-11-27 18:00";
  auto b = validate_bundle(w, noon());
  REQUIRE(b.ok());
  CHECK(b->hall["timezone"] == "Europe/Berlin");
  CHECK(b->records["content_notices"][0]["until"] == "2026-11-27T18:00:00+01:00");
}

TEST_CASE("times for notices parse in the documented forms") {
  const auto now = noon();
  auto iso = parse_time("2026-11-27T18:00:00+08:00", now);
  REQUIRE(iso.ok());
  CHECK(hall::epoch_ms(*iso) == 1795773600000);
  auto z = parse_time("2026-11-27T10:00Z", now);
  REQUIRE(z.ok());
  CHECK(*z == *iso);
  CHECK(parse_time("2026-11-27 18:00", now).ok());
  CHECK(parse_time("18:00", now).ok());
  for (const char* bad : {"tomorrow", "2026-13-01 10:00", "2026-11-27T18:00+8", "25:00", "2026-11-27T18:00:00+08:00 x"}) {
    INFO(bad);
    CHECK_THAT(parse_time(bad, now).error(), Catch::Contains("write e.g."));
  }
}

// hall.toml [[hours]] (issue 14): validated with errors naming the file, the
// key and the value; stored and exported exactly; old playlists with their
// own open/close/days stay valid.
TEST_CASE("hall.toml's opening hours are checked, stored and published") {
  const Json base = sample_wire();
  auto hours_error = [&](const Json& hours) {
    Json w = base;
    w["files"]["hall.toml"]["hours"] = hours;
    return import_error(w);
  };
  CHECK_THAT(hours_error(Json::array({{{"days", {1, 2}}, {"periods", {"9:00-12:00"}}}})),
             Catch::StartsWith("hall.toml: field \"hours\": entry 1: periods: \"9:00-12:00\" is not a period") &&
                 Catch::Contains("\"HH:MM-HH:MM\""));
  CHECK_THAT(hours_error(Json::array({{{"days", {1}}, {"periods", {"13:30-12:00"}}}})),
             Catch::Contains("\"13:30-12:00\" ends before it starts"));
  CHECK_THAT(hours_error(Json::array({{{"days", {1}}, {"periods", {"13:30-17:00", "09:00-14:00"}}}})),
             Catch::Contains("entry 1: periods: \"09:00-14:00\" starts before \"13:30-17:00\" ends"));
  CHECK_THAT(hours_error(Json::array({{{"days", {1, 8}}, {"periods", {"09:00-12:00"}}}})),
             Catch::Contains("entry 1: days: 8 is not a weekday 1 (Monday) to 7 (Sunday)"));
  CHECK_THAT(hours_error(Json::array({{{"days", {1}}, {"periods", {"09:00-12:00"}}},
                                      {{"days", {6, 1}}, {"periods", {"09:00-12:00"}}}})),
             Catch::Contains("entry 2: days: weekday 1 already has hours in an earlier entry"));
  CHECK_THAT(hours_error(Json::array({{{"days", {1}}, {"period", {"09:00-12:00"}}}})),
             Catch::Contains("entry 1: unknown key \"period\""));
  CHECK_THAT(hours_error(Json("09:00-17:00")), Catch::Contains("must be written as [[hours]] tables"));

  // A playlist gives open, close and days together, or none of them.
  Json half = base;
  auto& lobby = half["files"]["playlists.toml"]["playlist"][0];
  lobby["open"] = "08:30";
  CHECK_THAT(import_error(half), Catch::Contains("playlist \"lobby\": field \"close\": give open and close together"));
  lobby["close"] = "17:30";
  CHECK_THAT(import_error(half), Catch::Contains("field \"days\": missing: the weekdays of open and close"));
  lobby["days"] = {1, 2, 3, 4, 5};
  CHECK(validate_bundle(half, noon()).ok());  // an old playlist with its own hours

  // Stored, exported as written, published with the calendar's closures.
  testing::TempDir dir;
  auto store = open_store(dir, "h.db");
  auto b = validate_bundle(base, noon());
  REQUIRE(b.ok());
  REQUIRE(replace_content(*store, *b, noon()).ok());
  auto back = load_content(*store);
  REQUIRE(back.ok());
  CHECK(back->hall["hours"] == b->hall["hours"]);
  CHECK(to_wire(*back)["files"]["hall.toml"]["hours"][1] == Json({{"days", {6}}, {"periods", {"08:30-12:00"}}}));
  hall::OpeningHours calendar;
  calendar.holidays.insert(hall::days_from_civil({2026, 10, 1}));
  calendar.workdays.insert(hall::days_from_civil({2026, 10, 10}));
  calendar.calendar_years = {2026};
  auto v = published_values(*store, calendar);
  REQUIRE(v.ok());
  auto h = hall::wire::parse_value<hall::wire::HallHours>(v->at("/hall/hours"), "/hall/hours");
  REQUIRE(h.ok());
  CHECK(h->hours.week.size() == 2);
  CHECK(h->hours.holidays.count(hall::days_from_civil({2026, 10, 1})) == 1);
  CHECK(h->hours.periods_on({2026, 10, 10}).size() == 2);  // 调休: Monday's hours
  CHECK(h->hours.periods_on({2026, 10, 1}).empty());
}
