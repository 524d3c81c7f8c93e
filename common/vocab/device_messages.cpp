#include "common/vocab/device_messages.h"

#include <cmath>

#include "common/base/utf8.h"
#include "common/vocab/content_keys.h"

namespace hall::wire {

namespace {
std::string message_what(const char* type) { return std::string("\"") + type + "\" message"; }
}  // namespace

bool valid_device_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxDeviceIdBytes) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
          c == '_'))
      return false;
  return true;
}

std::string device_id_problem(const char* field, std::string_view id) {
  return std::string("\"") + field + "\" \"" + utf8::printable(id, 80) +
         "\" is not allowed: use 1-64 letters, digits, '.', '-' or '_'";
}

// ---- hello / welcome ----

Json Hello::to_json() const {
  Json j = {{"device", device}, {"device_id", device_id}, {"version", version}};
  if (!set_aside.empty()) j["set_aside"] = set_aside;
  return j;
}

Result<Hello> Hello::from_json(const Json& j, const std::string& what) {
  Hello v;
  return FieldReader(j, what)
      .text("device", v.device, Need::Required)
      .text("device_id", v.device_id, Need::Required)
      .text("version", v.version, Need::Required)
      .text("set_aside", v.set_aside)
      .finish(v);
}

Result<Hello> Hello::from_message(const Message& m) {
  if (auto s = check_fields(m, {{"device", FieldType::String, true, 16},
                                {"device_id", FieldType::String, true, 64},
                                {"version", FieldType::String, true, 32},
                                {"set_aside", FieldType::String, false, Hello::kMaxSetAsideBytes}});
      !s)
    return s.take_error();
  auto v = from_json(m.body, message_what(kType));
  if (!v) return v;
  if (v->device != "signage" && v->device != "kiosk" && v->device != "console")
    return fail("\"device\" must be signage, kiosk or console");
  if (!valid_device_id(v->device_id)) return fail(device_id_problem("device_id", v->device_id));
  return v;
}

Json Welcome::to_json() const { return {{"hall", hall}, {"server_time", server_time}}; }

Result<Welcome> Welcome::from_json(const Json& j, const std::string& what) {
  Welcome v;
  return FieldReader(j, what).text("hall", v.hall).text("server_time", v.server_time).finish(v);
}

// ---- screen.status ----

Json ScreenStatus::to_json() const {
  return {{"device_id", device_id}, {"group", group},       {"board", board},
          {"sequence", sequence},   {"uptime_s", uptime_s}, {"frame_ms", frame_ms},
          {"rss_kb", rss_kb},       {"offline_since", offline_since}};
}

Result<ScreenStatus> ScreenStatus::from_json(const Json& j, const std::string& what) {
  ScreenStatus v;
  return FieldReader(j, what)
      .text("device_id", v.device_id, Need::Required)
      .text("group", v.group, Need::Required)
      .text("board", v.board, Need::Required)
      .integer("sequence", v.sequence, Need::Required)
      .integer("uptime_s", v.uptime_s, Need::Required)
      .number("frame_ms", v.frame_ms, Need::Required)
      .integer("rss_kb", v.rss_kb, Need::Required)
      .text("offline_since", v.offline_since, Need::Required)
      .finish(v);
}

Result<ScreenStatus> ScreenStatus::from_message(const Message& m) {
  if (auto s = check_fields(m, {{"device_id", FieldType::String, true, 64},
                                {"group", FieldType::String, true, 64},
                                {"board", FieldType::String, true, 32},
                                {"sequence", FieldType::Integer, true},
                                {"uptime_s", FieldType::Integer, true},
                                {"frame_ms", FieldType::Number, true},
                                {"rss_kb", FieldType::Integer, true},
                                {"offline_since", FieldType::String, true, 40}});
      !s)
    return s.take_error();
  const auto& b = m.body;
  const auto& id = b["device_id"].get_ref<const std::string&>();
  if (!valid_device_id(id)) return fail(device_id_problem("device_id", id));
  const auto& board = b["board"].get_ref<const std::string&>();
  if (!board.empty() && !is_board(board) && board != kUrgentBoard && board != kBlankBoard)
    return fail("\"board\" \"" + utf8::printable(board, 40) + "\" is not a board: use " + board_list() +
                ", urgent or blank");
  for (const char* f : {"sequence", "uptime_s", "rss_kb"})
    if (!b[f].is_number_unsigned() && b[f].get<int64_t>() < 0)
      return fail(std::string("\"") + f + "\" must not be negative");
  const double frame_ms = b["frame_ms"].get<double>();
  if (!std::isfinite(frame_ms) || frame_ms < 0 || frame_ms > kMaxFrameMs)
    return fail("\"frame_ms\" must be 0-" + std::to_string(static_cast<int>(kMaxFrameMs)) + " milliseconds");
  return from_json(b, message_what(kType));
}

// ---- ticket.lookup / ticket ----

Json TicketLookup::to_json() const { return {{"ticket", ticket}}; }

Result<TicketLookup> TicketLookup::from_json(const Json& j, const std::string& what) {
  TicketLookup v;
  return FieldReader(j, what).text("ticket", v.ticket, Need::Required).finish(v);
}

Result<TicketLookup> TicketLookup::from_message(const Message& m) {
  if (auto s = check_fields(m, {{"ticket", FieldType::String, true, 16}}); !s) return s.take_error();
  if (m.body["ticket"].get_ref<const std::string&>().empty())
    return fail("\"ticket\" must not be empty: send the number printed on the ticket, e.g. A023");
  return from_json(m.body, message_what(kType));
}

Json TicketReply::Item::to_json() const { return {{"id", id}, {"name", name}}; }

Result<TicketReply::Item> TicketReply::Item::from_json(const Json& j, const std::string& what) {
  Item v;
  return FieldReader(j, what).text("id", v.id).text("name", v.name).finish(v);
}

Json TicketReply::Window::to_json() const { return {{"number", number}, {"name", name}}; }

Result<TicketReply::Window> TicketReply::Window::from_json(const Json& j, const std::string& what) {
  Window v;
  return FieldReader(j, what).integer("number", v.number).text("name", v.name).finish(v);
}

Json TicketReply::Staff::to_json() const { return {{"id", id}, {"name", name}, {"post", post}, {"photo", photo}}; }

Result<TicketReply::Staff> TicketReply::Staff::from_json(const Json& j, const std::string& what) {
  Staff v;
  return FieldReader(j, what).text("id", v.id).text("name", v.name).text("post", v.post).text("photo", v.photo).finish(v);
}

Json TicketReply::to_json() const {
  return {{"ticket", ticket},
          {"service_item", service_item.to_json()},
          {"window", window.to_json()},
          {"staff", staff.to_json()},
          {"finished_at", finished_at}};
}

Result<TicketReply> TicketReply::from_json(const Json& j, const std::string& what) {
  TicketReply v;
  return FieldReader(j, what)
      .text("ticket", v.ticket, Need::NonEmpty)
      .object("service_item", v.service_item, Need::Required)
      .object("window", v.window, Need::Required)
      .object("staff", v.staff, Need::Required)
      .text("finished_at", v.finished_at)
      .finish(v);
}

// ---- evaluation.submit / evaluation.ack ----

Json EvaluationSubmit::to_json() const {
  return {{"uuid", uuid},   {"ticket", ticket}, {"score", score},           {"reasons", reasons},
          {"phone", phone}, {"kiosk_id", kiosk_id}, {"created_at", created_at}};
}

Result<EvaluationSubmit> EvaluationSubmit::from_json(const Json& j, const std::string& what) {
  EvaluationSubmit v;
  return FieldReader(j, what)
      .text("uuid", v.uuid, Need::Required)
      .text("ticket", v.ticket, Need::Required)
      .integer("score", v.score, Need::Required)
      .texts("reasons", v.reasons, Need::Required)
      .text("phone", v.phone, Need::Required)
      .text("kiosk_id", v.kiosk_id, Need::Required)
      .text("created_at", v.created_at, Need::Required)
      .finish(v);
}

Status EvaluationSubmit::check(const Message& m) {
  return check_fields(m, {{"uuid", FieldType::String, true, 36},
                          {"ticket", FieldType::String, true, 16},
                          {"score", FieldType::Integer, true},
                          {"reasons", FieldType::Array, true, 7},
                          {"phone", FieldType::String, true, 20},
                          {"kiosk_id", FieldType::String, true, 64},
                          {"created_at", FieldType::String, true, 40}});
}

Result<EvaluationSubmit> EvaluationSubmit::from_message(const Message& m) {
  if (auto s = check(m); !s) return s.take_error();
  return from_json(m.body, message_what(kType));
}

Json EvaluationAck::to_json() const { return {{"uuid", uuid}, {"duplicate", duplicate}}; }

Result<EvaluationAck> EvaluationAck::from_json(const Json& j, const std::string& what) {
  EvaluationAck v;
  return FieldReader(j, what).text("uuid", v.uuid, Need::Required).boolean("duplicate", v.duplicate).finish(v);
}

// ---- error ----

Json ErrorReply::to_json() const {
  Json j = {{"message", message}};
  if (!code.empty()) j["code"] = code;
  if (!request.empty()) j["request"] = request;
  if (permanent) j["permanent"] = *permanent;
  if (re) j["re"] = *re;
  return j;
}

Result<ErrorReply> ErrorReply::from_json(const Json& j, const std::string& what) {
  ErrorReply v;
  FieldReader r(j, what);
  r.text("message", v.message).text("code", v.code).text("request", v.request).boolean("permanent", v.permanent);
  if (r.has("re")) {
    uint64_t re = 0;
    r.integer("re", re);
    if (r.ok()) v.re = re;
  }
  return r.finish(v);
}

}  // namespace hall::wire
