//! A batch split across machines (SPEC §5, issue 13): `solve --county`
//! solves one shard of the counties, `merge` puts the shards' outputs
//! together into what one run over all counties writes — byte for byte for
//! the roster, the coverage and the report page, and field for field for
//! the summary except the three fields that describe runs rather than the
//! roster (`solve_seconds`, `model.build_seconds`, and `objective` up to
//! floating-point rounding; see `src/batch/merge.rs`).

mod cli_support;

use std::path::{Path, PathBuf};

use cli_support::{assert_exit, edit_csv, read_csv, rotaplan, solve, stderr, stdout};
use serde_json::Value;

const FILES: [&str; 3] = ["roster.csv", "coverage.csv", "report.html"];

/// Three small generated counties.
struct Batch {
    dir: tempfile::TempDir,
    counties: Vec<String>,
}

impl Batch {
    fn new() -> Batch {
        let dir = tempfile::tempdir().unwrap();
        let generated = rotaplan()
            .args(["generate", "--counties", "3", "--schools-per-county", "8"])
            .args(["--teachers-per-school", "14", "--seed", "11"])
            .arg(dir.path().join("data"))
            .output()
            .unwrap();
        assert_exit(&generated, 0);
        let mut counties: Vec<String> = read_csv(&dir.path().join("data/schools.csv"))
            .into_iter()
            .map(|row| row["county"].clone())
            .collect();
        counties.sort();
        counties.dedup();
        assert_eq!(counties.len(), 3);
        Batch { dir, counties }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `solve DATA --county C … --out OUT`; one solver thread, so that
    /// shard and whole run solve each county the same way.
    fn solve(&self, counties: &[&str], out: &str) -> std::process::Output {
        let mut args = vec!["--threads", "1", "--out"];
        let out = self.out(out);
        args.push(out.to_str().unwrap());
        for county in counties {
            args.extend(["--county", county]);
        }
        solve(&self.data(), &args)
    }

    fn merge(&self, shards: &[&str], out: &str) -> std::process::Output {
        rotaplan()
            .arg("merge")
            .args(shards.iter().map(|s| self.out(s)))
            .arg("--out")
            .arg(self.out(out))
            .output()
            .unwrap()
    }

    /// Marries a teacher of the first county to one of the second.
    fn couple_across_first_two_counties(&self) -> (String, String) {
        let schools = read_csv(&self.data().join("schools.csv"));
        let county_of = |school: &str| {
            schools
                .iter()
                .find(|s| s["id"] == school)
                .map(|s| s["county"].clone())
                .unwrap()
        };
        let teachers = read_csv(&self.data().join("teachers.csv"));
        let single_in = |county: &str| {
            teachers
                .iter()
                .find(|t| t["spouse_id"].is_empty() && county_of(&t["school_id"]) == county)
                .map(|t| t["id"].clone())
                .unwrap()
        };
        let (a, b) = (single_in(&self.counties[0]), single_in(&self.counties[1]));
        let married = edit_csv(&self.data().join("teachers.csv"), |row| {
            let spouse = if row["id"] == a {
                &b
            } else if row["id"] == b {
                &a
            } else {
                return false;
            };
            row.insert("spouse_id".into(), spouse.clone());
            true
        });
        assert_eq!(married, 2);
        (a, b)
    }
}

fn summary(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap()
}

/// The summary without the fields that describe runs (checked apart).
fn roster_figures(mut summary: Value) -> Value {
    let object = summary.as_object_mut().unwrap();
    object.remove("solve_seconds");
    object.remove("objective");
    object["model"]
        .as_object_mut()
        .unwrap()
        .remove("build_seconds");
    summary
}

/// The merged folder holds what the whole run wrote.
fn assert_same_as_whole_run(whole: &Path, merged: &Path) {
    for file in FILES {
        let (a, b) = (
            std::fs::read(whole.join(file)).unwrap(),
            std::fs::read(merged.join(file)).unwrap(),
        );
        assert!(
            a == b,
            "{file} differs:\n--- one run\n{}\n--- merged\n{}",
            String::from_utf8_lossy(&a),
            String::from_utf8_lossy(&b)
        );
    }
    let (whole, merged) = (summary(whole), summary(merged));
    let (a, b) = (
        whole["objective"].as_f64().unwrap(),
        merged["objective"].as_f64().unwrap(),
    );
    assert!(
        (a - b).abs() <= 1e-9 * a.abs().max(1.0),
        "objective {a} vs {b}"
    );
    assert_eq!(roster_figures(whole), roster_figures(merged));
}

#[test]
fn merging_two_shards_gives_what_one_run_writes() {
    let batch = Batch::new();
    let [c1, c2, c3] = [0, 1, 2].map(|i| batch.counties[i].as_str());
    assert_exit(&batch.solve(&[], "whole"), 0);
    assert_exit(&batch.solve(&[c2], "shard-a"), 0);
    assert_exit(&batch.solve(&[c3, c1], "shard-b"), 0);

    let shard = summary(&batch.out("shard-a"));
    assert_eq!(shard["counties"], 1);
    assert_eq!(
        shard["quota"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        [c2]
    );
    let whole = summary(&batch.out("whole"));
    assert!(whole["exchanges"]["total"].as_u64().unwrap() > 0);
    assert!(shard["exchanges"]["total"].as_u64() < whole["exchanges"]["total"].as_u64());

    let merged = batch.merge(&["shard-a", "shard-b"], "merged");
    assert_exit(&merged, 0);
    assert!(
        stdout(&merged).contains("3 counties"),
        "{}",
        stdout(&merged)
    );
    assert_same_as_whole_run(&batch.out("whole"), &batch.out("merged"));
}

#[test]
fn a_county_tied_by_a_couple_is_solved_with_its_partner() {
    let batch = Batch::new();
    let (a, b) = batch.couple_across_first_two_counties();
    let [c1, c2, c3] = [0, 1, 2].map(|i| batch.counties[i].as_str());
    assert_exit(&batch.solve(&[], "whole"), 0);

    let tied = batch.solve(&[c2], "tied");
    assert_exit(&tied, 0);
    let note = format!(
        "county {c1} is solved with county {c2}: teachers {b} and {a} are a couple (rule 8)"
    );
    assert!(stderr(&tied).contains(&note), "{}", stderr(&tied));
    let shard = summary(&batch.out("tied"));
    assert_eq!(shard["counties"], 2);
    assert_eq!(
        shard["quota"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        [c1, c2]
    );

    // The partner county is not solved twice: a shard that also has it
    // cannot be merged with this one.
    assert_exit(&batch.solve(&[c1], "again"), 0);
    let overlap = batch.merge(&["tied", "again"], "bad");
    assert_exit(&overlap, 1);
    assert!(
        stderr(&overlap).contains(&format!("county {c1} is in both")),
        "{}",
        stderr(&overlap)
    );
    assert!(!batch.out("bad").exists());

    assert_exit(&batch.solve(&[c3], "rest"), 0);
    assert_exit(&batch.merge(&["tied", "rest"], "merged"), 0);
    assert_same_as_whole_run(&batch.out("whole"), &batch.out("merged"));
}

#[test]
fn an_unknown_county_is_named_and_nothing_is_solved() {
    let batch = Batch::new();
    let output = batch.solve(&[&batch.counties[0], "无此县"], "out");
    assert_exit(&output, 1);
    assert!(
        stderr(&output).contains("\"无此县\""),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains(&batch.counties[2]),
        "{}",
        stderr(&output)
    );
    assert!(!batch.out("out").exists());
}

#[test]
fn a_shard_missing_a_file_cannot_be_merged() {
    let batch = Batch::new();
    assert_exit(&batch.solve(&[&batch.counties[0]], "one"), 0);
    std::fs::remove_file(batch.out("one/roster.csv")).unwrap();
    let output = batch.merge(&["one"], "merged");
    assert_exit(&output, 1);
    assert!(
        stderr(&output).contains("roster.csv"),
        "{}",
        stderr(&output)
    );
    assert!(!batch.out("merged").exists());
}
