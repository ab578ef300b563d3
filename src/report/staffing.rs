//! Staff per school, subject and term before and after a roster (SPEC §1:
//! own teachers of that primary subject who are not away, plus `rotation`
//! and `support` teachers arriving to teach it, and `shadow` learners with
//! `shadow.fills_post`). "Before" counts the exchanges in force (SPEC §2).

use std::collections::HashMap;

use crate::domain::in_force::InForceBase;
use crate::domain::{Dataset, Exchange, Policy, SchoolIx, Subject};

pub(crate) struct Staffing {
    /// Own teachers per school and primary subject.
    base: HashMap<(SchoolIx, Subject), u32>,
    in_force: InForceBase,
    away: HashMap<(SchoolIx, Subject, usize), u32>,
    arriving: HashMap<(SchoolIx, Subject, usize), u32>,
}

impl Staffing {
    pub(crate) fn new(dataset: &Dataset, policy: &Policy, exchanges: &[Exchange]) -> Staffing {
        let mut base = HashMap::new();
        for teacher in &dataset.teachers {
            *base
                .entry((teacher.school, *teacher.primary_subject()))
                .or_insert(0) += 1;
        }
        let mut away = HashMap::new();
        let mut arriving = HashMap::new();
        for exchange in exchanges {
            let teacher = &dataset.teachers[exchange.teacher];
            for term in exchange.start_term..=exchange.end_term {
                *away
                    .entry((teacher.school, *teacher.primary_subject(), term))
                    .or_insert(0) += 1;
                if exchange.kind.fills_post(policy) {
                    *arriving
                        .entry((exchange.host, exchange.subject, term))
                        .or_insert(0) += 1;
                }
            }
        }
        Staffing {
            base,
            in_force: InForceBase::new(dataset, policy),
            away,
            arriving,
        }
    }

    /// Staff before the roster, with the exchanges in force.
    pub(crate) fn before(&self, school: SchoolIx, subject: &Subject, term: usize) -> u32 {
        let own = self.base.get(&(school, *subject)).copied().unwrap_or(0);
        self.in_force.staff(own, school, subject, term)
    }

    pub(crate) fn after(&self, school: SchoolIx, subject: &Subject, term: usize) -> u32 {
        let (away, arriving) = self.movement(school, subject, term);
        (self.before(school, subject, term) + arriving).saturating_sub(away)
    }

    /// (departures, arrivals) in a school, subject and term: own teachers
    /// of that primary subject away, and arrivals taking a post of it; what
    /// takes [`Staffing::before`] to [`Staffing::after`].
    pub(crate) fn movement(&self, school: SchoolIx, subject: &Subject, term: usize) -> (u32, u32) {
        let key = (school, *subject, term);
        (
            self.away.get(&key).copied().unwrap_or(0),
            self.arriving.get(&key).copied().unwrap_or(0),
        )
    }

    /// Subjects each school has staff in, before or after the roster.
    pub(crate) fn subjects_by_school(&self) -> HashMap<SchoolIx, Vec<Subject>> {
        let mut by_school: HashMap<SchoolIx, Vec<Subject>> = HashMap::new();
        let after = self.arriving.keys().map(|(s, subj, _)| (s, subj));
        let in_force = self.in_force.staffed_places().map(|(s, subj, _)| (s, subj));
        let own = self.base.keys().map(|(s, subj)| (s, subj));
        for (school, subject) in own.chain(after).chain(in_force) {
            by_school.entry(*school).or_default().push(*subject);
        }
        by_school
    }
}
