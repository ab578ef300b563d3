//! Tiers 3–5 measured on a roster, for the summary: how many seniority
//! inversions it has, how many volunteers and promotion-needing teachers it
//! sends, how many stated preferences it meets.

use std::collections::{BTreeMap, HashMap};

use crate::domain::eligibility::{
    exemption, is_rotation_eligible, needs_rural_service_for_promotion, Career,
};
use crate::domain::{Dataset, Exchange, Horizon, Kind, Policy, SchoolIx, Subject, TeacherIx};
use crate::output::Fairness;

pub(crate) fn fairness(
    dataset: &Dataset,
    policy: &Policy,
    horizon: &Horizon,
    exchanges: &[Exchange],
) -> Fairness {
    let first_day = horizon.first_day();
    let by_teacher: HashMap<TeacherIx, &Exchange> =
        exchanges.iter().map(|e| (e.teacher, e)).collect();
    // SPEC §2 tier 3: one who stays (takes no exchange) while an eligible
    // colleague with fewer years goes on rotation or support.
    let stays = |t: TeacherIx| !by_teacher.contains_key(&t);
    let goes = |t: TeacherIx| {
        by_teacher
            .get(&t)
            .is_some_and(|e| matches!(e.kind, Kind::Rotation | Kind::Support))
    };
    let mut fairness = Fairness::default();

    let mut groups: BTreeMap<(SchoolIx, &Subject), Vec<(i32, TeacherIx)>> = BTreeMap::new();
    for (t, teacher) in dataset.teachers.iter().enumerate() {
        if is_rotation_eligible(teacher, policy, first_day) {
            let years = Career::at(teacher, first_day).years_at_school;
            groups
                .entry((teacher.school, teacher.primary_subject()))
                .or_default()
                .push((years, t));
        }
    }
    for members in groups.values() {
        for &(years, t) in members {
            let junior_goes = members.iter().any(|&(y, other)| y < years && goes(other));
            if stays(t) && junior_goes {
                fairness.seniority_inversions += 1;
            }
        }
    }

    let mut stated: HashMap<TeacherIx, Vec<SchoolIx>> = HashMap::new();
    for preference in &dataset.preferences {
        stated
            .entry(preference.teacher)
            .or_default()
            .push(preference.school);
    }
    for (t, teacher) in dataset.teachers.iter().enumerate() {
        let exchange = by_teacher.get(&t);
        if teacher.volunteer {
            fairness.volunteers += 1;
            fairness.volunteers_sent += exchange.is_some() as u32;
        }
        if needs_rural_service_for_promotion(teacher)
            && exemption(teacher, policy, first_day).is_none()
        {
            fairness.promotion_needs += 1;
            let served = exchange.is_some_and(|e| {
                e.kind.fills_post(policy)
                    && e.is_year_long()
                    && dataset.schools[e.host].is_rural_or_weak()
            });
            fairness.promotion_served += served as u32;
        }
        if let Some(hosts) = stated.get(&t) {
            fairness.preferences_stated += 1;
            fairness.preferences_met += exchange.is_some_and(|e| hosts.contains(&e.host)) as u32;
        }
    }
    fairness
}
