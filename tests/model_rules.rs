//! Every hard rule of SPEC §2 on an instance where breaking it would pay:
//! the objective would be better without the rule, so only the rule keeps
//! the exchange out. Each test also solves the relaxed counterpart (the
//! instance changed just enough for the rule to allow the exchange) and
//! asserts the exchange then happens, so a rule that is dropped or
//! over-enforced fails the test. Every roster is re-checked by the
//! independent checker (`solve_and_check`).
//!
//! Distances are exact: schools sit on a km plane (see `common::county`).
//! Unless a test says otherwise, teachers are `SENIOR` (may rotate or
//! support), every term of the 2027-autumn/2028-spring horizon has the same
//! demand, and the default policy applies.

mod common;

use chrono::NaiveDate;
use common::county::{policy, Career, County};
use common::solving::{exchange_of, moves, solve_all_and_check, solve_and_check};
use rotaplan::domain::{Area, Backbone, Gender, Kind, Policy, SchoolIx, Subject, TeacherIx};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The moves of the optimal, checked roster.
fn solved(county: &County, policy: &Policy) -> Vec<String> {
    moves(county, &solve_and_check(county, policy))
}

/// The lone-candidate instance. Town school T at (0,0) has five math
/// teachers m1..m5 and needs four (one to spare); m5 = `k` also teaches
/// physics. Rural school R at `r_at` needs one physics teacher and has
/// none. So k is the only teacher who can fill R: sending k fills two rural
/// post-terms (tier 1: 2 x 3 x weight) and costs T nothing, so every
/// optimum sends k unless a rule forbids it.
struct Lone {
    county: County,
    k: TeacherIx,
    r: SchoolIx,
}

fn lone(r_at: (f64, f64)) -> Lone {
    let mut county = County::new();
    let t = county.school("T", Area::Town, (0.0, 0.0));
    let r = county.school("R", Area::Rural, r_at);
    let staff = county.staff("m", t, "math", 5, Career::SENIOR);
    let k = staff[4];
    county.teacher_mut(k).subjects.push(Subject::new("physics"));
    county.demand(t, "math", 4);
    county.demand(r, "physics", 1);
    Lone { county, k, r }
}

/// Five teachers of `subject` at a new school `id`, which needs four: one
/// can leave (rule 6: one of five) without leaving a post short at home.
fn spare(
    county: &mut County,
    id: &str,
    area: Area,
    at: (f64, f64),
    subject: &str,
    career: Career,
) -> (SchoolIx, Vec<TeacherIx>) {
    let school = county.school(id, area, at);
    let staff = county.staff(&id.to_lowercase(), school, subject, 5, career);
    county.demand(school, subject, 4);
    (school, staff)
}

// ---------------------------------------------------------------- rule 1

/// Rule 1. By hand: R's physics post can only be filled by a physics
/// teacher. With k teaching math only, a math teacher could fill R's two
/// rural post-terms if the subject rule were dropped; the roster is empty.
/// With physics among k's subjects, k goes and teaches physics (not math).
#[test]
fn rule1_a_teacher_fills_only_a_post_in_a_subject_they_teach() {
    let mut unqualified = lone((10.0, 0.0));
    unqualified.county.teacher_mut(unqualified.k).subjects = vec![Subject::new("math")];
    assert!(solved(&unqualified.county, &policy()).is_empty());

    let qualified = lone((10.0, 0.0));
    let outcome = solve_and_check(&qualified.county, &policy());
    assert_eq!(moves(&qualified.county, &outcome), ["m5>R"]);
    assert_eq!(
        exchange_of(&qualified.county, &outcome, "m5")
            .subject
            .as_str(),
        "physics"
    );
}

// ---------------------------------------------------------------- rule 2

/// Rule 2, rotation eligibility. Rural school R has five English teachers
/// (15 years of teaching, so no shadowing) and needs four; town school T,
/// 10 km away, needs two and has one (who may not leave: rule 6).
/// (Hosts in the rule-2 tests have a teacher of their own so that the
/// county always has a quota target and the model is never empty: see
/// `a_county_where_nobody_can_move_has_an_empty_optimal_roster`.) From a rural school only a rotation
/// can fill T, and it needs 6 years at the school. By hand: with 5 years
/// nobody may go (T stays short, which costs tier 1); with 6 years one
/// teacher rotates for the whole horizon (terms 0-1).
#[test]
fn rule2_rotation_needs_min_years_at_school() {
    for (years_at_school, goes) in [(5, false), (6, true)] {
        let mut county = County::new();
        let career = Career {
            age: 40,
            teaching_years: 15,
            years_at_school,
        };
        spare(&mut county, "R", Area::Rural, (0.0, 0.0), "english", career);
        let t = county.school("T", Area::Town, (10.0, 0.0));
        county.teacher("t1", t, &["english"], Career::SENIOR);
        county.demand(t, "english", 2);
        let outcome = solve_and_check(&county, &policy());
        assert_eq!(
            outcome.chosen.len(),
            usize::from(goes),
            "{years_at_school}y"
        );
        if goes {
            let e = &outcome.chosen[0].exchange;
            assert_eq!(
                (e.kind, e.host, e.start_term, e.end_term),
                (Kind::Rotation, t, 0, 1)
            );
        }
    }
}

/// Rule 2, rotation length: a rotation covers the whole horizon. Same
/// instance with 6 years at R, but T (one English teacher of its own) needs
/// one in 2027-autumn and two in 2028-spring: short in spring only. A rotation would sit in a post that is not short in
/// 2027-autumn, so nobody goes though T's spring post would pay; with the
/// post in both terms the rotation happens.
#[test]
fn rule2_rotation_spans_the_whole_horizon() {
    for both_terms in [false, true] {
        let mut county = County::new();
        let career = Career {
            age: 40,
            teaching_years: 15,
            years_at_school: 6,
        };
        spare(&mut county, "R", Area::Rural, (0.0, 0.0), "english", career);
        let t = county.school("T", Area::Town, (10.0, 0.0));
        county.teacher("t1", t, &["english"], Career::SENIOR);
        county.demand(t, "english", 1);
        county.demand_in(t, "english", "2028-spring", 2);
        if both_terms {
            county.demand(t, "english", 2);
        }
        let outcome = solve_and_check(&county, &policy());
        assert_eq!(outcome.chosen.len(), usize::from(both_terms));
    }
}

/// The support instance: town school T with five teachers of English
/// (`career`) needing four, and `host` 10 km away with one English teacher
/// needing two (`area`, `weak`). Returns the moves.
fn support_case(career: Career, home_weak: bool, host_area: Area, host_weak: bool) -> Vec<String> {
    let mut county = County::new();
    let (t, _) = spare(&mut county, "T", Area::Town, (0.0, 0.0), "english", career);
    county.school_mut(t).weak = home_weak;
    let h = county.school("H", host_area, (10.0, 0.0));
    county.school_mut(h).weak = host_weak;
    county.teacher("h1", h, &["english"], Career::SENIOR);
    county.demand(h, "english", 2);
    solved(&county, &policy())
}

/// Rule 2, support eligibility: `support.min_teaching_years` = 3. The T
/// teachers have 2 (then 3) years of teaching and of service at T: too few
/// to rotate, a town school cannot send shadows, so support is the only
/// kind. By hand: with 2 years the rural post stays short; with 3 one
/// teacher goes to H.
#[test]
fn rule2_support_needs_min_teaching_years() {
    let career = |years| Career {
        age: 25,
        teaching_years: years,
        years_at_school: years,
    };
    assert!(support_case(career(2), false, Area::Rural, false).is_empty());
    assert_eq!(support_case(career(3), false, Area::Rural, false).len(), 1);
}

/// Rule 2, support direction, host side: support goes to a rural or weak
/// school. YOUNG teachers (support only) at T; H is a town school short of
/// one English teacher (2 town post-terms would pay): nobody goes. A weak
/// town H takes the support teacher.
#[test]
fn rule2_support_goes_only_to_a_rural_or_weak_school() {
    assert!(support_case(Career::YOUNG, false, Area::Town, false).is_empty());
    assert_eq!(
        support_case(Career::YOUNG, false, Area::Town, true).len(),
        1
    );
    assert_eq!(
        support_case(Career::YOUNG, false, Area::Rural, false).len(),
        1
    );
}

/// Rule 2, support direction, home side: support leaves from an urban or
/// town school that is not weak. A weak T sends nobody to the short rural
/// H; a non-weak T does.
#[test]
fn rule2_support_leaves_only_from_a_non_weak_school() {
    assert!(support_case(Career::YOUNG, true, Area::Rural, false).is_empty());
    assert_eq!(
        support_case(Career::YOUNG, false, Area::Rural, false).len(),
        1
    );
}

/// Rule 2, support length: `support.terms` consecutive terms (default 2).
/// YOUNG teachers at T (support only); rural R has one English teacher and
/// needs one in autumn, two in 2028-spring: short in spring only. A two-term posting would sit in a post that is not
/// short in autumn, so by default nobody goes although the spring post
/// would pay; with `support.terms = 1` one teacher supports in spring
/// only (terms 1-1).
#[test]
fn rule2_support_lasts_support_terms() {
    let mut county = County::new();
    spare(
        &mut county,
        "T",
        Area::Town,
        (0.0, 0.0),
        "english",
        Career::YOUNG,
    );
    let r = county.school("R", Area::Rural, (10.0, 0.0));
    county.teacher("r1", r, &["english"], Career::SENIOR);
    county.demand(r, "english", 1);
    county.demand_in(r, "english", "2028-spring", 2);
    assert!(solved(&county, &policy()).is_empty());

    let mut one_term = policy();
    one_term.support.terms = 1;
    let outcome = solve_and_check(&county, &one_term);
    assert_eq!(outcome.chosen.len(), 1);
    let e = &outcome.chosen[0].exchange;
    assert_eq!(
        (e.kind, e.host, e.start_term, e.end_term),
        (Kind::Support, r, 1, 1)
    );
}

/// The shadow instance: a home school with five English teachers
/// (`career`) needing four, of whom the first is a volunteer (tier 5 pays
/// 2 for sending them, the 10 km cost 0.1); a host 10 km away with one
/// backbone English teacher (a mentor) and one English post. A shadow
/// fills no post, so only the volunteer bonus makes it worth doing.
fn shadow_case(
    career: Career,
    home: (Area, bool),
    host_area: Area,
    host_lead: bool,
) -> Vec<String> {
    let mut county = County::new();
    let (h, staff) = spare(&mut county, "R", home.0, (0.0, 0.0), "english", career);
    county.school_mut(h).weak = home.1;
    county.teacher_mut(staff[0]).volunteer = true;
    let u = county.school("U", host_area, (10.0, 0.0));
    if host_lead {
        county.lead(u);
    }
    let b = county.teacher("b1", u, &["english"], Career::SENIOR);
    county.teacher_mut(b).backbone = Backbone::County;
    county.demand(u, "english", 1);
    let outcome = solve_and_check(&county, &policy());
    for c in &outcome.chosen {
        assert_eq!(c.exchange.kind, Kind::Shadow);
        assert_eq!(c.exchange.start_term, c.exchange.end_term, "one term");
    }
    moves(&county, &outcome)
}

/// Rule 2, shadow direction, host side: an urban school or a group lead.
/// By hand: the volunteer r1 (YOUNG, rural) would earn 2 by shadowing at
/// the town school U; U is neither urban nor a lead, so nobody goes. A
/// lead town U or an urban U takes r1 for one term.
#[test]
fn rule2_shadow_goes_to_an_urban_or_group_lead_school() {
    let rural = (Area::Rural, false);
    assert!(shadow_case(Career::YOUNG, rural, Area::Town, false).is_empty());
    assert_eq!(
        shadow_case(Career::YOUNG, rural, Area::Town, true),
        ["r1>U"]
    );
    assert_eq!(
        shadow_case(Career::YOUNG, rural, Area::Urban, false),
        ["r1>U"]
    );
}

/// Rule 2, shadow direction, home side: from a rural or weak school. A
/// non-weak town school's volunteer stays (support needs a rural host, and
/// there is none); a weak town school's volunteer shadows.
#[test]
fn rule2_shadow_leaves_only_from_a_rural_or_weak_school() {
    let town = |weak| (Area::Town, weak);
    assert!(shadow_case(Career::YOUNG, town(false), Area::Urban, false).is_empty());
    assert_eq!(
        shadow_case(Career::YOUNG, town(true), Area::Urban, false),
        ["r1>U"]
    );
}

/// Rule 2, shadow eligibility: at most `shadow.max_teaching_years` (5) of
/// teaching. Rural volunteers with 6 years of teaching (3 at the school:
/// no rotation) stay; with 5 they shadow.
#[test]
fn rule2_shadow_is_for_at_most_max_teaching_years() {
    let career = |teaching_years| Career {
        age: 30,
        teaching_years,
        years_at_school: 3,
    };
    let rural = (Area::Rural, false);
    assert!(shadow_case(career(6), rural, Area::Urban, false).is_empty());
    assert_eq!(shadow_case(career(5), rural, Area::Urban, false), ["r1>U"]);
}

// ---------------------------------------------------------------- rule 3

/// Rule 3, declared exemption. By hand: k is the only teacher who can fill
/// R; exempt, k stays and R stays short; not exempt, k goes.
#[test]
fn rule3_a_declared_exemption_keeps_the_teacher_home() {
    let mut exempt = lone((10.0, 0.0));
    exempt.county.teacher_mut(exempt.k).exempt = Some("病休".into());
    assert!(solved(&exempt.county, &policy()).is_empty());
    let free = lone((10.0, 0.0));
    assert_eq!(solved(&free.county, &policy()), ["m5>R"]);
}

/// Rule 3, near retirement: exempt within 5 years of the retirement age
/// (F 55, M 60), ages in calendar years at 2027-09-01 (a birthday counts on
/// the day). By hand: a woman born 1977-09-01 is 50 that day, 50 + 5 >= 55,
/// exempt; born a day later she is 49 and goes. A man born 1972-09-01 is 55
/// (exempt, 55 + 5 >= 60), a day later 54 (goes).
#[test]
fn rule3_near_retirement_exemption_starts_on_the_birthday() {
    let cases = [
        (Gender::F, date(1977, 9, 1), false),
        (Gender::F, date(1977, 9, 2), true),
        (Gender::M, date(1972, 9, 1), false),
        (Gender::M, date(1972, 9, 2), true),
    ];
    for (gender, birth_date, goes) in cases {
        let mut case = lone((10.0, 0.0));
        let k = case.county.teacher_mut(case.k);
        k.gender = gender;
        k.birth_date = birth_date;
        let found = solved(&case.county, &policy());
        assert_eq!(
            found.len(),
            usize::from(goes),
            "{gender:?} born {birth_date}"
        );
    }
}

/// Rule 3, cooldown: no exchange for a teacher whose last exchange ended
/// less than 2 years before 2027-09-01. By hand: ended 2025-09-02 is one
/// day short of 2 years, k stays; ended 2025-09-01 is exactly 2 years, k
/// goes.
#[test]
fn rule3_cooldown_ends_two_calendar_years_after_the_last_exchange() {
    for (end, goes) in [(date(2025, 9, 2), false), (date(2025, 9, 1), true)] {
        let mut case = lone((10.0, 0.0));
        case.county.teacher_mut(case.k).last_exchange_end = Some(end);
        let found = solved(&case.county, &policy());
        assert_eq!(found.len(), usize::from(goes), "last exchange ended {end}");
    }
}

// ---------------------------------------------------------------- rule 4

/// Rule 4: R belongs to county C2, T to C1, so k may not fill R although
/// it is 10 km away and short: both counties' rosters are empty. (R's own
/// math teacher keeps C2's model from being empty.)
#[test]
fn rule4_no_exchange_into_another_county() {
    let mut case = lone((10.0, 0.0));
    case.county.school_mut(case.r).county = "C2".into();
    case.county.teacher("r1", case.r, &["math"], Career::SENIOR);
    case.county.demand(case.r, "math", 1);
    let outcomes = solve_all_and_check(&case.county, &policy());
    assert_eq!(outcomes.len(), 2, "two independent counties");
    assert!(outcomes.iter().all(|o| o.chosen.is_empty()));
}

/// Rule 4 when a couple living in C1 and C2 makes the two counties one
/// model (rule 8 ties them): still no exchange across the border. By hand
/// as above; the couple (m1 at T, w1 at W in C2, 5 km apart) stays home.
#[test]
fn rule4_a_cross_county_couple_does_not_open_the_other_county() {
    let mut case = lone((10.0, 0.0));
    case.county.school_mut(case.r).county = "C2".into();
    let w = case.county.school("W", Area::Town, (0.0, 5.0));
    case.county.school_mut(w).county = "C2".into();
    let w1 = case.county.teacher("w1", w, &["math"], Career::SENIOR);
    case.county.demand(w, "math", 1);
    let m1 = case.county.dataset.teacher_index("m1").unwrap();
    case.county.marry(m1, w1);
    let outcomes = solve_all_and_check(&case.county, &policy());
    assert_eq!(outcomes.len(), 1, "the couple joins the counties");
    assert!(
        outcomes[0].chosen.is_empty(),
        "{:?}",
        moves(&case.county, &outcomes[0])
    );
}

// ---------------------------------------------------------------- rule 5

/// Rule 5, maximum distance (80 km). R has a bed. By hand: at 81 km k may
/// not go and R stays short; at exactly 80 km k goes, with a bed (beyond
/// the 25 km commute).
#[test]
fn rule5_no_host_beyond_max_km() {
    for (km, goes) in [(81.0, false), (80.0, true)] {
        let mut case = lone((km, 0.0));
        case.county.school_mut(case.r).beds = 1;
        let outcome = solve_and_check(&case.county, &policy());
        assert_eq!(outcome.chosen.len(), usize::from(goes), "{km} km");
        if goes {
            assert!(outcome.chosen[0].needs_bed);
            assert!((outcome.chosen[0].km - 80.0).abs() < 1e-9);
        }
    }
}

/// Rule 5, beds: beyond `distance.commute_km` (25) an exchange needs a bed
/// at the host. By hand: R at 30 km with no bed, k stays; with one bed, k
/// goes and uses it; R at exactly 25 km needs no bed, k goes.
#[test]
fn rule5_beyond_commuting_distance_needs_a_bed() {
    for (km, beds, goes) in [(30.0, 0, false), (30.0, 1, true), (25.0, 0, true)] {
        let mut case = lone((km, 0.0));
        case.county.school_mut(case.r).beds = beds;
        let outcome = solve_and_check(&case.county, &policy());
        assert_eq!(
            outcome.chosen.len(),
            usize::from(goes),
            "{km} km, {beds} beds"
        );
        if goes {
            assert_eq!(outcome.chosen[0].needs_bed, km > 25.0);
        }
    }
}

/// Rule 5, beds used never exceed beds. T has ten math teachers and needs
/// eight (two may leave: rule 6 allows 2 of 10); m9 and m10 also teach
/// physics; R, 30 km away, needs two physics teachers. By hand: with one
/// bed only one of them goes (the other post stays short though it would
/// pay); with two beds both go.
#[test]
fn rule5_beds_used_never_exceed_beds() {
    for beds in [1, 2] {
        let mut county = County::new();
        let t = county.school("T", Area::Town, (0.0, 0.0));
        let r = county.school("R", Area::Rural, (30.0, 0.0));
        let staff = county.staff("m", t, "math", 10, Career::SENIOR);
        for &k in &staff[8..] {
            county.teacher_mut(k).subjects.push(Subject::new("physics"));
        }
        county.demand(t, "math", 8);
        county.demand(r, "physics", 2);
        county.school_mut(r).beds = beds;
        let outcome = solve_and_check(&county, &policy());
        assert_eq!(outcome.chosen.len(), beds as usize);
        assert!(outcome.chosen.iter().all(|c| c.needs_bed));
    }
}

// ---------------------------------------------------------------- rule 6

/// Rule 6: at most a fifth of a school's own teachers away (rounded down),
/// at least one from five teachers. T has four English teachers and needs
/// three; rural R, 10 km away, needs one. By hand: 0.2 x 4 = 0.8 -> 0, so
/// nobody leaves although R's post would pay. Add a fifth teacher (of
/// math, so English is unchanged) and one English teacher goes.
#[test]
fn rule6_no_one_leaves_a_school_of_four() {
    for fifth in [false, true] {
        let mut county = County::new();
        let t = county.school("T", Area::Town, (0.0, 0.0));
        let r = county.school("R", Area::Rural, (10.0, 0.0));
        county.staff("e", t, "english", 4, Career::SENIOR);
        county.demand(t, "english", 3);
        if fifth {
            county.teacher("m1", t, &["math"], Career::SENIOR);
            county.demand(t, "math", 1);
        }
        county.demand(r, "english", 1);
        let outcome = solve_and_check(&county, &policy());
        assert_eq!(outcome.chosen.len(), usize::from(fifth));
    }
}

/// Rule 6, rounding down: T has `n` English teachers, two to spare; rural R
/// needs two. By hand: 5 -> 1 away, 9 -> 1 (1.8 rounded down), 10 -> 2.
#[test]
fn rule6_departures_are_a_fifth_rounded_down() {
    for (n, away) in [(5, 1), (9, 1), (10, 2)] {
        let mut county = County::new();
        let t = county.school("T", Area::Town, (0.0, 0.0));
        let r = county.school("R", Area::Rural, (10.0, 0.0));
        county.staff("e", t, "english", n, Career::SENIOR);
        county.demand(t, "english", n as u32 - 2);
        county.demand(r, "english", 2);
        let outcome = solve_and_check(&county, &policy());
        assert_eq!(outcome.chosen.len(), away, "{n} teachers");
    }
}

// ---------------------------------------------------------------- rule 7

/// Rule 7, no arrival into a post that is not short. T has five English
/// teachers and needs four; e1 volunteers and prefers urban U (rank 1);
/// U has two English teachers and needs two. Sending e1 would meet the
/// quota (ceil(0.1 x 7) = 1 exchange: 100) and earn e1's volunteer and
/// preference bonuses (2 + 2), but U is not short: nobody goes. With a
/// third post at U, e1 goes there.
#[test]
fn rule7_no_arrival_into_a_post_that_is_not_short() {
    for posts in [2, 3] {
        let mut county = County::new();
        let (_, staff) = spare(
            &mut county,
            "T",
            Area::Town,
            (0.0, 0.0),
            "english",
            Career::SENIOR,
        );
        let u = county.school("U", Area::Urban, (10.0, 0.0));
        county.staff("u", u, "english", 2, Career::SENIOR);
        county.demand(u, "english", posts);
        county.teacher_mut(staff[0]).volunteer = true;
        county.prefer(staff[0], u, 1);
        let found = solved(&county, &policy());
        if posts == 2 {
            assert!(found.is_empty(), "{found:?}");
        } else {
            assert_eq!(found, ["t1>U"]);
        }
    }
}

/// Rule 7, arrivals never exceed the shortage. T has ten English teachers
/// and needs eight (two may leave); U has two and needs three. The quota
/// asks ceil(0.1 x 12) = 2 exchanges, so a second arrival at U would save
/// 100, but U is short of one only: exactly one arrival. With U needing
/// four, two arrive.
#[test]
fn rule7_arrivals_never_exceed_the_shortage() {
    for (posts, arrivals) in [(3, 1), (4, 2)] {
        let mut county = County::new();
        let t = county.school("T", Area::Town, (0.0, 0.0));
        county.staff("t", t, "english", 10, Career::SENIOR);
        county.demand(t, "english", 8);
        let u = county.school("U", Area::Urban, (10.0, 0.0));
        county.staff("u", u, "english", 2, Career::SENIOR);
        county.demand(u, "english", posts);
        let outcome = solve_and_check(&county, &policy());
        assert_eq!(outcome.chosen.len(), arrivals, "U needs {posts}");
        assert!(outcome.chosen.iter().all(|c| c.exchange.host == u));
    }
}

// ---------------------------------------------------------------- rule 8

/// The couple instance: lone k at T (0,0) with R at `r_at`, and k's spouse
/// s1, the only teacher of school S at `s_at` (one teacher: rule 6 keeps
/// s1 home).
fn couple(r_at: (f64, f64), s_at: (f64, f64)) -> Lone {
    let mut case = lone(r_at);
    let s = case.county.school("S", Area::Town, s_at);
    let s1 = case.county.teacher("s1", s, &["math"], Career::SENIOR);
    case.county.demand(s, "math", 1);
    case.county.marry(case.k, s1);
    case
}

/// Rule 8: spouses at most `couples.max_km` (30) apart. k's spouse works at
/// S, 10 km east of T; R lies 22 km west of T (no bed needed), so 32 km
/// from S: k stays though R's post would pay. With R 20 km west (exactly
/// 30 km from S) or with `couples.max_km = 32`, k goes.
#[test]
fn rule8_spouses_stay_within_couples_max_km() {
    let apart = couple((-22.0, 0.0), (10.0, 0.0));
    assert!(solved(&apart.county, &policy()).is_empty());
    let mut wider = policy();
    wider.couples.max_km = 32.0;
    assert_eq!(solved(&apart.county, &wider), ["m5>R"]);
    let at_limit = couple((-20.0, 0.0), (10.0, 0.0));
    assert_eq!(solved(&at_limit.county, &policy()), ["m5>R"]);
}

/// Rule 8, homes already farther apart: S is 50 km from T, so the couple
/// may be up to 50 km apart. By hand: R at (10, 20) is 22.4 km from T and
/// 44.7 km from S (more than 30, less than 50): k goes. R at (-10, 20) is
/// also 22.4 km from T but 63.2 km from S: k stays.
#[test]
fn rule8_spouses_already_far_apart_may_stay_as_far_apart() {
    let nearer = couple((10.0, 20.0), (50.0, 0.0));
    assert_eq!(solved(&nearer.county, &policy()), ["m5>R"]);
    let farther = couple((-10.0, 20.0), (50.0, 0.0));
    assert!(solved(&farther.county, &policy()).is_empty());
}

// ---------------------------------------------------------------- rule 9

/// Two rural hosts R1 (10 km) and R2 (20 km), each short of one English
/// teacher; T has five English teachers and needs four, and rule 6 lets
/// one of them go.
fn two_hosts() -> (County, Vec<TeacherIx>, SchoolIx, SchoolIx) {
    let mut county = County::new();
    let (_, staff) = spare(
        &mut county,
        "T",
        Area::Town,
        (0.0, 0.0),
        "english",
        Career::SENIOR,
    );
    let r1 = county.school("R1", Area::Rural, (10.0, 0.0));
    let r2 = county.school("R2", Area::Rural, (20.0, 0.0));
    county.demand(r1, "english", 1);
    county.demand(r2, "english", 1);
    (county, staff, r1, r2)
}

/// Rule 9, a locked exchange is in the roster exactly as locked. By hand:
/// unlocked, one teacher goes to the nearer R1 (tier 7: 0.1 against 0.2).
/// Locked "t3 to R2 as support", the roster is exactly that exchange, for
/// the whole year (support.terms = 2), though R1 would be cheaper.
#[test]
fn rule9_a_locked_exchange_is_in_the_roster_exactly() {
    let (mut county, staff, r1, r2) = two_hosts();
    let free = solve_and_check(&county, &policy());
    assert_eq!(free.chosen.len(), 1);
    assert_eq!(free.chosen[0].exchange.host, r1);

    county.lock(staff[2], Some(r2)).kind = Some(Kind::Support);
    let locked = solve_and_check(&county, &policy());
    assert_eq!(moves(&county, &locked), ["t3>R2"]);
    let e = &locked.chosen[0].exchange;
    assert_eq!((e.kind, e.start_term, e.end_term), (Kind::Support, 0, 1));
}

/// Rule 9, a lock's start term. YOUNG teachers at T (support only), rural
/// R short of one English teacher in both terms, `support.terms = 1`. t1
/// is locked to R from 2028-spring: t1 supports in spring only, and
/// another T teacher fills the autumn term (rule 6 lets one go per term).
#[test]
fn rule9_a_lock_fixes_the_start_term() {
    let mut county = County::new();
    let (_, staff) = spare(
        &mut county,
        "T",
        Area::Town,
        (0.0, 0.0),
        "english",
        Career::YOUNG,
    );
    let r = county.school("R", Area::Rural, (10.0, 0.0));
    county.demand(r, "english", 1);
    county.lock(staff[0], Some(r)).start_term = Some("2028-spring".into());
    let mut policy = policy();
    policy.support.terms = 1;
    let outcome = solve_and_check(&county, &policy);
    let t1 = exchange_of(&county, &outcome, "t1");
    assert_eq!((t1.host, t1.start_term, t1.end_term), (r, 1, 1));
    assert_eq!(outcome.chosen.len(), 2, "{:?}", moves(&county, &outcome));
    let other = outcome
        .chosen
        .iter()
        .find(|c| c.exchange.teacher != staff[0])
        .unwrap();
    assert_eq!((other.exchange.start_term, other.exchange.end_term), (0, 0));
}

/// Rule 9, locked to stay: k, the only teacher who can fill R, is locked
/// to stay; R stays short.
#[test]
fn rule9_a_teacher_locked_to_stay_takes_no_exchange() {
    let mut case = lone((10.0, 0.0));
    case.county.lock(case.k, None);
    assert!(solved(&case.county, &policy()).is_empty());
}

/// Rule 9, forbidden pairs. By hand: k goes to the nearer R (10 km) rather
/// than R2 (20 km); with (k, R) forbidden, k goes to R2; with both pairs
/// forbidden k stays.
#[test]
fn rule9_a_forbidden_pair_is_never_used() {
    let mut case = lone((10.0, 0.0));
    let r2 = case.county.school("R2", Area::Rural, (20.0, 0.0));
    case.county.demand(r2, "physics", 1);
    assert_eq!(solved(&case.county, &policy()), ["m5>R"]);
    case.county.forbid(case.k, case.r);
    assert_eq!(solved(&case.county, &policy()), ["m5>R2"]);
    case.county.forbid(case.k, r2);
    assert!(solved(&case.county, &policy()).is_empty());
}

// ---------------------------------------------------------------- rule 10

/// Rule 10: one shadow per backbone mentor per term. Rural R has ten YOUNG
/// English teachers and needs eight (two may be away per term); r1, r2, r3
/// volunteer (2 each if sent). Urban U, 10 km away, has one backbone
/// English teacher. By hand: one mentor x two terms = two shadows, one per
/// term; the third volunteer stays though sending them would pay. With a
/// second mentor all three shadow.
#[test]
fn rule10_a_backbone_mentor_takes_one_shadow_per_term() {
    for mentors in [1, 2] {
        let mut county = County::new();
        let r = county.school("R", Area::Rural, (0.0, 0.0));
        let staff = county.staff("r", r, "english", 10, Career::YOUNG);
        county.demand(r, "english", 8);
        for &v in &staff[..3] {
            county.teacher_mut(v).volunteer = true;
        }
        let u = county.school("U", Area::Urban, (10.0, 0.0));
        for b in county.staff("b", u, "english", mentors, Career::SENIOR) {
            county.teacher_mut(b).backbone = Backbone::City;
        }
        county.demand(u, "english", mentors as u32);
        let outcome = solve_and_check(&county, &policy());
        assert_eq!(outcome.chosen.len(), 1 + mentors, "{mentors} mentor(s)");
        for term in 0..2 {
            let shadows = outcome
                .chosen
                .iter()
                .filter(|c| c.exchange.covers(term))
                .count();
            assert!(shadows <= mentors, "term {term}: {shadows} shadows");
        }
    }
}

/// Rule 10, a mentor away mentors nobody. Urban U has five English teachers
/// and needs four; its only backbone teacher b1 also teaches physics, which
/// rural R2 needs. Rural R's volunteers r1 and r2 would shadow b1 (one per
/// term, 2 points each). By hand: sending b1 to R2 fills two rural
/// post-terms (tier 1 outweighs the 4 points), and b1 away both terms
/// leaves no mentor, so nobody shadows. Without R2's post, r1 and r2
/// shadow b1, one per term.
#[test]
fn rule10_a_mentor_away_mentors_nobody() {
    for r2_needs_physics in [true, false] {
        let mut county = County::new();
        let (u, staff) = spare(
            &mut county,
            "U",
            Area::Urban,
            (0.0, 0.0),
            "english",
            Career::SENIOR,
        );
        county.teacher_mut(staff[0]).backbone = Backbone::County;
        county
            .teacher_mut(staff[0])
            .subjects
            .push(Subject::new("physics"));
        let r2 = county.school("R2", Area::Rural, (-10.0, 0.0));
        if r2_needs_physics {
            county.demand(r2, "physics", 1);
        }
        let (_, rural) = spare(
            &mut county,
            "R",
            Area::Rural,
            (10.0, 0.0),
            "english",
            Career::YOUNG,
        );
        county.teacher_mut(rural[0]).volunteer = true;
        county.teacher_mut(rural[1]).volunteer = true;
        let outcome = solve_and_check(&county, &policy());
        if r2_needs_physics {
            assert_eq!(moves(&county, &outcome), ["u1>R2"]);
        } else {
            assert_eq!(moves(&county, &outcome), ["r1>U", "r2>U"]);
            let terms: Vec<usize> = outcome
                .chosen
                .iter()
                .map(|c| c.exchange.start_term)
                .collect();
            assert!(terms.contains(&0) && terms.contains(&1), "one per term");
            assert!(outcome.chosen.iter().all(|c| c.exchange.host == u));
        }
    }
}

/// Rule 10, the host needs a backbone teacher of the subject. Rural
/// volunteer r1 would shadow at urban U (2 points): U's English teacher
/// u1 is not backbone, nobody goes; a backbone u1 of math (not English),
/// nobody goes; a backbone u1 of English, r1 shadows.
#[test]
fn rule10_a_shadow_host_needs_a_backbone_teacher_of_the_subject() {
    for (subject, backbone, goes) in [
        ("english", Backbone::None, false),
        ("math", Backbone::Province, false),
        ("english", Backbone::Province, true),
    ] {
        let mut county = County::new();
        let (_, rural) = spare(
            &mut county,
            "R",
            Area::Rural,
            (0.0, 0.0),
            "english",
            Career::YOUNG,
        );
        county.teacher_mut(rural[0]).volunteer = true;
        let u = county.school("U", Area::Urban, (10.0, 0.0));
        let u1 = county.teacher("u1", u, &[subject], Career::SENIOR);
        county.teacher_mut(u1).backbone = backbone;
        county.demand(u, subject, 1);
        let found = solved(&county, &policy());
        assert_eq!(found.len(), usize::from(goes), "{subject} {backbone:?}");
    }
}

/// A county where nobody can take any exchange (YOUNG teachers only, so no
/// quota target either) has nothing to decide: the roster is empty and
/// optimal, with the shortage as a constant objective. By hand: T needs
/// six English teachers and has five: 1 post x 2 terms x town weight 2 x
/// `weights.shortage` 1000 = 4000.
#[test]

fn a_county_where_nobody_can_move_has_an_empty_optimal_roster() {
    let mut county = County::new();
    let t = county.school("T", Area::Town, (0.0, 0.0));
    county.staff("y", t, "english", 5, Career::YOUNG);
    county.demand(t, "english", 6);
    let outcome = solve_and_check(&county, &policy());
    assert!(outcome.chosen.is_empty());
    common::solving::assert_objective(&outcome, 4000.0);
}
