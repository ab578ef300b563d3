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
//! - rule 7 (host capacity), first half: a `rotation` or `support` host must
//!   be short in the subject in every term it covers (the per-term count is
//!   a constraint);
//! - rule 9 (locks): a locked teacher gets only the locked exchange, a teacher
//!   locked to stay gets none, forbidden pairs get none;
//! - re-optimization: a teacher whose previous exchange has started gets only
//!   that exchange;
//! - rule 10 (mentors), first half: a `shadow` host must have a backbone
//!   teacher of that subject.

use std::collections::HashMap;

use crate::domain::{refusal, Exchange, Kind, Lock, Refusal, Rule, SchoolIx, Subject, TeacherIx};

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

/// Whether `host` may take a `kind` exchange in `subject` over terms
/// `first..=last`, as far as the host's own staff decides.
fn host_accepts(
    ctx: &Context,
    kind: Kind,
    host: SchoolIx,
    subject: &Subject,
    span: (usize, usize),
) -> bool {
    match kind {
        Kind::Rotation | Kind::Support => {
            (span.0..=span.1).all(|term| ctx.base_shortage(host, subject, term) > 0)
        }
        Kind::Shadow => ctx
            .mentors
            .get(&(host, subject.clone()))
            .is_some_and(|m| !m.is_empty()),
    }
}

pub fn candidates(ctx: &Context) -> Candidates {
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

    let mut list = Vec::new();
    let mut lock_conflicts = Vec::new();
    for &t in &ctx.unit.teachers {
        let teacher = &dataset.teachers[t];
        if let Some(kept) = ctx.kept(t) {
            list.push(kept_candidate(ctx, kept));
            continue;
        }
        let lock = ctx.locks.get(&t).copied();
        let before = list.len();
        if teacher_refusal(ctx, t).is_none() {
            let home = teacher.school;
            let hosts = &schools_by_county[dataset.schools[home].county.as_str()];
            for (kind, kind_spans) in &spans {
                let kind = *kind;
                if kind_refusal(ctx, t, kind).is_some() {
                    continue;
                }
                for &host in hosts {
                    if pair_refusal(ctx, t, host).is_some() {
                        continue;
                    }
                    let km = *reachable
                        .entry((kind, home, host))
                        .or_insert_with(|| route(ctx, kind, home, host).ok());
                    let Some(km) = km else { continue };
                    for subject in &teacher.subjects {
                        for &span in kind_spans {
                            if post_refusal(ctx, kind, host, subject, span).is_some() {
                                continue;
                            }
                            let exchange = Exchange {
                                teacher: t,
                                kind,
                                subject: subject.clone(),
                                host,
                                start_term: span.0,
                                end_term: span.1,
                            };
                            if lock_refusal(ctx, &exchange).is_none() {
                                list.push(Candidate {
                                    exchange,
                                    km,
                                    needs_bed: km > policy.distance.commute_km,
                                });
                            }
                        }
                    }
                }
            }
        }
        if let Some(lock) = lock.filter(|l| l.host.is_some()) {
            if list.len() == before {
                lock_conflicts.push(LockConflict {
                    teacher: t,
                    reason: explain_lock(ctx, t, lock),
                });
            }
        }
    }
    Candidates {
        list,
        lock_conflicts,
    }
}

/// Why teacher `t` takes no exchange at all: locked to stay (rule 9),
/// exempt (rule 3), or at a school that may have nobody away (rule 6).
pub fn teacher_refusal(ctx: &Context, t: TeacherIx) -> Option<Refusal> {
    let teacher = &ctx.dataset.teachers[t];
    let own = ctx.own_teachers.get(&teacher.school).map_or(0, Vec::len);
    refusal::locked_to_stay(teacher, ctx.locks.get(&t).copied())
        .or_else(|| refusal::exemption(teacher, ctx.policy, ctx.first_day))
        .or_else(|| refusal::departures(&ctx.dataset.schools[teacher.school], own, ctx.policy))
}

/// Why teacher `t` may take no exchange of `kind` (rule 2's career
/// condition).
pub fn kind_refusal(ctx: &Context, t: TeacherIx, kind: Kind) -> Option<Refusal> {
    refusal::career(kind, &ctx.dataset.teachers[t], ctx.policy, ctx.first_day)
}

/// Why teacher `t` may not go to `host` at all (rule 9's forbidden pairs).
pub fn pair_refusal(ctx: &Context, t: TeacherIx, host: SchoolIx) -> Option<Refusal> {
    refusal::forbidden(
        &ctx.dataset.teachers[t],
        &ctx.dataset.schools[host],
        ctx.forbidden.contains(&(t, host)),
    )
}

/// The km from `home` to `host` for an exchange of `kind`, or why it may
/// not go there: same county (rule 4), direction (rule 2), distance and a
/// bed beyond commuting distance (rule 5).
pub fn route(ctx: &Context, kind: Kind, home: SchoolIx, host: SchoolIx) -> Result<f64, Refusal> {
    let (home_school, host_school) = (&ctx.dataset.schools[home], &ctx.dataset.schools[host]);
    let km = ctx.distances.km(home, host);
    if let Some(refused) = refusal::same_county(home_school, host_school)
        .or_else(|| refusal::direction(kind, home_school, host_school))
        .or_else(|| refusal::distance(km, home_school, host_school, ctx.policy))
    {
        return Err(refused);
    }
    let km = km.unwrap_or_default(); // known: `distance` refuses an unknown one
    match refusal::bed(km, host_school, ctx.policy) {
        Some(refused) => Err(refused),
        None => Ok(km),
    }
}

/// Why `host` takes no `kind` exchange in `subject` over `span`, as far as
/// the host's own staff decides: no post free in some term (rule 7) or no
/// mentor of the subject (rule 10).
pub fn post_refusal(
    ctx: &Context,
    kind: Kind,
    host: SchoolIx,
    subject: &Subject,
    span: (usize, usize),
) -> Option<Refusal> {
    if host_accepts(ctx, kind, host, subject, span) {
        return None;
    }
    let school = &ctx.dataset.schools[host].id;
    Some(match kind {
        Kind::Shadow => Refusal::new(
            Rule::Mentors,
            format!("{school} has no backbone teacher of {subject} to mentor a shadow"),
        ),
        _ => Refusal::new(
            Rule::HostCapacity,
            format!(
                "{school} has no {subject} post free in every term of {}..{}",
                ctx.horizon.terms[span.0].id, ctx.horizon.terms[span.1].id
            ),
        ),
    })
}

/// Why `exchange` is not the one its teacher's lock asks for (rule 9).
pub fn lock_refusal(ctx: &Context, exchange: &Exchange) -> Option<Refusal> {
    let lock = ctx.locks.get(&exchange.teacher)?;
    let start = &ctx.horizon.terms[exchange.start_term].id;
    (!refusal::lock_admits(lock, exchange, start)).then(|| {
        Refusal::new(
            Rule::Locks,
            format!(
                "{} is locked to another exchange (locks.csv)",
                ctx.dataset.teachers[exchange.teacher].id
            ),
        )
    })
}

/// Why the model has no column for `exchange`: the first refusal, in the
/// order candidate generation applies the filters, or `None` if it is a
/// candidate. Lock explanations and `explain` ask this.
pub fn refusal(ctx: &Context, exchange: &Exchange) -> Option<Refusal> {
    let t = exchange.teacher;
    let home = ctx.dataset.teachers[t].school;
    let span = (exchange.start_term, exchange.end_term);
    teacher_refusal(ctx, t)
        .or_else(|| kind_refusal(ctx, t, exchange.kind))
        .or_else(|| pair_refusal(ctx, t, exchange.host))
        .or_else(|| route(ctx, exchange.kind, home, exchange.host).err())
        .or_else(|| refusal::subject(&ctx.dataset.teachers[t], &exchange.subject))
        .or_else(|| refusal::span(exchange.kind, exchange, ctx.policy, ctx.horizon))
        .or_else(|| post_refusal(ctx, exchange.kind, exchange.host, &exchange.subject, span))
        .or_else(|| lock_refusal(ctx, exchange))
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

/// Says which rules keep a locked exchange out of every roster: for each
/// kind and subject the lock allows, the first refusal of its spans.
fn explain_lock(ctx: &Context, t: TeacherIx, lock: &Lock) -> String {
    let dataset = ctx.dataset;
    let teacher = &dataset.teachers[t];
    let Some(host) = lock.host else {
        return "locked to stay".into();
    };
    let what = format!(
        "lock of teacher {} to host {}",
        teacher.id, dataset.schools[host].id
    );
    if let Some(refused) = teacher_refusal(ctx, t) {
        return format!("{what} breaks {refused}");
    }
    let kinds: Vec<Kind> = lock.kind.map_or(Kind::ALL.to_vec(), |k| vec![k]);
    let subjects: Vec<Subject> = lock
        .subject
        .clone()
        .map_or(teacher.subjects.clone(), |s| vec![s]);
    let mut reasons: Vec<String> = Vec::new();
    for kind in kinds {
        for subject in &subjects {
            let first = kind.spans(ctx.policy, ctx.horizon).into_iter().find_map(
                |(start_term, end_term)| {
                    refusal(
                        ctx,
                        &Exchange {
                            teacher: t,
                            kind,
                            subject: subject.clone(),
                            host,
                            start_term,
                            end_term,
                        },
                    )
                },
            );
            let reason = match first {
                Some(refused) => format!("{kind} {subject}: {refused}"),
                None => format!("{kind} {subject}: {}: no such start term", Rule::Locks),
            };
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
        }
    }
    format!("{what} cannot hold: {}", reasons.join("; "))
}
