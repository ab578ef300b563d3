//! The exchanges the model may choose from. Hard rules that concern a single
//! exchange are enforced here, by never creating a column that breaks them,
//! which keeps the model small (SPEC §2):
//!
//! - rule 1 (subject): only subjects the teacher is qualified in;
//! - rule 2 (direction and eligibility) and rule 3 (exemptions): only kinds
//!   the teacher may take, towards hosts the kind may go to, over the kind's
//!   allowed spans of terms;
//! - rule 4 (same county): hosts come from the teacher's county;
//! - rule 5 (distance): hosts within `distance.max_km`, and beyond
//!   `distance.commute_km` only hosts with dormitory beds (a third of the
//!   candidates of a generated county would otherwise be columns the beds
//!   row fixes to zero);
//! - rule 6 (departures): no candidates for teachers of a school that may
//!   have nobody away (fewer than five teachers at the default fraction);
//! - rule 7 (host capacity), first half: an exchange that takes a post
//!   (`rotation`, `support`, `shadow` with `shadow.fills_post`) needs, in
//!   every term it covers, demand for the subject at the host and a post
//!   that is short or may be freed (see [`host_has_room`]; the per-term
//!   count is a constraint);
//! - rule 9 (locks): a locked teacher gets only the locked exchange, a teacher
//!   locked to stay gets none, forbidden pairs get none;
//! - re-optimization: a teacher whose previous exchange has started gets only
//!   that exchange;
//! - rule 10 (mentors), first half: a `shadow` host must have a backbone
//!   teacher of that subject free to mentor (not taken by an in-force
//!   exchange) in its term;
//! - in-force exchanges: their teachers get none (rule 3 reads the
//!   in-force end as their last exchange end, see `domain::eligibility`).
//!
//! The rule 6, 7 and 10 filters leave out only columns that those rows force
//! to zero in every roster, so the optimum is the same as over every
//! exchange rules 1–5 and 9 allow ([`Scope::Every`], which the tests solve as
//! a reference).

use std::collections::HashMap;

use crate::domain::eligibility::{direction_problem, exemption, kind_ineligibility};
use crate::domain::{Exchange, Kind, Lock, SchoolIx, Subject, TeacherIx};

use super::context::Context;

/// One column of the model: an exchange with what the model needs to know
/// about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub exchange: Exchange,
    pub km: f64,
    /// Beyond commuting distance: the teacher needs a dormitory bed at the
    /// host (rule 5).
    pub needs_bed: bool,
}

/// Why a lock cannot be honoured; the model would be infeasible.
#[derive(Clone, Debug, PartialEq)]
pub struct LockConflict {
    pub teacher: TeacherIx,
    pub reason: String,
}

pub struct Candidates {
    pub list: Vec<Candidate>,
    pub lock_conflicts: Vec<LockConflict>,
}

/// Which exchanges become columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Leave out the columns that rules 6, 7 and 10 force to zero in every
    /// roster (the module documentation): what `solve` builds.
    Proven,
    /// Every exchange rules 1–5 and 9 allow, nothing else left out: the
    /// reference the tests solve to show that [`Scope::Proven`] loses no
    /// roster.
    Every,
}

/// Upper bounds on each school's departures by primary subject, over every
/// roster: own teachers who have a candidate at all, capped by the rule 6
/// limit of their school.
type Departable = HashMap<(SchoolIx, Subject), usize>;

fn departable(ctx: &Context, teachers: impl IntoIterator<Item = TeacherIx>) -> Departable {
    let mut counts = Departable::new();
    for t in teachers {
        let teacher = &ctx.dataset.teachers[t];
        *counts
            .entry((teacher.school, teacher.primary_subject().clone()))
            .or_insert(0) += 1;
    }
    for ((school, _), count) in counts.iter_mut() {
        *count = (*count).min(ctx.most_away(*school));
    }
    counts
}

/// Rule 7 as a column filter: whether an arrival taking a post of `subject`
/// at `host` in `term` can be in any roster.
///
/// Proof. The arrival makes the host's staff `base - departures + arrivals`
/// with `arrivals >= 1`, and rule 7 wants that at most `demand`; so
/// `demand >= 1` (staff is never negative) and `departures >=
/// base - demand + 1`. Departures of the host's teachers of that primary
/// subject never exceed `departable` (a teacher without a candidate never
/// leaves; rule 6 caps the rest), so where `demand + departable <= base`
/// rule 7's row forces the column to zero. Nothing else is assumed.
fn host_has_room(
    ctx: &Context,
    departable: &Departable,
    host: SchoolIx,
    subject: &Subject,
    term: usize,
) -> bool {
    let demand = ctx.demand(host, subject, term) as usize;
    let most_departures = departable
        .get(&(host, subject.clone()))
        .copied()
        .unwrap_or(0);
    demand >= 1 && demand + most_departures > ctx.base_staff(host, subject, term) as usize
}

/// Whether `host` may take the exchange as far as the host's staff decides
/// (rules 7 and 10): room for a post taker in every term, a mentor for a
/// learner.
fn host_accepts(ctx: &Context, departable: &Departable, exchange: &Exchange) -> bool {
    let (host, subject) = (exchange.host, &exchange.subject);
    let room = !exchange.kind.fills_post(ctx.policy)
        || (exchange.start_term..=exchange.end_term)
            .all(|term| host_has_room(ctx, departable, host, subject, term));
    let mentor = exchange.kind != Kind::Shadow
        || (exchange.start_term..=exchange.end_term)
            .all(|term| ctx.free_mentors(host, subject, term) > 0);
    room && mentor
}

/// Leaves out the candidates whose host has no room (rule 7) or mentor (rule
/// 10), until none is left out: a teacher who loses every candidate departs
/// in no roster, which can take the room from another host. Each round only
/// drops columns the rows force to zero given the columns left (see
/// [`host_has_room`]), so the fixed point loses no roster either. Kept
/// exchanges are facts and stay.
fn drop_columns_without_room(ctx: &Context, list: &mut Vec<Candidate>) {
    loop {
        let mut teachers: Vec<TeacherIx> = list.iter().map(|c| c.exchange.teacher).collect();
        teachers.dedup(); // candidates come teacher by teacher
        let departable = departable(ctx, teachers);
        let before = list.len();
        list.retain(|c| {
            ctx.kept(c.exchange.teacher).is_some() || host_accepts(ctx, &departable, &c.exchange)
        });
        if list.len() == before {
            return;
        }
    }
}

fn matches_lock(lock: Option<&Lock>, ctx: &Context, exchange: &Exchange) -> bool {
    let Some(lock) = lock else { return true };
    lock.host == Some(exchange.host)
        && lock.kind.is_none_or(|k| k == exchange.kind)
        && lock.subject.as_ref().is_none_or(|s| *s == exchange.subject)
        && lock
            .start_term
            .as_ref()
            .is_none_or(|id| ctx.horizon.term_index(id) == Some(exchange.start_term))
}

pub fn candidates(ctx: &Context, scope: Scope) -> Candidates {
    let dataset = ctx.dataset;
    let policy = ctx.policy;
    let mut schools_by_county: HashMap<&str, Vec<SchoolIx>> = HashMap::new();
    for &s in &ctx.unit.schools {
        schools_by_county
            .entry(dataset.schools[s].county.as_str())
            .or_default()
            .push(s);
    }
    let spans: Vec<(Kind, Vec<(usize, usize)>)> = Kind::ALL
        .iter()
        .map(|&k| (k, k.spans(policy, ctx.horizon)))
        .collect();
    let mut reachable: HashMap<(Kind, SchoolIx, SchoolIx), Option<f64>> = HashMap::new();

    // Who may leave at all, before any host is looked at: a first bound on
    // departures, so that columns without room are never made.
    let may_go = |t: TeacherIx| {
        let teacher = &dataset.teachers[t];
        ctx.kept(t).is_some()
            || (ctx.locks.get(&t).is_none_or(|l| l.host.is_some())
                && exemption(teacher, policy, ctx.first_day).is_none()
                && may_leave(ctx, teacher.school)
                && Kind::ALL
                    .iter()
                    .any(|&k| kind_ineligibility(k, teacher, policy, ctx.first_day).is_none()))
    };
    let first_bound = departable(
        ctx,
        ctx.unit.teachers.iter().copied().filter(|&t| may_go(t)),
    );
    let mut list = Vec::new();
    let mut lock_conflicts = Vec::new();
    for &t in &ctx.unit.teachers {
        let teacher = &dataset.teachers[t];
        if let Some(kept) = ctx.kept(t) {
            list.push(kept_candidate(ctx, kept));
            continue;
        }
        let lock = ctx.locks.get(&t).copied();
        if lock.is_some_and(|l| l.host.is_none()) {
            continue;
        }
        let rule_6_allows = scope == Scope::Every || may_leave(ctx, teacher.school);
        if exemption(teacher, policy, ctx.first_day).is_none() && rule_6_allows {
            let home = teacher.school;
            let hosts = &schools_by_county[dataset.schools[home].county.as_str()];
            for (kind, kind_spans) in &spans {
                let kind = *kind;
                if kind_ineligibility(kind, teacher, policy, ctx.first_day).is_some() {
                    continue;
                }
                for &host in hosts {
                    if ctx.forbidden.contains(&(t, host)) {
                        continue;
                    }
                    let km = *reachable.entry((kind, home, host)).or_insert_with(|| {
                        if direction_problem(kind, &dataset.schools[home], &dataset.schools[host])
                            .is_some()
                        {
                            return None;
                        }
                        ctx.distances
                            .km(home, host)
                            .filter(|&km| km <= policy.distance.max_km)
                    });
                    let Some(km) = km else { continue };
                    let needs_bed = km > policy.distance.commute_km;
                    if needs_bed && dataset.schools[host].beds == 0 {
                        continue;
                    }
                    for subject in &teacher.subjects {
                        for &span in kind_spans {
                            let exchange = Exchange {
                                teacher: t,
                                kind,
                                subject: subject.clone(),
                                host,
                                start_term: span.0,
                                end_term: span.1,
                            };
                            let room =
                                scope == Scope::Every || host_accepts(ctx, &first_bound, &exchange);
                            if room && matches_lock(lock, ctx, &exchange) {
                                list.push(Candidate {
                                    exchange,
                                    km,
                                    needs_bed,
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    if scope == Scope::Proven {
        drop_columns_without_room(ctx, &mut list);
    }
    let mut with_candidate: Vec<TeacherIx> = list.iter().map(|c| c.exchange.teacher).collect();
    with_candidate.sort_unstable();
    with_candidate.dedup();
    for (&t, lock) in &ctx.locks {
        if lock.host.is_some() && with_candidate.binary_search(&t).is_err() {
            lock_conflicts.push(LockConflict {
                teacher: t,
                reason: explain_lock(ctx, t, lock),
            });
        }
    }
    lock_conflicts.sort_by_key(|c| c.teacher);
    Candidates {
        list,
        lock_conflicts,
    }
}

/// Rule 6 lets at least one of the school's own teachers be away.
fn may_leave(ctx: &Context, school: SchoolIx) -> bool {
    let own = ctx.own_teachers.get(&school).map_or(0, Vec::len);
    ctx.policy.limits.max_away(own) > 0
}

/// An exchange that has already started (`--as-of`) is a fact, not a
/// choice: it stays exactly as it is, whatever today's data says about it.
fn kept_candidate(ctx: &Context, exchange: &Exchange) -> Candidate {
    let home = ctx.dataset.teachers[exchange.teacher].school;
    let km = ctx.distances.km(home, exchange.host).unwrap_or(0.0);
    Candidate {
        exchange: exchange.clone(),
        km,
        needs_bed: km > ctx.policy.distance.commute_km,
    }
}

/// Says which rule keeps a locked exchange out of every roster.
fn explain_lock(ctx: &Context, t: TeacherIx, lock: &Lock) -> String {
    let dataset = ctx.dataset;
    let teacher = &dataset.teachers[t];
    let Some(host) = lock.host else {
        return "locked to stay".into();
    };
    let (home_school, host_school) = (&dataset.schools[teacher.school], &dataset.schools[host]);
    let what = format!("lock of teacher {} to host {}", teacher.id, host_school.id);
    if let Some(e) = exemption(teacher, ctx.policy, ctx.first_day) {
        return format!("{what} breaks rule 3 (exemptions): {e}");
    }
    if ctx.forbidden.contains(&(t, host)) {
        return format!("{what} breaks rule 9: the pair is in forbidden.csv");
    }
    if !may_leave(ctx, teacher.school) {
        return format!(
            "{what} breaks rule 6 (departures): {} may have none of its {} teachers away",
            home_school.id,
            ctx.own_teachers.get(&teacher.school).map_or(0, Vec::len)
        );
    }
    let kinds: Vec<Kind> = lock.kind.map_or(Kind::ALL.to_vec(), |k| vec![k]);
    let mut reasons = Vec::new();
    for kind in kinds {
        if let Some(r) = kind_ineligibility(kind, teacher, ctx.policy, ctx.first_day) {
            reasons.push(format!("{kind}: rule 2 (eligibility): {r}"));
        } else if let Some(r) = direction_problem(kind, home_school, host_school) {
            let rule = if home_school.county != host_school.county {
                4
            } else {
                2
            };
            reasons.push(format!("{kind}: rule {rule}: {r}"));
        } else if let Some(subject) = lock.subject.as_ref().filter(|s| !teacher.is_qualified(s)) {
            reasons.push(format!(
                "{kind}: rule 1 (subject): not qualified in {subject}"
            ));
        } else {
            match ctx.distances.km(teacher.school, host) {
                None => reasons.push(format!(
                    "{kind}: rule 5 (distance): no coordinates or distances.csv row for {} to {}",
                    home_school.id, host_school.id
                )),
                Some(km) if km > ctx.policy.distance.max_km => reasons.push(format!(
                    "{kind}: rule 5 (distance): {km:.1} km > {} km",
                    ctx.policy.distance.max_km
                )),
                Some(km) if km > ctx.policy.distance.commute_km && host_school.beds == 0 => {
                    reasons.push(format!(
                        "{kind}: rule 5 (beds): {km:.1} km is beyond commuting distance ({} km) and the host has no dormitory beds",
                        ctx.policy.distance.commute_km
                    ))
                }
                Some(_) => reasons.push(match kind {
                    Kind::Shadow => format!(
                        "{kind}: rule 10 (mentors): no backbone teacher of the subject at the host, or no such term"
                    ),
                    _ => format!(
                        "{kind}: rule 7 (host capacity): the host has no post of the subject short or freed by a departure in some term of the exchange, or the start term does not fit"
                    ),
                }),
            }
        }
    }
    format!("{what} cannot hold: {}", reasons.join("; "))
}
