//! The single-exchange rules as filters that say why they refuse: rules 1–6
//! and 9 as far as one exchange decides them. Candidate generation keeps
//! only exchanges no filter refuses; a lock no candidate matches, `check`
//! and `explain` report the refusal these same functions give, so the
//! model, the checker and the explanations cannot drift apart.
//!
//! Each function judges one rule and returns `None` when the rule allows
//! the exchange.

use chrono::NaiveDate;

use super::calendar::Horizon;
use super::eligibility::{career_problem, county_problem, direction_problem};
use super::policy::Policy;
use super::rule::{Refusal, Rule};
use super::{Exchange, Kind, Lock, School, Subject, Teacher};

/// Rule 1: the teacher is qualified in the subject.
pub fn subject(teacher: &Teacher, subject: &Subject) -> Option<Refusal> {
    (!teacher.is_qualified(subject)).then(|| {
        let qualified: Vec<&str> = teacher.subjects.iter().map(Subject::as_str).collect();
        Refusal::new(
            Rule::Subject,
            format!(
                "{} is qualified only in {}, not {subject}",
                teacher.id,
                qualified.join(";")
            ),
        )
    })
}

/// Rule 2: the kind's career condition (years at the school for a
/// rotation, years of teaching for support and shadowing, a cadre's post
/// for a secondment).
pub fn career(
    kind: Kind,
    teacher: &Teacher,
    policy: &Policy,
    first_day: NaiveDate,
) -> Option<Refusal> {
    career_problem(kind, teacher, policy, first_day)
        .map(|why| Refusal::new(Rule::Eligibility, format!("{kind}: {why}")))
}

/// Rule 2: the kind's direction (support goes from town or urban to rural
/// or weak, shadowing from rural or weak to urban or a group lead).
pub fn direction(kind: Kind, home: &School, host: &School) -> Option<Refusal> {
    direction_problem(kind, home, host).map(|why| {
        Refusal::new(
            Rule::Eligibility,
            format!("{kind} from {} to {}: {why}", home.id, host.id),
        )
    })
}

/// Rule 2: the exchange covers a span of terms its kind allows.
pub fn span(
    kind: Kind,
    exchange: &Exchange,
    policy: &Policy,
    horizon: &Horizon,
) -> Option<Refusal> {
    let allowed = kind.spans(policy, horizon);
    if allowed.contains(&(exchange.start_term, exchange.end_term)) {
        return None;
    }
    let term = |i: usize| horizon.terms.get(i).map_or("?", |t| t.id.as_str());
    let must = match kind {
        Kind::Rotation => match horizon.terms.as_slice() {
            [] => "the whole horizon".to_string(),
            terms => format!(
                "the whole horizon ({}..{})",
                terms[0].id,
                terms[terms.len() - 1].id
            ),
        },
        Kind::Support => format!(
            "{} consecutive term(s) (support.terms)",
            policy.support.terms
        ),
        Kind::Shadow => "exactly one term".into(),
        Kind::Secondment => format!(
            "{} consecutive term(s) (secondment.terms)",
            policy.secondment.terms
        ),
    };
    Some(Refusal::new(
        Rule::Eligibility,
        format!(
            "covers {}..{}, but {kind} must cover {must}",
            term(exchange.start_term),
            term(exchange.end_term)
        ),
    ))
}

/// Rule 3: no exchange for an exempt teacher (declared, near retirement,
/// cooling down).
pub fn exemption(teacher: &Teacher, policy: &Policy, first_day: NaiveDate) -> Option<Refusal> {
    super::eligibility::exemption(teacher, policy, first_day).map(|e| {
        Refusal::new(
            Rule::Exemptions,
            format!("{} may take no exchange: {e} (at {first_day})", teacher.id),
        )
    })
}

/// Rule 4: host and home are in the same county.
pub fn same_county(home: &School, host: &School) -> Option<Refusal> {
    county_problem(home, host).map(|why| Refusal::new(Rule::SameCounty, why))
}

/// Rule 5: the host is within `distance.max_km` of home; an unknown
/// distance cannot be shown to be.
pub fn distance(km: Option<f64>, home: &School, host: &School, policy: &Policy) -> Option<Refusal> {
    match km {
        None => Some(Refusal::new(
            Rule::Distance,
            format!(
                "no coordinates or distances.csv row for {} to {}",
                home.id, host.id
            ),
        )),
        Some(km) if km > policy.distance.max_km => Some(Refusal::new(
            Rule::Distance,
            format!(
                "{} to {} is {km:.1} km > distance.max_km {} km",
                home.id, host.id, policy.distance.max_km
            ),
        )),
        Some(_) => None,
    }
}

/// Rule 5: an exchange beyond `distance.commute_km` needs a dormitory bed,
/// so it cannot go to a host without beds. (How many beds are used is a
/// rule over several exchanges, counted by the model and the checker.)
pub fn bed(km: f64, host: &School, policy: &Policy) -> Option<Refusal> {
    (km > policy.distance.commute_km && host.beds == 0).then(|| {
        Refusal::new(
            Rule::Distance,
            format!(
                "{km:.1} km is beyond commuting distance ({} km) and {} has no dormitory beds",
                policy.distance.commute_km, host.id
            ),
        )
    })
}

/// Rule 6, as far as one exchange decides it: a school that may have none
/// of its own teachers away sends nobody.
pub fn departures(home: &School, own_teachers: usize, policy: &Policy) -> Option<Refusal> {
    (policy.limits.max_away(own_teachers) == 0).then(|| {
        Refusal::new(
            Rule::Departures,
            format!(
                "{} may have none of its {own_teachers} teachers away (limits.max_away_fraction {})",
                home.id, policy.limits.max_away_fraction
            ),
        )
    })
}

/// Rule 9: the teacher-school pair is not in `forbidden.csv`.
pub fn forbidden(teacher: &Teacher, host: &School, is_forbidden: bool) -> Option<Refusal> {
    is_forbidden.then(|| {
        Refusal::new(
            Rule::Locks,
            format!("{} may not go to {} (forbidden.csv)", teacher.id, host.id),
        )
    })
}

/// Rule 9: a teacher locked to stay takes no exchange.
pub fn locked_to_stay(teacher: &Teacher, lock: Option<&Lock>) -> Option<Refusal> {
    lock.is_some_and(|l| l.host.is_none()).then(|| {
        Refusal::new(
            Rule::Locks,
            format!("{} is locked to stay (locks.csv)", teacher.id),
        )
    })
}

/// Whether `exchange` is the one `lock` asks for (host, and kind, subject
/// and start term where the lock gives them); `start_term_id` is the
/// exchange's start term id.
pub fn lock_admits(lock: &Lock, exchange: &Exchange, start_term_id: &str) -> bool {
    lock.host == Some(exchange.host)
        && lock.kind.is_none_or(|k| k == exchange.kind)
        && lock.subject.as_ref().is_none_or(|s| *s == exchange.subject)
        && lock
            .start_term
            .as_deref()
            .is_none_or(|id| id.trim() == start_term_id)
}
