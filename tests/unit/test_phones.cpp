// Callback numbers at rest (issue 11, Privacy): the phone key and its file,
// sealed numbers in a real store (its file and WAL searched byte by byte),
// the audited reveal for a manager, the purge after cases.phone_purge_days,
// and migration 9 sealing the numbers of an older store.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <iterator>

#include "controller/cases/phone_purge.h"
#include "controller/evaluations/phone_vault.h"
#include "admin_requests.h"
#include "controller_fixture.h"
#include "controller/core/schema.h"
#include "log_capture.h"

using namespace testing;
using hall::Json;

namespace {
constexpr const char* kPhone = "13812345678";

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Every run of 8 digits of the number (the masked 138****5678 shows at most 4
// in a row), found anywhere in `bytes`.
std::vector<std::string> number_pieces_in(const std::string& bytes, const std::string& number = kPhone) {
  std::vector<std::string> found;
  for (size_t i = 0; i + 8 <= number.size(); ++i)
    if (bytes.find(number.substr(i, 8)) != std::string::npos) found.push_back(number.substr(i, 8));
  return found;
}

std::string text(TestController& t, const std::string& sql) {
  auto st = t.c->store().prepare(sql);
  REQUIRE(st);
  auto row = st->step();
  REQUIRE(row);
  REQUIRE(*row);
  return st->column_text(0);
}

// Rates tickets A001.. with the given scores, each with the phone number.
void rate_with_phone(TestController& t, const std::vector<int>& scores, int first = 1) {
  Client k(t, t.device());
  for (size_t i = 0; i < scores.size(); ++i) {
    const int n = first + static_cast<int>(i);
    const std::string ticket = "A" + std::to_string(1000 + n).substr(1);
    t.add_ticket(ticket);
    auto ack = k.ask(t, submit(uuid_n(n), ticket, scores[i], scores[i] <= 2 ? Json::array({"attitude"}) : Json::array(),
                               "kiosk-1", hall::epoch_ms(t.now()), kPhone));
    REQUIRE(ack);
    INFO(ack->dump());
    REQUIRE((*ack)["type"] == "evaluation.ack");
  }
}

std::string key32(char fill) { return std::string(32, fill); }
}  // namespace

TEST_CASE("a sealed number opens with its key and no other") {
  auto a = controller::PhoneVault::with_key(key32('a'));
  auto b = controller::PhoneVault::with_key(key32('b'));
  REQUIRE(a);
  REQUIRE(b);
  const std::string one = (*a)->seal(kPhone), two = (*a)->seal(kPhone);
  CHECK(one.rfind("sb1:", 0) == 0);
  CHECK(one != two);  // a fresh nonce each time
  CHECK(one.find("12345678") == std::string::npos);
  auto opened = (*a)->open_sealed(one);
  REQUIRE(opened);
  CHECK(*opened == kPhone);
  CHECK((*a)->seal("").empty());
  CHECK((*a)->open_sealed("").value() == "");

  auto wrong = (*b)->open_sealed(one);
  REQUIRE_FALSE(wrong);
  CHECK_THAT(wrong.error(), Catch::Contains("does not open with this phone key"));
  std::string changed = one;
  changed[10] = changed[10] == 'A' ? 'B' : 'A';
  CHECK_FALSE((*a)->open_sealed(changed));
  CHECK_FALSE((*a)->open_sealed(kPhone));  // plain is not sealed
  CHECK_FALSE(controller::PhoneVault::with_key("short"));
}

TEST_CASE("the phone key file is made 0600 once, and a bad one is refused with what to do") {
  TempDir dir;
  const std::string keys = dir.str("keys"), path = keys + "/phone.key";
  auto first = controller::PhoneVault::open(keys);
  REQUIRE(first);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(st.st_size == 32);
  REQUIRE(::stat(keys.c_str(), &st) == 0);
  CHECK((st.st_mode & 077) == 0);
  // The same file again: the same key.
  auto second = controller::PhoneVault::open(keys);
  REQUIRE(second);
  CHECK((*second)->open_sealed((*first)->seal(kPhone)).value() == kPhone);

  ::chmod(path.c_str(), 0640);
  auto readable = controller::PhoneVault::open(keys);
  REQUIRE_FALSE(readable);
  CHECK_THAT(readable.error(), Catch::Contains("readable by group or others") && Catch::Contains("chmod 600"));

  ::chmod(path.c_str(), 0600);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << std::string(31, 'x');
  auto short_key = controller::PhoneVault::open(keys);
  REQUIRE_FALSE(short_key);
  CHECK_THAT(short_key.error(), Catch::Contains("31 bytes, not 32") && Catch::Contains("backup"));
}

TEST_CASE("a rated number is in neither the store file nor its WAL, and a manager's reveal is audited") {
  LogCapture log;
  TestController t;
  rate_with_phone(t, {1, 5});
  // Read while the controller runs: the ratings are in the WAL now.
  const std::string db = file_bytes(t.db_path()), wal = file_bytes(t.db_path() + "-wal");
  INFO("hall.db " << db.size() << " bytes, hall.db-wal " << wal.size() << " bytes");
  REQUIRE(db.size() > 0);
  REQUIRE(wal.size() > 0);  // the test looks where the rows are
  CHECK(wal.find("sb1:") != std::string::npos);
  CHECK(number_pieces_in(db).empty());
  CHECK(number_pieces_in(wal).empty());

  CHECK(text(t, "SELECT phone_masked FROM evaluations WHERE score = 5") == "138****5678");
  CHECK(text(t, "SELECT substr(phone, 1, 4) FROM cases WHERE id = 1") == "sb1:");
  auto list = ask_admin(t, {{"type", "evaluations.list"}});
  CHECK(list["evaluations"][0]["phone"] == "138****5678");
  CHECK(ask_admin(t, {{"type", "cases.list"}})["cases"][0]["phone"] == "138****5678");

  // The same rating resent is still the same rating (its stored number is opened to compare).
  Client k(t, t.device());
  auto stored = text(t, "SELECT created_at FROM evaluations WHERE uuid = '" + uuid_n(2) + "'");
  auto same = k.ask(t, {{"type", "evaluation.submit"}, {"id", 2}, {"uuid", uuid_n(2)}, {"ticket", "A002"},
                        {"score", 5}, {"reasons", Json::array()}, {"phone", kPhone}, {"kiosk_id", "kiosk-1"},
                        {"created_at", stored}});
  REQUIRE(same);
  CHECK((*same)["type"] == "evaluation.ack");
  CHECK((*same)["duplicate"] == true);
  auto other = k.ask(t, {{"type", "evaluation.submit"}, {"id", 3}, {"uuid", uuid_n(2)}, {"ticket", "A002"},
                         {"score", 5}, {"reasons", Json::array()}, {"phone", "13900000000"}, {"kiosk_id", "kiosk-1"},
                         {"created_at", stored}});
  REQUIRE(other);
  CHECK((*other)["code"] == "conflict");

  auto shown = ask_admin(t, {{"type", "case.phone"}, {"case", 1}, {"by", "张科长"}});
  INFO(shown.dump());
  REQUIRE(shown["type"] == "case.phone");
  CHECK(shown["phone"] == kPhone);
  CHECK(text(t, "SELECT who || '|' || subject FROM audit WHERE what = 'phone.reveal'") == "张科长|case:1");
  CHECK(ask_admin(t, {{"type", "case.phone"}, {"case", 9}})["code"] == "not_found");
  CHECK(number_pieces_in(log.take()).empty());
}

TEST_CASE("numbers are purged cases.phone_purge_days after their case closes, counted and audited") {
  TempDir data;
  std::atomic<int64_t> days_later{0};
  auto clock = [&] { return std::chrono::system_clock::now() + std::chrono::hours(24) * days_later.load(); };
  auto same_dir = [&](controller::Settings& s) { s.data_dir = data.str("var"); };
  {
    TestController t(same_dir, false, clock);
    rate_with_phone(t, {1, 5, 2});  // case 1 will close, case 2 (A003) stays open
    for (auto [action, note] : std::vector<std::pair<std::string, std::string>>{
             {"verify", ""}, {"rectify", "已约谈整改"}, {"follow_up", "满意"}, {"close", ""}})
      REQUIRE(act(t, 1, action, note)["type"] == "case");
  }
  days_later = 89;
  {
    TestController t(same_dir, false, clock);
    CHECK(text(t, "SELECT count(*) FROM evaluations WHERE phone <> ''") == "3");
    CHECK(ask_admin(t, {{"type", "status"}})["phones"]["purged"] == 0);
  }
  days_later = 91;
  TestController t(same_dir, false, clock);  // purged at start
  CHECK(text(t, "SELECT group_concat(ticket) FROM evaluations WHERE phone = ''") == "A001,A002");
  CHECK(text(t, "SELECT phone = '' FROM cases WHERE id = 1") == "1");
  CHECK(text(t, "SELECT substr(phone, 1, 4) FROM cases WHERE id = 2") == "sb1:");  // still open: kept
  CHECK(text(t, "SELECT count(*) FROM evaluations WHERE phone_masked = '138****5678'") == "3");
  CHECK(text(t, "SELECT to_value || '|' || who || '|' || note FROM audit WHERE what = 'phone.purge'") ==
        "2|system|cases.phone_purge_days = 90: 1 of closed cases, 1 of ratings without a case");
  CHECK(ask_admin(t, {{"type", "status"}})["phones"]["purged"] == 2);
  auto gone = ask_admin(t, {{"type", "case.phone"}, {"case", 1}});
  CHECK(gone["code"] == "not_found");
  CHECK_THAT(gone["message"].get<std::string>(), Catch::Contains("purged") && Catch::Contains("138****5678"));
  CHECK(ask_admin(t, {{"type", "case.phone"}, {"case", 2}})["phone"] == kPhone);
  // A second purge finds nothing more: no second audit row.
  auto again = controller::purge_phones(t.c->store(), clock(), 90);
  REQUIRE(again);
  CHECK(again->total() == 0);
  CHECK(text(t, "SELECT count(*) FROM audit WHERE what = 'phone.purge'") == "1");
}

TEST_CASE("migration 9 seals the plain numbers of an older store and leaves none in its bytes") {
  TempDir data;
  auto same_dir = [&](controller::Settings& s) { s.data_dir = data.str("var"); };
  std::string db;
  {
    TestController t(same_dir);
    rate_with_phone(t, {1, 4});
    db = data.str("var") + "/hall.db";
  }
  {
    // Back to a version-8 store: plain numbers, no masked column, no key
    // check, and none of the columns later migrations add.
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    const std::string sql = std::string("UPDATE evaluations SET phone = '") + kPhone + "'; UPDATE cases SET phone = '" +
                            kPhone + "'; ALTER TABLE evaluations DROP COLUMN phone_masked; "
                            "ALTER TABLE cases DROP COLUMN phone_masked; DELETE FROM meta WHERE key = "
                            "'phone_key_check'; ALTER TABLE devices DROP COLUMN set_aside; "
                            "ALTER TABLE devices DROP COLUMN set_aside_at; ALTER TABLE contest_bonuses DROP COLUMN withdrawn_at; "
                            "ALTER TABLE contest_bonuses DROP COLUMN withdrawn_by; "
                            "ALTER TABLE contest_bonuses DROP COLUMN withdraw_reason; ALTER TABLE cases DROP COLUMN owner; "
                            "ALTER TABLE cases DROP COLUMN owner_name; ALTER TABLE cases DROP COLUMN callback_deadline; "
                            "ALTER TABLE cases DROP COLUMN close_note; ALTER TABLE content_standards DROP COLUMN code; "
                            "ALTER TABLE content_standards DROP COLUMN version; "
                            "ALTER TABLE cases DROP COLUMN reported_at; DROP TABLE upstream_case_outbox; "
                            "PRAGMA user_version = 8;";
    char* err = nullptr;
    const int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
    INFO((err ? err : ""));
    REQUIRE(rc == SQLITE_OK);
    sqlite3_close(h);
  }
  REQUIRE_FALSE(number_pieces_in(file_bytes(db) + file_bytes(db + "-wal")).empty());  // the test can fail
  TestController t(same_dir);
  CHECK(t.c->store().schema_version() == controller::migrations().back().version);
  CHECK(text(t, "SELECT count(*) FROM evaluations WHERE substr(phone, 1, 4) = 'sb1:' AND phone_masked = "
                "'138****5678'") == "2");
  CHECK(text(t, "SELECT count(*) FROM cases WHERE substr(phone, 1, 4) = 'sb1:'") == "1");
  const std::string bytes = file_bytes(db), wal = file_bytes(db + "-wal");
  INFO("hall.db " << bytes.size() << " bytes, hall.db-wal " << wal.size() << " bytes");
  CHECK(number_pieces_in(bytes).empty());
  CHECK(number_pieces_in(wal).empty());
  CHECK(ask_admin(t, {{"type", "case.phone"}, {"case", 1}})["phone"] == kPhone);
}

TEST_CASE("a controller whose phone key was replaced refuses to start") {
  TempDir data;
  auto same_dir = [&](controller::Settings& s) { s.data_dir = data.str("var"); };
  { TestController t(same_dir); }
  const std::string path = data.str("var") + "/keys/phone.key";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << key32('z');
  }
  CHECK_THROWS_WITH(TestController(same_dir), Catch::Contains("phone.key") && Catch::Contains("backup"));
}
