//! The `rotaplan` command line (SPEC §5): argument parsing and printing only;
//! the work is done by the library.

/// `println!` that ignores a closed stdout (`rotaplan solve … | head`): the
/// printed table is a courtesy, and failing to print it must never stop a
/// run from writing its outputs.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `eprintln!` that ignores a closed stderr (`rotaplan solve … 2>&1 | head`):
/// `eprintln!` panics when stderr is a closed pipe, which would end a run
/// before it writes its outputs.
macro_rules! say_err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod commands;
mod paths;
mod progress;

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::lang::Language;

/// Exit codes (SPEC §5).
pub(crate) mod exit {
    pub(crate) const OK: i32 = 0;
    /// Invalid input, or an invalid roster (`check`).
    pub(crate) const INVALID: i32 = 1;
    pub(crate) const INFEASIBLE: i32 = 2;
    pub(crate) const TIME_LIMIT: i32 = 3;
    pub(crate) const INTERNAL: i32 = 4;
}

#[derive(Parser, Debug)]
#[command(
    name = "rotaplan",
    version,
    about = "Plans a county's teacher exchanges (交流轮岗, 支教, 跟岗学习) with a mixed-integer model",
    long_about = None
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// Language of messages and printed tables (default: Chinese when the
    /// locale, LC_ALL or LANG, starts with zh, otherwise English).
    #[arg(long, global = true, value_enum)]
    pub(crate) lang: Option<Language>,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Load and check a data set; list every problem; exit 1 if any.
    Validate(DataArgs),
    /// Solve a data set and write roster.csv, coverage.csv, summary.json,
    /// roster.xlsx and report.html.
    Solve(SolveArgs),
    /// Check a roster (for example one edited by hand) against every hard rule.
    Check(CheckArgs),
    /// Why a teacher is in the roster (and what the plan loses without
    /// them), or why not (the rules by number, or their best placement).
    Explain(ExplainArgs),
    /// The best ways to fill a post or place a teacher, each re-optimized
    /// and costed tier by tier against the optimum.
    Suggest(SuggestArgs),
    /// Solve the policy and variations of it side by side; compare them.
    Whatif(WhatifArgs),
    /// Write a realistic synthetic data set (deterministic for a seed).
    Generate(GenerateArgs),
    /// Merge the outputs of `solve --county` runs over disjoint sets of
    /// counties into the set one run over all of them writes.
    Merge(MergeArgs),
}

#[derive(Args, Debug)]
pub(crate) struct DataArgs {
    /// Data folder with schools.csv, teachers.csv, demand.csv, ….
    pub(crate) data: PathBuf,
    /// Policy file (default: DATA/policy.toml if present, else built-in defaults).
    #[arg(long, value_name = "FILE")]
    pub(crate) policy: Option<PathBuf>,
    /// The date "today" is taken as: the default horizon is the school year
    /// after it, and a re-optimization keeps exchanges started by then.
    #[arg(long, value_name = "DATE")]
    pub(crate) as_of: Option<NaiveDate>,
}

impl DataArgs {
    pub(crate) fn today(&self) -> NaiveDate {
        self.as_of
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

#[derive(Args, Debug)]
pub(crate) struct SolveArgs {
    #[command(flatten)]
    pub(crate) data: DataArgs,
    /// Output folder (default: DATA/out).
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// A previous roster to re-optimize against: changes to it are kept few.
    #[arg(long, value_name = "ROSTER")]
    pub(crate) previous: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) solver: SolverArgs,
    /// Also write the exact MIP in MPS format (one file per county when the
    /// data set has several).
    #[arg(long, value_name = "FILE.mps")]
    pub(crate) export_model: Option<PathBuf>,
    /// Solve only this county (repeat for more), to split a batch across
    /// machines; `merge` puts the shards together. A county tied to another
    /// (a couple living in both) is solved with it.
    #[arg(long, value_name = "C")]
    pub(crate) county: Vec<String>,
    /// Print nothing on stdout; errors still go to stderr (for cron).
    #[arg(long)]
    pub(crate) quiet: bool,
    /// Print exactly one JSON line on stdout at the end of the run, whatever
    /// its outcome, and nothing else there (for log collectors): command,
    /// data, status, exit_code, exchanges, shortage_before, shortage_after,
    /// changes, solve_seconds, wall_seconds, out.
    #[arg(long)]
    pub(crate) log_json: bool,
}

#[derive(Args, Debug)]
pub(crate) struct WhatifArgs {
    #[command(flatten)]
    pub(crate) data: DataArgs,
    /// A variation of the policy: a name, then the policy keys it changes,
    /// e.g. `tight:quota.min_fraction=0.15,distance.max_km=40`. Values are
    /// TOML (`0.15`, `true`, `"strict"`, `{ M = 60, F = 55 }`) or plain text.
    /// Repeat for more scenarios.
    #[arg(
        long,
        value_name = "NAME:KEY=VALUE[,KEY=VALUE...]",
        required_unless_present = "scenario_file"
    )]
    pub(crate) scenario: Vec<String>,
    /// A partial policy.toml merged over the policy; the scenario is named
    /// after the file's stem. Repeat for more scenarios.
    #[arg(long, value_name = "FILE.toml")]
    pub(crate) scenario_file: Vec<PathBuf>,
    /// Output folder: one folder per scenario (and `base`) and whatif.csv
    /// (default: DATA/out/whatif).
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) solver: SolverArgs,
}

/// Overrides of the policy's `[solver]` section.
#[derive(Args, Debug)]
pub(crate) struct SolverArgs {
    /// Time limit in seconds for the whole run: loading, solving every
    /// county and explaining an infeasible one (overrides solver.time_limit_s).
    #[arg(long, value_name = "S")]
    pub(crate) time_limit: Option<f64>,
    /// Relative MIP gap at which to stop (overrides solver.mip_gap).
    #[arg(long, value_name = "G")]
    pub(crate) gap: Option<f64>,
    /// Threads in all, shared by the models solved at once; 0 = all cores,
    /// and never more than the cores (overrides solver.threads).
    #[arg(long, value_name = "N")]
    pub(crate) threads: Option<u32>,
}

#[derive(Args, Debug)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) data: DataArgs,
    /// The roster CSV to check.
    pub(crate) roster: PathBuf,
    /// Another roster of the same data (for example the solver's, before a
    /// hand edit): print the difference tier by tier.
    #[arg(long, value_name = "OTHER")]
    pub(crate) against: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub(crate) struct ExplainArgs {
    #[command(flatten)]
    pub(crate) data: DataArgs,
    /// The roster to explain (default: solve for the optimal one).
    #[arg(long, value_name = "ROSTER")]
    pub(crate) roster: Option<PathBuf>,
    /// Teachers to explain, by id.
    #[arg(required = true, value_name = "TEACHER_ID")]
    pub(crate) teachers: Vec<String>,
    /// Print JSON for programs.
    #[arg(long)]
    pub(crate) json: bool,
    #[command(flatten)]
    pub(crate) solver: SolverArgs,
}

#[derive(Args, Debug)]
#[command(group = clap::ArgGroup::new("target").required(true).args(["post", "teacher"]))]
pub(crate) struct SuggestArgs {
    #[command(flatten)]
    pub(crate) data: DataArgs,
    /// The post to fill: school id, subject and optionally a term id.
    #[arg(long, value_name = "SCHOOL,SUBJECT[,TERM]")]
    pub(crate) post: Option<String>,
    /// The teacher to place, by id.
    #[arg(long, value_name = "ID")]
    pub(crate) teacher: Option<String>,
    /// How many ways to show.
    #[arg(long, value_name = "K", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub(crate) top: u32,
    /// Print JSON for programs.
    #[arg(long)]
    pub(crate) json: bool,
    #[command(flatten)]
    pub(crate) solver: SolverArgs,
}

#[derive(Args, Debug)]
pub(crate) struct MergeArgs {
    /// Output folders of `solve --county` runs (one per shard).
    #[arg(required = true, value_name = "OUT_DIR")]
    pub(crate) shards: Vec<PathBuf>,
    /// Folder to write the merged outputs into.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: PathBuf,
}

#[derive(Args, Debug)]
pub(crate) struct GenerateArgs {
    #[arg(long, value_name = "N")]
    pub(crate) counties: usize,
    #[arg(long, value_name = "S")]
    pub(crate) schools_per_county: usize,
    #[arg(long, value_name = "T")]
    pub(crate) teachers_per_school: usize,
    #[arg(long, value_name = "K")]
    pub(crate) seed: u64,
    /// Autumn year of the horizon the data is made for.
    #[arg(long, value_name = "YEAR", default_value_t = 2027)]
    pub(crate) year: i32,
    /// Folder to write the data set into.
    pub(crate) out: PathBuf,
}

/// For a rejected command line: whether it was `solve … --log-json`, and
/// then its data folder if one can be told (the first argument that is not
/// a flag; flags that take a value are not told apart, so this is a best
/// guess for the log line only).
fn solve_with_log_json(args: impl Iterator<Item = String>) -> Option<Option<String>> {
    let args: Vec<String> = args.collect();
    let solve_at = args.iter().position(|a| !a.starts_with('-'))?;
    if args[solve_at] != "solve" || !args.iter().any(|a| a == "--log-json") {
        return None;
    }
    Some(
        args[solve_at + 1..]
            .iter()
            .find(|a| !a.starts_with('-'))
            .cloned(),
    )
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    // clap exits with 2 on a usage error, which SPEC §5 gives to
    // "infeasible"; a bad command line is invalid input (1).
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            if !err.use_stderr() {
                return exit::OK; // --help, --version
            }
            if let Some(data) = solve_with_log_json(std::env::args().skip(1)) {
                // Not println!: a closed stdout must not panic here either.
                let line = commands::usage_error_log_line(data);
                let _ = writeln!(std::io::stdout(), "{line}");
            }
            return exit::INVALID;
        }
    };
    let language = cli.lang.unwrap_or_else(Language::from_locale);
    language.set_current();
    match cli.command {
        Command::Validate(args) => commands::validate(&args, language),
        Command::Solve(args) => commands::solve(&args, language),
        Command::Check(args) => commands::check(&args, language),
        Command::Explain(args) => commands::explain(&args, language),
        Command::Suggest(args) => commands::suggest(&args, language),
        Command::Whatif(args) => commands::whatif(&args, language),
        Command::Generate(args) => commands::generate(&args),
        Command::Merge(args) => commands::merge(&args),
    }
}
