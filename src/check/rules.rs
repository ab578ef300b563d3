//! One function per hard rule of SPEC §2, in the spec's order, so that the
//! rule list and the checker read side by side. Each returns the rule's
//! violations; the order within is fixed later by sorting the report.

use std::collections::{HashMap, HashSet};

use crate::domain::eligibility::exemption;
use crate::domain::{refusal, Rule, SchoolIx, Subject, TeacherIx};

use super::{terms_of, Placed, Roster, Violation};

/// Rule 1: a teacher teaches (or shadows) only a subject they are qualified in.
pub(crate) fn check_subject(roster: &Roster) -> Vec<Violation> {
    roster
        .exchanges
        .iter()
        .filter_map(|placed| {
            let exchange = &placed.exchange;
            let teacher = &roster.dataset.teachers[exchange.teacher];
            refusal::subject(teacher, &exchange.subject)
                .map(|refused| Violation::refused(placed.line, refused))
        })
        .collect()
}

/// Rule 2: direction and eligibility per kind (SPEC §1 table) and a span
/// the kind allows; and the structural "at most one exchange per teacher in
/// the horizon".
///
/// A different county is rule 4's to report; the direction is judged on
/// its own, so a cross-county posting that also goes the wrong way shows
/// both. An exempt teacher is rule 3's to report, and the kind's career
/// condition is not judged on top of it.
pub(crate) fn check_direction_and_eligibility(roster: &Roster) -> Vec<Violation> {
    let Some(first_day) = roster.first_day else {
        return Vec::new();
    };
    let (dataset, policy) = (roster.dataset, roster.policy);
    let mut violations = Vec::new();
    for placed in roster.exchanges {
        let exchange = &placed.exchange;
        let teacher = &dataset.teachers[exchange.teacher];
        let home = &dataset.schools[teacher.school];
        let host = &dataset.schools[exchange.host];
        let kind = exchange.kind;
        let career = match exemption(teacher, policy, first_day) {
            Some(_) => None,
            None => refusal::career(kind, teacher, policy, first_day),
        };
        let refusals = [
            refusal::direction(kind, home, host),
            career,
            refusal::span(kind, exchange, policy, roster.horizon),
        ];
        for refused in refusals.into_iter().flatten() {
            violations.push(Violation::new(
                refused.rule,
                [placed.line],
                format!("teacher {}: {}", teacher.id, refused.why),
            ));
        }
    }

    for (&teacher, indexes) in &roster.by_teacher {
        if indexes.len() > 1 {
            violations.push(Violation::new(
                Rule::OneExchange,
                indexes.iter().map(|&i| roster.exchanges[i].line),
                format!(
                    "teacher {} has {} exchanges; a teacher takes at most one in the horizon",
                    roster.teacher_id(teacher),
                    indexes.len()
                ),
            ));
        }
    }
    violations
}

/// Rule 3: no exchange for an exempt teacher (declared, near retirement, or
/// cooling down after a recent exchange).
pub(crate) fn check_exemptions(roster: &Roster) -> Vec<Violation> {
    let Some(first_day) = roster.first_day else {
        return Vec::new();
    };
    roster
        .exchanges
        .iter()
        .filter_map(|placed| {
            let teacher = &roster.dataset.teachers[placed.exchange.teacher];
            refusal::exemption(teacher, roster.policy, first_day)
                .map(|refused| Violation::refused(placed.line, refused))
        })
        .collect()
}

/// Rule 4: host and home are in the same county.
pub(crate) fn check_same_county(roster: &Roster) -> Vec<Violation> {
    roster
        .exchanges
        .iter()
        .filter_map(|placed| {
            let teacher = &roster.dataset.teachers[placed.exchange.teacher];
            let home = &roster.dataset.schools[teacher.school];
            let host = &roster.dataset.schools[placed.exchange.host];
            refusal::same_county(home, host).map(|refused| {
                Violation::new(
                    refused.rule,
                    [placed.line],
                    format!("teacher {}: {}", teacher.id, refused.why),
                )
            })
        })
        .collect()
}

/// Rule 5: the host is within `distance.max_km` of home (an unknown distance
/// cannot be shown to be, so it is a violation); an exchange beyond
/// `distance.commute_km` takes a bed, and a host's beds in use in a term
/// never exceed its `beds`. A `needs_bed` cell, when filled, must say the
/// same as the distance.
pub(crate) fn check_distance_and_beds(roster: &Roster) -> Vec<Violation> {
    let distance = &roster.policy.distance;
    let mut violations = Vec::new();
    let mut beds_used: HashMap<(SchoolIx, usize), Vec<u64>> = HashMap::new();
    for placed in roster.exchanges {
        let exchange = &placed.exchange;
        let teacher = &roster.dataset.teachers[exchange.teacher];
        let (home, host) = (teacher.school, exchange.host);
        let route = format!(
            "teacher {}: {} to {}",
            teacher.id,
            roster.school_id(home),
            roster.school_id(host)
        );
        let km = roster.distances.km(home, host);
        let (home_school, host_school) =
            (&roster.dataset.schools[home], &roster.dataset.schools[host]);
        if let Some(refused) = refusal::distance(km, home_school, host_school, roster.policy) {
            violations.push(Violation::new(
                refused.rule,
                [placed.line],
                format!("teacher {}: {}", teacher.id, refused.why),
            ));
        }
        let Some(km) = km else { continue };
        let needs_bed = km > distance.commute_km;
        if needs_bed {
            for term in terms_of(exchange) {
                beds_used.entry((host, term)).or_default().push(placed.line);
            }
        }
        let cell = placed.row.needs_bed.trim();
        if !cell.is_empty() {
            match parse_bool(cell) {
                Some(said) if said == needs_bed => {}
                Some(said) => violations.push(Violation::new(
                    Rule::Distance,
                    [placed.line],
                    format!(
                        "{route} is {km:.1} km (distance.commute_km {}), so needs_bed is {needs_bed}, not {said}",
                        distance.commute_km
                    ),
                )),
                None => violations.push(Violation::new(
                    Rule::Distance,
                    [placed.line],
                    format!("{route}: needs_bed {cell:?} is not a boolean"),
                )),
            }
        }
    }

    for ((host, term), lines) in beds_used {
        let beds = roster.dataset.schools[host].beds;
        let in_force = roster.in_force.beds(host, term) as usize;
        if lines.len() + in_force > beds as usize {
            violations.push(Violation::new(
                Rule::Distance,
                lines.iter().copied(),
                format!(
                    "host {} term {}: {} bed(s) needed by exchanges beyond {} km{} > {beds} bed(s)",
                    roster.school_id(host),
                    roster.term_id(term),
                    lines.len() + in_force,
                    distance.commute_km,
                    in_force_part(in_force)
                ),
            ));
        }
    }
    violations
}

/// A boolean cell as SPEC §3 spells booleans.
pub(crate) fn parse_bool(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "true" | "1" | "yes" | "是" => Some(true),
        "false" | "0" | "no" | "否" => Some(false),
        _ => None,
    }
}

/// Rule 6: in any term, at most `limits.max_away(own teachers)` of a
/// school's own teachers are away, whatever the kind, those on in-force
/// exchanges included.
pub(crate) fn check_departures(roster: &Roster) -> Vec<Violation> {
    let dataset = roster.dataset;
    let mut away: HashMap<(SchoolIx, usize), (HashSet<TeacherIx>, Vec<u64>)> = HashMap::new();
    for placed in roster.exchanges {
        let teacher = placed.exchange.teacher;
        let home = dataset.teachers[teacher].school;
        for term in terms_of(&placed.exchange) {
            let (teachers, lines) = away.entry((home, term)).or_default();
            teachers.insert(teacher);
            lines.push(placed.line);
        }
    }
    if away.is_empty() {
        return Vec::new();
    }

    let mut own = vec![0usize; dataset.schools.len()];
    for teacher in &dataset.teachers {
        own[teacher.school] += 1;
    }
    let mut violations = Vec::new();
    for ((school, term), (teachers, lines)) in away {
        let limit = roster.policy.limits.max_away(own[school]);
        // A roster row for a teacher already away in force (a rule 3
        // violation) does not count them twice.
        let twice = teachers
            .iter()
            .filter(|&&t| roster.in_force.host_of(t, term).is_some())
            .count();
        let in_force = roster.in_force.away(school, term) as usize - twice;
        if teachers.len() + in_force > limit {
            violations.push(Violation::new(
                Rule::Departures,
                lines,
                format!(
                    "school {} term {}: {} of its {} teachers away{} > limit {limit} (limits.max_away_fraction {})",
                    roster.school_id(school),
                    roster.term_id(term),
                    teachers.len() + in_force,
                    own[school],
                    in_force_part(in_force),
                    roster.policy.limits.max_away_fraction
                ),
            ));
        }
    }
    violations
}

/// Rule 7: arrivals that take a post (`rotation`, `support`, and `shadow`
/// with `shadow.fills_post`) never push a host's staff in a subject above its
/// demand. Staff is the host's own teachers of that primary subject who are
/// not away that term (on the roster or an in-force exchange), plus the
/// arrivals teaching it (the roster's and the in-force ones); so a post
/// another exchange frees may be refilled in the terms it is free.
pub(crate) fn check_host_capacity(roster: &Roster) -> Vec<Violation> {
    let mut arrivals: HashMap<(SchoolIx, &Subject, usize), Vec<u64>> = HashMap::new();
    for placed in roster.exchanges {
        let exchange = &placed.exchange;
        if exchange.kind.fills_post(roster.policy) {
            for term in terms_of(exchange) {
                arrivals
                    .entry((exchange.host, &exchange.subject, term))
                    .or_default()
                    .push(placed.line);
            }
        }
    }
    if arrivals.is_empty() {
        return Vec::new();
    }

    let wanted = arrivals
        .keys()
        .map(|&(school, subject, _)| (school, subject));
    let present = OwnPresent::count(roster, wanted.collect(), |_| true);
    let mut violations = Vec::new();
    for ((host, subject, term), lines) in arrivals {
        let own = present.get(host, subject, term);
        let base = roster.in_force.staff(own as u32, host, subject, term) as usize;
        let in_force = roster.in_force.arrived(host, subject, term) as usize;
        let staff = base + lines.len();
        let demand = roster.dataset.posts(host, subject, roster.term_id(term)) as usize;
        if staff > demand {
            violations.push(Violation::new(
                Rule::HostCapacity,
                lines.iter().copied(),
                format!(
                    "host {} term {} subject {subject}: staff {staff} after arrivals > demand {demand} ({} own teacher(s) present + {} arrival(s){})",
                    roster.school_id(host),
                    roster.term_id(term),
                    base - in_force,
                    lines.len() + in_force,
                    in_force_part(in_force)
                ),
            ));
        }
    }
    violations
}

/// Rule 11 (`limits.keep_subject`): a school with staff in a subject it has
/// demand for (in some term) before the roster keeps a staff of at least
/// one in that subject in every term; an arrival taking the post counts.
pub(crate) fn check_keep_subject(roster: &Roster) -> Vec<Violation> {
    if !roster.policy.limits.keep_subject {
        return Vec::new();
    }
    let dataset = roster.dataset;
    let mut leaving: HashMap<(SchoolIx, &Subject, usize), Vec<u64>> = HashMap::new();
    let mut arriving: HashMap<(SchoolIx, &Subject, usize), usize> = HashMap::new();
    for placed in roster.exchanges {
        let exchange = &placed.exchange;
        let teacher = &dataset.teachers[exchange.teacher];
        for term in terms_of(exchange) {
            if let Some(primary) = teacher.subjects.first() {
                leaving
                    .entry((teacher.school, primary, term))
                    .or_default()
                    .push(placed.line);
            }
            if exchange.kind.fills_post(roster.policy) {
                *arriving
                    .entry((exchange.host, &exchange.subject, term))
                    .or_insert(0) += 1;
            }
        }
    }
    let wanted = leaving
        .keys()
        .map(|&(school, subject, _)| (school, subject));
    let present = OwnPresent::count(roster, wanted.collect(), |_| true);
    let has_demand = |school: SchoolIx, subject: &Subject| {
        (0..roster.horizon.len())
            .any(|term| dataset.posts(school, subject, roster.term_id(term)) > 0)
    };
    let mut violations = Vec::new();
    let in_force = &roster.in_force;
    for ((school, subject, term), lines) in leaving {
        // Before the roster, with the exchanges in force (what they leave
        // alone is a warning, see `in_force_warnings`).
        let before = in_force.staff(present.total(school, subject) as u32, school, subject, term);
        if before == 0 || !has_demand(school, subject) {
            continue;
        }
        let arrivals = arriving.get(&(school, subject, term)).copied().unwrap_or(0);
        let present = in_force.staff(
            present.get(school, subject, term) as u32,
            school,
            subject,
            term,
        );
        let staff = present as usize + arrivals;
        if staff == 0 {
            violations.push(Violation::new(
                Rule::KeepSubject,
                lines.iter().copied(),
                format!(
                    "school {} term {} subject {subject}: no teacher left ({before} before, all away, no arrival takes the post; limits.keep_subject)",
                    roster.school_id(school),
                    roster.term_id(term),
                ),
            ));
        }
    }
    violations
}

/// A school's own teachers of a primary subject who are at home in a term,
/// counted for the (school, subject) pairs a rule asks about only: one pass
/// over the teachers, one over those away.
struct OwnPresent<'s> {
    total: HashMap<(SchoolIx, &'s Subject), usize>,
    away: HashMap<(SchoolIx, &'s Subject, usize), usize>,
}

impl<'s> OwnPresent<'s> {
    /// Counts teachers for which `counts` holds (e.g. backbone only).
    fn count(
        roster: &'s Roster,
        wanted: HashSet<(SchoolIx, &'s Subject)>,
        counts: impl Fn(&crate::domain::Teacher) -> bool,
    ) -> OwnPresent<'s> {
        let mut total = HashMap::new();
        for teacher in &roster.dataset.teachers {
            let Some(primary) = teacher.subjects.first() else {
                continue;
            };
            if counts(teacher) && wanted.contains(&(teacher.school, primary)) {
                *total.entry((teacher.school, primary)).or_insert(0) += 1;
            }
        }
        let mut away = HashMap::new();
        for &ix in roster.by_teacher.keys() {
            let teacher = &roster.dataset.teachers[ix];
            let Some(primary) = teacher.subjects.first() else {
                continue;
            };
            if counts(teacher) && wanted.contains(&(teacher.school, primary)) {
                for term in roster.away_terms(ix) {
                    *away.entry((teacher.school, primary, term)).or_insert(0) += 1;
                }
            }
        }
        OwnPresent { total, away }
    }

    /// Own teachers of the subject, away or not.
    fn total(&self, school: SchoolIx, subject: &Subject) -> usize {
        self.total.get(&(school, subject)).copied().unwrap_or(0)
    }

    fn get(&self, school: SchoolIx, subject: &Subject, term: usize) -> usize {
        let total = self.total(school, subject);
        let away = self
            .away
            .get(&(school, subject, term))
            .copied()
            .unwrap_or(0);
        total.saturating_sub(away)
    }
}

/// Rule 8: in every term, spouses are no farther apart than
/// `couples.max_km`, or than their home schools already are if that is more.
/// Where each one is: the host of an exchange covering the term, else home.
pub(crate) fn check_couples(roster: &Roster) -> Vec<Violation> {
    let dataset = roster.dataset;
    let mut seen: HashSet<(TeacherIx, TeacherIx)> = HashSet::new();
    let mut violations = Vec::new();
    for placed in roster.exchanges {
        let a = placed.exchange.teacher;
        let Some(b) = dataset.teachers[a].spouse else {
            continue;
        };
        if b >= dataset.teachers.len() || !seen.insert((a.min(b), a.max(b))) {
            continue;
        }
        let (a, b) = (a.min(b), a.max(b));
        if let Some(violation) = couple_apart(roster, a, b) {
            violations.push(violation);
        }
    }
    violations
}

/// The violation, if any, of one couple over the whole horizon.
fn couple_apart(roster: &Roster, a: TeacherIx, b: TeacherIx) -> Option<Violation> {
    let dataset = roster.dataset;
    let (home_a, home_b) = (dataset.teachers[a].school, dataset.teachers[b].school);
    let at_home = roster.distances.km(home_a, home_b);
    let limit = roster.policy.couples.max_km.max(at_home.unwrap_or(0.0));
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    for term in 0..roster.horizon.len() {
        let (places_a, places_b) = (places(roster, a, term), places(roster, b, term));
        if places_a.iter().chain(&places_b).all(|p| p.1.is_none()) {
            continue; // both at home: as far apart as they already are
        }
        for &(school_a, line_a) in &places_a {
            for &(school_b, line_b) in &places_b {
                let apart = roster.distances.km(school_a, school_b);
                if apart.is_some_and(|km| km <= limit) {
                    continue;
                }
                lines.extend(line_a.into_iter().chain(line_b));
                let apart = apart.map_or("an unknown distance".into(), |km| format!("{km:.1} km"));
                problems.push(format!(
                    "term {}: {} at {}, {} at {}, {apart} apart",
                    roster.term_id(term),
                    dataset.teachers[a].id,
                    roster.school_id(school_a),
                    dataset.teachers[b].id,
                    roster.school_id(school_b)
                ));
            }
        }
    }
    (!problems.is_empty()).then(|| {
        Violation::new(
            Rule::Couples,
            lines,
            format!(
                "spouses {} and {} are apart more than {limit:.1} km (couples.max_km {}, homes {} apart): {}",
                dataset.teachers[a].id,
                dataset.teachers[b].id,
                roster.policy.couples.max_km,
                at_home.map_or("an unknown distance".into(), |km| format!("{km:.1} km")),
                problems.join("; ")
            ),
        )
    })
}

/// Where a teacher is in a term, with the row that puts them there (`None`
/// = where they are without the roster: at home, or at the host of an
/// in-force exchange). Normally one place; duplicate exchanges give
/// several, and each is judged.
fn places(roster: &Roster, teacher: TeacherIx, term: usize) -> Vec<(SchoolIx, Option<u64>)> {
    let away: Vec<(SchoolIx, Option<u64>)> = roster
        .of_teacher(teacher)
        .filter(|p| p.exchange.covers(term))
        .map(|p| (p.exchange.host, Some(p.line)))
        .collect();
    if away.is_empty() {
        let home = roster.dataset.teachers[teacher].school;
        vec![(roster.in_force.host_of(teacher, term).unwrap_or(home), None)]
    } else {
        away
    }
}

/// Rule 9: a locked exchange is in the roster as locked (host, and kind,
/// subject and start term where the lock gives them); a teacher locked to
/// stay has no exchange; a forbidden teacher-school pair is never used.
pub(crate) fn check_locks(roster: &Roster) -> Vec<Violation> {
    let dataset = roster.dataset;
    let mut violations = Vec::new();
    for lock in &dataset.locks {
        let teacher_id = roster.teacher_id(lock.teacher);
        let exchanges: Vec<&Placed> = roster.of_teacher(lock.teacher).collect();
        let lines = exchanges.iter().map(|p| p.line);
        let Some(host) = lock.host else {
            if !exchanges.is_empty() {
                violations.push(Violation::new(
                    Rule::Locks,
                    lines,
                    format!("teacher {teacher_id} is locked to stay but has an exchange"),
                ));
            }
            continue;
        };
        let matches = |p: &&Placed| {
            refusal::lock_admits(lock, &p.exchange, roster.term_id(p.exchange.start_term))
        };
        if !exchanges.iter().any(matches) {
            let mut locked = format!("host {}", roster.school_id(host));
            if let Some(kind) = lock.kind {
                locked.push_str(&format!(", kind {kind}"));
            }
            if let Some(subject) = &lock.subject {
                locked.push_str(&format!(", subject {subject}"));
            }
            if let Some(term) = &lock.start_term {
                locked.push_str(&format!(", start_term {term}"));
            }
            let found = if exchanges.is_empty() {
                "the roster has no exchange for them".to_string()
            } else {
                let has: Vec<String> = exchanges
                    .iter()
                    .map(|p| {
                        let e = &p.exchange;
                        format!(
                            "{} {} at {} from {}",
                            e.kind,
                            e.subject,
                            roster.school_id(e.host),
                            roster.term_id(e.start_term)
                        )
                    })
                    .collect();
                format!("the roster has {}", has.join(" and "))
            };
            violations.push(Violation::new(
                Rule::Locks,
                lines,
                format!("teacher {teacher_id} is locked to {locked}, but {found}"),
            ));
        }
    }

    let forbidden: HashSet<(TeacherIx, SchoolIx)> = dataset.forbidden.iter().copied().collect();
    for placed in roster.exchanges {
        let (teacher, host) = (placed.exchange.teacher, placed.exchange.host);
        let refused = refusal::forbidden(
            &dataset.teachers[teacher],
            &dataset.schools[host],
            forbidden.contains(&(teacher, host)),
        );
        if let Some(refused) = refused {
            violations.push(Violation::refused(placed.line, refused));
        }
    }
    violations
}

/// Rule 10: each backbone teacher at the host mentors at most one shadowing
/// teacher per term, in their own (primary) subject, and only while not away
/// themselves; so shadowing teachers per host, subject and term (the
/// in-force ones included) never outnumber such mentors.
pub(crate) fn check_mentors(roster: &Roster) -> Vec<Violation> {
    let mut shadows: HashMap<(SchoolIx, &Subject, usize), Vec<u64>> = HashMap::new();
    for placed in roster.exchanges {
        let exchange = &placed.exchange;
        if exchange.kind.needs_mentor() {
            for term in terms_of(exchange) {
                shadows
                    .entry((exchange.host, &exchange.subject, term))
                    .or_default()
                    .push(placed.line);
            }
        }
    }
    if shadows.is_empty() {
        return Vec::new();
    }

    let wanted = shadows
        .keys()
        .map(|&(school, subject, _)| (school, subject));
    let mentors = OwnPresent::count(roster, wanted.collect(), |t| t.backbone.is_backbone());
    let mut violations = Vec::new();
    for ((host, subject, term), lines) in shadows {
        let available = mentors
            .get(host, subject, term)
            .saturating_sub(roster.in_force.mentors_away(host, subject, term) as usize);
        let in_force = roster.in_force.shadows(host, subject, term) as usize;
        if lines.len() + in_force > available {
            violations.push(Violation::new(
                Rule::Mentors,
                lines.iter().copied(),
                format!(
                    "host {} term {} subject {subject}: {} shadowing teacher(s){} > {available} backbone mentor(s) at home there",
                    roster.school_id(host),
                    roster.term_id(term),
                    lines.len() + in_force,
                    in_force_part(in_force)
                ),
            ));
        }
    }
    violations
}

/// Rule 12: a school receives at most `secondment.max_per_host` seconded
/// cadres in a term, the in-force ones included.
pub(crate) fn check_secondment_places(roster: &Roster) -> Vec<Violation> {
    let mut secondees: HashMap<(SchoolIx, usize), Vec<u64>> = HashMap::new();
    for placed in roster.exchanges {
        let exchange = &placed.exchange;
        if exchange.kind.takes_secondment_place() {
            for term in terms_of(exchange) {
                secondees
                    .entry((exchange.host, term))
                    .or_default()
                    .push(placed.line);
            }
        }
    }
    let places = roster.policy.secondment.max_per_host as usize;
    let mut violations = Vec::new();
    for ((host, term), lines) in secondees {
        let in_force = roster.in_force.secondees(host, term) as usize;
        if lines.len() + in_force > places {
            violations.push(Violation::new(
                Rule::SecondmentPlaces,
                lines.iter().copied(),
                format!(
                    "host {} term {}: {} seconded cadre(s){} > {places} place(s) (secondment.max_per_host)",
                    roster.school_id(host),
                    roster.term_id(term),
                    lines.len() + in_force,
                    in_force_part(in_force)
                ),
            ));
        }
    }
    violations
}

/// `" (2 on exchanges in force)"`, or nothing when there are none.
fn in_force_part(count: usize) -> String {
    if count == 0 {
        String::new()
    } else {
        format!(" ({count} on exchanges in force)")
    }
}
