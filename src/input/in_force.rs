//! `in_force.csv` (SPEC §3): exchanges decided by earlier plans. A row that
//! ended before the horizon's first day only sets its teacher's last
//! exchange end (the rule 3 cooldown); a row running into the horizon is an
//! exchange in force; a row starting on or after the first day is an error
//! (it is a decision of this plan: put it in `locks.csv`).
//!
//! A `roster.csv` an earlier run wrote is a valid `in_force.csv` as it is:
//! its exchange columns are these, and its other columns are known here so
//! they are ignored without a warning.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::domain::in_force::{overlapped_terms, InForce};
use crate::domain::{Exchange, Horizon, Kind, Subject, Teacher, TeacherIx};
use crate::lang::tr;

use super::ids::Ids;
use super::table::{Column, Problems, Row, Table};
use super::Diagnostic;

const TEACHER_ID: Column = Column::required("teacher_id", &["工号"]);
const KIND: Column = Column::required("kind", &["交流类型"]);
const SUBJECT: Column = Column::required("subject", &["学科"]);
const HOME: Column = Column::required("home_school_id", &["派出学校代码"]);
const HOST: Column = Column::required("host_school_id", &["接收学校代码"]);
const START_DATE: Column = Column::required("start_date", &["开始日期"]);
const END_DATE: Column = Column::required("end_date", &["结束日期"]);

/// A roster's other columns (SPEC §4), read by nobody here.
const ROSTER_ONLY: [Column; 6] = [
    Column::optional("teacher_name", &["姓名"]),
    Column::optional("start_term", &["开始学期"]),
    Column::optional("end_term", &["结束学期"]),
    Column::optional("distance_km", &["距离公里"]),
    Column::optional("needs_bed", &["需要宿舍"]),
    Column::optional("reasons", &["原因"]),
];

pub(crate) const FILE: &str = "in_force.csv";

/// Reads `in_force.csv` if present: returns the exchanges in force, and
/// moves each row's teacher's `last_exchange_end` to the row's end when it
/// is later. Then checks that every `last_exchange_end` after the horizon's
/// first day is one an in-force row explains.
pub(crate) fn read(
    dir: &Path,
    horizon: &Horizon,
    teacher_ids: &Ids,
    teachers: &mut [Teacher],
    school_ids: &Ids,
    problems: &Problems,
) -> Vec<InForce> {
    let mut in_force = Vec::new();
    let mut columns = vec![TEACHER_ID, KIND, SUBJECT, HOME, HOST, START_DATE, END_DATE];
    columns.extend(ROSTER_ONLY);
    let table = Table::read_optional(&dir.join(FILE), &columns, problems);
    let Some(first_day) = horizon.terms.first().map(|t| t.start) else {
        return in_force;
    };
    // Line of each teacher's running row, to report a second one.
    let mut running: HashMap<TeacherIx, u64> = HashMap::new();
    for row in table.iter().flat_map(|table| table.rows()) {
        let Some(read) = read_row(&row, first_day, teacher_ids, teachers, school_ids) else {
            continue;
        };
        let teacher = &mut teachers[read.teacher];
        if teacher.last_exchange_end.is_none_or(|end| end < read.end) {
            teacher.last_exchange_end = Some(read.end);
        }
        let Some((start_term, end_term)) = overlapped_terms(horizon, read.start, read.end) else {
            continue; // ended: only the cooldown
        };
        if let Some(first) = running.insert(read.teacher, row.line) {
            row.error(&TEACHER_ID, tr!(InForceTwice, line = first));
            continue;
        }
        in_force.push(InForce {
            exchange: Exchange {
                teacher: read.teacher,
                kind: read.kind,
                subject: read.subject,
                host: read.host,
                start_term,
                end_term,
            },
            start_date: read.start,
            end_date: read.end,
        });
    }
    unexplained_exchange_ends(dir, first_day, teacher_ids, teachers, &in_force, problems);
    in_force
}

/// One row's fields, all valid.
struct ReadRow {
    teacher: TeacherIx,
    kind: Kind,
    subject: Subject,
    host: usize,
    start: NaiveDate,
    end: NaiveDate,
}

/// The row's exchange, or `None` after recording what is wrong with it.
fn read_row(
    row: &Row,
    first_day: NaiveDate,
    teacher_ids: &Ids,
    teachers: &[Teacher],
    school_ids: &Ids,
) -> Option<ReadRow> {
    let teacher = teacher_ids.resolve_required(row, &TEACHER_ID);
    let kind = row.required::<Kind>(&KIND);
    let subject = row.required_text(&SUBJECT).map(Subject::new);
    let home = school_ids.resolve_required(row, &HOME);
    let host = school_ids.resolve_required(row, &HOST);
    let start = row.required::<NaiveDate>(&START_DATE);
    let end = row.required::<NaiveDate>(&END_DATE);
    if let Some(start) = start.filter(|&start| start >= first_day) {
        row.error(
            &START_DATE,
            tr!(InForceStartsInHorizon, first_day = first_day, start = start),
        );
        return None;
    }
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            row.error(&END_DATE, tr!(InForceEndBeforeStart, start = start));
            return None;
        }
    }
    if let (Some(teacher), Some(home)) = (teacher, home) {
        let real_home = teachers.get(teacher)?.school;
        if real_home != home {
            row.error(&HOME, tr!(InForceNotHome));
            return None;
        }
    }
    if host.is_some() && host == home {
        row.error(&HOST, tr!(InForceHostIsHome));
        return None;
    }
    Some(ReadRow {
        teacher: teacher?,
        kind: kind?,
        subject: subject?,
        host: host?,
        start: start?,
        end: end?,
    })
}

/// `last_exchange_end` may lie after the horizon's first day only where an
/// in-force row of the teacher runs that long (SPEC §3).
fn unexplained_exchange_ends(
    dir: &Path,
    first_day: NaiveDate,
    teacher_ids: &Ids,
    teachers: &[Teacher],
    in_force: &[InForce],
    problems: &Problems,
) {
    let explained: HashMap<TeacherIx, NaiveDate> = in_force
        .iter()
        .map(|f| (f.exchange.teacher, f.end_date))
        .collect();
    for (t, teacher) in teachers.iter().enumerate() {
        let Some(end) = teacher.last_exchange_end.filter(|&end| end > first_day) else {
            continue;
        };
        if explained.get(&t).is_some_and(|&until| end <= until) {
            continue;
        }
        problems.error(Diagnostic::cell(
            &dir.join(super::teachers::FILE),
            teacher_ids.line(&teacher.id).unwrap_or(0),
            "last_exchange_end",
            &end.to_string(),
            tr!(InForceUnexplainedEnd, first_day = first_day),
        ));
    }
}
