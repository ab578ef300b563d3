//! One planning run as a library call: solve every unit, then turn the
//! result into the report `solve` writes. `solve` and `whatif` both go
//! through here.

use chrono::NaiveDate;

use crate::check;
use crate::domain::{Dataset, Horizon, Policy};
use crate::model::History;
use crate::report::{self, Report};
use crate::roster::RosterRow;
use crate::solve::{self, SolveOptions};

/// Solves `dataset` under `policy` and reports the roster. With a non-empty
/// `history` this is a re-optimization: kept exchanges stay, other changes
/// against the previous roster are penalised (tier 6).
pub fn plan(
    dataset: &Dataset,
    policy: &Policy,
    horizon: &Horizon,
    history: &History,
    options: &SolveOptions,
) -> Report {
    let outcomes = solve::solve(dataset, policy, horizon, history, options);
    report::report(&report::ReportInput {
        dataset,
        policy,
        horizon,
        outcomes: &outcomes,
        history,
    })
}

/// Reads a previous roster into a [`History`]: exchanges that started on or
/// before `as_of` are kept exactly as they are. A row that does not name a
/// valid exchange of this data set and horizon is an error (the batch must
/// not silently forget an exchange that is running).
pub fn history_from_roster(
    dataset: &Dataset,
    horizon: &Horizon,
    rows: &[(u64, RosterRow)],
    as_of: NaiveDate,
) -> Result<History, Vec<String>> {
    let resolved = check::resolve(dataset, horizon, rows);
    if !resolved.violations.is_empty() {
        return Err(resolved
            .violations
            .iter()
            .map(|v| format!("previous roster: {v}"))
            .collect());
    }
    let mut history = History::default();
    for placed in resolved.exchanges {
        let teacher = placed.exchange.teacher;
        if placed.exchange.start_date(horizon) <= as_of {
            history.kept.insert(teacher);
        }
        if history.previous.insert(teacher, placed.exchange).is_some() {
            return Err(vec![format!(
                "previous roster: line {}: teacher {} has a second exchange",
                placed.line, placed.row.teacher_id
            )]);
        }
    }
    Ok(history)
}
