//! Driving the `rotaplan` binary on copies of `data/sample` (the realistic
//! county whose policy fixes the horizon 2027-autumn/2028-spring), and
//! reading and editing the CSV files it reads and writes.
#![allow(dead_code)] // each test file uses a different part

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `--as-of` of a first planning run: before the horizon starts.
pub const AS_OF: &str = "2026-11-23";

/// Hidden entries that only a run cut short leaves (half-made generations
/// and links of the output set): none must be left after a run ends.
pub fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".tmp-"))
        .collect()
}

/// The files `solve` writes.
pub const OUTPUTS: [&str; 5] = [
    "roster.csv",
    "coverage.csv",
    "summary.json",
    "report.html",
    "roster.xlsx",
];

/// The binary under test: cargo's, or `ROTAPLAN_BIN` when set (for when
/// several checkouts share one target dir, whose `debug/rotaplan` is the
/// last one any of them built). Its messages are in English whatever the
/// machine's locale (tests that want Chinese pass `--lang zh`).
pub fn rotaplan() -> Command {
    let mut command = match std::env::var_os("ROTAPLAN_BIN") {
        Some(bin) => Command::new(bin),
        None => Command::new(env!("CARGO_BIN_EXE_rotaplan")),
    };
    command.env("LC_ALL", "C");
    command
}

/// Runs `rotaplan ARGS…` to completion.
pub fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    rotaplan().args(args).output().unwrap()
}

/// `rotaplan solve DATA --as-of AS_OF EXTRA…`.
pub fn solve(data: &Path, extra: &[&str]) -> Output {
    rotaplan()
        .arg("solve")
        .arg(data)
        .args(["--as-of", AS_OF])
        .args(extra)
        .output()
        .unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts the exit code, showing the run's output when it differs.
pub fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
}

/// A copy of `data/sample` (input files only) in a fresh temp dir, at
/// `TEMP/data`.
pub struct Sample {
    pub dir: tempfile::TempDir,
}

impl Sample {
    pub fn new() -> Sample {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
        for entry in std::fs::read_dir(&sample).unwrap() {
            let path = entry.unwrap().path();
            let keep = path.extension().is_some_and(|e| e == "csv" || e == "toml");
            if path.is_file() && keep {
                std::fs::copy(&path, data.join(path.file_name().unwrap())).unwrap();
            }
        }
        Sample { dir }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn out(&self) -> PathBuf {
        self.data().join("out")
    }

    /// A path in the temp dir, outside the data and output folders.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Solves, asserts exit 0, and copies the roster to `name` (outside the
    /// output folder) for a later `--previous`.
    pub fn solve_and_keep(&self, name: &str) -> PathBuf {
        let output = solve(&self.data(), &[]);
        assert_exit(&output, 0);
        let kept = self.file(name);
        std::fs::copy(self.out().join("roster.csv"), &kept).unwrap();
        kept
    }

    pub fn set_teacher(&self, teacher_id: &str, column: &str, value: &str) {
        let changed = edit_csv(&self.data().join("teachers.csv"), |row| {
            if row["id"] == teacher_id {
                row.insert(column.into(), value.into());
                true
            } else {
                false
            }
        });
        assert_eq!(changed, 1, "teacher {teacher_id} not found");
    }
}

/// A CSV row by column name.
pub type Row = BTreeMap<String, String>;

pub fn read_csv(path: &Path) -> Vec<Row> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Rewrites a CSV file, keeping its column order; `edit` returns whether
/// it changed the row. Returns how many rows it changed.
pub fn edit_csv(path: &Path, mut edit: impl FnMut(&mut Row) -> bool) -> usize {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let mut rows: Vec<Row> = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        rows.push(
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect(),
        );
    }
    let changed = rows.iter_mut().map(&mut edit).filter(|&hit| hit).count();
    let mut writer = csv::Writer::from_path(path).unwrap();
    writer.write_record(&headers).unwrap();
    for row in &rows {
        writer
            .write_record(headers.iter().map(|h| row[h].as_str()))
            .unwrap();
    }
    writer.flush().unwrap();
    changed
}

/// Every visible entry of a folder with the bytes a reader gets (through
/// the output set's links; a sub-folder as empty bytes), to compare a
/// folder before and after a run, stray files included. Hidden entries are
/// the output set's machinery (see `rotaplan::output::set`).
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|entry| {
            !entry
                .as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with('.'))
        })
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = if path.is_file() {
                std::fs::read(&path).unwrap()
            } else {
                Vec::new()
            };
            (name, bytes)
        })
        .collect()
}

/// The roster columns that make an exchange; the others only describe it.
pub const EXCHANGE_COLUMNS: [&str; 6] = [
    "kind",
    "subject",
    "home_school_id",
    "host_school_id",
    "start_term",
    "end_term",
];

/// A roster row's exchange, without the columns that only describe it.
pub fn exchange_of(row: &Row) -> String {
    EXCHANGE_COLUMNS
        .iter()
        .map(|c| row[*c].as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each teacher's exchange in a roster file.
pub fn exchanges(roster: &Path) -> BTreeMap<String, String> {
    read_csv(roster)
        .iter()
        .map(|row| (row["teacher_id"].clone(), exchange_of(row)))
        .collect()
}

/// Teachers whose exchange differs between two rosters (added, removed or
/// changed).
pub fn changed_teachers(before: &Path, after: &Path) -> Vec<String> {
    let (before, after) = (exchanges(before), exchanges(after));
    let mut ids: Vec<String> = before.keys().chain(after.keys()).cloned().collect();
    ids.sort();
    ids.dedup();
    ids.retain(|id| before.get(id) != after.get(id));
    ids
}

pub fn summary(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap()
}
