//! Rules the exchanges in force break on their own (SPEC §2): a fact of
//! earlier plans, such as a host whose demand fell under the rotations it
//! already receives, is reported as a warning, not as a violation of any
//! roster; the roster is invalid only where one of its own rows takes part.
//! Only the rules that tie exchanges together are judged (beds, departures,
//! host capacity, couples, mentors, sending schools, secondment places): the single-exchange rules were the
//! earlier plan's to apply, at its own date.

use crate::domain::Rule;
use std::collections::{BTreeSet, HashMap};

use crate::domain::geo::Distances;
use crate::domain::in_force::InForceBase;
use crate::domain::{Dataset, Horizon, Policy, Subject};
use crate::lang::tr;

/// One line per rule the in-force exchanges alone break, per school (or
/// couple) and term, sorted.
pub(crate) fn in_force_warnings(
    dataset: &Dataset,
    policy: &Policy,
    horizon: &Horizon,
) -> Vec<String> {
    if dataset.in_force.is_empty() {
        return Vec::new();
    }
    let base = InForceBase::new(dataset, policy);
    let mut own: HashMap<usize, usize> = HashMap::new();
    let mut own_subject: HashMap<(usize, &Subject), (u32, u32)> = HashMap::new();
    for teacher in &dataset.teachers {
        *own.entry(teacher.school).or_insert(0) += 1;
        let (all, backbone) = own_subject
            .entry((teacher.school, teacher.primary_subject()))
            .or_insert((0, 0));
        *all += 1;
        *backbone += teacher.backbone.is_backbone() as u32;
    }
    let mut lines = BTreeSet::new();
    let mut warn = |number: u8, what: String| {
        let rule = Rule::numbered(number).expect("a numbered rule of SPEC §2");
        lines.insert(tr!(CheckInForceBroken, rule = rule, what = what));
    };
    for in_force in &dataset.in_force {
        let e = &in_force.exchange;
        let home = dataset.teachers[e.teacher].school;
        for term in e.start_term..=e.end_term {
            let term_id = &horizon.terms[term].id;
            let (host_id, home_id) = (&dataset.schools[e.host].id, &dataset.schools[home].id);
            let beds = dataset.schools[e.host].beds;
            if base.beds(e.host, term) > beds {
                let used = base.beds(e.host, term);
                warn(
                    5,
                    tr!(
                        InForceBeds,
                        host = host_id,
                        term = term_id,
                        used = used,
                        beds = beds
                    ),
                );
            }
            let limit = policy.limits.max_away(own.get(&home).copied().unwrap_or(0));
            if base.away(home, term) as usize > limit {
                let away = base.away(home, term);
                warn(
                    6,
                    tr!(
                        InForceAway,
                        school = home_id,
                        term = term_id,
                        away = away,
                        limit = limit
                    ),
                );
            }
            let primary = dataset.teachers[e.teacher].primary_subject();
            let own = own_subject.get(&(home, primary)).map_or(0, |&(all, _)| all);
            let has_demand = (0..horizon.len())
                .any(|term| dataset.posts(home, primary, &horizon.terms[term].id) > 0);
            if policy.limits.keep_subject && has_demand && base.staff(own, home, primary, term) == 0
            {
                warn(
                    11,
                    tr!(
                        InForceNoTeacherLeft,
                        school = home_id,
                        term = term_id,
                        subject = primary
                    ),
                );
            }
            let (staffed, backbone) = own_subject
                .get(&(e.host, &e.subject))
                .copied()
                .unwrap_or((0, 0));
            let demand = dataset.posts(e.host, &e.subject, term_id);
            let staff = base.staff(staffed, e.host, &e.subject, term);
            if e.kind.fills_post(policy) && staff > demand {
                warn(
                    7,
                    tr!(
                        InForceStaff,
                        host = host_id,
                        term = term_id,
                        subject = e.subject,
                        staff = staff,
                        demand = demand
                    ),
                );
            }
            let mentors = backbone.saturating_sub(base.mentors_away(e.host, &e.subject, term));
            let shadows = base.shadows(e.host, &e.subject, term);
            if e.kind.needs_mentor() && shadows > mentors {
                warn(
                    10,
                    tr!(
                        InForceMentors,
                        host = host_id,
                        term = term_id,
                        subject = e.subject,
                        shadows = shadows,
                        mentors = mentors
                    ),
                );
            }
            let secondees = base.secondees(e.host, term);
            let places = policy.secondment.max_per_host;
            if e.kind.takes_secondment_place() && secondees > places {
                warn(
                    12,
                    tr!(
                        InForceSecondees,
                        host = host_id,
                        term = term_id,
                        secondees = secondees,
                        places = places
                    ),
                );
            }
            if let Some(what) = couple_apart(dataset, policy, &base, e.teacher, term) {
                warn(8, tr!(InForceTerm, term = term_id, what = what));
            }
        }
    }
    lines.into_iter().collect()
}

/// The distance, in words, between an in-force teacher and their spouse in
/// `term` where it is more than rule 8 allows.
fn couple_apart(
    dataset: &Dataset,
    policy: &Policy,
    base: &InForceBase,
    teacher: usize,
    term: usize,
) -> Option<String> {
    let spouse = dataset.teachers[teacher].spouse?;
    let distances = Distances::new(dataset, policy.distance.road_factor);
    let (home_a, home_b) = (
        dataset.teachers[teacher].school,
        dataset.teachers[spouse].school,
    );
    let at_home = distances.km(home_a, home_b).unwrap_or(0.0);
    let limit = policy.couples.max_km.max(at_home);
    let (a, b) = (
        base.host_of(teacher, term).unwrap_or(home_a),
        base.host_of(spouse, term).unwrap_or(home_b),
    );
    let apart = distances.km(a, b)?;
    let (first, second) = if teacher < spouse {
        (teacher, spouse)
    } else {
        (spouse, teacher)
    };
    (apart > limit).then(|| {
        tr!(
            InForceCouple,
            a = dataset.teachers[first].id,
            b = dataset.teachers[second].id,
            apart = format!("{apart:.1}"),
            limit = format!("{limit:.1}")
        )
    })
}
