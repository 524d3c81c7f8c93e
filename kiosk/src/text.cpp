#include "kiosk/text.h"

namespace kiosk {

namespace {
struct Entry {
  Text id;
  const char* zh;
  const char* en;
};
constexpr Entry kTable[] = {
    {Text::Welcome, "欢迎光临", "Welcome"},
    {Text::Invite, "办完事，请为我们的服务评价", "Done? Please rate the service you received"},
    {Text::Promise, "您的每一条评价都会被认真对待", "Every rating is read and acted on"},
    {Text::LanguageSwitch, "English", "中文"},
    {Text::Connecting, "正在连接…", "Connecting…"},
    {Text::Offline, "暂时离线，评价将稍后送达", "Offline: ratings will be sent later"},
};
}  // namespace

const char* text(Lang lang, Text id) {
  for (const auto& e : kTable)
    if (e.id == id) return lang == Lang::Zh ? e.zh : e.en;
  return "";
}

std::string all_text() {
  std::string all;
  for (const auto& e : kTable) (all += e.zh) += e.en;
  return all;
}

}  // namespace kiosk
