//! Solving a unit LP first: the relaxation, then the MIP in the
//! neighbourhood of the relaxation's solution (RENS, Berthold's
//! "relaxation enforced neighbourhood search"), then, only if that cannot
//! be proven good enough, the full MIP started from it.
//!
//! On a county the LP relaxation is nearly integral: of 116,000 candidate
//! exchanges of a 5,000-teacher county, 182 are fractional and the rest are
//! 0 or 1. HiGHS's branch-and-cut spends most of its time finding a first
//! good roster (its heuristics start from scratch), not proving it. So:
//!
//! 1. **Restricted problem**: refill candidates (`model::Model::first_lp`),
//!    two thirds of a county's columns, are held at 0; the LP of the others
//!    and the MIP in its neighbourhood give a first roster early. Leaving
//!    columns out only fixes them at 0, so it is a roster of the full
//!    model: the answer, as `feasible` with its gap, when the time limit
//!    cuts the rest short (on a 5,000-teacher county the full LP alone can
//!    take minutes). Its LP with the held candidates' negative reduced
//!    costs added bounds the full model (Lagrangian bound).
//! 2. **Relaxation**: the held candidates enter when their reduced cost is
//!    negative (column generation), until none does: the LP is then the
//!    full model's, and its value `z` bounds every roster from below.
//! 3. **Neighbourhood**: solve the MIP with the candidates the LP uses and
//!    those of their swap classes (the same home school, host and subject,
//!    any teacher: so seniority, volunteers and the other per-teacher tiers
//!    can pick who goes), every other candidate fixed at 0. A few thousand
//!    free binaries, solved in about a second. The better of its roster
//!    and the restricted one has value `U`.
//! 4. If `U - z` is within the requested gap (`[solver] mip_gap`, HiGHS's
//!    absolute tolerance), `U`'s roster is proven as good as asked, and is
//!    the answer. Otherwise the full MIP is solved with `U`'s roster as its
//!    start, so HiGHS only has to close the bound, without the candidates
//!    whose reduced cost exceeds `U - z` (no roster with one beats `U`).
//!
//! Every path ends in a roster at least as good as the plain MIP would give
//! within the same gap: the bound is the full model's, and the last step is
//! the plain MIP. A roster is called optimal only when a bound of the full
//! model (or HiGHS's search of it) proves it within the gap.

use std::cell::Cell;
use std::collections::HashSet;
use std::time::Instant;

use highs::{HighsModelStatus, HighsSolutionStatus, Model, SolvedModel};

use super::progress::Phase;

/// HiGHS's own absolute gap tolerance (`mip_abs_gap` default).
const MIP_ABS_GAP: f64 = 1e-6;

/// A held candidate enters the LP when its reduced cost is below minus this
/// (HiGHS's dual feasibility tolerance is 1e-7).
const PRICE: f64 = 1e-7;

/// An LP value at or below this counts as 0 (HiGHS's primal feasibility
/// tolerance is 1e-7).
const ZERO: f64 = 1e-9;

/// A roster: the value of every column and the objective.
pub struct Roster {
    pub columns: Vec<f64>,
    pub objective: f64,
}

impl Roster {
    fn of(solved: &SolvedModel) -> Option<Roster> {
        has_solution(solved).then(|| Roster {
            columns: solved.get_solution().columns().to_vec(),
            objective: solved.objective_value(),
        })
    }

    /// The better of two rosters (the first on a tie).
    fn better(a: Option<Roster>, b: Option<Roster>) -> Option<Roster> {
        match (a, b) {
            (Some(a), Some(b)) if b.objective < a.objective => Some(b),
            (Some(a), _) => Some(a),
            (None, b) => b,
        }
    }
}

/// How the run ended.
pub struct Outcome {
    /// HiGHS's status for the full model's last search: `Optimal` only when
    /// HiGHS proved the roster optimal over every candidate.
    pub status: HighsModelStatus,
    /// The best roster found, of the restricted problem or the full one
    /// (a roster of the restricted problem is one of the full model).
    pub roster: Option<Roster>,
    /// The roster's relative gap to the better of the best known bound of
    /// the full model and HiGHS's own bound for a full search. A search cut
    /// short by the time limit may not have a bound of its own yet, while
    /// the LP's is already close.
    pub gap: Option<f64>,
    /// The gap is within the requested one: the roster is optimal as asked,
    /// whatever HiGHS's status for its last search.
    pub within_gap: bool,
    /// A search stopped on the time limit (any of them: restricted,
    /// pricing, neighbourhood or full): what it found depends on the
    /// machine's speed, so a rerun may give another roster.
    pub timed_out: bool,
}

impl Outcome {
    /// The best roster `roster`, judged against `lower_bound` (a bound of
    /// the full model; minus infinity when none is known yet) and, when the
    /// last search was of the full model, HiGHS's own `full_search` status
    /// and gap.
    fn judged(
        status: HighsModelStatus,
        roster: Option<Roster>,
        lower_bound: f64,
        mip_gap: f64,
        full_search: Option<f64>,
    ) -> Outcome {
        let Some(found) = &roster else {
            return Outcome {
                status,
                roster,
                gap: None,
                within_gap: false,
                timed_out: false,
            };
        };
        let upper_bound = found.objective;
        let proven = full_search.is_some() && status == HighsModelStatus::Optimal;
        let gap = (upper_bound - lower_bound).max(0.0);
        let within_gap = gap <= MIP_ABS_GAP || gap <= mip_gap * upper_bound.abs() || proven;
        let relative = if gap == 0.0 {
            0.0
        } else if upper_bound.abs() > 0.0 {
            gap / upper_bound.abs()
        } else {
            f64::INFINITY
        };
        let gap = match full_search {
            Some(own) if own.is_finite() => relative.min(own.max(0.0)),
            _ => relative,
        };
        Outcome {
            // A roster proven within the gap by a bound of the full model
            // is reported optimal by `within_gap`; a search of anything
            // less than the full model proves nothing by its status.
            status: if full_search.is_some() || status != HighsModelStatus::Optimal {
                status
            } else {
                HighsModelStatus::ReachedTimeLimit
            },
            gap: Some(gap),
            within_gap,
            roster,
            timed_out: false,
        }
    }
}

fn set_upper(model: &mut Model, column: usize, upper: f64) {
    // SAFETY: the pointer is a live Highs object and `column` one of its
    // binary columns (a candidate's).
    unsafe {
        highs_sys::Highs_changeColBounds(model.as_mut_ptr(), column as _, 0.0, upper);
    }
}

/// Forgets the last solve's solution and basis (not the model). HiGHS
/// otherwise takes the last LP solution as a start for the next MIP solve on
/// the same object, and in that path misreports the objective (it drops the
/// presolve offset).
fn clear_solver(model: &mut Model) {
    // SAFETY: the pointer is a live Highs object.
    unsafe {
        highs_sys::Highs_clearSolver(model.as_mut_ptr());
    }
}

/// Releases the held candidates `enter` picks (upper bound back to 1).
fn release(model: &mut Model, held: &mut [bool], enter: impl Fn(usize) -> bool) {
    for (c, held) in held.iter_mut().enumerate() {
        if *held && enter(c) {
            *held = false;
            set_upper(model, c, 1.0);
        }
    }
}

/// Seconds left until `deadline` (0 once it has passed).
pub(crate) fn remaining(deadline: Instant) -> f64 {
    deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64()
}

/// Gives the next solve what is left until the run's `deadline`. HiGHS
/// checks its `time_limit` against its run clock, which keeps running over
/// every solve of one object, so the clock starts again from 0 (otherwise
/// each solve after the first stops early by the time the earlier ones
/// took).
fn limit_time(model: &mut Model, deadline: Instant) {
    // SAFETY: the pointer is a live Highs object.
    unsafe {
        highs_sys::Highs_zeroAllClocks(model.as_mut_ptr());
    }
    model.set_option("time_limit", remaining(deadline));
}

fn timed_out(solved: &SolvedModel) -> bool {
    solved.status() == HighsModelStatus::ReachedTimeLimit
}

fn has_solution(solved: &SolvedModel) -> bool {
    solved.primal_solution_status() == HighsSolutionStatus::Feasible
}

/// What an optimal LP of the candidates not held says.
struct Relaxation {
    /// The LP's value over the candidates not held.
    value: f64,
    /// A bound of the full model's LP (and so of every roster): the LP's
    /// value plus every held candidate's negative reduced cost. With the
    /// LP's row duals `y`, `b·y + Σ_j min(0, d_j)` over all columns is the
    /// Lagrangian bound of the box-constrained LP (each column at 0 or 1),
    /// and the LP's value is that sum over the columns not held.
    bound: f64,
    values: Vec<f64>,
    reduced: Vec<f64>,
}

impl Relaxation {
    fn of(solved: &SolvedModel, held: &[bool]) -> Relaxation {
        let value = solved.objective_value();
        let reduced = solved.get_solution().dual_columns().to_vec();
        let priced: f64 = (0..held.len())
            .filter(|&c| held[c])
            .map(|c| reduced[c].min(0.0))
            .sum();
        Relaxation {
            value,
            bound: value + priced,
            values: solved.get_solution().columns().to_vec(),
            reduced,
        }
    }
}

/// The MIP in the neighbourhood of `lp`: the candidates it uses and those
/// of their swap classes, every other candidate fixed at 0 (the held ones
/// stay at 0). Returns its roster, if any, and the model with the other
/// candidates' bounds restored (held ones still at 0).
fn neighbourhood(
    mut model: Model,
    lp: &Relaxation,
    held: &[bool],
    binaries: &[usize],
    classes: &[usize],
    search: &impl Fn(Model, Option<Vec<f64>>) -> Result<SolvedModel, String>,
) -> Result<(Option<Roster>, Model), String> {
    let used: HashSet<usize> = binaries
        .iter()
        .zip(classes)
        .filter(|&(&c, _)| lp.values[c] > ZERO)
        .map(|(_, &class)| class)
        .collect();
    let unused: Vec<usize> = binaries
        .iter()
        .zip(classes)
        .filter(|&(&c, class)| !held[c] && !used.contains(class))
        .map(|(&c, _)| c)
        .collect();
    for &c in &unused {
        set_upper(&mut model, c, 0.0);
    }
    let solved = search(model, None)?;
    let roster = Roster::of(&solved);
    let mut model = Model::from(solved);
    for &c in &unused {
        set_upper(&mut model, c, 1.0);
    }
    Ok((roster, model))
}

/// What the restricted problem leaves to do.
enum Next {
    /// Price the held candidates in, from this LP.
    Price(SolvedModel),
    /// Nothing to price: the full LP (the model as it is) is solved and its
    /// neighbourhood searched; only the full MIP is left.
    Improve(Relaxation, Model),
}

/// Solves `model`, whose candidate columns are `binaries` with swap classes
/// `classes`, as described in the module documentation, by `deadline`.
/// The outcome is `timed_out` when any of its searches stopped on the time
/// limit (or none was left for the last one).
pub fn solve(
    model: Model,
    binaries: &[usize],
    classes: &[usize],
    first_lp: &[bool],
    deadline: Instant,
    mip_gap: f64,
    phase: &dyn Fn(Phase),
) -> Result<Outcome, String> {
    let stopped = Cell::new(false);
    let mut outcome = solve_within(
        model, binaries, classes, first_lp, deadline, mip_gap, &stopped, phase,
    )?;
    outcome.timed_out |= stopped.get();
    Ok(outcome)
}

/// [`solve`], noting in `stopped` every search that stops on the time limit.
/// (`solve`'s arguments and the note: bundling them would only rename them.)
#[allow(clippy::too_many_arguments)]
fn solve_within(
    mut model: Model,
    binaries: &[usize],
    classes: &[usize],
    first_lp: &[bool],
    deadline: Instant,
    mip_gap: f64,
    stopped: &Cell<bool>,
    phase: &dyn Fn(Phase),
) -> Result<Outcome, String> {
    let fail = |e| format!("HiGHS failed: {e:?}");
    let note = |solved: SolvedModel| {
        if timed_out(&solved) {
            stopped.set(true);
        }
        solved
    };
    let search = |mut model: Model, start: Option<Vec<f64>>| -> Result<SolvedModel, String> {
        model.set_option("solve_relaxation", false);
        clear_solver(&mut model);
        if let Some(start) = start {
            model.set_solution(Some(&start), None, None, None);
        }
        limit_time(&mut model, deadline);
        model.try_solve().map(note).map_err(fail)
    };
    let relax = |mut model: Model| -> Result<SolvedModel, String> {
        phase(Phase::Lp);
        model.set_option("solve_relaxation", true);
        // From scratch, so that presolve drops the columns still held: a
        // warm start skips presolve and prices every held column in each
        // simplex iteration (minutes on a 5,000-teacher county).
        clear_solver(&mut model);
        limit_time(&mut model, deadline);
        model.try_solve().map(note).map_err(fail)
    };

    // 1. The restricted problem: refill candidates held at 0.
    let mut held: Vec<bool> = vec![false; model.num_cols()];
    for (&c, &first) in binaries.iter().zip(first_lp) {
        if !first {
            held[c] = true;
            set_upper(&mut model, c, 0.0);
        }
    }
    let mut best: Option<Roster> = None;
    let mut bound = f64::NEG_INFINITY;
    let first = relax(model)?;
    let next = match first.status() {
        HighsModelStatus::Optimal => {
            // Its neighbourhood's roster is a roster of the full model
            // (leaving columns out only fixes them at 0): the answer when
            // the full model's search runs out of time.
            let lp = Relaxation::of(&first, &held);
            bound = lp.bound;
            phase(Phase::Neighbourhood);
            let (roster, mut model) =
                neighbourhood(Model::from(first), &lp, &held, binaries, classes, &search)?;
            let verdict = Outcome::judged(
                HighsModelStatus::ReachedTimeLimit,
                roster,
                bound,
                mip_gap,
                None,
            );
            if verdict.within_gap {
                return Ok(verdict);
            }
            best = verdict.roster;
            if (0..held.len()).any(|c| held[c] && lp.reduced[c] < -PRICE) {
                release(&mut model, &mut held, |c| lp.reduced[c] < -PRICE);
                Next::Price(relax(model)?)
            } else {
                // No held candidate prices in: this LP is the full
                // model's, and its neighbourhood the full LP's.
                Next::Improve(lp, model)
            }
        }
        // The held candidates may be what makes it feasible (a hard
        // target, strict seniority): solve the LP with all of them.
        HighsModelStatus::Infeasible if held.contains(&true) => {
            let mut model = Model::from(first);
            release(&mut model, &mut held, |_| true);
            Next::Price(relax(model)?)
        }
        // No fractional roster, so no roster at all.
        HighsModelStatus::Infeasible => {
            return Ok(Outcome::judged(first.status(), None, bound, mip_gap, None))
        }
        _ => {
            let mut model = Model::from(first);
            release(&mut model, &mut held, |_| true);
            phase(Phase::FullMip);
            let full = search(model, None)?;
            let own = full.mip_gap();
            return Ok(Outcome::judged(
                full.status(),
                Roster::of(&full),
                bound,
                mip_gap,
                Some(own),
            ));
        }
    };

    let (lp, mut model) = match next {
        Next::Improve(lp, model) => (lp, model),
        Next::Price(mut relaxed) => {
            // 2. The full LP, by pricing: held candidates enter when their
            // reduced cost is negative, until none is. The LP is then
            // optimal over every candidate (a held column with a
            // non-negative reduced cost is dual feasible at 0), so its
            // value bounds every roster.
            let lp = loop {
                if relaxed.status() != HighsModelStatus::Optimal {
                    // Out of time (an LP of more columns than a feasible
                    // one is feasible): the restricted roster, if any, is
                    // the answer.
                    let status = match relaxed.status() {
                        HighsModelStatus::Infeasible => HighsModelStatus::Infeasible,
                        _ => HighsModelStatus::ReachedTimeLimit,
                    };
                    return Ok(Outcome::judged(status, best, bound, mip_gap, None));
                }
                let lp = Relaxation::of(&relaxed, &held);
                bound = bound.max(lp.bound);
                if !(0..held.len()).any(|c| held[c] && lp.reduced[c] < -PRICE) {
                    break lp;
                }
                let mut model = Model::from(relaxed);
                release(&mut model, &mut held, |c| lp.reduced[c] < -PRICE);
                relaxed = relax(model)?;
            };
            // 3. Neighbourhood of the full LP.
            phase(Phase::Neighbourhood);
            let (roster, model) =
                neighbourhood(Model::from(relaxed), &lp, &held, binaries, classes, &search)?;
            let verdict = Outcome::judged(
                HighsModelStatus::ReachedTimeLimit,
                Roster::better(best, roster),
                bound.max(lp.value),
                mip_gap,
                None,
            );
            if verdict.within_gap {
                return Ok(verdict);
            }
            best = verdict.roster;
            (lp, model)
        }
    };
    let lower_bound = lp.value;
    bound = bound.max(lower_bound);
    if remaining(deadline) == 0.0 {
        // No time left for the full search: it stops on the limit too.
        stopped.set(true);
        return Ok(Outcome::judged(
            HighsModelStatus::ReachedTimeLimit,
            best,
            bound,
            mip_gap,
            None,
        ));
    }

    // 4. The full MIP from the best roster, over every candidate (held or
    // not) but those reduced-cost fixing leaves out: a roster with
    // candidate c costs at least the LP bound plus c's reduced cost, so c
    // cannot be in a roster better than the best when that sum exceeds it
    // (a candidate the LP uses has a reduced cost of at most 0).
    let room = best
        .as_ref()
        .map_or(f64::INFINITY, |b| b.objective - lower_bound + MIP_ABS_GAP);
    for &c in binaries {
        set_upper(&mut model, c, if lp.reduced[c] > room { 0.0 } else { 1.0 });
    }
    if best.is_some() {
        // With a roster in hand only the bound is left to prove, and on a
        // county HiGHS's MIP presolve (probing, mostly) and its symmetry
        // detection cost more than they save there: on a 5,000-teacher
        // county the fallback took 80 s with both, 41 s without presolve
        // and 31 s without either.
        model.set_option("presolve", "off");
        model.set_option("mip_detect_symmetry", false);
    }
    let start = best.as_ref().map(|b| b.columns.clone());
    phase(Phase::FullMip);
    let full = search(model, start)?;
    let own = full.mip_gap();
    // The full search ends with the start or better when it has any
    // roster; without one (out of time before it took the start), the best
    // so far stands.
    let roster = Roster::better(best, Roster::of(&full));
    let status = match (full.status(), has_solution(&full)) {
        (HighsModelStatus::Optimal, false) => HighsModelStatus::ReachedTimeLimit,
        (status, _) => status,
    };
    Ok(Outcome::judged(status, roster, bound, mip_gap, Some(own)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use highs::{RowProblem, Sense};

    /// The knapsack "max 8a + 11b + 6c + 4d, 5a + 7b + 4c + 3d <= 14".
    /// Its LP takes a, b and half of c (value 22); the best roster is b, c,
    /// d (21). Without d, as the neighbourhood of the LP has it when every
    /// item is its own swap class, the best is a, b (19).
    fn knapsack() -> Model {
        let mut problem = RowProblem::default();
        let items: Vec<_> = [8.0, 11.0, 6.0, 4.0]
            .into_iter()
            .map(|value| problem.add_integer_column(-value, 0..=1))
            .collect();
        let weights = [5.0, 7.0, 4.0, 3.0];
        problem.add_row(..=14.0, items.iter().copied().zip(weights));
        let mut model = problem.optimise(Sense::Minimise);
        model.make_quiet();
        model
    }

    fn run(classes: [usize; 4], mip_gap: f64) -> (f64, Option<f64>) {
        run_holding(classes, [true; 4], mip_gap)
    }

    /// [`run`] with the items `first_lp` leaves out held back for pricing.
    fn run_holding(classes: [usize; 4], first_lp: [bool; 4], mip_gap: f64) -> (f64, Option<f64>) {
        let outcome = solve(
            knapsack(),
            &[0, 1, 2, 3],
            &classes,
            &first_lp,
            Instant::now() + std::time::Duration::from_secs(60),
            mip_gap,
            &|_| {},
        )
        .expect("HiGHS runs");
        assert!(outcome.within_gap);
        let roster = outcome.roster.expect("a roster");
        (
            roster.objective,
            outcome.within_gap.then_some(outcome.gap).flatten(),
        )
    }

    #[test]
    fn falls_back_to_the_full_mip_when_the_neighbourhood_is_not_good_enough() {
        // The neighbourhood's 19 is 3/19 above the LP's 22: the full MIP
        // finds and proves 21, with HiGHS's own bound (gap 0).
        let (value, proven) = run([0, 1, 2, 3], 0.0);
        assert!((value + 21.0).abs() < 1e-9, "{value}");
        assert_eq!(proven, Some(0.0));
    }

    #[test]
    fn accepts_the_neighbourhood_within_the_requested_gap_of_the_lp() {
        let (value, proven) = run([0, 1, 2, 3], 0.2);
        assert!((value + 19.0).abs() < 1e-9, "{value}");
        let proven = proven.expect("accepted against the LP bound");
        assert!((proven - 3.0 / 19.0).abs() < 1e-9, "{proven}");
    }

    #[test]
    fn held_items_enter_the_lp_by_their_reduced_cost() {
        // b and d start outside the LP; b prices in (the LP's 22 needs it),
        // and the fallback may use d (reduced cost within the gap to the
        // neighbourhood's roster): the optimum 21, proven.
        let (value, proven) = run_holding([0, 1, 2, 3], [true, false, true, false], 0.0);
        assert!((value + 21.0).abs() < 1e-9, "{value}");
        assert_eq!(proven, Some(0.0));
    }

    #[test]
    fn a_swap_class_brings_unused_candidates_into_the_neighbourhood() {
        // d shares c's class, so the neighbourhood holds the optimum 21,
        // within 1/21 of the LP's 22.
        let (value, proven) = run([0, 1, 2, 2], 0.05);
        assert!((value + 21.0).abs() < 1e-9, "{value}");
        assert!(proven.is_some_and(|gap| (gap - 1.0 / 21.0).abs() < 1e-9));
    }

    #[test]
    fn a_deadline_already_passed_is_a_run_cut_short_by_the_time_limit() {
        // No time left for any search: whatever comes back is flagged as
        // timed out (summary.json: a rerun may differ).
        let outcome = solve(
            knapsack(),
            &[0, 1, 2, 3],
            &[0, 1, 2, 3],
            &[true, false, true, false],
            Instant::now(),
            0.0,
            &|_| {},
        )
        .expect("HiGHS runs");
        assert!(outcome.timed_out);
    }

    fn roster(objective: f64) -> Option<Roster> {
        Some(Roster {
            columns: vec![],
            objective,
        })
    }

    #[test]
    fn a_roster_of_less_than_the_full_model_is_optimal_only_within_the_gap() {
        // The restricted problem's own search proved its roster (10)
        // optimal, but against the full model's bound 9 that is a gap of
        // 1/10: feasible with that gap, not optimal.
        let restricted = Outcome::judged(HighsModelStatus::Optimal, roster(10.0), 9.0, 1e-4, None);
        assert!(!restricted.within_gap);
        assert_eq!(restricted.status, HighsModelStatus::ReachedTimeLimit);
        assert!(restricted.gap.is_some_and(|gap| (gap - 0.1).abs() < 1e-12));
        // The same roster from a full search HiGHS proved optimal is.
        let full = Outcome::judged(
            HighsModelStatus::Optimal,
            roster(10.0),
            9.0,
            1e-4,
            Some(0.0),
        );
        assert!(full.within_gap);
        assert_eq!(full.gap, Some(0.0));
    }

    #[test]
    fn the_best_roster_survives_a_full_search_without_one() {
        // A full search cut short before it took its start has no roster:
        // the restricted one stands, with its gap to the bound.
        let kept = Roster::better(roster(10.0), None);
        let outcome = Outcome::judged(
            HighsModelStatus::ReachedTimeLimit,
            kept,
            8.0,
            1e-4,
            Some(f64::INFINITY),
        );
        assert!(!outcome.within_gap);
        assert!(outcome.roster.is_some_and(|r| r.objective == 10.0));
        assert!(outcome.gap.is_some_and(|gap| (gap - 0.2).abs() < 1e-12));
    }
}
