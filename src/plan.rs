//! One planning run as a library call: solve every unit, then turn the
//! result into the report `solve` writes. `solve` and `whatif` both go
//! through here.

use std::collections::HashSet;

use crate::domain::{Dataset, Horizon, Policy};
use crate::model::History;
use crate::report::{self, Report};
use crate::solve::{self, SolveOptions};

/// Solves `dataset` under `policy` and reports the roster.
pub fn plan(
    dataset: &Dataset,
    policy: &Policy,
    horizon: &Horizon,
    options: &SolveOptions,
) -> Report {
    let outcomes = solve::solve(dataset, policy, horizon, &History::default(), options);
    report::report(&report::ReportInput {
        dataset,
        policy,
        horizon,
        outcomes: &outcomes,
        kept: &HashSet::new(),
    })
}
