//! What ties teachers to each other and to schools beyond their post:
//! married couples, the bureau's locks and forbidden pairs, and the
//! preferences volunteers state. Each is placed so that its rule matters
//! (a couple the couples rule keeps together, a support lock the solver can
//! honour, a forbidden pair the solver would otherwise like to use).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rand::seq::SliceRandom;
use rand::Rng;

use crate::domain::alliance::target_groups;
use crate::domain::calendar::full_years;
use crate::domain::eligibility::{
    county_problem, direction_problem, is_rotation_eligible, kind_ineligibility,
};
use crate::domain::geo::Distances;
use crate::domain::in_force::InForceBase;
use crate::domain::{
    Area, Dataset, Gender, Horizon, Kind, Lock, Policy, Preference, SchoolIx, Subject, TeacherIx,
};

/// Road km between every two schools of the county, as the solver will see
/// them (overrides included).
pub(crate) fn distance_matrix(dataset: &Dataset, policy: &Policy) -> Vec<Vec<f64>> {
    let distances = Distances::new(dataset, policy.distance.road_factor);
    let n = dataset.schools.len();
    (0..n)
        .map(|a| {
            (0..n)
                .map(|b| distances.km(a, b).unwrap_or(f64::INFINITY))
                .collect()
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Couple {
    SameSchool,
    Nearby,
    FarApart,
}

/// Marries about 4% of the county's teachers to each other. Most couples
/// work at the same or a nearby school; one pair (two in a big county)
/// already works far apart, where the couples rule allows no further
/// separation.
pub(crate) fn marry<R: Rng>(
    rng: &mut R,
    dataset: &mut Dataset,
    km: &[Vec<f64>],
    first_day: NaiveDate,
) {
    let teachers = &dataset.teachers;
    let ages: Vec<i32> = teachers
        .iter()
        .map(|t| full_years(t.birth_date, first_day))
        .collect();
    let pairs = (teachers.len() as f64 * 0.02).round() as usize;
    let far = match pairs {
        0..=2 => 0,
        3..=59 => 1,
        _ => 2,
    };
    let mut spouse: Vec<Option<TeacherIx>> = vec![None; teachers.len()];
    for k in 0..pairs {
        let kind = if k < far {
            Couple::FarApart
        } else if rng.gen_bool(0.4) {
            Couple::SameSchool
        } else {
            Couple::Nearby
        };
        let Some(wife) = (0..50)
            .map(|_| rng.gen_range(0..teachers.len()))
            .find(|&w| {
                spouse[w].is_none()
                    && teachers[w].gender == Gender::F
                    && (25..=50).contains(&ages[w])
            })
        else {
            continue;
        };
        let free_man = |h: &TeacherIx| {
            spouse[*h].is_none()
                && teachers[*h].gender == Gender::M
                && (ages[wife] - 2..=ages[wife] + 6).contains(&ages[*h])
        };
        let apart = |h: TeacherIx| km[teachers[wife].school][teachers[h].school];
        let fits = |h: &TeacherIx| match kind {
            Couple::SameSchool => teachers[*h].school == teachers[wife].school,
            Couple::Nearby => teachers[*h].school != teachers[wife].school && apart(*h) <= 15.0,
            Couple::FarApart => apart(*h) > 35.0 && apart(*h) <= 70.0,
        };
        let mut candidates: Vec<TeacherIx> =
            (0..teachers.len()).filter(free_man).filter(fits).collect();
        if candidates.is_empty() && kind != Couple::FarApart {
            // Nobody suitable close by: the nearest few will do.
            candidates = (0..teachers.len()).filter(free_man).collect();
            candidates.sort_by(|&a, &b| apart(a).total_cmp(&apart(b)).then(a.cmp(&b)));
            candidates.truncate(3);
        }
        if let Some(&husband) = candidates.choose(rng) {
            spouse[wife] = Some(husband);
            spouse[husband] = Some(wife);
        }
    }
    for (teacher, spouse) in dataset.teachers.iter_mut().zip(spouse) {
        teacher.spouse = spouse;
    }
}

/// Locks, forbidden pairs and preferences of one county.
pub(crate) struct Wishes {
    pub(crate) locks: Vec<Lock>,
    pub(crate) forbidden: Vec<(TeacherIx, SchoolIx)>,
    pub(crate) preferences: Vec<Preference>,
}

struct County<'a> {
    dataset: &'a Dataset,
    km: &'a [Vec<f64>],
    policy: &'a Policy,
    horizon: &'a Horizon,
    /// Own teachers per (school, primary subject).
    staff: BTreeMap<(SchoolIx, &'a Subject), u32>,
    /// The rotations in force, which staff count with.
    in_force: InForceBase,
    /// (school, primary subject) of every backbone teacher: where a young
    /// teacher can find a mentor.
    mentors: BTreeSet<(SchoolIx, &'a Subject)>,
    size: Vec<usize>,
}

impl<'a> County<'a> {
    fn new(
        dataset: &'a Dataset,
        km: &'a [Vec<f64>],
        policy: &'a Policy,
        horizon: &'a Horizon,
    ) -> Self {
        let mut staff = BTreeMap::new();
        let mut mentors = BTreeSet::new();
        let mut size = vec![0; dataset.schools.len()];
        for t in &dataset.teachers {
            *staff.entry((t.school, t.primary_subject())).or_insert(0) += 1;
            if t.backbone.is_backbone() {
                mentors.insert((t.school, t.primary_subject()));
            }
            size[t.school] += 1;
        }
        County {
            dataset,
            km,
            policy,
            horizon,
            staff,
            in_force: InForceBase::new(dataset, policy),
            mentors,
            size,
        }
    }

    /// Posts open at `school` in `subject` in every term of the horizon,
    /// with the rotations in force.
    fn shortage(&self, school: SchoolIx, subject: &Subject) -> u32 {
        let own = self.staff.get(&(school, subject)).copied().unwrap_or(0);
        self.horizon
            .terms
            .iter()
            .enumerate()
            .map(|(ix, term)| {
                let staff = self.in_force.staff(own, school, subject, ix);
                self.dataset
                    .posts(school, subject, &term.id)
                    .saturating_sub(staff)
            })
            .min()
            .unwrap_or(0)
    }

    fn rotation_eligible(&self, t: TeacherIx) -> bool {
        is_rotation_eligible(
            &self.dataset.teachers[t],
            self.policy,
            self.horizon.first_day(),
        )
    }

    fn at_urban_or_town(&self, t: TeacherIx) -> bool {
        !self.dataset.schools[self.dataset.teachers[t].school].is_rural_or_weak()
    }

    /// The nearest rural or weak school short in `t`'s primary subject
    /// within `max_km`.
    fn nearest_short_village(&self, t: TeacherIx, max_km: f64) -> Option<SchoolIx> {
        let teacher = &self.dataset.teachers[t];
        let home = teacher.school;
        (0..self.dataset.schools.len())
            .filter(|&s| s != home && self.dataset.schools[s].is_rural_or_weak())
            .filter(|&s| self.km[home][s] <= max_km)
            .filter(|&s| self.shortage(s, teacher.primary_subject()) >= 1)
            .min_by(|&a, &b| {
                self.km[home][a]
                    .total_cmp(&self.km[home][b])
                    .then(a.cmp(&b))
            })
    }

    /// One eligible backbone teacher of an urban school the bureau keeps at
    /// home (empty host = must stay).
    fn stay_lock<R: Rng>(&self, rng: &mut R) -> Option<Lock> {
        let schools = &self.dataset.schools;
        let mut candidates: Vec<TeacherIx> = (0..self.dataset.teachers.len())
            .filter(|&t| self.rotation_eligible(t))
            .filter(|&t| {
                let teacher = &self.dataset.teachers[t];
                teacher.backbone.is_backbone() && schools[teacher.school].area == Area::Urban
            })
            .collect();
        if candidates.is_empty() {
            candidates = (0..self.dataset.teachers.len())
                .filter(|&t| self.rotation_eligible(t))
                .collect();
        }
        candidates.choose(rng).map(|&teacher| Lock {
            teacher,
            host: None,
            kind: None,
            subject: None,
            start_term: None,
        })
    }

    /// A support posting the bureau has already agreed, and that every rule
    /// allows: an unmarried urban or town teacher, long enough in the job,
    /// to the nearest village school short in their subject within commuting
    /// distance, from a school large enough to let one teacher go.
    fn support_lock<R: Rng>(&self, rng: &mut R, taken: &[TeacherIx]) -> Option<Lock> {
        let first_day = self.horizon.first_day();
        let mut order: Vec<TeacherIx> = (0..self.dataset.teachers.len()).collect();
        order.shuffle(rng);
        order.into_iter().find_map(|t| {
            let teacher = &self.dataset.teachers[t];
            let home = &self.dataset.schools[teacher.school];
            if taken.contains(&t)
                || teacher.spouse.is_some()
                || self.size[teacher.school] < 5
                || kind_ineligibility(Kind::Support, teacher, self.policy, first_day).is_some()
            {
                return None;
            }
            let host = self.nearest_short_village(t, self.policy.distance.commute_km)?;
            let host_school = &self.dataset.schools[host];
            if county_problem(home, host_school)
                .or_else(|| direction_problem(Kind::Support, home, host_school))
                .is_some()
            {
                return None;
            }
            Some(Lock {
                teacher: t,
                host: Some(host),
                kind: Some(Kind::Support),
                subject: Some(*teacher.primary_subject()),
                start_term: self.horizon.terms.first().map(|term| term.id.clone()),
            })
        })
    }

    /// The cadre secondments the bureau has already agreed (挂职 is decided
    /// by name), one each way in the first group (by id) that allows both
    /// within commuting distance: a cadre of the lead to its nearest member
    /// it may go to (挂职锻炼), and a cadre of the nearest rural or weak
    /// member to the lead (挂职学习). Every rule allows them: each cadre is
    /// eligible, unmarried (rule 8), at a school of 5 or more (rule 6), with
    /// a colleague of their subject left at home (rule 11), and the two go
    /// to different hosts (rule 12). Draws nothing from the random stream.
    fn secondment_locks(&self, taken: &[TeacherIx]) -> Vec<Lock> {
        let first_day = self.horizon.first_day();
        let schools = &self.dataset.schools;
        let seconded = |t: TeacherIx, host: SchoolIx| {
            let teacher = &self.dataset.teachers[t];
            let home = teacher.school;
            let free = !taken.contains(&t)
                && teacher.post.is_cadre()
                && teacher.spouse.is_none()
                && self.size[home] >= 5
                && self.staff.get(&(home, teacher.primary_subject())).copied() >= Some(2)
                && self.km[home][host] <= self.policy.distance.commute_km
                && kind_ineligibility(Kind::Secondment, teacher, self.policy, first_day).is_none()
                && county_problem(&schools[home], &schools[host])
                    .or_else(|| direction_problem(Kind::Secondment, &schools[home], &schools[host]))
                    .is_none();
            free.then(|| Lock {
                teacher: t,
                host: Some(host),
                kind: Some(Kind::Secondment),
                subject: Some(*teacher.primary_subject()),
                start_term: self.horizon.terms.first().map(|term| term.id.clone()),
            })
        };
        let cadre_of = |home: SchoolIx, host: SchoolIx| {
            (0..self.dataset.teachers.len())
                .filter(|&t| self.dataset.teachers[t].school == home)
                .find_map(|t| seconded(t, host))
        };
        for (_, members) in target_groups(self.dataset) {
            let Some(&lead) = members.iter().find(|&&s| schools[s].is_group_lead()) else {
                continue;
            };
            let mut members: Vec<SchoolIx> = members.into_iter().filter(|&s| s != lead).collect();
            members.sort_by(|&a, &b| {
                self.km[lead][a]
                    .total_cmp(&self.km[lead][b])
                    .then(a.cmp(&b))
            });
            let out = members.iter().find_map(|&m| cadre_of(lead, m));
            let back = members.iter().find_map(|&m| cadre_of(m, lead));
            if let (Some(out), Some(back)) = (out, back) {
                return vec![out, back];
            }
        }
        Vec::new()
    }

    /// Two pairs the bureau rules out (a relative heads the school, a past
    /// conflict): eligible town or urban teachers and the very village school
    /// they would most naturally be sent to.
    fn forbidden<R: Rng>(&self, rng: &mut R, taken: &[TeacherIx]) -> Vec<(TeacherIx, SchoolIx)> {
        let mut candidates: Vec<TeacherIx> = (0..self.dataset.teachers.len())
            .filter(|t| {
                !taken.contains(t) && self.at_urban_or_town(*t) && self.rotation_eligible(*t)
            })
            .collect();
        candidates.shuffle(rng);
        candidates
            .into_iter()
            .filter_map(|t| {
                Some((
                    t,
                    self.nearest_short_village(t, self.policy.distance.max_km)?,
                ))
            })
            .take(2)
            .collect()
    }

    /// About a third of the volunteers name one to three schools, best
    /// first: village teachers an urban or group-lead school with a mentor
    /// of their subject, town and urban teachers a village school within an
    /// hour's drive that is short in one of their subjects (teachers know
    /// where posts are open, so their wishes are ones the plan can meet).
    fn preferences<R: Rng>(
        &self,
        rng: &mut R,
        taken: &[TeacherIx],
        forbidden: &[(TeacherIx, SchoolIx)],
    ) -> Vec<Preference> {
        let schools = &self.dataset.schools;
        let mut preferences = Vec::new();
        for (t, teacher) in self.dataset.teachers.iter().enumerate() {
            if !teacher.volunteer || taken.contains(&t) || !rng.gen_bool(0.33) {
                continue;
            }
            let home = teacher.school;
            let village = schools[home].is_rural_or_weak();
            let mut hosts: Vec<SchoolIx> = (0..schools.len())
                .filter(|&s| s != home && !forbidden.contains(&(t, s)))
                .filter(|&s| {
                    if village {
                        (schools[s].area == Area::Urban || schools[s].is_group_lead())
                            && self.mentors.contains(&(s, teacher.primary_subject()))
                    } else {
                        schools[s].is_rural_or_weak()
                            && self.km[home][s] <= 40.0
                            && teacher
                                .subjects
                                .iter()
                                .any(|subject| self.shortage(s, subject) >= 1)
                    }
                })
                .collect();
            hosts.sort_by(|&a, &b| {
                self.km[home][a]
                    .total_cmp(&self.km[home][b])
                    .then(a.cmp(&b))
            });
            hosts.truncate(5);
            hosts.shuffle(rng);
            let wanted = rng.gen_range(1..=3);
            for (rank, school) in hosts.into_iter().take(wanted).enumerate() {
                preferences.push(Preference {
                    teacher: t,
                    school,
                    rank: rank as u32 + 1,
                });
            }
        }
        preferences
    }
}

/// Draws the county's locks, forbidden pairs and preferences.
pub(crate) fn wishes<R: Rng>(
    rng: &mut R,
    dataset: &Dataset,
    km: &[Vec<f64>],
    policy: &Policy,
    horizon: &Horizon,
) -> Wishes {
    let county = County::new(dataset, km, policy, horizon);
    let mut locks: Vec<Lock> = county.stay_lock(rng).into_iter().collect();
    let mut taken: Vec<TeacherIx> = locks.iter().map(|l| l.teacher).collect();
    if let Some(lock) = county.support_lock(rng, &taken) {
        taken.push(lock.teacher);
        locks.push(lock);
    }
    let forbidden = county.forbidden(rng, &taken);
    taken.extend(forbidden.iter().map(|(t, _)| *t));
    let preferences = county.preferences(rng, &taken, &forbidden);
    locks.extend(county.secondment_locks(&taken));
    Wishes {
        locks,
        forbidden,
        preferences,
    }
}
