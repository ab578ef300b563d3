//! A small county built by hand, and a roster on it that breaks no rule.
//! Each test breaks the roster (or the data) in one minimal way.
//!
//! Distances are given exactly through `distance_overrides`; a pair not
//! named is 10 km apart. The horizon is 2027-autumn and 2028-spring, so the
//! first day is 2027-09-01; the policy is the default one.
//!
//! | school | county | area  | teachers | notes |
//! |---|---|---|---|---|
//! | U1 | C1 | urban | A + 4 math fillers (5) | max_away 1 |
//! | T1 | C1 | town  | B, E (math), T1-bm (backbone math) + 7 english (10) | max_away 2 |
//! | T2 | C1 | town  | D (B's spouse) + 4 (5) | |
//! | R1 | C1 | rural | R1-m (math), R1-e (english) | demand math 2, english 2, physics 1; 1 bed |
//! | R2 | C1 | rural | C, C2 (young, math) + 8 math (10) | max_away 2 |
//! | R3 | C1 | rural | — | demand math 3; 5 beds |
//! | R4 | C1 | rural | — | demand english 1; 5 beds; 90 km from T1 |
//! | U2 | C1 | urban | M1 (backbone math) + 4 math (5) | shadow host |
//! | X1 | C2 | rural | — | demand english 5 |
//!
//! Distances: U1–R1 30, T1–R1 20, R2–U2 15, T2–R1 25, T1–T2 5, T1–R4 90.

use crate::domain::Rule;
use chrono::NaiveDate;

use crate::check::{check_roster, CheckReport};
use crate::domain::calendar::Term;
use crate::domain::policy::QuotaPolicy;
use crate::domain::{
    Area, Backbone, Dataset, DemandFigure, Gender, Horizon, Kind, Lock, Policy, Post, School,
    SchoolIx, Subject, Teacher, TeacherIx, Title,
};
use crate::roster::RosterRow;

pub(crate) fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Builds a [`Dataset`] with terse defaults: a teacher is a 42-year-old man
/// hired and at the school since 2010, not backbone, not exempt.
#[derive(Default)]
pub(crate) struct Builder {
    dataset: Dataset,
}

impl Builder {
    pub(crate) fn school(&mut self, id: &str, county: &str, area: Area) -> &mut School {
        self.dataset.schools.push(School::new(
            id.into(),
            format!("School {id}"),
            county.into(),
            area,
        ));
        self.dataset.schools.last_mut().unwrap()
    }

    /// `subjects` is `;`-separated, primary first.
    pub(crate) fn teacher(&mut self, id: &str, school: &str, subjects: &str) -> &mut Teacher {
        let school = self.school_ix(school);
        self.dataset.teachers.push(Teacher {
            id: id.into(),
            name: format!("Teacher {id}"),
            gender: Gender::M,
            birth_date: date("1985-03-01"),
            school,
            subjects: subjects.split(';').map(Subject::new).collect(),
            hire_date: date("2010-09-01"),
            school_since: date("2010-09-01"),
            title: Title::Second,
            backbone: Backbone::None,
            post: Post::Teacher,
            rural_years: 0.0,
            exempt: None,
            spouse: None,
            last_exchange_end: None,
            volunteer: false,
        });
        self.dataset.teachers.last_mut().unwrap()
    }

    /// `n` plain teachers of `subject`, ids `{school}-f1`, `{school}-f2`, …
    pub(crate) fn fillers(&mut self, school: &str, n: usize, subject: &str) {
        for i in 1..=n {
            self.teacher(&format!("{school}-f{i}"), school, subject);
        }
    }

    pub(crate) fn demand(&mut self, school: &str, subject: &str, posts: u32) {
        let key = (self.school_ix(school), Subject::new(subject));
        self.dataset.demand.insert(
            key,
            DemandFigure {
                every_term: Some(posts),
                ..DemandFigure::default()
            },
        );
    }

    pub(crate) fn km(&mut self, a: &str, b: &str, km: f64) {
        let (a, b) = (self.school_ix(a), self.school_ix(b));
        self.dataset.distance_overrides.insert((a, b), km);
        self.dataset.distance_overrides.insert((b, a), km);
    }

    pub(crate) fn spouses(&mut self, a: &str, b: &str) {
        let (a, b) = (self.teacher_ix(a), self.teacher_ix(b));
        self.dataset.teachers[a].spouse = Some(b);
        self.dataset.teachers[b].spouse = Some(a);
    }

    fn school_ix(&self, id: &str) -> SchoolIx {
        self.dataset.school_index(id).expect("fixture school")
    }

    fn teacher_ix(&self, id: &str) -> TeacherIx {
        self.dataset.teacher_index(id).expect("fixture teacher")
    }

    /// The data set, with every pair of schools not given a distance 10 km
    /// apart.
    pub(crate) fn build(mut self) -> Dataset {
        let n = self.dataset.schools.len();
        for a in 0..n {
            for b in 0..n {
                if a != b {
                    self.dataset
                        .distance_overrides
                        .entry((a, b))
                        .or_insert(10.0);
                }
            }
        }
        self.dataset
    }
}

/// A data set, policy, horizon and roster rows (numbered as file lines, the
/// header being line 1).
pub(crate) struct Fixture {
    pub(crate) dataset: Dataset,
    pub(crate) policy: Policy,
    pub(crate) horizon: Horizon,
    pub(crate) rows: Vec<(u64, RosterRow)>,
}

/// The valid roster on the county above: lines 2, 3 and 4.
pub(crate) const VALID_ROSTER: [&str; 3] = [
    "A,Teacher A,rotation,math,U1,R1,2027-autumn,2028-spring,2027-09-01,2030-08-31,30.0,true,overdue:6y",
    "B,Teacher B,support,english,T1,R1,2027-autumn,2028-spring,2027-09-01,2028-07-10,20.0,false,",
    "C,Teacher C,shadow,math,R2,U2,2027-autumn,2027-autumn,2027-09-01,2028-01-20,15.0,false,",
];

impl Fixture {
    /// The county of the module docs, with the valid roster.
    pub(crate) fn valid() -> Fixture {
        let mut b = Builder::default();
        for (id, county, area) in [
            ("U1", "C1", Area::Urban),
            ("T1", "C1", Area::Town),
            ("T2", "C1", Area::Town),
            ("R1", "C1", Area::Rural),
            ("R2", "C1", Area::Rural),
            ("R3", "C1", Area::Rural),
            ("R4", "C1", Area::Rural),
            ("U2", "C1", Area::Urban),
            ("X1", "C2", Area::Rural),
        ] {
            b.school(id, county, area);
        }
        b.teacher("A", "U1", "math").school_since = date("2015-09-01");
        b.fillers("U1", 4, "math");

        b.teacher("B", "T1", "english;music").school_since = date("2015-09-01");
        b.teacher("E", "T1", "english;math");
        b.teacher("T1-bm", "T1", "math").backbone = Backbone::County;
        b.fillers("T1", 7, "english");

        b.teacher("D", "T2", "english");
        b.fillers("T2", 4, "english");
        b.spouses("B", "D");

        b.teacher("R1-m", "R1", "math");
        b.teacher("R1-e", "R1", "english");
        for id in ["C", "C2"] {
            let young = b.teacher(id, "R2", "math");
            young.birth_date = date("2002-05-01");
            young.hire_date = date("2025-09-01");
            young.school_since = date("2025-09-01");
        }
        b.fillers("R2", 8, "math");
        b.teacher("M1", "U2", "math").backbone = Backbone::City;
        b.fillers("U2", 4, "math");

        b.school_mut("R1").beds = 1;
        b.school_mut("R3").beds = 5;
        b.school_mut("R4").beds = 5;
        b.demand("R1", "math", 2);
        b.demand("R1", "english", 2);
        b.demand("R1", "physics", 1);
        b.demand("R3", "math", 3);
        b.demand("R4", "english", 1);
        b.demand("X1", "english", 5);

        b.km("U1", "R1", 30.0);
        b.km("T1", "R1", 20.0);
        b.km("R2", "U2", 15.0);
        b.km("T2", "R1", 25.0);
        b.km("T1", "T2", 5.0);
        b.km("T1", "R4", 90.0);
        let mut dataset = b.build();

        let a = dataset.teacher_index("A").unwrap();
        let r1 = dataset.school_index("R1").unwrap();
        dataset.locks.push(Lock {
            teacher: a,
            host: Some(r1),
            kind: Some(Kind::Rotation),
            subject: Some(Subject::new("math")),
            start_term: Some("2027-autumn".into()),
        });

        let mut fixture = Fixture {
            dataset,
            // The hand-built roster is about the hard rules; its targets are
            // zero so that only the warnings a test provokes appear.
            policy: Policy {
                quota: QuotaPolicy {
                    min_fraction: 0.0,
                    backbone_fraction: 0.0,
                    ..QuotaPolicy::default()
                },
                ..Policy::default()
            },
            horizon: Horizon {
                terms: vec![
                    Term {
                        id: "2027-autumn".into(),
                        start: date("2027-09-01"),
                        end: date("2028-01-20"),
                    },
                    Term {
                        id: "2028-spring".into(),
                        start: date("2028-02-21"),
                        end: date("2028-07-10"),
                    },
                ],
            },
            rows: Vec::new(),
        };
        for line in VALID_ROSTER {
            fixture.push_row(line);
        }
        fixture
    }

    pub(crate) fn check(&self) -> CheckReport {
        check_roster(&self.dataset, &self.policy, &self.horizon, &self.rows)
    }

    pub(crate) fn t(&self, id: &str) -> TeacherIx {
        self.dataset.teacher_index(id).expect("fixture teacher")
    }

    pub(crate) fn s(&self, id: &str) -> SchoolIx {
        self.dataset.school_index(id).expect("fixture school")
    }

    pub(crate) fn teacher(&mut self, id: &str) -> &mut Teacher {
        let ix = self.t(id);
        &mut self.dataset.teachers[ix]
    }

    pub(crate) fn school(&mut self, id: &str) -> &mut School {
        let ix = self.s(id);
        &mut self.dataset.schools[ix]
    }

    pub(crate) fn set_km(&mut self, a: &str, b: &str, km: f64) {
        let (a, b) = (self.s(a), self.s(b));
        self.dataset.distance_overrides.insert((a, b), km);
        self.dataset.distance_overrides.insert((b, a), km);
    }

    pub(crate) fn forget_km(&mut self, a: &str, b: &str) {
        let (a, b) = (self.s(a), self.s(b));
        self.dataset.distance_overrides.remove(&(a, b));
        self.dataset.distance_overrides.remove(&(b, a));
    }

    /// Appends a row written as a roster line (13 comma-separated cells);
    /// returns its line number.
    pub(crate) fn push_row(&mut self, line: &str) -> u64 {
        let row = parse_row(line);
        let number = self.rows.last().map_or(2, |(n, _)| n + 1);
        self.rows.push((number, row));
        number
    }

    pub(crate) fn row(&mut self, line: u64) -> &mut RosterRow {
        &mut self
            .rows
            .iter_mut()
            .find(|(n, _)| *n == line)
            .expect("fixture row")
            .1
    }

    pub(crate) fn remove_row(&mut self, line: u64) {
        self.rows.retain(|(n, _)| *n != line);
    }
}

impl Builder {
    fn school_mut(&mut self, id: &str) -> &mut School {
        let ix = self.school_ix(id);
        &mut self.dataset.schools[ix]
    }
}

pub(crate) fn parse_row(line: &str) -> RosterRow {
    let cells: Vec<String> = line.split(',').map(str::to_string).collect();
    assert_eq!(cells.len(), 13, "a roster line has 13 cells: {line}");
    let mut cells = cells.into_iter();
    let mut next = || cells.next().unwrap();
    RosterRow {
        teacher_id: next(),
        teacher_name: next(),
        kind: next(),
        subject: next(),
        home_school_id: next(),
        host_school_id: next(),
        start_term: next(),
        end_term: next(),
        start_date: next(),
        end_date: next(),
        distance_km: next(),
        needs_bed: next(),
        reasons: next(),
    }
}

/// The report's violations as (rule, rows), for compact assertions.
pub(crate) fn found(report: &CheckReport) -> Vec<(Rule, Vec<u64>)> {
    report
        .violations
        .iter()
        .map(|v| (v.rule, v.rows.clone()))
        .collect()
}
