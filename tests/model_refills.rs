//! Small hand-solved instances for refills (rule 7 as written), 顶岗
//! (`shadow.fills_post`), rule 11 (sending schools keep every subject) and
//! the seniority count of SPEC §2 tier 3. Each fails if its feature is
//! dropped; every roster is re-checked by `check`.

mod common;

use common::county::{policy, Career, County};
use common::solving::{assert_objective, exchange_of, moves, report_of, solve_and_check};
use rotaplan::check;
use rotaplan::domain::{Area, Backbone, Kind, Policy, SchoolIx};

const LONG_SERVING: Career = Career {
    age: 42,
    teaching_years: 18,
    years_at_school: 12,
};

/// `count` exempt teachers of `subject` at `school` with as many posts: they
/// make the school big enough for rule 6 to let one teacher go, and never
/// move themselves.
fn exempt_staff(county: &mut County, prefix: &str, school: SchoolIx, subject: &str, count: usize) {
    for t in county.staff(prefix, school, subject, count, Career::SENIOR) {
        county.teacher_mut(t).exempt = Some("病休".into());
    }
    county.demand(school, subject, count as u32);
}

/// The reasons cell of `teacher`'s roster row.
fn reasons_of(county: &County, policy: &Policy, teacher: &str) -> String {
    let outcome = solve_and_check(county, policy);
    let report = report_of(county, policy, &[outcome]);
    report
        .roster
        .into_iter()
        .find(|row| row.teacher_id == teacher)
        .unwrap_or_else(|| panic!("{teacher} is not in the roster"))
        .reasons
}

/// An urban school U has exactly the two math teachers it needs; a rural
/// school R 20 km away has none and needs one; a town school W 65 km from U
/// (85 km from R, beyond `distance.max_km`) has one math teacher more than
/// it needs. W's spare teacher cannot reach R. By hand, the only roster
/// with no shortage left: U's longest-serving math teacher U1 goes to R,
/// and W's longest-serving W1 takes the post U1 frees (a refill, with a bed
/// at U). Without refills U would be left short for the whole year.
///
/// Objective: no shortage; the 5 eligible teachers ask for 1 exchange (met)
/// and 1 backbone exchange (missed: 1 x `weights.quota`); no inversion (the
/// seniors go); 20 + 65 km.
#[test]
fn the_only_optimal_roster_refills_a_freed_post() {
    let mut county = County::new();
    let urban = county.school("U", Area::Urban, (0.0, 0.0));
    let rural = county.school("R", Area::Rural, (20.0, 0.0));
    let town = county.school("W", Area::Town, (-65.0, 0.0));
    county.school_mut(urban).beds = 1;
    county.teacher("U1", urban, &["math"], LONG_SERVING);
    county.teacher("U2", urban, &["math"], Career::SENIOR);
    county.demand(urban, "math", 2);
    exempt_staff(&mut county, "Uc", urban, "chinese", 3);
    county.teacher("W1", town, &["math"], LONG_SERVING);
    county.staff("W", town, "math", 2, Career::SENIOR);
    county.demand(town, "math", 2);
    exempt_staff(&mut county, "Wc", town, "chinese", 2);
    county.demand(rural, "math", 1);

    let policy = policy();
    let outcome = solve_and_check(&county, &policy);
    assert_eq!(moves(&county, &outcome), ["U1>R", "W1>U"]);
    assert_eq!(exchange_of(&county, &outcome, "W1").kind, Kind::Rotation);
    let w = &policy.weights;
    assert_objective(&outcome, w.quota + (20.0 + 65.0) * w.distance);

    let report = report_of(&county, &policy, &[outcome]);
    assert_eq!(report.summary.refills, 1);
    assert_eq!(report.summary.shortage_created, 0);
    assert_eq!(report.summary.shortage_after, 0);
    let w1 = report.roster.iter().find(|r| r.teacher_id == "W1").unwrap();
    assert!(
        w1.reasons.split(';').any(|r| r == "refill:U1"),
        "{}",
        w1.reasons
    );
    let u1 = report.roster.iter().find(|r| r.teacher_id == "U1").unwrap();
    assert!(!u1.reasons.contains("refill:"), "{}", u1.reasons);
}

/// The 顶岗 case: a young rural math teacher Y (3 years of teaching) may
/// shadow a backbone mentor at an urban school that is one math post short.
/// Y's own school has a second math teacher for its one post, so nothing is
/// lost at home. With `shadow.fills_post` the learner takes the post for the
/// term (one of the two post-terms filled); without it a learner fills
/// nothing and nobody goes.
#[test]
fn a_shadowing_learner_takes_a_post_with_fills_post() {
    let mut county = County::new();
    let urban = county.school("U", Area::Urban, (0.0, 0.0));
    let rural = county.school("R", Area::Rural, (10.0, 0.0));
    let mentor = county.teacher("M", urban, &["math"], Career::SENIOR);
    county.teacher_mut(mentor).backbone = Backbone::City;
    county.teacher_mut(mentor).exempt = Some("病休".into());
    county.demand(urban, "math", 2);
    county.teacher("Y", rural, &["math"], Career::YOUNG);
    let r2 = county.teacher("R2", rural, &["math"], Career::SENIOR);
    county.teacher_mut(r2).exempt = Some("病休".into());
    county.demand(rural, "math", 1);
    exempt_staff(&mut county, "Rc", rural, "chinese", 3);

    let mut fills = policy();
    fills.shadow.fills_post = true;
    let outcome = solve_and_check(&county, &fills);
    assert_eq!(moves(&county, &outcome), ["Y>U"]);
    let shadow = exchange_of(&county, &outcome, "Y");
    assert_eq!(shadow.kind, Kind::Shadow);
    let weight = fills.weights.shortage; // not raised: tier 7 ranges over 0.1
    assert_objective(&outcome, weight + 10.0 * fills.weights.distance);
    let report = report_of(&county, &fills, &[outcome]);
    assert_eq!(
        report.summary.shortage_before - report.summary.shortage_after,
        1
    );

    let learner_only = policy();
    let outcome = solve_and_check(&county, &learner_only);
    assert!(moves(&county, &outcome).is_empty());
    assert_objective(&outcome, 2.0 * learner_only.weights.shortage);
}

/// A town school H with a single English teacher E (who has its one English
/// post) and a rural school R 10 km away without one. Sending E fills 3
/// weighted post-terms a term at R for 2 at H, so without rule 11 E goes;
/// with `limits.keep_subject` (the default) H keeps its English teacher.
fn single_english_teacher() -> (County, SchoolIx) {
    let mut county = County::new();
    let town = county.school("H", Area::Town, (0.0, 0.0));
    let rural = county.school("R", Area::Rural, (10.0, 0.0));
    county.teacher("E1", town, &["english"], Career::SENIOR);
    county.demand(town, "english", 1);
    exempt_staff(&mut county, "Hm", town, "math", 4);
    county.demand(rural, "english", 1);
    (county, town)
}

#[test]
fn rule_11_keeps_the_only_teacher_of_a_subject_at_home() {
    let (county, _) = single_english_teacher();
    let outcome = solve_and_check(&county, &policy());
    assert!(moves(&county, &outcome).is_empty());

    let mut without = policy();
    without.limits.keep_subject = false;
    let outcome = solve_and_check(&county, &without);
    assert_eq!(moves(&county, &outcome), ["E1>R"]);
    let report = report_of(&county, &without, &[outcome]);
    assert_eq!(report.summary.shortage_created, 2);
}

/// The roster that sends H's only English teacher away, checked under the
/// default policy: rule 11 names H, English and both terms' row.
#[test]
fn check_rejects_a_roster_that_empties_a_subject() {
    let (county, _) = single_english_teacher();
    let mut without = policy();
    without.limits.keep_subject = false;
    let outcome = solve_and_check(&county, &without);
    let roster = report_of(&county, &without, &[outcome]).roster;
    let rows: Vec<(u64, _)> = (2..).zip(roster).collect();
    let horizon = common::county::horizon();
    let found = check::check_roster(&county.dataset, &policy(), &horizon, &rows);
    let rule_11: Vec<_> = found
        .violations
        .iter()
        .filter(|v| v.rule == rotaplan::domain::Rule::KeepSubject)
        .collect();
    assert_eq!(rule_11.len(), 2, "{:?}", found.violations);
    for violation in rule_11 {
        assert_eq!(violation.rows, [2]);
        assert!(violation.message.contains("school H"), "{violation}");
        assert!(violation.message.contains("english"), "{violation}");
    }
    assert_eq!(found.violations.len(), 2, "{:?}", found.violations);
}

/// Rule 11 with a trade: a town school S 75 km from H (85 km from R) has an
/// English teacher to spare. E1 may go to R when S's spare teacher takes
/// E1's post at H, which keeps H's English (the arrival counts).
#[test]
fn rule_11_counts_the_arrival_that_takes_the_post() {
    let (mut county, town) = single_english_teacher();
    county.school_mut(town).beds = 1;
    let spare = county.school("S", Area::Town, (-75.0, 0.0));
    county.teacher("S1", spare, &["english"], LONG_SERVING);
    county.teacher("S2", spare, &["english"], Career::SENIOR);
    county.demand(spare, "english", 1);
    exempt_staff(&mut county, "Sm", spare, "math", 3);

    let outcome = solve_and_check(&county, &policy());
    assert_eq!(moves(&county, &outcome), ["E1>R", "S1>H"]);
    assert!(reasons_of(&county, &policy(), "S1")
        .split(';')
        .any(|r| r == "refill:E1"));
}

/// SPEC §2 tier 3 counts every teacher eligible for rotation, also one who
/// cannot go anywhere: S (12 years at the school) may not go to R
/// (forbidden.csv), so when the junior J (8 years) fills R's post, S stays
/// while a junior goes: one inversion, in the objective and in the summary.
/// The surplus math post at home means nothing is lost there.
#[test]
fn a_senior_without_candidates_counts_as_an_inversion() {
    let mut county = County::new();
    let town = county.school("H", Area::Town, (0.0, 0.0));
    let rural = county.school("R", Area::Rural, (10.0, 0.0));
    let senior = county.teacher("S", town, &["math"], LONG_SERVING);
    county.teacher("J", town, &["math"], Career::SENIOR);
    county.demand(town, "math", 1);
    exempt_staff(&mut county, "Hc", town, "chinese", 3);
    county.demand(rural, "math", 1);
    county.forbid(senior, rural);

    let policy = policy();
    let outcome = solve_and_check(&county, &policy);
    assert_eq!(moves(&county, &outcome), ["J>R"]);
    let w = &policy.weights;
    assert_objective(&outcome, w.quota + w.seniority + 10.0 * w.distance);
    let report = report_of(&county, &policy, &[outcome]);
    assert_eq!(report.summary.fairness.unwrap().seniority_inversions, 1);
}
