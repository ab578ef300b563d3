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
use crate::model::{self, Context, History, Model, Sense, Unit};
use crate::report::describe_exchange;
use crate::roster::RosterRow;
use crate::solve::{self, Basis, Pricing, RunStatus, Settings, SolveOptions};

/// The roster an answer is compared against: the optimum, solved here, or
/// a roster the user gives (`explain --roster`).
#[derive(Clone)]
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
    /// When settling found a roster better than the baseline
    /// ([`Planner::settle`]), the answer is costed against it instead
    /// (`explain`'s; `suggest` says it once for all its ways, in
    /// `Suggestion::against_better`).
    pub against_better: Option<Better>,
    /// The decision, for settling the answer ([`Planner::settle`]); `None`
    /// without a roster.
    #[serde(skip)]
    pub(crate) question: Option<Question>,
}

/// A roster better than the baseline, found while settling an answer.
#[derive(Clone, Debug, Serialize)]
pub struct Better {
    /// Its objective below the baseline's.
    pub by: f64,
    /// Teachers whose exchange differs from the baseline's.
    pub rows: usize,
}

/// Rows that force a decision into a unit's model.
pub(crate) type Force = Arc<dyn Fn(&mut Model) + Send + Sync>;

/// The rows that forced an answer's decision, to settle it.
#[derive(Clone)]
pub(crate) struct Question(Force);

impl std::fmt::Debug for Question {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Question")
    }
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
            against_better: None,
            question: None,
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

    /// The alternative's roster, every unit's.
    pub fn roster(&self) -> &[Exchange] {
        &self.exchanges
    }

    /// The teachers whose exchange differs from the baseline's, by id.
    pub fn changed_teachers(&self) -> Vec<&str> {
        self.changes.iter().map(|c| c.teacher_id.as_str()).collect()
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
            // Every forced re-solve: an answer compares rosters row by row
            // (the baseline's pricing is set in `optimum`).
            options: SolveOptions {
                pricing: Pricing::ToTheEnd,
                ..options
            },
            units,
            unit_of_teacher,
            history: History::default(),
        }
    }

    /// The optimal roster, solved here: the one `solve` writes, with the
    /// full LP's bound and basis for the forced re-solves
    /// ([`Pricing::OnPastProof`]).
    pub fn optimum(&self) -> Result<Baseline, String> {
        let outcomes = solve::solve(
            self.dataset,
            self.policy,
            self.horizon,
            &self.history,
            &SolveOptions {
                pricing: Pricing::OnPastProof,
                ..self.options.clone()
            },
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
            pricing: self.options.pricing,
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
    pub(crate) fn alternative(
        &self,
        baseline: &Baseline,
        unit: &Unit,
        parallel: usize,
        around: &Around,
        force: Force,
    ) -> Alternative {
        let kept: HashSet<&Exchange> = of_unit(&baseline.exchanges, unit).collect();
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
            .map(|bound| bound - self.reward() * kept.len() as f64);
        let start = solve::Start {
            chosen: &chosen,
            bound,
            basis: unit
                .counties
                .first()
                .and_then(|c| baseline.basis.get(c))
                .map(|b| &**b),
            only: false,
        };
        let outcome = self.rewarded(unit, &self.settings(parallel), &kept, &*force, start);
        let mut alternative =
            Alternative::without_roster(&outcome.status, outcome.conflicts.clone());
        if let RunStatus::Error(message) = &outcome.status {
            alternative.conflicts.push(message.clone());
        }
        if outcome.has_roster() {
            let own = outcome.chosen.iter().map(|c| c.exchange.clone());
            self.cost(baseline, unit, &mut alternative, own, outcome.objective);
            alternative.question = Some(Question(force));
        }
        alternative
    }

    /// What keeping one exchange of the baseline earns a forced roster.
    ///
    /// Many rosters often tie with the best one; so that an answer lists
    /// the changes the forced decision implies rather than an arbitrary
    /// reshuffle, each exchange kept from the baseline earns a reward worth
    /// 10 m of travel (tier 7), enough to be above the solver's tolerances
    /// and too little to outweigh any real difference. It is taken back out
    /// of the objective reported.
    fn reward(&self) -> f64 {
        (self.policy.weights.distance * 0.01).max(1e-4)
    }

    /// Solves `unit` with `force`'s rows from `start`, each exchange of
    /// `kept` earning [`Planner::reward`]; the outcome's objective is the
    /// model's, without the reward.
    fn rewarded(
        &self,
        unit: &Unit,
        settings: &Settings,
        kept: &HashSet<&Exchange>,
        force: &(dyn Fn(&mut Model) + Sync),
        start: solve::Start,
    ) -> solve::UnitOutcome {
        let reward = self.reward();
        let with_reward = |model: &mut Model| {
            force(model);
            for c in 0..model.candidates.len() {
                if kept.contains(&model.candidates[c].exchange) {
                    let column = model.candidate_column(c);
                    model.objective.add_term(column, -reward);
                }
            }
        };
        let ctx = self.context(unit);
        let mut outcome = solve::solve_unit_with(&ctx, settings, None, &with_reward, Some(start));
        let rewarded = outcome
            .chosen
            .iter()
            .filter(|c| kept.contains(&c.exchange))
            .count();
        outcome.objective = outcome.objective.map(|o| o + reward * rewarded as f64);
        outcome
    }

    /// Gives `alternative` the roster made of `own` (exchanges of `unit`'s
    /// teachers) and the baseline's other units, costed against `baseline`;
    /// `objective` is the unit model's.
    fn cost(
        &self,
        baseline: &Baseline,
        unit: &Unit,
        alternative: &mut Alternative,
        own: impl Iterator<Item = Exchange>,
        objective: Option<f64>,
    ) {
        let in_unit: HashSet<TeacherIx> = unit.teachers.iter().copied().collect();
        let mut exchanges: Vec<Exchange> = baseline
            .exchanges
            .iter()
            .filter(|e| !in_unit.contains(&e.teacher))
            .cloned()
            .collect();
        exchanges.extend(own);
        let score = Score::of(self.dataset, self.policy, self.horizon, &exchanges);
        alternative.cost = score.against(&baseline.score, self.policy);
        alternative.cost_in_words = in_words(&alternative.cost);
        alternative.objective_difference = unit
            .counties
            .first()
            .and_then(|c| baseline.objective.get(c))
            .zip(objective)
            .map(|(before, after)| after - before);
        alternative.changes = self.changes(&baseline.exchanges, &exchanges);
        alternative.exchanges = exchanges;
    }

    /// Settles the answers `alternatives` of `unit`, solved against
    /// `baseline` with `parallel` such settlings running at once, and
    /// returns the baseline they are then costed against, with how much
    /// better than `baseline` it is when it is another roster.
    ///
    /// Each roster, the baseline's and the answers', is optimal only within
    /// the requested gap, and on a large county many rosters lie within
    /// it: an answer may then cost less than the baseline (its re-solve
    /// found a better roster elsewhere in the county) and list a hundred
    /// changes that have nothing to do with its question. Where an answer
    /// costs less than the baseline by more than [`CHEAPER`] of its
    /// objective, settling makes each answer's cost and changes those of
    /// its decision:
    ///
    /// 1. `B*`, the best roster made of the exchanges of the baseline and
    ///    of every answer (one MIP, every other candidate fixed at 0, a gap
    ///    of [`SETTLED_WITHIN`]), with each teacher of `keep` as the
    ///    baseline has them; it replaces the baseline when it is better by
    ///    more than [`CHEAPER`] and HiGHS proved it over those exchanges.
    /// 2. Each answer: the best roster with its decision made of its own
    ///    exchanges and `B*`'s (one MIP each, a gap of 0, started from its
    ///    own roster, so never worse in what it minimizes: the objective
    ///    less the reward of each of `B*`'s exchanges kept, as in
    ///    [`Planner::alternative`]).
    ///
    /// Every answer's roster is one of step 1's rosters, so with `keep`
    /// empty no answer costs less than `B*` by more than
    /// [`SETTLED_WITHIN`] of its objective. An answer whose search is not
    /// proven keeps its own roster, costed against `B*`. Only a baseline
    /// solved here is settled: a roster given with `--roster` is the
    /// user's, and what an answer saves against it is an answer too.
    pub(crate) fn settle(
        &self,
        baseline: &Baseline,
        unit: &Unit,
        keep: &[TeacherIx],
        parallel: usize,
        alternatives: &mut [&mut Alternative],
    ) -> (Baseline, Option<Better>) {
        let mut settled = baseline.clone();
        let Some(&before) = unit
            .counties
            .first()
            .and_then(|c| baseline.objective.get(c))
        else {
            return (settled, None);
        };
        let tie = CHEAPER * before.abs().max(1.0);
        // Only an answer cheaper than the baseline shows it is not the
        // best roster; otherwise every answer stands as solved.
        let cheaper = alternatives
            .iter()
            .any(|a| a.question.is_some() && a.objective_difference.is_some_and(|d| d < -tie));
        if !cheaper {
            return (settled, None);
        }
        let exact = |parallel: usize| Settings {
            mip_gap: 0.0,
            ..self.settings(parallel)
        };

        // 1. The baseline, settled.
        let kept: HashSet<&Exchange> = of_unit(&baseline.exchanges, unit).collect();
        let pool: HashSet<&Exchange> = alternatives
            .iter()
            .filter(|a| a.question.is_some())
            .flat_map(|a| of_unit(&a.exchanges, unit))
            .chain(kept.iter().copied())
            .collect();
        let keeps = |model: &mut Model| {
            for &t in keep {
                let theirs = baseline.exchanges.iter().find(|e| e.teacher == t);
                let same: Vec<usize> = (0..model.candidates.len())
                    .filter(|&c| {
                        let e = &model.candidates[c].exchange;
                        e.teacher == t && theirs.is_none_or(|theirs| e == theirs)
                    })
                    .collect();
                let name = format!("settle_keeps[{}]", self.dataset.teachers[t].id);
                let rhs = if theirs.is_some() { 1.0 } else { 0.0 };
                model.force(&name, &same, Sense::Equal, rhs);
            }
        };
        let from_baseline = |c: &Candidate| starting_from(&kept, &pool, &c.exchange);
        let start = solve::Start {
            chosen: &from_baseline,
            bound: None,
            basis: None,
            only: true,
        };
        let within = Settings {
            mip_gap: SETTLED_WITHIN,
            ..self.settings(parallel)
        };
        let best = self.rewarded(unit, &within, &HashSet::new(), &keeps, start);
        let Some(after) = best.objective.filter(|_| best.status == RunStatus::Optimal) else {
            // Not proven over the pool (out of time): nothing to settle
            // against.
            return (settled, None);
        };
        let mut against_better = None;
        if after < before - tie {
            let in_unit: HashSet<TeacherIx> = unit.teachers.iter().copied().collect();
            settled.exchanges.retain(|e| !in_unit.contains(&e.teacher));
            settled
                .exchanges
                .extend(best.chosen.iter().map(|c| c.exchange.clone()));
            if let Some(county) = unit.counties.first() {
                settled.objective.insert(county.clone(), after);
            }
            settled.score = Score::of(self.dataset, self.policy, self.horizon, &settled.exchanges);
            against_better = Some(Better {
                by: before - after,
                rows: self.changes(&baseline.exchanges, &settled.exchanges).len(),
            });
        }

        // 2. Each answer, settled against it.
        let base: HashSet<&Exchange> = of_unit(&settled.exchanges, unit).collect();
        let questions: Vec<(Force, HashSet<&Exchange>)> = alternatives
            .iter()
            .filter_map(|a| {
                let own = of_unit(&a.exchanges, unit).collect();
                a.question.clone().map(|q| (q.0, own))
            })
            .collect();
        let answer = |(force, own): &(Force, HashSet<&Exchange>), parallel: usize| {
            let pool: HashSet<&Exchange> = own.union(&base).copied().collect();
            let from_answer = |c: &Candidate| starting_from(own, &pool, &c.exchange);
            let start = solve::Start {
                chosen: &from_answer,
                bound: None,
                basis: None,
                only: true,
            };
            self.rewarded(unit, &exact(parallel), &base, &**force, start)
        };
        // Settlings running side by side already share the threads.
        let outcomes: Vec<solve::UnitOutcome> = if parallel > 1 {
            questions.iter().map(|q| answer(q, parallel)).collect()
        } else {
            self.side_by_side(&questions, answer)
        };
        let answered = alternatives.iter_mut().filter(|a| a.question.is_some());
        for (alternative, outcome) in answered.zip(outcomes) {
            if outcome.status == RunStatus::Optimal {
                let own = outcome.chosen.iter().map(|c| c.exchange.clone());
                self.cost(&settled, unit, alternative, own, outcome.objective);
            } else {
                // Out of time, or not solved at all (its own roster is one
                // of the search's): the answer keeps its roster, costed
                // against the settled baseline.
                let objective = alternative.objective_difference.map(|d| d + before);
                let own: Vec<Exchange> = of_unit(&alternative.exchanges, unit).cloned().collect();
                self.cost(&settled, unit, alternative, own.into_iter(), objective);
            }
        }
        (settled, against_better)
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

/// The exchanges of `unit`'s teachers among `exchanges`, in order.
fn of_unit<'e>(exchanges: &'e [Exchange], unit: &Unit) -> impl Iterator<Item = &'e Exchange> {
    let in_unit: HashSet<TeacherIx> = unit.teachers.iter().copied().collect();
    exchanges
        .iter()
        .filter(move |e| in_unit.contains(&e.teacher))
}

/// A settling search's start ([`solve::Start::chosen`]): the exchanges of
/// `from` chosen, the rest of `pool` open, every other exchange out.
fn starting_from(
    from: &HashSet<&Exchange>,
    pool: &HashSet<&Exchange>,
    e: &Exchange,
) -> Option<bool> {
    if from.contains(e) {
        Some(true)
    } else if pool.contains(e) {
        None
    } else {
        Some(false)
    }
}

/// An answer cheaper than the baseline by more than this share of its
/// objective is settled ([`Planner::settle`]). Less is a tie in effect:
/// on the sample (objective 2.0e6) an answer 0.003 cheaper (290 m less
/// travelled, 7 changes) is better left as it is than costed against a
/// roster the user does not have; on the 150 × 33 county (3.8e7) answers
/// 18 and 36 cheaper listed 132 and 120 changes, almost all unrelated to
/// their question, and 4 and 5 once settled.
const CHEAPER: f64 = 1e-7;

/// The gap to which settling proves `B*` over its exchanges
/// ([`Planner::settle`], step 1): a few ties of [`CHEAPER`], so that an
/// answer can undercut `B*` by no more than a few ties, and 250 times
/// tighter than the default requested gap to which the baseline itself is
/// proven. A gap of 0 spent its time proving ties between rosters that
/// differ in tiers 3 to 7 by less than [`CHEAPER`]: on the 150 × 33
/// county (seed 7, `--gap 1e-4`) `explain T000037`'s step 1 took 18.6 s,
/// with a roster within 9.5 of `B*` after 1.6 s; at this gap 1.6 s, the
/// same best placement (+2.80 against +2.78), `explain` 32 s against 50 s.
const SETTLED_WITHIN: f64 = 4.0 * CHEAPER;

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
