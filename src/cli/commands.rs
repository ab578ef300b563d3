//! One function per subcommand: load, call the library, print, map the
//! outcome to an exit code.

use super::{exit, CheckArgs, DataArgs, GenerateArgs, SolveArgs};
use crate::input::{self, Diagnostics, Loaded};
use crate::output::summary_table;
use crate::report;
use crate::solve::SolveOptions;

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
    println!(
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

    let report = crate::plan::plan(&loaded.dataset, policy, &loaded.horizon, &options);
    let status = report.summary.status;
    if !args.quiet {
        print_warnings(&report.summary.warnings);
        println!("{}", summary_table(&report.summary));
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
        println!(
            "Wrote roster.csv, coverage.csv and summary.json to {}",
            out.display()
        );
    }
    status.exit_code()
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
        println!("{violation}");
    }
    if report.violations.is_empty() {
        println!(
            "{}: ok: {} exchanges, no hard rule broken",
            args.roster.display(),
            rows.len()
        );
        exit::OK
    } else {
        println!(
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
            println!("{stats}");
            println!("Wrote the data set to {}", args.out.display());
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
