//! The output layer (SPEC §4): `roster.csv`, `coverage.csv`,
//! `summary.json`, `roster.xlsx` and `report.html`, rendered in memory and written
//! atomically, plus the plain-text table `solve` prints.
//!
//! Rendering and writing are separate: the renderers are pure functions of
//! their rows (same rows, same bytes — the spec wants byte-identical CSV
//! files from identical runs), and [`set::OutputLock::publish`] only moves
//! bytes to disk, the whole set or nothing (see [`set`] for the guarantee).

pub mod atomic;
pub mod coverage;
pub mod csv_safe;
pub mod html;
pub mod roster;
pub mod set;
pub mod summary;
pub mod table;
pub mod workbook;

pub use atomic::write_atomically;
pub use coverage::{render_coverage, CoverageRow, COVERAGE_HEADER};
pub use csv_safe::{escape_formula, unescape_formula};
pub use roster::{bool_cell, distance_cell, render_roster, sort_roster};
pub use set::OutputLock;
pub use summary::{
    render_summary, AllianceFigures, Change, ChangeKind, Changes, ExchangeCounts, Fairness,
    ModelStats, QuotaFigures, Status, Summary,
};
pub use table::summary_table;
pub use workbook::{render_workbook, Movement, Movements, WorkbookFacts};

/// File names inside the output directory (SPEC §4, §5).
pub const ROSTER_FILE: &str = "roster.csv";
pub const COVERAGE_FILE: &str = "coverage.csv";
pub const SUMMARY_FILE: &str = "summary.json";
pub const REPORT_FILE: &str = "report.html";
pub const WORKBOOK_FILE: &str = "roster.xlsx";
