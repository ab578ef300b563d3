//! The optional files (SPEC §3): `distances.csv`, `preferences.csv`,
//! `locks.csv` and `forbidden.csv`. A missing file means "none".

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::domain::{
    Horizon, Kind, Lock, Policy, Preference, SchoolIx, Subject, Teacher, TeacherIx,
};
use crate::lang::{tr, Language, Msg};

use super::demand::not_a_term;
use super::ids::Ids;
use super::table::{Column, Problems, Table};

const TEACHER_ID: Column = Column::required("teacher_id", &["工号"]);
const SCHOOL_ID: Column = Column::required("school_id", &["学校代码"]);

/// Road distances keyed by (from, to). A pair given in one direction holds
/// both ways; a pair given in both directions keeps each its own figure.
pub(crate) fn distances(
    dir: &Path,
    schools: &Ids,
    problems: &Problems,
) -> HashMap<(SchoolIx, SchoolIx), f64> {
    const FROM: Column = Column::required("from_id", &["出发学校代码"]);
    const TO: Column = Column::required("to_id", &["到达学校代码"]);
    const KM: Column = Column::required("km", &["公里", "距离"]);
    let mut given: HashMap<(SchoolIx, SchoolIx), (f64, u64)> = HashMap::new();
    let Some(table) = Table::read_optional(&dir.join("distances.csv"), &[FROM, TO, KM], problems)
    else {
        return HashMap::new();
    };
    for row in table.rows() {
        let from = schools.resolve_required(&row, &FROM);
        let to = schools.resolve_required(&row, &TO);
        let km = row.required_text(&KM).and_then(|_| {
            let km = row.non_negative(&KM);
            row.within(&KM, km, (0.0, 5000.0), Msg::RangeKm)
        });
        let (Some(from), Some(to), Some(km)) = (from, to, km) else {
            continue;
        };
        if from == to {
            row.error(&TO, tr!(DistanceSameSchool));
            continue;
        }
        match given.entry((from, to)) {
            Entry::Occupied(first) => row.error(
                &TO,
                tr!(DistanceTwice, from = row.raw(&FROM), line = first.get().1),
            ),
            Entry::Vacant(slot) => {
                slot.insert((km, row.line));
            }
        }
    }
    let mut distances: HashMap<(SchoolIx, SchoolIx), f64> =
        given.iter().map(|(&pair, &(km, _))| (pair, km)).collect();
    for (&(from, to), &(km, _)) in &given {
        distances.entry((to, from)).or_insert(km);
    }
    distances
}

pub(crate) fn preferences(
    dir: &Path,
    teachers: &Ids,
    schools: &Ids,
    problems: &Problems,
) -> Vec<Preference> {
    const RANK: Column = Column::required("rank", &["志愿顺序"]);
    let mut preferences = Vec::new();
    let Some(table) = Table::read_optional(
        &dir.join("preferences.csv"),
        &[TEACHER_ID, SCHOOL_ID, RANK],
        problems,
    ) else {
        return preferences;
    };
    let mut seen: HashMap<(TeacherIx, SchoolIx), u64> = HashMap::new();
    for row in table.rows() {
        let teacher = teachers.resolve_required(&row, &TEACHER_ID);
        let school = schools.resolve_required(&row, &SCHOOL_ID);
        let rank = row.within(&RANK, row.required::<u32>(&RANK), (1, 1000), Msg::RangeRank);
        let (Some(teacher), Some(school), Some(rank)) = (teacher, school, rank) else {
            continue;
        };
        if let Some(first) = seen.insert((teacher, school), row.line) {
            row.error(&SCHOOL_ID, tr!(PreferenceTwice, line = first));
            continue;
        }
        preferences.push(Preference {
            teacher,
            school,
            rank,
        });
    }
    preferences
}

/// Locks: at most one per teacher; one without a host means "stays".
pub(crate) fn locks(
    dir: &Path,
    policy: &Policy,
    horizon: &Horizon,
    teachers: &Ids,
    teacher_list: &[Teacher],
    schools: &Ids,
    problems: &Problems,
) -> Vec<Lock> {
    const HOST: Column = Column::required("host_school_id", &["接收学校代码"]);
    const KIND: Column = Column::optional("kind", &["交流类型"]);
    const SUBJECT: Column = Column::optional("subject", &["学科"]);
    const START_TERM: Column = Column::optional("start_term", &["开始学期"]);
    let mut locks = Vec::new();
    let Some(table) = Table::read_optional(
        &dir.join("locks.csv"),
        &[TEACHER_ID, HOST, KIND, SUBJECT, START_TERM],
        problems,
    ) else {
        return locks;
    };
    let mut seen: HashMap<TeacherIx, u64> = HashMap::new();
    for row in table.rows() {
        let teacher = teachers.resolve_required(&row, &TEACHER_ID);
        let host = schools.resolve(&row, &HOST);
        let kind = row.get::<Kind>(&KIND);
        let subject = row.text(&SUBJECT).map(Subject::new);
        let start = row.text(&START_TERM).and_then(|term| {
            let index = horizon.term_index(term);
            if index.is_none() {
                row.error(&START_TERM, not_a_term(horizon));
            }
            index
        });
        if row.text(&HOST).is_none() {
            for column in [&KIND, &SUBJECT, &START_TERM] {
                if row.text(column).is_some() {
                    row.error(column, tr!(LockStayWithDetails));
                }
            }
        }
        if let (Some(kind), Some(start)) = (kind, start) {
            let starts: Vec<&str> = kind
                .spans(policy, horizon)
                .iter()
                .map(|&(first, _)| horizon.terms[first].id.as_str())
                .collect();
            if !starts.contains(&horizon.terms[start].id.as_str()) {
                row.error(
                    &START_TERM,
                    tr!(
                        LockStartTerm,
                        kind = Language::current().kind(kind),
                        starts = if starts.is_empty() {
                            tr!(LockNoStartTerm)
                        } else {
                            starts.join(", ")
                        }
                    ),
                );
            }
        }
        let Some(teacher) = teacher else {
            continue;
        };
        // A lock that can never hold is a data error, not an infeasible model.
        if let Some(locked) = teacher_list.get(teacher) {
            if host.is_some() && host == Some(locked.school) {
                row.error(&HOST, tr!(LockHostIsHome));
            }
            if let Some(subject) = subject.as_ref().filter(|s| !locked.is_qualified(s)) {
                let theirs: Vec<&str> = locked.subjects.iter().map(Subject::as_str).collect();
                row.error(
                    &SUBJECT,
                    tr!(
                        LockNotQualified,
                        subject = subject,
                        theirs = theirs.join(";")
                    ),
                );
            }
        }
        if let Some(first) = seen.insert(teacher, row.line) {
            row.error(&TEACHER_ID, tr!(LockTwice, line = first));
            continue;
        }
        locks.push(Lock {
            teacher,
            host,
            kind,
            subject,
            start_term: start.map(|ix| horizon.terms[ix].id.clone()),
        });
    }
    locks
}

pub(crate) fn forbidden(
    dir: &Path,
    teachers: &Ids,
    schools: &Ids,
    problems: &Problems,
) -> Vec<(TeacherIx, SchoolIx)> {
    let mut forbidden = Vec::new();
    let Some(table) = Table::read_optional(
        &dir.join("forbidden.csv"),
        &[TEACHER_ID, SCHOOL_ID],
        problems,
    ) else {
        return forbidden;
    };
    let mut seen = HashSet::new();
    for row in table.rows() {
        let teacher = teachers.resolve_required(&row, &TEACHER_ID);
        let school = schools.resolve_required(&row, &SCHOOL_ID);
        if let (Some(teacher), Some(school)) = (teacher, school) {
            if seen.insert((teacher, school)) {
                forbidden.push((teacher, school));
            }
        }
    }
    forbidden
}
