//! The objective, one function per tier of SPEC §2, each scaled by its
//! weight from `[weights]`.

use std::collections::BTreeSet;

use good_lp::{variable, Expression};

use super::{mps_safe, Context, Family, Model, Sense, Usage};
use crate::domain::Subject;

/// Tier 1: shortage summed over schools, subjects and terms, weighted by the
/// school's area, weak flag and priority. A shortage column exists only where
/// exchanges can change the staff; elsewhere the shortage is a constant the
/// model cannot affect.
pub fn weighted_shortage(model: &mut Model, ctx: &Context, usage: &Usage) {
    let keys: BTreeSet<_> = usage
        .arrivals
        .keys()
        .chain(usage.departures.keys())
        .cloned()
        .collect();
    model.objective_constant += unaffected_shortage(ctx, &keys);
    for key in keys {
        let (school, subject, term) = &key;
        let demand = ctx
            .dataset
            .posts(*school, subject, &ctx.horizon.terms[*term].id) as f64;
        let base = ctx.base_staff(*school, subject) as f64;
        let departures = usage.departures.get(&key).map_or(&[][..], Vec::as_slice);
        let arrivals = usage.arrivals.get(&key).map_or(&[][..], Vec::as_slice);
        if demand <= base - departures.len() as f64 {
            continue; // never short, whatever the model does
        }
        let name = format!(
            "short[{},{},{}]",
            ctx.dataset.schools[*school].id, subject, ctx.horizon.terms[*term].id
        );
        let short = model.add_column(mps_safe(&name), variable().min(0.0));
        let staff_change = model.sum_chosen(arrivals) - model.sum_chosen(departures);
        model.add_row(
            Family::Definition,
            &format!("def_{name}"),
            Expression::from(short) + staff_change,
            Sense::AtLeast,
            demand - base,
        );
        let weight = ctx.policy.weights.shortage * ctx.dataset.schools[*school].shortage_weight();
        model.objective += weight * short;
    }
}

/// Weighted shortage at the schools, subjects and terms no candidate
/// touches.
fn unaffected_shortage(ctx: &Context, affected: &BTreeSet<(usize, Subject, usize)>) -> f64 {
    let mut total = 0.0;
    for &unit_school in &ctx.unit.schools {
        let this_school = (unit_school, Subject::new(""))..(unit_school + 1, Subject::new(""));
        for (school, subject) in ctx.dataset.demand.range(this_school).map(|(k, _)| k) {
            for term in 0..ctx.horizon.len() {
                if affected.contains(&(*school, subject.clone(), term)) {
                    continue;
                }
                total += ctx.policy.weights.shortage
                    * ctx.dataset.schools[*school].shortage_weight()
                    * ctx.base_shortage(*school, subject, term) as f64;
            }
        }
    }
    total
}

/// Tier 7: distance travelled, per km between home and host.
pub fn distance_travelled(model: &mut Model, ctx: &Context) {
    let weight = ctx.policy.weights.distance;
    for (c, candidate) in model.candidates.iter().enumerate() {
        model.objective += weight * candidate.km * model.chosen[c];
    }
}
