//! The output layer (SPEC §4): `roster.csv`, `coverage.csv`,
//! `summary.json` and `report.html`, rendered in memory and written
//! atomically, plus the plain-text table `solve` prints.
//!
//! Rendering and writing are separate: the renderers are pure functions of
//! their rows (same rows, same bytes — the spec wants byte-identical CSV
//! files from identical runs), and [`write_outputs`] only moves bytes to
//! disk, all the files or none.

pub mod atomic;
pub mod coverage;
pub mod csv_safe;
pub mod html;
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
pub const REPORT_FILE: &str = "report.html";

/// The rendered outputs of a run, one field per file.
pub struct Rendered {
    pub roster: Vec<u8>,
    pub coverage: Vec<u8>,
    pub summary: Vec<u8>,
    pub report_html: Vec<u8>,
}

/// Writes the rendered outputs into `out_dir` (created if missing) as one
/// set: either all are replaced or, as far as the filesystem allows, none
/// is (see [`atomic`]).
pub fn write_outputs(out_dir: &Path, rendered: &Rendered) -> io::Result<()> {
    atomic::write_set(&[
        (&out_dir.join(ROSTER_FILE), &rendered.roster),
        (&out_dir.join(COVERAGE_FILE), &rendered.coverage),
        (&out_dir.join(SUMMARY_FILE), &rendered.summary),
        (&out_dir.join(REPORT_FILE), &rendered.report_html),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn rendered(tag: &str) -> Rendered {
        let bytes = |file: &str| format!("{tag} {file}").into_bytes();
        Rendered {
            roster: bytes("r"),
            coverage: bytes("c"),
            summary: bytes("s"),
            report_html: bytes("h"),
        }
    }

    #[test]
    fn writes_every_file_and_replaces_them_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_outputs(&out, &rendered("1")).unwrap();
        write_outputs(&out, &rendered("2")).unwrap();
        assert_eq!(fs::read(out.join(ROSTER_FILE)).unwrap(), b"2 r");
        assert_eq!(fs::read(out.join(COVERAGE_FILE)).unwrap(), b"2 c");
        assert_eq!(fs::read(out.join(SUMMARY_FILE)).unwrap(), b"2 s");
        assert_eq!(fs::read(out.join(REPORT_FILE)).unwrap(), b"2 h");
        assert_eq!(fs::read_dir(&out).unwrap().count(), 4);
    }

    #[test]
    fn a_failure_on_the_last_file_keeps_the_old_set() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        write_outputs(out, &rendered("old")).unwrap();
        fs::remove_file(out.join(REPORT_FILE)).unwrap();
        fs::create_dir(out.join(REPORT_FILE)).unwrap();
        fs::write(out.join(REPORT_FILE).join("x"), b"x").unwrap();

        let err = write_outputs(out, &rendered("new")).unwrap_err();
        assert!(err.to_string().contains(REPORT_FILE), "{err}");
        assert_eq!(fs::read(out.join(ROSTER_FILE)).unwrap(), b"old r");
        assert_eq!(fs::read(out.join(COVERAGE_FILE)).unwrap(), b"old c");
        assert_eq!(fs::read(out.join(SUMMARY_FILE)).unwrap(), b"old s");
        assert_eq!(fs::read_dir(out).unwrap().count(), 4);
    }
}
