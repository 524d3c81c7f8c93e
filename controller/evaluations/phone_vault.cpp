#include "controller/evaluations/phone_vault.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "common/base/digest.h"
#include "controller/core/meta.h"
#include "controller/evaluations/phone.h"

namespace controller {

namespace {
constexpr size_t kKeyBytes = crypto_secretbox_KEYBYTES;
static_assert(kKeyBytes == 32);
constexpr const char* kCheckKey = "phone_key_check";
constexpr const char* kCheckText = "sanliang-hall phone key";

hall::Status start_sodium() {
  if (sodium_init() < 0) return hall::fail("libsodium failed to start (sodium_init)");
  return {};
}

hall::Result<std::string> read_key(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return hall::fail("cannot read " + path + ": " + std::strerror(errno));
  if ((st.st_mode & 077) != 0)
    return hall::fail("the phone key " + path + " is readable by group or others; run: chmod 600 " + path);
  if (st.st_size != static_cast<off_t>(kKeyBytes))
    return hall::fail("the phone key " + path + " holds " + std::to_string(st.st_size) + " bytes, not " +
                      std::to_string(kKeyBytes) + "; restore it from the hall's backup (a new key cannot open "
                      "the numbers already stored)");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return hall::fail("cannot open " + path + ": " + std::strerror(errno));
  std::string key(kKeyBytes, '\0');
  const ssize_t n = ::read(fd, key.data(), key.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(kKeyBytes)) return hall::fail("cannot read the 32 bytes of " + path);
  return key;
}

hall::Status make_key(const std::string& dir, const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    std::filesystem::create_directories(dir, ec);
    if (ec) return hall::fail("cannot create the key directory " + dir + ": " + ec.message());
    ::chmod(dir.c_str(), 0700);
  }
  unsigned char key[kKeyBytes];
  crypto_secretbox_keygen(key);
  // O_EXCL: two starts never make two keys; 0600 from the first byte.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return hall::fail("cannot create the phone key " + path + ": " + std::strerror(errno));
  const ssize_t n = ::write(fd, key, sizeof key);
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  sodium_memzero(key, sizeof key);
  if (n != static_cast<ssize_t>(sizeof key) || !synced) {
    ::unlink(path.c_str());
    return hall::fail("cannot write the phone key " + path + "; check the disk and start again");
  }
  ::chmod(path.c_str(), 0600);  // whatever the umask said
  return {};
}
}  // namespace

PhoneVault::~PhoneVault() { sodium_memzero(key_, sizeof key_); }

hall::Result<std::shared_ptr<const PhoneVault>> PhoneVault::open(const std::string& key_dir) {
  if (auto s = start_sodium(); !s) return s.take_error();
  const std::string path = key_dir + "/phone.key";
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    if (auto s = make_key(key_dir, path); !s) return s.take_error();
  auto key = read_key(path);
  if (!key) return key.take_error();
  auto vault = build(*key, path);
  sodium_memzero(key->data(), key->size());
  return vault;
}

hall::Result<std::shared_ptr<const PhoneVault>> PhoneVault::with_key(std::string_view key) {
  if (auto s = start_sodium(); !s) return s.take_error();
  return build(key, "");
}

hall::Result<std::shared_ptr<const PhoneVault>> PhoneVault::build(std::string_view key, const std::string& path) {
  if (key.size() != kKeyBytes) return hall::fail("a phone key is 32 bytes, not " + std::to_string(key.size()));
  std::shared_ptr<PhoneVault> v(new PhoneVault());
  std::memcpy(v->key_, key.data(), kKeyBytes);
  v->key_path_ = path;
  return std::shared_ptr<const PhoneVault>(std::move(v));
}

std::string PhoneVault::seal(std::string_view plain) const {
  if (plain.empty()) return {};
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(out, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                        plain.size(), out, key_);
  return std::string(kSealedPrefix) + hall::base64_encode(box);
}

hall::Result<std::string> PhoneVault::open_sealed(std::string_view stored) const {
  if (stored.empty()) return std::string();
  if (!is_sealed(stored)) return hall::fail("a phone number in the store is not sealed (expected \"sb1:...\")");
  auto box = hall::base64_decode(stored.substr(kSealedPrefix.size()));
  if (!box) return hall::fail("a sealed phone number is damaged: " + box.error());
  if (box->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return hall::fail("a sealed phone number is too short to be one");
  const auto* in = reinterpret_cast<const unsigned char*>(box->data());
  std::string plain(box->size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), in + crypto_secretbox_NONCEBYTES,
                                 box->size() - crypto_secretbox_NONCEBYTES, in, key_) != 0)
    return hall::fail("a sealed phone number does not open with this phone key (another key, or the value was "
                      "changed)");
  return plain;
}

bool same_phone(const PhoneVault& vault, std::string_view stored, std::string_view masked, std::string_view plain) {
  if (stored.empty()) return masked.empty() ? plain.empty() : mask_phone(plain) == masked;
  auto opened = vault.open_sealed(stored);
  const bool same = opened && *opened == plain;
  if (opened) sodium_memzero(opened->data(), opened->size());
  return same;
}

hall::Status erase_deleted_content(hall::Store& store) {
  auto st = store.prepare("PRAGMA secure_delete = ON");
  if (!st) return st.take_error();
  auto row = st->step();
  if (!row) return row.take_error();
  return {};
}

hall::Status rebuild_store(hall::Store& store) {
  auto st = store.prepare("VACUUM");
  if (!st) return st.take_error();
  return st->run();
}

hall::Status truncate_wal(hall::Store& store) {
  auto st = store.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
  if (!st) return st.take_error();
  auto row = st->step();
  if (!row) return row.take_error();
  if (*row && st->column_int(0) != 0)
    return hall::fail("the WAL checkpoint was blocked by another connection to " + store.path());
  return {};
}

hall::Result<int64_t> seal_plain_phones(hall::Store& store, const PhoneVault& vault) {
  const std::string check = meta_get(store, kCheckKey);
  if (!check.empty()) {
    auto opened = vault.open_sealed(check);
    if (!opened || *opened != kCheckText)
      return hall::fail("the phone key " + (vault.key_path().empty() ? std::string("given") : vault.key_path()) +
                        " is not the one this store's phone numbers were sealed with; restore the hall's "
                        "phone.key from its backup (it was replaced or lost)");
  }
  struct Plain {
    int64_t id;
    std::string phone;
  };
  int64_t sealed = 0;
  if (auto s = store.begin(); !s) return s.take_error();
  auto run = [&]() -> hall::Status {
    if (check.empty())
      if (auto s = meta_set(store, kCheckKey, vault.seal(kCheckText)); !s) return s;
    for (const char* table : {"evaluations", "cases"}) {
      std::vector<Plain> plain;
      auto st = store.prepare(std::string("SELECT id, phone FROM ") + table +
                              " WHERE phone <> '' AND substr(phone, 1, 4) <> 'sb1:'");
      if (!st) return hall::fail(st.error());
      while (true) {
        auto row = st->step();
        if (!row) return hall::fail(row.error());
        if (!*row) break;
        plain.push_back({st->column_int(0), st->column_text(1)});
      }
      auto up = store.prepare(std::string("UPDATE ") + table + " SET phone = ?1, phone_masked = ?2 WHERE id = ?3");
      if (!up) return hall::fail(up.error());
      for (auto& p : plain) {
        up->bind(1, vault.seal(p.phone)).bind(2, mask_phone(p.phone)).bind(3, p.id);
        if (auto s = up->run(); !s) return s;
        sodium_memzero(p.phone.data(), p.phone.size());
        ++sealed;
      }
    }
    return {};
  };
  if (auto s = run(); !s) {
    (void)store.rollback();
    return hall::fail("cannot seal the stored phone numbers: " + s.error());
  }
  if (auto s = store.commit(); !s) return s.take_error();
  return sealed;
}

}  // namespace controller
