// text.h: every string the kiosk shows, in Chinese and English. Views look
// strings up here so that the language switch covers the whole screen.
// Threading: constant data.
#pragma once

#include <string>

namespace kiosk {

enum class Lang { Zh, En };

enum class Text {
  Welcome,       // "欢迎光临"
  Invite,        // the invitation to rate
  Promise,       // how the rating is used
  LanguageSwitch,  // the button that switches to the other language
  Connecting,
  Offline,
};

const char* text(Lang lang, Text id);

// All strings of both languages, for the font atlas.
std::string all_text();

}  // namespace kiosk
