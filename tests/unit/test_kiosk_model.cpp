// The kiosk model, driven by intents and time.
#include <catch2/catch.hpp>

#include "kiosk/model.h"
#include "kiosk/text.h"

using namespace std::chrono_literals;
using kiosk::Lang;

TEST_CASE("the kiosk starts on the welcome step in its resting language") {
  kiosk::Model m(Lang::Zh, 30s);
  CHECK(m.step() == kiosk::Step::Welcome);
  CHECK(m.language() == Lang::Zh);
  CHECK(std::string(m.tr(kiosk::Text::Welcome)) == "欢迎光临");
}

TEST_CASE("the language switch toggles every string") {
  kiosk::Model m(Lang::Zh, 30s);
  const auto t0 = kiosk::Model::Clock::now();
  m.apply(kiosk::intent::ToggleLanguage{}, t0);
  CHECK(m.language() == Lang::En);
  CHECK(std::string(m.tr(kiosk::Text::Welcome)) == "Welcome");
  CHECK(std::string(m.tr(kiosk::Text::LanguageSwitch)) == "中文");
  m.apply(kiosk::intent::ToggleLanguage{}, t0 + 1s);
  CHECK(m.language() == Lang::Zh);
}

TEST_CASE("the idle timeout returns to the resting language") {
  kiosk::Model m(Lang::Zh, 30s);
  const auto t0 = kiosk::Model::Clock::now();
  m.apply(kiosk::intent::ToggleLanguage{}, t0);
  CHECK_FALSE(m.tick(t0 + 29s));
  CHECK(m.language() == Lang::En);
  m.apply(kiosk::intent::Touch{}, t0 + 29s);  // a touch keeps it alive
  CHECK_FALSE(m.tick(t0 + 45s));
  CHECK(m.tick(t0 + 60s));
  CHECK(m.language() == Lang::Zh);
  CHECK_FALSE(m.tick(t0 + 120s));
}

TEST_CASE("the hall name follows the language") {
  kiosk::Model m(Lang::Zh, 30s);
  m.apply_map({{"/hall/info", R"({"name":"一号大厅","name_en":"Hall One"})"}});
  CHECK(m.hall_name() == "一号大厅");
  m.apply(kiosk::intent::ToggleLanguage{}, kiosk::Model::Clock::now());
  CHECK(m.hall_name() == "Hall One");
}

TEST_CASE("every kiosk string exists in both languages") {
  for (auto id : {kiosk::Text::Welcome, kiosk::Text::Invite, kiosk::Text::Promise,
                  kiosk::Text::LanguageSwitch, kiosk::Text::Connecting, kiosk::Text::Offline}) {
    CHECK(std::string(kiosk::text(Lang::Zh, id)).size() > 0);
    CHECK(std::string(kiosk::text(Lang::En, id)).size() > 0);
  }
}
