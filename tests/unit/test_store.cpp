// The SQLite store: WAL, migrations, prepared statements, refusal of newer
// databases, and rollback of a failed migration. Real files in temp dirs.
#include <catch2/catch.hpp>

#include "controller/core/schema.h"
#include "common/store/store.h"
#include "process.h"

namespace {
const std::vector<hall::Migration> kV1 = {
    {1, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"},
};
const std::vector<hall::Migration> kV2 = {
    kV1[0],
    {2, "ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT '';"
        "CREATE INDEX notes_author ON notes(author);"},
};
}  // namespace

TEST_CASE("a new store is in WAL mode at the latest schema version") {
  testing::TempDir dir;
  auto store = hall::Store::open(dir.str("a.db"), kV2);
  REQUIRE(store.ok());
  CHECK((*store)->schema_version() == 2);
  auto mode = (*store)->prepare("PRAGMA journal_mode");
  REQUIRE(mode.ok());
  REQUIRE(mode->step().value());
  CHECK(mode->column_text(0) == "wal");
  auto sync = (*store)->prepare("PRAGMA synchronous");
  REQUIRE(sync->step().value());
  CHECK(sync->column_int(0) == 2);  // FULL
}

TEST_CASE("migrations run in order and keep existing rows") {
  testing::TempDir dir;
  const auto path = dir.str("b.db");
  {
    auto store = hall::Store::open(path, kV1);
    REQUIRE(store.ok());
    auto ins = (*store)->prepare("INSERT INTO notes(body) VALUES (?1)");
    REQUIRE(ins->bind(1, std::string_view("保留这一行")).run().ok());
  }
  auto store = hall::Store::open(path, kV2);
  REQUIRE(store.ok());
  CHECK((*store)->schema_version() == 2);
  auto sel = (*store)->prepare("SELECT body, author FROM notes");
  REQUIRE(sel->step().value());
  CHECK(sel->column_text(0) == "保留这一行");
  CHECK(sel->column_text(1) == "");
}

TEST_CASE("a database newer than the program is refused") {
  testing::TempDir dir;
  const auto path = dir.str("c.db");
  REQUIRE(hall::Store::open(path, kV2).ok());
  auto old = hall::Store::open(path, kV1);
  REQUIRE_FALSE(old.ok());
  CHECK_THAT(old.error(), Catch::Contains("newer than this program knows"));
}

TEST_CASE("a failing migration rolls back and leaves the version alone") {
  testing::TempDir dir;
  const auto path = dir.str("d.db");
  REQUIRE(hall::Store::open(path, kV1).ok());
  const std::vector<hall::Migration> broken = {
      kV1[0], {2, "CREATE TABLE extra (x INTEGER); THIS IS NOT SQL;"}};
  auto r = hall::Store::open(path, broken);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Catch::Contains("migration to schema version 2 failed"));
  auto store = hall::Store::open(path, kV1);
  REQUIRE(store.ok());
  CHECK((*store)->schema_version() == 1);
  auto t = (*store)->prepare("SELECT count(*) FROM sqlite_master WHERE name = 'extra'");
  REQUIRE(t->step().value());
  CHECK(t->column_int(0) == 0);
}

TEST_CASE("bound parameters keep SQL metacharacters as data") {
  testing::TempDir dir;
  auto store = hall::Store::open(dir.str("e.db"), kV1);
  REQUIRE(store.ok());
  const std::string evil = "x'); DROP TABLE notes; --";
  auto ins = (*store)->prepare("INSERT INTO notes(body) VALUES (?1)");
  REQUIRE(ins->bind(1, evil).run().ok());
  auto sel = (*store)->prepare("SELECT body FROM notes");
  REQUIRE(sel->step().value());
  CHECK(sel->column_text(0) == evil);
}

TEST_CASE("an unwritable location gives an actionable error") {
  auto r = hall::Store::open("/nonexistent-dir/x.db", kV1);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error(), Catch::Contains("data directory"));
}

TEST_CASE("the controller schema migrates from empty") {
  testing::TempDir dir;
  auto store = hall::Store::open(dir.str("hall.db"), controller::migrations());
  REQUIRE(store.ok());
  CHECK((*store)->schema_version() == controller::migrations().back().version);
}

#include <fstream>

#include "common/store/store_file.h"

TEST_CASE("a backup is the store at one moment, made while a writer holds a transaction open") {
  testing::TempDir dir;
  auto store = hall::Store::open(dir.str("live.db"), kV1);
  REQUIRE(store.ok());
  auto ins = (*store)->prepare("INSERT INTO notes(body) VALUES (?1)");
  REQUIRE(ins.ok());
  for (int i = 0; i < 100; ++i) REQUIRE(ins->bind(1, std::string("committed")).run().ok());
  REQUIRE((*store)->begin().ok());
  for (int i = 0; i < 50; ++i) REQUIRE(ins->bind(1, std::string("not yet")).run().ok());
  auto bytes = hall::backup_store_file(dir.str("live.db"), dir.str("copy.db"));
  REQUIRE(bytes.ok());
  CHECK(*bytes > 0);
  REQUIRE((*store)->commit().ok());
  auto copy = hall::Store::open(dir.str("copy.db"), kV1);
  REQUIRE(copy.ok());
  auto n = (*copy)->prepare("SELECT count(*), sum(body = 'not yet') FROM notes");
  REQUIRE(n->step().value());
  CHECK(n->column_int(0) == 100);
  CHECK(n->column_int(1) == 0);
  // An existing file is never overwritten.
  auto again = hall::backup_store_file(dir.str("live.db"), dir.str("copy.db"));
  REQUIRE_FALSE(again.ok());
  CHECK_THAT(again.error(), Catch::Contains("already exists"));
}

TEST_CASE("the store checks find overwritten pages and files that are no database") {
  testing::TempDir dir;
  const auto path = dir.str("c.db");
  {
    auto store = hall::Store::open(path, kV2);
    REQUIRE(store.ok());
    REQUIRE((*store)->begin().ok());
    auto ins = (*store)->prepare("INSERT INTO notes(body, author) VALUES (?1, ?2)");
    for (int i = 0; i < 3000; ++i)
      REQUIRE(ins->bind(1, std::string(100, 'a' + i % 26)).bind(2, std::to_string(i)).run().ok());
    REQUIRE((*store)->commit().ok());
  }
  for (auto depth : {hall::CheckDepth::Quick, hall::CheckDepth::Full}) {
    auto ok = hall::check_store_file(path, depth);
    REQUIRE(ok.ok());
    CHECK(ok->empty());
  }
  {
    std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(20 * 4096);
    f.write(std::string(4096, '\x5a').data(), 4096);
  }
  for (auto depth : {hall::CheckDepth::Quick, hall::CheckDepth::Full}) {
    auto bad = hall::check_store_file(path, depth);
    REQUIRE(bad.ok());
    CHECK_FALSE(bad->empty());
  }
  { std::ofstream(dir.str("junk.db"), std::ios::binary) << std::string(8192, 'j'); }
  auto junk = hall::check_store_file(dir.str("junk.db"), hall::CheckDepth::Quick);
  REQUIRE(junk.ok());
  REQUIRE(junk->size() == 1);
  CHECK_THAT(junk->front(), Catch::Contains("not a database"));
}
