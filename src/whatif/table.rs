//! The side-by-side comparison: one [`Row`] of key figures per plan, printed
//! with the plans as columns (easier to read across) and written as
//! `whatif.csv` with one row per plan (easier to sort and chart).

use std::collections::HashMap;

use crate::lang::{Language, Msg};
use crate::output::csv_safe::{push_record, start_csv, Cell};
use crate::output::table::{display_width, pad, truncate};
use crate::output::Status;
use crate::report::Report;
use crate::roster::RosterRow;

/// File name of the table inside the whatif output folder.
pub(crate) const TABLE_FILE: &str = "whatif.csv";

/// `whatif.csv`'s header.
pub(crate) const HEADER: [&str; 15] = [
    "scenario",
    "status",
    "objective",
    "shortage_after",
    "rural_shortage_after",
    "rotation",
    "support",
    "shadow",
    "secondment",
    "exchanges",
    "quota_met",
    "avg_distance_km",
    "beds_used",
    "changes_vs_base",
    "solve_seconds",
];

/// One plan's key figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub scenario: String,
    pub status: Status,
    pub(crate) solve_seconds: f64,
    /// `None` without a roster: an infeasible plan's shortage is not a
    /// result worth comparing.
    pub figures: Option<Figures>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    pub(crate) objective: Option<f64>,
    pub shortage_after: u64,
    pub rural_shortage_after: u64,
    pub(crate) rotation: u32,
    pub(crate) support: u32,
    pub(crate) shadow: u32,
    pub(crate) secondment: u32,
    pub exchanges: u32,
    /// Every county reached its quota and its backbone share.
    pub quota_met: bool,
    /// Mean `distance_km` over the roster; `None` for an empty roster.
    pub avg_distance_km: Option<f64>,
    pub beds_used: u64,
    /// Teachers whose exchange differs from the base's; `None` when the
    /// base has no roster to compare with.
    pub changes_vs_base: Option<u32>,
}

impl Row {
    /// The row of `report`, compared with the base's roster when it has one.
    pub(crate) fn new(scenario: &str, report: &Report, base: Option<&[RosterRow]>) -> Row {
        let summary = &report.summary;
        let figures = summary.status.has_roster().then(|| {
            let distances: Vec<f64> = report
                .roster
                .iter()
                .filter_map(|r| r.distance_km.parse::<f64>().ok())
                .collect();
            Figures {
                objective: summary.objective,
                shortage_after: summary.shortage_after,
                rural_shortage_after: summary.rural_shortage_after,
                rotation: summary.exchanges.rotation,
                support: summary.exchanges.support,
                shadow: summary.exchanges.shadow,
                secondment: summary.exchanges.secondment,
                exchanges: summary.exchanges.total,
                quota_met: summary
                    .quota
                    .values()
                    .all(|q| q.shortfall() == 0 && q.backbone_shortfall() == 0),
                avg_distance_km: (!distances.is_empty())
                    .then(|| distances.iter().sum::<f64>() / distances.len() as f64),
                beds_used: summary.beds_used,
                changes_vs_base: base.map(|base| changes_between(base, &report.roster)),
            }
        });
        Row {
            scenario: scenario.to_string(),
            status: summary.status,
            solve_seconds: summary.solve_seconds,
            figures,
        }
    }
}

/// Teachers added, removed, or with a different kind, host, subject or
/// terms between two rosters.
pub(crate) fn changes_between(before: &[RosterRow], after: &[RosterRow]) -> u32 {
    let exchange = |r: &RosterRow| {
        (
            r.kind.clone(),
            r.host_school_id.clone(),
            r.subject.clone(),
            r.start_term.clone(),
            r.end_term.clone(),
        )
    };
    let before: HashMap<&str, _> = before
        .iter()
        .map(|r| (r.teacher_id.as_str(), exchange(r)))
        .collect();
    let after: HashMap<&str, _> = after
        .iter()
        .map(|r| (r.teacher_id.as_str(), exchange(r)))
        .collect();
    let changed_or_removed = before
        .iter()
        .filter(|(teacher, was)| after.get(*teacher) != Some(was))
        .count();
    let added = after.keys().filter(|t| !before.contains_key(*t)).count();
    (changed_or_removed + added) as u32
}

/// The cells of a row in [`HEADER`] order, as text for the terminal.
/// `-` marks a figure there is none of.
fn text_cells(row: &Row, language: Language) -> [String; 15] {
    let f = row.figures.as_ref();
    let show = |value: Option<String>| value.unwrap_or_else(|| "-".to_string());
    let yes_no = |yes: bool| if yes { Msg::HtmlYes } else { Msg::HtmlNo }.text(language);
    [
        row.scenario.clone(),
        language.status(row.status).to_string(),
        show(f.and_then(|f| f.objective).map(|o| format!("{o:.2}"))),
        show(f.map(|f| f.shortage_after.to_string())),
        show(f.map(|f| f.rural_shortage_after.to_string())),
        show(f.map(|f| f.rotation.to_string())),
        show(f.map(|f| f.support.to_string())),
        show(f.map(|f| f.shadow.to_string())),
        show(f.map(|f| f.secondment.to_string())),
        show(f.map(|f| f.exchanges.to_string())),
        show(f.map(|f| yes_no(f.quota_met).to_string())),
        show(f.and_then(|f| f.avg_distance_km).map(|d| format!("{d:.1}"))),
        show(f.map(|f| f.beds_used.to_string())),
        show(f.and_then(|f| f.changes_vs_base).map(|c| c.to_string())),
        format!("{:.1}", row.solve_seconds),
    ]
}

/// Labels of the printed table's rows, for [`HEADER`] after `scenario`.
const LABELS: [Msg; 14] = [
    Msg::TableStatus,
    Msg::TableObjective,
    Msg::WhatifShortageAfter,
    Msg::WhatifRuralShortageAfter,
    Msg::KindRotation,
    Msg::KindSupport,
    Msg::KindShadow,
    Msg::KindSecondment,
    Msg::TableExchanges,
    Msg::WhatifQuotaMet,
    Msg::WhatifAvgDistance,
    Msg::WhatifBedsUsed,
    Msg::WhatifChanges,
    Msg::WhatifSolveSeconds,
];

/// Terminal width the printed table fits in.
const WIDTH: usize = 80;
/// Widest scenario name shown in full in a column heading.
const MAX_NAME_WIDTH: usize = 16;
/// Spaces between columns.
const GAP: usize = 2;

/// The table as printed: plans as columns, figures as rows, right-aligned,
/// ASCII but for the scenario names. With more plans than fit in 80
/// columns, the columns are printed in blocks, one under the other. In
/// the run's language ([`Language::current`]).
pub(crate) fn render_text(rows: &[Row]) -> String {
    let language = Language::current();
    let labels = LABELS.map(|label| label.text(language));
    let label_width = labels.iter().map(|l| display_width(l)).max().unwrap_or(0);
    let columns: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let mut cells = text_cells(row, language).to_vec();
            cells[0] = truncate(&cells[0], MAX_NAME_WIDTH);
            cells
        })
        .collect();
    let widths: Vec<usize> = columns
        .iter()
        .map(|cells| cells.iter().map(|c| display_width(c)).max().unwrap_or(0))
        .collect();

    let mut out = String::new();
    let mut start = 0;
    while start < columns.len() {
        let mut end = start + 1;
        let mut used = label_width + GAP + widths[start];
        while end < columns.len() && used + GAP + widths[end] <= WIDTH {
            used += GAP + widths[end];
            end += 1;
        }
        if start > 0 {
            out.push('\n');
        }
        for line in 0..HEADER.len() {
            let label = if line == 0 { "" } else { labels[line - 1] };
            let mut text = pad(&label, label_width);
            for (cells, &width) in columns[start..end].iter().zip(&widths[start..end]) {
                text.push_str(&" ".repeat(GAP + width - display_width(&cells[line])));
                text.push_str(&cells[line]);
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
        start = end;
    }
    out
}

/// `whatif.csv`: the header, then one row per plan. Missing figures are
/// empty cells; names are formula-escaped like every text cell we write.
pub(crate) fn render_csv(rows: &[Row]) -> Vec<u8> {
    let mut out = start_csv(&HEADER, rows.len(), 96);
    for row in rows {
        let f = row.figures.as_ref();
        let count = |value: Option<u64>| Cell::Decimal(value.map(|v| v as f64), 0);
        let quota_met = match f.map(|f| f.quota_met) {
            Some(true) => "true",
            Some(false) => "false",
            None => "",
        };
        push_record(
            &mut out,
            [
                Cell::Text(&row.scenario),
                Cell::Text(row.status.as_str()),
                Cell::Decimal(f.and_then(|f| f.objective), 2),
                count(f.map(|f| f.shortage_after)),
                count(f.map(|f| f.rural_shortage_after)),
                count(f.map(|f| f.rotation.into())),
                count(f.map(|f| f.support.into())),
                count(f.map(|f| f.shadow.into())),
                count(f.map(|f| f.secondment.into())),
                count(f.map(|f| f.exchanges.into())),
                Cell::Text(quota_met),
                Cell::Decimal(f.and_then(|f| f.avg_distance_km), 1),
                count(f.map(|f| f.beds_used)),
                count(f.and_then(|f| f.changes_vs_base).map(u64::from)),
                Cell::Decimal(Some(row.solve_seconds), 3),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster_row(teacher: &str, host: &str) -> RosterRow {
        RosterRow {
            teacher_id: teacher.into(),
            kind: "support".into(),
            subject: "english".into(),
            host_school_id: host.into(),
            start_term: "a".into(),
            end_term: "b".into(),
            distance_km: "13.0".into(),
            ..RosterRow::default()
        }
    }

    fn row(name: &str, status: Status) -> Row {
        Row {
            scenario: name.into(),
            status,
            solve_seconds: 1.25,
            figures: status.has_roster().then(|| Figures {
                objective: Some(-2.5),
                shortage_after: 4,
                rural_shortage_after: 2,
                rotation: 1,
                support: 2,
                shadow: 0,
                secondment: 0,
                exchanges: 3,
                quota_met: true,
                avg_distance_km: Some(12.24),
                beds_used: 1,
                changes_vs_base: Some(0),
            }),
        }
    }

    #[test]
    fn changes_count_added_removed_and_moved_teachers() {
        let base = [
            roster_row("t1", "R1"),
            roster_row("t2", "R1"),
            roster_row("t3", "R2"),
        ];
        let other = [
            roster_row("t1", "R1"),
            roster_row("t2", "R2"),
            roster_row("t4", "R2"),
        ];
        assert_eq!(changes_between(&base, &base), 0);
        assert_eq!(changes_between(&base, &other), 3);
        assert_eq!(changes_between(&base, &[]), 3);
    }

    #[test]
    fn csv_has_one_row_per_plan_numbers_unescaped_names_escaped() {
        let csv = String::from_utf8(render_csv(&[
            row("base", Status::Optimal),
            row("=cmd", Status::Infeasible),
        ]))
        .unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], format!("\u{feff}{}", HEADER.join(",")));
        assert_eq!(
            lines[1],
            "base,optimal,-2.50,4,2,1,2,0,0,3,true,12.2,1,0,1.250"
        );
        assert_eq!(lines[2], "'=cmd,infeasible,,,,,,,,,,,,,1.250");
    }

    #[test]
    fn text_table_has_plans_as_columns_and_fits_80_columns() {
        let rows: Vec<Row> = (0..9)
            .map(|i| row(&format!("scenario-{i}"), Status::Optimal))
            .chain([row("偏远学校很多很多的情形", Status::TimeLimit)])
            .collect();
        let text = render_text(&rows);
        assert!(text.lines().all(|l| display_width(l) <= WIDTH), "{text}");
        let first = text.lines().next().unwrap();
        assert!(first.contains("scenario-0") && first.contains("scenario-1"));
        assert!(text.contains("time_limit"));
        let status = text.lines().find(|l| l.starts_with("status")).unwrap();
        assert!(status.ends_with("optimal"));
        assert!(text
            .lines()
            .any(|l| l.starts_with("objective") && l.contains("-2.50")));
    }
}
