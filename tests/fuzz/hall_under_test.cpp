#include "hall_under_test.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "controller/content/content_files.h"
#include "controller/queue/tickets.h"
#include "controller/services.h"
#include "common/base/log.h"
#include "common/time/clock.h"
#include "ports.h"
#include "seed_ticket.h"

namespace hall_fuzz {

namespace fs = std::filesystem;
using controller::Channel;

namespace {

void must(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("fuzz harness: " + what);
}

struct Hall {
  fs::path dir;
  zmq::context_t ctx;
  hall::SocketFactory sockets{ctx};
  std::unique_ptr<controller::Controller> c;

  Hall() {
    (void)hall::log::init("fuzz", "off");
    const fs::path tmp = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    dir = tmp / ("hall-fuzz-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (int attempt = 0;; ++attempt) {
      const int base = testing::free_ports(5);
      controller::Settings s;
      s.hall_name = "模糊测试中心";
      s.data_dir = (dir / "var").string();
      s.key_dir = (dir / "var" / "keys").string();
      s.chp = {"127.0.0.1", base};
      s.device = {"127.0.0.1", base + 3};
      s.admin = {"127.0.0.1", base + 4};
      s.evaluation.min_interval_ms = 0;
      s.curve = false;
      controller::Options o;
      o.settings = s;
      o.sockets = &sockets;
      auto started = controller::start(std::move(o));
      if (started) {
        c = std::move(*started);
        break;
      }
      must(attempt < 5, "cannot start the controller: " + started.error());
    }
    seed();
  }
  ~Hall() {
    c.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  // The sample hall's content and a few tickets (waiting, served, no-show).
  void seed() {
    auto bundle = controller::content::read_content_dir(fs::path(HALL_SOURCE_DIR) / "config" / "sample-hall");
    must(bundle.ok(), "cannot read the sample hall");
    hall::Json fields = *bundle;
    fields["id"] = 1;
    auto reply = ask_frame(Channel::Admin, hall::encode_message("content.import", fields));
    must(reply && reply->find("\"content.imported\"") != std::string::npos,
         "cannot import the sample hall: " + reply.value_or("(no reply)"));
    controller::TicketBook book(c->store());
    const int64_t now = hall::epoch_ms(std::chrono::system_clock::now());
    int n = 0;
    for (const char* state : {"finished", "finished", "called", "waiting", "no_show"}) {
      const std::string number = "A" + std::to_string(100 + n++);
      must(testing::seed_ticket(book, number, state, now - 30 * 60000, now - 5 * 60000).ok(),
           "cannot seed ticket " + number);
    }
  }

  std::optional<std::string> ask_frame(Channel channel, std::string_view frame) {
    const size_t limit = channel == Channel::Admin ? hall::kMaxAdminMessageBytes : hall::kMaxMessageBytes;
    std::optional<std::string> reply;
    const controller::Peer who = controller::Peer::unsecured();
    const std::string peer = "fuzz";
    if (auto msg = hall::decode_message(frame, limit); !msg) reply = hall::encode_refusal(frame, msg.error(), limit);
    else reply = c->dispatch({*msg, peer, channel, who});
    c->poll_once(std::chrono::milliseconds(0));
    return reply;
  }
};

Hall& the_hall() {
  static Hall hall;
  return hall;
}

}  // namespace

controller::Controller& hall_under_test() { return *the_hall().c; }

std::optional<std::string> ask(Channel channel, std::string_view frame) { return the_hall().ask_frame(channel, frame); }

}  // namespace hall_fuzz
