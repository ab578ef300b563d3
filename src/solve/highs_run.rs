//! Runs one model through HiGHS (LP first, see [`super::rens`]) and reads
//! back what the summary needs (status, objective, gap), which good_lp's
//! own `solve` does not expose.

use std::ffi::CString;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use highs::{ColProblem, HighsModelStatus};

use super::columns::Columns;
use super::pricing::Basis;
use super::progress::Progress;
use super::{ffi, rens, Pricing};
use crate::model::Model;

/// Solver settings for one run.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Settings {
    /// When the whole run must end: every HiGHS search of the run, the
    /// explanation of an infeasible unit included, gets what is left.
    pub(crate) deadline: Instant,
    pub(crate) mip_gap: f64,
    /// HiGHS threads for this run (at least 1).
    pub(crate) threads: u32,
    /// Told the phase of each search.
    pub(crate) progress: Progress,
    /// When pricing ends ([`rens::Problem::early_rounding`]). To the end
    /// where the roster is compared row by row with another (a previous
    /// roster, the baseline of explain's and suggest's forced re-solves):
    /// an unfinished LP's rounding may trade rows that the full LP's keeps,
    /// free within the gap, and they would read as changes (on the
    /// 150 × 33 county, 307 changed rows in an `explain` answer against 8).
    pub(crate) pricing: Pricing,
}

/// How a HiGHS run ended.
#[derive(Clone, Debug, PartialEq)]
pub enum RunStatus {
    /// Proven optimal within the requested gap.
    Optimal,
    /// Stopped by the time limit with a feasible roster.
    Feasible,
    /// The hard rules cannot all hold.
    Infeasible,
    /// Stopped by the time limit before any feasible roster was found.
    NoSolution,
    Error(String),
}

#[derive(Clone, Debug)]
pub(crate) struct RunResult {
    pub(crate) status: RunStatus,
    /// Value of every column, in column order (empty without a solution).
    pub(crate) columns: Vec<f64>,
    pub(crate) objective: Option<f64>,
    pub(crate) mip_gap: Option<f64>,
    pub(crate) seconds: f64,
    /// A search stopped on the time limit (see [`rens::Outcome::timed_out`]).
    pub(crate) timed_out: bool,
    /// A lower bound of the objective, when one is known
    /// ([`rens::Outcome::bound`]).
    pub(crate) bound: Option<f64>,
    /// Where the last LP ended ([`rens::Outcome::basis`]).
    pub(crate) basis: Option<Arc<Basis>>,
}

impl RunResult {
    fn failed(status: RunStatus, seconds: f64) -> RunResult {
        RunResult {
            timed_out: status == RunStatus::NoSolution,
            status,
            columns: vec![],
            objective: None,
            mip_gap: None,
            seconds,
            bound: None,
            basis: None,
        }
    }
}

/// A model as the solver takes it: the rows transposed into columns
/// ([`Columns`]), what the searches read besides, and the rows' names for
/// an export. Making it is the last step of building a model (the CLI's
/// `build_seconds` counts it).
pub(crate) struct SolverModel {
    columns: Columns,
    row_names: Vec<String>,
    /// How many candidates: the model's first columns.
    candidates: usize,
    swap_class: Vec<usize>,
    first_lp: Vec<bool>,
    objective_constant: f64,
}

impl SolverModel {
    pub(crate) fn new(model: Model) -> SolverModel {
        let Model {
            variables,
            chosen,
            swap_class,
            first_lp,
            mut rows,
            objective,
            objective_constant,
            ..
        } = model;
        let row_names: Vec<String> = rows
            .iter_mut()
            .map(|row| std::mem::take(&mut row.name))
            .collect();
        SolverModel {
            columns: Columns::new(&variables, &objective, rows),
            row_names,
            candidates: chosen.len(),
            swap_class,
            first_lp,
            objective_constant,
        }
    }

    /// How large the model is.
    pub(crate) fn size(&self) -> super::ModelSize {
        super::ModelSize {
            columns: self.columns.len(),
            rows: self.columns.rows(),
            nonzeros: self.columns.nonzeros(),
        }
    }
}

/// Solves `model`, first writing it as MPS to `export` if given (the path
/// and the name of every column, see `Model::column_names`), its searches
/// starting from `start` (see [`rens::Problem::start`]).
///
/// HiGHS keeps its thread pool in thread-local storage and fixes its size on
/// the first solve of each OS thread, so every run gets a fresh scoped
/// thread whose pool is shut down afterwards: runs with different thread
/// counts, and runs side by side, then never disturb each other.
pub(crate) fn run(
    model: SolverModel,
    settings: &Settings,
    export: Option<(&Path, &[String])>,
    start: Option<rens::Start>,
) -> RunResult {
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let result = run_on_this_thread(model, settings, export, start);
                // SAFETY: shuts down this thread's HiGHS scheduler; no HiGHS
                // object is alive on this thread any more.
                unsafe { highs_sys::Highs_resetGlobalScheduler(1) };
                result
            })
            .join()
            .unwrap_or_else(|_| {
                RunResult::failed(RunStatus::Error("HiGHS run panicked".into()), 0.0)
            })
    })
}

fn run_on_this_thread(
    model: SolverModel,
    settings: &Settings,
    export: Option<(&Path, &[String])>,
    start: Option<rens::Start>,
) -> RunResult {
    let SolverModel {
        columns,
        row_names,
        candidates,
        swap_class,
        first_lp,
        objective_constant,
    } = model;
    if columns.len() == 0 {
        // Nobody can move and nothing is asked: the empty roster is optimal.
        // (HiGHS rejects a model without columns.)
        return RunResult {
            status: RunStatus::Optimal,
            columns: vec![],
            objective: Some(0.0),
            mip_gap: Some(0.0),
            seconds: 0.0,
            timed_out: false,
            bound: Some(0.0),
            basis: None,
        };
    }
    let open = |problem: ColProblem| -> Result<highs::Model, String> {
        let mut model = highs::Model::try_new(problem)
            .map_err(|e| format!("HiGHS refused the model: {e:?}"))?;
        configure(&mut model, settings)?;
        Ok(model)
    };
    if let Some((path, column_names)) = export {
        // The whole model, every candidate included, in a HiGHS model of
        // its own.
        let every: Vec<usize> = (0..columns.len()).collect();
        let written = open(columns.problem(&every, true)).and_then(|mut full| {
            write_mps(
                &mut full,
                column_names,
                &row_names,
                objective_constant,
                path,
            )
        });
        if let Err(message) = written {
            return RunResult::failed(RunStatus::Error(message), 0.0);
        }
    }

    let started = Instant::now();
    let binaries: Vec<usize> = (0..candidates).collect();
    let problem = rens::Problem {
        columns: &columns,
        binaries: &binaries,
        classes: &swap_class,
        first_lp: &first_lp,
        start,
        // A round of fewer columns is cheap, and the full LP's rounding
        // keeps what its optimum keeps, so a small unit prices to the end.
        early_rounding: (settings.pricing != Pricing::ToTheEnd)
            .then_some(super::pricing::ENTER_AT_LEAST),
        price_on: settings.pricing == Pricing::OnPastProof,
    };
    let outcome = rens::solve(
        &problem,
        &open,
        settings.deadline,
        settings.mip_gap,
        &|phase| settings.progress.phase(phase),
    );
    let rens::Outcome {
        status: highs_status,
        roster,
        gap,
        within_gap,
        timed_out,
        bound,
        basis,
    } = match outcome {
        Ok(outcome) => outcome,
        Err(message) => {
            return RunResult::failed(RunStatus::Error(message), started.elapsed().as_secs_f64())
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let status = match highs_status {
        // Proven against a bound of the full model, even if the last
        // search was cut short by the time limit.
        _ if within_gap => RunStatus::Optimal,
        HighsModelStatus::Optimal => RunStatus::Optimal,
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
            RunStatus::Infeasible
        }
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedInterrupt
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedMemoryLimit => {
            if roster.is_some() {
                RunStatus::Feasible
            } else {
                RunStatus::NoSolution
            }
        }
        HighsModelStatus::ModelEmpty => RunStatus::Optimal,
        other => RunStatus::Error(format!("HiGHS ended with status {other:?}")),
    };
    if !matches!(status, RunStatus::Optimal | RunStatus::Feasible) {
        return RunResult {
            timed_out,
            ..RunResult::failed(status, seconds)
        };
    }
    let Some(roster) = roster else {
        // An empty model is optimal with nothing to choose.
        if highs_status == HighsModelStatus::ModelEmpty {
            return RunResult {
                status,
                columns: vec![],
                objective: Some(0.0),
                mip_gap: Some(0.0),
                seconds,
                timed_out,
                bound: Some(0.0),
                basis: None,
            };
        }
        return RunResult::failed(
            RunStatus::Error("HiGHS reported no solution".into()),
            seconds,
        );
    };
    RunResult {
        status,
        columns: roster.columns,
        objective: Some(roster.objective),
        // No finite gap without a bound of the full model.
        mip_gap: gap.filter(|gap| gap.is_finite()).map(|gap| gap.max(0.0)),
        seconds,
        timed_out,
        bound: Some(bound).filter(|b| b.is_finite()),
        basis: basis.map(Arc::new),
    }
}

/// HiGHS's presolve rules that every run switches off, for
/// `presolve_rule_off`:
///
/// - `kPresolveRuleFreeColSubstitution`: tiers 4 to 7 are charged on
///   penalty columns (`model::objective`) to keep the objective short;
///   free-column substitution would fold them back into one cost per
///   candidate, which made a 5,000-teacher county twice as slow (HiGHS
///   propagates the objective over every column with a cost).
/// - `kPresolveRuleEnumeration` (MIPs only): it enumerates the solutions
///   of small groups of rows to fix and tie columns, and on a start's
///   completion (`rens::Start`) it took most of the presolve: in one
///   `suggest --top 5` on the 150 × 33 county (seed 7, `--gap 1e-4`), two
///   completions of 4,348 and 4,371 candidates spent 6.8 and 7.5 s in
///   presolve, against under 0.1 s without the rule, and the answers were
///   the same, byte for byte (the whole `suggest` 28 s against 44 s).
pub(crate) const PRESOLVE_RULES_OFF: i32 = (1 << 8) | (1 << 16);

/// Sets the run's options on a new HiGHS model (the time limit is set
/// before each solve, see `rens::limit_time`).
fn configure(model: &mut highs::Model, settings: &Settings) -> Result<(), String> {
    // ROTAPLAN_SOLVER_LOG=1 shows HiGHS's own log on stderr, for tuning.
    let log = std::env::var_os("ROTAPLAN_SOLVER_LOG").is_some();
    let rejected = |key: &str| format!("HiGHS rejected the option {key}");
    for (key, value) in [("output_flag", log), ("log_to_console", log)] {
        model
            .try_set_option(key, value)
            .map_err(|_| rejected(key))?;
    }
    model
        .try_set_option("mip_rel_gap", settings.mip_gap)
        .map_err(|_| format!("HiGHS rejected mip_rel_gap={}", settings.mip_gap))?;
    model
        .try_set_option("presolve_rule_off", PRESOLVE_RULES_OFF)
        .map_err(|_| rejected("presolve_rule_off"))?;
    model
        .try_set_option("threads", settings.threads.max(1) as i32)
        .map_err(|_| rejected("threads"))?;
    apply_developer_options(model)
}

/// Writes the model in MPS with the rule-named rows and columns and the
/// objective constant (SPEC §5), through HiGHS's own writer, so another
/// solver gets exactly what HiGHS solves, and its optimum is the run's
/// objective.
///
/// HiGHS does not report a failed write (a full disk gave a 0-byte file
/// and success), so it writes a temporary file beside `path`, which must
/// end with MPS's closing `ENDATA` line before it is renamed into place:
/// `path` holds a complete model or stays as it was.
fn write_mps(
    model: &mut highs::Model,
    column_names: &[String],
    row_names: &[String],
    objective_constant: f64,
    path: &Path,
) -> Result<(), String> {
    let ptr = model.as_mut_ptr();
    let to_c = |s: &str| CString::new(s.replace('\0', "")).unwrap_or_default();
    let columns = unique_names(column_names);
    let rows = unique_names(row_names);
    for (i, name) in columns.iter().enumerate() {
        let name = to_c(name);
        // SAFETY: `ptr` is a live Highs object; index within its columns.
        let status = unsafe { highs_sys::Highs_passColName(ptr, i as _, name.as_ptr()) };
        if status == highs_sys::STATUS_ERROR {
            return Err(format!("HiGHS refused the column name {:?}", columns[i]));
        }
    }
    for (i, name) in rows.iter().enumerate() {
        let name = to_c(name);
        // SAFETY: as above, for rows.
        let status = unsafe { highs_sys::Highs_passRowName(ptr, i as _, name.as_ptr()) };
        if status == highs_sys::STATUS_ERROR {
            return Err(format!("HiGHS refused the row name {:?}", rows[i]));
        }
    }
    let failed = |why: String| format!("could not write the model to {}: {why}", path.display());
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".model-").suffix(".mps");
    crate::output::set::with_umask(&mut builder, 0o666);
    let temp = builder
        .tempfile_in(dir)
        .map_err(|e| failed(e.to_string()))?;
    let file = to_c(&temp.path().to_string_lossy());
    // The model is written only (the solves, whose reported objective
    // adds the constant itself, have models of their own).
    ffi::set_objective_offset(model, objective_constant)?;
    // SAFETY: `ptr` is live.
    let status = unsafe { highs_sys::Highs_writeModel(ptr, file.as_ptr()) };
    if status == highs_sys::STATUS_ERROR {
        return Err(failed("HiGHS could not write it".into()));
    }
    crate::hooks::point("export")
        .and_then(|()| complete_mps(temp.path()))
        .map_err(|e| failed(e.to_string()))?;
    temp.persist(path)
        .map_err(|e| failed(e.error.to_string()))?;
    Ok(())
}

/// Checks that an MPS file ends with its `ENDATA` line (what a write cut
/// short by a full disk loses first) and is on disk.
fn complete_mps(path: &Path) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    let length = file.seek(SeekFrom::End(0))?;
    file.seek(SeekFrom::Start(length.saturating_sub(16)))?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail)?;
    if tail.trim_ascii_end().ends_with(b"ENDATA") {
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)?
            .sync_all()
    } else {
        Err(std::io::Error::other(
            "the file was cut short (is the disk full?)",
        ))
    }
}

/// `names` with each repeat made unique by a `~N` suffix, so that HiGHS
/// keeps them (it drops every name, falling back to `r0`, `r1`, …, when
/// two are the same). The model names rows uniquely; this is a guard.
fn unique_names(names: &[String]) -> Vec<std::borrow::Cow<'_, str>> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    names
        .iter()
        .map(|name| {
            let count = seen.entry(name.as_str()).or_insert(0);
            *count += 1;
            if *count == 1 {
                std::borrow::Cow::Borrowed(name.as_str())
            } else {
                std::borrow::Cow::Owned(format!("{name}~{count}"))
            }
        })
        .collect()
}

/// `ROTAPLAN_HIGHS_OPTIONS="mip_heuristic_effort=0.3,presolve=off"` passes
/// options straight to HiGHS: a tuning knob for developers, not a user
/// setting (users have `[solver]` in the policy).
fn apply_developer_options(model: &mut highs::Model) -> Result<(), String> {
    let Ok(options) = std::env::var("ROTAPLAN_HIGHS_OPTIONS") else {
        return Ok(());
    };
    for pair in options.split(',').filter(|p| !p.trim().is_empty()) {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("ROTAPLAN_HIGHS_OPTIONS: {pair:?} is not key=value"))?;
        let (key, value) = (key.trim(), value.trim());
        let accepted = if let Ok(v) = value.parse::<i32>() {
            model.try_set_option(key, v).is_ok() || model.try_set_option(key, v as f64).is_ok()
        } else if let Ok(v) = value.parse::<f64>() {
            model.try_set_option(key, v).is_ok()
        } else if let Ok(v) = value.parse::<bool>() {
            model.try_set_option(key, v).is_ok()
        } else {
            model.try_set_option(key, value).is_ok()
        };
        if !accepted {
            return Err(format!("HiGHS rejected option {key}={value}"));
        }
    }
    Ok(())
}
