//! The roster file (`roster.csv`, SPEC §4) as rows of text: what the solver
//! writes, and what `check` and `solve --previous` read back (perhaps after a
//! person edited it in a spreadsheet).

use serde::{Deserialize, Serialize};

/// The roster's header, in the order the spec fixes.
pub const HEADER: [&str; 13] = [
    "teacher_id",
    "teacher_name",
    "kind",
    "subject",
    "home_school_id",
    "host_school_id",
    "start_term",
    "end_term",
    "start_date",
    "end_date",
    "distance_km",
    "needs_bed",
    "reasons",
];

/// The same columns by their Chinese names (SPEC §4): what the roster
/// readers accept and what `roster.xlsx` shows in Chinese.
pub const HEADER_ZH: [&str; 13] = [
    "工号",
    "姓名",
    "交流类型",
    "学科",
    "派出学校代码",
    "接收学校代码",
    "开始学期",
    "结束学期",
    "开始日期",
    "结束日期",
    "距离公里",
    "需要宿舍",
    "原因",
];

/// One row of `roster.csv`, field for field.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RosterRow {
    pub teacher_id: String,
    pub teacher_name: String,
    pub kind: String,
    pub subject: String,
    pub home_school_id: String,
    pub host_school_id: String,
    pub start_term: String,
    pub end_term: String,
    pub start_date: String,
    pub end_date: String,
    pub distance_km: String,
    pub needs_bed: String,
    /// `;`-separated reason codes (`overdue:8y`, `backbone`, `locked`, …).
    pub reasons: String,
}

impl RosterRow {
    /// A row from its cells in [`HEADER`] order (as [`RosterRow::cells`]
    /// gives them); `None` unless there are exactly as many.
    pub(crate) fn from_cells(cells: Vec<String>) -> Option<RosterRow> {
        let [teacher_id, teacher_name, kind, subject, home_school_id, host_school_id, start_term, end_term, start_date, end_date, distance_km, needs_bed, reasons]: [String; 13] =
            cells.try_into().ok()?;
        Some(RosterRow {
            teacher_id,
            teacher_name,
            kind,
            subject,
            home_school_id,
            host_school_id,
            start_term,
            end_term,
            start_date,
            end_date,
            distance_km,
            needs_bed,
            reasons,
        })
    }

    /// The row's cells in [`HEADER`] order.
    pub fn cells(&self) -> [&str; 13] {
        [
            &self.teacher_id,
            &self.teacher_name,
            &self.kind,
            &self.subject,
            &self.home_school_id,
            &self.host_school_id,
            &self.start_term,
            &self.end_term,
            &self.start_date,
            &self.end_date,
            &self.distance_km,
            &self.needs_bed,
            &self.reasons,
        ]
    }
}
