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
//! 1. **Restricted problem**: refill candidates (`model::Model::first_lp`),
//!    two thirds of a county's columns, are held outside HiGHS (at 0), and
//!    so are the couples' rows (two thirds of its rows, see
//!    [`super::pricing`]); the LP of the others and the MIP in its
//!    neighbourhood give a first roster early, when the bound could prove
//!    it (a roster there costs at least that LP's value). Leaving columns
//!    out only fixes them at 0, so it is a roster of the full model. Its
//!    LP's duals, with the held candidates priced, bound the full model
//!    (the teacher bound, [`super::pricing::Relaxation::bound`]). When the
//!    time limit cuts pricing short, the neighbourhood of its last LP is
//!    the answer, as `feasible` with its gap; pricing leaves a share of
//!    the time for it ([`RESERVE`]).
//! 2. **Relaxation**: the held candidates enter HiGHS when their reduced
//!    cost, priced outside it from the row duals, is negative (column
//!    generation, [`super::pricing`]), and the rows left out when the LP's
//!    solution breaks them, until neither happens: the LP is then the full
//!    model's, and its value `z` bounds every roster from below. Each
//!    round's duals bound the full model too (the teacher bound,
//!    [`super::pricing::Relaxation::bound`]); once an LP is within half
//!    the requested gap of that bound, its rounding ([`Searches::rounding`])
//!    is tried, and is the answer when the bound proves it: on the
//!    150 × 33 county the last rounds of pricing move the LP by less than
//!    a thousandth of the gap and took a third of the run.
//! 3. **Neighbourhood**: solve the MIP with the candidates the LP uses and
//!    those of their swap classes (the same home school, host and subject,
//!    any teacher: so seniority, volunteers and the other per-teacher tiers
//!    can pick who goes), every other candidate left out (at 0), started
//!    from the LP's rounding ([`Searches::rounding`]: its whole exchanges
//!    fixed). A few thousand binaries. The best roster so far (this one,
//!    the start's, the restricted LP's neighbourhood's) has value `U`.
//! 4. If `U - z` is within the requested gap (`[solver] mip_gap`, HiGHS's
//!    absolute tolerance), `U`'s roster is proven as good as asked, and is
//!    the answer. Otherwise the full MIP is solved with `U`'s roster as its
//!    start, so HiGHS only has to close the bound, over the candidates
//!    whose reduced cost is at most `U - z`: no roster with another beats
//!    `U` (reduced-cost fixing), so the others are left out (at 0).
//!
//! A re-optimization with one decision forced (`explain`, `suggest`) may
//! come with a [`Start`]: the baseline roster, open around the decision,
//! and a bound known beforehand. Its search comes before step 1 and is the
//! answer when that bound proves it within the gap. The start may also
//! carry where the baseline's last LP ended ([`Start::basis`]): step 1 is
//! then that LP with the forced rows added, re-solved warm, instead of the
//! restricted LP priced again from the beginning (on the 150 × 33 county,
//! `explain` of a teacher the baseline leaves home took 38 s instead of
//! 74 s).
//!
//! Each search is a HiGHS model of its own, of every row and only the
//! columns it may use ([`Columns::problem`]); rosters are mapped back to
//! every column of the model (the others 0).
//!
//! Every path ends in a roster at least as good as the plain MIP would give
//! within the same gap: the bound is the full model's, and the last step is
//! the plain MIP. A roster is called optimal only when a bound of the full
//! model (or HiGHS's search of it) proves it within the gap.

use std::cell::Cell;
use std::collections::HashSet;
use std::time::Instant;

use highs::{HighsModelStatus, HighsSolutionStatus, Model, SolvedModel};
use highs_sys::HighsInt;

use super::columns::Columns;
use super::highs_run::PRESOLVE_RULES_OFF;
use super::pricing::{Basis, Lp, Master, Open, Relaxation};
use super::progress::Phase;

/// HiGHS's `kPresolveRuleProbing`, for `presolve_rule_off`.
const PROBING: i32 = 1 << 15;

/// A start's completion ([`Start`]) with at least this many candidates
/// in it runs HiGHS's presolve without probing. The start is nearly a
/// roster, which HiGHS completes at the root; probing helps it find a
/// better completion where it is cheap, and is not worth it where it is
/// not. On the 150 × 33 county, in one `suggest`, completions of 1,221 to
/// 2,060 candidates took 0.1–0.3 s with probing, and one of 4,382 took
/// 102.6 s probing and 0.8 s searching (the whole `suggest` 142 s against
/// 50 s with probing off there). On the sample, probing off everywhere
/// found a completion 8 units dearer for one alternative (within the gap,
/// but a worse answer).
const PROBE_BELOW: usize = 3_000;

/// The first LP's neighbourhood is searched, whatever the bound, when the
/// time left is less than this many times what the first LP took: the
/// roster of last resort should the time limit cut pricing short.
const SHORT_OF_TIME: f64 = 10.0;

/// HiGHS's own absolute gap tolerance (`mip_abs_gap` default).
const MIP_ABS_GAP: f64 = 1e-6;

/// The share of the time left after the restricted problem that pricing
/// leaves for the neighbourhood of its last LP, should pricing not finish
/// (a 5,000-teacher county's full LP can take minutes): that roster uses
/// the refills priced in so far.
const RESERVE: f64 = 0.25;

/// An LP value at or below this counts as 0 (HiGHS's primal feasibility
/// tolerance is 1e-7).
const ZERO: f64 = 1e-9;

/// An LP value at or above 1 minus this counts as a whole exchange.
const WHOLE: f64 = 1e-6;

/// A roster: the value of every column of the model and the objective.
pub(crate) struct Roster {
    pub(crate) columns: Vec<f64>,
    pub(crate) objective: f64,
}

impl Roster {
    /// The roster of a search over the model's columns `inside` (in that
    /// order); every other column is 0. Its objective is the model's costs
    /// times its values, not HiGHS's objective value: after a MIP start
    /// HiGHS 1.16 can report the objective of its presolved space with a
    /// wrong offset (a 12 × 20 county's roster reported 7,767 below its
    /// cost, below the LP bound).
    fn of(solved: &SolvedModel, inside: &[usize], columns: &Columns) -> Option<Roster> {
        has_solution(solved).then(|| {
            let mut values = vec![0.0; columns.len()];
            for (&j, &value) in inside.iter().zip(solved.get_solution().columns()) {
                values[j] = value;
            }
            Roster {
                objective: columns.cost_of(&values),
                columns: values,
            }
        })
    }

    /// The better of two rosters (the first on a tie).
    fn better(a: Option<Roster>, b: Option<Roster>) -> Option<Roster> {
        match (a, b) {
            (Some(a), Some(b)) if b.objective < a.objective => Some(b),
            (Some(a), _) => Some(a),
            (None, b) => b,
        }
    }
}

/// How the run ended.
pub(crate) struct Outcome {
    /// HiGHS's status for the full model's last search: `Optimal` only when
    /// HiGHS proved the roster optimal over every candidate.
    pub(crate) status: HighsModelStatus,
    /// The best roster found, of the restricted problem or the full one
    /// (a roster of the restricted problem is one of the full model).
    pub(crate) roster: Option<Roster>,
    /// The roster's relative gap to the better of the best known bound of
    /// the full model and HiGHS's own bound for a full search. A search cut
    /// short by the time limit may not have a bound of its own yet, while
    /// the LP's is already close.
    pub(crate) gap: Option<f64>,
    /// The gap is within the requested one: the roster is optimal as asked,
    /// whatever HiGHS's status for its last search.
    pub(crate) within_gap: bool,
    /// The best bound of the full model known outside HiGHS's own search
    /// (minus infinity if none): what a [`Start`] of a restricted model
    /// can be given.
    pub(crate) bound: f64,
    /// A search stopped on the time limit (any of them: restricted,
    /// pricing, neighbourhood or full): what it found depends on the
    /// machine's speed, so a rerun may give another roster.
    pub(crate) timed_out: bool,
    /// Where the last LP ended, when the roster was found from it: the
    /// start of a re-optimization with a decision forced ([`Start::basis`]).
    pub(crate) basis: Option<Basis>,
}

impl Outcome {
    /// The best roster `roster`, judged against `lower_bound` (a bound of
    /// the full model; minus infinity when none is known yet) and, when the
    /// last search was of the full model, HiGHS's own `full_search` status
    /// and gap.
    fn judged(
        status: HighsModelStatus,
        roster: Option<Roster>,
        lower_bound: f64,
        mip_gap: f64,
        full_search: Option<f64>,
    ) -> Outcome {
        let Some(found) = &roster else {
            return Outcome {
                status,
                roster,
                gap: None,
                within_gap: false,
                bound: lower_bound,
                timed_out: false,
                basis: None,
            };
        };
        let upper_bound = found.objective;
        let proven = full_search.is_some() && status == HighsModelStatus::Optimal;
        let gap = (upper_bound - lower_bound).max(0.0);
        let within_gap = within(upper_bound, lower_bound, mip_gap) || proven;
        let relative = if gap == 0.0 {
            0.0
        } else if upper_bound.abs() > 0.0 {
            gap / upper_bound.abs()
        } else {
            f64::INFINITY
        };
        let gap = match full_search {
            Some(own) if own.is_finite() => relative.min(own.max(0.0)),
            _ => relative,
        };
        Outcome {
            // A roster proven within the gap by a bound of the full model
            // is reported optimal by `within_gap`; a search of anything
            // less than the full model proves nothing by its status.
            status: if full_search.is_some() || status != HighsModelStatus::Optimal {
                status
            } else {
                HighsModelStatus::ReachedTimeLimit
            },
            gap: Some(gap),
            within_gap,
            bound: lower_bound,
            roster,
            timed_out: false,
            basis: None,
        }
    }
}

/// Whether a roster of value `upper` is within the relative gap `mip_gap`
/// (or HiGHS's absolute one) of the bound `lower`.
fn within(upper: f64, lower: f64, mip_gap: f64) -> bool {
    let gap = (upper - lower).max(0.0);
    gap <= MIP_ABS_GAP || gap <= mip_gap * upper.abs()
}

/// Seconds left until `deadline` (0 once it has passed).
pub(crate) fn remaining(deadline: Instant) -> f64 {
    deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64()
}

/// Gives the next solve what is left until the run's `deadline`. HiGHS
/// checks its `time_limit` against its run clock, which keeps running over
/// every solve of one object, so the clock starts again from 0 (otherwise
/// each solve after the first stops early by the time the earlier ones
/// took).
pub(crate) fn limit_time(model: &mut Model, deadline: Instant) -> Result<(), String> {
    super::ffi::zero_clocks(model)?;
    model
        .try_set_option("time_limit", remaining(deadline))
        .map_err(|e| format!("HiGHS rejected the time limit: {e:?}"))
}

fn timed_out(solved: &SolvedModel) -> bool {
    solved.status() == HighsModelStatus::ReachedTimeLimit
}

fn has_solution(solved: &SolvedModel) -> bool {
    solved.primal_solution_status() == HighsSolutionStatus::Feasible
}

/// The model to solve: its columns, and which of them are candidates.
pub(crate) struct Problem<'a> {
    pub(crate) columns: &'a Columns,
    /// The candidates' columns.
    pub(crate) binaries: &'a [usize],
    /// Each candidate's swap class (`model::Model::swap_class`).
    pub(crate) classes: &'a [usize],
    /// Whether each candidate is in the first LP (`model::Model::first_lp`);
    /// the others are held for pricing.
    pub(crate) first_lp: &'a [bool],
    /// Where to start the searches from, if anywhere.
    pub(crate) start: Option<Start<'a>>,
    /// The fewest columns a pricing round must be about to enter for the
    /// LP's rounding to be tried before it, and pricing to end when a bound
    /// of the model proves that rounding; `None`: pricing runs to the end.
    pub(crate) early_rounding: Option<usize>,
    /// Whether pricing goes on to the end once a bound has proven the
    /// early rounding's roster: that roster stays the answer (the one the
    /// run without `price_on` gives), and the outcome's bound and basis are
    /// the full LP's, for re-solves of the model with a decision forced
    /// (`solve::Pricing::OnPastProof`).
    pub(crate) price_on: bool,
}

/// A partial roster to start from, and a bound of the model known
/// beforehand (`explain` and `suggest` re-optimize the baseline with one
/// decision forced: the baseline's bound, less what the forced model
/// rewards, bounds the forced model too).
///
/// The search over the candidates the start chooses or leaves open comes
/// first; its roster is the answer when it is within the gap of `bound`.
/// Otherwise the searches go on as without a start, each neighbourhood
/// also holding the start's candidates, so that HiGHS can complete the
/// start there. A start changes how soon an answer is found, never what
/// proves it: every roster is judged against bounds of the model.
#[derive(Clone, Copy)]
pub(crate) struct Start<'a> {
    /// A value for every column; `f64::INFINITY` (HiGHS's
    /// `kHighsUndefined`) where HiGHS is to complete it.
    pub(crate) columns: &'a [f64],
    /// A lower bound of the model's objective (minus infinity if none).
    pub(crate) bound: f64,
    /// Where the baseline's last LP ended, on the model without the forced
    /// decision's rows: the LP starts there instead of from the first LP.
    pub(crate) basis: Option<&'a Basis>,
    /// The search over the candidates the start chooses or leaves open is
    /// the whole run: its best roster is the answer, and HiGHS's status
    /// (`Optimal`) proves it over those candidates only (`advise` settles
    /// its answers so: the best roster made of the exchanges of a few
    /// given rosters).
    pub(crate) only: bool,
}

/// The MIP searches of one run: each over some of the model's columns (the
/// others fixed at 0), in a HiGHS model of its own.
struct Searches<'a> {
    problem: &'a Problem<'a>,
    open: Open<'a>,
    deadline: Instant,
    stopped: &'a Cell<bool>,
    /// Whether each column is a candidate's.
    candidate: Vec<bool>,
    /// Told when an LP, a neighbourhood or the full search starts.
    phase: &'a dyn Fn(Phase),
    /// The requested relative gap.
    mip_gap: f64,
}

impl Searches<'_> {
    /// The MIP over the columns that are no candidate's and the candidates
    /// `keep` allows, from `start` (the value of every column of the model,
    /// HiGHS completing undefined ones) if given.
    fn search(
        &self,
        keep: impl Fn(usize) -> bool,
        start: Option<&[f64]>,
        tune: impl FnOnce(&mut Model, &[usize]) -> Result<(), String>,
    ) -> Result<(SolvedModel, Vec<usize>), String> {
        let columns = self.problem.columns;
        let inside: Vec<usize> = (0..columns.len())
            .filter(|&j| !self.candidate[j] || keep(j))
            .collect();
        let mut model = (self.open)(columns.problem(&inside, true))?;
        tune(&mut model, &inside)?;
        if let Some(start) = start {
            let values: Vec<f64> = inside.iter().map(|&j| start[j]).collect();
            model
                .try_set_solution(Some(&values), None, None, None)
                .map_err(|e| format!("HiGHS refused the start roster: {e:?}"))?;
        }
        limit_time(&mut model, self.deadline)?;
        let solved = model
            .try_solve()
            .map_err(|e| format!("HiGHS failed: {e:?}"))?;
        if timed_out(&solved) {
            self.stopped.set(true);
        }
        Ok((solved, inside))
    }

    /// The MIP in the neighbourhood of `lp`: the candidates it uses and
    /// those of their swap classes, except held ones (`held`), and those
    /// the run's start chooses ([`Problem::start`]); every other candidate
    /// fixed at 0. It starts from the LP's rounding
    /// ([`Searches::rounding`]), or else from the run's start, and is not
    /// searched when the rounding is already within the gap of `bound`.
    fn neighbourhood(
        &self,
        lp: &Relaxation,
        held: &[bool],
        bound: f64,
    ) -> Result<Option<Roster>, String> {
        let Problem {
            binaries, classes, ..
        } = self.problem;
        let used: HashSet<usize> = binaries
            .iter()
            .zip(classes.iter())
            .filter(|&(&c, _)| lp.values[c] > ZERO)
            .map(|(_, &class)| class)
            .collect();
        (self.phase)(Phase::Neighbourhood);
        let rounded = self.rounding(lp)?;
        if rounded
            .as_ref()
            .is_some_and(|r| within(r.objective, bound, self.mip_gap))
        {
            return Ok(rounded);
        }
        let start = self.problem.start.map(|s| s.columns);
        let mut free = vec![false; self.problem.columns.len()];
        for (&c, class) in binaries.iter().zip(classes.iter()) {
            free[c] = (!held[c] && used.contains(class)) || start.is_some_and(|s| s[c] == 1.0);
        }
        // The rounding's candidates are in the neighbourhood (the LP uses
        // them), so it is one of its rosters; without it, HiGHS completes
        // the run's start there.
        let from = rounded.as_ref().map(|r| r.columns.as_slice()).or(start);
        let (solved, inside) = self.search(|j| free[j], from, |_, _| Ok(()))?;
        Ok(Roster::better(
            rounded,
            Roster::of(&solved, &inside, self.problem.columns),
        ))
    }

    /// The better of `best` and the neighbourhood's roster, judged against
    /// `bound` before any full search.
    fn judged_neighbourhood(
        &self,
        lp: &Relaxation,
        held: &[bool],
        bound: f64,
        best: Option<Roster>,
    ) -> Result<Outcome, String> {
        let roster = self.neighbourhood(lp, held, bound)?;
        Ok(before_full_search(
            HighsModelStatus::ReachedTimeLimit,
            Roster::better(best, roster),
            bound,
            self.mip_gap,
        ))
    }

    /// The LP's rounding (RENS proper): the MIP over the candidates the LP
    /// uses, those it takes whole fixed at 1, so only its fractional ones
    /// are decided. A county's LP is nearly integral, so this is a small
    /// MIP, solved in a moment, whose roster is usually within a few units
    /// of the LP bound; HiGHS's own heuristics took a minute to find as
    /// good a start for the neighbourhood of a 150 × 33 county's LP. `None`
    /// when no roster completes the LP's integral part.
    fn rounding(&self, lp: &Relaxation) -> Result<Option<Roster>, String> {
        let whole = |j: usize| self.candidate[j] && lp.values[j] >= 1.0 - WHOLE;
        let fix = |model: &mut Model, inside: &[usize]| {
            let at_one: Vec<HighsInt> = (0..inside.len())
                .filter(|&k| whole(inside[k]))
                .map(|k| k as HighsInt)
                .collect();
            super::ffi::fix_at_one(model, &at_one)
        };
        let (solved, inside) = self.search(|j| lp.values[j] > ZERO, None, fix)?;
        Ok(Roster::of(&solved, &inside, self.problem.columns))
    }

    /// The MIP over every candidate.
    fn full(&self) -> Result<(SolvedModel, Vec<usize>), String> {
        (self.phase)(Phase::FullMip);
        self.search(|_| true, None, |_, _| Ok(()))
    }
}

/// Solves `problem` as described in the module documentation, by
/// `deadline`, each HiGHS model made by `open`. The outcome is `timed_out`
/// when any of its searches stopped on the time limit (or none was left for
/// the last one).
pub(crate) fn solve(
    problem: &Problem,
    open: Open,
    deadline: Instant,
    mip_gap: f64,
    phase: &dyn Fn(Phase),
) -> Result<Outcome, String> {
    let stopped = Cell::new(false);
    let mut candidate = vec![false; problem.columns.len()];
    for &c in problem.binaries {
        candidate[c] = true;
    }
    let searches = Searches {
        problem,
        open,
        deadline,
        stopped: &stopped,
        candidate,
        phase,
        mip_gap,
    };
    let mut outcome = solve_within(&searches)?;
    outcome.timed_out |= stopped.get();
    Ok(outcome)
}

/// [`solve`] with its searches.
fn solve_within(searches: &Searches) -> Result<Outcome, String> {
    let mip_gap = searches.mip_gap;
    let problem = searches.problem;
    let (deadline, stopped) = (searches.deadline, searches.stopped);
    let n = problem.columns.len();

    let mut best: Option<Roster> = None;
    let mut bound = f64::NEG_INFINITY;

    // 0. The start, completed over the candidates it chooses or leaves
    // open (`Start`): the answer if its bound proves it.
    if let Some(start) = problem.start.filter(|s| s.bound.is_finite() || s.only) {
        bound = start.bound;
        (searches.phase)(Phase::Neighbourhood);
        let completing = problem
            .binaries
            .iter()
            .filter(|&&c| start.columns[c] != 0.0)
            .count();
        let (solved, inside) = searches.search(
            |j| start.columns[j] != 0.0,
            Some(start.columns),
            |model, _| {
                if completing < PROBE_BELOW {
                    return Ok(());
                }
                model
                    .try_set_option("presolve_rule_off", PRESOLVE_RULES_OFF | PROBING)
                    .map_err(|e| format!("HiGHS rejected presolve_rule_off: {e:?}"))
            },
        )?;
        let roster = Roster::of(&solved, &inside, problem.columns);
        if start.only {
            // Its own search is the whole run: HiGHS's status and gap are
            // the answer's, proven over the start's candidates.
            let own = solved.mip_gap();
            return Ok(Outcome::judged(
                solved.status(),
                roster,
                bound,
                mip_gap,
                Some(own),
            ));
        }
        let verdict =
            before_full_search(HighsModelStatus::ReachedTimeLimit, roster, bound, mip_gap);
        if verdict.within_gap {
            return Ok(verdict);
        }
        best = verdict.roster;
    }

    // 1. The restricted problem: refill candidates held outside HiGHS.
    let resumed = problem
        .start
        .and_then(|s| s.basis)
        .filter(|basis| basis.fits(problem.columns));
    let mut master = match resumed {
        Some(basis) => Master::resume(problem.columns, basis, searches.open)?,
        None => {
            let mut held = vec![false; n];
            for (&c, &first) in problem.binaries.iter().zip(problem.first_lp) {
                held[c] = !first;
            }
            Master::new(problem.columns, held, searches.open)?
        }
    };
    // Whether the neighbourhood of the LP at hand has been searched.
    let mut searched = false;
    (searches.phase)(Phase::Lp);
    let first_lp_started = Instant::now();
    let mut lp = match master.solve(deadline, stopped)? {
        Lp::Optimal(lp) => {
            // Its neighbourhood's roster is a roster of the full model
            // (leaving columns out only fixes them at 0). It costs at least
            // the LP's value, so it is searched only when the bound could
            // prove it: otherwise pricing's LPs give a better roster, and
            // pricing leaves time for the last one's neighbourhood should
            // it run out. On the 150 × 33 county the first LP's
            // neighbourhood took 1.1 s for a roster 56 % above the optimum.
            // With little time left (less than [`SHORT_OF_TIME`] such LPs)
            // it is searched all the same, while there is time for it.
            bound = bound.max(lp.bound);
            let short_of_time =
                remaining(deadline) < SHORT_OF_TIME * first_lp_started.elapsed().as_secs_f64();
            if short_of_time || within(lp.value, bound, mip_gap) {
                let mut verdict = searches.judged_neighbourhood(&lp, master.held(), bound, best)?;
                if verdict.within_gap {
                    verdict.basis = master.basis().ok();
                    return Ok(verdict);
                }
                best = verdict.roster;
                searched = true;
            }
            lp
        }
        // The held candidates may be what makes it feasible (a hard
        // target, strict seniority): the LP with all of them.
        Lp::Not(HighsModelStatus::Infeasible) if master.holds_any() => {
            let all = master.all_held();
            master.enter(&all)?;
            match master.solve(deadline, stopped)? {
                Lp::Optimal(lp) => lp,
                Lp::Not(status) => return Ok(before_full_search(status, best, bound, mip_gap)),
            }
        }
        // No fractional roster, so no roster at all.
        Lp::Not(HighsModelStatus::Infeasible) => {
            return Ok(Outcome::judged(
                HighsModelStatus::Infeasible,
                None,
                bound,
                mip_gap,
                None,
            ))
        }
        Lp::Not(_) => {
            drop(master);
            let (full, inside) = searches.full()?;
            let own = full.mip_gap();
            // The start's roster, if any, stands when the full search
            // finds none (out of time).
            return Ok(Outcome::judged(
                full.status(),
                Roster::better(best, Roster::of(&full, &inside, problem.columns)),
                bound,
                mip_gap,
                Some(own),
            ));
        }
    };

    // 2. The full LP, by pricing (`pricing`): held candidates enter while
    // their reduced cost is negative, and rows left out while the LP breaks
    // them; then the LP is the full model's. Its solves leave a share of
    // the time for the neighbourhood of the last LP, should they run out.
    let pricing_deadline = Instant::now() + (deadline - Instant::now()).mul_f64(1.0 - RESERVE);
    // Whether a bound has proven the early rounding's roster (`best`), with
    // pricing going on all the same (`Problem::price_on`).
    let mut proven_early = false;
    loop {
        let mut entering = master.entering(&lp);
        let broken = master.broken(&lp);
        if entering.is_empty() && broken.is_empty() {
            break;
        }
        // On a large county pricing's last rounds barely move the LP but
        // cost as much as the first (HiGHS flips each entering column to 1
        // and pivots it back): once the bound is within half the gap of
        // the LP's value, the LP's rounding may already be proven by it.
        // The rows the LP breaks enter first, alone (a few warm pivots), as
        // the rounding keeps the LP's whole exchanges: with a couple sent
        // apart it would have to drop them and every refill behind them.
        let costly = problem
            .early_rounding
            .is_some_and(|fewest| entering.len() >= fewest);
        if costly && !proven_early && within(lp.value, bound, mip_gap / 2.0) {
            if broken.is_empty() {
                if !searched {
                    (searches.phase)(Phase::Neighbourhood);
                    best = Roster::better(best, searches.rounding(&lp)?);
                }
                let mut verdict =
                    before_full_search(HighsModelStatus::ReachedTimeLimit, best, bound, mip_gap);
                if verdict.within_gap && !problem.price_on {
                    verdict.basis = master.basis().ok();
                    return Ok(verdict);
                }
                proven_early = verdict.within_gap;
                best = verdict.roster;
            } else {
                entering.clear();
            }
        }
        master.retire(&master.retiring(&lp))?;
        master.enter(&entering)?;
        master.add_rows(&broken)?;
        (searches.phase)(Phase::Lp);
        match master.solve(pricing_deadline, stopped)? {
            Lp::Optimal(next) => {
                bound = bound.max(next.bound);
                lp = next;
                searched = false;
            }
            // Out of time, or not solved (infeasible: an LP of more
            // columns and the rows of a feasible roster is feasible, so
            // only numerically): the better of the best roster so far and
            // the last optimal LP's neighbourhood's, with the bound so far.
            Lp::Not(status) => {
                if !searched {
                    let held = master.held().to_vec();
                    drop(master);
                    best = Roster::better(best, searches.neighbourhood(&lp, &held, bound)?);
                }
                let status = if best.is_some() {
                    HighsModelStatus::ReachedTimeLimit
                } else {
                    status
                };
                return Ok(before_full_search(status, best, bound, mip_gap));
            }
        }
    }
    // Its bound: `z` less the held candidates' reduced costs within the
    // pricing tolerance.
    bound = bound.max(lp.bound);
    let held = master.held().to_vec();
    // The LP's columns are no longer needed: only reduced costs and where
    // it ended are.
    let basis = master.basis().ok();
    drop(master);
    if proven_early {
        // The bound only rose since it proved the roster.
        return Ok(Outcome {
            basis,
            ..before_full_search(HighsModelStatus::ReachedTimeLimit, best, bound, mip_gap)
        });
    }

    // 3. Neighbourhood of the full LP (unless that LP is the restricted
    // one and its neighbourhood was searched already).
    if !searched {
        let verdict = searches.judged_neighbourhood(&lp, &held, bound, best)?;
        if verdict.within_gap {
            return Ok(Outcome { basis, ..verdict });
        }
        best = verdict.roster;
    }
    if remaining(deadline) == 0.0 {
        // No time left for the full search: it stops on the limit too.
        stopped.set(true);
        return Ok(Outcome {
            basis,
            ..before_full_search(HighsModelStatus::ReachedTimeLimit, best, bound, mip_gap)
        });
    }

    // 4. The full MIP from the best roster, over every candidate (held or
    // not) but those reduced-cost fixing leaves out. With the LP's duals,
    // every roster x has `c·x >= z + Σ_j d_j (x_j - x*_j)` (x* the LP's
    // solution; the rows' part is complementary slackness); each term is
    // >= 0 except a held column's with d_j < 0, at least d_j. So a roster
    // with candidate c, d_c >= 0, costs at least `lp.box_bound + d_c`, and c
    // cannot be in a roster better than the best when that exceeds it.
    // A candidate the LP uses has a reduced cost of at most 0; the best
    // roster's own candidates are kept whatever their rounding.
    let room = best
        .as_ref()
        .map_or(f64::INFINITY, |b| b.objective - lp.box_bound + MIP_ABS_GAP);
    let tune = |model: &mut Model, _: &[usize]| {
        if best.is_some() {
            // With a roster in hand only the bound is left to prove, and
            // on a county HiGHS's MIP presolve (probing, mostly) and its
            // symmetry detection cost more than they save there: on a
            // 5,000-teacher county the fallback took 80 s with both, 41 s
            // without presolve and 31 s without either.
            model
                .try_set_option("presolve", "off")
                .and_then(|()| model.try_set_option("mip_detect_symmetry", false))
                .map_err(|e| format!("HiGHS rejected an option of the full search: {e:?}"))?;
        }
        Ok(())
    };
    let in_best = |j: usize| best.as_ref().is_some_and(|b| b.columns[j] > 0.5);
    (searches.phase)(Phase::FullMip);
    let (full, inside) = searches.search(
        |j| lp.reduced[j] <= room || in_best(j),
        best.as_ref().map(|b| b.columns.as_slice()),
        tune,
    )?;
    let own = full.mip_gap();
    // The full search ends with the start or better when it has any
    // roster; without one (out of time before it took the start), the best
    // so far stands.
    let roster = Roster::better(best, Roster::of(&full, &inside, problem.columns));
    let status = match (full.status(), has_solution(&full)) {
        (HighsModelStatus::Optimal, false) => HighsModelStatus::ReachedTimeLimit,
        (status, _) => status,
    };
    Ok(Outcome {
        basis,
        ..Outcome::judged(status, roster, bound, mip_gap, Some(own))
    })
}

/// The outcome of the best roster so far, if any, found before the full
/// search (which alone can prove by its status): infeasible when the LP
/// was, otherwise judged against `bound` only.
fn before_full_search(
    status: HighsModelStatus,
    best: Option<Roster>,
    bound: f64,
    mip_gap: f64,
) -> Outcome {
    let status = match status {
        HighsModelStatus::Infeasible => HighsModelStatus::Infeasible,
        _ => HighsModelStatus::ReachedTimeLimit,
    };
    Outcome::judged(status, best, bound, mip_gap, None)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::{Family, Row, Sense};
    use good_lp::{variable, Expression, ProblemVariables};
    use highs::ColProblem;

    /// The knapsack "max 8a + 11b + 6c + 4d, 5a + 7b + 4c + 3d <= 14".
    /// Its LP takes a, b and half of c (value 22); the best roster is b, c,
    /// d (21). Without d, as the neighbourhood of the LP has it when every
    /// item is its own swap class, the best is a, b (19).
    fn knapsack() -> Columns {
        items(&[8.0, 11.0, 6.0, 4.0], &[5.0, 7.0, 4.0, 3.0], 14.0)
    }

    /// "max Σ value x, Σ weight x <= capacity", x binary.
    pub(in crate::solve) fn items(values: &[f64], weights: &[f64], capacity: f64) -> Columns {
        items_under(values, weights, capacity, Family::Definition)
    }

    /// [`items`] with the capacity row of `family`.
    fn items_under(values: &[f64], weights: &[f64], capacity: f64, family: Family) -> Columns {
        let mut variables = ProblemVariables::new();
        let x: Vec<_> = values
            .iter()
            .map(|_| variables.add(variable().binary()))
            .collect();
        let objective: Expression = values.iter().zip(&x).map(|(&v, &x)| -v * x).sum();
        let lhs: Expression = weights.iter().zip(&x).map(|(&w, &x)| w * x).sum();
        let row = Row {
            name: "capacity".into(),
            family,
            lhs,
            sense: Sense::AtMost,
            rhs: capacity,
        };
        Columns::new(&variables, &objective, vec![row])
    }

    fn open(problem: ColProblem) -> Result<Model, String> {
        Model::try_new(problem).map_err(|e| format!("{e:?}"))
    }

    fn solve_items(
        columns: &Columns,
        classes: &[usize],
        first_lp: &[bool],
        deadline: Instant,
        mip_gap: f64,
    ) -> Outcome {
        solve_from(columns, classes, first_lp, None, deadline, mip_gap)
    }

    fn solve_from(
        columns: &Columns,
        classes: &[usize],
        first_lp: &[bool],
        start: Option<Start>,
        deadline: Instant,
        mip_gap: f64,
    ) -> Outcome {
        let binaries: Vec<usize> = (0..columns.len()).collect();
        let problem = Problem {
            columns,
            binaries: &binaries,
            classes,
            first_lp,
            start,
            early_rounding: Some(crate::solve::pricing::ENTER_AT_LEAST),
            price_on: false,
        };
        solve(&problem, &open, deadline, mip_gap, &|_| {}).expect("HiGHS runs")
    }

    /// The knapsack, each item its own swap class, from `start`.
    fn knapsack_from(start: Start, mip_gap: f64) -> Outcome {
        let deadline = Instant::now() + std::time::Duration::from_secs(60);
        solve_from(
            &knapsack(),
            &[0, 1, 2, 3],
            &[true; 4],
            Some(start),
            deadline,
            mip_gap,
        )
    }

    /// The knapsack from the start "not b, c and d, a open", with the LP's
    /// bound (-22) known beforehand.
    fn from_c_and_d(mip_gap: f64) -> Outcome {
        let columns = [f64::INFINITY, 0.0, 1.0, 1.0];
        let start = Start {
            columns: &columns,
            bound: -22.0,
            basis: None,
            only: false,
        };
        let outcome = knapsack_from(start, mip_gap);
        assert!(outcome.within_gap);
        outcome
    }

    #[test]
    fn a_start_its_bound_proves_is_the_answer() {
        // Completed, the start is a, c, d (18), within 0.25 of the bound
        // 22: the answer, where the searches without it give 19.
        let outcome = from_c_and_d(0.25);
        let roster = outcome.roster.expect("a roster");
        assert_eq!(roster.columns, vec![1.0, 0.0, 1.0, 1.0]);
        assert!((outcome.gap.unwrap() - 4.0 / 18.0).abs() < 1e-9);
        assert_eq!(outcome.bound, -22.0);
    }

    #[test]
    fn a_start_its_bound_cannot_prove_is_searched_past() {
        // 18 is not within 0.2 of 22: the searches go on, and find the
        // LP's rounding a, b (19), within 0.2 of the LP bound.
        let outcome = from_c_and_d(0.2);
        let objective = outcome.roster.expect("a roster").objective;
        assert!((objective + 19.0).abs() < 1e-9, "{objective}");
        // With no gap allowed, on to the optimum 21, proven.
        let outcome = from_c_and_d(0.0);
        let objective = outcome.roster.expect("a roster").objective;
        assert!((objective + 21.0).abs() < 1e-9, "{objective}");
        assert_eq!(outcome.gap, Some(0.0));
    }

    #[test]
    fn a_start_that_is_the_whole_run_answers_with_its_best_completion() {
        // Only a, c and d may be taken (b fixed at 0), no bound known, no
        // gap allowed: the best of those is all three (18, weight 12),
        // proven over them; the knapsack's optimum b, c, d (21) is not
        // searched for.
        let columns = [f64::INFINITY, 0.0, f64::INFINITY, 1.0];
        let start = Start {
            columns: &columns,
            bound: f64::NEG_INFINITY,
            basis: None,
            only: true,
        };
        let outcome = knapsack_from(start, 0.0);
        assert_eq!(outcome.status, HighsModelStatus::Optimal);
        let roster = outcome.roster.expect("a roster");
        assert_eq!(roster.columns, vec![1.0, 0.0, 1.0, 1.0]);
        assert!((roster.objective + 18.0).abs() < 1e-9);
    }

    fn run(classes: [usize; 4], mip_gap: f64) -> (f64, Option<f64>) {
        run_holding(classes, [true; 4], mip_gap)
    }

    /// [`run`] with the items `first_lp` leaves out held back for pricing.
    fn run_holding(classes: [usize; 4], first_lp: [bool; 4], mip_gap: f64) -> (f64, Option<f64>) {
        let outcome = solve_items(
            &knapsack(),
            &classes,
            &first_lp,
            Instant::now() + std::time::Duration::from_secs(60),
            mip_gap,
        );
        assert!(outcome.within_gap);
        let roster = outcome.roster.expect("a roster");
        (
            roster.objective,
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
    fn the_optimum_needs_a_held_item_and_gets_it() {
        // One of a (5) and b (9) fits. b is held: the restricted problem
        // takes a; b's reduced cost under the capacity's dual is negative,
        // so b enters HiGHS (by pricing, or else by its reduced cost in the
        // full MIP) and the answer is b alone, proven.
        let columns = items(&[5.0, 9.0], &[4.0, 4.0], 4.0);
        let deadline = Instant::now() + std::time::Duration::from_secs(60);
        let outcome = solve_items(&columns, &[0, 1], &[true, false], deadline, 0.0);
        assert!(outcome.within_gap);
        let roster = outcome.roster.expect("a roster");
        assert_eq!(roster.columns, vec![0.0, 1.0]);
        assert!(
            (roster.objective + 9.0).abs() < 1e-9,
            "{}",
            roster.objective
        );
        assert_eq!(outcome.gap, Some(0.0));
    }

    #[test]
    fn the_teacher_bound_proves_a_roster_the_box_bound_cannot() {
        // One teacher, three exchanges worth 10 (in the first LP), 11 and
        // 12 (held), rule 1's row "at most one". The first LP sends a (10);
        // its duals price b and c in, and the box bound counts both (at
        // most -13), the teacher bound only the best: -12, the optimum. At
        // a gap of 0.25, a (2 short of 12, 0.2) is proven without pricing;
        // at gap 0, pricing brings c in.
        let columns = items_under(&[10.0, 11.0, 12.0], &[1.0; 3], 1.0, Family::OneExchange);
        let deadline = Instant::now() + std::time::Duration::from_secs(60);
        let first_lp = [true, false, false];
        let loose = solve_items(&columns, &[0, 1, 2], &first_lp, deadline, 0.25);
        assert!(loose.within_gap);
        assert_eq!(loose.roster.expect("a roster").columns, vec![1.0, 0.0, 0.0]);
        assert!((loose.bound + 12.0).abs() < 1e-9, "{}", loose.bound);
        let exact = solve_items(&columns, &[0, 1, 2], &first_lp, deadline, 0.0);
        assert!(exact.within_gap);
        assert_eq!(exact.roster.expect("a roster").columns, vec![0.0, 0.0, 1.0]);
    }

    /// "max 10p + 10q + 0.4h" with the couples' row "p + q <= 1" (left out
    /// of the first LP) and h held.
    fn couple_and_held_item() -> Columns {
        let mut variables = ProblemVariables::new();
        let x: Vec<_> = (0..3).map(|_| variables.add(variable().binary())).collect();
        let objective: Expression = -10.0 * x[0] - 10.0 * x[1] - 0.4 * x[2];
        let couple = Row {
            name: "couple".into(),
            family: Family::Couples,
            lhs: x[0] + x[1],
            sense: Sense::AtMost,
            rhs: 1.0,
        };
        Columns::new(&variables, &objective, vec![couple])
    }

    /// [`couple_and_held_item`] solved at gap 0.1 with pricing's early
    /// rounding from rounds of `early_rounding` columns, and pricing going
    /// on past its proof when `price_on`.
    fn solve_couple_and_held_item(
        columns: &Columns,
        early_rounding: Option<usize>,
        price_on: bool,
    ) -> Outcome {
        let problem = Problem {
            columns,
            binaries: &[0, 1, 2],
            classes: &[0, 1, 2],
            first_lp: &[true, true, false],
            start: None,
            early_rounding,
            price_on,
        };
        let deadline = Instant::now() + std::time::Duration::from_secs(60);
        solve(&problem, &open, deadline, 0.1, &|_| {}).expect("HiGHS runs")
    }

    fn a_couple_and_a_held_item(early_rounding: Option<usize>) -> Outcome {
        solve_couple_and_held_item(&couple_and_held_item(), early_rounding, false)
    }

    #[test]
    fn pricing_ends_when_the_bound_proves_the_lps_rounding() {
        // The first LP takes p and q (-20), breaking the couple's row; its
        // neighbourhood's roster (-10) is far from the bound (-20.4), so
        // pricing goes on. The LP is within half the gap of the bound: the
        // broken row enters alone, the LP is -10 with the bound -10.4, and
        // its rounding (-10) is proven within 0.1 before h enters.
        let early = a_couple_and_a_held_item(Some(0));
        assert!(early.within_gap);
        let roster = early.roster.expect("a roster");
        assert_eq!(roster.columns[2], 0.0, "h never entered");
        assert!(
            (roster.objective + 10.0).abs() < 1e-9,
            "{}",
            roster.objective
        );
        assert!((early.bound + 10.4).abs() < 1e-9, "{}", early.bound);
        // Pricing to the end, or from rounds larger than this one: h enters
        // and the optimum takes it.
        for late in [None, Some(2)] {
            let outcome = a_couple_and_a_held_item(late);
            let roster = outcome.roster.expect("a roster");
            assert_eq!(roster.columns[2], 1.0, "{late:?}");
            assert!(
                (roster.objective + 10.4).abs() < 1e-9,
                "{}",
                roster.objective
            );
        }
    }

    #[test]
    fn pricing_on_past_the_proof_keeps_its_roster_and_ends_with_the_full_lp() {
        // As above, the early rounding (-10, without h) is proven before h
        // enters; pricing goes on, h enters, and the LP ends at -10.4. The
        // roster stays the early one, and the LP resumed from the outcome's
        // basis is the full LP: optimal at once, with nothing to price in.
        let columns = couple_and_held_item();
        let outcome = solve_couple_and_held_item(&columns, Some(0), true);
        assert!(outcome.within_gap);
        let roster = outcome.roster.expect("a roster");
        assert_eq!(roster.columns, vec![1.0, 0.0, 0.0]);
        assert!((outcome.bound + 10.4).abs() < 1e-9, "{}", outcome.bound);
        let basis = outcome.basis.expect("the full LP's basis");
        let mut master = Master::resume(&columns, &basis, &open).expect("resumes");
        let Lp::Optimal(lp) = master
            .solve(
                Instant::now() + std::time::Duration::from_secs(60),
                &Cell::new(false),
            )
            .expect("HiGHS runs")
        else {
            panic!("the full LP is feasible");
        };
        assert!((lp.value + 10.4).abs() < 1e-9, "{}", lp.value);
        assert!(master.entering(&lp).is_empty());
        assert!(master.broken(&lp).is_empty());
    }

    #[test]
    fn the_rounding_keeps_the_lps_whole_exchanges() {
        // "max 8a + 11b + 10c, 5a + 7b + 4c <= 14": the LP takes c and a
        // whole and 5/7 of b. Its rounding keeps a and c (18), though the
        // best roster of the items the LP uses is b and c (21).
        let columns = items(&[8.0, 11.0, 10.0], &[5.0, 7.0, 4.0], 14.0);
        let binaries = [0, 1, 2];
        let problem = Problem {
            columns: &columns,
            binaries: &binaries,
            classes: &binaries,
            first_lp: &[true; 3],
            start: None,
            early_rounding: None,
            price_on: false,
        };
        let stopped = Cell::new(false);
        let deadline = Instant::now() + std::time::Duration::from_secs(60);
        let mut master = Master::new(&columns, vec![false; 3], &open).unwrap();
        let Ok(Lp::Optimal(lp)) = master.solve(deadline, &stopped) else {
            panic!("the LP solves");
        };
        let searches = Searches {
            problem: &problem,
            open: &open,
            deadline,
            stopped: &stopped,
            candidate: vec![true; 3],
            phase: &|_| {},
            mip_gap: 0.0,
        };
        let rounded = searches.rounding(&lp).unwrap().expect("a roster");
        assert_eq!(rounded.columns, vec![1.0, 0.0, 1.0]);
        assert!((rounded.objective + 18.0).abs() < 1e-9);
        // The neighbourhood starts from it and finds b and c.
        let best = searches
            .neighbourhood(&lp, &[false; 3], lp.bound)
            .unwrap()
            .expect("a roster");
        assert_eq!(best.columns, vec![0.0, 1.0, 1.0]);
    }

    #[test]
    fn a_swap_class_brings_unused_candidates_into_the_neighbourhood() {
        // d shares c's class, so the neighbourhood holds the optimum 21,
        // within 1/21 of the LP's 22.
        let (value, proven) = run([0, 1, 2, 2], 0.05);
        assert!((value + 21.0).abs() < 1e-9, "{value}");
        assert!(proven.is_some_and(|gap| (gap - 1.0 / 21.0).abs() < 1e-9));
    }

    #[test]
    fn a_deadline_already_passed_is_a_run_cut_short_by_the_time_limit() {
        // No time left for any search: whatever comes back is flagged as
        // timed out (summary.json: a rerun may differ).
        let outcome = solve_items(
            &knapsack(),
            &[0, 1, 2, 3],
            &[true, false, true, false],
            Instant::now(),
            0.0,
        );
        assert!(outcome.timed_out);
    }

    fn roster(objective: f64) -> Option<Roster> {
        Some(Roster {
            columns: vec![],
            objective,
        })
    }

    #[test]
    fn a_roster_of_less_than_the_full_model_is_optimal_only_within_the_gap() {
        // The restricted problem's own search proved its roster (10)
        // optimal, but against the full model's bound 9 that is a gap of
        // 1/10: feasible with that gap, not optimal.
        let restricted = Outcome::judged(HighsModelStatus::Optimal, roster(10.0), 9.0, 1e-4, None);
        assert!(!restricted.within_gap);
        assert_eq!(restricted.status, HighsModelStatus::ReachedTimeLimit);
        assert!(restricted.gap.is_some_and(|gap| (gap - 0.1).abs() < 1e-12));
        // The same roster from a full search HiGHS proved optimal is.
        let full = Outcome::judged(
            HighsModelStatus::Optimal,
            roster(10.0),
            9.0,
            1e-4,
            Some(0.0),
        );
        assert!(full.within_gap);
        assert_eq!(full.gap, Some(0.0));
    }

    #[test]
    fn the_best_roster_survives_a_full_search_without_one() {
        // A full search cut short before it took its start has no roster:
        // the restricted one stands, with its gap to the bound.
        let kept = Roster::better(roster(10.0), None);
        let outcome = Outcome::judged(
            HighsModelStatus::ReachedTimeLimit,
            kept,
            8.0,
            1e-4,
            Some(f64::INFINITY),
        );
        assert!(!outcome.within_gap);
        assert!(outcome.roster.is_some_and(|r| r.objective == 10.0));
        assert!(outcome.gap.is_some_and(|gap| (gap - 0.2).abs() < 1e-12));
    }
}
