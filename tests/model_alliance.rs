//! The alliance exchange target (置换交流, `alliance.min_each_way`) on a
//! small instance solved by hand. Every roster is re-checked by `check`.

mod common;

use common::county::{policy, Career, County};
use common::solving::{assert_objective, moves, solve_and_check, solve_one};
use rotaplan::domain::{Area, Backbone, Policy};
use rotaplan::solve::RunStatus;

/// Lead school L (urban) and member M (rural) of group G1; S is a rural
/// school outside the group. M needs a math teacher, L an english one. L
/// has two spare math teachers, backbone b and volunteer n; M and S each
/// have a spare english teacher, y and volunteer z (y2 and z2 are too young
/// to rotate, and there is no english mentor at L to shadow). Every school
/// is 10 km from the others.
///
/// Filling either post with either teacher leaves the same shortage (none),
/// so the lower tiers choose: without a target the volunteers n and z go
/// (tier 5). With `alliance.min_each_way = 1` the group needs a backbone
/// teacher from L to M and a teacher from M to L (tier 2): b and y go, and
/// the two volunteers left home cost 2 x `weights.preference`.
fn trade() -> County {
    let mut county = County::new();
    let lead = county.school("L", Area::Urban, (0.0, 0.0));
    let member = county.school("M", Area::Rural, (10.0, 0.0));
    let other = county.school("S", Area::Rural, (5.0, 8.660254037844386));
    county.lead(lead);
    county.member(member);
    let b = county.teacher("b", lead, &["math"], Career::SENIOR);
    county.teacher_mut(b).backbone = Backbone::County;
    let n = county.teacher("n", lead, &["math"], Career::SENIOR);
    county.teacher_mut(n).volunteer = true;
    county.teacher("m", lead, &["math"], Career::SENIOR);
    county.teacher("y", member, &["english"], Career::SENIOR);
    county.teacher("y2", member, &["english"], Career::YOUNG);
    let z = county.teacher("z", other, &["english"], Career::SENIOR);
    county.teacher_mut(z).volunteer = true;
    county.teacher("z2", other, &["english"], Career::YOUNG);
    county.demand(lead, "math", 1);
    county.demand(lead, "english", 1);
    county.demand(member, "math", 1);
    county.demand(member, "english", 1);
    county.demand(other, "english", 1);
    county
}

fn with_target(min_each_way: u32) -> Policy {
    let mut policy = policy();
    policy.quota.min_fraction = 0.0;
    policy.quota.backbone_fraction = 0.0;
    policy.limits.max_away_fraction = 1.0;
    policy.alliance.min_each_way = min_each_way;
    policy
}

#[test]
fn without_a_target_the_volunteers_go() {
    let county = trade();
    let outcome = solve_and_check(&county, &with_target(0));
    assert_eq!(moves(&county, &outcome), ["n>M", "z>L"]);
    let weights = policy().weights;
    assert_objective(&outcome, 20.0 * weights.distance);
}

#[test]
fn the_alliance_target_makes_the_lead_and_member_trade() {
    let county = trade();
    let outcome = solve_and_check(&county, &with_target(1));
    assert_eq!(moves(&county, &outcome), ["b>M", "y>L"]);
    let weights = policy().weights;
    assert_objective(&outcome, 2.0 * weights.preference + 20.0 * weights.distance);
}

/// Two each way cannot be had (one backbone teacher at L, one post short at
/// L): soft, the shortfall of one each way costs `weights.quota` each; with
/// `quota.hard` the unit is infeasible and the report names the target.
#[test]
fn a_target_out_of_reach_is_a_cost_or_with_quota_hard_a_conflict() {
    let county = trade();
    let outcome = solve_and_check(&county, &with_target(2));
    assert_eq!(moves(&county, &outcome), ["b>M", "y>L"]);
    let weights = policy().weights;
    assert_objective(
        &outcome,
        2.0 * weights.quota + 2.0 * weights.preference + 20.0 * weights.distance,
    );

    let mut hard = with_target(2);
    hard.quota.hard = true;
    let outcome = solve_one(&county, &hard);
    assert_eq!(outcome.status, RunStatus::Infeasible);
    assert!(
        outcome.conflicts.iter().any(|c| c.contains("alliance")),
        "{:?}",
        outcome.conflicts
    );
}
