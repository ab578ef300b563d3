//! The output set under attack (SPEC §4, issue 14): a run killed at each
//! step of publishing leaves one complete run's set, old or new; a second
//! run into the same folder waits for the first; the files get the
//! permissions the umask gives. Kills and pauses come from the binary's
//! test hooks (`rotaplan::hooks`), so nothing here depends on timing.

mod cli_support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Stdio};

use cli_support::{assert_exit, leftovers, rotaplan, snapshot, solve, Sample, AS_OF};
use rotaplan::hooks;

/// A sample solved once (the old set), and the set a second, different run
/// writes (one of the old roster's teachers is made exempt), found on a
/// separate copy so that the folder under test is untouched.
struct Sets {
    sample: Sample,
    old: BTreeMap<String, Vec<u8>>,
    new_roster: Vec<u8>,
    new_coverage: Vec<u8>,
}

fn make_exempt(sample: &Sample, teacher: &str) {
    sample.set_teacher(teacher, "exempt", "病假");
}

fn sets() -> Sets {
    let sample = Sample::new();
    assert_exit(&solve(&sample.data(), &[]), 0);
    let old = snapshot(&sample.out());
    let roster = cli_support::read_csv(&sample.out().join("roster.csv"));
    let teacher = roster
        .iter()
        .find(|row| !row["reasons"].contains("locked"))
        .unwrap()["teacher_id"]
        .clone();
    make_exempt(&sample, &teacher);

    let reference = Sample::new();
    make_exempt(&reference, &teacher);
    assert_exit(&solve(&reference.data(), &[]), 0);
    let new_roster = std::fs::read(reference.out().join("roster.csv")).unwrap();
    assert!(new_roster != old["roster.csv"], "the two runs must differ");
    Sets {
        new_coverage: std::fs::read(reference.out().join("coverage.csv")).unwrap(),
        new_roster,
        old,
        sample,
    }
}

fn solve_with_hook(data: &Path, hook: &str) -> std::process::Output {
    rotaplan()
        .arg("solve")
        .arg(data)
        .args(["--as-of", AS_OF])
        .env(hooks::VARIABLE, hook)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// The folder holds the new set: roster and coverage of the new run, and
/// a summary that counts that roster's rows.
fn assert_new_set(out: &Path, sets: &Sets) {
    let now = snapshot(out);
    assert_eq!(
        now.keys().collect::<Vec<_>>(),
        sets.old.keys().collect::<Vec<_>>()
    );
    assert!(
        now["roster.csv"] == sets.new_roster,
        "roster is not the new one"
    );
    assert!(
        now["coverage.csv"] == sets.new_coverage,
        "coverage is not the new one"
    );
    let summary: serde_json::Value = serde_json::from_slice(&now["summary.json"]).unwrap();
    let rows = cli_support::read_csv(&out.join("roster.csv")).len();
    assert_eq!(summary["exchanges"]["total"], rows as u64);
}

#[test]
fn a_run_killed_at_any_step_of_publishing_leaves_one_whole_set() {
    // Before the switch a reader sees the old set, from it on the new one.
    let steps = [
        ("publish:write", false),
        ("publish:written", false),
        ("publish:linked", false),
        ("publish:switched", true),
    ];
    for (step, new) in steps {
        let sets = sets();
        let out = sets.sample.out();
        let killed = solve_with_hook(&sets.sample.data(), &format!("abort@{step}"));
        assert!(!killed.status.success(), "{step}: the hook did not fire");
        if new {
            assert_new_set(&out, &sets);
        } else {
            assert!(snapshot(&out) == sets.old, "{step}: the old set changed");
        }
        // The next run heals the folder and publishes the new set.
        assert_exit(&solve(&sets.sample.data(), &[]), 0);
        assert_new_set(&out, &sets);
        assert!(leftovers(&out).is_empty(), "{step}: {:?}", leftovers(&out));
    }
}

#[test]
fn a_folder_of_plain_files_is_taken_over_without_a_mixed_set() {
    for step in ["publish:adopted", "publish:linked"] {
        let sets = sets();
        let out = sets.sample.out();
        // The layout of earlier versions: the files themselves.
        for (name, bytes) in &sets.old {
            let path = out.join(name);
            std::fs::remove_file(&path).unwrap();
            std::fs::write(&path, bytes).unwrap();
        }
        for entry in std::fs::read_dir(&out).unwrap() {
            let path = entry.unwrap().path();
            if path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".gen-")
            {
                std::fs::remove_dir_all(&path).unwrap();
            }
        }
        std::fs::remove_file(out.join(".current")).unwrap();
        let killed = solve_with_hook(&sets.sample.data(), &format!("abort@{step}"));
        assert!(!killed.status.success(), "{step}: the hook did not fire");
        assert!(snapshot(&out) == sets.old, "{step}: the old set changed");
        assert_exit(&solve(&sets.sample.data(), &[]), 0);
        assert_new_set(&out, &sets);
    }
}

/// A failed write (a full disk, injected) changes nothing and says so.
#[test]
fn a_write_error_keeps_the_old_set() {
    let sets = sets();
    let out = sets.sample.out();
    let failed = solve_with_hook(&sets.sample.data(), "fail@publish:write");
    assert_exit(&failed, 4);
    let stderr = cli_support::stderr(&failed);
    assert!(
        stderr.contains("roster.csv") && stderr.contains("injected"),
        "{stderr}"
    );
    assert!(snapshot(&out) == sets.old);
    assert!(leftovers(&out).is_empty());
}

/// Reads `child`'s stderr until a line containing `needle`, and returns the
/// reader for more.
fn wait_for_line(child: &mut Child, needle: &str) -> String {
    let stderr = child.stderr.as_mut().unwrap();
    let mut reader = BufReader::new(stderr);
    let mut line = String::new();
    loop {
        line.clear();
        let read = reader.read_line(&mut line).unwrap();
        assert!(read > 0, "stderr closed before {needle:?}");
        if line.contains(needle) {
            return line;
        }
    }
}

/// Two runs into one folder: the second waits for the first (it says so),
/// then writes its own whole set; nothing interleaves.
#[test]
fn a_second_run_into_the_same_folder_waits_for_the_first() {
    let sets = sets();
    let data = sets.sample.data();
    let spawn = |hook: Option<&str>, data: &Path| {
        let mut command = rotaplan();
        command
            .arg("solve")
            .arg(data)
            .args(["--as-of", AS_OF, "--quiet"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(hook) = hook {
            command.env(hooks::VARIABLE, hook);
        }
        command.spawn().unwrap()
    };
    // The first run holds the lock (and is paused there); the data it
    // reads is the new data (teacher exempt).
    let mut first = spawn(Some("hold@lock:held"), &data);
    wait_for_line(&mut first, hooks::HOLDING);
    // The second writes to the same folder from a copy of the old data.
    let old_data = Sample::new();
    let mut second = rotaplan();
    second
        .arg("solve")
        .arg(old_data.data())
        .args(["--as-of", AS_OF, "--quiet", "--out"])
        .arg(sets.sample.out())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut second = second.spawn().unwrap();
    let waiting = wait_for_line(&mut second, "waiting");
    assert!(
        waiting.contains(&first.id().to_string()) && waiting.contains("another rotaplan run"),
        "{waiting}"
    );
    // Release the first; the second then runs, after it.
    first.stdin.take().unwrap().write_all(b"\n").unwrap();
    assert!(first.wait().unwrap().success());
    assert!(second.wait().unwrap().success());
    let now = snapshot(&sets.sample.out());
    assert!(
        now["roster.csv"] == sets.old["roster.csv"],
        "the second run's set is last"
    );
    assert!(now["coverage.csv"] == sets.old["coverage.csv"]);
}

#[cfg(unix)]
#[test]
fn outputs_have_the_permissions_the_umask_gives() {
    use std::os::unix::fs::PermissionsExt;
    for (umask, file_mode, dir_mode) in [("022", 0o644, 0o755), ("077", 0o600, 0o700)] {
        let sample = Sample::new();
        let out = sample.out();
        let script = format!(
            "umask {umask} && exec \"$0\" solve \"$1\" --as-of {AS_OF} --quiet --out \"$2\""
        );
        let bin = std::env::var_os("ROTAPLAN_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_rotaplan").into());
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(&script)
            .arg(&bin)
            .arg(sample.data())
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success());
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out), dir_mode, "umask {umask}: the folder");
        assert_eq!(
            mode(&out.join(".current")),
            dir_mode,
            "umask {umask}: generation"
        );
        for name in cli_support::OUTPUTS {
            assert_eq!(mode(&out.join(name)), file_mode, "umask {umask}: {name}");
        }
    }
}
