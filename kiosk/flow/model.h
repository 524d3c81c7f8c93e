// model.h: the kiosk's state machine, with no drawing. The view draws it and
// returns intents (what the visitor did); apply() changes the state. Tests
// drive the model by feeding intents and time.
//
// The flow: Idle (invitation, rotating pledges) -> Ticket (keypad or barcode
// scanner; the ticket is looked up at the controller) -> Confirm (window,
// staff, service item) -> Rate (five equal choices, none preselected) ->
// Reasons (only for scores 1-2: reason chips and an optional callback number,
// shown while typed, then masked) -> Thanks (counting down) -> Idle. The idle timeout returns to Idle from any step.
//
// The model does no I/O: take_lookup() and take_rating() hand the main loop
// what to send, and on_ticket()/on_lookup_error() bring the answers back.
// Threading: the UI thread owns the model.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/time/clock.h"
#include "common/time/opening_hours.h"
#include "common/time/zone.h"
#include "common/vocab/content_keys.h"
#include "kiosk/flow/evaluation.h"
#include "kiosk/flow/text.h"
#include "kiosk/flow/ticket.h"

namespace kiosk {

enum class Step { Idle, Ticket, Confirm, Rate, Reasons, Thanks };
const char* step_name(Step step);

// Why a ticket cannot be rated (shown kindly on the Ticket step).
enum class Problem { None, NotFound, NotServed, AlreadyRated, Expired, Busy };
Problem problem_from_code(const std::string& code);
Text problem_text(Problem p);

namespace intent {
struct ToggleLanguage {};
struct Touch {};                 // any touch: keeps the session alive
struct Start {};                 // Idle -> Ticket
struct Key { char c; };          // keypad: a ticket letter/digit, or a phone digit on Reasons
struct Typed { std::string utf8; };  // keyboard or barcode scanner text; '\r'/'\n' = Enter
struct Backspace {};
struct Clear {};
struct Enter {};                 // OK on the ticket keypad (or the scanner's Enter)
struct Back {};
struct Cancel {};                // straight back to Idle
struct ConfirmYes {};
struct Choose { int score; };    // 1..5
struct ToggleReason { size_t index; };  // into reasons()
struct Submit {};                // Reasons -> Thanks
struct Finish {};                // Thanks -> Idle
}  // namespace intent
using Intent = std::variant<intent::ToggleLanguage, intent::Touch, intent::Start, intent::Key, intent::Typed,
                            intent::Backspace, intent::Clear, intent::Enter, intent::Back, intent::Cancel,
                            intent::ConfirmYes, intent::Choose, intent::ToggleReason, intent::Submit,
                            intent::Finish>;

// A spoken prompt for the main loop (voice.h): the Rate and Thanks steps
// say what to do and that the rating was recorded, in the screen's language.
struct Prompt {
  Lang lang = Lang::Zh;
  std::string text;
};

// A finished rating, for the main loop to turn into an Evaluation.
struct Rating {
  std::string ticket;
  int score = 0;
  std::vector<std::string> reasons;  // codes
  std::string phone;                 // digits
};

// Pledges as on the wire, read by hall::wire::read_pledges (the rule signage
// uses too): non-empty text, unit pledges first, then by id.
using Pledge = hall::wire::Pledge;

struct ModelOptions {
  Lang rest_language = Lang::Zh;
  std::chrono::milliseconds idle_timeout{30000};
  std::chrono::milliseconds thanks_duration{6000};
  // No two ratings from this kiosk closer than this (children pressing
  // buttons); the controller filters with evaluation.min_interval_ms too.
  std::chrono::milliseconds min_interval{3000};
  std::chrono::milliseconds lookup_timeout{4000};
  std::chrono::milliseconds pledge_interval{8000};
  // The callback number shows in clear while it is typed, masked this long
  // after the last digit.
  std::chrono::milliseconds phone_shown{3000};
  // Keypad letters until the controller publishes the ones its tickets use
  // (/queue/letters).
  std::string ticket_letters{kTicketLetters};
};

class Model {
 public:
  using Clock = std::chrono::steady_clock;

  explicit Model(ModelOptions options);
  Model(Lang rest_language, std::chrono::seconds idle_timeout)
      : Model(ModelOptions{rest_language, idle_timeout}) {}

  void apply(const Intent& intent, Clock::time_point now);
  // Timers: lookup timeout, the thanks screen, pledge rotation and the idle
  // timeout (back to Idle in the resting language). True when something changed.
  bool tick(Clock::time_point now);
  // Reads the hall name and logo ("/hall/info"), pledges ("/content/pledges/..."),
  // the letters the queue system's tickets use ("/queue/letters"), and the
  // hall's opening hours and zone ("/hall/hours", "/hall/clock").
  void apply_map(const std::map<std::string, std::string>& map);
  void set_online(bool online) { online_ = online; }

  // The controller's answers to take_lookup().
  void on_ticket(const TicketInfo& info, Clock::time_point now);
  void on_lookup_error(const std::string& code, Clock::time_point now);
  // A reply on the device link: a `ticket` reply goes to on_ticket() (one
  // the kiosk cannot read counts as a lookup error "bad_reply"), a refused
  // ticket.lookup to on_lookup_error(); other replies are not the visitor's.
  void on_reply(const hall::Message& msg, Clock::time_point now);

  // What the main loop must do now (each returned once).
  std::optional<std::string> take_lookup();
  std::optional<Rating> take_rating();
  // The prompt for the step just entered (Rate, Thanks), once.
  std::optional<Prompt> take_prompt();

  Step step() const { return step_; }
  Lang language() const { return language_; }
  bool online() const { return online_; }
  const std::string& hall_name() const { return language_ == Lang::Zh || hall_name_en_.empty() ? hall_name_ : hall_name_en_; }
  const char* tr(Text id) const { return text(language_, id); }
  std::string glyph_text() const;

  const std::string& entry() const { return entry_; }  // the ticket typed so far
  bool lookup_pending() const { return lookup_pending_; }
  Problem problem() const { return problem_; }
  const TicketInfo& ticket() const { return ticket_; }
  int score() const { return score_; }  // 0 until chosen
  const std::vector<bool>& reasons_chosen() const { return reasons_chosen_; }
  const std::string& phone() const { return phone_; }
  std::string masked_phone() const { return mask_phone(phone_); }
  // What the phone field shows: the digits while they are being typed, then masked.
  std::string shown_phone() const { return phone_clear_ ? phone_ : masked_phone(); }
  // Seconds left before the Thanks step returns to Idle (counted down by tick()).
  int thanks_left_s() const { return thanks_left_s_; }
  // The keypad's letters: those the queue system's tickets use.
  const std::string& ticket_letters() const { return letters_; }
  const std::string& hall_logo() const { return hall_logo_; }
  const std::vector<Pledge>& pledges() const { return pledges_; }
  size_t pledge_index() const { return pledge_index_; }
  const ModelOptions& options() const { return options_; }
  // The hall's state at `now` (hall::hall_state in the hall's zone): shown on
  // the idle screen while the hall is not open. Only information: the kiosk
  // still takes ratings of tickets served earlier (the rating window,
  // evaluation.window_h, is the controller's rule, not the opening hours).
  hall::HallState hall_state(hall::SystemTime now) const;
  const hall::OpeningHours& hall_hours() const { return hours_; }

 private:
  void reset();
  void type_char(char32_t c, Clock::time_point now);
  void enter(Clock::time_point now);
  void finalize(Clock::time_point now);
  bool recently_rated(const std::string& ticket) const;

  ModelOptions options_;
  Lang language_;
  Step step_ = Step::Idle;
  Clock::time_point last_touch_{};
  bool online_ = false;
  std::string hall_name_;
  std::string hall_name_en_;
  std::string hall_logo_;
  std::string letters_;
  std::vector<Pledge> pledges_;
  hall::OpeningHours hours_;
  std::string hours_problem_;  // the last /hall/hours that could not be read
  hall::TimeZone zone_;  // the hall's (/hall/clock); Asia/Shanghai until one arrives
  size_t pledge_index_ = 0;
  Clock::time_point pledge_at_{};

  std::string entry_;
  bool lookup_pending_ = false;
  Clock::time_point lookup_at_{};
  std::optional<std::string> lookup_out_;
  Problem problem_ = Problem::None;
  TicketInfo ticket_;
  int score_ = 0;
  std::vector<bool> reasons_chosen_;
  std::string phone_;
  bool phone_clear_ = false;
  Clock::time_point phone_at_{};
  Clock::time_point thanks_at_{};
  int thanks_left_s_ = 0;
  std::optional<Rating> rating_out_;
  std::optional<Prompt> prompt_out_;
  void prompt(Text text);
  std::optional<Clock::time_point> last_rating_;
  std::deque<std::string> rated_;  // tickets rated here lately (not yet known to the controller)
};

}  // namespace kiosk
