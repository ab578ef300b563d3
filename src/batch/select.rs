//! `solve --county C …` (SPEC §5): one shard of a batch split by county.
//!
//! The shard is the data set *restricted* to the chosen counties — their
//! schools, teachers, demand and extras, re-indexed — rather than the whole
//! data set with the other counties switched off. Every figure the run
//! writes (teachers, eligible, shortage, quota, fairness, …) is then the
//! chosen counties' own without each one having to know about shards, and
//! is what a run over all counties writes for them, because counties are
//! independent: a teacher only ever moves within the own county (rule 4),
//! and every rule and target is per school, per county or per group.
//!
//! The exceptions are the ties across counties that the data can hold, and
//! a county tied to a chosen one is brought into the shard (and the run
//! says so):
//! - a couple living in two counties (rule 8 ties their rosters; the
//!   solver solves such counties as one unit);
//! - a lock or a preference of a chosen county's teacher naming a school of
//!   another county: such a lock can never hold, and the run over all
//!   counties says so for the teacher's county; the preference can never
//!   be met but counts as stated. Keeping the named school keeps both the
//!   same in the shard.
//!
//! A forbidden pair or a distance row naming a school outside the shard
//! can change nothing inside it (rule 4 already keeps the pair apart) and is
//! dropped.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::domain::{Dataset, SchoolIx, TeacherIx};
use crate::lang::tr;

/// Why a county was brought into a shard that did not ask for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Tie {
    /// The county brought in.
    pub(crate) county: String,
    /// The chosen (or already brought in) county it is tied to.
    pub(crate) with: String,
    /// What ties them, e.g. "teachers T1 and T2 are a couple (rule 8)".
    pub(crate) because: String,
}

impl std::fmt::Display for Tie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&tr!(
            TieCounty,
            county = self.county,
            with = self.with,
            because = self.because
        ))
    }
}

/// The counties a shard solves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Selection {
    pub(crate) counties: BTreeSet<String>,
    /// The counties added to those asked for, and why.
    pub(crate) ties: Vec<Tie>,
}

/// The counties `asked` for plus every county tied to them; an unknown
/// county is an error naming it and the known ones.
pub(crate) fn select(dataset: &Dataset, asked: &[String]) -> Result<Selection, Vec<String>> {
    let known = dataset.counties();
    let unknown: Vec<String> = asked
        .iter()
        .filter(|c| !known.contains(&c.trim().to_string()))
        .map(|c| {
            tr!(
                SelectUnknownCounty,
                county = format!("{c:?}"),
                counties = known.join(", ")
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let mut counties: BTreeSet<String> = asked.iter().map(|c| c.trim().to_string()).collect();
    let mut ties = Vec::new();
    let mut queue: Vec<String> = counties.iter().cloned().collect();
    let by_county = teachers_by_county(dataset);
    while let Some(county) = queue.pop() {
        for &t in by_county.get(county.as_str()).into_iter().flatten() {
            for (other, because) in ties_of(dataset, t) {
                if counties.insert(other.clone()) {
                    queue.push(other.clone());
                    ties.push(Tie {
                        county: other,
                        with: county.clone(),
                        because,
                    });
                }
            }
        }
    }
    Ok(Selection { counties, ties })
}

fn teachers_by_county(dataset: &Dataset) -> HashMap<&str, Vec<TeacherIx>> {
    let mut by_county: HashMap<&str, Vec<TeacherIx>> = HashMap::new();
    for (t, teacher) in dataset.teachers.iter().enumerate() {
        by_county
            .entry(dataset.schools[teacher.school].county.as_str())
            .or_default()
            .push(t);
    }
    by_county
}

/// The other counties teacher `t`'s rows name, each with what names it.
fn ties_of(dataset: &Dataset, t: TeacherIx) -> Vec<(String, String)> {
    let teacher = &dataset.teachers[t];
    let own = &dataset.schools[teacher.school].county;
    let county_of_school = |s: SchoolIx| &dataset.schools[s].county;
    let mut ties = Vec::new();
    if let Some(spouse) = teacher.spouse {
        let other = county_of_school(dataset.teachers[spouse].school);
        ties.push((
            other.clone(),
            tr!(TieCouple, a = teacher.id, b = dataset.teachers[spouse].id),
        ));
    }
    for lock in dataset.locks.iter().filter(|l| l.teacher == t) {
        if let Some(host) = lock.host {
            ties.push((
                county_of_school(host).clone(),
                tr!(
                    TieLock,
                    teacher = teacher.id,
                    school = dataset.schools[host].id
                ),
            ));
        }
    }
    for preference in dataset.preferences.iter().filter(|p| p.teacher == t) {
        ties.push((
            county_of_school(preference.school).clone(),
            tr!(
                TiePreference,
                teacher = teacher.id,
                school = dataset.schools[preference.school].id
            ),
        ));
    }
    ties.retain(|(county, _)| county != own);
    ties
}

/// The data set restricted to `counties` (see the module doc), every index
/// renumbered. Schools and teachers keep their relative order, so sorted
/// outputs come out in the same order as from the whole data set.
pub(crate) fn restrict(dataset: &Dataset, counties: &BTreeSet<String>) -> Dataset {
    // Every field named: a field added to `Dataset` must be restricted here
    // too, or this stops compiling.
    let Dataset {
        schools,
        teachers,
        demand,
        distance_overrides,
        preferences,
        locks,
        forbidden,
        in_force,
        warnings,
    } = dataset;
    let school_ix: HashMap<SchoolIx, SchoolIx> = schools
        .iter()
        .enumerate()
        .filter(|(_, s)| counties.contains(&s.county))
        .enumerate()
        .map(|(new, (old, _))| (old, new))
        .collect();
    let teacher_ix: HashMap<TeacherIx, TeacherIx> = teachers
        .iter()
        .enumerate()
        .filter(|(_, t)| school_ix.contains_key(&t.school))
        .enumerate()
        .map(|(new, (old, _))| (old, new))
        .collect();
    let school = |old: &SchoolIx| school_ix.get(old).copied();
    let teacher = |old: &TeacherIx| teacher_ix.get(old).copied();
    Dataset {
        schools: schools
            .iter()
            .filter(|s| counties.contains(&s.county))
            .cloned()
            .collect(),
        teachers: teachers
            .iter()
            .filter_map(|t| {
                let mut kept = t.clone();
                kept.school = school(&t.school)?;
                // `select` brings a spouse's county in; a spouse left out
                // would mean a caller skipped `select`.
                kept.spouse = t.spouse.and_then(|s| teacher(&s));
                Some(kept)
            })
            .collect(),
        demand: demand
            .iter()
            .filter_map(|((s, subject), figure)| Some(((school(s)?, *subject), figure.clone())))
            .collect::<BTreeMap<_, _>>(),
        distance_overrides: distance_overrides
            .iter()
            .filter_map(|((a, b), km)| Some(((school(a)?, school(b)?), *km)))
            .collect(),
        preferences: preferences
            .iter()
            .filter_map(|p| {
                let mut kept = p.clone();
                kept.teacher = teacher(&p.teacher)?;
                kept.school = school(&p.school)?;
                Some(kept)
            })
            .collect(),
        locks: locks
            .iter()
            .filter_map(|l| {
                let mut kept = l.clone();
                kept.teacher = teacher(&l.teacher)?;
                kept.host = match l.host {
                    Some(host) => Some(school(&host)?),
                    None => None,
                };
                Some(kept)
            })
            .collect(),
        forbidden: forbidden
            .iter()
            .filter_map(|(t, s)| Some((teacher(t)?, school(s)?)))
            .collect(),
        in_force: in_force
            .iter()
            .filter_map(|f| {
                let mut kept = f.clone();
                kept.exchange.teacher = teacher(&f.exchange.teacher)?;
                kept.exchange.host = school(&f.exchange.host)?;
                Some(kept)
            })
            .collect(),
        warnings: warnings.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::fixture::Builder;
    use crate::domain::{Area, Lock};

    /// Counties A, B, C; a couple across A and B; a lock of a C teacher to
    /// a school of A.
    fn three_counties() -> Dataset {
        let mut b = Builder::default();
        for (school, county) in [("A1", "A"), ("A2", "A"), ("B1", "B"), ("C1", "C")] {
            b.school(school, county, Area::Rural);
            b.fillers(school, 2, "math");
            b.demand(school, "math", 3);
        }
        b.teacher("a", "A2", "math");
        b.teacher("b", "B1", "math");
        b.teacher("c", "C1", "math");
        b.spouses("a", "b");
        b.km("A1", "A2", 12.0);
        b.km("A1", "C1", 40.0);
        let mut dataset = b.build();
        let (c, a1) = (
            dataset.teacher_index("c").unwrap(),
            dataset.school_index("A1").unwrap(),
        );
        dataset.locks.push(Lock {
            teacher: c,
            host: Some(a1),
            kind: None,
            subject: None,
            start_term: None,
        });
        dataset
    }

    fn set(counties: &[&str]) -> BTreeSet<String> {
        counties.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn an_unknown_county_is_named() {
        let err = select(&three_counties(), &["A".into(), "Z".into()]).unwrap_err();
        assert_eq!(err.len(), 1);
        assert!(
            err[0].contains("\"Z\"") && err[0].contains("A, B, C"),
            "{err:?}"
        );
    }

    #[test]
    fn a_couple_brings_the_partner_county_in() {
        let dataset = three_counties();
        let mut b_only = select(&dataset, &["B".into()]).unwrap();
        // B's teacher b is married to a of county A.
        assert_eq!(b_only.counties, set(&["A", "B"]));
        let tie = b_only.ties.pop().unwrap();
        assert_eq!(
            tie.to_string(),
            "county A is solved with county B: teachers b and a are a couple (rule 8)"
        );
    }

    #[test]
    fn ties_are_followed_from_county_to_county() {
        let dataset = three_counties();
        let c = select(&dataset, &["C".into()]).unwrap();
        // C's lock names A1; A's teacher a is married into B.
        assert_eq!(c.counties, set(&["A", "B", "C"]));
        assert_eq!(
            c.ties.iter().map(|t| t.county.as_str()).collect::<Vec<_>>(),
            ["A", "B"]
        );
        assert!(c.ties[0]
            .because
            .contains("lock of teacher c names school A1"));
        assert_eq!(
            select(&dataset, &["A".into()]).unwrap().counties,
            set(&["A", "B"])
        );
    }

    #[test]
    fn restricting_renumbers_every_reference() {
        let dataset = three_counties();
        let shard = restrict(&dataset, &set(&["A", "B"]));
        assert_eq!(shard.counties(), ["A", "B"]);
        assert_eq!(shard.schools.len(), 3);
        assert_eq!(shard.teachers.len(), 3 * 2 + 2);
        for teacher in &shard.teachers {
            let before = &dataset.teachers[dataset.teacher_index(&teacher.id).unwrap()];
            assert_eq!(
                shard.schools[teacher.school].id,
                dataset.schools[before.school].id
            );
            assert_eq!(
                teacher.spouse.map(|s| &shard.teachers[s].id),
                before.spouse.map(|s| &dataset.teachers[s].id)
            );
        }
        let a = shard.teacher_index("a").unwrap();
        assert_eq!(shard.teachers[shard.teachers[a].spouse.unwrap()].id, "b");
        assert_eq!(shard.demand.len(), 3);
        assert!(shard.demand.keys().all(|(s, _)| *s < shard.schools.len()));
        // Pairs among the three schools stay, pairs with C1 go; C's lock
        // goes with C.
        assert_eq!(shard.distance_overrides.len(), 3 * 2);
        let (a1, a2) = (
            shard.school_index("A1").unwrap(),
            shard.school_index("A2").unwrap(),
        );
        assert_eq!(shard.distance_overrides[&(a2, a1)], 12.0);
        assert!(shard.locks.is_empty());
        assert_eq!(shard.warnings, dataset.warnings);
    }
}
