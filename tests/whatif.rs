//! `whatif` end to end on a tiny data set written to disk: an urban school
//! with two English teachers to spare, and two rural schools short of one
//! English teacher each, 10 and 40 km away. Teacher E01, a backbone
//! teacher, is locked to the near school.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use rotaplan::input;
use rotaplan::output::Status;
use rotaplan::whatif::{self, Request, Row, Scenario, Settings};

/// Horizon 2027-autumn, 2028-spring.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
}

fn write_data(dir: &Path) {
    let file = |name: &str, text: &str| fs::write(dir.join(name), text).unwrap();
    file(
        "schools.csv",
        "id,name,county,area,beds\n\
         U,Urban No. 1,C1,urban,0\n\
         R1,Near village,C1,rural,0\n\
         R2,Far village,C1,rural,2\n",
    );
    let mut teachers =
        "id,name,gender,birth_date,school_id,subjects,hire_date,school_since,backbone\n"
            .to_string();
    for i in 1..=10 {
        let backbone = if i == 1 { "county" } else { "none" };
        teachers.push_str(&format!(
            "E{i:02},Teacher {i},F,1985-0{}-15,U,english,2008-09-01,2012-09-01,{backbone}\n",
            1 + i % 9
        ));
    }
    file("teachers.csv", &teachers);
    file(
        "demand.csv",
        "school_id,subject,posts\nU,english,8\nR1,english,1\nR2,english,1\n",
    );
    file(
        "distances.csv",
        "from_id,to_id,km\nU,R1,10\nU,R2,40\nR1,R2,35\n",
    );
    file(
        "locks.csv",
        "teacher_id,host_school_id,kind,subject,start_term\nE01,R1,,,\n",
    );
}

struct Setup {
    _dir: tempfile::TempDir,
    data: PathBuf,
    out: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    write_data(&data);
    let out = dir.path().join("whatif-out");
    Setup {
        _dir: dir,
        data,
        out,
    }
}

fn scenarios(args: &[&str]) -> Vec<Scenario> {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    whatif::parse_all(&args, &[]).unwrap()
}

fn run(
    setup: &Setup,
    scenarios: &[Scenario],
) -> Result<whatif::Outcome, Vec<whatif::ScenarioError>> {
    let loaded = input::load(&setup.data, None, today()).unwrap();
    whatif::whatif(&Request {
        data_dir: &setup.data,
        base: &loaded,
        today: today(),
        scenarios,
        out_dir: setup.out.clone(),
        settings: Settings {
            time_limit_s: Some(60.0),
            mip_gap: None,
            threads: 2,
        },
    })
}

fn row<'a>(rows: &'a [Row], name: &str) -> &'a Row {
    rows.iter().find(|r| r.scenario == name).unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn scenarios_are_solved_side_by_side_and_an_infeasible_one_does_not_stop_the_others() {
    let setup = setup();
    let outcome = run(
        &setup,
        &scenarios(&["near:distance.max_km=20", "blocked:distance.max_km=5"]),
    )
    .unwrap();

    let names: Vec<&str> = outcome.rows.iter().map(|r| r.scenario.as_str()).collect();
    assert_eq!(names, ["base", "near", "blocked"]);
    for name in ["base", "near"] {
        assert_eq!(
            files_in(&setup.out.join(name)),
            ["coverage.csv", "report.html", "roster.csv", "summary.json"],
            "{name}"
        );
        assert!(row(&outcome.rows, name).status.has_roster(), "{name}");
    }

    // Both villages are served in the base; the far one is out of reach
    // within 20 km: one post short for both terms.
    let base = row(&outcome.rows, "base").figures.clone().unwrap();
    let near = row(&outcome.rows, "near").figures.clone().unwrap();
    assert_eq!(base.shortage_after, 0);
    assert_eq!(near.shortage_after, 2);
    assert_eq!(near.rural_shortage_after, 2);
    assert_eq!(base.exchanges, 2);
    assert_eq!(near.exchanges, 1);
    assert_eq!(base.changes_vs_base, Some(0));
    assert_eq!(near.changes_vs_base, Some(1));
    assert_eq!(base.avg_distance_km, Some(25.0));
    assert_eq!(near.avg_distance_km, Some(10.0));
    // beds_used counts exchanges that need a bed (summary.rs says
    // bed-terms; the report counts exchanges).
    assert_eq!(base.beds_used, 1, "the far village is beyond commuting");
    assert_eq!(near.beds_used, 0);
    assert!(base.quota_met);

    // The lock to the near village (10 km) cannot hold within 5 km.
    let blocked = row(&outcome.rows, "blocked");
    assert_eq!(blocked.status, Status::Infeasible);
    assert!(blocked.figures.is_none());
    assert_eq!(files_in(&setup.out.join("blocked")), ["summary.json"]);
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(setup.out.join("blocked/summary.json")).unwrap()).unwrap();
    assert_eq!(summary["status"], "infeasible");
    assert!(
        summary["infeasibility"][0]
            .as_str()
            .unwrap()
            .contains("E01"),
        "{summary}"
    );
    assert_eq!(outcome.exit_code(), 2);

    let csv = fs::read_to_string(setup.out.join("whatif.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("\u{feff}scenario,status,objective,shortage_after,"));
    assert!(lines[2].starts_with("near,optimal,"));
    assert!(lines[3].starts_with("blocked,infeasible,,"));
}

#[test]
fn a_bad_scenario_stops_everything_before_any_solve() {
    let setup = setup();
    let errors = run(
        &setup,
        &scenarios(&[
            "ok:distance.max_km=20",
            "typo:quota.min_fractio=0.2",
            "bad:quota.min_fraction=1.5",
        ]),
    )
    .err()
    .unwrap();
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 2, "{text:?}");
    assert_eq!(errors[0].scenario, "typo");
    assert_eq!(errors[0].key.as_deref(), Some("quota.min_fractio"));
    assert_eq!(errors[1].key.as_deref(), Some("quota.min_fraction"));
    assert!(!setup.out.exists(), "nothing may be written");
}

#[test]
fn a_scenario_with_its_own_horizon_reloads_the_data() {
    let setup = setup();
    let outcome = run(
        &setup,
        &scenarios(&[
            r#"one-term:horizon.terms=[{ id = "2027-autumn", start = 2027-09-01, end = 2028-01-20 }]"#,
        ]),
    )
    .unwrap();
    assert_eq!(outcome.exit_code(), 0);
    let coverage = fs::read_to_string(setup.out.join("one-term/coverage.csv")).unwrap();
    assert!(coverage.contains("2027-autumn"), "{coverage}");
    assert!(!coverage.contains("2028-spring"), "{coverage}");
    let base = fs::read_to_string(setup.out.join("base/coverage.csv")).unwrap();
    assert!(base.contains("2028-spring"), "{base}");
}

#[test]
fn a_horizon_the_data_does_not_fit_is_an_error_of_that_scenario() {
    let setup = setup();
    let errors = run(
        &setup,
        &scenarios(&[
            r#"past:horizon.terms=[{ id = "2005-autumn", start = 2005-09-01, end = 2006-01-20 }]"#,
        ]),
    )
    .err()
    .unwrap();
    assert!(errors.iter().all(|e| e.scenario == "past"));
    assert!(errors[0].message.contains("teachers.csv"), "{}", errors[0]);
    assert!(!setup.out.exists());
}

#[test]
fn the_binary_runs_whatif_and_exits_with_the_worst_status() {
    let setup = setup();
    let scenario_file = setup.data.join("wide.toml");
    fs::write(&scenario_file, "[distance]\nmax_km = 100\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_rotaplan"))
        .arg("whatif")
        .arg(&setup.data)
        .args(["--scenario", "near:distance.max_km=20"])
        .args(["--scenario", "blocked:distance.max_km=5"])
        .arg("--scenario-file")
        .arg(&scenario_file)
        .args(["--as-of", "2027-03-01", "--threads", "2", "--out"])
        .arg(&setup.out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stdout}\n{stderr}");
    assert!(setup.out.join("whatif.csv").is_file());
    assert!(setup.out.join("wide/roster.csv").is_file());
    let header = stdout.lines().next().unwrap();
    for name in ["base", "near", "blocked", "wide"] {
        assert!(header.contains(name), "{stdout}");
    }
    assert!(stdout.contains("s wall"), "{stdout}");
    assert!(stderr.contains("blocked: "), "{stderr}");

    let bad = Command::new(env!("CARGO_BIN_EXE_rotaplan"))
        .arg("whatif")
        .arg(&setup.data)
        .args(["--scenario", "x:limits.nope=1", "--out"])
        .arg(setup.out.join("bad"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("limits.nope"));
    assert!(!setup.out.join("bad").exists());

    // A usage error is invalid input too, not clap's 2 ("infeasible").
    let usage = Command::new(env!("CARGO_BIN_EXE_rotaplan"))
        .arg("whatif")
        .arg(&setup.data)
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(1));
}
