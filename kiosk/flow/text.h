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
  PledgesTitle,
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
};

const char* text(Lang lang, Text id);
// "3号窗口" / "Window 3"
std::string window_label(Lang lang, int number);

// All strings of both languages, for the font atlas.
std::string all_text();

}  // namespace kiosk
