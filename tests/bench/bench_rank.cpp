// bench_rank: the rankings' running sums (controller/scoring_tally.h).
//   rank_recompute_1m / _10m   full recompute from in-memory rows (month,
//                              quarter and year; windows, staff and hall)
//   rank_recompute_sqlite_10m  the same, reading the rows from SQLite first
//   rank_incremental           one add_rating on a warm tally
// Baselines, measured in the same run on the same rows in a temp SQLite file:
//   recompute:   SELECT month, win, count(*), sum(score), sum(score>=4)
//                FROM evals GROUP BY month, window   (month precomputed; less
//                work than the tally does)
//   incremental: re-aggregating the rated window's month with an index
//                (what you would do per evaluation without running sums)
// Rows are a pure function of their index, generated identically in C++ and
// in SQL (recursive CTE), and the totals are cross-checked.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "controller/rankings/scoring_tally.h"

using namespace controller;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int64_t kFirstDay = 20454;  // 2026-01-01

// The generator, mirrored in kGenerateSql.
RatingRow row(int64_t i) {
  const int64_t h = (i * 2654435761LL) % 4294967296LL;
  const int32_t window = static_cast<int32_t>((h / 365) % 40);
  return {static_cast<int32_t>(kFirstDay + h % 365), window, static_cast<int32_t>(window * 3 + (h / 14600) % 3),
          static_cast<int8_t>(1 + (h / 43800) % 5)};
}

const char* kGenerateSql = R"sql(
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1),
  g(h) AS (SELECT (i * 2654435761) % 4294967296 FROM n)
  INSERT INTO evals(day, month, win, staff, score)
  SELECT 20454 + h % 365, %MONTH%, (h / 365) % 40, ((h / 365) % 40) * 3 + (h / 14600) % 3, 1 + (h / 43800) % 5 FROM g;
)sql";

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "bench_rank: SQL failed: %s\n", err ? err : "?");
    std::exit(1);
  }
}

sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "bench_rank: prepare failed: %s\n", sqlite3_errmsg(db));
    std::exit(1);
  }
  return st;
}

// Builds the raw-row table of `n` evaluations; month = year*100 + month.
sqlite3* make_db(const std::string& path, int64_t n) {
  std::filesystem::remove(path);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
  exec(db, "CREATE TABLE evals(day INTEGER, month INTEGER, win INTEGER, staff INTEGER, score INTEGER);");
  // Precompute the month (2026 only) so the baseline GROUP BY does not pay for dates.
  std::string month = "CASE";
  for (int m = 1; m <= 12; ++m) {
    const int64_t end = hall::days_from_civil(hall::last_day({hall::PeriodKind::Month, 2026, m}));
    month += " WHEN 20454 + h % 365 <= " + std::to_string(end) + " THEN " + std::to_string(202600 + m);
  }
  month += " END";
  std::string sql = kGenerateSql;
  sql.replace(sql.find("%MONTH%"), 7, month);
  exec(db, "BEGIN;");
  sqlite3_stmt* gen = prepare(db, sql.c_str());
  sqlite3_bind_int64(gen, 1, n);
  if (sqlite3_step(gen) != SQLITE_DONE) std::exit(1);
  sqlite3_finalize(gen);
  exec(db, "COMMIT;");
  return db;
}

struct Baseline {
  double seconds = 0;
  int64_t total = 0;
};

Baseline group_by(sqlite3* db) {
  const auto t = Clock::now();
  sqlite3_stmt* st =
      prepare(db, "SELECT month, win, count(*), sum(score), sum(score >= 4) FROM evals GROUP BY month, win");
  Baseline b;
  while (sqlite3_step(st) == SQLITE_ROW) b.total += sqlite3_column_int64(st, 2);
  sqlite3_finalize(st);
  b.seconds = seconds_since(t);
  return b;
}

double recompute_seconds(const std::vector<RatingRow>& rows, Tally& tally) {
  const auto t = Clock::now();
  tally.recompute(rows);
  return seconds_since(t);
}

int64_t year_total(const Tally& t) { return t.find({hall::PeriodKind::Year, 2026, 0})->hall.count(); }

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "bench_rank: cross-check failed: %s\n", what);
    std::exit(1);
  }
}

void bench_recompute(const char* name, int64_t n, const std::string& dir, bool sqlite_variant) {
  std::vector<RatingRow> rows;
  rows.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) rows.push_back(row(i));
  Tally tally;
  double best = 1e9;
  for (int rep = 0; rep < 3; ++rep) best = std::min(best, recompute_seconds(rows, tally));
  check(year_total(tally) == n, "tally total");

  const std::string path = dir + "/bench_rank.db";
  const auto build = Clock::now();
  sqlite3* db = make_db(path, n);
  const double build_s = seconds_since(build);
  const Baseline base = group_by(db);
  check(base.total == n, "GROUP BY total");
  std::printf("BENCH %s evals=%lld s=%.3f baseline_s=%.3f ratio=%.1f (sqlite table built in %.1f s)\n", name,
              static_cast<long long>(n), best, base.seconds, base.seconds / best, build_s);
  std::fflush(stdout);

  if (sqlite_variant) {
    const auto t = Clock::now();
    sqlite3_stmt* st = prepare(db, "SELECT day, win, staff, score FROM evals");
    Tally from_db;
    while (sqlite3_step(st) == SQLITE_ROW)
      from_db.add_rating({static_cast<int32_t>(sqlite3_column_int(st, 0)), sqlite3_column_int(st, 1),
                          sqlite3_column_int(st, 2), static_cast<int8_t>(sqlite3_column_int(st, 3))});
    sqlite3_finalize(st);
    const double s = seconds_since(t);
    check(from_db == tally, "SQLite-read tally equals the in-memory tally");
    std::printf("BENCH rank_recompute_sqlite_10m evals=%lld s=%.3f baseline_s=%.3f ratio=%.1f\n",
                static_cast<long long>(n), s, base.seconds, base.seconds / s);
    std::fflush(stdout);
  }
  sqlite3_close(db);
  std::filesystem::remove(path);
}

void bench_incremental(const std::string& dir) {
  constexpr int64_t kRows = 1000000, kOps = 2000000, kBaselineOps = 2000;
  std::vector<RatingRow> rows;
  for (int64_t i = 0; i < kRows; ++i) rows.push_back(row(i));
  Tally tally;
  tally.recompute(rows);
  const auto t = Clock::now();
  for (int64_t i = 0; i < kOps; ++i) tally.add_rating(row(kRows + i));
  const double ns = seconds_since(t) * 1e9 / static_cast<double>(kOps);
  check(year_total(tally) == kRows + kOps, "incremental total");

  const std::string path = dir + "/bench_rank_inc.db";
  sqlite3* db = make_db(path, kRows);
  exec(db, "CREATE INDEX evals_month_window ON evals(month, win);");
  sqlite3_stmt* st =
      prepare(db, "SELECT count(*), sum(score), sum(score >= 4) FROM evals WHERE month = ?1 AND win = ?2");
  int64_t seen = 0;
  const auto tb = Clock::now();
  for (int64_t i = 0; i < kBaselineOps; ++i) {
    const RatingRow r = row(kRows + i);
    const hall::Date d = hall::civil_from_days(r.day);
    sqlite3_bind_int(st, 1, d.year * 100 + d.month);
    sqlite3_bind_int(st, 2, r.window);
    if (sqlite3_step(st) == SQLITE_ROW) seen += sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
  }
  const double base_ns = seconds_since(tb) * 1e9 / static_cast<double>(kBaselineOps);
  sqlite3_finalize(st);
  sqlite3_close(db);
  std::filesystem::remove(path);
  check(seen > 0, "baseline saw rows");
  std::printf("BENCH rank_incremental ops=%lld ns=%.1f baseline_ns=%.0f ratio=%.0f\n", static_cast<long long>(kOps), ns,
              base_ns, base_ns / ns);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : std::filesystem::temp_directory_path().string();
  bench_incremental(dir);
  bench_recompute("rank_recompute_1m", 1000000, dir, false);
  bench_recompute("rank_recompute_10m", 10000000, dir, true);
  return 0;
}
