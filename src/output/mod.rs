//! The output layer (SPEC §4): `roster.csv`, `coverage.csv` and
//! `summary.json`, rendered in memory and written atomically, plus the
//! plain-text table `solve` prints.
//!
//! Rendering and writing are separate: the renderers are pure functions of
//! their rows (same rows, same bytes — the spec wants byte-identical CSV
//! files from identical runs), and [`write_outputs`] only moves bytes to
//! disk, all three files or none.

pub mod atomic;
pub mod coverage;
pub mod csv_safe;
pub mod roster;
pub mod summary;
pub mod table;

use std::io;
use std::path::Path;

pub use atomic::{write_all_atomically, write_atomically};
pub use coverage::{render_coverage, CoverageRow, COVERAGE_HEADER};
pub use csv_safe::{escape_formula, unescape_formula};
pub use roster::{bool_cell, distance_cell, render_roster, sort_roster};
pub use summary::{
    render_summary, AllianceFigures, Change, ChangeKind, Changes, ExchangeCounts, Fairness,
    ModelStats, QuotaFigures, Status, Summary,
};
pub use table::summary_table;

/// File names inside the output directory (SPEC §4, §5).
pub const ROSTER_FILE: &str = "roster.csv";
pub const COVERAGE_FILE: &str = "coverage.csv";
pub const SUMMARY_FILE: &str = "summary.json";

/// Writes the three rendered outputs into `out_dir` (created if missing) as
/// one set: either all three are replaced or, as far as the filesystem
/// allows, none is (see [`atomic`]).
pub fn write_outputs(
    out_dir: &Path,
    roster: &[u8],
    coverage: &[u8],
    summary: &[u8],
) -> io::Result<()> {
    atomic::write_set(&[
        (&out_dir.join(ROSTER_FILE), roster),
        (&out_dir.join(COVERAGE_FILE), coverage),
        (&out_dir.join(SUMMARY_FILE), summary),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn writes_the_three_files_and_replaces_them_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_outputs(&out, b"r1", b"c1", b"s1").unwrap();
        write_outputs(&out, b"r2", b"c2", b"s2").unwrap();
        assert_eq!(fs::read(out.join(ROSTER_FILE)).unwrap(), b"r2");
        assert_eq!(fs::read(out.join(COVERAGE_FILE)).unwrap(), b"c2");
        assert_eq!(fs::read(out.join(SUMMARY_FILE)).unwrap(), b"s2");
        assert_eq!(fs::read_dir(&out).unwrap().count(), 3);
    }

    #[test]
    fn a_failure_on_the_last_file_keeps_the_old_set() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        write_outputs(out, b"old r", b"old c", b"").unwrap();
        fs::remove_file(out.join(SUMMARY_FILE)).unwrap();
        fs::create_dir(out.join(SUMMARY_FILE)).unwrap();
        fs::write(out.join(SUMMARY_FILE).join("x"), b"x").unwrap();

        let err = write_outputs(out, b"new r", b"new c", b"new s").unwrap_err();
        assert!(err.to_string().contains(SUMMARY_FILE), "{err}");
        assert_eq!(fs::read(out.join(ROSTER_FILE)).unwrap(), b"old r");
        assert_eq!(fs::read(out.join(COVERAGE_FILE)).unwrap(), b"old c");
        assert_eq!(fs::read_dir(out).unwrap().count(), 3);
    }
}
