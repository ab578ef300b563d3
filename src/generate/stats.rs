//! Figures about a generated data set, to print after `generate` and to
//! check that a sample exercises every rule: how many teachers each kind of
//! exchange could take, how short the villages are, and roughly how much of
//! that a solver could fill.

use std::collections::BTreeMap;
use std::fmt;

use super::geography::Site;
use super::posts::SUBJECTS;
use crate::domain::eligibility::{is_rotation_eligible, kind_ineligibility};
use crate::domain::in_force::InForceBase;
use crate::domain::{Area, Dataset, Horizon, Kind, Policy, Subject, TeacherIx};

/// What `generate` wrote, with the figures that say whether the data set
/// gives every rule something to do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GenerateStats {
    pub(crate) counties: usize,
    pub(crate) schools: usize,
    pub(crate) urban_schools: usize,
    pub(crate) town_schools: usize,
    /// Rural schools, teaching points included.
    pub(crate) rural_schools: usize,
    pub(crate) teaching_points: usize,
    pub(crate) weak_schools: usize,
    pub(crate) groups: usize,
    pub(crate) teachers: usize,
    pub(crate) backbone: usize,
    pub(crate) volunteers: usize,
    pub(crate) exempt: usize,
    /// Teachers eligible for rotation: the quota's base.
    pub(crate) rotation_eligible: usize,
    /// Urban and town (non-weak) teachers who may go on support.
    pub(crate) support_eligible: usize,
    /// Village teachers new enough to shadow.
    pub(crate) shadow_eligible: usize,
    /// Of those, teachers whose school has more staff than posts in their
    /// subject, so they can leave without opening a shortage.
    pub(crate) shadow_spare: usize,
    pub(crate) spouse_pairs: usize,
    pub(crate) demand_rows: usize,
    pub(crate) distance_rows: usize,
    pub(crate) preferences: usize,
    pub(crate) locks: usize,
    pub(crate) forbidden: usize,
    /// Rotations of the two years before still in force (`in_force.csv`).
    pub(crate) in_force: usize,
    /// Posts short in the first term, per subject in timetable order.
    pub(crate) shortage_by_subject: Vec<(String, u64)>,
    /// Posts short in the first term at rural and weak schools.
    pub(crate) village_shortage: u64,
    /// Of those, posts a greedy pass fills with eligible urban and town
    /// teachers within the distance, bed and departure limits (ignoring
    /// couples, locks and forbidden pairs): a rough estimate of what a
    /// solver can fill.
    pub(crate) village_fillable: u64,
}

impl GenerateStats {
    pub(crate) fn add_county(
        &mut self,
        data: &Dataset,
        sites: &[Site],
        km: &[Vec<f64>],
        policy: &Policy,
        horizon: &Horizon,
    ) {
        let first_day = horizon.first_day();
        let first_term = &horizon.terms[0].id;
        self.counties += 1;
        self.schools += data.schools.len();
        for s in &data.schools {
            match s.area {
                Area::Urban => self.urban_schools += 1,
                Area::Town => self.town_schools += 1,
                Area::Rural => self.rural_schools += 1,
            }
        }
        self.teaching_points += sites.iter().filter(|s| **s == Site::TeachingPoint).count();
        self.weak_schools += data.schools.iter().filter(|s| s.weak).count();
        let mut groups: Vec<&str> = data
            .schools
            .iter()
            .filter_map(|s| s.group.as_deref())
            .collect();
        groups.sort_unstable();
        groups.dedup();
        self.groups += groups.len();
        self.demand_rows += data
            .demand
            .values()
            .map(|d| usize::from(d.every_term.is_some()) + d.by_term.len())
            .sum::<usize>();
        self.distance_rows += data.distance_overrides.len() / 2;
        self.preferences += data.preferences.len();
        self.locks += data.locks.len();
        self.forbidden += data.forbidden.len();
        self.in_force += data.in_force.len();

        let mut staff: BTreeMap<(usize, &Subject), u32> = BTreeMap::new();
        let mut size = vec![0usize; data.schools.len()];
        for t in &data.teachers {
            *staff.entry((t.school, t.primary_subject())).or_insert(0) += 1;
            size[t.school] += 1;
        }
        // Staff before the plan counts the rotations in force.
        let in_force = InForceBase::new(data, policy);
        let staff_of = |s: usize, subject: &Subject| {
            let own = staff.get(&(s, subject)).copied().unwrap_or(0);
            in_force.staff(own, s, subject, 0)
        };

        // Who could go where, by subject, for the greedy fill below.
        let mut movers: BTreeMap<&Subject, Vec<TeacherIx>> = BTreeMap::new();
        for (ix, t) in data.teachers.iter().enumerate() {
            let home = &data.schools[t.school];
            self.teachers += 1;
            self.backbone += usize::from(t.backbone.is_backbone());
            self.volunteers += usize::from(t.volunteer);
            self.exempt += usize::from(t.exempt.is_some());
            self.spouse_pairs += usize::from(t.spouse.is_some_and(|s| s > ix));
            let rotation = is_rotation_eligible(t, policy, first_day);
            self.rotation_eligible += usize::from(rotation);
            let eligible = |kind| kind_ineligibility(kind, t, policy, first_day).is_none();
            if home.is_rural_or_weak() {
                if eligible(Kind::Shadow) {
                    self.shadow_eligible += 1;
                    let subject = t.primary_subject();
                    let posts = data.posts(t.school, subject, first_term);
                    self.shadow_spare += usize::from(staff_of(t.school, subject) > posts);
                }
            } else {
                let support = eligible(Kind::Support);
                self.support_eligible += usize::from(support);
                if rotation || support {
                    for subject in &t.subjects {
                        movers.entry(subject).or_default().push(ix);
                    }
                }
            }
        }

        if self.shortage_by_subject.is_empty() {
            self.shortage_by_subject = SUBJECTS.iter().map(|s| (s.name.to_string(), 0)).collect();
        }
        let mut used = vec![false; data.teachers.len()];
        let mut away = vec![0usize; data.schools.len()];
        let mut beds: Vec<u32> = data.schools.iter().map(|s| s.beds).collect();
        for (s, school) in data.schools.iter().enumerate() {
            for (i, spec) in SUBJECTS.iter().enumerate() {
                let subject = Subject::new(spec.name);
                let short = data
                    .posts(s, &subject, first_term)
                    .saturating_sub(staff_of(s, &subject)) as u64;
                self.shortage_by_subject[i].1 += short;
                if !school.is_rural_or_weak() {
                    continue;
                }
                self.village_shortage += short;
                for _ in 0..short {
                    let found = movers
                        .get(&subject)
                        .into_iter()
                        .flatten()
                        .copied()
                        .find(|&t| {
                            let home = data.teachers[t].school;
                            let d = km[home][s];
                            !used[t]
                                && d <= policy.distance.max_km
                                && (d <= policy.distance.commute_km || beds[s] > 0)
                                && away[home] < policy.limits.max_away(size[home])
                        });
                    let Some(t) = found else { break };
                    let home = data.teachers[t].school;
                    used[t] = true;
                    away[home] += 1;
                    if km[home][s] > policy.distance.commute_km {
                        beds[s] -= 1;
                    }
                    self.village_fillable += 1;
                }
            }
        }
    }
}

impl fmt::Display for GenerateStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} counties, {} schools ({} urban, {} town, {} rural of which {} teaching points; {} weak; {} groups)",
            self.counties,
            self.schools,
            self.urban_schools,
            self.town_schools,
            self.rural_schools,
            self.teaching_points,
            self.weak_schools,
            self.groups
        )?;
        writeln!(
            f,
            "{} teachers: {} backbone, {} volunteers, {} exempt, {} spouse pairs",
            self.teachers, self.backbone, self.volunteers, self.exempt, self.spouse_pairs
        )?;
        writeln!(
            f,
            "eligible: {} rotation, {} support, {} shadow ({} can leave without opening a shortage)",
            self.rotation_eligible, self.support_eligible, self.shadow_eligible, self.shadow_spare
        )?;
        let by_subject: Vec<String> = self
            .shortage_by_subject
            .iter()
            .map(|(s, n)| format!("{s} {n}"))
            .collect();
        writeln!(
            f,
            "posts short in the first term: {}",
            by_subject.join(", ")
        )?;
        writeln!(
            f,
            "rural/weak schools: {} posts short, about {} fillable by a greedy pass",
            self.village_shortage, self.village_fillable
        )?;
        write!(
            f,
            "rows: {} demand, {} distances, {} preferences, {} locks, {} forbidden, {} in force",
            self.demand_rows,
            self.distance_rows,
            self.preferences,
            self.locks,
            self.forbidden,
            self.in_force
        )
    }
}
