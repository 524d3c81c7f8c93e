// drill.h: what a drill (tests tagged [drill]) needs to run in two sizes.
// In the suite a drill runs in its short form; `scripts/drill NAME` sets
// HALL_DRILL_LONG=1 and the same test case runs the full drill of issue 12
// (e.g. ten kills instead of one, five minutes down instead of ten seconds).
// Each drill prints one figures line, the source of docs/reliability.md:
//   DRILL <name> tried=<what and how often> lost=<n> <key>=<value> ...
// Threading: the test's thread.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace testing {

inline bool drill_long() {
  const char* v = std::getenv("HALL_DRILL_LONG");
  return v && std::string(v) == "1";
}

// Picks the short or the long size of a drill parameter.
template <typename T>
T drill_size(T short_form, T long_form) { return drill_long() ? long_form : short_form; }

inline double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

inline void drill_report(const std::string& name, const std::string& figures) {
  std::printf("DRILL %s %s%s\n", name.c_str(), drill_long() ? "form=long " : "form=short ", figures.c_str());
  std::fflush(stdout);
}

}  // namespace testing
