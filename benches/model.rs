//! Everything around the solver, on one large county (150 schools × 33
//! teachers, ≈ 5,000 teachers) and on the sample: building the model (and
//! the solver's columns of it), the candidate exchanges alone, loading the
//! CSV files, and checking a roster.
//! None of these calls HiGHS inside the measured loop; see `solve.rs` for
//! that. Run with `cargo bench --bench model` (about two minutes; add a
//! filter such as `-- build/sample` for one bench).

mod common;

use std::cell::LazyCell;
use std::hint::black_box;

use common::{DataSet, COUNTY_150X33};
use criterion::{criterion_group, criterion_main, Criterion};
use rotaplan::check;
use rotaplan::model::{self, candidates};
use rotaplan::solve::{self, SolveOptions};

/// Budget of the one solve that makes the roster for `check/…`: a good
/// roster is enough, it need not be optimal.
fn roster_options() -> SolveOptions {
    SolveOptions {
        time_limit_s: 120.0,
        mip_gap: 1e-2,
        ..common::solve_options()
    }
}

fn benches(c: &mut Criterion) {
    let sample = LazyCell::new(DataSet::sample);
    let county = LazyCell::new(|| DataSet::generated(COUNTY_150X33));
    let roster = LazyCell::new(|| {
        let rows = county.solved_roster(&roster_options());
        let report =
            check::check_roster(county.dataset(), county.policy(), county.horizon(), &rows);
        assert!(report.is_valid(), "the solver's roster breaks a rule");
        rows
    });

    // `model::build` of one unit: candidates, every rule's rows, objective.
    let mut group = c.benchmark_group("build");
    group.bench_function("sample", |b| {
        sample.with_context(|ctx| b.iter(|| model::build(black_box(ctx))))
    });
    group.bench_function("county_150x33", |b| {
        county.with_context(|ctx| b.iter(|| model::build(black_box(ctx))))
    });
    group.finish();

    // `solve::build_only`: `model::build` and the rows transposed into the
    // solver's columns, what a unit's `build_seconds` counts; in the
    // default pool (all cores) and in a pool of one thread (`--threads 1`).
    let mut group = c.benchmark_group("solver_model");
    group.bench_function("county_150x33", |b| {
        county.with_context(|ctx| b.iter(|| solve::build_only(black_box(ctx))))
    });
    group.bench_function("county_150x33_1thread", |b| {
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a pool of one thread");
        county.with_context(|ctx| one.install(|| b.iter(|| solve::build_only(black_box(ctx)))))
    });
    group.finish();

    // Candidate generation alone (the part of `build` that applies the
    // single-exchange rules 1–5, 7, 9 and 10).
    c.bench_function("candidates/county_150x33", |b| {
        county.with_context(|ctx| {
            b.iter(|| candidates::candidates(black_box(ctx), candidates::Scope::Proven))
        })
    });

    // `input::load`: policy, CSV parsing, validation and cross-references.
    c.bench_function("load/county_150x33", |b| b.iter(|| county.reload()));

    // `check::check_roster` on the solver's roster of the county.
    c.bench_function("check/county_150x33", |b| {
        let rows = &*roster;
        b.iter(|| {
            check::check_roster(
                county.dataset(),
                county.policy(),
                county.horizon(),
                black_box(rows),
            )
        })
    });
}

criterion_group! {
    name = model_benches;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(model_benches);
