//! Each school's shortage before and after the roster, as a pair of bars:
//! grey before, then after in green where it went down, red where it went
//! up (a sending school left short) and grey-blue where it stayed.

use std::fmt::Write as _;

use crate::output::CoverageRow;

use super::escape::esc;
use super::labels::Labels;
use super::ReportSchool;

const WIDTH: f64 = 760.0;
/// Room for the school's name on the left.
const NAME: f64 = 230.0;
/// Room for the figures on the right.
const FIGURES: f64 = 70.0;
const ROW: f64 = 22.0;
const BAR: f64 = 8.0;

/// Post-terms short at one school, summed over subjects and terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SchoolShortage {
    pub(crate) school_id: String,
    pub(crate) before: u64,
    pub(crate) after: u64,
}

/// Per school, in the coverage file's order (county, school id).
pub(crate) fn by_school(coverage: &[CoverageRow]) -> Vec<SchoolShortage> {
    let mut schools: Vec<SchoolShortage> = Vec::new();
    for row in coverage {
        if schools.last().is_none_or(|s| s.school_id != row.school_id) {
            schools.push(SchoolShortage {
                school_id: row.school_id.clone(),
                before: 0,
                after: 0,
            });
        }
        if let Some(last) = schools.last_mut() {
            last.before += u64::from(row.shortage_before);
            last.after += u64::from(row.shortage_after);
        }
    }
    schools
}

pub(crate) fn bars(coverage: &[CoverageRow], schools: &[ReportSchool], labels: &Labels) -> String {
    let rows = by_school(coverage);
    let most = rows
        .iter()
        .map(|r| r.before.max(r.after))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let per_post = (WIDTH - NAME - FIGURES) / most;
    let height = ROW * rows.len() as f64 + ROW;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg id="shortage-bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-label="{title}">"#,
        title = esc(labels.shortage_by_school),
    );
    for (i, row) in rows.iter().enumerate() {
        let y = ROW * i as f64;
        let name = schools
            .iter()
            .find(|s| s.id == row.school_id)
            .map_or(row.school_id.as_str(), |s| s.name.as_str());
        let after_class = match row.after.cmp(&row.before) {
            std::cmp::Ordering::Less => "better",
            std::cmp::Ordering::Equal => "same",
            std::cmp::Ordering::Greater => "worse",
        };
        let _ = write!(
            svg,
            r#"<g class="school-bars" data-school="{id}"><text x="{name_x}" y="{text_y:.1}" text-anchor="end">{name}</text><rect class="bar before" x="{NAME}" y="{y:.1}" width="{wb:.1}" height="{BAR}"><title>{before_label}: {b}</title></rect><rect class="bar after {after_class}" x="{NAME}" y="{y2:.1}" width="{wa:.1}" height="{BAR}"><title>{after_label}: {a}</title></rect><text class="figures" x="{fig_x:.1}" y="{text_y:.1}">{b} → {a}</text></g>"#,
            id = esc(&row.school_id),
            name_x = NAME - 6.0,
            text_y = y + BAR + 4.0,
            name = esc(name),
            wb = row.before as f64 * per_post,
            y2 = y + BAR,
            wa = row.after as f64 * per_post,
            b = row.before,
            a = row.after,
            before_label = esc(labels.before),
            after_label = esc(labels.after),
            fig_x = NAME + row.before.max(row.after) as f64 * per_post + 6.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_subjects_and_terms_per_school_in_file_order() {
        let coverage = [
            CoverageRow::new("c", "S2", "math", "t1", 3, 1, 2),
            CoverageRow::new("c", "S2", "math", "t2", 3, 1, 3),
            CoverageRow::new("c", "S2", "art", "t1", 1, 1, 0),
            CoverageRow::new("c", "S1", "math", "t1", 0, 2, 1),
        ];
        assert_eq!(
            by_school(&coverage),
            [
                SchoolShortage {
                    school_id: "S2".into(),
                    before: 4,
                    after: 2
                },
                SchoolShortage {
                    school_id: "S1".into(),
                    before: 0,
                    after: 0
                },
            ]
        );
    }
}
