//! The objective, one function per tier of SPEC §2, each scaled by its
//! weight from `[weights]`.
//!
//! Tiers 2 to 7 each return the most their terms can differ between two
//! rosters. Tier 1 is added last, with its weight raised (never lowered)
//! until one post-term of shortage at the least-weighted school outweighs the
//! sum of those ranges: whatever the instance size, no number of quota,
//! seniority, promotion, preference, change or distance points buys one post
//! (SPEC: "most important first").
//!
//! Every cost sits on a few columns, not on the candidates: shortage,
//! quota slack and inversion columns, and one penalty column per teacher
//! (tiers 4 to 6) or home school (tier 7). HiGHS propagates the objective
//! cutoff over every column with a cost; with a cost on each of 100,000
//! candidates that propagation took most of a county's solve time.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use good_lp::variable;

use super::{mps_safe, Column, Context, Family, Linear, Model, Sense, Usage};
use crate::domain::alliance::{alliance_way, cadre_way, target_groups, AllianceWay};
use crate::domain::eligibility::{needs_rural_service_for_promotion, Career};
use crate::domain::policy::SeniorityMode;
use crate::domain::quota::at_least;
use crate::domain::{Dataset, Exchange, Kind, Subject, TeacherIx};

/// Adds every tier to the model's objective.
pub(crate) fn add_all_tiers(model: &mut Model, ctx: &Context, usage: &Usage) {
    let lower_tiers = quota_and_backbone_share(model, ctx, usage)
        + alliance_exchange(model, ctx, usage)
        + cadre_exchange(model, ctx, usage)
        + seniority(model, ctx, usage)
        + promotion_need(model, ctx, usage)
        + volunteers_and_preferences(model, ctx, usage)
        + changes_against_previous(model, ctx, usage)
        + distance_travelled(model, ctx, usage);
    weighted_shortage(model, ctx, usage, lower_tiers);
}

/// Teachers who have at least one candidate, in a fixed order.
fn teachers_with_candidates(usage: &Usage) -> Vec<TeacherIx> {
    let mut teachers: Vec<TeacherIx> = usage.by_teacher.keys().copied().collect();
    teachers.sort();
    teachers
}

/// Tier 1: shortage summed over schools, subjects and terms, weighted by the
/// school's area, weak flag and priority. A shortage column exists only where
/// exchanges can change the staff; elsewhere the shortage is a constant the
/// model cannot affect.
pub(crate) fn weighted_shortage(model: &mut Model, ctx: &Context, usage: &Usage, lower_tiers: f64) {
    let keys: BTreeSet<_> = usage
        .arrivals
        .keys()
        .chain(usage.departures.keys())
        .cloned()
        .collect();
    let lightest = keys
        .iter()
        .map(|(school, _, _)| ctx.dataset.schools[*school].shortage_weight())
        .fold(f64::INFINITY, f64::min);
    let weight = if lightest.is_finite() && lightest > 0.0 {
        ctx.policy
            .weights
            .shortage
            .max(lower_tiers / lightest + 1.0)
    } else {
        ctx.policy.weights.shortage
    };
    model.shortage_weight = weight;
    model.objective_constant += unaffected_shortage(ctx, &keys) * weight;
    for key in keys {
        let (school, subject, term) = &key;
        let short = match model.shortage.get(&key) {
            Some(&short) => short, // defined with rule 7 at a host
            None => {
                let demand = ctx
                    .dataset
                    .posts(*school, subject, &ctx.horizon.terms[*term].id)
                    as f64;
                let base = ctx.base_staff(*school, subject, *term) as f64;
                // A host whose kept arrivals already fill more than its
                // shortage has arrivals but no rule 7 shortage column, and
                // may have no departures at all.
                let departing = usage.departures.get(&key).map_or(&[][..], Vec::as_slice);
                let arriving = usage.arrivals.get(&key).map_or(&[][..], Vec::as_slice);
                if demand <= base - departing.len() as f64 {
                    continue; // never short, whatever the model does
                }
                let name = format!(
                    "short[{},{},{}]",
                    ctx.dataset.schools[*school].id, subject, ctx.horizon.terms[*term].id
                );
                let short = model.add_column(mps_safe(&name), variable().min(0.0));
                let lhs = short - model.sum_away(departing, *term) + model.sum_chosen(arriving);
                let name = format!("def_{name}");
                model.add_row(
                    Family::Definition,
                    &name,
                    lhs,
                    Sense::AtLeast,
                    demand - base,
                );
                short
            }
        };
        model.objective.add_term(
            short,
            weight * ctx.dataset.schools[*school].shortage_weight(),
        );
    }
}

/// Weighted shortage (before the tier weight) at the schools, subjects and
/// terms no candidate touches.
fn unaffected_shortage(ctx: &Context, affected: &BTreeSet<(usize, Subject, usize)>) -> f64 {
    let mut total = 0.0;
    for &unit_school in &ctx.unit.schools {
        let this_school = (unit_school, Subject::new(""))..(unit_school + 1, Subject::new(""));
        for (school, subject) in ctx.dataset.demand.range(this_school).map(|(k, _)| k) {
            for term in 0..ctx.horizon.len() {
                if !affected.contains(&(*school, *subject, term)) {
                    total += ctx.dataset.schools[*school].shortage_weight()
                        * ctx.base_shortage(*school, subject, term) as f64;
                }
            }
        }
    }
    total
}

/// Tier 2: the quota (at least `quota.min_fraction` of the teachers eligible
/// for rotation take a `rotation` or `support` exchange, rounded up) and the
/// backbone share (backbone teachers at least `quota.backbone_fraction` of
/// those exchanges, rounded up), per county or, with `quota.per_school`, per
/// school. Soft with a slack column per target unless `quota.hard`.
pub(crate) fn quota_and_backbone_share(model: &mut Model, ctx: &Context, usage: &Usage) -> f64 {
    let policy = ctx.policy;
    let mut groups: BTreeMap<String, Vec<TeacherIx>> = BTreeMap::new();
    for &t in &ctx.unit.teachers {
        if !ctx.rotation_eligible.contains(&t) {
            continue;
        }
        let school = &ctx.dataset.schools[ctx.dataset.teachers[t].school];
        let label = if policy.quota.per_school {
            format!("school {}", school.id)
        } else {
            format!("county {}", school.county)
        };
        groups.entry(label).or_default().push(t);
    }
    let none = Vec::new();
    let mut range = 0.0;
    for (label, teachers) in groups {
        let required = at_least(policy.quota.min_fraction, teachers.len());
        if required == 0 {
            continue;
        }
        let backbone_required = at_least(policy.quota.backbone_fraction, required);
        let mut counted: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut backbone: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &t in &teachers {
            let school = ctx.dataset.teachers[t].school;
            for &c in usage.by_teacher.get(&t).unwrap_or(&none) {
                if model.candidates[c].exchange.kind.counts_toward_quota() {
                    counted.entry(school).or_default().push(c);
                    if ctx.dataset.teachers[t].backbone.is_backbone() {
                        backbone.entry(school).or_default().push(c);
                    }
                }
            }
        }
        let exchanges = count_by_school(model, ctx, "exchanges", &counted);
        let backbone_exchanges = count_by_school(model, ctx, "backbone_exchanges", &backbone);
        let share = backbone_exchanges.clone() - policy.quota.backbone_fraction * exchanges.clone();
        let rows = [
            (format!("quota[{label}]"), exchanges, required as f64),
            (
                format!("backbone[{label}]"),
                backbone_exchanges,
                backbone_required as f64,
            ),
            (format!("backbone_share[{label}]"), share, 0.0),
        ];
        if policy.quota.hard {
            for (name, lhs, rhs) in rows {
                model.add_row(Family::Quota, &name, lhs, Sense::AtLeast, rhs);
            }
            continue;
        }
        let quota_short = model.add_column(
            mps_safe(&format!("quota_short[{label}]")),
            variable().min(0.0),
        );
        let backbone_short = model.add_column(
            mps_safe(&format!("backbone_short[{label}]")),
            variable().min(0.0),
        );
        for (i, (name, lhs, rhs)) in rows.into_iter().enumerate() {
            let slack = if i == 0 { quota_short } else { backbone_short };
            model.add_row(Family::Definition, &name, lhs + slack, Sense::AtLeast, rhs);
        }
        model.objective.add_term(quota_short, policy.weights.quota);
        model
            .objective
            .add_term(backbone_short, policy.weights.quota);
        let most_backbone_short =
            (backbone_required as f64).max(policy.quota.backbone_fraction * teachers.len() as f64);
        range += policy.weights.quota * (required as f64 + most_backbone_short);
    }
    range
}

/// Tier 2, the alliance exchange target (置换交流, `alliance.min_each_way`):
/// in every group with its lead school in this unit, at least that many
/// backbone teachers go from the lead to member schools (`rotation` or
/// `support`) and at least that many teachers go from member schools to the
/// lead. A slack column per group and way costs `weights.quota` per missing
/// teacher, like the quota; with `quota.hard` the rows are hard.
pub(crate) fn alliance_exchange(model: &mut Model, ctx: &Context, usage: &Usage) -> f64 {
    let target = GroupTarget {
        name: "alliance",
        required: ctx.policy.alliance.min_each_way,
        family: Family::Alliance,
        way: alliance_way,
    };
    group_target(model, ctx, usage, &target)
}

/// Tier 2, the cadre exchange target (互派干部, `secondment.min_each_way`):
/// in every group with its lead school in this unit, at least that many
/// cadres are seconded from the lead to member schools and at least that
/// many from member schools to the lead; soft or hard like the alliance
/// target.
pub(crate) fn cadre_exchange(model: &mut Model, ctx: &Context, usage: &Usage) -> f64 {
    let target = GroupTarget {
        name: "cadre_exchange",
        required: ctx.policy.secondment.min_each_way,
        family: Family::CadreExchange,
        way: cadre_way,
    };
    group_target(model, ctx, usage, &target)
}

/// A per-group target each way between the lead and its member schools:
/// the row and column name, what each way asks for, the family of its rows
/// when hard, and which exchanges count which way.
struct GroupTarget {
    name: &'static str,
    required: u32,
    family: Family,
    way: for<'d> fn(&'d Dataset, &Exchange) -> Option<(&'d str, AllianceWay)>,
}

/// The rows of a [`GroupTarget`]: `counted >= required` per group and way,
/// with a slack column costing `weights.quota` per missing exchange unless
/// `quota.hard`. Returns the most the slack can cost.
fn group_target(model: &mut Model, ctx: &Context, usage: &Usage, target: &GroupTarget) -> f64 {
    let required = target.required;
    if required == 0 {
        return 0.0;
    }
    let in_unit: BTreeSet<usize> = ctx.unit.schools.iter().copied().collect();
    let groups: Vec<&str> = target_groups(ctx.dataset)
        .into_iter()
        .filter(|(_, schools)| {
            schools
                .iter()
                .any(|&s| in_unit.contains(&s) && ctx.dataset.schools[s].is_group_lead())
        })
        .map(|(group, _)| group)
        .collect();
    let mut counted: BTreeMap<(&str, bool), Vec<usize>> = BTreeMap::new();
    for t in teachers_with_candidates(usage) {
        for &c in &usage.by_teacher[&t] {
            if let Some((group, way)) = (target.way)(ctx.dataset, &model.candidates[c].exchange) {
                let out = way == AllianceWay::LeadToMembers;
                counted.entry((group, out)).or_default().push(c);
            }
        }
    }
    let weight = ctx.policy.weights.quota;
    let mut range = 0.0;
    for group in groups {
        for (out, way) in [(true, "lead_to_members"), (false, "members_to_lead")] {
            let going = counted.get(&(group, out)).map_or(&[][..], Vec::as_slice);
            let lhs = model.sum_chosen(going);
            let name = format!("{}[{group},{way}]", target.name);
            if ctx.policy.quota.hard {
                model.add_row(target.family, &name, lhs, Sense::AtLeast, required as f64);
                continue;
            }
            let short = model.add_column(
                mps_safe(&format!("{}_short[{group},{way}]", target.name)),
                variable().min(0.0),
            );
            model.add_row(
                Family::Definition,
                &name,
                lhs + short,
                Sense::AtLeast,
                required as f64,
            );
            model.objective.add_term(short, weight);
            range += weight * required as f64;
        }
    }
    range
}

/// The sum of the given candidates per home school, as one counting
/// column per school. A county-wide target row then has one entry per
/// school rather than one per candidate: a row with 100,000 entries makes
/// HiGHS's presolve and bound propagation slow on a 5,000-teacher county.
fn count_by_school(
    model: &mut Model,
    ctx: &Context,
    what: &str,
    by_school: &BTreeMap<usize, Vec<usize>>,
) -> Linear {
    let mut total = Linear::default();
    for (&school, candidates) in by_school {
        let name = format!("{what}[{}]", ctx.dataset.schools[school].id);
        let column = model.sum_column(&name, variable().min(0.0), candidates);
        total.add_term(column, 1.0);
    }
    total
}

/// Tier 3: teachers longest past the eligibility threshold go first. As
/// SPEC §2 words it: among the teachers eligible for rotation, one who stays
/// (takes no exchange) while an eligible colleague of the same home school
/// and primary subject with fewer years at the school goes on `rotation` or
/// `support` is one inversion. Every eligible teacher counts, with or
/// without candidates (one without any always stays), and so do exchanges
/// kept from the previous roster. Instead of pairing every two teachers, a
/// chain of "someone ranked here or below goes" columns keeps the rows
/// linear in the number of teachers. With `seniority = "strict"`
/// inversions are forbidden.
pub(crate) fn seniority(model: &mut Model, ctx: &Context, usage: &Usage) -> f64 {
    let mut groups: BTreeMap<(usize, Subject), BTreeMap<i32, Vec<TeacherIx>>> = BTreeMap::new();
    for &t in &ctx.unit.teachers {
        if !ctx.rotation_eligible.contains(&t) {
            continue;
        }
        let teacher = &ctx.dataset.teachers[t];
        let years = Career::at(teacher, ctx.first_day).years_at_school;
        groups
            .entry((teacher.school, *teacher.primary_subject()))
            .or_default()
            .entry(years)
            .or_default()
            .push(t);
    }
    let strict = ctx.policy.seniority == SeniorityMode::Strict;
    let weight = ctx.policy.weights.seniority;
    let none = Vec::new();
    let exchanges_of = |model: &Model, t: TeacherIx, counted: &dyn Fn(Kind) -> bool| {
        let candidates: Vec<usize> = usage
            .by_teacher
            .get(&t)
            .unwrap_or(&none)
            .iter()
            .copied()
            .filter(|&c| counted(model.candidates[c].exchange.kind))
            .collect();
        candidates
    };
    let rotation_or_support = |kind: Kind| kind.counts_toward_quota();
    let any_kind = |_: Kind| true;
    let mut range = 0.0;
    for ((school, subject), levels) in groups {
        // Most years first.
        let levels: Vec<Vec<TeacherIx>> = levels.into_values().rev().collect();
        let group = format!("{},{}", ctx.dataset.schools[school].id, subject);
        // below[k]: someone ranked k or lower goes on rotation or support.
        let mut below: Vec<Option<Column>> = vec![None; levels.len() + 1];
        for k in (1..levels.len()).rev() {
            let goers: Vec<(TeacherIx, Vec<usize>)> = levels[k]
                .iter()
                .map(|&t| (t, exchanges_of(model, t, &rotation_or_support)))
                .filter(|(_, goes)| !goes.is_empty())
                .collect();
            if goers.is_empty() && below[k + 1].is_none() {
                continue;
            }
            let column = model.add_column(
                mps_safe(&format!("goes_from[{group},{k}]")),
                variable().min(0.0).max(1.0),
            );
            for (t, goes) in goers {
                let name = format!("def_goes_from[{group},{k},{}]", ctx.dataset.teachers[t].id);
                let lhs = column - model.sum_chosen(&goes);
                model.add_row(Family::Definition, &name, lhs, Sense::AtLeast, 0.0);
            }
            if let Some(next) = below[k + 1] {
                let lhs = Linear::from(column) - next;
                let name = format!("def_goes_from_chain[{group},{k}]");
                model.add_row(Family::Definition, &name, lhs, Sense::AtLeast, 0.0);
            }
            below[k] = Some(column);
        }
        for (k, level) in levels.iter().enumerate() {
            let Some(junior_goes) = below[k + 1] else {
                continue;
            };
            for &t in level {
                let id = &ctx.dataset.teachers[t].id;
                let leaves = model.sum_chosen(&exchanges_of(model, t, &any_kind));
                if strict {
                    let lhs = leaves - junior_goes;
                    let name = format!("seniority[{id}]");
                    model.add_row(Family::Seniority, &name, lhs, Sense::AtLeast, 0.0);
                } else {
                    let inversion = model
                        .add_column(mps_safe(&format!("inversion[{id}]")), variable().min(0.0));
                    let lhs = inversion + leaves - junior_goes;
                    let name = format!("def_inversion[{id}]");
                    model.add_row(Family::Definition, &name, lhs, Sense::AtLeast, 0.0);
                    model.objective.add_term(inversion, weight);
                    range += weight;
                }
            }
        }
    }
    range
}

/// Candidates per teacher that satisfy `wanted`, for teachers with any.
fn candidates_where(usage: &Usage, wanted: impl Fn(usize) -> bool) -> Vec<(TeacherIx, Vec<usize>)> {
    teachers_with_candidates(usage)
        .into_iter()
        .map(|t| {
            let chosen: Vec<usize> = usage.by_teacher[&t]
                .iter()
                .copied()
                .filter(|&c| wanted(c))
                .collect();
            (t, chosen)
        })
        .filter(|(_, chosen)| !chosen.is_empty())
        .collect()
}

/// Adds a penalty column `name >= base - sum(score x chosen)`, `>= 0`,
/// charged `weight` per unit; minimising sets it to the penalty itself.
/// One such column per teacher or school keeps costs off the candidates
/// (see the module documentation).
fn penalty_column(model: &mut Model, name: &str, weight: f64, base: f64, terms: &[(usize, f64)]) {
    let column = model.add_column(mps_safe(name), variable().min(0.0));
    let lhs = terms.iter().fold(Linear::from(column), |lhs, &(c, score)| {
        lhs.plus(score, model.candidate_column(c))
    });
    model.add_row(
        Family::Definition,
        &format!("def_{name}"),
        lhs,
        Sense::AtLeast,
        base,
    );
    model.objective.add_term(column, weight);
}

/// Charges `weight` to a teacher who gets none of `rewarded` (less
/// `weight x score` if they get one; a teacher takes at most one exchange)
/// and returns the most the charge can vary.
fn charge_unless(model: &mut Model, name: &str, weight: f64, rewarded: &[(usize, f64)]) -> f64 {
    if rewarded.is_empty() || weight == 0.0 {
        return 0.0;
    }
    penalty_column(model, name, weight, 1.0, rewarded);
    weight
}

/// Tier 4: a first-grade (一级) teacher without a year of rural or weak-school
/// service is preferred for a year-long exchange to a rural or weak school.
pub(crate) fn promotion_need(model: &mut Model, ctx: &Context, usage: &Usage) -> f64 {
    let qualifying = |c: usize| {
        let e = &model.candidates[c].exchange;
        e.kind.fills_post(ctx.policy)
            && e.is_year_long()
            && ctx.dataset.schools[e.host].is_rural_or_weak()
            && needs_rural_service_for_promotion(&ctx.dataset.teachers[e.teacher])
    };
    let mut range = 0.0;
    for (t, chosen) in candidates_where(usage, qualifying) {
        let rewarded: Vec<(usize, f64)> = chosen.into_iter().map(|c| (c, 1.0)).collect();
        let name = format!("promotion_unserved[{}]", ctx.dataset.teachers[t].id);
        range += charge_unless(model, &name, ctx.policy.weights.promotion, &rewarded);
    }
    range
}

/// Tier 5: volunteers (自愿报名) go before others, and a teacher's stated
/// preferences are followed, rank 1 most.
pub(crate) fn volunteers_and_preferences(model: &mut Model, ctx: &Context, usage: &Usage) -> f64 {
    let weight = ctx.policy.weights.preference;
    let rank: HashMap<(TeacherIx, usize), u32> = ctx
        .dataset
        .preferences
        .iter()
        .map(|p| ((p.teacher, p.school), p.rank))
        .collect();
    let mut range = 0.0;
    let volunteering =
        |c: usize| ctx.dataset.teachers[model.candidates[c].exchange.teacher].volunteer;
    for (t, chosen) in candidates_where(usage, volunteering) {
        let rewarded: Vec<(usize, f64)> = chosen.into_iter().map(|c| (c, 1.0)).collect();
        let name = format!("volunteer_unsent[{}]", ctx.dataset.teachers[t].id);
        range += charge_unless(model, &name, weight, &rewarded);
    }
    let preferred = |c: usize| {
        let e = &model.candidates[c].exchange;
        rank.contains_key(&(e.teacher, e.host))
    };
    for (t, chosen) in candidates_where(usage, preferred) {
        let rewarded: Vec<(usize, f64)> = chosen
            .into_iter()
            .map(|c| {
                let e = &model.candidates[c].exchange;
                (c, 1.0 / rank[&(e.teacher, e.host)] as f64)
            })
            .collect();
        let name = format!("preference_unmet[{}]", ctx.dataset.teachers[t].id);
        range += charge_unless(model, &name, weight, &rewarded);
    }
    range
}

/// Tier 6: in a re-optimization, every exchange added, removed or changed
/// against the previous roster costs `weights.change`, so a small change in
/// the data gives a small change in the roster.
pub(crate) fn changes_against_previous(model: &mut Model, ctx: &Context, usage: &Usage) -> f64 {
    let weight = ctx.policy.weights.change;
    if ctx.history.previous.is_empty() || weight == 0.0 {
        return 0.0;
    }
    let mut range = 0.0;
    for t in teachers_with_candidates(usage) {
        if ctx.history.kept.contains(&t) {
            continue;
        }
        let candidates = &usage.by_teacher[&t];
        let id = &ctx.dataset.teachers[t].id;
        match ctx.history.previous.get(&t) {
            Some(previous) => {
                let same: Vec<(usize, f64)> = candidates
                    .iter()
                    .copied()
                    .filter(|&c| model.candidates[c].exchange == *previous)
                    .map(|c| (c, 1.0))
                    .collect();
                if same.is_empty() {
                    model.objective_constant += weight; // cannot be kept
                } else {
                    range += charge_unless(model, &format!("changed[{id}]"), weight, &same);
                }
            }
            None => {
                let any: Vec<(usize, f64)> = candidates.iter().map(|&c| (c, -1.0)).collect();
                penalty_column(model, &format!("added[{id}]"), weight, 0.0, &any);
                range += weight;
            }
        }
    }
    range
}

/// Tier 7: distance travelled, per km between home and host, charged per
/// home school.
pub(crate) fn distance_travelled(model: &mut Model, ctx: &Context, usage: &Usage) -> f64 {
    let weight = ctx.policy.weights.distance;
    if weight == 0.0 {
        return 0.0;
    }
    let mut range = 0.0;
    let mut by_home: BTreeMap<usize, Vec<(usize, f64)>> = BTreeMap::new();
    for t in teachers_with_candidates(usage) {
        let home = by_home.entry(ctx.dataset.teachers[t].school).or_default();
        let mut farthest: f64 = 0.0;
        for &c in &usage.by_teacher[&t] {
            let km = model.candidates[c].km;
            home.push((c, -km));
            farthest = farthest.max(weight * km);
        }
        range += farthest;
    }
    for (home, travelled) in by_home {
        let name = format!("km_from[{}]", ctx.dataset.schools[home].id);
        penalty_column(model, &name, weight, 0.0, &travelled);
    }
    range
}
