//! Cadre secondment (挂职, SPEC §1 `secondment`, rule 12, the cadre exchange
//! target `secondment.min_each_way`) on small instances solved by hand.
//! Every roster from `solve_and_check` is re-checked by `check`.
//!
//! A secondee takes no post at the host and is away from home, so a
//! secondment only pays where something asks for it: a volunteer's bonus
//! (tier 5), the cadre target (tier 2), or a lock. The cadres below teach a
//! subject their school has one teacher too many of, so that leaving opens
//! no shortage at home, unless a test says otherwise.

mod common;

use common::county::{policy, Career, County};
use common::solving::{
    assert_objective, exchange_of, moves, report_of, solve_and_check, solve_one,
};
use rotaplan::domain::{Area, Kind, Policy, Post, SchoolIx, TeacherIx};
use rotaplan::solve::RunStatus;

/// No quota, anyone may be away: only what a test sets decides.
fn open_policy() -> Policy {
    let mut policy = policy();
    policy.quota.min_fraction = 0.0;
    policy.quota.backbone_fraction = 0.0;
    policy.limits.max_away_fraction = 1.0;
    policy
}

/// A cadre with `post` at `school`, teaching math, where math has one
/// teacher more than its one post (the other is `<id>-colleague`).
fn cadre_with_spare(county: &mut County, id: &str, school: SchoolIx, post: Post) -> TeacherIx {
    let cadre = county.teacher(id, school, &["math"], Career::SENIOR);
    county.teacher_mut(cadre).post = post;
    county.teacher(
        &format!("{id}-colleague"),
        school,
        &["math"],
        Career::SENIOR,
    );
    county.demand(school, "math", 1);
    cadre
}

/// Group G1: the urban lead L and two rural members, M (10 km east of L)
/// and M2 (10 km north).
fn group_of_three() -> (County, SchoolIx, SchoolIx) {
    let mut county = County::new();
    let lead = county.school("L", Area::Urban, (0.0, 0.0));
    let member = county.school("M", Area::Rural, (10.0, 0.0));
    let member2 = county.school("M2", Area::Rural, (0.0, 10.0));
    county.lead(lead);
    county.member(member);
    county.member(member2);
    (county, lead, member)
}

/// 挂职锻炼: the volunteer middle manager c of urban school U may go to
/// the rural school R (10 km) but not to the urban school U2 (5 km, the
/// wrong direction); the volunteer teacher t of U is not a cadre and takes
/// nothing (no other school needs math, so no other kind is open to
/// either; U's math has two teachers to spare). Sending c earns the
/// volunteer bonus for 10 km: objective `10 x distance` (t has no
/// exchange to be charged for).
#[test]
fn an_urban_cadre_is_seconded_to_a_rural_school() {
    let mut county = County::new();
    let urban = county.school("U", Area::Urban, (0.0, 0.0));
    county.school("R", Area::Rural, (10.0, 0.0));
    county.school("U2", Area::Urban, (0.0, 5.0));
    let c = cadre_with_spare(&mut county, "c", urban, Post::Middle);
    county.teacher_mut(c).volunteer = true;
    let t = county.teacher("t", urban, &["math"], Career::SENIOR);
    county.teacher_mut(t).volunteer = true;

    let policy = open_policy();
    let outcome = solve_and_check(&county, &policy);
    assert_eq!(moves(&county, &outcome), ["c>R"]);
    let e = exchange_of(&county, &outcome, "c");
    // One term (`secondment.terms`); either of the two costs the same.
    assert_eq!((e.kind, e.end_term - e.start_term), (Kind::Secondment, 0));
    assert_objective(&outcome, 10.0 * policy.weights.distance);

    let report = report_of(&county, &policy, std::slice::from_ref(&outcome));
    let row = report.roster.iter().find(|r| r.teacher_id == "c").unwrap();
    assert!(row.reasons.contains("cadre:middle"), "{}", row.reasons);
    assert_eq!(report.summary.exchanges.secondment, 1);
}

/// 挂职学习: the volunteer principal r of rural school R may go to the town
/// lead school L (20 km) or the urban school U (30 km), not to the town
/// school T (10 km, neither urban nor a lead) nor the rural R2 (5 km): he
/// goes to L, the nearest allowed.
#[test]
fn a_rural_cadre_is_seconded_to_a_lead_school_to_learn() {
    let mut county = County::new();
    let rural = county.school("R", Area::Rural, (0.0, 0.0));
    let lead = county.school("L", Area::Town, (20.0, 0.0));
    county.school("U", Area::Urban, (30.0, 0.0));
    county.school("T", Area::Town, (0.0, 10.0));
    county.school("R2", Area::Rural, (0.0, -5.0));
    county.lead(lead);
    let r = cadre_with_spare(&mut county, "r", rural, Post::Principal);
    county.teacher_mut(r).volunteer = true;

    let policy = open_policy();
    let outcome = solve_and_check(&county, &policy);
    assert_eq!(moves(&county, &outcome), ["r>L"]);
    assert_eq!(exchange_of(&county, &outcome, "r").kind, Kind::Secondment);
    assert_objective(&outcome, 20.0 * policy.weights.distance);
}

/// Rule 12: volunteer cadres a (of U1, 10 km from R) and b (of U2, 20 km)
/// both want the one rural school R for the whole year
/// (`secondment.terms = 2`); R has one place a term, so only a goes, and
/// b unsent costs `weights.preference`. With two places both go; with the
/// one place taken by a secondee in force, neither (and neither has an
/// exchange left to be charged for).
#[test]
fn a_school_receives_at_most_max_per_host_secondees_a_term() {
    let mut county = County::new();
    let u1 = county.school("U1", Area::Urban, (0.0, 0.0));
    let u2 = county.school("U2", Area::Urban, (30.0, 0.0));
    let rural = county.school("R", Area::Rural, (10.0, 0.0));
    let a = cadre_with_spare(&mut county, "a", u1, Post::VicePrincipal);
    let b = cadre_with_spare(&mut county, "b", u2, Post::Middle);
    county.teacher_mut(a).volunteer = true;
    county.teacher_mut(b).volunteer = true;
    let mut policy = open_policy();
    policy.secondment.terms = 2;
    let w = policy.weights.clone();

    let outcome = solve_and_check(&county, &policy);
    assert_eq!(moves(&county, &outcome), ["a>R"]);
    assert_objective(&outcome, w.preference + 10.0 * w.distance);

    policy.secondment.max_per_host = 2;
    let outcome = solve_and_check(&county, &policy);
    assert_eq!(moves(&county, &outcome), ["a>R", "b>R"]);
    assert_objective(&outcome, 30.0 * w.distance);

    policy.secondment.max_per_host = 1;
    let s = county.teacher("s", u1, &["english"], Career::SENIOR);
    county.teacher_mut(s).post = Post::Principal;
    let year = (
        common::county::years_before(1),
        common::county::first_day() + chrono::Days::new(300),
    );
    county.in_force(s, Kind::Secondment, "english", rural, year);
    let outcome = solve_and_check(&county, &policy);
    assert!(moves(&county, &outcome).is_empty());
    assert_objective(&outcome, 0.0);
}

/// Group G1: lead L (urban) and member M (rural), 10 km apart; cadre a of
/// L and cadre b of M, neither a volunteer. Without a target nobody is
/// seconded (it only costs km). With `secondment.min_each_way = 1` a goes
/// to M and b to L (tier 2). Two each way cannot be had (one cadre each):
/// soft, each way's missing cadre costs `weights.quota`; with `quota.hard`
/// the unit is infeasible and the report names the target.
#[test]
fn the_cadre_target_seconds_cadres_each_way_soft_or_hard() {
    let mut county = County::new();
    let lead = county.school("L", Area::Urban, (0.0, 0.0));
    let member = county.school("M", Area::Rural, (10.0, 0.0));
    county.lead(lead);
    county.member(member);
    cadre_with_spare(&mut county, "a", lead, Post::Principal);
    cadre_with_spare(&mut county, "b", member, Post::Middle);
    let mut policy = open_policy();
    let w = policy.weights.clone();

    let outcome = solve_and_check(&county, &policy);
    assert!(moves(&county, &outcome).is_empty());
    assert_objective(&outcome, 0.0);

    policy.secondment.min_each_way = 1;
    let outcome = solve_and_check(&county, &policy);
    assert_eq!(moves(&county, &outcome), ["a>M", "b>L"]);
    assert_objective(&outcome, 20.0 * w.distance);
    let summary = report_of(&county, &policy, std::slice::from_ref(&outcome)).summary;
    let g1 = summary.secondment.expect("the cadre target is reported")["G1"];
    assert_eq!(
        (g1.required, g1.lead_to_members, g1.members_to_lead),
        (1, 1, 1)
    );
    // A secondment is a cadre's exchange: the alliance target of teachers
    // does not count it.
    for e in &outcome.chosen {
        assert!(rotaplan::domain::alliance::alliance_way(&county.dataset, &e.exchange).is_none());
    }

    policy.secondment.min_each_way = 2;
    let outcome = solve_and_check(&county, &policy);
    assert_eq!(moves(&county, &outcome), ["a>M", "b>L"]);
    assert_objective(&outcome, 2.0 * w.quota + 20.0 * w.distance);

    policy.quota.hard = true;
    let outcome = solve_one(&county, &policy);
    assert_eq!(outcome.status, RunStatus::Infeasible);
    assert!(
        outcome
            .conflicts
            .iter()
            .any(|c| c.contains("cadre_exchange")),
        "{:?}",
        outcome.conflicts
    );
    policy.secondment.min_each_way = 1;
    let outcome = solve_and_check(&county, &policy);
    assert_eq!(moves(&county, &outcome), ["a>M", "b>L"]);
}

/// A secondee is away from home: the cadre target asks for a cadre of the
/// lead L at a member and one of a member at L; L's only cadre a is L's
/// only english teacher, member M's cadre b has a spare colleague. Soft,
/// b goes and a stays: leaving would open an english post at L (tier 1
/// outweighs the target), so the lead-to-members way costs
/// `weights.quota`. Hard, a must go, and rule 11 (L keeps english) forbids
/// it: infeasible, naming rule 11. Then rule 6: two cadres of L with spare
/// colleagues, but L's five teachers may have one away.
#[test]
fn a_secondee_counts_as_away_at_home() {
    let (mut county, lead, member) = group_of_three();
    let a = county.teacher("a", lead, &["english"], Career::SENIOR);
    county.teacher_mut(a).post = Post::VicePrincipal;
    county.demand(lead, "english", 1);
    county.staff("m", lead, "music", 4, Career::SENIOR);
    county.demand(lead, "music", 4);
    cadre_with_spare(&mut county, "b", member, Post::Middle);
    let mut policy = open_policy();
    policy.secondment.min_each_way = 1;
    let w = policy.weights.clone();

    let outcome = solve_and_check(&county, &policy);
    assert_eq!(moves(&county, &outcome), ["b>L"]);
    assert_objective(&outcome, w.quota + 10.0 * w.distance);

    policy.quota.hard = true;
    let outcome = solve_one(&county, &policy);
    assert_eq!(outcome.status, RunStatus::Infeasible);
    assert!(
        outcome.conflicts.iter().any(|c| c.contains("rule 11")),
        "{:?}",
        outcome.conflicts
    );

    // Rule 6: L's five teachers may have one away (0.2, rounded down).
    // Two cadres with a spare colleague each, two members to go to for
    // the year, two each way asked for: only one can go.
    let (mut county, lead, _) = group_of_three();
    cadre_with_spare(&mut county, "a", lead, Post::Principal);
    let b = county.teacher("b", lead, &["math"], Career::SENIOR);
    county.teacher_mut(b).post = Post::Middle;
    county.teacher("c", lead, &["math"], Career::SENIOR);
    county.demand(lead, "math", 2); // a, b, c and a-colleague: 2 spare
    county.teacher("d", lead, &["english"], Career::SENIOR);
    county.demand(lead, "english", 1);
    let mut policy = open_policy();
    policy.limits.max_away_fraction = 0.2;
    policy.secondment.terms = 2;
    policy.secondment.min_each_way = 2;
    policy.secondment.max_per_host = 2;
    let outcome = solve_and_check(&county, &policy);
    let sent = moves(&county, &outcome);
    assert_eq!(sent.len(), 1, "{sent:?}");
    // Lead to members one short of two; members to lead two short (no
    // member cadres): 3 x quota, plus 10 km.
    assert_objective(&outcome, 3.0 * w.quota + 10.0 * w.distance);
}

/// Rule 9 with a secondment: c of U is locked to R as a secondment
/// (`kind = secondment`) and goes though nothing else asks for it; locked
/// to U2, an urban school, the lock cannot hold (rule 2's direction) and
/// the unit is infeasible.
#[test]
fn a_lock_on_a_secondment_holds() {
    let mut county = County::new();
    let urban = county.school("U", Area::Urban, (0.0, 0.0));
    let rural = county.school("R", Area::Rural, (10.0, 0.0));
    let urban2 = county.school("U2", Area::Urban, (0.0, 5.0));
    let c = cadre_with_spare(&mut county, "c", urban, Post::Middle);
    county.lock(c, Some(rural)).kind = Some(Kind::Secondment);
    let policy = open_policy();
    let outcome = solve_and_check(&county, &policy);
    assert_eq!(moves(&county, &outcome), ["c>R"]);
    assert_eq!(exchange_of(&county, &outcome, "c").kind, Kind::Secondment);
    assert_objective(&outcome, 10.0 * policy.weights.distance);
    let report = report_of(&county, &policy, std::slice::from_ref(&outcome));
    assert!(report.roster[0].reasons.contains("locked"));

    county.dataset.locks[0].host = Some(urban2);
    let outcome = solve_one(&county, &policy);
    assert_eq!(outcome.status, RunStatus::Infeasible);
    assert!(
        outcome.conflicts.iter().any(|c| c.contains("rule 2")),
        "{:?}",
        outcome.conflicts
    );
}
