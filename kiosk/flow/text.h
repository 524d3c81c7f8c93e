// text.h: every string the kiosk shows, in Chinese and English. Views look
// strings up here so that the language switch covers the whole screen.
// Threading: constant data.
#pragma once

#include <string>

namespace kiosk {

enum class Lang { Zh, En };

enum class Text {
  Welcome,         // "欢迎光临"
  Invite,          // the invitation to rate
  Promise,         // how the rating is used
  LanguageSwitch,  // the button that switches to the other language
  Connecting,
  Offline,
  Start,
  PledgesTitle,    // a unit pledge
  PersonalPledge,  // a staff member's own pledge
  TicketTitle,
  TicketHint,
  Delete,
  Clear,
  Ok,
  Back,
  Cancel,
  LookingUp,
  ErrNotFound,
  ErrNotServed,
  ErrAlreadyRated,
  ErrExpired,
  ErrBusy,
  ConfirmTitle,
  ServiceItem,
  ServedBy,
  ConfirmYes,
  ConfirmNo,
  RateTitle,
  RateHint,
  ReasonsTitle,
  PhoneLabel,
  PhoneHint,
  Submit,
  ThanksTitle,
  ThanksText,
  ThanksBad,
  Done,
  RatingWho,       // above the staff strip on the Rate step
  RateSpoken,      // the voice prompt on the Rate step
  ThanksSpoken,    // the voice prompt on the Thanks step
};

const char* text(Lang lang, Text id);
// "3号窗口" / "Window 3"
std::string window_label(Lang lang, int number);

// "6 秒后回到首页" / "Back to the start in 6 s"
std::string countdown_text(Lang lang, int seconds);

// All strings of both languages, for the font atlas.
std::string all_text();

}  // namespace kiosk
