// The month report rendered by a real headless Debian chromium to a PNG: the
// page is drawn (not blank, several colours) and the HTML has the expected
// table rows. Needs the `chromium` package (scripts/common.sh installs it).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "controller/report/report.h"
#include "png_check.h"
#include "process.h"
#include "report_sample.h"

extern char** environ;

namespace {

// Runs chromium in its own process group and kills the whole group on timeout.
int run_chromium(const std::vector<std::string>& args, const std::string& log, std::chrono::seconds timeout) {
  std::vector<std::string> all{"/usr/bin/chromium"};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, all[0].c_str(), &fa, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return -2;
  const auto end = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > end) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(-pid, SIGKILL);  // leftover helper processes of this run's group
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("the month report renders in headless chromium with its tables") {
  if (!std::filesystem::exists("/usr/bin/chromium"))
    FAIL("chromium is not installed; run scripts/test (it installs HALL_PACKAGES) or apt-get install chromium");
  testing::TempDir dir;
  const controller::MonthReport report = testing::sample_report();
  auto files = controller::write_month_report(report, dir.str("report"));
  REQUIRE(files.ok());
  std::ifstream in(files->html);
  std::stringstream html;
  html << in.rdbuf();
  for (const auto& w : report.windows)
    CHECK(html.str().find("<td>" + w.code + "</td><td>" + w.name + "</td>") != std::string::npos);
  CHECK(html.str().find("<td>S001</td><td>张三</td>") != std::string::npos);

  const std::string png = dir.str("report.png");
  const std::string out_png = std::getenv("HALL_REPORT_PNG") ? std::getenv("HALL_REPORT_PNG") : png;
  const int code = run_chromium({"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                 "--hide-scrollbars", "--user-data-dir=" + dir.str("profile"),
                                 "--screenshot=" + out_png, "--window-size=1240,1754", "file://" + files->html},
                                dir.str("chromium.log"), std::chrono::seconds(60));
  std::ifstream log_in(dir.str("chromium.log"));
  std::stringstream log;
  log << log_in.rdbuf();
  INFO("chromium log: " << log.str());
  REQUIRE(code == 0);
  const auto stats = testing::png_stats(out_png);
  REQUIRE(stats.loaded);
  CHECK(stats.width == 1240);
  CHECK(stats.height == 1754);
  CHECK(stats.distinct_colors > 20);     // bars, heat map, red headings
  CHECK(stats.non_background > 0.03);    // far from a blank page
}
