// The wire vocabulary (common/vocab/): every CHP key and device message
// survives encode -> decode unchanged, decoding refuses bad values naming the
// field, the controller's published content re-encodes byte for byte, and the
// kiosk and signage read pledges by the one rule.
#include <catch2/catch.hpp>

#include "common/vocab/admin_types.h"
#include "common/vocab/content_keys.h"
#include "common/vocab/content_keys.h"
#include "common/vocab/device_messages.h"
#include "common/vocab/hall_keys.h"
#include "common/vocab/notice_keys.h"
#include "common/vocab/queue_keys.h"
#include "common/vocab/rankings_keys.h"
#include "controller/content/content_files.h"
#include "controller/content/content_schema.h"
#include "controller/content/content_store.h"
#include "controller/core/schema.h"
#include "kiosk/flow/model.h"
#include "process.h"
#include "sample_hall.h"
#include "signage/screen/content.h"

using namespace hall::wire;
using hall::Json;

namespace {

// encode -> decode gives the value back, also through the JSON text.
template <class T>
void round_trip(const T& value) {
  const Json j = value.to_json();
  INFO(j.dump());
  auto back = T::from_json(j);
  REQUIRE(back.ok());
  CHECK(*back == value);
  auto parsed = parse_value<T>(j.dump(), "value");
  REQUIRE(parsed.ok());
  CHECK(*parsed == value);
  CHECK(parsed->to_json().dump() == j.dump());
}

// A device message as the controller receives it.
hall::Message message(const char* type, const Json& fields) {
  auto m = hall::decode_message(hall::encode_message(type, fields));
  REQUIRE(m.ok());
  return *m;
}

}  // namespace

TEST_CASE("every CHP key round-trips through its wire type") {
  round_trip(HallInfo{"朝阳区政务服务中心", "Chaoyang Service Center", std::string(64, 'a')});
  round_trip(HallClock{"2026-11-27T09:30:00+08:00", 1795743000000, 480});
  round_trip(HallEpoch{"3f9c2a7d01b4e856", "2026-11-27T09:00:00+08:00"});
  round_trip(Department{"shebao", "社保医保", "Social Security"});
  round_trip(Window{3, "社保医保综合窗口", "Social Security", "shebao", {"yibao-canbao", "yibao-yidi"}});
  round_trip(Staff{"zhang-wei", "张伟", "ab12", "综合受理岗", true, "0231", "党员先锋岗", 3, "shebao", {"staff", "leader"}});
  round_trip(Standard{"bdc-zhuanyi", "不动产转移登记", "bdc", {"受理", "审核", "登簿"}, {"身份证"}, "3个工作日",
                      "不收费", "《不动产登记暂行条例》", "0571-12345"});
  round_trip(Pledge{"p-wang-fang", "personal", "wang-fang", "个人承诺", "微笑服务"});
  round_trip(Playlist{{{"standards", 20}, {"queue", 15}}, PlaylistHours{"08:30", "17:30", {1, 2, 3, 4, 5}}, "blank"});
  round_trip(Playlist{{{"identity", 30}}, std::nullopt, ""});
  round_trip(Ticker{"notice-1", "今日15:00暂停", "2026-11-27T18:00:00+08:00"});
  round_trip(UrgentNotice{"系统升级", "2026-11-27T09:20:00+08:00"});
  round_trip(QueueCalls{{{"A023", 3, "社保窗口", "2026-11-27T09:29:00+08:00"}, {"B105", 2, "", ""}}});
  round_trip(RankingsStars{"2026年10月",
                           {{3, "不动产登记窗口", 5, 98.5, 1}, {1, "综合受理窗口", 4, 97.0, 2}},
                           {{"王芳", "综合受理岗", 5, 97.25, 1}}});
  round_trip(RankingsStars{"2026年11月",
                           {{3, "不动产登记窗口", 5, 98.5, 1}, {2, "社保窗口", 0, 0, 0, true}},
                           {{"张伟", "", 0, 0, 0, true}},
                           true});
}

TEST_CASE("every device message round-trips through its wire type") {
  round_trip(Hello{"kiosk", "kiosk-1", "0.1.0"});
  round_trip(Welcome{"市民服务中心", "2026-11-27T09:30:00+08:00"});
  round_trip(ScreenStatus{"screen-1", "lobby", "pledges", 4117, 3600, 4.25, 81234, ""});
  round_trip(TicketLookup{"A023"});
  round_trip(TicketReply{"A023", {"yibao", "医保参保"}, {3, "社保窗口"}, {"wang-fang", "王芳", "综合受理岗", "ab12"},
                         "2026-11-27T09:20:00+08:00"});
  round_trip(EvaluationSubmit{"0190a6e4-8f1c-7c3e-9d2a-5b6c7d8e9f01", "A023", 2, {"attitude", "long_wait"},
                              "13812345678", "kiosk-1", "2026-11-27T09:31:00+08:00"});
  round_trip(EvaluationAck{"0190a6e4-8f1c-7c3e-9d2a-5b6c7d8e9f01", true});
  round_trip(ErrorReply{"no such ticket", "not_found", "ticket.lookup", true, 17});
  round_trip(ErrorReply{"bad frame", "", "", std::nullopt, std::nullopt});
}

TEST_CASE("requests read by the controller keep the codec's refusals") {
  auto ok = Hello::from_message(message(Hello::kType, Hello{"signage", "screen-1", "0.1.0"}.to_json()));
  REQUIRE(ok.ok());
  CHECK(ok->device_id == "screen-1");
  CHECK(Hello::from_message(message(Hello::kType, {{"device", "toaster"}, {"device_id", "t"}, {"version", "1"}}))
            .error() == "\"device\" must be signage, kiosk or console");
  CHECK(Hello::from_message(message(Hello::kType, {{"device", "kiosk"}, {"version", "1"}})).error() ==
        "\"hello\" message is missing field \"device_id\"");

  Json status = ScreenStatus{"screen-1", "lobby", "queue", 1, 2, 3.5, 4, ""}.to_json();
  REQUIRE(ScreenStatus::from_message(message(ScreenStatus::kType, status)).ok());
  status["sequence"] = "7";
  CHECK(ScreenStatus::from_message(message(ScreenStatus::kType, status)).error() ==
        "\"screen.status\" message field \"sequence\" must be an integer");
  status["sequence"] = -1;
  CHECK(ScreenStatus::from_message(message(ScreenStatus::kType, status)).error() ==
        "\"sequence\" must not be negative");

  CHECK_THAT(TicketLookup::from_message(message(TicketLookup::kType, {{"ticket", std::string(17, 'A')}})).error(),
             Catch::Contains("field \"ticket\" is longer than 16 bytes"));
  Json submit = EvaluationSubmit{"0190a6e4-8f1c-7c3e-9d2a-5b6c7d8e9f01", "A1", 5, {}, "", "k", "t"}.to_json();
  REQUIRE(EvaluationSubmit::from_message(message(EvaluationSubmit::kType, submit)).ok());
  submit["reasons"] = {"attitude", 3};
  CHECK(EvaluationSubmit::from_message(message(EvaluationSubmit::kType, submit)).error() ==
        "\"evaluation.submit\" message: field \"reasons\" must be an array of strings");
}

TEST_CASE("decoding refuses a wrong type or a missing field, naming it") {
  CHECK(parse_value<HallInfo>("[1,2]", HallInfo::kKey).error() == "/hall/info: not a JSON object");
  CHECK(parse_value<HallInfo>("not json", HallInfo::kKey).error() == "/hall/info: not a JSON object");
  CHECK(HallInfo::from_json({{"name", 5}}).error() == "/hall/info: field \"name\" must be a string");
  CHECK(HallClock::from_json({{"epoch_ms", "soon"}}).error() == "/hall/clock: field \"epoch_ms\" must be an integer");
  CHECK(Window::from_json({{"name", "x"}}, "/content/windows/3").error() ==
        "/content/windows/3: field \"number\" is missing");
  CHECK(Window::from_json({{"number", 0}}, "/content/windows/0").error() ==
        "/content/windows/0: field \"number\" must be a positive integer");
  CHECK(Staff::from_json({{"id", "x"}}, "/content/staff/x").error() == "/content/staff/x: field \"name\" is missing");
  CHECK(Staff::from_json({{"name", "x"}, {"member", "yes"}}, "/content/staff/x").error() ==
        "/content/staff/x: field \"member\" must be true or false");
  CHECK(Standard::from_json({{"name", "x"}, {"steps", {"a", 1}}}, "/content/standards/x").error() ==
        "/content/standards/x: field \"steps\" must be an array of strings");
  CHECK(Pledge::from_json({{"title", "只有标题"}}, "/content/pledges/p").error() ==
        "/content/pledges/p: field \"text\" is missing");
  CHECK(Pledge::from_json({{"text", ""}}, "/content/pledges/p").error() == "/content/pledges/p: field \"text\" is empty");
  CHECK(Playlist::from_json({{"boards", {{{"board", "queue"}, {"seconds", "ten"}}}}}, "/groups/g/playlist").error() ==
        "/groups/g/playlist field \"boards\" entry 1: field \"seconds\" must be an integer");
  CHECK(Playlist::from_json({{"hours", {{"days", {1, "Tue"}}}}}, "/groups/g/playlist").error() ==
        "/groups/g/playlist field \"hours\": field \"days\" must be an array of integers");
  CHECK(QueueCalls::from_json({{"calls", {1}}}).error() ==
        "/queue/calls field \"calls\" entry 1: not a JSON object");
  CHECK(RankingsStars::from_json({{"windows", {{{"number", 3}, {"score", "high"}}}}}).error() ==
        "/rankings/stars field \"windows\" entry 1: field \"score\" must be a number");
  CHECK(TicketReply::from_json({{"ticket", "A1"}, {"window", Json::object()}, {"staff", Json::object()}}).error() ==
        "ticket: field \"service_item\" is missing");
  CHECK(TicketReply::from_json({{"ticket", ""}}).error() == "ticket: field \"ticket\" is empty");
  CHECK(EvaluationSubmit::from_json({{"uuid", "u"}}).error() == "evaluation: field \"ticket\" is missing");
  CHECK(EvaluationAck::from_json({{"uuid", "u"}, {"duplicate", 1}}).error() ==
        "evaluation.ack: field \"duplicate\" must be true or false");
  CHECK(ErrorReply::from_json({{"message", "m"}, {"re", -3}}).error() == "error: field \"re\" must not be negative");
  CHECK(ScreenStatus::from_json({{"device_id", "s"}}).error() == "screen.status: field \"group\" is missing");
}

TEST_CASE("the JSON on the wire stays byte for byte what the controller published") {
  // As the controller wrote these before the vocabulary existed (protocol.md).
  for (const char* v : {R"({"logo":"","name":"市民服务中心","name_en":"Citizen Service Center"})"}) {
    CHECK(parse_value<HallInfo>(v, "v")->to_json().dump() == v);
  }
  const char* clock =
      R"({"epoch_ms":1795743000000,"iso":"2026-11-27T09:30:00+08:00","timezone":"Asia/Shanghai","utc_offset_min":480})";
  CHECK(parse_value<HallClock>(clock, "v")->to_json().dump() == clock);
  const char* calls = R"({"calls":[{"at":"2026-11-27T09:29:00+08:00","ticket":"A023","window":3,"window_name":"社保窗口"}]})";
  CHECK(parse_value<QueueCalls>(calls, "v")->to_json().dump() == calls);
  const char* stars =
      R"({"period":"2026年10月","staff":[{"detail":"综合受理岗","name":"王芳","rank":1,"score":97.0,"stars":5}],)"
      R"("windows":[{"name":"不动产登记窗口","number":3,"rank":1,"score":98.5,"stars":5}]})";
  CHECK(parse_value<RankingsStars>(stars, "v")->to_json().dump() == stars);

  // Every value the content service publishes for the sample hall.
  testing::TempDir dir;
  auto store = hall::Store::open(dir.str("c.db"), controller::migrations());
  REQUIRE(store.ok());
  auto wire = controller::content::read_content_dir(HALL_SOURCE_DIR "/config/sample-hall");
  REQUIRE(wire.ok());
  const auto noon = hall::SystemTime(std::chrono::seconds(1795752000));
  auto bundle = controller::content::validate_bundle(*wire, noon);
  REQUIRE(bundle.ok());
  REQUIRE(controller::content::replace_content(**store, *bundle, noon).ok());
  auto values = controller::content::published_values(**store);
  REQUIRE(values.ok());
  auto same = [](const std::string& key, const std::string& value, auto decoded) {
    INFO(key);
    REQUIRE(decoded.ok());
    CHECK(decoded->to_json().dump() == value);
  };
  size_t checked = 0;
  for (const auto& [key, value] : *values) {
    auto starts = [&key = key](const char* p) { return key.rfind(p, 0) == 0; };  // clang 14: no bindings in [&]
    if (starts(kMediaSubtree)) continue;
    ++checked;
    if (starts(kDepartmentsPrefix)) same(key, value, parse_value<Department>(value, key));
    else if (starts(kWindowsPrefix)) same(key, value, parse_value<Window>(value, key));
    else if (starts(kStaffPrefix)) same(key, value, parse_value<Staff>(value, key));
    else if (starts(kStandardsPrefix)) same(key, value, parse_value<Standard>(value, key));
    else if (starts(kPledgesPrefix)) same(key, value, parse_value<Pledge>(value, key));
    else if (starts(kTickerPrefix)) same(key, value, parse_value<Ticker>(value, key));
    else if (starts(kGroupsSubtree)) same(key, value, parse_value<Playlist>(value, key));
    else if (key == HallHours::kKey) same(key, value, parse_value<HallHours>(value, key));
    else FAIL("no wire type for " << key);
  }
  CHECK(checked > 40);
}

TEST_CASE("the board list is defined once") {
  CHECK(board_list() == "standards, identity, pledges, rankings, queue");
  CHECK(board_list(" or ") == "standards, identity, pledges, rankings or queue");
  CHECK(is_board("identity"));
  CHECK_FALSE(is_board("weather"));
  CHECK_FALSE(is_board(kBlankBoard));
  CHECK(signage::board_names() == std::vector<std::string>(kBoards.begin(), kBoards.end()));
  CHECK(std::string(admin::kContentImport) == "content.import");
}

TEST_CASE("kiosk and signage read pledges by the same rule") {
  const std::map<std::string, std::string> map = {
      {"/content/pledges/a", R"({"id":"a","scope":"personal","staff":"wang","title":"个人承诺","text":"微笑服务"})"},
      {"/content/pledges/b", R"({"id":"b","scope":"unit","title":"只有标题"})"},  // no text: left out
      {"/content/pledges/c", "not json"},
      {"/content/pledges/d", R"({"id":"d","scope":"unit","staff":"","title":"","text":"限时办结"})"},
      {"/content/pledges/e", R"({"id":"e","scope":"personal","staff":"li","title":"个人承诺","text":"一次讲清"})"}};
  std::vector<std::string> problems;
  const auto rule = read_pledges(map, &problems);
  REQUIRE(rule.size() == 3);
  CHECK(rule[0].id == "d");  // unit first
  CHECK(rule[1].id == "a");  // then by id
  CHECK(rule[2].id == "e");
  CHECK(problems == std::vector<std::string>{"/content/pledges/b: field \"text\" is missing",
                                             "/content/pledges/c: not a JSON object"});

  kiosk::Model kiosk_model(kiosk::ModelOptions{});
  kiosk_model.apply_map(map);
  CHECK(kiosk_model.pledges() == rule);

  const auto content = signage::parse_content(map, "lobby");
  CHECK(content.pledges == rule);
  CHECK(content.problems == problems);

  // The sample hall: both show the same pledges, the unit pledge first.
  const auto sample = testing::sample_hall_map({});
  kiosk_model.apply_map(sample);
  CHECK(kiosk_model.pledges() == signage::parse_content(sample, "lobby").pledges);
  CHECK(kiosk_model.pledges().front().scope == "unit");
}
