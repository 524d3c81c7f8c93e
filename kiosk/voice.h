// voice.h: spoken prompts on the kiosk (kiosk.voice, off by default). Runs
// `<kiosk.voice_command> -v cmn|en <text>` (espeak-ng from Debian by
// default; `cmn` is its Mandarin voice) as a child process without waiting:
// a new prompt stops one still speaking. A command that cannot be started is
// logged once with what to do, and prompts go on silently.
// Threading: the UI thread (the caller's loop); children are reaped on each call.
#pragma once

#include <sys/types.h>

#include <string>

#include "kiosk/flow/model.h"

namespace kiosk {

class Voice {
 public:
  explicit Voice(std::string command) : command_(std::move(command)) {}
  ~Voice();
  Voice(const Voice&) = delete;
  Voice& operator=(const Voice&) = delete;

  // Starts speaking `prompt`; false when the command could not be started.
  bool say(const Prompt& prompt);

 private:
  void stop();
  std::string command_;
  pid_t child_ = -1;
  bool warned_ = false;
};

}  // namespace kiosk
