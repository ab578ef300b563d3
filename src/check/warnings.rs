//! Warnings about the roster's informational columns (`teacher_name`,
//! `start_date`, `end_date`, `distance_km`): the rules never read them, but
//! a hand-edited file where they disagree with the data is worth a remark.
//! An empty cell is not remarked on.

use chrono::NaiveDate;

use crate::lang::tr;

use super::Roster;

/// How far `distance_km` may be off; it is written with one decimal.
const DISTANCE_TOLERANCE_KM: f64 = 0.1;

pub(crate) fn column_warnings(roster: &Roster) -> Vec<String> {
    let mut warnings = Vec::new();
    for placed in roster.exchanges {
        let (row, exchange) = (placed.row, &placed.exchange);
        let mut warn = |column: &str, value: &str, message: String| {
            warnings.push(tr!(
                CheckColumnWarning,
                row = placed.line,
                column = column,
                value = format!("{value:?}"),
                message = message
            ))
        };
        let teacher = &roster.dataset.teachers[exchange.teacher];

        let name = row.teacher_name.trim();
        if !name.is_empty() && name != teacher.name.trim() {
            warn(
                "teacher_name",
                name,
                tr!(
                    CheckNotName,
                    teacher = teacher.id,
                    name = format!("{:?}", teacher.name)
                ),
            );
        }

        let dates = [
            (
                "start_date",
                &row.start_date,
                exchange.start_date(roster.horizon),
            ),
            (
                "end_date",
                &row.end_date,
                exchange.end_date(roster.horizon, roster.policy),
            ),
        ];
        for (column, cell, expected) in dates {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            match parse_date(cell) {
                Some(date) if date == expected => {}
                Some(_) => warn(column, cell, tr!(CheckDiffers, expected = expected)),
                None => warn(column, cell, tr!(CheckNotDate)),
            }
        }

        let cell = row.distance_km.trim();
        if !cell.is_empty() {
            let km = roster.distances.km(teacher.school, exchange.host);
            match (cell.parse::<f64>(), km) {
                (Ok(said), Some(km)) if (said - km).abs() <= DISTANCE_TOLERANCE_KM => {}
                (Ok(_), Some(km)) => warn(
                    "distance_km",
                    cell,
                    tr!(CheckDiffers, expected = format!("{km:.1}")),
                ),
                (Ok(_), None) => {} // the unknown distance is a rule-5 violation already
                (Err(_), _) => warn("distance_km", cell, tr!(CheckNotNumber)),
            }
        }
    }
    warnings
}

/// `YYYY-MM-DD`, also `YYYY/M/D` (SPEC §3).
fn parse_date(cell: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(cell, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(cell, "%Y/%m/%d"))
        .ok()
}
