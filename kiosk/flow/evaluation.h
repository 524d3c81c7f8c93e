// evaluation.h: one citizen's rating as the kiosk stores and sends it
// (docs/protocol.md, evaluation.submit), the five levels, the reason codes
// with their labels, and the masking of a callback phone number on screen.
// Threading: plain values and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/vocab/device_messages.h"
#include "common/wire/codec.h"
#include "common/base/result.h"

namespace kiosk {

// A rating is the evaluation.submit message itself (common/vocab/): its
// to_json() gives the fields (without "type" and "id") that the outbox keeps
// and the courier sends; from_json() reads them back, naming a bad field.
using Evaluation = hall::wire::EvaluationSubmit;

inline constexpr int kScores = 5;
// Labels of score 5..1 in display order ("非常满意" first).
const char* score_label_zh(int score);
const char* score_label_en(int score);
bool is_bad_score(int score);  // 1 and 2: reasons and callback are asked

struct Reason {
  const char* code;  // on the wire
  const char* zh;
  const char* en;
};
// The seven reasons in display order.
const std::vector<Reason>& reasons();
bool is_reason_code(std::string_view code);

inline constexpr size_t kMaxPhoneDigits = 15;
// "13812345678" -> "138****5678": first 3 and last 4 digits kept once the
// number is long enough, everything between as '*'.
std::string mask_phone(std::string_view digits);

}  // namespace kiosk
