// hall-console: the manager's desk app. It is built in a later issue; until
// then this binary only says so and points to hallctl.
#include <cstdio>

int main() {
  std::fprintf(stderr,
               "hall-console is not available yet; use hallctl (hallctl --help) to manage the hall\n");
  return 1;
}
