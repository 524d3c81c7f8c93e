#include "kiosk/demo.h"

namespace kiosk {

const std::vector<std::string>& demo_steps() {
  static const std::vector<std::string> steps = {"idle",    "ticket", "ticket-error", "lookup",
                                                 "confirm", "rate",   "reasons",      "thanks"};
  return steps;
}

hall::Status seed_demo(Model& m, const std::string& step, Model::Clock::time_point now) {
  bool known = false;
  for (const auto& s : demo_steps()) known |= s == step;
  if (!known) {
    std::string all;
    for (const auto& s : demo_steps()) all += (all.empty() ? "" : ", ") + s;
    return hall::fail("unknown demo step \"" + step + "\"; use one of: " + all);
  }
  m.apply_map({{"/hall/info", R"({"name":"市民服务中心","name_en":"Citizen Service Center"})"},
               {"/content/pledges/p1",
                R"({"id":"p1","scope":"unit","title":"亮承诺","text":"一次告知、限时办结，群众满意是我们的标准"})"}});
  m.set_online(true);
  if (step == "idle") return {};
  m.apply(intent::Start{}, now);
  m.apply(intent::Typed{"A023"}, now);
  if (step == "ticket") return {};
  m.apply(intent::Enter{}, now);
  (void)m.take_lookup();
  if (step == "lookup") return {};
  if (step == "ticket-error") {
    m.on_lookup_error("not_served", now);
    return {};
  }
  TicketInfo t;
  t.ticket = "A023";
  t.service_item = "城乡居民医疗保险参保登记";
  t.window_number = 3;
  t.window_name = "社保医保综合窗口";
  t.staff_id = "s0231";
  t.staff_name = "李晓红";
  t.staff_post = "综合受理岗";
  m.on_ticket(t, now);
  if (step == "confirm") return {};
  m.apply(intent::ConfirmYes{}, now);
  if (step == "rate") return {};
  m.apply(intent::Choose{2}, now);
  m.apply(intent::ToggleReason{1}, now);
  m.apply(intent::ToggleReason{4}, now);
  m.apply(intent::Typed{"13812345678"}, now);
  if (step == "reasons") return {};
  m.apply(intent::Submit{}, now);
  (void)m.take_rating();
  return {};
}

}  // namespace kiosk
