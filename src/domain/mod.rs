//! The domain: schools, teachers, demand, terms, policy and the exchanges a
//! roster is made of. Everything here is plain data plus the rule arithmetic
//! that both the model and the independent checker rely on (calendar years,
//! eligibility, distances), so that the two read the spec the same way.

pub mod alliance;
pub mod calendar;
pub(crate) mod eligibility;
pub(crate) mod exchange;
pub(crate) mod geo;
pub mod in_force;
pub mod policy;
pub(crate) mod quota;
pub(crate) mod refusal;
pub(crate) mod rule;
mod subject;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use calendar::Horizon;
pub use exchange::{Exchange, Kind};
pub use policy::Policy;
pub(crate) use rule::Refusal;
pub use rule::Rule;
pub use subject::Subject;

/// Index of a school in [`Dataset::schools`].
pub type SchoolIx = usize;
/// Index of a teacher in [`Dataset::teachers`].
pub type TeacherIx = usize;

/// A school's location class (城乡类别).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    Urban,
    Town,
    Rural,
}

impl Area {
    /// Tier-1 shortage weight by area (SPEC §2: rural 3, town 2, urban 1).
    pub(crate) fn shortage_weight(self) -> f64 {
        match self {
            Area::Urban => 1.0,
            Area::Town => 2.0,
            Area::Rural => 3.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupRole {
    Lead,
    Member,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    M,
    F,
}

/// Professional title (职称), ordered from lowest to highest.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Title {
    #[default]
    None,
    Third,
    Second,
    First,
    Senior,
    Professor,
}

/// Backbone title level (骨干级别); any level from `county` up makes a
/// backbone teacher (SPEC §1).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Backbone {
    #[default]
    None,
    County,
    City,
    Province,
    National,
}

impl Backbone {
    pub(crate) fn is_backbone(self) -> bool {
        self != Backbone::None
    }
}

/// A teacher's post (职务); any post above `teacher` makes a cadre (干部,
/// SPEC §1), who may be seconded (挂职).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Post {
    #[default]
    Teacher,
    /// 中层干部: head of a school office (教务处, 德育处, …).
    Middle,
    VicePrincipal,
    Principal,
}

impl Post {
    pub(crate) fn is_cadre(self) -> bool {
        self != Post::Teacher
    }

    /// The column value as written in `teachers.csv`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Post::Teacher => "teacher",
            Post::Middle => "middle",
            Post::VicePrincipal => "vice_principal",
            Post::Principal => "principal",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct School {
    pub id: String,
    pub name: String,
    pub county: String,
    pub area: Area,
    pub weak: bool,
    pub group: Option<String>,
    pub group_role: Option<GroupRole>,
    /// (latitude, longitude) in WGS84 degrees.
    pub location: Option<(f64, f64)>,
    pub beds: u32,
    pub priority: f64,
}

impl School {
    /// A school with the defaults of every optional column of `schools.csv`
    /// (SPEC §3): not weak, in no group, without coordinates or beds,
    /// priority 1.
    pub fn new(id: String, name: String, county: String, area: Area) -> School {
        School {
            id,
            name,
            county,
            area,
            weak: false,
            group: None,
            group_role: None,
            location: None,
            beds: 0,
            priority: 1.0,
        }
    }

    /// Rural and weak schools are the destinations of support postings and
    /// earn rural-service credit.
    pub(crate) fn is_rural_or_weak(&self) -> bool {
        self.area == Area::Rural || self.weak
    }

    pub(crate) fn is_group_lead(&self) -> bool {
        self.group_role == Some(GroupRole::Lead)
    }

    /// Tier-1 weight of one post short for one term at this school:
    /// area weight, x1.5 for a weak school, times the school's priority.
    pub(crate) fn shortage_weight(&self) -> f64 {
        let weak = if self.weak { 1.5 } else { 1.0 };
        self.area.shortage_weight() * weak * self.priority
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Teacher {
    pub id: String,
    pub name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    /// Home school.
    pub school: SchoolIx,
    /// Qualified subjects; the first is the primary subject, the one the
    /// teacher fills a post in at home.
    pub subjects: Vec<Subject>,
    pub hire_date: NaiveDate,
    pub school_since: NaiveDate,
    pub title: Title,
    pub backbone: Backbone,
    pub post: Post,
    pub rural_years: f64,
    /// Reason for an exemption (暂缓原因); `Some` means exempt.
    pub exempt: Option<String>,
    pub spouse: Option<TeacherIx>,
    pub last_exchange_end: Option<NaiveDate>,
    pub volunteer: bool,
}

impl Teacher {
    pub(crate) fn primary_subject(&self) -> &Subject {
        &self.subjects[0]
    }

    pub(crate) fn is_qualified(&self, subject: &Subject) -> bool {
        self.subjects.contains(subject)
    }
}

/// Posts a school needs in a subject: one figure for every term, optionally
/// overridden term by term.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DemandFigure {
    pub every_term: Option<u32>,
    pub by_term: BTreeMap<String, u32>,
}

impl DemandFigure {
    pub fn posts(&self, term_id: &str) -> u32 {
        self.by_term
            .get(term_id)
            .copied()
            .or(self.every_term)
            .unwrap_or(0)
    }
}

/// A teacher's stated wish to go to a school (`preferences.csv`), 1 = best.
#[derive(Clone, Debug, PartialEq)]
pub struct Preference {
    pub teacher: TeacherIx,
    pub school: SchoolIx,
    pub rank: u32,
}

/// A line of `locks.csv`: either "this exchange must be in the roster" or,
/// with no host, "this teacher stays".
#[derive(Clone, Debug, PartialEq)]
pub struct Lock {
    pub teacher: TeacherIx,
    pub host: Option<SchoolIx>,
    pub kind: Option<Kind>,
    pub subject: Option<Subject>,
    /// Term id from the horizon.
    pub start_term: Option<String>,
}

/// A validated data set: every cross-reference resolved to an index.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub schools: Vec<School>,
    pub teachers: Vec<Teacher>,
    pub demand: BTreeMap<(SchoolIx, Subject), DemandFigure>,
    /// Road distances in km given by `distances.csv`, keyed by (from, to);
    /// a pair given in one direction only is stored in both.
    pub distance_overrides: HashMap<(SchoolIx, SchoolIx), f64>,
    pub preferences: Vec<Preference>,
    pub locks: Vec<Lock>,
    pub forbidden: Vec<(TeacherIx, SchoolIx)>,
    /// Exchanges of earlier plans still running in the horizon
    /// (`in_force.csv`), in file order.
    pub in_force: Vec<in_force::InForce>,
    /// Non-fatal remarks from loading (unknown columns, …).
    pub warnings: Vec<String>,
}

impl Dataset {
    pub fn school_index(&self, id: &str) -> Option<SchoolIx> {
        self.schools.iter().position(|s| s.id == id)
    }

    pub fn teacher_index(&self, id: &str) -> Option<TeacherIx> {
        self.teachers.iter().position(|t| t.id == id)
    }

    /// Posts needed at `school` in `subject` in the term `term_id`.
    pub fn posts(&self, school: SchoolIx, subject: &Subject, term_id: &str) -> u32 {
        self.demand
            .get(&(school, *subject))
            .map_or(0, |d| d.posts(term_id))
    }

    /// Counties in sorted order.
    pub(crate) fn counties(&self) -> Vec<String> {
        let mut counties: Vec<String> = self.schools.iter().map(|s| s.county.clone()).collect();
        counties.sort();
        counties.dedup();
        counties
    }
}
