#include "controller/evaluations/phone.h"

#include <algorithm>

namespace controller {

std::string mask_phone(std::string_view phone) {
  std::string digits;
  for (char c : phone)
    if (c >= '0' && c <= '9') digits += c;
  if (digits.empty()) return phone.empty() ? "" : "****";
  // Already masked (a report built from a controller reply): keep it, as
  // long as it shows no more digits than a masked 11-digit number does.
  if (phone.find("****") != std::string_view::npos && digits.size() <= 7) return std::string(phone);
  const size_t keep_head = digits.size() >= 11 ? 3 : 0;
  const size_t keep_tail = digits.size() >= 11 ? 4 : std::min<size_t>(2, digits.size() / 3);
  std::string out = digits.substr(0, keep_head);
  out += std::string(std::max<size_t>(4, digits.size() - keep_head - keep_tail), '*');
  out += digits.substr(digits.size() - keep_tail);
  return out;
}

}  // namespace controller
