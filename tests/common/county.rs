//! A small county built in code, for tests whose optimum can be worked out by
//! hand. Schools sit on a plane with km coordinates; every pair's distance is
//! given exactly through `distance_overrides`.

use chrono::NaiveDate;
use rotaplan::domain::in_force::{overlapped_terms, InForce};
use rotaplan::domain::{
    Area, Backbone, Dataset, DemandFigure, Exchange, Gender, Horizon, Kind, Lock, Policy, Post,
    Preference, School, SchoolIx, Subject, Teacher, TeacherIx, Title,
};

/// The first day of every test horizon.
pub fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 9, 1).unwrap()
}

pub fn horizon() -> Horizon {
    Horizon::next_school_year(NaiveDate::from_ymd_opt(2027, 3, 1).unwrap())
}

/// `years` whole years before the horizon's first day.
pub fn years_before(years: u32) -> NaiveDate {
    rotaplan::domain::calendar::add_years(
        NaiveDate::from_ymd_opt(2027 - years as i32, 9, 1).unwrap(),
        0,
    )
}

pub struct County {
    pub dataset: Dataset,
    positions: Vec<(f64, f64)>,
}

/// A teacher's career, in whole years at the horizon's first day.
#[derive(Clone, Copy)]
pub struct Career {
    pub age: u32,
    pub teaching_years: u32,
    pub years_at_school: u32,
}

impl Career {
    /// 38 years old, 15 years teaching, 8 at this school: may take any
    /// kind but shadowing.
    pub const SENIOR: Career = Career {
        age: 38,
        teaching_years: 15,
        years_at_school: 8,
    };
    /// 26 years old, 3 years teaching, all at this school: may support or
    /// shadow, not rotate.
    pub const YOUNG: Career = Career {
        age: 26,
        teaching_years: 3,
        years_at_school: 3,
    };
}

impl County {
    pub fn new() -> County {
        County {
            dataset: Dataset::default(),
            positions: vec![],
        }
    }

    pub fn school(&mut self, id: &str, area: Area, at_km: (f64, f64)) -> SchoolIx {
        let ix = self.dataset.schools.len();
        self.dataset.schools.push(School::new(
            id.into(),
            format!("school {id}"),
            "C1".into(),
            area,
        ));
        for (other, &(x, y)) in self.positions.iter().enumerate() {
            let km = ((x - at_km.0).powi(2) + (y - at_km.1).powi(2)).sqrt();
            self.dataset.distance_overrides.insert((ix, other), km);
            self.dataset.distance_overrides.insert((other, ix), km);
        }
        self.positions.push(at_km);
        ix
    }

    pub fn teacher(
        &mut self,
        id: &str,
        school: SchoolIx,
        subjects: &[&str],
        career: Career,
    ) -> TeacherIx {
        let ix = self.dataset.teachers.len();
        self.dataset.teachers.push(Teacher {
            id: id.into(),
            name: format!("teacher {id}"),
            gender: Gender::F,
            birth_date: years_before(career.age),
            school,
            subjects: subjects.iter().map(|s| Subject::new(s)).collect(),
            hire_date: years_before(career.teaching_years),
            school_since: years_before(career.years_at_school),
            title: Title::Second,
            backbone: Backbone::None,
            post: Post::Teacher,
            rural_years: 0.0,
            exempt: None,
            spouse: None,
            last_exchange_end: None,
            volunteer: false,
        });
        ix
    }

    /// `count` teachers of `subject` at `school`, ids `<prefix>1..`.
    pub fn staff(
        &mut self,
        prefix: &str,
        school: SchoolIx,
        subject: &str,
        count: usize,
        career: Career,
    ) -> Vec<TeacherIx> {
        (1..=count)
            .map(|i| self.teacher(&format!("{prefix}{i}"), school, &[subject], career))
            .collect()
    }

    pub fn demand(&mut self, school: SchoolIx, subject: &str, posts: u32) {
        self.dataset.demand.insert(
            (school, Subject::new(subject)),
            DemandFigure {
                every_term: Some(posts),
                by_term: Default::default(),
            },
        );
    }
}

/// Changes to the plain teacher and school defaults (weak, beds, priority,
/// county, group role; backbone, title, rural years, volunteer, exempt,
/// last exchange, birth date, …) are made on the fields directly through
/// `school_mut`/`teacher_mut`; the relations between records have their own
/// methods.
impl County {
    pub fn school_mut(&mut self, school: SchoolIx) -> &mut School {
        &mut self.dataset.schools[school]
    }

    pub fn teacher_mut(&mut self, teacher: TeacherIx) -> &mut Teacher {
        &mut self.dataset.teachers[teacher]
    }

    /// Makes `school` a group lead school (龙头校).
    pub fn lead(&mut self, school: SchoolIx) {
        let school = self.school_mut(school);
        school.group = Some("G1".into());
        school.group_role = Some(rotaplan::domain::GroupRole::Lead);
    }

    /// Makes `school` a member school of group G1 (成员校).
    pub fn member(&mut self, school: SchoolIx) {
        let school = self.school_mut(school);
        school.group = Some("G1".into());
        school.group_role = Some(rotaplan::domain::GroupRole::Member);
    }

    /// `a` and `b` are each other's spouse.
    pub fn marry(&mut self, a: TeacherIx, b: TeacherIx) {
        self.dataset.teachers[a].spouse = Some(b);
        self.dataset.teachers[b].spouse = Some(a);
    }

    /// Locks `teacher` to `host` (`None`: must stay); kind, subject and start
    /// term can be set on the returned lock.
    pub fn lock(&mut self, teacher: TeacherIx, host: Option<SchoolIx>) -> &mut Lock {
        self.dataset.locks.push(Lock {
            teacher,
            host,
            kind: None,
            subject: None,
            start_term: None,
        });
        self.dataset.locks.last_mut().unwrap()
    }

    /// Puts `teacher` on an exchange decided by an earlier plan, running
    /// from `start` to `end`, as loading `in_force.csv` does: it covers the
    /// test horizon's terms it overlaps, and its end becomes the teacher's
    /// last exchange end.
    pub fn in_force(
        &mut self,
        teacher: TeacherIx,
        kind: Kind,
        subject: &str,
        host: SchoolIx,
        (start, end): (NaiveDate, NaiveDate),
    ) {
        let (start_term, end_term) =
            overlapped_terms(&horizon(), start, end).expect("runs into the test horizon");
        self.dataset.teachers[teacher].last_exchange_end = Some(end);
        self.dataset.in_force.push(InForce {
            exchange: Exchange {
                teacher,
                kind,
                subject: Subject::new(subject),
                host,
                start_term,
                end_term,
            },
            start_date: start,
            end_date: end,
        });
    }

    pub fn forbid(&mut self, teacher: TeacherIx, school: SchoolIx) {
        self.dataset.forbidden.push((teacher, school));
    }

    pub fn prefer(&mut self, teacher: TeacherIx, school: SchoolIx, rank: u32) {
        self.dataset.preferences.push(Preference {
            teacher,
            school,
            rank,
        });
    }

    /// Posts in one term only (`term` is a horizon term id); the other terms
    /// keep the every-term figure (0 if none).
    pub fn demand_in(&mut self, school: SchoolIx, subject: &str, term: &str, posts: u32) {
        self.dataset
            .demand
            .entry((school, Subject::new(subject)))
            .or_default()
            .by_term
            .insert(term.into(), posts);
    }
}

/// Town T with `n` English teachers needing `n - 2` (rule 6 lets n/5 go)
/// and rural R at `r_at` short of `posts` English posts: the smallest
/// county where one exchange fills a post.
pub fn town_and_rural(
    n: usize,
    posts: u32,
    r_at: (f64, f64),
) -> (County, Vec<TeacherIx>, SchoolIx) {
    let mut county = County::new();
    let t = county.school("T", Area::Town, (0.0, 0.0));
    let staff = county.staff("t", t, "english", n, Career::SENIOR);
    county.demand(t, "english", n as u32 - 2);
    let r = county.school("R", Area::Rural, r_at);
    county.demand(r, "english", posts);
    (county, staff, r)
}

/// The default policy with the test horizon fixed.
pub fn policy() -> Policy {
    Policy::default()
}
