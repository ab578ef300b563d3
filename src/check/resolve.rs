//! Turning roster rows (text) into [`Exchange`]s. A row that cannot be one —
//! an unknown id, kind or term, a home school that is not the teacher's, a
//! span that ends before it starts — is a rule-0 violation; the other rows
//! carry on to the rule checks.

use std::collections::HashMap;

use crate::domain::{Dataset, Exchange, Horizon, Kind, SchoolIx, Subject, TeacherIx};
use crate::lang::tr;
use crate::roster::RosterRow;

use super::Violation;
use crate::domain::Rule;

/// One row that resolved to an exchange.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Placed<'a> {
    /// Line number in the roster file.
    pub(crate) line: u64,
    pub(crate) row: &'a RosterRow,
    pub(crate) exchange: Exchange,
}

/// The rows that are exchanges, and a rule-0 violation for each that is not.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Resolved<'a> {
    /// In row order.
    pub(crate) exchanges: Vec<Placed<'a>>,
    pub(crate) violations: Vec<Violation>,
}

/// Resolves every row it can; ids are compared after trimming, subjects
/// after trimming and case-folding (SPEC §1), kinds accept the Chinese names.
pub(crate) fn resolve<'a>(
    dataset: &Dataset,
    horizon: &Horizon,
    rows: &'a [(u64, RosterRow)],
) -> Resolved<'a> {
    let lookup = Lookup::new(dataset, horizon);
    let mut resolved = Resolved::default();
    for (line, row) in rows {
        match lookup.exchange(dataset, row) {
            Ok(exchange) => resolved.exchanges.push(Placed {
                line: *line,
                row,
                exchange,
            }),
            Err(problems) => resolved.violations.push(Violation::new(
                Rule::InvalidRow,
                [*line],
                tr!(CheckInvalidRow, problems = problems.join("; ")),
            )),
        }
    }
    resolved
}

/// Id → index maps, so resolving is O(1) per row however big the data set.
struct Lookup<'d> {
    teachers: HashMap<&'d str, TeacherIx>,
    schools: HashMap<&'d str, SchoolIx>,
    terms: HashMap<&'d str, usize>,
}

impl<'d> Lookup<'d> {
    fn new(dataset: &'d Dataset, horizon: &'d Horizon) -> Lookup<'d> {
        // `or_insert` keeps the first of any duplicate id, as
        // `Dataset::teacher_index` does.
        let mut teachers = HashMap::with_capacity(dataset.teachers.len());
        for (ix, teacher) in dataset.teachers.iter().enumerate() {
            teachers.entry(teacher.id.as_str()).or_insert(ix);
        }
        let mut schools = HashMap::with_capacity(dataset.schools.len());
        for (ix, school) in dataset.schools.iter().enumerate() {
            schools.entry(school.id.as_str()).or_insert(ix);
        }
        let mut terms = HashMap::with_capacity(horizon.len());
        for (ix, term) in horizon.terms.iter().enumerate() {
            terms.entry(term.id.as_str()).or_insert(ix);
        }
        Lookup {
            teachers,
            schools,
            terms,
        }
    }

    /// The row as an exchange, or every reason it is not one.
    fn exchange(&self, dataset: &Dataset, row: &RosterRow) -> Result<Exchange, Vec<String>> {
        let mut problems = Vec::new();
        let mut known = |map: &HashMap<&str, usize>, what: &str, value: &str| {
            let found = map.get(cell(value)).copied();
            if found.is_none() {
                problems.push(tr!(
                    CheckUnknownId,
                    column = what,
                    value = format!("{:?}", value.trim())
                ));
            }
            found
        };
        let teacher = known(&self.teachers, "teacher_id", &row.teacher_id);
        let home = known(&self.schools, "home_school_id", &row.home_school_id);
        let host = known(&self.schools, "host_school_id", &row.host_school_id);
        let start_term = known(&self.terms, "start_term", &row.start_term);
        let end_term = known(&self.terms, "end_term", &row.end_term);

        let kind = cell(&row.kind)
            .parse::<Kind>()
            .map_err(|message| problems.push(message))
            .ok();
        let subject = Subject::new(cell(&row.subject));
        if subject.as_str().is_empty() {
            problems.push(tr!(CheckSubjectEmpty));
        }
        if let (Some(teacher), Some(home)) = (teacher, home) {
            let real_home = dataset.teachers[teacher].school;
            if real_home != home {
                problems.push(tr!(
                    CheckNotHome,
                    home = dataset.schools[home].id,
                    teacher = dataset.teachers[teacher].id,
                    school = dataset.schools[real_home].id
                ));
            }
        }
        if let (Some(start), Some(end)) = (start_term, end_term) {
            if end < start {
                problems.push(tr!(
                    CheckEndBeforeStart,
                    end = row.end_term.trim(),
                    start = row.start_term.trim()
                ));
            }
        }

        match (teacher, kind, host, start_term, end_term) {
            (Some(teacher), Some(kind), Some(host), Some(start_term), Some(end_term))
                if problems.is_empty() =>
            {
                Ok(Exchange {
                    teacher,
                    kind,
                    subject,
                    host,
                    start_term,
                    end_term,
                })
            }
            _ => Err(problems),
        }
    }
}

/// A cell's value: trimmed, and without the `'` that SPEC §4 puts before a
/// leading `=`, `+`, `-` or `@` (in case the reader left it on).
fn cell(value: &str) -> &str {
    let value = value.trim();
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => value,
    }
}
