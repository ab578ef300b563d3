//! The LP relaxation by column and row generation: HiGHS holds the rows
//! not left out and the columns not held; a held column lives in
//! [`Columns`] as a sparse vector, is priced there from the LP's row duals,
//! and enters HiGHS (`Highs_addCols`) only when its reduced cost is
//! negative; a row left out (a couple's row, [`LAZY`]) enters
//! (`Highs_addRows`) only when the LP's solution breaks it. HiGHS keeps its
//! basis across the additions (new columns nonbasic at 0, new rows with
//! their slack basic) and re-solves warm, without presolve.
//!
//! **Why the last LP is the full model's.** Let the LP over the rows and
//! columns in HiGHS be optimal with solution `x` and row duals `y`; give
//! every row left out the dual 0. A held column is at 0 (its lower bound);
//! with its reduced cost `d_j = c_j - Σ_i a_ij y_i >= 0` it is dual feasible
//! there and complementary slackness holds; a row left out has dual 0, so
//! it is complementary whatever its activity. When no held column has
//! `d_j < -PRICE` and `x` (every held column at 0) breaks no row left out,
//! `x` and `y` are primal and dual feasible for the full LP and
//! complementary: optimal, so its value `z` is the full model's LP bound.
//! Without that, [`Relaxation::bound`] is a bound at any round (Lagrangian,
//! see there; a row left out, with dual 0, adds nothing to it).

use std::cell::Cell;
use std::time::Instant;

use highs::{ColProblem, HighsModelStatus, Model};
use highs_sys::HighsInt;
use rayon::prelude::*;

use super::columns::{Batch, Columns, Simplex};
use super::ffi;
use crate::model::Family;

/// A held column enters the LP when its reduced cost is below minus this
/// (HiGHS's dual feasibility tolerance is 1e-7).
pub(crate) const PRICE: f64 = 1e-7;

/// A pricing round adds at most one column per this many in the LP (but
/// [`ENTER_AT_LEAST`]). On the 150 × 33 county (106,624 columns in the
/// first LP, 210,000 refill columns pricing in after it) adding every one
/// at once made a 317,000-column LP that HiGHS's warm dual simplex had not
/// solved after 106 s; 20,000 per round solved each of the first four
/// rounds in 9–14 s. (Primal simplex, natural for added columns, was
/// slower: 26 s for the first round.)
const ENTER_SHARE: usize = 5;

/// See [`ENTER_SHARE`]: small models price every column in at once.
pub(crate) const ENTER_AT_LEAST: usize = 5_000;

/// An LP of at least this many columns gives back to the held ones the
/// columns whose reduced cost is above [`RETIRE_SHARE`] of its value: each
/// round of HiGHS's dual simplex costs about in proportion to the columns
/// it holds, and on the 150 × 33 county a third of them priced above
/// that, never to be used again. A retired column is held like any other:
/// priced every round, and entering again if its reduced cost turns
/// negative, so the last LP is the full model's all the same.
const RETIRE_FROM: usize = 100_000;

/// See [`RETIRE_FROM`]: of the LP's value (at least 1). On the 150 × 33
/// county (LP value 3.8e7, tier 1's weight 3e5) reduced costs cluster
/// below 1 and above 1e5, and any threshold between 1e2 and 6e4 retired
/// the same columns. The fourth round took 8.1 s with the 38,185 columns
/// priced above 1e5 after the third retired and with the 50,271 above 1e3,
/// against 11.1 s with none (one run each, from the same basis), ending
/// 1e-5 of its value above the LP with none retired until those priced in
/// again. Whole runs at 1e-3 against 1e-2, seeds 7, 8, 9: 27, 36, 33 s
/// against 23, 43, 41 s (the previous solver: 30, 47, 35 s).
const RETIRE_SHARE: f64 = 1e-3;

/// The rows the first LP leaves out: rule 8's, one per coupled teacher,
/// host and term. On the 150 × 33 county they are 38,318 of 56,761 rows,
/// and at the LP's optimum almost all are slack (a couple mostly stays
/// home, or goes together); HiGHS's dual simplex took 135 s for the full
/// LP without them against about 190 s with them, in the same run.
const LAZY: Family = Family::Couples;

/// HiGHS's dual simplex perturbs the costs against degeneracy, and after
/// an optimum of the perturbed costs cleans up with the primal simplex. The
/// LP of a county is highly dual degenerate (many candidates of one swap
/// class cost the same), and that cleanup was most of its time: on the
/// 150 × 33 county the full LP (without the couples' rows) took 135 s to
/// the perturbed optimum and more than 250 s more to clean up, against
/// 196 s in all without perturbation, in the same run.
const COST_PERTURBATION: f64 = 0.0;

/// HiGHS's `simplex_strategy` for the LP when the run has two threads or
/// more: the parallel dual simplex "SIP" (Huangfu and Hall's single
/// iteration parallelism, `kSimplexStrategyDualTasks`), which cuts each
/// iteration's pricing and updates into slices run on the thread pool. On
/// the 150 × 33 county (2 cores) it took the serial dual simplex's very
/// iterations (the same optimum and roster): a pricing round 8.0 s against
/// 11.6 s from the same basis, the whole solve 23.6 s against 30.3 s. PAMI
/// (3) was as fast but took another path.
const PARALLEL_DUAL_SIMPLEX: HighsInt = 2;

/// A row left out is broken when the LP's solution is beyond its bound by
/// more than this (HiGHS's primal feasibility tolerance is 1e-7).
const BROKEN: f64 = 1e-6;

/// The error of a [`Master`] whose model a failed solve lost.
const LOST: &str = "the LP was lost after a failed solve";

/// Makes a HiGHS model of a problem, with the run's options set.
pub(crate) type Open<'a> = &'a dyn Fn(ColProblem) -> Result<Model, String>;

/// What an optimal LP says, over every column of the model.
pub(crate) struct Relaxation {
    /// The LP's value.
    pub(crate) value: f64,
    /// A bound of the full model's LP (and so of every roster), from the
    /// LP's row duals with rule 1's rows kept (the teacher bound, see
    /// [`Master::relaxation`]): at least [`Relaxation::box_bound`], and
    /// equal to the LP's value when nothing prices in.
    pub(crate) bound: f64,
    /// The Lagrangian bound of the box-constrained LP: the LP's value plus
    /// every held column's negative reduced cost. With the LP's row duals
    /// `y`, `b·y + Σ_j min(0, d_j)` over all columns (each held one in
    /// [0, 1]) is that bound, and the LP's value is that sum over the
    /// columns in HiGHS. Every roster with column `c` costs at least this
    /// plus `d_c` when `d_c >= 0` (reduced-cost fixing).
    pub(crate) box_bound: f64,
    /// Each column's value (0 for a held one).
    pub(crate) values: Vec<f64>,
    /// Each column's reduced cost: HiGHS's for the columns it holds,
    /// priced from the row duals for the others.
    pub(crate) reduced: Vec<f64>,
}

/// How an LP solve ended.
pub(crate) enum Lp {
    Optimal(Relaxation),
    /// Any other status (infeasible, out of time, ...).
    Not(HighsModelStatus),
}

/// The LP over the rows not left out and the columns not held.
pub(crate) struct Master<'a> {
    columns: &'a Columns,
    /// HiGHS's column `k` is the model's column `inside[k]`.
    inside: Vec<usize>,
    /// Each model column's index in HiGHS, `None` while held.
    column_position: Vec<Option<HighsInt>>,
    /// The model's columns not in HiGHS (at 0).
    held: Vec<bool>,
    /// HiGHS's row `k` is the model's row `rows_in[k]`.
    rows_in: Vec<usize>,
    /// Each model row's index in HiGHS, `None` while left out.
    row_position: Vec<Option<HighsInt>>,
    /// The rows left out, each with its entries (model column,
    /// coefficient).
    left_out: Vec<(usize, Vec<(usize, f64)>)>,
    /// Each teacher's candidates under rule 1's row, for the teacher bound.
    simplices: Vec<Simplex>,
    model: Option<Model>,
}

/// Which of the model's rows are [`LAZY`].
fn lazy_rows(columns: &Columns) -> Vec<bool> {
    columns.family.iter().map(|&f| f == LAZY).collect()
}

/// Where an LP ended: the model's columns and rows it held, each with its
/// HiGHS basis status. An LP of the same model with rows added after the
/// model's own (`explain` and `suggest` force a decision with one) starts
/// from it ([`Master::resume`]): HiGHS re-solves warm from that basis
/// (the forced rows and `explain`'s reward for kept exchanges move it),
/// instead of pricing the model again from its first LP.
#[derive(Debug)]
pub(crate) struct Basis {
    /// How many columns the model had.
    model_columns: usize,
    columns: Vec<(usize, HighsInt)>,
    rows: Vec<(usize, HighsInt)>,
}

impl Basis {
    /// Whether `columns` can start from this basis: the same columns, and
    /// at least the rows it had.
    pub(crate) fn fits(&self, columns: &Columns) -> bool {
        self.model_columns == columns.len() && self.rows.iter().all(|&(i, _)| i < columns.rows())
    }
}

impl<'a> Master<'a> {
    /// The LP of every row but the [`LAZY`] ones and the columns `held`
    /// leaves in.
    pub(crate) fn new(
        columns: &'a Columns,
        held: Vec<bool>,
        open: Open,
    ) -> Result<Master<'a>, String> {
        Master::of_rows(columns, held, lazy_rows(columns), open)
    }

    /// The LP `basis` ended with, on `columns` (the same model, perhaps
    /// with rows added after its own, [`Basis::fits`]): its columns and
    /// rows, the rows added but [`LAZY`] ones with every column they have,
    /// and the other columns held (those that may be,
    /// [`Columns::holdable`]), started from `basis` (the added rows' slacks
    /// basic, the added columns nonbasic at 0). A forced row whose columns
    /// were all held would otherwise make the LP infeasible until pricing
    /// entered every held column at once.
    pub(crate) fn resume(
        columns: &'a Columns,
        basis: &Basis,
        open: Open,
    ) -> Result<Master<'a>, String> {
        let mut lazy = lazy_rows(columns);
        let mut added = vec![true; columns.rows()];
        let mut row_status = vec![highs_sys::kHighsBasisStatusBasic; columns.rows()];
        for &(i, status) in &basis.rows {
            lazy[i] = false;
            added[i] = false;
            row_status[i] = status;
        }
        let added_row = |i: &HighsInt| added[*i as usize] && !lazy[*i as usize];
        let mut held: Vec<bool> = (0..columns.len())
            .map(|j| columns.holdable(j) && !columns.entries(j).0.iter().any(added_row))
            .collect();
        let mut column_status = vec![highs_sys::kHighsBasisStatusLower; columns.len()];
        for &(j, status) in &basis.columns {
            held[j] = false;
            column_status[j] = status;
        }
        let mut master = Master::of_rows(columns, held, lazy, open)?;
        let column_status: Vec<HighsInt> =
            master.inside.iter().map(|&j| column_status[j]).collect();
        let row_status: Vec<HighsInt> = master.rows_in.iter().map(|&i| row_status[i]).collect();
        if let Some(model) = master.model.as_mut() {
            // Only a start: where HiGHS finds it inconsistent, it solves
            // from its own.
            ffi::set_basis(model, &column_status, &row_status).ok();
        }
        Ok(master)
    }

    /// Where the LP ended (after a solve).
    pub(crate) fn basis(&mut self) -> Result<Basis, String> {
        let (column_status, row_status) = ffi::basis(self.highs()?)?;
        Ok(Basis {
            model_columns: self.columns.len(),
            columns: self.inside.iter().copied().zip(column_status).collect(),
            rows: self.rows_in.iter().copied().zip(row_status).collect(),
        })
    }

    /// The LP of the rows `lazy` does not leave out and the columns `held`
    /// leaves in.
    fn of_rows(
        columns: &'a Columns,
        held: Vec<bool>,
        lazy: Vec<bool>,
        open: Open,
    ) -> Result<Master<'a>, String> {
        let inside: Vec<usize> = (0..columns.len()).filter(|&j| !held[j]).collect();
        let mut column_position = vec![None; columns.len()];
        for (k, &j) in inside.iter().enumerate() {
            column_position[j] = Some(k as HighsInt);
        }
        let rows_in: Vec<usize> = (0..columns.rows()).filter(|&i| !lazy[i]).collect();
        let mut row_position = vec![None; columns.rows()];
        for (k, &i) in rows_in.iter().enumerate() {
            row_position[i] = Some(k as HighsInt);
        }
        let mut entries: Vec<Vec<(usize, f64)>> = vec![Vec::new(); columns.rows()];
        for j in 0..columns.len() {
            let (rows, values) = columns.entries(j);
            for (&i, &a) in rows.iter().zip(values) {
                if lazy[i as usize] {
                    entries[i as usize].push((j, a));
                }
            }
        }
        let left_out = entries
            .into_iter()
            .enumerate()
            .filter(|&(i, _)| lazy[i])
            .collect();
        let mut model = open(columns.problem_of_rows(&rows_in, &inside, false))?;
        model
            .try_set_option(
                "dual_simplex_cost_perturbation_multiplier",
                COST_PERTURBATION,
            )
            .map_err(|e| format!("HiGHS rejected the cost perturbation: {e:?}"))?;
        if ffi::int_option(&mut model, "threads")? >= 2 {
            model
                .try_set_option("simplex_strategy", PARALLEL_DUAL_SIMPLEX)
                .map_err(|e| format!("HiGHS rejected the parallel simplex: {e:?}"))?;
        }
        Ok(Master {
            columns,
            inside,
            column_position,
            held,
            rows_in,
            row_position,
            left_out,
            simplices: columns.one_exchange_simplices(),
            model: Some(model),
        })
    }

    /// HiGHS's model of the LP (which a failed solve loses).
    fn highs(&mut self) -> Result<&mut Model, String> {
        self.model.as_mut().ok_or_else(|| LOST.to_string())
    }

    pub(crate) fn held(&self) -> &[bool] {
        &self.held
    }

    pub(crate) fn holds_any(&self) -> bool {
        self.held.contains(&true)
    }

    /// Solves the LP by `deadline`; `stopped` is set when it runs out of
    /// time.
    pub(crate) fn solve(&mut self, deadline: Instant, stopped: &Cell<bool>) -> Result<Lp, String> {
        let mut model = self.model.take().ok_or(LOST)?;
        super::rens::limit_time(&mut model, deadline)?;
        let solved = model
            .try_solve()
            .map_err(|e| format!("HiGHS failed: {e:?}"))?;
        let status = solved.status();
        if status == HighsModelStatus::ReachedTimeLimit {
            stopped.set(true);
        }
        let lp = if status == HighsModelStatus::Optimal {
            Lp::Optimal(self.relaxation(solved.objective_value(), &solved.get_solution()))
        } else {
            Lp::Not(status)
        };
        self.model = Some(Model::from(solved));
        Ok(lp)
    }

    /// The LP's values, reduced costs and bounds.
    ///
    /// **The teacher bound.** Relax every row but rule 1's with the LP's
    /// row duals `y` (Lagrangian relaxation: for any `y` of the right signs
    /// its value bounds the LP from below). What is left is one simplex per
    /// teacher, `Σ_{j in T} x_j <= 1` with each `x_j` in [0, 1], whose
    /// minimum of `Σ_j (d_j + u) x_j` is `min(0, min_j d_j + u)`, where
    /// `u` is the dual of the teacher's row and `d_j + u` the reduced cost
    /// without it. The box bound ([`Relaxation::box_bound`]) relaxes rule
    /// 1's rows too and counts `u + Σ_j min(0, d_j)` for the same teacher;
    /// so the teacher bound is the box bound plus, per teacher,
    /// `min(0, min_j d_j + u) - u - Σ_j min(0, d_j)`, which is at least 0
    /// (`u <= 0`). While many of a teacher's held candidates price in, the
    /// box bound counts each, the teacher bound only the best (Lasdon's
    /// bound for column generation with convexity rows): on the 150 × 33
    /// county it proves the LP within 1e-4 rounds before pricing ends.
    fn relaxation(&self, value: f64, solution: &highs::Solution) -> Relaxation {
        // A row left out has dual 0.
        let mut duals = vec![0.0; self.columns.rows()];
        for (&i, &y) in self.rows_in.iter().zip(solution.dual_rows()) {
            duals[i] = y;
        }
        let duals = &duals;
        let (columns, held) = (self.columns, &self.held);
        let mut values = vec![0.0; columns.len()];
        let mut reduced: Vec<f64> = (0..columns.len())
            .into_par_iter()
            .map(|j| {
                if held[j] {
                    columns.reduced_cost(j, duals)
                } else {
                    0.0
                }
            })
            .collect();
        for (k, &j) in self.inside.iter().enumerate() {
            values[j] = solution.columns()[k];
            reduced[j] = solution.dual_columns()[k];
        }
        let priced: f64 = (0..self.columns.len())
            .filter(|&j| self.held[j])
            .map(|j| reduced[j].min(0.0))
            .sum();
        let box_bound = value + priced;
        let one_teacher_each: f64 = self
            .simplices
            .par_iter()
            .map(|simplex| {
                let u = duals[simplex.row];
                let reduced = simplex.columns.iter().map(|&j| reduced[j]);
                let best = reduced.clone().fold(f64::INFINITY, f64::min);
                let each: f64 = reduced.map(|d| d.min(0.0)).sum();
                (best + u).min(0.0) - u - each
            })
            .sum();
        Relaxation {
            value,
            bound: box_bound + one_teacher_each.max(0.0),
            box_bound,
            values,
            reduced,
        }
    }

    /// The held columns that price in under `lp`: those with a negative
    /// reduced cost, at most [`ENTER_SHARE`] of the LP's columns (at least
    /// [`ENTER_AT_LEAST`]) per round, the most negative first; in column
    /// order.
    pub(crate) fn entering(&self, lp: &Relaxation) -> Vec<usize> {
        let mut entering: Vec<usize> = (0..self.columns.len())
            .filter(|&j| self.held[j] && lp.reduced[j] < -PRICE)
            .collect();
        let most = (self.inside.len() / ENTER_SHARE).max(ENTER_AT_LEAST);
        if entering.len() > most {
            entering.select_nth_unstable_by(most, |&a, &b| lp.reduced[a].total_cmp(&lp.reduced[b]));
            entering.truncate(most);
            entering.sort_unstable();
        }
        entering
    }

    /// The columns in HiGHS that an LP as large as [`RETIRE_FROM`] gives
    /// back to the held ones: those [`Columns::holdable`] whose reduced
    /// cost under `lp` is above [`RETIRE_SHARE`] of its value (so nonbasic
    /// at 0, their lower bound). In column order.
    pub(crate) fn retiring(&self, lp: &Relaxation) -> Vec<usize> {
        if self.inside.len() < RETIRE_FROM {
            return Vec::new();
        }
        let above = RETIRE_SHARE * lp.value.abs().max(1.0);
        let mut retiring: Vec<usize> = self
            .inside
            .iter()
            .copied()
            .filter(|&j| self.columns.holdable(j) && lp.reduced[j] > above)
            .collect();
        retiring.sort_unstable();
        retiring
    }

    /// Takes the columns `retire` (in HiGHS, nonbasic at 0) out of HiGHS:
    /// they are held again, at 0, and priced like every held column. The
    /// basis of the others is kept.
    pub(crate) fn retire(&mut self, retire: &[usize]) -> Result<(), String> {
        if retire.is_empty() {
            return Ok(());
        }
        let mut mask = vec![0 as HighsInt; self.inside.len()];
        for &j in retire {
            if let Some(k) = self.column_position[j] {
                mask[k as usize] = 1;
            }
        }
        ffi::delete_columns(self.highs()?, &mut mask)?;
        for &j in retire {
            self.held[j] = true;
            self.column_position[j] = None;
        }
        // HiGHS keeps the others in their order.
        self.inside.retain(|&j| !self.held[j]);
        for (k, &j) in self.inside.iter().enumerate() {
            self.column_position[j] = Some(k as HighsInt);
        }
        Ok(())
    }

    /// Adds the held columns `enter` to HiGHS (at 0, the basis kept).
    pub(crate) fn enter(&mut self, enter: &[usize]) -> Result<(), String> {
        let batch = self.columns.batch(enter, &self.row_position);
        ffi::add_columns(self.highs()?, &batch)?;
        for &j in enter {
            self.held[j] = false;
            self.column_position[j] = Some(self.inside.len() as HighsInt);
            self.inside.push(j);
        }
        Ok(())
    }

    /// The rows left out that `lp`'s solution breaks (by more than
    /// [`BROKEN`]), as indices into the rows left out.
    pub(crate) fn broken(&self, lp: &Relaxation) -> Vec<usize> {
        self.left_out
            .iter()
            .enumerate()
            .filter(|(_, (i, entries))| {
                let activity: f64 = entries.iter().map(|&(j, a)| a * lp.values[j]).sum();
                let (low, high) = self.columns.row_bounds(*i);
                activity < low - BROKEN || activity > high + BROKEN
            })
            .map(|(k, _)| k)
            .collect()
    }

    /// Adds the rows left out `broken` (indices into them, ascending) to
    /// HiGHS, over the columns it holds.
    pub(crate) fn add_rows(&mut self, broken: &[usize]) -> Result<(), String> {
        if broken.is_empty() {
            return Ok(());
        }
        let mut batch = Batch::default();
        for &k in broken {
            let (i, entries) = &self.left_out[k];
            let (low, high) = self.columns.row_bounds(*i);
            let inside = entries
                .iter()
                .filter_map(|&(j, a)| self.column_position[j].map(|k| (k, a)));
            batch.push(low, high, inside);
        }
        ffi::add_rows(self.highs()?, &batch)?;
        // HiGHS appended them in `broken`'s order.
        for &k in broken {
            let i = self.left_out[k].0;
            self.row_position[i] = Some(self.rows_in.len() as HighsInt);
            self.rows_in.push(i);
        }
        // Descending, so each index still names its row when removed.
        for &k in broken.iter().rev() {
            self.left_out.swap_remove(k);
        }
        Ok(())
    }

    /// Every held column.
    pub(crate) fn all_held(&self) -> Vec<usize> {
        (0..self.columns.len()).filter(|&j| self.held[j]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Family, Row, Sense};
    use good_lp::{variable, Expression, ProblemVariables};

    /// `min -8a - 11b - 6c - 4d` with `5a + 7b + 4c + 3d <= 14`,
    /// `a + b <= 1.5` (of `family`), `c - d >= -0.5`, all in [0, 1] (LP).
    fn lp_with(family: Family) -> Columns {
        let mut variables = ProblemVariables::new();
        let x: Vec<_> = (0..4)
            .map(|_| variables.add(variable().min(0).max(1)))
            .collect();
        let objective: Expression = [8.0, 11.0, 6.0, 4.0]
            .iter()
            .zip(&x)
            .map(|(&v, &x)| -v * x)
            .sum();
        let row = |lhs: Expression, sense, rhs| Row {
            name: "r".into(),
            family: Family::Definition,
            lhs,
            sense,
            rhs,
        };
        let pair = Row {
            family,
            ..row(x[0] + x[1], Sense::AtMost, 1.5)
        };
        let weight: Expression = [5.0, 7.0, 4.0, 3.0]
            .iter()
            .zip(&x)
            .map(|(&w, &x)| w * x)
            .sum();
        let rows = vec![
            row(weight, Sense::AtMost, 14.0),
            pair,
            row(x[2] - x[3] + 2.0, Sense::AtLeast, 1.5),
        ];
        Columns::new(&variables, &objective, rows)
    }

    fn lp() -> Columns {
        lp_with(Family::Definition)
    }

    fn open(problem: ColProblem) -> Result<Model, String> {
        Model::try_new(problem).map_err(|e| format!("{e:?}"))
    }

    /// The LP's relaxation and value.
    fn solved(master: &mut Master) -> (Relaxation, f64) {
        let stopped = Cell::new(false);
        let deadline = Instant::now() + std::time::Duration::from_secs(60);
        match master.solve(deadline, &stopped) {
            Ok(Lp::Optimal(lp)) => {
                let value = master.columns.cost_of(&lp.values);
                (lp, value)
            }
            _ => panic!("the LP solves"),
        }
    }

    #[test]
    fn priced_reduced_costs_are_highs_own_for_the_columns_it_holds() {
        let columns = lp();
        let solved = open(columns.problem(&[0, 1, 2, 3], false))
            .unwrap()
            .try_solve()
            .unwrap();
        assert_eq!(solved.status(), HighsModelStatus::Optimal);
        let solution = solved.get_solution();
        let (duals, reduced) = (solution.dual_rows(), solution.dual_columns());
        assert!(duals.iter().any(|&y| y.abs() > 1e-9), "a binding row");
        assert!(
            reduced.iter().any(|&d| d.abs() > 1e-9),
            "a column at a bound"
        );
        // Every column's reduced cost from the row duals alone, as a held
        // column's is priced, must be HiGHS's own.
        for (j, &own) in reduced.iter().enumerate() {
            let priced = columns.reduced_cost(j, duals);
            assert!(
                (priced - own).abs() < 1e-9,
                "column {j}: priced {priced}, HiGHS {own}"
            );
        }
    }

    #[test]
    fn the_lp_runs_the_parallel_dual_simplex_with_two_threads_or_more() {
        // HiGHS fixes its thread pool's size on a thread's first solve, so
        // each case solves on a thread of its own.
        for (threads, strategy) in [(1, 1), (2, PARALLEL_DUAL_SIMPLEX)] {
            std::thread::spawn(move || {
                let columns = lp();
                let open_with = |problem: ColProblem| -> Result<Model, String> {
                    let mut model = open(problem)?;
                    model.set_option("threads", threads);
                    Ok(model)
                };
                let mut master = Master::new(&columns, vec![false; 4], &open_with).unwrap();
                let model = master.model.as_mut().unwrap();
                let chosen = ffi::int_option(model, "simplex_strategy").unwrap();
                assert_eq!(chosen, strategy, "{threads} threads");
                let (_, value) = solved(&mut master);
                assert!((value + 65.0 / 3.0).abs() < 1e-9, "{value}");
            })
            .join()
            .unwrap();
        }
    }

    #[test]
    fn a_held_column_enters_until_the_lp_is_the_full_ones() {
        let columns = lp();
        let full = {
            let mut master = Master::new(&columns, vec![false; 4], &open).unwrap();
            solved(&mut master).1
        };
        // b (the most valuable item) held: the first LP is worse, b prices
        // in, and the LP reaches the full one's value.
        let mut master = Master::new(&columns, vec![false, true, false, false], &open).unwrap();
        let (first, value) = solved(&mut master);
        assert!(value > full + 1e-6, "{value} vs {full}");
        assert!(first.bound <= full + 1e-9, "the Lagrangian bound bounds");
        let entering = master.entering(&first);
        assert_eq!(entering, vec![1]);
        master.enter(&entering).unwrap();
        let (last, value) = solved(&mut master);
        assert!((value - full).abs() < 1e-9, "{value} vs {full}");
        assert!((last.bound - full).abs() < 1e-9, "nothing left to price");
        assert!(master.entering(&last).is_empty());
        assert!(last.values[1] > 0.5);
    }

    #[test]
    fn a_retired_column_is_held_and_priced_again() {
        // The knapsack "max 4d + 8a + 11b + 6c, 3d + 5a + 7b + 4c <= 14":
        // its LP takes a, b and half of c; d (value per weight 4/3, the
        // worst) is nonbasic at 0 with a positive reduced cost. Retired, it
        // leaves HiGHS, the others move up a place with their basis kept,
        // and the LP re-solves to the same solution, pricing d as HiGHS
        // did.
        let columns =
            super::super::rens::tests::items(&[4.0, 8.0, 11.0, 6.0], &[3.0, 5.0, 7.0, 4.0], 14.0);
        let mut master = Master::new(&columns, vec![false; 4], &open).unwrap();
        let (full, value) = solved(&mut master);
        let d = 0;
        assert!(full.reduced[d] > 1e-6, "d prices out: {}", full.reduced[d]);
        master.retire(&[d]).unwrap();
        assert!(master.held()[d]);
        assert_eq!(master.inside, vec![1, 2, 3]);
        let (again, again_value) = solved(&mut master);
        assert!((again_value - value).abs() < 1e-9);
        assert_eq!(again.values, full.values);
        assert!((again.reduced[d] - full.reduced[d]).abs() < 1e-9);
        assert!(master.entering(&again).is_empty());
        master.enter(&[d]).unwrap();
        let (last, last_value) = solved(&mut master);
        assert!((last_value - value).abs() < 1e-9);
        assert!(!master.held()[d] && last.values[d] < 1e-9);
    }

    /// The knapsack "max 8a + 11b + 6c + 4d, 5a + 7b + 4c + 3d <= 14",
    /// x binary, with the rows `extra` after its own (the forced
    /// re-optimizations of `explain` add theirs so).
    fn knapsack_with(extra: impl Fn(&[good_lp::Variable]) -> Vec<Row<Expression>>) -> Columns {
        let mut variables = ProblemVariables::new();
        let x: Vec<_> = (0..4).map(|_| variables.add(variable().binary())).collect();
        let objective: Expression = [8.0, 11.0, 6.0, 4.0]
            .iter()
            .zip(&x)
            .map(|(&v, &x)| -v * x)
            .sum();
        let weight: Expression = [5.0, 7.0, 4.0, 3.0]
            .iter()
            .zip(&x)
            .map(|(&w, &x)| w * x)
            .sum();
        let mut rows = vec![Row {
            name: "capacity".into(),
            family: Family::Definition,
            lhs: weight,
            sense: Sense::AtMost,
            rhs: 14.0,
        }];
        rows.extend(extra(&x));
        Columns::new(&variables, &objective, rows)
    }

    #[test]
    fn a_resumed_lp_keeps_the_columns_and_rows_the_last_one_ended_with() {
        // The knapsack's LP with d held: a, b and half of c (value -22).
        let base = knapsack_with(|_| vec![]);
        let mut master = Master::new(&base, vec![false, false, false, true], &open).unwrap();
        let (_, value) = solved(&mut master);
        assert!((value + 22.0).abs() < 1e-9, "{value}");
        let basis = master.basis().unwrap();
        // The knapsack with item `k` forced to `value`, as `explain` forces
        // a decision: a row after the model's own.
        let forcing = |k: usize, value: f64| {
            knapsack_with(|x| {
                vec![Row {
                    name: "forced".into(),
                    family: Family::Locks,
                    lhs: x[k].into(),
                    sense: Sense::Equal,
                    rhs: value,
                }]
            })
        };
        // The same model with `b = 0` forced: resumed, d is still held and
        // the new row is in; the LP takes a, c and moves to -14, as the
        // same LP solved cold does (a and c, -14).
        let forced = forcing(1, 0.0);
        let mut resumed = Master::resume(&forced, &basis, &open).unwrap();
        assert_eq!(resumed.held(), &[false, false, false, true]);
        assert_eq!(resumed.rows_in, vec![0, 1]);
        let (lp, value) = solved(&mut resumed);
        let mut cold = Master::new(&forced, vec![false, false, false, true], &open).unwrap();
        let (_, cold_value) = solved(&mut cold);
        assert!((value - cold_value).abs() < 1e-9, "{value} vs {cold_value}");
        assert!((value + 14.0).abs() < 1e-9, "{value}");
        assert!(lp.values[1].abs() < 1e-9);
        // The capacity is slack now (a and c weigh 9), so d prices in.
        assert_eq!(resumed.entering(&lp), vec![3]);
        // A forced row's columns are in the LP from the start, held or
        // not: `d = 1` forced, the LP is feasible at once and takes d.
        let forced_d = forcing(3, 1.0);
        let mut resumed = Master::resume(&forced_d, &basis, &open).unwrap();
        assert_eq!(resumed.held(), &[false; 4]);
        let (lp, _) = solved(&mut resumed);
        assert!((lp.values[3] - 1.0).abs() < 1e-9);
    }

    #[test]
    fn the_teacher_bound_counts_one_held_candidate_per_teacher() {
        // `min -5a - 4b - 3c`, rule 1's row `a + b + c <= 1` and `a <= 0.5`,
        // all in [0, 1]; b and c held. The LP takes a = 0.5 (-2.5): rule
        // 1's row is slack (dual 0), `a <= 0.5` has dual -5, and b and c
        // price at -4 and -3. The box bound counts both (-9.5); the
        // teacher bound takes the teacher's best alone (-6.5), still below
        // the full LP's -4.5 (a and b at one half).
        let mut variables = ProblemVariables::new();
        let x: Vec<_> = (0..3)
            .map(|_| variables.add(variable().min(0).max(1)))
            .collect();
        let objective: Expression = -5.0 * x[0] - 4.0 * x[1] - 3.0 * x[2];
        let row = |family, lhs: Expression, rhs| Row {
            name: "r".into(),
            family,
            lhs,
            sense: Sense::AtMost,
            rhs,
        };
        let rows = vec![
            row(Family::OneExchange, x[0] + x[1] + x[2], 1.0),
            row(Family::Definition, x[0].into(), 0.5),
        ];
        let columns = Columns::new(&variables, &objective, rows);
        let mut master = Master::new(&columns, vec![false, true, true], &open).unwrap();
        let (first, value) = solved(&mut master);
        assert!((value + 2.5).abs() < 1e-9, "{value}");
        assert!((first.box_bound + 9.5).abs() < 1e-9, "{}", first.box_bound);
        assert!((first.bound + 6.5).abs() < 1e-9, "{}", first.bound);
        master.enter(&master.entering(&first)).unwrap();
        let (last, value) = solved(&mut master);
        assert!((value + 4.5).abs() < 1e-9, "{value}");
        assert!((last.bound + 4.5).abs() < 1e-9, "{}", last.bound);
    }

    #[test]
    fn a_row_left_out_enters_when_the_lp_breaks_it() {
        let full = {
            let columns = lp();
            let mut master = Master::new(&columns, vec![false; 4], &open).unwrap();
            solved(&mut master).1
        };
        // The pair row left out: the LP takes a and b whole (a + b = 2),
        // the row enters, and the LP reaches the full one's value.
        let columns = lp_with(LAZY);
        let mut master = Master::new(&columns, vec![false; 4], &open).unwrap();
        let (first, value) = solved(&mut master);
        assert!(value < full - 1e-6, "{value} vs {full}");
        assert!(first.values[0] + first.values[1] > 1.5 + 1e-6);
        let broken = master.broken(&first);
        assert_eq!(broken.len(), 1);
        assert!(master.entering(&first).is_empty(), "nothing is held");
        master.add_rows(&broken).unwrap();
        let (last, value) = solved(&mut master);
        assert!((value - full).abs() < 1e-9, "{value} vs {full}");
        assert!(master.broken(&last).is_empty());
        assert!(last.values[0] + last.values[1] <= 1.5 + 1e-9);
    }
}
