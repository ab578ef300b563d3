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
//! 1. **Relaxation**: solve the LP; its value `z` bounds every roster from
//!    below. Refill candidates (`model::Model::first_lp`), two thirds of a
//!    county's columns, are held at 0 at first and enter when their reduced
//!    cost is negative (column generation), until none does: the LP is then
//!    the full model's.
//! 2. **Neighbourhood**: solve the MIP with the candidates the LP uses and
//!    those of their swap classes (the same home school, host and subject,
//!    any teacher: so seniority, volunteers and the other per-teacher tiers
//!    can pick who goes), every other candidate fixed at 0. A few thousand
//!    free binaries, solved in about a second. Its value `U` is a roster's.
//! 3. If `U - z` is within the requested gap (`[solver] mip_gap`, HiGHS's
//!    absolute tolerance), `U`'s roster is proven as good as asked, and is
//!    the answer. Otherwise the full MIP is solved with `U`'s roster as its
//!    start, so HiGHS only has to close the bound, without the candidates
//!    whose reduced cost exceeds `U - z` (no roster with one beats `U`).
//!
//! Every path ends in a roster at least as good as the plain MIP would give
//! within the same gap: the bound is the full model's LP bound, and the
//! fallback is the plain MIP.

use std::collections::HashSet;
use std::time::Instant;

use highs::{HighsModelStatus, HighsSolutionStatus, Model, SolvedModel};

/// HiGHS's own absolute gap tolerance (`mip_abs_gap` default).
const MIP_ABS_GAP: f64 = 1e-6;

/// A held candidate enters the LP when its reduced cost is below minus this
/// (HiGHS's dual feasibility tolerance is 1e-7).
const PRICE: f64 = 1e-7;

/// An LP value at or below this counts as 0 (HiGHS's primal feasibility
/// tolerance is 1e-7).
const ZERO: f64 = 1e-9;

/// How the run ended.
pub struct Outcome {
    pub solved: SolvedModel,
    /// The roster's relative gap to the better of the LP bound and HiGHS's
    /// own bound, when there is a roster and an LP bound. A full MIP cut
    /// short by the time limit may not have a bound of its own yet, while
    /// the LP's is already close.
    pub gap: Option<f64>,
    /// The gap is within the requested one: the roster is optimal as asked,
    /// whatever HiGHS's status for its last search.
    pub within_gap: bool,
    /// A search stopped on the time limit: what it found depends on the
    /// machine's speed, so a rerun may give another roster.
    pub timed_out: bool,
}

impl Outcome {
    fn unbounded(solved: SolvedModel) -> Outcome {
        Outcome {
            timed_out: timed_out(&solved),
            solved,
            gap: None,
            within_gap: false,
        }
    }

    /// The outcome of a search, judged against the LP bound `lower_bound`
    /// and, for a search of the `full` model (not of a neighbourhood, whose
    /// bound holds for the neighbourhood only), HiGHS's own bound.
    fn judged(solved: SolvedModel, lower_bound: f64, mip_gap: f64, full: bool) -> Outcome {
        if !has_solution(&solved) {
            return Outcome::unbounded(solved);
        }
        let upper_bound = solved.objective_value();
        let gap = (upper_bound - lower_bound).max(0.0);
        let within_gap = gap <= MIP_ABS_GAP
            || gap <= mip_gap * upper_bound.abs()
            || (full && solved.status() == HighsModelStatus::Optimal);
        let relative = if upper_bound.abs() > 0.0 {
            gap / upper_bound.abs()
        } else {
            0.0
        };
        let own = solved.mip_gap();
        let gap = if full && own.is_finite() {
            relative.min(own.max(0.0))
        } else {
            relative
        };
        Outcome {
            gap: Some(gap),
            within_gap,
            timed_out: timed_out(&solved),
            solved,
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

fn timed_out(solved: &SolvedModel) -> bool {
    solved.status() == HighsModelStatus::ReachedTimeLimit
}

fn has_solution(solved: &SolvedModel) -> bool {
    solved.primal_solution_status() == HighsSolutionStatus::Feasible
}

/// Solves `model`, whose candidate columns are `binaries` with swap classes
/// `classes`, as described in the module documentation, by `deadline`.
pub fn solve(
    mut model: Model,
    binaries: &[usize],
    classes: &[usize],
    first_lp: &[bool],
    deadline: Instant,
    mip_gap: f64,
) -> Result<Outcome, String> {
    let fail = |e| format!("HiGHS failed: {e:?}");
    let plain = |mut model: Model, start: Option<Vec<f64>>| -> Result<SolvedModel, String> {
        model.set_option("solve_relaxation", false);
        clear_solver(&mut model);
        if let Some(start) = start {
            model.set_solution(Some(&start), None, None, None);
        }
        model.set_option("time_limit", remaining(deadline));
        model.try_solve().map_err(fail)
    };

    // 1. Relaxation, by pricing: the candidates not in the first LP are
    // held at 0 and enter when their reduced cost is negative, until none
    // is. The LP is then optimal over every candidate (a held column with a
    // non-negative reduced cost is dual feasible at 0), so its value bounds
    // every roster.
    let mut held: Vec<bool> = vec![false; model.num_cols()];
    for (&c, &first) in binaries.iter().zip(first_lp) {
        if !first {
            held[c] = true;
            set_upper(&mut model, c, 0.0);
        }
    }
    model.set_option("solve_relaxation", true);
    let relaxed = loop {
        model.set_option("time_limit", remaining(deadline));
        let relaxed = model.try_solve().map_err(fail)?;
        match relaxed.status() {
            HighsModelStatus::Optimal => {}
            // The held candidates may be what makes it feasible (a hard
            // target, strict seniority): solve the LP with all of them.
            HighsModelStatus::Infeasible if held.contains(&true) => {
                model = Model::from(relaxed);
                release(&mut model, &mut held, |_| true);
                continue;
            }
            // No fractional roster, so no roster at all.
            HighsModelStatus::Infeasible => return Ok(Outcome::unbounded(relaxed)),
            _ => {
                model = Model::from(relaxed);
                release(&mut model, &mut held, |_| true);
                return Ok(Outcome::unbounded(plain(model, None)?));
            }
        }
        let reduced = relaxed.get_solution().dual_columns().to_vec();
        let prices_in = |c: usize| reduced[c] < -PRICE;
        if !(0..held.len()).any(|c| held[c] && prices_in(c)) {
            break relaxed;
        }
        model = Model::from(relaxed);
        release(&mut model, &mut held, prices_in);
        // From scratch, so that presolve drops the columns still held: a
        // warm start skips presolve and prices every held column in each
        // simplex iteration (minutes on a 5,000-teacher county).
        clear_solver(&mut model);
    };
    let lower_bound = relaxed.objective_value();
    let values = relaxed.get_solution().columns().to_vec();
    let reduced = relaxed.get_solution().dual_columns().to_vec();
    let mut model = Model::from(relaxed);

    // 2. Neighbourhood.
    let used: HashSet<usize> = binaries
        .iter()
        .zip(classes)
        .filter(|&(&c, _)| values[c] > ZERO)
        .map(|(_, &class)| class)
        .collect();
    let unused: Vec<usize> = binaries
        .iter()
        .zip(classes)
        .filter(|&(_, class)| !used.contains(class))
        .map(|(&c, _)| c)
        .collect();
    for &c in &unused {
        set_upper(&mut model, c, 0.0);
    }
    let neighbourhood = Outcome::judged(plain(model, None)?, lower_bound, mip_gap, false);

    // 3. Accept, or fall back to the full MIP from the neighbourhood's roster.
    if neighbourhood.within_gap {
        return Ok(neighbourhood);
    }
    let neighbourhood_timed_out = neighbourhood.timed_out;
    let solved = neighbourhood.solved;
    let start = has_solution(&solved).then(|| solved.get_solution().columns().to_vec());
    // Reduced-cost fixing: a roster with candidate c costs at least the LP
    // bound plus c's reduced cost, so c cannot be in a roster better than
    // the neighbourhood's when that sum exceeds it.
    let room = if has_solution(&solved) {
        solved.objective_value() - lower_bound + MIP_ABS_GAP
    } else {
        f64::INFINITY
    };
    let mut model = Model::from(solved);
    for &c in &unused {
        if reduced[c] <= room {
            set_upper(&mut model, c, 1.0);
        }
    }
    if start.is_some() {
        // With a roster in hand only the bound is left to prove, and on a
        // county HiGHS's MIP presolve (probing, mostly) and its symmetry
        // detection cost more than they save there: on a 5,000-teacher
        // county the fallback took 80 s with both, 41 s without presolve
        // and 31 s without either.
        model.set_option("presolve", "off");
        model.set_option("mip_detect_symmetry", false);
    }
    let full = plain(model, start)?;
    let mut outcome = Outcome::judged(full, lower_bound, mip_gap, true);
    outcome.timed_out |= neighbourhood_timed_out;
    Ok(outcome)
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
        )
        .expect("HiGHS runs");
        assert_eq!(outcome.solved.status(), HighsModelStatus::Optimal);
        (
            outcome.solved.objective_value(),
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
}
