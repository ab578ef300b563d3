//! Turns scenarios into plans ready to solve: each scenario's policy is
//! validated, and its data set re-loaded when its horizon differs from the
//! base's. All of it happens before any solve, so a typo in the last
//! scenario costs nothing, and every problem is listed together.

use std::borrow::Cow;
use std::path::Path;

use chrono::NaiveDate;

use super::scenario::{self, Scenario, ScenarioError, BASE};
use crate::domain::{Dataset, Horizon, Policy};
use crate::input::{self, Diagnostic, Loaded};

/// One planning run of a whatif: the base or a scenario.
#[derive(Clone, Debug)]
pub(crate) struct Plan<'a> {
    pub(crate) name: String,
    pub(crate) policy: Policy,
    pub(crate) horizon: Horizon,
    /// The base's data set, or the scenario's own when its horizon differs
    /// (career dates, demand terms and lock terms are checked against it).
    pub(crate) dataset: Cow<'a, Dataset>,
}

/// The base plan followed by one plan per scenario, in the order given.
///
/// A scenario's data set is re-loaded only when its horizon differs: every
/// other check the loader makes is independent of the policy, except that a
/// lock's start term must suit its kind's length, and a lock that a
/// scenario's `support.terms` makes impossible is reported by the model as
/// an infeasible lock (rule 9) for that scenario, which is the more useful
/// answer to "what if".
pub(crate) fn prepare<'a>(
    base: &'a Loaded,
    data_dir: &Path,
    today: NaiveDate,
    scenarios: &[Scenario],
) -> Result<Vec<Plan<'a>>, Vec<ScenarioError>> {
    let mut plans = vec![Plan {
        name: BASE.to_string(),
        policy: base.policy.policy.clone(),
        horizon: base.horizon.clone(),
        dataset: Cow::Borrowed(&base.dataset),
    }];
    let mut errors = Vec::new();
    for scenario in scenarios {
        match prepare_one(base, data_dir, today, scenario) {
            Ok(plan) => plans.push(plan),
            Err(more) => errors.extend(more),
        }
    }
    if errors.is_empty() {
        Ok(plans)
    } else {
        Err(errors)
    }
}

fn prepare_one<'a>(
    base: &'a Loaded,
    data_dir: &Path,
    today: NaiveDate,
    scenario: &Scenario,
) -> Result<Plan<'a>, Vec<ScenarioError>> {
    let raw = scenario::apply(scenario, &base.policy.raw)?;
    let source = match &scenario.changes {
        scenario::Changes::File { path, .. } => path.clone(),
        scenario::Changes::Keys(_) => format!("--scenario {}", scenario.name).into(),
    };
    let policy =
        input::policy_from_value(raw, &source).map_err(|d| policy_errors(&scenario.name, &d.0))?;
    let horizon = policy.horizon(today);
    let dataset = if horizon == base.horizon {
        Cow::Borrowed(&base.dataset)
    } else {
        let dataset = input::load_dataset(data_dir, &policy, &horizon)
            .map_err(|d| data_errors(&scenario.name, &d.0))?;
        Cow::Owned(dataset)
    };
    Ok(Plan {
        name: scenario.name.clone(),
        policy,
        horizon,
        dataset,
    })
}

/// A policy diagnostic names the key and value.
fn policy_errors(scenario: &str, diagnostics: &[Diagnostic]) -> Vec<ScenarioError> {
    diagnostics
        .iter()
        .map(|d| ScenarioError {
            key: d.column.clone(),
            value: d.value.clone(),
            ..ScenarioError::new(scenario, d.message.clone())
        })
        .collect()
}

/// A data diagnostic (after a horizon change) keeps its file, line and
/// column.
fn data_errors(scenario: &str, diagnostics: &[Diagnostic]) -> Vec<ScenarioError> {
    diagnostics
        .iter()
        .map(|d| ScenarioError::new(scenario, crate::lang::tr!(ScenarioHorizon, problem = d)))
        .collect()
}
