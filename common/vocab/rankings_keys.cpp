#include "common/vocab/rankings_keys.h"

namespace hall::wire {

Json StarWindow::to_json() const {
  Json j = {{"number", number}, {"name", name}, {"stars", stars}, {"score", score}, {"rank", rank}};
  if (too_few) j["too_few"] = true;  // only when set: a ranked row reads as before
  return j;
}

Result<StarWindow> StarWindow::from_json(const Json& j, const std::string& what) {
  StarWindow v;
  return FieldReader(j, what)
      .integer("number", v.number)
      .text("name", v.name)
      .integer("stars", v.stars)
      .number("score", v.score)
      .integer("rank", v.rank)
      .boolean("too_few", v.too_few)
      .finish(v);
}

Json StarStaff::to_json() const {
  Json j = {{"name", name}, {"detail", detail}, {"stars", stars}, {"score", score}, {"rank", rank}};
  if (too_few) j["too_few"] = true;
  return j;
}

Result<StarStaff> StarStaff::from_json(const Json& j, const std::string& what) {
  StarStaff v;
  return FieldReader(j, what)
      .text("name", v.name)
      .text("detail", v.detail)
      .integer("stars", v.stars)
      .number("score", v.score)
      .integer("rank", v.rank)
      .boolean("too_few", v.too_few)
      .finish(v);
}

Json RankingsStars::to_json() const {
  Json w = Json::array(), s = Json::array();
  for (const auto& x : windows) w.push_back(x.to_json());
  for (const auto& x : staff) s.push_back(x.to_json());
  Json j = {{"period", period}, {"windows", w}, {"staff", s}};
  if (live) j["live"] = true;  // only when set: a closed month reads as before
  return j;
}

Result<RankingsStars> RankingsStars::from_json(const Json& j, const std::string& what) {
  RankingsStars v;
  return FieldReader(j, what).text("period", v.period).boolean("live", v.live).list("windows", v.windows).list("staff", v.staff).finish(v);
}

}  // namespace hall::wire
