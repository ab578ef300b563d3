//! The model in column form: each column's cost, bounds, integrality and
//! sparse (row, coefficient) entries, transposed from the model's rows.
//!
//! The solver keeps the full model here and hands HiGHS only the columns a
//! phase needs (`solve::rens`): a column that is not in HiGHS is fixed at 0,
//! and its reduced cost is priced here from the LP's row duals.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use fnv::FnvHashMap;
use good_lp::{Expression, IntoAffineExpression, ProblemVariables, Variable};
use highs::ColProblem;
use highs_sys::HighsInt;
use rayon::prelude::*;

use crate::model::{Column, Family, Linear, Row, Sense};

/// The full model, column by column; rows are numbered as in the model.
pub(crate) struct Columns {
    pub(super) cost: Vec<f64>,
    lower: Vec<f64>,
    upper: Vec<f64>,
    integer: Vec<bool>,
    /// Column `j`'s entries are `row[start[j]..start[j + 1]]` (ascending)
    /// with `value[..]` alike.
    start: Vec<usize>,
    row: Vec<HighsInt>,
    value: Vec<f64>,
    row_lower: Vec<f64>,
    row_upper: Vec<f64>,
    /// Each row's family (which rule it states).
    pub(super) family: Vec<Family>,
}

impl Columns {
    /// Transposes `rows` over `variables`, with the linear part of
    /// `objective` as costs. Row `i` reads `lower_i <= Σ a_ij x_j <= upper_i`,
    /// a column's coefficients in one row summed, zeros left out, the row's
    /// constant moved to the right-hand side.
    ///
    /// The columns are filled in parallel, in as many parts as the rayon
    /// pool has threads: each part reads every row and writes only its own
    /// columns' entries, so the result is the same for any number of parts.
    pub(crate) fn new<O: Terms, L: Terms + Sync>(
        variables: &ProblemVariables,
        objective: &O,
        rows: Vec<Row<L>>,
    ) -> Columns {
        let index = ColumnIndex::new(variables);
        let n = variables.len();
        let mut cost = vec![0.0; n];
        for &(Column(j), coefficient) in objective.terms(&index).iter() {
            cost[j] += coefficient;
        }
        let (mut lower, mut upper, mut integer) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for (_, definition) in variables.iter_variables_with_def() {
            lower.push(definition.get_min());
            upper.push(definition.get_max());
            integer.push(definition.is_integer());
        }
        // How many terms each column has (an upper bound: a column named
        // twice in a row is one entry), counted over slices of the rows in
        // parallel.
        let parts = rayon::current_num_threads().max(1);
        let counts: Vec<Vec<usize>> = rows
            .par_chunks(rows.len().div_ceil(parts).max(1))
            .map(|rows| {
                let mut count = vec![0usize; n + 1];
                for row in rows {
                    for &(Column(j), _) in row.lhs.terms(&index).iter() {
                        count[j + 1] += 1;
                    }
                }
                count
            })
            .collect();
        let mut start = vec![0usize; n + 1];
        for count in counts {
            for (total, count) in start.iter_mut().zip(count) {
                *total += count;
            }
        }
        for j in 0..n {
            start[j + 1] += start[j];
        }
        let mut row_index = vec![0 as HighsInt; start[n]];
        let mut value = vec![0.0; start[n]];
        // Parts of about equal numbers of entries, each a range of columns
        // and the matching range of the entry arrays.
        let mut cuts: Vec<usize> = (1..parts)
            .map(|k| start.partition_point(|&s| s < start[n] * k / parts).min(n))
            .collect();
        cuts.insert(0, 0);
        cuts.push(n);
        cuts.dedup();
        let mut pieces = Vec::with_capacity(parts);
        let (mut rest_rows, mut rest_values) = (&mut row_index[..], &mut value[..]);
        for ends in cuts.windows(2) {
            let length = start[ends[1]] - start[ends[0]];
            let (rows_here, rows_after) = std::mem::take(&mut rest_rows).split_at_mut(length);
            let (values_here, values_after) = std::mem::take(&mut rest_values).split_at_mut(length);
            (rest_rows, rest_values) = (rows_after, values_after);
            pieces.push((ends[0]..ends[1], rows_here, values_here));
        }
        let filled: Vec<(Vec<usize>, bool)> = pieces
            .into_par_iter()
            .map(|(columns, row_index, value)| {
                fill_part(&rows, &index, &start, columns, row_index, value)
            })
            .collect();
        // Where each column's entries end, and whether a repeat or a zero
        // left entries to take out.
        let mut next = Vec::with_capacity(n + 1);
        let mut gaps = false;
        for (ends, part_gaps) in filled {
            next.extend(ends);
            gaps |= part_gaps;
        }
        let (mut row_lower, mut row_upper, mut family) = (
            Vec::with_capacity(rows.len()),
            Vec::with_capacity(rows.len()),
            Vec::with_capacity(rows.len()),
        );
        for row in &rows {
            let rhs = row.rhs - row.lhs.constant();
            let (low, high) = match row.sense {
                Sense::AtMost => (f64::NEG_INFINITY, rhs),
                Sense::AtLeast => (rhs, f64::INFINITY),
                Sense::Equal => (rhs, rhs),
            };
            row_lower.push(low);
            row_upper.push(high);
            family.push(row.family);
        }
        drop(rows);
        // Close the gaps repeats left and drop zero coefficients.
        let mut kept = 0;
        for j in (0..n).filter(|_| gaps) {
            let (from, to) = (start[j], next[j]);
            start[j] = kept;
            for k in from..to {
                if value[k] != 0.0 {
                    row_index[kept] = row_index[k];
                    value[kept] = value[k];
                    kept += 1;
                }
            }
        }
        if gaps {
            start[n] = kept;
            row_index.truncate(kept);
            value.truncate(kept);
        }
        Columns {
            cost,
            lower,
            upper,
            integer,
            start,
            row: row_index,
            value,
            row_lower,
            row_upper,
            family,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.cost.len()
    }

    /// The objective of `values` (one per column), without the model's
    /// constant.
    pub(crate) fn cost_of(&self, values: &[f64]) -> f64 {
        self.cost.iter().zip(values).map(|(c, x)| c * x).sum()
    }

    pub(crate) fn rows(&self) -> usize {
        self.row_lower.len()
    }

    /// How many entries the columns have in all.
    pub(crate) fn nonzeros(&self) -> usize {
        self.value.len()
    }

    /// Column `j`'s rows and coefficients.
    pub(super) fn entries(&self, j: usize) -> (&[HighsInt], &[f64]) {
        let range = self.start[j]..self.start[j + 1];
        (&self.row[range.clone()], &self.value[range])
    }

    /// Whether column `j` may be held outside the LP at 0: a binary whose
    /// lower bound is 0 (a candidate that is not locked, or a helper binary
    /// such as rule 7's `open`). Held at its lower bound and priced every
    /// round, any such column keeps the pricing argument whole.
    pub(crate) fn holdable(&self, j: usize) -> bool {
        self.integer[j] && self.lower[j] == 0.0 && self.upper[j] == 1.0
    }

    /// Column `j`'s reduced cost `c_j - Σ_i a_ij y_i` under the row duals
    /// `duals` (HiGHS's sign convention: its own column duals are this for
    /// the columns it holds, see the test).
    pub(crate) fn reduced_cost(&self, j: usize, duals: &[f64]) -> f64 {
        let (rows, values) = self.entries(j);
        self.cost[j]
            - rows
                .iter()
                .zip(values)
                .map(|(&i, &a)| a * duals[i as usize])
                .sum::<f64>()
    }

    /// The problem of every row and the given columns only (in that
    /// order), integral where the model is when `integral`.
    pub(crate) fn problem(&self, columns: &[usize], integral: bool) -> ColProblem {
        let every: Vec<usize> = (0..self.rows()).collect();
        self.problem_of_rows(&every, columns, integral)
    }

    /// The problem of the given rows and columns only (each in that order).
    pub(crate) fn problem_of_rows(
        &self,
        rows: &[usize],
        columns: &[usize],
        integral: bool,
    ) -> ColProblem {
        let mut problem = ColProblem::default();
        let mut in_problem: Vec<Option<highs::Row>> = vec![None; self.rows()];
        for &i in rows {
            in_problem[i] = Some(problem.add_row(self.row_lower[i]..=self.row_upper[i]));
        }
        for &j in columns {
            let (index, values) = self.entries(j);
            let factors = index
                .iter()
                .zip(values)
                .filter_map(|(&i, &a)| in_problem[i as usize].map(|row| (row, a)));
            problem.add_column_with_integrality(
                self.cost[j],
                self.lower[j]..=self.upper[j],
                factors,
                integral && self.integer[j],
            );
        }
        problem
    }

    /// The given columns as `Highs_addCols` takes them: costs, lower and
    /// upper bounds, starts, row indices and values (continuous: added to
    /// an LP). `position[i]` is row `i`'s index in that LP, `None` for a
    /// row it does not have (the entry is left out).
    pub(crate) fn batch(&self, columns: &[usize], position: &[Option<HighsInt>]) -> Batch {
        let mut batch = Batch::default();
        for &j in columns {
            let (index, values) = self.entries(j);
            batch.cost.push(self.cost[j]);
            let entries = index
                .iter()
                .zip(values)
                .filter_map(|(&i, &a)| position[i as usize].map(|k| (k, a)));
            batch.push(self.lower[j], self.upper[j], entries);
        }
        batch
    }

    /// Each teacher's candidates, where rule 1's row (`one_exchange`) holds
    /// them as the simplex `Σ x_j <= 1`, `0 <= x_j <= 1` (every entry 1,
    /// every column in [0, 1], the row's upper bound 1, its lower bound at
    /// most 0): the sets over which [`super::pricing`]'s teacher bound
    /// minimizes. A teacher with a locked candidate (lower bound 1) has
    /// none.
    pub(crate) fn one_exchange_simplices(&self) -> Vec<Simplex> {
        let mut members: Vec<Option<Vec<usize>>> = (0..self.rows())
            .map(|i| {
                let simplex = self.family[i] == Family::OneExchange
                    && self.row_upper[i] == 1.0
                    && self.row_lower[i] <= 0.0;
                simplex.then(Vec::new)
            })
            .collect();
        for j in 0..self.len() {
            let (rows, values) = self.entries(j);
            let unit = self.lower[j] == 0.0 && self.upper[j] == 1.0;
            for (&i, &a) in rows.iter().zip(values) {
                let member = &mut members[i as usize];
                match member {
                    Some(columns) if unit && a == 1.0 => columns.push(j),
                    Some(_) => *member = None,
                    None => {}
                }
            }
        }
        members
            .into_iter()
            .enumerate()
            .filter_map(|(row, columns)| {
                columns
                    .filter(|c| !c.is_empty())
                    .map(|columns| Simplex { row, columns })
            })
            .collect()
    }

    /// Row `i`'s bounds.
    pub(super) fn row_bounds(&self, i: usize) -> (f64, f64) {
        (self.row_lower[i], self.row_upper[i])
    }
}

/// Writes the entries of the given `columns` from every row into their
/// part of the entry arrays (`row_index` and `value` start at
/// `start[columns.start]`), a column repeated in a row summed into one
/// entry. Returns where each column's entries end (absolute, as `start`)
/// and whether a repeat or a zero coefficient left a gap.
fn fill_part<L: Terms>(
    rows: &[Row<L>],
    index: &ColumnIndex,
    start: &[usize],
    columns: Range<usize>,
    row_index: &mut [HighsInt],
    value: &mut [f64],
) -> (Vec<usize>, bool) {
    let offset = start[columns.start];
    let first = columns.start;
    // Where each column's next entry goes, relative to the part's arrays,
    // and the row of its last entry (a repeat in this row adds to that).
    let mut next: Vec<u32> = start[columns.clone()]
        .iter()
        .map(|s| (s - offset) as u32)
        .collect();
    let mut last_row: Vec<HighsInt> = vec![-1; columns.len()];
    let mut gaps = false;
    for (i, row) in rows.iter().enumerate() {
        let i = i as HighsInt;
        for &(Column(j), coefficient) in row.lhs.terms(index).iter() {
            if !columns.contains(&j) {
                continue;
            }
            let k = j - first;
            let at = next[k] as usize;
            if last_row[k] == i {
                value[at - 1] += coefficient;
                gaps = true;
            } else {
                gaps |= coefficient == 0.0;
                last_row[k] = i;
                row_index[at] = i;
                value[at] = coefficient;
                next[k] += 1;
            }
        }
    }
    let ends = next.into_iter().map(|e| e as usize + offset).collect();
    (ends, gaps)
}

/// A teacher's candidates under rule 1's row `row`, as
/// [`Columns::one_exchange_simplices`] finds them.
pub(crate) struct Simplex {
    pub(crate) row: usize,
    pub(crate) columns: Vec<usize>,
}

/// A sum of columns [`Columns::new`] reads: the model's [`Linear`], or a
/// good_lp `Expression` (the solver's tests write small problems so).
pub(crate) trait Terms {
    /// Each term as (column, coefficient); a column may repeat.
    fn terms(&self, index: &ColumnIndex) -> Cow<'_, [(Column, f64)]>;
    fn constant(&self) -> f64;
}

impl Terms for Linear {
    fn terms(&self, _: &ColumnIndex) -> Cow<'_, [(Column, f64)]> {
        Cow::Borrowed(Linear::terms(self))
    }
    fn constant(&self) -> f64 {
        0.0
    }
}

impl Terms for Expression {
    fn terms(&self, index: &ColumnIndex) -> Cow<'_, [(Column, f64)]> {
        Cow::Owned(
            self.linear_coefficients()
                .map(|(variable, coefficient)| (index.column(variable), coefficient))
                .collect(),
        )
    }
    fn constant(&self) -> f64 {
        IntoAffineExpression::constant(self)
    }
}

/// Each good_lp variable's column number, made only when an `Expression`
/// asks (the model's own sums name columns by number).
pub(crate) struct ColumnIndex<'v> {
    variables: &'v ProblemVariables,
    index: OnceLock<FnvHashMap<Variable, usize>>,
}

impl<'v> ColumnIndex<'v> {
    fn new(variables: &'v ProblemVariables) -> Self {
        ColumnIndex {
            variables,
            index: OnceLock::new(),
        }
    }

    fn column(&self, variable: Variable) -> Column {
        let index = self.index.get_or_init(|| {
            self.variables
                .iter_variables_with_def()
                .enumerate()
                .map(|(j, (variable, _))| (variable, j))
                .collect()
        });
        Column(index[&variable])
    }
}

/// Columns or rows to add to a HiGHS model, in its C API's layout: each
/// one's bounds and its entries `index[start[k]..]`, `value[start[k]..]`
/// (up to the next start), and for columns its cost.
#[derive(Default)]
pub(crate) struct Batch {
    pub(crate) cost: Vec<f64>,
    pub(crate) lower: Vec<f64>,
    pub(crate) upper: Vec<f64>,
    pub(crate) start: Vec<HighsInt>,
    pub(crate) index: Vec<HighsInt>,
    pub(crate) value: Vec<f64>,
}

impl Batch {
    /// Appends one column or row with bounds `lower..=upper` and the
    /// (index, coefficient) `entries` (its cost, for a column, is pushed
    /// apart).
    pub(crate) fn push(
        &mut self,
        lower: f64,
        upper: f64,
        entries: impl IntoIterator<Item = (HighsInt, f64)>,
    ) {
        self.lower.push(lower);
        self.upper.push(upper);
        self.start.push(self.index.len() as HighsInt);
        for (k, a) in entries {
            self.index.push(k);
            self.value.push(a);
        }
    }
}

#[cfg(test)]
mod tests {
    use good_lp::variable;

    use super::*;

    /// Rows over 50 columns, some naming a column twice (one pair summing
    /// to zero) or with a zero coefficient, in a fixed pseudo-random mix.
    fn rows() -> Vec<Row> {
        let mut state = 7u64;
        let mut next = |bound: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % bound
        };
        (0..40)
            .map(|i| {
                let mut lhs = Linear::default();
                for _ in 0..next(12) {
                    let coefficient = [1.0, -1.0, 0.5, 0.0, 2.0][next(5) as usize];
                    lhs.add_term(Column(next(50) as usize), coefficient);
                }
                if i % 7 == 0 {
                    lhs.add_term(Column(3), 1.5);
                    lhs.add_term(Column(3), -1.5);
                }
                Row {
                    name: format!("r{i}"),
                    family: Family::Definition,
                    lhs,
                    sense: Sense::AtMost,
                    rhs: 1.0,
                }
            })
            .collect()
    }

    #[test]
    fn columns_are_the_rows_summed_and_transposed_for_any_number_of_threads() {
        let mut variables = ProblemVariables::new();
        variables.add_vector(variable().binary(), 50);
        let objective = Linear::default().plus(2.0, Column(4));
        // Reference: each (row, column) coefficient summed in term order;
        // zeros left out.
        let mut expected: Vec<Vec<(HighsInt, f64)>> = vec![Vec::new(); 50];
        for (i, row) in rows().iter().enumerate() {
            let mut sums: Vec<(usize, f64)> = Vec::new();
            for &(Column(j), a) in row.lhs.terms() {
                match sums.iter_mut().find(|(k, _)| *k == j) {
                    Some((_, sum)) => *sum += a,
                    None => sums.push((j, a)),
                }
            }
            for (j, sum) in sums.into_iter().filter(|&(_, sum)| sum != 0.0) {
                expected[j].push((i as HighsInt, sum));
            }
        }
        for threads in 1..=3 {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a pool");
            let columns = pool.install(|| Columns::new(&variables, &objective, rows()));
            assert_eq!(columns.rows(), 40);
            assert_eq!(columns.cost[4], 2.0);
            for (j, expected) in expected.iter().enumerate() {
                let (index, values) = columns.entries(j);
                let got: Vec<(HighsInt, f64)> =
                    index.iter().copied().zip(values.iter().copied()).collect();
                assert_eq!(&got, expected, "column {j}, {threads} threads");
            }
        }
    }
}
