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
use crate::lang::{tr, Language};

/// Rule 1: the teacher is qualified in the subject.
pub(crate) fn subject(teacher: &Teacher, subject: &Subject) -> Option<Refusal> {
    (!teacher.is_qualified(subject)).then(|| {
        let qualified: Vec<&str> = teacher.subjects.iter().map(Subject::as_str).collect();
        Refusal::new(
            Rule::Subject,
            tr!(
                RefuseSubject,
                teacher = teacher.id,
                qualified = qualified.join(";"),
                subject = subject
            ),
        )
    })
}

/// Rule 2: the kind's career condition (years at the school for a
/// rotation, years of teaching for support and shadowing, a cadre's post
/// for a secondment).
pub(crate) fn career(
    kind: Kind,
    teacher: &Teacher,
    policy: &Policy,
    first_day: NaiveDate,
) -> Option<Refusal> {
    career_problem(kind, teacher, policy, first_day).map(|why| {
        let kind = Language::current().kind(kind);
        Refusal::new(Rule::Eligibility, format!("{kind}: {why}"))
    })
}

/// Rule 2: the kind's direction (support goes from town or urban to rural
/// or weak, shadowing from rural or weak to urban or a group lead).
pub(crate) fn direction(kind: Kind, home: &School, host: &School) -> Option<Refusal> {
    direction_problem(kind, home, host).map(|why| {
        Refusal::new(
            Rule::Eligibility,
            tr!(
                RefuseDirection,
                kind = Language::current().kind(kind),
                home = home.id,
                host = host.id,
                why = why
            ),
        )
    })
}

/// Rule 2: the exchange covers a span of terms its kind allows.
pub(crate) fn span(
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
            [] => tr!(SpanWholeHorizon),
            terms => tr!(
                SpanWholeHorizonFromTo,
                first = terms[0].id,
                last = terms[terms.len() - 1].id
            ),
        },
        Kind::Support => tr!(SpanSupport, n = policy.support.terms),
        Kind::Shadow => tr!(SpanShadow),
        Kind::Secondment => tr!(SpanSecondment, n = policy.secondment.terms),
    };
    Some(Refusal::new(
        Rule::Eligibility,
        tr!(
            RefuseSpan,
            start = term(exchange.start_term),
            end = term(exchange.end_term),
            kind = Language::current().kind(kind),
            must = must
        ),
    ))
}

/// Rule 3: no exchange for an exempt teacher (declared, near retirement,
/// cooling down).
pub(crate) fn exemption(
    teacher: &Teacher,
    policy: &Policy,
    first_day: NaiveDate,
) -> Option<Refusal> {
    super::eligibility::exemption(teacher, policy, first_day).map(|e| {
        Refusal::new(
            Rule::Exemptions,
            tr!(
                RefuseExempt,
                teacher = teacher.id,
                why = e,
                first_day = first_day
            ),
        )
    })
}

/// Rule 4: host and home are in the same county.
pub(crate) fn same_county(home: &School, host: &School) -> Option<Refusal> {
    county_problem(home, host).map(|why| Refusal::new(Rule::SameCounty, why))
}

/// Rule 5: the host is within `distance.max_km` of home; an unknown
/// distance cannot be shown to be.
pub(crate) fn distance(
    km: Option<f64>,
    home: &School,
    host: &School,
    policy: &Policy,
) -> Option<Refusal> {
    match km {
        None => Some(Refusal::new(
            Rule::Distance,
            tr!(RefuseNoDistance, home = home.id, host = host.id),
        )),
        Some(km) if km > policy.distance.max_km => Some(Refusal::new(
            Rule::Distance,
            tr!(
                RefuseTooFar,
                home = home.id,
                host = host.id,
                km = format!("{km:.1}"),
                max_km = policy.distance.max_km
            ),
        )),
        Some(_) => None,
    }
}

/// Rule 5: an exchange beyond `distance.commute_km` needs a dormitory bed,
/// so it cannot go to a host without beds. (How many beds are used is a
/// rule over several exchanges, counted by the model and the checker.)
pub(crate) fn bed(km: f64, host: &School, policy: &Policy) -> Option<Refusal> {
    (km > policy.distance.commute_km && host.beds == 0).then(|| {
        Refusal::new(
            Rule::Distance,
            tr!(
                RefuseNoBeds,
                km = format!("{km:.1}"),
                commute_km = policy.distance.commute_km,
                host = host.id
            ),
        )
    })
}

/// Rule 6, as far as one exchange decides it: a school that may have none
/// of its own teachers away sends nobody.
pub(crate) fn departures(home: &School, own_teachers: usize, policy: &Policy) -> Option<Refusal> {
    (policy.limits.max_away(own_teachers) == 0).then(|| {
        Refusal::new(
            Rule::Departures,
            tr!(
                RefuseNoneAway,
                home = home.id,
                own = own_teachers,
                fraction = policy.limits.max_away_fraction
            ),
        )
    })
}

/// Rule 9: the teacher-school pair is not in `forbidden.csv`.
pub(crate) fn forbidden(teacher: &Teacher, host: &School, is_forbidden: bool) -> Option<Refusal> {
    is_forbidden.then(|| {
        Refusal::new(
            Rule::Locks,
            tr!(RefuseForbidden, teacher = teacher.id, host = host.id),
        )
    })
}

/// Rule 9: a teacher locked to stay takes no exchange.
pub(crate) fn locked_to_stay(teacher: &Teacher, lock: Option<&Lock>) -> Option<Refusal> {
    lock.is_some_and(|l| l.host.is_none())
        .then(|| Refusal::new(Rule::Locks, tr!(RefuseLockedToStay, teacher = teacher.id)))
}

/// Whether `exchange` is the one `lock` asks for (host, and kind, subject
/// and start term where the lock gives them); `start_term_id` is the
/// exchange's start term id.
pub(crate) fn lock_admits(lock: &Lock, exchange: &Exchange, start_term_id: &str) -> bool {
    lock.host == Some(exchange.host)
        && lock.kind.is_none_or(|k| k == exchange.kind)
        && lock.subject.as_ref().is_none_or(|s| *s == exchange.subject)
        && lock
            .start_term
            .as_deref()
            .is_none_or(|id| id.trim() == start_term_id)
}
