// fuzz_chp: the CHP frames (common/chp/chp.h) and the CHP values screens and
// kiosks read from them (common/vocab/*_keys.h, signage/screen/content.h).
// Input: frames, each a 2-byte little-endian length and that many bytes (at
// most 8 frames; tests/fuzz/make_seeds.py writes them).
// Rules: nothing throws; what decodes encodes back to the same frames;
// properties survive a round trip once normalised.
#include "fuzz.h"

#include "common/chp/chp.h"
#include "common/vocab/content_keys.h"
#include "common/vocab/hall_keys.h"
#include "common/vocab/notice_keys.h"
#include "common/vocab/queue_keys.h"
#include "common/vocab/rankings_keys.h"
#include "signage/screen/content.h"

namespace hall_fuzz {

namespace {
hall::chp::Frames split_frames(std::string_view in) {
  hall::chp::Frames out;
  while (in.size() >= 2 && out.size() < 8) {
    const size_t n = static_cast<uint8_t>(in[0]) | (static_cast<size_t>(static_cast<uint8_t>(in[1])) << 8);
    in.remove_prefix(2);
    const size_t take = std::min(n, in.size());
    out.emplace_back(in.substr(0, take));
    in.remove_prefix(take);
  }
  return out;
}

template <class T>
void read_value(const std::string& value, const std::string& key) {
  (void)hall::wire::parse_value<T>(value, key);
}
}  // namespace

int chp(const uint8_t* data, size_t size) {
  namespace c = hall::chp;
  const c::Frames frames = split_frames(as_text(data, size));
  if (auto sub = c::decode_icanhaz(frames); sub) {
    FUZZ_CHECK(c::valid_subtree(*sub), "decode_icanhaz passed a bad subtree");
    FUZZ_CHECK(c::encode_icanhaz(*sub) == frames, "ICANHAZ does not encode back to its frames");
  }
  auto kv = c::decode_kv(frames);
  if (!kv) return 0;
  FUZZ_CHECK(c::encode_kv(*kv) == frames, "a CHP command does not encode back to its frames");
  FUZZ_CHECK(c::decode_sequence(c::encode_sequence(kv->sequence)) == kv->sequence, "sequence round trip");
  const auto props = c::decode_properties(kv->properties);
  FUZZ_CHECK(c::decode_properties(c::encode_properties(props)) == props, "properties round trip");

  namespace w = hall::wire;
  const std::string& v = kv->value;
  const std::string& k = kv->key;
  read_value<w::HallInfo>(v, k);
  read_value<w::HallClock>(v, k);
  read_value<w::HallEpoch>(v, k);
  read_value<w::Department>(v, k);
  read_value<w::Window>(v, k);
  read_value<w::Staff>(v, k);
  read_value<w::Standard>(v, k);
  read_value<w::Pledge>(v, k);
  read_value<w::Playlist>(v, k);
  read_value<w::Ticker>(v, k);
  read_value<w::UrgentNotice>(v, k);
  read_value<w::QueueCalls>(v, k);
  read_value<w::QueueLetters>(v, k);
  read_value<w::RankingsStars>(v, k);
  // What a screen of group "main" makes of a snapshot holding this key
  // beside a known-good hall info.
  std::map<std::string, std::string> snapshot{{k, v}};
  snapshot.emplace(w::HallInfo::kKey, R"({"name":"测试中心","name_en":"Test","logo":""})");
  (void)signage::parse_content(snapshot, "main");
  return 0;
}

}  // namespace hall_fuzz

HALL_FUZZ_ENTRY(hall_fuzz::chp)
