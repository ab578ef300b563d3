//! Facts about one planning unit that every constraint family needs,
//! computed once: who is where, base staffing, distances, locks.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use fnv::{FnvHashMap, FnvHashSet};

use crate::domain::eligibility::is_rotation_eligible;
use crate::domain::geo::Distances;
use crate::domain::in_force::InForceBase;
use crate::domain::{Dataset, Exchange, Horizon, Lock, Policy, SchoolIx, Subject, TeacherIx};

/// The previous roster of a re-optimization (`solve --previous`).
#[derive(Clone, Debug, Default)]
pub struct History {
    /// Each teacher's exchange in the previous roster.
    pub(crate) previous: HashMap<TeacherIx, Exchange>,
    /// Teachers whose previous exchange started on or before `--as-of`: it is
    /// kept exactly as it is.
    pub(crate) kept: HashSet<TeacherIx>,
}

/// A set of counties solved as one model. Teachers never leave their county,
/// so each county is independent, except that a couple living in two
/// counties ties those counties' rosters together (rule 8): such counties
/// form one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub counties: Vec<String>,
    pub(crate) schools: Vec<SchoolIx>,
    pub(crate) teachers: Vec<TeacherIx>,
}

/// Splits the data set into units: counties joined by spouse links.
pub fn units(dataset: &Dataset) -> Vec<Unit> {
    let counties = dataset.counties();
    let county_ix: HashMap<&str, usize> = counties
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let county_of_teacher =
        |t: TeacherIx| county_ix[dataset.schools[dataset.teachers[t].school].county.as_str()];

    let mut parent: Vec<usize> = (0..counties.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (t, teacher) in dataset.teachers.iter().enumerate() {
        if let Some(spouse) = teacher.spouse {
            let (a, b) = (
                root(&mut parent, county_of_teacher(t)),
                root(&mut parent, county_of_teacher(spouse)),
            );
            parent[a.max(b)] = a.min(b);
        }
    }

    let mut by_root: BTreeMap<usize, Unit> = BTreeMap::new();
    for (i, county) in counties.iter().enumerate() {
        let r = root(&mut parent, i);
        by_root
            .entry(r)
            .or_insert_with(|| Unit {
                counties: vec![],
                schools: vec![],
                teachers: vec![],
            })
            .counties
            .push(county.clone());
    }
    let unit_of_county: HashMap<usize, usize> = (0..counties.len())
        .map(|i| {
            let r = root(&mut parent, i);
            (i, by_root.keys().position(|&k| k == r).unwrap_or(0))
        })
        .collect();
    let mut units: Vec<Unit> = by_root.into_values().collect();
    for (s, school) in dataset.schools.iter().enumerate() {
        units[unit_of_county[&county_ix[school.county.as_str()]]]
            .schools
            .push(s);
    }
    for t in 0..dataset.teachers.len() {
        units[unit_of_county[&county_of_teacher(t)]]
            .teachers
            .push(t);
    }
    units
}

/// Precomputed facts for building one unit's model.
pub struct Context<'a> {
    pub(crate) dataset: &'a Dataset,
    pub(crate) policy: &'a Policy,
    pub(crate) horizon: &'a Horizon,
    pub(crate) unit: &'a Unit,
    pub(crate) first_day: NaiveDate,
    pub(crate) distances: Distances<'a>,
    /// Own teachers per school, by primary subject.
    pub(crate) own_staff: FnvHashMap<(SchoolIx, Subject), u32>,
    /// What the exchanges in force already take (SPEC §1): folded into every
    /// base quantity below, so each rule family counts them.
    pub(crate) in_force: InForceBase,
    /// Own backbone teachers per school and primary subject: the mentors.
    pub(crate) mentors: FnvHashMap<(SchoolIx, Subject), Vec<TeacherIx>>,
    /// Own teachers per school (the base of the departure limit).
    pub(crate) own_teachers: FnvHashMap<SchoolIx, Vec<TeacherIx>>,
    pub(crate) locks: FnvHashMap<TeacherIx, &'a Lock>,
    pub(crate) forbidden: FnvHashSet<(TeacherIx, SchoolIx)>,
    /// Teachers eligible for rotation: the base of the quota and of
    /// seniority.
    pub(crate) rotation_eligible: FnvHashSet<TeacherIx>,
    pub(crate) history: &'a History,
    /// Demand and base staff of each unit school's subjects per term (see
    /// [`Staffing`]), by school index; `None` outside the unit.
    staffing: Vec<Option<FnvHashMap<Subject, Staffing>>>,
}

/// Demand and base staff of one school and subject in each horizon term.
/// Rule 7 asks both for every candidate and term it covers (half a million
/// questions on a 5,000-teacher county); read through the demand table
/// (keyed by term id) and the in-force counts each time, they were most of
/// the candidate generation's time.
#[derive(Default)]
struct Staffing {
    demand: Vec<u32>,
    base: Vec<u32>,
}

/// The [`Staffing`] of every school of the unit and every subject it has
/// demand for, own staff in or in-force exchanges change: any other subject
/// has neither demand nor staff.
fn staffing(
    dataset: &Dataset,
    horizon: &Horizon,
    unit: &Unit,
    own_staff: &FnvHashMap<(SchoolIx, Subject), u32>,
    in_force: &InForceBase,
) -> Vec<Option<FnvHashMap<Subject, Staffing>>> {
    let mut table: Vec<Option<FnvHashMap<Subject, Staffing>>> =
        (0..dataset.schools.len()).map(|_| None).collect();
    for &s in &unit.schools {
        table[s] = Some(FnvHashMap::default());
    }
    let this_school = |s: SchoolIx| (s, Subject::new(""))..(s + 1, Subject::new(""));
    let places = unit
        .schools
        .iter()
        .flat_map(|&s| dataset.demand.range(this_school(s)).map(|(k, _)| k))
        .chain(own_staff.keys())
        .map(|(s, subject)| (*s, subject))
        .chain(
            in_force
                .staffed_places()
                .map(|(s, subject, _)| (*s, subject)),
        );
    for (school, subject) in places {
        let Some(subjects) = table[school].as_mut() else {
            continue;
        };
        if subjects.contains_key(subject) {
            continue;
        }
        let own = own_staff.get(&(school, *subject)).copied().unwrap_or(0);
        let terms = 0..horizon.len();
        let staffing = Staffing {
            demand: terms
                .clone()
                .map(|term| dataset.posts(school, subject, &horizon.terms[term].id))
                .collect(),
            base: terms
                .map(|term| in_force.staff(own, school, subject, term))
                .collect(),
        };
        subjects.insert(*subject, staffing);
    }
    table
}

impl<'a> Context<'a> {
    pub fn new(
        dataset: &'a Dataset,
        policy: &'a Policy,
        horizon: &'a Horizon,
        unit: &'a Unit,
        history: &'a History,
    ) -> Context<'a> {
        let mut own_staff = FnvHashMap::default();
        let mut mentors: FnvHashMap<(SchoolIx, Subject), Vec<TeacherIx>> = FnvHashMap::default();
        let mut own_teachers: FnvHashMap<SchoolIx, Vec<TeacherIx>> = FnvHashMap::default();
        for &t in &unit.teachers {
            let teacher = &dataset.teachers[t];
            let key = (teacher.school, *teacher.primary_subject());
            *own_staff.entry(key).or_insert(0) += 1;
            if teacher.backbone.is_backbone() {
                mentors.entry(key).or_default().push(t);
            }
            own_teachers.entry(teacher.school).or_default().push(t);
        }
        let in_unit: HashSet<TeacherIx> = unit.teachers.iter().copied().collect();
        let in_force = InForceBase::new(dataset, policy);
        let staffing = staffing(dataset, horizon, unit, &own_staff, &in_force);
        let first_day = horizon.first_day();
        let rotation_eligible = unit
            .teachers
            .iter()
            .copied()
            .filter(|&t| is_rotation_eligible(&dataset.teachers[t], policy, first_day))
            .collect();
        Context {
            dataset,
            policy,
            horizon,
            unit,
            first_day,
            distances: Distances::new(dataset, policy.distance.road_factor),
            own_staff,
            in_force,
            mentors,
            own_teachers,
            locks: dataset
                .locks
                .iter()
                .filter(|l| in_unit.contains(&l.teacher))
                .map(|l| (l.teacher, l))
                .collect(),
            forbidden: dataset
                .forbidden
                .iter()
                .copied()
                .filter(|(t, _)| in_unit.contains(t))
                .collect(),
            rotation_eligible,
            history,
            staffing,
        }
    }

    /// Staff of `subject` at `school` in horizon term `term` before the
    /// roster: own teachers of that primary subject, less those away on an
    /// in-force exchange, plus in-force arrivals taking a post.
    pub(crate) fn base_staff(&self, school: SchoolIx, subject: &Subject, term: usize) -> u32 {
        if let Some(subjects) = &self.staffing[school] {
            return subjects.get(subject).map_or(0, |s| s.base[term]);
        }
        let own = self
            .own_staff
            .get(&(school, *subject))
            .copied()
            .unwrap_or(0);
        self.in_force.staff(own, school, subject, term)
    }

    /// Own teachers of `school` away in `term` on in-force exchanges: the
    /// departure limit (rule 6) has that much less room.
    pub(crate) fn base_away(&self, school: SchoolIx, term: usize) -> usize {
        self.in_force.away(school, term) as usize
    }

    /// Beds at `school` in `term` that in-force exchanges already use.
    pub(crate) fn beds_taken(&self, school: SchoolIx, term: usize) -> usize {
        self.in_force.beds(school, term) as usize
    }

    /// Backbone teachers of `school` and `subject` free to mentor in `term`
    /// (rule 10): those not away on an in-force exchange and not already
    /// mentoring an in-force shadowing teacher.
    pub(crate) fn free_mentors(&self, school: SchoolIx, subject: &Subject, term: usize) -> usize {
        let mentors = self.mentors.get(&(school, *subject)).map_or(0, Vec::len) as u32;
        let taken = self.in_force.mentors_away(school, subject, term)
            + self.in_force.shadows(school, subject, term);
        mentors.saturating_sub(taken) as usize
    }

    /// Secondment places of `school` free in `term` (rule 12): those the
    /// in-force secondees do not take.
    pub(crate) fn free_secondment_places(&self, school: SchoolIx, term: usize) -> usize {
        self.policy
            .secondment
            .max_per_host
            .saturating_sub(self.in_force.secondees(school, term)) as usize
    }

    /// Where teacher `t` is in `term` without a new exchange: at the host of
    /// an in-force exchange, else at home (rule 8).
    pub(crate) fn location(&self, t: TeacherIx, term: usize) -> SchoolIx {
        self.in_force
            .host_of(t, term)
            .unwrap_or(self.dataset.teachers[t].school)
    }

    /// Posts of `subject` demanded at `school` in horizon term `term`.
    pub(crate) fn demand(&self, school: SchoolIx, subject: &Subject, term: usize) -> u32 {
        if let Some(subjects) = &self.staffing[school] {
            return subjects.get(subject).map_or(0, |s| s.demand[term]);
        }
        self.dataset
            .posts(school, subject, &self.horizon.terms[term].id)
    }

    /// Rule 6: the most of a school's own teachers away in one term (the
    /// limit, or more where exchanges kept from the previous roster already
    /// take more).
    pub(crate) fn most_away(&self, school: SchoolIx) -> usize {
        let own = self
            .own_teachers
            .get(&school)
            .map_or(&[][..], Vec::as_slice);
        let kept = own.iter().filter(|&&t| self.kept(t).is_some()).count();
        self.policy.limits.max_away(own.len()).max(kept)
    }

    /// The exchange kept from the previous roster for teacher `t`, if any.
    pub(crate) fn kept(&self, t: TeacherIx) -> Option<&Exchange> {
        self.history
            .kept
            .contains(&t)
            .then(|| self.history.previous.get(&t))
            .flatten()
    }

    /// Posts short at `school` in `subject` in horizon term `term` before the
    /// roster (with the in-force exchanges).
    pub(crate) fn base_shortage(&self, school: SchoolIx, subject: &Subject, term: usize) -> u32 {
        self.demand(school, subject, term)
            .saturating_sub(self.base_staff(school, subject, term))
    }

    /// Posts of `subject` open at `school` in `term` before the roster:
    /// demand less base staff (with the in-force exchanges), negative where
    /// the staff exceeds the demand.
    pub(crate) fn base_room(&self, school: SchoolIx, subject: &Subject, term: usize) -> i64 {
        i64::from(self.demand(school, subject, term))
            - i64::from(self.base_staff(school, subject, term))
    }

    /// Rule 11 applies to `school` and `subject`: the school has staff in it
    /// before the roster, and demand for it in some term of the horizon.
    pub(crate) fn keeps_subject(&self, school: SchoolIx, subject: &Subject) -> bool {
        let terms = 0..self.horizon.len();
        self.policy.limits.keep_subject
            && terms
                .clone()
                .any(|term| self.base_staff(school, subject, term) >= 1)
            && terms
                .into_iter()
                .any(|term| self.demand(school, subject, term) >= 1)
    }
}
