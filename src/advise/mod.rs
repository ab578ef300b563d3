//! `explain` and `suggest` (SPEC §5): "why me", "why not me" and "who else
//! could fill this post". Every answer that has a price is a roster: the
//! unit's model with one decision forced (a teacher kept home, a teacher
//! sent, a post filled by one teacher), re-optimized under every rule, and
//! costed tier by tier against the baseline roster with the checker's
//! [`Score`], which counts from the data alone.

pub mod explain;
pub mod suggest;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::check::{in_words, Score, TierChange};
use crate::domain::{Dataset, Exchange, Horizon, Policy, SchoolIx, TeacherIx};
use crate::lang::tr;
use crate::model::candidates::Candidate;
use crate::model::{self, Context, History, Model, Unit};
use crate::report::describe_exchange;
use crate::roster::RosterRow;
use crate::solve::{self, Basis, RunStatus, Settings, SolveOptions};

/// The roster an answer is compared against: the optimum, solved here, or
/// a roster the user gives (`explain --roster`).
pub struct Baseline {
    pub exchanges: Vec<Exchange>,
    pub score: Score,
    /// The model's objective per unit (by the unit's first county) when the
    /// baseline was solved here.
    pub objective: HashMap<String, f64>,
    /// A lower bound of the model's objective per unit, as `objective`, when
    /// the baseline was solved here: every forced model's bound too.
    pub(crate) bound: HashMap<String, f64>,
    /// Where the solver's LP ended per unit, as `objective`, when the
    /// baseline was solved here: each forced model's LP starts there.
    pub(crate) basis: HashMap<String, Arc<Basis>>,
    /// Each rostered teacher's reason codes (the roster's `reasons` column).
    pub(crate) reasons: HashMap<TeacherIx, String>,
}

/// Everything a forced re-optimization needs.
pub struct Planner<'a> {
    pub(crate) dataset: &'a Dataset,
    pub(crate) policy: &'a Policy,
    pub(crate) horizon: &'a Horizon,
    pub(crate) options: SolveOptions,
    units: Vec<Unit>,
    unit_of_teacher: HashMap<TeacherIx, usize>,
    history: History,
}

/// A roster with one decision forced, against the baseline.
#[derive(Clone, Debug, Serialize)]
pub struct Alternative {
    /// `optimal`, `feasible`, `infeasible`, …
    pub(crate) status: String,
    #[serde(skip)]
    pub(crate) exchanges: Vec<Exchange>,
    /// Tier by tier, this roster minus the baseline (positive: worse).
    pub cost: Vec<TierChange>,
    /// The cost in words.
    pub(crate) cost_in_words: String,
    /// The model's objective minus the baseline's, when both were solved.
    pub objective_difference: Option<f64>,
    /// Teachers whose exchange differs from the baseline's.
    pub(crate) changes: Vec<Change>,
    /// Why no roster could hold the decision (rules and rows).
    pub conflicts: Vec<String>,
}

impl Alternative {
    /// An alternative with no roster (yet): how its solve ended and, if no
    /// roster can hold the decision, why.
    pub(crate) fn without_roster(status: &RunStatus, conflicts: Vec<String>) -> Alternative {
        let status = match status {
            RunStatus::Optimal => "optimal",
            RunStatus::Feasible => "feasible",
            RunStatus::Infeasible => "infeasible",
            RunStatus::NoSolution => "time_limit",
            RunStatus::Error(_) => "error",
        };
        Alternative {
            status: status.to_string(),
            exchanges: vec![],
            cost: vec![],
            cost_in_words: String::new(),
            objective_difference: None,
            changes: vec![],
            conflicts,
        }
    }
}

/// One teacher's exchange in the baseline and in the alternative.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Change {
    pub(crate) teacher_id: String,
    pub(crate) before: Option<String>,
    pub(crate) after: Option<String>,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.before, &self.after) {
            (None, Some(after)) => {
                f.write_str(&tr!(AdviseAdds, teacher = self.teacher_id, after = after))
            }
            (Some(before), None) => f.write_str(&tr!(
                AdviseDrops,
                teacher = self.teacher_id,
                before = before
            )),
            (Some(before), Some(after)) => f.write_str(&tr!(
                AdviseMoves,
                teacher = self.teacher_id,
                before = before,
                after = after
            )),
            (None, None) => write!(f, "{}", self.teacher_id),
        }
    }
}

impl Alternative {
    pub fn has_roster(&self) -> bool {
        self.status == "optimal" || self.status == "feasible"
    }

    /// The exchange of teacher `t` in this roster.
    pub fn exchange_of(&self, t: TeacherIx) -> Option<&Exchange> {
        self.exchanges.iter().find(|e| e.teacher == t)
    }
}

impl<'a> Planner<'a> {
    pub fn new(
        dataset: &'a Dataset,
        policy: &'a Policy,
        horizon: &'a Horizon,
        options: SolveOptions,
    ) -> Planner<'a> {
        let units = model::units(dataset);
        let unit_of_teacher = units
            .iter()
            .enumerate()
            .flat_map(|(u, unit)| unit.teachers.iter().map(move |&t| (t, u)))
            .collect();
        Planner {
            dataset,
            policy,
            horizon,
            // The baseline and every forced re-solve: an answer compares
            // rosters row by row.
            options: SolveOptions {
                early_rounding: false,
                ..options
            },
            units,
            unit_of_teacher,
            history: History::default(),
        }
    }

    /// The optimal roster, solved here.
    pub fn optimum(&self) -> Result<Baseline, String> {
        let outcomes = solve::solve(
            self.dataset,
            self.policy,
            self.horizon,
            &self.history,
            &self.options,
        );
        let report = crate::report::report(&crate::report::ReportInput {
            dataset: self.dataset,
            policy: self.policy,
            horizon: self.horizon,
            outcomes: &outcomes,
            history: &self.history,
        });
        let reasons = self.reasons_by_teacher(&report.roster);
        let mut exchanges = Vec::new();
        let mut objective = HashMap::new();
        let mut bound = HashMap::new();
        let mut basis = HashMap::new();
        for outcome in outcomes {
            if !outcome.has_roster() {
                return Err(tr!(
                    AdviseNoBaseline,
                    county = outcome.counties.join(", "),
                    status = format!("{:?}", outcome.status),
                    conflicts = outcome.conflicts.join("; ")
                ));
            }
            if let (Some(county), Some(value)) = (outcome.counties.first(), outcome.objective) {
                objective.insert(county.clone(), value);
            }
            if let (Some(county), Some(value)) = (outcome.counties.first(), outcome.bound) {
                bound.insert(county.clone(), value);
            }
            if let (Some(county), Some(ended)) = (outcome.counties.first(), &outcome.basis) {
                basis.insert(county.clone(), Arc::clone(ended));
            }
            exchanges.extend(outcome.chosen.into_iter().map(|c| c.exchange));
        }
        let score = Score::of(self.dataset, self.policy, self.horizon, &exchanges);
        Ok(Baseline {
            exchanges,
            score,
            objective,
            bound,
            basis,
            reasons,
        })
    }

    /// A baseline from a roster file's rows (`explain --roster`); rows that
    /// name no valid exchange are errors.
    pub(crate) fn given(&self, rows: &[(u64, RosterRow)]) -> Result<Baseline, Vec<String>> {
        let resolved = crate::check::resolve(self.dataset, self.horizon, rows);
        if !resolved.violations.is_empty() {
            return Err(resolved.violations.iter().map(|v| v.to_string()).collect());
        }
        let exchanges: Vec<Exchange> = resolved.exchanges.into_iter().map(|p| p.exchange).collect();
        let rows: Vec<RosterRow> = rows.iter().map(|(_, row)| row.clone()).collect();
        Ok(Baseline {
            score: Score::of(self.dataset, self.policy, self.horizon, &exchanges),
            exchanges,
            objective: HashMap::new(),
            bound: HashMap::new(),
            basis: HashMap::new(),
            reasons: self.reasons_by_teacher(&rows),
        })
    }

    fn reasons_by_teacher(&self, rows: &[RosterRow]) -> HashMap<TeacherIx, String> {
        rows.iter()
            .filter_map(|row| {
                let t = self.dataset.teacher_index(row.teacher_id.trim())?;
                Some((t, row.reasons.clone()))
            })
            .collect()
    }

    /// The planning unit teacher `t` belongs to.
    pub(crate) fn unit_of(&self, t: TeacherIx) -> &Unit {
        &self.units[self.unit_of_teacher[&t]]
    }

    /// The planning unit school `s` belongs to.
    pub(crate) fn unit_of_school(&self, s: SchoolIx) -> &Unit {
        self.units
            .iter()
            .find(|unit| unit.schools.contains(&s))
            .unwrap_or(&self.units[0])
    }

    pub(crate) fn context<'u>(&'u self, unit: &'u Unit) -> Context<'u> {
        Context::new(self.dataset, self.policy, self.horizon, unit, &self.history)
    }

    /// Settings for one solve, `parallel` of them running at once.
    fn settings(&self, parallel: usize) -> Settings {
        let threads = match self.options.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n as usize,
        };
        Settings {
            deadline: self.options.deadline(),
            mip_gap: self.options.mip_gap,
            threads: (threads / parallel.max(1)).max(1) as u32,
            progress: self.options.progress.clone(),
            early_rounding: self.options.early_rounding,
        }
    }

    /// Threads in all, for running alternatives side by side.
    pub(crate) fn threads(&self) -> usize {
        self.settings(1).threads as usize
    }

    /// `answer` for each of `items`, side by side on the planner's threads,
    /// in the order given; `answer` is told how many run at once (for
    /// [`Planner::alternative`]'s share of the threads).
    pub(crate) fn side_by_side<T: Sync, R: Send>(
        &self,
        items: &[T],
        answer: impl Fn(&T, usize) -> R + Sync,
    ) -> Vec<R> {
        let parallel = items.len().min(self.threads()).max(1);
        let one = |item: &T| answer(item, parallel);
        match rayon::ThreadPoolBuilder::new()
            .num_threads(parallel)
            .build()
        {
            Ok(pool) => pool.install(|| items.par_iter().map(one).collect()),
            Err(_) => items.iter().map(one).collect(),
        }
    }

    /// Re-optimizes `unit` with `force` adding its rows, and costs the
    /// roster against `baseline`. `parallel` alternatives run at once.
    ///
    /// The searches start from the baseline roster with the exchanges
    /// `around` the forced decision left open ([`Around`]): HiGHS completes
    /// it into a roster that obeys the forced rows, usually the answer or
    /// close to it. That only speeds the search up; the roster is proven
    /// within the gap of its own model as any other.
    ///
    /// Many rosters often tie with the best one; so that an answer lists
    /// the changes the forced decision implies rather than an arbitrary
    /// reshuffle, each exchange kept from the baseline earns a reward worth
    /// 10 m of travel (tier 7), enough to be above the solver's tolerances
    /// and too little to outweigh any real difference. It is taken back out
    /// of the objective reported.
    pub(crate) fn alternative(
        &self,
        baseline: &Baseline,
        unit: &Unit,
        parallel: usize,
        around: &Around,
        force: &(dyn Fn(&mut Model) + Sync),
    ) -> Alternative {
        let ctx = self.context(unit);
        let in_unit: HashSet<TeacherIx> = unit.teachers.iter().copied().collect();
        let kept: HashSet<&Exchange> = baseline
            .exchanges
            .iter()
            .filter(|e| in_unit.contains(&e.teacher))
            .collect();
        let reward = (self.policy.weights.distance * 0.01).max(1e-4);
        let with_reward = |model: &mut Model| {
            force(model);
            for c in 0..model.candidates.len() {
                if kept.contains(&model.candidates[c].exchange) {
                    let column = model.candidate_column(c);
                    model.objective.add_term(column, -reward);
                }
            }
        };
        let chosen = |candidate: &Candidate| {
            let e = &candidate.exchange;
            (!around.opens(e)).then(|| kept.contains(e))
        };
        // Every roster of the forced model is one of the baseline's model,
        // whose objective is at least the baseline's bound; the reward
        // takes at most `reward` per kept exchange off it (one exchange per
        // teacher, and the kept exchanges are of distinct teachers).
        let bound = Some(unit)
            .filter(|_| around.near)
            .and_then(|unit| unit.counties.first())
            .and_then(|c| baseline.bound.get(c))
            .map(|bound| bound - reward * kept.len() as f64);
        let start = solve::Start {
            chosen: &chosen,
            bound,
            basis: unit
                .counties
                .first()
                .and_then(|c| baseline.basis.get(c))
                .map(|b| &**b),
        };
        let outcome = solve::solve_unit_with(
            &ctx,
            &self.settings(parallel),
            None,
            &with_reward,
            Some(start),
        );
        let mut alternative =
            Alternative::without_roster(&outcome.status, outcome.conflicts.clone());
        if let RunStatus::Error(message) = &outcome.status {
            alternative.conflicts.push(message.clone());
        }
        if !outcome.has_roster() {
            return alternative;
        }
        let mut exchanges: Vec<Exchange> = baseline
            .exchanges
            .iter()
            .filter(|e| !in_unit.contains(&e.teacher))
            .cloned()
            .collect();
        exchanges.extend(outcome.chosen.iter().map(|c| c.exchange.clone()));
        let score = Score::of(self.dataset, self.policy, self.horizon, &exchanges);
        alternative.cost = score.against(&baseline.score, self.policy);
        alternative.cost_in_words = in_words(&alternative.cost);
        alternative.objective_difference = unit
            .counties
            .first()
            .and_then(|c| baseline.objective.get(c))
            .zip(outcome.objective)
            .map(|(before, after)| {
                let rewarded = exchanges.iter().filter(|e| kept.contains(e)).count();
                after + reward * rewarded as f64 - before
            });
        alternative.changes = self.changes(&baseline.exchanges, &exchanges);
        alternative.exchanges = exchanges;
        alternative
    }

    /// Teachers whose exchange differs between two rosters, by id.
    fn changes(&self, before: &[Exchange], after: &[Exchange]) -> Vec<Change> {
        let mut by_teacher: BTreeMap<&str, (Option<&Exchange>, Option<&Exchange>)> =
            BTreeMap::new();
        for e in before {
            by_teacher
                .entry(&self.dataset.teachers[e.teacher].id)
                .or_default()
                .0 = Some(e);
        }
        for e in after {
            by_teacher
                .entry(&self.dataset.teachers[e.teacher].id)
                .or_default()
                .1 = Some(e);
        }
        let describe = |e: &Exchange| describe_exchange(self.dataset, self.horizon, e);
        by_teacher
            .into_iter()
            .filter(|(_, (b, a))| b != a)
            .map(|(id, (b, a))| Change {
                teacher_id: id.to_string(),
                before: b.map(describe),
                after: a.map(describe),
            })
            .collect()
    }
}

/// What a forced decision may change in the baseline, for the start of its
/// re-optimization: the exchanges of `teachers`, and every exchange to one
/// of `hosts`. The start keeps the rest of the baseline as it is, so that
/// completing it is a small search.
#[derive(Clone, Debug)]
pub(crate) struct Around {
    pub(crate) teachers: Vec<TeacherIx>,
    pub(crate) hosts: Vec<SchoolIx>,
    /// Whether the answer is expected near the baseline, so that the
    /// start, completed, may be taken once the baseline's bound proves it.
    /// Not where the forced decision's place is the question (a teacher's
    /// best placement): a roster merely within the gap there can cost far
    /// more than the best placement, which the full searches find.
    pub(crate) near: bool,
}

impl Around {
    /// Around teacher `t`'s exchange: theirs, and every exchange to
    /// `hosts` (where they are forced to go) or to the host the baseline
    /// sends them to (someone else may fill it).
    pub(crate) fn teacher(baseline: &Baseline, t: TeacherIx, hosts: &[SchoolIx]) -> Around {
        let mut schools = hosts.to_vec();
        schools.extend(
            baseline
                .exchanges
                .iter()
                .filter(|e| e.teacher == t)
                .map(|e| e.host),
        );
        Around {
            teachers: vec![t],
            hosts: schools,
            near: true,
        }
    }

    fn opens(&self, e: &Exchange) -> bool {
        self.teachers.contains(&e.teacher) || self.hosts.contains(&e.host)
    }
}

/// The cost lines of an alternative, for people: one per tier that moves.
pub(crate) fn cost_lines(alternative: &Alternative) -> Vec<String> {
    alternative
        .cost
        .iter()
        .filter(|c| !c.words.is_empty())
        .map(|c| {
            tr!(
                AdviseCostLine,
                tier = c.tier,
                name = c.name,
                words = c.words
            )
        })
        .collect()
}
