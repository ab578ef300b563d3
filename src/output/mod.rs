//! The output layer (SPEC §4): `roster.csv`, `coverage.csv`,
//! `summary.json`, `roster.xlsx` and `report.html`, rendered in memory and written
//! atomically, plus the plain-text table `solve` prints.
//!
//! Rendering and writing are separate: the renderers are pure functions of
//! their rows (same rows, same bytes — the spec wants byte-identical CSV
//! files from identical runs), and [`set::OutputLock::publish`] only moves
//! bytes to disk, the whole set or nothing (see [`set`] for the guarantee).

pub(crate) mod atomic;
pub(crate) mod coverage;
pub(crate) mod csv_safe;
pub(crate) mod html;
pub(crate) mod roster;
pub(crate) mod set;
pub(crate) mod summary;
pub(crate) mod table;
pub(crate) mod workbook;

pub(crate) use atomic::write_atomically;
pub(crate) use coverage::{render_coverage, CoverageRow, COVERAGE_HEADER};
pub(crate) use csv_safe::{escape_formula, unescape_formula};
pub(crate) use roster::{bool_cell, distance_cell, render_roster, sort_roster};
pub(crate) use set::OutputLock;
pub use summary::Status;
pub(crate) use summary::{
    render_summary, AllianceFigures, Change, ChangeKind, Changes, ExchangeCounts, Fairness,
    ModelStats, QuotaFigures, Summary,
};
pub(crate) use table::summary_table;
pub(crate) use workbook::{render_workbook, Movement, Movements, WorkbookFacts};

/// File names inside the output directory (SPEC §4, §5).
pub(crate) const ROSTER_FILE: &str = "roster.csv";
pub(crate) const COVERAGE_FILE: &str = "coverage.csv";
pub(crate) const SUMMARY_FILE: &str = "summary.json";
pub(crate) const REPORT_FILE: &str = "report.html";
pub(crate) const WORKBOOK_FILE: &str = "roster.xlsx";
