//! Exchanges in force (SPEC §1, §3 `in_force.csv`): exchanges an earlier
//! plan decided that still run in the horizon, such as the second year of a
//! three-year rotation. They are facts, not decisions: every rule that ties
//! exchanges together (staff, departures, beds, mentors, couples,
//! secondment places) counts
//! them in every term they overlap, their teachers take no new exchange, and
//! nothing changes them.
//!
//! [`InForceBase`] is what they already take, per school and term. The
//! model folds it into its base quantities, `check` counts it next to the
//! roster's rows, and the coverage figures start from it ("before" means
//! with the in-force exchanges), so all three read it the same way.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::geo::Distances;
use super::{Dataset, Exchange, Horizon, Policy, SchoolIx, Subject, TeacherIx};

/// One in-force exchange. `exchange.start_term..=exchange.end_term` are the
/// horizon terms its dates overlap; the dates are the ones `in_force.csv`
/// gives.
#[derive(Clone, Debug, PartialEq)]
pub struct InForce {
    pub exchange: Exchange,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
}

/// The horizon terms (first, last) that the days `start..=end` overlap, or
/// `None` when they overlap none.
pub fn overlapped_terms(
    horizon: &Horizon,
    start: NaiveDate,
    end: NaiveDate,
) -> Option<(usize, usize)> {
    let overlapping: Vec<usize> = (0..horizon.len())
        .filter(|&i| horizon.terms[i].start <= end && start <= horizon.terms[i].end)
        .collect();
    Some((*overlapping.first()?, *overlapping.last()?))
}

/// What the in-force exchanges already take, per school, subject and term.
#[derive(Clone, Debug, Default)]
pub(crate) struct InForceBase {
    /// Own teachers of a school away on an in-force exchange (rule 6).
    away: HashMap<(SchoolIx, usize), u32>,
    /// Own teachers of a school and primary subject away.
    departed: HashMap<(SchoolIx, Subject, usize), u32>,
    /// In-force arrivals taking a post of the subject at the host (a
    /// `shadow` one too with `shadow.fills_post`).
    arrived: HashMap<(SchoolIx, Subject, usize), u32>,
    /// Own backbone teachers of a school and primary subject away: they
    /// mentor nobody at home (rule 10).
    mentors_away: HashMap<(SchoolIx, Subject, usize), u32>,
    /// In-force shadowing teachers at the host, each with a mentor.
    shadows: HashMap<(SchoolIx, Subject, usize), u32>,
    /// In-force seconded cadres at the host (rule 12).
    secondees: HashMap<(SchoolIx, usize), u32>,
    /// Dormitory beds in-force exchanges beyond commuting distance use.
    beds: HashMap<(SchoolIx, usize), u32>,
    /// Where an in-force teacher is in a term they are away.
    host_of: HashMap<(TeacherIx, usize), SchoolIx>,
}

impl InForceBase {
    pub(crate) fn new(dataset: &Dataset, policy: &Policy) -> InForceBase {
        let distances = Distances::new(dataset, policy.distance.road_factor);
        let mut base = InForceBase::default();
        for in_force in &dataset.in_force {
            let e = &in_force.exchange;
            let teacher = &dataset.teachers[e.teacher];
            let home = teacher.school;
            let primary = *teacher.primary_subject();
            let needs_bed = distances
                .km(home, e.host)
                .is_some_and(|km| km > policy.distance.commute_km);
            for term in e.start_term..=e.end_term {
                *base.away.entry((home, term)).or_insert(0) += 1;
                *base.departed.entry((home, primary, term)).or_insert(0) += 1;
                if teacher.backbone.is_backbone() {
                    *base.mentors_away.entry((home, primary, term)).or_insert(0) += 1;
                }
                let at_host = (e.host, e.subject, term);
                if e.kind.fills_post(policy) {
                    *base.arrived.entry(at_host).or_insert(0) += 1;
                }
                if e.kind.needs_mentor() {
                    *base.shadows.entry(at_host).or_insert(0) += 1;
                }
                if e.kind.takes_secondment_place() {
                    *base.secondees.entry((e.host, term)).or_insert(0) += 1;
                }
                if needs_bed {
                    *base.beds.entry((e.host, term)).or_insert(0) += 1;
                }
                base.host_of.insert((e.teacher, term), e.host);
            }
        }
        base
    }

    fn get<K: Eq + std::hash::Hash>(map: &HashMap<K, u32>, key: &K) -> u32 {
        map.get(key).copied().unwrap_or(0)
    }

    /// Own teachers of `school` away in `term`.
    pub(crate) fn away(&self, school: SchoolIx, term: usize) -> u32 {
        Self::get(&self.away, &(school, term))
    }

    /// Own teachers of `school` with primary `subject` away in `term`.
    pub(crate) fn departed(&self, school: SchoolIx, subject: &Subject, term: usize) -> u32 {
        Self::get(&self.departed, &(school, *subject, term))
    }

    /// Arrivals taking a post of `subject` at `school` in `term`.
    pub(crate) fn arrived(&self, school: SchoolIx, subject: &Subject, term: usize) -> u32 {
        Self::get(&self.arrived, &(school, *subject, term))
    }

    /// Backbone teachers of `school` and primary `subject` away in `term`.
    pub(crate) fn mentors_away(&self, school: SchoolIx, subject: &Subject, term: usize) -> u32 {
        Self::get(&self.mentors_away, &(school, *subject, term))
    }

    /// Shadowing teachers of `subject` at `school` in `term`.
    pub(crate) fn shadows(&self, school: SchoolIx, subject: &Subject, term: usize) -> u32 {
        Self::get(&self.shadows, &(school, *subject, term))
    }

    /// Seconded cadres at `school` in `term` (rule 12).
    pub(crate) fn secondees(&self, school: SchoolIx, term: usize) -> u32 {
        Self::get(&self.secondees, &(school, term))
    }

    /// Beds at `school` in use in `term`.
    pub(crate) fn beds(&self, school: SchoolIx, term: usize) -> u32 {
        Self::get(&self.beds, &(school, term))
    }

    /// The host where teacher `t` is in `term` on an in-force exchange.
    pub(crate) fn host_of(&self, t: TeacherIx, term: usize) -> Option<SchoolIx> {
        self.host_of.get(&(t, term)).copied()
    }

    /// Staff of `subject` at `school` in `term` before the roster: `own`
    /// teachers of that primary subject, less those away, plus arrivals.
    pub(crate) fn staff(&self, own: u32, school: SchoolIx, subject: &Subject, term: usize) -> u32 {
        (own + self.arrived(school, subject, term))
            .saturating_sub(self.departed(school, subject, term))
    }

    /// Every (school, subject, term) the in-force exchanges change staff at.
    pub(crate) fn staffed_places(&self) -> impl Iterator<Item = &(SchoolIx, Subject, usize)> {
        self.arrived.keys().chain(self.departed.keys())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Term;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn an_exchange_covers_the_terms_its_days_overlap() {
        let horizon = Horizon {
            terms: vec![
                Term {
                    id: "a".into(),
                    start: day(2027, 9, 1),
                    end: day(2028, 1, 20),
                },
                Term {
                    id: "s".into(),
                    start: day(2028, 2, 21),
                    end: day(2028, 7, 10),
                },
            ],
        };
        let year_two = overlapped_terms(&horizon, day(2026, 9, 1), day(2029, 8, 31));
        assert_eq!(year_two, Some((0, 1)));
        let ends_in_autumn = overlapped_terms(&horizon, day(2027, 2, 21), day(2028, 1, 20));
        assert_eq!(ends_in_autumn, Some((0, 0)));
        let ended = overlapped_terms(&horizon, day(2026, 9, 1), day(2027, 7, 10));
        assert_eq!(ended, None);
    }
}
