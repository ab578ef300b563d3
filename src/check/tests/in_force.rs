//! Exchanges in force (`in_force.csv`) in `check`: they count next to the
//! roster's rows in every rule that ties exchanges together, their teachers
//! take no new exchange, and what they break alone is a warning.

use super::assert_found;
use super::fixture::{date, Fixture};
use crate::domain::in_force::{overlapped_terms, InForce};
use crate::domain::{Exchange, Kind, Subject};

/// Puts `teacher` on an exchange in force from `start` to `end`, as loading
/// `in_force.csv` does (the end becomes their last exchange end).
fn in_force(
    fx: &mut Fixture,
    teacher: &str,
    kind: Kind,
    subject: &str,
    host: &str,
    dates: (&str, &str),
) {
    let (start, end) = (date(dates.0), date(dates.1));
    let (start_term, end_term) =
        overlapped_terms(&fx.horizon, start, end).expect("runs into the horizon");
    let exchange = Exchange {
        teacher: fx.t(teacher),
        kind,
        subject: Subject::new(subject),
        host: fx.s(host),
        start_term,
        end_term,
    };
    fx.teacher(teacher).last_exchange_end = Some(end);
    fx.dataset.in_force.push(InForce {
        exchange,
        start_date: start,
        end_date: end,
    });
}

/// The second year of a rotation started in 2026: T1-f1 holds an english
/// post at R1 until 2029.
fn year_two_rotation(fx: &mut Fixture) {
    in_force(
        fx,
        "T1-f1",
        Kind::Rotation,
        "english",
        "R1",
        ("2026-09-01", "2029-08-31"),
    );
}

#[test]
fn an_in_force_rotation_holds_its_post_at_the_host() {
    let mut fx = Fixture::valid();
    assert_found(&fx, &[]);
    // R1 needs 2 english teachers: R1-e, and B on the roster (line 3). With
    // T1-f1 in force there, B is one too many.
    year_two_rotation(&mut fx);
    assert_found(&fx, &[(7, &[3]), (7, &[3])]);
    let report = fx.check();
    assert!(
        report.violations[0]
            .message
            .contains("staff 3 after arrivals > demand 2 (1 own teacher(s) present + 2 arrival(s) (1 on exchanges in force))"),
        "{}",
        report.violations[0]
    );
}

#[test]
fn a_teacher_in_force_takes_no_new_exchange() {
    let mut fx = Fixture::valid();
    year_two_rotation(&mut fx);
    fx.remove_row(3);
    fx.dataset.demand.insert(
        (fx.s("R3"), Subject::new("english")),
        crate::domain::DemandFigure {
            every_term: Some(1),
            ..Default::default()
        },
    );
    let again = fx.push_row("T1-f1,,support,english,T1,R3,2027-autumn,2028-spring,,,,,");
    // Rule 3 only: T1-f1 is not counted twice among T1's departures.
    assert_found(&fx, &[(3, &[again])]);
    let report = fx.check();
    assert!(
        report.violations[0]
            .message
            .contains("in force until 2029-08-31"),
        "{}",
        report.violations[0]
    );
}

#[test]
fn in_force_departures_count_against_the_home_school() {
    let mut fx = Fixture::valid();
    // T1 (10 teachers) may have 2 away; in the autumn B (line 3) and two in
    // force are 3. In the spring T1-f2 is back.
    year_two_rotation(&mut fx);
    let key = (fx.s("R1"), Subject::new("english"));
    fx.dataset.demand.get_mut(&key).unwrap().every_term = Some(3);
    in_force(
        &mut fx,
        "T1-f2",
        Kind::Support,
        "english",
        "R4",
        ("2027-02-21", "2028-01-20"),
    );
    assert_found(&fx, &[(6, &[3])]);
    let report = fx.check();
    assert!(
        report.violations[0]
            .message
            .contains("school T1 term 2027-autumn: 3 of its 10 teachers away (2 on exchanges in force) > limit 2"),
        "{}",
        report.violations[0]
    );
}

#[test]
fn what_the_in_force_exchanges_break_alone_is_a_warning() {
    let mut fx = Fixture::valid();
    year_two_rotation(&mut fx);
    fx.remove_row(3);
    // R1's english demand falls to 1 after the rotation started.
    let key = (fx.s("R1"), Subject::new("english"));
    fx.dataset.demand.get_mut(&key).unwrap().every_term = Some(1);
    let report = fx.check();
    assert!(report.is_valid(), "{:#?}", report.violations);
    assert!(
        report.warnings.iter().any(|w| w
            .starts_with("rule 7 (host capacity) broken by exchanges in force alone")
            && w.contains("host R1 term 2027-autumn subject english: staff 2 > demand 1")),
        "{:#?}",
        report.warnings
    );
}

#[test]
fn a_spouse_in_force_far_away_binds_the_roster() {
    let mut fx = Fixture::valid();
    // D (B's spouse, home T2) teaches at R4 this year; R4 is 60 km from R1,
    // where B's support (line 3) goes.
    in_force(
        &mut fx,
        "D",
        Kind::Support,
        "english",
        "R4",
        ("2027-02-21", "2028-07-10"),
    );
    fx.set_km("R1", "R4", 60.0);
    fx.set_km("T2", "R4", 20.0);
    assert_found(&fx, &[(8, &[3])]);
    // Without B's row, the couple is apart by the in-force exchange alone
    // (T1 to R4 is 90 km): a warning.
    fx.remove_row(3);
    let report = fx.check();
    assert!(report.is_valid(), "{:#?}", report.violations);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.starts_with("rule 8 (couples) broken by exchanges in force alone")),
        "{:#?}",
        report.warnings
    );
}
