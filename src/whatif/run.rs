//! Solving the plans side by side and writing each one's folder.
//!
//! The thread budget is for the whole whatif: at most `threads` plans run at
//! once, and each gets `threads / concurrent` solver threads (at least 1),
//! so four scenarios on eight cores solve four at a time with two threads
//! each, rather than four solvers each trying to use all eight cores.

use std::io;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use super::prepare::Plan;
use crate::domain::policy::Language;
use crate::output::{self, Status, Summary};
use crate::report::{self, Report};
use crate::solve::SolveOptions;

/// Solver settings given for the whole whatif (the command line); `None`
/// leaves each plan's own policy value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    pub time_limit_s: Option<f64>,
    pub mip_gap: Option<f64>,
    /// Threads in all, for every plan together; 0 = all cores. A scenario's
    /// `solver.threads` is not used: the budget is shared, not per plan.
    pub threads: u32,
}

/// How the thread budget is split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ThreadSplit {
    /// Plans solved at once.
    pub(crate) concurrent: usize,
    /// Solver threads each of them gets.
    pub(crate) per_plan: u32,
}

impl ThreadSplit {
    /// `threads` in all (0 = all cores; capped at the cores) over `plans`
    /// plans.
    pub(crate) fn new(threads: u32, plans: usize) -> ThreadSplit {
        ThreadSplit::of_total(crate::solve::thread_budget(threads), plans)
    }

    fn of_total(total: usize, plans: usize) -> ThreadSplit {
        let concurrent = total.min(plans).max(1);
        ThreadSplit {
            concurrent,
            per_plan: (total / concurrent).max(1) as u32,
        }
    }
}

/// One plan's result.
pub struct Run {
    pub(crate) name: String,
    pub(crate) report: Report,
    /// Wall time of this plan alone: build, solve and report.
    pub(crate) seconds: f64,
    /// Why its folder could not be written, if it could not.
    pub(crate) write_error: Option<String>,
}

/// Solves every plan, writes each into `out_dir/<name>/` as soon as it is
/// done, and returns the runs in the order of `plans`. A plan that fails
/// (infeasible, out of time, even a panic in the solver) does not stop the
/// others.
pub(crate) fn run_all(plans: &[Plan], settings: &Settings, out_dir: &Path) -> Vec<Run> {
    let split = ThreadSplit::new(settings.threads, plans.len());
    let next = AtomicUsize::new(0);
    // `concurrent` workers each take the next plan until none is left. Not
    // a `par_iter` over the plans: a multi-county plan waits on its own
    // solver pool, and a rayon worker that waits on another pool steals
    // work meanwhile, which could start more plans than the budget allows.
    // Here there is nothing to steal but the workers themselves.
    let worker = |_| {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(plan) = plans.get(i) else {
                return done;
            };
            done.push((i, run_one(plan, settings, split.per_plan, out_dir)));
        }
    };
    let mut runs: Vec<(usize, Run)> = match rayon::ThreadPoolBuilder::new()
        .num_threads(split.concurrent)
        .build()
    {
        Ok(pool) => pool.install(|| {
            (0..split.concurrent)
                .into_par_iter()
                .flat_map_iter(worker)
                .collect()
        }),
        Err(_) => worker(0),
    };
    runs.sort_by_key(|(i, _)| *i);
    runs.into_iter().map(|(_, run)| run).collect()
}

fn run_one(plan: &Plan, settings: &Settings, threads: u32, out_dir: &Path) -> Run {
    let mut options = SolveOptions::from_policy(&plan.policy);
    if let Some(seconds) = settings.time_limit_s {
        options.time_limit_s = seconds;
    }
    if let Some(gap) = settings.mip_gap {
        options.mip_gap = gap;
    }
    options.threads = threads;
    let started = Instant::now();
    let report = catch_unwind(AssertUnwindSafe(|| {
        crate::plan::plan(
            &plan.dataset,
            &plan.policy,
            &plan.horizon,
            &crate::model::History::default(),
            &options,
        )
    }))
    .unwrap_or_else(|_| failed_report("internal error: the planning run panicked"));
    let seconds = started.elapsed().as_secs_f64();
    let write_error = write(&out_dir.join(&plan.name), &report).err().map(|err| {
        crate::lang::tr!(
            WhatifWriteFailed,
            path = out_dir.join(&plan.name).display(),
            error = err
        )
    });
    Run {
        name: plan.name.clone(),
        report,
        seconds,
        write_error,
    }
}

fn failed_report(message: &str) -> Report {
    let mut summary = Summary::new(Status::Error);
    summary.infeasibility = Some(vec![message.to_string()]);
    Report::new(summary, Language::default())
}

/// Publishes the plan's set into its folder; a plan without a roster has
/// only its summary, and the roster, coverage and report of an earlier
/// whatif go (see [`report::files`]).
fn write(dir: &Path, report: &Report) -> io::Result<()> {
    report::write(&output::OutputLock::acquire(dir, |_| {})?, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thread_budget_is_shared() {
        assert_eq!(
            ThreadSplit::of_total(8, 4),
            ThreadSplit {
                concurrent: 4,
                per_plan: 2
            }
        );
        assert_eq!(
            ThreadSplit::of_total(8, 3),
            ThreadSplit {
                concurrent: 3,
                per_plan: 2
            }
        );
        assert_eq!(
            ThreadSplit::of_total(2, 5),
            ThreadSplit {
                concurrent: 2,
                per_plan: 1
            }
        );
        assert_eq!(
            ThreadSplit::of_total(1, 5),
            ThreadSplit {
                concurrent: 1,
                per_plan: 1
            }
        );
        assert_eq!(ThreadSplit::of_total(6, 1).per_plan, 6);
        assert!(ThreadSplit::new(0, 1).per_plan >= 1);
        // More threads than cores are never used (issue 14: 10000 threads
        // made the sample 60 times slower).
        let capped = ThreadSplit::new(10_000, 1);
        assert_eq!(capped.per_plan as usize, crate::solve::cores());
    }

    #[test]
    fn a_plan_without_roster_leaves_only_its_summary() {
        let dir = tempfile::tempdir().unwrap();
        let ok = Report::new(Summary::new(Status::Optimal), Language::default());
        // What a reader sees: the set's files (the rest is hidden).
        let visible = || {
            let mut names: Vec<String> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| !name.starts_with('.'))
                .collect();
            names.sort();
            names
        };
        write(dir.path(), &ok).unwrap();
        assert_eq!(visible().len(), 5);
        write(dir.path(), &failed_report("no")).unwrap();
        assert_eq!(visible(), [output::SUMMARY_FILE]);
    }
}
