//! Small instances whose optimum is worked out by hand.

mod common;

use common::county::{horizon, policy, Career, County};
use rotaplan::domain::{Area, Kind};
use rotaplan::solve::{self, RunStatus, SolveOptions};

fn solve(county: &County, policy: &rotaplan::domain::Policy) -> solve::UnitOutcome {
    let mut outcomes = solve::solve(
        &county.dataset,
        policy,
        &horizon(),
        &rotaplan::model::History::default(),
        &SolveOptions::from_policy(policy),
    );
    assert_eq!(outcomes.len(), 1);
    outcomes.remove(0)
}

/// A town school with one English teacher more than it needs, a rural school
/// 10 km away with no English teacher: the surplus teacher goes. By hand:
/// no shortage is left; the 5 eligible teachers ask for ceil(0.1 x 5) = 1
/// exchange (met) and ceil(0.2 x 1) = 1 backbone exchange (missed: nobody is
/// backbone, tier 2 costs one `weights.quota`); the 10 km cost tier 7.
#[test]
fn surplus_teacher_fills_a_rural_shortage() {
    let mut county = County::new();
    let town = county.school("T", Area::Town, (0.0, 0.0));
    let rural = county.school("R", Area::Rural, (10.0, 0.0));
    county.staff("e", town, "english", 3, Career::SENIOR);
    county.staff("m", town, "math", 2, Career::SENIOR);
    county.demand(town, "english", 2);
    county.demand(town, "math", 2);
    county.demand(rural, "english", 1);

    let outcome = solve(&county, &policy());
    assert_eq!(outcome.status, RunStatus::Optimal);
    assert_eq!(outcome.chosen.len(), 1);
    let exchange = &outcome.chosen[0].exchange;
    assert_eq!(exchange.host, rural);
    assert_eq!(exchange.subject.as_str(), "english");
    assert!(matches!(exchange.kind, Kind::Rotation | Kind::Support));
    let weights = policy().weights;
    let expected = weights.quota + 10.0 * weights.distance;
    assert!((outcome.objective.unwrap() - expected).abs() < 1e-6);
}
