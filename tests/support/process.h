// process.h: test support for multi-process tests. Starts the real programs
// from the build's bin/ with their stderr captured to a file, waits for log
// lines, signals and reaps them; hands out temp dirs and free loopback ports.
// Threading: the test's thread.
#pragma once

#include "ports.h"  // free_ports, for the tests that use process.h

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace testing {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const fs::path& path() const { return path_; }
  std::string str(const std::string& child = "") const;

 private:
  fs::path path_;
};


class Process {
 public:
  // Starts build/bin/<program> (or an absolute path) with `args`; stdout+stderr go to `log_file`.
  // One of our programs gets `--set security.mode=none` unless `args` set a
  // security.* key: only the trust tests use keys (harness.h, Hall::secure).
  Process(const std::string& program, const std::vector<std::string>& args, const fs::path& log_file);
  ~Process();  // SIGKILL if still running
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // Waits until the log contains `text`; false on timeout or exit.
  bool wait_for_log(const std::string& text, std::chrono::milliseconds timeout = 10s) const;
  std::string log() const;
  void signal(int sig);
  // Waits for exit; returns the exit code, or -1 on timeout, 128+n if signalled.
  int wait(std::chrono::milliseconds timeout = 10s);
  bool running();
  int pid() const { return pid_; }

 private:
  int pid_ = -1;
  int status_ = -1;
  fs::path log_file_;
};

// Runs a program to completion; returns exit code and captured output.
struct RunResult {
  int code;
  std::string output;
};
RunResult run(const std::string& program, const std::vector<std::string>& args,
              std::chrono::milliseconds timeout = 30s);

}  // namespace testing
