//! One function per subcommand: load, call the library, print, map the
//! outcome to an exit code.

use super::{exit, CheckArgs, DataArgs, GenerateArgs, SolveArgs, WhatifArgs};
use crate::input::{self, Diagnostics, Loaded};
use crate::output::summary_table;
use crate::report;
use crate::solve::SolveOptions;
use crate::whatif;

fn load(args: &DataArgs) -> Result<Loaded, i32> {
    input::load(&args.data, args.policy.as_deref(), args.today()).map_err(|diagnostics| {
        print_diagnostics(&diagnostics);
        exit::INVALID
    })
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    eprintln!("{diagnostics}");
    eprintln!("Nothing was written. Fix the problems above and run again.");
}

fn print_warnings(warnings: &[String]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

pub fn validate(args: &DataArgs) -> i32 {
    let loaded = match load(args) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    print_warnings(&loaded.dataset.warnings);
    let dataset = &loaded.dataset;
    say!(
        "{}: ok: {} counties, {} schools, {} teachers, {} demand lines; horizon {}",
        args.data.display(),
        dataset.counties().len(),
        dataset.schools.len(),
        dataset.teachers.len(),
        dataset.demand.len(),
        loaded
            .horizon
            .terms
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    exit::OK
}

pub fn solve(args: &SolveArgs) -> i32 {
    let loaded = match load(&args.data) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let policy = &loaded.policy.policy;
    let mut options = SolveOptions::from_policy(policy);
    if let Some(seconds) = args.time_limit {
        options.time_limit_s = seconds;
    }
    if let Some(gap) = args.gap {
        options.mip_gap = gap;
    }
    if let Some(threads) = args.threads {
        options.threads = threads;
    }
    options.export_model = args.export_model.clone();

    let history = match &args.previous {
        None => crate::model::History::default(),
        Some(path) => match previous_roster(&loaded, path, args.data.today()) {
            Ok(history) => history,
            Err(code) => return code,
        },
    };
    let report = crate::plan::plan(&loaded.dataset, policy, &loaded.horizon, &history, &options);
    let status = report.summary.status;
    if !args.quiet {
        print_warnings(&report.summary.warnings);
        say!("{}", summary_table(&report.summary));
    }
    if let Some(lines) = &report.summary.infeasibility {
        for line in lines {
            eprintln!("{line}");
        }
    }
    if !status.has_roster() {
        eprintln!("No roster was written; the previous outputs are untouched.");
        return status.exit_code();
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.data.data.join("out"));
    if let Err(error) = report::write(&out, &report) {
        eprintln!("error: could not write the outputs: {error}");
        return exit::INTERNAL;
    }
    if !args.quiet {
        say!(
            "Wrote roster.csv, coverage.csv and summary.json to {}",
            out.display()
        );
    }
    status.exit_code()
}

pub fn whatif(args: &WhatifArgs) -> i32 {
    // Everything is checked before anything is reported, so that one run
    // lists every problem with the data and every scenario.
    let (scenarios, mut errors) = whatif::parse_each(&args.scenario, &args.scenario_file);
    let today = args.data.today();
    let loaded = match input::load(&args.data.data, args.data.policy.as_deref(), today) {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return print_scenario_errors(&errors);
        }
    };
    if !errors.is_empty() {
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
        out_dir: args
            .out
            .clone()
            .unwrap_or_else(|| whatif::default_out_dir(&args.data.data)),
        settings: whatif::Settings {
            time_limit_s: args.time_limit,
            mip_gap: args.gap,
            threads: args.threads.unwrap_or(loaded.policy.policy.solver.threads),
        },
    };
    let outcome = match whatif::whatif(&request) {
        Ok(outcome) => outcome,
        Err(errors) => return print_scenario_errors(&errors),
    };
    print_warnings(&loaded.dataset.warnings);
    for run in &outcome.runs {
        for line in run.report.summary.infeasibility.iter().flatten() {
            eprintln!("{}: {line}", run.name);
        }
        if let Some(error) = &run.write_error {
            eprintln!("error: {error}");
        }
    }
    if let Some(error) = &outcome.table_error {
        eprintln!("error: {error}");
    }
    print!("{}", whatif::table::render_text(&outcome.rows));
    say!();
    say!(
        "{} plans, {} at a time with {} solver thread(s) each: {:.1} s wall, \
         {:.1} s of solving in all ({:.1} s of planning)",
        outcome.runs.len(),
        outcome.threads.concurrent,
        outcome.threads.per_plan,
        outcome.wall_seconds,
        outcome.solve_seconds(),
        outcome.plan_seconds(),
    );
    say!(
        "Wrote one folder per scenario and {} to {}",
        whatif::TABLE_FILE,
        outcome.out_dir.display()
    );
    outcome.exit_code()
}

fn print_scenario_errors(errors: &[whatif::ScenarioError]) -> i32 {
    for error in errors {
        eprintln!("{error}");
    }
    if !errors.is_empty() {
        eprintln!("{} problem(s) in the scenarios", errors.len());
    }
    eprintln!("Nothing was solved or written. Fix the problems above and run again.");
    exit::INVALID
}

/// Reads `--previous` for a re-optimization; a bad file is invalid input.
fn previous_roster(
    loaded: &Loaded,
    path: &std::path::Path,
    as_of: chrono::NaiveDate,
) -> Result<crate::model::History, i32> {
    let rows = input::read_roster(path).map_err(|diagnostics| {
        print_diagnostics(&diagnostics);
        exit::INVALID
    })?;
    crate::plan::history_from_roster(&loaded.dataset, &loaded.horizon, &rows, as_of).map_err(
        |problems| {
            for problem in problems {
                eprintln!("{problem}");
            }
            eprintln!("Nothing was written. Fix the previous roster or leave out --previous.");
            exit::INVALID
        },
    )
}

pub fn check(args: &CheckArgs) -> i32 {
    let loaded = match load(&args.data) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let rows = match input::read_roster(&args.roster) {
        Ok(rows) => rows,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return exit::INVALID;
        }
    };
    let report = crate::check::check_roster(
        &loaded.dataset,
        &loaded.policy.policy,
        &loaded.horizon,
        &rows,
    );
    print_warnings(&report.warnings);
    for violation in &report.violations {
        say!("{violation}");
    }
    if report.violations.is_empty() {
        say!(
            "{}: ok: {} exchanges, no hard rule broken",
            args.roster.display(),
            rows.len()
        );
        exit::OK
    } else {
        say!(
            "{}: {} violation(s) of the hard rules",
            args.roster.display(),
            report.violations.len()
        );
        exit::INVALID
    }
}

pub fn generate(args: &GenerateArgs) -> i32 {
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
            say!("Wrote the data set to {}", args.out.display());
            exit::OK
        }
        Err(error) => {
            eprintln!(
                "error: could not generate into {}: {error}",
                args.out.display()
            );
            exit::INVALID
        }
    }
}
