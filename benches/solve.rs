//! End-to-end solves (`solve::solve`: split into units, build, HiGHS, read
//! the roster back) with `--time-limit 300 --gap 1e-4` on all cores:
//!
//! - `solve/sample`: the shipped sample county (688 teachers);
//! - `solve/county_150x33`: one county of ≈ 5,000 teachers, about 7 s per
//!   solve;
//! - `solve/counties_N`, N = 1, 5, 20: N counties of 40 schools × 30
//!   teachers, to show how time grows with the number of counties (each
//!   county is an independent unit, solved in parallel): about 0.6, 2 and
//!   8 s per solve on two idle cores.
//!
//! Each bench is eleven solves: one to warm up and ten samples of one.
//!
//! Run one with a filter, e.g. `cargo bench --bench solve -- solve/sample`;
//! `-- --test` solves each once without measuring.

mod common;

use std::cell::LazyCell;
use std::time::Duration;

use common::{counties_40x30, DataSet, COUNTY_150X33};
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode};

/// Measures one full solve of the data set `make` writes, which must give a
/// roster. The data set is made only if a filter selects the bench, and
/// removed again after it.
fn bench_solve(group: &mut BenchmarkGroup<WallTime>, name: &str, make: impl FnOnce() -> DataSet) {
    let data = LazyCell::new(make);
    let options = common::solve_options();
    group.bench_function(name, |b| {
        let data = &*data;
        b.iter(|| {
            let outcomes = data.solve(&options);
            assert!(outcomes.iter().all(|o| o.has_roster()), "no roster");
            outcomes
        })
    });
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("solve");
    // Every solve takes seconds: the nominal 1 s warm-up and measurement
    // make each bench exactly one warm-up solve plus ten samples of one
    // solve (so criterion's "Unable to complete 10 samples" is expected).
    group
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(1));

    bench_solve(&mut group, "sample", DataSet::sample);
    bench_solve(&mut group, "county_150x33", || {
        DataSet::generated(COUNTY_150X33)
    });
    for n in [1, 5, 20] {
        bench_solve(&mut group, &format!("counties_{n}"), || {
            DataSet::generated(counties_40x30(n))
        });
    }
    group.finish();
}

criterion_group! {
    name = solve_benches;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(solve_benches);
