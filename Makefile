# Jiangsu Pass (江苏通). `make run` builds and opens the app on its embedded
# data; `make test` runs the checks CI runs. Both install the Debian
# packages Fyne needs when they are missing.

SHELL     := /bin/bash
GO        ?= go
TAGS      := sqlite_fts5
GOFLAGS   := -tags=$(TAGS)
PKGS      := ./...
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOCYCLO   := github.com/fzipp/gocyclo/cmd/gocyclo@v0.6.0
REDOCLY   := @redocly/cli@2.77.0
SNAPSHOTS := snapshots

# The packages whose tests depend on the date, the hour or the zone run a
# second time late at night in China on a device in Los Angeles (the tests
# take "now" from clocktest, which reads JSP_TEST_NOW). That run is about
# time, not races: the first run has the race detector.
TIME_PKGS  := ./clock/... ./idcard ./codes ./offline ./platform/... ./screens/... ./transit/...
TIME_AGAIN := TZ=America/Los_Angeles JSP_TEST_NOW=23:30
# The app's layout sweeps (every screen, language, size and role) skip
# themselves under -race, where they take ten times as long; this package
# runs again without the race detector for them.
NORACE_PKGS := ./app/
VERSION   := $(shell awk -F'"' '/^Version/ {print $$2}' FyneApp.toml)
LDFLAGS   := -X main.version=$(VERSION)

# Debian packages: GLFW with X11 and Wayland, a virtual X server for the
# start-up benchmark and the end-to-end journeys, zbarimg for reading
# rendered QR codes in tests, the time-zone database for the second,
# other-zone run of the tests, and what the journeys drive and read the
# real window with: xdotool, xwd (x11-apps) and tesseract with its Chinese
# and English data; sqlite3 and gdalinfo (gdal-bin), which the tests open
# the map's MBTiles files with; EGL and OpenGL ES, which the phone build
# (-tags mobile, Fyne's mobile driver) draws its X11 window with in the
# journeys. (No package here brings a CJK font: the app must draw Chinese
# with its own, and the journeys would see boxes if it did not.)
# postgresql: its initdb and server make tools/pgcluster's throwaway
# cluster, for the platform server's tests on PostgreSQL and make load.
DEBS := gcc pkg-config libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev \
        libxi-dev libxxf86vm-dev libgl1-mesa-dev libwayland-dev libxkbcommon-dev libegl-dev libgles-dev \
        xvfb xauth zbar-tools tzdata xdotool x11-apps \
        tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng sqlite3 gdal-bin postgresql

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run test test-postgres load e2e fmt-check vet api-lint bench fuzz snapshots screenshots release package clean

all: build

## deps: install the Debian packages that are missing (idempotent)
deps:
	@missing=""; for p in $(DEBS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

## build: the app binary, ./jiangsupass
build: deps
	$(GO) build $(GOFLAGS) -ldflags "$(LDFLAGS)" -o jiangsupass .

## run: build and open the app on its embedded data (ARGS="--lang en" etc.)
run: build
	./jiangsupass $(ARGS)

## test: gofmt, go vet, staticcheck, gocyclo, the contract's lint, and
## every test with the race detector; the platform server's tests again
## on a throwaway PostgreSQL cluster; the app's layout sweeps without the
## race detector; the time-sensitive packages again at another hour, in
## another zone; then the journeys on the real window
test: deps fmt-check vet api-lint
	$(GO) test $(GOFLAGS) -race -count=1 -timeout 15m $(PKGS)
	tools/pgcluster run --fast -- $(MAKE) --no-print-directory test-postgres
	$(GO) test $(GOFLAGS) -count=1 -timeout 10m $(NORACE_PKGS)
	$(TIME_AGAIN) $(GO) test $(GOFLAGS) -count=1 -timeout 10m $(TIME_PKGS)
	$(MAKE) --no-print-directory e2e

## test-postgres: the reference platform server's tests, the two-node test
## and the contract test, on the PostgreSQL database JSP_TEST_POSTGRES names
## (`tools/pgcluster run -- make test-postgres` makes one and removes it)
test-postgres:
	@test -n "$$JSP_TEST_POSTGRES" || { echo "JSP_TEST_POSTGRES is not set: run tools/pgcluster run -- make test-postgres"; exit 1; }
	$(GO) test $(GOFLAGS) -count=1 -timeout 10m ./platform/server/... ./cmd/platform
	$(GO) test $(GOFLAGS) -count=1 -timeout 10m -run '^TestContract' ./offline

## load: the platform's load test, on loopback, at most 3 minutes:
## simulated devices against one node on SQLite, one on PostgreSQL and two
## over one PostgreSQL (README, "Load test"); LOAD_ARGS adds flags of
## cmd/platformload
LOAD_ARGS ?=
load: deps
	bin=$$(mktemp -d) && trap 'rm -rf "$$bin"' EXIT && \
	$(GO) build $(GOFLAGS) -o "$$bin/platform" ./cmd/platform && \
	$(GO) build $(GOFLAGS) -o "$$bin/platformload" ./cmd/platformload && \
	tools/pgcluster run -- "$$bin/platformload" --platform "$$bin/platform" $(LOAD_ARGS)

## e2e: the journeys on the real window (Xvfb, xdotool, tesseract); every
## step's screenshot goes to $(E2E_SHOTS)
E2E_SHOTS ?= e2e-shots
e2e: deps
	rm -rf $(E2E_SHOTS)
	set -o pipefail; E2E_SHOTS=$(abspath $(E2E_SHOTS)) $(GO) test -tags '$(TAGS) e2e' -count=1 -parallel 8 -timeout 12m -v ./e2e 2>&1 | \
		grep -v -e '^=== ' -e 'screenshot /'
	@echo "e2e screenshots: $(abspath $(E2E_SHOTS))"

## api-lint: the platform's contract, platform/openapi.yaml, linted by
## Redocly's CLI (from the npm registry, run by the machine's Node.js)
api-lint:
	npx --yes $(REDOCLY) lint --format=stylish platform/openapi.yaml

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## vet: go vet and staticcheck (with and without the journeys' tag), then
## a limit on cyclomatic complexity: a function of non-test code over 20
## fails; split it into steps whose names say what they do. Test code is
## left out: a test function is long by nature, a table of cases or a
## journey told step by step.
vet:
	$(GO) vet $(GOFLAGS) $(PKGS)
	$(GO) vet -tags '$(TAGS) e2e' ./e2e
	$(GO) run $(STATICCHECK) $(GOFLAGS) $(PKGS)
	$(GO) run $(STATICCHECK) -tags '$(TAGS) e2e' ./e2e
	$(GO) run $(GOCYCLO) -over 20 -ignore '_test\.go$$' $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')

## bench: every benchmark, each figure beside its baseline as a ratio
bench: deps
	xvfb-run -a -s "-screen 0 1920x1080x24" $(GO) test $(GOFLAGS) -run '^$$' -bench . -benchtime 1x -count 1 -timeout 30m $(PKGS) | tee bench.txt | $(GO) run ./tools/benchtable

## fuzz: every Go fuzz test of every package, each for FUZZTIME (default
## 60s); a new input's minimisation is capped at FUZZMINTIME so that the
## time goes to exploring
FUZZTIME    ?= 60s
FUZZMINTIME ?= 5s
fuzz: deps
	@set -e; for pkg in $$($(GO) list $(GOFLAGS) $(PKGS)); do \
		for f in $$($(GO) test $(GOFLAGS) -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "fuzz $$pkg $$f for $(FUZZTIME)"; \
			$(GO) test $(GOFLAGS) -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINTIME) $$pkg; \
		done; \
	done

## snapshots: render every screen (phone and desktop, zh-Hans and en, normal
## and 长辈版, light and dark) into snapshots/, from stores filled through
## the sync path from a reference platform on loopback (cmd/snapshots), and
## refresh the README's screenshots in docs/screenshots/ from them.
## ONLY=card- renders only the files whose names begin with card-, and
## leaves the other files and the README's screenshots as they are.
ONLY ?=
snapshots: deps
	@if [ -z "$(ONLY)" ]; then rm -rf $(SNAPSHOTS); fi
	mkdir -p $(SNAPSHOTS)
	$(GO) run $(GOFLAGS) -ldflags "-X main.version=$(VERSION)" ./cmd/snapshots --out $(SNAPSHOTS) --only '$(ONLY)'
	@if [ -z "$(ONLY)" ]; then mkdir -p docs/screenshots && \
		for f in $$(cat docs/screenshots.txt); do cp $(SNAPSHOTS)/$$f docs/screenshots/; done; fi

## release: the release build, ./jiangsupass-release (-tags release). It
## trusts the anchors in assets/trust/release-anchors.pem, which a
## deployment replaces with its own before it builds; with the demo anchor
## the repository keeps there it refuses to start unless run with --demo
## (see README, "Trust anchors and release builds")
RELEASE_BIN := jiangsupass-release
release: deps
	$(GO) build -tags '$(TAGS) release' -ldflags "$(LDFLAGS)" -o $(RELEASE_BIN) .

# FYNE is Fyne's packaging tool, at a pinned version; the phone packages
# take the app's ID and icon from FyneApp.toml.
FYNE    := fyne.io/tools/cmd/fyne@v1.7.4
APP_ID  := $(shell awk -F'"' '/^ID/ {print $$2}' FyneApp.toml)
ICON    := $(shell awk -F'"' '/^Icon/ {print $$2}' FyneApp.toml)

# RELEASE_TAGS are the tags of everything built for users: the release
# build's, which refuses the demo anchors unless run as a demo.
RELEASE_TAGS := $(TAGS),release

## package: a Linux package made by `fyne package`, of the release build
package: deps
	$(GO) run $(FYNE) package -os linux -tags $(RELEASE_TAGS) --release

## package-android, package-ios: the phone packages (.apk, .app) made by
## `fyne package`, of the release build. They need the Android NDK (ANDROID_NDK_HOME) or Xcode on
## a Mac, which these machines do not have: there the tool says which is
## missing and the target fails (see README, "The phone build and the
## phone packages")
.PHONY: package-android package-ios
package-android:
	$(GO) run $(FYNE) package -os android --app-id $(APP_ID) --icon $(ICON) -tags $(RELEASE_TAGS) --release
package-ios:
	$(GO) run $(FYNE) package -os ios --app-id $(APP_ID) --icon $(ICON) -tags $(RELEASE_TAGS) --release

clean:
	rm -rf jiangsupass $(RELEASE_BIN) $(SNAPSHOTS) bench.txt *.tar.xz $(E2E_SHOTS)
