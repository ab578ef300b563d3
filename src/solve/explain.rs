//! Why a unit is infeasible: the same model again, with a slack column on
//! every row of a hard-rule family, minimising the weighted slack. Rows that
//! still need slack at the optimum name the rules and the schools, teachers
//! and terms in conflict.
//!
//! A conflict has two sides, typically a decision (a lock, a hard quota,
//! strict seniority) against a limit (beds, departures, host capacity,
//! couples, mentors). Relaxing the cheaper side would hide the other, so the
//! relaxation runs making decisions cheap to relax (which decisions must
//! give? again with each one found spared, for the others that could give
//! instead) and once making limits cheap (which limits block them?), and
//! every answer is reported.

use std::collections::{BTreeMap, HashSet};

use good_lp::variable;

use super::highs_run::{self, RunStatus, Settings};
use crate::lang::tr;
use crate::model::{self, Context, Family, Linear, Sense};

/// Relaxing a row on the expensive side costs this much more.
const EXPENSIVE: f64 = 1000.0;

/// How many times the decisions found are spared to look for others that
/// could give instead.
const MAX_ALTERNATIVES: usize = 3;

/// A row the relaxation needs slack on, and how much.
struct Slack {
    family: Family,
    row: String,
    amount: f64,
}

impl Slack {
    fn line(&self) -> String {
        tr!(InfeasibleBy, row = self.row, amount = round(self.amount))
    }
}

/// Lines such as `rule 5 (dormitory beds) cannot hold: relaxing
/// r5_beds[S07,2027-autumn] by 1 would make a roster possible`.
/// `extra` adds the same rows to the model as the run being explained.
pub(crate) fn explain(
    ctx: &Context,
    settings: &Settings,
    extra: &(dyn Fn(&mut model::Model) + Sync),
) -> Vec<String> {
    let mut needed: BTreeMap<Family, Vec<String>> = BTreeMap::new();
    let mut add = |family: Family, line: String| {
        let rows = needed.entry(family).or_default();
        if !rows.contains(&line) {
            rows.push(line);
        }
    };
    // Which decisions must give. Two decisions can be in conflict with each
    // other (a lock against strict seniority): relaxing either one would
    // do, and which one an optimal relaxation picks is a tie. So each
    // decision found is spared in turn (made expensive) and the relaxation
    // solved again, until no other decision can give instead.
    let mut spared: HashSet<String> = HashSet::new();
    for _ in 0..=MAX_ALTERNATIVES {
        let rows = match relax(ctx, settings, extra, true, &spared) {
            Ok(rows) => rows,
            Err(line) => return vec![line],
        };
        let first = spared.is_empty();
        let mut other = false;
        for slack in rows {
            if slack.family.is_decision() && !spared.contains(&slack.row) {
                other = true;
                spared.insert(slack.row.clone());
                add(slack.family, slack.line());
            } else if first {
                add(slack.family, slack.line());
            }
        }
        if !other {
            break;
        }
    }
    // Which limits block them.
    match relax(ctx, settings, extra, false, &HashSet::new()) {
        Ok(rows) => {
            for slack in rows {
                add(slack.family, slack.line());
            }
        }
        Err(line) => return vec![line],
    }
    if needed.is_empty() {
        return vec![tr!(InfeasibleUnnamed)];
    }
    needed
        .into_iter()
        .map(|(family, rows)| family_line(family, &rows))
        .collect()
}

/// The line [`explain`] prints for rows of `family` that need relaxing by
/// the amounts given, for a conflict known without solving (`explain` of
/// a locked teacher: keeping them home breaks their lock).
pub(crate) fn conflict(family: Family, rows: &[(&str, f64)]) -> String {
    let rows: Vec<String> = rows
        .iter()
        .map(|&(row, amount)| {
            let row = row.to_string();
            Slack {
                family,
                row,
                amount,
            }
            .line()
        })
        .collect();
    family_line(family, &rows)
}

fn family_line(family: Family, rows: &[String]) -> String {
    tr!(
        InfeasibleFamily,
        rule = family.describe(),
        rows = rows.join(", ")
    )
}

/// Solves the relaxed model; returns each row that needed slack, by family.
fn relax(
    ctx: &Context,
    settings: &Settings,
    extra: &(dyn Fn(&mut model::Model) + Sync),
    decisions_cheap: bool,
    spared: &HashSet<String>,
) -> Result<Vec<Slack>, String> {
    let mut model = model::build(ctx);
    extra(&mut model);
    let mut slacks = Vec::new(); // (row, column, column number)
    let mut objective = Linear::default();
    for r in 0..model.rows.len() {
        let family = model.rows[r].family;
        if !family.is_relaxable() {
            continue;
        }
        let cost =
            if family.is_decision() == decisions_cheap && !spared.contains(&model.rows[r].name) {
                1.0
            } else {
                EXPENSIVE
            };
        let directions: &[f64] = match model.rows[r].sense {
            Sense::AtMost => &[-1.0],
            Sense::AtLeast => &[1.0],
            Sense::Equal => &[1.0, -1.0],
        };
        for &direction in directions {
            let name = format!("slack{direction:+}_{}", model.rows[r].name);
            let column = model.add_named_column(name, variable().min(0.0));
            model.rows[r].lhs.add_term(column, direction);
            objective.add_term(column, cost);
            slacks.push((r, model.columns() - 1));
        }
    }
    model.objective = objective;
    let names: Vec<(Family, String)> = model
        .rows
        .iter()
        .map(|row| (row.family, row.name.clone()))
        .collect();
    let result = highs_run::run(highs_run::SolverModel::new(model), settings, None, None);
    if result.status == RunStatus::NoSolution {
        return Err(tr!(InfeasibleNoTime));
    }
    if !matches!(result.status, RunStatus::Optimal | RunStatus::Feasible) {
        return Err(tr!(
            InfeasibleSearchEnded,
            status = format!("{:?}", result.status)
        ));
    }
    Ok(slacks
        .into_iter()
        .filter_map(|(r, column)| {
            let amount = result.columns.get(column).copied().unwrap_or(0.0);
            (amount > 1e-6).then(|| {
                let (family, row) = names[r].clone();
                Slack {
                    family,
                    row,
                    amount,
                }
            })
        })
        .collect())
}

fn round(amount: f64) -> String {
    let rounded = (amount * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}
