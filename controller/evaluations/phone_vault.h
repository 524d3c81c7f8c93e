// phone_vault.h: citizens' callback numbers at rest (issue 11, Privacy). A
// number is stored sealed with libsodium's crypto_secretbox_easy under the
// hall's phone key: "sb1:" + base64(nonce || ciphertext), a fresh random
// nonce per value, beside its masked form (138****5678) for lists and
// reports. Only three places open a sealed number: the case.phone reveal for
// a manager (audited), upstream with upstream.mask_phone = false, and the
// duplicate check of a resent rating. See docs/evaluations.md.
//
// The key is 32 random bytes in <key_dir>/phone.key, made mode 0600 on the
// first start; a key file of another size or readable by group or others is
// refused. The store keeps a sealed check value (meta phone_key_check), so a
// replaced or lost key file is refused at start instead of making every
// stored number unreadable.
// Threading: a PhoneVault is immutable after open(); seal and open from any
// thread (the evaluation committer seals on its own).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/base/result.h"
#include "common/store/store.h"

namespace controller {

inline constexpr std::string_view kSealedPrefix = "sb1:";

class PhoneVault {
 public:
  // Reads <key_dir>/phone.key, making it (and key_dir, mode 0700) when
  // neither it nor any sealed number exists yet.
  static hall::Result<std::shared_ptr<const PhoneVault>> open(const std::string& key_dir);
  // A vault with the given 32-byte key (tests).
  static hall::Result<std::shared_ptr<const PhoneVault>> with_key(std::string_view key);
  ~PhoneVault();

  // "" stays "" (no number given); anything else is sealed afresh.
  std::string seal(std::string_view plain) const;
  // The number in a sealed value ("" for ""). Fails on a value not sealed,
  // or sealed under another key.
  hall::Result<std::string> open_sealed(std::string_view stored) const;
  static bool is_sealed(std::string_view stored) { return stored.substr(0, kSealedPrefix.size()) == kSealedPrefix; }

  const std::string& key_path() const { return key_path_; }

 private:
  PhoneVault() = default;
  static hall::Result<std::shared_ptr<const PhoneVault>> build(std::string_view key, const std::string& path);
  unsigned char key_[32] = {};
  std::string key_path_;
};

// Whether a stored number (sealed, and its masked form) is `plain`: opened
// and compared; a purged one ('' beside a masked form) by its masked form.
bool same_phone(const PhoneVault& vault, std::string_view stored, std::string_view masked, std::string_view plain);

// Brings the store's numbers under `vault` (the store half of migration 9):
// checks the key against the store's check value (setting it on a new
// store), seals every plain number left in evaluations and cases and fills
// their masked column, in one transaction. Returns how many numbers it
// sealed. With PRAGMA secure_delete on the connection the plain cells are
// zeroed; the caller checkpoints the WAL afterwards.
hall::Result<int64_t> seal_plain_phones(hall::Store& store, const PhoneVault& vault);

// PRAGMA secure_delete = ON on a connection that writes numbers.
hall::Status erase_deleted_content(hall::Store& store);
// VACUUM: the store file rewritten from its live rows, so no free page or
// freed cell keeps what was there before. Only with no other connection open.
hall::Status rebuild_store(hall::Store& store);
// PRAGMA wal_checkpoint(TRUNCATE): every page into the store file and the
// -wal file emptied, so no old page (a plain number) stays in it.
hall::Status truncate_wal(hall::Store& store);

}  // namespace controller
