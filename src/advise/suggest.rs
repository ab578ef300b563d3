//! `suggest`: the best ways to fill a post (a teacher who takes it) or to
//! place a teacher (a host they go to), each a roster forced to include it
//! and re-optimized under every rule, costed tier by tier against the
//! optimum. The ways are solved side by side ([`Planner::side_by_side`]),
//! each with its share of the threads.
//!
//! Every way is one MIP. Where there are more ways than `limit`, the ways
//! solved are the baseline's own first, then those the data ranks
//! cheapest: the host's weighted shortage the way fills, less what the
//! teacher's leaving costs their home school, then the distance. The
//! answer says how many ways exist and how many were solved.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::{Alternative, Around, Baseline, Better, Planner};
use crate::domain::{Exchange, SchoolIx, Subject, TeacherIx};
use crate::lang::tr;
use crate::model::candidates::{candidates, Candidate};
use crate::model::Scope;
use crate::model::{Model, Sense};
use crate::report::describe_exchange;

/// What to fill or place.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A post: school, subject, and a horizon term (any term if `None`).
    Post {
        school: SchoolIx,
        subject: Subject,
        term: Option<usize>,
    },
    Teacher(TeacherIx),
}

/// One way, re-optimized.
#[derive(Clone, Debug, Serialize)]
pub struct Way {
    /// The teacher who fills the post, or the host the teacher goes to.
    pub by: String,
    /// The forced exchange as the re-optimized roster has it.
    pub(crate) exchange: Option<String>,
    /// Whether the baseline roster already does it.
    pub in_baseline: bool,
    pub alternative: Alternative,
}

#[derive(Clone, Debug, Serialize)]
pub struct Suggestion {
    pub ways: Vec<Way>,
    /// Ways the single-exchange rules allow, and of those how many were
    /// re-optimized.
    pub(crate) possible: usize,
    pub(crate) solved: usize,
    /// When settling found a roster better than the baseline, every way is
    /// costed against it ([`Planner::settle`]).
    pub against_better: Option<Better>,
}

/// How many ways are re-optimized for `top` answers.
pub(crate) fn limit(top: usize) -> usize {
    top + top.div_ceil(2) + 1
}

/// The `top` best ways to reach `target` against `baseline`.
pub fn suggest(planner: &Planner, baseline: &Baseline, target: &Target, top: usize) -> Suggestion {
    let dataset = planner.dataset;
    let unit = match target {
        Target::Teacher(t) => planner.unit_of(*t),
        Target::Post { school, .. } => planner.unit_of_school(*school),
    };
    let ctx = planner.context(unit);
    let list = candidates(&ctx, Scope::Proven).list;
    let wanted = |c: &Candidate| match target {
        Target::Teacher(t) => c.exchange.teacher == *t,
        Target::Post {
            school,
            subject,
            term,
        } => {
            c.exchange.kind.fills_post(planner.policy)
                && c.exchange.host == *school
                && c.exchange.subject == *subject
                && term.is_none_or(|term| c.exchange.covers(term))
        }
    };
    // A way: the teacher filling the post, or the host the teacher goes to.
    let key = |e: &Exchange| match target {
        Target::Teacher(_) => e.host,
        Target::Post { .. } => e.teacher,
    };
    let mut ways: BTreeMap<usize, Vec<&Candidate>> = BTreeMap::new();
    for c in list.iter().filter(|c| wanted(c)) {
        ways.entry(key(&c.exchange)).or_default().push(c);
    }
    let possible = ways.len();
    let in_baseline = |way: usize| {
        baseline.exchanges.iter().any(|e| {
            key(e) == way
                && match target {
                    Target::Teacher(t) => e.teacher == *t,
                    Target::Post { .. } => list.iter().any(|c| c.exchange == *e && wanted(c)),
                }
        })
    };
    let mut order: Vec<(bool, f64, usize)> = ways
        .iter()
        .map(|(&way, options)| {
            let proxy = options
                .iter()
                .map(|c| proxy_cost(planner, &ctx, c))
                .fold(f64::INFINITY, f64::min);
            (!in_baseline(way), proxy, way)
        })
        .collect();
    order.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
    order.truncate(limit(top));

    // The host's id for a teacher, the teacher's for a post.
    let label = |way: usize| match target {
        Target::Teacher(_) => dataset.schools[way].id.clone(),
        Target::Post { .. } => dataset.teachers[way].id.clone(),
    };
    let solve_way = |&(_, _, way): &(bool, f64, usize), parallel: usize| {
        let exchanges: Vec<Exchange> = ways[&way].iter().map(|c| c.exchange.clone()).collect();
        let name = format!("suggest[{}]", label(way));
        let hosts: Vec<SchoolIx> = exchanges.iter().map(|e| e.host).collect();
        let nobody = Around {
            teachers: vec![],
            hosts: vec![],
            near: true,
        };
        let around = exchanges.iter().fold(nobody, |mut around, e| {
            let of = Around::teacher(baseline, e.teacher, &hosts);
            around.teachers.extend(of.teachers);
            around.hosts.extend(of.hosts);
            around
        });
        let force = Arc::new(move |model: &mut Model| {
            let forced: Vec<usize> = (0..model.candidates.len())
                .filter(|&c| exchanges.contains(&model.candidates[c].exchange))
                .collect();
            model.force(&name, &forced, Sense::Equal, 1.0);
        });
        (
            way,
            planner.alternative(baseline, unit, parallel, &around, force),
        )
    };
    let mut answers: Vec<(usize, Alternative)> = planner.side_by_side(&order, solve_way);
    let mut alternatives: Vec<&mut Alternative> = answers.iter_mut().map(|(_, a)| a).collect();
    let (settled, against_better) = planner.settle(baseline, unit, &[], 1, &mut alternatives);
    // The way's exchanges, in the settled baseline or in its alternative.
    let of_way = |way: usize, exchanges: &[Exchange]| -> Option<Exchange> {
        let options = &ways[&way];
        exchanges
            .iter()
            .find(|e| options.iter().any(|c| c.exchange == **e))
            .cloned()
    };
    let mut solved: Vec<Way> = answers
        .into_iter()
        .map(|(way, alternative)| Way {
            by: label(way),
            exchange: of_way(way, &alternative.exchanges)
                .map(|e| describe_exchange(dataset, planner.horizon, &e)),
            in_baseline: of_way(way, &settled.exchanges).is_some(),
            alternative,
        })
        .collect();
    let count = solved.len();
    solved.retain(|w| w.alternative.has_roster());
    solved.sort_by(|a, b| {
        let cost = |w: &Way| w.alternative.objective_difference.unwrap_or(f64::INFINITY);
        let (ca, cb) = (cost(a), cost(b));
        let same = (ca - cb).abs() <= 1e-6 * (1.0 + ca.abs().max(cb.abs()));
        (if same {
            std::cmp::Ordering::Equal
        } else {
            ca.total_cmp(&cb)
        })
        .then(b.in_baseline.cmp(&a.in_baseline))
        .then(a.by.cmp(&b.by))
    });
    solved.truncate(top);
    Suggestion {
        ways: solved,
        possible,
        solved: count,
        against_better,
    }
}

/// What the data alone says a way costs, to choose which ways to solve
/// when there are many: minus the host's weighted shortage the exchange
/// fills, plus what the teacher's leaving costs their home school, in
/// shortage weights; the km break ties.
fn proxy_cost(planner: &Planner, ctx: &crate::model::Context, c: &Candidate) -> f64 {
    let dataset = planner.dataset;
    let e = &c.exchange;
    let teacher = &dataset.teachers[e.teacher];
    let home = teacher.school;
    let primary = teacher.primary_subject();
    let mut cost = c.km * 1e-3;
    for term in e.start_term..=e.end_term {
        let id = &planner.horizon.terms[term].id;
        if e.kind.fills_post(planner.policy) && ctx.base_shortage(e.host, &e.subject, term) > 0 {
            cost -= dataset.schools[e.host].shortage_weight();
        }
        if dataset.posts(home, primary, id) >= ctx.base_staff(home, primary, term) {
            cost += dataset.schools[home].shortage_weight();
        }
    }
    cost
}

/// The suggestion for people.
pub(crate) fn render(suggestion: &Suggestion, top: usize) -> Vec<String> {
    let mut lines = vec![tr!(
        SuggestHeading,
        possible = suggestion.possible,
        solved = suggestion.solved,
        best = top.min(suggestion.ways.len())
    )];
    if let Some(better) = &suggestion.against_better {
        lines.push(super::explain::against_better_line(better));
    }
    for (i, way) in suggestion.ways.iter().enumerate() {
        let exchange = way.exchange.as_deref().unwrap_or("?");
        let note = if way.in_baseline {
            tr!(SuggestOwn)
        } else {
            String::new()
        };
        lines.push(format!("{}. {}: {exchange}{note}", i + 1, way.by));
        lines.extend(super::explain::alternative_lines(&way.alternative));
    }
    lines
}
