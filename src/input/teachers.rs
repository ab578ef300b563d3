//! `teachers.csv` (SPEC §3): the teachers, their home school, subjects,
//! career dates and the spouse links that rule 8 relies on.

use std::path::Path;

use chrono::NaiveDate;

use crate::domain::calendar::add_years;
use crate::domain::{Backbone, Gender, Post, Subject, Teacher, Title};
use crate::lang::{tr, Msg};

use super::ids::Ids;
use super::table::{Column, Problems, Row, Table};

const ID: Column = Column::required("id", &["工号"]);
const NAME: Column = Column::required("name", &["姓名"]);
const GENDER: Column = Column::required("gender", &["性别"]);
const BIRTH_DATE: Column = Column::required("birth_date", &["出生日期"]);
const SCHOOL_ID: Column = Column::required("school_id", &["学校代码"]);
const SUBJECTS: Column = Column::required("subjects", &["任教学科"]);
const HIRE_DATE: Column = Column::required("hire_date", &["参加工作时间"]);
const SCHOOL_SINCE: Column = Column::required("school_since", &["调入本校时间"]);
const TITLE: Column = Column::optional("title", &["职称"]);
const BACKBONE: Column = Column::optional("backbone", &["骨干级别"]);
const POST: Column = Column::optional("post", &["职务"]);
const RURAL_YEARS: Column = Column::optional("rural_years", &["农村任教年限"]);
const EXEMPT: Column = Column::optional("exempt", &["暂缓原因"]);
const SPOUSE_ID: Column = Column::optional("spouse_id", &["配偶工号"]);
const LAST_EXCHANGE_END: Column = Column::optional("last_exchange_end", &["上次交流结束"]);
const VOLUNTEER: Column = Column::optional("volunteer", &["自愿报名"]);

const COLUMNS: &[Column] = &[
    ID,
    NAME,
    GENDER,
    BIRTH_DATE,
    SCHOOL_ID,
    SUBJECTS,
    HIRE_DATE,
    SCHOOL_SINCE,
    TITLE,
    BACKBONE,
    POST,
    RURAL_YEARS,
    EXEMPT,
    SPOUSE_ID,
    LAST_EXCHANGE_END,
    VOLUNTEER,
];

pub(crate) const FILE: &str = "teachers.csv";

/// The youngest age at which a teacher can have been hired (SPEC §3).
const MIN_HIRING_AGE: u32 = 16;
/// The oldest a teacher in the data can be at the horizon's first day.
const MAX_AGE: u32 = 80;

/// The earliest plausible birth date: 1900 (SPEC §3), and no more than
/// [`MAX_AGE`] years before the horizon. A `0000-01-01` placeholder would
/// otherwise make the teacher silently exempt as close to retirement.
fn earliest_birth(first_day: Option<NaiveDate>) -> NaiveDate {
    let floor = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
    first_day
        .and_then(|day| day.checked_sub_months(chrono::Months::new(12 * MAX_AGE)))
        .map_or(floor, |day| day.max(floor))
}

/// Cells of `exempt` that say "not exempt" rather than give a reason.
const NOT_EXEMPT: &[&str] = &["0", "no", "n", "false", "否", "无"];

/// The teachers and their ids. `first_day` is the horizon's first day: no
/// career date may lie after it.
pub(crate) fn read(
    dir: &Path,
    first_day: Option<NaiveDate>,
    schools: &Ids,
    problems: &Problems,
) -> (Vec<Teacher>, Ids) {
    let Some(table) = Table::read(&dir.join(FILE), COLUMNS, problems) else {
        return (Vec::new(), Ids::unavailable(Msg::NounTeacher, FILE));
    };
    table.require_rows(Msg::NeedTeacher);
    let mut ids = Ids::new(Msg::NounTeacher, FILE);
    let mut teachers = Vec::new();
    // (line, spouse id) of each teacher that names a spouse, by index.
    let mut spouses: Vec<Option<(u64, &str)>> = Vec::new();
    for row in table.rows() {
        let teacher = teacher(&row, first_day, schools);
        let Some(id) = row.required_text(&ID) else {
            continue;
        };
        if ids.insert(&row, &ID, id).is_some() {
            teachers.push(teacher);
            spouses.push(row.text(&SPOUSE_ID).map(|spouse| (row.line, spouse)));
        }
    }
    link_spouses(&table, &ids, &mut teachers, &spouses);
    (teachers, ids)
}

/// One teacher without the spouse link; bad cells are recorded and replaced
/// by placeholders, since a data set with any error is never returned.
fn teacher(row: &Row, first_day: Option<NaiveDate>, schools: &Ids) -> Teacher {
    let past_date = |column: &Column| {
        let date = row.required::<NaiveDate>(column)?;
        if let Some(first_day) = first_day.filter(|&first_day| date > first_day) {
            row.error(column, tr!(TeacherDateAfterStart, first_day = first_day));
        }
        Some(date)
    };
    let birth_date = past_date(&BIRTH_DATE);
    let hire_date = past_date(&HIRE_DATE);
    let school_since = past_date(&SCHOOL_SINCE);
    // A later end is checked against in_force.csv (`in_force::read`): an
    // exchange still running explains it.
    let last_exchange_end = row.get::<NaiveDate>(&LAST_EXCHANGE_END);
    if let Some(birth) = birth_date {
        if birth < earliest_birth(first_day) {
            row.error(
                &BIRTH_DATE,
                tr!(TeacherTooOld, earliest = earliest_birth(first_day)),
            );
        }
    }
    if let (Some(birth), Some(hire)) = (birth_date, hire_date) {
        let sixteen = add_years(birth, MIN_HIRING_AGE);
        if hire < sixteen {
            row.error(
                &HIRE_DATE,
                tr!(TeacherHiredYoung, age = MIN_HIRING_AGE, birthday = sixteen),
            );
        }
    }
    if let (Some(hire), Some(end)) = (hire_date, last_exchange_end) {
        if end < hire {
            row.error(
                &LAST_EXCHANGE_END,
                tr!(TeacherExchangeBeforeHire, hire = hire),
            );
        }
    }
    if let (Some(hire), Some(since)) = (hire_date, school_since) {
        if since < hire {
            row.error(&SCHOOL_SINCE, tr!(TeacherSinceBeforeHire, hire = hire));
        }
    }
    let rural_years = row.non_negative(&RURAL_YEARS).unwrap_or(0.0);
    if let (Some(hire), Some(first_day)) = (hire_date, first_day) {
        let career = (first_day - hire).num_days().max(0) as f64 / 365.25;
        // Half a year of slack: years of service are often rounded up.
        if rural_years > career + 0.5 {
            row.error(
                &RURAL_YEARS,
                tr!(
                    TeacherRuralYears,
                    career = format!("{career:.1}"),
                    hire = hire,
                    first_day = first_day
                ),
            );
        }
    }
    let exempt = row
        .text(&EXEMPT)
        .filter(|text| !NOT_EXEMPT.iter().any(|no| no.eq_ignore_ascii_case(text)))
        .map(str::to_string);
    Teacher {
        id: row.raw(&ID).to_string(),
        name: row.required_text(&NAME).unwrap_or_default().to_string(),
        gender: row.required::<Gender>(&GENDER).unwrap_or(Gender::M),
        birth_date: birth_date.unwrap_or(NaiveDate::MIN),
        school: schools.resolve_required(row, &SCHOOL_ID).unwrap_or(0),
        subjects: subjects(row),
        hire_date: hire_date.unwrap_or(NaiveDate::MIN),
        school_since: school_since.unwrap_or(NaiveDate::MIN),
        title: row.get::<Title>(&TITLE).unwrap_or_default(),
        backbone: row.get::<Backbone>(&BACKBONE).unwrap_or_default(),
        post: row.get::<Post>(&POST).unwrap_or_default(),
        rural_years,
        exempt,
        spouse: None,
        last_exchange_end,
        volunteer: row.get::<bool>(&VOLUNTEER).unwrap_or(false),
    }
}

/// `math;物理` (a full-width `；` too): trimmed, case-folded, duplicates
/// dropped keeping the first, which is the primary subject.
fn subjects(row: &Row) -> Vec<Subject> {
    let mut subjects: Vec<Subject> = Vec::new();
    for piece in row.raw(&SUBJECTS).split([';', '；']) {
        let subject = Subject::new(piece);
        if !subject.as_str().is_empty() && !subjects.contains(&subject) {
            subjects.push(subject);
        }
    }
    if subjects.is_empty() {
        row.error(&SUBJECTS, tr!(TeacherNoSubject));
    }
    subjects
}

/// Resolves `spouse_id`s once every teacher is known. A link must be
/// mutual: a one-sided one is reported on the line of the teacher who
/// names a spouse that does not name them back.
fn link_spouses(
    table: &Table,
    ids: &Ids,
    teachers: &mut [Teacher],
    spouses: &[Option<(u64, &str)>],
) {
    for (ix, spouse) in spouses.iter().enumerate() {
        let Some((line, spouse_id)) = *spouse else {
            continue;
        };
        let Some(spouse_ix) = ids.get(spouse_id) else {
            if let Some(message) = ids.unknown_message(spouse_id) {
                table.error_at(line, &SPOUSE_ID, spouse_id, message);
            }
            continue;
        };
        let id = &teachers[ix].id;
        if spouse_ix == ix {
            table.error_at(line, &SPOUSE_ID, spouse_id, tr!(TeacherOwnSpouse));
            continue;
        }
        let named_back = spouses[spouse_ix].map(|(_, back)| back);
        if named_back != Some(id.as_str()) {
            let spouse_line = ids.line(spouse_id).unwrap_or(0);
            let they_name = match named_back {
                None => tr!(TeacherNoSpouse),
                Some(other) => tr!(TeacherSpouse, spouse = format!("{other:?}")),
            };
            table.error_at(
                line,
                &SPOUSE_ID,
                spouse_id,
                tr!(
                    TeacherSpouseOneSided,
                    spouse = spouse_id,
                    line = spouse_line,
                    they_name = they_name,
                    id = format!("{id:?}")
                ),
            );
            continue;
        }
        teachers[ix].spouse = Some(spouse_ix);
    }
}
