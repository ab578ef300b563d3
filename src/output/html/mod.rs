//! `report.html` (SPEC §4): one self-contained page for the bureau meeting
//! that approves the plan — the headline figures (shortage filled next to
//! the shortage created at sending schools), a map of who goes where, each
//! school's shortage before and after, the targets, the warnings and the
//! roster.
//!
//! Self-contained means no network at all: CSS and SVG inline, system
//! fonts only, no script. A Content-Security-Policy of `default-src 'none'`
//! makes the browser refuse (and report) anything that would be fetched,
//! which is what the browser test in `tests/report_html.rs` watches for.
//!
//! The page also carries the schools it shows as a JSON data block (never
//! executed; the policy forbids scripts), so that `merge` can rebuild the
//! page of a whole batch from the pages of its shards without the data set
//! ([`read_schools`]).

mod bars;
mod escape;
mod labels;
mod map;
mod sections;

use serde::{Deserialize, Serialize};

use crate::domain::policy::Language;
use crate::domain::{Area, School};
use crate::roster::RosterRow;

use super::{CoverageRow, Summary};
use labels::Labels;

/// What the page shows of a school.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct ReportSchool {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) county: String,
    pub(crate) area: Area,
    pub(crate) weak: bool,
    pub(crate) lat: Option<f64>,
    pub(crate) lon: Option<f64>,
}

impl From<&School> for ReportSchool {
    fn from(school: &School) -> ReportSchool {
        ReportSchool {
            id: school.id.clone(),
            name: school.name.clone(),
            county: school.county.clone(),
            area: school.area,
            weak: school.weak,
            lat: school.location.map(|(lat, _)| lat),
            lon: school.location.map(|(_, lon)| lon),
        }
    }
}

/// Everything the page is made of: a pure function of these, so that the
/// same run (or a merge of its shards) gives the same bytes.
pub(crate) struct Page<'a> {
    pub(crate) summary: &'a Summary,
    pub(crate) roster: &'a [RosterRow],
    pub(crate) coverage: &'a [CoverageRow],
    /// The run's schools, sorted by county and id.
    pub(crate) schools: &'a [ReportSchool],
    pub(crate) language: Language,
}

/// The data block's contents.
#[derive(Serialize, Deserialize)]
struct Embedded {
    language: Language,
    schools: Vec<ReportSchool>,
}

const DATA_OPEN: &str = r#"<script type="application/json" id="rotaplan-data">"#;
const DATA_CLOSE: &str = "</script>";

const STYLE: &str = include_str!("report.css");

/// Renders the page.
pub(crate) fn render_html(page: &Page) -> Vec<u8> {
    let labels = &Labels::of(page.language);
    let mut html = String::with_capacity(64 * 1024);
    html.push_str("<!DOCTYPE html>\n");
    html.push_str(&format!(
        "<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        labels.lang
    ));
    html.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str(&format!(
        "<title>{}</title>\n<style>\n{STYLE}</style>\n",
        escape::esc(&sections::page_title(page, labels))
    ));
    html.push_str(&data_block(page));
    html.push_str("</head>\n<body>\n");
    html.push_str(&sections::body(page, labels));
    html.push_str("</body>\n</html>\n");
    html.into_bytes()
}

/// The JSON data block. `<` is written as `\u003c` so that no string in it
/// (a school called `</script>`) can end the block early.
fn data_block(page: &Page) -> String {
    let embedded = Embedded {
        language: page.language,
        schools: page.schools.to_vec(),
    };
    let json = serde_json::to_string(&embedded)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c");
    format!("{DATA_OPEN}{json}{DATA_CLOSE}\n")
}

/// The language and schools a page was written with, read back from its
/// data block (for `merge`).
pub(crate) fn read_schools(html: &str) -> Result<(Language, Vec<ReportSchool>), String> {
    let start = html
        .find(DATA_OPEN)
        .ok_or("no rotaplan data block (not a report.html written by rotaplan?)")?
        + DATA_OPEN.len();
    let end = html[start..]
        .find(DATA_CLOSE)
        .ok_or("the data block is not closed")?;
    let embedded: Embedded = serde_json::from_str(&html[start..start + end])
        .map_err(|e| format!("the data block does not parse: {e}"))?;
    Ok((embedded.language, embedded.schools))
}

#[cfg(test)]
mod tests;
