//! Every rule, broken one at a time in the smallest way on an otherwise valid
//! roster; each test fails if its check is dropped. See `fixture` for the
//! county and the valid roster (lines 2 = A's rotation, 3 = B's support,
//! 4 = C's shadowing).

pub(crate) mod fixture;
mod in_force;

use fixture::{found, Fixture};

use crate::check::Violation;
use crate::domain::{Backbone, Kind, Lock, Post, Rule};

/// The rule of SPEC §2 with number `n`, or [`Rule::InvalidRow`] for 0.
fn rule(n: u8) -> Rule {
    Rule::numbered(n).unwrap_or(Rule::InvalidRow)
}

/// Asserts the report holds exactly `expected` (rule number, rows), in
/// order.
#[track_caller]
fn assert_found(fixture: &Fixture, expected: &[(u8, &[u64])]) {
    let expected: Vec<(Rule, &[u64])> = expected.iter().map(|&(n, rows)| (rule(n), rows)).collect();
    assert_found_rules(fixture, &expected);
}

/// Asserts the report holds exactly `expected` (rule, rows), in order.
#[track_caller]
fn assert_found_rules(fixture: &Fixture, expected: &[(Rule, &[u64])]) {
    let report = fixture.check();
    let expected: Vec<(Rule, Vec<u64>)> = expected
        .iter()
        .map(|(r, rows)| (*r, rows.to_vec()))
        .collect();
    assert_eq!(
        found(&report),
        expected,
        "violations:\n{}",
        report
            .violations
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn a_missed_quota_is_a_warning_not_a_violation() {
    let mut fixture = Fixture::valid();
    fixture.policy.quota.min_fraction = 1.0;
    let report = fixture.check();
    assert!(report.is_valid(), "{:#?}", report.violations);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("quota missed by")),
        "{:#?}",
        report.warnings
    );
}

#[test]
fn the_valid_roster_passes_without_warnings() {
    let report = Fixture::valid().check();
    assert!(report.is_valid(), "{:#?}", report.violations);
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
}

#[test]
fn an_empty_roster_passes() {
    let mut fx = Fixture::valid();
    fx.rows.clear();
    fx.dataset.locks.clear();
    assert_found(&fx, &[]);
}

// Rule 0: rows that are not exchanges.

#[test]
fn rule_0_every_unresolvable_row_is_reported_and_the_rest_still_checked() {
    let mut fx = Fixture::valid();
    let bad = [
        "ZZ,Nobody,rotation,math,U1,R1,2027-autumn,2028-spring,,,,,",
        "T1-f1,,support,english,T1,NOPE,2027-autumn,2028-spring,,,,,",
        "T1-f1,,exchange,english,T1,R1,2027-autumn,2028-spring,,,,,",
        "T1-f1,,support,english,T1,R1,2027-autumn,2029-spring,,,,,",
        "T1-f1,,support,english,U1,R1,2027-autumn,2028-spring,,,,,",
        "C2,,shadow,math,R2,U2,2028-spring,2027-autumn,,,,,",
        "C2,,shadow,  ,R2,U2,2027-autumn,2027-autumn,,,,,",
    ];
    let lines: Vec<u64> = bad.iter().map(|row| fx.push_row(row)).collect();
    let expected: Vec<(u8, &[u64])> = lines.iter().map(|l| (0, std::slice::from_ref(l))).collect();
    assert_found(&fx, &expected);

    // The valid rows are still checked alongside.
    fx.row(3).subject = "physics".into();
    let report = fx.check();
    assert_eq!(report.violations.len(), bad.len() + 1);
    assert!(report
        .violations
        .iter()
        .any(|v| v.rule == Rule::Subject && v.rows == [3]));
}

#[test]
fn rule_0_messages_say_what_is_wrong() {
    let mut fx = Fixture::valid();
    fx.push_row("T1-f1,,support,english,U1,R1,2027-autumn,2028-spring,,,,,");
    fx.push_row("C2,,shadow,math,R2,U2,2028-spring,2027-autumn,,,,,");
    let report = fx.check();
    assert!(
        report.violations[0]
            .message
            .contains("not teacher T1-f1's school T1"),
        "{}",
        report.violations[0]
    );
    assert!(
        report.violations[1]
            .message
            .contains("end_term 2027-autumn comes before start_term 2028-spring"),
        "{}",
        report.violations[1]
    );
}

#[test]
fn ids_kinds_and_subjects_are_matched_as_the_spec_compares_them() {
    let mut fx = Fixture::valid();
    let row = fx.row(4);
    row.teacher_id = " C ".into();
    row.kind = "跟岗学习".into();
    row.subject = " Math ".into();
    assert_found(&fx, &[]);
}

#[test]
fn a_formula_escaped_id_is_read_back_without_its_quote() {
    let mut fx = Fixture::valid();
    fx.teacher("C").id = "-C".into();
    fx.row(4).teacher_id = "'-C".into();
    assert_found(&fx, &[]);
    fx.row(4).teacher_id = "'C".into();
    assert_found(&fx, &[(0, &[4])]);
}

// Rule 1: subject.

#[test]
fn rule_1_a_subject_the_teacher_is_not_qualified_in() {
    let mut fx = Fixture::valid();
    fx.row(3).subject = "physics".into();
    assert_found(&fx, &[(1, &[3])]);
}

#[test]
fn rule_1_a_second_subject_is_a_qualification_too() {
    let mut fx = Fixture::valid();
    fx.push_row("E,Teacher E,support,math,T1,R3,2027-autumn,2028-spring,,,,,");
    assert_found(&fx, &[]);
}

// Rule 2: direction, eligibility, span, one exchange per teacher.

#[test]
fn rule_2_shadowing_at_a_town_school_that_is_not_a_group_lead() {
    let mut fx = Fixture::valid();
    fx.row(4).host_school_id = "T1".into();
    assert_found(&fx, &[(2, &[4])]);
    // As a group lead the same school may host shadowing.
    fx.school("T1").group_role = Some(crate::domain::GroupRole::Lead);
    assert_found(&fx, &[]);
}

#[test]
fn rule_2_support_from_a_weak_school() {
    let mut fx = Fixture::valid();
    fx.school("T1").weak = true;
    assert_found(&fx, &[(2, &[3])]);
}

#[test]
fn rule_2_shadowing_by_a_teacher_with_too_many_years() {
    let mut fx = Fixture::valid();
    fx.row(4).teacher_id = "R2-f1".into();
    assert_found(&fx, &[(2, &[4])]);
}

#[test]
fn rule_2_rotation_before_enough_years_at_the_school() {
    let mut fx = Fixture::valid();
    // 2021-09-02 to 2027-09-01 is 5 whole years (and 364 days).
    fx.teacher("A").school_since = fixture::date("2021-09-02");
    assert_found(&fx, &[(2, &[2])]);
    fx.teacher("A").school_since = fixture::date("2021-09-01");
    assert_found(&fx, &[]);
}

#[test]
fn rule_2_a_span_the_kind_does_not_allow() {
    let mut fx = Fixture::valid();
    fx.row(3).end_term = "2027-autumn".into();
    assert_found(&fx, &[(2, &[3])]);
    // One-term support is allowed when the policy says so.
    fx.policy.support.terms = 1;
    assert_found(&fx, &[]);
}

#[test]
fn rule_2_a_rotation_must_cover_the_whole_horizon() {
    let mut fx = Fixture::valid();
    fx.row(2).start_term = "2028-spring".into();
    fx.dataset.locks.clear();
    assert_found(&fx, &[(2, &[2])]);
}

#[test]
fn one_exchange_two_exchanges_for_one_teacher() {
    let mut fx = Fixture::valid();
    let second = fx.push_row(
        "C,Teacher C,shadow,math,R2,U2,2028-spring,2028-spring,2028-02-21,2028-07-10,15.0,false,",
    );
    assert_found_rules(&fx, &[(Rule::OneExchange, &[4, second])]);
}

#[test]
fn rule_2_and_4_a_cross_county_posting_in_the_wrong_direction_shows_both() {
    let mut fx = Fixture::valid();
    fx.school("X1").area = crate::domain::Area::Urban;
    fx.row(3).host_school_id = "X1".into();
    assert_found(&fx, &[(2, &[3]), (4, &[3])]);
}

// Rule 3: exemptions.

#[test]
fn rule_3_a_declared_exemption() {
    let mut fx = Fixture::valid();
    fx.teacher("A").exempt = Some("sick leave".into());
    assert_found(&fx, &[(3, &[2])]);
}

#[test]
fn rule_3_near_retirement_counted_in_calendar_years() {
    let mut fx = Fixture::valid();
    // A man turning 55 on the horizon's first day is within 5 years of 60.
    fx.teacher("A").birth_date = fixture::date("1972-09-01");
    assert_found(&fx, &[(3, &[2])]);
    fx.teacher("A").birth_date = fixture::date("1972-09-02");
    assert_found(&fx, &[]);
}

#[test]
fn rule_3_cooling_down_after_a_recent_exchange() {
    let mut fx = Fixture::valid();
    fx.teacher("B").last_exchange_end = Some(fixture::date("2025-09-02"));
    assert_found(&fx, &[(3, &[3])]);
    fx.teacher("B").last_exchange_end = Some(fixture::date("2025-09-01"));
    assert_found(&fx, &[]);
}

// Rule 4: same county.

#[test]
fn rule_4_a_host_in_another_county() {
    let mut fx = Fixture::valid();
    fx.row(3).host_school_id = "X1".into();
    assert_found(&fx, &[(4, &[3])]);
}

// Rule 5: distance and beds.

#[test]
fn rule_5_a_host_beyond_max_km() {
    let mut fx = Fixture::valid();
    let row = fx.row(3);
    row.host_school_id = "R4".into();
    row.distance_km = "90.0".into();
    row.needs_bed = "true".into();
    assert_found(&fx, &[(5, &[3])]);
    fx.policy.distance.max_km = 90.0;
    assert_found(&fx, &[]);
}

#[test]
fn rule_5_an_unknown_distance() {
    let mut fx = Fixture::valid();
    fx.forget_km("U1", "R1");
    assert_found(&fx, &[(5, &[2])]);
}

#[test]
fn rule_5_needs_bed_that_disagrees_with_the_distance() {
    let mut fx = Fixture::valid();
    fx.row(2).needs_bed = "false".into();
    assert_found(&fx, &[(5, &[2])]);
    fx.row(2).needs_bed = "是".into();
    assert_found(&fx, &[]);
    fx.row(2).needs_bed = "maybe".into();
    assert_found(&fx, &[(5, &[2])]);
    fx.row(2).needs_bed = String::new();
    assert_found(&fx, &[]);
}

#[test]
fn rule_5_no_bed_left_at_the_host() {
    let mut fx = Fixture::valid();
    fx.school("R1").beds = 0;
    // One violation per term, each naming the row.
    assert_found(&fx, &[(5, &[2]), (5, &[2])]);
    let report = fx.check();
    assert!(
        report.violations[0]
            .message
            .contains("host R1 term 2027-autumn"),
        "{}",
        report.violations[0]
    );
}

#[test]
fn rule_5_two_exchanges_for_one_bed_name_both_rows() {
    let mut fx = Fixture::valid();
    fx.set_km("T1", "R1", 28.0);
    let row = fx.row(3);
    row.needs_bed = "true".into();
    row.distance_km = "28.0".into();
    assert_found(&fx, &[(5, &[2, 3]), (5, &[2, 3])]);
}

#[test]
fn rule_5_exactly_commute_km_needs_no_bed() {
    let mut fx = Fixture::valid();
    fx.set_km("U1", "R1", 25.0);
    fx.school("R1").beds = 0;
    let row = fx.row(2);
    row.needs_bed = "false".into();
    row.distance_km = "25.0".into();
    assert_found(&fx, &[]);
}

#[test]
fn rule_5_a_shadowing_teacher_needs_a_bed_too() {
    let mut fx = Fixture::valid();
    fx.set_km("R2", "U2", 40.0);
    let row = fx.row(4);
    row.needs_bed = "true".into();
    row.distance_km = "40.0".into();
    assert_found(&fx, &[(5, &[4])]);
}

// Rule 6: departures.

#[test]
fn rule_6_a_second_teacher_away_from_a_school_of_five() {
    let mut fx = Fixture::valid();
    let second = fx.push_row("U1-f1,Teacher U1-f1,support,math,U1,R3,2027-autumn,2028-spring,,,,,");
    assert_found(&fx, &[(6, &[2, second]), (6, &[2, second])]);
}

#[test]
fn rule_6_no_teacher_may_leave_a_school_of_four() {
    let mut fx = Fixture::valid();
    let t1 = fx.s("T1");
    fx.teacher("U1-f4").school = t1;
    assert_found(&fx, &[(6, &[2]), (6, &[2])]);
    let report = fx.check();
    assert!(
        report.violations[0]
            .message
            .contains("1 of its 4 teachers away > limit 0"),
        "{}",
        report.violations[0]
    );
}

#[test]
fn rule_6_counts_only_the_terms_a_teacher_is_away() {
    let mut fx = Fixture::valid();
    // C2 shadows in spring, C in autumn: one away from R2 each term, even
    // with R2 shrunk to five teachers.
    let elsewhere = fx.s("T2");
    for id in ["R2-f4", "R2-f5", "R2-f6", "R2-f7", "R2-f8"] {
        fx.teacher(id).school = elsewhere;
    }
    fx.push_row("C2,Teacher C2,shadow,math,R2,U2,2028-spring,2028-spring,,,,,");
    assert_found(&fx, &[]);
    let second = fx.push_row("R2-f1,,rotation,math,R2,R3,2027-autumn,2028-spring,,,,,");
    assert_found(&fx, &[(6, &[4, second]), (6, &[5, second])]);
}

// Rule 7: host capacity.

#[test]
fn rule_7_an_arrival_into_a_post_that_is_not_short() {
    let mut fx = Fixture::valid();
    let extra = fx.push_row("E,Teacher E,support,math,T1,R1,2027-autumn,2028-spring,,,,,");
    assert_found(&fx, &[(7, &[2, extra]), (7, &[2, extra])]);
    let report = fx.check();
    assert!(
        report.violations[0]
            .message
            .contains("host R1 term 2027-autumn subject math: staff 3 after arrivals > demand 2"),
        "{}",
        report.violations[0]
    );
}

#[test]
fn rule_7_demand_given_for_one_term_only() {
    let mut fx = Fixture::valid();
    let key = (fx.s("R1"), crate::domain::Subject::new("math"));
    fx.dataset
        .demand
        .get_mut(&key)
        .unwrap()
        .by_term
        .insert("2028-spring".into(), 1);
    assert_found(&fx, &[(7, &[2])]);
    assert!(fx.check().violations[0].message.contains("2028-spring"));
}

#[test]
fn rule_7_counts_the_hosts_own_teachers_by_primary_subject_only() {
    let mut fx = Fixture::valid();
    // R1-e also teaches math, but fills an english post.
    fx.teacher("R1-e")
        .subjects
        .push(crate::domain::Subject::new("math"));
    assert_found(&fx, &[]);
    // As a primary math teacher R1-e fills the second math post.
    fx.teacher("R1-e").subjects.reverse();
    assert_found(&fx, &[(7, &[2]), (7, &[2])]);
}

#[test]
fn rule_7_an_own_teacher_away_frees_the_post() {
    let mut fx = Fixture::valid();
    // U2: 5 own math teachers and 5 math posts. While M1 rotates out, an
    // arrival may take the free post; with M1 at home it may not.
    let math = crate::domain::Subject::new("math");
    let figure = crate::domain::DemandFigure {
        every_term: Some(5),
        ..Default::default()
    };
    fx.dataset.demand.insert((fx.s("U2"), math), figure);
    fx.remove_row(4); // C's shadowing would lose its mentor M1
    let leaves = fx.push_row("M1,Teacher M1,rotation,math,U2,R3,2027-autumn,2028-spring,,,,,");
    let arrives = fx.push_row("T1-bm,,rotation,math,T1,U2,2027-autumn,2028-spring,,,,,");
    assert_found(&fx, &[]);
    fx.remove_row(leaves);
    assert_found(&fx, &[(7, &[arrives]), (7, &[arrives])]);
}

#[test]
fn rule_7_a_shadowing_teacher_fills_no_post() {
    // U2 has no math demand at all, yet C may shadow there.
    let fx = Fixture::valid();
    assert_eq!(
        fx.dataset.posts(
            fx.s("U2"),
            &crate::domain::Subject::new("math"),
            "2027-autumn"
        ),
        0
    );
    assert_found(&fx, &[]);
}

// Rule 8: couples.

#[test]
fn rule_8_spouses_left_too_far_apart() {
    let mut fx = Fixture::valid();
    fx.set_km("T2", "R1", 31.0);
    assert_found(&fx, &[(8, &[3])]);
    let message = &fx.check().violations[0].message;
    assert!(
        message.contains("2027-autumn") && message.contains("2028-spring"),
        "{message}"
    );
}

#[test]
fn rule_8_spouses_already_farther_apart_at_home() {
    let mut fx = Fixture::valid();
    fx.set_km("T1", "T2", 40.0);
    fx.set_km("T2", "R1", 40.0);
    assert_found(&fx, &[]);
    fx.set_km("T2", "R1", 40.5);
    assert_found(&fx, &[(8, &[3])]);
}

#[test]
fn rule_8_both_spouses_away() {
    let mut fx = Fixture::valid();
    // D supports at R4 (10 km from T2, 10 km from R1) — fine; then far.
    let d = fx.push_row("D,Teacher D,support,english,T2,R4,2027-autumn,2028-spring,,,,,");
    assert_found(&fx, &[]);
    fx.set_km("R1", "R4", 35.0);
    assert_found(&fx, &[(8, &[3, d])]);
}

// Rule 9: locks and forbidden pairs.

#[test]
fn rule_9_a_locked_exchange_missing_from_the_roster() {
    let mut fx = Fixture::valid();
    fx.remove_row(2);
    assert_found(&fx, &[(9, &[])]);
    assert!(fx.check().violations[0]
        .message
        .contains("teacher A is locked to host R1"));
}

#[test]
fn rule_9_a_locked_exchange_changed() {
    let mut fx = Fixture::valid();
    fx.dataset.locks[0].start_term = Some("2028-spring".into());
    assert_found(&fx, &[(9, &[2])]);
    fx.dataset.locks[0].start_term = None;
    fx.dataset.locks[0].kind = Some(Kind::Support);
    assert_found(&fx, &[(9, &[2])]);
    fx.dataset.locks[0].kind = None;
    fx.dataset.locks[0].subject = Some(crate::domain::Subject::new("english"));
    assert_found(&fx, &[(9, &[2])]);
    fx.dataset.locks[0].subject = None;
    fx.dataset.locks[0].host = Some(fx.s("R3"));
    assert_found(&fx, &[(9, &[2])]);
}

#[test]
fn rule_9_a_teacher_locked_to_stay() {
    let mut fx = Fixture::valid();
    let c = fx.t("C");
    fx.dataset.locks.push(Lock {
        teacher: c,
        host: None,
        kind: None,
        subject: None,
        start_term: None,
    });
    assert_found(&fx, &[(9, &[4])]);
}

#[test]
fn rule_9_a_forbidden_pair() {
    let mut fx = Fixture::valid();
    let pair = (fx.t("B"), fx.s("R1"));
    fx.dataset.forbidden.push(pair);
    assert_found(&fx, &[(9, &[3])]);
}

// Rule 10: mentors.

#[test]
fn rule_10_two_shadowing_teachers_for_one_mentor() {
    let mut fx = Fixture::valid();
    let second = fx.push_row("C2,Teacher C2,shadow,math,R2,U2,2027-autumn,2027-autumn,,,,,");
    assert_found(&fx, &[(10, &[4, second])]);
    // In different terms one mentor suffices.
    fx.row(second).start_term = "2028-spring".into();
    fx.row(second).end_term = "2028-spring".into();
    assert_found(&fx, &[]);
}

#[test]
fn rule_10_the_only_mentor_is_away() {
    let mut fx = Fixture::valid();
    fx.push_row("M1,Teacher M1,rotation,math,U2,R3,2027-autumn,2028-spring,,,,,");
    assert_found(&fx, &[(10, &[4])]);
}

#[test]
fn rule_10_no_backbone_teacher_of_the_subject() {
    let mut fx = Fixture::valid();
    fx.teacher("M1").backbone = Backbone::None;
    assert_found(&fx, &[(10, &[4])]);
    // A backbone teacher of another primary subject is no mentor in math.
    fx.teacher("U2-f1").backbone = Backbone::National;
    fx.teacher("U2-f1").subjects = vec![
        crate::domain::Subject::new("art"),
        crate::domain::Subject::new("math"),
    ];
    assert_found(&fx, &[(10, &[4])]);
}

// Rule 12: secondment places.

/// T1-f1 (town) and U2-f1 (urban), both cadres, seconded to the rural R3
/// 10 km away: a valid pair of secondments unless they share a term there.
fn two_secondees() -> (Fixture, u64, u64) {
    let mut fx = Fixture::valid();
    fx.teacher("T1-f1").post = Post::Middle;
    fx.teacher("U2-f1").post = Post::VicePrincipal;
    fx.set_km("T1", "R3", 10.0);
    fx.set_km("U2", "R3", 10.0);
    let a = fx.push_row("T1-f1,,secondment,english,T1,R3,2027-autumn,2027-autumn,,,,,");
    let b = fx.push_row("U2-f1,,secondment,math,U2,R3,2028-spring,2028-spring,,,,,");
    (fx, a, b)
}

#[test]
fn rule_12_two_secondees_at_one_school_in_a_term() {
    let (mut fx, a, b) = two_secondees();
    assert_found(&fx, &[]);
    fx.row(b).start_term = "2027-autumn".into();
    fx.row(b).end_term = "2027-autumn".into();
    assert_found(&fx, &[(12, &[a, b])]);
    fx.policy.secondment.max_per_host = 2;
    assert_found(&fx, &[]);
}

#[test]
fn rule_12_a_secondee_in_force_takes_the_place() {
    let (mut fx, a, b) = two_secondees();
    let (teacher, host) = (fx.t("R2-f1"), fx.s("R3"));
    fx.teacher("R2-f1").post = Post::Principal;
    fx.teacher("R2-f1").last_exchange_end = Some(fixture::date("2028-07-10"));
    fx.dataset.in_force.push(crate::domain::in_force::InForce {
        exchange: crate::domain::Exchange {
            teacher,
            kind: Kind::Secondment,
            subject: crate::domain::Subject::new("math"),
            host,
            start_term: 0,
            end_term: 1,
        },
        start_date: fixture::date("2027-02-21"),
        end_date: fixture::date("2028-07-10"),
    });
    assert_found(&fx, &[(12, &[a]), (12, &[b])]);
}

#[test]
fn rule_2_a_teacher_who_is_no_cadre_on_a_secondment() {
    let (mut fx, a, _) = two_secondees();
    fx.teacher("T1-f1").post = Post::Teacher;
    assert_found(&fx, &[(2, &[a])]);
    // And a cadre seconded the wrong way: town to town.
    fx.teacher("T1-f1").post = Post::Principal;
    fx.row(a).host_school_id = "T2".into();
    assert_found(&fx, &[(2, &[a])]);
}

// Several rules at once.

#[test]
fn several_violations_are_all_reported() {
    let mut fx = Fixture::valid();
    fx.row(3).subject = "physics".into(); // 1
    let unknown = fx.push_row("ZZ,,rotation,math,U1,R1,2027-autumn,2028-spring,,,,,"); // 0
    let second = fx.push_row("U1-f1,,support,math,U1,R3,2027-autumn,2028-spring,,,,,"); // 6
    let c = fx.t("C");
    fx.dataset.locks.push(Lock {
        teacher: c,
        host: None,
        kind: None,
        subject: None,
        start_term: None,
    }); // 9
    fx.teacher("A").exempt = Some("sick".into()); // 3
    assert_found(
        &fx,
        &[
            (0, &[unknown]),
            (1, &[3]),
            (3, &[2]),
            (6, &[2, second]),
            (6, &[2, second]),
            (9, &[4]),
        ],
    );
}

// Warnings.

#[test]
fn informational_columns_that_disagree_are_warnings_not_violations() {
    let mut fx = Fixture::valid();
    let row = fx.row(2);
    row.teacher_name = "Someone Else".into();
    row.end_date = "2030-07-10".into();
    row.start_date = "2027/9/1".into();
    row.distance_km = "31.0".into();
    let report = fx.check();
    assert!(report.is_valid(), "{:#?}", report.violations);
    assert_eq!(report.warnings.len(), 3, "{:#?}", report.warnings);
    assert!(report.warnings.iter().any(|w| w.contains("teacher_name")));
    assert!(report
        .warnings
        .iter()
        .any(|w| w.contains("end_date") && w.contains("2030-08-31")));
    assert!(report
        .warnings
        .iter()
        .any(|w| w.contains("distance_km") && w.contains("30.0")));
}

#[test]
fn distance_within_a_tenth_of_a_km_is_no_warning() {
    let mut fx = Fixture::valid();
    fx.set_km("U1", "R1", 30.04);
    assert!(fx.check().warnings.is_empty());
    fx.set_km("U1", "R1", 30.2);
    assert_eq!(fx.check().warnings.len(), 1);
}

// Display.

#[test]
fn a_violation_prints_its_rule_name_and_rows() {
    let v = Violation::new(
        Rule::Distance,
        [9, 4, 9],
        "host S07 term 2027-autumn: …".into(),
    );
    assert_eq!(
        v.to_string(),
        "rule 5 (distance and beds), rows 4, 9: host S07 term 2027-autumn: …"
    );
    let v = Violation::new(Rule::Locks, [], "teacher A is locked".into());
    assert_eq!(v.to_string(), "rule 9 (locks): teacher A is locked");
    assert_eq!(
        Violation::new(Rule::Subject, [3], "x".into()).to_string(),
        "rule 1 (subject), row 3: x"
    );
}

// Robustness.

mod robustness {
    use proptest::prelude::*;

    use super::fixture::Fixture;
    use crate::domain::Rule;

    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("A".to_string()),
            Just("C".to_string()),
            Just("ZZ".to_string()),
            Just("U1".to_string()),
            Just("R1".to_string()),
            Just("R2".to_string()),
            Just("X1".to_string()),
            Just("rotation".to_string()),
            Just("shadow".to_string()),
            Just("math".to_string()),
            Just("2027-autumn".to_string()),
            Just("2028-spring".to_string()),
            Just("true".to_string()),
            "[^,]{0,8}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_row_content_is_checked_without_panicking(
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 13), 0..6)
        ) {
            let mut fx = Fixture::valid();
            for cells in rows {
                fx.push_row(&cells.join(","));
            }
            let report = fx.check();
            for v in &report.violations {
                prop_assert!(v.rule <= Rule::OneExchange);
                let _ = v.to_string();
            }
        }
    }

    #[test]
    fn an_empty_horizon_resolves_nothing() {
        let mut fx = Fixture::valid();
        fx.horizon.terms.clear();
        let report = fx.check();
        assert!(report
            .violations
            .iter()
            .all(|v| v.rule == Rule::InvalidRow || v.rule == Rule::Locks));
    }
}

// Scale: a province-sized roster checks in linear time. Ignored by default
// (debug builds are slow to build the data); run with `--ignored`.

#[test]
#[ignore]
fn a_province_sized_roster_checks_quickly() {
    use crate::domain::{Area, Dataset, Policy, School, Subject, Teacher};
    use crate::roster::RosterRow;

    let (schools, per_school) = (5_000, 50);
    let mut dataset = Dataset::default();
    for s in 0..schools {
        let area = if s % 2 == 0 { Area::Urban } else { Area::Rural };
        dataset.schools.push(School {
            location: Some((30.0 + (s % 50) as f64 * 0.01, 110.0)),
            beds: 10,
            ..School::new(format!("S{s}"), String::new(), format!("C{}", s / 50), area)
        });
        let key = (s, Subject::new("math"));
        dataset.demand.insert(
            key,
            crate::domain::DemandFigure {
                every_term: Some(60),
                ..Default::default()
            },
        );
    }
    for t in 0..schools * per_school {
        dataset.teachers.push(Teacher {
            id: format!("T{t}"),
            name: format!("Teacher T{t}"),
            gender: crate::domain::Gender::F,
            birth_date: fixture::date("1985-01-01"),
            school: t / per_school,
            subjects: vec![Subject::new("math")],
            hire_date: fixture::date("2010-01-01"),
            school_since: fixture::date("2010-01-01"),
            title: crate::domain::Title::Second,
            backbone: Backbone::None,
            post: Post::Teacher,
            rural_years: 0.0,
            exempt: None,
            spouse: None,
            last_exchange_end: None,
            volunteer: false,
        });
    }
    let horizon = Fixture::valid().horizon;
    // Ten rotations (20%, the most allowed) from every school to its pair.
    let mut rows = Vec::new();
    for s in 0..schools {
        for k in 0..10 {
            let t = s * per_school + k;
            rows.push((
                rows.len() as u64 + 2,
                RosterRow {
                    teacher_id: format!("T{t}"),
                    kind: "rotation".into(),
                    subject: "math".into(),
                    home_school_id: format!("S{s}"),
                    host_school_id: format!("S{}", s ^ 1),
                    start_term: "2027-autumn".into(),
                    end_term: "2028-spring".into(),
                    ..RosterRow::default()
                },
            ));
        }
    }
    assert_eq!((dataset.teachers.len(), rows.len()), (250_000, 50_000));
    let started = std::time::Instant::now();
    let report = crate::check::check_roster(&dataset, &Policy::default(), &horizon, &rows);
    let elapsed = started.elapsed();
    eprintln!("checked {} rows in {elapsed:?}", rows.len());
    assert!(report.is_valid(), "{}", report.violations[0]);
    assert!(elapsed.as_secs() < 20, "{elapsed:?}");
}
