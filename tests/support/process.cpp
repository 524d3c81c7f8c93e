#include <algorithm>
#include "process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace testing {

TempDir::TempDir() {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("hall-test-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
  fs::create_directories(path_);
}
TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}
std::string TempDir::str(const std::string& child) const {
  return child.empty() ? path_.string() : (path_ / child).string();
}

Process::Process(const std::string& program, const std::vector<std::string>& args,
                 const fs::path& log_file)
    : log_file_(log_file) {
  // A bare name is one of our programs in the build's bin/; an absolute path
  // (e.g. /usr/bin/python3 for foreign-client tests) is used as given.
  const std::string path = program.front() == '/' ? program : std::string(HALL_BIN_DIR) + "/" + program;
  std::vector<std::string> all{path};
  all.insert(all.end(), args.begin(), args.end());
  // Tests of the other features run our programs without keys unless they
  // set security.* themselves (the trust tests, harness.h's secure Hall).
  const bool ours = program.front() != '/' && program != "queue-sim";
  const bool sets_security = std::any_of(args.begin(), args.end(), [](const std::string& a) {
    return a.rfind("security.", 0) == 0;
  });
  if (ours && !sets_security) all.insert(all.end(), {"--set", "security.mode=none"});
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  if (posix_spawn(&pid_, path.c_str(), &fa, nullptr, argv.data(), environ) != 0)
    throw std::runtime_error("cannot start " + path);
  posix_spawn_file_actions_destroy(&fa);
}

Process::~Process() {
  if (running()) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status_, 0);
  }
}

std::string Process::log() const {
  std::ifstream in(log_file_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool Process::wait_for_log(const std::string& text, std::chrono::milliseconds timeout) const {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (log().find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(20ms);
  }
  return log().find(text) != std::string::npos;
}

void Process::signal(int sig) {
  if (running()) kill(pid_, sig);
}

bool Process::running() {
  if (pid_ <= 0 || status_ != -1) return false;
  int st = 0;
  const int r = waitpid(pid_, &st, WNOHANG);
  if (r == pid_) {
    status_ = st;
    return false;
  }
  return r == 0;
}

int Process::wait(std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (running()) {
    if (std::chrono::steady_clock::now() >= end) return -1;
    std::this_thread::sleep_for(10ms);
  }
  if (WIFEXITED(status_)) return WEXITSTATUS(status_);
  if (WIFSIGNALED(status_)) return 128 + WTERMSIG(status_);
  return -1;
}

RunResult run(const std::string& program, const std::vector<std::string>& args,
              std::chrono::milliseconds timeout) {
  TempDir dir;
  Process p(program, args, dir.path() / "out.log");
  const int code = p.wait(timeout);
  return {code, p.log()};
}

}  // namespace testing
