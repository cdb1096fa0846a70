# Qingfeng kiosk — build, run, test.
# Sources are found by wildcard: add a .c file to its folder and it is built.

PREFIX  ?= /usr/local
SYSCONFDIR ?= /etc
DESTDIR ?=
CC      ?= cc
BUILD   ?= build

PKGS_CORE := jansson libsodium libunibreak libcmark inih sqlite3
PKGS_UI   := sdl2 SDL2_ttf SDL2_image fontconfig libqrencode libsystemd
PKGS_TEST := cmocka
PKGS_NET  := libcurl

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) $(SAN) -Iapp
CORE_CFLAGS = $(shell pkg-config --cflags $(PKGS_CORE))
CORE_LIBS   = $(shell pkg-config --libs $(PKGS_CORE)) -lm
UI_CFLAGS   = $(shell pkg-config --cflags $(PKGS_UI))
UI_LIBS     = $(shell pkg-config --libs $(PKGS_UI))
NET_CFLAGS  = $(shell pkg-config --cflags $(PKGS_NET))
# libcurl is loaded at run time (app/net/curl_lib.c): headers only here.
NET_LIBS    =
TEST_CFLAGS = $(shell pkg-config --cflags $(PKGS_TEST))
TEST_LIBS   = $(shell pkg-config --libs $(PKGS_TEST))

CORE_SRC  := $(wildcard app/core/*.c)
UI_SRC    := $(wildcard app/ui/*.c)
NET_SRC   := $(wildcard app/net/*.c)
TOOL_SRC  := $(wildcard app/tools/*.c)
TEST_SRC  := $(wildcard tests/unit/test_*.c)
UI_TEST_SRC := $(wildcard tests/ui/test_*.c)

CORE_OBJ  := $(CORE_SRC:%.c=$(BUILD)/%.o)
UI_OBJ    := $(UI_SRC:%.c=$(BUILD)/%.o) $(BUILD)/app/main.o
NET_OBJ   := $(NET_SRC:%.c=$(BUILD)/%.o)
TOOL_OBJ  := $(TOOL_SRC:%.c=$(BUILD)/%.o)
TEST_BIN  := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
UI_TEST_BIN := $(UI_TEST_SRC:tests/ui/%.c=$(BUILD)/tests/%)
UI_LIB_OBJ := $(filter-out $(BUILD)/app/main.o,$(UI_OBJ))
NET_TEST_BIN := $(BUILD)/tests/net/test_fetch $(BUILD)/tests/net/test_sync $(BUILD)/tests/net/test_heartbeat \
	$(BUILD)/tests/net/test_outbox

KIOSK := $(BUILD)/qingfeng
FEEDTOOL := $(BUILD)/qingfeng-feed
FEED_DIR := $(BUILD)/feed

.PHONY: all run check deps asan bench install uninstall clean feed unit e2e memcheck net-test service-test deb deb-test \
	fuzz fuzz-build fuzz-short

all: $(KIOSK) $(FEEDTOOL)

deps:
	@sh scripts/install-deps.sh

$(BUILD)/libqfcore.a: $(CORE_OBJ)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

$(BUILD)/app/core/%.o: app/core/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/app/ui/%.o: app/ui/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) $(UI_CFLAGS) -MMD -MP -c $< -o $@

# The network layer (libcurl); the core stays curl-free.
$(BUILD)/libqfnet.a: $(NET_OBJ)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

$(BUILD)/app/net/%.o: app/net/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) $(NET_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/app/main.o: app/main.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) $(UI_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/app/tools/%.o: app/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) -MMD -MP -c $< -o $@

$(KIOSK): $(UI_OBJ) $(BUILD)/libqfnet.a $(BUILD)/libqfcore.a
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(UI_LIBS) $(NET_LIBS) $(CORE_LIBS) -lpthread

# The feed tool checks published feeds too (check URL), with the kiosk's
# network layer.
$(FEEDTOOL): $(TOOL_OBJ) $(BUILD)/libqfnet.a $(BUILD)/libqfcore.a
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(NET_LIBS) $(CORE_LIBS) -lpthread

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libqfcore.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) $(TEST_CFLAGS) -MMD -MP $< $(BUILD)/libqfcore.a -o $@ $(TEST_LIBS) $(CORE_LIBS)

# Crash tests (tests/crash): the content store, the quiz results store,
# then the real kiosk killed while it syncs, 200 times each (about 3
# minutes; part of `make check`).
$(BUILD)/tests/store_crash: tests/crash/store_crash.c $(BUILD)/libqfcore.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) -MMD -MP $< $(BUILD)/libqfcore.a -o $@ $(CORE_LIBS)

$(BUILD)/tests/results_crash: tests/crash/results_crash.c $(BUILD)/libqfcore.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) -MMD -MP $< $(BUILD)/libqfcore.a -o $@ $(CORE_LIBS)

.PHONY: crash crash-short
crash: all feed $(BUILD)/tests/store_crash $(BUILD)/tests/results_crash
	@sh tests/crash/run.sh $(BUILD)

# 20 kills of the kiosk during sync (about 15 s), for a quick look.
crash-short: all feed
	@sh tests/crash/kiosk_sync_crash.sh $(BUILD) 20

# The SDL shell without main(), for the UI tests (tests/ui: drawing with the
# real fonts on surfaces; no window).
$(BUILD)/libqfui.a: $(UI_LIB_OBJ)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

$(BUILD)/tests/%: tests/ui/%.c $(BUILD)/libqfui.a $(BUILD)/libqfcore.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) $(UI_CFLAGS) $(TEST_CFLAGS) -MMD -MP $< $(BUILD)/libqfui.a $(BUILD)/libqfcore.a \
		-o $@ $(TEST_LIBS) $(UI_LIBS) $(CORE_LIBS) -lpthread

# Tests of the network layer against real servers on 127.0.0.1 (make net-test).
$(BUILD)/tests/net/%: tests/net/%.c $(BUILD)/libqfnet.a $(BUILD)/libqfcore.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) $(NET_CFLAGS) $(TEST_CFLAGS) -MMD -MP $< $(BUILD)/libqfnet.a $(BUILD)/libqfcore.a \
		-o $@ $(TEST_LIBS) $(NET_LIBS) $(CORE_LIBS) -lpthread

# The bundled feed, built from content/ by the feed tool.
CONTENT_FILES := $(shell find content -type f 2>/dev/null)
$(FEED_DIR)/feed.json: $(FEEDTOOL) $(CONTENT_FILES)
	$(FEEDTOOL) build content -o $(FEED_DIR)

feed: $(FEED_DIR)/feed.json

# Quiz results of a development run stay in build/state (the default,
# /var/lib/qingfeng, is for the installed service).
run: deps all feed
	$(KIOSK) --windowed --size 1280x720 --state-dir $(BUILD)/state $(RUN_ARGS)

unit: $(TEST_BIN) $(UI_TEST_BIN)
	@sh tests/run-unit.sh $(TEST_BIN) $(UI_TEST_BIN)

PNG_STATS := $(BUILD)/tests/png_stats
$(PNG_STATS): tests/e2e/png_stats.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(UI_CFLAGS) $< -o $@ $(UI_LIBS)

PNG_BETWEEN := $(BUILD)/tests/png_between
$(PNG_BETWEEN): tests/e2e/png_between.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(UI_CFLAGS) $< -o $@ $(UI_LIBS)

e2e: all feed $(PNG_STATS) $(PNG_BETWEEN)
	@sh tests/e2e/run.sh $(BUILD)
	@sh tests/e2e/visit.sh $(BUILD)
	@sh tests/e2e/sync.sh $(BUILD)
	@sh tests/e2e/quiz.sh $(BUILD)
	@sh tests/e2e/heartbeat.sh $(BUILD)
	@sh tests/e2e/usage.sh $(BUILD)
	@sh tests/e2e/sleep.sh $(BUILD)
	@sh tests/e2e/schedule.sh $(BUILD)

# Display back-ends (tests/display): rotation headless, X11 under Xvfb,
# Wayland under cage, and the kmsdrm start without a DRM device.
IMG_TURNED := $(BUILD)/tests/img_turned
$(IMG_TURNED): tests/display/img_turned.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(UI_CFLAGS) $< -o $@ $(UI_LIBS)

.PHONY: display-test
display-test: all feed $(IMG_TURNED) $(PNG_STATS)
	@sh tests/display/run.sh $(BUILD)

# The systemd unit (verify, security exposure) and the kiosk's readiness and
# watchdog against a notify socket (tests/service).
service-test: all feed
	@sh tests/service/run.sh $(BUILD)

net-test: $(NET_TEST_BIN) $(FEEDTOOL)
	@sh tests/net/run.sh $(BUILD)

memcheck: all $(TEST_BIN) $(UI_TEST_BIN) $(NET_TEST_BIN)
	@sh tests/memcheck.sh $(BUILD)

check: deps
	$(MAKE) all feed
	$(MAKE) unit
	$(MAKE) net-test
	$(MAKE) e2e
	$(MAKE) service-test
	$(MAKE) crash
	$(MAKE) memcheck
	$(MAKE) soak-short
	$(MAKE) fuzz-short

asan: deps
	$(MAKE) BUILD=build/asan SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" CFLAGS="-O1 -g" unit net-test e2e

# The soak test (tests/soak, docs/soak.md): SOAK_CYCLES cycles of 100
# slides, 10 detail openings, 10 quiz rounds and a content swap, in one
# process built with ASan+LSan+UBSan and, for the resident-set bound, in one
# of the ordinary build (not in make check: about an hour on two cores).
# `make soak-short`: 2 small cycles under valgrind memcheck (in make check).
SOAK_CYCLES ?= 1000
.PHONY: soak soak-short
soak: all feed
	$(MAKE) BUILD=build/asan SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		CFLAGS="-O1 -g" build/asan/qingfeng
	@sh tests/soak/run.sh build/asan $(BUILD) $(SOAK_CYCLES)

soak-short: all feed
	@sh tests/soak/short.sh $(BUILD)

# The sync benchmark's driver: the real worker against nginx (tests/bench/sync.sh).
SYNC_BENCH := $(BUILD)/tests/bench/sync_bench
$(SYNC_BENCH): tests/bench/sync_bench.c $(BUILD)/libqfnet.a $(BUILD)/libqfcore.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) $(NET_CFLAGS) -MMD -MP $< $(BUILD)/libqfnet.a $(BUILD)/libqfcore.a \
		-o $@ $(NET_LIBS) $(CORE_LIBS) -lpthread

# Layout speed on the real fonts (tests/bench/layout_bench.c).
LAYOUT_BENCH := $(BUILD)/tests/bench/layout_bench
$(LAYOUT_BENCH): tests/bench/layout_bench.c $(BUILD)/libqfui.a $(BUILD)/libqfcore.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) $(UI_CFLAGS) -MMD -MP $< $(BUILD)/libqfui.a $(BUILD)/libqfcore.a \
		-o $@ $(UI_LIBS) $(CORE_LIBS) -lpthread

bench: deps
	$(MAKE) all feed $(SYNC_BENCH) $(LAYOUT_BENCH)
	@sh tests/bench/run.sh $(BUILD)

# Fuzzing (tests/fuzz, docs/fuzzing.md): one libFuzzer target per parser of
# outside input, built with clang, ASan and UBSan into build/fuzz.
# `make fuzz FUZZ_SECONDS=600` runs each target that long; `make fuzz-short`
# (part of `make check`) runs each over its seeds and a few seconds more.
FUZZERS := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SAN := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SECONDS ?= 60

$(BUILD)/fuzzers/%: tests/fuzz/%.c $(BUILD)/libqfcore.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) -fsanitize=fuzzer -MMD -MP $< $(BUILD)/libqfcore.a -o $@ $(CORE_LIBS)

fuzz-build:
	$(MAKE) BUILD=build/fuzz CC=clang SAN="$(FUZZ_SAN)" CFLAGS="-O1 -g" $(FUZZERS:%=build/fuzz/fuzzers/%)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

fuzz-short: fuzz-build
	@sh tests/fuzz/run.sh build/fuzz 3

# The default config goes to SYSCONFDIR/qingfeng/kiosk.conf only when there is
# none: an existing one holds the screen's own settings (PIN hash, feed URL).
# uninstall removes it only while it is still the shipped default.
CONF := $(DESTDIR)$(SYSCONFDIR)/qingfeng/kiosk.conf

install: all feed
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/qingfeng
	install -m 0755 $(KIOSK) $(FEEDTOOL) $(DESTDIR)$(PREFIX)/bin/
	cp -r assets $(DESTDIR)$(PREFIX)/share/qingfeng/
	rm -rf $(DESTDIR)$(PREFIX)/share/qingfeng/feed
	cp -r $(FEED_DIR) $(DESTDIR)$(PREFIX)/share/qingfeng/feed
	install -d $(DESTDIR)$(PREFIX)/lib/systemd/system
	sed 's|@PREFIX@|$(PREFIX)|g' kiosk.service > $(DESTDIR)$(PREFIX)/lib/systemd/system/qingfeng.service
	install -d $(DESTDIR)$(SYSCONFDIR)/qingfeng
	@if [ -e $(CONF) ]; then \
		echo "install: keeping the existing $(CONF) (the default is kiosk.conf in the source tree)"; \
	else \
		echo "install -m 0644 kiosk.conf $(CONF)"; install -m 0644 kiosk.conf $(CONF); \
	fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/qingfeng $(DESTDIR)$(PREFIX)/bin/qingfeng-feed
	rm -rf $(DESTDIR)$(PREFIX)/share/qingfeng
	rm -f $(DESTDIR)$(PREFIX)/lib/systemd/system/qingfeng.service
	@if [ -e $(CONF) ] && ! cmp -s kiosk.conf $(CONF); then \
		echo "uninstall: keeping the edited $(CONF); delete it by hand if it is no longer needed"; \
	else \
		echo "rm -f $(CONF)"; rm -f $(CONF); \
		rmdir $(DESTDIR)$(SYSCONFDIR)/qingfeng 2>/dev/null || true; \
	fi

# The Debian package (packaging/deb.sh): build/qingfeng_<version>_<arch>.deb,
# PREFIX=/usr, version from app/ui/version.h unless DEB_VERSION is given.
VERSION := $(shell sed -n 's/^\#define QF_VERSION "\(.*\)"/\1/p' app/ui/version.h)
DEB_VERSION ?= $(VERSION)

deb: all feed
	@sh packaging/deb.sh $(BUILD) $(DEB_VERSION)

# Installs the package in a clean Debian 12 root (chroot) and checks the
# result, upgrade, remove and purge (tests/package/run.sh; not in make check:
# it needs root and a few minutes). DEB_ROOT=DIR: a clean bookworm root to copy
# instead of running debootstrap.
deb-test: deb $(PNG_STATS)
	@sh tests/package/run.sh $(BUILD)

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
