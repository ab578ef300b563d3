//! Hard rules that tie several exchanges together, one function per rule of
//! SPEC §2 (the single-exchange rules are enforced in `candidates`).

use good_lp::Expression;

use crate::domain::{SchoolIx, TeacherIx};

use super::{sorted_keys, Context, Family, Model, Sense, Usage};

/// "A teacher takes at most one exchange in the horizon" (SPEC §1).
pub fn one_exchange_per_teacher(model: &mut Model, ctx: &Context, usage: &Usage) {
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
pub fn locked_exchanges(model: &mut Model, ctx: &Context, usage: &Usage) {
    let mut locked: Vec<_> = ctx
        .locks
        .values()
        .filter(|lock| lock.host.is_some())
        .map(|lock| lock.teacher)
        .collect();
    locked.sort();
    for t in locked {
        if let Some(candidates) = usage.by_teacher.get(&t) {
            let sum = model.sum_chosen(candidates);
            let name = format!("r9_lock[{}]", ctx.dataset.teachers[t].id);
            model.add_row(Family::Locks, &name, sum, Sense::Equal, 1.0);
        }
    }
}

/// Rule 5 (beds): exchanges beyond commuting distance use a dormitory bed at
/// the host; beds used at a school in a term never exceed its `beds`.
pub fn dormitory_beds(model: &mut Model, ctx: &Context, usage: &Usage) {
    for (host, term) in sorted_keys(&usage.beds) {
        let candidates = &usage.beds[&(host, term)];
        let beds = (ctx.dataset.schools[host].beds as usize).max(model.kept_among(ctx, candidates));
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
/// term.
pub fn departure_limit(model: &mut Model, ctx: &Context, usage: &Usage) {
    for (school, term) in sorted_keys(&usage.away) {
        let candidates = &usage.away[&(school, term)];
        let own = ctx.own_teachers.get(&school).map_or(0, Vec::len);
        let limit = ctx
            .policy
            .limits
            .max_away(own)
            .max(model.kept_among(ctx, candidates));
        let distinct_teachers = {
            let mut teachers: Vec<_> = candidates
                .iter()
                .map(|&c| model.candidates[c].exchange.teacher)
                .collect();
            teachers.sort();
            teachers.dedup();
            teachers.len()
        };
        if distinct_teachers <= limit {
            continue; // cannot bind
        }
        let sum = model.sum_chosen(candidates);
        let name = format!(
            "r6_away[{},{}]",
            ctx.dataset.schools[school].id, ctx.horizon.terms[term].id
        );
        model.add_row(Family::Departures, &name, sum, Sense::AtMost, limit as f64);
    }
}

/// Rule 7 (host capacity): `rotation` and `support` arrivals never push a
/// school's staff in a subject above its demand. Staff after exchanges is
/// base staff minus own teachers of the subject who are away plus arrivals,
/// so in a term with arrivals: arrivals - departures <= demand - base.
/// Candidates only go to hosts short in every term they cover, so the right
/// side is positive and the row never forces a departure.
pub fn host_capacity(model: &mut Model, ctx: &Context, usage: &Usage) {
    for key in sorted_keys(&usage.arrivals) {
        let (host, subject, term) = &key;
        let room = (ctx.base_shortage(*host, subject, *term) as usize)
            .max(model.kept_among(ctx, &usage.arrivals[&key])) as f64;
        if usage.arrivals[&key].len() as f64 <= room {
            continue; // cannot bind
        }
        let arrivals = model.sum_chosen(&usage.arrivals[&key]);
        let departures = usage
            .departures
            .get(&key)
            .map_or_else(Expression::default, |d| model.sum_chosen(d));
        let name = format!(
            "r7_capacity[{},{},{}]",
            ctx.dataset.schools[*host].id, subject, ctx.horizon.terms[*term].id
        );
        model.add_row(
            Family::HostCapacity,
            &name,
            arrivals - departures,
            Sense::AtMost,
            room,
        );
    }
}

/// Rule 10 (mentors): each backbone teacher of the host mentors at most one
/// shadowing teacher per term, in their own subject; a mentor who is away
/// that term mentors nobody.
pub fn mentor_capacity(model: &mut Model, ctx: &Context, usage: &Usage) {
    for key in sorted_keys(&usage.shadows) {
        let (host, subject, term) = &key;
        let mentors = ctx
            .mentors
            .get(&(*host, subject.clone()))
            .map_or(&[][..], Vec::as_slice);
        let mut mentors_away = Expression::default();
        for mentor in mentors {
            if let Some(candidates) = usage.by_teacher.get(mentor) {
                for &c in candidates {
                    if model.candidates[c].exchange.covers(*term) {
                        mentors_away += model.chosen[c];
                    }
                }
            }
        }
        let capacity = mentors
            .len()
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

/// Rule 8 (couples): exchanges never leave two spouses more than
/// `couples.max_km` apart in any term, or farther apart than their home
/// schools already are, if that is more.
///
/// For each exchange of one spouse and each term it covers: if the other
/// spouse at home would be too far, the other spouse must be away that term
/// somewhere near enough; if home is near enough, the other spouse may not be
/// away that term anywhere too far. Couples are few, so these rows are few.
pub fn couples_distance(model: &mut Model, ctx: &Context, usage: &Usage) {
    let dataset = ctx.dataset;
    let mut couples: Vec<(TeacherIx, TeacherIx)> = ctx
        .unit
        .teachers
        .iter()
        .filter_map(|&a| dataset.teachers[a].spouse.map(|b| (a.min(b), a.max(b))))
        .collect();
    couples.sort();
    couples.dedup();
    let none: Vec<usize> = Vec::new();
    for (a, b) in couples {
        let (home_a, home_b) = (dataset.teachers[a].school, dataset.teachers[b].school);
        let limit = ctx
            .distances
            .km(home_a, home_b)
            .map_or(ctx.policy.couples.max_km, |km| {
                km.max(ctx.policy.couples.max_km)
            });
        let near =
            |x: SchoolIx, y: SchoolIx| ctx.distances.km(x, y).is_some_and(|km| km <= limit + 1e-9);
        for (me, partner) in [(a, b), (b, a)] {
            let partner_home = dataset.teachers[partner].school;
            let mine = usage.by_teacher.get(&me).unwrap_or(&none);
            let theirs = usage.by_teacher.get(&partner).unwrap_or(&none);
            for &c in mine {
                let exchange = &model.candidates[c].exchange;
                let host = exchange.host;
                for term in exchange.start_term..=exchange.end_term {
                    let partner_away: Vec<usize> = theirs
                        .iter()
                        .copied()
                        .filter(|&p| model.candidates[p].exchange.covers(term))
                        .collect();
                    let (lhs, rhs) = if near(host, partner_home) {
                        let too_far: Vec<usize> = partner_away
                            .into_iter()
                            .filter(|&p| !near(host, model.candidates[p].exchange.host))
                            .collect();
                        if too_far.is_empty() {
                            continue;
                        }
                        (model.chosen[c] + model.sum_chosen(&too_far), 1.0)
                    } else {
                        let close: Vec<usize> = partner_away
                            .into_iter()
                            .filter(|&p| near(host, model.candidates[p].exchange.host))
                            .collect();
                        (model.chosen[c] - model.sum_chosen(&close), 0.0)
                    };
                    let name = format!(
                        "r8_couple[{}>{},{},{}]",
                        dataset.teachers[me].id,
                        dataset.schools[host].id,
                        dataset.teachers[partner].id,
                        ctx.horizon.terms[term].id
                    );
                    model.add_row(Family::Couples, &name, lhs, Sense::AtMost, rhs);
                }
            }
        }
    }
}
