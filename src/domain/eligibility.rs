//! Who may go, and where (SPEC §1 table, §2 rules 2–4). Everything is taken
//! at the horizon's first day with calendar arithmetic.

use std::fmt;

use chrono::NaiveDate;

use super::calendar::{add_years, full_years};
use super::policy::Policy;
use super::{Area, Kind, School, Teacher};
use crate::lang::tr;

/// Career figures of a teacher at the horizon's first day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Career {
    pub(crate) age: i32,
    pub(crate) teaching_years: i32,
    pub(crate) years_at_school: i32,
}

impl Career {
    pub(crate) fn at(teacher: &Teacher, first_day: NaiveDate) -> Career {
        Career {
            age: full_years(teacher.birth_date, first_day),
            teaching_years: full_years(teacher.hire_date, first_day),
            years_at_school: full_years(teacher.school_since, first_day),
        }
    }
}

/// Why a teacher takes no exchange at all (rule 3).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Exemption {
    /// The `exempt` column, with its reason.
    Declared(String),
    /// Within `retirement_exempt_years` of the statutory retirement age.
    NearRetirement { age: i32, retirement_age: u32 },
    /// The last exchange ended less than `cooldown_years` before the horizon.
    Cooldown { last_exchange_end: NaiveDate },
    /// An in-force exchange of the teacher runs into the horizon (SPEC §1:
    /// no new exchange while it runs); it ends on `end`.
    InForce { end: NaiveDate },
}

impl fmt::Display for Exemption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exemption::Declared(reason) => f.write_str(&tr!(ExemptDeclared, reason = reason)),
            Exemption::NearRetirement {
                age,
                retirement_age,
            } => f.write_str(&tr!(
                ExemptNearRetirement,
                age = age,
                retirement_age = retirement_age
            )),
            Exemption::Cooldown { last_exchange_end } => {
                f.write_str(&tr!(ExemptCooldown, end = last_exchange_end))
            }
            Exemption::InForce { end } => f.write_str(&tr!(ExemptInForce, end = end)),
        }
    }
}

pub(crate) fn exemption(
    teacher: &Teacher,
    policy: &Policy,
    first_day: NaiveDate,
) -> Option<Exemption> {
    if let Some(reason) = &teacher.exempt {
        return Some(Exemption::Declared(reason.clone()));
    }
    let age = full_years(teacher.birth_date, first_day);
    let retirement_age = policy.eligibility.retirement_age.for_gender(teacher.gender);
    if age + policy.eligibility.retirement_exempt_years as i32 >= retirement_age as i32 {
        return Some(Exemption::NearRetirement {
            age,
            retirement_age,
        });
    }
    if let Some(end) = teacher.last_exchange_end {
        // Only an in-force row may set an end after the horizon starts
        // (`input` checks it): the exchange still runs.
        if end > first_day {
            return Some(Exemption::InForce { end });
        }
        if add_years(end, policy.eligibility.cooldown_years) > first_day {
            return Some(Exemption::Cooldown {
                last_exchange_end: end,
            });
        }
    }
    None
}

/// Rotation eligibility: the rule that also defines the quota's base
/// ("teachers eligible for rotation"): long enough at the school, not exempt.
pub(crate) fn is_rotation_eligible(
    teacher: &Teacher,
    policy: &Policy,
    first_day: NaiveDate,
) -> bool {
    exemption(teacher, policy, first_day).is_none()
        && Career::at(teacher, first_day).years_at_school
            >= policy.eligibility.min_years_at_school as i32
}

/// Why a teacher may not take an exchange of a kind, ignoring the host:
/// an exemption (rule 3) or the kind's career condition (rule 2).
pub(crate) fn kind_ineligibility(
    kind: Kind,
    teacher: &Teacher,
    policy: &Policy,
    first_day: NaiveDate,
) -> Option<String> {
    if let Some(exemption) = exemption(teacher, policy, first_day) {
        return Some(exemption.to_string());
    }
    career_problem(kind, teacher, policy, first_day)
}

/// Why a teacher's career does not allow an exchange of a kind (rule 2:
/// years at the school, years of teaching, a cadre's post), exemptions
/// aside.
pub(crate) fn career_problem(
    kind: Kind,
    teacher: &Teacher,
    policy: &Policy,
    first_day: NaiveDate,
) -> Option<String> {
    if kind.is_for_cadres() && !teacher.post.is_cadre() {
        return Some(format!(
            "post {}, {kind} is for cadres (middle, vice_principal, principal)",
            teacher.post.as_str()
        ));
    }
    let career = Career::at(teacher, first_day);
    match kind {
        Kind::Rotation => {
            let needed = policy.eligibility.min_years_at_school as i32;
            (career.years_at_school < needed).then(|| {
                tr!(
                    EligibleRotationYears,
                    years = career.years_at_school,
                    needed = needed
                )
            })
        }
        Kind::Support => {
            let needed = policy.support.min_teaching_years as i32;
            (career.teaching_years < needed).then(|| {
                tr!(
                    EligibleSupportYears,
                    years = career.teaching_years,
                    needed = needed
                )
            })
        }
        Kind::Shadow => {
            let most = policy.shadow.max_teaching_years as i32;
            (career.teaching_years > most).then(|| {
                tr!(
                    EligibleShadowYears,
                    years = career.teaching_years,
                    most = most
                )
            })
        }
        // Cadres only, whatever their years (above).
        Kind::Secondment => None,
    }
}

/// Why `host` is not in `home`'s county (rule 4).
pub(crate) fn county_problem(home: &School, host: &School) -> Option<String> {
    (home.county != host.county).then(|| {
        tr!(
            EligibleCounty,
            host = host.id,
            host_county = host.county,
            home = home.id,
            home_county = home.county
        )
    })
}

/// Why an exchange of `kind` may not go from `home` to `host` (rule 2's
/// direction; the county is rule 4's, [`county_problem`]).
pub(crate) fn direction_problem(kind: Kind, home: &School, host: &School) -> Option<String> {
    if home.id == host.id {
        return Some(tr!(EligibleHostIsHome));
    }
    match kind {
        Kind::Rotation => None,
        Kind::Support => {
            if home.is_rural_or_weak() {
                Some(tr!(EligibleSupportFrom))
            } else if !host.is_rural_or_weak() {
                Some(tr!(EligibleSupportTo))
            } else {
                None
            }
        }
        Kind::Shadow => {
            if !home.is_rural_or_weak() {
                Some(tr!(EligibleShadowFrom))
            } else if !learns_at(host) {
                Some(tr!(EligibleShadowTo))
            } else {
                None
            }
        }
        // 挂职锻炼 from an urban or town school that is not weak to a rural
        // or weak one; 挂职学习 from a rural or weak school to an urban or
        // group lead school.
        Kind::Secondment => {
            let trains = !home.is_rural_or_weak() && host.is_rural_or_weak();
            let learns = home.is_rural_or_weak() && learns_at(host);
            (!trains && !learns).then(|| tr!(EligibleSecondment))
        }
    }
}

/// Where a teacher of a rural or weak school goes to learn (shadowing,
/// 挂职学习): an urban school or a group lead school.
fn learns_at(host: &School) -> bool {
    host.area == Area::Urban || host.is_group_lead()
}

/// Promotion need (tier 4): a first-grade (一级) teacher without one year of
/// rural or weak-school service.
pub(crate) fn needs_rural_service_for_promotion(teacher: &Teacher) -> bool {
    teacher.title == super::Title::First && teacher.rural_years < 1.0
}
