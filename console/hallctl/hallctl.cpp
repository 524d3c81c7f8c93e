// hallctl: the hall manager's command line. Talks to the controller's admin
// socket; with no flags it reaches 127.0.0.1 at the default admin port.
#include <cstdio>
#include <charconv>
#include <iostream>
#include <streambuf>

#include "console/hallctl/hallctl.h"
#include "controller/settings.h"
#include "common/base/app.h"
#include "common/base/utf8.h"
#include "common/access/security.h"

namespace hallctl {

bool Context::print_json(const hall::Json& body) const {
  if (!json) return false;
  // JSON escapes C0 controls itself; DEL and the C1 controls are escaped
  // here the JSON way (\u009b), so the terminal filter finds nothing to do
  // and the output stays valid JSON.
  const std::string raw = body.dump(2, ' ', false, hall::Json::error_handler_t::replace);
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    const auto next = i + 1 < raw.size() ? static_cast<unsigned char>(raw[i + 1]) : 0;
    if (c == 0x7F || (c == 0xC2 && next >= 0x80 && next <= 0x9F)) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c == 0x7F ? 0x7F : next);
      out += buf;
      if (c == 0xC2) ++i;
    } else {
      out += raw[i];
    }
  }
  std::cout << out << "\n";
  return true;
}

std::optional<hall::Message> Context::call(std::string_view type, const hall::Json& fields,
                                           std::chrono::milliseconds timeout) const {
  if (!no_keys.empty()) {
    std::fprintf(stderr, "hallctl: %s\n", no_keys.c_str());
    return std::nullopt;
  }
  auto reply = admin.request(type, fields, timeout);
  if (!reply) {
    std::cerr << "hallctl: " << reply.error() << "\n";
    return std::nullopt;
  }
  return std::move(*reply);
}

std::string text(const std::string& s) { return hall::utf8::printable(s); }

std::string text(const hall::Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  return text(it->is_string() ? it->get<std::string>() : it->dump());
}

namespace {
// A streambuf in front of another that escapes control characters other than
// newline and tab: C0, DEL, and the C1 controls (UTF-8 C2 80 .. C2 9F).
class TerminalFilter : public std::streambuf {
 public:
  explicit TerminalFilter(std::streambuf* to) : to_(to) {}

 protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    const auto c = static_cast<unsigned char>(ch);
    if (held_c2_) {
      held_c2_ = false;
      if (c >= 0x80 && c <= 0x9F) return put_escaped(c);
      if (to_->sputc(static_cast<char>(0xC2)) == traits_type::eof()) return traits_type::eof();
    }
    if (c == 0xC2) {
      held_c2_ = true;
      return ch;
    }
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return put_escaped(c);
    return to_->sputc(static_cast<char>(c));
  }
  int sync() override {
    if (held_c2_) {
      held_c2_ = false;
      to_->sputc(static_cast<char>(0xC2));
    }
    return to_->pubsync();
  }

 private:
  int_type put_escaped(unsigned char c) {
    const std::string e = hall::utf8::printable(c < 0x80 ? std::string(1, static_cast<char>(c))
                                                        : std::string{static_cast<char>(0xC2), static_cast<char>(c)});
    return to_->sputn(e.data(), static_cast<std::streamsize>(e.size())) == static_cast<std::streamsize>(e.size())
               ? traits_type::to_int_type(static_cast<char>(c))
               : traits_type::eof();
  }
  std::streambuf* to_;
  bool held_c2_ = false;
};
}  // namespace

void filter_terminal_output() {
  static TerminalFilter out(std::cout.rdbuf());
  static TerminalFilter err(std::cerr.rdbuf());
  std::cout.rdbuf(&out);
  std::cerr.rdbuf(&err);
}

CLI::Validator record_number(const std::string& listed_by) {
  return CLI::Validator(
      [listed_by](std::string& given) -> std::string {
        int64_t n = 0;
        const auto [end, ec] = std::from_chars(given.data(), given.data() + given.size(), n);
        if (ec == std::errc() && end == given.data() + given.size() && n >= 1) return "";
        return "must be a number from 1 up (" + listed_by + " lists them), got '" + text(given) + "'";
      },
      "NUMBER");
}

namespace {
// Terminal cells of one character: two for the wide East Asian ranges (CJK,
// Hangul, full-width forms), one for the rest (★ and ☆ included).
size_t cells_of(char32_t cp) {
  const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}
}  // namespace

std::string pad(const std::string& raw, size_t width) {
  const std::string s = text(raw);
  size_t cells = 0;
  for (char32_t cp : hall::utf8::decode(s)) cells += cells_of(cp);
  return cells >= width ? s + " " : s + std::string(width - cells, ' ');
}

}  // namespace hallctl

int main(int argc, char** argv) {
  hallctl::filter_terminal_output();
  CLI::App app{"Sanliang Hall manager's command line", "hallctl"};
  hall::CommonOptions common;
  hall::add_common_options(app, common, "");
  bool json = false;
  app.add_flag("--json", json, "print machine-readable JSON");
  std::string key_file, server_key_file;
  app.add_option("--key", key_file, "your secret key file (default: <security.key_dir>/admin.key_secret)");
  app.add_option("--server-key", server_key_file,
                 "the controller's public key file (default: <security.key_dir>/controller.key)");
  app.require_subcommand(1);
  app.fallthrough();  // global flags may follow the command: hallctl status --json

  hallctl::Commands commands;
  hallctl::add_status_commands(app, commands);
  hallctl::add_content_commands(app, commands);
  hallctl::add_notice_commands(app, commands);
  hallctl::add_screens_commands(app, commands);
  hallctl::add_evaluation_commands(app, commands);
  hallctl::add_rankings_commands(app, commands);
  hallctl::add_cases_commands(app, commands);
  hallctl::add_reviews_commands(app, commands);
  hallctl::add_report_commands(app, commands);
  hallctl::add_keys_commands(app, commands);
  hallctl::add_backup_commands(app, commands);
  if (auto code = hall::parse_command_line(app, argc, argv)) return *code;

  common.overrides.insert(common.overrides.begin(), "log.level=warn");
  auto config = hall::start_program("hallctl", controller::schema(), common);
  if (!config) {
    std::cerr << "hallctl: " << config.error() << "\n";
    return 2;
  }
  auto settings = controller::settings_from(*config);
  if (!settings) {
    std::fprintf(stderr, "hallctl: %s\n", settings.error().c_str());
    return 2;
  }
  // Keys are read here but a problem with them is only reported by a command
  // that talks to the controller: `hallctl keys generate` needs none.
  std::optional<hall::Curve> curve;
  std::string no_keys;
  if (settings->curve) {
    const std::string dir = settings->key_dir;
    auto keys = hall::client_curve(key_file.empty() ? dir + "/admin.key_secret" : key_file,
                                   server_key_file.empty() ? dir + "/controller.key" : server_key_file);
    if (keys) curve = std::move(*keys);
    else no_keys = keys.error() + "; give your key with --key FILE (and the controller's with --server-key FILE)";
  }
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx, {}, curve);
  const hallctl::Context context{{sockets, settings->admin}, json, no_keys, settings->data_dir, settings->key_dir};
  for (auto& [sub, run] : commands.list)
    if (sub->parsed()) return run(context);
  return 2;
}
