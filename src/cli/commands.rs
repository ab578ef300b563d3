//! One function per subcommand: load, call the library, print, map the
//! outcome to an exit code.

use std::collections::HashSet;
use std::time::Instant;

use super::{
    exit, paths, CheckArgs, DataArgs, ExplainArgs, GenerateArgs, MergeArgs, SolveArgs, SolverArgs,
    SuggestArgs, WhatifArgs,
};
use crate::domain::{Horizon, Policy};
use crate::input::{self, Diagnostics, Loaded};
use crate::lang::{tr, Language, Msg};
use crate::output::{summary_table, OutputLock};
use crate::report;
use crate::roster::RosterRow;
use crate::solve::SolveOptions;
use crate::whatif;

fn load(args: &DataArgs, language: Language) -> Result<Loaded, i32> {
    load_checked(args, Vec::new(), None, language)
}

/// Loads the data set and lists its problems together with those of the
/// command line found before (`command_line`): exit 1 if there are any.
/// `default_horizon` replaces the school year after `--as-of` when the
/// policy pins no horizon.
fn load_checked(
    args: &DataArgs,
    command_line: Vec<String>,
    default_horizon: Option<Horizon>,
    language: Language,
) -> Result<Loaded, i32> {
    let default_horizon =
        default_horizon.unwrap_or_else(|| Horizon::next_school_year(args.today()));
    let loaded =
        input::load_with_default_horizon(&args.data, args.policy.as_deref(), default_horizon);
    for problem in &command_line {
        say_err!("{problem}");
    }
    match loaded {
        Ok(loaded) if command_line.is_empty() => Ok(loaded),
        Ok(_) => {
            say_err!("{}", tr!(CliFixCommandLine));
            Err(exit::INVALID)
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics, language);
            Err(exit::INVALID)
        }
    }
}

/// Every problem, the count, and that nothing was written.
fn print_diagnostics(diagnostics: &Diagnostics, language: Language) {
    print_problems(diagnostics, language);
    say_err!("{}", Msg::CliNothingWritten.text(language));
}

fn print_problems(diagnostics: &Diagnostics, language: Language) {
    for diagnostic in &diagnostics.0 {
        say_err!("{diagnostic}");
    }
    let n = diagnostics.0.len();
    say_err!("{}", Msg::CliProblemsFound.fill(language, &[("n", &n)]));
}

/// The solver flags checked by the same rules as the policy keys they
/// override (a flag replaces the key's value, so the policy file does not
/// matter here): one problem per bad flag, naming the flag.
fn solver_flag_problems(args: &SolverArgs) -> Vec<String> {
    let mut policy = Policy::default();
    let mut given: Vec<(&str, &str)> = Vec::new();
    if let Some(seconds) = args.time_limit {
        policy.solver.time_limit_s = seconds;
        given.push(("solver.time_limit_s", "--time-limit"));
    }
    if let Some(gap) = args.gap {
        policy.solver.mip_gap = gap;
        given.push(("solver.mip_gap", "--gap"));
    }
    policy
        .problems()
        .into_iter()
        .filter_map(|problem| {
            let (key, message) = problem.split_once(": ")?;
            let (_, flag) = given.iter().find(|(k, _)| *k == key)?;
            Some(format!("{flag}: {message}"))
        })
        .collect()
}

/// The policy's `[solver]` with the flags applied, for a run started at
/// `started`; a thread count above the cores is capped, with a warning.
fn solve_options(policy: &Policy, args: &SolverArgs, started: Instant) -> SolveOptions {
    let mut options = SolveOptions::from_policy(policy);
    options.started = started;
    if let Some(seconds) = args.time_limit {
        options.time_limit_s = seconds;
    }
    if let Some(gap) = args.gap {
        options.mip_gap = gap;
    }
    if let Some(threads) = args.threads {
        options.threads = threads;
    }
    let cores = crate::solve::cores();
    if options.threads as usize > cores {
        say_err!(
            "{}",
            tr!(CliThreadsCapped, threads = options.threads, cores = cores)
        );
    }
    options
}

fn print_warnings(warnings: &[String], language: Language) {
    for warning in warnings {
        say_err!("{}", Msg::CliWarning.fill(language, &[("text", warning)]));
    }
}

pub(crate) fn validate(args: &DataArgs, language: Language) -> i32 {
    let loaded = match load(args, language) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let dataset = &loaded.dataset;
    let mut warnings = dataset.warnings.clone();
    warnings.extend(crate::check::in_force_warnings(
        dataset,
        &loaded.policy.policy,
        &loaded.horizon,
    ));
    print_warnings(&warnings, language);
    // The locks that no exchange can honour, which `solve` would refuse.
    let conflicts = crate::plan::lock_conflicts(dataset, &loaded.policy.policy, &loaded.horizon);
    if !conflicts.is_empty() {
        for conflict in &conflicts {
            say_err!("{}: {conflict}", args.data.join("locks.csv").display());
        }
        say_err!("{}", tr!(CliProblemsFound, n = conflicts.len()));
        return exit::INVALID;
    }
    let horizon = loaded
        .horizon
        .terms
        .iter()
        .map(|t| t.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    say!(
        "{}",
        Msg::CliValidateOk.fill(
            language,
            &[
                ("data", &args.data.display()),
                ("counties", &dataset.counties().len()),
                ("schools", &dataset.schools.len()),
                ("teachers", &dataset.teachers.len()),
                ("demand", &dataset.demand.len()),
                ("in_force", &dataset.in_force.len()),
                ("horizon", &horizon),
            ],
        )
    );
    exit::OK
}

pub(crate) fn solve(args: &SolveArgs, language: Language) -> i32 {
    let started = Instant::now();
    let mut log = RunLog::default();
    // A panic is an internal error (exit 4), and the log line still goes out.
    let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        solve_run(args, language, &mut log, started)
    }))
    .unwrap_or_else(|_| {
        log.status = "error";
        exit::INTERNAL
    });
    if args.log_json {
        let data = args.data.data.display().to_string();
        say!(
            "{}",
            log.json_line(data, code, started.elapsed().as_secs_f64())
        );
    }
    code
}

/// The `--log-json` line of a `solve` whose command line clap rejected (a
/// misspelt flag, a missing value): a log collector still gets its one
/// line, with the invalid-input status and exit code.
pub(crate) fn usage_error_log_line(data: Option<String>) -> String {
    let log = RunLog {
        status: "invalid_input",
        ..RunLog::default()
    };
    log.json_line(data.unwrap_or_default(), exit::INVALID, 0.0)
}

/// The figures of a `solve` run for `--log-json`, filled in as the run goes.
#[derive(Default)]
struct RunLog {
    /// `invalid_input`, a [`crate::output::Status`], or `error`.
    status: &'static str,
    report: Option<LogFigures>,
    out: Option<std::path::PathBuf>,
}

struct LogFigures {
    exchanges: u32,
    shortage_before: u64,
    shortage_after: u64,
    changes: Option<LogChanges>,
    solve_seconds: f64,
}

#[derive(serde::Serialize)]
struct LogChanges {
    added: u32,
    removed: u32,
    moved: u32,
}

impl RunLog {
    fn json_line(&self, data: String, exit_code: i32, wall_seconds: f64) -> String {
        /// Field order is the line's key order.
        #[derive(serde::Serialize)]
        struct Line<'a> {
            command: &'static str,
            data: String,
            status: &'a str,
            exit_code: i32,
            exchanges: u32,
            shortage_before: u64,
            shortage_after: u64,
            changes: Option<&'a LogChanges>,
            solve_seconds: f64,
            wall_seconds: f64,
            out: Option<String>,
        }
        let figures = self.report.as_ref();
        let line = Line {
            command: "solve",
            data,
            status: if self.status.is_empty() {
                "error"
            } else {
                self.status
            },
            exit_code,
            exchanges: figures.map_or(0, |f| f.exchanges),
            shortage_before: figures.map_or(0, |f| f.shortage_before),
            shortage_after: figures.map_or(0, |f| f.shortage_after),
            changes: figures.and_then(|f| f.changes.as_ref()),
            solve_seconds: figures.map_or(0.0, |f| f.solve_seconds),
            wall_seconds,
            out: self.out.as_ref().map(|p| p.display().to_string()),
        };
        serde_json::to_string(&line).unwrap_or_else(|e| {
            format!(r#"{{"command":"solve","status":"error","exit_code":{exit_code},"log_error":"{e}"}}"#)
        })
    }
}

/// `solve` proper. The command line's paths and values are checked before
/// anything is loaded; the output folder is then locked for the rest of the
/// run (a second run into it waits), and only then is the previous roster,
/// which may be this folder's own, read. Every way out before `report::write`
/// leaves the output folder as it was; `report::write` replaces the set.
fn solve_run(args: &SolveArgs, language: Language, log: &mut RunLog, started: Instant) -> i32 {
    // The table and the list of changes are for people; `--log-json` keeps
    // stdout to its one line.
    let human = !args.quiet && !args.log_json;
    log.status = "invalid_input";
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.data.data.join("out"));
    let mut problems = paths::output_folder("--out", &out, report::file_names());
    if let Some(path) = &args.previous {
        problems.extend(paths::existing_file("--previous", path));
    }
    if let Some(path) = &args.export_model {
        problems.extend(paths::new_file("--export-model", path));
    }
    problems.extend(solver_flag_problems(&args.solver));
    if !problems.is_empty() {
        // Listed with the data set's problems, so that one run shows all.
        return load_checked(&args.data, problems, None, language)
            .err()
            .unwrap_or(exit::INVALID);
    }
    let lock = match OutputLock::acquire(&out, |message| say_err!("{message}")) {
        Ok(lock) => lock,
        Err(error) => {
            say_err!("{}", tr!(CliOutputFolder, error = error));
            say_err!("{}", tr!(CliNothingWrittenShort));
            return exit::INVALID;
        }
    };
    // Read under the lock: a run that held it may just have replaced this
    // very file (a nightly batch re-optimizes against its own last roster).
    let previous_rows = match &args.previous {
        None => None,
        Some(path) => match input::read_roster(path) {
            Ok(rows) => Some(rows),
            Err(diagnostics) => {
                print_diagnostics(&diagnostics, language);
                return exit::INVALID;
            }
        },
    };
    // Without a [horizon] in the policy, a re-optimization keeps the
    // previous roster's horizon, not the school year after --as-of (SPEC §5).
    let default_horizon = previous_rows
        .as_deref()
        .and_then(crate::plan::horizon_of_roster);
    let loaded = match load_checked(&args.data, Vec::new(), default_horizon, language) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let (loaded, outside) = match shard(loaded, &args.county, !args.quiet) {
        Ok(shard) => shard,
        Err(code) => return code,
    };
    let policy = &loaded.policy.policy;
    let mut options = solve_options(policy, &args.solver, started);
    options.export_model = args.export_model.clone();
    let history = match &previous_rows {
        None => crate::model::History::default(),
        Some(rows) => match previous_history(&loaded, &outside, rows, args.data.today()) {
            Ok(history) => history,
            Err(code) => return code,
        },
    };
    log.status = "error";
    if let Err(error) = crate::hooks::point("solve") {
        say_err!("{}", tr!(CliError, error = error));
        return exit::INTERNAL;
    }
    let shown = super::progress::Shown::start(!args.quiet && !args.log_json);
    options.progress = shown.progress();
    let report = crate::plan::plan(&loaded.dataset, policy, &loaded.horizon, &history, &options);
    shown.finish();
    let summary = &report.summary;
    let status = summary.status;
    log.status = status.as_str();
    log.report = Some(LogFigures {
        exchanges: summary.exchanges.total,
        shortage_before: summary.shortage_before,
        shortage_after: summary.shortage_after,
        changes: summary.changed_vs_previous.as_ref().map(|c| LogChanges {
            added: c.added,
            removed: c.removed,
            moved: c.moved,
        }),
        solve_seconds: summary.solve_seconds,
    });
    if !args.quiet {
        print_warnings(&summary.warnings, language);
    }
    if human {
        say!("{}", summary_table(summary, status.has_roster(), language));
        if status.has_roster() {
            print_changes(&loaded, &history, &report);
        }
    }
    if let Some(lines) = &summary.infeasibility {
        for line in lines {
            say_err!("{line}");
        }
    }
    if !status.has_roster() {
        say_err!("{}", Msg::CliNoRoster.text(language));
        return status.exit_code();
    }
    if let Err(error) = report::write(&lock, &report) {
        say_err!("{}", tr!(CliWriteFailed, error = error));
        say_err!("{}", tr!(CliOutputsUntouched));
        log.status = "error";
        return exit::INTERNAL;
    }
    if human {
        let files = report::file_names().collect::<Vec<_>>().join(", ");
        say!(
            "{}",
            Msg::CliWrote.fill(language, &[("files", &files), ("out", &out.display())])
        );
    }
    log.out = Some(out);
    status.exit_code()
}

/// `solve --county`: the data set restricted to the named counties and
/// those tied to them (said on stderr), and the ids of the teachers left
/// out (whose rows of a previous roster belong to other shards). Without
/// `--county`, everything.
fn shard(
    loaded: Loaded,
    counties: &[String],
    tell: bool,
) -> Result<(Loaded, HashSet<String>), i32> {
    if counties.is_empty() {
        return Ok((loaded, HashSet::new()));
    }
    let selection = crate::batch::select::select(&loaded.dataset, counties).map_err(|errors| {
        for error in errors {
            say_err!("{}", tr!(CliError, error = error));
        }
        say_err!("{}", tr!(CliNothingSolved));
        exit::INVALID
    })?;
    if tell {
        for tie in &selection.ties {
            say_err!("{}", tr!(CliNote, note = tie));
        }
    }
    let dataset = crate::batch::select::restrict(&loaded.dataset, &selection.counties);
    let outside = loaded
        .dataset
        .teachers
        .iter()
        .filter(|t| {
            !selection
                .counties
                .contains(&loaded.dataset.schools[t.school].county)
        })
        .map(|t| t.id.clone())
        .collect();
    Ok((Loaded { dataset, ..loaded }, outside))
}

pub(crate) fn merge(args: &MergeArgs) -> i32 {
    let mut shards = Vec::new();
    let mut errors = paths::output_folder("--out", &args.out, report::file_names());
    for dir in &args.shards {
        match crate::batch::merge::read_shard(dir) {
            Ok(shard) => shards.push(shard),
            Err(problems) => errors.extend(problems),
        }
    }
    let merged = if errors.is_empty() {
        crate::batch::merge::merge(shards, &args.shards)
    } else {
        Err(errors)
    };
    let report = match merged {
        Ok(report) => report,
        Err(errors) => {
            for error in errors {
                say_err!("{}", tr!(CliError, error = error));
            }
            say_err!("{}", tr!(CliNothingWrittenShort));
            return exit::INVALID;
        }
    };
    let written = OutputLock::acquire(&args.out, |message| say_err!("{message}"))
        .and_then(|lock| report::write(&lock, &report));
    if let Err(error) = written {
        say_err!("{}", tr!(CliWriteFailed, error = error));
        return exit::INTERNAL;
    }
    say!(
        "{}",
        tr!(
            CliMerged,
            shards = args.shards.len(),
            counties = report.summary.counties,
            exchanges = report.summary.exchanges.total,
            files = report::file_names().collect::<Vec<_>>().join(", "),
            out = args.out.display()
        )
    );
    exit::OK
}

/// After a re-optimization, one line per teacher whose exchange changed
/// against the previous roster: what they do now and why they were chosen,
/// or, for a teacher dropped from the roster, why
/// ([`report::removal::RemovalReasons`]).
fn print_changes(loaded: &Loaded, history: &crate::model::History, report: &report::Report) {
    use crate::output::ChangeKind;

    let Some(changes) = &report.summary.changed_vs_previous else {
        return;
    };
    if changes.list.is_empty() {
        return;
    }
    let reasons = |id: &str| {
        report
            .roster
            .iter()
            .find(|row| row.teacher_id == id)
            .map_or(String::new(), |row| {
                tr!(ChangeReasons, reasons = row.reasons)
            })
    };
    let removals = report::removal::RemovalReasons::new(
        &loaded.dataset,
        &loaded.policy.policy,
        &loaded.horizon,
        history,
    );
    let none = String::new();
    for change in &changes.list {
        let id = change.teacher_id.as_str();
        let before = change.before.as_ref().unwrap_or(&none);
        let after = change.after.as_ref().unwrap_or(&none);
        let (line, why) = match change.change {
            ChangeKind::Added => (Msg::ChangeAdded, reasons(id)),
            ChangeKind::Removed => (Msg::ChangeRemoved, removals.why(id)),
            ChangeKind::Moved => (Msg::ChangeMoved, reasons(id)),
        };
        let values: [(&str, &dyn std::fmt::Display); 4] = [
            ("id", &id),
            ("before", before),
            ("after", after),
            ("why", &why),
        ];
        say!("{}", line.fill(Language::current(), &values));
    }
    say!();
}

pub(crate) fn whatif(args: &WhatifArgs, language: Language) -> i32 {
    // Everything is checked before anything is reported, so that one run
    // lists every problem with the data and every scenario.
    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| whatif::default_out_dir(&args.data.data));
    let mut command_line = paths::output_folder("--out", &out_dir, []);
    command_line.extend(solver_flag_problems(&args.solver));
    for problem in &command_line {
        say_err!("{problem}");
    }
    let (scenarios, mut errors) = whatif::parse_each(&args.scenario, &args.scenario_file);
    let today = args.data.today();
    let loaded = match input::load(&args.data.data, args.data.policy.as_deref(), today) {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            print_problems(&diagnostics, language);
            return print_scenario_errors(&errors);
        }
    };
    if !errors.is_empty() || !command_line.is_empty() {
        if let Err(more) = whatif::prepare(&loaded, &args.data.data, today, &scenarios) {
            errors.extend(more);
        }
        return print_scenario_errors(&errors);
    }
    let request = whatif::Request {
        data_dir: &args.data.data,
        base: &loaded,
        today,
        scenarios: &scenarios,
        out_dir,
        settings: whatif::Settings {
            time_limit_s: args.solver.time_limit,
            mip_gap: args.solver.gap,
            threads: args
                .solver
                .threads
                .unwrap_or(loaded.policy.policy.solver.threads),
        },
    };
    let outcome = match whatif::whatif(&request) {
        Ok(outcome) => outcome,
        Err(errors) => return print_scenario_errors(&errors),
    };
    print_warnings(&loaded.dataset.warnings, language);
    for run in &outcome.runs {
        for line in run.report.summary.infeasibility.iter().flatten() {
            say_err!("{}: {line}", run.name);
        }
        if let Some(error) = &run.write_error {
            say_err!("{}", tr!(CliError, error = error));
        }
    }
    if let Some(error) = &outcome.table_error {
        say_err!("{}", tr!(CliError, error = error));
    }
    {
        use std::io::Write as _;
        let _ = write!(
            std::io::stdout(),
            "{}",
            whatif::table::render_text(&outcome.rows)
        );
    }
    say!();
    say!(
        "{}",
        tr!(
            CliWhatifTimes,
            plans = outcome.runs.len(),
            concurrent = outcome.threads.concurrent,
            threads = outcome.threads.per_plan,
            wall = format!("{:.1}", outcome.wall_seconds),
            solving = format!("{:.1}", outcome.solve_seconds()),
            planning = format!("{:.1}", outcome.plan_seconds())
        )
    );
    say!(
        "{}",
        tr!(
            CliWhatifWrote,
            table = whatif::TABLE_FILE,
            out = outcome.out_dir.display()
        )
    );
    outcome.exit_code()
}

fn print_scenario_errors(errors: &[whatif::ScenarioError]) -> i32 {
    for error in errors {
        say_err!("{error}");
    }
    if !errors.is_empty() {
        say_err!("{}", tr!(CliScenarioProblems, n = errors.len()));
    }
    say_err!("{}", tr!(CliNothingSolvedFix));
    exit::INVALID
}

/// The previous roster's rows as a re-optimization's history; a roster
/// that does not fit the data set is invalid input. Rows of teachers in
/// `outside` (of counties another shard solves) are left to that shard.
fn previous_history(
    loaded: &Loaded,
    outside: &HashSet<String>,
    rows: &[(u64, RosterRow)],
    as_of: chrono::NaiveDate,
) -> Result<crate::model::History, i32> {
    let rows: Vec<(u64, RosterRow)> = rows
        .iter()
        .filter(|(_, row)| !outside.contains(&row.teacher_id))
        .cloned()
        .collect();
    crate::plan::history_from_roster(&loaded.dataset, &loaded.horizon, &rows, as_of).map_err(
        |problems| {
            for problem in problems {
                say_err!("{problem}");
            }
            say_err!("{}", tr!(CliFixPrevious));
            exit::INVALID
        },
    )
}

pub(crate) fn check(args: &CheckArgs, language: Language) -> i32 {
    let loaded = match load(&args.data, language) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let read = |path: &std::path::Path| {
        input::read_roster(path).map_err(|diagnostics| {
            print_problems(&diagnostics, language);
            exit::INVALID
        })
    };
    let rows = match read(&args.roster) {
        Ok(rows) => rows,
        Err(code) => return code,
    };
    let other = match args.against.as_deref().map(read).transpose() {
        Ok(other) => other,
        Err(code) => return code,
    };
    let (dataset, policy, horizon) = (&loaded.dataset, &loaded.policy.policy, &loaded.horizon);
    let report = crate::check::check_roster(dataset, policy, horizon, &rows);
    print_warnings(&report.warnings, language);
    for violation in &report.violations {
        say!("{violation}");
    }
    let roster = args.roster.display();
    let score = crate::check::score_roster(dataset, policy, horizon, &rows);
    say!("{}", tr!(CheckScoreHeading));
    for line in score.lines(policy) {
        say!("  {line}");
    }
    if let (Some(path), Some(other)) = (&args.against, &other) {
        let base = crate::check::score_roster(dataset, policy, horizon, other);
        let changes = score.against(&base, policy);
        say!("{}", tr!(CheckAgainstHeading, path = path.display()));
        for change in &changes {
            let difference = crate::check::score::signed(change.difference);
            let line = tr!(
                ScoreTier,
                tier = change.tier,
                name = crate::output::table::pad(&change.name, 28),
                value = format!("{difference:>10}")
            );
            say!("  {line}  {}", change.words);
        }
        say!(
            "{}",
            tr!(
                CheckAgainst,
                roster = args.roster.display(),
                other = path.display(),
                words = crate::check::in_words(&changes)
            )
        );
    }
    if report.violations.is_empty() {
        let n = rows.len();
        say!(
            "{}",
            Msg::CliCheckOk.fill(language, &[("roster", &roster), ("n", &n)])
        );
        exit::OK
    } else {
        let n = report.violations.len();
        say!(
            "{}",
            Msg::CliCheckViolations.fill(language, &[("roster", &roster), ("n", &n)])
        );
        exit::INVALID
    }
}

/// The planner `explain` and `suggest` re-optimize with; the run's time
/// limit counts from `started`, the command's start.
fn planner<'a>(
    loaded: &'a Loaded,
    solver: &SolverArgs,
    started: Instant,
) -> crate::advise::Planner<'a> {
    let policy = &loaded.policy.policy;
    crate::advise::Planner::new(
        &loaded.dataset,
        policy,
        &loaded.horizon,
        solve_options(policy, solver, started),
    )
}

pub(crate) fn explain(args: &ExplainArgs, language: Language) -> i32 {
    use crate::advise::explain;

    let started = Instant::now();
    let loaded = match load(&args.data, language) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let dataset = &loaded.dataset;
    let mut teachers = Vec::new();
    let mut unknown = Vec::new();
    for id in &args.teachers {
        match dataset.teacher_index(id.trim()) {
            Some(t) => teachers.push(t),
            None => unknown.push(id.as_str()),
        }
    }
    if !unknown.is_empty() {
        say_err!("{}", tr!(CliNoTeacher, ids = unknown.join(", ")));
        return exit::INVALID;
    }
    let planner = planner(&loaded, &args.solver, started);
    let baseline = match &args.roster {
        Some(path) => {
            let rows = match input::read_roster(path) {
                Ok(rows) => rows,
                Err(diagnostics) => {
                    say_err!("{diagnostics}");
                    return exit::INVALID;
                }
            };
            match planner.given(&rows) {
                Ok(baseline) => baseline,
                Err(problems) => {
                    for problem in problems {
                        say_err!("{}: {problem}", path.display());
                    }
                    return exit::INVALID;
                }
            }
        }
        None => match planner.optimum() {
            Ok(baseline) => baseline,
            Err(message) => {
                say_err!("{message}");
                return exit::INFEASIBLE;
            }
        },
    };
    let answers = explain::explain_all(&planner, &baseline, &teachers);
    if args.json {
        say!(
            "{}",
            serde_json::to_string_pretty(&answers).unwrap_or_default()
        );
    } else {
        for answer in &answers {
            for line in explain::render(answer) {
                say!("{line}");
            }
            say!();
        }
    }
    exit::OK
}

pub(crate) fn suggest(args: &SuggestArgs, language: Language) -> i32 {
    use crate::advise::suggest::{self, Target};

    let started = Instant::now();
    let loaded = match load(&args.data, language) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let dataset = &loaded.dataset;
    let target = match (&args.post, &args.teacher) {
        (Some(post), _) => parse_post(&loaded, post),
        (None, Some(id)) => dataset
            .teacher_index(id.trim())
            .map(Target::Teacher)
            .ok_or_else(|| tr!(CliTeacherFlag, id = id)),
        (None, None) => Err(tr!(CliPostOrTeacher)),
    };
    let target = match target {
        Ok(target) => target,
        Err(message) => {
            say_err!("{}", tr!(CliError, error = message));
            return exit::INVALID;
        }
    };
    let planner = planner(&loaded, &args.solver, started);
    let baseline = match planner.optimum() {
        Ok(baseline) => baseline,
        Err(message) => {
            say_err!("{message}");
            return exit::INFEASIBLE;
        }
    };
    let top = args.top as usize;
    let suggestion = suggest::suggest(&planner, &baseline, &target, top);
    if args.json {
        say!(
            "{}",
            serde_json::to_string_pretty(&suggestion).unwrap_or_default()
        );
    } else {
        for line in suggest::render(&suggestion, top) {
            say!("{line}");
        }
    }
    exit::OK
}

/// `SCHOOL,SUBJECT[,TERM]` of `suggest --post`.
fn parse_post(loaded: &Loaded, post: &str) -> Result<crate::advise::suggest::Target, String> {
    let parts: Vec<&str> = post.split(',').map(str::trim).collect();
    let (school, subject, term) = match parts[..] {
        [school, subject] => (school, subject, None),
        [school, subject, term] => (school, subject, Some(term)),
        _ => return Err(tr!(CliPostForm, post = format!("{post:?}"))),
    };
    let school = loaded
        .dataset
        .school_index(school)
        .ok_or_else(|| tr!(CliPostSchool, school = school))?;
    let term = match term {
        None => None,
        Some(id) => Some(loaded.horizon.term_index(id).ok_or_else(|| {
            let ids: Vec<&str> = loaded.horizon.terms.iter().map(|t| t.id.as_str()).collect();
            tr!(CliPostTerm, id = id, terms = ids.join(", "))
        })?),
    };
    Ok(crate::advise::suggest::Target::Post {
        school,
        subject: crate::domain::Subject::new(subject),
        term,
    })
}

pub(crate) fn generate(args: &GenerateArgs) -> i32 {
    let params = crate::generate::GenerateParams {
        counties: args.counties,
        schools_per_county: args.schools_per_county,
        teachers_per_school: args.teachers_per_school,
        seed: args.seed,
        horizon_start_year: args.year,
    };
    match crate::generate::generate(&params, &args.out) {
        Ok(stats) => {
            say!("{stats}");
            say!("{}", tr!(CliWroteDataSet, out = args.out.display()));
            exit::OK
        }
        Err(error) => {
            say_err!(
                "{}",
                tr!(CliGenerateFailed, out = args.out.display(), error = error)
            );
            exit::INVALID
        }
    }
}
