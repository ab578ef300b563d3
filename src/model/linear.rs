//! Columns by number, and sums of them: the left-hand side of a row, and
//! the objective.
//!
//! good_lp's `Expression` keeps its terms in a hash map keyed by its
//! `Variable`, which merges repeated columns as they are added; building the
//! rows of a 5,000-teacher county (57,000 rows, 5.7 million terms) that way,
//! and looking every variable up again to transpose the rows into columns
//! (`solve::columns`), took over a second. A sum here is a plain list of
//! (column number, coefficient): terms are appended, and a column named
//! twice is merged (and a zero coefficient dropped) once, when the rows are
//! transposed, which gives the coefficients `Expression` gives.

use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Sub};

use good_lp::{Expression, Variable};

/// A column of the model, by its number (the order it was created in, as
/// in `Model::variables`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Column(pub usize);

/// `Σ coefficient × column`, in the order the terms were added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Linear {
    terms: Vec<(Column, f64)>,
}

impl Linear {
    /// An empty sum with room for `terms` terms.
    pub fn with_capacity(terms: usize) -> Linear {
        Linear {
            terms: Vec::with_capacity(terms),
        }
    }

    /// Adds `coefficient × column`.
    pub fn add_term(&mut self, column: Column, coefficient: f64) {
        self.terms.push((column, coefficient));
    }

    /// The expression with `coefficient × column` added.
    pub fn plus(mut self, coefficient: f64, column: Column) -> Linear {
        self.add_term(column, coefficient);
        self
    }

    /// The terms as added (a column may repeat).
    pub fn terms(&self) -> &[(Column, f64)] {
        &self.terms
    }

    /// The same sum as a good_lp expression over `variables`, the model's
    /// variables in column order (for solving a model through good_lp, as
    /// the reference tests do).
    pub fn to_expression(&self, variables: &[Variable]) -> Expression {
        let mut expression = Expression::with_capacity(self.terms.len());
        for &(Column(j), coefficient) in &self.terms {
            expression.add_mul(coefficient, variables[j]);
        }
        expression
    }
}

impl From<Column> for Linear {
    fn from(column: Column) -> Linear {
        Linear {
            terms: vec![(column, 1.0)],
        }
    }
}

impl Sum<Column> for Linear {
    fn sum<I: Iterator<Item = Column>>(columns: I) -> Linear {
        Linear {
            terms: columns.map(|column| (column, 1.0)).collect(),
        }
    }
}

impl AddAssign<Linear> for Linear {
    fn add_assign(&mut self, other: Linear) {
        self.terms.extend(other.terms);
    }
}

impl Add<Linear> for Linear {
    type Output = Linear;
    fn add(mut self, other: Linear) -> Linear {
        self += other;
        self
    }
}

impl Sub<Linear> for Linear {
    type Output = Linear;
    fn sub(mut self, other: Linear) -> Linear {
        self.terms
            .extend(other.terms.into_iter().map(|(column, a)| (column, -a)));
        self
    }
}

impl Add<Column> for Linear {
    type Output = Linear;
    fn add(self, column: Column) -> Linear {
        self.plus(1.0, column)
    }
}

impl Sub<Column> for Linear {
    type Output = Linear;
    fn sub(self, column: Column) -> Linear {
        self.plus(-1.0, column)
    }
}

impl Add<Linear> for Column {
    type Output = Linear;
    fn add(self, other: Linear) -> Linear {
        Linear::from(self) + other
    }
}

impl Sub<Linear> for Column {
    type Output = Linear;
    fn sub(self, other: Linear) -> Linear {
        Linear::from(self) - other
    }
}

impl Mul<Linear> for f64 {
    type Output = Linear;
    fn mul(self, mut other: Linear) -> Linear {
        for (_, a) in &mut other.terms {
            *a *= self;
        }
        other
    }
}

#[cfg(test)]
mod tests {
    use good_lp::{variable, IntoAffineExpression, ProblemVariables};

    use super::*;

    #[test]
    fn a_linear_sum_has_the_coefficients_of_the_good_lp_expression() {
        let mut vars = ProblemVariables::new();
        let v: Vec<Variable> = (0..3).map(|_| vars.add(variable())).collect();
        let (x, y, z) = (Column(0), Column(1), Column(2));
        let linear = (x + ([y, z].into_iter().sum::<Linear>() - x)) + 2.0 * Linear::from(z);
        let linear = linear.plus(-3.0, y) - Linear::from(z);
        let expression =
            Expression::from(v[0]) + (v[1] + v[2] - v[0]) + 2.0 * v[2] - 3.0 * v[1] - v[2];
        let mut merged = [0.0; 3];
        for &(Column(j), a) in linear.terms() {
            merged[j] += a;
        }
        let of = |e: &Expression, j: usize| {
            e.linear_coefficients()
                .find(|&(c, _)| c == v[j])
                .map_or(0.0, |(_, a)| a)
        };
        assert_eq!(merged, [0.0, -2.0, 2.0]);
        for (j, &a) in merged.iter().enumerate() {
            assert_eq!(a, of(&expression, j));
            assert_eq!(a, of(&linear.to_expression(&v), j));
        }
    }
}
