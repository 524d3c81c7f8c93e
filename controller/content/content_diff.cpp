#include "controller/content/content_diff.h"

namespace controller::content {

namespace {

std::map<std::string, const hall::Json*> by_id(const std::vector<hall::Json>& records, const std::string& key) {
  std::map<std::string, const hall::Json*> out;
  for (const auto& r : records) {
    const auto& id = r[key];
    out[id.is_string() ? id.get<std::string>() : id.dump()] = &r;
  }
  return out;
}

const std::vector<hall::Json>& records_of(const Bundle& b, const std::string& table) {
  static const std::vector<hall::Json> none;
  auto it = b.records.find(table);
  return it == b.records.end() ? none : it->second;
}

}  // namespace

ContentDiff diff_content(const Bundle& before, const Bundle& after) {
  ContentDiff d;
  d.hall = before.hall != after.hall;
  for (const auto& def : tables()) {
    const auto old_records = by_id(records_of(before, def.table), def.key);
    const auto new_records = by_id(records_of(after, def.table), def.key);
    KindChanges k;
    for (const auto& [id, rec] : new_records) {
      auto it = old_records.find(id);
      if (it == old_records.end()) k.added.push_back(id);
      else if (*it->second != *rec) k.changed.push_back(id);
    }
    for (const auto& [id, rec] : old_records)
      if (!new_records.count(id)) k.removed.push_back(id);
    if (!k.empty()) d.kinds[def.array] = std::move(k);
  }
  for (const auto& [sha, m] : after.media) d.media_added += before.media.count(sha) ? 0 : 1;
  for (const auto& [sha, m] : before.media) d.media_removed += after.media.count(sha) ? 0 : 1;
  return d;
}

std::string ContentDiff::summary() const {
  if (empty()) return "no change";
  std::string out = hall ? "hall" : "";
  auto add = [&out](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
  for (const auto& [kind, k] : kinds)
    add(kind + " +" + std::to_string(k.added.size()) + " ~" + std::to_string(k.changed.size()) + " -" +
        std::to_string(k.removed.size()));
  if (media_added || media_removed)
    add("photos +" + std::to_string(media_added) + " -" + std::to_string(media_removed));
  return out;
}

hall::Json ContentDiff::to_json() const {
  hall::Json j = hall::Json::object();
  if (hall) j["hall"] = true;
  for (const auto& [kind, k] : kinds) j[kind] = {{"added", k.added}, {"changed", k.changed}, {"removed", k.removed}};
  if (media_added || media_removed) j["photos"] = {{"added", media_added}, {"removed", media_removed}};
  return j;
}

}  // namespace controller::content
