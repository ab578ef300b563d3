//! `merge OUT_DIR … --out DIR` (SPEC §5): the outputs of runs over disjoint
//! sets of counties (`solve --county`, one shard per machine) made into the
//! set one run over all of them writes.
//!
//! Counties are independent (see [`super::select`]), so each county's rows
//! and figures in a shard are those of the whole run; merging is sorting
//! rows into the spec's order and recombining the summary field by field:
//!
//! - `roster.csv`, `coverage.csv`, `report.html`: byte-identical to the
//!   whole run's. (The page's schools come from the shards' pages, whose
//!   data block carries them, so the data set is not needed.)
//! - `summary.json`: identical except three fields that describe the runs
//!   rather than the roster: `solve_seconds` and `model.build_seconds` are
//!   the sums of the shards' (the machines' time, not one machine's), and
//!   `objective` is the sum of the shards' objectives, which can differ
//!   from the whole run's sum over its counties in the last digits
//!   (floating-point addition in another grouping).
//!
//! A shard without a roster (infeasible, out of time) makes the merge
//! fail: the whole run would have written no roster either.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use crate::domain::policy::Language;
use crate::lang::tr;
use crate::output::csv_safe::read_records;
use crate::output::html::{read_schools, ReportSchool};
use crate::output::{
    sort_roster, AllianceFigures, Changes, CoverageRow, Fairness, ModelStats, Summary,
    COVERAGE_FILE, COVERAGE_HEADER, REPORT_FILE, ROSTER_FILE, SUMMARY_FILE,
};
use crate::report::Report;
use crate::roster::{RosterRow, HEADER};

/// Reads one shard's output folder.
pub(crate) fn read_shard(dir: &Path) -> Result<Report, Vec<String>> {
    let read = |file: &str| {
        let path = dir.join(file);
        fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let in_file = |file: &str| {
        let path = dir.join(file);
        move |e: String| format!("{}: {e}", path.display())
    };
    let summary: Summary = serde_json::from_slice(&read(SUMMARY_FILE).map_err(|e| vec![e])?)
        .map_err(|e| vec![in_file(SUMMARY_FILE)(e.to_string())])?;
    if !summary.status.has_roster() {
        return Err(vec![format!(
            "{}: status {}: the shard has no roster, so neither would one run over all counties",
            dir.join(SUMMARY_FILE).display(),
            summary.status.as_str()
        )]);
    }
    let mut errors = Vec::new();
    let roster = read(ROSTER_FILE)
        .and_then(|bytes| read_records(&bytes, &HEADER).map_err(in_file(ROSTER_FILE)))
        .and_then(|records| {
            records
                .into_iter()
                .map(|cells| RosterRow::from_cells(cells).ok_or("a row of the wrong width"))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| in_file(ROSTER_FILE)(e.to_string()))
        });
    let coverage = read(COVERAGE_FILE)
        .and_then(|bytes| read_records(&bytes, &COVERAGE_HEADER).map_err(in_file(COVERAGE_FILE)))
        .and_then(|records| {
            records
                .into_iter()
                .map(CoverageRow::from_cells)
                .collect::<Result<Vec<_>, _>>()
                .map_err(in_file(COVERAGE_FILE))
        });
    let page = read(REPORT_FILE).and_then(|bytes| {
        read_schools(&String::from_utf8_lossy(&bytes)).map_err(in_file(REPORT_FILE))
    });
    let (roster, coverage, (language, schools)) = match (roster, coverage, page) {
        (Ok(r), Ok(c), Ok(p)) => (r, c, p),
        (r, c, p) => {
            errors.extend(r.err());
            errors.extend(c.err());
            errors.extend(p.err());
            return Err(errors);
        }
    };
    Ok(Report {
        roster,
        coverage,
        summary,
        schools,
        language,
        movements: None,
    })
}

/// Merges shards read by [`read_shard`]; `dirs` name them in messages.
pub(crate) fn merge(shards: Vec<Report>, dirs: &[PathBuf]) -> Result<Report, Vec<String>> {
    let mut errors = Vec::new();
    let mut owner: BTreeMap<&str, &Path> = BTreeMap::new();
    for (shard, dir) in shards.iter().zip(dirs) {
        let counties: BTreeSet<&str> = shard.schools.iter().map(|s| s.county.as_str()).collect();
        for county in counties {
            if let Some(first) = owner.insert(county, dir) {
                errors.push(tr!(
                    MergeOverlap,
                    county = county,
                    first = first.display(),
                    second = dir.display()
                ));
            }
        }
    }
    let Some(first) = shards.first() else {
        return Err(vec![tr!(MergeNoShard)]);
    };
    for (shard, dir) in shards.iter().zip(dirs) {
        if shard.summary.horizon != first.summary.horizon {
            errors.push(tr!(
                MergeHorizon,
                dir = dir.display(),
                horizon = shard.summary.horizon.join(", "),
                first = first.summary.horizon.join(", "),
                first_dir = dirs[0].display()
            ));
        }
        if shard.language != first.language {
            errors.push(tr!(
                MergeLanguage,
                dir = dir.display(),
                first_dir = dirs[0].display()
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let language: Language = first.language;
    let summary = merge_summaries(shards.iter().map(|s| &s.summary));

    let mut schools: Vec<ReportSchool> = Vec::new();
    let mut roster: Vec<RosterRow> = Vec::new();
    let mut coverage: Vec<CoverageRow> = Vec::new();
    for shard in shards {
        schools.extend(shard.schools);
        roster.extend(shard.roster);
        coverage.extend(shard.coverage);
    }
    schools.sort_by(|a, b| (&a.county, &a.id).cmp(&(&b.county, &b.id)));
    let county_of: HashMap<&str, &str> = schools
        .iter()
        .map(|s| (s.id.as_str(), s.county.as_str()))
        .collect();
    let unknown: Vec<String> = roster
        .iter()
        .filter(|r| !county_of.contains_key(r.home_school_id.as_str()))
        .map(|r| {
            tr!(
                MergeUnknownSchool,
                teacher = r.teacher_id,
                school = r.home_school_id
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    sort_roster(&mut roster, |r| {
        county_of[r.home_school_id.as_str()].to_string()
    });
    // Stable: a school's subject keeps its terms in horizon order.
    coverage.sort_by(|a, b| {
        (&a.county, &a.school_id, &a.subject).cmp(&(&b.county, &b.school_id, &b.subject))
    });
    Ok(Report {
        roster,
        coverage,
        summary,
        schools,
        language,
        movements: None,
    })
}

/// The whole run's summary from its shards' (see the module doc for the
/// three fields that describe runs).
fn merge_summaries<'a>(mut parts: impl Iterator<Item = &'a Summary>) -> Summary {
    let Some(first) = parts.next() else {
        return Summary::new(crate::output::Status::Error);
    };
    let mut merged = first.clone();
    let m = &mut merged;
    for part in parts {
        // Every field named: a field added to `Summary` needs a rule here.
        let Summary {
            status,
            objective,
            mip_gap,
            reproducible,
            solve_seconds,
            teachers,
            schools,
            counties,
            eligible,
            horizon: _, // checked equal
            exchanges,
            in_force,
            refills,
            shortage_before,
            shortage_after,
            shortage_created,
            rural_shortage_before,
            rural_shortage_after,
            beds_used,
            quota,
            quota_by_school,
            alliance,
            secondment,
            fairness,
            changed_vs_previous,
            infeasibility,
            model,
            warnings,
        } = part;
        if status.severity() > m.status.severity() {
            m.status = *status;
        }
        m.objective = m.objective.zip(*objective).map(|(a, b)| a + b);
        m.mip_gap = m.mip_gap.zip(*mip_gap).map(|(a, b)| a.max(b));
        m.reproducible &= reproducible;
        m.solve_seconds += solve_seconds;
        m.teachers += teachers;
        m.schools += schools;
        m.counties += counties;
        m.eligible += eligible;
        m.exchanges.rotation += exchanges.rotation;
        m.exchanges.support += exchanges.support;
        m.exchanges.shadow += exchanges.shadow;
        m.exchanges.secondment += exchanges.secondment;
        m.exchanges.total += exchanges.total;
        m.in_force += in_force;
        m.refills += refills;
        m.shortage_before += shortage_before;
        m.shortage_after += shortage_after;
        m.shortage_created += shortage_created;
        m.rural_shortage_before += rural_shortage_before;
        m.rural_shortage_after += rural_shortage_after;
        m.beds_used += beds_used;
        m.quota.extend(quota.clone());
        if let Some(by_school) = quota_by_school {
            m.quota_by_school
                .get_or_insert_with(BTreeMap::new)
                .extend(by_school.clone());
        }
        add_group_figures(&mut m.alliance, alliance);
        add_group_figures(&mut m.secondment, secondment);
        m.fairness = m.fairness.zip(*fairness).map(|(a, b)| add_fairness(a, b));
        m.changed_vs_previous = match (m.changed_vs_previous.take(), changed_vs_previous) {
            (Some(a), Some(b)) => Some(add_changes(a, b)),
            (a, b) => a.or_else(|| b.clone()),
        };
        if let Some(lines) = infeasibility {
            m.infeasibility
                .get_or_insert_with(Vec::new)
                .extend(lines.iter().cloned());
        }
        m.model = match (m.model, model) {
            (Some(a), Some(b)) => Some(ModelStats {
                variables: a.variables + b.variables,
                constraints: a.constraints + b.constraints,
                build_seconds: a.build_seconds + b.build_seconds,
            }),
            (a, b) => a.or(*b),
        };
        for warning in warnings {
            if !m.warnings.contains(warning) {
                m.warnings.push(warning.clone());
            }
        }
    }
    merged
}

/// Adds a shard's group target figures (alliance or cadre exchange) to the
/// merged ones. A group across two shards' counties counts in both: its
/// exchanges add up.
fn add_group_figures(
    merged: &mut Option<BTreeMap<String, AllianceFigures>>,
    part: &Option<BTreeMap<String, AllianceFigures>>,
) {
    let Some(groups) = part else {
        return;
    };
    let merged = merged.get_or_insert_with(BTreeMap::new);
    for (group, figures) in groups {
        let into = merged.entry(group.clone()).or_insert(AllianceFigures {
            required: figures.required,
            ..AllianceFigures::default()
        });
        into.lead_to_members += figures.lead_to_members;
        into.members_to_lead += figures.members_to_lead;
    }
}

fn add_fairness(a: Fairness, b: Fairness) -> Fairness {
    let Fairness {
        seniority_inversions,
        volunteers,
        volunteers_sent,
        promotion_needs,
        promotion_served,
        preferences_stated,
        preferences_met,
    } = b;
    Fairness {
        seniority_inversions: a.seniority_inversions + seniority_inversions,
        volunteers: a.volunteers + volunteers,
        volunteers_sent: a.volunteers_sent + volunteers_sent,
        promotion_needs: a.promotion_needs + promotion_needs,
        promotion_served: a.promotion_served + promotion_served,
        preferences_stated: a.preferences_stated + preferences_stated,
        preferences_met: a.preferences_met + preferences_met,
    }
}

/// Both shards' changes; the list by teacher id, as one run writes it.
fn add_changes(a: Changes, b: &Changes) -> Changes {
    let mut list = a.list;
    list.extend(b.list.iter().cloned());
    list.sort_by(|x, y| x.teacher_id.cmp(&y.teacher_id));
    Changes {
        added: a.added + b.added,
        removed: a.removed + b.removed,
        moved: a.moved + b.moved,
        unchanged: a.unchanged + b.unchanged,
        list,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{render_summary, Change, ChangeKind, QuotaFigures, Status};

    fn shard(county: &str, exchanges: u32, warnings: &[&str]) -> Summary {
        let mut s = Summary::new(Status::Optimal);
        s.objective = Some(0.1 + f64::from(exchanges));
        // serde_json without `float_roundtrip` reads this back one ulp off.
        s.mip_gap = Some(1.8108753018765158e-06 * f64::from(exchanges));
        s.counties = 1;
        s.teachers = 10 * exchanges;
        s.exchanges.support = exchanges;
        s.exchanges.total = exchanges;
        s.shortage_before = 5;
        s.shortage_created = 1;
        s.refills = 1;
        s.quota.insert(
            county.into(),
            QuotaFigures {
                required: exchanges,
                ..QuotaFigures::default()
            },
        );
        s.fairness = Some(Fairness {
            volunteers: exchanges,
            ..Fairness::default()
        });
        s.warnings = warnings.iter().map(|w| w.to_string()).collect();
        s
    }

    #[test]
    fn figures_read_back_from_summary_json_are_the_same_numbers() {
        let summary = shard("A", 1, &[]);
        let bytes = render_summary(&summary);
        let read: Summary = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(read, summary);
        assert_eq!(render_summary(&read), bytes);
    }

    #[test]
    fn counts_add_up_maps_join_and_warnings_are_listed_once() {
        let mut a = shard("A", 1, &["data warning", "A warning"]);
        let mut b = shard("B", 2, &["data warning", "B warning"]);
        let change = |id: &str| Change {
            teacher_id: id.into(),
            change: ChangeKind::Added,
            before: None,
            after: Some("x".into()),
        };
        a.changed_vs_previous = Some(Changes {
            added: 1,
            list: vec![change("T9")],
            ..Changes::default()
        });
        b.changed_vs_previous = Some(Changes {
            added: 1,
            list: vec![change("T1")],
            ..Changes::default()
        });
        b.status = Status::Feasible;
        let merged = merge_summaries([&a, &b].into_iter());
        assert_eq!(merged.status, Status::Feasible);
        assert_eq!(merged.counties, 2);
        assert_eq!(merged.teachers, 30);
        assert_eq!(merged.exchanges.total, 3);
        assert_eq!(merged.shortage_before, 10);
        assert_eq!((merged.shortage_created, merged.refills), (2, 2));
        assert_eq!(merged.quota.keys().collect::<Vec<_>>(), ["A", "B"]);
        assert_eq!(merged.mip_gap, b.mip_gap);
        assert_eq!(merged.objective, Some(1.1 + 2.1));
        assert_eq!(merged.fairness.unwrap().volunteers, 3);
        assert_eq!(merged.warnings, ["data warning", "A warning", "B warning"]);
        let changes = merged.changed_vs_previous.unwrap();
        assert_eq!(changes.added, 2);
        assert_eq!(
            changes
                .list
                .iter()
                .map(|c| c.teacher_id.as_str())
                .collect::<Vec<_>>(),
            ["T1", "T9"]
        );
    }
}
