//! Exchanges in force (`in_force.csv`): the rotations the county started
//! one and two years before the horizon, which still run through it (a
//! rotation lasts `rotation.years`, three by default). Each went the way a
//! bureau sends them: a teacher of an urban or town school with more staff
//! than posts in their subject, eligible at the time, to the nearest
//! village or weak school short in a subject they teach, within the distance, bed
//! and departure limits. So the villages they went to are no longer short
//! in that subject, and their home schools no longer have the spare
//! teacher: the county's second and third year, as the planner sees it.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use rand::seq::SliceRandom;
use rand::Rng;

use crate::domain::calendar::add_years;
use crate::domain::eligibility::Career;
use crate::domain::in_force::{overlapped_terms, InForce};
use crate::domain::{Dataset, Exchange, Horizon, Kind, Policy, SchoolIx, Subject};

/// Rotations started per year, per teacher of the county: about one in 70.
const PER_TEACHER: f64 = 1.0 / 70.0;

/// Adds the rotations in force to `data` (and their end as each teacher's
/// last exchange end, as loading `in_force.csv` does).
pub(crate) fn rotations_in_force<R: Rng>(
    rng: &mut R,
    data: &mut Dataset,
    km: &[Vec<f64>],
    policy: &Policy,
    horizon: &Horizon,
) {
    let first_day = horizon.first_day();
    let mut staff: HashMap<(SchoolIx, Subject), i64> = HashMap::new();
    let mut size = vec![0usize; data.schools.len()];
    for t in &data.teachers {
        *staff.entry((t.school, *t.primary_subject())).or_insert(0) += 1;
        size[t.school] += 1;
    }
    let mut away = vec![0usize; data.schools.len()];
    let mut beds: Vec<u32> = data.schools.iter().map(|s| s.beds).collect();
    let per_year = ((data.teachers.len() as f64 * PER_TEACHER).round() as usize).max(1);
    let first_term = horizon.terms[0].id.clone();
    // The cohorts still running: (start, end, horizon terms covered).
    let cohorts: Vec<(NaiveDate, NaiveDate, (usize, usize))> = [2, 1]
        .into_iter()
        .filter_map(|years_ago| {
            let start = first_day.with_year(first_day.year() - years_ago)?;
            let end = add_years(start, policy.rotation.years) - Days::new(1);
            Some((start, end, overlapped_terms(horizon, start, end)?))
        })
        .collect();
    let mut started = vec![0usize; cohorts.len()];
    let mut movers: Vec<usize> = (0..data.teachers.len()).collect();
    movers.shuffle(rng);
    for t in movers {
        // The least filled cohort the teacher could have gone in.
        let Some(cohort) = (0..cohorts.len())
            .filter(|&c| started[c] < per_year && could_have_gone(data, policy, t, cohorts[c].0))
            .min_by_key(|&c| started[c])
        else {
            continue;
        };
        let (start, end, (start_term, end_term)) = cohorts[cohort];
        let home = data.teachers[t].school;
        let primary = *data.teachers[t].primary_subject();
        let staff_of =
            |s: SchoolIx, subject: &Subject| staff.get(&(s, *subject)).copied().unwrap_or(0);
        let posts = |s: SchoolIx, subject: &Subject| i64::from(data.posts(s, subject, &first_term));
        let spare = staff_of(home, &primary) > posts(home, &primary);
        if !spare || away[home] >= policy.limits.max_away(size[home]) {
            continue;
        }
        // The nearest village short in a subject the teacher teaches.
        let host = data.teachers[t]
            .subjects
            .iter()
            .flat_map(|subject| (0..data.schools.len()).map(move |s| (s, subject)))
            .filter(|&(s, subject)| {
                let school = &data.schools[s];
                let d = km[home][s];
                school.county == data.schools[home].county
                    && school.is_rural_or_weak()
                    && staff_of(s, subject) < posts(s, subject)
                    && d <= policy.distance.max_km
                    && (d <= policy.distance.commute_km || beds[s] > 0)
            })
            .min_by(|&(a, _), &(b, _)| km[home][a].total_cmp(&km[home][b]));
        let Some((host, subject)) = host else {
            continue;
        };
        let subject = *subject;
        *staff.entry((home, primary)).or_insert(0) -= 1;
        *staff.entry((host, subject)).or_insert(0) += 1;
        away[home] += 1;
        if km[home][host] > policy.distance.commute_km {
            beds[host] -= 1;
        }
        data.teachers[t].last_exchange_end = Some(end);
        data.in_force.push(InForce {
            exchange: Exchange {
                teacher: t,
                kind: Kind::Rotation,
                subject,
                host,
                start_term,
                end_term,
            },
            start_date: start,
            end_date: end,
        });
        started[cohort] += 1;
    }
    data.in_force.sort_by_key(|f| f.exchange.teacher);
}

/// Whether teacher `t` could have started a rotation on `start`: from an
/// urban or town school that is not weak, at that school long enough then,
/// not exempt, not near retirement, not already on or just back from an
/// exchange, and not married (a couple's second posting is a matter the
/// sample keeps to the couples rule's own cases).
fn could_have_gone(data: &Dataset, policy: &Policy, t: usize, start: NaiveDate) -> bool {
    let teacher = &data.teachers[t];
    let career = Career::at(teacher, start);
    let retirement = policy.eligibility.retirement_age.for_gender(teacher.gender) as i32;
    !data.schools[teacher.school].is_rural_or_weak()
        && teacher.exempt.is_none()
        && teacher.spouse.is_none()
        && teacher.last_exchange_end.is_none()
        && career.years_at_school >= policy.eligibility.min_years_at_school as i32
        && career.age + (policy.eligibility.retirement_exempt_years as i32) < retirement
        && data.in_force.iter().all(|f| f.exchange.teacher != t)
}
