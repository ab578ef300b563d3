//! `rotaplan check`: re-checks any roster — one the solver wrote, or one a
//! person edited in a spreadsheet — against every hard rule of SPEC §2, from
//! the data alone.
//!
//! The checker shares no code with the model except the domain's rule
//! arithmetic (calendar years, [`eligibility`](crate::domain::eligibility),
//! [`Distances`]), which is the single statement of those rules. Everything
//! else — who is away when, how many beds and posts are used — is counted
//! here again from the roster rows, so a bug in the model cannot hide itself.
//!
//! Rules are named by [`Rule`], as everywhere. [`Rule::InvalidRow`] is this
//! module's own: "the row is not a valid exchange at all" (unknown teacher,
//! school, kind or term, a home school that is not the teacher's, a span
//! that ends before it starts). Such a row is reported and left out of
//! every other check; the other rows are still checked. The single-exchange
//! rules are judged by the domain's filters ([`crate::domain::refusal`]),
//! the same ones candidate generation applies.
//!
//! Every check is a hash-map pass over the rows, plus at most one pass over
//! the teachers, so a 50,000-row roster of a 250,000-teacher province checks
//! in well under a second.

mod in_force;
mod resolve;
mod rules;
pub(crate) mod score;
mod warnings;

#[cfg(test)]
pub(crate) mod tests;

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;

use crate::domain::geo::Distances;
use crate::domain::in_force::InForceBase;
use crate::domain::{Dataset, Exchange, Horizon, Policy, Refusal, Rule, SchoolIx, TeacherIx};
use crate::lang::tr;
use crate::report::targets::{
    alliance_figures, alliance_shortfalls, cadre_figures, cadre_shortfalls, Targets,
};
use crate::roster::RosterRow;

pub(crate) use in_force::in_force_warnings;
pub(crate) use resolve::{resolve, Placed};
pub use score::Score;
pub(crate) use score::{in_words, TierChange};

/// One broken hard rule.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    /// The rule broken ([`Rule::InvalidRow`] for a row that is not an
    /// exchange at all).
    pub rule: Rule,
    /// Roster file line numbers of every row involved, ascending. Empty when
    /// the problem is a row that is missing (an unmet lock).
    pub rows: Vec<u64>,
    /// Names the teacher/school ids, the term and the numbers.
    pub message: String,
}

impl Violation {
    pub(crate) fn new(
        rule: Rule,
        rows: impl IntoIterator<Item = u64>,
        message: String,
    ) -> Violation {
        let mut rows: Vec<u64> = rows.into_iter().collect();
        rows.sort_unstable();
        rows.dedup();
        Violation {
            rule,
            rows,
            message,
        }
    }

    /// The violation a single-exchange filter's refusal makes of one row.
    pub(crate) fn refused(line: u64, refusal: Refusal) -> Violation {
        Violation::new(refusal.rule, [line], refusal.why)
    }
}

impl fmt::Display for Violation {
    /// `rule 5 (distance and beds), rows 4, 9: host S07 term 2027-autumn: …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.rule)?;
        let rows: Vec<String> = self.rows.iter().map(u64::to_string).collect();
        match rows.len() {
            0 => {}
            1 => write!(f, "{}", tr!(CheckRow, row = rows[0]))?,
            _ => write!(f, "{}", tr!(CheckRows, rows = rows.join(", ")))?,
        }
        write!(f, ": {}", self.message)
    }
}

/// What `check` found: hard-rule violations (the roster is invalid if there
/// is any) and warnings about informational columns that disagree with the
/// data (the roster is still valid).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Sorted by rule, then rows.
    pub violations: Vec<Violation>,
    pub(crate) warnings: Vec<String>,
}

impl CheckReport {
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Checks `rows` (each with its line number in the roster file) against every
/// hard rule of SPEC §2. Never panics on any row content.
pub fn check_roster(
    dataset: &Dataset,
    policy: &Policy,
    horizon: &Horizon,
    rows: &[(u64, RosterRow)],
) -> CheckReport {
    let resolved = resolve(dataset, horizon, rows);
    let roster = Roster::new(dataset, policy, horizon, &resolved.exchanges);

    let mut violations = resolved.violations;
    violations.extend(rules::check_subject(&roster));
    violations.extend(rules::check_direction_and_eligibility(&roster));
    violations.extend(rules::check_exemptions(&roster));
    violations.extend(rules::check_same_county(&roster));
    violations.extend(rules::check_distance_and_beds(&roster));
    violations.extend(rules::check_departures(&roster));
    violations.extend(rules::check_host_capacity(&roster));
    violations.extend(rules::check_couples(&roster));
    violations.extend(rules::check_locks(&roster));
    violations.extend(rules::check_mentors(&roster));
    violations.extend(rules::check_keep_subject(&roster));
    violations.extend(rules::check_secondment_places(&roster));
    violations.sort();

    let mut warnings = warnings::column_warnings(&roster);
    warnings.extend(in_force_warnings(dataset, policy, horizon));
    // The quota, backbone share, alliance and cadre exchange are targets, not hard
    // rules: a roster that misses one is valid, and the miss is a warning
    // (SPEC §2).
    if !horizon.is_empty() {
        let exchanges: Vec<Exchange> = roster
            .exchanges
            .iter()
            .map(|placed| placed.exchange.clone())
            .collect();
        warnings.extend(Targets::new(dataset, policy, horizon, &exchanges).shortfalls(policy));
        if let Some(alliance) = alliance_figures(dataset, policy, &exchanges) {
            warnings.extend(alliance_shortfalls(&alliance));
        }
        if let Some(cadres) = cadre_figures(dataset, policy, &exchanges) {
            warnings.extend(cadre_shortfalls(&cadres));
        }
    }
    CheckReport {
        violations,
        warnings,
    }
}

/// The score of `rows` tier by tier (SPEC §2's objective), from their valid
/// exchanges; rows that name no exchange are left out, as in every check.
pub(crate) fn score_roster(
    dataset: &Dataset,
    policy: &Policy,
    horizon: &Horizon,
    rows: &[(u64, RosterRow)],
) -> Score {
    let exchanges: Vec<Exchange> = resolve(dataset, horizon, rows)
        .exchanges
        .into_iter()
        .map(|placed| placed.exchange)
        .collect();
    Score::of(dataset, policy, horizon, &exchanges)
}

/// The resolved exchanges plus the lookups every rule needs.
pub(crate) struct Roster<'a> {
    pub(crate) dataset: &'a Dataset,
    pub(crate) policy: &'a Policy,
    pub(crate) horizon: &'a Horizon,
    pub(crate) distances: Distances<'a>,
    pub(crate) exchanges: &'a [Placed<'a>],
    /// The horizon's first day, where ages and years are taken; `None` only
    /// for an empty horizon, where no row resolves.
    pub(crate) first_day: Option<NaiveDate>,
    /// Indexes into `exchanges` of each teacher's exchanges, in row order.
    pub(crate) by_teacher: HashMap<TeacherIx, Vec<usize>>,
    /// What the exchanges in force take: counted next to the roster's rows
    /// in rules 5 to 10, never reported as the roster's violation alone.
    pub(crate) in_force: InForceBase,
}

impl<'a> Roster<'a> {
    fn new(
        dataset: &'a Dataset,
        policy: &'a Policy,
        horizon: &'a Horizon,
        exchanges: &'a [Placed<'a>],
    ) -> Roster<'a> {
        let mut by_teacher: HashMap<TeacherIx, Vec<usize>> = HashMap::new();
        for (i, placed) in exchanges.iter().enumerate() {
            by_teacher
                .entry(placed.exchange.teacher)
                .or_default()
                .push(i);
        }
        Roster {
            dataset,
            policy,
            horizon,
            distances: Distances::new(dataset, policy.distance.road_factor),
            exchanges,
            first_day: horizon.terms.first().map(|t| t.start),
            by_teacher,
            in_force: InForceBase::new(dataset, policy),
        }
    }

    /// The exchanges of one teacher (normally zero or one).
    pub(crate) fn of_teacher(
        &self,
        teacher: TeacherIx,
    ) -> impl Iterator<Item = &'a Placed<'a>> + '_ {
        self.by_teacher
            .get(&teacher)
            .into_iter()
            .flatten()
            .map(|&i| &self.exchanges[i])
    }

    /// The horizon terms a teacher is away, each once even if two of the
    /// teacher's (duplicate) exchanges cover it.
    pub(crate) fn away_terms(&self, teacher: TeacherIx) -> Vec<usize> {
        let mut terms: Vec<usize> = self
            .of_teacher(teacher)
            .flat_map(|p| terms_of(&p.exchange))
            .collect();
        terms.sort_unstable();
        terms.dedup();
        terms
    }

    pub(crate) fn term_id(&self, term: usize) -> &str {
        &self.horizon.terms[term].id
    }

    pub(crate) fn school_id(&self, school: SchoolIx) -> &str {
        &self.dataset.schools[school].id
    }

    pub(crate) fn teacher_id(&self, teacher: TeacherIx) -> &str {
        &self.dataset.teachers[teacher].id
    }
}

/// The horizon term indexes an exchange covers.
pub(crate) fn terms_of(exchange: &Exchange) -> std::ops::RangeInclusive<usize> {
    exchange.start_term..=exchange.end_term
}
