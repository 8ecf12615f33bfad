# Developer shortcuts. The README's two commands need none of this.
.PHONY: build-dev test test-rust test-py bench lint golden

build-dev:            ## compile the Rust core into the current environment (release mode)
	maturin develop --release

test: test-rust test-py

test-rust:
	cargo test

test-py:
	HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-dev} python -m pytest -q

bench:                ## needs DATA=path/to/wcxb-dev.jsonl.gz
	python benchmarks/quality.py --data $(DATA)
	python benchmarks/speed.py --data $(DATA)

lint:
	cargo fmt --check
	cd fuzz && cargo fmt --check
	cd rust/benches && cargo fmt --check && cargo clippy --benches -- -D warnings
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --features python -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --document-private-items --features python
	python -m mypy.stubtest boilerstrip._core
	python -m mypy

golden:               ## regenerate tests/golden after a deliberate change (review the diff)
	python scripts/update_golden.py
