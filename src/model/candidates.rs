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
//! - rule 12 (secondment places), first half: a `secondment` host must have
//!   a place not taken by in-force secondees in every term it covers;
//! - a kind that takes no post and needs no mentor (`secondment`) gets one
//!   column per host and span, in the teacher's primary subject (see
//!   [`subjects_of`]);
//! - in-force exchanges: their teachers get none (rule 3 reads the
//!   in-force end as their last exchange end, see `domain::eligibility`).
//!
//! The rule 6, 7, 10 and 12 filters leave out only columns that those rows
//! force to zero in every roster, and the subject filter only columns that
//! duplicate another, so the optimum is the same as over every exchange
//! rules 1–5 and 9 allow ([`Scope::Every`], which the tests solve as a
//! reference).

use std::collections::HashMap;

use fnv::{FnvHashMap, FnvHashSet};
use rayon::prelude::*;

use crate::domain::{refusal, Exchange, Kind, Lock, Refusal, Rule, SchoolIx, Subject, TeacherIx};

use super::context::Context;
use crate::lang::{tr, Language};

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
    pub(crate) teacher: TeacherIx,
    pub(crate) reason: String,
}

pub struct Candidates {
    pub(crate) list: Vec<Candidate>,
    pub(crate) lock_conflicts: Vec<LockConflict>,
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
pub(crate) type Departable<'a> = FnvHashMap<(SchoolIx, &'a Subject), usize>;

fn departable<'a>(
    ctx: &Context<'a>,
    teachers: impl IntoIterator<Item = TeacherIx>,
) -> Departable<'a> {
    let mut counts = Departable::default();
    for t in teachers {
        let teacher = &ctx.dataset.teachers[t];
        *counts
            .entry((teacher.school, teacher.primary_subject()))
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
    let most_departures = departable.get(&(host, subject)).copied().unwrap_or(0);
    demand >= 1 && demand + most_departures > ctx.base_staff(host, subject, term) as usize
}

/// Whether `host` may take the exchange as far as the host's staff decides
/// (rules 7, 10 and 12): room for a post taker in every term, a mentor for
/// a learner, a secondment place for a secondee. A place the in-force
/// secondees take is taken in every roster (rule 12's row has that much
/// less on its right-hand side, and no column of its own can free it).
fn host_accepts(ctx: &Context, departable: &Departable, exchange: &Exchange) -> bool {
    let span = (exchange.start_term, exchange.end_term);
    host_takes(
        ctx,
        departable,
        exchange.kind,
        exchange.host,
        &exchange.subject,
        span,
    )
}

/// [`host_accepts`] for an exchange of `kind` in `subject` to `host` over
/// the terms of `span`, asked before the exchange is made.
fn host_takes(
    ctx: &Context,
    departable: &Departable,
    kind: Kind,
    host: SchoolIx,
    subject: &Subject,
    (start, end): (usize, usize),
) -> bool {
    let mut terms = start..=end;
    let room = !kind.fills_post(ctx.policy)
        || terms
            .clone()
            .all(|term| host_has_room(ctx, departable, host, subject, term));
    let mentor = !kind.needs_mentor()
        || terms
            .clone()
            .all(|term| ctx.free_mentors(host, subject, term) > 0);
    let place = !kind.takes_secondment_place()
        || terms.all(|term| ctx.free_secondment_places(host, term) > 0);
    room && mentor && place
}

/// The subjects teacher `t` gets columns in for an exchange of `kind`.
///
/// A kind that takes a post or needs a mentor gets every subject the
/// teacher is qualified in. A kind that does neither (`secondment`) gets the
/// primary subject, and the subject a lock or the previous roster names for
/// that kind. Proof that this loses no roster: the subject of such an
/// exchange enters no row (rules 7 and 11 count post takers, rule 10
/// learners; departures go by the teacher's primary subject, places, beds,
/// couples and distance by the host) and no tier but two: tier 6 compares
/// with the previous exchange, and rule 9 with the lock, whose subjects are
/// kept. So two such columns that differ only in the subject have the same
/// coefficients everywhere else, and any roster using one has a twin, as
/// good, using the other. [`Scope::Every`] makes them all.
fn subjects_of(ctx: &Context, t: TeacherIx, kind: Kind, scope: Scope) -> Vec<Subject> {
    let teacher = &ctx.dataset.teachers[t];
    if scope == Scope::Every || kind.fills_post(ctx.policy) || kind.needs_mentor() {
        return teacher.subjects.clone();
    }
    let named = [
        ctx.locks.get(&t).and_then(|l| l.subject),
        ctx.history
            .previous
            .get(&t)
            .filter(|e| e.kind == kind)
            .map(|e| e.subject),
    ];
    let mut subjects = vec![*teacher.primary_subject()];
    for subject in named.into_iter().flatten() {
        if teacher.is_qualified(&subject) && !subjects.contains(&subject) {
            subjects.push(subject);
        }
    }
    subjects
}

/// Leaves out the candidates whose host has no room (rule 7) or mentor (rule
/// 10), until none is left out: a teacher who loses every candidate departs
/// in no roster, which can take the room from another host. Each round only
/// drops columns the rows force to zero given the columns left (see
/// [`host_has_room`]), so the fixed point loses no roster either. Kept
/// exchanges are facts and stay.
fn drop_columns_without_room(
    ctx: &Context,
    spans: &[(Kind, Vec<(usize, usize)>)],
    list: &mut Vec<Candidate>,
) {
    loop {
        let mut teachers: Vec<TeacherIx> = list.iter().map(|c| c.exchange.teacher).collect();
        teachers.dedup(); // candidates come teacher by teacher
        let departable = departable(ctx, teachers);
        let takes = HostsTake::new(ctx, &departable, spans);
        let accepted: Vec<bool> = list
            .par_iter()
            .map(|c| {
                ctx.kept(c.exchange.teacher).is_some()
                    || takes.accepts(ctx, &departable, spans, &c.exchange)
            })
            .collect();
        if accepted.iter().all(|&a| a) {
            return;
        }
        let mut accepted = accepted.into_iter();
        list.retain(|_| accepted.next().unwrap_or(true));
    }
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
    let first_bound = first_bound(ctx);
    let takes = HostsTake::new(ctx, &first_bound, &spans);
    let routes = Routes::new(ctx, &schools_by_county);
    let from = Generation {
        ctx,
        scope,
        routes: &routes,
        spans: &spans,
        takes: &takes,
        forbidding: ctx.forbidden.iter().map(|&(t, _)| t).collect(),
    };
    // Teacher by teacher in parallel; collected in the unit's teacher
    // order, so the columns come out in the same order every run.
    let mut list: Vec<Candidate> = ctx
        .unit
        .teachers
        .par_iter()
        .flat_map_iter(|&t| from.teacher(t))
        .collect();
    let mut lock_conflicts = Vec::new();
    if scope == Scope::Proven {
        drop_columns_without_room(ctx, &spans, &mut list);
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

/// What candidate generation reads for every teacher.
struct Generation<'c, 'a> {
    ctx: &'c Context<'a>,
    scope: Scope,
    routes: &'c Routes,
    spans: &'c [(Kind, Vec<(usize, usize)>)],
    takes: &'c HostsTake<'a>,
    /// Teachers with a forbidden pair (rule 9): only they need asking.
    forbidding: FnvHashSet<TeacherIx>,
}

/// The hosts an exchange of each kind may go to from each school of the
/// unit, with the km ([`route`]: rules 2, 4 and 5), in the order of the
/// county's schools: the answer does not depend on the teacher, so it is
/// worked out once per kind, home and host rather than per teacher.
struct Routes {
    /// By kind (its place in `Kind::ALL`), then by the home's place in the
    /// unit.
    hosts: Vec<Vec<Vec<(SchoolIx, f64)>>>,
}

impl Routes {
    fn new(ctx: &Context, schools_by_county: &HashMap<&str, Vec<SchoolIx>>) -> Self {
        let hosts = Kind::ALL
            .iter()
            .map(|&kind| {
                ctx.unit
                    .schools
                    .par_iter()
                    .map(|&home| {
                        schools_by_county[ctx.dataset.schools[home].county.as_str()]
                            .iter()
                            .filter_map(|&host| {
                                route(ctx, kind, home, host).ok().map(|km| (host, km))
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        Routes { hosts }
    }
}

/// [`host_takes`] under the first departure bound for every kind, subject
/// a teacher of the unit has, host of the unit and span of the kind, worked
/// out once: the answer does not depend on the teacher, and candidate
/// generation asks it millions of times on a large county.
struct HostsTake<'a> {
    /// Each school's place in the unit, by school index.
    place: Vec<usize>,
    /// By kind (its place in `Kind::ALL`) and subject: place x spans + span.
    table: FnvHashMap<(usize, &'a Subject), Vec<bool>>,
}

impl<'a> HostsTake<'a> {
    fn new(
        ctx: &Context<'a>,
        departable: &Departable,
        spans: &[(Kind, Vec<(usize, usize)>)],
    ) -> Self {
        let mut place = vec![usize::MAX; ctx.dataset.schools.len()];
        for (i, &s) in ctx.unit.schools.iter().enumerate() {
            place[s] = i;
        }
        let mut subjects: Vec<&'a Subject> = ctx
            .unit
            .teachers
            .iter()
            .flat_map(|&t| &ctx.dataset.teachers[t].subjects)
            .collect();
        subjects.sort();
        subjects.dedup();
        let mut table = FnvHashMap::default();
        for (k, (kind, kind_spans)) in spans.iter().enumerate() {
            for &subject in &subjects {
                let takes = ctx
                    .unit
                    .schools
                    .iter()
                    .flat_map(|&host| {
                        kind_spans.iter().map(move |&span| {
                            host_takes(ctx, departable, *kind, host, subject, span)
                        })
                    })
                    .collect();
                table.insert((k, subject), takes);
            }
        }
        HostsTake { place, table }
    }

    /// [`host_accepts`] from the table (`departable` is the bound the
    /// table was made with).
    fn accepts(
        &self,
        ctx: &Context,
        departable: &Departable,
        spans: &[(Kind, Vec<(usize, usize)>)],
        exchange: &Exchange,
    ) -> bool {
        let span = (exchange.start_term, exchange.end_term);
        let found = spans
            .iter()
            .enumerate()
            .find(|(_, (kind, _))| *kind == exchange.kind)
            .and_then(|(k, (_, kind_spans))| {
                let i = kind_spans.iter().position(|&s| s == span)?;
                let takes = self.table.get(&(k, &exchange.subject))?;
                Some(takes[self.place[exchange.host] * kind_spans.len() + i])
            });
        found.unwrap_or_else(|| host_accepts(ctx, departable, exchange))
    }
}

impl Generation<'_, '_> {
    /// Teacher `t`'s candidates, kind by kind, host by host.
    fn teacher(&self, t: TeacherIx) -> Vec<Candidate> {
        let (ctx, scope) = (self.ctx, self.scope);
        let teacher = &ctx.dataset.teachers[t];
        if let Some(kept) = ctx.kept(t) {
            return vec![kept_candidate(ctx, kept)];
        }
        let rule_6_allows = scope == Scope::Every || departure_refusal(ctx, t).is_none();
        if personal_refusal(ctx, t).is_some() || !rule_6_allows {
            return Vec::new();
        }
        let mut list = Vec::new();
        let locked = ctx.locks.contains_key(&t); // else no lock refuses
        let forbidding = self.forbidding.contains(&t);
        let home = self.takes.place[teacher.school];
        for (k, (kind, kind_spans)) in self.spans.iter().enumerate() {
            let kind = *kind;
            if kind_refusal(ctx, t, kind).is_some() {
                continue;
            }
            let subjects = subjects_of(ctx, t, kind, scope);
            let takes: Vec<&[bool]> = subjects
                .iter()
                .map(|subject| {
                    self.takes
                        .table
                        .get(&(k, subject))
                        .map_or(&[][..], Vec::as_slice)
                })
                .collect();
            for &(host, km) in &self.routes.hosts[k][home] {
                if forbidding && pair_refusal(ctx, t, host).is_some() {
                    continue;
                }
                let at = self.takes.place[host] * kind_spans.len();
                for (subject, takes) in subjects.iter().zip(&takes) {
                    for (i, &span) in kind_spans.iter().enumerate() {
                        // `post_refusal` without the words: most refusals
                        // are here.
                        if scope == Scope::Proven && !takes[at + i] {
                            continue;
                        }
                        let exchange = Exchange::over_span(t, kind, subject, host, span);
                        if !locked || lock_refusal(ctx, &exchange).is_none() {
                            list.push(Candidate {
                                exchange,
                                km,
                                needs_bed: km > ctx.policy.distance.commute_km,
                            });
                        }
                    }
                }
            }
        }
        list
    }
}

/// Why teacher `t` takes no exchange at all: locked to stay (rule 9),
/// exempt (rule 3), or at a school that may have nobody away (rule 6).
pub(crate) fn teacher_refusal(ctx: &Context, t: TeacherIx) -> Option<Refusal> {
    personal_refusal(ctx, t).or_else(|| departure_refusal(ctx, t))
}

/// Rules 9 and 3 for the teacher alone: locked to stay, exempt.
fn personal_refusal(ctx: &Context, t: TeacherIx) -> Option<Refusal> {
    let teacher = &ctx.dataset.teachers[t];
    refusal::locked_to_stay(teacher, ctx.locks.get(&t).copied())
        .or_else(|| refusal::exemption(teacher, ctx.policy, ctx.first_day))
}

/// Rule 6 as a filter: the home school may have nobody away.
fn departure_refusal(ctx: &Context, t: TeacherIx) -> Option<Refusal> {
    let school = ctx.dataset.teachers[t].school;
    let own = ctx.own_teachers.get(&school).map_or(0, Vec::len);
    refusal::departures(&ctx.dataset.schools[school], own, ctx.policy)
}

/// A first bound on departures, before any host is looked at: teachers who
/// may leave at all (see [`departable`]), so that columns without room are
/// never made.
pub(crate) fn first_bound<'a>(ctx: &Context<'a>) -> Departable<'a> {
    let may_go = |t: TeacherIx| {
        ctx.kept(t).is_some()
            || (teacher_refusal(ctx, t).is_none()
                && Kind::ALL.iter().any(|&k| kind_refusal(ctx, t, k).is_none()))
    };
    departable(
        ctx,
        ctx.unit.teachers.iter().copied().filter(|&t| may_go(t)),
    )
}

/// Why teacher `t` may take no exchange of `kind` (rule 2's career
/// condition).
pub(crate) fn kind_refusal(ctx: &Context, t: TeacherIx, kind: Kind) -> Option<Refusal> {
    refusal::career(kind, &ctx.dataset.teachers[t], ctx.policy, ctx.first_day)
}

/// Why teacher `t` may not go to `host` at all (rule 9's forbidden pairs).
pub(crate) fn pair_refusal(ctx: &Context, t: TeacherIx, host: SchoolIx) -> Option<Refusal> {
    refusal::forbidden(
        &ctx.dataset.teachers[t],
        &ctx.dataset.schools[host],
        ctx.forbidden.contains(&(t, host)),
    )
}

/// The km from `home` to `host` for an exchange of `kind`, or why it may
/// not go there: same county (rule 4), direction (rule 2), distance and a
/// bed beyond commuting distance (rule 5).
pub(crate) fn route(
    ctx: &Context,
    kind: Kind,
    home: SchoolIx,
    host: SchoolIx,
) -> Result<f64, Refusal> {
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

/// Why the host takes no such exchange, as far as its staff decides: no
/// post short or freed in some covered term (rule 7, [`host_has_room`]), no
/// mentor of the subject (rule 10) or no secondment place (rule 12).
pub(crate) fn post_refusal(
    ctx: &Context,
    departable: &Departable,
    exchange: &Exchange,
) -> Option<Refusal> {
    if host_accepts(ctx, departable, exchange) {
        return None;
    }
    let (school, subject) = (&ctx.dataset.schools[exchange.host].id, &exchange.subject);
    let has_mentor = ctx
        .mentors
        .get(&(exchange.host, *subject))
        .is_some_and(|m| !m.is_empty());
    let (first, last) = (exchange.start_term, exchange.end_term);
    let span = format!(
        "{}..{}",
        ctx.horizon.terms[first].id, ctx.horizon.terms[last].id
    );
    Some(if exchange.kind.takes_secondment_place() {
        Refusal::new(
            Rule::SecondmentPlaces,
            tr!(
                RefuseNoSecondmentPlace,
                school = school,
                span = span,
                places = ctx.policy.secondment.max_per_host
            ),
        )
    } else if exchange.kind.needs_mentor() && !has_mentor {
        Refusal::new(
            Rule::Mentors,
            tr!(RefuseNoMentor, school = school, subject = subject),
        )
    } else {
        Refusal::new(
            Rule::HostCapacity,
            tr!(
                RefuseNoPost,
                school = school,
                subject = subject,
                span = span
            ),
        )
    })
}

/// Why `exchange` is not the one its teacher's lock asks for (rule 9).
pub(crate) fn lock_refusal(ctx: &Context, exchange: &Exchange) -> Option<Refusal> {
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
/// candidate (before the rule 7 and 10 fixed point of
/// `drop_columns_without_room`). Lock explanations and `explain` ask this.
pub(crate) fn refusal(ctx: &Context, exchange: &Exchange) -> Option<Refusal> {
    refusal_within(ctx, &first_bound(ctx), exchange)
}

/// [`refusal`] with the departure bound computed once, for many questions.
pub(crate) fn refusal_within(
    ctx: &Context,
    departable: &Departable,
    exchange: &Exchange,
) -> Option<Refusal> {
    let t = exchange.teacher;
    let home = ctx.dataset.teachers[t].school;
    teacher_refusal(ctx, t)
        .or_else(|| kind_refusal(ctx, t, exchange.kind))
        .or_else(|| pair_refusal(ctx, t, exchange.host))
        .or_else(|| route(ctx, exchange.kind, home, exchange.host).err())
        .or_else(|| refusal::subject(&ctx.dataset.teachers[t], &exchange.subject))
        .or_else(|| refusal::span(exchange.kind, exchange, ctx.policy, ctx.horizon))
        .or_else(|| post_refusal(ctx, departable, exchange))
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
        return tr!(LockToStay);
    };
    let what = tr!(
        LockOf,
        teacher = teacher.id,
        host = dataset.schools[host].id
    );
    if let Some(refused) = teacher_refusal(ctx, t) {
        return tr!(LockBreaks, lock = what, refused = refused);
    }
    let kinds: Vec<Kind> = lock.kind.map_or(Kind::ALL.to_vec(), |k| vec![k]);
    let subjects: Vec<Subject> = lock.subject.map_or(teacher.subjects.clone(), |s| vec![s]);
    let mut reasons: Vec<String> = Vec::new();
    for kind in kinds {
        for subject in &subjects {
            let first = kind
                .spans(ctx.policy, ctx.horizon)
                .into_iter()
                .find_map(|span| refusal(ctx, &Exchange::over_span(t, kind, subject, host, span)));
            let kind_name = Language::current().kind(kind);
            let reason = match first {
                Some(refused) => format!("{kind_name} {subject}: {refused}"),
                None => tr!(
                    LockNoStartTerm2,
                    kind = kind_name,
                    subject = subject,
                    rule = Rule::Locks
                ),
            };
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
        }
    }
    tr!(LockCannotHold, lock = what, reasons = reasons.join("; "))
}
