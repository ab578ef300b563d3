//! Data sets the benchmarks share: the shipped sample (`data/sample`) and
//! synthetic data sets written by the generator with a fixed seed, so every
//! run measures the same input.
//!
//! A data set is written and loaded once, outside any measured loop. The
//! benches hold their data sets in `LazyCell`s, so a data set that a
//! criterion filter leaves out is never generated.
#![allow(dead_code)] // each bench uses a different part

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rotaplan::domain::{Dataset, Horizon, Policy};
use rotaplan::generate::{self, GenerateParams};
use rotaplan::input::{self, Loaded};
use rotaplan::model::{self, Context, History, Unit};
use rotaplan::report::{self, ReportInput};
use rotaplan::roster::RosterRow;
use rotaplan::solve::{self, SolveOptions, UnitOutcome};

/// Seed of every generated data set (the sample's).
pub const SEED: u64 = 2027;
/// Autumn year of the generated horizon: 2027-autumn and 2028-spring.
pub const HORIZON_YEAR: i32 = 2027;

/// "Today" for loading: before the horizon, as in `scripts/scaling.sh`.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

/// The size of a generated data set.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub counties: usize,
    pub schools_per_county: usize,
    /// Average teachers per school.
    pub teachers_per_school: usize,
}

/// One large county: 150 schools of about 33 teachers (≈ 5,000 teachers).
pub const COUNTY_150X33: Shape = Shape {
    counties: 1,
    schools_per_county: 150,
    teachers_per_school: 33,
};

/// `counties` smaller counties of 40 schools × 30 teachers (≈ 1,200
/// teachers each), for the counties scaling curve.
pub const fn counties_40x30(counties: usize) -> Shape {
    Shape {
        counties,
        schools_per_county: 40,
        teachers_per_school: 30,
    }
}

/// A data set on disk and loaded.
pub struct DataSet {
    pub dir: PathBuf,
    pub loaded: Loaded,
    /// Keeps a generated data set's folder until the bench is done.
    _temp: Option<tempfile::TempDir>,
}

impl DataSet {
    /// `data/sample`, with its `policy.toml`.
    pub fn sample() -> DataSet {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
        DataSet {
            loaded: load(&dir),
            dir,
            _temp: None,
        }
    }

    /// A synthetic data set of `shape`, written into a temporary folder
    /// (removed when the `DataSet` is dropped).
    pub fn generated(shape: Shape) -> DataSet {
        let temp = tempfile::Builder::new()
            .prefix("rotaplan-bench-")
            .tempdir()
            .expect("temporary folder");
        let params = GenerateParams {
            counties: shape.counties,
            schools_per_county: shape.schools_per_county,
            teachers_per_school: shape.teachers_per_school,
            seed: SEED,
            horizon_start_year: HORIZON_YEAR,
        };
        generate::generate(&params, temp.path()).expect("generate the data set");
        let dir = temp.path().to_path_buf();
        DataSet {
            loaded: load(&dir),
            dir,
            _temp: Some(temp),
        }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.loaded.dataset
    }

    pub fn policy(&self) -> &Policy {
        &self.loaded.policy.policy
    }

    pub fn horizon(&self) -> &Horizon {
        &self.loaded.horizon
    }

    /// Loads the data set again from disk (what the `load` bench measures).
    pub fn reload(&self) -> Loaded {
        load(&self.dir)
    }

    /// The data set's only planning unit; panics if it has several (a
    /// single county always makes one unit).
    pub fn only_unit(&self) -> Unit {
        let mut units = model::units(self.dataset());
        assert_eq!(units.len(), 1, "expected a single-county data set");
        units.remove(0)
    }

    /// Calls `f` with the model context of the data set's only unit (no
    /// previous roster), so that `f` can measure what is built from it.
    pub fn with_context<R>(&self, f: impl FnOnce(&Context) -> R) -> R {
        let unit = self.only_unit();
        let history = History::default();
        let ctx = Context::new(
            self.dataset(),
            self.policy(),
            self.horizon(),
            &unit,
            &history,
        );
        f(&ctx)
    }

    /// Solves every unit, as `rotaplan solve` does.
    /// Solves the data set; the time limit counts from this call (it is
    /// for a whole run), not from when `options` were made.
    pub fn solve(&self, options: &SolveOptions) -> Vec<UnitOutcome> {
        let options = SolveOptions {
            started: std::time::Instant::now(),
            ..options.clone()
        };
        solve::solve(
            self.dataset(),
            self.policy(),
            self.horizon(),
            &History::default(),
            &options,
        )
    }

    /// Solves the data set once and returns the roster as `check` reads it
    /// back: each row with its line number in `roster.csv` (the header is
    /// line 1). Panics if the solver found no roster.
    pub fn solved_roster(&self, options: &SolveOptions) -> Vec<(u64, RosterRow)> {
        let started = std::time::Instant::now();
        let outcomes = self.solve(options);
        let statuses: Vec<String> = outcomes.iter().map(|o| format!("{:?}", o.status)).collect();
        assert!(
            outcomes.iter().all(UnitOutcome::has_roster),
            "no roster within {} s",
            options.time_limit_s
        );
        let report = report::report(&ReportInput {
            dataset: self.dataset(),
            policy: self.policy(),
            horizon: self.horizon(),
            outcomes: &outcomes,
            history: &History::default(),
        });
        eprintln!(
            "solved {} for the roster in {:.1} s ({}): {} exchanges",
            self.dir.display(),
            started.elapsed().as_secs_f64(),
            statuses.join(", "),
            report.roster.len()
        );
        (2..).zip(report.roster).collect()
    }
}

/// Solver options of the benches: like `solve --time-limit 300 --gap 1e-4`
/// on all cores.
pub fn solve_options() -> SolveOptions {
    SolveOptions {
        time_limit_s: 300.0,
        started: std::time::Instant::now(),
        mip_gap: 1e-4,
        threads: 0,
        ..SolveOptions::from_policy(&rotaplan::domain::Policy::default())
    }
}

fn load(dir: &Path) -> Loaded {
    input::load(dir, None, today())
        .unwrap_or_else(|problems| panic!("{} does not load:\n{problems}", dir.display()))
}
