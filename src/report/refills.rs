//! Which arrivals refill a post that another exchange frees (SPEC §1
//! "refill"), for the `refill:TEACHER_ID` reason code and the summary's
//! `refills` count.
//!
//! A roster says how many teachers arrive at a school in a subject and who
//! leaves it, not which arrival takes which post; this module fixes one
//! reading, deterministically, per school and subject:
//!
//! 1. the arrivals that take a post are taken in order of start term, then
//!    teacher id;
//! 2. in each term an arrival covers, it takes one of the posts short
//!    before the plan (`demand - staff before`) while any is left;
//! 3. otherwise it takes the post of the first teacher of that school and
//!    primary subject (by teacher id) who is away that term and whose post
//!    no earlier arrival has taken that term: the arrival refills that
//!    teacher's post, and its reasons say `refill:THAT_TEACHER_ID`.
//!
//! An arrival that refills in several terms names each teacher whose post
//! it takes, once. Rule 7 guarantees a post for every arrival, so step 3
//! always finds one in a valid roster.

use std::collections::{BTreeMap, HashMap};

use super::staffing::Staffing;
use crate::domain::{Dataset, Exchange, Horizon, Policy, SchoolIx, Subject, TeacherIx};

/// For each arriving teacher who refills, the teachers whose posts they take.
pub(crate) struct Refills {
    freed_by: HashMap<TeacherIx, Vec<TeacherIx>>,
}

impl Refills {
    pub(crate) fn new(
        dataset: &Dataset,
        policy: &Policy,
        horizon: &Horizon,
        staffing: &Staffing,
        exchanges: &[Exchange],
    ) -> Refills {
        let id = |t: TeacherIx| dataset.teachers[t].id.as_str();
        let mut arriving: BTreeMap<(SchoolIx, &Subject), Vec<&Exchange>> = BTreeMap::new();
        let mut leaving: HashMap<(SchoolIx, &Subject), Vec<&Exchange>> = HashMap::new();
        for exchange in exchanges {
            if exchange.kind.fills_post(policy) {
                arriving
                    .entry((exchange.host, &exchange.subject))
                    .or_default()
                    .push(exchange);
            }
            let teacher = &dataset.teachers[exchange.teacher];
            leaving
                .entry((teacher.school, teacher.primary_subject()))
                .or_default()
                .push(exchange);
        }
        let mut freed_by: HashMap<TeacherIx, Vec<TeacherIx>> = HashMap::new();
        for ((school, subject), mut arrivals) in arriving {
            arrivals
                .sort_by(|a, b| (a.start_term, id(a.teacher)).cmp(&(b.start_term, id(b.teacher))));
            let mut departures = leaving.remove(&(school, subject)).unwrap_or_default();
            departures.sort_by_key(|e| id(e.teacher));
            for term in 0..horizon.len() {
                let demand = dataset.posts(school, subject, &horizon.terms[term].id);
                let before = staffing.before(school, subject, term);
                let mut short = demand.saturating_sub(before);
                let mut freed = departures.iter().filter(|e| e.covers(term));
                for arrival in arrivals.iter().filter(|e| e.covers(term)) {
                    if short > 0 {
                        short -= 1;
                    } else if let Some(departure) = freed.next() {
                        let posts = freed_by.entry(arrival.teacher).or_default();
                        if !posts.contains(&departure.teacher) {
                            posts.push(departure.teacher);
                        }
                    }
                }
            }
        }
        Refills { freed_by }
    }

    /// The teachers whose posts `teacher` takes (empty if none).
    pub(crate) fn freed_for(&self, teacher: TeacherIx) -> &[TeacherIx] {
        self.freed_by.get(&teacher).map_or(&[], Vec::as_slice)
    }

    /// How many exchanges refill at least one post.
    pub(crate) fn count(&self) -> usize {
        self.freed_by.len()
    }
}
