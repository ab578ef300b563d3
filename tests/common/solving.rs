//! Solving a [`County`] and reading the answer back by ids. Every roster a
//! test gets from `solve_and_check` has been re-checked by the independent
//! checker (`check::check_roster`) through the rows `report` would write.

use rotaplan::check;
use rotaplan::domain::{Exchange, Policy};
use rotaplan::model::History;
use rotaplan::report::{self, ReportInput};
use rotaplan::solve::{self, RunStatus, SolveOptions, UnitOutcome};

use super::county::{horizon, County};

/// Every unit's outcome, unchecked.
pub fn solve_all(county: &County, policy: &Policy) -> Vec<UnitOutcome> {
    solve::solve(
        &county.dataset,
        policy,
        &horizon(),
        &History::default(),
        &SolveOptions::from_policy(policy),
    )
}

/// The outcome of a one-county data set, unchecked (for infeasible runs).
pub fn solve_one(county: &County, policy: &Policy) -> UnitOutcome {
    let mut outcomes = solve_all(county, policy);
    assert_eq!(outcomes.len(), 1, "expected one planning unit");
    outcomes.remove(0)
}

/// Solves every unit, asserts each is optimal and that the checker finds no
/// hard-rule violation in the roster rows the report builds from them.
pub fn solve_all_and_check(county: &County, policy: &Policy) -> Vec<UnitOutcome> {
    let outcomes = solve_all(county, policy);
    for outcome in &outcomes {
        assert_eq!(
            outcome.status,
            RunStatus::Optimal,
            "conflicts: {:?}",
            outcome.conflicts
        );
    }
    let roster = report_of(county, policy, &outcomes).roster;
    let rows: Vec<(u64, _)> = (2..).zip(roster).collect();
    let found = check::check_roster(&county.dataset, policy, &horizon(), &rows);
    assert!(
        found.violations.is_empty(),
        "the checker rejects the solver's roster:\n{}",
        found
            .violations
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    outcomes
}

/// What `solve` would write for these outcomes.
pub fn report_of(county: &County, policy: &Policy, outcomes: &[UnitOutcome]) -> report::Report {
    report::report(&ReportInput {
        dataset: &county.dataset,
        policy,
        horizon: &horizon(),
        outcomes,
        history: &History::default(),
    })
}

/// [`solve_all_and_check`] for a one-county data set.
pub fn solve_and_check(county: &County, policy: &Policy) -> UnitOutcome {
    let mut outcomes = solve_all_and_check(county, policy);
    assert_eq!(outcomes.len(), 1, "expected one planning unit");
    outcomes.remove(0)
}

/// The chosen exchanges as sorted `teacher>host` ids.
pub fn moves(county: &County, outcome: &UnitOutcome) -> Vec<String> {
    let d = &county.dataset;
    let mut moves: Vec<String> = outcome
        .chosen
        .iter()
        .map(|c| {
            let e = &c.exchange;
            format!("{}>{}", d.teachers[e.teacher].id, d.schools[e.host].id)
        })
        .collect();
    moves.sort();
    moves
}

/// The exchange of the teacher with id `teacher`; panics if there is none.
pub fn exchange_of<'o>(county: &County, outcome: &'o UnitOutcome, teacher: &str) -> &'o Exchange {
    outcome
        .chosen
        .iter()
        .map(|c| &c.exchange)
        .find(|e| county.dataset.teachers[e.teacher].id == teacher)
        .unwrap_or_else(|| panic!("{teacher} has no exchange: {:?}", moves(county, outcome)))
}

/// The objective of an optimal outcome.
pub fn objective(outcome: &UnitOutcome) -> f64 {
    outcome.objective.expect("an objective")
}

/// Asserts `actual` is `expected` within 1e-6.
#[track_caller]
pub fn assert_objective(outcome: &UnitOutcome, expected: f64) {
    let actual = objective(outcome);
    assert!(
        (actual - expected).abs() < 1e-6,
        "objective {actual}, expected {expected}"
    );
}
