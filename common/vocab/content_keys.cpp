#include "common/vocab/content_keys.h"

#include <algorithm>

namespace hall::wire {

std::string playlist_key(const std::string& group) { return group_subtree(group) + "playlist"; }
std::string group_subtree(const std::string& group) { return kGroupsSubtree + group + "/"; }

Json Department::to_json() const { return {{"id", id}, {"name", name}, {"name_en", name_en}}; }

Result<Department> Department::from_json(const Json& j, const std::string& what) {
  Department v;
  return FieldReader(j, what).text("id", v.id).text("name", v.name).text("name_en", v.name_en).finish(v);
}

Json Window::to_json() const {
  return {{"number", number}, {"name", name}, {"name_en", name_en}, {"department", department}, {"items", items}};
}

Result<Window> Window::from_json(const Json& j, const std::string& what) {
  Window v;
  FieldReader r(j, what);
  r.integer("number", v.number, Need::Required)
      .text("name", v.name)
      .text("name_en", v.name_en)
      .text("department", v.department)
      .texts("items", v.items);
  if (r.ok() && v.number <= 0) r.fail_field("number", "must be a positive integer");
  return r.finish(v);
}

Json Staff::to_json() const {
  return {{"id", id},       {"name", name}, {"photo", photo},   {"post", post},
          {"member", member}, {"badge", badge}, {"zone", zone}, {"window", window},
          {"department", department}, {"roles", roles}};
}

Result<Staff> Staff::from_json(const Json& j, const std::string& what) {
  Staff v;
  return FieldReader(j, what)
      .text("id", v.id)
      .text("name", v.name, Need::NonEmpty)
      .text("photo", v.photo)
      .text("post", v.post)
      .boolean("member", v.member)
      .text("badge", v.badge)
      .text("zone", v.zone)
      .integer("window", v.window)
      .text("department", v.department)
      .texts("roles", v.roles)
      .finish(v);
}

Json Standard::to_json() const {
  return {{"id", id},       {"name", name}, {"department", department}, {"steps", steps},
          {"materials", materials}, {"time_limit", time_limit}, {"fee", fee},
          {"legal_basis", legal_basis}, {"phone", phone}, {"code", code}, {"version", version}};
}

Result<Standard> Standard::from_json(const Json& j, const std::string& what) {
  Standard v;
  return FieldReader(j, what)
      .text("id", v.id)
      .text("name", v.name, Need::NonEmpty)
      .text("department", v.department)
      .texts("steps", v.steps)
      .texts("materials", v.materials)
      .text("time_limit", v.time_limit)
      .text("fee", v.fee)
      .text("legal_basis", v.legal_basis)
      .text("phone", v.phone)
      .text("code", v.code)
      .text("version", v.version)
      .finish(v);
}

Json Pledge::to_json() const {
  return {{"id", id}, {"scope", scope}, {"staff", staff}, {"title", title}, {"text", text}};
}

Result<Pledge> Pledge::from_json(const Json& j, const std::string& what) {
  Pledge v;
  return FieldReader(j, what)
      .text("id", v.id)
      .text("scope", v.scope)
      .text("staff", v.staff)
      .text("title", v.title)
      .text("text", v.text, Need::NonEmpty)
      .finish(v);
}

std::vector<Pledge> read_pledges(const std::map<std::string, std::string>& map, std::vector<std::string>* problems) {
  std::vector<Pledge> out;
  const std::string prefix = kPledgesPrefix;
  for (auto it = map.lower_bound(prefix); it != map.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    auto p = parse_value<Pledge>(it->second, it->first);
    if (p) out.push_back(std::move(*p));
    else if (problems) problems->push_back(p.error());
  }
  std::stable_sort(out.begin(), out.end(), [](const Pledge& a, const Pledge& b) {
    return (a.scope == "unit") > (b.scope == "unit");
  });
  return out;
}

Json PlaylistEntry::to_json() const { return {{"board", board}, {"seconds", seconds}}; }

Result<PlaylistEntry> PlaylistEntry::from_json(const Json& j, const std::string& what) {
  PlaylistEntry v;
  return FieldReader(j, what).text("board", v.board).integer("seconds", v.seconds).finish(v);
}

Json PlaylistHours::to_json() const { return {{"open", open}, {"close", close}, {"days", days}}; }

Result<PlaylistHours> PlaylistHours::from_json(const Json& j, const std::string& what) {
  PlaylistHours v;
  return FieldReader(j, what).text("open", v.open).text("close", v.close).integers("days", v.days).finish(v);
}

Json Playlist::to_json() const {
  Json boards_json = Json::array();
  for (const auto& b : boards) boards_json.push_back(b.to_json());
  Json j = {{"boards", boards_json}, {"outside", outside}};
  if (hours) j["hours"] = hours->to_json();
  return j;
}

Result<Playlist> Playlist::from_json(const Json& j, const std::string& what) {
  Playlist v;
  return FieldReader(j, what).list("boards", v.boards).object("hours", v.hours).text("outside", v.outside).finish(v);
}

}  // namespace hall::wire
