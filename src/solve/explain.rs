//! Why a unit is infeasible: the same model again, with a slack column on
//! every row of a hard-rule family, minimising the total slack. The rows
//! that still need slack at the optimum are a smallest set of rule
//! instances whose relaxation makes a roster possible; they name the rules
//! and the schools, teachers and terms in conflict.

use std::collections::BTreeMap;

use good_lp::{variable, Expression};

use super::highs_run::{self, RunStatus, Settings};
use crate::model::{self, Context, Family, Sense};

/// Lines such as `rule 6 (departures): r6_away[S07,2027-autumn] needs 1 more`.
pub fn explain(ctx: &Context, settings: &Settings) -> Vec<String> {
    let mut model = model::build(ctx);
    let mut slacks = Vec::new(); // (row index, column, sign on the row)
    for r in 0..model.rows.len() {
        if !model.rows[r].family.is_relaxable() {
            continue;
        }
        let name = format!("slack_{}", model.rows[r].name);
        let column = model.add_named_column(name, variable().min(0.0));
        let relief = match model.rows[r].sense {
            Sense::AtMost => -1.0,
            Sense::AtLeast | Sense::Equal => 1.0,
        };
        model.rows[r].lhs += relief * column;
        slacks.push((r, column, model.column_names.len() - 1));
        if model.rows[r].sense == Sense::Equal {
            let name = format!("slack_over_{}", model.rows[r].name);
            let over = model.add_named_column(name, variable().min(0.0));
            model.rows[r].lhs -= over;
            slacks.push((r, over, model.column_names.len() - 1));
        }
    }
    model.objective = slacks
        .iter()
        .map(|&(_, column, _)| Expression::from(column))
        .sum();
    let names: Vec<(Family, String)> = model
        .rows
        .iter()
        .map(|row| (row.family, row.name.clone()))
        .collect();
    let result = highs_run::run(model, settings, None);
    if !matches!(result.status, RunStatus::Optimal | RunStatus::Feasible) {
        return vec![format!(
            "the hard rules cannot all hold, and the search for the conflicting rules ended with {:?}",
            result.status
        )];
    }
    let mut needed: BTreeMap<Family, Vec<String>> = BTreeMap::new();
    for (r, _, column) in slacks {
        let amount = result.columns.get(column).copied().unwrap_or(0.0);
        if amount > 1e-6 {
            let (family, name) = &names[r];
            needed
                .entry(*family)
                .or_default()
                .push(format!("{name} by {}", round(amount)));
        }
    }
    if needed.is_empty() {
        return vec![
            "the hard rules cannot all hold (no single rule family could be named)".into(),
        ];
    }
    needed
        .into_iter()
        .map(|(family, rows)| {
            format!(
                "{} cannot hold: relaxing {} would make a roster possible",
                family.describe(),
                rows.join(", ")
            )
        })
        .collect()
}

fn round(amount: f64) -> String {
    let rounded = (amount * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}
