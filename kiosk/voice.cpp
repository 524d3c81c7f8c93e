#include "kiosk/voice.h"

#include <signal.h>
#include <string.h>
#include <spawn.h>
#include <sys/wait.h>

#include <vector>

#include "common/base/log.h"

extern char** environ;

namespace kiosk {

Voice::~Voice() { stop(); }

void Voice::stop() {
  if (child_ <= 0) return;
  if (waitpid(child_, nullptr, WNOHANG) == 0) {  // still speaking
    kill(child_, SIGTERM);
    waitpid(child_, nullptr, 0);
  }
  child_ = -1;
}

bool Voice::say(const Prompt& prompt) {
  stop();
  std::string voice = prompt.lang == Lang::Zh ? "cmn" : "en";
  std::vector<char*> argv = {command_.data(), const_cast<char*>("-v"), voice.data(),
                             const_cast<char*>(prompt.text.c_str()), nullptr};
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, command_.c_str(), nullptr, nullptr, argv.data(), environ);
  if (rc != 0) {
    if (!warned_)
      hall::log::warn("voice prompts: cannot run '{}' ({}); install espeak-ng (apt-get install espeak-ng), set "
                      "kiosk.voice_command, or set kiosk.voice = false",
                      command_, strerror(rc));
    warned_ = true;
    return false;
  }
  child_ = pid;
  hall::log::debug("voice prompt: {}", prompt.text);
  return true;
}

}  // namespace kiosk
