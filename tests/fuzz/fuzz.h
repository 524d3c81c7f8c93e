// fuzz.h: one fuzz target, two runners. Each target in tests/fuzz/ is a
// function `int name(const uint8_t* data, size_t size)`:
//   - the fuzz build (cmake -DHALL_FUZZ=ON, scripts/fuzz) compiles it with
//     HALL_FUZZ_MAIN, and HALL_FUZZ_ENTRY makes it LLVMFuzzerTestOneInput;
//   - the normal build links every target into fuzz_replay (replay.cpp), which
//     feeds it each file of tests/fuzz/regressions/<target>/ and
//     tests/fuzz/corpus/<target>/, so a fix that regresses fails the suite.
// A target returns 0 and stops the process (FUZZ_CHECK) on a broken rule.
// Threading: libFuzzer calls a target from one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

// A rule the code under test must keep whatever the input: print and abort,
// which libFuzzer reports as a crash and saves the input.
#define FUZZ_CHECK(cond, what)                                                          \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n", __FILE__, __LINE__, what); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)

#ifdef HALL_FUZZ_MAIN
#define HALL_FUZZ_ENTRY(fn) \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { return fn(data, size); }
#else
#define HALL_FUZZ_ENTRY(fn)
#endif

namespace hall_fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The targets, for replay.cpp.
int codec(const uint8_t* data, size_t size);
int chp(const uint8_t* data, size_t size);
int device(const uint8_t* data, size_t size);
int admin(const uint8_t* data, size_t size);
int config(const uint8_t* data, size_t size);
int content(const uint8_t* data, size_t size);
int queue_feed(const uint8_t* data, size_t size);

}  // namespace hall_fuzz
