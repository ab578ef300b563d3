//! The command line against user errors and batch hazards (issue 14): a
//! bad path or value is invalid input (exit 1) found before anything is
//! solved; the formula guard round-trips; the horizon of a nightly
//! re-optimization survives 1 September; the time limit is for the whole
//! run; `generate` never leaves a half-written data set.

mod cli_support;

use std::path::Path;
use std::time::{Duration, Instant};

use cli_support::{assert_exit, run, solve, stderr, stdout, Sample, AS_OF};

/// A run refused before solving: exit 1, a message containing `words`, no
/// summary table printed and no output folder made.
#[track_caller]
fn assert_refused(output: &std::process::Output, words: &str) {
    assert_exit(output, 1);
    assert!(stderr(output).contains(words), "{}", stderr(output));
    assert!(!stdout(output).contains("status"), "{}", stdout(output));
}

#[test]
fn bad_output_paths_are_refused_before_solving() {
    let sample = Sample::new();
    let file = sample.file("a-file");
    std::fs::write(&file, "x").unwrap();
    let data = sample.data();
    let file_arg = file.to_str().unwrap();

    assert_refused(&solve(&data, &["--out", file_arg]), "--out");
    std::fs::write(sample.out(), "x").unwrap();
    assert_refused(&solve(&data, &[]), "is a file, not a folder");
    std::fs::remove_file(sample.out()).unwrap();
    assert!(!sample.out().exists());

    let missing = sample.file("no/such/dir/model.mps");
    assert_refused(
        &solve(&data, &["--export-model", missing.to_str().unwrap()]),
        "does not exist",
    );
    let dir = sample.dir.path().to_str().unwrap().to_string();
    assert_refused(&solve(&data, &["--export-model", &dir]), "is a folder");
    assert!(!sample.out().exists(), "nothing was written");

    let whatif = run([
        "whatif",
        data.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--scenario",
        "a:distance.max_km=40",
        "--out",
        file_arg,
    ]);
    assert_refused(&whatif, "--out");
}

#[test]
fn bad_solver_values_are_refused_with_the_policy_rules() {
    let sample = Sample::new();
    let data = sample.data();
    for (flag, value) in [
        ("--time-limit", "-1"),
        ("--time-limit", "nan"),
        ("--time-limit", "inf"),
        ("--gap", "-1"),
        ("--gap", "nan"),
        ("--gap", "1.5"),
    ] {
        let output = solve(&data, &[&format!("{flag}={value}")]);
        assert_refused(&output, flag);
        assert!(
            stderr(&output).contains("must lie between"),
            "{}",
            stderr(&output)
        );
    }
    assert!(!sample.out().exists());
}

#[test]
fn a_missing_previous_roster_is_named_as_such() {
    let sample = Sample::new();
    let missing = sample.file("roster-from-last-night.csv");
    let output = solve(&sample.data(), &["--previous", missing.to_str().unwrap()]);
    assert_refused(&output, "no such file");
    assert!(
        !stderr(&output).contains("data set needs"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn more_threads_than_cores_are_capped() {
    let sample = Sample::new();
    let output = solve(&sample.data(), &["--threads", "10000"]);
    assert_exit(&output, 0);
    let cores = std::thread::available_parallelism().unwrap().get();
    assert!(
        stderr(&output).contains(&format!("using {cores}")),
        "{}",
        stderr(&output)
    );
}

/// Ids that begin like a formula survive rotaplan's own round trip: the
/// roster it writes passes `check` and serves as `--previous`.
#[test]
fn the_formula_guard_round_trips_through_check_and_previous() {
    let sample = Sample::new();
    // T000113 is locked, so they are in every roster.
    for entry in std::fs::read_dir(sample.data()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replace("T000113", "'=T000113")).unwrap();
        }
    }
    assert_exit(&solve(&sample.data(), &[]), 0);
    let roster = sample.file("previous.csv");
    std::fs::copy(sample.out().join("roster.csv"), &roster).unwrap();
    let text = std::fs::read_to_string(&roster).unwrap();
    assert!(
        text.contains("\n'=T000113,"),
        "written with one guard:\n{text}"
    );
    let check = run([
        "check",
        sample.data().to_str().unwrap(),
        roster.to_str().unwrap(),
        "--as-of",
        AS_OF,
    ]);
    assert_exit(&check, 0);
    assert_exit(
        &solve(&sample.data(), &["--previous", roster.to_str().unwrap()]),
        0,
    );
}

/// Without `[horizon]` in the policy, the nightly batch of 1 September
/// re-optimizes the roster's own school year, not the next one (SPEC §5).
#[test]
fn the_horizon_of_a_re_optimization_is_the_previous_rosters() {
    let sample = Sample::new();
    let policy = sample.data().join("policy.toml");
    let text = std::fs::read_to_string(&policy).unwrap();
    let start = text.find("[horizon]").unwrap();
    let end = start + text[start..].find("]\n\n").unwrap() + 3;
    std::fs::write(&policy, format!("{}{}", &text[..start], &text[end..])).unwrap();

    assert_exit(&solve(&sample.data(), &[]), 0);
    let previous = sample.file("previous.csv");
    std::fs::copy(sample.out().join("roster.csv"), &previous).unwrap();
    let output = cli_support::rotaplan()
        .arg("solve")
        .arg(sample.data())
        .args(["--as-of", "2027-09-01", "--previous"])
        .arg(&previous)
        .output()
        .unwrap();
    assert_exit(&output, 0);
    let summary = cli_support::summary(&sample.out());
    assert_eq!(
        summary["horizon"],
        serde_json::json!(["2027-autumn", "2028-spring"])
    );
}

#[test]
fn beds_used_counts_bed_terms() {
    let sample = Sample::new();
    assert_exit(&solve(&sample.data(), &[]), 0);
    let summary = cli_support::summary(&sample.out());
    let horizon: Vec<&str> = summary["horizon"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let position = |term: &str| horizon.iter().position(|t| *t == term).unwrap() as u64;
    let rows = cli_support::read_csv(&sample.out().join("roster.csv"));
    let with_bed: Vec<_> = rows.iter().filter(|r| r["needs_bed"] == "true").collect();
    let bed_terms: u64 = with_bed
        .iter()
        .map(|r| position(&r["end_term"]) + 1 - position(&r["start_term"]))
        .sum();
    assert!(
        bed_terms > with_bed.len() as u64,
        "the sample must tell them apart"
    );
    assert_eq!(summary["beds_used"], bed_terms);
}

/// A lock that `solve` refuses as impossible fails `validate` too.
#[test]
fn validate_runs_the_lock_checks_of_solve() {
    let sample = Sample::new();
    sample.set_teacher("T000113", "exempt", "病假");
    let validate = run([
        "validate",
        sample.data().to_str().unwrap(),
        "--as-of",
        AS_OF,
    ]);
    assert_exit(&validate, 1);
    assert!(
        stderr(&validate).contains("rule 9"),
        "{}",
        stderr(&validate)
    );
    assert!(
        stderr(&validate).contains("T000113"),
        "{}",
        stderr(&validate)
    );
    let solved = solve(&sample.data(), &[]);
    assert!(stderr(&solved).contains("rule 9"), "{}", stderr(&solved));
}

/// The time limit counts from the start of the run: time already spent
/// (here: pretended, by a start 100 s ago) leaves the solver none, where
/// the same limit per solver search would have solved the sample.
#[test]
fn the_time_limit_is_for_the_whole_run() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    let today = chrono::NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap();
    let loaded = rotaplan::input::load(&data, None, today).unwrap();
    let policy = &loaded.policy.policy;
    let mut options = rotaplan::solve::SolveOptions::from_policy(policy);
    options.time_limit_s = 30.0;
    options.started = Instant::now() - Duration::from_secs(100);
    let history = rotaplan::model::History::default();
    let report = rotaplan::plan::plan(&loaded.dataset, policy, &loaded.horizon, &history, &options);
    assert_eq!(report.summary.status.as_str(), "time_limit");
    assert!(!report.summary.reproducible);

    options.started = Instant::now();
    let report = rotaplan::plan::plan(&loaded.dataset, policy, &loaded.horizon, &history, &options);
    assert_eq!(report.summary.status.as_str(), "optimal");
    assert!(report.summary.reproducible);
}

#[test]
fn generate_refuses_a_huge_size_and_an_existing_data_set() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("big");
    let args = |counties: &str, out: &Path| {
        run([
            "generate",
            "--counties",
            counties,
            "--schools-per-county",
            "1000",
            "--teachers-per-school",
            "1000",
            "--seed",
            "1",
            out.to_str().unwrap(),
        ])
    };
    let huge = args("100000", &out);
    assert_exit(&huge, 1);
    assert!(stderr(&huge).contains("2000000"), "{}", stderr(&huge));
    assert!(!out.exists());

    let sample = Sample::new();
    let before = cli_support::snapshot(&sample.data());
    let over = args("1", &sample.data());
    assert_exit(&over, 1);
    assert!(
        stderr(&over).contains("never overwritten"),
        "{}",
        stderr(&over)
    );
    assert!(cli_support::snapshot(&sample.data()) == before);
}

#[test]
fn a_generate_killed_before_it_finishes_leaves_no_data_set() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("data");
    let killed = cli_support::rotaplan()
        .args(["generate", "--counties", "1", "--schools-per-county", "3"])
        .args(["--teachers-per-school", "5", "--seed", "1"])
        .arg(&out)
        .env(rotaplan::hooks::VARIABLE, "abort@generate:written")
        .output()
        .unwrap();
    assert!(!killed.status.success());
    assert!(!out.exists(), "a half-written data set was left");
    let done = run([
        "generate",
        "--counties",
        "1",
        "--schools-per-county",
        "3",
        "--teachers-per-school",
        "5",
        "--seed",
        "1",
        out.to_str().unwrap(),
    ]);
    assert_exit(&done, 0);
    assert!(out.join("teachers.csv").exists());
}
