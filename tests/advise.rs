//! `explain`, `suggest` and the checker's score on small hand-built
//! counties: `explain` names the right rule for each kind of refusal (one
//! test per rule), the cost it reports for sending a teacher equals a solve
//! with that exchange locked, tier by tier; `suggest`'s first way for a
//! post the optimum fills is the optimum's own at cost 0, and its costs do
//! not decrease; `Score::against` is the difference of two scores.

mod common;

use common::county::{horizon, policy, town_and_rural, Career, County};
use rotaplan::advise::explain::{explain, Explanation, KindVerdict};
use rotaplan::advise::suggest::{suggest, Target};
use rotaplan::advise::{Baseline, Planner};
use rotaplan::check::Score;
use rotaplan::domain::{Area, Backbone, Exchange, Horizon, Kind, Lock, Policy, Rule, TeacherIx};
use rotaplan::solve::SolveOptions;

struct Solved {
    county: County,
    horizon: Horizon,
    policy: Policy,
}

impl Solved {
    fn new(county: County) -> Solved {
        Solved {
            county,
            horizon: horizon(),
            policy: policy(),
        }
    }

    fn planner(&self) -> Planner<'_> {
        Planner::new(
            &self.county.dataset,
            &self.policy,
            &self.horizon,
            SolveOptions::from_policy(&self.policy),
        )
    }

    fn explain(&self, teacher: TeacherIx) -> Explanation {
        let planner = self.planner();
        let baseline = planner.optimum().expect("an optimal roster");
        explain(&planner, &baseline, teacher)
    }

    /// The verdicts of a teacher the optimum leaves home.
    fn verdicts(&self, teacher: TeacherIx) -> Vec<KindVerdict> {
        match self.explain(teacher) {
            Explanation::NotRostered { kinds, .. } => kinds,
            other => panic!("expected not rostered: {other:?}"),
        }
    }
}

/// The rules blocking `kind`, in order.
fn blocked(verdicts: &[KindVerdict], kind: Kind) -> Vec<Rule> {
    let verdict = verdicts.iter().find(|v| v.kind == kind).unwrap();
    assert!(!verdict.possible, "{kind} is possible: {verdicts:?}");
    verdict.blocked_by.iter().map(|b| b.rule).collect()
}

#[test]
fn rule_1_a_lock_to_a_subject_the_teacher_does_not_teach() {
    let (mut county, staff, r) = town_and_rural(5, 1, (10.0, 0.0));
    county.lock(staff[0], Some(r)).subject = Some(rotaplan::domain::Subject::new("math"));
    let outcome = common::solving::solve_one(&county, &policy());
    let lines = outcome.conflicts.join("\n");
    assert!(
        lines.contains("rule 1 (subject)") && lines.contains("t1"),
        "{lines}"
    );
}

#[test]
fn rule_2_too_few_years_at_the_school_to_rotate() {
    let (mut county, staff, _) = town_and_rural(5, 1, (10.0, 0.0));
    let young = county.teacher("y1", 0, &["english"], Career::YOUNG);
    let _ = staff;
    let solved = Solved::new(county);
    let verdicts = solved.verdicts(young);
    assert_eq!(blocked(&verdicts, Kind::Rotation), [Rule::Eligibility]);
    // Support is open to them (three years of teaching) and shadowing is
    // for rural teachers: rule 2's direction at every school.
    assert!(verdicts
        .iter()
        .any(|v| v.kind == Kind::Support && v.possible));
    assert_eq!(blocked(&verdicts, Kind::Shadow), [Rule::Eligibility]);
}

#[test]
fn rule_3_an_exempt_teacher() {
    let (mut county, staff, _) = town_and_rural(5, 1, (10.0, 0.0));
    county.teacher_mut(staff[0]).exempt = Some("病休".into());
    let verdicts = Solved::new(county).verdicts(staff[0]);
    for kind in Kind::ALL {
        assert_eq!(blocked(&verdicts, kind), [Rule::Exemptions], "{kind}");
    }
}

/// A couple across two counties makes one planning unit; the only short
/// school of the unit is in the other county.
#[test]
fn rule_4_the_only_short_school_is_in_another_county() {
    let (mut county, staff, r) = town_and_rural(5, 1, (10.0, 0.0));
    county.school_mut(r).county = "C2".into();
    let other = county.teacher("o1", r, &["math"], Career::SENIOR);
    county.teacher_mut(other).exempt = Some("x".into());
    county.teacher_mut(staff[4]).exempt = Some("x".into());
    county.marry(staff[4], other);
    let verdicts = Solved::new(county).verdicts(staff[0]);
    assert_eq!(blocked(&verdicts, Kind::Rotation), [Rule::SameCounty]);
}

#[test]
fn rule_5_the_host_is_too_far() {
    let (mut county, staff, r) = town_and_rural(5, 1, (90.0, 0.0));
    county.school_mut(r).beds = 1;
    let verdicts = Solved::new(county).verdicts(staff[0]);
    assert_eq!(blocked(&verdicts, Kind::Rotation), [Rule::Distance]);
}

#[test]
fn rule_5_beyond_commuting_distance_and_no_beds() {
    let (county, staff, _) = town_and_rural(5, 1, (30.0, 0.0));
    let verdicts = Solved::new(county).verdicts(staff[0]);
    let verdict = verdicts.iter().find(|v| v.kind == Kind::Support).unwrap();
    assert_eq!(verdict.blocked_by[0].rule, Rule::Distance);
    assert!(verdict.blocked_by[0].example.contains("no dormitory beds"));
}

#[test]
fn rule_6_a_school_too_small_to_send_anyone() {
    let (county, staff, _) = town_and_rural(4, 1, (10.0, 0.0));
    let verdicts = Solved::new(county).verdicts(staff[0]);
    for kind in Kind::ALL {
        assert_eq!(blocked(&verdicts, kind), [Rule::Departures], "{kind}");
    }
}

#[test]
fn rule_7_the_host_has_no_post_free() {
    let (county, staff, _) = town_and_rural(5, 0, (10.0, 0.0));
    let verdicts = Solved::new(county).verdicts(staff[0]);
    assert_eq!(blocked(&verdicts, Kind::Rotation), [Rule::HostCapacity]);
    assert_eq!(blocked(&verdicts, Kind::Support), [Rule::HostCapacity]);
}

/// t1's spouse is exempt at home; R is 40 km away (couples.max_km 30), with
/// a bed: every exchange of t1 passes the single-exchange rules, but no
/// roster can send them, and the answer names rule 8.
#[test]
fn rule_8_the_spouse_would_be_too_far() {
    let (mut county, staff, r) = town_and_rural(6, 1, (40.0, 0.0));
    county.school_mut(r).beds = 1;
    county.teacher_mut(staff[5]).exempt = Some("x".into());
    county.marry(staff[0], staff[5]);
    for &t in &staff[1..5] {
        county.teacher_mut(t).exempt = Some("x".into());
    }
    match Solved::new(county).explain(staff[0]) {
        Explanation::NotRostered {
            best: Some(best), ..
        } => {
            assert!(!best.alternative.has_roster());
            let lines = best.alternative.conflicts.join("\n");
            assert!(lines.contains("rule 8 (couples)"), "{lines}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn rule_9_a_forbidden_pair() {
    let (mut county, staff, r) = town_and_rural(5, 1, (10.0, 0.0));
    county.forbid(staff[0], r);
    let verdicts = Solved::new(county).verdicts(staff[0]);
    assert_eq!(blocked(&verdicts, Kind::Rotation), [Rule::Locks]);
}

#[test]
fn rule_9_a_teacher_locked_to_stay() {
    let (mut county, staff, _) = town_and_rural(5, 1, (10.0, 0.0));
    county.lock(staff[0], None);
    let verdicts = Solved::new(county).verdicts(staff[0]);
    assert_eq!(blocked(&verdicts, Kind::Support), [Rule::Locks]);
}

/// A rostered teacher locked to their exchange: no roster keeps them home,
/// and the lock against the question is the conflict, named by its rows.
#[test]
fn rule_9_a_locked_teacher_cannot_be_kept_home() {
    let (mut county, staff, r) = town_and_rural(5, 1, (10.0, 0.0));
    county.lock(staff[0], Some(r));
    let id = county.dataset.teachers[staff[0]].id.clone();
    match Solved::new(county).explain(staff[0]) {
        Explanation::Rostered { without, .. } => {
            assert!(!without.has_roster());
            assert_eq!(
                without.conflicts,
                [format!(
                    "rule 9 (locks) cannot hold: relaxing r9_lock[{id}] by 1, \
                     explain_stays[{id}] by 1 would make a roster possible"
                )]
            );
        }
        other => panic!("expected rostered: {other:?}"),
    }
}

/// A young rural teacher may shadow at the urban school U, but U has no
/// backbone English teacher.
#[test]
fn rule_10_no_mentor_at_the_host() {
    let mut county = County::new();
    let r = county.school("R", Area::Rural, (0.0, 0.0));
    let staff = county.staff("r", r, "english", 5, Career::YOUNG);
    county.demand(r, "english", 5);
    let u = county.school("U", Area::Urban, (10.0, 0.0));
    county.staff("u", u, "english", 2, Career::SENIOR);
    county.demand(u, "english", 2);
    let verdicts = Solved::new(county).verdicts(staff[0]);
    assert_eq!(blocked(&verdicts, Kind::Shadow), [Rule::Mentors]);
}

/// T has ten English teachers and needs eight; R is short of one. The
/// optimum sends the most senior; explaining a junior teacher's best
/// placement must cost exactly what a solve with that exchange locked
/// costs, tier by tier, and name whom it displaces.
#[test]
fn the_cost_of_sending_a_teacher_equals_a_solve_with_the_exchange_locked() {
    let (mut county, staff, _) = town_and_rural(10, 1, (10.0, 0.0));
    for (i, &t) in staff.iter().enumerate() {
        county.teacher_mut(t).school_since = common::county::years_before(6 + i as u32);
    }
    county.teacher_mut(staff[2]).backbone = Backbone::County;
    let solved = Solved::new(county);
    let junior = staff[0];
    let planner = solved.planner();
    let baseline = planner.optimum().unwrap();
    let Explanation::NotRostered {
        best: Some(best), ..
    } = explain(&planner, &baseline, junior)
    else {
        panic!("the junior teacher should not be rostered");
    };
    let sent: Exchange = best.alternative.exchange_of(junior).unwrap().clone();
    assert!(!best.displaces.is_empty());
    assert!(best.alternative.cost.iter().any(|c| c.difference > 0.0));

    let mut dataset = solved.county.dataset.clone();
    dataset.locks.push(Lock {
        teacher: junior,
        host: Some(sent.host),
        kind: Some(sent.kind),
        subject: Some(sent.subject),
        start_term: Some(solved.horizon.terms[sent.start_term].id.clone()),
    });
    let options = SolveOptions::from_policy(&solved.policy);
    let locked = Planner::new(&dataset, &solved.policy, &solved.horizon, options);
    let with_lock = locked.optimum().unwrap();
    let against = with_lock.score.against(&baseline.score, &solved.policy);
    assert_eq!(against.len(), best.alternative.cost.len());
    for (reported, direct) in best.alternative.cost.iter().zip(&against) {
        assert_eq!(reported.tier, direct.tier);
        assert!(
            (reported.difference - direct.difference).abs() < 1e-9,
            "tier {}: explain {} against a locked solve {}",
            reported.tier,
            reported.difference,
            direct.difference
        );
    }
    let objective = |b: &Baseline| b.objective.values().sum::<f64>();
    let reported = best.alternative.objective_difference.unwrap();
    assert!((reported - (objective(&with_lock) - objective(&baseline))).abs() < 1e-6);
}

/// A rostered teacher: the reason codes in words, and what the plan loses
/// without them (R's post stays short: tier 1).
#[test]
fn a_rostered_teacher_is_explained_by_reasons_and_the_loss_without_them() {
    let (county, _, _) = town_and_rural(5, 1, (10.0, 0.0));
    let solved = Solved::new(county);
    let planner = solved.planner();
    let baseline = planner.optimum().unwrap();
    let sent = baseline.exchanges[0].teacher;
    match explain(&planner, &baseline, sent) {
        Explanation::Rostered {
            reasons, without, ..
        } => {
            assert!(reasons.iter().any(|r| r.code.starts_with("overdue")));
            assert!(reasons.iter().all(|r| !r.meaning.is_empty()));
            let tier1 = &without.cost[0];
            assert_eq!(tier1.tier, 1);
            // Another teacher of T may go instead: then nothing is lost in
            // tier 1; the loss can only be in lower tiers, never a gain.
            assert!(tier1.difference >= 0.0);
            assert!(without.objective_difference.unwrap() >= -1e-6);
        }
        other => panic!("{other:?}"),
    }
}

/// R is short of one English post; four teachers of T could fill it.
#[test]
fn suggest_puts_the_optimums_own_choice_first_at_cost_0_and_costs_do_not_decrease() {
    let (mut county, staff, r) = town_and_rural(10, 1, (10.0, 0.0));
    for (i, &t) in staff.iter().enumerate() {
        county.teacher_mut(t).school_since = common::county::years_before(6 + i as u32);
    }
    let solved = Solved::new(county);
    let planner = solved.planner();
    let baseline = planner.optimum().unwrap();
    let post = Target::Post {
        school: r,
        subject: rotaplan::domain::Subject::new("english"),
        term: Some(0),
    };
    let suggestion = suggest(&planner, &baseline, &post, 4);
    assert_eq!(suggestion.ways.len(), 4);
    let first = &suggestion.ways[0];
    assert!(first.in_baseline);
    let optimum_filler = baseline
        .exchanges
        .iter()
        .find(|e| e.host == r)
        .map(|e| solved.county.dataset.teachers[e.teacher].id.clone());
    assert_eq!(Some(first.by.clone()), optimum_filler);
    assert!(first
        .alternative
        .cost
        .iter()
        .all(|c| c.difference.abs() < 1e-9));
    assert!(first.alternative.objective_difference.unwrap().abs() < 1e-6);
    let costs: Vec<f64> = suggestion
        .ways
        .iter()
        .map(|w| w.alternative.objective_difference.unwrap())
        .collect();
    assert!(costs.windows(2).all(|w| w[0] <= w[1] + 1e-6), "{costs:?}");
    assert!(costs[3] > 1e-6, "{costs:?}");
}

/// One hand edit (the one exchange dropped) against the original: `against` is the difference of the two scores, tier by tier,
/// and says it in words.
#[test]
fn score_against_is_the_difference_of_two_scores() {
    let (county, _, _) = town_and_rural(5, 1, (10.0, 0.0));
    let solved = Solved::new(county);
    let planner = solved.planner();
    let baseline = planner.optimum().unwrap();
    assert_eq!(baseline.exchanges.len(), 1);
    let edited = Score::of(&solved.county.dataset, &solved.policy, &solved.horizon, &[]);
    let changes = edited.against(&baseline.score, &solved.policy);
    assert_eq!(
        changes[0].difference,
        edited.weighted_shortage - baseline.score.weighted_shortage
    );
    assert_eq!(changes[0].difference, 3.0 * 2.0); // rural weight 3, two terms
    assert_eq!(changes[0].words, "2 more rural or weak post-terms short");
    assert_eq!(changes[5].tier, 7);
    assert_eq!(changes[5].difference, edited.km - baseline.score.km);
    assert_eq!(changes[5].words, "10 km less travelled");
}

/// The suggest county's optimum and its dearest way to fill the post,
/// whose roster is made the baseline at its own objective (a baseline
/// within the gap but not the best roster): the county, the post, the
/// optimum's filler, how much worse than the optimum that baseline is, and
/// the baseline.
fn a_worse_baseline() -> (Solved, Target, TeacherIx, f64, Baseline) {
    let (mut county, staff, r) = town_and_rural(10, 1, (10.0, 0.0));
    for (i, &t) in staff.iter().enumerate() {
        county.teacher_mut(t).school_since = common::county::years_before(6 + i as u32);
    }
    let solved = Solved::new(county);
    let post = Target::Post {
        school: r,
        subject: rotaplan::domain::Subject::new("english"),
        term: Some(0),
    };
    let planner = solved.planner();
    let optimum = planner.optimum().unwrap();
    let ways = suggest(&planner, &optimum, &post, 4).ways;
    let dearest = ways.last().unwrap();
    let extra = dearest.alternative.objective_difference.unwrap();
    assert!(extra > 1e-6, "{extra}");
    let mut worse = optimum.clone();
    worse.exchanges = dearest.alternative.roster().to_vec();
    worse.score = Score::of(
        &solved.county.dataset,
        &solved.policy,
        &solved.horizon,
        &worse.exchanges,
    );
    for objective in worse.objective.values_mut() {
        *objective += extra;
    }
    let filler = solved.county.dataset.teacher_index(&ways[0].by).unwrap();
    drop(planner);
    (solved, post, filler, extra, worse)
}

/// `explain` settles with the teacher asked about kept as the baseline has
/// them: the optimum's filler, home in the worse baseline, is explained as
/// not rostered, and sending them is what the better rosters do, so their
/// placement costs less than the roster it is costed against. Settled
/// without that (the better roster free to send them), it would cost 0.
#[test]
fn explain_settles_with_the_teacher_kept_as_the_baseline_has_them() {
    let (solved, _, filler, extra, worse) = a_worse_baseline();
    assert!(worse.exchanges.iter().all(|e| e.teacher != filler));
    let planner = solved.planner();
    let Explanation::NotRostered {
        best: Some(placement),
        ..
    } = explain(&planner, &worse, filler)
    else {
        panic!("the optimum's filler is home in the worse baseline");
    };
    let alternative = &placement.alternative;
    assert!(alternative.exchange_of(filler).is_some());
    let cost = alternative.objective_difference.unwrap();
    let settled_by = alternative.against_better.as_ref().map_or(0.0, |b| b.by);
    assert!(cost < -1e-6, "{cost}");
    assert!(settled_by < extra - 1e-6, "{settled_by} against {extra}");
}

/// A baseline within the gap but not the best roster: an answer cheaper
/// than it settles the answers against a better roster
/// ([`Planner::settle`]), so the way that roster takes is first at cost 0
/// and no way costs less than the roster they are costed against. The
/// baseline stands in for one a large county's solve leaves within the gap:
/// here it is the roster of a way the optimum does not take, with its own
/// objective.
#[test]
fn suggest_settles_against_a_better_roster_when_a_way_is_cheaper_than_the_baseline() {
    let (solved, post, _, extra, worse) = a_worse_baseline();
    let planner = solved.planner();
    let suggestion = suggest(&planner, &worse, &post, 4);
    // Better than the baseline, and at most as good as the optimum (each
    // answer is optimal within the gap only).
    let better = suggestion.against_better.as_ref().expect("settled");
    assert!(
        better.by > 1e-6 && better.by <= extra + 1e-6,
        "{} against {extra}",
        better.by
    );
    let first = &suggestion.ways[0];
    assert!(first.in_baseline);
    let costs: Vec<f64> = suggestion
        .ways
        .iter()
        .map(|w| w.alternative.objective_difference.unwrap())
        .collect();
    assert!(costs[0].abs() < 1e-6, "{costs:?}");
    assert!(costs.iter().all(|&c| c > -1e-6), "{costs:?}");
    // That way's roster is the settled baseline itself.
    assert!(first.alternative.changed_teachers().is_empty(), "{first:?}");
}
