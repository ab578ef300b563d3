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
//! - `advise/explain_sample`: `explain` of the README's two sample
//!   teachers, T000008 (rostered) and T000007 (not), optimum included, as
//!   `rotaplan explain data/sample T000008 T000007` runs it;
//! - `advise/explain_county_150x33`: `explain` of the first rostered
//!   teacher without a lock of the 150 × 33 county, optimum included;
//! - `advise/suggest_sample_top5`: `suggest --post S01015,科学,2027-autumn
//!   --top 5` on the sample, optimum included.
//!
//! Each bench is eleven runs: one to warm up and ten samples of one.
//!
//! Run one with a filter, e.g. `cargo bench --bench solve -- solve/sample`;
//! `-- --test` solves each once without measuring.

mod common;

use std::cell::LazyCell;
use std::time::Duration;

use common::{counties_40x30, DataSet, COUNTY_150X33};
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode};
use rotaplan::advise::explain::explain_all;
use rotaplan::advise::suggest::{suggest, Target};
use rotaplan::advise::{Baseline, Planner};
use rotaplan::domain::{Subject, TeacherIx};
use rotaplan::solve::SolveOptions;

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

/// A planner of a data set whose run (and time limit) starts now, as a
/// command's does.
fn planner(sample: &DataSet) -> Planner<'_> {
    let options = SolveOptions {
        started: std::time::Instant::now(),
        ..common::solve_options()
    };
    Planner::new(sample.dataset(), sample.policy(), sample.horizon(), options)
}

/// Measures the optimum of the data set `make` writes and `explain` of the
/// teachers `pick` chooses from it and its baseline, as `rotaplan explain`
/// runs them. The data set is made only if a filter selects the bench.
fn bench_explain(
    group: &mut BenchmarkGroup<WallTime>,
    name: &str,
    make: impl FnOnce() -> DataSet,
    pick: impl Fn(&DataSet, &Baseline) -> Vec<TeacherIx>,
) {
    let data = LazyCell::new(make);
    group.bench_function(name, |b| {
        let data = &*data;
        b.iter(|| {
            let planner = planner(data);
            let baseline = planner.optimum().expect("an optimum");
            explain_all(&planner, &baseline, &pick(data, &baseline))
        })
    });
}

fn advise_benches(group: &mut BenchmarkGroup<WallTime>) {
    bench_explain(group, "explain_sample", DataSet::sample, |sample, _| {
        ["T000008", "T000007"]
            .map(|id| sample.dataset().teacher_index(id).unwrap())
            .to_vec()
    });
    // The baseline's first rostered teacher without a lock: "why me", and
    // what the plan loses without them. (Keeping a locked teacher home is
    // infeasible, and explaining that is another path: 4 minutes for the
    // county's first rostered teacher, T000002, who is locked.)
    bench_explain(
        group,
        "explain_county_150x33",
        || DataSet::generated(COUNTY_150X33),
        |data, baseline| {
            let locked = |t: &TeacherIx| data.dataset().locks.iter().any(|l| l.teacher == *t);
            baseline
                .exchanges
                .iter()
                .map(|e| e.teacher)
                .filter(|t| !locked(t))
                .take(1)
                .collect()
        },
    );
    let sample = LazyCell::new(DataSet::sample);
    group.bench_function("suggest_sample_top5", |b| {
        let sample = &*sample;
        let post = Target::Post {
            school: sample.dataset().school_index("S01015").unwrap(),
            subject: Subject::new("科学"),
            term: Some(
                sample
                    .horizon()
                    .terms
                    .iter()
                    .position(|term| term.id == "2027-autumn")
                    .expect("the sample's first term"),
            ),
        };
        b.iter(|| {
            let planner = planner(sample);
            let baseline = planner.optimum().expect("an optimum");
            let suggestion = suggest(&planner, &baseline, &post, 5);
            assert_eq!(suggestion.ways.len(), 5);
            suggestion
        })
    });
}

/// Every solve takes seconds: the nominal 1 s warm-up and measurement make
/// each bench exactly one warm-up run plus ten samples of one (so
/// criterion's "Unable to complete 10 samples" is expected).
fn seconds_each(group: &mut BenchmarkGroup<WallTime>) {
    group
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(1));
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("advise");
    seconds_each(&mut group);
    advise_benches(&mut group);
    group.finish();

    let mut group = c.benchmark_group("solve");
    seconds_each(&mut group);

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
