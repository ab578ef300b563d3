//! Batch safety of `rotaplan solve` (SPEC §4, §5): a run that fails for any
//! reason — bad input, infeasible, out of time, killed, cannot write —
//! leaves the previous outputs byte-identical; `--quiet` and `--log-json`
//! keep stdout fit for cron and log collectors; a closed stdout does not
//! stop a run.

mod cli_support;

use std::collections::BTreeMap;
use std::io::BufRead;
use std::io::BufReader;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Instant;

use cli_support::{assert_exit, rotaplan, snapshot, solve, stderr, stdout, Sample, OUTPUTS};

/// A sample copy with the outputs of a successful run in `out/`, and the
/// folder's contents as they were then.
fn solved_sample() -> (Sample, BTreeMap<String, Vec<u8>>) {
    let sample = Sample::new();
    assert_exit(&solve(&sample.data(), &[]), 0);
    let before = snapshot(&sample.out());
    assert_eq!(
        before.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "coverage.csv",
            "report.html",
            "roster.csv",
            "roster.xlsx",
            "summary.json"
        ]
    );
    (sample, before)
}

fn assert_untouched(out: &Path, before: &BTreeMap<String, Vec<u8>>) {
    let after = snapshot(out);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "files appeared or vanished in {}",
        out.display()
    );
    for (name, bytes) in before {
        assert!(after[name] == *bytes, "{name} changed");
    }
}

/// The one JSON line `--log-json` prints.
fn log_line(output: &Output) -> serde_json::Value {
    let text = stdout(output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line on stdout:\n{text}");
    assert!(text.ends_with('\n'));
    serde_json::from_str(lines[0]).unwrap_or_else(|e| panic!("{e}: {}", lines[0]))
}

/// Every key of the log line, in order, with the right type.
fn assert_log_shape(line: &serde_json::Value, status: &str, exit_code: i64) {
    let keys: Vec<&str> = line
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = [
        "command",
        "data",
        "status",
        "exit_code",
        "exchanges",
        "shortage_before",
        "shortage_after",
        "changes",
        "solve_seconds",
        "wall_seconds",
        "out",
    ];
    sorted.sort();
    let mut got = keys.clone();
    got.sort();
    assert_eq!(got, sorted, "{line}");
    assert_eq!(line["command"], "solve");
    assert!(line["data"].is_string());
    assert_eq!(line["status"], status, "{line}");
    assert_eq!(line["exit_code"], exit_code, "{line}");
    for key in ["exchanges", "shortage_before", "shortage_after"] {
        assert!(line[key].is_u64(), "{key}: {line}");
    }
    for key in ["solve_seconds", "wall_seconds"] {
        assert!(
            line[key].as_f64().is_some_and(|s| s >= 0.0),
            "{key}: {line}"
        );
    }
    assert!(line["changes"].is_null() || line["changes"].is_object());
    assert!(line["out"].is_null() || line["out"].is_string());
}

/// A teachers.csv with a date that does not parse.
fn break_teachers(sample: &Sample) {
    let changed = cli_support::edit_csv(&sample.data().join("teachers.csv"), |row| {
        let hit = row["id"] == "T000005";
        if hit {
            row.insert("birth_date".into(), "1985-13-45".into());
        }
        hit
    });
    assert_eq!(changed, 1);
}

/// A lock of a teacher to a school forbidden.csv forbids them: rule 9
/// cannot hold.
fn add_impossible_lock(sample: &Sample) {
    let path = sample.data().join("locks.csv");
    let mut locks = std::fs::read_to_string(&path).unwrap();
    let forbidden = cli_support::read_csv(&sample.data().join("forbidden.csv"));
    let pair = &forbidden[0];
    locks.push_str(&format!(
        "{},{},,,\n",
        pair["teacher_id"], pair["school_id"]
    ));
    std::fs::write(&path, locks).unwrap();
}

#[test]
fn bad_input_leaves_the_previous_outputs_untouched() {
    let (sample, before) = solved_sample();
    break_teachers(&sample);
    let output = solve(&sample.data(), &[]);
    assert_exit(&output, 1);
    assert!(
        stderr(&output).contains("teachers.csv"),
        "{}",
        stderr(&output)
    );
    assert_untouched(&sample.out(), &before);
}

#[test]
fn a_bad_previous_roster_leaves_the_previous_outputs_untouched() {
    let (sample, before) = solved_sample();
    let previous = sample.file("previous.csv");
    let mut roster = std::fs::read_to_string(sample.out().join("roster.csv")).unwrap();
    roster = roster.replacen("S01", "S99", 3); // unknown schools
    std::fs::write(&previous, roster).unwrap();
    let output = solve(&sample.data(), &["--previous", previous.to_str().unwrap()]);
    assert_exit(&output, 1);
    assert_untouched(&sample.out(), &before);
}

#[test]
fn an_infeasible_run_leaves_the_previous_outputs_untouched() {
    let (sample, before) = solved_sample();
    add_impossible_lock(&sample);
    let output = solve(&sample.data(), &[]);
    assert_exit(&output, 2);
    assert!(stderr(&output).contains("rule 9"), "{}", stderr(&output));
    assert_untouched(&sample.out(), &before);
}

/// Out of time: either a roster (exit 0, optimal or feasible, written) or
/// exit 3 and nothing touched; never anything in between.
#[test]
fn a_tiny_time_limit_writes_a_roster_or_nothing() {
    let (sample, before) = solved_sample();
    for limit in ["0", "0.05"] {
        let output = solve(&sample.data(), &["--time-limit", limit, "--log-json"]);
        let line = log_line(&output);
        match output.status.code() {
            Some(0) => {
                assert!(
                    line["status"] == "optimal" || line["status"] == "feasible",
                    "{line}"
                );
                let summary = cli_support::summary(&sample.out());
                assert_eq!(summary["status"], line["status"]);
                assert!(line["out"].is_string(), "{line}");
            }
            Some(3) => {
                assert_log_shape(&line, "time_limit", 3);
                assert!(line["out"].is_null(), "{line}");
                assert_untouched(&sample.out(), &before);
            }
            other => panic!("exit {other:?} with --time-limit {limit}: {line}"),
        }
    }
}

/// A run killed mid-solve (as a batch scheduler may do) leaves the previous
/// outputs as they were, and no temporary file behind. The run is held by
/// a test hook at the start of solving, so the kill lands there however
/// fast the machine is.
#[test]
fn a_run_killed_mid_solve_leaves_the_previous_outputs_untouched() {
    let (sample, before) = solved_sample();
    let mut child = rotaplan()
        .arg("solve")
        .arg(sample.data())
        .args(["--as-of", cli_support::AS_OF, "--quiet"])
        .env(rotaplan::hooks::VARIABLE, "hold@solve")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    while !line.contains(rotaplan::hooks::HOLDING) {
        line.clear();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "the run ended first"
        );
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert_untouched(&sample.out(), &before);
    assert!(cli_support::leftovers(&sample.out()).is_empty());
}

/// The outputs cannot be written (the disk is full, injected at the
/// first file): exit 4, the log line says `error` with no `out`, and the
/// previous outputs are still there, unchanged.
#[test]
fn a_failed_write_leaves_the_previous_outputs_untouched() {
    let (sample, before) = solved_sample();
    let output = rotaplan()
        .arg("solve")
        .arg(sample.data())
        .args(["--as-of", cli_support::AS_OF, "--log-json"])
        .env(rotaplan::hooks::VARIABLE, "fail@publish:write")
        .output()
        .unwrap();
    assert_exit(&output, 4);
    assert!(
        stderr(&output).contains("No space left"),
        "{}",
        stderr(&output)
    );
    let line = log_line(&output);
    assert_log_shape(&line, "error", 4);
    assert!(line["out"].is_null(), "{line}");
    assert_untouched(&sample.out(), &before);
}

#[test]
fn quiet_prints_nothing_on_stdout() {
    let sample = Sample::new();
    let output = solve(&sample.data(), &["--quiet"]);
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), "");
    assert!(sample.out().join("roster.csv").is_file());

    break_teachers(&sample);
    let output = solve(&sample.data(), &["--quiet"]);
    assert_exit(&output, 1);
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).contains("teachers.csv"),
        "errors still go to stderr"
    );
}

#[test]
fn log_json_prints_one_line_on_success() {
    let sample = Sample::new();
    let output = solve(&sample.data(), &["--log-json"]);
    assert_exit(&output, 0);
    let line = log_line(&output);
    assert_log_shape(&line, "optimal", 0);
    let summary = cli_support::summary(&sample.out());
    assert_eq!(line["exchanges"], summary["exchanges"]["total"]);
    assert_eq!(line["shortage_before"], summary["shortage_before"]);
    assert_eq!(line["shortage_after"], summary["shortage_after"]);
    assert!(line["changes"].is_null());
    assert_eq!(
        line["out"].as_str().map(Path::new),
        Some(sample.out().as_path())
    );
    assert!(line["wall_seconds"].as_f64() >= line["solve_seconds"].as_f64());

    // A re-optimization reports its changes; --quiet does not silence the line.
    let previous = sample.file("previous.csv");
    std::fs::copy(sample.out().join("roster.csv"), &previous).unwrap();
    sample.set_teacher("T000005", "exempt", "病假");
    let output = solve(
        &sample.data(),
        &[
            "--log-json",
            "--quiet",
            "--previous",
            previous.to_str().unwrap(),
        ],
    );
    assert_exit(&output, 0);
    let line = log_line(&output);
    assert_log_shape(&line, "optimal", 0);
    let changes = &cli_support::summary(&sample.out())["changed_vs_previous"];
    for key in ["added", "removed", "moved"] {
        assert_eq!(line["changes"][key], changes[key], "{line}");
    }
}

#[test]
fn log_json_prints_one_line_on_failure() {
    let sample = Sample::new();
    let missing = sample.file("no such folder");
    let output = rotaplan()
        .arg("solve")
        .arg(&missing)
        .arg("--log-json")
        .output()
        .unwrap();
    assert_exit(&output, 1);
    let line = log_line(&output);
    assert_log_shape(&line, "invalid_input", 1);
    assert!(line["out"].is_null() && line["changes"].is_null());

    add_impossible_lock(&sample);
    let output = solve(&sample.data(), &["--log-json"]);
    assert_exit(&output, 2);
    let line = log_line(&output);
    assert_log_shape(&line, "infeasible", 2);
    assert!(line["out"].is_null());

    break_teachers(&sample);
    let output = solve(&sample.data(), &["--log-json"]);
    assert_exit(&output, 1);
    assert_log_shape(&log_line(&output), "invalid_input", 1);
    assert!(!sample.out().exists(), "nothing is written on failure");
}

/// A command line clap rejects (a misspelt flag) is invalid input: exit 1,
/// clap's message on stderr, and still the one log line on stdout, naming
/// the data folder.
#[test]
fn log_json_prints_one_line_on_a_usage_error() {
    let sample = Sample::new();
    let output = rotaplan()
        .arg("solve")
        .arg(sample.data())
        .args(["--log-json", "--time-limimt", "5"])
        .output()
        .unwrap();
    assert_exit(&output, 1);
    assert!(String::from_utf8_lossy(&output.stderr).contains("--time-limimt"));
    let line = log_line(&output);
    assert_log_shape(&line, "invalid_input", 1);
    assert_eq!(line["data"], sample.data().display().to_string());
    assert!(!sample.out().exists());
}

/// `rotaplan solve … | head -1`: the reader goes away at once; the run still
/// writes its outputs and exits 0. The same with stderr closed too (`2>&1 |
/// head -1`), with a warning to print there.
#[test]
fn a_closed_stdout_does_not_stop_the_run() {
    let sample = Sample::new();
    // An unknown column: a warning on stderr.
    let path = sample.data().join("schools.csv");
    let schools = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = schools.lines().map(|l| format!("{l},x")).collect();
    lines[0] = format!("{},remark", lines[0].trim_end_matches(",x"));
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();

    for close_stderr in [false, true] {
        let _ = std::fs::remove_dir_all(sample.out());
        let started = Instant::now();
        let mut child = rotaplan()
            .arg("solve")
            .arg(sample.data())
            .args(["--as-of", cli_support::AS_OF])
            .stdout(Stdio::piped())
            .stderr(if close_stderr {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(
            status.code(),
            Some(0),
            "closed stderr: {close_stderr}, after {:?}",
            started.elapsed()
        );
        for name in OUTPUTS {
            assert!(sample.out().join(name).is_file(), "{name} not written");
        }
    }
}
