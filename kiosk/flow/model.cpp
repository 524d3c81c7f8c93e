#include "kiosk/flow/model.h"

#include "common/base/utf8.h"
#include "common/base/log.h"
#include "common/vocab/device_messages.h"
#include "common/vocab/hall_keys.h"
#include "common/vocab/queue_keys.h"

namespace kiosk {

const char* step_name(Step step) {
  switch (step) {
    case Step::Idle: return "idle";
    case Step::Ticket: return "ticket";
    case Step::Confirm: return "confirm";
    case Step::Rate: return "rate";
    case Step::Reasons: return "reasons";
    case Step::Thanks: return "thanks";
  }
  return "";
}

Problem problem_from_code(const std::string& code) {
  if (code == "not_found") return Problem::NotFound;
  if (code == "not_served") return Problem::NotServed;
  if (code == "already_rated") return Problem::AlreadyRated;
  if (code == "expired") return Problem::Expired;
  return Problem::Busy;
}

Text problem_text(Problem p) {
  switch (p) {
    case Problem::NotFound: return Text::ErrNotFound;
    case Problem::NotServed: return Text::ErrNotServed;
    case Problem::AlreadyRated: return Text::ErrAlreadyRated;
    case Problem::Expired: return Text::ErrExpired;
    default: return Text::ErrBusy;
  }
}

Model::Model(ModelOptions options)
    : options_(options), language_(options.rest_language), letters_(options_.ticket_letters) {
  reasons_chosen_.assign(reasons().size(), false);
}

void Model::reset() {
  step_ = Step::Idle;
  language_ = options_.rest_language;
  entry_.clear();
  lookup_pending_ = false;
  lookup_out_.reset();
  problem_ = Problem::None;
  ticket_ = {};
  score_ = 0;
  reasons_chosen_.assign(reasons().size(), false);
  phone_.clear();
  phone_clear_ = false;
}

void Model::type_char(char32_t c, Clock::time_point now) {
  if (c == '\r' || c == '\n') {
    enter(now);
    return;
  }
  if (step_ == Step::Idle) {  // a scan at rest starts a rating
    if (!ticket_char(c)) return;
    reset();
    step_ = Step::Ticket;
  }
  if (step_ == Step::Ticket) {
    const char t = ticket_char(c);
    if (!t || lookup_pending_) return;
    if (problem_ != Problem::None) {  // typing again after an error starts afresh
      problem_ = Problem::None;
      entry_.clear();
    }
    if (entry_.size() < kMaxTicketChars) entry_ += t;
  } else if (step_ == Step::Reasons) {
    if (c >= '0' && c <= '9' && phone_.size() < kMaxPhoneDigits) {
      phone_ += static_cast<char>(c);
      phone_clear_ = true;
      phone_at_ = now;
    }
  }
}

void Model::enter(Clock::time_point now) {
  if (step_ != Step::Ticket || entry_.empty() || lookup_pending_) return;
  if (recently_rated(entry_)) {
    problem_ = Problem::AlreadyRated;
    return;
  }
  problem_ = Problem::None;
  lookup_pending_ = true;
  lookup_at_ = now;
  lookup_out_ = entry_;
}

bool Model::recently_rated(const std::string& ticket) const {
  for (const auto& t : rated_)
    if (t == ticket) return true;
  return false;
}

void Model::finalize(Clock::time_point now) {
  if (last_rating_ && now - *last_rating_ < options_.min_interval) return;  // too fast: ignored
  Rating r{ticket_.ticket, score_, {}, is_bad_score(score_) ? phone_ : std::string()};
  if (is_bad_score(score_))
    for (size_t i = 0; i < reasons_chosen_.size(); ++i)
      if (reasons_chosen_[i]) r.reasons.push_back(reasons()[i].code);
  rating_out_ = std::move(r);
  last_rating_ = now;
  rated_.push_back(ticket_.ticket);
  if (rated_.size() > 200) rated_.pop_front();
  step_ = Step::Thanks;
  prompt(Text::ThanksSpoken);
  thanks_at_ = now;
  phone_clear_ = false;
  thanks_left_s_ = static_cast<int>((options_.thanks_duration.count() + 999) / 1000);
}

void Model::apply(const Intent& any, Clock::time_point now) {
  last_touch_ = now;
  std::visit(
      [&](const auto& in) {
        using T = std::decay_t<decltype(in)>;
        if constexpr (std::is_same_v<T, intent::ToggleLanguage>) {
          language_ = language_ == Lang::Zh ? Lang::En : Lang::Zh;
        } else if constexpr (std::is_same_v<T, intent::Start>) {
          if (step_ == Step::Idle) {
            const Lang keep = language_;
            reset();
            language_ = keep;
            step_ = Step::Ticket;
          }
        } else if constexpr (std::is_same_v<T, intent::Key>) {
          if (step_ == Step::Ticket || step_ == Step::Reasons) type_char(static_cast<unsigned char>(in.c), now);
        } else if constexpr (std::is_same_v<T, intent::Typed>) {
          if (hall::utf8::first_invalid(in.utf8)) return;
          for (char32_t c : hall::utf8::decode(in.utf8)) type_char(c, now);
        } else if constexpr (std::is_same_v<T, intent::Backspace>) {
          if (step_ == Step::Ticket && !lookup_pending_ && !entry_.empty()) {
            entry_.pop_back();
            problem_ = Problem::None;
          }
          if (step_ == Step::Reasons && !phone_.empty()) {
            phone_.pop_back();
            phone_clear_ = true;
            phone_at_ = now;
          }
        } else if constexpr (std::is_same_v<T, intent::Clear>) {
          if (step_ == Step::Ticket && !lookup_pending_) {
            entry_.clear();
            problem_ = Problem::None;
          }
          if (step_ == Step::Reasons) phone_.clear();
        } else if constexpr (std::is_same_v<T, intent::Enter>) {
          enter(now);
        } else if constexpr (std::is_same_v<T, intent::Back>) {
          switch (step_) {
            case Step::Ticket: { const Lang keep = language_; reset(); language_ = keep; break; }
            case Step::Confirm: step_ = Step::Ticket; problem_ = Problem::None; break;
            case Step::Rate: step_ = Step::Confirm; break;
            case Step::Reasons: step_ = Step::Rate; score_ = 0; break;
            default: break;
          }
        } else if constexpr (std::is_same_v<T, intent::Cancel>) {
          const Lang keep = language_;
          reset();
          language_ = keep;
        } else if constexpr (std::is_same_v<T, intent::ConfirmYes>) {
          if (step_ == Step::Confirm) {
            step_ = Step::Rate;
            score_ = 0;
            prompt(Text::RateSpoken);
          }
        } else if constexpr (std::is_same_v<T, intent::Choose>) {
          if (step_ != Step::Rate || in.score < 1 || in.score > kScores) return;
          score_ = in.score;
          if (is_bad_score(in.score)) {
            step_ = Step::Reasons;
            reasons_chosen_.assign(reasons().size(), false);
            phone_.clear();
          } else {
            finalize(now);
            if (step_ != Step::Thanks) score_ = 0;  // refused as too fast
          }
        } else if constexpr (std::is_same_v<T, intent::ToggleReason>) {
          if (step_ == Step::Reasons && in.index < reasons_chosen_.size())
            reasons_chosen_[in.index] = !reasons_chosen_[in.index];
        } else if constexpr (std::is_same_v<T, intent::Submit>) {
          if (step_ == Step::Reasons) finalize(now);
        } else if constexpr (std::is_same_v<T, intent::Finish>) {
          if (step_ == Step::Thanks) reset();
        }
      },
      any);
}

bool Model::tick(Clock::time_point now) {
  bool changed = false;
  if (lookup_pending_ && now - lookup_at_ >= options_.lookup_timeout) {
    lookup_pending_ = false;
    problem_ = Problem::Busy;
    changed = true;
  }
  if (step_ == Step::Thanks && now - thanks_at_ >= options_.thanks_duration) {
    reset();
    last_touch_ = {};
    changed = true;
  } else if (step_ == Step::Thanks) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(options_.thanks_duration - (now - thanks_at_));
    const int s = static_cast<int>((left.count() + 999) / 1000);
    changed |= s != thanks_left_s_;
    thanks_left_s_ = s;
  }
  if (phone_clear_ && now - phone_at_ >= options_.phone_shown) {
    phone_clear_ = false;
    changed = true;
  }
  if (!pledges_.empty() && step_ == Step::Idle) {
    if (pledge_at_ == Clock::time_point{}) pledge_at_ = now;
    if (now - pledge_at_ >= options_.pledge_interval) {
      pledge_index_ = (pledge_index_ + 1) % pledges_.size();
      pledge_at_ = now;
      changed = true;
    }
  }
  if (last_touch_ != Clock::time_point{} && now - last_touch_ >= options_.idle_timeout) {
    last_touch_ = {};
    changed |= step_ != Step::Idle || language_ != options_.rest_language;
    reset();
  }
  return changed;
}

void Model::apply_map(const std::map<std::string, std::string>& map) {
  if (auto it = map.find(hall::wire::HallInfo::kKey); it != map.end()) {
    if (auto info = hall::wire::parse_value<hall::wire::HallInfo>(it->second, it->first)) {
      hall_name_ = info->name;
      hall_name_en_ = info->name_en;
      hall_logo_ = info->logo;
    }
  }
  if (auto it = map.find(hall::wire::QueueLetters::kKey); it != map.end()) {
    auto v = hall::wire::parse_value<hall::wire::QueueLetters>(it->second, it->first);
    std::string letters;
    if (v)
      for (char c : v->letters)
        if (c >= 'A' && c <= 'Z' && letters.find(c) == std::string::npos) letters += c;
    if (!letters.empty()) letters_ = letters;
  }
  pledges_ = hall::wire::read_pledges(map);
  if (pledge_index_ >= pledges_.size()) pledge_index_ = 0;
  std::string problem;
  hours_ = hall::wire::hall_hours_in(map, &problem);  // unreadable: always open, and said once
  if (!problem.empty() && problem != hours_problem_) hall::log::warn("the hall's opening hours: {}", problem);
  hours_problem_ = problem;
  if (auto zone = hall::wire::hall_zone_in(map)) zone_ = *zone;
}

hall::HallState Model::hall_state(hall::SystemTime now) const { return hall::hall_state(hours_, zone_.to_local(now)); }

void Model::on_ticket(const TicketInfo& info, Clock::time_point) {
  if (!lookup_pending_ || info.ticket != entry_) return;  // a late answer to an older question
  lookup_pending_ = false;
  ticket_ = info;
  step_ = Step::Confirm;
}

void Model::on_reply(const hall::Message& msg, Clock::time_point now) {
  if (msg.type == hall::wire::TicketReply::kType) {
    auto info = ticket_from_reply(msg.body);
    if (!info) {
      hall::log::warn("controller sent a ticket reply the kiosk cannot read: {}", info.error());
      on_lookup_error("bad_reply", now);
      return;
    }
    on_ticket(*info, now);
  } else if (msg.type == hall::wire::ErrorReply::kType) {
    auto error = hall::wire::ErrorReply::from_json(msg.body);
    if (!error || error->request != hall::wire::TicketLookup::kType) return;
    hall::log::info("ticket lookup refused: {} ({})", error->code, error->message);
    on_lookup_error(error->code, now);
  }
}

void Model::on_lookup_error(const std::string& code, Clock::time_point) {
  if (!lookup_pending_) return;
  lookup_pending_ = false;
  problem_ = problem_from_code(code);
}

std::optional<std::string> Model::take_lookup() {
  auto out = std::move(lookup_out_);
  lookup_out_.reset();
  return out;
}

void Model::prompt(Text text) { prompt_out_ = Prompt{language_, tr(text)}; }

std::optional<Prompt> Model::take_prompt() {
  auto out = std::move(prompt_out_);
  prompt_out_.reset();
  return out;
}

std::optional<Rating> Model::take_rating() {
  auto out = std::move(rating_out_);
  rating_out_.reset();
  return out;
}

std::string Model::glyph_text() const {
  std::string all = all_text() + hall_name_ + hall_name_en_;
  for (const auto& p : pledges_) (all += p.title) += p.text;
  all += ticket_.service_item + ticket_.window_name + ticket_.staff_name + ticket_.staff_post;
  // The hall's state (common/time/opening_hours.cpp) and the line under it.
  all += "办理中 至 午间休息 恢复办理 未到办理时间 今日 开始办理 已下班 明日 今日休息（法定节假日） 周一周二周三周四周五周六周日 "
         "0123456789:月日 已办结的业务仍可在此评价";
  return all;
}

}  // namespace kiosk
