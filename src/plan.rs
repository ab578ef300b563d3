//! One planning run as a library call: solve every unit, then turn the
//! result into the report `solve` writes. `solve` and `whatif` both go
//! through here.

use chrono::NaiveDate;

use crate::check;
use crate::domain::{Dataset, Horizon, Policy, Rule};
use crate::lang::tr;
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
pub(crate) fn history_from_roster(
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
            .map(|v| tr!(PreviousRoster, problem = v))
            .collect());
    }
    let mut history = History::default();
    for placed in resolved.exchanges {
        let teacher = placed.exchange.teacher;
        if placed.exchange.start_date(horizon) <= as_of {
            history.kept.insert(teacher);
        }
        if history.previous.insert(teacher, placed.exchange).is_some() {
            return Err(vec![tr!(
                PreviousSecondExchange,
                line = placed.line,
                teacher = placed.row.teacher_id
            )]);
        }
    }
    Ok(history)
}

/// The locks that no single exchange can honour (a lock to a host out of
/// reach, of a teacher who may not go, …): what `solve` refuses before
/// solving as `rule 9 (locks)`, found by `validate` too. One line per lock.
pub(crate) fn lock_conflicts(dataset: &Dataset, policy: &Policy, horizon: &Horizon) -> Vec<String> {
    let history = History::default();
    crate::model::units(dataset)
        .iter()
        .flat_map(|unit| {
            let ctx = crate::model::Context::new(dataset, policy, horizon, unit, &history);
            crate::model::candidates::candidates(&ctx, crate::model::candidates::Scope::Proven)
                .lock_conflicts
                .into_iter()
                .map(|conflict| format!("{}: {}", Rule::Locks, conflict.reason))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The horizon a previous roster was planned for, when the policy pins
/// none (SPEC §5): the school year of its earliest start, from the start
/// dates or, without them, the default term ids (`2027-autumn`). `None`
/// for an empty roster or one whose terms say nothing of a school year.
pub(crate) fn horizon_of_roster(rows: &[(u64, RosterRow)]) -> Option<Horizon> {
    use crate::input::Cell as _;
    rows.iter()
        .filter_map(|(_, row)| {
            NaiveDate::parse_cell(row.start_date.trim())
                .ok()
                .or_else(|| Horizon::term_start_of_default_id(row.start_term.trim()))
        })
        .min()
        .map(Horizon::school_year_containing)
}
