//! Hard rules that tie several exchanges together, one function per rule of
//! SPEC §2 (the single-exchange rules are enforced in `candidates`).

use fnv::FnvHashMap;
use good_lp::variable;
use rayon::prelude::*;

use crate::domain::{SchoolIx, TeacherIx};

use super::{mps_safe, sorted_keys, Context, Family, Linear, Model, Sense, Usage};

/// "A teacher takes at most one exchange in the horizon" (SPEC §1).
pub(crate) fn one_exchange_per_teacher(model: &mut Model, ctx: &Context, usage: &Usage) {
    for t in sorted_keys(&usage.by_teacher) {
        if ctx.locks.contains_key(&t) {
            continue; // locked_exchanges states it as an equality
        }
        let sum = model.sum_chosen(&usage.by_teacher[&t]);
        let name = format!("one_exchange[{}]", ctx.dataset.teachers[t].id);
        model.add_row(Family::OneExchange, &name, sum, Sense::AtMost, 1.0);
    }
}

/// Rule 9 (locks): a locked exchange is in the roster. Candidates for a
/// locked teacher are only those matching the lock, so exactly one of them
/// is chosen. A lock no candidate matches is recorded as a conflict by
/// `candidates` and makes the unit infeasible.
///
/// An exchange kept from the previous roster (it started on or before
/// `--as-of`) is its teacher's only candidate and is stated the same way:
/// without the equality the solver could drop a running exchange for free.
pub(crate) fn locked_exchanges(model: &mut Model, ctx: &Context, usage: &Usage) {
    for t in sorted_keys(&usage.by_teacher) {
        if let Some(name) = lock_row(ctx, t) {
            let sum = model.sum_chosen(&usage.by_teacher[&t]);
            model.add_row(Family::Locks, &name, sum, Sense::Equal, 1.0);
        }
    }
}

/// The name of the row that holds teacher `t`'s exchange in every roster
/// ([`locked_exchanges`], where `t` has a candidate): `kept[T]` for an
/// exchange kept from the previous roster, else `r9_lock[T]` for a lock to
/// a host; `None` for a teacher whose exchange is free (a lock without a
/// host keeps them home: they have no candidate).
pub(crate) fn lock_row(ctx: &Context, t: TeacherIx) -> Option<String> {
    let prefix = if ctx.kept(t).is_some() {
        "kept"
    } else if ctx.locks.get(&t).is_some_and(|lock| lock.host.is_some()) {
        "r9_lock"
    } else {
        return None;
    };
    Some(format!("{prefix}[{}]", ctx.dataset.teachers[t].id))
}

/// Rule 5 (beds): exchanges beyond commuting distance use a dormitory bed at
/// the host; beds used at a school in a term never exceed its `beds`. Beds
/// the in-force exchanges use are taken already.
pub(crate) fn dormitory_beds(model: &mut Model, ctx: &Context, usage: &Usage) {
    for (host, term) in sorted_keys(&usage.beds) {
        let candidates = &usage.beds[&(host, term)];
        let free =
            (ctx.dataset.schools[host].beds as usize).saturating_sub(ctx.beds_taken(host, term));
        let beds = free.max(model.kept_among(ctx, candidates));
        let sum = model.sum_chosen(candidates);
        let name = format!(
            "r5_beds[{},{}]",
            ctx.dataset.schools[host].id, ctx.horizon.terms[term].id
        );
        model.add_row(Family::Beds, &name, sum, Sense::AtMost, beds as f64);
    }
}

/// Rule 6 (departures): at most `max_away_fraction` of a school's own
/// teachers (rounded down, at least 1 from five teachers) are away in any
/// term, those away on in-force exchanges included.
pub(crate) fn departure_limit(model: &mut Model, ctx: &Context, usage: &Usage) {
    for (school, term) in sorted_keys(&usage.away) {
        let teachers = &usage.away[&(school, term)];
        let own = ctx.own_teachers.get(&school).map_or(0, Vec::len);
        let limit = ctx
            .policy
            .limits
            .max_away(own)
            .saturating_sub(ctx.base_away(school, term))
            .max(model.kept_away(ctx, teachers, term));
        if teachers.len() <= limit {
            continue; // cannot bind
        }
        let sum = model.sum_away(teachers, term);
        let name = format!(
            "r6_away[{},{}]",
            ctx.dataset.schools[school].id, ctx.horizon.terms[term].id
        );
        model.add_row(Family::Departures, &name, sum, Sense::AtMost, limit as f64);
    }
}

/// Rule 7 (host capacity): arrivals that take a post never push a school's
/// staff in a subject above its demand; staff counts departures, so a post
/// another exchange frees may be refilled in the terms it is free.
///
/// With `room = demand - base` (posts open before any exchange) and
/// `change = arrivals - departures`, the rule is "no arrival, or
/// `change <= room`":
///
/// - `room >= 0`: `change <= room` holds anyway without arrivals, so with
///   `short` the shortage left (tier 1's column) one equality states both
///   the rule and the shortage: `change + short = room`, `short >= 0`.
/// - `room < 0` (staff above demand, `surplus = -room`): arrivals need more
///   than `surplus` departures first. A binary `open` says "this term takes
///   arrivals": `change + surplus x open <= 0` and `arrivals <= (most -
///   surplus) x open`, where `most` bounds the departures (rule 6). The
///   shortage there is defined with tier 1 (`objective::weighted_shortage`).
///
/// Exchanges kept from the previous roster are facts: their arrivals count
/// as already there, and only the others must fit (`room` less the kept
/// arrivals decides the case, and the kept ones are added to both sides).
pub(crate) fn host_capacity(model: &mut Model, ctx: &Context, usage: &Usage) {
    for key in sorted_keys(&usage.arrivals) {
        let (host, subject, term) = &key;
        let arriving = &usage.arrivals[&key];
        let room = ctx.base_room(*host, subject, *term);
        let kept = model.kept_among(ctx, arriving) as i64;
        let departing = usage.departures.get(&key).map_or(&[][..], Vec::as_slice);
        let staff_change = model.sum_chosen(arriving) - model.sum_away(departing, *term);
        let place = format!(
            "{},{},{}",
            ctx.dataset.schools[*host].id, subject, ctx.horizon.terms[*term].id
        );
        let name = format!("r7_capacity[{place}]");
        if room >= kept {
            let short = model.add_column(mps_safe(&format!("short[{place}]")), variable().min(0.0));
            model.shortage.insert(key, short);
            let lhs = staff_change + short;
            model.add_row(Family::HostCapacity, &name, lhs, Sense::Equal, room as f64);
            continue;
        }
        let surplus = kept - room;
        let most = departing.len().min(ctx.most_away(*host)) as i64;
        let arrivals = model.sum_chosen(arriving);
        if most <= surplus {
            // No roster frees enough posts: only the kept arrivals.
            model.add_row(
                Family::HostCapacity,
                &name,
                arrivals,
                Sense::AtMost,
                kept as f64,
            );
            continue;
        }
        let open = model.add_column(mps_safe(&format!("open[{place}]")), variable().binary());
        let lhs = staff_change.plus(surplus as f64, open);
        model.add_row(Family::HostCapacity, &name, lhs, Sense::AtMost, kept as f64);
        let lhs = arrivals.plus(-((most - surplus) as f64), open);
        let name = format!("r7_open[{place}]");
        model.add_row(Family::HostCapacity, &name, lhs, Sense::AtMost, kept as f64);
    }
}

/// Rule 11 (`limits.keep_subject`): a school with staff in a subject it has
/// demand for keeps a staff of at least one in it in every term; an arrival
/// taking the post counts: `arrivals - departures >= 1 - base`. Rows only
/// where the departures could reach the base staff. Where exchanges kept
/// from the previous roster already leave less, the row asks no more than
/// they do.
pub(crate) fn keep_subject(model: &mut Model, ctx: &Context, usage: &Usage) {
    for key in sorted_keys(&usage.departures) {
        let (school, subject, term) = &key;
        if !ctx.keeps_subject(*school, subject) {
            continue;
        }
        let departing = &usage.departures[&key];
        let base = i64::from(ctx.base_staff(*school, subject, *term));
        if base == 0 {
            continue; // emptied by exchanges in force alone: a warning, not the roster's
        }
        if (departing.len().min(ctx.most_away(*school)) as i64) < base {
            continue; // cannot bind
        }
        let arriving = usage.arrivals.get(&key).map_or(&[][..], Vec::as_slice);
        let kept =
            model.kept_among(ctx, arriving) as i64 - model.kept_away(ctx, departing, *term) as i64;
        let lhs = model.sum_chosen(arriving) - model.sum_away(departing, *term);
        let name = format!(
            "r11_keep_subject[{},{},{}]",
            ctx.dataset.schools[*school].id, subject, ctx.horizon.terms[*term].id
        );
        let rhs = (1 - base).min(kept);
        model.add_row(Family::KeepSubject, &name, lhs, Sense::AtLeast, rhs as f64);
    }
}

/// Rule 10 (mentors): each backbone teacher of the host mentors at most one
/// shadowing teacher per term, in their own subject; a mentor who is away
/// that term mentors nobody. Mentors the in-force exchanges take (away, or
/// mentoring an in-force learner) are not free.
pub(crate) fn mentor_capacity(model: &mut Model, ctx: &Context, usage: &Usage) {
    for key in sorted_keys(&usage.shadows) {
        let (host, subject, term) = &key;
        let mentors = ctx
            .mentors
            .get(&(*host, *subject))
            .map_or(&[][..], Vec::as_slice);
        let mentors_away = model.sum_away(mentors, *term);
        let capacity = ctx
            .free_mentors(*host, subject, *term)
            .max(model.kept_among(ctx, &usage.shadows[&key]));
        let shadows = model.sum_chosen(&usage.shadows[&key]);
        let name = format!(
            "r10_mentors[{},{},{}]",
            ctx.dataset.schools[*host].id, subject, ctx.horizon.terms[*term].id
        );
        model.add_row(
            Family::Mentors,
            &name,
            shadows + mentors_away,
            Sense::AtMost,
            capacity as f64,
        );
    }
}

/// Rule 12 (secondment places): a school receives at most
/// `secondment.max_per_host` seconded cadres in a term, less the places
/// in-force secondees take (never less than the kept ones use).
pub(crate) fn secondment_places(model: &mut Model, ctx: &Context, usage: &Usage) {
    for key in sorted_keys(&usage.secondees) {
        let (host, term) = key;
        let secondees = &usage.secondees[&key];
        let places = ctx
            .free_secondment_places(host, term)
            .max(model.kept_among(ctx, secondees));
        if secondees.len() <= places {
            continue; // cannot bind
        }
        let sum = model.sum_chosen(secondees);
        let name = format!(
            "r12_secondment[{},{}]",
            ctx.dataset.schools[host].id, ctx.horizon.terms[term].id
        );
        model.add_row(
            Family::SecondmentPlaces,
            &name,
            sum,
            Sense::AtMost,
            places as f64,
        );
    }
}

/// Rule 8 (couples): exchanges never leave two spouses more than
/// `couples.max_km` apart in any term, or farther apart than their home
/// schools already are, if that is more.
///
/// For each exchange of one spouse and each term it covers: if the other
/// spouse where they are without a new exchange (at home, or at the host of
/// an in-force exchange) would be too far, the other spouse must be away that term
/// somewhere near enough; if home is near enough, the other spouse may not be
/// away that term anywhere too far. Couples are few, so these rows are few.
pub(crate) fn couples_distance(model: &mut Model, ctx: &Context, usage: &Usage) {
    let dataset = ctx.dataset;
    let mut couples: Vec<(TeacherIx, TeacherIx)> = ctx
        .unit
        .teachers
        .iter()
        .filter_map(|&a| dataset.teachers[a].spouse.map(|b| (a.min(b), a.max(b))))
        .collect();
    couples.sort();
    couples.dedup();
    if couples.is_empty() {
        return;
    }
    let km = UnitKm::new(ctx);
    // Couple by couple in parallel, added in the couples' order.
    let rows: Vec<Vec<CoupleRow>> = couples
        .par_iter()
        .map(|&couple| couple_rows(model, ctx, usage, &km, couple))
        .collect();
    for (name, lhs, rhs) in rows.into_iter().flatten() {
        model.add_row(Family::Couples, &name, lhs, Sense::AtMost, rhs);
    }
}

/// A rule 8 row: name, left-hand side, right-hand side (at most).
type CoupleRow = (String, Linear, f64);

/// The rule 8 rows of the couple `(a, b)` (see [`couples_distance`]).
fn couple_rows(
    model: &Model,
    ctx: &Context,
    usage: &Usage,
    km: &UnitKm,
    (a, b): (TeacherIx, TeacherIx),
) -> Vec<CoupleRow> {
    let dataset = ctx.dataset;
    let none: Vec<usize> = Vec::new();
    let mut rows = Vec::new();
    let (home_a, home_b) = (dataset.teachers[a].school, dataset.teachers[b].school);
    let limit = km
        .between(home_a, home_b)
        .map_or(ctx.policy.couples.max_km, |km| {
            km.max(ctx.policy.couples.max_km)
        });
    let near = |x: SchoolIx, y: SchoolIx| km.between(x, y).is_some_and(|km| km <= limit + 1e-9);
    for (me, partner) in [(a, b), (b, a)] {
        let mine = usage.by_teacher.get(&me).unwrap_or(&none);
        let theirs = usage.by_teacher.get(&partner).unwrap_or(&none);
        // For my host and a term: whether the partner's place without a
        // new exchange is near it, and the partner's exchanges covering
        // the term that are not (too far when home is near, close when
        // it is not). Many of my candidates share a host and term.
        let mut sides: FnvHashMap<(SchoolIx, usize), (bool, Vec<usize>)> = FnvHashMap::default();
        for &c in mine {
            let exchange = &model.candidates[c].exchange;
            let host = exchange.host;
            // One row per candidate (not per host: a teacher may go to
            // one host in several kinds, subjects and terms) and term;
            // names must be unique for MPS.
            let candidate = format!(
                "{}:{}:{}-{}",
                exchange.subject, exchange.kind, exchange.start_term, exchange.end_term
            );
            for term in exchange.start_term..=exchange.end_term {
                let (home_near, other_side) = sides.entry((host, term)).or_insert_with(|| {
                    let home_near = near(host, ctx.location(partner, term));
                    let other_side = theirs
                        .iter()
                        .copied()
                        .filter(|&p| {
                            let away = &model.candidates[p].exchange;
                            away.covers(term) && near(host, away.host) != home_near
                        })
                        .collect();
                    (home_near, other_side)
                });
                if *home_near && other_side.is_empty() {
                    continue;
                }
                // Partner's home near my host: x_c + Σ (partner's
                // exchanges to a far host) <= 1; not near: x_c - Σ
                // (partner's exchanges to a near host) <= 0.
                let (sign, rhs) = if *home_near { (1.0, 1.0) } else { (-1.0, 0.0) };
                let mut lhs = Linear::with_capacity(1 + other_side.len());
                lhs.add_term(model.candidate_column(c), 1.0);
                for &p in other_side.iter() {
                    lhs.add_term(model.candidate_column(p), sign);
                }
                let name = format!(
                    "r8_couple[{}>{}:{candidate},{},{}]",
                    dataset.teachers[me].id,
                    dataset.schools[host].id,
                    dataset.teachers[partner].id,
                    ctx.horizon.terms[term].id
                );
                rows.push((name, lhs, rhs));
            }
        }
    }
    rows
}

/// The km between every two schools of the unit, worked out once: the
/// couple rows ask for them millions of times on a large county.
struct UnitKm<'c, 'a> {
    ctx: &'c Context<'a>,
    /// Each school's place in the unit, by school index.
    place: Vec<Option<usize>>,
    km: Vec<Option<f64>>,
}

impl<'c, 'a> UnitKm<'c, 'a> {
    fn new(ctx: &'c Context<'a>) -> Self {
        let schools = &ctx.unit.schools;
        let mut place = vec![None; ctx.dataset.schools.len()];
        for (i, &s) in schools.iter().enumerate() {
            place[s] = Some(i);
        }
        let km = schools
            .iter()
            .flat_map(|&a| schools.iter().map(move |&b| ctx.distances.km(a, b)))
            .collect();
        UnitKm { ctx, place, km }
    }

    /// What `Distances::km` says, from the table within the unit.
    fn between(&self, a: SchoolIx, b: SchoolIx) -> Option<f64> {
        match (self.place[a], self.place[b]) {
            (Some(i), Some(j)) => self.km[i * self.ctx.unit.schools.len() + j],
            _ => self.ctx.distances.km(a, b),
        }
    }
}
