# newsfacts — the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

BIN   := bin/newsfacts
ADDR  ?= :8080
# DATABASE_URL, when set, wins; otherwise scripts/devdb.sh finds or starts a server.
DBURL  = $(shell scripts/devdb.sh url)

.PHONY: run build test lint apilint generate check-generated bench db-stop clean

## run: build, migrate, ingest seeds/ and serve on $(ADDR)
run: build
	@url='$(DBURL)'; \
	echo "newsfacts: database $${url%%\?*}"; \
	DATABASE_URL="$$url" $(BIN) migrate up; \
	DATABASE_URL="$$url" $(BIN) ingest seeds/; \
	echo "newsfacts: serving on $(ADDR) (try: curl localhost$(ADDR)/healthz)"; \
	DATABASE_URL="$$url" exec $(BIN) serve --addr '$(ADDR)'

build:
	go build -o $(BIN) ./cmd/newsfacts

## test: vet, gofmt, staticcheck, the spec's linters, generated code up to date, go test -race
test: lint apilint check-generated
	DATABASE_URL='$(DBURL)' go test -race -count=1 ./...

lint:
	go vet ./...
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	go tool staticcheck ./...

# apilint runs Spectral (with the OWASP API Security ruleset) and Redocly over openapi.yaml,
# as pinned by tools/apilint/package-lock.json; both must report 0 errors. It needs npm and
# skips, saying so, where npm is missing (.ci/run installs it).
apilint:
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "apilint: npm not found: Spectral and Redocly skipped (apt-get install nodejs npm)"; exit 0; \
	fi; \
	cd tools/apilint; \
	stamp=node_modules/.lock.sha256; \
	if ! sha256sum -c --status "$$stamp" 2>/dev/null; then \
		npm ci --no-audit --no-fund --loglevel=error && sha256sum package-lock.json > "$$stamp"; \
	fi; \
	npx --no-install spectral lint --display-only-failures --fail-severity error --ruleset .spectral.yaml ../../openapi.yaml; \
	NO_UPDATE_NOTIFIER=1 REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
		npx --no-install redocly lint --config redocly.yaml --format stylish ../../openapi.yaml

# generate rebuilds the SDK from openapi.yaml. The country data in internal/gazetteer is
# regenerated only with COUNTRIES_JSON set (see internal/gazetteer/gen): its source is not on
# every machine.
generate:
	go generate ./...

# check-generated regenerates into the work tree and fails when that changed anything.
check-generated: generate
	@if git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --quiet -- api/client; then \
		git diff --stat -- api/client; \
		echo "generated code is stale: run 'make generate' and commit the result"; exit 1; \
	fi

## bench: extraction, ingest, API load and read-path-at-scale benchmarks (figures go in BENCHMARKS.md)
bench: build
	go test -run '^$$' -bench . -benchmem ./internal/extract/
	DATABASE_URL='$(DBURL)' scripts/bench-ingest.sh
	DATABASE_URL='$(DBURL)' scripts/bench-api.sh
	DATABASE_URL='$(DBURL)' scripts/bench-scale.sh

db-stop:
	scripts/devdb.sh stop

clean:
	rm -rf bin
