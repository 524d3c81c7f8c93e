# common.sh: shared by scripts/run-hall, scripts/test and scripts/bench.
# Installs the Debian packages the hall needs (only when some are missing)
# and builds the tree into build/. Safe to run again.

HALL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HALL_BUILD="${HALL_BUILD:-$HALL_ROOT/build}"

HALL_PACKAGES=(
  build-essential cmake pkg-config
  libsdl2-dev libimgui-dev libfreetype-dev libstb-dev fonts-wqy-microhei
  libsqlite3-dev libzmq3-dev cppzmq-dev libcurl4-openssl-dev
  nlohmann-json3-dev libtomlplusplus-dev libcli11-dev libspdlog-dev libsodium-dev catch2
  libhowardhinnant-date-dev tzdata
  xvfb xauth python3 python3-zmq python3-pil
  chromium
)

# What scripts/fuzz needs: clang 14 with libFuzzer and the sanitizer runtimes
# (libclang-rt-14-dev), llvm-14's symbolizer for readable stacks, and the
# libraries of the logic (no SDL/ImGui: the fuzz build has no UI). The
# normal build never needs these.
HALL_FUZZ_PACKAGES=(
  build-essential cmake pkg-config
  clang-14 libclang-rt-14-dev llvm-14
  libsqlite3-dev libzmq3-dev cppzmq-dev libcurl4-openssl-dev
  nlohmann-json3-dev libtomlplusplus-dev libcli11-dev libspdlog-dev libsodium-dev
  libhowardhinnant-date-dev tzdata
)

# scripts/test --sanitize: the hall's packages and clang 14 with its
# sanitizer runtimes and symbolizer.
HALL_SANITIZE_PACKAGES=("${HALL_PACKAGES[@]}" clang-14 libclang-rt-14-dev llvm-14)

# cmake arguments of a clang 14 build with the sanitizer flags $1 (-O1, line
# tables for reports), in the array HALL_SANITIZER_ARGS.
hall_sanitizer_args() {
  HALL_SANITIZER_ARGS=(-DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_C_COMPILER=clang-14
                       -DCMAKE_CXX_FLAGS="$1 -fno-omit-frame-pointer" -DCMAKE_C_FLAGS="$1 -fno-omit-frame-pointer"
                       -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only"
                       -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only"
                       -DCMAKE_EXE_LINKER_FLAGS="$1")
}

# The AddressSanitizer + UndefinedBehaviorSanitizer build (build-sanitize/)
# of scripts/test --sanitize, which also holds the libFuzzer targets that
# scripts/fuzz --ci runs: everything carries libFuzzer's coverage
# instrumentation (-fsanitize=fuzzer-no-link), so one build serves both.
HALL_SANITIZE_BUILD="$HALL_ROOT/build-sanitize"
# The panel-size matrices (kiosk layout, signage boards) run one size each
# under the sanitizers, the portrait one: the other sizes run the same code
# with other numbers, and the plain suite checks every size. This keeps CI
# within its time (docs/reliability.md, "Sanitizers").
HALL_SANITIZE_SKIP='(layout fits a|boards fit a) (1920x1080|1280x800|1366x768|1024x768|800x1280) '
hall_asan_args() {
  hall_sanitizer_args "-fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link"
  HALL_SANITIZER_ARGS+=(-DHALL_FUZZ_TARGETS=ON)
}

hall_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs the packages of the list named by $1 (default HALL_PACKAGES).
hall_install_packages() {
  local -n wanted="${1:-HALL_PACKAGES}"
  local missing=() p
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  hall_log "installing ${#missing[@]} Debian package(s): ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
      echo "error: these Debian packages are missing and installing them needs root:" >&2
      echo "  ${missing[*]}" >&2
      echo "run this script as root, install sudo, or have an administrator run: apt-get install ${missing[*]}" >&2
      exit 1
    fi
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Extra arguments go to cmake's configure step (e.g. sanitizer flags);
# HALL_BUILD_TARGETS (e.g. "--target unit_tests") limits what is built.
hall_build() {
  hall_log "building into $HALL_BUILD"
  cmake -S "$HALL_ROOT" -B "$HALL_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  # shellcheck disable=SC2086
  cmake --build "$HALL_BUILD" -j"$(nproc)" ${HALL_BUILD_TARGETS:-}
}
