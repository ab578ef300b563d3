//! `rotaplan whatif` (SPEC §5): solve the base policy and variations of it
//! side by side, write each one's outputs into its own folder, and compare
//! their key figures in one table.
//!
//! The steps, one module each: [`scenario`] parses the variations and
//! merges them into the base policy's table; [`prepare`] validates each
//! resulting policy (and re-loads the data for a changed horizon) before
//! anything is solved; [`run`] solves the plans in parallel within one
//! thread budget and writes their folders; [`table`] renders the comparison.

pub(crate) mod prepare;
pub(crate) mod run;
pub(crate) mod scenario;
pub(crate) mod table;

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;

use crate::input::Loaded;
use crate::output::{self, Status};
pub(crate) use prepare::prepare;
pub(crate) use run::ThreadSplit;
pub use run::{Run, Settings};
pub(crate) use scenario::parse_each;
pub use scenario::{parse_all, Scenario, ScenarioError};
pub use table::Row;
pub(crate) use table::TABLE_FILE;

/// Everything a whatif needs.
pub struct Request<'a> {
    /// The data folder (re-read for a scenario that changes the horizon).
    pub data_dir: &'a Path,
    /// The data set and policy as loaded for the base.
    pub base: &'a Loaded,
    /// The date the default horizon is derived from, as for the base.
    pub today: NaiveDate,
    pub scenarios: &'a [Scenario],
    /// Folder for `<name>/` folders and `whatif.csv`.
    pub out_dir: PathBuf,
    pub settings: Settings,
}

/// What a whatif did.
pub struct Outcome {
    /// The base first, then the scenarios in the order given.
    pub(crate) runs: Vec<Run>,
    pub rows: Vec<Row>,
    pub(crate) out_dir: PathBuf,
    /// Why `whatif.csv` could not be written, if it could not.
    pub(crate) table_error: Option<String>,
    /// Wall time of the whole whatif, from the first scenario check to the
    /// table written.
    pub(crate) wall_seconds: f64,
    pub(crate) threads: ThreadSplit,
}

impl Outcome {
    /// Solver time summed over every plan: against [`Outcome::wall_seconds`]
    /// it shows what running them side by side saved.
    pub(crate) fn solve_seconds(&self) -> f64 {
        self.runs
            .iter()
            .map(|r| r.report.summary.solve_seconds)
            .sum()
    }

    /// Whole planning time (build, solve, report) summed over every plan.
    pub(crate) fn plan_seconds(&self) -> f64 {
        self.runs.iter().map(|r| r.seconds).sum()
    }

    /// 0 when every plan has a roster and every file was written; else the
    /// exit code of the worst plan (error, then infeasible, then out of
    /// time, ranked as for the counties of one run), or 4 for a write that
    /// failed.
    pub fn exit_code(&self) -> i32 {
        let write_failed =
            self.table_error.is_some() || self.runs.iter().any(|r| r.write_error.is_some());
        let worst = self
            .runs
            .iter()
            .map(|r| r.report.summary.status)
            .max_by_key(|status| status.severity())
            .unwrap_or(Status::Optimal);
        if write_failed {
            Status::Error.exit_code()
        } else {
            worst.exit_code()
        }
    }
}

/// The default output folder: `DATA/out/whatif`.
pub(crate) fn default_out_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("out").join("whatif")
}

/// Runs a whatif: checks every scenario (nothing is solved or written when
/// one is bad), solves the base and the scenarios, writes every folder and
/// `whatif.csv`.
pub fn whatif(request: &Request) -> Result<Outcome, Vec<ScenarioError>> {
    let started = Instant::now();
    let plans = prepare(
        request.base,
        request.data_dir,
        request.today,
        request.scenarios,
    )?;
    let runs = run::run_all(&plans, &request.settings, &request.out_dir);
    let base_roster = runs
        .first()
        .filter(|base| base.report.summary.status.has_roster())
        .map(|base| base.report.roster.as_slice());
    let rows: Vec<Row> = runs
        .iter()
        .map(|run| Row::new(&run.name, &run.report, base_roster))
        .collect();
    let table_path = request.out_dir.join(TABLE_FILE);
    let table_error = output::write_atomically(&table_path, &table::render_csv(&rows))
        .err()
        .map(|err| crate::lang::tr!(WhatifWriteFailed, path = table_path.display(), error = err));
    Ok(Outcome {
        runs,
        rows,
        out_dir: request.out_dir.clone(),
        table_error,
        wall_seconds: started.elapsed().as_secs_f64(),
        threads: ThreadSplit::new(request.settings.threads, plans.len()),
    })
}
