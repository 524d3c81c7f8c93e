// The upstream field mapping (controller/upstream/upstream_mapping.h): the
// built-in default is the shipped config/upstream-mapping.toml, maps a rating
// and a closed case to the province's fields, and a bad mapping file is
// refused naming the file, the key and the unknown source field.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "common/base/config.h"
#include "controller/settings.h"
#include "controller/upstream/upstream_mapping.h"
#include "time_zones.h"

using controller::UpstreamRecord;
using hall::Json;

namespace {
Json mapping_sample_rating() {
  return {{"uuid", "u-1"},
          {"case_number", "20261202-A001"},
          {"ticket", "A001"},
          {"ticket_day", "2026-12-02"},
          {"ticket_date", "20261202"},
          {"standard.code", "33020000000600"},
          {"standard.name", "住房公积金提取"},
          {"standard.version", "1"},
          {"department.id", "gjj"},
          {"department.name", "住房公积金中心"},
          {"region", "330203"},
          {"window.number", 4},
          {"staff.id", "wang-fang"},
          {"staff.name", "王芳"},
          {"score", 2},
          {"level", "不满意"},
          {"reasons", Json{"long_wait", "attitude"}},
          {"reasons_text", "等候太久、态度"},
          {"channel", "kiosk"},
          {"created_at", "2026-12-02T10:00:00+08:00"},
          {"finished_at", "2026-12-02T09:55:00+08:00"},
          {"phone", "138****5678"},
          {"source", "明州市政务服务中心"}};
}

std::string mapping_error(const std::string& text) {
  auto m = controller::parse_upstream_mapping(text, "/etc/hall/province.toml");
  REQUIRE_FALSE(m.ok());
  return m.error();
}
}  // namespace

TEST_CASE("the built-in upstream mapping is config/upstream-mapping.toml", "[upstream]") {
  std::ifstream in(HALL_SOURCE_DIR "/config/upstream-mapping.toml", std::ios::binary);
  std::ostringstream shipped;
  shipped << in.rdbuf();
  CHECK(shipped.str() == controller::default_upstream_mapping_text());
  auto m = controller::load_upstream_mapping("");
  REQUIRE(m.ok());
  CHECK(m->evaluation.size() >= 15);
  CHECK(m->rectification.size() >= 10);
}

TEST_CASE("the default mapping gives a rating's 事项编码, level code, channel code and 办件编号", "[upstream]") {
  testing::HallZoneScope shanghai("Asia/Shanghai");
  auto m = controller::load_upstream_mapping("");
  REQUIRE(m.ok());
  const Json r = m->map(UpstreamRecord::Evaluation, mapping_sample_rating());
  CHECK(r["uuid"] == "u-1");
  CHECK(r["projectNo"] == "20261202-A001");
  CHECK(r["taskCode"] == "33020000000600");
  CHECK(r["taskName"] == "住房公积金提取");
  CHECK(r["taskVersion"] == "1");
  CHECK(r["areaCode"] == "330203");
  CHECK(r["deptName"] == "住房公积金中心");
  CHECK(r["handleTime"] == "2026-12-02 09:55:00");  // hall time, as the interface writes times
  CHECK(r["assessTime"] == "2026-12-02 10:00:00");
  CHECK(r["userName"] == "王芳");
  CHECK(r["pf"] == "4");
  CHECK(r["alternate"] == "2");
  CHECK(r["alternateName"] == "不满意");
  CHECK(r["writingEvaluation"] == "等候太久、态度");
  CHECK(r["reasons"] == Json{"long_wait", "attitude"});
  CHECK_FALSE(r.contains("caseNo"));  // a rating has no case fields

  Json closed = mapping_sample_rating();
  closed["case.id"] = 7;
  closed["case.action_taken"] = "已约谈并加开窗口";
  closed["case.callback_result"] = "满意";
  closed["case.closed_at"] = "2026-12-03T16:00:00+08:00";
  const Json k = m->map(UpstreamRecord::Rectification, closed);
  CHECK(k["uuid"] == "u-1");
  CHECK(k["caseNo"] == 7);
  CHECK(k["rectification"] == "已约谈并加开窗口");
  CHECK(k["callbackResult"] == "满意");
  CHECK(k["closedTime"] == "2026-12-03 16:00:00");
  CHECK(k["taskCode"] == "33020000000600");
}

TEST_CASE("a province's mapping: constants, value maps, formats, and values missing from a map", "[upstream]") {
  auto m = controller::parse_upstream_mapping(R"toml(
[evaluation]
id = "uuid"
bjbh = { format = "{region}-{ticket_date}-{ticket}" }
qd = { value = 3 }
myd = { from = "score", map = { 5 = "A", 4 = "B", 3 = "C", 2 = "D", 1 = "E" } }
bm = { from = "department.id", map = { gjj = "001234" } }
sj = { from = "created_at", time = "local" }
iso = "finished_at"
)toml", "p.toml");
  REQUIRE(m.ok());
  CHECK(m->rectification.empty());  // then closed cases are not sent
  testing::HallZoneScope urumqi("Asia/Urumqi");  // hall time is the hall's zone, whatever the writer's
  Json src = mapping_sample_rating();
  src["created_at"] = "2026-12-02T02:00:00Z";
  Json r = m->map(UpstreamRecord::Evaluation, src);
  CHECK(r == Json{{"id", "u-1"},          {"bjbh", "330203-20261202-A001"}, {"qd", 3},
                  {"myd", "D"},           {"bm", "001234"},
                  {"sj", "2026-12-02 08:00:00"}, {"iso", "2026-12-02T09:55:00+08:00"}});
  src["department.id"] = "rsj";  // not in the map: sent as it is
  CHECK(m->map(UpstreamRecord::Evaluation, src)["bm"] == "rsj");
}

TEST_CASE("a bad upstream mapping is refused naming the file, the key and what to write", "[upstream]") {
  std::string e = mapping_error("[evaluation]\ntaskCode = \"standard.cod\"\n");
  CHECK_THAT(e, Catch::Contains("/etc/hall/province.toml") && Catch::Contains("evaluation.taskCode") &&
                    Catch::Contains("unknown source field \"standard.cod\"") &&
                    Catch::Contains("did you mean \"standard.code\"?"));
  e = mapping_error("[evaluation]\nbh = { format = \"{regoin}-{ticket}\" }\n");
  CHECK_THAT(e, Catch::Contains("evaluation.bh.format") && Catch::Contains("\"regoin\"") &&
                    Catch::Contains("did you mean \"region\"?"));
  e = mapping_error("[evaluation]\nzg = \"case.action_taken\"\n");
  CHECK_THAT(e, Catch::Contains("evaluation.zg") && Catch::Contains("only in [rectification]"));
  e = mapping_error("[evaluation]\nmyd = { from = \"score\", map = { 5 = \"5\", 4 = \"4\", 2 = \"2\", 1 = \"1\" } }\n");
  CHECK_THAT(e, Catch::Contains("evaluation.myd.map has no entry for score \"3\""));
  e = mapping_error("[evaluation]\nmyd = { from = \"score\", mapp = { 5 = \"5\" } }\n");
  CHECK_THAT(e, Catch::Contains("unknown key \"mapp\"") && Catch::Contains("did you mean \"map\"?"));
  e = mapping_error("[evaluation]\nqd = { value = \"4\", from = \"channel\" }\n");
  CHECK_THAT(e, Catch::Contains("exactly one of value, from or format"));
  e = mapping_error("[evaluaton]\nid = \"uuid\"\n");
  CHECK_THAT(e, Catch::Contains("unknown section [evaluaton]") && Catch::Contains("did you mean [evaluation]?"));
  e = mapping_error("[rectification]\nid = \"uuid\"\n");
  CHECK_THAT(e, Catch::Contains("[evaluation] is missing or empty"));
  e = mapping_error("[evaluation]\nsj = { from = \"ticket\", time = \"local\" }\n");
  CHECK_THAT(e, Catch::Contains("evaluation.sj.time: \"ticket\" is not a time"));
  e = mapping_error("[evaluation]\nid = 3\n");
  CHECK_THAT(e, Catch::Contains("evaluation.id must be a source field name"));
  e = mapping_error("[evaluation\nid = \"uuid\"\n");
  CHECK_THAT(e, Catch::StartsWith("/etc/hall/province.toml:1:"));
  auto missing = controller::load_upstream_mapping("/nonexistent/province.toml");
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error(), Catch::Contains("upstream.mapping_file /nonexistent/province.toml: cannot open it"));
}

TEST_CASE("upstream.mapping_file is read from the config file's folder", "[upstream]") {
  auto c = hall::Config::parse(controller::schema(), "[upstream]\nmapping_file = \"province.toml\"\n",
                               "/etc/hall/controller.toml");
  REQUIRE(c.ok());
  CHECK(controller::upstream_settings_from(*c).mapping_path == "/etc/hall/province.toml");
  auto absolute = hall::Config::parse(controller::schema(), "[upstream]\nmapping_file = \"/srv/m.toml\"\n",
                                      "/etc/hall/controller.toml");
  REQUIRE(absolute.ok());
  CHECK(controller::upstream_settings_from(*absolute).mapping_path == "/srv/m.toml");
  auto none = hall::Config::parse(controller::schema(), "", "/etc/hall/controller.toml");
  REQUIRE(none.ok());
  CHECK(controller::upstream_settings_from(*none).mapping_path.empty());
}
