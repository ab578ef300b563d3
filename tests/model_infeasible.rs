//! Data sets whose hard rules cannot all hold: the unit is `Infeasible`, no
//! exchange is chosen, and `conflicts` names the rules (and teachers) in
//! conflict. Each test also solves the relaxed counterpart, which must be
//! feasible, so the conflict really is the one named. The last tests run
//! the binary: exit code 2 and no roster written.

mod common;

use std::process::Command;

use common::county::{policy, town_and_rural, Career, County};
use common::solving::{moves, solve_and_check, solve_one};
use rotaplan::domain::policy::SeniorityMode;
use rotaplan::domain::{Area, Backbone, Kind, Policy};
use rotaplan::solve::{RunStatus, UnitOutcome};

/// Asserts the outcome is infeasible without a roster and that some
/// conflict line contains every one of `words`; returns the lines.
#[track_caller]
fn assert_infeasible(outcome: &UnitOutcome, words: &[&str]) -> String {
    assert_eq!(
        outcome.status,
        RunStatus::Infeasible,
        "{:?}",
        outcome.conflicts
    );
    assert!(outcome.chosen.is_empty());
    let lines = outcome.conflicts.join("\n");
    assert!(
        outcome
            .conflicts
            .iter()
            .any(|line| words.iter().all(|w| line.contains(w))),
        "no conflict line mentions all of {words:?}:\n{lines}"
    );
    lines
}

/// With `feasible`, t1's lock to R holds and is the only move; otherwise
/// the unit is infeasible and a conflict line names every one of `words`.
#[track_caller]
fn assert_lock_holds_or_names(county: &County, feasible: bool, words: &[&str]) {
    if feasible {
        let outcome = solve_and_check(county, &policy());
        assert_eq!(moves(county, &outcome), ["t1>R"]);
    } else {
        assert_infeasible(&solve_one(county, &policy()), words);
    }
}

/// Hard quota with too few hosts. T's 20 eligible teachers ask for
/// ceil(0.1 x 20) = 2 exchanges (t1 is backbone, so the backbone target of
/// 1 can be met), but R is short of one post only and no other school is
/// short (rule 7): infeasible, and the conflict names the quota. Soft, the
/// same data gives one exchange; with R short of two, the hard quota holds.
#[test]
fn infeasible_hard_quota_with_too_few_hosts() {
    let (mut county, staff, r) = town_and_rural(20, 1, (10.0, 0.0));
    county.teacher_mut(staff[0]).backbone = Backbone::County;
    let mut hard = policy();
    hard.quota.hard = true;
    assert_infeasible(&solve_one(&county, &hard), &["quota"]);
    assert_eq!(solve_and_check(&county, &policy()).chosen.len(), 1);

    county.demand(r, "english", 2);
    let outcome = solve_and_check(&county, &hard);
    assert_eq!(outcome.chosen.len(), 2);
    assert!(moves(&county, &outcome).contains(&"t1>R".to_string()));
}

/// A lock beyond `distance.max_km`: t1 is locked to R, 90 km away (R has
/// a bed). No roster can hold the lock; the conflict names rule 5, the
/// distance and t1. At 80 km the lock holds.
#[test]
fn infeasible_a_lock_beyond_max_km() {
    for (km, feasible) in [(90.0, false), (80.0, true)] {
        let (mut county, staff, r) = town_and_rural(5, 1, (km, 0.0));
        county.school_mut(r).beds = 1;
        county.lock(staff[0], Some(r));
        assert_lock_holds_or_names(&county, feasible, &["rule 5", "distance", "t1"]);
    }
}

/// A lock beyond commuting distance to a host without beds: t1 is locked
/// to R, 30 km away (beyond `commute_km` = 25), and R has no bed. No
/// candidate exists, so the conflict is found before solving and names rule
/// 5's beds and t1. With one bed at R the lock holds.
#[test]
fn infeasible_a_lock_needing_a_bed_at_a_host_without_beds() {
    for (beds, feasible) in [(0, false), (1, true)] {
        let (mut county, staff, r) = town_and_rural(5, 1, (30.0, 0.0));
        county.school_mut(r).beds = beds;
        county.lock(staff[0], Some(r));
        assert_lock_holds_or_names(&county, feasible, &["rule 5", "no dormitory beds", "t1"]);
    }
}

/// A lock at a school that may have nobody away: T has four teachers, and
/// rule 6 lets a school of fewer than five send none (0.2 x 4 rounds down
/// to 0). The conflict is found before solving and names rule 6 and t1;
/// with five teachers at T the lock holds.
#[test]
fn infeasible_a_lock_at_a_school_too_small_to_send_anyone() {
    for (n, feasible) in [(4, false), (5, true)] {
        let (mut county, staff, r) = town_and_rural(n, 1, (10.0, 0.0));
        county.lock(staff[0], Some(r));
        assert_lock_holds_or_names(&county, feasible, &["rule 6", "departures", "t1"]);
    }
}

/// Two locks competing for one bed: t1 and t2 are locked to R, 30 km away
/// (each needs a bed), which has two posts but one bed. Infeasible; the
/// conflict names the lock rule and a locked teacher. With two beds both
/// locks hold.
#[test]
fn infeasible_two_locks_competing_for_one_bed() {
    for (beds, feasible) in [(1, false), (2, true)] {
        let (mut county, staff, r) = town_and_rural(10, 2, (30.0, 0.0));
        county.school_mut(r).beds = beds;
        county.lock(staff[0], Some(r));
        county.lock(staff[1], Some(r));
        if feasible {
            let outcome = solve_and_check(&county, &policy());
            assert_eq!(moves(&county, &outcome), ["t1>R", "t2>R"]);
        } else {
            let lines = assert_infeasible(&solve_one(&county, &policy()), &["rule 9"]);
            assert!(lines.contains("t1") || lines.contains("t2"), "{lines}");
        }
    }
}

/// As above, and the conflict also names what the locks break: rule 5
/// (dormitory beds).
#[test]
fn infeasible_two_locks_competing_for_one_bed_name_the_beds_rule() {
    let (mut county, staff, r) = town_and_rural(10, 2, (30.0, 0.0));
    county.school_mut(r).beds = 1;
    county.lock(staff[0], Some(r));
    county.lock(staff[1], Some(r));
    assert_infeasible(&solve_one(&county, &policy()), &["rule 5", "beds"]);
}

/// The couple instance of model_rules: t1's spouse s1 is the only teacher
/// of S, 10 km east of T, and cannot leave (rule 6); R is 22 km west of T,
/// 32 km from S. t1 locked to R would leave the couple 32 km apart (> 30).
fn couple_locked() -> County {
    let (mut county, staff, r) = town_and_rural(5, 1, (-22.0, 0.0));
    let s = county.school("S", Area::Town, (10.0, 0.0));
    let s1 = county.teacher("s1", s, &["math"], Career::SENIOR);
    county.demand(s, "math", 1);
    county.marry(staff[0], s1);
    county.lock(staff[0], Some(r)).kind = Some(Kind::Rotation);
    county
}

/// Couples + lock: infeasible, the conflict names the lock and t1. With
/// `couples.max_km = 32` the lock holds.
#[test]
fn infeasible_a_lock_that_parts_a_couple() {
    let county = couple_locked();
    let lines = assert_infeasible(&solve_one(&county, &policy()), &["rule 9"]);
    assert!(lines.contains("t1"), "{lines}");
    let mut wider = policy();
    wider.couples.max_km = 32.0;
    assert_eq!(solved_moves(&county, &wider), ["t1>R"]);
}

/// As above, and the conflict also names the couples rule.
#[test]

fn infeasible_a_lock_that_parts_a_couple_names_the_couples_rule() {
    assert_infeasible(
        &solve_one(&couple_locked(), &policy()),
        &["rule 8", "couples"],
    );
}

fn solved_moves(county: &County, policy: &Policy) -> Vec<String> {
    moves(county, &solve_and_check(county, policy))
}

/// Strict seniority against a lock: T's five eligible English teachers, t1
/// with 10 years at T, the others 8; rural R needs one. t2 is
/// locked to R. Strict seniority says t2 (8 years) may go only if t1 (10)
/// goes too, and R has one post: the lock and strict seniority conflict.
/// Soft seniority: t2 goes (one inversion, 10 points).
#[test]

fn infeasible_strict_seniority_against_a_lock() {
    let (mut county, staff, r) = town_and_rural(5, 1, (10.0, 0.0));
    county.teacher_mut(staff[0]).school_since = common::county::years_before(10);
    county.lock(staff[1], Some(r));
    assert_eq!(solved_moves(&county, &policy()), ["t2>R"]);
    let strict = Policy {
        seniority: SeniorityMode::Strict,
        ..policy()
    };
    assert_infeasible(&solve_one(&county, &strict), &["seniority"]);
}

// ---------------------------------------------------------------- binary

/// A data set on disk: town T (30.0 N, 110.0 E) with five eligible English
/// teachers needing four, rural R one degree north (111 km x road factor
/// 1.3 = 144 km, beyond the 80 km limit) needing one; t1 locked to R.
fn write_locked_beyond_max_km(dir: &std::path::Path) {
    write_town_and_rural(dir, 31.0);
    std::fs::write(
        dir.join("locks.csv"),
        "teacher_id,host_school_id,kind,subject,start_term\nt1,R,,,\n",
    )
    .unwrap();
}

/// Town T and rural R (`rural_lat` N) as above, without locks.
fn write_town_and_rural(dir: &std::path::Path, rural_lat: f64) {
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    write(
        "schools.csv",
        &format!("id,name,county,area,lat,lon,beds\nT,Town school,C1,town,30.0,110.0,0\nR,Rural school,C1,rural,{rural_lat},110.0,2\n"),
    );
    let mut teachers =
        String::from("id,name,gender,birth_date,school_id,subjects,hire_date,school_since\n");
    for i in 1..=5 {
        teachers.push_str(&format!(
            "t{i},Teacher {i},F,1985-03-01,T,english,2008-09-01,2015-09-01\n"
        ));
    }
    write("teachers.csv", &teachers);
    write(
        "demand.csv",
        "school_id,subject,posts\nT,english,4\nR,english,1\n",
    );
}

fn run_solve(dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rotaplan"))
        .arg("solve")
        .arg(dir)
        .args(["--as-of", "2026-11-23", "--threads", "1"])
        .output()
        .unwrap()
}

/// `rotaplan solve` on an infeasible data set exits 2, says which rule
/// conflicts (rule 5, for t1), and writes no roster; a roster left by an
/// earlier run is untouched. Without the lock the same data solves (exit
/// 0) and the roster is written.
#[test]
fn binary_exits_2_and_writes_no_roster_when_infeasible() {
    let dir = tempfile::tempdir().unwrap();
    write_locked_beyond_max_km(dir.path());
    let output = run_solve(dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr:\n{stderr}");
    assert!(
        stderr.contains("rule 5") && stderr.contains("t1"),
        "{stderr}"
    );
    let roster = dir.path().join("out").join("roster.csv");
    assert!(!roster.exists());

    std::fs::create_dir_all(roster.parent().unwrap()).unwrap();
    std::fs::write(&roster, "earlier roster\n").unwrap();
    assert_eq!(run_solve(dir.path()).status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&roster).unwrap(),
        "earlier roster\n"
    );

    std::fs::remove_file(dir.path().join("locks.csv")).unwrap();
    let output = run_solve(dir.path());
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let written = std::fs::read_to_string(&roster).unwrap();
    assert!(written.starts_with("\u{feff}teacher_id,"), "{written}");
}

/// Not infeasible: a county where nobody can move (one teacher, two years
/// at the school) has an empty optimal roster, so `solve` exits 0 and
/// writes a roster with the header only.
#[test]

fn binary_exits_0_with_an_empty_roster_when_nobody_can_move() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "schools.csv",
        "id,name,county,area\nT,Town school,C1,town\n",
    );
    write(
        "teachers.csv",
        "id,name,gender,birth_date,school_id,subjects,hire_date,school_since\nt1,Teacher 1,F,1995-01-01,T,english,2025-09-01,2025-09-01\n",
    );
    write("demand.csv", "school_id,subject,posts\nT,english,2\n");
    let output = run_solve(dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "stderr:\n{stderr}");
    let roster = std::fs::read_to_string(dir.path().join("out").join("roster.csv")).unwrap();
    assert_eq!(roster.lines().count(), 1, "{roster}");
}

/// The explanation of an infeasible county in both languages (`--lang`):
/// a hard 80% quota for a town school whose rural partner, 39 km away, has
/// a single post.
#[test]
fn the_explanation_follows_lang() {
    let dir = tempfile::tempdir().unwrap();
    write_town_and_rural(dir.path(), 30.3);
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, "[quota]\nhard = true\nmin_fraction = 0.8\n").unwrap();
    let solve = |lang: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_rotaplan"))
            .args(["--lang", lang, "solve"])
            .arg(dir.path())
            .arg("--policy")
            .arg(&policy)
            .args(["--as-of", "2026-11-23", "--threads", "1"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let zh = solve("zh");
    assert!(
        zh.contains(
            "区县 C1: 硬性交流比例无法满足: 放宽以下约束即可得到名单: quota[county_C1] 放宽 "
        ),
        "{zh}"
    );
    assert!(zh.contains("未写出名单"), "{zh}");
    let en = solve("en");
    assert!(
        en.contains(
            "county C1: hard target (quota.hard) cannot hold: relaxing quota[county_C1] by "
        ),
        "{en}"
    );
}
