//! Loading and validating a data set (SPEC §3). Every file goes through one
//! table reader ([`table`]) that matches English or Chinese headers and
//! records a [`Diagnostic`] for each bad cell; each file's module then checks
//! its own rules and cross-references by id. Nothing stops at the first
//! problem: a load either returns a complete, consistent [`Dataset`] or every
//! problem found, so one run of `validate` lists them all.

mod cell;
mod demand;
pub(crate) mod diagnostics;
mod encoding;
mod extras;
mod ids;
mod in_force;
mod policy_file;
mod roster_file;
mod schools;
mod subjects;
mod table;
mod teachers;
mod workbook;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::domain::{Dataset, Horizon, Policy};

pub(crate) use cell::Cell;
pub use diagnostics::{Diagnostic, Diagnostics};
pub(crate) use policy_file::LoadedPolicy;
pub use policy_file::{load_policy, policy_from_value};
pub use roster_file::read_roster;

/// Everything a command needs from a data folder.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub policy: LoadedPolicy,
    pub horizon: Horizon,
    pub dataset: Dataset,
}

/// Loads the policy (`policy_path`, else `dir/policy.toml` if present, else
/// defaults), derives the horizon at `today` and loads the data set. When
/// the policy is bad the data set is still checked, against the default
/// horizon, so that all problems are listed together.
pub fn load(
    dir: &Path,
    policy_path: Option<&Path>,
    today: NaiveDate,
) -> Result<Loaded, Diagnostics> {
    load_with_default_horizon(dir, policy_path, Horizon::next_school_year(today))
}

/// [`load`] with the horizon to use when the policy pins none (a
/// re-optimization's is the previous roster's, SPEC §5).
pub(crate) fn load_with_default_horizon(
    dir: &Path,
    policy_path: Option<&Path>,
    default_horizon: Horizon,
) -> Result<Loaded, Diagnostics> {
    let default_path = dir.join("policy.toml");
    let policy_path: Option<PathBuf> = match policy_path {
        Some(path) => Some(path.to_path_buf()),
        None => default_path.exists().then_some(default_path),
    };
    match load_policy(policy_path.as_deref()) {
        Ok(policy) => {
            let horizon = policy.policy.horizon_or(default_horizon);
            let dataset = load_dataset(dir, &policy.policy, &horizon)?;
            Ok(Loaded {
                policy,
                horizon,
                dataset,
            })
        }
        Err(mut diagnostics) => {
            let fallback = Policy::default();
            if let Err(more) = load_dataset(dir, &fallback, &default_horizon) {
                diagnostics.0.extend(more.0);
            }
            Err(diagnostics)
        }
    }
}

/// Reads and checks the data set in `dir` against `horizon` (career dates
/// before its first day, demand and lock terms among its terms).
pub fn load_dataset(
    dir: &Path,
    policy: &Policy,
    horizon: &Horizon,
) -> Result<Dataset, Diagnostics> {
    if !dir.is_dir() {
        return Err(Diagnostics(vec![Diagnostic::file(
            dir,
            crate::lang::tr!(DataNotAFolder),
        )]));
    }
    let problems = table::Problems::default();
    let first_day = horizon.terms.first().map(|term| term.start);
    let (schools, school_ids) = schools::read(dir, &problems);
    let (mut teachers, teacher_ids) = teachers::read(dir, first_day, &school_ids, &problems);
    let demand = demand::read(dir, horizon, &school_ids, &problems);
    subjects::warn_unmatched(dir, &teachers, &demand, &problems);
    let distance_overrides = extras::distances(dir, &school_ids, &problems);
    let preferences = extras::preferences(dir, &teacher_ids, &school_ids, &problems);
    let locks = extras::locks(
        dir,
        policy,
        horizon,
        &teacher_ids,
        &teachers,
        &school_ids,
        &problems,
    );
    let forbidden = extras::forbidden(dir, &teacher_ids, &school_ids, &problems);
    let in_force = in_force::read(
        dir,
        horizon,
        &teacher_ids,
        &mut teachers,
        &school_ids,
        &problems,
    );
    let (errors, warnings) = problems.into_parts();
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    Ok(Dataset {
        schools,
        teachers,
        demand,
        distance_overrides,
        preferences,
        locks,
        forbidden,
        in_force,
        warnings,
    })
}
