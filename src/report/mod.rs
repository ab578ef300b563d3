//! Turns the chosen exchanges into what `solve` writes: roster rows with
//! their reasons, coverage rows and the summary figures. Everything here is
//! computed from the roster and the data, not from solver internals, so the
//! figures mean the same for a roster from any source.

pub(crate) mod fairness;
pub(crate) mod reasons;
pub(crate) mod refills;
pub(crate) mod removal;
pub(crate) mod staffing;
pub(crate) mod targets;

use std::collections::{HashMap, HashSet};

use crate::domain::policy::Language;
use crate::domain::{Dataset, Exchange, Horizon, Policy, SchoolIx, TeacherIx};
use crate::lang::tr;
use crate::model::candidates::Candidate;
use crate::model::History;
use crate::output::html::{render_html, Page, ReportSchool};
use crate::output::{
    bool_cell, distance_cell, render_coverage, render_roster, render_summary, render_workbook,
    Change, ChangeKind, Changes, CoverageRow, ExchangeCounts, ModelStats, Movement, Movements,
    Status, Summary, WorkbookFacts,
};
use crate::roster::RosterRow;
use crate::solve::{RunStatus, UnitOutcome};
use reasons::{reasons, ExchangeFacts};
use refills::Refills;
use staffing::Staffing;

/// Everything a `solve` run writes.
pub struct Report {
    pub roster: Vec<RosterRow>,
    pub(crate) coverage: Vec<CoverageRow>,
    pub summary: Summary,
    /// The run's schools as `report.html` shows them, by county and id.
    pub(crate) schools: Vec<ReportSchool>,
    /// `[output] language` of the files meant for people.
    pub(crate) language: Language,
    /// The roster's departures and arrivals per school, subject and term,
    /// for `roster.xlsx`; `None` where they are not known (a merge of
    /// shards' files), and the workbook then leaves those columns out.
    pub(crate) movements: Option<Movements>,
}

impl Report {
    /// A report without schools or rows, for callers to fill in.
    pub(crate) fn new(summary: Summary, language: Language) -> Report {
        Report {
            roster: Vec::new(),
            coverage: Vec::new(),
            summary,
            schools: Vec::new(),
            language,
            movements: None,
        }
    }
}

/// The run's status: the worst of its units' (see [`Status::severity`]).
pub(crate) fn overall_status(outcomes: &[UnitOutcome]) -> Status {
    outcomes
        .iter()
        .map(|o| match o.status {
            RunStatus::Error(_) => Status::Error,
            RunStatus::Infeasible => Status::Infeasible,
            RunStatus::NoSolution => Status::TimeLimit,
            RunStatus::Feasible => Status::Feasible,
            RunStatus::Optimal => Status::Optimal,
        })
        .max_by_key(|s| s.severity())
        .unwrap_or(Status::Optimal)
}

pub struct ReportInput<'a> {
    pub dataset: &'a Dataset,
    pub policy: &'a Policy,
    pub horizon: &'a Horizon,
    pub outcomes: &'a [UnitOutcome],
    /// The previous roster of a re-optimization (empty otherwise).
    pub history: &'a History,
}

pub fn report(input: &ReportInput) -> Report {
    let ReportInput {
        dataset,
        policy,
        horizon,
        outcomes,
        ..
    } = *input;
    let chosen: Vec<&Candidate> = outcomes.iter().flat_map(|o| &o.chosen).collect();
    let exchanges: Vec<Exchange> = chosen.iter().map(|c| c.exchange.clone()).collect();
    let staffing = Staffing::new(dataset, policy, &exchanges);
    let refills = Refills::new(dataset, policy, horizon, &staffing, &exchanges);

    let mut summary = Summary::new(overall_status(outcomes));
    summary.teachers = dataset.teachers.len() as u32;
    summary.schools = dataset.schools.len() as u32;
    summary.counties = dataset.counties().len() as u32;
    summary.horizon = horizon.terms.iter().map(|t| t.id.clone()).collect();
    summary.objective = outcomes.iter().map(|o| o.objective).sum::<Option<f64>>();
    summary.mip_gap = outcomes
        .iter()
        .map(|o| o.mip_gap)
        .try_fold(0.0f64, |worst, gap| gap.map(|g| worst.max(g)));
    summary.reproducible = !outcomes.iter().any(|o| o.timed_out);
    summary.solve_seconds = outcomes.iter().map(|o| o.solve_seconds).sum();
    summary.model = Some(ModelStats {
        variables: outcomes.iter().map(|o| o.variables as u64).sum(),
        constraints: outcomes.iter().map(|o| o.constraints as u64).sum(),
        build_seconds: outcomes.iter().map(|o| o.build_seconds).sum(),
    });
    summary.exchanges = ExchangeCounts::of(exchanges.iter().map(|e| e.kind));
    summary.refills = refills.count() as u64;
    // Bed-terms, as documented: a bed held for two terms counts twice.
    summary.beds_used = chosen
        .iter()
        .filter(|c| c.needs_bed)
        .map(|c| (c.exchange.end_term + 1 - c.exchange.start_term) as u64)
        .sum();
    let infeasibility: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.has_roster())
        .flat_map(unit_failure)
        .collect();
    if !infeasibility.is_empty() {
        summary.infeasibility = Some(infeasibility);
    }
    summary.in_force = dataset.in_force.len() as u32;
    summary.warnings = dataset.warnings.clone();
    summary
        .warnings
        .extend(crate::check::in_force_warnings(dataset, policy, horizon));
    if !input.history.previous.is_empty() {
        summary.changed_vs_previous = Some(changes(input, &exchanges));
    }

    let coverage = coverage_rows(dataset, horizon, &staffing);
    let rural: HashSet<&str> = dataset
        .schools
        .iter()
        .filter(|s| s.is_rural_or_weak())
        .map(|s| s.id.as_str())
        .collect();
    for row in &coverage {
        let rural = rural.contains(row.school_id.as_str());
        summary.shortage_before += row.shortage_before as u64;
        summary.shortage_after += row.shortage_after as u64;
        if row.shortage_before == 0 {
            summary.shortage_created += row.shortage_after as u64;
        }
        if rural {
            summary.rural_shortage_before += row.shortage_before as u64;
            summary.rural_shortage_after += row.shortage_after as u64;
        }
    }
    let targets = targets::Targets::new(dataset, policy, horizon, &exchanges);
    summary.eligible = targets.eligible;
    summary.quota = targets.by_county.clone();
    if policy.quota.per_school {
        summary.quota_by_school = Some(targets.by_school.clone());
    }
    summary.alliance = targets::alliance_figures(dataset, policy, &exchanges);
    summary.secondment = targets::cadre_figures(dataset, policy, &exchanges);
    summary.fairness = Some(fairness::fairness(dataset, policy, horizon, &exchanges));

    let mut schools: Vec<ReportSchool> = dataset.schools.iter().map(ReportSchool::from).collect();
    schools.sort_by(|a, b| (&a.county, &a.id).cmp(&(&b.county, &b.id)));
    Report {
        roster: roster_rows(input, &chosen, &staffing, &refills),
        movements: Some(movements(input, &staffing, &coverage)),
        coverage,
        summary,
        schools,
        language: policy.output.language,
    }
}

/// Each coverage row's departures and arrivals, for `roster.xlsx`.
fn movements(input: &ReportInput, staffing: &Staffing, coverage: &[CoverageRow]) -> Movements {
    let schools: HashMap<&str, SchoolIx> = input
        .dataset
        .schools
        .iter()
        .enumerate()
        .map(|(ix, s)| (s.id.as_str(), ix))
        .collect();
    let mut movements = Movements::new();
    for row in coverage {
        let (Some(&school), Some(term)) = (
            schools.get(row.school_id.as_str()),
            input.horizon.term_index(&row.term),
        ) else {
            continue;
        };
        let (departures, arrivals) =
            staffing.movement(school, &crate::domain::Subject::new(&row.subject), term);
        let key = (row.school_id.clone(), row.subject.clone(), row.term.clone());
        movements.insert(
            key,
            Movement {
                departures,
                arrivals,
            },
        );
    }
    movements
}

/// The roster against the previous one, teacher by teacher.
fn changes(input: &ReportInput, exchanges: &[Exchange]) -> Changes {
    let dataset = input.dataset;
    let describe = |e: &Exchange| describe_exchange(dataset, input.horizon, e);
    let now: HashMap<TeacherIx, &Exchange> = exchanges.iter().map(|e| (e.teacher, e)).collect();
    let mut teachers: Vec<TeacherIx> = now
        .keys()
        .chain(input.history.previous.keys())
        .copied()
        .collect();
    teachers.sort_by_key(|&t| &dataset.teachers[t].id);
    teachers.dedup();
    let mut changes = Changes::default();
    for t in teachers {
        let before = input.history.previous.get(&t);
        let after = now.get(&t).copied();
        let change = match (before, after) {
            (Some(b), Some(a)) if b == a => {
                changes.unchanged += 1;
                continue;
            }
            (Some(_), Some(_)) => ChangeKind::Moved,
            (Some(_), None) => ChangeKind::Removed,
            (None, _) => ChangeKind::Added,
        };
        match change {
            ChangeKind::Added => changes.added += 1,
            ChangeKind::Removed => changes.removed += 1,
            ChangeKind::Moved => changes.moved += 1,
        }
        changes.list.push(Change {
            teacher_id: dataset.teachers[t].id.clone(),
            change,
            before: before.map(describe),
            after: after.map(describe),
        });
    }
    changes
}

/// An exchange in one line: `support math S01->S07 2027-autumn..2028-spring`.
pub(crate) fn describe_exchange(dataset: &Dataset, horizon: &Horizon, e: &Exchange) -> String {
    format!(
        "{} {} {}->{} {}..{}",
        e.kind,
        e.subject,
        dataset.schools[dataset.teachers[e.teacher].school].id,
        dataset.schools[e.host].id,
        horizon.terms[e.start_term].id,
        horizon.terms[e.end_term].id
    )
}

/// Lines saying why a unit has no roster.
fn unit_failure(outcome: &UnitOutcome) -> Vec<String> {
    let counties = outcome.counties.join(", ");
    let mut lines: Vec<String> = outcome
        .conflicts
        .iter()
        .map(|c| tr!(UnitLine, counties = counties, line = c))
        .collect();
    if lines.is_empty() {
        let line = match &outcome.status {
            RunStatus::Infeasible => tr!(UnitInfeasible),
            RunStatus::NoSolution => tr!(UnitNoSolution),
            RunStatus::Error(message) => tr!(UnitSolverError, error = message),
            _ => tr!(UnitNoRoster),
        };
        lines.push(tr!(UnitLine, counties = counties, line = line));
    }
    lines
}

fn roster_rows(
    input: &ReportInput,
    chosen: &[&Candidate],
    staffing: &Staffing,
    refills: &Refills,
) -> Vec<RosterRow> {
    let ReportInput {
        dataset,
        policy,
        horizon,
        history,
        ..
    } = *input;
    let locked: HashSet<TeacherIx> = dataset
        .locks
        .iter()
        .filter(|l| l.host.is_some())
        .map(|l| l.teacher)
        .collect();
    let preference: HashMap<(TeacherIx, SchoolIx), u32> = dataset
        .preferences
        .iter()
        .map(|p| ((p.teacher, p.school), p.rank))
        .collect();
    let mut sorted: Vec<&Candidate> = chosen.to_vec();
    sorted.sort_by_key(|c| {
        let teacher = &dataset.teachers[c.exchange.teacher];
        let home = &dataset.schools[teacher.school];
        (&home.county, &home.id, &teacher.id)
    });
    sorted
        .into_iter()
        .map(|candidate| {
            let exchange = &candidate.exchange;
            let teacher = &dataset.teachers[exchange.teacher];
            let facts = ExchangeFacts {
                locked: locked.contains(&exchange.teacher),
                kept: history.kept.contains(&exchange.teacher),
                preference_rank: preference.get(&(exchange.teacher, exchange.host)).copied(),
            };
            let mut codes = reasons(dataset, policy, horizon, staffing, exchange, facts);
            let freed = refills.freed_for(exchange.teacher);
            codes.extend(
                freed
                    .iter()
                    .map(|&t| format!("refill:{}", dataset.teachers[t].id)),
            );
            if codes.is_empty() {
                codes.push("fills-shortage".to_string());
            }
            RosterRow {
                teacher_id: teacher.id.clone(),
                teacher_name: teacher.name.clone(),
                kind: exchange.kind.to_string(),
                subject: exchange.subject.to_string(),
                home_school_id: dataset.schools[teacher.school].id.clone(),
                host_school_id: dataset.schools[exchange.host].id.clone(),
                start_term: horizon.terms[exchange.start_term].id.clone(),
                end_term: horizon.terms[exchange.end_term].id.clone(),
                start_date: exchange.start_date(horizon).to_string(),
                end_date: exchange.end_date(horizon, policy).to_string(),
                distance_km: distance_cell(candidate.km),
                needs_bed: bool_cell(candidate.needs_bed),
                reasons: codes.join(";"),
            }
        })
        .collect()
}

/// One row per school, subject and term with demand or staff, sorted by
/// county, school id, subject and horizon order.
fn coverage_rows(dataset: &Dataset, horizon: &Horizon, staffing: &Staffing) -> Vec<CoverageRow> {
    let mut subjects = staffing.subjects_by_school();
    for (school, subject) in dataset.demand.keys() {
        subjects.entry(*school).or_default().push(*subject);
    }
    let mut schools: Vec<SchoolIx> = (0..dataset.schools.len()).collect();
    schools.sort_by_key(|&s| (&dataset.schools[s].county, &dataset.schools[s].id));
    let mut rows = Vec::new();
    for school in schools {
        let Some(school_subjects) = subjects.get_mut(&school) else {
            continue;
        };
        school_subjects.sort();
        school_subjects.dedup();
        let info = &dataset.schools[school];
        for subject in school_subjects.iter() {
            for (term_ix, term) in horizon.terms.iter().enumerate() {
                let row = CoverageRow::new(
                    &info.county,
                    &info.id,
                    subject.as_str(),
                    &term.id,
                    dataset.posts(school, subject, &term.id),
                    staffing.before(school, subject, term_ix),
                    staffing.after(school, subject, term_ix),
                );
                if row.is_reported() {
                    rows.push(row);
                }
            }
        }
    }
    rows
}

/// A file of the output set: its name, whether only a run with a roster
/// has it, and how it is rendered.
type SetFile = (&'static str, bool, fn(&Report) -> std::io::Result<Vec<u8>>);

/// The output set `solve` writes, one line per file: adding a file is one
/// line here. A report without a roster has only its summary (which says
/// why), so a folder never shows a roster the run did not produce.
const SET: &[SetFile] = &[
    (crate::output::ROSTER_FILE, true, |r| {
        Ok(render_roster(&r.roster))
    }),
    (crate::output::COVERAGE_FILE, true, |r| {
        Ok(render_coverage(&r.coverage))
    }),
    (crate::output::SUMMARY_FILE, false, |r| {
        Ok(render_summary(&r.summary))
    }),
    (crate::output::REPORT_FILE, true, |r| {
        Ok(render_html(&Page {
            summary: &r.summary,
            roster: &r.roster,
            coverage: &r.coverage,
            schools: &r.schools,
            language: r.language,
        }))
    }),
    (crate::output::WORKBOOK_FILE, true, render_report_workbook),
];

/// `roster.xlsx` in the report's language, with school names and the
/// departures and arrivals of each school and subject.
fn render_report_workbook(r: &Report) -> std::io::Result<Vec<u8>> {
    let facts = WorkbookFacts {
        language: r.language,
        school_names: r
            .schools
            .iter()
            .map(|s| (s.id.as_str(), s.name.as_str()))
            .collect(),
        movements: r.movements.as_ref(),
    };
    render_workbook(&r.roster, &r.coverage, &r.summary, &facts)
        .map_err(|err| std::io::Error::other(format!("could not render roster.xlsx: {err}")))
}

/// The names of the files in the output set, for checks made before
/// solving (nothing in the way of any of them).
pub(crate) fn file_names() -> impl Iterator<Item = &'static str> {
    SET.iter().map(|(name, _, _)| *name)
}

/// The report's output set, `(file name, contents)` (see [`SET`]).
pub(crate) fn files(report: &Report) -> std::io::Result<Vec<(&'static str, Vec<u8>)>> {
    let has_roster = report.summary.status.has_roster();
    SET.iter()
        .filter(|(_, needs_roster, _)| has_roster || !needs_roster)
        .map(|(name, _, render)| Ok((*name, render(report)?)))
        .collect()
}

/// Publishes the report's set ([`files`]) into the locked output folder:
/// the whole set or nothing.
pub(crate) fn write(out: &crate::output::OutputLock, report: &Report) -> std::io::Result<()> {
    let files = files(report)?;
    let borrowed: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (*name, bytes.as_slice()))
        .collect();
    out.publish(&borrowed)
}
