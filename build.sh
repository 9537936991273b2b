#!/usr/bin/env bash
# threadplay's one entry point. Installs what is missing, skips what is present.
#
#   ./build.sh          build the wasm modules (into www/pkg*), the code editor (www/lib) and the
#                       native binary
#   ./build.sh serve    build, then serve the playground (PORT=8080 by default)
#   ./build.sh test     format, native tests and build (with clippy's lints), browser tests in
#                       Chromium, Firefox and WebKit
#   ./build.sh test-webkit  only the browser tests in WebKit (both ways it runs)
#   ./build.sh dist     build, then copy the static site to dist/
#   ./build.sh bench    build, then measure (target/bench/results.json and a Markdown table)
set -euo pipefail
cd "$(dirname "$0")"

# The wasm build needs nightly (std rebuilt with atomics); everything else uses stable.
WASM_TOOLCHAIN=nightly-2026-05-20
WASM_TARGET=wasm32-unknown-unknown
# Shared memory for the rayon pool; see ../shared/TOOLCHAIN.md for why each flag is needed.
# SIMD (every browser since 2023) moves the interpreter's 32-byte values in one go: its calls
# ran 7-10% faster.
SIMD_RUSTFLAGS="-C target-feature=+simd128"
WASM_RUSTFLAGS="$SIMD_RUSTFLAGS -C target-feature=+atomics,+bulk-memory \
-C link-arg=--shared-memory -C link-arg=--max-memory=1073741824 -C link-arg=--import-memory \
-C link-arg=--export=__wasm_init_tls -C link-arg=--export=__tls_size \
-C link-arg=--export=__tls_align -C link-arg=--export=__tls_base -C link-arg=--export=__heap_base"
WASM_CARGO=(cargo "+$WASM_TOOLCHAIN")
WASM_STD_ARGS=(--lib --target "$WASM_TARGET" -Z build-std=panic_abort,std)
WASM_ARGS=("${WASM_STD_ARGS[@]}" --features threads)
# The page's first module: scenarios only, without the Python interpreter (the default feature).
WITHOUT_PYTHON=(--no-default-features)
# The second build, without shared memory, for isolated workers (the processes model). It has a
# target dir of its own so the two builds do not overwrite each other's output.
ISOLATED_ARGS=(--lib --target "$WASM_TARGET" --target-dir target/isolated)
# Plain ES modules for the page. Function names are a fifth of the module and only name frames
# in a debugger. No wasm-opt: binaryen 132 saved 1.4% more (gzip) but its rewritten code ran
# the interpreter 12-20% slower in Chromium (see README: Benchmark).
BINDGEN_ARGS=(--target web --no-typescript --remove-name-section --remove-producers-section)
BROWSER_TESTS=tests/browser
# The server's own tests use no browser: they run once, with Chromium's.
SERVER_TESTS=(server server-load)
# WebKit as it ships (no SharedArrayBuffer) runs the files whose runs take another path without
# shared memory; the rest (the editor, links, sharing, conformance) check the same engine as
# the run with SharedArrayBuffer, which has them all. This keeps `test` under 20 minutes.
FALLBACK_TESTS=(crash embed flood models page program run)
# The code editor's npm packages and the bundle's entry; the bundle is a build output.
EDITOR=editor
EDITOR_BUNDLE=www/lib/codemirror.js

# Each step says when it began, in seconds since the command started, so a slow CI run shows
# where its time went.
log() { printf '\033[1m==> %s\033[0m (at %d s)\n' "$*" "$SECONDS" >&2; }

# Stops a background job and every process it started: killing a subshell leaves its cargo and
# rustc running.
kill_tree() {
  local children child
  children=$(pgrep -P "$1") || true
  kill "$1" 2> /dev/null || true
  for child in $children; do kill_tree "$child"; done
}

# Waits for `job`, started beside the steps since with its `trap "kill_tree …" EXIT`, prints
# the output it kept in `output`, and ends the run if it failed, saying `what` failed.
await_beside() {
  local job=$1 output=$2 what=$3 status=0
  wait "$job" || status=$?
  trap - EXIT
  cat "$output"
  if ((status != 0)); then
    log "$what failed (its output is above)"
    exit "$status"
  fi
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_toolchain() {
  if ! rustup toolchain list | grep -q "^$WASM_TOOLCHAIN"; then
    log "installing Rust $WASM_TOOLCHAIN for the wasm builds"
    rustup toolchain install "$WASM_TOOLCHAIN" --profile minimal -c rust-src -c clippy -c rustfmt
  fi
  # The build without shared memory uses the target's prebuilt std.
  if ! rustup target list --installed --toolchain "$WASM_TOOLCHAIN" | grep -q "^$WASM_TARGET\$"; then
    rustup target add "$WASM_TARGET" --toolchain "$WASM_TOOLCHAIN"
  fi
}

ensure_wasm_bindgen() {
  # The CLI must match the crate exactly; Cargo.toml pins it with "=".
  local version
  version=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
  if [[ $(wasm-bindgen --version 2>/dev/null) != "wasm-bindgen $version" ]]; then
    log "installing wasm-bindgen-cli $version (about a minute, once)"
    # Not --locked: its lockfile names a crate version the registry may lack. Only the one
    # binary, without the test runner's TLS, and unoptimised: 66 s instead of 171 s here, and
    # each module's bindings then take about 1.5 s instead of 0.4 s, with the same output.
    cargo install wasm-bindgen-cli --version "$version" --debug --no-default-features \
      --bin wasm-bindgen
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null; then
    log "installing Chromium for the browser tests"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  fi
}

ensure_firefox() {
  if ! command -v firefox-esr >/dev/null; then
    log "installing Firefox ESR for the browser tests"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y firefox-esr
  fi
}

ensure_webkit() {
  if ! command -v WebKitWebDriver >/dev/null || ! command -v xvfb-run >/dev/null; then
    log "installing WebKitGTK's WebDriver and Xvfb for the browser tests"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y webkit2gtk-driver xvfb
  fi
}

ensure_npm_packages() {
  local package
  for package in playwright-core puppeteer-core axe-core lighthouse; do
    [[ -d $BROWSER_TESTS/node_modules/$package ]] || break
  done
  if [[ ! -d $BROWSER_TESTS/node_modules/$package ]]; then
    log "installing the browser tests' npm packages"
    npm ci --prefix "$BROWSER_TESTS" --no-audit --no-fund
  fi
}

ensure_editor_packages() {
  if [[ ! -d $EDITOR/node_modules/esbuild || ! -d $EDITOR/node_modules/@codemirror/view ]]; then
    log "installing the code editor's npm packages"
    npm ci --prefix "$EDITOR" --no-audit --no-fund
  fi
}

# CodeMirror and its Python mode as one minified ES module that the page imports: nothing is
# fetched from elsewhere at run time, and the page needs no bundler.
build_editor() {
  ensure_editor_packages
  log "bundling the code editor"
  "$EDITOR/node_modules/.bin/esbuild" "$EDITOR/codemirror.js" --bundle --format=esm --minify \
    --banner:js='/* CodeMirror 6 and Lezer (MIT licence, Marijn Haverbeke and others): see editor/package.json */' \
    --log-level=warning --outfile="$EDITOR_BUNDLE"
  precompress "$EDITOR_BUNDLE"
}

build_wasm() {
  ensure_wasm_toolchain
  ensure_wasm_bindgen
  # The module without shared memory builds beside the threaded ones, in its own target dir,
  # its output kept until it ends: each build ends in a link-time optimisation on one core, and
  # under `test` the native tests leave most of the other core idle (69% of one core in 113 s).
  local isolated_log=target/isolated-build.log
  mkdir -p target
  log "building the wasm module without shared memory (beside the next two), with clippy's lints"
  (
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$SIMD_RUSTFLAGS" \
      linted "${WASM_CARGO[@]}" build "${ISOLATED_ARGS[@]}" --profile wasm-release
    wasm-bindgen "${BINDGEN_ARGS[@]}" --out-dir www/pkg-isolated \
      "target/isolated/$WASM_TARGET/wasm-release/threadplay.wasm"
  ) > "$isolated_log" 2>&1 &
  local isolated=$!
  # A failed build below must not leave it running.
  trap "kill_tree $isolated" EXIT
  # Two threaded modules from one target dir (cargo keeps each feature set's artefacts): the
  # page's first, for scenarios, and the one with the Python interpreter, loaded when a program
  # first needs it (a quarter of the size, so the page is ready sooner).
  log "building the threaded wasm modules, with clippy's lints"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$WASM_RUSTFLAGS" \
    linted "${WASM_CARGO[@]}" build "${WASM_ARGS[@]}" "${WITHOUT_PYTHON[@]}" --profile wasm-release
  wasm-bindgen "${BINDGEN_ARGS[@]}" --out-dir www/pkg "target/$WASM_TARGET/wasm-release/threadplay.wasm"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$WASM_RUSTFLAGS" \
    linted "${WASM_CARGO[@]}" build "${WASM_ARGS[@]}" --profile wasm-release
  wasm-bindgen "${BINDGEN_ARGS[@]}" --out-dir www/pkg-python "target/$WASM_TARGET/wasm-release/threadplay.wasm"
  log "waiting for the wasm module without shared memory"
  await_beside "$isolated" "$isolated_log" "the wasm module without shared memory's build"
  log "the wasm modules are built"
  precompress www/pkg/*.{js,wasm} www/pkg-python/*.{js,wasm} www/pkg-isolated/*.{js,wasm}
}

# Writes file.br and file.gz beside each file: the server sends one of them to a browser that
# accepts it (`Content-Encoding`), as static hosts that look for them do. Brotli at its best
# takes seconds on the module, so a copy that still matches its file is kept.
precompress() {
  node -e '
    const fs = require("fs");
    const zlib = require("zlib");
    for (const file of process.argv.slice(1)) {
      const data = fs.readFileSync(file);
      const brotli = `${file}.br`;
      if (fs.existsSync(brotli) && zlib.brotliDecompressSync(fs.readFileSync(brotli)).equals(data)) continue;
      const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length };
      fs.writeFileSync(brotli, zlib.brotliCompressSync(data, { params }));
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
    }' "$@"
}

build_native() {
  log "building the native binary"
  cargo build --release --bin threadplay
}

# What the page loads: the wasm modules and the editor.
build_site() {
  build_wasm
  build_editor
}

build() {
  build_site
  build_native
}

# Runs cargo with clippy's lints as errors on threadplay's own code, in the same build that
# makes its code: clippy-driver compiles the crate with the lints on, as `cargo clippy` does,
# and generates its code too. A separate `cargo clippy` checked every dependency again for
# each of the three wasm builds (84 s of a fresh run); linting in the build costs a few
# seconds. `CLIPPY_ARGS` is how cargo-clippy itself passes `-D warnings` to the driver, and the
# rustup proxy `clippy-driver` is the toolchain's that `cargo +toolchain` runs.
linted() {
  RUSTC_WORKSPACE_WRAPPER=clippy-driver CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__" \
    "$@"
}

# `cargo clippy --all-targets -- -D warnings` and `cargo test` in one build (see `linted`). The
# same variables for building and running, or cargo would build again.
native_cargo() {
  linted cargo "$@"
}

run_tests() {
  ensure_wasm_toolchain
  ensure_wasm_bindgen
  # The page's build runs beside the native tests' build and run, at the lowest priority: its
  # link-time optimisation ends on one core, as does the tests' build of the crate itself, and
  # the native tests mostly wait (python3's and the programs' sleeps), so each fills the other's
  # idle core; the tests' threads, whose speedups and switch intervals are measured, get a core
  # whenever they want one. The wasm builds use their own profiles' directories, so neither
  # side waits for the other's lock. Its output follows when it ends.
  local site_log=target/site-build.log
  mkdir -p target
  (
    renice -n 19 -p "$BASHPID" > /dev/null
    build_site
  ) > "$site_log" 2>&1 &
  local site=$!
  trap "kill_tree $site" EXIT
  log "checking the format"
  cargo fmt --check
  log "building the native tests, with clippy's lints"
  native_cargo test --no-run
  log "native tests"
  native_cargo test
  log "the native tests passed; waiting for the page's build"
  await_beside "$site" "$site_log" "the page's build"
  write_dist
  # The browser tests' server is the binary `cargo test` just built: serving files needs no
  # optimiser, and the release build would take minutes more (`serve` and `bench` make it).
  export THREADPLAY_SERVER=target/debug/threadplay
  ensure_chromium
  ensure_firefox
  ensure_npm_packages
  browser_tests chromium "headless Chromium" $(test_files)
  browser_tests firefox "headless Firefox ESR" $(test_files "${SERVER_TESTS[@]}")
  ensure_webkit
  webkit_tests
}

run_webkit_tests() {
  dist
  ensure_webkit
  ensure_npm_packages
  webkit_tests
}

# The two WebKit runs side by side, each under an Xvfb of its own, the second's output kept
# until it ends: WebKit bounds no speedup (see tests/browser/machine-load.mjs), and its other
# timing bounds are skipped, and say so, when another process is busy. Side by side they took
# 320 s; one after the other, 380 to 415 s.
webkit_tests() {
  local fallback_log=target/webkit-fallback.log
  browser_tests webkit "WebKitGTK under Xvfb as it ships (no SharedArrayBuffer), the fallback's files, beside the next" \
    $(named_test_files "${FALLBACK_TESTS[@]}") > "$fallback_log" 2>&1 &
  local fallback=$!
  trap "kill_tree $fallback" EXIT
  browser_tests webkit-sab "WebKitGTK under Xvfb with SharedArrayBuffer, as Safari has it" \
    $(test_files "${SERVER_TESTS[@]}")
  await_beside "$fallback" "$fallback_log" "the browser tests in WebKit as it ships"
}

# The browser test files, without the ones named (`server` for server.test.mjs). Their names
# have no spaces, so they pass through $(…) whole.
test_files() {
  local file name
  for file in "$BROWSER_TESTS"/*.test.mjs; do
    name=$(basename "$file" .test.mjs)
    [[ " $* " == *" $name "* ]] || echo "$file"
  done
}

# The browser test files named (`page` for page.test.mjs).
named_test_files() {
  local name
  for name in "$@"; do echo "$BROWSER_TESTS/$name.test.mjs"; done
}

# Browser test files in one browser, against the real server, timed.
browser_tests() {
  local browser=$1 what=$2
  shift 2
  log "browser tests ($what against the real server)"
  local started=$SECONDS
  # A hung file fails after five minutes instead of holding CI until its limit. Node's
  # `--test-timeout` bounds a whole file, not each test: program.test.mjs takes two minutes in
  # WebKit on a busy machine, and a two-minute bound once cut off its last hook.
  THREADPLAY_BROWSER=$browser node --test --test-concurrency=1 --test-timeout=300000 "$@"
  log "browser tests in $what took $((SECONDS - started)) s"
}

bench() {
  build
  ensure_chromium
  ensure_firefox
  ensure_webkit
  ensure_npm_packages
  log "benchmark (headless Chromium against the real server, native, python3; the flood in Firefox and WebKit too)"
  node "$BROWSER_TESTS/bench.mjs"
}

serve() {
  build
  exec target/release/threadplay serve --port "${PORT:-8080}" --dir www
}

dist() {
  build
  write_dist
}

write_dist() {
  log "writing dist/"
  rm -rf dist
  cp -R www dist
  # Only the static build registers the service worker (see www/js/app/deployment.js).
  echo 'export const STATIC_BUILD = true;' > dist/js/app/deployment.js
  local pages
  mapfile -d '' pages < <(find dist -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' \
    -o -name '*.svg' \) ! -path 'dist/pkg*' -print0)
  precompress "${pages[@]}"
  (cd dist && find . -type f ! -name precache.json ! -name _headers ! -name '*.br' ! -name '*.gz' |
    sed 's|^\./||' | sort) |
    node -e 'const files = require("fs").readFileSync(0, "utf8").trim().split("\n");
      process.stdout.write(JSON.stringify(files.map((file) => file === "index.html" ? "./" : file), null, 1));' \
      > dist/precache.json
  echo "dist/ is ready for any static host (see README: Host it)" >&2
}

case "${1:-build}" in
  build) build ;;
  serve) serve ;;
  test) run_tests ;;
  test-webkit) run_webkit_tests ;;
  dist) dist ;;
  bench) bench ;;
  *)
    echo "usage: ./build.sh [build|serve|test|test-webkit|dist|bench]" >&2
    exit 2
    ;;
esac
