#include "kiosk/flow/text.h"

#include "kiosk/flow/evaluation.h"

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
    {Text::Offline, "暂时无法连接，请稍后再试", "Not connected; please try again later"},
    {Text::Start, "开始评价", "Rate now"},
    {Text::PledgesTitle, "我们的承诺", "Our pledge"},
    {Text::PersonalPledge, "个人承诺", "Personal pledge"},
    {Text::TicketTitle, "请输入您的排队号码", "Enter your queue ticket number"},
    {Text::TicketHint, "也可以把票上的条码对准扫描口", "Or hold the ticket's barcode to the scanner"},
    {Text::Delete, "删除", "Delete"},
    {Text::Clear, "清空", "Clear"},
    {Text::Ok, "确定", "OK"},
    {Text::Back, "返回", "Back"},
    {Text::Cancel, "取消", "Cancel"},
    {Text::LookingUp, "正在查询，请稍候…", "Looking it up…"},
    {Text::ErrNotFound, "没有找到这个号码，请核对票上的号码再试", "We can't find this number. Please check your ticket"},
    {Text::ErrNotServed, "这个号码的业务还没有办结，办完后再来评价吧", "This service isn't finished yet. Please rate when it is"},
    {Text::ErrAlreadyRated, "这个号码已经评价过了，感谢您的参与", "This ticket has already been rated. Thank you"},
    {Text::ErrExpired, "这个号码已超过评价期限，感谢您的关注", "The time to rate this ticket has passed"},
    {Text::ErrBusy, "系统繁忙，请稍后再试", "The system is busy. Please try again shortly"},
    {Text::ConfirmTitle, "请确认为您服务的窗口", "Is this who served you?"},
    {Text::ServiceItem, "办理事项", "Service"},
    {Text::ServedBy, "服务人员", "Served by"},
    {Text::ConfirmYes, "是，开始评价", "Yes, rate now"},
    {Text::ConfirmNo, "不是，重新输入", "No, re-enter"},
    {Text::RateTitle, "您对本次服务满意吗？", "How satisfied are you?"},
    {Text::RateHint, "请按您的真实感受选择一项", "Choose the one that matches how you feel"},
    {Text::ReasonsTitle, "请告诉我们哪里做得不好（可多选）", "What went wrong? (choose any)"},
    {Text::PhoneLabel, "回访电话（选填）", "Callback number (optional)"},
    {Text::PhoneHint, "仅用于回访，不会公开", "Only used to call you back"},
    {Text::Submit, "提交评价", "Submit"},
    {Text::ThanksTitle, "感谢您的评价！", "Thank you!"},
    {Text::ThanksText, "您的评价已记录", "Your rating has been recorded"},
    {Text::ThanksBad, "我们会尽快核实整改，并与您联系", "We will look into it and follow up"},
    {Text::Done, "完成", "Done"},
    {Text::RatingWho, "您正在评价", "You are rating"},
    {Text::RateSpoken, "请为本次服务评价：非常满意、满意、基本满意、不满意、非常不满意，请选择一项",
     "Please rate this service: very satisfied, satisfied, fair, dissatisfied or very dissatisfied"},
    {Text::ThanksSpoken, "感谢您的评价", "Thank you for your rating"},
};
}  // namespace

const char* text(Lang lang, Text id) {
  for (const auto& e : kTable)
    if (e.id == id) return lang == Lang::Zh ? e.zh : e.en;
  return "";
}

std::string window_label(Lang lang, int number) {
  return lang == Lang::Zh ? std::to_string(number) + "号窗口" : "Window " + std::to_string(number);
}

std::string countdown_text(Lang lang, int seconds) {
  return lang == Lang::Zh ? std::to_string(seconds) + " 秒后回到首页" : "Back to the start in " + std::to_string(seconds) + " s";
}

std::string all_text() {
  std::string all = "号窗口·" + countdown_text(Lang::Zh, 0) + countdown_text(Lang::En, 0);  // also the separators views put between strings
  for (const auto& e : kTable) (all += e.zh) += e.en;
  for (int s = 1; s <= kScores; ++s) (all += score_label_zh(s)) += score_label_en(s);
  for (const auto& r : reasons()) (all += r.zh) += r.en;
  return all;
}

}  // namespace kiosk
