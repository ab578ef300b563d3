//! Exchanges in force (`in_force.csv`) in the model, on small instances
//! solved by hand: they hold their posts, beds, mentors and departures, and
//! their teachers take no new exchange. Every roster is re-checked by
//! `check`.

mod common;

use chrono::NaiveDate;
use common::county::{policy, Career, County};
use common::solving::{moves, solve_and_check};
use rotaplan::domain::{Area, Backbone, Kind, Policy};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The second year of a three-year rotation started in September 2026.
fn year_two() -> (NaiveDate, NaiveDate) {
    (date(2026, 9, 1), date(2029, 8, 31))
}

fn no_quota() -> Policy {
    let mut policy = policy();
    policy.quota.min_fraction = 0.0;
    policy.quota.backbone_fraction = 0.0;
    policy
}

/// A town school T with three english teachers for two posts; rural R and
/// R2 each need one. e1 is in year two of a rotation to R, so R is full,
/// and T has exactly its two posts filled.
///
/// By hand: R2 is short (weight 3); sending e2 or e3 leaves T short
/// (weight 2), still 1 better per term, so one goes. e1 would be the first
/// choice (volunteer, prefers R2, longest at T) but is on an exchange in
/// force; e2 goes before e3 (more years at T: e3 going would be an
/// inversion). Without the in-force exchange R would be short too and two
/// teachers would go; without its block e1 would go. (Departures are not
/// limited here: rule 6 with exchanges in force has its own test.)
#[test]
fn a_year_two_rotation_keeps_its_post_and_blocks_its_teacher() {
    let mut county = County::new();
    let town = county.school("T", Area::Town, (0.0, 0.0));
    let r = county.school("R", Area::Rural, (10.0, 0.0));
    let r2 = county.school("R2", Area::Rural, (0.0, 10.0));
    let e = county.staff("e", town, "english", 3, Career::SENIOR);
    county.teacher_mut(e[0]).volunteer = true;
    county.teacher_mut(e[0]).school_since = common::county::years_before(12);
    county.teacher_mut(e[1]).school_since = common::county::years_before(10);
    county.prefer(e[0], r2, 1);
    county.demand(town, "english", 2);
    county.demand(r, "english", 1);
    county.demand(r2, "english", 1);
    county.in_force(e[0], Kind::Rotation, "english", r, year_two());

    let mut policy = no_quota();
    policy.limits.max_away_fraction = 1.0;
    let outcome = solve_and_check(&county, &policy);
    assert_eq!(moves(&county, &outcome), ["e2>R2"]);
}

/// Rule 6 with an exchange in force: a school of five may have one teacher
/// away, and its one is away already; the rural school stays short.
#[test]
fn an_in_force_departure_uses_the_home_schools_room() {
    let mut county = County::new();
    let town = county.school("T", Area::Town, (0.0, 0.0));
    let r = county.school("R", Area::Rural, (10.0, 0.0));
    let r2 = county.school("R2", Area::Rural, (0.0, 10.0));
    let e = county.staff("e", town, "english", 5, Career::SENIOR);
    county.demand(town, "english", 3);
    county.demand(r, "english", 1);
    county.demand(r2, "english", 1);
    county.in_force(e[0], Kind::Rotation, "english", r, year_two());

    let outcome = solve_and_check(&county, &no_quota());
    assert!(
        moves(&county, &outcome).is_empty(),
        "{:?}",
        moves(&county, &outcome)
    );
    // Without e1 in force, one of them fills R2 (and another R).
    county.dataset.in_force.clear();
    county.teacher_mut(e[0]).last_exchange_end = None;
    let outcome = solve_and_check(&county, &no_quota());
    assert_eq!(moves(&county, &outcome).len(), 1);
}

/// Rule 10 with an exchange in force: the urban school's one backbone
/// english teacher mentors a learner already in force this autumn, so a
/// new learner can only shadow in the spring.
#[test]
fn an_in_force_learner_takes_the_mentor_for_its_term() {
    let mut county = County::new();
    let urban = county.school("U", Area::Urban, (0.0, 0.0));
    let village = county.school("V", Area::Rural, (10.0, 0.0));
    let mentor = county.teacher("m1", urban, &["english"], Career::SENIOR);
    county.teacher_mut(mentor).backbone = Backbone::County;
    county.demand(urban, "english", 1);
    let learners = county.staff("y", village, "english", 5, Career::YOUNG);
    county.demand(village, "english", 3);
    for &y in &learners[1..] {
        county.teacher_mut(y).volunteer = true;
    }
    county.in_force(
        learners[0],
        Kind::Shadow,
        "english",
        urban,
        (date(2027, 8, 25), date(2028, 1, 20)),
    );
    let mut policy = no_quota();
    policy.limits.max_away_fraction = 1.0;

    let outcome = solve_and_check(&county, &policy);
    let terms: Vec<usize> = outcome
        .chosen
        .iter()
        .map(|c| c.exchange.start_term)
        .collect();
    assert_eq!(terms, [1], "{:?}", moves(&county, &outcome));
}
