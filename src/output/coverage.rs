//! `coverage.csv` (SPEC §4): demand, staff and shortage per school, subject
//! and term, before and after the roster. Same encoding as the roster (UTF-8
//! with a byte-order mark, `\n`; see [`super::roster`]).

use super::csv_safe::{push_record, start_csv, Cell};

/// The header, in the order the spec fixes.
pub(crate) const COVERAGE_HEADER: [&str; 9] = [
    "county",
    "school_id",
    "subject",
    "term",
    "demand",
    "staff_before",
    "staff_after",
    "shortage_before",
    "shortage_after",
];

/// One school, subject and term.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CoverageRow {
    pub(crate) county: String,
    pub(crate) school_id: String,
    pub(crate) subject: String,
    /// Term id from the horizon.
    pub(crate) term: String,
    pub(crate) demand: u32,
    pub(crate) staff_before: u32,
    pub(crate) staff_after: u32,
    pub(crate) shortage_before: u32,
    pub(crate) shortage_after: u32,
}

impl CoverageRow {
    /// Builds a row, deriving both shortages as `max(0, demand - staff)`
    /// (SPEC §1) so that they cannot disagree with the staff figures.
    pub(crate) fn new(
        county: &str,
        school_id: &str,
        subject: &str,
        term: &str,
        demand: u32,
        staff_before: u32,
        staff_after: u32,
    ) -> CoverageRow {
        CoverageRow {
            county: county.to_string(),
            school_id: school_id.to_string(),
            subject: subject.to_string(),
            term: term.to_string(),
            demand,
            staff_before,
            staff_after,
            shortage_before: demand.saturating_sub(staff_before),
            shortage_after: demand.saturating_sub(staff_after),
        }
    }

    /// A row read back from its cells in [`COVERAGE_HEADER`] order.
    pub(crate) fn from_cells(cells: Vec<String>) -> Result<CoverageRow, String> {
        let [county, school_id, subject, term, figures @ ..]: [String; 9] = cells
            .try_into()
            .map_err(|cells: Vec<String>| format!("a row of {} cells, expected 9", cells.len()))?;
        let mut numbers = [0u32; 5];
        for (number, cell) in numbers.iter_mut().zip(&figures) {
            *number = cell
                .parse()
                .map_err(|_| format!("{cell:?} is not a count (school {school_id})"))?;
        }
        let [demand, staff_before, staff_after, shortage_before, shortage_after] = numbers;
        Ok(CoverageRow {
            county,
            school_id,
            subject,
            term,
            demand,
            staff_before,
            staff_after,
            shortage_before,
            shortage_after,
        })
    }

    /// Whether the spec wants the row in the file: non-zero demand or staff.
    pub(crate) fn is_reported(&self) -> bool {
        self.demand > 0 || self.staff_before > 0 || self.staff_after > 0
    }
}

/// Renders the coverage file: the header, then the rows in the order given
/// that [`CoverageRow::is_reported`] keeps (all-zero rows are dropped here
/// so every caller follows the spec). Callers give them sorted by county,
/// school, subject and horizon term order; the order is theirs because only
/// they know the horizon order of term ids.
pub(crate) fn render_coverage(rows: &[CoverageRow]) -> Vec<u8> {
    let mut out = start_csv(&COVERAGE_HEADER, rows.len(), 64);
    for row in rows.iter().filter(|r| r.is_reported()) {
        push_record(
            &mut out,
            [
                Cell::Text(&row.county),
                Cell::Text(&row.school_id),
                Cell::Text(&row.subject),
                Cell::Text(&row.term),
                Cell::Number(row.demand),
                Cell::Number(row.staff_before),
                Cell::Number(row.staff_after),
                Cell::Number(row.shortage_before),
                Cell::Number(row.shortage_after),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_row_are_byte_exact() {
        let rows = [CoverageRow::new(
            "城关县",
            "S01",
            "语文",
            "2027-autumn",
            5,
            3,
            4,
        )];
        let text = String::from_utf8(render_coverage(&rows)).unwrap();
        assert_eq!(
            text,
            "\u{feff}county,school_id,subject,term,demand,staff_before,staff_after,shortage_before,shortage_after\n\
城关县,S01,语文,2027-autumn,5,3,4,2,1\n"
        );
    }

    #[test]
    fn rows_read_back_from_their_cells() {
        let row = CoverageRow::new("城关县", "S01", "语文", "2027-autumn", 5, 3, 4);
        let text = String::from_utf8(render_coverage(std::slice::from_ref(&row))).unwrap();
        let cells: Vec<String> = text
            .lines()
            .nth(1)
            .unwrap()
            .split(',')
            .map(String::from)
            .collect();
        assert_eq!(CoverageRow::from_cells(cells).unwrap(), row);
        let short = vec!["c".to_string(); 8];
        assert!(CoverageRow::from_cells(short)
            .unwrap_err()
            .contains("8 cells"));
        let mut bad: Vec<String> = vec!["c".into(); 4];
        bad.extend(["1", "x", "1", "0", "0"].map(String::from));
        assert!(CoverageRow::from_cells(bad).unwrap_err().contains("\"x\""));
    }

    #[test]
    fn shortage_never_goes_negative() {
        let row = CoverageRow::new("c", "s", "math", "t", 2, 5, 0);
        assert_eq!((row.shortage_before, row.shortage_after), (0, 2));
    }

    #[test]
    fn all_zero_rows_are_left_out() {
        let rows = [
            CoverageRow::new("c", "S1", "math", "t", 0, 0, 0),
            CoverageRow::new("c", "S2", "math", "t", 0, 1, 0),
        ];
        let text = String::from_utf8(render_coverage(&rows)).unwrap();
        assert_eq!(text.lines().count(), 2);
        assert!(text.contains("\nc,S2,math,t,0,1,0,0,0\n"));
    }

    #[test]
    fn text_cells_are_formula_escaped() {
        let rows = [CoverageRow::new("+c", "=S1", "-math", "@t", 1, 0, 1)];
        let text = String::from_utf8(render_coverage(&rows)).unwrap();
        assert!(
            text.ends_with("\n'+c,'=S1,'-math,'@t,1,0,1,1,0\n"),
            "{text}"
        );
    }

    #[test]
    fn rendering_is_deterministic() {
        let rows: Vec<CoverageRow> = (0..40)
            .map(|i| CoverageRow::new("c", &format!("S{i}"), "math", "t", i, i / 2, i))
            .collect();
        assert_eq!(render_coverage(&rows), render_coverage(&rows));
    }
}
