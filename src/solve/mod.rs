//! Solving a data set: split it into independent units (counties, joined
//! only by cross-county couples), build and solve each unit's model, in
//! parallel, and collect the chosen exchanges.

mod columns;
pub(crate) mod explain;
mod ffi;
pub(crate) mod highs_run;
mod pricing;
pub(crate) mod progress;
mod rens;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::domain::{Dataset, Horizon, Policy};
use crate::model::candidates::Candidate;
use crate::model::{self, Context, History, Unit};
pub use highs_run::RunStatus;
pub(crate) use highs_run::Settings;
pub(crate) use pricing::Basis;
pub(crate) use progress::{Observer, Phase, Progress};

/// How to run the solver, from the policy's `[solver]` section and the
/// command line.
#[derive(Clone, Debug, PartialEq)]
pub struct SolveOptions {
    /// For the whole run, counted from `started`: building, solving and
    /// explaining an infeasible unit all fit in it.
    pub time_limit_s: f64,
    /// When the run started (the command's start, so that loading counts).
    pub started: Instant,
    pub mip_gap: f64,
    /// Total threads for the whole run; 0 = all cores.
    pub threads: u32,
    /// Write each unit's model in MPS format here before solving.
    pub export_model: Option<PathBuf>,
    /// Who is told how the run goes (nobody by default).
    pub progress: Progress,
    /// When a large unit's pricing ends ([`Settings::pricing`]):
    /// [`Pricing::UntilProven`] by default; [`Pricing::ToTheEnd`] for a
    /// re-optimization against a previous roster and for the forced
    /// re-solves of `explain` and `suggest`, whose answers compare rosters
    /// row by row; [`Pricing::OnPastProof`] for their baseline.
    pub pricing: Pricing,
}

/// When a large unit's pricing ends (see [`rens::Problem::early_rounding`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pricing {
    /// When no held column prices in: the roster is the full LP's
    /// rounding (or its neighbourhood's best).
    ToTheEnd,
    /// As soon as a bound proves the LP's rounding within the gap (`solve`).
    UntilProven,
    /// The roster of [`Pricing::UntilProven`], `solve`'s own, with pricing
    /// going on to the end: the outcome's bound and basis are the full
    /// LP's. `explain` and `suggest` take it as their baseline, so they
    /// answer about the roster `solve` writes, and re-solve each forced
    /// decision warm from the full LP (an unfinished LP's forced re-solves
    /// price on into another corner of the county: on the 150 × 33 county
    /// best placements with 69–103 changed rows against 4).
    OnPastProof,
}

impl SolveOptions {
    pub fn from_policy(policy: &Policy) -> SolveOptions {
        SolveOptions {
            time_limit_s: policy.solver.time_limit_s,
            started: Instant::now(),
            mip_gap: policy.solver.mip_gap,
            threads: policy.solver.threads,
            export_model: None,
            progress: Progress::default(),
            pricing: Pricing::UntilProven,
        }
    }

    /// When the run must end.
    pub(crate) fn deadline(&self) -> Instant {
        Duration::try_from_secs_f64(self.time_limit_s)
            .ok()
            .and_then(|limit| self.started.checked_add(limit))
            .unwrap_or_else(|| self.started + Duration::from_secs(365 * 24 * 3600))
    }
}

/// The cores of this machine.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Threads to use for `threads` asked (0 = all cores): never more than the
/// cores, since more solver threads than cores only make each slower.
pub(crate) fn thread_budget(threads: u32) -> usize {
    match threads {
        0 => cores(),
        n => (n as usize).min(cores()),
    }
}

/// What solving one unit gave.
#[derive(Clone, Debug)]
pub struct UnitOutcome {
    pub(crate) counties: Vec<String>,
    pub status: RunStatus,
    /// The chosen exchanges (empty unless optimal or feasible).
    pub chosen: Vec<Candidate>,
    /// Solver objective plus the weighted shortage no exchange can change.
    pub objective: Option<f64>,
    pub(crate) mip_gap: Option<f64>,
    /// A solver search stopped on the time limit: a rerun may differ.
    pub(crate) timed_out: bool,
    /// Building the model and transposing it into the solver's columns
    /// (everything before HiGHS starts but a model export).
    pub(crate) build_seconds: f64,
    pub(crate) solve_seconds: f64,
    pub(crate) variables: usize,
    pub(crate) constraints: usize,
    /// Why the unit is infeasible, when that is known before solving.
    pub conflicts: Vec<String>,
    /// A lower bound of `objective` proven for the unit's model, if known.
    pub(crate) bound: Option<f64>,
    /// Where the solver's last LP ended: a re-optimization of the unit
    /// with a decision forced starts there ([`Start::basis`]).
    pub(crate) basis: Option<Arc<Basis>>,
}

impl UnitOutcome {
    pub fn has_roster(&self) -> bool {
        matches!(self.status, RunStatus::Optimal | RunStatus::Feasible)
    }
}

/// Builds and solves one unit.
pub(crate) fn solve_unit(ctx: &Context, settings: &Settings, export: Option<&Path>) -> UnitOutcome {
    solve_unit_with(ctx, settings, export, &|_| {}, None)
}

/// Where a unit's searches start (`explain` and `suggest` start from the
/// baseline roster; see [`rens::Start`]).
pub(crate) struct Start<'a> {
    /// For each candidate, `Some(chosen)` sets its value in the start and
    /// `None` leaves it, with every other column, for HiGHS to complete.
    pub(crate) chosen: &'a (dyn Fn(&Candidate) -> Option<bool> + Sync),
    /// A lower bound of the unit's objective as [`UnitOutcome::objective`]
    /// counts it, if one is known: a roster within the gap of it needs no
    /// further search.
    pub(crate) bound: Option<f64>,
    /// Where the solver's LP ended for the unit's model without the forced
    /// decision ([`UnitOutcome::basis`]): the LP starts there instead of
    /// pricing the model again.
    pub(crate) basis: Option<&'a Basis>,
    /// Only the candidates `chosen` sets to 1 or leaves open are searched,
    /// and that search's roster is the answer (see [`rens::Start::only`]).
    pub(crate) only: bool,
}

/// Builds one unit's model, lets `extra` add rows to it (`explain` and
/// `suggest` force an exchange in or out this way), and solves it. An
/// infeasible result is explained on the model with the same extra rows.
/// The searches start from `start`, if given.
pub(crate) fn solve_unit_with(
    ctx: &Context,
    settings: &Settings,
    export: Option<&Path>,
    extra: &(dyn Fn(&mut model::Model) + Sync),
    start: Option<Start>,
) -> UnitOutcome {
    let started = Instant::now();
    settings.progress.phase(Phase::Building);
    let mut model = model::build(ctx);
    extra(&mut model);
    let build_seconds = started.elapsed().as_secs_f64();
    let mut outcome = UnitOutcome {
        counties: ctx.unit.counties.clone(),
        status: RunStatus::Infeasible,
        chosen: vec![],
        objective: None,
        mip_gap: None,
        timed_out: false,
        build_seconds,
        solve_seconds: 0.0,
        variables: model.columns(),
        constraints: model.rows.len(),
        bound: None,
        basis: None,
        conflicts: model
            .lock_conflicts
            .iter()
            .map(|c| format!("{}: {}", crate::domain::Rule::Locks, c.reason))
            .collect(),
    };
    if !outcome.conflicts.is_empty() {
        return outcome;
    }
    // The HiGHS run needs only the columns and rows; keep the candidates
    // (one per column, many on a large county) without copying them.
    let names = export.map(|path| (path, model.column_names(ctx)));
    let candidates = std::mem::take(&mut model.candidates);
    let constant = model.objective_constant;
    let export = names.as_ref().map(|(path, names)| (*path, &names[..]));
    let only = start.as_ref().is_some_and(|start| start.only);
    let start_columns = start.as_ref().map(|start| {
        // Undefined (HiGHS's `kHighsUndefined`) but where the start says.
        let mut columns = vec![f64::INFINITY; model.columns()];
        // Candidate `c`'s column is column `c`.
        for (c, candidate) in candidates.iter().enumerate() {
            if let Some(chosen) = (start.chosen)(candidate) {
                columns[c] = if chosen { 1.0 } else { 0.0 };
            }
        }
        columns
    });
    let start = start
        .zip(start_columns.as_deref())
        .map(|(start, columns)| rens::Start {
            columns,
            bound: start.bound.map_or(f64::NEG_INFINITY, |b| b - constant),
            basis: start.basis,
            only: start.only,
        });
    // The rows transposed into the solver's columns: the last step of the
    // build.
    let transposing = Instant::now();
    let model = highs_run::SolverModel::new(model);
    outcome.build_seconds += transposing.elapsed().as_secs_f64();
    let result = highs_run::run(model, settings, export, start);
    outcome.status = result.status;
    outcome.solve_seconds = result.seconds;
    outcome.mip_gap = result.mip_gap;
    outcome.timed_out = result.timed_out;
    outcome.objective = result.objective.map(|o| o + constant);
    outcome.bound = result.bound.map(|b| b + constant);
    outcome.basis = result.basis;
    // A search over a few rosters' exchanges only (`Start::only`) says
    // nothing about the model's conflicts.
    if outcome.status == RunStatus::Infeasible && !only {
        settings.progress.phase(Phase::Explaining);
        outcome.conflicts = explain::explain(ctx, settings, extra);
    }
    if outcome.has_roster() {
        outcome.chosen = candidates
            .into_iter()
            .enumerate()
            .filter(|(c, _)| result.columns.get(*c).is_some_and(|&v| v > 0.5))
            .map(|(_, candidate)| candidate)
            .collect();
    }
    outcome
}

/// How large a unit's model is as the solver takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModelSize {
    pub columns: usize,
    pub rows: usize,
    pub nonzeros: usize,
}

/// Builds one unit's model as [`solve`] does before HiGHS starts, and
/// solves nothing: `model::build`, then the rows transposed into the
/// solver's columns, the two steps a unit's `build_seconds` counts. The
/// benches time this.
pub fn build_only(ctx: &Context) -> ModelSize {
    highs_run::SolverModel::new(model::build(ctx)).size()
}

/// Solves every unit of the data set, in parallel when there are several.
/// A unit that fails does not stop the others.
pub fn solve(
    dataset: &Dataset,
    policy: &Policy,
    horizon: &Horizon,
    history: &History,
    options: &SolveOptions,
) -> Vec<UnitOutcome> {
    let units = model::units(dataset);
    let threads = thread_budget(options.threads);
    let per_unit_threads = if units.len() == 1 { threads } else { 1 };
    options.progress.units(units.len());
    let solve_one = |unit: &Unit| {
        let settings = Settings {
            deadline: options.deadline(),
            mip_gap: options.mip_gap,
            threads: per_unit_threads as u32,
            progress: options.progress.in_unit(&unit.counties),
            pricing: if history.previous.is_empty() {
                options.pricing
            } else {
                Pricing::ToTheEnd
            },
        };
        let ctx = Context::new(dataset, policy, horizon, unit, history);
        let export = options
            .export_model
            .as_deref()
            .map(|path| export_path(path, unit, units.len()));
        let outcome = solve_unit(&ctx, &settings, export.as_deref());
        options.progress.unit_done();
        outcome
    };
    // In a pool of the threads asked for, also with one unit: building a
    // model generates its candidates in parallel (`model::candidates`).
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) if units.len() == 1 => pool.install(|| units.iter().map(solve_one).collect()),
        Ok(pool) => pool.install(|| units.par_iter().map(solve_one).collect()),
        Err(_) => units.iter().map(solve_one).collect(),
    }
}

/// With several units, `model.mps` becomes `model-<county>.mps`, one file per
/// unit (each unit is an independent MIP).
fn export_path(path: &Path, unit: &Unit, units: usize) -> PathBuf {
    if units == 1 {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .map_or("model".into(), |s| s.to_string_lossy());
    let ext = path
        .extension()
        .map_or("mps".into(), |s| s.to_string_lossy().into_owned());
    let county: String = unit.counties[0]
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    path.with_file_name(format!("{stem}-{county}.{ext}"))
}
