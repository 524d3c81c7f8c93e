// The kiosk model, driven by intents and time: every step, the idle timeout
// from each step, the language switch, scanner input, the masked phone and
// the five equal choices with nothing preselected.
#include <catch2/catch.hpp>

#include "common/time/iso8601.h"
#include "common/vocab/device_messages.h"
#include "kiosk/demo.h"
#include "kiosk/flow/model.h"
#include "kiosk/flow/text.h"

using namespace std::chrono_literals;
using kiosk::Lang;
using kiosk::Model;
using kiosk::Step;
namespace in = kiosk::intent;

namespace {
const auto t0 = Model::Clock::now();

kiosk::TicketInfo sample(const std::string& ticket) {
  kiosk::TicketInfo t;
  t.ticket = ticket;
  t.service_item = "户籍证明";
  t.window_number = 3;
  t.window_name = "综合窗口";
  t.staff_name = "王芳";
  t.staff_post = "受理岗";
  return t;
}

// Walks a fresh model to `target` the way a visitor would.
void walk(Model& m, Step target, const std::string& ticket = "A023") {
  m.set_online(true);
  if (target == Step::Idle) return;
  m.apply(in::Start{}, t0);
  for (char c : ticket) m.apply(in::Key{c}, t0);
  if (target == Step::Ticket) return;
  m.apply(in::Enter{}, t0);
  REQUIRE(m.take_lookup() == ticket);
  m.on_ticket(sample(ticket), t0);
  if (target == Step::Confirm) return;
  m.apply(in::ConfirmYes{}, t0);
  if (target == Step::Rate) return;
  m.apply(in::Choose{1}, t0);
  if (target == Step::Reasons) return;
  m.apply(in::Submit{}, t0);
  REQUIRE(target == Step::Thanks);
}
}  // namespace

TEST_CASE("the kiosk starts idle in its resting language") {
  Model m(Lang::Zh, 30s);
  CHECK(m.step() == Step::Idle);
  CHECK(m.language() == Lang::Zh);
  CHECK(std::string(m.tr(kiosk::Text::Welcome)) == "欢迎光临");
}

TEST_CASE("the language switch toggles every string") {
  Model m(Lang::Zh, 30s);
  m.apply(in::ToggleLanguage{}, t0);
  CHECK(m.language() == Lang::En);
  CHECK(std::string(m.tr(kiosk::Text::Welcome)) == "Welcome");
  CHECK(std::string(m.tr(kiosk::Text::LanguageSwitch)) == "中文");
  m.apply(in::ToggleLanguage{}, t0 + 1s);
  CHECK(m.language() == Lang::Zh);
}

TEST_CASE("the language switch works on every step and keeps the step") {
  for (Step s : {Step::Idle, Step::Ticket, Step::Confirm, Step::Rate, Step::Reasons, Step::Thanks}) {
    INFO(kiosk::step_name(s));
    Model m(Lang::Zh, 30s);
    walk(m, s);
    REQUIRE(m.step() == s);
    m.apply(in::ToggleLanguage{}, t0 + 1s);
    CHECK(m.language() == Lang::En);
    CHECK(m.step() == s);
  }
}

TEST_CASE("the idle timeout returns to the resting language") {
  Model m(Lang::Zh, 30s);
  m.apply(in::ToggleLanguage{}, t0);
  CHECK_FALSE(m.tick(t0 + 29s));
  CHECK(m.language() == Lang::En);
  m.apply(in::Touch{}, t0 + 29s);  // a touch keeps it alive
  CHECK_FALSE(m.tick(t0 + 45s));
  CHECK(m.tick(t0 + 60s));
  CHECK(m.language() == Lang::Zh);
  CHECK_FALSE(m.tick(t0 + 120s));
}

TEST_CASE("the idle timeout resets to idle from every step") {
  for (Step s : {Step::Ticket, Step::Confirm, Step::Rate, Step::Reasons}) {
    INFO(kiosk::step_name(s));
    Model m(Lang::Zh, 30s);
    walk(m, s);
    m.apply(in::ToggleLanguage{}, t0);
    REQUIRE(m.step() == s);
    CHECK_FALSE(m.tick(t0 + 29s));
    CHECK(m.step() == s);
    CHECK(m.tick(t0 + 30s));
    CHECK(m.step() == Step::Idle);
    CHECK(m.language() == Lang::Zh);
    CHECK(m.entry().empty());
    CHECK(m.score() == 0);
    CHECK(m.phone().empty());
  }
}

TEST_CASE("the thanks step returns to idle on its own or on Done") {
  kiosk::ModelOptions o;
  o.thanks_duration = 6s;
  Model m(o);
  walk(m, Step::Thanks);
  REQUIRE(m.step() == Step::Thanks);
  m.tick(t0 + 5s);  // counting down
  CHECK(m.step() == Step::Thanks);
  CHECK(m.tick(t0 + 6s));
  CHECK(m.step() == Step::Idle);

  Model m2(o);
  walk(m2, Step::Thanks);
  m2.apply(in::Finish{}, t0 + 1s);
  CHECK(m2.step() == Step::Idle);
}

TEST_CASE("the keypad enters a ticket with letters, digits and backspace") {
  Model m(Lang::Zh, 30s);
  m.apply(in::Start{}, t0);
  CHECK(m.step() == Step::Ticket);
  for (char c : std::string("B0-1?")) m.apply(in::Key{c}, t0);  // - and ? are not ticket characters
  CHECK(m.entry() == "B01");
  m.apply(in::Backspace{}, t0);
  CHECK(m.entry() == "B0");
  m.apply(in::Key{'7'}, t0);
  m.apply(in::Enter{}, t0);
  CHECK(m.lookup_pending());
  CHECK(m.take_lookup() == std::string("B07"));
  CHECK_FALSE(m.take_lookup().has_value());  // handed over once
  m.apply(in::Key{'9'}, t0);                 // no typing while it is being looked up
  CHECK(m.entry() == "B07");
  m.on_ticket(sample("B07"), t0);
  CHECK(m.step() == Step::Confirm);
  CHECK(m.ticket().staff_name == "王芳");
}

TEST_CASE("a barcode scanner typing the number and Enter looks it up, even from idle") {
  Model m(Lang::Zh, 30s);
  m.apply(in::Typed{"a023\r"}, t0);  // lower case is upper-cased
  CHECK(m.step() == Step::Ticket);
  CHECK(m.entry() == "A023");
  CHECK(m.take_lookup() == std::string("A023"));
  // Bad UTF-8 from a misconfigured scanner is ignored, not half-applied.
  Model m2(Lang::Zh, 30s);
  m2.apply(in::Start{}, t0);
  m2.apply(in::Typed{std::string("A1\xff\xfe")}, t0);
  CHECK(m2.entry().empty());
  // Over-long input stops at 16 characters.
  m2.apply(in::Typed{std::string(40, '7')}, t0);
  CHECK(m2.entry().size() == kiosk::kMaxTicketChars);
}

TEST_CASE("lookup errors are kind and specific, and typing again clears them") {
  struct Case { const char* code; kiosk::Problem p; kiosk::Text text; };
  for (auto c : {Case{"not_found", kiosk::Problem::NotFound, kiosk::Text::ErrNotFound},
                 Case{"not_served", kiosk::Problem::NotServed, kiosk::Text::ErrNotServed},
                 Case{"already_rated", kiosk::Problem::AlreadyRated, kiosk::Text::ErrAlreadyRated},
                 Case{"expired", kiosk::Problem::Expired, kiosk::Text::ErrExpired},
                 Case{"unreachable", kiosk::Problem::Busy, kiosk::Text::ErrBusy},
                 Case{"store_error", kiosk::Problem::Busy, kiosk::Text::ErrBusy}}) {
    INFO(c.code);
    Model m(Lang::Zh, 30s);
    walk(m, Step::Ticket);
    m.apply(in::Enter{}, t0);
    (void)m.take_lookup();
    m.on_lookup_error(c.code, t0);
    CHECK(m.step() == Step::Ticket);
    CHECK(m.problem() == c.p);
    CHECK(kiosk::problem_text(m.problem()) == c.text);
    m.apply(in::Key{'B'}, t0);
    CHECK(m.problem() == kiosk::Problem::None);
    CHECK(m.entry() == "B");
  }
  CHECK(std::string(kiosk::text(Lang::Zh, kiosk::Text::ErrBusy)) == "系统繁忙，请稍后再试");
}

TEST_CASE("a lookup with no answer times out into 'busy', and a late answer is ignored") {
  Model m(Lang::Zh, 30s);
  walk(m, Step::Ticket);
  m.apply(in::Enter{}, t0);
  CHECK_FALSE(m.tick(t0 + 3s));
  CHECK(m.tick(t0 + 4s));
  CHECK(m.problem() == kiosk::Problem::Busy);
  m.on_ticket(sample("A023"), t0 + 5s);
  CHECK(m.step() == Step::Ticket);
  m.on_ticket(sample("Z999"), t0 + 5s);  // an answer to another question
  CHECK(m.step() == Step::Ticket);
}

TEST_CASE("the rate step offers five choices with nothing preselected") {
  Model m(Lang::Zh, 30s);
  walk(m, Step::Rate);
  CHECK(m.step() == Step::Rate);
  CHECK(m.score() == 0);
  CHECK_FALSE(m.take_rating().has_value());
  m.tick(t0 + 10s);  // waiting does not choose anything either
  CHECK(m.score() == 0);
  CHECK(std::string(kiosk::score_label_zh(5)) == "非常满意");
  CHECK(std::string(kiosk::score_label_zh(4)) == "满意");
  CHECK(std::string(kiosk::score_label_zh(3)) == "基本满意");
  CHECK(std::string(kiosk::score_label_zh(2)) == "不满意");
  CHECK(std::string(kiosk::score_label_zh(1)) == "非常不满意");
  m.apply(in::Choose{0}, t0);
  m.apply(in::Choose{6}, t0);
  CHECK(m.step() == Step::Rate);  // out of range: ignored
  // Going back to Rate clears any earlier choice.
  m.apply(in::Choose{2}, t0);
  CHECK(m.step() == Step::Reasons);
  m.apply(in::Back{}, t0);
  CHECK(m.step() == Step::Rate);
  CHECK(m.score() == 0);
}

TEST_CASE("a good score is a rating at once, without reasons or phone") {
  for (int score : {3, 4, 5}) {
    Model m(Lang::Zh, 30s);
    walk(m, Step::Rate);
    m.apply(in::Choose{score}, t0 + 1s);
    CHECK(m.step() == Step::Thanks);
    auto r = m.take_rating();
    REQUIRE(r.has_value());
    CHECK(r->ticket == "A023");
    CHECK(r->score == score);
    CHECK(r->reasons.empty());
    CHECK(r->phone.empty());
  }
}

TEST_CASE("a bad score asks reasons and an optional, masked callback number") {
  Model m(Lang::Zh, 30s);
  walk(m, Step::Rate);
  m.apply(in::Choose{1}, t0);
  REQUIRE(m.step() == Step::Reasons);
  for (bool on : m.reasons_chosen()) CHECK_FALSE(on);  // no chip preselected
  m.apply(in::ToggleReason{0}, t0);
  m.apply(in::ToggleReason{4}, t0);
  m.apply(in::ToggleReason{6}, t0);
  m.apply(in::ToggleReason{6}, t0);  // toggled off again
  m.apply(in::ToggleReason{99}, t0); // no such chip: ignored
  for (char c : std::string("13812345678")) m.apply(in::Key{c}, t0);
  m.apply(in::Key{'A'}, t0);  // letters do not go into a phone number
  CHECK(m.phone() == "13812345678");
  CHECK(m.masked_phone() == "138****5678");
  m.apply(in::Backspace{}, t0);
  CHECK(m.masked_phone() == "138***4567");
  m.apply(in::Key{'8'}, t0);
  m.apply(in::Submit{}, t0 + 1s);
  CHECK(m.step() == Step::Thanks);
  auto r = m.take_rating();
  REQUIRE(r.has_value());
  CHECK(r->score == 1);
  CHECK(r->reasons == std::vector<std::string>{"attitude", "long_wait"});
  CHECK(r->phone == "13812345678");
}

TEST_CASE("phone numbers are masked in the middle") {
  CHECK(kiosk::mask_phone("") == "");
  CHECK(kiosk::mask_phone("138") == "138");
  CHECK(kiosk::mask_phone("13812") == "138**");
  CHECK(kiosk::mask_phone("1381234") == "138****");
  CHECK(kiosk::mask_phone("13812345678") == "138****5678");
  CHECK(kiosk::mask_phone("057188001234") == "057*****1234");
}

TEST_CASE("two ratings closer than the minimum interval: the second press is ignored") {
  kiosk::ModelOptions o;
  o.min_interval = 3s;
  Model m(o);
  walk(m, Step::Rate, "A001");
  m.apply(in::Choose{5}, t0);
  REQUIRE(m.take_rating().has_value());
  m.apply(in::Finish{}, t0);
  // A quick second visitor (or a child) pressing within the interval.
  m.apply(in::Start{}, t0);
  m.apply(in::Typed{"A002\n"}, t0);
  m.on_ticket(sample("A002"), t0);
  m.apply(in::ConfirmYes{}, t0);
  m.apply(in::Choose{5}, t0 + 1s);
  CHECK(m.step() == Step::Rate);
  CHECK(m.score() == 0);
  CHECK_FALSE(m.take_rating().has_value());
  m.apply(in::Choose{4}, t0 + 3s);
  CHECK(m.step() == Step::Thanks);
  CHECK(m.take_rating()->score == 4);
}

TEST_CASE("a ticket rated here a moment ago is refused before asking the controller") {
  Model m(Lang::Zh, 30s);
  walk(m, Step::Thanks, "A023");
  (void)m.take_rating();
  m.apply(in::Finish{}, t0);
  m.apply(in::Typed{"A023\n"}, t0 + 10s);
  CHECK(m.problem() == kiosk::Problem::AlreadyRated);
  CHECK_FALSE(m.take_lookup().has_value());
}

TEST_CASE("back and cancel move through the steps") {
  Model m(Lang::Zh, 30s);
  walk(m, Step::Rate);
  m.apply(in::Back{}, t0);
  CHECK(m.step() == Step::Confirm);
  m.apply(in::Back{}, t0);
  CHECK(m.step() == Step::Ticket);
  m.apply(in::Back{}, t0);
  CHECK(m.step() == Step::Idle);
  walk(m, Step::Reasons);
  m.apply(in::ToggleLanguage{}, t0);
  m.apply(in::Cancel{}, t0);
  CHECK(m.step() == Step::Idle);
  CHECK(m.language() == Lang::En);  // the visitor's choice stays until the timeout
}

TEST_CASE("the hall name follows the language and pledges rotate on idle") {
  kiosk::ModelOptions o;
  o.pledge_interval = 8s;
  Model m(o);
  m.apply_map({{"/hall/info", R"({"name":"一号大厅","name_en":"Hall One"})"},
               {"/content/pledges/a", R"({"title":"亮承诺","text":"一次告知"})"},
               {"/content/pledges/b", R"({"title":"","text":"限时办结"})"},
               {"/content/pledges/c", "not json"},
               {"/content/standards/x", R"({"title":"not a pledge","text":"x"})"}});
  CHECK(m.hall_name() == "一号大厅");
  REQUIRE(m.pledges().size() == 2);
  CHECK(m.pledge_index() == 0);
  m.tick(t0);
  CHECK_FALSE(m.tick(t0 + 7s));
  CHECK(m.tick(t0 + 8s));
  CHECK(m.pledge_index() == 1);
  CHECK(m.tick(t0 + 16s));
  CHECK(m.pledge_index() == 0);
  CHECK(m.glyph_text().find("限时办结") != std::string::npos);
  m.apply(in::ToggleLanguage{}, t0);
  CHECK(m.hall_name() == "Hall One");
}

TEST_CASE("every kiosk string exists in both languages") {
  for (int id = 0; id <= static_cast<int>(kiosk::Text::Done); ++id) {
    INFO(id);
    CHECK(std::string(kiosk::text(Lang::Zh, static_cast<kiosk::Text>(id))).size() > 0);
    CHECK(std::string(kiosk::text(Lang::En, static_cast<kiosk::Text>(id))).size() > 0);
  }
  CHECK(kiosk::window_label(Lang::Zh, 3) == "3号窗口");
  CHECK(kiosk::window_label(Lang::En, 3) == "Window 3");
}

TEST_CASE("every demo step seeds the model on that step") {
  const std::map<std::string, Step> expect = {
      {"idle", Step::Idle},     {"ticket", Step::Ticket}, {"ticket-error", Step::Ticket}, {"lookup", Step::Ticket},
      {"confirm", Step::Confirm}, {"rate", Step::Rate},   {"reasons", Step::Reasons},     {"thanks", Step::Thanks}};
  for (const auto& name : kiosk::demo_steps()) {
    INFO(name);
    Model m(Lang::Zh, 30s);
    REQUIRE(kiosk::seed_demo(m, name, t0).ok());
    CHECK(m.step() == expect.at(name));
  }
  Model m(Lang::Zh, 30s);
  auto bad = kiosk::seed_demo(m, "nope", t0);
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error(), Catch::Contains("unknown demo step"));
}

TEST_CASE("the controller's replies on the device link reach the model") {
  namespace wire = hall::wire;
  auto asked = [](Model& m) {
    walk(m, Step::Ticket);
    m.apply(in::Enter{}, t0);
    (void)m.take_lookup();
  };
  SECTION("a ticket reply shows who served it") {
    Model m(Lang::Zh, 30s);
    asked(m);
    wire::TicketReply r{"A023", {"gjj-tiqu", "住房公积金提取"}, {3, "公积金窗口"}, {"wang-fang", "王芳", "", ""}, ""};
    m.on_reply({wire::TicketReply::kType, r.to_json()}, t0);
    CHECK(m.step() == Step::Confirm);
    CHECK(m.ticket().staff_name == "王芳");
    CHECK(m.ticket().window_number == 3);
  }
  SECTION("a refused lookup says why") {
    Model m(Lang::Zh, 30s);
    asked(m);
    wire::ErrorReply e{"no such ticket", "not_found", wire::TicketLookup::kType, std::nullopt, std::nullopt};
    m.on_reply({wire::ErrorReply::kType, e.to_json()}, t0);
    CHECK(m.step() == Step::Ticket);
    CHECK(m.problem() == kiosk::Problem::NotFound);
  }
  SECTION("a refusal of another request is not the visitor's") {
    Model m(Lang::Zh, 30s);
    asked(m);
    wire::ErrorReply e{"busy", "busy", wire::EvaluationSubmit::kType, false, std::nullopt};
    m.on_reply({wire::ErrorReply::kType, e.to_json()}, t0);
    CHECK(m.problem() == kiosk::Problem::None);
  }
  SECTION("a ticket reply the kiosk cannot read is a lookup error, not a crash") {
    Model m(Lang::Zh, 30s);
    asked(m);
    m.on_reply({wire::TicketReply::kType, hall::Json{{"type", "ticket"}, {"ticket", 7}}}, t0);
    CHECK(m.step() == Step::Ticket);
    CHECK(m.problem() != kiosk::Problem::None);
  }
}

TEST_CASE("the callback number shows while typed, then masked") {
  Model m(Lang::Zh, 30s);
  walk(m, Step::Reasons);
  for (char c : std::string("13812345678")) m.apply(in::Key{c}, t0);
  CHECK(m.shown_phone() == "13812345678");  // a typo can be seen
  m.tick(t0 + 2s);
  CHECK(m.shown_phone() == "13812345678");
  CHECK(m.tick(t0 + 3s));  // masked 3 s after the last digit: the screen redraws
  CHECK(m.shown_phone() == "138****5678");
  m.apply(in::Backspace{}, t0 + 4s);  // correcting it shows it again
  CHECK(m.shown_phone() == "1381234567");
  m.tick(t0 + 8s);
  CHECK(m.shown_phone() == "138***4567");
}

TEST_CASE("the thanks step counts down to the start") {
  kiosk::ModelOptions o;
  o.thanks_duration = 6s;
  Model m(o);
  walk(m, Step::Thanks);
  CHECK(m.thanks_left_s() == 6);
  CHECK(m.tick(t0 + 1500ms));
  CHECK(m.thanks_left_s() == 5);
  CHECK_FALSE(m.tick(t0 + 1700ms));  // the same second: nothing to redraw
  m.tick(t0 + 5200ms);
  CHECK(m.thanks_left_s() == 1);
  m.tick(t0 + 6s);
  CHECK(m.step() == Step::Idle);
  CHECK(kiosk::countdown_text(Lang::Zh, 5) == "5 秒后回到首页");
}

TEST_CASE("the keypad's letters come from the queue system's tickets") {
  Model m(Lang::Zh, 30s);
  CHECK(m.ticket_letters() == "ABCDEF");  // until the controller says
  m.apply_map({{"/queue/letters", R"({"letters":"LA"})"}});
  CHECK(m.ticket_letters() == "LA");
  m.apply_map({{"/queue/letters", R"({"letters":"a1?"})"}});  // nothing usable: keeps what it had
  CHECK(m.ticket_letters() == "LA");
  m.apply_map({{"/hall/info", R"({"name":"甲","name_en":"","logo":"abc123"})"}});
  CHECK(m.hall_logo() == "abc123");
}

TEST_CASE("the rate and thanks steps each ask for one spoken prompt in the screen's language") {
  Model m(Lang::Zh, 30s);
  walk(m, Step::Confirm);
  CHECK_FALSE(m.take_prompt());  // idle, ticket and confirm say nothing
  m.apply(in::ConfirmYes{}, t0);
  auto p = m.take_prompt();
  REQUIRE(p);
  CHECK(p->lang == Lang::Zh);
  CHECK(p->text.find("非常不满意") != std::string::npos);
  CHECK_FALSE(m.take_prompt());  // once
  m.apply(in::ToggleLanguage{}, t0);
  m.apply(in::Choose{5}, t0 + 1s);
  p = m.take_prompt();
  REQUIRE(p);
  CHECK(p->lang == Lang::En);
  CHECK(p->text == "Thank you for your rating");
}

// The hall's opening hours on the kiosk (issue 14): shown on the idle
// screen, and never a reason to refuse a rating of a ticket served earlier.
namespace {
const char* const kKioskHallHours =
    R"({"week":[{"days":[1,2,3,4,5],"periods":["08:30-12:00","13:30-17:30"]},{"days":[6],"periods":["08:30-12:00"]}],)"
    R"("holidays":["2026-10-01","2026-10-02","2026-10-03","2026-10-04","2026-10-05","2026-10-06","2026-10-07"],)"
    R"("workdays":["2026-10-10"],"years":[2026]})";
const char* const kShanghaiClock =
    R"({"iso":"2026-11-27T09:30:00+08:00","epoch_ms":1795743000000,"utc_offset_min":480,"timezone":"Asia/Shanghai"})";

// `iso` with its offset as a system time.
hall::SystemTime at_time(const char* iso) { return hall::SystemTime(std::chrono::milliseconds(*hall::parse_iso_ms(iso))); }
}  // namespace

TEST_CASE("the kiosk knows the hall's state from /hall/hours in the hall's zone") {
  Model m(Lang::Zh, 30s);
  CHECK(m.hall_state(at_time("2026-10-01T10:00:00+08:00")).open());  // nothing published: always open
  m.apply_map({{"/hall/hours", kKioskHallHours}, {"/hall/clock", kShanghaiClock}});
  CHECK(m.hall_state(at_time("2026-11-27T10:00:00+08:00")).open());
  CHECK(m.hall_state(at_time("2026-11-27T04:30:00Z")).text == "午间休息 13:30 恢复办理");  // 12:30 in the hall
  CHECK(m.hall_state(at_time("2026-11-27T18:00:00+08:00")).text == "已下班 明日 08:30 开始办理");
  CHECK(m.hall_state(at_time("2026-10-01T10:00:00+08:00")).text == "今日休息（法定节假日） 10月8日 08:30 开始办理");
  CHECK(m.hall_state(at_time("2026-10-10T15:00:00+08:00")).open());  // 调休 Saturday
  const std::string glyphs = m.glyph_text();
  for (const char* piece : {"午间休息", "恢复办理", "法定节假日", "已办结的业务仍可在此评价", "周一"})
    CHECK(glyphs.find(piece) != std::string::npos);
}

TEST_CASE("a ticket served earlier is still rated while the hall is closed") {
  Model m(Lang::Zh, 30s);
  m.apply_map({{"/hall/hours", kKioskHallHours}, {"/hall/clock", kShanghaiClock}});
  CHECK_FALSE(m.hall_state(at_time("2026-10-01T10:00:00+08:00")).open());
  walk(m, Step::Rate);
  m.apply(in::Choose{5}, t0 + 1s);
  auto rating = m.take_rating();
  REQUIRE(rating);
  CHECK(rating->score == 5);
  CHECK(m.step() == Step::Thanks);
}
