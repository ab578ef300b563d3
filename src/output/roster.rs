//! `roster.csv` (SPEC §4): one row per exchange.
//!
//! The file is UTF-8 with a byte-order mark (SPEC §4: Excel on a Chinese
//! Windows needs it to show the names right; every reader of ours accepts
//! a roster with or without it) and uses `\n` line endings.

use crate::roster::{RosterRow, HEADER};

use super::csv_safe::{push_record, start_csv, Cell};

/// Renders the roster: the header, then `rows` in the order given (use
/// [`sort_roster`] first). Every cell is formula-escaped. Rendering the same
/// rows always gives the same bytes.
pub(crate) fn render_roster(rows: &[RosterRow]) -> Vec<u8> {
    let mut out = start_csv(&HEADER, rows.len(), 128);
    for row in rows {
        push_record(&mut out, row.cells().into_iter().map(Cell::Text));
    }
    out
}

/// Sorts rows into the order SPEC §4 fixes: county (of the home school),
/// home school id, teacher id. `county_of` gives a row's county (the row
/// itself does not carry it). Strings compare by code point, not by locale
/// or pinyin, so the order is the same on every machine. The sort is stable:
/// rows equal in all three keys (a hand-edited roster with a duplicate
/// teacher) keep their relative order.
pub(crate) fn sort_roster(rows: &mut [RosterRow], mut county_of: impl FnMut(&RosterRow) -> String) {
    rows.sort_by_cached_key(|row| {
        (
            county_of(row),
            row.home_school_id.clone(),
            row.teacher_id.clone(),
        )
    });
}

/// `distance_km` cell: one decimal (SPEC §4).
pub(crate) fn distance_cell(km: f64) -> String {
    format!("{km:.1}")
}

/// `needs_bed` cell: `true`/`false` (SPEC §4).
pub(crate) fn bool_cell(value: bool) -> String {
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(teacher_id: &str, home: &str) -> RosterRow {
        RosterRow {
            teacher_id: teacher_id.into(),
            teacher_name: "李娜".into(),
            kind: "support".into(),
            subject: "math".into(),
            home_school_id: home.into(),
            host_school_id: "S09".into(),
            start_term: "2027-autumn".into(),
            end_term: "2028-spring".into(),
            start_date: "2027-09-01".into(),
            end_date: "2028-07-10".into(),
            distance_km: distance_cell(31.26),
            needs_bed: bool_cell(true),
            reasons: "overdue:8y;backbone".into(),
        }
    }

    #[test]
    fn header_and_row_are_byte_exact() {
        let bytes = render_roster(&[row("T001", "S01")]);
        let expected = "\u{feff}teacher_id,teacher_name,kind,subject,home_school_id,host_school_id,\
start_term,end_term,start_date,end_date,distance_km,needs_bed,reasons\n\
T001,李娜,support,math,S01,S09,2027-autumn,2028-spring,2027-09-01,2028-07-10,31.3,true,overdue:8y;backbone\n";
        assert_eq!(String::from_utf8(bytes).unwrap(), expected);
    }

    #[test]
    fn empty_roster_is_the_bom_and_the_header() {
        let bytes = render_roster(&[]);
        assert!(bytes.starts_with(b"\xEF\xBB\xBFteacher_id,"));
        assert_eq!(bytes.iter().filter(|&&b| b == b'\n').count(), 1);
        assert!(!bytes.contains(&b'\r'));
    }

    #[test]
    fn cells_are_formula_escaped_and_quoted() {
        let mut r = row("=1+1", "S01");
        r.teacher_name = "@王, \"小\"明".into();
        r.reasons = "-x".into();
        let text = String::from_utf8(render_roster(&[r])).unwrap();
        let line = text.lines().nth(1).unwrap();
        assert!(
            line.starts_with("'=1+1,\"'@王, \"\"小\"\"明\",support,"),
            "{line}"
        );
        assert!(line.ends_with(",true,'-x"), "{line}");
    }

    #[test]
    fn rendering_is_deterministic() {
        let rows: Vec<RosterRow> = (0..50).map(|i| row(&format!("T{i:03}"), "S01")).collect();
        assert_eq!(render_roster(&rows), render_roster(&rows));
    }

    #[test]
    fn sort_is_county_then_home_school_then_teacher() {
        let mut rows = vec![
            row("T2", "S1"),
            row("T1", "S2"),
            row("T9", "S0"),
            row("T1", "S1"),
        ];
        // S0 belongs to county "b", the others to county "a".
        sort_roster(&mut rows, |r| {
            if r.home_school_id == "S0" { "b" } else { "a" }.to_string()
        });
        let order: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r.home_school_id.as_str(), r.teacher_id.as_str()))
            .collect();
        assert_eq!(
            order,
            [("S1", "T1"), ("S1", "T2"), ("S2", "T1"), ("S0", "T9")]
        );
    }

    #[test]
    fn distance_has_one_decimal() {
        assert_eq!(distance_cell(0.0), "0.0");
        assert_eq!(distance_cell(12.96), "13.0");
        assert_eq!(distance_cell(80.0), "80.0");
    }
}
