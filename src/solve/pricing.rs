//! Solving a large unit on a restricted set of candidate columns, exactly.
//!
//! Most candidate exchanges of a county can never matter (a teacher goes to
//! at most one of dozens of short hosts), but every column costs HiGHS time
//! in presolve, in the LP and in every cut round. So:
//!
//! 1. **Price**: start from each teacher's nearest hosts, solve the LP
//!    relaxation with every other candidate column fixed at 0, and release
//!    the fixed columns whose reduced cost is negative; repeat until none
//!    is. The LP is then optimal for the full model: its value `z` is the
//!    full LP bound and its duals price every column.
//! 2. **Restricted MIP**: solve the MIP on the released columns; its value
//!    `U` is an upper bound for the full model.
//! 3. **Reduced-cost fixing**: a column with reduced cost `d > U - z` can be
//!    in no solution better than `U` (any solution using it costs at least
//!    `z + d`), so it stays fixed; the rest are released and the MIP is
//!    solved again from `U`'s solution. The result is optimal for the full
//!    model, not just the restricted one.

use std::time::Instant;

use highs::{HighsModelStatus, HighsSolutionStatus, Model, SolvedModel};

/// Which candidate columns the solve starts from.
#[derive(Clone, Debug, PartialEq)]
pub struct Restriction {
    /// Solver column of each candidate.
    pub columns: Vec<usize>,
    /// Teacher of each candidate: each pricing round releases only a
    /// teacher's best few columns, so the LP stays small.
    pub owners: Vec<usize>,
    /// Whether the candidate starts released.
    pub active: Vec<bool>,
}

const TOLERANCE: f64 = 1e-7;

/// Pricing stops when a round improves the LP by less than this fraction:
/// the rest of the way is a long degenerate tail, and the bound below stays
/// valid without it.
const STALL: f64 = 1e-9;

/// HiGHS's own absolute gap tolerance (`mip_abs_gap` default).
const MIP_ABS_GAP: f64 = 1e-6;

/// Columns a pricing round releases per teacher at most (partial pricing:
/// releasing every improving column at once fills the LP with columns whose
/// prices were stale a round later).
const RELEASE_PER_TEACHER: usize = 2;

fn set_bounds(model: &mut Model, column: usize, upper: f64) {
    // SAFETY: the pointer is a live Highs object and `column` one of its
    // columns (the columns of the candidates it was built from).
    unsafe {
        highs_sys::Highs_changeColBounds(model.as_mut_ptr(), column as _, 0.0, upper);
    }
}

/// Forgets the last solve's solution and basis (not the model). HiGHS
/// otherwise takes the last LP solution as a start for the next MIP solve on
/// the same object, and in that path misreports the objective (it drops the
/// presolve offset) and stops at the repaired start.
fn clear_solver(model: &mut Model) {
    // SAFETY: the pointer is a live Highs object.
    unsafe {
        highs_sys::Highs_clearSolver(model.as_mut_ptr());
    }
}

fn remaining(time_limit_s: f64, started: Instant) -> f64 {
    (time_limit_s - started.elapsed().as_secs_f64()).max(0.0)
}

fn has_solution(solved: &SolvedModel) -> bool {
    solved.primal_solution_status() == HighsSolutionStatus::Feasible
}

/// Solves `model` as described in the module documentation. Any surprise
/// (an LP that is not optimal, no restricted solution) falls back to the
/// plain MIP on all columns, so the answer is never worse than without
/// pricing.
pub fn solve(
    mut model: Model,
    restriction: &Restriction,
    time_limit_s: f64,
    mip_gap: f64,
    started: Instant,
) -> Result<SolvedModel, String> {
    let fail = |e| format!("HiGHS failed: {e:?}");
    let mut active = restriction.active.clone();

    for (i, &column) in restriction.columns.iter().enumerate() {
        if !active[i] {
            set_bounds(&mut model, column, 0.0);
        }
    }
    let release_all = |model: &mut Model| {
        for &column in &restriction.columns {
            set_bounds(model, column, 1.0);
        }
    };

    // 1. Price.
    model.set_option("solve_relaxation", true);
    let mut previous_value = f64::INFINITY;
    let (lp_bound, reduced) = loop {
        model.set_option("time_limit", remaining(time_limit_s, started));
        let solved = model.try_solve().map_err(fail)?;
        if solved.status() != HighsModelStatus::Optimal {
            model = Model::from(solved);
            model.set_option("solve_relaxation", false);
            clear_solver(&mut model);
            release_all(&mut model);
            model.set_option("time_limit", remaining(time_limit_s, started));
            return model.try_solve().map_err(fail);
        }
        let solution = solved.get_solution();
        let dual = solution.dual_columns();
        let reduced: Vec<f64> = restriction.columns.iter().map(|&c| dual[c]).collect();
        let value = solved.objective_value();
        // A bound for the full model even before pricing has converged:
        // still-fixed columns could lower the LP by at most their negative
        // reduced costs (each is at most 1).
        let lp_bound = value
            + (0..active.len())
                .filter(|&i| !active[i] && reduced[i] < 0.0)
                .map(|i| reduced[i])
                .sum::<f64>();
        let stalled = previous_value - value <= STALL * value.abs().max(1.0);
        previous_value = value;
        model = Model::from(solved);
        if stalled {
            break (lp_bound, reduced);
        }
        let mut improving: Vec<usize> = (0..active.len())
            .filter(|&i| !active[i] && reduced[i] < -TOLERANCE)
            .collect();
        improving.sort_by(|&a, &b| {
            (restriction.owners[a], reduced[a])
                .partial_cmp(&(restriction.owners[b], reduced[b]))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let mut released = 0;
        let mut per_owner = (usize::MAX, 0);
        for i in improving {
            per_owner = if per_owner.0 == restriction.owners[i] {
                (per_owner.0, per_owner.1 + 1)
            } else {
                (restriction.owners[i], 1)
            };
            if per_owner.1 <= RELEASE_PER_TEACHER {
                active[i] = true;
                set_bounds(&mut model, restriction.columns[i], 1.0);
                released += 1;
            }
        }
        // A fresh start lets presolve drop the fixed columns again; a warm
        // basis would make HiGHS skip presolve and carry them all.
        clear_solver(&mut model);
        if released == 0 {
            break (lp_bound, reduced);
        }
    };

    // 2. Restricted MIP.
    model.set_option("solve_relaxation", false);
    clear_solver(&mut model);
    model.set_option("time_limit", remaining(time_limit_s, started));
    let solved = model.try_solve().map_err(fail)?;
    if !has_solution(&solved) {
        let mut model = Model::from(solved);
        clear_solver(&mut model);
        release_all(&mut model);
        model.set_option("time_limit", remaining(time_limit_s, started));
        return model.try_solve().map_err(fail);
    }

    // 3. Reduced-cost fixing.
    let incumbent = solved.objective_value();
    let gap = incumbent - lp_bound;
    if gap <= MIP_ABS_GAP || gap <= mip_gap * incumbent.abs() {
        return Ok(solved); // within the requested gap of the full model
    }
    let allowance = gap + TOLERANCE * incumbent.abs().max(1.0);
    let releasable: Vec<usize> = (0..active.len())
        .filter(|&i| !active[i] && reduced[i] <= allowance)
        .collect();
    if releasable.is_empty() {
        return Ok(solved);
    }
    let start: Vec<f64> = solved.get_solution().columns().to_vec();
    let mut model = Model::from(solved);
    clear_solver(&mut model);
    for i in releasable {
        set_bounds(&mut model, restriction.columns[i], 1.0);
    }
    model.set_solution(Some(&start), None, None, None);
    model.set_option("time_limit", remaining(time_limit_s, started));
    model.try_solve().map_err(fail)
}
