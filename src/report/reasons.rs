//! The `reasons` column: short codes saying why a teacher was chosen, so a
//! personnel section can explain each line of the roster to the teacher.
//!
//! | code | meaning |
//! |---|---|
//! | `locked` | the exchange was fixed in `locks.csv` |
//! | `kept` | kept from the previous roster (started before `--as-of`) |
//! | `overdue:Ny` | N years at the current school, at or past the rotation threshold |
//! | `backbone` | holds a backbone title (counts towards the 20% share) |
//! | `promotion` | first-grade teacher needing a year of rural service, on a year-long rural or weak posting |
//! | `volunteer` | volunteered (自愿报名) |
//! | `pref:N` | the host is the teacher's N-th preference |
//! | `alliance` | home and host are in the same group (教育集团/联盟) |
//! | `surplus` | the home school has more teachers of the subject than posts, so nobody is missed at home |
//! | `early-career:Ny` | N years of teaching, shadowing a mentor |
//! | `cadre:POST` | a cadre (`middle`, `vice_principal`, `principal`) on secondment (挂职) |
//! | `refill:ID` | takes the post teacher ID frees by going on an exchange (see [`super::refills`]) |
//! | `fills-shortage` | none of the above: the best teacher to fill the host's shortage |
//!
//! `refill:` and `fills-shortage` are added by the report, which sees the
//! whole roster.

use super::staffing::Staffing;
use crate::domain::alliance::shared_group;
use crate::domain::eligibility::{needs_rural_service_for_promotion, Career};
use crate::domain::{Dataset, Exchange, Horizon, Policy};
use crate::lang::tr;

/// A reason code in words, for `explain`: `overdue:8y` is "8 years at the
/// current school, at or past the rotation threshold". An unknown code is
/// returned as it is.
pub(crate) fn meaning(code: &str) -> String {
    let (name, value) = code.split_once(':').unwrap_or((code, ""));
    let years = value.trim_end_matches('y');
    match name {
        "locked" => tr!(ReasonLocked),
        "kept" => tr!(ReasonKept),
        "overdue" => tr!(ReasonOverdue, years = years),
        "backbone" => tr!(ReasonBackbone),
        "promotion" => tr!(ReasonPromotion),
        "volunteer" => tr!(ReasonVolunteer),
        "pref" => tr!(ReasonPref, rank = value),
        "surplus" => tr!(ReasonSurplus),
        "early-career" => tr!(ReasonEarlyCareer, years = years),
        "cadre" => tr!(ReasonCadre, post = value),
        "fills-shortage" => tr!(ReasonFillsShortage),
        "refill" => tr!(ReasonRefill, teacher = value),
        "mentor" => tr!(ReasonMentor, teacher = value),
        "alliance" => tr!(ReasonAlliance),
        _ => code.to_string(),
    }
}

/// What the roster knows about an exchange beyond the data set's rows.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ExchangeFacts {
    pub(crate) locked: bool,
    pub(crate) kept: bool,
    pub(crate) preference_rank: Option<u32>,
}

pub(crate) fn reasons(
    dataset: &Dataset,
    policy: &Policy,
    horizon: &Horizon,
    staffing: &Staffing,
    exchange: &Exchange,
    facts: ExchangeFacts,
) -> Vec<String> {
    let ExchangeFacts {
        locked,
        kept,
        preference_rank,
    } = facts;
    let teacher = &dataset.teachers[exchange.teacher];
    let host = &dataset.schools[exchange.host];
    let career = Career::at(teacher, horizon.first_day());
    let mut codes = Vec::new();
    if locked {
        codes.push("locked".to_string());
    }
    if kept {
        codes.push("kept".to_string());
    }
    if exchange.kind.counts_toward_quota()
        && career.years_at_school >= policy.eligibility.min_years_at_school as i32
    {
        codes.push(format!("overdue:{}y", career.years_at_school));
    }
    if teacher.backbone.is_backbone() {
        codes.push("backbone".to_string());
    }
    if exchange.kind.fills_post(policy)
        && exchange.is_year_long()
        && host.is_rural_or_weak()
        && needs_rural_service_for_promotion(teacher)
    {
        codes.push("promotion".to_string());
    }
    if teacher.volunteer {
        codes.push("volunteer".to_string());
    }
    if let Some(rank) = preference_rank {
        codes.push(format!("pref:{rank}"));
    }
    if shared_group(dataset, teacher.school, exchange.host).is_some() {
        codes.push("alliance".to_string());
    }
    let subject = teacher.primary_subject();
    let home_has_surplus = (exchange.start_term..=exchange.end_term).all(|term| {
        staffing.before(teacher.school, subject, term)
            > dataset.posts(teacher.school, subject, &horizon.terms[term].id)
    });
    if home_has_surplus {
        codes.push("surplus".to_string());
    }
    if exchange.kind.needs_mentor() {
        codes.push(format!("early-career:{}y", career.teaching_years));
    }
    if exchange.kind.is_for_cadres() {
        codes.push(format!("cadre:{}", teacher.post.as_str()));
    }
    codes
}
